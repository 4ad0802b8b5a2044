#!/bin/bash
# pack_attack.sh - the fagudvalg and direktion packs of the example and of
# a generated municipality are attacked by an independent checker
# (pack_attack.py, SPEC §7): against the unsuppressed `kpi export`, every
# `<5` must be a true count of 1-4, every mark must say the truth, and no
# hidden cell may be worked out from the visible ones (breakdown vs total,
# rows, columns, to date vs the months, the same number in two tables,
# count x mean, min and max, the bounds `<5` gives, a change shown beside a
# hidden value), and September's and October's packs of the example are
# attacked together (a reader who keeps last month's pack).
#
# The checker is first shown to fail: on a small pack suppressed by hand
# as SPEC §7 says it passes, and each of its mutations (a lying mark, a
# leak, a dash on a non-zero, a mean of 3 children, a minimum given away)
# is found; on a real pack, marking a shown 7 as <5 and showing one of two
# hidden members beside their total each add the expected finding.
#
# usage: bash pack_attack.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
set -u

# Until SPEC §7's suppression is merged, main's packs lie (cells of any
# value hidden as <5) and leak (to date minus the months, the bounds <5
# gives): `leaky` asserts that the checker finds that. When the suppression
# is merged this line becomes expect=safe and every pack must pass.
expect=${KPI_ATTACK_EXPECT:-safe}

kpi=$1
gen=$2
here=$(cd "$(dirname "$0")" && pwd)
example=$here/../../examples/eksempel
attack=$here/pack_attack.py

command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-attack.XXXXXX") || exit 3
trap 'rm -rf "$work"' EXIT
failed=()
fail() { echo "FAIL: $1"; failed+=("$1"); }

# report DATASET MONTH NAME: the packs in $work/NAME, the export beside.
report() {
    if ! "$kpi" report "$1" --no-history --month "$2" -o "$work/$3" >"$work/$3.log" 2>&1 ||
        ! "$kpi" export "$1" --no-history --month "$2" -o "$work/$3.csv" 2>>"$work/$3.log"; then
        echo "FAIL: kpi report or export failed on $3:"
        grep -v 'warning:' "$work/$3.log" | head -n 5
        exit 1
    fi
}

report "$example" 2026-10 example
report "$example" 2026-09 example9
# A month where small cells occur: September, a quarter's end (fagudvalg).
"$gen" --out "$work/gen" --seed 7 --measures 5000 --as-of 2026-09 >/dev/null ||
    { echo "FAIL: kpi-gen failed"; exit 1; }
report "$work/gen" 2026-09 gen
# A very small municipality (60 measures): most counts are 1-4, a year's
# high-cost cases among them, whose monthly reimbursement must hide with
# the year's. kpi-gen names as recipients only the caseworkers and teams
# its measures have, so the report runs on its kpi.ini as written.
"$gen" --out "$work/small" --seed 11 --measures 60 --as-of 2026-12 >/dev/null ||
    { echo "FAIL: kpi-gen failed"; exit 1; }
report "$work/small" 2026-12 small

# --- the checker can fail ------------------------------------------------
if ! python3 "$attack" --self-test "$work/example.csv" \
    "$work/example/lis-fagudvalg-udvalg-2026-10.xlsx" >"$work/self" 2>&1; then
    fail "the self-test of the checker:"
    grep -v '^ok' "$work/self" | head -n 20
fi
if ! python3 "$attack" --self-test "$work/gen.csv" \
    "$work/gen/lis-direktion-direktion-2026-09.xlsx" >"$work/self" 2>&1; then
    fail "the self-test of the checker on the generated municipality:"
    grep -v '^ok' "$work/self" | head -n 20
fi

# --- the attack ----------------------------------------------------------
packs=0
for name in example gen small; do
    for book in "$work/$name"/lis-fagudvalg-*.xlsx "$work/$name"/lis-direktion-*.xlsx; do
        [ -f "$book" ] || { fail "no fagudvalg or direktion pack in $name"; continue; }
        packs=$((packs + 1))
        python3 "$attack" "$work/$name.csv" "$book" >"$work/found"
        status=$?
        [ "$status" -le 1 ] || { fail "the checker crashed on $(basename "$book")"; cat "$work/found"; continue; }
        summary=$(tail -n 1 "$work/found")
        case $expect in
        safe)
            if [ "$status" -ne 0 ]; then
                fail "$name: $summary"
                head -n 15 "$work/found"
            fi
            ;;
        leaky)
            # main's known defects: lying marks on every pack.
            grep -q ': lie: ' "$work/found" || fail "$name: no lying mark found on main's packs: $summary"
            echo "known (expect=leaky): $name: $summary"
            ;;
        *) fail "KPI_ATTACK_EXPECT must be safe or leaky" ;;
        esac
    done
done
[ "$packs" -ge 4 ] || fail "only $packs packs attacked"

# --- across months: a reader who keeps September's pack too ---------------
# (SPEC §7: no hidden value from periods; last month's to date is
# published.) Before docs/PRIVACY.md's rule 6, October's 2 inspections
# were January-October's 16 minus January-September's 14.
for pack in lis-fagudvalg-udvalg lis-direktion-direktion; do
    python3 "$attack" --together "$work/example9.csv" "$work/example9/$pack-2026-09.xlsx" \
        "$work/example.csv" "$work/example/$pack-2026-10.xlsx" >"$work/together"
    status=$?
    [ "$status" -le 1 ] || { fail "the checker crashed on $pack together"; cat "$work/together"; continue; }
    if [ "$status" -ne 0 ]; then
        fail "$pack, September's and October's together: $(tail -n 1 "$work/together")"
        grep -v '(a complement)' "$work/together" | head -n 10
    fi
    packs=$((packs + 1))
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "${#failed[@]} failure(s)"
    exit 1
fi
echo "ok: the checker catches lying marks and leaks; $packs packs attacked (expect=$expect)"
exit 0
