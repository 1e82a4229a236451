//! Clause alignment: proposing which clauses of a parent plan each clause of
//! a local plan implements.
//!
//! Local plans copy, trim, merge and reorder the text of the plan above
//! them, so shared wording is the evidence. The score of a pair (local
//! clause, parent clause) is built from four signals:
//!
//! 1. **Text.** Both sides are [`fold`]ed (NFC, case, tone-mark placement,
//!    `đ`), split into syllables and turned into syllable uni-, bi- and
//!    trigrams. A gram weighs its IDF over the clauses of the two documents,
//!    so wording every clause repeats (`y tế cơ sở`) counts little and
//!    wording two clauses share alone counts much. A built-in list of phrases
//!    that every plan on the subject repeats (`nâng cao chất lượng`,
//!    `tổ chức thực hiện`, the title of Chỉ thị 25) discounts grams that
//!    occur only inside those phrases, because within two documents IDF
//!    cannot see that they are boilerplate everywhere. Bigrams and trigrams
//!    make a copied phrase count for more than the same words scattered.
//! 2. **Headings.** Two clauses with headings (task groups) are also
//!    compared heading to heading: a group heading is the plan's own summary
//!    of the group, and local plans copy their parent's headings almost
//!    verbatim even when they rewrite every bullet.
//! 3. **Structure.** When an ancestor of a local clause has a heading that
//!    clearly matches the heading of a parent clause (better than any other
//!    parent heading at that level), the local clause is lifted toward that
//!    parent clause and its descendants: the bullets of a group carry out
//!    the group they sit in.
//! 4. **Declaration.** A clause that says it carries out the parent (it or
//!    an ancestor implements the parent document, or cites its number, as
//!    10/KH-SYT's item II.1 cites Chỉ thị 25-CT/TW) implements one of the
//!    parent's clauses; its clear favourite among the candidates is lifted,
//!    the more the further it leads the runner-up.
//!
//! The signals combine as a noisy-or, `1 − (1 − text)(1 − structure)(1 −
//! declaration)`, so each can only raise a score and none can push it past
//! one. A candidate is proposed when it reaches [`DEFAULT_MIN_SCORE`] and
//! [`DEFAULT_MIN_RATIO`] of the local clause's best candidate (both
//! adjustable in [`AlignOptions`]).
//!
//! A clause's text is its heading, its body and the text of its
//! descendants (a group is what its bullets say). A parent known only by its
//! headings (a reconstructed or cited-only document) can borrow wording:
//! [`align_in_corpus`] adds to each parent clause the text of the clauses of
//! *other* documents that are curated as implementing it, never the local
//! document's own, so an evaluation that holds the local document's links
//! out stays honest.
//!
//! ```
//! use directive_lineage::{align, AlignOptions, Corpus};
//!
//! let corpus = Corpus::from_json("example", r#"{
//!   "format": "directive-lineage/corpus@1",
//!   "documents": [
//!     {"id": "vn/2023/ct-tw/25", "kind": "chi-thi", "issuer": "Ban Bí thư",
//!      "jurisdiction": "vn", "level": "central", "branch": "party", "status": "cited-only",
//!      "clauses": [
//!        {"path": "3", "kind": "item", "provenance": "reconstructed",
//!         "heading": "Tăng cường đầu tư cho y tế cơ sở gắn với đổi mới cơ chế tài chính"},
//!        {"path": "4", "kind": "item", "provenance": "reconstructed",
//!         "heading": "Nâng cao chất lượng nguồn nhân lực y tế cơ sở"}]},
//!     {"id": "thai-binh/2024/kh-syt/56", "kind": "ke-hoach", "issuer": "Sở Y tế",
//!      "jurisdiction": "thai-binh", "level": "province", "branch": "department",
//!      "status": "summary",
//!      "clauses": [
//!        {"path": "4", "kind": "item", "provenance": "curated",
//!         "heading": "Nâng cao chất lượng nguồn nhân lực y tế cơ sở"},
//!        {"path": "4.-1", "kind": "bullet", "provenance": "curated",
//!         "text": "Tăng cường đào tạo, bồi dưỡng cho đội ngũ cán bộ, nhân viên y tế cơ sở"}]}
//!   ]}"#)?;
//! let (parent, local) = (&corpus.documents()[0], &corpus.documents()[1]);
//! let proposals = align(local, parent, &AlignOptions::new());
//! let first = &proposals[0];
//! assert_eq!(first.local.to_string(), "thai-binh/2024/kh-syt/56#4");
//! assert_eq!(first.parent.to_string(), "vn/2023/ct-tw/25#4");
//! assert!(first.score > 0.5, "{first:?}");
//! assert_eq!(first.evidence, ["Nâng cao chất lượng nguồn nhân lực y tế cơ sở"]);
//! // The bullet follows its group.
//! assert!(proposals.iter().any(|p| p.local.path() == Some("4.-1") && p.parent.path() == Some("4")));
//! # Ok::<(), directive_lineage::Error>(())
//! ```

mod evaluate;
mod signals;

pub use evaluate::{evaluate, Evaluation};

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::model::identity::ClauseId;
use crate::model::{ClauseKind, Document, Implements, Provenance};
use crate::text::fold;
use signals::{
    ancestor, containment, context_for, declared, depth, distinctive_share, similarity, under, Item, Model,
    Profile, Tok, CLEAR_LEAD, DECLARED_GAIN, DISTINCT_GATE, DOCUMENT_PRIOR, EVIDENCE_GATE, NONE,
    STRUCTURE_FLOOR, STRUCTURE_GAIN,
};

/// The score below which [`align`] proposes nothing unless told otherwise.
///
/// Measured on the bundled data (`docs/ALIGN.md`, `cargo run --release
/// --example align_eval`), with every candidate kept: the 31 curated links
/// score at least 0.33 and no wrong candidate scores above 0.22 when the
/// parent borrows text from the corpus ([`align_in_corpus`], what the
/// command line does). 0.30 sits in that gap. From two documents alone one
/// wrong candidate reaches 0.32, and [`DEFAULT_MIN_RATIO`] removes it (its
/// local clause's favourite scores at least 0.89).
pub const DEFAULT_MIN_SCORE: f64 = 0.30;

/// How many parent clauses one local clause may be proposed for by default:
/// an appendix row merges at most two or three bullets.
pub const DEFAULT_MAX_PER_LOCAL: usize = 3;

/// By default a candidate must score at least this share of the local
/// clause's best candidate: a row that merges two bullets scores about the
/// same against both, while a clause that shares only the subject's
/// vocabulary with a neighbour of its real parent scores far less.
pub const DEFAULT_MIN_RATIO: f64 = 0.6;

