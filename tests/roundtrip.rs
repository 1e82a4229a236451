//! The round trip load → `export --format corpus` (README, "Round trip"):
//! every value is kept, text is stored in NFC and a number in its official
//! form (each file so changed warned about once, with where), only the
//! layout is rewritten, and an export reads back to the same bytes.

use std::fs;
use std::path::{Path, PathBuf};

use directive_lineage::{Corpus, Deadline, Indicator, LineageGraph, Rule, Severity};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

/// A data directory under target/ with the bundled tables and `files` as
/// its corpus.
fn data_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("roundtrip-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("corpus")).unwrap();
    for table in ["agencies.json", "jurisdictions.json"] {
        fs::copy(format!("{DATA}/{table}"), dir.join(table)).unwrap();
    }
    for (f, content) in files {
        fs::write(dir.join("corpus").join(f), content).unwrap();
    }
    dir
}

/// The export of a data directory, loaded both ways (they must agree).
fn export(dir: &Path) -> String {
    let by_corpus = Corpus::load(dir).unwrap().to_json();
    let by_graph = LineageGraph::load(dir).unwrap().corpus().to_json();
    assert_eq!(by_corpus, by_graph, "{}", dir.display());
    by_corpus
}

/// `input` with the forms an export writes in place of the shorter ones a
/// person may write: a deadline given as text becomes the object with the
/// interval read from it, an indicator gets the comparator and value read
/// from its target, empty lists go, a missing title is written empty.
fn as_exported(mut input: Value) -> Value {
    for doc in input["documents"].as_array_mut().unwrap() {
        let doc = doc.as_object_mut().unwrap();
        doc.retain(|_, v| v.as_array().is_none_or(|a| !a.is_empty()));
        doc.entry("title").or_insert(Value::from(""));
        for clause in doc.get_mut("clauses").and_then(Value::as_array_mut).into_iter().flatten() {
            let clause = clause.as_object_mut().unwrap();
            if let Some(Value::String(text)) = clause.get("deadline") {
                let parsed = serde_json::to_value(Deadline::parse(text)).unwrap();
                clause.insert("deadline".into(), parsed);
            }
            clause.get_mut("indicators").map(indicators_as_exported);
        }
    }
    input
}

fn indicators_as_exported(list: &mut Value) {
    for i in list.as_array_mut().unwrap() {
        let s = |k: &str| i[k].as_str().unwrap_or("").to_string();
        let read = Indicator::new(&s("row"), &s("name"), &s("unit"), &s("target"));
        let read = serde_json::to_value(read).unwrap();
        for k in ["comparator", "value"] {
            i.as_object_mut().unwrap().entry(k).or_insert(read[k].clone());
        }
        i.get_mut("parts").map(indicators_as_exported);
    }
}

/// Where two JSON values first differ, for a readable failure.
fn difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => difference(p, q, &format!("{at}.{k}")),
                (p, q) => Some(format!("{at}.{k}: {p:?} / {q:?}")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(k, (p, q))| difference(p, q, &format!("{at}[{k}]")))
        }
        _ => (a != b).then(|| format!("{at}: {a} / {b}")),
    }
}

#[test]
fn the_bundled_data_keeps_every_value_and_its_export_is_a_fixed_point() {
    let all = export(Path::new(DATA));
    let again = data_dir("bundled", &[("all.json", &all)]);
    assert_eq!(export(&again), all, "the second round trip changes nothing");
    assert_eq!(Corpus::load(&again).unwrap().documents(), Corpus::load(DATA).unwrap().documents());
    assert!(Corpus::load(DATA).unwrap().load_warnings().is_empty());

    let mut canonical = 0;
    for entry in fs::read_dir(format!("{DATA}/corpus")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let input = fs::read_to_string(&path).unwrap();
        let out = export(&data_dir("one", &[(&name, &input)]));
        // Every value is kept; only the layout and the shorter forms change.
        let read: Value = serde_json::from_str(&out).unwrap();
        let want = as_exported(serde_json::from_str(&input).unwrap());
        assert_eq!(difference(&read, &want, ""), None, "{name}: exported / read");
        assert_eq!(export(&data_dir("one-again", &[(&name, &out)])), out, "{name}");
        if out == input {
            canonical += 1;
        }
    }
    // A file already in the exported form comes back byte for byte.
    assert!(canonical >= 1, "no bundled file is in the exported form");
    let written = fs::read_to_string(format!("{DATA}/corpus/quang-ngai-2023-kh-ubnd-193.json")).unwrap();
    assert_eq!(export(&data_dir("quang-ngai", &[("q.json", &written)])), written);
}

