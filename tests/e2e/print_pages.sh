#!/bin/bash
# print_pages.sh - the example's workbooks as their readers get them on
# paper: LibreOffice's PDF export of every workbook of `kpi report
# examples/eksempel --month 2026-10` (what `kpi demo` writes), read by
# print_pages.py: nothing printed below 8 pt, the Data sheet not printed,
# no repeated table header on a page without its table's rows, and the
# page counts of the fagudvalg and direktion packs (14 and 23 with the
# Overblik, whose two dozen headlines run the direktion's on to page 2,
# and the one page of "Prognosens udvikling", issue 17).
#
# The page limits are today's counts, as a guard against growth: issue
# 14 asks at most 6 and 12 (5 and 11 before the Overblik sheet), which
# the packs' content does not allow at 8 pt (docs/WORKBOOKS.md,
# "Printing").
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

PAGES_MAX_LIS_FAGUDVALG=14 PAGES_MAX_LIS_DIREKTION=23 \
    python3 "$here/print_pages.py" "$work/out" "$work/pdf"
