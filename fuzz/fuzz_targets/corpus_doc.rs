//! Structure-aware corpus JSON: the fuzzer's bytes choose documents field
//! by field (texts in NFC or decomposed, numbers in official or other
//! forms, deadlines as text or as objects, scores, indicators), the layout
//! (as an export writes it, read in pieces, or compact, read whole) and at
//! most one fault: an unknown key or a known one holding nesting up to
//! 100,000 levels deep, a lone surrogate escape, a malformed date, a score
//! outside 0 to 1, a deadline whose dates contradict its text, an unknown
//! top-level key.
//!
//! Checks: no panic or stack overflow; a fault is refused with an error,
//! anything else is read; what is read is exactly what was written (texts
//! in NFC, numbers in official form), with a load warning exactly when a
//! text or number was changed; the export reads back to the same
//! documents without a warning and exports to the same bytes.
#![no_main]

use directive_lineage::{nfc, Corpus, Deadline, DocNumber};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use unicode_normalization::UnicodeNormalization;

const WORDS: &[&str] = &[
    "Kế", "hoạch", "triển", "khai", "Quý", "Ủy", "ban", "nhân", "dân", "tỉnh", "Sở", "Y", "tế", "đánh",
    "giá", "\"trích\"", "back\\slash", "tab\there", "😀", "<b>", "{a}", "−", "–", "“x”", "hoá", "hóa",
    "Ωμέγα", "ﬁ", "Å", "e\u{301}", "\u{0}", "x",
];
const NUMBERS: &[&str] =
    &["162/KH-UBND", "281/QĐ-TTg", "281/QĐ-TTG", "25-CT/TW", "25/CT-TW", "97/NQ-CP", "10/KH-SYT", "/KH-SYT"];
const DEADLINES: &[&str] = &[
    "Quý II năm 2024", "Quý IV/2026", "Trước tháng 7/2025", "Từ năm 2026", "Cả năm 2024", "Tháng 3/2027",
    "Nhiệm vụ thường xuyên", "Phấn đấu đến năm 2030", "2027 - 2030", "sớm", "",
];
const TARGETS: &[&str] = &["≥95", "<22", "17,6", "5.130", "100", "trên 95%", "x"];

/// The one fault a file may carry.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fault {
    None,
    UnknownKey { depth: u32 },
    NestedInTitle { depth: u32 },
    LoneSurrogate,
    BadDate,
    BadScore,
    Contradiction,
    UnknownRootKey,
}

/// Builds one file: the JSON values (in the exported form, so that what is
/// read can be compared with them) and what was done to them.
struct Gen<'a, 'b> {
    u: &'a mut Unstructured<'b>,
    fault: Fault,
    /// The fault has been placed (some need a field the file may lack).
    placed: bool,
    /// Some text or number was written in a form load changes.
    changed: bool,
}

impl Gen<'_, '_> {
    fn text(&mut self) -> Result<String> {
        let n = self.u.int_in_range(0..=6)?;
        let mut words = Vec::new();
        for _ in 0..n {
            words.push(*self.u.choose(WORDS)?);
        }
        let s = words.join(" ");
        let s = if self.u.arbitrary()? { s.nfd().collect() } else { s };
        self.changed |= nfc(&s) != s;
        Ok(s)
    }

    fn date(&mut self) -> Result<String> {
        let y = self.u.int_in_range(1900..=2199)?;
        let m = self.u.int_in_range(1..=12)?;
        let d = self.u.int_in_range(1..=28)?;
        Ok(format!("{y:04}-{m:02}-{d:02}"))
    }

    /// Whether `fault` is the file's and still to be placed.
    fn pending(&self, fault: Fault) -> bool {
        self.fault == fault && !self.placed
    }

    /// Places `fault` here if it is pending.
    fn take(&mut self, fault: Fault) -> bool {
        let now = self.pending(fault);
        self.placed |= now;
        now
    }

    fn deadline(&mut self) -> Result<Value> {
        // The first texts give an interval for a contradiction to leave.
        let forms = if self.pending(Fault::Contradiction) { &DEADLINES[..6] } else { DEADLINES };
        let text = *self.u.choose(forms)?;
        let text = if self.u.arbitrary()? { text.nfd().collect() } else { text.to_string() };
        self.changed |= nfc(&text) != text;
        let parsed = Deadline::parse(&text);
        let mut read = serde_json::to_value(&parsed).expect("serialises");
        read["text"] = Value::from(text.clone());
        if self.take(Fault::Contradiction) {
            // Past the end, or before the start, the text gives.
            match (parsed.start(), parsed.due()) {
                (_, Some(_)) => read["end"] = "2199-12-31".into(),
                (Some(_), None) => read["start"] = "1900-01-01".into(),
                (None, None) => self.placed = false,
            }
            if self.placed {
                return Ok(read);
            }
        }
        Ok(if self.u.arbitrary()? { Value::from(text) } else { read })
    }

