//! The id index of a graph: every node id in one string buffer, found by
//! hash.
//!
//! An `IndexMap<String, NodeIndex>` held each of a million clause ids in its
//! own allocation, and a lookup followed three pointers (table, entry, key),
//! a large share of a load. Here ids are appended to one buffer
//! and the table holds only positions, so a build allocates nothing per id
//! and the table of a national corpus (a few MB) mostly stays in cache.
//! hashbrown's `HashTable` is the standard library's own table, with the
//! hash in the caller's hands, which is what keys stored outside it need.

use std::hash::BuildHasher;

use hashbrown::hash_table::{Entry, HashTable};

use crate::hash::FxBuild;

/// Node ids by position: the id of node `n` is `key(n)`.
///
/// A document's parts (`{doc}#{path}`, a million clauses in a national
/// corpus) are not in the hash table: they are found through their document,
/// by binary search among its paths. Inserting a million ids into a table
/// of that size cost a random memory access each, the largest part of a
/// build; a document's paths sit together and are searched in cache.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    text: String,
    /// End of each id in `text`; the start is the previous end.
    ends: Vec<usize>,
    table: HashTable<u32>,
    /// Positions of each document's parts sorted by path, by document
    /// position: `sorted[r.0..r.1]`.
    parts: hashbrown::HashMap<u32, (u32, u32), FxBuild>,
    sorted: Vec<u32>,
}

impl IdIndex {
    /// Room for `ids` ids of `bytes` bytes in all, of which `keyed` are
    /// documents, agencies and jurisdictions (the rest are parts) and
    /// `documents` are documents: growing the tables rehashed every entry.
    pub(crate) fn with_capacity(ids: usize, keyed: usize, documents: usize, bytes: usize) -> IdIndex {
        IdIndex {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(ids),
            table: HashTable::with_capacity(keyed),
            parts: hashbrown::HashMap::with_capacity_and_hasher(documents, FxBuild::default()),
            sorted: Vec::with_capacity(ids),
        }
    }

    fn hash(s: &str) -> u64 {
        FxBuild::default().hash_one(s)
    }

    /// The id at `pos`.
    pub(crate) fn key(&self, pos: usize) -> &str {
        let end = self.ends[pos];
        let start = if pos == 0 { 0 } else { self.ends[pos - 1] };
        &self.text[start..end]
    }

    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The position of `id`.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        let h = Self::hash(id);
        if let Some(&p) = self.table.find(h, |&p| self.key(p as usize) == id) {
            return Some(p as usize);
        }
        let (doc, path) = id.split_once('#')?;
        self.part(self.get(doc)?, doc.len(), path)
    }

    /// The position of the part `path` of the document at `doc`, whose id is
    /// `doc_len` bytes long.
    pub(crate) fn part(&self, doc: usize, doc_len: usize, path: &str) -> Option<usize> {
        let &(a, b) = self.parts.get(&u32::try_from(doc).ok()?)?;
        let sorted = &self.sorted[a as usize..b as usize];
        let path_of = |p: u32| self.key(p as usize).get(doc_len + 1..).unwrap_or("");
        sorted.binary_search_by(|&p| path_of(p).cmp(path)).ok().map(|i| sorted[i] as usize)
    }

    /// Adds the parts of the document at position `doc` (id `doc_id`), one
    /// id `{doc_id}#{path}` for each of `paths`, at consecutive positions
    /// from the returned one. The paths must be distinct.
    pub(crate) fn add_parts(&mut self, doc: usize, doc_id: &str, paths: &[&str]) -> usize {
        let first = self.ends.len();
        for path in paths {
            self.text.push_str(doc_id);
            self.text.push('#');
            self.text.push_str(path);
            self.ends.push(self.text.len());
        }
        let a = self.sorted.len();
        self.sorted.extend((0..paths.len()).map(|i| pos(first + i)));
        self.sorted[a..].sort_unstable_by_key(|&p| paths[p as usize - first]);
        self.parts.insert(pos(doc), (pos(a), pos(self.sorted.len())));
        first
    }

    /// Adds `id` (a document, agency or jurisdiction; parts go through
    /// [`IdIndex::add_parts`]) and returns its position, or, when it is there
    /// already, `Err` with the position of the first.
    pub(crate) fn insert(&mut self, id: &str) -> Result<usize, usize> {
        let IdIndex { text, ends, table, .. } = self;
        let key = |p: usize| {
            let end = ends[p];
            &text[if p == 0 { 0 } else { ends[p - 1] }..end]
        };
        match table.entry(Self::hash(id), |&p| key(p as usize) == id, |&p| Self::hash(key(p as usize))) {
            Entry::Occupied(e) => Err(*e.get() as usize),
            Entry::Vacant(e) => {
                let at = ends.len();
                e.insert(pos(at));
                text.push_str(id);
                ends.push(text.len());
                Ok(at)
            }
        }
    }

    /// Every id with its position, in insertion order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        (0..self.len()).map(move |p| (self.key(p), p))
    }
}

