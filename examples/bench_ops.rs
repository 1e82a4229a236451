//! Times the lineage operations on a data directory (as written by the
//! `generate` example) and prints JSON: per operation the median in
//! milliseconds, the repetitions and the size of the answer; the starting
//! points chosen (so that `benches/compare_networkx.py` runs the same
//! queries); and the peak memory of the process (`VmHWM`).
//!
//! `cargo run --release --features generate --example bench_ops -- DIR [--min-time SECONDS]`
//!
//! The first load of a process is timed in fresh processes (this program
//! run again with `--load-once`), five times, and the median reported: one
//! sample of the slowest load was the noisiest number of the table.

use std::path::Path;
use std::time::{Duration, Instant};

use directive_lineage::generate::{start_points, StartPoints};
use directive_lineage::{
    trace_dot, write_node_link, Corpus, DotOptions, LineageGraph, NodeLinkOptions, QueryOptions, TaskFilter,
    TaskStatus,
};
use serde_json::{json, Map, Value};

/// Runs `f` until `min_time` has passed (at least `min_reps` times, at most
/// 1000) and returns the median in milliseconds with the repetitions.
fn time<T>(min_reps: usize, min_time: Duration, mut f: impl FnMut() -> T) -> (f64, usize, T) {
    let mut samples = Vec::new();
    let start = Instant::now();
    let mut last;
    loop {
        let t = Instant::now();
        last = f();
        samples.push(t.elapsed().as_secs_f64() * 1e3);
        if samples.len() >= 1000 || (samples.len() >= min_reps && start.elapsed() >= min_time) {
            break;
        }
    }
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples.len(), last)
}

/// A writer that only counts, so that the export is timed without the disk.
struct Count(usize);

impl std::io::Write for Count {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len();
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn status_kb(field: &str) -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Loads `dir` once in a fresh process (this program with `--load-once`)
/// and returns the time in milliseconds.
fn load_in_fresh_process(dir: &str) -> f64 {
    let exe = std::env::current_exe().expect("the path of this program");
    let out = std::process::Command::new(exe).args([dir, "--load-once"]).output().expect("bench_ops runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("a time in ms")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("usage: bench_ops DIR [--min-time SECONDS]").clone();
    if args.iter().any(|a| a == "--load-once") {
        let t = Instant::now();
        let g = LineageGraph::load(&dir).expect("the data directory loads");
        println!("{}", t.elapsed().as_secs_f64() * 1e3);
        // Exit without freeing a million nodes: only the load is timed.
        std::mem::forget(g);
        return;
    }
    let min_time = args
        .iter()
        .position(|a| a == "--min-time")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(1.0);
    let min_time = Duration::from_secs_f64(min_time);
    let corpus_bytes =
        std::fs::metadata(Path::new(&dir).join("corpus/generated.json")).map(|m| m.len()).unwrap_or(0);
    let mut ops = Map::new();
    let mut record = |name: &str, (ms, reps, size): (f64, usize, usize)| {
        eprintln!("{name:>24}: {ms:10.3} ms  ({reps} reps, answer {size})");
        ops.insert(name.into(), json!({ "median_ms": ms, "reps": reps, "answer": size }));
    };

    // Load: corpus JSON files to a built graph. The first load and the
    // queries run before the other loads, so that the peak memory reported
    // is that of one load and its queries.
    let mut first_loads: Vec<f64> = (0..5).map(|_| load_in_fresh_process(&dir)).collect();
    first_loads.sort_by(f64::total_cmp);
    let first_load = first_loads[first_loads.len() / 2];
    eprintln!("{:>24}: {first_loads:.0?} ms", "first loads");
    let g = LineageGraph::load(&dir).expect("the data directory loads");
    let rss_after_load = status_kb("VmRSS:");

    record("validate", {
        let (ms, reps, problems) = time(3, min_time, || g.validate().len());
        assert_eq!(problems, 0, "generated data validates");
        (ms, reps, problems)
    });

    let opts = QueryOptions::new();
    let StartPoints { trace_down: down_start, directive, trace_up: up_start, province, as_of } =
        start_points(&g).expect("a generated corpus");

    record("trace_down", time(5, min_time, || g.trace_down(&down_start, &opts).expect("traces").len()));
    record("trace_up", time(5, min_time, || g.trace_up(&up_start, &opts).expect("traces").len()));
    record(
        "coverage_all",
        time(5, min_time, || {
            g.coverage(&directive, None, &opts).expect("covers").iter().map(|r| r.implemented_by.len()).sum()
        }),
    );
    let overdue = TaskFilter::new().as_of(as_of).status(TaskStatus::Overdue);
    // Borrowed rows, like the node ids networkx returns; `tasks` copies each row.
    record("tasks_overdue", time(3, min_time, || g.task_refs(&overdue).len()));
    let overdue_p = overdue.clone().jurisdiction(&province);
    record("tasks_overdue_province", time(5, min_time, || g.task_refs(&overdue_p).len()));

    let peak = status_kb("VmHWM:");

    // Exports, after the peak is taken: they hold their output.
    let dot_opts = DotOptions::new().root(&directive);
    record("dot_trace", time(3, min_time, || trace_dot(&g, &dot_opts).expect("draws").len()));
    record(
        "export_node_link",
        time(1, Duration::ZERO, || {
            let mut w = Count(0);
            write_node_link(&g, &NodeLinkOptions::new(), &mut w).expect("writes");
            w.0
        }),
    );

    // More loads for the median, one graph at a time: `LineageGraph::load`,
    // which builds while it parses, then the two steps one after the other.
    let nodes = g.node_count();
    let mut graph = Some(g);
    let mut loads = |first: Option<f64>, two_step: bool| {
        let mut samples: Vec<f64> = first.into_iter().collect();
        // At least three, so that the median is of loads after the first.
        let start = Instant::now();
        while samples.len() < 3 || (samples.len() < 20 && start.elapsed() < min_time) {
            drop(graph.take());
            let t = Instant::now();
            let g2 = if two_step {
                LineageGraph::build(Corpus::load(&dir).expect("the data directory loads"))
            } else {
                LineageGraph::load(&dir).expect("the data directory loads")
            };
            samples.push(t.elapsed().as_secs_f64() * 1e3);
            graph = Some(g2);
        }
        samples.sort_by(f64::total_cmp);
        (samples[samples.len() / 2], samples.len(), nodes)
    };
    // The first load of a process faults in its memory fresh from the
    // kernel (about 300k page faults at 1M clauses); later loads reuse the
    // freed heap. The median is of later loads; first loads are shown apart
    // (the median of five fresh processes).
    let load = loads(None, false);
    let two_step = loads(None, true);
    record("load_first", (first_load, first_loads.len(), nodes));
    record("load", load);
    record("load_two_step", two_step);
    let g = graph.expect("loaded");
    let docs = g.corpus().documents();

    let out = json!({
        "dir": dir,
        "corpus_bytes": corpus_bytes,
        "node_link_bytes": std::fs::metadata(Path::new(&dir).join("node-link.json")).map(|m| m.len()).unwrap_or(0),
        "nodes": g.node_count(),
        "edges": g.edge_count(),
        "clauses": docs.iter().map(|d| d.clauses.len()).sum::<usize>(),
        "documents": docs.len(),
        "params": {
            "trace_down": down_start,
            "trace_up": up_start,
            "directive": directive,
            "as_of": as_of.to_string(),
            "province": province,
        },
        "ops": Value::Object(ops),
        "rss_after_load_kb": rss_after_load,
        "peak_rss_kb": peak,
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("serialises"));
}
