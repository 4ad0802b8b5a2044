/* test_last_year.c - the rows for the same point last year that
 * kpi_figures_compute adds after each figure's own (issue 14 item 2,
 * catalog/compute.c): the same day, month and January..month of Y-1,
 * computed from the same records without the report year's budget, no
 * row twice, no last year for the year's forecast or for data_quality.
 * Every number is worked out by hand in the comments. */
#include "support.h"
#include "catalog/catalog.h"

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

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static bool same_row(const kpi_row *a, const kpi_row *b)
{
    return !strcmp(a->kpi_id, b->kpi_id) && !strcmp(a->period, b->period) &&
           same_text(a->dimension, b->dimension) &&
           same_text(a->member, b->member) &&
           same_text(a->dimension2, b->dimension2) &&
           same_text(a->member2, b->member2) && !strcmp(a->stat, b->stat) &&
           a->kind == b->kind && a->integer == b->integer &&
           a->real == b->real && same_text(a->text, b->text);
}

/* The rows of f that last year's pass keeps (catalog/compute.c), in
 * order, into kept; returns how many. */
static size_t kept_rows(const kpi_figures *f, const kpi_context *ctx,
                        const kpi_row **kept, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->period, ctx->period_day) &&
            strcmp(r->period, ctx->period_month) &&
            strcmp(r->period, ctx->period_to_date))
            continue;
        assert_true(n < cap);
        kept[n++] = r;
    }
    return n;
}

/* ctx->last_year lets a figure skip the work whose rows last year's pass
 * throws away (rules/context.h); the rows it keeps must not change. Every
 * figure of the catalogue, run for October 2025 with and without it, on
 * the example dataset and on the fixture, writes the same rows of
 * 31-10-2025, October 2025 and January..October 2025, in the same order,
 * and at least one such row in all. */
static void check_last_year_skips_nothing_kept(const kpi_dataset *ds)
{
    enum { CAP = 4000 };
    static const kpi_row *full[CAP], *skipped[CAP];
    kpi_context ctx = support_context(ds, "2025-10");
    size_t total = 0;
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        kpi_figure_fn fn = kpi_catalog_figure_fn(i);
        if (!fn)
            continue;
        kpi_figures *a = kpi_figures_new(NULL), *b = kpi_figures_new(NULL);
        assert_non_null(a);
        assert_non_null(b);
        ctx.last_year = false;
        assert_int_equal(fn(a, &ctx), KPI_OK);
        ctx.last_year = true;
        assert_int_equal(fn(b, &ctx), KPI_OK);
        size_t n = kept_rows(a, &ctx, full, CAP);
        assert_int_equal(kept_rows(b, &ctx, skipped, CAP), n);
        for (size_t k = 0; k < n; k++)
            if (!same_row(full[k], skipped[k]))
                fail_msg("%s: row %zu (%s %s) differs with last_year",
                         kpi_catalog_figure(i)->id, k, full[k]->period,
                         full[k]->stat);
        total += n;
        kpi_figures_free(a);
        kpi_figures_free(b);
    }
    assert_true(total > 0);
}

static void test_last_year_skips_nothing_kept(void **state)
{
    (void)state;
    kpi_dataset *ds = support_load(KPI_FIXTURES "/../../examples/eksempel");
    check_last_year_skips_nothing_kept(ds);
    kpi_dataset_free(ds);
    ds = fixture();
    check_last_year_skips_nothing_kept(ds);
    kpi_dataset_free(ds);
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
        cmocka_unit_test(test_last_year_skips_nothing_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
