/* test_economy.c - the economy figures: spend, disposed (with KL's
 * disposition table), forecast, own_vs_purchased, caseworker_spend, and
 * the shared sums of economy.h. Every number is worked out by hand in the
 * comment above its assertion. */
#include "support.h"
#include "rules/budget.h"
#include "rules/disposal.h"
#include "rules/full_year.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MEASURE(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

/* The disposition row of a measure id, or NULL. */
static const kpi_disposition *find_disposition(const kpi_figures *f,
                                               const char *id)
{
    for (size_t i = 0; i < kpi_figures_disposition_count(f); i++) {
        const kpi_disposition *d = kpi_figures_disposition(f, i);
        if (strcmp(d->measure_id, id) == 0)
            return d;
    }
    return NULL;
}

/* The index of a row in export order; fails when missing. */
static size_t row_index(const kpi_figures *f, const char *kpi_id,
                        const char *period, const char *breakdown,
                        const char *stat)
{
    const kpi_row *r = find_row(f, kpi_id, period, breakdown, stat);
    if (!r)
        fail_msg("no row %s;%s;%s;%s", kpi_id, period, breakdown, stat);
    for (size_t i = 0; i < kpi_figures_row_count(f); i++)
        if (kpi_figures_row(f, i) == r)
            return i;
    return SIZE_MAX;
}

static size_t rows_of(const kpi_figures *f, const char *kpi_id)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++)
        n += strcmp(kpi_figures_row(f, i)->kpi_id, kpi_id) == 0;
    return n;
}

/* ---- disposed: KL's example --------------------------------------------
 * KL, "10 gode råd", Eksempel på dispositionsregnskab, report month
 * December 2010:
 *   familiebehandling 10.250 kr./month 1.10.10-30.04.11:
 *     2010: Oct + Nov + Dec = 3 x 10.250 = 30.750,00
 *     2011: Jan..Apr = 4 x 10.250 = 41.000,00
 *   kontaktperson 14.400 kr./month 1.1.10-31.12.10:
 *     2010: 12 x 14.400 = 172.800,00; 2011: 0
 * Both types are preventive. Totals: 2010 = 203.550,00, 2011 = 41.000,00;
 * to date (all of 2010, M = December) = the whole year. */
