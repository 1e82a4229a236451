//! Reading documents: plain Vietnamese text → a corpus [`Document`].
//!
//! The stages, each in its own file and tested alone on lines of the seeds
//! and the gazette sample:
//!
//! 1. [`normalise`]: NFC, HTML tags, markdown emphasis, gazette page headers
//!    and footnotes, signature stamps, rules, website clutter; the
//!    legal-site markdown layout is read first by [`markdown`] (joined
//!    paragraphs, `|` tables as tab-separated rows, site banner and footer
//!    left out with a warning); every line carries its folded form;
//! 2. [`header`]: number, place, date, kind, title, issuer, signer,
//!    recipients; a news article gives the document it reports on;
//! 3. [`citations`]: citations with their relation, resolved, deduplicated;
//! 4. [`clauses`]: the clause tree;
//! 5. [`tables`]: tab-separated and one-cell-per-line tables;
//! 6. [`assignments`]: lead and cooperating agencies (names only), labelled
//!    fields, inline deadlines; then, on the clause tree, field sets after
//!    bullets, tasks written as labelled points and duties listed agency by
//!    agency;
//! 7. [`indicators`]: indicator targets.
//!
//! Nothing is dropped silently: a line no stage can place is kept in the
//! nearest clause's `raw` and listed in the document's warnings with its line.
//! What normalisation removes is known furniture only (page headers and
//! numbers, signature stamps, rules, website menus, ratings and addresses).
//! A lone CR is a line break like LF; other control characters (NUL, ...)
//! are read as spaces, with a warning giving their count and lines.
//!
//! Conventions (those of the curated corpus where it has one):
//!
//! - Paths: `II`, `II.1`, `II.1.a`, `II.1.-2` (second `-` bullet),
//!   `II.2.-4.+1`; articles `D2` for `Điều 2` (ASCII, URL-safe); the
//!   appendix `PL`, a second one `PL2`; table rows `PL.1`; a row whose later
//!   cells repeat for several results (gazette tables) has sub-rows
//!   `PL.15.1`, `PL.15.2`, each with its agencies and deadline, and the row
//!   carries their union and the latest deadline; a news article without
//!   markers has one clause per paragraph, `1`, `2`, ...
//! - A marker line is a clause's heading unless it is a sentence (ends with
//!   `.`), then its text; bullets are always text. Labelled fields under an
//!   article (`1. Tên nhiệm vụ: ...`, `2. Cơ quan chủ trì: ...`) are fields
//!   of that article, not clauses.
//! - Citations: one link per cited document at document level (title,
//!   preamble, footnotes) with the strongest relation; one per document and
//!   clause inside clauses, there always `cites` (a clause that says it
//!   carries a document out also gets [`Clause::implements`]). A chain
//!   (`47/KH-UBND ... thực hiện 230-KH/TU ..., thực hiện 25-CT/TW`) gives
//!   the citing document `cites` links to the later members and, through
//!   [`extract_all`], cited-only documents with the links between them
//!   (47/KH-UBND implements 230-KH/TU, 230-KH/TU implements 25-CT/TW).
//! - A citation with no date and no year anywhere in the text cannot be
//!   given an id: it is listed in the warnings.

mod assignments;
mod citations;
mod clauses;
mod grouped;
mod header;
mod indicators;
mod markdown;
mod normalise;
mod tables;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

pub use assignments::split_agencies;

use crate::corpus::Corpus;
use crate::error::{Error, ErrorKind, Result};
use crate::model::date::Date;
use crate::model::deadline::Deadline;
use crate::model::identity::{Citation, ClauseId, DocId, DocKind, DocNumber};
use crate::model::{
    Assignment, Branch, Clause, ClauseKind, DocLink, DocStatus, Document, Implements, Level, Provenance,
    Relation, Role, Warning,
};
use crate::text::{fold, slug};
use tables::{Col, Table};

/// Options for [`extract`]: where the text comes from (named in errors and
/// warnings), and optionally the jurisdiction and a jurisdiction table.
///
/// ```
/// use directive_lineage::ExtractOptions;
/// let options = ExtractOptions::new("plans/162.txt").jurisdiction("quang-ninh");
/// assert_eq!(options.source(), "plans/162.txt");
/// ```
#[derive(Clone, Debug, Default)]
pub struct ExtractOptions {
    source: String,
    jurisdiction: Option<String>,
    jurisdictions: Vec<(String, String)>,
}

impl ExtractOptions {
    /// Options for a text from `source` (a file name or any label).
    pub fn new(source: impl Into<String>) -> ExtractOptions {
        ExtractOptions { source: source.into(), ..ExtractOptions::default() }
    }

    /// Sets the jurisdiction (`thai-binh`), overriding what the text says.
    pub fn jurisdiction(mut self, jurisdiction: &str) -> ExtractOptions {
        let j = slug(jurisdiction);
        self.jurisdiction = (!j.is_empty()).then_some(j);
        self
    }

    /// Takes jurisdiction names from a corpus's jurisdiction table (by
    /// default a built-in list of provinces is used).
    pub fn corpus(mut self, corpus: &Corpus) -> ExtractOptions {
        self.jurisdictions = corpus.jurisdictions().iter().map(|j| (j.id.clone(), j.name.clone())).collect();
        self
    }

    /// The source name.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// Reads a document from plain text.
///
/// Returns the document with its clauses, citations, assignments,
/// deadlines and indicators; lines that could not be placed are kept raw
/// and listed in [`Document::warnings`]. A text that is not a policy
/// document gives [`ErrorKind::NotADocument`].
///
/// ```
/// use directive_lineage::{extract, ExtractOptions, Relation};
/// let text = "Số: 10/KH-SYT\nBắc Giang, ngày 18 tháng 01 năm 2024\nKẾ HOẠCH\n\
///             Triển khai thực hiện nhiệm vụ trọng tâm năm 2024\n\
///             Thực hiện Thông báo số 2117-TB/TU ngày 26/12/2023 của Thường trực Tỉnh ủy.\n\
///             I. NHIỆM VỤ\n1. Phòng Nghiệp vụ Y chủ trì, phối hợp với Sở Tài chính rà soát.\n\
///             Thời gian thực hiện: Cả năm 2024.";
/// let doc = extract(text, &ExtractOptions::new("10.txt"))?;
/// assert_eq!(doc.id.to_string(), "bac-giang/2024/kh-syt/10");
/// assert_eq!(doc.citations[0].relation, Relation::Implements);
/// let task = doc.clause("I.1").unwrap();
/// assert_eq!(task.assignments[0].agency, "Phòng Nghiệp vụ Y");
/// assert_eq!(task.deadline.as_ref().unwrap().text(), "Cả năm 2024");
///
/// let err = extract("Hôm nay trời đẹp.", &ExtractOptions::new("note.txt")).unwrap_err();
/// assert!(err.to_string().contains("note.txt"));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn extract(text: &str, options: &ExtractOptions) -> Result<Document> {
    Ok(run(text, options, false)?.remove(0))
}

