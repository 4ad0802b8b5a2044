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

. "$(dirname "$0")/../../bridge/testing.sh"
bridge_setup "$1" "${4:-}"

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
bad_unit|KPI_DISPOSED(DATE(2026;3;15);;1000;"fortnight";2026)|err|unit "fortnight" is not a unit: use month, day, week or year (or måned, dag, døgn, uge, år)|enhed "fortnight" er ikke en enhed: brug måned, dag, døgn, uge eller år (eller month, day, week, year)
end_before_start|KPI_DISPOSED(DATE(2026;3;15);DATE(2026;3;1);1000;"day";2026)|err|the end date is before the start date|slutdatoen ligger før startdatoen
year_zero|KPI_DISPOSED(DATE(2026;3;15);;1000;"day";0)|err|year is blank or 0 (Calc passes an empty cell as 0): fill it in, or leave the whole row blank for an empty result|år er tom eller 0 (Calc giver en tom celle som 0): udfyld den, eller lad hele rækken være tom for et tomt resultat
year_fraction|KPI_DISPOSED(DATE(2026;3;15);;1000;"day";2026.5)|err|year is not a whole year from 1 to 9999|år er ikke et helt år fra 1 til 9999
price_huge|KPI_DISPOSED(DATE(2026;3;15);;1E+300;"day";2026)|err|price is more than 100 billion kroner|pris er mere end 100 mia. kroner
start_out_of_range|KPI_DISPOSED(1E+9;;1000;"day";2026)|err|start is outside the years 1 to 9999|start ligger uden for årene 1 til 9999
end_not_a_date|KPI_DISPOSED(DATE(2026;3;15);"banana";1000;"day";2026)|err|end is not a date: "banana" (write 2026-10-31, 31-10-2026 or 31.10.2026, or use DATE)|slut er ikke en dato: "banana" (skriv 2026-10-31, 31-10-2026 eller 31.10.2026, eller brug DATO)
fy_year|KPI_FULLYEAR(D2:D4;E2:E4;DATE(2026;1;1);DATE(2026;12;31))|real|1|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30 2026-07-01:-
fy_october|KPI_FULLYEAR(D5:D6;E5:E6;DATE(2026;10;1);DATE(2026;10;31))|real|1.3225806452|fullyear 2026-10-01 2026-10-31 2026-10-11:2026-10-20 2026-09-01:-
fy_all|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31))|real|1.3616438356|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30 2026-07-01:- 2026-10-11:2026-10-20 2026-09-01:-
fy_range_backwards|KPI_FULLYEAR(D8;E8;DATE(2026;1;1);DATE(2026;12;31))|err|row 1 of the ranges ends before it starts|række 1 i områderne slutter før den begynder
fy_shapes_differ|KPI_FULLYEAR(D2:D3;E2:E4;DATE(2026;1;1);DATE(2026;12;31))|err|the start and end ranges differ in size|områderne med start- og slutdatoer har forskellig størrelse
fy_period_backwards|KPI_FULLYEAR(D2:D4;E2:E4;DATE(2026;12;31);DATE(2026;1;1))|err|the period ends before it starts|perioden slutter før den begynder
fy_children|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);F2:F6)|real|1.3342465753|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30=A 2026-07-01:-=A 2026-10-11:2026-10-20=B 2026-09-01:-=B
fy_children_october|KPI_FULLYEAR(D5:D6;E5:E6;DATE(2026;10;1);DATE(2026;10;31);F5:F6)|real|1|fullyear 2026-10-01 2026-10-31 2026-10-11:2026-10-20=B 2026-09-01:-=B
fy_children_numbers|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);G2:G6)|real|1|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30=7 2026-07-01:-=7 2026-10-11:2026-10-20=7 2026-09-01:-=7
fy_children_shape|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);F2:F5)|err|children differs in size from the date ranges|børn har ikke samme størrelse som datoområderne
fy_children_missing|KPI_FULLYEAR(D2:D6;E2:E6;DATE(2026;1;1);DATE(2026;12;31);H2:H6)|err|row 1 has dates but no child in children|række 1 har datoer men intet barn i børn
quantity|KPI_QUANTITY_EFFECT(12.5;10;250000)|money|625000|quantity 12.5 10 250000
quantity_negative|KPI_QUANTITY_EFFECT(9.75;10;250000.01)|money|-62500|quantity 9.75 10 250000.01
quantity_huge|KPI_QUANTITY_EFFECT(1E+10;10;1)|err|n is more than 100000 full-year recipients|n er mere end 100000 helårspersoner
price|KPI_PRICE_EFFECT(260000.5;250000;12.5)|money|125006.25|price 260000.50 250000 12.5
price_effect_huge|KPI_PRICE_EFFECT(1E+12;0;1)|err|p is more than 100 billion kroner|p er mere end 100 mia. kroner
reimb_below|KPI_REIMBURSEMENT(71666.66;2026)|money|0|reimbursement 71666.66
reimb_one_band|KPI_REIMBURSEMENT(100000;2026)|money|7083.33|reimbursement 100000
reimb_two_bands|KPI_REIMBURSEMENT(150000;2026)|money|22083.33|reimbursement 150000
reimb_three_bands|KPI_REIMBURSEMENT(200000;2026)|money|52916.67|reimbursement 200000
reimb_income_over_cost|KPI_REIMBURSEMENT(-5000;2026)|money|0|reimbursement -5000
reimb_bad_year|KPI_REIMBURSEMENT(200000;0)|err|year is blank or 0 (Calc passes an empty cell as 0): fill it in, or leave the whole row blank for an empty result|år er tom eller 0 (Calc giver en tom celle som 0): udfyld den, eller lad hele rækken være tom for et tomt resultat
age_birthday|KPI_AGE(DATE(2010;5;17);DATE(2026;5;17))|int|16|age 2010-05-17 2026-05-17
age_day_before|KPI_AGE(DATE(2010;5;17);DATE(2026;5;16))|int|15|age 2010-05-17 2026-05-16
age_leap_feb28|KPI_AGE(DATE(2008;2;29);DATE(2026;2;28))|int|17|age 2008-02-29 2026-02-28
age_leap_mar1|KPI_AGE(DATE(2008;2;29);DATE(2026;3;1))|int|18|age 2008-02-29 2026-03-01
age_before_birth|KPI_AGE(DATE(2010;5;17);DATE(2009;1;1))|err|the date is before the birth date|datoen ligger før fødselsdatoen
blank_start|KPI_DISPOSED(Z1;DATE(2026;6;30);1000;"day";2026)|err|start is blank: fill it in, or leave the whole row blank for an empty result|start er tom: udfyld den, eller lad hele rækken være tom for et tomt resultat
blank_start_text|KPI_DISPOSED("";DATE(2026;6;30);1000;"day";2026)|err|start is blank: fill it in, or leave the whole row blank for an empty result|start er tom: udfyld den, eller lad hele rækken være tom for et tomt resultat
blank_price|KPI_DISPOSED(DATE(2026;1;1);;Z1;"day";2026)|err|price is blank or 0 (Calc passes an empty cell as 0): fill it in, or leave the whole row blank for an empty result|pris er tom eller 0 (Calc giver en tom celle som 0): udfyld den, eller lad hele rækken være tom for et tomt resultat
zero_price|KPI_DISPOSED(DATE(2026;1;1);;0;"day";2026)|err|price is blank or 0 (Calc passes an empty cell as 0): fill it in, or leave the whole row blank for an empty result|pris er tom eller 0 (Calc giver en tom celle som 0): udfyld den, eller lad hele rækken være tom for et tomt resultat
blank_unit|KPI_DISPOSED(DATE(2026;1;1);;1000;Z1;2026)|err|unit is blank: fill it in, or leave the whole row blank for an empty result|enhed er tom: udfyld den, eller lad hele rækken være tom for et tomt resultat
blank_birth|KPI_AGE(Z1;DATE(2026;1;1))|err|birth is blank: fill it in, or leave the whole row blank for an empty result|født er tom: udfyld den, eller lad hele rækken være tom for et tomt resultat
blank_birth_date|KPI_AGE(DATE(2010;5;17);Z1)|err|date is blank: fill it in, or leave the whole row blank for an empty result|dato er tom: udfyld den, eller lad hele rækken være tom for et tomt resultat
blank_fy_period|KPI_FULLYEAR(D2:D4;E2:E4;Z1;DATE(2026;12;31))|err|from is blank: fill it in, or leave the whole row blank for an empty result|fra er tom: udfyld den, eller lad hele rækken være tom for et tomt resultat
blank_pb|KPI_QUANTITY_EFFECT(12.5;10;Z1)|err|pb is blank or 0 (Calc passes an empty cell as 0): fill it in, or leave the whole row blank for an empty result|pb er tom eller 0 (Calc giver en tom celle som 0): udfyld den, eller lad hele rækken være tom for et tomt resultat
text_start|KPI_DISPOSED("01.10.2010";"2011-04-30";10250;"måned";2010)|money|30750|disposed 2010-10-01 2011-04-30 10250 month 2010
text_age|KPI_AGE("17.05.2010";"17-05-2026")|int|16|age 2010-05-17 2026-05-17
text_fy_period|KPI_FULLYEAR(D2:D4;E2:E4;"2026-01-01";"31.12.2026")|real|1|fullyear 2026-01-01 2026-12-31 2026-01-01:2026-06-30 2026-07-01:-
text_not_a_date|KPI_AGE("17.13.2010";DATE(2026;1;1))|err|birth is not a date: "17.13.2010" (write 2026-10-31, 31-10-2026 or 31.10.2026, or use DATE)|født er ikke en dato: "17.13.2010" (skriv 2026-10-31, 31-10-2026 eller 31.10.2026, eller brug DATO)
kl_danish_name|KPI_DISPONERET(DATE(2010;10;1);DATE(2011;4;30);10250;"måned";2010)|money|30750|disposed 2010-10-01 2011-04-30 10250 month 2010
keep_kl_english_name|KPI_DISPOSED(DATE(2010;10;1);DATE(2011;4;30);10250;"month";2011)|money|41000|disposed 2010-10-01 2011-04-30 10250 month 2011
keep_age_english_name|KPI_AGE(DATE(2008;2;29);DATE(2026;3;1))|int|18|age 2008-02-29 2026-03-01
sum_row_1|KPI_DISPOSED(I{r};J{r};K{r};L{r};2026)|money|3100|disposed 2026-01-01 2026-01-31 100 day 2026
sum_row_2|KPI_DISPOSED(I{r};J{r};K{r};L{r};2026)|money|110|disposed 2026-02-01 - 10 month 2026
sum_row_blank|KPI_DISPOSED(I{r};J{r};K{r};L{r};2026)|empty||
sum_row_blank_age|KPI_AGE(I{r};J{r})|empty||
sum_row_blank_effect|KPI_PRICE_EFFECT(I{r};J{r};K{r})|empty||
sum_row_blank_reimb|KPI_REIMBURSEMENT(I{r};2026)|empty||
sum_total|SUM(B{r-6}:B{r-1})|sum|3210|
sum_count|COUNT(B{r-7}:B{r-2})|sum|2|
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

