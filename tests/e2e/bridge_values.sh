#!/bin/bash
# bridge_values.sh - the menu command "Erstat kpi-formler med værdier"
# (kpi.Main.ReplaceWithValues): a sheet whose kpi formulas are replaced by
# their values opens with every value intact, and no #NAME?, in a
# LibreOffice WITHOUT the extension, saved as .xlsx and as .ods.
#
# usage: bash bridge_values.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR [KPI_OXT]
#
# The command works on the selection or the sheet through
# ReplaceKpiFormulas(ranges); the test calls it through
# kpi.Main.ReplaceInFileHeadless(inFile, outBase, statusFile), which runs it
# on every sheet of inFile and saves outBase.xlsx and outBase.ods (the
# message box and the selection are not tested headless). Checked:
#  1. in the profile with the extension, the source sheet's values (the
#     expected ones; numbers, an empty result, a text reason, an error);
#  2. the same sheet opened in a profile without the extension shows #NAME?
#     (what a recipient saw before; it proves the profile has no add-in);
#  3. the replaced .xlsx and .ods, opened in that profile with every
#     formula recalculated, show exactly the expected values, no #NAME?,
#     and store no kpi formula; the formula that only refers to a kpi
#     cell (=B2*2) is still a formula and still right;
#  4. the round trips WITH the extension: the source saved by Calc as .xlsx
#     and as .xls and opened again, every formula recalculated, gives the
#     same values (the .xlsx calls ORG.KPI.CALC.KPIFUNCTIONS.KPIDISPOSED,
#     whose stored result is falsified first, so only a recalculation that
#     finds the add-in can restore it; the .xls calls KPI_DISPOSED, the
#     compatibility name, and showed #MACRO? before the add-in had one).
# Exit 77 (skipped) when LibreOffice or kpi.oxt is missing.
set -u

. "$(dirname "$0")/../../bridge/testing.sh"
bridge_setup "$1" "${4:-}"

# The source: kpi formulas giving numbers (KL's example, an age, a
# full-year figure, a reimbursement), an empty result (a blank row), a
# reason, an error; formulas that use kpi cells without calling kpi.
sheet=$work/kilde.csv
cat >"$sheet" <<'EOF'
label	value
kl_2010	=KPI_DISPOSED(DATE(2010;10;1);DATE(2011;4;30);10250;"month";2010)
kl_2011	=KPI_DISPONERET(DATE(2010;10;1);DATE(2011;4;30);10250;"month";2011)
age	=KPI_AGE(DATE(2008;2;29);DATE(2026;3;1))
fullyear	=KPI_FULLYEAR(DATE(2026;1;1);DATE(2026;6;30);DATE(2026;1;1);DATE(2026;12;31))
reimbursement	=KPI_REIMBURSEMENT(200000;2026)
blank_row	=KPI_DISPOSED(Z1;Z2;Z3;Z4;2026)
reason	=KPI_DISPOSED_ERROR(Z1;DATE(2026;6;30);1000;"day";2026)
error	=KPI_DISPOSED(DATE(2026;3;15);;1000;"fortnight";2026)
double	=B2*2
total	=SUM(B2:B7)
EOF

source_profile=$work/with-extension
lo_settings "$source_profile" en-US recalc
lo_install "$source_profile" || exit 1
lo_run "$source_profile" \
    --infilter="CSV:9,34,76,1,,1033,false,false,false,false,false,-1,true" \
    --convert-to ods --outdir "$work" "$sheet" >"$work/soffice.log" 2>&1 ||
    { echo "FAIL: soffice could not make the source .ods"; cat "$work/soffice.log"; exit 1; }
