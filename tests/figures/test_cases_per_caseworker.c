/* test_cases_per_caseworker.c - the key figure cases_per_caseworker (SPEC
 * §5) on small hand-made datasets. Report month 2026-10 throughout: D =
 * 2026-10-31, to date = 2026-01..2026-10, series 2025-01..2025-10 and
 * 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const DAY = "2026-10-31";

/* cases_per_caseworker on D. Open: K1, K2 (SB_A), K4, K7 (SB_B) = 4. K3
 * is closed on D, so not open (it is closed in M above); K8 opens after
 * D. Placement cases: K1 (C1 placed since 10-20), K4 (C4's placement
 * ends on D) = 2; K2's placement ended 10-30, K7's is cancelled: other
 * = 2. Current caseworkers (an open case or a measure running on D):
 * SB_A 2 (1 placement), SB_B 2 (1), SB_D 0 (a kontaktperson running on D,
 * no case): mean 4 / 3, min 0, max 2. SB_C has only a closed case and no
 * running measure: no longer a caseworker here, so not in mean or min.
 * SB_D has no caseworker rows but counts in mean and min. */
static void test_cases_per_caseworker(void **state)
{
    (void)state;
    kpi_dataset *ds = cases_fixture();
    kpi_figures *f = support_compute(ds, M);
    const char *id = "cases_per_caseworker";
    assert_int_equal(count(f, id, DAY, "total", "count"), 4);
    assert_int_equal(count(f, id, DAY, "total", "placement_cases"), 2);
    assert_int_equal(count(f, id, DAY, "total", "other_cases"), 2);
    assert_float_equal(row_real(f, id, DAY, "total", "mean"), 4.0 / 3.0, 1e-12);
    assert_int_equal(count(f, id, DAY, "total", "min"), 0);
    assert_int_equal(count(f, id, DAY, "total", "max"), 2);
    assert_int_equal(count(f, id, DAY, "caseworker=SB_A", "count"), 2);
    assert_int_equal(count(f, id, DAY, "caseworker=SB_A", "placement_cases"),
                     1);
    assert_int_equal(count(f, id, DAY, "caseworker=SB_A", "other_cases"), 1);
    assert_int_equal(count(f, id, DAY, "caseworker=SB_B", "count"), 2);
    assert_int_equal(count(f, id, DAY, "caseworker=SB_B", "placement_cases"),
                     1);
    assert_int_equal(count(f, id, DAY, "caseworker=SB_B", "other_cases"), 1);
    assert_null(find_row(f, id, DAY, "caseworker=SB_C", "count"));
    assert_null(find_row(f, id, DAY, "caseworker=SB_D", "count"));
    /* No month or to-date period: a stock. */
    assert_null(find_row(f, id, M, "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The series at month ends, total only.
 * 2025-01-31: K6 = 1 (K5 opens 02-01).  2025-02-28 .. 2025-09-30: K5 K6 = 2.
 * 2025-10-31: K6 closed that day: K5 = 1.
 * 2026-01-31: K5 K7 = 2.  2026-02-28: K5 closed 02-10: K7 = 1.
 * 2026-03-31 .. 2026-09-30: K7 K3 = 2. D is written once, as the stock. */
static void test_cases_per_caseworker_series(void **state)
{
    (void)state;
    kpi_dataset *ds = cases_fixture();
    kpi_figures *f = support_compute(ds, M);
    const char *id = "cases_per_caseworker";
    assert_int_equal(count(f, id, "2025-01-31", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-02-28", "total", "count"), 2);
    assert_int_equal(count(f, id, "2025-09-30", "total", "count"), 2);
    assert_int_equal(count(f, id, "2025-10-31", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-01-31", "total", "count"), 2);
    assert_int_equal(count(f, id, "2026-02-28", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-03-31", "total", "count"), 2);
    assert_int_equal(count(f, id, "2026-09-30", "total", "count"), 2);
    assert_null(find_row(f, id, "2025-11-30", "total", "count"));
    assert_null(find_row(f, id, "2026-09-30", "total", "mean"));
    static const char *const head[] = {
        "2026-10-31|total|count",
        "2026-10-31|total|placement_cases",
        "2026-10-31|total|other_cases",
        "2026-10-31|total|mean",
        "2026-10-31|total|min",
        "2026-10-31|total|max",
        "2026-10-31|caseworker=SB_A|count",
        "2026-10-31|caseworker=SB_A|placement_cases",
        "2026-10-31|caseworker=SB_A|other_cases",
        "2026-10-31|caseworker=SB_B|count",
        "2026-10-31|caseworker=SB_B|placement_cases",
        "2026-10-31|caseworker=SB_B|other_cases",
        "2025-01-31|total|count",
    };
    static char got[64][128];
    size_t n = rows_of(f, id, got, 64);
    assert_int_equal(n, 13 + 18); /* the stock, then 19 month ends */
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        assert_string_equal(got[i], head[i]);
    assert_string_equal(got[n - 1], "2026-09-30|total|count");
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_cases_per_caseworker_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("cases_per_caseworker", &ds);
    /* The measure's caseworker SB1 counts with 0 open cases. */
    assert_int_equal(count(f, "cases_per_caseworker", DAY, "total", "count"),
                     0);
    assert_int_equal(count(f, "cases_per_caseworker", DAY, "total", "min"), 0);
    assert_true(row_real(f, "cases_per_caseworker", DAY, "total", "mean") ==
                0.0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases_per_caseworker),
        cmocka_unit_test(test_cases_per_caseworker_series),
        cmocka_unit_test(test_cases_per_caseworker_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
