//! `task_refs` answers filters without an agency from the task index; these
//! tests hold it to the plain scan of every clause (`task_refs_scan`): same
//! rows, same order, same due dates and statuses.

use directive_lineage::{Corpus, Date, LineageGraph, Role, TaskFilter, TaskRef, TaskStatus};

/// What a row is: the clause and document themselves (by address), its due
/// date, status and group.
type Row<'g> = (usize, usize, Option<Date>, Option<TaskStatus>, Option<&'g str>);

fn rows<'g>(refs: &[TaskRef<'g>]) -> Vec<Row<'g>> {
    refs.iter()
        .map(|t| {
            (t.document as *const _ as usize, t.clause as *const _ as usize, t.due, t.status, t.via_group)
        })
        .collect()
}

fn same(g: &LineageGraph, f: &TaskFilter) -> usize {
    let indexed = g.task_refs(f);
    let scanned = g.task_refs_scan(f);
    assert_eq!(rows(&indexed), rows(&scanned), "{f:?}");
    indexed.len()
}

/// Days where statuses change: every due date, start and completion, the
/// day before each, and days before and after them all; `max` of them,
/// spread over the range.
fn days(g: &LineageGraph, max: usize) -> Vec<Date> {
    let mut all = vec![Date::new(2000, 1, 1).unwrap(), Date::new(2100, 1, 1).unwrap()];
    for t in g.task_refs(&TaskFilter::new()) {
        let d = t.clause.deadline.as_ref();
        let done = t.clause.assignments.iter().filter_map(|a| a.completed);
        for day in d.and_then(|d| d.due()).into_iter().chain(d.and_then(|d| d.start())).chain(done) {
            all.extend([day, day.pred()]);
        }
    }
    all.sort();
    all.dedup();
    let step = all.len().div_ceil(max).max(1);
    let mut out: Vec<Date> = all.iter().step_by(step).copied().collect();
    out.push(*all.last().unwrap());
    out
}

/// Every status on every day, whole country and by jurisdiction, with and
/// without due windows and roles.
fn check(g: &LineageGraph, jurisdictions: &[&str], max_days: usize) {
    let days = days(g, max_days);
    let windows: Vec<(Option<Date>, Option<Date>)> = vec![
        (None, None),
        (Some(days[days.len() / 3]), None),
        (None, Some(days[days.len() / 2])),
        (Some(days[days.len() / 4]), Some(days[3 * days.len() / 4])),
        (Some(days[days.len() / 2]), Some(days[days.len() / 4])), // empty
    ];
    let mut places: Vec<Option<&str>> = vec![None];
    places.extend(jurisdictions.iter().map(|j| Some(*j)));
    let mut nonempty = 0;
    for place in &places {
        for &(from, to) in &windows {
            let mut base = TaskFilter::new();
            if let Some(j) = place {
                base = base.jurisdiction(j);
            }
            if let Some(d) = from {
                base = base.due_from(d);
            }
            if let Some(d) = to {
                base = base.due_to(d);
            }
            same(g, &base);
            for status in TaskStatus::ALL {
                // The corpus's latest date stands in for a missing day.
                same(g, &base.clone().status(status));
                for &day in &days {
                    let f = base.clone().as_of(day);
                    if status == TaskStatus::ALL[0] {
                        same(g, &f);
                    }
                    nonempty += usize::from(same(g, &f.status(status)) > 0);
                }
            }
        }
        for role in [Role::Lead, Role::Cooperating] {
            let mut f = TaskFilter::new().role(role).as_of(days[days.len() / 2]);
            if let Some(j) = place {
                f = f.jurisdiction(j);
            }
            same(g, &f);
            same(g, &f.status(TaskStatus::Overdue));
        }
    }
    assert!(nonempty > 0, "some filters find tasks");
}

#[test]
fn indexed_tasks_equal_the_scan_on_the_bundled_data() {
    let g = LineageGraph::build(Corpus::load(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap());
    let ids: Vec<String> = g.corpus().jurisdictions().iter().map(|j| j.id.clone()).collect();
    let mut js: Vec<&str> = ids.iter().map(String::as_str).collect();
    js.push("nowhere");
    assert!(js.contains(&"hung-yen"), "a jurisdiction that took another over");
    check(&g, &js, 40);
}

#[cfg(feature = "generate")]
#[test]
fn indexed_tasks_equal_the_scan_on_a_generated_corpus() {
    use directive_lineage::generate::{Generator, ProvinceMap};
    for generator in
        [Generator::new(7), Generator::new(8).province_map(ProvinceMap::Before2025).provinces(10)]
    {
        let g = LineageGraph::build(generator.generate());
        let overdue = TaskFilter::new().as_of(Date::new(2027, 1, 1).unwrap()).status(TaskStatus::Overdue);
        assert!(g.task_refs(&overdue).len() > 100);
        let ids: Vec<String> = g.corpus().jurisdictions().iter().map(|j| j.id.clone()).collect();
        let js: Vec<&str> = ids.iter().step_by(ids.len().div_ceil(4)).map(String::as_str).collect();
        check(&g, &js, 16);
    }
}
