//! Documents built in code: what the number says (kind, level, branch, the
//! jurisdiction of a central issuer, the canonical id) is derived, the rest
//! is given, and clauses with their tasks are added one after another.

use crate::error::{Error, ErrorKind, Result};
use crate::model::date::Date;
use crate::model::deadline::Deadline;
use crate::model::document::{
    Assignment, Branch, Clause, ClauseKind, DocLink, DocStatus, Document, Implements, Level, Provenance,
    Relation, Role,
};
use crate::model::identity::{is_clause_path, ClauseId, DocId, DocKind, DocNumber};
use crate::text::{fold, nfc, slug};

/// A [`Document`] being built in code; [`Document::builder`] starts one and
/// [`DocumentBuilder::build`] finishes it.
///
/// Methods that describe a task ([`lead`](DocumentBuilder::lead),
/// [`cooperating`](DocumentBuilder::cooperating),
/// [`deadline`](DocumentBuilder::deadline),
/// [`heading`](DocumentBuilder::heading) and a clause's
/// [`implements`](DocumentBuilder::implements)) apply to the clause added
/// last. A value that does not parse, or a task method before any clause,
/// is reported by `build`, with the clause it concerns.
#[derive(Clone, Debug)]
#[must_use = "a builder makes nothing until build() is called"]
pub struct DocumentBuilder {
    number: String,
    issuer: Option<String>,
    jurisdiction: Option<String>,
    date: Option<Date>,
    year: Option<u16>,
    title: String,
    kind: Option<DocKind>,
    level: Option<Level>,
    branch: Option<Branch>,
    status: Option<DocStatus>,
    links: Vec<(String, Relation)>,
    clauses: Vec<Clause>,
    /// (position of the clause, target as written).
    implements: Vec<(usize, String)>,
    /// The first problem met: the clause it concerns and what it is.
    problem: Option<(Option<String>, String)>,
}

impl Document {
    /// Starts a document from its number and symbol (`162/KH-UBND`,
    /// `25-CT/TW`, `33/2015/TT-BYT`; `/KH-SYT` for a draft), which says
    /// its kind, level and branch, and with the jurisdiction and the year
    /// its canonical id. A central number's jurisdiction is `vn`; a local
    /// one's comes from [`DocumentBuilder::jurisdiction`] or from an issuer
    /// that names its province (`UBND tỉnh Quảng Ninh` → `quang-ninh`).
    /// The year is the date's (or a normative number's, or
    /// [`DocumentBuilder::year`]). The issuer defaults to the body the
    /// number's code stands for (`Sở Y tế` for `KH-SYT`), the status to
    /// full text (draft for a blank number).
    ///
    /// ```
    /// use directive_lineage::{Branch, ClauseKind, DocKind, Document, Level, Role};
    /// let plan = Document::builder("162/KH-UBND")
    ///     .issuer("UBND tỉnh Quảng Ninh")
    ///     .date("27/06/2024")
    ///     .implements("vn/2024/qd-ttg/281")
    ///     .clause("II.4", "Nâng cao chất lượng nguồn nhân lực y tế cơ sở")
    ///     .lead("Sở Y tế")
    ///     .cooperating("Sở Nội vụ")
    ///     .deadline("Quý IV năm 2024")
    ///     .implements("vn/2023/ct-tw/25#4")
    ///     .build()?;
    /// assert_eq!(plan.id.as_str(), "quang-ninh/2024/kh-ubnd/162");
    /// assert_eq!((plan.kind, plan.level, plan.branch), (DocKind::KeHoach, Level::Province, Branch::Government));
    /// let task = plan.clause("II.4").unwrap();
    /// assert_eq!(task.kind, ClauseKind::Item);
    /// assert_eq!(task.assignments[0].role, Role::Lead);
    /// assert_eq!(task.deadline.as_ref().unwrap().due().unwrap().to_string(), "2024-12-31");
    /// assert_eq!(task.implements[0].target.to_string(), "vn/2023/ct-tw/25#4");
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn builder(number: &str) -> DocumentBuilder {
        DocumentBuilder {
            number: number.trim().to_string(),
            issuer: None,
            jurisdiction: None,
            date: None,
            year: None,
            title: String::new(),
            kind: None,
            level: None,
            branch: None,
            status: None,
            links: Vec::new(),
            clauses: Vec::new(),
            implements: Vec::new(),
            problem: None,
        }
    }
}

impl DocumentBuilder {
    /// The issuing body as named (`UBND tỉnh Quảng Ninh`).
    pub fn issuer(mut self, name: &str) -> DocumentBuilder {
        self.issuer = Some(nfc(name.trim()));
        self
    }

