//! Every example runs and prints what it promises.

use std::path::PathBuf;
use std::process::Command;

/// Examples are built by `cargo test` next to the test binaries.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|p| p.parent()).unwrap().join("examples");
    let path = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.is_file(),
        "{} not built: run the whole `cargo test`, which builds the examples",
        path.display()
    );
    path
}

#[test]
fn trace_example_prints_the_local_tasks() {
    let o = Command::new(example("trace")).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("Trace of 25-CT/TW#4:"), "{out}");
    for row in ["162/KH-UBND II.4 ", "162/KH-UBND PL.12 ", "162/KH-UBND PL.15 ", "56/KH-SYT 4 "] {
        assert!(out.lines().any(|l| l.starts_with(row)), "{row:?} missing from\n{out}");
    }
    let pl12 = out.lines().find(|l| l.starts_with("162/KH-UBND PL.12 ")).unwrap();
    assert!(
        pl12.contains("quang-ninh") && pl12.contains("Sở Y tế") && pl12.contains("Nhiệm vụ thường xuyên"),
        "{pl12}"
    );

    let o = Command::new(example("trace")).arg("25-CT/TW#9").output().unwrap();
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("did you mean"));
}

#[test]
fn export_json_example_writes_every_file() {
    let dir = std::env::temp_dir().join(format!("directive-lineage-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = Command::new(example("export_json")).arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    for name in [
        "lineage.json",
        "tasks.json",
        "tasks.csv",
        "documents.json",
        "documents.csv",
        "expectations.json",
        "documents.dot",
        "trace.dot",
        "agencies.dot",
        "trace.svg",
    ] {
        let path = dir.join(name);
        assert!(out.lines().any(|l| path == std::path::Path::new(l)), "{name} not printed in\n{out}");
        assert!(std::fs::metadata(&path).unwrap().len() > 0, "{name} empty");
    }
    let exp: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expectations.json")).unwrap()).unwrap();
    let graph: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("lineage.json")).unwrap()).unwrap();
    assert_eq!(exp["nodes"], graph["nodes"].as_array().unwrap().len());
    assert_eq!(exp["edges"], graph["edges"].as_array().unwrap().len());
    assert_eq!(exp["as_of"], "2025-08-01");
    let ids: Vec<&str> =
        exp["trace"]["ids"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(
        ids.contains(&"quang-ninh/2024/kh-ubnd/162#PL.13") && ids.contains(&"thai-binh/2024/kh-syt/56#4")
    );
    assert_eq!(exp["coverage"]["uncovered"], serde_json::json!([]));
    assert!(exp["overdue"].as_array().unwrap().iter().any(|v| v == "quang-ninh/2024/kh-ubnd/162#PL.7"));
    std::fs::remove_dir_all(&dir).unwrap();

    let o = Command::new(example("export_json")).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "no directory is a usage error");
}

#[test]
fn lineage_example_prints_both_chains() {
    let out_dir = std::env::temp_dir().join(format!("lineage-example-{}", std::process::id()));
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let o = Command::new(example("lineage"))
        .args([data, out_dir.to_str().unwrap()])
        .output()
        .expect("example runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("== validation: 0 errors"), "{out}");
    for needle in [
        "Chỉ thị 25-CT/TW",
        "Quyết định 281/QĐ-TTg",
        "Kế hoạch 162/KH-UBND",
        "Kế hoạch 230-KH/TU",
        "Kế hoạch 47/KH-UBND",
        "Kế hoạch 56/KH-SYT",
    ] {
        assert!(out.contains(needle), "{needle} missing");
    }
    assert!(out.contains("clauses") && out.contains("tasks") && out.contains("agencies"));
    for view in ["documents", "trace", "agencies"] {
        let dot =
            out.lines().find(|l| l.ends_with(&format!("{view}.dot"))).unwrap_or_else(|| panic!("{view}.dot"));
        let text = std::fs::read_to_string(dot).unwrap();
        assert!(text.starts_with("digraph"), "{dot}");
        // CI installs graphviz, so the SVGs are written too.
        let svg =
            out.lines().find(|l| l.ends_with(&format!("{view}.svg"))).unwrap_or_else(|| panic!("{view}.svg"));
        assert!(std::fs::read_to_string(svg).unwrap().contains("<svg"));
    }
}
