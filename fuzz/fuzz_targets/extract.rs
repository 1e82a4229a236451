//! Arbitrary bytes (as UTF-8, lossy) through the whole extractor: it must
//! return documents or an error, never panic; what it returns must
//! serialise and read back; no text may be lost without a word, whatever
//! the line ends; and the time must grow in proportion to the size.
//!
//! The first byte chooses the costlier checks, so that a run keeps its
//! pace: one input in four is also read with other line ends; one in
//! thirty-two has its text after the first few lines (as many as the
//! byte's high three bits say: the header, say) repeated to about 512 KB
//! for the time check. The extractor's superlinear stages showed on such input:
//! the same section number, header or citation again and again, one ever
//! longer line or agency list.
#![no_main]

use std::time::{Duration, Instant};

use directive_lineage::{extract_all, nfc, Corpus, Document, ExtractOptions, Result};
use libfuzzer_sys::fuzz_target;

/// The size the time check repeats a text to: large enough for a
/// quadratic stage to dominate, small enough to take about a second here.
const REPEATED: usize = 512 << 10;

fn timed(text: &str) -> (Result<Vec<Document>>, Duration) {
    let start = Instant::now();
    let out = extract_all(text, &ExtractOptions::new("fuzz"));
    (out, start.elapsed())
}

/// Every text a document holds that came from the text: title, signer,
/// clauses, citations, warnings.
fn texts(d: &Document) -> Vec<&str> {
    let mut out = vec![d.title.as_str()];
    if let Some(s) = &d.signer {
        out.push(&s.name);
        out.extend(s.capacity.as_deref());
    }
    for c in &d.clauses {
        out.push(&c.text);
        out.extend(c.heading.as_deref());
        out.extend(c.raw.iter().map(String::as_str));
        out.extend(c.assignments.iter().map(|a| a.agency.as_str()));
    }
    out.extend(d.citations.iter().map(|c| c.text.as_str()));
    out.extend(d.warnings.iter().map(|w| w.message.as_str()));
    out
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// A line is longer than any header line: this many letters.
const LONG_LINE: usize = 80;

/// No text lost without a word: the letters of the longest line (when it
/// is longer than a header line) are at least half there in the document's
/// texts, or the document has a warning (a website's banner is left out
/// with one); no control character (NULs once went into the title) or text
/// not in NFC comes out.
fn nothing_lost(text: &str, docs: &[Document]) {
    let longest = text.split(['\n', '\r']).map(letters).max().unwrap_or(0);
    let out: usize = texts(&docs[0]).into_iter().map(letters).sum();
    assert!(
        longest < LONG_LINE || 2 * out >= longest || !docs[0].warnings.is_empty(),
        "a line of {longest} letters in, {out} letters out: {:?}",
        docs[0]
    );
    for d in docs {
        for t in texts(d).into_iter().chain([d.issuer.as_str()]) {
            assert!(!t.chars().any(|c| c < ' ' && c != '\t' && c != '\n'), "control character in {t:?}");
            assert_eq!(nfc(t), t, "not NFC");
        }
    }
}

/// The same documents whatever the line ends: CR-only line endings once
/// made the whole text one line, read as a header (an empty title, no
/// clauses, no warning).
fn same_with_other_line_ends(text: &str, docs: &[Document]) {
    if !text.contains('\n') || text.contains('\r') {
        return;
    }
    for ends in ["\r", "\r\n"] {
        let other = extract_all(&text.replace('\n', ends), &ExtractOptions::new("fuzz"));
        assert_eq!(other.as_deref().ok(), Some(docs), "line ends {ends:?} read differently");
    }
}

/// Extraction of `text` with its part after the first `kept` lines
/// repeated `k` times takes at most three times `k` times as long as
/// `text` (and a quarter second of slack for the timer and the machine);
/// measured once more before a failure counts.
fn linear(text: &str, kept: usize, once: Duration) {
    let at = match kept {
        0 => 0,
        n => text.match_indices('\n').nth(n - 1).map_or(text.len(), |(i, _)| i + 1),
    };
    let (head, body) = text.split_at(at);
    if body.is_empty() {
        return;
    }
    let k = (REPEATED / body.len()).clamp(2, 4096);
    let big = format!("{head}{}", body.repeat(k));
    // Timed again: the first extraction of a process builds the regexes.
    let mut once = once.min(timed(text).1);
    let (_, mut many) = timed(&big);
    let bound = |once: Duration| once * (3 * k as u32) + Duration::from_millis(250);
    if many > bound(once) {
        once = once.min(timed(text).1);
        many = many.min(timed(&big).1);
    }
    assert!(
        many <= bound(once),
        "superlinear: {} bytes in {once:?}; with {} bytes after line {kept} repeated {k} times, {many:?}",
        text.len(),
        body.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (out, once) = timed(&text);
    if let Ok(docs) = out {
        nothing_lost(&text, &docs);
        if choice % 4 == 1 {
            same_with_other_line_ends(&text, &docs);
        }
        let mut corpus = Corpus::empty();
        for d in docs {
            corpus.add(d);
        }
        let json = corpus.to_json();
        Corpus::from_json("fuzz.json", &json).expect("extracted corpus reads back");
    }
    if choice % 32 == 31 {
        linear(&text, usize::from(choice >> 5), once);
    }
});
