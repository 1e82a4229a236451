//! Stage 5: tables. Two layouts occur: tab-separated rows (seed 002's
//! indicator table), and one cell per line, where an empty cell is simply
//! missing (seed 001's appendix) and, in gazette PDF text, one cell is broken
//! over several lines and a row continues over a page break under a repeated
//! header. The second layout is read by choosing, for every line, the column
//! it belongs to: the most likely path through the columns in their order
//! (a Viterbi search over per-line scores), so a missing cell, a cell split
//! over lines and a continuation after a page break are all paths.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::assignments::is_agency_start_folded;
use super::normalise::{Line, LineKind};
use crate::model::deadline::{Deadline, DeadlineKind};
use crate::text::fold;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Col {
    No,
    Name,
    Lead,
    Coop,
    Result,
    Deadline,
    Basis,
    Unit,
    Target,
    Note,
    /// The level a product is submitted to (`Cấp trình`).
    Submit,
    /// The source of funds (`Nguồn kinh phí`).
    Funding,
    /// The task group a row belongs to (`Thuộc nhóm nhiệm vụ`).
    Group,
}

/// Column labels, folded, punctuation read as spaces. At each word the
/// longest label wins, so `chỉ tiêu đạt được` is a result and `chỉ tiêu` a
/// name.
const LABELS: &[(&str, Col)] = &[
    ("so thu tu", Col::No),
    ("stt", Col::No),
    ("tt", Col::No),
    ("ten nhiem vu cu the", Col::Name),
    ("noi dung nhiem vu", Col::Name),
    ("noi dung cong viec", Col::Name),
    ("noi dung hoat dong", Col::Name),
    ("nhiem vu giai phap", Col::Name),
    ("nhiem vu cu the", Col::Name),
    ("nhiem vu chu tri", Col::Name),
    ("ten nhiem vu", Col::Name),
    ("ten chi tieu", Col::Name),
    ("ten de an", Col::Name),
    ("noi dung", Col::Name),
    ("nhiem vu", Col::Name),
    ("hoat dong", Col::Name),
    ("chi tieu dat duoc", Col::Result),
    ("chi tieu", Col::Name),
    ("thuoc nhom nhiem vu", Col::Group),
    ("nhom nhiem vu", Col::Group),
    ("co quan chu tri", Col::Lead),
    ("don vi chu tri", Col::Lead),
    ("chu tri", Col::Lead),
    ("co quan thuc hien", Col::Lead),
    ("don vi thuc hien", Col::Lead),
    ("co quan don vi phoi hop", Col::Coop),
    ("co quan phoi hop", Col::Coop),
    ("don vi phoi hop", Col::Coop),
    ("phoi hop", Col::Coop),
    ("thoi gian du kien hoan thanh", Col::Deadline),
    ("thoi gian hoan thanh", Col::Deadline),
    ("thoi han hoan thanh", Col::Deadline),
    ("thoi gian thuc hien", Col::Deadline),
    ("thoi gian trinh", Col::Deadline),
    ("thoi gian", Col::Deadline),
    ("thoi han", Col::Deadline),
    ("tien do", Col::Deadline),
    ("ket qua du kien", Col::Result),
    ("ket qua dau ra", Col::Result),
    ("san pham dau ra", Col::Result),
    ("ket qua", Col::Result),
    ("san pham", Col::Result),
    ("hinh thuc van ban", Col::Result),
    ("cap trinh", Col::Submit),
    ("cap phe duyet", Col::Submit),
    ("cap ban hanh", Col::Submit),
    ("co quan trinh", Col::Submit),
    ("nguon kinh phi", Col::Funding),
    ("kinh phi", Col::Funding),
    ("can cu bo sung", Col::Basis),
    ("can cu", Col::Basis),
    ("don vi tinh", Col::Unit),
    // Before the task: the agency a group of rows belongs to; after it, a
    // unit of measure (fixed in `parse_header`).
    ("don vi", Col::Lead),
    ("dvt", Col::Unit),
    ("ke hoach nam", Col::Target),
    ("ke hoach", Col::Target),
    ("muc tieu", Col::Target),
    ("ghi chu", Col::Note),
];

/// Header words: folded, punctuation and footnote marks as spaces.
fn header_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The labels as words, split once: every table row is tested for a
/// repeated header, so this runs for every cell.
static LABEL_WORDS: LazyLock<Vec<(Vec<&'static str>, Col)>> =
    LazyLock::new(|| LABELS.iter().map(|(l, c)| (l.split(' ').collect(), *c)).collect());

/// The longest label at word `k`: its length in words and its column.
fn label_at(words: &[String], k: usize) -> Option<(usize, Col)> {
    let mut best: Option<(usize, Col)> = None;
    let first = words.get(k)?;
    for (label, col) in LABEL_WORDS.iter() {
        let n = label.len();
        if label[0] == first
            && words.len() >= k + n
            && label.iter().zip(&words[k..k + n]).all(|(a, b)| a == b)
            && best.is_none_or(|(m, _)| n > m)
        {
            best = Some((n, *col));
        }
    }
    best
}

/// Reads a header's words into columns. Words that are no label are
/// tolerated (`Kết quả/Đánh giá`, a footnote mark) as long as labels make
/// up most of the header.
fn parse_header(text: &str) -> Option<Vec<(Col, String)>> {
    let words = header_words(text);
    let mut cols = Vec::new();
    let (mut k, mut unknown, mut known) = (0, 0, 0);
    while k < words.len() {
        let Some((mut n, col)) = label_at(&words, k) else {
            unknown += 1;
            k += 1;
            continue;
        };
        // `Kế hoạch năm 2024`, `Chỉ tiêu năm 2024`.
        if words.get(k + n).is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())) {
            n += 1;
        }
        let label = words[k..k + n].join(" ");
        let col =
            if label == "don vi" && cols.iter().any(|(c, _)| *c == Col::Name) { Col::Unit } else { col };
        cols.push((col, label));
        known += n;
        k += n;
    }
    let task_like = cols.iter().any(|(c, _)| matches!(c, Col::Lead | Col::Unit | Col::Target))
        || cols.iter().filter(|(c, _)| matches!(c, Col::Name | Col::Deadline | Col::Result)).count() >= 2;
    (cols.len() >= 2 && task_like && unknown * 2 <= known).then_some(cols)
}

/// How many words of a header are no label.
fn unknown_words(text: &str) -> usize {
    let words = header_words(text);
    let (mut k, mut unknown) = (0, 0);
    while k < words.len() {
        match label_at(&words, k) {
            Some((n, _)) => k += n,
            None => {
                unknown += 1;
                k += 1;
            }
        }
    }
    unknown
}

/// The column of one header cell (`**Cơ quan chủ trì**`), if it names one.
fn cell_col(cell: &str) -> Option<Col> {
    let words = header_words(cell);
    if words.is_empty() {
        return None;
    }
    let known: Vec<(usize, Col)> = (0..words.len()).filter_map(|k| label_at(&words, k)).collect();
    // The label that covers most of the cell: `Thuộc nhóm nhiệm vụ, hành
    // động` is a group, not a name.
    let (n, col) = known.into_iter().max_by_key(|(n, _)| *n)?;
    // A cell of its own reading `Đơn vị` is the unit of an indicator
    // table; only the per-line layout reads it as the agency of a group.
    let col = if words == ["don", "vi"] { Col::Unit } else { col };
    (n * 2 >= words.len() || n >= 2).then_some(col)
}

/// Whether the cells of a row are a task or indicator table's header: a
/// label in most cells, a lead column or two of name, deadline and result,
/// or a unit and a target.
pub(crate) fn is_task_header(cells: &[String]) -> bool {
    let cols: Vec<Col> = cells.iter().filter_map(|c| cell_col(c)).collect();
    let main = cols.iter().filter(|c| matches!(c, Col::Name | Col::Deadline | Col::Result)).count();
    let indicator = cols.contains(&Col::Unit) && cols.contains(&Col::Target);
    cols.len() >= 3
        && cols.len() * 3 >= cells.len() * 2
        && (cols.contains(&Col::Lead) || main >= 2 || indicator)
}

/// A row: its number, the line it starts on, its cell groups (a row whose
/// later cells repeat for several results has several groups) and, in an
/// indicator table, its sub-rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row {
    pub no: String,
    pub line: usize,
    /// The group heading above the row (`I`, `A`): row numbers restart in
    /// each group, so the group is part of the row's path.
    pub group: Option<String>,
    /// A group or sub-group heading (`I. NÂNG CAO NHẬN THỨC`), its title in
    /// the name column.
    pub heading: bool,
    pub groups: Vec<Vec<(Col, String)>>,
    pub parts: Vec<Row>,
}

impl Row {
    /// The text of a column in the first group that has it.
    pub fn cell(&self, col: Col) -> Option<&str> {
        self.groups.iter().find_map(|g| g.iter().find(|(c, _)| *c == col).map(|(_, t)| t.as_str()))
    }
}

/// A table read from the lines.
#[derive(Clone, Debug, Default)]
pub(crate) struct Table {
    pub cols: Vec<Col>,
    pub rows: Vec<Row>,
    /// Index of the first line after the table.
    pub end: usize,
    /// Lines inside the table that could not be placed: (line number, text).
    pub unplaced: Vec<(usize, String)>,
    /// Gazette footnotes at the foot of the table's pages.
    pub footnotes: Vec<(usize, String)>,
    /// Cells the reader is unsure of: (line number, what and why).
    pub warnings: Vec<(usize, String)>,
}

