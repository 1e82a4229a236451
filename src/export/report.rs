//! Text reports: the document lineage tree and corpus counts.

use std::collections::HashSet;
use std::fmt::{self, Write as _};

use indexmap::IndexMap;
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;

use crate::graph::{Edge, LineageGraph, NodeRef};
use crate::model::{DocStatus, Document};

/// Counts over a graph ([`LineageGraph::summary`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Documents per level (`central`, `province` ...).
    pub documents_by_level: IndexMap<String, usize>,
    /// Documents per jurisdiction id.
    pub documents_by_jurisdiction: IndexMap<String, usize>,
    /// Documents per status (`full-text`, `cited-only` ...).
    pub documents_by_status: IndexMap<String, usize>,
    /// All documents.
    pub documents: usize,
    /// All clauses (tasks included).
    pub clauses: usize,
    /// Clauses that assign an agency or carry a deadline.
    pub tasks: usize,
    /// Assignments (task → agency).
    pub assignments: usize,
    /// Distinct agencies.
    pub agencies: usize,
    /// Implements links (document and clause level).
    pub implements: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |m: &IndexMap<String, usize>| {
            m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
        };
        writeln!(f, "documents     {:>6}  by level: {}", self.documents, join(&self.documents_by_level))?;
        writeln!(f, "                      by jurisdiction: {}", join(&self.documents_by_jurisdiction))?;
        writeln!(f, "                      by status: {}", join(&self.documents_by_status))?;
        writeln!(f, "clauses       {:>6}", self.clauses)?;
        writeln!(f, "tasks         {:>6}", self.tasks)?;
        writeln!(f, "assignments   {:>6}", self.assignments)?;
        writeln!(f, "agencies      {:>6}", self.agencies)?;
        write!(f, "implements    {:>6}", self.implements)
    }
}

/// How many levels of the lineage tree are indented.
const TREE_INDENT: usize = 24;

/// A document of the lineage tree whose implementers are being drawn.
struct TreeFrame<'g> {
    kids: Vec<&'g Document>,
    next: usize,
    prefix: String,
    depth: usize,
    clause_level: Vec<String>,
}

fn doc_line(d: &Document) -> String {
    let date = d.date.map(|x| x.to_string()).unwrap_or_else(|| "(no date)".to_string());
    let mut s = format!("{}  {date}  {}  [{}", d.display_name(), d.issuer, d.jurisdiction);
    if d.status != DocStatus::FullText {
        s.push_str(", ");
        s.push_str(&d.status.to_string());
    }
    s.push(']');
    s
}

