/* test_preventive_duration.c - the key figure preventive_duration (SPEC §5)
 * on small hand-made datasets. Report month 2026-10: D = 2026-10-31, to date
 * = 2026-01-01..2026-10-31. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})
static const char *const TO_DATE = "2026-01..2026-10";

/*
 * Preventive measures, each on its own (days = end - start + 1):
 * P1 social   familiebehandling 2026-10-01..10-31: ends on D, in M: 31.
 * P2 handicap kontaktperson 2026-02-01..10-15, in M: 28 + 31 + 30 + 31 +
 *             30 + 31 + 31 + 30 + 15 = 257.
 * P3 social   familiebehandling 2025-06-01..2025-12-31: ends on 31
 *             December of Y-1: not in the period, and December is outside
 *             the series (January..October).
 * P4 social   stoette_i_hjemmet 2025-09-01..2026-03-31: crosses the year,
 *             to date only: 30 + 31 + 30 + 31 + 31 + 28 + 31 = 212.
 * P5 social   dagtilbud from 2026-10-05, open: not ended.
 * P6 social   dagtilbud 2026-10-10..10-09: cancelled: nothing.
 * P7 handicap familiebehandling 2025-01-01..2025-03-15: the series 2025-03.
 * P8 social   kontaktperson 2026-10-20..2026-11-30: ends after D.
 * Q  social   opholdssted 2026-01-01..10-10: a placement: not counted.
 */
static kpi_dataset *preventive_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.child = "P1", .type = "familiebehandling", .start = "2026-10-01",
      .end = "2026-10-31", .price = "1");
    P(.child = "P2", .target_group = "handicap", .type = "kontaktperson",
      .start = "2026-02-01", .end = "2026-10-15", .price = "1");
    P(.child = "P3", .type = "familiebehandling", .start = "2025-06-01",
      .end = "2025-12-31", .price = "1");
    P(.child = "P4", .type = "stoette_i_hjemmet", .start = "2025-09-01",
      .end = "2026-03-31", .price = "1");
    P(.child = "P5", .type = "dagtilbud", .start = "2026-10-05", .price = "1");
    P(.child = "P6", .type = "dagtilbud", .start = "2026-10-10",
      .end = "2026-10-09", .price = "1");
    P(.child = "P7", .target_group = "handicap", .type = "familiebehandling",
      .start = "2025-01-01", .end = "2025-03-15", .price = "1");
    P(.child = "P8", .type = "kontaktperson", .start = "2026-10-20",
      .end = "2026-11-30", .price = "1");
    P(.child = "Q", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-10-10", .price = "1");
    return ds;
}

/* M = October: P1 31, P2 257: count 2, mean 144, min 31, max 257;
 * familiebehandling 1 (31), kontaktperson 1 (257); handicap 1 (257),
 * social 1 (31). */
static void test_preventive_month(void **state)
{
    (void)state;
    kpi_dataset *ds = preventive_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "preventive_duration", *m = "2026-10";
    assert_int_equal(row_count(f, id, m, "total", "count"), 2);
    assert_float_equal(row_real(f, id, m, "total", "mean_days"), 144.0, 1e-9);
    assert_int_equal(row_count(f, id, m, "total", "min_days"), 31);
    assert_int_equal(row_count(f, id, m, "total", "max_days"), 257);
    assert_null(find_row(f, id, m, "total", "median_days"));
    const char *fb = "measure_type=familiebehandling";
    assert_int_equal(row_count(f, id, m, fb, "count"), 1);
    assert_float_equal(row_real(f, id, m, fb, "mean_days"), 31.0, 1e-9);
    assert_int_equal(
        row_count(f, id, m, "measure_type=kontaktperson", "max_days"), 257);
    assert_null(find_row(f, id, m, "measure_type=stoette_i_hjemmet", "count"));
    assert_null(find_row(f, id, m, "measure_type=dagtilbud", "count"));
    assert_null(find_row(f, id, m, "measure_type=opholdssted", "count"));
    assert_int_equal(row_count(f, id, m, "target_group=handicap", "min_days"),
                     257);
    assert_int_equal(row_count(f, id, m, "target_group=social", "count"), 1);
    assert_int_equal(row_count(f, id, m, "target_group=social", "max_days"),
                     31);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* To date: P1 31, P2 257, P4 212 (not P3, ended 2025-12-31): count 3,
 * mean 500 / 3 = 166.67, min 31, max 257; familiebehandling 1 (31, P3
 * not counted), kontaktperson 1, stoette_i_hjemmet 1 (212); handicap 1
 * (257); social 31 and 212: 2, mean 121.5, min 31, max 212. */
static void test_preventive_to_date(void **state)
{
    (void)state;
    kpi_dataset *ds = preventive_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "preventive_duration";
    assert_int_equal(row_count(f, id, TO_DATE, "total", "count"), 3);
    assert_float_equal(row_real(f, id, TO_DATE, "total", "mean_days"),
                       500.0 / 3, 1e-9);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "min_days"), 31);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "max_days"), 257);
    assert_int_equal(
        row_count(f, id, TO_DATE, "measure_type=familiebehandling", "count"),
        1);
    assert_int_equal(
        row_count(f, id, TO_DATE, "measure_type=stoette_i_hjemmet", "min_days"),
        212);
    assert_int_equal(
        row_count(f, id, TO_DATE, "measure_type=kontaktperson", "count"), 1);
    assert_int_equal(
        row_count(f, id, TO_DATE, "target_group=handicap", "count"), 1);
    const char *s = "target_group=social";
    assert_int_equal(row_count(f, id, TO_DATE, s, "count"), 2);
    assert_float_equal(row_real(f, id, TO_DATE, s, "mean_days"), 121.5, 1e-9);
    assert_int_equal(row_count(f, id, TO_DATE, s, "min_days"), 31);
    assert_int_equal(row_count(f, id, TO_DATE, s, "max_days"), 212);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The series: measures ended per month, January..October 2025 and
 * January..September 2026 (October is the month row). 2025-03: P7;
 * 2026-03: P4; all else 0; P3 (2025-12) outside. Totals only, so 19
 * series rows + M + to date = 21 total count rows. */
