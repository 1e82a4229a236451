#!/usr/bin/env bash
# Builds the fuzz targets (for CI: build only, do not run long).
#
# cargo-fuzz needs nightly features; on a stable toolchain RUSTC_BOOTSTRAP=1
# unlocks them. Without cargo-fuzz, the targets are built as plain
# libfuzzer-sys binaries with the same coverage instrumentation (also
# forced by FUZZ_PLAIN=1); they run the same way, without AddressSanitizer.
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${FUZZ_PLAIN:-}" ] && cargo fuzz --version >/dev/null 2>&1; then
  RUSTC_BOOTSTRAP=1 cargo fuzz build -O "$@"
else
  # An explicit --target keeps the instrumentation out of build scripts.
  RUSTFLAGS="${RUSTFLAGS:-} -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions" \
    cargo build --release --bins --target "$(rustc -vV | sed -n 's/^host: //p')" "$@"
fi
