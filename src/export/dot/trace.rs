//! The clause trace view: what it draws (root, jurisdiction, depth and status
//! filters) and the one-node-per-clause layout. The table layout is in
//! `tables`.

use dot_writer::{Attributes, DotWriter, Scope};
use indexmap::{IndexMap, IndexSet};

use super::{
    clause_node, doc_node, escape, finish, header, jurisdiction_name, label, quote_id, status_legend, tables,
    DotOptions, TraceLayout,
};
use crate::error::Result;
use crate::graph::{Edge, LineageGraph, NodeRef};
use crate::model::date::Date;
use crate::model::Provenance;
use crate::query::{QueryOptions, TraceHit, Via};

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

/// Clause trace: from the root clause or document down to local tasks.
/// Tasks show their lead agencies and deadline and are coloured by status as
/// of a date (legend included); inferred links, when asked for, are dashed
/// with their score.
///
/// With [`TraceLayout::Tables`] (the default) each document is one table:
/// its traced sections as rows, its tasks as cells in a grid, the tables
/// left to right by level of implementation, a level taller than the
/// picture is wide wrapped into several columns. With [`TraceLayout::Nodes`]
/// each clause is a node in a cluster per document.
///
/// Options read: root, as_of, with_inferred, jurisdiction, depth, status,
/// layout, wrap, max_label.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, DotOptions, TraceLayout, trace_dot};
/// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
/// let dot = trace_dot(&graph, &DotOptions::new().root("25-CT/TW#4"))?;
/// // One table per document; each traced clause is a cell with its id.
/// assert!(dot.contains("ID=\"quang-ninh/2024/kh-ubnd/162#PL.12\""));
/// let dot = trace_dot(&graph, &DotOptions::new().root("25-CT/TW#4").layout(TraceLayout::Nodes))?;
/// assert!(dot.contains("\"quang-ninh/2024/kh-ubnd/162#PL.12\" ["));
/// // Only what implements the root directly.
/// let dot = trace_dot(&graph, &DotOptions::new().root("25-CT/TW#4").depth(1))?;
/// assert!(!dot.contains("162#PL.12"));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn trace_dot(graph: &LineageGraph, opts: &DotOptions) -> Result<String> {
    let pick = pick_trace(graph, opts)?;
    Ok(match opts.layout {
        TraceLayout::Tables => tables::trace_tables(graph, opts, &pick),
        TraceLayout::Nodes => trace_nodes_dot(graph, opts, &pick),
    })
}

/// What the trace view draws.
pub(super) struct TracePick<'g> {
    /// The drawn nodes, in trace order.
    pub(super) ids: IndexSet<&'g str>,
    /// Documents left out by the depth limit, by the drawn document they
    /// implement.
    pub(super) beyond: IndexMap<&'g str, IndexSet<&'g str>>,
    /// The title of the picture.
    pub(super) title: String,
    /// The date task statuses are taken on.
    pub(super) as_of: Option<Date>,
}

impl TracePick<'_> {
    /// `12 more documents below depth 1`, for a document with some cut off.
    pub(super) fn beyond_note(&self, doc: &str, depth: Option<usize>) -> Option<String> {
        let n = self.beyond.get(doc).map_or(0, IndexSet::len);
        let d = depth?;
        match n {
            0 => None,
            1 => Some(format!("1 more document below depth {d}")),
            _ => Some(format!("{n} more documents below depth {d}")),
        }
    }
}

/// The nodes the trace view draws, in trace order: everything beneath each
/// start (the root, or every implemented root document), cut by the
/// filters.
fn pick_trace<'g>(graph: &'g LineageGraph, opts: &DotOptions) -> Result<TracePick<'g>> {
    let q = opts.query();
    let starts = match &opts.root {
        Some(r) => vec![r.clone()],
        None => default_roots(graph, &q),
    };
    let mut title = match &opts.root {
        Some(r) => format!("Trace of {r}"),
        None => "Trace of every implemented root".to_string(),
    };
    title.push_str(&opts.scope_note(graph));
    let filter = HitFilter { family: opts.family(graph)?, as_of: opts.day(graph), opts };
    let mut pick = TracePick { ids: IndexSet::new(), beyond: IndexMap::new(), title, as_of: filter.as_of };
    for s in &starts {
        let trace = graph.trace_down(s, &q)?;
        let hits: Vec<_> = trace.hits().collect();
        filter.pick(graph, &hits, &mut pick);
    }
    // A document cut off below one document may be drawn through another.
    let drawn: IndexSet<&str> =
        pick.ids.iter().filter_map(|id| graph.get(id)?.document()).map(|d| d.id.as_str()).collect();
    for cut in pick.beyond.values_mut() {
        cut.retain(|d| !drawn.contains(d));
    }
    pick.beyond.retain(|_, cut| !cut.is_empty());
    Ok(pick)
}

/// The jurisdiction and status filters of a trace, and the depth limit.
struct HitFilter<'o> {
    family: Option<Vec<String>>,
    as_of: Option<Date>,
    opts: &'o DotOptions,
}

