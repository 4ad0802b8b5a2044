# Shared by the tests that read the example's report (sourced; not a test
# itself): print_pages.sh, workbook_schemas.sh.
# Needs: $kpi and $root set by the caller.

# example_report NAME: a work folder $work (removed on exit) and in
# $work/out the workbooks of `kpi report examples/eksempel --month
# 2026-10`, what kpi demo writes; exits 1 when kpi fails.
example_report() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-$1.XXXXXX") || exit 3
    trap 'rm -rf "$work"' EXIT
    "$kpi" report "$root/examples/eksempel" --no-history --month 2026-10 -o "$work/out" \
        >"$work/report.log" 2>&1 ||
        { echo "FAIL: kpi report"; cat "$work/report.log"; exit 1; }
}
