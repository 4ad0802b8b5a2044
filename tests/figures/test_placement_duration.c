/* test_placement_duration.c - the key figure placement_duration (SPEC §5) on
 * small hand-made datasets. Report month 2026-10: D = 2026-10-31, to date =
 * 2026-01-01..2026-10-31. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})
static const char *const TO_DATE = "2026-01..2026-10";
static const char *const DAY = "2026-10-31";

/*
 * Placement spells (days = end - start + 1, inclusive):
 * A social   opholdssted 2025-11-01..2026-02-15: crosses the year, ended
 *            in 2026 with its whole length: Nov 30 + Dec 31 + Jan 31 +
 *            Feb 15 = 107 (short: < 183).
 * B handicap almen_plejefamilie 2026-03-01..03-31, then doegninstitution
 *            2026-04-01..06-30: chained (next day), ONE spell
 *            03-01..06-30 = 31 + 30 + 31 + 30 = 122 (short), ended in June
 *            (not March).
 * C social   doegninstitution 2024-01-01..2026-10-31: ends on D, so it is
 *            ended (not ongoing): 366 (2024) + 365 + 304 (Jan..Oct 2026) =
 *            1035.
 * E social   opholdssted 2026-01-10..2026-09-30: 22 + 28 + 31 + 30 + 31 +
 *            30 + 31 + 31 + 30 = 264.
 * K social   opholdssted 2025-03-01..2025-05-31: ended in Y-1, only in the
 *            series (2025-05).
 * F social   opholdssted 2026-09-01..2026-12-31: ends after D, ongoing,
 *            so far Sep 30 + Oct 31 = 61.
 * G handicap opholdssted from 2020-07-01, open: ongoing, so far 184 (Jul..
 *            Dec 2020) + 4 * 365 + 366 (2024) + 304 = 2314.
 * H social   kostskole 2026-10-01..10-20, then almen_plejefamilie from
 *            10-21 open: one spell from 10-01, ongoing, 31 days.
 * I social   opholdssted from 2026-11-05: not begun on D: nothing.
 * J social   opholdssted 2026-10-10..2026-10-09: a cancelled grant: nothing.
 * L social   familiebehandling (preventive) 2026-02-01..2026-05-31: not a
 *            placement: nothing here.
 */
static kpi_dataset *spell_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.child = "A", .type = "opholdssted", .start = "2025-11-01",
      .end = "2026-02-15", .price = "1");
    P(.child = "B", .target_group = "handicap", .type = "almen_plejefamilie",
      .start = "2026-03-01", .end = "2026-03-31", .price = "1");
    P(.child = "B", .target_group = "handicap", .type = "doegninstitution",
      .start = "2026-04-01", .end = "2026-06-30", .price = "1");
    P(.child = "C", .type = "doegninstitution", .start = "2024-01-01",
      .end = "2026-10-31", .price = "1");
    P(.child = "E", .type = "opholdssted", .start = "2026-01-10",
      .end = "2026-09-30", .price = "1");
    P(.child = "K", .type = "opholdssted", .start = "2025-03-01",
      .end = "2025-05-31", .price = "1");
    P(.child = "F", .type = "opholdssted", .start = "2026-09-01",
      .end = "2026-12-31", .price = "1");
    P(.child = "G", .target_group = "handicap", .type = "opholdssted",
      .start = "2020-07-01", .price = "1");
    P(.child = "H", .type = "kostskole", .start = "2026-10-01",
      .end = "2026-10-20", .price = "1");
    P(.child = "H", .type = "almen_plejefamilie", .start = "2026-10-21",
      .price = "1");
    P(.child = "I", .type = "opholdssted", .start = "2026-11-05", .price = "1");
    P(.child = "J", .type = "opholdssted", .start = "2026-10-10",
      .end = "2026-10-09", .price = "1");
    P(.child = "L", .type = "familiebehandling", .start = "2026-02-01",
      .end = "2026-05-31", .price = "1");
    return ds;
}

