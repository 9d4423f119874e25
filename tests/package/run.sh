#!/usr/bin/env bash
# Installs the build into a scratch prefix, builds tests/package against it with find_package,
# and runs the result on the example list set.
set -euo pipefail
build=$1
source_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$source_dir/tests/package" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
output=$("$tmp/consumer/consumer" "$source_dir/examples/basic")
test "$output" = "2 jurisdictions, 5 items" || { echo "unexpected output: $output"; exit 1; }
# The installed CLI finds its installed schemas and bundled data.
"$tmp/prefix/bin/lawlist" validate "$tmp/prefix/share/lawlist/data/base" "$tmp/prefix/share/lawlist/data/vocabulary" >/dev/null
echo "package ok"
