/* test_preventive_families.c - the key figure preventive_families (SPEC §5)
 * on the hand-made dataset placements_fixture (fixtures.c) and smaller ones. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

/* The series of preventive families at each month end (D is the stock
 * row): nothing in 2025. 2026-01-31 and 2026-02-28: C3 and C5 = 2;
 * from 2026-03-31: F1 too = 3; 2026-09-30: C3's last day, still 3. */
static void test_preventive_families_series(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "preventive_families";
    assert_int_equal(count(f, id, "2025-01-31", "total", "count"), 0);
    assert_int_equal(count(f, id, "2025-10-31", "total", "count"), 0);
    assert_int_equal(count(f, id, "2026-01-31", "total", "count"), 2);
    assert_int_equal(count(f, id, "2026-02-28", "total", "count"), 2);
    assert_int_equal(count(f, id, "2026-03-31", "total", "count"), 3);
    assert_int_equal(count(f, id, "2026-09-30", "total", "count"), 3);
    assert_null(find_row(f, id, "2025-11-30", "total", "count"));
    assert_null(find_row(f, id, "2026-03-31", "target_group=social", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Families with an active preventive measure on D: F1 (C1 and C2,
 * counted once although two children and three measures) and C5's own
 * family. Not C3 (ended 09-30), not C4 (cancelled), no placement.
 * = 2. measure_type: dagtilbud 1 (C5; C4 cancelled), familiebehandling 1
 * (F1 once, not twice), kontaktperson 1. target: handicap 1, social 1.
 * age: 0-5 (C5, 2) 1, 15-17 (C2, 16) 1, 6-11 (C1, 6) 1. */
static void test_preventive_families(void **state)
{
    (void)state;
    kpi_dataset *ds = placements_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "preventive_families", *p = "2026-10-31";
    assert_int_equal(count(f, id, p, "total", "count"), 2);
    assert_int_equal(count(f, id, p, "measure_type=dagtilbud", "count"), 1);
    assert_int_equal(count(f, id, p, "measure_type=familiebehandling", "count"),
                     1);
    assert_int_equal(count(f, id, p, "measure_type=kontaktperson", "count"), 1);
    assert_null(find_row(f, id, p, "measure_type=stoette_i_hjemmet", "count"));
    assert_int_equal(count(f, id, p, "target_group=handicap", "count"), 1);
    assert_int_equal(count(f, id, p, "target_group=social", "count"), 1);
    assert_int_equal(count(f, id, p, "age_group=0-5", "count"), 1);
    assert_int_equal(count(f, id, p, "age_group=15-17", "count"), 1);
    assert_int_equal(count(f, id, p, "age_group=6-11", "count"), 1);
    assert_null(find_row(f, id, p, "age_group=12-14", "count"));
    /* Stock figures have no month or to-date rows. */
    assert_null(find_row(f, id, "2026-10", "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* leap_february_fixture, preventive_families: K's family on 2024-02-29
 * only. */
static void test_preventive_families_series_leap_february(void **state)
{
    (void)state;
    kpi_dataset *ds = leap_february_fixture();
    kpi_figures *f = support_compute(ds, "2024-03");
    const char *id = "preventive_families";
    assert_int_equal(count(f, id, "2024-02-29", "total", "count"), 1);
    assert_int_equal(count(f, id, "2024-01-31", "total", "count"), 0);
    assert_int_equal(count(f, id, "2023-02-28", "total", "count"), 0);
    assert_int_equal(count(f, id, "2024-03-31", "total", "count"), 0);
    assert_null(find_row(f, id, "2024-02-28", "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* With no measures at all the total is 0 and written; no members. */
static void test_preventive_families_empty(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(
        count(f, "preventive_families", "2026-10-31", "total", "count"), 0);
    assert_null(find_row(f, "preventive_families", "2026-10-31",
                         "target_group=social", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_preventive_families_series),
        cmocka_unit_test(test_preventive_families),
        cmocka_unit_test(test_preventive_families_series_leap_february),
        cmocka_unit_test(test_preventive_families_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
