//! Trace down and up: what implements a document or clause, and what it implements.

use std::collections::HashSet;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};
use crate::graph::{Edge, LineageGraph, Node, NodeRef};
use crate::hash::FxBuild;
use crate::model::deadline::Deadline;
use crate::model::identity::ClauseId;
use crate::model::{Document, Role};

use super::{QueryOptions, Via};

/// A hit as stored: node indexes, not yet borrowed from the graph.
#[derive(Clone, Copy, Debug)]
pub(super) struct RawHit {
    pub(super) node: NodeIndex,
    parent: u32,
    depth: u32,
    pub(super) via: Via,
    pub(super) score: Option<f64>,
}

const NO_PARENT: u32 = u32::MAX;

/// The result of [`LineageGraph::trace_down`]: every clause, task and
/// document beneath a starting point, in breadth-first order, each with the
/// way it was reached.
pub struct Trace<'g> {
    graph: &'g LineageGraph,
    pub(super) hits: Vec<RawHit>,
}

/// The ids reached, in order (a hit's node holds its whole document).
impl std::fmt::Debug for Trace<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.hits.iter().map(|h| self.graph.node_id(h.node)).collect();
        f.debug_struct("Trace").field("len", &self.hits.len()).field("ids", &ids).finish()
    }
}

/// One node of a [`Trace`].
#[derive(Clone, Copy, Debug)]
pub struct TraceHit<'g> {
    /// Node id (`quang-ninh/2024/kh-ubnd/162#PL.12`).
    pub id: &'g str,
    /// The node.
    pub node: NodeRef<'g>,
    /// Steps from the start.
    pub depth: usize,
    /// How it was reached.
    pub via: Via,
    /// Alignment score when reached by an inferred link.
    pub score: Option<f64>,
    /// Position in the trace of the node it was reached from.
    pub parent: Option<usize>,
}

impl<'g> TraceHit<'g> {
    /// The task's deadline (clause deadline), if any.
    pub fn deadline(&self) -> Option<&'g Deadline> {
        match self.node {
            NodeRef::Clause(_, c) => c.deadline.as_ref(),
            _ => None,
        }
    }

    /// Agencies by role, as named in the text.
    pub fn agencies(&self, role: Role) -> Vec<&'g str> {
        match self.node {
            NodeRef::Clause(_, c) => c.agencies(role).collect(),
            _ => Vec::new(),
        }
    }
}

impl<'g> Trace<'g> {
    /// Number of nodes, the start included.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    /// True when the trace holds nothing (never: the start is always in it).
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The hit at position `i`.
    pub fn get(&self, i: usize) -> Option<TraceHit<'g>> {
        let h = self.hits.get(i)?;
        Some(TraceHit {
            id: self.graph.node_id(h.node),
            node: self.graph.node(h.node),
            depth: h.depth as usize,
            via: h.via,
            score: h.score,
            parent: (h.parent != NO_PARENT).then_some(h.parent as usize),
        })
    }

    /// The hits in breadth-first order.
    pub fn hits(&self) -> impl Iterator<Item = TraceHit<'g>> + '_ {
        (0..self.hits.len()).filter_map(move |i| self.get(i))
    }

    /// True when the trace reaches this node id.
    pub fn contains(&self, id: &str) -> bool {
        self.graph.idx(id).is_some_and(|n| self.hits.iter().any(|h| h.node == n))
    }

    /// Ids from the start down to hit `i`.
    pub fn chain(&self, i: usize) -> Vec<&'g str> {
        let mut out = Vec::new();
        let mut cur = i as u32;
        while let Some(h) = self.hits.get(cur as usize) {
            out.push(self.graph.node_id(h.node));
            cur = h.parent;
        }
        out.reverse();
        out
    }
}

/// Exports a hit with the attributes a table needs.
struct HitRow<'a, 'g>(&'a Trace<'g>, usize);

