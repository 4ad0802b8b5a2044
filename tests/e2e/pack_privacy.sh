#!/bin/bash
# pack_privacy.sh - every pack `kpi report` writes on the example passes an
# independent privacy check (pack_privacy.py, SPEC §7), and the check
# itself can fail: the economy workbook read as a committee's pack, one
# caseworker's pack read as another's, and hand-made leaking copies of the
# committee's pack (a small count, a name, a CPR number, a lone masked
# cell beside its total, across a blank row or beside 'Kvartalet i alt')
# must all be refused.
#
# usage: bash pack_privacy.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
here=$(cd "$(dirname "$0")" && pwd)
example=$here/../../examples/eksempel
check=$here/pack_privacy.py
month=2026-10

command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-privacy.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

if ! "$kpi" report "$example" --no-history --month "$month" -o "$work/out" >"$work/log" 2>&1; then
    echo "FAIL: kpi report failed:"
    grep -v 'warning:' "$work/log" | head -n 5
    exit 1
fi

# The recipients of kpi.ini, by the slug of their key as in the file names.
python3 - "$example/kpi.ini" >"$work/recipients" <<'EOF'
import configparser, re, sys
ini = configparser.ConfigParser(inline_comment_prefixes=(";", "#"), interpolation=None)
ini.read(sys.argv[1], encoding="utf-8")
def slug(s):
    s = s.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]", "-", s)).strip("-")
for sec in ini.sections():
    if sec.startswith("recipient "):
        r = ini[sec]
        print("|".join([r.get("group", ""), slug(sec[10:]), r.get("team", ""),
                        r.get("caseworker", "")]))
EOF

checked=0
while IFS='|' read -r group key team caseworker; do
    book=$work/out/lis-$group-$key-$month.xlsx
    if [ ! -f "$book" ]; then
        fail "no pack $(basename "$book")"
        continue
    fi
    opts=()
    [ -n "$team" ] && opts+=(--team "$team")
    [ -n "$caseworker" ] && opts+=(--caseworker "$caseworker")
    if ! python3 "$check" "$example" "$group" "${opts[@]}" "$book" >"$work/msg"; then
        fail "$(basename "$book") shows what a $group may not see:"
        head -n 10 "$work/msg"
    fi
    checked=$((checked + 1))
done <"$work/recipients"
n_packs=$(ls "$work/out"/lis-*.xlsx | wc -l)
[ "$checked" -eq "$n_packs" ] || fail "checked $checked packs, kpi wrote $n_packs"
[ "$checked" -ge 5 ] || fail "only $checked packs checked"

