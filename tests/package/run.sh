#!/usr/bin/env bash
# Installs the build into a scratch prefix, builds tests/package against it with find_package,
# and runs the result and the installed CLI on a copy of the example list set with the source
# tree hidden (an empty folder mounted over it in a private mount namespace), so that nothing
# installed can lean on the source's schemas or data.
set -euo pipefail
build=$1
source_dir=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$source_dir/tests/package" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
cp -r "$source_dir/examples/basic" "$tmp/basic"
mkdir "$tmp/empty" "$tmp/home"
cat >"$tmp/check.sh" <<CHECK
set -euo pipefail
cd "$tmp"
unset LAWLIST_SCHEMA_DIR LAWLIST_DATA_DIR LAWLIST_DB LAWLIST_JURISDICTION
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/data"
if test -e "$source_dir/examples"; then echo "HIDDEN=no"; else echo "HIDDEN=yes"; fi
output=\$("$tmp/consumer/consumer" "$tmp/basic")
test "\$output" = "2 jurisdictions, 5 items" || { echo "unexpected output: \$output"; exit 1; }
# The installed CLI finds its schemas and bundled data: validate, and a first use of the default
# database (built from the installed data).
"$tmp/prefix/bin/lawlist" validate "$tmp/basic" >/dev/null
"$tmp/prefix/bin/lawlist" validate "$tmp/prefix/share/lawlist/data/base" \
  "$tmp/prefix/share/lawlist/data/vocabulary" >/dev/null
"$tmp/prefix/bin/lawlist" revisions >/dev/null
CHECK
if unshare -rm true 2>/dev/null; then
  unshare -rm bash -c "mount --bind '$tmp/empty' '$source_dir' && bash '$tmp/check.sh'" >"$tmp/out"
  grep -q "HIDDEN=yes" "$tmp/out" || { cat "$tmp/out"; echo "the source tree was not hidden"; exit 1; }
else
  echo "note: no user namespaces here; the source tree stays visible during the check"
  bash "$tmp/check.sh" >/dev/null
fi
echo "package ok"
