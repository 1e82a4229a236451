//! Extracts a text file and prints it as corpus JSON.
//!
//! ```text
//! cargo run --example extract -- data/sources/quang-ninh-2024-kh-ubnd-162.txt [--jurisdiction quang-ninh]
//! ```

use std::process::ExitCode;

use directive_lineage::{extract, Corpus, ExtractOptions};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: extract FILE [--jurisdiction J]");
        return ExitCode::from(2);
    };
    let mut options = ExtractOptions::new(path.as_str());
    if let Some(p) = args.iter().position(|a| a == "--jurisdiction") {
        match args.get(p + 1) {
            Some(j) => options = options.jurisdiction(j),
            None => {
                eprintln!("--jurisdiction needs a value");
                return ExitCode::from(2);
            }
        }
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::from(1);
        }
    };
    match extract(&text, &options) {
        Ok(doc) => {
            let mut corpus = Corpus::new();
            corpus.add(doc);
            print!("{}", corpus.to_json());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
