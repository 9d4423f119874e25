#!/usr/bin/env bash
# Validate and load agree on every input the repository holds (issue 14): the examples, every
# input folder of the CLI golden tests and the bundled data, each revision against the database
# of the ones before it. For each, `validate --db DB PATHS` and `load --db DB PATHS` must exit
# alike and print the same standard error. (The bad-input catalogue checks its load cases the
# same way: tests/bad-input/run_case.sh.)
#   agree.sh LAWLIST SOURCE_DIR
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export SOURCE_DATE_EPOCH=1709280000 XDG_DATA_HOME="$W/xdg" HOME="$W/home"
unset LAWLIST_DB LAWLIST_JURISDICTION LAWLIST_MAX_FILE_MIB LAWLIST_DATA_DIR LAWLIST_SCHEMA_DIR
cd "$W" || exit 1
fail=0 checked=0

# agree NAME DB PATH...: validate, then load, into DB (created by the load when missing).
agree() {
  local name=$1 db=$2
  shift 2
  # Without a database yet, validate checks the files alone, as a first load does.
  local with_db=()
  [ -e "$db" ] && with_db=(--db "$db")
  "$bin" validate "${with_db[@]}" "$@" >/dev/null 2>"$W/validate.err" </dev/null
  local vstatus=$?
  "$bin" load --db "$db" "$@" >/dev/null 2>"$W/load.err" </dev/null
  local lstatus=$?
  checked=$((checked + 1))
  if [ "$vstatus" != "$lstatus" ]; then
    echo "$name: validate exits $vstatus, load $lstatus"
    cat "$W/validate.err" "$W/load.err"
    fail=1
  elif ! cmp -s "$W/validate.err" "$W/load.err"; then
    echo "$name: validate and load report differently"
    diff "$W/validate.err" "$W/load.err" | head -20
    fail=1
  fi
  return "$lstatus"
}

for example in basic audit-showcase; do
  agree "examples/$example" "$W/$example.db" "$src/examples/$example"
done
while IFS= read -r input; do
  agree "${input#"$src"/}" "$W/case-$checked.db" "$input"
done < <(find "$src/tests/cli" -mindepth 3 -maxdepth 3 -name input -type d | sort)
# The bundled data as lawlist loads it (store::bundled_loads): vocabulary and base, then each
# revision in order.
agree data/base "$W/data.db" "$src/data/vocabulary" "$src/data/base" || fail=1
for revision in $(ls "$src/data/revisions" | sort); do
  agree "data/revisions/$revision" "$W/data.db" "$src/data/revisions/$revision" || fail=1
done
echo "$checked inputs checked"
exit $fail
