#!/bin/bash
# bridge_calc.sh - kpi.oxt's Calc functions, evaluated by LibreOffice itself.
#
# usage: bash bridge_calc.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR [KPI_OXT]
#
# Installs kpi.oxt (default: bridge/kpi.oxt next to KPI_BIN) into a fresh
# profile, loads a sheet whose cells call every function (a CSV imported
# with formula evaluation: an .xlsx does not recalculate and does not know
# add-in names, see PLATFORM.md), exports the results as CSV and compares
# each cell with what libkpi answers (kpi_bridge_expect) and with the value
# worked out by hand below. Bad arguments must give Err:502 (the add-in's
# IllegalArgumentException), and LibreOffice must survive them.
# Exit 77 (skipped) when LibreOffice or kpi.oxt is missing.
set -u

kpi=$1
case $kpi in /*) ;; *) kpi=$PWD/$kpi ;; esac
oxt_arg=${4:-}
[ -n "$oxt_arg" ] && case $oxt_arg in /*) ;; *) oxt_arg=$PWD/$oxt_arg ;; esac
. "$(dirname "$0")/../../bridge/testing.sh"
bridge_setup "$kpi" "$oxt_arg"

failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

# label | formula | kind | by hand | kpi_bridge_expect arguments
# kind: money (kroner, to the øre), real (1e-9), int, err (must be Err:502).
cases=$(cat <<'EOF'
kl_2010|KPI_DISPOSED(DATE(2010;10;1);DATE(2011;4;30);10250;"month";2010)|money|30750|disposed 2010-10-01 2011-04-30 10250 month 2010
kl_2011|KPI_DISPOSED(DATE(2010;10;1);DATE(2011;4;30);10250;"month";2011)|money|41000|disposed 2010-10-01 2011-04-30 10250 month 2011
day_month_end|KPI_DISPOSED(DATE(2026;1;20);DATE(2026;2;10);1234.56;"døgn";2026)|money|27160.32|disposed 2026-01-20 2026-02-10 1234.56 day 2026
ongoing_omitted|KPI_DISPOSED(DATE(2026;3;15);;1000;"day";2026)|money|292000|disposed 2026-03-15 - 1000 day 2026
ongoing_empty_cell|KPI_DISPOSED(DATE(2026;3;15);Z1;1000;"day";2026)|money|292000|disposed 2026-03-15 - 1000 day 2026
ongoing_blank_text|KPI_DISPOSED(DATE(2026;3;15);"";1000;"day";2026)|money|292000|disposed 2026-03-15 - 1000 day 2026
ongoing_month|KPI_DISPOSED(DATE(2025;11;1);;10250;"month";2026)|money|123000|disposed 2025-11-01 - 10250 month 2026
week|KPI_DISPOSED(DATE(2026;2;1);DATE(2026;2;14);700;"uge";2026)|money|1400|disposed 2026-02-01 2026-02-14 700 week 2026
year_leap_text_end|KPI_DISPOSED(DATE(2024;3;1);"2024-03-31";366000;"year";2024)|money|31000|disposed 2024-03-01 2024-03-31 366000 year 2024
month_partial|KPI_DISPOSED(DATE(2026;2;15);DATE(2026;3;31);2800;"month";2026)|money|4200|disposed 2026-02-15 2026-03-31 2800 month 2026
rounding|KPI_DISPOSED(DATE(2026;1;1);DATE(2026;1;1);100;"month";2026)|money|3.23|disposed 2026-01-01 2026-01-01 100 month 2026
bad_unit|KPI_DISPOSED(DATE(2026;3;15);;1000;"fortnight";2026)|err||
end_before_start|KPI_DISPOSED(DATE(2026;3;15);DATE(2026;3;1);1000;"day";2026)|err||
year_zero|KPI_DISPOSED(DATE(2026;3;15);;1000;"day";0)|err||
year_fraction|KPI_DISPOSED(DATE(2026;3;15);;1000;"day";2026.5)|err||
price_huge|KPI_DISPOSED(DATE(2026;3;15);;1E+300;"day";2026)|err||
start_out_of_range|KPI_DISPOSED(1E+9;;1000;"day";2026)|err||
end_not_a_date|KPI_DISPOSED(DATE(2026;3;15);"banana";1000;"day";2026)|err||
fy_year|KPI_FULLYEAR(D2:D4;E2:E4;DATE(2026;1;1);DATE(2026;12;31))|real|1|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30 2026-07-01:-
fy_october|KPI_FULLYEAR(D5:D6;E5:E6;DATE(2026;10;1);DATE(2026;10;31))|real|1.3225806452|fullyear 2026-10-01 2026-10-31 2026-10-11:2026-10-20 2026-09-01:-
fy_all|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31))|real|1.3616438356|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30 2026-07-01:- 2026-10-11:2026-10-20 2026-09-01:-
fy_range_backwards|KPI_FULLYEAR(D8;E8;DATE(2026;1;1);DATE(2026;12;31))|err||
fy_shapes_differ|KPI_FULLYEAR(D2:D3;E2:E4;DATE(2026;1;1);DATE(2026;12;31))|err||
fy_period_backwards|KPI_FULLYEAR(D2:D4;E2:E4;DATE(2026;12;31);DATE(2026;1;1))|err||
fy_children|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);F2:F6)|real|1.3342465753|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30=A 2026-07-01:-=A 2026-10-11:2026-10-20=B 2026-09-01:-=B
fy_children_october|KPI_FULLYEAR(D5:D6;E5:E6;DATE(2026;10;1);DATE(2026;10;31);F5:F6)|real|1|fullyear 2026-10-01 2026-10-31 2026-10-11:2026-10-20=B 2026-09-01:-=B
fy_children_numbers|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);G2:G6)|real|1|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30=7 2026-07-01:-=7 2026-10-11:2026-10-20=7 2026-09-01:-=7
fy_children_shape|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);F2:F5)|err||
fy_children_missing|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);H2:H6)|err||
quantity|KPI_QUANTITY_EFFECT(12.5;10;250000)|money|625000|quantity 12.5 10 250000
quantity_negative|KPI_QUANTITY_EFFECT(9.75;10;250000.01)|money|-62500|quantity 9.75 10 250000.01
quantity_huge|KPI_QUANTITY_EFFECT(1E+10;10;1)|err||
price|KPI_PRICE_EFFECT(260000.5;250000;12.5)|money|125006.25|price 260000.50 250000 12.5
price_huge|KPI_PRICE_EFFECT(1E+12;0;1)|err||
reimb_below|KPI_REIMBURSEMENT(71666.66;2026)|money|0|reimbursement 71666.66
reimb_one_band|KPI_REIMBURSEMENT(100000;2026)|money|7083.33|reimbursement 100000
reimb_two_bands|KPI_REIMBURSEMENT(150000;2026)|money|22083.33|reimbursement 150000
reimb_three_bands|KPI_REIMBURSEMENT(200000;2026)|money|52916.67|reimbursement 200000
reimb_income_over_cost|KPI_REIMBURSEMENT(-5000;2026)|money|0|reimbursement -5000
reimb_bad_year|KPI_REIMBURSEMENT(200000;0)|err||
age_birthday|KPI_AGE(DATE(2010;5;17);DATE(2026;5;17))|int|16|age 2010-05-17 2026-05-17
age_day_before|KPI_AGE(DATE(2010;5;17);DATE(2026;5;16))|int|15|age 2010-05-17 2026-05-16
age_leap_feb28|KPI_AGE(DATE(2008;2;29);DATE(2026;2;28))|int|17|age 2008-02-29 2026-02-28
age_leap_mar1|KPI_AGE(DATE(2008;2;29);DATE(2026;3;1))|int|18|age 2008-02-29 2026-03-01
age_before_birth|KPI_AGE(DATE(2010;5;17);DATE(2009;1;1))|err||
EOF
)
# Hand working:
#  kl_*: KL's example, 10.250 kr./month from 1 Oct 2010 to 30 Apr 2011:
#        3 months in 2010 = 30.750, 4 months in 2011 = 41.000.
#  day_month_end: 12 days in January (20-31) + 10 in February = 22 x 1234.56
#        = 27160.32.
#  ongoing_*: 15 Mar-31 Dec 2026 = 17+30+31+30+31+31+30+31+30+31 = 292 days
#        x 1000. An empty end (omitted, an empty cell, "") is ongoing.
#  ongoing_month: running all of 2026: 12 x 10250 = 123000.
#  week: 14 days x 700/7 = 1400. year_leap: 31 x 366000/366 = 31000.
#  month_partial: 14/28 x 2800 + 2800 = 4200.
#  rounding: 10000 øre x 1/31 = 322.58 øre -> 323 øre = 3.23 kr.
#  fy_year: 181 days (Jan-Jun) + 184 (Jul-Dec, open end) = 365/365 = 1;
#        the blank row 4 of the ranges is skipped.
#  fy_october: 10 days (11-20 Oct) + 31 (open since 1 Sep) = 41/31.
#  fy_all: 181 + 184 + 10 + 122 (1 Sep-31 Dec) = 497/365 = 1.3616438356.
#        Without the fifth argument every row is a person of its own, as
#        before the argument existed: these values do not change.
#  fy_children: the same rows with children (column F): A has rows 2 and 3,
#        B rows 5 and 6. A: 1 Jan-30 Jun and 1 Jul-(open) join into the
#        whole year, 365 days; B: 11-20 Oct lies inside 1 Sep-31 Dec, so B
#        counts 122 days, not 132. (365 + 122)/365 = 487/365 = 1.3342465753.
#  fy_children_october: B covers all of October once: 31/31 = 1 (without
#        children fy_october counts 10 + 31 = 41 days).
#  fy_children_numbers: column G gives every row the child 7 (a number):
#        the union of all rows is 1 Jan-31 Dec, 365/365 = 1.
#  fy_children_shape: four children for five rows: Err:502.
#  fy_children_missing: column H is empty, so the dated rows have no child:
#        Err:502 (the blank row 4 needs none).
#  quantity: (12.5 - 10) x 250000 = 625000.
#  quantity_negative: -0.25 x 25000001 øre = -6250000.25 -> -6250000 øre.
#  price: 1000050 øre x 12.5 = 12500625 øre = 125006.25.
#  reimbursement: one household's net cost in one month against 1/12 of
#        860000/1680000/2120000 (71666.666.../140000/176666.666...) at
#        25/50/75 %, rounded to the øre once:
#        71666.66 is under 71666.666...: 0;
#        100000 -> 25 % x 28333.333... = 7083.333... -> 7083.33;
#        150000 -> 25 % x 68333.333... + 50 % x 10000 = 17083.333... + 5000
#        = 22083.333... -> 22083.33;
#        200000 -> 17083.333... + 50 % x 36666.666... + 75 % x
#        23333.333... = 17083.333... + 18333.333... + 17500 = 52916.666...
#        -> 52916.67; a month with more income than cost: 0.
#  age: 17 May 2010 -> 16 on 17 May 2026, 15 the day before; born 29 Feb
#        2008: 17 on 28 Feb 2026, 18 on 1 Mar 2026.

# The sheet: A label, B the formula, C its text; D/E date ranges (row 2 as
# date serials, the rest as date text, which the add-in also reads); F the
# child of each range as text, G as a number, H empty (KPI_FULLYEAR's
# optional fifth argument).
sheet=$work/functions.csv
{
    printf 'label\tresult\tformula\tstart\tend\tchild\tchild_no\tnone\n'
    row=2
    while IFS='|' read -r label formula kind hand args; do
        d='' e='' f='' g=''
        case $row in
        2) d='=DATE(2026;1;1)' e='=DATE(2026;6;30)' f=A g=7 ;;
        3) d='2026-07-01' f=A g=7 ;;
        5) d='2026-10-11' e='2026-10-20' f=B g=7 ;;
        6) d='2026-09-01' f=B g=7 ;;
        8) d='2026-05-01' e='2026-04-01' ;;
        esac
        printf '%s\t=%s\t%s\t%s\t%s\t%s\t%s\t\n' "$label" "$formula" "$formula" \
            "$d" "$e" "$f" "$g"
        row=$((row + 1))
    done <<<"$cases"
} >"$sheet"

profile=$work/profile
lo_install "$profile" || exit 1
# Import: tab-separated, UTF-8, formulas evaluated. Export: comma-separated,
# raw values (not "as shown"), so fractions keep their digits.
if ! lo_run "$profile" \
    --infilter="CSV:9,34,76,1,,1033,false,false,false,false,false,-1,true" \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,false,false,false,false,1' \
    --outdir "$work/out" "$sheet" >"$work/soffice.log" 2>&1; then
    echo "FAIL: soffice did not convert the sheet (crashed or timed out)"
    sed 's/^/    soffice: /' "$work/soffice.log"
    exit 1
fi
result=$(ls "$work"/out/*.csv 2>/dev/null | head -n 1)
if [ -z "$result" ]; then
    echo "FAIL: soffice wrote no CSV"
    sed 's/^/    soffice: /' "$work/soffice.log"
    exit 1
fi

# near A B TOLERANCE: |A - B| <= TOLERANCE, both numbers.
near() {
    awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {
        if (a !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/) exit 1
        if (b !~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/) exit 1
        d = a - b; if (d < 0) d = -d; exit !(d <= t) }'
}

checked=0
while IFS='|' read -r label formula kind hand args; do
    cell=$(awk -F, -v l="$label" '$1 == l { v = $2; gsub(/"/, "", v); print v; exit }' "$result")
    checked=$((checked + 1))
    if [ "$kind" = err ]; then
        [ "$cell" = "Err:502" ] || fail "$label: $formula gave '$cell', want Err:502"
        continue
    fi
    # shellcheck disable=SC2086 # the arguments are words
    want=$("$expect" $args) || { fail "$label: kpi_bridge_expect $args failed"; continue; }
    case $kind in
    money) tol=0.001 ;;
    real) tol=0.000000001 ;;
    int) tol=0 ;;
    esac
    near "$want" "$hand" "$tol" || fail "$label: libkpi says $want, worked by hand $hand"
    near "$cell" "$want" "$tol" || fail "$label: $formula gave '$cell' in Calc, libkpi says $want"
done <<<"$cases"

if [ "$checked" -lt 43 ]; then
    fail "only $checked cases checked"
fi
if [ "$failures" -ne 0 ]; then
    echo "--- Calc's results:"
    sed 's/^/    /' "$result"
    echo "$failures failure(s)"
    exit 1
fi
echo "bridge_calc: $checked cells agree with libkpi"
