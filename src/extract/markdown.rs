//! The legal-site markdown layout, read before normalisation.
//!
//! The big legal-text websites export a document as markdown whose lines are
//! soft-wrapped (a paragraph, a heading, even `Hà Nội, ngày` / `24 tháng 11
//! năm 2025` is broken over lines) and whose tables put one cell per line
//! run, cells separated by lines holding only `|`, rows by two such lines in
//! a row. This stage turns that layout into logical lines: a paragraph is
//! one line, a task table row is one line with its cells separated by tabs
//! (the layout the table stage reads), any other pipe layout (the header
//! block) gives one line per cell.

use super::tables;

/// A logical line: the 1-based number of its first source line, its text.
pub(crate) type Logical = (usize, String);

/// Whether the text has the markdown layout: `|` cell separators on lines
/// of their own and `**` emphasis.
pub(crate) fn is_markdown(raw: &[&str]) -> bool {
    let pipes = raw.iter().filter(|l| l.trim() == "|").count();
    let bold = raw.iter().filter(|l| l.contains("**")).count();
    pipes >= 4 && bold >= 3
}

fn is_pipe(l: &str) -> bool {
    l.trim() == "|"
}

fn is_rule(l: &str) -> bool {
    let t = l.trim();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '_' | '–' | '—' | '='))
}

/// A whole line in emphasis (`**ỦY BAN NHÂN DÂN**`): the heading block's
/// line breaks after it are real.
fn closed_emphasis(acc: &str) -> bool {
    let t = acc.trim();
    t.len() > 2 && t.starts_with('*') && t.ends_with('*') && t.trim_matches('*').trim().len() > 1
}

/// `- `, `+ `, `a) `, `1. `, `1.1. `: a list item starts a line of its own
/// (some exports put no blank line between paragraphs).
fn list_item(l: &str) -> bool {
    let t = l.trim_start_matches(['*', ' ']);
    if t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("– ") {
        return true;
    }
    let head: String = t.chars().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
    let rest = &t[head.len()..];
    let numbered = !head.is_empty()
        && head
            .trim_end_matches('.')
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && (head.ends_with('.') || rest.starts_with(')'));
    let lettered =
        head.chars().count() == 1 && head.chars().all(|c| c.is_lowercase()) && rest.starts_with(')');
    numbered || lettered
}

/// `giai đoạn 2026` / `- 2030`: a wrapped range, not a list item.
fn range_goes_on(prev: &str, t: &str) -> bool {
    t.trim_start().starts_with(['-', '–']) && prev.trim_end().ends_with(|c: char| c.is_ascii_digit())
}

/// How the lines of a run are joined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A paragraph: every line goes on the one before, except where a
    /// list item, a heading in emphasis or a rule starts.
    Paragraph,
    /// A table cell: one line.
    Cell,
    /// A short cell of the header or signature block: its lines are real
    /// breaks (`KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH`) unless an emphasis is left
    /// open or the next line goes on in lower case.
    Block,
}

/// The emphasis marks of a text: `**` pairs, and single `*` outside them.
/// Counts add up over lines joined with a space, so a paragraph's are kept
/// as it grows rather than counted again for each line joined to it.
#[derive(Clone, Copy, Debug, Default)]
struct Marks {
    bold: usize,
    single: usize,
}

impl Marks {
    fn of(s: &str) -> Marks {
        if !s.contains('*') {
            return Marks::default();
        }
        Marks { bold: s.matches("**").count(), single: s.replace("**", "").matches('*').count() }
    }

    fn add(&mut self, m: Marks) {
        self.bold += m.bold;
        self.single += m.single;
    }

    /// Whether an emphasis run is left open at the end.
    fn open(self) -> bool {
        self.bold % 2 == 1 || self.single % 2 == 1
    }
}

