#!/usr/bin/env python3
"""Check the notebook export with networkx and pandas.

    cargo run --example export_json -- target/lineage
    python tests/python/check_export.py target/lineage

Loads lineage.json with networkx.node_link_graph, compares counts with
expectations.json (written by the Rust side), reproduces the trace-down of
25-CT/TW#4 and the coverage of 25-CT/TW in Quang Ninh with networkx, and
loads the task and document tables with pandas. Prints every failed check
and exits 1 if there is one.
"""

import json
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pandas as pd

FAILURES = []


def check(ok, message):
    if not ok:
        FAILURES.append(message)
    return ok


def load_graph(data):
    """networkx >= 3.4 takes edges="edges" (3.6 defaults to it); older
    versions only know link=."""
    try:
        return nx.node_link_graph(data, edges="edges")
    except TypeError:
        return nx.node_link_graph(data, link="edges")


def lineage_view(g, with_inferred=False):
    """The graph a trace walks: implements reversed (from the implemented
    clause down to what implements it), contains forward."""
    h = nx.DiGraph()
    h.add_nodes_from(g.nodes)
    for u, v, d in g.edges(data=True):
        if d["type"] == "implements" and (with_inferred or d["provenance"] != "inferred"):
            h.add_edge(v, u)
        elif d["type"] == "contains":
            h.add_edge(u, v)
    return h


def trace_down(g, root, with_inferred=False):
    return {root} | nx.descendants(lineage_view(g, with_inferred), root)


def jurisdiction_family(g, jid):
    """The jurisdiction and every one whose successor chain leads to it."""
    succ = {
        d["jurisdiction"]: d["successor"]
        for _, d in g.nodes(data=True)
        if d["type"] == "jurisdiction" and d["successor"]
    }
    family = {jid}
    changed = True
    while changed:
        changed = False
        for a, b in succ.items():
            if b in family and a not in family:
                family.add(a)
                changed = True
    return family


