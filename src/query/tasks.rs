//! Tasks with their agencies, deadlines and status.

use std::ops::{Bound, Range, RangeBounds};

use serde::Serialize;

use crate::corpus::{AgencyMatch, AgencyQuery};
use crate::error::Result;
use crate::graph::task_index::{Entry, Place};
use crate::graph::LineageGraph;
use crate::model::date::Date;
use crate::model::deadline::{status_of, Deadline, TaskStatus};
use crate::model::{Clause, Document, Role};

/// A task row of [`LineageGraph::tasks`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Task {
    /// Clause id.
    pub id: String,
    /// The document's official name (`Kế hoạch 162/KH-UBND`).
    pub document: String,
    /// Jurisdiction of the document.
    pub jurisdiction: String,
    /// Clause path.
    pub path: String,
    /// The task's content.
    pub text: String,
    /// Lead agencies as written.
    pub lead: Vec<String>,
    /// Cooperating agencies as written.
    pub cooperating: Vec<String>,
    /// Deadline as written.
    pub deadline: Option<String>,
    /// Last day the task may be done on, where the deadline gives one.
    pub due: Option<Date>,
    /// Status as of the filter's date (`None` when no date was given).
    pub status: Option<TaskStatus>,
    /// The date the status is taken on (`None` when there is no status).
    pub as_of: Option<Date>,
    /// When the filter's agency is named only through a group, the group as
    /// written.
    pub via_group: Option<String>,
}

/// A task borrowed from the corpus ([`LineageGraph::task_refs`]).
#[derive(Clone, Copy, Debug)]
pub struct TaskRef<'g> {
    /// The document.
    pub document: &'g Document,
    /// The task's clause.
    pub clause: &'g Clause,
    /// Last day the task may be done on, where the deadline gives one.
    pub due: Option<Date>,
    /// Status as of the filter's date.
    pub status: Option<TaskStatus>,
    /// The date the status is taken on (`None` when there is no status).
    pub as_of: Option<Date>,
    /// The group the filter's agency was matched through, as written.
    pub via_group: Option<&'g str>,
}

impl TaskRef<'_> {
    /// The clause id (`quang-ninh/2024/kh-ubnd/162#PL.7`).
    pub fn id(&self) -> String {
        format!("{}#{}", self.document.id, self.clause.path)
    }

    /// The owned row [`LineageGraph::tasks`] gives.
    pub fn to_task(&self) -> Task {
        let mut t =
            task_row(self.document, &self.document.display_name(), self.clause, self.due, self.status);
        t.via_group = self.via_group.map(str::to_string);
        t.as_of = self.as_of;
        t
    }
}

/// Which tasks [`LineageGraph::tasks`] returns. All conditions must hold.
///
/// ```
/// use directive_lineage::{Date, TaskFilter, TaskStatus};
/// let f = TaskFilter::new()
///     .agency("Sở Nội vụ")
///     .jurisdiction("quang-ninh")
///     .as_of("2025-08-01".parse::<Date>().unwrap())
///     .status(TaskStatus::Overdue);
/// # let _ = f;
/// ```
#[derive(Clone, Debug, Default)]
pub struct TaskFilter {
    agency: Option<String>,
    with_groups: bool,
    role: Option<Role>,
    jurisdiction: Option<String>,
    due_from: Option<Date>,
    due_to: Option<Date>,
    as_of: Option<Date>,
    status: Option<TaskStatus>,
}

impl TaskFilter {
    /// Every task.
    pub fn new() -> TaskFilter {
        TaskFilter::default()
    }

    /// Tasks assigned to this agency, named as people name it; aliases and
    /// tone-mark variants match.
    pub fn agency(mut self, name: &str) -> TaskFilter {
        self.agency = Some(name.to_string());
        self
    }

    /// Also match tasks assigned to a group the agency belongs to (`Các sở,
    /// ban, ngành` for `Sở Nội vụ`); such rows name the group in
    /// [`Task::via_group`].
    pub fn with_groups(mut self, yes: bool) -> TaskFilter {
        self.with_groups = yes;
        self
    }

    /// Only where the agency has this role.
    pub fn role(mut self, role: Role) -> TaskFilter {
        self.role = Some(role);
        self
    }

    /// Tasks of documents issued in this jurisdiction or in one it took over,
    /// written as people write it (`Quảng Ninh`, `quangninh`; see
    /// [`Corpus::resolve_jurisdiction`](crate::Corpus::resolve_jurisdiction)).
    pub fn jurisdiction(mut self, id: &str) -> TaskFilter {
        self.jurisdiction = Some(id.to_string());
        self
    }

