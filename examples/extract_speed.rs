//! Times the extractor on a 5 MB text made of the bundled seed texts and the
//! gazette sample repeated (run with `--release`), or of the texts given
//! (for example one legal-site markdown plan of the development corpus:
//! its tables are read row by row, the costliest layout).
//!
//! ```text
//! cargo run --release --example extract_speed [MEGABYTES, default 5] [TEXT...]
//! cargo run --release --example extract_speed 5 tests/corpus/texts/qd-2530-qd-ttg-2025.txt
//! ```

use std::time::Instant;

use directive_lineage::{extract, ExtractOptions};

fn main() {
    let mb: f64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5.0);
    let size = (mb * (1 << 20) as f64) as usize;
    let root = env!("CARGO_MANIFEST_DIR");
    let given: Vec<String> = std::env::args().skip(2).collect();
    let mut parts = Vec::new();
    for f in given.iter() {
        parts.push(std::fs::read_to_string(f).expect("a readable text"));
    }
    for f in [
        "data/sources/quang-ninh-2024-kh-ubnd-162.txt",
        "data/sources/dak-lak-2024-kh-syt-draft.txt",
        "data/sources/bac-giang-2024-kh-syt-10.txt",
        "tests/fixtures/nq-97-nq-cp-2026.txt",
        "data/sources/thai-binh-2024-kh-syt-56.txt",
        "data/sources/quang-ngai-2023-kh-ubnd-193.txt",
    ] {
        if given.is_empty() {
            parts.push(std::fs::read_to_string(format!("{root}/{f}")).expect("bundled text"));
        }
    }
    let mut text = String::with_capacity(size);
    let mut k = 0;
    while text.len() < size {
        text.push_str(&parts[k % parts.len()]);
        text.push('\n');
        k += 1;
    }
    // Compile the regexes once (a one-time cost of the process, ~0.1 s).
    extract(&parts[0], &ExtractOptions::new("warm-up")).expect("a document");
    // Best of three, as the machine may be shared.
    let mut best = f64::INFINITY;
    let mut doc = None;
    for _ in 0..3 {
        let start = Instant::now();
        doc = Some(extract(&text, &ExtractOptions::new("speed")).expect("a document"));
        best = best.min(start.elapsed().as_secs_f64());
    }
    let doc = doc.expect("ran");
    println!(
        "{:.1} MB, {} lines: {} clauses, {} citations, {} warnings; extract took {:.3} s (best of 3)",
        text.len() as f64 / (1 << 20) as f64,
        text.lines().count(),
        doc.clauses.len(),
        doc.citations.len(),
        doc.warnings.len(),
        best
    );
}
