/* test_goal_attainment.c - the key figure goal_attainment (SPEC §5) from
 * outcomes.csv (SPEC §3.7), on outcomes_fixture (fixtures.c). */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9
#define GOAL(child, date, v)                                                   \
    add_outcome(ds, child, date, KPI_INDICATOR_GOAL, "Mål", v)
#define FUN(child, date, param, v)                                             \
    add_outcome(ds, child, date, KPI_INDICATOR_FUNCTION, param, v)
static const char GA[] = "goal_attainment";

/* ---- goal_attainment: goals --- */

/*
 * Goal rows (1 met, 0.5 partly, 0 not met):
 * K1 2026-03-15 0; 2026-10-20 1 and 0.5       (placed, social)
 * K2 2026-10-05 0 (preventive), 2026-10-20 0.5 (placed; handicap)
 * K3 2026-10-15 1                              (no status, social)
 * K4 2026-10-20 0                              (total only)
 * K5 2026-06-01 0.5                            (preventive, handicap)
 *
 * M: 1, 0.5, 0, 0.5, 1, 0: share 3 / 6 = 0.5, count 6.
 *   placed: K1 1, 0.5, K2 0.5: 2 / 3; preventive: K2 0: 0 (1)
 *   handicap: K2 0, 0.5: 0.25 (2); social: K1 1, 0.5, K3 1: 2.5 / 3.
 * To date adds K1 0 (March) and K5 0.5 (June): 3.5 / 8 = 0.4375, count 8.
 *   placed: 1, 0.5, 0, 0.5: 0.5 (4); preventive: 0, 0.5: 0.25 (2)
 *   handicap: 0, 0.5, 0.5: 1 / 3 (3); social: 1, 0.5, 0, 1: 0.625 (4).
 * Series: 2026-03: 0 (1); 2026-06: 0.5 (1); 2025-xx: count 0, no share.
 */
static void add_goals(kpi_dataset *ds)
{
    GOAL("K1", "2026-03-15", 0);
    GOAL("K1", "2026-10-20", 1);
    GOAL("K1", "2026-10-20", 0.5);
    GOAL("K2", "2026-10-05", 0);
    GOAL("K2", "2026-10-20", 0.5);
    GOAL("K3", "2026-10-15", 1);
    GOAL("K4", "2026-10-20", 0);
    GOAL("K5", "2026-06-01", 0.5);
}

/* ---- goal_attainment: function scores --- */

/*
 * Scores 0-4, 0 = no difficulties (lower is better):
 * K1 Skole 2026-01-10 3, 2026-07-10 2, 2026-10-31 1 (on D): 3 -> 1
 *    improved; on 10-31 placed, social.
 * K1 Sundhed 2026-02-01 2: assessed once, no pair.
 * K2 Skole 2025-06-10 1, 2026-10-20 3: declined; placed on 10-20,
 *    handicap.
 * K2 Fritid 2025-06-10 2, 2026-09-01 2: maintained; preventive on 09-01.
 * K3 Skole 2026-10-15 2 and 2026-10-15 3: one day, one assessment: no pair.
 * K3 Familie 2026-03-01 4 then 2026-03-01 3 (the later line wins: 3),
 *    2026-10-15 3: maintained (it would be improved if the first line
 *    counted); no status on 10-15, social.
 * K4 Skole 2026-01-01 2, 2026-05-01 1: improved; total only.
 * K5 Skole 2026-10-01 3, 2026-11-15 0: the second is after D: no pair.
 *
 * On D, 5 pairs: improved K1 Skole, K4 Skole (2 / 5 = 0.4); maintained
 * K2 Fritid, K3 Familie (0.4); declined K2 Skole (0.2).
 *   placed: K1 Skole improved, K2 Skole declined: 0.5 / 0 / 0.5 (2)
 *   preventive: K2 Fritid: 0 / 1 / 0 (1)
 *   handicap: K2 Skole, K2 Fritid: 0 / 0.5 / 0.5 (2)
 *   social: K1 Skole, K3 Familie: 0.5 / 0.5 / 0 (2)
 * Month ends (totals):
 *   2026-09-30: K1 Skole (3 -> 2) improved, K2 Fritid maintained, K4
 *     improved: 2/3, 1/3, 0 (3).
 *   2026-05-31: K4 only (K1 Skole has one score by then): improved 1 (1).
 *   2026-04-30: K4 has one score: count 0.
 *   2025-10-31: K2's scores are all on 2025-06-10: count 0.
 */
