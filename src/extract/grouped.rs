//! Tables grouped by agency (`STT / Đơn vị / Nhiệm vụ chủ trì / Đơn vị phối
//! hợp / Thời gian hoàn thành`): the agency's cell spans the tasks it leads,
//! and PDF text prints it, with the group's number, at the height of the
//! middle of that span, among the tasks. The tasks carry no number; each
//! ends with its time.

use super::normalise::{Line, LineKind};
use super::tables::{self, Col, Item, Row, Table};
use crate::text::fold;

/// Whether a header puts the lead agency before the task: the agency then
/// groups the rows.
pub(super) fn agency_first(header: &[(Col, String)]) -> bool {
    let lead = header.iter().position(|(c, _)| *c == Col::Lead);
    let name = header.iter().position(|(c, _)| *c == Col::Name);
    matches!((lead, name), (Some(l), Some(n)) if l < n)
}

/// A group's label: its number, the agency's name, where it was printed
/// and how many tasks came before it.
struct Label {
    no: String,
    name: String,
    line: usize,
    after: usize,
}

/// A task: the line it starts on and its lines.
struct Task {
    line: usize,
    items: Vec<Item>,
    /// Its time cell has been read: the next line that starts a new cell
    /// starts the next task.
    closing: bool,
}

/// The table whose header is at `i` and whose first task is at `start`;
/// `None` when no group label is found (the layout is another one).
pub(super) fn read(lines: &[Line], i: usize, start: usize, cols: Vec<Col>, wrap: bool) -> Option<Table> {
    let header_len = start - i;
    let body: Vec<Col> = cols.iter().copied().filter(|c| !matches!(c, Col::No | Col::Lead)).collect();
    let mut table = Table { cols, ..Table::default() };
    let (mut labels, mut tasks): (Vec<Label>, Vec<Task>) = (Vec::new(), Vec::new());
    let mut after_break = false;
    let mut j = start;
    while j < lines.len() {
        let l = &lines[j];
        match l.kind {
            LineKind::PageBreak => {
                after_break = true;
                j = tables::past_repeated_header(lines, j + 1, header_len);
                continue;
            }
            LineKind::Text => {}
            _ => {
                j += 1;
                continue;
            }
        }
        let t = l.text.trim();
        if tables::ends_table(t, &l.folded) {
            break;
        }
        if let Some((name, next)) = label(lines, j, labels.len() + 1) {
            let open = tasks.last().is_some_and(|t| !t.closing);
            labels.push(Label {
                no: t.to_string(),
                name,
                line: l.no,
                after: tasks.len() - usize::from(open),
            });
            j = next;
            continue;
        }
        push_line(&mut tasks, lines, j, after_break, wrap);
        after_break = false;
        j += 1;
    }
    if labels.is_empty() {
        return None;
    }
    table.end = j;
    table.rows = rows(&labels, tasks, &body, wrap);
    Some(table)
}

/// Adds line `j` to the last task, or starts a task when the last one has
/// its time and `j` starts a new cell.
fn push_line(tasks: &mut Vec<Task>, lines: &[Line], j: usize, after_break: bool, wrap: bool) {
    let l = &lines[j];
    let t = l.text.trim();
    let next = lines[j + 1..].iter().find(|l| l.is_text());
    let time =
        tables::deadline_like(t, &l.folded, next.map(|n| n.text.as_str()), next.map(|n| n.folded.as_str()));
    let new = match tasks.last() {
        None => true,
        Some(task) => {
            let prev = task.items.last().map(|it| it.text.as_str()).unwrap_or("");
            task.closing && t.starts_with(char::is_uppercase) && !time_open(prev)
        }
    };
    if new {
        tasks.push(Task { line: l.no, items: Vec::new(), closing: false });
    }
    let task = tasks.last_mut().expect("a task");
    tables::push_items(&mut task.items, &l.text, Some(&l.folded), after_break, wrap);
    // The time is the last cell: partners after a time-like line (`giai
    // đoạn` / `2020 - 2025` / `(1) Bộ Tài chính`) show it was the task's own.
    let partner = t.starts_with('(') || super::assignments::is_agency_start(t);
    task.closing = time || (task.closing && !partner);
}

