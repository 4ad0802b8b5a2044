#!/bin/bash
# caseworker_page1.sh - page 1 of a caseworker's pack, as LibreOffice
# prints it, holds their deadlines (issue 14, item 6; Socialstyrelsen's
# example 6): every deadline of their open cases that is not done on D and
# is overdue or due within 30 days, with its case, date and Danish name,
# and no other. The expected deadlines are worked out here from
# cases.csv and deadlines.csv, independently of kpi.
#
# usage: bash caseworker_page1.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
here=$(cd "$(dirname "$0")" && pwd)
example=$here/../../examples/eksempel
month=2026-10

soffice=$(command -v soffice || command -v libreoffice || true)
[ -n "$soffice" ] || { echo "skip: no soffice"; exit 77; }
command -v pdftotext >/dev/null || { echo "skip: no pdftotext"; exit 77; }
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
. "$here/soffice_common.bash"

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-page1.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT

if ! "$kpi" report "$example" --no-history --month "$month" -o "$work/out" >"$work/log" 2>&1; then
    echo "FAIL: kpi report failed:"
    grep -v 'warning:' "$work/log" | head -n 5
    exit 1
fi
make_profile "$work/profile" 0
failures=0
for who in anne:"Anne Sørensen" jens:"Jens Østergaard"; do
    key=${who%%:*}
    name=${who#*:}
    book=$work/out/lis-sagsbehandler-$key-$month.xlsx
    timeout 600 "$soffice" -env:UserInstallation="file://$work/profile" \
        --headless --convert-to pdf --outdir "$work/pdf" "$book" \
        >"$work/soffice.log" 2>&1
    pdf=$work/pdf/lis-sagsbehandler-$key-$month.pdf
    [ -f "$pdf" ] || { echo "FAIL: LibreOffice made no PDF of $key's pack"; failures=$((failures + 1)); continue; }
    pdftotext -layout -f 1 -l 1 "$pdf" "$work/page1-$key.txt"
    python3 - "$example" "$name" "$work/page1-$key.txt" <<'PY' || failures=$((failures + 1))
import csv, datetime, re, sys
ds, name, page = sys.argv[1:4]
def rows(f):
    with open(f"{ds}/{f}", encoding="utf-8-sig", newline="") as h:
        return list(csv.DictReader(h, delimiter=";"))
def day(s):
    return datetime.datetime.strptime(s, "%d-%m-%Y").date() if s else None
D = datetime.date(2026, 10, 31)          # the last day of the report month
names = {"notification_24h": "Vurdering af underretning inden 24 timer",
         "investigation_4m": "Børnefaglig undersøgelse inden 4 måneder",
         "followup_3m": "Opfølgning inden 3 måneder",
         "supervision_visit": "Tilsynsbesøg"}
# Open on D: opened on or before D, not closed on or before D (a case
# closed on D is closed in the month).
open_cases = {c["case_id"]: c["child_id"] for c in rows("cases.csv")
              if c["caseworker"] == name and day(c["opened_date"]) <= D
              and (not c["closed_date"] or day(c["closed_date"]) > D)}
want = []
for d in rows("deadlines.csv"):
    done = day(d["done_date"])
    due = day(d["due_date"])
    if d["case_id"] not in open_cases or (done and done <= D):
        continue
    if due < D:
        want.append(("Overskredet", d))
    elif (due - D).days <= 30:
        want.append(("Inden 30 dage", d))
text = open(page, encoding="utf-8").read()
bad = []
if not want:
    bad.append("the example gives no deadline to check")
lines = text.splitlines()
for status, d in want:
    due = d["due_date"]
    hit = [l for l in lines if status in l and d["case_id"] in l and due in l
           and names[d["deadline_type"]] in l and open_cases[d["case_id"]] in l]
    if not hit:
        bad.append(f"{status} {d['deadline_type']} {due} of {d['case_id']} is not on page 1")
for status in ("Overskredet", "Inden 30 dage"):
    n_want = sum(1 for s, _ in want if s == status)
    n_seen = sum(1 for l in lines if re.search(r"\s" + status + r"(\s|$)", l)
                 and any(re.search(r"\b" + c + r"\b", l) for c in open_cases))
    if n_want != n_seen:
        bad.append(f"page 1 lists {n_seen} deadlines '{status}', expected {n_want}")
for b in bad:
    print(f"FAIL: {name}: {b}")
if not bad:
    print(f"ok: {name}: page 1 holds the {len(want)} deadlines overdue or due within 30 days")
sys.exit(1 if bad else 0)
PY
done
[ "$failures" -eq 0 ] || exit 1
exit 0
