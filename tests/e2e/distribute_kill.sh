#!/usr/bin/env bash
# A kill at every step of a send, then a re-run: no recipient gets a
# silent duplicate or no message. Each kill point ends with the recipient
# sent to once, or reported as uncertain (and sent again only with
# --resend-uncertain). The kills come from the test-only fault hook
# KPI_TEST_KILL_AT=STEP:N (kpi/distribute.h): kpi raises SIGKILL at STEP
# of its N-th message. The progress printed before the kill is in the
# redirected output (stdout is line-buffered, as a cron log needs).
# usage: distribute_kill.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -euo pipefail
KPI=$1 HERE=$(cd "$(dirname "$0")" && pwd) WORK=$(mktemp -d)
. "$HERE/distribute_common.bash"

addresses="direktion@example.dk lene.thygesen@example.dk anne.soerensen@example.dk"

# check_step STEP EXPECT: EXPECT is "once" (the re-run sends the killed
# message, nobody is uncertain) or "uncertain" (the re-run names it).
check_step() {
  local step=$1 expect=$2 ds="$WORK/ds-$1"
  make_dataset "ds-$1"
  keep_recipients "$ds" direktion fagchef anne
  # The second message's acknowledgement comes 2 s after its data is
  # stored, so that "end-wait" falls while the server has it.
  start_server "$WORK/mail" --slow-end 2:2
  use_port "$ds"
  set +e
  KPI_TEST_KILL_AT=$step:2 "$KPI" distribute "$ds" --month 2026-10 --send >"$WORK/out" 2>"$WORK/err"
  rc=$?
  set -e
  [ $rc -eq 137 ] || fail "$step: the hook did not kill kpi (exit $rc): $(cat "$WORK/err")"
  grep -q '^sent: \[recipient direktion\] <direktion@example.dk>: queue id Q001' "$WORK/out" ||
    fail "$step: the line of the message sent before the kill is lost: '$(cat "$WORK/out")'"
  # The log: whole lines of eight fields, never a torn one.
  awk -F'\t' 'NR > 1 && NF != 8 { exit 1 }' "$ds/sendelog.tsv" || fail "$step: a torn log line"

  run_kpi "$ds"
  local uncertain
  uncertain=$(sed -n 's/^uncertain: \[recipient [a-z_]*\] <\([^>]*\)>.*/\1/p' "$WORK/err")
  for a in $addresses; do
    local n
    n=$(copies_for "$WORK/mail" "$a")
    [ "$n" -le 1 ] || fail "$step: $a got $n messages after the re-run (a silent duplicate)"
    if [ "$n" -eq 0 ] && ! grep -qxF "$a" <<<"$uncertain"; then
      fail "$step: $a has no message and was not reported uncertain: $(cat "$WORK/err")"
    fi
  done
  case $expect in
    once)
      [ $rc -eq 0 ] || fail "$step: the re-run exits $rc: $(cat "$WORK/err")"
      [ -z "$uncertain" ] || fail "$step: uncertain, though nothing was attempted: $uncertain"
      ;;
    uncertain)
      [ $rc -eq 3 ] || fail "$step: the re-run exits $rc, expected 3: $(cat "$WORK/err")"
      [ "$uncertain" = lene.thygesen@example.dk ] || fail "$step: uncertain: '$uncertain': $(cat "$WORK/err")"
      grep -Eq "check the mail server's log for <kpi\.2026-10\.fagchef\.[0-9a-f]+@example\.dk>" "$WORK/err" ||
        fail "$step: the Message-ID to look for is not named: $(cat "$WORK/err")"
      ;;
  esac

  # --resend-uncertain: everyone has it now; two copies only for the one
  # reported uncertain (same Message-ID, recognisable).
  run_kpi "$ds" --resend-uncertain
  [ $rc -eq 0 ] || fail "$step: --resend-uncertain exits $rc: $(cat "$WORK/err")"
  for a in $addresses; do
    local n
    n=$(copies_for "$WORK/mail" "$a")
    [ "$n" -ge 1 ] || fail "$step: $a has no message in the end"
    if [ "$n" -gt 1 ] && ! grep -qxF "$a" <<<"$uncertain"; then
      fail "$step: $a got $n messages without being reported uncertain"
    fi
  done
  python3 "$HERE/distribute_check.py" "$WORK"/mail/*.eml >/dev/null || fail "$step: a message does not parse"
  echo "$step: ok ($expect)"
}

# Before the attempt is recorded the server cannot have the message: the
# re-run sends it. From the attempt to the "sent" record it may or may
# not: uncertain. After the record: already sent.
check_step greeting once
check_step mail once
check_step rcpt once
check_step attempt uncertain
check_step data uncertain
check_step body uncertain
check_step end uncertain
check_step end-wait uncertain
check_step accepted uncertain
check_step logged once
echo "distribute_kill: ok"
