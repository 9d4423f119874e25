#!/usr/bin/env bash
# Quick start (2): install what is missing, build, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
