//! The main job: load the bundled data, validate it, print the lineage of
//! every directive as a tree, then the counts.
//!
//! `cargo run --example lineage [DATA_DIR]`

use std::process::ExitCode;

use directive_lineage::{Corpus, LineageGraph, Severity};

fn main() -> ExitCode {
    let dir =
        std::env::args().nth(1).unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data").to_string());
    let corpus = match Corpus::load(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let graph = LineageGraph::build(corpus);
    let problems = graph.validate();
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    println!("== validation: {errors} errors, {} warnings", problems.len() - errors);
    for p in &problems {
        println!("{p}");
    }
    println!("\n== lineage\n");
    print!("{}", graph.lineage_tree());
    println!("== counts\n\n{}", graph.summary());
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
