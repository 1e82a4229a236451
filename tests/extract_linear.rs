//! Extraction of hostile texts (issue 15, items 3 and 12): the shapes of the
//! reliability reproducers, generated here. The tests are not timed; each
//! text (0.3-1.3 MB) is read in one to four seconds in debug by the linear
//! extractor, and is large enough that a quadratic stage makes its test take
//! ten times as long or more (the extractor before the fix: 11-36 s each,
//! 66 s for the repeated numbering, over 4 minutes for the agency list).
//! What they check is that nothing is lost: every agency, citation, clause
//! and line break is found.
//!
//! ```text
//! cargo test --test extract_linear
//! ```

use directive_lineage::{extract, Document, ExtractOptions, Role};

const SEED: &str = include_str!("../data/sources/bac-giang-2024-kh-syt-10.txt");

/// The head of every generated text: number, place and date, kind, title,
/// first section (`extract-quadratic/scale.py`).
const HEAD: &str = "Số: 10/KH-SYT\nBắc Giang, ngày 18 tháng 01 năm 2024\nKẾ HOẠCH\n\
                    Triển khai thực hiện nhiệm vụ\nI. NHIỆM VỤ\n";

fn read(text: &str) -> Document {
    extract(text, &ExtractOptions::new("generated.txt")).expect("a document")
}

/// A document as JSON, for whole-document comparisons.
fn json(doc: &Document) -> serde_json::Value {
    serde_json::to_value(doc).expect("serialises")
}

/// `cr_only.txt`: CR line endings read like LF (they gave no clauses and an
/// empty title); so do CRLF ones.
#[test]
fn cr_only_reads_as_lf() {
    let lf = read(SEED);
    assert!(!lf.title.is_empty() && lf.clauses.len() > 10, "the seed reads");
    let cr = read(&SEED.replace('\n', "\r"));
    assert_eq!(json(&cr), json(&lf));
    let crlf = read(&SEED.replace('\n', "\r\n"));
    assert_eq!(json(&crlf), json(&lf));
}

/// `nul.txt`: NULs at line ends (they went into the title and made 7 more
/// clauses) read as spaces; one warning counts them and names the lines.
#[test]
fn nul_bytes_are_spaces_with_a_warning() {
    let plain = read(SEED);
    let with_nul = SEED.replace('\n', "\0\n");
    let doc = read(&with_nul);
    assert_eq!(doc.title, plain.title);
    assert!(!doc.title.contains('\0'));
    assert_eq!(doc.clauses.len(), plain.clauses.len());
    assert_eq!(json(&doc)["clauses"], json(&plain)["clauses"]);
    let nuls = with_nul.matches('\0').count();
    let extra: Vec<_> = doc.warnings.iter().filter(|w| !plain.warnings.contains(w)).collect();
    assert_eq!(extra.len(), 1, "{extra:?}");
    assert_eq!(extra[0].line, Some(1));
    let message = &extra[0].message;
    assert!(message.starts_with(&format!("{nuls} control characters (U+0000) read as spaces")), "{message}");
    assert!(message.contains("on lines 1, 2, 3,"), "{message}");
    // Between two words a control character keeps them apart.
    let doc = read(&format!("{HEAD}1. Sở\u{0}Y\u{b}tế chủ trì thực hiện.\n"));
    assert_eq!(doc.clause("I.1").expect("I.1").text, "Sở Y tế chủ trì thực hiện.");
    let w = doc.warnings.iter().find(|w| w.message.contains("control")).expect("a warning");
    assert_eq!(w.line, Some(6));
    assert!(w.message.starts_with("2 control characters (U+0000, U+000B)"), "{}", w.message);
}

