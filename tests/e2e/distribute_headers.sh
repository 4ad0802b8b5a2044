#!/usr/bin/env bash
# Every header line of every message kpi distribute writes is at most 78
# characters (RFC 5322 §2.1.1), checked by parsing the header lines of the
# message and of its MIME parts (distribute_check.py): all nine messages
# of the example (December: the quarterly fagudvalg is due too), and
# messages to recipients with very long names, whose To: lines are folded
# and still decode to the names.
# usage: distribute_headers.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1 HERE=$(cd "$(dirname "$0")" && pwd) WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

make_dataset ds
"$KPI" distribute "$WORK/ds" --month 2026-12 --outbox "$WORK/dec" >"$WORK/out" 2>"$WORK/err" ||
  fail "outbox run failed: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/dec")" -eq 9 ] || fail "expected 9 messages in December, got $(count_eml "$WORK/dec")"
python3 "$HERE/distribute_check.py" "$WORK"/dec/*.eml >"$WORK/parsed" ||
  fail "a message of the example has a header line over 78 characters or does not parse"

# Long names: atoms (folded at the spaces), ASCII with a comma (a quoted
# string too long for a line: encoded words), Danish letters, and a long
# municipality in From:.
make_dataset long
atoms="Birgitte Marie Louise Skov Jensen Holm Andersen Kristensen Nielsen Pedersen Rasmussen Christiansen Larsen Sørensen Thomsen Poulsen Johansen Knudsen Mortensen"
atoms_ascii="Birgitte Marie Louise Skov Jensen Holm Andersen Kristensen Nielsen Pedersen Rasmussen Christiansen Larsen Soerensen Thomsen Poulsen Johansen Knudsen Mortensen"
comma="Lund, Henrik Peter Albert Frederik, afdelingsleder for Team Syd og Team Vest (konstitueret)"
sed -i -e "s/^name = Birgitte Skov$/name = $atoms_ascii/" \
  -e "s/^name = Henrik Lund$/name = $comma/" \
  -e "s/^name = Jens Østergaard$/name = $atoms/" \
  -e "s/^name = Eksempel Kommune$/name = Eksempel Kommune, Børne- og Familieafdelingen, Myndighed og Sekretariat for Udsatte Børn/" \
  "$WORK/long/kpi.ini"
"$KPI" distribute "$WORK/long" --month 2026-10 >"$WORK/out" 2>"$WORK/err" ||
  fail "long names: $(cat "$WORK/err")"
python3 "$HERE/distribute_check.py" "$WORK"/long/outbox/*.eml >"$WORK/parsed" ||
  fail "a message to a long name has a header line over 78 characters"
for pair in "birgitte.skov@example.dk	$atoms_ascii" "henrik.lund@example.dk	$comma" \
            "jens.oestergaard@example.dk	$atoms"; do
  grep -qxF "$pair" <(cut -f1,5 "$WORK/parsed") ||
    fail "the display name does not decode back: '$pair' not in: $(cut -f1,5 "$WORK/parsed")"
done
grep -q $'^To: Birgitte Marie.*\r$' "$WORK/long/outbox/lis-afdelingsleder-leder-nord-2026-10.eml" ||
  fail "the ASCII name is not written as atoms"
echo "distribute_headers: ok"
