//! Validation: every problem in the data at once, each with where it is.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use petgraph::algo::kosaraju_scc;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeFiltered, IntoNeighbors};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use petgraph::Direction;
use serde::Serialize;

use super::{Edge, LineageGraph, Node};
use crate::corpus::{closest, Corpus, LoadWarning};
use crate::error::{Error, ErrorKind};
use crate::model::DocId;

/// How many ids an implements-cycle problem shows.
const CYCLE_SHOWN: usize = 8;

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
    /// A deadline falls before the document's date of issue: already past
    /// when the document was issued. Real gazettes do this (97/NQ-CP of
    /// April 2026 lists `Tháng 02/2026`), so it is a warning by default.
    DeadlineBeforeIssue,
    /// An agency name is not in the alias table.
    UnknownAgency,
    /// A deadline's text could not be read.
    UnreadDeadline,
    /// A data file could not be read (see [`Problem::unreadable`]).
    UnreadableFile,
    /// Loading changed a value it read (see [`LoadWarning`]).
    NormalisedOnLoad,
}

impl Rule {
    /// Every rule, in the order of the enum.
    pub const ALL: [Rule; 10] = [
        Rule::DuplicateId,
        Rule::DanglingReference,
        Rule::InvalidPath,
        Rule::ImplementsCycle,
        Rule::AuthorityInversion,
        Rule::DeadlineBeforeIssue,
        Rule::UnknownAgency,
        Rule::UnreadDeadline,
        Rule::UnreadableFile,
        Rule::NormalisedOnLoad,
    ];
}

impl FromStr for Rule {
    type Err = Error;

    /// A rule by its id (`deadline-before-issue`); an unknown id is an
    /// [`ErrorKind::UnknownName`] naming the closest ids.
    ///
    /// ```
    /// use directive_lineage::Rule;
    /// assert_eq!("unknown-agency".parse::<Rule>().unwrap(), Rule::UnknownAgency);
    /// let err = "deadline-before-isue".parse::<Rule>().unwrap_err();
    /// assert!(err.to_string().contains("did you mean deadline-before-issue"), "{err}");
    /// ```
    fn from_str(s: &str) -> Result<Rule, Error> {
        let id = s.trim();
        if let Some(r) = Rule::ALL.into_iter().find(|r| r.to_string() == id) {
            return Ok(r);
        }
        let ids = Rule::ALL.iter().map(|r| (r.to_string(), vec![r.to_string()])).collect();
        Err(Error::new(ErrorKind::UnknownName {
            what: "rule",
            input: id.to_string(),
            suggestions: closest(&id.to_lowercase(), ids, 3),
        }))
    }
}

/// What `check` does with the problems of each rule: report them with a
/// severity other than their own, or not at all (`off`). Rules not set keep
/// the severity validation gives (see [`Rule`]).
///
/// A data directory may carry the settings as `check.rules`, one rule a
/// line (a later line wins; `#` starts a comment):
///
/// ```text
/// # rule id = error | warning | off
/// deadline-before-issue = error
/// unknown-agency = off
/// ```
///
/// ```
/// use directive_lineage::{Rule, Severities, Severity};
/// let mut s = Severities::new();
/// s.set_from("unknown-agency=off")?;
/// s.set_from("deadline-before-issue = error")?;
/// assert_eq!(s.get(Rule::UnknownAgency), Some(None));
/// assert_eq!(s.get(Rule::DeadlineBeforeIssue), Some(Some(Severity::Error)));
/// assert!(s.set_from("unknown-agency=fatal").unwrap_err().to_string().contains("error, warning or off"));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Severities {
    set: Vec<(Rule, Option<Severity>)>,
}

impl Severities {
    /// No rule set: every problem keeps its own severity.
    pub fn new() -> Severities {
        Severities::default()
    }

    /// Gives `rule`'s problems this severity, or none (`None`: off).
    pub fn set(&mut self, rule: Rule, severity: Option<Severity>) {
        self.set.retain(|(r, _)| *r != rule);
        self.set.push((rule, severity));
    }

