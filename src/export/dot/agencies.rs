//! The agency view: agencies and their tasks.

use std::collections::HashMap;

use dot_writer::{Attributes, DotWriter, Scope};
use indexmap::{IndexMap, IndexSet};

use super::{
    clause_node, escape, finish, header, jurisdiction_name, label, quote_id, status_legend, DotOptions,
};
use crate::corpus::{AgencyMatch, AgencyQuery};
use crate::error::Result;
use crate::export::task_statuses;
use crate::graph::{Edge, LineageGraph, NodeRef};
use crate::model::deadline::TaskStatus;
use crate::model::{AgencyKind, Role};

/// Agency view: each agency points to its tasks, solid for lead, dashed for
/// cooperating; tasks grouped by document and coloured by status as of a
/// date. Agencies missing from the alias table are pink, groups (`UBND các
/// huyện, thị xã, thành phố`) have a double border.
///
/// Options read: jurisdiction, agency, status (with as_of), wrap, max_label.
///
/// ```
/// # use directive_lineage::{Corpus, LineageGraph, DotOptions, agencies_dot};
/// # let graph = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
/// let dot = agencies_dot(&graph, &DotOptions::new().jurisdiction("quang-ninh").agency("Sở Nội vụ"))?;
/// assert!(dot.contains("\"agency:quang-ninh/so-noi-vu\""));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn agencies_dot(graph: &LineageGraph, opts: &DotOptions) -> Result<String> {
    let as_of = opts.day(graph);
    let statuses = as_of.map(|d| task_statuses(graph, d)).unwrap_or_default();
    let mut assigns = chosen_assignments(graph, opts)?;
    assigns.retain(|(task, _, _)| opts.wants(statuses.get(*task).copied()));
    let agencies: IndexSet<&str> = assigns.iter().map(|a| a.1).collect();
    let mut tasks: IndexMap<&str, IndexSet<&str>> = IndexMap::new();
    for (s, _, _) in &assigns {
        if let Some(d) = graph.get(s).and_then(|n| n.document()) {
            tasks.entry(d.id.as_str()).or_default().insert(s);
        }
    }

    let mut title = "Agencies and their tasks".to_string();
    if let Some(a) = &opts.agency {
        title = format!("Tasks of {a}");
    }
    title.push_str(&opts.scope_note(graph));
    let mut bytes = Vec::new();
    {
        let mut w = DotWriter::from(&mut bytes);
        let mut g = w.digraph();
        header(&mut g, &title, "LR");
        g.set("ranksep", "1.2", false);
        draw_agency_column(&mut g, graph, opts, &agencies);
        draw_task_clusters(&mut g, graph, opts, &tasks, &statuses);
        for (s, t, role) in &assigns {
            let mut a = g.edge(quote_id(t), quote_id(s)).attributes();
            match role {
                Role::Lead => a.set("penwidth", "1.5", false).set("color", "#1f4e79", true),
                Role::Cooperating => a.set("style", "dashed", true).set("color", "#7f7f7f", true),
            };
        }
        status_legend(
            &mut g,
            as_of,
            &[
                "solid: lead (chủ trì) · dashed: cooperating (phối hợp)",
                "pink agency: not in the alias table",
            ],
        );
    }
    Ok(finish(bytes))
}

/// The assignments the agency view draws, as (task, agency, role): those in
/// the jurisdiction and to the agency, when set.
fn chosen_assignments<'g>(
    graph: &'g LineageGraph,
    opts: &DotOptions,
) -> Result<Vec<(&'g str, &'g str, Role)>> {
    let family = opts.family(graph)?;
    if let Some(a) = &opts.agency {
        graph.corpus().check_agency(a)?;
    }
    let mut query = opts.agency.as_deref().map(|q| AgencyQuery::new(graph.corpus(), q));
    let mut assigns: Vec<(&str, &str, Role)> = Vec::new();
    for (s, t, e) in graph.edges() {
        let Edge::Assigns { role, index } = e else { continue };
        let Some(NodeRef::Clause(d, c)) = graph.get(s) else { continue };
        if family.as_ref().is_some_and(|f| !f.contains(&d.jurisdiction)) {
            continue;
        }
        if let Some(q) = query.as_mut() {
            // The rule of `TaskFilter::agency`, without groups.
            let Some(a) = c.assignments.get(*index as usize) else { continue };
            if q.matches(&a.agency, &d.jurisdiction) != AgencyMatch::Same {
                continue;
            }
        }
        assigns.push((s, t, *role));
    }
    Ok(assigns)
}

/// The assigned tasks in a cluster per document, coloured by status.
fn draw_task_clusters(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    opts: &DotOptions,
    tasks: &IndexMap<&str, IndexSet<&str>>,
    statuses: &HashMap<String, TaskStatus>,
) {
    for (doc_id, ids) in tasks {
        let Some(doc) = graph.get(doc_id).and_then(|n| n.document()) else { continue };
        let mut c = g.cluster();
        c.set_label(&label(opts.lines(&doc.display_name())));
        c.set("style", "rounded", true);
        c.set("color", "#c8c8c8", true);
        for &id in ids {
            if let Some(NodeRef::Clause(d, cl)) = graph.get(id) {
                clause_node(&mut c, id, d, cl, statuses.get(id).copied(), opts);
            }
        }
    }
}

/// The agencies in one column, shaped by kind, pink when not in the alias
/// table.
fn draw_agency_column(
    g: &mut Scope<'_, '_>,
    graph: &LineageGraph,
    opts: &DotOptions,
    agencies: &IndexSet<&str>,
) {
    let mut col = g.subgraph();
    col.set("rank", "same", false);
    for &id in agencies {
        let Some(NodeRef::Agency(a)) = graph.get(id) else { continue };
        let mut lines = opts.lines(&a.name);
        lines.extend(opts.lines(&format!("({})", jurisdiction_name(graph, &a.jurisdiction))));
        let mut n = col.node_named(quote_id(id));
        n.set_label(&label(lines)).set("tooltip", &escape(id), true);
        match a.kind {
            AgencyKind::Group => n.set("shape", "ellipse", false).set("peripheries", "2", false),
            AgencyKind::Office => n.set("shape", "octagon", false),
            _ => n.set("shape", "ellipse", false),
        };
        n.set("style", "filled", true).set("fillcolor", if a.known { "#e8f0fe" } else { "#fde8e8" }, true);
    }
}
