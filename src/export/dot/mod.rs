//! Graphviz DOT views: document lineage, clause trace, agency assignments.
//!
//! dot-writer writes ids and quoted values as given, so every id goes
//! through [`quote_id`], every label through [`escape`] and every text of an
//! HTML-like label (the trace's document tables, the legends) through
//! [`html`].
//!
//! Pictures are meant to be read at 100 % zoom: the document view folds the
//! documents the corpus knows only from citations into one note per citing
//! document, the trace draws a document as one table whose tasks wrap into a
//! grid and lays the tables out left to right, wrapping a column that would
//! grow taller than the picture is wide; `depth` and `status` cut a national
//! trace down to what a person asked about.

mod agencies;
mod documents;
mod tables;
mod trace;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use dot_writer::{Attributes, Scope};

pub use agencies::agencies_dot;
pub use documents::documents_dot;
pub use trace::trace_dot;

use crate::error::{Error, Result};
use crate::graph::{Edge, LineageGraph};
use crate::model::date::Date;
use crate::model::deadline::TaskStatus;
use crate::model::{Clause, DocStatus, Document, Level, Provenance, Role};
use crate::query::QueryOptions;

const FONT: &str = "Helvetica,Arial,sans-serif";
const DEFAULT_WRAP: usize = 32;
const DEFAULT_MAX_LABEL: usize = 160;

/// Options of the DOT views. Every view reads the options it needs and
/// ignores the others.
///
/// ```
/// use directive_lineage::{CitedOnly, Date, DotOptions, TaskStatus};
/// let opts = DotOptions::new()
///     .root("25-CT/TW#4")
///     .as_of("2025-08-01".parse::<Date>().unwrap())
///     .jurisdiction("quang-ninh")
///     .status(TaskStatus::Overdue)
///     .depth(1)
///     .cited_only(CitedOnly::Show)
///     .wrap(28);
/// # let _ = opts;
/// ```
#[derive(Clone, Debug)]
pub struct DotOptions {
    as_of: Option<Date>,
    with_inferred: bool,
    root: Option<String>,
    jurisdiction: Option<String>,
    agency: Option<String>,
    wrap: usize,
    max_label: usize,
    cited_only: CitedOnly,
    depth: Option<usize>,
    statuses: Vec<TaskStatus>,
    layout: TraceLayout,
}

impl Default for DotOptions {
    fn default() -> DotOptions {
        DotOptions {
            as_of: None,
            with_inferred: false,
            root: None,
            jurisdiction: None,
            agency: None,
            wrap: DEFAULT_WRAP,
            max_label: DEFAULT_MAX_LABEL,
            cited_only: CitedOnly::default(),
            depth: None,
            statuses: Vec::new(),
            layout: TraceLayout::default(),
        }
    }
}

impl DotOptions {
    /// Every document, curated and stated links only, task status as of the
    /// latest date of issue in the corpus, labels wrapped at 32 characters
    /// and cut at 160, cited-only documents collapsed, the trace drawn as
    /// one table per document, no depth limit, tasks of every status.
    pub fn new() -> DotOptions {
        DotOptions::default()
    }

    /// Colour tasks by their status as of this date (default: the latest
    /// date of issue in the corpus, so that output never depends on the
    /// clock; the command line passes today's date). The legend says the
    /// date; [`DotOptions::status`] filters by the status on this date too.
    pub fn as_of(mut self, day: Date) -> DotOptions {
        self.as_of = Some(day);
        self
    }

    /// Also draw links proposed by alignment (provenance `inferred`),
    /// dashed, labelled with their score.
    pub fn with_inferred(mut self, yes: bool) -> DotOptions {
        self.with_inferred = yes;
        self
    }

    /// The document or clause the clause trace starts from, written as
    /// people write it (`25-CT/TW#4`) or as an id. The document view then
    /// shows only the documents of that trace. Without a root the trace
    /// starts from every root document that something implements.
    pub fn root(mut self, reference: &str) -> DotOptions {
        self.root = Some(reference.to_string());
        self
    }

