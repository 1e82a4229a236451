//! The DOT views rendered by the real Graphviz `dot`: every node of the view
//! must come out in the SVG with its id and its label text, on ordinary and
//! on hostile data. The tests that run `dot` are ignored by `cargo test`, so
//! that it passes on a machine without Graphviz, and are run by
//! `cargo test --all-features -- --ignored`, which fails without `dot` (CI
//! installs graphviz and runs both): a picture test never skips quietly.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use std::collections::BTreeMap;

use directive_lineage::{
    agencies_dot, documents_dot, trace_dot, view_dot, CitedOnly, Date, DocStatus, DotOptions, DotView, Edge,
    ErrorKind, LineageGraph, NodeRef, Provenance, QueryOptions, Role, TaskFilter, TaskStatus, TraceHit,
    TraceLayout, Via,
};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// `dot -Tsvg` on `text`; panics with the reason when Graphviz is missing or
/// rejects the file.
fn render(text: &str) -> String {
    let mut child = match Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!(
            "cannot run Graphviz `dot` ({e}): install it (Debian: apt-get install graphviz); \
             the DOT tests never skip"
        ),
    };
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dot failed: {stderr}\n--- input ---\n{text}");
    // Warnings mean Graphviz read something other than we wrote.
    assert!(!stderr.contains("Warning") && !stderr.contains("Error"), "dot complained: {stderr}\n{text}");
    String::from_utf8(out.stdout).unwrap()
}

fn unescape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tail.find(';').expect("entity ends with ;");
        let ent = &tail[1..end];
        let c = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ if ent.starts_with("#x") => {
                char::from_u32(u32::from_str_radix(&ent[2..], 16).unwrap()).unwrap()
            }
            _ if ent.starts_with('#') => char::from_u32(ent[1..].parse().unwrap()).unwrap(),
            _ => panic!("unknown entity &{ent};"),
        };
        out.push(c);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// One `<g class="node">` or `<g class="edge">` of the SVG.
#[derive(Debug)]
struct Item {
    title: String,
    texts: Vec<String>,
    body: String,
}

impl Item {
    fn text(&self) -> String {
        self.texts.join(" ")
    }
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(close) else { break };
        out.push(&after[..j]);
        rest = &after[j + close.len()..];
    }
    out
}

fn items(svg: &str, class: &str) -> Vec<Item> {
    // A node or edge group may hold a nested `<g id="a_...">` (tooltips):
    // glue those to the group they belong to.
    let mut groups: Vec<String> = Vec::new();
    for chunk in svg.split("<g id=\"").skip(1) {
        match groups.last_mut() {
            Some(last) if chunk.starts_with("a_") => last.push_str(chunk),
            _ => groups.push(chunk.to_string()),
        }
    }
    let marker = format!("class=\"{class}\"");
    let mut out = Vec::new();
    for chunk in groups.into_iter().filter(|g| g.contains(&marker)) {
        let title =
            between(&chunk, "<title>", "</title>").first().map(|t| unescape_xml(t)).unwrap_or_default();
        let texts = between(&chunk, "<text", "</text>")
            .into_iter()
            .map(|t| unescape_xml(t.split_once('>').map_or("", |(_, x)| x)))
            .collect::<Vec<_>>();
        out.push(Item { title, texts, body: chunk });
    }
    out
}

/// Text with white space runs collapsed, as labels are wrapped.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn node<'a>(items: &'a [Item], id: &str) -> &'a Item {
    items.iter().find(|i| i.title == id).unwrap_or_else(|| panic!("{id} missing from the SVG"))
}

fn wide() -> DotOptions {
    // Labels uncut, so that every word must reach the SVG.
    DotOptions::new().wrap(60).max_label(100_000)
}

/// Ids without the legend's and the layout's own nodes.
fn legend(ids: &BTreeSet<String>) -> BTreeSet<String> {
    ids.iter().filter(|i| !i.starts_with("legend:") && !i.starts_with("layout:")).cloned().collect()
}

/// The values of `attr="…"` in an HTML-like label text, unescaped.
fn html_values(text: &str, attr: &str) -> Vec<String> {
    let open = format!("{attr}=\"");
    text.split(open.as_str())
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(v, _)| unescape_xml(v)))
        .collect()
}

/// The traced clauses drawn as table cells or rows (their `ID`), in a DOT
/// text of the trace's table layout.
fn table_ids(dot: &str) -> BTreeSet<String> {
    html_values(dot, " ID").into_iter().collect()
}

/// The fill of each table cell (`<TD ID="…" BGCOLOR="…"`).
fn cell_fills(dot: &str) -> BTreeMap<String, String> {
    dot.split("<TD ID=\"")
        .skip(1)
        .filter_map(|rest| {
            let (id, tail) = rest.split_once('"')?;
            let fill = tail.split("BGCOLOR=\"").nth(1)?.split('"').next()?;
            Some((unescape_xml(id), fill.to_string()))
        })
        .collect()
}

