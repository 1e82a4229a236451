//! Queries on the graph: trace down and up, coverage and comparison, tasks,
//! text search.

mod coverage;
mod options;
mod search;
mod tasks;
mod trace;

pub use coverage::{Comparison, Coverage, CoverageRow, CoverageStatus};
pub use options::{QueryOptions, Via};
pub use search::SearchHit;
pub use tasks::{Task, TaskFilter, TaskRef};
pub use trace::{Chain, Trace, TraceHit};
