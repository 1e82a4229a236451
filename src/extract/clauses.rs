//! Stage 4: the clause tree. Markers `I.`, `1.`, `a)`, `-`, `+`, `Điều N.`
//! and `PHỤ LỤC` open clauses; the lines after a marker are its text; a line
//! broken by the layout is joined back to the one before. Paths: `II`,
//! `II.1`, `II.1.a`, `II.1.-2` (second bullet), `II.2.-4.+1`, articles `D2`
//! (`Điều 2`; ASCII so the path stays URL-safe), the appendix `PL` and its
//! table rows `PL.1`; a news article without markers gets one clause per
//! paragraph, `1`, `2`, ...

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::normalise::{Line, LineKind};
use super::tables::{self, Table};
use crate::model::{Clause, ClauseKind, Provenance, Warning};
use crate::text::fold;

/// A clause marker at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    Roman(String),
    Number(String),
    Letter(String),
    Dash,
    Plus,
    Article(String),
    Appendix,
}

static ROMAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([IVX]{1,5})\s*[.)]\s*(\S.*)$").unwrap());
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\s*[.)]\s*(\S.*)$").unwrap());
static NUMBER_NODOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s+(\S.*)$").unwrap());
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([a-zđ])\s*\)\s*(\S.*)$").unwrap());
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-–—•]\s*(\S.*)$").unwrap());
static PLUS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\+\s*(\S.*)$").unwrap());
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Điều\s+(\d{1,3})\s*[.:]?\s*(.*)$").unwrap());
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:tên nhiệm vụ|nội dung|cơ quan chủ trì|đơn vị chủ trì|cơ quan phối hợp|đơn vị phối hợp|kết quả|sản phẩm|thời gian hoàn thành|thời hạn hoàn thành|thời gian thực hiện|thời hạn)\s*:").unwrap()
});

pub(crate) fn roman_value(r: &str) -> Option<u32> {
    let mut total = 0i64;
    let vals: Vec<i64> = r
        .chars()
        .map(|c| match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => 0,
        })
        .collect();
    for (k, v) in vals.iter().enumerate() {
        if vals.get(k + 1).is_some_and(|n| n > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    (total > 0 && total < 40).then_some(total as u32)
}

/// The marker at the start of `t` and the text after it.
pub(crate) fn marker(t: &str) -> Option<(Marker, &str)> {
    let t = t.trim();
    // Dispatch on the first character: most lines have no marker.
    let first = t.chars().next()?;
    fn rest<'t>(c: &regex::Captures<'t>, k: usize) -> &'t str {
        c.get(k).map_or("", |m| m.as_str())
    }
    match first {
        'Đ' => ARTICLE.captures(t).map(|c| (Marker::Article(c[1].to_string()), rest(&c, 2))),
        'P' | 'p' => {
            let f = fold(t);
            ((f.starts_with("phu luc") && t.chars().count() <= 20) || f == "phu luc")
                .then_some((Marker::Appendix, ""))
        }
        'I' | 'V' | 'X' => ROMAN
            .captures(t)
            .filter(|c| roman_value(&c[1]).is_some())
            .map(|c| (Marker::Roman(c[1].to_string()), rest(&c, 2))),
        '0'..='9' => NUMBER
            .captures(t)
            .or_else(|| NUMBER_NODOT.captures(t))
            .map(|c| (Marker::Number(c[1].to_string()), rest(&c, 2))),
        'a'..='z' | 'đ' => LETTER.captures(t).map(|c| (Marker::Letter(c[1].to_string()), rest(&c, 2))),
        '+' => PLUS.captures(t).map(|c| (Marker::Plus, rest(&c, 1))),
        '-' | '–' | '—' | '•' => DASH.captures(t).map(|c| (Marker::Dash, rest(&c, 1))),
        _ => None,
    }
}

fn rank(m: &Marker) -> u8 {
    match m {
        Marker::Appendix => 0,
        Marker::Roman(_) | Marker::Article(_) => 1,
        Marker::Number(_) => 2,
        Marker::Letter(_) => 3,
        Marker::Dash => 4,
        Marker::Plus => 5,
    }
}