/* Ended to date: A 107, B 122, C 1035, E 264 (K ended in 2025).
 * Sorted 107 122 264 1035: count 4, mean 1528 / 4 = 382, median of an
 * even count = (122 + 264) / 2 = 193, min 107, max 1035, short 2 (A, B).
 * handicap: B only: 1, 122, 122, 122, 122, short 1.
 * social: 107 264 1035: 3, mean 1406 / 3 = 468.67, median 264, min 107,
 * max 1035, short 1. */
static void test_ended_to_date(void **state)
{
    (void)state;
    kpi_dataset *ds = spell_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placement_duration";
    assert_int_equal(row_count(f, id, TO_DATE, "total", "count"), 4);
    assert_float_equal(row_real(f, id, TO_DATE, "total", "mean_days"), 382.0,
                       1e-9);
    assert_float_equal(row_real(f, id, TO_DATE, "total", "median_days"), 193.0,
                       1e-9);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "min_days"), 107);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "max_days"), 1035);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "short_count"), 2);

    const char *h = "target_group=handicap";
    assert_int_equal(row_count(f, id, TO_DATE, h, "count"), 1);
    assert_float_equal(row_real(f, id, TO_DATE, h, "mean_days"), 122.0, 1e-9);
    assert_float_equal(row_real(f, id, TO_DATE, h, "median_days"), 122.0, 1e-9);
    assert_int_equal(row_count(f, id, TO_DATE, h, "min_days"), 122);
    assert_int_equal(row_count(f, id, TO_DATE, h, "max_days"), 122);
    assert_int_equal(row_count(f, id, TO_DATE, h, "short_count"), 1);

    const char *s = "target_group=social";
    assert_int_equal(row_count(f, id, TO_DATE, s, "count"), 3);
    assert_float_equal(row_real(f, id, TO_DATE, s, "mean_days"), 1406.0 / 3,
                       1e-9);
    assert_float_equal(row_real(f, id, TO_DATE, s, "median_days"), 264.0, 1e-9);
    assert_int_equal(row_count(f, id, TO_DATE, s, "min_days"), 107);
    assert_int_equal(row_count(f, id, TO_DATE, s, "max_days"), 1035);
    assert_int_equal(row_count(f, id, TO_DATE, s, "short_count"), 1);

    /* Ended spells have no month period (SPEC: to date only). */
    assert_null(find_row(f, id, "2026-10", "target_group=social", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Ongoing on D: F 61, G 2314, H 31 (chained, from 10-01). Not C, whose
 * end is D: it is ended. Sorted 31 61 2314: count 3, mean 2406 / 3 = 802,
 * median 61, min 31, max 2314. handicap: G: 1, 2314. social: 31 61:
 * 2, mean 46, median (31 + 61) / 2 = 46, min 31, max 61. No short_count
 * for spells still running. placed_children on D counts C too: 4. */
static void test_ongoing_on_d(void **state)
{
    (void)state;
    kpi_dataset *ds = spell_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placement_duration";
    assert_int_equal(row_count(f, id, DAY, "total", "count"), 3);
    assert_float_equal(row_real(f, id, DAY, "total", "mean_days"), 802.0, 1e-9);
    assert_float_equal(row_real(f, id, DAY, "total", "median_days"), 61.0,
                       1e-9);
    assert_int_equal(row_count(f, id, DAY, "total", "min_days"), 31);
    assert_int_equal(row_count(f, id, DAY, "total", "max_days"), 2314);
    assert_null(find_row(f, id, DAY, "total", "short_count"));

    const char *h = "target_group=handicap";
    assert_int_equal(row_count(f, id, DAY, h, "count"), 1);
    assert_float_equal(row_real(f, id, DAY, h, "median_days"), 2314.0, 1e-9);
    assert_int_equal(row_count(f, id, DAY, h, "min_days"), 2314);

    const char *s = "target_group=social";
    assert_int_equal(row_count(f, id, DAY, s, "count"), 2);
    assert_float_equal(row_real(f, id, DAY, s, "mean_days"), 46.0, 1e-9);
    assert_float_equal(row_real(f, id, DAY, s, "median_days"), 46.0, 1e-9);
    assert_int_equal(row_count(f, id, DAY, s, "min_days"), 31);
    assert_int_equal(row_count(f, id, DAY, s, "max_days"), 61);

    assert_int_equal(row_count(f, "placed_children", DAY, "total", "count"), 4);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The series: ended spells per month, January..October of 2025 and 2026,
 * M included (the figure has no month row). 2025-05: K = 1; 2026-02: A;
 * 2026-06: B (not 2026-03, where its first measure ends); 2026-09: E;
 * 2026-10: C. Every other month 0; J (cancelled) nowhere. 20 rows. */
static void test_series(void **state)
{
    (void)state;
    kpi_dataset *ds = spell_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placement_duration";
    static const int64_t want[2][10] = {
        {0, 0, 0, 0, 1, 0, 0, 0, 0, 0},
        {0, 1, 0, 0, 0, 1, 0, 0, 1, 1},
    };
    for (int y = 0; y < 2; y++)
        for (int mo = 1; mo <= 10; mo++) {
            char p[16];
            snprintf(p, sizeof p, "%d-%02d", 2025 + y, mo);
            assert_int_equal(row_count(f, id, p, "total", "count"),
                             want[y][mo - 1]);
            assert_null(find_row(f, id, p, "target_group=social", "count"));
            assert_null(find_row(f, id, p, "total", "mean_days"));
        }
    assert_null(find_row(f, id, "2025-11", "total", "count"));
    assert_null(find_row(f, id, "2026-11", "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Rows in export order: the to-date period (total, then handicap, then
 * social; each with its stats together), D the same without short_count,
 * then the series ascending. */
static void test_row_order(void **state)
{
    (void)state;
    kpi_dataset *ds = spell_fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    static const char *const stats6[] = {"count",       "mean_days",
                                         "median_days", "min_days",
                                         "max_days",    "short_count"};
    char want[64][64];
    size_t n = 0;
    static const char *const members[] = {"total", "target_group=handicap",
                                          "target_group=social"};
    for (int m = 0; m < 3; m++)
        for (int s = 0; s < 6; s++)
            snprintf(want[n++], 64, "%s|%s|%s", TO_DATE, members[m], stats6[s]);
    for (int m = 0; m < 3; m++)
        for (int s = 0; s < 5; s++)
            snprintf(want[n++], 64, "%s|%s|%s", DAY, members[m], stats6[s]);
    for (int y = 2025; y <= 2026; y++)
        for (int mo = 1; mo <= 10; mo++)
            snprintf(want[n++], 64, "%d-%02d|total|count", y, mo);
    size_t k = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, "placement_duration") != 0)
            continue;
        char got[128];
        if (r->dimension)
            snprintf(got, sizeof got, "%s|%s=%s|%s", r->period, r->dimension,
                     r->member, r->stat);
        else
            snprintf(got, sizeof got, "%s|total|%s", r->period, r->stat);
        assert_true(k < n);
        assert_string_equal(got, want[k]);
        k++;
    }
    assert_int_equal(k, n);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Odd and even medians on their own: ended spells of 10, 20, 40 days and
 * then a fourth of 100. Three: median 20; four: (20 + 40) / 2 = 30, mean
 * 170 / 4 = 42.5. All four are short. Report month 2026-03. */
static void test_median(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    P(.child = "A", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-01-10", .price = "1"); /* 10 */
    P(.child = "B", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-01-20", .price = "1"); /* 20 */
    P(.child = "C", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-02-09", .price = "1"); /* 31 + 9 = 40 */
    kpi_figures *f = support_compute(ds, "2026-03");
    const char *id = "placement_duration", *p = "2026-01..2026-03";
    assert_float_equal(row_real(f, id, p, "total", "median_days"), 20.0, 1e-9);
    kpi_figures_free(f);
    P(.child = "D", .type = "opholdssted", .start = "2025-12-01",
      .end = "2026-03-10", .price = "1"); /* 31 + 31 + 28 + 10 = 100 */
    f = support_compute(ds, "2026-03");
    assert_int_equal(row_count(f, id, p, "total", "count"), 4);
    assert_float_equal(row_real(f, id, p, "total", "median_days"), 30.0, 1e-9);
    assert_float_equal(row_real(f, id, p, "total", "mean_days"), 42.5, 1e-9);
    assert_int_equal(row_count(f, id, p, "total", "short_count"), 4);
    assert_int_equal(row_count(f, id, p, "total", "max_days"), 100);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* 182 days is short, 183 is not: 2026-01-01..2026-07-01 = 182 (181 days
 * to 06-30 + 1), 2026-01-01..2026-07-02 = 183. */
static void test_short_boundary(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    P(.child = "A", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-07-01", .price = "1");
    P(.child = "B", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-07-02", .price = "1");
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placement_duration";
    assert_int_equal(row_count(f, id, TO_DATE, "total", "min_days"), 182);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "max_days"), 183);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "short_count"), 1);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Nothing ended and nothing running: counts 0 are written, means are not
 * (a mean of nothing is not 0 days). Without measures.csv: no rows. */
static void test_empty_and_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placement_duration";
    assert_int_equal(row_count(f, id, TO_DATE, "total", "count"), 0);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "short_count"), 0);
    assert_null(find_row(f, id, TO_DATE, "total", "mean_days"));
    assert_null(find_row(f, id, TO_DATE, "total", "median_days"));
    assert_null(find_row(f, id, TO_DATE, "target_group=social", "count"));
    assert_int_equal(row_count(f, id, DAY, "total", "count"), 0);
    assert_null(find_row(f, id, DAY, "total", "min_days"));
    assert_int_equal(row_count(f, id, "2025-01", "total", "count"), 0);
    kpi_figures_free(f);

    ds->present[KPI_FILE_MEASURES] = false;
    f = support_compute(ds, "2026-10");
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        assert_string_not_equal(r->kpi_id, "placement_duration");
    }
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A spell across the 18th birthday keeps its whole duration: Y born
 * 2008-03-15, almen_plejefamilie 2024-05-01..2026-03-14, then
 * ungestoette_doegnophold 2026-03-15..2026-08-31 at the same provider: ONE
 * spell 2024-05-01..2026-08-31, ended in August, = 365 (to 2025-05-01, no
 * 29 February between) + 365 (to 2026-05-01) + 31 + 30 + 31 + 31 (May to
 * August) = 853 days, not short. Split, it would be two spells of 683
 * and 170 days. */
static void test_spell_across_18th_birthday(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_young_adult_stay(ds, "Y", "2008-03-15", "2024-05-01", "2026-03-14",
                         "2026-03-15", "2026-08-31");
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "placement_duration";
    assert_int_equal(row_count(f, id, TO_DATE, "total", "count"), 1);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "min_days"), 853);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "max_days"), 853);
    assert_int_equal(row_count(f, id, TO_DATE, "total", "short_count"), 0);
    assert_int_equal(row_count(f, id, "2026-08", "total", "count"), 1);
    assert_int_equal(row_count(f, id, DAY, "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ended_to_date),
        cmocka_unit_test(test_ongoing_on_d),
        cmocka_unit_test(test_series),
        cmocka_unit_test(test_spell_across_18th_birthday),
        cmocka_unit_test(test_row_order),
        cmocka_unit_test(test_median),
        cmocka_unit_test(test_short_boundary),
        cmocka_unit_test(test_empty_and_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
