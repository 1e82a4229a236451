//! Exports: Graphviz DOT views, node-link JSON for notebooks, flat tables.
//!
//! Every exporter walks the graph in insertion order, so the same graph and
//! options always give the same bytes.

mod dot;
mod node_link;
mod tables;

use std::collections::HashMap;

pub use dot::{agencies_dot, documents_dot, trace_dot, view_dot, write_views, DotOptions, DotView};
pub use node_link::{node_link_json, to_node_link, NodeLinkOptions, NODE_LINK_FORMAT};
pub use tables::{documents_csv, documents_json, tasks_csv, tasks_json};

use crate::date::Date;
use crate::deadline::TaskStatus;
use crate::error::{Error, ErrorKind};
use crate::graph::LineageGraph;
use crate::model::{Clause, Role};
use crate::query::TaskFilter;

/// Status of every task as of `day`, by clause id, computed by
/// [`LineageGraph::tasks`] so that exports agree with the query.
fn task_statuses(graph: &LineageGraph, day: Date) -> HashMap<String, TaskStatus> {
    graph.tasks(&TaskFilter::new().as_of(day)).into_iter().filter_map(|t| Some((t.id, t.status?))).collect()
}

/// The latest date of issue in the corpus: the default "as of" of the views,
/// so that a diagram depends on its input only, never on the clock.
fn latest_date(graph: &LineageGraph) -> Option<Date> {
    graph.corpus().documents().iter().filter_map(|d| d.date).max()
}

/// The jurisdictions `id` stands for (itself and those it took over), or an
/// error naming the closest known ids when nothing has this id.
fn jurisdiction_family(graph: &LineageGraph, id: &str) -> Result<Vec<String>, Error> {
    let corpus = graph.corpus();
    let known = corpus.jurisdiction(id).is_some() || corpus.documents().iter().any(|d| d.jurisdiction == id);
    if known {
        return Ok(graph.jurisdiction_family(id));
    }
    let mut candidates: Vec<&str> = corpus.jurisdictions().iter().map(|j| j.id.as_str()).collect();
    candidates.extend(corpus.documents().iter().map(|d| d.jurisdiction.as_str()));
    candidates.sort_unstable();
    candidates.dedup();
    let mut scored: Vec<(usize, &str)> =
        candidates.into_iter().map(|c| (strsim::levenshtein(id, c), c)).collect();
    scored.sort();
    Err(Error::from(ErrorKind::UnknownReference {
        input: id.to_string(),
        suggestions: scored.into_iter().take(3).map(|(_, c)| c.to_string()).collect(),
    }))
}

/// Agency names of one role, as the clause writes them.
fn agencies_of(c: &Clause, role: Role) -> Vec<&str> {
    c.assignments.iter().filter(|a| a.role == role).map(|a| a.agency.as_str()).collect()
}

/// A task's completion date: the last lead's, once every lead has reported
/// (the rule [`LineageGraph::tasks`] applies).
fn completion(c: &Clause) -> Option<Date> {
    let mut leads = c.assignments.iter().filter(|a| a.role == Role::Lead).peekable();
    leads.peek()?;
    leads.map(|a| a.completed).collect::<Option<Vec<Date>>>()?.into_iter().max()
}

/// The kebab-case tag serde gives an enum (`full-text`, `done-on-time`).
fn tag<T: serde::Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