    /// Only documents and tasks of this jurisdiction and those it took over
    /// (plus, in the document view, what they implement or cite, and in the
    /// trace view, the chain from the root down to them). It is written as
    /// people write it (`Quảng Ninh`, `quangninh`); an unknown one is an
    /// error naming the closest ids.
    pub fn jurisdiction(mut self, id: &str) -> DotOptions {
        self.jurisdiction = Some(id.to_string());
        self
    }

    /// Agency view: only this agency's assignments, named as people name it
    /// (aliases and tone-mark variants match, as in
    /// [`TaskFilter::agency`](crate::TaskFilter::agency)).
    pub fn agency(mut self, name: &str) -> DotOptions {
        self.agency = Some(name.to_string());
        self
    }

    /// Wrap labels at this many characters (at least 8), on spaces.
    pub fn wrap(mut self, width: usize) -> DotOptions {
        self.wrap = width.max(8);
        self
    }

    /// Cut a text in a label after this many characters (at least the wrap
    /// width), at a word boundary, with `…`.
    pub fn max_label(mut self, chars: usize) -> DotOptions {
        self.max_label = chars;
        self
    }

    /// Document view: what to do with documents the corpus knows only
    /// because another cites them ([`DocStatus::CitedOnly`]). By default
    /// ([`CitedOnly::Collapse`]) those that only cite or base links reach
    /// become one note per citing document listing their numbers; cited-only
    /// documents on an implements chain (`25-CT/TW` in the bundled data) are
    /// always drawn, since the lineage runs through them.
    pub fn cited_only(mut self, how: CitedOnly) -> DotOptions {
        self.cited_only = how;
        self
    }

    /// Only this many levels of implementation below the root: 0 draws the
    /// root alone (with its clauses), 1 adds what implements it directly
    /// (with their clauses and tasks), and so on. Levels count implements
    /// links, not the sections a clause sits in. In the trace view a
    /// document whose implementers are cut off says how many documents lie
    /// below; in the document view, the levels count from the root or,
    /// without one, from every document that implements nothing.
    pub fn depth(mut self, levels: usize) -> DotOptions {
        self.depth = Some(levels);
        self
    }

    /// Only tasks with this status as of the [`as_of`](DotOptions::as_of)
    /// date; call again to add another status. The trace keeps the chain from
    /// the root down to each such task, the document view the documents
    /// holding one and what they implement, the agency view the agencies
    /// assigned one.
    pub fn status(mut self, status: TaskStatus) -> DotOptions {
        if let Err(i) = self.statuses.binary_search(&status) {
            self.statuses.insert(i, status);
        }
        self
    }

    /// Trace view: one table per document (the default) or one node per
    /// clause.
    pub fn layout(mut self, layout: TraceLayout) -> DotOptions {
        self.layout = layout;
        self
    }

    /// The jurisdiction set and those merged into it
    /// ([`LineageGraph::jurisdiction_family`]); an unknown one is an error.
    fn family(&self, graph: &LineageGraph) -> Result<Option<Vec<String>>> {
        self.jurisdiction.as_deref().map(|j| graph.known_jurisdiction_family(j)).transpose()
    }

    fn query(&self) -> QueryOptions {
        QueryOptions::new().with_inferred(self.with_inferred)
    }

    fn lines(&self, text: &str) -> Vec<String> {
        wrap(text, self.wrap, self.max_label.max(self.wrap))
    }

    fn follows(&self, e: &Edge) -> bool {
        match e {
            Edge::Implements { provenance: Provenance::Inferred, .. } => self.with_inferred,
            _ => true,
        }
    }

    /// The date statuses are taken on: the option, else the latest date of
    /// issue in the corpus.
    fn day(&self, graph: &LineageGraph) -> Option<Date> {
        self.as_of.or_else(|| graph.corpus().latest_date())
    }

    /// True when no status is asked for or `status` is one of those asked.
    fn wants(&self, status: Option<TaskStatus>) -> bool {
        self.statuses.is_empty() || status.is_some_and(|s| self.statuses.contains(&s))
    }

