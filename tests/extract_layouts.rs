//! Layouts of the development corpus read as tasks, each checked on the
//! real text that prints it (tests/corpus/texts).

use directive_lineage::{extract, Clause, Document, ExtractOptions, Role};

fn read(name: &str) -> Document {
    let path = format!("{}/tests/corpus/texts/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("corpus text");
    extract(&text, &ExtractOptions::new(&path)).expect("a document")
}

fn clause<'d>(doc: &'d Document, opening: &str) -> &'d Clause {
    doc.clauses
        .iter()
        .find(|c| c.text.starts_with(opening))
        .unwrap_or_else(|| panic!("no clause {opening:?}"))
}

fn agencies(c: &Clause, role: Role) -> Vec<&str> {
    c.assignments.iter().filter(|a| a.role == role).map(|a| a.agency.as_str()).collect()
}

/// Bắc Ninh 141/KH-UBND item 9: the task's fields printed as bullets
/// (`- Đơn vị chủ trì: Sở Tư pháp.`) are the task's, not tasks of their own.
#[test]
fn fields_printed_as_bullets() {
    let doc = read("bac-ninh-2025-kh-ubnd-141");
    let task = clause(&doc, "Tham mưu, đề xuất tổ chức Đoàn");
    assert_eq!(agencies(task, Role::Lead), ["Sở Tư pháp"]);
    assert_eq!(
        agencies(task, Role::Cooperating),
        ["Văn phòng UBND tỉnh", "các cơ quan, đơn vị, địa phương liên quan"]
    );
    assert_eq!(task.deadline.as_ref().map(|d| d.text()), Some("Hằng năm"));
    let fields: Vec<&Clause> =
        doc.clauses.iter().filter(|c| c.path.starts_with(&format!("{}.", task.path))).collect();
    assert_eq!(fields.len(), 3, "{fields:?}");
    assert!(fields.iter().all(|f| f.assignments.is_empty() && f.deadline.is_none()), "{fields:?}");
}

/// Nghị quyết 175/NQ-CP, Phụ lục I: duties listed under a title naming
/// whose they are, and a table grouped by agency whose labels sit in the
/// middle of their tasks.
#[test]
fn titled_duties_and_tables_grouped_by_agency() {
    let doc = read("nq-175-nq-cp-2023");
    let duty = clause(&doc, "Rà soát, bổ sung các điều kiện bảo đảm an ninh");
    assert_eq!(agencies(duty, Role::Lead), ["CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG"]);
    assert_eq!(duty.deadline.as_ref().map(|d| d.text()), Some("từ Quý IV/2024"));
    let row = clause(&doc, "Hướng dẫn, tư vấn các tiêu chuẩn, quy chuẩn phục vụ thiết kế");
    assert_eq!(agencies(row, Role::Lead), ["Bộ Quốc phòng"]);
    assert_eq!(agencies(row, Role::Cooperating), ["Bộ Công an"]);
    assert_eq!(row.deadline.as_ref().map(|d| d.text()), Some("Quý IV/2023"));
    let row = clause(&doc, "Tham mưu Chính phủ ban hành Nghị định quy định danh mục cơ sở dữ liệu quốc gia;");
    assert_eq!(agencies(row, Role::Lead), ["Bộ Thông tin và Truyền thông"]);
    assert_eq!(agencies(row, Role::Cooperating), ["Bộ Tư pháp", "Văn phòng Chính phủ", "Bộ Công an"]);
}

/// Nghị quyết 109/NQ-CP, Phụ lục III/IV: lead cells that number their
/// parts, two cells on one line, a deadline before the submission level.
#[test]
fn numbered_lead_parts_and_run_on_cells() {
    let doc = read("nq-109-nq-cp-2026");
    let row = clause(&doc, "Hoàn thành các phương án và ban hành đầy đủ các quy định");
    assert_eq!(
        agencies(row, Role::Lead),
        [
            "Bộ Tài chính",
            "Bộ Nông nghiệp và Môi trường",
            "Thanh tra Chính phủ",
            "các bộ, cơ quan",
            "Các bộ, cơ quan, địa phương"
        ]
    );
    let row = clause(&doc, "Rà soát, phê duyệt điều chỉnh Quy hoạch sử dụng đất");
    assert_eq!(agencies(row, Role::Lead), ["Bộ Nông nghiệp và Môi trường"]);
    let row = clause(&doc, "Xây dựng cơ chế, chính sách huy động nguồn lực phát triển điện hạt");
    assert_eq!(row.deadline.as_ref().map(|d| d.text()), Some("2026 - 2027"));
}
