//! The extraction examples run and print what they promise.

use std::path::PathBuf;
use std::process::Command;

use directive_lineage::Corpus;

fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|p| p.parent()).unwrap().join("examples");
    dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

#[test]
fn extract_example_prints_corpus_json() {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources/quang-ninh-2024-kh-ubnd-162.txt");
    let o = Command::new(example("extract")).arg(src).output().expect("example runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json = String::from_utf8(o.stdout).unwrap();
    let corpus = Corpus::from_json("stdout", &json).expect("corpus JSON");
    let doc = &corpus.documents()[0];
    assert_eq!(doc.id.to_string(), "quang-ninh/2024/kh-ubnd/162");
    assert_eq!(doc.clauses.iter().filter(|c| c.path.starts_with("PL.")).count(), 17);
}

#[test]
fn extract_example_rejects_a_non_document() {
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let o = Command::new(example("extract")).arg(src).output().expect("example runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a policy document"));
}

#[test]
fn speed_example_runs_on_a_small_text() {
    let o = Command::new(example("extract_speed")).arg("0.02").output().expect("example runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("clauses") && out.contains("extract took"), "{out}");
}