    /// What a title adds for the jurisdiction and the filters: ` in Quảng
    /// Ninh · depth 1 · overdue`.
    fn scope_note(&self, graph: &LineageGraph) -> String {
        let mut note = match &self.jurisdiction {
            Some(j) => {
                let id = graph.corpus().resolve_jurisdiction(j).unwrap_or_else(|_| j.clone());
                format!(" in {}", jurisdiction_name(graph, &id))
            }
            None => String::new(),
        };
        note.push_str(&self.filter_note(self.day(graph)));
        note
    }

    /// What the filters keep, for a title: ` · depth 1 · overdue tasks as
    /// of 2025-08-01` (a status filter says the date it is taken on).
    fn filter_note(&self, day: Option<Date>) -> String {
        let mut note = String::new();
        if let Some(d) = self.depth {
            note.push_str(&format!(" · depth {d}"));
        }
        if !self.statuses.is_empty() {
            let names: Vec<String> = self.statuses.iter().map(|s| s.to_string()).collect();
            note.push_str(&format!(" · {} tasks", names.join(" or ")));
            if let Some(d) = day {
                note.push_str(&format!(" as of {d}"));
            }
        }
        note
    }
}

/// What the document view does with documents known only from citations
/// ([`DotOptions::cited_only`]).
///
/// ```
/// use directive_lineage::CitedOnly;
/// assert_eq!("hide".parse::<CitedOnly>().unwrap(), CitedOnly::Hide);
/// assert_eq!(CitedOnly::default().to_string(), "collapse");
/// assert!("fold".parse::<CitedOnly>().unwrap_err().to_string().contains("show, collapse or hide"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum CitedOnly {
    /// Draw each as a box of its own (dashed border).
    Show,
    /// One note per citing document lists them (the default).
    #[default]
    Collapse,
    /// Leave them out; the legend counts them.
    Hide,
}

impl fmt::Display for CitedOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CitedOnly::Show => "show",
            CitedOnly::Collapse => "collapse",
            CitedOnly::Hide => "hide",
        })
    }
}

impl FromStr for CitedOnly {
    type Err = Error;

    /// `show`, `collapse`, `hide`.
    fn from_str(s: &str) -> Result<CitedOnly> {
        match s.trim() {
            "show" => Ok(CitedOnly::Show),
            "collapse" => Ok(CitedOnly::Collapse),
            "hide" => Ok(CitedOnly::Hide),
            _ => Err(Error::parse("cited-only handling (show, collapse or hide)", s)),
        }
    }
}

/// How the trace view draws a document's clauses ([`DotOptions::layout`]).
///
/// ```
/// use directive_lineage::TraceLayout;
/// assert_eq!("nodes".parse::<TraceLayout>().unwrap(), TraceLayout::Nodes);
/// assert_eq!(TraceLayout::default().to_string(), "tables");
/// assert!("grid".parse::<TraceLayout>().is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[non_exhaustive]
pub enum TraceLayout {
    /// One table per document: sections as rows, tasks as cells coloured by
    /// status in a grid; tables left to right by level of implementation
    /// (the default; stays readable with hundreds of tasks).
    #[default]
    Tables,
    /// One node per clause in a cluster per document, top to bottom, every
    /// link drawn (small traces).
    Nodes,
}

impl fmt::Display for TraceLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TraceLayout::Tables => "tables",
            TraceLayout::Nodes => "nodes",
        })
    }
}

impl FromStr for TraceLayout {
    type Err = Error;

    /// `tables`, `nodes`.
    fn from_str(s: &str) -> Result<TraceLayout> {
        match s.trim() {
            "tables" => Ok(TraceLayout::Tables),
            "nodes" => Ok(TraceLayout::Nodes),
            _ => Err(Error::parse("trace layout (tables or nodes)", s)),
        }
    }
}

