//! The document view: documents in clusters by level and jurisdiction with
//! the links among them, cited-only documents folded into notes.

use std::collections::{HashMap, HashSet};

use dot_writer::{Attributes, DotWriter, Scope};
use indexmap::{IndexMap, IndexSet};

use super::{
    doc_node, escape, finish, header, html, jurisdiction_name, label, level_name, quote_id, short_name,
    trace, CitedOnly, DocLink, DotOptions,
};
use crate::error::Result;
use crate::export::task_statuses;
use crate::graph::{Edge, LineageGraph, NodeRef};
use crate::model::{DocStatus, Document, Level, Relation};

/// Document lineage: documents as boxes in a cluster per level and, inside
/// it, per jurisdiction; `implements` edges labelled with the date of the
/// implementing document, clause-level links summed per pair of documents;
/// `based-on` and `cites` edges lighter. The border shows how much of a
/// document the corpus holds (dashed: cited only). Cited-only documents that
/// only citations reach are folded into one note per citing document unless
/// [`DotOptions::cited_only`] says otherwise.
///
/// Options read: root, jurisdiction, depth, status (with as_of),
/// cited_only, with_inferred, wrap, max_label.
///
/// ```
/// # use directive_lineage::{CitedOnly, Corpus, LineageGraph, DotOptions, documents_dot};
/// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
/// let dot = documents_dot(&graph, &DotOptions::new())?;
/// assert!(dot.starts_with("digraph {"));
/// assert!(dot.contains("\"quang-ninh/2024/kh-ubnd/162\""));
/// // 33/2015/TT-BYT is only cited: listed in the note of the plan citing it.
/// assert!(!dot.contains("\"vn/2015/tt-byt/33\""));
/// assert!(dot.contains("\"cited-only:quang-ninh/2024/kh-ubnd/162\""));
/// let all = documents_dot(&graph, &DotOptions::new().cited_only(CitedOnly::Show))?;
/// assert!(all.contains("\"vn/2015/tt-byt/33\""));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn documents_dot(graph: &LineageGraph, opts: &DotOptions) -> Result<String> {
    let pick = choose_documents(graph, opts)?;
    Ok(draw_documents(graph, opts, &pick))
}

/// Links by (source document, target document, kind), in graph order.
type DocLinks<'g> = IndexMap<(&'g str, &'g str, &'static str), DocLink>;

/// Documents by level, then by jurisdiction, in graph order.
type Clusters<'g> = IndexMap<Level, IndexMap<&'g str, Vec<(&'g str, &'g Document)>>>;

/// Cited-only documents folded into a note, by the drawn document citing
/// them, with the kind of link.
type Notes<'g> = IndexMap<&'g str, Vec<(&'static str, &'g Document)>>;

/// What the document view draws.
struct DocPick<'g> {
    clusters: Clusters<'g>,
    links: DocLinks<'g>,
    notes: Notes<'g>,
    /// How many cited-only documents are not drawn as boxes.
    folded: usize,
}

/// What the document view shows: the documents beneath the root, within the
/// depth, in the jurisdiction (with what they carry out or cite) and holding
/// a task of the asked status (with what they implement), and the links
/// among them; cited-only documents off the implements chains folded.
fn choose_documents<'g>(graph: &'g LineageGraph, opts: &DotOptions) -> Result<DocPick<'g>> {
    let family = opts.family(graph)?;
    let levels = document_levels(graph, opts)?;
    let mut links = document_links(graph, opts);
    let mut chosen: HashSet<&str> = HashSet::new();
    for (id, node) in graph.nodes() {
        if let NodeRef::Document(d) = node {
            let level = levels.as_ref().map_or(Some(0), |l| l.get(id).copied());
            let level_ok = level.is_some_and(|n| opts.depth.is_none_or(|depth| n <= depth));
            let juris_ok = family.as_ref().is_none_or(|f| f.contains(&d.jurisdiction));
            if level_ok && juris_ok {
                chosen.insert(id);
            }
        }
    }
    if !opts.statuses.is_empty() {
        chosen = with_status(graph, opts, &links, &chosen);
    }
    // With a jurisdiction, also show what its documents carry out or cite.
    let mut shown: HashSet<&str> = chosen.clone();
    if family.is_some() {
        for &(s, t, _) in links.keys() {
            if chosen.contains(s) && levels.as_ref().is_none_or(|l| l.contains_key(t)) {
                shown.insert(t);
            }
        }
    }
    links.retain(|&(s, t, _), _| shown.contains(s) && shown.contains(t));
    let root = opts.root.as_deref().map(|r| graph.resolve(r)).transpose()?.map(|r| r.doc().to_string());
    let (notes, folded) = fold_cited_only(graph, opts, &mut shown, &mut links, root.as_deref());
    Ok(DocPick { clusters: document_clusters(graph, &shown), links, notes, folded })
}

