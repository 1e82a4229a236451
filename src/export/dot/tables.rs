//! The trace drawn as one table per document: a header (the document, its
//! issuer and its tasks counted by status), the traced sections as rows
//! across, the traced tasks and clauses as cells in a grid coloured by status,
//! and a footer when the depth limit cut documents off below. Tables go left
//! to right by level of implementation; a level that would stand taller than
//! the picture is wide wraps into several columns, so that a trace with
//! hundreds of tasks keeps a screen's proportions.

use std::collections::{HashMap, HashSet};

use dot_writer::{Attributes, DotWriter, Scope};
use indexmap::IndexMap;

use super::trace::TracePick;
use super::{
    display_name, finish, header, html, jurisdiction_name, quote_id, short_name, status_colors,
    status_legend, wrap, DocLink, DotOptions,
};
use crate::graph::{Edge, LineageGraph, NodeRef};
use crate::model::deadline::TaskStatus;
use crate::model::{Clause, DocStatus, Document, Provenance, Role};

/// Width of a character and height of a line of the 10 pt labels, and a
/// cell's padding, in points: to estimate the size of a table.
const CHAR_PT: f64 = 5.4;
const LINE_PT: f64 = 12.0;
const PAD_PT: f64 = 10.0;
/// Space around a table in the layout (node and rank separation), in points.
const GAP_PT: f64 = 40.0;
/// The most cells side by side in a table.
const MAX_GRID: usize = 8;

/// A table row: a line across the table, or cells.
enum Row {
    Wide { id: Option<String>, lines: Vec<String>, bold: usize, fill: &'static str },
    Cells(Vec<Cell>),
}

/// A traced clause: its lines and colours.
struct Cell {
    id: String,
    lines: Vec<String>,
    fill: &'static str,
    font: &'static str,
}

/// One document's table.
struct Table {
    /// Cells side by side.
    grid: usize,
    rows: Vec<Row>,
}

impl Table {
    /// Estimated (width, height) in points.
    fn size(&self, opts: &DotOptions) -> (f64, f64) {
        let cell = opts.wrap as f64 * CHAR_PT + PAD_PT;
        let lines = |n: usize| n as f64 * LINE_PT + PAD_PT;
        let height = self
            .rows
            .iter()
            .map(|r| match r {
                Row::Wide { lines: l, .. } => lines(l.len()),
                Row::Cells(cs) => lines(cs.iter().map(|c| c.lines.len()).max().unwrap_or(1)),
            })
            .sum();
        (self.grid as f64 * cell, height)
    }

    /// The HTML-like label.
    fn html(&self) -> String {
        let mut s = String::from(
            "<<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\" \
             COLOR=\"#8a9bb0\" BGCOLOR=\"#ffffff\">",
        );
        for row in &self.rows {
            match row {
                Row::Wide { id, lines, bold, fill } => {
                    let id = id.as_deref().map(|i| format!(" ID=\"{}\"", html(i))).unwrap_or_default();
                    s.push_str(&format!(
                        "<TR><TD COLSPAN=\"{}\" BGCOLOR=\"{fill}\" ALIGN=\"LEFT\" BALIGN=\"LEFT\"{id}>{}</TD></TR>",
                        self.grid,
                        text(lines, *bold)
                    ));
                }
                Row::Cells(cells) => {
                    s.push_str("<TR>");
                    for c in cells {
                        s.push_str(&format!(
                            "<TD ID=\"{}\" BGCOLOR=\"{}\" ALIGN=\"LEFT\" BALIGN=\"LEFT\" VALIGN=\"TOP\">\
                             <FONT COLOR=\"{}\">{}</FONT></TD>",
                            html(&c.id),
                            c.fill,
                            c.font,
                            text(&c.lines, 0)
                        ));
                    }
                    for _ in cells.len()..self.grid {
                        s.push_str("<TD BORDER=\"0\"></TD>");
                    }
                    s.push_str("</TR>");
                }
            }
        }
        s.push_str("</TABLE>>");
        s
    }
}

/// Lines joined by `<BR/>`, the first `bold` in bold.
fn text(lines: &[String], bold: usize) -> String {
    let parts: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if i < bold { format!("<B>{}</B>", html(l)) } else { html(l) })
        .collect();
    parts.join("<BR/>")
}

