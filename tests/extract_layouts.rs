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

/// The clause at `path`: body clauses can hold the same words as a row.
fn at<'d>(doc: &'d Document, path: &str) -> &'d Clause {
    doc.clauses.iter().find(|c| c.path == path).unwrap_or_else(|| panic!("no clause {path}"))
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

/// Bắc Ninh 141/KH-UBND item 5: a labelled time is the task's deadline even
/// in a form that does not end (`Giai đoạn 2026-2030 và những năm tiếp theo`).
#[test]
fn labelled_time_that_goes_on() {
    let doc = read("bac-ninh-2025-kh-ubnd-141");
    let task = clause(&doc, "Nghiên cứu tham mưu UBND tỉnh ban hành");
    let d = task.deadline.as_ref().expect("a deadline");
    assert_eq!(d.text(), "Giai đoạn 2026-2030 và những năm tiếp theo");
    assert_eq!(d.start().map(|d| d.to_string()).as_deref(), Some("2026-01-01"));
    assert_eq!(d.due(), None);
}

/// Đồng Tháp 617/KH-UBND: the duty `3. Sở Công Thương: Hỗ trợ …` is the
/// appendix row printed in the same words, and takes its time and partners.
#[test]
fn duty_and_row_in_the_same_words() {
    let doc = read("dong-thap-2025-kh-ubnd-617");
    let twins: Vec<&Clause> =
        doc.clauses.iter().filter(|c| c.text.starts_with("Hỗ trợ cho các doanh nghiệp, nhất là")).collect();
    assert_eq!(twins.len(), 2, "{twins:?}");
    for c in twins {
        assert_eq!(agencies(c, Role::Lead), ["Sở Công Thương"], "{}", c.path);
        assert_eq!(agencies(c, Role::Cooperating), ["UBND các xã, phường"], "{}", c.path);
        assert_eq!(c.deadline.as_ref().map(|d| d.text()), Some("Quí IV-2025"), "{}", c.path);
    }
}

/// Quyết định 2530/QĐ-TTg (markdown): the last row of Phụ lục I, printed
/// just before the title of Phụ lục II, is a row of the first table; a
/// sub-row with fewer cells puts its result (`… được ban hành.`) in the
/// result column.
#[test]
fn last_row_before_the_next_appendix() {
    let doc = read("qd-2530-qd-ttg-2025");
    let row = clause(&doc, "Tăng cường vai trò giám sát, vận động đoàn viên");
    // The Front's member organisations are named with it: one agency, as
    // the label has it.
    assert_eq!(agencies(row, Role::Lead), ["Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên"]);
    assert_eq!(row.deadline.as_ref().map(|d| d.text()), Some("Giai đoạn 2026 - 2030"));
    let sub = clause(&doc, "- Nghiên cứu việc xây dựng chương trình đào tạo");
    assert!(sub.text.contains("Kết quả: Chương trình đào tạo được ban hành."), "{}", sub.text);
    assert_eq!(agencies(sub, Role::Cooperating), ["Các bộ, ngành liên quan"]);
    assert_eq!(sub.deadline.as_ref().map(|d| d.text()), Some("Giai đoạn 2026 - 2030"));
}

/// Quyết định 2820/QĐ-UBND (TP. Hồ Chí Minh), row IV.4: the task cell holds
/// two sentences and the lead and partner cells two lines each, which pair
/// up as two tasks sharing the row's time.
#[test]
fn parallel_lines_in_one_row() {
    let doc = read("tp-hcm-2025-qd-ubnd-2820");
    let first = clause(&doc, "Bố trí nhân lực đảm bảo đủ năng lực để thực hiện nhiệm vụ");
    assert_eq!(agencies(first, Role::Lead), ["Các sở, ngành", "UBND xã, phường, đặc khu"]);
    assert_eq!(agencies(first, Role::Cooperating), ["Sở Tài chính"]);
    let second = clause(&doc, "Bố trí nhân lực đảm bảo đủ năng lực để quản lý");
    assert_eq!(agencies(second, Role::Lead), ["Sở Tài chính"]);
    assert_eq!(agencies(second, Role::Cooperating), ["Các sở, ngành", "UBND xã, phường, đặc khu"]);
    for c in [first, second] {
        assert_eq!(c.deadline.as_ref().map(|d| d.text()), Some("Năm 2026"), "{}", c.path);
    }
}

