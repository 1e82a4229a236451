//! The command line's arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use directive_lineage::{CitedOnly, DotView, Role, TaskStatus, TraceLayout, DEFAULT_MIN_SCORE};

#[derive(Parser)]
#[command(
    name = "lineage",
    version,
    about = "Lineage of Vietnamese policy documents: trace, coverage, tasks"
)]
pub(crate) struct Cli {
    /// Data directory (corpus/, agencies.json, jurisdictions.json).
    #[arg(long, global = true, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data"))]
    pub(crate) data: PathBuf,
    /// Output format. Each command prints some of these (its help lists
    /// them, the default first) and refuses the others.
    #[arg(long, global = true, value_enum)]
    pub(crate) format: Option<Format>,
    /// Also follow implements links proposed by alignment (marked in output).
    #[arg(long, global = true)]
    pub(crate) with_inferred: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned text for a terminal, at most 100 columns wide.
    Text,
    /// JSON.
    Json,
    /// CSV with a header row.
    Csv,
    /// networkx node-link JSON (`export`).
    NodeLink,
    /// Corpus JSON (`export`, `extract`, `align --apply`).
    Corpus,
    /// Graphviz DOT (`dot`).
    Dot,
}

impl Format {
    /// The name `--format` takes.
    fn name(self) -> String {
        self.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
    }
}

