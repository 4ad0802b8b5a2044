/* test_economy_b.c - recipients_price, high_cost_cases and provider_prices
 * on small datasets whose numbers are worked out by hand below. */
#include "support.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RP "recipients_price"
#define HC "high_cost_cases"
#define PP "provider_prices"

/* cmocka 1.1.5 has only assert_float_equal, which rounds to float. */
static void assert_near(double got, double want, double eps)
{
    if (!(fabs(got - want) <= eps))
        fail_msg("got %.12g, want %.12g", got, want);
}

static void add(kpi_dataset *ds, const char *id, const char *child,
                const char *type, const char *start, const char *end,
                const char *price)
{
    support_measure m = {0};
    m.id = id;
    m.child = child;
    m.type = type;
    m.start = start;
    m.end = end;
    m.price = price;
    support_add_measure(ds, &m);
}

/* The breakdown of a row as the export writes it. */
static void breakdown(const kpi_row *r, char *buf, size_t cap)
{
    if (!r->dimension)
        snprintf(buf, cap, "total");
    else if (r->dimension2)
        snprintf(buf, cap, "%s=%s,%s=%s", r->dimension, r->member,
                 r->dimension2, r->member2);
    else
        snprintf(buf, cap, "%s=%s", r->dimension, r->member);
}

/* Asserts the sequence of "breakdown;stat" of one figure's rows of one
 * period, in export order. */
static void assert_order(const kpi_figures *f, const char *kpi_id,
                         const char *period, const char *const *expected,
                         size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, kpi_id) != 0 || strcmp(r->period, period) != 0)
            continue;
        char b[256], line[300];
        breakdown(r, b, sizeof b);
        snprintf(line, sizeof line, "%s;%s", b, r->stat);
        if (k >= n)
            fail_msg("unexpected row %s", line);
        assert_string_equal(line, expected[k]);
        k++;
    }
    assert_int_equal(k, n);
}

/* ---- recipients_price ------------------------------------------------- */

/* Leap year 2024 (366 days), report month 2024-06 (to date: 182 days).
 * B1: almen_plejefamilie 01-01..06-30 at 10.000 and 04-01..09-30 at
 *     20.000 a month. Overlapping: days = 01-01..09-30 once = 274
 *     (31+29+31+30+31+30+31+31+30), not 182 + 183 = 365.
 * B2: almen_plejefamilie 07-01..12-31 at 15.000 (184 days), and
 *     kontaktperson from 01-01, ongoing without planned end (assumed to
 *     run to 2025-12-31) at 1.000 a month (366 days in 2024).
 * almen: N = (274 + 184) / 366 = 458/366 = 1.251366...
 *        C = 6×10.000 + 6×20.000 + 6×15.000 = 270.000 kr.
 *        P = 270.000 × 366 / 458 = 215.764,192... -> 215.764,19 kr.
 * kontaktperson: N = 1, C = 12.000, P = 12.000.
 * total: B1 274 days, B2 366 (kontaktperson covers the year) -> 640/366;
 *        C = 282.000; P = 282.000 × 366 / 640 = 161.268,75 kr. exactly.
 * to date (01-01..06-30, 182 days): almen B1 182 days, B2 0 -> 1.0;
 *        kontaktperson B2 182 -> 1.0; total 364/182 = 2.0.
 * A cancelled grant (B3, end the day before start) counts for nothing. */