/// `agency_list`: one list of 30,000 agencies (0.57 MB) splits into all of
/// them (`split_agencies` searched to the end of the list for every piece,
/// and each agency was compared with all before it). The names are
/// capitalised: `Sở số 1` (the reproducer's) does not start an agency name,
/// so it would join the one before.
#[test]
fn long_agency_list_splits_into_all_its_agencies() {
    let n = 30_000;
    let names: Vec<String> = (0..n).map(|i| format!("Sở Ngành {i}")).collect();
    let text = format!("{HEAD}1. Sở Y tế chủ trì, phối hợp với {} thực hiện.\n", names.join(", "));
    let doc = read(&text);
    let task = doc.clause("I.1").expect("I.1");
    let lead: Vec<&str> =
        task.assignments.iter().filter(|a| a.role == Role::Lead).map(|a| a.agency.as_str()).collect();
    assert_eq!(lead, ["Sở Y tế"]);
    let coop: Vec<&str> =
        task.assignments.iter().filter(|a| a.role == Role::Cooperating).map(|a| a.agency.as_str()).collect();
    // Compared by count and by name, not as one assertion: a failure would
    // print the whole list.
    assert_eq!(coop.len(), n);
    assert!(coop.iter().zip(&names).all(|(a, b)| a == b), "the agencies in order");
}

/// `many_citations`: 12,000 `Căn cứ` lines (1.1 MB), every citation found
/// (the sentence before each was found by rescanning from the start).
#[test]
fn many_citations_all_found() {
    let n = 12_000;
    let mut text = HEAD.to_string();
    for i in 1..=n {
        text.push_str(&format!("Căn cứ Quyết định số {i}/QĐ-UBND ngày 05/4/2024 của UBND tỉnh Bắc Giang.\n"));
    }
    let doc = read(&text);
    let targets: Vec<String> = doc.citations.iter().map(|l| l.target.to_string()).collect();
    let want: Vec<String> = (1..=n).map(|i| format!("bac-giang/2024/qd-ubnd/{i}")).collect();
    assert_eq!(targets, want);
    assert!(doc.citations.iter().all(|l| l.clause.as_deref() == Some("I")));
}

/// 10,000 citations (0.8 MB) in one clause that says it carries each out:
/// each is a link of the clause and something the clause implements, once.
#[test]
fn many_implemented_citations_in_one_clause() {
    let n = 10_000;
    let mut text = format!("{HEAD}1. Sở Y tế chủ trì");
    for i in 1..=n {
        text.push_str(&format!("; thực hiện Quyết định số {i}/QĐ-UBND ngày 05/4/2024 của UBND tỉnh"));
    }
    text.push_str(".\n");
    let doc = read(&text);
    let task = doc.clause("I.1").expect("I.1");
    assert_eq!(doc.citations.len(), n);
    assert_eq!(task.implements.len(), n);
    assert_eq!(task.implements[n - 1].target.to_string(), format!("bac-giang/2024/qd-ubnd/{n}"));
}

/// `nested_mixed`: the numbering `I.` / `1.` / `a)` / `-` / `+` repeated
/// 12,000 times (0.28 MB): every clause kept, with its own path (free paths
/// were found by trying `-2`, `-3`, ... one by one).
#[test]
fn repeated_numbering_keeps_every_clause_with_a_unique_path() {
    let n = 12_000;
    let text = format!("{HEAD}{}", "I. A\n1. B\na) C\n- D\n+ E\n".repeat(n));
    let doc = read(&text);
    // The head's own `I. NHIỆM VỤ` is the first section.
    assert_eq!(doc.clauses.len(), 1 + 5 * n);
    let paths: std::collections::HashSet<&str> = doc.clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths.len(), doc.clauses.len());
    let last = doc.clause(&format!("I-{}.1.a.-1.+1", n + 1)).expect("the last sub-bullet");
    assert_eq!(last.text, "E");
    assert_eq!(doc.clause("I-2").expect("I-2").heading.as_deref(), Some("A"));
}

/// `many_headers`: the document's header block repeated 10,000 times
/// (1.3 MB): the first is the header, every later one is kept as text of the
/// section before it.
#[test]
fn repeated_header_is_kept_as_text() {
    let n = 10_000;
    let doc = read(&HEAD.repeat(n));
    assert_eq!(doc.id.to_string(), "bac-giang/2024/kh-syt/10");
    assert_eq!(doc.title, "Triển khai thực hiện nhiệm vụ");
    assert_eq!(doc.clauses.len(), n);
    let kept = doc.clauses.iter().filter(|c| c.text.starts_with("Số: 10/KH-SYT\nBắc Giang, ngày")).count();
    assert_eq!(kept, n - 1);
}

