#!/usr/bin/env python3
"""print_pages.py - reads the PDFs LibreOffice printed from kpi's
workbooks and checks what a reader of the paper sees (issue 14, item 3).

usage: print_pages.py XLSX_DIR PDF_DIR

- Nothing prints below 8 pt: the sizes the PDF's text operators use
  (font_sizes), which hold the print scale, charts included.
- No page carries a repeated table header without that table's rows:
  for every sheet with print titles (the rows repeated on each page),
  each page on which the repeated header line stands must show a row
  label of the table under it (caseworkers listed under "Aldersgruppe"
  was the fault).
- The Data sheet prints nothing: none of its column heads (kpi_id,
  breakdown) is on any page.
- Page 1 of a pack (lis-*.xlsx) says whether the budget holds and what
  is red: where its first sheet has the sections "Holder budgettet?" and
  "Røde lamper", page 1 shows their titles (the direktion's red lights
  printed on page 2 was the fault, session 7). The packs named in
  PAGE1_WHOLE (prefixes, comma-separated) hold their whole first sheet
  on page 1: page 2 shows the title (cell A1) of the second sheet (a
  legend that ran onto a page of its own was the fault).
- Page counts: printed as "PAGES file" lines, and checked against the
  limits given in the environment (PAGES_MAX_<prefix>=N).
"""
import os, re, subprocess, sys, zipfile, zlib
import xml.etree.ElementTree as ET

NS = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
      'r': 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}


def font_sizes(pdf):
    """The font sizes of every text a PDF shows: the operands of its Tf
    operators, in its (Flate-compressed) content streams. LibreOffice
    writes a sheet's print scale into the size (11 pt at 75 % is
    "8.25 Tf") and draws with an unscaled text matrix (checked: a 10 pt
    cell printed at 100 % is "10.006 Tf")."""
    data = open(pdf, 'rb').read()
    sizes = []
    for m in re.finditer(rb'stream\r?\n', data):
        end = data.find(b'endstream', m.end())
        try:
            s = zlib.decompress(data[m.end():end])
        except zlib.error:
            continue
        sizes += [float(t) for t in re.findall(rb'/\w+ ([\d.]+) Tf', s)]
    return sizes


def words(pdf):
    """The pages (pdfinfo's count), as lists to index."""
    info = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True,
                          check=True).stdout
    return [None] * int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))


def layout(pdf):
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True,
                          text=True, check=True).stdout
    return text.split('\f')


def shared_strings(z):
    try:
        root = ET.fromstring(z.read('xl/sharedStrings.xml'))
    except KeyError:
        return []
    return [''.join(t.text or '' for t in si.iter('{%s}t' % NS['m'])) for si in root]


def sheet_rows(z, part, strings):
    """{row number: {column letters: text}} of a sheet's text cells."""
    rows = {}
    root = ET.fromstring(z.read(part))
    for c in root.iter('{%s}c' % NS['m']):
        ref = re.match(r'([A-Z]+)(\d+)', c.get('r'))
        t = c.get('t')
        if t == 's':
            v = strings[int(c.find('m:v', NS).text)]
        elif t == 'inlineStr':
            v = ''.join(x.text or '' for x in c.iter('{%s}t' % NS['m']))
        else:
            v = c.find('m:v', NS)
            v = None if v is None else v.text
        if v:
            rows.setdefault(int(ref.group(2)), {})[ref.group(1)] = v
    return rows


def workbook_sheets(z):
    """The workbook element and [(sheet element, part)] in sheet order,
    hidden sheets too (a definedName's localSheetId counts them)."""
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    target = {r.get('Id'): r.get('Target') for r in rels}
    return wb, [(s, 'xl/' + target[s.get('{%s}id' % NS['r'])])
                for s in wb.find('m:sheets', NS)]


