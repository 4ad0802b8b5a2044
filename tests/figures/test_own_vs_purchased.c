/* test_own_vs_purchased.c - the key figure own_vs_purchased (SPEC §5) on
 * small datasets; every number is worked out by hand in the comment above
 * its assertion. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MEASURE(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

/* ---- own_vs_purchased ----------------------------------------------------
 * Report month 2026-10; 2026 has 365 days.
 * Child B1: own kontaktperson 2026-01-01..06-30 (181 days) 1.000/month
 *   -> 6.000; private opholdssted 2026-04-01..12-31 (275 days) 30.000/month
 *   -> 9 x 30.000 = 270.000.
 * Child B2: municipal almen_plejefamilie all year (365 days) 20.000/month
 *   -> 240.000; regional doegninstitution 2026-07-01..12-31 (184 days)
 *   40.000/month -> 240.000.
 * Child B3: private, cancelled: nothing.
 * Full-year recipients (days with a measure of the kind / 365):
 *   own 181/365; private 275/365; municipal 365/365 = 1; regional 184/365;
 *   purchased: B1 275 + B2 365 (its two purchased measures overlap and
 *   count once) = 640/365; total: B1 365 (Jan..Jun own, Apr..Dec private)
 *   + B2 365 = 2; placement: B1 275 + B2 365 = 640/365; preventive 181/365.
 * Amounts: purchased 270.000 + 240.000 + 240.000 = 750.000; total 756.000.
 * Postings to date: expense private opholdssted 100.000; expense without
 *   provider kind (kontaktperson) 2.000 -> total and preventive only;
 *   income own kontaktperson -3.000 (a sold place); prior_year ignored.
 *   booked: private 100.000, purchased 100.000, own 0, total 102.000,
 *   placement 100.000, preventive 2.000; income: own -3.000, total -3.000. */
static void test_own_vs_purchased(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.child = "B1", .type = "kontaktperson", .provider_kind = "own",
            .start = "2026-01-01", .end = "2026-06-30", .price = "1.000");
    MEASURE(.child = "B1", .type = "opholdssted", .provider_kind = "private",
            .start = "2026-04-01", .end = "2026-12-31", .price = "30.000");
    MEASURE(.child = "B2", .type = "almen_plejefamilie",
            .provider_kind = "municipal", .start = "2026-01-01",
            .end = "2026-12-31", .price = "20.000");
    MEASURE(.child = "B2", .type = "doegninstitution",
            .provider_kind = "regional", .start = "2026-07-01",
            .end = "2026-12-31", .price = "40.000");
    MEASURE(.child = "B3", .type = "opholdssted", .provider_kind = "private",
            .start = "2026-07-01", .end = "2026-06-30", .price = "99.000");
    support_add_posting(ds, "2026-05", "opholdssted", "expense", "private",
                        "100.000", NULL);
    support_add_posting(ds, "2026-02", "kontaktperson", "expense", NULL,
                        "2.000", NULL);
    support_add_posting(ds, "2026-06", "kontaktperson", "income", "own",
                        "-3.000", NULL);
    support_add_posting(ds, "2026-01", "kontaktperson", "prior_year", "own",
                        "777", NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "own_vs_purchased", *y = "2026";
    const char *td = "2026-01..2026-10";

    assert_int_equal(row_money(f, id, y, "provider_kind=own", "amount"),
                     KR("6.000"));
    assert_int_equal(row_money(f, id, y, "provider_kind=purchased", "amount"),
                     KR("750.000"));
    assert_int_equal(row_money(f, id, y, "total", "amount"), KR("756.000"));
    assert_int_equal(row_money(f, id, y, "provider_kind=regional", "amount"),
                     KR("240.000"));
    const double eps = 1e-9;
    assert_true(
        fabs(row_real(f, id, y, "provider_kind=own", "full_year_recipients") -
             181.0 / 365.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=private",
                              "full_year_recipients") -
                     275.0 / 365.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=municipal",
                              "full_year_recipients") -
                     1.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=regional",
                              "full_year_recipients") -
                     184.0 / 365.0) < eps);
    assert_true(fabs(row_real(f, id, y, "provider_kind=purchased",
                              "full_year_recipients") -
                     640.0 / 365.0) < eps);
    assert_true(
        fabs(row_real(f, id, y, "total", "full_year_recipients") - 2.0) < eps);
    assert_true(
        fabs(row_real(f, id, y, "category=placement", "full_year_recipients") -
             640.0 / 365.0) < eps);
    assert_true(
        fabs(row_real(f, id, y, "category=preventive", "full_year_recipients") -
             181.0 / 365.0) < eps);

    assert_int_equal(row_money(f, id, td, "provider_kind=private", "booked"),
                     KR("100.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=purchased", "booked"),
                     KR("100.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=own", "booked"), 0);
    assert_int_equal(row_money(f, id, td, "total", "booked"), KR("102.000"));
    assert_int_equal(row_money(f, id, td, "category=preventive", "booked"),
                     KR("2.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=own", "income"),
                     KR("-3.000"));
    assert_int_equal(row_money(f, id, td, "total", "income"), KR("-3.000"));
    assert_int_equal(row_money(f, id, td, "provider_kind=purchased", "income"),
                     0);
    /* Members in code order: municipal < own < private < purchased <
     * regional. */
    assert_true(row_index(f, id, y, "provider_kind=municipal", "amount") <
                row_index(f, id, y, "provider_kind=own", "amount"));
    assert_true(row_index(f, id, y, "provider_kind=purchased", "amount") <
                row_index(f, id, y, "provider_kind=regional", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);

    /* Without postings: no booked or income rows. */
    ds = support_dataset();
    MEASURE(.type = "kontaktperson", .start = "2026-01-01", .price = "1");
    f = support_compute(ds, "2026-10");
    assert_null(find_row(f, id, td, "total", "booked"));
    assert_non_null(find_row(f, id, y, "total", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_vs_purchased),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