impl Serialize for HitRow<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let h = self.0.get(self.1).expect("in range");
        let mut st = s.serialize_struct("TraceHit", 12)?;
        st.serialize_field("id", h.id)?;
        st.serialize_field("type", h.node.type_name())?;
        let doc = h.node.document();
        st.serialize_field("document", &doc.map(|d| d.display_name()))?;
        st.serialize_field("jurisdiction", &doc.map(|d| d.jurisdiction.as_str()))?;
        st.serialize_field("depth", &h.depth)?;
        st.serialize_field("via", &h.via)?;
        st.serialize_field("score", &h.score)?;
        st.serialize_field("parent", &h.parent.map(|p| self.0.graph.node_id(self.0.hits[p].node)))?;
        st.serialize_field("label", &h.node.label())?;
        st.serialize_field("lead", &h.agencies(Role::Lead))?;
        st.serialize_field("cooperating", &h.agencies(Role::Cooperating))?;
        st.serialize_field("deadline", &h.deadline())?;
        st.end()
    }
}

impl Serialize for Trace<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((0..self.hits.len()).map(|i| HitRow(self, i)))
    }
}

/// One chain of [`LineageGraph::trace_up`]: from the start to a root, each
/// step with how it was taken.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chain {
    /// (node id, how it was reached) from the start (`Via::Root`) upward.
    pub steps: Vec<(String, Via)>,
}

impl LineageGraph {
    /// The most chains [`LineageGraph::trace_up`] returns.
    pub const MAX_CHAINS: usize = 10_000;

    /// Resolves a reference as people write it (see [`Corpus::resolve`](crate::Corpus::resolve))
    /// to a node of this graph.
    pub fn resolve(&self, input: &str) -> Result<ClauseId> {
        if self.contains(input.trim()) {
            if let Ok(r) = input.trim().parse() {
                return Ok(r);
            }
        }
        self.corpus().resolve(input)
    }

    fn start(&self, input: &str) -> Result<NodeIndex> {
        let r = self.resolve(input)?;
        // A reference the corpus knows but the graph left out (a duplicate).
        self.idx(&r.to_string()).ok_or_else(|| {
            Error::from(ErrorKind::UnknownReference {
                input: input.to_string(),
                suggestions: vec![r.to_string()],
            })
        })
    }

