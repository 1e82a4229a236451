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
    ranked_unknown_reference(input, probe, candidates.into_iter().map(|c| (0, c)))
}

/// As [`unknown_reference`], with candidates in tiers: a lower tier comes
/// first whatever its spelling, and closeness to `probe` orders each tier.
fn ranked_unknown_reference(
    input: &str,
    probe: &str,
    candidates: impl Iterator<Item = (u8, String)>,
) -> Error {
    let probe = fold(probe);
    let mut scored: Vec<(u8, usize, String)> =
        candidates.map(|(tier, c)| (tier, strsim::levenshtein(&probe, &fold(&c)), c)).collect();
    scored.sort();
    Error::new(ErrorKind::UnknownReference {
        input: input.to_string(),
        suggestions: scored.into_iter().take(3).map(|(_, _, c)| c).collect(),
    })
}

/// What a reference that names no document says of the one meant, as the
/// parts of a document id: the number (`162`), the symbol (`kh-syt` for
/// `KH-SYT`, `ct-tw` for `99-CT/TƯ`) and the jurisdiction after `@`.
#[derive(Debug, Default, PartialEq)]
struct Typed {
    number: Option<String>,
    symbol: Option<String>,
    jurisdiction: Option<String>,
}

impl Typed {
    fn read(head: &str) -> Typed {
        let (written, jurisdiction) = match head.rsplit_once('@') {
            Some((n, j)) => (n.trim(), Some(slug(j))),
            None => (head.trim(), None),
        };
        let mut typed = Typed { jurisdiction, ..Typed::default() };
        if let Ok(id) = written.parse::<DocId>() {
            typed.number = Some(id.number().to_string());
            typed.symbol = Some(id.symbol().to_string());
            return typed;
        }
        // After any kind name: from the first digit, else the last word.
        let rest = match written.find(|c: char| c.is_ascii_digit()) {
            Some(at) => &written[at..],
            None => written.rsplit(char::is_whitespace).next().unwrap_or(written),
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let number = rest.parse::<DocNumber>().ok().or_else(|| {
            // A symbol alone (`KH-SYT`, `CT/TW`): read with a number put before it.
            ["1/", "1-"].iter().find_map(|n| format!("{n}{rest}").parse::<DocNumber>().ok())
        });
        let trimmed = digits.trim_start_matches('0');
        if !digits.is_empty() {
            typed.number = Some(if trimmed.is_empty() { "0" } else { trimmed }.to_string());
        }
        typed.symbol = number.map(|n| n.symbol_slug());
        typed
    }

    /// The tier of a document among the suggestions: one with the number
    /// and symbol typed first, then the symbol, then the number, then the
    /// jurisdiction; the rest last.
    fn tier(&self, id: &DocId) -> u8 {
        let number = self.number.as_deref().is_some_and(|n| n == id.number());
        let symbol = self.symbol.as_deref().is_some_and(|s| s == id.symbol());
        let place = self.jurisdiction.as_deref().is_some_and(|j| j == id.jurisdiction());
        match (number && symbol, symbol, number, place) {
            (true, ..) => 0,
            (_, true, ..) => 1,
            (_, _, true, _) => 2,
            (.., true) => 3,
            _ => 4,
        }
    }
}

/// Folded agency name with punctuation evened out, for alias lookup: `&`,
/// `-`, `/` and the word `và` are one separator, so `Sở KH&CN`, `Sở KH - CN`
/// and `Sở KH và CN` give one key, as do `UBND các tỉnh/thành phố` and
/// `UBND các tỉnh, thành phố`.
pub(super) fn agency_key(name: &str) -> String {
    let f = fold(name);
    let mut out = String::with_capacity(f.len());
    let sep =
        |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':' | '&' | '-' | '–' | '/' | '(' | ')');
    for w in f.split(sep) {
        if !w.is_empty() && w != "va" {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// What texts add after a name without changing who is meant (`Các bộ,
/// ngành liên quan`, `… khác có liên quan`, `… và đơn vị có liên quan`,
/// `Sở Y tế tỉnh`, `Công an Thành phố`): read off, one at a time, when the
/// whole name is not in the table.
const TRAILING: &[&str] = &[" co lien quan", " lien quan", " khac", " don vi", " tinh", " thanh pho"];

/// How a jurisdiction's name follows an agency's (`Sở Y tế tỉnh Quảng Ninh`,
/// `UBND thành phố Hà Nội`, `Sở Y tế Quảng Ninh`).
const PLACE_HEADS: &[&str] = &[" tinh ", " thanh pho ", " "];

/// A place name's words without the word for its kind (`Tỉnh`, `Thành
/// phố`, `TP.`), folded and run together: `Quảng Ninh`, `quang-ninh`,
/// `quangninh` and `tỉnh Quảng Ninh` give one key.
fn place_key(s: &str) -> String {
    let f = fold(s);
    let words: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let skip = match words.as_slice() {
        ["thanh", "pho", _, ..] => 2,
        ["tinh" | "tp", _, ..] => 1,
        _ => 0,
    };
    words[skip..].concat()
}

/// The `n` candidates closest to `probe`, each scored by the closest of its
/// names (compared as [`place_key`]s or agency keys), ties in the given order.
pub(crate) fn closest(probe: &str, candidates: Vec<(String, Vec<String>)>, n: usize) -> Vec<String> {
    let mut scored: Vec<(usize, usize, String)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, (value, names))| {
            let d = names.iter().map(|k| strsim::levenshtein(probe, k)).min().unwrap_or(usize::MAX);
            (d, i, value)
        })
        .collect();
    scored.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, v) in scored {
        if out.len() == n {
            break;
        }
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

impl Corpus {
    /// Resolves a jurisdiction as people write it to its id: the id
    /// (`quang-ninh`), the name or an alias of the jurisdiction table
    /// (`Quảng Ninh`, `TP. Hồ Chí Minh` where the table lists it), with case,
    /// diacritics, spaces and hyphens ignored (`quangninh`, `QUANG NINH`);
    /// also a jurisdiction that only documents carry. What names none is an
    /// [`ErrorKind::UnknownName`] with the closest ids.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, ErrorKind};
    /// let corpus = Corpus::bundled();
    /// assert_eq!(corpus.resolve_jurisdiction("Quảng Ninh")?, "quang-ninh");
    /// assert_eq!(corpus.resolve_jurisdiction("quangninh")?, "quang-ninh");
    /// assert_eq!(corpus.resolve_jurisdiction("tỉnh Thái Bình")?, "thai-binh");
    /// let err = corpus.resolve_jurisdiction("quang-nin").unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::UnknownName { suggestions, .. } if suggestions[0] == "quang-ninh"));
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn resolve_jurisdiction(&self, input: &str) -> Result<String> {
        let trimmed = input.trim();
        if self.jurisdiction(trimmed).is_some() {
            return Ok(trimmed.to_string());
        }
        let key = place_key(trimmed);
        let mut hits: Vec<&str> = Vec::new();
        if !key.is_empty() {
            for j in &self.jurisdictions {
                let mut names = [&j.id, &j.name].into_iter().chain(&j.aliases);
                if names.any(|n| place_key(n) == key) && !hits.contains(&j.id.as_str()) {
                    hits.push(&j.id);
                }
            }
            if hits.is_empty() {
                // Documents may carry a jurisdiction the table lacks.
                for d in &self.documents {
                    let j = d.jurisdiction.as_str();
                    if !hits.contains(&j) && (j == trimmed || place_key(j) == key) {
                        hits.push(j);
                    }
                }
            }
        }
        match hits.as_slice() {
            [one] => Ok(one.to_string()),
            [] => Err(self.no_jurisdiction(trimmed, &key)),
            many => Err(Error::new(ErrorKind::AmbiguousReference {
                input: trimmed.to_string(),
                candidates: many.iter().map(|j| j.to_string()).collect(),
            })),
        }
    }

    /// The unknown-name error of a jurisdiction: the three ids whose id,
    /// name or alias is closest to what was typed.
    fn no_jurisdiction(&self, input: &str, key: &str) -> Error {
        let mut candidates: Vec<(String, Vec<String>)> = self
            .jurisdictions
            .iter()
            .map(|j| {
                let names = [&j.id, &j.name].into_iter().chain(&j.aliases).map(|n| place_key(n)).collect();
                (j.id.clone(), names)
            })
            .collect();
        let mut seen: Vec<&str> = Vec::new();
        for d in &self.documents {
            let j = d.jurisdiction.as_str();
            if self.jurisdiction(j).is_none() && !seen.contains(&j) {
                seen.push(j);
                candidates.push((j.to_string(), vec![place_key(j)]));
            }
        }
        Error::new(ErrorKind::UnknownName {
            what: "jurisdiction",
            input: input.to_string(),
            suggestions: closest(key, candidates, 3),
        })
    }

    /// Checks that an agency named in a query is one the corpus knows: a
    /// name or alias of the agency table (with case, diacritics and a
    /// trailing `tỉnh {name}` ignored, as [`Corpus::resolve_agency`]), or a
    /// name some assignment is written with. What names none is an
    /// [`ErrorKind::UnknownName`] with the closest names.
    ///
    /// ```
    /// # use directive_lineage::Corpus;
    /// let corpus = Corpus::bundled();
    /// assert!(corpus.check_agency("SỞ NỘI VỤ").is_ok());
    /// let err = corpus.check_agency("Sở Nội Vục").unwrap_err();
    /// assert!(err.to_string().contains("did you mean Sở Nội vụ"), "{err}");
    /// ```
    pub fn check_agency(&self, name: &str) -> Result<()> {
        // A province's name may follow the agency's (`Sở Y tế tỉnh Quảng Ninh`).
        let provinces = self.jurisdictions.iter().filter(|j| j.level == Level::Province);
        let mut places = std::iter::once("vn").chain(provinces.map(|j| j.id.as_str()));
        if places.any(|j| self.resolve_agency(name, j).known) {
            return Ok(());
        }
        let key = agency_key(name);
        let written = self.documents.iter().flat_map(|d| &d.clauses).flat_map(|c| &c.assignments);
        let mut names: Vec<(String, Vec<String>)> = Vec::new();
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for a in written {
            let k = agency_key(&a.agency);
            if k == key {
                return Ok(());
            }
            if seen.insert(k.clone()) {
                names.push((a.agency.trim().to_string(), vec![k]));
            }
        }
        let mut candidates: Vec<(String, Vec<String>)> = self
            .agencies
            .iter()
            .map(|a| (a.name.clone(), a.aliases.iter().chain([&a.name]).map(|n| agency_key(n)).collect()))
            .collect();
        candidates.extend(names);
        Err(Error::new(ErrorKind::UnknownName {
            what: "agency",
            input: name.trim().to_string(),
            suggestions: closest(&key, candidates, 3),
        }))
    }

    /// The table entry a key names, reading past trailing qualifiers and
    /// with or without a leading `các` (`Sở, ban, ngành` is `Các sở, ban,
    /// ngành`).
    fn agency_entry(&self, key: &str) -> Option<usize> {
        let mut k = key;
        loop {
            let hit = self.alias_index.get(k).or_else(|| match k.strip_prefix("cac ") {
                Some(r) => self.alias_index.get(r),
                None => self.alias_index.get(&format!("cac {k}")),
            });
            if let Some(&i) = hit {
                return Some(i);
            }
            k = TRAILING.iter().find_map(|t| k.strip_suffix(t))?;
        }
    }

    /// The entry a key names once the name of jurisdiction `j` (an index of
    /// the table) is read off its end; a central body is not one of a place.
    fn agency_entry_of_place(&self, key: &str, j: usize) -> Option<usize> {
        let place = &self.jurisdictions[j];
        let hit = std::iter::once(&place.name).chain(&place.aliases).find_map(|name| {
            let rest = key.strip_suffix(agency_key(name).as_str())?;
            PLACE_HEADS.iter().find_map(|h| rest.strip_suffix(h).and_then(|r| self.agency_entry(r)))
        })?;
        (self.agencies[hit].scope != Level::Central).then_some(hit)
    }

    /// Resolves an agency name as written in a document of `jurisdiction`.
    ///
    /// Matching ignores case, diacritics, tone-mark placement and how `&`,
    /// `-` and `và` are written; it reads past a trailing `tỉnh` / `tỉnh
    /// {name}` and qualifiers such as `có liên quan`. A local body named
    /// with another province (`UBND thành phố Hà Nội` in a Government
    /// resolution) is that province's.
    pub fn resolve_agency(&self, name: &str, jurisdiction: &str) -> Agency {
        let key = agency_key(name);
        // The whole name first: `Mặt trận Tổ quốc Việt Nam` is not the
        // `Mặt trận Tổ quốc` of a place called `Việt Nam`.
        let found = self.alias_index.get(&key).map(|&i| (i, jurisdiction)).or_else(|| {
            let own = self.jurisdictions.iter().position(|j| j.id == jurisdiction);
            let local = own.filter(|&j| self.jurisdictions[j].level != Level::Central);
            local
                .and_then(|j| self.agency_entry_of_place(&key, j))
                .or_else(|| self.agency_entry(&key))
                .map(|i| (i, jurisdiction))
                .or_else(|| {
                    let mut places =
                        self.place_keys.iter().filter(|(k, i)| Some(*i) != own && key.ends_with(k.as_str()));
                    places.find_map(|&(_, j)| {
                        Some((self.agency_entry_of_place(&key, j)?, self.jurisdictions[j].id.as_str()))
                    })
                })
        });
        match found {
            Some((i, place)) => {
                let a = &self.agencies[i];
                let j = if a.scope == Level::Central { "vn" } else { place };
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
    /// # let corpus = Corpus::bundled();
    /// let r = corpus.resolve("25-CT/TW#4").unwrap();
    /// assert_eq!(r.to_string(), "vn/2023/ct-tw/25#4");
    /// let err = corpus.resolve("25-CT/TW#9").unwrap_err();
    /// assert!(err.to_string().contains("did you mean"));
    /// // What names no document is answered with the documents that have
    /// // the number or the symbol typed.
    /// let err = corpus.resolve("162").unwrap_err();
    /// assert!(err.to_string().contains("did you mean quang-ninh/2024/kh-ubnd/162"));
    /// // The Party's central organ as printed: `TƯ` is `TW`.
    /// assert_eq!(corpus.resolve("25-CT/TƯ")?.to_string(), "vn/2023/ct-tw/25");
    /// # Ok::<(), directive_lineage::Error>(())
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

    /// The unknown-reference error for a document reference `head`: the
    /// documents with the number or symbol typed are suggested first
    /// (`162` suggests `…/kh-ubnd/162`, `KH-SYT` the plans of a Sở Y tế).
    fn no_document(&self, head: &str, input: &str) -> Error {
        let typed = Typed::read(head);
        let candidates = self.documents.iter().map(|d| (typed.tier(&d.id), d.id.to_string()));
        ranked_unknown_reference(input, head, candidates)
    }

    fn resolve_doc(&self, head: &str, input: &str) -> Result<&Document> {
        if let Ok(id) = head.parse::<DocId>() {
            return self.document(&id).ok_or_else(|| self.no_document(head, input));
        }
        let (num, juris) = match head.rsplit_once('@') {
            Some((n, j)) => (n.trim(), Some(slug(j))),
            None => (head, None),
        };
        // Drop a leading kind name (`Kế hoạch`, `Chỉ thị số`).
        let start = num.find(|c: char| c.is_ascii_digit() || c == '/').unwrap_or(0);
        let number: DocNumber = num[start..].parse().map_err(|_| self.no_document(head, input))?;
        let matches: Vec<&Document> = self
            .documents
            .iter()
            .filter(|d| d.number.as_ref() == Some(&number))
            .filter(|d| juris.as_deref().is_none_or(|j| d.jurisdiction == j))
            .collect();
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(self.no_document(head, input)),
            many => Err(Error::new(ErrorKind::AmbiguousReference {
                input: input.to_string(),
                candidates: many.iter().map(|d| d.id.to_string()).collect(),
            })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jurisdictions_by_name_alias_and_spelling() {
        use crate::model::{Jurisdiction, Level};
        let place = |id: &str, name: &str, aliases: &[&str]| Jurisdiction {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            level: Level::Province,
            parent: Some("vn".into()),
            successor: None,
            successor_since: None,
            successor_basis: None,
        };
        let mut corpus = Corpus::bundled();
        corpus.jurisdictions.push(place("ho-chi-minh", "Hồ Chí Minh", &["TP. Hồ Chí Minh", "TPHCM"]));
        corpus.jurisdictions.push(place("ha-noi", "Thành phố Hà Nội", &[]));
        for (written, id) in [
            ("TP. Hồ Chí Minh", "ho-chi-minh"),
            ("tphcm", "ho-chi-minh"),
            ("Thành phố Hồ Chí Minh", "ho-chi-minh"),
            ("hochiminh", "ho-chi-minh"),
            ("Hà Nội", "ha-noi"),
            ("HA-NOI", "ha-noi"),
            ("  Quảng   Ninh ", "quang-ninh"),
            ("Hưng Yên", "hung-yen"),
        ] {
            assert_eq!(corpus.resolve_jurisdiction(written).ok().as_deref(), Some(id), "{written}");
        }
        let err = corpus.resolve_jurisdiction("Ho Chi Mnh").unwrap_err();
        assert!(err.to_string().contains("did you mean ho-chi-minh"), "{err}");
        assert!(corpus.resolve_jurisdiction("").is_err());
        assert!(corpus.resolve_jurisdiction("tỉnh").is_err());
    }

    #[test]
    fn typed_parts() {
        let read = |s: &str| {
            let t = Typed::read(s);
            (t.number, t.symbol, t.jurisdiction)
        };
        let some = |s: &str| Some(s.to_string());
        assert_eq!(read("162"), (some("162"), None, None));
        assert_eq!(read("KH-SYT"), (None, some("kh-syt"), None));
        assert_eq!(read("Kế hoạch KH-SYT"), (None, some("kh-syt"), None));
        assert_eq!(read("CT/TƯ"), (None, some("ct-tw"), None));
        assert_eq!(read("99-CT/TW"), (some("99"), some("ct-tw"), None));
        assert_eq!(read("Kế hoạch 047/KH-UBND@Thái Bình"), (some("47"), some("kh-ubnd"), some("thai-binh")));
        assert_eq!(read("vn/2024/ct-tw/25"), (some("25"), some("ct-tw"), None));
        assert_eq!(read("???"), (None, None, None));
    }
}
