#!/usr/bin/env python3
"""pack_privacy.py - an independent check of what a workbook shows (SPEC §7).

Reads an .xlsx with zipfile and ElementTree only (no kpi code, no extra
packages) and fails (exit 1, one line per problem) when the workbook shows
what its recipient group may not see:

- any workbook: something that looks like a CPR number (ddmmyy-xxxx);
- fagudvalg, direktion: a caseworker, team or provider name, a child or
  family id (lists from the dataset's CSV files); a count of 1 to 4 that
  is not shown as <5 (in the Data sheet by stat, in the tables by the
  count number format); <5 on a statistic that is not a count (a mean of
  few children is ".."); a member masked (<5 or "..") whose other
  statistics are shown (new placements' changes apart: other events);
  exactly one masked cell among the members of a breakdown whose total is
  shown (the hidden member would be total minus the others);
- afdelingsleder: a caseworker not of their team; any child or family id;
- sagsbehandler: another caseworker's name; a child or family id that is
  not of their own cases.

usage: pack_privacy.py DATASET GROUP [--team T] [--caseworker C] FILE...
"""
import argparse
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
COUNT_FORMAT = "[$-406]#,##0"
COUNT_STATS = {"count", "changes", "short_count", "met", "missed",
               "open_past_due", "pending", "placement_cases", "other_cases"}
CPR = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d\d-?\d{4}(?!\d)")
MASK = "<5"
MARKS = {"<5", ".."}  # SPEC §7: 1-4, and discretion


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


class Dataset:
    def __init__(self, d):
        self.rows = {n: read_csv(os.path.join(d, n + ".csv"))
                     for n in ("measures", "cases", "inspections", "waitlist",
                               "notifications", "outcomes", "deadlines",
                               "complaints", "reviews")}
        ms, cs = self.rows["measures"], self.rows["cases"]
        self.caseworkers = {r["caseworker"] for r in ms + cs if r.get("caseworker")}
        self.teams = {r["team"] for r in ms + cs if r.get("team")}
        self.providers = {r["provider"] for r in ms + self.rows["inspections"]
                          if r.get("provider")}
        self.children = set()
        for rows in self.rows.values():
            for r in rows:
                if r.get("child_id"):
                    self.children.add(r["child_id"])
        self.families = {r["family_id"] for r in ms if r.get("family_id")}

    def owner(self, file, line):
        """The (team, caseworker) pairs a record of file at line (1 = the
        header) is about: its own, or its case's; None when kpi's subset
        keeps no such file's rows by team or caseworker."""
        name = file[:-4] if file.endswith(".csv") else file
        rows = self.rows.get(name)
        if not rows or line < 2 or line - 2 >= len(rows):
            return None
        r = rows[line - 2]
        if "caseworker" in r:
            return {(r.get("team", ""), r["caseworker"])}
        if "case_id" in r:
            return {(c.get("team", ""), c["caseworker"])
                    for c in self.rows["cases"] if c["case_id"] == r["case_id"]}
        return None

    def of(self, key, value):
        """Caseworkers and children of the measures and cases whose key
        (team or caseworker) is value."""
        cws, kids = set(), set()
        for r in self.rows["measures"] + self.rows["cases"]:
            if r.get(key) == value:
                cws.add(r.get("caseworker", ""))
                kids.add(r.get("child_id", ""))
                if r.get("family_id"):
                    kids.add(r["family_id"])
        return cws, kids


class Book:
    """Every cell of every sheet: (sheet, ref, value, is_number, format)."""

    def __init__(self, path):
        z = zipfile.ZipFile(path)
        names = z.namelist()
        strings = []
        if "xl/sharedStrings.xml" in names:
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(M + "si"):
                strings.append("".join(t.text or "" for t in si.iter(M + "t")))
        formats = {}
        xfs = []
        if "xl/styles.xml" in names:
            st = ET.fromstring(z.read("xl/styles.xml"))
            for nf in st.iter(M + "numFmt"):
                formats[nf.get("numFmtId")] = nf.get("formatCode")
            cell_xfs = st.find(M + "cellXfs")
            if cell_xfs is not None:
                xfs = [formats.get(x.get("numFmtId"), "") for x in cell_xfs]
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = []
        for s in wb.find(M + "sheets"):
            x = ET.fromstring(z.read("xl/" + target[s.get(R + "id")]))
            rows = []
            for row in x.iter(M + "row"):
                cells = []
                for c in row.iter(M + "c"):
                    t, v = c.get("t"), c.find(M + "v")
                    fmt = xfs[int(c.get("s"))] if c.get("s") and int(c.get("s")) < len(xfs) else ""
                    if t == "s":
                        cells.append((c.get("r"), strings[int(v.text)], False, fmt))
                    elif t == "inlineStr":
                        cells.append((c.get("r"), "".join(e.text or "" for e in c.iter(M + "t")), False, fmt))
                    elif t == "str":
                        cells.append((c.get("r"), v.text if v is not None else "", False, fmt))
                    elif v is not None:
                        cells.append((c.get("r"), v.text, True, fmt))
                rows.append(cells)
            self.sheets.append((s.get("name"), rows))
        # Texts outside the cells a reader also sees: properties, headers.
        self.other = []
        for n in names:
            if n.startswith("docProps/") or n.startswith("xl/worksheets/") or n == "xl/workbook.xml":
                self.other.append((n, z.read(n).decode("utf-8", "replace")))
        self.strings = strings


