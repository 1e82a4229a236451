//! Arbitrary bytes (as UTF-8, lossy) through the whole extractor: it must
//! return a document or an error, never panic, and what it returns must
//! serialise and read back.
#![no_main]

use directive_lineage::{extract_all, Corpus, ExtractOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(docs) = extract_all(&text, &ExtractOptions::new("fuzz")) {
        let mut corpus = Corpus::empty();
        for d in docs {
            corpus.add(d);
        }
        let json = corpus.to_json();
        Corpus::from_json("fuzz.json", &json).expect("extracted corpus reads back");
    }
});
