//! Text tables and JSON for the terminal.

use std::io::{self, Write};

use directive_lineage::{ClauseId, Corpus, NodeRef, Proposal, TraceHit};

use crate::args::Format;

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string_pretty(v).expect("query results serialise")
}

pub(crate) fn label_of(h: &TraceHit<'_>) -> String {
    match h.node {
        NodeRef::Document(d) => format!("{}: {}", d.display_name(), d.title),
        NodeRef::Clause(_, c) => c.label().to_string(),
        _ => String::new(),
    }
}

/// The widest a text line may be: tables wrap their cells to fit.
const WIDTH: usize = 100;
/// Lines a long text cell is cut to (the JSON has it whole).
const TEXT_LINES: usize = 3;
/// The narrowest a wrapped column is made, unless its cells are narrower.
const MIN_WRAP: usize = 20;

/// How a column is laid out in text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    /// Never wrapped (ids, numbers, statuses).
    Key,
    /// Wrapped between words, every line kept (lists of ids or agencies).
    Wrap,
    /// Wrapped, cut to a few lines with `…` (clause texts).
    Text,
    /// In CSV only (what the text shows elsewhere, as a jurisdiction in the id).
    CsvOnly,
}

/// Rows under named columns, printed as CSV or as text within [`WIDTH`].
pub(crate) struct Table {
    cols: Vec<(&'static str, Col)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new<const N: usize>(cols: [(&'static str, Col); N]) -> Table {
        Table { cols: cols.to_vec(), rows: Vec::new() }
    }

    pub(crate) fn push(&mut self, row: Vec<String>) {
        debug_assert_eq!(row.len(), self.cols.len());
        self.rows.push(row);
    }

    pub(crate) fn print(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        if format == Format::Csv {
            return self.print_csv(out);
        }
        self.print_text(out)?;
        let n = self.rows.len();
        writeln!(out, "({n} {})", if n == 1 { "row" } else { "rows" })
    }

    /// Prints the header and rows as text only (no row count).
    fn print_text(&self, out: &mut dyn Write) -> io::Result<()> {
        let shown: Vec<usize> = (0..self.cols.len()).filter(|&i| self.cols[i].1 != Col::CsvOnly).collect();
        let cells: Vec<Vec<String>> =
            self.rows.iter().map(|r| shown.iter().map(|&i| one_line(&r[i])).collect()).collect();
        let cols: Vec<(&str, Col)> = shown.iter().map(|&i| self.cols[i]).collect();
        let natural: Vec<usize> = (0..cols.len())
            .map(|i| cells.iter().map(|r| width(&r[i])).chain([width(cols[i].0)]).max().unwrap_or(0))
            .collect();
        let least: Vec<usize> =
            (0..cols.len()).map(|i| least_width(cols[i].1, natural[i], &cells, i)).collect();
        let gaps = 2 * cols.len().saturating_sub(1);
        if least.iter().sum::<usize>() + gaps <= WIDTH {
            print_grid(out, &cols, &cells, &fill(&least, &natural, WIDTH - gaps))
        } else {
            print_records(out, &cols, &cells, &natural)
        }
    }

    fn print_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(self.cols.iter().map(|c| c.0)).map_err(csv_io)?;
        for r in &self.rows {
            w.write_record(r).map_err(csv_io)?;
        }
        w.flush()
    }
}

/// The I/O error inside a CSV error, so that a closed pipe stays one.
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Characters a terminal shows (NFC text is one column each, near enough).
fn width(s: &str) -> usize {
    s.chars().count()
}

/// The narrowest column that shows its cells: a key's widest cell, a list's
/// longest word (an id is never broken), a text's `MIN_WRAP`.
fn least_width(col: Col, natural: usize, cells: &[Vec<String>], i: usize) -> usize {
    match col {
        Col::Key | Col::CsvOnly => natural,
        Col::Text => natural.min(MIN_WRAP),
        Col::Wrap => {
            let word = cells.iter().flat_map(|r| r[i].split(' ')).map(width).max().unwrap_or(0);
            natural.min(MIN_WRAP).max(word).min(WIDTH)
        }
    }
}