/// Levels of implementation of each document below the root or, without
/// one, below the documents that implement nothing: `None` when neither a
/// root nor a depth is set (every document is in).
fn document_levels<'g>(
    graph: &'g LineageGraph,
    opts: &DotOptions,
) -> Result<Option<HashMap<&'g str, usize>>> {
    if opts.root.is_none() && opts.depth.is_none() {
        return Ok(None);
    }
    let starts: Vec<String> = match &opts.root {
        Some(r) => vec![r.clone()],
        None => graph.roots().iter().map(|d| d.id.to_string()).collect(),
    };
    let mut out: HashMap<&str, usize> = HashMap::new();
    for s in &starts {
        let t = graph.trace_down(s, &opts.query())?;
        let hits: Vec<_> = t.hits().collect();
        for (h, level) in hits.iter().zip(trace::levels(&hits)) {
            if let Some(d) = h.node.document() {
                let e = out.entry(d.id.as_str()).or_insert(level);
                *e = (*e).min(level);
            }
        }
    }
    Ok(Some(out))
}

/// The chosen documents that hold a task with an asked status, and the
/// documents they implement up to the roots, so that the lineage of each
/// stays in the picture.
fn with_status<'g>(
    graph: &'g LineageGraph,
    opts: &DotOptions,
    links: &DocLinks<'g>,
    chosen: &HashSet<&'g str>,
) -> HashSet<&'g str> {
    let statuses = opts.day(graph).map(|d| task_statuses(graph, d)).unwrap_or_default();
    let mut keep: HashSet<&str> = HashSet::new();
    let mut queue: Vec<&str> = Vec::new();
    for (id, node) in graph.nodes() {
        if let NodeRef::Clause(d, c) = node {
            let doc = d.id.as_str();
            if c.is_task()
                && chosen.contains(doc)
                && opts.wants(statuses.get(id).copied())
                && keep.insert(doc)
            {
                queue.push(doc);
            }
        }
    }
    let mut up: HashMap<&str, Vec<&str>> = HashMap::new();
    for &(s, t, kind) in links.keys() {
        if kind == "implements" {
            up.entry(s).or_default().push(t);
        }
    }
    while let Some(d) = queue.pop() {
        for &t in up.get(d).into_iter().flatten() {
            if chosen.contains(t) && keep.insert(t) {
                queue.push(t);
            }
        }
    }
    keep
}

/// Takes the cited-only documents that no implements link reaches (other
/// than the root) out of `shown` and `links`: into a note per citing
/// document when collapsing, out of the picture when hiding. Returns the
/// notes and how many documents were taken out.
fn fold_cited_only<'g>(
    graph: &'g LineageGraph,
    opts: &DotOptions,
    shown: &mut HashSet<&'g str>,
    links: &mut DocLinks<'g>,
    root: Option<&str>,
) -> (Notes<'g>, usize) {
    if opts.cited_only == CitedOnly::Show {
        return (IndexMap::new(), 0);
    }
    let on_chain: HashSet<&str> =
        links.keys().filter(|k| k.2 == "implements").flat_map(|&(s, t, _)| [s, t]).collect();
    let mut folded: IndexSet<&str> = IndexSet::new();
    for (id, node) in graph.nodes() {
        if let NodeRef::Document(d) = node {
            if d.status == DocStatus::CitedOnly
                && shown.contains(id)
                && !on_chain.contains(id)
                && root != Some(id)
            {
                folded.insert(id);
            }
        }
    }
    let mut notes: Notes<'g> = IndexMap::new();
    if opts.cited_only == CitedOnly::Collapse {
        for &(s, t, kind) in links.keys() {
            if folded.contains(t) && !folded.contains(s) {
                if let Some(d) = graph.get(t).and_then(|n| n.document()) {
                    notes.entry(s).or_default().push((kind, d));
                }
            }
        }
    }
    links.retain(|&(s, t, _), _| !folded.contains(s) && !folded.contains(t));
    shown.retain(|id| !folded.contains(id));
    (notes, folded.len())
}

/// Edges between documents, clause-level links summed per pair.
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
        link.add(matches!(sn, NodeRef::Document(_)), e);
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

