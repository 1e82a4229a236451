//! Hostile and unusual input (issue 15's reproducers, generated here): a
//! clean error or a correct answer, quickly and in bounded memory.

use std::fs;
use std::path::PathBuf;

use directive_lineage::{
    tasks_csv, Corpus, Date, ErrorKind, LineageGraph, QueryOptions, Rule, Severity, TaskFilter,
};

/// A data directory holding one corpus file with `json`, under target/.
fn data_dir(name: &str, json: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("corpus")).unwrap();
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    for table in ["agencies.json", "jurisdictions.json"] {
        fs::copy(format!("{data}/{table}"), dir.join(table)).unwrap();
    }
    fs::write(dir.join("corpus/x.json"), json).unwrap();
    dir
}

/// A plan's document head with `rest` as its remaining fields.
fn document(number: u32, rest: &str) -> String {
    format!(
        r#"{{"id": "quang-ninh/2024/kh-ubnd/{number}", "kind": "ke-hoach", "issuer": "UBND tỉnh Quảng Ninh",
      "jurisdiction": "quang-ninh", "level": "province", "branch": "government", "title": "T",
      "status": "full-text"{rest}}}"#
    )
}

/// A corpus file laid out as `Corpus::to_json` writes it, so that the
/// piecewise reader takes it.
fn corpus_file(documents: &[String]) -> String {
    format!(
        "{{\n  \"format\": \"directive-lineage/corpus@1\",\n  \"documents\": [\n    {}\n  ]\n}}\n",
        documents.join(",\n    ")
    )
}