impl Table {
    /// Flags the cells of read rows that do not hold what their column
    /// should: a lead or partner cell that names no agency, a deadline cell
    /// that reads as no time.
    fn check_cells(&mut self) {
        for r in self.rows.iter().filter(|r| !r.heading) {
            for (col, text) in r.groups.iter().flatten() {
                let t = strip_number(text.trim_start_matches(['-', '+', ' ']));
                let doubt = match col {
                    Col::Lead | Col::Coop if !super::assignments::is_agency_start(t) => "names no agency",
                    Col::Deadline if Deadline::parse(t).kind() == DeadlineKind::Unspecified => {
                        "reads as no date"
                    }
                    _ => continue,
                };
                let short: String = text.chars().take(60).collect();
                self.warnings.push((r.line, format!("row {}: {col:?} cell {doubt}: {short:?}", r.no)));
            }
        }
    }
}

/// A group heading's marker: `I`, `II.`, `A.` (group) or `III.1`, `1.2`
/// (sub-group), with the title when it is on the same line.
static GROUP_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:[IVXLC]{1,6}|[A-Z])(?:\.\d{1,2})*|\d{1,2}(?:\.\d{1,2})+)\s*[.:)]?(?:\s+(\S.*))?$")
        .unwrap()
});
/// A row number: `1`, `1.`, `12`.
static ROW_NO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,3})\s*\.?$").unwrap());

/// A top-level group marker (`I`, `A`), as opposed to a sub-group
/// (`III.1`) that leaves the row numbering alone.
fn top_group(mark: &str) -> bool {
    !mark.contains('.')
}

/// How well a cell's text fits a column: what agencies, deadlines, row
/// numbers and citations look like.
fn fit(col: Col, text: &str) -> f64 {
    let f = fold(text);
    let t = text.trim_start_matches(['-', '+', ' ']);
    let agency = is_agency_start_folded(t, fold(t).as_str());
    match col {
        Col::No => {
            if ROW_NO.is_match(text.trim()) {
                3.0
            } else {
                -5.0
            }
        }
        Col::Lead | Col::Coop => {
            if agency {
                2.0
            } else {
                -2.0
            }
        }
        Col::Deadline => {
            if deadline_like(text, &f, None, None) {
                2.0
            } else if Deadline::parse(text).kind() != DeadlineKind::Unspecified {
                // `Ban hành trong năm 2026. Thực hiện rà soát ...`
                1.0
            } else {
                -1.5
            }
        }
        Col::Name => {
            let long = if text.chars().count() > 30 { 1.0 } else { 0.0 };
            long - if agency { 0.5 } else { 0.0 }
        }
        // A product as delivered: `Chương trình đào tạo được ban hành.`
        Col::Result if RESULT_LIKE.is_match(&f) => 1.0,
        // A group is a title, never a list item.
        Col::Group if text.trim_start().starts_with('-') => -0.5,
        Col::Basis => {
            if BASIS_LIKE.is_match(&f) {
                1.0
            } else {
                -0.5
            }
        }
        _ => {
            if agency {
                -0.3
            } else {
                0.0
            }
        }
    }
}

/// Places `cells` (fewer than the columns: merged cells are left out) on
/// columns in order, by what they contain; columns left out at the start
/// cost less than at the end, as merged cells are those of the row above.
fn align(cells: &[String], cols: &[Col]) -> Vec<(Col, String)> {
    let (n, m) = (cells.len(), cols.len());
    if n >= m {
        return cols.iter().copied().zip(cells.iter().cloned()).collect();
    }
    // best[i][j]: cells[..i] placed, cell i-1 on column j-1.
    let neg = f64::NEG_INFINITY;
    let mut best = vec![vec![neg; m + 1]; n + 1];
    let mut back = vec![vec![0usize; m + 1]; n + 1];
    best[0][0] = 0.0;
    for i in 1..=n {
        for j in i..=m {
            let here = fit(cols[j - 1], &cells[i - 1]);
            for pj in (i - 1)..j {
                if best[i - 1][pj] == neg {
                    continue;
                }
                let gap = (j - pj - 1) as f64 * if i == 1 { 0.1 } else { 0.6 };
                let v = best[i - 1][pj] + here - gap;
                if v > best[i][j] {
                    best[i][j] = v;
                    back[i][j] = pj;
                }
            }
        }
    }
    let mut j = (n..=m).max_by(|&a, &b| {
        let tail = |x: usize| best[n][x] - (m - x) as f64 * 0.3;
        tail(a).total_cmp(&tail(b))
    });
    let mut out = Vec::with_capacity(n);
    for i in (1..=n).rev() {
        let Some(jj) = j else { break };
        out.push((cols[jj - 1], cells[i - 1].clone()));
        j = Some(back[i][jj]);
    }
    out.reverse();
    out
}

static ROW_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,3})\.?(?:\s*$|\s+(\S.*)$)").unwrap());
// Folded text is ASCII: ASCII word boundaries keep these on the fast engines.
static DEADLINE_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:thang(?-u:\b)|qu[yi] (?:iv|i{1,3}|[1-4])(?:(?-u:\b)|\d)|thuong xuyen|thuong$|nhiem vu thuong xuyen|hang nam|hang thang|hang quy|dinh ky|truoc(?-u:\b)|tu nam|tu thang|trong (?:nam|thang|quy|qua trinh)|ca nam|nam \d{4}|den nam|theo ke hoach|theo ke$|theo lo trinh|theo tien do|ky hop|hoan thanh|thuc hien (?:thuong|hang|truoc|trong|tu nam|den nam|theo)|giai doan|sau khi|khi co|\d{4}(?:\s*(?:va(?-u:\b)|-|–|den(?-u:\b)).*)?$|\d{1,2}/\d{4}$)")
        .unwrap()
});
static RESULT_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)duoc (?:ban hanh|phe duyet|trien khai|hoan thien|xay dung|thanh lap|to chuc|cap nhat|van hanh|dua vao|cong bo|nang cap|thuc hien)(?-u:\b)").unwrap()
});
/// The first words [`BASIS_LIKE`] can match.
const BASIS_HEADS: &[&str] =
    &["nghi", "quyet", "chi", "ket", "chuong", "ke", "thong", "luat", "van", "cong", "de", "quy"];
static BASIS_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:nghi quyet|nghi dinh|quyet dinh|chi thi|ket luan|chuong trinh|ke hoach|thong bao|thong tu|luat|van ban|cong van|de an|quy dinh)\s+(?:so(?-u:\b)|\d)").unwrap()
});

/// Detects a table starting at line `i` and reads it.
pub(crate) fn detect(lines: &[Line], i: usize) -> Option<Table> {
    let t = &lines[i].text;
    if t.contains('\t') {
        return tabbed(lines, i);
    }
    if t.trim().len() > 12 {
        return None;
    }
    if !matches!(lines[i].folded.as_str(), "tt" | "stt" | "so thu tu") {
        return None;
    }
    // One cell per line: the header's labels may be broken over lines.
    let mut j = i + 1;
    let mut acc = t.clone();
    let mut header = None;
    while j < lines.len() && j <= i + 24 {
        if !lines[j].is_text() {
            j += 1;
            continue;
        }
        let t = lines[j].text.trim();
        if ROW_START.captures(t).is_some_and(|c| &c[1] == "1") || first_group(t) {
            header = parse_header(&acc).map(|h| (h, j));
            break;
        }
        // A table grouped by agency opens with a task, not a row number:
        // the header ends at the first line that is no label.
        if let Some(h) = parse_header(&acc).filter(|h| super::grouped::agency_first(h)) {
            if unknown_words(&format!("{acc} {t}")) > unknown_words(&acc) {
                let cols: Vec<Col> = h.into_iter().map(|(c, _)| c).collect();
                let wrap = (j - i) > cols.len();
                return super::grouped::read(lines, i, j, cols, wrap);
            }
        }
        acc.push(' ');
        acc.push_str(&lines[j].text);
        j += 1;
    }
    let (cols, start) = header?;
    let wrap = (start - i) > cols.len();
    Some(per_line(lines, i, start, cols, wrap))
}

/// The first group heading of a table: `I`, `I.`, `A.`, alone or with its
/// title.
fn first_group(t: &str) -> bool {
    GROUP_MARK.captures(t).is_some_and(|c| matches!(&c[1], "I" | "A"))
}

/// The next group marker after `prev` (`II` after `I`, `B` after `A`).
fn next_group(prev: Option<&str>, mark: &str) -> bool {
    match prev {
        None => matches!(mark, "I" | "A"),
        Some(p) => match (super::clauses::roman_value(p), super::clauses::roman_value(mark)) {
            (Some(a), Some(b)) if b == a + 1 => true,
            _ => {
                let (a, b) = (p.chars().next().unwrap_or(' '), mark.chars().next().unwrap_or(' '));
                p.len() == 1 && mark.len() == 1 && b as u32 == a as u32 + 1
            }
        },
    }
}

