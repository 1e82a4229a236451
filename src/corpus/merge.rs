//! Adding documents to a data directory so that each document is one node
//! (`lineage add`).
//!
//! The rules, by what arrives and what the directory holds:
//!
//! - **A new document** is added: a bare citation (cited-only, no clauses)
//!   to `corpus/cited.json`, any other to its own file named from its id
//!   (`quang-ninh/2024/kh-ubnd/162` → `corpus/quang-ninh-2024-kh-ubnd-162.json`).
//! - **A cited-only document already known** (a citation of it) is merged
//!   into the known one, whatever its status: what the citation adds fills
//!   empty fields only (date, issuer, title, signer), links to documents the
//!   known one does not cite and clauses at paths it lacks are added;
//!   a fact that differs is reported as a conflict and not applied.
//! - **A text arriving for a document known only by citation** replaces the
//!   placeholder under the same id, so every link to it stays valid; what
//!   the placeholder held that the text lacks (links, reconstructed clauses
//!   other documents implement) is kept, and it leaves `cited.json` for its
//!   own file (as does a citation that gains clauses).
//! - **A document the directory already holds in full** is unchanged when
//!   the text gives it again (its `source` path aside); when it differs it
//!   is a conflict, reported with the fields that differ and not written,
//!   unless [`MergeOptions::replace`] is set.
//!
//! A document stays in the file it was read from otherwise; only files whose
//! documents changed are written, as [`Corpus::to_json`] writes them, so
//! the same input gives the same bytes and adding it again writes nothing.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::model::identity::DocId;
use crate::model::{DocLink, DocStatus, Document};
use crate::text::fold;

use super::bundled::{AGENCIES, JURISDICTIONS};
use super::load::to_corpus_json;
use super::{Corpus, LoadWarning};

/// The corpus file that holds documents known only by citation.
pub const CITED_FILE: &str = "cited.json";

/// Options for [`Corpus::merge`].
#[derive(Clone, Debug, Default)]
pub struct MergeOptions {
    replace: bool,
}

impl MergeOptions {
    /// Conflicts are reported and the held document kept.
    pub fn new() -> MergeOptions {
        MergeOptions::default()
    }

    /// Replace a document held in full by an added one that differs
    /// (`lineage add --replace`) instead of reporting a conflict.
    pub fn replace(mut self, replace: bool) -> MergeOptions {
        self.replace = replace;
        self
    }
}

/// What happened to one added document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum MergeOutcome {
    /// A document the directory did not have.
    Added,
    /// A citation merged into a known document, which gained facts or links.
    Merged,
    /// A known document replaced: a placeholder by its text, or (with
    /// [`MergeOptions::replace`]) a held document by a different one.
    Updated,
    /// Nothing new.
    Unchanged,
    /// A held document differs from the added one; the held one is kept.
    Conflict,
}

impl fmt::Display for MergeOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MergeOutcome::Added => "added",
            MergeOutcome::Merged => "merged",
            MergeOutcome::Updated => "updated",
            MergeOutcome::Unchanged => "unchanged",
            MergeOutcome::Conflict => "conflict",
        })
    }
}

/// A fact the added document gives differently from the held one: reported,
/// not applied (the held value is kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MergeConflict {
    /// The field (`date`, `issuer`, `clauses` ...).
    pub field: String,
    /// The value kept.
    pub kept: String,
    /// The value the added document gives.
    pub offered: String,
}

impl fmt::Display for MergeConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: kept {}, not {}", self.field, cut(&self.kept), cut(&self.offered))
    }
}

/// A value cut to 60 characters for a line of a report (the JSON has it whole).
fn cut(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// One added document and what became of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MergeEntry {
    /// The document's id.
    pub id: DocId,
    /// What happened.
    pub outcome: MergeOutcome,
    /// The added document's status (a `cited-only` entry is a citation).
    pub status: DocStatus,
    /// The input it came from, as named to [`Corpus::merge`].
    pub from: String,
    /// The corpus file that holds the document after the merge.
    pub file: PathBuf,
    /// What the merge changed in a known document (`date 2024-03-07`,
    /// `link implements vn/2023/ct-tw/25`).
    pub changes: Vec<String>,
    /// What differed and was not applied.
    pub conflicts: Vec<MergeConflict>,
}

