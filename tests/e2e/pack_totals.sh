#!/bin/bash
# pack_totals.sh - a total beside its rows either adds up or says why.
#
# Reads the fagchef pack (every figure, nothing masked, SPEC §6) of the
# example and of a generated municipality back with pack_privacy.py's
# independent reader. In every breakdown table (a header row, its rows,
# then "I alt") each column of counts, amounts (kr.) or full-year
# recipients whose "I alt" is not the sum of the rows above it must have
# a note line right under the table (docs/DECISIONS.md, "Totals that add
# up"): a family counted once in the total but in each target group, a
# notification without a birth date in the total only. Means, prices,
# shares and durations are not sums and are not checked.
#
# usage: bash pack_totals.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1 gen=$2
here=$(cd "$(dirname "$0")" && pwd)
month=2026-10
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-packtotals.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
cp -r "$here/../../examples/eksempel" "$work/eksempel"
"$gen" --out "$work/gen1" --seed 1 --measures 1500 --as-of $month >/dev/null 2>&1 ||
    { echo "FAIL: kpi-gen failed"; exit 1; }
status=0
for name in eksempel gen1; do
    if ! "$kpi" report "$work/$name" --month $month -o "$work/out-$name" \
        >"$work/log" 2>&1; then
        echo "FAIL: kpi report on $name failed"
        grep -v warning "$work/log" | head -n 5
        status=1
        continue
    fi
    python3 - "$here" "$name" "$work/out-$name/lis-fagchef-"*"-$month.xlsx" \
        <<'PY' || status=1
import re
import sys
sys.path.insert(0, sys.argv[1])
from pack_privacy import Book

name, path = sys.argv[2], sys.argv[3]
NOT_SUMS = ("gennemsnit", "pris", "laveste", "højeste", "median", "andel")
bad = []


def additive(fmt, heading):
    if any(w in heading.lower() for w in NOT_SUMS):
        return False
    if "dage" in fmt or "%" in fmt:
        return False
    return True


def row_no(ref):
    return int(re.search(r"\d+", ref).group(0))


def check_table(sheet, header, members, total, after):
    heads = {ref.rstrip("0123456789"): v for ref, v, _, _ in header}
    noted = after is not None and len(after) == 1 and not after[0][2]
    for ref, v, isnum, fmt in total[1:]:
        col = ref.rstrip("0123456789")
        if not isnum or not additive(fmt, heads.get(col, "")):
            continue
        s, ok = 0.0, True
        for cells in members:
            c = [x for x in cells if x[0].rstrip("0123456789") == col]
            if not c or c[0][1] == "–":
                continue
            if not c[0][2]:
                ok = False  # masked: another check's business
                break
            s += float(c[0][1])
        t = float(v)
        if ok and abs(s - t) > 1e-6 * max(1.0, abs(t)) and not noted:
            bad.append(f"{name} {sheet}!{ref}: '{heads.get(col, col)}' "
                       f"I alt {t:g} is not the sum {s:g} of its rows, and "
                       "no note under the table says why")


for sheet, rows in Book(path).sheets:
    if sheet == "Data":
        continue
    by_no = {row_no(cells[0][0]): cells for cells in rows if cells}
    header, members = None, []
    for no in sorted(by_no):
        cells = by_no[no]
        if cells[0][1] == "I alt" and header is not None:
            check_table(sheet, header, members, cells, by_no.get(no + 1))
            header, members = None, []
        elif len(cells) > 1 and not any(c[2] for c in cells) and \
                not any(c[1] == "–" for c in cells):
            header, members = cells, []
        elif header is not None:
            members.append(cells)
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
done
[ $status = 0 ] && echo "pack_totals: every non-additive total has its note"
exit $status
