//! Node-link JSON and the flat tables, on small corpora and on the bundled
//! data.

mod common;

use directive_lineage::{
    documents_csv, documents_json, node_link_json, tasks_csv, tasks_json, to_node_link, Corpus, Date,
    LineageGraph, NodeLinkOptions, TaskFilter, NODE_LINK_FORMAT,
};
use serde_json::Value;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn bundled() -> LineageGraph {
    LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap())
}

fn node<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["nodes"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap_or_else(|| panic!("{id} missing"))
}

fn edges<'a>(v: &'a Value, source: &str, target: &str) -> Vec<&'a Value> {
    v["edges"].as_array().unwrap().iter().filter(|e| e["source"] == source && e["target"] == target).collect()
}

#[test]
fn node_link_shape_and_counts() {
    let g = common::graph(false);
    let v = to_node_link(&g, &NodeLinkOptions::new().with_inferred(true));
    assert_eq!(v["directed"], true);
    assert_eq!(v["multigraph"], true);
    assert_eq!(v["graph"]["format"], NODE_LINK_FORMAT);
    assert_eq!(v["nodes"].as_array().unwrap().len(), g.node_count());
    assert_eq!(v["edges"].as_array().unwrap().len(), g.edge_count());
    let ids: Vec<&str> = v["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    let graph_ids: Vec<&str> = g.nodes().map(|(id, _)| id).collect();
    assert_eq!(ids, graph_ids, "graph order");
    // Same keys everywhere, so that pandas gets one column per attribute.
    let first: Vec<&String> = v["nodes"][0].as_object().unwrap().keys().collect();
    for n in v["nodes"].as_array().unwrap() {
        assert_eq!(n.as_object().unwrap().keys().collect::<Vec<_>>(), first, "{n}");
    }
    let first: Vec<&String> = v["edges"][0].as_object().unwrap().keys().collect();
    for e in v["edges"].as_array().unwrap() {
        assert_eq!(e.as_object().unwrap().keys().collect::<Vec<_>>(), first, "{e}");
    }
    // Without inferred links, the one inferred edge goes.
    let v = to_node_link(&g, &NodeLinkOptions::new());
    assert_eq!(v["edges"].as_array().unwrap().len(), g.edge_count() - 1);
    assert!(edges(&v, "quang-ninh/2024/kh-ubnd/162#PL.13", "vn/2023/ct-tw/25#4").is_empty());
}

#[test]
fn multigraph_keys_count_per_pair() {
    let v = to_node_link(&common::graph(false), &NodeLinkOptions::new());
    // PL.7 names Sở Nội vụ twice.
    let twice = edges(&v, "quang-ninh/2024/kh-ubnd/162#PL.7", "agency:quang-ninh/so-noi-vu");
    assert_eq!(twice.iter().map(|e| e["key"].as_u64().unwrap()).collect::<Vec<_>>(), [0, 1]);
    // 56/KH-SYT cites 25-CT/TW once; its clause's link is another pair.
    let once = edges(&v, "thai-binh/2024/kh-syt/56", "vn/2023/ct-tw/25");
    assert_eq!(once.len(), 1);
    assert_eq!(once[0]["key"], 0);
    // No (source, target, key) twice: networkx would merge them.
    let mut seen = std::collections::HashSet::new();
    for e in v["edges"].as_array().unwrap() {
        assert!(seen.insert((e["source"].to_string(), e["target"].to_string(), e["key"].to_string())), "{e}");
    }
}

#[test]
fn node_and_edge_attributes() {
    let g = common::graph(false);
    let v = to_node_link(&g, &NodeLinkOptions::new().as_of(day("2025-08-01")).with_inferred(true));
    assert_eq!(v["graph"]["as_of"], "2025-08-01");

    let pl7 = node(&v, "quang-ninh/2024/kh-ubnd/162#PL.7");
    assert_eq!(pl7["type"], "task");
    assert_eq!(pl7["level"], "province");
    assert_eq!(pl7["jurisdiction"], "quang-ninh");
    assert_eq!(pl7["date"], "2024-06-27");
    assert_eq!(pl7["document"], "quang-ninh/2024/kh-ubnd/162");
    assert_eq!(pl7["document_name"], "Kế hoạch 162/KH-UBND");
    assert_eq!(pl7["path"], "PL.7");
    assert_eq!(pl7["status"], "full-text");
    assert_eq!(pl7["provenance"], "stated");
    assert_eq!(pl7["deadline"], "Trước tháng 7/2025");
    assert_eq!(pl7["deadline_kind"], "before");
    assert_eq!(pl7["due"], "2025-06-30");
    assert_eq!(pl7["task_status"], "overdue");
    assert_eq!(pl7["lead"], serde_json::json!(["Sở Y tế"]));
    assert_eq!(pl7["cooperating"], serde_json::json!(["Sở Nội vụ", "Sở Nội vụ"]));

    let pl12 = node(&v, "quang-ninh/2024/kh-ubnd/162#PL.12");
    assert_eq!((&pl12["task_status"], &pl12["completed"]), (&"done-on-time".into(), &"2024-12-20".into()));
    assert_eq!(node(&v, "quang-ninh/2024/kh-ubnd/162#PL.15")["start"], "2026-01-01");
    assert_eq!(node(&v, "quang-ninh/2024/kh-ubnd/162#PL.16")["task_status"], "no-deadline");

    let directive = node(&v, "vn/2023/ct-tw/25");
    assert_eq!((&directive["type"], &directive["status"]), (&"document".into(), &"cited-only".into()));
    assert_eq!(directive["number"], "25-CT/TW");
    assert_eq!(directive["task_status"], Value::Null);
    let group = node(&v, "vn/2023/ct-tw/25#4");
    assert_eq!((&group["type"], &group["provenance"]), (&"clause".into(), &"reconstructed".into()));
    let agency = node(&v, "agency:quang-ninh/so-y-te");
    assert_eq!(
        (&agency["type"], &agency["label"], &agency["level"]),
        (&"agency".into(), &"Sở Y tế".into(), &"province".into())
    );
    let tb = node(&v, "jurisdiction:thai-binh");
    assert_eq!(tb["successor"], "hung-yen");

    let inferred = edges(&v, "quang-ninh/2024/kh-ubnd/162#PL.13", "vn/2023/ct-tw/25#4");
    assert_eq!(inferred[0]["type"], "implements");
    assert_eq!(inferred[0]["provenance"], "inferred");
    assert_eq!(inferred[0]["score"], 0.73);
    let doc_link = edges(&v, "quang-ninh/2024/kh-ubnd/162", "vn/2023/ct-tw/25");
    assert_eq!(
        (&doc_link[0]["relation"], &doc_link[0]["date"]),
        (&"implements".into(), &"2024-06-27".into())
    );
    let based = edges(&v, "quang-ninh/2024/kh-ubnd/162", "vn/2015/tt-byt/33");
    assert_eq!((&based[0]["type"], &based[0]["relation"]), (&"based-on".into(), &"based-on".into()));
    let lead = edges(&v, "quang-ninh/2024/kh-ubnd/162#PL.12", "agency:quang-ninh/so-tai-chinh");
    assert_eq!((&lead[0]["role"], &lead[0]["completed"]), (&"lead".into(), &"2024-12-20".into()));
    let coop = edges(&v, "quang-ninh/2024/kh-ubnd/162#PL.12", "agency:quang-ninh/so-y-te");
    assert_eq!(coop[0]["role"], "cooperating");
    let succ = edges(&v, "jurisdiction:thai-binh", "jurisdiction:hung-yen");
    assert_eq!((&succ[0]["type"], &succ[0]["date"]), (&"succeeded-by".into(), &"2025-07-01".into()));
}

#[test]
fn node_link_is_deterministic_and_round_trips_hostile_text() {
    let opts = NodeLinkOptions::new().as_of(day("2025-08-01")).with_inferred(true);
    let a = node_link_json(&common::graph(true), &opts);
    let b = node_link_json(&common::graph(true), &opts);
    assert_eq!(a, b);
    assert!(a.ends_with("}\n"));
    let v: Value = serde_json::from_str(&a).unwrap();
    let g = common::graph(true);
    let title = &g.corpus().documents()[0].title;
    assert!(title.contains(common::HOSTILE));
    assert_eq!(node(&v, "vn/2023/ct-tw/25")["title"], title.as_str());
}

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

#[test]
fn task_table_matches_the_query_and_survives_hostile_text() {
    let g = common::graph(true);
    let filter = TaskFilter::new().as_of(day("2025-08-01"));
    let tasks = g.tasks(&filter).unwrap();
    let (header, rows) = read_csv(&tasks_csv(&g, &filter).unwrap());
    assert_eq!(
        header,
        [
            "id",
            "document_id",
            "document",
            "jurisdiction",
            "path",
            "text",
            "lead",
            "cooperating",
            "deadline",
            "deadline_kind",
            "start",
            "due",
            "status",
            "as_of"
        ]
    );
    assert_eq!(rows.len(), tasks.len());
    for (row, t) in rows.iter().zip(&tasks) {
        assert_eq!(row[0], t.id);
        assert_eq!(row[5], t.text, "hostile text comes back intact");
        assert_eq!(row[6], t.lead.join("; "));
        assert_eq!(row[7], t.cooperating.join("; "));
        assert_eq!(row[11], t.due.map(|d| d.to_string()).unwrap_or_default());
    }
    let pl7 = rows.iter().find(|r| r[4] == "PL.7").unwrap();
    assert_eq!(
        (pl7[1].as_str(), pl7[9].as_str(), pl7[12].as_str(), pl7[13].as_str()),
        ("quang-ninh/2024/kh-ubnd/162", "before", "overdue", "2025-08-01")
    );

    let json: Value = serde_json::from_str(&tasks_json(&g, &filter).unwrap()).unwrap();
    let json = json.as_array().unwrap();
    assert_eq!(json.len(), tasks.len());
    for (r, t) in json.iter().zip(&tasks) {
        assert_eq!(r["id"], t.id.as_str());
        assert_eq!(r["text"], t.text.as_str());
        assert_eq!(r["lead"], serde_json::json!(t.lead));
    }
    // A filter narrows the table like the query.
    let (_, qn) =
        read_csv(&tasks_csv(&g, &TaskFilter::new().agency("Sở nội vụ").jurisdiction("quang-ninh")).unwrap());
    assert_eq!(qn.iter().map(|r| r[4].as_str()).collect::<Vec<_>>(), ["PL.7"]);
}

#[test]
fn document_table() {
    let g = common::graph(true);
    let (header, rows) = read_csv(&documents_csv(&g));
    assert_eq!(header[..3], ["id", "name", "number"]);
    assert_eq!(rows.len(), g.corpus().documents().len());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let tb = rows.iter().find(|r| r[0] == "thai-binh/2024/kh-syt/56").unwrap();
    // Clause-level links count as implements; the citation is `cites`.
    assert_eq!(tb[col("implements")], "vn/2023/ct-tw/25");
    assert_eq!(tb[col("cites")], "vn/2023/ct-tw/25");
    assert_eq!(tb[col("jurisdiction_name")], "Thái Bình");
    assert_eq!(tb[col("status")], "summary");
    let qn = rows.iter().find(|r| r[0] == "quang-ninh/2024/kh-ubnd/162").unwrap();
    // PL.13's link is inferred: it does not add anything, 25-CT/TW is there anyway.
    assert_eq!(qn[col("implements")], "vn/2023/ct-tw/25");
    assert_eq!(qn[col("based_on")], "vn/2015/tt-byt/33");
    assert_eq!((qn[col("clauses")].as_str(), qn[col("tasks")].as_str()), ("9", "6"));
    assert_eq!(qn[col("title")], g.corpus().documents()[2].title, "hostile title intact");
    let draft = rows.iter().find(|r| r[col("status")] == "draft").unwrap();
    assert_eq!(draft[col("date")], "");

    let json: Value = serde_json::from_str(&documents_json(&g)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), rows.len());
    assert_eq!(json[2]["implements"], serde_json::json!(["vn/2023/ct-tw/25"]));
    assert_eq!(json[2]["tasks"], 6);
}

