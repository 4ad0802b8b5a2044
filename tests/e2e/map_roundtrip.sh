#!/bin/bash
# map_roundtrip.sh - the recipient map survives an edit in LibreOffice.
#
# usage: bash map_roundtrip.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# kpi writes noegletal-modtagere.xlsx for the example municipality;
# LibreOffice headless opens it and a Basic macro (in the test's own
# profile) changes three cells as a person would: clears Fagudvalg's ✓ of
# placed_children, sets Direktion's ✓ of data_quality, and turns
# Fagudvalg's cadence from Kvartalsvis to Månedlig; LibreOffice saves it as
# .xlsx and as .xls. kpi-map-dump reads both back: exactly those three
# values differ from the map kpi wrote. Bad maps (a mark 'y', an unknown
# Kode, both typed in LibreOffice) make `kpi report` exit 1 with a message
# naming sheet, row and column, and write nothing. Finally the edited map
# in the dataset folder changes the packs: Fagudvalg's pack loses
# placed_children and Direktion's gains data_quality.
#
# Exit 77 (skipped) when soffice or the dump tools are missing.
set -u

kpi=$1
fixtures=$3
root=$(cd "$fixtures/../.." && pwd)
build=$(dirname "$kpi")
mapdump=$build/xlsx/read/kpi-map-dump
celldump=$build/xlsx/read/kpi-read-dump
month=2026-10

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
    echo "SKIP: soffice (LibreOffice) is not installed"
    exit 77
fi
if [ ! -x "$mapdump" ] || [ ! -x "$celldump" ]; then
    echo "SKIP: $mapdump or $celldump not built (KPI_TESTS=OFF?)"
    exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-maprt.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

# The dataset: the example municipality, copied so a map can be put in.
cp -r "$root/examples/eksempel" "$work/ds"
rm -f "$work/ds"/noegletal-modtagere.xls*
"$mapdump" write "$work/ds" "$month" "$work/map.xlsx" "$work/ov.xlsx" \
    2>/dev/null || { fail "kpi-map-dump write"; exit 1; }
"$mapdump" read "$work/map.xlsx" >"$work/written.txt" ||
    fail "kpi's own map does not read back"

# A profile of the test's own, initialised by a first run, then given the
# macro as its Standard library's Module1.
prof=$work/profile
timeout 180 "$soffice" -env:UserInstallation="file://$prof" --headless \
    --convert-to csv --outdir "$work/init" "$work/map.xlsx" >/dev/null 2>&1
basic=$prof/user/basic/Standard
if [ ! -f "$basic/Module1.xba" ]; then
    echo "SKIP: LibreOffice made no Basic library in the profile"
    exit 77
fi
cat >"$basic/Module1.xba" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Function Prop(n As String, v) As Object
    Dim p As New com.sun.star.beans.PropertyValue
    p.Name = n
    p.Value = v
    Prop = p
End Function

Function RowOf(sh As Object, code As String) As Long
    Dim r As Long
    RowOf = -1
    For r = 0 To 200
        If sh.getCellByPosition(1, r).getString() = code Then
            RowOf = r
            Exit Function
        End If
    Next r
End Function

Sub SaveAs(doc As Object, url As String, filter As String)
    Dim a(0) As Object
    a(0) = Prop("FilterName", filter)
    doc.storeToURL(url, a())
End Sub

Sub EditMap(src As String, outdir As String)
    Dim a(0) As Object
    a(0) = Prop("Hidden", True)
    doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, a())
    figs = doc.Sheets.getByIndex(0)
    groups = doc.Sheets.getByIndex(1)
    tick = Chr(10003)
    pc = RowOf(figs, "placed_children")
    dq = RowOf(figs, "data_quality")
    REM Columns: D Fagudvalg (3), E Direktion (4); rows found by Kode.
    figs.getCellByPosition(3, pc).setString("")
    figs.getCellByPosition(4, dq).setString(tick)
    REM Modtagergrupper: Fagudvalg on the first row under the header (4),
    REM Kadence in column D (3).
    groups.getCellByPosition(3, 4).setString("M" &amp; Chr(229) &amp; "nedlig")
    SaveAs(doc, ConvertToURL(outdir &amp; "/edited.xlsx"), "Calc MS Excel 2007 XML")
    SaveAs(doc, ConvertToURL(outdir &amp; "/edited.xls"), "MS Excel 97")
    REM Bad maps: a mark kpi cannot read, then an unknown code.
    figs.getCellByPosition(4, pc).setString("y")
    SaveAs(doc, ConvertToURL(outdir &amp; "/bad-mark.xlsx"), "Calc MS Excel 2007 XML")
    figs.getCellByPosition(4, pc).setString(tick)
    figs.getCellByPosition(1, dq).setString("data_qualty")
    SaveAs(doc, ConvertToURL(outdir &amp; "/bad-code.xlsx"), "Calc MS Excel 2007 XML")
    doc.close(True)