/// Nghị quyết 122/NQ-CP: duties written as sentences, whose subject is a
/// group of state companies (`Các Tập đoàn, Tổng công ty hoàn thành …`) or
/// whose verb is `hoàn thiện`, and whose time is an event or a year inside
/// the sentence.
#[test]
fn prose_duties_with_times_in_the_sentence() {
    let doc = read("nq-122-nq-cp-2026");
    let soe = clause(&doc, "Các Tập đoàn, Tổng công ty hoàn thành chỉ tiêu");
    assert_eq!(agencies(soe, Role::Lead), ["Các Tập đoàn, Tổng công ty"]);
    let settle = clause(&doc, "Các bộ, cơ quan trung ương và địa phương hoàn thiện công tác quyết toán");
    assert_eq!(agencies(settle, Role::Lead), ["Các bộ, cơ quan trung ương và địa phương"]);
    let after = clause(&doc, "Chủ động xây dựng Chương trình hành động của Chính phủ thực hiện Nghị quyết");
    let d = after.deadline.as_ref().expect("a time");
    assert_eq!(d.text(), "ngay sau khi Nghị quyết của Bộ Chính trị được ban hành");
    let year = clause(&doc, "Khẩn trương báo cáo Chính phủ để trình Quốc hội sửa đổi Luật Đất đai");
    assert_eq!(year.deadline.as_ref().map(|d| d.text()), Some("trong năm 2026"));
    // The year of a target (`phấn đấu tiết kiệm điện tối thiểu 3,0% … trong
    // năm 2026`) is no time to finish by; a date beats a year.
    let target = clause(&doc, "Tập trung triển khai quyết liệt các giải pháp tiết kiệm năng lượng");
    assert_eq!(target.deadline, None);
    let dated = clause(&doc, "Khẩn trương rà soát hoàn thiện, bổ sung các chỉ tiêu tăng trưởng");
    assert_eq!(dated.deadline.as_ref().map(|d| d.text()), Some("trước ngày 06 tháng 5 năm 2026"));
}

/// Every development text gives each clause one path, also where a table's
/// numbering restarts in each sub-group (2629/QĐ-TTg, Phụ lục I: `I.1` /
/// rows `1`–`3`, `I.2` / rows `1`–`7`): such rows go under their sub-group.
#[test]
fn clause_paths_are_unique() {
    let dir = format!("{}/tests/corpus/texts", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 13, "{names:?}");
    for name in names {
        let doc = read(&name);
        let mut seen = std::collections::HashSet::new();
        let twice: Vec<&str> =
            doc.clauses.iter().map(|c| c.path.as_str()).filter(|p| !seen.insert(*p)).collect();
        assert!(twice.is_empty(), "{name}: {twice:?}");
    }
    let doc = read("qd-2629-qd-ttg-2025");
    let row = clause(&doc, "Tỉ lệ các nền tảng số quốc gia, nền tảng số dùng chung");
    assert!(row.path.ends_with("PL.I.2.1"), "{}", row.path);
}

/// Nghị quyết 122/NQ-CP carries out `các nhiệm vụ … tại Thông báo số
/// 213/TB-VPCP`: the notice is cited, but a Government resolution does not
/// implement a document of the Government Office; lineage runs down.
#[test]
fn no_implementing_a_lower_authority() {
    let doc = read("nq-122-nq-cp-2026");
    assert!(doc.citations.iter().any(|l| l.target.as_str() == "vn/2026/tb-vpcp/213"));
    let lower = doc
        .clauses
        .iter()
        .flat_map(|c| c.implements.iter().map(move |i| (c.path.as_str(), i.target.to_string())))
        .filter(|(_, t)| t.contains("tb-vpcp") || t.contains("btc-") || t.contains("tt-b"))
        .collect::<Vec<_>>();
    assert!(lower.is_empty(), "{lower:?}");
    assert!(doc.clauses.iter().any(|c| !c.implements.is_empty()), "higher documents are still implemented");
}

/// Nghị quyết 100/NQ-CP, row IV.4: a span of years broken at its dash
/// (`Năm` / `2026-` / `2030`) is one span.
#[test]
fn year_span_broken_at_its_dash() {
    let doc = read("nq-100-nq-cp-2026");
    let row = at(&doc, "PL.IV.4");
    assert!(row.text.starts_with("Đề xuất cơ chế, chính sách, hình thức khen thưởng"), "{}", row.text);
    assert_eq!(row.deadline.as_ref().map(|d| d.text()), Some("Năm 2026-2030"));
}

/// Nghị quyết 100/NQ-CP, Phụ lục: a narrow agency column that breaks names
/// a word a line (`Thanh` / `tra` / `Chính phủ,`), a product in the result
/// cell (`Chiến lược, Đề án, …`), and cells that go on after a page break
/// where they were left open (`… các` / `Bộ, ngành liên quan`), not where
/// they were closed by a full stop (`Thực hiện thường xuyên.`).
#[test]
fn narrow_cells_and_cells_resumed_after_a_page_break() {
    let doc = read("nq-100-nq-cp-2026");
    let row = |path: &str| at(&doc, path);
    let r = row("PL.II.3");
    assert_eq!(agencies(r, Role::Lead), ["Bộ Ngoại giao"]);
    assert_eq!(agencies(r, Role::Cooperating)[..2], ["Thanh tra Chính phủ", "Bộ Công an"]);
    let r = row("PL.IV.1");
    assert_eq!(agencies(r, Role::Lead), ["Các Bộ, ngành, địa phương", "các tổ chức nhân dân"]);
    let r = row("PL.I.4");
    assert_eq!(r.deadline.as_ref().map(|d| d.text()), Some("Thực hiện thường xuyên."));
    // A cell left open before the break (`trong Ủy ban`) takes the line
    // after it; the name's last line ending with a full stop stays the
    // task's; a lower-case `các tổ chức` goes on a name, no new cell.
    let r = row("PL.VI.1");
    assert_eq!(agencies(r, Role::Lead), ["Bộ Ngoại giao"]);
    let r = row("PL.III.6");
    assert_eq!(r.deadline, None);
    assert_eq!(agencies(r, Role::Cooperating)[1..], ["Bộ Tài chính", "các Bộ, ngành liên quan"]);
}

