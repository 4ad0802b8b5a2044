/* test_outcomes.c - school_absence and goal_attainment (SPEC §5, §3.7) on
 * a small hand-made dataset. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})
#define EPS 1e-9

static void add_outcome(kpi_dataset *ds, const char *child, const char *date,
                        kpi_indicator ind, const char *parameter, double value)
{
    kpi_outcome_row *o = KPI_ARRAY_PUSH(ds->alloc, &ds->outcomes);
    assert_non_null(o);
    ds->present[KPI_FILE_OUTCOMES] = true;
    assert_int_equal(
        kpi_symtab_intern(ds->syms, child, strlen(child), &o->child, NULL),
        KPI_OK);
    if (parameter)
        assert_int_equal(kpi_symtab_intern(ds->syms, parameter,
                                           strlen(parameter), &o->parameter,
                                           NULL),
                         KPI_OK);
    o->date = D(date);
    o->indicator = (uint8_t)ind;
    o->value = value;
    o->line = (uint32_t)ds->outcomes.count + 1; /* file order */
}

#define ABS(child, date, v)                                                    \
    add_outcome(ds, child, date, KPI_INDICATOR_SCHOOL_ABSENCE, NULL, v)
#define GOAL(child, date, v)                                                   \
    add_outcome(ds, child, date, KPI_INDICATOR_GOAL, "Mål", v)
#define FUN(child, date, param, v)                                             \
    add_outcome(ds, child, date, KPI_INDICATOR_FUNCTION, param, v)

/*
 * Report month 2026-10, D = 2026-10-31, to date 2026-01-01..2026-10-31.
 *
 * The children (measures decide status, target group and birth date):
 * K1 born 2012-06-15 (14 in 2026 from June, 13 before), social:
 *    opholdssted from 2026-01-01: placed all of 2026.
 * K2 born 2016-03-01 (10 in 2026 from March), handicap:
 *    stoette_i_hjemmet from 2025-06-01 (preventive) and
 *    almen_plejefamilie from 2026-10-10: preventive until 10-09,
 *    placed from 10-10 (placement preferred over the preventive measure).
 * K3 born 2009-01-01 (17 in 2026), social: familiebehandling
 *    2026-01-01..2026-09-30: no status in October; target group from the
 *    latest measure started before (social). A cancelled handicap grant
 *    from 2026-10-01 counts for nothing (else K3 would be handicap in
 *    October).
 * K4 has no measure at all: no status, target or age; total only.
 * K5 born 2014-05-05 (12 in 2026 from May), handicap: kontaktperson
 *    2026-10-01..2026-09-30 (cancelled: nothing) and dagtilbud from
 *    2026-02-01 (preventive).
 */
static kpi_dataset *fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.child = "K1", .birth = "2012-06-15", .type = "opholdssted",
      .start = "2026-01-01", .price = "50.000");
    P(.child = "K2", .birth = "2016-03-01", .target_group = "handicap",
      .type = "stoette_i_hjemmet", .start = "2025-06-01", .price = "5.000");
    P(.child = "K2", .birth = "2016-03-01", .target_group = "handicap",
      .type = "almen_plejefamilie", .start = "2026-10-10", .price = "30.000");
    P(.child = "K3", .birth = "2009-01-01", .type = "familiebehandling",
      .start = "2026-01-01", .end = "2026-09-30", .price = "5.000");
    P(.child = "K3", .birth = "2009-01-01", .target_group = "handicap",
      .type = "kontaktperson", .start = "2026-10-01", .end = "2026-09-30",
      .price = "5.000");
    P(.child = "K5", .birth = "2014-05-05", .target_group = "handicap",
      .type = "kontaktperson", .start = "2026-10-01", .end = "2026-09-30",
      .price = "5.000");
    P(.child = "K5", .birth = "2014-05-05", .target_group = "handicap",
      .type = "dagtilbud", .start = "2026-02-01", .price = "3.000");
    return ds;
}

/* ---- school_absence --- */