def titled_tables(path):
    """[(sheet, header first cell, {row labels})] for each sheet with
    print titles: the header row repeated on every page, and the labels
    (column A) of the rows under it down to the first empty row."""
    z = zipfile.ZipFile(path)
    wb, parts = workbook_sheets(z)
    sheets = [(s.get('name'), part) for s, part in parts]
    strings = shared_strings(z)
    out = []
    for d in wb.iter('{%s}definedName' % NS['m']):
        if d.get('name') != '_xlnm.Print_Titles':
            continue
        m = re.search(r'\$(\d+):\$(\d+)', d.text)
        if not m:
            continue
        name, part = sheets[int(d.get('localSheetId'))]
        rows = sheet_rows(z, part, strings)
        head = int(m.group(1))
        first = rows.get(head, {}).get('A')
        labels, r = set(), head + 1
        while r in rows:
            if 'A' in rows[r]:
                labels.add(rows[r]['A'].split()[0])
            r += 1
        if first and labels:
            out.append((name, first, labels))
    return out


PAGE1_SECTIONS = ('Holder budgettet?', 'Røde lamper')


def first_sheets(path):
    """(the column A texts of the first sheet, cell A1 of the second or
    None), visible sheets only."""
    z = zipfile.ZipFile(path)
    visible = [part for s, part in workbook_sheets(z)[1] if s.get('state') is None]
    strings = shared_strings(z)
    rows = [sheet_rows(z, part, strings) for part in visible[:2]]
    texts = [r.get('A', '') for _, r in sorted(rows[0].items())] if rows else []
    return texts, rows[1].get(1, {}).get('A') if len(rows) > 1 else None


def plain(token):
    """A number as stored: the printed 1.005 is the cell's 1005."""
    return token.replace('.', '') if re.match(r'^\d{1,3}(\.\d{3})+$', token) else token


def check(xlsx_dir, pdf_dir):
    failures = []
    for name in sorted(os.listdir(xlsx_dir)):
        if not name.endswith('.xlsx'):
            continue
        pdf = os.path.join(pdf_dir, name[:-5] + '.pdf')
        if not os.path.exists(pdf):
            failures.append('%s: not printed' % name)
            continue
        pages = words(pdf)
        texts = layout(pdf)
        smallest = min(font_sizes(pdf) or [0])
        if smallest < 8.0:
            failures.append('%s: text printed at %.2f pt (< 8 pt)' % (name, smallest))
        for p, t in enumerate(texts[:len(pages)]):
            lines = [l.split() for l in t.splitlines()]
            if any(l[:1] == ['kpi_id'] and 'breakdown' in l for l in lines):
                failures.append('%s: page %d prints the Data sheet' % (name, p + 1))
        for sheet, first, labels in titled_tables(os.path.join(xlsx_dir, name)):
            for p, t in enumerate(texts[:len(pages)]):
                lines = t.splitlines()
                at = [i for i, l in enumerate(lines) if l.strip().startswith(first)]
                if not at:
                    continue
                below = {plain(l.split()[0]) for l in lines[at[0] + 1:] if l.split()}
                if not below & labels:
                    failures.append('%s: page %d repeats the header "%s" of sheet '
                                    '%s without a row of its table' % (name, p + 1, first, sheet))
        if name.startswith('lis-'):
            first, title = first_sheets(os.path.join(xlsx_dir, name))
            page1 = ' '.join(texts[0].split())
            for section in PAGE1_SECTIONS:
                if any(t.startswith(section) for t in first) and section not in page1:
                    failures.append('%s: page 1 does not show "%s"' % (name, section))
            whole = [w for w in os.environ.get('PAGE1_WHOLE', '').split(',') if w]
            if (any(name.startswith(w) for w in whole) and title and len(pages) > 1
                    and ' '.join(title.split()) not in ' '.join(texts[1].split())):
                failures.append('%s: page 1 does not hold the first sheet: page 2 '
                                'does not show "%s"' % (name, title))
        n = len(pages)
        print('PAGES %d %s (smallest text %.2f pt)' % (n, name, smallest))
        for key, value in os.environ.items():
            if key.startswith('PAGES_MAX_') and name.startswith(key[10:].lower().replace('_', '-')):
                if n > int(value):
                    failures.append('%s: %d pages, at most %s' % (name, n, value))
    for f in failures:
        print('FAIL: ' + f)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(check(sys.argv[1], sys.argv[2]))