/// The tab-separated layout (and the markdown export's tables, turned into
/// it): a header row, group headings, numbered rows and unnumbered
/// sub-rows whose merged cells are those of the row above.
fn tabbed(lines: &[Line], i: usize) -> Option<Table> {
    let first = tab_cells(&lines[i]);
    if first.len() < 3 || !is_task_header(&first) {
        return None;
    }
    let cols: Vec<Col> = first.iter().map(|c| cell_col(c).unwrap_or(Col::Note)).collect();
    let indicator = cols.contains(&Col::Unit) && cols.contains(&Col::Target);
    let mut table = Table { cols, ..Table::default() };
    let mut numbering = Numbering::default();
    let mut j = i + 1;
    let mut last_text = i;
    while j < lines.len() {
        let l = &lines[j];
        match l.kind {
            LineKind::Blank | LineKind::PageBreak | LineKind::Footnote => {
                j += 1;
                continue;
            }
            LineKind::Text if l.text.contains('\t') => {}
            _ => break,
        }
        last_text = j;
        let c = tab_cells(l);
        j += 1;
        if c.len() >= 3 && is_task_header(&c) {
            if c.iter().map(|x| cell_col(x).unwrap_or(Col::Note)).eq(table.cols.iter().copied()) {
                continue; // the header repeated
            }
            // Another table starts.
            last_text = j - 2;
            break;
        }
        if let Some(heading) = group_heading_row(&c, l.no) {
            numbering.heading(&heading.no);
            table.rows.push(heading);
        } else if indicator {
            table.push_indicator_row(&c, l.no);
        } else {
            table.push_task_row(&mut numbering, &c, l.no);
        }
    }
    table.end = last_text + 1;
    table.check_cells();
    Some(table)
}

/// The cells of a tab-separated line, trailing empty ones left out.
fn tab_cells(l: &Line) -> Vec<String> {
    let mut c: Vec<String> = l.text.split('\t').map(|c| c.trim().to_string()).collect();
    while c.len() > 1 && c.last().is_some_and(String::is_empty) {
        c.pop();
    }
    c
}

/// A group heading (`I` and its title, in one or two cells): a heading row.
fn group_heading_row(c: &[String], line: usize) -> Option<Row> {
    let filled: Vec<&String> = c.iter().filter(|x| !x.is_empty()).collect();
    if filled.len() > 2 {
        return None;
    }
    let g = GROUP_MARK.captures(c[0].trim())?;
    let title = g.get(2).map_or_else(|| filled.get(1).map_or("", |s| s.as_str()), |t| t.as_str());
    Some(Row {
        no: g[1].to_string(),
        line,
        group: None,
        heading: true,
        groups: vec![vec![(Col::Name, title.to_string())]],
        parts: vec![],
    })
}

/// Where the row numbering of a tab-separated table stands.
#[derive(Default)]
struct Numbering {
    /// The top-level group the rows are in (`I`, `A`).
    group: Option<String>,
    /// The last numbered row: its cells fill a sub-row's merged cells.
    parent: Option<usize>,
    /// Sub-rows of the parent so far, itself counted.
    subs: usize,
    /// Rows with an empty number cell right under the group heading.
    unnumbered: usize,
}

impl Numbering {
    /// After a group heading (`I`) or sub-group heading (`III.1`).
    fn heading(&mut self, mark: &str) {
        if top_group(mark) {
            self.group = Some(mark.to_string());
            self.unnumbered = 0;
        }
        self.parent = None;
    }

    /// The number of the next row among `rows`: its own (`first`, its
    /// number cell, when `numbered`), a sub-row's under the last numbered
    /// row (`3.2`), or its place under a group heading.
    fn next(&mut self, numbered: bool, first: &str, rows: &[Row]) -> String {
        if numbered {
            self.subs = 1;
            self.parent = Some(rows.len());
            first.trim_end_matches('.').trim().to_string()
        } else if let Some(p) = self.parent {
            self.subs += 1;
            format!("{}.{}", rows[p].no, self.subs)
        } else {
            // A row with an empty number cell right under a group heading
            // (`D. BỘ KHOA HỌC VÀ CÔNG NGHỆ`): its place in the group, written
            // as the curated corpus writes unnumbered items (`-1`).
            self.unnumbered += 1;
            self.subs = 1;
            self.parent = Some(rows.len());
            format!("-{}", self.unnumbered)
        }
    }
}

impl Table {
    /// A row of an indicator table: numbered, or a sub-row (`- Tuyến tỉnh`)
    /// of the row above.
    fn push_indicator_row(&mut self, c: &[String], line: usize) {
        let no = if self.cols.first() == Some(&Col::No) { c[0].clone() } else { String::new() };
        let cells: Vec<(Col, String)> = self
            .cols
            .iter()
            .zip(c)
            .filter(|(k, v)| **k != Col::No && !v.is_empty())
            .map(|(k, v)| (*k, v.trim_start_matches(['-', '+', ' ']).to_string()))
            .collect();
        if no.is_empty() && !self.rows.is_empty() {
            let p = self.rows.last_mut().expect("checked");
            let n = p.parts.len() + 1;
            p.parts.push(Row { no: format!("{}.{n}", p.no), line, groups: vec![cells], ..Row::default() });
        } else {
            self.rows.push(Row { no, line, groups: vec![cells], ..Row::default() });
        }
    }

    /// A row of a task table: its cells placed on the columns by content
    /// when some are missing, the missing ones taken from the row above.
    fn push_task_row(&mut self, numbering: &mut Numbering, c: &[String], line: usize) {
        let cols = &self.cols;
        let numbered = cols.first() == Some(&Col::No) && ROW_NO.is_match(&c[0]);
        let body: Vec<Col> =
            if numbered { cols.clone() } else { cols.iter().copied().filter(|c| *c != Col::No).collect() };
        let mut placed = align(c, &body);
        placed.retain(|(k, v)| *k != Col::No && !v.is_empty());
        let no = numbering.next(numbered, &c[0], &self.rows);
        if c.len() < cols.len() && c.len() > 1 {
            let placed_cols: Vec<String> = placed.iter().map(|(k, _)| format!("{k:?}")).collect();
            let message = format!(
                "row {no}: {} cells for {} columns, placed by content as {}; the others taken from the row above",
                c.len(),
                cols.len(),
                placed_cols.join(", ")
            );
            self.warnings.push((line, message));
        }
        // Cells merged over several rows are printed once: the row above's.
        if c.len() < cols.len() {
            if let Some(p) = numbering.parent.filter(|&p| p < self.rows.len()) {
                for (k, v) in self.rows[p].groups[0].clone() {
                    if k != Col::Name && !placed.iter().any(|(x, _)| *x == k) {
                        placed.push((k, v));
                    }
                }
            }
        }
        placed.sort_by_key(|(k, _)| self.cols.iter().position(|x| x == k));
        let group = numbering.group.clone();
        self.rows.push(Row { no, line, group, heading: false, groups: vec![placed], parts: vec![] });
    }
}

/// A row of the per-line layout before its items are put in columns.
struct PendingRow {
    no: String,
    line: usize,
    items: Vec<Item>,
    group: Option<String>,
    heading: bool,
}

/// One item of a row in the per-line layout: a line or a part of a line
/// split at a wide gap.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub(super) text: String,
    /// The folded text: the line's own when the item is the whole line.
    folded: String,
    after_break: bool,
}

pub(super) fn ends_table(t: &str, folded: &str) -> bool {
    // Markers, `Nơi nhận` and capacity lines start with a capital.
    if !t.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    folded.starts_with("noi nhan")
        || super::header::is_capacity(t)
        || super::clauses::marker(t).is_some_and(|(m, _)| {
            matches!(
                m,
                super::clauses::Marker::Roman(_)
                    | super::clauses::Marker::Article(_)
                    | super::clauses::Marker::Appendix
            )
        })
}

/// The per-line layout, header at `i`, first row at `start`.
fn per_line(lines: &[Line], i: usize, start: usize, header: Vec<(Col, String)>, wrap: bool) -> Table {
    let header_len = start - i;
    let cols: Vec<Col> = header.into_iter().map(|(c, _)| c).collect();
    let body_cols: Vec<Col> = cols.iter().copied().filter(|c| *c != Col::No).collect();
    let mut table = Table { cols, ..Table::default() };
    let mut rows = PendingRows { expect: 1, ..PendingRows::default() };
    let mut j = start;
    let mut after_break = false;
    while j < lines.len() {
        let l = &lines[j];
        match l.kind {
            LineKind::PageBreak => {
                after_break = true;
                j = past_repeated_header(lines, j + 1, header_len);
                continue;
            }
            LineKind::Text => {}
            LineKind::Footnote => {
                table.footnotes.push((l.no, l.text.clone()));
                j += 1;
                continue;
            }
            _ => {
                j += 1;
                continue;
            }
        }
        let t = l.text.trim();
        let next_heading = rows.next_heading(t);
        if next_heading.is_none() && ends_table(t, &l.folded) {
            break;
        }
        if !rows.row_start(t, l.no, wrap) && !rows.group_heading(next_heading, t, l.no) {
            match rows.rows.last_mut() {
                Some(r) => push_items(&mut r.items, &l.text, Some(&l.folded), after_break, wrap),
                None => table.unplaced.push((l.no, l.text.clone())),
            }
        }
        after_break = false;
        j += 1;
    }
    table.end = j;
    table.rows.extend(rows.rows.into_iter().map(|r| r.into_row(&body_cols, wrap)));
    table.check_cells();
    table
}

