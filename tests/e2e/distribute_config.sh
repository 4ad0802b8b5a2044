#!/usr/bin/env bash
# kpi distribute refuses an incomplete kpi.ini before anything is written
# or sent (kpi.ini:LINE: ... and exit 1; the server receives nothing), and
# logs in with [smtp] user and KPI_SMTP_PASSWORD.
# usage: distribute_config.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

start_server "$WORK/mail"

# expect_refusal NAME EXIT PATTERN: the run on dataset NAME exits EXIT,
# stderr matches PATTERN, nothing reached the server, no log, no outbox.
expect_refusal() {
  local rc
  set +e
  "$KPI" distribute "$WORK/$1" --month 2026-10 --send >"$WORK/out" 2>"$WORK/err"; rc=$?
  set -e
  [ $rc -eq "$2" ] || fail "$1: exit $rc, expected $2: $(cat "$WORK/err")"
  grep -Eq "$3" "$WORK/err" || fail "$1: no '$3' in: $(cat "$WORK/err")"
  [ "$(count_eml "$WORK/mail")" -eq 0 ] || fail "$1: the server received a message"
  [ ! -s "$WORK/$1/sendelog.tsv" ] || fail "$1: a send log was written"
  [ ! -e "$WORK/$1/outbox" ] || fail "$1: an outbox was written"
}

# No [smtp] section at all.
make_dataset nosmtp
sed -i '/^\[smtp\]/,$d' "$WORK/nosmtp/kpi.ini"
expect_refusal nosmtp 1 '^kpi.ini: no \[smtp\] section'

# [smtp] without host and from: both named, with the section's line.
make_dataset nohost
use_port "$WORK/nohost"
sed -i -e '/^host = /d' -e '/^from = /d' "$WORK/nohost/kpi.ini"
line=$(grep -n '^\[smtp\]' "$WORK/nohost/kpi.ini" | cut -d: -f1)
expect_refusal nohost 1 "^kpi.ini:$line: host: \[smtp\] needs"
grep -q "^kpi.ini:$line: from: \[smtp\] needs" "$WORK/err" || fail "nohost: from not named"

# A recipient without email: named with its section's line.
make_dataset noemail
use_port "$WORK/noemail"
sed -i '/^email = jens.oestergaard/d' "$WORK/noemail/kpi.ini"
jens=$(grep -n '^\[recipient jens\]' "$WORK/noemail/kpi.ini" | cut -d: -f1)
expect_refusal noemail 1 "^kpi.ini:$jens: email: \[recipient jens\] needs"
# The outbox mode refuses the same kpi.ini and writes nothing.
set +e
"$KPI" distribute "$WORK/noemail" --month 2026-10 >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 1 ] || fail "noemail outbox: exit $rc"
[ ! -e "$WORK/noemail/outbox" ] || fail "noemail: outbox written"

# A bad address and an afdelingsleder without team (kpi.ini's own
# checks, when the dataset is loaded): both listed.
make_dataset norcpt
use_port "$WORK/norcpt"
sed -i -e 's/^email = anne.soerensen@example.dk/email = Anne <anne@example.dk>/' \
  -e '/^team = Team Syd/d' "$WORK/norcpt/kpi.ini"
expect_refusal norcpt 1 "kpi.ini:[0-9]+: email: .*Anne <anne@example.dk>"
grep -Eq "kpi.ini:[0-9]+: team: \[recipient leder_syd\]" "$WORK/err" ||
  fail "norcpt: the missing team is not named: $(cat "$WORK/err")"

# No [recipient] sections: distribute does not invent recipients.
make_dataset none
use_port "$WORK/none"
awk '/^\[recipient /{skip=1; next} /^\[/{skip=0} !skip' "$EXAMPLE/kpi.ini" >"$WORK/none/kpi.ini"
use_port "$WORK/none"
expect_refusal none 1 'no \[recipient KEY\] sections'

# [smtp] user without KPI_SMTP_PASSWORD: a configuration error found
# before sending (issue 20: exit 1, not 3), nothing sent.
make_dataset auth
use_port "$WORK/auth"
sed -i 's/^from = lis@example.dk/from = lis@example.dk\nuser = lis/' "$WORK/auth/kpi.ini"
unset KPI_SMTP_PASSWORD
expect_refusal auth 1 'KPI_SMTP_PASSWORD'

# A server that wants a login: the wrong password fails (exit 3, the
# server's words quoted, one attempt), the right one sends all 8.
start_server "$WORK/mail" --auth lis:hemmelig
use_port "$WORK/auth"
set +e
KPI_SMTP_PASSWORD=forkert "$KPI" distribute "$WORK/auth" --month 2026-10 --send \
  >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
[ $rc -eq 3 ] || fail "wrong password: exit $rc"
grep -q '535' "$WORK/err" || fail "wrong password: the server's 535 is not shown: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 0 ] || fail "wrong password, yet a message arrived"
KPI_SMTP_PASSWORD=hemmelig "$KPI" distribute "$WORK/auth" --month 2026-10 --send \
  >"$WORK/out" 2>"$WORK/err" || fail "right password: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 8 ] || fail "right password: $(count_eml "$WORK/mail") messages"
echo "distribute_config: ok"
