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

# Replacing a report keeps OUTDIR's other entries as they were (the
# folder is switched in one step, report/atomic_dir.c): a hidden file (the same
# inode: hard-linked, not copied), a symlink, a subfolder with its file,
# OUTDIR's own mode; and nothing is left next to OUTDIR.
echo keep >"$work/out/.hidden"
ln -s "oekonomi-$month.xlsx" "$work/out/link"
mkdir "$work/out/arkiv"
echo old >"$work/out/arkiv/note.txt"
chmod 750 "$work/out"
ino=$(stat -c %i "$work/out/.hidden")
n_before=$(ls -A "$work/out" | wc -l)
expect 0 "a second run" report "$fixtures/workbook" --month $month -o "$work/out"
[ "$(stat -c %i "$work/out/.hidden" 2>/dev/null)" = "$ino" ] ||
    fail "the hidden file was not kept as it was"
[ "$(readlink "$work/out/link")" = "oekonomi-$month.xlsx" ] || fail "the symlink was lost"
[ "$(cat "$work/out/arkiv/note.txt" 2>/dev/null)" = old ] || fail "the subfolder was lost"
[ "$(stat -c %a "$work/out")" = 750 ] || fail "OUTDIR's mode changed to $(stat -c %a "$work/out")"
cmp -s "$work/before.xlsx" "$work/out/oekonomi-$month.xlsx" ||
    fail "the second run changed the (deterministic) workbook"
ls -A "$work" | grep -q '^\.kpi-report' && fail "a temporary folder was left"
grep -q "one by one" "$work/stderr" && fail "no one-step switch: $(cat "$work/stderr")"
[ "$(ls -A "$work/out" | wc -l)" = "$n_before" ] || fail "OUTDIR holds $(ls -A "$work/out" | tr '\n' ' ')"

# OUTDIR given as a symlink: the link stays, its target gets the files.
mkdir "$work/target"
ln -s target "$work/linked"
expect 0 "OUTDIR a symlink" report "$fixtures/workbook" --month $month -o "$work/linked"
[ -L "$work/linked" ] || fail "the symlink OUTDIR was replaced"
[ -s "$work/target/oekonomi-$month.xlsx" ] || fail "the symlink's target got no workbook"

# OUTDIR is the current folder: a shell in it would be left in the old
# folder, so the workbooks are renamed in one by one, with a warning.
kpi_abs=$(realpath "$kpi") fixtures_abs=$(realpath "$fixtures")
n_target=$(ls -A "$work/target" | wc -l)
rm "$work/target/oekonomi-$month.xlsx"
(cd "$work/target" && "$kpi_abs" report "$fixtures_abs/workbook" --month $month -o . \
    >"$work/stdout" 2>"$work/stderr")
rc=$?
[ $rc = 0 ] || fail "-o .: exit $rc"
grep -q "current folder.*one by one" "$work/stderr" || fail "-o .: no warning"
cmp -s "$work/before.xlsx" "$work/target/oekonomi-$month.xlsx" || fail "-o .: no workbook"
[ "$(ls -A "$work/target" | wc -l)" = "$n_target" ] ||
    fail "-o .: the folder holds $(ls -A "$work/target" | tr '\n' ' ')"
ls -A "$work" | grep -q '^\.kpi-report' && fail "-o .: a temporary folder was left"

# A folder in the way of a workbook: exit 3, nothing changed.
mkdir -p "$work/blocked/oekonomi-$month.xlsx"
echo x >"$work/blocked/other"
expect 3 "a folder named like the workbook" report "$fixtures/workbook" --month $month -o "$work/blocked"
[ "$(ls -A "$work/blocked" | tr '\n' ' ')" = "oekonomi-$month.xlsx other " ] ||
    fail "a refused run changed OUTDIR: $(ls -A "$work/blocked" | tr '\n' ' ')"
ls -A "$work" | grep -q '^\.kpi-report' && fail "a refused run left a temporary folder"

# A staging folder left by a killed run long ago is pointed out, not removed.
mkdir "$work/.kpi-report.AbC123"
touch -d '2 hours ago' "$work/.kpi-report.AbC123"
expect 0 "a stale staging folder" report "$fixtures/workbook" --month $month -o "$work/out"
grep -q "kpi-report.AbC123' was left by an interrupted run" "$work/stderr" ||
    fail "no warning about the stale staging folder"
[ -d "$work/.kpi-report.AbC123" ] || fail "the stale staging folder was removed"
rmdir "$work/.kpi-report.AbC123"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: exit statuses and all-or-nothing writing"