/// The first line after a page break at `j - 1` that is not the table's
/// header repeated at the top of the page (`header_len` text lines).
pub(super) fn past_repeated_header(lines: &[Line], j: usize, header_len: usize) -> usize {
    let mut k = j;
    while k < lines.len() && !lines[k].is_text() {
        k += 1;
    }
    if k < lines.len() && matches!(lines[k].folded.as_str(), "tt" | "stt" | "so thu tu") {
        let mut n = 0;
        while k < lines.len() && n < header_len {
            if lines[k].is_text() {
                n += 1;
            }
            k += 1;
        }
        return k;
    }
    j
}

/// The rows of the per-line layout read so far, and where their numbering
/// stands.
#[derive(Default)]
struct PendingRows {
    rows: Vec<PendingRow>,
    /// The group heading the rows are under (`II`).
    group: Option<String>,
    /// Right after a group heading: numbering may restart at 1.
    restart: bool,
    /// The number of the next row when numbering runs on.
    expect: u32,
    /// Whether the first row printed its number without a dot (`1`, not `1.`).
    bare_numbers: Option<bool>,
}

impl PendingRows {
    /// The next group's heading (`II` after `I`) at `t`, once there are
    /// rows: a marker that does not end the table.
    fn next_heading<'t>(&self, t: &'t str) -> Option<Captures<'t>> {
        GROUP_MARK
            .captures(t)
            .filter(|c| top_group(&c[1]) && !self.rows.is_empty() && next_group(self.group.as_deref(), &c[1]))
    }

    /// Opens a row when `t` starts with the number that follows (`3`,
    /// `3. Tổ chức ...`).
    fn row_start(&mut self, t: &str, line: usize, wrap: bool) -> bool {
        let Some(c) = t.starts_with(|c: char| c.is_ascii_digit()).then(|| ROW_START.captures(t)).flatten()
        else {
            return false;
        };
        let n = c[1].parse::<u32>().ok();
        // Numbering either restarts in each group or runs on through them.
        if n != Some(self.expect) && !(self.restart && n == Some(1)) {
            return false;
        }
        // Where rows are numbered `1`, `2`, a `2. ` line is the second part
        // of a cell that numbers its parts (`1. Bộ Tài chính …`).
        let dotted = t[c[1].len()..].starts_with('.');
        if dotted && self.bare_numbers == Some(true) {
            return false;
        }
        self.bare_numbers = self.bare_numbers.or(Some(!dotted));
        self.expect = n.unwrap_or(self.expect) + 1;
        self.restart = false;
        let mut items = Vec::new();
        if let Some(rest) = c.get(2) {
            push_items(&mut items, rest.as_str(), None, false, wrap);
        }
        self.rows.push(PendingRow {
            no: c[1].to_string(),
            line,
            items,
            group: self.group.clone(),
            heading: false,
        });
        true
    }

    /// Opens a heading row when `t` is the next group's heading (`II.` and
    /// its title): row numbers restart.
    fn group_heading(&mut self, next: Option<Captures>, t: &str, line: usize) -> bool {
        let Some(c) = next.or_else(|| GROUP_MARK.captures(t).filter(|c| top_group(&c[1]))) else {
            return false;
        };
        if !next_group(self.group.as_deref(), &c[1]) {
            return false;
        }
        self.group = Some(c[1].to_string());
        self.restart = true;
        let mut items = Vec::new();
        if let Some(rest) = c.get(2) {
            push_items(&mut items, rest.as_str(), None, false, false);
        }
        self.rows.push(PendingRow { no: c[1].to_string(), line, items, group: None, heading: true });
        true
    }
}

impl PendingRow {
    /// The row, its items put in columns (a heading's items are its title).
    fn into_row(self, cols: &[Col], wrap: bool) -> Row {
        let PendingRow { no, line, items, group, heading } = self;
        let groups = if heading {
            let title = items.iter().map(|it| it.text.trim()).collect::<Vec<_>>().join(" ");
            vec![vec![(Col::Name, title)]]
        } else {
            segment(&items, cols, wrap)
        };
        Row { no, line, group, heading, groups, parts: vec![] }
    }
}

/// Adds a line (or the rest of a line after its row number) as items;
/// `folded` is the whole line's folded form, reused when it is one item.
pub(super) fn push_items(
    items: &mut Vec<Item>,
    text: &str,
    folded: Option<&str>,
    after_break: bool,
    wrap: bool,
) {
    // PDF text puts two cells on one line with a wide gap between them,
    // or with one space when the first cell ends at its edge.
    let parts: Vec<&str> = if wrap {
        text.split("  ").map(str::trim).filter(|p| !p.is_empty()).flat_map(run_on_cells).collect()
    } else {
        vec![text.trim()]
    };
    let whole = parts.len() == 1;
    for (k, p) in parts.into_iter().enumerate() {
        let folded = match folded {
            Some(f) if whole => f.to_string(),
            _ => fold(p),
        };
        items.push(Item { text: p.to_string(), folded, after_break: after_break && k == 0 });
    }
}

/// Connectives after which a body's name goes on in the same sentence.
const NAME_LEADS: &[&str] =
    &["voi", "va", "cua", "cho", "giao", "tai", "theo", "la", "hop", "tri", "den", "gui"];

/// `Bộ Nông nghiệp và Môi trường Các bộ, cơ quan, địa` → the two cells
/// printed on one line: an agency's name, then a capitalised `Các …`, `Bộ
/// X`, `Sở X` or `UBND` after a lower-case word. A name needs three words
/// before the cut, so `Văn phòng Bộ Tư pháp` stays whole.
fn run_on_cells(t: &str) -> Vec<&str> {
    const HEADS: &[&str] = &[" Các ", " Bộ ", " Sở ", " UBND "];
    // Where a time cell may start: `Bộ Khoa học và Công nghệ Theo lộ trình`.
    const TIMES: &[&str] =
        &[" Theo ", " Quý ", " Trong ", " Năm ", " Tháng ", " Thường ", " Hằng ", " Trước ", " Từ "];
    let timed = TIMES.iter().any(|h| t.contains(h));
    if !(timed || HEADS.iter().any(|h| t.contains(h))) || !super::assignments::is_agency_start(t) {
        return vec![t];
    }
    let mut out = Vec::new();
    let (mut from, mut words, mut word_start) = (0, 0, 0);
    for (p, _) in t.match_indices(' ') {
        // Words counted as the line goes, so a long line is read once.
        let last = &t[word_start..p];
        word_start = p + 1;
        if last.is_empty() {
            continue;
        }
        words += 1;
        let after = &t[p + 1..];
        let lower_end = last.chars().next().is_some_and(char::is_lowercase)
            && last.chars().last().is_some_and(char::is_alphabetic);
        let cut = (HEADS.iter().any(|h| after.starts_with(&h[1..]))
            && words >= 3
            && lower_end
            && !NAME_LEADS.contains(&fold(last).as_str())
            && super::assignments::is_agency_start(after))
            || (timed && words >= 2 && lower_end && TIMES.iter().any(|h| after.starts_with(&h[1..])) && {
                // A bounded look, so a long line is still read once.
                let head = after.char_indices().nth(40).map_or(after, |(k, _)| &after[..k]);
                deadline_like(head, &fold(head), None, None)
            });
        if cut {
            out.push(t[from..p].trim());
            (from, words) = (p + 1, 0);
        }
    }
    out.push(t[from..].trim());
    out
}

pub(super) fn deadline_like(t: &str, f: &str, next: Option<&str>, next_folded: Option<&str>) -> bool {
    // A deadline cell starts a cell: capital or digit (`Tháng 3/2026`,
    // `2026`); `trong năm 2026` inside a sentence is not one.
    if !upper_initial(t) {
        return false;
    }
    // Folding drops the marks that tell `Thường` (xuyên) from `Thương`
    // (`Bộ Công` / `Thương`) and `Năm` from `Nam` (`Việt` / `Nam`).
    let first = t.split_whitespace().next().unwrap_or("").to_lowercase();
    if (f.starts_with("thuong") && !first.contains(['ờ', 'ừ'])) || (first == "nam") {
        return false;
    }
    if DEADLINE_LIKE.is_match(f) {
        return true;
    }
    // A deadline broken after its first words (`Thường` / `xuyên`): only a
    // short line can be one.
    if let (Some(_), Some(nf), true) = (next, next_folded, f.len() <= 16) {
        let joined = format!("{f} {nf}");
        if DEADLINE_LIKE.is_match(&joined) && !f.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return true;
        }
    }
    // Other forms have a number (`Quý IV/2026` is caught above).
    t.len() < 60 && t.bytes().any(|b| b.is_ascii_digit()) && {
        let d = Deadline::parse(t);
        d.kind() != DeadlineKind::Unspecified
    }
}

fn upper_initial(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"')
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Continues the cell of the line before.
    Same,
    /// Starts the next cell of the row.
    Start,
    /// Continues, after a page break, a cell begun on the page before.
    Resume,
    /// Starts a new group of cells (a sub-row).
    Group,
}

