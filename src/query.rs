//! Queries: trace down and up, coverage, tasks, comparison, text search.

use std::collections::HashSet;
use std::ops::{Bound, Range, RangeBounds};

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::corpus::{AgencyMatch, AgencyQuery};
use crate::date::Date;
use crate::deadline::{status_of, Deadline, TaskStatus};
use crate::error::{Error, ErrorKind};
use crate::graph::{Edge, FxBuild, LineageGraph, Node, NodeRef};
use crate::id::ClauseRef;
use crate::model::{Clause, Document, Provenance, Role};
use crate::task_index::{Entry, Place};
use crate::text::{contains_syllables, fold, syllables};

/// Options shared by the lineage queries.
///
/// ```
/// use directive_lineage::QueryOptions;
/// let opts = QueryOptions::new().with_inferred(true);
/// assert!(opts.includes_inferred());
/// ```
#[derive(Clone, Debug, Default)]
pub struct QueryOptions {
    with_inferred: bool,
}

impl QueryOptions {
    /// Curated and stated links only.
    pub fn new() -> QueryOptions {
        QueryOptions::default()
    }

    /// Also follow links proposed by alignment (provenance `inferred`);
    /// results mark them.
    pub fn with_inferred(mut self, yes: bool) -> QueryOptions {
        self.with_inferred = yes;
        self
    }

    /// Whether inferred links are followed.
    pub fn includes_inferred(&self) -> bool {
        self.with_inferred
    }

    fn follows(&self, e: &Edge) -> Option<Option<f32>> {
        match e {
            Edge::Implements { provenance: Provenance::Inferred, score } if self.with_inferred => {
                Some(*score)
            }
            Edge::Implements { provenance: Provenance::Inferred, .. } => None,
            Edge::Implements { .. } => Some(None),
            _ => None,
        }
    }
}

/// How a trace reached a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// The node the trace started from.
    Root,
    /// An implements link.
    Implements,
    /// A part of a clause or document reached before.
    Contains,
}

#[derive(Clone, Copy, Debug)]
struct RawHit {
    node: NodeIndex,
    parent: u32,
    depth: u32,
    via: Via,
    score: Option<f32>,
}

const NO_PARENT: u32 = u32::MAX;

/// The result of [`LineageGraph::trace_down`]: every clause, task and
/// document beneath a starting point, in breadth-first order, each with the
/// way it was reached.
pub struct Trace<'g> {
    graph: &'g LineageGraph,
    hits: Vec<RawHit>,
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
    pub score: Option<f32>,
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
            NodeRef::Clause(_, c) => {
                c.assignments.iter().filter(|a| a.role == role).map(|a| a.agency.as_str()).collect()
            }
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
        st.serialize_field("label", &node_label(h.node))?;
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

pub(crate) fn node_label(n: NodeRef<'_>) -> String {
    match n {
        NodeRef::Document(d) => format!("{}: {}", d.display_name(), d.title),
        NodeRef::Clause(_, c) => c.label().to_string(),
        NodeRef::Agency(a) => a.name.clone(),
        NodeRef::Jurisdiction(j) => j.name.clone(),
    }
}

/// One chain of [`LineageGraph::trace_up`]: from the start to a root, each
/// step with how it was taken.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chain {
    /// (node id, how it was reached) from the start (`Via::Root`) upward.
    pub steps: Vec<(String, Via)>,
}

/// Coverage of one central clause ([`LineageGraph::coverage`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageRow {
    /// The central clause id.
    pub clause: String,
    /// Its heading or text.
    pub label: String,
    /// Clause ids in the jurisdiction that implement it, directly or through
    /// the parts of an implementing clause.
    pub implemented_by: Vec<String>,
    /// Those reached only through inferred links, with their score.
    pub inferred: Vec<(String, f32)>,
}

impl CoverageRow {
    /// True when something implements the clause.
    pub fn is_covered(&self) -> bool {
        !self.implemented_by.is_empty()
    }
}