/// Like [`extract`], followed by a cited-only document for every document
/// the text cites, carrying what the text says of it (number, date, issuer)
/// and the links of a citation chain (`47/KH-UBND ... thực hiện
/// 230-KH/TU`: the cited-only 47/KH-UBND implements 230-KH/TU).
pub fn extract_all(text: &str, options: &ExtractOptions) -> Result<Vec<Document>> {
    run(text, options, true)
}

fn run(text: &str, options: &ExtractOptions, with_cited: bool) -> Result<Vec<Document>> {
    let (lines, furniture, controls) = normalise::normalise_with_furniture(text);
    if !lines.iter().any(|l| l.is_text()) {
        return Err(not_a_document(options, "no text"));
    }
    let h = header::read(&lines, &options.jurisdictions);
    let Some(number) = h.number.clone() else {
        return Err(not_a_document(options, "no document number (số, ký hiệu) found"));
    };
    let mut warnings = furniture_warnings(&furniture, &controls);
    let (jurisdiction, province_name) = jurisdiction(&lines, &h, &number, options, &mut warnings);
    let Some(year) = year(&h, &number) else {
        return Err(not_a_document(options, "no date or year of issue"));
    };
    let kind = h.kind.or(number.kind()).unwrap_or(DocKind::CongVan);
    let title = h.title.clone();
    let id = doc_id(&jurisdiction, year, &number, &title);
    if id.as_str().parse::<DocId>().is_err() {
        return Err(not_a_document(options, &format!("the number {number} gives no valid id ({id})")));
    }
    status_warnings(&h, &mut warnings);
    let mut body = structure(&lines, &h, &mut warnings);
    prose_assignments(&mut body.clauses, &mut warnings);
    duty_lists(&mut body.clauses);
    titled_duties(&mut body.clauses);
    field_sets(&mut body.clauses, &body.starts, &lines);
    field_blocks(&mut body.clauses);
    field_bullets(&mut body.clauses);
    twin_rows(&mut body.clauses);
    let own = if number.number().is_some() { Some(&number) } else { None };
    let found = read_citations(&title, &body, own, &jurisdiction);
    warnings.extend(found.warnings.iter().cloned());
    mark_implements(&mut body.clauses, &found, (number.level(), number.branch()));
    let (level, branch) = (number.level(), number.branch());
    let issuer = issuer_name(&number, &h, province_name.as_deref());
    let doc = Document {
        id,
        kind,
        number: number.number().map(|_| number.clone()),
        issuer,
        jurisdiction,
        level,
        branch,
        date: h.date,
        title,
        signer: h.signer.clone(),
        status: h.status,
        source: Some(options.source.clone()),
        citations: found.links.clone(),
        clauses: body.clauses,
        warnings,
    };
    let mut out = vec![doc];
    if with_cited {
        out.extend(cited_only(&found, &out[0].id));
    }
    Ok(out)
}

fn not_a_document(options: &ExtractOptions, reason: &str) -> Error {
    Error::new(ErrorKind::NotADocument { source_name: options.source.clone(), reason: reason.to_string() })
}

fn warn(warnings: &mut Vec<Warning>, line: Option<usize>, message: String) {
    warnings.push(Warning { line, clause: None, message });
}

/// What normalisation left out or changed is said, not dropped silently.
fn furniture_warnings(furniture: &[(usize, usize)], controls: &normalise::Controls) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = furniture
        .iter()
        .map(|&(from, to)| Warning {
            line: Some(from),
            clause: None,
            message: format!("lines {from}-{to}: website banner or footer around the document, left out"),
        })
        .collect();
    if let Some(message) = controls.message() {
        warnings.push(Warning { line: controls.lines.first().copied(), clause: None, message });
    }
    warnings
}

/// The jurisdiction's id (the options', `vn` for a central document, else
/// the province's) and the province's name, for the issuer.
fn jurisdiction(
    lines: &[normalise::Line],
    h: &header::Header,
    number: &DocNumber,
    options: &ExtractOptions,
    warnings: &mut Vec<Warning>,
) -> (String, Option<String>) {
    let table = &options.jurisdictions;
    let province = province(lines, h, table);
    let jurisdiction = match (&options.jurisdiction, number.is_central()) {
        (Some(j), _) => j.clone(),
        (None, true) => "vn".to_string(),
        (None, false) => match &province {
            Some((id, _)) => id.clone(),
            None => {
                warn(warnings, None, "no province named: jurisdiction unknown".to_string());
                "unknown".to_string()
            }
        },
    };
    let province_name = province
        .as_ref()
        .map(|p| p.1.clone())
        .or_else(|| table.iter().find(|(id, _)| *id == jurisdiction).map(|(_, n)| n.clone()));
    (jurisdiction, province_name)
}

/// The province the issuer lines name, else the place line's, else the one
/// the text names most often.
fn province(
    lines: &[normalise::Line],
    h: &header::Header,
    table: &[(String, String)],
) -> Option<(String, String)> {
    let full_text: String =
        lines.iter().filter(|l| l.is_text()).map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
    let place = h.place.as_deref().and_then(|p| header::province(p, table));
    let named = header::most_named_province(&full_text, table);
    let issuer_province = h.issuer_lines.iter().find_map(|l| {
        let f = fold(l);
        f.strip_prefix("ubnd tinh ")
            .or_else(|| f.strip_prefix("tinh "))
            .or_else(|| f.strip_prefix("uy ban nhan dan tinh "))
            .and_then(|p| header::province(p, table))
    });
    issuer_province.or(place).or(named)
}

/// The year of issue: the date's, else the header's, else the number's;
/// `None` when none is a four-digit year.
fn year(h: &header::Header, number: &DocNumber) -> Option<u16> {
    h.date.map(Date::year).or(h.year).or(number.year()).filter(|y| (1000..=9999).contains(y))
}