/// Features of one item that the scores use.
struct Feat {
    agency: bool,
    deadline: bool,
    basis: bool,
    upper: bool,
    len: usize,
    connective: bool,
    prev_open: bool,
    /// The line before leaves a name open (`Bộ Giáo dục và`, `Nam, Đài`).
    prev_name_open: bool,
    /// The line before starts with a capital (it may be a name itself).
    prev_upper: bool,
    /// The line before breaks off mid-phrase (`số 66-`, `CP ngày`, `... của`):
    /// this line goes on in the same cell.
    prev_broken: bool,
    /// The line opens with an acronym (`PCPNN`, `VTV`), which goes on a
    /// name more often than it starts one.
    acronym: bool,
    /// The line before is as long as a task's text runs (40 characters).
    prev_long: bool,
    /// The line opens with `liên quan` / `có liên quan`.
    related: bool,
    /// The line before ends with a full stop.
    prev_stop: bool,
    /// The line ends with a full stop.
    stop: bool,
    /// The line before closes a bracket (`... doanh)`): the cell likely ends.
    prev_closed: bool,
    /// The line before ends with a comma: a list goes on.
    prev_comma: bool,
    /// The line before ends with a year or a number (`2026 - 2027`,
    /// `Quý IV/2026`): a deadline there is complete.
    prev_digit_end: bool,
    /// The line has what a citation cell has (digits, `/`, `số`, `ngày`).
    citation_bits: bool,
    /// The line opens part `k.` of a list whose part `k-1.` came earlier in
    /// the row: a cell numbering its parts (`1. Bộ Tài chính ...` / `2. Các
    /// bộ ...`) goes on.
    list_next: bool,
    /// The line opens with what a task delivers (`Chiến lược, Đề án`,
    /// `Báo cáo`, `Hội nghị`): no agency cell goes on with it.
    product: bool,
    /// An earlier line of the row opens an agency cell's first numbered
    /// part (`1. Bộ Tài chính tổng kết ...`): its parts run long.
    agency_parts: bool,
}

fn start_score(col: Col, f: &Feat) -> f64 {
    match col {
        Col::Name => {
            if f.upper {
                0.5
            } else {
                -1.0
            }
        }
        Col::Lead | Col::Coop => match (f.agency, f.prev_comma) {
            // A cell opens with a capital: `các tổ chức` goes on a name.
            (true, false) if !f.upper => 1.5,
            (true, false) => 3.0,
            // A list goes on after a comma (a cell seldom ends with one);
            // inside a numbered part all the more.
            (true, true) if f.agency_parts => -1.0,
            (true, true) if !f.upper => -2.0,
            (true, true) => 1.0,
            _ => -4.0,
        },
        Col::Result | Col::Note | Col::Submit | Col::Funding | Col::Group => {
            if f.deadline || f.basis {
                -3.0
            } else if f.agency && col == Col::Submit {
                // The level a product goes to is a body (`Quốc hội`, `Thủ tướng`).
                1.0
            } else if f.agency {
                -1.0
            } else if f.upper {
                1.0
            } else {
                -3.0
            }
        }
        Col::Deadline => match (f.deadline, f.upper) {
            (true, true) => 4.0,
            (true, false) => -2.0,
            _ => -5.0,
        },
        Col::Basis => {
            if f.basis {
                4.0
            } else {
                -5.0
            }
        }
        _ => 0.0,
    }
}

/// How well an item goes on with a cell of `col` begun on an earlier line
/// (`resumed`: on the page before).
fn cont_score(col: Col, f: &Feat, wrap: bool, resumed: bool) -> f64 {
    match col {
        Col::Name => name_cont_score(f, wrap),
        Col::Lead | Col::Coop => agency_cont_score(f, wrap, resumed),
        Col::Result | Col::Note | Col::Submit | Col::Funding | Col::Group => result_cont_score(f, wrap),
        Col::Deadline => deadline_cont_score(f, wrap),
        Col::Basis => {
            if f.basis || f.citation_bits {
                0.5
            } else {
                -1.5
            }
        }
        _ => 0.0,
    }
}

fn name_cont_score(f: &Feat, wrap: bool) -> f64 {
    // A full line of the task's text that ends mid-sentence goes on.
    let mut s = if wrap && f.prev_long && !f.prev_stop && !f.agency && !f.deadline { 0.6 } else { 0.0 };
    if f.agency && !f.prev_open {
        s -= 1.0;
    }
    if wrap && f.len >= 25 {
        s += 0.5;
    } else if wrap && f.len < 20 {
        s -= 0.4;
    }
    if f.deadline {
        s -= 1.0;
    }
    s
}

fn agency_cont_score(f: &Feat, wrap: bool, resumed: bool) -> f64 {
    let narrow = wrap && f.len > 24 && !f.agency_parts;
    let mut s = if narrow { -1.5 } else { 0.0 };
    if f.deadline {
        s -= 3.0;
    }
    if f.basis {
        s -= 2.0;
    }
    if !wrap && !f.agency {
        s -= 2.0;
    }
    if resumed && f.agency {
        s += 1.0;
    }
    if f.product && !f.prev_open {
        s -= 1.5;
    }
    if wrap && f.upper && !f.agency && !f.acronym && !f.prev_name_open && !resumed {
        s -= 1.0;
    }
    if f.acronym && !f.agency && !f.prev_stop {
        s += 0.5;
    }
    // `… Bộ, ngành` / `liên quan`: how a group of agencies ends.
    if f.related {
        s += 1.0;
    }
    // A sentence's end (`lực, hiệu quả.`) is a task's text, not a name's.
    if f.stop && !f.agency && !f.related {
        s -= 1.0;
    }
    // `Ủy ban công tác về` / `các tổ chức ...`: a name after a
    // preposition is its complement, not the next agency.
    if wrap && f.agency && !f.prev_name_open && !f.prev_open && !resumed {
        s -= 1.0;
    }
    if f.prev_closed && !resumed {
        s -= 1.0;
    }
    if resumed && !f.agency && !f.upper {
        s -= 0.5;
    }
    if wrap && f.upper && !f.agency && f.prev_name_open && f.prev_upper && !resumed {
        // `Nam, Đài` / `Tiếng nói`: a name going on.
        s += 1.0;
    }
    s
}

fn result_cont_score(f: &Feat, wrap: bool) -> f64 {
    let narrow = wrap && f.len > 24;
    let mut s = if narrow { -1.5 } else { 0.0 };
    if f.deadline {
        s -= 3.0;
    }
    if f.agency && !f.prev_open {
        s -= 1.5;
    }
    if f.basis {
        s -= 1.0;
    }
    s
}

fn deadline_cont_score(f: &Feat, wrap: bool) -> f64 {
    let mut s = if f.len > 25 { -2.0 } else { 0.0 };
    if !f.deadline && !f.citation_bits && f.len > 12 {
        s -= 0.5;
    }
    if f.agency || f.basis {
        s -= 1.0;
    }
    if !wrap {
        s -= 2.0;
    }
    // A deadline ending in a year is whole: a capitalised line after it
    // that is no deadline starts the next cell (`2026 - 2027` / `Quốc hội`).
    if f.prev_digit_end && f.upper && !f.deadline {
        s -= 1.5;
    }
    s
}

/// On the best path ending in state `s` at item `k`: the last item in
/// column `c` of the current group, and how many items that column has.
fn col_tail(back: &[Vec<(usize, Step)>], k: usize, s: usize, c: usize) -> (Option<usize>, usize) {
    let (mut k, mut s) = (k, s);
    let (mut last, mut n) = (None, 0);
    loop {
        if s / 2 == c {
            n += 1;
            last = last.or(Some(k));
        }
        let (ps, step) = back[k][s];
        if step == Step::Group || k == 0 || ps == usize::MAX {
            return (last, n);
        }
        k -= 1;
        s = ps;
    }
}