#[test]
fn bundled_data_exports() {
    let g = bundled();
    let day = day("2025-08-01");
    let v = to_node_link(&g, &NodeLinkOptions::new().as_of(day).with_inferred(true));
    assert_eq!(v["nodes"].as_array().unwrap().len(), g.node_count());
    assert_eq!(v["edges"].as_array().unwrap().len(), g.edge_count());
    // The acceptance: row 7 of 162/KH-UBND ("Trước tháng 7/2025") is overdue on 2025-08-01.
    let pl7 = node(&v, "quang-ninh/2024/kh-ubnd/162#PL.7");
    assert_eq!(pl7["deadline"], "Trước tháng 7/2025");
    assert_eq!(pl7["task_status"], "overdue");
    assert!(pl7["cooperating"].as_array().unwrap().iter().any(|a| a == "Sở Nội vụ"), "{pl7}");
    let filter = TaskFilter::new().as_of(day).jurisdiction("quang-ninh");
    let (_, rows) = read_csv(&tasks_csv(&g, &filter).unwrap());
    assert_eq!(rows.len(), g.tasks(&filter).unwrap().len());
    assert!(rows.iter().any(|r| r[4] == "PL.7" && r[12] == "overdue"));
    let (_, docs) = read_csv(&documents_csv(&g));
    assert_eq!(docs.len(), g.corpus().documents().len());
    let qn = docs.iter().find(|r| r[0] == "quang-ninh/2024/kh-ubnd/162").unwrap();
    assert!(qn[14].contains("vn/2023/ct-tw/25") && qn[14].contains("vn/2024/qd-ttg/281"), "{qn:?}");
}