    /// Tasks due on or after this date.
    pub fn due_from(mut self, d: Date) -> TaskFilter {
        self.due_from = Some(d);
        self
    }

    /// Tasks due on or before this date.
    pub fn due_to(mut self, d: Date) -> TaskFilter {
        self.due_to = Some(d);
        self
    }

    /// Compute each task's status as of this date.
    pub fn as_of(mut self, d: Date) -> TaskFilter {
        self.as_of = Some(d);
        self
    }

    /// Only tasks with this status on the [`TaskFilter::as_of`] date. Give
    /// that date: without it the status is taken on the latest date of issue
    /// in the corpus, which moves when a document is added (each row's
    /// [`Task::as_of`] says which date was used).
    pub fn status(mut self, s: TaskStatus) -> TaskFilter {
        self.status = Some(s);
        self
    }
}

/// The due dates a filter allows (`None`, no due date, sorts first): its due
/// window, and for Overdue and DoneLate a date before the day; NoDeadline
/// needs none. Other statuses allow any date.
fn due_window(filter: &TaskFilter, as_of: Option<Date>) -> (Bound<Option<Date>>, Bound<Option<Date>>) {
    let dated = matches!(filter.status, Some(TaskStatus::Overdue | TaskStatus::DoneLate));
    let lo = match filter.due_from {
        Some(f) => Bound::Included(Some(f)),
        None if dated || filter.due_to.is_some() => Bound::Excluded(None),
        None => Bound::Unbounded,
    };
    let mut hi = Bound::Unbounded;
    let mut tighten = |b: Bound<Option<Date>>| {
        let key = |b: &Bound<Option<Date>>| match *b {
            // (bound, excluded): at the same date an excluded bound is tighter.
            Bound::Included(d) => Some((d, 1)),
            Bound::Excluded(d) => Some((d, 0)),
            Bound::Unbounded => None,
        };
        if key(&hi).is_none_or(|h| key(&b).is_some_and(|k| k < h)) {
            hi = b;
        }
    };
    if let Some(t) = filter.due_to {
        tighten(Bound::Included(Some(t)));
    }
    if let (true, Some(day)) = (dated, as_of) {
        tighten(Bound::Excluded(Some(day)));
    }
    if filter.status == Some(TaskStatus::NoDeadline) {
        tighten(Bound::Included(None));
    }
    (lo, hi)
}

/// The positions in `by_due` (sorted by due date) of the dates in `window`.
fn due_range(by_due: &[(u32, Entry)], window: &(Bound<Option<Date>>, Bound<Option<Date>>)) -> Range<usize> {
    let lo = by_due.partition_point(|(_, e)| match window.0 {
        Bound::Included(d) => e.due < d,
        Bound::Excluded(d) => e.due <= d,
        Bound::Unbounded => false,
    });
    let hi = by_due.partition_point(|(_, e)| match window.1 {
        Bound::Included(d) => e.due <= d,
        Bound::Excluded(d) => e.due < d,
        Bound::Unbounded => true,
    });
    lo..hi.max(lo)
}

fn task_row(d: &Document, name: &str, c: &Clause, due: Option<Date>, status: Option<TaskStatus>) -> Task {
    let names = |r: Role| c.agencies(r).map(str::to_string).collect();
    Task {
        id: format!("{}#{}", d.id, c.path),
        document: name.to_string(),
        jurisdiction: d.jurisdiction.clone(),
        path: c.path.clone(),
        text: c.label().to_string(),
        lead: names(Role::Lead),
        cooperating: names(Role::Cooperating),
        deadline: c.deadline.as_ref().map(|d| d.text().to_string()),
        due,
        status,
        as_of: None,
        via_group: None,
    }
}