/// The three DOT views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DotView {
    /// Documents clustered by level and jurisdiction ([`documents_dot`]).
    Documents,
    /// One clause or document traced down to local tasks ([`trace_dot`]).
    Clauses,
    /// Agencies and their tasks ([`agencies_dot`]).
    Agencies,
}

impl DotView {
    /// The views in the order [`write_views`] writes them.
    pub const ALL: [DotView; 3] = [DotView::Documents, DotView::Clauses, DotView::Agencies];

    /// File name without extension: `documents`, `trace`, `agencies`.
    pub fn file_stem(self) -> &'static str {
        match self {
            DotView::Documents => "documents",
            DotView::Clauses => "trace",
            DotView::Agencies => "agencies",
        }
    }
}

impl fmt::Display for DotView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DotView::Documents => "documents",
            DotView::Clauses => "clauses",
            DotView::Agencies => "agencies",
        })
    }
}

impl FromStr for DotView {
    type Err = Error;

    /// `documents`, `clauses` (or `trace`), `agencies`.
    ///
    /// ```
    /// use directive_lineage::DotView;
    /// assert_eq!("trace".parse::<DotView>().unwrap(), DotView::Clauses);
    /// assert!("pictures".parse::<DotView>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<DotView> {
        match s.trim() {
            "documents" => Ok(DotView::Documents),
            "clauses" | "trace" => Ok(DotView::Clauses),
            "agencies" => Ok(DotView::Agencies),
            _ => Err(Error::parse("view (documents, clauses or agencies)", s)),
        }
    }
}

/// The DOT text of one view.
pub fn view_dot(graph: &LineageGraph, view: DotView, opts: &DotOptions) -> Result<String> {
    match view {
        DotView::Documents => documents_dot(graph, opts),
        DotView::Clauses => trace_dot(graph, opts),
        DotView::Agencies => agencies_dot(graph, opts),
    }
}

/// Writes `documents.dot`, `trace.dot` and `agencies.dot` into `dir`
/// (created if missing) and, when Graphviz's `dot` is on the `PATH`, the SVG
/// of each. Returns the paths written, DOT files first. The root option
/// applies to the trace only: the document and agency views show the whole
/// corpus.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, DotOptions, write_views};
/// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
/// let dir = std::env::temp_dir().join(format!("lineage-views-doc-{}", std::process::id()));
/// let written = write_views(&graph, &dir, &DotOptions::new().root("25-CT/TW#4"))?;
/// assert!(written[..3].iter().map(|p| p.file_name().unwrap()).eq(["documents.dot", "trace.dot", "agencies.dot"]));
/// for path in &written {
///     println!("{}", path.display());
/// }
/// # std::fs::remove_dir_all(&dir).unwrap();
/// # Ok::<(), directive_lineage::Error>(())
/// ```
///
/// A `dot` that is missing is not an error; a `dot` that fails is.
pub fn write_views(graph: &LineageGraph, dir: impl AsRef<Path>, opts: &DotOptions) -> Result<Vec<PathBuf>> {
    let dir = dir.as_ref();
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    // The root picks what the trace shows; the other two views show the
    // whole corpus (within the jurisdiction, if one is set).
    let unrooted = DotOptions { root: None, ..opts.clone() };
    for view in DotView::ALL {
        let text = view_dot(graph, view, if view == DotView::Clauses { opts } else { &unrooted })?;
        let path = dir.join(format!("{}.dot", view.file_stem()));
        fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(path);
    }
    for i in 0..written.len() {
        let dot = written[i].clone();
        let svg = dot.with_extension("svg");
        match Command::new("dot").arg("-Tsvg").arg("-o").arg(&svg).arg(&dot).output() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(Error::io(&svg, e)),
            Ok(out) if !out.status.success() => {
                let msg = String::from_utf8_lossy(&out.stderr);
                return Err(Error::io(&dot, io::Error::other(format!("dot -Tsvg failed: {}", msg.trim()))));
            }
            Ok(_) => written.push(svg),
        }
    }
    Ok(written)
}