# No workbook of the report holds a CPR number, whoever it is for.
for book in "$work/out"/*.xlsx; do
    python3 "$check" "$example" fagchef "$book" >"$work/msg" ||
        { fail "$(basename "$book"):"; head -n 5 "$work/msg"; }
done

# Each team leader gets their team's data-quality records, so together the
# teams' packs list every record the fagchef's does (every row of the
# example has a team): a record lost in a team's subset shows here.
python3 - "$here" "$work/out" "$month" <<'EOF' || fail "the teams' data-quality records do not add up to the fagchef's"
import glob, sys
sys.path.insert(0, sys.argv[1])
import pack_privacy
def records(path):
    for sheet, rows in pack_privacy.Book(path).sheets:
        if sheet == "Datakvalitet":
            return sorted(tuple(c[1] for c in r[1:]) for r in rows
                          if any(not c[2] and c[1] in pack_privacy.RECORD_FILES for c in r))
    return []
out, month = sys.argv[2], sys.argv[3]
teams = [x for f in sorted(glob.glob(f"{out}/lis-afdelingsleder-*-{month}.xlsx"))
         for x in records(f)]
chef = records(f"{out}/lis-fagchef-fagchef-{month}.xlsx")
print(f"data-quality records: fagchef {len(chef)}, teams {len(teams)}")
sys.exit(0 if chef and sorted(teams) == chef else 1)
EOF

# --- the check can fail --------------------------------------------------
must_fail() { # what group [options] file
    local what=$1
    shift
    if python3 "$check" "$example" "$@" >"$work/msg"; then
        fail "the check passed $what"
    elif ! grep -q . "$work/msg"; then
        fail "the check failed $what without saying why"
    fi
}
must_fail "the economy workbook as a fagudvalg pack" fagudvalg \
    "$work/out/oekonomi-$month.xlsx"
must_fail "the economy workbook as a team leader's pack" afdelingsleder \
    --team "Team Nord" "$work/out/oekonomi-$month.xlsx"
grep -q 'caseworker' "$work/msg" || fail "the team leader check did not name a caseworker"
must_fail "Jens's pack as Anne's" sagsbehandler --caseworker "Anne Sørensen" \
    "$work/out/lis-sagsbehandler-jens-$month.xlsx"
# The data-quality records (file, line, what is wrong): the fagchef's are
# not a committee's to see, and one team's are not another team's.
must_fail "the fagchef's data-quality records as the committee's" fagudvalg \
    "$work/out/lis-fagchef-fagchef-$month.xlsx"
grep -q 'data-quality record' "$work/msg" || fail "the committee check did not name a data-quality record"
must_fail "Team Øst's data-quality records as Team Syd's" afdelingsleder \
    --team "Team Syd" "$work/out/lis-afdelingsleder-leder-oest-$month.xlsx"
grep -q 'a record of' "$work/msg" || fail "the team check did not name a record of another team"
must_fail "the fagchef's data-quality records as Team Syd's" afdelingsleder \
    --team "Team Syd" "$work/out/lis-fagchef-fagchef-$month.xlsx"
grep -q 'a record of' "$work/msg" || fail "the team check did not name a record of another team"

udvalg=$work/out/lis-fagudvalg-udvalg-$month.xlsx
worker=$(awk -F';' 'NR == 2 { print $10 }' "$example/measures.csv")
for leak in count name cpr lone; do
    python3 - "$udvalg" "$work/leak-$leak.xlsx" "$leak" "$worker" "$here" <<'EOF' ||
# Rewrites one part of the pack to leak in one way.
import re, sys, zipfile
src, dst, leak, worker, here = sys.argv[1:6]
sys.path.insert(0, here)
import pack_privacy
zin = zipfile.ZipFile(src)
parts = {n: zin.read(n) for n in zin.namelist()}
ss = parts["xl/sharedStrings.xml"].decode()
strings = re.findall(r"<si>(.*?)</si>", ss, re.S)
mask = next(i for i, s in enumerate(strings) if s == "<t>&lt;5</t>")
marks = {i for i, s in enumerate(strings) if s in ("<t>&lt;5</t>", "<t>..</t>")}
# The first sheet with a masked count (the Overblik before it may have
# none): the leaks are made there.
masked = re.compile(r'<c r="([A-Z]+)(\d+)"( s="\d+")? t="s"><v>%d</v></c>' % mask)
k = next(k for k in range(1, 100)
         if masked.search(parts["xl/worksheets/sheet%d.xml" % k].decode()))
sheet1 = parts["xl/worksheets/sheet%d.xml" % k].decode()
if leak == "count":      # a masked count shown as 3, as kpi shows a count
    m = masked.search(sheet1)
    # the style of a count shown in the same column (the mask's own style
    # is text's, and a checker must not lean on that)
    style = re.search(r'<c r="%s\d+"( s="\d+")?><v>\d+</v></c>' % m.group(1), sheet1)
    sheet1 = sheet1[:m.start()] + '<c r="%s%s"%s><v>3</v></c>' % (m.group(1), m.group(2), style.group(1) or "") + sheet1[m.end():]
elif leak == "name":     # a caseworker in a heading
    ss = ss.replace("</t></si>", " " + worker + "</t></si>", 1)
elif leak == "cpr":      # a CPR number in a heading
    ss = ss.replace("</t></si>", " 010203-1234</t></si>", 1)
elif leak == "lone":     # of two masked cells in a table's column, one shown as 7
    rows = pack_privacy.Book(src).sheets[k - 1][1]
    members, ref = [], None
    for cells in rows:
        if cells and cells[0][1] == "I alt" and ref is None:
            for col in {c[0].rstrip("0123456789") for m in members for c in m[1:]}:
                hits = [c[0] for m in members for c in m[1:]
                        if c[0].rstrip("0123456789") == col and c[1] in ("<5", "..")]
                if len(hits) == 2:
                    ref = hits[0]
        members = [] if not cells or cells[0][1] == "I alt" else members + [cells]
    sheet1 = re.sub(r'(<c r="%s"(?: s="\d+")?) t="s"><v>(\d+)</v></c>' % ref,
                    lambda m: m.group(1) + "><v>7</v></c>" if int(m.group(2)) in marks else m.group(0), sheet1)
parts["xl/sharedStrings.xml"] = ss.encode()
parts["xl/worksheets/sheet%d.xml" % k] = sheet1.encode()
with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
    for n, data in parts.items():
        z.writestr(n, data)
EOF
        { fail "could not make the '$leak' leak"; continue; }
    must_fail "a pack with a '$leak' leak" fagudvalg "$work/leak-$leak.xlsx"
    [ -n "${KPI_DEBUG:-}" ] && head -n 3 "$work/msg"
done

# Hand-made tables the check must not read apart: a blank row between a
# table's members and its total (blank rows have no <row> in the XML), and
# a quarter's total named 'Kvartalet i alt'. In both, one masked member
# beside a shown total is the total minus the others.
for leak in gap quarter; do
    python3 - "$work/leak-$leak.xlsx" "$leak" "$here" <<'EOF' ||
import sys
sys.path.insert(0, sys.argv[3])
import pack_attack
rows = {"gap": {1: ["Anbragte børn efter foranstaltningstype"],
                2: ["Foranstaltningstype", "Anbragte børn"],
                3: ["Almen plejefamilie", "<5"], 4: ["Opholdssted", "12"],
                6: ["I alt", "15"]},
        "quarter": {1: ["Kvartalets måneder"], 2: ["Måned", "Nyanbringelser"],
                    3: ["46204", "<5"], 4: ["46235", "14"], 5: ["46266", "9"],
                    6: ["Kvartalet i alt", "25"]}}[sys.argv[2]]
pack_attack.write_pack(sys.argv[1], [["kpi_id", "period", "breakdown", "stat", "value"]],
                       [("Faglig indsats og resultater", rows)])
EOF
        { fail "could not make the '$leak' table"; continue; }
    must_fail "a table with a '$leak' leak" fagudvalg "$work/leak-$leak.xlsx"
    grep -q 'beside exactly one masked cell' "$work/msg" || fail "the '$leak' table: not the lone masked cell"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: $checked packs show only what their recipients may see; the check refuses 12 leaking workbooks"
exit 0
