/* test_new_cases.c - the key figure new_cases (SPEC §5) on small hand-made
 * datasets. Report month 2026-10 throughout: D = 2026-10-31, to date =
 * 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const TD = "2026-01..2026-10";

/* new_cases. M: K1 (0-5), K2 (6-11: opened on the 6th birthday), K4
 * (23 years: total only) = 3. To date: + K3 (opened 03-10 at 16: 15-17)
 * = 4. Series: 2025-02 K5 = 1, 2026-03 K3 = 1, the other 17 months 0; K6
 * (2024), K7 (2025-11, after M's month) and K8 (after D) nowhere. */
static void test_new_cases(void **state)
{
    (void)state;
    kpi_dataset *ds = cases_fixture();
    kpi_figures *f = support_compute(ds, M);
    const char *id = "new_cases";
    assert_int_equal(count(f, id, M, "total", "count"), 3);
    assert_int_equal(count(f, id, M, "age_group=0-5", "count"), 1);
    assert_int_equal(count(f, id, M, "age_group=6-11", "count"), 1);
    assert_null(find_row(f, id, M, "age_group=18-22", "count"));
    assert_int_equal(count(f, id, TD, "total", "count"), 4);
    assert_int_equal(count(f, id, TD, "age_group=15-17", "count"), 1);
    assert_int_equal(count(f, id, "2025-02", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-03", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 0);
    assert_null(find_row(f, id, "2025-11", "total", "count"));
    assert_null(find_row(f, id, "2026-03", "age_group=15-17", "count"));
    static const char *const want[] = {
        "2026-10|total|count",
        "2026-10|age_group=0-5|count",
        "2026-10|age_group=6-11|count",
        "2026-01..2026-10|total|count",
        "2026-01..2026-10|age_group=0-5|count",
        "2026-01..2026-10|age_group=6-11|count",
        "2026-01..2026-10|age_group=15-17|count",
        "2025-01|total|count",
        "2025-02|total|count",
        "2025-03|total|count",
        "2025-04|total|count",
        "2025-05|total|count",
        "2025-06|total|count",
        "2025-07|total|count",
        "2025-08|total|count",
        "2025-09|total|count",
        "2025-10|total|count",
        "2026-01|total|count",
        "2026-02|total|count",
        "2026-03|total|count",
        "2026-04|total|count",
        "2026-05|total|count",
        "2026-06|total|count",
        "2026-07|total|count",
        "2026-08|total|count",
        "2026-09|total|count",
    };
    assert_rows(f, id, want, sizeof want / sizeof *want);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_new_cases_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("new_cases", &ds);
    assert_int_equal(count(f, "new_cases", M, "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_cases),
        cmocka_unit_test(test_new_cases_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
