#!/bin/bash
# history_cli.sh - the history through the kpi command (issue 17,
# docs/HISTORY.md): which commands record a month, `kpi history`, the path
# through the months equal to each month's own export, a re-run
# superseding, --no-history, [history] path, kpi demo leaving the example
# alone, and "Prognosens udvikling" the same for the same history.
#
# usage: bash history_cli.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u
kpi=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$3
unset KPI_NO_HISTORY
work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-history-cli.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ds=$work/ds
cp -r "$fixtures/workbook" "$ds"
h=$ds/kpi-historik.sqlite

# Looking is not recording: an export to standard output, kpi check.
"$kpi" export "$ds" --month 2026-01 >/dev/null 2>&1
"$kpi" check "$ds" >/dev/null 2>&1
[ ! -e "$h" ] || fail "export to stdout or check made a history"

# Four months, by three ways of recording.
"$kpi" report "$ds" --month 2026-01 -o "$work/r01" >/dev/null 2>&1 || fail "report 2026-01"
"$kpi" export "$ds" --month 2026-04 -o "$work/e04.csv" 2>/dev/null || fail "export -o 2026-04"
"$kpi" report "$ds" --month 2026-07 -o "$work/r07" >/dev/null 2>&1 || fail "report 2026-07"
"$kpi" export "$ds" --month 2026-10 -o "$work/e10.csv" 2>/dev/null || fail "export -o 2026-10"
"$kpi" history "$ds" >"$work/list" 2>&1 || fail "kpi history: $(cat "$work/list")"
[ "$(grep -c ';current$' "$work/list")" = 4 ] || fail "want 4 current runs:
$(cat "$work/list")"
grep -q '^2026-01;1;[^;]*;report;' "$work/list" || fail "the report's run is not listed as report"
grep -q '^2026-04;2;[^;]*;export;' "$work/list" || fail "the export's run is not listed as export"

# The path equals each month's own export, number for number: every
# forecast row of the month's export (period 2026) is in the path with
# period = the month and the same value, and nothing else is.
"$kpi" history "$ds" --figure forecast >"$work/path.csv" 2>&1 || fail "--figure forecast"
for m in 01 04 07 10; do
    "$kpi" export "$ds" --month 2026-$m 2>/dev/null |
        awk -F';' -v m=2026-$m '$1 == "forecast" && $2 == "2026" { print $3 ";" $4 ";" $5 }' \
            >"$work/want-$m"
    awk -F';' -v m=2026-$m '$2 == m { print $3 ";" $4 ";" $5 }' "$work/path.csv" >"$work/got-$m"
    [ -s "$work/want-$m" ] || fail "2026-$m: the export has no forecast rows"
    # Compared as numbers (awk), then as the export's own text.
    if ! awk -F';' 'NR == FNR { want[$1 ";" $2] = $3; n++; next }
            { k = $1 ";" $2; if (!(k in want) || want[k] + 0 != $3 + 0) bad++; seen++ }
            END { exit (bad || seen != n) }' "$work/want-$m" "$work/got-$m" ||
        ! cmp -s "$work/want-$m" "$work/got-$m"; then
        fail "2026-$m: the path differs from the month's export:"
        diff "$work/want-$m" "$work/got-$m" | head -5
    fi
done
[ "$(cut -d';' -f2 "$work/path.csv" | sort -u | grep -c '^2026')" = 4 ] ||
    fail "the path has other months than the four"
# The months differ, or the comparison above proves little.
[ "$(grep -c '^forecast;2026-..;total;amount;' "$work/path.csv")" = 4 ] &&
    [ "$(grep '^forecast;2026-..;total;amount;' "$work/path.csv" | cut -d';' -f5 | sort -u | wc -l)" -ge 2 ] ||
    fail "the four months' totals are all the same: the test proves nothing"

# A re-run supersedes.
"$kpi" export "$ds" --month 2026-04 -o "$work/e04b.csv" 2>/dev/null || fail "export -o 2026-04 again"
"$kpi" history "$ds" >"$work/list" 2>&1
grep -q '^2026-04;2;.*;superseded by 5$' "$work/list" || fail "the first 2026-04 run is not superseded by the second:
$(cat "$work/list")"
grep -q '^2026-04;5;.*;current$' "$work/list" || fail "the second 2026-04 run is not current"
[ "$("$kpi" history "$ds" --figure forecast 2>/dev/null | grep -c '^forecast;2026-04;total;amount;')" = 1 ] ||
    fail "a superseded run is still in the path"

