//! Alignment proposals as a text table and as JSON.

use std::fmt::Write as _;

use crate::model::identity::ClauseId;

use crate::align::Proposal;

/// Proposals as a text table: local clause, parent clause, score, evidence.
/// Clauses are shown by path when all proposals share one document on that
/// side (named in a header line), else in full.
///
/// ```
/// use directive_lineage::{proposals_table, Proposal};
/// let p = Proposal::new("thai-binh/2024/kh-syt/56#4".parse().unwrap(), "vn/2023/ct-tw/25#4".parse().unwrap(), 0.931)
///     .with_evidence(vec!["nguồn nhân lực y tế cơ sở".into()]);
/// let t = proposals_table(&[p]);
/// assert!(t.contains("4      4       0.931  nguồn nhân lực y tế cơ sở"));
/// assert_eq!(proposals_table(&[]), "no proposals\n");
/// ```
pub fn proposals_table(proposals: &[Proposal]) -> String {
    if proposals.is_empty() {
        return "no proposals\n".to_string();
    }
    let one_doc = |f: fn(&Proposal) -> &ClauseId| {
        let first = f(&proposals[0]).doc();
        proposals.iter().all(|p| f(p).doc() == first).then(|| first.clone())
    };
    let (ld, pd) = (one_doc(|p| &p.local), one_doc(|p| &p.parent));
    let show = |r: &ClauseId, short: bool| match (short, r.path()) {
        (true, Some(path)) => path.to_string(),
        _ => r.to_string(),
    };
    let rows: Vec<[String; 4]> = proposals
        .iter()
        .map(|p| {
            [
                show(&p.local, ld.is_some()),
                show(&p.parent, pd.is_some()),
                format!("{:.3}", p.score),
                p.evidence.join(" | "),
            ]
        })
        .collect();
    let headers = ["local", "parent", "score", "evidence"];
    let width =
        |k: usize| rows.iter().map(|r| r[k].chars().count()).chain([headers[k].len()]).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    let mut out = String::new();
    if let (Some(l), Some(p)) = (&ld, &pd) {
        let _ = writeln!(out, "local: {l}  parent: {p}");
    }
    let mut line = |c: [&str; 4]| {
        let text = format!("{:<w0$}  {:<w1$}  {:<w2$}  {}", c[0], c[1], c[2], c[3]);
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(headers);
    for r in &rows {
        line([&r[0], &r[1], &r[2], &r[3]]);
    }
    out
}

/// Proposals as pretty-printed JSON (an array of [`Proposal`]), ending in a
/// newline.
///
/// ```
/// use directive_lineage::{proposals_json, Proposal};
/// let p = Proposal::new("thai-binh/2024/kh-syt/56#4".parse().unwrap(), "vn/2023/ct-tw/25#4".parse().unwrap(), 0.931);
/// let v: serde_json::Value = serde_json::from_str(&proposals_json(&[p])).unwrap();
/// assert_eq!(v[0]["parent"], "vn/2023/ct-tw/25#4");
/// assert_eq!(v[0]["score"], 0.931);
/// ```
pub fn proposals_json(proposals: &[Proposal]) -> String {
    let mut s = serde_json::to_string_pretty(proposals).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}

// ---------------------------------------------------------------------------
// Evaluation.
