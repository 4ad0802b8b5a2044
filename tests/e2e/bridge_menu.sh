#!/bin/bash
# bridge_menu.sh - kpi.oxt's menu command "kpi: månedsrapport…" (Tools >
# Add-ons, Calc only), run headless.
#
# usage: bash bridge_menu.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR [KPI_OXT]
#
# The menu entry runs the Basic macro kpi.Main.MakeReport: a dialog for the
# folder and the month (CheckInputs checks them), a question when the
# report folder exists, ReportJob (kpi through org.kpi.calc.Runner, with a
# progress bar), a message naming where the workbooks went, the economy
# workbook opened. Dialogs cannot be answered headless, so the test calls
# kpi.Main.RunReportHeadless(folder, month, overwrite, statusFile) through
# a macro:/// URL: the same CheckInputs, ReportJob and OpenEconomyBook, with
# the message written to statusFile instead of a message box; `overwrite`
# stands for the user's answer to the question. Not tested: the dialog's
# and the message boxes' windows, the folder picker, the progress bar's
# drawing, the options page's window (docs/BRIDGE.md). Checked:
#  1. an error from kpi (a folder that is no dataset) comes back with kpi's
#     exit status and its standard error; kpi found through PATH;
#  2. a month that is not YYYY-MM is refused before kpi runs;
#  3. the report of the example municipality lands in DATASET/rapport-M,
#     the message names that folder and every workbook, and the economy
#     workbook opens; kpi found through the KPI variable; the folder name
#     has a space and an æ;
#  4. a second run without permission to overwrite stops at the question
#     (EXISTS and the folder); kpi does not run;
#  5. the options page (its dialog file and handler, without a window on
#     screen) shows the stored kpi path and stores a typed one; kpi is then
#     found through it (KPI unset, not in PATH);
#  6. a path in the options, or in KPI, that names no file is named in the
#     message.
# Exit 77 (skipped) when LibreOffice or kpi.oxt is missing.
set -u

