#!/usr/bin/env python3
"""The lineage operations in networkx, on the node-link JSON the library exports,
timed as a notebook user would run them, beside the Rust side's timings.

    compare_networkx.py run NODE_LINK RUST_JSON > PY_JSON
        RUST_JSON is what `bench_ops` printed for the same data directory: its
        starting points are used here, so both sides answer the same queries.
        Prints this side's medians (JSON) and a table to stderr.
    compare_networkx.py table RUST_JSON PY_JSON [RUST_JSON PY_JSON ...]
        Markdown table of every size side by side, with ratios and peak memory.

benches/compare.sh runs both sides for the three sizes in one go.
"""

import json
import resource
import statistics
import sys
import time

import networkx as nx

OPS = [
    ("load_first", "load in a fresh process (JSON → graph), median of 5"),
    ("load", "load (JSON → graph), median"),
    ("load_two_step", "load in two steps (`Corpus::load` + `build`)"),
    ("validate", "validate"),
    ("trace_down", "trace down, central clause"),
    ("trace_up", "trace up, commune task"),
    ("coverage_all", "coverage, one directive, all provinces"),
    ("tasks_overdue", "tasks overdue, whole country"),
    ("tasks_overdue_province", "tasks overdue, one province"),
    ("dot_trace", "DOT of one directive's trace"),
    ("export_node_link", "node-link export"),
]


def timed(fn, min_reps=3, min_time=1.0, max_reps=1000):
    samples, result = [], None
    start = time.perf_counter()
    while True:
        t = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t) * 1e3)
        if len(samples) >= max_reps or (len(samples) >= min_reps and time.perf_counter() - start >= min_time):
            break
    return statistics.median(samples), len(samples), result


def load(path):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    try:
        return nx.node_link_graph(d, edges="edges")
    except TypeError:  # networkx < 3.4 names the key `link`
        return nx.node_link_graph(d, link="edges")


def edge_types(adj):
    """Types of the parallel edges of one neighbour (a multigraph keeps a dict of them)."""
    return [a.get("type") for a in adj.values()]


def trace_down(G, start):
    """Breadth-first: what implements a node (stated or curated), and the parts of what is reached."""
    seen, order, i = {start}, [start], 0
    pred, succ = G.pred, G.succ
    while i < len(order):
        n = order[i]
        i += 1
        for u, keys in pred[n].items():
            if u not in seen and any(a.get("type") == "implements" and a.get("provenance") != "inferred" for a in keys.values()):
                seen.add(u)
                order.append(u)
        for v, keys in succ[n].items():
            if v not in seen and "contains" in edge_types(keys):
                seen.add(v)
                order.append(v)
    return order


def trace_up(G, start):
    """Every chain to a root: implements links up, else the containing node."""
    chains, stack = [], [[start]]
    while stack:
        path = stack.pop()
        n = path[-1]
        nxt = [v for v, keys in G.succ[n].items()
               if any(a.get("type") == "implements" and a.get("provenance") != "inferred" for a in keys.values())]
        if not nxt:
            nxt = [u for u, keys in G.pred[n].items() if "contains" in edge_types(keys)]
        nxt = [m for m in nxt if m not in path]
        if not nxt:
            chains.append(path)
            continue
        for m in reversed(nxt):
            stack.append(path + [m])
    return chains


def clauses_of(G, doc):
    out, stack = [], [doc]
    while stack:
        n = stack.pop()
        for v, keys in G.succ[n].items():
            if "contains" in edge_types(keys):
                out.append(v)
                stack.append(v)
    return out


def coverage(G, directive):
    nodes = G.nodes
    total = 0
    for c in clauses_of(G, directive):
        for n in trace_down(G, c)[1:]:
            a = nodes[n]
            if a.get("type") in ("clause", "task") and a.get("document") != directive:
                total += 1
    return total


def overdue(G, as_of, family=None):
    out = []
    for n, a in G.nodes(data=True):
        if a.get("type") != "task":
            continue
        if family is not None and a.get("jurisdiction") not in family:
            continue
        done = a.get("completed")
        if done and done <= as_of:
            continue
        if a.get("deadline_kind") in ("ongoing", "from"):
            continue
        due = a.get("due")
        if due and as_of > due:
            out.append(n)
    return out


def family_of(G, j):
    fam, i = [j], 0
    while i < len(fam):
        for n, a in G.nodes(data=True):
            if a.get("type") == "jurisdiction" and a.get("successor") == fam[i] and a.get("jurisdiction") not in fam:
                fam.append(a.get("jurisdiction"))
        i += 1
    return set(fam)


def validate(G):
    """What networkx can check of the library's rules: implements cycles,
    implements pointing to a lower level, deadlines before the date of issue."""
    rank = {"central": 0, "province": 1, "district": 2, "commune": 3}
    H = nx.DiGraph()
    problems = 0
    nodes = G.nodes
    for u, v, t in G.edges(data="type"):
        if t == "implements":
            H.add_edge(u, v)
            if rank.get(nodes[u].get("level"), 9) < rank.get(nodes[v].get("level"), 9):
                problems += 1
    if not nx.is_directed_acyclic_graph(H):
        problems += len(list(nx.simple_cycles(H)))
    for n, a in G.nodes(data=True):
        if a.get("type") == "task" and a.get("due") and a.get("date") and a["due"] < a["date"]:
            problems += 1
    return problems


