//! Node-link JSON for notebooks, the shape networkx's
//! `node_link_graph` reads.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use super::{tag, task_statuses};
use crate::graph::{Edge, LineageGraph, NodeRef};
use crate::model::date::Date;
use crate::model::deadline::TaskStatus;
use crate::model::{Clause, Provenance, Role};

/// The `graph.format` field of the node-link export.
pub const NODE_LINK_FORMAT: &str = "directive-lineage/node-link@1";

/// Options of [`to_node_link`].
///
/// ```
/// use directive_lineage::{Date, NodeLinkOptions};
/// let opts = NodeLinkOptions::new().as_of("2025-08-01".parse::<Date>().unwrap()).with_inferred(true);
/// # let _ = opts;
/// ```
#[derive(Clone, Debug, Default)]
pub struct NodeLinkOptions {
    as_of: Option<Date>,
    with_inferred: bool,
}

impl NodeLinkOptions {
    /// No task status, curated and stated links only (as
    /// [`QueryOptions::new`](crate::QueryOptions::new)).
    pub fn new() -> NodeLinkOptions {
        NodeLinkOptions::default()
    }

    /// Give every task its `task_status` as of this date.
    pub fn as_of(mut self, day: Date) -> NodeLinkOptions {
        self.as_of = Some(day);
        self
    }

    /// Also export links proposed by alignment (`provenance: "inferred"`,
    /// with `score`).
    pub fn with_inferred(mut self, yes: bool) -> NodeLinkOptions {
        self.with_inferred = yes;
        self
    }
}

/// The graph as node-link JSON:
/// `{"directed": true, "multigraph": true, "graph": {...}, "nodes": [...], "edges": [...]}`.
///
/// Every node has the same keys (`null` where a key does not apply): `id`,
/// `type` (`document`, `clause`, `task`, `agency`, `jurisdiction`), `label`,
/// `level`, `jurisdiction`, `date`, `document` (document id), `document_name`,
/// `path`, `kind`, `status` (of the document), `provenance`, `number`,
/// `issuer`, `title`, `deadline` (as written), `deadline_kind`, `start`,
/// `due`, `task_status` (as of [`NodeLinkOptions::as_of`]), `completed`,
/// `lead`, `cooperating` (agency names as written), `successor`.
///
/// Every edge has `source`, `target`, `key` (counts edges of the same pair
/// from 0, so multigraph keys are stable), `type` (`contains`, `implements`,
/// `assigns`, `based-on`, `cites`, `issued-in`, `succeeded-by`),
/// `provenance`, `score`, `role`, `relation`, `deadline`, `completed` and
/// `date` (the date of issue of the source document, or when a successor
/// took over).
///
/// Nodes and edges come in graph order, so the same graph gives the same
/// bytes. networkx 3.6 reads it with `node_link_graph(d)`, older versions
/// with `node_link_graph(d, edges="edges")`.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, NodeLinkOptions, to_node_link};
/// # let graph = LineageGraph::build(Corpus::bundled());
/// let v = to_node_link(&graph, &NodeLinkOptions::new().with_inferred(true));
/// assert_eq!(v["nodes"].as_array().unwrap().len(), graph.node_count());
/// assert_eq!(v["edges"].as_array().unwrap().len(), graph.edge_count());
/// assert_eq!(v["nodes"][0]["id"], graph.nodes().next().unwrap().0);
/// ```
pub fn to_node_link(graph: &LineageGraph, opts: &NodeLinkOptions) -> Value {
    let statuses = opts.as_of.map(|d| task_statuses(graph, d)).unwrap_or_default();
    let nodes: Vec<Value> = graph.nodes().map(|(id, n)| node_value(graph, id, n, &statuses)).collect();
    let mut keys: HashMap<(&str, &str), u32> = HashMap::new();
    let mut edges = Vec::with_capacity(graph.edge_count());
    for (s, t, e) in graph.edges() {
        if matches!(e, Edge::Implements { provenance: Provenance::Inferred, .. }) && !opts.with_inferred {
            continue;
        }
        let k = keys.entry((s, t)).or_insert(0);
        edges.push(edge_value(graph, s, t, *k, e));
        *k += 1;
    }
    json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "name": "directive-lineage",
            "format": NODE_LINK_FORMAT,
            "as_of": opts.as_of.map(|d| d.to_string()),
            "with_inferred": opts.with_inferred,
            "node_count": nodes.len(),
            "edge_count": edges.len(),
        },
        "nodes": nodes,
        "edges": edges,
    })
}

