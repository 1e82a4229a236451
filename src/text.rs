//! Vietnamese text normalisation and folding.
//!
//! Vietnamese has two competing conventions for where a tone mark sits
//! (`hoá` / `hóa`, `Uỷ` / `Ủy`) and documents mix precomposed and combining
//! characters. Everything the crate compares goes through [`fold`], which
//! removes the difference; everything it stores keeps the original string
//! (normalised to NFC only).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Normalises `s` to Unicode NFC, leaving the text otherwise unchanged.
///
/// ```
/// use directive_lineage::nfc;
/// // "ế" written as e + circumflex + acute becomes one code point.
/// assert_eq!(nfc("y te\u{0302}\u{0301}"), "y tế");
/// ```
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Folds Vietnamese text for matching: no diacritics, `đ` → `d`, lower case,
/// runs of white space collapsed to one space, ends trimmed.
///
/// `hoá` and `hóa`, `Uỷ ban` and `Ủy ban`, `Y TẾ` and `y tế` all fold to the
/// same string, so search and alias lookup ignore tone-mark placement.
///
/// ```
/// use directive_lineage::fold;
/// assert_eq!(fold("Đa dạng  hoá"), fold("đa dạng hóa"));
/// assert_eq!(fold("Ủy ban nhân dân"), "uy ban nhan dan");
/// assert_eq!(fold("Uỷ ban"), fold("Ủy ban"));
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Turns text into an ASCII slug for identifiers: folded, with every run of
/// characters other than `a-z`, `0-9` and `.` replaced by one `-`.
///
/// ```
/// use directive_lineage::slug;
/// assert_eq!(slug("Quảng Ninh"), "quang-ninh");
/// assert_eq!(slug("VP.UBND-VHXH"), "vp.ubnd-vhxh");
/// ```
pub fn slug(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// Splits folded text into syllables (Vietnamese words are written as
/// space-separated syllables), dropping punctuation.
pub(crate) fn syllables(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// True when `needle` occurs in `haystack` after both are folded, on syllable
/// boundaries.
///
/// ```
/// use directive_lineage::contains_folded;
/// assert!(contains_folded("Nâng cao chất lượng y tế cơ sở", "y te co so"));
/// assert!(!contains_folded("Sở Y tế", "y te co so"));
/// ```
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    let (h, n) = (fold(haystack), fold(needle));
    let h: Vec<&str> = syllables(&h).collect();
    let n: Vec<&str> = syllables(&n).collect();
    contains_syllables(&h, &n)
}

pub(crate) fn contains_syllables(hay: &[&str], needle: &[&str]) -> bool {
    if needle.is_empty() {
        return true;
    }
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        let rows = [
            ("hoá", "hoa"),
            ("hóa", "hoa"),
            ("Uỷ ban", "uy ban"),
            ("Ủy ban", "uy ban"),
            ("QUYẾT ĐỊNH", "quyet dinh"),
            ("  Sở   Y tế\ttỉnh ", "so y te tinh"),
            ("sức khoẻ", "suc khoe"),
            ("sức khỏe", "suc khoe"),
        ];
        for (input, want) in rows {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn nfc_keeps_text() {
        let decomposed = "Thái Bình".nfd().collect::<String>();
        assert_ne!(decomposed, "Thái Bình");
        assert_eq!(nfc(&decomposed), "Thái Bình");
    }

    #[test]
    fn slug_table() {
        assert_eq!(slug("Thái Bình"), "thai-binh");
        assert_eq!(slug("Đắk Lắk"), "dak-lak");
        assert_eq!(slug("QĐ-TTg"), "qd-ttg");
        assert_eq!(slug("  --x--  "), "x");
    }
}
