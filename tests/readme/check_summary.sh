#!/usr/bin/env bash
# README's dataset summary must be what `lawlist summary --format markdown` prints for the bundled
# data (built into a scratch default database), byte for byte.
set -euo pipefail
bin=$1
readme=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp" HOME="$tmp"
unset LAWLIST_DB
"$bin" summary --format markdown > "$tmp/expected"
sed -n '/<!-- summary:begin -->/,/<!-- summary:end -->/p' "$readme" | sed '1d;$d' > "$tmp/actual"
if ! diff -u "$tmp/expected" "$tmp/actual"; then
  echo "README.md's summary is out of date: regenerate it with lawlist summary --format markdown"
  exit 1
fi
