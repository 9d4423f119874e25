#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for a set time (seconds,
# default 600) on a copy of its corpus (fuzz/corpus/<target>/), niced. Findings are written to
# build-fuzz/findings/<target>/; the script exits 1 when any target found something.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -u
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_yaml_reader fuzz_incident_input fuzz_classify)
command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (apt-get install clang)"; exit 2; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DLAWLIST_FUZZ=ON -DLAWLIST_BUILD_TESTS=OFF -DLAWLIST_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null ||
  exit 2
nice -n 10 cmake --build build-fuzz -j2 --target "${targets[@]}" >/dev/null || exit 2
found=0
for target in "${targets[@]}"; do
  work=build-fuzz/corpus/$target findings=build-fuzz/findings/$target
  rm -rf "$findings"  # findings of an earlier run are not this run's
  mkdir -p "$work" "$findings"
  cp -n fuzz/corpus/$target/* "$work/" 2>/dev/null
  echo "fuzz: $target for $seconds s"
  ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    nice -n 10 "build-fuzz/fuzz/$target" -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=4096 -timeout=10 -artifact_prefix="$findings/" -print_final_stats=1 \
    "$work" >"build-fuzz/$target.log" 2>&1
  status=$?
  tail -n 12 "build-fuzz/$target.log" | grep -E "stat::number_of_executed_units|Done|ERROR|SUMMARY"
  if [ $status -ne 0 ] || [ -n "$(ls -A "$findings")" ]; then
    echo "fuzz: $target FOUND something (exit $status): see build-fuzz/$target.log and $findings/"
    found=1
  fi
done
exit $found
