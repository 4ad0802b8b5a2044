#!/usr/bin/env python3
"""streamed_same.py - a streamed workbook holds what the same workbook built
in memory holds.

kpi writes a workbook with more than KPI_BOOK_STREAM_ROWS rows streamed
(libxlsxwriter's constant_memory): rows go to disk as they are written,
which refuses anything written above the current row. This compares the
two, part by part, with zipfile and ElementTree only, and fails (exit 1,
one line per part) on any difference but those streaming must make:

- texts are inline (<is>) instead of shared strings: both are compared
  as the text (and the streamed one must have no xl/sharedStrings.xml);
- style indices are given in the order cells are written: compared as
  the format they stand for (number format, font, fill, border,
  alignment), and conditional formats' dxfId likewise;
- rows carry no optional spans;
- a chart holds no cached copy of its cells (libxlsxwriter reads them
  from rows that are on disk by then); Excel and LibreOffice read the
  cells;
- a chart's end anchor may differ by 1/100 pixel within a row (kpi
  places a chart on a streamed sheet itself, render.c).

usage: streamed_same.py IN_MEMORY.xlsx STREAMED.xlsx
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
SKIP = {"xl/sharedStrings.xml", "xl/styles.xml"}


def parts(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    strings = []
    if "xl/sharedStrings.xml" in names:
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si"):
            strings.append("".join(t.text or "" for t in si.iter(M + "t")))
    st = ET.fromstring(z.read("xl/styles.xml"))

    def children(tag):
        e = st.find(M + tag)
        return [] if e is None else list(e)

    fonts, fills, borders = (
        [ET.tostring(x) for x in children(t)] for t in ("fonts", "fills", "borders"))
    numfmts = {x.get("numFmtId"): x.get("formatCode") for x in children("numFmts")}
    xfs = []
    for x in children("cellXfs"):
        al = x.find(M + "alignment")
        xfs.append(repr((numfmts.get(x.get("numFmtId"), x.get("numFmtId")),
                         fonts[int(x.get("fontId", 0))],
                         fills[int(x.get("fillId", 0))],
                         borders[int(x.get("borderId", 0))],
                         b"" if al is None else ET.tostring(al))))
    dxfs = [ET.tostring(x).decode() for x in children("dxfs")]
    out, offsets = {}, []
    for n in names:
        if n in SKIP:
            continue
        data = z.read(n)
        if n.startswith("xl/worksheets/sheet"):
            root = ET.fromstring(data)
            for c in root.iter(M + "c"):
                if c.get("s") is not None:
                    c.set("s", xfs[int(c.get("s"))])
                t, text = c.get("t"), None
                if t == "s":
                    v = c.find(M + "v")
                    text = strings[int(v.text)]
                    c.remove(v)
                elif t == "inlineStr":
                    inline = c.find(M + "is")
                    text = "".join(x.text or "" for x in inline.iter(M + "t"))
                    c.remove(inline)
                if text is not None:
                    c.set("t", "text")
                    c.text = text
            for r in root.iter(M + "row"):
                r.attrib.pop("spans", None)
                if r.get("s") is not None:
                    r.set("s", xfs[int(r.get("s"))])
            for e in root.iter():
                if e.get("dxfId") is not None:
                    e.set("dxfId", dxfs[int(e.get("dxfId"))])
            data = ET.tostring(root)
        elif n.startswith("xl/charts/chart"):
            root = ET.fromstring(data)
            for parent in root.iter():
                for cache in [x for x in parent
                              if x.tag in (C + "strCache", C + "numCache")]:
                    parent.remove(cache)
            data = ET.tostring(root)
        elif n.startswith("xl/drawings/drawing"):
            root = ET.fromstring(data)
            for off in root.iter(XDR + "rowOff"):
                offsets.append(int(off.text))
                off.text = "EMU"
            data = ET.tostring(root)
        elif n in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
            data = re.sub(rb"<[^>]*sharedStrings[^>]*/>", b"", data)
            data = re.sub(rb' Id="rId\d+"', b"", data)
        out[n] = data
    return out, offsets, "xl/sharedStrings.xml" in names


def main():
    memory, streamed = sys.argv[1], sys.argv[2]
    a, offsets_a, _ = parts(memory)
    b, offsets_b, shared = parts(streamed)
    bad = []
    if shared:
        bad.append("has shared strings: it was not streamed")
    # 9525 EMU are a pixel.
    if len(offsets_a) != len(offsets_b) or any(
            abs(x - y) > 100 for x, y in zip(offsets_a, offsets_b)):
        bad.append("charts anchored at row offsets %s, in memory %s" %
                   (offsets_b, offsets_a))
    for n in sorted(set(a) | set(b)):
        x, y = a.get(n), b.get(n)
        if x == y:
            continue
        if x is None or y is None:
            bad.append("%s: only in %s" % (n, "streamed" if x is None else "memory"))
            continue
        x, y = x.decode(), y.decode()
        i = next(k for k in range(min(len(x), len(y)) + 1)
                 if k == min(len(x), len(y)) or x[k] != y[k])
        bad.append("%s: in memory ...%s..., streamed ...%s..." %
                   (n, x[max(0, i - 80):i + 80], y[max(0, i - 80):i + 80]))
    for line in bad:
        print("FAIL: %s: %s" % (streamed, line))
    if not bad:
        print("ok: %s: streamed, %d parts as in memory" % (streamed.rsplit("/", 1)[-1], len(b)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
