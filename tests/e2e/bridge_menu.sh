#!/bin/bash
# bridge_menu.sh - kpi.oxt's menu command (Tools > Add-ons > kpi: monthly
# report), run headless.
#
# usage: bash bridge_menu.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR [KPI_OXT]
#
# The menu entry runs the Basic macro kpi.Main.MakeReport, which asks for a
# folder and a month and then calls RunReport and OpenEconomyBook. Dialogs
# cannot be answered headless, so the test calls the entry point
# kpi.Main.RunReportHeadless(folder, month, statusFile) through a macro:///
# URL: the same RunReport and OpenEconomyBook, with the outcome written to
# statusFile instead of a message box. Checked:
#  1. an error from kpi (a folder that is no dataset) comes back with kpi's
#     exit status and its standard error; kpi found through PATH;
#  2. the report of the example municipality lands in DATASET/rapport-M and
#     the economy workbook opens; kpi found through the KPI variable; the
#     folder name has a space and an æ.
# Exit 77 (skipped) when LibreOffice or kpi.oxt is missing.
set -u

kpi=$1
case $kpi in /*) ;; *) kpi=$PWD/$kpi ;; esac
fixtures=$3
case $fixtures in /*) ;; *) fixtures=$PWD/$fixtures ;; esac
oxt_arg=${4:-}
[ -n "$oxt_arg" ] && case $oxt_arg in /*) ;; *) oxt_arg=$PWD/$oxt_arg ;; esac
. "$(dirname "$0")/../../bridge/testing.sh"
bridge_setup "$kpi" "$oxt_arg"

example=$fixtures/../../examples/eksempel
month=2026-10

failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

profile=$work/profile
lo_install "$profile" || exit 1

# run_macro STATUS_FILE FOLDER [VAR=VALUE...]: RunReportHeadless in soffice
# with the environment changed as given.
run_macro() {
    local status=$1 folder=$2
    shift 2
    rm -f "$status"
    (
        for setting in "$@"; do export "${setting?}"; done
        lo_run "$profile" \
            "macro:///kpi.Main.RunReportHeadless(\"$folder\",\"$month\",\"$status\")"
    ) >"$work/soffice.log" 2>&1
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        fail "soffice ended with status $rc running the macro (124: timed out)"
        sed 's/^/    soffice: /' "$work/soffice.log"
    fi
    if [ ! -s "$status" ]; then
        fail "the macro wrote no status file (it did not run, or stopped early)"
        sed 's/^/    soffice: /' "$work/soffice.log"
        return 1
    fi
}

# 1. kpi fails: its status and standard error reach the user.
empty="$work/ingen data"
mkdir -p "$empty"
if run_macro "$work/status-error" "$empty" PATH="$(dirname "$kpi"):$PATH" KPI=; then
    if ! head -n 1 "$work/status-error" | grep -q '^kpi report stoppede med status [1-9]'; then
        fail "error run: status file says '$(head -n 1 "$work/status-error")'"
    elif [ "$(sed -n '2,$p' "$work/status-error" | grep -c .)" -eq 0 ]; then
        fail "error run: kpi's standard error is missing from the message"
    fi
    echo "error run, the message shown to the user:"
    sed 's/^/    /' "$work/status-error"
fi

# 2. The report is made and the economy workbook opens.
if ! "$kpi" report --help >/dev/null 2>&1; then
    fail "'kpi report' does not exist yet in $kpi: the menu command has nothing to run (the functions are tested by bridge_calc.sh)"
else
    dataset="$work/data sæt"
    cp -R "$example" "$dataset"
    # PATH without kpi: it must be found through KPI.
    if run_macro "$work/status-ok" "$dataset" KPI="$kpi" PATH=/usr/bin:/bin; then
        grep -q '^OK [1-9][0-9]* sheets' "$work/status-ok" ||
            fail "report run: status file says '$(cat "$work/status-ok")'"
    fi
    # Every workbook kpi report writes must be there; the menu command
    # opens the economy workbook, so that one at least. (The recipient map,
    # overview and packs join this list when kpi report writes them.)
    [ -s "$dataset/rapport-$month/oekonomi-$month.xlsx" ] ||
        fail "report run: oekonomi-$month.xlsx not in the dataset's rapport-$month"
    expected=$(mktemp -d "$work/expected.XXXXXX")
    "$kpi" report "$example" --month "$month" -o "$expected" >/dev/null 2>&1 ||
        fail "report run: kpi report itself failed on the example"
    for f in "$expected"/*.xlsx; do
        b=$(basename "$f")
        [ -s "$dataset/rapport-$month/$b" ] || fail "report run: $b not in the dataset's rapport-$month"
    done
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "bridge_menu: the menu command ran kpi report and opened the workbook"