/// Options for [`align`]: thresholds and which clauses take part.
///
/// Prefixes match whole path segments: `II.1` selects `II.1`, `II.1.a` and
/// `II.1.-2` but not `II.10`; with a trailing dot only what lies under it
/// (`PL.` selects the appendix rows `PL.1`, `PL.2` ..., not `PL` itself).
/// Several prefixes (or kinds) select their union; different filters must
/// all hold.
///
/// ```
/// use directive_lineage::{AlignOptions, ClauseKind};
/// // Appendix rows against the bullets of section II.
/// let o = AlignOptions::new()
///     .local_prefix("PL.")
///     .parent_prefix("II.")
///     .parent_kinds(&[ClauseKind::Bullet, ClauseKind::SubBullet])
///     .min_score(0.4)
///     .max_per_local(2);
/// assert_eq!(o.get_min_score(), 0.4);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct AlignOptions {
    min_score: f64,
    max_per_local: usize,
    min_ratio: f64,
    local: Filter,
    parent: Filter,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Filter {
    prefixes: Vec<String>,
    kinds: Vec<ClauseKind>,
    depth: Option<usize>,
}

impl Filter {
    fn accepts(&self, path: &str, kind: ClauseKind) -> bool {
        (self.prefixes.is_empty()
            || self.prefixes.iter().any(|p| match p.strip_suffix('.') {
                Some(base) => ancestor(base, path),
                None => under(path, p),
            }))
            && (self.kinds.is_empty() || self.kinds.contains(&kind))
            && self.depth.is_none_or(|d| depth(path) == d)
    }
}

impl Default for AlignOptions {
    fn default() -> AlignOptions {
        AlignOptions {
            min_score: DEFAULT_MIN_SCORE,
            max_per_local: DEFAULT_MAX_PER_LOCAL,
            min_ratio: DEFAULT_MIN_RATIO,
            local: Filter::default(),
            parent: Filter::default(),
        }
    }
}

impl AlignOptions {
    /// The defaults: [`DEFAULT_MIN_SCORE`], [`DEFAULT_MAX_PER_LOCAL`],
    /// [`DEFAULT_MIN_RATIO`], every clause of both documents.
    pub fn new() -> AlignOptions {
        AlignOptions::default()
    }

    /// Propose only pairs scoring at least `score` (clamped to [0, 1]; NaN
    /// keeps the current value).
    pub fn min_score(mut self, score: f64) -> AlignOptions {
        if !score.is_nan() {
            self.min_score = score.clamp(0.0, 1.0);
        }
        self
    }

    /// At most `n` parent clauses per local clause (at least 1).
    pub fn max_per_local(mut self, n: usize) -> AlignOptions {
        self.max_per_local = n.max(1);
        self
    }

    /// Keep a candidate only if it scores at least `ratio` times the local
    /// clause's best candidate (clamped to [0, 1]; 0 keeps every candidate
    /// above the threshold).
    pub fn min_ratio(mut self, ratio: f64) -> AlignOptions {
        if !ratio.is_nan() {
            self.min_ratio = ratio.clamp(0.0, 1.0);
        }
        self
    }

    /// Align only local clauses under `prefix` (`PL.`, `II.1`); call again
    /// to add another prefix.
    pub fn local_prefix(mut self, prefix: &str) -> AlignOptions {
        self.local.prefixes.push(prefix.trim().to_string());
        self
    }

    /// Propose only parent clauses under `prefix` (`II.` for the bullets
    /// and items of section II); call again to add another prefix.
    pub fn parent_prefix(mut self, prefix: &str) -> AlignOptions {
        self.parent.prefixes.push(prefix.trim().to_string());
        self
    }

    /// Align only local clauses of these kinds.
    pub fn local_kinds(mut self, kinds: &[ClauseKind]) -> AlignOptions {
        self.local.kinds = kinds.to_vec();
        self
    }

    /// Propose only parent clauses of these kinds.
    pub fn parent_kinds(mut self, kinds: &[ClauseKind]) -> AlignOptions {
        self.parent.kinds = kinds.to_vec();
        self
    }

    /// Align only local clauses whose path has `depth` segments (`4` has
    /// one, `II.4` two, `II.4.-1` three).
    pub fn local_depth(mut self, depth: usize) -> AlignOptions {
        self.local.depth = Some(depth);
        self
    }

    /// Propose only parent clauses whose path has `depth` segments: `1` for
    /// the task groups of Chỉ thị 25-CT/TW.
    pub fn parent_depth(mut self, depth: usize) -> AlignOptions {
        self.parent.depth = Some(depth);
        self
    }

    /// The score threshold.
    pub fn get_min_score(&self) -> f64 {
        self.min_score
    }

    /// True when the local clause at `path` of kind `kind` takes part.
    pub fn selects_local(&self, path: &str, kind: ClauseKind) -> bool {
        self.local.accepts(path, kind)
    }

    /// True when the parent clause at `path` of kind `kind` may be proposed.
    pub fn selects_parent(&self, path: &str, kind: ClauseKind) -> bool {
        self.parent.accepts(path, kind)
    }
}

/// A proposed `implements` link from a local clause to a parent clause.
///
/// Serialises as `{"local": "...#1.-2", "parent": "...#1", "score": 0.83,
/// "evidence": ["..."]}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Proposal {
    /// The local clause.
    pub local: ClauseId,
    /// The parent clause it most likely implements.
    pub parent: ClauseId,
    /// Score in [0, 1], rounded to three decimals.
    pub score: f64,
    /// The longest phrases the two clauses share, as the local document
    /// spells them, weightiest first (at most five).
    pub evidence: Vec<String>,
}

impl Proposal {
    /// A proposal made by hand (a link a reviewer accepts), with no evidence.
    pub fn new(local: ClauseId, parent: ClauseId, score: f64) -> Proposal {
        Proposal { local, parent, score, evidence: Vec::new() }
    }

    /// The same proposal with these phrases as its evidence.
    pub fn with_evidence(mut self, evidence: Vec<String>) -> Proposal {
        self.evidence = evidence;
        self
    }
}

// ---------------------------------------------------------------------------
// Weights. Each constant is one judgement; the evaluation in docs/ALIGN.md is
// what they were checked against.

/// For each local clause, the parent clauses it most likely implements.
///
/// Only the two documents are read; see [`align_in_corpus`] to let a parent
/// known only by headings borrow the wording of other plans that implement
/// it. Proposals come in local document order, then by descending score,
/// ties broken by the parent clauses' document order; the same input always
/// gives the same output. Any input is accepted: empty texts give no
/// proposals.
pub fn align(local: &Document, parent: &Document, options: &AlignOptions) -> Vec<Proposal> {
    align_with(local, parent, &HashMap::new(), options)
}