static void test_recipients_overlap_leap_year(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add(ds, "M1", "B1", "almen_plejefamilie", "2024-01-01", "2024-06-30",
        "10.000");
    add(ds, "M2", "B1", "almen_plejefamilie", "2024-04-01", "2024-09-30",
        "20.000");
    add(ds, "M3", "B2", "almen_plejefamilie", "2024-07-01", "2024-12-31",
        "15.000");
    add(ds, "M4", "B2", "kontaktperson", "2024-01-01", NULL, "1.000");
    add(ds, "M5", "B3", "almen_plejefamilie", "2024-03-01", "2024-02-29",
        "99.000");
    kpi_figures *f = support_compute(ds, "2024-06");

    const char *y = "2024", *td = "2024-01..2024-06";
    const char *almen = "measure_type=almen_plejefamilie";
    assert_near(row_real(f, RP, y, almen, "full_year_recipients"),
                458.0 / 366.0, 1e-12);
    assert_int_equal(row_money(f, RP, y, almen, "amount"), 27000000);
    assert_int_equal(row_money(f, RP, y, almen, "average_price"), 21576419);
    assert_near(row_real(f, RP, y, "measure_type=kontaktperson",
                         "full_year_recipients"),
                1.0, 1e-12);
    assert_int_equal(
        row_money(f, RP, y, "measure_type=kontaktperson", "average_price"),
        1200000);
    assert_near(row_real(f, RP, y, "total", "full_year_recipients"),
                640.0 / 366.0, 1e-12);
    assert_int_equal(row_money(f, RP, y, "total", "amount"), 28200000);
    assert_int_equal(row_money(f, RP, y, "total", "average_price"), 16126875);
    assert_near(
        row_real(f, RP, y, "category=placement", "full_year_recipients"),
        458.0 / 366.0, 1e-12);
    assert_near(
        row_real(f, RP, y, "category=preventive", "full_year_recipients"), 1.0,
        1e-12);
    assert_near(row_real(f, RP, td, almen, "full_year_recipients"), 1.0, 1e-12);
    assert_near(row_real(f, RP, td, "total", "full_year_recipients"), 2.0,
                1e-12);
    /* No budget: no assumption rows. */
    assert_null(find_row(f, RP, y, almen, "quantity_effect"));
    assert_null(find_row(f, RP, y, "total", "deviation"));

    /* Total first, then types by code, then categories. */
    static const char *const order[] = {
        "total;full_year_recipients",
        "measure_type=almen_plejefamilie;full_year_recipients",
        "measure_type=kontaktperson;full_year_recipients",
        "category=placement;full_year_recipients",
        "category=preventive;full_year_recipients",
    };
    assert_order(f, RP, td, order, sizeof order / sizeof order[0]);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Leap year 2024, report month 2024-10.
 * almen_plejefamilie, four children:
 *   A ongoing from 2023-05-01 (assumed to 2025-12-31), 45.000 a month:
 *     366 days, 540.000 kr. in 2024;
 *   B 2024-01-01..12-31 at 45.000: 366 days, 540.000;
 *   C 2024-01-01..12-31 at 46.250: 366 days, 555.000;
 *   X 2024-07-02..12-31 at 31.000: 183 days, July 31.000×30/31 = 30.000
 *     + 5×31.000 = 185.000.
 *   N = (3×366 + 183)/366 = 1281/366 = 3.5; C = 1.820.000;
 *   P = 1.820.000 / 3.5 = 520.000.
 *   Budget: 1.700.000, Nb = 3, Pb = 500.000.
 *   QE = (3.5 − 3) × 500.000 = 250.000; PE = (520.000 − 500.000) × 3.5
 *   = 70.000. Forecast = 1.820.000 + income −20.000 (2024-03) + prior_year
 *   5.000 (2024-02) = 1.805.000 (the expense posting and the income of
 *   2024-11, after M, do not count). Deviation = 1.805.000 − 1.700.000 =
 *   105.000; unexplained = 105.000 − 250.000 − 70.000 = −215.000.
 * kontaktperson: E 2024-01-01..12-31 at 10.000: N = 1, C = P = 120.000.
 *   Budget 100.000, Nb 1, Pb 100.000: QE 0, PE 20.000, deviation 20.000,
 *   unexplained 0.
 * total: N = 4.5, C = 1.940.000, P = 1.940.000 × 366 / 1647 days =
 *   431.111,111 -> 431.111,11; Nb = 4, Pb = (3×500.000 + 1×100.000)/4 =
 *   400.000 (weighted by Nb). QE = 0.5 × 400.000 = 200.000;
 *   PE = 31.111,11 × 4.5 = 139.999,995 -> 140.000,00 (half away from 0);
 *   deviation = 1.925.000 − 1.800.000 = 125.000; unexplained = 125.000 −
 *   200.000 − 140.000 = −215.000. */
static void test_recipients_budget_effects(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add(ds, "A1", "A", "almen_plejefamilie", "2023-05-01", NULL, "45.000");
    add(ds, "B1", "B", "almen_plejefamilie", "2024-01-01", "2024-12-31",
        "45.000");
    add(ds, "C1", "C", "almen_plejefamilie", "2024-01-01", "2024-12-31",
        "46.250");
    add(ds, "X1", "X", "almen_plejefamilie", "2024-07-02", "2024-12-31",
        "31.000");
    add(ds, "E1", "E", "kontaktperson", "2024-01-01", "2024-12-31", "10.000");
    support_add_budget(ds, "almen_plejefamilie", "1.700.000", NULL, "3",
                       "500.000");
    support_add_budget(ds, "kontaktperson", "100.000", NULL, "1", "100.000");
    support_add_posting(ds, "2024-03", "almen_plejefamilie", "income", NULL,
                        "-20.000", NULL);
    support_add_posting(ds, "2024-02", "almen_plejefamilie", "prior_year", NULL,
                        "5.000", NULL);
    support_add_posting(ds, "2024-03", "almen_plejefamilie", "expense", NULL,
                        "300.000", NULL);
    support_add_posting(ds, "2024-11", "almen_plejefamilie", "income", NULL,
                        "-7.000", NULL);
    kpi_figures *f = support_compute(ds, "2024-10");

    const char *y = "2024", *almen = "measure_type=almen_plejefamilie";
    assert_near(row_real(f, RP, y, almen, "full_year_recipients"), 3.5, 1e-12);
    assert_int_equal(row_money(f, RP, y, almen, "amount"), 182000000);
    assert_int_equal(row_money(f, RP, y, almen, "average_price"), 52000000);
    assert_near(row_real(f, RP, y, almen, "budget_full_year_recipients"), 3.0,
                1e-12);
    assert_int_equal(row_money(f, RP, y, almen, "budget_average_price"),
                     50000000);
    assert_int_equal(row_money(f, RP, y, almen, "quantity_effect"), 25000000);
    assert_int_equal(row_money(f, RP, y, almen, "price_effect"), 7000000);
    assert_int_equal(row_money(f, RP, y, almen, "deviation"), 10500000);
    assert_int_equal(row_money(f, RP, y, almen, "unexplained"), -21500000);

    const char *kp = "measure_type=kontaktperson";
    assert_int_equal(row_money(f, RP, y, kp, "quantity_effect"), 0);
    assert_int_equal(row_money(f, RP, y, kp, "price_effect"), 2000000);
    assert_int_equal(row_money(f, RP, y, kp, "unexplained"), 0);

    assert_near(row_real(f, RP, y, "total", "full_year_recipients"), 4.5,
                1e-12);
    assert_int_equal(row_money(f, RP, y, "total", "average_price"), 43111111);
    assert_near(row_real(f, RP, y, "total", "budget_full_year_recipients"), 4.0,
                1e-12);
    assert_int_equal(row_money(f, RP, y, "total", "budget_average_price"),
                     40000000);
    assert_int_equal(row_money(f, RP, y, "total", "quantity_effect"), 20000000);
    assert_int_equal(row_money(f, RP, y, "total", "price_effect"), 14000000);
    assert_int_equal(row_money(f, RP, y, "total", "deviation"), 12500000);
    assert_int_equal(row_money(f, RP, y, "total", "unexplained"), -21500000);
    /* The placement category is almen_plejefamilie alone. */
    assert_int_equal(row_money(f, RP, y, "category=placement", "deviation"),
                     10500000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A budget line without assumptions leaves its type, its category and the
 * total without the comparison (N would count recipients Nb leaves out);
 * a type whose line has them keeps it. */
static void test_recipients_partial_assumptions(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add(ds, "A1", "A", "almen_plejefamilie", "2026-01-01", "2026-12-31",
        "10.000");
    add(ds, "B1", "B", "opholdssted", "2026-01-01", "2026-12-31", "50.000");
    support_add_budget(ds, "almen_plejefamilie", "120.000", NULL, "1",
                       "120.000");
    support_add_budget(ds, "opholdssted", "600.000", NULL, NULL, NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, RP, "2026", "measure_type=almen_plejefamilie",
                               "quantity_effect"),
                     0);
    assert_null(
        find_row(f, RP, "2026", "measure_type=opholdssted", "quantity_effect"));
    assert_null(
        find_row(f, RP, "2026", "category=placement", "quantity_effect"));
    assert_null(find_row(f, RP, "2026", "total", "deviation"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

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

/* ---- provider_prices -------------------------------------------------- */

static void add_priced(kpi_dataset *ds, const char *type, const char *provider,
                       const char *start, const char *end, const char *price,
                       const char *unit)
{
    support_measure m = {0};
    m.type = type;
    m.provider = provider;
    m.start = start;
    m.end = end;
    m.price = price;
    m.unit = unit;
    support_add_measure(ds, &m);
}

/* D = 2026-10-31. Monthly prices: a day price × 30, a week price × 30/7,
 * a year price / 12.
 * opholdssted:
 *   Solgården: 1.500 a day -> 45.000; 51.000 a month -> mean 48.000 (2)
 *   Birkely: 60.000 a month (1)
 *   Åbo: 7.000 a week -> 7.000 × 30/7 = 30.000 (1)
 *   type mean (45.000 + 51.000 + 60.000 + 30.000)/4 = 46.500;
 *   providers' means 48.000, 60.000, 30.000 -> min 30.000, max 60.000,
 *   count 3. Bytewise: "Birkely" < "Solgården" < "Åbo" (0xC3 > 'S').
 * kontaktperson: "KP ApS" 120.000 a year -> 10.000 (1).
 * Left out: no provider; ended 2026-10-30; starting 2026-11-01; cancelled. */
static void test_provider_prices(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_priced(ds, "opholdssted", "Solgården", "2026-01-01", NULL, "1.500",
               "day");
    add_priced(ds, "opholdssted", "Solgården", "2025-06-01", "2026-10-31",
               "51.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-10-31", NULL, "60.000",
               NULL);
    add_priced(ds, "opholdssted", "Åbo", "2026-02-01", NULL, "7.000", "week");
    add_priced(ds, "kontaktperson", "KP ApS", "2026-01-01", NULL, "120.000",
               "year");
    add_priced(ds, "opholdssted", NULL, "2026-01-01", NULL, "1.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-01-01", "2026-10-30",
               "1.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-11-01", NULL, "1.000", NULL);
    add_priced(ds, "opholdssted", "Birkely", "2026-10-01", "2026-09-30",
               "1.000", NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *d = "2026-10-31", *oph = "measure_type=opholdssted";
    assert_int_equal(row_money(f, PP, d, oph, "mean"), 4650000);
    assert_int_equal(row_money(f, PP, d, oph, "min"), 3000000);
    assert_int_equal(row_money(f, PP, d, oph, "max"), 6000000);
    assert_int_equal(row_count(f, PP, d, oph, "count"), 3);
    assert_int_equal(row_money(f, PP, d,
                               "measure_type=opholdssted,provider=Solgården",
                               "mean"),
                     4800000);
    assert_int_equal(row_count(f, PP, d,
                               "measure_type=opholdssted,provider=Solgården",
                               "count"),
                     2);
    assert_int_equal(
        row_money(f, PP, d, "measure_type=opholdssted,provider=Åbo", "mean"),
        3000000);
    assert_int_equal(row_money(f, PP, d, "measure_type=kontaktperson", "mean"),
                     1000000);
    static const char *const order[] = {
        "measure_type=kontaktperson;mean",
        "measure_type=kontaktperson;min",
        "measure_type=kontaktperson;max",
        "measure_type=kontaktperson;count",
        "measure_type=kontaktperson,provider=KP ApS;mean",
        "measure_type=kontaktperson,provider=KP ApS;count",
        "measure_type=opholdssted;mean",
        "measure_type=opholdssted;min",
        "measure_type=opholdssted;max",
        "measure_type=opholdssted;count",
        "measure_type=opholdssted,provider=Birkely;mean",
        "measure_type=opholdssted,provider=Birkely;count",
        "measure_type=opholdssted,provider=Solgården;mean",
        "measure_type=opholdssted,provider=Solgården;count",
        "measure_type=opholdssted,provider=Åbo;mean",
        "measure_type=opholdssted,provider=Åbo;count",
    };
    assert_order(f, PP, d, order, sizeof order / sizeof order[0]);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recipients_overlap_leap_year),
        cmocka_unit_test(test_recipients_budget_effects),
        cmocka_unit_test(test_recipients_partial_assumptions),
        cmocka_unit_test(test_high_cost_top_share_and_ties),
        cmocka_unit_test(test_high_cost_reimbursement_per_family),
        cmocka_unit_test(test_high_cost_thresholds_from_config),
        cmocka_unit_test(test_high_cost_share_exact),
        cmocka_unit_test(test_provider_prices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
