//! Graphviz DOT views: document lineage, clause trace, agency assignments.
//!
//! dot-writer writes ids and quoted values as given, so every id goes
//! through [`quote_id`] and every label through [`escape`].

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use dot_writer::{Attributes, DotWriter, Scope};
use indexmap::{IndexMap, IndexSet};

use super::task_statuses;
use crate::corpus::{AgencyMatch, AgencyQuery};
use crate::error::{Error, Result};
use crate::graph::{Edge, LineageGraph, NodeRef};
use crate::model::date::Date;
use crate::model::deadline::TaskStatus;
use crate::model::{AgencyKind, Clause, DocStatus, Document, Level, Provenance, Relation, Role};
use crate::query::{QueryOptions, TraceHit, Via};

const FONT: &str = "Helvetica,Arial,sans-serif";
const DEFAULT_WRAP: usize = 32;
const DEFAULT_MAX_LABEL: usize = 160;

/// Options of the DOT views. Every view reads the options it needs and
/// ignores the others.
///
/// ```
/// use directive_lineage::{Date, DotOptions};
/// let opts = DotOptions::new()
///     .root("25-CT/TW#4")
///     .as_of("2025-08-01".parse::<Date>().unwrap())
///     .jurisdiction("quang-ninh")
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
        }
    }
}

impl DotOptions {
    /// Every document, curated and stated links only, task status as of the
    /// latest date of issue in the corpus, labels wrapped at 32 characters
    /// and cut at 160.
    pub fn new() -> DotOptions {
        DotOptions::default()
    }

    /// Colour tasks by their status as of this date (default: the latest
    /// date of issue in the corpus, so that output never depends on the
    /// clock).
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
    /// trace view, the chain from the root down to them).
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
    let name = match &d.number {
        Some(n) if n.number().is_some() => d.display_name(),
        _ => format!("{} (dự thảo)", d.kind.name()),
    };
    let mut lines = opts.lines(&name);
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

/// Document lineage: documents as boxes in a cluster per level and, inside
/// it, per jurisdiction; `implements` edges labelled with the date of the
/// implementing document, clause-level links summed per pair of documents;
/// `based-on` and `cites` edges lighter. The border shows how much of a
/// document the corpus holds (dashed: cited only).
///
/// Options read: root, jurisdiction, with_inferred, wrap, max_label.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, DotOptions, documents_dot};
/// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
/// let dot = documents_dot(&graph, &DotOptions::new())?;
/// assert!(dot.starts_with("digraph {"));
/// assert!(dot.contains("\"quang-ninh/2024/kh-ubnd/162\""));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn documents_dot(graph: &LineageGraph, opts: &DotOptions) -> Result<String> {
    let (clusters, links) = choose_documents(graph, opts)?;
    Ok(draw_documents(graph, opts, &clusters, &links))
}

/// The links of one kind from one document to another: a document-level
/// link, clause-level implements summed, or both.
#[derive(Default)]
struct DocLink {
    direct: bool,
    clauses: usize,
    inferred: usize,
    best: Option<f64>,
}

/// Links by (source document, target document, kind), in graph order.
type DocLinks<'g> = IndexMap<(&'g str, &'g str, &'static str), DocLink>;

/// Documents by level, then by jurisdiction, in graph order.
type Clusters<'g> = IndexMap<Level, IndexMap<&'g str, Vec<(&'g str, &'g Document)>>>;

