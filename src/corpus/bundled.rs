//! The curated data embedded at compile time: the corpus files of
//! `data/corpus/` and the agency and jurisdiction tables. A dependent crate
//! has no `data/` directory of its own, and `CARGO_MANIFEST_DIR` names the
//! dependent's, so the data travels inside the library.

use std::path::Path;
use std::sync::LazyLock;

use super::load::{agencies_from_str, jurisdictions_from_str};
use super::Corpus;

/// One embedded file: its path in the crate and its text.
macro_rules! embed {
    ($path:literal) => {
        (concat!("data/", $path), include_str!(concat!("../../data/", $path)))
    };
}

/// The corpus files, in the order [`Corpus::load`] reads them (by name);
/// `tests/library.rs` checks that this is every file of `data/corpus/`.
pub(crate) const CORPUS_FILES: &[(&str, &str)] = &[
    embed!("corpus/bac-giang-2024-kh-syt-10.json"),
    embed!("corpus/cited.json"),
    embed!("corpus/dak-lak-2024-kh-syt-draft.json"),
    embed!("corpus/quang-ngai-2023-kh-ubnd-193.json"),
    embed!("corpus/quang-ninh-2024-kh-ubnd-162.json"),
    embed!("corpus/thai-binh-2024-kh-syt-56.json"),
    embed!("corpus/vn-2023-ct-tw-25.json"),
];

pub(super) const AGENCIES: (&str, &str) = embed!("agencies.json");

pub(super) const JURISDICTIONS: (&str, &str) = embed!("jurisdictions.json");

/// The tables, read once: [`Corpus::new`] clones them.
static TABLES: LazyLock<Corpus> = LazyLock::new(|| {
    let mut c = Corpus::empty();
    // The files are the crate's own and tests read them: they parse.
    let (sources, agencies) =
        agencies_from_str(Path::new(AGENCIES.0), AGENCIES.1).expect("data/agencies.json parses");
    c.set_agency_sources(sources);
    c.set_agencies(agencies);
    c.set_jurisdictions(
        jurisdictions_from_str(Path::new(JURISDICTIONS.0), JURISDICTIONS.1)
            .expect("data/jurisdictions.json parses"),
    );
    c
});

impl Corpus {
    /// A corpus with no documents and the shipped agency and jurisdiction
    /// tables (`data/agencies.json`, `data/jurisdictions.json`), so that
    /// the agencies of documents added to it resolve: `Sở Y tế` in a plan
    /// of Quảng Ninh is `quang-ninh/so-y-te`, not an unknown agency.
    /// [`Corpus::empty`] has no tables.
    ///
    /// ```
    /// use directive_lineage::Corpus;
    /// let corpus = Corpus::new();
    /// assert!(corpus.documents().is_empty());
    /// let agency = corpus.resolve_agency("Sở Y tế", "quang-ninh");
    /// assert!(agency.known);
    /// assert_eq!(agency.id, "quang-ninh/so-y-te");
    /// assert_eq!(corpus.jurisdiction("thai-binh").unwrap().successor.as_deref(), Some("hung-yen"));
    /// ```
    pub fn new() -> Corpus {
        TABLES.clone()
    }

    /// The curated data shipped with the crate, embedded at compile time:
    /// the documents of `data/corpus/` (Chỉ thị 25-CT/TW, the plans that
    /// carry it out and the documents they cite) with the agency and
    /// jurisdiction tables. The same as [`Corpus::load`] of the crate's
    /// `data/` directory, without reading a file; each document's
    /// [`origin`](Corpus::origin) is its file's path in the crate
    /// (`data/corpus/…`).
    ///
    /// ```
    /// use directive_lineage::{Corpus, LineageGraph, QueryOptions};
    /// let graph = LineageGraph::build(Corpus::bundled());
    /// let trace = graph.trace_down("25-CT/TW#4", &QueryOptions::new())?;
    /// assert!(trace.contains("quang-ninh/2024/kh-ubnd/162#PL.12"));
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn bundled() -> Corpus {
        let mut c = Corpus::new();
        for (path, json) in CORPUS_FILES {
            let path = Path::new(path);
            c.add_json(path, json, Some(path)).expect("the bundled corpus files parse");
        }
        c
    }
}
