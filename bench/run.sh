#!/usr/bin/env bash
# Prints lawlist's load figures at a county's size (5,100 county items, ~10,700 items in all) and at ~100,000 items, each
# in a fresh process so that the peak memory figure is that size's own; then audit and resolution
# at two sizes 10x apart.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m)"
for items in 5100 47600; do
  build/bench/bench_load --items "$items"
done
build/bench/bench_audit
