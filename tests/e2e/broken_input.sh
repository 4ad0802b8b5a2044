#!/bin/bash
# broken_input.sh - every class of broken input stops `kpi export` and
# `kpi report` cleanly (docs/BROKEN_INPUT.md lists the classes).
#
# usage: bash broken_input.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# Each folder in FIXTURES_DIR/broken/ is a dataset with ONE broken thing and
# a file `expect` holding a grep -E pattern the diagnostics must match
# (file:line and usually the column). For each we check that
#   - `kpi export DIR --month 2026-10 -o TMP/out.csv` exits with 1 (not a
#     crash, not a sanitizer report),
#   - stderr matches the pattern and ends with "kpi: N errors; nothing written",
#   - nothing was written: no out.csv, no leftover temporary file, no stdout,
#   - `kpi report DIR --month 2026-10 -o TMP/report` the same: exit 1, the
#     pattern, the last line, no stdout, and neither the OUTDIR nor a
#     hidden staging folder next to it was created,
#   - `kpi check DIR` exits with 1 as well.
# A folder with measures.csv.in instead of measures.csv is a template: @LONG@
# in it is replaced by a 10 MB field in a temporary copy (too big to commit).
set -u

kpi=$1
case $kpi in /*) ;; *) kpi=$PWD/$kpi ;; esac # the demo test changes folder
fixtures=$3
broken=$fixtures/broken
month=2026-10

# A sanitizer report must not pass for "exit status 1": give them their own.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87"

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-broken.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
    echo "FAIL [$1]: $2"
    failures=$((failures + 1))
}

# Expands a measures.csv.in template into dest/measures.csv with `fill`
# (the literal field text, or "10MB" for 10 MiB of 'x') in place of @LONG@.
expand_template() {
    local src=$1 dest=$2 fill=$3 line
    mkdir -p "$dest"
    for f in "$src"/*; do
        case ${f##*/} in
        expect | measures.csv.in) ;;
        *) cp "$f" "$dest/" ;;
        esac
    done
    line=$(grep -a '@LONG@' "$src/measures.csv.in")
    {
        sed '/@LONG@/,$d' "$src/measures.csv.in"
        printf '%s' "${line%%@LONG@*}"
        if [ "$fill" = 10MB ]; then
            head -c 10485760 /dev/zero | tr '\0' x
        else
            printf '%s' "$fill"
        fi
        printf '%s\n' "${line#*@LONG@}"
        sed '1,/@LONG@/d' "$src/measures.csv.in"
    } >"$dest/measures.csv"
}

run() { # run LABEL ARGS...: sets rc; stdout/stderr in $work/stdout, stderr
    if command -v timeout >/dev/null; then
        timeout 60 "$kpi" "${@:2}" >"$work/stdout" 2>"$work/stderr"
    else
        "$kpi" "${@:2}" >"$work/stdout" 2>"$work/stderr"
    fi
    rc=$?
}

# refused NAME OUT COMMAND ARGS...: runs `kpi COMMAND ARGS...`, which must
# refuse the broken input: exit 1, $pattern in stderr, the summary line
# last, no stdout, no sanitizer report, and nothing at all in OUT.
refused() {
    local name=$1 out=$2 cmd=$3 before=$failures
    run "$name" "${@:3}"
    if [ "$rc" -eq 124 ]; then
        fail "$name" "kpi $cmd timed out after 60 s"
    elif [ "$rc" -ne 1 ]; then
        fail "$name" "kpi $cmd exited with $rc, expected 1"
    fi
    if grep -aqE 'AddressSanitizer|LeakSanitizer|runtime error:' "$work/stderr"; then
        fail "$name" "kpi $cmd: sanitizer report"
    fi
    if ! grep -aqE -- "$pattern" "$work/stderr"; then
        fail "$name" "kpi $cmd: stderr does not match /$pattern/"
    fi
    if ! tail -n 1 "$work/stderr" | grep -aqE '^kpi: [0-9]+ errors?; nothing written$'; then
        fail "$name" "kpi $cmd: last line is not 'kpi: N errors; nothing written'"
    fi
    if [ -s "$work/stdout" ]; then
        fail "$name" "kpi $cmd wrote to stdout"
    fi
    if [ -n "$(ls -A "$out")" ]; then
        fail "$name" "kpi $cmd left files behind: $(ls -A "$out" | tr '\n' ' ')"
    fi
    if [ "$failures" -gt "$before" ]; then
        echo "  stderr of kpi $cmd (first 20 lines, 300 bytes each):"
        head -n 20 "$work/stderr" | cut -c1-300 | sed 's/^/    /'
    fi
}

# The fixtures share one valid base dataset, so each one fails for its one
# broken thing only. Check the base itself loads: the long_line template
# with an ordinary provider name in place of the 10 MB field.
if [ -f "$broken/long_line/measures.csv.in" ]; then
    expand_template "$broken/long_line" "$work/control" "Børnehjemmet Solbakken"
    run control check "$work/control"
    if [ "$rc" -ne 0 ]; then
        fail control "the unbroken base dataset does not load (exit $rc):"
        sed 's/^/    /' "$work/stderr"
    fi
    rm -rf "$work/control"
fi

n=0
for dir in "$broken"/*/; do
    dir=${dir%/}
    name=${dir##*/}
    if [ ! -f "$dir/expect" ]; then
        fail "$name" "no expect file"
        continue
    fi
    n=$((n + 1))
    pattern=$(cat "$dir/expect")
    dataset=$dir
    if [ -f "$dir/measures.csv.in" ]; then
        dataset=$work/dataset-$name
        expand_template "$dir" "$dataset" 10MB
    fi
    out=$work/out-$name
    mkdir "$out"
    refused "$name" "$out" export "$dataset" --month "$month" -o "$out/out.csv"
    # OUTDIR's parent is $out: neither OUTDIR nor a .kpi-report.* staging
    # folder may appear there.
    refused "$name" "$out" report "$dataset" --month "$month" -o "$out/report"

    run "$name" check "$dataset"
    if [ "$rc" -ne 1 ]; then
        fail "$name" "kpi check exited with $rc, expected 1"
    fi
    rm -rf "$out" "$work/dataset-$name"
done

# The classes of docs/BROKEN_INPUT.md: a fixture lost must not pass.
if [ "$n" -lt 24 ]; then
    fail setup "found $n broken-input classes in $broken, expected 24"
fi
if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: $n broken-input classes rejected, nothing written"
