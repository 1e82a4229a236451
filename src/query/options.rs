//! Options shared by the lineage queries.

use serde::Serialize;

use crate::graph::Edge;
use crate::model::Provenance;

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
    tasks_only: bool,
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

    /// Coverage and comparison: count a clause as covered only when tasks
    /// with an agency implement it, not text alone (a heading copied with
    /// no task beneath it); see [`CoverageStatus`](crate::CoverageStatus).
    pub fn tasks_only(mut self, yes: bool) -> QueryOptions {
        self.tasks_only = yes;
        self
    }

    /// Whether only task-level coverage counts.
    pub fn counts_tasks_only(&self) -> bool {
        self.tasks_only
    }

    pub(super) fn follows(&self, e: &Edge) -> Option<Option<f64>> {
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
