#!/bin/bash
# report_streamed.sh - `kpi report` past the streaming threshold, at the
# sheet's limit, and libxlsxwriter's words (issue 15).
#
# Above KPI_BOOK_STREAM_ROWS (50,000) rows of figures and dispositions a
# workbook is streamed (libxlsxwriter's constant_memory), which refuses
# anything written above the current row. This test:
# 1. writes the example's report in memory and streamed (KPI_STREAM_ROWS=1)
#    and checks that every streamed workbook holds what the one built in
#    memory holds (streamed_same.py: cells, formats, filters, conditional
#    formats, validations, charts);
# 2. writes the report of a kpi-gen municipality of 120,000 measures (about
#    55,000 in the Dispositioner sheet, so streamed at kpi's own
#    threshold) and checks that every workbook opens (unzip -t; the OOXML
#    schemas with ../shared/ooxml/validate-xlsx when it is there; the
#    economy workbook in LibreOffice, as stored and recalculated, which
#    must agree) and that its figures are `kpi export`'s
#    (workbook_readback.py on the economy workbook, the Data sheet of every
#    other workbook row by row);
# 3. lowers the sheet's limit (KPI_SHEET_ROWS=50000) below that
#    Dispositioner sheet: kpi must say which sheet and what to do, exit 3,
#    and leave OUTDIR as it was;
# 4. gives a caseworker a name longer than a cell holds: kpi must name the
#    workbook and sheet and give libxlsxwriter's own words, exit 3.
# Each part prints its time.
#
# usage: bash report_streamed.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
gen=$2
fixtures=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$fixtures/../.." && pwd)
month=2026-10
command -v python3 >/dev/null || { echo "SKIP: python3 is missing"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-streamed.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}
started=$SECONDS
took() { # took LABEL: the seconds since the last call
    echo "time: $1: $((SECONDS - started)) s"
    started=$SECONDS
}

# --- 1. Streamed = in memory ---------------------------------------------
example=$root/examples/eksempel
if ! "$kpi" report "$example" --no-history --month "$month" -o "$work/memory" \
    >"$work/log" 2>&1 ||
    ! KPI_STREAM_ROWS=1 "$kpi" report "$example" --no-history --month "$month" \
        -o "$work/streamed" >"$work/log" 2>&1; then
    fail "kpi report on the example failed:"
    grep -v warning "$work/log" | head -n 5
