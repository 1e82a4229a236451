//! The command line's arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use directive_lineage::{DotView, Role, TaskStatus, DEFAULT_MIN_SCORE};

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
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub(crate) format: Format,
    /// Also follow implements links proposed by alignment (marked in output).
    #[arg(long, global = true)]
    pub(crate) with_inferred: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Json,
    Csv,
    /// networkx node-link JSON (`export` only).
    NodeLink,
    /// Corpus JSON (`export` only).
    Corpus,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Validate the data (or the given corpus files) and print every problem.
    Check {
        /// Corpus JSON files to check instead of the data directory's corpus.
        paths: Vec<PathBuf>,
    },
    /// Everything that traces to a document or clause (`25-CT/TW#4`).
    Trace {
        /// Document or clause, as people write it or as an id.
        reference: String,
        /// Trace up to the roots instead.
        #[arg(long)]
        up: bool,
    },
    /// For each clause of a central document, what implements it.
    Coverage {
        /// The central document (`25-CT/TW`).
        reference: String,
        /// Only implementing clauses of this jurisdiction (and those it took over).
        #[arg(long = "in")]
        jurisdiction: Option<String>,
    },
    /// Compare two jurisdictions on one central document.
    Compare {
        /// The central document.
        reference: String,
        /// First jurisdiction.
        first: String,
        /// Second jurisdiction.
        second: String,
    },
    /// Tasks with their agencies, deadlines and status.
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
        /// Status as of this date (YYYY-MM-DD).
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
    Search {
        /// Words to find (`y te co so`).
        query: String,
    },
    /// Export the corpus (`--format corpus`, the default), the graph as
    /// node-link JSON (`--format node-link`), or a table (`--table tasks|documents`
    /// with `--format json|csv`).
    Export {
        /// Export a flat table instead of the graph.
        #[arg(long, value_enum)]
        table: Option<TableArg>,
        /// Task status as of this date (YYYY-MM-DD) in node-link and tasks.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Read a plain-text document (or every .txt in a folder) into corpus JSON.
    Extract {
        /// A text file, or a folder of them.
        file: PathBuf,
        /// Jurisdiction of the document when its text does not name the province (`thai-binh`).
        #[arg(long)]
        jurisdiction: Option<String>,
    },
    /// Propose implements links from a local plan's clauses to its parent's,
    /// by aligning their text.
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
    /// A Graphviz diagram: document lineage, the trace of one clause, or agencies and their tasks.
    Dot {
        /// Which diagram.
        #[arg(long, default_value = "documents")]
        view: DotView,
        /// Root of the clause trace (`25-CT/TW#4`).
        #[arg(long)]
        root: Option<String>,
        /// Colour tasks by status as of this date (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<String>,
        /// Only this jurisdiction (agency view).
        #[arg(long = "in")]
        jurisdiction: Option<String>,
        /// Only this agency (agency view).
        #[arg(long)]
        agency: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TableArg {
    Tasks,
    Documents,
}
