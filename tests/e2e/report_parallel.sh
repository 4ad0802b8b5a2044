#!/bin/bash
# report_parallel.sh - `kpi report` writes the same bytes however many
# workbooks it writes at once (issue 15: -j N, KPI_JOBS), says the same
# when one fails, and writes nothing when a worker process dies.
#
# 1. The example and a kpi-gen municipality, with -j 1 (one after the
#    other, in kpi's own process), -j 2, -j 7 and KPI_JOBS=3: every file of
#    every run byte-identical to -j 1's, and the same lines on stdout.
# 2. A sheet too long for the (lowered) limit: the same message, exit 3 and
#    no OUTDIR with -j 1 and -j 4.
# 3. A worker killed while it writes (an LD_PRELOAD shim, compiled here
#    with cc, raises SIGKILL in the process that syncs the economy
#    workbook, only when that process is not kpi itself): kpi names the
#    workbook and how its worker ended, exits 3 and leaves OUTDIR as it
#    was; with -j 1 the same shim kills kpi itself, which shows the shim
#    hits.
# 4. Bad -j and KPI_JOBS values are usage errors (exit 2).
# The figures are computed on as many threads as there are jobs
# (kpi_compute_options.threads): part 1 also holds `kpi export` with
# KPI_JOBS=2 and 5 to KPI_JOBS=1's bytes.
#
# usage: bash report_parallel.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

kpi=$1
gen=$2
fixtures=$3
root=$(cd "$fixtures/../.." && pwd)
month=2026-10
work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-parallel.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

# --- 1. The same bytes -------------------------------------------------
"$gen" --out "$work/gen" --seed 5 --measures 4000 --as-of "$month" \
    >/dev/null 2>&1 || fail "kpi-gen failed"
for ds in "$root/examples/eksempel" "$work/gen"; do
    name=$(basename "$ds")
    ref=$work/$name-j1
    "$kpi" report "$ds" --month "$month" -o "$ref" -j 1 \
        >"$ref.out" 2>/dev/null || fail "$name: kpi report -j 1 failed"
    n=$(ls "$ref" | wc -l)
    [ "$n" -ge 8 ] || fail "$name: -j 1 wrote $n workbooks"
    for run in "-j 2" "-j 7" "KPI_JOBS=3"; do
        out=$work/$name-${run//[ =]/}
        case $run in
        KPI_JOBS=*) env "$run" "$kpi" report "$ds" --month "$month" \
                        -o "$out" >"$out.out" 2>/dev/null ;;
        *) "$kpi" report "$ds" --month "$month" -o "$out" $run \
               >"$out.out" 2>/dev/null ;;
        esac || fail "$name: kpi report $run failed"
        diff -r "$ref" "$out" >/dev/null ||
            fail "$name: $run wrote other files or bytes than -j 1"
        # The paths differ by the folder's name only.
        sed "s#$out#OUT#" "$out.out" | cmp -s - <(sed "s#$ref#OUT#" "$ref.out") ||
            fail "$name: $run printed other lines than -j 1"
    done
    # The figures are computed on the jobs count too (kpi_compute_options
    # .threads): the export, which reads KPI_JOBS only, the same bytes.
    KPI_JOBS=1 "$kpi" export "$ds" --month "$month" >"$work/$name-e1.csv" \
        2>/dev/null || fail "$name: kpi export with KPI_JOBS=1 failed"
    for j in 2 5; do
        KPI_JOBS=$j "$kpi" export "$ds" --month "$month" \
            >"$work/$name-e$j.csv" 2>/dev/null ||
            fail "$name: kpi export with KPI_JOBS=$j failed"
        cmp -s "$work/$name-e1.csv" "$work/$name-e$j.csv" ||
            fail "$name: kpi export with KPI_JOBS=$j: other bytes than 1"
    done
done

