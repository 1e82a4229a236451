//! The bundled data against the seed texts it was curated from, and the
//! queries the monitors ask, on that data.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use directive_lineage::{
    Citation, Corpus, Date, DocStatus, LineageGraph, QueryOptions, Role, Severity, TaskFilter, TaskStatus,
};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn graph() -> LineageGraph {
    LineageGraph::build(Corpus::load(data()).expect("bundled data loads"))
}

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn bundled_data_has_no_errors_or_warnings() {
    let problems = graph().validate();
    assert!(problems.is_empty(), "{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
}

/// Every numbered document cited in a seed is a document of the corpus, and
/// every seed document is one too, with its text as its source.
#[test]
fn every_seed_document_and_citation_is_in_the_corpus() {
    let g = graph();
    let corpus = g.corpus();
    let sources: Vec<_> =
        corpus.documents().iter().filter_map(|d| d.source.clone().map(|s| (d, s))).collect();
    assert_eq!(sources.len(), 5, "one corpus document per seed");
    for (doc, source) in sources {
        let text = fs::read_to_string(data().join(&source)).unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_ne!(doc.status, DocStatus::CitedOnly, "{}", doc.id);
        for c in Citation::find_all(&text) {
            let found = match c.resolve(&doc.jurisdiction) {
                Some(id) => corpus.document(&id).is_some(),
                // No date in the citation: the number must still name a document.
                None => corpus.documents().iter().any(|d| d.number.as_ref() == Some(c.number())),
            };
            assert!(found, "{source}: citation {:?} ({}) is not in the corpus", c.text(), c.number());
        }
    }
}

#[test]
fn chains_of_directive_25() {
    let g = graph();
    let c = g.corpus();
    let doc = |r: &str| c.document_by_ref(r).unwrap();
    let parents = |r: &str| -> BTreeSet<String> {
        g.trace_up(r, &QueryOptions::new())
            .unwrap()
            .iter()
            .filter_map(|ch| ch.steps.get(1).map(|s| s.0.clone()))
            .collect()
    };
    // 25-CT/TW → 281/QĐ-TTg → 162/KH-UBND, and 162 also implements 25 directly.
    assert_eq!(
        parents("162/KH-UBND"),
        BTreeSet::from(["vn/2023/ct-tw/25".into(), "vn/2024/qd-ttg/281".into()])
    );
    assert_eq!(parents("281/QĐ-TTg"), BTreeSet::from(["vn/2023/ct-tw/25".into()]));
    // 25-CT/TW → 230-KH/TU → 47/KH-UBND → 56/KH-SYT: 230 predates 281.
    assert_eq!(parents("230-KH/TU"), BTreeSet::from(["vn/2023/ct-tw/25".into()]));
    assert_eq!(parents("47/KH-UBND@thai-binh"), BTreeSet::from(["thai-binh/2024/kh-tu/230".into()]));
    assert_eq!(parents("56/KH-SYT"), BTreeSet::from(["thai-binh/2024/kh-ubnd/47".into()]));
    let under_281: Vec<String> =
        g.implementing_documents(doc("281/QĐ-TTg")).iter().map(|d| d.id.to_string()).collect();
    assert_eq!(under_281, ["quang-ninh/2024/kh-ubnd/162"]);
    assert!(doc("230-KH/TU").date < doc("281/QĐ-TTg").date);
}

#[test]
fn lineage_tree_puts_230_under_25_not_281() {
    let tree = graph().lineage_tree();
    let lines: Vec<&str> = tree.lines().collect();
    let pos =
        |needle: &str| lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle}"));
    let depth = |i: usize| lines[i].chars().take_while(|c| !c.is_alphanumeric()).count();
    let (root, kh230, qd281) = (pos("Chỉ thị 25-CT/TW"), pos("230-KH/TU"), pos("281/QĐ-TTg"));
    assert_eq!(depth(root), 0);
    assert_eq!(depth(kh230), 4, "230-KH/TU is a child of the root:\n{tree}");
    assert_eq!(depth(qd281), 4);
    assert!(lines[kh230].contains("2024-01-24") && lines[kh230].contains("Ban thường vụ Tỉnh ủy"));
    // The Thái Bình chain hangs under 230, at increasing depth.
    let (kh47, kh56) = (pos("47/KH-UBND"), pos("56/KH-SYT"));
    assert!(kh230 < kh47 && kh47 < kh56 && kh56 < qd281, "{tree}");
    assert_eq!((depth(kh47), depth(kh56)), (8, 12), "{tree}");
}

#[test]
fn reconstructed_groups_name_their_sources() {
    let g = graph();
    let ct = g.corpus().document_by_ref("25-CT/TW").unwrap();
    let groups: Vec<&str> = ct.clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(groups, ["1", "2", "3", "4", "5"]);
    for c in &ct.clauses {
        let srcs: Vec<String> = c.sources.iter().map(|s| s.to_string()).collect();
        assert!(srcs.contains(&format!("quang-ninh/2024/kh-ubnd/162#II.{}", c.path)), "{srcs:?}");
        assert!(srcs.contains(&format!("thai-binh/2024/kh-syt/56#{}", c.path)), "{srcs:?}");
    }
}

