#!/bin/bash
# pack_overblik.sh - page 1 of the packs answers the reader (issue 14,
# items 1 and 4; KL's råd 1, 2 and 9), read as the recipient reads it:
# LibreOffice's PDF export, then pdftotext -layout of page 1.
#
# usage: bash pack_overblik.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# On the example municipality, report month 2026-09, with the
# administration's note tests/fixtures/overblik/bemaerkninger-2026-09.txt
# in the dataset folder:
# - page 1 of the fagudvalg's and the direktion's pack is the Overblik and
#   holds the expected outturn against the budget, the headline figures
#   with the same point last year, and the note;
# - a team leader's page 1 holds no note (it is for the fagudvalg and the
#   direktion);
# - without the file there is no note box; a note that is not UTF-8 stops
#   the report with the file and line; a very long note is cut with a
#   message and the Overblik stays one page.
# Exit 77 (skipped) when soffice or pdftotext is not installed (the checks
# without them run first).
set -u

kpi=$1
fixtures=$3
root=$(cd "$fixtures/../.." && pwd)
month=2026-09
note=$fixtures/overblik/bemaerkninger-$month.txt

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-overblik.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/eksempel" "$work/ds"
failures=0
fail() { echo "FAIL: $*" && failures=$((failures + 1)); }

# A note in Windows-1252 ("på" as 0xE5) on line 2: kpi names file and line.
printf 'Linje 1\nBesparelse p\xe5 2 mio.\n' >"$work/ds/bemaerkninger-$month.txt"
"$kpi" report "$work/ds" --month $month -o "$work/bad" >"$work/bad.out" 2>&1
rc=$?
[ $rc = 1 ] || fail "a note that is not UTF-8: exit $rc, expected 1"
grep -q "bemaerkninger-$month.txt:2: .*not valid UTF-8" "$work/bad.out" ||
    fail "no file:line for the bad note: $(grep -v cancelled "$work/bad.out" | head -3)"
[ ! -e "$work/bad" ] || fail "a report was written despite the bad note"

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ] || ! command -v pdftotext >/dev/null; then
    echo "SKIP: soffice (LibreOffice) or pdftotext is not installed"
    [ $failures = 0 ] || exit 1
    exit 77
fi

to_pdf() { # to_pdf OUTDIR XLSX...
    local outdir=$1
    shift
    mkdir -p "$work/profile/user"
    timeout 600 "$soffice" -env:UserInstallation="file://$work/profile" \
        --headless --convert-to pdf --outdir "$outdir" "$@" \
        >"$outdir.log" 2>&1
}
page1() { # page1 PDF: the text of its first page
    pdftotext -layout -f 1 -l 1 "$1" - 2>/dev/null
}

cp "$note" "$work/ds/bemaerkninger-$month.txt"
"$kpi" report "$work/ds" --month $month -o "$work/with" >/dev/null 2>&1 ||
    fail "kpi report with the note failed"
rm "$work/ds/bemaerkninger-$month.txt"
"$kpi" report "$work/ds" --month $month -o "$work/without" >/dev/null 2>&1 ||
    fail "kpi report without the note failed"
# A note of 200 long lines.
python3 -c "
for i in range(200):
    print('Linje %d: ' % (i + 1) + 'Forklaring af afvigelsen og forslag til handling. ' * 3)
" >"$work/ds/bemaerkninger-$month.txt"
"$kpi" report "$work/ds" --month $month -o "$work/long" >/dev/null 2>&1 ||
    fail "kpi report with a long note failed"

to_pdf "$work/pdf-with" "$work/with"/lis-fagudvalg-*.xlsx \
    "$work/with"/lis-direktion-direktion-*.xlsx \
    "$work/with"/lis-afdelingsleder-leder-nord-*.xlsx
to_pdf "$work/pdf-without" "$work/without"/lis-fagudvalg-*.xlsx
to_pdf "$work/pdf-long" "$work/long"/lis-fagudvalg-*.xlsx

