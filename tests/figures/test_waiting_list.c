/* test_waiting_list.c - waiting_list (SPEC §5, §3.6) on a small
 * hand-made waiting list. Report month 2026-10, D = 2026-10-31. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const DAY = "2026-10-31";

static kpi_sym sym(kpi_dataset *ds, const char *s)
{
    kpi_sym out;
    assert_int_equal(kpi_symtab_intern(ds->syms, s, strlen(s), &out, NULL),
                     KPI_OK);
    return out;
}

/* Adds a waiting-list row; started may be NULL (still waiting). */
static void add_wait(kpi_dataset *ds, const char *child, const char *birth,
                     const char *target, const char *type, const char *listed,
                     const char *started)
{
    kpi_wait *w = KPI_ARRAY_PUSH(ds->alloc, &ds->waitlist);
    assert_non_null(w);
    ds->present[KPI_FILE_WAITLIST] = true;
    w->child = sym(ds, child);
    w->birth = D(birth);
    w->target_group = strcmp(target, "handicap") == 0 ? KPI_TARGET_HANDICAP
                                                      : KPI_TARGET_SOCIAL;
    int t = kpi_config_find_type(ds->config, type, strlen(type));
    assert_true(t >= 0);
    w->type = (uint16_t)t;
    w->listed = D(listed);
    w->started = started ? D(started) : KPI_DATE_NONE;
    w->line = (uint32_t)ds->waitlist.count + 1;
}

/*
 * A social, born 2012-06-15 (14 on D): kontaktperson listed 2026-09-01
 *   and familiebehandling listed 2026-10-01, both waiting. One child:
 *   counted once in the total (with its earliest listing, D - 09-01 = 60
 *   days), once in each type (kontaktperson 60, familiebehandling 30).
 * B handicap, born 2020-01-01: dagtilbud listed 2026-08-15, started on D
 *   itself: not waiting on D (it has begun).
 * C handicap, born 2022-03-01 (4 on D): dagtilbud listed on D: waiting,
 *   0 days.
 * E social, born 2010-01-01 (16 on D): familiebehandling listed
 *   2026-05-01, started 2026-11-15 (after D): waiting, D - 05-01 = 31 + 30
 *   + 31 + 31 + 30 + 30 = 183 days.
 * F social: listed 2026-11-02, after D: not waiting.
 * G social: listed 2025-12-01, started 2026-03-01: only in the series.
 */
static kpi_dataset *fixture(void)
{
    kpi_dataset *ds = support_dataset();
    add_wait(ds, "A", "2012-06-15", "social", "kontaktperson", "2026-09-01",
             NULL);
    add_wait(ds, "A", "2012-06-15", "social", "familiebehandling", "2026-10-01",
             NULL);
    add_wait(ds, "B", "2020-01-01", "handicap", "dagtilbud", "2026-08-15",
             "2026-10-31");
    add_wait(ds, "C", "2022-03-01", "handicap", "dagtilbud", "2026-10-31",
             NULL);
    add_wait(ds, "E", "2010-01-01", "social", "familiebehandling", "2026-05-01",
             "2026-11-15");
    add_wait(ds, "F", "2015-01-01", "social", "dagtilbud", "2026-11-02", NULL);
    add_wait(ds, "G", "2015-01-01", "social", "kontaktperson", "2025-12-01",
             "2026-03-01");
    return ds;
}

/* On D: A, C, E = 3 children (A once, not twice); mean (60 + 0 + 183) / 3
 * = 81. measure_type: dagtilbud C 1 (0 days); familiebehandling A 30 and
 * E 183: 2, mean 106.5; kontaktperson A 1 (60). target_group: handicap C
 * 1 (0); social A 60 and E 183: 2, mean 121.5. age_group: 0-5 C (0),
 * 12-14 A (60), 15-17 E (183); none 6-11 (B has started). */