/// What the document view shows: the documents beneath the root and in the
/// jurisdiction (with what they carry out or cite, when a jurisdiction is
/// set), and the links among them.
fn choose_documents<'g>(graph: &'g LineageGraph, opts: &DotOptions) -> Result<(Clusters<'g>, DocLinks<'g>)> {
    let family = opts.family(graph)?;
    let in_root = documents_beneath_root(graph, opts)?;
    let mut chosen: HashSet<&str> = HashSet::new();
    for (id, node) in graph.nodes() {
        if let NodeRef::Document(d) = node {
            let root_ok = in_root.as_ref().is_none_or(|s| s.contains(id));
            let juris_ok = family.as_ref().is_none_or(|f| f.contains(&d.jurisdiction));
            if root_ok && juris_ok {
                chosen.insert(id);
            }
        }
    }
    let mut links = document_links(graph, opts);
    // With a jurisdiction, also show what its documents carry out or cite.
    let mut shown: HashSet<&str> = chosen.clone();
    if family.is_some() {
        for &(s, t, _) in links.keys() {
            if chosen.contains(s) && in_root.as_ref().is_none_or(|r| r.contains(t)) {
                shown.insert(t);
            }
        }
    }
    links.retain(|&(s, t, _), _| shown.contains(s) && shown.contains(t));
    Ok((document_clusters(graph, &shown), links))
}

/// The ids of the documents a trace down from the root reaches, when a root
/// is set.
fn documents_beneath_root(graph: &LineageGraph, opts: &DotOptions) -> Result<Option<HashSet<String>>> {
    let Some(r) = &opts.root else { return Ok(None) };
    let t = graph.trace_down(r, &opts.query())?;
    Ok(Some(t.hits().filter_map(|h| h.node.document()).map(|d| d.id.to_string()).collect()))
}

/// Edges between documents, clause-level implements summed per pair.
fn document_links<'g>(graph: &'g LineageGraph, opts: &DotOptions) -> DocLinks<'g> {
    let mut links: DocLinks<'g> = IndexMap::new();
    for (s, t, e) in graph.edges() {
        if !opts.follows(e) {
            continue;
        }
        let (Some(sn), Some(tn)) = (graph.get(s), graph.get(t)) else { continue };
        let (Some(sd), Some(td)) = (sn.document(), tn.document()) else { continue };
        if sd.id == td.id {
            continue;
        }
        let kind = match e {
            Edge::Implements { .. } => "implements",
            Edge::Cites(Relation::BasedOn) => "based-on",
            Edge::Cites(_) => "cites",
            _ => continue,
        };
        let link = links.entry((sd.id.as_str(), td.id.as_str(), kind)).or_default();
        match (sn, e) {
            (NodeRef::Document(_), _) => link.direct = true,
            (_, Edge::Implements { provenance: Provenance::Inferred, score }) => {
                link.clauses += 1;
                link.inferred += 1;
                if let Some(sc) = *score {
                    link.best = Some(link.best.map_or(sc, |b| b.max(sc)));
                }
            }
            _ => link.clauses += 1,
        }
    }
    links
}

/// The `shown` documents by level, then jurisdiction, in graph order; every
/// level is listed, empty or not.
fn document_clusters<'g>(graph: &'g LineageGraph, shown: &HashSet<&str>) -> Clusters<'g> {
    let mut clusters: Clusters<'g> = IndexMap::new();
    for level in [Level::Central, Level::Province, Level::District, Level::Commune] {
        clusters.insert(level, IndexMap::new());
    }
    for (id, node) in graph.nodes() {
        if let NodeRef::Document(d) = node {
            if shown.contains(id) {
                clusters
                    .entry(d.level)
                    .or_default()
                    .entry(d.jurisdiction.as_str())
                    .or_default()
                    .push((id, d));
            }
        }
    }
    clusters
}

/// The document view's DOT text: the clusters, the links, the legend.
fn draw_documents(
    graph: &LineageGraph,
    opts: &DotOptions,
    clusters: &Clusters<'_>,
    links: &DocLinks<'_>,
) -> String {
    let mut title = "Document lineage".to_string();
    if let Some(r) = &opts.root {
        title.push_str(&format!(" beneath {r}"));
    }
    if let Some(j) = &opts.jurisdiction {
        title.push_str(&format!(" in {}", jurisdiction_name(graph, j)));
    }
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        let mut g = w.digraph();
        header(&mut g, &title, "TB");
        draw_clusters(&mut g, graph, opts, clusters);
        for ((s, t, kind), link) in links {
            draw_document_link(&mut g, graph, s, t, kind, link);
        }
        document_status_legend(&mut g);
    }
    finish(bytes)
}

