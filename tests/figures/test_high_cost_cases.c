/* test_high_cost_cases.c - the key figure high_cost_cases (SPEC §5) on small
 * datasets whose numbers are worked out by hand below. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define HC "high_cost_cases"

/* ---- high_cost_cases -------------------------------------------------- */

static void add_child(kpi_dataset *ds, const char *child, const char *family,
                      const char *target, const char *birth, const char *start,
                      const char *end, const char *price)
{
    support_measure m = {0};
    m.child = child;
    m.family = family;
    m.target_group = target;
    m.birth = birth;
    m.type = "opholdssted";
    m.start = start;
    m.end = end;
    m.price = price;
    support_add_measure(ds, &m);
}

static void add_rule(kpi_dataset *ds, int year, kpi_money t0, kpi_money t1,
                     kpi_money t2)
{
    kpi_config *c = ds->config;
    assert_int_equal(kpi_grow(ds->alloc, (void **)&c->reimbursement,
                              &c->cap_reimbursement, c->n_reimbursement + 1,
                              sizeof *c->reimbursement),
                     KPI_OK);
    kpi_reimbursement_year *r = &c->reimbursement[c->n_reimbursement++];
    r->year = year;
    r->rule.thresholds[0] = t0;
    r->rule.thresholds[1] = t1;
    r->rule.thresholds[2] = t2;
    r->rule.rates[0] = 0.25;
    r->rule.rates[1] = 0.50;
    r->rule.rates[2] = 0.75;
}

/* 2026, report month 2026-10 (D = 2026-10-31), default share 0.10.
 * 11 children with cost: k = ceil(0.10 × 11) = ceil(1.1) = 2.
 *   B1: 90.000/month handicap + 10.000/month social, full year:
 *       1.200.000; its dearest measure is handicap; born 2010-11-01 ->
 *       15 on D (16 the day after) -> "15-17".
 *   B9 and B10: 50.000/month, 600.000 each: a tie, broken by child id
 *       bytewise: "B10" < "B9", so B10 (social, born 2020-10-31 -> 6 on
 *       D -> "6-11") is in and B9 (handicap) is out.
 *   B2..B8, B11: 10.000/month, 120.000 each (8 children).
 *   B11 also has a cancelled grant at 500.000/month: counts for nothing.
 * count 2, amount 1.200.000 + 600.000 = 1.800.000; all = 1.200.000 +
 * 2×600.000 + 8×120.000 = 3.360.000; share = 1.800.000/3.360.000 =
 * 0.5357142857. Reimbursement, default 2022 rule, each child its own
 * family: only B1 passes 860.000: 25 % × 340.000 = 85.000. */
