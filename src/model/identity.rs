//! Document identity: kinds, numbers (số, ký hiệu), canonical ids, clause
//! references and citations as they are written in text.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::model::date::Date;
use crate::model::document::{Branch, Level};
use crate::text::{fold, nfc, slug};

/// The kind of a document, with its official type code (Nghị định
/// 30/2020/NĐ-CP, Phụ lục III; Hướng dẫn 36-HD/VPTW for the Party).
///
/// serde writes the Vietnamese name as a slug (`ke-hoach`), which, unlike the
/// code, is unambiguous (`TT` is both Thông tư and Thông tri).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocKind {
    /// Nghị quyết (NQ).
    NghiQuyet,
    /// Quyết định (QĐ).
    QuyetDinh,
    /// Chỉ thị (CT).
    ChiThi,
    /// Quy chế (QC).
    QuyChe,
    /// Quy định of the state (QyĐ).
    QuyDinh,
    /// Quy định of the Party (QĐi).
    QuyDinhDang,
    /// Thông cáo (TC).
    ThongCao,
    /// Thông báo (TB).
    ThongBao,
    /// Hướng dẫn (HD).
    HuongDan,
    /// Chương trình (CTr).
    ChuongTrinh,
    /// Kế hoạch (KH).
    KeHoach,
    /// Phương án (PA).
    PhuongAn,
    /// Đề án (ĐA).
    DeAn,
    /// Dự án (DA).
    DuAn,
    /// Báo cáo (BC).
    BaoCao,
    /// Biên bản (BB).
    BienBan,
    /// Tờ trình (TTr).
    ToTrinh,
    /// Hợp đồng (HĐ).
    HopDong,
    /// Công điện (CĐ).
    CongDien,
    /// Bản ghi nhớ (BGN).
    BanGhiNho,
    /// Nghị định (NĐ), normative.
    NghiDinh,
    /// Thông tư (TT), normative.
    ThongTu,
    /// Luật, normative.
    Luat,
    /// Kết luận of the Party (KL).
    KetLuan,
    /// Thông tri of the Party (TT).
    ThongTri,
    /// Công văn (administrative letter, no type code in its number).
    CongVan,
}

const KINDS: &[(DocKind, &str, &str)] = &[
    (DocKind::NghiQuyet, "NQ", "Nghị quyết"),
    (DocKind::QuyetDinh, "QĐ", "Quyết định"),
    (DocKind::ChiThi, "CT", "Chỉ thị"),
    (DocKind::QuyChe, "QC", "Quy chế"),
    (DocKind::QuyDinh, "QyĐ", "Quy định"),
    (DocKind::QuyDinhDang, "QĐi", "Quy định"),
    (DocKind::ThongCao, "TC", "Thông cáo"),
    (DocKind::ThongBao, "TB", "Thông báo"),
    (DocKind::HuongDan, "HD", "Hướng dẫn"),
    (DocKind::ChuongTrinh, "CTr", "Chương trình"),
    (DocKind::KeHoach, "KH", "Kế hoạch"),
    (DocKind::PhuongAn, "PA", "Phương án"),
    (DocKind::DeAn, "ĐA", "Đề án"),
    (DocKind::DuAn, "DA", "Dự án"),
    (DocKind::BaoCao, "BC", "Báo cáo"),
    (DocKind::BienBan, "BB", "Biên bản"),
    (DocKind::ToTrinh, "TTr", "Tờ trình"),
    (DocKind::HopDong, "HĐ", "Hợp đồng"),
    (DocKind::CongDien, "CĐ", "Công điện"),
    (DocKind::BanGhiNho, "BGN", "Bản ghi nhớ"),
    (DocKind::NghiDinh, "NĐ", "Nghị định"),
    (DocKind::ThongTu, "TT", "Thông tư"),
    (DocKind::Luat, "L", "Luật"),
    (DocKind::KetLuan, "KL", "Kết luận"),
    (DocKind::ThongTri, "TT", "Thông tri"),
    (DocKind::CongVan, "CV", "Công văn"),
];

impl DocKind {
    fn row(self) -> &'static (DocKind, &'static str, &'static str) {
        KINDS.iter().find(|r| r.0 == self).expect("every kind has a row")
    }

    /// The official type code (`QĐ`, `KH`, `CTr`).
    pub fn code(self) -> &'static str {
        self.row().1
    }

    /// The Vietnamese name (`Quyết định`).
    pub fn name(self) -> &'static str {
        self.row().2
    }

    /// The kind for a type code as it appears in a number, case-insensitive.
    /// `party` chooses between the Party and state readings of `TT` and of
    /// Quy định.
    pub fn from_code(code: &str, party: bool) -> Option<DocKind> {
        // Compared char by char: upper-casing each row's code allocated a
        // dozen strings for every number read.
        let same =
            |c: &str| c.chars().flat_map(char::to_uppercase).eq(code.chars().flat_map(char::to_uppercase));
        if same("TT") {
            return Some(if party { DocKind::ThongTri } else { DocKind::ThongTu });
        }
        if same("QĐI") {
            return Some(DocKind::QuyDinhDang);
        }
        KINDS.iter().find(|(k, c, _)| *k != DocKind::CongVan && same(c)).map(|r| r.0)
    }

    /// The kind for a Vietnamese name in any case or tone-mark placement
    /// (`QUYẾT ĐỊNH`, `Kế hoạch`, `văn bản`).
    pub fn from_name(name: &str) -> Option<DocKind> {
        let f = fold(name);
        if f == "van ban" {
            return Some(DocKind::CongVan);
        }
        KINDS.iter().find(|(_, _, n)| fold(n) == f).map(|r| r.0)
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A document's number and symbol (số, ký hiệu), in one of the four grammars:
///
/// | grammar | example |
/// |---|---|
/// | administrative `{n}/{TYPE}-{ISSUER}` | `281/QĐ-TTg` |
/// | letter `{n}/{ISSUER}-{UNIT}` | `1948/VP.UBND-VHXH` |
/// | normative `{n}/{yyyy}/{TYPE}-{ISSUER}` | `33/2015/TT-BYT` |
/// | Party `{n}-{TYPE}/{ORGAN}` | `25-CT/TW` |
///
/// Parsing accepts the variants real text uses (`số`, stray spaces, wrong
/// separators, any case); `Display` prints the official form.
///
/// ```
/// use directive_lineage::DocNumber;
/// for written in ["25-CT/TW", "số 25- CT/TW", "25/CT-TW"] {
///     assert_eq!(written.parse::<DocNumber>().unwrap().to_string(), "25-CT/TW");
/// }
/// let qd: DocNumber = "281/QĐ-TTG".parse().unwrap();
/// assert_eq!(qd.to_string(), "281/QĐ-TTg");
/// assert!(qd.is_central());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DocNumber {
    number: Option<String>,
    year: Option<u16>,
    kind: Option<DocKind>,
    issuer: String,
    unit: Option<String>,
    party: bool,
}