/// The ids of the nodes a DOT text declares (`"id" [`), legend and layout
/// nodes left out.
fn declared(dot: &str) -> BTreeSet<String> {
    let ids = dot
        .lines()
        .filter_map(|l| {
            let (id, rest) = l.trim_start().strip_prefix('"')?.split_once('"')?;
            rest.starts_with(" [").then(|| id.to_string())
        })
        .collect();
    legend(&ids)
}

/// Levels of implementation of each hit: implements links on its chain.
fn levels(hits: &[TraceHit<'_>]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for h in hits {
        let up = h.parent.map_or(0, |p| out[p]);
        out.push(up + usize::from(h.via == Via::Implements));
    }
    out
}

fn titles(items: &[Item]) -> BTreeSet<String> {
    legend(&items.iter().map(|i| i.title.clone()).collect())
}

fn check_documents(graph: &LineageGraph) {
    let dot = documents_dot(graph, &wide().cited_only(CitedOnly::Show)).unwrap();
    let svg = render(&dot);
    let nodes = items(&svg, "node");
    let expected: BTreeSet<String> = graph
        .nodes()
        .filter(|(_, n)| matches!(n, NodeRef::Document(_)))
        .map(|(id, _)| id.to_string())
        .collect();
    assert_eq!(titles(&nodes), expected);
    for (id, n) in graph.nodes() {
        let NodeRef::Document(d) = n else { continue };
        let text = node(&nodes, id).text();
        for part in [&d.title, &d.issuer] {
            assert!(text.contains(&norm(part)), "{id}: {:?} not in {text:?}", norm(part));
        }
    }
    let edges = items(&svg, "edge");
    let shown: BTreeSet<String> =
        edges.iter().map(|e| e.title.clone()).filter(|t| !t.contains("legend:")).collect();
    // Highest first, implemented ← implementing.
    for want in [
        "vn/2023/ct-tw/25->quang-ninh/2024/kh-ubnd/162",
        "vn/2015/tt-byt/33->quang-ninh/2024/kh-ubnd/162",
        "vn/2023/ct-tw/25->thai-binh/2024/kh-syt/56",
        "vn/2023/ct-tw/25->dak-lak/2024/kh-syt/draft-thuc-hien-nghi-quyet-so-01",
    ] {
        assert!(shown.contains(want), "{want} not in {shown:?}");
    }
    let implements =
        edges.iter().find(|e| e.title == "vn/2023/ct-tw/25->quang-ninh/2024/kh-ubnd/162").unwrap();
    // Implements: the blue line, labelled with the implementing document's date.
    assert!(
        implements.body.contains("#1f4e79") && implements.text().contains("2024-06-27"),
        "{implements:?}"
    );
    // Thái Bình's plan implements clause 4 only: counted, not claimed for the whole document.
    let tb = edges
        .iter()
        .find(|e| e.title == "vn/2023/ct-tw/25->thai-binh/2024/kh-syt/56" && e.body.contains("#1f4e79"));
    assert!(tb.is_some_and(|e| e.text().contains("1 clause")), "{edges:?}");
    // Cited-only documents have a dashed border.
    assert!(node(&nodes, "vn/2023/ct-tw/25").body.contains("stroke-dasharray"));
    assert!(!node(&nodes, "quang-ninh/2024/kh-ubnd/162").body.contains("stroke-dasharray"));
}

fn check_trace(graph: &LineageGraph, with_inferred: bool) {
    let opts = wide()
        .root("25-CT/TW#4")
        .as_of(day("2025-08-01"))
        .with_inferred(with_inferred)
        .layout(TraceLayout::Nodes);
    let svg = render(&trace_dot(graph, &opts).unwrap());
    let nodes = items(&svg, "node");
    let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new().with_inferred(with_inferred)).unwrap();
    let expected: BTreeSet<String> = trace.hits().map(|h| h.id.to_string()).collect();
    assert_eq!(titles(&nodes), expected);
    for h in trace.hits() {
        let text = node(&nodes, h.id).text();
        if let NodeRef::Clause(_, c) = h.node {
            shows_clause(&text, &h, c);
        }
    }
    // Edges: every contains and followed implements between shown nodes.
    let mut want = BTreeSet::new();
    for (s, t, e) in graph.edges() {
        if !(expected.contains(s) && expected.contains(t)) {
            continue;
        }
        match e {
            Edge::Contains => {
                want.insert(format!("{s}->{t}"));
            }
            Edge::Implements { provenance, .. } if with_inferred || *provenance != Provenance::Inferred => {
                want.insert(format!("{t}->{s}"));
            }
            _ => {}
        }
    }
    let edges = items(&svg, "edge");
    let got: BTreeSet<String> =
        edges.iter().map(|e| e.title.clone()).filter(|t| !t.contains("legend:")).collect();
    assert_eq!(got, want);
    // Colour by status as of 2025-08-01.
    let fill = |id: &str| node(&nodes, id).body.clone();
    assert!(fill("quang-ninh/2024/kh-ubnd/162#PL.12").contains("#a6d96a"), "done on time");
    assert!(fill("thai-binh/2024/kh-syt/56#4").contains("#d7191c"), "overdue");
    assert!(fill("quang-ninh/2024/kh-ubnd/162#PL.14").contains("#d9d2ec"), "ongoing");
    assert!(fill("quang-ninh/2024/kh-ubnd/162#PL.15").contains("#abd9e9"), "open");
    assert!(
        svg.contains("Task status as of 2025&#45;08&#45;01") || svg.contains("Task status as of 2025-08-01")
    );
    let inferred = edges.iter().find(|e| e.title == "vn/2023/ct-tw/25#4->quang-ninh/2024/kh-ubnd/162#PL.13");
    if with_inferred {
        let e = inferred.expect("inferred edge drawn");
        assert!(e.body.contains("stroke-dasharray") && e.text() == "0.73", "{e:?}");
        assert!(fill("quang-ninh/2024/kh-ubnd/162#PL.13").contains("#fdae61"), "done late");
    } else {
        assert!(inferred.is_none());
    }
}

