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

# Issue 20: what the server used to refuse at send time (exit 3, retried
# forever) is refused before the first message, naming the key.
make_dataset badaddr
use_port "$WORK/badaddr"
sed -i 's/^email = henrik.lund@example.dk/email = henrik.lund@-/' "$WORK/badaddr/kpi.ini"
expect_refusal badaddr 1 "kpi.ini:[0-9]+: email: \[recipient leder_syd\]: 'henrik.lund@-' is not a plain e-mail address"
make_dataset hostport
sed -i 's/^host = localhost/host = 127.0.0.1:2525/' "$WORK/hostport/kpi.ini"
expect_refusal hostport 1 "kpi.ini:[0-9]+: host: \[smtp\]: '127.0.0.1:2525' holds a port; write the host alone and the port as port = 2525"
# A raw CR in a recipient's name or the municipality's (it would end up
# in To: and From:).
make_dataset crname
use_port "$WORK/crname"
sed -i 's/^name = Henrik Lund$/name = Henrik\rLund/' "$WORK/crname/kpi.ini"
grep -q $'^name = Henrik\rLund$' "$WORK/crname/kpi.ini" || fail "crname: no CR in the name"
expect_refusal crname 1 "kpi.ini:[0-9]+: name: \[recipient leder_syd\]: the name may not hold a line break"
make_dataset crmun
use_port "$WORK/crmun"
sed -i 's/^name = Eksempel Kommune$/name = Eksempel\rKommune/' "$WORK/crmun/kpi.ini"
expect_refusal crmun 1 "^kpi.ini: name: \[municipality\]: the name may not hold a line break"
# The outbox refuses them too: the .eml would carry the same headers.
set +e
"$KPI" distribute "$WORK/crmun" --month 2026-10 >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 1 ] || fail "crmun outbox: exit $rc"
# tls = none-on-loopback is for loopback only; a CA file must be there.
make_dataset plain
sed -i -e 's/^host = localhost/host = smtp.example.dk/' \
  -e 's/^from = lis@example.dk/from = lis@example.dk\ntls = none-on-loopback/' "$WORK/plain/kpi.ini"
expect_refusal plain 1 "kpi.ini:[0-9]+: tls: \[smtp\]: tls = none-on-loopback, but 'smtp.example.dk' is not loopback"
make_dataset noca
use_port "$WORK/noca"
sed -i 's/^from = lis@example.dk/from = lis@example.dk\nca_file = kommune-ca.pem/' "$WORK/noca/kpi.ini"
expect_refusal noca 1 "kpi.ini:[0-9]+: ca_file: \[smtp\]: cannot read the CA file '.*/noca/kommune-ca.pem'"
make_dataset badtls
sed -i 's/^from = lis@example.dk/from = lis@example.dk\ntls = maybe/' "$WORK/badtls/kpi.ini"
expect_refusal badtls 1 "tls must be starttls, implicit or none-on-loopback, not 'maybe'"

# [smtp] user without KPI_SMTP_PASSWORD: a configuration error found
# before sending (issue 20: exit 1, not 3), nothing sent.
make_dataset auth
use_port "$WORK/auth"
sed -i 's/^from = lis@example.dk/from = lis@example.dk\nuser = lis/' "$WORK/auth/kpi.ini"
unset KPI_SMTP_PASSWORD
expect_refusal auth 1 'KPI_SMTP_PASSWORD'

# A configured login against a server that offers none (no AUTH in its
# EHLO reply): an error, nothing sent, nothing logged (issue 20: kpi sent
# without logging in and exited 0).
set +e
KPI_SMTP_PASSWORD=hemmelig "$KPI" distribute "$WORK/auth" --month 2026-10 --send >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
[ $rc -eq 3 ] || fail "no AUTH: exit $rc, expected 3: $(cat "$WORK/err")"
grep -q "\[smtp\] user is 'lis', but the server offers no login" "$WORK/err" || fail "no AUTH: $(cat "$WORK/err")"
[ "$(count_eml "$WORK/mail")" -eq 0 ] || fail "no AUTH: the server received a message"
[ "$(grep -c '^failed: ' "$WORK/err")" -eq 1 ] || fail "no AUTH: more than one attempt: $(cat "$WORK/err")"
[ "$(awk 'NR > 1' "$WORK/auth/sendelog.tsv" | wc -l)" -eq 0 ] || fail "no AUTH: the log has records"
rm "$WORK/auth/sendelog.tsv"

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
