/* test_school_absence.c - the key figure school_absence (SPEC §5) from
 * outcomes.csv (SPEC §3.7), on outcomes_fixture (fixtures.c). */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9
#define ABS(child, date, v)                                                    \
    add_outcome(ds, child, date, KPI_INDICATOR_SCHOOL_ABSENCE, NULL, v)
static const char SA[] = "school_absence";

/* ---- school_absence --- */

/*
 * Absence rows (percent):
 * K1 2025-10-10 8, 2026-03-01 70, 2026-10-05 10, 2026-10-20 30,
 *    2026-11-02 99 (after D: never used)
 * K2 2026-10-05 50 (preventive), 2026-10-31 20 (on D, placed)
 * K3 2026-10-15 40 then 2026-10-15 60: same day, the later line wins: 60
 * K4 2026-10-20 5
 * K5 2025-12-31 90 (in no period of the report), 2026-09-15 12
 *
 * M = 2026-10, latest per child: K1 30 (placed, 14: 12-14), K2 20
 * (placed on D, 10: 6-11), K3 60 (no status, 17: 15-17), K4 5 (total
 * only). mean (30 + 20 + 60 + 5) / 4 = 28.75, count 4.
 * status=placed: K1, K2: (30 + 20) / 2 = 25, count 2; no preventive row.
 * age 6-11: 20 (1), 12-14: 30 (1), 15-17: 60 (1).
 *
 * To date adds K5 12 (2026-09-15: preventive, 12: 12-14):
 * mean (30 + 20 + 60 + 5 + 12) / 5 = 127 / 5 = 25.4, count 5.
 * placed 25 (2), preventive 12 (1); 6-11: 20 (1), 12-14: (30 + 12) / 2
 * = 21 (2), 15-17: 60 (1).
 *
 * Series (totals only): 2025-10: K1 8 -> 8 (1); 2026-03: K1 70 (1);
 * 2026-09: K5 12 (1); every other month count 0 and no mean.
 */
static void add_absence(kpi_dataset *ds)
{
    ABS("K1", "2025-10-10", 8);
    ABS("K1", "2026-03-01", 70);
    ABS("K1", "2026-10-05", 10);
    ABS("K1", "2026-10-20", 30);
    ABS("K1", "2026-11-02", 99);
    ABS("K2", "2026-10-05", 50);
    ABS("K2", "2026-10-31", 20);
    ABS("K3", "2026-10-15", 40);
    ABS("K3", "2026-10-15", 60);
    ABS("K4", "2026-10-20", 5);
    ABS("K5", "2025-12-31", 90);
    ABS("K5", "2026-09-15", 12);
}

