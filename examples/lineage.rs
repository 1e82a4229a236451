//! The main job: load the bundled data, validate it, print the lineage of
//! every directive as a tree, then the counts, and write the three Graphviz
//! views to `target/lineage/` (with SVGs where `dot` is installed).
//!
//! `cargo run --example lineage [DATA_DIR [OUT_DIR]]`

use std::process::ExitCode;

use directive_lineage::{write_views, DotOptions, LineageGraph, Severity};

fn main() -> ExitCode {
    let dir =
        std::env::args().nth(1).unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data").to_string());
    let graph = match LineageGraph::load(&dir) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let problems = graph.validate();
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    println!("== validation: {errors} errors, {} warnings", problems.len() - errors);
    for p in &problems {
        println!("{p}");
    }
    println!("\n== lineage\n");
    print!("{}", graph.lineage_tree());
    println!("== counts\n\n{}", graph.summary());
    let out = std::env::args()
        .nth(2)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/target/lineage").to_string());
    // The clause trace starts from group 4 of Chỉ thị 25-CT/TW when the data
    // has it, else from every directive.
    let mut opts = DotOptions::new();
    if graph.resolve("25-CT/TW#4").is_ok() {
        opts = opts.root("25-CT/TW#4");
    }
    println!("\n== diagrams\n");
    match write_views(&graph, &out, &opts) {
        Ok(paths) => paths.iter().for_each(|p| println!("{}", p.display())),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
