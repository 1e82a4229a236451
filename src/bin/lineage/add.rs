//! `lineage add`: texts are extracted here (the corpus layer below the
//! extractor only merges), then every document is merged into the data
//! directory as one node (`Corpus::merge`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use directive_lineage::{
    extract_all, Corpus, Document, ErrorKind, ExtractOptions, MergeInput, MergeOptions, MergeOutcome,
    MergeReport,
};

use crate::args::{Cli, Format};
use crate::output::{to_json, Col, Table};
use crate::{io_err, Failure};

/// What `add` was given besides the global options.
pub(crate) struct AddArgs<'a> {
    pub(crate) files: &'a [PathBuf],
    pub(crate) jurisdiction: Option<&'a str>,
    pub(crate) dry_run: bool,
    pub(crate) replace: bool,
}

/// Reads, extracts and merges; writes unless `--dry-run`; prints the report.
/// Exit 1 when a held document conflicted (the others are still written).
pub(crate) fn run(
    cli: &Cli,
    args: &AddArgs<'_>,
    format: Format,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let mut corpus = Corpus::load_for_merge(&cli.data)?;
    for w in corpus.load_warnings() {
        eprintln!("lineage: warning: {w}");
    }
    let jurisdiction = args.jurisdiction.map(|j| corpus.resolve_jurisdiction(j)).transpose()?;
    // Every input is read and extracted before anything is merged: an
    // unreadable one leaves the directory as it was.
    // A path that names nothing or is no input is a usage error (exit 2);
    // a file that does not read is a data error (exit 1).
    let read = MergeInput::read_all(args.files).map_err(|e| match e.kind() {
        ErrorKind::Input { .. } => Failure::Usage(e.to_string()),
        _ => Failure::from(e),
    })?;
    let mut incoming: Vec<(String, Document)> = Vec::new();
    for input in read.inputs {
        match input {
            MergeInput::Text { path, text } => {
                let mut opts = ExtractOptions::new(source_name(&cli.data, &path)).corpus(&corpus);
                if let Some(j) = &jurisdiction {
                    opts = opts.jurisdiction(j);
                }
                let from = path.display().to_string();
                incoming.extend(extract_all(&text, &opts)?.into_iter().map(|d| (from.clone(), d)));
            }
            MergeInput::Documents { path, documents, warnings } => {
                for w in warnings {
                    eprintln!("lineage: warning: {w}");
                }
                let from = path.display().to_string();
                incoming.extend(documents.into_iter().map(|d| (from.clone(), d)));
            }
            _ => {}
        }
    }
    let report = corpus.merge(&cli.data, incoming, &MergeOptions::new().replace(args.replace));
    if !args.dry_run {
        corpus.save_merged(&report)?;
    }
    print(cli, args, &report, &read.skipped, format, out).map_err(io_err)?;
    let conflicts = report.count(MergeOutcome::Conflict);
    Ok(if conflicts > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A text's `source`: its path within the data directory when it is in
/// it (as the curated `sources/…`), else the path as given.
fn source_name(data: &Path, file: &Path) -> String {
    let inside = std::fs::canonicalize(data)
        .ok()
        .and_then(|d| std::fs::canonicalize(file).ok()?.strip_prefix(d).ok().map(Path::to_path_buf));
    inside.unwrap_or_else(|| file.to_path_buf()).display().to_string()
}

fn print(
    cli: &Cli,
    args: &AddArgs<'_>,
    report: &MergeReport,
    skipped: &[(PathBuf, String)],
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rel = |p: &Path| p.strip_prefix(&cli.data).unwrap_or(p).display().to_string();
    if format == Format::Json {
        let skipped: Vec<_> =
            skipped.iter().map(|(p, why)| serde_json::json!({"path": p, "reason": why})).collect();
        let v = serde_json::json!({"dry_run": args.dry_run, "report": report, "skipped": skipped});
        return writeln!(out, "{}", to_json(&v));
    }
    let mut t = Table::new([
        ("outcome", Col::Key),
        ("id", Col::Key),
        ("status", Col::Key),
        ("file", Col::Wrap),
        ("from", Col::Wrap),
        ("notes", Col::Wrap),
    ]);
    for e in &report.entries {
        let mut notes: Vec<String> = e.changes.clone();
        notes.extend(e.conflicts.iter().map(|c| format!("differs: {c}")));
        if e.outcome == MergeOutcome::Conflict {
            notes.push("not written (--replace replaces it)".to_string());
        }
        t.push(vec![
            e.outcome.to_string(),
            e.id.to_string(),
            e.status.to_string(),
            rel(&e.file),
            e.from.clone(),
            notes.join("; "),
        ]);
    }
    t.print(out, Format::Text)?;
    for (p, why) in skipped {
        writeln!(out, "skipped {}: {why}", p.display())?;
    }
    let counts: Vec<String> = [
        MergeOutcome::Added,
        MergeOutcome::Merged,
        MergeOutcome::Updated,
        MergeOutcome::Unchanged,
        MergeOutcome::Conflict,
    ]
    .iter()
    .map(|o| format!("{} {o}", report.count(*o)))
    .collect();
    let files: Vec<String> = report.files.iter().chain(&report.tables).map(|p| rel(p)).collect();
    let verb = if args.dry_run { "dry run, would write" } else { "wrote" };
    let files = if files.is_empty() {
        "nothing to write".to_string()
    } else {
        format!("{verb} {}", files.join(", "))
    };
    writeln!(out, "{}; {files}", counts.join(", "))
}
