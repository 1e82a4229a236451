//! # directive-lineage
//!
//! A lineage knowledge graph of Vietnamese policy documents: a central
//! directive (Chỉ thị 25-CT/TW), the plans that carry it out at each level
//! (Quyết định 281/QĐ-TTg, Kế hoạch 162/KH-UBND of Quảng Ninh, Kế hoạch
//! 56/KH-SYT of Thái Bình's Department of Health), their clauses and tasks,
//! and the agencies the tasks go to.
//!
//! ## A start in code
//!
//! Documents are built from their number, which says their kind, level,
//! branch and canonical id; clauses and tasks follow one another.
//! [`Corpus::new`] carries the shipped agency and jurisdiction tables.
//!
//! ```
//! use directive_lineage::{Corpus, Document, LineageGraph, QueryOptions};
//!
//! let directive = Document::builder("25-CT/TW").date("25/10/2023")
//!     .clause("4", "Nâng cao chất lượng nguồn nhân lực y tế cơ sở")
//!     .build()?;
//! let plan = Document::builder("162/KH-UBND").issuer("UBND tỉnh Quảng Ninh").date("27/06/2024")
//!     .clause("PL.12", "Đào tạo, bồi dưỡng nhân lực y tế cơ sở")
//!     .lead("Sở Y tế").cooperating("Sở Nội vụ").deadline("Trước tháng 7/2025")
//!     .implements("vn/2023/ct-tw/25#4") // the canonical id of clause 4 of 25-CT/TW
//!     .build()?;
//! let mut corpus = Corpus::new();
//! corpus.add(directive);
//! corpus.add(plan);
//! let graph = LineageGraph::build(corpus);
//! assert!(graph.validate().is_empty()); // every agency known, every link resolved
//! let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new())?;
//! assert!(trace.contains("quang-ninh/2024/kh-ubnd/162#PL.12"));
//! # Ok::<(), directive_lineage::Error>(())
//! ```
//!
//! [`Corpus::bundled`] is the curated data shipped with the crate:
//! Chỉ thị 25-CT/TW and the plans of four provinces that carry it out.
//!
//! ```
//! use directive_lineage::{Corpus, LineageGraph, QueryOptions};
//!
//! let graph = LineageGraph::build(Corpus::bundled());
//! let rows = graph.coverage("25-CT/TW", Some("quang-ninh"), &QueryOptions::new())?;
//! assert!(rows.iter().all(|r| r.is_covered()));
//! # Ok::<(), directive_lineage::Error>(())
//! ```
//!
//! ## The types a user needs
//!
//! - [`Corpus`]: documents with the agency alias table and the
//!   jurisdiction table; [`Corpus::bundled`] is the curated data,
//!   [`Corpus::load`] reads a data directory of corpus JSON,
//!   [`Corpus::new`] starts one for documents built in code, and
//!   [`Corpus::resolve`] reads references as people write them
//!   (`25-CT/TW#4`, `47/KH-UBND@thai-binh`).
//! - [`LineageGraph`]: the graph built from a corpus ([`LineageGraph::load`]
//!   reads a data directory and builds as it reads), with
//!   [`LineageGraph::validate`] reporting every problem at once.
//! - The identity types [`DocNumber`] (`281/QĐ-TTg`), [`DocId`]
//!   (`vn/2024/qd-ttg/281`), [`ClauseId`] (`vn/2023/ct-tw/25#4`) and
//!   [`Citation`] (a citation found in text).
//! - The model: [`Document`] (built with [`Document::builder`]),
//!   [`Clause`], [`Assignment`], [`Deadline`], [`Indicator`],
//!   [`AgencyEntry`], [`Jurisdiction`], [`Date`] (which reads `2025-08-01`,
//!   `01/08/2025` and `ngày 01 tháng 8 năm 2025`).
//! - Queries on the graph: [`LineageGraph::trace_down`],
//!   [`LineageGraph::trace_up`], [`LineageGraph::coverage`],
//!   [`LineageGraph::compare`], [`LineageGraph::tasks`] with a
//!   [`TaskFilter`], [`LineageGraph::search`]; [`QueryOptions`] chooses
//!   whether links proposed by alignment are followed (they are always
//!   marked, with their score as an `f64`).
//! - Exporters: Graphviz views ([`documents_dot`], [`trace_dot`],
//!   [`agencies_dot`], [`write_views`]), node-link JSON for networkx
//!   ([`node_link_json`]) and flat tables ([`tasks_csv`], [`documents_csv`]).
//! - Alignment: [`align_in_corpus`] proposes implements links from a local
//!   plan to its parent by comparing their text; [`apply_proposals`] writes
//!   accepted ones as `inferred` links with their score.
//!
//! ```
//! use directive_lineage::LineageGraph;
//!
//! // A data directory: Corpus::load + LineageGraph::build in one step,
//! // building while it reads.
//! let graph = LineageGraph::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))?;
//! for problem in graph.validate() {
//!     println!("{problem}");
//! }
//! let plan = graph.corpus().document_by_ref("162/KH-UBND")?;
//! assert_eq!(plan.date.unwrap().to_string(), "2024-06-27");
//! # Ok::<(), directive_lineage::Error>(())
//! ```
//!
//! The crate is built in layers (model, corpus, extract, graph, query,
//! align, export), each importing only from those below it; ARCHITECTURE.md
//! at the repository root describes them.
//!
//! Vietnamese text is compared through [`fold`]: NFC, no diacritics, lower
//! case, so `hoá` matches `hóa` and `Uỷ ban` matches `Ủy ban`; stored text
//! keeps its original form.
#![deny(missing_docs)]
#![deny(missing_debug_implementations)]
#![forbid(unsafe_code)]

