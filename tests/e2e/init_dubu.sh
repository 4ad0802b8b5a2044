#!/usr/bin/env bash
# `kpi init` on a DUBU-shaped export (tests/fixtures/dubu: Windows-1252,
# dd.mm.yyyy, "1.234,50 kr.", the column and type names of issue 16) with
# no kpi.ini: the kpi.ini it proposes makes `kpi export` give exactly the
# golden export of tests/fixtures/workbook, the same three measures in
# kpi's own names. A second `kpi init` refuses (exit 1) and leaves kpi.ini
# as it was.
# usage: init_dubu.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u
kpi=$1
fixtures=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

ds=$tmp/dubu
cp -r "$fixtures/dubu" "$ds"
rm -f "$ds/README.md"
[ ! -e "$ds/kpi.ini" ] || fail "the fixture must come without kpi.ini"

# Without kpi.ini the measure id is the one column no name says.
"$kpi" export "$ds" --month 2026-10 >/dev/null 2>"$tmp/err0"
grep -q "missing required column 'measure_id'" "$tmp/err0" ||
    fail "without kpi.ini: expected the missing measure_id, got: $(cat "$tmp/err0")"

"$kpi" init "$ds" >"$tmp/out1" 2>"$tmp/err1"
rc=$?
[ "$rc" -eq 0 ] || fail "kpi init exited $rc: $(cat "$tmp/err1")"
[ -s "$ds/kpi.ini" ] || fail "kpi init wrote no kpi.ini"
grep -q '^measure_id = Løbenr\.$' "$ds/kpi.ini" || fail "no measure_id from the values"
grep -q '^; REVIEW: .Løbenr\.' "$ds/kpi.ini" || fail "the value guess is not marked REVIEW"
grep -q '^Plejefamilie - almen = almen_plejefamilie$' "$ds/kpi.ini" ||
    fail "no alias for 'Plejefamilie - almen'"
grep -q '^Familiebehandling (BL § 32, stk. 1, nr. 5) = familiebehandling$' "$ds/kpi.ini" ||
    fail "no alias by § for familiebehandling"
grep -q 'no errors' "$tmp/out1" || fail "the checks after init: $(cat "$tmp/out1" "$tmp/err1")"
grep -q '^Left to decide' "$tmp/out1" || fail "init does not say what is left to decide"
grep -q 'measure_id = Løbenr. is a guess' "$tmp/out1" || fail "the guess is not left to decide"

"$kpi" export "$ds" --month 2026-10 -o "$tmp/export.csv" 2>"$tmp/err2" ||
    fail "kpi export after init: $(cat "$tmp/err2")"
cmp -s "$tmp/export.csv" "$fixtures/golden/export/workbook-2026-10.csv" || {
    fail "the export after init differs from the golden export of tests/fixtures/workbook:"
    diff "$fixtures/golden/export/workbook-2026-10.csv" "$tmp/export.csv" | head -20
}

# The second run: refused, kpi.ini byte for byte and its time unchanged.
cp -p "$ds/kpi.ini" "$tmp/kpi.ini.before"
stat -c %Y "$ds/kpi.ini" >"$tmp/mtime.before"
sleep 1
"$kpi" init "$ds" >"$tmp/out3" 2>"$tmp/err3"
rc=$?
[ "$rc" -eq 1 ] || fail "a second kpi init exited $rc, expected 1"
grep -q 'already exists; kpi init never changes it' "$tmp/err3" ||
    fail "a second kpi init does not say why: $(cat "$tmp/err3")"
[ ! -s "$tmp/out3" ] || fail "a second kpi init printed: $(cat "$tmp/out3")"
cmp -s "$ds/kpi.ini" "$tmp/kpi.ini.before" || fail "a second kpi init changed kpi.ini"
[ "$(stat -c %Y "$ds/kpi.ini")" = "$(cat "$tmp/mtime.before")" ] ||
    fail "a second kpi init touched kpi.ini"
ls -A "$ds" | grep -qv -e '^kpi.ini$' -e '\.csv$' && fail "stray files: $(ls -A "$ds")"

# A folder that is not there: exit 3, nothing made.
"$kpi" init "$tmp/nowhere" 2>/dev/null
[ $? -eq 3 ] || fail "kpi init on a missing folder did not exit 3"
[ ! -e "$tmp/nowhere" ] || fail "kpi init made the missing folder"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
echo "init_dubu: kpi init + kpi export equal the golden export; a second init changes nothing"
