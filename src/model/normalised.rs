//! What reading corpus JSON changes in what it reads: text not in NFC is
//! stored as NFC, a document number not in its official form is stored in
//! it. The model's deserialisers note each change here, on the parsing
//! thread, with the positions of the document and clause being read; the
//! loader takes the notes after each parse and warns once per file.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::{Deserialize, Deserializer};

use crate::model::document::Document;
use crate::text::{is_nfc, nfc};

/// The changes made while reading one list of documents: how many, and the
/// first of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    /// How many values were changed.
    pub count: usize,
    /// The first change.
    pub first: Option<Change>,
}

impl Changes {
    /// Adds the changes of the next part of the same list, whose documents
    /// follow the `before` documents already read.
    pub fn append(&mut self, mut next: Changes, before: usize) {
        if let Some(c) = &mut next.first {
            c.doc += before;
        }
        self.count += next.count;
        if self.first.is_none() {
            self.first = next.first;
        }
    }
}

/// One change, with where it was made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Change {
    /// Position of the document in the list being read.
    pub doc: usize,
    /// Position of the clause in the document, when the value is in one.
    pub clause: Option<usize>,
    /// What was changed, as a user reads it.
    pub what: String,
}

thread_local! {
    static DOC: Cell<usize> = const { Cell::new(0) };
    static CLAUSE: Cell<Option<usize>> = const { Cell::new(None) };
    static CHANGES: RefCell<Changes> = RefCell::default();
}

/// Marks the start of the `i`th document of the list being read.
fn at_document(i: usize) {
    DOC.set(i);
    CLAUSE.set(None);
}

/// Marks the start of the `k`th clause of the document (`None`: out of
/// its clauses again).
pub(crate) fn at_clause(k: Option<usize>) {
    CLAUSE.set(k);
}

/// Notes a change at the current position; `what` is only formatted for
/// the first.
pub(crate) fn note(what: impl FnOnce() -> String) {
    CHANGES.with_borrow_mut(|c| {
        c.count += 1;
        if c.first.is_none() {
            c.first = Some(Change { doc: DOC.get(), clause: CLAUSE.get(), what: what() });
        }
    });
}

/// The changes noted on this thread since the last call, which starts the
/// next list afresh.
pub(crate) fn take() -> Changes {
    at_document(0);
    CHANGES.take()
}

/// Text as stored: NFC, noted when it was not.
pub(crate) fn stored_text(s: &str) -> String {
    if is_nfc(s) {
        return s.to_string();
    }
    let n = nfc(s);
    note(|| format!("text {:?} was not in Unicode NFC; read as NFC", shorten(&n)));
    n
}

/// The first 60 characters of `s`, with `…` when there are more.
fn shorten(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// A text field of a document: NFC, noted when it was not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text(stored_text(s)))
            }

            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text(if is_nfc(&s) { s } else { stored_text(&s) }))
            }
        }
        d.deserialize_string(V)
    }
}

/// `deserialize_with` for a text field.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Text::deserialize(d).map(|t| t.0)
}

/// `deserialize_with` for an optional text field.
pub(crate) fn text_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Text>::deserialize(d).map(|t| t.map(|t| t.0))
}

/// A list of documents read with the positions [`note`] records.
pub(crate) struct Documents(pub Vec<Document>);

impl<'de> Deserialize<'de> for Documents {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Documents, D::Error> {
        documents(d).map(Documents)
    }
}

/// `deserialize_with` for a list of documents: as [`Documents`].
pub(crate) fn documents<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Document>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Vec<Document>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of documents")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Document>, A::Error> {
            let mut docs = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            loop {
                at_document(docs.len());
                match seq.next_element()? {
                    Some(d) => docs.push(d),
                    None => return Ok(docs),
                }
            }
        }
    }
    d.deserialize_seq(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_noted_with_their_place() {
        let _ = take();
        let json = r#"[{"id": "vn/2024/kh-ubnd/1", "kind": "ke-hoach", "issuer": "UBND", "jurisdiction": "vn",
            "level": "central", "branch": "government", "status": "full-text", "title": "T"},
          {"id": "vn/2024/kh-ubnd/2", "kind": "ke-hoach", "issuer": "UBND", "jurisdiction": "vn",
            "level": "central", "branch": "government", "status": "full-text", "title": "Qu\u0079\u0301",
            "clauses": [{"path": "1", "kind": "item", "provenance": "stated", "text": "a"},
                        {"path": "2", "kind": "item", "provenance": "stated", "text": "e\u0302"}]}]"#;
        let Documents(docs) = serde_json::from_str(json).unwrap();
        assert_eq!((docs[1].title.as_str(), docs[1].clauses[1].text.as_str()), ("Quý", "ê"));
        let c = take();
        assert_eq!(c.count, 2);
        let first = c.first.unwrap();
        assert_eq!((first.doc, first.clause), (1, None));
        assert!(first.what.contains("\"Quý\" was not in Unicode NFC"), "{}", first.what);
        assert_eq!(take(), Changes::default(), "taken once");
    }
}
