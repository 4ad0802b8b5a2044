#!/bin/bash
# workbook_atomic.sh - `kpi report`'s exit statuses (SPEC §8) and its
# all-or-nothing writing: invalid input or a failed write leaves OUTDIR as
# it was and no temporary folder behind.
#
# usage: bash workbook_atomic.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
fixtures=$3
month=2026-10
work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-atomic.XXXXXX") || exit 3
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}
run() {
    "$kpi" "$@" >"$work/stdout" 2>"$work/stderr"
    rc=$?
}
expect() { # expect STATUS WHAT ARGS...
    local want=$1 what=$2
    shift 2
    run "$@"
    [ "$rc" = "$want" ] || fail "$what: exit $rc, expected $want ($(head -n 2 "$work/stderr" | tr '\n' ' '))"
}

expect 0 "help" report --help
expect 2 "no month" report "$fixtures/workbook" -o "$work/out"
expect 2 "no OUTDIR" report "$fixtures/workbook" --month $month
expect 2 "bad month" report "$fixtures/workbook" --month 2026-13 -o "$work/out"
expect 2 "unknown option" report "$fixtures/workbook" --month $month -o "$work/out" --colour
expect 3 "missing dataset" report "$work/nope" --month $month -o "$work/out"
[ -e "$work/out" ] && fail "a failed run created OUTDIR"

# A good run writes the workbook, prints its path and leaves no temporary.
expect 0 "good run" report "$fixtures/workbook" --month $month -o "$work/out"
[ -s "$work/out/oekonomi-$month.xlsx" ] || fail "no oekonomi-$month.xlsx"
grep -q "oekonomi-$month.xlsx" "$work/stdout" || fail "the path is not printed"
ls -A "$work" | grep -q '^\.kpi-report' && fail "a temporary folder was left"
ls -A "$work/out" | grep -q '^\.' && fail "a hidden file was left in OUTDIR"
cp "$work/out/oekonomi-$month.xlsx" "$work/before.xlsx"

# Invalid input: exit 1, OUTDIR untouched.
mkdir -p "$work/bad"
printf 'measure_id;child_id\nM1;B1\n' >"$work/bad/measures.csv"
expect 1 "invalid input" report "$work/bad" --month $month -o "$work/out"
cmp -s "$work/before.xlsx" "$work/out/oekonomi-$month.xlsx" ||
    fail "invalid input changed OUTDIR"

# A folder that cannot be written: exit 3, nothing half-written.
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$work/ro/out"
    chmod a-w "$work/ro/out" "$work/ro"
    expect 3 "read-only OUTDIR" report "$fixtures/workbook" --month $month -o "$work/ro/out"
    [ -z "$(ls -A "$work/ro/out")" ] || fail "files appeared in a read-only OUTDIR"
fi
# OUTDIR is a file, not a folder.
: >"$work/file"
expect 3 "OUTDIR is a file" report "$fixtures/workbook" --month $month -o "$work/file"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: exit statuses and all-or-nothing writing"
