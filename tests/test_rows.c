/* test_rows.c - the row store (libkpi/results/rows.c): kpi_figures_find
 * finds the row a scan of the export finds; a row's breakdown is written
 * as the export writes it (libkpi/results/export.c). */
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

/* The export's breakdown column: "total", "dim=member" and, for a pair,
 * "dim=member,dim2=member2"; a short buffer gets what fits. */
static void test_row_format_breakdown(void **state)
{
    (void)state;
    char buf[64];
    kpi_row total = {.kpi_id = "spend", .period = "2026", .stat = "amount"};
    assert_int_equal(kpi_row_format_breakdown(&total, buf, sizeof buf), KPI_OK);
    assert_string_equal(buf, "total");

    kpi_row one = total;
    one.dimension = "measure_type";
    one.member = "opholdssted";
    assert_int_equal(kpi_row_format_breakdown(&one, buf, sizeof buf), KPI_OK);
    assert_string_equal(buf, "measure_type=opholdssted");

    kpi_row pair = one;
    pair.dimension2 = "provider";
    pair.member2 = "Solg\xC3\xA5rden";
    assert_int_equal(kpi_row_format_breakdown(&pair, buf, sizeof buf), KPI_OK);
    assert_string_equal(buf,
                        "measure_type=opholdssted,provider=Solg\xC3\xA5rden");

    /* 24 characters and the NUL need 25 bytes. */
    assert_int_equal(kpi_row_format_breakdown(&one, buf, 25), KPI_OK);
    assert_int_equal(kpi_row_format_breakdown(&one, buf, 24), KPI_ERR_RANGE);
    assert_string_equal(buf, "measure_type=opholdsste");
    assert_int_equal(kpi_row_format_breakdown(&one, buf, 1), KPI_ERR_RANGE);
    assert_string_equal(buf, "");

    assert_int_equal(kpi_row_format_breakdown(NULL, buf, sizeof buf),
                     KPI_ERR_ARG);
    assert_int_equal(kpi_row_format_breakdown(&one, NULL, 8), KPI_ERR_ARG);
    assert_int_equal(kpi_row_format_breakdown(&one, buf, 0), KPI_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_find),
        cmocka_unit_test(test_row_format_breakdown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