static void test_high_cost_top_share_and_ties(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    const char *s = "2026-01-01", *e = "2026-12-31";
    add_child(ds, "B1", NULL, "handicap", "2010-11-01", s, e, "90.000");
    add_child(ds, "B1", NULL, "social", "2010-11-01", s, e, "10.000");
    add_child(ds, "B9", NULL, "handicap", "2015-01-01", s, e, "50.000");
    add_child(ds, "B10", NULL, "social", "2020-10-31", s, e, "50.000");
    static const char *const others[] = {"B2", "B3", "B4", "B5",
                                         "B6", "B7", "B8", "B11"};
    for (size_t i = 0; i < 8; i++)
        add_child(ds, others[i], NULL, NULL, NULL, s, e, "10.000");
    add_child(ds, "B11", NULL, NULL, NULL, "2026-05-01", "2026-04-30",
              "500.000");
    kpi_figures *f = support_compute(ds, "2026-10");

    assert_int_equal(row_count(f, HC, "2026", "total", "count"), 2);
    assert_int_equal(row_money(f, HC, "2026", "total", "amount"), 180000000);
    assert_near(row_real(f, HC, "2026", "total", "share"),
                1800000.0 / 3360000.0, 1e-12);
    assert_int_equal(row_money(f, HC, "2026", "total", "reimbursement"),
                     8500000);
    assert_int_equal(row_count(f, HC, "2026", "target_group=handicap", "count"),
                     1);
    assert_int_equal(
        row_money(f, HC, "2026", "target_group=handicap", "amount"), 120000000);
    assert_int_equal(row_count(f, HC, "2026", "target_group=social", "count"),
                     1);
    assert_int_equal(row_money(f, HC, "2026", "target_group=social", "amount"),
                     60000000);
    assert_int_equal(row_money(f, HC, "2026", "age_group=6-11", "amount"),
                     60000000);
    static const char *const order[] = {
        "total;count",
        "total;amount",
        "total;share",
        "total;reimbursement",
        "target_group=handicap;count",
        "target_group=handicap;amount",
        "target_group=social;count",
        "target_group=social;amount",
        "age_group=6-11;count",
        "age_group=6-11;amount",
        "age_group=15-17;count",
        "age_group=15-17;amount",
    };
    assert_order(f, HC, "2026", order, sizeof order / sizeof order[0]);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Families pool their children (2026, default 2022 rule):
 *   F1: K1 50.000/month all year = 600.000 and K2 50.000/month March..
 *       December = 500.000: 1.100.000 -> 25 % × (1.100.000 − 860.000) =
 *       25 % × 240.000 = 60.000 (each child alone would get nothing).
 *   F2: K3 200.000/month all year = 2.400.000 + 10.000/month March..
 *       December = 100.000: 2.500.000 -> 25 % × 820.000 + 50 % × 440.000
 *       + 75 % × 380.000 = 205.000 + 220.000 + 285.000 = 710.000.
 *   Sum: 770.000. Top share: ceil(0.1 × 3) = 1 child, K3, 2.500.000. */
static void test_high_cost_reimbursement_per_family(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_child(ds, "K1", "F1", NULL, NULL, "2026-01-01", NULL, "50.000");
    add_child(ds, "K2", "F1", NULL, NULL, "2026-03-01", "2026-12-31", "50.000");
    add_child(ds, "K3", "F2", NULL, NULL, "2026-01-01", "2026-12-31",
              "200.000");
    add_child(ds, "K3", "F2", NULL, NULL, "2026-03-01", "2026-12-31", "10.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, HC, "2026", "total", "reimbursement"),
                     77000000);
    assert_int_equal(row_count(f, HC, "2026", "total", "count"), 1);
    assert_int_equal(row_money(f, HC, "2026", "total", "amount"), 250000000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The thresholds of the year come from kpi.ini: for 2026 the latest rule
 * of 2026 or before, here 2025's 1.000.000 / 2.000.000 / 3.000.000 (the
 * 2027 rule must not apply). Same families as above:
 *   F1 1.100.000 -> 25 % × 100.000 = 25.000;
 *   F2 2.500.000 -> 25 % × 1.000.000 + 50 % × 500.000 = 250.000 +
 *   250.000 = 500.000. Sum 525.000. */
static void test_high_cost_thresholds_from_config(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_rule(ds, 2027, 100, 200, 300);
    add_rule(ds, 2025, 100000000, 200000000, 300000000);
    add_child(ds, "K1", "F1", NULL, NULL, "2026-01-01", NULL, "50.000");
    add_child(ds, "K2", "F1", NULL, NULL, "2026-03-01", "2026-12-31", "50.000");
    add_child(ds, "K3", "F2", NULL, NULL, "2026-01-01", "2026-12-31",
              "200.000");
    add_child(ds, "K3", "F2", NULL, NULL, "2026-03-01", "2026-12-31", "10.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, HC, "2026", "total", "reimbursement"),
                     52500000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* share 0.07 of 100 children: 0.07 × 100 is 7.000000000000001 in binary
 * floating point, and a plain ceil() would give 8. The answer is 7: the
 * children at 100.000 .. 94.000 a month, 12 × (100 + 99 + ... + 94) × 1.000
 * = 12 × 679.000 = 8.148.000. A child with no cost in Y (its measure ended
 * in 2025) is not counted: with it n would be 101 and k = ceil(7.07) = 8. */
static void test_high_cost_share_exact(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    ds->config->high_cost_share = 0.07;
    for (int i = 1; i <= 100; i++) {
        char child[8], price[16];
        snprintf(child, sizeof child, "P%03d", i);
        snprintf(price, sizeof price, "%d.000", i);
        add_child(ds, child, NULL, NULL, NULL, "2026-01-01", "2026-12-31",
                  price);
    }
    add_child(ds, "P999", NULL, NULL, NULL, "2025-01-01", "2025-12-31",
              "10.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_count(f, HC, "2026", "total", "count"), 7);
    assert_int_equal(row_money(f, HC, "2026", "total", "amount"), 814800000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_high_cost_top_share_and_ties),
        cmocka_unit_test(test_high_cost_reimbursement_per_family),
        cmocka_unit_test(test_high_cost_thresholds_from_config),
        cmocka_unit_test(test_high_cost_share_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
