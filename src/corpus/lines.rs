//! The lines where a corpus file's documents and clauses begin, found when
//! a problem or a warning needs them. A load records no positions (that
//! would cost a pass over every byte of a national corpus), so the few
//! files that need one are read again and scanned here.

use std::path::Path;

use super::Corpus;
use crate::model::Document;

/// Where the documents of a corpus file begin, in file order.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct FileLines {
    pub docs: Vec<DocLines>,
}

/// Where one document begins (its `{`), its id as written, and where each
/// of its clauses begins.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct DocLines {
    pub line: usize,
    pub id: Option<String>,
    pub clauses: Vec<usize>,
}

/// What an open object or array is to the scan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Root,
    Documents,
    Document,
    Clauses,
    Clause,
    Other,
}

/// The line of the `k`th clause (or, for `None`, the beginning) of the
/// `doc`th document of a file, when the file still holds that document
/// (same id, as many clauses).
pub(crate) fn line_in(lines: &FileLines, doc: usize, clause: Option<usize>, d: &Document) -> Option<usize> {
    let found = lines
        .docs
        .get(doc)
        .filter(|l| l.id.as_deref() == Some(d.id.as_str()) && l.clauses.len() == d.clauses.len())?;
    match clause {
        Some(k) => found.clauses.get(k).copied(),
        None => Some(found.line),
    }
}

impl Corpus {
    /// The line where each `(document, clause)` (by position) begins in
    /// the file it was loaded from, where that file can be read again and
    /// still holds it. Each file is read once, in corpus order.
    pub(crate) fn lines_of(&self, wanted: &[(usize, Option<usize>)]) -> Vec<Option<usize>> {
        let mut order: Vec<usize> = (0..wanted.len()).collect();
        order.sort_by_key(|&k| wanted[k].0);
        let mut out = vec![None; wanted.len()];
        // The documents of the file being read (a run of one origin) and its lines.
        let mut run: Option<(std::ops::Range<usize>, Option<FileLines>)> = None;
        for k in order {
            let (d, c) = wanted[k];
            let Some(path) = self.origin(d) else { continue };
            if !run.as_ref().is_some_and(|(r, _)| r.contains(&d)) {
                let same = |j: usize| self.origin(j) == Some(path);
                let (mut start, mut end) = (d, d + 1);
                while start > 0 && same(start - 1) {
                    start -= 1;
                }
                while end < self.documents().len() && same(end) {
                    end += 1;
                }
                let lines = self.lines_of_file(path).filter(|l| l.docs.len() == end - start);
                run = Some((start..end, lines));
            }
            if let Some((r, Some(lines))) = &run {
                out[k] = line_in(lines, d - r.start, c, &self.documents()[d]);
            }
        }
        out
    }
}

/// Nesting deeper than this is not a corpus file (the loader refuses it).
const MAX_DEPTH: usize = 256;

/// A file's size and time of last change.
pub(crate) type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp_of(meta: &std::fs::Metadata) -> Stamp {
    (meta.len(), meta.modified().ok())
}

impl Corpus {
    /// Notes the size and time of change of a corpus file being read.
    pub(crate) fn stamp(&mut self, path: &Path, file: &std::fs::File) {
        if let Ok(meta) = file.metadata() {
            self.stamps.insert(path.to_path_buf(), stamp_of(&meta));
        }
    }