/// A cluster per level holding a cluster per jurisdiction of its documents.
fn draw_clusters(g: &mut Scope<'_, '_>, graph: &LineageGraph, opts: &DotOptions, clusters: &Clusters<'_>) {
    for (level, by_j) in clusters {
        if by_j.is_empty() {
            continue;
        }
        let mut lc = g.cluster();
        lc.set_label(&escape(level_name(*level)));
        lc.set("style", "rounded", true);
        lc.set("color", "#9e9e9e", true);
        for (j, docs) in by_j {
            let mut jc = lc.cluster();
            jc.set_label(&escape(&jurisdiction_name(graph, j)));
            jc.set("style", "rounded,filled", true);
            jc.set("fillcolor", "#f5f8fc", true);
            jc.set("color", "#c8d3e0", true);
            for (id, d) in docs {
                doc_node(&mut jc, id, d, opts);
            }
        }
    }
}

/// One edge between documents, labelled with its kind and, for
/// `implements`, the clauses it sums and the implementing document's date.
fn draw_document_link(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    s: &str,
    t: &str,
    kind: &str,
    link: &DocLink,
) {
    let source_date = graph.get(s).and_then(|n| n.document()).and_then(|d| d.date);
    // Drawn from the higher document down so that rank follows
    // authority; `dir=back` keeps the arrow on the implemented one.
    let mut e = g.edge(quote_id(t), quote_id(s)).attributes();
    e.set("dir", "back", false);
    let mut text = vec![kind.to_string()];
    if kind == "implements" {
        if !link.direct {
            text.push(format!("{} clause{}", link.clauses, if link.clauses == 1 { "" } else { "s" }));
        }
        if let Some(day) = source_date {
            text.push(day.to_string());
        }
        if link.inferred > 0 && link.inferred == link.clauses && !link.direct {
            e.set("style", "dashed", true);
            if let Some(b) = link.best {
                text.push(format!("inferred {b:.2}"));
            }
        }
        e.set("color", "#1f4e79", true).set("penwidth", "1.4", false);
    } else {
        e.set("color", "#a0a0a0", true).set("fontcolor", "#808080", true);
        e.set("style", if kind == "based-on" { "dashed" } else { "dotted" }, true);
    }
    e.set_label(&label(text));
}

/// The legend of the document borders.
fn document_status_legend(g: &mut Scope<'_, '_>) {
    let mut legend = g.cluster();
    legend.set_label("Document status");
    legend.set("style", "rounded", true);
    legend.set("color", "#cccccc", true);
    let rows = [
        ("legend:full-text", "full text", "filled", "#ffffff"),
        ("legend:summary", "summary", "filled,rounded", "#eef3fb"),
        ("legend:draft", "draft", "filled,bold", "#fff4cc"),
        ("legend:cited-only", "cited only", "filled,dashed", "#f7f7f7"),
    ];
    for (id, text, style, fill) in rows {
        legend.node_named(quote_id(id)).set_label(&escape(text)).set("style", style, true).set(
            "fillcolor",
            fill,
            true,
        );
    }
    legend_chain(&mut legend, rows.iter().map(|r| r.0));
}