/// Escapes text for a double-quoted DOT string used as a label: `\` and `"`
/// are backslash-escaped, line breaks become `\n`, `&` becomes `&amp;`
/// (Graphviz decodes HTML entities in labels), other control characters
/// become spaces. The result is safe between `"` whatever the input.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an HTML-like label: `&`, `<`, `>` and `"` become
/// entities, `\` is doubled (Graphviz still reads `\N` and the like in
/// HTML-like text), line breaks and other control characters become spaces,
/// and the two characters XML forbids (U+FFFE, U+FFFF) `?`. The result is
/// safe inside a `<TD>` or an attribute value whatever the input.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{fffe}' | '\u{ffff}' => out.push('?'),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A node id, quoted. Graphviz reads ids without unescaping `\\` (so an id
/// cannot end in a backslash) and may decode entities: characters other than
/// letters, digits and `/#:.-_@+~` are percent-encoded. Graph ids never
/// contain such characters; this keeps hostile data from breaking the file.
pub(crate) fn quote_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    out.push('"');
    for c in id.chars() {
        if c.is_alphanumeric() || "/#:.-_@+~".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out.push('"');
    out
}

/// Splits text into lines of at most `width` characters on white space
/// (a longer word is cut), keeping at most about `max` characters and
/// marking a cut with `…`.
pub(crate) fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let chars: Vec<char> = w.chars().collect();
        for chunk in chars.chunks(width.max(1)) {
            pieces.push(chunk.iter().collect());
        }
    }
    let mut kept: Vec<String> = Vec::new();
    let mut total = 0;
    let mut cut = false;
    for p in pieces {
        let n = p.chars().count() + usize::from(!kept.is_empty());
        if total + n > max && !kept.is_empty() {
            cut = true;
            break;
        }
        total += n;
        kept.push(p);
    }
    if cut {
        if let Some(last) = kept.last_mut() {
            last.push('…');
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for p in kept {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + p.chars().count() <= width => {
                l.push(' ');
                l.push_str(&p);
            }
            _ => lines.push(p),
        }
    }
    lines
}

/// Joins lines into an escaped label.
fn label<I: IntoIterator<Item = String>>(lines: I) -> String {
    lines.into_iter().map(|l| escape(&l)).collect::<Vec<_>>().join("\\n")
}

fn finish(bytes: Vec<u8>) -> String {
    // Everything written came from `&str`, so this never replaces anything.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn header(g: &mut Scope<'_, '_>, title: &str, rankdir: &str) {
    g.set("rankdir", rankdir, false);
    g.set("fontname", FONT, true);
    g.set("labelloc", "t", false);
    g.set_label(&escape(title));
    g.set("newrank", "true", false);
    g.node_attributes().set("fontname", FONT, true).set("fontsize", "10", false).set("shape", "box", false);
    g.edge_attributes().set("fontname", FONT, true).set("fontsize", "9", false);
}

/// `162/KH-UBND`, or the kind and `dự thảo` for a draft.
fn short_name(d: &Document) -> String {
    match &d.number {
        Some(n) if n.number().is_some() => n.to_string(),
        _ => format!("{} (dự thảo)", d.kind.name()),
    }
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Central => "Central (Trung ương)",
        Level::Province => "Province (Tỉnh)",
        Level::District => "District (Huyện)",
        Level::Commune => "Commune (Xã)",
    }
}

fn jurisdiction_name(graph: &LineageGraph, id: &str) -> String {
    match graph.corpus().jurisdiction(id) {
        Some(j) => match &j.successor {
            Some(s) => {
                let succ = graph.corpus().jurisdiction(s).map_or(s.as_str(), |x| x.name.as_str());
                format!("{} (now {succ})", j.name)
            }
            None => j.name.clone(),
        },
        None => id.to_string(),
    }
}

