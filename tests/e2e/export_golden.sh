#!/usr/bin/env bash
# `kpi export` on fixture datasets, byte for byte against golden files.
# The export is the contract other tools read (SPEC §8): any change to a
# row, its order or its formatting shows here. The numbers themselves are
# worked by hand in the unit tests; this pins the format and the whole.
# KPI_UPDATE_GOLDEN=1 rewrites the golden files (review the diff!).
# usage: export_golden.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u
# Never a history in the fixtures' folders, also when run by hand with
# KPI_UPDATE_GOLDEN=1 (ctest sets it too).
export KPI_NO_HISTORY=1
kpi=$1
fixtures=$3
golden=$fixtures/golden/export
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
for name in workbook load/full; do
    out="$tmp/$(echo "$name" | tr / -).csv"
    want="$golden/$(echo "$name" | tr / -)-2026-10.csv"
    if ! "$kpi" export "$fixtures/$name" --month 2026-10 -o "$out" 2>"$tmp/err"; then
        echo "FAIL: kpi export $name exited non-zero:"; cat "$tmp/err"
        failures=$((failures + 1)); continue
    fi
    if [ "${KPI_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$out" "$want"; echo "updated $want"; continue
    fi
    if ! cmp -s "$out" "$want"; then
        echo "FAIL: export of $name differs from $want:"
        diff "$want" "$out" | head -20
        failures=$((failures + 1))
    fi
    head -1 "$out" | grep -qx 'kpi_id;period;breakdown;stat;value' ||
        { echo "FAIL: $name: wrong header"; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "export_golden: both exports match their golden files"
