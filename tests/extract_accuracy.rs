//! Accuracy of the extractor against curated data: each of the five seed
//! texts against the curated corpus in `data/corpus/`, and the gazette sample
//! against `tests/fixtures/nq-97-nq-cp-2026.expected.json`.
//!
//! Compared field by field as sets (a field's items per document): number,
//! date, issuer, citation targets, citations with relation (document level)
//! and with clause (clause level), clause paths, and each task's lead
//! agencies, cooperating agencies and deadline (kind and interval). The
//! per-field precision / recall table prints with `--nocapture`; floors are
//! enforced below it.

use std::collections::BTreeSet;

use directive_lineage::{extract, fold, Corpus, Document, ExtractOptions};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Items of one field, as comparable strings.
fn field(doc: &Document, name: &str) -> BTreeSet<String> {
    let agency = |a: &str| fold(a).replace(", ", ",").replace(',', ", ");
    let mut out = BTreeSet::new();
    match name {
        "number" => out.extend(doc.number.as_ref().map(|n| n.to_string())),
        "date" => out.extend(doc.date.map(|d| d.to_string())),
        "issuer" => {
            out.insert(fold(&doc.issuer));
        }
        "citation target" => out.extend(doc.citations.iter().map(|c| c.target.to_string())),
        "citation relation" => out.extend(
            doc.citations
                .iter()
                .filter(|c| c.clause.is_none())
                .map(|c| format!("{} {}", c.relation, c.target)),
        ),
        "citation clause" => out.extend(
            doc.citations
                .iter()
                .filter_map(|c| c.clause.as_ref().map(|p| format!("{p} {} {}", c.relation, c.target))),
        ),
        "clause path" => out.extend(doc.clauses.iter().map(|c| c.path.clone())),
        "task lead" | "task cooperating" => {
            let role = if name == "task lead" { "lead" } else { "cooperating" };
            for c in &doc.clauses {
                for a in c.assignments.iter().filter(|a| a.role.to_string() == role) {
                    out.insert(format!("{} {}", c.path, agency(&a.agency)));
                }
            }
        }
        "task deadline" => {
            for c in &doc.clauses {
                if let Some(d) = &c.deadline {
                    out.insert(format!(
                        "{} {:?} {:?} {:?}",
                        c.path,
                        d.kind(),
                        d.start().map(|x| x.to_string()),
                        d.due().map(|x| x.to_string())
                    ));
                }
            }
        }
        _ => unreachable!("unknown field {name}"),
    }
    out
}

const FIELDS: &[&str] = &[
    "number",
    "date",
    "issuer",
    "citation target",
    "citation relation",
    "citation clause",
    "clause path",
    "task lead",
    "task cooperating",
    "task deadline",
];

/// Counts per field: (expected, extracted, matched).
#[derive(Default, Clone, Copy)]
struct Count {
    expected: usize,
    extracted: usize,
    matched: usize,
}

impl Count {
    fn precision(&self) -> f64 {
        if self.extracted == 0 {
            1.0
        } else {
            self.matched as f64 / self.extracted as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }
}

fn compare(pairs: &[(Document, Document)], title: &str) -> Vec<(&'static str, Count)> {
    let mut rows = Vec::new();
    for name in FIELDS {
        let mut c = Count::default();
        for (want, got) in pairs {
            let (w, g) = (field(want, name), field(got, name));
            c.expected += w.len();
            c.extracted += g.len();
            c.matched += w.intersection(&g).count();
            for miss in w.difference(&g) {
                println!("  {title} {}: {name}: missing {miss}", want.id);
            }
            for extra in g.difference(&w) {
                println!("  {title} {}: {name}: extra {extra}", want.id);
            }
        }
        rows.push((*name, c));
    }
    println!("\n{title}");
    println!(
        "{:<20} {:>8} {:>9} {:>7} {:>9} {:>7}",
        "field", "expected", "extracted", "matched", "precision", "recall"
    );
    for (name, c) in &rows {
        println!(
            "{:<20} {:>8} {:>9} {:>7} {:>9.3} {:>7.3}",
            name,
            c.expected,
            c.extracted,
            c.matched,
            c.precision(),
            c.recall()
        );
    }
    rows
}

fn get(rows: &[(&str, Count)], name: &str) -> Count {
    rows.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).expect("field")
}

fn seed_pairs() -> Vec<(Document, Document)> {
    let curated = Corpus::load(format!("{ROOT}/data")).expect("curated corpus");
    let mut pairs = Vec::new();
    for want in curated.documents().iter().filter(|d| d.source.is_some()) {
        let source = want.source.as_deref().unwrap();
        let text = std::fs::read_to_string(format!("{ROOT}/data/{source}")).expect("seed text");
        let got = extract(&text, &ExtractOptions::new(source).corpus(&curated))
            .unwrap_or_else(|e| panic!("{source}: {e}"));
        assert_eq!(got.id, want.id, "{source}: id");
        pairs.push((want.clone(), got));
    }
    assert_eq!(pairs.len(), 5, "five seeds with a source");
    pairs
}