/// The tree and what came with it.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub clauses: Vec<Clause>,
    /// Line number each clause starts on.
    pub starts: Vec<usize>,
    /// Preamble paragraphs (before the first clause) with their first line.
    pub preamble: Vec<(usize, String)>,
    /// Footnotes.
    pub footnotes: Vec<(usize, String)>,
    /// Tables, with the index of the clause they stand in (or a row's parent).
    pub tables: Vec<(Option<usize>, Table)>,
    pub warnings: Vec<Warning>,
}

/// Where open text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Preamble,
    /// The marker paragraph of clause k (heading or text, decided when closed).
    MarkerOf(usize),
    /// A paragraph of clause k's text.
    TextOf(usize),
    /// A line nothing could place.
    Nowhere,
}

struct Builder<'a> {
    lines: &'a [Line],
    /// Lines the header consumed.
    used: &'a [bool],
    tree: Tree,
    stack: Vec<(u8, usize)>,
    counters: HashMap<(String, char), usize>,
    buf: String,
    buf_line: usize,
    target: Target,
    appendices: usize,
    summary_paragraphs: bool,
    /// For a news article: the line that names the document; the text up
    /// to it is preamble. Cleared at the first paragraph after it.
    subject_line: Option<usize>,
    paragraphs: usize,
    /// The latest paragraph added to a clause that already had text: (clause,
    /// byte offset). A closing paragraph goes to the section.
    last_para: Option<(usize, usize)>,
    closed: bool,
    paths: std::collections::HashSet<String>,
    /// Per base path, the next suffix to try (see [`Builder::unique`]).
    suffixes: HashMap<String, usize>,
    /// The text line before, to tell a line the layout broke.
    prev_text: String,
    /// A blank line, a table, a header line or an appendix title came
    /// after `prev_text`.
    blank_before: bool,
}

