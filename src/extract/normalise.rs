//! Stage 1: normalisation. Turns raw text (copied from a web page, a Word
//! file or a gazette PDF) into numbered lines, dropping what is not the
//! document: page headers, signature stamps, rules, website clutter.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{fold, nfc};

/// What a normalised line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Text of the document.
    Text,
    /// An empty line (paragraph break).
    Blank,
    /// A rule of `_`, `–`, `-` (ends a title block).
    Rule,
    /// A gazette page break (the page header and number were removed).
    PageBreak,
    /// A gazette footnote at the foot of a page: read for citations, kept out
    /// of the structure.
    Footnote,
}

/// One line of normalised text.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// 1-based line number in the source text.
    pub no: usize,
    /// The text: NFC, tags and emphasis removed, ends trimmed; runs of inner
    /// spaces are kept because PDF text separates table cells with them.
    pub text: String,
    /// The text folded once ([`fold`]): later stages match on it instead of
    /// folding the same line again.
    pub folded: String,
    /// What the line is.
    pub kind: LineKind,
}

impl Line {
    pub fn is_text(&self) -> bool {
        self.kind == LineKind::Text
    }
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>]{0,200})?/?>").unwrap());
/// `CÔNG BÁO/Số 238/Ngày 21-04-2026`, also `Số 286 + 287`, with the page
/// number before or after it on the same line (even and odd pages).
static PAGE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,4}\s+)?cong bao\s*/\s*so\s*\d+(?:\s*\+\s*\d+)*\s*/\s*ngay\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}(?:\s+\d{1,4})?$")
        .unwrap()
});
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,4}$").unwrap());
static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-_–—=.…\s]{3,}$").unwrap());
static FOOTNOTE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})\s+\p{Lu}").unwrap());
static STAMP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[•·:|\s]*$").unwrap());

/// Folded prefixes of website furniture around a news article.
const CLUTTER_PREFIXES: &[&str] = &[
    "tac gia:",
    "tong so diem",
    "click de",
    "truy cap noi dung",
    "a- a a+",
    "dia chi:",
    "dien thoai",
    "email:",
    "fax:",
    "truong ban bien tap",
    "ban quyen",
    "ghi ro nguon",
    "nguon tra cuu",
    "nguon:",
    "cong thong tin dien tu",
    "chia se",
    "in bai viet",
    "luot xem",
    "tin lien quan",
    "cac tin khac",
    "xem them",
    "tu khoa:",
];

fn is_clutter(folded: &str, raw: &str) -> bool {
    if folded.is_empty() || raw.len() >= 200 {
        // Long lines are text.
        return false;
    }
    if folded == "btv" || (raw.starts_with(['•', '·', ':', '|', ' ']) && STAMP.is_match(raw)) {
        return true;
    }
    if CLUTTER_PREFIXES.iter().any(|p| folded.starts_with(p)) {
        return true;
    }
    raw.chars().count() < 100
        && ["http://", "https://", "www.", ".gov.vn", ".com"].iter().any(|p| folded.contains(p))
}

/// Removes HTML tags and markdown emphasis (`**`, `***`), keeps the rest.
fn clean(line: &str) -> String {
    let no_tags = if line.contains('<') { TAG.replace_all(line, "").into_owned() } else { line.to_string() };
    let mut s: String =
        if no_tags.contains('*') { no_tags.chars().filter(|&c| c != '*').collect() } else { no_tags };
    if s.contains(['&', '\u{a0}']) {
        for (from, to) in [("&nbsp;", " "), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("\u{a0}", " ")] {
            if s.contains(from) {
                s = s.replace(from, to);
            }
        }
    }
    s.trim_matches(|c: char| c == ' ' || c == '\u{feff}' || c == '\r').to_string()
}

/// Control characters (C0 but tab and line breaks) that normalisation read
/// as spaces: how many, and the source lines they were on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Controls {
    pub count: usize,
    /// The first few lines (1-based) holding one, in order.
    pub lines: Vec<usize>,
    /// How many lines hold one.
    pub line_count: usize,
    /// Which characters, each once.
    pub chars: Vec<char>,
}

impl Controls {
    /// Lines listed by number in the warning; the rest are counted.
    const LISTED: usize = 10;

    /// The warning's text, `None` when there were none.
    pub fn message(&self) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        let listed: Vec<String> = self.lines.iter().map(usize::to_string).collect();
        let more = self.line_count - self.lines.len();
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let chars: Vec<String> = self.chars.iter().map(|&c| format!("U+{:04X}", c as u32)).collect();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        Some(format!(
            "{} control character{} ({}) read as spaces, on line{} {}{more}",
            self.count,
            plural(self.count),
            chars.join(", "),
            plural(self.line_count),
            listed.join(", ")
        ))
    }
}