# --- 2. The same words when a workbook fails ----------------------------
for j in 1 4; do
    KPI_SHEET_ROWS=100 "$kpi" report "$root/examples/eksempel" --no-history \
        --month "$month" -o "$work/small$j" -j $j >"$work/small$j.log" 2>&1
    rc=$?
    [ $rc = 3 ] || fail "a sheet too long, -j $j: exit $rc, not 3"
    [ -e "$work/small$j" ] && fail "a sheet too long, -j $j: OUTDIR written"
done
cmp -s "$work/small1.log" "$work/small4.log" ||
    fail "a sheet too long: -j 4 said other words than -j 1"
grep -q "cannot write '.*': sheet '.*': .* rows do not fit" "$work/small4.log" ||
    fail "a sheet too long: no plain message: $(head -c 300 "$work/small4.log")"

# --- 3. A worker that dies ----------------------------------------------
if command -v cc >/dev/null; then
    cat >"$work/shim.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* SIGKILL to the process that syncs the economy workbook; with
 * SHIM_WORKER_ONLY=1 only when it is not kpi's own process. */
static pid_t main_pid;
__attribute__((constructor)) static void init(void) { main_pid = getpid(); }

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    const char *only = getenv("SHIM_WORKER_ONLY");
    if (n > 0) {
        path[n] = '\0';
        if (strstr(path, "oekonomi-") &&
            !(only && *only == '1' && getpid() == main_pid))
            raise(SIGKILL);
    }
    return real(fd);
}
EOF
    if cc -shared -fPIC -Wall -Werror -o "$work/shim.so" "$work/shim.c" -ldl 2>"$work/cc.log"; then
        mkdir -p "$work/kept" && echo old >"$work/kept/keep.txt"
        # A sanitizer's runtime wants to be first; the shim only wraps fsync.
        export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
        LD_PRELOAD=$work/shim.so SHIM_WORKER_ONLY=1 "$kpi" report \
            "$root/examples/eksempel" --month "$month" -o "$work/kept" -j 3 \
            >"$work/killed.log" 2>&1
        rc=$?
        [ $rc = 3 ] || fail "a killed worker: exit $rc, not 3"
        [ "$(ls -A "$work/kept")" = keep.txt ] ||
            fail "a killed worker: OUTDIR changed: $(ls -A "$work/kept" | head -3)"
        grep -q "cannot write 'oekonomi-$month.xlsx': the process writing it was stopped by signal 9" \
            "$work/killed.log" ||
            fail "a killed worker: not named: $(grep -v warning "$work/killed.log" | head -3)"
        # (The braces keep bash's "Killed" notice out of the log.)
        { LD_PRELOAD=$work/shim.so "$kpi" report "$root/examples/eksempel" --no-history \
            --month "$month" -o "$work/self" -j 1 >/dev/null 2>&1; } 2>/dev/null
        rc=$?
        [ $rc = 137 ] || fail "the shim did not kill kpi -j 1 (exit $rc)"
    else
        echo "note: cc could not build the shim; part 3 skipped"
        cat "$work/cc.log"
    fi
else
    echo "note: no cc; part 3 skipped"
fi

# --- 4. Bad values -------------------------------------------------------
for bad in "-j 0" "-j x" "-j 2000" "-j"; do
    "$kpi" report "$root/examples/eksempel" --no-history --month "$month" \
        -o "$work/bad" $bad >/dev/null 2>&1
    rc=$?
    [ $rc = 2 ] || fail "kpi report $bad: exit $rc, not 2"
done
KPI_JOBS=-1 "$kpi" report "$root/examples/eksempel" --no-history --month "$month" \
    -o "$work/bad" >/dev/null 2>&1
rc=$?
[ $rc = 2 ] || fail "KPI_JOBS=-1: exit $rc, not 2"
[ -e "$work/bad" ] && fail "a bad -j wrote OUTDIR"
KPI_JOBS=0 "$kpi" export "$root/examples/eksempel" --month "$month" \
    >"$work/bad.csv" 2>&1
rc=$?
[ $rc = 2 ] || fail "KPI_JOBS=0 kpi export: exit $rc, not 2"

if [ $failures -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: the same bytes and words with 1, 2, 3 and 7 jobs (the export with 1, 2 and 5); a dead worker writes nothing"