impl Builder<'_> {
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            return;
        }
        self.last_para = None;
        match self.target {
            Target::Preamble => self.tree.preamble.push((self.buf_line, text)),
            Target::MarkerOf(k) => {
                let c = &mut self.tree.clauses[k];
                let sentence = text.ends_with(['.', ';']) || text.ends_with(".”");
                let heading = match c.kind {
                    ClauseKind::Section | ClauseKind::Article => !sentence || text.chars().count() < 60,
                    ClauseKind::Item | ClauseKind::Point => !sentence,
                    _ => false,
                };
                if heading {
                    c.heading = Some(text);
                } else {
                    append(&mut c.text, &text);
                }
            }
            Target::TextOf(k) => {
                let c = &mut self.tree.clauses[k];
                self.last_para = (!c.text.is_empty()).then_some((k, c.text.len()));
                append(&mut c.text, &text);
            }
            Target::Nowhere => {}
        }
    }

    fn open(&mut self, m: &Marker, rest: &str, line: usize) -> usize {
        let r = rank(m);
        while self.stack.last().is_some_and(|&(sr, _)| sr >= r) {
            self.stack.pop();
        }
        let parent = self.stack.last().map(|&(_, k)| self.tree.clauses[k].path.clone());
        let (seg, kind) = match m {
            Marker::Appendix => {
                self.appendices += 1;
                let seg =
                    if self.appendices == 1 { "PL".to_string() } else { format!("PL{}", self.appendices) };
                (seg, ClauseKind::Section)
            }
            Marker::Roman(r) => (r.clone(), ClauseKind::Section),
            Marker::Article(n) => (format!("D{n}"), ClauseKind::Article),
            Marker::Number(n) => (n.clone(), ClauseKind::Item),
            Marker::Letter(l) => (l.clone(), ClauseKind::Point),
            Marker::Dash | Marker::Plus => {
                let sym = if *m == Marker::Dash { '-' } else { '+' };
                let key = (parent.clone().unwrap_or_default(), sym);
                let n = self.counters.entry(key).or_insert(0);
                *n += 1;
                (format!("{sym}{n}"), if sym == '-' { ClauseKind::Bullet } else { ClauseKind::SubBullet })
            }
        };
        let path = match (&parent, m) {
            (Some(p), _) => format!("{p}.{seg}"),
            (None, _) => seg,
        };
        let path = self.unique(path);
        self.tree.clauses.push(Clause::new(&path, kind, "", Provenance::Stated));
        self.tree.starts.push(line);
        let k = self.tree.clauses.len() - 1;
        self.stack.push((r, k));
        self.buf = rest.to_string();
        self.buf_line = line;
        self.target = Target::MarkerOf(k);
        k
    }

    /// A path already used (a numbering restart) gets a suffix, so paths
    /// stay unique: the smallest free `-2`, `-3`, ... The search for a path
    /// resumes where the last one stopped (paths are never freed, so the
    /// suffixes below are still taken): a text repeating `I.` a million
    /// times stays linear.
    fn unique(&mut self, path: String) -> String {
        if self.paths.insert(path.clone()) {
            return path;
        }
        let next = self.suffixes.entry(path.clone()).or_insert(2);
        loop {
            let candidate = format!("{path}-{next}");
            *next += 1;
            if self.paths.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// The clause a new unmarked paragraph belongs to: the innermost clause
    /// that is not a bullet, so `Thời gian thực hiện: ...` after the bullets
    /// of a point goes to the point.
    fn paragraph_home(&self) -> Option<usize> {
        self.stack.iter().rev().find(|(r, _)| *r <= 3).or(self.stack.last()).map(|&(_, k)| k)
    }

    /// At the end of the body: the last paragraph of a clause below the
    /// section level closes the section (`Ủy ban nhân dân tỉnh yêu cầu ...`).
    fn close_body(&mut self) {
        self.flush();
        if self.closed {
            return;
        }
        self.closed = true;
        let (Some((k, off)), Some(&(1, top))) = (self.last_para, self.stack.first()) else { return };
        if k == top {
            return;
        }
        let c = &mut self.tree.clauses[k];
        let para = c.text[off..].trim_start_matches('\n').to_string();
        if FIELD.is_match(&para) {
            // `Thời gian thực hiện: ...` belongs where it stands.
            return;
        }
        c.text.truncate(off);
        append(&mut self.tree.clauses[top].text, &para);
        self.last_para = None;
    }

    fn warn_raw(&mut self, line: &Line) {
        let home =
            self.stack.last().map(|&(_, k)| k).or(if self.tree.clauses.is_empty() { None } else { Some(0) });
        let clause = home.map(|k| self.tree.clauses[k].path.clone());
        if let Some(k) = home {
            self.tree.clauses[k].raw.push(line.text.clone());
        } else {
            self.tree.preamble.push((line.no, line.text.clone()));
        }
        self.tree.warnings.push(Warning {
            line: Some(line.no),
            clause,
            message: format!("line not placed, kept raw: {:?}", line.text.trim()),
        });
    }
}

/// Appends `t` to `s` as a line of its own.
pub(crate) fn append(s: &mut String, t: &str) {
    if !s.is_empty() {
        s.push('\n');
    }
    s.push_str(t);
}

/// True when line `t` goes on with the paragraph before (a line broken by
/// the layout): it starts in lower case, or the line before is long and
/// stops mid-sentence.
fn continues(prev: &str, t: &str, blank_before: bool) -> bool {
    let first = t.chars().next();
    if first.is_some_and(|c| c.is_lowercase()) {
        return true;
    }
    if blank_before {
        return false;
    }
    let p = prev.trim_end();
    let open = !p.ends_with(['.', ':', ';', '!', '?', '”', '"', ')']);
    open && p.chars().count() >= 50
        && first.is_some_and(|c| c.is_ascii_digit() || c.is_uppercase())
        && !t.trim_start().starts_with(['(', '“'])
}

/// Builds the tree from the lines not used by the header. `used` tells
/// which lines the header consumed: they hold no clauses.
pub(crate) fn build(lines: &[Line], used: &[bool], summary: bool, subject_line: Option<usize>) -> Tree {
    let mut b = Builder::new(lines, used, summary, subject_line);
    let mut i = 0;
    while i < lines.len() {
        i = b.read_line(i);
    }
    b.flush();
    b.tree
}

impl<'a> Builder<'a> {
    fn new(lines: &'a [Line], used: &'a [bool], summary: bool, subject_line: Option<usize>) -> Builder<'a> {
        let has_marker = lines.iter().enumerate().any(|(i, l)| {
            !used[i]
                && l.is_text()
                && marker(&l.text).is_some_and(|(m, _)| !matches!(m, Marker::Dash | Marker::Plus))
        });
        Builder {
            lines,
            used,
            tree: Tree::default(),
            stack: Vec::new(),
            counters: HashMap::new(),
            buf: String::new(),
            buf_line: 0,
            target: Target::Preamble,
            appendices: 0,
            summary_paragraphs: summary && !has_marker,
            subject_line: if summary { subject_line } else { None },
            paragraphs: 0,
            last_para: None,
            closed: false,
            paths: std::collections::HashSet::new(),
            suffixes: HashMap::new(),
            prev_text: String::new(),
            blank_before: true,
        }
    }

    /// Reads line `i`; returns the index of the next line to read (past a
    /// table or an appendix title).
    fn read_line(&mut self, i: usize) -> usize {
        let lines = self.lines;
        let l = &lines[i];
        if self.used[i] {
            self.used_line(l);
            return i + 1;
        }
        match l.kind {
            LineKind::Blank | LineKind::Rule => {
                self.blank_before = true;
                return i + 1;
            }
            LineKind::PageBreak => return i + 1,
            LineKind::Footnote => {
                self.tree.footnotes.push((l.no, l.text.clone()));
                return i + 1;
            }
            LineKind::Text => {}
        }
        if let Some(table) = tables::detect(lines, i) {
            return self.table(table, i);
        }
        let t = l.text.trim().to_string();
        if self.summary_paragraphs {
            self.summary_paragraph(&t, l.no);
        } else {
            let mk = marker(&t);
            let is_field =
                mk.as_ref().is_some_and(|(m, rest)| matches!(m, Marker::Number(_)) && FIELD.is_match(rest));
            match mk {
                Some((m, rest)) if !is_field => {
                    self.flush();
                    let k = self.open(&m, rest, l.no);
                    if m == Marker::Appendix {
                        return self.appendix_title(k, i + 1);
                    }
                }
                _ => self.plain_line(&t, l, is_field),
            }
        }
        self.prev_text = t;
        self.blank_before = false;
        i + 1
    }

    /// A text line the header used: before any clause it ends the preamble
    /// paragraph; after them it closes the body (the signature block).
    fn used_line(&mut self, l: &Line) {
        if l.is_text() {
            if !self.tree.clauses.is_empty() {
                self.close_body();
            }
            self.flush();
            self.target = if self.tree.clauses.is_empty() { Target::Preamble } else { Target::Nowhere };
            self.blank_before = true;
        }
    }

    /// A table found at line `i` stands in the innermost open clause, and
    /// the text after it goes on there. Returns the line after the table.
    fn table(&mut self, table: Table, i: usize) -> usize {
        self.flush();
        let home = self.stack.last().map(|&(_, k)| k);
        let end = table.end.max(i + 1);
        self.tree.footnotes.extend(table.footnotes.iter().cloned());
        self.tree.tables.push((home, table));
        self.blank_before = true;
        self.target = match home {
            Some(k) => Target::TextOf(k),
            None => Target::Preamble,
        };
        end
    }

    /// A news article without markers: one clause per paragraph after the
    /// sentence that names the document.
    fn summary_paragraph(&mut self, t: &str, line: usize) {
        if self.subject_line.is_some_and(|s| line <= s) {
            self.flush();
            self.target = Target::Preamble;
            self.buf = t.to_string();
            self.buf_line = line;
            return;
        }
        self.subject_line = None;
        if !self.buf.is_empty() && continues(&self.prev_text, t, self.blank_before) {
            self.buf.push(' ');
            self.buf.push_str(t);
        } else {
            self.flush();
            self.paragraphs += 1;
            let path = self.paragraphs.to_string();
            self.tree.clauses.push(Clause::new(&path, ClauseKind::Paragraph, "", Provenance::Stated));
            self.tree.starts.push(line);
            let k = self.tree.clauses.len() - 1;
            self.target = Target::TextOf(k);
            self.buf = t.to_string();
            self.buf_line = line;
        }
    }

    /// The appendix title after the appendix marker (clause `k`), from
    /// line `from`: upper-case lines become the heading, `(Kèm theo ...)`
    /// the text. Returns the line after the title.
    fn appendix_title(&mut self, k: usize, from: usize) -> usize {
        let lines = self.lines;
        let mut heading = Vec::new();
        let mut j = from;
        while j < lines.len() {
            let lj = &lines[j];
            if lj.kind == LineKind::Blank || lj.kind == LineKind::Rule {
                j += 1;
                continue;
            }
            if !lj.is_text()
                || self.used[j]
                || tables::detect(lines, j).is_some()
                || marker(&lj.text).is_some()
            {
                break;
            }
            let tj = lj.text.trim();
            if tj.starts_with('(') {
                append(&mut self.tree.clauses[k].text, tj);
            } else {
                heading.push(tj.to_string());
            }
            j += 1;
        }
        if !heading.is_empty() {
            self.tree.clauses[k].heading =
                Some(heading.join(" ").split_whitespace().collect::<Vec<_>>().join(" "));
        }
        self.buf.clear();
        self.target = Target::TextOf(k);
        self.blank_before = true;
        self.prev_text.clear();
        j
    }

    /// A line without a marker (or a labelled field, `1. Tên nhiệm vụ:
    /// ...`): it goes on with the paragraph before when the layout broke
    /// it, else opens a paragraph of the innermost clause that is not a
    /// bullet; with no clause open after the body, it is kept raw.
    fn plain_line(&mut self, t: &str, l: &Line, is_field: bool) {
        let joins = !self.buf.is_empty()
            && self.target != Target::Nowhere
            && continues(&self.prev_text, t, self.blank_before)
            && !is_field;
        if joins {
            self.buf.push(' ');
            self.buf.push_str(t);
            return;
        }
        self.flush();
        match self.paragraph_home() {
            Some(k) => {
                self.target = Target::TextOf(k);
                self.buf = t.to_string();
                self.buf_line = l.no;
            }
            None if self.target == Target::Nowhere => self.warn_raw(l),
            None => {
                self.target = Target::Preamble;
                self.buf = t.to_string();
                self.buf_line = l.no;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalise::normalise;
    use super::*;

    fn paths(text: &str) -> Vec<(String, Option<String>, String)> {
        let lines = normalise(text);
        let used = vec![false; lines.len()];
        build(&lines, &used, false, None).clauses.into_iter().map(|c| (c.path, c.heading, c.text)).collect()
    }

    #[test]
    fn roman_values() {
        let v: Vec<Option<u32>> =
            ["I", "IV", "V", "IX", "XIV", "XX"].iter().map(|r| roman_value(r)).collect();
        assert_eq!(v, [Some(1), Some(4), Some(5), Some(9), Some(14), Some(20)]);
    }

    #[test]
    fn markers() {
        assert_eq!(marker("II. NHIỆM VỤ, GIẢI PHÁP").unwrap().0, Marker::Roman("II".into()));
        assert_eq!(marker("đ) Công tác nghiên cứu").unwrap().0, Marker::Letter("đ".into()));
        assert_eq!(marker("Điều 2. Điều chỉnh nhiệm vụ").unwrap().0, Marker::Article("2".into()));
        assert_eq!(marker("+ Rà soát, sắp xếp").unwrap().0, Marker::Plus);
        assert_eq!(marker("PHỤ LỤC").unwrap().0, Marker::Appendix);
        assert!(marker("Căn cứ Luật Tổ chức Chính phủ").is_none());
        assert!(marker("15/03/2024").is_none());
    }

    /// Seed 001's structure: sections, items, bullets, sub-bullets.
    #[test]
    fn plan_paths() {
        let got = paths("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Tổ chức, triển khai.\n- Nâng cao hiệu lực.\nII. NHIỆM VỤ, GIẢI PHÁP\n2. Nâng cao hiệu quả quản lý\n- Đưa các chỉ tiêu.\n- Kiện toàn tổ chức bộ máy y tế cơ sở, bao gồm:\n+ Tổ chức thực hiện hoạt động.\n+ Rà soát, sắp xếp.\nIV. TỔ CHỨC THỰC HIỆN\n2. Giao Sở Y tế chủ trì, theo dõi.\n");
        let p: Vec<&str> = got.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(
            p,
            [
                "I",
                "I.1",
                "I.1.-1",
                "I.1.-2",
                "II",
                "II.2",
                "II.2.-1",
                "II.2.-2",
                "II.2.-2.+1",
                "II.2.-2.+2",
                "IV",
                "IV.2"
            ]
        );
        assert_eq!(got[1].1.as_deref(), Some("Mục đích"));
        assert_eq!(got[11].1, None);
        assert_eq!(got[11].2, "Giao Sở Y tế chủ trì, theo dõi.");
    }

    /// Seed 003: `Thời gian thực hiện` after bullets belongs to the point.
    #[test]
    fn paragraph_after_bullets_goes_to_point() {
        let got = paths("a) Kiện toàn tổ chức bộ máy y tế cơ sở\n\n- Thực hiện chuyển giao.\n\n- Thực hiện sắp xếp.\n\nThời gian thực hiện: Cả năm 2024.\n\nb) Nâng cao");
        assert_eq!(got[0].0, "a");
        assert_eq!(got[0].1.as_deref(), Some("Kiện toàn tổ chức bộ máy y tế cơ sở"));
        assert_eq!(got[0].2, "Thời gian thực hiện: Cả năm 2024.");
        assert_eq!(got[3].0, "b");
    }

    /// Gazette: articles, lines broken by the layout, labelled fields.
    #[test]
    fn gazette_articles() {
        let got = paths("Điều 2. Điều chỉnh nhiệm vụ tại số thứ tự thứ 5 mục IV của Phụ lục danh \nmục các nhiệm vụ như sau: \n1. Tên nhiệm vụ: Xây dựng Đề án hình thành, phát triển mạng lưới \nchuyên gia pháp lý nước ngoài.  \n2. Cơ quan chủ trì: Bộ Tư pháp. \nĐiều 3. Hiệu lực thi hành. \n1. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành. ");
        let p: Vec<&str> = got.iter().map(|(p, _, _)| p.as_str()).collect();
        assert_eq!(p, ["D2", "D3", "D3.1"]);
        assert_eq!(
            got[0].1.as_deref(),
            Some("Điều chỉnh nhiệm vụ tại số thứ tự thứ 5 mục IV của Phụ lục danh mục các nhiệm vụ như sau:")
        );
        assert_eq!(got[0].2, "1. Tên nhiệm vụ: Xây dựng Đề án hình thành, phát triển mạng lưới chuyên gia pháp lý nước ngoài.\n2. Cơ quan chủ trì: Bộ Tư pháp.");
        assert_eq!(got[1].1.as_deref(), Some("Hiệu lực thi hành."));
    }

    /// Seed 002: a paragraph broken over a blank line is joined back.
    #[test]
    fn broken_paragraph_joined() {
        let got = paths("a) Tăng cường mạng lưới y tế dự phòng, khống chế kịp thời, có\n\nhiệu quả các dịch bệnh.\n\nb) Triển khai");
        assert_eq!(
            got[0].2,
            "Tăng cường mạng lưới y tế dự phòng, khống chế kịp thời, có hiệu quả các dịch bệnh."
        );
    }
}
