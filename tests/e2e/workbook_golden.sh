#!/bin/bash
# workbook_golden.sh - the recipient map, the recipient overview, the
# economy workbook and a pack per recipient group of the small fixture, part by part, against the expected XML in
# tests/fixtures/golden/NAME/ (the
# way libxlsxwriter tests itself: unzip, mask the dates of
# docProps/core.xml, compare). Also: two runs give the same bytes.
#
# usage: bash workbook_golden.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
# KPI_UPDATE_GOLDEN=1 rewrites the expected files (review the diff!): do so
# when a template or a figure changes on purpose.
set -u
# Never a history in the fixtures' folders, also when run by hand with
# KPI_UPDATE_GOLDEN=1 (ctest sets it too).
export KPI_NO_HISTORY=1
set -f # part names such as [Content_Types].xml are not patterns

kpi=$1
fixtures=$3
month=2026-10

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-golden.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

for run in 1 2; do
    if ! "$kpi" report "$fixtures/workbook" --month "$month" -o "$work/out$run" \
        >"$work/log" 2>&1; then
        fail "kpi report failed:"
        head -n 5 "$work/log"
        exit 1
    fi
done
# The economy workbook and one pack per recipient group (the fixture has
# no [recipient] sections: the default packs), each against its own folder
# of expected parts tests/fixtures/golden/NAME (NAME without the month).
books="noegletal-modtagere modtageroverblik oekonomi lis-fagudvalg lis-direktion lis-fagchef
lis-afdelingsleder-team-oest lis-sagsbehandler-anne-oersted"
# check_book NAME BOOK BOOK2: the workbook BOOK, part by part, against
# tests/fixtures/golden/NAME, and the same bytes as BOOK2 (a second run).
check_book() {
    local name=$1 book=$2 golden=$fixtures/golden/$1
    if [ ! -f "$book" ]; then
        fail "kpi report wrote no $(basename "$book")"
        return
    fi
    if ! cmp -s "$book" "$3"; then
        fail "$name: two runs on the same input wrote different bytes"
    fi
    parts_dir=$work/parts-$name
    mkdir -p "$parts_dir"
    (cd "$parts_dir" && unzip -q "$book") || fail "$name: not a zip file"
    # The dates are set from the report month, so they are stable; they
    # are masked anyway so that the comparison is about the content.
    core=$parts_dir/docProps/core.xml
    grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-31T00:00:00Z' "$core" ||
        fail "$name: docProps/core.xml: created is not the report month's last day"
    sed -i -E 's#(<dcterms:(created|modified)[^>]*>)[^<]*#\1MASKED#g' "$core"

    if [ "${KPI_UPDATE_GOLDEN:-0}" = 1 ]; then
        rm -rf "$golden"
        mkdir -p "$golden"
        cp -r "$parts_dir/." "$golden/"
        echo "updated $golden"
        return
    fi
    if [ ! -d "$golden" ]; then
        fail "no expected files in $golden (run with KPI_UPDATE_GOLDEN=1)"
        return
    fi
    parts=$( (cd "$parts_dir" && find . -type f | sort) )
    expected=$( (cd "$golden" && find . -type f | sort) )
    [ "$parts" = "$expected" ] || fail "$name: the workbook's parts differ: got
$parts
expected
$expected"
    for p in $parts; do
        [ -f "$golden/$p" ] || continue
        # One element per line makes a difference readable.
        if ! cmp -s "$parts_dir/$p" "$golden/$p"; then
            fail "$name: $p differs from the expected file:"
            diff <(sed 's/></>\n</g' "$golden/$p") \
                <(sed 's/></>\n</g' "$parts_dir/$p") | head -n 20
        fi
    done
}

for name in $books; do
    file=$name-$month.xlsx
    case $name in # the map and the overview carry no month
    noegletal-modtagere | modtageroverblik) file=$name.xlsx ;;
    esac
    check_book "$name" "$work/out1/$file" "$work/out2/$file"
done

# The comparison (docs/COMPARE.md): the same fixture with the DST
# fixtures in sammenligning/ (dated, as the sheet shows the files' dates)
# and [compare] Aarhus, Odense: the fagudvalg's pack with its sheet
# Sammenligning (the own monthly stock of 1 as <5, its rate ..).
cp -r "$fixtures/workbook" "$work/compare"
cp -r "$fixtures/compare/sammenligning" "$work/compare/" # set -f: no globs
find "$work/compare/sammenligning" -type f -exec touch -d '2026-01-15 12:00' {} +
sed -i 's/^name = Testrup Kommune$/name = Testrup Kommune\nchildren_0_17 = 2000\nchildren_0_22 = 2500/' \
    "$work/compare/kpi.ini"
printf '\n[compare]\nmunicipalities = Aarhus, Odense\n' >>"$work/compare/kpi.ini"
for run in 1 2; do
    "$kpi" report "$work/compare" --month "$month" -o "$work/cmp$run" >"$work/log" 2>&1 ||
        { fail "kpi report with sammenligning/ failed:"; head -n 5 "$work/log"; }
done
check_book lis-fagudvalg-sammenligning "$work/cmp1/lis-fagudvalg-$month.xlsx" \
    "$work/cmp2/lis-fagudvalg-$month.xlsx"
books="$books lis-fagudvalg-sammenligning"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: $(echo $books | wc -w) workbooks match tests/fixtures/golden/, and two runs give the same bytes"
exit 0
