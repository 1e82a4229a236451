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
            let open = tasks.last().is_some_and(|t| !t.closing && !t.narrow);
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
    (table.rows, table.warnings) = rows(&labels, tasks, &body, wrap);
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
    let prev = tasks.last().and_then(|task| task.items.last()).map_or("", |it| it.text.as_str());
    // `Theo lộ trình của Đề án do Bộ` / `Công an đề xuất`: the time goes on.
    let partner = partner && !tasks.last().is_some_and(|task| task.closing && time_open(prev));
    let new = match tasks.last() {
        None => true,
        Some(task) => {
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
fn rows(labels: &[Label], tasks: Vec<Task>, body: &[Col], wrap: bool) -> (Vec<Row>, Vec<(usize, String)>) {
    let cells: Vec<_> = tasks.iter().map(|t| tables::segment(&t.items, body, wrap)).collect();
    let owners = owners(labels, &tasks, &cells);
    let mut warnings = Vec::new();
    let mut groups: Vec<Vec<(Task, Cells)>> = labels.iter().map(|_| Vec::new()).collect();
    for ((task, cells), (k, unsure)) in tasks.into_iter().zip(cells).zip(owners) {
        if unsure {
            warnings.push((
                task.line,
                format!(
                    "task placed under {:?} by where its label is printed; no partner or page says whose it is",
                    labels[k].name
                ),
            ));
        }
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
    (out, warnings)
}

/// The group of each task. A label is printed in the middle of its
/// group's tasks, or on the group's first page when the middle falls on a
/// later one, so the tasks between two labels are split where each label
/// sits best among its own, given that:
/// - no agency is named a partner of its own task (`(1) Bộ Công an` is
///   not under `Bộ Công an`);
/// - no group has tasks on a page before its label's.
fn owners(labels: &[Label], tasks: &[Task], cells: &[Cells]) -> Vec<(usize, bool)> {
    let names: Vec<String> = labels.iter().map(|l| fold(&l.name)).collect();
    let breaks = |r: usize, k: usize| -> u32 {
        let partner =
            cells[r].iter().flatten().any(|(c, t)| *c == Col::Coop && has_phrase(&fold(t), &names[k]));
        u32::from(partner) + u32::from(tasks[r].page < labels[k].page)
    };
    // `after` only grows in print order; a label after a partner line may
    // fall back by one, which clamping absorbs.
    let mut at = Vec::with_capacity(labels.len());
    for l in labels {
        at.push(l.after.clamp(at.last().copied().unwrap_or(0), tasks.len()));
    }
    let search = Owners::new(labels, tasks, &at, breaks);
    let starts = search.best().unwrap_or_else(|| search.halves());
    let mut owner = vec![(0, false); tasks.len()];
    for (k, w) in starts.windows(2).enumerate() {
        owner[w[0]..w[1]].fill((k, false));
    }
    // The tasks on either side of a split between two labels that could
    // cross it (their group keeps a task, no rule keeps them out of the
    // other) were placed by the labels' print position alone.
    let size = |k: usize| starts[k + 1] - starts[k];
    for j in 1..labels.len() {
        let cut = starts[j];
        if cut > at[j - 1] && size(j - 1) >= 2 && breaks(cut - 1, j) == 0 {
            owner[cut - 1].1 = true;
        }
        if cut < at[j] && size(j) >= 2 && breaks(cut, j - 1) == 0 {
            owner[cut].1 = true;
        }
    }
    owner
}

/// The search for where each group starts.
struct Owners<'a> {
    labels: &'a [Label],
    tasks: &'a [Task],
    /// How many tasks come before each label.
    at: &'a [usize],
    /// Per group `k`, over the tasks it may hold (from label `k - 1` to
    /// label `k + 1`): running sums of the rules each task breaks in group
    /// `k`, and of the tasks on label `k`'s page.
    sums: Vec<(usize, Vec<u64>, Vec<usize>)>,
}

/// Tasks between two labels beyond which the exact search gives way to the
/// split in halves (it is quadratic in the gaps).
const MAX_GAP: usize = 48;

impl<'a> Owners<'a> {
    fn new(
        labels: &'a [Label],
        tasks: &'a [Task],
        at: &'a [usize],
        breaks: impl Fn(usize, usize) -> u32,
    ) -> Self {
        let m = labels.len();
        let sums = (0..m)
            .map(|k| {
                let from = if k == 0 { 0 } else { at[k - 1] };
                let to = if k + 1 >= m { tasks.len() } else { at[k + 1] };
                let (mut broken, mut paged) = (vec![0u64], vec![0usize]);
                for (r, task) in tasks.iter().enumerate().take(to).skip(from) {
                    broken.push(broken[broken.len() - 1] + u64::from(breaks(r, k)));
                    paged.push(paged[paged.len() - 1] + usize::from(task.page == labels[k].page));
                }
                (from, broken, paged)
            })
            .collect();
        Owners { labels, tasks, at, sums }
    }

    /// The start of each group and the end of the last, at the least cost
    /// ([`Self::cost`]), by dynamic programming over the starts; ties give
    /// the earlier group more. `None` when a gap is too wide.
    fn best(&self) -> Option<Vec<usize>> {
        let (m, n) = (self.labels.len(), self.tasks.len());
        // Where group k may start: after label k - 1, up to label k; group 0
        // at 0, and the end (k = m) at n.
        let range: Vec<(usize, usize)> = (0..=m)
            .map(|k| match k {
                0 => (0, 0),
                _ if k == m => (n, n),
                _ => (self.at[k - 1], self.at[k]),
            })
            .collect();
        let lo = |k: usize| range[k].0;
        let hi = |k: usize| range[k].1;
        if range.iter().any(|(a, b)| b - a > MAX_GAP) {
            return None;
        }
        // cost[k][b - lo(k)]: the least cost of groups before k when group
        // k starts at b, and the start of group k - 1 on that path.
        let mut cost: Vec<Vec<(u64, usize)>> = vec![vec![(0, 0)]];
        for k in 1..=m {
            let mut row = Vec::with_capacity(hi(k) - lo(k) + 1);
            for b in lo(k)..=hi(k) {
                let mut best = (u64::MAX, 0);
                for a in (lo(k - 1)..=hi(k - 1)).rev() {
                    let prev = cost[k - 1][a - lo(k - 1)].0;
                    if a <= b && prev != u64::MAX {
                        let c = prev + self.cost(k - 1, a, b);
                        if c < best.0 {
                            best = (c, a);
                        }
                    }
                }
                row.push(best);
            }
            cost.push(row);
        }
        let mut starts = vec![n; m + 1];
        for k in (1..=m).rev() {
            starts[k - 1] = cost[k][starts[k] - lo(k)].1;
        }
        Some(starts)
    }

    /// The cost of group `k` holding tasks `b..e`: ten for each rule broken
    /// or for no task at all, and how far its label is from where it would
    /// be printed.
    fn cost(&self, k: usize, b: usize, e: usize) -> u64 {
        let (from, broken, paged) = &self.sums[k];
        let broken = broken[e - from] - broken[b - from];
        let on_page = paged[e - from] - paged[b - from];
        let before = self.at[k].clamp(b, e) - b;
        let expected = ((e - b) / 2).min(on_page.saturating_sub(1));
        // A label heads at least one task.
        let empty = u64::from(b == e);
        10 * (broken + empty) + before.abs_diff(expected) as u64
    }

    /// Each gap split in halves, short of the rules: for gaps too wide to
    /// search.
    fn halves(&self) -> Vec<usize> {
        let mut starts = vec![0];
        for k in 1..self.labels.len() {
            let from = self.at[k - 1];
            starts.push(from + (self.at[k] - from).div_ceil(2));
        }
        starts.push(self.tasks.len());
        starts
    }
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
