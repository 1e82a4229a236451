//! Building the graph from a corpus, document by document.

use std::path::{Path, PathBuf};

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use super::interning::IdIndex;
use super::task_index::TaskIndex;
use super::validate::{push_problem, Problem, Rule, Severity};
use super::{Edge, LineageGraph, Node};
use crate::corpus::{Agency, Corpus};
use crate::error::{Error, Result};
use crate::hash::FxHashMap;
use crate::model::identity::{is_clause_path, ClauseId};
use crate::model::{Document, Implements, Provenance, Relation};

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
    pub fn load(dir: impl AsRef<Path>) -> Result<LineageGraph> {
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
            let first = b.g.corpus.documents().len();
            let fits = {
                let file = crate::corpus::open_regular(f)?;
                b.g.corpus.stamp(f, &file);
                crate::corpus::parse_pieces(file, &mut |docs| {
                    for d in docs {
                        b.add(d, origin.clone());
                    }
                })
                .map_err(|e| Error::io(f, e))?
            };
            let Some(changes) = fits else {
                // A layout the piecewise reader cannot split, or an error:
                // the plain way reads every file whole and says where.
                return Ok(LineageGraph::build(Corpus::load(dir)?));
            };
            b.g.corpus.warn_changes(Some(f), None, first, changes);
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
        let Some(dn) = self.g.add_document_node(i) else { return };
        self.g.add_to_jurisdiction(i, dn, &mut self.key);
        let nodes = self.g.add_clause_nodes(i, dn);
        self.add_contains_and_assigns(i, dn, &nodes);
        self.add_known_links(i, dn, &nodes);
    }

    /// Each kept clause's contains edge from its parent and its assigns
    /// edges, resolving each agency name once per jurisdiction.
    fn add_contains_and_assigns(&mut self, i: usize, dn: NodeIndex, nodes: &[Option<NodeIndex>]) {
        let Builder { g, resolved, agency_ids, .. } = self;
        let LineageGraph { corpus, graph, index, agencies, build_problems, .. } = g;
        let corpus: &Corpus = corpus;
        let doc = &corpus.documents()[i];
        let (id, j) = (doc.id.as_str(), doc.jurisdiction.as_str());
        let names = match resolved.get_mut(j) {
            Some(m) => m,
            None => resolved.entry(j.to_string()).or_default(),
        };
        for (c, (clause, n)) in doc.clauses.iter().zip(nodes).enumerate() {
            let Some(n) = *n else { continue };
            graph.add_edge(parent_node(index, dn, id, &clause.path), n, Edge::Contains);
            for (k, a) in clause.assignments.iter().enumerate() {
                let (an, known) = match names.get(a.agency.as_str()) {
                    Some(&hit) => hit,
                    None => {
                        let r = corpus.resolve_agency(&a.agency, j);
                        let an = agency_node(graph, index, agencies, agency_ids, &r);
                        names.insert(a.agency.clone(), (an, r.known));
                        (an, r.known)
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
                        Some(c),
                        msg,
                    );
                }
                graph.add_edge(n, an, Edge::Assigns { role: a.role, index: k as u32 });
            }
        }
    }

    /// Links whose targets are known now; the others wait for `finish`.
    fn add_known_links(&mut self, i: usize, dn: NodeIndex, nodes: &[Option<NodeIndex>]) {
        let Builder { g, pending, key, .. } = self;
        let LineageGraph { corpus, graph, index, .. } = g;
        let doc = &corpus.documents()[i];
        let mut lookup = |r: &ClauseId| {
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
                None => pending.push(Pending::Citation { doc: i as u32, from: dn, k: k as u32 }),
            }
        }
        for (c, (clause, cn)) in doc.clauses.iter().zip(nodes).enumerate() {
            let Some(cn) = *cn else { continue };
            for (k, imp) in clause.implements.iter().enumerate() {
                match lookup(&imp.target) {
                    Some(t) => {
                        graph.add_edge(cn, t, implements_edge(imp));
                    }
                    None => pending.push(Pending::Implements {
                        doc: i as u32,
                        clause: c as u32,
                        from: cn,
                        k: k as u32,
                    }),
                }
            }
            for (k, s) in clause.sources.iter().enumerate() {
                if lookup(s).is_none() {
                    pending.push(Pending::Source { doc: i as u32, clause: c as u32, k: k as u32 });
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
            // A citation names its clause by path, which may not be one.
            let (doc, clause, cited_in, found, from, msg) = match p {
                Pending::Citation { doc, from, k } => {
                    let d = &docs[doc as usize];
                    let link = &d.citations[k as usize];
                    let found = index.get(link.target.as_str()).map(NodeIndex::new);
                    let edge = found.map(|t| (t, citation_edge(link.relation)));
                    let msg = format!("cites unknown document {} ({})", link.target, link.text);
                    let clause =
                        link.clause.as_deref().and_then(|p| d.clauses.iter().position(|c| c.path == p));
                    (doc, clause, link.clause.as_ref(), edge, Some(from), msg)
                }
                Pending::Implements { doc, clause, from, k } => {
                    let imp = &docs[doc as usize].clauses[clause as usize].implements[k as usize];
                    let found = index.get(&imp.target.to_string()).map(NodeIndex::new);
                    let edge = found.map(|t| (t, implements_edge(imp)));
                    let msg = format!("implements unknown {}", imp.target);
                    (doc, Some(clause as usize), None, edge, Some(from), msg)
                }
                Pending::Source { doc, clause, k } => {
                    let s = &docs[doc as usize].clauses[clause as usize].sources[k as usize];
                    let found = index.get(&s.to_string()).map(|t| (NodeIndex::new(t), Edge::Contains));
                    let msg = format!("reconstructed from unknown {s}");
                    (doc, Some(clause as usize), None, found, None, msg)
                }
            };
            match (found, from) {
                (Some((t, e)), Some(from)) => {
                    graph.add_edge(from, t, e);
                }
                (Some(_), None) => {} // a source found: nothing to draw
                (None, _) => {
                    let rule = Rule::DanglingReference;
                    let mut p = Problem::at(corpus, Severity::Error, rule, Some(doc as usize), clause, msg);
                    if let Some(path) = cited_in {
                        p.clause = Some(path.clone());
                    }
                    build_problems.push(p);
                }
            }
        }
        g
    }
}

