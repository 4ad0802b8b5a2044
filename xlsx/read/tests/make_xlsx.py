#!/usr/bin/env python3
"""make_xlsx.py - small hand-made .xlsx files for limits.sh, each testing one
thing about how kpi reads a workbook.

  make_xlsx.py amplify OUT TEXT_BYTES CELLS
      one shared string of TEXT_BYTES bytes used by CELLS cells (columns A
      and B, the measure type and the amount, under a budget header row):
      a 40 kB file that holds one 1 MB string, the memory amplification of
      issue 16 when every cell gets its own copy.
  make_xlsx.py moved OUT
      a workbook whose parts are not under xl/: _rels/.rels names
      book/wb.xml, whose relationships name ../sheets/s1.xml and
      strings.xml (ECMA-376 Part 2 allows any part names).
  make_xlsx.py unread OUT
      a budget whose amounts B3 and B4 are formulas saved without their
      results (no <v>): cells kpi must name, never read as 0.
"""
import sys
import zipfile

NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
      'openxmlformats.org/package/2006/content-types"><Default Extension="rels"'
      ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')


def rels(items):
    body = ''.join('<Relationship Id="%s" Type="%s/%s" Target="%s"/>' %
                   (i, REL, t, target) for i, t, target in items)
    return '<?xml version="1.0"?><Relationships xmlns="%s">%s</Relationships>' % (
        PKG, body)


def workbook(sheet_rid):
    return ('<?xml version="1.0"?><workbook xmlns="%s" xmlns:r="%s"><sheets>'
            '<sheet name="Budget" sheetId="1" r:id="%s"/></sheets></workbook>'
            % (NS, REL, sheet_rid))


def sst(strings):
    return ('<?xml version="1.0"?><sst xmlns="%s" count="%d" uniqueCount="%d">'
            % (NS, len(strings), len(strings)) +
            ''.join('<si><t>%s</t></si>' % s for s in strings) + '</sst>')


def sheet(rows):
    body = []
    for r, cells in rows:
        body.append('<row r="%d">' % r + ''.join(cells) + '</row>')
    return ('<?xml version="1.0"?><worksheet xmlns="%s"><sheetData>%s'
            '</sheetData></worksheet>' % (NS, ''.join(body)))


def s_cell(ref, index):
    return '<c r="%s" t="s"><v>%d</v></c>' % (ref, index)


def write(out, parts):
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data)


def standard(strings, rows):
    """The parts of a one-sheet workbook where Excel puts them."""
    return [
        ('[Content_Types].xml', CT),
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')])),
        ('xl/workbook.xml', workbook('rId1')),
        ('xl/_rels/workbook.xml.rels',
         rels([('rId1', 'worksheet', 'worksheets/sheet1.xml'),
               ('rId2', 'sharedStrings', 'sharedStrings.xml')])),
        ('xl/sharedStrings.xml', sst(strings)),
        ('xl/worksheets/sheet1.xml', sheet(rows)),
    ]


def amplify(out, text_bytes, cells):
    # Strings: 0 the long one, 1-2 the header.
    strings = ['x' * text_bytes, 'Foranstaltningstype', 'Korrigeret budget']
    rows = [(1, [s_cell('A1', 1), s_cell('B1', 2)])]
    rows += [(2 + i // 2, [s_cell('%s%d' % ('AB'[k], 2 + i // 2), 0)
                          for k in range(min(2, cells - i))])
             for i in range(0, cells, 2)]
    write(out, standard(strings, rows))


def moved(out):
    rows = [(1, [s_cell('A1', 0), '<c r="B1"><v>1234.5</v></c>'])]
    write(out, [
        ('[Content_Types].xml', CT),
        ('_rels/.rels', rels([('rId1', 'officeDocument', '/book/wb.xml')])),
        ('book/wb.xml', workbook('rId7')),
        ('book/_rels/wb.xml.rels',
         rels([('rId7', 'worksheet', '../sheets/s1.xml'),
               ('rId8', 'sharedStrings', './strings.xml')])),
        ('book/strings.xml', sst(['moved'])),
        ('sheets/s1.xml', sheet(rows)),
    ])


def unread(out):
    strings = ['Foranstaltningstype', 'Korrigeret budget', 'Almen plejefamilie',
               'Opholdssted']
    rows = [(1, [s_cell('A1', 0), s_cell('B1', 1)]),
            (3, [s_cell('A3', 2), '<c r="B3"><f>12*1000</f></c>']),
            (4, [s_cell('A4', 3), '<c r="B4"><f>B3*2</f></c>'])]
    write(out, standard(strings, rows))


if __name__ == '__main__':
    if sys.argv[1] == 'amplify':
        amplify(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == 'moved':
        moved(sys.argv[2])
    elif sys.argv[1] == 'unread':
        unread(sys.argv[2])
    else:
        sys.exit('usage: make_xlsx.py amplify OUT BYTES CELLS | moved OUT')
