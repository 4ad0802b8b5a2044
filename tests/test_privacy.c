/* test_privacy.c - what an audience may see of computed figures (SPEC §6,
 * §7): visibility by map and detail, suppression of counts 1-4 with
 * complementary suppression; and allocation failures in kpi_map_new,
 * kpi_dataset_subset and kpi_privacy_new. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

/* One row as text: breakdown "total", "dim=member" or
 * "dim=member,dim2=member2"; kind 'c' count, 'm' money (øre), 'r' real. */
typedef struct spec_row {
    const char *kpi_id, *period, *breakdown, *stat;
    char kind;
    double value;
} spec_row;

/* Figures ending with rows[]: computed from a dataset with no input at
 * all, then filled. A few economy figures still write rows of zeros
 * (recipients_price, high_cost_cases, own_vs_purchased for the year);
 * the tests look at the rows they add, after those, and use other
 * figures or periods. */
static kpi_figures *make_figures(const spec_row *rows, size_t n)
{
    kpi_dataset *ds = support_dataset();
    ds->present[KPI_FILE_MEASURES] = false;
    kpi_figures *f = support_compute(ds, "2026-10");
    kpi_dataset_free(ds);
    for (size_t i = 0; i < n; i++) {
        char dim[64] = "", mem[64] = "", dim2[64] = "", mem2[64] = "";
        kpi_row r = {0};
        r.kpi_id = rows[i].kpi_id;
        r.period = rows[i].period;
        r.stat = rows[i].stat;
        if (strcmp(rows[i].breakdown, "total") != 0) {
            int got = sscanf(rows[i].breakdown, "%63[^=]=%63[^,],%63[^=]=%63s",
                             dim, mem, dim2, mem2);
            assert_true(got == 2 || got == 4);
            r.dimension = dim;
            r.member = mem;
            if (got == 4) {
                r.dimension2 = dim2;
                r.member2 = mem2;
            }
        }
        switch (rows[i].kind) {
        case 'c':
            r.kind = KPI_VALUE_COUNT;
            r.integer = (int64_t)rows[i].value;
            break;
        case 'm':
            r.kind = KPI_VALUE_MONEY;
            r.integer = (int64_t)rows[i].value;
            break;
        default:
            r.kind = KPI_VALUE_REAL;
            r.real = rows[i].value;
            break;
        }
        assert_int_equal(kpi_figures_add(f, &r), KPI_OK);
    }
    return f;
}

/* make_figures() and SPEC §6's default map into *map. */
static kpi_figures *make_figures_map(const spec_row *rows, size_t n,
                                     kpi_map **map)
{
    *map = NULL;
    assert_int_equal(kpi_map_new(NULL, map), KPI_OK);
    return make_figures(rows, n);
}

static kpi_privacy *make_privacy(const kpi_figures *f, kpi_group g,
                                 kpi_detail d, const kpi_map *map)
{
    kpi_audience aud = {g, d, map};
    kpi_privacy *p = NULL;
    assert_int_equal(kpi_privacy_new(f, &aud, NULL, &p), KPI_OK);
    assert_non_null(p);
    return p;
}

/* 'h' hidden, 's' shown as it is, 'p' shown "<5" (a count of 1-4),
 * 'd' shown ".." (discretion: masked to protect another cell, or a
 * mean, minimum, ... of 1-4 children). */
static char state_of(const kpi_privacy *p, const kpi_row *r)
{
    const char *mark = kpi_privacy_row_mark(p, r);
    if (!kpi_privacy_row_visible(p, r)) {
        assert_false(kpi_privacy_row_masked(p, r));
        assert_null(mark);
        return 'h';
    }
    assert_true(kpi_privacy_row_masked(p, r) == (mark != NULL));
    if (!mark)
        return 's';
    if (strcmp(mark, "<5") == 0) {
        /* "<5" always means 1-4. */
        assert_int_equal(r->kind, KPI_VALUE_COUNT);
        assert_true(r->integer >= 1 && r->integer <= 4);
        return 'p';
    }
    assert_string_equal(mark, "..");
    return 'd';
}

/* The i-th of the rows make_figures added (n of them). */
static const kpi_row *added_row(const kpi_figures *f, size_t n, size_t i)
{
    size_t count = kpi_figures_row_count(f);
    assert_true(n <= count && i < n);
    return kpi_figures_row(f, count - n + i);
}

/* Checks want[i] against the i-th added row. */
static void expect(const kpi_figures *f, const kpi_privacy *p, const char *want,
                   const char *what)
{
    size_t n = strlen(want);
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = added_row(f, n, i);
        char got = state_of(p, r);
        if (got != want[i])
            fail_msg("%s: row %zu (%s;%s;%s=%s;%s) is '%c', expected '%c'",
                     what, i, r->kpi_id, r->period,
                     r->dimension ? r->dimension : "total",
                     r->member ? r->member : "", r->stat, got, want[i]);
    }
}