# Hand working of the cases added for issue 19:
#  blank_*: a blank start, birth date, date, period, price, unit or budget
#        price (an empty cell Z1, or "") in an otherwise filled call is an
#        error with its reason; 0 in a price is refused the same way
#        (Calc passes an empty cell as 0: docs/BRIDGE.md).
#  text_*: text dates in every date argument: 1 Oct 2010 - 30 Apr 2011 as
#        text is KL's example, 30.750; 17.05.2010 -> 16 on 17-05-2026; the
#        period as text gives fy_year's 1. 17.13.2010 is no date.
#  kl_danish_name / keep_*: the other language's names work too (keep_
#        rows keep their English names in the Danish run).
#  sum_*: rows of a column filled down over I..L: 1-31 Jan 2026 at 100 a
#        day = 3100; from 1 Feb 2026, ongoing, 10 a month = 11 x 10 = 110;
#        four blank rows (disposed, age, price effect, reimbursement) are
#        empty texts, so SUM = 3100 + 110 = 3210 and COUNT = 2.

# The sheet: A label, B the formula, C its reason function (the same
# arguments; empty when accepted); D/E date ranges (row 2 as date serials,
# the rest as date text); F the child of each range as text, G as a
# number, H empty (KPI_FULLYEAR's optional fifth argument); I..L a row's
# own start, end, price, unit for the sum_ rows.
#
# Run twice, in an English and a Danish interface (fresh profiles): the
# Danish sheet is written as a Danish user writes it (DATO, decimal comma,
# KPI_DISPONERET ...; keep_ rows keep their English kpi names), and the
# errors and reasons are expected in Danish.
checker=$work/check.py
cat >"$checker" <<'PYEOF'
import subprocess, sys, re, csv
mode, lang = sys.argv[1], sys.argv[2]
cases_text = open(sys.argv[3], encoding='utf-8').read()
DA_NAMES = [('KPI_QUANTITY_EFFECT', 'KPI_MÆNGDEEFFEKT'), ('KPI_PRICE_EFFECT', 'KPI_PRISEFFEKT'),
            ('KPI_REIMBURSEMENT', 'KPI_REFUSION'), ('KPI_FULLYEAR', 'KPI_HELÅRSPERSONER'),
            ('KPI_DISPOSED', 'KPI_DISPONERET'), ('KPI_AGE', 'KPI_ALDER')]