/// Issuing bodies by the issuer code of their numbers: (code, name, a
/// body of a province).
const ISSUERS: &[(&str, &str, bool)] = &[
    ("UBND", "UBND", true),
    ("HĐND", "HĐND", true),
    ("SYT", "Sở Y tế", true),
    ("STC", "Sở Tài chính", true),
    ("SNV", "Sở Nội vụ", true),
    ("STP", "Sở Tư pháp", true),
    ("SGDĐT", "Sở Giáo dục và Đào tạo", true),
    ("SKHĐT", "Sở Kế hoạch và Đầu tư", true),
    ("TU", "Tỉnh ủy", false),
    ("CP", "Chính phủ", false),
    ("TTG", "Thủ tướng Chính phủ", false),
    ("QH", "Quốc hội", false),
    ("TW", "Ban Chấp hành Trung ương", false),
    ("BYT", "Bộ Y tế", false),
    ("BTC", "Bộ Tài chính", false),
    ("BTP", "Bộ Tư pháp", false),
    ("BNV", "Bộ Nội vụ", false),
];

/// Issuers whose documents are central (Trung ương) rather than local.
const CENTRAL_ISSUERS: &[&str] = &[
    "TW", "VPTW", "BCTW", "BBT", "TTG", "CP", "QH", "UBTVQH", "VPCP", "CTN", "TANDTC", "VKSNDTC", "KTNN",
    "BYT", "BTC", "BNV", "BKHĐT", "BTP", "BCA", "BQP", "BGDĐT", "BLĐTBXH", "BTTTT", "BXD", "BGTVT", "BCT",
    "BNNPTNT", "BTNMT", "BVHTTDL", "BKHCN", "BNG", "BDTTG", "NHNN", "TTCP", "BNNMT", "BDTTG", "UBDT",
];

fn is_party_organ(code: &str) -> bool {
    let up = canonical_issuer(code);
    up.ends_with("TW")
        || matches!(up.as_str(), "TU" | "HU" | "QU" | "ĐU" | "TXU" | "TPU")
        || up.starts_with("BCS")
        || up.starts_with("ĐU")
}

/// An issuer code in its official form: upper case, but `TTg` (Thủ tướng,
/// the one mixed-case code in common use); the Party's central organ
/// (Trung ương) as `TW` however it is printed: `TƯ`, `T.Ư`, `T.W`, `Tw`
/// (`25-CT/TƯ` is `25-CT/TW`; `BCĐTƯ` is `BCĐTW`). `TU` (Tỉnh ủy) stays.
pub(crate) fn canonical_issuer(s: &str) -> String {
    let up = s.to_uppercase();
    if up == "TTG" {
        return "TTg".to_string();
    }
    for printed in ["T.Ư", "T.W", "TƯ"] {
        if let Some(head) = up.strip_suffix(printed) {
            return format!("{head}TW");
        }
    }
    up
}

/// The National Assembly's numbering, `{n}/{yyyy}/{ORGAN}{term}` (Luật
/// 2015 on legal documents): no type code, the organ carries the term.
static ASSEMBLY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:s[ốố]\s*:?\s*)?(?P<n>\d{1,6})\s*/\s*(?P<year>\d{4})\s*/\s*(?P<organ>(?i:UBTVQH|QH)\d{1,2})\s*$").unwrap()
});

static NUMBER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?i:s[ốố]\s*:?\s*)?
        (?P<n>\d{1,6}[a-z]?)?\s*
        (?P<sep1>[-/])\s*
        (?:(?P<year>\d{4})\s*/\s*)?
        (?P<a>[\p{L}][\p{L}&]*(?:\.[\p{L}&]+)*)\s*
        (?P<sep2>[-/])\s*
        (?P<b>[\p{L}\d][\p{L}\d&]*(?:[.-][\p{L}\d][\p{L}\d&]*)*)\s*$",
    )
    .unwrap()
});

impl DocNumber {
    /// The number (`281`), or `None` for a draft whose number is still blank.
    pub fn number(&self) -> Option<&str> {
        self.number.as_deref()
    }

    /// The year written in a normative number (`2015` in `33/2015/TT-BYT`).
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// The kind named by the type code, or `None` for a letter (công văn).
    pub fn kind(&self) -> Option<DocKind> {
        self.kind
    }

    /// The issuer code (`TTg`, `UBND`, `TW`; `VP.UBND` for a letter).
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// True for Party numbering (`25-CT/TW`).
    pub fn is_party(&self) -> bool {
        self.party
    }

    /// True when the issuer is a central body (the Party's central organs,
    /// the National Assembly, the Government, the Prime Minister, ministries),
    /// so the document belongs to jurisdiction `vn` whoever cites it.
    pub fn is_central(&self) -> bool {
        // `QH15`, `UBTVQH15`: the organ with its term.
        let up = self.issuer.to_uppercase();
        // Any Party organ of the centre ends in `TW` (`BCĐTW`, `UBKTTW`).
        CENTRAL_ISSUERS.contains(&up.trim_end_matches(|c: char| c.is_ascii_digit()))
            || (self.party && up.ends_with("TW"))
    }

    /// The level of government of the issuer: central for a central
    /// issuer ([`DocNumber::is_central`]), district for a district's Party
    /// committee (`HU`, `QU`), else province.
    ///
    /// ```
    /// use directive_lineage::{Branch, DocNumber, Level};
    /// let n: DocNumber = "56/KH-SYT".parse()?;
    /// assert_eq!((n.level(), n.branch()), (Level::Province, Branch::Department));
    /// let n: DocNumber = "25-CT/TW".parse()?;
    /// assert_eq!((n.level(), n.branch()), (Level::Central, Branch::Party));
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn level(&self) -> Level {
        let code = self.issuer.to_uppercase();
        if self.is_central() {
            Level::Central
        } else if code == "HU" || code == "QU" {
            Level::District
        } else {
            Level::Province
        }
    }