/// A line that leaves a name open: ends with a comma, `và`, or a
/// capitalised word (`Nam, Đài`, `Tiếng nói` does not).
pub(super) fn name_open(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(',')
        || fold(t).ends_with(" va")
        || t.split_whitespace().last().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// `2. Các bộ ...`, `(2) Các bộ ...` → `Các bộ ...`.
fn strip_number(t: &str) -> &str {
    part_marker(t).map_or(t, |(_, rest)| rest)
}

/// A cell part's number and the text after it: `2. X`, `(2) X` → (2, `X`).
fn part_marker(t: &str) -> Option<(u32, &str)> {
    let (t, close) = match t.strip_prefix('(') {
        Some(rest) => (rest, ") "),
        None => (t, ". "),
    };
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let rest = t[digits..].strip_prefix(close)?;
    Some((t[..digits].parse().ok()?, rest))
}

/// Chooses a column for every item; returns the cell groups.
pub(super) fn segment(items: &[Item], cols: &[Col], wrap: bool) -> Vec<Vec<(Col, String)>> {
    let m = cols.len();
    if items.is_empty() || m == 0 {
        return vec![];
    }
    let feats = features(items);
    let group_min = cols
        .iter()
        .position(|c| matches!(c, Col::Lead | Col::Coop | Col::Result | Col::Deadline))
        .unwrap_or(m);
    let search = Segmenter { items, feats: &feats, cols, wrap, group_min };
    let path = search.lattice().best_path();
    search.cell_groups(&path)
}

/// The features of every item. Each item is folded once; the features
/// read the folded forms.
fn features(items: &[Item]) -> Vec<Feat> {
    let folded: Vec<&str> = items.iter().map(|it| it.folded.as_str()).collect();
    let mut feats: Vec<Feat> = (0..items.len()).map(|k| Feat::of(items, &folded, k)).collect();
    // The parts numbered so far, kept as the row goes so that each line is
    // looked at once.
    let (mut seen, mut agency_parts) = (0u128, false);
    for (k, it) in items.iter().enumerate() {
        let n = part_marker(it.text.trim_start()).map(|(n, _)| n).filter(|n| *n < 128);
        feats[k].list_next = n.is_some_and(|n| n >= 2 && seen & (1 << (n - 1)) != 0);
        feats[k].agency_parts = agency_parts;
        if let Some(n) = n {
            seen |= 1 << n;
            agency_parts |= n == 1 && feats[k].agency;
        }
    }
    feats
}

/// Words that open the name of a product (a result cell), not of a body.
const PRODUCT_HEADS: &[&str] = &[
    "chien luoc",
    "de an",
    "ke hoach",
    "chuong trinh",
    "bao cao",
    "nghi dinh",
    "quyet dinh",
    "thong tu",
    "van ban",
    "hoi nghi",
    "hoi thao",
    "tai lieu",
    "quy che",
];

/// Whether folded `f` opens with the words `h`, whole.
fn opens_with(f: &str, h: &str) -> bool {
    f.strip_prefix(h).is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// Whether the last word of folded `f` is one of `words`.
fn ends_word(f: &str, words: &[&str]) -> bool {
    let last = f.rsplit(' ').next().unwrap_or("");
    words.contains(&last)
}

impl Feat {
    /// The features of item `k`, with what the lines around it say.
    fn of(items: &[Item], folded: &[&str], k: usize) -> Feat {
        let (it, ff) = (&items[k], folded[k]);
        let prev_text = if k > 0 { items[k - 1].text.trim_end() } else { "" };
        let pf = if k > 0 { folded[k - 1] } else { "" };
        let has_prev_word = pf.contains(' ');
        let after_open = has_prev_word && ends_word(pf, &["cua", "va", "voi", "trinh", "cho", "tai", "theo"]);
        let agency = agency_at(items, folded, k, after_open);
        let upper = upper_initial(&it.text);
        // `các` / `Hệ thống dữ liệu`: after `các` only a body is capitalised,
        // so a capitalised line that names none starts another cell.
        let head = ff.split(' ').next().is_some_and(super::assignments::is_bare_head);
        let bare_cac = pf.trim_end_matches([',', ' ']) == "cac" && !(upper && !agency && !head);
        Feat {
            prev_open: has_prev_word
                && ends_word(
                    pf,
                    &[
                        "cua", "va", "voi", "theo", "ve", "tai", "cho", "cac", "nhung", "trinh", "giua",
                        "thuoc",
                    ],
                ),
            prev_name_open: k > 0
                && (prev_text.ends_with(',')
                    || (has_prev_word && ends_word(pf, &["va"]))
                    || prev_text
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))),
            // A bare head (`UBND` / `các tỉnh, thành phố`) names no body yet.
            prev_broken: k > 0
                && (prev_text.ends_with(['-', '/'])
                    || ends_word(pf, &["ngay", "so", "cua", "va", "chuong"])
                    || matches!(pf.trim_end_matches([',', ' ']), "ubnd" | "uy ban nhan dan" | "hdnd" | "bo")
                    || bare_cac
                    || head_broken(items, folded, k)),
            prev_closed: prev_text.ends_with(')'),
            prev_stop: prev_text.ends_with('.'),
            stop: it.text.trim_end().ends_with('.'),
            related: opens_with(ff, "lien quan") || opens_with(ff, "co lien quan"),
            prev_long: prev_text.chars().count() >= 40,
            acronym: it.text.split_whitespace().next().is_some_and(|w| {
                let w = w.trim_end_matches([',', '.', ';']);
                w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase())
            }),
            prev_upper: upper_initial(prev_text),
            prev_comma: prev_text.ends_with(','),
            prev_digit_end: prev_text.trim_end_matches(['.', ';']).ends_with(|c: char| c.is_ascii_digit()),
            citation_bits: it.text.chars().any(|c| c.is_ascii_digit() || c == '/')
                || ["so ", "ngay", "trinh so", "cua "].iter().any(|w| ff.starts_with(w)),
            list_next: false,
            agency_parts: false,
            product: upper_initial(&it.text) && PRODUCT_HEADS.iter().any(|h| opens_with(ff, h)),
            agency,
            deadline: deadline_at(items, folded, k),
            basis: basis_at(folded, k),
            upper,
            len: it.text.chars().count(),
            connective: ["cua", "va", "theo", "ve", "tai", "voi", "cho", "trong", "de", "duoc"]
                .iter()
                .any(|w| opens_with(ff, w)),
        }
    }
}

/// Whether the lines before item `k` end in the bare head of a name, one
/// word per line (`Thanh` / `tra`, `Ủy` / `ban`): the name goes on.
fn head_broken(items: &[Item], folded: &[&str], k: usize) -> bool {
    let pf = folded[k - 1];
    let two = (k >= 2 && !pf.contains(' '))
        .then(|| format!("{} {pf}", folded[k - 2].rsplit(' ').next().unwrap_or("")));
    // `… do Bộ` / `Công an đề xuất`: a capitalised head ends the line.
    let last = items[k - 1].text.split_whitespace().last().unwrap_or("");
    let tail = last.starts_with(char::is_uppercase) && super::assignments::is_bare_head(&fold(last));
    tail || super::assignments::is_bare_head(pf) || two.is_some_and(|t| super::assignments::is_bare_head(&t))
}

/// Whether `t` ends in the capitalised head of a name, in its last word or
/// two (`… trong Ủy ban`, `… kiện toàn Ủy`, not `… ngang bộ`): the name
/// goes on.
fn ends_in_head(t: &str) -> bool {
    let mut words = t.rsplit(' ');
    let last = words.next().unwrap_or("");
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    let one = capital(last) && super::assignments::is_bare_head(&fold(last));
    one || words
        .next()
        .is_some_and(|w| capital(w) && super::assignments::is_bare_head(&fold(&format!("{w} {last}"))))
}

/// Whether item `k` opens an agency's name. A narrow column breaks a name
/// after its head word (`Các` / `Bộ,` / `ngành`): the head is read with the
/// line after it, unless the line before leaves a phrase open
/// (`after_open`: `... của`).
fn agency_at(items: &[Item], folded: &[&str], k: usize, after_open: bool) -> bool {
    let (it, ff) = (&items[k], folded[k]);
    if it.text.split_whitespace().count() == 1 && k + 1 < items.len() && !after_open {
        let ahead = format!("{} {}", it.text.trim(), items[k + 1].text.trim());
        let fa = format!("{ff} {}", folded[k + 1]);
        is_agency_start_folded(&ahead, &fa)
    } else {
        // `1. Bộ Tài chính tổng kết ...`: a numbered part of a cell.
        let (t, f) = (strip_number(&it.text), strip_number(ff));
        is_agency_start_folded(t, f)
    }
}

/// Whether item `k` reads as a deadline, also when a word per line breaks
/// it (`Thực` / `hiện` / `thường` / `xuyên`: two lines ahead).
fn deadline_at(items: &[Item], folded: &[&str], k: usize) -> bool {
    let (it, ff) = (&items[k], folded[k]);
    let next = items.get(k + 1).map(|n| n.text.as_str());
    deadline_like(&it.text, ff, next, folded.get(k + 1).copied())
        || (it.text.split_whitespace().count() == 1
            && deadline_like(
                &it.text,
                ff,
                next,
                folded
                    .get(k + 1)
                    .map(|s| format!("{s} {}", folded.get(k + 2).copied().unwrap_or("")))
                    .as_deref(),
            ))
}

/// Whether item `k` opens a citation cell. Such a cell opens with a
/// document kind; only then is the look-ahead built.
fn basis_at(folded: &[&str], k: usize) -> bool {
    let ff = folded[k];
    BASIS_HEADS.iter().any(|h| ff.starts_with(h)) && {
        let look = format!(
            "{ff} {} {}",
            folded.get(k + 1).copied().unwrap_or(""),
            folded.get(k + 2).copied().unwrap_or("")
        );
        BASIS_LIKE.is_match(&look)
    }
}

/// The search's state for a column: the column, and whether its cell was
/// resumed after a page break.
fn state(col: usize, resumed: bool) -> usize {
    col * 2 + usize::from(resumed)
}

/// The best scores of paths through the columns: `score[k][s]` ends at
/// item `k` in state `s`, and `back[k][s]` is its state before and the
/// step taken.
struct Lattice {
    score: Vec<Vec<f64>>,
    back: Vec<Vec<(usize, Step)>>,
}

impl Lattice {
    /// Keeps the step from state `from` to state `s` of item `k` if it
    /// scores better (on a tie, the step tried first).
    fn relax(&mut self, k: usize, s: usize, v: f64, from: usize, step: Step) {
        if v > self.score[k][s] {
            self.score[k][s] = v;
            self.back[k][s] = (from, step);
        }
    }

