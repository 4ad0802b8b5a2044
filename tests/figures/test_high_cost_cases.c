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

/* The reimbursement rows of the months so far: want[k] for 2026-01 + k,
 * n months; the month after them must have no row (it is after M). */
static void expect_months(const kpi_figures *f, const int64_t *want, int n)
{
    for (int k = 0; k <= n; k++) {
        char period[16];
        snprintf(period, sizeof period, "2026-%02d", k + 1);
        if (k == n)
            assert_null(find_row(f, HC, period, "total", "reimbursement"));
        else if (want[k] != row_money(f, HC, period, "total", "reimbursement"))
            fail_msg("%s: %lld øre, expected %lld", period,
                     (long long)row_money(f, HC, period, "total",
                                          "reimbursement"),
                     (long long)want[k]);
    }
}

/* The year's reimbursement, and the count and amount of the most
 * expensive children. */
static void expect_year(const kpi_figures *f, kpi_money reimbursement,
                        int64_t count, kpi_money amount)
{
    assert_int_equal(row_money(f, HC, "2026", "total", "reimbursement"),
                     reimbursement);
    assert_int_equal(row_count(f, HC, "2026", "total", "count"), count);
    assert_int_equal(row_money(f, HC, "2026", "total", "amount"), amount);
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
 * household, month by month against 1/12 of 860.000 = 71.666,666... kr.:
 * only B1 passes it, 100.000 a month: 25 % × 28.333,333... = 7.083,333...
 * -> 7.083,33 kr. a month (each household-month rounded to øre), × 12 =
 * 84.999,96 kr. (the whole-year reckoning gave 25 % × 340.000 = 85.000). */
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
                     8499996);
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

/* Households whose measures are interleaved in the file, and a child
 * given a second family_id (2026, report month October, default 2022
 * rule: a month's first threshold is 860.000 / 12 = 71.666,666... kr.).
 * File order: K1 F1 50.000, K3 F2 50.000, K2 F1 50.000, K1 F9 30.000,
 * K4 F9 10.000 (a month each, all year).
 *   F1: K1 (both its measures: a child counts with the household of its
 *       first measure, so its F9 measure is pooled in F1) and K2: 50.000
 *       + 30.000 + 50.000 = 130.000 a month -> 25 % × (130.000 -
 *       71.666,666...) = 25 % × 58.333,333... = 14.583,333... ->
 *       14.583,33 kr. a month.
 *   F2: K3 50.000 and F9: K4 10.000, under the threshold: 0.
 *   Each month so far 14.583,33; the year 12 × 14.583,33 = 174.999,96.
 *   (K1's 30.000 in F9 instead would give F1 100.000 -> 7.083,33.)
 *   Top share: ceil(0.1 × 4) = 1 child, K1, 12 × 80.000 = 960.000. */