/// The document view's DOT text: the clusters, the links, the notes, the
/// legend.
fn draw_documents(graph: &LineageGraph, opts: &DotOptions, pick: &DocPick<'_>) -> String {
    let mut title = "Document lineage".to_string();
    if let Some(r) = &opts.root {
        title.push_str(&format!(" beneath {r}"));
    }
    title.push_str(&opts.scope_note(graph));
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        let mut g = w.digraph();
        header(&mut g, &title, "TB");
        let bands = draw_clusters(&mut g, graph, opts, pick);
        draw_bands(&mut g, &bands);
        for ((s, t, kind), link) in &pick.links {
            draw_document_link(&mut g, graph, s, t, kind, link);
        }
        for doc in pick.notes.keys() {
            let mut e = g.edge(quote_id(&note_id(doc)), quote_id(doc)).attributes();
            e.set("dir", "back", false).set("style", "dotted", true).set("color", "#a0a0a0", true);
        }
        let folded = match (pick.folded, opts.cited_only) {
            (0, _) | (_, CitedOnly::Show) => None,
            (n, CitedOnly::Hide) => Some(format!("{n} more cited only, not drawn")),
            (n, _) => Some(format!("{n} more cited only, listed in notes")),
        };
        document_status_legend(&mut g, folded.as_deref());
    }
    finish(bytes)
}

/// The id of the note listing what a document cites that the corpus holds
/// only as citations.
fn note_id(doc: &str) -> String {
    format!("cited-only:{doc}")
}

/// A cluster per level holding a cluster per jurisdiction of its documents,
/// each followed by its note of cited-only documents. Returns the drawn
/// node ids by band: a level's jurisdictions in rows (see [`bands`]).
fn draw_clusters(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    opts: &DotOptions,
    pick: &DocPick<'_>,
) -> Vec<Vec<String>> {
    let mut bands: Vec<Vec<String>> = Vec::new();
    for (level, rows) in band_rows(pick) {
        for row in rows {
            let mut band = Vec::new();
            for (j, docs) in row {
                let mut jc = g.cluster();
                jc.set_label(&escape(&format!("{} · {}", jurisdiction_name(graph, j), level_name(level))));
                jc.set("style", "rounded,filled", true);
                jc.set("fillcolor", "#f5f8fc", true);
                jc.set("color", "#c8d3e0", true);
                for (id, d) in docs {
                    doc_node(&mut jc, id, d, opts);
                    band.push(id.to_string());
                    if let Some(cited) = pick.notes.get(id) {
                        note_node(&mut jc, id, cited, opts);
                        band.push(note_id(id));
                    }
                }
            }
            bands.push(band);
        }
    }
    bands
}

/// A level's jurisdictions, in rows.
type Rows<'a, 'g> = Vec<Vec<(&'g str, &'a [(&'g str, &'g Document)])>>;

/// A jurisdiction's documents and how many nodes stand at its top.
type Widths<'a, 'g> = Vec<(&'g str, &'a [(&'g str, &'g Document)], usize)>;

/// The levels that have documents, each with its jurisdictions in rows: a
/// row holds jurisdictions while the nodes at their tops (those with nothing
/// above them in the same cluster: a document that implements or cites
/// nothing beside it, and each note) number at most about the square root
/// of twice their total, so that a level with many jurisdictions wraps
/// instead of running off the screen.
fn band_rows<'a, 'g>(pick: &'a DocPick<'g>) -> Vec<(Level, Rows<'a, 'g>)> {
    let mut below: HashSet<&str> = pick.notes.keys().copied().collect();
    let cluster_of: HashMap<&str, &str> = pick
        .clusters
        .values()
        .flat_map(|by_j| by_j.iter().flat_map(|(j, docs)| docs.iter().map(move |(id, _)| (*id, *j))))
        .collect();
    for (s, t, _) in pick.links.keys() {
        if cluster_of.get(s).is_some_and(|j| cluster_of.get(t) == Some(j)) {
            below.insert(s);
        }
    }
    let width = |docs: &[(&str, &Document)]| {
        let tops = docs.iter().filter(|(id, _)| !below.contains(id)).count();
        (tops + docs.iter().filter(|(id, _)| pick.notes.contains_key(id)).count()).max(1)
    };
    let levels: Vec<(Level, Widths<'a, 'g>)> = pick
        .clusters
        .iter()
        .filter(|(_, by_j)| !by_j.is_empty())
        .map(|(level, by_j)| {
            (*level, by_j.iter().map(|(j, docs)| (*j, docs.as_slice(), width(docs))).collect())
        })
        .collect();
    let all = || levels.iter().flat_map(|(_, js)| js.iter().map(|j| j.2));
    let per_row = all().max().unwrap_or(1).max(((all().sum::<usize>() * 2) as f64).sqrt().ceil() as usize);
    let mut out = Vec::new();
    for (level, js) in levels {
        let mut rows: Rows<'a, 'g> = vec![Vec::new()];
        let mut used = 0;
        for (j, docs, n) in js {
            if used + n > per_row && used > 0 {
                rows.push(Vec::new());
                used = 0;
            }
            used += n;
            if let Some(r) = rows.last_mut() {
                r.push((j, docs));
            }
        }
        out.push((level, rows));
    }
    out
}