static void test_absence_month(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    add_absence(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *m = "2026-10";
    assert_float_equal(row_real(f, SA, m, "total", "mean"), 28.75, EPS);
    assert_int_equal(row_count(f, SA, m, "total", "count"), 4);
    assert_float_equal(row_real(f, SA, m, "status=placed", "mean"), 25, EPS);
    assert_int_equal(row_count(f, SA, m, "status=placed", "count"), 2);
    assert_null(find_row(f, SA, m, "status=preventive", "count"));
    assert_null(find_row(f, SA, m, "status=preventive", "mean"));
    assert_float_equal(row_real(f, SA, m, "age_group=6-11", "mean"), 20, EPS);
    assert_float_equal(row_real(f, SA, m, "age_group=12-14", "mean"), 30, EPS);
    assert_float_equal(row_real(f, SA, m, "age_group=15-17", "mean"), 60, EPS);
    assert_int_equal(row_count(f, SA, m, "age_group=15-17", "count"), 1);
    assert_null(find_row(f, SA, m, "age_group=0-5", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_absence_to_date(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    add_absence(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *p = "2026-01..2026-10";
    assert_float_equal(row_real(f, SA, p, "total", "mean"), 25.4, EPS);
    assert_int_equal(row_count(f, SA, p, "total", "count"), 5);
    assert_float_equal(row_real(f, SA, p, "status=placed", "mean"), 25, EPS);
    assert_float_equal(row_real(f, SA, p, "status=preventive", "mean"), 12,
                       EPS);
    assert_int_equal(row_count(f, SA, p, "status=preventive", "count"), 1);
    assert_float_equal(row_real(f, SA, p, "age_group=12-14", "mean"), 21, EPS);
    assert_int_equal(row_count(f, SA, p, "age_group=12-14", "count"), 2);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_absence_series_and_order(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    add_absence(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_float_equal(row_real(f, SA, "2025-10", "total", "mean"), 8, EPS);
    assert_float_equal(row_real(f, SA, "2026-03", "total", "mean"), 70, EPS);
    assert_float_equal(row_real(f, SA, "2026-09", "total", "mean"), 12, EPS);
    assert_int_equal(row_count(f, SA, "2026-02", "total", "count"), 0);
    assert_null(find_row(f, SA, "2026-02", "total", "mean"));
    /* 2025-12 is not in the series (January..October only). */
    assert_null(find_row(f, SA, "2025-12", "total", "count"));
    /* Series are totals only. */
    assert_null(find_row(f, SA, "2026-09", "status=preventive", "count"));

    /* Order: M (10 rows: total 2, placed 2, three age groups 2 each),
     * to date (12 rows: total, placed, preventive, three age groups),
     * then 2025-01..2025-10 and 2026-01..2026-09 ascending: 19 periods,
     * one count row each plus a mean in 2025-10, 2026-03 and 2026-09:
     * 22 rows. 44 in all. */
    static const char *const expect[] = {
        "2026-10", "2026-01..2026-10", "2025-01", "2025-02", "2025-03",
        "2025-04", "2025-05",          "2025-06", "2025-07", "2025-08",
        "2025-09", "2025-10",          "2026-01", "2026-02", "2026-03",
        "2026-04", "2026-05",          "2026-06", "2026-07", "2026-08",
        "2026-09"};
    size_t k = 0, n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, SA) != 0)
            continue;
        n++;
        if (strcmp(r->period, expect[k]) != 0) {
            k++;
            assert_true(k < sizeof expect / sizeof expect[0]);
            assert_string_equal(r->period, expect[k]);
            assert_null(r->dimension); /* each period starts with its total */
        }
    }
    assert_int_equal(k, sizeof expect / sizeof expect[0] - 1);
    assert_int_equal(n, 44);

    /* Within M: total, status, then age groups youngest first. */
    const kpi_row *r0 = NULL;
    for (size_t i = 0; i < kpi_figures_row_count(f) && !r0; i++)
        if (strcmp(kpi_figures_row(f, i)->kpi_id, SA) == 0)
            r0 = kpi_figures_row(f, i);
    assert_non_null(r0);
    static const char *const dims[] = {
        NULL,        NULL,        "status",    "status",    "age_group",
        "age_group", "age_group", "age_group", "age_group", "age_group"};
    static const char *const members[] = {NULL,    NULL,   "placed", "placed",
                                          "6-11",  "6-11", "12-14",  "12-14",
                                          "15-17", "15-17"};
    for (size_t i = 0; i < 10; i++) {
        const kpi_row *r = r0 + i;
        if (dims[i]) {
            assert_string_equal(r->dimension, dims[i]);
            assert_string_equal(r->member, members[i]);
        } else {
            assert_null(r->dimension);
        }
    }
    assert_string_equal(r0[0].stat, "mean");
    assert_string_equal(r0[1].stat, "count");
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without outcomes.csv school_absence is not available: no rows at all. */
static void test_absence_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        assert_string_not_equal(r->kpi_id, SA);
    }
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* outcomes.csv present but empty: school_absence is available with count
 * 0 totals (zero children assessed is a fact, not a gap). */
static void test_absence_empty_outcomes(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    ds->present[KPI_FILE_OUTCOMES] = true;
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_count(f, SA, "2026-10", "total", "count"), 0);
    assert_null(find_row(f, SA, "2026-10", "total", "mean"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absence_month),
        cmocka_unit_test(test_absence_to_date),
        cmocka_unit_test(test_absence_series_and_order),
        cmocka_unit_test(test_absence_not_available),
        cmocka_unit_test(test_absence_empty_outcomes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