static void add_scores(kpi_dataset *ds)
{
    FUN("K1", "2026-01-10", "Skole", 3);
    FUN("K1", "2026-07-10", "Skole", 2);
    FUN("K1", "2026-10-31", "Skole", 1);
    FUN("K1", "2026-02-01", "Sundhed", 2);
    FUN("K2", "2025-06-10", "Skole", 1);
    FUN("K2", "2026-10-20", "Skole", 3);
    FUN("K2", "2025-06-10", "Fritid", 2);
    FUN("K2", "2026-09-01", "Fritid", 2);
    FUN("K3", "2026-10-15", "Skole", 2);
    FUN("K3", "2026-10-15", "Skole", 3);
    FUN("K3", "2026-03-01", "Familie", 4);
    FUN("K3", "2026-03-01", "Familie", 3);
    FUN("K3", "2026-10-15", "Familie", 3);
    FUN("K4", "2026-01-01", "Skole", 2);
    FUN("K4", "2026-05-01", "Skole", 1);
    FUN("K5", "2026-10-01", "Skole", 3);
    FUN("K5", "2026-11-15", "Skole", 0);
}

static void assert_trend(const kpi_figures *f, const char *period,
                         const char *breakdown, double improved,
                         double maintained, double declined, int64_t count)
{
    assert_float_equal(row_real(f, GA, period, breakdown, "improved"), improved,
                       EPS);
    assert_float_equal(row_real(f, GA, period, breakdown, "maintained"),
                       maintained, EPS);
    assert_float_equal(row_real(f, GA, period, breakdown, "declined"), declined,
                       EPS);
    assert_int_equal(row_count(f, GA, period, breakdown, "count"), count);
}

