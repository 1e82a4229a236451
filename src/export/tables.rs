//! Flat tables for spreadsheets and pandas: one row per task, one row per
//! document, as JSON records or CSV.

use serde::Serialize;

use super::tag;
use crate::error::Result;
use crate::graph::{LineageGraph, NodeRef};
use crate::model::date::Date;
use crate::model::{Document, Provenance, Relation};
use crate::query::TaskFilter;

/// Separator of list cells (agency names, document ids) in CSV; agency names
/// hold commas, never semicolons once split.
const LIST_SEP: &str = "; ";

#[derive(Serialize)]
struct TaskRow {
    id: String,
    document_id: String,
    document: String,
    jurisdiction: String,
    path: String,
    text: String,
    lead: Vec<String>,
    cooperating: Vec<String>,
    deadline: Option<String>,
    deadline_kind: Option<String>,
    start: Option<Date>,
    due: Option<Date>,
    status: Option<String>,
    as_of: Option<Date>,
}

const TASK_COLUMNS: [&str; 14] = [
    "id",
    "document_id",
    "document",
    "jurisdiction",
    "path",
    "text",
    "lead",
    "cooperating",
    "deadline",
    "deadline_kind",
    "start",
    "due",
    "status",
    "as_of",
];

fn task_rows(graph: &LineageGraph, filter: &TaskFilter) -> Result<Vec<TaskRow>> {
    Ok(graph
        .tasks(filter)?
        .into_iter()
        .map(|t| {
            let dl = match graph.get(&t.id) {
                Some(NodeRef::Clause(_, c)) => c.deadline.as_ref(),
                _ => None,
            };
            TaskRow {
                document_id: t.id.split('#').next().unwrap_or_default().to_string(),
                deadline_kind: dl.map(|d| tag(&d.kind())),
                start: dl.and_then(|d| d.start()),
                status: t.status.as_ref().map(tag),
                id: t.id,
                document: t.document,
                jurisdiction: t.jurisdiction,
                path: t.path,
                text: t.text,
                lead: t.lead,
                cooperating: t.cooperating,
                deadline: t.deadline,
                due: t.due,
                as_of: t.as_of,
            }
        })
        .collect())
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn csv_of<const N: usize>(columns: [&str; N], rows: impl Iterator<Item = [String; N]>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory fails only on a bug in csv: nothing here depends on input.
    w.write_record(columns).expect("write to memory");
    for r in rows {
        w.write_record(r.iter().map(|c| spreadsheet_safe(c).into_owned())).expect("write to memory");
    }
    let bytes = w.into_inner().expect("flush to memory");
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A cell a spreadsheet shows as text: one that begins like a formula
/// (`=`, `+`, `-`, `@`, or a tab or carriage return before one) gets a
/// leading `'`, which spreadsheets hide and which keeps them from running
/// it (the OWASP rule for CSV injection). Plans do begin bullets with `- `.
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn json_of<T: Serialize>(rows: &[T]) -> String {
    let mut s = serde_json::to_string_pretty(rows).expect("rows have string keys");
    s.push('\n');
    s
}

/// The tasks [`LineageGraph::tasks`] returns for `filter`, as a JSON array of
/// records with the columns of [`tasks_csv`] (`lead` and `cooperating` are
/// arrays).
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, TaskFilter, Date, tasks_json};
/// # let graph = LineageGraph::build(Corpus::bundled());
/// let day: Date = "2025-08-01".parse().unwrap();
/// let rows: serde_json::Value = serde_json::from_str(&tasks_json(&graph, &TaskFilter::new().as_of(day))?).unwrap();
/// assert!(rows.as_array().unwrap().iter().any(|r| r["status"] == "overdue"));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
///
/// # Errors
///
/// A jurisdiction or agency in `filter` that names nothing, as
/// [`LineageGraph::tasks`].
pub fn tasks_json(graph: &LineageGraph, filter: &TaskFilter) -> Result<String> {
    Ok(json_of(&task_rows(graph, filter)?))
}

/// The tasks [`LineageGraph::tasks`] returns for `filter` as CSV, one row per
/// task: `id, document_id, document, jurisdiction, path, text, lead,
/// cooperating, deadline, deadline_kind, start, due, status, as_of`. Agency
/// lists are joined with `; `; `status` (as of the filter's date, given in
/// `as_of`) is `done-on-time`, `done-late`, `open`, `overdue`, `ongoing` or
/// `no-deadline`.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, TaskFilter, tasks_csv};
/// # let graph = LineageGraph::build(Corpus::bundled());
/// let csv = tasks_csv(&graph, &TaskFilter::new().jurisdiction("Quảng Ninh"))?;
/// assert!(csv.starts_with("id,document_id,document,jurisdiction,path,text,lead,"));
/// assert!(csv.contains("quang-ninh/2024/kh-ubnd/162#PL.7"));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
///
/// # Errors
///
/// A jurisdiction or agency in `filter` that names nothing, as
/// [`LineageGraph::tasks`].
pub fn tasks_csv(graph: &LineageGraph, filter: &TaskFilter) -> Result<String> {
    Ok(csv_of(
        TASK_COLUMNS,
        task_rows(graph, filter)?.into_iter().map(|r| {
            [
                r.id,
                r.document_id,
                r.document,
                r.jurisdiction,
                r.path,
                r.text,
                r.lead.join(LIST_SEP),
                r.cooperating.join(LIST_SEP),
                opt(&r.deadline),
                opt(&r.deadline_kind),
                opt(&r.start),
                opt(&r.due),
                opt(&r.status),
                opt(&r.as_of),
            ]
        }),
    ))
}

#[derive(Serialize)]
struct DocumentRow {
    id: String,
    name: String,
    number: Option<String>,
    kind: String,
    issuer: String,
    jurisdiction: String,
    jurisdiction_name: String,
    level: String,
    branch: String,
    date: Option<Date>,
    status: String,
    title: String,
    clauses: usize,
    tasks: usize,
    implements: Vec<String>,
    based_on: Vec<String>,
    cites: Vec<String>,
    source: Option<String>,
}

const DOCUMENT_COLUMNS: [&str; 18] = [
    "id",
    "name",
    "number",
    "kind",
    "issuer",
    "jurisdiction",
    "jurisdiction_name",
    "level",
    "branch",
    "date",
    "status",
    "title",
    "clauses",
    "tasks",
    "implements",
    "based_on",
    "cites",
    "source",
];

fn document_row(graph: &LineageGraph, d: &Document) -> DocumentRow {
    let mut implements: Vec<String> = Vec::new();
    let mut based_on = Vec::new();
    let mut cites = Vec::new();
    let push = |v: &mut Vec<String>, id: &str| {
        if id != d.id.as_str() && !v.iter().any(|x| x == id) {
            v.push(id.to_string());
        }
    };
    for l in &d.citations {
        match l.relation {
            Relation::Implements => push(&mut implements, l.target.as_str()),
            Relation::BasedOn => push(&mut based_on, l.target.as_str()),
            Relation::Cites => push(&mut cites, l.target.as_str()),
        }
    }
    // Clause-level links count too: Đắk Lắk's plan carries out 25-CT/TW
    // through one clause only. Inferred links are left to the graph export.
    for c in &d.clauses {
        for imp in c.implements.iter().filter(|i| i.provenance != Provenance::Inferred) {
            push(&mut implements, imp.target.doc().as_str());
        }
    }
    DocumentRow {
        id: d.id.to_string(),
        name: d.display_name(),
        number: d.number.as_ref().map(ToString::to_string),
        kind: tag(&d.kind),
        issuer: d.issuer.clone(),
        jurisdiction: d.jurisdiction.clone(),
        jurisdiction_name: graph
            .corpus()
            .jurisdiction(&d.jurisdiction)
            .map_or_else(|| d.jurisdiction.clone(), |j| j.name.clone()),
        level: d.level.to_string(),
        branch: tag(&d.branch),
        date: d.date,
        status: tag(&d.status),
        title: d.title.clone(),
        clauses: d.clauses.len(),
        tasks: d.clauses.iter().filter(|c| c.is_task()).count(),
        implements,
        based_on,
        cites,
        source: d.source.clone(),
    }
}

fn document_rows(graph: &LineageGraph) -> Vec<DocumentRow> {
    graph
        .nodes()
        .filter_map(|(_, n)| match n {
            NodeRef::Document(d) => Some(document_row(graph, d)),
            _ => None,
        })
        .collect()
}

/// One record per document of the graph, in graph order, with the columns
/// of [`documents_csv`] (`implements`, `based_on` and `cites` are arrays).
pub fn documents_json(graph: &LineageGraph) -> String {
    json_of(&document_rows(graph))
}

/// One CSV row per document of the graph: `id, name, number, kind, issuer,
/// jurisdiction, jurisdiction_name, level, branch, date, status, title,
/// clauses, tasks, implements, based_on, cites, source`. `implements` lists
/// the documents it carries out, by a document-level or a clause-level link
/// (not inferred ones); lists are joined with `; `.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, documents_csv};
/// # let graph = LineageGraph::build(Corpus::bundled());
/// let csv = documents_csv(&graph);
/// let row = csv.lines().find(|l| l.starts_with("quang-ninh/2024/kh-ubnd/162,")).unwrap();
/// assert!(row.contains("vn/2023/ct-tw/25"));
/// ```
pub fn documents_csv(graph: &LineageGraph) -> String {
    csv_of(
        DOCUMENT_COLUMNS,
        document_rows(graph).into_iter().map(|r| {
            [
                r.id,
                r.name,
                opt(&r.number),
                r.kind,
                r.issuer,
                r.jurisdiction,
                r.jurisdiction_name,
                r.level,
                r.branch,
                opt(&r.date),
                r.status,
                r.title,
                r.clauses.to_string(),
                r.tasks.to_string(),
                r.implements.join(LIST_SEP),
                r.based_on.join(LIST_SEP),
                r.cites.join(LIST_SEP),
                opt(&r.source),
            ]
        }),
    )
}
