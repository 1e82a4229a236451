//! Exports: Graphviz DOT views, node-link JSON for notebooks, flat tables.
//!
//! Every exporter walks the graph in insertion order, so the same graph and
//! options always give the same bytes.

mod alignment;
mod dot;
mod node_link;
mod report;
mod tables;

use std::collections::HashMap;

pub use alignment::{proposals_json, proposals_table};
pub use dot::{
    agencies_dot, documents_dot, trace_dot, view_dot, write_views, CitedOnly, DotOptions, DotView,
    TraceLayout,
};
pub use node_link::{node_link_json, to_node_link, write_node_link, NodeLinkOptions, NODE_LINK_FORMAT};
pub use report::Summary;
pub use tables::{documents_csv, documents_json, tasks_csv, tasks_json};

use crate::graph::LineageGraph;
use crate::model::date::Date;
use crate::model::deadline::TaskStatus;
use crate::query::TaskFilter;

/// Status of every task as of `day`, by clause id, computed by
/// [`LineageGraph::tasks`] so that exports agree with the query.
fn task_statuses(graph: &LineageGraph, day: Date) -> HashMap<String, TaskStatus> {
    // A filter without names cannot fail to resolve.
    graph
        .tasks(&TaskFilter::new().as_of(day))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|t| Some((t.id, t.status?)))
        .collect()
}

/// The kebab-case tag serde gives an enum (`full-text`, `done-on-time`).
fn tag<T: serde::Serialize>(t: &T) -> String {
    match serde_json::to_value(t) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
