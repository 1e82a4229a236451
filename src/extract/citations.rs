//! Stage 3: citations. Every numbered citation in the title, preamble,
//! clauses and footnotes, with its relation, resolved to an id.
//!
//! - Relation: at document level (title, preamble) the last trigger before
//!   the citation in its sentence decides: `thực hiện` (also `triển khai
//!   thực hiện`, `Kế hoạch hành động thực hiện`) → implements; `Căn cứ`,
//!   `Theo đề nghị` → based-on; none → cites. Inside a clause a citation is
//!   `cites` (the curated corpus's reading: a clause implementing a
//!   directive says so through `Clause::implements`, which is set too).
//! - Chains: `A ... thực hiện B` where A is another cited document (seed 000:
//!   `47/KH-UBND ... thực hiện 230-KH/TU ..., thực hiện 25-CT/TW`) is a link
//!   of A, reported as a [`Link`] for a cited-only document; the citing
//!   document itself only cites B. When A is the document itself (`Kế hoạch
//!   số 56/KH-SYT triển khai thực hiện Kế hoạch số 47/KH-UBND`), B is
//!   implemented.
//! - Resolution: [`Citation::resolve`] with the document's jurisdiction; a
//!   citation without a date takes the year another citation of the same
//!   number gives. One link per target at document level (the strongest
//!   relation), one per target and clause inside clauses.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::model::identity::{Citation, DocId, DocNumber};
use crate::model::{DocLink, Relation, Warning};
use crate::text::{fold, nfc};

/// A piece of text to read citations from.
#[derive(Clone, Debug)]
pub(crate) struct Source<'a> {
    pub text: &'a str,
    /// The clause it stands in; `None` for the title and the preamble.
    pub clause: Option<&'a str>,
    /// Source line (1-based) where the text starts, for warnings; 0 when
    /// unknown (the title).
    pub line: usize,
}

/// A chain link between two cited documents: `from` implements `to`.
#[derive(Clone, Debug)]
pub(crate) struct Link {
    pub from_id: DocId,
    pub to: Citation,
    pub to_id: DocId,
}

/// What the stage found.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub links: Vec<DocLink>,
    pub chains: Vec<Link>,
    /// Every citation with its id, for cited-only documents.
    pub cited: Vec<(DocId, Citation)>,
    /// Clauses that say they carry out a document: (clause path, document).
    pub implements: Vec<(String, DocId)>,
    pub warnings: Vec<Warning>,
}

const TRIGGERS: &[(&str, Option<Relation>)] = &[
    ("thuc hien", Some(Relation::Implements)),
    ("can cu", Some(Relation::BasedOn)),
    ("theo de nghi", Some(Relation::BasedOn)),
    ("xet de nghi", Some(Relation::BasedOn)),
    ("quy dinh tai", None),
    ("theo quy dinh", None),
    ("huong dan tai", None),
    ("phan cong nhiem vu tai", None),
    ("kem theo", None),
];

/// The relation the last trigger in `before` (folded) states.
fn relation_before(before: &str) -> Relation {
    let f = fold(before);
    let f = format!(" {f}");
    let mut best: Option<(usize, Option<Relation>)> = None;
    for (t, rel) in TRIGGERS {
        if let Some(p) = f.rfind(&format!(" {t}")) {
            let end = p + 1 + t.len();
            let boundary = f[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if boundary && best.is_none_or(|(b, _)| p > b) {
                best = Some((p, *rel));
            }
        }
    }
    best.and_then(|(_, r)| r).unwrap_or(Relation::Cites)
}

/// The sentence part before byte `at`: from the last sentence end (`. `
/// before a capital), at most 251 characters back. Only that window is
/// searched, so a text with many citations is not rescanned from its start
/// for each one.
fn sentence_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    // The 251st character from the end starts the window (or the text does).
    let cut = before.char_indices().rev().nth(250).map_or(0, |(k, _)| k);
    // A `. ` ending two bytes before the window can still open the sentence
    // inside it; `.` and ` ` are ASCII, so every hit is on a char boundary.
    let bytes = before.as_bytes();
    let start = (cut.saturating_sub(2)..bytes.len().saturating_sub(1))
        .rev()
        .find(|&p| {
            bytes[p] == b'.'
                && bytes[p + 1] == b' '
                && before[p + 2..].chars().next().is_some_and(char::is_uppercase)
        })
        .map_or(0, |p| p + 2);
    &before[start.max(cut)..]
}

