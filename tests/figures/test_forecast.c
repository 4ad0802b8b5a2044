/* test_forecast.c - the key figure forecast (SPEC §5) on small datasets;
 * every number is worked out by hand in the comment above its assertion. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MEASURE(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

/* The forecast row of breakdown bd for 2026: amount and budget in kroner
 * as text, the deviation amount - budget and the share deviation /
 * budget. */
static void expect_forecast(const kpi_figures *f, const char *bd,
                            const char *amount, const char *budget)
{
    kpi_money a = KR(amount), b = KR(budget);
    assert_int_equal(row_money(f, "forecast", "2026", bd, "amount"), a);
    assert_int_equal(row_money(f, "forecast", "2026", bd, "budget"), b);
    assert_int_equal(row_money(f, "forecast", "2026", bd, "deviation"), a - b);
    assert_true(fabs(row_real(f, "forecast", "2026", bd, "share") -
                     (double)(a - b) / (double)b) < 1e-12);
}

/* ---- forecast ------------------------------------------------------------
 * Report month 2026-10.
 * opholdssted: 50.000/month all of 2026 -> disposed 600.000. Booked to
 *   date: income May -20.000, prior_year Feb 15.000 (the expense of
 *   500.000 is not added: the disposition already covers it; income of
 *   Nov and of 2025 are outside to date). Forecast = 600.000 - 20.000 +
 *   15.000 = 595.000; budget 580.000; deviation +15.000 (overspend);
 *   share 15.000 / 580.000 = 0.0258620...
 * kontaktperson: budget 100.000 and no measures: forecast 0, deviation
 *   -100.000 (underspend), share -1.
 * Total: 595.000 vs 680.000: deviation -85.000, share -0.125. */
static void test_forecast(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.type = "opholdssted", .start = "2026-01-01", .end = "2026-12-31",
            .price = "50.000");
    support_add_posting(ds, "2026-03", "opholdssted", "expense", NULL,
                        "500.000", NULL);
    support_add_posting(ds, "2026-05", "opholdssted", "income", NULL, "-20.000",
                        NULL);
    support_add_posting(ds, "2026-02", "opholdssted", "prior_year", NULL,
                        "15.000", NULL);
    support_add_posting(ds, "2026-11", "opholdssted", "income", NULL, "-99.000",
                        NULL);
    support_add_posting(ds, "2025-12", "opholdssted", "income", NULL, "-7.000",
                        NULL);
    support_add_budget(ds, "opholdssted", "580.000", NULL, NULL, NULL);
    support_add_budget(ds, "kontaktperson", "100.000", NULL, NULL, NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *oph = "measure_type=opholdssted";
    const char *kp = "measure_type=kontaktperson";

    expect_forecast(f, oph, "595.000", "580.000");
    expect_forecast(f, kp, "0", "100.000");
    assert_int_equal(row_money(f, "forecast", "2026", "total", "deviation"),
                     KR("-85.000"));
    assert_true(fabs(row_real(f, "forecast", "2026", "total", "share") +
                     0.125) < 1e-12);
    assert_int_equal(
        row_money(f, "forecast", "2026", "category=placement", "amount"),
        KR("595.000"));
    assert_int_equal(
        row_money(f, "forecast", "2026", "category=preventive", "budget"),
        KR("100.000"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without postings the forecast is the disposition alone (600.000), and
 * without a budget there are no budget, deviation or share rows. */
static void test_forecast_without_postings_or_budget(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.type = "opholdssted", .start = "2026-01-01", .end = "2026-12-31",
            .price = "50.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, "forecast", "2026", "total", "amount"),
                     KR("600.000"));
    assert_null(find_row(f, "forecast", "2026", "total", "budget"));
    assert_null(find_row(f, "forecast", "2026", "total", "deviation"));
    assert_null(find_row(f, "forecast", "2026", "total", "share"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* By kontoplan function, report month 2026-10: opholdssted and
 * eget_vaerelse 5.28.20, kontaktperson none.
 * opholdssted 50.000 a month all of 2026: 600.000, budget 580.000.
 * eget_vaerelse 10.000 a month 2026-01..2026-06: 60.000, income booked in
 *   May -5.000: 55.000; budget 70.000.
 * kontaktperson: budget 100.000, no measures: 0.
 * 5.28.20: 655.000 against 650.000, deviation 5.000, share 5.000 / 650.000;
 * none: 0 against 100.000, deviation -100.000, share -1. Total 655.000
 * against 750.000: deviation -95.000, the sum of the members'. */
static void test_forecast_by_function(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    set_function(ds, "opholdssted", "5.28.20");
    set_function(ds, "eget_vaerelse", "5.28.20");
    MEASURE(.type = "opholdssted", .start = "2026-01-01", .end = "2026-12-31",
            .price = "50.000");
    MEASURE(.type = "eget_vaerelse", .child = "B2", .start = "2026-01-01",
            .end = "2026-06-30", .price = "10.000");
    support_add_posting(ds, "2026-05", "eget_vaerelse", "income", NULL,
                        "-5.000", NULL);
    support_add_budget(ds, "opholdssted", "580.000", NULL, NULL, NULL);
    support_add_budget(ds, "eget_vaerelse", "70.000", NULL, NULL, NULL);
    support_add_budget(ds, "kontaktperson", "100.000", NULL, NULL, NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *f20 = "function=5.28.20", *none = "function=none";
    expect_forecast(f, f20, "655.000", "650.000");
    expect_forecast(f, none, "0", "100.000");
    assert_int_equal(row_money(f, "forecast", "2026", "total", "deviation"),
                     KR("-95.000"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forecast),
        cmocka_unit_test(test_forecast_without_postings_or_budget),
            cmocka_unit_test(test_forecast_by_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