/// The texts of one document, in NFD where `nfd` is set; the JSON of a
/// corpus file holding it and a clean document.
fn texts_file(nfd: bool) -> String {
    let t = |s: &str| if nfd { s.nfd().collect::<String>() } else { s.to_string() };
    let doc = serde_json::json!({
        "id": "quang-ninh/2024/kh-ubnd/7", "kind": "ke-hoach", "number": "7/KH-UBND",
        "issuer": t("UBND tỉnh Quảng Ninh"), "jurisdiction": "quang-ninh", "level": "province",
        "branch": "government", "date": "2024-06-27", "title": t("Kế hoạch triển khai"),
        "signer": {"name": t("Nguyễn Văn Thành"), "capacity": t("KT. CHỦ TỊCH")},
        "status": "full-text",
        "citations": [{"text": t("Chỉ thị số 25-CT/TW"), "target": "vn/2023/ct-tw/25", "relation": "implements"}],
        "clauses": [
            {"path": "1", "kind": "item", "heading": t("Nhiệm vụ"), "text": "plain", "provenance": "stated"},
            {"path": "2", "kind": "item", "text": t("Rà soát, đánh giá"), "provenance": "stated",
             "assignments": [{"agency": t("Sở Y tế"), "role": "lead",
                              "deadline": {"text": t("Quý II năm 2024"), "kind": "by", "start": "2024-04-01", "end": "2024-06-30"}}],
             "deadline": t("Quý IV năm 2024"),
             "indicators": [{"row": "1", "name": t("Tỷ lệ người dân"), "unit": "%", "target": t("≥95")}],
             "raw": [t("dòng chưa đọc được")]}
        ],
        "warnings": [{"line": 3, "message": t("không đọc được")}]
    });
    let clean = serde_json::json!({
        "id": "quang-ninh/2024/kh-ubnd/8", "kind": "ke-hoach", "issuer": "UBND tỉnh Quảng Ninh",
        "jurisdiction": "quang-ninh", "level": "province", "branch": "government", "title": "Sạch",
        "status": "full-text"
    });
    let file = serde_json::json!({"format": "directive-lineage/corpus@1", "documents": [clean, doc]});
    serde_json::to_string_pretty(&file).unwrap()
}

/// Every text field of the exported form of `doc`, as JSON strings.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn text_not_in_nfc_is_read_as_nfc_with_one_warning_for_its_file() {
    let (nfd, nfc) = (texts_file(true), texts_file(false));
    assert_ne!(nfd, nfc);
    let dir = data_dir(
        "nfd",
        &[("a.json", &nfd), ("b.json", &nfc.replace("/7\"", "/9\"").replace("/8\"", "/10\""))],
    );
    let corpus = Corpus::load(&dir).unwrap();
    let graph = LineageGraph::load(&dir).unwrap();
    for warnings in [corpus.load_warnings(), graph.corpus().load_warnings()] {
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert_eq!(w.file.as_deref(), Some(dir.join("corpus/a.json").as_path()));
        assert_eq!(w.document.as_ref().map(|d| d.as_str()), Some("quang-ninh/2024/kh-ubnd/7"));
        // 13 texts were decomposed: issuer, title, the signer's two, the
        // citation, heading, clause text, agency, two deadlines, the
        // indicator's name, the raw line and the warning (`≥` has no
        // decomposition).
        assert_eq!(w.count, 13, "{w}");
        let line = nfd.lines().position(|l| l.contains("\"id\": \"quang-ninh/2024/kh-ubnd/7\"")).unwrap();
        assert_eq!(w.line, Some(line), "the line of the document's `{{`: {w}");
        assert!(w.to_string().contains(&format!("a.json:{line}: quang-ninh/2024/kh-ubnd/7")), "{w}");
        assert!(w.message.contains("was not in Unicode NFC") && w.message.contains("12 more"), "{w}");
    }
    // Every text is stored in NFC; the export is what the NFC file exports.
    let mut all = Vec::new();
    strings(&serde_json::to_value(corpus.documents()).unwrap(), &mut all);
    assert!(all.iter().all(|s| s.nfc().eq(s.chars())), "{all:?}");
    let out = export(&dir);
    assert!(out.contains("Rà soát, đánh giá") && out.contains("Tỷ lệ người dân"));
    let exported_nfc = export(&data_dir("nfc", &[("a.json", &nfc)]));
    assert!(out.starts_with(&exported_nfc[..exported_nfc.len() - "\n  ]\n}\n".len()]), "{out}");
    // Read back, the export is warned about no more and does not change.
    let again = data_dir("nfd-again", &[("all.json", &out)]);
    assert!(Corpus::load(&again).unwrap().load_warnings().is_empty());
    assert_eq!(export(&again), out);

    // From a string: the name given stands for the file.
    let c = Corpus::from_json("given.json", &nfd).unwrap();
    assert_eq!(c.load_warnings().len(), 1);
    assert_eq!(c.load_warnings()[0].file.as_deref(), Some(Path::new("given.json")));

    // `validate` lists the warning with the file's other problems.
    let problems = graph.validate();
    let p = problems.iter().find(|p| p.rule == Rule::NormalisedOnLoad).expect("listed");
    assert_eq!((p.severity, p.line), (Severity::Warning, graph.corpus().load_warnings()[0].line));
}

