/* test_placed_children.c - the key figure placed_children (SPEC §5) on the
 * hand-made dataset placements_fixture (fixtures.c) and smaller ones. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

/* Placed on D: B1 doegninstitution social 15; B2 opholdssted handicap 10;
 * B3 kostskole handicap 18; B5 netvaerksplejefamilie social 14;
 * B7 specialiseret_plejefamilie social 14; B8 eget_vaerelse social 14;
 * B9 sikret_doegninstitution social 14. Not B4 (ended 10-15), not B6
 * (cancelled). 7 children: handicap 2, social 5; 12-14: 4, 15-17: 1,
 * 18-22: 1, 6-11: 1. */
static void test_placed_children_on_d(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placed_children", *p = "2026-10-31";
    assert_int_equal(count(f, id, p, "total", "count"), 7);
    assert_int_equal(count(f, id, p, "measure_type=doegninstitution", "count"),
                     1);
    assert_int_equal(count(f, id, p, "measure_type=opholdssted", "count"), 1);
    assert_int_equal(count(f, id, p, "measure_type=kostskole", "count"), 1);
    assert_int_equal(
        count(f, id, p, "measure_type=netvaerksplejefamilie", "count"), 1);
    assert_int_equal(
        count(f, id, p, "measure_type=specialiseret_plejefamilie", "count"), 1);
    assert_int_equal(count(f, id, p, "measure_type=eget_vaerelse", "count"), 1);
    assert_int_equal(
        count(f, id, p, "measure_type=sikret_doegninstitution", "count"), 1);
    /* Members with no child are not written. */
    assert_null(find_row(f, id, p, "measure_type=almen_plejefamilie", "count"));
    assert_null(
        find_row(f, id, p, "measure_type=forstaerket_plejefamilie", "count"));
    assert_null(find_row(f, id, p, "age_group=0-5", "count"));
    assert_int_equal(count(f, id, p, "target_group=handicap", "count"), 2);
    assert_int_equal(count(f, id, p, "target_group=social", "count"), 5);
    assert_int_equal(count(f, id, p, "age_group=12-14", "count"), 4);
    assert_int_equal(count(f, id, p, "age_group=15-17", "count"), 1);
    assert_int_equal(count(f, id, p, "age_group=18-22", "count"), 1);
    assert_int_equal(count(f, id, p, "age_group=6-11", "count"), 1);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The rows of D in export order: total, then measure_type, target_group
 * and age_group, members bytewise but age groups youngest first. */
static void test_placed_children_row_order(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    static const char *const want[] = {
        "total",
        "measure_type=doegninstitution",
        "measure_type=eget_vaerelse",
        "measure_type=kostskole",
        "measure_type=netvaerksplejefamilie",
        "measure_type=opholdssted",
        "measure_type=sikret_doegninstitution",
        "measure_type=specialiseret_plejefamilie",
        "target_group=handicap",
        "target_group=social",
        "age_group=6-11",
        "age_group=12-14",
        "age_group=15-17",
        "age_group=18-22",
    };
    size_t k = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, "placed_children") != 0 ||
            strcmp(r->period, "2026-10-31") != 0)
            continue;
        assert_true(k < sizeof want / sizeof *want);
        char got[128];
        if (r->dimension)
            snprintf(got, sizeof got, "%s=%s", r->dimension, r->member);
        else
            snprintf(got, sizeof got, "total");
        assert_string_equal(got, want[k]);
        k++;
    }
    assert_int_equal(k, sizeof want / sizeof *want);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The series, total only, at each month end:
 * 2025-01-31: B7 = 1.  2025-04-30: 1 (B5 starts 05-01).
 * 2025-05-31: B7 B5 = 2.  2025-06-30 .. 2025-10-31: B7 B5 B8 = 3.
 * 2026-01-31: B7 B5 B8 B1 B9 = 5.  2026-02-28: + B3 (starts that day) = 6.
 * 2026-03-31: B5's first spell ends that day, still 6.
 * 2026-04-30: B5 back since 04-02, 6.  2026-09-30: 6.
 * The series is the 23 month ends before D: from 2024-11-30 (nobody yet:
 * 0; B7 starts 2025-01-01) through 2025-11-30 and 2025-12-31 (B7 B5 B8 =
 * 3) to 2026-09-30, so the 24-month chart has no gaps.
 * D itself (2026-10-31) is the stock row, written once. No month after M. */