    /// The branch of the issuer within its level, from its code: a Party
    /// number or committee (`TU`) is Party, a council (`HĐND`, `QH`) is
    /// Council, `UBND`, `CP`, `TTg` are Government, a Sở or Bộ (`SYT`,
    /// `BYT`) or an office (`VP.UBND`, as the curated corpus has it) is
    /// Department.
    pub fn branch(&self) -> Branch {
        let code = self.issuer.to_uppercase();
        if self.party || matches!(code.as_str(), "TW" | "TU" | "HU" | "QU" | "ĐU" | "BCĐ") {
            Branch::Party
        } else if code.contains("HĐND") || code == "QH" || code == "UBTVQH" {
            Branch::Council
        } else if matches!(code.as_str(), "UBND" | "CP" | "TTG") {
            Branch::Government
        } else if code.starts_with('S') || code.starts_with('B') || code.starts_with("VP") {
            Branch::Department
        } else {
            Branch::Government
        }
    }

    /// The issuing body a number's issuer code stands for (`SYT` → `Sở Y
    /// tế`, `TTg` → `Thủ tướng Chính phủ`), and whether it is a body of a
    /// province (whose name then follows: `Sở Y tế tỉnh Thái Bình`).
    pub(crate) fn issuer_body(&self) -> Option<(&'static str, bool)> {
        let code = fold(&self.issuer);
        ISSUERS.iter().find(|(c, _, _)| fold(c) == code).map(|&(_, name, of_province)| (name, of_province))
    }

    /// The number as the last segment of an id: no leading zeros (`04` →
    /// `4`), `draft` when blank.
    fn id_segment(&self) -> String {
        match self.number.as_deref() {
            Some(n) => {
                let t = n.trim_start_matches('0');
                if t.is_empty() {
                    "0".to_string()
                } else {
                    slug(t)
                }
            }
            None => "draft".to_string(),
        }
    }

    /// The symbol part as an id slug: `qd-ttg`, `ct-tw`, `vp.ubnd-vhxh`.
    pub fn symbol_slug(&self) -> String {
        match (self.party, self.kind, &self.unit) {
            (_, _, Some(unit)) => slug(&format!("{}-{}", self.issuer, unit)),
            (_, Some(k), None) => slug(&format!("{}-{}", k.code(), self.issuer)),
            (_, None, None) => slug(&self.issuer),
        }
    }
}

/// A document number that does not parse, with the grammars accepted.
fn number_error(s: &str) -> Error {
    Error::parse_expected(
        "document number",
        s,
        "a number and symbol such as 281/QĐ-TTg, 1948/VP.UBND-VHXH, 33/2015/TT-BYT or 25-CT/TW",
    )
}

impl FromStr for DocNumber {
    type Err = Error;

    fn from_str(s: &str) -> Result<DocNumber> {
        // Only numbers whose official form reads back as the same number:
        // upper-casing some letters (Greek `ΐ`, `ŉ`) yields combining marks or
        // modifier letters that the grammar does not take (found by fuzzing).
        let n = DocNumber::parse_raw(s)?;
        let shown = n.to_string();
        if shown == s {
            // Parsing is deterministic: the official form reads back as `n`.
            // Corpus JSON holds official forms, so a load parses each once.
            return Ok(n);
        }
        match DocNumber::parse_raw(&shown) {
            Ok(back) if back == n => Ok(n),
            _ => Err(number_error(s)),
        }
    }
}

impl DocNumber {
    fn parse_raw(s: &str) -> Result<DocNumber> {
        let norm = nfc(s);
        // Only the National Assembly's organs (`QH`, `UBTVQH`) have a Q.
        let assembly = norm.contains(['Q', 'q']).then(|| ASSEMBLY_RE.captures(&norm)).flatten();
        if let Some(c) = assembly {
            // National Assembly grammar: `197/2025/QH15`, `119/2026/UBTVQH15`.
            return Ok(DocNumber {
                number: Some(c["n"].to_string()),
                year: c["year"].parse().ok(),
                kind: None,
                issuer: c["organ"].to_uppercase(),
                unit: None,
                party: false,
            });
        }
        let c = NUMBER_RE.captures(&norm).ok_or_else(|| number_error(s))?;
        let number = c.name("n").map(|m| {
            let t = m.as_str().trim_start_matches('0');
            if t.is_empty() {
                "0".to_string()
            } else {
                m.as_str().to_string()
            }
        });
        let year = c.name("year").and_then(|m| m.as_str().parse().ok());
        let (a, b) = (&c["a"], &c["b"]);
        let mut out = DocNumber { number, year, kind: None, issuer: String::new(), unit: None, party: false };
        if &c["sep1"] == "-" {
            // Party grammar: {n}-{TYPE}/{ORGAN}.
            out.party = true;
            out.kind = Some(DocKind::from_code(a, true).ok_or_else(|| number_error(s))?);
            out.issuer = canonical_issuer(b);
        } else if let (true, Some(k)) = (is_party_organ(b), DocKind::from_code(a, true)) {
            // `25/CT-TW`: Party numbering written with state separators.
            out.party = true;
            out.kind = Some(k);
            out.issuer = canonical_issuer(b);
        } else if let Some(k) = DocKind::from_code(a, false) {
            out.kind = Some(k);
            out.issuer = canonical_issuer(b);
        } else {
            out.kind = None;
            out.issuer = canonical_issuer(a);
            out.unit = Some(b.to_uppercase());
        }
        if out.year.is_some() && (out.party || out.unit.is_some()) {
            return Err(number_error(s));
        }
        Ok(out)
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.number.as_deref().unwrap_or("");
        match (self.party, self.kind, &self.unit, self.year) {
            (true, Some(k), _, _) => write!(f, "{n}-{}/{}", k.code(), self.issuer),
            (_, _, Some(unit), _) => write!(f, "{n}/{}-{unit}", self.issuer),
            (_, Some(k), None, Some(y)) => write!(f, "{n}/{y}/{}-{}", k.code(), self.issuer),
            (_, Some(k), None, None) => write!(f, "{n}/{}-{}", k.code(), self.issuer),
            (_, None, None, Some(y)) => write!(f, "{n}/{y}/{}", self.issuer),
            (_, None, None, None) => write!(f, "{n}/{}", self.issuer),
        }
    }
}

impl Serialize for DocNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DocNumber, D::Error> {
        crate::model::date::parse_str(d, "a document number such as 281/QĐ-TTg", |s| {
            let n: DocNumber = s.parse()?;
            let official = n.to_string();
            if official != s {
                crate::model::normalised::note(|| {
                    format!("number {s:?} was not in its official form; read as {official:?}")
                });
            }
            Ok::<_, Error>(n)
        })
    }
}