/// Whether line `t` goes on with the text `acc` before it (whose emphasis
/// marks are `marks`).
fn goes_on(acc: &str, marks: Marks, t: &str, mode: Mode) -> bool {
    // A markdown heading is the site's, never part of a paragraph.
    if t.trim_start().starts_with('#') || acc.trim_start().starts_with('#') {
        return false;
    }
    let only_markers = t.trim().chars().all(|c| c == '*' || c == ' ');
    if only_markers {
        return true;
    }
    match mode {
        Mode::Cell => true,
        Mode::Block => {
            marks.open()
                || acc.trim_end().ends_with(':')
                || t.trim_start().starts_with(|c: char| c.is_lowercase())
        }
        Mode::Paragraph => {
            let starts_emphasis = t.trim_start().starts_with('*');
            !closed_emphasis(acc)
                && !(starts_emphasis && (!marks.open() || closed_emphasis(t)))
                && (!list_item(t) || range_goes_on(acc, t))
        }
    }
}

/// Joins the soft-wrapped lines of one paragraph or cell into logical lines.
fn join(lines: &[(usize, &str)], out: &mut Vec<Logical>, mode: Mode) {
    let mut acc: Option<Logical> = None;
    let mut marks = Marks::default();
    for &(no, l) in lines {
        let t = l.trim_end_matches(['\r', ' ']);
        if is_rule(t) {
            out.extend(acc.take());
            out.push((no, t.to_string()));
            continue;
        }
        match &mut acc {
            Some((_, a)) if goes_on(a, marks, t, mode) => {
                a.push(' ');
                a.push_str(t.trim_start());
                marks.add(Marks::of(t));
            }
            _ => {
                out.extend(acc.take());
                acc = Some((no, t.to_string()));
                marks = Marks::of(t);
            }
        }
    }
    out.extend(acc);
}

/// Reads a markdown text into logical lines, without the site's banner
/// (before the issuer and national motto block) and footer (from the
/// first markdown heading after it: the documents themselves use none).
#[cfg(test)]
pub(crate) fn logical_lines(raw: &[&str]) -> Vec<Logical> {
    logical_lines_with_furniture(raw).0
}

/// `logical_lines`, with the source line ranges of the banner and footer
/// it dropped (first and last line numbers, 1-based).
pub(crate) fn logical_lines_with_furniture(raw: &[&str]) -> (Vec<Logical>, Vec<(usize, usize)>) {
    let mut dropped = Vec::new();
    // The footer: from the first markdown heading after the motto's
    // `Độc lập - Tự do - Hạnh phúc`
    // (it may run on inside the last table cell, so it is cut here, before
    // lines are joined).
    let motto = raw.iter().position(|l| {
        let f = crate::text::fold(l);
        f.contains("doc lap") && f.contains("hanh phuc")
    });
    let raw = match motto
        .and_then(|m| raw[m..].iter().position(|l| l.trim_start().starts_with('#')).map(|k| m + k))
    {
        Some(end) => {
            dropped.push((end + 1, raw.len()));
            &raw[..end]
        }
        None => raw,
    };
    let mut out = joined(raw);
    let motto =
        out.iter().position(|(_, t)| crate::text::fold(t).contains("cong hoa xa hoi chu nghia viet nam"));
    if let Some(m) = motto {
        // The issuer block: up to four short lines in capitals, or rules.
        let mut start = m;
        while start > 0 && m - start < 4 && {
            let t = out[start - 1].1.replace('*', "");
            let t = t.trim();
            !t.is_empty() && (is_rule(t) || (t.chars().count() < 60 && !t.chars().any(char::is_lowercase)))
        } {
            start -= 1;
        }
        if start > 0 {
            dropped.insert(0, (1, out[start].0 - 1));
        }
        out.drain(..start);
    }
    (out, dropped)
}

fn joined(raw: &[&str]) -> Vec<Logical> {
    let mut out = Vec::with_capacity(raw.len() / 2);
    let mut i = 0;
    while i < raw.len() {
        if raw[i].trim().is_empty() {
            out.push((i + 1, String::new()));
            i += 1;
            continue;
        }
        let start = i;
        while i < raw.len() && !raw[i].trim().is_empty() {
            i += 1;
        }
        let block: Vec<(usize, &str)> = (start..i).map(|k| (k + 1, raw[k])).collect();
        if block.iter().any(|(_, l)| is_pipe(l)) {
            pipe_block(&block, &mut out);
        } else {
            join(&block, &mut out, Mode::Paragraph);
        }
    }
    out
}

