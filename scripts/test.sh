#!/usr/bin/env bash
# Runs every test: a normal build, then the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer. Expects the dependencies
# of scripts/setup.sh to be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

# The README's first command builds Release: optimisation brings warnings
# of its own (GCC's maybe-uninitialized), and -Werror makes them errors.
echo "== build Release and run kpi demo (the README's first command)"
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j"$jobs" >/dev/null
demo_dir=$(mktemp -d "${TMPDIR:-/tmp}/kpi-ci-demo.XXXXXX")
build-release/kpi demo -o "$demo_dir/out" >/dev/null 2>"$demo_dir/err" || {
  cat "$demo_dir/err"; exit 1; }
rm -rf "$demo_dir"

echo "== build and test (Debug)"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-test -j"$jobs" >/dev/null
ctest --test-dir build-test --output-on-failure -j"$jobs"

echo "== build and test under ASan + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DKPI_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

# Every libFuzzer target of fuzz/ for a bounded time (docs/FUZZING.md),
# two at a time on the 2-core CI machine. KPI_FUZZ_SECONDS=0 skips this.
fuzz_seconds=${KPI_FUZZ_SECONDS:-60}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo "== fuzz every reader for ${fuzz_seconds} s each (ASan + UBSan)"
  targets=(fuzz_dataset fuzz_config fuzz_budget_csv fuzz_xlsx fuzz_xls fuzz_map
           fuzz_init fuzz_compare)
  cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DKPI_FUZZ=ON \
    -DKPI_SANITIZE=ON -DKPI_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build build-fuzz -j"$jobs" --target "${targets[@]}" >/dev/null
  fuzz_work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-ci-fuzz.XXXXXX")
  fuzz_one() { # fuzz_one TARGET: exit status of the fuzzer
    local t=$1 max_len=65536 asan=detect_leaks=1 dict=()
    case $t in
    fuzz_dataset) max_len=32768 dict=(-dict="$PWD/fuzz/kpi.dict") ;;
    fuzz_config | fuzz_init) max_len=8192 dict=(-dict="$PWD/fuzz/kpi.dict") ;;
    # freexl's own iconv bug in the forked reader (docs/FUZZING.md).
    fuzz_xls) asan=$asan:suppressions=$PWD/fuzz/asan-freexl.supp ;;
    esac
    mkdir -p "$fuzz_work/$t/new" "$fuzz_work/$t/art"
    # The committed corpus is only read; new inputs go to a scratch dir.
    (cd "$fuzz_work/$t" &&
      ASAN_OPTIONS=$asan UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$OLDPWD/build-fuzz/fuzz/$t" -max_total_time="$fuzz_seconds" \
        -timeout=10 -rss_limit_mb=2048 -max_len=$max_len \
        "${dict[@]}" -artifact_prefix="$fuzz_work/$t/art/" \
        -print_final_stats=1 new "$OLDPWD/fuzz/corpus/$t" \
        >"$fuzz_work/$t.log" 2>&1)
  }
  fuzz_failed=0
  set +e
  for ((i = 0; i < ${#targets[@]}; i += 2)); do
    pids=()
    for t in "${targets[@]:i:2}"; do
      fuzz_one "$t" &
      pids+=("$!:$t")
    done
    for p in "${pids[@]}"; do
      if wait "${p%%:*}"; then
        echo "${p#*:}: $(grep -a -m1 '^Done ' "$fuzz_work/${p#*:}.log")"
      else
        echo "${p#*:}: FAILED; the end of its log:"
        tail -n 40 "$fuzz_work/${p#*:}.log"
        ls "$fuzz_work/${p#*:}/art"
        fuzz_failed=1
      fi
    done
  done
  set -e
  rm -rf "$fuzz_work"
  [ "$fuzz_failed" -eq 0 ] || { echo "a fuzz target failed"; exit 1; }
fi
