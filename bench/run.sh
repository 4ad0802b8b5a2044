#!/bin/bash
# run.sh - time `kpi export` on one million measures.
#
# usage: bench/run.sh [MEASURES]     (default 1000000)
#
# Builds a Release tree in build-bench if it is not there, generates
# bench/data/1m (or bench/data/N for another size) with kpi-gen if it is
# absent, then runs
#     /usr/bin/time -v kpi export DATA --month 2026-10 > /dev/null
# and, when hyperfine is installed, hyperfine --warmup 1 --runs 5.
# Prints the elapsed seconds and the maximum resident set size.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$root/build-bench
measures=${1:-1000000}
month=2026-10
if [ "$measures" = 1000000 ]; then
    data=$here/data/1m
else
    data=$here/data/$measures
fi

if [ ! -x "$build/kpi" ] || [ ! -x "$build/kpi-gen" ]; then
    echo "== building Release in $build"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKPI_TESTS=OFF > /dev/null
fi
# An up-to-date tree builds in a moment; a stale one is rebuilt.
cmake --build "$build" -j"$(nproc 2> /dev/null || echo 2)" --target kpi_cli kpi-gen > /dev/null

if [ ! -s "$data/measures.csv" ]; then
    echo "== generating $measures measures in $data"
    rm -rf "$data"
    "$build/kpi-gen" --out "$data" --measures "$measures" --as-of "$month"
fi

kpi=$build/kpi
echo "== kpi export $data --month $month"
echo "   measures: $(($(wc -l < "$data/measures.csv") - 1)), measures.csv: $(du -h "$data/measures.csv" | cut -f1)"

if [ ! -x /usr/bin/time ]; then
    echo "run.sh: /usr/bin/time is missing (Debian package 'time')" >&2
    exit 3
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# kpi lists every warning (cancelled grants) on stderr; -o keeps time's
# own report apart from them.
status=0
/usr/bin/time -v -o "$log" "$kpi" export "$data" --month "$month" > /dev/null 2> /dev/null || status=$?
if [ "$status" -ne 0 ]; then
    echo "run.sh: kpi export failed with exit status $status; rerun it to see why:" >&2
    echo "  $kpi export $data --month $month > /dev/null" >&2
    exit 1
fi
elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
user=$(sed -n 's/.*User time (seconds): //p' "$log")
sys=$(sed -n 's/.*System time (seconds): //p' "$log")
# h:mm:ss or m:ss.ss -> seconds
seconds=$(echo "$elapsed" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')
echo "   elapsed: ${seconds} s (user ${user} s, system ${sys} s)"
echo "   max RSS: $((rss_kb / 1024)) MiB (${rss_kb} kB)"

if command -v hyperfine > /dev/null 2>&1; then
    echo "== hyperfine"
    hyperfine --warmup 1 --runs 5 \
        "$kpi export '$data' --month $month > /dev/null 2> /dev/null"
else
    echo "(hyperfine is not installed: skipped the repeated runs)"
fi