/*
 * Absence rows (percent):
 * K1 2025-10-10 8, 2026-03-01 70, 2026-10-05 10, 2026-10-20 30,
 *    2026-11-02 99 (after D: never used)
 * K2 2026-10-05 50 (preventive), 2026-10-31 20 (on D, placed)
 * K3 2026-10-15 40 then 2026-10-15 60: same day, the later line wins: 60
 * K4 2026-10-20 5
 * K5 2025-12-31 90 (in no period of the report), 2026-09-15 12
 *
 * M = 2026-10, latest per child: K1 30 (placed, 14: 12-14), K2 20
 * (placed on D, 10: 6-11), K3 60 (no status, 17: 15-17), K4 5 (total
 * only). mean (30 + 20 + 60 + 5) / 4 = 28.75, count 4.
 * status=placed: K1, K2: (30 + 20) / 2 = 25, count 2; no preventive row.
 * age 6-11: 20 (1), 12-14: 30 (1), 15-17: 60 (1).
 *
 * To date adds K5 12 (2026-09-15: preventive, 12: 12-14):
 * mean (30 + 20 + 60 + 5 + 12) / 5 = 127 / 5 = 25.4, count 5.
 * placed 25 (2), preventive 12 (1); 6-11: 20 (1), 12-14: (30 + 12) / 2
 * = 21 (2), 15-17: 60 (1).
 *
 * Series (totals only): 2025-10: K1 8 -> 8 (1); 2026-03: K1 70 (1);
 * 2026-09: K5 12 (1); every other month count 0 and no mean.
 */
static void add_absence(kpi_dataset *ds)
{
    ABS("K1", "2025-10-10", 8);
    ABS("K1", "2026-03-01", 70);
    ABS("K1", "2026-10-05", 10);
    ABS("K1", "2026-10-20", 30);
    ABS("K1", "2026-11-02", 99);
    ABS("K2", "2026-10-05", 50);
    ABS("K2", "2026-10-31", 20);
    ABS("K3", "2026-10-15", 40);
    ABS("K3", "2026-10-15", 60);
    ABS("K4", "2026-10-20", 5);
    ABS("K5", "2025-12-31", 90);
    ABS("K5", "2026-09-15", 12);
}

static const char SA[] = "school_absence";