/* Visibility: by the map (default: SPEC §6) and the detail. Every count is
 * 20, so nothing is masked; rows of one figure in different breakdowns. */
static const spec_row visibility_rows[] = {
    {"placed_children", "2026-10-31", "total", "count", 'c', 20},
    {"placed_children", "2026-10-31", "measure_type=almen_plejefamilie",
     "count", 'c', 20},
    {"placed_children", "2026-10-31", "provider_kind=own", "count", 'c', 20},
    {"placed_children", "2026-10-31", "caseworker=SB1", "count", 'c', 20},
    {"placed_children", "2026-10-31", "team=Øst", "count", 'c', 20},
    {"placed_children", "2026-10-31", "provider=P1", "count", 'c', 20},
    {"placed_children", "2026-10-31", "frobnicate=x", "count", 'c', 20},
    {"inspections", "2026-10", "result=not_approved,reason=Mangler", "count",
     'c', 20},
    {"spend", "2026-10", "total", "amount", 'm', 123456},
    {"complaints", "2026-10", "outcome=upheld", "count", 'c', 20},
};

static void visibility(void **state)
{
    (void)state;
    kpi_figures *f = make_figures(
        visibility_rows, sizeof visibility_rows / sizeof visibility_rows[0]);
    kpi_map *map = NULL;
    assert_int_equal(kpi_map_new(NULL, &map), KPI_OK);
    static const struct {
        kpi_group g;
        kpi_detail d;
        bool default_map;
        const char *want; /* per row of visibility_rows */
    } cases[] = {
        /* fagudvalg: measure type yes; provider kind, persons, providers,
         * an unknown dimension and a pair no; spend is not in its map. */
        {KPI_GROUP_FAGUDVALG, KPI_DETAIL_BREAKDOWNS, true, "sshhhhhhhs"},
        {KPI_GROUP_FAGUDVALG, KPI_DETAIL_TOTALS, true, "shhhhhhhhh"},
        /* direktion adds provider kind, and gets spend. */
        {KPI_GROUP_DIREKTION, KPI_DETAIL_PROVIDER_KIND, true, "ssshhhhhss"},
        {KPI_GROUP_DIREKTION, KPI_DETAIL_BREAKDOWNS, true, "sshhhhhhss"},
        /* fagchef at ALL: everything, the unknown dimension and the pair
         * too; at BREAKDOWNS as fagudvalg plus spend. */
        {KPI_GROUP_FAGCHEF, KPI_DETAIL_ALL, true, "ssssssssss"},
        {KPI_GROUP_FAGCHEF, KPI_DETAIL_BREAKDOWNS, true, "sshhhhhhss"},
        /* sagsbehandler's map has none of these figures. */
        {KPI_GROUP_SAGSBEHANDLER, KPI_DETAIL_ALL, true, "hhhhhhhhhh"},
        /* map NULL: every figure. */
        {KPI_GROUP_SAGSBEHANDLER, KPI_DETAIL_ALL, false, "ssssssssss"},
        {KPI_GROUP_FAGUDVALG, KPI_DETAIL_BREAKDOWNS, false, "sshhhhhhss"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kpi_privacy *p = make_privacy(f, cases[i].g, cases[i].d,
                                      cases[i].default_map ? map : NULL);
        char what[64];
        snprintf(what, sizeof what, "case %zu", i);
        expect(f, p, cases[i].want, what);
        kpi_privacy_free(p);
    }

    /* Finer than the group may see, or nonsense: refused. */
    kpi_audience aud = {KPI_GROUP_FAGUDVALG, KPI_DETAIL_PROVIDER_KIND, map};
    kpi_privacy *p = (kpi_privacy *)1;
    assert_int_equal(kpi_privacy_new(f, &aud, NULL, &p), KPI_ERR_ARG);
    assert_null(p);
    aud = (kpi_audience){KPI_GROUP_DIREKTION, KPI_DETAIL_ALL, map};
    assert_int_equal(kpi_privacy_new(f, &aud, NULL, &p), KPI_ERR_ARG);
    aud = (kpi_audience){(kpi_group)KPI_GROUP_COUNT, KPI_DETAIL_TOTALS, map};
    assert_int_equal(kpi_privacy_new(f, &aud, NULL, &p), KPI_ERR_ARG);
    assert_int_equal(kpi_privacy_new(NULL, &aud, NULL, &p), KPI_ERR_ARG);
    assert_int_equal(kpi_privacy_new(f, NULL, NULL, &p), KPI_ERR_ARG);

    /* A row of other figures is nobody's. */
    p = make_privacy(f, KPI_GROUP_FAGCHEF, KPI_DETAIL_ALL, NULL);
    const kpi_row *first = added_row(f, 10, 0);
    assert_true(kpi_privacy_row_visible(p, first));
    kpi_row copy = *first;
    assert_false(kpi_privacy_row_visible(p, &copy));
    assert_false(kpi_privacy_row_visible(p, NULL));
    assert_false(kpi_privacy_row_visible(NULL, first));
    kpi_privacy_free(p);
    kpi_privacy_free(NULL);
    kpi_map_free(map);
    kpi_figures_free(f);
}

/*
 * Suppression for fagudvalg (BREAKDOWNS, SPEC §6's map). Working, case by
 * case (rows in the order of suppression_rows):
 *
 * A placed_children on 2026-10-31: total 20; measure types a 3, b 7,
 *   c 10; age groups 0-5 0, 6-11 20.
 *   - a = 3 is 1-4: "<5" (primary).
 *   - measure_type/count has one masked member and the total 20 is shown:
 *     20 - 7 - 10 = 3 would give a away, so the next smallest non-zero
 *     unmasked member, b (7 < 10), is masked too: "..", not "<5" (7 is
 *     not 1-4). c stays. The reader knows a + b = 20 - 10 = 10 with a in
 *     1-4 and b 0 or >= 5: a could be 1, 2, 3 or 4.
 *   - age_group: 0 is shown (0 reveals nobody), 20 is not 1-4: shown.
 *   Rows: s p d s s s.
 * B new_placements in 2026-10: total count 9 and changes 5; target groups
 *   handicap 0, social 2; measure type almen 9.
 *   - social = 2: "<5". target_group/count has one masked member, the
 *     total is shown, and the only other member is 0: no member can hide
 *     it, so the total count is masked (".."). Its changes (5) are other
 *     events, not a stat of the 9 spell starts: shown.
 *   - measure_type/count: no masked member, but its members (9) add up
 *     to the masked total: the smallest non-zero one, almen 9, is "..".
 *   Rows: d s s p d.
 * C notifications in 2026-10: total 3 ("<5"); age groups 0-5 0 (shown),
 *   6-11 3 ("<5"). Rows: p s p.
 * D complaints in 2026-10: total 0 and outcome upheld 0: zero is shown.
 *   Rows: s s.
 * E placement_duration for 2026-01..2026-10: total count 10, mean_days
 *   200.5, min_days 3; target groups handicap (count 2, mean_days 150.5,
 *   min_days 100, max_days 201) and social (count 8, mean_days 212.9).
 *   - handicap count 2: "<5"; its mean, min and max days describe those
 *     2 children: "..".
 *   - target_group/count: one masked, total 10 shown: social (8) masked
 *     too, both its rows "..".
 *   - the total's min_days 3 is days, not people: the total is shown.
 *   Rows: s s s p d d d d d.
 */
static const spec_row suppression_rows[] = {
    /* A */
    {"placed_children", "2026-10-31", "total", "count", 'c', 20},
    {"placed_children", "2026-10-31", "measure_type=a", "count", 'c', 3},
    {"placed_children", "2026-10-31", "measure_type=b", "count", 'c', 7},
    {"placed_children", "2026-10-31", "measure_type=c", "count", 'c', 10},
    {"placed_children", "2026-10-31", "age_group=0-5", "count", 'c', 0},
    {"placed_children", "2026-10-31", "age_group=6-11", "count", 'c', 20},
    /* B */
    {"new_placements", "2026-10", "total", "count", 'c', 9},
    {"new_placements", "2026-10", "total", "changes", 'c', 5},
    {"new_placements", "2026-10", "target_group=handicap", "count", 'c', 0},
    {"new_placements", "2026-10", "target_group=social", "count", 'c', 2},
    {"new_placements", "2026-10", "measure_type=almen", "count", 'c', 9},
    /* C */
    {"notifications", "2026-10", "total", "count", 'c', 3},
    {"notifications", "2026-10", "age_group=0-5", "count", 'c', 0},
    {"notifications", "2026-10", "age_group=6-11", "count", 'c', 3},
    /* D */
    {"complaints", "2026-10", "total", "count", 'c', 0},
    {"complaints", "2026-10", "outcome=upheld", "count", 'c', 0},
    /* E */
    {"placement_duration", "2026-01..2026-10", "total", "count", 'c', 10},
    {"placement_duration", "2026-01..2026-10", "total", "mean_days", 'r',
     200.5},
    {"placement_duration", "2026-01..2026-10", "total", "min_days", 'c', 3},
    {"placement_duration", "2026-01..2026-10", "target_group=handicap", "count",
     'c', 2},
    {"placement_duration", "2026-01..2026-10", "target_group=handicap",
     "mean_days", 'r', 150.5},
    {"placement_duration", "2026-01..2026-10", "target_group=handicap",
     "min_days", 'c', 100},
    {"placement_duration", "2026-01..2026-10", "target_group=handicap",
     "max_days", 'c', 201},
    {"placement_duration", "2026-01..2026-10", "target_group=social", "count",
     'c', 8},
    {"placement_duration", "2026-01..2026-10", "target_group=social",
     "mean_days", 'r', 212.9},
};
#define SUPPRESSION_ROWS (sizeof suppression_rows / sizeof suppression_rows[0])

static void suppression(void **state)
{
    (void)state;
    kpi_map *map;
    kpi_figures *f = make_figures_map(suppression_rows, SUPPRESSION_ROWS, &map);
    /*                      A       B     C   D  E */
    const char *fagudvalg = "spdsss"
                            "dsspd"
                            "psp"
                            "ss"
                            "ssspddddd";
    kpi_privacy *p =
        make_privacy(f, KPI_GROUP_FAGUDVALG, KPI_DETAIL_BREAKDOWNS, map);
    expect(f, p, fagudvalg, "fagudvalg");
    kpi_privacy_free(p);

    /* Direktion suppresses the same way (its map has these figures). */
    p = make_privacy(f, KPI_GROUP_DIREKTION, KPI_DETAIL_PROVIDER_KIND, map);
    expect(f, p, fagudvalg, "direktion");
    kpi_privacy_free(p);

    /* Fagchef does not suppress: every row shown as it is. */
    p = make_privacy(f, KPI_GROUP_FAGCHEF, KPI_DETAIL_ALL, map);
    char all_shown[SUPPRESSION_ROWS + 1];
    memset(all_shown, 's', SUPPRESSION_ROWS);
    all_shown[SUPPRESSION_ROWS] = '\0';
    expect(f, p, all_shown, "fagchef");
    kpi_privacy_free(p);

    /* Fagudvalg with totals only: the members are hidden, so only the
     * totals' own counts mask: B's total 9 is shown now (no member needs
     * hiding), C's total 3 is still masked. */
    p = make_privacy(f, KPI_GROUP_FAGUDVALG, KPI_DETAIL_TOTALS, map);
    expect(f, p,
           "shhhhh"
           "sshhh"
           "phh"
           "sh"
           "ssshhhhhh",
           "totals");
    kpi_privacy_free(p);
    kpi_map_free(map);
    kpi_figures_free(f);
}

/*
 * The complementary cell, the marks and the relations (fagudvalg,
 * BREAKDOWNS). Working, case by case (rows in the order of marks_rows):
 *
 * F waiting_list on 2026-10-31: total 59; measure types a 2 (mean 40.5
 *   days), y 30, z 12 (mean 20.0 days), w 15.
 *   - a = 2: "<5", its mean ".." (the mean of 2 children).
 *   - one masked member beside the shown total: 59 - 30 - 12 - 15 = 2.
 *     The smallest other non-zero member is z (12 < 15 < 30), masked
 *     "..", both its rows; the total stays shown (a member can hide it).
 *     The reader knows a + z = 59 - 30 - 15 = 14: a is 1-4, z 10-13.
 *   - 59 and 12 are never "<5".
 *   Rows: s p d s d d s.
 * G new_cases in 2026-10 by age group: total 20; a 1, b 1, c 8, d 10.
 *   - a and b: "<5". Two masked members, but they add up to 20 - 8 - 10
 *     = 2, and two counts of 1-4 adding up to 2 are both 1: the marks
 *     pin them. The smallest shown non-zero member, c (8), is masked
 *     "..": now a + b + c = 10 with a, b in 1-4 and c 0 or >= 5: a + b
 *     can be 2, 3, 4 or 5.
 *   Rows: s p p d s.
 * H new_placements, a flow, report month March 2024: months 2024-01 6,
 *   2024-02 9, 2024-03 2; to date 2024-01..2024-03 17 (= 6 + 9 + 2).
 *   - March = 2: "<5". February's pack showed to date 15 (= 6 + 9), so
 *     to date now, 17, would give March away (17 - 15): to date is
 *     masked ".." (branch privacy-review; it used to be January, which
 *     left 17 - 15 = 2 to anyone with last month's pack). Now to date
 *     and March are both masked: 17 - 6 - 9 is nowhere to be read.
 *   Rows: s s p d.
 * I notifications, report month March 2024: months 2024-01 2, 2024-02 6,
 *   2024-03 5; to date 13.
 *   - January = 2: "<5". Smallest other month: March (5), but March is
 *     the report month, whose total has breakdowns of its own (hiding it
 *     would cost a member in each): February (6) is masked "..".
 *     13 - 5 = 8 = Jan + Feb, Jan 1-4.
 *   Rows: p d s s.
 * J preventive_duration to date 2024-01..2024-10: total count 32, min 7
 *   days; measure types x (count 1, mean, min and max 40 days: one
 *   child's duration), y (count 25, min 7), z (count 6, min 10).
 *   - x = 1: "<5"; its mean, min and max are that child's days: "..".
 *   - 32 - 25 - 6 = 1: z (6), the smallest other member, is masked "..",
 *     its count and its min.
 *   - the total's min 7 is y's, shown: it tells nothing about x or z
 *     beyond min(x, z) >= 7.
 *   Rows: s s p d d d s s d d.
 */
/* The count totals of January, February and March 2024 and of to date
 * (report month March). */
#define Q1_TOTALS(id, jan, feb, mar, to_date)                                  \
    {id, "2024-01", "total", "count", 'c', jan},                               \
        {id, "2024-02", "total", "count", 'c', feb},                           \
        {id, "2024-03", "total", "count", 'c', mar},                           \
    {                                                                          \
        id, "2024-01..2024-03", "total", "count", 'c', to_date                 \
    }

/* A waiting-list row on 2026-10-31. */
#define WAITING(breakdown, stat, kind, value)                                  \
    {"waiting_list", "2026-10-31", breakdown, stat, kind, value}

static const spec_row marks_rows[] = {
    /* F */
    WAITING("total", "count", 'c', 59),
    WAITING("measure_type=a", "count", 'c', 2),
    WAITING("measure_type=a", "mean_days", 'r', 40.5),
    WAITING("measure_type=y", "count", 'c', 30),
    WAITING("measure_type=z", "count", 'c', 12),
    WAITING("measure_type=z", "mean_days", 'r', 20.0),
    WAITING("measure_type=w", "count", 'c', 15),
    /* G */
    {"new_cases", "2026-10", "total", "count", 'c', 20},
    {"new_cases", "2026-10", "age_group=a", "count", 'c', 1},
    {"new_cases", "2026-10", "age_group=b", "count", 'c', 1},
    {"new_cases", "2026-10", "age_group=c", "count", 'c', 8},
    {"new_cases", "2026-10", "age_group=d", "count", 'c', 10},
    /* H */
    Q1_TOTALS("new_placements", 6, 9, 2, 17),
    /* I */
    Q1_TOTALS("notifications", 2, 6, 5, 13),
    /* J */
    {"preventive_duration", "2024-01..2024-10", "total", "count", 'c', 32},
    {"preventive_duration", "2024-01..2024-10", "total", "min_days", 'c', 7},
    {"preventive_duration", "2024-01..2024-10", "measure_type=x", "count", 'c',
     1},
    {"preventive_duration", "2024-01..2024-10", "measure_type=x", "mean_days",
     'r', 40},
    {"preventive_duration", "2024-01..2024-10", "measure_type=x", "min_days",
     'c', 40},
    {"preventive_duration", "2024-01..2024-10", "measure_type=x", "max_days",
     'c', 40},
    {"preventive_duration", "2024-01..2024-10", "measure_type=y", "count", 'c',
     25},
    {"preventive_duration", "2024-01..2024-10", "measure_type=y", "min_days",
     'c', 7},
    {"preventive_duration", "2024-01..2024-10", "measure_type=z", "count", 'c',
     6},
    {"preventive_duration", "2024-01..2024-10", "measure_type=z", "min_days",
     'c', 10},
};
#define MARKS_ROWS (sizeof marks_rows / sizeof marks_rows[0])

static void marks_and_relations(void **state)
{
    (void)state;
    kpi_map *map;
    kpi_figures *f = make_figures_map(marks_rows, MARKS_ROWS, &map);
    /* preventive_duration is the direktion's (SPEC §6). */
    kpi_privacy *p =
        make_privacy(f, KPI_GROUP_DIREKTION, KPI_DETAIL_PROVIDER_KIND, map);
    /*                 F          G        H       I       J */
    expect(f, p, "spdsdds"
                 "sppds"
                 "sspd"
                 "pdss"
                 "sspdddssdd",
           "direktion");
    /* The marks as text: a count of 1-4, a count of 12 masked for it,
     * and a shown zero... and a shown 59. */
    assert_string_equal(kpi_privacy_row_mark(p, added_row(f, MARKS_ROWS, 1)),
                         "<5");
    assert_string_equal(kpi_privacy_row_mark(p, added_row(f, MARKS_ROWS, 4)),
                         "..");
    assert_null(kpi_privacy_row_mark(p, added_row(f, MARKS_ROWS, 0)));
    assert_null(kpi_privacy_row_mark(NULL, added_row(f, MARKS_ROWS, 1)));
    kpi_privacy_free(p);
    kpi_map_free(map);
    kpi_figures_free(f);
}

/*
 * Across packs and figures (branch privacy-review; direktion, which gets
 * every figure below). A reader keeps last month's packs, and a stock
 * moves by its flows. Working:
 *
 * P new_cases, the February and the April pack of one municipality:
 *   months 2024-01 7, 2024-02 2, 2024-03 9, 2024-04 8.
 *   - February's pack: to date 9. February = 2 is "<5". January's pack
 *     showed to date 7 (January alone), so 9 would give February away
 *     (9 - 7): to date is masked "..". Rows: s p d.
 *   - April's pack: to date 26. February is still "<5". The old rule
 *     masked January (the smallest other month), but then 26 - 9 - 8
 *     = 9 is to date in February, and 9 - 7 = 2 again. February is
 *     paired with the next non-zero month, March (9), masked "..", in
 *     this and every later pack: 26 - 7 - 8 = 11 = Feb + Mar, Feb 1-4,
 *     Mar 7-10 (all >= 5, so the marks do not pin them). Rows: s p d s s.
 * S stocks and flows in March 2024 (the month ends 2024-02-29, a leap
 *   year, and 2024-03-31):
 *   - placed children 50 -> 47, new placements 3, ended placements 6
 *     (50 + 3 - 6 = 47). The 3 is "<5"; shown, the others would give it
 *     (47 - 50 + 6 = 3): the outflow, 6, is masked "..". Now
 *     in - out = -3 with in 1-4 leaves out 5, 6 or 7. Rows: s s p d.
 *   - open cases 40 -> 36, new cases 2, closed 6 (40 + 2 - 6 = 36); the
 *     closed cases shown would give the new: 36 - 40 + 6 = 2. The
 *     inflow is "<5", the outflow is masked "..": in - out = -4 leaves
 *     out = in + 4, 5 to 8, all allowed to a "..". A stock is never
 *     masked for a flow (last month's pack showed the previous one; the
 *     month's own is a headline). Rows: s s p d.
 * M new placements of measure type a: March 2 ("<5"), to date 9. Last
 *   month's pack showed a's to date in February (7): to date is masked
 *   "..". Rows: p d.
 */
#define ACROSS_ROWS(n) (sizeof across_##n / sizeof across_##n[0])
/* A total count: figure, period, value. */
#define TOTAL(id, period, value) {id, period, "total", "count", 'c', value}
static const spec_row across_feb[] = {
    TOTAL("new_cases", "2024-01", 7), TOTAL("new_cases", "2024-02", 2),
    TOTAL("new_cases", "2024-01..2024-02", 9)};
static const spec_row across_apr[] = {
    TOTAL("new_cases", "2024-01", 7), TOTAL("new_cases", "2024-02", 2),
    TOTAL("new_cases", "2024-03", 9), TOTAL("new_cases", "2024-04", 8),
    TOTAL("new_cases", "2024-01..2024-04", 26)};
static const spec_row across_flows[] = {
    TOTAL("placed_children", "2024-02-29", 50),
    TOTAL("placed_children", "2024-03-31", 47),
    TOTAL("new_placements", "2024-03", 3),
    TOTAL("placement_duration", "2024-03", 6),
    TOTAL("cases_per_caseworker", "2024-02-29", 40),
    TOTAL("cases_per_caseworker", "2024-03-31", 36),
    TOTAL("new_cases", "2024-03", 2), TOTAL("closed_cases", "2024-03", 6),
    {"new_placements", "2024-03", "measure_type=a", "count", 'c', 2},
    {"new_placements", "2024-01..2024-03", "measure_type=a", "count", 'c', 9},
};

/* A unit without counts of its own by month (high_cost_cases'
 * reimbursement, the same 1-4 children as the year's count): the year's
 * count of 2 is "<5", its amounts ".."; the months' reimbursement adds up
 * to the year's (3,132.33 + 1,095.33 = 4,227.66 kr.), so shown months
 * would give the hidden year away: they are ".." too. A figure whose
 * year is shown keeps its months (new_cases: 7 + 9 = 16). */
static const spec_row across_year_amounts[] = {
    {"high_cost_cases", "2024", "total", "count", 'c', 2},
    {"high_cost_cases", "2024", "total", "reimbursement", 'm', 422766},
    {"high_cost_cases", "2024-01", "total", "reimbursement", 'm', 313233},
    {"high_cost_cases", "2024-02", "total", "reimbursement", 'm', 109533},
    {"high_cost_cases", "2023", "total", "count", 'c', 9},
    {"high_cost_cases", "2023", "total", "reimbursement", 'm', 500000},
    {"high_cost_cases", "2023-12", "total", "reimbursement", 'm', 250000},
};

static void across_packs(void **state)
{
    (void)state;
    static const struct {
        const spec_row *rows;
        size_t n;
        const char *want, *what;
    } cases[] = {
        {across_feb, ACROSS_ROWS(feb), "spd", "P, February's pack"},
        {across_apr, ACROSS_ROWS(apr), "spdss", "P, April's pack"},
        {across_flows, ACROSS_ROWS(flows), "sspd" "sspd" "pd", "S and M"},
        {across_year_amounts, ACROSS_ROWS(year_amounts), "pddd" "sss",
         "a year's months without counts"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kpi_map *map;
        kpi_figures *f = make_figures_map(cases[i].rows, cases[i].n, &map);
        kpi_privacy *p =
            make_privacy(f, KPI_GROUP_DIREKTION, KPI_DETAIL_PROVIDER_KIND, map);
        expect(f, p, cases[i].want, cases[i].what);
        kpi_privacy_free(p);
        kpi_map_free(map);
        kpi_figures_free(f);
    }
}

static void dispositions(void **state)
{
    (void)state;
    kpi_figures *f = make_figures(NULL, 0);
    kpi_disposition d = {0};
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        kpi_privacy *p = make_privacy(f, (kpi_group)g,
                                      kpi_group_max_detail((kpi_group)g), NULL);
        assert_int_equal(kpi_privacy_disposition_visible(p, &d),
                         g == KPI_GROUP_SAGSBEHANDLER);
        assert_false(kpi_privacy_disposition_visible(p, NULL));
        kpi_privacy_free(p);
    }
    assert_false(kpi_privacy_disposition_visible(NULL, &d));
    kpi_figures_free(f);
}

/* The case lists only for a caseworker (child ids, SPEC §7); the
 * data-quality records for the fagchef, team leader and caseworker, not
 * for fagudvalg and direktion (counts only). */
static void case_lists_and_issues(void **state)
{
    (void)state;
    kpi_figures *f = make_figures(NULL, 0);
    kpi_issue x = {"warning", "measures.csv", 3, "the cost is 0"};
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        kpi_privacy *p = make_privacy(f, (kpi_group)g,
                                      kpi_group_max_detail((kpi_group)g), NULL);
        assert_int_equal(kpi_privacy_case_lists_visible(p),
                         g == KPI_GROUP_SAGSBEHANDLER);
        assert_int_equal(kpi_privacy_issue_visible(p, &x),
                         g != KPI_GROUP_FAGUDVALG && g != KPI_GROUP_DIREKTION);
        assert_false(kpi_privacy_issue_visible(p, NULL));
        kpi_privacy_free(p);
    }
    assert_false(kpi_privacy_case_lists_visible(NULL));
    assert_false(kpi_privacy_issue_visible(NULL, &x));
    kpi_figures_free(f);
}

