//! Accuracy of the extractor on the development corpus (`tests/corpus/`):
//! every hand-labelled text scored as the shared `score.py` scores it
//! (`tests/common/corpus_score.rs`), the table printed, and per-text floors
//! enforced. `CORPUS_VERBOSE=1` adds the mismatches to the table.
//!
//! ```text
//! cargo test --all-features --test extract_corpus -- --nocapture
//! ```

#[path = "common/corpus_score.rs"]
mod corpus_score;

use std::path::Path;

use corpus_score::{bag, f1, fold, py_repr_str, render, score_all, sim, toks, TextScore};
use serde_json::json;

const TEXTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/texts");
const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/gold");

/// The least a text must score: tasks found, found tasks with the lead
/// exact, found tasks with the deadline exact, header fields exact (of 5).
#[derive(Clone, Copy, Debug)]
struct Floor {
    tasks: usize,
    lead: usize,
    deadline: usize,
    header: usize,
}

const fn floor(tasks: usize, lead: usize, deadline: usize, header: usize) -> Floor {
    Floor { tasks, lead, deadline, header }
}

/// Per-text floors. Each is set at what the extractor reaches, and only ever
/// raised: when a change makes a text score higher, raise its floor to the
/// new score in the same commit; a floor is never lowered to let a change
/// through. Every labelled text has a row.
///
/// Set at what the extractor scores at the commit that last raised them.
const FLOORS: &[(&str, Floor)] = &[
    //                                  tasks lead deadl header
    ("bac-ninh-2025-kh-ubnd-141", floor(16, 16, 16, 5)),
    ("can-tho-2025-kh-ubnd-165", floor(21, 21, 21, 5)),
    ("dong-thap-2025-kh-ubnd-617", floor(11, 11, 11, 5)),
    ("ha-noi-2025-kh-ubnd-308", floor(7, 7, 7, 5)),
    ("nq-100-nq-cp-2026", floor(32, 32, 32, 5)),
    ("nq-109-nq-cp-2026", floor(70, 69, 69, 5)),
    ("nq-122-nq-cp-2026", floor(91, 91, 90, 5)),
    ("nq-175-nq-cp-2023", floor(41, 38, 36, 5)),
    ("qd-2530-qd-ttg-2025", floor(58, 58, 56, 5)),
    ("qd-2629-qd-ttg-2025", floor(75, 75, 75, 5)),
    ("qd-893-qd-ttg-2026", floor(7, 7, 7, 5)),
    ("tp-hcm-2025-qd-ubnd-2820", floor(29, 29, 29, 5)),
];

/// What falls below its floor, one line per text and measure.
fn below_floors(results: &[TextScore]) -> Vec<String> {
    let mut out = Vec::new();
    for r in results {
        let Some((_, f)) = FLOORS.iter().find(|(n, _)| *n == r.name) else {
            out.push(format!("{}: no floor; add a row to FLOORS at what it scores now", r.name));
            continue;
        };
        for (measure, got, of, want) in [
            ("tasks found", r.found.ok, r.found.total, f.tasks),
            ("lead exact", r.lead.ok, r.lead.total, f.lead),
            ("deadline exact", r.deadline.ok, r.deadline.total, f.deadline),
            ("header fields exact", r.header.ok, r.header.total, f.header),
        ] {
            if got < want {
                let error =
                    r.error.as_ref().map(|e| format!(" (extraction failed: {e})")).unwrap_or_default();
                out.push(format!("{}: {measure} {got}/{of}, below its floor {want}{error}", r.name));
            }
        }
    }
    for (name, _) in FLOORS {
        if !results.iter().any(|r| r.name == *name) {
            out.push(format!("{name}: a floor but no label in tests/corpus/gold"));
        }
    }
    out
}

