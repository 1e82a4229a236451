//! Keeps the layout ARCHITECTURE.md describes: each layer of `src/` imports
//! only from the layers below it, and ARCHITECTURE.md names every folder.
//!
//! The check reads `crate::…` paths in the library's non-test code (test
//! modules may reach any layer, and comments are skipped).

use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. Modules on one line are peers and must not
/// import each other.
const LAYERS: &[&[&str]] = &[
    &["error", "hash", "text"],
    &["model"],
    &["corpus"],
    &["extract", "generate"],
    &["graph"],
    &["query"],
    &["align"],
    &["export"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file belongs to (`src/query/trace.rs` → `query`).
fn module_of(file: &Path) -> String {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// The non-test code of a file: test modules close the file (clippy's
/// `items_after_test_module` keeps them last).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| !l.starts_with("#[cfg(test)]"))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .map(|(i, l)| (i + 1, l))
}

/// The first segment of each `crate::` path on a line (`crate::{` gives
/// `{`, which the check rejects: a grouped import hides its layers).
fn crate_paths(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `directive_lineage_crate::`, not ours
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
        out.push(if end == 0 { &rest[..1] } else { &rest[..end] });
    }
    out
}

#[test]
fn layers_import_only_from_below() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let module = module_of(file);
        if module == "lib" || module == "bin" {
            continue; // the root re-exports; the binary sees the public API only
        }
        let own = layer_of(&module)
            .unwrap_or_else(|| panic!("{}: module `{module}` is in no layer of LAYERS", file.display()));
        let text = fs::read_to_string(file).unwrap();
        let top = file.file_name().is_some_and(|n| n == "mod.rs") || file.parent() == Some(src().as_path());
        for (n, line) in code_lines(&text) {
            let at = format!("{}:{n}", file.strip_prefix(src()).unwrap().display());
            if top && line.contains("super::") {
                wrong.push(format!("{at}: `super::` here is the crate root; name the layer"));
            }
            for target in crate_paths(line) {
                if target == module {
                    continue;
                }
                match layer_of(target) {
                    Some(l) if l < own => {}
                    Some(l) if l == own => {
                        wrong.push(format!("{at}: `{module}` imports its peer `{target}`"))
                    }
                    Some(_) => wrong.push(format!("{at}: `{module}` imports `{target}`, a layer above it")),
                    None => wrong
                        .push(format!("{at}: `crate::{target}` does not name a layer; import through one")),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layering:\n{}", wrong.join("\n"));
}

#[test]
fn architecture_md_names_every_layer_and_folder() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    for module in LAYERS.iter().flat_map(|l| l.iter()) {
        let folder = src().join(module);
        let name = if folder.is_dir() { format!("src/{module}/") } else { format!("src/{module}.rs") };
        if !doc.contains(&name) {
            missing.push(name);
        }
    }
    for entry in fs::read_dir(src()).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let listed = if p.is_dir() { format!("src/{name}/") } else { format!("src/{name}") };
        if !doc.contains(&listed) {
            missing.push(listed);
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "ARCHITECTURE.md does not name: {missing:?}");
}

#[test]
fn the_checker_sees_what_it_must() {
    assert_eq!(crate_paths("use crate::model::{Date, Deadline};"), ["model"]);
    assert_eq!(crate_paths("let x = crate::text::fold(a) + crate::hash::h();"), ["text", "hash"]);
    assert_eq!(crate_paths("use crate::{fold, nfc};"), ["{"]);
    assert!(crate_paths("use directive_lineage_crate::x;").is_empty());
    let code: Vec<usize> = code_lines("a\n// b\nc\n#[cfg(test)]\nd").map(|(n, _)| n).collect();
    assert_eq!(code, [1, 3]);
    assert!(layer_of("graph") > layer_of("corpus"));
}

/// The longest a function may be, in lines from its signature to its
/// closing brace.
const MAX_FUNCTION_LINES: usize = 80;

/// `(file, name, lines)` of every function of the library's and the
/// binary's non-test code, read from rustfmt's layout: a function ends at
/// the first line holding only `}` at its own indentation.
fn functions() -> Vec<(String, String, usize)> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut out = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(src()).unwrap().to_string_lossy().replace('\\', "/");
        let text = fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = code_lines(&text).map(|(_, l)| l).collect();
        for (i, line) in lines.iter().enumerate() {
            let body = line.trim_start();
            let indent = &line[..line.len() - body.len()];
            let sig = body
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub(super) ");
            let sig = sig.trim_start_matches("const ").trim_start_matches("unsafe ");
            let Some(rest) = sig.strip_prefix("fn ") else { continue };
            if line.trim_end().ends_with(';') {
                continue; // a declaration in a trait
            }
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let close = format!("{indent}}}");
            let len = lines[i..].iter().position(|l| *l == close).map_or(1, |k| k + 1);
            out.push((rel.clone(), name, len));
        }
    }
    out
}

#[test]
fn functions_are_short_outside_the_dispatcher() {
    let long: Vec<String> = functions()
        .into_iter()
        .filter(|(file, name, len)| {
            *len > MAX_FUNCTION_LINES && !(file == "bin/lineage/main.rs" && name == "run")
        })
        .map(|(file, name, len)| format!("{file} {name}: {len} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (split them into named steps):\n{}",
        long.join("\n")
    );
}
