//! Stage 2: the header. Number and symbol, place and jurisdiction, date,
//! kind, title, issuer, signer and recipients; for a news article, the
//! document it reports on.

use std::sync::LazyLock;

use regex::Regex;

use super::normalise::{Line, LineKind};
use crate::model::date::Date;
use crate::model::identity::{Citation, DocKind, DocNumber};
use crate::model::{DocStatus, Signer};
use crate::text::{fold, slug};

/// What the header says.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    pub kind: Option<DocKind>,
    pub number: Option<DocNumber>,
    pub date: Option<Date>,
    /// The year of issue, also for a draft (`ngày tháng năm 2024`) or a
    /// news article (the article's date).
    pub year: Option<u16>,
    /// Place as written in the place-and-date line (`Quảng Ninh`).
    pub place: Option<String>,
    /// Upper-case issuer lines above the number (`CHÍNH PHỦ`, `SỞ Y TẾ`).
    pub issuer_lines: Vec<String>,
    /// For a news article: who the article says issued the document (`Sở
    /// Y tế`, `UBND tỉnh`).
    pub issuer_hint: Option<String>,
    pub title: String,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub status: DocStatus,
    /// Indices of lines the header consumed.
    pub used: Vec<usize>,
    /// For a news article: the line that names the document.
    pub subject_line: Option<usize>,
}

static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^s[ốố]\s*(?:,\s*ký hiệu\s*)?:\s*(?P<num>\d*\s*[-/]\s*(?:\d{4}\s*/\s*)?[\p{L}][\p{L}\d&.]*\s*[-/]\s*[\p{L}\d][\p{L}\d&.\-]*)(?P<rest>.*)$")
        .unwrap()
});
static PLACE_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<place>\p{Lu}[\p{L}\s.\-]{1,40}?)\s*,\s*ngày\b(?P<date>.*)$").unwrap());
static YEAR_WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"năm\s+(\d{4})").unwrap());
static ARTICLE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}/\d{1,2}/\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\d+)?$").unwrap()
});
static CAPACITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:TM|KT|Q|TL|TUQ|T/M|K/T)\s*\.?\s+\p{Lu}").unwrap());
static PREAMBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Thực hiện|Căn cứ|Theo đề nghị|Xét đề nghị|Triển khai|Nhằm|Ngày \d)").unwrap()
});

/// Offices a signer signs in, upper case.
const OFFICES: &[&str] = &[
    "chu tich",
    "pho chu tich",
    "giam doc",
    "pho giam doc",
    "thu tuong",
    "pho thu tuong",
    "bo truong",
    "thu truong",
    "bi thu",
    "pho bi thu",
    "chanh van phong",
    "pho chanh van phong",
    "truong ban",
    "pho truong ban",
    "cuc truong",
    "vien truong",
    "tong cuc truong",
];

/// Province-level jurisdictions before and after the 2025 merger, for
/// recognising a place; the id is the name's slug.
pub(crate) const PROVINCES: &[&str] = &[
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hà Tĩnh",
    "Hải Dương",
    "Hải Phòng",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Huế",
    "Tiền Giang",
    "Hồ Chí Minh",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
];

/// The province a place name names (`Đăk Lăk` → `Đắk Lắk`), compared folded.
pub(crate) fn province(name: &str, table: &[(String, String)]) -> Option<(String, String)> {
    let f = fold(name).replace(" - ", " ").replace('-', " ");
    let f = f.trim_start_matches("tp. ").trim_start_matches("tp ").trim_start_matches("thanh pho ");
    let f = f.trim_start_matches("tinh ");
    table.iter().find(|(_, n)| fold(n).replace(" - ", " ").replace('-', " ") == f).cloned().or_else(|| {
        PROVINCES
            .iter()
            .find(|p| fold(p).replace(" - ", " ").replace('-', " ") == f)
            .map(|p| (slug(p), p.to_string()))
    })
}