source=$work/kilde.ods
lo_csv "$source_profile" "$source" "$work/expected" >"$work/soffice.log" 2>&1
expected=$(ls "$work"/expected/*.csv 2>/dev/null | head -n 1)
[ -n "$expected" ] && [ -s "$expected" ] || { echo "FAIL: no values from the source"; cat "$work/soffice.log"; exit 1; }

# 1. The source's values in the profile with the extension.
for pair in kl_2010:30750 kl_2011:41000 age:18 reimbursement:52916.67 blank_row: error:Err:502 double:61500; do
    label=${pair%%:*} want=${pair#*:}
    got=$(awk -F'\t' -v l="$label" '$1 == l { v = $2; gsub(/"/, "", v); print v }' "$expected")
    [ "$got" = "$want" ] || fail "source: $label is '$got', want '$want'"
done
grep -q '^reason	start is blank: fill it in' "$expected" || fail "source: the reason is missing: $(grep ^reason "$expected")"

# The command, on every sheet; saves .xlsx and .ods.
status=$work/status
lo_run "$source_profile" \
    "macro:///kpi.Main.ReplaceInFileHeadless(\"$source\",\"$work/ut\",\"$status\")" \
    >"$work/soffice.log" 2>&1 || fail "soffice failed running the command"
[ "$(cat "$status" 2>/dev/null)" = "8 1" ] ||
    fail "the command says '$(cat "$status" 2>/dev/null)', want '8 1' (8 kpi formulas, 1 of them an error)"

# A profile without the extension, recalculating every formula on loading
# (LibreOffice keeps stored results by default, which would hide a formula
# that no longer works).
bare=$work/without-extension
lo_settings "$bare" en-US recalc

# 2. The source itself shows #NAME? there.
lo_csv "$bare" "$source" "$work/bare-source" >"$work/soffice.log" 2>&1
grep -q '#NAME?' "$work"/bare-source/*.csv ||
    fail "the source opened without the extension shows no #NAME?: the profile has the add-in, or the test proves nothing"

# 3. The replaced files show every value, and no kpi formula is left.
for ext in xlsx ods; do
    rm -rf "$work/bare-$ext"
    lo_csv "$bare" "$work/ut.$ext" "$work/bare-$ext" >"$work/soffice.log" 2>&1
    got=$(ls "$work/bare-$ext"/*.csv 2>/dev/null | head -n 1)
    if [ -z "$got" ] || [ ! -s "$got" ]; then
        fail "$ext: no values (soffice: $(cat "$work/soffice.log"))"
        continue
    fi
    if ! diff <(tail -n +2 "$expected") <(tail -n +2 "$got") >"$work/diff-$ext"; then
        fail "$ext: the values differ from the source's without the extension:"
        sed 's/^/    /' "$work/diff-$ext"
    fi
    grep -q '#NAME?' "$got" && fail "$ext: #NAME? without the extension"
done
mkdir -p "$work/unzipped"
(cd "$work/unzipped" && unzip -o -q ../ut.ods content.xml && unzip -o -q ../ut.xlsx 'xl/worksheets/*')
if grep -rqi 'ORG.KPI.CALC' "$work/unzipped"; then
    fail "a kpi formula is left in the saved files"
fi
grep -q 'of:=\[\.B2\]\*2' "$work/unzipped/content.xml" ||
    fail "the formula =B2*2, which calls no kpi function, was not kept as a formula"

# 4. Round trips with the extension.
for ext in xlsx xls; do
    rm -rf "$work/trip-$ext"
    mkdir -p "$work/trip-$ext"
    lo_run "$source_profile" --convert-to "$ext" --outdir "$work/trip-$ext" "$source" \
        >"$work/soffice.log" 2>&1 || fail "$ext: soffice could not save the source"
done
python3 - "$work/trip-xlsx/kilde.xlsx" <<'PY' || fail "xlsx: could not falsify the stored result"
import sys, zipfile, re
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    parts = {n: z.read(n) for n in z.namelist()}
sheet = parts['xl/worksheets/sheet1.xml'].decode('utf-8')
assert 'ORG.KPI.CALC.KPIFUNCTIONS.KPIDISPOSED' in sheet, 'the .xlsx does not call the add-in by its programmatic name'
sheet, n = re.subn(r'(<c r="B2"[^>]*><f[^>]*>[^<]*</f><v>)30750(</v>)', r'\g<1>1\g<2>', sheet)
assert n == 1, 'no stored 30750 in B2'
parts['xl/worksheets/sheet1.xml'] = sheet.encode('utf-8')
with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
PY
{ strings "$work/trip-xls/kilde.xls"; strings -e l "$work/trip-xls/kilde.xls"; } | grep -qx KPI_DISPOSED ||
    fail "xls: the call is not stored under the compatibility name KPI_DISPOSED"
for ext in xlsx xls; do
    rm -rf "$work/trip-$ext/out"
    lo_csv "$source_profile" "$work/trip-$ext/kilde.$ext" "$work/trip-$ext/out" >"$work/soffice.log" 2>&1
    got=$(ls "$work/trip-$ext"/out/*.csv 2>/dev/null | head -n 1)
    if [ -z "$got" ]; then
        fail "$ext round trip: no values"
    elif ! diff <(tail -n +2 "$expected") <(tail -n +2 "$got") >"$work/diff-trip-$ext"; then
        fail "$ext round trip with the extension: the values differ:"
        sed 's/^/    /' "$work/diff-trip-$ext"
    fi
done

if [ "$failures" -ne 0 ]; then
    echo "--- expected:"
    sed 's/^/    /' "$expected"
    echo "$failures failure(s)"
    exit 1
fi
echo "bridge_values: 8 kpi formulas replaced; .xlsx and .ods open without the extension with every value intact; .xlsx and .xls round trips hold with it"