/// A task row of [`LineageGraph::tasks`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Task {
    /// Clause id.
    pub id: String,
    /// The document's official name (`Kế hoạch 162/KH-UBND`).
    pub document: String,
    /// Jurisdiction of the document.
    pub jurisdiction: String,
    /// Clause path.
    pub path: String,
    /// The task's content.
    pub text: String,
    /// Lead agencies as written.
    pub lead: Vec<String>,
    /// Cooperating agencies as written.
    pub cooperating: Vec<String>,
    /// Deadline as written.
    pub deadline: Option<String>,
    /// Last day the task may be done on, where the deadline gives one.
    pub due: Option<Date>,
    /// Status as of the filter's date (`None` when no date was given).
    pub status: Option<TaskStatus>,
    /// When the filter's agency is named only through a group, the group as
    /// written.
    pub via_group: Option<String>,
}

/// A task borrowed from the corpus ([`LineageGraph::task_refs`]).
#[derive(Clone, Copy, Debug)]
pub struct TaskRef<'g> {
    /// The document.
    pub document: &'g Document,
    /// The task's clause.
    pub clause: &'g Clause,
    /// Last day the task may be done on, where the deadline gives one.
    pub due: Option<Date>,
    /// Status as of the filter's date.
    pub status: Option<TaskStatus>,
    /// The group the filter's agency was matched through, as written.
    pub via_group: Option<&'g str>,
}

impl TaskRef<'_> {
    /// The clause id (`quang-ninh/2024/kh-ubnd/162#PL.7`).
    pub fn id(&self) -> String {
        format!("{}#{}", self.document.id, self.clause.path)
    }

    /// The owned row [`LineageGraph::tasks`] gives.
    pub fn to_task(&self) -> Task {
        let mut t =
            task_row(self.document, &self.document.display_name(), self.clause, self.due, self.status);
        t.via_group = self.via_group.map(str::to_string);
        t
    }
}

/// Which tasks [`LineageGraph::tasks`] returns. All conditions must hold.
///
/// ```
/// use directive_lineage::{Date, TaskFilter, TaskStatus};
/// let f = TaskFilter::new()
///     .agency("Sở Nội vụ")
///     .jurisdiction("quang-ninh")
///     .as_of("2025-08-01".parse::<Date>().unwrap())
///     .status(TaskStatus::Overdue);
/// # let _ = f;
/// ```
#[derive(Clone, Debug, Default)]
pub struct TaskFilter {
    agency: Option<String>,
    with_groups: bool,
    role: Option<Role>,
    jurisdiction: Option<String>,
    due_from: Option<Date>,
    due_to: Option<Date>,
    as_of: Option<Date>,
    status: Option<TaskStatus>,
}

impl TaskFilter {
    /// Every task.
    pub fn new() -> TaskFilter {
        TaskFilter::default()
    }

    /// Tasks assigned to this agency, named as people name it; aliases and
    /// tone-mark variants match.
    pub fn agency(mut self, name: &str) -> TaskFilter {
        self.agency = Some(name.to_string());
        self
    }

    /// Also match tasks assigned to a group the agency belongs to (`Các sở,
    /// ban, ngành` for `Sở Nội vụ`); such rows name the group in
    /// [`Task::via_group`].
    pub fn with_groups(mut self, yes: bool) -> TaskFilter {
        self.with_groups = yes;
        self
    }

    /// Only where the agency has this role.
    pub fn role(mut self, role: Role) -> TaskFilter {
        self.role = Some(role);
        self
    }

    /// Tasks of documents issued in this jurisdiction or in one it took over.
    pub fn jurisdiction(mut self, id: &str) -> TaskFilter {
        self.jurisdiction = Some(id.to_string());
        self
    }

    /// Tasks due on or after this date.
    pub fn due_from(mut self, d: Date) -> TaskFilter {
        self.due_from = Some(d);
        self
    }

    /// Tasks due on or before this date.
    pub fn due_to(mut self, d: Date) -> TaskFilter {
        self.due_to = Some(d);
        self
    }

    /// Compute each task's status as of this date.
    pub fn as_of(mut self, d: Date) -> TaskFilter {
        self.as_of = Some(d);
        self
    }

    /// Only tasks with this status (needs [`TaskFilter::as_of`]; without it
    /// the status is computed as of the latest date in the corpus).
    pub fn status(mut self, s: TaskStatus) -> TaskFilter {
        self.status = Some(s);
        self
    }
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

/// A clause found by [`LineageGraph::search`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    /// Clause id.
    pub id: String,
    /// Document's official name.
    pub document: String,
    /// Heading or text of the clause.
    pub text: String,
}

