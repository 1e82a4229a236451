//! Arbitrary text through the citation, number, date and deadline parsers:
//! no panic, spans on char boundaries, and a parsed number's official form
//! (and a parsed date's ISO form) parses back to the same value.
#![no_main]

use directive_lineage::{split_agencies, Citation, Date, Deadline, DocNumber};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let nfc = directive_lineage::nfc(&text);
    for c in Citation::find_all(&text) {
        let (a, b) = c.span();
        assert!(nfc.is_char_boundary(a) && nfc.is_char_boundary(b) && a <= b);
        let shown = c.number().to_string();
        let back: DocNumber = shown.parse().expect("official form parses");
        assert_eq!(&back, c.number());
        let _ = c.resolve("thai-binh");
    }
    if let Ok(n) = text.parse::<DocNumber>() {
        assert_eq!(n.to_string().parse::<DocNumber>().ok().as_ref(), Some(&n));
    }
    let _ = Date::parse_vietnamese(&text);
    // A date read in any written form is written back in the one form
    // corpus JSON reads.
    if let Ok(d) = text.parse::<Date>() {
        assert_eq!(Date::parse_iso(&d.to_string()).ok(), Some(d));
    }
    let _ = Deadline::parse(&text);
    let _ = split_agencies(&text);
});
