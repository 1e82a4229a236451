//! The scoring signals: text grams weighed by IDF with a boilerplate
//! discount, headings, structure and declarations (see the module docs).

use std::collections::{HashMap, HashSet};

use unicode_normalization::char::is_combining_mark;

use crate::corpus::Corpus;
use crate::model::identity::{Citation, DocNumber};
use crate::model::{ClauseKind, Document, Provenance, Relation};
use crate::text::{fold, nfc};

/// Weight of a gram by its length (uni, bi, tri): a shared trigram is a
/// copied phrase, a shared unigram may be chance, so longer grams count more.
pub(super) const GRAM_WEIGHT: [f64; 3] = [1.0, 1.5, 2.0];

/// Multiplier for a gram found only inside a boilerplate phrase: kept above
/// zero because two clauses sharing boilerplate are still slightly more
/// alike than two sharing nothing.
pub(super) const BOILERPLATE_DISCOUNT: f64 = 0.15;

/// Share of its full weight a boilerplate gram adds to the size of its text
/// (it adds only [`BOILERPLATE_DISCOUNT`] when shared): a text made of
/// boilerplate cannot be covered by another that shares only that.
pub(super) const BOILERPLATE_SIZE: f64 = 0.5;

/// Weight mass added to each side's total: a clause of three words cannot
/// be "fully covered" by chance. About one distinctive syllable with its
/// grams.
pub(super) const SHORT_TEXT_PRIOR: f64 = 4.0;

/// How strongly a matching ancestor heading lifts a clause toward the
/// matched parent clause (the lift is this times the heading match's margin
/// over the next best heading).
pub(super) const STRUCTURE_GAIN: f64 = 0.6;

/// How much a clause declared to carry out the parent is lifted toward its
/// clear favourite among the candidates. Below 1 so that a weak favourite
/// still needs text of its own to pass the threshold.
pub(super) const DECLARED_GAIN: f64 = 0.8;

/// A favourite scoring this many times its runner-up leads clearly (full
/// lift); at 1 (a tie) there is no lift.
pub(super) const CLEAR_LEAD: f64 = 2.0;

/// A favourite scoring less than this gets a proportionally smaller lift:
/// two clauses that share only the subject's common wording score about
/// 0.1 (Đắk Lắk's III.2.b, which restates the directive's title, against
/// group 1), and that is noise, not a favourite.
pub(super) const EVIDENCE_GATE: f64 = 0.12;

/// A favourite whose shared text is less than this share distinctive (not
/// boilerplate, not a citation of the parent) gets a proportionally smaller
/// lift: a clause that only names the directive and its title, as every
/// plan does, has no favourite.
pub(super) const DISTINCT_GATE: f64 = 0.5;

/// The prior for a clause of a document that says, as a whole, that it
/// implements the parent: weaker than a clause that says so itself, since
/// such a document also has purpose, funding and organisation sections.
pub(super) const DOCUMENT_PRIOR: f64 = 0.5;

/// A heading match below this does not count as structure.
pub(super) const STRUCTURE_FLOOR: f64 = 0.3;

/// Share of the one-sided containment in a text score, the rest being the
/// symmetric (geometric mean) score: a trimmed copy is fully contained in
/// its source though much shorter, which the symmetric score alone would
/// punish.
pub(super) const CONTAINMENT_SHARE: f64 = 0.5;

/// Phrases every plan implementing Chỉ thị 25-CT/TW repeats, whatever the
/// task: the title, the standard openings and the agency lists.
pub(super) const BOILERPLATE: &[&str] = &[
    "tiếp tục củng cố, hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở trong tình hình mới",
    "củng cố và hoàn thiện",
    "củng cố, hoàn thiện",
    "trong tình hình mới",
    "ban thường vụ tỉnh ủy",
    "thường trực tỉnh ủy",
    "nâng cao chất lượng hoạt động",
    "nâng cao chất lượng",
    "nâng cao hiệu quả",
    "y tế cơ sở",
    "tổ chức thực hiện",
    "triển khai thực hiện",
    "tăng cường",
    "bảo vệ, chăm sóc và nâng cao sức khỏe nhân dân",
    "chăm sóc sức khỏe",
    "theo quy định",
    "trên địa bàn",
    "các sở, ban, ngành",
    "các sở, ngành",
    "cơ quan, đơn vị liên quan",
    "ủy ban nhân dân",
    "ubnd các huyện, thị xã, thành phố",
    "sở y tế",
    "chỉ thị số 25-ct/tw",
    "quyết định số 281/qđ-ttg",
    "ban bí thư",
    "thủ tướng chính phủ",
    "nhiệm vụ thường xuyên",
    "thời gian thực hiện",
];