static void test_waiting_on_d(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "waiting_list";
    assert_int_equal(row_count(f, id, DAY, "total", "count"), 3);
    assert_float_equal(row_real(f, id, DAY, "total", "mean_days"), 81.0, 1e-9);
    assert_int_equal(row_count(f, id, DAY, "measure_type=dagtilbud", "count"),
                     1);
    assert_float_equal(
        row_real(f, id, DAY, "measure_type=dagtilbud", "mean_days"), 0.0, 1e-9);
    assert_int_equal(
        row_count(f, id, DAY, "measure_type=familiebehandling", "count"), 2);
    assert_float_equal(
        row_real(f, id, DAY, "measure_type=familiebehandling", "mean_days"),
        106.5, 1e-9);
    assert_int_equal(
        row_count(f, id, DAY, "measure_type=kontaktperson", "count"), 1);
    assert_float_equal(
        row_real(f, id, DAY, "measure_type=kontaktperson", "mean_days"), 60.0,
        1e-9);
    assert_int_equal(row_count(f, id, DAY, "target_group=handicap", "count"),
                     1);
    assert_float_equal(
        row_real(f, id, DAY, "target_group=handicap", "mean_days"), 0.0, 1e-9);
    assert_int_equal(row_count(f, id, DAY, "target_group=social", "count"), 2);
    assert_float_equal(row_real(f, id, DAY, "target_group=social", "mean_days"),
                       121.5, 1e-9);
    assert_int_equal(row_count(f, id, DAY, "age_group=0-5", "count"), 1);
    assert_float_equal(row_real(f, id, DAY, "age_group=12-14", "mean_days"),
                       60.0, 1e-9);
    assert_float_equal(row_real(f, id, DAY, "age_group=15-17", "mean_days"),
                       183.0, 1e-9);
    assert_null(find_row(f, id, DAY, "age_group=6-11", "count"));
    /* A stock: no month or to-date rows. */
    assert_null(find_row(f, id, "2026-10", "total", "count"));
    assert_null(find_row(f, id, "2026-01..2026-10", "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The rows of D in export order: each member's count then mean_days;
 * types bytewise, target groups bytewise, age groups youngest first. */
static void test_row_order(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    static const char *const members[] = {
        "total",
        "measure_type=dagtilbud",
        "measure_type=familiebehandling",
        "measure_type=kontaktperson",
        "target_group=handicap",
        "target_group=social",
        "age_group=0-5",
        "age_group=12-14",
        "age_group=15-17",
    };
    size_t n_members = sizeof members / sizeof *members;
    size_t k = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, "waiting_list") != 0 ||
            strcmp(r->period, DAY) != 0)
            continue;
        assert_true(k < 2 * n_members);
        char got[128], want[128];
        if (r->dimension)
            snprintf(got, sizeof got, "%s=%s|%s", r->dimension, r->member,
                     r->stat);
        else
            snprintf(got, sizeof got, "total|%s", r->stat);
        snprintf(want, sizeof want, "%s|%s", members[k / 2],
                 k % 2 ? "mean_days" : "count");
        assert_string_equal(got, want);
        k++;
    }
    assert_int_equal(k, 2 * n_members);
    /* The D rows come before the series. */
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, "waiting_list") == 0) {
            assert_string_equal(r->period, DAY);
            break;
        }
    }
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The series of distinct children waiting at each month end, totals only:
 * 2025-01-31..2025-10-31: 0 (G is listed in December 2025).
 * 2026-01-31, 02-28: G = 1; 03-31: G started 03-01: 0; 04-30: 0;
 * 05-31, 06-30, 07-31: E = 1; 08-31: E, B = 2; 09-30: E, B, A = 3 (A's
 * second listing is from 10-01). D is written once, as the stock row. */
static void test_series(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "waiting_list";
    static const char *const ends[] = {
        "2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30", "2025-05-31",
        "2025-06-30", "2025-07-31", "2025-08-31", "2025-09-30", "2025-10-31",
        "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
        "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30",
    };
    static const int64_t want[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                   1, 1, 0, 0, 1, 1, 1, 2, 3};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        assert_int_equal(row_count(f, id, ends[i], "total", "count"), want[i]);
        assert_null(find_row(f, id, ends[i], "total", "mean_days"));
        assert_null(find_row(f, id, ends[i], "target_group=social", "count"));
    }
    assert_null(find_row(f, id, "2025-11-30", "total", "count"));
    size_t totals = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, id) == 0 && !r->dimension &&
            strcmp(r->stat, "count") == 0)
            totals++;
    }
    assert_int_equal(totals, 20); /* D + 19 month ends */
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A child listed twice for the same type (a re-registration) counts once
 * in that type, with its earliest listing still waiting: listed 2026-10-01
 * (30 days) and 2026-10-21 (10 days): count 1, mean 30. */
static void test_same_type_twice(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_wait(ds, "A", "2012-06-15", "social", "kontaktperson", "2026-10-21",
             NULL);
    add_wait(ds, "A", "2012-06-15", "social", "kontaktperson", "2026-10-01",
             NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_count(f, "waiting_list", DAY, "total", "count"), 1);
    assert_float_equal(row_real(f, "waiting_list", DAY, "total", "mean_days"),
                       30.0, 1e-9);
    assert_int_equal(row_count(f, "waiting_list", DAY,
                               "measure_type=kontaktperson", "count"),
                     1);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without waitlist.csv the figure is not available: no rows at all. With
 * the file present but nobody waiting: count 0, no mean. */
static void test_not_available_and_empty(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    for (size_t i = 0; i < kpi_figures_row_count(f); i++)
        assert_string_not_equal(kpi_figures_row(f, i)->kpi_id, "waiting_list");
    kpi_figures_free(f);

    add_wait(ds, "F", "2015-01-01", "social", "dagtilbud", "2026-11-02", NULL);
    f = support_compute(ds, "2026-10");
    assert_int_equal(row_count(f, "waiting_list", DAY, "total", "count"), 0);
    assert_null(find_row(f, "waiting_list", DAY, "total", "mean_days"));
    assert_null(
        find_row(f, "waiting_list", DAY, "measure_type=dagtilbud", "count"));
    assert_int_equal(
        row_count(f, "waiting_list", "2026-09-30", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_waiting_on_d),
        cmocka_unit_test(test_row_order),
        cmocka_unit_test(test_series),
        cmocka_unit_test(test_same_type_twice),
        cmocka_unit_test(test_not_available_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
