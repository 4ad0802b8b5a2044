#!/bin/bash
# workbook_recalc.sh - every formula's stored result is what the formula
# computes (PLATFORM.md: LibreOffice does not recalculate .xlsx on load).
#
# usage: bash workbook_recalc.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# For the small workbook fixture and the example municipality it writes the
# report, then converts every workbook of it (the map, the overview, the
# economy workbook and every pack) to CSV with LibreOffice twice: once
# as stored (a default profile) and once forced to recalculate every
# formula on load (OOXMLRecalcMode = 0 in the profile's
# registrymodifications.xcu). Every sheet is exported (the CSV filter's
# 12th token, -1, writes one NAME-SHEET.csv per sheet; checked with
# LibreOffice 7.4) with raw values, not as shown, and the two sets of files
# must hold the same values: texts identical, numbers equal up to binary
# floating-point rounding (1e-6 absolute plus 1e-12 relative: a
# spreadsheet computes 16427277.31 - 16460550 as -33272.6899999995 while
# kpi stores the exact -33272.69; any real mistake is at least one øre).
# A formula stored with a wrong result shows up as a difference; the test
# also checks that it would (a workbook whose stored SUBTOTAL result is
# altered must differ). One soffice run converts all workbooks of a
# report (a start costs seconds; the CI machine has 2 cores).
#
# Exit 77 (skipped) only when soffice is not installed.
set -u

kpi=$1
fixtures=$3
root=$(cd "$fixtures/../.." && pwd)
month=2026-10

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
    echo "SKIP: soffice (LibreOffice) is not installed; install libreoffice-calc-nogui"
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-recalc.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

. "$(dirname "$0")/soffice_common.bash"
make_profile "$work/profile-stored" 0
make_profile "$work/profile-recalc" 1

# check_book XLSX LABEL: the workbook's sheets, as converted into
# $work/stored and $work/recalc (NAME-SHEET.csv), must agree.
check_book() {
    local book=$1 label=$2 base
    base=$(basename "$book" .xlsx)
    rm -rf "$work/one-stored" "$work/one-recalc"
    mkdir -p "$work/one-stored" "$work/one-recalc"
    local n=0 f
    for f in "$work/stored/$base"-*.csv; do
        [ -f "$f" ] || continue
        cp "$f" "$work/one-stored/"
        n=$((n + 1))
    done
    for f in "$work/recalc/$base"-*.csv; do
        [ -f "$f" ] && cp "$f" "$work/one-recalc/"
    done
    if [ "$n" -lt 1 ]; then
        fail "$label: LibreOffice wrote no CSV for it"
        return
    fi
    if ! compare "$work/one-stored" "$work/one-recalc" >"$work/diff"; then
        fail "$label: values change when LibreOffice recalculates:"
        head -n 20 "$work/diff"
    else
        echo "ok: $label: $n sheets identical after recalculation"
    fi
}

formula_count() { # the number of formulas in a workbook's sheets
    unzip -p "$1" 'xl/worksheets/sheet*.xml' | grep -o '<f>' | wc -l
}

# "Prognosens udvikling" with a history (issue 17): a copy of the workbook
# fixture with runs of last year and of this year with a month missing
# (its formulas over the months, "." where a month has none).
history_ds=$work/history
cp -r "$fixtures/workbook" "$history_ds"
for m in 2025-06 2025-12 2026-01 2026-03 2026-04 2026-09; do
    env -u KPI_NO_HISTORY "$kpi" export "$history_ds" --month $m \
        -o "$work/history.csv" 2>/dev/null || fail "recording $m in the history"
done

for ds in "$fixtures/workbook" "$root/examples/eksempel" "$history_ds"; do
    out="$work/out-$(basename "$ds")"
    # Only the copy records (the e2e tests run with KPI_NO_HISTORY).
    with=()
    [ "$ds" = "$history_ds" ] && with=(env -u KPI_NO_HISTORY)
    if ! "${with[@]}" "$kpi" report "$ds" --month "$month" -o "$out" >"$work/report.log" 2>&1; then
        fail "kpi report $ds failed:"
        grep -v warning "$work/report.log" | head -n 5
        continue
    fi
    rm -rf "$work/stored" "$work/recalc"
    if ! to_csv "$work/profile-stored" "$work/stored" "$out"/*.xlsx ||
        ! to_csv "$work/profile-recalc" "$work/recalc" "$out"/*.xlsx; then
        fail "$(basename "$ds"): LibreOffice could not convert the workbooks"
        tail -n 5 "$work/stored.log" "$work/recalc.log"
        continue
    fi
    total=0
    for book in "$out"/*.xlsx; do
        f=$(formula_count "$book")
        total=$((total + f))
        case $(basename "$book") in
        oekonomi-* | lis-fagchef-* | lis-direktion-* | lis-fagudvalg-*)
            [ "$f" -ge 10 ] ||
                fail "$(basename "$book"): only $f formulas; the test would prove nothing" ;;
        esac
        check_book "$book" "$(basename "$ds")/$(basename "$book") ($f formulas)"
    done
    echo "ok: $(basename "$ds"): $(ls "$out"/*.xlsx | wc -l) workbooks, $total formulas"
done

# The test must be able to fail: a workbook whose stored SUBTOTAL result is
# wrong must come out different after recalculation.
book=$(ls "$work/out-workbook"/oekonomi-*.xlsx 2>/dev/null | head -n 1)
if [ -n "$book" ]; then
    mkdir -p "$work/broken"
    (cd "$work/broken" && unzip -q "$book")
    # The first stored SUBTOTAL result in sheet 1 becomes 1.
    sed -i -E '0,/(<f>SUBTOTAL[^<]*<\/f><v>)[^<]*/s//\11/' \
        "$work/broken/xl/worksheets/sheet1.xml"
    (cd "$work/broken" && zip -q -r -X ../broken.xlsx .)
    rm -rf "$work/stored" "$work/recalc"
    to_csv "$work/profile-stored" "$work/stored" "$work/broken.xlsx"
    to_csv "$work/profile-recalc" "$work/recalc" "$work/broken.xlsx"
    if compare "$work/stored" "$work/recalc" >/dev/null; then
        fail "a wrong stored result was not noticed: the comparison is blind"
    else
        echo "ok: a wrong stored result is noticed"
    fi
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
exit 0
