//! Validation: every problem in the data at once, each with where it is.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use serde::Serialize;

use super::{Edge, LineageGraph, Node};
use crate::corpus::Corpus;
use crate::model::DocId;

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
#[non_exhaustive]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The rule broken.
    pub rule: Rule,
    /// The corpus file, when the document came from one.
    pub file: Option<PathBuf>,
    /// The document.
    pub document: Option<DocId>,
    /// The clause's path within the document, as written (it may be the
    /// malformed path the problem is about).
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

pub(super) fn push_problem(
    problems: &mut Vec<Problem>,
    corpus: &Corpus,
    severity: Severity,
    rule: Rule,
    doc: Option<usize>,
    clause: Option<&str>,
    message: String,
) {
    let (file, document) = match doc {
        Some(i) => (corpus.origin(i).map(|p| p.to_path_buf()), Some(corpus.documents()[i].id.clone())),
        None => (None, None),
    };
    problems.push(Problem { severity, rule, file, document, clause: clause.map(str::to_string), message });
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
            document: doc.map(|d| self.corpus.documents()[d].id.clone()),
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
                        document: Some(d.id.clone()),
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
}