/// Line breaks and control characters made plain before the text is split
/// into lines: a lone CR (old Mac files) is a line break like LF and CRLF
/// (CR before LF is trimmed with the line's ends); any other C0 control
/// character but tab becomes a space. Spaces rather than nothing: a NUL or
/// a vertical tab (Word's manual line break) between two words must not
/// glue them, and a space at a line's end is trimmed anyway, so a text with
/// NULs reads as the same text without them. The caller warns with the
/// count and the lines.
fn plain_breaks(text: &str) -> (std::borrow::Cow<'_, str>, Controls) {
    let odd = |b: u8| b < 0x20 && b != b'\n' && b != b'\t';
    if !text.bytes().any(odd) {
        return (std::borrow::Cow::Borrowed(text), Controls::default());
    }
    let mut out = String::with_capacity(text.len());
    let mut controls = Controls::default();
    let mut line = 1;
    let mut last_line = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            '\r' | '\n' => {
                out.push('\n');
                line += 1;
            }
            '\t' => out.push(c),
            c if c < ' ' => {
                out.push(' ');
                controls.count += 1;
                if !controls.chars.contains(&c) {
                    controls.chars.push(c);
                }
                if last_line != line {
                    last_line = line;
                    controls.line_count += 1;
                    if controls.lines.len() < Controls::LISTED {
                        controls.lines.push(line);
                    }
                }
            }
            c => out.push(c),
        }
    }
    (std::borrow::Cow::Owned(out), controls)
}

/// Normalises a text into lines (see [`Line`]).
#[cfg(test)]
pub(crate) fn normalise(text: &str) -> Vec<Line> {
    normalise_with_furniture(text).0
}

