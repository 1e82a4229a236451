//! The domain model: dates, deadlines, document identity, documents with
//! their clauses and assignments, and the registry records. Pure data and
//! parsing of single values; no I/O. `normalised` notes what reading
//! changes (text to NFC, numbers to their official form).

mod builder;
pub(crate) mod date;
pub(crate) mod deadline;
pub(crate) mod document;
pub(crate) mod identity;
pub(crate) mod normalised;
pub(crate) mod registry;

pub use builder::DocumentBuilder;
pub use date::Date;
pub use deadline::{Deadline, DeadlineKind, TaskStatus};
pub use document::{
    Assignment, Branch, Clause, ClauseKind, Comparator, DocLink, DocStatus, Document, Implements, Indicator,
    Level, Provenance, Relation, Role, Signer, Warning,
};
pub use identity::{Citation, ClauseId, DocId, DocKind, DocNumber};
pub use registry::{AgencyEntry, AgencyKind, Jurisdiction, RegistrySource};
