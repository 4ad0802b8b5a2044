/* test_money.c - exact amounts and the money conventions of SPEC §4:
 * the monthly amount of a measure for each price unit, KL's example,
 * full-year recipients, the quantity/price split and BL § 198. */
#include "support.h"

static void parsing(void **state)
{
    (void)state;
    kpi_money m;
    struct {
        const char *text;
        kpi_money want;
    } ok[] = {
        {"1.234,50", 123450},     {"1234,50", 123450},
        {"1234.50", 123450},      {"-75", -7500},
        {"10.250 kr.", 1025000},  {"10250 DKK", 1025000},
        {"10.250,00 kr.", 1025000}, {"1.234.567,8", 123456780},
        {"0,05", 5},
        {"2.345,67", 234567},     {" 7 ", 700},
        {"1.5", 150},             {"-1.234,50", -123450},
        {"\xc2\xa0" "100 kr", 10000},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(kpi_money_parse(ok[i].text, (size_t)-1, &m), KPI_OK);
        assert_int_equal(m, ok[i].want);
    }
    /* A third decimal that is not zero is a fraction of an øre. */
    assert_int_equal(kpi_money_parse("12,345000", (size_t)-1, &m),
                     KPI_ERR_RANGE);
    assert_int_equal(kpi_money_parse("12,3400", (size_t)-1, &m), KPI_OK);
    assert_int_equal(m, 1234);
    const char *bad[] = {"", "kr.", "abc", "12,34,56", "1.23.456",
                         "1,2.3",  "--5", "12.3456.7", "12 34"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_not_equal(kpi_money_parse(bad[i], (size_t)-1, &m),
                             KPI_OK);
    char buf[32];
    kpi_money_format(-123405, buf);
    assert_string_equal(buf, "-1234.05");
    kpi_money_format(5, buf);
    assert_string_equal(buf, "0.05");
}

/* Amounts of the export's own shape ("36.604,00") are read by a short
 * way (plain_amount): it gives what the general reading gives, which a
 * leading '+' forces. Random texts of digits, dots and commas, mostly of
 * that shape, up to 20 characters (past the range limit too). */
/* text read the short way (plain_amount) gives what "+text", which only
 * the general reading takes, gives. */
static void same_as_general(const char *text)
{
    char plus[64];
    snprintf(plus, sizeof plus, "+%s", text);
    kpi_money a = -1, b = -1;
    kpi_status sa = kpi_money_parse(text, strlen(text), &a);
    kpi_status sb = kpi_money_parse(plus, strlen(plus), &b);
    assert_int_equal(sa, sb);
    if (sa == KPI_OK)
        assert_int_equal(a, b);
}

static void plain_amounts(void **state)
{
    (void)state;
    unsigned seed = 7;
    char text[32];
    for (int round = 0; round < 200000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = 1 + (seed >> 16) % 20;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 16;
            text[i] = r < 10 ? (char)('0' + r) : r < 14 ? '.' : ',';
            if (round % 2 && len > 3 && i + 3 == len)
                text[i] = ',';
            else if (round % 2 && len > 3 && (i + 3 - len) % 4 == 0 &&
                     i < len - 3)
                text[i] = '.';
            else if (round % 2 && len > 3 && text[i] == ',')
                text[i] = '5';
        }
        text[len] = '\0';
        same_as_general(text);
    }
    /* Past twelve digits the short way must give up before its sum
     * overflows (fuzz_budget_csv found the first; UBSan catches it). */
    same_as_general("0.077777777777777777777700,50");
    same_as_general("7777777777777777777777,00");
    same_as_general("1.234.567.890.123,45");
    same_as_general("123.456.789.012,34");
}

static void rounding(void **state)
{
    (void)state;
    /* Half away from zero. */
    assert_int_equal(kpi_div_round(5, 2), 3);
    assert_int_equal(kpi_div_round(-5, 2), -3);
    assert_int_equal(kpi_div_round(4, 3), 1);
    assert_int_equal(kpi_div_round(-4, 3), -1);
    assert_int_equal(kpi_div_round(0, 7), 0);
}