/// Widths from `least` up towards `natural`, as evenly as `total` allows:
/// the widest level every column can reach.
fn fill(least: &[usize], natural: &[usize], total: usize) -> Vec<usize> {
    let at = |level: usize| -> Vec<usize> {
        least.iter().zip(natural).map(|(&l, &n)| level.clamp(l, n.max(l))).collect()
    };
    let top = natural.iter().copied().max().unwrap_or(0);
    let level = (0..=top).take_while(|&l| at(l).iter().sum::<usize>() <= total).last().unwrap_or(0);
    at(level)
}

/// Every column side by side, cells wrapped to their widths.
fn print_grid(
    out: &mut dyn Write,
    cols: &[(&str, Col)],
    cells: &[Vec<String>],
    widths: &[usize],
) -> io::Result<()> {
    let header: Vec<String> = cols.iter().map(|c| c.0.to_string()).collect();
    print_row(out, &header, widths, &vec![Col::Wrap; cols.len()])?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("  "))?;
    let kinds: Vec<Col> = cols.iter().map(|c| c.1).collect();
    for r in cells {
        print_row(out, r, widths, &kinds)?;
    }
    Ok(())
}

/// One row over as many lines as its tallest cell.
fn print_row(out: &mut dyn Write, row: &[String], widths: &[usize], kinds: &[Col]) -> io::Result<()> {
    let wrapped: Vec<Vec<String>> =
        row.iter().zip(widths).zip(kinds).map(|((c, &w), &k)| wrap_cell(c, w, k)).collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for k in 0..height {
        let line: Vec<String> = wrapped
            .iter()
            .zip(widths)
            .map(|(lines, &w)| format!("{:<w$}", lines.get(k).map_or("", String::as_str)))
            .collect();
        writeln!(out, "{}", line.join("  ").trim_end())?;
    }
    Ok(())
}

/// Too wide side by side: the key columns that fit stay a table, and each
/// other cell goes on its own line under its row, named (`    lead: …`).
fn print_records(
    out: &mut dyn Write,
    cols: &[(&str, Col)],
    cells: &[Vec<String>],
    natural: &[usize],
) -> io::Result<()> {
    let mut inline = 0;
    let mut used = 0;
    while inline < cols.len() && cols[inline].1 == Col::Key {
        let add = natural[inline] + if inline == 0 { 0 } else { 2 };
        if inline > 0 && used + add > WIDTH {
            break;
        }
        used += add;
        inline += 1;
    }
    let inline = inline.max(1);
    let widths: Vec<usize> = natural[..inline].iter().map(|&w| w.min(WIDTH)).collect();
    let kinds: Vec<Col> =
        cols[..inline].iter().map(|c| if c.1 == Col::Key { Col::Wrap } else { c.1 }).collect();
    let header: Vec<String> = cols[..inline].iter().map(|c| c.0.to_string()).collect();
    print_row(out, &header, &widths, &vec![Col::Wrap; inline])?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("  "))?;
    for r in cells {
        print_row(out, &r[..inline], &widths, &kinds)?;
        for (c, cell) in cols[inline..].iter().zip(&r[inline..]) {
            if cell.is_empty() {
                continue;
            }
            let indent = 4 + width(c.0) + 2;
            for (k, line) in wrap_cell(cell, WIDTH - indent, c.1).iter().enumerate() {
                let lead = if k == 0 { format!("    {}: ", c.0) } else { " ".repeat(indent) };
                writeln!(out, "{lead}{line}")?;
            }
        }
    }
    Ok(())
}

