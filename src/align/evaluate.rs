//! Evaluation of proposals against curated links.

use std::collections::HashSet;

use serde::Serialize;

use crate::corpus::Corpus;
use crate::error::Result;
use crate::model::identity::DocId;
use crate::model::Provenance;

use super::{align, align_in_corpus, AlignOptions, Proposal};

/// How well alignment recovers the curated links of one document pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// The local document.
    pub local: DocId,
    /// The parent document.
    pub parent: DocId,
    /// Curated (or stated) links from the selected local clauses to the
    /// parent document.
    pub gold: usize,
    /// Proposals made.
    pub proposed: usize,
    /// Proposals that are curated links.
    pub correct: usize,
    /// `correct / proposed` (1 when nothing was proposed and nothing was
    /// expected, 0 when nothing was proposed but something was).
    pub precision: f64,
    /// `correct / gold` (1 when nothing was expected).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Curated links not proposed, as `local path -> parent path`.
    pub missed: Vec<String>,
    /// Proposals that are not curated links, as `local path -> parent path
    /// (score)`.
    pub wrong: Vec<String>,
    /// The curated links held out, as (local path, parent path).
    pub curated: Vec<(String, String)>,
    /// Every proposal made, with its score: enough to re-score the pair at
    /// any higher threshold without aligning again.
    pub proposals: Vec<Proposal>,
}

/// Holds the curated links of `local` out, aligns it with `parent` and
/// compares the proposals with the curated links.
///
/// The curated links are those of the local clauses `options` selects that
/// point into `parent` with provenance curated or stated. They are stripped
/// from a copy of the local document before aligning, and alignment borrows
/// text only from other documents ([`align_in_corpus`]), so a link cannot
/// find itself. With `use_corpus` false, only the two documents are read
/// ([`align`]).
///
/// Both references are resolved as people write them (`56/KH-SYT`,
/// `25-CT/TW`); an unknown one is an error.
pub fn evaluate(
    corpus: &Corpus,
    local: &str,
    parent: &str,
    options: &AlignOptions,
    use_corpus: bool,
) -> Result<Evaluation> {
    let local_doc = corpus.document_by_ref(local)?;
    let parent_doc = corpus.document_by_ref(parent)?;
    let mut held_out = local_doc.clone();
    let mut gold: Vec<(String, String)> = Vec::new();
    for c in &mut held_out.clauses {
        if !options.selects_local(&c.path, c.kind) {
            continue;
        }
        c.implements.retain(|l| {
            let curated = matches!(l.provenance, Provenance::Curated | Provenance::Stated);
            match (curated && l.target.doc() == &parent_doc.id, l.target.path()) {
                (true, Some(p)) => {
                    gold.push((c.path.clone(), p.to_string()));
                    false
                }
                _ => true,
            }
        });
    }
    // When a document is aligned with itself, the parent is the held-out
    // copy too.
    let parent_used = if parent_doc.id == local_doc.id { &held_out } else { parent_doc };
    let proposals = if use_corpus {
        align_in_corpus(corpus, &held_out, parent_used, options)
    } else {
        align(&held_out, parent_used, options)
    };
    let pairs: Vec<(String, String, f64)> = proposals
        .iter()
        .filter_map(|p| Some((p.local.path()?.to_string(), p.parent.path()?.to_string(), p.score)))
        .collect();
    let gold_set: HashSet<(&str, &str)> = gold.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let proposed_set: HashSet<(&str, &str)> =
        pairs.iter().map(|(a, b, _)| (a.as_str(), b.as_str())).collect();
    let correct = proposed_set.intersection(&gold_set).count();
    let precision = match (proposed_set.len(), gold_set.len()) {
        (0, 0) => 1.0,
        (0, _) => 0.0,
        (n, _) => correct as f64 / n as f64,
    };
    let recall = if gold_set.is_empty() { 1.0 } else { correct as f64 / gold_set.len() as f64 };
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Ok(Evaluation {
        local: local_doc.id.clone(),
        parent: parent_doc.id.clone(),
        gold: gold_set.len(),
        proposed: proposed_set.len(),
        correct,
        precision,
        recall,
        f1,
        missed: gold
            .iter()
            .filter(|(a, b)| !proposed_set.contains(&(a.as_str(), b.as_str())))
            .map(|(a, b)| format!("{a} -> {b}"))
            .collect(),
        wrong: pairs
            .iter()
            .filter(|(a, b, _)| !gold_set.contains(&(a.as_str(), b.as_str())))
            .map(|(a, b, s)| format!("{a} -> {b} ({s:.3})"))
            .collect(),
        curated: gold.clone(),
        proposals,
    })
}
