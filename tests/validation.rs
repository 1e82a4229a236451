//! One small broken corpus per validation rule, and malformed files.

use std::fs;
use std::path::PathBuf;

use directive_lineage::{Corpus, ErrorKind, LineageGraph, Problem, Rule, Severities, Severity};

/// A central directive with one clause and a provincial plan implementing it:
/// valid as it stands; each test breaks one thing.
fn base() -> serde_json::Value {
    serde_json::json!({
        "format": "directive-lineage/corpus@1",
        "documents": [
            {
                "id": "vn/2023/ct-tw/25", "kind": "chi-thi", "number": "25-CT/TW",
                "issuer": "Ban Bí thư", "jurisdiction": "vn", "level": "central", "branch": "party",
                "date": "2023-10-25", "title": "Về y tế cơ sở", "status": "cited-only",
                "clauses": [
                    {"path": "1", "kind": "item", "heading": "Nâng cao nhận thức", "provenance": "reconstructed"}
                ]
            },
            {
                "id": "quang-ninh/2024/kh-ubnd/162", "kind": "ke-hoach", "number": "162/KH-UBND",
                "issuer": "UBND tỉnh Quảng Ninh", "jurisdiction": "quang-ninh", "level": "province",
                "branch": "government", "date": "2024-06-27", "title": "Kế hoạch", "status": "full-text",
                "citations": [
                    {"text": "Chỉ thị số 25-CT/TW", "target": "vn/2023/ct-tw/25", "relation": "implements"}
                ],
                "clauses": [
                    {"path": "II", "kind": "section", "heading": "NHIỆM VỤ", "provenance": "stated"},
                    {"path": "II.1", "kind": "item", "text": "Nâng cao nhận thức", "provenance": "stated",
                     "implements": [{"target": "vn/2023/ct-tw/25#1", "provenance": "curated"}],
                     "assignments": [{"agency": "Sở Y tế", "role": "lead"}],
                     "deadline": "Quý II năm 2024"}
                ]
            }
        ]
    })
}

fn graph_of(v: &serde_json::Value) -> LineageGraph {
    LineageGraph::build(Corpus::from_json("test.json", &v.to_string()).expect("valid JSON"))
}

fn errors(g: &LineageGraph) -> Vec<Problem> {
    g.validate().into_iter().filter(|p| p.severity == Severity::Error).collect()
}

fn only_rule(g: &LineageGraph, rule: Rule) -> Problem {
    let errs = errors(g);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].rule, rule, "{errs:#?}");
    errs[0].clone()
}

#[test]
fn base_is_valid() {
    assert!(errors(&graph_of(&base())).is_empty());
}

#[test]
fn duplicate_document_id() {
    let mut v = base();
    let dup = v["documents"][1].clone();
    v["documents"].as_array_mut().unwrap().push(dup);
    let p = only_rule(&graph_of(&v), Rule::DuplicateId);
    assert_eq!(p.document.as_ref().map(|d| d.as_str()), Some("quang-ninh/2024/kh-ubnd/162"));
}

#[test]
fn duplicate_clause_path() {
    let mut v = base();
    let dup = v["documents"][1]["clauses"][1].clone();
    v["documents"][1]["clauses"].as_array_mut().unwrap().push(dup);
    let p = only_rule(&graph_of(&v), Rule::DuplicateId);
    assert_eq!(p.clause.as_deref(), Some("II.1"));
}

#[test]
fn dangling_clause_reference() {
    let mut v = base();
    v["documents"][1]["clauses"][1]["implements"][0]["target"] = "vn/2023/ct-tw/25#9".into();
    let p = only_rule(&graph_of(&v), Rule::DanglingReference);
    assert_eq!(p.document.as_ref().map(|d| d.as_str()), Some("quang-ninh/2024/kh-ubnd/162"));
    assert_eq!(p.clause.as_deref(), Some("II.1"));
    assert!(p.message.contains("vn/2023/ct-tw/25#9"), "{p}");
}

#[test]
fn dangling_citation() {
    let mut v = base();
    v["documents"][1]["citations"][0]["target"] = "vn/2024/qd-ttg/281".into();
    let p = only_rule(&graph_of(&v), Rule::DanglingReference);
    assert!(p.message.contains("vn/2024/qd-ttg/281"), "{p}");
}

#[test]
fn implements_cycle_is_printed() {
    let mut v = base();
    // The central clause claims to implement the provincial one: a cycle,
    // and an authority inversion too.
    v["documents"][0]["clauses"][0]["implements"] =
        serde_json::json!([{"target": "quang-ninh/2024/kh-ubnd/162#II.1", "provenance": "curated"}]);
    let g = graph_of(&v);
    let errs = errors(&g);
    let cycle = errs.iter().find(|p| p.rule == Rule::ImplementsCycle).expect("cycle reported");
    assert!(
        cycle.message.contains("vn/2023/ct-tw/25#1")
            && cycle.message.contains("quang-ninh/2024/kh-ubnd/162#II.1"),
        "{cycle}"
    );
    assert_eq!(errs.iter().filter(|p| p.rule == Rule::ImplementsCycle).count(), 1);
    assert!(errs.iter().any(|p| p.rule == Rule::AuthorityInversion));
}