static void test_placed_children_series(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placed_children";
    assert_int_equal(count(f, id, "2025-01-31", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-04-30", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-05-31", "total", "count"), 2);
    assert_int_equal(count(f, id, "2025-06-30", "total", "count"), 3);
    assert_int_equal(count(f, id, "2025-10-31", "total", "count"), 3);
    assert_int_equal(count(f, id, "2026-01-31", "total", "count"), 5);
    assert_int_equal(count(f, id, "2026-02-28", "total", "count"), 6);
    assert_int_equal(count(f, id, "2026-03-31", "total", "count"), 6);
    assert_int_equal(count(f, id, "2026-04-30", "total", "count"), 6);
    assert_int_equal(count(f, id, "2026-09-30", "total", "count"), 6);
    assert_int_equal(count(f, id, "2024-11-30", "total", "count"), 0);
    assert_int_equal(count(f, id, "2024-12-31", "total", "count"), 0);
    assert_int_equal(count(f, id, "2025-11-30", "total", "count"), 3);
    assert_int_equal(count(f, id, "2025-12-31", "total", "count"), 3);
    assert_null(find_row(f, id, "2024-10-31", "total", "count"));
    assert_null(find_row(f, id, "2026-01-31", "target_group=social", "count"));
    /* 1 stock row + 23 month ends (2 of 2024, 12 of 2025, 9 of 2026). */
    size_t totals = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, id) == 0 && !r->dimension)
            totals++;
    }
    assert_int_equal(totals, 24);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* leap_february_fixture: 2024-02-29 (the month end of a leap February):
 * A and C = 2; 2024-01-31: B = 1; 2023-02-28: B = 1; D: A = 1. There is
 * no 2024-02-28 row. The series reaches 23 month ends back: 2022-04-30 (B
 * not yet: 0) is the first, 2022-03-31 is not there, 2023-04-30 is
 * (B = 1). */
static void test_series_leap_february(void **state)
{
    (void)state;
    kpi_dataset *ds = leap_february_fixture();
    kpi_figures *f = support_compute(ds, "2024-03");
    const char *id = "placed_children";
    assert_int_equal(count(f, id, "2024-02-29", "total", "count"), 2);
    assert_int_equal(count(f, id, "2024-01-31", "total", "count"), 1);
    assert_int_equal(count(f, id, "2023-02-28", "total", "count"), 1);
    assert_int_equal(count(f, id, "2023-03-31", "total", "count"), 1);
    assert_int_equal(count(f, id, "2024-03-31", "total", "count"), 1);
    assert_null(find_row(f, id, "2024-02-28", "total", "count"));
    assert_int_equal(count(f, id, "2023-04-30", "total", "count"), 1);
    assert_int_equal(count(f, id, "2022-04-30", "total", "count"), 0);
    assert_null(find_row(f, id, "2022-03-31", "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

/* Young adults on D = 2026-10-31 (SPEC §3.3; Danmarks Statistik counts the
 * 18-22-year-olds in døgnophold among the placed):
 * Y born 2008-03-15, almen_plejefamilie at P1 2020-05-01..2026-03-14 (the
 *   day before the 18th birthday), then ungestoette_doegnophold at P1 from
 *   2026-03-15, open: placed on D, 18 years old, age group 18-22, type of
 *   the measure active on D = ungestoette_doegnophold.
 * E born 2007-06-01, eftervaern (contact person) from 2025-06-01, open:
 *   not placed.
 * = 1 placed: ungestoette_doegnophold 1, 18-22 1, social 1; no
 *   eftervaern, no almen_plejefamilie (ended in March). */
static void test_young_adult_in_doegnophold(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_young_adult_stay(ds, "Y", "2008-03-15", "2020-05-01", "2026-03-14",
                         "2026-03-15", NULL);
    P(.child = "E", .birth = "2007-06-01", .type = "eftervaern",
      .provider = "P2", .start = "2025-06-01", .price = "6.000,00");
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placed_children", *p = "2026-10-31";
    assert_int_equal(count(f, id, p, "total", "count"), 1);
    assert_int_equal(
        count(f, id, p, "measure_type=ungestoette_doegnophold", "count"), 1);
    assert_int_equal(count(f, id, p, "age_group=18-22", "count"), 1);
    assert_int_equal(count(f, id, p, "target_group=social", "count"), 1);
    assert_null(find_row(f, id, p, "measure_type=eftervaern", "count"));
    assert_null(find_row(f, id, p, "measure_type=almen_plejefamilie", "count"));
    assert_null(find_row(f, id, p, "age_group=15-17", "count"));
    /* On 2026-02-28 Y is 17 and in the foster family: 15-17. */
    assert_int_equal(count(f, id, "2026-02-28", "total", "count"), 1);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* With no measures at all the totals are 0 and written; no members. */
static void test_placed_children_empty(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(
        count(f, "placed_children", "2026-10-31", "total", "count"), 0);
    assert_int_equal(
        count(f, "placed_children", "2026-01-31", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_placed_children_on_d),
        cmocka_unit_test(test_placed_children_row_order),
        cmocka_unit_test(test_placed_children_series),
        cmocka_unit_test(test_series_leap_february),
        cmocka_unit_test(test_placed_children_empty),
        cmocka_unit_test(test_young_adult_in_doegnophold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
