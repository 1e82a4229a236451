//! `lineage add` end to end on real texts: the 13 texts of the development
//! corpus added to an empty data directory join as one graph (a document
//! cited by several texts is one node), the seeds' data added on top keeps
//! both seed chains, adding again changes no byte, and a newcomer's plan
//! added to a copy of `data/` no longer breaks it (issue 12).
#![cfg(feature = "cli")]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use directive_lineage::{Corpus, DocId, LineageGraph, QueryOptions, Relation, Role};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn lineage(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lineage")).args(args).output().expect("lineage runs")
}

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// `lineage add … --data DIR --format json`: exit code and report.
fn add(dir: &Path, inputs: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["add"];
    args.extend(inputs);
    args.extend(["--data", dir.to_str().unwrap(), "--format", "json"]);
    let o = lineage(&args);
    let report = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", said(&o)));
    (o.status.code(), report)
}

/// A fresh, empty folder for one test.
fn fresh(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn entries(report: &Value) -> &Vec<Value> {
    report["report"]["entries"].as_array().unwrap()
}

/// The outcomes of a report's entries, counted.
fn outcomes(report: &Value) -> BTreeMap<String, usize> {
    let mut n = BTreeMap::new();
    for e in entries(report) {
        *n.entry(e["outcome"].as_str().unwrap().to_string()).or_default() += 1;
    }
    n
}

/// `check --format json`: the problems of severity error, as `rule: message`.
fn errors(dir: &Path) -> Vec<String> {
    let o = lineage(&["check", "--data", dir.to_str().unwrap(), "--format", "json"]);
    let problems: Vec<Value> =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", said(&o)));
    problems
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            format!("{}: {}: {}", p["rule"].as_str().unwrap(), p["document"], p["message"].as_str().unwrap())
        })
        .collect()
}

/// The block of a lineage tree that starts with `head`, up to the blank line.
fn block<'a>(tree: &'a str, head: &str) -> Vec<&'a str> {
    tree.lines().skip_while(|l| !l.starts_with(head)).take_while(|l| !l.is_empty()).collect()
}

