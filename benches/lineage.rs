//! Criterion benches of the public API on generated national corpora of
//! about 10k, 100k and 1M clauses (feature `generate`).
//!
//! `cargo bench --features generate --bench lineage` runs every size (the 1M
//! corpus takes minutes and ~2 GB); `LINEAGE_BENCH_SIZES=10000,100000` picks
//! sizes; `cargo bench --features generate --bench lineage -- --test` (what
//! CI runs) runs each bench once on the 10k corpus only. The `load` group
//! times `Corpus::from_json` + `build` on the JSON in memory and
//! `LineageGraph::load` on the same corpus written as a data directory.
//!
//! The `extract` group times `extract` on each seed text of `data/sources`
//! (MB/s); it needs no corpus: `LINEAGE_BENCH_SIZES= cargo bench --features
//! generate --bench lineage -- extract` runs it alone.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use directive_lineage::generate::{start_points, Generator, StartPoints};
use directive_lineage::{
    extract, trace_dot, write_node_link, Corpus, Date, DotOptions, ExtractOptions, LineageGraph,
    NodeLinkOptions, QueryOptions, TaskFilter, TaskStatus,
};

/// One generated corpus and the starting points of its queries.
struct Fixture {
    clauses: usize,
    json: String,
    graph: LineageGraph,
    down: String,
    up: String,
    directive: String,
    province: String,
    as_of: Date,
}

fn fixture(clauses: usize) -> Fixture {
    let corpus = Generator::with_clauses(1, clauses).generate();
    let json = corpus.to_json();
    let graph = LineageGraph::build(corpus);
    let StartPoints { trace_down: down, directive, trace_up: up, province, as_of } =
        start_points(&graph).expect("a generated corpus");
    let docs = graph.corpus().documents();
    let clauses = docs.iter().map(|d| d.clauses.len()).sum();
    Fixture { clauses, json, graph, down, up, directive, province, as_of }
}

/// The fixture's corpus as a data directory, as the `generate` example
/// writes one: `corpus/generated.json` and the two tables.
fn write_data_dir(f: &Fixture) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("lineage-bench-{}-{}", f.clauses, std::process::id()));
    std::fs::create_dir_all(dir.join("corpus")).expect("a temporary directory");
    std::fs::write(dir.join("corpus/generated.json"), &f.json).expect("writes the corpus");
    let table = |name: &str, format: &str, rows: serde_json::Value| {
        let text = serde_json::json!({ "format": format, name: rows }).to_string();
        std::fs::write(dir.join(format!("{name}.json")), text).expect("writes a table");
    };
    let corpus = f.graph.corpus();
    std::fs::write(dir.join("agencies.json"), corpus.agencies_to_json()).expect("writes a table");
    table("jurisdictions", "directive-lineage/jurisdictions@1", serde_json::json!(corpus.jurisdictions()));
    dir
}

fn sizes() -> Vec<usize> {
    let quick = std::env::args().any(|a| a == "--test") || std::env::var_os("LINEAGE_BENCH_QUICK").is_some();
    if quick {
        return vec![10_000];
    }
    match std::env::var("LINEAGE_BENCH_SIZES") {
        Ok(s) => s.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 100_000, 1_000_000],
    }
}

struct Sink;

impl std::io::Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Extraction of each seed text, throughput in bytes of text.
fn extraction(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources");
    let mut seeds: Vec<_> = std::fs::read_dir(dir)
        .expect("data/sources")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "seed texts in {dir}");
    let mut g = c.benchmark_group("extract");
    g.measurement_time(Duration::from_secs(3));
    for path in seeds {
        let text = std::fs::read_to_string(&path).expect("a seed text");
        let name = path.file_stem().expect("a file name").to_string_lossy().into_owned();
        let opts = ExtractOptions::new(name.as_str());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(&name), |b| {
            b.iter(|| extract(black_box(&text), &opts).expect("a document"))
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    for size in sizes() {
        let f = fixture(size);
        let opts = QueryOptions::new();
        let id = |name: &str| BenchmarkId::new(name, f.clauses);
        let big = f.clauses > 300_000;

        let mut g = c.benchmark_group("load");
        g.sample_size(10).measurement_time(Duration::from_secs(if big { 60 } else { 10 }));
        g.throughput(Throughput::Bytes(f.json.len() as u64));
        let (agencies, jurisdictions) = (f.graph.corpus().agencies(), f.graph.corpus().jurisdictions());
        g.bench_function(id("corpus_json_to_graph"), |b| {
            b.iter(|| {
                let mut corpus = Corpus::from_json("generated.json", black_box(&f.json)).expect("parses");
                corpus.set_agencies(agencies.to_vec());
                corpus.set_jurisdictions(jurisdictions.to_vec());
                LineageGraph::build(corpus)
            })
        });
        // What a user calls on a data directory: read, parse and build at once.
        let dir = write_data_dir(&f);
        g.bench_function(id("data_dir_to_graph"), |b| {
            b.iter(|| LineageGraph::load(black_box(&dir)).expect("loads"))
        });
        g.finish();
        let _ = std::fs::remove_dir_all(&dir);

        let mut g = c.benchmark_group("queries");
        g.sample_size(10).measurement_time(Duration::from_secs(if big { 20 } else { 5 }));
        g.bench_function(id("validate"), |b| b.iter(|| f.graph.validate()));
        g.bench_function(id("trace_down"), |b| {
            b.iter(|| f.graph.trace_down(black_box(&f.down), &opts).unwrap().len())
        });
        g.bench_function(id("trace_up"), |b| b.iter(|| f.graph.trace_up(black_box(&f.up), &opts).unwrap()));
        g.bench_function(id("coverage_all_provinces"), |b| {
            b.iter(|| f.graph.coverage(black_box(&f.directive), None, &opts).unwrap())
        });
        let overdue = TaskFilter::new().as_of(f.as_of).status(TaskStatus::Overdue);
        g.bench_function(id("tasks_overdue"), |b| b.iter(|| f.graph.task_refs(black_box(&overdue)).len()));
        g.bench_function(id("tasks_overdue_rows"), |b| {
            b.iter(|| f.graph.tasks(black_box(&overdue)).unwrap())
        });
        let overdue_p = overdue.clone().jurisdiction(&f.province);
        g.bench_function(id("tasks_overdue_province"), |b| {
            b.iter(|| f.graph.task_refs(black_box(&overdue_p)).len())
        });
        g.finish();

        let mut g = c.benchmark_group("export");
        g.sample_size(10).measurement_time(Duration::from_secs(if big { 60 } else { 10 }));
        let dot = DotOptions::new().root(&f.directive);
        g.bench_function(id("dot_directive_trace"), |b| b.iter(|| trace_dot(&f.graph, &dot).unwrap()));
        g.bench_function(id("node_link"), |b| {
            b.iter(|| write_node_link(&f.graph, &NodeLinkOptions::new(), Sink).unwrap())
        });
        g.finish();
    }
}

criterion_group!(lineage, extraction, benches);
criterion_main!(lineage);
