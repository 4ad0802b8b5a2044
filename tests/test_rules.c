/* test_rules.c - the rules the economy figures share (libkpi/rules/): the
 * phased budget, the disposal of a measure against the one-month amount, and
 * full-year recipients of groups of measures. */
#include "support.h"
#include "rules/budget.h"
#include "rules/disposal.h"
#include "rules/full_year.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MEASURE(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

static size_t group_by_type(const kpi_measure *m, void *arg,
                            size_t groups[KPI_FULL_YEAR_MAX_GROUPS])
{
    (void)arg;
    groups[0] = 0;                  /* everyone */
    groups[1] = 1 + (m->type != 0); /* type 0 or not */
    return 2;
}

/* The even spread: 12 months of 1.000,00 kr. ... and an annual budget of
 * 100,00 kr. = 10.000 øre: month m gets round(10.000 m / 12) -
 * round(10.000 (m-1) / 12): January 833, February 1.667 - 833 = 834,
 * March 2.500 - 1.667 = 833, ..., December 10.000 - 9.167 = 833; the
 * twelve sum to 10.000. A negative budget (an income line) mirrors it. */
static void test_budget_phase(void **state)
{
    (void)state;
    kpi_budget_line b;
    memset(&b, 0, sizeof b);
    b.annual = 10000;
    kpi_money months[12];
    kpi_budget_line_phase(&b, months);
    assert_int_equal(months[0], 833);
    assert_int_equal(months[1], 834);
    assert_int_equal(months[2], 833);
    assert_int_equal(months[11], 833);
    kpi_money sum = 0;
    for (int i = 0; i < 12; i++)
        sum += months[i];
    assert_int_equal(sum, 10000);
    b.annual = -10000;
    kpi_budget_line_phase(&b, months);
    assert_int_equal(months[1], -834);
    b.has_months = true;
    b.months[4] = 77;
    kpi_budget_line_phase(&b, months);
    assert_int_equal(months[4], 77);
    assert_int_equal(months[0], 0);
}

/* ---- the shared helpers ------------------------------------------------ */

/* kpi_measure_disposal walks the 24 months of Y and Y+1 at once; it must
 * agree month by month with the public one-month amount
 * (kpi_measure_month_amount with the assumed end; nothing for a cancelled
 * grant), for measures starting and ending inside, before and after the
 * two years. */
static void test_disposal_matches_month_function(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    static const char *const starts[] = {
        "2024-05-17", "2026-01-01", "2026-02-28", "2027-06-30", "2028-01-01"};
    static const char *const ends[] = {NULL, "2026-03-31", "2027-12-31",
                                       "2029-01-01", "2026-02-27"};
    static const char *const units[] = {"month", "day", "week", "year"};
    for (size_t s = 0; s < 5; s++)
        for (size_t e = 0; e < 5; e++)
            for (size_t u = 0; u < 4; u++) {
                if (ends[e] && D(ends[e]) < D(starts[s]) - 1)
                    continue;
                MEASURE(.type = "kontaktperson", .start = starts[s],
                        .end = ends[e], .price = "1.234,57", .unit = units[u],
                        .planned_end = "2027-02-14");
            }
    kpi_context ctx = support_context(ds, "2026-10");
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        kpi_disposal d;
        kpi_measure_disposal(m, &ctx, &d);
        kpi_money year = 0, next = 0, to_date = 0;
        for (int k = 0; k < 24; k++) {
            kpi_money want = m->cancelled
                                 ? 0
                                 : kpi_measure_month_amount(
                                       m->price, (kpi_unit)m->unit, m->start,
                                       kpi_measure_assumed_end(m, &ctx),
                                       ctx.year + k / 12, k % 12 + 1);
            assert_int_equal(d.months[k], want);
            if (k < 12)
                year += want;
            else
                next += want;
            if (k < 10)
                to_date += want;
        }
        assert_int_equal(d.year, year);
        assert_int_equal(d.next_year, next);
        assert_int_equal(d.to_date, to_date);
    }
    kpi_dataset_free(ds);
}

/* Full-year recipients over 2026-01-01..2026-01-10 (10 days):
 * K1 has measures 01-01..01-04, 01-03..01-06 (overlap: days 1-6 once =
 * 6) and 01-09 onwards (2 days): 8 days. K2 has 01-06..01-06 (1 day) and a
 * cancelled one. Everyone: 9 days / 10 = 0.9. */
static void test_full_year_union(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.child = "K1", .type = "kontaktperson", .start = "2026-01-03",
            .end = "2026-01-06", .price = "1");
    MEASURE(.child = "K2", .type = "kontaktperson", .start = "2026-01-06",
            .end = "2026-01-06", .price = "1");
    MEASURE(.child = "K1", .type = "kontaktperson", .start = "2026-01-01",
            .end = "2026-01-04", .price = "1");
    MEASURE(.child = "K1", .type = "kontaktperson", .start = "2026-01-09",
            .price = "1");
    MEASURE(.child = "K2", .type = "kontaktperson", .start = "2026-01-05",
            .end = "2026-01-04", .price = "1");
    kpi_context ctx = support_context(ds, "2026-10");
    double out[3];
    assert_int_equal(kpi_full_year_groups(&ctx, D("2026-01-01"),
                                          D("2026-01-10"), 3, group_by_type,
                                          NULL, out),
                     KPI_OK);
    assert_true(fabs(out[0] - 0.9) < 1e-12);
    assert_int_equal(kpi_full_year_groups(&ctx, D("2026-01-10"),
                                          D("2026-01-01"), 3, group_by_type,
                                          NULL, out),
                     KPI_ERR_ARG);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_phase),
        cmocka_unit_test(test_disposal_matches_month_function),
        cmocka_unit_test(test_full_year_union),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