fn strength(r: Relation) -> u8 {
    match r {
        Relation::Implements => 3,
        Relation::BasedOn => 2,
        Relation::Cites => 1,
    }
}

/// Reads the citations of `sources`. `own` is the document's number (a
/// citation of itself is no link), `jurisdiction` the citing jurisdiction.
pub(crate) fn read(sources: &[Source], own: Option<&DocNumber>, jurisdiction: &str) -> Found {
    let all: Vec<(Vec<Citation>, String)> = sources.iter().map(|s| find_citations(s.text)).collect();
    let mut reader = Reader {
        own,
        jurisdiction,
        years: dated_years(&all),
        found: Found::default(),
        links: Links::default(),
        implements_seen: HashSet::new(),
        unresolved: HashMap::new(),
    };
    // A preamble paragraph that starts with a citation goes on with the
    // trigger of the paragraph before (`Thực hiện A` ¶ `B`).
    let mut carried = Relation::Cites;
    for (src, (cs, text)) in sources.iter().zip(&all) {
        let first_relation = reader.read_source(src, cs, text, carried);
        if src.clause.is_none() {
            carried = first_relation.unwrap_or(Relation::Cites);
        }
    }
    let mut found = reader.found;
    found.links = reader.links.into_vec();
    for (number, (k, n)) in reader.unresolved {
        if n > 1 {
            found.warnings[k].message =
                format!("{} (cited {n} times, first here)", unresolved_message(&number));
        }
    }
    found
}

fn unresolved_message(number: &str) -> String {
    format!("citation {number} has no date or year: not resolved")
}

/// The citations of a text, and the text in NFC (their spans are in it).
fn find_citations(text: &str) -> (Vec<Citation>, String) {
    // Every number grammar has a digit, then `-` or `/`, then a capital
    // (`25-CT`, `281/QĐ`, `33/2015/TT`): skip the citation regex where
    // nothing looks like one (dates do not).
    static MAYBE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d\s*[-/]\s*(?:\d{4}\s*/\s*)?[A-ZĐ]").unwrap());
    let t = nfc(text);
    let cs = if MAYBE.is_match(&t) { Citation::find_all(&t) } else { Vec::new() };
    (cs, t)
}

/// The year of each number that some citation dates, for undated ones.
fn dated_years(all: &[(Vec<Citation>, String)]) -> HashMap<String, u16> {
    let mut years: HashMap<String, u16> = HashMap::new();
    for (cs, _) in all {
        for c in cs {
            if let Some(y) = c.number().year().or(c.date().map(|d| d.year())) {
                years.entry(c.number().to_string()).or_insert(y);
            }
        }
    }
    years
}

/// The links kept: one per target at document level (the strongest
/// relation, with its text), one per target and clause inside clauses.
#[derive(Default)]
struct Links {
    doc_level: Vec<DocLink>,
    doc_index: HashMap<DocId, usize>,
    clause_level: Vec<DocLink>,
    clause_seen: HashSet<(DocId, String)>,
}

impl Links {
    fn add(&mut self, link: DocLink) {
        if let Some(path) = &link.clause {
            if self.clause_seen.insert((link.target.clone(), path.clone())) {
                self.clause_level.push(link);
            }
        } else if let Some(&k) = self.doc_index.get(&link.target) {
            let l = &mut self.doc_level[k];
            if strength(link.relation) > strength(l.relation) {
                l.relation = link.relation;
                l.text = link.text;
            }
        } else {
            self.doc_index.insert(link.target.clone(), self.doc_level.len());
            self.doc_level.push(link);
        }
    }

