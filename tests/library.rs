//! The library as a dependent crate uses it (issue 14, item 3): the
//! bundled data, documents built in code, errors that say the form
//! expected, one float type for scores, Debug on the public types.

use directive_lineage::{Corpus, LineageGraph, Provenance, QueryOptions};

fn curated() -> Corpus {
    Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).expect("the curated data loads")
}

/// A score is an f64 from the corpus to every answer: a trace, coverage
/// and their JSON give the stored value, not a rounded f32 of it.
#[test]
fn scores_keep_every_bit_from_corpus_to_answers() {
    let third = 1.0_f64 / 3.0;
    let mut corpus = curated();
    let plan =
        corpus.documents_mut().iter_mut().find(|d| d.id.as_str() == "thai-binh/2024/kh-syt/56").unwrap();
    let group4 = plan.clauses.iter_mut().find(|c| c.path == "4").unwrap();
    group4.implements[0].provenance = Provenance::Inferred;
    group4.implements[0].score = Some(third);
    let graph = LineageGraph::build(corpus);
    let opts = QueryOptions::new().with_inferred(true);

    let trace = graph.trace_down("25-CT/TW#4", &opts).unwrap();
    let hit = trace.hits().find(|h| h.id == "thai-binh/2024/kh-syt/56#4").unwrap();
    assert_eq!(hit.score, Some(third));
    let json = serde_json::to_value(&trace).unwrap();
    let row = json.as_array().unwrap().iter().find(|h| h["id"] == "thai-binh/2024/kh-syt/56#4").unwrap();
    assert_eq!(row["score"].as_f64(), Some(third));

    let rows = graph.coverage("25-CT/TW", Some("thai-binh"), &opts).unwrap();
    let inferred: Vec<f64> = rows.iter().flat_map(|r| r.inferred.iter().map(|(_, s)| *s)).collect();
    assert!(inferred.contains(&third), "{inferred:?}");
}

/// Every public type prints with `{:?}` (the crate denies
/// `missing_debug_implementations`); the graph and a trace print a summary.
#[test]
fn graph_and_trace_print_with_debug() {
    let graph = LineageGraph::build(curated());
    let shown = format!("{graph:?}");
    assert!(shown.starts_with("LineageGraph { documents: 27, nodes: "), "{shown}");
    let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new()).unwrap();
    let shown = format!("{trace:?}");
    assert!(
        shown.starts_with(&format!("Trace {{ len: {}, ids: [\"vn/2023/ct-tw/25#4\", ", trace.len())),
        "{shown}"
    );
}
