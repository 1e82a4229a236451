//! An index of every task of a corpus with what its status needs, so that
//! task queries without an agency read small entries instead of clauses
//! (clause structs are large, and at national scale spread over the heap).

use crate::model::date::Date;
use crate::model::deadline::{status_from, DeadlineKind, TaskStatus};
use crate::model::{Document, Role};

/// What the status of a task needs: the parts of its deadline and
/// completion that [`status_from`] reads, and the roles assigned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Last day the task may be done on.
    pub due: Option<Date>,
    /// When the last lead reported it done, once every lead has.
    pub completed: Option<Date>,
    /// Start of the deadline's interval (read for [`DeadlineKind::From`]).
    pub start: Option<Date>,
    /// Kind of the deadline, `None` without one.
    pub kind: Option<DeadlineKind>,
    /// Roles assigned: bit 0 lead, bit 1 cooperating.
    roles: u8,
}

impl Entry {
    /// Status as of a day, as `status_of` gives it for the clause.
    #[inline]
    pub fn status(&self, as_of: Date) -> TaskStatus {
        status_from(self.kind, self.start, self.due, self.completed, as_of)
    }

    /// True when some assignment of the task has this role.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles & role_bit(role) != 0
    }
}

/// Where a task is: positions of its document in the corpus and of its
/// clause in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// Position of the document in the corpus.
    pub doc: u32,
    /// Position of the clause in its document.
    pub clause: u32,
}

fn role_bit(role: Role) -> u8 {
    match role {
        Role::Lead => 1,
        Role::Cooperating => 2,
    }
}

/// Every task of a corpus twice: in corpus order with the range of each
/// document (a jurisdiction's tasks, or all of them, in answer order), and
/// sorted by due date (overdue and due-window queries visit only the dates
/// that can match).
#[derive(Debug, Default)]
pub(crate) struct TaskIndex {
    /// Where each task is, in corpus order; a task's rank is its position here.
    places: Vec<Place>,
    /// The entries by rank.
    in_order: Vec<Entry>,
    /// Ranks `doc_start[d]..doc_start[d + 1]` are the tasks of document `d`.
    doc_start: Vec<u32>,
    /// (rank, entry) by due date, tasks without one first; rank order within
    /// a date.
    by_due: Vec<(u32, Entry)>,
}

impl TaskIndex {
    /// Number of tasks.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Where the task of this rank is.
    pub fn place(&self, rank: usize) -> Place {
        self.places[rank]
    }

    /// The entry of the task of this rank.
    pub fn entry(&self, rank: usize) -> &Entry {
        &self.in_order[rank]
    }

    /// The ranks of the tasks of the document at position `doc`.
    pub fn of_document(&self, doc: usize) -> std::ops::Range<usize> {
        match (self.doc_start.get(doc), self.doc_start.get(doc + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// (rank, entry) of every task sorted by due date, tasks without one
    /// first.
    pub fn by_due(&self) -> &[(u32, Entry)] {
        &self.by_due
    }
}

impl TaskIndex {
    /// Room for `clauses` tasks: pages never written are never touched, and
    /// [`TaskIndex::finish`] gives the rest back without a copy on large
    /// blocks.
    pub(crate) fn with_capacity(documents: usize, clauses: usize) -> TaskIndex {
        TaskIndex {
            places: Vec::with_capacity(clauses),
            in_order: Vec::with_capacity(clauses),
            doc_start: Vec::with_capacity(documents + 1),
            by_due: Vec::new(),
        }
    }

    /// Adds the tasks of the document at position `di`; documents come in
    /// corpus order (the graph builder adds each as it adds its clauses,
    /// while they are in cache).
    pub(crate) fn add_document(&mut self, di: usize, d: &Document) {
        debug_assert_eq!(di, self.doc_start.len(), "documents in corpus order");
        self.doc_start.push(pos(self.in_order.len()));
        for (ci, c) in d.clauses.iter().enumerate().filter(|(_, c)| c.is_task()) {
            let deadline = c.deadline.as_ref();
            self.places.push(Place { doc: pos(di), clause: pos(ci) });
            self.in_order.push(Entry {
                due: deadline.and_then(|d| d.due()),
                completed: c.completion(),
                start: deadline.and_then(|d| d.start()),
                kind: deadline.map(|d| d.kind()),
                roles: c.assignments.iter().fold(0, |r, a| r | role_bit(a.role)),
            });
        }
    }

    /// Closes the last document's range and sorts by due date.
    pub(crate) fn finish(&mut self) {
        self.doc_start.push(pos(self.in_order.len()));
        self.places.shrink_to_fit();
        self.in_order.shrink_to_fit();
        self.by_due = sort_by_due(&self.in_order);
    }
}

/// (rank, entry) sorted by due date, equal dates in rank order: a counting
/// sort over the days between the first and last due date (plans span a few
/// years, a few thousand buckets), a comparison sort only for dates spread
/// wider.
fn sort_by_due(in_order: &[Entry]) -> Vec<(u32, Entry)> {
    // Order-preserving, 0 for no date.
    let key = |e: &Entry| {
        e.due.map_or(0, |d| (u32::from(d.year()) << 9 | u32::from(d.month()) << 5 | u32::from(d.day())) + 1)
    };
    let (lo, hi) = in_order.iter().map(key).fold((u32::MAX, 0), |(lo, hi), k| (lo.min(k), hi.max(k)));
    let Some(first) = in_order.first() else { return Vec::new() };
    if hi - lo > 1 << 20 {
        let mut v: Vec<(u32, Entry)> = in_order.iter().enumerate().map(|(r, e)| (pos(r), *e)).collect();
        v.sort_by_key(|(_, e)| e.due);
        return v;
    }
    let mut next = vec![0u32; (hi - lo + 2) as usize];
    for e in in_order {
        next[(key(e) - lo + 1) as usize] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let mut out = vec![(0, *first); in_order.len()];
    for (r, e) in in_order.iter().enumerate() {
        let slot = &mut next[(key(e) - lo) as usize];
        out[*slot as usize] = (pos(r), *e);
        *slot += 1;
    }
    out
}

fn pos(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 documents, clauses and tasks")
}