/// A cell's lines at width `w`: keys fit by construction; texts are cut.
fn wrap_cell(cell: &str, w: usize, kind: Col) -> Vec<String> {
    if kind == Col::Key {
        return vec![cell.to_string()];
    }
    let mut lines = wrap(cell, w);
    if kind == Col::Text && lines.len() > TEXT_LINES {
        lines.truncate(TEXT_LINES);
        let last = &mut lines[TEXT_LINES - 1];
        if width(last) >= w {
            *last = last.chars().take(w.saturating_sub(1)).collect();
        }
        last.push('…');
    }
    lines
}

/// Greedy word wrap at `w` columns; a word longer than a line is split.
fn wrap(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|s| !s.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        while !word.is_empty() {
            let room = if line.is_empty() { w } else { w.saturating_sub(width(&line) + 1) };
            if word.len() <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.extend(&word);
                word.clear();
            } else if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            } else {
                lines.push(word.drain(..w).collect());
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A cell as one line a terminal shows as it is: runs of white space
/// (line breaks, tabs) become one space, and other control characters (an
/// escape sequence in a title would recolour or rewrite the terminal)
/// become U+FFFD.
fn one_line(s: &str) -> String {
    let shown: String =
        s.chars().map(|c| if c.is_control() && !c.is_whitespace() { '\u{fffd}' } else { c }).collect();
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` (one line) cut with `…` to `n` characters.
fn cut(s: String, n: usize) -> String {
    if width(&s) <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The outline `extract --format text` prints: each document on a line, its
/// clauses one a line, then its warnings.
pub(crate) fn print_outline(out: &mut dyn Write, corpus: &Corpus) -> io::Result<()> {
    for d in corpus.documents() {
        let date = d.date.map(|x| x.to_string()).unwrap_or_else(|| "(no date)".to_string());
        // The status before the words that may be cut.
        let head = format!("{}  [{}]  {}  {date}  {}", d.id, d.status, d.display_name(), one_line(&d.issuer));
        writeln!(out, "{}", cut(head, WIDTH))?;
        let path_width = d.clauses.iter().map(|c| width(&c.path)).max().unwrap_or(0).min(24);
        for c in &d.clauses {
            let line = format!("  {:<path_width$}  {}", one_line(&c.path), one_line(c.label()));
            writeln!(out, "{}", cut(line, WIDTH))?;
        }
        for w in &d.warnings {
            let at = match (w.line, &w.clause) {
                (Some(l), Some(c)) => format!("line {l}, {c}: "),
                (Some(l), None) => format!("line {l}: "),
                (None, Some(c)) => format!("{c}: "),
                (None, None) => String::new(),
            };
            for (k, line) in wrap(&one_line(&format!("{at}{}", w.message)), WIDTH - 11).iter().enumerate() {
                writeln!(out, "{}{line}", if k == 0 { "  warning: " } else { "           " })?;
            }
        }
    }
    Ok(())
}

/// Alignment proposals as a text table: clauses by path when all of one
/// side are in one document (named on the line above), else in full.
pub(crate) fn proposals_table(out: &mut dyn Write, proposals: &[Proposal]) -> io::Result<()> {
    let one_doc = |side: fn(&Proposal) -> &ClauseId| {
        let first = side(proposals.first()?).doc();
        proposals.iter().all(|p| side(p).doc() == first).then_some(first)
    };
    let (local, parent) = (one_doc(|p| &p.local), one_doc(|p| &p.parent));
    if let (Some(l), Some(p)) = (&local, &parent) {
        writeln!(out, "local: {l}  parent: {p}")?;
    }
    let show = |r: &ClauseId, short: bool| match (short, r.path()) {
        (true, Some(path)) => path.to_string(),
        _ => r.to_string(),
    };
    let short = local.is_some() && parent.is_some();
    let mut t =
        Table::new([("local", Col::Key), ("parent", Col::Key), ("score", Col::Key), ("evidence", Col::Text)]);
    for p in proposals {
        t.push(vec![
            show(&p.local, short),
            show(&p.parent, short),
            format!("{:.3}", p.score),
            p.evidence.join(" | "),
        ]);
    }
    t.print(out, Format::Text)
}