impl LineageGraph {
    /// Resolves a reference as people write it (see [`Corpus::resolve`](crate::Corpus::resolve))
    /// to a node of this graph.
    pub fn resolve(&self, input: &str) -> Result<ClauseRef, Error> {
        if self.contains(input.trim()) {
            if let Ok(r) = input.trim().parse() {
                return Ok(r);
            }
        }
        self.corpus().resolve(input)
    }

    fn start(&self, input: &str) -> Result<NodeIndex, Error> {
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
    /// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
    /// let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new()).unwrap();
    /// assert!(trace.contains("quang-ninh/2024/kh-ubnd/162#II.4"));
    /// assert!(trace.contains("quang-ninh/2024/kh-ubnd/162#PL.12"));
    /// ```
    pub fn trace_down(&self, start: &str, opts: &QueryOptions) -> Result<Trace<'_>, Error> {
        let s = self.start(start)?;
        Ok(self.trace_from(s, opts))
    }

    pub(crate) fn trace_from(&self, s: NodeIndex, opts: &QueryOptions) -> Trace<'_> {
        let mut hits = vec![RawHit { node: s, parent: NO_PARENT, depth: 0, via: Via::Root, score: None }];
        let mut seen: HashSet<NodeIndex, FxBuild> = HashSet::with_capacity_and_hasher(64, FxBuild::default());
        seen.insert(s);
        let mut i = 0;
        let mut next: Vec<(NodeIndex, Via, Option<f32>)> = Vec::new();
        while i < hits.len() {
            let h = hits[i];
            next.clear();
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
    /// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
    /// let chains = graph.trace_up("quang-ninh/2024/kh-ubnd/162#PL.13", &QueryOptions::new()).unwrap();
    /// assert!(chains.iter().any(|c| c.steps.iter().any(|(id, _)| id == "vn/2023/ct-tw/25#4")));
    /// ```
    pub fn trace_up(&self, start: &str, opts: &QueryOptions) -> Result<Vec<Chain>, Error> {
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

    /// For each clause of a central document, what implements it within a
    /// jurisdiction (successor-aware), or everywhere when `jurisdiction` is
    /// `None`.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, QueryOptions};
    /// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
    /// let rows = graph.coverage("25-CT/TW", Some("quang-ninh"), &QueryOptions::new()).unwrap();
    /// assert!(rows.iter().all(|r| r.is_covered()));
    /// ```
    pub fn coverage(
        &self,
        central: &str,
        jurisdiction: Option<&str>,
        opts: &QueryOptions,
    ) -> Result<Vec<CoverageRow>, Error> {
        // A canonical id through the index; people's forms search the corpus.
        let doc = match self.get(central.trim()) {
            Some(NodeRef::Document(d)) => d,
            _ => self.corpus().document_by_ref(central)?,
        };
        let family = jurisdiction.map(|j| self.jurisdiction_family(j));
        let own = match self.idx(doc.id.as_str()).map(|n| self.graph[n]) {
            Some(Node::Document(p)) => p,
            _ => u32::MAX,
        };
        let mut rows = Vec::with_capacity(doc.clauses.len());
        for c in &doc.clauses {
            let id = format!("{}#{}", doc.id, c.path);
            let Some(n) = self.idx(&id) else { continue };
            let trace = self.trace_from(n, opts);
            let mut implemented_by = Vec::with_capacity(trace.hits.len());
            let mut inferred = Vec::new();
            // Raw hits: a clause of another document is known from the node
            // itself (its document's position), without reading the document
            // unless a jurisdiction is asked for.
            let docs = self.corpus().documents();
            for h in &trace.hits[1..] {
                let Node::Clause(di, _) = self.graph[h.node] else { continue };
                if di == own {
                    continue;
                }
                if family.as_ref().is_some_and(|f| !f.contains(&docs[di as usize].jurisdiction)) {
                    continue;
                }
                let hit_id = self.node_id(h.node);
                implemented_by.push(hit_id.to_string());
                if let Some(s) = h.score {
                    inferred.push((hit_id.to_string(), s));
                }
            }
            rows.push(CoverageRow { clause: id, label: c.label().to_string(), implemented_by, inferred });
        }
        Ok(rows)
    }

    /// Compares two jurisdictions on one central document: which of its
    /// clauses both cover, only one covers, or neither.
    pub fn compare(
        &self,
        central: &str,
        first: &str,
        second: &str,
        opts: &QueryOptions,
    ) -> Result<Comparison, Error> {
        let a = self.coverage(central, Some(first), opts)?;
        let b = self.coverage(central, Some(second), opts)?;
        let mut out = Comparison {
            jurisdictions: (first.to_string(), second.to_string()),
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

    /// Tasks (clauses with an assignment or a deadline) matching a filter, in
    /// corpus order.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, TaskFilter, Role};
    /// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
    /// let tasks = graph.tasks(&TaskFilter::new().agency("Sở Nội vụ").role(Role::Cooperating).jurisdiction("quang-ninh"));
    /// assert!(tasks.iter().any(|t| t.path == "PL.7"));
    /// ```
    pub fn tasks(&self, filter: &TaskFilter) -> Vec<Task> {
        let found = self.task_refs(filter);
        // Rows in a second pass, into a vector of the right size: growing a
        // vector of large rows copied and freed them over and over.
        let mut out = Vec::with_capacity(found.len());
        let mut name: Option<(&Document, String)> = None; // display_name, once per document
        for t in found {
            if !name.as_ref().is_some_and(|(n, _)| std::ptr::eq(*n, t.document)) {
                name = Some((t.document, t.document.display_name()));
            }
            let mut row =
                task_row(t.document, &name.as_ref().expect("just set").1, t.clause, t.due, t.status);
            row.via_group = t.via_group.map(str::to_string);
            out.push(row);
        }
        out
    }

    /// The tasks [`LineageGraph::tasks`] returns, borrowed from the corpus
    /// instead of copied: for large answers where only a few fields are read.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, TaskFilter};
    /// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
    /// let f = TaskFilter::new().jurisdiction("quang-ninh");
    /// let refs = graph.task_refs(&f);
    /// assert_eq!(refs.len(), graph.tasks(&f).len());
    /// assert_eq!(refs[0].to_task().id, graph.tasks(&f)[0].id);
    /// ```
    pub fn task_refs(&self, filter: &TaskFilter) -> Vec<TaskRef<'_>> {
        // Without an agency, the task index has every field a filter reads.
        if filter.agency.is_none() {
            return self.task_refs_indexed(filter);
        }
        self.task_refs_scan(filter)
    }

    /// [`LineageGraph::task_refs`] by reading every clause, without the task
    /// index: the reference the indexed answers are tested against.
    #[doc(hidden)]
    pub fn task_refs_scan(&self, filter: &TaskFilter) -> Vec<TaskRef<'_>> {
        let family = filter.jurisdiction.as_ref().map(|j| self.jurisdiction_family(j));
        let as_of = filter.as_of.or_else(|| filter.status.map(|_| self.latest_date()));
        let mut agency = filter.agency.as_deref().map(|q| AgencyQuery::new(self.corpus(), q));
        let mut found = Vec::new();
        let docs = self.corpus().documents();
        // A jurisdiction's documents from the index, in corpus order; every
        // document otherwise.
        let positions: Box<dyn Iterator<Item = usize>> = match &family {
            Some(f) => {
                let mut v: Vec<u32> =
                    f.iter().filter_map(|j| self.by_jurisdiction.get(j)).flatten().copied().collect();
                v.sort_unstable();
                Box::new(v.into_iter().map(|i| i as usize))
            }
            None => Box::new(0..docs.len()),
        };
        for d in positions.map(|i| &docs[i]) {
            for c in d.clauses.iter().filter(|c| c.is_task()) {
                let mut via_group = None;
                if let Some(q) = agency.as_mut() {
                    let mut hit = false;
                    for a in c.assignments.iter().filter(|a| filter.role.is_none_or(|r| a.role == r)) {
                        match q.matches(&a.agency, &d.jurisdiction) {
                            AgencyMatch::Same => {
                                hit = true;
                                via_group = None;
                                break;
                            }
                            AgencyMatch::Group if filter.with_groups && via_group.is_none() => {
                                via_group = Some(a.agency.as_str());
                            }
                            _ => {}
                        }
                    }
                    if !hit && via_group.is_none() {
                        continue;
                    }
                } else if let Some(r) = filter.role {
                    if !c.assignments.iter().any(|a| a.role == r) {
                        continue;
                    }
                }
                let due = c.deadline.as_ref().and_then(Deadline::due);
                if filter.due_from.is_some_and(|f| due.is_none_or(|d| d < f)) {
                    continue;
                }
                if filter.due_to.is_some_and(|t| due.is_none_or(|d| d > t)) {
                    continue;
                }
                let status = as_of.map(|day| status_of(c.deadline.as_ref(), completion(c), day));
                if filter.status.is_some() && status != filter.status {
                    continue;
                }
                found.push(TaskRef { document: d, clause: c, due, status, via_group });
            }
        }
        found
    }

    /// [`LineageGraph::task_refs`] from the task index, for a filter without
    /// an agency: no clause is read, only the entries that can match.
    fn task_refs_indexed(&self, filter: &TaskFilter) -> Vec<TaskRef<'_>> {
        let as_of = filter.as_of.or_else(|| filter.status.map(|_| self.latest_date()));
        let window = due_window(filter, as_of);
        let keep = |e: &Entry| -> Option<Option<TaskStatus>> {
            if !window.contains(&e.due) || filter.role.is_some_and(|r| !e.has_role(r)) {
                return None;
            }
            let status = as_of.map(|day| e.status(day));
            (filter.status.is_none() || status == filter.status).then_some(status)
        };
        let docs = self.corpus().documents();
        let index = &self.task_index;
        let task_ref = |rank: usize, status| {
            let Place { doc, clause } = index.place(rank);
            let d = &docs[doc as usize];
            let due = index.entry(rank).due;
            TaskRef { document: d, clause: &d.clauses[clause as usize], due, status, via_group: None }
        };
        if let Some(j) = &filter.jurisdiction {
            // A jurisdiction's documents and their tasks, already in corpus
            // order: a province holds a thirtieth of the tasks, fewer than the
            // country's due range of an overdue query.
            let mut positions: Vec<u32> = self
                .jurisdiction_family(j)
                .iter()
                .filter_map(|j| self.by_jurisdiction.get(j))
                .flatten()
                .copied()
                .collect();
            positions.sort_unstable();
            return positions
                .iter()
                .flat_map(|&p| index.of_document(p as usize))
                .filter_map(|r| keep(index.entry(r)).map(|s| task_ref(r, s)))
                .collect();
        }
        let by_due = index.by_due();
        let range = due_range(by_due, &window);
        if range.len() == by_due.len() {
            // Nothing to skip: corpus order as it is.
            return (0..index.len()).filter_map(|r| keep(index.entry(r)).map(|s| task_ref(r, s))).collect();
        }
        // The dates that can match, marked by rank, read back in rank
        // (corpus) order: cheaper than sorting the hits.
        let mut marks = vec![0u64; index.len().div_ceil(64)];
        let mut count = 0;
        for (r, e) in &by_due[range] {
            if keep(e).is_some() {
                marks[*r as usize / 64] |= 1 << (r % 64);
                count += 1;
            }
        }
        let mut out = Vec::with_capacity(count);
        for (w, &bits) in marks.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let r = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                out.push(task_ref(r, as_of.map(|day| index.entry(r).status(day))));
            }
        }
        out
    }

    fn latest_date(&self) -> Date {
        self.corpus()
            .documents()
            .iter()
            .filter_map(|d| d.date)
            .max()
            .unwrap_or(Date::new(2000, 1, 1).expect("valid"))
    }

    /// Clauses whose heading or text contains `query` as a run of syllables,
    /// ignoring diacritics, case and tone-mark placement (`y te co so` finds
    /// `y tế cơ sở`).
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph};
    /// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
    /// let a = graph.search("đa dạng hoá");
    /// let b = graph.search("da dang hóa");
    /// assert!(!a.is_empty());
    /// assert_eq!(a, b);
    /// ```
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        let q = fold(query);
        let needle: Vec<&str> = syllables(&q).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for d in self.corpus().documents() {
            for c in &d.clauses {
                let hay = fold(&format!("{} {}", c.heading.as_deref().unwrap_or(""), c.text));
                let words: Vec<&str> = syllables(&hay).collect();
                if contains_syllables(&words, &needle) {
                    out.push(SearchHit {
                        id: format!("{}#{}", d.id, c.path),
                        document: d.display_name(),
                        text: c.label().to_string(),
                    });
                }
            }
        }
        out
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

