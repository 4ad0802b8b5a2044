/* test_placements.c - placed_children, new_placements and
 * preventive_families (SPEC §5) on a small hand-made dataset. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

/*
 * The fixture, report month 2026-10, D = 2026-10-31. Default birth
 * 2012-06-15 (13 until 2026-06-14, 14 from then), target group social.
 *
 * B1 born 2011-10-31 (turns 15 on D), social:
 *    almen_plejefamilie at P1 2026-01-01..2026-03-31, then
 *    doegninstitution at P2 2026-04-01..open: one spell from 01-01 (the
 *    next starts the day after), a change of placement on 04-01.
 * B2 born 2016-03-01, handicap: opholdssted at P3 from 2026-10-31 (a
 *    start on the 31st, which is D itself).
 * B3 born 2008-02-29, handicap: kostskole at P4 from 2026-02-28. In 2026
 *    (not a leap year) a 29 February child completes a year on 1 March,
 *    so at the start B3 is 17, on D 18.
 * B4: almen_plejefamilie 2026-10-02..2026-10-15: new in October, not
 *    placed on D.
 * B5: netvaerksplejefamilie at P5 2025-05-01..2026-03-31 and from
 *    2026-04-02: a day's gap, so two spells; the second is new in April.
 * B6: opholdssted 2026-10-10..2026-10-09, a cancelled grant: nothing.
 * B7: almen_plejefamilie at P6 from 2025-01-01 and, overlapping,
 *    specialiseret_plejefamilie at P6 from 2026-06-01: one spell from
 *    2025, no change (same provider); on D the later start describes it.
 * B8: forstaerket_plejefamilie (id X1) and eget_vaerelse (id X2), both at
 *    P7 from 2025-06-01: on D the tie on start goes to the larger id, X2.
 * B9: opholdssted at P8 2026-01-01..2026-10-14, sikret_doegninstitution
 *    at P9 from 2026-10-15: one spell, a change in October.
 *
 * Preventive:
 * C1 born 2020-01-01 (6 on D) and C2 born 2010-01-01 (16 on D), both in
 *    family F1: familiebehandling each, C1 also kontaktperson.
 * C3: stoette_i_hjemmet ended 2026-09-30: not active on D.
 * C4: dagtilbud 2026-10-01..2026-09-30, cancelled: nothing.
 * C5 born 2024-05-05 (2 on D), handicap: dagtilbud 2026-01-01..2026-10-31
 *    (ends on D, so active).
 */
static kpi_dataset *fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.child = "B1", .birth = "2011-10-31", .type = "almen_plejefamilie",
      .provider = "P1", .start = "2026-01-01", .end = "2026-03-31",
      .price = "30.000");
    P(.child = "B1", .birth = "2011-10-31", .type = "doegninstitution",
      .provider = "P2", .start = "2026-04-01", .price = "60.000");
    P(.child = "B2", .birth = "2016-03-01", .target_group = "handicap",
      .type = "opholdssted", .provider = "P3", .start = "2026-10-31",
      .price = "50.000");
    P(.child = "B3", .birth = "2008-02-29", .target_group = "handicap",
      .type = "kostskole", .provider = "P4", .start = "2026-02-28",
      .price = "20.000");
    P(.child = "B4", .type = "almen_plejefamilie", .provider = "P1",
      .start = "2026-10-02", .end = "2026-10-15", .price = "30.000");
    P(.child = "B5", .type = "netvaerksplejefamilie", .provider = "P5",
      .start = "2025-05-01", .end = "2026-03-31", .price = "10.000");
    P(.child = "B5", .type = "netvaerksplejefamilie", .provider = "P5",
      .start = "2026-04-02", .price = "10.000");
    P(.child = "B6", .type = "opholdssted", .provider = "P3",
      .start = "2026-10-10", .end = "2026-10-09", .price = "50.000");
    P(.child = "B7", .type = "almen_plejefamilie", .provider = "P6",
      .start = "2025-01-01", .price = "30.000");
    P(.child = "B7", .type = "specialiseret_plejefamilie", .provider = "P6",
      .start = "2026-06-01", .price = "45.000");
    P(.id = "X2", .child = "B8", .type = "eget_vaerelse", .provider = "P7",
      .start = "2025-06-01", .price = "8.000");
    P(.id = "X1", .child = "B8", .type = "forstaerket_plejefamilie",
      .provider = "P7", .start = "2025-06-01", .price = "40.000");
    P(.child = "B9", .type = "opholdssted", .provider = "P8",
      .start = "2026-01-01", .end = "2026-10-14", .price = "50.000");
    P(.child = "B9", .type = "sikret_doegninstitution", .provider = "P9",
      .start = "2026-10-15", .price = "90.000");

    P(.child = "C1", .family = "F1", .birth = "2020-01-01",
      .type = "familiebehandling", .start = "2026-03-01", .price = "5.000");
    P(.child = "C1", .family = "F1", .birth = "2020-01-01",
      .type = "kontaktperson", .start = "2026-05-01", .price = "3.000");
    P(.child = "C2", .family = "F1", .birth = "2010-01-01",
      .type = "familiebehandling", .start = "2026-03-01", .price = "5.000");
    P(.child = "C3", .type = "stoette_i_hjemmet", .start = "2026-01-01",
      .end = "2026-09-30", .price = "2.000");
    P(.child = "C4", .type = "dagtilbud", .start = "2026-10-01",
      .end = "2026-09-30", .price = "2.000");
    P(.child = "C5", .birth = "2024-05-05", .target_group = "handicap",
      .type = "dagtilbud", .start = "2026-01-01", .end = "2026-10-31",
      .price = "2.000");
    return ds;
}

