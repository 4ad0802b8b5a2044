#!/bin/bash
# history_kill.sh - a kill at every write to the history leaves a history
# that opens and holds the old runs or the new one, never half
# (docs/HISTORY.md, issue 17).
#
# usage: bash history_kill.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# KPI_HISTORY_KILL_AT=N (TEST ONLY) makes kpi kill itself with SIGKILL just
# before the history's Nth writing statement (BEGIN, the schema, the run,
# the superseding, each batch of rows, COMMIT) or, the last N, just after
# COMMIT. For N = 1, 2, ... until a run gets through, on a fresh copy each
# time, in three cases:
#   new:      no history yet (the schema is created in the transaction);
#   rerun:    a history with 2026-09 and 2026-10, 2026-10 run again;
#   schema1:  tests/fixtures/history/schema1.sql (the previous schema),
#             upgraded in the transaction.
# After each kill `kpi history` must open it (rolling back the journal the
# kill left), `PRAGMA integrity_check` must say ok, and the runs and the
# forecast's path must be exactly the old ones or exactly the new.
set -u
kpi=$1
fixtures=$3
unset KPI_NO_HISTORY
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3 shell (apt-get install sqlite3)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-history-kill.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The state of a history: its runs without the times, and the forecast's
# path. Run ids and times differ between runs; what a run is does not.
state() {
    local list
    list=$("$kpi" history "$1" 2>&1)
    # No file yet, or a file SQLite created empty: both are no runs.
    if echo "$list" | grep -q -e 'no history yet' -e ', 0 runs$'; then
        echo EMPTY
        return
    fi
    echo "$list" | awk -F';' 'NR == 1 { sub(/^.*: /, ""); print; next }
        { print $1 ";" $2 ";" $4 ";" $7 ";" $8 }'
    "$kpi" history "$1" --figure forecast 2>&1
}

# case NAME PREPARE: PREPARE fills "$work/base" (a dataset, maybe with a
# history); then the run of 2026-10 is killed at every write.
run_case() {
    local name=$1
    local base=$work/$name-base
    rm -rf "$base"
    cp -r "$fixtures/workbook" "$base"
    "$2" "$base"
    local old new
    old=$(state "$base")
    # The new state: the same run, not killed.
    rm -rf "$work/full"
    cp -r "$base" "$work/full"
    "$kpi" export "$work/full" --month 2026-10 -o "$work/full.csv" 2>/dev/null ||
        { fail "$name: the run itself failed"; return; }
    new=$(state "$work/full")
    [ "$old" != "$new" ] || { fail "$name: the run changed nothing"; return; }
    local n=1 killed=0 seen_old=0 seen_new=0
    while [ $n -lt 500 ]; do
        rm -rf "$work/ds"
        cp -r "$base" "$work/ds"
        # In a subshell whose stderr is nowhere, so its "Killed" is too.
        (KPI_HISTORY_KILL_AT=$n "$kpi" export "$work/ds" --month 2026-10 \
            -o "$work/out.csv" >/dev/null 2>&1
         echo $? >"$work/rc") 2>/dev/null
        local rc
        rc=$(cat "$work/rc")
        if [ $rc -eq 0 ]; then
            break # no Nth write: the run got through
        fi
        [ $rc -eq 137 ] || fail "$name: kill at write $n: exit $rc, want 137 (SIGKILL)"
        killed=$((killed + 1))
        local now
        now=$(state "$work/ds")
        if [ "$now" = "$old" ]; then
            seen_old=$((seen_old + 1))
        elif [ "$now" = "$new" ]; then
            seen_new=$((seen_new + 1))
        else
            fail "$name: kill at write $n left neither the old history nor the new:"
            diff <(echo "$old") <(echo "$now") | head -5
        fi
        local ok
        ok=$(sqlite3 "$work/ds/kpi-historik.sqlite" "PRAGMA integrity_check" 2>&1)
        [ "$ok" = ok ] || [ ! -s "$work/ds/kpi-historik.sqlite" ] ||
            fail "$name: kill at write $n: integrity_check: $ok"
        n=$((n + 1))
    done
    # Every kill but the last comes before COMMIT has run and leaves the
    # old; the last comes after it and leaves the new.
    [ $killed -ge 5 ] || fail "$name: only $killed writes were killed"
    [ $seen_new -eq 1 ] || fail "$name: $seen_new kills left the new run, want 1 (after COMMIT)"
    echo "$name: killed at each of $killed points: the old history $seen_old times, the new $seen_new (after COMMIT)"
}

prepare_new() { :; }
prepare_rerun() {
    "$kpi" export "$1" --month 2026-09 -o "$work/a.csv" 2>/dev/null
    "$kpi" export "$1" --month 2026-10 -o "$work/a.csv" 2>/dev/null
}
prepare_schema1() {
    sqlite3 "$1/kpi-historik.sqlite" <"$fixtures/history/schema1.sql"
}

run_case new prepare_new
run_case rerun prepare_rerun
run_case schema1 prepare_schema1

if [ $failures -gt 0 ]; then
    echo "history_kill: $failures failure(s)"
    exit 1
fi
echo "history_kill: ok"