    /// The column and step of every item on the best path: the best end
    /// state, then back.
    fn best_path(&self) -> Vec<(usize, Step)> {
        let n = self.score.len();
        let last = n - 1;
        let ns = self.score[last].len();
        let mut s = (0..ns).max_by(|&a, &b| self.score[last][a].total_cmp(&self.score[last][b])).unwrap_or(0);
        let mut path = vec![(0usize, Step::Start); n];
        for k in (0..n).rev() {
            path[k] = (s / 2, self.back[k][s].1);
            if k > 0 {
                s = self.back[k][s].0;
            }
        }
        path[0] = (0, Step::Start);
        path
    }
}

/// The search over the columns of one row's items.
struct Segmenter<'a> {
    items: &'a [Item],
    feats: &'a [Feat],
    cols: &'a [Col],
    wrap: bool,
    /// The lowest column a new group may start at.
    group_min: usize,
}

impl Segmenter<'_> {
    /// The scores of the paths, item by item (a Viterbi search).
    fn lattice(&self) -> Lattice {
        let (n, ns) = (self.items.len(), self.cols.len() * 2);
        let neg = f64::NEG_INFINITY;
        let mut lat =
            Lattice { score: vec![vec![neg; ns]; n], back: vec![vec![(usize::MAX, Step::Same); ns]; n] };
        lat.score[0][state(0, false)] = 0.0;
        for k in 1..n {
            for ps in 0..ns {
                if lat.score[k - 1][ps] != neg {
                    self.steps_from(&mut lat, k, ps);
                }
            }
        }
        lat
    }

    /// The steps from state `ps` of item `k - 1` to item `k`, in a fixed
    /// order (ties go to the first).
    fn steps_from(&self, lat: &mut Lattice, k: usize, ps: usize) {
        let base = lat.score[k - 1][ps];
        let f = &self.feats[k];
        let brk = self.items[k].after_break;
        let (pc, pr) = (ps / 2, ps % 2 == 1);
        // Same cell.
        let list = if f.list_next { 3.0 } else { 0.0 };
        let bonus = list + if f.prev_broken && !brk { 3.0 } else { 0.0 };
        // A sentence ended by a full stop goes on with a capital.
        let bonus = bonus - if f.prev_stop && !f.upper { 1.0 } else { 0.0 };
        let v = base + cont_score(self.cols[pc], f, self.wrap, brk) + bonus;
        lat.relax(k, state(pc, pr || brk), v, ps, Step::Same);
        #[allow(clippy::needless_range_loop)] // c is a column index into several tables
        for c in 0..self.cols.len() {
            if c > pc {
                self.next_cell(lat, k, ps, c);
            }
            if brk && c < pc {
                self.resume_earlier(lat, k, ps, c);
            }
            if c <= pc && c >= self.group_min && pc >= self.group_min {
                let skip = (c - self.group_min) as f64 * 0.5;
                let list = if f.list_next { 3.0 } else { 0.0 };
                let v = base + start_score(self.cols[c], f) - 4.0 - skip - list;
                lat.relax(k, state(c, false), v, ps, Step::Group);
            }
        }
    }

    /// A later column `c`: start its cell, skipping empty ones. After a
    /// page break the group's cells can only go on (or a new group start).
    fn next_cell(&self, lat: &mut Lattice, k: usize, ps: usize, c: usize) {
        let base = lat.score[k - 1][ps];
        let f = &self.feats[k];
        let brk = self.items[k].after_break;
        let (pc, pr) = (ps / 2, ps % 2 == 1);
        if !(pr || brk) {
            // Every task has a lead; other cells are often left blank.
            let skip: f64 =
                self.cols[pc + 1..c].iter().map(|c| if *c == Col::Lead { 2.0 } else { 1.5 }).sum();
            let broken = if f.prev_broken { 1.5 } else { 0.0 };
            let list = if f.list_next { 3.0 } else { 0.0 };
            let v = base + start_score(self.cols[c], f) - skip - broken - list;
            lat.relax(k, state(c, false), v, ps, Step::Start);
        }
        // Resume a cell begun on the page before.
        if pr || brk {
            let pen = if f.connective { 1.2 } else { 0.3 };
            let (last, _) = col_tail(&lat.back, k - 1, ps, c);
            let v = base + cont_score(self.cols[c], f, self.wrap, brk) - pen + self.tail_fit(last, f);
            lat.relax(k, state(c, true), v, ps, Step::Resume);
        }
    }

    /// After a page break any earlier cell `c` may go on; a name left open
    /// on the page before (`Đài Tiếng nói`) goes on with a capitalised word
    /// (`Việt Nam`).
    fn resume_earlier(&self, lat: &mut Lattice, k: usize, ps: usize, c: usize) {
        let base = lat.score[k - 1][ps];
        let f = &self.feats[k];
        // The longest cells are the ones that overflow the page.
        let (last, lines) = col_tail(&lat.back, k - 1, ps, c);
        let mut v = base
            + cont_score(self.cols[c], f, self.wrap, true)
            + 0.1 * lines.min(10) as f64
            + self.tail_fit(last, f);
        if f.upper && !f.agency && last.is_some_and(|j| name_open(&self.items[j].text)) {
            v += 1.0;
        }
        lat.relax(k, state(c, true), v, ps, Step::Resume);
    }

    /// How well an item (features `f`) goes on after a page break from a
    /// cell whose last line so far is `last`: a cell left open (`… các`,
    /// `Ủy ban Công tác` / `về …`) draws it; one ended by a full stop
    /// (`Thực hiện thường xuyên.`) does not.
    fn tail_fit(&self, last: Option<usize>, f: &Feat) -> f64 {
        let Some(j) = last else { return 0.0 };
        let t = self.items[j].text.trim_end();
        let folded = self.items[j].folded.as_str();
        if t.ends_with(['.', ';']) {
            -1.0
        } else if t.ends_with(',')
            || ends_word(folded, &["cac", "va", "ve", "cua", "voi", "cho", "tai", "theo"])
            || ends_in_head(t)
            || (f.connective && name_open(t))
        {
            1.0
        } else {
            0.0
        }
    }

    /// The cells along `path`, in groups (a new group at each
    /// [`Step::Group`]), each group's cells in column order.
    fn cell_groups(&self, path: &[(usize, Step)]) -> Vec<Vec<(Col, String)>> {
        let mut groups: Vec<Vec<(Col, String)>> = vec![vec![]];
        for (k, (c, step)) in path.iter().enumerate() {
            if *step == Step::Group {
                groups.push(vec![]);
            }
            let col = self.cols[*c];
            let text = self.items[k].text.trim();
            let group = groups.last_mut().expect("one group");
            // A resumed cell belongs to the latest group that has the column.
            match group.iter_mut().find(|(gc, _)| *gc == col) {
                Some((_, cell)) => {
                    // `Năm 2026-` / `2030`: a span of years broken at its dash.
                    let span = cell.ends_with('-')
                        && cell[..cell.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                        && text.starts_with(|c: char| c.is_ascii_digit());
                    if !span {
                        // `… các` / `Bộ, ngành`: the name goes on, no new agency.
                        let last = cell.rsplit(' ').next().unwrap_or("");
                        let open = ["cac", "va", "cua", "ve"].contains(&fold(last).as_str());
                        cell.push_str(joiner(col, *step, self.feats[k].agency && !open, text));
                    }
                    cell.push_str(text);
                }
                None => group.push((col, text.to_string())),
            }
        }
        for g in &mut groups {
            g.sort_by_key(|(c, _)| self.cols.iter().position(|x| x == c));
        }
        groups.retain(|g| !g.is_empty());
        groups
    }
}

