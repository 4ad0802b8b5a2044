#!/bin/bash
# cli.sh - the kpi command's arguments, exit statuses and output files.
#
# usage: bash cli.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# Exit statuses (SPEC §8): 0 success, 1 invalid input, 2 usage error,
# 3 I/O or environment error. The valid dataset used here is the base that
# the broken-input fixtures share (broken/long_line with an ordinary
# provider name), so this test depends on no other fixture.
set -u

kpi=$1
case $kpi in /*) ;; *) kpi=$PWD/$kpi ;; esac # the demo test changes folder
fixtures=$3
month=2026-10
header='kpi_id;period;breakdown;stat;value'

export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87"

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-cli.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
    echo "FAIL: $1"
    if [ -s "$work/stderr" ]; then
        head -n 10 "$work/stderr" | sed 's/^/    stderr: /'
    fi
    failures=$((failures + 1))
}

run() { # run ARGS...: sets rc; output in $work/stdout and $work/stderr
    "$kpi" "$@" >"$work/stdout" 2>"$work/stderr"
    rc=$?
}

expect_rc() { # expect_rc STATUS DESCRIPTION ARGS...
    local want=$1 what=$2
    shift 2
    run "$@"
    if [ "$rc" -ne "$want" ]; then
        fail "$what: 'kpi $*' exited with $rc, expected $want"
        return 1
    fi
    return 0
}

# ---- a valid dataset ----------------------------------------------------
good=$work/good
mkdir -p "$good"
template=$fixtures/broken/long_line/measures.csv.in
sed 's/@LONG@/Børnehjemmet Solbakken/' "$template" >"$good/measures.csv"

# ---- help and version -----------------------------------------------------
for args in "--help" "-h" "help" "help export" "help check" "help demo" \
    "export --help" "check --help" "demo --help" "export -h"; do
    # shellcheck disable=SC2086
    if expect_rc 0 "help" $args; then
        grep -q '^usage: kpi' "$work/stdout" || fail "'kpi $args' printed no usage"
    fi
done
# The demo's fixed month is documented in the help.
run --help
grep -q 'demo.*2026-10' "$work/stdout" || fail "--help does not name the demo month"
run demo --help
grep -q '2026-10' "$work/stdout" || fail "demo --help does not name the month"
# Exit statuses are documented.
run --help
grep -q '3  I/O' "$work/stdout" || fail "--help does not list the exit statuses"
# ... all of them: 75 is kpi distribute's (CLI_EXIT_TEMPFAIL, docs/DISTRIBUTION.md).
grep -q '^  75 temporary failure' "$work/stdout" ||
    fail "--help does not list exit status 75"

if expect_rc 0 "version" --version; then
    grep -qE '^kpi [0-9]+\.[0-9]+\.[0-9]+$' "$work/stdout" ||
        fail "--version printed '$(cat "$work/stdout")'"
fi

# ---- usage errors: status 2, a message and the hint -------------------------
usage() { # usage DESCRIPTION ARGS...
    local what=$1
    shift
    if expect_rc 2 "$what" "$@"; then
        grep -q "^kpi: " "$work/stderr" || fail "$what: no 'kpi: ' message"
        grep -qF "try 'kpi --help'" "$work/stderr" || fail "$what: no hint"
        [ -s "$work/stdout" ] && fail "$what: wrote to stdout"
    fi
}
usage "no command"
usage "unknown command" frobnicate
usage "unknown top-level option" --frobnicate
usage "help on an unknown command" help frobnicate
usage "unknown option" export "$good" --month $month --frobnicate
usage "option of another command" check "$good" -o "$work/x.csv"
usage "bad --month of check" check "$good" --month 2026-13
usage "missing --month" export "$good"
usage "missing --month value" export "$good" --month
usage "empty --month" export "$good" --month ""
usage "bad month 2026-13" export "$good" --month 2026-13
usage "bad month 10-2026" export "$good" --month 10-2026
usage "bad month 2026-1" export "$good" --month 2026-1
usage "month given twice" export "$good" --month $month --month=2026-09
usage "missing DATASET" export --month $month
usage "two DATASETs" export "$good" "$good" --month $month
usage "missing -o value" export "$good" --month $month -o
usage "demo takes no DATASET" demo "$good"
usage "check without DATASET" check

# ---- environment errors: status 3 ----------------------------------------
if expect_rc 3 "missing dataset folder" export "$work/no-such-folder" --month $month; then
    grep -q 'no-such-folder' "$work/stderr" || fail "missing folder not named"
fi
expect_rc 3 "dataset is a file" export "$good/measures.csv" --month $month
expect_rc 3 "check of a missing folder" check "$work/no-such-folder"
if expect_rc 3 "-o into a missing folder" export "$good" --month $month -o "$work/no-dir/out.csv"; then
    [ -e "$work/no-dir" ] && fail "-o into a missing folder created it"
fi
mkdir "$work/adir"
expect_rc 3 "-o names a folder" export "$good" --month $month -o "$work/adir"
[ -n "$(ls -A "$work/adir")" ] && fail "-o names a folder: left files in it"
if [ -w /dev/full ]; then
    "$kpi" export "$good" --month $month >/dev/full 2>"$work/stderr"
    rc=$?
    [ "$rc" -eq 3 ] || fail "export to a full device exited with $rc, expected 3"
fi

# ---- export ------------------------------------------------------------------
mkdir "$work/out"
if expect_rc 0 "export -o" export "$good" --month $month -o "$work/out/a.csv"; then
    if [ ! -f "$work/out/a.csv" ]; then
        fail "export -o wrote no file"
    elif [ "$(head -n 1 "$work/out/a.csv")" != "$header" ]; then
        fail "export -o: first line is '$(head -n 1 "$work/out/a.csv")'"
    elif [ "$(wc -l <"$work/out/a.csv")" -lt 2 ]; then
        fail "export -o: no rows after the header"
    fi
    [ -s "$work/stdout" ] && fail "export -o also wrote to stdout"
    [ "$(ls -A "$work/out")" = a.csv ] ||
        fail "export -o left other files: $(ls -A "$work/out" | tr '\n' ' ')"
fi
# Same input, same bytes; options before DATASET, --month=, --output=.
expect_rc 0 "export, options first" export --month=$month --output="$work/out/b.csv" "$good"
cmp -s "$work/out/a.csv" "$work/out/b.csv" || fail "two exports of the same input differ"
# Standard output carries exactly what -o writes.
if expect_rc 0 "export to stdout" export "$good" --month $month; then
    cmp -s "$work/stdout" "$work/out/a.csv" || fail "stdout differs from the -o file"
fi
# The output file gets ordinary permissions, not mkstemp's 0600.
(umask 022 && "$kpi" export "$good" --month $month -o "$work/out/perm.csv" 2>/dev/null)
perm=$(stat -c %a "$work/out/perm.csv" 2>/dev/null)
[ "$perm" = 644 ] || fail "export -o under umask 022 made mode '$perm', expected 644"

# Invalid input leaves an existing output file as it was.
echo "the old export" >"$work/out/keep.csv"
if expect_rc 1 "invalid input" export "$fixtures/broken/bad_date" --month $month -o "$work/out/keep.csv"; then
    [ "$(cat "$work/out/keep.csv")" = "the old export" ] ||
        fail "invalid input changed the existing output file"
    tail -n 1 "$work/stderr" | grep -qE '^kpi: [0-9]+ errors?; nothing written$' ||
        fail "invalid input: no 'kpi: N errors; nothing written' line"
fi
# A successful export replaces it.
expect_rc 0 "export over an existing file" export "$good" --month $month -o "$work/out/keep.csv"
cmp -s "$work/out/keep.csv" "$work/out/a.csv" || fail "export did not replace the existing file"

# ---- check -------------------------------------------------------------------
if expect_rc 0 "check" check "$good"; then
    grep -qE '^measures\.csv: 3 measures; 0 errors, [0-9]+ warnings?$' "$work/stderr" ||
        fail "check summary: '$(tail -n 1 "$work/stderr")'"
    [ -s "$work/stdout" ] && fail "check wrote to stdout"
fi
# The BL § 198 amounts are regulated yearly: a year without its own
# [reimbursement.YEAR] is a warning naming the year (the good dataset has
# no kpi.ini), counted in the summary, with exit status 0.
if expect_rc 0 "check of a year without amounts" check "$good" --month 2027-01; then
    grep -qF "kpi: warning: kpi.ini has no [reimbursement.2027]: the BL § 198 reimbursement for 2027 uses the law's 2022 level" "$work/stderr" ||
        fail "check --month 2027-01: no reimbursement warning"
    grep -q 'regulated every year' "$work/stderr" || fail "the warning does not say the amounts are regulated"
fi
if expect_rc 0 "export of a year without amounts" export "$good" --month $month; then
    grep -qF "kpi: warning: kpi.ini has no [reimbursement.${month%-*}]" "$work/stderr" ||
        fail "export: no reimbursement warning"
fi
if expect_rc 1 "check of invalid input" check "$fixtures/broken/bad_date"; then
    grep -q 'measures\.csv:3: ' "$work/stderr" || fail "check printed no file:line"
fi

# ---- demo --------------------------------------------------------------------
if expect_rc 0 "demo" demo -o "$work/demo/sub"; then
    f=$work/demo/sub/noegletal-2026-10.csv
    if [ ! -f "$f" ]; then
        fail "demo wrote no $f"
    elif [ "$(head -n 1 "$f")" != "$header" ]; then
        fail "demo file starts with '$(head -n 1 "$f")'"
    fi
    grep -q 'noegletal-2026-10.csv' "$work/stdout" || fail "demo does not say what it wrote"
    grep -qi 'placed children' "$work/stdout" || fail "demo prints no headline"
fi
(cd "$work" && "$kpi" demo >/dev/null 2>&1)
[ -f "$work/kpi-demo/noegletal-2026-10.csv" ] || fail "demo without -o did not write ./kpi-demo/"
touch "$work/plainfile"
expect_rc 3 "demo -o under a file" demo -o "$work/plainfile/x"

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: cli"