/// What [`Corpus::merge`] did: one entry per added document in the order
/// given, and the files to write.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MergeReport {
    /// One entry per added document.
    pub entries: Vec<MergeEntry>,
    /// The corpus files whose documents changed, sorted.
    pub files: Vec<PathBuf>,
    /// The table files the directory lacks, written with the shipped tables.
    pub tables: Vec<PathBuf>,
}

impl MergeReport {
    /// How many entries had this outcome.
    pub fn count(&self, outcome: MergeOutcome) -> usize {
        self.entries.iter().filter(|e| e.outcome == outcome).count()
    }

    /// Whether nothing would be written.
    pub fn is_unchanged(&self) -> bool {
        self.files.is_empty() && self.tables.is_empty()
    }
}

/// One input of `lineage add`: a text to extract, or the documents of a
/// corpus JSON file.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum MergeInput {
    /// A `.txt` or `.md` file's text.
    Text {
        /// The file.
        path: PathBuf,
        /// Its text.
        text: String,
    },
    /// A `.json` corpus file's documents.
    Documents {
        /// The file.
        path: PathBuf,
        /// Its documents, in file order.
        documents: Vec<Document>,
        /// What reading changed (see [`LoadWarning`]).
        warnings: Vec<LoadWarning>,
    },
}

/// The inputs of [`MergeInput::read_all`], and the files of the folders
/// given that are not inputs, each with why.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct MergeInputs {
    /// The inputs, folders' files in name order.
    pub inputs: Vec<MergeInput>,
    /// Files in the folders that were left alone, and why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// The extensions read: texts and corpus JSON.
const TEXTS: &[&str] = &["txt", "md"];

impl MergeInput {
    /// Reads files and folders (their `.txt`, `.md` and `.json` files, in
    /// name order; not their subfolders). A file that does not exist, that
    /// has another extension, that is not UTF-8 or not corpus JSON is an
    /// error with its place (file, line, column) and, for a name that
    /// exists nowhere, the closest names in its folder.
    pub fn read_all(paths: &[PathBuf]) -> Result<MergeInputs> {
        let mut out = MergeInputs::default();
        for path in paths {
            if path.is_dir() {
                read_folder(path, &mut out)?;
            } else if !path.exists() {
                return Err(no_such_input(path));
            } else {
                match kind_of(path) {
                    Some(_) => out.inputs.push(MergeInput::read(path)?),
                    None => {
                        return Err(input_error(
                            path,
                            "expected a text (.txt, .md) or a corpus JSON file (.json)",
                            Vec::new(),
                        ))
                    }
                }
            }
        }
        Ok(out)
    }

    /// Reads one `.txt`, `.md` or `.json` file.
    fn read(path: &Path) -> Result<MergeInput> {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        super::open_regular(path)?.read_to_end(&mut bytes).map_err(|e| Error::io(path, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let bytes = e.as_bytes();
            Error::not_utf8(path, bytes, &e.utf8_error())
        })?;
        if kind_of(path) == Some(false) {
            return Ok(MergeInput::Text { path: path.to_path_buf(), text });
        }
        let c = Corpus::from_json(&path.display().to_string(), &text)?;
        let warnings = c.load_warnings().to_vec();
        Ok(MergeInput::Documents { path: path.to_path_buf(), documents: c.documents, warnings })
    }
}

/// `Some(false)` for a text, `Some(true)` for corpus JSON, `None` else.
fn kind_of(path: &Path) -> Option<bool> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    if TEXTS.contains(&ext.as_str()) {
        Some(false)
    } else {
        (ext == "json").then_some(true)
    }
}

fn read_folder(dir: &Path, out: &mut MergeInputs) -> Result<()> {
    let mut entries: Vec<PathBuf> =
        fs::read_dir(dir).map_err(|e| Error::io(dir, e))?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let why = if p.is_dir() {
            Some("a folder (folders are read one level deep)")
        } else if matches!(name, "agencies.json" | "jurisdictions.json") {
            Some("a table, not corpus JSON (the data directory's own tables are used)")
        } else if kind_of(&p).is_none() {
            Some("not a text (.txt, .md) or corpus JSON (.json)")
        } else {
            None
        };
        match why {
            Some(why) => out.skipped.push((p, why.to_string())),
            None => out.inputs.push(MergeInput::read(&p)?),
        }
    }
    Ok(())
}

