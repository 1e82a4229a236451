//! `lineage`: the command line over the bundled data or a data directory.
//!
//! Exit codes: 0 success, 1 data errors (all printed), 2 usage errors
//! (including a reference that names nothing).

mod add;
mod args;
mod output;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use directive_lineage::{
    align_in_corpus, apply_proposals, documents_csv, documents_json, extract_all, node_link_json,
    proposals_json, tasks_csv, tasks_json, view_dot, AlignOptions, Corpus, Coverage, Date, DocStatus,
    DotOptions, Error, ErrorKind, ExtractOptions, LineageGraph, NodeLinkOptions, Problem, QueryOptions, Role,
    Severities, Severity, TaskFilter, Trace,
};

use args::{Cli, Command, Format, TableArg};
use output::{label_of, print_outline, proposals_table, to_json, Col, Table};

pub(crate) enum Failure {
    Usage(String),
    Data(String),
    /// The reader went away (`lineage … | head`): not an error.
    Closed,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e.kind() {
            ErrorKind::UnknownReference { .. }
            | ErrorKind::UnknownName { .. }
            | ErrorKind::AmbiguousReference { .. }
            | ErrorKind::Parse { .. } => Failure::Usage(e.to_string()),
            _ => Failure::Data(e.to_string()),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = io::stdout().lock();
    match run(&cli, &mut out) {
        Ok(code) => code,
        Err(Failure::Usage(m)) => {
            eprintln!("lineage: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Data(m)) => {
            eprintln!("lineage: {m}");
            ExitCode::from(1)
        }
        Err(Failure::Closed) => ExitCode::SUCCESS,
    }
}

fn date_arg(s: &Option<String>) -> Result<Option<Date>, Failure> {
    // The library's error lists every form it reads.
    s.as_deref().map(|d| d.parse::<Date>().map_err(|e| Failure::Usage(e.to_string()))).transpose()
}

/// Today's date (UTC) from the system clock: the default `--as-of`. The
/// library never reads the clock; the command line passes the date.
fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Date::new(year, month, day).unwrap_or(Date::new(2000, 1, 1).expect("valid"))
}

/// `--as-of` as given, else today.
fn as_of_or_today(s: &Option<String>) -> Result<Date, Failure> {
    Ok(date_arg(s)?.unwrap_or_else(today))
}

/// A write that failed: the reader going away is no error.
pub(crate) fn io_err(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::Closed
    } else {
        Failure::Data(e.to_string())
    }
}

/// The table `trace` prints: each hit under the one it was reached from.
fn trace_table(trace: &Trace<'_>) -> Table {
    let mut t = Table::new([
        ("depth", Col::Key),
        ("via", Col::Key),
        ("id", Col::Key),
        ("parent", Col::Key),
        ("jurisdiction", Col::CsvOnly),
        ("lead", Col::Wrap),
        ("cooperating", Col::Wrap),
        ("deadline", Col::Wrap),
        ("score", Col::Wrap),
        ("text", Col::Text),
    ]);
    for h in trace.hits() {
        let doc = h.node.document();
        t.push(vec![
            h.depth.to_string(),
            format!("{:?}", h.via).to_lowercase(),
            h.id.to_string(),
            h.parent.and_then(|p| trace.get(p)).map(|p| p.id.to_string()).unwrap_or_default(),
            doc.map(|d| d.jurisdiction.clone()).unwrap_or_default(),
            h.agencies(Role::Lead).join("; "),
            h.agencies(Role::Cooperating).join("; "),
            h.deadline().map(|d| d.text().to_string()).unwrap_or_default(),
            h.score.map(|s| format!("{s:.2}")).unwrap_or_default(),
            label_of(&h),
        ]);
    }
    t
}