/// The canonical identifier of a document: ASCII, URL-safe, ELI-like
/// `{jurisdiction}/{year}/{symbol}/{number}`.
///
/// Numbers restart every year and every province has a `47/KH-UBND`, so the
/// id carries jurisdiction and year as well as type, issuer and number.
///
/// ```
/// use directive_lineage::{DocId, DocNumber};
/// let n: DocNumber = "230-KH/TU".parse().unwrap();
/// let id = DocId::from_number("thai-binh", 2024, &n);
/// assert_eq!(id.to_string(), "thai-binh/2024/kh-tu/230");
/// assert_eq!(id.to_string().parse::<DocId>().unwrap(), id);
/// // A central issuer ignores the citing jurisdiction.
/// let ct: DocNumber = "25-CT/TW".parse().unwrap();
/// assert_eq!(DocId::from_number("thai-binh", 2023, &ct).to_string(), "vn/2023/ct-tw/25");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(String);

fn is_slug(s: &str, dot: bool) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || (dot && b == b'.'))
        // An id is also a file name: no `..`, no dot at either end.
        && !s.starts_with('.')
        && !s.ends_with('.')
        && !s.contains("..")
}

impl DocId {
    /// The id of a numbered document. The jurisdiction is `vn` when the
    /// number's issuer is central, else `jurisdiction`; the year is the one
    /// written in a normative number, else `year`.
    pub fn from_number(jurisdiction: &str, year: u16, number: &DocNumber) -> DocId {
        let j = if number.is_central() { "vn".to_string() } else { slug(jurisdiction) };
        let y = number.year().unwrap_or(year);
        DocId(format!("{j}/{y}/{}/{}", number.symbol_slug(), number.id_segment()))
    }

    /// The id of a draft with a blank number: a stable slug from its title
    /// replaces the number, so two drafts of one issuer in one year differ.
    ///
    /// ```
    /// use directive_lineage::{DocId, DocNumber};
    /// let n: DocNumber = "Số: /KH-SYT".parse().unwrap();
    /// let id = DocId::draft("dak-lak", 2024, &n, "Thực hiện Nghị quyết số 01/NQ-CP");
    /// assert_eq!(id.to_string(), "dak-lak/2024/kh-syt/draft-thuc-hien-nghi-quyet-so-01");
    /// ```
    pub fn draft(jurisdiction: &str, year: u16, number: &DocNumber, title: &str) -> DocId {
        let words: Vec<String> = fold(title)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .map(str::to_string)
            .collect();
        let j = if number.is_central() { "vn".to_string() } else { slug(jurisdiction) };
        // A title with no letters or digits leaves just `draft` (a trailing
        // `-` would make an id that does not parse back).
        let n = if words.is_empty() { "draft".to_string() } else { format!("draft-{}", words.join("-")) };
        DocId(format!("{j}/{year}/{}/{n}", number.symbol_slug()))
    }

    /// The jurisdiction segment (`quang-ninh`, `vn`).
    pub fn jurisdiction(&self) -> &str {
        self.0.split('/').next().unwrap_or("")
    }

    /// The year segment.
    pub fn year(&self) -> u16 {
        self.0.split('/').nth(1).and_then(|y| y.parse().ok()).unwrap_or(0)
    }

    /// The symbol segment (`kh-ubnd`).
    pub fn symbol(&self) -> &str {
        self.0.split('/').nth(2).unwrap_or("")
    }

    /// The number segment (`162`).
    pub fn number(&self) -> &str {
        self.0.split('/').nth(3).unwrap_or("")
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DocId {
    type Err = Error;

    /// Parses the canonical form only; people's forms (`162/KH-UBND`) are
    /// resolved against a corpus by [`Corpus::resolve`](crate::Corpus::resolve).
    fn from_str(s: &str) -> Result<DocId> {
        // No vector of parts: every link of a corpus is parsed on load.
        let mut parts = s.split('/');
        let mut next = || parts.next().unwrap_or("");
        let (j, y, sym, n) = (next(), next(), next(), next());
        let ok = parts.next().is_none()
            && is_slug(j, false)
            && y.len() == 4
            && y.bytes().all(|b| b.is_ascii_digit())
            && is_slug(sym, true)
            && is_slug(n, false);
        if ok {
            Ok(DocId(s.to_string()))
        } else {
            Err(Error::parse_expected("document id", s, id_expected(s, "")))
        }
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DocId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DocId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DocId, D::Error> {
        crate::model::date::parse_str(d, "a document id such as vn/2024/qd-ttg/281", str::parse)
    }
}

/// What a document id (with `path`, a clause reference) is expected to
/// be, with an example, and, when `written` is a document number as people
/// write it, the id that number has with the parts the number cannot give
/// left as `{year}` or `{jurisdiction}`.
fn id_expected(written: &str, path: &str) -> String {
    let mut out = format!(
        "a canonical id {{jurisdiction}}/{{year}}/{{symbol}}/{{number}}{}, such as vn/2023/ct-tw/25{}",
        if path.is_empty() { "" } else { "#{clause path}" },
        if path.is_empty() { "" } else { "#4" },
    );
    let head = written.find(|c: char| c.is_ascii_digit()).map_or(written, |at| &written[at..]);
    if let Ok(n) = head.parse::<DocNumber>() {
        let j = if n.is_central() { "vn" } else { "{jurisdiction}" };
        let y = n.year().map_or("{year}".to_string(), |y| y.to_string());
        out.push_str(&format!("; {n} is {j}/{y}/{}/{}{path}", n.symbol_slug(), n.id_segment()));
        if n.year().is_none() {
            out.push_str(" with its year of issue");
        }
        out.push_str(" (Corpus::resolve reads numbers as people write them)");
    }
    out
}

/// A reference to a document or to one of its clauses: `{doc id}` or
/// `{doc id}#{path}`, where a path is dot-separated (`II.4`, `PL.12`,
/// `II.1.-2` for the second dash bullet of II.1).
///
/// ```
/// use directive_lineage::ClauseId;
/// let r: ClauseId = "quang-ninh/2024/kh-ubnd/162#II.4".parse().unwrap();
/// assert_eq!(r.doc().to_string(), "quang-ninh/2024/kh-ubnd/162");
/// assert_eq!(r.path(), Some("II.4"));
/// assert_eq!(r.to_string().parse::<ClauseId>().unwrap(), r);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClauseId {
    doc: DocId,
    path: Option<String>,
}

/// True for a well-formed clause path: dot-separated non-empty segments of
/// letters, digits, `-` and `+`.
pub(crate) fn is_clause_path(p: &str) -> bool {
    // One pass, no splitting: this runs for every clause and link of a
    // corpus on load. ASCII paths (nearly all) are checked byte by byte.
    if p.is_ascii() {
        let mut after_dot = true;
        for &b in p.as_bytes() {
            match b {
                b'.' if after_dot => return false,
                b'.' => after_dot = true,
                b'-' | b'+' => after_dot = false,
                _ if b.is_ascii_alphanumeric() => after_dot = false,
                _ => return false,
            }
        }
        return !after_dot;
    }
    let mut after_dot = true;
    for c in p.chars() {
        if c == '.' {
            if after_dot {
                return false;
            }
            after_dot = true;
        } else if c.is_alphanumeric() || c == '-' || c == '+' {
            after_dot = false;
        } else {
            return false;
        }
    }
    !after_dot
}

impl ClauseId {
    /// A reference to a whole document.
    pub fn document(doc: DocId) -> ClauseId {
        ClauseId { doc, path: None }
    }

    /// A reference to a clause; `None` when the path is malformed.
    pub fn clause(doc: DocId, path: &str) -> Option<ClauseId> {
        is_clause_path(path).then(|| ClauseId { doc, path: Some(path.to_string()) })
    }

    /// The document.
    pub fn doc(&self) -> &DocId {
        &self.doc
    }

    /// The clause path, `None` for the whole document.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

impl FromStr for ClauseId {
    type Err = Error;

    fn from_str(s: &str) -> Result<ClauseId> {
        let (doc, path) = match s.split_once('#') {
            Some((d, p)) => (d, Some(p)),
            None => (s, None),
        };
        let hash_path = path.map(|p| format!("#{p}")).unwrap_or_default();
        let doc: DocId = doc
            .parse()
            .map_err(|_| Error::parse_expected("clause reference", s, id_expected(doc, &hash_path)))?;
        match path {
            None => Ok(ClauseId::document(doc)),
            Some(p) => ClauseId::clause(doc, p).ok_or_else(|| {
                Error::parse_expected(
                    "clause reference",
                    s,
                    "a clause path of dot-separated letters and digits after `#`, \
                     such as vn/2023/ct-tw/25#4, …#II.4, …#PL.12 or …#II.1.-2",
                )
            }),
        }
    }
}

impl fmt::Display for ClauseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}#{p}", self.doc),
            None => write!(f, "{}", self.doc),
        }
    }
}