/// The trace as tables (see the module comment).
pub(super) fn trace_tables(graph: &LineageGraph, opts: &DotOptions, pick: &TracePick<'_>) -> String {
    let edges: Vec<(&str, &str, &Edge)> =
        graph.edges_among(&pick.ids).into_iter().filter(|(_, _, e)| opts.follows(e)).collect();
    let links = table_links(graph, &edges);
    let tables = build_tables(graph, opts, pick, &edges, &links);
    let columns = columns(&tables, &links, opts);
    let wrapped = columns.iter().any(|c| c.len() > 1);
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        let mut g = w.digraph();
        header(&mut g, &pick.title, "LR");
        g.set("nodesep", "0.25", false);
        g.set("ranksep", "0.5", false);
        if wrapped {
            g.set("compound", "true", false);
        }
        draw_columns(&mut g, &tables, &columns, wrapped);
        if wrapped {
            draw_column_links(&mut g, &columns, &links);
        } else {
            for ((t, s), link) in &links {
                draw_table_link(&mut g, t, s, link);
            }
        }
        let mut extra = vec!["a cell: a traced clause; white: not a task", "↑ what it implements"];
        if wrapped {
            extra.push("an arrow between columns: the links summed");
        }
        if opts.with_inferred {
            extra.push("dashed: inferred links only, best score");
        }
        status_legend(&mut g, pick.as_of, &extra);
    }
    finish(bytes)
}

/// The tables by column, each column in one or more ranks; when a column
/// wraps (`wrapped`), each column is a cluster `cluster_<column>`, the only
/// clusters of the picture, so that links can be drawn between them.
fn draw_columns(
    g: &mut Scope<'_, '_>,
    tables: &IndexMap<&str, Table>,
    columns: &[Vec<Vec<&str>>],
    wrapped: bool,
) {
    for column in columns {
        let n: usize = column.iter().map(Vec::len).sum();
        let mut c = if wrapped { g.cluster() } else { g.subgraph() };
        if wrapped {
            c.set_label(&format!("{n} document{}", if n == 1 { "" } else { "s" }));
            c.set("style", "rounded,dashed", true);
            c.set("color", "#b0b8c4", true);
        }
        for rank in column {
            let mut r = c.subgraph();
            r.set("rank", "same", false);
            for id in rank {
                if let Some(t) = tables.get(id) {
                    r.node_named(quote_id(id)).set("shape", "plain", false).set("label", &t.html(), false);
                }
            }
        }
    }
    // Each rank of tables after the one before it.
    let ranks: Vec<&Vec<&str>> = columns.iter().flatten().collect();
    for pair in ranks.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].first(), pair[1].first()) {
            g.edge(quote_id(a), quote_id(b)).attributes().set("style", "invis", false);
        }
    }
}

/// The links between tables summed per pair of columns, one arrow from
/// column cluster to column cluster: a wrapped column's tables would
/// otherwise be pushed apart by the bundles of arrows passing between them.
fn draw_column_links(
    g: &mut Scope<'_, '_>,
    columns: &[Vec<Vec<&str>>],
    links: &IndexMap<(&str, &str), DocLink>,
) {
    let column_of: HashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .flat_map(|(c, ranks)| ranks.iter().flatten().map(move |id| (*id, c)))
        .collect();
    let mut sums: IndexMap<(usize, usize), usize> = IndexMap::new();
    for (t, s) in links.keys() {
        if let (Some(&a), Some(&b)) = (column_of.get(t), column_of.get(s)) {
            if a < b {
                *sums.entry((a, b)).or_default() += 1;
            }
        }
    }
    sums.sort_keys();
    for ((a, b), n) in sums {
        let tail = columns[a].last().and_then(|r| r.first());
        let head = columns[b].first().and_then(|r| r.first());
        let (Some(tail), Some(head)) = (tail, head) else { continue };
        let mut e = g.edge(quote_id(tail), quote_id(head)).attributes();
        e.set("ltail", &format!("cluster_{a}"), false).set("lhead", &format!("cluster_{b}"), false);
        e.set("color", "#1f4e79", true).set("penwidth", "1.4", false);
        e.set_label(&format!("{n} document link{}", if n == 1 { "" } else { "s" }));
    }
}

/// A document and its drawn clauses.
type DocClauses<'g> = (&'g Document, Vec<(&'g str, &'g Clause)>);

