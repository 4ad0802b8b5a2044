/* test_new_placements.c - the key figure new_placements (SPEC §5) on the
 * hand-made dataset placements_fixture (fixtures.c) and smaller ones. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

/* New placements (spell starts), described by the spell's first measure:
 * October: B2 opholdssted handicap age 10 (born 2016-03-01, starts
 *   2026-10-31); B4 almen_plejefamilie social age 14. B6 is cancelled.
 *   = 2: handicap 1 social 1; 12-14 1, 6-11 1.
 * To date: B1 almen_plejefamilie (not doegninstitution) social, age 14 on
 *   01-01 (born 2011-10-31); B3 kostskole handicap, 17 on 02-28 (born on
 *   a 29 February, 18 only on 03-01); B5's second spell (04-02)
 *   netvaerksplejefamilie social 13; B9 opholdssted social 13; B2; B4.
 *   B7's overlap in June and B8 started in 2025: no new placement.
 *   = 6: almen_plejefamilie 2, kostskole 1, netvaerksplejefamilie 1,
 *   opholdssted 2; handicap 2, social 4; 12-14 4, 15-17 1, 6-11 1. */
static void test_new_placements(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "new_placements", *m = "2026-10", *t = "2026-01..2026-10";
    assert_int_equal(count(f, id, m, "total", "count"), 2);
    assert_int_equal(count(f, id, m, "measure_type=opholdssted", "count"), 1);
    assert_int_equal(
        count(f, id, m, "measure_type=almen_plejefamilie", "count"), 1);
    assert_int_equal(count(f, id, m, "target_group=handicap", "count"), 1);
    assert_int_equal(count(f, id, m, "target_group=social", "count"), 1);
    assert_int_equal(count(f, id, m, "age_group=12-14", "count"), 1);
    assert_int_equal(count(f, id, m, "age_group=6-11", "count"), 1);

    assert_int_equal(count(f, id, t, "total", "count"), 6);
    assert_int_equal(
        count(f, id, t, "measure_type=almen_plejefamilie", "count"), 2);
    assert_int_equal(count(f, id, t, "measure_type=kostskole", "count"), 1);
    assert_int_equal(
        count(f, id, t, "measure_type=netvaerksplejefamilie", "count"), 1);
    assert_int_equal(count(f, id, t, "measure_type=opholdssted", "count"), 2);
    assert_null(find_row(f, id, t, "measure_type=doegninstitution", "count"));
    assert_null(
        find_row(f, id, t, "measure_type=specialiseret_plejefamilie", "count"));
    assert_int_equal(count(f, id, t, "target_group=handicap", "count"), 2);
    assert_int_equal(count(f, id, t, "target_group=social", "count"), 4);
    assert_int_equal(count(f, id, t, "age_group=12-14", "count"), 4);
    assert_int_equal(count(f, id, t, "age_group=15-17", "count"), 1);
    assert_int_equal(count(f, id, t, "age_group=6-11", "count"), 1);
    assert_null(find_row(f, id, t, "age_group=18-22", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Changes of placement, described by the measure moved to:
 * October: B9 to sikret_doegninstitution at P9 on 10-15, social, 14 = 1.
 * To date: also B1 to doegninstitution at P2 on 04-01, social, 14 (born
 * 2011-10-31) = 2. B7's overlap is at the same provider: no change. */
static void test_changes_of_placement(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "new_placements", *m = "2026-10", *t = "2026-01..2026-10";
    assert_int_equal(count(f, id, m, "total", "changes"), 1);
    assert_int_equal(
        count(f, id, m, "measure_type=sikret_doegninstitution", "changes"), 1);
    assert_int_equal(count(f, id, m, "target_group=social", "changes"), 1);
    assert_int_equal(count(f, id, m, "age_group=12-14", "changes"), 1);
    assert_null(find_row(f, id, m, "measure_type=doegninstitution", "changes"));

    assert_int_equal(count(f, id, t, "total", "changes"), 2);
    assert_int_equal(
        count(f, id, t, "measure_type=doegninstitution", "changes"), 1);
    assert_int_equal(
        count(f, id, t, "measure_type=sikret_doegninstitution", "changes"), 1);
    assert_null(find_row(f, id, t, "target_group=handicap", "changes"));
    assert_int_equal(count(f, id, t, "target_group=social", "changes"), 2);
    assert_int_equal(count(f, id, t, "age_group=12-14", "changes"), 2);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The series of new placements: spell starts per month, January..October
 * of 2025 and 2026, totals only (October 2026 is the month row):
 * 2025-01 B7; 2025-05 B5's first spell; 2025-06 B8 (two measures, one
 * spell); the other 2025 months 0. 2026-01 B1 and B9 = 2; 2026-02 B3;
 * 2026-03 0; 2026-04 B5's second spell; 2026-05..09 0. With October's 2
 * that makes the to-date 6. Only count, not changes, has a series. */
static void test_new_placements_series(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "new_placements";
    assert_int_equal(count(f, id, "2025-01", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-02", "total", "count"), 0);
    assert_int_equal(count(f, id, "2025-05", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-06", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 0);
    assert_int_equal(count(f, id, "2026-01", "total", "count"), 2);
    assert_int_equal(count(f, id, "2026-02", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-03", "total", "count"), 0);
    assert_int_equal(count(f, id, "2026-04", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-09", "total", "count"), 0);
    assert_null(find_row(f, id, "2025-11", "total", "count"));
    assert_null(find_row(f, id, "2026-01", "total", "changes"));
    assert_null(find_row(f, id, "2026-01", "target_group=social", "count"));
    /* Totals: 2 months x (count, changes) + 10 + 9 series months = 23;
     * the series after the to-date changes, ascending. */
    size_t totals = 0, last = 0, first_series = SIZE_MAX;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, id) != 0)
            continue;
        if (!r->dimension)
            totals++;
        if (strcmp(r->period, "2025-01") == 0 && first_series == SIZE_MAX)
            first_series = i;
        if (strcmp(r->stat, "changes") == 0)
            last = i;
    }
    assert_int_equal(totals, 23);
    assert_true(last < first_series);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* leap_february_fixture, new_placements by month: C starts 02-01 and A
 * on 02-29, the last day of the leap February: 2024-02 = 2; B started
 * 2023-01-01: 2023-01 = 1; 2023-02 and 2024-01 nothing; March (M) is the
 * month row, 0. */
static void test_new_placements_series_leap_february(void **state)
{
    (void)state;
    kpi_dataset *ds = leap_february_fixture();
    kpi_figures *f = support_compute(ds, "2024-03");
    const char *id = "new_placements";
    assert_int_equal(count(f, id, "2024-02", "total", "count"), 2);
    assert_int_equal(count(f, id, "2023-01", "total", "count"), 1);
    assert_int_equal(count(f, id, "2023-02", "total", "count"), 0);
    assert_int_equal(count(f, id, "2023-03", "total", "count"), 0);
    assert_int_equal(count(f, id, "2024-01", "total", "count"), 0);
    assert_int_equal(count(f, id, "2024-03", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Totals are written even when zero: in 2026-03 nothing starts
 * (B3 started 02-28, B5's second spell 04-02) and nobody moves. */
static void test_zero_totals_written(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-03");
    assert_int_equal(count(f, "new_placements", "2026-03", "total", "count"),
                     0);
    assert_int_equal(count(f, "new_placements", "2026-03", "total", "changes"),
                     0);
    assert_null(find_row(f, "new_placements", "2026-03", "target_group=social",
                         "count"));
    /* To date (January..March): B1 and B9 on 01-01 and B3 on 02-28. */
    assert_int_equal(
        count(f, "new_placements", "2026-01..2026-03", "total", "count"), 3);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* With no measures at all the totals are 0 and written. */
static void test_new_placements_empty(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(count(f, "new_placements", "2026-10", "total", "count"),
                     0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A spell across the 18th birthday (SPEC §4: a measure chains when it
 * starts at most one day after the spell's latest end):
 * Y born 2008-03-15: almen_plejefamilie at P1 2026-01-10..2026-03-14 (the
 *   day before the 18th birthday), ungestoette_doegnophold at P1 from
 *   2026-03-15: ONE spell from 01-10, a new placement in January (age 17
 *   on 01-10: 15-17), none in March; same provider, so no change.
 * W born 2008-02-01: almen_plejefamilie 2026-01-05..2026-01-31, then
 *   ungestoette_doegnophold from 2026-02-02 (a day's gap, 02-01 uncovered):
 *   two spells, new placements in January (17: 15-17) and February (18:
 *   18-22, type ungestoette_doegnophold).
 * To date 2026-01..2026-03: 3 = almen_plejefamilie 2,
 *   ungestoette_doegnophold 1; 15-17 2, 18-22 1. March: 0. */
static void test_spell_across_18th_birthday(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_young_adult_stay(ds, "Y", "2008-03-15", "2026-01-10", "2026-03-14",
                         "2026-03-15", NULL);
    add_young_adult_stay(ds, "W", "2008-02-01", "2026-01-05", "2026-01-31",
                         "2026-02-02", NULL);
    kpi_figures *f = support_compute(ds, "2026-03");
    const char *id = "new_placements", *t = "2026-01..2026-03";
    assert_int_equal(count(f, id, "2026-03", "total", "count"), 0);
    assert_int_equal(count(f, id, "2026-03", "total", "changes"), 0);
    assert_int_equal(count(f, id, t, "total", "count"), 3);
    assert_int_equal(
        count(f, id, t, "measure_type=almen_plejefamilie", "count"), 2);
    assert_int_equal(
        count(f, id, t, "measure_type=ungestoette_doegnophold", "count"), 1);
    assert_int_equal(count(f, id, t, "age_group=15-17", "count"), 2);
    assert_int_equal(count(f, id, t, "age_group=18-22", "count"), 1);
    assert_int_equal(count(f, id, t, "total", "changes"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_placements),
        cmocka_unit_test(test_changes_of_placement),
        cmocka_unit_test(test_new_placements_series),
        cmocka_unit_test(test_new_placements_series_leap_february),
        cmocka_unit_test(test_zero_totals_written),
        cmocka_unit_test(test_new_placements_empty),
        cmocka_unit_test(test_spell_across_18th_birthday),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