impl Serialize for ClauseId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClauseId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ClauseId, D::Error> {
        crate::model::date::parse_str(d, "a clause reference such as vn/2023/ct-tw/25#4", str::parse)
    }
}

/// A citation as it stands in a text: `Quyết định số 281/QĐ-TTg ngày
/// 05/4/2024 của Thủ tướng Chính phủ`.
///
/// ```
/// use directive_lineage::Citation;
/// let text = "Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục";
/// let c = &Citation::find_all(text)[0];
/// assert_eq!(c.number().to_string(), "25-CT/TW");
/// assert_eq!(c.date().unwrap().to_string(), "2023-10-25");
/// assert_eq!(c.issuer_text(), Some("Ban Bí thư"));
/// assert_eq!(c.resolve("quang-ninh").unwrap().to_string(), "vn/2023/ct-tw/25");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    text: String,
    span: (usize, usize),
    kind: Option<DocKind>,
    number: DocNumber,
    date: Option<Date>,
    issuer_text: Option<String>,
}

/// A number as cited (`số 25-CT/TW`). The kind words before it are found by
/// looking back from the number ([`lead_in`]): a regex with the lead-in
/// (`Kế hoạch ... số`) in it scans backwards through a large letter class
/// at every match and made citation search the extractor's main cost.
static CITE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?i:s[ốố]\s*:?\s*)?
        (?P<num>(?P<n>\d{1,6})\s*(?:-\s*|/\s*(?:\d{4}\s*/\s*)?)
          (?:[A-ZĐ][\p{L}&]*(?:\.[\p{L}&]+)*\s*[-/]\s*[A-ZĐ][\p{L}\d&]*(?:[.-][A-ZĐƯ][\p{L}\d&]*)*
            |(?:UBTVQH|QH)\d{1,2}))",
    )
    .unwrap()
});

/// The kind name that introduces a citation whose number part starts at
/// byte `at` of `text`: the last kind name in the 40 letters and spaces
/// before it (`Kế hoạch triển khai thực hiện Chỉ thị số 25-CT/TW` →
/// `Chỉ thị`). Returns its byte range.
fn lead_in(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut from = at.saturating_sub(200);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = &text[from..at];
    let k = KIND_WORD_RE.find_iter(window).last()?;
    let gap = &window[k.end()..];
    let ok = gap.chars().count() <= 41
        && gap.chars().all(|c| c.is_alphabetic() || c.is_whitespace())
        && (gap.is_empty() || gap.ends_with(char::is_whitespace));
    ok.then(|| (from + k.start(), from + k.end()))
}

/// A kind name on its own, to find the last one in a citation's lead-in.
static KIND_WORD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kế\s+hoạch|thông\s+báo|thông\s+tư|thông\s+tri|công\s+văn|văn\s+bản|chương\s+trình|hướng\s+dẫn|nghị\s+định|kết\s+luận|quy\s+định|quy\s+chế|đề\s+án|báo\s+cáo|tờ\s+trình|công\s+điện)\b")
        .unwrap()
});

static AFTER_DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*,?\s*(?:ban\s+hành\s+)?ngày\s*(\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|tháng\s*\d{1,2}\s*năm\s*\d{4}))",
    )
    .unwrap()
});

/// How far after a citation its issuer is looked for, in bytes: room for
/// 80 characters of Vietnamese (up to 3 bytes each), the lead-in and a
/// following citation.
const ISSUER_WINDOW: usize = 400;

static ISSUER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:của|do)\s+(?P<who>[^;,.“”\x22()\n]+?)(?:\s+(?:về|ban\s+hành|quy\s+định|hướng\s+dẫn|tại|thực\s+hiện|triển\s+khai|phê\s+duyệt)\b|[;,.“”\x22()\n]|$)")
        .unwrap()
});

static NEXT_CITE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:và|cùng)\s+(?:nghị|quyết|chỉ|kế|thông|công|văn|chương|hướng|kết|quy|đề|báo|tờ)\s")
        .unwrap()
});