/// [`align`], with each parent clause also described by the clauses of
/// other documents in `corpus` that implement it (curated or stated links
/// only) or that it was reconstructed from; the local document's own clauses
/// are never borrowed, whatever the links say.
///
/// This is what the command line uses: a reconstructed parent such as
/// Chỉ thị 25-CT/TW has only five headings, and the bullets of the plans
/// that copy it say what each group holds.
pub fn align_in_corpus(
    corpus: &Corpus,
    local: &Document,
    parent: &Document,
    options: &AlignOptions,
) -> Vec<Proposal> {
    align_with(local, parent, &context_for(corpus, local, parent), options)
}

fn align_with(
    local: &Document,
    parent: &Document,
    context: &HashMap<String, Vec<String>>,
    options: &AlignOptions,
) -> Vec<Proposal> {
    let mut model = Model::build(local, parent, context);
    let same_doc = local.id == parent.id;
    let candidates: Vec<usize> = (0..model.parent.len())
        .filter(|&j| options.selects_parent(&model.parent[j].path, model.parent[j].kind))
        .collect();
    model.set_specificity(&candidates);
    let model = model;
    let mut text = TextSignal::new(&model);
    let structure = Structure::new(&model, &text, &candidates, same_doc);
    let declared = declared(local, parent);
    let mut out = Vec::new();
    for (i, li) in model.local.iter().enumerate() {
        if !options.selects_local(&li.path, li.kind) {
            continue;
        }
        let Some(local_ref) = ClauseId::clause(local.id.clone(), &li.path) else { continue };
        let parts = candidate_parts(&model, &mut text, &structure, &candidates, same_doc, i);
        let scored = combined_scores(&parts, declared_prior(&declared, &li.path));
        let best = scored.first().map_or(0.0, |s| s.1);
        for &(j, score) in scored
            .iter()
            .filter(|(_, s)| *s >= options.min_score && *s >= options.min_ratio * best)
            .take(options.max_per_local)
        {
            let Some(parent_ref) = ClauseId::clause(parent.id.clone(), &model.parent[j].path) else {
                continue;
            };
            out.push(Proposal {
                local: local_ref.clone(),
                parent: parent_ref,
                score,
                evidence: evidence(&model, &model.local[i], &model.parent[j]),
            });
        }
    }
    out
}

/// The text and heading signals: the profile of every clause's full text,
/// of every heading and of every segment, with the segment containments
/// computed so far (pairs of segments recur across candidates).
struct TextSignal {
    full_l: Vec<Profile>,
    full_p: Vec<Profile>,
    head_l: Vec<Option<Profile>>,
    head_p: Vec<Option<Profile>>,
    segs: Vec<Profile>,
    seg_sims: HashMap<(usize, usize), f64>,
}

impl TextSignal {
    fn new(model: &Model) -> TextSignal {
        let full =
            |items: &[Item]| -> Vec<Profile> { items.iter().map(|i| model.profile(&i.full)).collect() };
        let head = |items: &[Item]| -> Vec<Option<Profile>> {
            items.iter().map(|i| i.heading.map(|h| model.profile(&[h]))).collect()
        };
        TextSignal {
            full_l: full(&model.local),
            full_p: full(&model.parent),
            head_l: head(&model.local),
            head_p: head(&model.parent),
            segs: (0..model.segs.len()).map(|s| model.profile(&[s])).collect(),
            seg_sims: HashMap::new(),
        }
    }

    /// Local clause `i` against parent clause `j`: the better of the text
    /// score (symmetric, or how much of the local text the parent covers)
    /// and the heading score.
    fn score(&mut self, model: &Model, i: usize, j: usize) -> f64 {
        let text = similarity(&self.full_l[i], &self.full_p[j])
            .max(self.coverage(&model.local[i], &model.parent[j]));
        let heading = match (&self.head_l[i], &self.head_p[j]) {
            (Some(a), Some(b)) => similarity(a, b),
            _ => 0.0,
        };
        text.max(heading)
    }

    /// Each local segment (heading, body, a descendant's) finds the parent
    /// segment that contains most of it; the mean, weighted by each
    /// segment's mass, says how much of the local clause the parent accounts
    /// for. One-sided: a short parent heading inside a long local sentence
    /// accounts for little of it.
    fn coverage(&mut self, l: &Item, p: &Item) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for &ls in &l.full {
            let w = self.segs[ls].total;
            if w <= 0.0 {
                continue;
            }
            let best = p
                .full
                .iter()
                .map(|&ps| {
                    *self
                        .seg_sims
                        .entry((ls, ps))
                        .or_insert_with(|| containment(&self.segs[ls], &self.segs[ps]).0)
                })
                .fold(0.0_f64, f64::max);
            num += w * best;
            den += w;
        }
        if den > 0.0 {
            num / den
        } else {
            0.0
        }
    }
}

/// The structure signal: the clear heading matches, and the lineage of each
/// clause, so that a clause inherits its ancestors' matches.
struct Structure {
    /// (local clause, parent clause) → the heading match's margin.
    lift: HashMap<(usize, usize), f64>,
    /// Proper ancestors of each local clause.
    local_ancestors: Vec<Vec<usize>>,
    /// Each parent clause with its ancestors.
    parent_lineage: Vec<Vec<usize>>,
}

impl Structure {
    fn new(model: &Model, text: &TextSignal, candidates: &[usize], same_doc: bool) -> Structure {
        Structure {
            lift: heading_lifts(model, &text.head_l, &text.head_p, candidates, same_doc),
            local_ancestors: lineage(&model.local, false),
            parent_lineage: lineage(&model.parent, true),
        }
    }

    /// The best lift from a proper ancestor of local clause `i` toward
    /// parent clause `j` or one of its ancestors.
    fn lift(&self, i: usize, j: usize) -> f64 {
        self.local_ancestors[i]
            .iter()
            .flat_map(|&a| {
                self.parent_lineage[j].iter().filter_map(move |&b| self.lift.get(&(a, b)).copied())
            })
            .fold(0.0_f64, f64::max)
    }
}

/// Heading matches between every local and parent clause with headings,
/// and for each local heading its margin over the next best parent heading
/// at the same depth: only a clear match is structure.
fn heading_lifts(
    model: &Model,
    head_l: &[Option<Profile>],
    head_p: &[Option<Profile>],
    candidates: &[usize],
    same_doc: bool,
) -> HashMap<(usize, usize), f64> {
    let mut lift: HashMap<(usize, usize), f64> = HashMap::new();
    for (i, hl) in head_l.iter().enumerate() {
        let Some(hl) = hl else { continue };
        let mut by_depth: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
        for (j, hp) in head_p.iter().enumerate() {
            if let Some(hp) = hp {
                if same_doc && (i == j || ancestor(&model.local[i].path, &model.parent[j].path)) {
                    continue;
                }
                by_depth.entry(depth(&model.parent[j].path)).or_default().push((j, similarity(hl, hp)));
            }
        }
        for (_, mut row) in by_depth {
            row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let best = row[0];
            let second = row.get(1).map_or(0.0, |r| r.1);
            // A parent clause that contains every candidate says nothing
            // about which candidate is meant.
            let universal = candidates
                .iter()
                .all(|&c| c == best.0 || ancestor(&model.parent[best.0].path, &model.parent[c].path));
            if best.1 >= STRUCTURE_FLOOR && !universal {
                lift.insert((i, best.0), best.1 - second);
            }
        }
    }
    lift
}