def dot_trace(G, directive):
    """The directive's trace as DOT: the subgraph with its attributes, through pydot."""
    H = G.subgraph(trace_down(G, directive))
    return len(nx.nx_pydot.to_pydot(H).to_string())


def export_node_link(G):
    try:
        d = nx.node_link_data(G, edges="edges")
    except TypeError:
        d = nx.node_link_data(G, link="edges")
    return len(json.dumps(d, ensure_ascii=False, indent=2))


def run(node_link, rust_json):
    with open(rust_json) as f:
        rust = json.load(f)
    p = rust["params"]
    ops = {}

    def record(name, res):
        ms, reps, answer = res
        ops[name] = {"median_ms": ms, "reps": reps, "answer": answer}
        print(f"{name:>24}: {ms:12.3f} ms  ({reps} reps, answer {answer})", file=sys.stderr)

    big = rust["clauses"] > 300_000
    G = None

    def do_load():
        nonlocal G
        G = None  # one graph at a time
        G = load(node_link)
        return G.number_of_nodes()

    record("load", timed(do_load, min_reps=1 if big else 3, min_time=0 if big else 1.0))
    record("validate", timed(lambda: validate(G), min_reps=1 if big else 3, min_time=0 if big else 1.0))
    record("trace_down", timed(lambda: len(trace_down(G, p["trace_down"]))))
    record("trace_up", timed(lambda: len(trace_up(G, p["trace_up"]))))
    record("coverage_all", timed(lambda: coverage(G, p["directive"])))
    record("tasks_overdue", timed(lambda: len(overdue(G, p["as_of"])), min_reps=3 if big else 5))
    fam = family_of(G, p["province"])
    record("tasks_overdue_province", timed(lambda: len(overdue(G, p["as_of"], fam)), min_reps=3 if big else 5))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    record("dot_trace", timed(lambda: dot_trace(G, p["directive"]), min_reps=1 if big else 3, min_time=0 if big else 1.0))
    if not big:
        record("export_node_link", timed(lambda: export_node_link(G), min_reps=1, min_time=0))
    out = {
        "networkx": nx.__version__,
        "python": sys.version.split()[0],
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "ops": ops,
        "peak_rss_kb": peak,
        "peak_rss_with_export_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    json.dump(out, sys.stdout, indent=2)
    print()


def fmt_ms(ms):
    if ms is None:
        return "n/a"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 1:
        return f"{ms:.1f} ms"
    return f"{ms * 1000:.0f} µs"


def table(files):
    pairs = []
    for r, p in zip(files[::2], files[1::2]):
        with open(r) as f:
            rust = json.load(f)
        with open(p) as f:
            py = json.load(f)
        pairs.append((rust, py))
    head = "| operation | " + " | ".join(
        f"{r['clauses']:,} clauses: ours | networkx | ratio" for r, _ in pairs) + " |"
    print(head)
    print("|---|" + "---:|---:|---:|" * len(pairs))
    mismatches = []
    for key, label in OPS:
        cells = []
        for rust, py in pairs:
            a = rust["ops"].get(key)
            # Both ways of loading compare with networkx's one.
            b = py["ops"].get("load" if key.startswith("load") else key)
            ours = a and a["median_ms"]
            theirs = b and b["median_ms"]
            ratio = f"{theirs / ours:,.0f}×" if ours and theirs else "n/a"
            cells += [fmt_ms(ours), fmt_ms(theirs), ratio]
            if a and b and key not in ("load_first", "load", "load_two_step", "validate", "export_node_link", "dot_trace") and a["answer"] != b["answer"]:
                mismatches.append(f"{key} at {rust['clauses']}: ours {a['answer']}, networkx {b['answer']}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    cells = []
    for rust, py in pairs:
        cells += [f"{rust['peak_rss_kb'] / 1024:,.0f} MB", f"{py['peak_rss_kb'] / 1024:,.0f} MB",
                  f"{py['peak_rss_kb'] / rust['peak_rss_kb']:.1f}×"]
    print("| peak memory (RSS) | " + " | ".join(cells) + " |")
    cells = []
    for rust, py in pairs:
        cells += [f"{rust['corpus_bytes'] / 1e6:,.0f} MB corpus JSON",
                  f"{rust.get('node_link_bytes', 0) / 1e6:,.0f} MB node-link JSON",
                  f"peak {rust['peak_rss_kb'] * 1024 / rust['corpus_bytes']:.2f}× corpus"]
    print("| input | " + " | ".join(cells) + " |")
    print()
    for rust, py in pairs:
        p = rust["params"]
        print(f"- {rust['clauses']:,} clauses ({rust['documents']:,} documents, {rust['nodes']:,} nodes, "
              f"{rust['edges']:,} edges): trace down from `{p['trace_down']}` "
              f"({rust['ops']['trace_down']['answer']:,} nodes), trace up from `{p['trace_up']}`, "
              f"coverage of `{p['directive']}`, overdue as of {p['as_of']}, province `{p['province']}`.")
    if pairs:
        print(f"- networkx {pairs[0][1]['networkx']}, Python {pairs[0][1]['python']}.")
    for m in mismatches:
        print(f"- ANSWER MISMATCH: {m}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and sys.argv[1] == "table" and len(sys.argv) % 2 == 0:
        table(sys.argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