/// The province named most often after `tỉnh`/`thành phố` in `text`.
pub(crate) fn most_named_province(text: &str, table: &[(String, String)]) -> Option<(String, String)> {
    let names: Vec<(String, String)> = if table.is_empty() {
        PROVINCES.iter().map(|p| (slug(p), p.to_string())).collect()
    } else {
        table.to_vec()
    };
    let folded_names: Vec<String> = names.iter().map(|(_, n)| fold(n)).collect();
    let mut counts = vec![0usize; names.len()];
    // One pass: after each `tỉnh` / `thành phố` / `tp`, which name follows.
    // Only lines that can name a province are folded.
    let candidates = text.lines().filter(|l| {
        ["ỉnh", "ỈNH", "phố", "PHỐ", "TP", "Tp"].iter().any(|w| l.contains(w))
            || (l.len() < 200 && l.contains(':'))
    });
    for line in candidates {
        let f = fold(line);
        let f = f.as_str();
        for prefix in ["tinh ", "thanh pho ", "tp "] {
            for (p, _) in f.match_indices(prefix) {
                if p > 0 && f.as_bytes()[p - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let rest = &f[p + prefix.len()..];
                for (k, n) in folded_names.iter().enumerate() {
                    if rest.starts_with(n.as_str()) {
                        counts[k] += 1;
                    }
                }
            }
        }
        // `Trung tâm ... Thái Bình: ...` (a site banner).
        if let Some((head, _)) = f.split_once(':') {
            for (k, n) in folded_names.iter().enumerate() {
                if head.ends_with(n.as_str()) {
                    counts[k] += 1;
                }
            }
        }
    }
    let (k, &n) = counts.iter().enumerate().max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))?;
    (n > 0).then(|| names[k].clone())
}

fn is_upper_line(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn is_motto(f: &str) -> bool {
    f.starts_with("cong hoa xa hoi") || f.starts_with("doc lap") || f.starts_with("dang cong san viet nam")
}

/// A person's name: two to five capitalised words, no digits.
pub(crate) fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && s.chars().count() <= 40
        && !s.chars().any(|c| c.is_ascii_digit() || matches!(c, ',' | ':' | ';' | '(' | '.'))
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !is_upper_line(s)
}

/// True for a line that is a signer's capacity (`KT. CHỦ TỊCH`, `GIÁM ĐỐC`).
pub(crate) fn is_capacity(s: &str) -> bool {
    let t = s.trim();
    if t.len() > 80 {
        return false;
    }
    if CAPACITY.is_match(t) {
        return true;
    }
    is_upper_line(t) && OFFICES.contains(&fold(t).as_str())
}

/// Reads the header of `lines`.
pub(crate) fn read(lines: &[Line], provinces: &[(String, String)]) -> Header {
    let mut h = Header {
        kind: None,
        number: None,
        date: None,
        year: None,
        place: None,
        issuer_lines: Vec::new(),
        issuer_hint: None,
        title: String::new(),
        signer: None,
        recipients: Vec::new(),
        status: DocStatus::FullText,
        used: Vec::new(),
        subject_line: None,
    };
    let texts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_text()).collect();
    let head: Vec<usize> = texts.iter().copied().take(30).collect();
    let (number_at, kind_at) = number_place_kind(lines, &head, &mut h);
    match kind_at {
        Some(k) => {
            // Issuer lines: upper-case lines above the kind line, before the number.
            issuer_lines(lines, &head, number_at.unwrap_or(k).min(k), &mut h);
            title(lines, k, &mut h);
            if h.number.is_none() {
                number_from_appendix(lines, &texts, &mut h);
            }
        }
        None => news(lines, &texts, provinces, &mut h),
    }
    if h.number.as_ref().is_some_and(|n| n.number().is_none()) {
        h.status = DocStatus::Draft;
    }
    signature(lines, &mut h);
    h
}