#[test]
fn a_number_is_read_in_its_official_form_with_a_warning() {
    let file = texts_file(false).replace("7/KH-UBND", "7 / kh-ubnd");
    let corpus = Corpus::from_json("n.json", &file).unwrap();
    assert_eq!(corpus.documents()[1].number.as_ref().unwrap().to_string(), "7/KH-UBND");
    let w = &corpus.load_warnings()[0];
    assert_eq!(w.count, 1);
    assert!(
        w.message.contains(r#"number "7 / kh-ubnd" was not in its official form; read as "7/KH-UBND""#),
        "{w}"
    );
}

/// `roundtrip-lossy/corpus/x.json` of the issue's reproducers: every value
/// that load used to drop or rewrite, with what each now gives.
const LOSSY: &str = r#"{
  "format": "directive-lineage/corpus@1",
  "documents": [
    {
      "id": "quang-ninh/2024/kh-ubnd/999",
      "kind": "ke-hoach",
      "number": "999/KH-UBND",
      "issuer": "UBND tỉnh Quảng Ninh",
      "jurisdiction": "quang-ninh",
      "level": "province",
      "branch": "government",
      "date": "2024-+6-27",
      "title": "T",
      "status": "full-text",
      "clauses": [
        {
          "path": "1",
          "kind": "item",
          "text": "a",
          "provenance": "stated",
          "comment": "x",
          "assignments": [
            {
              "agency": "Sở Y tế",
              "role": "lead",
              "completed": "+202-01-01",
              "note": "y"
            }
          ],
          "deadline": {
            "text": "Quý II năm 2024",
            "kind": "by",
            "start": "2024-04-01",
            "end": "2099-12-31"
          },
          "implements": [
            {
              "target": "vn/2023/ct-tw/25",
              "provenance": "curated",
              "score": -5.0,
              "why": "z"
            }
          ],
          "indicators": [
            {
              "row": "1",
              "name": "n",
              "unit": "%",
              "target": "≥95",
              "value": null,
              "comparator": null
            }
          ]
        }
      ],
      "notes": "kept?",
      "signer": {
        "name": "A",
        "title": "lost"
      }
    }
  ]
}"#;

/// The reproducer with each of `fixes` (text, replacement) made.
fn lossy(fixes: &[(&str, &str)]) -> String {
    fixes.iter().fold(LOSSY.to_string(), |s, (from, to)| {
        assert!(s.contains(from), "{from}");
        s.replace(from, to)
    })
}