fn input_error(path: &Path, problem: &str, suggestions: Vec<String>) -> Error {
    Error::new(ErrorKind::Input { path: path.to_path_buf(), problem: problem.to_string(), suggestions })
}

/// A path that names nothing, with the closest names in its folder.
fn no_such_input(path: &Path) -> Error {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut near: Vec<(f64, String)> = fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .map(|n| (strsim::normalized_levenshtein(&n, &name), n))
        .filter(|(s, _)| *s >= 0.5)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let suggestions = near.into_iter().take(3).map(|(_, n)| folder.join(n).display().to_string()).collect();
    input_error(path, "no such file or folder", suggestions)
}

/// The folder a data directory keeps its corpus files in: `corpus/`, or
/// the directory itself when it holds corpus files and no `corpus/`
/// (as [`Corpus::load`] reads it).
pub fn corpus_folder(dir: &Path) -> PathBuf {
    let sub = dir.join("corpus");
    let flat = !sub.is_dir()
        && fs::read_dir(dir).into_iter().flatten().filter_map(|e| e.ok()).any(|e| {
            let p = e.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            kind_of(&p) == Some(true) && !matches!(name, "agencies.json" | "jurisdictions.json")
        });
    if flat {
        dir.to_path_buf()
    } else {
        sub
    }
}

/// The file a document gets of its own: its id with `/` as `-`.
pub fn file_name(id: &DocId) -> String {
    format!("{}.json", id.as_str().replace('/', "-"))
}

impl Corpus {
    /// The data directory `dir` read for adding to ([`Corpus::merge`]): as
    /// [`Corpus::load`] reads it, where a missing directory is empty and a
    /// missing agency or jurisdiction table is the shipped one (which
    /// [`Corpus::save_merged`] then writes).
    pub fn load_for_merge(dir: impl AsRef<Path>) -> Result<Corpus> {
        let dir = dir.as_ref();
        let mut corpus = if dir.is_dir() { Corpus::load(dir)? } else { Corpus::empty() };
        let shipped = Corpus::new();
        if !dir.join("agencies.json").is_file() {
            corpus.set_agencies(shipped.agencies.clone());
        }
        if !dir.join("jurisdictions.json").is_file() {
            corpus.set_jurisdictions(shipped.jurisdictions.clone());
        }
        Ok(corpus)
    }
}

/// How the merge of one document into the corpus changes it.
struct Step {
    outcome: MergeOutcome,
    changes: Vec<String>,
    conflicts: Vec<MergeConflict>,
    /// The document's new version and file, when it changes.
    write: Option<(Document, PathBuf)>,
}

