#!/bin/bash
# generator.sh - kpi-gen is deterministic and examples/eksempel is its
# output.
#
# usage: bash generator.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
#
# Checks: two runs with the same arguments give identical bytes (example
# and bench modes); another seed gives other data; the committed
# examples/eksempel equals a fresh `kpi-gen --out DIR`; nothing in the
# example looks like a CPR number; --measures N writes exactly N measures.
set -u

gen=$2
fixtures=$3
example=$(cd "$fixtures/../.." && pwd)/examples/eksempel

export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87"

work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-gen.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT

failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

run() { # run DIR ARGS...: kpi-gen --out DIR ARGS, quietly
    local dir=$1
    shift
    if ! "$gen" --out "$dir" "$@" > "$work/stdout" 2> "$work/stderr"; then
        fail "kpi-gen --out $dir $*: exit status $?"
        sed 's/^/    stderr: /' "$work/stderr" | head -n 5
        return 1
    fi
}

# 1. The example: deterministic, and the committed copy is up to date.
run "$work/a" && run "$work/b" || exit 1
diff -r "$work/a" "$work/b" > /dev/null || fail "two runs of kpi-gen differ"
for f in measures cases notifications deadlines complaints reviews \
         inspections waitlist outcomes postings budget; do
    [ -s "$work/a/$f.csv" ] || fail "example: $f.csv missing or empty"
done
[ -s "$work/a/kpi.ini" ] || fail "example: kpi.ini missing"
if [ -d "$example" ]; then
    if ! diff -r "$example" "$work/a" > "$work/diff"; then
        fail "examples/eksempel differs from a fresh kpi-gen run; regenerate it with: kpi-gen --out examples/eksempel"
        head -n 10 "$work/diff" | sed 's/^/    /'
    fi
else
    fail "examples/eksempel is missing"
fi

# 2. Privacy: no value shaped like a CPR number (ddmmyy-xxxx or 10 digits).
if grep -rEq '(^|[^0-9])[0-9]{6}-?[0-9]{4}([^0-9]|$)' "$work/a"/*.csv; then
    fail "example contains a value shaped like a CPR number"
    grep -rEn '(^|[^0-9])[0-9]{6}-?[0-9]{4}([^0-9]|$)' "$work/a"/*.csv |
        head -n 3 | sed 's/^/    /'
fi

# 3. A different seed gives different measures, the same seed the same.
run "$work/s7" --seed 7 || exit 1
cmp -s "$work/a/measures.csv" "$work/s7/measures.csv" &&
    fail "--seed 7 gave the same measures as the default seed"

# 4. Bench mode: exactly N measures (plus the header), only the four files,
#    deterministic.
run "$work/n1" --measures 5000 --seed 3 && run "$work/n2" --measures 5000 --seed 3 || exit 1
diff -r "$work/n1" "$work/n2" > /dev/null || fail "two bench runs differ"
lines=$(wc -l < "$work/n1/measures.csv")
[ "$lines" -eq 5001 ] || fail "--measures 5000 wrote $((lines - 1)) measures"
files=$(cd "$work/n1" && ls | tr '\n' ' ')
[ "$files" = "budget.csv kpi.ini measures.csv postings.csv " ] ||
    fail "bench mode wrote: $files"

# 5. Other as-of months and municipality names are honoured.
run "$work/m" --as-of 2025-03 --municipality "Østby Kommune" || exit 1
grep -q '^name = Østby Kommune$' "$work/m/kpi.ini" || fail "--municipality not in kpi.ini"
grep -q '^2025-03;' "$work/m/postings.csv" || fail "--as-of 2025-03: no postings for 2025-03"
grep -q '^2025-04;' "$work/m/postings.csv" && fail "--as-of 2025-03: postings after the as-of month"
grep -q '^2023-01;' "$work/m/postings.csv" || fail "--as-of 2025-03: postings do not start in 2023-01"

# 6. Usage errors exit 2.
"$gen" > /dev/null 2>&1
[ $? -eq 2 ] || fail "no --out: exit status is not 2"
"$gen" --out "$work/x" --measures 0 > /dev/null 2>&1
[ $? -eq 2 ] || fail "--measures 0: exit status is not 2"

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "generator: all checks passed"