fn doc_node(g: &mut Scope<'_, '_>, id: &str, d: &Document, opts: &DotOptions) {
    let mut lines = opts.lines(&display_name(d));
    let issued = match d.date {
        Some(day) => format!("{}, {day}", d.issuer),
        None => d.issuer.clone(),
    };
    lines.extend(opts.lines(&issued));
    lines.extend(opts.lines(&d.title));
    let (tag, style, fill) = match d.status {
        DocStatus::FullText => (None, "filled", "#ffffff"),
        DocStatus::Summary => (Some("[summary]"), "filled,rounded", "#eef3fb"),
        DocStatus::Draft => (Some("[draft]"), "filled,bold", "#fff4cc"),
        DocStatus::CitedOnly => (Some("[cited only]"), "filled,dashed", "#f7f7f7"),
    };
    lines.extend(tag.map(str::to_string));
    let mut n = g.node_named(quote_id(id));
    n.set_label(&label(lines)).set("style", style, true).set("fillcolor", fill, true).set(
        "tooltip",
        &escape(id),
        true,
    );
    if d.status == DocStatus::CitedOnly {
        n.set("fontcolor", "#555555", true);
    }
}

/// The links of one kind from one document to another: a document-level
/// link, clause-level links summed, or both.
#[derive(Default)]
struct DocLink {
    direct: bool,
    clauses: usize,
    inferred: usize,
    best: Option<f64>,
}

impl DocLink {
    /// Counts one edge, from the document itself or from one of its clauses.
    fn add(&mut self, from_document: bool, e: &Edge) {
        if from_document {
            self.direct = true;
            return;
        }
        self.clauses += 1;
        if let Edge::Implements { provenance: Provenance::Inferred, score } = e {
            self.inferred += 1;
            if let Some(sc) = *score {
                self.best = Some(self.best.map_or(sc, |b| b.max(sc)));
            }
        }
    }

    /// True when every link summed is an inferred clause-level one.
    fn all_inferred(&self) -> bool {
        self.inferred > 0 && self.inferred == self.clauses && !self.direct
    }
}

/// `Kế hoạch 162/KH-UBND`, or the kind and `dự thảo` for a draft.
fn display_name(d: &Document) -> String {
    match &d.number {
        Some(n) if n.number().is_some() => d.display_name(),
        _ => format!("{} (dự thảo)", d.kind.name()),
    }
}

fn status_colors(s: Option<TaskStatus>) -> (&'static str, &'static str) {
    match s {
        Some(TaskStatus::DoneOnTime) => ("#a6d96a", "#000000"),
        Some(TaskStatus::DoneLate) => ("#fdae61", "#000000"),
        Some(TaskStatus::Open) => ("#abd9e9", "#000000"),
        Some(TaskStatus::Overdue) => ("#d7191c", "#ffffff"),
        Some(TaskStatus::Ongoing) => ("#d9d2ec", "#000000"),
        Some(TaskStatus::NoDeadline) | None => ("#eeeeee", "#000000"),
    }
}

/// The task colours and `extra` notes as one table node (`legend:status`),
/// so that the legend takes one place whatever the direction of the ranks.
fn status_legend(g: &mut Scope<'_, '_>, as_of: Option<Date>, extra: &[&str]) {
    let title = match as_of {
        Some(d) => format!("Task status as of {d}"),
        None => "Task status (no date in the corpus)".to_string(),
    };
    let mut rows = format!("<TR><TD><B>{}</B></TD></TR>", html(&title));
    for s in TaskStatus::ALL {
        let (fill, font) = status_colors(Some(s));
        rows.push_str(&format!(
            "<TR><TD BGCOLOR=\"{fill}\"><FONT COLOR=\"{font}\">{}</FONT></TD></TR>",
            html(&s.to_string())
        ));
    }
    for text in extra {
        rows.push_str(&format!("<TR><TD BORDER=\"0\">{}</TD></TR>", html(text)));
    }
    let table = format!(
        "<<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"4\" CELLPADDING=\"4\" \
         COLOR=\"#cccccc\" STYLE=\"rounded\">{rows}</TABLE>>"
    );
    g.node_named(quote_id("legend:status")).set("shape", "plain", false).set("label", &table, false);
}