/// One cell: its first line number and its lines.
type Cell<'a> = (usize, Vec<(usize, &'a str)>);

/// A block with `|` separators: rows of cells.
fn pipe_block(block: &[(usize, &str)], out: &mut Vec<Logical>) {
    // Cells between separators; an empty cell (two separators in a row)
    // ends a row.
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new()];
    let mut cell: Vec<(usize, &str)> = Vec::new();
    let mut last_pipe = false;
    for &(no, l) in block {
        if is_pipe(l) {
            if !cell.is_empty() {
                let first = cell[0].0;
                rows.last_mut().expect("one row at least").push((first, std::mem::take(&mut cell)));
            } else if last_pipe && !rows.last().is_some_and(Vec::is_empty) {
                rows.push(Vec::new());
            }
            last_pipe = true;
        } else {
            cell.push((no, l));
            last_pipe = false;
        }
    }
    if !cell.is_empty() {
        let first = cell[0].0;
        rows.last_mut().expect("one row at least").push((first, cell));
    }
    rows.retain(|r| !r.is_empty());
    let mut table = false;
    for row in rows {
        let texts: Vec<(usize, String)> = row
            .iter()
            .map(|(no, lines)| {
                let mut joined = Vec::new();
                join(lines, &mut joined, Mode::Cell);
                (*no, joined.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" "))
            })
            .collect();
        // A header may follow, in the same row, the cells of what comes
        // before it (an appendix title, the last cell of another table).
        let plain: Vec<String> = texts.iter().map(|(_, t)| t.replace('*', "")).collect();
        let header_at = (0..plain.len().saturating_sub(2)).find(|&p| {
            matches!(crate::text::fold(&plain[p]).as_str(), "tt" | "stt" | "so thu tu")
                && tables::is_task_header(&plain[p..])
        });
        let mut texts = texts;
        // A run of text after the last row (footnotes, the site's footer)
        // is one long cell: the table has ended.
        if table && header_at.is_none() && row.len() == 1 && row[0].1.len() > 3 {
            table = false;
        }
        if let Some(p) = header_at {
            // Inside a table, the cells before the next table's title are
            // the last row of this one (`… | Giai đoạn 2026 - 2030 |
            // PHỤ LỤC II … | STT | …`).
            let title = if table && p >= 2 { p - 1 } else { 0 };
            if title > 0 {
                push_row(&texts[..title], out);
            }
            for (_, lines) in &row[title..p] {
                join(lines, out, if lines.len() > 8 { Mode::Paragraph } else { Mode::Block });
            }
            texts.drain(..p);
            table = true;
        } else if !table && texts.len() >= 3 {
            table = tables::is_task_header(&plain);
        }
        if table {
            match paired_rows(&row) {
                Some(rows) => rows.iter().for_each(|r| push_row(r, out)),
                None => push_row(&texts, out),
            }
        } else {
            for (_, lines) in &row {
                // Long runs between separators are the body's paragraphs.
                join(lines, out, if lines.len() > 8 { Mode::Paragraph } else { Mode::Block });
            }
        }
    }
}

/// Parts of a cell that prints parallel lines: each line of a cell of
/// short capitalised lines (`Các sở, ngành …` / `Sở Tài chính`), or each
/// sentence of a long cell that ends a line (`… dữ liệu.` / `Bố trí …`).
fn cell_parts<'a>(lines: &[(usize, &'a str)]) -> Vec<Vec<(usize, &'a str)>> {
    let text = |l: &str| l.trim_matches(['\r', ' ', '*']).to_string();
    let upper = |l: &str| text(l).starts_with(char::is_uppercase);
    let short = lines.iter().all(|(_, l)| upper(l) && text(l).split_whitespace().count() <= 12);
    let mut parts: Vec<Vec<(usize, &str)>> = Vec::new();
    for (k, &(no, l)) in lines.iter().enumerate() {
        let new = k == 0 || (short && lines.len() > 1) || (text(lines[k - 1].1).ends_with('.') && upper(l));
        if new {
            parts.push(Vec::new());
        }
        parts.last_mut().expect("a part").push((no, l));
    }
    parts
}