/// The appendix of 162/KH-UBND as the seed writes it: one cell per line,
/// empty cells missing. Rows 1 and 3 have no cooperating agency, rows 6 and
/// 9 no deadline: those stay empty.
#[test]
fn appendix_of_162_as_written() {
    let g = graph();
    let plan = g.corpus().document_by_ref("162/KH-UBND").unwrap();
    let rows: Vec<_> = plan.clauses.iter().filter(|c| c.path.starts_with("PL.")).collect();
    assert_eq!(rows.len(), 17);
    let seed = fs::read_to_string(data().join(plan.source.as_ref().unwrap())).unwrap();
    let appendix = &seed[seed.find("PHỤ LỤC").unwrap()..];
    for r in &rows {
        assert!(appendix.contains(r.text.lines().next().unwrap()), "{} text not in the appendix", r.path);
        for a in &r.assignments {
            assert!(appendix.contains(a.agency.as_str()), "{}: {:?} not in the appendix", r.path, a.agency);
        }
        if let Some(d) = &r.deadline {
            assert!(appendix.contains(d.text()), "{}: deadline {:?}", r.path, d.text());
            assert!(d.is_understood(), "{}: {:?}", r.path, d.text());
        }
        assert!(r.assignments.iter().any(|a| a.role == Role::Lead), "{} has a lead", r.path);
    }
    let row = |n: &str| plan.clause(&format!("PL.{n}")).unwrap();
    for n in ["6", "9"] {
        assert!(row(n).deadline.is_none(), "row {n} has no deadline in the text");
    }
    for n in ["1", "3"] {
        assert!(row(n).assignments.iter().all(|a| a.role == Role::Lead), "row {n} has one agency cell");
    }
    let coop7: Vec<&str> = row("7")
        .assignments
        .iter()
        .filter(|a| a.role == Role::Cooperating)
        .map(|a| a.agency.as_str())
        .collect();
    assert_eq!(coop7, ["Sở Nội vụ", "Sở Tài chính", "các sở, ngành", "UBND các huyện, thị xã, thành phố"]);
}

#[test]
fn trace_of_group_4() {
    let g = graph();
    let t = g.trace_down("25-CT/TW#4", &QueryOptions::new()).unwrap();
    for id in [
        "quang-ninh/2024/kh-ubnd/162#II.4",
        "quang-ninh/2024/kh-ubnd/162#PL.12",
        "quang-ninh/2024/kh-ubnd/162#PL.13",
        "quang-ninh/2024/kh-ubnd/162#PL.14",
        "quang-ninh/2024/kh-ubnd/162#PL.15",
        "thai-binh/2024/kh-syt/56#4",
        "bac-giang/2024/kh-syt/10#II.1.b",
    ] {
        assert!(t.contains(id), "{id} missing from the trace");
    }
    // Nothing of the other groups leaks in.
    for id in [
        "quang-ninh/2024/kh-ubnd/162#PL.11",
        "quang-ninh/2024/kh-ubnd/162#II.5",
        "thai-binh/2024/kh-syt/56#3",
    ] {
        assert!(!t.contains(id), "{id} should not trace to group 4");
    }
    let i = t.hits().position(|h| h.id == "quang-ninh/2024/kh-ubnd/162#PL.13").unwrap();
    assert_eq!(
        t.chain(i),
        [
            "vn/2023/ct-tw/25#4",
            "quang-ninh/2024/kh-ubnd/162#II.4",
            "quang-ninh/2024/kh-ubnd/162#II.4.-3",
            "quang-ninh/2024/kh-ubnd/162#PL.13"
        ]
    );
}

#[test]
fn coverage_and_compare() {
    let g = graph();
    let qn = g.coverage("25-CT/TW", Some("quang-ninh"), &QueryOptions::new()).unwrap();
    assert_eq!(qn.len(), 5);
    assert!(qn.iter().all(|r| r.is_covered()));
    assert!(qn.iter().all(|r| r.implemented_by.iter().all(|id| id.starts_with("quang-ninh/"))));
    // Hưng Yên took over Thái Bình in 2025: its coverage includes 56/KH-SYT.
    let hy = g.coverage("25-CT/TW", Some("hung-yen"), &QueryOptions::new()).unwrap();
    assert!(hy.iter().all(|r| r.implemented_by.iter().any(|id| id.starts_with("thai-binh/2024/kh-syt/56#"))));
    // Bắc Giang's 10/KH-SYT carries out groups 2–5 only.
    let cmp = g.compare("25-CT/TW", "quang-ninh", "bac-giang", &QueryOptions::new()).unwrap();
    assert_eq!(cmp.only_first, ["vn/2023/ct-tw/25#1"]);
    assert_eq!(cmp.both.len(), 4);
    assert!(cmp.only_second.is_empty() && cmp.neither.is_empty());
    let dl = g.coverage("25-CT/TW", Some("dak-lak"), &QueryOptions::new()).unwrap();
    assert!(dl.iter().all(|r| !r.is_covered()), "Đắk Lắk's draft implements the directive as a whole only");
}