    /// The jurisdiction id (`quang-ninh`; a name such as `Quảng Ninh` is
    /// made one). Ignored for a central number, whose jurisdiction is `vn`.
    pub fn jurisdiction(mut self, id: &str) -> DocumentBuilder {
        self.jurisdiction = Some(slug(id));
        self
    }

    /// The date of issue: a [`Date`], or text in any form
    /// [`Date`]'s `FromStr` reads (`2024-06-27`, `27/06/2024`, `ngày 27
    /// tháng 6 năm 2024`).
    pub fn date<D>(mut self, date: D) -> DocumentBuilder
    where
        D: TryInto<Date>,
        D::Error: Into<Error>,
    {
        match date.try_into() {
            Ok(d) => self.date = Some(d),
            Err(e) => self.fail(None, e.into().to_string()),
        }
        self
    }

    /// The year of issue, for a document whose date is not known.
    pub fn year(mut self, year: u16) -> DocumentBuilder {
        self.year = Some(year);
        self
    }

    /// The title (trích yếu).
    pub fn title(mut self, title: &str) -> DocumentBuilder {
        self.title = nfc(title.trim());
        self
    }

    /// The kind, where the number does not say it (a letter's number has
    /// no type code) or says it wrongly.
    pub fn kind(mut self, kind: DocKind) -> DocumentBuilder {
        self.kind = Some(kind);
        self
    }

    /// The level, in place of the one the number says.
    pub fn level(mut self, level: Level) -> DocumentBuilder {
        self.level = Some(level);
        self
    }

    /// The branch, in place of the one the number says.
    pub fn branch(mut self, branch: Branch) -> DocumentBuilder {
        self.branch = Some(branch);
        self
    }

    /// How much of the document is known (full text unless said).
    pub fn status(mut self, status: DocStatus) -> DocumentBuilder {
        self.status = Some(status);
        self
    }

    /// Before any clause: the document carries out the document `target`
    /// (a canonical id, `vn/2024/qd-ttg/281`). After a clause: that clause
    /// carries out the clause or document `target` (`vn/2023/ct-tw/25#4`),
    /// a link a person made ([`Provenance::Curated`]).
    pub fn implements(mut self, target: &str) -> DocumentBuilder {
        match self.clauses.len() {
            0 => self.links.push((target.trim().to_string(), Relation::Implements)),
            n => self.implements.push((n - 1, target.trim().to_string())),
        }
        self
    }

    /// The document is issued on the basis of (`Căn cứ`) the document
    /// `target` (a canonical id).
    pub fn based_on(mut self, target: &str) -> DocumentBuilder {
        self.links.push((target.trim().to_string(), Relation::BasedOn));
        self
    }

    /// Adds a clause at `path` (`II.4`, `PL.12`, `II.1.-2`) with its text;
    /// its kind is the one the path says ([`ClauseKind::of_path`]). The
    /// task methods that follow apply to it.
    pub fn clause(mut self, path: &str, text: &str) -> DocumentBuilder {
        let path = path.trim();
        if !is_clause_path(path) {
            let problem = format!(
                "clause path {path:?}: expected dot-separated letters and digits, such as II.4, PL.12 or II.1.-2"
            );
            self.fail(Some(path.to_string()), problem);
        } else if self.clauses.iter().any(|c| c.path == path) {
            self.fail(Some(path.to_string()), "a second clause with this path".to_string());
        }
        self.clauses.push(Clause::new(path, ClauseKind::of_path(path), text, Provenance::Stated));
        self
    }

    /// The heading of the last clause (`Nâng cao chất lượng nguồn nhân lực`).
    pub fn heading(mut self, heading: &str) -> DocumentBuilder {
        if let Some(c) = self.last_clause("heading") {
            c.heading = Some(nfc(heading.trim()));
        }
        self
    }

    /// An agency that leads the last clause's task (chủ trì).
    pub fn lead(self, agency: &str) -> DocumentBuilder {
        self.assign(agency, Role::Lead)
    }

    /// An agency that cooperates on the last clause's task (phối hợp).
    pub fn cooperating(self, agency: &str) -> DocumentBuilder {
        self.assign(agency, Role::Cooperating)
    }

    /// The last clause's deadline as the plan writes it (`Quý IV năm 2024`,
    /// `Trước tháng 7/2025`, `Thường xuyên`); see [`Deadline::parse`].
    pub fn deadline(mut self, text: &str) -> DocumentBuilder {
        if let Some(c) = self.last_clause("deadline") {
            c.deadline = Some(Deadline::parse(text));
        }
        self
    }