#[test]
fn seeds_against_curated_corpus() {
    let pairs = seed_pairs();
    let rows = compare(&pairs, "five seeds vs data/corpus");
    // Done-when: every number, date and citation target equals the curated one.
    for f in ["number", "date", "citation target"] {
        let c = get(&rows, f);
        assert_eq!(
            (c.matched, c.matched),
            (c.expected, c.extracted),
            "{f}: {} / {} / {}",
            c.expected,
            c.extracted,
            c.matched
        );
    }
    // Floors for the rest (measured 1.0 everywhere when written).
    for (f, floor) in [
        ("issuer", 1.0),
        ("citation relation", 0.95),
        ("citation clause", 0.95),
        ("clause path", 0.98),
        ("task lead", 0.95),
        ("task cooperating", 0.9),
        ("task deadline", 0.95),
    ] {
        let c = get(&rows, f);
        assert!(
            c.precision() >= floor && c.recall() >= floor,
            "{f}: precision {:.3}, recall {:.3} < {floor}",
            c.precision(),
            c.recall()
        );
    }
}

/// Done-when: 162/KH-UBND's appendix comes out 17 rows of 17 with lead,
/// cooperating and deadline equal to the curated ones.
#[test]
fn appendix_of_162_row_by_row() {
    let pairs = seed_pairs();
    let (want, got) =
        pairs.iter().find(|(w, _)| w.id.to_string() == "quang-ninh/2024/kh-ubnd/162").expect("162");
    let rows =
        |d: &Document| d.clauses.iter().filter(|c| c.path.starts_with("PL.")).cloned().collect::<Vec<_>>();
    let (w, g) = (rows(want), rows(got));
    assert_eq!(w.len(), 17);
    assert_eq!(g.len(), 17);
    for (a, b) in w.iter().zip(&g) {
        assert_eq!(a.path, b.path);
        let names = |c: &directive_lineage::Clause, role: &str| -> Vec<String> {
            c.assignments.iter().filter(|x| x.role.to_string() == role).map(|x| fold(&x.agency)).collect()
        };
        assert_eq!(names(a, "lead"), names(b, "lead"), "{} lead", a.path);
        assert_eq!(names(a, "cooperating"), names(b, "cooperating"), "{} cooperating", a.path);
        assert_eq!(
            a.deadline.as_ref().map(|d| d.text()),
            b.deadline.as_ref().map(|d| d.text()),
            "{} deadline",
            a.path
        );
    }
}

fn gazette() -> (Document, Document) {
    let text =
        std::fs::read_to_string(format!("{ROOT}/tests/fixtures/nq-97-nq-cp-2026.txt")).expect("sample");
    let json = std::fs::read_to_string(format!("{ROOT}/tests/fixtures/nq-97-nq-cp-2026.expected.json"))
        .expect("expected");
    let want =
        Corpus::from_json("nq-97-nq-cp-2026.expected.json", &json).expect("expected corpus").documents()[0]
            .clone();
    let got = extract(&text, &ExtractOptions::new("nq-97-nq-cp-2026.txt")).expect("gazette sample");
    (want, got)
}

#[test]
fn gazette_sample_against_expected() {
    let (want, got) = gazette();
    let rows =
        compare(&[(want, got.clone())], "gazette sample vs tests/fixtures/nq-97-nq-cp-2026.expected.json");
    for f in ["number", "date", "issuer"] {
        let c = get(&rows, f);
        assert_eq!((c.matched, c.matched), (c.expected, c.extracted), "{f}");
    }
    // Floors (precision, recall); measured 1.0 everywhere when written.
    for (f, p, r) in [
        ("citation target", 0.95, 0.95),
        ("citation relation", 0.95, 0.95),
        ("citation clause", 0.95, 0.95),
        ("clause path", 0.95, 0.95),
        ("task lead", 0.95, 0.95),
        ("task cooperating", 0.9, 0.9),
        ("task deadline", 0.95, 0.95),
    ] {
        let c = get(&rows, f);
        assert!(
            c.precision() >= p && c.recall() >= r,
            "{f}: precision {:.3}, recall {:.3} < {p}/{r}",
            c.precision(),
            c.recall()
        );
    }
    // Done-when: Điều 2's task and every appendix row have lead agencies and
    // a deadline.
    let d2 = got.clause("D2").expect("Điều 2");
    assert!(d2.assignments.iter().any(|a| a.agency == "Bộ Tư pháp" && a.role.to_string() == "lead"));
    assert_eq!(
        d2.deadline.as_ref().and_then(|d| d.due()).map(|d| d.to_string()).as_deref(),
        Some("2026-12-31")
    );
    let rows: Vec<_> = got
        .clauses
        .iter()
        .filter(|c| c.path.starts_with("PL.") && c.path.matches('.').count() == 1)
        .collect();
    assert_eq!(rows.len(), 29);
    for r in rows {
        assert!(r.assignments.iter().any(|a| a.role.to_string() == "lead"), "{} has no lead", r.path);
        assert!(r.deadline.is_some(), "{} has no deadline", r.path);
    }
}
