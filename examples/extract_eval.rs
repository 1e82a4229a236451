//! Scores the extractor on the development corpus (`tests/corpus/`) and
//! prints the table of the shared `score.py`, number for number: per text
//! the header fields exact (of 5), numbered citations found, tasks found,
//! and for found tasks lead exact, agency split exact, deadline exact and
//! the cooperating agencies' F1; `below bar` marks a text short of the bar
//! (header 5/5, every task found, lead and deadline exact on 95% of tasks).
//! Then a TOTAL line per family (gazette PDF text, legal-site markdown) and
//! the overall TOTAL line. The measure is `tests/common/corpus_score.rs`,
//! shared with `tests/extract_corpus.rs`.
//!
//! ```text
//! cargo run --release --example extract_eval [-- [--verbose] [--texts DIR] [--gold DIR] [NAME...]]
//! ```
//!
//! `NAME` is a file stem (`nq-122-nq-cp-2026`); by default every label of
//! the gold folder. `--verbose` lists the mismatches under each row. Exits
//! with 1 when some text is below the bar, as score.py does.

#[path = "../tests/common/corpus_score.rs"]
mod corpus_score;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: extract_eval [--verbose] [--texts DIR] [--gold DIR] [NAME...]";

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let (mut texts, mut gold) = (root.join("texts"), root.join("gold"));
    let mut verbose = false;
    let mut names = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--texts" | "--gold" => {
                let Some(dir) = args.next() else {
                    eprintln!("{a} needs a folder\n{USAGE}");
                    return ExitCode::from(2);
                };
                *(if a == "--texts" { &mut texts } else { &mut gold }) = PathBuf::from(dir);
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with('-') => {
                eprintln!("unknown option {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => names.push(a),
        }
    }
    for name in &names {
        if !gold.join(format!("{name}.json")).is_file() {
            eprintln!("no label {}", gold.join(format!("{name}.json")).display());
            return ExitCode::from(2);
        }
    }
    let results = corpus_score::score_all(&texts, &gold, &names);
    print!("{}", corpus_score::render(&results, verbose));
    if results.iter().all(|r| r.passes()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
