/* test_rows.c - the row store (libkpi/results/rows.c): kpi_figures_find
 * finds the row a scan of the export finds. */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MEASURE(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

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
    assert_ptr_equal(
        kpi_figures_find(f, "forecast", "2026", NULL, NULL, "budget"),
        find_row(f, "forecast", "2026", "total", "budget"));
    assert_ptr_equal(
        kpi_figures_find(f, "forecast", "2026", "measure_type", "opholdssted",
                         "amount"),
        find_row(f, "forecast", "2026", "measure_type=opholdssted", "amount"));
    assert_non_null(kpi_figures_find(f, "forecast", "2026", "category",
                                     "placement", "amount"));
    assert_null(kpi_figures_find(f, "forecast", "2027", NULL, NULL, "amount"));
    assert_null(kpi_figures_find(f, "forecast", "2026", "measure_type",
                                 "kostskole", "amount"));
    assert_null(
        kpi_figures_find(f, "no_such_figure", "2026", NULL, NULL, "amount"));
    assert_null(kpi_figures_find(f, "forecast", "2026", "measure_type", NULL,
                                 "amount"));
    assert_null(
        kpi_figures_find(NULL, "forecast", "2026", NULL, NULL, "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
