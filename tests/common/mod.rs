//! Small corpora built in code, shared by the export tests.
#![allow(dead_code)]

use directive_lineage::{AgencyEntry, AgencyKind, Corpus, Date, Jurisdiction, Level, LineageGraph};

/// Text holding everything Graphviz or a CSV reader might trip on.
pub const HOSTILE: &str = "Kế hoạch \"đặc biệt\" back\\slash <b>bold</b> {a} | b ; c -- d & e \\N tail\\";

fn jurisdiction(id: &str, name: &str, level: Level, successor: Option<&str>) -> Jurisdiction {
    Jurisdiction {
        id: id.into(),
        name: name.into(),
        aliases: Vec::new(),
        level,
        parent: (id != "vn").then(|| "vn".to_string()),
        successor: successor.map(str::to_string),
        successor_since: successor.map(|_| "2025-07-01".parse::<Date>().unwrap()),
        successor_basis: None,
    }
}

fn agency(key: &str, name: &str, aliases: &[&str], kind: AgencyKind) -> AgencyEntry {
    AgencyEntry {
        key: key.into(),
        name: name.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        kind,
        scope: Level::Province,
        members: Vec::new(),
        source: None,
        successor: None,
        successor_since: None,
        note: None,
    }
}

/// A directive with two reconstructed groups; Quảng Ninh's plan implements
/// it (one inferred clause link); Thái Bình's plan (taken over by Hưng Yên)
/// through its department's plan; a based-on normative act known only by
/// citation; a draft. Titles, clause texts and agency names are hostile
/// when `hostile` is set.
pub fn corpus_json(hostile: bool) -> serde_json::Value {
    let h = |plain: &str| if hostile { format!("{plain} {HOSTILE}\nsecond line") } else { plain.to_string() };
    serde_json::json!({
        "format": "directive-lineage/corpus@1",
        "documents": [
            {
                "id": "vn/2023/ct-tw/25", "kind": "chi-thi", "number": "25-CT/TW",
                "issuer": "Ban Bí thư", "jurisdiction": "vn", "level": "central", "branch": "party",
                "date": "2023-10-25", "title": h("Về tiếp tục củng cố, hoàn thiện mạng lưới y tế cơ sở"),
                "status": "cited-only",
                "clauses": [
                    {"path": "1", "kind": "item", "heading": h("Nâng cao nhận thức"), "provenance": "reconstructed"},
                    {"path": "4", "kind": "item", "heading": h("Đổi mới cơ chế tài chính"), "provenance": "reconstructed"}
                ]
            },
            {
                "id": "vn/2015/tt-byt/33", "kind": "thong-tu", "number": "33/2015/TT-BYT",
                "issuer": "Bộ Y tế", "jurisdiction": "vn", "level": "central", "branch": "department",
                "date": "2015-10-27", "title": h("Hướng dẫn chức năng, nhiệm vụ của Trạm Y tế"),
                "status": "cited-only"
            },
            {
                "id": "quang-ninh/2024/kh-ubnd/162", "kind": "ke-hoach", "number": "162/KH-UBND",
                "issuer": "UBND tỉnh Quảng Ninh", "jurisdiction": "quang-ninh", "level": "province",
                "branch": "government", "date": "2024-06-27", "title": h("Thực hiện Chỉ thị 25-CT/TW"),
                "status": "full-text",
                "citations": [
                    {"text": "Chỉ thị số 25-CT/TW", "target": "vn/2023/ct-tw/25", "relation": "implements"},
                    {"text": "Thông tư 33/2015/TT-BYT", "target": "vn/2015/tt-byt/33", "relation": "based-on"}
                ],
                "clauses": [
                    {"path": "II", "kind": "section", "heading": "NHIỆM VỤ", "provenance": "stated"},
                    {"path": "II.4", "kind": "item", "text": h("Đổi mới cơ chế tài chính"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#4", "provenance": "curated"}]},
                    {"path": "PL", "kind": "section", "heading": "PHỤ LỤC", "provenance": "stated"},
                    {"path": "PL.7", "kind": "row", "text": h("Sắp xếp trạm y tế"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#1", "provenance": "curated"}],
                     "assignments": [
                        {"agency": "Sở Y tế", "role": "lead"},
                        {"agency": if hostile { HOSTILE } else { "Sở Nội vụ" }, "role": "cooperating"},
                        {"agency": "Sở Nội vụ", "role": "cooperating"}
                     ],
                     "deadline": "Trước tháng 7/2025"},
                    {"path": "PL.12", "kind": "row", "text": h("Giá dịch vụ y tế"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#4", "provenance": "curated"}],
                     "assignments": [
                        {"agency": "Sở Tài chính", "role": "lead", "completed": "2024-12-20"},
                        {"agency": "Sở Y tế", "role": "cooperating"}
                     ],
                     "deadline": "Hoàn thành trong tháng 12/2024"},
                    {"path": "PL.13", "kind": "row", "text": h("Quỹ khám chữa bệnh"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#4", "provenance": "inferred", "score": 0.73}],
                     "assignments": [{"agency": "Sở Tài chính", "role": "lead", "completed": "2025-03-02"}],
                     "deadline": "Cả năm 2024"},
                    {"path": "PL.14", "kind": "row", "text": h("Tự chủ tài chính"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#4", "provenance": "curated"}],
                     "assignments": [{"agency": "UBND các huyện, thị xã, thành phố", "role": "lead"}],
                     "deadline": "Nhiệm vụ thường xuyên"},
                    {"path": "PL.15", "kind": "row", "text": h("Đầu tư trạm y tế"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#4", "provenance": "curated"}],
                     "assignments": [{"agency": "Sở Kế hoạch và Đầu tư", "role": "lead"}],
                     "deadline": "Từ năm 2026"},
                    {"path": "PL.16", "kind": "row", "text": h("Chuyển đổi số"), "provenance": "stated",
                     "assignments": [{"agency": "Sở Y tế", "role": "lead"}]}
                ]
            },
            {
                "id": "thai-binh/2024/kh-syt/56", "kind": "ke-hoach", "number": "56/KH-SYT",
                "issuer": "Sở Y tế tỉnh Thái Bình", "jurisdiction": "thai-binh", "level": "province",
                "branch": "department", "date": "2024-03-15", "title": h("Kế hoạch của Sở Y tế"),
                "status": "summary",
                "citations": [
                    {"text": "Chỉ thị số 25-CT/TW", "target": "vn/2023/ct-tw/25", "relation": "cites"}
                ],
                "clauses": [
                    {"path": "4", "kind": "item", "heading": h("Đổi mới cơ chế tài chính"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#4", "provenance": "curated"}],
                     "assignments": [{"agency": "Phòng Kế hoạch - Tài chính", "role": "lead"}],
                     "deadline": "Quý II năm 2024"}
                ]
            },
            {
                "id": "dak-lak/2024/kh-syt/draft-thuc-hien-nghi-quyet-so-01", "kind": "ke-hoach",
                "number": "Số: /KH-SYT",
                "issuer": "Sở Y tế tỉnh Đắk Lắk", "jurisdiction": "dak-lak", "level": "province",
                "branch": "department", "title": h("Thực hiện Nghị quyết số 01/NQ-CP"), "status": "draft",
                "clauses": [
                    {"path": "III.2.b", "kind": "point", "text": h("Củng cố y tế cơ sở"), "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#1", "provenance": "curated"}]}
                ]
            }
        ]
    })
}

/// The corpus of [`corpus_json`] with its jurisdiction and agency tables.
pub fn corpus(hostile: bool) -> Corpus {
    let mut c = Corpus::from_json("test.json", &corpus_json(hostile).to_string()).expect("valid corpus");
    c.set_jurisdictions(vec![
        jurisdiction("vn", "Việt Nam", Level::Central, None),
        jurisdiction("quang-ninh", "Quảng Ninh", Level::Province, None),
        jurisdiction("thai-binh", "Thái Bình", Level::Province, Some("hung-yen")),
        jurisdiction("hung-yen", "Hưng Yên", Level::Province, None),
        jurisdiction("dak-lak", "Đắk Lắk", Level::Province, None),
    ]);
    c.set_agencies(vec![
        agency("so-y-te", "Sở Y tế", &["Sở Y tế tỉnh"], AgencyKind::Body),
        agency("so-noi-vu", "Sở Nội vụ", &[], AgencyKind::Body),
        agency("so-tai-chinh", "Sở Tài chính", &[], AgencyKind::Body),
        agency("so-ke-hoach-va-dau-tu", "Sở Kế hoạch và Đầu tư", &["Sở KH&ĐT"], AgencyKind::Body),
        agency("ubnd-cac-huyen", "UBND các huyện, thị xã, thành phố", &[], AgencyKind::Group),
    ]);
    c
}

/// The graph of [`corpus`].
pub fn graph(hostile: bool) -> LineageGraph {
    LineageGraph::build(corpus(hostile))
}