DANISH = [da for en, da in DA_NAMES]
cases = []
for line in cases_text.splitlines():
    if not line.strip():
        continue
    label, formula, kind, hand, args = (line.split('|') + [''] * 5)[:5]
    cases.append(dict(label=label, formula=formula, kind=kind, hand=hand, args=args))

def localize(formula, keep_names):
    """The formula as a user of the interface language types it."""
    if lang != 'da':
        return formula
    parts = formula.split('"')
    for i in range(0, len(parts), 2):  # outside text literals only
        p = parts[i]
        p = re.sub(r'(\d)\.(\d)', r'\1,\2', p)
        p = p.replace('DATE(', 'DATO(').replace('SUM(', 'SUM(').replace('COUNT(', 'TÆL(')
        if not keep_names:
            for en, da in DA_NAMES:
                p = re.sub(r'\b' + en + r'\(', da + '(', p)
        parts[i] = p
    return '"'.join(parts)

def reason_call(formula):
    m = re.match(r'^([A-ZÆØÅ_]+)\((.*)\)$', formula)
    if not m or not m.group(1).startswith('KPI_'):
        return ''
    name = m.group(1)
    suffix = '_FEJL' if name in DANISH else '_ERROR'
    return name + suffix + '(' + m.group(2) + ')'

ROWDATA = {'sum_row_1': ('2026-01-01', '2026-01-31', '100', 'day'),
           'sum_row_2': ('2026-02-01', '', '10', 'month')}
