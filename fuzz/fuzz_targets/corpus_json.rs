//! Arbitrary bytes as corpus JSON, through the piecewise reader (simd-json)
//! and the whole-file fallback (serde_json): no panic, and what is read
//! writes out and reads back to the same documents.
#![no_main]

use directive_lineage::Corpus;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(c) = Corpus::from_json("fuzz.json", text) {
        let again = Corpus::from_json("again.json", &c.to_json()).expect("written corpus reads back");
        assert_eq!(again.documents(), c.documents());
    }
});
