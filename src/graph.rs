//! The lineage graph: documents, clauses, agencies and jurisdictions as
//! nodes; contains, implements, assigns, cites, issued-in and succeeded-by as
//! edges. Validation reports every problem at once.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use serde::Serialize;

use crate::corpus::{AgencyRef, Corpus};
use crate::error::Error;
use crate::id::{is_clause_path, ClauseRef};
use crate::ids::IdIndex;
use crate::model::{Clause, Document, Implements, Jurisdiction, Provenance, Relation, Role};
use crate::task_index::TaskIndex;

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
        score: Option<f32>,
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
    Agency(&'g AgencyRef),
    /// A jurisdiction.
    Jurisdiction(&'g Jurisdiction),
}

impl<'g> NodeRef<'g> {
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

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The data is wrong; `lineage check` exits 1.
    Error,
    /// Worth a look; the data can still be used.
    Warning,
}

/// Which validation rule a problem breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Rule {
    /// Two documents, or two clauses of one document, share an id.
    DuplicateId,
    /// A reference names a document, clause or jurisdiction not in the corpus.
    DanglingReference,
    /// A clause path is malformed.
    InvalidPath,
    /// Implements links form a cycle.
    ImplementsCycle,
    /// A clause implements one of lower authority.
    AuthorityInversion,
    /// A deadline falls before the document's date of issue.
    DeadlineBeforeIssue,
    /// An agency name is not in the alias table.
    UnknownAgency,
    /// A deadline's text could not be read.
    UnreadDeadline,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rule::DuplicateId => "duplicate-id",
            Rule::DanglingReference => "dangling-reference",
            Rule::InvalidPath => "invalid-path",
            Rule::ImplementsCycle => "implements-cycle",
            Rule::AuthorityInversion => "authority-inversion",
            Rule::DeadlineBeforeIssue => "deadline-before-issue",
            Rule::UnknownAgency => "unknown-agency",
            Rule::UnreadDeadline => "unread-deadline",
        })
    }
}

/// A problem found in the data, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The rule broken.
    pub rule: Rule,
    /// The corpus file, when the document came from one.
    pub file: Option<PathBuf>,
    /// The document id.
    pub document: Option<String>,
    /// The clause path.
    pub clause: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: ", self.rule)?;
        if let Some(file) = &self.file {
            write!(f, "{}: ", file.display())?;
        }
        match (&self.document, &self.clause) {
            (Some(d), Some(c)) => write!(f, "{d}#{c}: ")?,
            (Some(d), None) => write!(f, "{d}: ")?,
            _ => {}
        }
        f.write_str(&self.message)
    }
}

/// The multiply-rotate hash of rustc (FxHash): ids are short strings hashed
/// a million times in a build, where SipHash was a tenth of the time. The
/// keys are the user's own data, so flooding resistance buys nothing here.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;

fn push_problem(
    problems: &mut Vec<Problem>,
    corpus: &Corpus,
    severity: Severity,
    rule: Rule,
    doc: Option<usize>,
    clause: Option<&str>,
    message: String,
) {
    let (file, document) = match doc {
        Some(i) => (corpus.origin(i).map(|p| p.to_path_buf()), Some(corpus.documents()[i].id.to_string())),
        None => (None, None),
    };
    problems.push(Problem { severity, rule, file, document, clause: clause.map(str::to_string), message });
}

/// The lineage graph built from a [`Corpus`].
///
/// Node ids are strings: a document's canonical id, `{doc id}#{path}` for a
/// clause, `agency:{jurisdiction}/{key}` and `jurisdiction:{id}`.
/// Iteration follows corpus order, so every export is deterministic.
///
/// ```
/// use directive_lineage::{Corpus, LineageGraph};
/// let corpus = Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap();
/// let graph = LineageGraph::build(corpus);
/// assert!(graph.validate().iter().all(|p| p.severity != directive_lineage::Severity::Error));
/// assert!(graph.contains("vn/2023/ct-tw/25#4"));
/// ```
pub struct LineageGraph {
    corpus: Corpus,
    pub(crate) graph: StableDiGraph<Node, Edge>,
    pub(crate) index: IdIndex,
    agencies: Vec<AgencyRef>,
    build_problems: Vec<Problem>,
    /// Positions of the documents of each jurisdiction, in corpus order, so
    /// that a query on one province reads that province only.
    pub(crate) by_jurisdiction: FxHashMap<String, Vec<u32>>,
    /// Every task with its due date, for task queries that need no clause.
    pub(crate) task_index: crate::task_index::TaskIndex,
}