/// `oneline`: a whole plan on one line (1.1 MB): its text kept whole, with
/// its lead, partner and citation.
#[test]
fn one_long_line_is_kept_whole() {
    let sentence = "1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát Quyết định số 281/QĐ-TTg \
                    ngày 05/4/2024 của Thủ tướng Chính phủ. ";
    let n = 7_000;
    let line = sentence.repeat(n);
    let doc = read(&format!("{HEAD}{line}"));
    let task = doc.clause("I.1").expect("I.1");
    assert_eq!(task.text, line.trim().strip_prefix("1. ").expect("the marker"));
    let agencies: Vec<(&str, Role)> = task.assignments.iter().map(|a| (a.agency.as_str(), a.role)).collect();
    assert_eq!(agencies, [("Sở Y tế", Role::Lead), ("Sở Tài chính", Role::Cooperating)]);
    let targets: Vec<String> = doc.citations.iter().map(|l| l.target.to_string()).collect();
    assert_eq!(targets, ["vn/2024/qd-ttg/281"]);
}

/// Bullets each followed by their labelled fields (16,000 of them, 0.9 MB):
/// each bullet gets its own lead (every bullet was tested on every line).
#[test]
fn field_sets_after_many_bullets() {
    let n = 16_000;
    let mut text = format!("{HEAD}1. Rà soát các nhiệm vụ\n");
    for i in 0..n {
        text.push_str(&format!("- Rà soát việc {i}\nĐơn vị chủ trì: Sở {i}\n"));
    }
    let doc = read(&text);
    for i in [0, n / 2, n - 1] {
        let bullet = doc.clause(&format!("I.1.-{}", i + 1)).expect("a bullet");
        let lead: Vec<&str> = bullet.assignments.iter().map(|a| a.agency.as_str()).collect();
        assert_eq!(lead, [format!("Sở {i}")], "bullet {}", i + 1);
    }
}

/// Citations joined by `và` with no punctuation between them: each issuer
/// was matched against the rest of the text (41.9 s at 0.2 MB before).
#[test]
fn citations_joined_without_punctuation() {
    let head = "Số: 10/KH-SYT\nBắc Giang, ngày 18 tháng 01 năm 2024\nKẾ HOẠCH\nTriển khai thực hiện nhiệm vụ\nI. NHIỆM VỤ\n";
    let n = 2500;
    let list: Vec<String> = (1..=n)
        .map(|i| format!("Quyết định số {i}/QĐ-UBND ngày 05/4/2024 của UBND tỉnh Bắc Giang"))
        .collect();
    let text = format!("{head}1. Căn cứ {}.\n", list.join(" và "));
    let docs =
        directive_lineage::extract_all(&text, &directive_lineage::ExtractOptions::new("va.txt")).unwrap();
    assert_eq!(docs[0].citations.len(), n);
}

/// A table grouped by agency with 20,000 groups (`STT / Đơn vị / Nhiệm vụ
/// chủ trì / …`): every task is read and led by its group's agency; the
/// groups are found for each task without a scan of all labels.
#[test]
fn table_grouped_by_agency_with_many_groups() {
    let mut text = String::from(HEAD);
    text.push_str("STT\nĐơn vị\nNhiệm vụ chủ trì\nĐơn vị phối hợp\nThời gian\nhoàn thành\n");
    let n = 20_000;
    for k in 1..=n {
        // The group's label in the middle of its one task, as PDF text prints it.
        text.push_str(&format!(
            "Tổ chức thực hiện nhiệm vụ số {k} của đơn vị\n{k}\nSở Nội vụ {k}\n(1) Sở Tài chính\nQuý IV/2026\n"
        ));
    }
    let doc = read(&text);
    let tasks: Vec<_> =
        doc.clauses.iter().filter(|c| c.text.starts_with("Tổ chức thực hiện nhiệm vụ số")).collect();
    assert_eq!(tasks.len(), n);
    for (k, c) in tasks.iter().enumerate() {
        let lead: Vec<&str> =
            c.assignments.iter().filter(|a| a.role == Role::Lead).map(|a| a.agency.as_str()).collect();
        assert_eq!(lead, [format!("Sở Nội vụ {}", k + 1)], "{c:?}");
    }
}