// The layers, lowest first: a module imports only from layers above it
// in this list (ARCHITECTURE.md; tests/architecture.rs keeps it so).
mod error;
mod hash;
mod text;

mod model;

mod corpus;

mod extract;
#[cfg(feature = "generate")]
pub mod generate;

mod graph;

mod query;

mod align;

mod export;

pub use align::{
    align, align_in_corpus, apply_proposals, evaluate, AlignOptions, Evaluation, Proposal,
    DEFAULT_MAX_PER_LOCAL, DEFAULT_MIN_RATIO, DEFAULT_MIN_SCORE,
};
pub use corpus::{
    corpus_folder, file_name, Agency, Corpus, LoadWarning, MergeConflict, MergeEntry, MergeInput,
    MergeInputs, MergeOptions, MergeOutcome, MergeReport, CITED_FILE, CORPUS_FORMAT,
};
pub use error::{Error, ErrorKind, Result};
pub use export::{
    agencies_dot, documents_csv, documents_dot, documents_json, node_link_json, proposals_json,
    proposals_table, tasks_csv, tasks_json, to_node_link, trace_dot, view_dot, write_node_link, write_views,
    CitedOnly, DotOptions, DotView, NodeLinkOptions, Summary, TraceLayout, NODE_LINK_FORMAT,
};
pub use extract::{extract, extract_all, split_agencies, ExtractOptions};
pub use graph::{Edge, LineageGraph, NodeRef, Problem, Rule, Severities, Severity};
pub use model::{
    AgencyEntry, AgencyKind, Assignment, Branch, Citation, Clause, ClauseId, ClauseKind, Comparator, Date,
    Deadline, DeadlineKind, DocId, DocKind, DocLink, DocNumber, DocStatus, Document, DocumentBuilder,
    Implements, Indicator, Jurisdiction, Level, Provenance, RegistrySource, Relation, Role, Signer,
    TaskStatus, Warning,
};
pub use query::{
    Chain, Comparison, Coverage, CoverageRow, CoverageStatus, QueryOptions, SearchHit, Task, TaskFilter,
    TaskRef, Trace, TraceHit, Via,
};
pub use text::{contains_folded, fold, nfc, slug};

// The README's examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
