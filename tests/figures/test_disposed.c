/* test_disposed.c - the key figure disposed (SPEC §5) on small datasets;
 * every number is worked out by hand in the comment above its assertion. */
#include "support.h"
#include "fixtures.h"

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
    assert_int_equal(rows_count_of(f, "disposed"), 32);
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

/* By kontoplan function, report month 2026-10: opholdssted 5.28.20,
 * almen_plejefamilie 5.28.22, kontaktperson none.
 * opholdssted 10.000 a month 2026-01-01..2026-12-31: to date 100.000,
 *   rest 20.000, year 120.000, next 0, 1 measure.
 * almen_plejefamilie 20.000 a month 2026-07-01..2027-06-30: to date
 *   (Jul..Oct) 80.000, rest 40.000, year 120.000, next (Jan..Jun) 120.000.
 * kontaktperson 5.000 a month in October: 5.000 to date and year, rest 0.
 * The members add up: year 120.000 + 120.000 + 5.000 = 245.000. */
static void test_disposed_by_function(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    set_function(ds, "opholdssted", "5.28.20");
    set_function(ds, "almen_plejefamilie", "5.28.22");
    MEASURE(.type = "opholdssted", .start = "2026-01-01", .end = "2026-12-31",
            .price = "10.000");
    MEASURE(.type = "almen_plejefamilie", .child = "B2", .start = "2026-07-01",
            .end = "2027-06-30", .price = "20.000");
    MEASURE(.type = "kontaktperson", .child = "B3", .start = "2026-10-01",
            .end = "2026-10-31", .price = "5.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *td = "2026-01..2026-10", *rest = "2026-11..2026-12";
    const char *f20 = "function=5.28.20", *f22 = "function=5.28.22";
    assert_int_equal(row_money(f, "disposed", td, f20, "amount"),
                     KR("100.000"));
    assert_int_equal(row_money(f, "disposed", rest, f20, "amount"),
                     KR("20.000"));
    assert_int_equal(row_money(f, "disposed", "2026", f20, "amount"),
                     KR("120.000"));
    assert_int_equal(row_count(f, "disposed", "2026", f20, "count"), 1);
    assert_int_equal(row_money(f, "disposed", "2027", f20, "amount"), 0);
    assert_int_equal(row_money(f, "disposed", td, f22, "amount"),
                     KR("80.000"));
    assert_int_equal(row_money(f, "disposed", "2027", f22, "amount"),
                     KR("120.000"));
    assert_int_equal(row_money(f, "disposed", td, "function=none", "amount"),
                     KR("5.000"));
    assert_int_equal(row_money(f, "disposed", rest, "function=none", "amount"),
                     0);
    assert_int_equal(row_money(f, "disposed", "2026", "total", "amount"),
                     KR("245.000"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_disposed_kl_example),
        cmocka_unit_test(test_disposed_units),
        cmocka_unit_test(test_disposed_leap_year),
        cmocka_unit_test(test_disposed_open_ends),
            cmocka_unit_test(test_disposed_by_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
