//! Evaluates clause alignment against the curated links of the bundled data.
//!
//! For each document pair, the local document's curated links are held out,
//! the document is aligned with its parent at the default threshold, and the
//! proposals are compared with the curated links. Prints a Markdown table
//! (the one in `docs/ALIGN.md`), then the misses and wrong proposals.
//!
//! ```text
//! cargo run --release --example align_eval [DATA_DIR]
//! ```

use directive_lineage::{evaluate, AlignOptions, ClauseKind, Corpus, Evaluation};

/// The pairs evaluated: label, local, parent, options.
fn pairs() -> Vec<(&'static str, &'static str, &'static str, AlignOptions)> {
    vec![
        (
            "56/KH-SYT groups → 25-CT/TW groups",
            "56/KH-SYT",
            "25-CT/TW",
            AlignOptions::new().local_depth(1).parent_depth(1),
        ),
        (
            "162/KH-UBND II.1–II.5 → 25-CT/TW groups",
            "162/KH-UBND",
            "25-CT/TW",
            AlignOptions::new().local_prefix("II").local_depth(2).parent_depth(1),
        ),
        (
            "162/KH-UBND PL rows → its II bullets",
            "162/KH-UBND",
            "162/KH-UBND",
            AlignOptions::new()
                .local_prefix("PL.")
                .parent_prefix("II")
                .parent_kinds(&[ClauseKind::Bullet, ClauseKind::SubBullet]),
        ),
        (
            "10/KH-SYT II.1.a–d → 25-CT/TW groups",
            "10/KH-SYT",
            "25-CT/TW",
            AlignOptions::new().local_prefix("II.1").local_depth(3).parent_depth(1),
        ),
    ]
}

fn main() -> Result<(), directive_lineage::Error> {
    let dir =
        std::env::args().nth(1).unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/data").to_string());
    let corpus = Corpus::load(&dir)?;
    let mut results: Vec<(&str, &str, Evaluation)> = Vec::new();
    for (label, local, parent, options) in pairs() {
        for (mode, use_corpus) in [("two documents", false), ("with corpus", true)] {
            results.push((label, mode, evaluate(&corpus, local, parent, &options, use_corpus)?));
        }
    }
    println!("Default threshold {:.2}.\n", directive_lineage::DEFAULT_MIN_SCORE);
    println!("| pair | text read | curated | proposed | correct | precision | recall | F1 |");
    println!("|---|---|--:|--:|--:|--:|--:|--:|");
    for (label, mode, e) in &results {
        println!(
            "| {label} | {mode} | {} | {} | {} | {:.2} | {:.2} | {:.2} |",
            e.gold, e.proposed, e.correct, e.precision, e.recall, e.f1
        );
    }
    // The threshold sweep behind the default: every pair, with corpus, with
    // the relative filter off and no cap, so that the threshold alone
    // separates curated links from the rest.
    println!(
        "\nThreshold sweep (all four pairs pooled, with corpus, every candidate above the threshold kept):\n"
    );
    println!("| min score | curated | proposed | correct | precision | recall | F1 |");
    println!("|--:|--:|--:|--:|--:|--:|--:|");
    // One alignment per pair, every candidate kept; each threshold then
    // keeps the proposals that reach it.
    let mut pooled: Vec<Evaluation> = Vec::new();
    for (_, local, parent, options) in pairs() {
        let options = options.min_score(0.0).min_ratio(0.0).max_per_local(usize::MAX);
        pooled.push(evaluate(&corpus, local, parent, &options, true)?);
    }
    for step in 0..=10 {
        let t = f64::from(10 + 5 * step) / 100.0;
        let (mut gold, mut proposed, mut correct) = (0, 0, 0);
        for e in &pooled {
            let kept: Vec<_> = e.proposals.iter().filter(|p| p.score >= t).collect();
            gold += e.curated.len();
            proposed += kept.len();
            correct += kept
                .iter()
                .filter(|p| {
                    e.curated.iter().any(|(l, q)| p.local.path() == Some(l) && p.parent.path() == Some(q))
                })
                .count();
        }
        let p = if proposed == 0 { 0.0 } else { correct as f64 / proposed as f64 };
        let r = if gold == 0 { 0.0 } else { correct as f64 / gold as f64 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        println!("| {t:.2} | {gold} | {proposed} | {correct} | {p:.2} | {r:.2} | {f:.2} |");
    }
    for (label, mode, e) in &results {
        if !e.missed.is_empty() || !e.wrong.is_empty() {
            println!("\n{label} ({mode}):");
            for m in &e.missed {
                println!("  missed {m}");
            }
            for w in &e.wrong {
                println!("  wrong  {w}");
            }
        }
    }
    Ok(())
}
