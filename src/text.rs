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
    if is_nfc(s) {
        return s.to_string();
    }
    s.nfc().collect()
}

/// True when `s` is in NFC (false only when normalising would change it).
pub(crate) fn is_nfc(s: &str) -> bool {
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    plainly_nfc(s.as_bytes())
        || match is_nfc_quick(s.chars()) {
            IsNormalized::Yes => true,
            IsNormalized::No => false,
            // A few characters need the whole text to tell.
            IsNormalized::Maybe => s.chars().eq(s.nfc()),
        }
}

/// True when every character of `s` (UTF-8) is one that is NFC whatever
/// surrounds it: below U+0300 (ASCII and the Latin letters with their
/// marks), the precomposed Vietnamese letters (U+1E00..U+1EFF) and the
/// usual dashes and quotes (U+2010..U+2027). Nearly all corpus text is, and
/// every string of a load is checked, so this tests bytes without a branch
/// (the compiler makes it vector code) instead of decoding characters: a
/// character is outside the ranges when its lead byte is 0xCC..=0xE0 or
/// 0xE3.. (U+0300.. in two bytes, three- and four-byte characters other
/// than the ranges' leads), or is E1 not followed by B8..=BB, or E2 not
/// followed by 80 and 90..=A7.
fn plainly_nfc(s: &[u8]) -> bool {
    let bad_lead = |a: u8| (0xCC..=0xE0).contains(&a) | (a >= 0xE3);
    // The last two bytes start no three-byte character (the text is UTF-8).
    let m = s.len().saturating_sub(2);
    let (next, after) = (s.get(1..).unwrap_or_default(), s.get(2..).unwrap_or_default());
    let bad = s[..m].iter().zip(next).zip(after).fold(false, |bad, ((&a, &b), &c)| {
        bad | bad_lead(a)
            | ((a == 0xE1) & !(0xB8..=0xBB).contains(&b))
            | ((a == 0xE2) & ((b != 0x80) | !(0x90..=0xA7).contains(&c)))
    });
    !bad && !s[m..].iter().any(|&a| bad_lead(a))
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
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        // Fast path: ASCII and the precomposed Latin letters Vietnamese
        // uses, read from a table built once; anything else is decomposed.
        let folded = if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else {
            let k = c as usize;
            if (0xC0..0x250).contains(&k) || (0x1E00..0x1F00).contains(&k) {
                FOLD_TABLE[table_index(k)]
            } else {
                None
            }
        };
        match folded {
            Some('\0') => {} // a combining mark
            Some(f) => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.push(f);
            }
            None => {
                for d in std::iter::once(c).nfd() {
                    if is_combining_mark(d) {
                        continue;
                    }
                    if pending_space {
                        out.push(' ');
                        pending_space = false;
                    }
                    match d {
                        'đ' | 'Đ' => out.push('d'),
                        _ => out.extend(d.to_lowercase()),
                    }
                }
            }
        }
    }
    out
}

fn table_index(k: usize) -> usize {
    if k < 0x250 {
        k - 0xC0
    } else {
        (0x250 - 0xC0) + (k - 0x1E00)
    }
}

/// Folded form of U+00C0..U+024F and U+1E00..U+1EFF where it is one
/// character (`None` otherwise, for the slow path).
static FOLD_TABLE: std::sync::LazyLock<Vec<Option<char>>> = std::sync::LazyLock::new(|| {
    let mut t = vec![None; (0x250 - 0xC0) + 0x100];
    for k in (0xC0..0x250).chain(0x1E00..0x1F00) {
        let Some(c) = char::from_u32(k as u32) else { continue };
        let mut folded = String::new();
        for d in c.nfd() {
            if is_combining_mark(d) {
                continue;
            }
            match d {
                'đ' | 'Đ' => folded.push('d'),
                _ => folded.extend(d.to_lowercase()),
            }
        }
        let mut it = folded.chars();
        if let (Some(f), None) = (it.next(), it.next()) {
            if !f.is_whitespace() {
                t[table_index(k as usize)] = Some(f);
            }
        }
    }
    t
});

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

    /// The table fast path folds exactly as decomposing does.
    #[test]
    fn fold_fast_path_matches_decomposition() {
        let slow = |s: &str| -> String {
            let mut out = String::new();
            for c in s.nfd() {
                if is_combining_mark(c) {
                    continue;
                }
                match c {
                    'đ' | 'Đ' => out.push('d'),
                    _ => out.extend(c.to_lowercase()),
                }
            }
            out
        };
        for k in (0xC0u32..0x250).chain(0x1E00..0x1F00).chain([0x130, 0x1F0, 0x300, 0x1EA0]) {
            if let Some(c) = char::from_u32(k) {
                let s = c.to_string();
                if !c.is_whitespace() {
                    assert_eq!(fold(&s), slow(&s), "U+{k:04X}");
                }
            }
        }
        let decomposed: String = "Quảng Ngãi".nfd().collect();
        assert_eq!(fold(&decomposed), "quang ngai");
    }

    /// The byte scan takes exactly the characters of the shortcut ranges,
    /// alone and after ASCII (so past the eight-byte steps), and `is_nfc`
    /// agrees with normalising.
    #[test]
    fn byte_scan_takes_the_shortcut_ranges() {
        let plain = |k: u32| k < 0x300 || (0x1E00..0x1F00).contains(&k) || (0x2010..0x2028).contains(&k);
        for k in (0u32..0x3000).chain(0xFF00..0x10000).chain(0x1F600..0x1F610) {
            let Some(c) = char::from_u32(k) else { continue };
            for s in [c.to_string(), format!("abcdefghijk{c}"), format!("{c}abcdefgh")] {
                assert_eq!(plainly_nfc(s.as_bytes()), plain(k), "U+{k:04X} in {s:?}");
                assert_eq!(is_nfc(&s), s.nfc().eq(s.chars()), "U+{k:04X} in {s:?}");
            }
        }
        let nfd: String = "Kế hoạch triển khai".nfd().collect();
        assert!(!is_nfc(&nfd) && is_nfc("Kế hoạch triển khai – “x”"));
    }

    /// The shortcut ranges are NFC_QC=Yes: the quick check agrees.
    #[test]
    fn nfc_shortcut_ranges_are_normalised() {
        for k in (0u32..0x300).chain(0x1E00..0x1F00).chain(0x2010..0x2028) {
            if let Some(c) = char::from_u32(k) {
                let s = c.to_string();
                assert_eq!(
                    unicode_normalization::is_nfc_quick(s.chars()),
                    unicode_normalization::IsNormalized::Yes,
                    "U+{k:04X}"
                );
            }
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