static void test_preventive_series(void **state)
{
    (void)state;
    kpi_dataset *ds = preventive_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "preventive_duration";
    assert_int_equal(row_count(f, id, "2025-03", "total", "count"), 1);
    assert_int_equal(row_count(f, id, "2026-03", "total", "count"), 1);
    assert_int_equal(row_count(f, id, "2025-10", "total", "count"), 0);
    assert_int_equal(row_count(f, id, "2026-09", "total", "count"), 0);
    assert_null(find_row(f, id, "2025-12", "total", "count"));
    assert_null(find_row(f, id, "2026-03", "target_group=social", "count"));
    size_t totals = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, id) == 0 && !r->dimension &&
            strcmp(r->stat, "count") == 0)
            totals++;
    }
    assert_int_equal(totals, 21);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The first days of the periods count, the day before does not:
 * X 2026-09-01..10-01 = 31 days, ends on the first of M;
 * Y 2025-12-20..2026-01-01 = 12 + 1 = 13 days, ends on 1 January Y;
 * Z 2025-12-01..2025-12-31 ends the day before the year: not counted.
 * M: X: count 1, 31. To date: X, Y: 2, mean 22, min 13, max 31. */
static void test_preventive_period_edges(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    P(.child = "X", .type = "kontaktperson", .start = "2026-09-01",
      .end = "2026-10-01", .price = "1");
    P(.child = "Y", .type = "kontaktperson", .start = "2025-12-20",
      .end = "2026-01-01", .price = "1");
    P(.child = "Z", .type = "kontaktperson", .start = "2025-12-01",
      .end = "2025-12-31", .price = "1");
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "preventive_duration";
    assert_int_equal(row_count(f, id, "2026-10", "total", "count"), 1);
    assert_int_equal(row_count(f, id, "2026-10", "total", "min_days"), 31);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "count"), 2);
    assert_float_equal(row_real(f, id, TO_DATE, "total", "mean_days"), 22.0,
                       1e-9);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "min_days"), 13);
    assert_int_equal(row_count(f, id, "2026-01", "total", "count"), 1);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Nothing ended: the count 0 is written, the mean is not (a mean of
 * nothing is not 0 days). Without measures.csv: no rows. */
static void test_preventive_empty_and_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(
        row_count(f, "preventive_duration", "2026-10", "total", "count"), 0);
    assert_null(
        find_row(f, "preventive_duration", "2026-10", "total", "mean_days"));
    kpi_figures_free(f);

    ds->present[KPI_FILE_MEASURES] = false;
    f = support_compute(ds, "2026-10");
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        assert_string_not_equal(r->kpi_id, "preventive_duration");
    }
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preventive_month),
        cmocka_unit_test(test_preventive_to_date),
        cmocka_unit_test(test_preventive_series),
        cmocka_unit_test(test_preventive_period_edges),
        cmocka_unit_test(test_preventive_empty_and_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
