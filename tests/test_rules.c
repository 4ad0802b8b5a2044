/* test_rules.c - the rules the economy figures share (libkpi/rules/): the
 * phased budget, the disposal of a measure against the one-month amount,
 * full-year recipients of groups of measures, and the dense numbers of the
 * members a figure meets. */
#include "support.h"
#include "rules/budget.h"
#include "rules/dense.h"
#include "rules/disposal.h"
#include "rules/full_year.h"
#include "rules/select.h"

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

/* Keys are numbered 0, 1, 2, ... as first met, a key met again keeps its
 * number, and keys[] gives each number's key back, through the rehashes
 * of 5,000 keys: symbols (consecutive) and (type, provider) pairs packed
 * into 64 bits. */
static void test_dense_numbers(void **state)
{
    (void)state;
    kpi_dense d;
    kpi_dense_init(&d, NULL);
    size_t k;
    bool added;
    for (int round = 0; round < 2; round++) {
        for (uint64_t i = 0; i < 5000; i++) {
            uint64_t key = i % 2 ? (i << 32 | 7) : i;
            assert_int_equal(kpi_dense_add(&d, key, &k, &added), KPI_OK);
            assert_int_equal(k, i);
            assert_int_equal(added, round == 0);
            assert_true(d.keys[k] == key);
        }
        assert_int_equal(d.n, 5000);
    }
    assert_int_equal(kpi_dense_add(&d, 0, &k, &added), KPI_OK);
    assert_int_equal(k, 0);
    assert_false(added);
    kpi_dense_free(&d);
    assert_int_equal(d.n, 0);
    assert_int_equal(kpi_dense_add(&d, 42, &k, &added), KPI_OK);
    assert_int_equal(k, 0);
    assert_true(added);
    kpi_dense_free(&d);
}

/* Out of memory while growing: KPI_ERR_NOMEM, and the map holds what it
 * held (the key is not numbered, the others keep theirs). */
static void test_dense_nomem(void **state)
{
    (void)state;
    for (int fail_at = 0; fail_at < 8; fail_at++) {
        support_failing f = {0};
        kpi_allocator a = support_failing_allocator(&f);
        kpi_dense d;
        kpi_dense_init(&d, &a);
        size_t k;
        bool added;
        uint64_t i = 0;
        /* fail_at more allocations succeed, then every one fails */
        f.fail = atomic_load(&f.calls) + fail_at + 1;
        f.from = true;
        kpi_status st = KPI_OK;
        while (st == KPI_OK && i < 200)
            if ((st = kpi_dense_add(&d, 3 * i + 1, &k, &added)) == KPI_OK)
                i++;
        assert_int_equal(st, i < 200 ? KPI_ERR_NOMEM : KPI_OK);
        assert_int_equal(d.n, i);
        f.fail = 0; /* none fails any more */
        for (uint64_t j = 0; j < i; j++) {
            assert_int_equal(kpi_dense_add(&d, 3 * j + 1, &k, &added),
                             KPI_OK);
            assert_int_equal(k, j);
            assert_false(added);
        }
        kpi_dense_free(&d);
        assert_int_equal(atomic_load(&f.live), 0);
    }
}

static int money_cmp(const void *pa, const void *pb)
{
    kpi_money a = *(const kpi_money *)pa, b = *(const kpi_money *)pb;
    return (a > b) - (a < b);
}

/* kpi_money_select gives the k-th of the sorted values for every k, and
 * leaves the smaller before it and the larger after: on sets with many
 * equal values (prices, costs), sorted ones, reversed ones and one. */
static void test_money_select(void **state)
{
    (void)state;
    enum { N = 61 };
    kpi_money v[N], sorted[N], work[N];
    for (int set = 0; set < 4; set++) {
        size_t n = set == 3 ? 1 : N;
        for (size_t i = 0; i < n; i++)
            v[i] = set == 0   ? (kpi_money)((i * 7919) % 13) * 100
                   : set == 1 ? (kpi_money)i
                              : (kpi_money)(n - i) / 3;
        memcpy(sorted, v, n * sizeof *v);
        qsort(sorted, n, sizeof *sorted, money_cmp);
        for (size_t k = 0; k < n; k++) {
            memcpy(work, v, n * sizeof *v);
            assert_int_equal(kpi_money_select(work, n, k), sorted[k]);
            assert_int_equal(work[k], sorted[k]);
            for (size_t i = 0; i < n; i++)
                assert_true(i < k ? work[i] <= work[k] : work[i] >= work[k]);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_budget_phase),
        cmocka_unit_test(test_disposal_matches_month_function),
        cmocka_unit_test(test_full_year_union),
        cmocka_unit_test(test_money_select),
        cmocka_unit_test(test_dense_numbers),
        cmocka_unit_test(test_dense_nomem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