impl LineageGraph {
    /// Counts of documents, clauses, tasks, agencies and links.
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            documents_by_level: IndexMap::new(),
            documents_by_jurisdiction: IndexMap::new(),
            documents_by_status: IndexMap::new(),
            documents: 0,
            clauses: 0,
            tasks: 0,
            assignments: 0,
            agencies: self.agencies().len(),
            implements: 0,
        };
        for d in self.corpus().documents() {
            s.documents += 1;
            *s.documents_by_level.entry(d.level.to_string()).or_default() += 1;
            *s.documents_by_jurisdiction.entry(d.jurisdiction.clone()).or_default() += 1;
            *s.documents_by_status.entry(d.status.to_string()).or_default() += 1;
            s.clauses += d.clauses.len();
            s.tasks += d.clauses.iter().filter(|c| c.is_task()).count();
            s.assignments += d.clauses.iter().map(|c| c.assignments.len()).sum::<usize>();
        }
        s.documents_by_level.sort_keys();
        s.documents_by_jurisdiction.sort_keys();
        s.documents_by_status.sort_keys();
        s.implements = self.edges().filter(|(_, _, e)| matches!(e, Edge::Implements { .. })).count();
        s
    }

    /// The document lineage as an indented tree from each root directive,
    /// children sorted by date: one line per document with its date, issuer
    /// and jurisdiction. A document implementing two parents appears under
    /// both; the second time without its subtree. Documents that carry out a
    /// document only through some of their clauses are listed under it as
    /// `clause-level`.
    pub fn lineage_tree(&self) -> String {
        let mut out = String::new();
        let mut shown: HashSet<String> = HashSet::new();
        let mut roots: Vec<&Document> =
            self.roots().into_iter().filter(|d| !self.implementing_documents(d).is_empty()).collect();
        roots.sort_by_key(|d| (d.date, d.id.clone()));
        for r in roots {
            let _ = writeln!(out, "{}", doc_line(r));
            self.tree_children(r, &mut shown, &mut out);
            out.push('\n');
        }
        out
    }

    /// The documents beneath `root`, drawn with an explicit stack: a chain
    /// of plans can be as long as the data makes it. Indentation stops
    /// growing at [`TREE_INDENT`] levels (deeper lines say their level), so
    /// that output stays proportional to the number of lines.
    fn tree_children<'g>(&'g self, root: &'g Document, shown: &mut HashSet<String>, out: &mut String) {
        let mut stack = vec![self.tree_frame(root, String::new(), 1)];
        while let Some(top) = stack.last_mut() {
            let Some(&k) = top.kids.get(top.next) else {
                let frame = stack.pop().expect("non-empty");
                if !frame.clause_level.is_empty() {
                    let _ = writeln!(out, "{}└── clause-level:", frame.prefix);
                    for (j, line) in frame.clause_level.iter().enumerate() {
                        let b = if j + 1 == frame.clause_level.len() { "└── " } else { "├── " };
                        let _ = writeln!(out, "{}    {b}{line}", frame.prefix);
                    }
                }
                continue;
            };
            top.next += 1;
            let last = top.next == top.kids.len() && top.clause_level.is_empty();
            let (branch, indent) = if last { ("└── ", "    ") } else { ("├── ", "│   ") };
            let again = !shown.insert(k.id.to_string());
            let more = if again { "  (also above)" } else { "" };
            let level =
                if top.depth > TREE_INDENT { format!("[level {}] ", top.depth) } else { String::new() };
            let _ = writeln!(out, "{}{branch}{level}{}{more}", top.prefix, doc_line(k));
            if !again {
                let prefix = if top.depth < TREE_INDENT {
                    format!("{}{indent}", top.prefix)
                } else {
                    top.prefix.clone()
                };
                let depth = top.depth + 1;
                stack.push(self.tree_frame(k, prefix, depth));
            }
        }
    }

    fn tree_frame<'g>(&'g self, d: &'g Document, prefix: String, depth: usize) -> TreeFrame<'g> {
        let mut kids = self.implementing_documents(d);
        kids.sort_by_key(|k| (k.date, k.id.clone()));
        let clause_level = self.clause_level_implementers(d, &kids);
        TreeFrame { kids, next: 0, prefix, depth, clause_level }
    }

    /// Documents that implement `d` only through clauses, with those
    /// clauses: one line per document (`Kế hoạch 10/KH-SYT: II.1 → whole,
    /// II.1.a → #2`), skipping documents already beneath `d` by
    /// document-level links.
    fn clause_level_implementers(&self, d: &Document, kids: &[&Document]) -> Vec<String> {
        let mut by_doc: IndexMap<String, (String, Vec<String>)> = IndexMap::new();
        let mut targets = vec![(d.id.to_string(), "whole".to_string())];
        targets.extend(d.clauses.iter().map(|c| (format!("{}#{}", d.id, c.path), format!("#{}", c.path))));
        for (t, short) in targets {
            let Some(n) = self.idx(&t) else { continue };
            for e in self.graph.edges_directed(n, Direction::Incoming) {
                if !matches!(e.weight(), Edge::Implements { .. }) {
                    continue;
                }
                if let NodeRef::Clause(src, c) = self.node(e.source()) {
                    if src.id != d.id {
                        let entry = by_doc.entry(src.id.to_string()).or_insert_with(|| {
                            (format!("{}  [{}]", src.display_name(), src.jurisdiction), Vec::new())
                        });
                        entry.1.push(format!("{} → {short}", c.path));
                    }
                }
            }
        }
        if !by_doc.is_empty() {
            // Only when there is something to leave out: walking every plan
            // beneath each document is quadratic on a long chain.
            let below = self.documents_below(kids);
            by_doc.retain(|id, _| !below.contains(id.as_str()));
        }
        by_doc.into_values().map(|(head, links)| format!("{head}: {}", links.join(", "))).collect()
    }

    /// The ids of `kids` and every document beneath them by document-level
    /// links.
    fn documents_below(&self, kids: &[&Document]) -> HashSet<String> {
        let mut below: HashSet<String> = HashSet::new();
        let mut stack: Vec<&Document> = kids.to_vec();
        while let Some(k) = stack.pop() {
            if below.insert(k.id.to_string()) {
                stack.extend(self.implementing_documents(k));
            }
        }
        below
    }
}