impl LineageGraph {
    /// Builds the graph. Never fails: what does not fit (a dangling
    /// reference, a duplicate id) is left out of the graph and reported by
    /// [`LineageGraph::validate`].
    pub fn build(mut corpus: Corpus) -> LineageGraph {
        let (docs, origins) = corpus.take_documents();
        // Exact capacities: growing by doubling at a million nodes would hold
        // both the old and the new arrays at once.
        let clauses: usize = docs.iter().map(|d| d.clauses.len()).sum();
        let links: usize = docs
            .iter()
            .map(|d| {
                d.citations.len()
                    + d.clauses.iter().map(|c| c.implements.len() + c.assignments.len()).sum::<usize>()
            })
            .sum();
        let id_bytes: usize = docs
            .iter()
            .map(|d| {
                d.id.as_str().len() * (1 + d.clauses.len())
                    + d.clauses.iter().map(|c| c.path.len() + 1).sum::<usize>()
            })
            .sum();
        let size = Size { documents: docs.len(), clauses, links, id_bytes };
        let mut b = Builder::new(corpus, size);
        for (d, o) in docs.into_iter().zip(origins) {
            b.add(d, o);
        }
        b.finish()
    }

    /// Loads a data directory (as [`Corpus::load`]) and builds its graph:
    /// the same graph as `LineageGraph::build(Corpus::load(dir)?)`, built
    /// while the corpus files are still being read and parsed, so that a
    /// national corpus is ready sooner.
    ///
    /// ```
    /// use directive_lineage::{Corpus, LineageGraph};
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    /// let graph = LineageGraph::load(dir).unwrap();
    /// assert_eq!(graph.node_count(), LineageGraph::build(Corpus::load(dir).unwrap()).node_count());
    /// ```
    pub fn load(dir: impl AsRef<Path>) -> Result<LineageGraph, Error> {
        let dir = dir.as_ref();
        let (tables, files) = Corpus::load_tables(dir)?;
        let bytes: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
        // Generated and curated corpora hold a clause per 500–700 bytes of
        // JSON; room for a little more than that saves regrowing the arrays.
        let clauses = (bytes / 500) as usize;
        let size = Size { documents: clauses / 12, clauses, links: clauses * 2, id_bytes: clauses * 48 };
        let mut b = Builder::new(tables, size);
        for f in &files {
            let origin = Some(f.clone());
            let fits = {
                let file = std::fs::File::open(f).map_err(|e| Error::io(f, e))?;
                crate::corpus::parse_pieces(file, &mut |docs| {
                    for d in docs {
                        b.add(d, origin.clone());
                    }
                })
                .map_err(|e| Error::io(f, e))?
            };
            if !fits {
                // A layout the piecewise reader cannot split, or an error:
                // the plain way reads every file whole and says where.
                return Ok(LineageGraph::build(Corpus::load(dir)?));
            }
        }
        Ok(b.finish())
    }
}

/// Expected sizes, for the capacity of the graph's arrays.
struct Size {
    documents: usize,
    clauses: usize,
    links: usize,
    id_bytes: usize,
}

/// A link not found when its document was added: its target may come later.
enum Pending {
    Citation { doc: u32, from: NodeIndex, k: u32 },
    Implements { doc: u32, clause: u32, from: NodeIndex, k: u32 },
    Source { doc: u32, clause: u32, k: u32 },
}

/// Adds documents one at a time: [`LineageGraph::load`] builds each piece of
/// a corpus as soon as it is parsed, while its clauses are still in cache.
struct Builder {
    g: LineageGraph,
    /// Resolved agencies by jurisdiction and name as written: names repeat
    /// across thousands of clauses, and resolution folds Unicode.
    resolved: FxHashMap<String, FxHashMap<String, (NodeIndex, bool)>>,
    agency_ids: FxHashMap<String, u32>,
    pending: Vec<Pending>,
    key: String,
}

