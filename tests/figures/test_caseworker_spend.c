/* test_caseworker_spend.c - the key figure caseworker_spend (SPEC §5) on
 * small datasets; every number is worked out by hand in the comment above
 * its assertion. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MEASURE(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

/* ---- caseworker_spend ----------------------------------------------------
 * Report month 2026-10.
 * SB-Anne: kontaktperson 1.000/month all 2026 -> to date 10.000, year
 *   12.000; familiebehandling 2.000/month from 2026-09-01, ongoing ->
 *   to date Sep + Oct = 4.000, year Sep..Dec = 8.000.
 *   Anne: to date 14.000, year 20.000.
 * SB-Bo: opholdssted 31.000/month 2026-10-16..10-31 = 16/31 x 31.000 =
 *   16.000 to date and for the year.
 * SB-Carl: a measure of 2025 only: not listed.
 * Total: to date 30.000, year 36.000.
 * Teams (the measure's team): Nord = Anne's kontaktperson 10.000 / 12.000
 *   + Bo's opholdssted 16.000 / 16.000 = to date 26.000, year 28.000;
 *   Syd = Anne's familiebehandling 4.000 / 8.000; Carl's Øst only in
 *   2025: not listed. Teams come after the caseworkers, before the
 *   measure types (the catalogue's order). */
static void test_caseworker_spend(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    MEASURE(.caseworker = "SB-Bo", .team = "Nord", .type = "opholdssted",
            .start = "2026-10-16", .end = "2026-10-31", .price = "31.000");
    MEASURE(.caseworker = "SB-Anne", .team = "Nord", .type = "kontaktperson",
            .start = "2026-01-01", .end = "2026-12-31", .price = "1.000");
    MEASURE(.caseworker = "SB-Anne", .team = "Syd",
            .type = "familiebehandling", .start = "2026-09-01",
            .price = "2.000");
    MEASURE(.caseworker = "SB-Carl", .team = "Øst", .type = "kontaktperson",
            .start = "2025-01-01", .end = "2025-12-31", .price = "1.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "caseworker_spend", *td = "2026-01..2026-10";

    assert_int_equal(row_money(f, id, td, "caseworker=SB-Anne", "amount"),
                     KR("14.000"));
    assert_int_equal(row_money(f, id, "2026", "caseworker=SB-Anne", "amount"),
                     KR("20.000"));
    assert_int_equal(row_money(f, id, td, "caseworker=SB-Bo", "amount"),
                     KR("16.000"));
    assert_int_equal(row_money(f, id, "2026", "caseworker=SB-Bo", "amount"),
                     KR("16.000"));
    assert_null(find_row(f, id, td, "caseworker=SB-Carl", "amount"));
    assert_int_equal(row_money(f, id, td, "total", "amount"), KR("30.000"));
    assert_int_equal(row_money(f, id, "2026", "total", "amount"), KR("36.000"));
    assert_int_equal(
        row_money(f, id, "2026", "measure_type=familiebehandling", "amount"),
        KR("8.000"));
    assert_int_equal(row_money(f, id, td, "team=Nord", "amount"),
                     KR("26.000"));
    assert_int_equal(row_money(f, id, "2026", "team=Nord", "amount"),
                     KR("28.000"));
    assert_int_equal(row_money(f, id, td, "team=Syd", "amount"), KR("4.000"));
    assert_int_equal(row_money(f, id, "2026", "team=Syd", "amount"),
                     KR("8.000"));
    assert_null(find_row(f, id, "2026", "team=Øst", "amount"));
    assert_true(row_index(f, id, td, "caseworker=SB-Bo", "amount") <
                row_index(f, id, td, "team=Nord", "amount"));
    assert_true(row_index(f, id, td, "team=Syd", "amount") <
                row_index(f, id, td, "measure_type=familiebehandling",
                          "amount"));
    /* Anne before Bo (bytewise), caseworkers before measure types. */
    assert_true(row_index(f, id, td, "caseworker=SB-Anne", "amount") <
                row_index(f, id, td, "caseworker=SB-Bo", "amount"));
    assert_true(
        row_index(f, id, td, "caseworker=SB-Bo", "amount") <
        row_index(f, id, td, "measure_type=familiebehandling", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_caseworker_spend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
