#!/bin/bash
# The kpi command with budget workbooks (no LibreOffice needed):
# `kpi budget-template` writes the same bytes every run; a dataset whose
# budget.xlsx holds text where an amount belongs fails `kpi check` with a
# message naming file, sheet, row and column, and exit 1; the filled-in
# template loads.
# usage: cli_budget.sh KPI-READ-DUMP FIXTURES KPI
set -u
kpi=$3
example=$(cd "$(dirname "$0")/../../.." && pwd)/examples/eksempel
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$kpi" budget-template -o "$tmp/a.xlsx" || fail "budget-template"
"$kpi" budget-template -o "$tmp/b.xlsx" || fail "budget-template again"
cmp -s "$tmp/a.xlsx" "$tmp/b.xlsx" || fail "the template differs between runs"
"$kpi" budget-template >/dev/null 2>&1; [ $? = 2 ] || fail "no -o must be a usage error"

cp -r "$example" "$tmp/ds"
rm "$tmp/ds/budget.csv"
mkdir "$tmp/x"
(cd "$tmp/x" && unzip -q ../a.xlsx) || fail unzip
sheet="$tmp/x/xl/worksheets/sheet1.xml"
cp "$sheet" "$tmp/sheet1.orig"
# B5 (Almen plejefamilie's Korrigeret budget) as the text 'abc'.
sed -i -E 's#<c r="B5" s="([0-9]+)"/>#<c r="B5" s="\1" t="inlineStr"><is><t>abc</t></is></c>#' "$sheet"
(cd "$tmp/x" && zip -q -X -r "$tmp/ds/budget.xlsx" .) || fail zip
out=$("$kpi" check "$tmp/ds" 2>&1); rc=$?
[ $rc = 1 ] || fail "check with a bad budget: exit $rc, expected 1"
echo "$out" | grep -qF "$tmp/ds/budget.xlsx: sheet 'Budget': row 5: Korrigeret budget: not a number: 'abc'" ||
    fail "message: $out"

# The same cell as 1.250.000 kr.: the dataset loads.
cp "$tmp/sheet1.orig" "$sheet"
sed -i -E 's#<c r="B5" s="([0-9]+)"/>#<c r="B5" s="\1"><v>1250000</v></c>#' "$sheet"
rm "$tmp/ds/budget.xlsx"
(cd "$tmp/x" && zip -q -X -r "$tmp/ds/budget.xlsx" .) || fail zip
"$kpi" check "$tmp/ds" >/dev/null 2>&1 || fail "check with a good budget.xlsx"

# An .xls that is really text (some systems export HTML as .xls).
rm "$tmp/ds/budget.xlsx"
echo "<html><table><tr><td>Konto</td></tr></table></html>" >"$tmp/ds/budget.xls"
out=$("$kpi" check "$tmp/ds" 2>&1); rc=$?
[ $rc = 1 ] || fail "HTML as .xls: exit $rc"
echo "$out" | grep -q "budget.xls: this is not an Excel workbook" || fail "HTML message: $out"
echo ok