/// A numbered document's id comes from its number, a draft's from its title.
fn doc_id(jurisdiction: &str, year: u16, number: &DocNumber, title: &str) -> DocId {
    if number.number().is_some() {
        DocId::from_number(jurisdiction, year, number)
    } else {
        DocId::draft(jurisdiction, year, number, title)
    }
}

/// What a draft or a news article leaves blank.
fn status_warnings(h: &header::Header, warnings: &mut Vec<Warning>) {
    match h.status {
        DocStatus::Draft => warn(
            warnings,
            None,
            format!("draft: number{} blank", if h.date.is_none() { " and date are" } else { " is" }),
        ),
        DocStatus::Summary if h.date.is_none() => {
            warn(warnings, None, "date of issue not given in the article".to_string())
        }
        _ => {}
    }
}

/// The body of a document: its clauses (table rows among them) in line
/// order with the line each starts on, the preamble and the footnotes.
struct Body {
    clauses: Vec<Clause>,
    starts: Vec<usize>,
    preamble: Vec<(usize, String)>,
    footnotes: Vec<(usize, String)>,
}

/// The clause tree of the lines the header did not use, with its tables'
/// rows placed among the clauses.
fn structure(lines: &[normalise::Line], h: &header::Header, warnings: &mut Vec<Warning>) -> Body {
    let mut used = vec![false; lines.len()];
    for &i in &h.used {
        used[i] = true;
    }
    let mut tree = clauses::build(lines, &used, h.status == DocStatus::Summary, h.subject_line);
    warnings.append(&mut tree.warnings);
    // Moved, not copied: a text of millions of clauses would hold them twice.
    let mut placed: Vec<(usize, Clause)> = std::mem::take(&mut tree.clauses)
        .into_iter()
        .zip(tree.starts.iter().copied())
        .map(|(c, s)| (s, c))
        .collect();
    let first_used = h.used.iter().copied().min().map(|i| lines[i].no);
    let preamble = front_matter(&tree.preamble, first_used, &mut placed, warnings);
    for (home, t) in &tree.tables {
        place_table(*home, t, &mut placed, warnings);
    }
    if placed.is_empty() {
        unmarked_body(&preamble, &mut placed, warnings);
    }
    placed.sort_by_key(|(s, _)| *s);
    let starts: Vec<usize> = placed.iter().map(|(s, _)| *s).collect();
    let clauses: Vec<Clause> = placed.into_iter().map(|(_, c)| c).collect();
    Body { clauses, starts, preamble, footnotes: tree.footnotes }
}

/// A body with no numbered clause and no table would be all preamble, which
/// only citations are read from: its paragraphs are kept as clauses of
/// their own (`1`, `2`, …), with a warning.
fn unmarked_body(
    preamble: &[(usize, String)],
    placed: &mut Vec<(usize, Clause)>,
    warnings: &mut Vec<Warning>,
) {
    let Some((first, _)) = preamble.first() else { return };
    warnings.push(Warning {
        line: Some(*first),
        clause: None,
        message: format!(
            "no numbered clause or table: the body is kept as {} unmarked paragraph(s)",
            preamble.len()
        ),
    });
    for (k, (line, text)) in preamble.iter().enumerate() {
        let mut c = Clause::new(&(k + 1).to_string(), ClauseKind::Paragraph, "", Provenance::Stated);
        c.text = text.clone();
        placed.push((*line, c));
    }
}

/// The preamble, less the front matter before the title that nothing used
/// and that cites nothing: that is kept raw in the first clause, with a
/// warning.
fn front_matter(
    paragraphs: &[(usize, String)],
    first_used: Option<usize>,
    placed: &mut [(usize, Clause)],
    warnings: &mut Vec<Warning>,
) -> Vec<(usize, String)> {
    let mut preamble = Vec::new();
    for (line, text) in paragraphs {
        if first_used.is_some_and(|u| *line < u) && Citation::find_all(text).is_empty() {
            warnings.push(Warning {
                line: Some(*line),
                clause: None,
                message: format!("line not placed, kept raw: {text:?}"),
            });
            if let Some((_, c)) = placed.first_mut() {
                c.raw.push(text.clone());
            }
        } else {
            preamble.push((*line, text.clone()));
        }
    }
    preamble
}

/// A table in clause `home`: an indicator table gives the clause its
/// indicators, a task table gives row clauses; what the table reader
/// doubted or could not place is warned of.
fn place_table(
    home: Option<usize>,
    t: &Table,
    placed: &mut Vec<(usize, Clause)>,
    warnings: &mut Vec<Warning>,
) {
    // `placed` starts with the tree's clauses in order: the home is at its index.
    let home_path = home.and_then(|k| placed.get(k)).map(|(_, c)| c.path.clone());
    if indicators::is_indicator_table(t) {
        let ind = indicators::read(t);
        match home.and_then(|k| placed.get_mut(k)) {
            Some((_, c)) => c.indicators.extend(ind),
            None => {
                warn(warnings, t.rows.first().map(|r| r.line), "indicator table outside any clause".into())
            }
        }
    } else {
        placed.extend(task_rows(t, home_path.as_deref()));
    }
    for (line, message) in &t.warnings {
        warnings.push(Warning { line: Some(*line), clause: home_path.clone(), message: message.clone() });
    }
    for (line, text) in &t.unplaced {
        warnings.push(Warning {
            line: Some(*line),
            clause: home_path.clone(),
            message: format!("table line not placed, kept raw: {text:?}"),
        });
        if let Some((_, c)) = home.and_then(|k| placed.get_mut(k)) {
            c.raw.push(text.clone());
        }
    }
}