if mode == 'sheet':
    out = open(sys.argv[4], 'w', encoding='utf-8')
    out.write('label\tresult\treason\tstart\tend\tchild\tchild_no\tnone\tstart\tend\tprice\tunit\n')
    for n, c in enumerate(cases):
        row = n + 2
        f = c['formula']
        f = re.sub(r'\{r-(\d+)\}', lambda m: str(row - int(m.group(1))), f).replace('{r}', str(row))
        f = localize(f, c['label'].startswith('keep_'))
        d = e = ch = g = ''
        if row == 2: d, e, ch, g = ('=DATO(2026;1;1)', '=DATO(2026;6;30)', 'A', '7') if lang == 'da' else ('=DATE(2026;1;1)', '=DATE(2026;6;30)', 'A', '7')
        elif row == 3: d, ch, g = '2026-07-01', 'A', '7'
        elif row == 5: d, e, ch, g = '2026-10-11', '2026-10-20', 'B', '7'
        elif row == 6: d, ch, g = '2026-09-01', 'B', '7'
        elif row == 8: d, e = '2026-05-01', '2026-04-01'
        i, j, k, l = ROWDATA.get(c['label'], ('', '', '', ''))
        r = reason_call(f)
        out.write('\t'.join([c['label'], '=' + f, ('=' + r) if r else '', d, e, ch, g, '', i, j, k, l]) + '\n')
    sys.exit(0)

