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

/// `cmd` run with a `PATH` where no Graphviz `dot` is: what a fresh
/// machine sees.
fn without_graphviz(cmd: &mut Command) -> &mut Command {
    let empty = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-graphviz");
    std::fs::create_dir_all(&empty).unwrap();
    cmd.env("PATH", empty)
}

/// The lines of `out` that name an SVG file.
fn svgs(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.ends_with(".svg")).collect()
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
    let o = without_graphviz(Command::new(example("export_json")).arg(&dir)).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    // Without Graphviz the DOT files are written and no SVG, with no error.
    assert_eq!(svgs(&out), Vec::<&str>::new());
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
    let o = without_graphviz(Command::new(example("lineage")).args([data, out_dir.to_str().unwrap()]))
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
    }
    assert_eq!(svgs(&out), Vec::<&str>::new());
}

/// With Graphviz on the `PATH`, both examples render their views to SVG.
#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn examples_render_svgs_with_graphviz() {
    let dir = std::env::temp_dir().join(format!("lineage-example-svg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let runs =
        [("lineage", vec![data.into(), dir.join("lineage")]), ("export_json", vec![dir.join("export")])];
    for (name, args) in runs {
        let o = Command::new(example(name)).args(&args).output().expect("example runs");
        assert!(o.status.success(), "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8(o.stdout).unwrap();
        let written = svgs(&out);
        assert_eq!(written.len(), 3, "{name}: {out}");
        for svg in written {
            assert!(std::fs::read_to_string(svg).unwrap().contains("<svg"), "{svg}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The generator's example writes a data directory the loader reads, the same
/// bytes twice, and bench_ops times it (nothing here checks a time).
#[cfg(feature = "generate")]
#[test]
fn generate_and_bench_ops_examples_run() {
    let dir = std::env::temp_dir().join(format!("lineage-generate-{}", std::process::id()));
    let run = |out: &std::path::Path| {
        let o = Command::new(example("generate"))
            .args([out.to_str().unwrap(), "--clauses", "2000", "--node-link"])
            .output()
            .expect("example runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(out.join("corpus/generated.json")).unwrap()
    };
    let first = run(&dir.join("a"));
    assert_eq!(first, run(&dir.join("b")), "same arguments, same bytes");
    let corpus = directive_lineage::Corpus::load(dir.join("a")).unwrap();
    let graph = directive_lineage::LineageGraph::build(corpus);
    assert!(graph.validate().is_empty());
    let node_link: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("a/node-link.json")).unwrap()).unwrap();
    assert_eq!(node_link["nodes"].as_array().unwrap().len(), graph.node_count());

    let o = Command::new(example("bench_ops"))
        .args([dir.join("a").to_str().unwrap(), "--min-time", "0"])
        .output()
        .expect("example runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for op in ["load", "validate", "trace_down", "trace_up", "coverage_all", "tasks_overdue", "dot_trace"] {
        assert!(v["ops"][op]["median_ms"].is_number(), "{op}");
    }
    assert!(v["peak_rss_kb"].as_u64().unwrap() > 0);
    std::fs::remove_dir_all(&dir).unwrap();
}