/// Assignments and deadlines in prose and labelled fields.
fn prose_assignments(clauses: &mut [Clause], warnings: &mut Vec<Warning>) {
    let mut prev_leads: Option<Vec<Assignment>> = None;
    for c in clauses.iter_mut() {
        if c.kind == ClauseKind::Row {
            prev_leads = None;
            continue;
        }
        let mut found =
            assignments::read(&c.text, !matches!(c.kind, ClauseKind::Bullet | ClauseKind::SubBullet));
        if c.kind == ClauseKind::Section {
            // A section's own text is its closing paragraph, not a task.
            found.assignments.clear();
        }
        if let Some(hd) = c.heading.as_deref().filter(|hd| is_agency_heading(hd)) {
            found.assignments =
                agency_heading_assignments(hd, &c.text, std::mem::take(&mut found.assignments));
        }
        if c.deadline.is_none() {
            c.deadline =
                found.deadline.or_else(|| c.heading.as_deref().and_then(assignments::inline_deadline));
        }
        if c.kind == ClauseKind::Paragraph && found.assignments.is_empty() {
            if let Some(prev) = prev_leads.as_ref().filter(|_| continues_tasks(c)) {
                found.assignments = prev.clone();
                warnings.push(Warning {
                    line: None,
                    clause: Some(c.path.clone()),
                    message: "the paragraph names no agency; it continues the tasks of the paragraph before"
                        .into(),
                });
            }
        }
        prev_leads = (c.kind == ClauseKind::Paragraph && !found.assignments.is_empty())
            .then(|| found.assignments.iter().filter(|a| a.role == Role::Lead).cloned().collect());
        c.assignments.extend(found.assignments);
    }
}

/// Under a heading that names agencies (`2. Phòng Kế hoạch - Tài chính, Sở
/// Y tế`), they lead; the partners are those `found` in the text and those
/// after `Phối hợp với` / `Chủ trì, phối hợp với` in a paragraph.
fn agency_heading_assignments(hd: &str, text: &str, found: Vec<Assignment>) -> Vec<Assignment> {
    let mut list = heading_agencies(hd);
    list.extend(found.into_iter().filter(|a| a.role == Role::Cooperating));
    let mut seen = assignments::Seen::default();
    for a in &list {
        seen.insert(&a.agency);
    }
    for para in text.split('\n') {
        if let Some(rest) =
            para.strip_prefix("Phối hợp với ").or_else(|| para.strip_prefix("Chủ trì, phối hợp với "))
        {
            let coop = split_agencies(&assignments_leading(rest));
            for a in coop {
                if seen.insert(&a) {
                    list.push(Assignment::new(a, Role::Cooperating));
                }
            }
        }
    }
    list
}

/// A paragraph that names no agency but opens a sentence and is no lead-in
/// (`...:`) goes on with the tasks of the paragraph before.
fn continues_tasks(c: &Clause) -> bool {
    c.text.chars().next().is_some_and(char::is_uppercase) && !c.text.trim_end().ends_with(':')
}

/// The citations of the title, the preamble, each clause (its heading and
/// text) and the footnotes.
fn read_citations(title: &str, body: &Body, own: Option<&DocNumber>, jurisdiction: &str) -> citations::Found {
    let mut sources: Vec<citations::Source> = Vec::new();
    if !title.is_empty() {
        sources.push(citations::Source { text: title, clause: None, line: 0 });
    }
    for (line, text) in &body.preamble {
        sources.push(citations::Source { text, clause: None, line: *line });
    }
    let joined: Vec<(String, String, usize)> = body
        .clauses
        .iter()
        .zip(&body.starts)
        .map(|(c, &line)| {
            (c.path.clone(), format!("{}\n{}", c.heading.as_deref().unwrap_or(""), c.text), line)
        })
        .collect();
    for (path, text, line) in &joined {
        sources.push(citations::Source { text, clause: Some(path), line: *line });
    }
    for (line, text) in &body.footnotes {
        sources.push(citations::Source { text, clause: None, line: *line });
    }
    citations::read(&sources, own, jurisdiction)
}

/// Clauses that say they carry out a document implement it.
fn mark_implements(clauses: &mut [Clause], found: &citations::Found, own: (Level, Branch)) {
    // Paths are unique and each (clause, document) pair comes once: an
    // index by path instead of a search per pair.
    let by_path: HashMap<&str, usize> =
        clauses.iter().enumerate().map(|(k, c)| (c.path.as_str(), k)).rev().collect();
    // Lineage runs down: `thực hiện các nhiệm vụ tại Thông báo 213/TB-VPCP`
    // in a Government resolution, or `theo Thông tư …` in a decision of the
    // Prime Minister, cites a document of lower authority; it does not
    // implement it.
    let lower: HashSet<&DocId> = found
        .cited
        .iter()
        .filter(|(_, c)| (c.number().level(), c.number().branch()) > own)
        .map(|(id, _)| id)
        .collect();
    let mut marks: Vec<(usize, ClauseId)> = Vec::new();
    for (path, target) in &found.implements {
        if lower.contains(target) {
            continue;
        }
        if let Some(&k) = by_path.get(path.as_str()) {
            marks.push((k, ClauseId::document(target.clone())));
        }
    }
    for (k, r) in marks {
        let c = &mut clauses[k];
        c.implements.push(Implements { target: r, provenance: Provenance::Stated, score: None });
    }
}

/// The clauses of `kind` directly under clause `k` (clauses are in
/// document order, a child's path extends its parent's by one segment).
fn children(clauses: &[Clause], k: usize, kind: ClauseKind) -> Vec<usize> {
    let prefix = format!("{}.", clauses[k].path);
    (k + 1..clauses.len())
        .take_while(|&j| clauses[j].path.starts_with(&prefix))
        .filter(|&j| clauses[j].kind == kind && !clauses[j].path[prefix.len()..].contains('.'))
        .collect()
}