fn load_error(dir: &PathBuf) -> String {
    let by_graph = LineageGraph::load(dir).expect_err("refused").to_string();
    let by_corpus = Corpus::load(dir).expect_err("refused").to_string();
    assert_eq!(by_graph, by_corpus);
    by_graph
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = 100_000;
    let in_unknown_field = document(1, &format!(r#", "extra": {}{}"#, "[".repeat(deep), "]".repeat(deep)));
    let dir = data_dir("deep-unknown", &corpus_file(&[in_unknown_field]));
    let e = load_error(&dir);
    assert!(e.contains("unknown field `extra`") && e.contains("x.json:"), "{e}");

    let in_clauses = document(2, &format!(r#", "clauses": {}{}"#, "[".repeat(deep), "]".repeat(deep)));
    let in_title = document(3, &format!(r#", "signer": {}1{}"#, r#"{"a": "#.repeat(deep), "}".repeat(deep)));
    for (name, doc) in [("deep-clauses", in_clauses), ("deep-signer", in_title)] {
        let e = load_error(&data_dir(name, &corpus_file(&[doc])));
        assert!(e.contains("x.json:"), "{e}");
    }
}

#[test]
fn unknown_keys_are_refused_with_their_place() {
    let doc = document(1002, "");
    let archived = format!("{{\"format\": \"directive-lineage/corpus@1\", \"documents\": [], \"archived\": [\n    {doc},\n    {doc}\n]}}");
    let e = load_error(&data_dir("unknown-root", &archived));
    assert!(e.contains("unknown field `archived`, expected `format` or `documents`"), "{e}");

    let commented = document(
        1,
        r#", "clauses": [{"path": "1", "kind": "item", "provenance": "stated", "comment": "x"}]"#,
    );
    let e = load_error(&data_dir("unknown-clause-key", &corpus_file(&[commented])));
    assert!(e.contains("unknown field `comment`"), "{e}");
}

#[test]
fn a_lone_surrogate_is_refused_and_a_pair_is_read() {
    let lone = document(1, "").replace(r#""title": "T""#, r#""title": "a\ud800""#);
    let e = load_error(&data_dir("lone-surrogate", &corpus_file(&[lone])));
    assert!(e.contains("x.json:"), "{e}");

    let pair = document(1, "").replace(r#""title": "T""#, r#""title": "a\ud83d\ude00""#);
    let graph = LineageGraph::load(data_dir("surrogate-pair", &corpus_file(&[pair]))).unwrap();
    assert_eq!(graph.corpus().documents()[0].title, "a\u{1F600}");
}

#[test]
fn dates_are_read_only_in_their_one_form() {
    for bad in ["2024-+6-27", "+202-01-01", "0202-01-01", "2024-6-27", " 2024-06-27", "2024-02-30"] {
        assert!(bad.parse::<Date>().is_err(), "{bad} accepted");
        let doc = document(1, &format!(r#", "date": "{bad}""#));
        let e = load_error(&data_dir("bad-date", &corpus_file(&[doc])));
        assert!(e.contains("invalid date"), "{bad}: {e}");
    }
    assert_eq!("2024-06-27".parse::<Date>().unwrap().to_string(), "2024-06-27");
    // A form `FromStr` reads is still not corpus JSON's form, and the error
    // says which form is.
    let doc = document(1, r#", "date": "27/06/2024""#);
    let e = load_error(&data_dir("written-date", &corpus_file(&[doc])));
    assert!(e.contains("x.json:") && e.contains("expected YYYY-MM-DD, such as 2025-08-01"), "{e}");
}

#[test]
fn a_reference_by_number_says_the_canonical_form() {
    let clauses = r#", "clauses": [{"path": "1", "kind": "item", "provenance": "stated",
        "text": "x", "implements": [{"target": "99-CT/TW#1", "provenance": "curated"}]}]"#;
    let e = load_error(&data_dir("number-reference", &corpus_file(&[document(1, clauses)])));
    assert!(e.contains("x.json:") && e.contains(r#"invalid clause reference: "99-CT/TW#1""#), "{e}");
    assert!(
        e.contains("expected a canonical id {jurisdiction}/{year}/{symbol}/{number}#{clause path}"),
        "{e}"
    );
    assert!(
        e.contains("such as vn/2023/ct-tw/25#4; 99-CT/TW is vn/{year}/ct-tw/99#1 with its year of issue"),
        "{e}"
    );
}

#[test]
fn csv_cells_that_look_like_formulas_are_made_text() {
    let clauses = r#", "clauses": [{"path": "1", "kind": "bullet", "provenance": "stated",
        "text": "=cmd|' /C calc'!A0", "assignments": [{"agency": "@SUM(A1)", "role": "lead"}]},
      {"path": "2", "kind": "bullet", "provenance": "stated",
        "text": "- Đầu tư cơ sở hạ tầng", "assignments": [{"agency": "Sở Y tế", "role": "lead"}]}]"#;
    let graph = LineageGraph::load(data_dir("csv", &corpus_file(&[document(1, clauses)]))).unwrap();
    let csv = tasks_csv(&graph, &TaskFilter::new()).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> =
        reader.records().flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>()).collect();
    assert!(cells.contains(&"'=cmd|' /C calc'!A0".to_string()), "{csv}");
    assert!(cells.contains(&"'@SUM(A1)".to_string()), "{csv}");
    assert!(cells.contains(&"'- Đầu tư cơ sở hạ tầng".to_string()), "{csv}");
    assert!(cells.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])), "{csv}");
}

/// Clauses `a0`, `b0`, then for each level `a{k}` and `b{k}` implementing
/// both clauses of the level above: 2^levels chains from the bottom.
fn lattice(levels: usize) -> String {
    let mut clauses = vec![r#"{"path": "a0", "kind": "item", "provenance": "curated"}"#.to_string()];
    clauses.push(r#"{"path": "b0", "kind": "item", "provenance": "curated"}"#.to_string());
    for k in 1..=levels {
        for side in ["a", "b"] {
            clauses.push(format!(
                r#"{{"path": "{side}{k}", "kind": "item", "provenance": "curated", "implements": [
                {{"target": "quang-ninh/2024/kh-ubnd/999#a{p}", "provenance": "curated"}},
                {{"target": "quang-ninh/2024/kh-ubnd/999#b{p}", "provenance": "curated"}}]}}"#,
                p = k - 1
            ));
        }
    }
    corpus_file(&[document(999, &format!(r#", "clauses": [{}]"#, clauses.join(",")))])
}

#[test]
fn trace_up_stops_at_its_limit_instead_of_exploding() {
    let graph = LineageGraph::load(data_dir("lattice", &lattice(40))).unwrap();
    let e = graph.trace_up("quang-ninh/2024/kh-ubnd/999#a40", &QueryOptions::new()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitReached { limit, .. } if *limit == LineageGraph::MAX_CHAINS),
        "{e}"
    );
    // Below the limit every chain is there: 2^10 from the tenth level.
    let chains = graph.trace_up("quang-ninh/2024/kh-ubnd/999#a10", &QueryOptions::new()).unwrap();
    assert_eq!(chains.len(), 1 << 10);
}

#[test]
fn a_long_cycle_is_one_short_problem() {
    let n = 4000;
    let clauses = |own: u32, other: u32, shift: usize| {
        let rows: Vec<String> = (0..n)
            .map(|k| {
                format!(
                    r#"{{"path": "{}", "kind": "item", "provenance": "stated", "implements": [{{"target": "quang-ninh/2024/kh-ubnd/{other}#{}", "provenance": "curated"}}]}}"#,
                    k + 1,
                    (k + shift) % n + 1
                )
            })
            .collect();
        document(own, &format!(r#", "clauses": [{}]"#, rows.join(",")))
    };
    let graph =
        LineageGraph::load(data_dir("cycle", &corpus_file(&[clauses(1, 2, 0), clauses(2, 1, 1)]))).unwrap();
    let cycles: Vec<_> = graph.validate().into_iter().filter(|p| p.rule == Rule::ImplementsCycle).collect();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert_eq!(cycles[0].severity, Severity::Error);
    assert!(cycles[0].message.len() < 600, "{}", cycles[0].message);
    assert!(cycles[0].message.contains(&format!("({} links)", 2 * n)), "{}", cycles[0].message);
}

#[test]
fn a_chain_of_twenty_thousand_plans_draws_and_traces() {
    let n = 20_000;
    let docs: Vec<String> = (1..=n)
        .map(|i| {
            let cites = if i == 1 {
                String::new()
            } else {
                format!(
                    r#", "citations": [{{"text": "x", "target": "quang-ninh/2024/kh-ubnd/{}", "relation": "implements"}}]"#,
                    i - 1
                )
            };
            document(i, &cites)
        })
        .collect();
    let graph = LineageGraph::load(data_dir("chain", &corpus_file(&docs))).unwrap();
    let tree = graph.lineage_tree();
    assert_eq!(
        tree.lines().filter(|l| l.contains("KH-UBND") || l.contains("kh-ubnd")).count(),
        n as usize,
        "{}",
        &tree[..500]
    );
    assert!(tree.len() < 300 * n as usize, "{} bytes", tree.len());
    assert!(tree.contains("[level 25] "));
    let chains = graph.trace_up(&format!("quang-ninh/2024/kh-ubnd/{n}"), &QueryOptions::new()).unwrap();
    assert_eq!(chains.len(), 1);
    assert_eq!(chains[0].steps.len(), n as usize);
}

#[test]
fn byte_order_marks_bad_bytes_and_the_end_of_the_file_are_placed() {
    let good = corpus_file(&[document(1, "")]);
    let graph = LineageGraph::load(data_dir("bom", &format!("\u{feff}{good}"))).unwrap();
    assert_eq!(graph.corpus().documents().len(), 1);

    let dir = data_dir("not-utf8", "");
    let mut bytes = good.replace("\"T\"", "\"T\u{1}\"").into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[at] = 0xff;
    fs::write(dir.join("corpus/x.json"), &bytes).unwrap();
    let e = load_error(&dir);
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    assert!(e.contains(&format!("x.json:{line}:")) && e.contains("invalid UTF-8"), "{e}");

    let e = load_error(&data_dir("eof", "{\n  \"format\": \"directive-lineage/corpus@1\",\n"));
    assert!(!e.contains(":0:"), "columns are 1-based: {e}");
}

#[test]
fn coverage_through_a_documents_own_links_is_linear_and_complete() {
    // Plan 1's clause k implements its clause k-1; plan 2's clause 1
    // implements plan 1's last clause.
    let n = 20_000;
    let rows: Vec<String> = (1..=n)
        .map(|k| {
            let up = if k == 1 {
                String::new()
            } else {
                format!(r#", "implements": [{{"target": "quang-ninh/2024/kh-ubnd/1#{}", "provenance": "curated"}}]"#, k - 1)
            };
            format!(r#"{{"path": "{k}", "kind": "item", "provenance": "stated"{up}}}"#)
        })
        .collect();
    let chain = document(1, &format!(r#", "clauses": [{}]"#, rows.join(",")));
    let local = document(
        2,
        &format!(
            r#", "clauses": [{{"path": "1", "kind": "item", "provenance": "stated", "implements": [{{"target": "quang-ninh/2024/kh-ubnd/1#{n}", "provenance": "curated"}}]}}]"#
        ),
    );
    let graph = LineageGraph::load(data_dir("own-chain", &corpus_file(&[chain, local]))).unwrap();
    let rows = graph.coverage("quang-ninh/2024/kh-ubnd/1", None, &QueryOptions::new()).unwrap();
    assert_eq!(rows.len(), n as usize);
    // Every clause of the chain is carried out by plan 2's clause, through the chain.
    assert!(rows.iter().all(|r| r.implemented_by == ["quang-ninh/2024/kh-ubnd/2#1"]), "{:?}", &rows[..2]);
}

#[test]
fn values_outside_their_range_are_refused() {
    let link = |score: &str| {
        document(
            1,
            &format!(
                r#", "clauses": [{{"path": "1", "kind": "item", "provenance": "stated", "implements": [{{"target": "vn/2023/ct-tw/25", "provenance": "inferred", "score": {score}}}]}}]"#
            ),
        )
    };
    for bad in ["-5.0", "1.5"] {
        let e = load_error(&data_dir("score", &corpus_file(&[link(bad)])));
        assert!(e.contains("outside 0 to 1"), "{e}");
    }
    assert!(LineageGraph::load(data_dir("score-ok", &corpus_file(&[link("0.93")]))).is_ok());

    let reversed = document(
        1,
        r#", "clauses": [{"path": "1", "kind": "item", "provenance": "stated",
            "deadline": {"text": "Quý II năm 2024", "kind": "by", "start": "2024-06-30", "end": "2024-04-01"}}]"#,
    );
    let e = load_error(&data_dir("reversed-deadline", &corpus_file(&[reversed])));
    assert!(e.contains("deadline starts 2024-06-30, after it ends 2024-04-01"), "{e}");

    for id in ["quang-ninh/2024/../1", "quang-ninh/2024/kh..ubnd/1", "quang-ninh/2024/.kh/1"] {
        assert!(id.parse::<directive_lineage::DocId>().is_err(), "{id} accepted");
    }
}

/// A clause whose deadline is `deadline` (JSON), the reproducer's plan.
fn with_deadline(deadline: &str) -> String {
    let clause = format!(
        r#", "clauses": [{{"path": "1", "kind": "item", "provenance": "stated", "deadline": {deadline}}}]"#
    );
    corpus_file(&[document(1, &clause)])
}

#[test]
fn a_deadline_whose_dates_contradict_its_text_is_refused_at_its_place() {
    let object = |text: &str, kind: &str, start: &str, end: &str| {
        format!(r#"{{"text": "{text}", "kind": "{kind}", "start": {start}, "end": {end}}}"#)
    };
    let refused = [
        (object("Quý II/2025", "by", r#""2025-04-01""#, r#""2025-09-30""#), "2025-04-01 to 2025-06-30"),
        (object("Quý II/2025", "by", r#""2025-01-01""#, r#""2025-06-30""#), "2025-04-01 to 2025-06-30"),
        (object("Trước tháng 7/2025", "before", "null", r#""2025-12-31""#), "… to 2025-06-30"),
        (object("Từ năm 2026", "from", r#""2025-01-01""#, "null"), "2026-01-01 to …"),
    ];
    for (deadline, says) in refused {
        let json = with_deadline(&deadline);
        let e = load_error(&data_dir("contradiction", &json));
        let line = 1 + json.lines().position(|l| l.contains("\"deadline\"")).unwrap();
        assert!(e.contains(&format!("x.json:{line}:")), "{e}: expected line {line}");
        assert!(e.contains(&format!("outside what its text says: {says}")), "{e}");
    }
    // Dates within the text's interval (a curator may narrow it), an
    // object read again from its text, a text that gives no dates: kept.
    let kept = [
        object("Quý II/2025", "by", r#""2025-04-01""#, r#""2025-05-15""#),
        r#"{"text": "Quý II/2025"}"#.to_string(),
        object("sớm", "by", "null", r#""2030-01-01""#),
        object("Nhiệm vụ thường xuyên", "ongoing", "null", "null"),
    ];
    for deadline in kept {
        let graph = LineageGraph::load(data_dir("kept-deadline", &with_deadline(&deadline))).unwrap();
        let clause = &graph.corpus().documents()[0].clauses[0];
        assert!(clause.deadline.is_some(), "{deadline}");
    }
}
