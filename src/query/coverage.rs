//! Coverage of a central document's clauses, and the comparison of two jurisdictions.

use std::collections::{HashMap, HashSet};
use std::fmt;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use crate::error::Result;
use crate::graph::{Edge, LineageGraph, Node, NodeRef};
use crate::hash::FxBuild;
use crate::model::{DocStatus, Document};

use super::{QueryOptions, Via};

/// How a central clause is covered ([`CoverageRow::status`]).
///
/// ```
/// use directive_lineage::CoverageStatus;
/// assert_eq!(CoverageStatus::TextOnly.to_string(), "text-only");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CoverageStatus {
    /// Tasks assigned to an agency implement it (directly or beneath an
    /// implementing clause).
    Tasks,
    /// Only text implements it: a heading copied, no task with an agency
    /// beneath it.
    TextOnly,
    /// Nothing implements it.
    NotCovered,
}

impl fmt::Display for CoverageStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CoverageStatus::Tasks => "tasks",
            CoverageStatus::TextOnly => "text-only",
            CoverageStatus::NotCovered => "not-covered",
        })
    }
}

/// Coverage of one central clause ([`LineageGraph::coverage`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageRow {
    /// The central clause id.
    pub clause: String,
    /// Its heading or text.
    pub label: String,
    /// Covered by tasks, by text only, or not.
    pub status: CoverageStatus,
    /// Whether it counts as covered: by anything, or with
    /// [`QueryOptions::tasks_only`] by tasks alone.
    pub covered: bool,
    /// Clause ids in the jurisdiction that implement it, directly or through
    /// the parts of an implementing clause.
    pub implemented_by: Vec<String>,
    /// Those of them that assign the task to an agency.
    pub tasks: Vec<String>,
    /// Those reached only through inferred links, with their score.
    pub inferred: Vec<(String, f64)>,
}

impl CoverageRow {
    /// True when the clause counts as covered ([`CoverageRow::covered`]).
    pub fn is_covered(&self) -> bool {
        self.covered
    }
}

/// The coverage of a central document ([`LineageGraph::coverage_of`]): its
/// clauses' rows, and what implements the document as a whole.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Coverage {
    /// The document's id.
    pub document: String,
    /// Its official name (`Chỉ thị 25-CT/TW`).
    pub name: String,
    /// What the corpus holds of it (`cited-only`: known only by citation).
    pub document_status: DocStatus,
    /// The jurisdiction asked for, resolved to its id.
    pub jurisdiction: Option<String>,
    /// Whether only task-level coverage counts ([`QueryOptions::tasks_only`]).
    pub tasks_only: bool,
    /// One row per clause; empty when the corpus knows none.
    pub clauses: Vec<CoverageRow>,
    /// Documents in the jurisdiction that implement the document as a
    /// whole (a citation saying so), in corpus order.
    pub implemented_whole_by: Vec<String>,
}

/// Result of [`LineageGraph::compare`], per central clause.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The two jurisdictions compared.
    pub jurisdictions: (String, String),
    /// Central clauses both cover.
    pub both: Vec<String>,
    /// Covered by the first only.
    pub only_first: Vec<String>,
    /// Covered by the second only.
    pub only_second: Vec<String>,
    /// Covered by neither.
    pub neither: Vec<String>,
}

impl LineageGraph {
    /// The jurisdiction ids `id` stands for: itself and every jurisdiction
    /// whose successor chain leads to it (Hưng Yên includes Thái Bình).
    pub fn jurisdiction_family(&self, id: &str) -> Vec<String> {
        let mut out = vec![id.to_string()];
        let mut i = 0;
        while i < out.len() {
            for j in self.corpus().jurisdictions() {
                if j.successor.as_deref() == Some(out[i].as_str()) && !out.contains(&j.id) {
                    out.push(j.id.clone());
                }
            }
            i += 1;
        }
        out
    }