/// A row whose task cell holds k sentences, each on its own lines, and
/// whose agency cells hold k short lines each, is k rows printed as one
/// (cells merged over sub-rows in the source): the first keeps the cells
/// that are not split, the others are sub-rows of the split cells.
fn paired_rows(row: &[Cell]) -> Option<Vec<Vec<(usize, String)>>> {
    let parts: Vec<_> = row.iter().map(|(_, lines)| cell_parts(lines)).collect();
    let k = parts.iter().map(Vec::len).max()?;
    let split: Vec<usize> = (0..row.len()).filter(|&c| parts[c].len() == k).collect();
    let long = |c: usize| {
        parts[c].iter().all(|p| p.iter().map(|(_, l)| l.split_whitespace().count()).sum::<usize>() >= 6)
    };
    if k < 2
        || split.len() < 3
        || parts.iter().any(|p| p.len() != 1 && p.len() != k)
        || !split.iter().any(|&c| long(c))
    {
        return None;
    }
    let cell = |lines: &[(usize, &str)]| {
        let mut joined = Vec::new();
        join(lines, &mut joined, Mode::Cell);
        (lines[0].0, joined.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" "))
    };
    let mut rows = vec![parts.iter().map(|p| cell(&p[0])).collect::<Vec<_>>()];
    rows.extend((1..k).map(|i| split.iter().map(|&c| cell(&parts[c][i])).collect()));
    Some(rows)
}

/// A table row as one tabbed line.
fn push_row(texts: &[(usize, String)], out: &mut Vec<Logical>) {
    let line = texts.iter().map(|(_, t)| t.replace('\t', " ")).collect::<Vec<_>>().join("\t");
    // A row of one cell keeps a tab, so it stays inside the table.
    let line = if texts.len() == 1 { format!("{line}\t") } else { line };
    out.push((texts[0].0, line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        let raw: Vec<&str> = text.split('\n').collect();
        logical_lines(&raw).into_iter().map(|(_, t)| t).filter(|t| !t.is_empty()).collect()
    }

    #[test]
    fn header_block_and_wrapped_paragraphs() {
        // The layout of the legal-site exports of the development corpus.
        let text = "|\n**ỦY BAN NHÂN DÂN\n**\nTHÀNH PHỐ CẦN THƠ\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\n|\nSố: 165/KH-UBND\n|\n*Cần Thơ, ngày 21\ntháng 11 năm 2025 *\n|\n\n**I. MỤC ĐÍCH,\nYÊU CẦU**\n\n*Đơn vị chủ trì thực hiện: *Các\nSở, ngành, đơn vị.\n- Bộ Tư pháp;\n- Bộ Nội vụ.";
        assert_eq!(
            read(text),
            [
                "**ỦY BAN NHÂN DÂN **",
                "THÀNH PHỐ CẦN THƠ",
                "-------",
                "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
                "Độc lập - Tự do - Hạnh phúc",
                "Số: 165/KH-UBND",
                "*Cần Thơ, ngày 21 tháng 11 năm 2025 *",
                "**I. MỤC ĐÍCH, YÊU CẦU**",
                "*Đơn vị chủ trì thực hiện: *Các Sở, ngành, đơn vị.",
                "- Bộ Tư pháp;",
                "- Bộ Nội vụ.",
            ]
        );
    }

    #[test]
    fn task_table_rows_become_tabbed_lines() {
        let text = "|\n**STT**\n|\n**Tên nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Thời gian hoàn thành**\n|\n|\n**I.\nNÂNG CAO**\n|\n|\n1\n|\nTriển khai nền tảng\nđào tạo.\n|\nSở KH&CN\n|\nThường xuyên\n|";
        assert_eq!(
            read(text),
            [
                "**STT**\t**Tên nhiệm vụ**\t**Cơ quan chủ trì**\t**Thời gian hoàn thành**",
                "**I. NÂNG CAO**\t",
                "1\tTriển khai nền tảng đào tạo.\tSở KH&CN\tThường xuyên",
            ]
        );
    }
}