for pack in lis-fagudvalg-udvalg lis-direktion-direktion; do
    pdf=$work/pdf-with/$pack-$month.pdf
    [ -s "$pdf" ] || { fail "$pack: no PDF"; continue; }
    p1=$(page1 "$pdf")
    echo "$p1" | grep -q "^ *Overblik september 2026" ||
        fail "$pack: page 1 is not the Overblik"
    # The expected outturn against the budget, in kroner and per cent.
    echo "$p1" | grep -Eq "Forventet regnskab 2026 +[0-9.]+ kr\." ||
        fail "$pack: page 1 has no expected outturn"
    echo "$p1" | grep -Eq "Korrigeret budget 2026 +[0-9.]+ kr\." ||
        fail "$pack: page 1 has no budget"
    echo "$p1" | grep -Eq "Afvigelse i % af budgettet +-?[0-9]+,[0-9]" ||
        fail "$pack: page 1 has no deviation in per cent"
    # The deviation split into quantity and price (issue 14 item 1).
    echo "$p1" | grep -Eq "Heraf mængde \(helårsmodtagere\) +-?[0-9.]+ kr\." ||
        fail "$pack: page 1 has no quantity effect"
    echo "$p1" | grep -Eq "Heraf pris \(gennemsnitspris\) +-?[0-9.]+ kr\." ||
        fail "$pack: page 1 has no price effect"
    # Last year beside today: placed children now and on 30-09-2025.
    echo "$p1" | grep -q "Sidste år" || fail "$pack: no column for last year"
    echo "$p1" | grep -Eq "Anbragte børn pr\. 30-09-2026 +[0-9]+ +[0-9]+ +-?[0-9]+" ||
        fail "$pack: placed children without last year and the change"
    # A to-date headline beside January-September 2025: a number or, where
    # SPEC §7 hides it, '..' (September's new placements hide to date:
    # August's pack showed August's), never '.' (not available).
    echo "$p1" | grep -Eq "Nyanbringelser januar–september 2026 +([0-9]+|\.\.) +([0-9]+|\.\.) +([-+]?[0-9]+|\.\.)( |$)" ||
        fail "$pack: new placements to date without last year's to date"
    # The note, its words as written.
    echo "$p1" | grep -q "Administrationens bemærkninger" ||
        fail "$pack: page 1 has no note box"
    echo "$p1" | tr -s ' \n' '  ' |
        grep -q "genforhandling af rammeaftaler med tre opholdssteder" ||
        fail "$pack: page 1 lacks the note's text"
done

# The direktion's deviation split into quantity and price.
p1=$(page1 "$work/pdf-with/lis-direktion-direktion-$month.pdf")
echo "$p1" | grep -Eq "Heraf mængde.* -?[0-9.]+ kr\." ||
    fail "direktion: no quantity effect on page 1"
echo "$p1" | grep -Eq "Heraf pris.* -?[0-9.]+ kr\." ||
    fail "direktion: no price effect on page 1"

p1=$(page1 "$work/pdf-with/lis-afdelingsleder-leder-nord-$month.pdf")
echo "$p1" | grep -q "Overblik september 2026" ||
    fail "afdelingsleder: page 1 is not the Overblik"
echo "$p1" | grep -q "Administrationens bemærkninger" &&
    fail "afdelingsleder: the note is for the fagudvalg and direktion only"

p1=$(page1 "$work/pdf-without/lis-fagudvalg-udvalg-$month.pdf")
echo "$p1" | grep -q "Forventet regnskab 2026" ||
    fail "without a note: page 1 lost the outturn"
echo "$p1" | grep -q "Administrationens bemærkninger" &&
    fail "without a note: a note box all the same"

p1=$(page1 "$work/pdf-long/lis-fagudvalg-udvalg-$month.pdf")
echo "$p1" | grep -q "Linje 1: Forklaring" || fail "long note: its start is not on page 1"
echo "$p1" | grep -q "Forkortet" || fail "long note: not cut with a message"
echo "$p1" | grep -q "Linje 200:" && fail "long note: printed whole"
# The note stands under the budget and is cut short enough that page 1
# still reaches the headlines (which may run on to page 2 at 8 pt).
echo "$p1" | grep -q "Hovedtal" ||
    fail "long note: page 1 does not reach the headlines"

if [ $failures != 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "OK: page 1 of the packs"