# --no-history and the environment's KPI_NO_HISTORY record nothing.
before=$(sha256sum "$h")
"$kpi" report "$ds" --month 2026-11 -o "$work/r11" --no-history >/dev/null 2>&1 || fail "report --no-history"
"$kpi" export "$ds" --month 2026-11 -o "$work/e11.csv" --no-history 2>/dev/null || fail "export --no-history"
KPI_NO_HISTORY=1 "$kpi" export "$ds" --month 2026-11 -o "$work/e11.csv" 2>/dev/null || fail "export KPI_NO_HISTORY"
[ "$(sha256sum "$h")" = "$before" ] || fail "--no-history changed the history"
unzip -p "$work/r11/oekonomi-2026-11.xlsx" xl/sharedStrings.xml | grep -q 'Historikken begynder med denne måned' ||
    fail "without the history the sheet does not say that the history starts now"
unzip -p "$work/r07/oekonomi-2026-07.xlsx" xl/sharedStrings.xml | grep -q 'Tidligere måneder fra historikken' ||
    fail "with the history the sheet does not say where the months before come from"

# The same history gives the same workbooks: a report run twice (the
# second run of the month supersedes the first; the months before are
# unchanged) writes the same bytes, "as of" line included.
"$kpi" report "$ds" --month 2026-12 -o "$work/a" >/dev/null 2>&1 || fail "report 2026-12"
sleep 1
"$kpi" report "$ds" --month 2026-12 -o "$work/b" >/dev/null 2>&1 || fail "report 2026-12 again"
for f in "$work/a"/*.xlsx; do
    cmp -s "$f" "$work/b/$(basename "$f")" || fail "$(basename "$f") differs between two runs on the same history"
done

# [history] path moves it (relative to the dataset folder).
ds2=$work/ds2
cp -r "$fixtures/workbook" "$ds2"
printf '\n[history]\npath = arkiv/lis.sqlite\n' >>"$ds2/kpi.ini"
mkdir "$ds2/arkiv"
"$kpi" export "$ds2" --month 2026-10 -o "$work/x.csv" 2>/dev/null || fail "export with [history] path"
[ -s "$ds2/arkiv/lis.sqlite" ] && [ ! -e "$ds2/kpi-historik.sqlite" ] || fail "[history] path was not used"
"$kpi" history "$ds2" | grep -q '^2026-10;1;' || fail "kpi history does not read [history] path"

# A history that cannot be written stops the run before anything is
# written (exit 3), naming --no-history.
ds3=$work/ds3
cp -r "$fixtures/workbook" "$ds3"
printf '\n[history]\npath = no/such/folder/h.sqlite\n' >>"$ds3/kpi.ini"
"$kpi" report "$ds3" --month 2026-10 -o "$work/r3" >/dev/null 2>"$work/err3"
rc=$?
[ $rc = 3 ] || fail "an unwritable history: exit $rc, want 3"
[ ! -e "$work/r3" ] || fail "an unwritable history: the report was written"
grep -q -- '--no-history' "$work/err3" || fail "an unwritable history: no hint of --no-history: $(cat "$work/err3")"

# kpi distribute records its month too (the example has [recipient]s).
ds4=$work/ds4
cp -r "$(cd "$fixtures/../.." && pwd)/examples/eksempel" "$ds4"
"$kpi" distribute "$ds4" --month 2026-09 >/dev/null 2>&1 || fail "kpi distribute"
"$kpi" history "$ds4" 2>&1 | grep -q '^2026-09;1;[^;]*;distribute;.*;current$' ||
    fail "kpi distribute recorded no run: $("$kpi" history "$ds4" 2>&1)"

# kpi demo writes no history, neither into the example nor its output.
example=$(cd "$(dirname "$kpi")" && pwd)/share/kpi/examples/eksempel
(cd "$work" && "$kpi" demo -o "$work/demo" >/dev/null 2>&1) || fail "kpi demo"
[ ! -e "$example/kpi-historik.sqlite" ] || fail "kpi demo wrote a history into the example"
[ -z "$(find "$work/demo" -name '*.sqlite*')" ] || fail "kpi demo wrote a history"

if [ $failures -gt 0 ]; then
    echo "history_cli: $failures failure(s)"
    exit 1
fi
echo "history_cli: ok"