/// For each item, the positions of its proper ancestors, and of the item
/// itself when `with_self`.
fn lineage(items: &[Item], with_self: bool) -> Vec<Vec<usize>> {
    items
        .iter()
        .enumerate()
        .map(|(k, it)| {
            (0..items.len())
                .filter(|&a| (with_self && a == k) || ancestor(&items[a].path, &it.path))
                .collect()
        })
        .collect()
}

/// Local clause `i` against each candidate: (candidate, text-and-heading
/// score, structure lift, distinctive share of the shared text). A document
/// aligned with itself skips the clause and its own ancestors and
/// descendants.
fn candidate_parts(
    model: &Model,
    text: &mut TextSignal,
    structure: &Structure,
    candidates: &[usize],
    same_doc: bool,
    i: usize,
) -> Vec<(usize, f64, f64, f64)> {
    let li = &model.local[i];
    let mut parts: Vec<(usize, f64, f64, f64)> = Vec::new();
    for &j in candidates {
        let pj = &model.parent[j];
        if same_doc && (i == j || ancestor(&li.path, &pj.path) || ancestor(&pj.path, &li.path)) {
            continue;
        }
        let base = text.score(model, i, j);
        let lift = structure.lift(i, j);
        parts.push((j, base, lift, distinctive_share(&text.full_l[i], &text.full_p[j])));
    }
    parts
}

/// The declaration prior of the clause at `path`: 1 when it or an ancestor
/// implements or cites the parent document, [`DOCUMENT_PRIOR`] when only the
/// local document as a whole does.
fn declared_prior(declared: &[String], path: &str) -> f64 {
    if declared.iter().any(|d| d == path || ancestor(d, path)) {
        1.0
    } else if declared.iter().any(String::is_empty) {
        DOCUMENT_PRIOR
    } else {
        0.0
    }
}

/// The candidate with the best text-and-heading score, with its lead over
/// the runner-up (infinite when it has none), its score and its distinctive
/// share.
fn favourite(parts: &[(usize, f64, f64, f64)]) -> Option<(usize, f64, f64, f64)> {
    let mut order: Vec<&(usize, f64, f64, f64)> = parts.iter().collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    match order.as_slice() {
        [first, second, ..] if second.1 > 0.0 => Some((first.0, first.1 / second.1, first.1, first.3)),
        [first, ..] if first.1 > 0.0 => Some((first.0, f64::INFINITY, first.1, first.3)),
        _ => None,
    }
}

/// Each candidate's score, the signals combined as a noisy-or and rounded,
/// best first. A declared clause implements one of the parent's clauses, so
/// only its clear favourite gets the declaration's lift: the more it leads
/// the runner-up, and the more text it actually shares, the more. The
/// runner-up of a declared clause is no likelier than any other clause's.
fn combined_scores(parts: &[(usize, f64, f64, f64)], prior: f64) -> Vec<(usize, f64)> {
    let favourite = favourite(parts);
    let mut scored: Vec<(usize, f64)> = Vec::new();
    for &(j, base, structure, _) in parts {
        let lead = match favourite {
            Some((f, ratio, top, distinct)) if f == j => {
                ((ratio - 1.0) / (CLEAR_LEAD - 1.0)).clamp(0.0, 1.0)
                    * (top / EVIDENCE_GATE).min(1.0)
                    * (distinct / DISTINCT_GATE).min(1.0)
            }
            _ => 0.0,
        };
        let score =
            1.0 - (1.0 - base) * (1.0 - STRUCTURE_GAIN * structure) * (1.0 - DECLARED_GAIN * prior * lead);
        if score.is_finite() && score > 0.0 {
            // Rounded before the threshold, so that the printed score is
            // the one compared.
            scored.push((j, (score.clamp(0.0, 1.0) * 1000.0).round() / 1000.0));
        }
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored
}

/// The longest runs of syllables the local clause shares with the parent
/// clause, in the local spelling, weightiest first.
fn evidence(model: &Model, local: &Item, parent: &Item) -> Vec<String> {
    let starts = bigram_starts(model, parent);
    let mut found: Vec<(f64, usize, String, String)> = Vec::new();
    let mut order = 0;
    for &s in &local.full {
        let seg = &model.segs[s];
        let toks = &seg.toks;
        let mut i = 0;
        while i + 1 < toks.len() {
            let best = longest_shared_run(model, &starts, &toks[i..]);
            if best < 2 {
                i += 1;
                continue;
            }
            let run = trim_stopwords(model, &toks[i..i + best]);
            let weight: f64 = run.iter().map(|t| model.weight(&[t.id, NONE, NONE], 1, t.boiler)).sum::<f64>();
            if run.len() >= 2 && informative(model, run) {
                if let (Some(a), Some(b)) = (run.first(), run.last()) {
                    let text = seg.text[a.start..b.end].split_whitespace().collect::<Vec<_>>().join(" ");
                    let key = fold(&text);
                    found.push((weight, order, key, text));
                    order += 1;
                }
            }
            i += best;
        }
    }
    strongest_phrases(found)
}

/// Every parent bigram's positions (segment, syllable), to find where a
/// local run may start.
fn bigram_starts(model: &Model, parent: &Item) -> HashMap<(u32, u32), Vec<(usize, usize)>> {
    let mut starts: HashMap<(u32, u32), Vec<(usize, usize)>> = HashMap::new();
    for &s in &parent.full {
        let toks = &model.segs[s].toks;
        for k in 0..toks.len().saturating_sub(1) {
            starts.entry((toks[k].id, toks[k + 1].id)).or_default().push((s, k));
        }
    }
    starts
}

/// How many syllables from the start of `toks` (at least two long) the
/// parent repeats in one run, stopping at a sentence break.
fn longest_shared_run(
    model: &Model,
    starts: &HashMap<(u32, u32), Vec<(usize, usize)>>,
    toks: &[Tok],
) -> usize {
    let mut best = 0;
    if let Some(list) = starts.get(&(toks[0].id, toks[1].id)) {
        for &(ps, pk) in list {
            let pt = &model.segs[ps].toks;
            let m = toks
                .iter()
                .zip(&pt[pk..])
                .enumerate()
                .take_while(|(k, (a, b))| a.id == b.id && (*k == 0 || !a.breaks))
                .count();
            best = best.max(m);
        }
    }
    best
}

/// The run without function words at its edges: they add nothing to a
/// phrase.
fn trim_stopwords<'t>(model: &Model, mut run: &'t [Tok]) -> &'t [Tok] {
    while let [first, rest @ ..] = run {
        if rest.is_empty() || !model.stop.contains(&first.id) {
            break;
        }
        run = rest;
    }
    while let [rest @ .., last] = run {
        if rest.is_empty() || !model.stop.contains(&last.id) {
            break;
        }
        run = rest;
    }
    run
}