/// Every document of a data directory that cites `target`, with how.
fn citers(corpus: &Corpus, target: &str) -> Vec<(String, Relation)> {
    let mut out: Vec<(String, Relation)> = corpus
        .documents()
        .iter()
        .flat_map(|d| {
            d.citations.iter().filter(|l| l.target.as_str() == target).map(|l| (d.id.to_string(), l.relation))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

#[test]
fn the_development_corpus_joins_as_one_graph_and_the_seeds_on_top() {
    let dir = fresh("add-dev-corpus");
    let texts = format!("{ROOT}/tests/corpus/texts");
    let (code, report) = add(&dir, &[&texts]);
    assert_eq!(code, Some(0), "{report}");
    let n = outcomes(&report);
    assert_eq!(n.get("conflict"), None, "{n:?}");
    let full: Vec<&Value> = entries(&report).iter().filter(|e| e["status"] != "cited-only").collect();
    assert_eq!(full.len(), 13, "one full document per text");
    // The shipped tables were written: the directory is complete on its own.
    assert!(dir.join("agencies.json").is_file() && dir.join("jurisdictions.json").is_file());
    assert_eq!(
        fs::read(dir.join("agencies.json")).unwrap(),
        fs::read(format!("{ROOT}/data/agencies.json")).unwrap()
    );
    assert!(dir.join("corpus/ha-noi-2025-kh-ubnd-308.json").is_file());
    assert!(dir.join("corpus/vn-2025-qd-ttg-2629.json").is_file());

    // `check`: no error at all (warnings, such as deadlines already past at
    // issue or agencies not in the registry, are allowed).
    let errs = errors(&dir);
    assert!(errs.is_empty(), "{errs:#?}");

    one_node_per_cited_document(&dir, &report);
    trace_214_reaches_hanoi_tasks(&dir);

    // Adding the same folder again: every document unchanged, no byte written.
    let before = snapshot(&dir);
    let (code, again) = add(&dir, &[&texts]);
    assert_eq!(code, Some(0));
    assert_eq!(outcomes(&again).keys().collect::<Vec<_>>(), ["unchanged"], "{:?}", outcomes(&again));
    assert_eq!(entries(&again).len(), entries(&report).len());
    assert!(again["report"]["files"].as_array().unwrap().is_empty());
    assert_eq!(snapshot(&dir), before, "a second add changed files");

    seeds_on_top(&dir);
}

/// 71/NQ-CP, 214/NQ-CP and 140/NQ-CP are cited by several texts: each is
/// one node, linked from every citing text.
fn one_node_per_cited_document(dir: &Path, report: &Value) {
    let corpus = Corpus::load(dir).unwrap();
    for id in ["vn/2025/nq-cp/71", "vn/2025/nq-cp/214", "vn/2025/nq-cp/140"] {
        let held: Vec<_> = corpus.documents().iter().filter(|d| d.id.as_str() == id).collect();
        assert_eq!(held.len(), 1, "{id} is {} nodes", held.len());
        assert_eq!(held[0].status.to_string(), "cited-only");
    }
    let names = |id: &str| citers(&corpus, id).into_iter().map(|(d, _)| d).collect::<Vec<_>>();
    let by71 = names("vn/2025/nq-cp/71");
    for d in ["vn/2026/nq-cp/109", "vn/2025/qd-ttg/2629", "dong-thap/2025/kh-ubnd/283"] {
        assert!(by71.contains(&d.to_string()), "{d} does not cite 71/NQ-CP: {by71:?}");
    }
    // Through 283/KH-UBND, which Đồng Tháp's 617/KH-UBND cites in a chain.
    let by283 = citers(&corpus, "dong-thap/2025/kh-ubnd/283");
    assert!(by283.iter().any(|(d, _)| d == "dong-thap/2025/kh-ubnd/617"), "{by283:?}");
    let by214 = citers(&corpus, "vn/2025/nq-cp/214");
    assert!(by214.contains(&("ha-noi/2025/kh-ubnd/308".to_string(), Relation::Implements)), "{by214:?}");
    assert!(by214.iter().any(|(d, _)| d == "vn/2025/qd-ttg/2629"), "{by214:?}");
    let by140 = names("vn/2025/nq-cp/140");
    assert!(
        by140.contains(&"vn/2026/nq-cp/97".to_string()) && by140.contains(&"vn/2026/nq-cp/109".to_string())
    );
    let n71 = corpus.documents().iter().find(|d| d.id.as_str() == "vn/2025/nq-cp/71").unwrap();
    // The first text read (Đồng Tháp's, "ngày 01/5/2025") gave the date;
    // 109/NQ-CP says 01/4/2025: reported, not applied.
    assert_eq!(n71.date.unwrap().to_string(), "2025-05-01");
    let said = entries(report).iter().find(|e| {
        e["id"] == "vn/2025/nq-cp/71" && e["from"].as_str().unwrap().ends_with("nq-109-nq-cp-2026.txt")
    });
    let conflicts = &said.unwrap()["conflicts"];
    assert!(
        conflicts.as_array().unwrap().iter().any(|c| c["field"] == "date" && c["offered"] == "2025-04-01"),
        "{conflicts}"
    );
    // 140/NQ-CP gained 97/NQ-CP's chain link to 66-NQ/TW when it was cited again.
    let n140 = corpus.documents().iter().find(|d| d.id.as_str() == "vn/2025/nq-cp/140").unwrap();
    assert!(n140.citations.iter().any(|l| l.target.as_str() == "vn/2025/nq-tw/66"));
}

/// `trace "214/NQ-CP"` reaches Hà Nội's 308/KH-UBND and its tasks, with the
/// lead agency and deadline its text gives.
fn trace_214_reaches_hanoi_tasks(dir: &Path) {
    let o = lineage(&["trace", "214/NQ-CP", "--data", dir.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", said(&o));
    let graph = LineageGraph::load(dir).unwrap();
    let trace = graph.trace_down("214/NQ-CP", &QueryOptions::new()).unwrap();
    assert!(trace.contains("ha-noi/2025/kh-ubnd/308"));
    // "1.1 … b) Đơn vị chủ trì: Sở Khoa học và Công nghệ … c) Thời gian
    // thực hiện: Hoàn thành trong năm 2025", and "Đơn vị chủ trì: Công an
    // Thành phố … Thực hiện thường xuyên" under 3.
    for (path, lead, deadline) in [
        ("II.1.1.a", "Sở Khoa học và Công nghệ", "Hoàn thành trong năm 2025"),
        ("II.3.a", "Công an Thành phố", "Thực hiện thường xuyên"),
    ] {
        let id = format!("ha-noi/2025/kh-ubnd/308#{path}");
        let hit = trace.hits().find(|h| h.id == id).unwrap_or_else(|| panic!("{id} not traced"));
        assert_eq!(hit.agencies(Role::Lead), [lead], "{id}");
        assert_eq!(hit.deadline().map(|d| d.text().to_string()).as_deref(), Some(deadline), "{id}");
    }
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("Công an Thành phố") && out.contains("Hoàn thành trong năm 2025"));
}

/// The seeds' corpus files added on top: both seed chains trace, and the
/// lineage of 25-CT/TW is the one the bundled data gives, in the library and
/// in `cargo run --example lineage DIR`.
fn seeds_on_top(dir: &Path) {
    let mut seeds: Vec<String> = fs::read_dir(format!("{ROOT}/data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    seeds.sort();
    let seeds: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let (code, report) = add(dir, &seeds);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(outcomes(&report).get("conflict"), None);
    let errs = errors(dir);
    assert!(errs.is_empty(), "{errs:#?}");

    let graph = LineageGraph::load(dir).unwrap();
    let opts = QueryOptions::new();
    let trace = graph.trace_down("25-CT/TW", &opts).unwrap();
    for id in ["vn/2024/qd-ttg/281", "quang-ninh/2024/kh-ubnd/162", "thai-binh/2024/kh-tu/230"] {
        assert!(trace.contains(id), "25-CT/TW does not reach {id}");
    }
    let thai_binh = graph.trace_down("230-KH/TU@thai-binh", &opts).unwrap();
    assert!(
        thai_binh.contains("thai-binh/2024/kh-ubnd/47") && thai_binh.contains("thai-binh/2024/kh-syt/56")
    );
    assert!(graph.trace_down("281/QĐ-TTg", &opts).unwrap().contains("quang-ninh/2024/kh-ubnd/162#PL.12"));
    // 25-CT/TW keeps its reconstructed groups in a file of its own.
    let id: DocId = "vn/2023/ct-tw/25".parse().unwrap();
    assert_eq!(graph.corpus().document(&id).unwrap().clauses.len(), 5);
    assert!(dir.join("corpus/vn-2023-ct-tw-25.json").is_file());

    let bundled = LineageGraph::build(Corpus::bundled()).lineage_tree();
    let want = block(&bundled, "Chỉ thị 25-CT/TW");
    assert!(want.len() > 6, "{bundled}");
    assert_eq!(block(&graph.lineage_tree(), "Chỉ thị 25-CT/TW"), want);
    let example = example_lineage(dir);
    assert_eq!(block(&example, "Chỉ thị 25-CT/TW"), want, "{example}");
}

/// What `cargo run --example lineage DIR OUT` prints (built by `cargo test`
/// next to the test binaries), with no Graphviz on the `PATH`.
fn example_lineage(dir: &Path) -> String {
    let exe = std::env::current_exe().unwrap();
    let examples = exe.parent().and_then(|p| p.parent()).unwrap().join("examples");
    let path = examples.join(format!("lineage{}", std::env::consts::EXE_SUFFIX));
    assert!(path.is_file(), "{} not built: run the whole `cargo test`", path.display());
    let no_dot = fresh("add-no-graphviz");
    fs::create_dir_all(&no_dot).unwrap();
    let views = fresh("add-views");
    let o = Command::new(path).arg(dir).arg(&views).env("PATH", &no_dot).output().unwrap();
    String::from_utf8(o.stdout).unwrap()
}

/// The reproduction: a plan extracted from text and added to a copy
/// of `data/` leaves it one graph (no id twice; coverage of 25-CT/TW
/// answers), both when the plan is new and when it is one the data holds.
#[test]
fn a_newcomers_plan_joins_a_copy_of_the_data() {
    let work = fresh("add-newcomer");
    let data = work.join("data");
    copy_dir(Path::new(&format!("{ROOT}/data")), &data);
    let shipped = snapshot(&data);
    let text = fs::read_to_string(data.join("sources/thai-binh-2024-kh-syt-56.txt")).unwrap();

    // The same text again: the citations it makes are the known documents,
    // the plan itself is held already and differs (its curated links): a
    // conflict, reported, nothing written.
    let copy = work.join("new-plan.txt");
    fs::write(&copy, &text).unwrap();
    let (code, report) = add(&data, &[copy.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{report}");
    let by_id: BTreeMap<&str, &str> = entries(&report)
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["outcome"].as_str().unwrap()))
        .collect();
    assert_eq!(by_id["thai-binh/2024/kh-syt/56"], "conflict");
    for id in ["thai-binh/2024/kh-ubnd/47", "thai-binh/2024/kh-tu/230", "vn/2023/ct-tw/25"] {
        assert_eq!(by_id[id], "unchanged", "{id}");
    }
    assert_eq!(snapshot(&data), shipped, "a conflict wrote a file");
    coverage_answers(&data);

    // A new plan (the same text renumbered 57/KH-SYT), extracted to JSON as
    // the issue did, then added.
    let new = work.join("new-plan-57.txt");
    fs::write(&new, text.replace("56/KH-SYT", "57/KH-SYT")).unwrap();
    let o = lineage(&["extract", new.to_str().unwrap(), "--data", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", said(&o));
    let json = work.join("new-plan-57.json");
    fs::write(&json, &o.stdout).unwrap();
    let (code, report) = add(&data, &[json.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(outcomes(&report), BTreeMap::from([("added".into(), 1), ("unchanged".into(), 3)]));
    assert!(data.join("corpus/thai-binh-2024-kh-syt-57.json").is_file());
    let errs = errors(&data);
    assert!(errs.is_empty(), "{errs:#?}");
    coverage_answers(&data);
    let graph = LineageGraph::load(&data).unwrap();
    let trace = graph.trace_down("47/KH-UBND@thai-binh", &QueryOptions::new()).unwrap();
    assert!(trace.contains("thai-binh/2024/kh-syt/57") && trace.contains("thai-binh/2024/kh-syt/56"));
    // The text of the same plan, added after its JSON: nothing new.
    let (code, report) = add(&data, &[new.to_str().unwrap()]);
    assert_eq!((code, outcomes(&report)), (Some(0), BTreeMap::from([("unchanged".into(), 4)])));
}

fn coverage_answers(data: &Path) {
    let o = lineage(&["coverage", "25-CT/TW", "--data", data.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", said(&o));
    let coverage: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(coverage["document"], "vn/2023/ct-tw/25");
    let rows = coverage["clauses"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| !r["implemented_by"].as_array().unwrap().is_empty()));
    assert!(rows.iter().all(|r| r["status"] == "tasks"), "{rows:#?}");
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).unwrap();
        }
    }
}

/// 122/NQ-CP cites 109/NQ-CP: added first, it leaves a placeholder of
/// 109/NQ-CP in `cited.json`; 109/NQ-CP's text then replaces it under the
/// same id, in a file of its own, and the link from 122/NQ-CP still holds.
#[test]
fn a_text_replaces_its_placeholder() {
    let dir = fresh("add-placeholder");
    let texts = format!("{ROOT}/tests/corpus/texts");
    let (code, first) = add(&dir, &[&format!("{texts}/nq-122-nq-cp-2026.txt")]);
    assert_eq!(code, Some(0), "{first}");
    let placeholder = entries(&first).iter().find(|e| e["id"] == "vn/2026/nq-cp/109").unwrap();
    assert_eq!(
        (placeholder["outcome"].as_str(), placeholder["status"].as_str()),
        (Some("added"), Some("cited-only"))
    );
    assert!(placeholder["file"].as_str().unwrap().ends_with("corpus/cited.json"));

    // --dry-run: the same report, nothing written.
    let before = snapshot(&dir);
    let o = lineage(&[
        "add",
        &format!("{texts}/nq-109-nq-cp-2026.txt"),
        "--data",
        dir.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(o.status.success(), "{}", said(&o));
    let printed = String::from_utf8(o.stdout).unwrap();
    assert!(printed.contains("updated    vn/2026/nq-cp/109"), "{printed}");
    assert!(
        printed.contains("dry run, would write corpus/cited.json, corpus/vn-2026-nq-cp-109.json"),
        "{printed}"
    );
    assert_eq!(snapshot(&dir), before, "--dry-run wrote");

    let (code, second) = add(&dir, &[&format!("{texts}/nq-109-nq-cp-2026.txt")]);
    assert_eq!(code, Some(0), "{second}");
    let text109 = &entries(&second)[0];
    assert_eq!(
        (text109["id"].as_str(), text109["outcome"].as_str()),
        (Some("vn/2026/nq-cp/109"), Some("updated"))
    );
    assert!(text109["file"].as_str().unwrap().ends_with("corpus/vn-2026-nq-cp-109.json"));
    let corpus = Corpus::load(&dir).unwrap();
    let held: Vec<_> = corpus.documents().iter().filter(|d| d.id.as_str() == "vn/2026/nq-cp/109").collect();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].status.to_string(), "full-text");
    assert!(held[0].clauses.len() > 100);
    let cited = fs::read_to_string(dir.join("corpus/cited.json")).unwrap();
    assert!(!cited.contains("\"vn/2026/nq-cp/109\""), "the placeholder stayed in cited.json");
    assert!(citers(&corpus, "vn/2026/nq-cp/109").iter().any(|(d, _)| d == "vn/2026/nq-cp/122"));
    let errs = errors(&dir);
    assert!(errs.is_empty(), "{errs:#?}");

    // Both again, in either order: nothing changes.
    let before = snapshot(&dir);
    let (_, again) =
        add(&dir, &[&format!("{texts}/nq-109-nq-cp-2026.txt"), &format!("{texts}/nq-122-nq-cp-2026.txt")]);
    assert_eq!(outcomes(&again).keys().collect::<Vec<_>>(), ["unchanged"]);
    assert_eq!(snapshot(&dir), before);
}

/// A held document that differs is kept unless --replace; then replaced
/// where it is.
#[test]
fn replace_takes_the_added_version() {
    let dir = fresh("add-replace");
    let plan = format!("{ROOT}/data/sources/quang-ninh-2024-kh-ubnd-162.txt");
    let curated = format!("{ROOT}/data/corpus/quang-ninh-2024-kh-ubnd-162.json");
    let (code, _) = add(&dir, &[&curated]);
    assert_eq!(code, Some(0));
    let (code, report) = add(&dir, &[&plan]);
    assert_eq!(code, Some(1), "the curated links differ from the extracted text: {report}");
    let e = &entries(&report)[0];
    assert_eq!(e["outcome"], "conflict");
    let fields: Vec<&str> =
        e["conflicts"].as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"clauses"), "{fields:?}");
    let o = lineage(&["add", &plan, "--data", dir.to_str().unwrap(), "--replace"]);
    assert!(o.status.success(), "{}", said(&o));
    let corpus = Corpus::load(&dir).unwrap();
    let doc = corpus.document_by_ref("162/KH-UBND").unwrap();
    assert_eq!(
        doc.source.as_deref(),
        Some("sources/quang-ninh-2024-kh-ubnd-162.txt"),
        "the held source is kept"
    );
    let (code, report) = add(&dir, &[&plan]);
    assert_eq!((code, outcomes(&report).get("unchanged").copied()), (Some(0), Some(entries(&report).len())));
}

/// Input that cannot be read is an error with its place, and nothing is
/// written; a mistaken name gets the closest ones.
#[test]
fn unreadable_input_is_an_error_with_its_place() {
    let dir = fresh("add-errors");
    fs::create_dir_all(&dir).unwrap();
    let data = dir.join("data");
    let d = data.to_str().unwrap();
    let texts = format!("{ROOT}/tests/corpus/texts");

    let o = lineage(&["add", &format!("{texts}/ha-noi-2025-kh-ubnd-380.txt"), "--data", d]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("no such file or folder") && err.contains("did you mean"), "{err}");
    assert!(err.contains("ha-noi-2025-kh-ubnd-308.txt"), "{err}");

    let bad = dir.join("bad.txt");
    fs::write(&bad, b"S\xe1\xbb\x91: 12/KH-UBND\nline two \xff here\n").unwrap();
    let o = lineage(&["add", bad.to_str().unwrap(), "--data", d]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("bad.txt:2:10: invalid UTF-8"), "{err}");

    let json = dir.join("broken.json");
    fs::write(&json, "{\"format\": \"directive-lineage/corpus@1\",\n \"documents\": [ {\"id\": 3} ]}")
        .unwrap();
    let o = lineage(&["add", json.to_str().unwrap(), &format!("{texts}/nq-97-nq-cp-2026.txt"), "--data", d]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("broken.json:2:"), "{err}");

    let o = lineage(&[
        "add",
        &format!("{texts}/nq-97-nq-cp-2026.txt"),
        "--data",
        d,
        "--jurisdiction",
        "thai-bin",
    ]);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("unknown jurisdiction \"thai-bin\"; did you mean thai-binh"), "{err}");

    let o = lineage(&["add", &format!("{ROOT}/Cargo.toml"), "--data", d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr)
        .unwrap()
        .contains("expected a text (.txt, .md) or a corpus JSON file"));

    let not_a_plan = dir.join("note.txt");
    fs::write(&not_a_plan, "Hôm nay trời đẹp.\n").unwrap();
    let o = lineage(&["add", not_a_plan.to_str().unwrap(), "--data", d]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stderr).unwrap().contains("note.txt: not a policy document"));

    // No failure wrote anything (or made the data directory).
    assert!(!data.exists());
}
