//! Text tables and JSON for the terminal.

use std::io::{self, Write};

use crate::args::Format;

pub(crate) fn to_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string_pretty(v).expect("query results serialise")
}

pub(crate) fn row<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

pub(crate) fn label_of(h: &directive_lineage::TraceHit<'_>) -> String {
    match h.node {
        directive_lineage::NodeRef::Document(d) => format!("{}: {}", d.display_name(), d.title),
        directive_lineage::NodeRef::Clause(_, c) => c.label().to_string(),
        _ => String::new(),
    }
}

pub(crate) const TEXT_WIDTH: usize = 70;

/// Prints rows (the first is the header) as an aligned table or CSV.
pub(crate) fn print_table(out: &mut dyn Write, format: Format, rows: &[Vec<String>]) -> io::Result<()> {
    if format == Format::Csv {
        let mut w = csv::Writer::from_writer(out);
        for r in rows {
            w.write_record(r)?;
        }
        return w.flush();
    }
    let cells: Vec<Vec<String>> =
        rows.iter().map(|r| r.iter().map(|c| truncate(&printable(c), TEXT_WIDTH)).collect()).collect();
    let n = cells.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|i| cells.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count())).max().unwrap_or(0))
        .collect();
    for (k, r) in cells.iter().enumerate() {
        let line: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(i, c)| if i + 1 == r.len() { c.clone() } else { format!("{c:<w$}", w = widths[i]) })
            .collect();
        writeln!(out, "{}", line.join("  ").trim_end())?;
        if k == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            writeln!(out, "{}", rule.join("  "))?;
        }
    }
    writeln!(out, "({} rows)", rows.len().saturating_sub(1))
}

/// A cell as one line a terminal shows as it is: line breaks become
/// spaces, and other control characters (an escape sequence in a title
/// would recolour or rewrite the terminal) become U+FFFD.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\n' {
                ' '
            } else if c.is_control() {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