    /// Document-level links first, then the clauses'.
    fn into_vec(self) -> Vec<DocLink> {
        let mut links = self.doc_level;
        links.extend(self.clause_level);
        links
    }
}

/// Reads the sources one by one into what it found.
struct Reader<'s> {
    own: Option<&'s DocNumber>,
    jurisdiction: &'s str,
    years: HashMap<String, u16>,
    found: Found,
    links: Links,
    /// Pairs already in `found.implements` (a set: a clause may cite thousands).
    implements_seen: HashSet<(&'s str, DocId)>,
    /// Each unresolved number: its warning's index and how often it is cited.
    unresolved: HashMap<String, (usize, usize)>,
}

impl<'s> Reader<'s> {
    /// The citation's id; only ids that parse back (a year of four digits,
    /// a number slug).
    fn resolve(&self, c: &Citation) -> Option<DocId> {
        c.resolve(self.jurisdiction)
            .or_else(|| {
                self.years
                    .get(&c.number().to_string())
                    .map(|&y| DocId::from_number(self.jurisdiction, y, c.number()))
            })
            .filter(|id| id.as_str().parse::<DocId>().is_ok())
    }

    /// Reads the citations `cs` of one source (`text`, its NFC form);
    /// returns the relation of its first link at document level.
    fn read_source(
        &mut self,
        src: &Source<'s>,
        cs: &[Citation],
        text: &str,
        carried: Relation,
    ) -> Option<Relation> {
        let mut prev: Option<&Citation> = None;
        let mut first_relation = None;
        for c in cs {
            let is_own = self.own.is_some_and(|o| o.number().is_some() && o == c.number());
            let id = if is_own { None } else { self.resolve(c) };
            if !is_own {
                match &id {
                    Some(id) => self.found.cited.push((id.clone(), c.clone())),
                    None => self.note_unresolved(src, c),
                }
            }
            let chained_from = prev.filter(|p| chained(text, p, c));
            prev = Some(c);
            let Some(id) = id else { continue };
            let relation = match src.clause {
                Some(path) => {
                    if chained_from.is_none() {
                        self.note_implements(path, text, c, &id);
                    }
                    Relation::Cites
                }
                None => self.document_relation(text, c, &id, chained_from, carried),
            };
            if src.clause.is_none() && first_relation.is_none() {
                first_relation = Some(relation);
            }
            let clause = src.clause.map(str::to_string);
            self.links.add(DocLink { text: c.text().to_string(), target: id, relation, clause });
        }
        first_relation
    }

    /// One warning per unresolved number, at its first citation: table
    /// sub-rows repeat the text of their row, so one citation can stand in
    /// many clauses.
    fn note_unresolved(&mut self, src: &Source, c: &Citation) {
        let number = c.number().to_string();
        if let Some((_, n)) = self.unresolved.get_mut(&number) {
            *n += 1;
            return;
        }
        self.found.warnings.push(Warning {
            line: (src.line > 0).then_some(src.line),
            clause: src.clause.map(str::to_string),
            message: unresolved_message(&number),
        });
        self.unresolved.insert(number, (self.found.warnings.len() - 1, 1));
    }

    /// A clause citing `c` (id `id`) after `thực hiện` carries it out.
    fn note_implements(&mut self, path: &'s str, text: &str, c: &Citation, id: &DocId) {
        if relation_before(sentence_before(text, c.span().0)) == Relation::Implements
            && self.implements_seen.insert((path, id.clone()))
        {
            self.found.implements.push((path.to_string(), id.clone()));
        }
    }