fn clause_lines(d: &Document, c: &Clause, opts: &DotOptions) -> Vec<String> {
    let mut lines = opts.lines(&format!("{} {}", short_name(d), c.path));
    lines.extend(opts.lines(c.label()));
    let leads = c.agencies(Role::Lead).collect::<Vec<_>>();
    if !leads.is_empty() {
        lines.extend(opts.lines(&format!("lead: {}", leads.join("; "))));
    }
    if let Some(dl) = &c.deadline {
        let due = dl.due().map(|d| format!(" ({d})")).unwrap_or_default();
        lines.extend(opts.lines(&format!("deadline: {}{due}", dl.text())));
    }
    lines
}

fn clause_node(
    g: &mut Scope<'_, '_>,
    id: &str,
    d: &Document,
    c: &Clause,
    status: Option<TaskStatus>,
    opts: &DotOptions,
) {
    let mut n = g.node_named(quote_id(id));
    n.set_label(&label(clause_lines(d, c, opts))).set("tooltip", &escape(id), true);
    // Reconstructed clauses (rebuilt from the plans that copy them) dashed.
    let dashed = if c.provenance == Provenance::Reconstructed { ",dashed" } else { "" };
    if c.is_task() {
        let (fill, font) = status_colors(status);
        n.set("style", &format!("filled{dashed}"), true).set("fillcolor", fill, true).set(
            "fontcolor",
            font,
            true,
        );
    } else {
        n.set("style", &format!("rounded{dashed}"), true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        let rows = [
            ("plain", "plain"),
            (r"back\slash", r"back\\slash"),
            (r"trailing\", r"trailing\\"),
            ("say \"hi\"", "say \\\"hi\\\""),
            ("two\nlines", "two\\nlines"),
            ("crlf\r\nend", "crlf\\nend"),
            ("cr\rend", "cr\\nend"),
            ("tab\there", "tab here"),
            ("a & b &amp;", "a &amp; b &amp;amp;"),
            ("<b>{x}|y;--z", "<b>{x}|y;--z"),
            (r"\N \G \l", r"\\N \\G \\l"),
            ("Sở Y tế", "Sở Y tế"),
        ];
        for (input, want) in rows {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }

    #[test]
    fn html_table() {
        let rows = [
            ("plain Sở Y tế", "plain Sở Y tế"),
            ("a & b", "a &amp; b"),
            ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
            ("say \"hi\"", "say &quot;hi&quot;"),
            (r"\N tail\", r"\\N tail\\"),
            ("two\nlines\ttab", "two lines tab"),
            ("bad \u{fffe}\u{ffff}", "bad ??"),
        ];
        for (input, want) in rows {
            assert_eq!(html(input), want, "{input:?}");
        }
    }

    #[test]
    fn quote_id_table() {
        let rows = [
            ("vn/2023/ct-tw/25#4", "\"vn/2023/ct-tw/25#4\""),
            ("agency:quang-ninh/so-y-te", "\"agency:quang-ninh/so-y-te\""),
            ("dak-lak/2024/kh-syt/1#III.2.đ", "\"dak-lak/2024/kh-syt/1#III.2.đ\""),
            ("a\"b\\c", "\"a%22b%5Cc\""),
            ("x y&z\n", "\"x%20y%26z%0A\""),
        ];
        for (input, want) in rows {
            assert_eq!(quote_id(input), want, "{input:?}");
        }
    }

    #[test]
    fn wrap_on_spaces_and_cut() {
        assert_eq!(
            wrap("Nâng cao nhận thức về y tế cơ sở", 12, 100),
            ["Nâng cao", "nhận thức về", "y tế cơ sở"]
        );
        assert_eq!(wrap("  a\n b  ", 10, 100), ["a b"]);
        assert_eq!(wrap("", 10, 100), Vec::<String>::new());
        assert_eq!(wrap("một hai ba bốn năm sáu", 40, 10), ["một hai ba…"]);
        assert_eq!(wrap("abcdefghij", 4, 100), ["abcd", "efgh", "ij"]);
    }
}