    /// The family ([`LineageGraph::jurisdiction_family`]) of a jurisdiction
    /// as people write it ([`Corpus::resolve_jurisdiction`](crate::Corpus::resolve_jurisdiction):
    /// `Quảng Ninh`, `quangninh`), or the error naming the closest ids.
    pub(crate) fn known_jurisdiction_family(&self, input: &str) -> Result<Vec<String>> {
        Ok(self.jurisdiction_family(&self.corpus().resolve_jurisdiction(input)?))
    }

    /// For each clause of a central document, what implements it within a
    /// jurisdiction (successor-aware; written as people write it, see
    /// [`Corpus::resolve_jurisdiction`](crate::Corpus::resolve_jurisdiction)),
    /// or everywhere when `jurisdiction` is `None`. An unknown jurisdiction
    /// is an error with the closest ids, never an empty answer.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, CoverageStatus, LineageGraph, QueryOptions};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let rows = graph.coverage("25-CT/TW", Some("quang-ninh"), &QueryOptions::new()).unwrap();
    /// assert!(rows.iter().all(|r| r.is_covered()));
    /// // 56/KH-SYT, a news summary, copies the headings of 25-CT/TW's groups.
    /// let tb = graph.coverage("25-CT/TW", Some("Thái Bình"), &QueryOptions::new().tasks_only(true)).unwrap();
    /// assert!(tb.iter().all(|r| r.status == CoverageStatus::TextOnly && !r.is_covered()));
    /// ```
    pub fn coverage(
        &self,
        central: &str,
        jurisdiction: Option<&str>,
        opts: &QueryOptions,
    ) -> Result<Vec<CoverageRow>> {
        Ok(self.coverage_of(central, jurisdiction, opts)?.clauses)
    }

    /// As [`LineageGraph::coverage`], with what the rows do not say: the
    /// document's status, the jurisdiction resolved, and the documents that
    /// implement it as a whole. A document known only by citation usually
    /// has no clauses; those documents are then its coverage.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, QueryOptions, DocStatus};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let c = graph.coverage_of("281/QĐ-TTg", Some("Quảng Ninh"), &QueryOptions::new())?;
    /// assert_eq!(c.document_status, DocStatus::CitedOnly);
    /// assert!(c.clauses.is_empty());
    /// assert_eq!(c.implemented_whole_by, ["quang-ninh/2024/kh-ubnd/162"]);
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn coverage_of(
        &self,
        central: &str,
        jurisdiction: Option<&str>,
        opts: &QueryOptions,
    ) -> Result<Coverage> {
        // A canonical id through the index; people's forms search the corpus.
        let doc = match self.get(central.trim()) {
            Some(NodeRef::Document(d)) => d,
            _ => self.corpus().document_by_ref(central)?,
        };
        let jurisdiction = jurisdiction.map(|j| self.corpus().resolve_jurisdiction(j)).transpose()?;
        let family = jurisdiction.as_deref().map(|j| self.jurisdiction_family(j));
        let clauses = self.clause_coverage(doc, family.as_deref(), opts);
        let docs = self.corpus().documents();
        let mut implemented_whole_by: Vec<String> = Vec::new();
        if let Some(n) = self.idx(doc.id.as_str()) {
            let mut whole: Vec<u32> = self
                .graph
                .edges_directed(n, Direction::Incoming)
                .filter(|e| {
                    matches!(e.weight(), Edge::Implements { .. }) && opts.follows(e.weight()).is_some()
                })
                .filter_map(|e| match self.graph[e.source()] {
                    Node::Document(p) => Some(p),
                    _ => None,
                })
                .filter(|&p| family.as_ref().is_none_or(|f| f.contains(&docs[p as usize].jurisdiction)))
                .collect();
            whole.sort_unstable();
            whole.dedup();
            implemented_whole_by = whole.iter().map(|&p| docs[p as usize].id.to_string()).collect();
        }
        Ok(Coverage {
            document: doc.id.to_string(),
            name: doc.display_name(),
            document_status: doc.status,
            jurisdiction,
            tasks_only: opts.counts_tasks_only(),
            clauses,
            implemented_whole_by,
        })
    }

