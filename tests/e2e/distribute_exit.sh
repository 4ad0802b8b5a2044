#!/usr/bin/env bash
# kpi distribute --send's exit codes as a scheduler reads them (sysexits,
# docs/DISTRIBUTION.md): 75 (EX_TEMPFAIL) when a later run will finish the
# job (a 451, no server, another run holding the log), and a re-run later
# sends the rest; 3 for a permanent refusal (550, naming the recipient)
# and for a message whose acknowledgement never came (uncertain: reported
# on every run, sent again only with --resend-uncertain).
# usage: distribute_exit.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1 HERE=$(cd "$(dirname "$0")" && pwd) WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

# Four recipients, in kpi.ini's order: direktion, fagchef, leder_syd, anne.
fresh() {
  make_dataset "$1"
  keep_recipients "$WORK/$1" direktion fagchef leder_syd anne
  use_port "$WORK/$1"
}

# 451 at MAIL of the first message: 75, the other three sent; a re-run
# later sends the rest, and nobody gets two.
start_server "$WORK/mail" --fail 1:MAIL:451
fresh t451
run_kpi "$WORK/t451"
[ $rc -eq 75 ] || fail "451: exit $rc, expected 75: $(cat "$WORK/err")"
grep -qF 'failed: [recipient direktion] <direktion@example.dk>: MAIL FROM refused: 451 4.0.0 refused on purpose' "$WORK/err" ||
  fail "451: the reply is not quoted: $(cat "$WORK/err")"
grep -q 'run the same command again later to send the rest' "$WORK/err" || fail "451: no advice: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 3 ] || fail "451: $(count_eml "$WORK/mail") sent, expected 3"
run_kpi "$WORK/t451"
[ $rc -eq 0 ] || fail "451 re-run: exit $rc: $(cat "$WORK/err")"
for a in direktion@example.dk lene.thygesen@example.dk henrik.lund@example.dk anne.soerensen@example.dk; do
  [ "$(copies_for "$WORK/mail" $a)" -eq 1 ] || fail "451: $a has $(copies_for "$WORK/mail" $a) messages"
done

# 550 at RCPT of the second: 3, the recipient named with the server's words.
start_server "$WORK/mail" --fail 2:RCPT:550
fresh t550
run_kpi "$WORK/t550"
[ $rc -eq 3 ] || fail "550: exit $rc, expected 3: $(cat "$WORK/err")"
grep -qF 'failed: [recipient fagchef] <lene.thygesen@example.dk>: RCPT TO refused: 550 5.0.0 refused on purpose at RCPT of message 2' "$WORK/err" ||
  fail "550: the recipient or the reply is not named: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 3 ] || fail "550: the others were not sent"

# Another run holds the log's lock: 75, nothing sent.
fresh locked
python3 - "$WORK/locked/sendelog.tsv" "$WORK/locked.ready" <<'PY' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.lockf(fd, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)
PY
holder=$!
for _ in $(seq 100); do [ -e "$WORK/locked.ready" ] && break; sleep 0.1; done
start_server "$WORK/mail"
use_port "$WORK/locked"
run_kpi "$WORK/locked"
kill $holder; wait $holder 2>/dev/null || true
[ $rc -eq 75 ] || fail "locked: exit $rc, expected 75: $(cat "$WORK/err")"
grep -q 'is locked: another' "$WORK/err" || fail "locked: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 0 ] || fail "locked: something was sent"

# No server listening: 75 at the first message, the rest not tried,
# nothing logged.
fresh down
stop_server
run_kpi "$WORK/down"
[ $rc -eq 75 ] || fail "no server: exit $rc, expected 75: $(cat "$WORK/err")"
[ "$(grep -c '^failed: ' "$WORK/err")" -eq 1 ] || fail "no server: expected one attempt: $(cat "$WORK/err")"
grep -q ', 3 not tried; run the same command again later' "$WORK/err" || fail "no server: summary: $(cat "$WORK/err")"
[ "$(awk 'NR > 1' "$WORK/down/sendelog.tsv" | wc -l)" -eq 0 ] || fail "no server, yet the log has records"