/* One caseworker's pack: the mean, fewest and most open cases per
 * caseworker would be their own count three times, so they are hidden;
 * the count itself stays, and a team leader sees all four. */
static const spec_row caseload_rows[] = {
    {"cases_per_caseworker", "2026-10-31", "total", "count", 'c', 26},
    {"cases_per_caseworker", "2026-10-31", "total", "mean", 'r', 26},
    {"cases_per_caseworker", "2026-10-31", "total", "min", 'c', 26},
    {"cases_per_caseworker", "2026-10-31", "total", "max", 'c', 26},
    {"cases_per_caseworker", "2026-10-31", "caseworker=SB1", "count", 'c', 26},
};
#define CASELOAD_ROWS (sizeof caseload_rows / sizeof caseload_rows[0])

static void caseload_for_one(void **state)
{
    (void)state;
    kpi_figures *f = make_figures(caseload_rows, CASELOAD_ROWS);
    kpi_privacy *one = make_privacy(f, KPI_GROUP_SAGSBEHANDLER,
                                    kpi_group_max_detail(KPI_GROUP_SAGSBEHANDLER),
                                    NULL);
    kpi_privacy *team = make_privacy(
        f, KPI_GROUP_AFDELINGSLEDER,
        kpi_group_max_detail(KPI_GROUP_AFDELINGSLEDER), NULL);
    static const bool shown_to_one[] = {true, false, false, false, true};
    for (size_t i = 0; i < CASELOAD_ROWS; i++) {
        const kpi_row *r = added_row(f, CASELOAD_ROWS, i);
        assert_int_equal(kpi_privacy_row_visible(one, r), shown_to_one[i]);
        assert_true(kpi_privacy_row_visible(team, r));
    }
    kpi_privacy_free(one);
    kpi_privacy_free(team);
    kpi_figures_free(f);
}