impl HitFilter<'_> {
    /// Adds to `pick` what of one trace is drawn: with no jurisdiction or
    /// status asked for, every hit within the depth; otherwise the start,
    /// each hit that matches within the depth and the chain from the start
    /// down to it, so that the picture stays connected.
    fn pick<'g>(&self, graph: &'g LineageGraph, hits: &[TraceHit<'g>], pick: &mut TracePick<'g>) {
        let levels = levels(hits);
        let matches: Vec<bool> = hits.iter().map(|h| self.matches(graph, h)).collect();
        let within = |i: usize| self.opts.depth.is_none_or(|d| levels[i] <= d);
        let keep = self.chains(hits, &matches, within);
        pick.ids.extend(hits.iter().zip(&keep).filter(|(_, k)| **k).map(|(h, _)| h.id));
        let Some(depth) = self.opts.depth else { return };
        // What the depth alone leaves out: documents past it, under the
        // drawn document each hangs from.
        let unlimited = self.chains(hits, &matches, |_| true);
        for (i, h) in hits.iter().enumerate() {
            let Some(p) = h.parent else { continue };
            if unlimited[i] && keep[p] && levels[i] == depth + 1 && h.via == Via::Implements {
                if let (Some(pd), Some(d)) = (hits[p].node.document(), h.node.document()) {
                    pick.beyond.entry(pd.id.as_str()).or_default().insert(d.id.as_str());
                }
            }
        }
    }

    /// True when the hit is of the jurisdiction and, when statuses are
    /// asked for, a task with one of them.
    fn matches(&self, graph: &LineageGraph, h: &TraceHit<'_>) -> bool {
        let doc = h.node.document();
        if let Some(f) = &self.family {
            if !doc.is_some_and(|d| f.contains(&d.jurisdiction)) {
                return false;
            }
        }
        if self.opts.statuses.is_empty() {
            return true;
        }
        match h.node {
            NodeRef::Clause(_, c) if c.is_task() => {
                self.opts.wants(self.as_of.and_then(|day| graph.task_status(c, day)))
            }
            _ => false,
        }
    }

    /// Which hits are kept: those `within` the depth, and with a filter set
    /// only the matching ones and the chains down to them.
    fn chains(&self, hits: &[TraceHit<'_>], matches: &[bool], within: impl Fn(usize) -> bool) -> Vec<bool> {
        if self.family.is_none() && self.opts.statuses.is_empty() {
            return (0..hits.len()).map(within).collect();
        }
        let mut keep = vec![false; hits.len()];
        if let Some(k) = keep.first_mut() {
            *k = true;
        }
        for (i, &m) in matches.iter().enumerate() {
            if !(m && within(i)) {
                continue;
            }
            let mut cur = Some(i);
            while let Some(c) = cur {
                if keep[c] && c != i {
                    break;
                }
                keep[c] = true;
                cur = hits[c].parent;
            }
        }
        keep
    }
}

/// Levels of implementation of each hit below the start: the implements
/// links on its chain (sections and parts do not count).
pub(super) fn levels(hits: &[TraceHit<'_>]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(hits.len());
    for h in hits {
        let up = h.parent.and_then(|p| out.get(p).copied()).unwrap_or(0);
        out.push(up + usize::from(h.via == Via::Implements));
    }
    out
}

/// The trace with one node per clause, each document's clauses in a
/// cluster, top to bottom.
fn trace_nodes_dot(graph: &LineageGraph, opts: &DotOptions, pick: &TracePick<'_>) -> String {
    let mut by_doc: IndexMap<&str, Vec<(&str, NodeRef<'_>)>> = IndexMap::new();
    for &id in &pick.ids {
        let Some(node) = graph.get(id) else { continue };
        let Some(d) = node.document() else { continue };
        by_doc.entry(d.id.as_str()).or_default().push((id, node));
    }
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        let mut g = w.digraph();
        header(&mut g, &pick.title, "TB");
        for (doc_id, nodes) in &by_doc {
            draw_trace_document(&mut g, graph, opts, pick, doc_id, nodes);
        }
        for (s, t, e) in graph.edges_among(&pick.ids) {
            if opts.follows(e) {
                draw_trace_edge(&mut g, s, t, e);
            }
        }
        let extra: &[&str] =
            if opts.with_inferred { &["dashed edge: inferred link, label = score"] } else { &[] };
        status_legend(&mut g, pick.as_of, extra);
    }
    finish(bytes)
}

/// A document of the trace: a cluster of its traced nodes, tasks coloured
/// by their status on `as_of`.
fn draw_trace_document(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    opts: &DotOptions,
    pick: &TracePick<'_>,
    doc_id: &str,
    nodes: &[(&str, NodeRef<'_>)],
) {
    let Some(doc) = nodes.first().and_then(|(_, n)| n.document()) else { return };
    let mut c = g.cluster();
    let head = format!("{} · {}", doc.display_name(), jurisdiction_name(graph, &doc.jurisdiction));
    let mut lines = opts.lines(&head);
    lines.extend(pick.beyond_note(doc_id, opts.depth));
    c.set_label(&label(lines));
    c.set("style", "rounded,filled", true);
    c.set("fillcolor", "#fafafa", true);
    c.set("color", "#c8c8c8", true);
    c.set("tooltip", &escape(doc_id), true);
    for (id, node) in nodes {
        match node {
            NodeRef::Document(d) => doc_node(&mut c, id, d, opts),
            NodeRef::Clause(d, cl) => {
                let status = pick.as_of.and_then(|day| graph.task_status(cl, day));
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