/// Labelled field sets after bullets (`- Rà soát ...` / `Đơn vị chủ trì:
/// ...` / `Thời gian thực hiện: ...`): each set is the lead, partners and
/// time of the bullets since the set before. The clause tree gives the set
/// to the bullets' parent; the line numbers tell which bullets it closes.
fn field_sets(clauses: &mut [Clause], starts: &[usize], lines: &[normalise::Line]) {
    for k in 0..clauses.len() {
        let prefix = format!("{}.", clauses[k].path);
        let kids = children(clauses, k, ClauseKind::Bullet);
        if kids.is_empty() || !clauses[k].text.lines().any(assignments::is_field_line) {
            continue;
        }
        let end = (k + 1..clauses.len()).find(|&j| !clauses[j].path.starts_with(&prefix)).map(|j| starts[j]);
        // The field lines under the clause, grouped into sets by the
        // bullets between them.
        let mut sets: Vec<(usize, String)> = Vec::new();
        let mut last_kid_line = 0;
        // Clauses are sorted by their start line, so the bullets' starts are
        // in order: a set to test lines against, binary search for ranges.
        let kid_starts: Vec<usize> = kids.iter().map(|&j| starts[j]).collect();
        let kid_lines: HashSet<usize> = kid_starts.iter().copied().collect();
        // Lines are in source order: the clause's span by binary search.
        let lo = lines.partition_point(|l| l.no <= starts[k]);
        let hi = end.map_or(lines.len(), |e| lines.partition_point(|l| l.no < e));
        for l in lines[lo..hi.max(lo)].iter().filter(|l| l.is_text()) {
            if kid_lines.contains(&l.no) {
                last_kid_line = l.no;
                continue;
            }
            let t = l.text.trim();
            if !assignments::is_field_line(t) {
                continue;
            }
            match sets.last_mut() {
                Some((at, text)) if *at >= last_kid_line => {
                    text.push('\n');
                    text.push_str(t);
                    *at = l.no;
                }
                _ => sets.push((l.no, t.to_string())),
            }
        }
        let mut from = starts[k];
        for (at, text) in sets {
            let found = assignments::read(&text, false);
            if found.assignments.is_empty() {
                // A time alone (`Thời gian thực hiện: Cả năm 2024`) is the
                // parent's, as the curated corpus has it.
                from = at;
                continue;
            }
            // The bullets after the set before and before this one.
            let (a, b) =
                (kid_starts.partition_point(|&s| s <= from), kid_starts.partition_point(|&s| s < at));
            for &j in &kids[a..b.max(a)] {
                if clauses[j].assignments.is_empty() {
                    clauses[j].assignments = found.assignments.clone();
                    if clauses[j].deadline.is_none() {
                        clauses[j].deadline = found.deadline.clone();
                    }
                }
            }
            from = at;
        }
    }
}

/// A task written as a block of labelled points (`a) Nhiệm vụ: ...`, `b)
/// Cơ quan thực hiện: - Đơn vị chủ trì: ... - Đơn vị phối hợp: ...`, `c)
/// Thời gian thực hiện: ...`): the task is the `Nhiệm vụ` point, with its
/// bullets as its text and the agencies and time of its sibling points.
fn field_blocks(clauses: &mut [Clause]) {
    const NAME_LABELS: &[&str] = &["nhiem vu:", "noi dung:", "ten nhiem vu:", "noi dung nhiem vu:"];
    let own = |c: &Clause| format!("{}\n{}", c.heading.as_deref().unwrap_or(""), c.text);
    for k in 0..clauses.len() {
        let prefix = format!("{}.", clauses[k].path);
        let subtree: Vec<usize> =
            (k + 1..clauses.len()).take_while(|&j| clauses[j].path.starts_with(&prefix)).collect();
        let kids: Vec<usize> =
            subtree.iter().copied().filter(|&j| !clauses[j].path[prefix.len()..].contains('.')).collect();
        let Some(&name_at) = kids.iter().find(|&&j| {
            // The label opens the heading or the text: fold their first words only.
            let c = &clauses[j];
            let start = c.heading.as_deref().filter(|h| !h.trim().is_empty()).unwrap_or(&c.text);
            let f = fold(&start.trim_start().chars().take(24).collect::<String>());
            NAME_LABELS.iter().any(|l| f.starts_with(l))
        }) else {
            continue;
        };
        let name_prefix = format!("{}.", clauses[name_at].path);
        let fields: Vec<String> = subtree
            .iter()
            .filter(|&&j| j != name_at && !clauses[j].path.starts_with(&name_prefix))
            .flat_map(|&j| own(&clauses[j]).lines().map(str::to_string).collect::<Vec<_>>())
            .filter(|l| assignments::is_field_line(l.trim()))
            .collect();
        let found = assignments::read(&fields.join("\n"), false);
        if !found.assignments.iter().any(|a| a.role == Role::Lead) {
            continue;
        }
        let bullets: Vec<String> = subtree
            .iter()
            .filter(|&&j| clauses[j].path.starts_with(&name_prefix))
            .map(|&j| clauses[j].text.clone())
            .collect();
        let c = &mut clauses[name_at];
        if !bullets.is_empty() {
            let mut text = c.text.clone();
            for b in bullets {
                clauses::append(&mut text, &b);
            }
            c.text = text;
        }
        c.assignments = found.assignments;
        if c.deadline.is_none() {
            c.deadline = found.deadline;
        }
    }
}

/// A task whose labelled fields are printed as bullets (`- Đơn vị chủ
/// trì: Sở Tư pháp.` / `- Thời gian thực hiện: Hằng năm.`): when every
/// bullet under a clause is a field, the fields are the clause's, and the
/// bullets are no tasks of their own.
fn field_bullets(clauses: &mut [Clause]) {
    for k in 0..clauses.len() {
        if clauses[k].assignments.iter().any(|a| a.role == Role::Lead) || clauses[k].text.trim().is_empty() {
            continue;
        }
        let kids = children(clauses, k, ClauseKind::Bullet);
        if kids.is_empty() || !kids.iter().all(|&j| assignments::is_field_line(clauses[j].text.trim())) {
            continue;
        }
        let fields: Vec<&str> = kids.iter().map(|&j| clauses[j].text.trim()).collect();
        let found = assignments::read(&fields.join("\n"), false);
        if !found.assignments.iter().any(|a| a.role == Role::Lead) {
            continue;
        }
        for &j in &kids {
            clauses[j].assignments.clear();
            clauses[j].deadline = None;
        }
        let c = &mut clauses[k];
        c.assignments = found.assignments;
        if c.deadline.is_none() {
            c.deadline = found.deadline;
        }
    }
}