fixtures=$3
case $fixtures in /*) ;; *) fixtures=$PWD/$fixtures ;; esac
. "$(dirname "$0")/../../bridge/testing.sh"
bridge_setup "$1" "${4:-}"

example=$fixtures/../../examples/eksempel
month=2026-10

profile=$work/profile
lo_install "$profile" || exit 1

# run_macro STATUS_FILE FOLDER OVERWRITE [MONTH] [VAR=VALUE...]:
# RunReportHeadless in soffice with the environment changed as given.
run_macro() {
    local status=$1 folder=$2 overwrite=$3 m=$4
    shift 4
    rm -f "$status"
    (
        for setting in "$@"; do export "${setting?}"; done
        lo_run "$profile" \
            "macro:///kpi.Main.RunReportHeadless(\"$folder\",\"$m\",$overwrite,\"$status\")"
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
if run_macro "$work/status-error" "$empty" true "$month" PATH="$(dirname "$kpi"):$PATH" KPI=; then
    if ! head -n 1 "$work/status-error" | grep -q '^kpi report stoppede med status [1-9]'; then
        fail "error run: status file says '$(head -n 1 "$work/status-error")'"
    elif [ "$(sed -n '2,$p' "$work/status-error" | grep -c .)" -eq 0 ]; then
        fail "error run: kpi's standard error is missing from the message"
    fi
    echo "error run, the message shown to the user:"
    sed 's/^/    /' "$work/status-error"
fi

# 2. A month that is not YYYY-MM is refused before kpi runs.
if run_macro "$work/status-month" "$empty" true 2026-13 KPI="$kpi"; then
    grep -q '^Måneden skal skrives ÅÅÅÅ-MM, fx 2026-10, ikke "2026-13"' "$work/status-month" ||
        fail "bad month: status file says '$(cat "$work/status-month")'"
fi

# 3. The report is made, the message names where, the workbook opens.
dataset="$work/data sæt"
cp -R "$example" "$dataset"
target="$dataset/rapport-$month"
# PATH without kpi: it must be found through KPI.
if run_macro "$work/status-ok" "$dataset" true "$month" KPI="$kpi" PATH=/usr/bin:/bin; then
    n=$(ls "$target"/*.xlsx 2>/dev/null | wc -l)
    head -n 2 "$work/status-ok" | tr '\n' '|' |
        grep -qF "OK kpi skrev $n arbejdsbøger i|$target:|" ||
        fail "report run: the message does not name $n workbooks in $target: '$(cat "$work/status-ok")'"
    for f in "$target"/*.xlsx; do
        grep -qxF "  $(basename "$f")" "$work/status-ok" ||
            fail "report run: the message does not name $(basename "$f")"
    done
    grep -q '^OPENED [1-9][0-9]* sheets' "$work/status-ok" ||
        fail "report run: the economy workbook did not open: '$(cat "$work/status-ok")'"
    echo "report run, the message shown to the user:"
    sed 's/^/    /' "$work/status-ok"
fi
[ -s "$target/oekonomi-$month.xlsx" ] ||
    fail "report run: oekonomi-$month.xlsx not in the dataset's rapport-$month"
expected=$(mktemp -d "$work/expected.XXXXXX")
"$kpi" report "$example" --no-history --month "$month" -o "$expected" >/dev/null 2>&1 ||
    fail "report run: kpi report itself failed on the example"
for f in "$expected"/*.xlsx; do
    b=$(basename "$f")
    [ -s "$target/$b" ] || fail "report run: $b not in the dataset's rapport-$month"
done

# 4. The folder exists now: without the user's yes, nothing is overwritten.
touch -d '2000-01-01' "$target/oekonomi-$month.xlsx"
if run_macro "$work/status-exists" "$dataset" false "$month" KPI="$kpi"; then
    [ "$(cat "$work/status-exists")" = "EXISTS $target" ] ||
        fail "existing folder: status file says '$(cat "$work/status-exists")'"
    [ "$(date -r "$target/oekonomi-$month.xlsx" +%Y)" = 2000 ] ||
        fail "existing folder: the workbook was overwritten without asking"
fi

# 5. The options page (built from its dialog file, with its handler, as
# Tools > Options builds it) shows the stored path and stores the typed
# one; kpi is then found through it: KPI unset, not in PATH.
lo_set "$profile" /org.kpi.calc.Settings/Paths KpiProgram "$work/før/kpi"
rm -f "$work/status-page"
lo_run "$profile" "macro:///kpi.Main.OptionsPageHeadless(\"$kpi\",\"$work/status-page\")" \
    >"$work/soffice.log" 2>&1 || fail "soffice failed on the options page"
[ "$(cat "$work/status-page" 2>/dev/null)" = "$work/før/kpi
$kpi" ] || fail "options page: shows and stores '$(cat "$work/status-page" 2>/dev/null)', want '$work/før/kpi' then '$kpi'"
rm -rf "$target"
if run_macro "$work/status-option" "$dataset" true "$month" KPI= PATH=/usr/bin:/bin; then
    grep -q '^OK kpi skrev [1-9]' "$work/status-option" ||
        fail "kpi from the options: status file says '$(cat "$work/status-option")'"
fi

# 6. A path that names no file is named in the message, not passed over.
lo_set "$profile" /org.kpi.calc.Settings/Paths KpiProgram "$work/ingen/kpi"
if run_macro "$work/status-missing" "$dataset" true "$month" KPI="$kpi"; then
    grep -qF "$work/ingen/kpi" "$work/status-missing" && grep -q 'indstillinger' "$work/status-missing" ||
        fail "missing kpi in the options: status file says '$(cat "$work/status-missing")'"
fi
lo_set "$profile" /org.kpi.calc.Settings/Paths KpiProgram ""
if run_macro "$work/status-missing-env" "$dataset" true "$month" KPI="$work/intet/kpi"; then
    grep -qF "miljøvariablen KPI:" "$work/status-missing-env" &&
        grep -qF "$work/intet/kpi" "$work/status-missing-env" ||
        fail "missing kpi in KPI: status file says '$(cat "$work/status-missing-env")'"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "bridge_menu: the menu command's work ran kpi report, asked before overwriting and named where the workbooks went"
