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

# The comparison (docs/COMPARE.md): the workbook fixture with the DST
# fixtures in sammenligning/ and [compare] Aarhus, Odense. Its export is
# the fixture's golden rows, then the compare rows pinned here.
cp -r "$fixtures/workbook" "$tmp/compare"
mkdir "$tmp/compare/sammenligning"
cp "$fixtures"/compare/sammenligning/*.csv "$tmp/compare/sammenligning/"
sed -i 's/^name = Testrup Kommune$/name = Testrup Kommune\nchildren_0_17 = 2000\nchildren_0_22 = 2500/' \
    "$tmp/compare/kpi.ini"
printf '\n[compare]\nmunicipalities = Aarhus, Odense\n' >>"$tmp/compare/kpi.ini"
want=$golden/workbook-compare-2026-10.csv
if ! "$kpi" export "$tmp/compare" --month 2026-10 -o "$tmp/compare.csv" 2>"$tmp/err"; then
    echo "FAIL: kpi export with sammenligning/ exited non-zero:"; cat "$tmp/err"
    failures=$((failures + 1))
else
    grep -v '^compare;' "$tmp/compare.csv" | cmp -s - "$golden/workbook-2026-10.csv" ||
        { echo "FAIL: sammenligning/ changed the other rows"; failures=$((failures + 1)); }
    grep '^compare;' "$tmp/compare.csv" >"$tmp/compare-rows.csv"
    if [ "${KPI_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$tmp/compare-rows.csv" "$want"; echo "updated $want"
    elif ! cmp -s "$tmp/compare-rows.csv" "$want"; then
        echo "FAIL: the compare rows differ from $want:"
        diff "$want" "$tmp/compare-rows.csv" | head -20
        failures=$((failures + 1))
    fi
fi
[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "export_golden: the exports match their golden files"
