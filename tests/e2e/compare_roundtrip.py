#!/usr/bin/env python3
"""compare_roundtrip.py - issue 18's round trip, checked against the files
alone (no kpi code):

  share SHARE.csv PACK.xlsx FULL.csv
      the shared file (`kpi export --level fagudvalg`) holds exactly the
      rows of the fagudvalg pack's Data sheet, with the same values and
      marks, and nothing else but its "municipality" rows; and written as
      a pack, it survives pack_attack.py's attack against the unsuppressed
      export FULL.csv (no lying mark, no hidden cell worked out).

  rates OWN.csv NAME FULL.csv CHILDREN_0_17 CHILDREN_0_22 [SHARED.csv]
      the own municipality's export (with sammenligning/) has the
      "compare" rows of municipality NAME that NAME's unsuppressed export
      FULL.csv and its kpi.ini's children give:
        placed_per_1000 (YYYY) = placed_children YYYY-12-31 total count
                                 / children_0_22 x 1000,
        new_placements_per_1000 = new_placements YYYY-01..YYYY-12 / 0-22,
        spend_per_child_0_17 = forecast YYYY amount / children_0_17,
      for the share's year, and placed for the year before (the series);
      with NAME's SHARED.csv, no new_placements_per_1000 where the share
      hides the year's new placements (SPEC §7).

  marks EXPORT.csv NAME PACK.xlsx...
      in each fagudvalg or direktion pack, the own municipality NAME's
      comparison counts (docs/COMPARE.md) of 1-4 in the unsuppressed
      export are shown "<5" and their rates per 1,000 "..", every other
      shown comparison value is the export's; there must be some "<5"
      (else the check proves nothing).

Exit 1 with one line per finding.
"""
import csv
import os
import sys
import tempfile
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pack_attack  # noqa: E402


def rows(path):
    with open(path, encoding="utf-8") as f:
        r = csv.reader(f, delimiter=";")
        next(r)
        return {tuple(x[:4]): x[4] for x in r}


def same(shared, shown):
    """The shared text equals the pack's value as the export writes it
    (the Data sheet holds the double, the export 4 decimals or øre): they
    differ by less than one unit of the shared text's last decimal."""
    try:
        a, b = Fraction(shared), Fraction(shown)
    except (ValueError, ZeroDivisionError):
        return shared == shown
    decimals = len(shared.split(".")[1]) if "." in shared else 0
    return abs(a - b) < Fraction(1, 10 ** decimals)


def check_share(share_path, pack_path, full_path):
    findings = []
    share = rows(share_path)
    data, _ = pack_attack.read_data_sheet(pack_path)
    mine = {k: v for k, v in share.items() if k[0] != "municipality"}
    for k, v in mine.items():
        if k not in data:
            findings.append(f"shared but not in the fagudvalg pack: {';'.join(k)}={v}")
        elif not same(v, data[k][0]):
            findings.append(f"{';'.join(k)}: shared {v}, the pack shows {data[k][0]}")
    for k in data:
        if k not in mine:
            findings.append(f"in the pack but not shared: {';'.join(k)}")
    muni = {k[3] for k in share if k[0] == "municipality"}
    if not {"level", "name"} <= muni:
        findings.append("the shared file does not name its level and municipality")
    # Attack the shared rows as a pack would be attacked.
    tmp = tempfile.mkdtemp(prefix="kpi-share.")
    xlsx = os.path.join(tmp, "share.xlsx")
    pack_attack.write_pack(xlsx, [["kpi_id", "period", "breakdown", "stat", "value"]]
                           + [list(k) + [v] for k, v in mine.items()])
    out = open(os.path.join(tmp, "attack.txt"), "w+")
    bad = pack_attack.attack_files(full_path, [xlsx], out=out)
    out.seek(0)
    if bad:
        findings += ["attack: " + line.strip() for line in out if line.strip()]
    return findings


def check_rates(own_path, name, full_path, c17, c22, shared_path=None):
    findings = []
    own = rows(own_path)
    full = rows(full_path)
    # A number NAME's shared file hides (SPEC §7: "<5", "..") gives no
    # rate: the row must be absent, not worked out from the hidden value.
    hidden = ({k for k, v in rows(shared_path).items() if v in ("<5", "..")}
              if shared_path else set())
    c17, c22 = Fraction(c17), Fraction(c22)
    years = sorted({k[1][:4] for k in full if k[0] == "forecast" and len(k[1]) == 4})
    year = years[-1]
    prev = str(int(year) - 1)
    member = f"municipality={name}"

    def want(period, stat, value, tol=Fraction(1, 10000)):
        got = own.get(("compare", period, member, stat))
        if got is None:
            findings.append(f"no compare row {period} {member} {stat}")
        elif abs(Fraction(got) - value) > tol:
            findings.append(f"{period} {member} {stat}: {got}, by hand {float(value):.4f}")

    def full_count(kpi_id, period):
        return Fraction(full[(kpi_id, period, "total", "count")])

    for y in (year, prev):
        placed = full_count("placed_children", f"{y}-12-31")
        want(y, "placed", placed)
        want(y, "placed_per_1000", placed / c22 * 1000)
    if ("new_placements", f"{year}-01..{year}-12", "total", "count") in hidden:
        if ("compare", year, member, "new_placements_per_1000") in own:
            findings.append(f"{year} {member} new_placements_per_1000 from a hidden count")
    else:
        new = full_count("new_placements", f"{year}-01..{year}-12")
        want(year, "new_placements_per_1000", new / c22 * 1000)
    spend = Fraction(full[("forecast", year, "total", "amount")])
    # kroner per child, rounded to øre (half an øre either way)
    want(year, "spend_per_child_0_17", spend / c17, Fraction(1, 200))
    return findings


def check_marks(export_path, name, *packs):
    findings = []
    full = rows(export_path)
    member = f"municipality={name}"
    small = 0
    for pack in packs:
        data, _ = pack_attack.read_data_sheet(pack)
        for k, v in full.items():
            if k[0] != "compare" or k[2] != member or k[3] not in pack_attack.COMPARE_RATES:
                continue
            shown = data.get(k, (None,))[0]
            rate = data.get(k[:3] + (k[3] + "_per_1000",), (None,))[0]
            if 1 <= Fraction(v) <= 4:
                small += 1
                if shown != "<5":
                    findings.append(f"{pack}: {';'.join(k)} = {v} shown as {shown}")
                if k[:3] + (k[3] + "_per_1000",) in full and rate != "..":
                    findings.append(f"{pack}: the rate of {';'.join(k)} = {v} shown as {rate}")
            elif shown is None or not same(v, shown):
                findings.append(f"{pack}: {';'.join(k)} = {v} shown as {shown}")
    if not small:
        findings.append("no comparison count of 1-4: the check proves nothing")
    return findings


def main(argv):
    if len(argv) == 5 and argv[1] == "share":
        findings = check_share(*argv[2:])
    elif len(argv) >= 5 and argv[1] == "marks":
        findings = check_marks(*argv[2:])
    elif len(argv) in (7, 8) and argv[1] == "rates":
        findings = check_rates(*argv[2:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for f in findings:
        print(f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
