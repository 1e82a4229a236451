//! The `lineage` command line on the bundled data: the acceptance checks of
//! the query issue, exit codes, formats.
#![cfg(feature = "cli")]

use std::process::{Command, Output};

fn lineage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lineage")).args(args).output().expect("lineage runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn trace_group_4() {
    let o = lineage(&["trace", "25-CT/TW#4"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    for id in ["162#II.4 ", "162#PL.12", "162#PL.13", "162#PL.14", "162#PL.15", "kh-syt/56#4 "] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
}

#[test]
fn coverage_in_quang_ninh() {
    let o = lineage(&["coverage", "25-CT/TW", "--in", "quang-ninh", "--format", "json"]);
    assert!(o.status.success());
    let coverage: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(coverage["jurisdiction"], "quang-ninh");
    let rows = coverage["clauses"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| !r["implemented_by"].as_array().unwrap().is_empty()));
}

#[test]
fn tasks_of_noi_vu_and_overdue() {
    let o = lineage(&["tasks", "--agency", "Sở Nội vụ", "--in", "quang-ninh", "--format", "csv"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let ids: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    let want: Vec<String> =
        ["7", "12", "13", "14", "15"].iter().map(|n| format!("quang-ninh/2024/kh-ubnd/162#PL.{n}")).collect();
    assert_eq!(ids, want);

    let o = lineage(&["tasks", "--as-of", "2025-08-01", "--in", "quang-ninh"]);
    let out = stdout(&o);
    let row7 = record(&out, "quang-ninh/2024/kh-ubnd/162#PL.7 ");
    assert!(row7[0].contains("overdue") && row7[0].contains("2025-06-30"), "{row7:?}");
    assert!(row7.contains(&"    deadline: Trước tháng 7/2025"), "{row7:?}");
}

/// The lines of the text-table row that starts with `start`, with the
/// indented lines under it (cells too wide to stand beside the key columns).
fn record<'a>(out: &'a str, start: &str) -> Vec<&'a str> {
    let mut lines = out.lines().skip_while(|l| !l.starts_with(start));
    let first = lines.next().unwrap_or_else(|| panic!("no row {start:?} in\n{out}"));
    [first].into_iter().chain(lines.take_while(|l| l.starts_with(' '))).collect()
}

#[test]
fn unknown_reference_is_a_usage_error_with_suggestions() {
    let o = lineage(&["trace", "25-CT/TW#9"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("did you mean vn/2023/ct-tw/25#"), "{err}");
    let o = lineage(&["tasks", "--as-of", "2025-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    let o = lineage(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The first suggestion for a reference that names no document: what the
/// user typed (a bare number, a symbol) chooses it, not the spelling of ids.
fn first_suggestion(reference: &str) -> String {
    let o = lineage(&["trace", reference]);
    assert_eq!(o.status.code(), Some(2), "{reference}");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let list = err.split("did you mean ").nth(1).unwrap_or_else(|| panic!("no suggestion: {err}"));
    list.split([',', '?']).next().unwrap().trim().to_string()
}

#[test]
fn suggestions_follow_the_number_or_symbol_typed() {
    assert_eq!(first_suggestion("162"), "quang-ninh/2024/kh-ubnd/162");
    assert_eq!(first_suggestion("Kế hoạch 56"), "thai-binh/2024/kh-syt/56");
    assert_eq!(first_suggestion("99-CT/TW"), "vn/2023/ct-tw/25");
    assert_eq!(first_suggestion("vn/2024/ct-tw/25"), "vn/2023/ct-tw/25");
    assert_eq!(first_suggestion("47/KH-UBND@quang-ninh"), "thai-binh/2024/kh-ubnd/47");
    // A symbol alone: the three plans of a Sở Y tế, no Thông tư.
    let o = lineage(&["trace", "KH-SYT"]);
    let err = String::from_utf8_lossy(&o.stderr);
    let list = err.split("did you mean ").nth(1).unwrap();
    assert_eq!(list.matches("/kh-syt/").count(), 3, "{err}");
}

#[test]
fn dates_in_the_forms_people_write_and_errors_that_list_them() {
    let iso = lineage(&["tasks", "--as-of", "2025-08-01", "--in", "quang-ninh", "--format", "json"]);
    let written = lineage(&["tasks", "--as-of", "01/08/2025", "--in", "quang-ninh", "--format", "json"]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    assert_eq!(stdout(&written), stdout(&iso));
    let o = lineage(&["tasks", "--as-of", "tomorrow"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    for form in ["2025-08-01", "01/08/2025", "1/8/2025", "ngày 01 tháng 8 năm 2025"] {
        assert!(err.contains(form), "{form} not listed: {err}");
    }
    let o = lineage(&["tasks", "--due-to", "31/06/2025"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("6/2025 has 30 days"));
}

#[test]
fn party_symbol_printed_with_its_diacritic_resolves() {
    for written in ["25-CT/TƯ", "25-CT/T.Ư", "Chỉ thị 25-CT /TW"] {
        let o = lineage(&["trace", written, "--format", "json"]);
        assert!(o.status.success(), "{written}: {}", String::from_utf8_lossy(&o.stderr));
        let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(hits[0]["id"], "vn/2023/ct-tw/25", "{written}");
    }
}

#[test]
fn check_exit_codes() {
    let o = lineage(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let dir = std::env::temp_dir().join(format!("lineage-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("bad.json");
    std::fs::write(
        &f,
        r#"{"format": "directive-lineage/corpus@1", "documents": [{"id": "vn/2024/kh-byt/1", "kind": "ke-hoach",
        "issuer": "Bộ Y tế", "jurisdiction": "vn", "level": "central", "branch": "department", "status": "full-text",
        "citations": [{"text": "x", "target": "vn/2020/qd-ttg/9", "relation": "implements"}]}]}"#,
    )
    .unwrap();
    let o = lineage(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("dangling-reference"));
    std::fs::write(&f, "{ not json").unwrap();
    let o = lineage(&["check", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    // An unreadable file is one of check's problems, with its line and column.
    let out = stdout(&o);
    assert!(out.contains("error[unreadable-file]") && out.contains("bad.json:1: column 3:"), "{out}");
}

#[test]
fn trace_up_and_search() {
    let o = lineage(&["trace", "--up", "quang-ninh/2024/kh-ubnd/162#PL.13", "--format", "json"]);
    let chains: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = chains.to_string();
    assert!(text.contains("vn/2023/ct-tw/25#4"), "{text}");
    let o = lineage(&["search", "y te co so", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(hits.as_array().unwrap().len() > 20);
}

#[test]
fn dot_views_and_exports() {
    for view in ["documents", "clauses", "agencies"] {
        let o = lineage(&["dot", "--view", view, "--root", "25-CT/TW#4", "--as-of", "2025-08-01"]);
        assert!(o.status.success(), "{view}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(stdout(&o).starts_with("digraph"), "{view}");
        // Same input, same bytes.
        let again = lineage(&["dot", "--view", view, "--root", "25-CT/TW#4", "--as-of", "2025-08-01"]);
        assert_eq!(o.stdout, again.stdout, "{view} is deterministic");
    }
    assert_eq!(lineage(&["dot", "--view", "clauses", "--root", "nope"]).status.code(), Some(2));

    let o = lineage(&["export", "--format", "node-link"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["directed"], true);
    assert_eq!(v["nodes"].as_array().unwrap().len(), v["graph"]["node_count"].as_u64().unwrap() as usize);
    let o = lineage(&["export"]);
    let c: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(c["format"], "directive-lineage/corpus@1");
    let o = lineage(&["export", "--table", "tasks", "--format", "csv", "--as-of", "2025-08-01"]);
    let csv = stdout(&o);
    assert!(csv.lines().any(|l| l.starts_with("quang-ninh/2024/kh-ubnd/162#PL.7,") && l.contains("overdue")));
    assert_eq!(lineage(&["export", "--format", "csv"]).status.code(), Some(2));
    // Without --as-of, status is taken today, and every row says so.
    let o = lineage(&["export", "--table", "tasks", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let days: std::collections::BTreeSet<&str> =
        rows.as_array().unwrap().iter().map(|r| r["as_of"].as_str().expect("an as_of date")).collect();
    assert_eq!(days.len(), 1, "{days:?}");
    assert!(
        days.iter().all(|d| d.parse::<directive_lineage::Date>().is_ok() && *d > "2025-08-01"),
        "{days:?}"
    );
}

#[test]
fn align_reproduces_the_curated_group_links() {
    let o = lineage(&["align", "56/KH-SYT", "25-CT/TW", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let pairs: Vec<(String, String)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["local"].as_str().unwrap().to_string(), p["parent"].as_str().unwrap().to_string()))
        .filter(|(l, _)| !l.contains(".-"))
        .collect();
    for k in 1..=5 {
        let want = (format!("thai-binh/2024/kh-syt/56#{k}"), format!("vn/2023/ct-tw/25#{k}"));
        assert!(pairs.contains(&want), "{want:?} missing from {pairs:?}");
    }
    // Applied, the proposals are inferred links with their score, and the
    // trace with --with-inferred marks them.
    let o = lineage(&[
        "align",
        "162/KH-UBND",
        "162/KH-UBND",
        "--local-prefix",
        "PL.",
        "--parent-prefix",
        "II.",
        "--apply",
    ]);
    let corpus: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let text = corpus.to_string();
    assert!(text.contains(r#""provenance":"inferred""#), "no inferred link written");
    assert_eq!(lineage(&["align", "56/KH-SYT", "25-CT/TW", "--min-score", "1.5"]).status.code(), Some(2));
}

#[test]
fn extract_a_seed_prints_corpus_json() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources/quang-ninh-2024-kh-ubnd-162.txt");
    let o = lineage(&["extract", seed, "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["id"], "quang-ninh/2024/kh-ubnd/162");
    let rows = doc["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["path"].as_str().unwrap().starts_with("PL."))
        .count();
    assert_eq!(rows, 17);
    let dir = std::env::temp_dir().join(format!("lineage-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("not-a-document.txt");
    std::fs::write(&f, "Xin chào, đây không phải là văn bản.").unwrap();
    let o = lineage(&["extract", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a policy document"));
}

/// A data directory under target/ with the bundled tables and `files`
/// (name, content) as its corpus.
fn data_with(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    for table in ["agencies.json", "jurisdictions.json"] {
        std::fs::copy(format!("{}/data/{table}", env!("CARGO_MANIFEST_DIR")), dir.join(table)).unwrap();
    }
    for (f, content) in files {
        std::fs::write(dir.join("corpus").join(f), content).unwrap();
    }
    dir
}

#[test]
fn check_reports_every_file_and_goes_on() {
    let good =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus/vn-2023-ct-tw-25.json"))
            .unwrap();
    let dir = data_with(
        "check-every-file",
        &[
            ("a.json", r#"{"format": 1}"#),
            ("b.json", r#"{"format": "directive-lineage/corpus@1", "documents": [{"id": 5}]}"#),
            ("c.json", &good),
        ],
    );
    let d = dir.to_str().unwrap();
    let o = lineage(&["--data", d, "check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("a.json:1: column 12:"), "{out}");
    assert!(out.contains("b.json:1: column 63:"), "{out}");
    // c.json was read: its own links to plans not in this directory dangle.
    assert!(out.contains("vn/2023/ct-tw/25#1: reconstructed from unknown"), "{out}");

    let o = lineage(&["--data", d, "--format", "json", "check"]);
    let problems: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let unreadable: Vec<&str> = problems
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["rule"] == "unreadable-file")
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert_eq!(unreadable.len(), 2, "{problems}");

    // Checking one good file does not depend on the directory's broken ones.
    let file = format!("{}/data/corpus/vn-2023-ct-tw-25.json", env!("CARGO_MANIFEST_DIR"));
    let o = lineage(&["--data", d, "check", &file]);
    assert!(!stdout(&o).contains("unreadable-file"), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn special_files_are_refused_not_read() {
    let dir = data_with("special", &[]);
    let fifo = dir.join("corpus/x.json");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", dir.join("corpus/zero.json")).unwrap();
    let o = lineage(&["--data", dir.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.matches("not a regular file").count(), 2, "{out}");
    assert!(out.ends_with("2 errors, 0 warnings\n"), "{out}");
    // The commands that build the graph while they read refuse them too.
    let o = lineage(&["--data", dir.to_str().unwrap(), "export"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a regular file"));
}

#[test]
fn an_empty_due_window_and_terminal_escapes() {
    let o = lineage(&["tasks", "--due-from", "2025-01-01", "--due-to", "2024-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--due-from 2025-01-01 is after --due-to 2024-01-01"));

    let mut curated = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/corpus/thai-binh-2024-kh-syt-56.json"
    ))
    .unwrap();
    // The first clause heading, which the table shows.
    let clauses = curated.find("\"clauses\"").unwrap();
    let after = clauses + curated[clauses..].find("\"heading\": \"").unwrap() + "\"heading\": \"".len();
    curated.insert_str(after, "\\u001b[2J\\u001b]0;owned\\u0007");
    let dir = data_with("escapes", &[("x.json", &curated)]);
    let o = lineage(&["--data", dir.to_str().unwrap(), "search", "owned"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("\u{fffd}[2J\u{fffd}]0;owned"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
}

#[test]
fn extract_prints_corpus_json_unless_asked_for_an_outline() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources/thai-binh-2024-kh-syt-56.txt");
    let o = lineage(&["extract", seed]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("the default is corpus JSON");
    assert_eq!(v["format"], "directive-lineage/corpus@1");
    assert_eq!(o.stdout, lineage(&["extract", seed, "--format", "json"]).stdout);

    // The outline: a line per document with its status as in the corpus
    // JSON, a line per clause, then the warnings.
    let o = lineage(&["extract", seed, "--format", "text"]);
    assert!(o.status.success());
    let out = stdout(&o);
    // A long warning goes on over indented lines.
    let mut lines = out.lines().filter(|l| !l.starts_with("    "));
    for doc in v["documents"].as_array().unwrap() {
        let head = lines.next().unwrap();
        let status = doc["status"].as_str().unwrap();
        assert!(head.starts_with(&format!("{}  [{status}]  ", doc["id"].as_str().unwrap())), "{head}");
        for c in doc["clauses"].as_array().unwrap_or(&Vec::new()) {
            let line = lines.next().unwrap();
            assert!(line.starts_with(&format!("  {} ", c["path"].as_str().unwrap())), "{line}");
        }
        for _ in doc["warnings"].as_array().unwrap_or(&Vec::new()) {
            assert!(lines.next().unwrap().starts_with("  warning: "));
        }
    }
    assert_eq!(lines.next(), None);
    assert!(out.contains("  [summary]  ") && out.contains("  [cited-only]  "), "{out}");
    assert!(!out.contains("[Summary]") && !out.contains("CitedOnly"), "{out}");
}

/// A gazette table whose sub-rows repeat their row's undated citation: one
/// warning per citation, and clause texts of several lines on one line.
#[test]
fn extract_outline_warns_once_and_keeps_a_clause_on_a_line() {
    let text = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/texts/nq-97-nq-cp-2026.txt");
    let v: serde_json::Value = serde_json::from_slice(&lineage(&["extract", text]).stdout).unwrap();
    let doc = &v["documents"][0];
    let warnings: Vec<String> =
        doc["warnings"].as_array().unwrap().iter().map(|w| w["message"].to_string()).collect();
    let unresolved: Vec<&String> = warnings.iter().filter(|m| m.contains("79-NQ/TW")).collect();
    assert_eq!(unresolved.len(), 1, "{warnings:#?}");
    assert!(unresolved[0].contains("(cited 3 times, first here)"), "{}", unresolved[0]);
    let clauses = doc["clauses"].as_array().unwrap();
    let two_lines = clauses.iter().find(|c| c["path"] == "PL.19.1").unwrap();
    assert!(two_lines["text"].as_str().unwrap().contains('\n'));

    let out = stdout(&lineage(&["extract", text, "--format", "text"]));
    let first_doc: Vec<&str> = out.lines().skip(1).take_while(|l| l.starts_with("  ")).collect();
    let clause_lines = first_doc.iter().filter(|l| !l.starts_with("  warning: ") && !l.starts_with("    "));
    assert_eq!(clause_lines.count(), clauses.len());
    let pl19_1 = first_doc.iter().find(|l| l.starts_with("  PL.19.1 ")).unwrap();
    assert!(pl19_1.contains("Kết quả: Báo cáo chuyên đề"), "{pl19_1}");
    let starts: Vec<&&str> = first_doc.iter().filter(|l| l.starts_with("  warning: ")).collect();
    assert_eq!(starts.len(), warnings.len());
    let unique: std::collections::BTreeSet<&&&str> = starts.iter().collect();
    assert_eq!(unique.len(), starts.len(), "a warning printed twice");
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn text_tables_fit_100_columns_with_rows_counted() {
    let cases: &[&[&str]] = &[
        &["trace", "25-CT/TW"],
        &["trace", "25-CT/TW#4", "--with-inferred"],
        &["trace", "--up", "quang-ninh/2024/kh-ubnd/162#PL.13"],
        &["coverage", "25-CT/TW"],
        &["compare", "25-CT/TW", "quang-ninh", "bac-giang"],
        &["tasks", "--as-of", "2025-08-01"],
        &["search", "y te co so"],
        &["align", "56/KH-SYT", "25-CT/TW"],
        &["check"],
    ];
    for args in cases {
        let o = lineage(args);
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        let out = stdout(&o);
        let wide: Vec<&str> = out.lines().filter(|l| l.chars().count() > 100).collect();
        assert!(wide.is_empty(), "{args:?}: lines over 100 columns: {wide:#?}");
        if args[0] != "check" {
            let json = lineage(&[args, &["--format", "json"][..]].concat());
            let n =
                serde_json::from_slice::<serde_json::Value>(&json.stdout).unwrap().as_array().map(Vec::len);
            // compare is one object; every other command prints one row per item.
            if let Some(n) = n.filter(|_| args[0] != "compare" && args[1] != "--up") {
                let count = if n == 1 { "(1 row)".to_string() } else { format!("({n} rows)") };
                assert!(
                    out.ends_with(&format!("{count}\n")),
                    "{args:?}: {n} rows, out ends {:?}",
                    &out[out.len().saturating_sub(40)..]
                );
            }
        }
    }
    let one = stdout(&lineage(&["trace", "quang-ninh/2024/kh-ubnd/162#PL.12"]));
    assert!(one.ends_with("\n(1 row)\n"), "{one}");
    let none = stdout(&lineage(&[
        "tasks",
        "--agency",
        "Sở Nội vụ",
        "--in",
        "quang-ninh",
        "--status",
        "done-on-time",
    ]));
    assert!(none.ends_with("\n(0 rows)\n"), "{none}");
}

/// The trace shows each hit's parent and its text whole, wrapped, not cut at
/// the end of a wide line.
#[test]
fn trace_table_shows_the_parent_and_wraps() {
    let out = stdout(&lineage(&["trace", "25-CT/TW#4"]));
    assert!(out.lines().next().unwrap().split_whitespace().eq(["depth", "via", "id", "parent"]), "{out}");
    let pl12 = record(&out, "3      implements  quang-ninh/2024/kh-ubnd/162#PL.12 ");
    assert!(pl12[0].ends_with(" quang-ninh/2024/kh-ubnd/162#II.4.-1"), "{pl12:?}");
    assert!(pl12.contains(&"    lead: Sở Y tế; UBND các huyện, thị xã, thành phố"), "{pl12:?}");
    assert!(pl12.contains(&"    deadline: Nhiệm vụ thường xuyên"), "{pl12:?}");
    // The label of row 12, over three lines, every word of it shown.
    let text: String = pl12
        .iter()
        .skip_while(|l| !l.starts_with("    text: "))
        .map(|l| l.trim_start())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.ends_with("mỗi thôn, bản có một nhân viên y tế được đào tạo về chuyên môn."), "{text}");

    // CSV keeps every column, the parent among them.
    let csv = stdout(&lineage(&["trace", "25-CT/TW#4", "--format", "csv"]));
    assert!(
        csv.starts_with("depth,via,id,parent,jurisdiction,lead,cooperating,deadline,score,text\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",quang-ninh/2024/kh-ubnd/162#PL.12,quang-ninh/2024/kh-ubnd/162#II.4.-1,quang-ninh,")
    );
}

/// `lineage … | head`: the reader goes away, and the command ends quietly
/// with success, whatever it prints and in whatever format.
#[cfg(unix)]
#[test]
fn a_closed_pipe_is_no_error() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources/thai-binh-2024-kh-syt-56.txt");
    let cases: &[&[&str]] = &[
        &["check"],
        &["trace", "25-CT/TW"],
        &["trace", "25-CT/TW", "--format", "csv"],
        &["trace", "--up", "quang-ninh/2024/kh-ubnd/162#PL.13"],
        &["coverage", "25-CT/TW", "--format", "csv"],
        &["compare", "25-CT/TW", "quang-ninh", "bac-giang"],
        &["tasks"],
        &["tasks", "--format", "csv"],
        &["tasks", "--format", "json"],
        &["search", "y te", "--format", "csv"],
        &["export"],
        &["export", "--table", "tasks", "--format", "csv"],
        &["align", "56/KH-SYT", "25-CT/TW"],
        &["dot"],
        &["extract", seed],
        &["extract", seed, "--format", "text"],
        &["--help"],
    ];
    for args in cases {
        // A pipe whose read end is closed before the command writes.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let o = Command::new(env!("CARGO_BIN_EXE_lineage")).args(*args).stdout(writer).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&o.stderr), "", "{args:?}");
    }
}

#[test]
fn formats_a_command_does_not_print_are_refused() {
    let cases: &[(&[&str], &str)] = &[
        (&["dot", "--format", "csv"], "dot does not print --format csv: it prints only dot"),
        (
            &["check", "--format", "csv"],
            "check does not print --format csv: it prints text (the default) or json",
        ),
        (&["trace", "25-CT/TW", "--format", "node-link"], "it prints text (the default), json or csv"),
        (&["export", "--format", "text"], "it prints corpus (the default), json or node-link"),
        (&["export", "--format", "csv"], "; with --table, json or csv"),
        (&["export", "--table", "tasks", "--format", "node-link"], "it prints json (the default) or csv"),
        (&["extract", "x.txt", "--format", "csv"], "it prints json (the default), corpus or text"),
        (&["align", "56/KH-SYT", "25-CT/TW", "--format", "csv"], "it prints text (the default) or json"),
        (
            &["align", "56/KH-SYT", "25-CT/TW", "--apply", "--format", "text"],
            "it prints corpus (the default) or json",
        ),
    ];
    for (args, message) in cases {
        let o = lineage(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("lineage: ") && err.contains(message), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    assert!(lineage(&["dot", "--format", "dot"]).status.success());
    assert_eq!(lineage(&["tasks", "--format", "xml"]).status.code(), Some(2));
}

/// Every option with a fixed set of values lists them in the help, and each
/// command's help names the formats it prints, as its refusal does.
#[test]
fn help_lists_every_value() {
    let help = |args: &[&str]| stdout(&lineage(&[args, &["--help"][..]].concat()));
    let dot = help(&["dot"]);
    for v in ["documents", "clauses", "agencies", "text", "json", "csv", "node-link", "corpus", "dot"] {
        assert!(dot.contains(&format!("- {v}")), "{v} missing from\n{dot}");
    }
    let tasks = help(&["tasks"]);
    for v in ["lead", "cooperating", "done-on-time", "done-late", "open", "overdue", "ongoing", "no-deadline"]
    {
        assert!(tasks.contains(v), "{v} missing from\n{tasks}");
    }
    assert!(help(&["export"]).contains("- tasks") && help(&["export"]).contains("- documents"));
    assert!(
        lineage(&["dot", "--view", "trace", "--root", "25-CT/TW#4"]).status.success(),
        "trace is clauses"
    );

    let commands: &[&[&str]] = &[
        &["check"],
        &["trace", "x"],
        &["coverage", "x"],
        &["compare", "x", "a", "b"],
        &["tasks"],
        &["search", "x"],
        &["export"],
        &["extract", "x"],
        &["align", "a", "b"],
        &["dot"],
    ];
    for args in commands {
        let refused =
            lineage(&[args, &["--format", if args[0] == "dot" { "csv" } else { "dot" }][..]].concat());
        let err = String::from_utf8_lossy(&refused.stderr).into_owned();
        let listed = err.split(": it prints ").nth(1).unwrap_or_else(|| panic!("{args:?}: {err}"));
        let formats = help(&args[..1]);
        let line =
            formats.lines().find(|l| l.starts_with("Formats: ")).unwrap_or_else(|| panic!("{formats}"));
        for name in
            listed.split([',', ' ']).filter(|w| !["", "or", "only", "(the", "default)"].contains(&w.trim()))
        {
            assert!(line.contains(name.trim()), "{args:?}: help {line:?} does not name {name:?}");
        }
    }
}

#[test]
fn dot_folds_cited_only_documents_unless_asked() {
    let run = |args: &[&str]| {
        let o = lineage(&[&["dot"][..], args].concat());
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    // 33/2015/TT-BYT is only cited, by Bắc Giang's plan.
    let box_of = "\"vn/2015/tt-byt/33\" [";
    let note = "\"cited-only:bac-giang/2024/kh-syt/10\" [label=\"cited only (7)";
    let default = run(&[]);
    assert!(!default.contains(box_of) && default.contains(note), "{default}");
    let listed = default.lines().find(|l| l.contains(note)).unwrap();
    assert!(listed.contains("33/2015/TT-BYT"), "{listed}");
    assert_eq!(default, run(&["--cited-only", "collapse"]));
    let shown = run(&["--cited-only", "show"]);
    assert!(shown.contains(box_of) && !shown.contains("\"cited-only:"));
    let hidden = run(&["--cited-only", "hide"]);
    assert!(!hidden.contains(box_of) && !hidden.contains("\"cited-only:") && hidden.contains("not drawn"));
    // The documents the lineage runs through stay, cited only or not.
    for out in [&default, &hidden] {
        assert!(out.contains("\"vn/2023/ct-tw/25\" [") && out.contains("\"quang-ninh/2024/kh-ubnd/162\" ["));
    }
}

#[test]
fn dot_depth_and_status_filter_the_trace() {
    let run = |args: &[&str]| {
        let o = lineage(
            &[&["dot", "--view", "trace", "--root", "25-CT/TW#4", "--as-of", "2025-08-01"][..], args]
                .concat(),
        );
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    let all = run(&[]);
    assert!(all.contains("ID=\"quang-ninh/2024/kh-ubnd/162#PL.12\""));
    // Depth 1: what implements 25-CT/TW#4 directly, not the appendix rows
    // that implement Quảng Ninh's own bullets.
    let one = run(&["--depth", "1"]);
    assert!(one.contains("ID=\"quang-ninh/2024/kh-ubnd/162#II.4\"") && !one.contains("162#PL.12"), "{one}");
    assert!(one.contains("Trace of 25-CT/TW#4 · depth 1"));
    let zero = run(&["--depth", "0"]);
    assert!(zero.contains("↓ 3 more documents below depth 0") && !zero.contains("162#II.4"), "{zero}");
    // Overdue on 2025-08-01: Bắc Giang's II.1.b only.
    let overdue = run(&["--status", "overdue"]);
    assert!(overdue.contains("ID=\"bac-giang/2024/kh-syt/10#II.1.b\" BGCOLOR=\"#d7191c\""), "{overdue}");
    assert!(
        !overdue.contains("162#PL.12") && !overdue.contains("\"thai-binh/2024/kh-syt/56\" ["),
        "{overdue}"
    );
    // Several statuses, repeated or with commas: the same picture.
    let two = run(&["--status", "overdue,ongoing"]);
    assert_eq!(two, run(&["--status", "overdue", "--status", "ongoing"]));
    assert!(two.contains("162#PL.12") && two.contains("10#II.1.b"));
    // One node per clause.
    let nodes = run(&["--layout", "nodes", "--depth", "1"]);
    assert!(nodes.contains("\"quang-ninh/2024/kh-ubnd/162#II.4\" [") && !nodes.contains("ID=\""));
    // The documents view takes them too.
    let docs = stdout(&lineage(&["dot", "--status", "overdue", "--as-of", "2025-08-01"]));
    for (id, drawn) in [
        ("bac-giang/2024/kh-syt/10", true),
        ("quang-ninh/2024/kh-ubnd/162", true),
        ("vn/2023/ct-tw/25", true),
        ("thai-binh/2024/kh-syt/56", false),
    ] {
        assert_eq!(docs.contains(&format!("\"{id}\" [")), drawn, "{id}");
    }
}

#[test]
fn dot_refuses_bad_values_with_the_valid_ones() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["--cited-only", "fold"], &["show", "collapse", "hide"]),
        (&["--layout", "grid"], &["tables", "nodes"]),
        (&["--status", "late"], &["done-on-time", "overdue", "no-deadline"]),
        (&["--status", "overdue,late"], &["overdue", "ongoing"]),
        (&["--depth", "-1"], &["-1"]),
        (&["--depth", "two"], &["--depth", "invalid digit"]),
        (&["--in", "quang-nin"], &["quang-ninh"]),
    ];
    for (args, words) in cases {
        let o = lineage(&[&["dot", "--view", "trace", "--root", "25-CT/TW#4"][..], args].concat());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        for w in *words {
            assert!(err.contains(w), "{args:?}: {w:?} not in {err}");
        }
    }
    let help = stdout(&lineage(&["dot", "--help"]));
    for v in ["- show", "- collapse", "- hide", "- tables", "- nodes", "- overdue", "--depth <N>"] {
        assert!(help.contains(v), "{v} missing from\n{help}");
    }
}

#[test]
fn check_gives_lines_and_other_commands_warn_of_what_loading_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus/quang-ninh-2024-kh-ubnd-162.json");
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = v["documents"][0]["clauses"][3]["text"].as_str().unwrap().nfd().collect::<String>();
    v["documents"][0]["clauses"][3]["text"] = text.clone().into();
    let written = serde_json::to_string_pretty(&v).unwrap();
    let dir = data_with("normalised", &[("x.json", &written)]);
    let d = dir.to_str().unwrap();
    let clause_line = |path: &str| {
        1 + written.lines().position(|l| l.trim() == format!("\"path\": \"{path}\",")).unwrap() - 1
    };
    let path3 = v["documents"][0]["clauses"][3]["path"].as_str().unwrap().to_string();

    let o = lineage(&["--data", d, "check"]);
    let out = stdout(&o);
    let warning = out.lines().find(|l| l.starts_with("warning[normalised-on-load]")).expect(&out);
    let want = format!("x.json:{}: quang-ninh/2024/kh-ubnd/162#{path3}: text ", clause_line(&path3));
    assert!(warning.contains(&want) && warning.contains("read as NFC"), "{warning}\nwant {want}");
    // Its links to documents not in this directory dangle, each at its clause.
    let dangling = out.lines().find(|l| l.contains("#II.1: implements unknown")).expect(&out);
    assert!(dangling.contains(&format!("x.json:{}: ", clause_line("II.1"))), "{dangling}");

    let o = lineage(&["--data", d, "--format", "json", "check"]);
    let problems: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let w = problems.as_array().unwrap().iter().find(|p| p["rule"] == "normalised-on-load").unwrap();
    assert_eq!(w["line"], clause_line(&path3));
    assert_eq!(w["clause"], path3.as_str());

    // Other commands say it once on stderr and go on.
    let o = lineage(&["--data", d, "export", "--format", "corpus"]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("lineage: warning: ") && err.contains("x.json:"), "{err}");
    let exported = stdout(&o);
    assert!(exported.contains(&serde_json::to_string(&text.nfc().collect::<String>()).unwrap()));
}

#[test]
fn misspelt_jurisdictions_and_agencies_are_usage_errors_with_the_closest() {
    for args in [
        &["coverage", "25-CT/TW", "--in", "quang-nin"][..],
        &["compare", "25-CT/TW", "quangnin", "thai-binh"],
        &["compare", "25-CT/TW", "quang-ninh", "Thai Bnh"],
        &["tasks", "--in", "Quang Nin"],
        &["dot", "--in", "quang nin"],
        &["dot", "--view", "agencies", "--in", "quangnin"],
        &["extract", "data/sources/quang-ninh-2024-kh-ubnd-162.txt", "--jurisdiction", "quang nin"],
        &["add", "data/sources", "--dry-run", "--jurisdiction", "Thai Bnh"],
    ] {
        let o = lineage(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("unknown jurisdiction") && err.contains("did you mean"), "{args:?}: {err}");
        assert!(err.contains("quang-ninh") || err.contains("thai-binh"), "{args:?}: {err}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
    for args in
        [&["tasks", "--agency", "Sở Nội Vục"][..], &["dot", "--view", "agencies", "--agency", "So Noi Vuc"]]
    {
        let o = lineage(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("unknown agency") && err.contains("did you mean Sở Nội vụ"), "{args:?}: {err}");
    }
}

#[test]
fn jurisdictions_written_as_people_write_them_give_the_right_answer() {
    let by_id = stdout(&lineage(&["compare", "25-CT/TW", "quang-ninh", "thai-binh", "--format", "json"]));
    for (a, b) in [("quangninh", "thai-binh"), ("Quảng Ninh", "Thái Bình"), ("QUANG NINH", "tỉnh Thái Bình")]
    {
        let o = lineage(&["compare", "25-CT/TW", a, b, "--format", "json"]);
        assert!(o.status.success(), "{a} {b}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(stdout(&o), by_id, "{a} {b}");
    }
    let c: serde_json::Value = serde_json::from_str(&by_id).unwrap();
    assert_eq!(c["both"].as_array().unwrap().len(), 5, "{c}");
    assert_eq!(c["jurisdictions"], serde_json::json!(["quang-ninh", "thai-binh"]));
    let text = stdout(&lineage(&["compare", "25-CT/TW", "quangninh", "thai-binh"]));
    assert!(!text.contains("only"), "{text}");

    let by_id = stdout(&lineage(&["coverage", "25-CT/TW", "--in", "quang-ninh", "--format", "csv"]));
    for j in ["Quảng Ninh", "quangninh", "quang ninh"] {
        let o = lineage(&["coverage", "25-CT/TW", "--in", j, "--format", "csv"]);
        assert!(o.status.success(), "{j}");
        assert_eq!(stdout(&o), by_id, "{j}");
    }
    assert!(by_id.contains("162#II.4"), "{by_id}");
    let tasks =
        stdout(&lineage(&["tasks", "--in", "Quảng Ninh", "--as-of", "2025-08-01", "--format", "csv"]));
    assert_eq!(
        tasks,
        stdout(&lineage(&["tasks", "--in", "quang-ninh", "--as-of", "2025-08-01", "--format", "csv"]))
    );
    assert!(tasks.contains("162#PL.7"), "{tasks}");
}

/// A data directory with the bundled corpus and 97/NQ-CP (April 2026, later
/// than every bundled document) read from its gazette text.
fn data_with_97(name: &str) -> std::path::PathBuf {
    let text = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/texts/nq-97-nq-cp-2026.txt");
    let o = lineage(&["extract", text]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut files: Vec<(String, String)> = Vec::new();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus")).unwrap() {
        let p = e.unwrap().path();
        files.push((
            p.file_name().unwrap().to_str().unwrap().to_string(),
            std::fs::read_to_string(&p).unwrap(),
        ));
    }
    files.push(("zz-nq-97.json".to_string(), stdout(&o)));
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    data_with(name, &refs)
}

#[test]
fn task_status_is_taken_on_the_date_given_and_says_it() {
    let args = ["tasks", "--in", "quang-ninh", "--as-of", "2025-08-01"];
    let text = stdout(&lineage(&args));
    assert_eq!(text.lines().next(), Some("Task status as of 2025-08-01"), "{text}");
    let json: serde_json::Value =
        serde_json::from_slice(&lineage(&[&args[..], &["--format", "json"]].concat()).stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["as_of"] == "2025-08-01"), "{json}");
    let csv = stdout(&lineage(&[&args[..], &["--format", "csv"]].concat()));
    assert!(csv.lines().next().unwrap().ends_with(",as of"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().ends_with(",2025-08-01"), "{csv}");

    // Without --as-of: today, said in the header.
    let text = stdout(&lineage(&["tasks", "--in", "quang-ninh"]));
    let head = text.lines().next().unwrap();
    assert!(head.starts_with("Task status as of 20") && head.len() == 28, "{head}");

    let dot = stdout(&lineage(&["dot", "--view", "trace", "--root", "25-CT/TW#4", "--as-of", "2025-08-01"]));
    assert!(dot.contains("Task status as of 2025-08-01"), "{dot}");
    let dot = stdout(&lineage(&["dot", "--status", "overdue", "--as-of", "2025-08-01"]));
    assert!(dot.contains("overdue tasks as of 2025-08-01"), "{dot}");
}

#[test]
fn overdue_tasks_do_not_move_when_an_unrelated_document_is_added() {
    let more = data_with_97("as-of-97");
    let args =
        ["tasks", "--status", "overdue", "--in", "quang-ninh", "--as-of", "2025-08-01", "--format", "csv"];
    let before = lineage(&args);
    let after = lineage(&[&["--data", more.to_str().unwrap()][..], &args].concat());
    assert!(before.status.success() && after.status.success());
    assert_eq!(stdout(&before), stdout(&after));
    assert!(stdout(&before).contains("162#PL.7"), "{}", stdout(&before));
    // Without --as-of both take today, not the latest date of issue (which
    // 97/NQ-CP moves from 2024 to 2026).
    let args = ["tasks", "--status", "overdue", "--in", "quang-ninh", "--format", "csv"];
    let after = lineage(&[&["--data", more.to_str().unwrap()][..], &args].concat());
    assert_eq!(stdout(&lineage(&args)), stdout(&after));
}

#[test]
fn check_fits_a_real_gazette_and_takes_rule_settings() {
    let dir = data_with_97("check-97");
    let d = dir.to_str().unwrap();
    // 97/NQ-CP (6 April 2026) lists deadlines already past: warnings.
    let o = lineage(&["--data", d, "check"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let past: Vec<&str> = out.lines().filter(|l| l.contains("[deadline-before-issue]")).collect();
    assert_eq!(past.len(), 3, "{out}");
    assert!(past.iter().all(|l| l.starts_with("warning[")), "{past:?}");
    assert!(out.contains("\"Tháng 02/2026\" (2026-02-28) is before the date of issue 2026-04-06"), "{out}");
    assert!(out.ends_with("0 errors, 106 warnings\n") || out.contains("\n0 errors, "), "{out}");

    let o = lineage(&[
        "--data",
        d,
        "check",
        "--severity",
        "deadline-before-issue=error",
        "--severity",
        "unknown-agency=off",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().last(), Some("3 errors, 0 warnings"), "{}", stdout(&o));

    std::fs::write(dir.join("check.rules"), "# ours\nunknown-agency = off   # not yet in the table\n")
        .unwrap();
    let o = lineage(&["--data", d, "check"]);
    assert_eq!(stdout(&o).lines().last(), Some("0 errors, 3 warnings"), "{}", stdout(&o));
    std::fs::write(dir.join("check.rules"), "unknown-agncy = off\n").unwrap();
    let o = lineage(&["--data", d, "check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("check.rules:1: unknown rule \"unknown-agncy\"; did you mean unknown-agency"),
        "{err}"
    );

    let o = lineage(&["check", "--severity", "deadline-befor-issue=error"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean deadline-before-issue"));
    let o = lineage(&["check", "--severity", "unknown-agency=fatal"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("error, warning or off"));
}

#[test]
fn check_of_a_directory_without_a_corpus_says_what_it_expected() {
    let dir = data_with("no-corpus", &[]);
    let o = lineage(&["--data", dir.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no corpus to check in") && err.contains("/corpus/*.json"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn coverage_says_how_each_group_of_25_ct_tw_is_covered() {
    let json = |args: &[&str]| -> serde_json::Value {
        let o = lineage(&[&["coverage", "25-CT/TW", "--format", "json"][..], args].concat());
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let statuses = |c: &serde_json::Value| -> Vec<String> {
        c["clauses"].as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap().to_string()).collect()
    };
    // Quảng Ninh's appendix assigns every group's tasks to agencies.
    let qn = json(&["--in", "Quảng Ninh"]);
    assert_eq!(statuses(&qn), ["tasks"; 5]);
    assert!(qn["clauses"][3]["tasks"]
        .as_array()
        .unwrap()
        .contains(&"quang-ninh/2024/kh-ubnd/162#PL.12".into()));
    // 56/KH-SYT, a news summary, copies the group headings with no task beneath.
    let tb = json(&["--in", "thai-binh"]);
    assert_eq!(statuses(&tb), ["text-only"; 5]);
    assert!(tb["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["covered"] == true && r["tasks"] == serde_json::json!([])));
    let tb = json(&["--in", "thai-binh", "--tasks-only"]);
    assert_eq!(tb["tasks_only"], true);
    assert!(tb["clauses"].as_array().unwrap().iter().all(|r| r["covered"] == false), "{tb}");
    // Bắc Giang's 10/KH-SYT takes up groups 2-5 only.
    assert_eq!(
        statuses(&json(&["--in", "bac-giang"])),
        ["not-covered", "text-only", "text-only", "text-only", "text-only"]
    );

    let csv = stdout(&lineage(&["coverage", "25-CT/TW", "--in", "thai-binh", "--format", "csv"]));
    assert!(csv.starts_with("clause,covered,status,implemented by,tasks,inferred,text\n"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("vn/2023/ct-tw/25#1,yes,text-only,"), "{csv}");
    let text = stdout(&lineage(&["coverage", "25-CT/TW", "--in", "thai-binh", "--tasks-only"]));
    assert!(text.contains("vn/2023/ct-tw/25#1  NO       text-only"), "{text}");
    let cmp = stdout(&lineage(&["compare", "25-CT/TW", "quang-ninh", "thai-binh", "--tasks-only"]));
    assert_eq!(cmp.matches("only quang-ninh").count(), 5, "{cmp}");
}

#[test]
fn coverage_of_a_document_known_only_by_citation() {
    let o = lineage(&["coverage", "281/QĐ-TTg"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(
        text.contains("(vn/2024/qd-ttg/281) is known only by citation (cited-only): it has no clauses"),
        "{text}"
    );
    assert!(text.contains("Implemented as a whole by: quang-ninh/2024/kh-ubnd/162"), "{text}");
    let c: serde_json::Value =
        serde_json::from_slice(&lineage(&["coverage", "281/QĐ-TTg", "--format", "json"]).stdout).unwrap();
    assert_eq!(c["document_status"], "cited-only");
    assert_eq!(c["clauses"], serde_json::json!([]));
    assert_eq!(c["implemented_whole_by"], serde_json::json!(["quang-ninh/2024/kh-ubnd/162"]));
    let text = stdout(&lineage(&["coverage", "281/QĐ-TTg", "--in", "thai-binh"]));
    assert!(text.contains("Nothing in thai-binh implements it as a whole."), "{text}");
}
