#!/bin/bash
# run.sh - time the whole job: `kpi export` and `kpi report` at three sizes,
# and beside them the pandas peer (bench/pandas_peer.py) on the smallest.
#
# usage: bench/run.sh [--quick] [--runs N] [MEASURES ...]
#
#   (no sizes)    34000 171000 1000000 measures: a municipality of about
#                 20,000 children, one of about 100,000, and one million
#   --quick       only 34000 (about a minute on two cores)
#   --runs N      hyperfine's runs per command (default 5; the pandas peer
#                 gets at most 3, it is slow), after one warm-up run
#   MEASURES ...  other sizes; the pandas peer runs on 34000 only
#
# Builds a Release tree in build-bench if it is not there, generates
# bench/data/N (bench/data/1m for the million) with kpi-gen where it is
# absent, and for each size measures
#     kpi export DATA --month 2026-10 > /dev/null      (threads: one per CPU)
#     KPI_JOBS=1 kpi export DATA --month 2026-10        (one thread)
#     kpi report DATA --month 2026-10 -o OUT          (-j: one per CPU)
#     kpi report DATA --month 2026-10 -o OUT -j 1
# with hyperfine (mean ± σ, min) and once more with /usr/bin/time -v (wall,
# user + system CPU, maximum resident set size); on 34000 also
#     /usr/bin/python3 bench/pandas_peer.py DATA --month 2026-10 -o OUT.xlsx
# and bench/compare_peer.py, which holds the peer's figures against kpi's.
# Ends with a summary table and the ratio of the pandas peer to kpi report.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$root/build-bench
month=2026-10
year=${month%%-*}
small=34000
runs=5
sizes=()
while [ $# -gt 0 ]; do
    case $1 in
    --quick) sizes=("$small") ;;
    --runs)
        runs=${2:?--runs needs a number}
        shift
        ;;
    -h | --help)
        sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "run.sh: unknown option $1 (try --help)" >&2
        exit 2
        ;;
    *) sizes+=("$1") ;;
    esac
    shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=("$small" 171000 1000000)
peer_runs=$((runs < 3 ? runs : 3))

for tool in /usr/bin/time hyperfine; do
    if ! command -v "$tool" > /dev/null 2>&1; then
        echo "run.sh: $tool is missing (Debian packages 'time' and 'hyperfine')" >&2
        exit 3
    fi
done
python=/usr/bin/python3 # Debian's, which has python3-pandas and python3-xlsxwriter
if ! "$python" -c 'import pandas, xlsxwriter' 2> /dev/null; then
    echo "run.sh: $python lacks pandas or XlsxWriter (apt-get install python3-pandas python3-xlsxwriter)" >&2
    exit 3
fi

if [ ! -x "$build/kpi" ] || [ ! -x "$build/kpi-gen" ]; then
    echo "== building Release in $build"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKPI_TESTS=OFF \
        > /dev/null
fi
# An up-to-date tree builds in a moment; a stale one is rebuilt.
cmake --build "$build" -j"$(nproc 2> /dev/null || echo 2)" --target kpi_cli kpi-gen > /dev/null
kpi=$build/kpi
# The default of `kpi report` and `kpi export` is one job (and libkpi
# thread) per CPU unless KPI_JOBS says otherwise; the bench measures that
# default, and -j 1 / KPI_JOBS=1 beside it.
unset KPI_JOBS

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
summary=$work/summary.tsv

data_dir() {
    if [ "$1" = 1000000 ]; then echo "$here/data/1m"; else echo "$here/data/$1"; fi
}