/// The number line, the place-and-date line and the kind line among the
/// first lines `head`, read into `h`: returns where the number and the
/// kind are. The kind line ends the search.
fn number_place_kind(lines: &[Line], head: &[usize], h: &mut Header) -> (Option<usize>, Option<usize>) {
    let mut number_at = None;
    for &i in head {
        let t = lines[i].text.trim();
        if number_at.is_none() && number_line(h, t, i) {
            number_at = Some(i);
            continue;
        }
        if h.place.is_none() && h.year.is_none() && PLACE_DATE.is_match(t) {
            let before = h.used.len();
            place_date(h, t);
            if h.used.len() == before && (h.year.is_some() || h.place.is_some()) {
                h.used.push(i);
            }
            continue;
        }
        if kind_line(h, t, &lines[i].folded, i) {
            return (number_at, Some(i));
        }
    }
    (number_at, None)
}

/// `Số: 162/KH-UBND` (with the place and date after it on the same line,
/// in gazette text), line `i`.
fn number_line(h: &mut Header, t: &str, i: usize) -> bool {
    let Some(c) = NUMBER_LINE.captures(t) else { return false };
    let Ok(n) = c["num"].parse::<DocNumber>() else { return false };
    h.number = Some(n);
    h.used.push(i);
    let rest = c["rest"].trim();
    if !rest.is_empty() {
        place_date(h, rest);
    }
    true
}

/// `KẾ HOẠCH`, `Kế hoạch:` (line `i`, folded `f`): a short line that is a
/// document kind.
fn kind_line(h: &mut Header, t: &str, f: &str, i: usize) -> bool {
    let bare = f.trim_end_matches(':').trim();
    let Some(k) = DocKind::from_name(bare).filter(|_| is_upper_line(t) || bare.split(' ').count() <= 3)
    else {
        return false;
    };
    if bare.split(' ').count() > 3 || t.chars().count() >= 30 {
        return false;
    }
    h.kind = Some(k);
    h.used.push(i);
    true
}

/// The upper-case lines of `head` before line `stop`, not the motto, are
/// the issuer's.
fn issuer_lines(lines: &[Line], head: &[usize], stop: usize, h: &mut Header) {
    for &i in head.iter().take_while(|&&i| i < stop) {
        let t = lines[i].text.trim();
        let f = lines[i].folded.as_str();
        if is_upper_line(t) && !is_motto(f) && !h.used.contains(&i) {
            h.issuer_lines.push(t.to_string());
            h.used.push(i);
        } else if is_motto(f) {
            h.used.push(i);
        }
    }
}

/// No `Số:` line (seed 001): the appendix says `(Kèm theo Kế hoạch số
/// 162/KH-UBND ngày 27 tháng 6 năm 2024 ...)`.
fn number_from_appendix(lines: &[Line], texts: &[usize], h: &mut Header) {
    for &i in texts {
        let t = &lines[i].text;
        if !lines[i].folded.contains("kem theo") {
            continue;
        }
        if let Some(c) =
            Citation::find_all(t).into_iter().find(|c| c.kind() == h.kind || c.number().kind() == h.kind)
        {
            h.number = Some(c.number().clone());
            if h.date.is_none() {
                h.date = c.date();
                h.year = h.year.or(c.date().map(Date::year));
            }
            break;
        }
    }
}

/// `Quảng Ninh, ngày 27 tháng 6 năm 2024` (also `Đăk Lăk, ngày tháng năm 2024`).
fn place_date(h: &mut Header, t: &str) {
    if let Some(c) = PLACE_DATE.captures(t) {
        h.place = Some(c["place"].trim().to_string());
        h.date = Date::parse_vietnamese(&format!("ngày{}", &c["date"]));
        h.year =
            h.date.map(Date::year).or_else(|| YEAR_WORD.captures(&c["date"]).and_then(|y| y[1].parse().ok()));
    }
}