# An acknowledgement slower than data_done_timeout: the message is
# uncertain (exit 3, its Message-ID named), the next run reports it again
# and does not resend it, --resend-uncertain does.
start_server "$WORK/mail" --slow-end 2:4
fresh slow
sed -i 's/^from = lis@example.dk/from = lis@example.dk\ndata_done_timeout = 1/' "$WORK/slow/kpi.ini"
run_kpi "$WORK/slow"
[ $rc -eq 3 ] || fail "timeout: exit $rc, expected 3: $(cat "$WORK/err")"
grep -Eq '^uncertain: \[recipient fagchef\] <lene.thygesen@example.dk>: no reply to the end of the data within 1 s .*check the mail server.s log for <kpi\.2026-10\.fagchef\.[0-9a-f]+@example\.dk>' "$WORK/err" ||
  fail "timeout: no uncertain line: $(cat "$WORK/err")"
sleep 4 # the server's reply comes, too late
[ "$(copies_for "$WORK/mail" lene.thygesen@example.dk)" -eq 1 ] || fail "timeout: the server should have the message once"
run_kpi "$WORK/slow"
[ $rc -eq 3 ] || fail "timeout re-run: exit $rc, expected 3"
grep -Eq '^uncertain: \[recipient fagchef\] <lene.thygesen@example.dk>: attempted on .*check the mail server.s log for <kpi\.2026-10\.fagchef\.' "$WORK/err" ||
  fail "timeout re-run: not reported uncertain: $(cat "$WORK/err") $(cat "$WORK/out")"
[ "$(copies_for "$WORK/mail" lene.thygesen@example.dk)" -eq 1 ] || fail "the re-run resent the uncertain message"
run_kpi "$WORK/slow" --resend-uncertain
[ $rc -eq 0 ] || fail "--resend-uncertain: exit $rc: $(cat "$WORK/err")"
[ "$(copies_for "$WORK/mail" lene.thygesen@example.dk)" -eq 2 ] || fail "--resend-uncertain did not send it"
[ "$(copies_for "$WORK/mail" anne.soerensen@example.dk)" -eq 1 ] || fail "--resend-uncertain resent a sent one"
# A connection that breaks during the data (the server closes after 3000
# bytes). When all of the data had been written (it fits the socket
# buffers) kpi cannot know whether the final "." arrived: uncertain, never
# "sent" and never retried silently. When the write itself failed, the
# "." never went out: a temporary failure, and the re-run sends it once.
start_server "$WORK/mail" --drop 1:3000
fresh dropped
run_kpi "$WORK/dropped"
if grep -q '^uncertain: \[recipient direktion\] <direktion@example.dk>: no reply to the end of the data' "$WORK/err"; then
  [ $rc -eq 3 ] || fail "dropped, uncertain: exit $rc, expected 3"
  run_kpi "$WORK/dropped"
  [ "$(grep -c '^sent: ' "$WORK/out")" -eq 0 ] || fail "dropped: the re-run sent something: $(cat "$WORK/out")"
  [ "$(copies_for "$WORK/mail" direktion@example.dk)" -eq 0 ] || fail "dropped: the server has it after all"
elif grep -q '^failed: \[recipient direktion\] <direktion@example.dk>: the connection broke during the data' "$WORK/err"; then
  [ $rc -eq 75 ] || fail "dropped, failed: exit $rc, expected 75"
  run_kpi "$WORK/dropped"
  [ "$(copies_for "$WORK/mail" direktion@example.dk)" -eq 1 ] || fail "dropped: the re-run did not send it once"
else
  fail "dropped: neither uncertain nor failed: $(cat "$WORK/err")"
fi
echo "distribute_exit: ok"