#[test]
fn authority_inversion() {
    let mut v = base();
    // Same structure, but the directive's clause implements a provincial
    // document that implements nothing back.
    v["documents"][1]["citations"] = serde_json::json!([]);
    v["documents"][1]["clauses"][1]["implements"] = serde_json::json!([]);
    v["documents"][0]["clauses"][0]["implements"] =
        serde_json::json!([{"target": "quang-ninh/2024/kh-ubnd/162", "provenance": "curated"}]);
    let p = only_rule(&graph_of(&v), Rule::AuthorityInversion);
    assert_eq!(p.document.as_ref().map(|d| d.as_str()), Some("vn/2023/ct-tw/25"));
    assert_eq!(p.clause.as_deref(), Some("1"));
}

#[test]
fn deadline_before_issue() {
    let mut v = base();
    v["documents"][1]["clauses"][1]["deadline"] = "Quý I năm 2024".into();
    // Already past at issue: a warning by default (real gazettes do it),
    // an error where the settings say so.
    let g = graph_of(&v);
    assert!(errors(&g).is_empty(), "{:#?}", errors(&g));
    let past: Vec<Problem> =
        g.validate().into_iter().filter(|p| p.rule == Rule::DeadlineBeforeIssue).collect();
    assert_eq!(past.len(), 1, "{past:#?}");
    let p = &past[0];
    assert_eq!((p.severity, p.clause.as_deref()), (Severity::Warning, Some("II.1")));
    assert!(p.message.contains("2024-03-31") && p.message.contains("2024-06-27"), "{p}");
    let mut strict = Severities::new();
    strict.set(Rule::DeadlineBeforeIssue, Some(Severity::Error));
    let errs: Vec<Problem> =
        strict.apply(g.validate()).into_iter().filter(|p| p.severity == Severity::Error).collect();
    assert_eq!(errs.len(), 1, "{errs:#?}");
    strict.set(Rule::DeadlineBeforeIssue, None);
    assert!(strict.apply(g.validate()).iter().all(|p| p.rule != Rule::DeadlineBeforeIssue));
}

#[test]
fn invalid_path() {
    let mut v = base();
    v["documents"][1]["clauses"][1]["path"] = "II..1".into();
    let p = only_rule(&graph_of(&v), Rule::InvalidPath);
    assert_eq!(p.clause.as_deref(), Some("II..1"));
}

#[test]
fn every_problem_at_once() {
    let mut v = base();
    v["documents"][1]["clauses"][1]["deadline"] = "Quý I năm 2024".into();
    v["documents"][1]["citations"][0]["target"] = "vn/2024/qd-ttg/281".into();
    let dup = v["documents"][0].clone();
    v["documents"].as_array_mut().unwrap().push(dup);
    let rules: Vec<Rule> = errors(&graph_of(&v)).iter().map(|p| p.rule).collect();
    for r in [Rule::DuplicateId, Rule::DanglingReference] {
        assert!(rules.contains(&r), "{r:?} missing from {rules:?}");
    }
    assert!(graph_of(&v).validate().iter().any(|p| p.rule == Rule::DeadlineBeforeIssue));
}

#[test]
fn unread_deadline_is_a_warning_and_kept() {
    let mut v = base();
    v["documents"][1]["clauses"][1]["deadline"] = "sớm nhất có thể".into();
    let g = graph_of(&v);
    assert!(errors(&g).is_empty());
    let w = g.validate().into_iter().find(|p| p.rule == Rule::UnreadDeadline).expect("warning");
    assert!(w.message.contains("sớm nhất có thể"));
    let clause = g.corpus().documents()[1].clause("II.1").unwrap();
    assert_eq!(clause.deadline.as_ref().unwrap().text(), "sớm nhất có thể");
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("directive-lineage-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(d.join("corpus")).unwrap();
    d
}

#[test]
fn malformed_file_names_file_and_line() {
    let d = temp_dir("malformed");
    let good = serde_json::to_string_pretty(&base()).unwrap();
    fs::write(d.join("corpus/a.json"), &good).unwrap();
    // Break line 5: a missing comma.
    let mut lines: Vec<&str> = good.lines().collect();
    let broken_line = lines[4].trim_end_matches(',').to_string();
    lines[4] = &broken_line;
    fs::write(d.join("corpus/b.json"), lines.join("\n")).unwrap();
    let err = Corpus::load(&d).unwrap_err();
    match err.kind() {
        ErrorKind::Json { path, line, .. } => {
            assert!(path.ends_with("corpus/b.json"), "{path:?}");
            assert!((5..=6).contains(line), "line {line}");
        }
        other => panic!("unexpected {other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains("b.json:"), "{msg}");
}

#[test]
fn wrong_shape_and_format_are_errors() {
    let d = temp_dir("shape");
    let mut v = base();
    v["documents"][1]["level"] = "planet".into();
    fs::write(d.join("corpus/a.json"), serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let err = Corpus::load(&d).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Json { .. }), "{err}");
    assert!(err.to_string().contains("planet"), "{err}");

    let mut v = base();
    v["format"] = "directive-lineage/corpus@99".into();
    fs::write(d.join("corpus/a.json"), serde_json::to_string(&v).unwrap()).unwrap();
    let err = Corpus::load(&d).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Format { .. }), "{err}");

    let mut v = base();
    v["documents"][1]["id"] = "Quang Ninh/2024/kh-ubnd/162".into();
    fs::write(d.join("corpus/a.json"), serde_json::to_string(&v).unwrap()).unwrap();
    let err = Corpus::load(&d).unwrap_err();
    assert!(err.to_string().contains("Quang Ninh"), "{err}");
}