static int64_t count(const kpi_figures *f, const char *id, const char *period,
                     const char *breakdown, const char *stat)
{
    return row_count(f, id, period, breakdown, stat);
}

/* Placed on D: B1 doegninstitution social 15; B2 opholdssted handicap 10;
 * B3 kostskole handicap 18; B5 netvaerksplejefamilie social 14;
 * B7 specialiseret_plejefamilie social 14; B8 eget_vaerelse social 14;
 * B9 sikret_doegninstitution social 14. Not B4 (ended 10-15), not B6
 * (cancelled). 7 children: handicap 2, social 5; 12-14: 4, 15-17: 1,
 * 18-22: 1, 6-11: 1. */
static void test_placed_children_on_d(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
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
    kpi_dataset *ds = fixture();
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
    kpi_dataset *ds = fixture();
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

/* A leap year: report month 2024-03, D = 2024-03-31.
 * A from 2024-02-29 open; B 2023-01-01..2024-02-28; C 2024-02-01..02-29.
 * 2024-02-29 (the month end of a leap February): A and C = 2; 2024-01-31:
 * B = 1; 2023-02-28: B = 1; D: A = 1. There is no 2024-02-28 row. The
 * series reaches 23 month ends back: 2022-04-30 (B not yet: 0) is the
 * first, 2022-03-31 is not there, 2023-04-30 is (B = 1). */
static void test_series_leap_february(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    P(.child = "A", .type = "opholdssted", .start = "2024-02-29", .price = "1");
    P(.child = "B", .type = "opholdssted", .start = "2023-01-01",
      .end = "2024-02-28", .price = "1");
    P(.child = "C", .type = "opholdssted", .start = "2024-02-01",
      .end = "2024-02-29", .price = "1");
    /* A preventive measure on the leap day only. */
    P(.child = "K", .type = "kontaktperson", .start = "2024-02-29",
      .end = "2024-02-29", .price = "1");
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
    /* new_placements by month: C starts 02-01 and A on 02-29, the last day
     * of the leap February: 2024-02 = 2; B started 2023-01-01: 2023-01 =
     * 1; 2023-02 and 2024-01 nothing; March (M) is the month row, 0. */
    id = "new_placements";
    assert_int_equal(count(f, id, "2024-02", "total", "count"), 2);
    assert_int_equal(count(f, id, "2023-01", "total", "count"), 1);
    assert_int_equal(count(f, id, "2023-02", "total", "count"), 0);
    assert_int_equal(count(f, id, "2023-03", "total", "count"), 0);
    assert_int_equal(count(f, id, "2024-01", "total", "count"), 0);
    assert_int_equal(count(f, id, "2024-03", "total", "count"), 0);
    /* preventive_families: K's family on 2024-02-29 only. */
    id = "preventive_families";
    assert_int_equal(count(f, id, "2024-02-29", "total", "count"), 1);
    assert_int_equal(count(f, id, "2024-01-31", "total", "count"), 0);
    assert_int_equal(count(f, id, "2023-02-28", "total", "count"), 0);
    assert_int_equal(count(f, id, "2024-03-31", "total", "count"), 0);
    assert_null(find_row(f, id, "2024-02-28", "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

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
    kpi_dataset *ds = fixture();
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
    kpi_dataset *ds = fixture();
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
    kpi_dataset *ds = fixture();
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

/* The series of preventive families at each month end (D is the stock
 * row): nothing in 2025. 2026-01-31 and 2026-02-28: C3 and C5 = 2;
 * from 2026-03-31: F1 too = 3; 2026-09-30: C3's last day, still 3. */
static void test_preventive_families_series(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
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

/* Totals are written even when zero: in 2026-03 nothing starts
 * (B3 started 02-28, B5's second spell 04-02) and nobody moves. */
static void test_zero_totals_written(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
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

/* Families with an active preventive measure on D: F1 (C1 and C2,
 * counted once although two children and three measures) and C5's own
 * family. Not C3 (ended 09-30), not C4 (cancelled), no placement.
 * = 2. measure_type: dagtilbud 1 (C5; C4 cancelled), familiebehandling 1
 * (F1 once, not twice), kontaktperson 1. target: handicap 1, social 1.
 * age: 0-5 (C5, 2) 1, 15-17 (C2, 16) 1, 6-11 (C1, 6) 1. */
static void test_preventive_families(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
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

/* With no measures at all the totals are 0 and written; no members. */
static void test_empty_dataset(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(
        count(f, "placed_children", "2026-10-31", "total", "count"), 0);
    assert_int_equal(
        count(f, "placed_children", "2026-01-31", "total", "count"), 0);
    assert_int_equal(count(f, "new_placements", "2026-10", "total", "count"),
                     0);
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
        cmocka_unit_test(test_placed_children_on_d),
        cmocka_unit_test(test_placed_children_row_order),
        cmocka_unit_test(test_placed_children_series),
        cmocka_unit_test(test_series_leap_february),
        cmocka_unit_test(test_new_placements),
        cmocka_unit_test(test_changes_of_placement),
        cmocka_unit_test(test_new_placements_series),
        cmocka_unit_test(test_preventive_families_series),
        cmocka_unit_test(test_zero_totals_written),
        cmocka_unit_test(test_preventive_families),
        cmocka_unit_test(test_empty_dataset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