/// A drawn node's text shows a traced clause: its label, lead agencies and
/// deadline.
fn shows_clause(text: &str, h: &TraceHit, c: &directive_lineage::Clause) {
    assert!(text.contains(&norm(c.label())), "{}: {:?} not in {text:?}", h.id, norm(c.label()));
    for a in h.agencies(Role::Lead) {
        assert!(text.contains(&norm(a)), "{}: lead {a:?} not in {text:?}", h.id);
    }
    if let Some(dl) = h.deadline() {
        assert!(text.contains(dl.text()), "{}: deadline not in {text:?}", h.id);
    }
}

/// The trace's table layout: one table per traced document, every traced
/// clause a cell or row of it with its text, lead and deadline, cells
/// coloured by status, one edge per pair of documents linked.
fn check_trace_tables(graph: &LineageGraph, with_inferred: bool) {
    let opts = wide().root("25-CT/TW#4").as_of(day("2025-08-01")).with_inferred(with_inferred);
    let dot = trace_dot(graph, &opts).unwrap();
    let svg = render(&dot);
    let nodes = items(&svg, "node");
    let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new().with_inferred(with_inferred)).unwrap();
    let docs: BTreeSet<String> =
        trace.hits().filter_map(|h| h.node.document()).map(|d| d.id.to_string()).collect();
    assert_eq!(titles(&nodes), docs);
    let clauses: BTreeSet<String> =
        trace.hits().filter(|h| matches!(h.node, NodeRef::Clause(..))).map(|h| h.id.to_string()).collect();
    assert_eq!(table_ids(&dot), clauses);
    for h in trace.hits() {
        let NodeRef::Clause(d, c) = h.node else { continue };
        shows_clause(&node(&nodes, d.id.as_str()).text(), &h, c);
    }
    // One edge per pair of documents an implements link joins.
    let mut want = BTreeSet::new();
    for (s, t, e) in graph.edges() {
        let Edge::Implements { provenance, .. } = e else { continue };
        if !(trace.contains(s) && trace.contains(t))
            || (!with_inferred && *provenance == Provenance::Inferred)
        {
            continue;
        }
        let (sd, td) = (graph.get(s).unwrap().document().unwrap(), graph.get(t).unwrap().document().unwrap());
        if sd.id != td.id {
            want.insert(format!("{}->{}", td.id, sd.id));
        }
    }
    let edges = items(&svg, "edge");
    let got: BTreeSet<String> = edges
        .iter()
        .filter(|e| e.body.contains("<path"))
        .map(|e| e.title.clone())
        .filter(|t| !t.contains("legend:"))
        .collect();
    assert_eq!(got, want);
    let fills = cell_fills(&dot);
    assert_eq!(fills["quang-ninh/2024/kh-ubnd/162#PL.12"], "#a6d96a", "done on time");
    assert_eq!(fills["thai-binh/2024/kh-syt/56#4"], "#d7191c", "overdue");
    assert_eq!(fills["quang-ninh/2024/kh-ubnd/162#PL.14"], "#d9d2ec", "ongoing");
    assert_eq!(fills["quang-ninh/2024/kh-ubnd/162#PL.15"], "#abd9e9", "open");
    assert_eq!(
        fills.contains_key("quang-ninh/2024/kh-ubnd/162#PL.13"),
        with_inferred,
        "inferred link followed"
    );
}

