/* test_management_reviews.c - the key figure management_reviews (SPEC §5) on
 * small hand-made datasets. Report month 2026-10 throughout: D = 2026-10-31,
 * to date = 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const TD = "2026-01..2026-10";

static void add_review(kpi_dataset *ds, const char *date)
{
    kpi_review *r = KPI_ARRAY_PUSH(ds->alloc, &ds->reviews);
    assert_non_null(r);
    ds->present[KPI_FILE_REVIEWS] = true;
    r->case_id = sym(ds, "S1");
    r->reviewer = sym(ds, "Leder");
    r->date = D(date);
}

/* ---- management_reviews ------------------------------------------------
 * 2026-10-01 and 2026-10-31 (M: 2), 2026-01-15 (to date: 3), 2025-10-31
 * (series 2025-10), 2025-11-01 and 2026-11-01 (no period). */
static void test_management_reviews(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_review(ds, "2026-10-01");
    add_review(ds, "2026-10-31");
    add_review(ds, "2026-01-15");
    add_review(ds, "2025-10-31");
    add_review(ds, "2025-11-01");
    add_review(ds, "2026-11-01");
    kpi_figures *f = support_compute(ds, M);
    const char *id = "management_reviews";
    assert_int_equal(count(f, id, M, "total", "count"), 2);
    assert_int_equal(count(f, id, TD, "total", "count"), 3);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-01", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-09", "total", "count"), 0);
    static char got[64][128];
    assert_int_equal(rows_of(f, id, got, 64), 2 + 19);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* January: the series is January of Y-1 only (January of Y is M). */
static void test_january_series(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_review(ds, "2025-01-31");
    add_review(ds, "2026-01-01");
    add_review(ds, "2025-02-01");
    kpi_figures *f = support_compute(ds, "2026-01");
    static const char *const want[] = {
        "2026-01|total|count",
        "2026-01..2026-01|total|count",
        "2025-01|total|count",
    };
    assert_rows(f, "management_reviews", want, sizeof want / sizeof *want);
    assert_int_equal(
        count(f, "management_reviews", "2025-01", "total", "count"), 1);
    assert_int_equal(
        count(f, "management_reviews", "2026-01", "total", "count"), 1);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_management_reviews_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("management_reviews", &ds);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_management_reviews),
        cmocka_unit_test(test_january_series),
        cmocka_unit_test(test_management_reviews_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