/// Invisible edges that stack legend entries in one column.
fn legend_chain<'a>(g: &mut Scope<'_, '_>, ids: impl Iterator<Item = &'a str>) {
    let ids: Vec<String> = ids.map(quote_id).collect();
    for pair in ids.windows(2) {
        g.edge(&pair[0], &pair[1]).attributes().set("style", "invis", false);
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

fn status_legend(g: &mut Scope<'_, '_>, as_of: Option<Date>, extra: &[(&str, &str)]) {
    let mut legend = g.cluster();
    let title = match as_of {
        Some(d) => format!("Task status as of {d}"),
        None => "Task status (no date in the corpus)".to_string(),
    };
    legend.set_label(&escape(&title));
    legend.set("style", "rounded", true);
    legend.set("color", "#cccccc", true);
    let mut ids = Vec::new();
    for s in TaskStatus::ALL {
        let id = format!("legend:{}", super::tag(&s));
        let (fill, font) = status_colors(Some(s));
        legend
            .node_named(quote_id(&id))
            .set_label(&escape(&s.to_string()))
            .set("style", "filled", true)
            .set("fillcolor", fill, true)
            .set("fontcolor", font, true);
        ids.push(id);
    }
    for (id, text) in extra {
        legend.node_named(quote_id(id)).set_label(&escape(text)).set("shape", "plaintext", false);
        ids.push(id.to_string());
    }
    legend_chain(&mut legend, ids.iter().map(String::as_str));
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

/// Root documents that something implements: where a trace without a root
/// starts.
fn default_roots(graph: &LineageGraph, q: &QueryOptions) -> Vec<String> {
    graph
        .roots()
        .into_iter()
        .map(|d| d.id.to_string())
        .filter(|id| graph.trace_down(id, q).is_ok_and(|t| t.hits().any(|h| h.via == Via::Implements)))
        .collect()
}

/// Clause trace: from the root clause or document down to local tasks, each
/// document's clauses in a cluster. Task nodes show the lead agencies and the
/// deadline and are coloured by status as of a date (legend included);
/// inferred links, when asked for, are dashed with their score.
///
/// Options read: root, as_of, with_inferred, jurisdiction, wrap, max_label.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, DotOptions, trace_dot};
/// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
/// let dot = trace_dot(&graph, &DotOptions::new().root("25-CT/TW#4"))?;
/// assert!(dot.contains("\"quang-ninh/2024/kh-ubnd/162#PL.12\""));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn trace_dot(graph: &LineageGraph, opts: &DotOptions) -> Result<String> {
    let included = trace_nodes(graph, opts)?;
    // Statuses of the drawn tasks only: the whole corpus's would make a
    // trace cost as much as the corpus, not the picture.
    let as_of = opts.as_of.or_else(|| graph.corpus().latest_date());
    let mut by_doc: IndexMap<&str, Vec<(&str, NodeRef<'_>)>> = IndexMap::new();
    for &id in &included {
        let Some(node) = graph.get(id) else { continue };
        let Some(d) = node.document() else { continue };
        by_doc.entry(d.id.as_str()).or_default().push((id, node));
    }

    let title = match &opts.root {
        Some(r) => format!("Trace of {r}"),
        None => "Trace of every implemented root".to_string(),
    };
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        let mut g = w.digraph();
        header(&mut g, &title, "TB");
        for (doc_id, nodes) in &by_doc {
            draw_trace_document(&mut g, graph, opts, doc_id, nodes, as_of);
        }
        for (s, t, e) in graph.edges_among(&included) {
            if opts.follows(e) {
                draw_trace_edge(&mut g, s, t, e);
            }
        }
        let extra: &[(&str, &str)] = if opts.with_inferred {
            &[("legend:inferred", "dashed edge: inferred link, label = score")]
        } else {
            &[]
        };
        status_legend(&mut g, as_of, extra);
    }
    Ok(finish(bytes))
}

/// The nodes the trace view draws, in trace order: everything beneath each
/// start (the root, or every implemented root document), within the
/// jurisdiction when one is set.
fn trace_nodes<'g>(graph: &'g LineageGraph, opts: &DotOptions) -> Result<IndexSet<&'g str>> {
    let q = opts.query();
    let family = opts.family(graph)?;
    let starts = match &opts.root {
        Some(r) => vec![r.clone()],
        None => default_roots(graph, &q),
    };
    let mut included: IndexSet<&str> = IndexSet::new();
    for s in &starts {
        let trace = graph.trace_down(s, &q)?;
        let hits: Vec<_> = trace.hits().collect();
        let keep = kept_hits(&hits, family.as_deref());
        included.extend(hits.iter().zip(&keep).filter(|(_, k)| **k).map(|(h, _)| h.id));
    }
    Ok(included)
}

