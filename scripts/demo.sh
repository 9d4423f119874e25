#!/usr/bin/env bash
# Quick start (1): install what is missing, build the command-line tool only (on every core),
# install it into a user-level prefix (~/.local: bin/lawlist, share/lawlist/{data,schemas}) and
# classify an incident report against the bundled data. LAWLIST_PREFIX names another prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh lawlist
prefix=${LAWLIST_PREFIX:-$HOME/.local}
cmake --install build --prefix "$prefix" --component cli >/dev/null
echo "demo: installed $prefix/bin/lawlist" >&2
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "demo: $prefix/bin is not on your PATH; add it (e.g. in ~/.profile):" >&2
     echo "      export PATH=\"$prefix/bin:\$PATH\"" >&2 ;;
esac
"$prefix/bin/lawlist" classify "有人半夜开三轮车往村口空地上倒建筑垃圾"