impl Cli {
    /// The format to print in: `--format` if the command prints it, else the
    /// command's default; `Err` lists what the command prints.
    pub(crate) fn format(&self) -> Result<Format, String> {
        let formats = self.command.formats();
        match self.format {
            None => Ok(formats[0]),
            Some(f) if formats.contains(&f) => Ok(f),
            Some(f) => {
                let mut names: Vec<String> = formats.iter().map(|f| f.name()).collect();
                let list = match names.len() {
                    1 => format!("only {}", names[0]),
                    _ => {
                        names[0].push_str(" (the default)");
                        let last = names.pop().unwrap_or_default();
                        format!("{} or {last}", names.join(", "))
                    }
                };
                let hint = match self.command {
                    Command::Export { table: None, .. } if f == Format::Csv => "; with --table, json or csv",
                    _ => "",
                };
                Err(format!(
                    "{} does not print --format {}: it prints {list}{hint}",
                    self.command.name(),
                    f.name()
                ))
            }
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Validate the data (or the given corpus files) and print every problem.
    ///
    /// Formats: text (default), json.
    Check {
        /// Corpus JSON files to check instead of the data directory's corpus.
        paths: Vec<PathBuf>,
        /// Report a rule's problems as errors or warnings, or not at all:
        /// RULE=error|warning|off (repeatable; after the data directory's
        /// check.rules).
        #[arg(long, value_name = "RULE=LEVEL")]
        severity: Vec<String>,
    },
    /// Everything that traces to a document or clause (`25-CT/TW#4`).
    ///
    /// Formats: text (default), json, csv.
    Trace {
        /// Document or clause, as people write it or as an id.
        reference: String,
        /// Trace up to the roots instead.
        #[arg(long)]
        up: bool,
    },
    /// For each clause of a central document, what implements it.
    ///
    /// Formats: text (default), json, csv.
    Coverage {
        /// The central document (`25-CT/TW`).
        reference: String,
        /// Only implementing clauses of this jurisdiction (and those it took
        /// over): an id, a name (`Quảng Ninh`) or an alias.
        #[arg(long = "in")]
        jurisdiction: Option<String>,
        /// Count a clause covered only when tasks with an agency implement
        /// it, not text alone (a heading copied without a task).
        #[arg(long)]
        tasks_only: bool,
    },
    /// Compare two jurisdictions on one central document.
    ///
    /// Formats: text (default), json, csv.
    Compare {
        /// The central document.
        reference: String,
        /// First jurisdiction: an id, a name (`Quảng Ninh`) or an alias.
        first: String,
        /// Second jurisdiction.
        second: String,
        /// Count a clause covered only when tasks with an agency implement it.
        #[arg(long)]
        tasks_only: bool,
    },
    /// Tasks with their agencies, deadlines and status.
    ///
    /// Formats: text (default), json, csv.
    Tasks {
        /// Agency as people name it (`Sở Nội vụ`).
        #[arg(long)]
        agency: Option<String>,
        /// Only where the agency has this role.
        #[arg(long, value_enum)]
        role: Option<Role>,
        /// Also list tasks assigned to a group the agency belongs to.
        #[arg(long)]
        with_groups: bool,
        /// Jurisdiction (successor-aware: `hung-yen` includes `thai-binh`).
        #[arg(long = "in")]
        jurisdiction: Option<String>,
        /// Status as of this date (YYYY-MM-DD; default: today). The output
        /// says the date.
        #[arg(long)]
        as_of: Option<String>,
        /// Only tasks with this status.
        #[arg(long, value_enum)]
        status: Option<TaskStatus>,
        /// Only tasks due on or after (YYYY-MM-DD).
        #[arg(long)]
        due_from: Option<String>,
        /// Only tasks due on or before (YYYY-MM-DD).
        #[arg(long)]
        due_to: Option<String>,
    },
    /// Clauses containing words, ignoring diacritics and tone-mark placement.
    ///
    /// Formats: text (default), json, csv.
    Search {
        /// Words to find (`y te co so`).
        query: String,
    },
    /// Export the corpus, the graph as node-link JSON, or a table.
    ///
    /// Formats: corpus (default), json (the same), node-link; with --table:
    /// json (default), csv.
    Export {
        /// Export a flat table instead of the graph.
        #[arg(long, value_enum)]
        table: Option<TableArg>,
        /// Task status as of this date (YYYY-MM-DD; default: today) in
        /// node-link and tasks, which carry the date.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Read a plain-text document (or every .txt in a folder) into corpus JSON.
    ///
    /// Formats: json (default), corpus (the same), text (an outline: one
    /// line per document and per clause, then the warnings).
    Extract {
        /// A text file, or a folder of them.
        file: PathBuf,
        /// Jurisdiction of the document when its text does not name the province (`thai-binh`).
        #[arg(long)]
        jurisdiction: Option<String>,
    },
    /// Propose implements links from a local plan's clauses to its parent's,
    /// by aligning their text.
    ///
    /// Formats: text (default), json; with --apply: corpus (default), json
    /// (the same).
    Align {
        /// The local plan (`56/KH-SYT`).
        local: String,
        /// The parent (`25-CT/TW`); may be the local plan itself (appendix rows → bullets).
        parent: String,
        /// Lowest score proposed, from 0 to 1.
        #[arg(long, default_value_t = DEFAULT_MIN_SCORE)]
        min_score: f64,
        /// Only local clauses under this path (`PL.` for the appendix rows).
        #[arg(long)]
        local_prefix: Option<String>,
        /// Only parent clauses under this path (`II.`).
        #[arg(long)]
        parent_prefix: Option<String>,
        /// Print the corpus with the proposals written in as inferred links.
        #[arg(long)]
        apply: bool,
    },
    /// Add documents to the data directory (--data): texts (.txt, .md) are
    /// extracted, corpus JSON (.json) is read, and each document is merged so
    /// that a document is one node: a citation fills what the known document
    /// lacks, a text replaces its cited-only placeholder under the same id.
    /// New documents get their own file named from the id (bare citations go
    /// to corpus/cited.json); a document held in full that differs is a
    /// conflict, kept and reported (exit 1) unless --replace.
    ///
    /// Formats: text (default), json.
    Add {
        /// Text or corpus JSON files, or folders of them (read one level deep).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Jurisdiction of the texts when they do not name the province
        /// (`thai-binh`); corpus JSON keeps its documents' own.
        #[arg(long)]
        jurisdiction: Option<String>,
        /// Print what would be done and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace a document held in full by the added one when they differ.
        #[arg(long)]
        replace: bool,
    },
    /// A Graphviz diagram: document lineage, the trace of one clause, or agencies and their tasks.
    ///
    /// Formats: dot (default).
    Dot {
        /// Which diagram.
        #[arg(long, value_enum, default_value_t = ViewArg::Documents)]
        view: ViewArg,
        /// Root of the clause trace (`25-CT/TW#4`); in the documents view, only
        /// the documents beneath it.
        #[arg(long)]
        root: Option<String>,
        /// Colour tasks by status as of this date (YYYY-MM-DD; default:
        /// today; the legend says it); --status filters on the same date.
        #[arg(long)]
        as_of: Option<String>,
        /// Only this jurisdiction (and those it took over).
        #[arg(long = "in")]
        jurisdiction: Option<String>,
        /// Only this agency (agency view).
        #[arg(long)]
        agency: Option<String>,
        /// Only tasks with this status, and what leads to them (repeat or
        /// separate with commas for several).
        #[arg(long, value_enum, value_delimiter = ',')]
        status: Vec<TaskStatus>,
        /// Only this many levels of implementation below the root (0: the root
        /// alone; 1: and what implements it directly). Trace and documents
        /// views.
        #[arg(long, value_name = "N")]
        depth: Option<usize>,
        /// Documents view: documents known only because another cites them.
        #[arg(long, value_enum, default_value_t = CitedOnly::Collapse)]
        cited_only: CitedOnly,
        /// Trace view: one table per document, or one node per clause.
        #[arg(long, value_enum, default_value_t = TraceLayout::Tables)]
        layout: TraceLayout,
    },
}

impl Command {
    /// The subcommand's name, for messages.
    fn name(&self) -> &'static str {
        match self {
            Command::Check { .. } => "check",
            Command::Trace { .. } => "trace",
            Command::Coverage { .. } => "coverage",
            Command::Compare { .. } => "compare",
            Command::Tasks { .. } => "tasks",
            Command::Search { .. } => "search",
            Command::Export { .. } => "export",
            Command::Extract { .. } => "extract",
            Command::Align { .. } => "align",
            Command::Dot { .. } => "dot",
            Command::Add { .. } => "add",
        }
    }

    /// The formats the command prints, its default first (the help of each
    /// command says the same).
    pub(crate) fn formats(&self) -> &'static [Format] {
        use Format::*;
        match self {
            Command::Check { .. } => &[Text, Json],
            Command::Trace { .. }
            | Command::Coverage { .. }
            | Command::Compare { .. }
            | Command::Tasks { .. }
            | Command::Search { .. } => &[Text, Json, Csv],
            Command::Export { table: None, .. } => &[Corpus, Json, NodeLink],
            Command::Export { table: Some(_), .. } => &[Json, Csv],
            Command::Extract { .. } => &[Json, Corpus, Text],
            Command::Align { apply: false, .. } => &[Text, Json],
            Command::Align { apply: true, .. } => &[Corpus, Json],
            Command::Dot { .. } => &[Dot],
            Command::Add { .. } => &[Text, Json],
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TableArg {
    /// One row per task: agencies, deadline, status.
    Tasks,
    /// One row per document: number, date, issuer, level, status.
    Documents,
}

/// The diagrams of `dot --view`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ViewArg {
    /// Documents clustered by level and jurisdiction, with their links.
    Documents,
    /// The trace of one clause (`--root`) down to local tasks.
    #[value(alias = "trace")]
    Clauses,
    /// Agencies and their tasks (lead solid, cooperating dashed).
    Agencies,
}

impl From<ViewArg> for DotView {
    fn from(v: ViewArg) -> DotView {
        match v {
            ViewArg::Documents => DotView::Documents,
            ViewArg::Clauses => DotView::Clauses,
            ViewArg::Agencies => DotView::Agencies,
        }
    }
}