/// Which hits of a trace are drawn: all of them, or within a jurisdiction
/// family the start, the hits in its documents and the chain from the start
/// to each, so that the picture stays connected.
fn kept_hits(hits: &[TraceHit<'_>], family: Option<&[String]>) -> Vec<bool> {
    let mut keep = vec![family.is_none(); hits.len()];
    if let Some(f) = family {
        keep[0] = true;
        for i in 0..hits.len() {
            if hits[i].node.document().is_some_and(|d| f.contains(&d.jurisdiction)) {
                let mut cur = Some(i);
                while let Some(c) = cur {
                    if keep[c] && c != i {
                        break;
                    }
                    keep[c] = true;
                    cur = hits[c].parent;
                }
            }
        }
    }
    keep
}

/// A document of the trace: a cluster of its traced nodes, tasks coloured
/// by their status on `as_of`.
fn draw_trace_document(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    opts: &DotOptions,
    doc_id: &str,
    nodes: &[(&str, NodeRef<'_>)],
    as_of: Option<Date>,
) {
    let Some(doc) = nodes.first().and_then(|(_, n)| n.document()) else { return };
    let mut c = g.cluster();
    let head = format!("{} · {}", doc.display_name(), jurisdiction_name(graph, &doc.jurisdiction));
    c.set_label(&label(opts.lines(&head)));
    c.set("style", "rounded,filled", true);
    c.set("fillcolor", "#fafafa", true);
    c.set("color", "#c8c8c8", true);
    c.set("tooltip", &escape(doc_id), true);
    for (id, node) in nodes {
        match node {
            NodeRef::Document(d) => doc_node(&mut c, id, d, opts),
            NodeRef::Clause(d, cl) => {
                let status = as_of.and_then(|day| graph.task_status(cl, day));
                clause_node(&mut c, id, d, cl, status, opts)
            }
            _ => {}
        }
    }
}

/// A contains edge (light, no arrow) or an implements edge (drawn from the
/// implemented node down; dashed with its score when inferred).
fn draw_trace_edge(g: &mut Scope<'_, '_>, s: &str, t: &str, e: &Edge) {
    match e {
        Edge::Contains => {
            g.edge(quote_id(s), quote_id(t)).attributes().set("color", "#b0b0b0", true).set(
                "arrowhead",
                "none",
                false,
            );
        }
        Edge::Implements { provenance, score } => {
            let mut a = g.edge(quote_id(t), quote_id(s)).attributes();
            a.set("dir", "back", false);
            if *provenance == Provenance::Inferred {
                a.set("style", "dashed", true).set("color", "#7f7f7f", true);
                if let Some(sc) = score {
                    a.set_label(&format!("{sc:.2}"));
                }
            } else {
                a.set("color", "#1f4e79", true).set("penwidth", "1.4", false);
            }
        }
        _ => {}
    }
}

/// Agency view: each agency points to its tasks, solid for lead, dashed for
/// cooperating; tasks grouped by document and coloured by status as of a
/// date. Agencies missing from the alias table are pink, groups (`UBND các
/// huyện, thị xã, thành phố`) have a double border.
///
/// Options read: jurisdiction, agency, as_of, wrap, max_label.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, DotOptions, agencies_dot};
/// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
/// let dot = agencies_dot(&graph, &DotOptions::new().jurisdiction("quang-ninh").agency("Sở Nội vụ"))?;
/// assert!(dot.contains("\"agency:quang-ninh/so-noi-vu\""));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn agencies_dot(graph: &LineageGraph, opts: &DotOptions) -> Result<String> {
    let assigns = chosen_assignments(graph, opts)?;
    let as_of = opts.as_of.or_else(|| graph.corpus().latest_date());
    let statuses = as_of.map(|d| task_statuses(graph, d)).unwrap_or_default();
    let agencies: IndexSet<&str> = assigns.iter().map(|a| a.1).collect();
    let mut tasks: IndexMap<&str, IndexSet<&str>> = IndexMap::new();
    for (s, _, _) in &assigns {
        if let Some(d) = graph.get(s).and_then(|n| n.document()) {
            tasks.entry(d.id.as_str()).or_default().insert(s);
        }
    }

    let mut title = "Agencies and their tasks".to_string();
    if let Some(a) = &opts.agency {
        title = format!("Tasks of {a}");
    }
    if let Some(j) = &opts.jurisdiction {
        title.push_str(&format!(" in {}", jurisdiction_name(graph, j)));
    }
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        let mut g = w.digraph();
        header(&mut g, &title, "LR");
        g.set("ranksep", "1.2", false);
        draw_agency_column(&mut g, graph, opts, &agencies);
        draw_task_clusters(&mut g, graph, opts, &tasks, &statuses);
        for (s, t, role) in &assigns {
            let mut a = g.edge(quote_id(t), quote_id(s)).attributes();
            match role {
                Role::Lead => a.set("penwidth", "1.5", false).set("color", "#1f4e79", true),
                Role::Cooperating => a.set("style", "dashed", true).set("color", "#7f7f7f", true),
            };
        }
        status_legend(
            &mut g,
            as_of,
            &[
                ("legend:roles", "solid: lead (chủ trì) · dashed: cooperating (phối hợp)"),
                ("legend:unknown", "pink agency: not in the alias table"),
            ],
        );
    }
    Ok(finish(bytes))
}

/// The assignments the agency view draws, as (task, agency, role): those in
/// the jurisdiction and to the agency, when set.
fn chosen_assignments<'g>(
    graph: &'g LineageGraph,
    opts: &DotOptions,
) -> Result<Vec<(&'g str, &'g str, Role)>> {
    let family = opts.family(graph)?;
    let mut query = opts.agency.as_deref().map(|q| AgencyQuery::new(graph.corpus(), q));
    let mut assigns: Vec<(&str, &str, Role)> = Vec::new();
    for (s, t, e) in graph.edges() {
        let Edge::Assigns { role, index } = e else { continue };
        let Some(NodeRef::Clause(d, c)) = graph.get(s) else { continue };
        if family.as_ref().is_some_and(|f| !f.contains(&d.jurisdiction)) {
            continue;
        }
        if let Some(q) = query.as_mut() {
            // The rule of `TaskFilter::agency`, without groups.
            let Some(a) = c.assignments.get(*index as usize) else { continue };
            if q.matches(&a.agency, &d.jurisdiction) != AgencyMatch::Same {
                continue;
            }
        }
        assigns.push((s, t, *role));
    }
    Ok(assigns)
}

