#!/bin/bash
# pack_readback.sh - reads the example's fagchef pack back with an
# independent reader (pack_privacy.py's Book: zipfile and ElementTree) and
# checks its numbers against `kpi export`:
# - the Data sheet is the export, row for row and value for value (the
#   fagchef sees every figure at every detail, SPEC §6);
# - breakdown tables, found by their titles, show the export's number for
#   every member under each heading, and the export's total in "I alt";
# - every numeric Data row of the direktion pack is the export's.
#
# usage: bash pack_readback.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
here=$(cd "$(dirname "$0")" && pwd)
example=$here/../../examples/eksempel
month=2026-10
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-packread.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
if ! "$kpi" report "$example" --no-history --month "$month" -o "$work/out" >"$work/log" 2>&1 ||
    ! "$kpi" export "$example" --no-history --month "$month" >"$work/export.csv" 2>"$work/log"; then
    echo "FAIL: kpi report/export failed"
    grep -v warning "$work/log" | head -n 5
    exit 1
fi

python3 - "$here" "$work/out/lis-fagchef-fagchef-$month.xlsx" \
    "$work/out/lis-direktion-direktion-$month.xlsx" "$work/export.csv" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from pack_privacy import Book

fagchef, direktion, export = sys.argv[2:5]
rows = [l.rstrip("\n").split(";") for l in open(export, encoding="utf-8")][1:]
exp = {tuple(r[:4]): r[4] for r in rows}
bad = []

def data_sheet(path):
    sheet = dict(Book(path).sheets)["Data"]
    out = []
    for cells in sheet[1:]:
        v = {ref.rstrip("0123456789"): (val, num) for ref, val, num, _ in cells}
        out.append((tuple(v[k][0] for k in "ABCD"), v["E"]))
    return out

def same(a, b):
    """a (the workbook's full double) rounds to b (the export's text,
    which has at most 4 decimals for a real, 2 for kroner)."""
    decimals = len(b.split(".")[1]) if "." in b else 0
    return abs(float(a) - float(b)) <= 0.5 * 10 ** -decimals + 1e-9 * abs(float(b))

got = data_sheet(fagchef)
if [k for k, _ in got] != [tuple(r[:4]) for r in rows]:
    bad.append("fagchef Data: the rows are not the export's (%d vs %d)" % (len(got), len(rows)))
for k, (v, num) in got:
    if k in exp and not (same(v, exp[k]) if num else v == exp[k]):
        bad.append("fagchef Data %s: %s, export %s" % (";".join(k), v, exp[k]))

for k, (v, num) in data_sheet(direktion):
    if k not in exp:
        bad.append("direktion Data: %s is not in the export" % ";".join(k))
    elif num and not same(v, exp[k]):
        bad.append("direktion Data %s: %s, export %s" % (";".join(k), v, exp[k]))

# Tables: title -> dimension, label -> code, heading -> (kpi_id, period, stat)
age = {"0-5 år": "0-5", "6-11 år": "6-11", "12-14 år": "12-14", "15-17 år": "15-17", "18-22 år": "18-22"}
tg = {"Børn med handicap": "handicap", "Socialt udsatte børn": "social"}
cw = None  # caseworker rows are labelled with the code itself
tables = {
    "Anbragte børn efter aldersgruppe": ("age_group", age, {
        "Anbragte børn pr. 31-10-2026": ("placed_children", "2026-10-31", "count")}),
    "Nyanbringelser efter målgruppe": ("target_group", tg, {
        "Nyanbringelser året til dato": ("new_placements", "2026-01..2026-10", "count"),
        "Anbringelsesskift året til dato": ("new_placements", "2026-01..2026-10", "changes")}),
    "Særligt dyre enkeltsager efter aldersgruppe": ("age_group", age, {
        "Antal sager": ("high_cost_cases", "2026", "count"),
        "Disponeret 2026": ("high_cost_cases", "2026", "amount")}),
    "Ressourceforbrug per sagsbehandler": ("caseworker", cw, {
        "Disponeret til dato": ("caseworker_spend", "2026-01..2026-10", "amount"),
        "Prognose hele 2026": ("caseworker_spend", "2026", "amount")}),
    "Åbne sager per sagsbehandler": ("caseworker", cw, {
        "Åbne sager": ("cases_per_caseworker", "2026-10-31", "count"),
        "Med anbringelse": ("cases_per_caseworker", "2026-10-31", "placement_cases")}),
}
checked = 0
for sheet, srows in Book(fagchef).sheets:
    i = 0
    while i < len(srows):
        cells = srows[i]
        title = cells[0][1] if cells else ""
        if title not in tables:
            i += 1
            continue
        dim, names, cols = tables.pop(title)
        head = {ref.rstrip("0123456789"): v for ref, v, _, _ in srows[i + 1]}
        i += 2
        while i < len(srows) and srows[i]:
            label = srows[i][0][1]
            last = label == "I alt"  # empty rows between tables are not stored
            bd = "total" if label == "I alt" else "%s=%s" % (dim, names[label] if names else label)
            for ref, v, num, _ in srows[i][1:]:
                h = head.get(ref.rstrip("0123456789"))
                if h not in cols:
                    continue
                kid, period, stat = cols[h]
                e = exp.get((kid, period, bd, stat))
                if e is None or not num or not same(v, e):
                    bad.append("%s / %s / %s: %s, export %s" % (title, label, h, v, e))
                checked += 1
            i += 1
            if last:
                break
if tables:
    bad.append("tables not found: %s" % ", ".join(tables))
for b in bad[:20]:
    print("FAIL:", b)
if bad:
    sys.exit(1)
print("ok: fagchef pack: Data = export (%d rows), %d table cells = export; direktion Data rows = export" % (len(rows), checked))
PY