static void test_goals(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    add_goals(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *m = "2026-10", *p = "2026-01..2026-10";
    assert_float_equal(row_real(f, GA, m, "total", "share"), 0.5, EPS);
    assert_int_equal(row_count(f, GA, m, "total", "count"), 6);
    assert_float_equal(row_real(f, GA, m, "status=placed", "share"), 2.0 / 3.0,
                       EPS);
    assert_float_equal(row_real(f, GA, m, "status=preventive", "share"), 0,
                       EPS);
    assert_int_equal(row_count(f, GA, m, "status=preventive", "count"), 1);
    assert_float_equal(row_real(f, GA, m, "target_group=handicap", "share"),
                       0.25, EPS);
    assert_float_equal(row_real(f, GA, m, "target_group=social", "share"),
                       2.5 / 3.0, EPS);
    assert_int_equal(row_count(f, GA, m, "target_group=social", "count"), 3);

    assert_float_equal(row_real(f, GA, p, "total", "share"), 0.4375, EPS);
    assert_int_equal(row_count(f, GA, p, "total", "count"), 8);
    assert_float_equal(row_real(f, GA, p, "status=placed", "share"), 0.5, EPS);
    assert_float_equal(row_real(f, GA, p, "status=preventive", "share"), 0.25,
                       EPS);
    assert_float_equal(row_real(f, GA, p, "target_group=handicap", "share"),
                       1.0 / 3.0, EPS);
    assert_float_equal(row_real(f, GA, p, "target_group=social", "share"),
                       0.625, EPS);

    assert_float_equal(row_real(f, GA, "2026-03", "total", "share"), 0, EPS);
    assert_int_equal(row_count(f, GA, "2026-03", "total", "count"), 1);
    assert_float_equal(row_real(f, GA, "2026-06", "total", "share"), 0.5, EPS);
    assert_int_equal(row_count(f, GA, "2025-06", "total", "count"), 0);
    assert_null(find_row(f, GA, "2025-06", "total", "share"));
    /* No function scores: count 0 on D, no shares. */
    assert_int_equal(row_count(f, GA, "2026-10-31", "total", "count"), 0);
    assert_null(find_row(f, GA, "2026-10-31", "total", "improved"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_function_scores(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    add_scores(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *d = "2026-10-31";
    assert_trend(f, d, "total", 0.4, 0.4, 0.2, 5);
    assert_trend(f, d, "status=placed", 0.5, 0, 0.5, 2);
    assert_trend(f, d, "status=preventive", 0, 1, 0, 1);
    assert_trend(f, d, "target_group=handicap", 0, 0.5, 0.5, 2);
    assert_trend(f, d, "target_group=social", 0.5, 0.5, 0, 2);

    assert_trend(f, "2026-09-30", "total", 2.0 / 3.0, 1.0 / 3.0, 0, 3);
    assert_trend(f, "2026-05-31", "total", 1, 0, 0, 1);
    assert_int_equal(row_count(f, GA, "2026-04-30", "total", "count"), 0);
    assert_null(find_row(f, GA, "2026-04-30", "total", "improved"));
    assert_int_equal(row_count(f, GA, "2025-10-31", "total", "count"), 0);
    assert_null(find_row(f, GA, "2026-09-30", "status=placed", "count"));
    /* No goals: the goal periods carry count 0 and no share. */
    assert_int_equal(row_count(f, GA, "2026-10", "total", "count"), 0);
    assert_null(find_row(f, GA, "2026-10", "total", "share"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The order of goal_attainment's periods: M, to date, D, then the series
 * ascending with each month before its month end. */
static void test_goal_order(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    add_goals(ds);
    add_scores(ds);
    kpi_figures *f = support_compute(ds, "2026-03");
    static const char *const expect[] = {
        "2026-03",    "2026-01..2026-03", "2026-03-31", "2025-01",
        "2025-01-31", "2025-02",          "2025-02-28", "2025-03",
        "2025-03-31", "2026-01",          "2026-01-31", "2026-02",
        "2026-02-28"};
    size_t k = 0;
    bool seen = false;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, GA) != 0)
            continue;
        if (seen && strcmp(r->period, expect[k]) != 0) {
            k++;
            assert_true(k < sizeof expect / sizeof expect[0]);
        }
        seen = true;
        assert_string_equal(r->period, expect[k]);
    }
    assert_int_equal(k, sizeof expect / sizeof expect[0] - 1);
    /* March 2026: K1's goal 0 (placed, social): share 0, count 1; on
     * 2026-03-31 K3 Familie has one day only and K1 Skole one score: no
     * pair; K4 Skole one score: count 0. */
    assert_int_equal(row_count(f, GA, "2026-03", "total", "count"), 1);
    assert_int_equal(row_count(f, GA, "2026-03", "status=placed", "count"), 1);
    assert_int_equal(row_count(f, GA, "2026-03-31", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without outcomes.csv goal_attainment is not available: no rows at all. */
static void test_goals_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        assert_string_not_equal(r->kpi_id, GA);
    }
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* outcomes.csv present but empty: goal_attainment is available with
 * count 0 totals. */
static void test_goals_empty_outcomes(void **state)
{
    (void)state;
    kpi_dataset *ds = outcomes_fixture();
    ds->present[KPI_FILE_OUTCOMES] = true;
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_count(f, GA, "2026-10-31", "total", "count"), 0);
    assert_int_equal(row_count(f, GA, "2026-01..2026-10", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_goals),
        cmocka_unit_test(test_function_scores),
        cmocka_unit_test(test_goal_order),
        cmocka_unit_test(test_goals_not_available),
        cmocka_unit_test(test_goals_empty_outcomes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