impl Builder {
    /// A builder for the documents of a corpus holding only its tables.
    fn new(corpus: Corpus, size: Size) -> Builder {
        let tables = corpus.agencies().len() * corpus.jurisdictions().len().max(1);
        let n = size.documents + size.clauses + corpus.jurisdictions().len() + tables.min(size.clauses);
        let e = size.links + size.clauses + size.documents + corpus.jurisdictions().len();
        let mut g = LineageGraph {
            graph: StableDiGraph::with_capacity(n, e),
            index: IdIndex::with_capacity(
                n,
                size.documents + corpus.jurisdictions().len() + tables.min(size.clauses),
                size.documents,
                size.id_bytes + 64 * tables.min(size.clauses),
            ),
            agencies: Vec::new(),
            build_problems: Vec::new(),
            by_jurisdiction: FxHashMap::default(),
            task_index: TaskIndex::with_capacity(size.documents, size.clauses),
            corpus,
        };
        g.corpus.reserve_documents(size.documents);
        g.add_jurisdictions();
        Builder {
            g,
            resolved: FxHashMap::default(),
            agency_ids: FxHashMap::default(),
            pending: Vec::new(),
            key: String::new(),
        }
    }

    /// Adds a document: its node, its clauses with their contains and
    /// assigns edges, and the links whose targets are already there.
    fn add(&mut self, doc: Document, origin: Option<PathBuf>) {
        let i = self.g.corpus.documents().len();
        // Every document's tasks, duplicates too: task queries read the corpus.
        self.g.task_index.add_document(i, &doc);
        self.g.corpus.push_document(doc, origin);
        let LineageGraph { corpus, graph, index, agencies, build_problems, by_jurisdiction, .. } =
            &mut self.g;
        let corpus: &Corpus = corpus;
        let doc = &corpus.documents()[i];
        let id = doc.id.as_str();
        // The id first: a duplicate gets no node, and otherwise the id's
        // position is the index of the node added next.
        let dn = match index.insert(id) {
            Ok(at) => {
                let dn = graph.add_node(Node::Document(i as u32));
                debug_assert_eq!(at, dn.index(), "node index = id position");
                dn
            }
            Err(prev) => {
                let prev = match graph[NodeIndex::new(prev)] {
                    Node::Document(p) => corpus.origin(p as usize),
                    _ => None,
                };
                let where_prev = prev.map(|p| format!(" (first in {})", p.display())).unwrap_or_default();
                let msg = format!("document id {id} is used twice{where_prev}");
                push_problem(build_problems, corpus, Severity::Error, Rule::DuplicateId, Some(i), None, msg);
                return;
            }
        };
        let j = doc.jurisdiction.as_str();
        match by_jurisdiction.get_mut(j) {
            Some(v) => v.push(i as u32),
            None => {
                by_jurisdiction.insert(j.to_string(), vec![i as u32]);
            }
        }
        self.key.clear();
        self.key.push_str("jurisdiction:");
        self.key.push_str(j);
        match index.get(&self.key) {
            Some(jn) => {
                graph.add_edge(dn, NodeIndex::new(jn), Edge::IssuedIn);
            }
            None if corpus.jurisdictions().is_empty() => {}
            None => {
                let msg = format!("unknown jurisdiction {j}");
                push_problem(
                    build_problems,
                    corpus,
                    Severity::Error,
                    Rule::DanglingReference,
                    Some(i),
                    None,
                    msg,
                );
            }
        }

        // Clause nodes first: a parent may follow its child. A path used
        // twice keeps its first clause: sorting by (path, position) puts the
        // repeats right after it.
        let n_clauses = doc.clauses.len();
        let valid: Vec<bool> = doc.clauses.iter().map(|c| is_clause_path(&c.path)).collect();
        let mut order: Vec<u32> = (0..n_clauses as u32).filter(|&c| valid[c as usize]).collect();
        order.sort_unstable_by(|&x, &y| {
            doc.clauses[x as usize].path.cmp(&doc.clauses[y as usize].path).then(x.cmp(&y))
        });
        let mut repeated = vec![false; n_clauses];
        for w in order.windows(2) {
            if doc.clauses[w[0] as usize].path == doc.clauses[w[1] as usize].path {
                repeated[w[1] as usize] = true;
            }
        }
        let mut paths: Vec<&str> = Vec::with_capacity(n_clauses);
        let mut kept: Vec<u32> = Vec::with_capacity(n_clauses);
        for (c, clause) in doc.clauses.iter().enumerate() {
            let path = clause.path.as_str();
            let problem = if !valid[c] {
                Some((Rule::InvalidPath, format!("malformed clause path {path:?}")))
            } else if repeated[c] {
                Some((Rule::DuplicateId, format!("clause path {path} is used twice")))
            } else {
                None
            };
            match problem {
                Some((rule, msg)) => {
                    push_problem(build_problems, corpus, Severity::Error, rule, Some(i), Some(path), msg)
                }
                None => {
                    paths.push(path);
                    kept.push(c as u32);
                }
            }
        }
        let first = index.add_parts(dn.index(), id, &paths);
        let mut nodes: Vec<Option<NodeIndex>> = vec![None; n_clauses];
        for (k, &c) in kept.iter().enumerate() {
            let n = graph.add_node(Node::Clause(i as u32, c));
            debug_assert_eq!(n.index(), first + k, "node index = id position");
            nodes[c as usize] = Some(n);
        }
        let names = match self.resolved.get_mut(j) {
            Some(m) => m,
            None => self.resolved.entry(j.to_string()).or_default(),
        };
        for (clause, n) in doc.clauses.iter().zip(&nodes) {
            let Some(n) = *n else { continue };
            let mut parent = dn;
            let mut p = clause.path.as_str();
            while let Some((head, _)) = p.rsplit_once('.') {
                if let Some(pn) = index.part(dn.index(), id.len(), head) {
                    parent = NodeIndex::new(pn);
                    break;
                }
                p = head;
            }
            graph.add_edge(parent, n, Edge::Contains);
            for (k, a) in clause.assignments.iter().enumerate() {
                let (an, known) = match names.get(a.agency.as_str()) {
                    Some(&hit) => hit,
                    None => {
                        let r = corpus.resolve_agency(&a.agency, j);
                        let known = r.known;
                        let ai = *self.agency_ids.entry(r.id.clone()).or_insert_with(|| {
                            agencies.push(r.clone());
                            (agencies.len() - 1) as u32
                        });
                        let key = format!("agency:{}", r.id);
                        let an = match index.insert(&key) {
                            Err(p) => NodeIndex::new(p),
                            Ok(at) => {
                                let an = graph.add_node(Node::Agency(ai));
                                debug_assert_eq!(at, an.index(), "node index = id position");
                                an
                            }
                        };
                        names.insert(a.agency.clone(), (an, known));
                        (an, known)
                    }
                };
                if !known {
                    let msg = format!("agency {:?} is not in the alias table", a.agency);
                    push_problem(
                        build_problems,
                        corpus,
                        Severity::Warning,
                        Rule::UnknownAgency,
                        Some(i),
                        Some(&clause.path),
                        msg,
                    );
                }
                graph.add_edge(n, an, Edge::Assigns { role: a.role, index: k as u32 });
            }
        }

        // Links whose targets are known now; the others wait for `finish`.
        let key = &mut self.key;
        let mut lookup = |r: &ClauseRef| {
            key.clear();
            key.push_str(r.doc().as_str());
            if let Some(p) = r.path() {
                key.push('#');
                key.push_str(p);
            }
            index.get(key).map(NodeIndex::new)
        };
        for (k, link) in doc.citations.iter().enumerate() {
            match index.get(link.target.as_str()) {
                Some(t) => {
                    graph.add_edge(dn, NodeIndex::new(t), citation_edge(link.relation));
                }
                None => self.pending.push(Pending::Citation { doc: i as u32, from: dn, k: k as u32 }),
            }
        }
        for (c, (clause, cn)) in doc.clauses.iter().zip(&nodes).enumerate() {
            let Some(cn) = *cn else { continue };
            for (k, imp) in clause.implements.iter().enumerate() {
                match lookup(&imp.target) {
                    Some(t) => {
                        graph.add_edge(cn, t, implements_edge(imp));
                    }
                    None => self.pending.push(Pending::Implements {
                        doc: i as u32,
                        clause: c as u32,
                        from: cn,
                        k: k as u32,
                    }),
                }
            }
            for (k, s) in clause.sources.iter().enumerate() {
                if lookup(s).is_none() {
                    self.pending.push(Pending::Source { doc: i as u32, clause: c as u32, k: k as u32 });
                }
            }
        }
    }

