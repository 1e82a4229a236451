//! The accuracy measure of the development corpus (`tests/corpus/`): the
//! same comparison as the shared `corpus-dev/score.py`, number for number,
//! run on the library instead of the `lineage` binary.
//!
//! Included by path from `tests/extract_corpus.rs` and
//! `examples/extract_eval.rs`. It works on the extracted document as JSON
//! (`serde_json::to_value` of the first document that is not cited-only), so
//! the field names are exactly those score.py reads, and it folds text with
//! its own [`fold`] (score.py's), not the crate's, so that it does not move
//! with the code it measures.
//!
//! Where score.py would crash (a text field that is not a string, a list
//! that is `null`) this reads `""` or an empty list instead.
#![allow(dead_code)]

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use directive_lineage::{extract_all, ExtractOptions};
use regex::Regex;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// Nonspacing marks (general category Mn), which score.py's fold removes.
static MN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{Mn}+").unwrap());
/// score.py's `toks`: runs of ASCII letters and digits.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[a-z0-9]+").unwrap());
/// Characters Python's `str.isprintable` refuses (other, separators), but
/// the space; `repr` escapes them.
static UNPRINTABLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\p{C}\p{Z}]").unwrap());

/// Python's `\s` in a str pattern (`str.isspace`): Unicode white space and
/// the separators U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// score.py's `fold`: NFD, `đ`/`Đ` to `d`/`D`, nonspacing marks removed,
/// lower case, runs of white space to one space, `" .;,:"` stripped from
/// both ends.
pub fn fold(s: &str) -> String {
    let nfd: String = s.nfd().collect::<String>().replace('đ', "d").replace('Đ', "D");
    let lower = MN.replace_all(&nfd, "").to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut in_space = false;
    for c in lower.chars() {
        if is_py_space(c) {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out.trim_matches(|c| matches!(c, ' ' | '.' | ';' | ',' | ':')).to_string()
}

/// score.py's `toks`: the `[a-z0-9]+` runs of the folded text.
pub fn toks(s: &str) -> Vec<String> {
    TOKEN.find_iter(&fold(s)).map(|m| m.as_str().to_string()).collect()
}

/// score.py's `bag`: the sorted tokens of all items.
pub fn bag<S: AsRef<str>>(items: &[S]) -> Vec<String> {
    let mut out: Vec<String> = items.iter().flat_map(|x| toks(x.as_ref())).collect();
    out.sort();
    out
}

/// score.py's `f1` of two lists compared as sets.
pub fn f1(gold: &[String], got: &[String]) -> f64 {
    let g: HashSet<&String> = gold.iter().collect();
    let o: HashSet<&String> = got.iter().collect();
    if g.is_empty() && o.is_empty() {
        return 1.0;
    }
    let tp = g.intersection(&o).count();
    if tp == 0 {
        return 0.0;
    }
    let p = tp as f64 / o.len() as f64;
    let r = tp as f64 / g.len() as f64;
    2.0 * p * r / (p + r)
}

/// A JSON value read as text the way score.py uses it: `null` (or anything
/// but a string) is `""`.
fn text(v: Option<&Value>) -> &str {
    v.and_then(Value::as_str).unwrap_or("")
}

/// Python truthiness of a JSON value (`None` for a missing key).
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|x| x != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
    }
}

