//! The data model: documents, clauses, assignments, indicators, agencies and
//! jurisdictions, as stored in corpus JSON.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::model::date::Date;
use crate::model::deadline::Deadline;
use crate::model::identity::{ClauseId, DocId, DocKind, DocNumber};
use crate::model::normalised::{self, text, text_opt, Text};
use crate::text::nfc;

/// Level of government, from highest authority to lowest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Trung ương: the Party's central organs, the National Assembly, the
    /// Government, ministries.
    Central,
    /// Tỉnh / thành phố trực thuộc trung ương.
    Province,
    /// Huyện / quận / thị xã (abolished 1 July 2025).
    District,
    /// Xã / phường / thị trấn.
    Commune,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Central => "central",
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        })
    }
}

/// Which body within a level issued a document; within one level the Party
/// committee comes before the People's Council and Committee, which come
/// before their departments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Branch {
    /// Party committee (Ban Bí thư, Tỉnh ủy, its standing committee).
    Party,
    /// Elected body (Quốc hội, Hội đồng nhân dân).
    Council,
    /// Executive (Chính phủ, Thủ tướng, Ủy ban nhân dân).
    Government,
    /// A department of the executive (Bộ, Sở, its offices).
    Department,
}

/// How much of a document the corpus holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocStatus {
    /// The full text was read.
    FullText,
    /// Known from a news summary of it.
    Summary,
    /// A draft (no number or date yet).
    Draft,
    /// Known only from what other documents say of it.
    CitedOnly,
}

/// The corpus JSON name: `full-text`, `summary`, `draft`, `cited-only`.
///
/// ```
/// use directive_lineage::DocStatus;
/// assert_eq!(DocStatus::CitedOnly.to_string(), "cited-only");
/// ```
impl fmt::Display for DocStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocStatus::FullText => "full-text",
            DocStatus::Summary => "summary",
            DocStatus::Draft => "draft",
            DocStatus::CitedOnly => "cited-only",
        })
    }
}

/// Where a clause or a link comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Provenance {
    /// The document's own text says it.
    Stated,
    /// A person judged it from the texts.
    Curated,
    /// Rebuilt from the documents that copy it (the original is not at hand).
    Reconstructed,
    /// Proposed by alignment, with a score.
    Inferred,
}

/// How a document relates to one it cites (ELI counterparts in brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Relation {
    /// Carries it out (`Thực hiện`, `triển khai thực hiện`)
    /// (ELI `eli:ensures_implementation_of`).
    Implements,
    /// Issued on its basis (`Căn cứ`) (ELI `eli:based_on`).
    BasedOn,
    /// Mentions it (ELI `eli:cites`).
    Cites,
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Relation::Implements => "implements",
            Relation::BasedOn => "based-on",
            Relation::Cites => "cites",
        })
    }
}

/// A signer and the capacity they sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Full name.
    #[serde(deserialize_with = "text")]
    pub name: String,
    /// Capacity lines joined by ` / ` (`KT. CHỦ TỊCH / PHÓ CHỦ TỊCH`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text_opt")]
    pub capacity: Option<String>,
}

/// A document's citation of another document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocLink {
    /// The citation as written.
    #[serde(deserialize_with = "text")]
    pub text: String,
    /// The cited document.
    pub target: DocId,
    /// What the citing document does with it.
    pub relation: Relation,
    /// The clause the citation stands in, when not the preamble.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

/// A clause's claim to implement a higher clause or document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Implements {
    /// The implemented clause or document.
    pub target: ClauseId,
    /// Who says so.
    pub provenance: Provenance,
    /// Alignment score in [0, 1] for inferred links.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "unit_score")]
    pub score: Option<f64>,
}

/// Role of an agency in a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Chủ trì: leads the task.
    Lead,
    /// Phối hợp: cooperates.
    Cooperating,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Lead => "lead",
            Role::Cooperating => "cooperating",
        })
    }
}

/// A task's assignment to one agency (ELI `eli:responsibility_of_agent`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The agency as the text names it (`Sở Y tế`, `UBND các huyện, thị xã,
    /// thành phố`); resolved against the alias table of the document's
    /// jurisdiction when the graph is built.
    #[serde(deserialize_with = "text")]
    pub agency: String,
    /// Lead or cooperating.
    pub role: Role,
    /// This agency's own deadline, where it differs from the clause's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// When the agency reported the task done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<Date>,
}

impl Assignment {
    /// An agency given a role, with no deadline of its own and no report yet.
    pub fn new(agency: impl Into<String>, role: Role) -> Assignment {
        Assignment { agency: agency.into(), role, deadline: None, completed: None }
    }
}