#[test]
fn the_lossy_reproducer_is_refused_value_by_value_and_then_kept_exactly() {
    let fixes: [(&str, &str, &str); 9] = [
        ("\"date\": \"2024-+6-27\"", "\"date\": \"2024-06-27\"", "invalid date: \"2024-+6-27\""),
        ("\"comment\": \"x\",", "", "unknown field `comment`"),
        ("\"+202-01-01\"", "\"2024-07-01\"", "invalid date: \"+202-01-01\""),
        (",\n              \"note\": \"y\"", "", "unknown field `note`"),
        ("\"2099-12-31\"", "\"2024-06-30\"", "outside what its text says: 2024-04-01 to 2024-06-30"),
        ("\"score\": -5.0,", "\"score\": 0.5,", "score -5 is outside 0 to 1"),
        (",\n              \"why\": \"z\"", "", "unknown field `why`"),
        ("\"notes\": \"kept?\",", "", "unknown field `notes`"),
        (",\n        \"title\": \"lost\"", "", "unknown field `title`"),
    ];
    // Fixed one by one, each problem in turn is the one refused, at its line.
    for k in 0..fixes.len() {
        let made: Vec<(&str, &str)> = fixes[..k].iter().map(|(a, b, _)| (*a, *b)).collect();
        let text = lossy(&made);
        let e = Corpus::from_json("x.json", &text).expect_err("refused").to_string();
        let (bad, _, said) = fixes[k];
        let line = 1 + text[..text.find(bad).unwrap()].matches('\n').count();
        assert!(e.contains(said), "{e}");
        let at = e.strip_prefix("x.json:").and_then(|r| r.split(':').next()).unwrap();
        let at: usize = at.parse().unwrap();
        assert!((line..=line + 1).contains(&at), "{e}: expected line {line}");
    }
    // What is left is kept exactly: the export is the input, reformatted.
    let all: Vec<(&str, &str)> = fixes.iter().map(|(a, b, _)| (*a, *b)).collect();
    let fixed = lossy(&all);
    let dir = data_dir("lossy", &[("x.json", &fixed)]);
    let out = export(&dir);
    let read: Value = serde_json::from_str(&out).unwrap();
    let mut want = as_exported(serde_json::from_str(&fixed).unwrap());
    // `null` is no value (as an export writes it), not "read from the target".
    want["documents"][0]["clauses"][0]["indicators"][0]["comparator"] = "ge".into();
    assert_eq!(difference(&read, &want, ""), None, "exported / read");
    assert!(out.contains("\"value\": null") && out.contains("\"completed\": \"2024-07-01\""), "{out}");
    assert!(Corpus::load(&dir).unwrap().load_warnings().is_empty());
    assert_eq!(export(&data_dir("lossy-again", &[("x.json", &out)])), out);
}

#[test]
fn scores_and_values_keep_every_bit_read_in_pieces_or_whole() {
    // Values serde_json's default float parsing reads one bit off.
    let values: [f64; 6] = [0.11063232971748589, 0.9826232180890215, 1.0 / 3.0, 0.1 + 0.2, 5e-324, 0.0];
    let clauses: Vec<Value> = values
        .iter()
        .enumerate()
        .map(|(k, v)| {
            serde_json::json!({"path": format!("{}", k + 1), "kind": "item", "provenance": "inferred",
                "implements": [{"target": "vn/2023/ct-tw/25", "provenance": "inferred", "score": v}],
                "indicators": [{"row": "1", "name": "n", "unit": "%", "target": "x", "comparator": "eq", "value": v * 1e6}]})
        })
        .collect();
    let file = serde_json::json!({"format": "directive-lineage/corpus@1", "documents": [{
        "id": "quang-ninh/2024/kh-ubnd/1", "kind": "ke-hoach", "issuer": "UBND", "jurisdiction": "quang-ninh",
        "level": "province", "branch": "government", "title": "T", "status": "full-text", "clauses": clauses}]});
    // Read in pieces (simd-json), and whole (serde_json: the piece reader
    // leaves surrogate escapes to it).
    let pretty = serde_json::to_string_pretty(&file).unwrap();
    let escaped = pretty.replace("\"title\": \"T\"", "\"title\": \"T \\ud83d\\ude00\"");
    assert_ne!(pretty, escaped);
    for json in [pretty, escaped] {
        let c = Corpus::from_json("scores.json", &json).unwrap();
        for (clause, v) in c.documents()[0].clauses.iter().zip(values) {
            assert_eq!(clause.implements[0].score.map(f64::to_bits), Some(v.to_bits()), "{v}");
            assert_eq!(clause.indicators[0].value.map(f64::to_bits), Some((v * 1e6).to_bits()), "{v}");
        }
    }
}