    /// Adds the links that waited for a later document; those still without
    /// a target are reported as dangling.
    fn finish(self) -> LineageGraph {
        let Builder { mut g, pending, .. } = self;
        g.task_index.finish();
        let LineageGraph { corpus, graph, index, build_problems, .. } = &mut g;
        let corpus: &Corpus = corpus;
        let docs = corpus.documents();
        for p in pending {
            let (doc, clause, found, from, msg) = match p {
                Pending::Citation { doc, from, k } => {
                    let link = &docs[doc as usize].citations[k as usize];
                    let found = index.get(link.target.as_str()).map(NodeIndex::new);
                    let edge = found.map(|t| (t, citation_edge(link.relation)));
                    let msg = format!("cites unknown document {} ({})", link.target, link.text);
                    (doc, link.clause.as_deref(), edge, Some(from), msg)
                }
                Pending::Implements { doc, clause, from, k } => {
                    let c = &docs[doc as usize].clauses[clause as usize];
                    let imp = &c.implements[k as usize];
                    let found = index.get(&imp.target.to_string()).map(NodeIndex::new);
                    let edge = found.map(|t| (t, implements_edge(imp)));
                    (
                        doc,
                        Some(c.path.as_str()),
                        edge,
                        Some(from),
                        format!("implements unknown {}", imp.target),
                    )
                }
                Pending::Source { doc, clause, k } => {
                    let c = &docs[doc as usize].clauses[clause as usize];
                    let s = &c.sources[k as usize];
                    let found = index.get(&s.to_string()).map(|t| (NodeIndex::new(t), Edge::Contains));
                    (doc, Some(c.path.as_str()), found, None, format!("reconstructed from unknown {s}"))
                }
            };
            match (found, from) {
                (Some((t, e)), Some(from)) => {
                    graph.add_edge(from, t, e);
                }
                (Some(_), None) => {} // a source found: nothing to draw
                (None, _) => push_problem(
                    build_problems,
                    corpus,
                    Severity::Error,
                    Rule::DanglingReference,
                    Some(doc as usize),
                    clause,
                    msg,
                ),
            }
        }
        g
    }
}