# measure SIZE LABEL COMMAND: hyperfine, then /usr/bin/time -v once; one
# line of the summary. COMMAND is run by a shell, its output discarded.
measure() {
    local size=$1 label=$2 cmd=$3 n=${4:-$runs}
    echo "-- $label"
    hyperfine --style basic --warmup 1 --runs "$n" --export-json "$work/h.json" \
        "$cmd > /dev/null 2> /dev/null"
    local status=0
    /usr/bin/time -v -o "$work/time.log" bash -c "$cmd > /dev/null 2> /dev/null" || status=$?
    if [ "$status" -ne 0 ]; then
        echo "run.sh: '$cmd' failed with exit status $status; rerun it to see why" >&2
        exit 1
    fi
    "$python" - "$work/h.json" "$work/time.log" "$size" "$label" >> "$summary" << 'EOF'
import json, re, sys
h = json.load(open(sys.argv[1]))["results"][0]
t = open(sys.argv[2]).read()
def field(name):
    return re.search(re.escape(name) + r": (.*)", t).group(1).strip()
wall = 0.0
for part in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":"):
    wall = wall * 60 + float(part)
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
print(f"{sys.argv[3]}\t{sys.argv[4]}\t{h['mean']:.2f}\t{h['stddev'] or 0:.2f}\t{h['min']:.2f}"
      f"\t{wall:.2f}\t{cpu:.2f}\t{rss:.0f}")
EOF
}

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo '?'), $(nproc) CPUs"
echo "   load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${sizes[@]}"; do
    data=$(data_dir "$size")
    if [ ! -s "$data/measures.csv" ]; then
        echo "== generating $size measures in $data"
        rm -rf "$data"
        "$build/kpi-gen" --out "$data" --measures "$size" --as-of "$month"
    fi
    children=$(tail -n +2 "$data/measures.csv" | cut -d';' -f2 | sort -u | wc -l)
    echo "== $size measures ($children children), measures.csv $(du -h "$data/measures.csv" | cut -f1)"
    out=$work/out-$size
    measure "$size" "kpi export" "'$kpi' export '$data' --month $month"
    measure "$size" "kpi export -j 1" "KPI_JOBS=1 '$kpi' export '$data' --month $month"
    measure "$size" "kpi report" "'$kpi' report '$data' --month $month -o '$out'"
    measure "$size" "kpi report -j 1" "'$kpi' report '$data' --month $month -o '$out' -j 1"
    if [ "$size" = "$small" ]; then
        measure "$size" "pandas peer" \
            "'$python' '$here/pandas_peer.py' '$data' --month $month -o '$work/peer.xlsx'" "$peer_runs"
        echo "-- the pandas peer against kpi export"
        "$kpi" export "$data" --month "$month" > "$work/kpi.csv" 2> /dev/null
        "$python" "$here/pandas_peer.py" "$data" --month "$month" -o "$work/peer.xlsx" \
            --data "$work/peer.csv"
        "$python" "$here/compare_peer.py" "$work/kpi.csv" "$work/peer.csv" "$year" ||
            echo "run.sh: the pandas peer's totals differ from kpi's" >&2
    fi
done
echo "   load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== summary (seconds; hyperfine: $runs runs after a warm-up; time: one run of /usr/bin/time -v)"
"$python" - "$summary" "$small" << 'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
print(f"| {'measures':>9} | {'command':<15} | {'mean ± σ':>13} | {'min':>6} | {'wall':>6} | {'user+sys':>8} | {'max RSS MiB':>11} |")
print(f"|{'-' * 11}|{'-' * 17}|{'-' * 15}|{'-' * 8}|{'-' * 8}|{'-' * 10}|{'-' * 13}|")
for size, label, mean, sd, mn, wall, cpu, rss in rows:
    print(f"| {int(size):>9,} | {label:<15} | {mean + ' ± ' + sd:>13} | {mn:>6} | {wall:>6} | {cpu:>8} | {rss:>11} |")
by = {(r[0], r[1]): r for r in rows}
peer, report = by.get((sys.argv[2], "pandas peer")), by.get((sys.argv[2], "kpi report"))
if peer and report:
    print(f"pandas peer ÷ kpi report on {int(sys.argv[2]):,} measures: "
          f"{float(peer[2]) / float(report[2]):.1f}× by mean wall time, "
          f"{float(peer[4]) / float(report[4]):.1f}× by the best run, "
          f"{float(peer[6]) / float(report[6]):.1f}× by CPU time")
EOF