    /// Everything beneath a document or clause: clauses and documents that
    /// implement it, transitively, with the parts of each. `start` is written
    /// as people write it (`25-CT/TW#4`) or as an id.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, QueryOptions};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new()).unwrap();
    /// assert!(trace.contains("quang-ninh/2024/kh-ubnd/162#II.4"));
    /// assert!(trace.contains("quang-ninh/2024/kh-ubnd/162#PL.12"));
    /// ```
    pub fn trace_down(&self, start: &str, opts: &QueryOptions) -> Result<Trace<'_>> {
        let s = self.start(start)?;
        Ok(self.trace_from(s, opts))
    }

    pub(crate) fn trace_from(&self, s: NodeIndex, opts: &QueryOptions) -> Trace<'_> {
        self.trace_stopping(s, opts, |_, _| false)
    }

    /// As [`LineageGraph::trace_from`], but a node for which `stop(node,
    /// via)` holds is a hit whose own implementers are not followed.
    pub(crate) fn trace_stopping(
        &self,
        s: NodeIndex,
        opts: &QueryOptions,
        stop: impl Fn(NodeIndex, Via) -> bool,
    ) -> Trace<'_> {
        let mut hits = vec![RawHit { node: s, parent: NO_PARENT, depth: 0, via: Via::Root, score: None }];
        let mut seen: HashSet<NodeIndex, FxBuild> = HashSet::with_capacity_and_hasher(64, FxBuild::default());
        seen.insert(s);
        let mut i = 0;
        let mut next: Vec<(NodeIndex, Via, Option<f64>)> = Vec::new();
        while i < hits.len() {
            let h = hits[i];
            next.clear();
            if i > 0 && stop(h.node, h.via) {
                i += 1;
                continue;
            }
            for e in self.graph.edges_directed(h.node, Direction::Incoming) {
                if let Some(score) = opts.follows(e.weight()) {
                    next.push((e.source(), Via::Implements, score.or(h.score)));
                }
            }
            for e in self.graph.edges_directed(h.node, Direction::Outgoing) {
                if matches!(e.weight(), Edge::Contains) {
                    next.push((e.target(), Via::Contains, h.score));
                }
            }
            // petgraph lists edges newest first; corpus order reads better.
            next.sort_by_key(|(n, _, _)| *n);
            for &(node, via, score) in &next {
                if seen.insert(node) {
                    hits.push(RawHit { node, parent: i as u32, depth: h.depth + 1, via, score });
                }
            }
            i += 1;
        }
        Trace { graph: self, hits }
    }

    /// Every chain from a clause or document up to the roots it traces to.
    /// From a clause with no implements link of its own, the chain climbs to
    /// the clause or document containing it.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, QueryOptions};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let chains = graph.trace_up("quang-ninh/2024/kh-ubnd/162#PL.13", &QueryOptions::new()).unwrap();
    /// assert!(chains.iter().any(|c| c.steps.iter().any(|(id, _)| id == "vn/2023/ct-tw/25#4")));
    /// ```
    ///
    /// Chains are enumerated one by one, and where each clause implements
    /// several their number doubles with each level; past
    /// [`LineageGraph::MAX_CHAINS`] the answer is an
    /// [`ErrorKind::LimitReached`](crate::ErrorKind::LimitReached) error
    /// rather than an output no one can read (trace down from a root lists
    /// the same links once each).
    pub fn trace_up(&self, start: &str, opts: &QueryOptions) -> Result<Vec<Chain>> {
        let s = self.start(start)?;
        let mut out = Vec::new();
        let mut stack: Vec<Vec<(NodeIndex, Via)>> = vec![vec![(s, Via::Root)]];
        while let Some(path) = stack.pop() {
            let (n, _) = *path.last().expect("non-empty");
            let mut next: Vec<(NodeIndex, Via)> = self
                .graph
                .edges_directed(n, Direction::Outgoing)
                .filter(|e| opts.follows(e.weight()).is_some())
                .map(|e| (e.target(), Via::Implements))
                .collect();
            if next.is_empty() {
                next.extend(
                    self.graph
                        .edges_directed(n, Direction::Incoming)
                        .filter(|e| matches!(e.weight(), Edge::Contains))
                        .map(|e| (e.source(), Via::Contains)),
                );
            }
            next.retain(|(m, _)| !path.iter().any(|(p, _)| p == m));
            if next.is_empty() {
                if out.len() == Self::MAX_CHAINS {
                    return Err(Error::from(ErrorKind::LimitReached {
                        query: "trace up",
                        start: start.to_string(),
                        what: "chains to the roots",
                        limit: Self::MAX_CHAINS,
                        hint: "trace down from the root instead, which lists each link once",
                    }));
                }
                out.push(Chain {
                    steps: path.iter().map(|&(p, v)| (self.node_id(p).to_string(), v)).collect(),
                });
                continue;
            }
            // Reverse so that chains come out in edge order.
            for m in next.into_iter().rev() {
                let mut p = path.clone();
                p.push(m);
                stack.push(p);
            }
        }
        Ok(out)
    }

    /// Documents that have no implements link upward: the roots of lineage.
    pub fn roots(&self) -> Vec<&Document> {
        (0..self.index.len())
            .map(NodeIndex::new)
            .filter(|&n| matches!(self.graph[n], Node::Document(_)))
            .filter(|&n| {
                !self
                    .graph
                    .edges_directed(n, Direction::Outgoing)
                    .any(|e| matches!(e.weight(), Edge::Implements { .. }))
            })
            .filter_map(|n| self.node(n).document())
            .collect()
    }

    /// Documents that directly implement `doc` (document-level links), in
    /// corpus order.
    pub fn implementing_documents(&self, doc: &Document) -> Vec<&Document> {
        let Some(n) = self.idx(doc.id.as_str()) else { return Vec::new() };
        let mut v: Vec<(NodeIndex, &Document)> = self
            .graph
            .edges_directed(n, Direction::Incoming)
            .filter(|e| matches!(e.weight(), Edge::Implements { .. }))
            .filter_map(|e| match self.node(e.source()) {
                NodeRef::Document(d) => Some((e.source(), d)),
                _ => None,
            })
            .collect();
        v.sort_by_key(|(n, _)| *n);
        v.dedup_by_key(|(n, _)| *n);
        v.into_iter().map(|(_, d)| d).collect()
    }
}