    /// The coverage rows of `doc`'s clauses within `family` (everywhere when
    /// `None`).
    fn clause_coverage(
        &self,
        doc: &Document,
        family: Option<&[String]>,
        opts: &QueryOptions,
    ) -> Vec<CoverageRow> {
        let own = match self.idx(doc.id.as_str()).map(|n| self.graph[n]) {
            Some(Node::Document(p)) => p,
            _ => u32::MAX,
        };
        let docs = self.corpus().documents();
        let keep = |n: NodeIndex| match self.graph[n] {
            // A clause of another document, in the jurisdictions asked for.
            Node::Clause(di, _) => {
                di != own && family.is_none_or(|f| f.contains(&docs[di as usize].jurisdiction))
            }
            _ => false,
        };
        let mut memo = HashMap::default();
        // Only links among the document's own clauses need the shared lists.
        let own_links = doc.clauses.iter().flat_map(|c| &c.implements).any(|i| i.target.doc() == &doc.id);
        let mut rows = Vec::with_capacity(doc.clauses.len());
        for c in &doc.clauses {
            let id = format!("{}#{}", doc.id, c.path);
            let Some(n) = self.idx(&id) else { continue };
            let hits = if own_links {
                self.implementers(n, own, opts, &keep, &mut memo)
            } else {
                let trace = self.trace_from(n, opts);
                trace.hits[1..].iter().filter(|h| keep(h.node)).map(|h| (h.node, h.score)).collect()
            };
            rows.push(self.coverage_row(id, c.label().to_string(), &hits, opts));
        }
        rows
    }

    /// One clause's row from the clauses implementing it.
    fn coverage_row(
        &self,
        clause: String,
        label: String,
        hits: &[(NodeIndex, Option<f64>)],
        opts: &QueryOptions,
    ) -> CoverageRow {
        let docs = self.corpus().documents();
        let assigns = |h: NodeIndex| match self.graph[h] {
            Node::Clause(d, c) => !docs[d as usize].clauses[c as usize].assignments.is_empty(),
            _ => false,
        };
        let implemented_by: Vec<String> = hits.iter().map(|&(h, _)| self.node_id(h).to_string()).collect();
        let tasks: Vec<String> =
            hits.iter().filter(|&&(h, _)| assigns(h)).map(|&(h, _)| self.node_id(h).to_string()).collect();
        let inferred =
            hits.iter().filter_map(|&(h, s)| s.map(|s| (self.node_id(h).to_string(), s))).collect();
        let status = match (tasks.is_empty(), implemented_by.is_empty()) {
            (false, _) => CoverageStatus::Tasks,
            (true, false) => CoverageStatus::TextOnly,
            (true, true) => CoverageStatus::NotCovered,
        };
        let covered = match status {
            CoverageStatus::Tasks => true,
            CoverageStatus::TextOnly => !opts.counts_tasks_only(),
            CoverageStatus::NotCovered => false,
        };
        CoverageRow { clause, label, status, covered, implemented_by, tasks, inferred }
    }