/// A task printed twice, as a duty in the body and as a table row in the
/// same words with the same lead (`3. Sở Công Thương: Hỗ trợ …` and the
/// appendix row `Hỗ trợ …`), is one task: the body's copy takes the row's
/// deadline and partners where it states none.
fn twin_rows(clauses: &mut [Clause]) {
    // Eight words at least: short lines (`Tuyên truyền`) repeat by chance.
    let key = |c: &Clause| {
        let first = c.text.lines().next().unwrap_or("").trim_start_matches(['-', '+', '•', ' ']);
        let f = fold(first.trim_end_matches(['.', ';', ' ']));
        (f.split_whitespace().count() >= 8).then_some(f)
    };
    let leads = |c: &Clause| {
        let mut l: Vec<String> = c.agencies(Role::Lead).map(fold).collect();
        l.sort();
        l
    };
    let mut rows: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, c) in clauses.iter().enumerate() {
        if let Some(f) = key(c).filter(|_| c.kind == ClauseKind::Row) {
            rows.entry(f).or_default().push(k);
        }
    }
    for k in 0..clauses.len() {
        let c = &clauses[k];
        if rows.is_empty() || c.kind == ClauseKind::Row || c.assignments.is_empty() {
            continue;
        }
        let Some(twins) = key(c).and_then(|f| rows.get(&f)) else { continue };
        let Some(&r) = twins.iter().find(|&&r| leads(&clauses[r]) == leads(c)) else { continue };
        let (deadline, coop) = (
            clauses[r].deadline.clone(),
            clauses[r]
                .assignments
                .iter()
                .filter(|a| a.role == Role::Cooperating)
                .cloned()
                .collect::<Vec<_>>(),
        );
        let c = &mut clauses[k];
        if c.deadline.is_none() {
            c.deadline = deadline;
        }
        if !c.assignments.iter().any(|a| a.role == Role::Cooperating) {
            c.assignments.extend(coop);
        }
    }
}

/// Duties listed agency by agency: under a heading that names an agency
/// (`1. Sở Y tế`, `3. Bộ Tài chính chủ trì, phối hợp với các cơ quan, địa
/// phương:`), each point is a task of that agency, with the partners the
/// heading and the point name; a heading without points is the task itself.
fn duty_lists(clauses: &mut [Clause]) {
    for k in 0..clauses.len() {
        if matches!(clauses[k].kind, ClauseKind::Row | ClauseKind::Section | ClauseKind::Paragraph) {
            continue;
        }
        let Some(hd) = clauses[k].heading.clone() else { continue };
        let Some((lead, coop)) = assignments::duty_head(&hd) else {
            continue;
        };
        // `Phòng Kế hoạch - Tài chính, Sở Y tế`: a unit and its department.
        let lead = heading_agencies(&lead);
        let kids = children(clauses, k, ClauseKind::Point);
        let targets = if kids.is_empty() { vec![k] } else { kids };
        for j in targets {
            let c = &mut clauses[j];
            let mut partners = coop.clone();
            partners.extend(
                c.assignments.iter().filter(|a| a.role == Role::Cooperating).map(|a| a.agency.clone()),
            );
            partners.extend(assignments::duty_partners(&c.text));
            let mut list = lead.clone();
            let mut seen = assignments::Seen::default();
            for a in &list {
                seen.insert(&a.agency);
            }
            for p in partners {
                if seen.insert(&p) {
                    list.push(Assignment::new(p, Role::Cooperating));
                }
            }
            c.assignments = list;
            // The time phrase itself (`trong tháng 5 năm 2026`), not the verb
            // before it (`hoàn thành`).
            if let Some(d) = assignments::duty_deadline(&c.text) {
                c.deadline = Some(d);
            }
        }
    }
}

/// A section titled by whose duties it lists (`NHIỆM VỤ CỦA CÁC BỘ, NGÀNH,
/// ĐỊA PHƯƠNG TRONG TRIỂN KHAI ĐỀ ÁN …`): the items and points under it that
/// name no lead of their own are those agencies' tasks. Innermost titles
/// first, so a nested title names its own items.
fn titled_duties(clauses: &mut [Clause]) {
    for k in (0..clauses.len()).rev() {
        if clauses[k].kind != ClauseKind::Section {
            continue;
        }
        let Some(lead) = clauses[k].heading.as_deref().and_then(assignments::title_agencies) else {
            continue;
        };
        let prefix = format!("{}.", clauses[k].path);
        let end =
            (k + 1..clauses.len()).find(|&j| !clauses[j].path.starts_with(&prefix)).unwrap_or(clauses.len());
        for c in &mut clauses[k + 1..end] {
            let own = c.assignments.iter().any(|a| a.role == Role::Lead);
            if own || !matches!(c.kind, ClauseKind::Item | ClauseKind::Point) {
                continue;
            }
            let text = format!("{} {}", c.heading.as_deref().unwrap_or(""), c.text);
            // `Đối với các đơn vị đã xây dựng …: Tiếp tục …` narrows the title's
            // agencies to the item's addressee.
            let lead = assignments::addressee(text.trim()).unwrap_or_else(|| lead.clone());
            let mut seen = assignments::Seen::default();
            seen.insert(&lead);
            let mut list = vec![Assignment::new(lead, Role::Lead)];
            for p in c.assignments.iter().map(|a| a.agency.clone()).chain(assignments::duty_partners(&text)) {
                if seen.insert(&p) {
                    list.push(Assignment::new(p, Role::Cooperating));
                }
            }
            c.assignments = list;
            if c.deadline.is_none() {
                c.deadline = assignments::duty_deadline(text.trim());
            }
        }
    }
}

fn assignments_leading(s: &str) -> String {
    // The list after `phối hợp với`, up to the verb.
    let a = assignments::prose(&format!("Sở X chủ trì, phối hợp với {s}"));
    a.into_iter().filter(|x| x.role == Role::Cooperating).map(|x| x.agency).collect::<Vec<_>>().join("; ")
}

/// A heading that names agencies (seed 003's `III. TỔ CHỨC THỰC HIỆN`
/// items): `Phòng Nghiệp vụ Y, Sở Y tế`, `Các phòng thuộc Sở, ...`.
fn is_agency_heading(h: &str) -> bool {
    assignments::is_agency_start(h)
        && h.chars().count() < 120
        && !h.trim_end().ends_with('.')
        && assignments::prose(h).is_empty()
}

fn heading_agencies(h: &str) -> Vec<Assignment> {
    let parts = split_agencies(h);
    // `Phòng Kế hoạch - Tài chính, Sở Y tế`: a unit and its department.
    let unit_of = parts.len() == 2 && {
        let (a, b) = (fold(&parts[0]), fold(&parts[1]));
        ["phong ", "cuc ", "vu ", "trung tam ", "chi cuc "].iter().any(|p| a.starts_with(p))
            && ["so ", "bo "].iter().any(|p| b.starts_with(p))
    };
    let names = if unit_of { vec![h.trim().to_string()] } else { parts };
    assignments::assign(&names, Role::Lead)
}

