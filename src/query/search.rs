//! Text search over clauses, ignoring diacritics and tone-mark placement.

use serde::Serialize;

use crate::graph::LineageGraph;
use crate::text::{contains_syllables, fold, syllables};

/// A clause found by [`LineageGraph::search`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    /// Clause id.
    pub id: String,
    /// Document's official name.
    pub document: String,
    /// Heading or text of the clause.
    pub text: String,
}

impl LineageGraph {
    /// Clauses whose heading or text contains `query` as a run of syllables,
    /// ignoring diacritics, case and tone-mark placement (`y te co so` finds
    /// `y tế cơ sở`).
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let a = graph.search("đa dạng hoá");
    /// let b = graph.search("da dang hóa");
    /// assert!(!a.is_empty());
    /// assert_eq!(a, b);
    /// ```
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        let q = fold(query);
        let needle: Vec<&str> = syllables(&q).collect();
        if needle.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for d in self.corpus().documents() {
            for c in &d.clauses {
                let hay = fold(&format!("{} {}", c.heading.as_deref().unwrap_or(""), c.text));
                let words: Vec<&str> = syllables(&hay).collect();
                if contains_syllables(&words, &needle) {
                    out.push(SearchHit {
                        id: format!("{}#{}", d.id, c.path),
                        document: d.display_name(),
                        text: c.label().to_string(),
                    });
                }
            }
        }
        out
    }
}