    /// The clauses that `keep` accepts among those implementing `n`,
    /// directly or through others, in trace order. Links between clauses of
    /// the document itself (`own`) are followed once each: every such
    /// clause's implementers are found once and shared (in `memo`), so a
    /// document whose clauses implement one another in a long chain costs
    /// time in proportion to its links, not to the chain's length squared.
    fn implementers(
        &self,
        n: NodeIndex,
        own: u32,
        opts: &QueryOptions,
        keep: &dyn Fn(NodeIndex) -> bool,
        memo: &mut HashMap<NodeIndex, Vec<(NodeIndex, Option<f64>)>, FxBuild>,
    ) -> Vec<(NodeIndex, Option<f64>)> {
        let own_link = |m: NodeIndex, via: Via| {
            via == Via::Implements && matches!(self.graph[m], Node::Clause(d, _) if d == own)
        };
        // Depth-first over the own-document links, each clause once: a
        // clause's list is made when those of the clauses it reaches are.
        // A clause waiting for the clauses it reaches keeps its own hits
        // and those clauses here, so that it is traced once.
        type Direct = (Vec<(NodeIndex, Option<f64>)>, Vec<NodeIndex>);
        let mut stack = vec![n];
        let mut waiting: HashMap<NodeIndex, Direct, FxBuild> = HashMap::default();
        while let Some(&m) = stack.last() {
            if memo.contains_key(&m) {
                stack.pop();
                continue;
            }
            let (mut list, kids) = match waiting.remove(&m) {
                Some(direct) => direct,
                None => {
                    let trace = self.trace_stopping(m, opts, own_link);
                    let hits = &trace.hits[1..];
                    // A trace lists each node once; only shared lists can repeat one.
                    let list: Vec<_> =
                        hits.iter().filter(|h| keep(h.node)).map(|h| (h.node, h.score)).collect();
                    let kids: Vec<_> =
                        hits.iter().filter(|h| own_link(h.node, h.via)).map(|h| h.node).collect();
                    // A clause still waiting is on a cycle (reported by validate).
                    let first: Vec<_> = kids
                        .iter()
                        .copied()
                        .filter(|k| !memo.contains_key(k) && !waiting.contains_key(k) && *k != m)
                        .collect();
                    if !first.is_empty() {
                        waiting.insert(m, (list, kids));
                        stack.extend(first);
                        continue;
                    }
                    (list, kids)
                }
            };
            stack.pop();
            if !kids.is_empty() {
                let mut seen: HashSet<NodeIndex, FxBuild> = list.iter().map(|&(h, _)| h).collect();
                for k in kids {
                    for &(h, s) in memo.get(&k).map(Vec::as_slice).unwrap_or_default() {
                        if seen.insert(h) {
                            list.push((h, s));
                        }
                    }
                }
            }
            memo.insert(m, list);
        }
        memo.get(&n).cloned().unwrap_or_default()
    }

    /// Compares two jurisdictions on one central document: which of its
    /// clauses both cover, only one covers, or neither. The jurisdictions
    /// are written as people write them (`Quảng Ninh`, `quangninh`); one that
    /// names none is an error with the closest ids, and
    /// [`Comparison::jurisdictions`] holds the ids resolved.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, QueryOptions};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let c = graph.compare("25-CT/TW", "Quảng Ninh", "thaibinh", &QueryOptions::new())?;
    /// assert_eq!(c.jurisdictions, ("quang-ninh".to_string(), "thai-binh".to_string()));
    /// assert_eq!(c.both.len(), 5);
    /// assert!(graph.compare("25-CT/TW", "quangnin", "thai-binh", &QueryOptions::new()).is_err());
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn compare(
        &self,
        central: &str,
        first: &str,
        second: &str,
        opts: &QueryOptions,
    ) -> Result<Comparison> {
        let corpus = self.corpus();
        let (first, second) = (corpus.resolve_jurisdiction(first)?, corpus.resolve_jurisdiction(second)?);
        let a = self.coverage(central, Some(&first), opts)?;
        let b = self.coverage(central, Some(&second), opts)?;
        let mut out = Comparison {
            jurisdictions: (first, second),
            both: Vec::new(),
            only_first: Vec::new(),
            only_second: Vec::new(),
            neither: Vec::new(),
        };
        for (x, y) in a.iter().zip(&b) {
            let list = match (x.is_covered(), y.is_covered()) {
                (true, true) => &mut out.both,
                (true, false) => &mut out.only_first,
                (false, true) => &mut out.only_second,
                (false, false) => &mut out.neither,
            };
            list.push(x.clause.clone());
        }
        Ok(out)
    }
}
