//! Every example runs and prints what it promises.

use std::path::PathBuf;
use std::process::Command;

/// Examples are built by `cargo test` next to the test binaries.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|p| p.parent()).unwrap().join("examples");
    dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn lineage_example_prints_both_chains() {
    let o = Command::new(example("lineage")).output().expect("example runs");
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
}