/// Nghị quyết 175/NQ-CP, Phụ lục II (tasks grouped by agency, the agency's
/// label printed among its tasks): a task whose time is no time form still
/// ends where a full-width line starts the next; no agency is the partner
/// of its own task; every label heads a task; a label's name runs over
/// short lines; a time cell run on after a partner on one line is its own.
#[test]
fn grouped_tasks_split_by_width_partners_and_pages() {
    let doc = read("nq-175-nq-cp-2023");
    let task = clause(&doc, "Thực hiện các thủ tục theo quy định của pháp luật về đầu tư");
    assert!(!task.text.contains("Trình cấp"), "{}", task.text);
    let task = clause(&doc, "Trình cấp có thẩm quyền bổ sung các dự án đầu tư xây dựng");
    assert_eq!(agencies(task, Role::Lead), ["Bộ Kế hoạch và Đầu tư"]);
    assert_eq!(agencies(task, Role::Cooperating), ["Bộ Tài chính", "Bộ Công an"]);
    let task = clause(&doc, "Xây dựng, ban hành quy định về quy chuẩn, tiêu chuẩn của Trung tâm dữ liệu");
    assert_eq!(agencies(task, Role::Lead), ["Bộ Thông tin và Truyền thông"]);
    let task = clause(&doc, "Tuyên truyền, phổ biến tới người dân tầm quan trọng");
    assert_eq!(agencies(task, Role::Lead), ["Bộ Công an"]);
    let task = clause(&doc, "Bố trí kinh phí thực hiện Nghị quyết");
    assert_eq!(agencies(task, Role::Lead), ["Bộ Tài chính"]);
    assert_eq!(
        task.deadline.as_ref().map(|d| d.text()),
        Some("Theo lộ trình của Đề án do Bộ Công an đề xuất")
    );
    let task = clause(&doc, "Đánh giá tác động môi trường trong quá trình xây dựng");
    assert_eq!(agencies(task, Role::Lead), ["Bộ Tài nguyên và Môi trường"]);
    let task = clause(&doc, "Giới thiệu địa điểm phục vụ lựa chọn");
    assert_eq!(task.deadline.as_ref().map(|d| d.text()), Some("Theo lộ trình thực hiện Đề án"));
    // A task next to a split that nothing but the label's place decides is
    // named in a warning at its line.
    let path = format!("{}/tests/corpus/texts/nq-175-nq-cp-2023.txt", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("corpus text");
    let line = text.lines().position(|l| l.starts_with("Thành lập đơn vị cấp Cục")).map(|i| i + 1);
    assert!(
        doc.warnings.iter().any(|w| w.line == line && w.message.contains("by where its label is printed")),
        "{:?}",
        doc.warnings
    );
    let task = clause(&doc, "Chuẩn bị bố trí bảo đảm các điều kiện hạ tầng");
    assert_eq!(
        agencies(task, Role::Lead),
        ["UBND thành phố Hà Nội, Thành phố Hồ Chí Minh, Hòa Bình, Cần Thơ, Lâm Đồng"]
    );
}

/// Nghị quyết 175/NQ-CP, Phụ lục I: under a title naming whose duties they
/// are, an item addressed `Đối với X: …` is X's, with its time in the
/// sentence (`… trong Quý II/2025.`).
#[test]
fn addressed_items_under_a_duties_title() {
    let doc = read("nq-175-nq-cp-2023");
    let item = clause(&doc, "Đối với các đơn vị đã xây dựng cơ sở dữ liệu quốc gia");
    assert_eq!(agencies(item, Role::Lead), ["các đơn vị đã xây dựng cơ sở dữ liệu quốc gia"]);
    assert_eq!(item.deadline.as_ref().map(|d| d.text()), Some("trong Quý II/2025"));
    let item = at(&doc, "PL.I.3");
    let words = format!("{} {}", item.heading.as_deref().unwrap_or(""), item.text);
    assert!(words.trim_start().starts_with("Kết nối Nền tảng tích hợp"), "{words}");
    assert_eq!(agencies(item, Role::Lead), ["CÁC BỘ, NGÀNH, ĐỊA PHƯƠNG"]);
}
