//! Trace a central clause down to the local tasks that carry it out, and
//! print who must do what by when.
//!
//! `cargo run --example trace [REF] [DATA_DIR]` (default: `25-CT/TW#4`, the
//! bundled data).

use std::process::ExitCode;

use directive_lineage::{Corpus, LineageGraph, NodeRef, QueryOptions, Role};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let reference = args.next().unwrap_or_else(|| "25-CT/TW#4".to_string());
    let dir = args.next().unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data").to_string());
    let graph = match Corpus::load(&dir) {
        Ok(c) => LineageGraph::build(c),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let trace = match graph.trace_down(&reference, &QueryOptions::new()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    // One row per clause or task beneath the start; documents are headings
    // of their clauses, so they are left out.
    let mut rows: Vec<[String; 5]> = Vec::new();
    for hit in trace.hits() {
        let NodeRef::Clause(doc, clause) = hit.node else { continue };
        rows.push([
            format!(
                "{} {}",
                doc.number.as_ref().map_or_else(|| doc.kind.name().to_string(), |n| n.to_string()),
                clause.path
            ),
            doc.jurisdiction.clone(),
            hit.agencies(Role::Lead).join("; "),
            hit.deadline().map(|d| d.text().to_string()).unwrap_or_default(),
            shorten(clause.label(), 60),
        ]);
    }
    let header = ["clause", "jurisdiction", "lead", "deadline", "text"];
    let width =
        |i: usize| rows.iter().map(|r| r[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0);
    let widths: Vec<usize> = (0..4).map(width).collect();
    let line = |cells: [&str; 5]| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate().take(4) {
            s.push_str(c);
            s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
        }
        s.push_str(cells[4]);
        s
    };
    println!("Trace of {reference}: {} nodes, {} clauses and tasks\n", trace.len(), rows.len());
    println!("{}", line(header));
    for r in &rows {
        println!("{}", line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
    }
    ExitCode::SUCCESS
}

/// The first `n` characters, with `…` when cut.
fn shorten(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}