impl Citation {
    /// Every citation of a numbered document in `text`, in order of
    /// appearance. The text is normalised to NFC first; spans are byte
    /// offsets into that normalised text.
    pub fn find_all(text: &str) -> Vec<Citation> {
        let text = nfc(text);
        let mut out = Vec::new();
        for c in CITE_RE.captures_iter(&text) {
            let num_m = c.name("num").unwrap();
            let Ok(number) = num_m.as_str().parse::<DocNumber>() else { continue };
            let (start, kind_text) = match lead_in(&text, c.get(0).unwrap().start()) {
                Some((a, b)) => (a, Some(&text[a..b])),
                None => (c.get(0).unwrap().start(), None),
            };
            let mut end = num_m.end();
            let rest = &text[end..];
            let mut date = None;
            let mut tail = rest;
            if let Some(d) = AFTER_DATE_RE.captures(rest) {
                date = Date::parse_vietnamese(&format!("ngày {}", &d[1]));
                let e = d.get(0).unwrap().end();
                end += e;
                tail = &rest[e..];
            }
            let mut issuer_text = None;
            // An issuer kept is at most 80 characters, so a bounded window
            // reads it: matching to the end of the text for every citation
            // made a long run of citations quadratic.
            let mut w = tail.len().min(ISSUER_WINDOW);
            while !tail.is_char_boundary(w) {
                w -= 1;
            }
            if let Some(i) = ISSUER_RE.captures(&tail[..w]) {
                // A list of citations: the issuer ends where the next one starts.
                let who = match NEXT_CITE_RE.find(&i["who"]) {
                    Some(m) => i["who"][..m.start()].trim(),
                    None => i["who"].trim(),
                };
                if !who.is_empty() && who.chars().count() <= 80 {
                    issuer_text = Some(who.to_string());
                    end += i.name("who").unwrap().start() + who.len();
                }
            }
            let kind = kind_text.and_then(|k| {
                let head: Vec<&str> = k.split_whitespace().take(2).collect();
                DocKind::from_name(&head.join(" "))
            });
            let kind = match (kind, number.kind()) {
                (Some(k), _) => Some(k),
                (None, k) => k,
            };
            out.push(Citation {
                text: text[start..end].to_string(),
                span: (start, end),
                kind,
                number,
                date,
                issuer_text,
            });
        }
        out
    }

    /// The citation as written (normalised to NFC).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte span in the NFC-normalised text given to [`Citation::find_all`].
    pub fn span(&self) -> (usize, usize) {
        self.span
    }

    /// The kind named in words (`Quyết định`), else the number's type code.
    pub fn kind(&self) -> Option<DocKind> {
        self.kind
    }

    /// The number and symbol.
    pub fn number(&self) -> &DocNumber {
        &self.number
    }

    /// The date written after the number.
    pub fn date(&self) -> Option<Date> {
        self.date
    }

    /// The issuer named after `của` (`Ban Bí thư`, `UBND tỉnh`).
    pub fn issuer_text(&self) -> Option<&str> {
        self.issuer_text.as_deref()
    }