#[test]
fn missing_directory_is_an_io_error() {
    let err = Corpus::load("/nonexistent/directive-lineage").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
}

/// A corpus file of `n` plans as an export writes it, large enough to be
/// read in many pieces; every 700th plan has problems: a citation and a
/// clause link that dangle, an unknown agency, a clause path used twice.
fn plans_with_problems(n: usize) -> String {
    let docs: Vec<serde_json::Value> = (1..=n)
        .map(|k| {
            let broken = k % 700 == 0;
            let clause = |path: &str, extra: serde_json::Value| {
                let mut c = serde_json::json!({"path": path, "kind": "item", "provenance": "stated",
                    "text": "Rà soát, đánh giá việc thực hiện các nhiệm vụ được giao trong năm"});
                c.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
                c
            };
            let mut clauses = vec![clause("1", serde_json::json!({})), clause("2", serde_json::json!({}))];
            clauses.push(clause("3", serde_json::json!({"assignments": [{"agency": if broken { "Sở Không Có" } else { "Sở Y tế" }, "role": "lead"}]})));
            clauses.push(clause(if broken { "2" } else { "4" }, serde_json::json!({})));
            if broken {
                clauses.push(clause("5", serde_json::json!({"implements": [{"target": "vn/2023/ct-tw/99#1", "provenance": "curated"}]})));
            }
            let citations = if broken {
                serde_json::json!([{"text": "Chỉ thị số 99-CT/TW", "target": "vn/2023/ct-tw/99", "relation": "cites"}])
            } else {
                serde_json::json!([])
            };
            serde_json::json!({
                "id": format!("quang-ninh/2024/kh-ubnd/{k}"), "kind": "ke-hoach", "issuer": "UBND tỉnh Quảng Ninh",
                "jurisdiction": "quang-ninh", "level": "province", "branch": "government", "title": "Kế hoạch",
                "status": "full-text", "citations": citations, "clauses": clauses
            })
        })
        .collect();
    let compact = serde_json::json!({"format": "directive-lineage/corpus@1", "documents": docs}).to_string();
    Corpus::from_json("plans.json", &compact).unwrap().to_json()
}

/// The line where document `doc` begins in `text`, or its clause with
/// `path` (the `n`th clause with that path, from 1).
fn line_of(text: &str, doc: &str, clause: Option<(&str, usize)>) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let id = lines.iter().position(|l| l.trim() == format!("\"id\": \"{doc}\",")).unwrap();
    let Some((path, nth)) = clause else { return id };
    let at = lines[id..]
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == format!("\"path\": \"{path}\","))
        .nth(nth - 1);
    id + at.unwrap().0 // the `{` is the line before the key, and lines count from 1
}

#[test]
fn problems_carry_the_line_where_their_document_or_clause_begins() {
    let text = plans_with_problems(1500);
    assert!(text.len() > 3 * (512 << 10), "several pieces: {} bytes", text.len());
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("validation-lines");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("corpus")).unwrap();
    for table in ["agencies.json", "jurisdictions.json"] {
        fs::copy(format!("{}/data/{table}", env!("CARGO_MANIFEST_DIR")), dir.join(table)).unwrap();
    }
    let file = dir.join("corpus/plans.json");
    fs::write(&file, &text).unwrap();
    for graph in [LineageGraph::load(&dir).unwrap(), LineageGraph::build(Corpus::load(&dir).unwrap())] {
        let problems = graph.validate();
        // Per broken plan: the citation, the link, the agency, the path.
        assert_eq!(problems.len(), 4 * (1500 / 700), "{problems:#?}");
        for p in &problems {
            let doc = p.document.as_ref().unwrap().as_str();
            let clause = match (p.rule, p.clause.as_deref()) {
                (Rule::DuplicateId, Some(path)) => Some((path, 2)),
                (_, Some(path)) => Some((path, 1)),
                _ => None,
            };
            assert_eq!(p.line, Some(line_of(&text, doc, clause)), "{p}");
            assert!(p.to_string().contains(&format!("plans.json:{}: {doc}", p.line.unwrap())), "{p}");
            assert_eq!(serde_json::to_value(p).unwrap()["line"], p.line.unwrap());
        }
        assert!(problems.iter().any(|p| p.clause.is_none()), "a document's own problem");
    }

    // Changed since it was loaded: no line rather than a wrong one.
    let graph = LineageGraph::load(&dir).unwrap();
    fs::write(&file, format!("\n{text}")).unwrap();
    assert!(graph.validate().iter().all(|p| p.line.is_none()));
}