fn pos(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 nodes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_by_text_and_position() {
        let mut ix = IdIndex::default();
        assert_eq!(ix.insert("vn/2023/ct-tw/25"), Ok(0));
        assert_eq!(ix.insert("vn/2023/ct-tw/25#1"), Ok(1));
        assert_eq!(ix.insert("vn/2023/ct-tw/25"), Err(0));
        assert_eq!(ix.insert(""), Ok(2));
        assert_eq!(ix.len(), 3);
        assert_eq!(ix.get("vn/2023/ct-tw/25#1"), Some(1));
        assert_eq!(ix.get("vn/2023/ct-tw/25#"), None);
        assert_eq!(ix.key(1), "vn/2023/ct-tw/25#1");
        assert_eq!(ix.key(2), "");
        assert_eq!(
            ix.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["vn/2023/ct-tw/25", "vn/2023/ct-tw/25#1", ""]
        );
        // Enough ids to make the table grow and rehash from the buffer.
        for i in 0..10_000 {
            assert_eq!(ix.insert(&format!("q/{i}")), Ok(3 + i));
        }
        assert!((0..10_000).all(|i| ix.get(&format!("q/{i}")) == Some(3 + i)));
    }

    #[test]
    fn parts_are_found_through_their_document() {
        let mut ix = IdIndex::default();
        let doc = ix.insert("vn/2023/ct-tw/25").unwrap();
        let other = ix.insert("vn/2023/ct-tw/2").unwrap();
        let first = ix.add_parts(doc, "vn/2023/ct-tw/25", &["4", "2", "II.1.-2", "10"]);
        assert_eq!(first, 2);
        ix.add_parts(other, "vn/2023/ct-tw/2", &["4"]);
        assert_eq!(ix.get("vn/2023/ct-tw/25#4"), Some(2));
        assert_eq!(ix.get("vn/2023/ct-tw/25#2"), Some(3));
        assert_eq!(ix.get("vn/2023/ct-tw/25#II.1.-2"), Some(4));
        assert_eq!(ix.get("vn/2023/ct-tw/25#10"), Some(5));
        assert_eq!(ix.get("vn/2023/ct-tw/2#4"), Some(6));
        assert_eq!(ix.key(4), "vn/2023/ct-tw/25#II.1.-2");
        for missing in
            ["vn/2023/ct-tw/25#3", "vn/2023/ct-tw/25#", "vn/2023/ct-tw/9#4", "#4", "vn/2023/ct-tw/2#2"]
        {
            assert_eq!(ix.get(missing), None, "{missing}");
        }
        assert_eq!(ix.part(doc, "vn/2023/ct-tw/25".len(), "10"), Some(5));
        assert_eq!(ix.iter().count(), 7);
    }
}