    /// The cited document's id, seen from a document of `citing_jurisdiction`:
    /// a citation that names no province belongs to the citing one. `None`
    /// when no year is known (neither a date nor a normative year).
    pub fn resolve(&self, citing_jurisdiction: &str) -> Option<DocId> {
        let year = self.number.year().or(self.date.map(Date::year))?;
        Some(DocId::from_number(citing_jurisdiction, year, &self.number))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_paths() {
        for ok in ["4", "II.4", "II.1.-2", "II.2.-4.+1", "PL.12", "1.đ", "a"] {
            assert!(is_clause_path(ok), "{ok}");
        }
        for bad in ["", ".", "II.", ".II", "II..4", "II 4", "II#4", "II/4"] {
            assert!(!is_clause_path(bad), "{bad}");
        }
    }

    /// Found by fuzzing the citation parser: a code whose upper case is not
    /// a letter sequence the grammar reads (`Qΐ` → `QΪ́`) is not a number.
    #[test]
    fn number_must_round_trip() {
        assert!("281/Qΐ-TTG".parse::<DocNumber>().is_err());
        let found = Citation::find_all("Quyết định số 281/Qΐ-TTG ngày 05/4/2024");
        assert!(found.is_empty());
    }

    /// Found by fuzzing the extractor: a draft whose title has no letters.
    #[test]
    fn draft_id_without_title_parses_back() {
        let n: DocNumber = "Số: /KH-SYT".parse().unwrap();
        for title in ["", "…", "— * —"] {
            let id = DocId::draft("dak-lak", 2024, &n, title);
            assert_eq!(id.to_string(), "dak-lak/2024/kh-syt/draft");
            assert_eq!(id.to_string().parse::<DocId>().unwrap(), id);
        }
    }

    /// One row per way of writing a number that the seeds and the domain
    /// notes use.
    #[test]
    fn number_variants() {
        let rows = [
            ("25-CT/TW", "25-CT/TW", "ct-tw", true),
            ("25- CT/TW", "25-CT/TW", "ct-tw", true),
            ("25/CT-TW", "25-CT/TW", "ct-tw", true),
            ("số 25-CT/TW", "25-CT/TW", "ct-tw", true),
            ("281/QĐ-TTg", "281/QĐ-TTg", "qd-ttg", true),
            ("281/QĐ-TTG", "281/QĐ-TTg", "qd-ttg", true),
            ("Số: 10/KH-SYT", "10/KH-SYT", "kh-syt", false),
            ("162/KH-UBND", "162/KH-UBND", "kh-ubnd", false),
            ("230-KH/TU", "230-KH/TU", "kh-tu", false),
            ("2117-TB/TU", "2117-TB/TU", "tb-tu", false),
            ("103-KH/TU", "103-KH/TU", "kh-tu", false),
            ("2524/SYT-VP", "2524/SYT-VP", "syt-vp", false),
            ("1948/VP.UBND-VHXH", "1948/VP.UBND-VHXH", "vp.ubnd-vhxh", false),
            ("04/UBND-KGVX", "04/UBND-KGVX", "ubnd-kgvx", false),
            ("33/2015/TT-BYT", "33/2015/TT-BYT", "tt-byt", true),
            ("28/2023/NQ-HĐND", "28/2023/NQ-HĐND", "nq-hdnd", false),
            ("43/2022/QĐ-UBND", "43/2022/QĐ-UBND", "qd-ubnd", false),
            ("01/NQ-CP", "01/NQ-CP", "nq-cp", true),
            ("164/QĐ-BYT", "164/QĐ-BYT", "qd-byt", true),
            ("Số: /KH-SYT", "/KH-SYT", "kh-syt", false),
            ("36-HD/VPTW", "36-HD/VPTW", "hd-vptw", true),
            // National Assembly numbering (the gazette sample's appendix).
            ("197/2025/QH15", "197/2025/QH15", "qh15", true),
            ("số 119/2026/ UBTVQH15", "119/2026/UBTVQH15", "ubtvqh15", true),
        ];
        for (input, display, sym, central) in rows {
            let n: DocNumber = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(n.to_string(), display, "display of {input:?}");
            assert_eq!(n.symbol_slug(), sym, "symbol of {input:?}");
            assert_eq!(n.is_central(), central, "central of {input:?}");
            // The official form parses back to the same value.
            assert_eq!(display.parse::<DocNumber>().unwrap(), n, "round trip {input:?}");
        }
    }

    /// The Party's central organ as texts print it (`TƯ` with its
    /// diacritic, `T.Ư`, `T.W`, a space before the slash as in Nghị quyết
    /// 100/NQ-CP's `49-CT /TW`): one number, one id. `TU` is Tỉnh ủy.
    #[test]
    fn party_central_organ_variants() {
        let tw: DocNumber = "25-CT/TW".parse().unwrap();
        for written in ["25-CT/TƯ", "25-CT/tư", "25-CT/T.Ư", "25-CT/T.W", "25-CT/Tw", "25/CT-TƯ", "25-CT /TW"]
        {
            let n: DocNumber = written.parse().unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(n, tw, "{written}");
            assert_eq!(DocId::from_number("quang-ninh", 2023, &n).to_string(), "vn/2023/ct-tw/25");
        }
        let tu: DocNumber = "230-KH/TU".parse().unwrap();
        assert_ne!(tu, "230-KH/TƯ".parse::<DocNumber>().unwrap());
        assert!(!tu.is_central());
        // Central Party organs other than the Committee itself.
        let bcd: DocNumber = "01-KH/BCĐTƯ".parse().unwrap();
        assert_eq!(bcd.to_string(), "01-KH/BCĐTW");
        assert!(bcd.is_central());

        let text = "Nghị quyết số 18-NQ/TƯ ngày 25/10/2017 của Ban Chấp hành Trung ương và \
                    Chỉ thị số 49-CT /TW ngày 20/6/2015, Kết luận số 21-KL/T.Ư ngày 25/10/2021";
        let ids: Vec<String> =
            Citation::find_all(text).iter().map(|c| c.resolve("ha-noi").unwrap().to_string()).collect();
        assert_eq!(ids, ["vn/2017/nq-tw/18", "vn/2015/ct-tw/49", "vn/2021/kl-tw/21"]);
    }

    /// A reference that is not canonical is refused with the canonical
    /// form, an example and what the number written would be.
    #[test]
    fn reference_errors_say_the_canonical_form() {
        let e = "99-CT/TW#1".parse::<ClauseId>().unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid clause reference: \"99-CT/TW#1\": expected a canonical id \
             {jurisdiction}/{year}/{symbol}/{number}#{clause path}, such as vn/2023/ct-tw/25#4; \
             99-CT/TW is vn/{year}/ct-tw/99#1 with its year of issue \
             (Corpus::resolve reads numbers as people write them)"
        );
        let e = "Thông tư 33/2015/TT-BYT#2".parse::<ClauseId>().unwrap_err().to_string();
        assert!(e.contains("; 33/2015/TT-BYT is vn/2015/tt-byt/33#2 (Corpus"), "{e}");
        let e = "162/KH-UBND".parse::<DocId>().unwrap_err().to_string();
        assert!(
            e.contains("such as vn/2023/ct-tw/25; 162/KH-UBND is {jurisdiction}/{year}/kh-ubnd/162 with"),
            "{e}"
        );
        let e = "vn/2023/ct-tw/25#II 4".parse::<ClauseId>().unwrap_err().to_string();
        assert!(e.contains("expected a clause path of dot-separated letters and digits"), "{e}");
        let e = "nonsense".parse::<ClauseId>().unwrap_err().to_string();
        assert!(e.ends_with("such as vn/2023/ct-tw/25"), "{e}");
    }