fn check_agencies(graph: &LineageGraph) {
    let svg = render(&agencies_dot(graph, &wide()).unwrap());
    let nodes = items(&svg, "node");
    let mut expected = BTreeSet::new();
    let mut want_edges = BTreeSet::new();
    for (s, t, e) in graph.edges() {
        if let Edge::Assigns { .. } = e {
            expected.insert(s.to_string());
            expected.insert(t.to_string());
            want_edges.insert(format!("{t}->{s}"));
        }
    }
    assert_eq!(titles(&nodes), expected);
    for id in &expected {
        let text = node(&nodes, id).text();
        match graph.get(id).unwrap() {
            NodeRef::Agency(a) => assert!(text.contains(&norm(&a.name)), "{id}: {text:?}"),
            NodeRef::Clause(_, c) => assert!(text.contains(&norm(c.label())), "{id}: {text:?}"),
            other => panic!("unexpected {other:?}"),
        }
    }
    let edges = items(&svg, "edge");
    let got: BTreeSet<String> =
        edges.iter().map(|e| e.title.clone()).filter(|t| !t.contains("legend:")).collect();
    assert_eq!(got, want_edges);
    let coop = edges
        .iter()
        .find(|e| e.title == "agency:quang-ninh/so-noi-vu->quang-ninh/2024/kh-ubnd/162#PL.7")
        .expect("cooperating edge");
    assert!(coop.body.contains("stroke-dasharray"), "cooperating is dashed");
    let lead = edges
        .iter()
        .find(|e| e.title == "agency:quang-ninh/so-y-te->quang-ninh/2024/kh-ubnd/162#PL.7")
        .expect("lead edge");
    assert!(!lead.body.contains("stroke-dasharray"), "lead is solid");
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn documents_view_renders_every_document() {
    check_documents(&common::graph(false));
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn documents_view_survives_hostile_text() {
    check_documents(&common::graph(true));
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn trace_view_renders_every_hit_coloured_by_status() {
    check_trace(&common::graph(false), false);
    check_trace(&common::graph(false), true);
    check_trace_tables(&common::graph(false), false);
    check_trace_tables(&common::graph(false), true);
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn trace_view_survives_hostile_text() {
    check_trace(&common::graph(true), true);
    check_trace_tables(&common::graph(true), true);
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn agency_view_renders_every_assignment() {
    check_agencies(&common::graph(false));
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn agency_view_survives_hostile_text() {
    check_agencies(&common::graph(true));
}

#[test]
fn same_input_same_bytes() {
    let base = DotOptions::new().root("25-CT/TW#4").as_of(day("2025-08-01")).with_inferred(true);
    let variants = [
        base.clone(),
        base.clone().layout(TraceLayout::Nodes),
        base.clone().depth(1).status(TaskStatus::Overdue).status(TaskStatus::Open),
        base.clone().cited_only(CitedOnly::Hide),
        DotOptions::new().cited_only(CitedOnly::Collapse).depth(2),
    ];
    for opts in &variants {
        for view in DotView::ALL {
            let a = view_dot(&common::graph(true), view, opts).unwrap();
            let b = view_dot(&common::graph(true), view, opts).unwrap();
            assert_eq!(a, b, "{view} {opts:?}");
        }
    }
    let g = bundled();
    for view in DotView::ALL {
        let opts = DotOptions::new();
        assert_eq!(view_dot(&g, view, &opts).unwrap(), view_dot(&bundled(), view, &opts).unwrap(), "{view}");
    }
}

#[test]
fn hostile_labels_are_escaped_in_the_dot_text() {
    let tables = trace_dot(&common::graph(true), &wide().root("25-CT/TW#4")).unwrap();
    // HTML-like labels: markup characters become entities, `\` stays.
    assert!(tables
        .contains("&quot;đặc biệt&quot; back\\\\slash &lt;b&gt;bold&lt;/b&gt; {a} | b ; c -- d &amp; e"));
    assert!(!tables.contains("<b>") && !tables.contains("\nsecond line"), "{tables}");
    let dot = trace_dot(&common::graph(true), &wide().root("25-CT/TW#4").layout(TraceLayout::Nodes)).unwrap();
    // No raw line break or unescaped quote inside any label.
    for line in dot.lines() {
        let mut in_quote = false;
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' if in_quote => {
                    chars.next();
                }
                '"' => in_quote = !in_quote,
                _ => {}
            }
        }
        assert!(!in_quote, "unbalanced quotes in {line:?}");
    }
    for piece in [r#"\"đặc biệt\" back\\slash"#, r#"{a} | b ; c -- d &amp; e \\N tail\\ second line""#] {
        assert!(dot.contains(piece), "{piece} not in {dot}");
    }
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn filters_narrow_the_views() {
    let g = common::graph(false);
    // Agency view for Sở Nội vụ in Quảng Ninh: one task, one agency.
    let svg = render(&agencies_dot(&g, &wide().jurisdiction("quang-ninh").agency("Sở nội vụ")).unwrap());
    let shown = titles(&items(&svg, "node"));
    let want: BTreeSet<String> = ["agency:quang-ninh/so-noi-vu", "quang-ninh/2024/kh-ubnd/162#PL.7"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(shown, want);

    // Hưng Yên took over Thái Bình: its trace keeps 56/KH-SYT and the chain to the root only.
    let opts = wide().root("25-CT/TW#4").jurisdiction("hung-yen").layout(TraceLayout::Nodes);
    let svg = render(&trace_dot(&g, &opts).unwrap());
    let shown = titles(&items(&svg, "node"));
    let want: BTreeSet<String> =
        ["vn/2023/ct-tw/25#4", "thai-binh/2024/kh-syt/56#4"].iter().map(|s| s.to_string()).collect();
    assert_eq!(shown, want);

    // Document view of Quảng Ninh: its plan and what it implements or is
    // based on, the cited-only act it is based on in its note.
    let svg = render(&documents_dot(&g, &wide().jurisdiction("quang-ninh")).unwrap());
    let shown = titles(&items(&svg, "node"));
    let want: BTreeSet<String> =
        ["vn/2023/ct-tw/25", "cited-only:quang-ninh/2024/kh-ubnd/162", "quang-ninh/2024/kh-ubnd/162"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    assert_eq!(shown, want);
    let note = node(&items(&svg, "node"), "cited-only:quang-ninh/2024/kh-ubnd/162").text();
    assert!(note.contains("based on: 33/2015/TT-BYT"), "{note}");

    // Without a root the trace starts from every implemented root document.
    let svg = render(&trace_dot(&g, &wide().layout(TraceLayout::Nodes)).unwrap());
    let shown = titles(&items(&svg, "node"));
    assert!(
        shown.contains("vn/2023/ct-tw/25")
            && shown.contains("dak-lak/2024/kh-syt/draft-thuc-hien-nghi-quyet-so-01#III.2.b")
    );
    assert!(!shown.contains("vn/2015/tt-byt/33"), "based-on is not a trace");
}

#[test]
fn bad_options_are_errors_not_panics() {
    let g = common::graph(false);
    let err = trace_dot(&g, &DotOptions::new().jurisdiction("quang-nin")).unwrap_err();
    match err.kind() {
        ErrorKind::UnknownName { suggestions, .. } => assert_eq!(suggestions[0], "quang-ninh"),
        other => panic!("unexpected {other:?}"),
    }
    let err = trace_dot(&g, &DotOptions::new().root("25-CT/TW#9")).unwrap_err();
    assert!(err.to_string().contains("did you mean"), "{err}");
    assert!(documents_dot(&g, &DotOptions::new().root("no such thing")).is_err());
    assert!("maps".parse::<DotView>().is_err());
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn labels_are_wrapped_and_cut() {
    let g = common::graph(false);
    let opts = DotOptions::new().root("25-CT/TW#4").wrap(12).max_label(20);
    // Each table cell holds to the width; a row across a table of two or
    // more cells to twice the width.
    let tables = trace_dot(&g, &opts).unwrap();
    for n in items(&render(&tables), "node").iter().filter(|n| !n.title.starts_with("legend:")) {
        for t in &n.texts {
            assert!(t.chars().count() <= 25, "{t:?} longer than twice the wrap width (+ …)");
        }
    }
    let dot = trace_dot(&g, &opts.layout(TraceLayout::Nodes)).unwrap();
    let svg = render(&dot);
    for n in items(&svg, "node").iter().filter(|n| !n.title.starts_with("legend:")) {
        for t in &n.texts {
            assert!(t.chars().count() <= 13, "{t:?} longer than the wrap width (+ …)");
        }
    }
    assert!(dot.contains('…'), "long texts are cut with …");
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn write_views_writes_dot_and_svg() {
    let dir = std::env::temp_dir().join(format!("directive-lineage-views-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let paths =
        directive_lineage::write_views(&common::graph(true), &dir, &DotOptions::new().root("25-CT/TW#4"))
            .unwrap();
    let names: Vec<String> =
        paths.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(
        names,
        ["documents.dot", "trace.dot", "agencies.dot", "documents.svg", "trace.svg", "agencies.svg"]
    );
    for p in &paths {
        let text = unescape_xml(&std::fs::read_to_string(p).unwrap());
        assert!(text.contains("quang-ninh/2024/kh-ubnd/162"), "{}", p.display());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn bundled() -> LineageGraph {
    LineageGraph::build(
        directive_lineage::Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap(),
    )
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn bundled_trace_of_group_4_reaches_the_local_tasks() {
    let g = bundled();
    let opts = DotOptions::new().root("25-CT/TW#4").as_of(day("2025-08-01"));
    let trace = g.trace_down("25-CT/TW#4", &QueryOptions::new()).unwrap();
    // Tables: one per document, one cell or row per traced clause.
    let tables = trace_dot(&g, &opts).unwrap();
    let svg = render(&tables);
    let clauses: BTreeSet<String> =
        trace.hits().filter(|h| matches!(h.node, NodeRef::Clause(..))).map(|h| h.id.to_string()).collect();
    assert_eq!(table_ids(&tables), clauses);
    assert_eq!(cell_fills(&tables)["quang-ninh/2024/kh-ubnd/162#PL.12"], "#d9d2ec", "ongoing colour");
    let qn = node(&items(&svg, "node"), "quang-ninh/2024/kh-ubnd/162").text();
    for want in [
        "PL.12 Tuyển dụng",
        "↑ II.4.-1",
        "lead: Sở Y tế; UBND các huyện, thị xã, thành phố",
        "4 tasks: 4 ongoing",
    ] {
        assert!(qn.contains(want), "{want:?} not in {qn}");
    }
    // One node per clause.
    let svg = render(&trace_dot(&g, &opts.layout(TraceLayout::Nodes)).unwrap());
    let nodes = items(&svg, "node");
    assert_eq!(titles(&nodes), trace.hits().map(|h| h.id.to_string()).collect());
    for id in [
        "quang-ninh/2024/kh-ubnd/162#II.4",
        "quang-ninh/2024/kh-ubnd/162#PL.12",
        "quang-ninh/2024/kh-ubnd/162#PL.13",
        "quang-ninh/2024/kh-ubnd/162#PL.14",
        "quang-ninh/2024/kh-ubnd/162#PL.15",
        "thai-binh/2024/kh-syt/56#4",
    ] {
        node(&nodes, id);
    }
    // Appendix rows show their lead agencies and deadline, coloured as standing tasks.
    let pl12 = node(&nodes, "quang-ninh/2024/kh-ubnd/162#PL.12");
    let text = pl12.text();
    assert!(text.contains("lead: Sở Y tế; UBND các huyện, thị xã, thành phố"), "{text}");
    assert!(text.contains("deadline: Nhiệm vụ thường xuyên"), "{text}");
    assert!(pl12.body.contains("#d9d2ec"), "ongoing colour");
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn bundled_views_render_every_node() {
    let g = bundled();
    let svg = render(&documents_dot(&g, &DotOptions::new().cited_only(CitedOnly::Show)).unwrap());
    let docs: BTreeSet<String> =
        g.nodes().filter(|(_, n)| matches!(n, NodeRef::Document(_))).map(|(id, _)| id.to_string()).collect();
    assert_eq!(titles(&items(&svg, "node")), docs);

    // Sở Nội vụ in Quảng Ninh cooperates on row 7, overdue on 2025-08-01.
    let opts = DotOptions::new().jurisdiction("quang-ninh").agency("Sở Nội vụ").as_of(day("2025-08-01"));
    let svg = render(&agencies_dot(&g, &opts).unwrap());
    let nodes = items(&svg, "node");
    let tasks = g
        .tasks(&directive_lineage::TaskFilter::new().agency("Sở Nội vụ").jurisdiction("quang-ninh"))
        .unwrap();
    let mut want: BTreeSet<String> = tasks.iter().map(|t| t.id.clone()).collect();
    want.insert("agency:quang-ninh/so-noi-vu".into());
    assert_eq!(titles(&nodes), want);
    assert!(node(&nodes, "quang-ninh/2024/kh-ubnd/162#PL.7").body.contains("#d7191c"), "overdue colour");
    let edge = items(&svg, "edge")
        .into_iter()
        .find(|e| e.title == "agency:quang-ninh/so-noi-vu->quang-ninh/2024/kh-ubnd/162#PL.7")
        .expect("assignment edge");
    assert!(edge.body.contains("stroke-dasharray"), "cooperating is dashed");

    let svg = render(&agencies_dot(&g, &DotOptions::new()).unwrap());
    let shown = titles(&items(&svg, "node"));
    for (s, t, e) in g.edges() {
        if matches!(e, Edge::Assigns { .. }) {
            assert!(shown.contains(s) && shown.contains(t), "{s} -> {t}");
        }
    }
}

/// The documents the bundled corpus holds only as citations, split into
/// those an implements link reaches (drawn whatever the option) and the
/// others.
fn cited_only_split(g: &LineageGraph) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut on_chain = BTreeSet::new();
    for (s, t, e) in g.edges() {
        if matches!(e, Edge::Implements { .. }) {
            for id in [s, t] {
                on_chain.insert(g.get(id).unwrap().document().unwrap().id.to_string());
            }
        }
    }
    g.nodes()
        .filter_map(|(_, n)| match n {
            NodeRef::Document(d) if d.status == DocStatus::CitedOnly => Some(d.id.to_string()),
            _ => None,
        })
        .partition(|id| on_chain.contains(id))
}

#[test]
fn cited_only_documents_are_collapsed_unless_asked() {
    let g = bundled();
    let (kept, folded) = cited_only_split(&g);
    assert!(folded.len() >= 10 && !kept.is_empty(), "{kept:?} {folded:?}");
    let all: BTreeSet<String> =
        g.nodes().filter(|(_, n)| matches!(n, NodeRef::Document(_))).map(|(id, _)| id.to_string()).collect();

    // Default: one note per citing document lists the folded ones by number.
    let dot = documents_dot(&g, &DotOptions::new()).unwrap();
    let boxes: BTreeSet<String> =
        declared(&dot).into_iter().filter(|id| !id.starts_with("cited-only:")).collect();
    assert_eq!(boxes, all.difference(&folded).cloned().collect());
    let notes: String = dot.lines().filter(|l| l.contains("\"cited-only:")).collect();
    for id in &folded {
        let number = g.get(id).unwrap().document().unwrap().number.as_ref().unwrap().to_string();
        assert!(notes.contains(&number), "{id} ({number}) in no note");
    }
    assert!(dot.contains(&format!("{} more cited only, listed in notes", folded.len())));

    // Shown: every document a box of its own, no note.
    let dot = documents_dot(&g, &DotOptions::new().cited_only(CitedOnly::Show)).unwrap();
    assert_eq!(declared(&dot), all);

    // Hidden: no box and no note, the legend counts them.
    let dot = documents_dot(&g, &DotOptions::new().cited_only(CitedOnly::Hide)).unwrap();
    assert_eq!(declared(&dot), all.difference(&folded).cloned().collect());
    assert!(dot.contains(&format!("{} more cited only, not drawn", folded.len())), "{dot}");

    // The root is drawn even when only cited.
    let dot = documents_dot(&g, &DotOptions::new().root("33/2015/TT-BYT")).unwrap();
    assert_eq!(declared(&dot), ["vn/2015/tt-byt/33".to_string()].into());
}

#[test]
fn depth_keeps_the_levels_of_implementation_asked_for() {
    for g in [bundled(), common::graph(false)] {
        let trace = g.trace_down("25-CT/TW", &QueryOptions::new()).unwrap();
        let hits: Vec<_> = trace.hits().collect();
        let level = levels(&hits);
        assert!(level.iter().max().unwrap() >= &1);
        for depth in 0..=3 {
            let within: Vec<&TraceHit<'_>> =
                hits.iter().zip(&level).filter(|(_, l)| **l <= depth).map(|(h, _)| h).collect();
            let want: BTreeSet<String> = within.iter().map(|h| h.id.to_string()).collect();
            let opts = DotOptions::new().root("25-CT/TW").depth(depth);
            // One node per clause: exactly the hits within the depth.
            let nodes = trace_dot(&g, &opts.clone().layout(TraceLayout::Nodes)).unwrap();
            assert_eq!(declared(&nodes), want, "depth {depth}");
            // Tables: the same clauses, one table per document.
            let tables = trace_dot(&g, &opts).unwrap();
            let clauses =
                within.iter().filter(|h| matches!(h.node, NodeRef::Clause(..))).map(|h| h.id.to_string());
            assert_eq!(table_ids(&tables), clauses.collect(), "depth {depth}");
            let docs = within.iter().filter_map(|h| h.node.document()).map(|d| d.id.to_string());
            assert_eq!(declared(&tables), docs.collect(), "depth {depth}");
            // The documents cut off are counted under the one they hang from.
            let below: BTreeSet<&str> = hits
                .iter()
                .zip(&level)
                .filter(|(h, l)| **l == depth + 1 && h.via == Via::Implements)
                .filter_map(|(h, _)| h.node.document())
                .map(|d| d.id.as_str())
                .filter(|d| !within.iter().any(|w| w.node.document().is_some_and(|x| x.id.as_str() == *d)))
                .collect();
            assert_eq!(tables.contains("more document"), !below.is_empty(), "depth {depth}: {below:?}");
        }
        // The document view counts the same levels.
        let dot = documents_dot(&g, &DotOptions::new().root("25-CT/TW").depth(0).cited_only(CitedOnly::Show))
            .unwrap();
        assert_eq!(declared(&dot), ["vn/2023/ct-tw/25".to_string()].into());
    }
    let g = bundled();
    let hits: Vec<_> = g.trace_down("25-CT/TW", &QueryOptions::new()).unwrap().hits().collect();
    assert!(levels(&hits).into_iter().max() >= Some(2), "the appendix rows are two levels down");
    let dot = trace_dot(&g, &DotOptions::new().root("25-CT/TW#4").depth(0)).unwrap();
    assert!(dot.contains("↓ 3 more documents below depth 0"), "{dot}");
    assert_eq!(table_ids(&dot), ["vn/2023/ct-tw/25#4".to_string()].into());
}

#[test]
fn status_keeps_the_tasks_asked_for_and_their_lineage() {
    let g = common::graph(false);
    let day = day("2025-08-01");
    let overdue: BTreeSet<String> = g
        .tasks(&TaskFilter::new().as_of(day).status(TaskStatus::Overdue))
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(
        overdue,
        ["quang-ninh/2024/kh-ubnd/162#PL.7", "thai-binh/2024/kh-syt/56#4"].map(String::from).into()
    );
    let opts = DotOptions::new().root("25-CT/TW").as_of(day).status(TaskStatus::Overdue);

    // Trace: the overdue tasks and the chain from the root down to each.
    let trace = g.trace_down("25-CT/TW", &QueryOptions::new()).unwrap();
    let mut want = BTreeSet::new();
    for (i, h) in trace.hits().enumerate() {
        if overdue.contains(h.id) {
            want.extend(trace.chain(i).into_iter().map(str::to_string));
        }
    }
    let nodes = trace_dot(&g, &opts.clone().layout(TraceLayout::Nodes)).unwrap();
    assert_eq!(declared(&nodes), want);
    let tables = trace_dot(&g, &opts).unwrap();
    let fills = cell_fills(&tables);
    let tasks: BTreeSet<String> = fills.keys().filter(|id| overdue.contains(*id)).cloned().collect();
    assert_eq!(tasks, overdue);
    for (id, fill) in &fills {
        let is_task = matches!(g.get(id), Some(NodeRef::Clause(_, c)) if c.is_task());
        assert!(!is_task || fill == "#d7191c", "{id} drawn as {fill}");
    }
    assert!(tables.contains("Trace of 25-CT/TW · overdue tasks"));

    // Documents: those holding an overdue task and what they implement.
    let docs = documents_dot(&g, &opts).unwrap();
    let want = ["vn/2023/ct-tw/25", "quang-ninh/2024/kh-ubnd/162", "thai-binh/2024/kh-syt/56"];
    assert_eq!(
        declared(&docs).into_iter().filter(|i| !i.starts_with("cited-only:")).collect::<BTreeSet<_>>(),
        want.map(String::from).into()
    );

    // Agencies: the agencies of the overdue tasks and those tasks.
    let agencies = agencies_dot(&g, &opts).unwrap();
    let drawn = declared(&agencies);
    let tasks: BTreeSet<String> = drawn.iter().filter(|i| !i.starts_with("agency:")).cloned().collect();
    assert_eq!(tasks, overdue);

    // Several statuses: any of them.
    let both = opts.clone().status(TaskStatus::Ongoing);
    let tasks: BTreeSet<String> = cell_fills(&trace_dot(&g, &both).unwrap()).into_keys().collect();
    assert!(tasks.contains("quang-ninh/2024/kh-ubnd/162#PL.14") && tasks.is_superset(&overdue), "{tasks:?}");
}

/// A national corpus from the generator: a directive with thousands of tasks
/// beneath it.
#[cfg(feature = "generate")]
fn national() -> LineageGraph {
    LineageGraph::build(directive_lineage::generate::Generator::with_clauses(1, 1000).generate())
}

#[cfg(feature = "generate")]
fn national_root(g: &LineageGraph) -> String {
    g.roots()
        .into_iter()
        .filter(|d| {
            d.level == directive_lineage::Level::Central && d.branch == directive_lineage::Branch::Party
        })
        .map(|d| d.id.to_string())
        .next()
        .expect("a central directive")
}

#[test]
#[cfg(feature = "generate")]
fn a_national_trace_wraps_its_columns() {
    let g = national();
    let root = national_root(&g);
    let opts = DotOptions::new().root(&root).depth(1);
    let dot = trace_dot(&g, &opts).unwrap();
    assert_eq!(dot, trace_dot(&national(), &opts).unwrap(), "same input, same bytes");
    // Hundreds of tasks, in tables wrapped into columns joined by one arrow
    // per pair of columns.
    assert!(cell_fills(&dot).len() > 300, "{}", cell_fills(&dot).len());
    assert!(dot.contains("compound=true") && dot.contains("lhead=cluster_1"), "wrapped");
    let ranks = dot.matches("rank=same").count();
    let columns = dot.matches("subgraph cluster_").count();
    assert!(ranks > columns, "{ranks} ranks in {columns} columns");
    // Each table is declared once.
    let tables = declared(&dot);
    let trace = g.trace_down(&root, &QueryOptions::new()).unwrap();
    let hits: Vec<_> = trace.hits().collect();
    let docs: BTreeSet<String> = hits
        .iter()
        .zip(levels(&hits))
        .filter(|(_, l)| *l <= 1)
        .filter_map(|(h, _)| h.node.document())
        .map(|d| d.id.to_string())
        .collect();
    assert_eq!(tables, docs);
}

/// The size dot gives a picture, in points: `graph SCALE WIDTH HEIGHT` of
/// `-Tplain`.
fn plain_size(text: &str) -> (f64, f64) {
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("Graphviz dot runs");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    let head: Vec<f64> = out.lines().next().unwrap().split(' ').skip(1).map(|x| x.parse().unwrap()).collect();
    (head[1] * 72.0, head[2] * 72.0)
}

fn screen_shaped((w, h): (f64, f64)) -> bool {
    (9.0 / 16.0..=16.0 / 9.0).contains(&(w / h))
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn pictures_keep_a_screen_shape() {
    let g = bundled();
    for (what, text) in [
        ("documents", documents_dot(&g, &DotOptions::new()).unwrap()),
        ("trace 25-CT/TW", trace_dot(&g, &DotOptions::new().root("25-CT/TW")).unwrap()),
        ("trace 25-CT/TW#4", trace_dot(&g, &DotOptions::new().root("25-CT/TW#4")).unwrap()),
    ] {
        let size = plain_size(&text);
        assert!(screen_shaped(size), "{what}: {size:?}");
    }
    #[cfg(feature = "generate")]
    {
        let g = national();
        let root = national_root(&g);
        let size = plain_size(&trace_dot(&g, &DotOptions::new().root(&root).depth(1)).unwrap());
        assert!(screen_shaped(size), "national trace, depth 1: {size:?}");
    }
}