    fn score(&mut self) -> Result<Value> {
        if self.take(Fault::BadScore) {
            return Ok(json!(1.5));
        }
        Ok(json!(f64::from(self.u.arbitrary::<u32>()?) / f64::from(u32::MAX)))
    }

    fn clause(&mut self, k: usize) -> Result<Value> {
        let mut c = Map::new();
        let path = *self.u.choose(&["1", "II.1", "PL.3", "II.1.-2", "a", "I"])?;
        c.insert("path".into(), format!("{path}{k}").into());
        c.insert("kind".into(), (*self.u.choose(&["item", "point", "bullet", "row", "section"])?).into());
        if self.u.arbitrary()? {
            c.insert("heading".into(), self.text()?.into());
        }
        c.insert("text".into(), self.text()?.into());
        c.insert("provenance".into(), (*self.u.choose(&["stated", "curated", "inferred"])?).into());
        if self.u.arbitrary()? || self.pending(Fault::BadScore) {
            let mut imp = json!({"target": "vn/2023/ct-tw/25#1", "provenance": "inferred"});
            if self.u.arbitrary()? || self.pending(Fault::BadScore) {
                imp["score"] = self.score()?;
            }
            c.insert("implements".into(), json!([imp]));
        }
        if self.u.arbitrary()? || self.pending(Fault::Contradiction) {
            let mut a = json!({"agency": self.text()?, "role": "lead"});
            if self.u.arbitrary()? {
                a["deadline"] = self.deadline()?;
            }
            if self.u.arbitrary()? {
                a["completed"] = self.date()?.into();
            }
            c.insert("assignments".into(), json!([a]));
            c.insert("deadline".into(), self.deadline()?);
        }
        if self.u.arbitrary()? {
            let comparator = *self.u.choose(&["lt", "le", "gt", "ge", "eq"])?;
            let value = self.u.arbitrary::<Option<i32>>()?.map(|v| f64::from(v) / 8.0);
            let ind = json!({"row": "1", "name": self.text()?, "unit": self.text()?,
                "target": *self.u.choose(TARGETS)?, "comparator": comparator, "value": value});
            c.insert("indicators".into(), json!([ind]));
        }
        if self.u.arbitrary()? {
            c.insert("raw".into(), json!([self.text()?]));
        }
        Ok(Value::Object(c))
    }

    fn document(&mut self, k: usize) -> Result<Value> {
        let mut d = Map::new();
        let j = *self.u.choose(&["vn", "quang-ninh", "thai-binh"])?;
        d.insert("id".into(), format!("{j}/2024/kh-ubnd/{k}").into());
        d.insert("kind".into(), (*self.u.choose(&["ke-hoach", "chi-thi", "quyet-dinh", "cong-van"])?).into());
        let number = *self.u.choose(NUMBERS)?;
        if let Ok(n) = number.parse::<DocNumber>() {
            self.changed |= n.to_string() != number;
            d.insert("number".into(), number.into());
        }
        d.insert("issuer".into(), self.text()?.into());
        d.insert("jurisdiction".into(), j.into());
        d.insert("level".into(), (*self.u.choose(&["central", "province", "district", "commune"])?).into());
        d.insert("branch".into(), (*self.u.choose(&["party", "council", "government", "department"])?).into());
        if self.u.arbitrary()? || self.pending(Fault::BadDate) {
            let date = if self.take(Fault::BadDate) { "2024-+6-27".to_string() } else { self.date()? };
            d.insert("date".into(), date.into());
        }
        let title = if self.take(Fault::NestedInTitle { depth: 0 }) { "@@NEST@@".into() } else { self.text()? };
        d.insert("title".into(), title.into());
        if self.u.arbitrary()? {
            d.insert("signer".into(), json!({"name": self.text()?, "capacity": self.text()?}));
        }
        d.insert("status".into(), (*self.u.choose(&["full-text", "summary", "draft", "cited-only"])?).into());
        if self.u.arbitrary()? {
            let link = json!({"text": self.text()?, "target": "vn/2023/ct-tw/25", "relation": "implements"});
            d.insert("citations".into(), json!([link]));
        }
        let needs_clause = self.pending(Fault::BadScore) || self.pending(Fault::Contradiction);
        let n = self.u.int_in_range(usize::from(needs_clause)..=4)?;
        let clauses = (0..n).map(|k| self.clause(k)).collect::<Result<Vec<Value>>>()?;
        if !clauses.is_empty() {
            d.insert("clauses".into(), clauses.into());
        }
        if self.u.arbitrary()? || self.pending(Fault::LoneSurrogate) {
            let message = if self.take(Fault::LoneSurrogate) { "@@SURR@@".into() } else { self.text()? };
            d.insert("warnings".into(), json!([{"line": 3, "message": message}]));
        }
        if self.take(Fault::UnknownKey { depth: 0 }) {
            d.insert("extra".into(), "@@NEST@@".into());
        }
        Ok(Value::Object(d))
    }
}