static void kl_example(void **state)
{
    (void)state;
    /* KL, råd 3: familiebehandling 10.250 kr. a month from 1.10.10 to
     * 30.04.11: October..December 2010 are whole months, 3 x 10.250 =
     * 30.750 kr.; January..April 2011, 4 x 10.250 = 41.000 kr. */
    kpi_money p = KR("10.250,00");
    assert_int_equal(kpi_measure_year_amount(p, KPI_UNIT_MONTH,
                                             D("2010-10-01"),
                                             D("2011-04-30"), 2010),
                     KR("30.750,00"));
    assert_int_equal(kpi_measure_year_amount(p, KPI_UNIT_MONTH,
                                             D("2010-10-01"),
                                             D("2011-04-30"), 2011),
                     KR("41.000,00"));
    /* Kontaktperson 14.400 kr. a month all of 2010: 12 x 14.400 =
     * 172.800 kr., nothing in 2011. */
    kpi_money k = KR("14.400,00");
    assert_int_equal(kpi_measure_year_amount(k, KPI_UNIT_MONTH,
                                             D("2010-01-01"),
                                             D("2010-12-31"), 2010),
                     KR("172.800,00"));
    assert_int_equal(kpi_measure_year_amount(k, KPI_UNIT_MONTH,
                                             D("2010-01-01"),
                                             D("2010-12-31"), 2011),
                     0);
    /* Nothing in a year before the start either (last year's rows ask
     * for it): the familiebehandling above in 2009 = 0, also when it
     * starts more than a month into the next year. */
    assert_int_equal(kpi_measure_year_amount(p, KPI_UNIT_MONTH,
                                             D("2010-10-01"),
                                             D("2011-04-30"), 2009),
                     0);
    assert_int_equal(kpi_measure_year_amount(p, KPI_UNIT_MONTH,
                                             D("2011-03-01"), KPI_DATE_NONE,
                                             2010),
                     0);
}

static void month_amounts(void **state)
{
    (void)state;
    kpi_money p = KR("31.000,00");
    /* Starts on the 31st of a 31-day month: 1 day of 31 =
     * 31.000 x 1/31 = 1.000 kr. */
    assert_int_equal(kpi_measure_month_amount(p, KPI_UNIT_MONTH,
                                              D("2026-10-31"), KPI_DATE_NONE,
                                              2026, 10),
                     KR("1.000,00"));
    /* Open end: all of November, 30 of 30 days = the whole price. */
    assert_int_equal(kpi_measure_month_amount(p, KPI_UNIT_MONTH,
                                              D("2026-10-31"), KPI_DATE_NONE,
                                              2026, 11),
                     p);
    /* February of a leap year: from the 15th, 15 of 29 days.
     * 2.900.000 øre x 15 / 29 = 1.500.000 øre = 15.000 kr. */
    assert_int_equal(kpi_measure_month_amount(KR("29.000"), KPI_UNIT_MONTH,
                                              D("2024-02-15"),
                                              D("2024-03-31"), 2024, 2),
                     KR("15.000"));
    /* Same dates in 2026 (28 days): 14 of 28 days = half. */
    assert_int_equal(kpi_measure_month_amount(KR("29.000"), KPI_UNIT_MONTH,
                                              D("2026-02-15"),
                                              D("2026-03-31"), 2026, 2),
                     KR("14.500"));
    /* Rounding to whole øre: 1.000 kr. for 1 of 3... a 30-day month,
     * 10 days of 1.000,00: 100000 x 10 / 30 = 33333.33 -> 33333 øre. */
    assert_int_equal(kpi_measure_month_amount(KR("1.000"), KPI_UNIT_MONTH,
                                              D("2026-11-21"), KPI_DATE_NONE,
                                              2026, 11),
                     33333);
    /* and 20 days: 66666.67 -> 66667 øre (half up). */
    assert_int_equal(kpi_measure_month_amount(KR("1.000"), KPI_UNIT_MONTH,
                                              D("2026-11-11"), KPI_DATE_NONE,
                                              2026, 11),
                     66667);
    /* Outside the month: nothing. */
    assert_int_equal(kpi_measure_month_amount(p, KPI_UNIT_MONTH,
                                              D("2026-11-01"), KPI_DATE_NONE,
                                              2026, 10),
                     0);
}

