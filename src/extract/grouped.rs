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
    /// The page it is printed on (page breaks before it).
    page: usize,
}

/// A task: the line it starts on and its lines.
struct Task {
    line: usize,
    /// The page it starts on.
    page: usize,
    items: Vec<Item>,
    /// Its time cell has been read: the next line that starts a new cell
    /// starts the next task.
    closing: bool,
    /// A line as narrow as a partner's or a time's cell has been read: the
    /// task's own text, the widest cell, has ended.
    narrow: bool,
}

/// The width, in characters, below which a line is not a full line of the
/// task column (the widest): partner and time cells are narrower.
const TASK_WIDTH: usize = 30;

/// The table whose header is at `i` and whose first task is at `start`;
/// `None` when no group label is found (the layout is another one).
pub(super) fn read(lines: &[Line], i: usize, start: usize, cols: Vec<Col>, wrap: bool) -> Option<Table> {
    let header_len = start - i;
    let body: Vec<Col> = cols.iter().copied().filter(|c| !matches!(c, Col::No | Col::Lead)).collect();
    let mut table = Table { cols, ..Table::default() };
    let (mut labels, mut tasks): (Vec<Label>, Vec<Task>) = (Vec::new(), Vec::new());
    let mut after_break = false;
    let mut page = 0;
    let mut j = start;
    while j < lines.len() {
        let l = &lines[j];
        match l.kind {
            LineKind::PageBreak => {
                after_break = true;
                page += 1;
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
                page,
            });
            j = next;
            continue;
        }
        push_line(&mut tasks, lines, j, page, after_break, wrap);
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
fn push_line(tasks: &mut Vec<Task>, lines: &[Line], j: usize, page: usize, after_break: bool, wrap: bool) {
    let l = &lines[j];
    let t = l.text.trim();
    let next = lines[j + 1..].iter().find(|l| l.is_text());
    let time =
        tables::deadline_like(t, &l.folded, next.map(|n| n.text.as_str()), next.map(|n| n.folded.as_str()));
    let partner = t.starts_with('(') || super::assignments::is_agency_start(t);
    let wide = t.chars().count() >= TASK_WIDTH;
    let new = match tasks.last() {
        None => true,
        Some(task) => {
            let prev = task.items.last().map(|it| it.text.as_str()).unwrap_or("");
            let capital = t.starts_with(char::is_uppercase);
            (task.closing && capital && !time_open(prev))
                // A full-width line after the narrow cells is the next
                // task's text, also when its time was not read as one
                // (`Bộ Công an xây dựng kế hoạch triển khai`).
                || (task.narrow && capital && wide && !partner && !time)
        }
    };
    if new {
        tasks.push(Task { line: l.no, page, items: Vec::new(), closing: false, narrow: false });
    }
    let task = tasks.last_mut().expect("a task");
    tables::push_items(&mut task.items, &l.text, Some(&l.folded), after_break, wrap);
    task.narrow |= !wide;
    // The time is the last cell: partners after a time-like line (`giai
    // đoạn` / `2020 - 2025` / `(1) Bộ Tài chính`) show it was the task's own.
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
            // A short line goes on a name left open by a capitalised word
            // (`Hà Nội, Thành` / `phố Hồ Chí Minh,`) or, capitalised itself,
            // names no other agency.
            let short = t.chars().count() <= 20
                && !t.starts_with('(')
                && (tables::name_open(&name)
                    || (t.starts_with(char::is_uppercase) && !super::assignments::is_agency_start(t)));
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

/// A task's cells, in groups of sub-rows.
type Cells = Vec<Vec<(Col, String)>>;

/// The rows: per group, a heading with the agency's name, then its tasks
/// with the agency as lead.
fn rows(labels: &[Label], tasks: Vec<Task>, body: &[Col], wrap: bool) -> Vec<Row> {
    let cells: Vec<_> = tasks.iter().map(|t| tables::segment(&t.items, body, wrap)).collect();
    let owners = owners(labels, &tasks, &cells);
    let mut groups: Vec<Vec<(Task, Cells)>> = labels.iter().map(|_| Vec::new()).collect();
    for ((task, cells), k) in tasks.into_iter().zip(cells).zip(owners) {
        groups[k].push((task, cells));
    }
    let mut out = Vec::new();
    for (label, group) in labels.iter().zip(groups) {
        let line = group.first().map_or(label.line, |(t, _)| t.line.min(label.line));
        out.push(Row {
            no: label.no.clone(),
            line,
            heading: true,
            groups: vec![vec![(Col::Name, label.name.clone())]],
            ..Row::default()
        });
        for (n, (task, mut cells)) in group.into_iter().enumerate() {
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

/// The group of each task. Those before the first label are the first
/// group's, those after the last the last one's. Between two labels the
/// tasks are split where:
/// - no agency is named a partner of its own task (`(1) Bộ Công an` is
///   not under `Bộ Công an`);
/// - no group starts on a page before its label's (a label is printed on
///   the first page of its span);
/// - else, a label printed in the middle of its span, half and half.
fn owners(labels: &[Label], tasks: &[Task], cells: &[Cells]) -> Vec<usize> {
    let names: Vec<String> = labels.iter().map(|l| fold(&l.name)).collect();
    let partner_of = |r: usize, k: usize| -> bool {
        cells[r].iter().flatten().any(|(c, text)| *c == Col::Coop && has_phrase(&fold(text), &names[k]))
    };
    let mut owner = vec![labels.len() - 1; tasks.len()];
    let mut from = 0;
    for (k, label) in labels.iter().enumerate() {
        // `after` only grows in print order; a label after a partner line
        // may fall back by one, which the bounds absorb.
        let to = label.after.clamp(from, tasks.len());
        if k == 0 {
            owner[..to].fill(0);
        } else {
            let m = split(from, to, |r, later| {
                let wrong_page = later && tasks[r].page < label.page;
                u32::from(partner_of(r, if later { k } else { k - 1 })) + u32::from(wrong_page)
            });
            owner[from..m].fill(k - 1);
            owner[m..to].fill(k);
        }
        from = to;
    }
    owner
}

/// Where the tasks `from..to` between two labels are split: the first index
/// of the later group, at the least cost (`cost(r, later)`: what putting
/// task `r` in the later group, or not, breaks), ties to the middle.
fn split(from: usize, to: usize, cost: impl Fn(usize, bool) -> u32) -> usize {
    // Costs of every cut from prefix sums: linear in the gap.
    let mut earlier = vec![0u32; to - from + 1];
    for r in from..to {
        earlier[r - from + 1] = earlier[r - from] + cost(r, false);
    }
    let mut later = vec![0u32; to - from + 1];
    for r in (from..to).rev() {
        later[r - from] = later[r - from + 1] + cost(r, true);
    }
    let mid = from + (to - from).div_ceil(2);
    (from..=to).min_by_key(|&m| (earlier[m - from] + later[m - from], m.abs_diff(mid))).unwrap_or(mid)
}

/// Whether folded `hay` holds folded `phrase` as whole words.
fn has_phrase(hay: &str, phrase: &str) -> bool {
    !phrase.is_empty()
        && hay.match_indices(phrase).any(|(i, _)| {
            let before = hay[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = hay[i + phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
}