End Sub
</script:module>
EOF
mkdir -p "$work/ed"
timeout 180 "$soffice" -env:UserInstallation="file://$prof" --headless \
    "macro:///Standard.Module1.EditMap(\"$work/map.xlsx\",\"$work/ed\")" \
    >"$work/macro.log" 2>&1
for f in edited.xlsx edited.xls bad-mark.xlsx bad-code.xlsx; do
    [ -s "$work/ed/$f" ] || fail "LibreOffice did not save $f (macro log: $(cat "$work/macro.log"))"
done

# Exactly the three edited values differ.
want=$(printf '%s\n' \
    "< data_quality direktion 0" "> data_quality direktion 1" \
    "< fagudvalg quarterly breakdowns" "> fagudvalg monthly breakdowns" \
    "< placed_children fagudvalg 1" "> placed_children fagudvalg 0" | sort)
for f in edited.xlsx edited.xls; do
    if ! "$mapdump" read "$work/ed/$f" >"$work/$f.txt" 2>"$work/$f.err"; then
        fail "$f does not read back: $(cat "$work/$f.err")"
        continue
    fi
    got=$(diff "$work/written.txt" "$work/$f.txt" | grep '^[<>]' | sort)
    [ "$got" = "$want" ] || fail "$f: the changes read back are
$got
want
$want"
done

# Bad maps: exit 1, the message, nothing written.
check_bad() { # check_bad FILE EXPECTED_MESSAGE_PART
    rm -rf "$work/out"
    cp "$work/ed/$1" "$work/ds/noegletal-modtagere.xlsx"
    "$kpi" report "$work/ds" --month "$month" -o "$work/out" \
        >/dev/null 2>"$work/bad.err"
    local rc=$?
    [ "$rc" = 1 ] || fail "$1: kpi report exited $rc, want 1"
    grep -qF "$2" "$work/bad.err" ||
        fail "$1: no message '$2' in: $(grep -v warning "$work/bad.err")"
    [ ! -e "$work/out" ] || [ -z "$(ls -A "$work/out")" ] ||
        fail "$1: kpi report wrote files"
}
check_bad bad-mark.xlsx "noegletal-modtagere.xlsx: sheet 'Nøgletal': row"
check_bad bad-mark.xlsx "column 'Direktion': 'y' is not a mark"
check_bad bad-code.xlsx "column 'Kode': 'data_qualty' is not a key figure of kpi"

# The edited map changes the packs (needs `kpi report` to write them).
cp "$work/ed/edited.xlsx" "$work/ds/noegletal-modtagere.xlsx"
rm -rf "$work/out"
if ! "$kpi" report "$work/ds" --month "$month" -o "$work/out" \
    >/dev/null 2>"$work/report.err"; then
    fail "kpi report with the edited map: $(grep -v warning "$work/report.err" | head -5)"
else
    fu=$(ls "$work/out"/lis-fagudvalg*-"$month".xlsx 2>/dev/null | head -1)
    di=$(ls "$work/out"/lis-direktion*-"$month".xlsx 2>/dev/null | head -1)
    if [ -z "$fu" ] || [ -z "$di" ]; then
        echo "NOTE: kpi report wrote no lis-fagudvalg/lis-direktion packs: pack check skipped"
    else
        "$celldump" cells "$fu" >"$work/fu.txt" 2>&1
        "$celldump" cells "$di" >"$work/di.txt" 2>&1
        ! grep -q 'placed_children' "$work/fu.txt" ||
            fail "Fagudvalg's pack still holds placed_children"
        grep -q 'new_placements' "$work/fu.txt" ||
            fail "Fagudvalg's pack lost new_placements (the dump is not read?)"
        grep -q 'data_quality' "$work/di.txt" ||
            fail "Direktion's pack has no data_quality"
    fi
    # kpi writes the map it used: the edit is in the report's own map.
    "$mapdump" read "$work/out/noegletal-modtagere.xlsx" >"$work/out-map.txt" ||
        fail "the report's map does not read back"
    cmp -s "$work/out-map.txt" "$work/edited.xlsx.txt" ||
        fail "the report's map is not the edited map"
fi

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "OK: the map round-trips through LibreOffice (.xlsx and .xls)"
