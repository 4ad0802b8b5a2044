#!/usr/bin/env python3
"""workbook_readback.py - reads an economy workbook back with an independent
reader (python3's zipfile and xml.etree, nothing of kpi's or
libxlsxwriter's) and checks its numbers against `kpi export`:

- the Data sheet holds exactly the export's rows, value for value;
- on the Økonomi sheet every measure-type row, category subtotal and the
  total show the export's number under each heading, and the deviation,
  percentage and total cells are formulas;
- the Dispositioner sheet has a row per measure the export counts
  (disposed YEAR count) and its totals are the export's disposed amounts
  of the year and the next;
- every sheet has frozen panes, print set-up (A4, fit to one page wide
  or at 75 % or more; the Data sheet's print area one empty cell; header and "Side &P af &N" footer), and the document properties
  name the municipality.

Texts may be shared or inline (a streamed workbook), and sheets are read
as a stream, so a workbook of many thousand rows is read in seconds.

usage: workbook_readback.py BOOK EXPORT_CSV LABEL MUNICIPALITY
"""
import re, sys, zipfile
import xml.etree.ElementTree as ET

book, export, label, muni = sys.argv[1:5]
NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}
z = zipfile.ZipFile(book)
failures = []
def fail(msg):
    failures.append(msg)

strings = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', NS):
        strings.append(''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])))

wb = ET.fromstring(z.read('xl/workbook.xml'))
wbxml = z.read('xl/workbook.xml').decode()
rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
target = {r.get('Id'): r.get('Target') for r in rels}
sheets = {}
for s in wb.find('m:sheets', NS):
    rid = s.get('{%s}id' % NS['r'])
    sheets[s.get('name')] = 'xl/' + target[rid]

CELL_REF = re.compile(r'([A-Z]+)(\d+)')
M_ROW, M_C, M_V, M_F, M_IS, M_T = ('{%s}%s' % (NS['m'], t)
                                   for t in ('row', 'c', 'v', 'f', 'is', 't'))