def numeric(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def words_in(text, names):
    """The names that occur in text as whole words."""
    hits = []
    for n in names:
        if n and n in text:
            i = text.find(n)
            before = text[i - 1] if i > 0 else " "
            after = text[i + len(n)] if i + len(n) < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                hits.append(n)
    return hits


def check(book, path, args, ds):
    problems = []
    g = args.group

    def bad(msg):
        problems.append(f"{os.path.basename(path)}: {msg}")

    # The records first: a leak of them is named even when more follow.
    check_records(book, args, ds, bad)
    texts = []
    for sheet, rows in book.sheets:
        for cells in rows:
            for ref, v, isnum, fmt in cells:
                if not isnum:
                    texts.append((f"{sheet}!{ref}", v))
    texts += [(n, t) for n, t in book.other]
    for where, t in texts:
        if CPR.search(t):
            bad(f"{where}: looks like a CPR number: {CPR.search(t).group(0)}")

    forbidden = {}
    if g in ("fagudvalg", "direktion"):
        forbidden = {"caseworker": ds.caseworkers, "team": ds.teams,
                     "provider": ds.providers, "child id": ds.children,
                     "family id": ds.families}
    elif g == "afdelingsleder":
        mine, _ = ds.of("team", args.team)
        forbidden = {"caseworker of another team": ds.caseworkers - mine,
                     "child id": ds.children, "family id": ds.families}
    elif g == "sagsbehandler":
        _, kids = ds.of("caseworker", args.caseworker)
        forbidden = {"other caseworker": ds.caseworkers - {args.caseworker},
                     "child id not of their cases": ds.children - kids,
                     "family id not of their cases": ds.families - kids}
    for what, names in forbidden.items():
        for where, t in texts:
            for hit in words_in(t, names):
                bad(f"{where}: shows {what} '{hit}'")

    if g in ("fagudvalg", "direktion"):
        check_small_counts(book, bad)
    return problems


RECORD_FILES = ("measures.csv", "cases.csv", "deadlines.csv", "complaints.csv",
                "reviews.csv", "notifications.csv", "waitlist.csv",
                "outcomes.csv", "inspections.csv", "postings.csv", "budget.csv")


def check_records(book, args, ds, bad):
    """The data-quality records (a row naming an input file and a line):
    none for fagudvalg and direktion (counts only); a team leader's only
    about their team, a caseworker's only about their own rows."""
    for sheet, rows in book.sheets:
        if sheet == "Data":
            continue
        for cells in rows:
            texts = [c for c in cells if not c[2]]
            nums = [c for c in cells if c[2]]
            files = [c for c in texts if c[1] in RECORD_FILES]
            if not files or len(nums) < 2:
                continue
            where = f"{sheet}!{files[0][0]}"
            if args.group in ("fagudvalg", "direktion"):
                bad(f"{where}: shows a data-quality record ({files[0][1]})")
                continue
            if args.group == "fagchef":
                continue
            # the line is the number right after the file's cell
            col = files[0][0].rstrip("0123456789")
            after = [c for c in nums if c[0].rstrip("0123456789") > col or
                     len(c[0].rstrip("0123456789")) > len(col)]
            if not after:
                continue
            line = int(float(after[0][1]))
            owners = ds.owner(files[0][1], line)
            if owners is None:
                continue
            if args.group == "afdelingsleder":
                ok = any(t == args.team for t, _ in owners)
            else:
                ok = any(cw == args.caseworker for _, cw in owners)
            if not ok:
                bad(f"{where}: a record of {files[0][1]} line {line} not "
                    f"of this recipient's {'team' if args.group == 'afdelingsleder' else 'cases'}")


def check_small_counts(book, bad):
    for sheet, rows in book.sheets:
        if sheet == "Data":
            check_data_sheet(rows, bad)
            continue
        for cells in rows:
            for ref, v, isnum, fmt in cells:
                x = numeric(v) if isnum else None
                if x is not None and fmt == COUNT_FORMAT and x == int(x) and 1 <= x <= 4:
                    bad(f"{sheet}!{ref}: a count of {int(x)} not shown as <5")
        check_tables(sheet, rows, bad)


def check_data_sheet(rows, bad):
    data = {}
    for cells in rows[1:]:
        vals = {ref.rstrip("0123456789"): (v, isnum) for ref, v, isnum, _ in cells}
        if not all(k in vals for k in "ABCDE"):
            continue
        kid, period, bd, stat = (vals[k][0] for k in "ABCD")
        value, isnum = vals["E"]
        data[(kid, period, bd, stat)] = (value, isnum)
        x = numeric(value) if isnum else None
        if stat in COUNT_STATS and x is not None and 1 <= x <= 4:
            bad(f"Data: {kid};{period};{bd};{stat} = {value}, not <5")
    # A member's rows are masked together; new placements' changes of
    # placement are other events than its spell starts (a part apart).
    part = lambda s: s == "changes"
    masked = {(k, p, b, part(s)) for (k, p, b, s), (v, n) in data.items()
              if s in COUNT_STATS and v in MARKS}
    for (k, p, b, s), (v, n) in data.items():
        if v == MASK and s not in COUNT_STATS:
            bad(f"Data: {k};{p};{b};{s} shown as <5, not a count")
        if (k, p, b, part(s)) in masked and v not in MARKS:
            bad(f"Data: {k};{p};{b};{s} = {v} shown for a masked member")
    # Complementary suppression: per figure, period, dimension and stat.
    groups = {}
    for (k, p, b, s), (v, n) in data.items():
        if s not in COUNT_STATS or b == "total" or "," in b:
            continue
        groups.setdefault((k, p, b.split("=")[0], s), []).append(v)
    for (k, p, dim, s), vals in groups.items():
        total = data.get((k, p, "total", s))
        if sum(v in MARKS for v in vals) == 1 and total and total[1]:
            bad(f"Data: {k};{p};{dim}: one member masked and the total {total[0]} shown")


# A cell that stands for a number: a number, or a mark in its place.
NUMBER_MARKS = {"<5", "..", ".", "-", "\u2013"}


def is_heading(cells):
    """A row with no number and no mark beside its first cell: a sheet's
    or a table's title, the column headings, a note. Tables are apart by
    such rows; a blank row (which the XML leaves out, so the row numbers
    jump) is not enough, since nothing stops a layout from putting one
    between a table's members and its total."""
    return not any(isnum or v in NUMBER_MARKS for _, v, isnum, _ in cells[1:])


def is_total(label):
    """'I alt', and the totals named more closely ('Kvartalet i alt',
    'I alt til dato')."""
    return isinstance(label, str) and (label == "I alt" or label.startswith("I alt ")
                                       or label.lower().endswith(" i alt"))


def check_tables(sheet, rows, bad):
    """A breakdown table: headings, members, then a total ('I alt'). Column
    by column, exactly one masked cell (<5 or "..") among the members with
    a number in the total gives the masked member away. The members are
    every row from the table's headings to its total, across blank rows."""
    members = []
    for cells in rows:
        if not cells or is_heading(cells):
            members = []
            continue
        label = cells[0][1]
        if is_total(label):
            by_col = {}
            for mrow in members:
                for ref, v, isnum, fmt in mrow[1:]:
                    by_col.setdefault(ref.rstrip("0123456789"), []).append(v)
            for ref, v, isnum, fmt in cells[1:]:
                col = ref.rstrip("0123456789")
                if isnum and sum(x in MARKS for x in by_col.get(col, [])) == 1:
                    bad(f"{sheet}!{ref}: total {v} shown beside exactly one masked cell")
            members = []
        else:
            members.append(cells)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dataset")
    ap.add_argument("group", choices=["fagudvalg", "direktion", "fagchef",
                                      "afdelingsleder", "sagsbehandler"])
    ap.add_argument("--team")
    ap.add_argument("--caseworker")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.group == "afdelingsleder" and not args.team:
        ap.error("afdelingsleder needs --team")
    if args.group == "sagsbehandler" and not args.caseworker:
        ap.error("sagsbehandler needs --caseworker")
    ds = Dataset(args.dataset)
    problems = []
    for f in args.files:
        problems += check(Book(f), f, args, ds)
    for p in problems[:40]:
        print(p)
    if len(problems) > 40:
        print(f"... and {len(problems) - 40} more")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
