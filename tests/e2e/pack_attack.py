#!/usr/bin/env python3
"""pack_attack.py - attack a fagudvalg or direktion pack as a reader would.

An independent check of SPEC §7, written against the spec and the workbook
files alone (no kpi code): it reads the pack's Data sheet (the long form
kpi_id;period;breakdown;stat;value, SPEC §8) and the unsuppressed export of
the same dataset and month (`kpi export DATASET --month M`), and fails
(exit 1, one line per finding) when

- a mark lies: `<5` on a cell whose true value is not a count of 1-4;
  `-` on a cell that is not zero; `.` (not available) on a value the
  export has; a shown value that differs from the export;
- a statistic of 1-4 children is shown: a mean, median, minimum or
  maximum (or share) of a member whose count is 1-4;
- a hidden cell can be worked out from the visible ones. The attack is
  general, not a list of patterns. Per pack it builds the equations an
  attacker can rely on, each one kept only where the export shows that it
  holds exactly:
    * a breakdown adds up to its total (for every dimension, and a pair
      breakdown `a=x,b=y` to each of its one-dimension parents);
    * the months of a series add up to the year to date and to the year;
    * two figures that are the same number (the same series in two
      tables), when they agree in every common cell;
  substitutes the visible values and solves by Gauss-Jordan elimination
  over the rationals: a hidden cell that the system determines uniquely
  is recovered. It then adds what is not linear: a total = count x mean
  (or amount = recipients x price) when one factor is known, a total's
  mean as the count-weighted mean of its members, a mean or median that
  equals min = max, and the bounds the marks promise (`<5` is 1-4, a
  count is a whole number >= 0), which pin down e.g. two `<5` adding up
  to 2. Everything recovered is fed back until nothing new is found.
  A cell counts as recovered only when the value worked out is the true
  one (an attacker misled by a lying mark has learnt nothing).

The table sheets show the Data sheet's rows; a number in a table that no
visible Data cell holds but a hidden one does is reported too.

--together attacks the packs of several months (each with its month's
export) as one reader who keeps them all: a cell shown in any of them is
known, and last month's to date meets this month's. It fails when a count
of 1-4 (a `<5`) is worked out, or a mark lies; a `..` worked out is
listed but passes (a complement chosen one month can be shown the next:
docs/PRIVACY.md, limits).

usage: pack_attack.py EXPORT.csv PACK.xlsx...
       pack_attack.py --together EXPORT.csv PACK.xlsx EXPORT.csv PACK.xlsx...
       pack_attack.py --mutate lie|leak EXPORT.csv PACK.xlsx OUT.xlsx
       pack_attack.py --self-test [EXPORT.csv PACK.xlsx]
"""
import csv
import os
import re
import sys
import tempfile
import zipfile
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pack_privacy import Book, is_heading  # noqa: E402  (the shared xlsx reader)

# Stats that count children, families, cases or events (SPEC §7, PRIVACY.md).
# The comparison's counts (docs/COMPARE.md: kpi_id compare) and their
# rates per 1,000 children (count x 1000 / population, written with four
# decimals), with the population each is of.
COMPARE_RATES = {"placed": "children_0_22", "placed_0_17": "children_0_17",
                 "new_placements": "children_0_22",
                 "preventive": "children_0_22",
                 "placed_monthly": "children_0_22"}
COUNT_STATS = set(COMPARE_RATES) | {"count", "changes", "short_count", "met", "missed",
               "open_past_due", "pending", "improved", "maintained",
               "declined", "placement_cases", "other_cases"}
# Stats that describe the children a row counts: hidden with a count 1-4.
DESCRIBING = re.compile(r"^(mean|median|min|max)(_.*)?$|^share$|^average_price$")
SMALL = "<5"
HIDDEN = ".."           # Danmarks Statistik's discretion: hidden for another
ZERO_MARKS = {"-", "–"}
NOT_AVAILABLE = "."
MONTH = re.compile(r"^(\d{4})-(\d\d)$")
TO_DATE = re.compile(r"^(\d{4})-01\.\.(\d{4})-(\d\d)$")
YEAR = re.compile(r"^(\d{4})$")


def number(s):
    try:
        return Fraction(s)
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def close(a, b):
    """Equal up to the rounding of a written decimal (kroner to øre,
    means to 15-16 digits)."""
    return abs(a - b) <= Fraction(6, 1000) + abs(b) * Fraction(1, 10 ** 9)


def read_export(path):
    rows = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        r = csv.reader(f, delimiter=";")
        header = next(r)
        if header != ["kpi_id", "period", "breakdown", "stat", "value"]:
            raise SystemExit(f"{path}: not a kpi export (header {header})")
        for row in r:
            if len(row) == 5:
                rows[tuple(row[:4])] = row[4]
    return rows


def read_data_sheet(path):
    """The pack's Data sheet: key -> (shown text, is a number, cell ref)."""
    sheets = Book(path).sheets
    data = dict(sheets).get("Data")
    if data is None:
        raise SystemExit(f"{path}: no Data sheet")
    rows = {}
    for cells in data[1:]:
        v = {ref.rstrip("0123456789"): (ref, val, isnum)
             for ref, val, isnum, _ in cells}
        if all(k in v for k in "ABCD"):
            key = tuple(v[k][1] for k in "ABCD")
            ref, val, isnum = v.get("E", (v["D"][0].replace("D", "E"), "", False))
            rows[key] = (val, isnum, ref)
    return rows, [(n, r) for n, r in sheets if n != "Data"]