impl Corpus {
    /// Merges documents into the corpus of data directory `dir` (read by
    /// [`Corpus::load_for_merge`]) so that each document is one node, by
    /// the rules of this module's documentation; each comes with the name
    /// of the input it was read from. Nothing is written: the report lists
    /// the files that [`Corpus::save_merged`] writes.
    ///
    /// ```
    /// use directive_lineage::{Corpus, Document, MergeOptions, MergeOutcome};
    /// let dir = std::env::temp_dir().join(format!("lineage-merge-doc-{}", std::process::id()));
    /// let mut corpus = Corpus::load_for_merge(&dir)?;
    /// // Two texts cite 25-CT/TW: a citation each, one node.
    /// use directive_lineage::DocStatus::CitedOnly;
    /// let a = Document::builder("25-CT/TW").date("25/10/2023").status(CitedOnly).build()?;
    /// let b = Document::builder("25-CT/TW").date("25/10/2023").status(CitedOnly)
    ///     .title("Về tiếp tục củng cố, hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở")
    ///     .build()?;
    /// let report = corpus.merge(&dir, [("a.txt".into(), a), ("b.txt".into(), b)], &MergeOptions::new());
    /// assert_eq!(report.entries[0].outcome, MergeOutcome::Added);
    /// assert_eq!(report.entries[1].outcome, MergeOutcome::Merged); // the title filled
    /// assert_eq!(corpus.documents().len(), 1);
    /// assert!(report.files[0].ends_with("corpus/cited.json"));
    /// corpus.save_merged(&report)?;
    /// // The same again changes nothing.
    /// let mut again = Corpus::load_for_merge(&dir)?;
    /// let dated = again.documents()[0].clone();
    /// let report = again.merge(&dir, [("b.txt".into(), dated)], &MergeOptions::new());
    /// assert_eq!(report.entries[0].outcome, MergeOutcome::Unchanged);
    /// assert!(report.is_unchanged());
    /// # std::fs::remove_dir_all(&dir).ok();
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn merge(
        &mut self,
        dir: &Path,
        incoming: impl IntoIterator<Item = (String, Document)>,
        options: &MergeOptions,
    ) -> MergeReport {
        let folder = corpus_folder(dir);
        let mut index: HashMap<DocId, usize> = HashMap::new();
        for (k, d) in self.documents.iter().enumerate() {
            index.entry(d.id.clone()).or_insert(k);
        }
        let mut report = MergeReport::default();
        let mut files: BTreeSet<PathBuf> = BTreeSet::new();
        for (from, doc) in incoming {
            let (id, status) = (doc.id.clone(), doc.status);
            let (step, file) = match index.get(&id) {
                None => {
                    let file = own_file(&folder, &doc);
                    index.insert(id.clone(), self.documents.len());
                    self.push_document(doc, Some(file.clone()));
                    files.insert(file.clone());
                    let step = Step {
                        outcome: MergeOutcome::Added,
                        changes: vec![],
                        conflicts: vec![],
                        write: None,
                    };
                    (step, file)
                }
                Some(&k) => {
                    let held = self
                        .origin(k)
                        .map_or_else(|| own_file(&folder, &self.documents[k]), Path::to_path_buf);
                    let mut step = self.step(k, doc, &held, &folder, options);
                    match step.write.take() {
                        Some((doc, file)) => {
                            files.insert(held);
                            files.insert(file.clone());
                            self.documents[k] = doc;
                            self.origins[k] = Some(file.clone());
                            (step, file)
                        }
                        None => (step, held),
                    }
                }
            };
            let Step { outcome, changes, conflicts, .. } = step;
            report.entries.push(MergeEntry { id, outcome, status, from, file, changes, conflicts });
        }
        report.files = files.into_iter().collect();
        report.tables = ["agencies.json", "jurisdictions.json"]
            .iter()
            .map(|t| dir.join(t))
            .filter(|p| !p.is_file())
            .collect();
        report
    }

    /// How `doc` merges into the held document at `k`, read from `held`.
    fn step(&self, k: usize, doc: Document, held: &Path, folder: &Path, options: &MergeOptions) -> Step {
        let old = &self.documents[k];
        if doc.status == DocStatus::CitedOnly {
            let mut new = old.clone();
            let (changes, conflicts) = self.fill(&mut new, &doc, old.status == DocStatus::CitedOnly);
            let outcome = if new == *old { MergeOutcome::Unchanged } else { MergeOutcome::Merged };
            let file = moved(held, folder, &new);
            let write = (new != *old).then_some((new, file));
            return Step { outcome, changes, conflicts, write };
        }
        // The text's version, with what the held one has that it lacks.
        let mut new = doc;
        new.source = old.source.clone().or(new.source.take());
        let (changes, conflicts) = self.fill(&mut new, old, false);
        if new == *old {
            return Step {
                outcome: MergeOutcome::Unchanged,
                changes: vec![],
                conflicts: vec![],
                write: None,
            };
        }
        if old.status == DocStatus::CitedOnly || options.replace {
            let file = moved(held, folder, &new);
            let changes = changes.into_iter().map(|c| format!("kept from the held record: {c}")).collect();
            return Step { outcome: MergeOutcome::Updated, changes, conflicts, write: Some((new, file)) };
        }
        Step {
            outcome: MergeOutcome::Conflict,
            changes: vec![],
            conflicts: differences(old, &new),
            write: None,
        }
    }