/// `normalise`, with the line ranges of a website's banner and footer that
/// were dropped and the control characters read as spaces, so the caller
/// can say so.
pub(crate) fn normalise_with_furniture(text: &str) -> (Vec<Line>, Vec<(usize, usize)>, Controls) {
    let text = nfc(text);
    let (text, controls) = plain_breaks(&text);
    let split: Vec<&str> = text.split('\n').collect();
    // Logical lines: the markdown layout's soft-wrapped paragraphs and pipe
    // tables joined, with the number of their first source line.
    let (logical, furniture): (Vec<super::markdown::Logical>, Vec<(usize, usize)>) =
        if super::markdown::is_markdown(&split) {
            super::markdown::logical_lines_with_furniture(&split)
        } else {
            (split.iter().enumerate().map(|(k, l)| (k + 1, (*l).to_string())).collect(), Vec::new())
        };
    let raw: Vec<&str> = logical.iter().map(|(_, l)| l.as_str()).collect();
    let mut out: Vec<Line> = Vec::with_capacity(raw.len());
    let mut page_start = 0usize; // index in `out` where the current page starts
    let mut i = 0;
    while i < raw.len() {
        let no = logical[i].0;
        let line = clean(raw[i]);
        // Page headers, stamps and clutter are short lines.
        let folded = fold(&line);
        if folded.contains("cong bao") && PAGE_HEADER.is_match(&folded) {
            drop_page_numbers(&mut out);
            mark_footnotes(&mut out, page_start);
            i += 1;
            // The page number, with the whitespace lines around it.
            while i < raw.len() && clean(raw[i]).is_empty() {
                i += 1;
            }
            if i < raw.len() && PAGE_NUMBER.is_match(&clean(raw[i])) {
                i += 1;
            }
            while i < raw.len() && clean(raw[i]).is_empty() {
                i += 1;
            }
            out.push(Line { no, text: String::new(), folded: String::new(), kind: LineKind::PageBreak });
            page_start = out.len();
            continue;
        }
        if folded.starts_with("ky boi:") {
            // A digital-signature stamp: `Ký bởi:`, `Cơ quan:`, `Ngày ký:`.
            i += 1;
            while i < raw.len() {
                let f = fold(&clean(raw[i]));
                if ["co quan:", "ngay ky:", "thoi gian ky:", "email:", "to chuc:"]
                    .iter()
                    .any(|p| f.starts_with(p))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            continue;
        }
        i += 1;
        if line.trim().is_empty() {
            out.push(Line { no, text: String::new(), folded: String::new(), kind: LineKind::Blank });
        } else if line.starts_with(['-', '_', '–', '—', '=', '.', '…']) && RULE.is_match(&line) {
            out.push(Line { no, text: String::new(), folded: String::new(), kind: LineKind::Rule });
        } else if is_clutter(&folded, &line) {
            continue;
        } else {
            out.push(Line { no, text: line, folded, kind: LineKind::Text });
        }
    }
    mark_footnotes(&mut out, page_start);
    (out, furniture, controls)
}

/// A page number just above the page header belongs to it: the lines at
/// the end of `out` that are the same bare number (PDF text often prints it
/// two or three times) with only whitespace lines among them, after a
/// whitespace line.
fn drop_page_numbers(out: &mut Vec<Line>) {
    let mut number: Option<&str> = None;
    let mut k = out.len();
    while k > 0 {
        let l = &out[k - 1];
        if l.kind == LineKind::Blank {
            k -= 1;
            continue;
        }
        let t = l.text.trim();
        if l.is_text() && PAGE_NUMBER.is_match(t) && number.is_none_or(|n| n == t) {
            number = Some(t);
            k -= 1;
            continue;
        }
        break;
    }
    let Some(number) = number.map(str::to_string) else { return };
    if out.get(k).is_some_and(|l| l.kind == LineKind::Blank) {
        let tail: Vec<Line> = out.drain(k..).filter(|l| l.text.trim() != number).collect();
        out.extend(tail);
    }
}

/// Marks the footnotes at the foot of the page that starts at `start`: a
/// whitespace line, then lines the first of which starts with a number whose
/// marker (`NQ/TW1`) ends a line higher on the page. The markers are removed.
fn mark_footnotes(out: &mut [Line], start: usize) {
    let mut end = out.len();
    while end > start && out[end - 1].kind == LineKind::Blank {
        end -= 1;
    }
    // Last blank line on the page with at most 8 lines after it.
    let Some(blank) = (start..end).rev().take(9).find(|&k| out[k].kind == LineKind::Blank) else { return };
    let first = blank + 1;
    if first >= end {
        return;
    }
    let mut numbers = Vec::new();
    for (k, line) in out.iter().enumerate().take(end).skip(first) {
        if line.kind != LineKind::Text {
            return;
        }
        if let Some(c) = FOOTNOTE.captures(&line.text) {
            numbers.push(c[1].to_string());
        } else if k == first {
            return;
        }
    }
    // Every footnote number must appear as a marker above.
    let mut marked = Vec::new();
    for n in &numbers {
        let hit = (start..blank)
            .find(|&k| out[k].kind == LineKind::Text && strip_marker(&out[k].text, n).is_some());
        match hit {
            Some(k) => marked.push((k, n.clone())),
            None => return,
        }
    }
    for (k, n) in marked {
        if let Some(t) = strip_marker(&out[k].text, &n) {
            out[k].folded = fold(&t);
            out[k].text = t;
        }
    }
    for line in &mut out[first..end] {
        line.kind = LineKind::Footnote;
    }
}

/// `NQ/TW1` with marker `1` → `NQ/TW`: the last token of the line ends in the
/// marker right after a letter.
fn strip_marker(line: &str, n: &str) -> Option<String> {
    let t = line.trim_end();
    let t2 = t.trim_end_matches([',', '.', ';']);
    let tail = &t[t2.len()..];
    let body = t2.strip_suffix(n)?;
    let before = body.chars().last()?;
    if !before.is_alphabetic() {
        return None;
    }
    Some(format!("{body}{tail}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().filter(|l| l.is_text()).map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn tags_emphasis_and_nfc() {
        // Seed 002 line 27 and seed 003 lines 57 and 95.
        let l = normalise("\t- <i>Tuyến tỉnh</i>\t<i>GB</i>\t<i>2.430</i>");
        assert_eq!(texts(&l), ["\t- Tuyến tỉnh\tGB\t2.430"]);
        let l = normalise("*** Tuyến huyện**");
        assert_eq!(texts(&l), ["Tuyến huyện"]);
        let l = normalise("từ nay đến 2030, ***hoàn thành chậm nhất trong quý I năm 2024***. Chủ động");
        assert_eq!(texts(&l), ["từ nay đến 2030, hoàn thành chậm nhất trong quý I năm 2024. Chủ động"]);
        let l = normalise("Y te\u{0302}\u{0301}");
        assert_eq!(texts(&l), ["Y tế"]);
    }

    /// A page number printed two or three times above the page header
    /// (Nghị quyết 175/NQ-CP's appendix) is furniture; a row number that
    /// differs from it is kept.
    #[test]
    fn repeated_page_numbers() {
        let l = normalise("đúng tiến độ (thường xuyên). \n\n \n74 \n74\n  \n74 \nCÔNG BÁO/Số 1091 + 1092/Ngày 03-11-2023 \nII. NHIỆM VỤ");
        assert_eq!(texts(&l), ["đúng tiến độ (thường xuyên).", "II. NHIỆM VỤ"]);
        let l = normalise("Bộ Y tế\n5\n\n74\nCÔNG BÁO/Số 1091/Ngày 03-11-2023 \nTổ chức");
        assert_eq!(texts(&l), ["Bộ Y tế", "5", "Tổ chức"]);
    }

    #[test]
    fn gazette_page_header_signature_rule() {
        let text = "nước trong kỷ nguyên mới tại Nghị quyết số 140/NQ-CP như sau: \nKý bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-04-21 15:32:11 +07:00\n\nCÔNG BÁO/Số 238/Ngày 21-04-2026 \n93\n \n \n1. Tên nhiệm vụ: Xây dựng Đề án\n_____________ \nCHÍNH PHỦ ";
        let l = normalise(text);
        let kinds: Vec<LineKind> = l.iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(kinds, [Text, Blank, PageBreak, Text, Rule, Text]);
        assert_eq!(l[3].text, "1. Tên nhiệm vụ: Xây dựng Đề án");
        assert_eq!(l[3].no, 10);
    }

    /// Page header variants of other gazette issues.
    #[test]
    fn page_header_variants() {
        for h in [
            "CÔNG BÁO/Số 286 + 287/Ngày 27-05-2026",
            "92 CÔNG BÁO/Số 238/Ngày 21-04-2026",
            "CÔNG BÁO/Số 238/Ngày 21-04-2026 93",
        ] {
            let l = normalise(&format!("Điều 1. Phê duyệt \n\n{h}\nnội dung"));
            let kinds: Vec<LineKind> = l.iter().map(|l| l.kind).collect();
            assert_eq!(kinds, [LineKind::Text, LineKind::Blank, LineKind::PageBreak, LineKind::Text], "{h}");
        }
        let l = normalise("cuối trang \n\n94\nCÔNG BÁO/Số 238/Ngày 21-04-2026\ntiếp");
        assert_eq!(l.iter().filter(|l| l.is_text()).count(), 2);
        // A sentence naming the gazette is text.
        assert_eq!(normalise("Đăng Công báo số 238 ngày 21-04-2026 theo quy định.")[0].kind, LineKind::Text);
    }

    #[test]
    fn gazette_footnotes_and_markers() {
        // The foot of gazette page 94 of the sample.
        let text = "Nghị quyết \nsố 66-\nNQ/TW1 \n \n1 Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới. \n\nCÔNG BÁO/Số 238/Ngày 21-04-2026 \n95\n";
        let l = normalise(text);
        assert_eq!(l[2].text, "NQ/TW");
        assert_eq!(l[4].kind, LineKind::Footnote);
        // A whitespace line inside a cell is not a footnote block.
        let l = normalise("Tháng \n11/2026 \n \nChương \ntrình số 12-\n");
        assert!(l.iter().all(|l| l.kind != LineKind::Footnote));
    }

    /// CR, CRLF and LF are all line breaks, numbered alike; control
    /// characters are spaces, counted with their lines.
    #[test]
    fn line_breaks_and_control_characters() {
        let lf = normalise_with_furniture("a\nb\n\nc");
        for text in ["a\rb\r\rc", "a\r\nb\r\n\r\nc", "a\rb\n\rc"] {
            let (lines, _, controls) = normalise_with_furniture(text);
            let got: Vec<(usize, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
            let want: Vec<(usize, &str)> = lf.0.iter().map(|l| (l.no, l.text.as_str())).collect();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(controls, Controls::default());
        }
        let text: String = (1..=12).map(|k| format!("dòng\u{0}{k}\u{1b}\n")).collect();
        let (lines, _, controls) = normalise_with_furniture(&text);
        assert_eq!(lines[0].text, "dòng 1");
        assert_eq!((controls.count, controls.line_count), (24, 12));
        assert_eq!(
            controls.message().unwrap(),
            "24 control characters (U+0000, U+001B) read as spaces, on lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more"
        );
        let (_, _, one) = normalise_with_furniture("a\u{7}b");
        assert_eq!(one.message().unwrap(), "1 control character (U+0007) read as spaces, on line 1");
    }

    #[test]
    fn website_clutter() {
        // Seeds 000 and 004.
        let text = "• :\n  • :\nA- A A+ | Tăng tương phản Giảm tương phản\nTác giả: Bs Trần Hương\nTổng số điểm của bài viết là: 10 trong 2 đánh giá\nClick để đánh giá bài viết\nBTV\nĐịa chỉ: 52 Hùng Vương, Nguyễn Nghiêm, Quảng Ngãi\nĐiện thoại Ban Biên tập: 0255 3712 135 - Fax: 0255 3 822 217 - Email: bbt@quangngai.gov.vn\nNguồn tra cứu: vanban.phaplyvn.com\nCỔNG THÔNG TIN ĐIỆN TỬ TỈNH QUẢNG NGÃI\n1. Nâng cao";
        assert_eq!(texts(&normalise(text)), ["1. Nâng cao"]);
    }
}