impl LineageGraph {
    /// A clause's task status as of a day, as [`LineageGraph::tasks`]
    /// computes it; `None` for a clause that is not a task.
    pub(crate) fn task_status(&self, c: &Clause, day: Date) -> Option<TaskStatus> {
        c.is_task().then(|| status_of(c.deadline.as_ref(), completion(c), day))
    }

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

/// The due dates a filter allows (`None`, no due date, sorts first): its due
/// window, and for Overdue and DoneLate a date before the day; NoDeadline
/// needs none. Other statuses allow any date.
fn due_window(filter: &TaskFilter, as_of: Option<Date>) -> (Bound<Option<Date>>, Bound<Option<Date>>) {
    let dated = matches!(filter.status, Some(TaskStatus::Overdue | TaskStatus::DoneLate));
    let lo = match filter.due_from {
        Some(f) => Bound::Included(Some(f)),
        None if dated || filter.due_to.is_some() => Bound::Excluded(None),
        None => Bound::Unbounded,
    };
    let mut hi = Bound::Unbounded;
    let mut tighten = |b: Bound<Option<Date>>| {
        let key = |b: &Bound<Option<Date>>| match *b {
            // (bound, excluded): at the same date an excluded bound is tighter.
            Bound::Included(d) => Some((d, 1)),
            Bound::Excluded(d) => Some((d, 0)),
            Bound::Unbounded => None,
        };
        if key(&hi).is_none_or(|h| key(&b).is_some_and(|k| k < h)) {
            hi = b;
        }
    };
    if let Some(t) = filter.due_to {
        tighten(Bound::Included(Some(t)));
    }
    if let (true, Some(day)) = (dated, as_of) {
        tighten(Bound::Excluded(Some(day)));
    }
    if filter.status == Some(TaskStatus::NoDeadline) {
        tighten(Bound::Included(None));
    }
    (lo, hi)
}

/// The positions in `by_due` (sorted by due date) of the dates in `window`.
fn due_range(by_due: &[(u32, Entry)], window: &(Bound<Option<Date>>, Bound<Option<Date>>)) -> Range<usize> {
    let lo = by_due.partition_point(|(_, e)| match window.0 {
        Bound::Included(d) => e.due < d,
        Bound::Excluded(d) => e.due <= d,
        Bound::Unbounded => false,
    });
    let hi = by_due.partition_point(|(_, e)| match window.1 {
        Bound::Included(d) => e.due <= d,
        Bound::Excluded(d) => e.due < d,
        Bound::Unbounded => true,
    });
    lo..hi.max(lo)
}

/// A task's completion: the last lead's date once every lead has reported.
pub(crate) fn completion(c: &Clause) -> Option<Date> {
    let mut last: Option<Date> = None;
    for a in c.assignments.iter().filter(|a| a.role == Role::Lead) {
        let done = a.completed?; // a lead still at work: not done
        last = Some(last.map_or(done, |l| l.max(done)));
    }
    last
}

fn task_row(d: &Document, name: &str, c: &Clause, due: Option<Date>, status: Option<TaskStatus>) -> Task {
    let names = |r: Role| c.assignments.iter().filter(|a| a.role == r).map(|a| a.agency.clone()).collect();
    Task {
        id: format!("{}#{}", d.id, c.path),
        document: name.to_string(),
        jurisdiction: d.jurisdiction.clone(),
        path: c.path.clone(),
        text: c.label().to_string(),
        lead: names(Role::Lead),
        cooperating: names(Role::Cooperating),
        deadline: c.deadline.as_ref().map(|d| d.text().to_string()),
        due,
        status,
        via_group: None,
    }
}