def main(directory):
    out = Path(directory)
    exp = json.loads((out / "expectations.json").read_text(encoding="utf-8"))
    data = json.loads((out / "lineage.json").read_text(encoding="utf-8"))
    g = load_graph(data)
    print(f"networkx {nx.__version__}, pandas {pd.__version__}: {out}")

    # Counts.
    check(g.is_directed() and g.is_multigraph(), "not a directed multigraph")
    check(g.number_of_nodes() == exp["nodes"], f"nodes: {g.number_of_nodes()} != {exp['nodes']}")
    # Duplicate (source, target, key) triples would merge here and show as a shortfall.
    check(g.number_of_edges() == exp["edges"], f"edges: {g.number_of_edges()} != {exp['edges']}")
    nodes_by_type = Counter(d["type"] for _, d in g.nodes(data=True))
    check(dict(nodes_by_type) == exp["nodes_by_type"], f"nodes by type: {dict(nodes_by_type)} != {exp['nodes_by_type']}")
    edges_by_type = Counter(d["type"] for _, _, d in g.edges(data=True))
    check(dict(edges_by_type) == exp["edges_by_type"], f"edges by type: {dict(edges_by_type)} != {exp['edges_by_type']}")
    check(data["graph"]["as_of"] == exp["as_of"], "graph.as_of differs from the expectations")
    keys = sorted({frozenset(d) for _, d in g.nodes(data=True)}, key=len)
    check(len(keys) == 1, f"nodes do not all have the same attributes: {keys}")
    ekeys = {frozenset(d) for _, _, d in g.edges(data=True)}
    check(len(ekeys) == 1, f"edges do not all have the same attributes: {ekeys}")
    frame = pd.DataFrame(data["nodes"])
    check(len(frame) == exp["nodes"] and frame["id"].is_unique, "pd.DataFrame(nodes) is not one row per node")

    # Trace down, reproduced.
    root = exp["trace"]["root"]
    got = trace_down(g, root, exp["trace"]["with_inferred"])
    want = set(exp["trace"]["ids"])
    check(got == want, f"trace of {root}: only networkx {sorted(got - want)}, only Rust {sorted(want - got)}")
    if root == "vn/2023/ct-tw/25#4":
        # The acceptance: Quang Ninh's II.4 with appendix rows 12-15, Thai Binh's group 4.
        for node in ["quang-ninh/2024/kh-ubnd/162#II.4"] + [
            f"quang-ninh/2024/kh-ubnd/162#PL.{i}" for i in range(12, 16)
        ] + ["thai-binh/2024/kh-syt/56#4"]:
            check(node in got, f"trace of {root} misses {node}")

    # Coverage, reproduced.
    cov = exp["coverage"]
    central = next(
        (n for n, d in g.nodes(data=True) if d["type"] == "document" and d["number"] == cov["central"]), None
    )
    if check(central is not None, f"no document numbered {cov['central']}"):
        family = jurisdiction_family(g, cov["jurisdiction"])
        covered, uncovered = [], []
        groups = [v for _, v, d in g.out_edges(central, data=True) if d["type"] == "contains"]
        for clause in groups:
            below = trace_down(g, clause) - {clause}
            hit = any(
                g.nodes[n]["type"] in ("clause", "task")
                and g.nodes[n]["document"] != central
                and g.nodes[n]["jurisdiction"] in family
                for n in below
            )
            (covered if hit else uncovered).append(clause)
        check(covered == cov["covered"], f"covered: {covered} != {cov['covered']}")
        check(uncovered == cov["uncovered"], f"uncovered: {uncovered} != {cov['uncovered']}")

    # Task status as of the export date.
    overdue = [n for n, d in g.nodes(data=True) if d["task_status"] == "overdue"]
    check(overdue == exp["overdue"], f"overdue: {overdue} != {exp['overdue']}")

    # Tables.
    tasks_csv = pd.read_csv(out / "tasks.csv", dtype=str, keep_default_na=False)
    tasks_json = pd.DataFrame(json.loads((out / "tasks.json").read_text(encoding="utf-8")))
    task_nodes = [n for n, d in g.nodes(data=True) if d["type"] == "task"]
    for name, t in [("tasks.csv", tasks_csv), ("tasks.json", tasks_json)]:
        check(len(t) == exp["tasks"], f"{name}: {len(t)} rows != {exp['tasks']}")
        check(list(t["id"]) == task_nodes, f"{name}: ids differ from the task nodes")
    check(list(tasks_csv["status"]) == list(tasks_json["status"]), "tasks.csv and tasks.json disagree on status")
    check(
        list(tasks_csv["lead"]) == ["; ".join(x) for x in tasks_json["lead"]],
        "tasks.csv lead column is not the JSON list joined with '; '",
    )
    due = pd.to_datetime(tasks_csv["due"].replace("", None), format="%Y-%m-%d")
    check(due.notna().sum() == tasks_json["due"].notna().sum(), "due dates lost in tasks.csv")
    csv_overdue = list(tasks_csv.loc[tasks_csv["status"] == "overdue", "id"])
    check(csv_overdue == exp["overdue"], f"tasks.csv overdue: {csv_overdue}")

    docs_csv = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    docs_json = pd.DataFrame(json.loads((out / "documents.json").read_text(encoding="utf-8")))
    doc_nodes = [n for n, d in g.nodes(data=True) if d["type"] == "document"]
    for name, t in [("documents.csv", docs_csv), ("documents.json", docs_json)]:
        check(len(t) == exp["documents"], f"{name}: {len(t)} rows != {exp['documents']}")
        check(list(t["id"]) == doc_nodes, f"{name}: ids differ from the document nodes")
    check(
        [int(x) for x in docs_csv["tasks"]] == list(docs_json["tasks"]),
        "documents.csv and documents.json disagree on task counts",
    )
    check(sum(int(x) for x in docs_csv["tasks"]) == exp["tasks"], "task counts per document do not add up")

    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed:")
        for f in FAILURES:
            print(f"  FAIL {f}")
        return 1
    print(
        f"ok: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, trace of {root}: {len(got)} nodes, "
        f"{len(tasks_csv)} tasks, {len(docs_csv)} documents"
    )
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(main(sys.argv[1]))
    except Exception as e:  # a crash is a failure too, with its cause
        print(f"FAIL {type(e).__name__}: {e}", file=sys.stderr)
        raise