/// Invisible ranks between bands: an anchor below every node of one band
/// and above every node of the next, so that a lower level or the next row
/// of a level never stands beside the one before it. Weight 0 leaves the
/// horizontal placement to the real links.
fn draw_bands(g: &mut Scope<'_, '_>, bands: &[Vec<String>]) {
    for (i, pair) in bands.windows(2).enumerate() {
        let anchor = format!("layout:band-{}", i + 1);
        g.node_named(quote_id(&anchor))
            .set("style", "invis", false)
            .set("shape", "point", false)
            .set("width", "0", false)
            .set("height", "0", false)
            .set("label", "\"\"", false);
        for id in &pair[0] {
            g.edge(quote_id(id), quote_id(&anchor))
                .attributes()
                .set("style", "invis", false)
                .set("weight", "0", false);
        }
        for id in &pair[1] {
            g.edge(quote_id(&anchor), quote_id(id))
                .attributes()
                .set("style", "invis", false)
                .set("weight", "0", false);
        }
    }
}

/// The most document numbers a note lists before `and N more`.
const NOTE_NAMES: usize = 12;

/// The note of a document's cited-only documents: how many, then their
/// numbers by kind of link (`based on: 33/2015/TT-BYT`).
fn note_node(g: &mut Scope<'_, '_>, doc: &str, cited: &[(&str, &Document)], opts: &DotOptions) {
    let distinct: IndexSet<&str> = cited.iter().map(|(_, d)| d.id.as_str()).collect();
    let mut lines = vec![format!("cited only ({})", distinct.len())];
    for (kind, word) in [("based-on", "based on"), ("cites", "cites"), ("implements", "implements")] {
        let names: Vec<String> =
            cited.iter().filter(|(k, _)| *k == kind).map(|(_, d)| short_name(d)).collect();
        if names.is_empty() {
            continue;
        }
        let mut text = names.iter().take(NOTE_NAMES).cloned().collect::<Vec<_>>().join(", ");
        if names.len() > NOTE_NAMES {
            text.push_str(&format!(" and {} more", names.len() - NOTE_NAMES));
        }
        lines.extend(super::wrap(&format!("{word}: {text}"), opts.wrap, usize::MAX));
    }
    let tip = distinct.iter().copied().collect::<Vec<_>>().join(" ");
    g.node_named(quote_id(&note_id(doc)))
        .set_label(&label(lines))
        .set("shape", "note", false)
        .set("style", "filled,dashed", true)
        .set("fillcolor", "#f7f7f7", true)
        .set("fontcolor", "#555555", true)
        .set("tooltip", &escape(&tip), true);
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
    // The line says the kind (legend); the label what it sums and when.
    let mut text = Vec::new();
    if kind == "implements" {
        if !link.direct {
            text.push(format!("{} clause{}", link.clauses, if link.clauses == 1 { "" } else { "s" }));
        }
        if let Some(day) = source_date {
            text.push(day.to_string());
        }
        if link.all_inferred() {
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
    if !text.is_empty() {
        e.set_label(&label(text));
    }
}

/// The legend of the document borders, with what became of the cited-only
/// documents not drawn: one table node (`legend:documents`).
fn document_status_legend(g: &mut Scope<'_, '_>, folded: Option<&str>) {
    let rows = [
        ("full text", "", "#ffffff"),
        ("summary", " STYLE=\"rounded\"", "#eef3fb"),
        ("draft", " BORDER=\"2\"", "#fff4cc"),
        ("cited only", " STYLE=\"dashed\"", "#f7f7f7"),
    ];
    let mut cells = String::from("<TR><TD BORDER=\"0\"><B>Document status</B></TD></TR>");
    for (text, style, fill) in rows {
        cells.push_str(&format!(
            "<TR><TD COLOR=\"#000000\" BGCOLOR=\"{fill}\"{style}>{}</TD></TR>",
            html(text)
        ));
    }
    let lines = [
        ("#1f4e79", "solid", "implements (clauses, date)"),
        ("#a0a0a0", "dashed", "based on"),
        ("#a0a0a0", "dotted", "cites"),
    ];
    for (color, style, text) in lines {
        cells.push_str(&format!(
            "<TR><TD BORDER=\"0\" ALIGN=\"LEFT\"><FONT COLOR=\"{color}\">{style} line:</FONT> {}</TD></TR>",
            html(text)
        ));
    }
    if let Some(text) = folded {
        cells.push_str(&format!("<TR><TD BORDER=\"0\">{}</TD></TR>", html(text)));
    }
    let table = format!(
        "<<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"6\" CELLPADDING=\"5\" STYLE=\"rounded\" \
         COLOR=\"#cccccc\">{cells}</TABLE>>"
    );
    g.node_named(quote_id("legend:documents")).set("shape", "plain", false).set("label", &table, false);
}
