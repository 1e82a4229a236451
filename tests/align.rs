//! Alignment on the bundled data: the curated links are held out and must
//! be found again at the default threshold.

use std::path::PathBuf;
use std::process::Command;

use directive_lineage::{
    align, align_in_corpus, apply_proposals, evaluate, AlignOptions, ClauseKind, Corpus, LineageGraph,
    Provenance, Severity, DEFAULT_MIN_SCORE,
};

fn corpus() -> Corpus {
    Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).expect("bundled data loads")
}

fn groups_of_25() -> AlignOptions {
    AlignOptions::new().parent_depth(1)
}

/// (local path, parent path) of every proposal.
fn links(ps: &[directive_lineage::Proposal]) -> Vec<(String, String)> {
    ps.iter().map(|p| (p.local.path().unwrap().to_string(), p.parent.path().unwrap().to_string())).collect()
}

fn strs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn groups_of_56_find_the_groups_of_25_exactly() {
    let c = corpus();
    let o = groups_of_25().local_depth(1);
    for use_corpus in [false, true] {
        let e = evaluate(&c, "56/KH-SYT", "25-CT/TW", &o, use_corpus).unwrap();
        assert_eq!(e.gold, 5, "the five curated group links");
        assert_eq!((e.correct, e.proposed), (5, 5), "corpus={use_corpus}: {e:?}");
    }
    // And with the document as loaded: group k → group k, nothing else.
    let (l, p) = (c.document_by_ref("56/KH-SYT").unwrap(), c.document_by_ref("25-CT/TW").unwrap());
    let want = strs(&[("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]);
    assert_eq!(links(&align_in_corpus(&c, l, p, &o)), want);
}

#[test]
fn sections_of_162_find_the_groups_of_25_exactly() {
    let c = corpus();
    let o = groups_of_25().local_prefix("II").local_depth(2);
    for use_corpus in [false, true] {
        let e = evaluate(&c, "162/KH-UBND", "25-CT/TW", &o, use_corpus).unwrap();
        assert_eq!(e.gold, 5);
        assert_eq!((e.correct, e.proposed), (5, 5), "corpus={use_corpus}: {e:?}");
    }
}

#[test]
fn appendix_rows_of_162_find_their_bullets() {
    let c = corpus();
    let o = AlignOptions::new()
        .local_prefix("PL.")
        .parent_prefix("II")
        .parent_kinds(&[ClauseKind::Bullet, ClauseKind::SubBullet]);
    let e = evaluate(&c, "162/KH-UBND", "162/KH-UBND", &o, true).unwrap();
    assert_eq!(e.gold, 17, "one curated link per appendix row");
    assert!(e.f1 >= 0.9, "{e:?}");
    assert!(e.precision >= 0.9, "{e:?}");
}

#[test]
fn points_of_10_find_the_curated_groups() {
    let c = corpus();
    let o = groups_of_25().local_prefix("II.1").local_depth(3);
    let e = evaluate(&c, "10/KH-SYT", "25-CT/TW", &o, true).unwrap();
    assert_eq!(e.gold, 4);
    assert_eq!((e.correct, e.proposed), (4, 4), "{e:?}");
    let (l, p) = (c.document_by_ref("10/KH-SYT").unwrap(), c.document_by_ref("25-CT/TW").unwrap());
    let got = align_in_corpus(&c, l, p, &o);
    assert_eq!(links(&got), strs(&[("II.1.a", "2"), ("II.1.b", "4"), ("II.1.c", "3"), ("II.1.d", "5")]));
    assert!(got.iter().all(|p| p.score >= DEFAULT_MIN_SCORE && !p.evidence.is_empty()), "{got:?}");
    // From the two documents alone (five headings) fewer are found, but
    // none wrong.
    let e = evaluate(&c, "10/KH-SYT", "25-CT/TW", &o, false).unwrap();
    assert_eq!(e.correct, e.proposed, "{e:?}");
}

#[test]
fn held_out_links_come_back_as_inferred_and_the_graph_stays_valid() {
    let mut c = corpus();
    let parent = c.document_by_ref("25-CT/TW").unwrap().clone();
    let i = c
        .documents()
        .iter()
        .position(|d| d.number.as_ref().is_some_and(|n| n.to_string() == "56/KH-SYT"))
        .unwrap();
    let mut doc = c.documents()[i].clone();
    for cl in &mut doc.clauses {
        cl.implements.clear();
    }
    let ps = align(&doc, &parent, &AlignOptions::new());
    let added = apply_proposals(&mut doc, &ps, DEFAULT_MIN_SCORE);
    assert!(added >= 5, "groups and their bullets: {added}");
    assert_eq!(apply_proposals(&mut doc, &ps, DEFAULT_MIN_SCORE), 0, "never twice");
    let g4 = doc.clause("4").unwrap();
    assert_eq!(g4.implements.len(), 1);
    assert_eq!(g4.implements[0].target.to_string(), "vn/2023/ct-tw/25#4");
    assert_eq!(g4.implements[0].provenance, Provenance::Inferred);
    assert!(g4.implements[0].score.unwrap() >= DEFAULT_MIN_SCORE);
    c.documents_mut()[i] = doc;
    let errors: Vec<String> = LineageGraph::build(c)
        .validate()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Examples are built by `cargo test` next to the test binaries.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|p| p.parent()).unwrap().join("examples");
    dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn align_eval_example_prints_the_table() {
    let o = Command::new(example("align_eval")).output().expect("example runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    for row in [
        "| 56/KH-SYT groups → 25-CT/TW groups | with corpus | 5 | 5 | 5 | 1.00 | 1.00 | 1.00 |",
        "| 162/KH-UBND II.1–II.5 → 25-CT/TW groups | with corpus | 5 | 5 | 5 | 1.00 | 1.00 | 1.00 |",
        "| 10/KH-SYT II.1.a–d → 25-CT/TW groups | with corpus | 4 | 4 | 4 | 1.00 | 1.00 | 1.00 |",
    ] {
        assert!(out.contains(row), "missing {row:?} in\n{out}");
    }
    assert!(out.contains("| 162/KH-UBND PL rows → its II bullets | with corpus | 17 |"), "{out}");
}
