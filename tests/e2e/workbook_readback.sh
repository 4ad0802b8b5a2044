#!/bin/bash
# workbook_readback.sh - reads the economy workbook of the workbook fixture
# and of the example back with an independent reader and checks its numbers
# against `kpi export` (workbook_readback.py says what is checked; the
# streamed workbook of many measures is checked the same way by
# report_streamed.sh).
#
# usage: bash workbook_readback.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
fixtures=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$fixtures/../.." && pwd)
month=2026-10

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-readback.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
status=0
for ds in "$fixtures/workbook" "$root/examples/eksempel"; do
    name=$(basename "$ds")
    if ! "$kpi" report "$ds" --month "$month" -o "$work/$name" >"$work/log" 2>&1 ||
        ! "$kpi" export "$ds" --month "$month" >"$work/$name.csv" 2>"$work/log"; then
        echo "FAIL: kpi report/export on $name failed"
        head -n 5 "$work/log"
        status=1
        continue
    fi
    muni='Eksempel Kommune'
    [ "$name" = workbook ] && muni='Testrup Kommune'
    python3 "$here/workbook_readback.py" "$work/$name/oekonomi-$month.xlsx" \
        "$work/$name.csv" "$name" "$muni" || status=1
done
exit $status