    /// Adds to `into` what `from` has and it lacks: empty fields, links to
    /// other documents, clauses at other paths, warnings. A fact given
    /// differently is a conflict, `into`'s value kept; but between two
    /// placeholders (`upgrade`) a link's stronger relation is taken.
    fn fill(&self, into: &mut Document, from: &Document, upgrade: bool) -> (Vec<String>, Vec<MergeConflict>) {
        let mut changes = Vec::new();
        let mut conflicts = Vec::new();
        let mut conflict = |field: &str, kept: String, offered: String| {
            conflicts.push(MergeConflict { field: field.to_string(), kept, offered })
        };
        match (into.date, from.date) {
            (None, Some(d)) => {
                into.date = Some(d);
                changes.push(format!("date {d}"));
            }
            (Some(a), Some(b)) if a != b => conflict("date", a.to_string(), b.to_string()),
            _ => {}
        }
        if into.kind != from.kind {
            conflict("kind", into.kind.name().to_string(), from.kind.name().to_string());
        }
        if into.issuer.is_empty() && !from.issuer.is_empty() {
            into.issuer = from.issuer.clone();
            changes.push(format!("issuer {}", into.issuer));
        } else if !from.issuer.is_empty() && !self.same_issuer(&into.issuer, &from.issuer, &into.jurisdiction)
        {
            conflict("issuer", into.issuer.clone(), from.issuer.clone());
        }
        if into.title.is_empty() && !from.title.is_empty() {
            into.title = from.title.clone();
            changes.push("title".to_string());
        } else if !from.title.is_empty() && fold(&into.title) != fold(&from.title) {
            conflict("title", into.title.clone(), from.title.clone());
        }
        if into.signer.is_none() && from.signer.is_some() {
            into.signer = from.signer.clone();
            changes.push("signer".to_string());
        }
        if into.source.is_none() && from.source.is_some() {
            into.source = from.source.clone();
            changes.push("source".to_string());
        }
        fill_links(into, from, upgrade, &mut changes, &mut conflict);
        fill_clauses(into, from, &mut changes, &mut conflict);
        for w in &from.warnings {
            if !into.warnings.contains(w) {
                into.warnings.push(w.clone());
                changes.push(format!("warning {:?}", w.message));
            }
        }
        (changes, conflicts)
    }

    /// Whether two names of a document's issuer name one body: the same
    /// after folding, or the same agency of the alias table.
    fn same_issuer(&self, a: &str, b: &str, jurisdiction: &str) -> bool {
        if fold(a) == fold(b) {
            return true;
        }
        let (x, y) = (self.resolve_agency(a, jurisdiction), self.resolve_agency(b, jurisdiction));
        x.known && y.known && x.id == y.id
    }

    /// Writes what [`Corpus::merge`] reported: each changed corpus file
    /// with its documents in corpus order (through a temporary file, so a
    /// failed write leaves the old file whole), and the shipped tables
    /// where the directory lacks them.
    pub fn save_merged(&self, report: &MergeReport) -> Result<()> {
        for file in &report.files {
            let docs: Vec<Document> = (0..self.documents.len())
                .filter(|&k| self.origin(k) == Some(file.as_path()))
                .map(|k| self.documents[k].clone())
                .collect();
            write_file(file, &to_corpus_json(&docs))?;
        }
        for table in &report.tables {
            let text = if table.ends_with("agencies.json") { AGENCIES.1 } else { JURISDICTIONS.1 };
            write_file(table, text)?;
        }
        Ok(())
    }
}

/// Where a document goes: a bare citation (cited-only, no clauses) to the
/// shared file of citations, anything else (a cited-only document with
/// reconstructed clauses too) to its own file.
fn own_file(folder: &Path, doc: &Document) -> PathBuf {
    if doc.status == DocStatus::CitedOnly && doc.clauses.is_empty() {
        folder.join(CITED_FILE)
    } else {
        folder.join(file_name(&doc.id))
    }
}

/// The file a changed document is written to: the one it was read from,
/// unless that is the shared file of citations and it is no longer a bare
/// citation (a text arrived, or reconstructed clauses).
fn moved(held: &Path, folder: &Path, doc: &Document) -> PathBuf {
    let home = own_file(folder, doc);
    if held.file_name().is_some_and(|n| n == CITED_FILE) && !home.ends_with(CITED_FILE) {
        home
    } else {
        held.to_path_buf()
    }
}

/// Links to documents `into` does not cite are added; a link given with
/// another relation is a conflict, or between placeholders the stronger
/// relation (implements, then based-on, then cites) is taken.
fn fill_links(
    into: &mut Document,
    from: &Document,
    upgrade: bool,
    changes: &mut Vec<String>,
    conflict: &mut impl FnMut(&str, String, String),
) {
    for link in &from.citations {
        let same = |l: &DocLink| l.target == link.target && l.clause == link.clause;
        match into.citations.iter_mut().find(|l| same(l)) {
            None => {
                changes.push(format!("link {} {}", link.relation, link.target));
                into.citations.push(link.clone());
            }
            Some(l) if l.relation == link.relation => {}
            Some(l) if upgrade && link.relation < l.relation => {
                changes.push(format!("link {} {} (was {})", link.relation, link.target, l.relation));
                l.relation = link.relation;
            }
            Some(l) => conflict(
                &format!("link to {}", link.target),
                l.relation.to_string(),
                link.relation.to_string(),
            ),
        }
    }
}

