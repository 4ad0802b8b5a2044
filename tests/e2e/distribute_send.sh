#!/usr/bin/env bash
# kpi distribute --send against a loopback SMTP server that fails on
# purpose (tests/e2e/smtp_server.py): one line per recipient with the
# server's words, a closing summary, the exit code of the worst failure;
# after a re-run every recipient has exactly one message and the send log
# says so with the server's queue ids; --resend sends all again.
# usage: distribute_send.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

make_dataset ds
# Messages are numbered by the server over all connections, 1 to 8 in the
# first run (direktion, oekonomichef, fagchef, leder_nord, leder_syd,
# leder_oest, anne, jens; the quarterly udvalg is not due): 1 refused at
# MAIL (451), 3 at RCPT (550), 4 at DATA (452), 6 after its data (554).
start_server "$WORK/mail" --fail 1:MAIL:451 --fail 3:RCPT:550 \
  --fail 4:DATA:452 --fail 6:END:554
use_port "$WORK/ds"
run_kpi "$WORK/ds"
# A 5xx is permanent: a later run will not cure it, so 3, not 75.
[ $rc -eq 3 ] || fail "a run with refused messages: exit $rc, expected 3: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 4 ] || fail "expected 4 accepted, got $(count_eml "$WORK/mail")"
[ "$(log_lines "$WORK/ds" 2026-10)" -eq 4 ] || fail "the log does not list the 4 sent: $(cat "$WORK/ds/sendelog.tsv")"
[ "$(grep -c '^failed: ' "$WORK/err")" -eq 4 ] || fail "expected 4 'failed' lines: $(cat "$WORK/err")"
# Each failure names the recipient and quotes the reply to the command
# that failed.
grep -qF 'failed: [recipient direktion] <direktion@example.dk>: MAIL FROM refused: 451 4.0.0 refused on purpose at MAIL of message 1' "$WORK/err" ||
  fail "the 451 at MAIL: $(cat "$WORK/err")"
grep -qF 'failed: [recipient fagchef] <lene.thygesen@example.dk>: RCPT TO refused: 550 5.0.0 refused on purpose at RCPT of message 3' "$WORK/err" ||
  fail "the 550 at RCPT: $(cat "$WORK/err")"
grep -qF 'failed: [recipient leder_nord] <birgitte.skov@example.dk>: DATA refused: 452' "$WORK/err" ||
  fail "the 452 at DATA: $(cat "$WORK/err")"
grep -qF 'failed: [recipient leder_oest] <aase.moeller@example.dk>: the end of the data refused: 554' "$WORK/err" ||
  fail "the 554 after the data: $(cat "$WORK/err")"
grep -qF 'sent: [recipient oekonomichef] <karen.bjerregaard@example.dk>: queue id Q001 (250 2.0.0 Ok: queued as Q001)' "$WORK/out" ||
  fail "no sent line with the queue id: $(cat "$WORK/out")"
grep -qF 'not due: [recipient udvalg] <boerne-ungeudvalget@example.dk>: fagudvalg gets its pack quarterly; next 2026-12' "$WORK/out" ||
  fail "no not-due line: $(cat "$WORK/out")"
grep -qx 'kpi: 2026-10: 4 sent, 0 already sent, 1 not due, 4 failed, 0 not tried; see the lines above' "$WORK/err" ||
  fail "no summary: $(cat "$WORK/err")"
# The log: attempt and failed for the message refused after DATA, the
# server's reply with its queue id for each sent one.
awk -F'\t' '$3 == "leder_nord"' "$WORK/ds/sendelog.tsv" | cut -f6 | tr '\n' ' ' | grep -qx 'attempt failed ' ||
  fail "leder_nord's records: $(cat "$WORK/ds/sendelog.tsv")"
awk -F'\t' '$3 == "oekonomichef" && $6 == "sent"' "$WORK/ds/sendelog.tsv" | cut -f7,8 | grep -qx $'Q001\t250 2.0.0 Ok: queued as Q001' ||
  fail "no reply in the log: $(cat "$WORK/ds/sendelog.tsv")"
# The 451 came before anything was attempted: no record at all.
if awk -F'\t' '$3 == "direktion"' "$WORK/ds/sendelog.tsv" | grep -q .; then fail "the 451 at MAIL left a record"; fi