    /// What is set for `rule`: `None` when nothing is, `Some(None)` when it
    /// is off.
    pub fn get(&self, rule: Rule) -> Option<Option<Severity>> {
        self.set.iter().find(|(r, _)| *r == rule).map(|(_, s)| *s)
    }

    /// Reads one setting, `rule=error`, `rule=warning` or `rule=off` (spaces
    /// around `=` allowed), as `check --severity` takes it.
    pub fn set_from(&mut self, setting: &str) -> Result<(), Error> {
        let expected = "RULE=LEVEL with LEVEL error, warning or off (deadline-before-issue=error)";
        let Some((rule, level)) = setting.split_once('=') else {
            return Err(Error::parse_expected("rule setting", setting, expected));
        };
        let rule: Rule = rule.parse()?;
        let severity = match level.trim() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "off" => None,
            _ => return Err(Error::parse_expected("rule setting", setting, expected)),
        };
        self.set(rule, severity);
        Ok(())
    }

    /// The settings of a data directory's `check.rules` (see the type's
    /// docs); none when it has no such file. A line that cannot be read is
    /// an error with its line and the closest rule ids.
    pub fn load(dir: impl AsRef<Path>) -> Result<Severities, Error> {
        let path = dir.as_ref().join("check.rules");
        if !path.is_file() {
            return Ok(Severities::new());
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let mut out = Severities::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            out.set_from(line).map_err(|e| {
                Error::new(ErrorKind::Config { path: path.clone(), line: i + 1, message: e.to_string() })
            })?;
        }
        Ok(out)
    }

    /// The problems with these settings applied: severities changed, the
    /// problems of rules set off dropped, errors first (in their order).
    pub fn apply(&self, problems: Vec<Problem>) -> Vec<Problem> {
        let mut out: Vec<Problem> = problems
            .into_iter()
            .filter_map(|mut p| match self.get(p.rule) {
                Some(None) => None,
                Some(Some(s)) => {
                    p.severity = s;
                    Some(p)
                }
                None => Some(p),
            })
            .collect();
        out.sort_by_key(|p| p.severity);
        out
    }
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
            Rule::UnreadableFile => "unreadable-file",
            Rule::NormalisedOnLoad => "normalised-on-load",
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
    /// The line of `file` where the clause (or, for a problem of the whole
    /// document, the document) begins, or where the file's JSON goes wrong;
    /// `None` when the file cannot be read again or no longer holds it.
    pub line: Option<usize>,
    /// The document.
    pub document: Option<DocId>,
    /// The clause's path within the document, as written (it may be the
    /// malformed path the problem is about).
    pub clause: Option<String>,
    /// What is wrong.
    pub message: String,
    /// Positions of the document and clause in the corpus, for the line.
    #[serde(skip)]
    at: Option<(usize, Option<usize>)>,
}

impl Problem {
    /// A file that could not be read (as [`Corpus::load_reporting`] returns
    /// them), as an error of `check`'s list, with the line and column where
    /// the file's JSON goes wrong.
    pub fn unreadable(error: &Error) -> Problem {
        let (line, message) = match error.kind() {
            // The file and line are the problem's own fields; the message says the rest.
            ErrorKind::Json { line, column, message, .. } => {
                (Some(*line), format!("column {column}: {message}"))
            }
            ErrorKind::Io { source, .. } => (None, source.to_string()),
            _ => (None, error.to_string()),
        };
        Problem {
            severity: Severity::Error,
            rule: Rule::UnreadableFile,
            file: error.path().map(|p| p.to_path_buf()),
            line,
            document: None,
            clause: None,
            message,
            at: None,
        }
    }