static void price_units(void **state)
{
    (void)state;
    /* Day rate (døgntakst) 2.345,67 kr. across a month end, 2026-10-30 ..
     * 2026-11-02: October 2 days = 4.691,34 kr.; November 2 days the
     * same; the year 4 days = 9.382,68 kr. */
    kpi_money day = KR("2.345,67");
    assert_int_equal(kpi_measure_month_amount(day, KPI_UNIT_DAY,
                                              D("2026-10-30"),
                                              D("2026-11-02"), 2026, 10),
                     KR("4.691,34"));
    assert_int_equal(kpi_measure_year_amount(day, KPI_UNIT_DAY,
                                             D("2026-10-30"),
                                             D("2026-11-02"), 2026),
                     KR("9.382,68"));
    /* Week price 7.000 kr.: 1.000 kr. a day; all of February 2024 is 29
     * days = 29.000 kr. */
    assert_int_equal(kpi_measure_month_amount(KR("7.000"), KPI_UNIT_WEEK,
                                              D("2024-01-01"), KPI_DATE_NONE,
                                              2024, 2),
                     KR("29.000"));
    /* Year price 366.000 kr. in leap 2024: 1.000 kr. a day; February =
     * 29.000 kr.; in 2026 365.000 kr. a year is 1.000 kr. a day, so
     * February 2026 = 28.000 kr. A whole year sums to the price. */
    assert_int_equal(kpi_measure_month_amount(KR("366.000"), KPI_UNIT_YEAR,
                                              D("2024-01-01"), KPI_DATE_NONE,
                                              2024, 2),
                     KR("29.000"));
    assert_int_equal(kpi_measure_month_amount(KR("365.000"), KPI_UNIT_YEAR,
                                              D("2026-01-01"), KPI_DATE_NONE,
                                              2026, 2),
                     KR("28.000"));
    assert_int_equal(kpi_measure_year_amount(KR("365.000"), KPI_UNIT_YEAR,
                                             D("2026-01-01"), KPI_DATE_NONE,
                                             2026),
                     KR("365.000"));
    /* A month price over a whole year is twelve prices, leap or not. */
    assert_int_equal(kpi_measure_year_amount(KR("35.000"), KPI_UNIT_MONTH,
                                             D("2020-01-01"), KPI_DATE_NONE,
                                             2024),
                     KR("420.000"));
    kpi_unit u;
    assert_int_equal(kpi_unit_parse("Døgn", &u), KPI_OK);
    assert_int_equal(u, KPI_UNIT_DAY);
    assert_int_equal(kpi_unit_parse("måned", &u), KPI_OK);
    assert_int_equal(u, KPI_UNIT_MONTH);
    assert_int_equal(kpi_unit_parse("Uge", &u), KPI_OK);
    assert_int_equal(u, KPI_UNIT_WEEK);
    assert_int_equal(kpi_unit_parse("år", &u), KPI_OK);
    assert_int_equal(u, KPI_UNIT_YEAR);
    assert_int_equal(kpi_unit_parse("fortnight", &u), KPI_ERR_INPUT);
}

