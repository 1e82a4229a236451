//! The lineage graph: documents, clauses, agencies and jurisdictions as
//! nodes; contains, implements, assigns, cites, issued-in and succeeded-by as
//! edges. Validation reports every problem at once.

mod build;

pub(crate) mod interning;
pub(crate) mod task_index;
mod validate;

use crate::hash::FxHashMap;
pub use validate::{Problem, Rule, Severities, Severity};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;

use crate::corpus::{Agency, Corpus};
use crate::graph::interning::IdIndex;
use crate::model::{Clause, Document, Jurisdiction, Provenance, Relation, Role};

/// What a node stands for. Payloads are positions in the corpus, so a node
/// is 12 bytes whatever the size of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    Document(u32),
    Clause(u32, u32),
    Agency(u32),
    Jurisdiction(u32),
}

/// An edge of the lineage graph.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum Edge {
    /// Document → clause, clause → sub-clause (ELI `eli:has_part`).
    Contains,
    /// Lower clause or document → the higher one it carries out
    /// (ELI `eli:ensures_implementation_of`).
    Implements {
        /// Who says so.
        provenance: Provenance,
        /// Alignment score for inferred links.
        score: Option<f64>,
    },
    /// Task clause → agency (ELI `eli:responsibility_of_agent`).
    Assigns {
        /// Lead or cooperating.
        role: Role,
        /// Position of the assignment in the clause.
        index: u32,
    },
    /// Document → a document it is based on or cites
    /// (ELI `eli:based_on`, `eli:cites`).
    Cites(Relation),
    /// Document → jurisdiction it was issued in.
    IssuedIn,
    /// Jurisdiction → the one that took it over.
    SucceededBy,
}

impl Edge {
    /// The edge type as exported (`implements`, `assigns` ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Edge::Contains => "contains",
            Edge::Implements { .. } => "implements",
            Edge::Assigns { .. } => "assigns",
            Edge::Cites(Relation::BasedOn) => "based-on",
            Edge::Cites(_) => "cites",
            Edge::IssuedIn => "issued-in",
            Edge::SucceededBy => "succeeded-by",
        }
    }
}

/// A node, borrowed from the graph.
#[derive(Clone, Copy, Debug)]
pub enum NodeRef<'g> {
    /// A document.
    Document(&'g Document),
    /// A clause and its document.
    Clause(&'g Document, &'g Clause),
    /// An agency.
    Agency(&'g Agency),
    /// A jurisdiction.
    Jurisdiction(&'g Jurisdiction),
}

impl<'g> NodeRef<'g> {
    /// A one-line label: a document's name and title, a clause's label, an
    /// agency's or jurisdiction's name.
    pub(crate) fn label(self) -> String {
        match self {
            NodeRef::Document(d) => format!("{}: {}", d.display_name(), d.title),
            NodeRef::Clause(_, c) => c.label().to_string(),
            NodeRef::Agency(a) => a.name.clone(),
            NodeRef::Jurisdiction(j) => j.name.clone(),
        }
    }

    /// The node type as exported (`document`, `clause`, `task`, `agency`,
    /// `jurisdiction`); a clause that assigns an agency or has a deadline is
    /// a `task`.
    pub fn type_name(self) -> &'static str {
        match self {
            NodeRef::Document(_) => "document",
            NodeRef::Clause(_, c) if c.is_task() => "task",
            NodeRef::Clause(..) => "clause",
            NodeRef::Agency(_) => "agency",
            NodeRef::Jurisdiction(_) => "jurisdiction",
        }
    }

    /// The document of a document or clause node.
    pub fn document(self) -> Option<&'g Document> {
        match self {
            NodeRef::Document(d) | NodeRef::Clause(d, _) => Some(d),
            _ => None,
        }
    }
}

