#!/bin/bash
# corpus_stored.sh - formula .xls files of the real-file corpus give the
# results Excel stored in them, not a recalculation (issue 16). Each cell
# below is one where LibreOffice, opening the file, computes something
# else (its value is in the comment: soffice 7.4 --convert-to xlsx, read
# back with kpi-read-dump, on 4 December 2026); kpi reads the FORMULA
# record's cached result (biff.c) and the STRING record after a text
# result; in two files freexl cannot open, which LibreOffice converts,
# the formula cells still take the stored results. With
# KPI_CORPUS_SOFFICE=1 and soffice on PATH, the test also
# converts the files and checks that LibreOffice still differs, so the
# cells keep testing what they should.
# Exit 77 (skipped) where ../shared/corpus is absent.
# usage: corpus_stored.sh KPI-READ-DUMP FIXTURES KPI
set -u
dump=$1
root=$(cd "$(dirname "$0")/../../.." && pwd)
files=${KPI_CORPUS:-$root/../shared/corpus}/files
[ -d "$files" ] || { echo "SKIP: $files is not there"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
checked=0

# expect FILE 'CELL TYPE= VALUE' 'LIBREOFFICE'...: kpi-read-dump cells
# FILE shows each line (a formula cell: TYPE=); LIBREOFFICE is what a
# recalculation gave there.
expect() {
    local f=$1 out
    shift
    out="$tmp/$(basename "$f").cells"
    [ -s "$out" ] || "$dump" cells "$files/$f" >"$out" 2>"$out.err" ||
        fail "$f: $(cat "$out.err")"
    head -n 1 "$out" | grep -q 'converted with LibreOffice' &&
        fail "$f was converted: its stored results must be read"
    while [ $# -gt 0 ]; do
        grep -qxF "$1" "$out" || fail "$f: no line '$1'; got: $(grep -F "${1%% *} " "$out")"
        checked=$((checked + 1))
        shift 2
    done
}

# A user-defined (VBA) function: LibreOffice has no such function, #NAME?.
expect poi__SquareMacro.xls \
    'Sheet1!A1 number= 1' '#NAME?' \
    'Sheet1!A2 number= 4' '#NAME?' \
    'Sheet1!C2 number= 16' '#NAME?'
# A one-variable data table (TABLE): LibreOffice recalculates the row as
# the input cell's 379.540; Excel stored 356.105 (issue 16's example).
expect poi__44958_1.xls \
    'OneVariable Table Completed!E4 number= 356.105307407563' '379.54041535516'
# =TODAY(): the day Excel saved it, not the day kpi reads it.
expect poi__Basic_Expense_Template_2011.xls \
    'EXPENSES!I6 date= 2014-12-15' 'date 2026-12-04 (that day)'
# =CELL("format", ...): a text result from the STRING record.
expect sheetjs__number_format.xls \
    'Implied!C10 text= # ?/?' '#VALUE!' \
    'Implied!C11 text= # ??/??' '#VALUE!'
# A boolean result (LibreOffice has only numbers) and an error result.
expect poi__atp.xls \
    'Sheet1!B3 bool= 0' 'number 0' \
    'Sheet1!B4 bool= 1' 'number 1'
expect poi__mirrTest.xls 'Mirr!A38 error= #DIV/0!' '#VALUE!'

# Files freexl cannot open go through LibreOffice, and their formula
# cells still take the results Excel stored (skipped without soffice).
if command -v soffice >/dev/null; then
    for f in poi__FormulaEvalTestData.xls poi__LookupFunctionsTestCaseData.xls; do
        "$dump" cells "$files/$f" >"$tmp/$f.cells" 2>"$tmp/$f.err" ||
            fail "$f: $(cat "$tmp/$f.err")"
        head -n 1 "$tmp/$f.cells" | grep -qx '# converted with LibreOffice' ||
            fail "$f was read without LibreOffice: pick a file freexl refuses"
        grep -q ' formula= ' "$tmp/$f.cells" &&
            fail "$f: formula cells left unread: $(grep -m3 ' formula= ' "$tmp/$f.cells")"
    done
    # LibreOffice: 0.9599976 and #VALUE!; a lookup's text "something2".
    grep -qxF 'EverythingTests!D176 number= 1.33332888888889' "$tmp/poi__FormulaEvalTestData.xls.cells" &&
    grep -qxF 'EverythingTests!D1120 number= 2136' "$tmp/poi__FormulaEvalTestData.xls.cells" &&
    grep -qxF 'HL-basic!B44 text= something4' "$tmp/poi__LookupFunctionsTestCaseData.xls.cells" ||
        fail "a converted file's stored results: $(grep -E '^(EverythingTests!D(176|1120)|HL-basic!B44) ' "$tmp"/*.cells)"
    checked=$((checked + 3))
else
    echo "soffice not found: the converted files not checked"
fi

if [ "${KPI_CORPUS_SOFFICE:-0}" = 1 ] && command -v soffice >/dev/null; then
    # LibreOffice still recalculates these differently.
    for f in poi__SquareMacro.xls poi__44958_1.xls; do
        mkdir -p "$tmp/lo/$f"
        timeout 120 soffice -env:UserInstallation="file://$tmp/profile" \
            --headless --norestore --convert-to xlsx --outdir "$tmp/lo/$f" \
            "$files/$f" >/dev/null 2>&1 || fail "soffice $f"
    done
    "$dump" cells "$tmp/lo/poi__SquareMacro.xls/poi__SquareMacro.xlsx" |
        grep -qxF 'Sheet1!A1 error= #NAME?' || fail "LibreOffice now computes SquareMacro"
    "$dump" cells "$tmp/lo/poi__44958_1.xls/poi__44958_1.xlsx" |
        grep -q '^OneVariable Table Completed!E4 number= 379\.54' ||
        fail "LibreOffice now computes 44958_1's E4 as Excel stored it"
fi
echo "ok: $checked stored results"