/// What joins `text` to the cell of `col` it goes on: `; ` before another
/// agency, a line break before a list item, else a space.
fn joiner(col: Col, step: Step, agency: bool, text: &str) -> &'static str {
    if matches!(col, Col::Lead | Col::Coop) && step != Step::Same && agency {
        "; "
    } else if text.starts_with("- ") || text.starts_with("+ ") {
        "\n"
    } else {
        " "
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalise::normalise;
    use super::*;

    /// Words that fold alike are told apart by their marks: `Năm 2026` and
    /// `Thường xuyên` are times; `Nam` (`Việt` / `Nam`) and `Thương`
    /// (`Bộ Công` / `Thương`) are not.
    #[test]
    fn times_told_from_names_that_fold_alike() {
        let like = |t: &str, next: Option<&str>| deadline_like(t, &fold(t), next, next.map(fold).as_deref());
        assert!(like("Năm 2026 - 2030", None));
        assert!(like("Thường", Some("xuyên")));
        assert!(!like("Nam 2026 - 2030", None));
        assert!(!like("Nam", Some("2026 - 2030")));
        assert!(!like("Thương", Some("Các bộ, ngành")));
    }

    fn table(text: &str) -> Table {
        let lines = normalise(text);
        let i = lines.iter().position(|l| l.is_text()).unwrap();
        detect(&lines, i).expect("a table")
    }

    #[test]
    fn header_labels() {
        let h = parse_header(
            "TT Tên nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Kết quả Thời gian hoàn thành Căn cứ bổ sung",
        )
        .unwrap();
        let cols: Vec<Col> = h.into_iter().map(|(c, _)| c).collect();
        assert_eq!(cols, [Col::No, Col::Name, Col::Lead, Col::Coop, Col::Result, Col::Deadline, Col::Basis]);
        let h = parse_header("TT CHỈ TIÊU DVT Kế hoạch năm 2024").unwrap();
        assert_eq!(
            h.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
            [Col::No, Col::Name, Col::Unit, Col::Target]
        );
        assert!(parse_header("Tổ chức quán triệt").is_none());
    }

    /// Seed 001's appendix: one cell per line, empty cells missing.
    #[test]
    fn per_line_missing_cells() {
        let t = table("TT\nNội dung nhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\nTổ chức quán triệt, tuyên truyền nội dung Quyết định số 281/QĐ-TTg. Chỉ thị số 25-CT/TW\nCác sở, ban, ngành, UBND các huyện, thị xã, thành phố\nQuý II năm 2024\n2\nTriển khai cơ chế, chính sách khuyến khích y tế tư nhân.\nSở Y tế/ UBND các huyện, thị xã, thành phố\nCác sở, ngành cơ quan, đơn vị liên quan\n3\n- Đầu tư cơ sở hạ tầng.\n- Nghiên cứu xây dựng các cơ chế.\nSở Y tế; Sở Kế hoạch và Đầu tư\nSở Tài chính và các sở, ngành, cơ quan, đơn vị liên quan\nNhiệm vụ thường xuyên\n");
        assert_eq!(t.rows.len(), 3);
        let r = &t.rows[0];
        assert_eq!(r.cell(Col::Lead), Some("Các sở, ban, ngành, UBND các huyện, thị xã, thành phố"));
        assert_eq!(r.cell(Col::Coop), None);
        assert_eq!(r.cell(Col::Deadline), Some("Quý II năm 2024"));
        let r = &t.rows[1];
        assert_eq!(r.cell(Col::Coop), Some("Các sở, ngành cơ quan, đơn vị liên quan"));
        assert_eq!(r.cell(Col::Deadline), None);
        let r = &t.rows[2];
        assert_eq!(r.cell(Col::Name), Some("- Đầu tư cơ sở hạ tầng.\n- Nghiên cứu xây dựng các cơ chế."));
        assert_eq!(r.cell(Col::Deadline), Some("Nhiệm vụ thường xuyên"));
    }

    /// The gazette layouts of Government resolutions' appendices: a lead
    /// cell numbering its parts, two cells on one line with one space, a
    /// deadline followed by the level it is submitted to.
    #[test]
    fn numbered_parts_run_on_cells_submit_level() {
        let t = table("TT\nNHIỆM VỤ\nTHỜI HẠN\nCƠ QUAN CHỦ TRÌ\nCƠ QUAN PHỐI\nHỢP\n1\nHoàn thành các phương án xử lý vướng mắc\nQuý III/2026\n1. Bộ Tài chính đầu mối phối\nhợp với các cơ quan tổng hợp.\n2. Bộ Nông nghiệp và Môi\ntrường, Thanh tra Chính phủ,\ncác bộ, cơ quan theo chức năng\nCác đơn vị có liên quan\n2\nRà soát, phê duyệt điều chỉnh Quy hoạch\nQuý II/2026\nBộ Nông nghiệp và Môi trường Các bộ, cơ quan, địa\nphương\n");
        assert_eq!(t.rows.len(), 2);
        let r = &t.rows[0];
        assert_eq!(r.groups.len(), 1, "{:?}", r.groups);
        assert!(
            r.cell(Col::Lead).unwrap().contains("2. Bộ Nông nghiệp và Môi trường, Thanh tra"),
            "{:?}",
            r.groups
        );
        assert_eq!(r.cell(Col::Coop), Some("Các đơn vị có liên quan"));
        let r = &t.rows[1];
        assert_eq!(r.cell(Col::Lead), Some("Bộ Nông nghiệp và Môi trường"));
        assert_eq!(r.cell(Col::Coop), Some("Các bộ, cơ quan, địa phương"));

        let t = table("TT\nNHIỆM VỤ CỤ THỂ\nCƠ QUAN\nCHỦ TRÌ\nTHỜI HẠN\nCẤP TRÌNH\n1\nXây dựng cơ chế, chính sách huy động nguồn lực\nBộ Tài chính\n2026 - 2027\nThủ tướng\nChính phủ\n");
        assert_eq!(t.rows[0].cell(Col::Deadline), Some("2026 - 2027"));
        assert_eq!(t.rows[0].cell(Col::Submit), Some("Thủ tướng Chính phủ"));
    }

    /// A table grouped by agency: the group's number and agency printed in
    /// the middle of its tasks, tasks without numbers, each ending with its
    /// time; a label printed between a task's partners and its time.
    #[test]
    fn grouped_by_agency() {
        let text = "STT\nĐơn vị\nNhiệm vụ chủ trì\nĐơn vị phối hợp\nThời gian\nhoàn thành\nTham mưu ban hành Nghị định quy định\ndanh mục cơ sở dữ liệu quốc gia\n(1) Bộ Tư pháp\n(2) Văn phòng Chính phủ\nQuý IV/2023\n1\nBộ Thông tin và\nTruyền thông\nBan hành Khung kiến trúc Chính phủ điện\ntử 3.0\nVăn phòng Chính phủ\nQuý IV/2023\nThành lập đơn vị cấp Cục có chức năng\nTrong năm 2024\nRà soát, đánh giá các luật có quy định liên\nquan đến cơ sở dữ liệu quốc gia\n(1) Bộ Tư pháp\n2\nBộ Công an\nThường xuyên\n";
        let t = table(text);
        let tasks: Vec<&Row> = t.rows.iter().filter(|r| !r.heading).collect();
        assert_eq!(tasks.len(), 4, "{:?}", t.rows);
        let lead = |k: usize| tasks[k].cell(Col::Lead);
        assert_eq!(lead(0), Some("Bộ Thông tin và Truyền thông"));
        assert_eq!(lead(1), Some("Bộ Thông tin và Truyền thông"));
        assert_eq!(lead(3), Some("Bộ Công an"));
        assert_eq!(tasks[0].cell(Col::Coop), Some("(1) Bộ Tư pháp (2) Văn phòng Chính phủ"));
        assert_eq!(tasks[0].cell(Col::Deadline), Some("Quý IV/2023"));
        // The label between the last task's partner and its time.
        assert_eq!(tasks[3].cell(Col::Deadline), Some("Thường xuyên"));
        assert_eq!(
            tasks[3].cell(Col::Name),
            Some("Rà soát, đánh giá các luật có quy định liên quan đến cơ sở dữ liệu quốc gia")
        );
    }

    /// Seed 002's indicator table, sub-rows included.
    #[test]
    fn tabbed_indicators() {
        let t = table("TT\tCHỈ TIÊU\tDVT\tKế hoạch năm 2024\n7\tTổng số giường bệnh\tGiường bệnh\t5.130\n\t- <i>Tuyến tỉnh</i>\t<i>GB</i>\t<i>2.430</i>\n8\tSố giường bệnh/vạn dân\tGiường bệnh\t29\n\nTT\tCHỈ TIÊU\tĐVT\tKế hoạch năm 2024\n9\tSố bác sỹ/vạn dân\tBác sỹ\t7,7\n\nII. MỤC TIÊU");
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].parts[0].no, "7.1");
        assert_eq!(t.rows[0].parts[0].cell(Col::Name), Some("Tuyến tỉnh"));
        assert_eq!(t.rows[2].cell(Col::Target), Some("7,7"));
    }

    /// Gazette text: cells broken over lines, two cells on one line, a
    /// row continued over a page break under the repeated header.
    #[test]
    fn gazette_layout() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/nq-97-nq-cp-2026.txt"
        ))
        .unwrap();
        let lines = normalise(&text);
        let i = lines.iter().position(|l| l.is_text() && l.text.trim() == "TT").unwrap();
        let t = detect(&lines, i).unwrap();
        assert_eq!(t.rows.len(), 29);
        let r = &t.rows[1];
        assert_eq!(r.cell(Col::Lead), Some("Các bộ, cơ quan ngang bộ"));
        assert_eq!(r.cell(Col::Coop), Some("Bộ Tư pháp"));
        assert_eq!(r.cell(Col::Deadline), Some("Thường xuyên"));
        // Row 12: the lead cell goes on over the page break.
        let r = &t.rows[11];
        assert!(r.cell(Col::Lead).unwrap().contains("; Bộ Tài chính (đối"), "{:?}", r.groups);
        assert_eq!(r.cell(Col::Deadline), Some("Tháng 5/2026"));
        // Row 15: two results with two deadlines.
        let r = &t.rows[14];
        assert_eq!(r.groups.len(), 2, "{:?}", r.groups);
        assert_eq!(r.groups[1].iter().find(|(c, _)| *c == Col::Deadline).unwrap().1, "Tháng 11/2026");
        for r in &t.rows {
            assert!(r.cell(Col::Lead).is_some(), "row {} has no lead: {:?}", r.no, r.groups);
            assert!(r.cell(Col::Deadline).is_some(), "row {} has no deadline: {:?}", r.no, r.groups);
        }
    }
}