static void full_year(void **state)
{
    (void)state;
    /* 2024 has 366 days. One person all year (366 days) and one from
     * 1 July (184 days: July 31 + Aug 31 + Sep 30 + Oct 31 + Nov 30 +
     * Dec 31) = 550 / 366 = 1.50273... full-year recipients. */
    kpi_date starts[] = {D("2023-05-01"), D("2024-07-01")};
    kpi_date ends[] = {KPI_DATE_NONE, D("2025-02-01")};
    double n;
    assert_int_equal(kpi_full_year(starts, ends, 2, D("2024-01-01"),
                                   D("2024-12-31"), &n),
                     KPI_OK);
    assert_float_equal(n, 550.0 / 366.0, 1e-12);
    assert_int_equal(kpi_full_year(starts, ends, 2, D("2024-12-31"),
                                   D("2024-01-01"), &n),
                     KPI_ERR_ARG);
}

/* Full-year recipients of persons: the ranges of one person merged.
 * Over 2026 (365 days):
 * - child A: 01-01..06-30 (181 days) and 03-01..12-31 (306 days) overlap
 *   on 03-01..06-30; their union is the whole year: 365 days;
 * - child B: 10-01..10-31 (31) inside 09-01..open (122: Sep 30 + Oct 31
 *   + Nov 30 + Dec 31): 122 days;
 * - child C: 2025-12-01..2026-01-10: 10 days in 2026.
 * Merged: (365 + 122 + 10) / 365 = 497 / 365. Unmerged (kpi_full_year):
 * (181 + 306 + 31 + 122 + 10) / 365 = 650 / 365. */
static void full_year_persons(void **state)
{
    (void)state;
    kpi_date starts[] = {D("2026-01-01"), D("2026-10-01"), D("2026-03-01"),
                         D("2025-12-01"), D("2026-09-01")};
    kpi_date ends[] = {D("2026-06-30"), D("2026-10-31"), D("2026-12-31"),
                       D("2026-01-10"), KPI_DATE_NONE};
    const char *children[] = {"A", "B", "A", "C", "B"};
    kpi_date from = D("2026-01-01"), to = D("2026-12-31");
    double n;
    assert_int_equal(
        kpi_full_year_persons(starts, ends, children, 5, from, to, &n), KPI_OK);
    assert_float_equal(n, 497.0 / 365.0, 1e-12);
    assert_int_equal(kpi_full_year_persons(starts, ends, NULL, 5, from, to, &n),
                     KPI_OK);
    assert_float_equal(n, 650.0 / 365.0, 1e-12);
    assert_int_equal(kpi_full_year(starts, ends, 5, from, to, &n), KPI_OK);
    assert_float_equal(n, 650.0 / 365.0, 1e-12);
    /* Everyone one child: the union of all is the year. */
    const char *one[] = {"X", "X", "X", "X", "X"};
    assert_int_equal(
        kpi_full_year_persons(starts, ends, one, 5, from, to, &n), KPI_OK);
    assert_float_equal(n, 1.0, 1e-12);
    /* No ranges: 0. A missing person, a range ending before it starts and
     * a period backwards are errors. */
    assert_int_equal(kpi_full_year_persons(NULL, NULL, NULL, 0, from, to, &n),
                     KPI_OK);
    assert_float_equal(n, 0.0, 0);
    const char *missing[] = {"A", NULL, "A", "C", "B"};
    assert_int_equal(
        kpi_full_year_persons(starts, ends, missing, 5, from, to, &n),
        KPI_ERR_ARG);
    kpi_date bad_end[] = {D("2025-12-31")};
    assert_int_equal(
        kpi_full_year_persons(starts, bad_end, children, 1, from, to, &n),
        KPI_ERR_ARG);
    assert_int_equal(
        kpi_full_year_persons(starts, ends, children, 5, to, from, &n),
        KPI_ERR_ARG);
}

static void effects(void **state)
{
    (void)state;
    /* N = 3.5, Nb = 3, Pb = 500.000 kr.: quantity effect 0.5 x 500.000 =
     * 250.000 kr.; P = 520.000, price effect 20.000 x 3.5 = 70.000 kr. */
    assert_int_equal(kpi_quantity_effect(3.5, 3, KR("500.000")),
                     KR("250.000"));
    assert_int_equal(kpi_price_effect(KR("520.000"), KR("500.000"), 3.5),
                     KR("70.000"));
    assert_int_equal(kpi_quantity_effect(2, 3, KR("500.000")),
                     -KR("500.000"));
}