impl LineageGraph {
    /// Tasks (clauses with an assignment or a deadline) matching a filter, in
    /// corpus order. Names are resolved as people write them (`Quảng Ninh`,
    /// `quangninh`, `SỞ NỘI VỤ`); a jurisdiction or agency that names nothing
    /// the corpus knows is an
    /// [`ErrorKind::UnknownName`](crate::ErrorKind::UnknownName) with the
    /// closest values, never an empty answer.
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, TaskFilter, Role};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let tasks = graph.tasks(&TaskFilter::new().agency("Sở Nội vụ").role(Role::Cooperating).jurisdiction("Quảng Ninh"))?;
    /// assert!(tasks.iter().any(|t| t.path == "PL.7"));
    /// let err = graph.tasks(&TaskFilter::new().jurisdiction("quang-nin")).unwrap_err();
    /// assert!(err.to_string().contains("did you mean quang-ninh"), "{err}");
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn tasks(&self, filter: &TaskFilter) -> Result<Vec<Task>> {
        let mut resolved = filter.clone();
        if let Some(j) = &filter.jurisdiction {
            resolved.jurisdiction = Some(self.corpus().resolve_jurisdiction(j)?);
        }
        if let Some(a) = &filter.agency {
            self.corpus().check_agency(a)?;
        }
        Ok(self.task_rows(&resolved))
    }

    /// The rows of [`LineageGraph::tasks`], the filter's names taken as given.
    fn task_rows(&self, filter: &TaskFilter) -> Vec<Task> {
        let found = self.task_refs(filter);
        // Rows in a second pass, into a vector of the right size: growing a
        // vector of large rows copied and freed them over and over.
        let mut out = Vec::with_capacity(found.len());
        let mut name: Option<(&Document, String)> = None; // display_name, once per document
        for t in found {
            if !name.as_ref().is_some_and(|(n, _)| std::ptr::eq(*n, t.document)) {
                name = Some((t.document, t.document.display_name()));
            }
            let mut row =
                task_row(t.document, &name.as_ref().expect("just set").1, t.clause, t.due, t.status);
            row.via_group = t.via_group.map(str::to_string);
            row.as_of = t.as_of;
            out.push(row);
        }
        out
    }

    /// The jurisdictions a filter's jurisdiction stands for: resolved as
    /// people write it, or as given when it names none (and so matches
    /// nothing; [`LineageGraph::tasks`] refuses it instead).
    fn filter_family(&self, j: &str) -> Vec<String> {
        let id = self.corpus().resolve_jurisdiction(j).unwrap_or_else(|_| j.to_string());
        self.jurisdiction_family(&id)
    }

    /// The tasks [`LineageGraph::tasks`] returns, borrowed from the corpus
    /// instead of copied: for large answers where only a few fields are read.
    /// The filter's names are taken as given (resolve them first with
    /// [`Corpus::resolve_jurisdiction`](crate::Corpus::resolve_jurisdiction)).
    ///
    /// ```
    /// # use directive_lineage::{Corpus, LineageGraph, TaskFilter};
    /// # let graph = LineageGraph::build(Corpus::bundled());
    /// let f = TaskFilter::new().jurisdiction("quang-ninh");
    /// let refs = graph.task_refs(&f);
    /// assert_eq!(refs.len(), graph.tasks(&f)?.len());
    /// assert_eq!(refs[0].to_task().id, graph.tasks(&f)?[0].id);
    /// # Ok::<(), directive_lineage::Error>(())
    /// ```
    pub fn task_refs(&self, filter: &TaskFilter) -> Vec<TaskRef<'_>> {
        // Without an agency, the task index has every field a filter reads.
        if filter.agency.is_none() {
            return self.task_refs_indexed(filter);
        }
        self.task_refs_scan(filter)
    }

    /// [`LineageGraph::task_refs`] by reading every clause, without the task
    /// index: the reference the indexed answers are tested against.
    #[doc(hidden)]
    pub fn task_refs_scan(&self, filter: &TaskFilter) -> Vec<TaskRef<'_>> {
        let family = filter.jurisdiction.as_ref().map(|j| self.filter_family(j));
        let as_of = filter.as_of.or_else(|| {
            filter
                .status
                .map(|_| self.corpus().latest_date().unwrap_or(Date::new(2000, 1, 1).expect("valid")))
        });
        let mut agency = filter.agency.as_deref().map(|q| AgencyQuery::new(self.corpus(), q));
        let mut found = Vec::new();
        let docs = self.corpus().documents();
        // A jurisdiction's documents from the index, in corpus order; every
        // document otherwise.
        let positions: Box<dyn Iterator<Item = usize>> = match &family {
            Some(f) => {
                let mut v: Vec<u32> =
                    f.iter().filter_map(|j| self.by_jurisdiction.get(j)).flatten().copied().collect();
                v.sort_unstable();
                Box::new(v.into_iter().map(|i| i as usize))
            }
            None => Box::new(0..docs.len()),
        };
        for d in positions.map(|i| &docs[i]) {
            for c in d.clauses.iter().filter(|c| c.is_task()) {
                let mut via_group = None;
                if let Some(q) = agency.as_mut() {
                    let mut hit = false;
                    for a in c.assignments.iter().filter(|a| filter.role.is_none_or(|r| a.role == r)) {
                        match q.matches(&a.agency, &d.jurisdiction) {
                            AgencyMatch::Same => {
                                hit = true;
                                via_group = None;
                                break;
                            }
                            AgencyMatch::Group if filter.with_groups && via_group.is_none() => {
                                via_group = Some(a.agency.as_str());
                            }
                            _ => {}
                        }
                    }
                    if !hit && via_group.is_none() {
                        continue;
                    }
                } else if let Some(r) = filter.role {
                    if !c.assignments.iter().any(|a| a.role == r) {
                        continue;
                    }
                }
                let due = c.deadline.as_ref().and_then(Deadline::due);
                if filter.due_from.is_some_and(|f| due.is_none_or(|d| d < f)) {
                    continue;
                }
                if filter.due_to.is_some_and(|t| due.is_none_or(|d| d > t)) {
                    continue;
                }
                let status = as_of.map(|day| status_of(c.deadline.as_ref(), c.completion(), day));
                if filter.status.is_some() && status != filter.status {
                    continue;
                }
                let as_of = status.and(as_of);
                found.push(TaskRef { document: d, clause: c, due, status, as_of, via_group });
            }
        }
        found
    }

    /// [`LineageGraph::task_refs`] from the task index, for a filter without
    /// an agency: no clause is read, only the entries that can match.
    fn task_refs_indexed(&self, filter: &TaskFilter) -> Vec<TaskRef<'_>> {
        let as_of = filter.as_of.or_else(|| {
            filter
                .status
                .map(|_| self.corpus().latest_date().unwrap_or(Date::new(2000, 1, 1).expect("valid")))
        });
        let window = due_window(filter, as_of);
        let keep = |e: &Entry| -> Option<Option<TaskStatus>> {
            if !window.contains(&e.due) || filter.role.is_some_and(|r| !e.has_role(r)) {
                return None;
            }
            let status = as_of.map(|day| e.status(day));
            (filter.status.is_none() || status == filter.status).then_some(status)
        };
        let docs = self.corpus().documents();
        let index = &self.task_index;
        let task_ref = |rank: usize, status: Option<TaskStatus>| {
            let Place { doc, clause } = index.place(rank);
            let d = &docs[doc as usize];
            let due = index.entry(rank).due;
            let as_of = status.and(as_of);
            TaskRef { document: d, clause: &d.clauses[clause as usize], due, status, as_of, via_group: None }
        };
        if let Some(j) = &filter.jurisdiction {
            // A jurisdiction's documents and their tasks, already in corpus
            // order: a province holds a thirtieth of the tasks, fewer than the
            // country's due range of an overdue query.
            let mut positions: Vec<u32> = self
                .filter_family(j)
                .iter()
                .filter_map(|j| self.by_jurisdiction.get(j))
                .flatten()
                .copied()
                .collect();
            positions.sort_unstable();
            return positions
                .iter()
                .flat_map(|&p| index.of_document(p as usize))
                .filter_map(|r| keep(index.entry(r)).map(|s| task_ref(r, s)))
                .collect();
        }
        let by_due = index.by_due();
        let range = due_range(by_due, &window);
        if range.len() == by_due.len() {
            // Nothing to skip: corpus order as it is.
            return (0..index.len()).filter_map(|r| keep(index.entry(r)).map(|s| task_ref(r, s))).collect();
        }
        // The dates that can match, marked by rank, read back in rank
        // (corpus) order: cheaper than sorting the hits.
        let mut marks = vec![0u64; index.len().div_ceil(64)];
        let mut count = 0;
        for (r, e) in &by_due[range] {
            if keep(e).is_some() {
                marks[*r as usize / 64] |= 1 << (r % 64);
                count += 1;
            }
        }
        let mut out = Vec::with_capacity(count);
        for (w, &bits) in marks.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let r = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                out.push(task_ref(r, as_of.map(|day| index.entry(r).status(day))));
            }
        }
        out
    }

    /// A clause's task status as of a day, as [`LineageGraph::tasks`]
    /// computes it; `None` for a clause that is not a task.
    pub(crate) fn task_status(&self, c: &Clause, day: Date) -> Option<TaskStatus> {
        c.is_task().then(|| status_of(c.deadline.as_ref(), c.completion(), day))
    }
}
