//! Reading references as people write them: documents, clauses and agency
//! names, with the closest known values when nothing matches.

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Result};
use crate::model::identity::{ClauseId, DocId, DocNumber};
use crate::model::{AgencyKind, Document, Level};
use crate::text::{fold, slug};

use super::{Agency, Corpus};

/// How a name written in a document matches an agency a user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AgencyMatch {
    /// The same agency (by alias) or the same name once folded.
    Same,
    /// A group the asked agency belongs to (`Các sở, ban, ngành` for `Sở Nội vụ`).
    Group,
    /// Neither.
    No,
}

/// An agency as a user names it, matched against the names documents use:
/// the one rule shared by task queries and the agency diagram. The asked
/// name is resolved once per jurisdiction.
pub(crate) struct AgencyQuery<'c> {
    corpus: &'c Corpus,
    name: String,
    folded: String,
    wanted: HashMap<String, String>,
}

impl<'c> AgencyQuery<'c> {
    pub(crate) fn new(corpus: &'c Corpus, name: &str) -> AgencyQuery<'c> {
        AgencyQuery { corpus, name: name.to_string(), folded: fold(name), wanted: HashMap::new() }
    }

    pub(crate) fn matches(&mut self, written: &str, jurisdiction: &str) -> AgencyMatch {
        let (corpus, name) = (self.corpus, &self.name);
        let want = self
            .wanted
            .entry(jurisdiction.to_string())
            .or_insert_with(|| corpus.resolve_agency(name, jurisdiction).id);
        let got = corpus.resolve_agency(written, jurisdiction);
        if got.id == *want || fold(written) == self.folded {
            return AgencyMatch::Same;
        }
        let want_key = want.rsplit('/').next().unwrap_or("");
        if corpus.agency_members(&got).iter().any(|m| m == want_key) {
            AgencyMatch::Group
        } else {
            AgencyMatch::No
        }
    }
}

/// An unknown-reference error for `input`, suggesting the three candidates
/// closest to `probe` (compared folded: diacritics and case aside).
pub(crate) fn unknown_reference(input: &str, probe: &str, candidates: Vec<String>) -> Error {
    let probe = fold(probe);
    let mut scored: Vec<(usize, String)> =
        candidates.into_iter().map(|c| (strsim::levenshtein(&probe, &fold(&c)), c)).collect();
    scored.sort();
    Error::new(ErrorKind::UnknownReference {
        input: input.to_string(),
        suggestions: scored.into_iter().take(3).map(|(_, c)| c).collect(),
    })
}

/// Folded agency name with punctuation spacing evened out, for alias lookup.
pub(super) fn agency_key(name: &str) -> String {
    let f = fold(name);
    let mut out = String::with_capacity(f.len());
    for w in f.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '.') {
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

impl Corpus {
    /// Resolves an agency name as written in a document of `jurisdiction`.
    ///
    /// Matching ignores case, diacritics and tone-mark placement, and a
    /// trailing `tỉnh` / `tỉnh {name}`.
    pub fn resolve_agency(&self, name: &str, jurisdiction: &str) -> Agency {
        let jname = self.jurisdiction(jurisdiction).map(|j| fold(&j.name));
        let mut key = agency_key(name);
        if let Some(jn) = &jname {
            if let Some(k) =
                key.strip_suffix(&format!(" tinh {jn}")).or_else(|| key.strip_suffix(&format!(" {jn}")))
            {
                key = k.to_string();
            }
        }
        let hit = self
            .alias_index
            .get(&key)
            .or_else(|| key.strip_suffix(" tinh").and_then(|k| self.alias_index.get(k)));
        match hit.map(|&i| &self.agencies[i]) {
            Some(a) => {
                let j = if a.scope == Level::Central { "vn" } else { jurisdiction };
                Agency {
                    id: format!("{j}/{}", a.key),
                    name: a.name.clone(),
                    kind: a.kind,
                    jurisdiction: j.to_string(),
                    known: true,
                }
            }
            None => Agency {
                id: format!("{jurisdiction}/{}", slug(name)),
                name: name.trim().to_string(),
                kind: AgencyKind::Body,
                jurisdiction: jurisdiction.to_string(),
                known: false,
            },
        }
    }

    /// For a group agency, the keys of the kinds of body it stands for
    /// (`so-noi-vu` for `Các sở, ban, ngành`); empty otherwise.
    pub fn agency_members(&self, agency: &Agency) -> &[String] {
        let key = agency.id.rsplit('/').next().unwrap_or("");
        self.agencies.iter().find(|a| a.key == key && agency.known).map_or(&[], |a| &a.members)
    }

    /// Resolves a reference as people write it to a document or clause:
    /// a canonical id (`vn/2023/ct-tw/25#4`), a number (`25-CT/TW#4`,
    /// `Kế hoạch 162/KH-UBND`), optionally with a jurisdiction
    /// (`47/KH-UBND@thai-binh`). Clause paths must exist.
    ///
    /// ```
    /// # use directive_lineage::Corpus;
    /// # let corpus = Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap();
    /// let r = corpus.resolve("25-CT/TW#4").unwrap();
    /// assert_eq!(r.to_string(), "vn/2023/ct-tw/25#4");
    /// let err = corpus.resolve("25-CT/TW#9").unwrap_err();
    /// assert!(err.to_string().contains("did you mean"));
    /// ```
    pub fn resolve(&self, input: &str) -> Result<ClauseId> {
        let input_t = input.trim();
        let (head, path) = match input_t.split_once('#') {
            Some((h, p)) => (h.trim(), Some(p.trim())),
            None => (input_t, None),
        };
        let doc = self.resolve_doc(head, input_t)?;
        let Some(path) = path else { return Ok(ClauseId::document(doc.id.clone())) };
        if doc.clause(path).is_some() {
            if let Some(r) = ClauseId::clause(doc.id.clone(), path) {
                return Ok(r);
            }
        }
        let candidates: Vec<String> = doc.clauses.iter().map(|c| format!("{}#{}", doc.id, c.path)).collect();
        Err(unknown_reference(input_t, &format!("{}#{path}", doc.id), candidates))
    }

    /// The document a reference names (see [`Corpus::resolve`]); a clause
    /// part is ignored.
    pub fn document_by_ref(&self, input: &str) -> Result<&Document> {
        let head = input.split('#').next().unwrap_or(input).trim();
        self.resolve_doc(head, input)
    }

    fn resolve_doc(&self, head: &str, input: &str) -> Result<&Document> {
        if let Ok(id) = head.parse::<DocId>() {
            return self.document(&id).ok_or_else(|| {
                unknown_reference(input, head, self.documents.iter().map(|d| d.id.to_string()).collect())
            });
        }
        let (num, juris) = match head.rsplit_once('@') {
            Some((n, j)) => (n.trim(), Some(slug(j))),
            None => (head, None),
        };
        // Drop a leading kind name (`Kế hoạch`, `Chỉ thị số`).
        let start = num.find(|c: char| c.is_ascii_digit() || c == '/').unwrap_or(0);
        let number: DocNumber = num[start..].parse().map_err(|_| {
            unknown_reference(input, head, self.documents.iter().map(|d| d.id.to_string()).collect())
        })?;
        let matches: Vec<&Document> = self
            .documents
            .iter()
            .filter(|d| d.number.as_ref() == Some(&number))
            .filter(|d| juris.as_deref().is_none_or(|j| d.jurisdiction == j))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => {
                Err(unknown_reference(input, head, self.documents.iter().map(|d| d.id.to_string()).collect()))
            }
            many => Err(Error::new(ErrorKind::AmbiguousReference {
                input: input.to_string(),
                candidates: many.iter().map(|d| d.id.to_string()).collect(),
            })),
        }
    }
}