/// Function syllables that say nothing alone. Only unambiguous ones: after
/// folding `về` is `vệ` (bảo vệ), `tư` is `từ`, `dược` is `được`, so those
/// stay.
pub(super) const STOPWORDS: &[&str] = &[
    "cua", "va", "cac", "voi", "cho", "theo", "nay", "mot", "nhung", "la", "nham", "hoac", "nhu", "thi", "ma",
];

// ---------------------------------------------------------------------------
// Text representation.

/// A syllable of a segment: its id in the vocabulary and its byte span in
/// the segment's original text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub(super) id: u32,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Inside an occurrence of a boilerplate phrase.
    pub(super) boiler: bool,
    /// Sentence punctuation or a line break separates it from the previous
    /// syllable: evidence phrases stop there.
    pub(super) breaks: bool,
}

/// One piece of original text (a heading, a body) and its syllables.
#[derive(Debug)]
pub(super) struct Segment {
    pub(super) text: String,
    pub(super) toks: Vec<Tok>,
}

pub(super) type Gram = [u32; 3];

pub(super) const NONE: u32 = u32::MAX;

/// A gram set with weights, sorted by gram: what a text is compared by.
/// Sorted so that every sum runs in one order and scores do not depend on
/// hashing.
#[derive(Debug, Default)]
pub(super) struct Profile {
    /// Gram, weight, and whether it occurs only inside boilerplate.
    pub(super) grams: Vec<(Gram, f64, bool)>,
    pub(super) total: f64,
}

#[derive(Default)]
pub(super) struct Vocab {
    pub(super) ids: HashMap<String, u32>,
    /// The parent's number: a citation of the parent (`Chỉ thị số
    /// 25-CT/TW ngày 25/10/2023 của Ban Bí thư`) is boilerplate, since every
    /// plan that implements it cites it whatever the task.
    pub(super) parent_number: Option<DocNumber>,
}

impl Vocab {
    pub(super) fn id(&mut self, s: &str) -> u32 {
        let n = self.ids.len() as u32;
        *self.ids.entry(s.to_string()).or_insert(n)
    }