/// `check`: every file's problems (one that cannot be read is reported and
/// the others are still checked), with the rule settings of the data
/// directory's `check.rules` and then `--severity`.
fn check(
    cli: &Cli,
    paths: &[std::path::PathBuf],
    settings: &[String],
    format: Format,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let mut severities = Severities::load(&cli.data)?;
    for s in settings {
        severities.set_from(s).map_err(|e| Failure::Usage(format!("--severity: {e}")))?;
    }
    let (corpus, unreadable) = if paths.is_empty() {
        Corpus::load_reporting(&cli.data)?
    } else {
        let mut only = Corpus::tables(&cli.data)?;
        let mut unreadable = Vec::new();
        for p in paths {
            if let Err(e) = only.load_file(p) {
                unreadable.push(e);
            }
        }
        (only, unreadable)
    };
    if paths.is_empty() && unreadable.is_empty() && corpus.documents().is_empty() {
        // Nothing checked is no "0 errors": say what a data directory holds.
        let dir = cli.data.display();
        return Err(Failure::Data(format!(
            "no corpus to check in {dir}: expected corpus JSON files (format \
             directive-lineage/corpus@1) as {dir}/corpus/*.json, or as *.json in {dir} itself \
             when it has no corpus/ folder, beside agencies.json and jurisdictions.json; \
             or give the files: lineage check FILE..."
        )));
    }
    let mut problems: Vec<Problem> = unreadable.iter().map(Problem::unreadable).collect();
    problems.extend(LineageGraph::build(corpus).validate());
    let problems = severities.apply(problems);
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    match format {
        Format::Json => writeln!(out, "{}", to_json(&problems)).map_err(io_err)?,
        _ => {
            for p in &problems {
                writeln!(out, "{p}").map_err(io_err)?;
            }
            let warnings = problems.len() - errors;
            let plural =
                |n: usize, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
            writeln!(out, "{}, {}", plural(errors, "error"), plural(warnings, "warning")).map_err(io_err)?;
        }
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// `coverage` as a table: one row per clause, with its status; for a
/// document without clauses (one known only by citation), what it is and
/// what implements it as a whole.
fn coverage_table(out: &mut dyn Write, c: &Coverage, f: Format) -> io::Result<()> {
    let whole = |out: &mut dyn Write| match c.implemented_whole_by.as_slice() {
        [] => writeln!(out, "Nothing{} implements it as a whole.", place(c)),
        ids => writeln!(out, "Implemented as a whole{} by: {}", place(c), ids.join(", ")),
    };
    if c.clauses.is_empty() && f == Format::Text {
        let known = match c.document_status {
            DocStatus::CitedOnly => "is known only by citation (cited-only): it has no clauses to cover",
            _ => "has no clauses in the corpus",
        };
        writeln!(out, "{} ({}) {known}.", c.name, c.document)?;
        return whole(out);
    }
    let mut t = Table::new([
        ("clause", Col::Key),
        ("covered", Col::Key),
        ("status", Col::Key),
        ("implemented by", Col::Wrap),
        ("tasks", Col::CsvOnly),
        ("inferred", Col::Wrap),
        ("text", Col::Text),
    ]);
    for r in &c.clauses {
        t.push(vec![
            r.clause.clone(),
            if r.is_covered() { "yes" } else { "NO" }.to_string(),
            r.status.to_string(),
            r.implemented_by.join(" "),
            r.tasks.join(" "),
            r.inferred.iter().map(|(id, s)| format!("{id} ({s:.2})")).collect::<Vec<_>>().join(" "),
            r.label.clone(),
        ]);
    }
    t.print(out, f)?;
    if f == Format::Text && !c.implemented_whole_by.is_empty() {
        whole(out)?;
    }
    Ok(())
}

/// ` in quang-ninh` for a coverage within a jurisdiction.
fn place(c: &Coverage) -> String {
    c.jurisdiction.as_ref().map(|j| format!(" in {j}")).unwrap_or_default()
}

fn run(cli: &Cli, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let opts = QueryOptions::new().with_inferred(cli.with_inferred);
    let format = cli.format().map_err(Failure::Usage)?;
    if let Command::Check { paths, severity } = &cli.command {
        return check(cli, paths, severity, format, out);
    }
    if let Command::Extract { file, jurisdiction } = &cli.command {
        // The data directory's jurisdiction table names provinces for the extractor.
        // Without a readable data directory, the shipped tables.
        let tables = Corpus::load(&cli.data).unwrap_or_else(|_| Corpus::new());
        let mut opts = ExtractOptions::new(file.display().to_string()).corpus(&tables);
        if let Some(j) = jurisdiction {
            opts = opts.jurisdiction(&tables.resolve_jurisdiction(j)?);
        }
        let corpus = if file.is_dir() {
            Corpus::extract_dir(file, &opts)?
        } else {
            let text = std::fs::read_to_string(file)
                .map_err(|e| Failure::Data(format!("{}: {e}", file.display())))?;
            let mut c = Corpus::new();
            for d in extract_all(&text, &opts)? {
                c.add(d);
            }
            c
        };
        if format == Format::Text {
            print_outline(out, &corpus).map_err(io_err)?;
        } else {
            write!(out, "{}", corpus.to_json()).map_err(io_err)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Command::Add { files, jurisdiction, dry_run, replace } = &cli.command {
        let args = add::AddArgs {
            files,
            jurisdiction: jurisdiction.as_deref(),
            dry_run: *dry_run,
            replace: *replace,
        };
        return add::run(cli, &args, format, out);
    }
    let graph = LineageGraph::load(&cli.data)?;
    // `check` lists these with the problems; other commands say them once.
    for w in graph.corpus().load_warnings() {
        eprintln!("lineage: warning: {w}");
    }
    match &cli.command {
        Command::Check { .. } | Command::Extract { .. } | Command::Add { .. } => {
            unreachable!("handled above")
        }
        Command::Trace { reference, up: false } => {
            let trace = graph.trace_down(reference, &opts)?;
            match format {
                Format::Json => writeln!(out, "{}", to_json(&trace)).map_err(io_err)?,
                f => trace_table(&trace).print(out, f).map_err(io_err)?,
            }
        }
        Command::Trace { reference, up: true } => {
            let chains = graph.trace_up(reference, &opts)?;
            match format {
                Format::Json => writeln!(out, "{}", to_json(&chains)).map_err(io_err)?,
                f => {
                    let mut t = Table::new([
                        ("chain", Col::Key),
                        ("step", Col::Key),
                        ("via", Col::Key),
                        ("id", Col::Key),
                    ]);
                    for (i, c) in chains.iter().enumerate() {
                        for (j, (id, via)) in c.steps.iter().enumerate() {
                            t.push(vec![
                                (i + 1).to_string(),
                                j.to_string(),
                                format!("{via:?}").to_lowercase(),
                                id.clone(),
                            ]);
                        }
                    }
                    t.print(out, f).map_err(io_err)?;
                }
            }
        }
        Command::Coverage { reference, jurisdiction, tasks_only } => {
            let opts = opts.clone().tasks_only(*tasks_only);
            let coverage = graph.coverage_of(reference, jurisdiction.as_deref(), &opts)?;
            match format {
                Format::Json => writeln!(out, "{}", to_json(&coverage)).map_err(io_err)?,
                f => coverage_table(out, &coverage, f).map_err(io_err)?,
            }
        }
        Command::Compare { reference, first, second, tasks_only } => {
            let c = graph.compare(reference, first, second, &opts.clone().tasks_only(*tasks_only))?;
            match format {
                Format::Json => writeln!(out, "{}", to_json(&c)).map_err(io_err)?,
                f => {
                    let mut t = Table::new([("clause", Col::Key), ("covered by", Col::Key)]);
                    for (list, what) in [
                        (&c.both, "both".to_string()),
                        (&c.only_first, format!("only {}", c.jurisdictions.0)),
                        (&c.only_second, format!("only {}", c.jurisdictions.1)),
                        (&c.neither, "neither".to_string()),
                    ] {
                        for id in list {
                            t.push(vec![id.clone(), what.clone()]);
                        }
                    }
                    t.print(out, f).map_err(io_err)?;
                }
            }
        }
        Command::Tasks { agency, role, with_groups, jurisdiction, as_of, status, due_from, due_to } => {
            let mut filter = TaskFilter::new().with_groups(*with_groups);
            if let Some(a) = agency {
                filter = filter.agency(a);
            }
            if let Some(r) = role {
                filter = filter.role(*r);
            }
            if let Some(j) = jurisdiction {
                filter = filter.jurisdiction(j);
            }
            let day = as_of_or_today(as_of)?;
            filter = filter.as_of(day);
            let (from, to) = (date_arg(due_from)?, date_arg(due_to)?);
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    return Err(Failure::Usage(format!(
                        "--due-from {f} is after --due-to {t}: no day is in both"
                    )));
                }
            }
            if let Some(d) = date_arg(due_from)? {
                filter = filter.due_from(d);
            }
            if let Some(d) = date_arg(due_to)? {
                filter = filter.due_to(d);
            }
            if let Some(s) = status {
                filter = filter.status(*s);
            }
            let tasks = graph.tasks(&filter)?;
            match format {
                Format::Json => writeln!(out, "{}", to_json(&tasks)).map_err(io_err)?,
                f => {
                    if f == Format::Text {
                        writeln!(out, "Task status as of {day}").map_err(io_err)?;
                    }
                    let mut table = Table::new([
                        ("id", Col::Key),
                        ("status", Col::Key),
                        ("due", Col::Key),
                        ("deadline", Col::Wrap),
                        ("lead", Col::Wrap),
                        ("cooperating", Col::Wrap),
                        ("via group", Col::Wrap),
                        ("text", Col::Text),
                        ("as of", Col::CsvOnly),
                    ]);
                    for t in &tasks {
                        table.push(vec![
                            t.id.clone(),
                            t.status.map(|s| s.to_string()).unwrap_or_default(),
                            t.due.map(|d| d.to_string()).unwrap_or_default(),
                            t.deadline.clone().unwrap_or_default(),
                            t.lead.join("; "),
                            t.cooperating.join("; "),
                            t.via_group.clone().unwrap_or_default(),
                            t.text.clone(),
                            day.to_string(),
                        ]);
                    }
                    table.print(out, f).map_err(io_err)?;
                }
            }
        }
        Command::Search { query } => {
            let hits = graph.search(query);
            match format {
                Format::Json => writeln!(out, "{}", to_json(&hits)).map_err(io_err)?,
                f => {
                    let mut t = Table::new([("id", Col::Key), ("document", Col::Wrap), ("text", Col::Text)]);
                    for h in &hits {
                        t.push(vec![h.id.clone(), h.document.clone(), h.text.clone()]);
                    }
                    t.print(out, f).map_err(io_err)?;
                }
            }
        }
        Command::Export { table, as_of } => {
            // Status is shown as of a date, which the output carries.
            let day = Some(as_of_or_today(as_of)?);
            // `Cli::format` has refused what the command does not print.
            let text = match (table, format) {
                (None, Format::NodeLink) => {
                    let mut o = NodeLinkOptions::new().with_inferred(cli.with_inferred);
                    if let Some(d) = day {
                        o = o.as_of(d);
                    }
                    node_link_json(&graph, &o)
                }
                (None, _) => graph.corpus().to_json(),
                (Some(TableArg::Tasks), f) => {
                    let filter = day.map_or_else(TaskFilter::new, |d| TaskFilter::new().as_of(d));
                    if f == Format::Csv {
                        tasks_csv(&graph, &filter)?
                    } else {
                        tasks_json(&graph, &filter)?
                    }
                }
                (Some(TableArg::Documents), Format::Csv) => documents_csv(&graph),
                (Some(TableArg::Documents), _) => documents_json(&graph),
            };
            write!(out, "{text}").map_err(io_err)?;
        }
        Command::Align { local, parent, min_score, local_prefix, parent_prefix, apply } => {
            if !(0.0..=1.0).contains(min_score) {
                return Err(Failure::Usage(format!(
                    "--min-score {min_score}: expected a number from 0 to 1"
                )));
            }
            let corpus = graph.corpus();
            let (l, p) = (corpus.document_by_ref(local)?, corpus.document_by_ref(parent)?);
            let mut o = AlignOptions::new().min_score(*min_score);
            if let Some(x) = local_prefix {
                o = o.local_prefix(x);
            }
            if let Some(x) = parent_prefix {
                o = o.parent_prefix(x);
            }
            let proposals = align_in_corpus(corpus, l, p, &o);
            if *apply {
                let mut c = corpus.clone();
                if let Some(d) = c.documents_mut().iter_mut().find(|d| d.id == l.id) {
                    apply_proposals(d, &proposals, *min_score);
                }
                write!(out, "{}", c.to_json()).map_err(io_err)?;
            } else if format == Format::Json {
                write!(out, "{}", proposals_json(&proposals)).map_err(io_err)?;
            } else {
                proposals_table(out, &proposals).map_err(io_err)?;
            }
        }
        Command::Dot { view, root, as_of, jurisdiction, agency, status, depth, cited_only, layout } => {
            let mut o =
                DotOptions::new().with_inferred(cli.with_inferred).cited_only(*cited_only).layout(*layout);
            for s in status {
                o = o.status(*s);
            }
            if let Some(d) = depth {
                o = o.depth(*d);
            }
            o = o.as_of(as_of_or_today(as_of)?);
            if let Some(r) = root {
                graph.resolve(r)?;
                o = o.root(r);
            }
            if let Some(j) = jurisdiction {
                o = o.jurisdiction(j);
            }
            if let Some(a) = agency {
                o = o.agency(a);
            }
            write!(out, "{}", view_dot(&graph, (*view).into(), &o)?).map_err(io_err)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