# mode == 'check': compare Calc's values (argv[4], tab-separated) with the
# cases, with libkpi (argv[5], kpi_bridge_expect) and with the hand values.
cells = {}
with open(sys.argv[4], encoding='utf-8', newline='') as fh:
    for rec in csv.reader(fh, delimiter='\t', quotechar='"'):
        if rec:
            cells[rec[0]] = (rec + ['', '', ''])[1:3]
expect = sys.argv[5]
failures = 0
checked = 0
err_text = 'Fejl:502' if lang == 'da' else 'Err:502'
def fail(msg):
    global failures
    failures += 1
    print('FAIL [%s]: %s' % (lang, msg))
def number(text):
    t = text.strip()
    if lang == 'da':
        t = t.replace('.', '').replace(',', '.') if ',' in t else t
    try:
        return float(t)
    except ValueError:
        return None
TOL = {'money': 0.001, 'real': 1e-9, 'int': 0, 'sum': 0.001}
for c in cases:
    label, kind = c['label'], c['kind']
    if label not in cells:
        fail('%s: no row in Calc\'s output' % label)
        continue
    value, reason = cells[label]
    checked += 1
    has_reason_fn = reason_call(c['formula']) != ''
    if kind == 'err':
        if value != err_text:
            fail('%s: %s gave %r, want %s' % (label, c['formula'], value, err_text))
        want = c['hand'] if lang != 'da' else c['args']
        if reason != want:
            fail('%s: reason %r, want %r' % (label, reason, want))
        continue
    if has_reason_fn and reason != '':
        fail('%s: reason function says %r for an accepted call' % (label, reason))
    if kind == 'empty':
        if value != '':
            fail('%s: %s gave %r, want an empty result' % (label, c['formula'], value))
        continue
    got = number(value)
    hand = float(c['hand'])
    if got is None:
        fail('%s: %s gave %r, want %s' % (label, c['formula'], value, c['hand']))
        continue
    want = hand
    if kind != 'sum':
        res = subprocess.run([expect] + c['args'].split(), capture_output=True, text=True)
        if res.returncode != 0:
            fail('%s: kpi_bridge_expect %s failed' % (label, c['args']))
            continue
        want = float(res.stdout.strip())
        if abs(want - hand) > TOL[kind]:
            fail('%s: libkpi says %s, worked by hand %s' % (label, want, hand))
    if abs(got - want) > TOL[kind]:
        fail('%s: %s gave %r in Calc, libkpi says %s' % (label, c['formula'], value, want))
print('%d %d' % (checked, failures))
sys.exit(1 if failures else 0)
PYEOF

printf '%s\n' "$cases" >"$work/cases.txt"
total=0
for lang in en da; do
    profile=$work/profile-$lang
    lo_settings "$profile" "$([ $lang = da ] && echo da-DK || echo en-US)"
    lo_install "$profile" || exit 1
    sheet=$work/functions-$lang.csv
    python3 "$checker" sheet "$lang" "$work/cases.txt" "$sheet" || exit 1
    # Import: tab-separated, UTF-8, formulas evaluated (in the interface
    # language's syntax). Export: tab-separated, raw values.
    if ! lo_csv "$profile" "$sheet" "$work/out-$lang" \
        "CSV:9,34,76,1,,1033,false,false,false,false,false,-1,true" >"$work/soffice.log" 2>&1; then
        echo "FAIL [$lang]: soffice did not convert the sheet (crashed or timed out)"
        sed 's/^/    soffice: /' "$work/soffice.log"
        exit 1
    fi
    result=$(ls "$work/out-$lang"/*.csv 2>/dev/null | head -n 1)
    if [ -z "$result" ]; then
        echo "FAIL [$lang]: soffice wrote no CSV"
        sed 's/^/    soffice: /' "$work/soffice.log"
        exit 1
    fi
    if ! summary=$(python3 "$checker" check "$lang" "$work/cases.txt" "$result" "$expect"); then
        printf '%s\n' "$summary"
        echo "--- Calc's results ($lang):"
        sed 's/^/    /' "$result"
        exit 1
    fi
    checked=${summary%% *}
    total=$((total + checked))
    if [ "$checked" -lt 69 ]; then
        echo "FAIL [$lang]: only $checked cases checked"
        exit 1
    fi
done
echo "bridge_calc: $total cells agree with libkpi and the hand working, in English and Danish, with their reasons"