def change_rows(rows):
    """The rows of a sheet's tables headed 'Nøgletal | Nu | Sidste år |
    Ændring' (the Overblik's and the detail sheets' items tables):
    (label, now, last year, change), each cell (ref, text, is a number)
    or None. A table runs from its headings to the next row without a
    number or a mark (a title, other headings, a note): across a blank
    row, and not into the next table, whose columns mean other things."""
    cols = None
    for cells in rows:
        if not cells:
            continue
        v = {ref.rstrip("0123456789"): (ref, val, isnum) for ref, val, isnum, _ in cells}
        if is_heading(cells):
            head = {x[1]: c for c, x in v.items()}
            cols = head if v.get("A", (0, ""))[1] == "Nøgletal" and "Ændring" in head else None
            continue
        if cols:
            yield (v.get("A", (0, ""))[1],) + tuple(
                v.get(cols.get(h, "")) for h in ("Nu", "Sidste år", "Ændring"))



def change_leaks(rows):
    for label, now, last, change in change_rows(rows):
        if change and change[2] and not (now and now[2] and last and last[2]):
            yield change[0], label


def derived_changes(rows):
    """The change cells that are exactly now - last year of their own row,
    both shown as numbers: they tell nothing the row does not."""
    refs = set()
    for label, now, last, change in change_rows(rows):
        if change and change[2] and now and now[2] and last and last[2]:
            c, a, b = number(change[1]), number(now[1]), number(last[1])
            if None not in (a, b, c) and close(c, a - b):
                refs.add(change[0])
    return refs


def show(key):
    return ";".join(key)