/* ---- allocation failures ------------------------------------------- */

/* Fails every allocation from the `limit`-th on and counts live blocks. */
typedef struct limited {
    size_t calls, limit;
    long live;
} limited;

static void *limited_malloc(size_t size, void *ctx)
{
    limited *l = ctx;
    if (l->calls++ >= l->limit)
        return NULL;
    void *p = malloc(size);
    l->live += p != NULL;
    return p;
}

static void *limited_realloc(void *ptr, size_t size, void *ctx)
{
    limited *l = ctx;
    if (l->calls++ >= l->limit)
        return NULL;
    void *p = realloc(ptr, size);
    l->live += p != NULL && ptr == NULL;
    return p;
}

static void limited_free(void *ptr, void *ctx)
{
    limited *l = ctx;
    l->live -= ptr != NULL;
    free(ptr);
}

/* The attempt under test, given the allocator; returns its status and
 * frees whatever it made. */
typedef kpi_status (*attempt_fn)(const kpi_allocator *a, void *arg);

/* Runs attempt with the 1st, 2nd, ... allocation failing until it
 * succeeds: every failure must be KPI_ERR_NOMEM and leave nothing behind.
 * Returns how many runs failed. */
static size_t fail_each(attempt_fn attempt, void *arg)
{
    for (size_t n = 0;; n++) {
        limited l = {0, n, 0};
        kpi_allocator a = {limited_malloc, limited_realloc, limited_free, &l};
        kpi_status st = attempt(&a, arg);
        assert_int_equal(l.live, 0);
        if (st == KPI_OK)
            return n;
        assert_int_equal(st, KPI_ERR_NOMEM);
        assert_true(n < 10000);
    }
}