fn citation_edge(relation: Relation) -> Edge {
    match relation {
        Relation::Implements => Edge::Implements { provenance: Provenance::Stated, score: None },
        r => Edge::Cites(r),
    }
}

fn implements_edge(imp: &Implements) -> Edge {
    Edge::Implements { provenance: imp.provenance, score: imp.score.map(|s| s as f32) }
}

impl LineageGraph {
    fn add_jurisdictions(&mut self) {
        for (i, j) in self.corpus.jurisdictions().iter().enumerate() {
            let key = format!("jurisdiction:{}", j.id);
            if let Ok(at) = self.index.insert(&key) {
                let n = self.graph.add_node(Node::Jurisdiction(i as u32));
                debug_assert_eq!(at, n.index(), "node index = id position");
            } else {
                self.build_problems.push(Problem {
                    severity: Severity::Error,
                    rule: Rule::DuplicateId,
                    file: None,
                    document: None,
                    clause: None,
                    message: format!("jurisdiction {} is listed twice", j.id),
                });
            }
        }
        let pairs: Vec<(String, String)> = self
            .corpus
            .jurisdictions()
            .iter()
            .filter_map(|j| j.successor.as_ref().map(|s| (j.id.clone(), s.clone())))
            .collect();
        for (from, to) in pairs {
            match (self.idx(&format!("jurisdiction:{from}")), self.idx(&format!("jurisdiction:{to}"))) {
                (Some(a), Some(b)) => {
                    self.graph.add_edge(a, b, Edge::SucceededBy);
                }
                _ => self.build_problems.push(Problem {
                    severity: Severity::Error,
                    rule: Rule::DanglingReference,
                    file: None,
                    document: None,
                    clause: None,
                    message: format!("jurisdiction {from} names unknown successor {to}"),
                }),
            }
        }
    }
}