/// The tables of the drawn documents, in trace order.
fn build_tables<'g>(
    graph: &'g LineageGraph,
    opts: &DotOptions,
    pick: &TracePick<'g>,
    edges: &[(&'g str, &'g str, &Edge)],
    links: &IndexMap<(&'g str, &'g str), DocLink>,
) -> IndexMap<&'g str, Table> {
    let mut by_doc: IndexMap<&str, DocClauses<'g>> = IndexMap::new();
    for &id in &pick.ids {
        match graph.get(id) {
            Some(NodeRef::Document(d)) => {
                by_doc.entry(d.id.as_str()).or_insert((d, Vec::new()));
            }
            Some(NodeRef::Clause(d, c)) => {
                by_doc.entry(d.id.as_str()).or_insert((d, Vec::new())).1.push((id, c))
            }
            _ => {}
        }
    }
    let mut sections: HashSet<&str> = HashSet::new();
    let mut targets: HashMap<&str, Vec<&str>> = HashMap::new();
    for &(s, t, e) in edges {
        match e {
            Edge::Contains => {
                sections.insert(s);
            }
            Edge::Implements { .. } => targets.entry(s).or_default().push(t),
            _ => {}
        }
    }
    let mut ups: HashMap<&str, Vec<&str>> = HashMap::new();
    for (t, s) in links.keys() {
        ups.entry(s).or_default().push(t);
    }
    let parts = Parts { graph, opts, pick, sections, targets, ups };
    by_doc.into_iter().map(|(id, (d, clauses))| (id, parts.table(d, clauses))).collect()
}

/// What a document's table is built from.
struct Parts<'a, 'g> {
    graph: &'g LineageGraph,
    opts: &'a DotOptions,
    pick: &'a TracePick<'g>,
    /// Drawn clauses that contain another drawn clause: rows across.
    sections: HashSet<&'g str>,
    /// What each drawn clause implements among the drawn nodes.
    targets: HashMap<&'g str, Vec<&'g str>>,
    /// The drawn documents each drawn document implements, in link order.
    ups: HashMap<&'g str, Vec<&'g str>>,
}

impl<'g> Parts<'_, 'g> {
    /// The table of `doc` with its drawn clauses, in the document's order.
    fn table(&self, doc: &'g Document, mut clauses: Vec<(&'g str, &'g Clause)>) -> Table {
        let order: HashMap<&str, usize> =
            doc.clauses.iter().enumerate().map(|(i, c)| (c.path.as_str(), i)).collect();
        clauses.sort_by_key(|(_, c)| order.get(c.path.as_str()).copied().unwrap_or(usize::MAX));
        let n_cells = clauses.iter().filter(|(id, c)| c.is_task() || !self.sections.contains(id)).count();
        let grid = ((n_cells as f64 / 2.0).sqrt().ceil() as usize).clamp(1, MAX_GRID);
        let width = self.opts.wrap * grid.min(2);
        let statuses: Vec<Option<TaskStatus>> = clauses
            .iter()
            .map(|(_, c)| {
                self.pick.as_of.and_then(|day| self.graph.task_status(c, day)).filter(|_| c.is_task())
            })
            .collect();
        let mut rows = vec![self.head(doc, &clauses, &statuses, width)];
        let mut cells: Vec<Cell> = Vec::new();
        for ((id, c), status) in clauses.iter().zip(&statuses) {
            let mut lines = self.lines(doc, id, c, width);
            if !c.is_task() && self.sections.contains(id) {
                flush(&mut rows, &mut cells, grid);
                let fill = "#eef1f5";
                rows.push(Row::Wide { id: Some(id.to_string()), lines, bold: 0, fill });
                continue;
            }
            let (fill, font) = if c.is_task() { status_colors(*status) } else { ("#ffffff", "#000000") };
            if c.provenance == Provenance::Reconstructed {
                lines.push("(reconstructed)".to_string());
            }
            cells.push(Cell { id: id.to_string(), lines, fill, font });
        }
        flush(&mut rows, &mut cells, grid);
        if let Some(note) = self.pick.beyond_note(doc.id.as_str(), self.opts.depth) {
            rows.push(Row::Wide { id: None, lines: vec![format!("↓ {note}")], bold: 0, fill: "#ffffff" });
        }
        Table { grid, rows }
    }

    /// The header: name, issuer and date, jurisdiction, title, and the
    /// drawn tasks counted by status.
    fn head(
        &self,
        doc: &Document,
        clauses: &[(&str, &Clause)],
        statuses: &[Option<TaskStatus>],
        width: usize,
    ) -> Row {
        let max = self.opts.max_label.max(width);
        let mut lines = wrap(&display_name(doc), width, max);
        let bold = lines.len();
        let place = jurisdiction_name(self.graph, &doc.jurisdiction);
        let issued = match doc.date {
            Some(day) => format!("{}, {day} · {place}", doc.issuer),
            None => format!("{} · {place}", doc.issuer),
        };
        lines.extend(wrap(&issued, width, max));
        lines.extend(wrap(&doc.title, width, max));
        let (tag, fill) = match doc.status {
            DocStatus::FullText => (None, "#dde7f3"),
            DocStatus::Summary => (Some("[summary]"), "#eef3fb"),
            DocStatus::Draft => (Some("[draft]"), "#fff4cc"),
            DocStatus::CitedOnly => (Some("[cited only]"), "#eeeeee"),
        };
        lines.extend(tag.map(str::to_string));
        if let Some(ups) = self.ups.get(doc.id.as_str()) {
            let names: Vec<String> =
                ups.iter().filter_map(|u| self.graph.get(u)?.document()).map(short_name).collect();
            lines.extend(wrap(&format!("↑ {}", names.join(", ")), width, max));
        }
        let tasks = clauses.iter().filter(|(_, c)| c.is_task()).count();
        if tasks > 0 {
            let counts: Vec<String> = TaskStatus::ALL
                .iter()
                .filter_map(|s| {
                    let n = statuses.iter().filter(|x| **x == Some(*s)).count();
                    (n > 0).then(|| format!("{n} {s}"))
                })
                .collect();
            let plural = if tasks == 1 { "task" } else { "tasks" };
            lines.extend(wrap(&format!("{tasks} {plural}: {}", counts.join(" · ")), width, max));
        }
        Row::Wide { id: None, lines, bold, fill }
    }

    /// A clause's lines: path and text, what it implements, lead agencies,
    /// deadline.
    fn lines(&self, doc: &Document, id: &str, c: &Clause, width: usize) -> Vec<String> {
        let w = if c.is_task() || !self.sections.contains(id) { self.opts.wrap } else { width };
        let max = self.opts.max_label.max(w);
        let mut lines = wrap(&format!("{} {}", c.path, c.label()), w, max);
        if let Some(ts) = self.targets.get(id) {
            let names: Vec<String> = ts.iter().map(|t| self.name_of(doc, t)).collect();
            lines.extend(wrap(&format!("↑ {}", names.join(", ")), w, max));
        }
        let leads = c.agencies(Role::Lead).collect::<Vec<_>>();
        if !leads.is_empty() {
            lines.extend(wrap(&format!("lead: {}", leads.join("; ")), w, max));
        }
        if let Some(dl) = &c.deadline {
            let due = dl.due().map(|d| format!(" ({d})")).unwrap_or_default();
            lines.extend(wrap(&format!("deadline: {}{due}", dl.text()), w, max));
        }
        lines
    }

    /// A node as a cell names it: its path within `doc`, else the document's
    /// number and the path.
    fn name_of(&self, doc: &Document, id: &str) -> String {
        match self.graph.get(id) {
            Some(NodeRef::Clause(d, c)) if d.id == doc.id => c.path.clone(),
            Some(NodeRef::Clause(d, c)) => format!("{} {}", short_name(d), c.path),
            Some(NodeRef::Document(d)) => short_name(d),
            _ => id.to_string(),
        }
    }
}