    fn assign(mut self, agency: &str, role: Role) -> DocumentBuilder {
        let what = if role == Role::Lead { "lead" } else { "cooperating" };
        if let Some(c) = self.last_clause(what) {
            c.assignments.push(Assignment::new(nfc(agency.trim()), role));
        }
        self
    }

    /// The clause added last, or a problem: `what` came before any clause.
    fn last_clause(&mut self, what: &str) -> Option<&mut Clause> {
        if self.clauses.is_empty() {
            let problem =
                format!("{what}(…) comes before any clause: add one with .clause(path, text) first");
            self.fail(None, problem);
        }
        self.clauses.last_mut()
    }

    fn fail(&mut self, clause: Option<String>, problem: String) {
        self.problem.get_or_insert((clause, problem));
    }
}

impl DocumentBuilder {
    /// The document, or an error naming the document (its number as given),
    /// the clause concerned and what to give instead.
    pub fn build(self) -> Result<Document> {
        let fail = |clause: Option<&str>, problem: String| {
            Error::new(ErrorKind::InvalidDocument {
                document: self.number.clone(),
                clause: clause.map(str::to_string),
                problem,
            })
        };
        if let Some((clause, problem)) = &self.problem {
            return Err(fail(clause.as_deref(), problem.clone()));
        }
        let number: DocNumber = self.number.parse().map_err(|e: Error| fail(None, e.to_string()))?;
        let jurisdiction = self.jurisdiction_of(&number).map_err(|p| fail(None, p))?;
        let year = self.date.map(Date::year).or(number.year()).or(self.year).ok_or_else(|| {
            fail(None, "no year of issue: give .date(\"27/06/2024\") or, without a date, .year(2024)".into())
        })?;
        let id = match number.number() {
            Some(_) => DocId::from_number(&jurisdiction, year, &number),
            None => DocId::draft(&jurisdiction, year, &number, &self.title),
        };
        if id.as_str().parse::<DocId>().is_err() {
            return Err(fail(None, format!("the jurisdiction {jurisdiction:?} gives no valid id ({id})")));
        }
        let mut citations = Vec::with_capacity(self.links.len());
        for (target, relation) in &self.links {
            let at = target.parse::<DocId>().map_err(|e| fail(None, document_link_problem(target, &e)))?;
            citations.push(DocLink { text: target.clone(), target: at, relation: *relation, clause: None });
        }
        let mut clauses = self.clauses.clone();
        for (k, target) in &self.implements {
            let clause = &mut clauses[*k];
            let to = target.parse::<ClauseId>().map_err(|e| fail(Some(&clause.path), e.to_string()))?;
            clause.implements.push(Implements { target: to, provenance: Provenance::Curated, score: None });
        }
        Ok(Document {
            id,
            kind: self.kind.or(number.kind()).unwrap_or(DocKind::CongVan),
            issuer: self.issuer.clone().unwrap_or_else(|| default_issuer(&number)),
            jurisdiction,
            level: self.level.unwrap_or(number.level()),
            branch: self.branch.unwrap_or(number.branch()),
            date: self.date,
            title: self.title.clone(),
            signer: None,
            status: self.status.unwrap_or(if number.number().is_some() {
                DocStatus::FullText
            } else {
                DocStatus::Draft
            }),
            source: None,
            number: number.number().is_some().then(|| number.clone()),
            citations,
            clauses,
            warnings: Vec::new(),
        })
    }

    /// `vn` for a central number; else the jurisdiction given, else the
    /// province the issuer names; else what to give.
    fn jurisdiction_of(&self, number: &DocNumber) -> Result<String, String> {
        if number.is_central() {
            return Ok("vn".to_string());
        }
        if let Some(j) =
            self.jurisdiction.as_ref().or(self.issuer.as_deref().and_then(named_province).as_ref())
        {
            return Ok(j.clone());
        }
        Err(format!(
            "{number} is a local number: say where with .jurisdiction(\"quang-ninh\") \
             or an issuer that names the province (.issuer(\"UBND tỉnh Quảng Ninh\"))"
        ))
    }
}

/// The province an issuer's name ends with, as a jurisdiction id: `UBND
/// tỉnh Quảng Ninh`, `Sở Y tế tỉnh Thái Bình`, `Tỉnh ủy Thái Bình`, `UBND
/// thành phố Hà Nội` (compared folded).
fn named_province(issuer: &str) -> Option<String> {
    let f = fold(issuer);
    let place = ["tinh uy ", "thanh uy "]
        .iter()
        .find_map(|p| f.strip_prefix(p))
        .or_else(|| [" tinh ", " thanh pho "].iter().find_map(|m| f.rfind(m).map(|at| &f[at + m.len()..])))?;
    Some(slug(place)).filter(|s| !s.is_empty())
}