/// Which valid clauses repeat the path of an earlier one: a path used twice
/// keeps its first clause, and sorting by (path, position) puts the repeats
/// right after it.
fn repeated_paths(doc: &Document, valid: &[bool]) -> Vec<bool> {
    let mut order: Vec<u32> = (0..doc.clauses.len() as u32).filter(|&c| valid[c as usize]).collect();
    order.sort_unstable_by(|&x, &y| {
        doc.clauses[x as usize].path.cmp(&doc.clauses[y as usize].path).then(x.cmp(&y))
    });
    let mut repeated = vec![false; doc.clauses.len()];
    for w in order.windows(2) {
        if doc.clauses[w[0] as usize].path == doc.clauses[w[1] as usize].path {
            repeated[w[1] as usize] = true;
        }
    }
    repeated
}

/// The node of a clause's nearest ancestor present in the index (document
/// `dn`, id `id`), or the document's node when it has none.
fn parent_node(index: &IdIndex, dn: NodeIndex, id: &str, path: &str) -> NodeIndex {
    let mut p = path;
    while let Some((head, _)) = p.rsplit_once('.') {
        if let Some(pn) = index.part(dn.index(), id.len(), head) {
            return NodeIndex::new(pn);
        }
        p = head;
    }
    dn
}

/// The node of a resolved agency, added with its record the first time the
/// agency is met.
fn agency_node(
    graph: &mut StableDiGraph<Node, Edge>,
    index: &mut IdIndex,
    agencies: &mut Vec<Agency>,
    agency_ids: &mut FxHashMap<String, u32>,
    r: &Agency,
) -> NodeIndex {
    let ai = *agency_ids.entry(r.id.clone()).or_insert_with(|| {
        agencies.push(r.clone());
        (agencies.len() - 1) as u32
    });
    let key = format!("agency:{}", r.id);
    match index.insert(&key) {
        Err(p) => NodeIndex::new(p),
        Ok(at) => {
            let an = graph.add_node(Node::Agency(ai));
            debug_assert_eq!(at, an.index(), "node index = id position");
            an
        }
    }
}

fn citation_edge(relation: Relation) -> Edge {
    match relation {
        Relation::Implements => Edge::Implements { provenance: Provenance::Stated, score: None },
        r => Edge::Cites(r),
    }
}

