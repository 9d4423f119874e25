#!/usr/bin/env bash
# Provincial scale (issue 21): the commands end to end, one process each, on synthetic sets of
# about 10k, 100k and 1M items: elapsed time and peak memory (/usr/bin/time) of load, audit,
# one-shot resolve and classify, items -j of one township, and a classify batch of 20,000
# realistic messages (jsonl) on the bundled data; beside them their peers: sqlite3 .import of the
# same items as CSV, and jieba + BM25 in Python over the same thesaurus
# (bench/jieba_bm25_baseline.py). With BEFORE=path/to/an/older/lawlist the same runs of that
# binary are printed beside (databases it cannot read are loaded by it).
#   nice -n 5 bash bench/scale.sh [COUNTY_ITEMS...]     (default 4720 47200 472000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-4720 47200 472000}")
read -r -a sizes <<< "${sizes[*]}"
synth=$PWD/build/bench/lawlist-synth
work=${WORK:-$(mktemp -d)}
export SOURCE_DATE_EPOCH=1709280000
unset LAWLIST_DB
bins=("after=$PWD/build/cli/lawlist")
[ -n "${BEFORE:-}" ] && bins=("before=$BEFORE" "${bins[@]}")

# name command...: one line "name  elapsed s  processor s  peak MiB" (processor time is the
# steadier figure on a machine shared with other work).
measure() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
  read -r elapsed user system kib < "$work/time"
  printf '%-44s %8.2f s %8.2f s cpu %8.0f MiB\n' "$name" "$elapsed" \
    "$(echo "$user + $system" | bc)" "$((kib / 1024))"
}

for n in "${sizes[@]}"; do
  [ -d "$work/src-$n" ] || "$synth" --out "$work/src-$n" --items "$n" > "$work/synth-$n.txt"
  echo "== $(cat "$work/synth-$n.txt")"
  for entry in "${bins[@]}"; do
    tag=${entry%%=*}; bin=${entry#*=}; db=$work/$tag-$n.db
    rm -f "$db"
    measure "$tag load" "$bin" load "$work/src-$n" --db "$db"
    measure "$tag audit" "$bin" audit --db "$db" --format jsonl
    # Where the audit's time goes: reading the bundle and the rules (the build's bench_audit).
    if [ "$tag" = after ]; then
      "$PWD/build/bench/bench_audit" --db "$db" --runs 1 | grep -E '^  (read the lists|audit::run|peak)'
    fi
    measure "$tag resolve vt-7 -j town-03" "$bin" resolve vt-7 -j town-03 --db "$db"
    measure "$tag classify one incident -j town-03" "$bin" classify "有人擅自倾倒建筑垃圾" -j town-03 --db "$db"
    measure "$tag items -j town-03 (csv)" "$bin" items -j town-03 --db "$db" --format csv
  done
  # The peer of a load: sqlite3 importing the same items as CSV, indexed as lawlist's item table
  # (by revision and body, by delegation, by revision).
  "$bin" items --db "$db" --format csv > "$work/items-$n.csv"
  rm -f "$work/peer-$n.db"
  measure "peer: sqlite3 .import of the items" sqlite3 "$work/peer-$n.db" \
    ".import --csv $work/items-$n.csv item" \
    "CREATE INDEX item_by_body ON item (revision, subject_id);" \
    "CREATE INDEX item_by_delegation ON item (delegation_from, delegation_item);" \
    "CREATE INDEX item_by_revision ON item (revision);"
  # The floor under a load's reading: libyaml's events of the same files, nothing built.
  measure "floor: libyaml events of the files" "$PWD/build/bench/yaml_scan" \
    $(find "$work/src-$n" -name '*.yaml' | sort)
done

# A batch: the realistic messages of tests/data, cycled to 20,000, against the bundled data.
grep -v '^#' tests/data/realistic-measure.tsv | cut -f1 > "$work/one.txt"
: > "$work/batch.txt"
while [ "$(wc -l < "$work/batch.txt")" -lt 20000 ]; do cat "$work/one.txt" >> "$work/batch.txt"; done
head -n 20000 "$work/batch.txt" > "$work/batch-20k.txt"
echo "== classify --input: 20,000 realistic messages, bundled data"
for entry in "${bins[@]}"; do
  tag=${entry%%=*}; bin=${entry#*=}; db=$work/$tag-bundled.db
  rm -f "$db"
  "$bin" load data/vocabulary data/base --db "$db" >/dev/null
  for r in data/revisions/*/; do "$bin" load "$r" --db "$db" >/dev/null; done
  measure "$tag classify batch, jsonl, one thread" "$bin" classify --input "$work/batch-20k.txt" --db "$db" --format jsonl --threads 1
  measure "$tag classify batch, jsonl, one thread per core" "$bin" classify --input "$work/batch-20k.txt" --db "$db" --format jsonl
done
# The peer of a batch: jieba + BM25 in Python over the same thesaurus (python3-jieba).
if /usr/bin/python3 -c 'import jieba' 2>/dev/null; then
  measure "peer: jieba + BM25 (python3), jsonl" /usr/bin/python3 bench/jieba_bm25_baseline.py \
    data/vocabulary "$work/batch-20k.txt"
else
  echo "peer: jieba + BM25 skipped (apt-get install python3-jieba)"
fi
[ -n "${WORK:-}" ] || rm -rf "$work"
