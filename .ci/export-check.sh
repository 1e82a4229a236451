#!/usr/bin/env bash
# The notebook side of the export, checked for real (never skipped):
# node-link JSON and tables read back by networkx and pandas, counts and one
# trace compared with the Rust side, the notebook executed headless.
# Called by .ci/run; any failure fails it. Needs python3 (with venv) and
# network access to PyPI on the first run; the venv is reused afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/lineage
VENV=${EXPORT_VENV:-target/export-venv}

step() { printf '\n== export: %s\n' "$*"; }

step "python venv ($VENV)"
if ! python3 -m venv "$VENV"; then
  # Debian ships venv without ensurepip until python3-venv is installed.
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq python3-venv >/dev/null
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt

step "export_json example"
rm -rf "$OUT"
cargo run --quiet --example export_json -- "$OUT"

step "networkx and pandas check"
"$VENV/bin/python" tests/python/check_export.py "$OUT"

step "notebook"
MPLBACKEND=Agg LINEAGE_EXPORT="$PWD/$OUT" "$VENV/bin/jupyter" nbconvert --to notebook --execute \
  --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 \
  --output-dir "$OUT" --output lineage.executed examples/lineage.ipynb
test -s "$OUT/lineage.executed.ipynb"
test -s "$OUT/task_status.png"
echo "export check passed"