/// [`to_node_link`] as pretty-printed JSON with a final newline.
pub fn node_link_json(graph: &LineageGraph, opts: &NodeLinkOptions) -> String {
    let mut out = Vec::new();
    write_node_link(graph, opts, &mut out).expect("writing to a Vec does not fail");
    out.push(b'\n');
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// [`node_link_json`] (without the final newline) written to `w` one node and
/// edge at a time: the same bytes, but never the whole graph as a JSON value
/// in memory, which for a national corpus of a million clauses would take
/// tens of gigabytes.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, NodeLinkOptions, node_link_json, write_node_link};
/// # let graph = LineageGraph::build(Corpus::bundled());
/// let mut out = Vec::new();
/// write_node_link(&graph, &NodeLinkOptions::new(), &mut out)?;
/// assert_eq!(String::from_utf8(out).unwrap() + "\n", node_link_json(&graph, &NodeLinkOptions::new()));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_node_link<W: std::io::Write>(
    graph: &LineageGraph,
    opts: &NodeLinkOptions,
    mut w: W,
) -> std::io::Result<()> {
    let statuses = opts.as_of.map(|d| task_statuses(graph, d)).unwrap_or_default();
    let skip = |e: &Edge| {
        matches!(e, Edge::Implements { provenance: Provenance::Inferred, .. }) && !opts.with_inferred
    };
    let edge_count = graph.edges().filter(|(_, _, e)| !skip(e)).count();
    let head = json!({
        "name": "directive-lineage",
        "format": NODE_LINK_FORMAT,
        "as_of": opts.as_of.map(|d| d.to_string()),
        "with_inferred": opts.with_inferred,
        "node_count": graph.node_count(),
        "edge_count": edge_count,
    });
    let mut buf = Vec::new();
    w.write_all(b"{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": ")?;
    nested(&mut w, &mut buf, &head, 1)?;
    w.write_all(b",\n  \"nodes\": ")?;
    let nodes = graph.nodes().map(|(id, n)| node_value(graph, id, n, &statuses));
    array(&mut w, &mut buf, nodes)?;
    w.write_all(b",\n  \"edges\": ")?;
    let mut keys: HashMap<(&str, &str), u32> = HashMap::new();
    let edges = graph.edges().filter(|(_, _, e)| !skip(e)).map(|(s, t, e)| {
        let k = keys.entry((s, t)).or_insert(0);
        let v = edge_value(graph, s, t, *k, e);
        *k += 1;
        v
    });
    array(&mut w, &mut buf, edges)?;
    w.write_all(b"\n}")
}

/// Writes the elements of an array at depth 1 as `to_string_pretty` of the
/// whole document would.
fn array<W: std::io::Write>(
    w: &mut W,
    buf: &mut Vec<u8>,
    items: impl Iterator<Item = Value>,
) -> std::io::Result<()> {
    let mut empty = true;
    for v in items {
        w.write_all(if empty { b"[\n    " } else { b",\n    " })?;
        nested(w, buf, &v, 2)?;
        empty = false;
    }
    w.write_all(if empty { b"[]" } else { b"\n  ]" })
}

/// A value pretty-printed as if `depth` levels deep (two spaces a level):
/// JSON strings hold no raw newline, so every newline is layout.
fn nested<W: std::io::Write>(w: &mut W, buf: &mut Vec<u8>, v: &Value, depth: usize) -> std::io::Result<()> {
    buf.clear();
    serde_json::to_writer_pretty(&mut *buf, v).map_err(std::io::Error::other)?;
    let indent = &b"        "[..2 * depth];
    for (i, line) in buf.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            w.write_all(b"\n")?;
            w.write_all(indent)?;
        }
        w.write_all(line)?;
    }
    Ok(())
}