static void reimbursement(void **state)
{
    (void)state;
    /* The refusion order reckons each month against 1/12 of the yearly
     * thresholds (2022 level 860.000 / 1.680.000 / 2.120.000 kr.: a month
     * 71.666,666... / 140.000 / 176.666,666... kr.), in twelfths of an
     * øre, never a rounded twelfth. */
    /* 71.666,66 kr. x 12 = 859.999,92 kr.: under the threshold, 0. */
    assert_int_equal(kpi_reimbursement_month(KR("71.666,66"), NULL), 0);
    /* 71.666,67 kr. x 12 = 860.000,04 kr.: 0,04 kr. over, 25 % / 12 of it
     * = 0,0008 kr. = 0,08 øre -> 0. A twelfth rounded down to 71.666,66
     * first would give 25 % of 1 øre = 0,25 -> 0 as well, so: */
    assert_int_equal(kpi_reimbursement_month(KR("71.666,67"), NULL), 0);
    /* 100.000 kr.: 25 % x (100.000 - 71.666,666...) = 7.083,333... kr.
     * -> 7.083,33 kr. (= 25 % x 340.000 / 12: the yearly reckoning of
     * 1.200.000 kr. is 85.000 kr., twelve such months). */
    assert_int_equal(kpi_reimbursement_month(KR("100.000"), NULL),
                     KR("7.083,33"));
    /* 200.000 kr., all three bands: 25 % x 68.333,333... = 17.083,333...;
     * 50 % x 36.666,666... = 18.333,333...; 75 % x 23.333,333... =
     * 17.500; sum 52.916,666... -> 52.916,67 kr. (in twelfths of an øre:
     * (82.000.000 x 0,25 + 44.000.000 x 0,5 + 28.000.000 x 0,75) / 12 =
     * 63.500.000 / 12 = 5.291.666,67 øre). */
    assert_int_equal(kpi_reimbursement_month(KR("200.000"), NULL),
                     KR("52.916,67"));
    /* Nothing for a month with no cost, or with more income than cost. */
    assert_int_equal(kpi_reimbursement_month(0, NULL), 0);
    assert_int_equal(kpi_reimbursement_month(-KR("5.000"), NULL), 0);
    /* Half an øre rounds away from zero: yearly thresholds 12, 24, 36 kr.
     * (1, 2, 3 kr. a month) at 50 %; 1,01 kr. is 1 øre over the month's
     * threshold, 50 % of it is 0,5 øre -> 1 øre (half-even would give 0). */
    kpi_reimbursement_rule half = {{1200, 2400, 3600}, {0.5, 0.5, 0.5}};
    assert_int_equal(kpi_reimbursement_month(101, &half), 1);
    /* Another year's amounts and rates: 1.000.000 / 2.000.000 / 3.000.000
     * kr. at 20 / 40 / 60 %; 2.500.000 / 12 = 208.333,333... kr. a month:
     * 20 % x 83.333,333... + 40 % x 41.666,666... = 16.666,666... +
     * 16.666,666... = 33.333,333... -> 33.333,33 kr. */
    kpi_reimbursement_rule r = {{KR("1.000.000"), KR("2.000.000"),
                                 KR("3.000.000")},
                                {0.2, 0.4, 0.6}};
    assert_int_equal(kpi_reimbursement_month(KR("208.333,33"), &r),
                     KR("33.333,33"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parsing),       cmocka_unit_test(plain_amounts),
        cmocka_unit_test(rounding),
        cmocka_unit_test(kl_example),    cmocka_unit_test(month_amounts),
        cmocka_unit_test(price_units),   cmocka_unit_test(full_year),
        cmocka_unit_test(full_year_persons),
        cmocka_unit_test(effects),       cmocka_unit_test(reimbursement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