/// How a number in an indicator compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Comparator {
    /// `<`
    Lt,
    /// `≤`
    Le,
    /// `>` (also `trên`)
    Gt,
    /// `≥`
    Ge,
    /// No comparator: the value itself.
    Eq,
}

/// An indicator target from a plan's table (`Tỷ suất tử vong trẻ em dưới 1
/// tuổi`, `‰`, `<22`).
///
/// ```
/// use directive_lineage::{Comparator, Indicator};
/// let i = Indicator::new("1", "Tổng số giường bệnh", "Giường bệnh", "5.130");
/// assert_eq!(i.value, Some(5130.0));
/// let i = Indicator::new("2", "Tỷ suất tử vong", "‰", "<22");
/// assert_eq!((i.comparator, i.value), (Comparator::Lt, Some(22.0)));
/// assert_eq!(Indicator::new("3", "x", "%", "17,6").value, Some(17.6));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Indicator {
    /// Row number in the table (`7`; a sub-row `7.1`).
    pub row: String,
    /// Name.
    pub name: String,
    /// Unit as written (`%`, `‰`, `Giường bệnh`).
    pub unit: String,
    /// Target as written (`<22`, `17,6`, `≥95`).
    pub target: String,
    /// Comparator read from the target.
    pub comparator: Comparator,
    /// Value read from the target (Vietnamese decimal comma, thousands dot).
    pub value: Option<f64>,
    /// Sub-rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Indicator>,
}

impl Indicator {
    /// An indicator, reading comparator and value from `target`.
    pub fn new(row: &str, name: &str, unit: &str, target: &str) -> Indicator {
        let target = nfc(target.trim());
        let (comparator, value) = read_target(&target);
        Indicator {
            row: row.to_string(),
            name: nfc(name.trim()),
            unit: nfc(unit.trim()),
            target,
            comparator,
            value,
            parts: Vec::new(),
        }
    }
}

/// Reads `<22`, `≥95`, `17,6`, `5.130`, `trên 95%`.
fn read_target(t: &str) -> (Comparator, Option<f64>) {
    let t = t.trim();
    let (cmp, rest) = [
        ("≤", Comparator::Le),
        ("<=", Comparator::Le),
        ("≥", Comparator::Ge),
        (">=", Comparator::Ge),
        ("<", Comparator::Lt),
        (">", Comparator::Gt),
        ("dưới", Comparator::Lt),
        ("trên", Comparator::Gt),
    ]
    .iter()
    .find_map(|(p, c)| t.strip_prefix(p).map(|r| (*c, r)))
    .unwrap_or((Comparator::Eq, t));
    let digits: String =
        rest.trim().chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    // Vietnamese: `.` groups thousands, `,` is the decimal mark.
    let value = digits.replace('.', "").replace(',', ".").parse().ok();
    (cmp, value)
}

impl<'de> Deserialize<'de> for Indicator {
    /// Comparator and value are read from `target` when absent (a `null`
    /// value is no value, as an export writes it); the texts are kept as
    /// written, in NFC.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Indicator, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Repr {
            #[serde(deserialize_with = "text")]
            row: String,
            #[serde(deserialize_with = "text")]
            name: String,
            #[serde(default, deserialize_with = "text")]
            unit: String,
            #[serde(deserialize_with = "text")]
            target: String,
            comparator: Option<Comparator>,
            // Absent (read from the target) apart from `null` (no value).
            #[serde(default, deserialize_with = "present")]
            value: Option<Option<f64>>,
            #[serde(default)]
            parts: Vec<Indicator>,
        }
        fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<f64>>, D::Error> {
            Option::<f64>::deserialize(d).map(Some)
        }
        let r = Repr::deserialize(d)?;
        // Kept as written (NFC), not trimmed as `new` trims extracted cells:
        // what a file holds, its export writes back.
        let (comparator, value) = read_target(&r.target);
        Ok(Indicator {
            row: r.row,
            name: r.name,
            unit: r.unit,
            target: r.target,
            comparator: r.comparator.unwrap_or(comparator),
            value: r.value.unwrap_or(value),
            parts: r.parts,
        })
    }
}

/// The structural kind of a clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ClauseKind {
    /// `I.`, `II.`: a section.
    Section,
    /// `1.`, `2.`: a numbered item (a task group in most plans).
    Item,
    /// `a)`, `b)`, `đ)`.
    Point,
    /// `-`: a bullet.
    Bullet,
    /// `+`: a sub-bullet.
    SubBullet,
    /// `Điều N.`: an article.
    Article,
    /// A row of a task or indicator table.
    Row,
    /// A paragraph without a marker.
    Paragraph,
}