/// The title: lines after the kind line up to a rule, a blank line, the
/// preamble or the repeated issuer line.
fn title(lines: &[Line], kind_at: usize, h: &mut Header) {
    let mut parts = Vec::new();
    let mut i = kind_at + 1;
    while i < lines.len() && lines[i].kind == LineKind::Blank {
        i += 1;
    }
    while i < lines.len() {
        let l = &lines[i];
        if l.kind != LineKind::Text {
            break;
        }
        let t = l.text.trim();
        if l.folded.starts_with("noi nhan") || is_capacity(t) {
            break;
        }
        // The enacting authority (`THỦ TƯỚNG CHÍNH PHỦ`) just before the
        // preamble is not part of the title.
        let next = lines[i + 1..].iter().find(|l| l.kind != LineKind::Blank);
        let enacting = is_upper_line(t)
            && t.chars().count() < 80
            && next.is_some_and(|n| n.is_text() && PREAMBLE.is_match(n.text.trim()));
        if !parts.is_empty()
            && (enacting
                || PREAMBLE.is_match(t)
                || super::clauses::marker(t).is_some()
                || (is_upper_line(t) && t.chars().count() < 40 && !is_upper_line(&parts.join(" "))))
        {
            break;
        }
        parts.push(t.to_string());
        h.used.push(i);
        i += 1;
        if parts.len() >= 8 {
            break;
        }
    }
    h.title = collapse(&parts.join(" "));
}

pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A news article: the document is the one the article says was issued
/// (`Sở Y tế ban hành Kế hoạch số 56/KH-SYT`); the headline is the title.
fn news(lines: &[Line], texts: &[usize], provinces: &[(String, String)], h: &mut Header) {
    h.status = DocStatus::Summary;
    static ISSUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?P<who>[\p{L} ]{2,60}?)\s+(?:đã\s+)?ban\s+hành(?:\s+\p{L}+){0,3}\s*$").unwrap()
    });
    let mut subject: Option<(usize, Citation)> = None;
    'outer: for &i in texts {
        let t = &lines[i].text;
        // Spans are in the NFC text: normalised once per line, not per citation.
        let t_nfc = crate::text::nfc(t);
        for c in Citation::find_all(t) {
            let before = &t_nfc[..c.span().0];
            // The kind words are part of the citation; look before them.
            let tail: String = before.chars().rev().take(80).collect::<Vec<_>>().into_iter().rev().collect();
            let cite_head = c.text();
            let probe = format!("{tail}{}", &cite_head[..cite_head.find(char::is_numeric).unwrap_or(0)]);
            let probe = probe.trim_end().trim_end_matches(|c: char| c.is_numeric());
            if let Some(m) = ISSUED.captures(probe.trim_end_matches("số").trim_end()) {
                let who = m["who"].trim();
                let who = who.rsplit([',', '.', ';']).next().unwrap_or(who).trim();
                let who = who
                    .split_whitespace()
                    .skip_while(|w| w.chars().next().is_some_and(|c| c.is_lowercase() || c.is_numeric()))
                    .collect::<Vec<_>>()
                    .join(" ");
                if !who.is_empty() {
                    h.issuer_hint = Some(who);
                }
                subject = Some((i, c));
                break 'outer;
            }
            if subject.is_none() && fold(probe).ends_with("theo do, ke hoach so") {
                subject = Some((i, c));
            }
        }
    }
    let Some((at, c)) = subject else { return };
    h.subject_line = Some(lines[at].no);
    h.number = Some(c.number().clone());
    h.kind = c.kind().or(c.number().kind());
    h.date = c.date().or_else(|| {
        // `Ngày 15/03/2024, Sở Y tế ban hành Kế hoạch số 56/KH-SYT`.
        let t = &lines[at].text;
        let start = t.find(c.text().split_whitespace().next().unwrap_or("")).unwrap_or(0);
        let before = &t[..start.min(t.len())];
        let cut = before.char_indices().rev().nth(120).map_or(0, |(k, _)| k);
        let window = &before[cut..];
        let seg = window.rsplit(['.', ';']).next().unwrap_or(window);
        Date::parse_vietnamese(seg)
    });
    // Article date stamp and headline.
    let mut headline = None;
    for &i in texts.iter().filter(|&&i| i < at) {
        let t = lines[i].text.trim();
        if let Some(s) = ARTICLE_STAMP.captures(t) {
            if h.year.is_none() {
                h.year = Date::parse_vietnamese(&s[1]).map(Date::year);
            }
            h.used.push(i);
        }
    }
    if let Some(&i) = texts.iter().rev().find(|&&i| {
        i < at && !ARTICLE_STAMP.is_match(lines[i].text.trim()) && lines[i].text.chars().count() < 300
    }) {
        headline = Some(i);
    }
    if let Some(i) = headline {
        let t = lines[i].text.trim();
        // `Sở Y tế: Triển khai ...`: drop the agency prefix.
        let t = match t.split_once(": ") {
            Some((a, b)) if a.split_whitespace().count() <= 6 => b,
            _ => t,
        };
        h.title = collapse(t);
        h.used.push(i);
    }
    h.year = h.date.map(Date::year).or(h.year).or(c.number().year());
    let _ = provinces;
}