fn implements_edge(imp: &Implements) -> Edge {
    Edge::Implements { provenance: imp.provenance, score: imp.score }
}

impl LineageGraph {
    /// The node of document `i`, or none when its id is taken (a problem).
    fn add_document_node(&mut self, i: usize) -> Option<NodeIndex> {
        let LineageGraph { corpus, graph, index, build_problems, .. } = self;
        let corpus: &Corpus = corpus;
        let id = corpus.documents()[i].id.as_str();
        // The id first: a duplicate gets no node, and otherwise the id's
        // position is the index of the node added next.
        match index.insert(id) {
            Ok(at) => {
                let dn = graph.add_node(Node::Document(i as u32));
                debug_assert_eq!(at, dn.index(), "node index = id position");
                Some(dn)
            }
            Err(prev) => {
                let prev = match graph[NodeIndex::new(prev)] {
                    Node::Document(p) => corpus.origin(p as usize),
                    _ => None,
                };
                let where_prev = prev.map(|p| format!(" (first in {})", p.display())).unwrap_or_default();
                let msg = format!("document id {id} is used twice{where_prev}");
                push_problem(build_problems, corpus, Severity::Error, Rule::DuplicateId, Some(i), None, msg);
                None
            }
        }
    }

    /// Files document `i` under its jurisdiction and links it there with an
    /// issued-in edge; `key` is a reused buffer for the jurisdiction's id.
    fn add_to_jurisdiction(&mut self, i: usize, dn: NodeIndex, key: &mut String) {
        let LineageGraph { corpus, graph, index, build_problems, by_jurisdiction, .. } = self;
        let corpus: &Corpus = corpus;
        let j = corpus.documents()[i].jurisdiction.as_str();
        match by_jurisdiction.get_mut(j) {
            Some(v) => v.push(i as u32),
            None => {
                by_jurisdiction.insert(j.to_string(), vec![i as u32]);
            }
        }
        key.clear();
        key.push_str("jurisdiction:");
        key.push_str(j);
        match index.get(key) {
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
    }

    /// The node of each clause of document `i`, or none for a malformed or
    /// repeated path (a problem). Clause nodes come before any edge: a
    /// parent may follow its child.
    fn add_clause_nodes(&mut self, i: usize, dn: NodeIndex) -> Vec<Option<NodeIndex>> {
        let LineageGraph { corpus, graph, index, build_problems, .. } = self;
        let corpus: &Corpus = corpus;
        let doc = &corpus.documents()[i];
        let n_clauses = doc.clauses.len();
        let valid: Vec<bool> = doc.clauses.iter().map(|c| is_clause_path(&c.path)).collect();
        let repeated = repeated_paths(doc, &valid);
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
                    push_problem(build_problems, corpus, Severity::Error, rule, Some(i), Some(c), msg)
                }
                None => {
                    paths.push(path);
                    kept.push(c as u32);
                }
            }
        }
        let first = index.add_parts(dn.index(), doc.id.as_str(), &paths);
        let mut nodes: Vec<Option<NodeIndex>> = vec![None; n_clauses];
        for (k, &c) in kept.iter().enumerate() {
            let n = graph.add_node(Node::Clause(i as u32, c));
            debug_assert_eq!(n.index(), first + k, "node index = id position");
            nodes[c as usize] = Some(n);
        }
        nodes
    }

    fn add_jurisdictions(&mut self) {
        for (i, j) in self.corpus.jurisdictions().iter().enumerate() {
            let key = format!("jurisdiction:{}", j.id);
            if let Ok(at) = self.index.insert(&key) {
                let n = self.graph.add_node(Node::Jurisdiction(i as u32));
                debug_assert_eq!(at, n.index(), "node index = id position");
            } else {
                let msg = format!("jurisdiction {} is listed twice", j.id);
                let p = Problem::at(&self.corpus, Severity::Error, Rule::DuplicateId, None, None, msg);
                self.build_problems.push(p);
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
                _ => {
                    let msg = format!("jurisdiction {from} names unknown successor {to}");
                    let p =
                        Problem::at(&self.corpus, Severity::Error, Rule::DanglingReference, None, None, msg);
                    self.build_problems.push(p);
                }
            }
        }
    }
}