    pub(super) fn segment(&mut self, text: &str, boiler: &[Vec<u32>]) -> Segment {
        let text = nfc(text);
        let mut toks = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            let word = i < text.len() && (c.is_alphanumeric() || is_combining_mark(c));
            match (word, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let id = self.id(&fold(&text[s..i]));
                    let gap = &text[toks.last().map_or(0, |t: &Tok| t.end)..s];
                    let breaks = gap.contains(['.', ';', ':', '!', '?', '\n']);
                    toks.push(Tok { id, start: s, end: i, boiler: false, breaks });
                    start = None;
                }
                _ => {}
            }
        }
        for phrase in boiler {
            if phrase.is_empty() || phrase.len() > toks.len() {
                continue;
            }
            for i in 0..=toks.len() - phrase.len() {
                if toks[i..i + phrase.len()].iter().zip(phrase).all(|(t, p)| t.id == *p) {
                    toks[i..i + phrase.len()].iter_mut().for_each(|t| t.boiler = true);
                }
            }
        }
        if let Some(n) = self.parent_number.as_ref().filter(|_| text.contains(|c: char| c.is_ascii_digit())) {
            for cite in Citation::find_all(&text).iter().filter(|c| c.number() == n) {
                let (a, b) = cite.span();
                toks.iter_mut().filter(|t| t.start >= a && t.end <= b).for_each(|t| t.boiler = true);
            }
        }
        Segment { text, toks }
    }

    /// The syllable ids of each [`BOILERPLATE`] phrase.
    fn boilerplate(&mut self) -> Vec<Vec<u32>> {
        BOILERPLATE
            .iter()
            .map(|p| {
                let f = fold(p);
                f.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(|w| self.id(w))
                    .collect()
            })
            .collect()
    }

    /// The clauses of `doc` as items, their segments appended to `segs`:
    /// first every clause's own heading and body, then the text `borrowed`
    /// from other documents.
    fn items(
        &mut self,
        doc: &Document,
        borrowed: Option<&HashMap<String, Vec<String>>>,
        boiler: &[Vec<u32>],
        segs: &mut Vec<Segment>,
    ) -> Vec<Item> {
        let mut items: Vec<Item> = Vec::with_capacity(doc.clauses.len());
        for c in &doc.clauses {
            let mut own = Vec::new();
            let mut heading = None;
            if let Some(h) = c.heading.as_deref().filter(|h| !h.trim().is_empty()) {
                heading = Some(segs.len());
                own.push(segs.len());
                segs.push(self.segment(h, boiler));
            }
            if !c.text.trim().is_empty() {
                own.push(segs.len());
                segs.push(self.segment(&c.text, boiler));
            }
            items.push(Item { path: c.path.clone(), kind: c.kind, heading, full: own.clone(), own });
        }
        self.fill_full_texts(&mut items, borrowed, boiler, segs);
        items
    }

    /// A clause's full text: its own, then its descendants' in document
    /// order, then text borrowed from other documents.
    fn fill_full_texts(
        &mut self,
        items: &mut [Item],
        borrowed: Option<&HashMap<String, Vec<String>>>,
        boiler: &[Vec<u32>],
        segs: &mut Vec<Segment>,
    ) {
        for i in 0..items.len() {
            let mut full = items[i].own.clone();
            for j in 0..items.len() {
                if ancestor(&items[i].path, &items[j].path) {
                    full.extend(items[j].own.iter().copied());
                }
            }
            if let Some(texts) = borrowed.and_then(|b| b.get(&items[i].path)) {
                for t in texts {
                    full.push(segs.len());
                    segs.push(self.segment(t, boiler));
                }
            }
            items[i].full = full;
        }
    }
}

/// Every gram of a segment with whether all its syllables are boilerplate.
pub(super) fn grams_of(seg: &Segment) -> impl Iterator<Item = (Gram, usize, bool)> + '_ {
    (0..seg.toks.len()).flat_map(move |i| {
        (1..=3).filter(move |n| i + n <= seg.toks.len()).map(move |n| {
            let w = &seg.toks[i..i + n];
            let mut g = [NONE; 3];
            for (k, t) in w.iter().enumerate() {
                g[k] = t.id;
            }
            (g, n, w.iter().all(|t| t.boiler))
        })
    })
}

/// Path segments: `II.4.-1` has three.
pub(super) fn depth(path: &str) -> usize {
    path.split('.').count()
}

/// True when `path` is `prefix` or lies under it, on segment boundaries.
pub(super) fn under(path: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || path == prefix
        || (path.len() > prefix.len() && path.starts_with(prefix) && path.as_bytes()[prefix.len()] == b'.')
}

/// True when `a` is a proper ancestor of `b`.
pub(super) fn ancestor(a: &str, b: &str) -> bool {
    a != b && under(b, a)
}

/// One clause prepared for comparison.
pub(super) struct Item {
    pub(super) path: String,
    pub(super) kind: ClauseKind,
    /// Index of the heading segment, when the clause has a heading.
    pub(super) heading: Option<usize>,
    /// The clause's own segments (heading, body).
    pub(super) own: Vec<usize>,
    /// Own, descendants' and borrowed segments.
    pub(super) full: Vec<usize>,
}

/// Both documents, tokenised, with weights.
pub(super) struct Model {
    pub(super) segs: Vec<Segment>,
    pub(super) local: Vec<Item>,
    pub(super) parent: Vec<Item>,
    pub(super) idf: HashMap<Gram, f64>,
    pub(super) stop: HashSet<u32>,
    pub(super) max_idf: f64,
    /// How well a gram tells the candidate parent clauses apart.
    pub(super) spec: HashMap<Gram, f64>,
}

