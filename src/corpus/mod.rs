//! The corpus: documents with the agency and jurisdiction tables, loaded
//! from and saved to corpus JSON (`load`), documents added to a data
//! directory as one node each (`merge`), and references read as people
//! write them (`resolve`).

mod bundled;
mod lines;
mod load;
mod merge;
mod resolve;

pub(crate) use load::{open_regular, parse_pieces};
pub use merge::{
    corpus_folder, file_name, MergeConflict, MergeEntry, MergeInput, MergeInputs, MergeOptions, MergeOutcome,
    MergeReport, CITED_FILE,
};
use resolve::agency_key;
pub(crate) use resolve::{closest, AgencyMatch, AgencyQuery};

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::identity::DocId;
use crate::model::normalised::Changes;
use crate::model::{AgencyEntry, AgencyKind, Date, Document, Jurisdiction, Level, RegistrySource};

/// The `format` field of corpus files this version reads and writes.
pub const CORPUS_FORMAT: &str = "directive-lineage/corpus@1";

/// A set of documents with the agency alias table and the jurisdiction table:
/// what a [`LineageGraph`](crate::LineageGraph) is built from.
///
/// [`Corpus::bundled`] is the curated data shipped with the crate;
/// [`Corpus::load`] reads a data directory; [`Corpus::new`] starts empty
/// but for the shipped tables, and [`Corpus::add`] takes documents built
/// in code ([`Document::builder`](crate::Document::builder)).
///
/// ```
/// use directive_lineage::Corpus;
/// let corpus = Corpus::bundled();
/// let doc = corpus.document_by_ref("162/KH-UBND").unwrap();
/// assert_eq!(doc.id.to_string(), "quang-ninh/2024/kh-ubnd/162");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    documents: Vec<Document>,
    origins: Vec<Option<PathBuf>>,
    /// Size and time of change of each corpus file as it was read: a file
    /// changed since is not read again for lines.
    stamps: HashMap<PathBuf, lines::Stamp>,
    load_warnings: Vec<LoadWarning>,
    agencies: Vec<AgencyEntry>,
    agency_sources: Vec<RegistrySource>,
    jurisdictions: Vec<Jurisdiction>,
    alias_index: HashMap<String, usize>,
    /// The agency key of each province's name and aliases, with its index
    /// in the table: a province named at the end of an agency's name in
    /// another jurisdiction's text (`UBND thành phố Hà Nội` in a Government
    /// resolution) is found through these.
    place_keys: Vec<(String, usize)>,
}

/// What a load changed in what it read, once per corpus file that it
/// changed: text not in Unicode NFC is read as NFC, a document number not
/// in its official form is read in it. Everything else is read exactly or
/// refused with an error (README, "Round trip").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LoadWarning {
    /// The corpus file (for [`Corpus::from_json`], the name given).
    pub file: Option<PathBuf>,
    /// The line where the document or clause of the first change begins.
    pub line: Option<usize>,
    /// The document of the first change.
    pub document: Option<DocId>,
    /// The clause of the first change, when it is in one.
    pub clause: Option<String>,
    /// How many values of the file were changed.
    pub count: usize,
    /// The first change, and how many more there were.
    pub message: String,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_place(f, self.file.as_deref(), self.line, self.document.as_ref(), self.clause.as_deref())?;
        f.write_str(&self.message)
    }
}

/// Where a warning or a problem is, as every message begins:
/// `file:line: document#clause: `, each part when known.
pub(crate) fn write_place(
    f: &mut fmt::Formatter<'_>,
    file: Option<&Path>,
    line: Option<usize>,
    document: Option<&DocId>,
    clause: Option<&str>,
) -> fmt::Result {
    match (file, line) {
        (Some(file), Some(line)) => write!(f, "{}:{line}: ", file.display())?,
        (Some(file), None) => write!(f, "{}: ", file.display())?,
        _ => {}
    }
    match (document, clause) {
        (Some(d), Some(c)) => write!(f, "{d}#{c}: "),
        (Some(d), None) => write!(f, "{d}: "),
        _ => Ok(()),
    }
}

/// An agency as named in one document, resolved against the alias table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agency {
    /// Id: `{jurisdiction}/{key}` (`quang-ninh/so-y-te`), or for a name not in
    /// the table `{jurisdiction}/{slug of the name}`.
    pub id: String,
    /// Official name from the table, or the name as written.
    pub name: String,
    /// Body, group or office.
    pub kind: AgencyKind,
    /// Jurisdiction the agency belongs to.
    pub jurisdiction: String,
    /// False when the name is not in the alias table.
    pub known: bool,
}

