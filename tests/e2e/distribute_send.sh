#!/usr/bin/env bash
# kpi distribute --send against a loopback SMTP server that fails on
# purpose (tests/e2e/smtp_server.py): after failures and a re-run every
# recipient has exactly one message and the send log says so; --resend
# sends all again.
# usage: distribute_send.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

make_dataset ds
# Messages are numbered by the server over all connections, 1 to 8 in the
# first run: 1 refused at MAIL (451), 3 at RCPT (550), 4 at DATA (452),
# 6 after its data (554), 7 cut off after 3000 bytes of data.
start_server "$WORK/mail" --fail 1:MAIL:451 --fail 3:RCPT:550 \
  --fail 4:DATA:452 --fail 6:END:554 --drop 7:3000
use_port "$WORK/ds"
set +e
"$KPI" distribute "$WORK/ds" --month 2026-10 --send >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
[ $rc -eq 3 ] || fail "a run with refused messages: exit $rc, expected 3: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 3 ] || fail "expected 3 accepted, got $(count_eml "$WORK/mail")"
[ "$(log_lines "$WORK/ds" 2026-10)" -eq 3 ] || fail "the log does not list the 3 sent: $(cat "$WORK/ds/sendelog.tsv")"
[ "$(grep -c 'not sent' "$WORK/err")" -eq 5 ] || fail "expected 5 'not sent' lines: $(cat "$WORK/err")"
grep -q 'server said: 550' "$WORK/err" || fail "the server's 550 is not quoted: $(cat "$WORK/err")"
grep -q '3 of 8 messages sent, 5 failed' "$WORK/err" || fail "no summary: $(cat "$WORK/err")"

# The re-run sends exactly the 5 others.
"$KPI" distribute "$WORK/ds" --month 2026-10 --send >"$WORK/out" 2>"$WORK/err" ||
  fail "the re-run failed: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 8 ] || fail "after the re-run: $(count_eml "$WORK/mail") messages"
[ "$(log_lines "$WORK/ds" 2026-10)" -eq 8 ] || fail "after the re-run the log has $(log_lines "$WORK/ds" 2026-10)"
python3 "$HERE/distribute_check.py" "$WORK"/mail/*.eml >"$WORK/parsed" || fail "a sent message does not parse"
[ "$(cut -f1 "$WORK/parsed" | sort | uniq -d | wc -l)" -eq 0 ] || fail "a recipient got two messages: $(cut -f1 "$WORK/parsed" | sort)"
[ "$(cut -f1 "$WORK/parsed" | sort -u | wc -l)" -eq 8 ] || fail "not 8 different recipients"
# The envelope and the log agree with the headers.
for env in "$WORK"/mail/*.env; do
  grep -q '^MAIL FROM <lis@example.dk>' "$env" || fail "envelope sender in $env"
  rcpt=$(sed -n 's/^RCPT TO <\(.*\)>$/\1/p' "$env")
  awk -F'\t' -v e="$rcpt" 'NR > 1 && $4 == e' "$WORK/ds/sendelog.tsv" | grep -q . ||
    fail "$rcpt is not in the log"
done
cut -f3 "$WORK/parsed" | sort >"$WORK/ids.sent"
awk -F'\t' 'NR > 1 {print $5}' "$WORK/ds/sendelog.tsv" | sort >"$WORK/ids.log"
cmp -s "$WORK/ids.sent" "$WORK/ids.log" || fail "the log's Message-IDs are not those sent"

# A third run has nothing to send.
"$KPI" distribute "$WORK/ds" --month 2026-10 --send >"$WORK/out" 2>"$WORK/err" ||
  fail "the third run failed"
grep -q 'nothing to send' "$WORK/err" || fail "no 'nothing to send': $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 8 ] || fail "the third run sent something"

# --resend sends all 8 again, with the same Message-IDs, and logs them.
"$KPI" distribute "$WORK/ds" --month 2026-10 --send --resend >"$WORK/out" 2>"$WORK/err" ||
  fail "--resend failed: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 16 ] || fail "--resend: $(count_eml "$WORK/mail") messages"
[ "$(log_lines "$WORK/ds" 2026-10)" -eq 16 ] || fail "--resend was not logged"
python3 "$HERE/distribute_check.py" "$WORK"/mail/*.eml | cut -f3 | sort -u >"$WORK/ids.all"
cmp -s "$WORK/ids.sent" "$WORK/ids.all" || fail "--resend changed the Message-IDs"

# A server that cannot be reached: exit 3, stops at the first message,
# nothing is logged.
make_dataset down
stop_server
sed -i "s/^port = .*/port = $SERVER_PORT/" "$WORK/down/kpi.ini"
set +e
"$KPI" distribute "$WORK/down" --month 2026-10 --send >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
[ $rc -eq 3 ] || fail "no server: exit $rc, expected 3"
[ "$(grep -c 'not sent' "$WORK/err")" -eq 1 ] || fail "no server: expected one attempt: $(cat "$WORK/err")"
[ "$(log_lines "$WORK/down" 2026-10)" -eq 0 ] || fail "no server, yet the log has lines"
echo "distribute_send: ok"