def col_index(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1

read = {}
def read_sheet(name):
    """rows: {row number: {col: (value, is_formula)}}; and the root, whose
    rows are emptied as they are read (read once, by events)."""
    if name in read:
        return read[name]
    rows = {}
    it = ET.iterparse(z.open(sheets[name]))
    for _, c in it:
        if c.tag == M_ROW:
            c.clear()
            continue
        if c.tag != M_C:
            continue
        letters, r = CELL_REF.match(c.get('r')).groups()
        t = c.get('t')
        v = f = inline = None
        for ch in c:
            if ch.tag == M_V:
                v = ch
            elif ch.tag == M_F:
                f = ch
            elif ch.tag == M_IS:
                inline = ch
        if t == 's':
            val = strings[int(v.text)]
        elif t == 'inlineStr':
            val = ''.join(x.text or '' for x in inline.iter(M_T))
        elif t == 'str':
            val = v.text if v is not None else ''
        elif v is not None:
            val = float(v.text)
        else:
            val = None
        rows.setdefault(int(r), {})[col_index(letters)] = (val, f is not None)
    read[name] = rows, it.root
    return read[name]

# --- The Data sheet is the export --------------------------------------
exp = [l.rstrip('\n').split(';') for l in open(export, encoding='utf-8')]
head, exp = exp[0], exp[1:]
data, _ = read_sheet('Data')
got = [data[r] for r in sorted(data)]
if [got[0][c][0] for c in range(5)] != head:
    fail('Data: header %r' % [got[0][c][0] for c in range(5)])
got = got[1:]
if len(got) != len(exp):
    fail('Data: %d rows, export has %d' % (len(got), len(exp)))
for i, (g, e) in enumerate(zip(got, exp)):
    if [g[c][0] for c in range(4)] != e[:4]:
        fail('Data row %d: %r, export %r' % (i + 2, [g[c][0] for c in range(4)], e))
        break
    v = g[4][0]
    try:
        ev = float(e[4])
    except ValueError:
        ev = e[4]
    # The export rounds amounts to 2 and shares to 4 decimals.
    if isinstance(ev, float) and (not isinstance(v, float) or abs(v - ev) > 0.00005 + 1e-12 * abs(ev)):
        fail('Data row %d (%s): %r, export %s' % (i + 2, ';'.join(e[:4]), v, e[4]))
    elif not isinstance(ev, float) and v != ev:
        fail('Data row %d: %r, export %r' % (i + 2, v, ev))

ex = {}
for e in exp:
    ex[tuple(e[:4])] = float(e[4]) if re.match(r'^-?[0-9.]+$', e[4]) else e[4]

# --- The Økonomi sheet against the export -------------------------------
# Headings and what each shows, from SPEC §8 (written here, not read from
# the template, so a wrong template is caught).
Y, TD = '2026', '2026-01..2026-10'
headings = {
    'Årsbudget': ('forecast', Y, 'budget', False),
    'Periodiseret budget til dato': ('spend', TD, 'budget', False),
    'Bogført til dato, netto': ('spend', TD, 'amount', False),
    'Afvigelse til dato': ('spend', TD, 'deviation', True),
    'Forbrugsprocent': ('spend', TD, 'share', True),
    'Disponeret til dato': ('disposed', TD, 'amount', False),
    'Disponeret hele året': ('disposed', Y, 'amount', False),
    'Prognose (forventet regnskab)': ('forecast', Y, 'amount', False),
    'Afvigelse prognose': ('forecast', Y, 'deviation', True),
    'Afvigelse i %': ('forecast', Y, 'share', True),
}
# The default catalogue's names (SPEC §3.3).
names = {
    'Almen plejefamilie': 'almen_plejefamilie',
    'Forstærket plejefamilie': 'forstaerket_plejefamilie',
    'Specialiseret plejefamilie': 'specialiseret_plejefamilie',
    'Netværksplejefamilie': 'netvaerksplejefamilie',
    'Eget værelse, kollegium o.l.': 'eget_vaerelse',
    'Børne- og ungehjem: døgninstitution': 'doegninstitution',
    'Børne- og ungehjem: sikret eller delvis lukket': 'sikret_doegninstitution',
    'Børne- og ungehjem: opholdssted': 'opholdssted',
    'Efterskole, fri fagskole, kostafdeling': 'kostskole',
    'Ophold i dagtilbud, uddannelsessted o.l.': 'dagtilbud',
    'Praktisk, pædagogisk eller anden støtte i hjemmet': 'stoette_i_hjemmet',
    'Fast kontaktperson': 'kontaktperson',
    'Praktiktilbud': 'praktik',
    'Familiebehandling eller behandling': 'familiebehandling',
    'Døgnophold for hele familien': 'familieanbringelse',
    'Støtteophold (tidligere aflastning)': 'stoetteophold',
    'Anden hjælp': 'anden_hjaelp',
    'Ungestøtte: døgnophold på anbringelsesstedet (18–22 år)': 'ungestoette_doegnophold',
    'Efterværn og ungestøtte: kontaktperson og anden støtte (18–22 år)': 'eftervaern',
    'I alt Anbringelser': 'category=placement',
    'I alt Forebyggende foranstaltninger': 'category=preventive',
    'I alt': 'total',
}
main, root = read_sheet('Økonomi')
header_row = next(r for r in sorted(main) if main[r].get(0, (None,))[0] == 'Foranstaltningstype')
cols = {v[0]: c for c, v in main[header_row].items() if c > 0}
for h in headings:
    if h not in cols:
        fail('Økonomi: no column %r' % h)
checked = 0
r = header_row + 1
while r in main and 0 in main[r] and main[r][0][0] in names:
    lab = main[r][0][0]
    code = names[lab]
    bd = code if code == 'total' or '=' in code else 'measure_type=' + code
    for h, (kid, per, stat, formula) in headings.items():
        if h not in cols or cols[h] not in main[r]:
            continue
        v, is_f = main[r][cols[h]]
        e = ex.get((kid, per, bd, stat))
        if e is None:
            if v != '–':
                fail('Økonomi %s / %s: %r where kpi has no value' % (lab, h, v))
            continue
        if not isinstance(v, float) or abs(v - e) > 0.00005 + 1e-12 * abs(e):
            fail('Økonomi %s / %s: %r, export %r' % (lab, h, v, e))
        want_f = formula or (bd != ('measure_type=' + code) and stat in ('budget', 'amount'))
        if want_f and not is_f:
            fail('Økonomi %s / %s: a value where a formula belongs' % (lab, h))
        if bd.startswith('measure_type=') and not formula and is_f:
            fail('Økonomi %s / %s: a formula where kpi\'s value belongs' % (lab, h))
        checked += 1
    r += 1
if main.get(r - 1, {}).get(0, (None,))[0] != 'I alt':
    fail('Økonomi: the first table does not end with I alt (stopped at row %d)' % r)
if checked < 30:
    fail('Økonomi: only %d cells checked' % checked)

# --- Dispositioner against the export -----------------------------------
members = []
if 'Dispositioner' in sheets:
    disp, _ = read_sheet('Dispositioner')
    head_row = next((r for r in sorted(disp)
                     if disp[r].get(0, (None,))[0] == 'Nr.'), None)
    if head_row is None:
        fail('Dispositioner: no heading row')
    else:
        dcols = {v[0]: c for c, v in disp[head_row].items()}
        members = [r for r in disp if r > head_row and
                   isinstance(disp[r].get(0, (None,))[0], float)]
        count = ex.get(('disposed', Y, 'total', 'count'))
        if count is not None and len(members) != count:
            fail('Dispositioner: %d measures, export counts %r' % (len(members), count))
        total = next((r for r in disp if disp[r].get(0, (None,))[0] == 'I alt'), None)
        for year in (Y, str(int(Y) + 1)):
            c = dcols.get('Disponeret %s' % year)
            e = ex.get(('disposed', year, 'total', 'amount'))
            v = disp.get(total, {}).get(c, (None, False)) if total else (None, False)
            if c is None or e is None:
                fail('Dispositioner: no column or export row for %s' % year)
            elif not isinstance(v[0], float) or abs(v[0] - e) > 0.005 or not v[1]:
                fail('Dispositioner: total %s %r, export %r (a formula: %s)' % (year, v[0], e, v[1]))

# --- Set-up of every sheet ----------------------------------------------
for name, part in sheets.items():
    s = read_sheet(name)[1]
    ps = s.find('m:pageSetup', NS)
    fit = s.find('m:sheetPr/m:pageSetUpPr[@fitToPage="1"]', NS) is not None
    # A one-page sheet ("Prognosens udvikling", issue 17; as a pack's
    # Overblik) is fitted to one page whole and has no header to freeze.
    one_page = (fit and ps is not None and ps.get('fitToHeight', '1') == '1'
                and ps.get('fitToWidth', '1') == '1')
    if not one_page and s.find('.//m:pane[@state="frozen"]', NS) is None:
        fail('%s: no frozen panes' % name)
    if one_page and (ps.get('paperSize') != '9' or
                     ps.get('orientation') not in ('landscape', 'portrait')):
        fail('%s: one-page set-up %r' % (name, ps.attrib))
    if one_page:
        pass
    elif name == 'Data':
        # Not for paper: its print area is one empty cell of column A
        # below everything written (issue 14).
        m = re.search(r'<definedName name="_xlnm.Print_Area" localSheetId="%d">Data!\$A\$(\d+)</definedName>'
                      % (list(sheets).index(name)), wbxml)
        if not m:
            fail('Data: no empty print area')
        else:
            last = max((int(c.get('r').lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ'))
                        for c in s.iter('{%s}c' % NS['m'])), default=0)
            if int(m.group(1)) <= last:
                fail('Data: the print area A%s is not below the data (row %d)'
                     % (m.group(1), last))
    elif (ps is None or ps.get('paperSize') != '9' or
          ps.get('orientation') not in ('landscape', 'portrait') or
          not ((fit and ps.get('fitToHeight') == '0') or
               (not fit and int(ps.get('scale') or 100) >= 75))):
        # A4, one page wide, or at 75 % (8.25 pt) over pages across:
        # never the fit to one page wide that printed a wide sheet at 5 pt.
        fail('%s: page set-up %r (fit to width: %s)' % (name, ps.attrib if ps is not None else None, fit))
    hf = s.find('m:headerFooter', NS)
    odd = hf.find('m:oddFooter', NS).text if hf is not None else ''
    if 'Side &P af &N' not in (odd or ''):
        fail('%s: footer %r' % (name, odd))
core = z.read('docProps/core.xml').decode()
app = z.read('docProps/app.xml').decode()
if '<dc:creator>kpi</dc:creator>' not in core or '2026-10-31T00:00:00Z' not in core:
    fail('docProps/core.xml: author or created date')
if '<Company>%s</Company>' % muni not in app:
    fail('docProps/app.xml: company is not %s' % muni)

for f in failures[:20]:
    print('FAIL: %s: %s' % (label, f))
if failures:
    sys.exit(1)
print('ok: %s: Data sheet = export (%d rows), %d cells of Økonomi checked, '
      'Dispositioner: %d measures and the totals' % (label, len(exp), checked, len(members)))
