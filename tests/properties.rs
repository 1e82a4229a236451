//! Properties of the parsers of untrusted text: never panic, and what they
//! print parses back to the same value.

use directive_lineage::{Citation, ClauseId, Date, Deadline, DocId, DocNumber, Indicator};
use proptest::prelude::*;

/// Strings drawn from the characters documents are made of, so the parsers'
/// interesting paths are reached more often than with arbitrary Unicode.
fn doc_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([0-9]{1,5}|[-/ .,:;]|số|Số|QĐ|TTg|KH|UBND|CT|TW|TU|NQ|HĐND|SYT|VP|ngày|tháng|năm|Quý|quý|II|IV|trước|Trước|từ|đến|hoàn thành|chậm nhất|trong|thường xuyên|<|≥|‰|%|Đ|đ|ệ|ế|\\n){0,24}",
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsers_never_panic(s in doc_text()) {
        let _ = s.parse::<DocNumber>();
        let _ = s.parse::<DocId>();
        let _ = s.parse::<ClauseId>();
        let _ = s.parse::<Date>();
        let _ = Date::parse_vietnamese(&s);
        let d = Deadline::parse(&s);
        prop_assert_eq!(d.text(), directive_lineage::nfc(s.trim()));
        let _ = Indicator::new("1", "x", "%", &s);
        for c in Citation::find_all(&s) {
            // What was found re-parses to the same number.
            let again = c.number().to_string().parse::<DocNumber>().ok();
            prop_assert_eq!(again.as_ref(), Some(c.number()));
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in any::<String>()) {
        let _ = s.parse::<DocNumber>();
        let _ = Date::parse_vietnamese(&s);
        let _ = Deadline::parse(&s);
        let _ = Citation::find_all(&s);
        let _ = directive_lineage::fold(&s);
        let _ = directive_lineage::slug(&s);
    }

    #[test]
    fn official_form_round_trips(
        n in 1u32..99999,
        year in 1990u16..2031,
        code in prop::sample::select(vec!["QĐ", "KH", "CT", "NQ", "TB", "HD", "CTr", "ĐA", "TTr"]),
        issuer in prop::sample::select(vec!["TTg", "UBND", "BYT", "SYT", "CP", "HĐND"]),
        form in 0..3u8,
    ) {
        let written = match form {
            0 => format!("{n}/{code}-{issuer}"),
            1 => format!("{n}/{year}/{code}-{issuer}"),
            _ => format!("{n}-{code}/TU"),
        };
        let parsed: DocNumber = written.parse().unwrap();
        prop_assert_eq!(parsed.to_string(), written.clone());
        let id = DocId::from_number("thai-binh", year, &parsed);
        prop_assert_eq!(id.to_string().parse::<DocId>().unwrap(), id);
    }

    /// Every written form of a day reads as that day, which prints in ISO
    /// and reads back as itself.
    #[test]
    fn date_forms_agree(year in 1900u16..2200, month in 1u8..13, day in 1u8..32, sep in 0..3usize) {
        let Some(want) = Date::new(year, month, day) else { return Ok(()) };
        let s = ["/", "-", "."][sep];
        for written in [
            format!("{day:02}{s}{month:02}{s}{year}"),
            format!("{day}{s}{month}{s}{year}"),
            format!("ngày {day} tháng {month} năm {year}"),
            want.to_string(),
        ] {
            prop_assert_eq!(written.parse::<Date>().ok(), Some(want), "{}", written);
        }
        prop_assert_eq!(Date::parse_iso(&want.to_string()).ok(), Some(want));
    }

    /// The Party's central organ printed `TƯ` is `TW`: the same number and id.
    #[test]
    fn central_organ_printed_with_its_diacritic(n in 1u32..9999, code in prop::sample::select(vec!["CT", "NQ", "KL", "QĐ", "HD"])) {
        let tw: DocNumber = format!("{n}-{code}/TW").parse().unwrap();
        let tu_diacritic: DocNumber = format!("{n}-{code}/TƯ").parse().unwrap();
        prop_assert_eq!(&tw, &tu_diacritic);
        prop_assert_eq!(DocId::from_number("ha-noi", 2025, &tw).to_string(), format!("vn/2025/{}-tw/{n}", directive_lineage::slug(code)));
    }
}
