/* test_inspections.c - the key figure inspections (SPEC §5) on small hand-
 * made datasets. Report month 2026-10 throughout: D = 2026-10-31, to date =
 * 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const TD = "2026-01..2026-10";

static void add_inspection(kpi_dataset *ds, const char *date, bool approved,
                           const char *reason)
{
    kpi_inspection *x = KPI_ARRAY_PUSH(ds->alloc, &ds->inspections);
    assert_non_null(x);
    ds->present[KPI_FILE_INSPECTIONS] = true;
    x->provider = sym(ds, "Tilbud");
    x->date = D(date);
    x->approved = approved;
    x->reason = reason ? sym(ds, reason) : KPI_SYM_NONE;
}

/* ---- inspections -------------------------------------------------------
 * I1 2026-10-05 approved
 * I2 2026-10-06 not approved, "Mangler i medicinhåndtering"
 * I3 2026-04-01 not approved, "Bemanding"
 * I4 2026-05-01 not approved, no reason
 * I5 2026-11-01 approved                 after D: nowhere
 * I6 2025-12-01 not approved, "Bemanding" year 2025, not in the series
 * I7 2025-03-01 approved                 year 2025, series 2025-03
 * I8 2024-06-01 approved                 year 2024
 * I10 2024-02-01 not approved, "Bemanding" year 2024
 * I9 2023-06-01 approved                 nowhere (Y-3)
 * M: 2 (approved 1, not approved 1: Mangler 1).
 * To date: 4 (approved 1, not approved 3: Bemanding 1, Mangler 1; I4
 *   has no reason row).
 * 2025: 2 (approved 1, not approved 1: Bemanding 1).
 * 2024: 2 (approved 1, not approved 1: Bemanding 1). */
static void test_inspections(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_inspection(ds, "2026-10-05", true, NULL);
    add_inspection(ds, "2026-10-06", false, "Mangler i medicinhåndtering");
    add_inspection(ds, "2026-04-01", false, "Bemanding");
    add_inspection(ds, "2026-05-01", false, NULL);
    add_inspection(ds, "2026-11-01", true, NULL);
    add_inspection(ds, "2025-12-01", false, "Bemanding");
    add_inspection(ds, "2025-03-01", true, NULL);
    add_inspection(ds, "2024-06-01", true, NULL);
    add_inspection(ds, "2023-06-01", true, NULL);
    add_inspection(ds, "2024-02-01", false, "Bemanding");
    kpi_figures *f = support_compute(ds, M);
    const char *id = "inspections";
    const char *na = "result=not_approved";
    assert_int_equal(count(f, id, M, "total", "count"), 2);
    assert_int_equal(count(f, id, M, "result=approved", "count"), 1);
    assert_int_equal(count(f, id, M, na, "count"), 1);
    assert_int_equal(
        count(f, id, M,
              "result=not_approved,reason=Mangler i medicinhåndtering",
              "count"),
        1);
    assert_null(
        find_row(f, id, M, "result=not_approved,reason=Bemanding", "count"));
    assert_int_equal(count(f, id, TD, "total", "count"), 4);
    assert_int_equal(count(f, id, TD, na, "count"), 3);
    assert_int_equal(
        count(f, id, TD, "result=not_approved,reason=Bemanding", "count"), 1);
    assert_null(find_row(f, id, TD, "result=not_approved,reason=", "count"));
    assert_int_equal(count(f, id, "2025", "total", "count"), 2);
    assert_int_equal(count(f, id, "2025", "result=approved", "count"), 1);
    assert_int_equal(count(f, id, "2025", na, "count"), 1);
    assert_int_equal(count(f, id, "2024", "total", "count"), 2);
    assert_int_equal(count(f, id, "2024", "result=approved", "count"), 1);
    assert_int_equal(count(f, id, "2024", na, "count"), 1);
    assert_null(find_row(f, id, "2023", "total", "count"));
    assert_int_equal(count(f, id, "2025-03", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-04", "total", "count"), 1);
    assert_null(find_row(f, id, "2025-12", "total", "count"));
    static const char *const head[] = {
        "2026-10|total|count",
        "2026-10|result=approved|count",
        "2026-10|result=not_approved|count",
        "2026-10|result=not_approved,reason=Mangler i medicinhåndtering|count",
        "2026-01..2026-10|total|count",
        "2026-01..2026-10|result=approved|count",
        "2026-01..2026-10|result=not_approved|count",
        "2026-01..2026-10|result=not_approved,reason=Bemanding|count",
        ("2026-01..2026-10|result=not_approved,reason=Mangler i "
         "medicinhåndtering|count"),
        "2024|total|count",
        "2024|result=approved|count",
        "2024|result=not_approved|count",
        "2024|result=not_approved,reason=Bemanding|count",
        "2025|total|count",
        "2025|result=approved|count",
        "2025|result=not_approved|count",
        "2025|result=not_approved,reason=Bemanding|count",
        "2025-01|total|count",
    };
    static char got[64][128];
    size_t n = rows_of(f, id, got, 64);
    assert_int_equal(n, 17 + 19);
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        assert_string_equal(got[i], head[i]);
    assert_string_equal(got[n - 1], "2026-09|total|count");
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_inspections_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("inspections", &ds);
    assert_int_equal(count(f, "inspections", "2025", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inspections),
        cmocka_unit_test(test_inspections_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
