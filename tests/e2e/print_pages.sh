#!/bin/bash
# print_pages.sh - the example's workbooks as their readers get them on
# paper: LibreOffice's PDF export of every workbook of `kpi report
# examples/eksempel --month 2026-10` (what `kpi demo` writes), read by
# print_pages.py: nothing printed below 8 pt, the Data sheet not printed,
# no repeated table header on a page without its table's rows, and the
# page counts of the fagudvalg and direktion packs: at most 6 and 12
# (issue 14; docs/WORKBOOKS.md, "Printing"). The same for the two packs
# of September, a quarter-end month: the fagudvalg's cadence is
# quarterly, so that is the pack the politicians get, with the
# Kvartalsoversigt.
#
# usage: bash print_pages.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# Exit 77 (skipped) when soffice, pdfinfo or pdftotext is not installed.
set -u

kpi=$1
fixtures=$3
root=$(cd "$fixtures/../.." && pwd)
here=$(cd "$(dirname "$0")" && pwd)

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ] || ! command -v pdfinfo >/dev/null ||
    ! command -v pdftotext >/dev/null; then
    echo "SKIP: soffice (LibreOffice), pdfinfo or pdftotext (poppler-utils) is not installed"
    exit 77
fi

. "$(dirname "$0")/example_report.bash"
example_report print
# One soffice run for all workbooks, in a profile of its own (a shared
# one hangs the second user), with a time limit.
mkdir -p "$work/profile" "$work/pdf"
timeout 600 "$soffice" -env:UserInstallation="file://$work/profile" --headless \
    --convert-to pdf --outdir "$work/pdf" "$work/out"/*.xlsx >"$work/soffice.log" 2>&1 ||
    { echo "FAIL: soffice"; cat "$work/soffice.log"; exit 1; }

rc=0
PAGES_MAX_LIS_FAGUDVALG=6 PAGES_MAX_LIS_DIREKTION=12 \
    python3 "$here/print_pages.py" "$work/out" "$work/pdf" || rc=1

# The quarter-end month: the fagudvalg and direktion packs only.
"$kpi" report "$root/examples/eksempel" --month 2026-09 -o "$work/q" \
    >"$work/report-q.log" 2>&1 ||
    { echo "FAIL: kpi report --month 2026-09"; cat "$work/report-q.log"; exit 1; }
mkdir -p "$work/qout" "$work/qpdf"
mv "$work/q"/lis-fagudvalg-*.xlsx "$work/q"/lis-direktion-direktion-*.xlsx "$work/qout/"
timeout 600 "$soffice" -env:UserInstallation="file://$work/profile" --headless \
    --convert-to pdf --outdir "$work/qpdf" "$work/qout"/*.xlsx >"$work/soffice-q.log" 2>&1 ||
    { echo "FAIL: soffice (September)"; cat "$work/soffice-q.log"; exit 1; }
PAGES_MAX_LIS_FAGUDVALG=6 PAGES_MAX_LIS_DIREKTION=12 \
    python3 "$here/print_pages.py" "$work/qout" "$work/qpdf" || rc=1
exit $rc