/// The lineage graph built from a [`Corpus`].
///
/// Node ids are strings: a document's canonical id, `{doc id}#{path}` for a
/// clause, `agency:{jurisdiction}/{key}` and `jurisdiction:{id}`.
/// Iteration follows corpus order, so every export is deterministic.
///
/// ```
/// use directive_lineage::{Corpus, LineageGraph};
/// let corpus = Corpus::bundled();
/// let graph = LineageGraph::build(corpus);
/// assert!(graph.validate().iter().all(|p| p.severity != directive_lineage::Severity::Error));
/// assert!(graph.contains("vn/2023/ct-tw/25#4"));
/// ```
pub struct LineageGraph {
    corpus: Corpus,
    pub(crate) graph: StableDiGraph<Node, Edge>,
    pub(crate) index: IdIndex,
    agencies: Vec<Agency>,
    build_problems: Vec<Problem>,
    /// Positions of the documents of each jurisdiction, in corpus order, so
    /// that a query on one province reads that province only.
    pub(crate) by_jurisdiction: FxHashMap<String, Vec<u32>>,
    /// Every task with its due date, for task queries that need no clause.
    pub(crate) task_index: crate::graph::task_index::TaskIndex,
}

/// A summary, not the contents: a national graph has millions of nodes.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph};
/// let graph = LineageGraph::build(Corpus::empty());
/// assert_eq!(format!("{graph:?}"), "LineageGraph { documents: 0, nodes: 0, edges: 0, agencies: 0 }");
/// ```
impl std::fmt::Debug for LineageGraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LineageGraph")
            .field("documents", &self.corpus.documents().len())
            .field("nodes", &self.node_count())
            .field("edges", &self.edge_count())
            .field("agencies", &self.agencies.len())
            .finish()
    }
}

impl LineageGraph {
    /// The corpus the graph was built from.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// True when a node has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.idx(id).is_some()
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The agencies named in the corpus, resolved, in order of first mention.
    pub fn agencies(&self) -> &[Agency] {
        &self.agencies
    }

    /// The node with this id.
    pub fn get(&self, id: &str) -> Option<NodeRef<'_>> {
        self.idx(id).map(|n| self.node(n))
    }

    pub(crate) fn node(&self, n: NodeIndex) -> NodeRef<'_> {
        let docs = self.corpus.documents();
        match self.graph[n] {
            Node::Document(d) => NodeRef::Document(&docs[d as usize]),
            Node::Clause(d, c) => NodeRef::Clause(&docs[d as usize], &docs[d as usize].clauses[c as usize]),
            Node::Agency(a) => NodeRef::Agency(&self.agencies[a as usize]),
            Node::Jurisdiction(j) => NodeRef::Jurisdiction(&self.corpus.jurisdictions()[j as usize]),
        }
    }

    pub(crate) fn node_id(&self, n: NodeIndex) -> &str {
        // The index is the only owner of id strings, by position.
        let p = self.position(n);
        if p < self.index.len() {
            self.index.key(p)
        } else {
            ""
        }
    }

    fn position(&self, n: NodeIndex) -> usize {
        // Nodes are never removed and are inserted into the index in the
        // same order as into the graph, so index position = node index.
        n.index()
    }

    /// Every node id with its node, in insertion order.
    pub fn nodes(&self) -> impl Iterator<Item = (&str, NodeRef<'_>)> + '_ {
        self.index.iter().map(move |(k, p)| (k, self.node(NodeIndex::new(p))))
    }

    /// Every edge as (source id, target id, edge), in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = (&str, &str, &Edge)> + '_ {
        (&self.graph)
            .edge_references()
            .map(move |e| (self.node_id(e.source()), self.node_id(e.target()), e.weight()))
    }

    pub(crate) fn idx(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).map(NodeIndex::new)
    }
}

impl LineageGraph {
    /// The edges between the nodes of `ids`, in graph order (as
    /// [`LineageGraph::edges`]), found from those nodes rather than by
    /// reading every edge.
    pub(crate) fn edges_among(&self, ids: &indexmap::IndexSet<&str>) -> Vec<(&str, &str, &Edge)> {
        let mut found: Vec<(usize, &str, &str, &Edge)> = Vec::new();
        for &id in ids {
            let Some(n) = self.idx(id) else { continue };
            for e in self.graph.edges_directed(n, Direction::Outgoing) {
                let t = self.node_id(e.target());
                if ids.contains(t) {
                    found.push((e.id().index(), self.node_id(n), t, e.weight()));
                }
            }
        }
        found.sort_unstable_by_key(|f| f.0);
        found.into_iter().map(|(_, s, t, e)| (s, t, e)).collect()
    }
}
