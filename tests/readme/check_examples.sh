#!/usr/bin/env bash
# Runs README's checked examples: each ```console block right after a line
# `<!-- example: checked -->`. In a block, a line `$ lawlist ...` is a command (run by bash from the
# repository root, `lawlist` being the binary under test) and the lines up to the next command or
# the closing fence are its expected standard output, byte for byte. The commands share one
# scratch per-user database built from the bundled data, in README order.
set -euo pipefail
bin=$1
readme=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg" HOME="$tmp/home" SOURCE_DATE_EPOCH=1709280000
unset LAWLIST_DB LAWLIST_JURISDICTION COLUMNS
cd "$(dirname "$readme")"

# Splits the checked blocks into $tmp/N.cmd (the command line) and $tmp/N.out (its output).
awk -v dir="$tmp" '
  /^<!-- example: checked -->$/ { armed = 1; next }
  armed && /^```console$/ { inside = 1; armed = 0; next }
  { armed = 0 }
  inside && /^```$/ { inside = 0; next }
  inside && /^\$ / { n++; printf "%s\n", substr($0, 3) > (dir "/" n ".cmd"); printf "" > (dir "/" n ".out"); next }
  inside { print > (dir "/" n ".out") }
' "$(basename "$readme")"

count=$(find "$tmp" -maxdepth 1 -name '*.cmd' | wc -l)
if [ "$count" -eq 0 ]; then
  echo "no checked examples found in $readme"; exit 1
fi
export bin
fail=0
for ((i = 1; i <= count; i++)); do
  command=$(cat "$tmp/$i.cmd")
  bash -c "lawlist() { \"\$bin\" \"\$@\"; }; $command" >"$tmp/$i.actual" 2>"$tmp/$i.err" || true
  if ! cmp -s "$tmp/$i.out" "$tmp/$i.actual" || [ -s "$tmp/$i.err" ]; then
    echo "README example differs: \$ $command"
    diff -u "$tmp/$i.out" "$tmp/$i.actual" | head -30 || true
    cat "$tmp/$i.err"
    fail=1
  fi
done
exit $fail