static kpi_status try_map(const kpi_allocator *a, void *arg)
{
    (void)arg;
    kpi_map *map = (kpi_map *)1;
    kpi_status st = kpi_map_new(a, &map);
    if (st != KPI_OK)
        assert_null(map);
    else
        assert_true(kpi_map_get(map, "spend", KPI_GROUP_DIREKTION));
    kpi_map_free(map);
    return st;
}

static kpi_status try_privacy(const kpi_allocator *a, void *arg)
{
    kpi_audience aud = {KPI_GROUP_FAGUDVALG, KPI_DETAIL_BREAKDOWNS, NULL};
    kpi_privacy *p = (kpi_privacy *)1;
    kpi_status st = kpi_privacy_new(arg, &aud, a, &p);
    if (st != KPI_OK) {
        assert_null(p);
    } else {
        /* The result is the same as with malloc: case A's b is masked. */
        assert_true(
            kpi_privacy_row_masked(p, added_row(arg, SUPPRESSION_ROWS, 2)));
        assert_false(
            kpi_privacy_row_masked(p, added_row(arg, SUPPRESSION_ROWS, 3)));
    }
    kpi_privacy_free(p);
    return st;
}

/* A dataset made with the limited allocator before the limit applies, so
 * the subset (which allocates through its parent's allocator) is the only
 * thing that can fail. */
