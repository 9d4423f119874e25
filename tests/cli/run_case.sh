#!/usr/bin/env bash
# Runs one golden CLI case. A case folder tests/cli/<command>/<case>/ holds:
#   args       the arguments, one per line
#   setup      optional: commands to run first, one per line (arguments split on spaces); each must
#              exit 0 and print nothing on stderr
#   stdout     expected standard output, byte for byte (absent: must be empty)
#   stderr     expected standard error, byte for byte (absent: must be empty)
#   status     expected exit code (absent: 0)
#   env        optional: VAR=value lines set for the command (COLUMNS, for instance)
#   unchanged  present: the database must be byte-for-byte the same before and after (or still
#              absent)
# In args and setup, $DB is a fresh database path, $TMP a scratch folder, $CASE the case folder;
# in outputs, the same paths are written $DB and $TMP, and the repository root (absolute paths of
# the bundled data) $ROOT.
# Run from the repository root, so that paths in messages are stable. With LAWLIST_UPDATE_GOLDEN=1
# the case's stdout, stderr and status are rewritten from this run (review them with git diff).
set -u
bin=$1
case_dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1709280000 XDG_DATA_HOME="$tmp/xdg" HOME="$tmp/home"
unset LAWLIST_DB COLUMNS

expand() {
  sed -e "s|\$DB|$tmp/test.db|g" -e "s|\$TMP|$tmp|g" -e "s|\$CASE|$case_dir|g" "$1"
}
digest() {
  if [ -e "$tmp/test.db" ]; then sha256sum "$tmp/test.db" | cut -d' ' -f1; else echo absent; fi
}

if [ -f "$case_dir/setup" ]; then
  while read -r -a words; do
    [ ${#words[@]} -eq 0 ] && continue
    if ! "$bin" "${words[@]}" >"$tmp/setup.out" 2>"$tmp/setup.err" || [ -s "$tmp/setup.err" ]; then
      echo "setup failed: ${words[*]}"; cat "$tmp/setup.err"; exit 1
    fi
  done < <(expand "$case_dir/setup")
fi

mapfile -t args < <(expand "$case_dir/args")
before=$(digest)
envs=()
[ -f "$case_dir/env" ] && mapfile -t envs < "$case_dir/env"
env "${envs[@]}" "$bin" "${args[@]}" >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
after=$(digest)

# Scratch paths vary from run to run, and the checkout's location from clone to clone; outputs
# name them as $DB, $TMP and $ROOT.
for stream in stdout stderr; do
  sed -i -e "s|$tmp/test.db|\$DB|g" -e "s|$tmp|\$TMP|g" -e "s|$PWD/|\$ROOT/|g" "$tmp/$stream"
done

if [ "${LAWLIST_UPDATE_GOLDEN:-}" = 1 ]; then
  for stream in stdout stderr; do
    if [ -s "$tmp/$stream" ]; then cp "$tmp/$stream" "$case_dir/$stream"; else rm -f "$case_dir/$stream"; fi
  done
  if [ "$status" = 0 ]; then rm -f "$case_dir/status"; else echo "$status" > "$case_dir/status"; fi
fi

fail=0
expected_status=$(cat "$case_dir/status" 2>/dev/null || echo 0)
if [ "$status" != "$expected_status" ]; then
  echo "exit code: expected $expected_status, got $status"; fail=1
fi
for stream in stdout stderr; do
  expected="$case_dir/$stream"
  [ -f "$expected" ] || expected=/dev/null
  if ! cmp -s "$expected" "$tmp/$stream"; then
    echo "$stream differs from $expected:"; diff -u "$expected" "$tmp/$stream" | head -40; fail=1
  fi
done
if [ -f "$case_dir/unchanged" ] && [ "$before" != "$after" ]; then
  echo "database changed: $before -> $after"; fail=1
fi
exit $fail