/// The body a number's issuer code stands for (`Sở Y tế` for `KH-SYT`),
/// else the code itself.
fn default_issuer(number: &DocNumber) -> String {
    number.issuer_body().map_or_else(|| number.issuer().to_string(), |(name, _)| name.to_string())
}

/// A document-level link whose target is not a document id: a clause
/// reference is for a clause's `implements`.
fn document_link_problem(target: &str, e: &Error) -> String {
    if target.contains('#') {
        format!(
            "{target:?} names a clause: a document carries out a document (vn/2024/qd-ttg/281); \
             give a clause's link after its .clause(…)"
        )
    } else {
        e.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What each numbering grammar says, derived: kind, level, branch,
    /// jurisdiction, id, default issuer.
    #[test]
    fn the_number_says_kind_level_branch_and_id() {
        use Branch::*;
        use Level::*;
        let rows: [(DocumentBuilder, DocKind, Level, Branch, &str, &str); 8] = [
            (
                Document::builder("25-CT/TW").date("25/10/2023"),
                DocKind::ChiThi,
                Central,
                Party,
                "vn/2023/ct-tw/25",
                "Ban Chấp hành Trung ương",
            ),
            (
                Document::builder("25-CT/TƯ").date("2023-10-25"),
                DocKind::ChiThi,
                Central,
                Party,
                "vn/2023/ct-tw/25",
                "Ban Chấp hành Trung ương",
            ),
            (
                Document::builder("281/QĐ-TTg").date("05/4/2024").jurisdiction("quang-ninh"),
                DocKind::QuyetDinh,
                Central,
                Government,
                "vn/2024/qd-ttg/281",
                "Thủ tướng Chính phủ",
            ),
            (
                Document::builder("56/KH-SYT").issuer("Sở Y tế tỉnh Thái Bình").date("15/03/2024"),
                DocKind::KeHoach,
                Province,
                Department,
                "thai-binh/2024/kh-syt/56",
                "Sở Y tế tỉnh Thái Bình",
            ),
            (
                Document::builder("230-KH/TU").issuer("Tỉnh ủy Thái Bình").year(2024),
                DocKind::KeHoach,
                Province,
                Party,
                "thai-binh/2024/kh-tu/230",
                "Tỉnh ủy Thái Bình",
            ),
            (
                Document::builder("Số: 33/2015/TT-BYT"),
                DocKind::ThongTu,
                Central,
                Department,
                "vn/2015/tt-byt/33",
                "Bộ Y tế",
            ),
            (
                Document::builder("2524/SYT-VP").jurisdiction("Quảng Ninh").date("14/6/2024"),
                DocKind::CongVan,
                Province,
                Department,
                "quang-ninh/2024/syt-vp/2524",
                "Sở Y tế",
            ),
            (
                Document::builder("47/KH-UBND").issuer("UBND thành phố Hà Nội").date("07/03/2024"),
                DocKind::KeHoach,
                Province,
                Government,
                "ha-noi/2024/kh-ubnd/47",
                "UBND thành phố Hà Nội",
            ),
        ];
        for (b, kind, level, branch, id, issuer) in rows {
            let d = b.build().unwrap();
            assert_eq!((d.kind, d.level, d.branch), (kind, level, branch), "{id}");
            assert_eq!((d.id.as_str(), d.issuer.as_str()), (id, issuer));
            assert_eq!(d.jurisdiction, d.id.jurisdiction());
            assert_eq!(d.status, DocStatus::FullText);
        }
        let draft = Document::builder("Số: /KH-SYT")
            .jurisdiction("dak-lak")
            .year(2024)
            .title("Thực hiện Chương trình");
        let draft = draft.build().unwrap();
        assert_eq!(draft.id.as_str(), "dak-lak/2024/kh-syt/draft-thuc-hien-chuong-trinh");
        assert_eq!((draft.status, draft.number.as_ref()), (DocStatus::Draft, None));
    }

    #[test]
    fn clauses_and_tasks() {
        let d = Document::builder("25-CT/TW")
            .year(2023)
            .clause("4", "Nâng cao chất lượng nguồn nhân lực")
            .heading("Nhân lực")
            .clause("PL.1", "Rà soát")
            .lead("Sở Y tế")
            .lead("Sở Nội vụ")
            .cooperating("Sở Tài chính")
            .deadline("Trước tháng 7/2025")
            .implements("vn/2023/ct-tw/25#4")
            .build()
            .unwrap();
        let (group, row) = (&d.clauses[0], &d.clauses[1]);
        assert_eq!(
            (group.kind, group.heading.as_deref(), group.is_task()),
            (ClauseKind::Item, Some("Nhân lực"), false)
        );
        assert_eq!(row.kind, ClauseKind::Row);
        let roles: Vec<(&str, Role)> = row.assignments.iter().map(|a| (a.agency.as_str(), a.role)).collect();
        assert_eq!(
            roles,
            [("Sở Y tế", Role::Lead), ("Sở Nội vụ", Role::Lead), ("Sở Tài chính", Role::Cooperating)]
        );
        assert_eq!(row.deadline.as_ref().unwrap().due(), Date::new(2025, 6, 30));
        assert_eq!(row.implements[0].provenance, Provenance::Curated);
        // Text is kept in NFC whatever form it was given in.
        let nfd = "Ho\u{61}\u{300}n thi\u{1ec7}n";
        let d =
            Document::builder("1/KH-UBND").jurisdiction("vn-x").year(2024).clause("1", nfd).lead(nfd).build();
        let d = d.unwrap();
        assert_eq!(d.clauses[0].text, crate::text::nfc(nfd));
        assert_eq!(d.clauses[0].assignments[0].agency, crate::text::nfc(nfd));
    }

    /// Each mistake is an error naming the document, the clause and what
    /// to give instead.
    #[test]
    fn mistakes_say_what_to_give() {
        let err = |b: DocumentBuilder| b.build().unwrap_err().to_string();
        let e = err(Document::builder("162/KH-UBND").year(2024));
        assert!(
            e.starts_with(
                "document 162/KH-UBND: 162/KH-UBND is a local number: say where with .jurisdiction("
            ),
            "{e}"
        );
        let e = err(Document::builder("162/KH-UBND").jurisdiction("quang-ninh"));
        assert!(e.contains("no year of issue: give .date("), "{e}");
        let e = err(Document::builder("25-CT/TW").date("31/02/2024"));
        assert!(e.contains("expected a day that exists: 2/2024 has 29 days"), "{e}");
        let e = err(Document::builder("25-CT/TW").date("tháng 2"));
        assert!(e.contains("expected one of 2025-08-01"), "{e}");
        let e = err(Document::builder("no number"));
        assert!(e.contains("expected a number and symbol such as 281/QĐ-TTg"), "{e}");
        let e = err(Document::builder("10/KH-SYT")
            .jurisdiction("bac-giang")
            .year(2024)
            .clause("1", "x")
            .implements("99-CT/TW#1"));
        assert!(e.starts_with("document 10/KH-SYT, clause 1: invalid clause reference"), "{e}");
        assert!(e.contains("99-CT/TW is vn/{year}/ct-tw/99#1"), "{e}");
        let e = err(Document::builder("25-CT/TW").year(2023).lead("Sở Y tế"));
        assert!(e.contains("lead(…) comes before any clause"), "{e}");
        let e = err(Document::builder("25-CT/TW").year(2023).clause("1", "a").clause("1", "b"));
        assert!(e.ends_with("clause 1: a second clause with this path"), "{e}");
        let e = err(Document::builder("25-CT/TW").year(2023).clause("II 4", "a"));
        assert!(e.contains("expected dot-separated letters and digits"), "{e}");
        let e =
            err(Document::builder("1/KH-UBND").jurisdiction("x").year(2024).implements("vn/2023/ct-tw/25#4"));
        assert!(e.contains("names a clause: a document carries out a document"), "{e}");
        // The first mistake is the one reported.
        let e = err(Document::builder("25-CT/TW").deadline("x").date("x"));
        assert!(e.contains("deadline(…) comes before any clause"), "{e}");
    }

    #[test]
    fn province_named_by_the_issuer() {
        for (issuer, want) in [
            ("UBND tỉnh Quảng Ninh", Some("quang-ninh")),
            ("Ủy ban nhân dân tỉnh Bắc Giang", Some("bac-giang")),
            ("Sở Y tế tỉnh Thái Bình", Some("thai-binh")),
            ("Thành ủy Hà Nội", Some("ha-noi")),
            ("UBND thành phố Hồ Chí Minh", Some("ho-chi-minh")),
            ("Sở Y tế", None),
            ("UBND tỉnh", None),
        ] {
            assert_eq!(named_province(issuer).as_deref(), want, "{issuer}");
        }
    }
}