class Attack:
    """One pack against the export. findings: (kind, key, message)."""

    def __init__(self, export, pack, tables=()):
        self.export, self.pack = export, pack
        self.findings = []
        figures = {k[0] for k in pack}
        self.truth = {k: number(v) for k, v in export.items()
                      if k[0] in figures and number(v) is not None}
        self.known = {}        # key -> Fraction: visible, or worked out
        self.hidden = {}       # key -> the mark it is shown with
        self.recovered = {}    # hidden key -> how
        self.check_marks()
        self.exact = self.linear_relations()
        self.approx = self.product_relations() + self.weighted_means()
        self.solve()
        self.check_tables(tables)
        self.check_overblik(tables)

    def check_overblik(self, tables):
        """Every 'Nu | Sidste år | Ændring' row, on the Overblik and on the
        detail sheets (issue 14): a change shown as a number beside a value
        or last year's value that is hidden gives the hidden one away
        (value = last year + change)."""
        for sheet, rows in tables:
            for ref, label in change_leaks(rows):
                key = ("overblik" if sheet == "Overblik" else sheet, label, "", "change")
                self.findings.append(("leak", key, f"{sheet}!{ref} {label}: a change "
                                      "shown beside a hidden value (value = last year + change)"))

    def find(self, kind, key, msg):
        ref = self.pack[key][2] if key in self.pack else "-"
        self.findings.append((kind, key, f"Data!{ref} {show(key)}: {msg}"))

    # --- (a) marks that lie, values that differ ------------------------
    def check_marks(self):
        for key, (val, isnum, ref) in sorted(self.pack.items()):
            true = self.export.get(key)
            t = number(true)
            if true is None:
                if isnum or val not in (NOT_AVAILABLE, ""):
                    self.find("extra", key, f"shows '{val}', the export has no such figure")
                continue
            if isnum:
                shown = number(val)
                if t is None or shown is None or not close(shown, t):
                    self.find("differs", key, f"shows {val}, the export has {true}")
                else:
                    self.known[key] = t
                continue
            if t is None:          # a text figure (a status): shown as is,
                # or ".." beside its own hidden count (a status against a
                # target would bound the hidden value: "under 165")
                if val == HIDDEN and self.pack.get(key[:3] + ("count",), ("",))[0] in (SMALL, HIDDEN):
                    continue
                if val != true:
                    self.find("differs", key, f"shows '{val}', the export has '{true}'")
                continue
            if val in ZERO_MARKS and t == 0:
                self.known[key] = t     # DST's dash: a zero, shown
                continue
            self.hidden[key] = val
            stat = key[3]
            if val == SMALL:
                if stat not in COUNT_STATS:
                    self.find("lie", key, f"'<5' on a {stat} (not a count); true value {true}")
                elif not (t.denominator == 1 and 1 <= t <= 4):
                    self.find("lie", key, f"'<5' but the true count is {true}")
            elif val in ZERO_MARKS and t != 0:
                self.find("lie", key, f"'{val}' (zero) but the true value is {true}")
            elif val == NOT_AVAILABLE:
                self.find("lie", key, f"'.' (not available) but the export has {true}")
            elif val != HIDDEN:
                self.find("lie", key, f"hidden as '{val}', not a mark of SPEC §7; true value {true}")
        # Counts of 1-4, and statistics of a member of 1-4 children.
        for key, val in sorted(self.known.items()):
            if key[3] in COUNT_STATS and 1 <= val <= 4:
                self.find("small", key, f"a count of {val} shown, not as <5")
            if not DESCRIBING.match(key[3]):
                continue
            n = self.truth.get(key[:3] + ("count",))
            if n is not None and 1 <= n <= 4:
                self.find("small", key, f"a {key[3]} of {n} children shown ({self.pack[key][0]})")

    # --- the relations an attacker can use -----------------------------
    def series(self):
        """(kpi, period, stat) -> {breakdown: key} over the true values."""
        s = {}
        for k in self.truth:
            s.setdefault((k[0], k[1], k[3]), {})[k[2]] = k
        return s

    def holds(self, coeffs):
        return sum(c * self.truth[k] for k, c in coeffs.items()) == 0

    def linear_relations(self):
        eqs = []

        def add(parent, members, how):
            coeffs = {parent: Fraction(1)}
            for m in members:
                coeffs[m] = coeffs.get(m, 0) - 1
            if len(members) >= 1 and self.holds(coeffs):
                eqs.append((coeffs, how))

        series = self.series()
        for (kpi, period, stat), bds in series.items():
            # A breakdown adds up to its parent (the total for one
            # dimension; `a=x` for the pair `a=x,b=*`).
            groups = {}
            for bd, key in bds.items():
                if bd == "total":
                    continue
                parts = bd.split(",")
                for i, p in enumerate(parts):
                    rest = ",".join(parts[:i] + parts[i + 1:]) or "total"
                    dim = p.split("=")[0]
                    groups.setdefault((rest, dim), []).append(key)
            for (rest, dim), members in groups.items():
                if rest in bds:
                    add(bds[rest], members,
                        f"{kpi};{period};{stat}: {rest} = sum over {dim}")
        # The months of a series add up to the year to date and the year.
        by_row = {}
        for k in self.truth:
            by_row.setdefault((k[0], k[2], k[3]), {})[k[1]] = k
        for (kpi, bd, stat), periods in by_row.items():
            for p, key in periods.items():
                m, y = TO_DATE.match(p), YEAR.match(p)
                if m and m.group(1) == m.group(2):
                    months = [f"{m.group(1)}-{i:02d}" for i in range(1, int(m.group(3)) + 1)]
                elif y:
                    months = [f"{p}-{i:02d}" for i in range(1, 13)]
                else:
                    continue
                if all(x in periods for x in months):
                    add(key, [periods[x] for x in months],
                        f"{kpi};{bd};{stat}: {p} = sum of its months")
        # The same numbers under two figures (or two stats).
        names = sorted({(k[0], k[3]) for k in self.truth})
        cells = {n: {} for n in names}
        for k, v in self.truth.items():
            cells[(k[0], k[3])][(k[1], k[2])] = (k, v)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if a[0] == b[0]:
                    continue
                common = cells[a].keys() & cells[b].keys()
                if (sum(1 for c in common if cells[a][c][1] >= 5) >= 3
                        and all(cells[a][c][1] == cells[b][c][1] for c in common)):
                    for c in common:
                        eqs.append(({cells[a][c][0]: Fraction(1), cells[b][c][0]: Fraction(-1)},
                                    f"{show(cells[a][c][0])} is {show(cells[b][c][0])}"))
        return eqs

    def product_relations(self):
        """a = b x c within a row (total = count x mean, amount =
        recipients x price), where it holds in every row of the figure
        that has the three (and at least two non-zero ones)."""
        rows = {}
        for k, v in self.truth.items():
            rows.setdefault(k[:3], {})[k[3]] = v
        by_kpi = {}
        for r, stats in rows.items():
            by_kpi.setdefault(r[0], []).append((r, stats))
        rels = []
        for kpi, rs in by_kpi.items():
            names = sorted({s for _, st in rs for s in st})
            for a in names:
                for bi, b in enumerate(names):
                    for c in names[bi:]:
                        if a in (b, c):
                            continue
                        inst = [(r, st) for r, st in rs if a in st and b in st and c in st]
                        nonzero = [x for x in inst if x[1][a] and x[1][b] and x[1][c]]
                        if len(nonzero) < 2 or not all(
                                close(st[a], st[b] * st[c]) for _, st in inst):
                            continue
                        for r, _ in inst:
                            rels.append(([(Fraction(1), (r + (a,),)),
                                          (Fraction(-1), (r + (b,), r + (c,)))],
                                         f"{show(r)}: {a} = {b} x {c}"))
        return rels

    def weighted_means(self):
        """total's w x total's m = sum over members of w x m, for a count w
        and any other stat m, where it holds in every period of the
        figure's breakdown by that dimension (a float sum that agrees
        to 9 digits is no coincidence)."""
        series = self.series()
        cand = {}
        for (kpi, period, w), bds in series.items():
            if w not in COUNT_STATS or "total" not in bds:
                continue
            for (kpi2, period2, m), mbds in series.items():
                if kpi2 != kpi or period2 != period or m in COUNT_STATS or "total" not in mbds:
                    continue
                dims = {}
                for bd in bds:
                    if bd != "total" and "," not in bd and bd in mbds:
                        dims.setdefault(bd.split("=")[0], []).append(bd)
                for dim, members in dims.items():
                    terms = [(Fraction(1), (bds["total"], mbds["total"]))]
                    terms += [(Fraction(-1), (bds[x], mbds[x])) for x in members]
                    cand.setdefault((kpi, w, m, dim), []).append(
                        (terms, f"{kpi};{period}: {w} x {m} of the total = sum over {dim}"))
        rels = []
        for insts in cand.values():
            ok = [self.value_of(t) for t, _ in insts]
            if all(close(v, 0) for v in ok) and \
                    any(self.truth[t[0][1][1]] for t, _ in insts):
                rels += insts
        return rels

    def value_of(self, terms):
        total = Fraction(0)
        for c, ks in terms:
            p = c
            for k in ks:
                p *= self.truth[k]
            total += p
        return total

    # --- solving ---------------------------------------------------------
    def learn(self, key, value, how):
        """A value worked out: kept when it is the truth."""
        if key in self.known or not close(value, self.truth[key]):
            return False
        self.known[key] = self.truth[key]
        if key in self.hidden:
            self.recovered[key] = how
            self.find("leak", key, f"hidden as '{self.hidden[key]}' but is {self.export[key]}: {how}")
        return True

    def solve(self):
        progress = True
        while progress:
            progress = self.eliminate()
            progress |= self.substitute()
            progress |= self.bounds()
            if self.min_max():
                progress = True
            progress |= self.per_1000()

    def per_1000(self):
        """A comparison's count from its rate per 1,000 and the
        population: count = rate x population / 1000, rounded (the rate
        has four decimals); the population of the monthly stock is the
        year's (kpi.ini's, the same every year)."""
        progress = False
        for key in sorted(self.truth):
            kpi, period, bd, stat = key
            pop_stat = COMPARE_RATES.get(stat) if kpi == "compare" else None
            if not pop_stat or key in self.known:
                continue
            rate = self.known.get((kpi, period, bd, stat + "_per_1000"))
            pops = [v for k, v in self.known.items()
                    if k[0] == kpi and k[2] == bd and k[3] == pop_stat and
                    (k[1] == period or stat == "placed_monthly")]
            if rate is None or not pops:
                continue
            value = Fraction(round(rate * pops[0] / 1000))
            progress |= self.learn(key, value, f"{stat}_per_1000 {float(rate)} "
                                   f"x {pop_stat} {pops[0]} / 1000")
        return progress

    def eliminate(self):
        pivots = {}     # column -> (row coeffs, rhs, sources)
        for i, (coeffs, how) in enumerate(self.exact):
            row, rhs = {}, Fraction(0)
            for k, c in coeffs.items():
                if k in self.known:
                    rhs -= c * self.known[k]
                elif c:
                    row[k] = row.get(k, 0) + c
            row = {k: c for k, c in row.items() if c}
            if not row:
                continue
            src = {i}
            # The pivot rows are reduced (Gauss-Jordan): reducing by one
            # brings in no other pivot column.
            for col in [k for k in row if k in pivots]:
                prow, prhs, psrc = pivots[col]
                f = row[col]
                for k, c in prow.items():
                    row[k] = row.get(k, 0) - f * c
                    if not row[k]:
                        del row[k]
                rhs -= f * prhs
                src |= psrc
            if not row:
                continue
            col = min(row, key=show)
            f = row[col]
            row = {k: c / f for k, c in row.items()}
            rhs /= f
            for pc, (prow, prhs, psrc) in list(pivots.items()):
                g = prow.get(col)
                if g:
                    nrow = dict(prow)
                    for k, c in row.items():
                        nrow[k] = nrow.get(k, 0) - g * c
                        if not nrow[k]:
                            del nrow[k]
                    pivots[pc] = (nrow, prhs - g * rhs, psrc | src)
            pivots[col] = (row, rhs, src)
        progress = False
        for col, (row, rhs, src) in sorted(pivots.items(), key=lambda x: show(x[0])):
            if len(row) == 1:
                hows = [self.exact[i][1] for i in sorted(src)]
                how = "; ".join(hows[:3]) + (f"; and {len(hows) - 3} more" if len(hows) > 3 else "")
                progress |= self.learn(col, rhs, how)
        return progress

    def substitute(self):
        """The relations that are not linear, once all but one unknown of
        an instance is known and that one enters linearly."""
        progress = False
        for terms, how in self.approx:
            rest, coef, unknown = Fraction(0), Fraction(0), None
            usable = True
            for c, ks in terms:
                p, u = c, [k for k in ks if k not in self.known]
                for k in ks:
                    if k in self.known:
                        p *= self.known[k]
                if not u:
                    rest += p
                elif len(u) == 1 and (unknown is None or unknown == u[0]):
                    unknown, coef = u[0], coef + p
                else:
                    usable = False
                    break
            if usable and unknown is not None and coef:
                progress |= self.learn(unknown, -rest / coef, how)
        return progress

    def min_max(self):
        """What minima and maxima give away: min = max means every child
        has that value (so the mean and median too), as does a count of 1;
        a total's minimum is its members' smallest minimum, so when every
        shown member's minimum is larger, the one hidden member has it."""
        progress = False
        rows = {}
        for k in self.truth:
            m = re.match(r"^(mean|median|min|max)(_.*)?$", k[3])
            if m:
                rows.setdefault(k[:3] + (m.group(2) or "",), {})[m.group(1)] = k
        for (kpi, period, bd, suffix), stats in sorted(rows.items()):
            known = {s: self.known[k] for s, k in stats.items() if k in self.known}
            single = self.known.get((kpi, period, bd, "count")) == 1
            if "min" in known and known["min"] == known.get("max"):
                how = f"min = max = {known['min']}"
            elif single and known:
                s, v = sorted(known.items())[0]
                how = f"the count is 1, so the {s}{suffix} {v} is the child's value"
            else:
                continue
            for s, k in stats.items():
                if k not in self.known:
                    progress |= self.learn(k, known.get("min", sorted(known.items())[0][1]), how)
        for (kpi, period, bd, suffix), stats in sorted(rows.items()):
            if bd != "total":
                continue
            for ext, pick in (("min", min), ("max", max)):
                tk = stats.get(ext)
                if tk is None or tk not in self.known:
                    continue
                by_dim = {}
                for (k2, p2, b2, s2), st2 in rows.items():
                    if (k2, p2, s2) == (kpi, period, suffix) and b2 != "total" \
                            and "," not in b2 and ext in st2:
                        by_dim.setdefault(b2.split("=")[0], []).append(st2[ext])
                for dim, members in sorted(by_dim.items()):
                    if not close(pick(self.truth[k] for k in members), self.truth[tk]):
                        continue
                    unknown = [k for k in members if k not in self.known]
                    t = self.known[tk]
                    if len(unknown) == 1 and all(
                            (self.known[k] > t if ext == "min" else self.known[k] < t)
                            for k in members if k in self.known):
                        progress |= self.learn(unknown[0], t, f"the total's {ext}{suffix} is "
                                               f"{t} and every shown member's is beyond it ({dim})")
        return progress

    def bounds(self):
        """Interval propagation over the exact relations with what the
        marks promise: <5 is 1-4, a count is a whole number >= 0."""
        # SPEC §7 shows a zero as a zero, so a reader may take any hidden
        # count to be at least 1 - unless the pack does hide zeros.
        floor = Fraction(0) if any(
            self.truth.get(k) == 0 for k in self.hidden if k[3] in COUNT_STATS) else Fraction(1)
        lo, hi = {}, {}
        for key in self.truth:
            if key in self.known:
                lo[key] = hi[key] = self.known[key]
            elif self.hidden.get(key) == SMALL:
                lo[key], hi[key] = Fraction(1), Fraction(4)
            elif key in self.hidden and key[3] in COUNT_STATS:
                lo[key], hi[key] = floor, None
            elif key[3] in COUNT_STATS:
                lo[key], hi[key] = Fraction(0), None
            else:
                lo[key] = hi[key] = None
        useful = [(c, how) for c, how in self.exact
                  if any(k not in self.known for k in c) and
                  all(k[3] in COUNT_STATS or k in self.known for k in c)]
        why = {}
        for _ in range(20):
            changed = False
            for coeffs, how in useful:
                for j, a in coeffs.items():
                    if j in self.known:
                        continue
                    # a x_j = sum over the others of -c x_k; each term's
                    # range comes from x_k's, None where unbounded.
                    r_lo, r_hi = Fraction(0), Fraction(0)
                    for k, c in coeffs.items():
                        if k == j:
                            continue
                        ends = (hi[k], lo[k]) if c > 0 else (lo[k], hi[k])
                        r_lo = None if r_lo is None or ends[0] is None else r_lo - c * ends[0]
                        r_hi = None if r_hi is None or ends[1] is None else r_hi - c * ends[1]
                    if a < 0:
                        r_lo, r_hi = r_hi, r_lo
                    new_lo = None if r_lo is None else r_lo / a
                    new_hi = None if r_hi is None else r_hi / a
                    if new_lo is not None:
                        new_lo = Fraction(-((-new_lo) // 1))   # a whole count: ceil
                        if lo[j] is None or new_lo > lo[j]:
                            lo[j], changed = new_lo, True
                            why[j] = how
                    if new_hi is not None:
                        new_hi = Fraction(new_hi // 1)          # floor
                        if hi[j] is None or new_hi < hi[j]:
                            hi[j], changed = new_hi, True
                            why[j] = how
            if not changed:
                break
        progress = False
        for key in self.hidden:
            if key not in self.known and lo.get(key) is not None and lo[key] == hi.get(key):
                progress |= self.learn(key, lo[key], f"{why.get(key, '')}, with the bounds the "
                                       f"marks give (<5 is 1-4, a hidden count >= {floor})")
        return progress

    # --- tables ---------------------------------------------------------
    def check_tables(self, tables):
        visible = {round(float(v), 6) for v in self.known.values()}
        hidden_true = {}
        for k in self.hidden:
            if k in self.truth and k not in self.known:
                hidden_true.setdefault(round(float(self.truth[k]), 6), []).append(k)
        for sheet, rows in tables:
            # A change beside its two ends (now - last year, issue 14) is
            # the difference of two numbers its row shows: it tells nothing
            # they do not, whatever hidden value it equals. Only such a
            # cell: a number that happens to be the difference of two
            # others in its row (a month beside two others) is no change.
            derived = derived_changes(rows)
            for cells in rows:
                for ref, val, isnum, _ in cells:
                    x = number(val) if isnum else None
                    if x is None or ref in derived:
                        continue
                    r = round(float(x), 6)
                    if r not in visible and r in hidden_true and r != 0:
                        self.findings.append(("table", None, f"{sheet}!{ref}: shows {val}, "
                                              f"which the Data sheet hides in {show(hidden_true[r][0])}"))


# --- mutations: a copy of a pack with one Data cell changed --------------
def rewrite_cell(src, dst, ref, number_value=None, text=None, sheet_name="Data"):
    """Copy the xlsx src to dst with the cell ref of sheet_name holding a
    number or an inline string instead."""
    import xml.etree.ElementTree as ET
    from pack_privacy import M, R
    z = zipfile.ZipFile(src)
    parts = {n: z.read(n) for n in z.namelist()}
    wb = ET.fromstring(parts["xl/workbook.xml"])
    rels = ET.fromstring(parts["xl/_rels/workbook.xml.rels"])
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheet = next("xl/" + target[s.get(R + "id")] for s in wb.find(M + "sheets")
                 if s.get("name") == sheet_name)
    xml = parts[sheet].decode()
    cell = re.compile(r'<c r="%s"( s="\d+")?( t="\w+")?(/>|>.*?</c>)' % ref, re.S)
    if number_value is not None:
        new = lambda m: '<c r="%s"%s><v>%s</v></c>' % (ref, m.group(1) or "", number_value)
    else:
        esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        new = lambda m: '<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (ref, m.group(1) or "", esc)
    xml, n = cell.subn(new, xml, count=1)
    if n != 1:
        raise SystemExit(f"{src}: no cell {ref} in the {sheet_name} sheet")
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)


def mutate(kind, export, src, dst):
    """lie: a shown count whose true value is 7 (else the smallest >= 5)
    is marked <5. leak: of the members of a breakdown whose parent is
    shown, two are hidden and not yet recoverable; one is shown, so the
    other is parent minus the rest. Returns the key that should now be
    found."""
    pack, tables = read_data_sheet(src)
    a = Attack(export, pack, tables)
    if kind == "lie":
        cands = sorted((abs(v - 7), show(k), k) for k, v in a.known.items()
                       if k in pack and pack[k][1] and k[3] in COUNT_STATS and v >= 5)
        if not cands:
            raise SystemExit(f"{src}: no shown count >= 5 to mark <5")
        key = cands[0][2]
        rewrite_cell(src, dst, pack[key][2], text=SMALL)
        return key
    for coeffs, how in a.exact:
        if "= sum over" not in how:
            continue
        parent = next(k for k, c in coeffs.items() if c > 0)
        members = [k for k, c in coeffs.items() if c < 0]
        open_ = [k for k in members if k not in a.known]
        if parent in a.known and len(open_) == 2 and all(k in a.hidden for k in open_):
            shown, target = sorted(open_, key=show)
            v = a.truth[shown]
            rewrite_cell(src, dst, pack[shown][2],
                         number_value=str(v.numerator) if v.denominator == 1 else str(float(v)))
            return target
    raise SystemExit(f"{src}: no breakdown with exactly two hidden members to unhide one of")


def attack_files(export_path, packs, out=sys.stdout):
    export = read_export(export_path)
    total = 0
    for path in packs:
        pack, tables = read_data_sheet(path)
        a = Attack(export, pack, tables)
        name = os.path.basename(path)
        kinds = {}
        for kind, _, msg in a.findings:
            kinds[kind] = kinds.get(kind, 0) + 1
            print(f"{name}: {kind}: {msg}", file=out)
        hidden = len(a.hidden)
        summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "nothing found"
        print(f"{name}: {len(pack)} Data rows, {hidden} hidden: {summary}", file=out)
        total += len(a.findings)
    return total


def attack_together(args, out=sys.stdout):
    """The union of several months' packs against their exports; returns
    the number of findings that fail (see --together above)."""
    export, pack = {}, {}
    for i in range(0, len(args) - 1, 2):
        for k, v in read_export(args[i]).items():
            export.setdefault(k, v)
        for k, v in read_data_sheet(args[i + 1])[0].items():
            if k not in pack or (v[1] and not pack[k][1]):
                pack[k] = v
    a = Attack(export, pack)
    failing = 0
    for kind, key, msg in a.findings:
        fails = kind != "leak" or a.hidden.get(key) == SMALL
        failing += fails
        print(f"together: {kind}{'' if fails else ' (a complement)'}: {msg}", file=out)
    print(f"together: {len(args) // 2} packs, {len(pack)} Data rows, {len(a.hidden)} hidden: "
          f"{failing} failing finding(s)", file=out)
    return failing


# --- the self-test: the attack can fail ----------------------------------
def write_pack(path, rows, sheets=()):
    """A minimal xlsx whose Data sheet holds rows (lists of str; a str
    that is a number is written as a number), and after it the sheets
    (name, {row number: [cell, ...]}), their cells from column A."""
    def cell(ref, v):
        if number(v) is not None:
            return f'<c r="{ref}"><v>{v}</v></c>'
        v = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>'

    def body(numbered):
        return "".join(
            f'<row r="{i}">' + "".join(cell(f"{c}{i}", v) for c, v in zip("ABCDEFG", r)) + "</row>"
            for i, r in sorted(numbered.items()))
    books = [("Data", body(dict(enumerate(rows, 1))))] + [(n, body(r)) for n, r in sheets]
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", f'<workbook {ns} xmlns:r="{rel}"><sheets>' + "".join(
            f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, (n, _) in enumerate(books, 1))
            + '</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" '
                             f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(books) + 1))
                   + '</Relationships>')
        for i, (n, b) in enumerate(books, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml",
                       f"<worksheet {ns}><sheetData>{b}</sheetData></worksheet>")


