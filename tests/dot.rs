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

use directive_lineage::{
    agencies_dot, documents_dot, trace_dot, view_dot, Date, DotOptions, DotView, Edge, ErrorKind,
    LineageGraph, NodeRef, Provenance, QueryOptions, Role,
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

fn legend(ids: &BTreeSet<String>) -> BTreeSet<String> {
    ids.iter().filter(|i| !i.starts_with("legend:")).cloned().collect()
}

fn titles(items: &[Item]) -> BTreeSet<String> {
    legend(&items.iter().map(|i| i.title.clone()).collect())
}

fn check_documents(graph: &LineageGraph) {
    let dot = documents_dot(graph, &wide()).unwrap();
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
    assert!(
        implements.text().contains("implements") && implements.text().contains("2024-06-27"),
        "{implements:?}"
    );
    // Thái Bình's plan implements clause 4 only: counted, not claimed for the whole document.
    let tb = edges
        .iter()
        .find(|e| e.title == "vn/2023/ct-tw/25->thai-binh/2024/kh-syt/56" && e.text().contains("implements"));
    assert!(tb.is_some_and(|e| e.text().contains("1 clause")), "{edges:?}");
    // Cited-only documents have a dashed border.
    assert!(node(&nodes, "vn/2023/ct-tw/25").body.contains("stroke-dasharray"));
    assert!(!node(&nodes, "quang-ninh/2024/kh-ubnd/162").body.contains("stroke-dasharray"));
}

fn check_trace(graph: &LineageGraph, with_inferred: bool) {
    let opts = wide().root("25-CT/TW#4").as_of(day("2025-08-01")).with_inferred(with_inferred);
    let svg = render(&trace_dot(graph, &opts).unwrap());
    let nodes = items(&svg, "node");
    let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new().with_inferred(with_inferred)).unwrap();
    let expected: BTreeSet<String> = trace.hits().map(|h| h.id.to_string()).collect();
    assert_eq!(titles(&nodes), expected);
    for h in trace.hits() {
        let text = node(&nodes, h.id).text();
        if let NodeRef::Clause(_, c) = h.node {
            assert!(text.contains(&norm(c.label())), "{}: {:?} not in {text:?}", h.id, norm(c.label()));
            for a in h.agencies(Role::Lead) {
                assert!(text.contains(&norm(a)), "{}: lead {a:?} not in {text:?}", h.id);
            }
            if let Some(dl) = h.deadline() {
                assert!(text.contains(dl.text()), "{}: deadline not in {text:?}", h.id);
            }
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
}

#[test]
#[ignore = "needs Graphviz (dot): run with -- --ignored"]
fn trace_view_survives_hostile_text() {
    check_trace(&common::graph(true), true);
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
    let opts = DotOptions::new().root("25-CT/TW#4").as_of(day("2025-08-01")).with_inferred(true);
    for view in DotView::ALL {
        let a = view_dot(&common::graph(true), view, &opts).unwrap();
        let b = view_dot(&common::graph(true), view, &opts).unwrap();
        assert_eq!(a, b, "{view}");
    }
}

#[test]
fn hostile_labels_are_escaped_in_the_dot_text() {
    let dot = trace_dot(&common::graph(true), &wide().root("25-CT/TW#4")).unwrap();
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
    let svg = render(&trace_dot(&g, &wide().root("25-CT/TW#4").jurisdiction("hung-yen")).unwrap());
    let shown = titles(&items(&svg, "node"));
    let want: BTreeSet<String> =
        ["vn/2023/ct-tw/25#4", "thai-binh/2024/kh-syt/56#4"].iter().map(|s| s.to_string()).collect();
    assert_eq!(shown, want);

    // Document view of Quảng Ninh: its plan and what it implements or is based on.
    let svg = render(&documents_dot(&g, &wide().jurisdiction("quang-ninh")).unwrap());
    let shown = titles(&items(&svg, "node"));
    let want: BTreeSet<String> = ["vn/2023/ct-tw/25", "vn/2015/tt-byt/33", "quang-ninh/2024/kh-ubnd/162"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(shown, want);

    // Without a root the trace starts from every implemented root document.
    let svg = render(&trace_dot(&g, &wide()).unwrap());
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
        ErrorKind::UnknownReference { suggestions, .. } => assert_eq!(suggestions[0], "quang-ninh"),
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
    let dot = trace_dot(&g, &DotOptions::new().root("25-CT/TW#4").wrap(12).max_label(20)).unwrap();
    let svg = render(&dot);
    for n in items(&svg, "node") {
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
    let svg = render(&trace_dot(&g, &opts).unwrap());
    let nodes = items(&svg, "node");
    let trace = g.trace_down("25-CT/TW#4", &QueryOptions::new()).unwrap();
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
    let svg = render(&documents_dot(&g, &DotOptions::new()).unwrap());
    let docs: BTreeSet<String> =
        g.nodes().filter(|(_, n)| matches!(n, NodeRef::Document(_))).map(|(id, _)| id.to_string()).collect();
    assert_eq!(titles(&items(&svg, "node")), docs);

    // Sở Nội vụ in Quảng Ninh cooperates on row 7, overdue on 2025-08-01.
    let opts = DotOptions::new().jurisdiction("quang-ninh").agency("Sở Nội vụ").as_of(day("2025-08-01"));
    let svg = render(&agencies_dot(&g, &opts).unwrap());
    let nodes = items(&svg, "node");
    let tasks = g.tasks(&directive_lineage::TaskFilter::new().agency("Sở Nội vụ").jurisdiction("quang-ninh"));
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
