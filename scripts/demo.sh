#!/usr/bin/env bash
# Quick start (1): install what is missing, build, and run lawlist on the bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
build/cli/lawlist items --jurisdiction shihe-town --category 行政强制
