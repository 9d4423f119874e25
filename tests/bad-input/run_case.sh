#!/usr/bin/env bash
# Runs one case of the bad-input catalogue (cases.txt beside this script). A case is a block:
#   === name           the kind of bad input
#   do: COMMAND        optional, repeatable: shell lines that make the input in the work folder
#                      $W (which holds a copy of examples/basic as $W/basic)
#   run: ARGS          the lawlist arguments ($W, $DB expanded; quoted and split as by a shell)
#   env: NAME=VALUE    optional: an environment variable for the run
#   stdout: FILE       optional: where standard output goes (e.g. /dev/full)
#   status: N          the expected exit code
#   match: ERE         a pattern standard error must contain (empty: standard error is empty)
#   limit: SECONDS     optional: time allowed (default 60; a case about quadratic work sets less)
#   agree: no          optional: a load case whose failure validate cannot see (the database)
# Before each case $DB holds examples/basic. Every case also checks: no crash, no "internal
# error", done within the time limit, the database byte-identical and no -journal/-wal left beside it; a
# `load` case is run as `validate` too (same files, same --db), which must give the same exit code
# and the same standard error.
set -u
bin=$(realpath "$1")
cases=$2
name=$3
root=$PWD
W=$(mktemp -d)
trap 'chmod -R u+rwx "$W" 2>/dev/null; rm -rf "$W"' EXIT
DB=$W/db/lawlist.db
export SOURCE_DATE_EPOCH=1709280000 XDG_DATA_HOME="$W/xdg" HOME="$W/home" W DB
unset LAWLIST_DB LAWLIST_JURISDICTION LAWLIST_MAX_FILE_MIB

block=$(awk -v n="=== $name" '$0 == n {on = 1; next} /^=== / {on = 0} on' "$cases")
if [ -z "$block" ]; then echo "no case '$name' in $cases"; exit 1; fi
field() { printf '%s\n' "$block" | sed -n "s/^$1: //p"; }

cp -r "$root/examples/basic" "$W/basic"
mkdir -p "$W/db"
if ! "$bin" load --db "$DB" "$W/basic" >/dev/null 2>"$W/setup.err"; then
  echo "setup failed:"; cat "$W/setup.err"; exit 1
fi
while IFS= read -r line; do
  (cd "$W" && bash -c "$line") || { echo "do: failed: $line"; exit 1; }
done < <(field do)

# Split like a shell line, so that '' passes an empty argument.
eval "args=($(field run | sed -e "s|\$W|$W|g" -e "s|\$DB|$DB|g"))"
expected_status=$(field status)
pattern=$(field match)
out=$(field stdout)
out=${out:-$W/stdout}
env_args=()
while IFS= read -r e; do [ -n "$e" ] && env_args+=("$e"); done < <(field env)

before=$(sha256sum "$DB" | cut -d' ' -f1)
limit=$(field limit)
limit=${limit:-60}
timeout "$limit" env "${env_args[@]}" "$bin" "${args[@]}" >"$out" 2>"$W/stderr" </dev/null
status=$?
after=$(sha256sum "$DB" | cut -d' ' -f1)

fail=0
if [ "$status" = 124 ]; then echo "timed out after $limit s"; fail=1; fi
if [ "$status" -ge 128 ] 2>/dev/null; then echo "killed by signal $((status - 128))"; fail=1; fi
if [ "$status" != "$expected_status" ]; then
  echo "exit code: expected $expected_status, got $status"; fail=1
fi
if [ -z "$pattern" ] && [ -s "$W/stderr" ]; then
  echo "stderr is not empty:"; head -c 2000 "$W/stderr"; echo; fail=1
elif [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$W/stderr"; then
  echo "stderr does not match /$pattern/:"; head -c 2000 "$W/stderr"; echo; fail=1
fi
if grep -q "internal error" "$W/stderr"; then echo "internal error reported"; fail=1; fi
if [ "$before" != "$after" ]; then echo "database changed"; fail=1; fi
for leftover in "$DB-journal" "$DB-wal"; do
  if [ -s "$leftover" ]; then echo "left behind: $leftover"; fail=1; fi
done
if [ "${args[0]}" = load ] && [ "$(field agree)" != no ]; then
  # validate must agree with load on the same files and database: same exit code, same report.
  vargs=(validate)
  skip=0
  for a in "${args[@]:1}"; do
    if [ $skip = 1 ]; then skip=0; continue; fi
    case $a in --revision) skip=1 ;; --revision=*) ;; *) vargs+=("$a") ;; esac
  done
  timeout 60 env "${env_args[@]}" "$bin" "${vargs[@]}" >/dev/null 2>"$W/validate.err" </dev/null
  vstatus=$?
  if grep -q -- "--revision\|already exists" "$W/stderr"; then
    :  # the revision label is the load's alone: validate has none to check
  elif [ "$vstatus" != "$status" ]; then
    echo "validate exits $vstatus where load exits $status"; cat "$W/validate.err"; fail=1
  elif ! cmp -s "$W/validate.err" "$W/stderr"; then
    echo "validate reports differently from load:"; diff "$W/validate.err" "$W/stderr" | head -20
    fail=1
  fi
fi
exit $fail
