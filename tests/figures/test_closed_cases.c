/* test_closed_cases.c - the key figure closed_cases (SPEC §5) on small hand-
 * made datasets. Report month 2026-10 throughout: D = 2026-10-31, to date =
 * 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const TD = "2026-01..2026-10";

/* closed_cases. M: K3, closed on D = 1. To date: K3 + K5 (02-10) = 2.
 * Series: 2025-10 K6 = 1, 2026-02 K5 = 1. No breakdown. */
static void test_closed_cases(void **state)
{
    (void)state;
    kpi_dataset *ds = cases_fixture();
    kpi_figures *f = support_compute(ds, M);
    const char *id = "closed_cases";
    assert_int_equal(count(f, id, M, "total", "count"), 1);
    assert_int_equal(count(f, id, TD, "total", "count"), 2);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-02", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-09", "total", "count"), 0);
    assert_null(find_row(f, id, "2026-10", "age_group=15-17", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_closed_cases_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("closed_cases", &ds);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_cases),
        cmocka_unit_test(test_closed_cases_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
