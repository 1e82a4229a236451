//! Export the lineage graph for a notebook: node-link JSON, the task and
//! document tables (JSON records and CSV), the three DOT views (and SVGs
//! where Graphviz is installed), and `expectations.json`, counts and one
//! trace computed here that `tests/python/check_export.py` reproduces with
//! networkx.
//!
//! `cargo run --example export_json -- OUT_DIR [DATA_DIR] [--as-of YYYY-MM-DD]`
//! (default data: the bundled `data/`; default date: 2025-08-01).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use directive_lineage::{
    documents_csv, documents_json, node_link_json, tasks_csv, tasks_json, write_views, Date, DotOptions,
    Error, LineageGraph, NodeLinkOptions, QueryOptions, TaskFilter, TaskStatus,
};

const TRACE_OF: &str = "25-CT/TW#4";
const COVERAGE_OF: (&str, &str) = ("25-CT/TW", "quang-ninh");

fn main() -> ExitCode {
    let mut positional = Vec::new();
    let mut as_of = "2025-08-01".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--as-of" => as_of = args.next().unwrap_or_default(),
            _ => positional.push(a),
        }
    }
    let Some(out) = positional.first().map(PathBuf::from) else {
        eprintln!("usage: export_json OUT_DIR [DATA_DIR] [--as-of YYYY-MM-DD]");
        return ExitCode::from(2);
    };
    let data =
        positional.get(1).cloned().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data").into());
    match run(&out, Path::new(&data), &as_of) {
        Ok(paths) => {
            for p in paths {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(dir: &Path, name: &str, text: &str, written: &mut Vec<PathBuf>) -> Result<(), Error> {
    let path = dir.join(name);
    fs::write(&path, text)
        .map_err(|e| Error::from(directive_lineage::ErrorKind::Io { path: path.clone(), source: e }))?;
    written.push(path);
    Ok(())
}

fn run(out: &Path, data: &Path, as_of: &str) -> Result<Vec<PathBuf>, Error> {
    let day: Date = as_of.parse()?;
    let graph = LineageGraph::load(data)?;
    fs::create_dir_all(out)
        .map_err(|e| Error::from(directive_lineage::ErrorKind::Io { path: out.to_path_buf(), source: e }))?;
    let mut written = Vec::new();

    // Everything, inferred links included: the notebook filters by provenance.
    let opts = NodeLinkOptions::new().as_of(day).with_inferred(true);
    write(out, "lineage.json", &node_link_json(&graph, &opts), &mut written)?;
    let filter = TaskFilter::new().as_of(day);
    write(out, "tasks.json", &tasks_json(&graph, &filter)?, &mut written)?;
    write(out, "tasks.csv", &tasks_csv(&graph, &filter)?, &mut written)?;
    write(out, "documents.json", &documents_json(&graph), &mut written)?;
    write(out, "documents.csv", &documents_csv(&graph), &mut written)?;

    // What the Python side must find again.
    let mut nodes_by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, n) in graph.nodes() {
        *nodes_by_type.entry(n.type_name()).or_default() += 1;
    }
    let mut edges_by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, _, e) in graph.edges() {
        *edges_by_type.entry(e.type_name()).or_default() += 1;
    }
    let trace = graph.trace_down(TRACE_OF, &QueryOptions::new())?;
    let coverage = graph.coverage(COVERAGE_OF.0, Some(COVERAGE_OF.1), &QueryOptions::new())?;
    let tasks = graph.tasks(&filter)?;
    let overdue: Vec<&str> =
        tasks.iter().filter(|t| t.status == Some(TaskStatus::Overdue)).map(|t| t.id.as_str()).collect();
    let documents = nodes_by_type.get("document").copied().unwrap_or(0);
    let expectations = serde_json::json!({
        "as_of": day.to_string(),
        "nodes": graph.node_count(),
        "edges": graph.edge_count(),
        "nodes_by_type": nodes_by_type,
        "edges_by_type": edges_by_type,
        "documents": documents,
        "tasks": tasks.len(),
        "trace": {
            "reference": TRACE_OF,
            "root": trace.get(0).map(|h| h.id),
            "with_inferred": false,
            "ids": trace.hits().map(|h| h.id).collect::<Vec<_>>(),
        },
        "coverage": {
            "central": COVERAGE_OF.0,
            "jurisdiction": COVERAGE_OF.1,
            "covered": coverage.iter().filter(|r| r.is_covered()).map(|r| &r.clause).collect::<Vec<_>>(),
            "uncovered": coverage.iter().filter(|r| !r.is_covered()).map(|r| &r.clause).collect::<Vec<_>>(),
        },
        "overdue": overdue,
    });
    let mut text = serde_json::to_string_pretty(&expectations).unwrap_or_default();
    text.push('\n');
    write(out, "expectations.json", &text, &mut written)?;

    let views = DotOptions::new().root(TRACE_OF).as_of(day);
    written.extend(write_views(&graph, out, &views)?);
    Ok(written)
}
