/* test_recipients_price.c - the key figure recipients_price (SPEC §5) on
 * small datasets whose numbers are worked out by hand below. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define RP "recipients_price"

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
 *   400.000 (weighted by Nb). The effects are the sums of the types'
 *   (SPEC §5): QE = 250.000 + 0 = 250.000, PE = 70.000 + 20.000 = 90.000
 *   (the formula on the total's own N and P, 0.5 × 400.000 = 200.000 and
 *   31.111,11 × 4.5 = 140.000, is what kpi gave before: it hides that the
 *   dearer type grew); deviation = 1.925.000 − 1.800.000 = 125.000;
 *   unexplained = 125.000 − 250.000 − 90.000 = −215.000, the sum of the
 *   types' −215.000 + 0. No child has two types, so the summed full-year
 *   recipients and average price equal the distinct ones. */
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
    assert_int_equal(row_money(f, RP, y, "total", "quantity_effect"), 25000000);
    assert_int_equal(row_money(f, RP, y, "total", "price_effect"), 9000000);
    assert_near(row_real(f, RP, y, "total", "full_year_recipients_summed"), 4.5,
                1e-12);
    assert_int_equal(row_money(f, RP, y, "total", "average_price_summed"),
                     43111111);
    assert_int_equal(row_money(f, RP, y, "total", "deviation"), 12500000);
    assert_int_equal(row_money(f, RP, y, "total", "unexplained"), -21500000);
    /* The placement category is almen_plejefamilie alone. */
    assert_int_equal(row_money(f, RP, y, "category=placement", "deviation"),
                     10500000);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* 2026 (365 days), report month 2026-10; every measure runs the whole
 * year, so each is 365 days and 12 monthly prices. Child B has three
 * types in both categories, child C none besides opholdssted.
 *   almen_plejefamilie: A, B at 30.000: N = 2, C = 720.000, P = 360.000;
 *     budget 750.000, Nb 2,5, Pb 300.000: QE = (2 − 2,5) × 300.000 =
 *     −150.000, PE = 60.000 × 2 = 120.000, deviation −30.000, unexpl. 0.
 *   opholdssted: C at 50.000: N = 1, C = P = 600.000; budget 500.000,
 *     Nb 1, Pb 500.000: QE 0, PE 100.000, deviation 100.000, unexpl. 0.
 *   kontaktperson: B, D at 5.000: N = 2, C = 120.000, P = 60.000; budget
 *     180.000, Nb 4, Pb 45.000: QE = −2 × 45.000 = −90.000, PE = 15.000 ×
 *     2 = 30.000, deviation −60.000, unexpl. 0.
 *   familiebehandling: B at 2.000: C = 24.000, no budget line, so no
 *     effects of its own: its deviation 24.000 is unexplained.
 * placement (A, B, C: 3 distinct, 2 + 1 = 3 summed): C = 1.320.000,
 *   P = 440.000 both ways; Nb 3,5; Pb = 1.250.000 / 3,5 = 357.142,857 ->
 *   357.142,86; QE = −150.000 + 0 = −150.000; PE = 120.000 + 100.000 =
 *   220.000; deviation 1.320.000 − 1.250.000 = 70.000; unexplained 0.
 *   (The formula on the category's own N, P: QE = −0,5 × 357.142,86 =
 *   −178.571,43, PE = 82.857,14 × 3 = 248.571,42: not the types' sum.)
 * preventive (B, D: 2 distinct; 2 + 1 = 3 summed, B counted in both
 *   types): C = 144.000, P = 72.000 per distinct child, 48.000 summed;
 *   Nb 4, Pb 45.000; QE −90.000, PE 30.000; deviation 144.000 − 180.000
 *   = −36.000; unexplained −36.000 + 90.000 − 30.000 = 24.000 =
 *   familiebehandling's deviation.
 * total (A, B, C, D: 4 distinct; 730 + 365 + 730 + 365 = 2190 days = 6,0
 *   summed): C = 1.464.000, P = 366.000 distinct, 244.000 summed;
 *   Nb 7,5, Pb = 1.430.000 / 7,5 = 190.666,67; QE = −150.000 + 0 −
 *   90.000 = −240.000; PE = 120.000 + 100.000 + 30.000 = 250.000;
 *   deviation 34.000; unexplained 34.000 + 240.000 − 250.000 = 24.000.
 *   (The formula on 4 distinct children: QE = −3,5 × 190.666,67 =
 *   −667.333,35: the contradiction.) */
static void test_recipients_effects_sum_of_types(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    const char *s = "2026-01-01", *e = "2026-12-31";
    add(ds, "A1", "A", "almen_plejefamilie", s, e, "30.000");
    add(ds, "B1", "B", "almen_plejefamilie", s, e, "30.000");
    add(ds, "B2", "B", "kontaktperson", s, e, "5.000");
    add(ds, "B3", "B", "familiebehandling", s, e, "2.000");
    add(ds, "C1", "C", "opholdssted", s, e, "50.000");
    add(ds, "D1", "D", "kontaktperson", s, e, "5.000");
    support_add_budget(ds, "almen_plejefamilie", "750.000", NULL, "2.5",
                       "300.000");
    support_add_budget(ds, "opholdssted", "500.000", NULL, "1", "500.000");
    support_add_budget(ds, "kontaktperson", "180.000", NULL, "4", "45.000");
    kpi_figures *f = support_compute(ds, "2026-10");

    static const struct {
        const char *bd;
        double n, n_summed, nb;
        kpi_money price, price_summed, pb, qe, pe, dev, unexplained;
    } want[] = {
        /* A type is its own sum: *_summed = its own N and P. */
        {"measure_type=almen_plejefamilie", 2, 2, 2.5, 36000000, 36000000,
         30000000, -15000000, 12000000, -3000000, 0},
        {"measure_type=opholdssted", 1, 1, 1, 60000000, 60000000, 50000000, 0,
         10000000, 10000000, 0},
        {"measure_type=kontaktperson", 2, 2, 4, 6000000, 6000000, 4500000,
         -9000000, 3000000, -6000000, 0},
        {"category=placement", 3, 3, 3.5, 44000000, 44000000, 35714286,
         -15000000, 22000000, 7000000, 0},
        {"category=preventive", 2, 3, 4, 7200000, 4800000, 4500000, -9000000,
         3000000, -3600000, 2400000},
        {"total", 4, 6, 7.5, 36600000, 24400000, 19066667, -24000000,
         25000000, 3400000, 2400000},
    };
    const char *y = "2026";
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const char *bd = want[i].bd;
        assert_near(row_real(f, RP, y, bd, "full_year_recipients"), want[i].n,
                    1e-12);
        assert_int_equal(row_money(f, RP, y, bd, "average_price"),
                         want[i].price);
        assert_near(row_real(f, RP, y, bd, "full_year_recipients_summed"),
                    want[i].n_summed, 1e-12);
        assert_int_equal(row_money(f, RP, y, bd, "average_price_summed"),
                         want[i].price_summed);
        assert_near(row_real(f, RP, y, bd, "budget_full_year_recipients"),
                    want[i].nb, 1e-12);
        assert_int_equal(row_money(f, RP, y, bd, "budget_average_price"),
                         want[i].pb);
        assert_int_equal(row_money(f, RP, y, bd, "quantity_effect"),
                         want[i].qe);
        assert_int_equal(row_money(f, RP, y, bd, "price_effect"), want[i].pe);
        assert_int_equal(row_money(f, RP, y, bd, "deviation"), want[i].dev);
        assert_int_equal(row_money(f, RP, y, bd, "unexplained"),
                         want[i].unexplained);
    }
    /* familiebehandling has no budget line: no effects of its own. */
    assert_null(find_row(f, RP, y, "measure_type=familiebehandling",
                         "quantity_effect"));
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recipients_overlap_leap_year),
        cmocka_unit_test(test_recipients_budget_effects),
        cmocka_unit_test(test_recipients_partial_assumptions),
        cmocka_unit_test(test_recipients_effects_sum_of_types),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