static void test_high_cost_household_interleaved(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    const char *s = "2026-01-01", *e = "2026-12-31";
    add_child(ds, "K1", "F1", NULL, NULL, s, e, "50.000");
    add_child(ds, "K3", "F2", NULL, NULL, s, e, "50.000");
    add_child(ds, "K2", "F1", NULL, NULL, s, e, "50.000");
    add_child(ds, "K1", "F9", NULL, NULL, s, e, "30.000");
    add_child(ds, "K4", "F9", NULL, NULL, s, e, "10.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    const int64_t want[10] = {1458333, 1458333, 1458333, 1458333, 1458333,
                              1458333, 1458333, 1458333, 1458333, 1458333};
    expect_months(f, want, 10);
    expect_year(f, 17499996, 1, 96000000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A household of 20 measures (sorted by child with qsort, over the 16 of
 * the insertion sort), its four children interleaved in the file, and a
 * child whose first measure is outside the year (2026, report month
 * October, default 2022 rule).
 *   F1: measure i (0..19) is K(i % 4 + 1)'s at (i % 4 + 1) × 2.000 a
 *       month, all year: K1 5 × 2.000 = 10.000 a month (120.000 in the
 *       year), K2 240.000, K3 360.000, K4 480.000; F1 100.000 a month ->
 *       25 % × (100.000 - 71.666,666...) = 7.083,33 kr. a month.
 *   K5: first in the file with F2, in 2024 only (1.000.000 a month:
 *       nothing in 2026), then 1.000 a month all 2026 with F1. It counts
 *       with F2, its first household, so F1 stays at 100.000 (with K5,
 *       101.000 -> 7.333,33); F2's 1.000 a month is under the threshold.
 *   Children with cost: 5, k = ceil(0.1 × 5) = 1: K4, 480.000 kr. */
static void test_high_cost_large_household(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    const char *s = "2026-01-01", *e = "2026-12-31";
    add_child(ds, "K5", "F2", NULL, NULL, "2024-01-01", "2024-12-31",
              "1.000.000");
    static const char *const kids[4] = {"K1", "K2", "K3", "K4"};
    static const char *const prices[4] = {"2.000", "4.000", "6.000",
                                          "8.000"};
    for (int i = 0; i < 20; i++)
        add_child(ds, kids[i % 4], "F1", NULL, NULL, s, e, prices[i % 4]);
    add_child(ds, "K5", "F1", NULL, NULL, s, e, "1.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    const int64_t want[10] = {708333, 708333, 708333, 708333, 708333,
                              708333, 708333, 708333, 708333, 708333};
    expect_months(f, want, 10);
    expect_year(f, 8499996, 1, 48000000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A household of two children that crosses 1/12 of a threshold in some
 * months only (2026, report month October, default 2022 rule; a month's
 * thresholds are 71.666,666... / 140.000 / 176.666,666... kr.):
 *   F1: K1 50.000/month all year and K2 50.000/month March..December.
 *       January, February: 50.000, under 71.666,67: 0 (each child alone
 *       would never get anything). March..December: 100.000 -> 25 % ×
 *       28.333,333... = 7.083,333... -> 7.083,33 kr.; × 10 = 70.833,30.
 *   F2: K3 200.000/month all year + 10.000/month March..December.
 *       January, February: 200.000 -> 25 % × 68.333,333... + 50 % ×
 *       36.666,666... + 75 % × 23.333,333... = 17.083,333... +
 *       18.333,333... + 17.500 = 52.916,666... -> 52.916,67 kr.
 *       March..December: 210.000 -> 17.083,333... + 18.333,333... + 75 % ×
 *       33.333,333... (= 25.000) = 60.416,666... -> 60.416,67 kr.
 *       Year: 2 × 52.916,67 + 10 × 60.416,67 = 105.833,34 + 604.166,70 =
 *       710.000,04 kr.
 *   Year: 70.833,30 + 710.000,04 = 780.833,34 kr. The whole-year reckoning
 *   (F1 1.100.000 -> 60.000, F2 2.500.000 -> 710.000) gave 770.000: F1's
 *   empty months do not lower its March..December refunds.
 *   Months so far: 2026-01 and -02 52.916,67; 2026-03 .. -10 7.083,33 +
 *   60.416,67 = 67.500,00; no row for November (after M).
 *   Top share: ceil(0.1 × 3) = 1 child, K3, 2.500.000. */
static void test_high_cost_household_some_months(void **state)
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
                     78083334);
    static const int64_t months[10] = {5291667, 5291667, 6750000, 6750000,
                                       6750000, 6750000, 6750000, 6750000,
                                       6750000, 6750000};
    expect_months(f, months, 10);
    assert_int_equal(row_count(f, HC, "2026", "total", "count"), 1);
    assert_int_equal(row_money(f, HC, "2026", "total", "amount"), 250000000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Income booked on a child lowers its household's month (refusion order
 * § 3, stk. 3), and can bring a month under a threshold (2026, report
 * month October, default 2022 rule):
 *   C1 (household H1) 100.000/month all year: 7.083,33 kr. a month (see
 *   above).
 *   April: income -30.000 on C1 -> 70.000, under 71.666,67: 0.
 *   May: income -10.000 on C1 -> 90.000 -> 25 % × 18.333,333... =
 *   4.583,333... -> 4.583,33 kr.
 *   Not counted: income without a child (June), income on a child with no
 *   measure (X9, July), income of 2025 (April 2025), an expense on C1
 *   (August).
 *   Year: 10 × 7.083,33 + 0 + 4.583,33 = 70.833,30 + 4.583,33 =
 *   75.416,63 kr. (Ignoring income: 12 × 7.083,33 = 84.999,96; the yearly
 *   net reckoning 25 % × (1.160.000 − 860.000) = 75.000.) */
static void test_high_cost_income_under_threshold(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_child(ds, "C1", "H1", NULL, NULL, "2026-01-01", "2026-12-31",
              "100.000");
    static const char *const postings[][4] = {
        /* period, kind, amount, child */
        {"2026-04", "income", "-30.000", "C1"},
        {"2026-05", "income", "-10.000", "C1"},
        {"2026-06", "income", "-50.000", NULL},
        {"2026-07", "income", "-50.000", "X9"},
        {"2025-04", "income", "-50.000", "C1"},
        {"2026-08", "expense", "50.000", "C1"},
    };
    for (size_t i = 0; i < sizeof postings / sizeof postings[0]; i++)
        support_add_posting(ds, postings[i][0], "opholdssted", postings[i][1],
                            NULL, postings[i][2], postings[i][3]);
    kpi_figures *f = support_compute(ds, "2026-10");
    static const int64_t months[10] = {708333, 708333, 708333, 0,
                                       458333, 708333, 708333, 708333,
                                       708333, 708333};
    expect_months(f, months, 10);
    assert_int_equal(row_money(f, HC, "2026", "total", "reimbursement"),
                     7541663);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A type marked reimbursable = no (objective financing, refusion order
 * § 3, stk. 5: here sikret_doegninstitution) stays out of the reckoning,
 * its costs and its income alike; it still counts as disposed cost for
 * the top share (2026, report month October, default 2022 rule):
 *   Household G: S1 sikret_doegninstitution 150.000/month all year, S2
 *   opholdssted 80.000/month all year. Reckoned: 80.000 a month -> 25 % ×
 *   8.333,333... = 2.083,333... -> 2.083,33 kr.; × 12 = 24.999,96 kr.
 *   The income of -50.000 on S1 booked on sikret_doegninstitution in
 *   March is outside too: March stays 2.083,33. (With S1 counted: 230.000
 *   a month -> 17.083,33 + 18.333,33 + 75 % × 53.333,33 = 75.416,67.)
 *   Top share: ceil(0.1 × 2) = 1 child, S1 at 1.800.000. */
static void test_high_cost_not_reimbursable(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_config *c = ds->config;
    int secured = kpi_config_find_type(c, "sikret_doegninstitution", 23);
    assert_true(secured >= 0);
    c->types[secured].not_reimbursable = true;
    support_add_measure(ds, &(support_measure){
                                .child = "S1", .family = "G",
                                .type = "sikret_doegninstitution",
                                .start = "2026-01-01", .end = "2026-12-31",
                                .price = "150.000"});
    support_add_measure(ds, &(support_measure){
                                .child = "S2", .family = "G",
                                .type = "opholdssted", .start = "2026-01-01",
                                .end = "2026-12-31", .price = "80.000"});
    support_add_posting(ds, "2026-03", "sikret_doegninstitution", "income",
                        NULL, "-50.000", "S1");
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, HC, "2026-03", "total", "reimbursement"),
                     208333);
    expect_year(f, 2499996, 1, 180000000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The thresholds of the year come from kpi.ini. Same households as
 * test_high_cost_household_some_months.
 * 2026 has no [reimbursement.2026]: kpi takes the latest earlier year,
 * 2025's 1.000.000 / 2.000.000 / 3.000.000 (a month 83.333,333... /
 * 166.666,666... / 250.000; the 2027 rule must not apply), and warns:
 *   F1 March..December 100.000 -> 25 % × 16.666,666... = 4.166,666... ->
 *      4.166,67; × 10 = 41.666,70.
 *   F2 January, February 200.000 -> 25 % × 83.333,333... + 50 % ×
 *      33.333,333... = 20.833,333... + 16.666,666... = 37.500 each;
 *      March..December 210.000 -> 20.833,333... + 50 % × 43.333,333... =
 *      20.833,333... + 21.666,666... = 42.500 each.
 *   Year: 41.666,70 + 75.000 + 425.000 = 541.666,70 kr.
 * With [reimbursement.2026] 1.200.000 / 2.400.000 / 3.600.000 (a month
 * 100.000 / 200.000 / 300.000) there is no warning:
 *   F1 100.000 is not above 100.000: 0.
 *   F2 200.000 -> 25 % × 100.000 = 25.000 (× 2); 210.000 -> 25.000 + 50 %
 *   × 10.000 = 30.000 (× 10). Year: 50.000 + 300.000 = 350.000 kr. */
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
                     54166670);
    kpi_figures_free(f);
    kpi_reimbursement_source src;
    kpi_dataset_reimbursement(ds, 2026, &src);
    assert_int_equal(src.source_year, 2025);
    char w[512];
    kpi_reimbursement_warning(&src, w, sizeof w);
    assert_string_equal(
        w, "kpi.ini has no [reimbursement.2026]: the BL § 198 reimbursement "
           "for 2026 uses those of [reimbursement.2025], thresholds "
           "1000000.00, 2000000.00, 3000000.00 kr. at 25/50/75 %; the "
           "thresholds are regulated every year (BL § 198 stk. 1, 2022 "
           "level), so add [reimbursement.2026] with that year's amounts");

    add_rule(ds, 2026, 120000000, 240000000, 360000000);
    f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, HC, "2026", "total", "reimbursement"),
                     35000000);
    kpi_figures_free(f);
    kpi_dataset_reimbursement(ds, 2026, &src);
    assert_int_equal(src.source_year, 2026);
    assert_int_equal(kpi_reimbursement_warning(&src, w, sizeof w), 0);
    assert_string_equal(w, "");
    kpi_dataset_free(ds);
}