/// A fault as the generator's placeholder matches it (depth apart).
fn kind_of(f: Fault) -> Fault {
    match f {
        Fault::UnknownKey { .. } => Fault::UnknownKey { depth: 0 },
        Fault::NestedInTitle { .. } => Fault::NestedInTitle { depth: 0 },
        other => other,
    }
}

fn fault(u: &mut Unstructured) -> Result<Fault> {
    let depth = *u.choose(&[1u32, 2, 127, 128, 129, 1000, 20_000, 100_000])?;
    Ok(match u.int_in_range(0..=11)? {
        0 => Fault::UnknownKey { depth },
        1 => Fault::NestedInTitle { depth },
        2 => Fault::LoneSurrogate,
        3 => Fault::BadDate,
        4 => Fault::BadScore,
        5 => Fault::Contradiction,
        6 => Fault::UnknownRootKey,
        _ => Fault::None,
    })
}

/// Every string of `v`, in NFC (what load stores), and each document number
/// in its official form.
fn as_read(v: &mut Value) {
    match v {
        Value::String(s) => *s = nfc(s),
        Value::Array(a) => a.iter_mut().for_each(as_read),
        Value::Object(o) => {
            for (k, x) in o.iter_mut() {
                match (k.as_str(), &*x) {
                    ("number", Value::String(n)) => *x = n.parse::<DocNumber>().unwrap().to_string().into(),
                    _ => as_read(x),
                }
            }
        }
        _ => {}
    }
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let fault = fault(&mut u)?;
    let pretty: bool = u.arbitrary()?;
    let mut g = Gen { u: &mut u, fault: kind_of(fault), placed: false, changed: false };
    let n = g.u.int_in_range(1..=3)?;
    let docs = (0..n).map(|k| g.document(k)).collect::<Result<Vec<Value>>>()?;
    let placed = g.placed || fault == Fault::UnknownRootKey;
    let changed = g.changed;
    let mut file = json!({"format": "directive-lineage/corpus@1", "documents": docs});
    if fault == Fault::UnknownRootKey {
        file["archived"] = json!([]);
    }
    let mut text = if pretty { serde_json::to_string_pretty(&file) } else { serde_json::to_string(&file) }
        .expect("serialises");
    if let Fault::UnknownKey { depth } | Fault::NestedInTitle { depth } = fault {
        let d = depth as usize;
        text = text.replacen("\"@@NEST@@\"", &format!("{}{}", "[".repeat(d), "]".repeat(d)), 1);
    }
    text = text.replacen("@@SURR@@", "a\\ud800", 1);

    let read = Corpus::from_json("fuzz.json", &text);
    if std::env::var_os("FUZZ_TRACE").is_some() {
        // What the cases exercise: `FUZZ_TRACE=1 corpus_doc -runs=N 2>/dev/null | sort | uniq -c`.
        let warned = read.as_ref().map(|c| !c.load_warnings().is_empty()).ok();
        println!("{:?} placed={placed} pretty={pretty} ok={} warned={warned:?}", kind_of(fault), read.is_ok());
    }
    if placed {
        assert!(read.is_err(), "{fault:?} was read:\n{text}");
        return Ok(());
    }
    let c = read.unwrap_or_else(|e| panic!("refused: {e}\n{text}"));
    let mut want = file["documents"].clone();
    as_read(&mut want);
    let got = serde_json::to_value(c.documents()).expect("serialises");
    assert_eq!(got, want, "read differs from written:\n{text}");
    assert_eq!(c.load_warnings().is_empty(), !changed, "{:?}\n{text}", c.load_warnings());

    let out = c.to_json();
    let again = Corpus::from_json("again.json", &out).expect("an export reads back");
    assert_eq!(again.documents(), c.documents());
    assert!(again.load_warnings().is_empty(), "{:?}", again.load_warnings());
    assert_eq!(again.to_json(), out, "the export is a fixed point");
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