/// Clauses at paths `into` lacks are added; one at a path it has that
/// differs is a conflict (all such paths in one).
fn fill_clauses(
    into: &mut Document,
    from: &Document,
    changes: &mut Vec<String>,
    conflict: &mut impl FnMut(&str, String, String),
) {
    let mut added = Vec::new();
    let mut differ = Vec::new();
    for c in &from.clauses {
        match into.clause(&c.path) {
            None => {
                added.push(c.path.clone());
                into.clauses.push(c.clone());
            }
            Some(held) if held != c => differ.push(c.path.clone()),
            Some(_) => {}
        }
    }
    if !added.is_empty() {
        changes.push(format!("clauses {}", list(&added)));
    }
    if !differ.is_empty() {
        conflict("clauses", "the held text".to_string(), format!("another at {}", list(&differ)));
    }
}

/// Paths or names, at most eight, then how many more.
fn list(items: &[String]) -> String {
    let shown = items.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
    match items.len() {
        n if n > 8 => format!("{shown} (and {} more)", n - 8),
        _ => shown,
    }
}

/// `, differing at …` for a list of paths or ids, nothing for none.
fn at(items: &[String]) -> String {
    if items.is_empty() {
        String::new()
    } else {
        format!(", differing at {}", list(items))
    }
}

/// The fields in which an added document differs from the held one.
fn differences(held: &Document, added: &Document) -> Vec<MergeConflict> {
    let mut out = Vec::new();
    let mut field = |name: &str, kept: String, offered: String| {
        if kept != offered {
            out.push(MergeConflict { field: name.to_string(), kept, offered });
        }
    };
    let opt = |o: Option<String>| o.unwrap_or_else(|| "none".to_string());
    field("kind", held.kind.name().into(), added.kind.name().into());
    field(
        "number",
        opt(held.number.as_ref().map(|n| n.to_string())),
        opt(added.number.as_ref().map(|n| n.to_string())),
    );
    field("issuer", held.issuer.clone(), added.issuer.clone());
    field("date", opt(held.date.map(|d| d.to_string())), opt(added.date.map(|d| d.to_string())));
    field("status", held.status.to_string(), added.status.to_string());
    field("title", held.title.clone(), added.title.clone());
    field(
        "signer",
        opt(held.signer.as_ref().map(|s| s.name.clone())),
        opt(added.signer.as_ref().map(|s| s.name.clone())),
    );
    let targets: Vec<String> = added
        .citations
        .iter()
        .filter(|l| !held.citations.contains(l))
        .map(|l| l.target.to_string())
        .collect();
    if held.citations != added.citations {
        field(
            "citations",
            format!("{} links", held.citations.len()),
            format!("{} links{}", added.citations.len(), at(&targets)),
        );
    }
    let paths: Vec<String> =
        added.clauses.iter().filter(|c| held.clause(&c.path) != Some(*c)).map(|c| c.path.clone()).collect();
    if !paths.is_empty() || held.clauses.len() != added.clauses.len() {
        field(
            "clauses",
            format!("{} clauses", held.clauses.len()),
            format!("{} clauses{}", added.clauses.len(), at(&paths)),
        );
    }
    if held.warnings != added.warnings {
        field(
            "warnings",
            format!("{}", held.warnings.len()),
            format!("{} (differing)", added.warnings.len()),
        );
    }
    out
}

