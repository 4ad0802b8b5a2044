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
