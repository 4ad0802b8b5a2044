#!/bin/bash
# print_pages.sh - the example's workbooks as their readers get them on
# paper: LibreOffice's PDF export of every workbook of `kpi report
# examples/eksempel --month 2026-10` (what `kpi demo` writes), read by
# print_pages.py: nothing printed below 8 pt, the Data sheet not printed,
# no repeated table header on a page without its table's rows, and the
# page counts of the fagudvalg and direktion packs: at most 6 and 12,
# page 1 of every pack with its budget and red lights, the fagudvalg's
# whole first sheet on page 1
# (issue 14; docs/WORKBOOKS.md, "Printing"). The same for the two packs
# of September, a quarter-end month: the fagudvalg's cadence is
# quarterly, so that is the pack the politicians get, with the
# Kvartalsoversigt. And the two packs with a comparison, of a fixture
# and of a generated municipality (below).
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
PAGE1_WHOLE=lis-fagudvalg PAGES_MAX_LIS_FAGUDVALG=6 PAGES_MAX_LIS_DIREKTION=12 \
    python3 "$here/print_pages.py" "$work/out" "$work/pdf" || rc=1

# The quarter-end month: the fagudvalg and direktion packs only.
"$kpi" report "$root/examples/eksempel" --no-history --month 2026-09 -o "$work/q" \
    >"$work/report-q.log" 2>&1 ||
    { echo "FAIL: kpi report --month 2026-09"; cat "$work/report-q.log"; exit 1; }
mkdir -p "$work/qout" "$work/qpdf"
mv "$work/q"/lis-fagudvalg-*.xlsx "$work/q"/lis-direktion-direktion-*.xlsx "$work/qout/"
timeout 600 "$soffice" -env:UserInstallation="file://$work/profile" --headless \
    --convert-to pdf --outdir "$work/qpdf" "$work/qout"/*.xlsx >"$work/soffice-q.log" 2>&1 ||
    { echo "FAIL: soffice (September)"; cat "$work/soffice-q.log"; exit 1; }
PAGE1_WHOLE=lis-fagudvalg PAGES_MAX_LIS_FAGUDVALG=6 PAGES_MAX_LIS_DIREKTION=12 \
    python3 "$here/print_pages.py" "$work/qout" "$work/qpdf" || rc=1

# With a comparison (sammenligning/, docs/COMPARE.md): the packs may grow
# by the sheet Sammenligning, at most 2 pages for the fagudvalg (6 + 2 =
# 8 for the example) and 3 for the direktion, whose sheet has the counts
# and the reasons of the gaps too (12 + 3 = 15: docs/DECISIONS.md,
# compare-compact). Each
# dataset is reported with and without its comparison; the sheet's
# pages are the difference (these datasets' packs are shorter than the
# example's, so the totals alone would let a longer sheet pass: the
# sheet printed 3 and 4 pages before compare-compact).
# compare_case NAME DATASET MONTH
compare_case() {
    local name=$1 data=$2 month=$3 pdf with without most
    cp -r "$data" "$work/$name-none"
    rm -r "$work/$name-none/sammenligning"
    sed -i '/^\[compare\]/,$d' "$work/$name-none/kpi.ini"
    for v in with none; do
        local dir=$data
        [ $v = none ] && dir=$work/$name-none
        "$kpi" report "$dir" --month "$month" -o "$work/$name-$v" \
            >"$work/$name-$v.log" 2>&1 ||
            { echo "FAIL: kpi report $name ($v)"; cat "$work/$name-$v.log"; exit 1; }
        mkdir -p "$work/$name-$v-x" "$work/$name-$v-pdf"
        mv "$work/$name-$v"/lis-fagudvalg-*.xlsx "$work/$name-$v"/lis-direktion-*.xlsx \
            "$work/$name-$v-x/"
        rm -f "$work/$name-$v-x"/lis-direktion-oekonomichef-*.xlsx
        timeout 600 "$soffice" -env:UserInstallation="file://$work/profile" --headless \
            --convert-to pdf --outdir "$work/$name-$v-pdf" "$work/$name-$v-x"/*.xlsx \
            >"$work/soffice-$name-$v.log" 2>&1 ||
            { echo "FAIL: soffice ($name, $v)"; cat "$work/soffice-$name-$v.log"; exit 1; }
    done
    for f in "$work/$name-with-x"/*.xlsx; do
        unzip -p "$f" xl/workbook.xml | grep -q 'name="Sammenligning"' ||
            { echo "FAIL: $name: $(basename "$f") has no sheet Sammenligning"; rc=1; }
    done
    PAGE1_WHOLE=lis-fagudvalg PAGES_MAX_LIS_FAGUDVALG=8 PAGES_MAX_LIS_DIREKTION=15 \
        python3 "$here/print_pages.py" "$work/$name-with-x" "$work/$name-with-pdf" || rc=1
    for pdf in "$work/$name-with-pdf"/*.pdf; do
        with=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
        without=$(pdfinfo "$work/$name-none-pdf/$(basename "$pdf")" | sed -n 's/^Pages: *//p')
        most=2
        case $pdf in *lis-direktion-*) most=3 ;; esac
        echo "SAMMENLIGNING $name $(basename "$pdf"): $without pages without, $with with"
        [ $((with - without)) -le $most ] ||
            { echo "FAIL: $name: $(basename "$pdf"): the sheet Sammenligning prints $((with - without)) pages (at most $most)"; rc=1; }
    done
}

# The golden lis-fagudvalg-sammenligning's fixture (workbook_golden.sh):
# Statistikbank files, the own municipality's years not yet counted.
cp -r "$fixtures/workbook" "$work/cmp"
cp -r "$fixtures/compare/sammenligning" "$work/cmp/"
sed -i 's/^name = Testrup Kommune$/name = Testrup Kommune\nchildren_0_17 = 2000\nchildren_0_22 = 2500/' \
    "$work/cmp/kpi.ini"
printf '\n[compare]\nmunicipalities = Aarhus, Odense\n' >>"$work/cmp/kpi.ini"
compare_case fixture "$work/cmp" 2026-10

# A generated municipality with a neighbour's shared file (as
# compare_roundtrip.sh): every figure of the comparison, five years of
# its own, spend per child.
gen=$2
for m in "nord 3 Nordby" "midt 9 Midtby"; do
    set -- $m
    "$gen" --out "$work/$1" --seed "$2" --measures 1500 --as-of 2026-12 \
        --municipality "$3 Kommune" >/dev/null || { echo "FAIL: kpi-gen"; exit 1; }
    sed -i "s/^name = $3 Kommune\$/name = $3 Kommune\nchildren_0_17 = 9000\nchildren_0_22 = 11500/" \
        "$work/$1/kpi.ini"
done
mkdir "$work/midt/sammenligning"
"$kpi" export "$work/nord" --month 2026-12 --level fagudvalg \
    -o "$work/midt/sammenligning/nordby.csv" 2>/dev/null || { echo "FAIL: kpi export nord"; exit 1; }
printf '\n[compare]\nmunicipalities = Nordby\n' >>"$work/midt/kpi.ini"
compare_case generated "$work/midt" 2026-12
exit $rc
