#!/bin/bash
# Round trips through LibreOffice (issue 5): the budget template filled by
# a script and saved by LibreOffice as .xlsx and .xls (with formula cells),
# and a budget no kpi code wrote (foreign_budget.fods: a title above the
# header, Danish month names, formulas, a total row), read back exactly.
# Skips (77) only when soffice is missing.
# usage: roundtrip.sh KPI-READ-DUMP FIXTURES KPI
set -u
dump=$1 fixtures=$2 kpi=$3
command -v soffice >/dev/null || { echo "soffice not found: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
n=0
# The dump loads a folder as kpi does, as a dataset: besides the budget it
# needs a measures.csv.
measures() {
    for d in "$@"; do
        printf '%s\n' "measure_id;child_id;birth_date;target_group;measure_type;provider_kind;caseworker;start_date;monthly_cost" \
            "M1;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;5" >"$d/measures.csv"
    done
}

# soffice FORMAT OUTDIR FILE: its own profile (a second soffice sharing one
# hangs), a time limit, and formulas recalculated on load (LibreOffice
# otherwise keeps the stored results: 0 in a fresh template).
convert() {
    n=$((n + 1))
    local prof="$tmp/profile$n"
    mkdir -p "$prof/user"
    cat >"$prof/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
    timeout 180 soffice -env:UserInstallation="file://$prof" --headless \
        --norestore --convert-to "$1" --outdir "$2" "$3" >/dev/null 2>&1 ||
        fail "soffice --convert-to $1 $3"
}

# ---- 1. the template, filled in by a script ------------------------------
"$kpi" budget-template -o "$tmp/template.xlsx" || fail "budget-template"
mkdir "$tmp/x"
(cd "$tmp/x" && unzip -q ../template.xlsx) || fail unzip
sheet="$tmp/x/xl/worksheets/sheet1.xml"
# Row 5 (Almen plejefamilie): annual 1.000.000, 12,5 full-year recipients,
# average price 80.000; the months keep their formula =ROUND(B5/12,2).
# Row 6 (Forstærket plejefamilie): annual 600.000 and the months typed over
# with 40.000 in Jan..Jun and 60.000 in Jul..Dec.
sed -i -E \
    -e 's#<c r="B5" s="([0-9]+)"/>#<c r="B5" s="\1"><v>1000000</v></c>#' \
    -e 's#<c r="C5" s="([0-9]+)"/>#<c r="C5" s="\1"><v>12.5</v></c>#' \
    -e 's#<c r="D5" s="([0-9]+)"/>#<c r="D5" s="\1"><v>80000</v></c>#' \
    -e 's#<c r="B6" s="([0-9]+)"/>#<c r="B6" s="\1"><v>600000</v></c>#' \
    -e 's#<c r="([EFGHIJ])6" s="([0-9]+)"><f>[^<]*</f><v>0</v></c>#<c r="\16" s="\2"><v>40000</v></c>#g' \
    -e 's#<c r="([KLMNOP])6" s="([0-9]+)"><f>[^<]*</f><v>0</v></c>#<c r="\16" s="\2"><v>60000</v></c>#g' \
    "$sheet"
grep -q '<c r="B5" s="[0-9]*"><v>1000000</v>' "$sheet" || fail "template layout changed: B5"
[ "$(grep -o '<v>40000</v>' "$sheet" | wc -l)" = 6 ] || fail "template layout changed: E6"
(cd "$tmp/x" && zip -q -X -r ../filled.xlsx '[Content_Types].xml' _rels docProps xl) || fail zip

mkdir "$tmp/out-xlsx" "$tmp/out-xls" "$tmp/xlsx" "$tmp/xls" "$tmp/xls-no"
convert xlsx "$tmp/out-xlsx" "$tmp/filled.xlsx"
convert xls "$tmp/out-xls" "$tmp/filled.xlsx"
cp "$tmp/out-xlsx/filled.xlsx" "$tmp/xlsx/budget.xlsx"
cp "$tmp/out-xls/filled.xls" "$tmp/xls/budget.xls"
cp "$tmp/out-xls/filled.xls" "$tmp/xls-no/budget.xls"
measures "$tmp/xlsx" "$tmp/xls" "$tmp/xls-no"

# 1.000.000 / 12 = 83.333,333... -> ROUND(.,2) = 83.333,33 each month.
m5=$(printf '83333.33,%.0s' 1 2 3 4 5 6 7 8 9 10 11 12); m5=${m5%,}
m6="40000.00,40000.00,40000.00,40000.00,40000.00,40000.00,60000.00,60000.00,60000.00,60000.00,60000.00,60000.00"
expected="row 5: almen_plejefamilie annual=1000000.00 recipients=12.5 price=80000.00 months=$m5
row 6: forstaerket_plejefamilie annual=600000.00 months=$m6"

got=$("$dump" budget "$tmp/xlsx") || fail "reading the template saved as .xlsx"
[ "$got" = "$expected" ] || fail "template .xlsx: got
$got
expected
$expected"

# The .xls holds the months as formulas: kpi reads the results stored in
# the file (the FORMULA records), as Excel saved them, with or without
# LibreOffice, and never converts (a conversion recalculates).
if "$dump" cells "$tmp/xls/budget.xls" | head -1 | grep -q 'converted with LibreOffice'; then
    fail "the .xls with formulas was converted: its stored results must be read"
fi
for d in xls xls-no; do
    got=$("$dump" budget "$tmp/$d" --no-soffice) || fail "reading the template saved as .xls ($d)"
    [ "$got" = "$expected" ] || fail "template .xls ($d): got
$got
expected
$expected"
done

# ---- 2. a budget no kpi code wrote ---------------------------------------
mkdir "$tmp/out-f1" "$tmp/out-f2" "$tmp/f-xlsx" "$tmp/f-xls" "$tmp/f-xls-no"
convert xlsx "$tmp/out-f1" "$fixtures/foreign_budget.fods"
convert xls "$tmp/out-f2" "$fixtures/foreign_budget.fods"
cp "$tmp/out-f1/foreign_budget.xlsx" "$tmp/f-xlsx/budget.xlsx"
cp "$tmp/out-f2/foreign_budget.xls" "$tmp/f-xls/budget.xls"
cp "$tmp/out-f2/foreign_budget.xls" "$tmp/f-xls-no/budget.xls"
measures "$tmp/f-xlsx" "$tmp/f-xls" "$tmp/f-xls-no"
# Sheet 'Budget 2026' (after a 'Noter' sheet), header on row 4 under two
# title rows; columns Foranstaltningstype, Helårspersoner, Korrigeret
# budget, jan. .. dec. Months =C/12: 1.200.000/12 = 100.000;
# 1.000.000/12 = 83.333,333... rounded to whole øre 83.333,33; row 7 typed
# 7.500 a month. Row 8 "I alt" (sums) is a total, not a measure type.
m1=$(printf '100000.00,%.0s' 1 2 3 4 5 6 7 8 9 10 11 12); m1=${m1%,}
m3=$(printf '7500.00,%.0s' 1 2 3 4 5 6 7 8 9 10 11 12); m3=${m3%,}
expected="row 5: almen_plejefamilie annual=1200000.00 recipients=10 months=$m1
row 6: opholdssted annual=1000000.00 months=$m5
row 7: kontaktperson annual=90000.00 recipients=2.5 months=$m3"
for d in f-xlsx f-xls; do # the .xls: stored results, not converted
    got=$("$dump" budget "$tmp/$d") || fail "reading the foreign budget ($d)"
    [ "$got" = "$expected" ] || fail "foreign budget $d: got
$got
expected
$expected"
done
# Its stored formula results too, without LibreOffice.
got=$("$dump" budget "$tmp/f-xls-no" --no-soffice) || fail "foreign .xls without LibreOffice"
[ "$got" = "$expected" ] || fail "foreign budget f-xls-no: got
$got
expected
$expected"
echo "ok"