/// Moves the pending cells into rows of `grid`.
fn flush(rows: &mut Vec<Row>, cells: &mut Vec<Cell>, grid: usize) {
    let mut rest = std::mem::take(cells);
    while !rest.is_empty() {
        let tail = rest.split_off(grid.min(rest.len()));
        rows.push(Row::Cells(rest));
        rest = tail;
    }
}

/// Links between tables: (implemented document, implementing document), in
/// graph order.
fn table_links<'g>(
    graph: &'g LineageGraph,
    edges: &[(&'g str, &'g str, &Edge)],
) -> IndexMap<(&'g str, &'g str), DocLink> {
    let mut links: IndexMap<(&str, &str), DocLink> = IndexMap::new();
    for &(s, t, e) in edges {
        if !matches!(e, Edge::Implements { .. }) {
            continue;
        }
        let (Some(sn), Some(tn)) = (graph.get(s), graph.get(t)) else { continue };
        let (Some(sd), Some(td)) = (sn.document(), tn.document()) else { continue };
        if sd.id == td.id {
            continue;
        }
        let link = links.entry((td.id.as_str(), sd.id.as_str())).or_default();
        link.add(matches!(sn, NodeRef::Document(_)), e);
    }
    links
}

/// An edge between tables, from the implemented document to the
/// implementing one: the number of clause links, dashed when all are
/// inferred.
fn draw_table_link(g: &mut Scope<'_, '_>, t: &str, s: &str, link: &DocLink) {
    let mut e = g.edge(quote_id(t), quote_id(s)).attributes();
    e.set("color", "#1f4e79", true).set("penwidth", "1.2", false);
    let mut text = Vec::new();
    if link.clauses > 1 {
        text.push(format!("{} clauses", link.clauses));
    }
    if link.all_inferred() {
        e.set("style", "dashed", true);
        if let Some(b) = link.best {
            text.push(format!("inferred {b:.2}"));
        }
    }
    if !text.is_empty() {
        e.set_label(&super::label(text));
    }
}

