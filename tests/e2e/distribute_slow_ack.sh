#!/usr/bin/env bash
# A server that stores the message at the final "." and answers only 70
# seconds later (issue 20's must-hold: kpi gave up at 60 s, reported "not
# sent" and sent a copy on every run). RFC 5321 §4.5.3.2.6 allows 10
# minutes: the message arrives once, kpi exits 0, and a re-run sends
# nothing. Takes a little over 70 s by design.
# usage: distribute_slow_ack.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1 HERE=$(cd "$(dirname "$0")" && pwd) WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

make_dataset ds
keep_recipients "$WORK/ds" fagchef anne
start_server "$WORK/mail" --slow-end 1:70
use_port "$WORK/ds"
start=$(date +%s)
run_kpi "$WORK/ds"
took=$(($(date +%s) - start))
[ $rc -eq 0 ] || fail "a 70 s acknowledgement: exit $rc after $took s: $(cat "$WORK/err")"
[ $took -ge 70 ] || fail "the server did not make kpi wait (took $took s)"
grep -qF 'sent: [recipient fagchef] <lene.thygesen@example.dk>: queue id Q001' "$WORK/out" ||
  fail "no sent line for the slow one: $(cat "$WORK/out")"
[ "$(copies_for "$WORK/mail" lene.thygesen@example.dk)" -eq 1 ] || fail "the slow one arrived $(copies_for "$WORK/mail" lene.thygesen@example.dk) times"
[ "$(log_lines "$WORK/ds" 2026-10)" -eq 2 ] || fail "the log: $(cat "$WORK/ds/sendelog.tsv")"
run_kpi "$WORK/ds"
[ $rc -eq 0 ] || fail "the re-run: exit $rc: $(cat "$WORK/err")"
[ "$(copies_for "$WORK/mail" lene.thygesen@example.dk)" -eq 1 ] || fail "the re-run sent the slow one again"
echo "distribute_slow_ack: ok ($took s)"
