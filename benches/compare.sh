#!/usr/bin/env bash
# One command for the networkx comparison: a venv with networkx, the Rust side
# built in release, the three corpora generated (kept between runs), each
# timed by both sides, then the table.
#
#   bash benches/compare.sh                 # 10k, 100k and 1M clauses (about 15 minutes, 12 GB)
#   SIZES="10000" bash benches/compare.sh   # one size
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
OUT=${OUT:-target/compare}
mkdir -p "$OUT"

if [ ! -x "$OUT/venv/bin/python" ]; then
  python3 -m venv "$OUT/venv"
fi
"$OUT/venv/bin/pip" install --quiet --disable-pip-version-check -r benches/requirements.txt

cargo build --release --quiet --features generate --example generate --example bench_ops

pairs=()
for n in $SIZES; do
  d="$OUT/data-$n"
  if [ ! -f "$d/node-link.json" ]; then
    target/release/examples/generate "$d" --clauses "$n" --node-link
  fi
  echo "== $n clauses: Rust" >&2
  target/release/examples/bench_ops "$d" > "$OUT/rust-$n.json"
  echo "== $n clauses: networkx" >&2
  "$OUT/venv/bin/python" benches/compare_networkx.py run "$d/node-link.json" "$OUT/rust-$n.json" > "$OUT/networkx-$n.json"
  pairs+=("$OUT/rust-$n.json" "$OUT/networkx-$n.json")
done

echo
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB, $(lscpu | sed -n 's/^Model name: *//p'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$OUT/venv/bin/python" benches/compare_networkx.py table "${pairs[@]}"