/// The tables in columns: each table one column after the furthest table it
/// implements (among those before it in trace order); a column taller than
/// the picture should be is split into several ranks, so that the whole
/// keeps about 4:3.
fn columns<'g>(
    tables: &IndexMap<&'g str, Table>,
    links: &IndexMap<(&'g str, &'g str), DocLink>,
    opts: &DotOptions,
) -> Vec<Vec<Vec<&'g str>>> {
    // Trace order puts what is implemented first: one pass settles columns.
    let mut before: Vec<Vec<usize>> = vec![Vec::new(); tables.len()];
    for (t, s) in links.keys() {
        if let (Some(ti), Some(si)) = (tables.get_index_of(t), tables.get_index_of(s)) {
            if ti < si {
                before[si].push(ti);
            }
        }
    }
    let mut column: Vec<usize> = vec![0; tables.len()];
    for si in 0..tables.len() {
        column[si] = before[si].iter().map(|&ti| column[ti] + 1).max().unwrap_or(0);
    }
    let sizes: Vec<(f64, f64)> =
        tables.values().map(|t| (t.size(opts).0 + GAP_PT, t.size(opts).1 + GAP_PT)).collect();
    let split = |limit: f64| wrap_columns(tables, &column, &sizes, limit);
    // Columns unwrapped when the estimated picture is within 16:9 to 9:16;
    // otherwise try column heights from the tallest column down to the
    // tallest table and keep the one whose picture is nearest 4:3 (the
    // fewest ranks among equals).
    let tallest = sizes.iter().map(|s| s.1).fold(0.0, f64::max);
    let mut heights: HashMap<usize, f64> = HashMap::new();
    for (i, c) in column.iter().enumerate() {
        *heights.entry(*c).or_default() += sizes[i].1;
    }
    let highest = heights.values().copied().fold(tallest, f64::max);
    let whole = split(highest);
    let ratio = aspect(&whole, tables, &sizes) * 4.0 / 3.0;
    if (9.0 / 16.0..=16.0 / 9.0).contains(&ratio) {
        return whole;
    }
    let mut best: Option<(f64, Vec<Vec<Vec<&str>>>)> = None;
    for step in 0..=STEPS {
        let limit = tallest * (highest / tallest).powf(f64::from(STEPS - step) / f64::from(STEPS));
        let candidate = split(limit);
        let miss = aspect(&candidate, tables, &sizes).ln().abs();
        if best.as_ref().is_none_or(|(m, _)| miss < *m - 1e-9) {
            best = Some((miss, candidate));
        }
    }
    best.map(|(_, c)| c).unwrap_or_default()
}

/// Limits tried between the tallest table and the tallest column.
const STEPS: u32 = 32;

/// How far the estimated picture is from 4:3: its width over its height,
/// over 4/3.
fn aspect(columns: &[Vec<Vec<&str>>], tables: &IndexMap<&str, Table>, sizes: &[(f64, f64)]) -> f64 {
    let size = |id: &&str| tables.get_index_of(id).map_or((0.0, 0.0), |i| sizes[i]);
    let mut width = 0.0;
    let mut height: f64 = 0.0;
    for rank in columns.iter().flatten() {
        width += rank.iter().map(|id| size(id).0).fold(0.0, f64::max);
        height = height.max(rank.iter().map(|id| size(id).1).sum());
    }
    if height <= 0.0 {
        return 1.0;
    }
    width / height / (4.0 / 3.0)
}

/// The tables of each column in ranks no taller than `limit` (a table
/// taller than the limit stands alone).
fn wrap_columns<'g>(
    tables: &IndexMap<&'g str, Table>,
    column: &[usize],
    sizes: &[(f64, f64)],
    limit: f64,
) -> Vec<Vec<Vec<&'g str>>> {
    let mut columns: Vec<Vec<Vec<&str>>> = Vec::new();
    let last = column.iter().copied().max().unwrap_or(0);
    for c in 0..=last {
        let mut ranks: Vec<Vec<&str>> = Vec::new();
        let mut height = f64::INFINITY;
        for (i, id) in tables.keys().enumerate().filter(|(i, _)| column[*i] == c) {
            let h = sizes[i].1;
            if height + h > limit + 1e-6 {
                ranks.push(Vec::new());
                height = 0.0;
            }
            height += h;
            if let Some(r) = ranks.last_mut() {
                r.push(*id);
            }
        }
        if !ranks.is_empty() {
            columns.push(ranks);
        }
    }
    columns
}