fi
for book in "$work"/memory/*.xlsx; do
    python3 "$here/streamed_same.py" "$book" \
        "$work/streamed/$(basename "$book")" || failures=$((failures + 1))
done
took "the example in memory and streamed"

# --- 2. Past the threshold -----------------------------------------------
big=$work/big
out=$work/out
"$gen" --out "$big" --seed 3 --measures 120000 --as-of "$month" \
    >"$work/log" 2>&1 || fail "kpi-gen failed"
if ! "$kpi" report "$big" --month "$month" -o "$out" >"$work/log" 2>&1 ||
    ! "$kpi" export "$big" --month "$month" >"$work/export.csv" 2>/dev/null; then
    fail "kpi report/export on 120,000 measures failed:"
    grep -v warning "$work/log" | head -n 5
    echo "$failures failure(s)"
    exit 1
fi
took "kpi-gen, kpi report and kpi export of 120,000 measures"
economy=$out/oekonomi-$month.xlsx
# One row per measure of the year in Dispositioner (the export counts
# them), plus the export's rows: past 50,000, and no shared strings.
measures=$(sed -n "s/^disposed;${month%-*};total;count;//p" "$work/export.csv")
rows=$(($(wc -l <"$work/export.csv") - 1 + ${measures:-0}))
if unzip -l "$economy" | grep -q sharedStrings || [ "$rows" -le 50000 ]; then
    fail "the economy workbook was not streamed ($rows rows, $measures measures)"
else
    echo "ok: the economy workbook is streamed: $rows rows, $measures measures in Dispositioner"
fi
n=0
for book in "$out"/*.xlsx; do
    unzip -tq "$book" >/dev/null || fail "$(basename "$book"): unzip -t"
    n=$((n + 1))
done
echo "ok: unzip -t: $n workbooks"
validate=$root/../shared/ooxml/validate-xlsx
if [ -x "$validate" ] && command -v xmllint >/dev/null; then
    "$validate" "$out"/*.xlsx >"$work/validate.log" 2>&1 ||
        fail "the OOXML schemas: $(head -n 3 "$work/validate.log")"
    echo "ok: OOXML schemas: $(tail -n 1 "$work/validate.log")"
else
    echo "note: $validate or xmllint is missing; the schemas are not checked"
fi
took "unzip -t and the schemas"

python3 "$here/workbook_readback.py" "$economy" "$work/export.csv" \
    "120,000 measures" "Eksempel Kommune" || failures=$((failures + 1))
python3 - "$here" "$work/export.csv" "$out" <<'PY' || failures=$((failures + 1))
# The Data sheet of the other workbooks of the whole municipality against
# the export: the map's, the overview's and the fagchef's hold it row for
# row; fagudvalg's and direktion's some of its rows, each with the
# export's value or <5. (A team leader's or caseworker's pack holds the
# figures of their part of the data.)
import os, sys
sys.path.insert(0, sys.argv[1])
from pack_privacy import Book

rows = [l.rstrip("\n").split(";") for l in open(sys.argv[2], encoding="utf-8")][1:]
exp = {tuple(r[:4]): r[4] for r in rows}
whole = ("noegletal-modtagere.xlsx", "modtageroverblik.xlsx", "lis-fagchef-")

def same(a, b):
    """a (the workbook's double) rounds to b (the export's text)."""
    try:
        decimals = len(b.split(".")[1]) if "." in b else 0
        return abs(float(a) - float(b)) <= 0.5 * 10 ** -decimals + 1e-9 * abs(float(b))
    except ValueError:
        return False

bad, n = [], 0
for name in sorted(os.listdir(sys.argv[3])):
    if not name.startswith(whole + ("lis-fagudvalg-", "lis-direktion-")):
        continue  # the economy workbook is workbook_readback.py's
    n += 1
    keys = []
    for cells in dict(Book(os.path.join(sys.argv[3], name)).sheets)["Data"][1:]:
        v = {ref.rstrip("0123456789"): (val, num) for ref, val, num, _ in cells}
        key = tuple(v[k][0] for k in "ABCD")
        keys.append(key)
        val, num = v["E"]
        if key not in exp:
            bad.append("%s Data: %s is not in the export" % (name, ";".join(key)))
        elif not (same(val, exp[key]) if num else
                  val == exp[key] or val == ".." or
                  (val == "<5" and exp[key] in ("1", "2", "3", "4"))):
            bad.append("%s Data %s: %s, export %s" % (name, ";".join(key), val, exp[key]))
    if name.startswith(whole) and keys != [tuple(r[:4]) for r in rows]:
        bad.append("%s Data: not the export's rows (%d, export %d)" % (name, len(keys), len(rows)))
for b in bad[:20]:
    print("FAIL: " + b)
if not bad:
    print("ok: the Data sheets of %d more workbooks are the export's" % n)
sys.exit(1 if bad else 0)
PY
took "the figures against kpi export"

soffice=$(command -v soffice || command -v libreoffice || true)
if [ -n "$soffice" ]; then
    . "$here/soffice_common.bash"
    make_profile "$work/profile-stored" 0
    make_profile "$work/profile-recalc" 1
    if ! to_csv "$work/profile-stored" "$work/stored" "$economy" ||
        ! to_csv "$work/profile-recalc" "$work/recalc" "$economy"; then
        fail "LibreOffice could not convert the economy workbook"
        tail -n 5 "$work/stored.log" "$work/recalc.log"
    elif ! compare "$work/stored" "$work/recalc" >"$work/diff"; then
        fail "the economy workbook's values change when LibreOffice recalculates:"
        head -n 10 "$work/diff"
    else
        lines=$(wc -l <"$work/stored/oekonomi-$month-Dispositioner.csv")
        [ "$lines" -gt "$measures" ] ||
            fail "LibreOffice read $lines lines of Dispositioner for $measures measures"
        echo "ok: LibreOffice opens the economy workbook ($(ls "$work/stored" | wc -l) sheets, $lines lines of Dispositioner), the same recalculated"
    fi
    took "LibreOffice, as stored and recalculated"
else
    echo "note: soffice (LibreOffice) is not installed; the economy workbook is not opened in it"
fi

# --- 3. A sheet too long for the (lowered) limit -------------------------
keep=$work/keep
mkdir -p "$keep"
echo "not kpi's" >"$keep/notes.txt"
cp "$economy" "$keep/oekonomi-$month.xlsx"
# OUTDIR itself (its inode and time) and its entries, byte for byte.
snapshot() { (cd "$keep" && stat -c '%i %Y' . && ls -lA --time-style=+%s &&
    sha256sum ./*); }
snapshot >"$work/keep.before"
KPI_SHEET_ROWS=50000 "$kpi" report "$big" --month "$month" -o "$keep" \
    >"$work/stdout" 2>"$work/log"
rc=$?
grep -v warning "$work/log" >"$work/errors"
snapshot >"$work/keep.after"
want="^kpi: cannot write 'oekonomi-$month.xlsx': sheet 'Dispositioner': [0-9]+ rows do not fit in a sheet \(at most 50000\): split the dataset, e.g. by municipality or administration, and report on each part$"
if [ "$rc" -ne 3 ]; then
    fail "too long a sheet: exit $rc, not 3"
elif ! head -n 1 "$work/errors" | grep -Eq "$want" ||
    [ "$(sed -n 2p "$work/errors")" != "kpi: nothing written" ] ||
    [ "$(wc -l <"$work/errors")" -ne 2 ]; then
    fail "too long a sheet: the message is not the plain one:"
    cat "$work/errors"
elif ! cmp -s "$work/keep.before" "$work/keep.after" || [ -s "$work/stdout" ] ||
    ls -a "$work" | grep -q '^\.kpi-report\.'; then
    fail "too long a sheet: OUTDIR changed or a staging folder was left"
else
    echo "ok: too long a sheet: exit 3, $(head -n 1 "$work/errors")"
fi
took "a sheet too long"

# --- 4. libxlsxwriter's own words ----------------------------------------
long=$work/long
cp -r "$example" "$long"
name=$("$kpi" export "$long" --month "$month" 2>/dev/null |
    sed -n 's/^caseworker_spend;2026;caseworker=\([^;]*\);.*/\1/p' | head -n 1)
python3 - "$long" "$name" <<'PY'
import sys
folder, name = sys.argv[1:3]
long = name + " " + "x" * 33000  # a cell holds 32,767 characters
for f in ("measures.csv", "cases.csv"):
    p = folder + "/" + f
    s = open(p, encoding="utf-8").read()
    open(p, "w", encoding="utf-8").write(s.replace(";%s;" % name, ";%s;" % long))
PY
"$kpi" report "$long" --month "$month" -o "$work/long-out" >/dev/null 2>"$work/log"
rc=$?
msg=$(grep -v warning "$work/log" | head -n 1)
if [ -z "$name" ] || [ "$rc" -ne 3 ] || [ -e "$work/long-out" ] ||
    ! grep -Eq "^kpi: cannot write '[^']+\.xlsx': sheet '[^']+': String exceeds Excel's limit of 32,767 characters\.$" <<<"$msg"; then
    fail "a caseworker of 33,000 characters ('$name'): exit $rc, $msg"
else
    echo "ok: libxlsxwriter's words: $msg"
fi
took "a text too long for a cell"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
exit 0