/// Writes `text` to `path` through a temporary file beside it, creating
/// the folder.
fn write_file(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, text).map_err(|e| Error::io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clause, ClauseKind, Provenance, Relation};

    fn cited(number: &str, date: Option<&str>) -> Document {
        let mut b = Document::builder(number).status(DocStatus::CitedOnly).year(2024);
        if let Some(d) = date {
            b = b.date(d);
        }
        b.build().unwrap()
    }

    fn link(target: &str, relation: Relation) -> DocLink {
        DocLink { text: target.to_string(), target: target.parse().unwrap(), relation, clause: None }
    }

    fn dir(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("lineage-merge-{name}-{}", std::process::id()))
    }

    #[test]
    fn placeholders_merge_into_one_taking_the_stronger_link() {
        let dir = dir("placeholders");
        let mut corpus = Corpus::new();
        let mut a = cited("281/QĐ-TTg", None);
        a.citations.push(link("vn/2023/ct-tw/25", Relation::Cites));
        let mut b = cited("281/QĐ-TTg", Some("05/04/2024"));
        b.citations.push(link("vn/2023/ct-tw/25", Relation::Implements));
        let c = cited("281/QĐ-TTg", Some("06/04/2024"));
        let r = corpus.merge(&dir, [("a".into(), a), ("b".into(), b), ("c".into(), c)], &MergeOptions::new());
        let outcomes: Vec<MergeOutcome> = r.entries.iter().map(|e| e.outcome).collect();
        assert_eq!(outcomes, [MergeOutcome::Added, MergeOutcome::Merged, MergeOutcome::Unchanged]);
        assert_eq!(corpus.documents().len(), 1);
        let doc = &corpus.documents()[0];
        assert_eq!(doc.date.unwrap().to_string(), "2024-04-05");
        assert_eq!(doc.citations.len(), 1);
        assert_eq!(doc.citations[0].relation, Relation::Implements);
        // The third gives another date: reported, not applied.
        assert_eq!(r.entries[2].conflicts[0].field, "date");
        assert_eq!(r.entries[2].conflicts[0].offered, "2024-04-06");
        assert_eq!(r.files, [dir.join("corpus").join(CITED_FILE)]);
    }

    #[test]
    fn a_citation_never_overwrites_a_held_document() {
        let dir = dir("held");
        let mut corpus = Corpus::new();
        let held = Document::builder("162/KH-UBND")
            .issuer("UBND tỉnh Quảng Ninh")
            .date("27/06/2024")
            .clause("II.1", "Nâng cao nhận thức")
            .implements("vn/2024/qd-ttg/281")
            .build()
            .unwrap();
        let mut citation = Document::builder("162/KH-UBND")
            .jurisdiction("quang-ninh")
            .date("28/06/2024")
            .status(DocStatus::CitedOnly)
            .build()
            .unwrap();
        citation.issuer = "Ủy ban nhân dân tỉnh Quảng Ninh".into(); // the same body
        citation.title = "Triển khai thực hiện Quyết định 281/QĐ-TTg".into();
        citation.clauses.push(Clause::new("II.1", ClauseKind::Item, "Other text", Provenance::Stated));
        let r = corpus.merge(
            &dir,
            [("plan".into(), held.clone()), ("cite".into(), citation)],
            &MergeOptions::new(),
        );
        assert_eq!(r.entries[1].outcome, MergeOutcome::Merged, "{:?}", r.entries[1]);
        assert_eq!(r.entries[1].changes, ["title"]);
        let fields: Vec<&str> = r.entries[1].conflicts.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["date", "clauses"]);
        let doc = &corpus.documents()[0];
        assert_eq!((doc.date, doc.clauses.len()), (held.date, 1));
        assert_eq!(doc.clauses[0].text, "Nâng cao nhận thức");
        assert_eq!(r.files, [dir.join("corpus/quang-ninh-2024-kh-ubnd-162.json")]);
    }

    #[test]
    fn a_citation_with_clauses_leaves_the_shared_file() {
        let dir = dir("moves");
        let mut corpus = Corpus::new();
        let bare = cited("25-CT/TW", Some("25/10/2023"));
        let mut rebuilt = bare.clone();
        rebuilt.clauses.push(Clause::new("4", ClauseKind::Item, "Nhân lực", Provenance::Reconstructed));
        let r = corpus.merge(&dir, [("a".into(), bare)], &MergeOptions::new());
        assert_eq!(r.entries[0].file, dir.join("corpus/cited.json"));
        let r = corpus.merge(&dir, [("b".into(), rebuilt)], &MergeOptions::new());
        assert_eq!(r.entries[0].outcome, MergeOutcome::Merged);
        assert_eq!(r.entries[0].file, dir.join("corpus/vn-2023-ct-tw-25.json"));
        // Both files are written: the old one loses the document.
        assert_eq!(r.files, [dir.join("corpus/cited.json"), dir.join("corpus/vn-2023-ct-tw-25.json")]);
    }
}