# The re-run sends exactly the 4 others and names those already sent.
run_kpi "$WORK/ds"
[ $rc -eq 0 ] || fail "the re-run: exit $rc: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 8 ] || fail "after the re-run: $(count_eml "$WORK/mail") messages"
[ "$(log_lines "$WORK/ds" 2026-10)" -eq 8 ] || fail "after the re-run the log has $(log_lines "$WORK/ds" 2026-10)"
[ "$(grep -c '^already sent: ' "$WORK/out")" -eq 4 ] || fail "expected 4 'already sent' lines: $(cat "$WORK/out")"
grep -Eq '^already sent: \[recipient oekonomichef\] <karen.bjerregaard@example.dk>: on 20[0-9-]+T[0-9:]+Z' "$WORK/out" ||
  fail "'already sent' does not say when: $(cat "$WORK/out")"
grep -qx '2026-10: 4 sent, 4 already sent, 1 not due, 0 not tried; all done' "$WORK/out" ||
  fail "no summary after the re-run: $(cat "$WORK/out")"
python3 "$HERE/distribute_check.py" "$WORK"/mail/*.eml >"$WORK/parsed" || fail "a sent message does not parse"
[ "$(cut -f1 "$WORK/parsed" | sort | uniq -d | wc -l)" -eq 0 ] || fail "a recipient got two messages: $(cut -f1 "$WORK/parsed" | sort)"
[ "$(cut -f1 "$WORK/parsed" | sort -u | wc -l)" -eq 8 ] || fail "not 8 different recipients"
# The envelope and the log agree with the headers.
for env in "$WORK"/mail/*.env; do
  grep -q '^MAIL FROM <lis@example.dk>' "$env" || fail "envelope sender in $env"
  rcpt=$(sed -n 's/^RCPT TO <\(.*\)>$/\1/p' "$env")
  awk -F'\t' -v e="$rcpt" 'NR > 1 && $4 == e && $6 == "sent"' "$WORK/ds/sendelog.tsv" | grep -q . ||
    fail "$rcpt is not in the log"
done
cut -f3 "$WORK/parsed" | sort >"$WORK/ids.sent"
awk -F'\t' 'NR > 1 && $6 == "sent" {print $5}' "$WORK/ds/sendelog.tsv" | sort >"$WORK/ids.log"
cmp -s "$WORK/ids.sent" "$WORK/ids.log" || fail "the log's Message-IDs are not those sent"

# A third run has nothing to send.
run_kpi "$WORK/ds"
[ $rc -eq 0 ] || fail "the third run failed"
grep -qx '2026-10: 0 sent, 8 already sent, 1 not due, 0 not tried; all done' "$WORK/out" ||
  fail "the third run's summary: $(cat "$WORK/out")"
[ "$(count_eml "$WORK/mail")" -eq 8 ] || fail "the third run sent something"

# --dry-run says what would go out without connecting or logging.
cp "$WORK/ds/sendelog.tsv" "$WORK/log.before"
run_kpi "$WORK/ds" --resend --dry-run
[ $rc -eq 0 ] || fail "--dry-run: exit $rc: $(cat "$WORK/err")"
[ "$(grep -c '^would send: ' "$WORK/out")" -eq 8 ] || fail "--dry-run: $(cat "$WORK/out")"
cmp -s "$WORK/log.before" "$WORK/ds/sendelog.tsv" || fail "--dry-run changed the log"
[ "$(count_eml "$WORK/mail")" -eq 8 ] || fail "--dry-run sent something"

# --resend sends all 8 again, with the same Message-IDs, and logs them.
run_kpi "$WORK/ds" --resend
[ $rc -eq 0 ] || fail "--resend failed: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 16 ] || fail "--resend: $(count_eml "$WORK/mail") messages"
[ "$(log_lines "$WORK/ds" 2026-10)" -eq 16 ] || fail "--resend was not logged"
python3 "$HERE/distribute_check.py" "$WORK"/mail/*.eml | cut -f3 | sort -u >"$WORK/ids.all"
cmp -s "$WORK/ids.sent" "$WORK/ids.all" || fail "--resend changed the Message-IDs"
echo "distribute_send: ok"