impl Corpus {
    /// A corpus with no documents and no tables: no agency resolves and no
    /// jurisdiction is known until [`Corpus::set_agencies`] and
    /// [`Corpus::set_jurisdictions`]. [`Corpus::new`] has the shipped tables.
    pub fn empty() -> Corpus {
        Corpus::default()
    }

    pub(crate) fn take_documents(&mut self) -> (Vec<Document>, Vec<Option<PathBuf>>) {
        (std::mem::take(&mut self.documents), std::mem::take(&mut self.origins))
    }

    pub(crate) fn push_document(&mut self, doc: Document, origin: Option<PathBuf>) {
        self.documents.push(doc);
        self.origins.push(origin);
    }

    pub(crate) fn reserve_documents(&mut self, n: usize) {
        self.documents.reserve(n);
        self.origins.reserve(n);
    }

    /// Adds a document.
    pub fn add(&mut self, doc: Document) {
        self.documents.push(doc);
        self.origins.push(None);
    }

    /// Replaces the agency alias table.
    pub fn set_agencies(&mut self, agencies: Vec<AgencyEntry>) {
        self.alias_index.clear();
        for (i, a) in agencies.iter().enumerate() {
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                self.alias_index.entry(agency_key(name)).or_insert(i);
            }
        }
        self.agencies = agencies;
    }

    /// Replaces the sources the agency table's entries name in `source`.
    pub fn set_agency_sources(&mut self, sources: Vec<RegistrySource>) {
        self.agency_sources = sources;
    }

    /// The sources of the agency table (its `sources` list).
    pub fn agency_sources(&self) -> &[RegistrySource] {
        &self.agency_sources
    }

    /// Replaces the jurisdiction table.
    pub fn set_jurisdictions(&mut self, jurisdictions: Vec<Jurisdiction>) {
        self.place_keys = jurisdictions
            .iter()
            .enumerate()
            .filter(|(_, j)| j.level == Level::Province)
            .flat_map(|(i, j)| std::iter::once(&j.name).chain(&j.aliases).map(move |n| (agency_key(n), i)))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        self.jurisdictions = jurisdictions;
    }

    /// The documents, in load order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Mutable access to the documents (for curation tools).
    pub fn documents_mut(&mut self) -> &mut [Document] {
        &mut self.documents
    }

    /// The file a document was loaded from, by position.
    pub fn origin(&self, index: usize) -> Option<&Path> {
        self.origins.get(index).and_then(|o| o.as_deref())
    }

    /// What loading changed in what it read, one warning per file changed
    /// (see [`LoadWarning`]); empty when every value was read as written.
    pub fn load_warnings(&self) -> &[LoadWarning] {
        &self.load_warnings
    }

    /// Records the `changes` made while reading the documents of `file`
    /// (or of `json`), the first of which is at position `first`.
    pub(crate) fn warn_changes(
        &mut self,
        file: Option<&Path>,
        json: Option<&[u8]>,
        first: usize,
        changes: Changes,
    ) {
        let Some(change) = changes.first else { return };
        let doc = self.documents.get(first + change.doc);
        let clause = change.clause.and_then(|k| doc?.clauses.get(k)).map(|c| c.path.clone());
        let line = doc.and_then(|doc| {
            let lines = match json {
                Some(json) => lines::scan(json)?,
                None => self.lines_of_file(file?)?,
            };
            lines::line_in(&lines, change.doc, change.clause, doc)
        });
        let more = match changes.count {
            0 | 1 => String::new(),
            2 => " (and 1 more change in this file)".to_string(),
            n => format!(" (and {} more changes in this file)", n - 1),
        };
        self.load_warnings.push(LoadWarning {
            file: file.map(Path::to_path_buf),
            line,
            document: doc.map(|d| d.id.clone()),
            clause,
            count: changes.count,
            message: format!("{}{more}", change.what),
        });
    }

    /// The agency alias table.
    pub fn agencies(&self) -> &[AgencyEntry] {
        &self.agencies
    }

    /// The jurisdiction table.
    pub fn jurisdictions(&self) -> &[Jurisdiction] {
        &self.jurisdictions
    }

    /// A jurisdiction by id.
    pub fn jurisdiction(&self, id: &str) -> Option<&Jurisdiction> {
        self.jurisdictions.iter().find(|j| j.id == id)
    }

    /// The latest date of issue in the corpus.
    pub(crate) fn latest_date(&self) -> Option<Date> {
        self.documents.iter().filter_map(|d| d.date).max()
    }

    /// The document with this id.
    pub fn document(&self, id: &DocId) -> Option<&Document> {
        self.documents.iter().find(|d| &d.id == id)
    }
}
