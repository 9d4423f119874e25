#!/usr/bin/env bash
# Concurrency and crash trials of the store (issue 14): readers during loads, two loads at once,
# parallel first use of the per-user database, and kill -9 at random moments of a load and of a
# first use. Prints the trials and failures of each; every failure count must be 0 (exit 1
# otherwise). Uses build/cli/lawlist and build/bench/lawlist-synth.
#   bash bench/concurrency.sh [ROUNDS]      (default 10; about a minute per 10 rounds)
set -u
cd "$(dirname "$0")/.."
rounds=${1:-10}
bin=$PWD/build/cli/lawlist
synth=$PWD/build/bench/lawlist-synth
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1709280000
unset LAWLIST_DB
total_failures=0
report() {  # name trials failures
  printf '%-40s %5d trials %5d failures\n' "$1" "$2" "$3"
  total_failures=$((total_failures + $3))
}

# Two synthetic sets of the same jurisdictions, different contents: each load is a new revision.
"$synth" --out "$work/set-a" --items 3000 --seed 1 >/dev/null
"$synth" --out "$work/set-b" --items 3000 --seed 2 >/dev/null

# 1. Readers during loads: loads alternate between the two sets while readers query.
db=$work/readers.db
"$bin" load --db "$db" "$work/set-a" --revision r0 >/dev/null
(
  for i in $(seq 1 "$rounds"); do
    set=set-a; [ $((i % 2)) = 1 ] && set=set-b
    "$bin" load --db "$db" "$work/$set" --revision "r$i" >/dev/null 2>>"$work/loads.err"
  done
) &
loader=$!
trials=0 failures=0
while kill -0 "$loader" 2>/dev/null; do
  for command in "items --format csv" "revisions" "classify 有人往河里倒建筑垃圾" "audit"; do
    trials=$((trials + 1))
    # shellcheck disable=SC2086
    "$bin" $command --db "$db" >/dev/null 2>"$work/reader.err"
    status=$?
    # audit exits 1 when it finds something: that is a result, not a failure.
    if [ $status -ge 2 ]; then failures=$((failures + 1)); cat "$work/reader.err" >>"$work/failures.log"; fi
  done
done
wait "$loader" || failures=$((failures + 1))
[ -s "$work/loads.err" ] && { failures=$((failures + 1)); cat "$work/loads.err" >>"$work/failures.log"; }
report "readers during loads" "$trials" "$failures"

# 2. Two first loads of the same files at once: both succeed, the database stays.
trials=0 failures=0
for i in $(seq 1 "$rounds"); do
  trials=$((trials + 1))
  db=$work/two-$i/lists.db
  "$bin" load --db "$db" "$work/set-a" >/dev/null 2>"$work/one.err" &
  "$bin" load --db "$db" "$work/set-a" >/dev/null 2>"$work/two.err" &
  ok=1
  wait %1 || ok=0
  wait %2 || ok=0
  "$bin" revisions --db "$db" >/dev/null 2>>"$work/failures.log" || ok=0
  [ "$(ls -A "$work/two-$i" | grep -vc -- '-wal$\|-shm$')" = 1 ] || ok=0
  [ $ok = 1 ] || { failures=$((failures + 1)); cat "$work/one.err" "$work/two.err" >>"$work/failures.log"; }
done
report "two first loads at once" "$trials" "$failures"

# 3. Parallel first use of the per-user database: six commands on an empty data folder.
trials=0 failures=0
for i in $(seq 1 "$rounds"); do
  export XDG_DATA_HOME=$work/xdg-$i
  pids=()
  for _ in 1 2 3 4 5 6; do
    "$bin" classify 有人往河里倒建筑垃圾 >/dev/null 2>>"$work/first-use.err" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    trials=$((trials + 1))
    wait "$pid" || failures=$((failures + 1))
  done
done
unset XDG_DATA_HOME
[ $failures -gt 0 ] && cat "$work/first-use.err" >>"$work/failures.log"
report "parallel first use (6 at once)" "$trials" "$failures"

# 4. kill -9 at a random moment of a load: afterwards the database reads, and holds either the
# revisions from before or those with the load (one per list set of the load, none torn).
trials=0 failures=0
db=$work/killed.db
"$bin" load --db "$db" "$work/set-a" --revision k0 >/dev/null
for i in $(seq 1 "$rounds"); do
  trials=$((trials + 1))
  before=$("$bin" revisions --db "$db" --format csv 2>/dev/null | wc -l)
  set=set-a; [ $((i % 2)) = 1 ] && set=set-b
  sets=$(find "$work/$set" -name jurisdiction.yaml | wc -l)
  "$bin" load --db "$db" "$work/$set" --revision "k$i" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  after=$("$bin" revisions --db "$db" --format csv 2>>"$work/failures.log" | wc -l)
  if ! "$bin" items --db "$db" --format csv >/dev/null 2>>"$work/failures.log" ||
    { [ "$after" != "$before" ] && [ "$after" != $((before + sets)) ]; }; then
    failures=$((failures + 1))
  fi
done
report "kill -9 during a load" "$trials" "$failures"

# 5. kill -9 at a random moment of a first use; the next command must work.
trials=0 failures=0
for i in $(seq 1 "$rounds"); do
  trials=$((trials + 1))
  export XDG_DATA_HOME=$work/xdg-kill-$i
  "$bin" revisions >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$bin" classify 有人往河里倒建筑垃圾 >/dev/null 2>>"$work/failures.log" || failures=$((failures + 1))
done
unset XDG_DATA_HOME
report "kill -9 during first use" "$trials" "$failures"

if [ -s "$work/failures.log" ]; then
  echo "--- messages of the failures (first 20 lines):"
  head -n 20 "$work/failures.log"
fi
[ $total_failures = 0 ]