/// Row clauses of a task table under `home` (the appendix `PL`).
fn task_rows(t: &Table, home: Option<&str>) -> Vec<(usize, Clause)> {
    let mut out = Vec::new();
    let flat = row_paths(t, home, false);
    let mut seen = HashSet::new();
    let paths = if flat.iter().all(|p| seen.insert(p.as_str())) { flat } else { row_paths(t, home, true) };
    for (r, path) in t.rows.iter().zip(paths) {
        let mut row =
            Clause::new(&path, ClauseKind::Row, r.cell(Col::Name).unwrap_or(""), Provenance::Stated);
        if r.heading {
            out.push((r.line, row));
            continue;
        }
        let sub_rows = row_cells(r, &path, &mut row);
        out.push((r.line, row));
        for c in sub_rows {
            out.push((r.line, c));
        }
    }
    out
}

/// The clause path of each row of `t`: its group and number under the
/// table's home. With `nest`, rows go under the numbered sub-group heading
/// above them (`III.1.1` → `III.1.1.4`): tables whose numbering restarts in
/// each sub-group (`1. Cung cấp dịch vụ số` / rows `1`, `2`, `3`) would
/// otherwise give two rows one path.
fn row_paths(t: &Table, home: Option<&str>, nest: bool) -> Vec<String> {
    let mut under: Option<String> = None;
    t.rows
        .iter()
        .map(|r| {
            let no = match &r.group {
                Some(g) => format!("{g}.{}", r.no),
                None => r.no.clone(),
            };
            let path = format!("{}.{no}", home.unwrap_or("T"));
            if !nest {
                return path;
            }
            if r.heading {
                // `I`, `A`: a top group; `I.1`, `1`, `1.2`: a sub-group.
                let sub = r.no.contains('.') || r.no.starts_with(|c: char| c.is_ascii_digit());
                under = sub.then(|| path.clone());
                return path;
            }
            match &under {
                Some(u) => format!("{u}.{}", r.no),
                None => path,
            }
        })
        .collect()
}

/// Fills `row` from the cell groups of `r`: the agencies of all groups,
/// the latest deadline, the other cells as text. A row of several groups
/// (several results) gets a sub-row per group, returned, which carries
/// that group's agencies, deadline and cells.
fn row_cells(r: &tables::Row, path: &str, row: &mut Clause) -> Vec<Clause> {
    let mut lead: Vec<String> = Vec::new();
    let mut coop: Vec<String> = Vec::new();
    let (mut lead_seen, mut coop_seen) = (HashSet::new(), HashSet::new());
    let mut sub_rows = Vec::new();
    let mut latest: Option<Deadline> = None;
    for (g, group) in r.groups.iter().enumerate() {
        let cell = |col: Col| group.iter().find(|(c, _)| *c == col).map(|(_, v)| v.as_str());
        // A sub-row without agencies shares the row's (merged cells).
        let gl = cell(Col::Lead).map(assignments::cell_agencies).unwrap_or_else(|| lead.clone());
        let gc = cell(Col::Coop).map(assignments::cell_agencies).unwrap_or_else(|| coop.clone());
        // `- Xây dựng ... trong giai đoạn 2026 - 2027`: the list mark is not the time's.
        let dl = cell(Col::Deadline).map(|d| Deadline::parse(d.trim_start_matches(['-', '+', '•', ' '])));
        add_new(&mut lead, &mut lead_seen, &gl);
        add_new(&mut coop, &mut coop_seen, &gc);
        if let Some(d) = dl.as_ref().filter(|d| due_no_earlier(d, latest.as_ref())) {
            latest = Some(d.clone());
        }
        if r.groups.len() > 1 {
            let mut sub = Clause::new(
                &format!("{path}.{}", g + 1),
                ClauseKind::Row,
                &extra_cells(group),
                Provenance::Stated,
            );
            sub.assignments = assignments::assign(&gl, Role::Lead);
            sub.assignments.extend(assignments::assign(&gc, Role::Cooperating));
            sub.deadline = dl;
            sub_rows.push(sub);
        } else {
            let e = extra_cells(group);
            if !e.is_empty() {
                row.text = format!("{}\n{e}", row.text);
            }
        }
    }
    row.assignments = assignments::assign(&lead, Role::Lead);
    row.assignments.extend(assignments::assign(&coop, Role::Cooperating));
    row.deadline = latest;
    sub_rows
}

/// Whether deadline `d` replaces `latest` as a row's deadline: it is the
/// first, or due no earlier (a deadline without a due date never replaces
/// one, and any due date replaces one without).
fn due_no_earlier(d: &Deadline, latest: Option<&Deadline>) -> bool {
    match (latest, d.due()) {
        (None, _) => true,
        (Some(l), Some(due)) => l.due().is_none_or(|ld| due >= ld),
        (Some(_), None) => false,
    }
}