/// The IDF of every gram, and the IDF of a gram in one clause (the
/// highest). Document frequency is over the clauses of both documents (each
/// clause's own text once; a document aligned with itself counts once).
/// Borrowed text is left out: it repeats the parent's wording from other
/// plans and would make the parent's own phrases look common.
fn idf(local: &[Item], parent: &[Item], same_doc: bool, segs: &[Segment]) -> (HashMap<Gram, f64>, f64) {
    let mut units: Vec<&Item> = local.iter().collect();
    if !same_doc {
        units.extend(parent.iter());
    }
    let mut df: HashMap<Gram, u32> = HashMap::new();
    for it in &units {
        let mut seen = HashSet::new();
        for &s in &it.own {
            for (g, _, _) in grams_of(&segs[s]) {
                if seen.insert(g) {
                    *df.entry(g).or_insert(0) += 1;
                }
            }
        }
    }
    let n = units.len().max(1) as f64;
    let idf_of = |d: u32| (1.0 + n / f64::from(d.max(1))).ln();
    (df.into_iter().map(|(g, d)| (g, idf_of(d))).collect(), idf_of(1))
}

impl Model {
    pub(super) fn build(
        local: &Document,
        parent: &Document,
        context: &HashMap<String, Vec<String>>,
    ) -> Model {
        let mut vocab = Vocab { parent_number: parent.number.clone(), ..Vocab::default() };
        let boiler = vocab.boilerplate();
        let stop: HashSet<u32> = STOPWORDS.iter().map(|w| vocab.id(w)).collect();
        let mut segs = Vec::new();
        let local_items = vocab.items(local, None, &boiler, &mut segs);
        let parent_items = vocab.items(parent, Some(context), &boiler, &mut segs);
        let (idf, max_idf) = idf(&local_items, &parent_items, local.id == parent.id, &segs);
        Model { segs, local: local_items, parent: parent_items, idf, stop, max_idf, spec: HashMap::new() }
    }

    pub(super) fn weight(&self, g: &Gram, n: usize, boiler: bool) -> f64 {
        if n == 1 && self.stop.contains(&g[0]) {
            return 0.0;
        }
        let idf = self.idf.get(g).copied().unwrap_or(self.max_idf);
        let spec = self.spec.get(g).copied().unwrap_or(1.0);
        idf * spec * GRAM_WEIGHT[n - 1] * if boiler { BOILERPLATE_DISCOUNT } else { 1.0 }
    }

    /// Specificity of each gram among the candidates: `ln(1 + C / cf) /
    /// ln(1 + C)` for a gram in `cf` of `C` candidates' full texts. IDF
    /// over clauses says a phrase is rare in the documents; this says it
    /// points at one candidate rather than at all of them (`quản lý sức
    /// khỏe` is in three of the five groups of Chỉ thị 25).
    pub(super) fn set_specificity(&mut self, candidates: &[usize]) {
        let mut cf: HashMap<Gram, u32> = HashMap::new();
        for &j in candidates {
            let mut seen = HashSet::new();
            for &s in &self.parent[j].full {
                for (g, _, _) in grams_of(&self.segs[s]) {
                    if seen.insert(g) {
                        *cf.entry(g).or_insert(0) += 1;
                    }
                }
            }
        }
        let c = candidates.len() as f64;
        if c < 2.0 {
            return;
        }
        let norm = (1.0 + c).ln();
        self.spec = cf.into_iter().map(|(g, n)| (g, (1.0 + c / f64::from(n.max(1))).ln() / norm)).collect();
    }

    pub(super) fn profile(&self, segs: &[usize]) -> Profile {
        let mut grams: HashMap<Gram, (f64, bool)> = HashMap::new();
        for &s in segs {
            for (g, n, boiler) in grams_of(&self.segs[s]) {
                let w = self.weight(&g, n, boiler);
                // A gram counts once per text, at its weightiest occurrence
                // (outside boilerplate if it occurs there once).
                let e = grams.entry(g).or_insert((0.0, boiler));
                if w > e.0 {
                    *e = (w, boiler);
                }
            }
        }
        let mut grams: Vec<(Gram, f64, bool)> =
            grams.into_iter().filter(|(_, (w, _))| *w > 0.0).map(|(g, (w, b))| (g, w, b)).collect();
        grams.sort_by_key(|a| a.0);
        // Boilerplate is weak evidence when shared but still part of the
        // text's size: a clause made of boilerplate and three distinctive
        // words is not "fully covered" by a match on those three words.
        let total = grams
            .iter()
            .map(|&(_, w, b)| if b { w / BOILERPLATE_DISCOUNT * BOILERPLATE_SIZE } else { w })
            .sum();
        Profile { grams, total }
    }
}

