#!/usr/bin/env bash
# Prints lawlist's load figures at a county's size (5,100 county items, ~10,700 items in all) and at ~100,000 items, each
# in a fresh process so that the peak memory figure is that size's own; then lawlist audit and
# resolve end to end (reading the bundle from the database included) at ~10,000 and ~100,000 items.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
for items in 5100 47600; do
  build/bench/bench_load --items "$items"
done
build/bench/bench_audit
build/bench/bench_classify
build/bench/bench_retrieval
build/bench/bench_export  # 100,000 items to xlsx and html, beside python3-xlsxwriter
build/bench/bench_import
# One-shot latency of the CLI, process start to exit, with a warm default database.
export XDG_DATA_HOME="${TMPDIR:-/tmp}/lawlist-bench-xdg"
build/cli/lawlist classify "有人半夜往村口空地上倒建筑垃圾" >/dev/null
start=$(date +%s%N)
for _ in $(seq 20); do build/cli/lawlist classify "有人半夜往村口空地上倒建筑垃圾" >/dev/null; done
echo "one-shot classify: $(( ($(date +%s%N) - start) / 20000000 )) ms per run (average of 20)"
# lawlist diff against daff (npm's daff, keyed by code) at ~100,000 items; without daff it says so.
if ! command -v daff >/dev/null && command -v npm >/dev/null; then npm install -g daff >/dev/null || true; fi
build/bench/bench_diff