/// The cells of a group other than number, name, agencies and deadline, as
/// `Label: text` lines.
fn extra_cells(group: &[(Col, String)]) -> String {
    group
        .iter()
        .filter(|(c, _)| {
            matches!(
                c,
                Col::Result
                    | Col::Basis
                    | Col::Note
                    | Col::Submit
                    | Col::Funding
                    | Col::Group
                    | Col::Unit
                    | Col::Target
            )
        })
        .map(|(c, v)| format!("{}: {v}", cell_label(*c)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn cell_label(col: Col) -> &'static str {
    match col {
        Col::Result => "Kết quả",
        Col::Basis => "Căn cứ",
        Col::Submit => "Cấp trình",
        Col::Funding => "Kinh phí",
        Col::Group => "Nhóm",
        Col::Unit => "Đơn vị",
        Col::Target => "Chỉ tiêu",
        _ => "Ghi chú",
    }
}

/// Appends to `list` the names of `new` it does not hold yet (`seen` is
/// its set, so long cells stay linear).
fn add_new(list: &mut Vec<String>, seen: &mut HashSet<String>, new: &[String]) {
    for a in new {
        if seen.insert(a.clone()) {
            list.push(a.clone());
        }
    }
}

/// The issuer as the curated corpus names it: `UBND tỉnh Quảng Ninh`, `Sở Y
/// tế tỉnh Bắc Giang`, `Chính phủ`.
fn issuer_name(n: &DocNumber, h: &header::Header, province: Option<&str>) -> String {
    let code = n.issuer().to_uppercase();
    let local = |name: &str, of_province: bool| match province {
        Some(p) if of_province => {
            let city = matches!(
                slug(p).as_str(),
                "ha-noi" | "ho-chi-minh" | "hai-phong" | "da-nang" | "can-tho" | "hue"
            );
            if name == "Tỉnh ủy" {
                if city {
                    format!("Thành ủy {p}")
                } else {
                    format!("Tỉnh ủy {p}")
                }
            } else {
                format!("{name} {} {p}", if city { "thành phố" } else { "tỉnh" })
            }
        }
        _ => name.to_string(),
    };
    // A People's Committee or Council that prints its name in full over
    // the header block (`ỦY BAN NHÂN DÂN` / `TỈNH BẮC NINH`) is named so.
    if matches!(fold(&code).as_str(), "ubnd" | "hdnd") && h.issuer_lines.len() >= 2 {
        let printed = h.issuer_lines.join(" ");
        let f = fold(&printed);
        if f.starts_with("uy ban nhan dan ") || f.starts_with("hoi dong nhan dan ") {
            return sentence_case(&printed);
        }
    }
    if let Some((name, prov)) = n.issuer_body() {
        return if prov || name == "Tỉnh ủy" { local(name, true) } else { name.to_string() };
    }
    if let Some(hint) = &h.issuer_hint {
        let f = fold(hint);
        if f.ends_with(" tinh") || f.ends_with(" thanh pho") {
            return local(hint.rsplit_once(' ').map_or(hint.as_str(), |(a, _)| a), true);
        }
        return local(hint, true);
    }
    if !h.issuer_lines.is_empty() {
        // As written: case-folding would spoil proper names.
        return h.issuer_lines.join(" ");
    }
    n.issuer().to_string()
}

/// `ỦY BAN NHÂN DÂN TỈNH BẮC NINH` → `Ủy ban nhân dân tỉnh Bắc Ninh`: lower
/// case but for the first letter and the place named after `tỉnh`,
/// `thành phố`, `huyện`, `xã`, `phường`.
fn sentence_case(s: &str) -> String {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut proper = false;
    for (k, w) in words.iter().enumerate() {
        let cap = |w: &str| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        };
        out.push(if k == 0 || proper { cap(w) } else { w.clone() });
        let f = fold(w);
        let next_is_place = matches!(f.as_str(), "tinh" | "huyen" | "xa" | "phuong" | "quan")
            || (f == "pho" && k > 0 && fold(&words[k - 1]) == "thanh");
        proper = proper || next_is_place;
    }
    out.join(" ")
}

/// A cited-only document for every document cited, with the chain links.
fn cited_only(found: &citations::Found, own: &DocId) -> Vec<Document> {
    // The best-described citation of each document, in order of first mention.
    let mut best: Vec<(&DocId, &Citation)> = Vec::new();
    let mut at: HashMap<&DocId, usize> = HashMap::new();
    let score = |c: &Citation| usize::from(c.date().is_some()) * 2 + usize::from(c.issuer_text().is_some());
    for (id, c) in &found.cited {
        if id == own {
            continue;
        }
        match at.get(id) {
            Some(&k) => {
                if score(c) > score(best[k].1) {
                    best[k].1 = c;
                }
            }
            None => {
                at.insert(id, best.len());
                best.push((id, c));
            }
        }
    }
    // Chain links by their source, in order: one look-up per document.
    let mut chains: HashMap<&DocId, Vec<&citations::Link>> = HashMap::new();
    for l in &found.chains {
        chains.entry(&l.from_id).or_default().push(l);
    }
    let mut out: Vec<Document> = Vec::new();
    for (id, best) in best {
        let (level, branch) = (best.number().level(), best.number().branch());
        let mut doc = Document {
            id: id.clone(),
            kind: best.number().kind().or(best.kind()).unwrap_or(DocKind::CongVan),
            number: Some(best.number().clone()),
            issuer: best.issuer_text().unwrap_or("").to_string(),
            jurisdiction: id.jurisdiction().to_string(),
            level,
            branch,
            date: best.date(),
            title: String::new(),
            signer: None,
            status: DocStatus::CitedOnly,
            source: None,
            citations: Vec::new(),
            clauses: Vec::new(),
            warnings: Vec::new(),
        };
        let mut linked = HashSet::new();
        for l in chains.get(id).into_iter().flatten() {
            if linked.insert(&l.to_id) {
                doc.citations.push(DocLink {
                    text: l.to.text().to_string(),
                    target: l.to_id.clone(),
                    relation: Relation::Implements,
                    clause: None,
                });
            }
        }
        out.push(doc);
    }
    out
}

impl Corpus {
    /// Extracts every `*.txt` file of `dir` (in name order) into a corpus,
    /// with a cited-only document for each document they cite that none of
    /// them is. A file that is not a document is an error naming the file.
    ///
    /// ```
    /// use directive_lineage::{Corpus, ExtractOptions};
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sources");
    /// let corpus = Corpus::extract_dir(dir, &ExtractOptions::default())?;
    /// assert!(corpus.document_by_ref("162/KH-UBND").is_ok());
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn extract_dir(dir: impl AsRef<Path>, options: &ExtractOptions) -> Result<Corpus> {
        let dir = dir.as_ref();
        let mut files: Vec<_> = fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let mut corpus = Corpus::new();
        let mut cited: Vec<Document> = Vec::new();
        // Index of each cited-only document in `cited`, and the targets it links.
        let mut cited_at: HashMap<DocId, usize> = HashMap::new();
        let mut links: Vec<HashSet<DocId>> = Vec::new();
        for f in files {
            let text = fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
            let mut o = options.clone();
            o.source = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut docs = extract_all(&text, &o)?.into_iter();
            if let Some(d) = docs.next() {
                corpus.add(d);
            }
            for d in docs {
                match cited_at.get(&d.id) {
                    Some(&k) => {
                        for l in d.citations {
                            if links[k].insert(l.target.clone()) {
                                cited[k].citations.push(l);
                            }
                        }
                    }
                    None => {
                        cited_at.insert(d.id.clone(), cited.len());
                        links.push(d.citations.iter().map(|l| l.target.clone()).collect());
                        cited.push(d);
                    }
                }
            }
        }
        for d in cited {
            if corpus.document(&d.id).is_none() {
                corpus.add(d);
            }
        }
        Ok(corpus)
    }
}