impl ClauseKind {
    /// The kind the last segment of a clause path says: `II` a section,
    /// `4` an item (`PL.12` a table row), `b` a point, `-2` a bullet, `+1`
    /// a sub-bullet, `D3` an article; anything else a paragraph.
    ///
    /// ```
    /// use directive_lineage::ClauseKind;
    /// assert_eq!(ClauseKind::of_path("II"), ClauseKind::Section);
    /// assert_eq!(ClauseKind::of_path("II.4"), ClauseKind::Item);
    /// assert_eq!(ClauseKind::of_path("II.1.đ"), ClauseKind::Point);
    /// assert_eq!(ClauseKind::of_path("II.1.-2"), ClauseKind::Bullet);
    /// assert_eq!(ClauseKind::of_path("II.2.-4.+1"), ClauseKind::SubBullet);
    /// assert_eq!(ClauseKind::of_path("PL.12"), ClauseKind::Row);
    /// assert_eq!(ClauseKind::of_path("D3"), ClauseKind::Article);
    /// ```
    pub fn of_path(path: &str) -> ClauseKind {
        let mut segments = path.rsplit('.');
        let last = segments.next().unwrap_or("");
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let mut letters = last.chars();
        match (letters.next(), letters.next()) {
            (Some('-'), _) => ClauseKind::Bullet,
            (Some('+'), _) => ClauseKind::SubBullet,
            (Some('D'), Some(_)) if digits(&last[1..]) => ClauseKind::Article,
            _ if digits(last) && segments.next() == Some("PL") => ClauseKind::Row,
            _ if digits(last) => ClauseKind::Item,
            _ if last == "PL" || last.chars().all(|c| "IVXLC".contains(c)) && !last.is_empty() => {
                ClauseKind::Section
            }
            (Some(c), None) if c.is_lowercase() => ClauseKind::Point,
            _ => ClauseKind::Paragraph,
        }
    }
}

/// A clause: a numbered item, bullet, table row or paragraph of a document.
///
/// Its path locates it (`II.4`, `II.1.-2` for the second bullet of II.1,
/// `PL.12` for appendix row 12); the parent is the longest existing prefix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Path within the document.
    pub path: String,
    /// Structural kind.
    pub kind: ClauseKind,
    /// Heading, for a clause that has one.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "text_opt")]
    pub heading: Option<String>,
    /// Body text (for a table row, the task's content).
    #[serde(default, deserialize_with = "text")]
    pub text: String,
    /// Where the clause comes from.
    pub provenance: Provenance,
    /// For a reconstructed clause, the clauses it was rebuilt from.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_vec")]
    pub sources: Vec<ClauseId>,
    /// Higher clauses or documents this clause carries out.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_vec")]
    pub implements: Vec<Implements>,
    /// Agencies the task is assigned to.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_vec")]
    pub assignments: Vec<Assignment>,
    /// The task's deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Deadline>,
    /// Indicator targets the clause sets.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_vec")]
    pub indicators: Vec<Indicator>,
    /// Lines the extractor could not place, kept as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "texts")]
    pub raw: Vec<String>,
}

impl Clause {
    /// The task's completion date: the last lead's, once every lead has
    /// reported; `None` while a lead is still at work or when no lead is
    /// named.
    pub(crate) fn completion(&self) -> Option<Date> {
        let mut leads = self.assignments.iter().filter(|a| a.role == Role::Lead).peekable();
        leads.peek()?;
        leads.map(|a| a.completed).collect::<Option<Vec<Date>>>()?.into_iter().max()
    }

    /// The names of the agencies given one role, as the clause writes them.
    pub(crate) fn agencies(&self, role: Role) -> impl Iterator<Item = &str> {
        self.assignments.iter().filter(move |a| a.role == role).map(|a| a.agency.as_str())
    }

    /// A clause with a path, kind and text and nothing else.
    pub fn new(path: &str, kind: ClauseKind, text: &str, provenance: Provenance) -> Clause {
        Clause {
            path: path.to_string(),
            kind,
            heading: None,
            text: nfc(text),
            provenance,
            sources: Vec::new(),
            implements: Vec::new(),
            assignments: Vec::new(),
            deadline: None,
            indicators: Vec::new(),
            raw: Vec::new(),
        }
    }

    /// True when the clause is a task: it assigns an agency or has a deadline.
    pub fn is_task(&self) -> bool {
        !self.assignments.is_empty() || self.deadline.is_some()
    }

    /// Heading if any, else the text: what a person calls the clause.
    pub fn label(&self) -> &str {
        self.heading.as_deref().filter(|h| !h.is_empty()).unwrap_or(&self.text)
    }
}

/// A warning kept with a document: something read but not understood, or
/// kept raw.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// 1-based line in the source text, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The clause concerned, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// What happened.
    #[serde(deserialize_with = "text")]
    pub message: String,
}