/* No [reimbursement.YEAR] at all: the law's 2022 level, and the warning
 * says so. */
static void test_high_cost_law_level_warning(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_reimbursement_source src;
    kpi_dataset_reimbursement(ds, 2026, &src);
    assert_int_equal(src.year, 2026);
    assert_int_equal(src.source_year, 0);
    assert_int_equal(src.rule.thresholds[0], 86000000);
    char w[512];
    size_t n = kpi_reimbursement_warning(&src, w, sizeof w);
    assert_int_equal(n, strlen(w));
    assert_string_equal(
        w, "kpi.ini has no [reimbursement.2026]: the BL § 198 reimbursement "
           "for 2026 uses the law's 2022 level, thresholds 860000.00, "
           "1680000.00, 2120000.00 kr. at 25/50/75 %; the thresholds are "
           "regulated every year (BL § 198 stk. 1, 2022 level), so add "
           "[reimbursement.2026] with that year's amounts");
    /* Too small a buffer: cut, NUL-terminated, the full length returned. */
    char small[16];
    assert_int_equal(kpi_reimbursement_warning(&src, small, sizeof small), n);
    assert_int_equal(strlen(small), sizeof small - 1);
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
        cmocka_unit_test(test_high_cost_household_some_months),
        cmocka_unit_test(test_high_cost_household_interleaved),
        cmocka_unit_test(test_high_cost_large_household),
        cmocka_unit_test(test_high_cost_income_under_threshold),
        cmocka_unit_test(test_high_cost_not_reimbursable),
        cmocka_unit_test(test_high_cost_thresholds_from_config),
        cmocka_unit_test(test_high_cost_law_level_warning),
        cmocka_unit_test(test_high_cost_share_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