# A pack suppressed as SPEC §7 says: placed children 20 = 3 + 7 + 10 by
# type (the 3 is <5, the 7 hidden to protect it), 20 = 12 + 8 by target
# group; new placements 2, 5, 6 in the months, 13 to date (the 2 is <5,
# the 5 hidden: 13 - 6 = 7 is all a reader learns, and 7 = x + y with x
# in 1-4 leaves y anywhere in 3-6); waiting days of 9 children.
# Columns: kpi_id period breakdown stat true-value shown.
SYNTHETIC = [tuple(line.split()) for line in """
placed_children 2026-03-31 total count 20 20
placed_children 2026-03-31 measure_type=a count 3 <5
placed_children 2026-03-31 measure_type=b count 7 ..
placed_children 2026-03-31 measure_type=c count 10 10
placed_children 2026-03-31 target_group=x count 12 12
placed_children 2026-03-31 target_group=y count 8 8
new_placements 2026-01 total count 2 <5
new_placements 2026-02 total count 5 ..
new_placements 2026-03 total count 6 6
new_placements 2026-01..2026-03 total count 13 13
waiting_list 2026-03-31 total count 9 9
waiting_list 2026-03-31 total mean_days 40.5 40.5
waiting_list 2026-03-31 total min_days 0 -
""".strip().splitlines()]