/// `Nơi nhận:` and the recipients under it; the signer's capacity lines and
/// name.
fn signature(lines: &[Line], h: &mut Header) {
    let n = lines.len();
    // Lines used before; those used here are passed over as they are used.
    let mut used_before = vec![false; n];
    for &k in &h.used {
        used_before[k] = true;
    }
    let mut i = 0;
    while i < n {
        let l = &lines[i];
        if !l.is_text() || used_before[i] {
            i += 1;
            continue;
        }
        let t = l.text.trim();
        let f = l.folded.as_str();
        if f.starts_with("noi nhan") {
            h.used.push(i);
            let mut j = i + 1;
            while j < n
                && (lines[j].kind == LineKind::Blank
                    || lines[j].text.trim_start().starts_with(['-', '+', '•']))
            {
                if lines[j].is_text() {
                    let r = lines[j].text.trim().trim_start_matches(['-', '+', '•']).trim();
                    h.recipients.push(r.trim_end_matches([';', '.']).to_string());
                    h.used.push(j);
                }
                j += 1;
            }
            i = j;
            continue;
        }
        if is_capacity(t) && h.signer.is_none() {
            let mut caps = vec![t.to_string()];
            let mut used = vec![i];
            let mut j = i + 1;
            while j < n && j <= i + 6 {
                let lj = &lines[j];
                if lj.kind == LineKind::Blank {
                    j += 1;
                    continue;
                }
                if !lj.is_text() {
                    break;
                }
                let tj = lj.text.trim();
                if !tj.chars().any(char::is_alphanumeric) {
                    // A stray mark of the signature stamp (`[`).
                    j += 1;
                    continue;
                }
                if is_person_name(tj) {
                    used.push(j);
                    h.signer = Some(Signer { name: tj.to_string(), capacity: Some(caps.join(" / ")) });
                    h.used.extend(used);
                    break;
                }
                if is_capacity(tj) || (is_upper_line(tj) && tj.chars().count() < 40) {
                    caps.push(tj.to_string());
                    used.push(j);
                    j += 1;
                    continue;
                }
                break;
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalise::normalise;
    use super::*;

    fn header(text: &str) -> Header {
        read(&normalise(text), &[])
    }

    #[test]
    fn official_header_seed_003() {
        let h = header("\n\nSố: 10/KH-SYT\n\nBắc Giang, ngày 18 tháng 01 năm 2024\n\nKẾ HOẠCH\n\nTriển khai thực hiện nhiệm vụ trọng tâm năm 2024 của Phó Chủ tịch Thường trực UBND tỉnh Mai Sơn\n\nThực hiện Thông báo số 2117-TB/TU ngày 26/12/2023\n\nNơi nhận:\n\n- UBND tỉnh;\n- Lưu: VT, KHTC.\n\nGIÁM ĐỐC\n\nNguyễn Thị Thu Hương");
        assert_eq!(h.number.unwrap().to_string(), "10/KH-SYT");
        assert_eq!(h.place.as_deref(), Some("Bắc Giang"));
        assert_eq!(h.date.unwrap().to_string(), "2024-01-18");
        assert_eq!(h.kind, Some(DocKind::KeHoach));
        assert_eq!(
            h.title,
            "Triển khai thực hiện nhiệm vụ trọng tâm năm 2024 của Phó Chủ tịch Thường trực UBND tỉnh Mai Sơn"
        );
        assert_eq!(h.recipients, ["UBND tỉnh", "Lưu: VT, KHTC"]);
        let s = h.signer.unwrap();
        assert_eq!((s.name.as_str(), s.capacity.as_deref()), ("Nguyễn Thị Thu Hương", Some("GIÁM ĐỐC")));
        assert_eq!(h.status, DocStatus::FullText);
    }

    #[test]
    fn draft_header_seed_002() {
        let h = header("\n\nSố: /KH-SYT Đăk Lăk, ngày tháng năm 2024\n\nKẾ HOẠCH\n\nThực hiện Chương trình hành động thực hiện Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ\n\nThực hiện Quyết định số 164/QĐ-BYT");
        assert_eq!(h.status, DocStatus::Draft);
        assert_eq!(h.year, Some(2024));
        assert_eq!(h.date, None);
        assert_eq!(province(h.place.as_deref().unwrap(), &[]).unwrap().0, "dak-lak");
        assert!(h.title.starts_with("Thực hiện Chương trình hành động"));
        assert!(!h.title.contains("164"));
    }

    #[test]
    fn gazette_header_and_signer() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/nq-97-nq-cp-2026.txt"
        ))
        .unwrap();
        let h = header(&text);
        assert_eq!(h.number.unwrap().to_string(), "97/NQ-CP");
        assert_eq!(h.issuer_lines, ["CHÍNH PHỦ"]);
        assert_eq!(h.date.unwrap().to_string(), "2026-04-06");
        assert_eq!(h.kind, Some(DocKind::NghiQuyet));
        assert!(h.title.starts_with("Sửa đổi, bổ sung nhiệm vụ trong Chương trình hành động của Chính phủ thực hiện Nghị quyết số 66-NQ/TW"));
        assert!(h.title.ends_with("trong kỷ nguyên mới"), "{}", h.title);
        let s = h.signer.unwrap();
        assert_eq!(s.name, "Phạm Minh Chính");
        assert_eq!(s.capacity.as_deref(), Some("TM. CHÍNH PHỦ / THỦ TƯỚNG"));
    }

    #[test]
    fn signer_capacity_seed_001() {
        let h = header(" Quảng Ninh, ngày 27 tháng 6 năm 2024\nKẾ HOẠCH\nTRIỂN KHAI\nNơi nhận:\n- Bộ Y tế (b/c);\n- Lưu: VT,VX3.\n TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thị Hạnh\nPHỤ LỤC");
        let s = h.signer.unwrap();
        assert_eq!(s.capacity.as_deref(), Some("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"));
        assert_eq!(h.recipients, ["Bộ Y tế (b/c)", "Lưu: VT,VX3"]);
    }

    #[test]
    fn news_article_seed_000() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/sources/thai-binh-2024-kh-syt-56.txt"
        ))
        .unwrap();
        let h = header(&text);
        assert_eq!(h.status, DocStatus::Summary);
        assert_eq!(h.number.unwrap().to_string(), "56/KH-SYT");
        assert_eq!(h.date.unwrap().to_string(), "2024-03-15");
        assert_eq!(h.issuer_hint.as_deref(), Some("Sở Y tế"));
        assert!(h.title.starts_with("Triển khai thực hiện Kế hoạch số 47/KH-UBND"));
        assert_eq!(most_named_province(&text, &[]).unwrap().0, "thai-binh");
    }

    #[test]
    fn news_article_seed_004() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/sources/quang-ngai-2023-kh-ubnd-193.txt"
        ))
        .unwrap();
        let h = header(&text);
        assert_eq!(h.number.unwrap().to_string(), "193/KH-UBND");
        assert_eq!(h.date, None);
        assert_eq!(h.year, Some(2023));
        assert_eq!(h.issuer_hint.as_deref(), Some("UBND tỉnh"));
        assert_eq!(most_named_province(&text, &[]).unwrap().0, "quang-ngai");
    }
}