#[test]
fn tasks_by_agency_alias_and_status() {
    let g = graph();
    let ids = |f: &TaskFilter| -> Vec<String> { g.tasks(f).unwrap().into_iter().map(|t| t.path).collect() };
    // Rows naming Sở Nội vụ as cooperating, in the seed's appendix.
    let noi_vu = TaskFilter::new().agency("Sở Nội vụ").role(Role::Cooperating).jurisdiction("quang-ninh");
    assert_eq!(ids(&noi_vu), ["PL.7", "PL.12", "PL.13", "PL.14", "PL.15"]);
    // Tone-mark placement and case do not matter; the alias `SYT` names Sở Y tế.
    assert_eq!(
        ids(&TaskFilter::new().agency("SỞ NỘI VỤ").role(Role::Cooperating).jurisdiction("quang-ninh")),
        ids(&noi_vu)
    );
    let syt = ids(&TaskFilter::new().agency("SYT").role(Role::Lead).jurisdiction("quang-ninh"));
    assert!(syt.contains(&"PL.6".to_string()) && syt.contains(&"PL.11".to_string()), "{syt:?}");
    // As of 2025-08-01 row 7 (`Trước tháng 7/2025`) is overdue.
    let overdue =
        TaskFilter::new().jurisdiction("quang-ninh").as_of(day("2025-08-01")).status(TaskStatus::Overdue);
    assert!(ids(&overdue).contains(&"PL.7".to_string()));
    let all = g.tasks(&TaskFilter::new().jurisdiction("quang-ninh").as_of(day("2025-08-01"))).unwrap();
    let status = |p: &str| all.iter().find(|t| t.path == p).unwrap().status.unwrap();
    assert_eq!(status("PL.2"), TaskStatus::Ongoing);
    assert_eq!(status("PL.8"), TaskStatus::Open, "Từ năm 2026 has not started");
    assert_eq!(status("PL.6"), TaskStatus::NoDeadline);
    assert_eq!(status("PL.10"), TaskStatus::NoDeadline, "a roadmap is no date");
    // With groups: rows assigned to `Các sở, ban, ngành` (row 1) count for
    // Sở Nội vụ too, and say so.
    let grouped =
        g.tasks(&TaskFilter::new().agency("Sở Nội vụ").with_groups(true).jurisdiction("quang-ninh")).unwrap();
    let row1 = grouped.iter().find(|t| t.path == "PL.1").expect("row 1 via its group");
    assert_eq!(row1.via_group.as_deref(), Some("Các sở, ban, ngành"));
    assert!(grouped.iter().find(|t| t.path == "PL.7").unwrap().via_group.is_none());
    assert!(grouped.len() > ids(&TaskFilter::new().agency("Sở Nội vụ").jurisdiction("quang-ninh")).len());
    // Hưng Yên's tasks are Thái Bình's.
    let hy = g.tasks(&TaskFilter::new().jurisdiction("hung-yen")).unwrap();
    assert!(hy.iter().all(|t| t.jurisdiction == "thai-binh"));
    // A deadline window.
    let q1 = ids(&TaskFilter::new()
        .jurisdiction("bac-giang")
        .due_from(day("2024-01-01"))
        .due_to(day("2024-03-31")));
    assert!(!q1.is_empty());
    for t in g.tasks(&TaskFilter::new().jurisdiction("bac-giang").due_to(day("2024-03-31"))).unwrap() {
        assert!(t.due.unwrap() <= day("2024-03-31"));
    }
}

#[test]
fn search_ignores_tone_marks_and_case() {
    let g = graph();
    let a = g.search("y te co so");
    let b = g.search("Y TẾ CƠ SỞ");
    assert!(a.len() > 20);
    assert_eq!(a, b);
    assert_eq!(g.search("đa dạng hoá"), g.search("đa dạng hóa"));
    assert!(g.search("zzz khong co").is_empty());
}

#[test]
fn corpus_json_round_trips_byte_identically() {
    let c = Corpus::load(data()).unwrap();
    let once = c.to_json();
    let again = Corpus::from_json("again", &once).unwrap().to_json();
    assert_eq!(once, again);
    assert_eq!(Corpus::load(data()).unwrap().to_json(), once, "same input, same bytes");
}

#[test]
fn jurisdiction_table_has_2025_successors() {
    let c = Corpus::load(data()).unwrap();
    let succ = |j: &str| c.jurisdiction(j).and_then(|j| j.successor.clone());
    assert_eq!(succ("thai-binh").as_deref(), Some("hung-yen"));
    assert_eq!(succ("bac-giang").as_deref(), Some("bac-ninh"));
    assert_eq!(succ("kon-tum").as_deref(), Some("quang-ngai"));
    assert_eq!(succ("phu-yen").as_deref(), Some("dak-lak"));
    assert_eq!(succ("quang-ninh"), None);
    let g = LineageGraph::build(c);
    assert!(g.validate().iter().all(|p| p.severity != Severity::Error));
}