def self_test(export_path=None, real_pack=None):
    tmp = tempfile.mkdtemp(prefix="kpi-attack.")
    failures = []

    def expect(ok, what):
        print(("ok: " if ok else "FAIL: ") + what)
        if not ok:
            failures.append(what)

    def run(export, pack_path):
        pack, tables = read_data_sheet(pack_path)
        return Attack(export, pack, tables).findings

    def has(findings, kind, key, text):
        return any(k == kind and f == key and text in m for k, f, m in findings)

    export = {r[:4]: r[4] for r in SYNTHETIC}
    clean = os.path.join(tmp, "clean.xlsx")
    write_pack(clean, [["kpi_id", "period", "breakdown", "stat", "value"]] +
               [list(r[:4]) + [r[5]] for r in SYNTHETIC])
    found = run(export, clean)
    expect(not found, "a pack suppressed as SPEC §7 says passes"
           + "".join("\n    " + m for _, _, m in found))
    # kind | the cell that must be found | what the mutation shows there
    # or beside it (+name: adds the rows of extra; "count 3": the waiting
    # list has 3 children) | words of the finding
    cases = [tuple(x.strip() for x in line.split("|")) for line in """
lie | placed_children;2026-03-31;target_group=y;count | <5 | '<5' but the true count is 8
leak | placed_children;2026-03-31;measure_type=a;count | 7 | hidden as '<5' but is 3
leak | new_placements;2026-01;total;count | 5 | hidden as '<5' but is 2
lie | new_placements;2026-03;total;count | - | '-' (zero) but the true value is 6
small | waiting_list;2026-03-31;total;mean_days | count 3 | a mean_days of 3 children shown
leak | placement_duration;2026-03;target_group=x;min_days | +min | the total's min_days is 5
leak | new_placements;2026-03;measure_type=a;changes | +bounds | with the bounds the marks give
leak | waiting_list;2026-02-28;target_group=x;mean_days | +mean | count x mean_days of the total
leak | high_cost_cases;2026;age_group=x;amount | +amount | hidden as '..' but is 1500000.50
small | placed_children;2026-03-31;measure_type=a;count | 3 | a count of 3 shown, not as <5
lie | placed_children;2026-03-31;measure_type=b;count | x | not a mark of SPEC §7
""".strip().splitlines()]
    # Columns as SYNTHETIC's. min: a total's shortest stay (5 days) is the
    # hidden member's when every shown member's is longer. bounds: 11 - 9
    # leaves 2 for two <5, so both are 1. mean: 13 x 50 - 7 x 410/7 = 240
    # days for the 6 children of x, a mean of 40. amount: 5,000,000.75 -
    # 3,500,000.25 kr. is the 3 children's (bounds do not help with money).
    extra = {name: [tuple(line.split()) for line in rows.strip().splitlines()]
             for name, rows in (("+min", """
placement_duration 2026-03 total count 12 12
placement_duration 2026-03 total min_days 5 5
placement_duration 2026-03 target_group=x count 3 <5
placement_duration 2026-03 target_group=x min_days 5 ..
placement_duration 2026-03 target_group=y count 9 9
placement_duration 2026-03 target_group=y min_days 20 20
"""), ("+bounds", """
new_placements 2026-03 total changes 11 11
new_placements 2026-03 measure_type=a changes 1 <5
new_placements 2026-03 measure_type=b changes 1 <5
new_placements 2026-03 measure_type=c changes 9 9
"""), ("+mean", """
waiting_list 2026-02-28 total count 13 13
waiting_list 2026-02-28 total mean_days 50 50
waiting_list 2026-02-28 target_group=x count 6 6
waiting_list 2026-02-28 target_group=x mean_days 40 ..
waiting_list 2026-02-28 target_group=y count 7 7
waiting_list 2026-02-28 target_group=y mean_days 58.57142857142857 58.57142857142857
"""), ("+amount", """
high_cost_cases 2026 total count 12 12
high_cost_cases 2026 total amount 5000000.75 5000000.75
high_cost_cases 2026 age_group=x count 3 <5
high_cost_cases 2026 age_group=x amount 1500000.50 ..
high_cost_cases 2026 age_group=y count 9 9
high_cost_cases 2026 age_group=y amount 3500000.25 3500000.25
"""))}
    for i, (kind, key, shown, text) in enumerate(cases):
        key = tuple(key.split(";"))
        rows = [list(r[:4]) + [r[5]] for r in SYNTHETIC]
        ex = dict(export)
        if shown in extra:
            rows += [list(r[:4]) + [r[5]] for r in extra[shown]]
            ex.update({r[:4]: r[4] for r in extra[shown]})
        elif shown == "count 3":  # the waiting list has 3 children, mean shown
            ex[("waiting_list", "2026-03-31", "total", "count")] = "3"
            rows = [r[:4] + (["<5"] if r[:4] == ["waiting_list", "2026-03-31", "total", "count"]
                             else [r[4]]) for r in rows]
        else:
            target = next(r for r in rows if tuple(r[:4]) == key)
            if kind == "leak":  # show the cell hidden beside it instead
                other = {"measure_type=a": "measure_type=b", "total": None}[key[2]]
                if other:
                    next(r for r in rows if r[:3] == [key[0], key[1], other])[4] = shown
                else:
                    next(r for r in rows if r[1] == "2026-02")[4] = shown
            else:
                target[4] = shown
        path = os.path.join(tmp, f"synthetic-{i}.xlsx")
        write_pack(path, [["kpi_id", "period", "breakdown", "stat", "value"]] + rows)
        found = run(ex, path)
        expect(has(found, kind, key, text), f"synthetic {kind}: {show(key)} found ({text})"
               + ("" if has(found, kind, key, text) else
                  "".join("\n    " + m for _, _, m in found) or " - nothing found"))

    # The table sheets. An items table's change of 7 = 20 - 13 equals a
    # hidden value (measure type b) and is no finding; a 5 that is the
    # difference of its neighbours 13 and 8 but no change (a month row)
    # is the hidden February; a change beside a hidden value is a leak on
    # any sheet, and a blank row does not end its table.
    head = ["Nøgletal", "Nu", "Sidste år", "Ændring"]
    months = ["Måned", "Nyanbringelser", "Anbragte", "Underretninger"]
    for what, sheet, rows, want in (
            ("a change that is now - last year", "Faglig",
             {1: head, 2: ["Anbragte børn", "20", "13", "7"]}, None),
            ("a hidden value that is the difference of two in its row", "Kvartalsoversigt",
             {1: months, 2: ["Februar", "13", "8", "5"]}, ("table", "Kvartalsoversigt!D2")),
            ("a change beside a hidden value on a detail sheet", "Faglig",
             {1: head, 2: ["Nyanbringelser i januar", "<5", "6", "-4"]}, ("leak", "Faglig!D2")),
            ("a change beside a hidden value after a blank row", "Faglig",
             {1: head, 3: ["Nyanbringelser i januar", "<5", "6", "-4"]}, ("leak", "Faglig!D3"))):
        path = os.path.join(tmp, "tables.xlsx")
        write_pack(path, [["kpi_id", "period", "breakdown", "stat", "value"]] +
                   [list(r[:4]) + [r[5]] for r in SYNTHETIC], [(sheet, rows)])
        found = run(export, path)
        ok = (not found if want is None else
              any(k == want[0] and m.startswith(want[1]) for k, _, m in found))
        expect(ok, f"table sheet: {what}: " + ("nothing found" if want is None else
                                                f"{want[0]} at {want[1]}")
               + ("" if ok else "".join("\n    " + m for _, _, m in found) or " - nothing found"))

    if real_pack:
        export = read_export(export_path)
        before = run(export, real_pack)
        for kind, finding in (("lie", "lie"), ("leak", "leak")):
            out = os.path.join(tmp, f"real-{kind}.xlsx")
            key = mutate(kind, export, real_pack, out)
            after = run(export, out)
            new = [m for k, f, m in after if f == key and k == finding]
            old = [m for k, f, m in before if f == key and k == finding]
            expect(bool(new) and not old,
                   f"{os.path.basename(real_pack)} with one cell changed ({kind}): "
                   + (new[0] if new else f"{show(key)} NOT found"))
        # The Overblik: a change shown beside a hidden headline value.
        rows = dict(read_data_sheet(real_pack)[1]).get("Overblik") or []
        hidden = [(label, change) for label, now, last, change in change_rows(rows)
                  if now and not now[2] and now[1] in ("<5", "..") and change]
        if hidden:
            label, change = hidden[0]
            out = os.path.join(tmp, "real-overblik.xlsx")
            rewrite_cell(real_pack, out, change[0], number_value="1", sheet_name="Overblik")
            key = ("overblik", label, "", "change")
            new = [m for k, f, m in run(export, out) if f == key and k == "leak"]
            old = [m for k, f, m in before if f == key]
            expect(bool(new) and not old,
                   f"{os.path.basename(real_pack)} with a change shown beside a hidden "
                   "value: " + (new[0] if new else f"{label} NOT found"))
        else:
            print(f"ok: {os.path.basename(real_pack)}: no hidden headline on its Overblik to test")
    return 1 if failures else 0


def main(argv):
    if argv[:1] == ["--self-test"]:
        return self_test(*argv[1:3])
    if argv[:1] == ["--together"] and len(argv) >= 5 and len(argv) % 2 == 1:
        return 1 if attack_together(argv[1:]) else 0
    if argv[:1] == ["--mutate"] and len(argv) == 5:
        key = mutate(argv[1], read_export(argv[2]), argv[3], argv[4])
        print(show(key))
        return 0
    if len(argv) < 2 or argv[0].startswith("-"):
        print(__doc__.split("usage:")[1], file=sys.stderr)
        return 2
    return 1 if attack_files(argv[0], argv[1:]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