/// A document: a directive, plan, decision, letter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Canonical id.
    pub id: DocId,
    /// Kind (Kế hoạch, Chỉ thị ...).
    pub kind: DocKind,
    /// Number and symbol as officially written; `None` for a draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<DocNumber>,
    /// The issuing body, as named (`UBND tỉnh Quảng Ninh`).
    #[serde(deserialize_with = "text")]
    pub issuer: String,
    /// Jurisdiction id (`quang-ninh`, `vn`).
    pub jurisdiction: String,
    /// Level of government of the issuer.
    pub level: Level,
    /// Branch of the issuer within its level.
    pub branch: Branch,
    /// Date of issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Title (trích yếu).
    #[serde(default, deserialize_with = "text")]
    pub title: String,
    /// Signer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<Signer>,
    /// How much of the document the corpus holds.
    pub status: DocStatus,
    /// Source text, relative to the data directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Documents it cites, with the relation.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_vec")]
    pub citations: Vec<DocLink>,
    /// Clauses in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "clause_vec")]
    pub clauses: Vec<Clause>,
    /// Warnings from reading it.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_vec")]
    pub warnings: Vec<Warning>,
}

impl Document {
    /// The official short name: `Kế hoạch 162/KH-UBND`; a draft without a
    /// number is `Kế hoạch (dự thảo) KH-SYT`.
    pub fn display_name(&self) -> String {
        match &self.number {
            Some(n) if n.number().is_some() => format!("{} {}", self.kind.name(), n),
            Some(n) => format!("{} (dự thảo) {n}", self.kind.name()),
            None => format!("{} (dự thảo) {}", self.kind.name(), self.id.symbol().to_uppercase()),
        }
    }

    /// The clause at `path`.
    pub fn clause(&self, path: &str) -> Option<&Clause> {
        self.clauses.iter().find(|c| c.path == path)
    }

    /// Authority rank: lower is higher authority. A clause may implement only
    /// a clause of equal or higher authority.
    pub fn authority(&self) -> (Level, Branch) {
        (self.level, self.branch)
    }
}

/// A score, which is a share: a number from 0 to 1.
fn unit_score<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    let score = Option::<f64>::deserialize(d)?;
    match score {
        Some(s) if !(0.0..=1.0).contains(&s) => {
            Err(serde::de::Error::custom(format_args!("score {s} is outside 0 to 1")))
        }
        _ => Ok(score),
    }
}

/// Deserialises a sequence into a vector of exactly its length. serde's
/// default grows a vector from four by doubling and leaves the spare room,
/// which at national scale is a visible share of a load. Up to four elements wait on the stack, so the common short lists
/// (one lead, two cooperating agencies) are allocated once.
fn exact_vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut first: [Option<T>; 4] = [None, None, None, None];
            let mut n = 0;
            while n < first.len() {
                match seq.next_element()? {
                    Some(x) => first[n] = Some(x),
                    None => break,
                }
                n += 1;
            }
            if n < first.len() {
                let mut v = Vec::with_capacity(n);
                v.extend(first.into_iter().flatten());
                return Ok(v);
            }
            let mut v: Vec<T> = Vec::with_capacity(16);
            v.extend(first.into_iter().flatten());
            while let Some(x) = seq.next_element()? {
                v.push(x);
            }
            v.shrink_to_fit();
            Ok(v)
        }
    }
    d.deserialize_seq(V(std::marker::PhantomData))
}

/// A list of texts ([`text`]), at its exact length.
fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(exact_vec::<D, Text>(d)?.into_iter().map(|t| t.0).collect())
}

thread_local! {
    /// Reused room for a document's clauses while they are read (see
    /// [`clause_vec`]); clauses hold no clauses, so it is never in use twice.
    static CLAUSE_SCRATCH: std::cell::Cell<Vec<Clause>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A document's clauses, read into reused room and then moved once into a
/// vector of exactly their number: a document has tens of 240-byte clauses,
/// and growing their vector by doubling copied each several times.
fn clause_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Clause>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<Clause>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of clauses")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Clause>, A::Error> {
            let mut scratch = CLAUSE_SCRATCH.take();
            scratch.clear();
            let read = (|| loop {
                normalised::at_clause(Some(scratch.len()));
                match seq.next_element()? {
                    Some(c) => scratch.push(c),
                    None => return Ok(()),
                }
            })();
            normalised::at_clause(None);
            let mut out = Vec::with_capacity(scratch.len());
            out.append(&mut scratch); // moves the clauses, keeps the room
                                      // Very long documents would keep their room for good.
            if scratch.capacity() <= 4096 {
                CLAUSE_SCRATCH.set(scratch);
            }
            read.map(|()| out)
        }
    }
    d.deserialize_seq(V)
}
