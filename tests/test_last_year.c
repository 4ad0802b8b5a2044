/* test_last_year.c - the rows for the same point last year that
 * kpi_figures_compute adds after each figure's own (issue 14 item 2,
 * catalog/compute.c): the same day, month and January..month of Y-1,
 * computed from the same records without the report year's budget, no
 * row twice, no last year for the year's forecast or for data_quality.
 * Every number is worked out by hand in the comments. */
#include "support.h"

#include <string.h>

/* How many rows of f have these keys (a duplicate would make it 2). */
static size_t rows_with(const kpi_figures *f, const char *id,
                        const char *period, const char *dim,
                        const char *member, const char *stat)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (!strcmp(r->kpi_id, id) && !strcmp(r->period, period) &&
            !strcmp(r->stat, stat) && !r->dimension2 &&
            (dim ? r->dimension && !strcmp(r->dimension, dim) &&
                       !strcmp(r->member, member)
                 : !r->dimension))
            n++;
    }
    return n;
}

/* Report month 2026-10, so last year is October 2025.
 * Measures (all placements, prices a month):
 *   M1 C1 opholdssted 2025-03-10..2025-08-31
 *   M2 C2 almen_plejefamilie 2024-06-01.., open
 *   M3 C3 opholdssted 2025-11-05.., open (after October 2025)
 *   M4 C4 opholdssted 2026-02-01.., open
 * New placements January..October 2025: spells starting 2025-01-01..
 *   2025-10-31: M1 only = 1 (opholdssted 1); M2 began in 2024, M3 in
 *   November. January..October 2026: M4 = 1.
 * Placed children on 31-10-2025: M2 (M1 ended 31-08, M3 not begun) = 1,
 *   almen_plejefamilie 1. On 31-10-2026: M2, M3, M4 = 3.
 * Spend: postings 2025-04 opholdssted 30.000, 2025-10 almen_plejefamilie
 *   20.000, 2025-11 opholdssted 7.000, 2026-03 opholdssted 50.000.
 *   January..October 2025: 30.000 + 20.000 = 50.000 (November's 7.000 is
 *   after the period); October 2025: 20.000.
 *   The budget (opholdssted 600.000) is 2026's: January..October 2026 has
 *   budget 600.000 x 10/12 = 500.000; 2025's rows have no budget, no
 *   deviation and no share. */
static kpi_dataset *fixture(void)
{
    kpi_dataset *ds = support_dataset();
    support_add_measure(ds, &(support_measure){
        .id = "M1", .child = "C1", .type = "opholdssted",
        .start = "2025-03-10", .end = "2025-08-31", .price = "30.000"});
    support_add_measure(ds, &(support_measure){
        .id = "M2", .child = "C2", .type = "almen_plejefamilie",
        .start = "2024-06-01", .price = "20.000"});
    support_add_measure(ds, &(support_measure){
        .id = "M3", .child = "C3", .type = "opholdssted",
        .start = "2025-11-05", .price = "30.000"});
    support_add_measure(ds, &(support_measure){
        .id = "M4", .child = "C4", .type = "opholdssted",
        .start = "2026-02-01", .price = "30.000"});
    static const char *const postings[][3] = {
        {"2025-04", "opholdssted", "30.000"},
        {"2025-10", "almen_plejefamilie", "20.000"},
        {"2025-11", "opholdssted", "7.000"},
        {"2026-03", "opholdssted", "50.000"},
    };
    for (size_t i = 0; i < sizeof postings / sizeof *postings; i++)
        support_add_posting(ds, postings[i][0], postings[i][1], "expense",
                            NULL, postings[i][2], NULL);
    support_add_budget(ds, "opholdssted", "600.000", NULL, NULL, NULL);
    return ds;
}

static void test_flows_to_date(void **state)
{
    const kpi_figures *f = *state;
    const char *ly = "2025-01..2025-10";
    assert_int_equal(row_count(f, "new_placements", ly, "total", "count"), 1);
    assert_int_equal(row_count(f, "new_placements", ly,
                               "measure_type=opholdssted", "count"), 1);
    assert_int_equal(row_count(f, "new_placements", "2026-01..2026-10",
                               "total", "count"), 1);
    assert_int_equal(row_money(f, "spend", ly, "total", "amount"),
                     KR("50.000"));
    assert_int_equal(row_money(f, "spend", ly, "total", "expense"),
                     KR("50.000"));
}

static void test_stock_same_day(void **state)
{
    const kpi_figures *f = *state;
    assert_int_equal(
        row_count(f, "placed_children", "2025-10-31", "total", "count"), 1);
    assert_int_equal(row_count(f, "placed_children", "2025-10-31",
                               "measure_type=almen_plejefamilie", "count"),
                     1);
    assert_null(find_row(f, "placed_children", "2025-10-31",
                         "measure_type=opholdssted", "count"));
    assert_int_equal(
        row_count(f, "placed_children", "2026-10-31", "total", "count"), 3);
}

/* The monthly series already hold October 2025's total and 31-10-2025's
 * stock: they are not written a second time. */
static void test_no_row_twice(void **state)
{
    const kpi_figures *f = *state;
    assert_int_equal(
        rows_with(f, "placed_children", "2025-10-31", NULL, NULL, "count"), 1);
    assert_int_equal(rows_with(f, "spend", "2025-10", NULL, NULL, "amount"), 1);
    assert_int_equal(row_money(f, "spend", "2025-10", "total", "amount"),
                     KR("20.000"));
    assert_int_equal(
        rows_with(f, "spend", "2025-01..2025-10", NULL, NULL, "amount"), 1);
}

/* This year's budget is not last year's: no budget, deviation or share
 * beside last year's spend, and no forecast for 2025. */
static void test_no_budget_last_year(void **state)
{
    const kpi_figures *f = *state;
    assert_int_equal(
        row_money(f, "spend", "2026-01..2026-10", "total", "budget"),
        KR("500.000"));
    const char *ly = "2025-01..2025-10";
    assert_null(find_row(f, "spend", ly, "total", "budget"));
    assert_null(find_row(f, "spend", ly, "total", "deviation"));
    assert_null(find_row(f, "spend", ly, "total", "share"));
    assert_null(find_row(f, "forecast", "2025", "total", "amount"));
    assert_null(find_row(f, "forecast", "2025", "total", "budget"));
    assert_null(find_row(f, "recipients_price", ly, "total",
                         "budget_full_year_recipients"));
    assert_null(find_row(f, "data_quality", "2025-10-31", "total", "count"));
}

/* The fixture's figures by kpi_figures_compute itself (support_compute
 * leaves last year out), as every test's state. */
static int setup(void **state)
{
    kpi_dataset *ds = fixture();
    kpi_figures *f = NULL;
    kpi_status st = kpi_figures_compute(ds, (kpi_month){2026, 10}, NULL, &f);
    kpi_dataset_free(ds);
    *state = f;
    return st == KPI_OK ? 0 : -1;
}

static int teardown(void **state)
{
    kpi_figures_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_flows_to_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stock_same_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_row_twice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_budget_last_year, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
