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
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = rows.as_array().unwrap();
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
    let row7 =
        out.lines().find(|l| l.starts_with("quang-ninh/2024/kh-ubnd/162#PL.7 ")).expect("row 7 listed");
    assert!(row7.contains("overdue") && row7.contains("Trước tháng 7/2025"), "{row7}");
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
