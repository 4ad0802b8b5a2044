#!/bin/bash
# workbook_schemas.sh - every workbook of the example's report validates
# against the ECMA-376 schemas (../shared/ooxml/validate-xlsx): a part
# that does not validate is what makes Excel offer to "repair" a file,
# and print settings (print areas, titles, scales) are a classic cause.
# report_streamed.sh validates the streamed workbooks of kpi-gen's data;
# this validates the example's, written in memory, as kpi demo gives them.
#
# usage: bash workbook_schemas.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# Exit 77 (skipped) when ../shared/ooxml/validate-xlsx or xmllint is
# not there.
set -u

kpi=$1
fixtures=$3
root=$(cd "$fixtures/../.." && pwd)
validate=$root/../shared/ooxml/validate-xlsx
if [ ! -x "$validate" ] || ! command -v xmllint >/dev/null; then
    echo "SKIP: $validate or xmllint is not there"
    exit 77
fi

. "$(dirname "$0")/example_report.bash"
example_report schemas
n=$(ls "$work/out"/*.xlsx | wc -l)
if [ "$n" -lt 12 ]; then
    echo "FAIL: $n workbooks, expected the map, the overview, the economy workbook and 9 packs"
    exit 1
fi
if ! "$validate" "$work/out"/*.xlsx >"$work/validate.log" 2>&1; then
    echo "FAIL: the OOXML schemas:"
    grep -v ' valid$' "$work/validate.log" | head -n 20
    exit 1
fi
echo "ok: $n workbooks of the example: $(tail -n 1 "$work/validate.log")"

# "Prognosens udvikling" with a history (issue 17): last year's runs and a
# month missing, so the chart, the hidden data rows and the "." are there.
cp -r "$root/tests/fixtures/workbook" "$work/history"
for m in 2025-06 2025-12 2026-01 2026-03 2026-09 2026-10; do
    env -u KPI_NO_HISTORY "$kpi" export "$work/history" --month $m \
        -o "$work/h.csv" 2>/dev/null || { echo "FAIL: recording $m"; exit 1; }
done
env -u KPI_NO_HISTORY "$kpi" report "$work/history" --month 2026-11 \
    -o "$work/out-history" >/dev/null 2>&1 || { echo "FAIL: report with a history"; exit 1; }
if ! "$validate" "$work/out-history"/*.xlsx >"$work/validate.log" 2>&1; then
    echo "FAIL: the OOXML schemas, with a history:"
    grep -v ' valid$' "$work/validate.log" | head -n 20
    exit 1
fi
echo "ok: with a history: $(tail -n 1 "$work/validate.log")"