/// A JSON list field's items (`[]` when missing or not a list).
fn list(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The strings of a list field.
fn strings(v: Option<&Value>) -> Vec<String> {
    list(v).iter().map(|x| text(Some(x)).to_string()).collect()
}

/// score.py's `clause_text`: heading and text joined by a space.
pub fn clause_text(clause: &Value) -> String {
    ["heading", "text"]
        .iter()
        .map(|k| clause.get(*k))
        .filter(|v| truthy(*v))
        .map(|v| text(v))
        .collect::<Vec<_>>()
        .join(" ")
}

/// score.py's `sim`: the share of the gold name's words (its first 40)
/// found in the clause's first max(60, 2 × that) words.
pub fn sim(gold_name: &str, clause: &Value) -> f64 {
    sim_toks(&gold_toks(gold_name), &toks(&clause_text(clause)))
}

fn gold_toks(name: &str) -> Vec<String> {
    let mut g = toks(name);
    g.truncate(40);
    g
}

/// [`sim`] on tokens already made (`g` truncated to 40, `c` whole).
fn sim_toks(g: &[String], c: &[String]) -> f64 {
    let c = &c[..c.len().min(60.max(g.len() * 2))];
    if g.is_empty() || c.is_empty() {
        return 0.0;
    }
    let sg: HashSet<&String> = g.iter().collect();
    let sc: HashSet<&String> = c.iter().collect();
    sg.intersection(&sc).count() as f64 / sg.len() as f64
}

/// Python's `repr` of a string.
pub fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c != ' ' && UNPRINTABLE.is_match(c.encode_utf8(&mut [0; 4])) => {
                let k = c as u32;
                let _ = match k {
                    0..=0xff => write!(out, "\\x{k:02x}"),
                    0x100..=0xffff => write!(out, "\\u{k:04x}"),
                    _ => write!(out, "\\U{k:08x}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr` of a JSON value as `json.loads` gives it (`None` when
/// missing).
pub fn py_repr(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "None".into(),
        Some(Value::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => py_repr_str(s),
        Some(Value::Array(a)) => {
            format!("[{}]", a.iter().map(|x| py_repr(Some(x))).collect::<Vec<_>>().join(", "))
        }
        Some(Value::Object(o)) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, x)| format!("{}: {}", py_repr_str(k), py_repr(Some(x))))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `str` of a JSON value (`f"{v}"`).
pub fn py_str(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        v => py_repr(v),
    }
}

/// One measure of one text: how many are right of how many, and what was
/// wrong (score.py's lines for `--verbose`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measure {
    pub ok: usize,
    pub total: usize,
    pub misses: Vec<String>,
}

impl Measure {
    fn new(ok: usize, total: usize, misses: Vec<String>) -> Measure {
        Measure { ok, total, misses }
    }
}

/// The scores of one labelled text.
#[derive(Clone, Debug)]
pub struct TextScore {
    /// The file stem (`nq-122-nq-cp-2026`).
    pub name: String,
    /// `gazette`, `markdown` or `other`, from the text's `SOURCE` line.
    pub family: &'static str,
    /// The extraction error, when there is no document.
    pub error: Option<String>,
    /// Header fields exact (number, date, issuer, signer, title), of 5.
    pub header: Measure,
    /// Numbered citations of the label found among the citation targets.
    pub cites: Measure,
    /// Gold tasks matched to an extracted clause.
    pub found: Measure,
    /// Found tasks with the lead agencies' words exact.
    pub lead: Measure,
    /// Found tasks with the lead agencies exact, split the same way.
    pub split: Measure,
    /// Found tasks with the deadline text exact.
    pub deadline: Measure,
    /// Cooperating agencies' F1, averaged over the found tasks.
    pub coop: f64,
}

impl TextScore {
    /// score.py's `passes`: header full, every task found, lead and deadline
    /// exact on at least 95% of the gold tasks.
    pub fn passes(&self) -> bool {
        let t = if self.found.total == 0 { 1 } else { self.found.total } as f64;
        self.header.ok == self.header.total
            && self.found.ok == self.found.total
            && self.lead.ok as f64 >= 0.95 * t
            && self.deadline.ok as f64 >= 0.95 * t
    }

    /// The measures summed in the TOTAL line, by score.py's names.
    fn totals(&self) -> [(&'static str, &Measure); 6] {
        [
            ("header", &self.header),
            ("cites", &self.cites),
            ("found", &self.found),
            ("lead", &self.lead),
            ("split", &self.split),
            ("deadline", &self.deadline),
        ]
    }
}

/// The family of a text from its first line: `gazette` (PDF text of the
/// Công báo), `markdown` (a legal site's markdown export) or `other`.
pub fn family(text: &str) -> &'static str {
    let first = text.lines().next().unwrap_or("");
    if first.contains("PDF text of Công báo") {
        "gazette"
    } else if first.contains("markdown") {
        "markdown"
    } else {
        "other"
    }
}

/// The labelled texts of a gold folder: the sorted stems of its `*.json`.
pub fn gold_names(gold_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(gold_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", gold_dir.display()))
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "json").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    names.sort();
    names
}

/// Extracts `text` with the library, as the `lineage extract --format json`
/// that score.py runs does: the first document that is not cited-only (the
/// first of all when every one is), as JSON.
pub fn extract_doc(text: &str, source: &str) -> Result<Value, String> {
    let docs = extract_all(text, &ExtractOptions::new(source)).map_err(|e| e.to_string())?;
    let docs: Vec<Value> =
        docs.iter().map(|d| serde_json::to_value(d).map_err(|e| e.to_string())).collect::<Result<_, _>>()?;
    let main = docs.iter().find(|d| d.get("status").and_then(Value::as_str) != Some("cited-only"));
    main.or(docs.first()).cloned().ok_or_else(|| "no document extracted".to_string())
}

/// Scores the text `NAME.txt` of `texts_dir` against `NAME.json` of
/// `gold_dir`. Panics when the label cannot be read.
pub fn score_text(texts_dir: &Path, gold_dir: &Path, name: &str) -> TextScore {
    let gold_path = gold_dir.join(format!("{name}.json"));
    let gold: Value = std::fs::read_to_string(&gold_path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
    let file = format!("{name}.txt");
    let source = std::fs::read_to_string(texts_dir.join(&file));
    let family = source.as_deref().map(family).unwrap_or("other");
    let doc = source
        .map_err(|e| format!("{}: {e}", texts_dir.join(&file).display()))
        .and_then(|t| extract_doc(&t, &file));
    score_doc(name, family, &gold, doc)
}

/// Scores an extracted document (or its extraction error) against a label:
/// score.py's `score`.
pub fn score_doc(name: &str, family: &'static str, gold: &Value, doc: Result<Value, String>) -> TextScore {
    let tasks = list(gold.get("tasks"));
    let doc = match doc {
        Ok(d) => d,
        Err(e) => {
            return TextScore {
                name: name.to_string(),
                family,
                error: Some(e),
                header: Measure::new(0, 5, vec!["no document".into()]),
                cites: Measure::default(),
                found: Measure::new(0, tasks.len(), Vec::new()),
                lead: Measure::default(),
                split: Measure::default(),
                deadline: Measure::default(),
                coop: 0.0,
            }
        }
    };

    // Header.
    let got_num = fold(text(doc.get("number")));
    let (number, symbol) = (py_str(gold.get("number")), py_str(gold.get("symbol")));
    let want_nums = [fold(&format!("{number}/{symbol}")), fold(&format!("{number}-{symbol}"))];
    let null = Value::Null;
    let signer = doc.get("signer").filter(|s| truthy(Some(s))).and_then(|s| s.get("name"));
    let title60: String = text(doc.get("title")).chars().take(60).collect();
    let checks = [
        ("number", want_nums.contains(&got_num), py_repr(doc.get("number"))),
        (
            "date",
            doc.get("date").unwrap_or(&null) == gold.get("issued").unwrap_or(&null),
            py_repr(doc.get("date")),
        ),
        (
            "issuer",
            fold(text(doc.get("issuer"))) == fold(text(gold.get("issuer"))),
            py_repr(doc.get("issuer")),
        ),
        ("signer", fold(text(signer)) == fold(text(gold.get("signer"))), py_repr(signer)),
        ("title", fold(text(doc.get("title"))) == fold(text(gold.get("title"))), py_repr_str(&title60)),
    ];
    let header = Measure::new(
        checks.iter().filter(|c| c.1).count(),
        checks.len(),
        checks.iter().filter(|c| !c.1).map(|(k, _, got)| format!("{k}: got {got}")).collect(),
    );

    // Numbered citations.
    let targets: Vec<HashSet<String>> = list(doc.get("citations"))
        .iter()
        .map(|c| toks(&text(c.get("target")).replace(['/', '-'], " ")).into_iter().collect())
        .collect();
    let numbered: BTreeSet<String> = list(gold.get("citations"))
        .iter()
        .filter(|c| truthy(c.get("number_symbol")))
        .map(|c| py_str(c.get("number_symbol")))
        .collect();
    let missed: Vec<String> = numbered
        .iter()
        .filter(|n| {
            let want: HashSet<String> = toks(n).into_iter().collect();
            !targets.iter().any(|t| want.is_subset(t))
        })
        .cloned()
        .collect();
    let cites = Measure::new(numbered.len() - missed.len(), numbered.len(), missed);

    // Tasks: clauses that carry an assignment or a deadline are candidates,
    // matched greedily in gold order.
    let cands: Vec<&Value> = list(doc.get("clauses"))
        .iter()
        .filter(|c| truthy(c.get("assignments")) || truthy(c.get("deadline")))
        .collect();
    let cand_toks: Vec<Vec<String>> = cands.iter().map(|c| toks(&clause_text(c))).collect();
    let mut used = vec![false; cands.len()];
    let mut pairs: Vec<(&Value, &Value)> = Vec::new();
    let mut lost = Vec::new();
    let tag = |t: &Value| format!("{}.{}", py_str(t.get("group")), py_str(t.get("stt")));
    for t in tasks {
        let g = gold_toks(text(t.get("name")));
        let (mut best, mut bs) = (None, 0.0);
        for (i, c) in cand_toks.iter().enumerate() {
            if used[i] {
                continue;
            }
            let s = sim_toks(&g, c);
            if s > bs {
                best = Some(i);
                bs = s;
            }
        }
        match best {
            Some(i) if bs >= 0.6 => {
                used[i] = true;
                pairs.push((t, cands[i]));
            }
            _ => lost.push(tag(t)),
        }
    }
    let found = Measure::new(pairs.len(), tasks.len(), lost);

    let (mut lead_ok, mut split_ok, mut dl_ok) = (0, 0, 0);
    let (mut coop, mut lead_bad, mut dl_bad) = (Vec::new(), Vec::new(), Vec::new());
    for (t, c) in &pairs {
        let asg = list(c.get("assignments"));
        let role = |r: &str| -> Vec<Value> {
            asg.iter()
                .filter(|a| a.get("role").and_then(Value::as_str) == Some(r))
                .map(|a| a.get("agency").cloned().unwrap_or(Value::Null))
                .collect()
        };
        let (lead, co) = (role("lead"), role("cooperating"));
        let lead_s: Vec<String> = lead.iter().map(|a| text(Some(a)).to_string()).collect();
        let co_s: Vec<String> = co.iter().map(|a| text(Some(a)).to_string()).collect();
        let gold_lead = strings(t.get("lead"));
        if bag(&lead_s) == bag(&gold_lead) {
            lead_ok += 1;
        } else {
            lead_bad.push(format!(
                "{}: {} vs {}",
                tag(t),
                py_repr(Some(&Value::Array(lead))),
                py_repr(t.get("lead"))
            ));
        }
        let sorted_fold = |xs: &[String]| {
            let mut v: Vec<String> = xs.iter().map(|x| fold(x)).collect();
            v.sort();
            v
        };
        if sorted_fold(&lead_s) == sorted_fold(&gold_lead) {
            split_ok += 1;
        }
        let fold_all = |xs: &[String]| xs.iter().map(|x| fold(x)).collect::<Vec<_>>();
        coop.push(f1(&fold_all(&strings(t.get("cooperate"))), &fold_all(&co_s)));
        let got = c.get("deadline").filter(|d| truthy(Some(d))).and_then(|d| d.get("text"));
        if fold(text(got)) == fold(text(t.get("deadline"))) {
            dl_ok += 1;
        } else {
            dl_bad.push(format!("{}: {} vs {}", tag(t), py_repr(got), py_repr(t.get("deadline"))));
        }
    }
    let n = pairs.len();
    // Summed left to right, as Python 3.11's `sum` does (3.12 compensates;
    // the difference never shows at two decimals).
    let coop = if n > 0 { coop.iter().fold(0.0, |a, x| a + x) / n as f64 } else { 0.0 };
    TextScore {
        name: name.to_string(),
        family,
        error: None,
        header,
        cites,
        found,
        lead: Measure::new(lead_ok, n, lead_bad),
        split: Measure::new(split_ok, n, Vec::new()),
        deadline: Measure::new(dl_ok, n, dl_bad),
        coop,
    }
}

/// Scores the texts `names` (every label of `gold_dir` when empty).
pub fn score_all(texts_dir: &Path, gold_dir: &Path, names: &[String]) -> Vec<TextScore> {
    let names = if names.is_empty() { gold_names(gold_dir) } else { names.to_vec() };
    names.iter().map(|n| score_text(texts_dir, gold_dir, n)).collect()
}

/// The TOTAL line of some results, score.py's, with `label` after `TOTAL`
/// when not empty.
fn total_line(label: &str, results: &[&TextScore]) -> String {
    let mut sums = [(0, 0); 6];
    for r in results {
        for (i, (_, m)) in r.totals().iter().enumerate() {
            sums[i].0 += m.ok;
            sums[i].1 += m.total;
        }
    }
    let names = ["header", "cites", "found", "lead", "split", "deadline"];
    let cells: Vec<String> = names.iter().zip(sums).map(|(k, (a, b))| format!("{k} {a}/{b}")).collect();
    let at_bar = results.iter().filter(|r| r.passes()).count();
    let label = if label.is_empty() { String::new() } else { format!("{label} ") };
    format!("TOTAL {label}{}; texts at bar {at_bar}/{}", cells.join(", "), results.len())
}

/// The table score.py prints (with `verbose`, its mismatch lines), then a
/// TOTAL line per family (`TOTAL gazette ...`) and the overall TOTAL line.
pub fn render(results: &[TextScore], verbose: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:34} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:>6}",
        "text", "header", "cites", "tasks", "lead", "split", "deadl", "coopF1"
    );
    for r in results {
        let cell = |m: &Measure| format!("{}/{}", m.ok, m.total);
        let _ = write!(
            out,
            "{:34} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:6.2}",
            r.name,
            cell(&r.header),
            cell(&r.cites),
            cell(&r.found),
            cell(&r.lead),
            cell(&r.split),
            cell(&r.deadline),
            r.coop
        );
        if !r.passes() {
            out.push_str("  below bar");
        }
        if let Some(e) = &r.error {
            let _ = write!(out, "  ERROR {e}");
        }
        out.push('\n');
        if verbose {
            for (k, m) in [
                ("header", &r.header),
                ("cites", &r.cites),
                ("found", &r.found),
                ("lead", &r.lead),
                ("deadline", &r.deadline),
            ] {
                for line in m.misses.iter().take(12) {
                    let _ = writeln!(out, "    {k}: {line}");
                }
            }
        }
    }
    for fam in ["gazette", "markdown", "other"] {
        let of: Vec<&TextScore> = results.iter().filter(|r| r.family == fam).collect();
        if !of.is_empty() {
            let _ = writeln!(out, "{}", total_line(fam, &of));
        }
    }
    let _ = writeln!(out, "{}", total_line("", &results.iter().collect::<Vec<_>>()));
    out
}
