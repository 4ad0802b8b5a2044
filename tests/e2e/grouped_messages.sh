#!/usr/bin/env bash
# Grouped messages (issue 16): 248 rows with 8 distinct unknown type
# names are 8 lines, each with its count and first three lines, in
# `kpi check` and `kpi export`; --verbose lists all 248; the counts in the
# summary lines stay the real ones.
# usage: grouped_messages.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u
kpi=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

names=(Skibsprojekt Udlandsophold Hestepension Rumrejse Sejlads
       Fjeldtur Cirkusophold Vildmarksliv)
ds=$tmp/ds
mkdir -p "$ds"
{
    echo "measure_id;child_id;birth_date;target_group;measure_type;provider_kind;caseworker;start_date;end_date;monthly_cost"
    for i in $(seq 1 248); do
        echo "M$i;B$i;2012-05-01;social;${names[$(((i - 1) % 8))]};own;SB1;2026-01-01;;1000"
    done
} >"$ds/measures.csv"

"$kpi" check "$ds" 2>"$tmp/check.err"
[ $? -eq 1 ] || fail "kpi check did not exit 1"
n=$(grep -c "unknown measure type" "$tmp/check.err")
[ "$n" -eq 8 ] || fail "kpi check: $n lines about unknown types, expected 8 (one per name)"
# Skibsprojekt is on rows 1, 9, 17, ... of the data: lines 2, 10, 18, ...
grep -qxF "$ds/measures.csv: measure_type: unknown measure type 'Skibsprojekt' on 31 rows (lines 2, 10, 18, …): add it to [measure_type_aliases] in kpi.ini" "$tmp/check.err" ||
    fail "kpi check: the Skibsprojekt line is not as expected: $(head -1 "$tmp/check.err")"
grep -q "'Vildmarksliv' on 31 rows (lines 9, 17, 25, …)" "$tmp/check.err" ||
    fail "kpi check: no grouped line for Vildmarksliv"
[ "$(tail -1 "$tmp/check.err")" = "kpi: 248 errors, 0 warnings" ] ||
    fail "kpi check summary: $(tail -1 "$tmp/check.err")"
[ "$(wc -l <"$tmp/check.err")" -eq 9 ] || fail "kpi check printed $(wc -l <"$tmp/check.err") lines, expected 9"

"$kpi" check --verbose "$ds" 2>"$tmp/verbose.err"
n=$(grep -c "unknown measure type" "$tmp/verbose.err")
[ "$n" -eq 248 ] || fail "kpi check --verbose: $n lines, expected 248"
grep -qxF "$ds/measures.csv:10: measure_type: unknown measure type 'Skibsprojekt': add it to [measure_type_aliases] in kpi.ini" "$tmp/verbose.err" ||
    fail "kpi check --verbose: not the one-line form"

"$kpi" export "$ds" --month 2026-10 >"$tmp/out" 2>"$tmp/export.err"
[ $? -eq 1 ] || fail "kpi export did not exit 1"
[ ! -s "$tmp/out" ] || fail "kpi export wrote output"
[ "$(grep -c "unknown measure type" "$tmp/export.err")" -eq 8 ] || fail "kpi export: not 8 grouped lines"
[ "$(tail -1 "$tmp/export.err")" = "kpi: 248 errors; nothing written" ] ||
    fail "kpi export summary: $(tail -1 "$tmp/export.err")"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "grouped_messages: 248 errors in 8 lines, --verbose lists all"