/// A phrase is worth showing when it holds a syllable that is neither
/// boilerplate, nor a function word, nor common in the two documents (`y tế
/// có` is all three).
fn informative(model: &Model, run: &[Tok]) -> bool {
    run.iter().any(|t| {
        let idf = model.idf.get(&[t.id, NONE, NONE]).copied().unwrap_or(model.max_idf);
        !t.boiler && !model.stop.contains(&t.id) && idf >= 0.25 * model.max_idf
    })
}

/// At most five phrases of `found` (weight, order found, folded key, text),
/// weightiest first, leaving out the far lighter ones and any phrase
/// already shown or contained in one shown.
fn strongest_phrases(mut found: Vec<(f64, usize, String, String)>) -> Vec<String> {
    const MAX: usize = 5;
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Phrases far lighter than the heaviest are noise beside it.
    let floor = found.first().map_or(0.0, |f| f.0 * 0.2);
    found.retain(|f| f.0 >= floor);
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for (_, _, key, text) in found {
        if seen.iter().any(|k| k.contains(&key)) {
            continue;
        }
        seen.push(key);
        out.push(text);
        if out.len() == MAX {
            break;
        }
    }
    out
}

/// Writes proposals scoring at least `min_score` into `doc` as `implements`
/// links with provenance [`Provenance::Inferred`] and their score. Proposals
/// for other documents or for clauses `doc` does not have are skipped, and a
/// link to a target the clause already has (from any provenance) is never
/// added twice. Returns how many links were added.
///
/// ```
/// use directive_lineage::{apply_proposals, Clause, ClauseKind, Corpus, Proposal, Provenance};
/// # let corpus = Corpus::from_json("x", r#"{"format": "directive-lineage/corpus@1", "documents": [
/// #   {"id": "thai-binh/2024/kh-syt/56", "kind": "ke-hoach", "issuer": "Sở Y tế",
/// #    "jurisdiction": "thai-binh", "level": "province", "branch": "department",
/// #    "status": "summary", "clauses": [{"path": "4", "kind": "item", "provenance": "curated"}]}]}"#)?;
/// let mut doc = corpus.documents()[0].clone();
/// let p = Proposal::new("thai-binh/2024/kh-syt/56#4".parse()?, "vn/2023/ct-tw/25#4".parse()?, 0.93);
/// assert_eq!(apply_proposals(&mut doc, &[p.clone(), p.clone()], 0.35), 1);
/// assert_eq!(apply_proposals(&mut doc, &[p], 0.35), 0);
/// let link = &doc.clauses[0].implements[0];
/// assert_eq!((link.provenance, link.score), (Provenance::Inferred, Some(0.93)));
/// # Ok::<(), directive_lineage::Error>(())
/// ```
pub fn apply_proposals(doc: &mut Document, proposals: &[Proposal], min_score: f64) -> usize {
    let mut added = 0;
    for p in proposals {
        // `!(a >= b)` also rejects a NaN score.
        if p.local.doc() != &doc.id || p.score.is_nan() || p.score < min_score {
            continue;
        }
        let Some(path) = p.local.path() else { continue };
        let Some(clause) = doc.clauses.iter_mut().find(|c| c.path == path) else { continue };
        if clause.implements.iter().any(|l| l.target == p.parent) {
            continue;
        }
        clause.implements.push(Implements {
            target: p.parent.clone(),
            provenance: Provenance::Inferred,
            score: Some(p.score.clamp(0.0, 1.0)),
        });
        added += 1;
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    // Tests may reach up a layer: the table is how a person reads proposals.
    use crate::export::{proposals_json, proposals_table};
    use crate::model::{Branch, Clause, DocStatus, Level};

    /// A document from `(path, kind, heading, text)` rows.
    fn doc(id: &str, rows: &[(&str, ClauseKind, &str, &str)]) -> Document {
        Document {
            id: id.parse().unwrap(),
            kind: crate::model::identity::DocKind::KeHoach,
            number: None,
            issuer: "x".into(),
            jurisdiction: id.split('/').next().unwrap().into(),
            level: Level::Province,
            branch: Branch::Government,
            date: None,
            title: String::new(),
            signer: None,
            status: DocStatus::FullText,
            source: None,
            citations: Vec::new(),
            clauses: rows
                .iter()
                .map(|(p, k, h, t)| {
                    let mut c = Clause::new(p, *k, t, Provenance::Stated);
                    c.heading = (!h.is_empty()).then(|| h.to_string());
                    c
                })
                .collect(),
            warnings: Vec::new(),
        }
    }

    fn pairs(ps: &[Proposal]) -> Vec<(String, String)> {
        ps.iter().map(|p| (p.local.path().unwrap().into(), p.parent.path().unwrap().into())).collect()
    }

    /// The five group headings of Chỉ thị 25-CT/TW as 56/KH-SYT copies them.
    fn groups() -> Document {
        use ClauseKind::Item;
        doc(
            "vn/2023/ct-tw/25",
            &[
                ("1", Item, "Nâng cao nhận thức, trách nhiệm củng cố, hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở", ""),
                ("2", Item, "Nâng cao hiệu quả quản lý Nhà nước, trách nhiệm phối hợp của các cơ quan, tổ chức trong xây dựng, triển khai thực hiện chủ trương, chính sách, pháp luật về y tế cơ sở", ""),
                ("3", Item, "Tăng cường đầu tư cho y tế cơ sở gắn với đổi mới cơ chế tài chính, nâng cao hiệu quả sử dụng ngân sách Nhà nước", ""),
                ("4", Item, "Nâng cao chất lượng nguồn nhân lực y tế cơ sở", ""),
                ("5", Item, "Đổi mới phương thức hoạt động của y tế cơ sở", ""),
            ],
        )
    }

    #[test]
    fn headings_find_their_groups_in_any_case_and_order() {
        use ClauseKind::*;
        // 162/KH-UBND's headings, reworded a little, one in upper case, in
        // another order.
        let local = doc(
            "quang-ninh/2024/kh-ubnd/162",
            &[
                ("II.5", Item, "Đổi mới mạnh mẽ phương thức hoạt động của y tế cơ sở", ""),
                ("II.4", Item, "NÂNG CAO CHẤT LƯỢNG NGUỒN NHÂN LỰC Y TẾ CƠ SỞ", ""),
                ("II.1", Item, "Nâng cao nhận thức, ý thức trách nhiệm về củng cố, hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở", ""),
                ("II.3", Item, "Tăng cường đầu tư cho y tế cơ sở gắn với đổi mới cơ chế tài chính, nâng cao hiệu quả sử dụng ngân sách Nhà nước", ""),
            ],
        );
        let got = align(&local, &groups(), &AlignOptions::new());
        assert_eq!(
            pairs(&got),
            [("II.5", "5"), ("II.4", "4"), ("II.1", "1"), ("II.3", "3")].map(|(a, b)| (a.into(), b.into()))
        );
        // Evidence keeps the local spelling.
        assert_eq!(got[1].evidence, ["NÂNG CAO CHẤT LƯỢNG NGUỒN NHÂN LỰC Y TẾ CƠ SỞ"]);
        assert!(got.iter().all(|p| p.score >= DEFAULT_MIN_SCORE && p.score <= 1.0), "{got:?}");
    }

    #[test]
    fn tone_mark_placement_does_not_matter() {
        use ClauseKind::*;
        let parent = doc(
            "vn/2023/ct-tw/25",
            &[
                ("1", Item, "", "Đa dạng hóa các hoạt động truyền thông, giáo dục sức khỏe cho Ủy ban"),
                ("2", Item, "", "Rà soát trang thiết bị của các trạm y tế xã"),
            ],
        );
        let old = doc(
            "thai-binh/2024/kh-syt/56",
            &[("1", Bullet, "", "Đa dạng hoá các hoạt động truyền thông, giáo dục sức khoẻ cho Uỷ ban")],
        );
        let new = doc(
            "thai-binh/2024/kh-syt/56",
            &[("1", Bullet, "", "Đa dạng hóa các hoạt động truyền thông, giáo dục sức khỏe cho Ủy ban")],
        );
        let (a, b) = (align(&old, &parent, &AlignOptions::new()), align(&new, &parent, &AlignOptions::new()));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].score, b[0].score);
        assert_eq!(a[0].evidence, ["Đa dạng hoá các hoạt động truyền thông, giáo dục sức khoẻ cho Uỷ ban"]);
    }

    #[test]
    fn boilerplate_alone_is_not_a_link() {
        use ClauseKind::*;
        let parent = doc(
            "vn/2023/ct-tw/25",
            &[
                ("1", Bullet, "", "Tổ chức thực hiện nâng cao chất lượng y tế cơ sở; phát triển mô hình bác sĩ gia đình"),
                ("2", Bullet, "", "Tổ chức thực hiện nâng cao chất lượng y tế cơ sở; đào tạo, bồi dưỡng nhân viên y tế thôn, bản"),
            ],
        );
        let local = doc(
            "thai-binh/2024/kh-syt/56",
            &[
                ("1", Bullet, "", "Tổ chức thực hiện nâng cao chất lượng y tế cơ sở trên địa bàn"),
                ("2", Bullet, "", "Phát triển mô hình bác sĩ gia đình tại các trạm y tế"),
            ],
        );
        let all = align(&local, &parent, &AlignOptions::new().min_score(0.0).min_ratio(0.0));
        let score = |l: &str, p: &str| {
            all.iter()
                .find(|x| x.local.path() == Some(l) && x.parent.path() == Some(p))
                .map_or(0.0, |x| x.score)
        };
        // Sharing a distinctive phrase beats sharing the boilerplate, which
        // stays below the default threshold.
        assert!(score("2", "1") > 2.0 * score("1", "1"), "{all:?}");
        assert!(score("1", "1") < DEFAULT_MIN_SCORE && score("1", "2") < DEFAULT_MIN_SCORE, "{all:?}");
        assert_eq!(pairs(&align(&local, &parent, &AlignOptions::new())), [("2".into(), "1".into())]);
    }

    /// II bullets and appendix rows of 162/KH-UBND: PL.11 merges two
    /// bullets, II.2.-4 splits into PL.7 and PL.8.
    fn plan_with_appendix() -> Document {
        use ClauseKind::*;
        doc(
            "quang-ninh/2024/kh-ubnd/162",
            &[
                ("II", Section, "NHIỆM VỤ, GIẢI PHÁP", ""),
                ("II.2", Item, "Nâng cao hiệu quả quản lý của Nhà nước", ""),
                ("II.2.-4", Bullet, "", "Kiện toàn tổ chức bộ máy y tế cơ sở, bao gồm: Trạm y tế cấp xã; Trung tâm Y tế cấp huyện và y tế các khu công nghiệp, khu chế xuất. Thực hiện thống nhất mô hình tổ chức, quản lý đối với Trung tâm y tế cấp huyện theo hướng chịu sự quản lý toàn diện của Ủy ban nhân dân cấp huyện trước tháng 7/2025"),
                ("II.3", Item, "Tăng cường đầu tư cho y tế cơ sở", ""),
                ("II.3.-1", Bullet, "", "Đầu tư cơ sở hạ tầng và trang thiết bị cho các cơ sở y tế tuyến huyện và tuyến xã phù hợp với khả năng, nhu cầu và điều kiện thực tế của địa phương"),
                ("II.3.-2", Bullet, "", "Nghiên cứu xây dựng các cơ chế, chính sách đặc thù nhằm thu hút các tổ chức, cá nhân trong và ngoài nước hỗ trợ kỹ thuật, tài chính"),
                ("II.4", Item, "Nâng cao chất lượng nguồn nhân lực y tế cơ sở", ""),
                ("II.4.-5", Bullet, "", "Thực hiện đồng bộ, hiệu quả việc luân phiên, luân chuyển, điều động, tăng cường nhân lực y tế để hỗ trợ thường xuyên cho y tế cơ sở."),
                ("PL", Section, "PHỤ LỤC", ""),
                ("PL.7", Row, "", "Thực hiện thống nhất mô hình tổ chức, quản lý đối với Trung tâm y tế cấp huyện theo hướng chịu sự quản lý toàn diện của Ủy ban nhân dân cấp huyện;"),
                ("PL.8", Row, "", "Mở rộng, nâng cấp các cơ sở y tế hiện có tại các khu công nghiệp, khu chế xuất, Trung tâm Y tế cấp huyện"),
                ("PL.11", Row, "", "- Đầu tư cơ sở hạ tầng và trang thiết bị cho các cơ sở y tế tuyến huyện và tuyến xã, phường, thị trấn phù hợp với khả năng, nhu cầu và điều kiện thực tế của địa phương.\n- Nghiên cứu xây dựng các cơ chế, chính sách đặc thù nhằm thu hút các tổ chức, cá nhân trong và ngoài nước hỗ trợ kỹ thuật, tài chính để đầu tư"),
                ("PL.15", Row, "", "Thực hiện đồng bộ, hiệu quả việc luân phiên, luân chuyển, điều động nhân lực y tế để hỗ trợ thường xuyên cho y tế cơ sở."),
            ],
        )
    }

    #[test]
    fn many_to_one_and_one_to_many() {
        let d = plan_with_appendix();
        let o = AlignOptions::new().local_prefix("PL.").local_depth(2).parent_kinds(&[ClauseKind::Bullet]);
        let got = pairs(&align(&d, &d, &o));
        let want: Vec<(String, String)> = [
            ("PL.7", "II.2.-4"),
            ("PL.8", "II.2.-4"),
            // The second bullet is copied whole, the first trimmed: it
            // comes first.
            ("PL.11", "II.3.-2"),
            ("PL.11", "II.3.-1"),
            ("PL.15", "II.4.-5"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn evidence_is_the_local_spelling_and_stops_at_sentences() {
        let d = plan_with_appendix();
        let o = AlignOptions::new().local_prefix("PL.11").parent_prefix("II.3.-2");
        let got = align(&d, &d, &o);
        assert_eq!(got.len(), 1);
        // The copied sentence, not run on into the next line.
        assert_eq!(
            got[0].evidence[0],
            "Nghiên cứu xây dựng các cơ chế, chính sách đặc thù nhằm thu hút các tổ chức, cá nhân trong và ngoài nước hỗ trợ kỹ thuật, tài chính"
        );
        assert!(got[0].evidence.iter().all(|e| !e.contains('\n')));
    }

    #[test]
    fn structure_lifts_bullets_toward_their_group() {
        use ClauseKind::*;
        let local = doc(
            "thai-binh/2024/kh-syt/56",
            &[
                ("4", Item, "Nâng cao chất lượng nguồn nhân lực y tế cơ sở", ""),
                // Shares next to nothing with the heading of group 4.
                ("4.-4", Bullet, "", "Củng cố, phát triển mạng lưới y tế dự phòng theo hướng tập trung"),
            ],
        );
        let with = align(&local, &groups(), &AlignOptions::new());
        assert!(pairs(&with).contains(&("4.-4".into(), "4".into())), "{with:?}");
        // Without its group the bullet has no clear parent.
        let alone = doc(
            "thai-binh/2024/kh-syt/56",
            &local.clauses[1..]
                .iter()
                .map(|c| (c.path.as_str(), c.kind, "", c.text.as_str()))
                .collect::<Vec<_>>(),
        );
        assert!(align(&alone, &groups(), &AlignOptions::new()).is_empty());
    }

    #[test]
    fn filters_match_whole_segments() {
        let o = AlignOptions::new().local_prefix("II.1").local_kinds(&[ClauseKind::Item]).parent_depth(1);
        assert!(o.selects_local("II.1", ClauseKind::Item));
        assert!(o.selects_local("II.1.a", ClauseKind::Item));
        assert!(!o.selects_local("II.10", ClauseKind::Item));
        assert!(!o.selects_local("II.1.-1", ClauseKind::Bullet));
        assert!(o.selects_parent("4", ClauseKind::Item));
        assert!(!o.selects_parent("II.4", ClauseKind::Item));
        let o = AlignOptions::new().local_prefix("PL.").local_prefix("II");
        assert!(o.selects_local("PL.12", ClauseKind::Row) && o.selects_local("II", ClauseKind::Section));
        assert!(!o.selects_local("PL", ClauseKind::Section), "a trailing dot: only under it");
        assert!(!o.selects_local("PLX.1", ClauseKind::Row));
        assert!(!o.selects_local("III.1", ClauseKind::Item));
        assert_eq!(AlignOptions::new().min_score(f64::NAN).get_min_score(), DEFAULT_MIN_SCORE);
        assert_eq!(AlignOptions::new().min_score(7.0).get_min_score(), 1.0);
    }

    #[test]
    fn odd_input_gives_no_proposals_and_no_panic() {
        use ClauseKind::*;
        let empty = doc("vn/2023/ct-tw/25", &[]);
        let odd = doc(
            "thai-binh/2024/kh-syt/56",
            &[
                ("1", Item, "", ""),
                ("1.-1", Bullet, "   ", "\u{301}\u{303} ... ;;; \n\t"),
                ("1.-2", Bullet, "", "e\u{302}\u{301} 🙂 \u{0}"),
                ("1.-2.+1", SubBullet, "", "y tế cơ sở"),
            ],
        );
        assert!(align(&odd, &empty, &AlignOptions::new()).is_empty());
        assert!(align(&empty, &odd, &AlignOptions::new()).is_empty());
        assert!(align(&odd, &odd, &AlignOptions::new().min_score(0.0)).iter().all(|p| p.score.is_finite()));
        let mut g = groups();
        assert_eq!(apply_proposals(&mut g, &[], 0.0), 0);
    }

    #[test]
    fn a_clause_that_cites_the_parent_goes_to_its_clear_favourite() {
        use ClauseKind::*;
        let mut parent = groups();
        parent.number = Some("25-CT/TW".parse().unwrap());
        // 10/KH-SYT's point c): little wording in common with the heading of
        // group 3, but more than with any other group.
        let rows = |cite: &'static str| {
            [
                ("II.1", Item, "Triển khai thực hiện nhiệm vụ trọng tâm", cite),
                ("II.1.c", Point, "Nâng cao chất lượng cơ sở hạ tầng, trang thiết bị cho y tế cơ sở", ""),
                (
                    "II.1.c.-1",
                    Bullet,
                    "",
                    "Hoàn thành dự án đầu tư xây dựng mở rộng quy mô giường bệnh Trung tâm Y tế huyện",
                ),
            ]
        };
        let o = AlignOptions::new().local_prefix("II.1.c").local_depth(3);
        let cited = doc(
            "bac-giang/2024/kh-syt/10",
            &rows("Tham mưu Kế hoạch thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023"),
        );
        let silent = doc("bac-giang/2024/kh-syt/10", &rows("Tham mưu Kế hoạch của tỉnh"));
        let all = AlignOptions::new()
            .min_score(0.0)
            .min_ratio(0.0)
            .max_per_local(9)
            .local_prefix("II.1.c")
            .local_depth(3);
        assert_eq!(
            align(&silent, &parent, &all)[0].parent.path(),
            Some("3"),
            "the favourite without the lift"
        );
        assert!(align(&silent, &parent, &o).is_empty());
        assert_eq!(pairs(&align(&cited, &parent, &o)), [("II.1.c".into(), "3".into())]);
    }

    #[test]
    fn junk_documents_never_panic() {
        // A fixed pseudo-random stream of pieces real and hostile text is
        // made of: Vietnamese syllables in both tone-mark styles, combining
        // marks, punctuation, control characters, odd paths.
        let pieces = [
            "y tế",
            "cơ sở",
            "hoá",
            "hóa",
            "Uỷ",
            "Ủy",
            "\u{301}",
            "e\u{302}\u{301}",
            ".",
            ";",
            "\n",
            "- ",
            "+ ",
            "25-CT/TW",
            "Chỉ thị số 25-CT/TW ngày 25/10/2023",
            "🙂",
            "\u{0}",
            "\t",
            "  ",
            "nâng cao chất lượng",
            "khu công nghiệp",
            "",
        ];
        let paths =
            ["1", "1.-1", "1.-1.+1", "II", "II.1", "II.1.a", "PL", "PL.1", "", "..", "a b", "1", "II.1"];
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n as u64) as usize
        };
        for round in 0..40 {
            let mut rows: Vec<(String, String, String)> = Vec::new();
            for _ in 0..next(12) {
                let text: String =
                    (0..next(30)).map(|_| pieces[next(pieces.len())]).collect::<Vec<_>>().join(" ");
                let heading: String = (0..next(4)).map(|_| pieces[next(pieces.len())]).collect();
                rows.push((paths[next(paths.len())].to_string(), heading, text));
            }
            let refs: Vec<(&str, ClauseKind, &str, &str)> = rows
                .iter()
                .map(|(p, h, t)| (p.as_str(), ClauseKind::Bullet, h.as_str(), t.as_str()))
                .collect();
            let (half_a, half_b) = refs.split_at(refs.len() / 2);
            let mut a = doc("thai-binh/2024/kh-syt/56", half_a);
            let b = doc("vn/2023/ct-tw/25", half_b);
            for o in
                [AlignOptions::new(), AlignOptions::new().min_score(0.0).min_ratio(0.0).max_per_local(50)]
            {
                for (l, p) in [(&a, &b), (&b, &a), (&a, &a)] {
                    let ps = align(l, p, &o);
                    assert!(ps.iter().all(|p| (0.0..=1.0).contains(&p.score)), "round {round}");
                    let _ = proposals_table(&ps);
                }
            }
            let ps = align(&a, &b, &AlignOptions::new().min_score(0.0));
            apply_proposals(&mut a, &ps, 0.0);
        }
    }

    #[test]
    fn citing_the_parent_is_not_evidence_for_one_of_its_clauses() {
        use ClauseKind::*;
        // Đắk Lắk's draft, III.2.b: it implements Chỉ thị 25 as a whole. The
        // plans that borrow group 1 its wording all cite the directive too.
        let mut parent = groups();
        parent.number = Some("25-CT/TW".parse().unwrap());
        parent.clauses[0].text =
            "Tổ chức quán triệt, tuyên truyền nội dung Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư"
                .into();
        let local = doc(
            "dak-lak/2024/kh-syt/draft-x",
            &[("III.2.b", Bullet, "", "Triển khai thực hiện hiệu quả Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư với quan điểm y tế cơ sở là nền tảng")],
        );
        let got = align(&local, &parent, &AlignOptions::new().min_score(0.0).min_ratio(0.0));
        assert!(got.iter().all(|p| p.score < DEFAULT_MIN_SCORE), "{got:?}");
        assert!(got.iter().flat_map(|p| &p.evidence).all(|e| !e.contains("25-CT/TW")), "{got:?}");
        // Without a number for the parent, the citation counts as shared text.
        parent.number = None;
        let got = align(&local, &parent, &AlignOptions::new().min_score(0.0).min_ratio(0.0));
        assert!(got[0].evidence[0].starts_with("Chỉ thị số 25-CT/TW ngày 25/10/2023"), "{got:?}");
    }

    #[test]
    fn output_is_deterministic() {
        let d = plan_with_appendix();
        let o = AlignOptions::new().min_score(0.0).min_ratio(0.0).max_per_local(100);
        let a = align(&d, &d, &o);
        assert!(a.len() > 20);
        for _ in 0..5 {
            assert_eq!(align(&d, &d, &o), a);
        }
        // Document order of local clauses, then descending score.
        for w in a.windows(2) {
            if w[0].local == w[1].local {
                assert!(w[0].score >= w[1].score);
            }
        }
    }

    #[test]
    fn apply_never_duplicates() {
        let mut d = plan_with_appendix();
        let o = AlignOptions::new().local_prefix("PL").local_depth(2).parent_kinds(&[ClauseKind::Bullet]);
        let ps = align(&d, &d.clone(), &o);
        let mut nan = ps[0].clone();
        nan.score = f64::NAN;
        let mut elsewhere = ps[0].clone();
        elsewhere.local = "vn/2023/ct-tw/25#1".parse().unwrap();
        assert_eq!(apply_proposals(&mut d, &[nan, elsewhere], 0.0), 0);
        assert_eq!(apply_proposals(&mut d, &ps, DEFAULT_MIN_SCORE), ps.len());
        assert_eq!(apply_proposals(&mut d, &ps, DEFAULT_MIN_SCORE), 0);
        let row = d.clause("PL.11").unwrap();
        assert_eq!(row.implements.len(), 2);
        assert!(row.implements.iter().all(|l| l.provenance == Provenance::Inferred && l.score.is_some()));
        // A curated link is not shadowed by an inferred copy.
        let mut d = plan_with_appendix();
        let target: ClauseId = "quang-ninh/2024/kh-ubnd/162#II.4.-5".parse().unwrap();
        let pos = d.clauses.iter().position(|c| c.path == "PL.15").unwrap();
        d.clauses[pos].implements.push(Implements { target, provenance: Provenance::Curated, score: None });
        let ps = align(&d, &d.clone(), &o);
        apply_proposals(&mut d, &ps, 0.0);
        assert_eq!(d.clauses[pos].implements.len(), 1);
        assert_eq!(d.clauses[pos].implements[0].provenance, Provenance::Curated);
    }

    #[test]
    fn table_and_json() {
        let d = plan_with_appendix();
        let o = AlignOptions::new().local_prefix("PL.15").parent_kinds(&[ClauseKind::Bullet]);
        let ps = align(&d, &d, &o);
        let t = proposals_table(&ps);
        assert!(
            t.starts_with("local: quang-ninh/2024/kh-ubnd/162  parent: quang-ninh/2024/kh-ubnd/162\nlocal"),
            "{t}"
        );
        assert!(t.lines().nth(2).unwrap().starts_with("PL.15  II.4.-5  "), "{t}");
        let back: Vec<Proposal> = serde_json::from_str(&proposals_json(&ps)).unwrap();
        assert_eq!(back, ps);
    }
}