static kpi_status try_subset(const kpi_allocator *a, void *arg)
{
    (void)arg;
    limited *l = a->ctx;
    size_t limit = l->limit;
    l->limit = SIZE_MAX;
    kpi_dataset *ds = kpi_dataset_new_empty(a);
    assert_non_null(ds);
    ds->present[KPI_FILE_MEASURES] = true;
    support_add_measure(ds, &(support_measure){.child = "B1",
                                               .team = "Øst",
                                               .type = "opholdssted",
                                               .start = "2026-01-01",
                                               .price = "50.000"});
    support_add_measure(ds, &(support_measure){.child = "B2",
                                               .team = "Vest",
                                               .type = "opholdssted",
                                               .start = "2026-01-01",
                                               .price = "50.000"});
    support_add_posting(ds, "2026-03", "opholdssted", "expense", NULL, "1.000",
                        "B1");
    assert_int_equal(kpi_diag_add(ds->warnings, KPI_SEVERITY_WARNING,
                                  "measures.csv", 2, NULL, "w"),
                     KPI_OK);
    l->limit = l->calls + limit;
    kpi_dataset *sub = (kpi_dataset *)1;
    kpi_status st = kpi_dataset_subset(ds, "Øst", NULL, &sub);
    l->limit = SIZE_MAX;
    if (st != KPI_OK) {
        assert_null(sub);
    } else {
        assert_int_equal(sub->measures.count, 1);
        assert_int_equal(sub->postings.count, 1);
        assert_int_equal(kpi_diagnostics_count(sub->warnings), 1);
    }
    kpi_dataset_free(sub);
    kpi_dataset_free(ds);
    return st;
}

static void out_of_memory(void **state)
{
    (void)state;
    /* kpi_map_new: the map and its table, two allocations. */
    assert_int_equal(fail_each(try_map, NULL), 2);
    kpi_figures *f = make_figures(suppression_rows, SUPPRESSION_ROWS);
    /* kpi_privacy_new for a suppressing group: the object, its flags and
     * the five work arrays of the suppression. */
    assert_int_equal(fail_each(try_privacy, f), 7);
    kpi_figures_free(f);
    /* The subset allocates several times (rows, marks, warnings, lists). */
    assert_true(fail_each(try_subset, NULL) > 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(visibility),
        cmocka_unit_test(suppression),
        cmocka_unit_test(marks_and_relations),
        cmocka_unit_test(across_packs),
        cmocka_unit_test(dispositions),
        cmocka_unit_test(case_lists_and_issues),
        cmocka_unit_test(caseload_for_one),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