    #[test]
    fn number_rejects() {
        for bad in ["", "25/10/2023", "abc", "HIV/AIDS", "25-XX/TW", "12/2020/CV-TU"] {
            assert!(bad.parse::<DocNumber>().is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn kinds() {
        assert_eq!(DocKind::from_name("QUYẾT ĐỊNH"), Some(DocKind::QuyetDinh));
        assert_eq!(DocKind::from_name("Kế hoạch"), Some(DocKind::KeHoach));
        assert_eq!(DocKind::from_code("TT", true), Some(DocKind::ThongTri));
        assert_eq!(DocKind::from_code("TT", false), Some(DocKind::ThongTu));
        assert_eq!(DocKind::from_code("QĐi", true), Some(DocKind::QuyDinhDang));
        assert_eq!(DocKind::from_code("CTr", false), Some(DocKind::ChuongTrinh));
        assert_eq!(DocKind::from_code("qđ", false), Some(DocKind::QuyetDinh));
        assert_eq!(DocKind::from_code("SYT", false), None);
    }

    #[test]
    fn ids() {
        let cases = [
            ("quang-ninh", 2024, "162/KH-UBND", "quang-ninh/2024/kh-ubnd/162"),
            ("thai-binh", 2024, "56/KH-SYT", "thai-binh/2024/kh-syt/56"),
            ("bac-giang", 2024, "04/UBND-KGVX", "bac-giang/2024/ubnd-kgvx/4"),
            ("bac-giang", 2024, "33/2015/TT-BYT", "vn/2015/tt-byt/33"),
            ("quang-ninh", 2024, "281/QĐ-TTG", "vn/2024/qd-ttg/281"),
        ];
        for (j, y, n, want) in cases {
            let id = DocId::from_number(j, y, &n.parse().unwrap());
            assert_eq!(id.to_string(), want);
            assert_eq!(want.parse::<DocId>().unwrap(), id);
        }
        for bad in ["vn/2023/ct-tw", "VN/2023/ct-tw/25", "vn/23/ct-tw/25", "vn/2023/ct tw/25", ""] {
            assert!(bad.parse::<DocId>().is_err(), "{bad:?}");
        }
        assert!("vn/2023/ct-tw/25#".parse::<ClauseId>().is_err());
        assert!("vn/2023/ct-tw/25#4 x".parse::<ClauseId>().is_err());
    }

    /// Every citation form of the seeds, as it stands in their text.
    #[test]
    fn citations_in_seed_sentences() {
        let rows: &[(&str, &str, Option<&str>, &str)] = &[
            (
                "Ngày 15/03/2024, Sở Y tế ban hành Kế hoạch số 56/KH-SYT triển khai",
                "56/KH-SYT",
                None,
                "thai-binh",
            ),
            (
                "Kế hoạch số 47/KH-UBND ngày 07 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Thái Bình thực hiện",
                "47/KH-UBND",
                Some("2024-03-07"),
                "thai-binh/2024/kh-ubnd/47",
            ),
            (
                "thực hiện Kế hoạch số 230-KH/TU ngày 24/01/2024 của Ban thường vụ Tỉnh ủy,",
                "230-KH/TU",
                Some("2024-01-24"),
                "thai-binh/2024/kh-tu/230",
            ),
            (
                "Kế hoạch triển khai thực hiện Chỉ thị số 25- CT/TW ngày 25/10/2023 của Ban Bí thư",
                "25-CT/TW",
                Some("2023-10-25"),
                "vn/2023/ct-tw/25",
            ),
            (
                "TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 281/QĐ-TTG NGÀY 05/4/2024 CỦA THỦ TƯỚNG",
                "281/QĐ-TTg",
                Some("2024-04-05"),
                "vn/2024/qd-ttg/281",
            ),
            (
                "TẠI CHỈ THỊ SỐ 25/CT-TW VÀ QUYẾT ĐỊNH",
                "25-CT/TW",
                None,
                "",
            ),
            (
                "tại công văn số 2524/SYT-VP ngày 14/6/2024 và",
                "2524/SYT-VP",
                Some("2024-06-14"),
                "quang-ninh/2024/syt-vp/2524",
            ),
            (
                "(văn bản xin ý kiến số 1948/VP.UBND-VHXH ngày 20/6/2024 của Văn phòng UBND tỉnh)",
                "1948/VP.UBND-VHXH",
                Some("2024-06-20"),
                "quang-ninh/2024/vp.ubnd-vhxh/1948",
            ),
            (
                "theo Nghị quyết số 28/2023/NQ-HĐND ngày 08/12/2023 của HĐND tỉnh quy định",
                "28/2023/NQ-HĐND",
                Some("2023-12-08"),
                "quang-ninh/2023/nq-hdnd/28",
            ),
            (
                "Thông tư số 33/2015/TT-BYT ngày 27/10/2015 của Bộ trưởng Bộ Y tế hướng dẫn",
                "33/2015/TT-BYT",
                Some("2015-10-27"),
                "vn/2015/tt-byt/33",
            ),
            (
                "Công văn số 04/UBND-KGVX ngày 01/01/2024 của UBND tỉnh Bắc Giang về việc",
                "04/UBND-KGVX",
                Some("2024-01-01"),
                "quang-ninh/2024/ubnd-kgvx/4",
            ),
            // Regression: a sentence-final full stop is not part of the symbol.
            ("tuyên truyền nội dung Quyết định số 281/QĐ-TTg. Chỉ thị", "281/QĐ-TTg", None, ""),
            (
                "Quyết định 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ nhằm",
                "281/QĐ-TTg",
                Some("2024-04-05"),
                "vn/2024/qd-ttg/281",
            ),
        ];
        for (text, number, date, id) in rows {
            let found = Citation::find_all(text);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            let c = &found[0];
            assert_eq!(c.number().to_string(), *number, "{text:?}");
            assert_eq!(c.date().map(|d| d.to_string()).as_deref(), *date, "{text:?}");
            if !id.is_empty() && !id.contains('/') {
                // Only a jurisdiction given: no date, so no id.
                assert_eq!(c.resolve(id), None);
            } else if !id.is_empty() {
                let citing = match id.split('/').next() {
                    Some("vn") | None => "quang-ninh",
                    Some(j) => j,
                };
                assert_eq!(c.resolve(citing).unwrap().to_string(), *id, "{text:?}");
            }
        }
    }

    /// National Assembly numbers in citations (gazette sample, rows 21, 28).
    #[test]
    fn assembly_citations() {
        let all = Citation::find_all(
            "theo Nghị quyết số 197/2025/QH15 ngày 17/5/2025 của Quốc hội và Nghị định số 289/2025/NĐ- CP ngày 06/11/2025",
        );
        let ids: Vec<String> = all.iter().map(|c| c.resolve("vn").unwrap().to_string()).collect();
        assert_eq!(ids, ["vn/2025/qh15/197", "vn/2025/nd-cp/289"]);
        let c = &Citation::find_all("Chương trình số 12- CTr/BCĐ, Nghị quyết số 119/2026/ UBTVQH15")[1];
        assert_eq!(c.number().to_string(), "119/2026/UBTVQH15");
        assert_eq!(c.resolve("quang-ninh").unwrap().to_string(), "vn/2026/ubtvqh15/119");
    }

    /// A lead-in with two kind names starts the citation at the second.
    #[test]
    fn citation_starts_at_last_kind_name() {
        let t = "Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai thực hiện Chỉ thị số 25- CT/TW ngày 25/10/2023 của Ban Bí thư";
        let all = Citation::find_all(t);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].text(), "Chỉ thị số 25- CT/TW ngày 25/10/2023 của Ban Bí thư");
        assert_eq!(all[1].kind(), Some(DocKind::ChiThi));
        assert_eq!(&t[all[1].span().0..all[1].span().1], all[1].text());
    }

    #[test]
    fn citation_kind_and_issuer() {
        let c = &Citation::find_all("Nghị quyết số 01/NQ-CP ngày 05/01/2024 của Chính phủ về nhiệm vụ")[0];
        assert_eq!(c.kind(), Some(DocKind::NghiQuyet));
        assert_eq!(c.issuer_text(), Some("Chính phủ"));
        let all = Citation::find_all(
            "Chỉ thị số 25-CT/TW; Kế hoạch số 230-KH/TU ngày 24/01/2024 của Tỉnh ủy Thái Bình và Kế hoạch số 47/KH-UBND",
        );
        let nums: Vec<String> = all.iter().map(|c| c.number().to_string()).collect();
        assert_eq!(nums, ["25-CT/TW", "230-KH/TU", "47/KH-UBND"]);
        assert_eq!(all[1].issuer_text(), Some("Tỉnh ủy Thái Bình"));
    }
}