static void test_absence_month(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    add_absence(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *m = "2026-10";
    assert_float_equal(row_real(f, SA, m, "total", "mean"), 28.75, EPS);
    assert_int_equal(row_count(f, SA, m, "total", "count"), 4);
    assert_float_equal(row_real(f, SA, m, "status=placed", "mean"), 25, EPS);
    assert_int_equal(row_count(f, SA, m, "status=placed", "count"), 2);
    assert_null(find_row(f, SA, m, "status=preventive", "count"));
    assert_null(find_row(f, SA, m, "status=preventive", "mean"));
    assert_float_equal(row_real(f, SA, m, "age_group=6-11", "mean"), 20, EPS);
    assert_float_equal(row_real(f, SA, m, "age_group=12-14", "mean"), 30, EPS);
    assert_float_equal(row_real(f, SA, m, "age_group=15-17", "mean"), 60, EPS);
    assert_int_equal(row_count(f, SA, m, "age_group=15-17", "count"), 1);
    assert_null(find_row(f, SA, m, "age_group=0-5", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_absence_to_date(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    add_absence(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *p = "2026-01..2026-10";
    assert_float_equal(row_real(f, SA, p, "total", "mean"), 25.4, EPS);
    assert_int_equal(row_count(f, SA, p, "total", "count"), 5);
    assert_float_equal(row_real(f, SA, p, "status=placed", "mean"), 25, EPS);
    assert_float_equal(row_real(f, SA, p, "status=preventive", "mean"), 12,
                       EPS);
    assert_int_equal(row_count(f, SA, p, "status=preventive", "count"), 1);
    assert_float_equal(row_real(f, SA, p, "age_group=12-14", "mean"), 21, EPS);
    assert_int_equal(row_count(f, SA, p, "age_group=12-14", "count"), 2);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_absence_series_and_order(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    add_absence(ds);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_float_equal(row_real(f, SA, "2025-10", "total", "mean"), 8, EPS);
    assert_float_equal(row_real(f, SA, "2026-03", "total", "mean"), 70, EPS);
    assert_float_equal(row_real(f, SA, "2026-09", "total", "mean"), 12, EPS);
    assert_int_equal(row_count(f, SA, "2026-02", "total", "count"), 0);
    assert_null(find_row(f, SA, "2026-02", "total", "mean"));
    /* 2025-12 is not in the series (January..October only). */
    assert_null(find_row(f, SA, "2025-12", "total", "count"));
    /* Series are totals only. */
    assert_null(find_row(f, SA, "2026-09", "status=preventive", "count"));

    /* Order: M (10 rows: total 2, placed 2, three age groups 2 each),
     * to date (12 rows: total, placed, preventive, three age groups),
     * then 2025-01..2025-10 and 2026-01..2026-09 ascending: 19 periods,
     * one count row each plus a mean in 2025-10, 2026-03 and 2026-09:
     * 22 rows. 44 in all. */
    static const char *const expect[] = {
        "2026-10", "2026-01..2026-10", "2025-01", "2025-02", "2025-03",
        "2025-04", "2025-05",          "2025-06", "2025-07", "2025-08",
        "2025-09", "2025-10",          "2026-01", "2026-02", "2026-03",
        "2026-04", "2026-05",          "2026-06", "2026-07", "2026-08",
        "2026-09"};
    size_t k = 0, n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, SA) != 0)
            continue;
        n++;
        if (strcmp(r->period, expect[k]) != 0) {
            k++;
            assert_true(k < sizeof expect / sizeof expect[0]);
            assert_string_equal(r->period, expect[k]);
            assert_null(r->dimension); /* each period starts with its total */
        }
    }
    assert_int_equal(k, sizeof expect / sizeof expect[0] - 1);
    assert_int_equal(n, 44);

    /* Within M: total, status, then age groups youngest first. */
    const kpi_row *r0 = NULL;
    for (size_t i = 0; i < kpi_figures_row_count(f) && !r0; i++)
        if (strcmp(kpi_figures_row(f, i)->kpi_id, SA) == 0)
            r0 = kpi_figures_row(f, i);
    assert_non_null(r0);
    static const char *const dims[] = {
        NULL,        NULL,        "status",    "status",    "age_group",
        "age_group", "age_group", "age_group", "age_group", "age_group"};
    static const char *const members[] = {NULL,    NULL,   "placed", "placed",
                                          "6-11",  "6-11", "12-14",  "12-14",
                                          "15-17", "15-17"};
    for (size_t i = 0; i < 10; i++) {
        const kpi_row *r = r0 + i;
        if (dims[i]) {
            assert_string_equal(r->dimension, dims[i]);
            assert_string_equal(r->member, members[i]);
        } else {
            assert_null(r->dimension);
        }
    }
    assert_string_equal(r0[0].stat, "mean");
    assert_string_equal(r0[1].stat, "count");
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

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

static const char GA[] = "goal_attainment";

static void test_goals(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
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

static void test_function_scores(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
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
    kpi_dataset *ds = fixture();
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

/* Without outcomes.csv neither figure is available: no rows at all. */
static void test_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        assert_string_not_equal(r->kpi_id, SA);
        assert_string_not_equal(r->kpi_id, GA);
    }
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* outcomes.csv present but empty: both figures are available with count
 * 0 totals (zero children assessed is a fact, not a gap). */
static void test_empty_outcomes(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    ds->present[KPI_FILE_OUTCOMES] = true;
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_count(f, SA, "2026-10", "total", "count"), 0);
    assert_null(find_row(f, SA, "2026-10", "total", "mean"));
    assert_int_equal(row_count(f, GA, "2026-10-31", "total", "count"), 0);
    assert_int_equal(row_count(f, GA, "2026-01..2026-10", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absence_month),
        cmocka_unit_test(test_absence_to_date),
        cmocka_unit_test(test_absence_series_and_order),
        cmocka_unit_test(test_goals),
        cmocka_unit_test(test_function_scores),
        cmocka_unit_test(test_goal_order),
        cmocka_unit_test(test_not_available),
        cmocka_unit_test(test_empty_outcomes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
