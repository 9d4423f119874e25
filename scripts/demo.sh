#!/usr/bin/env bash
# Quick start (1): install what is missing, build, and classify an incident report against the
# bundled data: the violation type, the item, who handles it, the route and the legal basis.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
build/cli/lawlist classify "有人半夜开三轮车往村口空地上倒建筑垃圾"
