#!/bin/bash
# map_overview.sh - the recipient map states each group's own cadence and
# the recipient overview gives every figure a value and a status (issue
# 14, item 8), read with python3's zipfile, nothing of kpi's.
#
# - noegletal-modtagere.xlsx, sheet Nøgletal: the row above the header
#   holds each group's cadence over its column, as the map sets it (SPEC
#   §6: Fagudvalg Kvartalsvis, the others Månedlig); the figure's own
#   column is "Opgøres" (how often kpi computes it), not "Frekvens".
# - modtageroverblik.xlsx: on each group's sheet every figure has a value
#   cell and a status: Grøn/Gul/Rød where kpi.ini sets a target (the
#   export's status rows), "ingen mål" otherwise.
#
# usage: bash map_overview.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
fixtures=$3
root=$(cd "$fixtures/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-mapov.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT

"$kpi" report "$root/examples/eksempel" --no-history --month 2026-10 -o "$work/out" \
    >"$work/report.log" 2>&1 || { echo "FAIL: kpi report"; cat "$work/report.log"; exit 1; }
"$kpi" export "$root/examples/eksempel" --no-history --month 2026-10 -o "$work/export.csv" \
    >/dev/null 2>&1 || { echo "FAIL: kpi export"; exit 1; }

python3 - "$work/out" "$work/export.csv" <<'PY'
import re, sys, zipfile
import xml.etree.ElementTree as ET
out, export = sys.argv[1:3]
M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
fails = []

def sheets(path):
    z = zipfile.ZipFile(path)
    ss = []
    if 'xl/sharedStrings.xml' in z.namelist():
        ss = [''.join(t.text or '' for t in si.iter(M + 't'))
              for si in ET.fromstring(z.read('xl/sharedStrings.xml'))]
    rels = {r.get('Id'): r.get('Target')
            for r in ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))}
    out = {}
    for s in ET.fromstring(z.read('xl/workbook.xml')).find(M + 'sheets'):
        cells = {}
        for c in ET.fromstring(z.read('xl/' + rels[s.get(R + 'id')])).iter(M + 'c'):
            col, row = re.match(r'([A-Z]+)(\d+)', c.get('r')).groups()
            v = c.find(M + 'v')
            if c.get('t') == 's':
                cells[(int(row), col)] = ss[int(v.text)]
            elif c.get('t') == 'inlineStr':
                cells[(int(row), col)] = ''.join(t.text or '' for t in c.iter(M + 't'))
            elif v is not None:
                cells[(int(row), col)] = float(v.text)
        out[s.get('name')] = cells
    return out

cadence = {'Fagudvalg': 'Kvartalsvis', 'Direktion': 'Månedlig', 'Fagchef': 'Månedlig',
           'Afdelingsleder': 'Månedlig', 'Sagsbehandler': 'Månedlig'}
m = sheets(out + '/noegletal-modtagere.xlsx')['Nøgletal']
head = [r for (r, c), v in m.items() if v == 'Kode'][0]
for (r, c), v in sorted(m.items()):
    if r == head and v in cadence:
        got = m.get((r - 1, c))
        if got != cadence[v]:
            fails.append('map: above %s %r, expected %r' % (v, got, cadence[v]))
heads = {v for (r, c), v in m.items() if r == head}
if 'Opgøres' not in heads or 'Frekvens' in heads:
    fails.append('map: the figure column is not "Opgøres": %r' % sorted(heads))
print('ok: map: each group\'s cadence above its column' if not fails else '')

status = {}
for line in open(export, encoding='utf-8'):
    f = line.rstrip('\n').split(';')
    if len(f) == 5 and f[3] == 'status' and f[2] == 'total':
        status[f[0]] = {'green': 'Grøn', 'yellow': 'Gul', 'red': 'Rød'}[f[4]]
ov = sheets(out + '/modtageroverblik.xlsx')
for group in cadence:
    s = ov[group]
    hrow = [r for (r, c), v in s.items() if v == 'Kode'][0]
    col = {v: c for (r, c), v in s.items() if r == hrow}
    rows = sorted({r for (r, c) in s if r > hrow and (r, col['Kode']) in s})
    coloured = 0
    for r in rows:
        kid = s[(r, col['Kode'])]
        st = s.get((r, col['Status mod mål']))
        want = status.get(kid, 'ingen mål')
        if st != want:
            fails.append('%s: %s status %r, expected %r' % (group, kid, st, want))
        if (r, col['Værdi']) not in s:
            fails.append('%s: %s has no value cell' % (group, kid))
        coloured += st in ('Grøn', 'Gul', 'Rød')
    print('ok: overview %s: %d figures, %d with a status against a target' % (group, len(rows), coloured))
for f in fails:
    print('FAIL: ' + f)
sys.exit(1 if fails else 0)
PY