    /// The relation of a citation at document level: in a chain, a link of
    /// the cited document before (the citing document only cites), or
    /// implemented when that one is the document itself; else what the
    /// sentence before says, or what the paragraph before said.
    fn document_relation(
        &mut self,
        text: &str,
        c: &Citation,
        id: &DocId,
        chained_from: Option<&Citation>,
        carried: Relation,
    ) -> Relation {
        match chained_from {
            Some(a) if !self.own.is_some_and(|o| o == a.number()) => {
                if let Some(from_id) = self.resolve(a) {
                    self.found.chains.push(Link { from_id, to: c.clone(), to_id: id.clone() });
                }
                Relation::Cites
            }
            Some(_) => Relation::Implements,
            None => {
                let before = sentence_before(text, c.span().0);
                let r = relation_before(before);
                if r == Relation::Cites && before.trim().is_empty() && c.span().0 == 0 {
                    carried
                } else {
                    r
                }
            }
        }
    }
}

/// Whether citation `c` is chained to `prev` (`A ... thực hiện B` with
/// nothing between but words). The gap runs to the number: the citation
/// may start with words (`Kế hoạch triển khai thực hiện Chỉ thị số 25-CT/TW`).
fn chained(text: &str, prev: &Citation, c: &Citation) -> bool {
    let digits = c.text().find(|ch: char| ch.is_ascii_digit()).unwrap_or(0);
    let gap = &text[prev.span().1.min(c.span().0)..c.span().0 + digits];
    let f = fold(gap);
    gap.chars().count() <= 160
        && !gap.contains(['.', ';', '(', ')', '\n'])
        && f.rfind("thuc hien").is_some_and(|k| f[k + 9..].split_whitespace().count() <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Source<'_> {
        Source { text, clause: None, line: 1 }
    }

    /// The search from the start of the text that `sentence_before` replaced.
    fn sentence_before_rescan(text: &str, at: usize) -> &str {
        let before = &text[..at];
        let mut start = 0;
        for (p, _) in before.match_indices(". ") {
            if before[p + 2..].chars().next().is_some_and(|c| c.is_uppercase()) {
                start = p + 2;
            }
        }
        let cut = before[start..].char_indices().rev().nth(250).map_or(start, |(k, _)| start + k);
        &before[cut..]
    }

    /// The window search gives what the rescan gave, at every offset.
    #[test]
    fn sentence_before_as_the_rescan() {
        let long = "Căn cứ Quyết định số 5/QĐ-UBND của UBND tỉnh về việc triển khai, ".repeat(6);
        let texts = [
            "Thực hiện Chỉ thị. Căn cứ Quyết định. a. b. Ước tính",
            ". Đầu. đuôi. Đ",
            &format!("{long}. Theo đề nghị {long}. thực hiện {long}"),
            &format!("Căn cứ. {long}. Ặ"),
        ];
        for text in texts {
            for at in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                assert_eq!(sentence_before(text, at), sentence_before_rescan(text, at), "{text:?} at {at}");
            }
        }
    }

    /// Seed 000's chain sentence: each link of the chain.
    #[test]
    fn chain_sentence() {
        let text = "Ngày 15/03/2024, Sở Y tế ban hành Kế hoạch số 56/KH-SYT triển khai thực hiện Kế hoạch số 47/KH-UBND ngày 07 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Thái Bình thực hiện Kế hoạch số 230-KH/TU ngày 24/01/2024 của Ban thường vụ Tỉnh ủy, thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư “Về tiếp tục củng cố” trên địa bàn tỉnh Thái Bình (sau đây gọi tắt là Kế hoạch số 47/KH-UBND ngày 07 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Thái Bình).";
        let own: DocNumber = "56/KH-SYT".parse().unwrap();
        let f = read(&[doc(text)], Some(&own), "thai-binh");
        let links: Vec<(String, Relation)> =
            f.links.iter().map(|l| (l.target.to_string(), l.relation)).collect();
        assert_eq!(
            links,
            [
                ("thai-binh/2024/kh-ubnd/47".to_string(), Relation::Implements),
                ("thai-binh/2024/kh-tu/230".to_string(), Relation::Cites),
                ("vn/2023/ct-tw/25".to_string(), Relation::Cites),
            ]
        );
        let chains: Vec<(String, String)> =
            f.chains.iter().map(|l| (l.from_id.to_string(), l.to_id.to_string())).collect();
        assert_eq!(
            chains,
            [
                ("thai-binh/2024/kh-ubnd/47".to_string(), "thai-binh/2024/kh-tu/230".to_string()),
                ("thai-binh/2024/kh-tu/230".to_string(), "vn/2023/ct-tw/25".to_string()),
            ]
        );
    }

    /// Seed 001's preamble: implements, based-on; the `ban hành` link of
    /// 281/QĐ-TTg to 25-CT/TW is a chain.
    #[test]
    fn preamble_relations() {
        let text = "Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố (Sau đây gọi tắt là Chỉ thị số 25-CT/TW); Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ ban hành Kế hoạch triển khai thực hiện Chỉ thị số 25- CT/TW ngày 25/10/2023 của Ban Bí thư (Sau đây gọi tắt là Quyết định số 281/QĐ-TTg). Theo đề nghị của Sở Y tế tại công văn số 2524/SYT-VP ngày 14/6/2024 và ý kiến thống nhất của các thành viên UBND tỉnh (văn bản xin ý kiến số 1948/VP.UBND-VHXH ngày 20/6/2024 của Văn phòng UBND tỉnh), UBND tỉnh ban hành kế hoạch thực hiện Quyết định số 281/QĐ-TTg ngày 05/4/2024 của Thủ tướng Chính phủ như sau:";
        let f = read(&[doc(text)], None, "quang-ninh");
        let links: Vec<(String, Relation)> =
            f.links.iter().map(|l| (l.target.to_string(), l.relation)).collect();
        assert_eq!(
            links,
            [
                ("vn/2023/ct-tw/25".to_string(), Relation::Implements),
                ("vn/2024/qd-ttg/281".to_string(), Relation::Implements),
                ("quang-ninh/2024/syt-vp/2524".to_string(), Relation::BasedOn),
                ("quang-ninh/2024/vp.ubnd-vhxh/1948".to_string(), Relation::BasedOn),
            ]
        );
        assert_eq!(f.chains.len(), 1);
    }

    #[test]
    fn clause_citations_cite_and_undated_resolve() {
        let sources = [
            doc("Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư"),
            Source {
                text: "Tổ chức quán triệt nội dung Chỉ thị số 25-CT/TW, Quyết định số 999/QĐ-TTg",
                clause: Some("II.1.-1"),
                line: 7,
            },
        ];
        let f = read(&sources, None, "quang-ninh");
        assert_eq!(f.links.len(), 2);
        assert_eq!(f.links[1].relation, Relation::Cites);
        assert_eq!(f.links[1].clause.as_deref(), Some("II.1.-1"));
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(f.warnings[0].line, Some(7));
    }

    /// Sub-rows repeat their row's text: an undated citation, twice in each
    /// of three clauses, is one warning, at the first.
    #[test]
    fn an_unresolved_number_is_warned_once() {
        let row = "Thể chế hóa theo Nghị quyết số 79-NQ/TW và Nghị quyết số 79-NQ/TW của Bộ Chính trị";
        let sources: Vec<Source> = ["PL.19", "PL.19.1", "PL.19.2"]
            .into_iter()
            .map(|path| Source { text: row, clause: Some(path), line: 751 })
            .chain([Source { text: "theo Kết luận số 93-KL/TW", clause: Some("PL.20"), line: 800 }])
            .collect();
        let f = read(&sources, None, "vn");
        let warnings: Vec<(Option<&str>, &str)> =
            f.warnings.iter().map(|w| (w.clause.as_deref(), w.message.as_str())).collect();
        assert_eq!(
            warnings,
            [
                (
                    Some("PL.19"),
                    "citation 79-NQ/TW has no date or year: not resolved (cited 6 times, first here)"
                ),
                (Some("PL.20"), "citation 93-KL/TW has no date or year: not resolved"),
            ]
        );
    }
}