static void test_disposed_kl_example(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.id = "X2", .type = "kontaktperson", .start = "1.1.2010",
            .end = "31.12.2010", .price = "14.400,00", .child = "B2");
    MEASURE(.id = "X1", .type = "familiebehandling", .start = "1.10.2010",
            .end = "30.4.2011", .price = "10.250,00", .child = "B1");
    kpi_figures *f = support_compute(ds, "2010-12");

    assert_int_equal(kpi_figures_disposition_count(f), 2);
    /* Sorted by measure id: X1 before X2. */
    const kpi_disposition *d = kpi_figures_disposition(f, 0);
    assert_string_equal(d->measure_id, "X1");
    assert_string_equal(d->measure_type, "familiebehandling");
    assert_string_equal(d->child_id, "B1");
    assert_int_equal(d->monthly, KR("10.250,00"));
    assert_int_equal(d->this_year, KR("30.750,00"));
    assert_int_equal(d->next_year, KR("41.000,00"));
    assert_int_equal(d->start, D("2010-10-01"));
    assert_int_equal(d->end, D("2011-04-30"));
    assert_int_equal(d->assumed_end, D("2011-04-30"));
    d = kpi_figures_disposition(f, 1);
    assert_string_equal(d->measure_id, "X2");
    assert_int_equal(d->monthly, KR("14.400,00"));
    assert_int_equal(d->this_year, KR("172.800,00"));
    assert_int_equal(d->next_year, 0);

    assert_int_equal(row_money(f, "disposed", "2010", "total", "amount"),
                     KR("203.550,00"));
    assert_int_equal(row_money(f, "disposed", "2011", "total", "amount"),
                     KR("41.000,00"));
    assert_int_equal(
        row_money(f, "disposed", "2010-01..2010-12", "total", "amount"),
        KR("203.550,00"));
    assert_int_equal(row_count(f, "disposed", "2010", "total", "count"), 2);
    assert_int_equal(row_money(f, "disposed", "2010",
                               "measure_type=familiebehandling", "amount"),
                     KR("30.750,00"));
    assert_int_equal(row_money(f, "disposed", "2011",
                               "measure_type=kontaktperson", "amount"),
                     0);
    assert_int_equal(
        row_money(f, "disposed", "2010", "category=preventive", "amount"),
        KR("203.550,00"));
    assert_int_equal(
        row_money(f, "disposed", "2010", "category=placement", "amount"), 0);
    /* A type with no measure is not listed. */
    assert_null(
        find_row(f, "disposed", "2010", "measure_type=opholdssted", "amount"));
    /* December: no rest-of-year period; 4 periods minus that one. Rows:
     * to date 1 + 2 types + 2 categories = 5 amount rows; year 5 amount +
     * 5 count; next year 5 = 20; then the series of the twelve months of
     * 2010, totals only: 32. */
    assert_int_equal(rows_of(f, "disposed"), 32);
    /* October 2010: 10.250 + 14.400 = 24.650; September: 14.400. */
    assert_int_equal(row_money(f, "disposed", "2010-10", "total", "amount"),
                     KR("24.650"));
    assert_int_equal(row_money(f, "disposed", "2010-09", "total", "amount"),
                     KR("14.400"));
    assert_null(
        find_row(f, "disposed", "2010-10", "category=preventive", "amount"));
    /* The series comes after the periods: after next year's last row. */
    assert_true(
        row_index(f, "disposed", "2011", "category=preventive", "amount") <
        row_index(f, "disposed", "2010-01", "total", "amount"));
    assert_true(row_index(f, "disposed", "2010-01", "total", "amount") <
                row_index(f, "disposed", "2010-12", "total", "amount"));
    /* Order: total, then types by code, then categories. */
    assert_true(row_index(f, "disposed", "2010", "total", "amount") <
                row_index(f, "disposed", "2010",
                          "measure_type=familiebehandling", "amount"));
    assert_true(row_index(f, "disposed", "2010",
                          "measure_type=familiebehandling", "amount") <
                row_index(f, "disposed", "2010", "measure_type=kontaktperson",
                          "amount"));
    assert_true(row_index(f, "disposed", "2010", "measure_type=kontaktperson",
                          "amount") < row_index(f, "disposed", "2010",
                                                "category=placement",
                                                "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Day, week and month prices across month ends, report month 2026-04:
 *   A doegninstitution, døgntakst 2.345,67 kr./day, 2026-03-20..2026-05-10:
 *     March 20..31 = 12 days x 2.345,67 = 28.148,04
 *     April 30 days x 2.345,67 = 70.370,10
 *     May 1..10 = 10 days = 23.456,70
 *     year = 121.974,84; to date (Jan..Apr) = 98.518,14; rest = 23.456,70
 *     monthly shown = 30 x 2.345,67 = 70.370,10
 *   B opholdssted 9.300 kr./month from the 31st, 2026-03-31..2026-04-30:
 *     March 1/31 x 9.300 = 300,00; April 30/30 = 9.300,00; year 9.600,00
 *   C kontaktperson 1.000,01 kr./month 2026-04-16..2026-04-30:
 *     15/30 x 100.001 øre = 50.000,5 øre -> 50.001 øre (half away from 0)
 *   E stoetteophold 1.000 kr./week 2026-06-01..2026-06-14:
 *     14/7 x 1.000 = 2.000,00 (all in the rest of the year);
 *     monthly shown = round(1.000 x 30 / 7) = round(4.285,714) = 4.285,71 */
static void test_disposed_units(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.id = "A", .type = "doegninstitution", .start = "2026-03-20",
            .end = "2026-05-10", .price = "2.345,67", .unit = "day");
    MEASURE(.id = "B", .type = "opholdssted", .start = "2026-03-31",
            .end = "2026-04-30", .price = "9.300");
    MEASURE(.id = "C", .type = "kontaktperson", .start = "2026-04-16",
            .end = "2026-04-30", .price = "1.000,01");
    MEASURE(.id = "E", .type = "stoetteophold", .start = "2026-06-01",
            .end = "2026-06-14", .price = "1.000", .unit = "week");
    kpi_figures *f = support_compute(ds, "2026-04");

    const kpi_disposition *a = find_disposition(f, "A");
    assert_non_null(a);
    assert_int_equal(a->this_year, KR("121.974,84"));
    assert_int_equal(a->next_year, 0);
    assert_int_equal(a->monthly, KR("70.370,10"));
    assert_int_equal(a->unit, KPI_UNIT_DAY);
    assert_int_equal(find_disposition(f, "B")->this_year, KR("9.600,00"));
    assert_int_equal(find_disposition(f, "C")->this_year, 50001);
    assert_int_equal(find_disposition(f, "E")->this_year, KR("2.000,00"));
    assert_int_equal(find_disposition(f, "E")->monthly, KR("4.285,71"));

    const char *td = "2026-01..2026-04", *rest = "2026-05..2026-12";
    assert_int_equal(
        row_money(f, "disposed", td, "measure_type=doegninstitution", "amount"),
        KR("98.518,14"));
    assert_int_equal(row_money(f, "disposed", rest,
                               "measure_type=doegninstitution", "amount"),
                     KR("23.456,70"));
    assert_int_equal(
        row_money(f, "disposed", td, "measure_type=opholdssted", "amount"),
        KR("9.600,00"));
    assert_int_equal(
        row_money(f, "disposed", rest, "measure_type=stoetteophold", "amount"),
        KR("2.000,00"));
    /* Total to date: 98.518,14 + 9.600,00 + 500,01 = 108.618,15;
     * rest: 23.456,70 + 2.000,00 = 25.456,70; year 134.074,85. */
    assert_int_equal(row_money(f, "disposed", td, "total", "amount"),
                     KR("108.618,15"));
    assert_int_equal(row_money(f, "disposed", rest, "total", "amount"),
                     KR("25.456,70"));
    assert_int_equal(row_money(f, "disposed", "2026", "total", "amount"),
                     KR("134.074,85"));
    /* Placement: A + B = 131.574,84; preventive: C + E = 2.500,01. */
    assert_int_equal(
        row_money(f, "disposed", "2026", "category=placement", "amount"),
        KR("131.574,84"));
    assert_int_equal(
        row_money(f, "disposed", "2026", "category=preventive", "amount"),
        KR("2.500,01"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Leap year 2024, report month 2024-02:
 *   A kontaktperson 2.900 kr./month 2024-02-01..2024-02-15:
 *     15/29 x 2.900 = 1.500,00 (February has 29 days)
 *   B opholdssted 36.600 kr./year 2024-02-01..2024-02-29:
 *     29/366 x 36.600 = 2.900,00 (the year has 366 days);
 *     monthly shown = 36.600 / 12 = 3.050,00 */
static void test_disposed_leap_year(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.id = "A", .type = "kontaktperson", .start = "2024-02-01",
            .end = "2024-02-15", .price = "2.900");
    MEASURE(.id = "B", .type = "opholdssted", .start = "2024-02-01",
            .end = "2024-02-29", .price = "36.600", .unit = "year");
    kpi_figures *f = support_compute(ds, "2024-02");
    assert_int_equal(find_disposition(f, "A")->this_year, KR("1.500,00"));
    assert_int_equal(find_disposition(f, "B")->this_year, KR("2.900,00"));
    assert_int_equal(find_disposition(f, "B")->monthly, KR("3.050,00"));
    assert_int_equal(
        row_money(f, "disposed", "2024-01..2024-02", "total", "amount"),
        KR("4.400,00"));
    assert_int_equal(
        row_money(f, "disposed", "2024-03..2024-12", "total", "amount"), 0);
    /* The series: the leap February holds both (1.500 + 2.900); January
     * and March nothing. */
    assert_int_equal(row_money(f, "disposed", "2024-02", "total", "amount"),
                     KR("4.400"));
    assert_int_equal(row_money(f, "disposed", "2024-01", "total", "amount"), 0);
    assert_int_equal(row_money(f, "disposed", "2024-03", "total", "amount"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Open ends, report month 2026-10 (D = 2026-10-31):
 *   A opholdssted 10.000/month from 2026-07-01, no planned end: assumed to
 *     run to 2027-12-31. 2026: Jul..Dec = 60.000; to date Jul..Oct =
 *     40.000; rest Nov..Dec = 20.000; 2027: 12 x 10.000 = 120.000.
 *   B familiebehandling 3.100/month from 2026-09-01, planned end
 *     2027-03-15 (after D, so used): 2026: Sep..Dec = 12.400; to date
 *     6.200; 2027: Jan + Feb = 6.200 + March 15/31 x 3.100 = 1.500 ->
 *     7.700.
 *   C kontaktperson 1.000/month from 2026-01-01, planned end 2026-08-31
 *     (before D: stale, ignored) -> runs to 2027-12-31: 12.000 and 12.000.
 *   Z kontaktperson, cancelled (end = start - 1): nothing, no row.
 *   O kontaktperson ended 2025-12-31: not active in 2026 or 2027, no row. */
static void test_disposed_open_ends(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.id = "A", .type = "opholdssted", .start = "2026-07-01",
            .price = "10.000");
    MEASURE(.id = "B", .type = "familiebehandling", .start = "2026-09-01",
            .planned_end = "2027-03-15", .price = "3.100");
    MEASURE(.id = "C", .type = "kontaktperson", .start = "2026-01-01",
            .planned_end = "2026-08-31", .price = "1.000");
    MEASURE(.id = "Z", .type = "kontaktperson", .start = "2026-05-01",
            .end = "2026-04-30", .price = "99.000");
    MEASURE(.id = "O", .type = "kontaktperson", .start = "2025-01-01",
            .end = "2025-12-31", .price = "99.000");
    kpi_figures *f = support_compute(ds, "2026-10");

    assert_int_equal(kpi_figures_disposition_count(f), 3);
    const kpi_disposition *a = find_disposition(f, "A");
    assert_int_equal(a->end, KPI_DATE_NONE);
    assert_int_equal(a->assumed_end, D("2027-12-31"));
    assert_int_equal(a->this_year, KR("60.000"));
    assert_int_equal(a->next_year, KR("120.000"));
    const kpi_disposition *b = find_disposition(f, "B");
    assert_int_equal(b->assumed_end, D("2027-03-15"));
    assert_int_equal(b->this_year, KR("12.400"));
    assert_int_equal(b->next_year, KR("7.700"));
    const kpi_disposition *c = find_disposition(f, "C");
    assert_int_equal(c->assumed_end, D("2027-12-31"));
    assert_int_equal(c->next_year, KR("12.000"));
    assert_null(find_disposition(f, "Z"));
    assert_null(find_disposition(f, "O"));

    /* Totals: to date 40.000 + 6.200 + 10.000 = 56.200; rest 20.000 +
     * 6.200 + 2.000 = 28.200; year 84.400; next 139.700; count 3. */
    assert_int_equal(
        row_money(f, "disposed", "2026-01..2026-10", "total", "amount"),
        KR("56.200"));
    assert_int_equal(
        row_money(f, "disposed", "2026-11..2026-12", "total", "amount"),
        KR("28.200"));
    assert_int_equal(row_money(f, "disposed", "2026", "total", "amount"),
                     KR("84.400"));
    assert_int_equal(row_money(f, "disposed", "2027", "total", "amount"),
                     KR("139.700"));
    assert_int_equal(row_count(f, "disposed", "2026", "total", "count"), 3);
    assert_int_equal(row_money(f, "disposed", "2027",
                               "measure_type=familiebehandling", "amount"),
                     KR("7.700"));
    /* The series, every month of 2026 (M included: disposed has no month
     * row): C 1.000 every month; A 10.000 from July; B 3.100 from
     * September. Jan..Jun 1.000; Jul, Aug 11.000; Sep..Dec 14.100; the
     * twelve sum to 6.000 + 22.000 + 56.400 = 84.400, the year. */
    static const char *const want[12] = {
        "1.000",  "1.000",  "1.000",  "1.000",  "1.000",  "1.000",
        "11.000", "11.000", "14.100", "14.100", "14.100", "14.100"};
    for (int mo = 1; mo <= 12; mo++) {
        char period[8];
        snprintf(period, sizeof period, "2026-%02d", mo);
        assert_int_equal(row_money(f, "disposed", period, "total", "amount"),
                         KR(want[mo - 1]));
    }
    assert_null(find_row(f, "disposed", "2025-10", "total", "amount"));
    assert_null(find_row(f, "disposed", "2027-01", "total", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* ---- spend ---------------------------------------------------------------
 * Report month 2026-10.
 * opholdssted: budget 100.000,00 without months: cumulative rounding of
 *   10.000.000 øre: to date Oct = round(10.000.000 x 10/12) = 8.333.333;
 *   October = 8.333.333 - round(10.000.000 x 9/12) = 8.333.333 - 7.500.000
 *   = 833.333.
 *   Postings: expense Mar 70.000, expense Oct 10.000, income Oct -1.000,
 *   prior_year Jan 500; left out: expense Nov (after M), expense 2025-10.
 *   October: expense 10.000, income -1.000, prior 0, amount 9.000,
 *     deviation 900.000 - 833.333 = 66.667 øre (overspend: positive).
 *   To date: expense 80.000, income -1.000, prior 500, amount 79.500,
 *     deviation 7.950.000 - 8.333.333 = -383.333 øre (underspend),
 *     share 79.500 / 100.000 = 0.795.
 * familiebehandling: budget with months 1.000, 2.000, ..., 12.000 (annual
 *   78.000): October 10.000; to date 1+..+10 = 55.000. No postings:
 *   amount 0, deviation -55.000, share 0.
 * kontaktperson: expense Oct 5.000, no budget line: budget 0, deviation
 *   5.000, no share (no annual budget to divide by).
 * Total to date: amount 79.500 + 5.000 = 84.500; budget 83.333,33 + 55.000
 *   = 138.333,33; deviation 8.450.000 - 13.833.333 = -5.383.333 øre;
 *   share 8.450.000 / (10.000.000 + 7.800.000) = 0.4747191...
 * Category preventive (familiebehandling, kontaktperson) to date: amount
 *   5.000, budget 55.000, deviation -50.000. */
static void test_spend(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    static const char *const months[12] = {
        "1.000", "2.000", "3.000", "4.000",  "5.000",  "6.000",
        "7.000", "8.000", "9.000", "10.000", "11.000", "12.000"};
    support_add_budget(ds, "opholdssted", "100.000,00", NULL, NULL, NULL);
    support_add_budget(ds, "familiebehandling", "78.000", months, NULL, NULL);
    support_add_posting(ds, "2026-03", "opholdssted", "expense", NULL, "70.000",
                        NULL);
    support_add_posting(ds, "2026-10", "opholdssted", "expense", NULL, "10.000",
                        NULL);
    support_add_posting(ds, "2026-10", "opholdssted", "income", NULL, "-1.000",
                        NULL);
    support_add_posting(ds, "2026-01", "opholdssted", "prior_year", NULL, "500",
                        NULL);
    support_add_posting(ds, "2026-11", "opholdssted", "expense", NULL, "999",
                        NULL);
    support_add_posting(ds, "2025-10", "opholdssted", "expense", NULL, "888",
                        NULL);
    support_add_posting(ds, "2026-10", "kontaktperson", "expense", NULL,
                        "5.000", NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *m = "2026-10", *td = "2026-01..2026-10";
    const char *oph = "measure_type=opholdssted";

    assert_int_equal(row_money(f, "spend", m, oph, "expense"), KR("10.000"));
    assert_int_equal(row_money(f, "spend", m, oph, "income"), KR("-1.000"));
    assert_int_equal(row_money(f, "spend", m, oph, "prior_year"), 0);
    assert_int_equal(row_money(f, "spend", m, oph, "amount"), KR("9.000"));
    assert_int_equal(row_money(f, "spend", m, oph, "budget"), 833333);
    assert_int_equal(row_money(f, "spend", m, oph, "deviation"), 66667);
    assert_null(find_row(f, "spend", m, oph, "share"));

    assert_int_equal(row_money(f, "spend", td, oph, "expense"), KR("80.000"));
    assert_int_equal(row_money(f, "spend", td, oph, "prior_year"), KR("500"));
    assert_int_equal(row_money(f, "spend", td, oph, "amount"), KR("79.500"));
    assert_int_equal(row_money(f, "spend", td, oph, "budget"), 8333333);
    assert_int_equal(row_money(f, "spend", td, oph, "deviation"), -383333);
    assert_true(fabs(row_real(f, "spend", td, oph, "share") - 0.795) < 1e-12);

    const char *fb = "measure_type=familiebehandling";
    assert_int_equal(row_money(f, "spend", m, fb, "budget"), KR("10.000"));
    assert_int_equal(row_money(f, "spend", td, fb, "budget"), KR("55.000"));
    assert_int_equal(row_money(f, "spend", td, fb, "deviation"), KR("-55.000"));
    assert_true(fabs(row_real(f, "spend", td, fb, "share")) < 1e-12);

    const char *kp = "measure_type=kontaktperson";
    assert_int_equal(row_money(f, "spend", td, kp, "budget"), 0);
    assert_int_equal(row_money(f, "spend", td, kp, "deviation"), KR("5.000"));
    assert_null(find_row(f, "spend", td, kp, "share"));
    assert_null(
        find_row(f, "spend", td, "measure_type=doegninstitution", "amount"));

    assert_int_equal(row_money(f, "spend", td, "total", "amount"),
                     KR("84.500"));
    assert_int_equal(row_money(f, "spend", td, "total", "budget"), 13833333);
    assert_int_equal(row_money(f, "spend", td, "total", "deviation"), -5383333);
    assert_true(fabs(row_real(f, "spend", td, "total", "share") -
                     8450000.0 / 17800000.0) < 1e-12);
    assert_int_equal(
        row_money(f, "spend", td, "category=preventive", "deviation"),
        KR("-50.000"));

    /* The series. Booked, all kinds together, January..October of 2025
     * and 2026 except 2026-10 (the month row): 2025-10 888 (the posting
     * of Y-1 left out of to date), the other 2025 months 0; 2026-01 500
     * (prior_year), 2026-03 70.000, the other months 0. November 2026
     * (after M) has no booked row, nor any 2025 month after October. */
    assert_int_equal(row_money(f, "spend", "2025-10", "total", "amount"),
                     KR("888"));
    assert_int_equal(row_money(f, "spend", "2025-01", "total", "amount"), 0);
    assert_int_equal(row_money(f, "spend", "2026-01", "total", "amount"),
                     KR("500"));
    assert_int_equal(row_money(f, "spend", "2026-02", "total", "amount"), 0);
    assert_int_equal(row_money(f, "spend", "2026-03", "total", "amount"),
                     KR("70.000"));
    assert_null(find_row(f, "spend", "2026-11", "total", "amount"));
    assert_null(find_row(f, "spend", "2025-11", "total", "amount"));
    assert_null(find_row(f, "spend", "2026-03", oph, "amount"));
    /* The phased budget of every month of 2026 but October: opholdssted's
     * even spread month m = round(10.000.000 m / 12) - round(10.000.000
     * (m-1) / 12) øre (833.333, 833.334, 833.333, ..., November 9.166.667
     * - 8.333.333 = 833.334, December 833.333) plus familiebehandling's
     * m x 1.000 kr.:
     *   2026-01 833.333 + 100.000 = 933.333 øre
     *   2026-02 833.334 + 200.000 = 1.033.334
     *   2026-11 833.334 + 1.100.000 = 1.933.334
     *   2026-12 833.333 + 1.200.000 = 2.033.333
     * No budget for 2025 (the workbook is Y's). */
    assert_int_equal(row_money(f, "spend", "2026-01", "total", "budget"),
                     933333);
    assert_int_equal(row_money(f, "spend", "2026-02", "total", "budget"),
                     1033334);
    assert_int_equal(row_money(f, "spend", "2026-11", "total", "budget"),
                     1933334);
    assert_int_equal(row_money(f, "spend", "2026-12", "total", "budget"),
                     2033333);
    assert_null(find_row(f, "spend", "2025-10", "total", "budget"));
    /* Series after to date, ascending; amount before budget in a month. */
    assert_true(row_index(f, "spend", td, "category=preventive", "deviation") <
                row_index(f, "spend", "2025-01", "total", "amount"));
    assert_true(row_index(f, "spend", "2025-10", "total", "amount") <
                row_index(f, "spend", "2026-01", "total", "amount"));
    assert_true(row_index(f, "spend", "2026-01", "total", "amount") <
                row_index(f, "spend", "2026-01", "total", "budget"));
    assert_true(row_index(f, "spend", "2026-09", "total", "budget") <
                row_index(f, "spend", "2026-11", "total", "budget"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without postings.csv spend is not available: no rows at all, even with
 * a budget. Without budget.csv there are no budget rows. */
static void test_spend_needs_postings(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    support_add_budget(ds, "opholdssted", "100.000", NULL, NULL, NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(rows_of(f, "spend"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);

    ds = support_dataset();
    support_add_posting(ds, "2026-10", "opholdssted", "expense", NULL, "10",
                        NULL);
    f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, "spend", "2026-10", "total", "amount"),
                     KR("10"));
    assert_null(find_row(f, "spend", "2026-10", "total", "budget"));
    assert_null(find_row(f, "spend", "2026-01..2026-10", "total", "share"));
    /* Without a budget the series is booked months only. */
    assert_int_equal(row_money(f, "spend", "2026-01", "total", "amount"), 0);
    assert_null(find_row(f, "spend", "2026-01", "total", "budget"));
    assert_null(find_row(f, "spend", "2026-12", "total", "budget"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The even spread: 12 months of 1.000,00 kr. ... and an annual budget of
 * 100,00 kr. = 10.000 øre: month m gets round(10.000 m / 12) -
 * round(10.000 (m-1) / 12): January 833, February 1.667 - 833 = 834,
 * March 2.500 - 1.667 = 833, ..., December 10.000 - 9.167 = 833; the
 * twelve sum to 10.000. A negative budget (an income line) mirrors it. */
static void test_budget_phase(void **state)
{
    (void)state;
    kpi_budget_line b;
    memset(&b, 0, sizeof b);
    b.annual = 10000;
    kpi_money months[12];
    kpi_budget_line_phase(&b, months);
    assert_int_equal(months[0], 833);
    assert_int_equal(months[1], 834);
    assert_int_equal(months[2], 833);
    assert_int_equal(months[11], 833);
    kpi_money sum = 0;
    for (int i = 0; i < 12; i++)
        sum += months[i];
    assert_int_equal(sum, 10000);
    b.annual = -10000;
    kpi_budget_line_phase(&b, months);
    assert_int_equal(months[1], -834);
    b.has_months = true;
    b.months[4] = 77;
    kpi_budget_line_phase(&b, months);
    assert_int_equal(months[4], 77);
    assert_int_equal(months[0], 0);
}

/* ---- forecast ------------------------------------------------------------
 * Report month 2026-10.
 * opholdssted: 50.000/month all of 2026 -> disposed 600.000. Booked to
 *   date: income May -20.000, prior_year Feb 15.000 (the expense of
 *   500.000 is not added: the disposition already covers it; income of
 *   Nov and of 2025 are outside to date). Forecast = 600.000 - 20.000 +
 *   15.000 = 595.000; budget 580.000; deviation +15.000 (overspend);
 *   share 15.000 / 580.000 = 0.0258620...
 * kontaktperson: budget 100.000 and no measures: forecast 0, deviation
 *   -100.000 (underspend), share -1.
 * Total: 595.000 vs 680.000: deviation -85.000, share -0.125. */
static void test_forecast(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.type = "opholdssted", .start = "2026-01-01", .end = "2026-12-31",
            .price = "50.000");
    support_add_posting(ds, "2026-03", "opholdssted", "expense", NULL,
                        "500.000", NULL);
    support_add_posting(ds, "2026-05", "opholdssted", "income", NULL, "-20.000",
                        NULL);
    support_add_posting(ds, "2026-02", "opholdssted", "prior_year", NULL,
                        "15.000", NULL);
    support_add_posting(ds, "2026-11", "opholdssted", "income", NULL, "-99.000",
                        NULL);
    support_add_posting(ds, "2025-12", "opholdssted", "income", NULL, "-7.000",
                        NULL);
    support_add_budget(ds, "opholdssted", "580.000", NULL, NULL, NULL);
    support_add_budget(ds, "kontaktperson", "100.000", NULL, NULL, NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *oph = "measure_type=opholdssted";
    const char *kp = "measure_type=kontaktperson";

    assert_int_equal(row_money(f, "forecast", "2026", oph, "amount"),
                     KR("595.000"));
    assert_int_equal(row_money(f, "forecast", "2026", oph, "budget"),
                     KR("580.000"));
    assert_int_equal(row_money(f, "forecast", "2026", oph, "deviation"),
                     KR("15.000"));
    assert_true(fabs(row_real(f, "forecast", "2026", oph, "share") -
                     15000.0 / 580000.0) < 1e-12);
    assert_int_equal(row_money(f, "forecast", "2026", kp, "amount"), 0);
    assert_int_equal(row_money(f, "forecast", "2026", kp, "deviation"),
                     KR("-100.000"));
    assert_true(fabs(row_real(f, "forecast", "2026", kp, "share") + 1.0) <
                1e-12);
    assert_int_equal(row_money(f, "forecast", "2026", "total", "deviation"),
                     KR("-85.000"));
    assert_true(fabs(row_real(f, "forecast", "2026", "total", "share") +
                     0.125) < 1e-12);
    assert_int_equal(
        row_money(f, "forecast", "2026", "category=placement", "amount"),
        KR("595.000"));
    assert_int_equal(
        row_money(f, "forecast", "2026", "category=preventive", "budget"),
        KR("100.000"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* kpi_figures_find gives the same rows as the tests' own finder, and
 * NULL for what is not there. */
static void test_figures_find(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.type = "opholdssted", .start = "2026-01-01", .end = "2026-12-31",
            .price = "50.000");
    support_add_budget(ds, "opholdssted", "580.000", NULL, NULL, NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_ptr_equal(kpi_figures_find(f, "forecast", "2026", NULL, NULL,
                                      "budget"),
                     find_row(f, "forecast", "2026", "total", "budget"));
    assert_ptr_equal(kpi_figures_find(f, "forecast", "2026", "measure_type",
                                      "opholdssted", "amount"),
                     find_row(f, "forecast", "2026",
                              "measure_type=opholdssted", "amount"));
    assert_non_null(kpi_figures_find(f, "forecast", "2026", "category",
                                     "placement", "amount"));
    assert_null(kpi_figures_find(f, "forecast", "2027", NULL, NULL,
                                 "amount"));
    assert_null(kpi_figures_find(f, "forecast", "2026", "measure_type",
                                 "kostskole", "amount"));
    assert_null(kpi_figures_find(f, "no_such_figure", "2026", NULL, NULL,
                                 "amount"));
    assert_null(kpi_figures_find(f, "forecast", "2026", "measure_type", NULL,
                                 "amount"));
    assert_null(kpi_figures_find(NULL, "forecast", "2026", NULL, NULL,
                                 "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without postings the forecast is the disposition alone (600.000), and
 * without a budget there are no budget, deviation or share rows. */
static void test_forecast_without_postings_or_budget(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.type = "opholdssted", .start = "2026-01-01", .end = "2026-12-31",
            .price = "50.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, "forecast", "2026", "total", "amount"),
                     KR("600.000"));
    assert_null(find_row(f, "forecast", "2026", "total", "budget"));
    assert_null(find_row(f, "forecast", "2026", "total", "deviation"));
    assert_null(find_row(f, "forecast", "2026", "total", "share"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* ---- own_vs_purchased ----------------------------------------------------
 * Report month 2026-10; 2026 has 365 days.
 * Child B1: own kontaktperson 2026-01-01..06-30 (181 days) 1.000/month
 *   -> 6.000; private opholdssted 2026-04-01..12-31 (275 days) 30.000/month
 *   -> 9 x 30.000 = 270.000.
 * Child B2: municipal almen_plejefamilie all year (365 days) 20.000/month
 *   -> 240.000; regional doegninstitution 2026-07-01..12-31 (184 days)
 *   40.000/month -> 240.000.
 * Child B3: private, cancelled: nothing.
 * Full-year recipients (days with a measure of the kind / 365):
 *   own 181/365; private 275/365; municipal 365/365 = 1; regional 184/365;
 *   purchased: B1 275 + B2 365 (its two purchased measures overlap and
 *   count once) = 640/365; total: B1 365 (Jan..Jun own, Apr..Dec private)
 *   + B2 365 = 2; placement: B1 275 + B2 365 = 640/365; preventive 181/365.
 * Amounts: purchased 270.000 + 240.000 + 240.000 = 750.000; total 756.000.
 * Postings to date: expense private opholdssted 100.000; expense without
 *   provider kind (kontaktperson) 2.000 -> total and preventive only;
 *   income own kontaktperson -3.000 (a sold place); prior_year ignored.
 *   booked: private 100.000, purchased 100.000, own 0, total 102.000,
 *   placement 100.000, preventive 2.000; income: own -3.000, total -3.000. */
static void test_own_vs_purchased(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.child = "B1", .type = "kontaktperson", .provider_kind = "own",
            .start = "2026-01-01", .end = "2026-06-30", .price = "1.000");
    MEASURE(.child = "B1", .type = "opholdssted", .provider_kind = "private",
            .start = "2026-04-01", .end = "2026-12-31", .price = "30.000");
    MEASURE(.child = "B2", .type = "almen_plejefamilie",
            .provider_kind = "municipal", .start = "2026-01-01",
            .end = "2026-12-31", .price = "20.000");
    MEASURE(.child = "B2", .type = "doegninstitution",
            .provider_kind = "regional", .start = "2026-07-01",
            .end = "2026-12-31", .price = "40.000");
    MEASURE(.child = "B3", .type = "opholdssted", .provider_kind = "private",
            .start = "2026-07-01", .end = "2026-06-30", .price = "99.000");
    support_add_posting(ds, "2026-05", "opholdssted", "expense", "private",
                        "100.000", NULL);
    support_add_posting(ds, "2026-02", "kontaktperson", "expense", NULL,
                        "2.000", NULL);
    support_add_posting(ds, "2026-06", "kontaktperson", "income", "own",
                        "-3.000", NULL);
    support_add_posting(ds, "2026-01", "kontaktperson", "prior_year", "own",
                        "777", NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "own_vs_purchased", *y = "2026";
    const char *td = "2026-01..2026-10";

    assert_int_equal(row_money(f, id, y, "provider_kind=own", "amount"),
                     KR("6.000"));
    assert_int_equal(row_money(f, id, y, "provider_kind=purchased", "amount"),
                     KR("750.000"));
    assert_int_equal(row_money(f, id, y, "total", "amount"), KR("756.000"));
    assert_int_equal(row_money(f, id, y, "provider_kind=regional", "amount"),
                     KR("240.000"));
    const double eps = 1e-9;
    assert_true(
        fabs(row_real(f, id, y, "provider_kind=own", "full_year_recipients") -
             181.0 / 365.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=private",
                              "full_year_recipients") -
                     275.0 / 365.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=municipal",
                              "full_year_recipients") -
                     1.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=regional",
                              "full_year_recipients") -
                     184.0 / 365.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=purchased",
                              "full_year_recipients") -
                     640.0 / 365.0) < eps);
    assert_true(
        fabs(row_real(f, id, y, "total", "full_year_recipients") - 2.0) < eps);
    assert_true(
        fabs(row_real(f, id, y, "category=placement", "full_year_recipients") -
             640.0 / 365.0) < eps);
    assert_true(
        fabs(row_real(f, id, y, "category=preventive", "full_year_recipients") -
             181.0 / 365.0) < eps);

    assert_int_equal(row_money(f, id, td, "provider_kind=private", "booked"),
                     KR("100.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=purchased", "booked"),
                     KR("100.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=own", "booked"), 0);
    assert_int_equal(row_money(f, id, td, "total", "booked"), KR("102.000"));
    assert_int_equal(row_money(f, id, td, "category=preventive", "booked"),
                     KR("2.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=own", "income"),
                     KR("-3.000"));
    assert_int_equal(row_money(f, id, td, "total", "income"), KR("-3.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=purchased", "income"),
                     0);
    /* Members in code order: municipal < own < private < purchased <
     * regional. */
    assert_true(row_index(f, id, y, "provider_kind=municipal", "amount") <
                row_index(f, id, y, "provider_kind=own", "amount"));
    assert_true(row_index(f, id, y, "provider_kind=purchased", "amount") <
                row_index(f, id, y, "provider_kind=regional", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);

    /* Without postings: no booked or income rows. */
    ds = support_dataset();
    MEASURE(.type = "kontaktperson", .start = "2026-01-01", .price = "1");
    f = support_compute(ds, "2026-10");
    assert_null(find_row(f, id, td, "total", "booked"));
    assert_non_null(find_row(f, id, y, "total", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* ---- caseworker_spend ----------------------------------------------------
 * Report month 2026-10.
 * SB-Anne: kontaktperson 1.000/month all 2026 -> to date 10.000, year
 *   12.000; familiebehandling 2.000/month from 2026-09-01, ongoing ->
 *   to date Sep + Oct = 4.000, year Sep..Dec = 8.000.
 *   Anne: to date 14.000, year 20.000.
 * SB-Bo: opholdssted 31.000/month 2026-10-16..10-31 = 16/31 x 31.000 =
 *   16.000 to date and for the year.
 * SB-Carl: a measure of 2025 only: not listed.
 * Total: to date 30.000, year 36.000. */
static void test_caseworker_spend(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.caseworker = "SB-Bo", .type = "opholdssted", .start = "2026-10-16",
            .end = "2026-10-31", .price = "31.000");
    MEASURE(.caseworker = "SB-Anne", .type = "kontaktperson",
            .start = "2026-01-01", .end = "2026-12-31", .price = "1.000");
    MEASURE(.caseworker = "SB-Anne", .type = "familiebehandling",
            .start = "2026-09-01", .price = "2.000");
    MEASURE(.caseworker = "SB-Carl", .type = "kontaktperson",
            .start = "2025-01-01", .end = "2025-12-31", .price = "1.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "caseworker_spend", *td = "2026-01..2026-10";

    assert_int_equal(row_money(f, id, td, "caseworker=SB-Anne", "amount"),
                     KR("14.000"));
    assert_int_equal(row_money(f, id, "2026", "caseworker=SB-Anne", "amount"),
                     KR("20.000"));
    assert_int_equal(row_money(f, id, td, "caseworker=SB-Bo", "amount"),
                     KR("16.000"));
    assert_int_equal(row_money(f, id, "2026", "caseworker=SB-Bo", "amount"),
                     KR("16.000"));
    assert_null(find_row(f, id, td, "caseworker=SB-Carl", "amount"));
    assert_int_equal(row_money(f, id, td, "total", "amount"), KR("30.000"));
    assert_int_equal(row_money(f, id, "2026", "total", "amount"), KR("36.000"));
    assert_int_equal(
        row_money(f, id, "2026", "measure_type=familiebehandling", "amount"),
        KR("8.000"));
    /* Anne before Bo (bytewise), caseworkers before measure types. */
    assert_true(row_index(f, id, td, "caseworker=SB-Anne", "amount") <
                row_index(f, id, td, "caseworker=SB-Bo", "amount"));
    assert_true(
        row_index(f, id, td, "caseworker=SB-Bo", "amount") <
        row_index(f, id, td, "measure_type=familiebehandling", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* ---- the shared helpers ------------------------------------------------ */

/* kpi_measure_disposal walks the 24 months of Y and Y+1 at once; it must
 * agree month by month with the public one-month amount
 * (kpi_measure_month_amount with the assumed end; nothing for a cancelled
 * grant), for measures starting and ending inside, before and after the
 * two years. */
static void test_disposal_matches_month_function(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    static const char *const starts[] = {
        "2024-05-17", "2026-01-01", "2026-02-28", "2027-06-30", "2028-01-01"};
    static const char *const ends[] = {NULL, "2026-03-31", "2027-12-31",
                                       "2029-01-01", "2026-02-27"};
    static const char *const units[] = {"month", "day", "week", "year"};
    for (size_t s = 0; s < 5; s++)
        for (size_t e = 0; e < 5; e++)
            for (size_t u = 0; u < 4; u++) {
                if (ends[e] && D(ends[e]) < D(starts[s]) - 1)
                    continue;
                MEASURE(.type = "kontaktperson", .start = starts[s],
                        .end = ends[e], .price = "1.234,57", .unit = units[u],
                        .planned_end = "2027-02-14");
            }
    kpi_context ctx = support_context(ds, "2026-10");
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        kpi_disposal d;
        kpi_measure_disposal(m, &ctx, &d);
        kpi_money year = 0, next = 0, to_date = 0;
        for (int k = 0; k < 24; k++) {
            kpi_money want = m->cancelled
                                 ? 0
                                 : kpi_measure_month_amount(
                                       m->price, (kpi_unit)m->unit, m->start,
                                       kpi_measure_assumed_end(m, &ctx),
                                       ctx.year + k / 12, k % 12 + 1);
            assert_int_equal(d.months[k], want);
            if (k < 12)
                year += want;
            else
                next += want;
            if (k < 10)
                to_date += want;
        }
        assert_int_equal(d.year, year);
        assert_int_equal(d.next_year, next);
        assert_int_equal(d.to_date, to_date);
    }
    kpi_dataset_free(ds);
}

static size_t group_by_type(const kpi_measure *m, void *arg,
                            size_t groups[KPI_FULL_YEAR_MAX_GROUPS])
{
    (void)arg;
    groups[0] = 0;                  /* everyone */
    groups[1] = 1 + (m->type != 0); /* type 0 or not */
    return 2;
}

/* Full-year recipients over 2026-01-01..2026-01-10 (10 days):
 * K1 has measures 01-01..01-04, 01-03..01-06 (overlap: days 1-6 once =
 * 6) and 01-09 onwards (2 days): 8 days. K2 has 01-06..01-06 (1 day) and a
 * cancelled one. Everyone: 9 days / 10 = 0.9. */
static void test_full_year_union(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.child = "K1", .type = "kontaktperson", .start = "2026-01-03",
            .end = "2026-01-06", .price = "1");
    MEASURE(.child = "K2", .type = "kontaktperson", .start = "2026-01-06",
            .end = "2026-01-06", .price = "1");
    MEASURE(.child = "K1", .type = "kontaktperson", .start = "2026-01-01",
            .end = "2026-01-04", .price = "1");
    MEASURE(.child = "K1", .type = "kontaktperson", .start = "2026-01-09",
            .price = "1");
    MEASURE(.child = "K2", .type = "kontaktperson", .start = "2026-01-05",
            .end = "2026-01-04", .price = "1");
    kpi_context ctx = support_context(ds, "2026-10");
    double out[3];
    assert_int_equal(kpi_full_year_groups(&ctx, D("2026-01-01"),
                                          D("2026-01-10"), 3, group_by_type,
                                          NULL, out),
                     KPI_OK);
    assert_true(fabs(out[0] - 0.9) < 1e-12);
    assert_int_equal(kpi_full_year_groups(&ctx, D("2026-01-10"),
                                          D("2026-01-01"), 3, group_by_type,
                                          NULL, out),
                     KPI_ERR_ARG);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disposed_kl_example),
        cmocka_unit_test(test_disposed_units),
        cmocka_unit_test(test_disposed_leap_year),
        cmocka_unit_test(test_disposed_open_ends),
        cmocka_unit_test(test_spend),
        cmocka_unit_test(test_spend_needs_postings),
        cmocka_unit_test(test_budget_phase),
        cmocka_unit_test(test_forecast),
        cmocka_unit_test(test_forecast_without_postings_or_budget),
        cmocka_unit_test(test_figures_find),
        cmocka_unit_test(test_own_vs_purchased),
        cmocka_unit_test(test_caseworker_spend),
        cmocka_unit_test(test_disposal_matches_month_function),
        cmocka_unit_test(test_full_year_union),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
