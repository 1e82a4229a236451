//! The library as a dependent crate uses it (issue 14, items 3 and 5): the
//! bundled data, documents built in code, errors that say the form
//! expected, one float type for scores, Debug on the public types, Party
//! numbers as texts print them.

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

/// `Corpus::bundled` is the crate's `data/` directory without reading it:
/// every corpus file (a file left out of the embedded list would drop its
/// documents here), in load order, and both tables.
#[test]
fn bundled_corpus_is_the_data_directory() {
    let (bundled, loaded) = (Corpus::bundled(), curated());
    assert_eq!(bundled.documents(), loaded.documents());
    assert_eq!(bundled.agencies(), loaded.agencies());
    assert_eq!(bundled.jurisdictions(), loaded.jurisdictions());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for i in 0..loaded.documents().len() {
        let origin = bundled.origin(i).unwrap();
        assert!(origin.starts_with("data/corpus"), "{}", origin.display());
        assert_eq!(root.join(origin), loaded.origin(i).unwrap());
    }
    let graph = LineageGraph::build(bundled);
    assert!(graph.validate().is_empty(), "{:?}", graph.validate());
}

/// What `Corpus::bundled` embeds is in the package a dependent downloads.
#[test]
fn embedded_files_ship_in_the_package() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = std::process::Command::new(cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let listed = String::from_utf8(o.stdout).unwrap();
    let listed: Vec<&str> = listed.lines().collect();
    let mut embedded = vec!["data/agencies.json".to_string(), "data/jurisdictions.json".to_string()];
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        embedded.push(format!("data/corpus/{name}"));
    }
    for file in &embedded {
        assert!(listed.contains(&file.as_str()), "{file} is not in the package");
    }
}

/// `Corpus::new` carries the shipped tables: the agencies of a document
/// added to it resolve, and a query for Hưng Yên includes Thái Bình.
#[test]
fn new_corpus_has_the_shipped_tables() {
    let mut corpus = Corpus::new();
    assert!(corpus.documents().is_empty());
    for d in curated().documents() {
        corpus.add(d.clone());
    }
    let graph = LineageGraph::build(corpus);
    assert!(graph.validate().is_empty(), "{:?}", graph.validate());
    assert!(graph.agencies().iter().all(|a| a.known), "{:?}", graph.agencies());

    let mut bare = Corpus::empty();
    for d in curated().documents() {
        bare.add(d.clone());
    }
    let problems = LineageGraph::build(bare).validate();
    assert!(problems.iter().any(|p| p.rule == directive_lineage::Rule::UnknownAgency));
}

/// What `Document::builder` derives from a number agrees with the curated
/// corpus for every numbered document in it: id, kind, level and branch.
#[test]
fn builder_derives_what_the_curators_wrote() {
    let mut checked = 0;
    for d in curated().documents() {
        let Some(number) = &d.number else { continue };
        let mut b = directive_lineage::Document::builder(&number.to_string()).jurisdiction(&d.jurisdiction);
        b = match d.date {
            Some(date) => b.date(date),
            None => b.year(d.id.year()),
        };
        let built = b.build().unwrap_or_else(|e| panic!("{}: {e}", d.id));
        assert_eq!(built.id, d.id);
        assert_eq!((built.kind, built.level, built.branch), (d.kind, d.level, d.branch), "{}", d.id);
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

/// Extraction reads the Central Committee's organ printed `TƯ` as `TW`: the
/// citation links the directive's canonical id, and the cited-only
/// document is central and of the Party.
#[test]
fn extraction_reads_tu_with_its_diacritic_as_tw() {
    use directive_lineage::{extract_all, Branch, ExtractOptions, Level, Relation};
    let text = "Số: 10/KH-SYT\nBắc Giang, ngày 18 tháng 01 năm 2024\nKẾ HOẠCH\n\
                Triển khai thực hiện Nghị quyết\n\
                Thực hiện Nghị quyết số 18-NQ/TƯ ngày 25/10/2017 của Ban Chấp hành Trung ương.\n\
                I. NHIỆM VỤ\n1. Phòng Nghiệp vụ Y chủ trì rà soát.";
    let docs = extract_all(text, &ExtractOptions::new("10.txt")).unwrap();
    let link = &docs[0].citations[0];
    assert_eq!((link.target.as_str(), link.relation), ("vn/2017/nq-tw/18", Relation::Implements));
    let cited = docs.iter().find(|d| d.id.as_str() == "vn/2017/nq-tw/18").unwrap();
    assert_eq!(cited.number.as_ref().unwrap().to_string(), "18-NQ/TW");
    assert_eq!((cited.level, cited.branch), (Level::Central, Branch::Party));
}