/// Text score of two profiles in [0, 1].
pub(super) fn similarity(a: &Profile, b: &Profile) -> f64 {
    let (ca, cb) = containment(a, b);
    let s = (1.0 - CONTAINMENT_SHARE) * (ca * cb).sqrt() + CONTAINMENT_SHARE * ca.max(cb);
    if s.is_finite() {
        s.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// How much of `a` is found in `b`, and of `b` in `a`, by weight.
pub(super) fn containment(a: &Profile, b: &Profile) -> (f64, f64) {
    let shared = shared_weight(a, b).0;
    if shared <= 0.0 {
        return (0.0, 0.0);
    }
    (shared / (a.total + SHORT_TEXT_PRIOR), shared / (b.total + SHORT_TEXT_PRIOR))
}

/// The share of what `a` and `b` have in common that is not boilerplate
/// (0 when they share nothing).
pub(super) fn distinctive_share(a: &Profile, b: &Profile) -> f64 {
    let (shared, distinct) = shared_weight(a, b);
    if shared > 0.0 {
        (distinct / shared).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Weight shared by two profiles, and the part of it outside boilerplate.
pub(super) fn shared_weight(a: &Profile, b: &Profile) -> (f64, f64) {
    let (mut i, mut j, mut shared, mut distinct) = (0, 0, 0.0, 0.0);
    while i < a.grams.len() && j < b.grams.len() {
        match a.grams[i].0.cmp(&b.grams[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let w = a.grams[i].1.min(b.grams[j].1);
                shared += w;
                if !a.grams[i].2 && !b.grams[j].2 {
                    distinct += w;
                }
                i += 1;
                j += 1;
            }
        }
    }
    (shared, distinct)
}

/// Text shared with a parent clause's (possibly borrowed) wording, as
/// gathered by [`align_in_corpus`].
pub(super) fn context_for(
    corpus: &Corpus,
    local: &Document,
    parent: &Document,
) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut taken: HashSet<(String, String, String)> = HashSet::new();
    let mut take = |doc: &Document, path: &str, target: &str, out: &mut HashMap<String, Vec<String>>| {
        if doc.id == local.id || doc.id == parent.id {
            return;
        }
        if !taken.insert((doc.id.to_string(), path.to_string(), target.to_string())) {
            return;
        }
        let texts = out.entry(target.to_string()).or_default();
        for c in &doc.clauses {
            if c.path == path || ancestor(path, &c.path) {
                texts.extend(c.heading.iter().filter(|h| !h.trim().is_empty()).cloned());
                if !c.text.trim().is_empty() {
                    texts.push(c.text.clone());
                }
            }
        }
    };
    for doc in corpus.documents() {
        for c in &doc.clauses {
            for imp in &c.implements {
                if imp.provenance == Provenance::Inferred || imp.target.doc() != &parent.id {
                    continue;
                }
                if let Some(t) = imp.target.path() {
                    take(doc, &c.path, t, &mut out);
                }
            }
        }
    }
    for c in &parent.clauses {
        for s in &c.sources {
            if let (Some(doc), Some(p)) = (corpus.document(s.doc()), s.path()) {
                take(doc, p, &c.path, &mut out);
            }
        }
    }
    out
}

/// Paths of the local clauses that declare they carry out `parent`: an
/// `implements` link to the parent document as a whole, a citation of it
/// recorded for the clause, or its number in the clause's own words. The
/// empty path stands for the document (a preamble citation with relation
/// implements).
pub(super) fn declared(local: &Document, parent: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for l in &local.citations {
        if l.target == parent.id {
            match (&l.clause, l.relation) {
                (Some(c), _) => out.push(c.clone()),
                (None, Relation::Implements) => out.push(String::new()),
                (None, _) => {}
            }
        }
    }
    for c in &local.clauses {
        let by_link = c.implements.iter().any(|i| i.target.doc() == &parent.id && i.target.path().is_none());
        let by_text = parent.number.as_ref().is_some_and(|n| {
            c.heading.iter().chain([&c.text]).any(|t| Citation::find_all(t).iter().any(|x| x.number() == n))
        });
        if by_link || by_text {
            out.push(c.path.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}