#[test]
fn corpus_scores_stay_at_or_above_their_floors() {
    let results = score_all(Path::new(TEXTS), Path::new(GOLD), &[]);
    let verbose = std::env::var_os("CORPUS_VERBOSE").is_some_and(|v| v != "0" && !v.is_empty());
    eprintln!("{}", render(&results, verbose));
    let below = below_floors(&results);
    assert!(
        below.is_empty(),
        "{} measure(s) below their floor:\n  {}\n(the table is printed above; \
         CORPUS_VERBOSE=1 lists the mismatches)",
        below.len(),
        below.join("\n  ")
    );
}

#[test]
fn every_label_has_its_text() {
    for name in corpus_score::gold_names(Path::new(GOLD)) {
        let text = Path::new(TEXTS).join(format!("{name}.txt"));
        assert!(text.is_file(), "gold/{name}.json has no text {}", text.display());
        let family = corpus_score::family(&std::fs::read_to_string(&text).unwrap());
        assert_ne!(family, "other", "{name}: first line names neither the Công báo PDF text nor markdown");
    }
}

/// The scorer's building blocks against what score.py gives on the same
/// input (values taken from running score.py's functions), so that the
/// scorer cannot drift from it unnoticed.
#[test]
fn scorer_folds_and_matches_like_score_py() {
    assert_eq!(fold("Ủy ban  nhân dân."), "uy ban nhan dan");
    assert_eq!(fold("ĐỒNG THÁP; Đà Nẵng:"), "dong thap; da nang");
    assert_eq!(fold(" \t..Bộ Nông nghiệp\u{a0}và\u{2003}Môi trường ,;"), "bo nong nghiep va moi truong");
    assert_eq!(fold("Quý II/2026\r\n"), "quy ii/2026");
    assert_eq!(fold("x\u{1c}y"), "x y", "Python's \\s takes U+001C..U+001F");
    assert_eq!(fold("Ke\u{301} hoa\u{323}ch"), "ke hoach", "decomposed input");
    assert_eq!(fold(""), "");
    assert_eq!(
        toks("Ủy ban nhân dân (UBND) tỉnh Bắc Ninh; 66-NQ/TW"),
        ["uy", "ban", "nhan", "dan", "ubnd", "tinh", "bac", "ninh", "66", "nq", "tw"]
    );
    assert_eq!(
        bag(&["Bộ Tài chính", "Bộ Xây dựng, Khoa học"]),
        ["bo", "bo", "chinh", "dung", "hoc", "khoa", "tai", "xay"]
    );
    let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(f1(&s(&["a", "b", "c"]), &s(&["b", "c", "d", "e"])), 0.5714285714285715);
    assert_eq!(f1(&[], &[]), 1.0);
    assert_eq!(f1(&s(&["a"]), &[]), 0.0);
    let clause = json!({"heading": "Nghị định", "text": "Xây dựng và ban hành quy định"});
    assert_eq!(sim("Xây dựng Nghị định quy định chi tiết", &clause), 0.7142857142857143);
    assert_eq!(sim("a b c", &json!({"heading": null, "text": ""})), 0.0);
    assert_eq!(py_repr_str("it's"), "\"it's\"");
    assert_eq!(py_repr_str("a\"b'c"), "'a\"b\\'c'");
    assert_eq!(py_repr_str("x\u{a0}y\u{200b}z\\"), "'x\\xa0y\\u200bz\\\\'");
}

/// An extraction error scores as in score.py: header 0/5, every task lost,
/// the error kept for the table.
#[test]
fn an_extraction_error_scores_nothing() {
    let gold = json!({"number": "1", "symbol": "KH-UBND", "tasks": [{"name": "a"}, {"name": "b"}]});
    let r = corpus_score::score_doc("x", "other", &gold, Err("not a policy document".into()));
    assert_eq!((r.header.ok, r.header.total, r.found.ok, r.found.total), (0, 5, 0, 2));
    assert!(!r.passes());
    let table = render(&[r], false);
    assert!(table.contains("0/5") && table.contains("below bar  ERROR not a policy document"), "{table}");
}