/// The assigned tasks in a cluster per document, coloured by status.
fn draw_task_clusters(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    opts: &DotOptions,
    tasks: &IndexMap<&str, IndexSet<&str>>,
    statuses: &HashMap<String, TaskStatus>,
) {
    for (doc_id, ids) in tasks {
        let Some(doc) = graph.get(doc_id).and_then(|n| n.document()) else { continue };
        let mut c = g.cluster();
        c.set_label(&label(opts.lines(&doc.display_name())));
        c.set("style", "rounded", true);
        c.set("color", "#c8c8c8", true);
        for &id in ids {
            if let Some(NodeRef::Clause(d, cl)) = graph.get(id) {
                clause_node(&mut c, id, d, cl, statuses.get(id).copied(), opts);
            }
        }
    }
}

/// The agencies in one column, shaped by kind, pink when not in the alias
/// table.
fn draw_agency_column(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    opts: &DotOptions,
    agencies: &IndexSet<&str>,
) {
    let mut col = g.subgraph();
    col.set("rank", "same", false);
    for &id in agencies {
        let Some(NodeRef::Agency(a)) = graph.get(id) else { continue };
        let mut lines = opts.lines(&a.name);
        lines.extend(opts.lines(&format!("({})", jurisdiction_name(graph, &a.jurisdiction))));
        let mut n = col.node_named(quote_id(id));
        n.set_label(&label(lines)).set("tooltip", &escape(id), true);
        match a.kind {
            AgencyKind::Group => n.set("shape", "ellipse", false).set("peripheries", "2", false),
            AgencyKind::Office => n.set("shape", "octagon", false),
            _ => n.set("shape", "ellipse", false),
        };
        n.set("style", "filled", true).set("fillcolor", if a.known { "#e8f0fe" } else { "#fde8e8" }, true);
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