/// Whether a time cell's line leaves it open: `Theo lộ trình của`, `do
/// Bộ`; `Quý IV/2023` closes it.
fn time_open(prev: &str) -> bool {
    let p = prev.trim_end();
    let last = p.rsplit(' ').next().unwrap_or("");
    p.ends_with(',')
        || ["cua", "va", "do", "theo", "ve", "tai", "cho", "cac", "trong"].contains(&fold(last).as_str())
        || (last.starts_with(char::is_uppercase) && !last.contains(|c: char| c.is_ascii_digit()))
}

/// The label of group `n` at line `j`: the number alone, then the agency's
/// name on the lines after it (`Bộ Thông tin và` / `Truyền thông`), and
/// the line after the label.
fn label(lines: &[Line], j: usize, n: usize) -> Option<(String, usize)> {
    if lines[j].text.trim() != n.to_string() {
        return None;
    }
    let mut k = j + 1;
    let mut name = String::new();
    while let Some(l) = lines.get(k).filter(|l| l.is_text()) {
        let t = l.text.trim();
        if name.is_empty() {
            // The number alone, as the group after the last, is the label;
            // its name may be no agency's usual form (`VTV, VOV`).
            if t.chars().count() > 40 || !t.starts_with(char::is_uppercase) {
                return None;
            }
        } else {
            // The name goes on after `và` or a comma, or on a short
            // capitalised line that is no time and no other agency
            // (`Văn phòng` / `Chính phủ`); a task's line is longer.
            let open = fold(&name).ends_with(" va") || name.ends_with(',') || l.folded.starts_with("va ");
            let short = t.chars().count() <= 20
                && t.starts_with(char::is_uppercase)
                && !super::assignments::is_agency_start(t);
            if !(open || short) || tables::deadline_like(t, &l.folded, None, None) {
                break;
            }
            name.push(' ');
        }
        name.push_str(t);
        k += 1;
    }
    (!name.is_empty()).then_some((name, k))
}

/// The rows: per group, a heading with the agency's name, then its tasks
/// with the agency as lead. A label is printed in the middle of its tasks,
/// so the tasks between two labels are shared half and half; those before
/// the first label are the first group's.
fn rows(labels: &[Label], tasks: Vec<Task>, body: &[Col], wrap: bool) -> Vec<Row> {
    // Labels are in print order, so `after` only grows: a binary search
    // keeps a table of many groups linear-logarithmic.
    let owner = |r: usize| -> Option<usize> {
        let k = labels.partition_point(|l| l.after <= r);
        if k == labels.len() {
            return None;
        }
        if k == 0 {
            return Some(0);
        }
        // `after` only falls back by one in odd text (a label after a
        // partner line reopened a task); the bounds keep the arithmetic sound.
        let (from, to) = (labels[k - 1].after.min(r), labels[k].after.max(r + 1));
        Some(if r - from < (to - from).div_ceil(2) { k - 1 } else { k })
    };
    let mut groups: Vec<Vec<Task>> = labels.iter().map(|_| Vec::new()).collect();
    for (r, task) in tasks.into_iter().enumerate() {
        // Past the last label: the last group's.
        let k = owner(r).unwrap_or(labels.len() - 1);
        groups[k].push(task);
    }
    let mut out = Vec::new();
    for (label, group) in labels.iter().zip(groups) {
        let line = group.first().map_or(label.line, |t| t.line.min(label.line));
        out.push(Row {
            no: label.no.clone(),
            line,
            heading: true,
            groups: vec![vec![(Col::Name, label.name.clone())]],
            ..Row::default()
        });
        for (n, task) in group.into_iter().enumerate() {
            let mut cells = tables::segment(&task.items, body, wrap);
            for g in &mut cells {
                g.insert(usize::from(!g.is_empty() && g[0].0 == Col::Name), (Col::Lead, label.name.clone()));
            }
            out.push(Row {
                no: (n + 1).to_string(),
                line: task.line,
                group: Some(label.no.clone()),
                groups: cells,
                ..Row::default()
            });
        }
    }
    out
}