    /// A warning of `check`'s list for what a load changed.
    pub fn normalised(w: &LoadWarning) -> Problem {
        Problem {
            severity: Severity::Warning,
            rule: Rule::NormalisedOnLoad,
            file: w.file.clone(),
            line: w.line,
            document: w.document.clone(),
            clause: w.clause.clone(),
            message: w.message.clone(),
            at: None,
        }
    }

    /// A problem of document `doc` (by position in `corpus`), or of its
    /// `clause`th clause.
    pub(super) fn at(
        corpus: &Corpus,
        severity: Severity,
        rule: Rule,
        doc: Option<usize>,
        clause: Option<usize>,
        message: String,
    ) -> Problem {
        let d = doc.map(|i| (i, &corpus.documents()[i]));
        Problem {
            severity,
            rule,
            file: d.and_then(|(i, _)| corpus.origin(i)).map(|p| p.to_path_buf()),
            line: None,
            document: d.map(|(_, d)| d.id.clone()),
            clause: d.zip(clause).map(|((_, d), c)| d.clauses[c].path.clone()),
            message,
            at: doc.map(|i| (i, clause)),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]: ", self.rule)?;
        crate::corpus::write_place(
            f,
            self.file.as_deref(),
            self.line,
            self.document.as_ref(),
            self.clause.as_deref(),
        )?;
        f.write_str(&self.message)
    }
}

pub(super) fn push_problem(
    problems: &mut Vec<Problem>,
    corpus: &Corpus,
    severity: Severity,
    rule: Rule,
    doc: Option<usize>,
    clause: Option<usize>,
    message: String,
) {
    problems.push(Problem::at(corpus, severity, rule, doc, clause, message));
}