fn date(d: Option<Date>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn node_value(
    graph: &LineageGraph,
    id: &str,
    node: NodeRef<'_>,
    statuses: &HashMap<String, TaskStatus>,
) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), id.into());
    m.insert("type".into(), node.type_name().into());
    m.insert("label".into(), node.label().into());
    let level = match node {
        NodeRef::Document(d) | NodeRef::Clause(d, _) => Some(d.level),
        NodeRef::Agency(a) => graph.corpus().jurisdiction(&a.jurisdiction).map(|j| j.level),
        NodeRef::Jurisdiction(j) => Some(j.level),
    };
    m.insert("level".into(), level.map(|l| l.to_string()).into());
    let jurisdiction = match node {
        NodeRef::Document(d) | NodeRef::Clause(d, _) => d.jurisdiction.as_str(),
        NodeRef::Agency(a) => a.jurisdiction.as_str(),
        NodeRef::Jurisdiction(j) => j.id.as_str(),
    };
    m.insert("jurisdiction".into(), jurisdiction.into());
    let doc = node.document();
    m.insert("date".into(), date(doc.and_then(|d| d.date)));
    m.insert("document".into(), doc.map(|d| d.id.to_string()).into());
    m.insert("document_name".into(), doc.map(|d| d.display_name()).into());
    let clause = match node {
        NodeRef::Clause(_, c) => Some(c),
        _ => None,
    };
    m.insert("path".into(), clause.map(|c| c.path.clone()).into());
    let kind = match node {
        NodeRef::Document(d) => tag(&d.kind),
        NodeRef::Clause(_, c) => tag(&c.kind),
        NodeRef::Agency(a) => tag(&a.kind),
        NodeRef::Jurisdiction(_) => String::new(),
    };
    m.insert("kind".into(), Some(kind).filter(|k| !k.is_empty()).into());
    m.insert("status".into(), doc.map(|d| tag(&d.status)).into());
    m.insert("provenance".into(), clause.map(|c| tag(&c.provenance)).into());
    m.insert("number".into(), doc.and_then(|d| d.number.as_ref()).map(|n| n.to_string()).into());
    m.insert("issuer".into(), doc.map(|d| d.issuer.clone()).into());
    m.insert("title".into(), doc.map(|d| d.title.clone()).into());
    let dl = clause.and_then(|c| c.deadline.as_ref());
    m.insert("deadline".into(), dl.map(|d| d.text().to_string()).into());
    m.insert("deadline_kind".into(), dl.map(|d| tag(&d.kind())).into());
    m.insert("start".into(), date(dl.and_then(|d| d.start())));
    m.insert("due".into(), date(dl.and_then(|d| d.due())));
    m.insert("task_status".into(), statuses.get(id).map(tag).into());
    m.insert("completed".into(), date(clause.and_then(Clause::completion)));
    let names = |r| clause.map(|c| c.agencies(r).collect::<Vec<_>>()).unwrap_or_default();
    m.insert("lead".into(), names(Role::Lead).into());
    m.insert("cooperating".into(), names(Role::Cooperating).into());
    let successor = match node {
        NodeRef::Jurisdiction(j) => j.successor.clone(),
        _ => None,
    };
    m.insert("successor".into(), successor.into());
    Value::Object(m)
}

fn edge_value(graph: &LineageGraph, s: &str, t: &str, key: u32, e: &Edge) -> Value {
    let source = graph.get(s);
    let source_doc = source.and_then(|n| n.document());
    let mut m = Map::new();
    m.insert("source".into(), s.into());
    m.insert("target".into(), t.into());
    m.insert("key".into(), key.into());
    m.insert("type".into(), e.type_name().into());
    let (provenance, score) = match e {
        Edge::Implements { provenance, score } => {
            // Four places is what a score means.
            (Some(tag(provenance)), score.map(|s| (s * 1e4).round() / 1e4))
        }
        _ => (None, None),
    };
    m.insert("provenance".into(), provenance.into());
    m.insert("score".into(), score.into());
    let assignment = match (e, source) {
        (Edge::Assigns { index, .. }, Some(NodeRef::Clause(_, c))) => c.assignments.get(*index as usize),
        _ => None,
    };
    let role = match e {
        Edge::Assigns { role, .. } => Some(tag(role)),
        _ => None,
    };
    m.insert("role".into(), role.into());
    let relation = match e {
        Edge::Implements { .. } => Some("implements".to_string()),
        Edge::Cites(r) => Some(r.to_string()),
        _ => None,
    };
    m.insert("relation".into(), relation.into());
    m.insert(
        "deadline".into(),
        assignment.and_then(|a| a.deadline.as_ref()).map(|d| d.text().to_string()).into(),
    );
    m.insert("completed".into(), date(assignment.and_then(|a| a.completed)));
    let day = match (e, source) {
        (Edge::Implements { .. } | Edge::Cites(_), _) => source_doc.and_then(|d| d.date),
        (Edge::SucceededBy, Some(NodeRef::Jurisdiction(j))) => j.successor_since,
        _ => None,
    };
    m.insert("date".into(), date(day));
    Value::Object(m)
}
