//! Writes a generated national corpus as a data directory that
//! `Corpus::load` and the `lineage` command read:
//! `DIR/corpus/generated.json`, `DIR/agencies.json`, `DIR/jurisdictions.json`;
//! with `--node-link`, also the graph as node-link JSON for networkx
//! (`DIR/node-link.json`).
//!
//! `cargo run --release --features generate --example generate -- DIR
//! [--clauses N] [--seed S] [--provinces 34|63] [--node-link]`
//!
//! Same arguments, same bytes.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use directive_lineage::generate::{Generator, ProvinceMap};
use directive_lineage::{write_node_link, LineageGraph, NodeLinkOptions};
use serde_json::json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut dir = None;
    let mut node_link = false;
    let (mut clauses, mut seed, mut map) = (10_000usize, 1u64, ProvinceMap::After2025);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().and_then(|v| v.parse::<u64>().ok());
        match a.as_str() {
            "--clauses" => clauses = value().unwrap_or(0) as usize,
            "--seed" => seed = value().unwrap_or(0),
            "--provinces" => {
                map = match value() {
                    Some(63) => ProvinceMap::Before2025,
                    Some(34) => ProvinceMap::After2025,
                    _ => return usage(),
                }
            }
            "--node-link" => node_link = true,
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(a.clone()),
            _ => return usage(),
        }
    }
    let Some(dir) = dir else { return usage() };
    if clauses == 0 {
        return usage();
    }
    let gen = Generator::with_clauses(seed, clauses).province_map(map);
    let corpus = gen.generate();
    let dir = Path::new(&dir);
    let write = |path: &Path, text: &str| {
        fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()))
    };
    fs::create_dir_all(dir.join("corpus")).expect("create the data directory");
    let corpus_json = corpus.to_json();
    write(&dir.join("corpus/generated.json"), &corpus_json);
    let table = |format: &str, key: &str, rows: serde_json::Value| {
        let mut s =
            serde_json::to_string_pretty(&json!({ "format": format, key: rows })).expect("serialises");
        s.push('\n');
        s
    };
    write(&dir.join("agencies.json"), &corpus.agencies_to_json());
    write(
        &dir.join("jurisdictions.json"),
        &table("directive-lineage/jurisdictions@1", "jurisdictions", json!(corpus.jurisdictions())),
    );
    let n_clauses: usize = corpus.documents().iter().map(|d| d.clauses.len()).sum();
    println!(
        "{}: {} documents, {n_clauses} clauses, corpus JSON {} bytes",
        dir.display(),
        corpus.documents().len(),
        corpus_json.len()
    );
    if node_link {
        // Through the loader, as a notebook user's graph would be built.
        drop(corpus);
        let graph = LineageGraph::load(dir).expect("the written directory loads");
        let path = dir.join("node-link.json");
        let f = fs::File::create(&path).expect("create node-link.json");
        let mut w = std::io::BufWriter::new(f);
        write_node_link(&graph, &NodeLinkOptions::new(), &mut w).expect("write node-link.json");
        std::io::Write::flush(&mut w).expect("write node-link.json");
        println!("{}: {} nodes, {} edges", path.display(), graph.node_count(), graph.edge_count());
    }
    ExitCode::SUCCESS
}

fn usage() -> ExitCode {
    eprintln!("usage: generate DIR [--clauses N] [--seed S] [--provinces 34|63] [--node-link]");
    ExitCode::from(2)
}