impl LineageGraph {
    /// Every problem in the data, errors first, each with where it is: the
    /// file, the line there (the files with problems are read again for
    /// it), the document and the clause. What loading changed comes first
    /// among the warnings.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out: Vec<Problem> = self.corpus.load_warnings().iter().map(Problem::normalised).collect();
        out.extend(self.build_problems.iter().cloned());
        self.check_cycles(&mut out);
        self.check_authority(&mut out);
        self.check_deadlines(&mut out);
        out.sort_by_key(|p| p.severity);
        self.place_lines(&mut out);
        out
    }

    /// Fills in the line of each problem of a document or clause.
    fn place_lines(&self, problems: &mut [Problem]) {
        let wanted: Vec<usize> = (0..problems.len()).filter(|&k| problems[k].at.is_some()).collect();
        if wanted.is_empty() {
            return;
        }
        let at: Vec<(usize, Option<usize>)> = wanted.iter().filter_map(|&k| problems[k].at).collect();
        for (k, line) in wanted.into_iter().zip(self.corpus.lines_of(&at)) {
            problems[k].line = line;
        }
    }

    fn located(&self, n: NodeIndex, severity: Severity, rule: Rule, message: String) -> Problem {
        let (doc, clause) = match self.graph[n] {
            Node::Document(d) => (Some(d as usize), None),
            Node::Clause(d, c) => (Some(d as usize), Some(c as usize)),
            _ => (None, None),
        };
        Problem::at(&self.corpus, severity, rule, doc, clause, message)
    }

    /// One problem per group of clauses whose implements links go round
    /// (a strongly connected component), showing one cycle through it, cut
    /// to [`CYCLE_SHOWN`] ids: a long cycle, or many cycles sharing clauses,
    /// stay one readable line each.
    fn check_cycles(&self, out: &mut Vec<Problem>) {
        if !self.has_implements_cycle() {
            return; // the usual case, found in one pass
        }
        let implements =
            EdgeFiltered::from_fn(&self.graph, |e| matches!(e.weight(), Edge::Implements { .. }));
        let mut groups: Vec<Vec<NodeIndex>> = kosaraju_scc(&implements)
            .into_iter()
            .filter(|g| g.len() > 1 || implements.neighbors(g[0]).any(|m| m == g[0]))
            .collect();
        for g in &mut groups {
            g.sort_unstable();
        }
        groups.sort_unstable_by_key(|g| g[0]);
        for g in groups {
            let cycle = self.cycle_through(&g);
            let mut names: Vec<&str> = cycle.iter().take(CYCLE_SHOWN).map(|&c| self.node_id(c)).collect();
            if cycle.len() > CYCLE_SHOWN {
                names.push("…");
            }
            names.push(self.node_id(cycle[0]));
            let size = if g.len() > cycle.len() {
                format!(" ({}-link cycle among {} nodes whose links go round)", cycle.len(), g.len())
            } else if cycle.len() > CYCLE_SHOWN {
                format!(" ({} links)", cycle.len())
            } else {
                String::new()
            };
            out.push(self.located(
                cycle[0],
                Severity::Error,
                Rule::ImplementsCycle,
                format!("implements cycle: {}{size}", names.join(" -> ")),
            ));
        }
    }

    /// Whether implements links go round anywhere: one iterative depth-first
    /// pass with colours by node index (no map, no allocation per node).
    fn has_implements_cycle(&self) -> bool {
        let mut state = vec![0u8; petgraph::visit::NodeIndexable::node_bound(&self.graph)];
        let mut stack: Vec<(NodeIndex, bool)> = Vec::new();
        for start in (0..self.index.len()).map(NodeIndex::new) {
            if state[start.index()] != 0 {
                continue;
            }
            stack.push((start, false));
            while let Some((n, done)) = stack.pop() {
                if done {
                    state[n.index()] = 2;
                    continue;
                }
                if state[n.index()] != 0 {
                    continue;
                }
                state[n.index()] = 1;
                stack.push((n, true));
                for e in self.graph.edges_directed(n, Direction::Outgoing) {
                    if !matches!(e.weight(), Edge::Implements { .. }) {
                        continue;
                    }
                    match state[e.target().index()] {
                        0 => stack.push((e.target(), false)),
                        1 => return true,
                        _ => {}
                    }
                }
            }
        }
        false
    }

    /// A shortest cycle through the first node of a strongly connected
    /// `group` (sorted), by breadth-first search inside the group.
    fn cycle_through(&self, group: &[NodeIndex]) -> Vec<NodeIndex> {
        let start = group[0];
        let inside = |n: NodeIndex| group.binary_search(&n).is_ok();
        let mut parent: HashMap<NodeIndex, NodeIndex> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            for e in self.graph.edges_directed(n, Direction::Outgoing) {
                let m = e.target();
                if !matches!(e.weight(), Edge::Implements { .. }) || !inside(m) {
                    continue;
                }
                if m == start {
                    let mut cycle = vec![n];
                    while let Some(&p) = parent.get(cycle.last().expect("non-empty")) {
                        cycle.push(p);
                    }
                    cycle.reverse();
                    return cycle;
                }
                if let std::collections::hash_map::Entry::Vacant(v) = parent.entry(m) {
                    v.insert(n);
                    queue.push_back(m);
                }
            }
        }
        vec![start] // unreachable for a strongly connected group
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
            for (k, c) in d.clauses.iter().enumerate() {
                let deadlines =
                    c.deadline.iter().chain(c.assignments.iter().filter_map(|a| a.deadline.as_ref()));
                for dl in deadlines {
                    let loc = |sev, rule, msg| Problem::at(&self.corpus, sev, rule, Some(i), Some(k), msg);
                    if !dl.is_understood() {
                        out.push(loc(
                            Severity::Warning,
                            Rule::UnreadDeadline,
                            format!("deadline {:?} could not be read; kept as text", dl.text()),
                        ));
                    }
                    if let (Some(due), Some(issued)) = (dl.due(), d.date) {
                        if due < issued {
                            // Already past at issue: real gazettes do this, so a warning.
                            out.push(loc(
                                Severity::Warning,
                                Rule::DeadlineBeforeIssue,
                                format!(
                                    "deadline {:?} ({due}) is before the date of issue {issued}: already past when issued",
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