    /// The lines of a corpus file read again; `None` when it cannot be read,
    /// is not corpus JSON or changed since it was loaded.
    pub(crate) fn lines_of_file(&self, path: &Path) -> Option<FileLines> {
        use std::io::Read as _;
        let mut file = super::load::open_regular(path).ok()?;
        let now = stamp_of(&file.metadata().ok()?);
        if self.stamps.get(path) != Some(&now) {
            return None;
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        scan(&bytes)
    }
}

/// The lines of the documents and clauses of corpus JSON: one pass that
/// follows strings and nesting, nothing else. `None` for text that is not
/// a corpus file's shape.
pub(crate) fn scan(json: &[u8]) -> Option<FileLines> {
    let mut out = FileLines::default();
    let mut stack: Vec<(bool, Role)> = Vec::new(); // (is an array, role)
    let (mut line, mut i) = (1, 0);
    let mut want_key = false;
    // The role of the value after the key just read, and whether it is the id.
    let (mut next, mut id_next) = (Role::Other, false);
    while i < json.len() {
        match json[i] {
            b'\n' => line += 1,
            b'"' => {
                let end = string_end(json, i + 1)?;
                let s = &json[i + 1..end];
                let parent = stack.last().map(|f| f.1);
                if want_key {
                    want_key = false;
                    (next, id_next) = match (parent, s) {
                        (Some(Role::Root), b"documents") => (Role::Documents, false),
                        (Some(Role::Document), b"clauses") => (Role::Clauses, false),
                        (Some(Role::Document), b"id") => (Role::Other, true),
                        _ => (Role::Other, false),
                    };
                } else if std::mem::take(&mut id_next) {
                    if let Some(d) = out.docs.last_mut() {
                        d.id = std::str::from_utf8(s).ok().map(str::to_string);
                    }
                }
                i = end;
            }
            open @ (b'{' | b'[') => {
                let role = match (stack.last(), open) {
                    (None, b'{') => Role::Root,
                    (Some((true, Role::Documents)), b'{') => Role::Document,
                    (Some((true, Role::Clauses)), b'{') => Role::Clause,
                    (Some((false, _)), b'[') if matches!(next, Role::Documents | Role::Clauses) => next,
                    _ => Role::Other,
                };
                match role {
                    Role::Document => out.docs.push(DocLines { line, ..DocLines::default() }),
                    Role::Clause => out.docs.last_mut()?.clauses.push(line),
                    _ => {}
                }
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push((open == b'[', role));
                want_key = open == b'{';
                (next, id_next) = (Role::Other, false);
            }
            b'}' | b']' => {
                stack.pop()?;
                want_key = false;
            }
            b',' => {
                want_key = matches!(stack.last(), Some((false, _)));
                (next, id_next) = (Role::Other, false);
            }
            _ => {}
        }
        i += 1;
    }
    stack.is_empty().then_some(out)
}

/// The position of the `"` that closes the string starting at `from`.
fn string_end(json: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + json[from..].iter().position(|&b| b == b'"' || b == b'\\')?;
        if json[at] == b'"' {
            return Some(at);
        }
        from = at + 2; // past the escaped character
        if from > json.len() {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_clauses_are_placed() {
        let json = "\u{feff}{\n  \"format\": \"x\",\n  \"documents\": [\n    {\n      \"title\": \"a \\\" { [\",\n      \"id\": \"vn/2024/kh/1\",\n      \"citations\": [{\"clause\": \"1\"}],\n      \"clauses\": [\n        {\"path\": \"1\", \"implements\": [{\"target\": \"x\"}]},\n\n        {\"path\": \"2\"}\n      ]\n    },\n    {\"id\": \"vn/2024/kh/2\", \"signer\": {\"clauses\": [{}]}}\n  ]\n}\n";
        let lines = scan(json.as_bytes()).unwrap();
        assert_eq!(
            lines.docs,
            [
                DocLines { line: 4, id: Some("vn/2024/kh/1".into()), clauses: vec![9, 11] },
                DocLines { line: 14, id: Some("vn/2024/kh/2".into()), clauses: vec![] },
            ]
        );
        // Unterminated, unbalanced and too deep: not a corpus file.
        assert_eq!(scan(b"{\"documents\": [{\"id\": \"x"), None);
        assert_eq!(scan(b"{}]"), None);
        assert_eq!(scan(b"{\"documents\": ["), None);
        assert_eq!(scan("[".repeat(MAX_DEPTH + 1).as_bytes()), None);
    }
}