impl LineageGraph {
    /// Every problem in the data, errors first, each with where it is.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = self.build_problems.clone();
        self.check_cycles(&mut out);
        self.check_authority(&mut out);
        self.check_deadlines(&mut out);
        out.sort_by_key(|p| p.severity);
        out
    }

    fn located(&self, n: NodeIndex, severity: Severity, rule: Rule, message: String) -> Problem {
        let (doc, clause) = match self.graph[n] {
            Node::Document(d) => (Some(d as usize), None),
            Node::Clause(d, c) => {
                (Some(d as usize), Some(self.corpus.documents()[d as usize].clauses[c as usize].path.clone()))
            }
            _ => (None, None),
        };
        Problem {
            severity,
            rule,
            file: doc.and_then(|d| self.corpus.origin(d)).map(|p| p.to_path_buf()),
            document: doc.map(|d| self.corpus.documents()[d].id.to_string()),
            clause,
            message,
        }
    }

    fn check_cycles(&self, out: &mut Vec<Problem>) {
        // Iterative DFS colouring over implements edges; each back edge closes
        // a cycle, printed from its first node round to itself. Colours in a
        // vector by node index (nodes are never removed) and one shared stack
        // of pending targets: no map and no allocation per node.
        let mut state = vec![0u8; petgraph::visit::NodeIndexable::node_bound(&self.graph)];
        let mut reported: HashSet<Vec<NodeIndex>> = HashSet::new();
        let mut frames: Vec<(NodeIndex, usize)> = Vec::new();
        let mut pending: Vec<NodeIndex> = Vec::new();
        let mut path: Vec<NodeIndex> = Vec::new();
        let push_out = |pending: &mut Vec<NodeIndex>, n: NodeIndex| {
            pending.extend(
                self.graph
                    .edges_directed(n, Direction::Outgoing)
                    .filter(|e| matches!(e.weight(), Edge::Implements { .. }))
                    .map(|e| e.target()),
            );
        };
        for start in (0..self.index.len()).map(NodeIndex::new) {
            if state[start.index()] != 0 {
                continue;
            }
            state[start.index()] = 1;
            path.push(start);
            frames.push((start, 0));
            push_out(&mut pending, start);
            while let Some(&(n, base)) = frames.last() {
                if pending.len() == base {
                    frames.pop();
                    state[n.index()] = 2;
                    path.pop();
                    continue;
                }
                let m = pending.pop().expect("above base");
                match state[m.index()] {
                    0 => {
                        state[m.index()] = 1;
                        path.push(m);
                        frames.push((m, pending.len()));
                        push_out(&mut pending, m);
                    }
                    1 => {
                        let pos = path.iter().position(|&p| p == m).unwrap_or(0);
                        let cycle: Vec<NodeIndex> = path[pos..].to_vec();
                        let mut key = cycle.clone();
                        key.sort();
                        if reported.insert(key) {
                            let mut names: Vec<String> =
                                cycle.iter().map(|&c| self.node_id(c).to_string()).collect();
                            names.push(self.node_id(m).to_string());
                            out.push(self.located(
                                m,
                                Severity::Error,
                                Rule::ImplementsCycle,
                                format!("implements cycle: {}", names.join(" -> ")),
                            ));
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn check_authority(&self, out: &mut Vec<Problem>) {
        for e in (&self.graph).edge_references() {
            if !matches!(e.weight(), Edge::Implements { .. }) {
                continue;
            }
            let (Some(a), Some(b)) = (self.node(e.source()).document(), self.node(e.target()).document())
            else {
                continue;
            };
            if a.authority() < b.authority() {
                out.push(self.located(
                    e.source(),
                    Severity::Error,
                    Rule::AuthorityInversion,
                    format!(
                        "{} ({} {:?}) implements {} ({} {:?}) of lower authority",
                        self.node_id(e.source()),
                        a.level,
                        a.branch,
                        self.node_id(e.target()),
                        b.level,
                        b.branch
                    ),
                ));
            }
        }
    }

    fn check_deadlines(&self, out: &mut Vec<Problem>) {
        for (i, d) in self.corpus.documents().iter().enumerate() {
            for c in &d.clauses {
                let deadlines =
                    c.deadline.iter().chain(c.assignments.iter().filter_map(|a| a.deadline.as_ref()));
                for dl in deadlines {
                    let loc = |sev, rule, msg| Problem {
                        severity: sev,
                        rule,
                        file: self.corpus.origin(i).map(|p| p.to_path_buf()),
                        document: Some(d.id.to_string()),
                        clause: Some(c.path.clone()),
                        message: msg,
                    };
                    if !dl.is_understood() {
                        out.push(loc(
                            Severity::Warning,
                            Rule::UnreadDeadline,
                            format!("deadline {:?} could not be read; kept as text", dl.text()),
                        ));
                    }
                    if let (Some(due), Some(issued)) = (dl.due(), d.date) {
                        if due < issued {
                            out.push(loc(
                                Severity::Error,
                                Rule::DeadlineBeforeIssue,
                                format!(
                                    "deadline {:?} ({due}) is before the date of issue {issued}",
                                    dl.text()
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }

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
    pub fn agencies(&self) -> &[AgencyRef] {
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
