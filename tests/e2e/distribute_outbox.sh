#!/usr/bin/env bash
# kpi distribute in outbox mode (SPEC §9) on a copy of the example
# dataset: one .eml and one pack per due [recipient], read back with
# Python's email package; the same input gives the same bytes.
# usage: distribute_outbox.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

make_dataset ds
# The example's kpi.ini: 9 recipients; udvalg (fagudvalg) is quarterly,
# so October has 8 messages.
"$KPI" distribute "$WORK/ds" --month 2026-10 >"$WORK/out" 2>"$WORK/err" ||
  fail "outbox run failed: $(cat "$WORK/err")"
grep -q 'recipient udvalg.*quarterly' "$WORK/err" || fail "no note on the quarterly udvalg"
[ "$(count_eml "$WORK/ds/outbox")" -eq 8 ] || fail "expected 8 .eml files, got $(count_eml "$WORK/ds/outbox")"
[ "$(find "$WORK/ds/outbox" -name '*.xlsx' | wc -l)" -eq 8 ] || fail "expected 8 packs next to them"
[ ! -e "$WORK/ds/sendelog.tsv" ] || fail "the outbox mode wrote a send log"

python3 "$HERE/distribute_check.py" "$WORK"/ds/outbox/*.eml >"$WORK/parsed" ||
  fail "an .eml does not parse right"
# Subjects decode to the Danish text; one line per recipient.
grep -qxF "$(printf 'aase.moeller@example.dk\tLedelsesinformation oktober 2026 – Team Øst')" \
  <(cut -f1,2 "$WORK/parsed") || fail "Team Øst's subject: $(cat "$WORK/parsed")"
grep -qxF "$(printf 'lene.thygesen@example.dk\tLedelsesinformation oktober 2026 – Fagchef')" \
  <(cut -f1,2 "$WORK/parsed") || fail "the fagchef's subject"
grep -qxF "$(printf 'anne.soerensen@example.dk\tLedelsesinformation oktober 2026 – Anne Sørensen')" \
  <(cut -f1,2 "$WORK/parsed") || fail "the caseworker's subject"
[ "$(cut -f1 "$WORK/parsed" | sort -u | wc -l)" -eq 8 ] || fail "not 8 different recipients"
[ "$(cut -f3 "$WORK/parsed" | sort -u | wc -l)" -eq 8 ] || fail "Message-IDs are not unique"
if grep -q boerne-ungeudvalget "$WORK/parsed"; then fail "the quarterly udvalg got a message"; fi

# The body: greeting, headline figures with Danish numbers, red lights.
python3 - "$WORK/ds/outbox/lis-afdelingsleder-leder-oest-2026-10.eml" <<'PY' || fail "Team Øst's body"
import email, email.policy, re, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
t = m.get_body(("plain",)).get_content().replace("\r\n", "\n")
assert t.startswith("Kære Åse Møller\n"), t[:40]
assert "for oktober 2026 for Team Øst" in t
assert "\nHovedtal\n" in t and "\nRøde lamper\n" in t
# Money as "1.234.567 kr.", shares as "81,5 %".
assert re.search(r": \d{1,3}(\.\d{3})+ kr\.\n", t), t
assert re.search(r": \d+,\d %", t), t
PY
# A fagudvalg-like (suppressing) group says how small numbers are shown.
python3 - "$WORK/ds/outbox/lis-direktion-direktion-2026-10.eml" <<'PY' || fail "direktion's body"
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
t = m.get_body(("plain",)).get_content().replace("\r\n", "\n")
assert 'vises som "<5"' in t, t
PY

# The attachment equals the pack written next to it.
python3 - "$WORK/ds/outbox" <<'PY' || fail "attachment and pack differ"
import email, email.policy, glob, os, sys
for f in glob.glob(os.path.join(sys.argv[1], "*.eml")):
    m = email.message_from_bytes(open(f, "rb").read(), policy=email.policy.default)
    a = next(m.iter_attachments())
    assert a.get_content() == open(os.path.join(sys.argv[1], a.get_filename()), "rb").read(), f
PY

# Reproducible: a second run into another folder gives the same bytes.
"$KPI" distribute "$WORK/ds" --month 2026-10 --outbox "$WORK/again" >/dev/null 2>&1 ||
  fail "--outbox run failed"
for f in "$WORK"/ds/outbox/*; do
  cmp -s "$f" "$WORK/again/$(basename "$f")" || fail "$(basename "$f") differs between runs"
done

# LibreOffice opens an attached pack (optional: only when installed).
if command -v soffice >/dev/null; then
  mkdir -p "$WORK/lo"
  python3 - "$WORK/ds/outbox/lis-fagchef-fagchef-2026-10.eml" "$WORK/lo/pack.xlsx" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
open(sys.argv[2], "wb").write(next(m.iter_attachments()).get_content())
PY
  timeout 120 soffice -env:UserInstallation="file://$WORK/lo/profile" --headless \
    --convert-to csv --outdir "$WORK/lo" "$WORK/lo/pack.xlsx" >/dev/null 2>&1 ||
    fail "LibreOffice could not convert the attached pack"
  [ -s "$WORK/lo/pack.csv" ] || fail "LibreOffice wrote no csv of the attached pack"
fi

# Usage errors: exit 2.
set +e
"$KPI" distribute "$WORK/ds" --month 2026-10 --resend >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--resend without --send: exit $rc, expected 2"
"$KPI" distribute "$WORK/ds" --month 2026-10 --send --outbox "$WORK/x" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--send with --outbox: exit $rc, expected 2"
"$KPI" distribute "$WORK/ds" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "no --month: exit $rc, expected 2"
set -e
"$KPI" distribute --help | grep -q 'usage: kpi distribute' || fail "kpi distribute --help"
"$KPI" help distribute | grep -q 'sendelog.tsv' || fail "kpi help distribute"
"$KPI" --help | grep -q 'distribute DATASET' || fail "kpi --help does not list distribute"
echo "distribute_outbox: ok"
