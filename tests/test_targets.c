/* test_targets.c - service-level targets (SPEC §5, kpi.ini
 * [target.<kpi_id>]): the status row, its boundaries, the reversed
 * direction, money in kroner, the headline period, and a figure that is
 * not available. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

static void add_target(kpi_dataset *ds, const char *kpi_id, const char *stat,
                       double yellow, double red)
{
    kpi_config *c = ds->config;
    assert_int_equal(kpi_grow(ds->alloc, (void **)&c->targets, &c->cap_targets,
                              c->n_targets + 1, sizeof *c->targets),
                     KPI_OK);
    kpi_target *t = &c->targets[c->n_targets++];
    t->kpi_id = kpi_xstrdup(ds->alloc, kpi_id);
    t->stat = kpi_xstrdup(ds->alloc, stat ? stat : "count");
    assert_non_null(t->kpi_id);
    assert_non_null(t->stat);
    t->yellow = yellow;
    t->red = red;
}

/* The text of the figure's status row in period, or NULL. */
static const char *status(const kpi_figures *f, const char *kpi_id,
                          const char *period)
{
    const kpi_row *r = find_row(f, kpi_id, period, "total", "status");
    if (!r)
        return NULL;
    assert_int_equal(r->kind, KPI_VALUE_TEXT);
    return r->text;
}

static size_t status_rows(const kpi_figures *f)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++)
        n += strcmp(kpi_figures_row(f, i)->stat, "status") == 0;
    return n;
}

/* n children placed on D (2026-10-31), each in its own spell. */
static kpi_dataset *placed(int n)
{
    kpi_dataset *ds = support_dataset();
    for (int i = 0; i < n; i++) {
        char child[16];
        snprintf(child, sizeof child, "B%d", i);
        P(.child = child, .type = "opholdssted", .start = "2026-01-01",
          .price = "1.000");
    }
    return ds;
}

/* yellow 3, red 5, lower is better: 2 green; 3 (= yellow) yellow; 4
 * yellow; 5 (= red) red; 6 red. The headline of a stock is D. */
static void test_boundaries(void **state)
{
    (void)state;
    static const char *const want[] = {"green", "yellow", "yellow", "red",
                                       "red"};
    for (int n = 2; n <= 6; n++) {
        kpi_dataset *ds = placed(n);
        add_target(ds, "placed_children", NULL, 3, 5);
        kpi_figures *f = support_compute(ds, "2026-10");
        assert_int_equal(
            row_count(f, "placed_children", "2026-10-31", "total", "count"), n);
        const char *s = status(f, "placed_children", "2026-10-31");
        assert_non_null(s);
        assert_string_equal(s, want[n - 2]);
        assert_int_equal(status_rows(f), 1);
        kpi_figures_free(f);
        kpi_dataset_free(ds);
    }
}

/* Higher is better (yellow 4 above red 2): 2 (= red) red; 3 yellow; 4
 * (= yellow) yellow; 5 green. preventive_families counts families on D:
 * one per child here. */
static void test_reversed(void **state)
{
    (void)state;
    static const char *const want[] = {"red", "yellow", "yellow", "green"};
    for (int n = 2; n <= 5; n++) {
        kpi_dataset *ds = support_dataset();
        for (int i = 0; i < n; i++) {
            char child[16];
            snprintf(child, sizeof child, "C%d", i);
            P(.child = child, .type = "familiebehandling",
              .start = "2026-01-01", .price = "1.000");
        }
        add_target(ds, "preventive_families", "count", 4, 2);
        kpi_figures *f = support_compute(ds, "2026-10");
        assert_string_equal(status(f, "preventive_families", "2026-10-31"),
                            want[n - 2]);
        kpi_figures_free(f);
        kpi_dataset_free(ds);
    }
}

/* Money is compared in kroner. One month of 1.234,56 kr. in January 2026:
 * forecast 2026 amount = 123.456 øre = 1.234,56 kr.
 *   yellow 1234.56, red 2000   -> yellow (equal to yellow, in kroner; in
 *                                 øre 123456 would be red)
 *   yellow 1234.57, red 2000   -> green
 *   yellow 1000,    red 1234.56 -> red (equal to red)
 * The headline of forecast is the year. */
static void test_money_in_kroner(void **state)
{
    (void)state;
    static const struct {
        double yellow, red;
        const char *want;
    } cases[] = {
        {1234.56, 2000, "yellow"},
        {1234.57, 2000, "green"},
        {1000, 1234.56, "red"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kpi_dataset *ds = support_dataset();
        P(.type = "kontaktperson", .start = "2026-01-01", .end = "2026-01-31",
          .price = "1.234,56");
        add_target(ds, "forecast", "amount", cases[i].yellow, cases[i].red);
        kpi_figures *f = support_compute(ds, "2026-10");
        assert_int_equal(row_money(f, "forecast", "2026", "total", "amount"),
                         123456);
        assert_string_equal(status(f, "forecast", "2026"), cases[i].want);
        kpi_figures_free(f);
        kpi_dataset_free(ds);
    }
}

/* No status when the figure is not available (spend without postings.csv)
 * or has no total row with the target's stat (placed_children has no
 * median_days). The figures around are untouched. */
static void test_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = placed(2);
    add_target(ds, "spend", "amount", 1, 2);
    add_target(ds, "placed_children", "median_days", 1, 2);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(status_rows(f), 0);
    assert_null(find_row(f, "spend", "2026-01..2026-10", "total", "status"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The headline period. new_placements: B1 starts 2026-01-01 and B2
 * 2026-03-01: 0 in October, 2 to date; yellow 1 red 2 -> red, on to date
 * (to date before the month). disposed: B1 500 a month all 2026 = 6.000,
 * B2 500 in March: the year 6.500 kr., to date 5.000 + 500 = 5.500;
 * yellow 6.000 red 7.000 -> yellow on the year (to date would be green).
 * Each status row sits right after its figure's last row; the next
 * figure's rows follow it. */
static void test_headline_period_and_place(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    P(.child = "B1", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-12-31", .price = "500");
    P(.child = "B2", .type = "opholdssted", .start = "2026-03-01",
      .end = "2026-03-31", .price = "500");
    add_target(ds, "new_placements", NULL, 1, 2);
    add_target(ds, "disposed", "amount", 6000, 7000);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, "disposed", "2026", "total", "amount"),
                     650000);
    assert_int_equal(
        row_money(f, "disposed", "2026-01..2026-10", "total", "amount"),
        550000);
    assert_string_equal(status(f, "disposed", "2026"), "yellow");
    assert_null(status(f, "disposed", "2026-01..2026-10"));
    assert_int_equal(
        row_count(f, "new_placements", "2026-10", "total", "count"), 0);
    assert_int_equal(
        row_count(f, "new_placements", "2026-01..2026-10", "total", "count"),
        2);
    assert_string_equal(status(f, "new_placements", "2026-01..2026-10"), "red");
    assert_null(status(f, "new_placements", "2026-10"));
    /* Placement: the row before the status belongs to the same figure,
     * and no row of the figure follows it. */
    size_t n = kpi_figures_row_count(f);
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->stat, "status") != 0)
            continue;
        assert_true(i > 0 && i + 1 < n);
        assert_string_equal(kpi_figures_row(f, i - 1)->kpi_id, r->kpi_id);
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(kpi_figures_row(f, j)->kpi_id, r->kpi_id);
    }
    assert_int_equal(status_rows(f), 2);
    /* The typed lookup finds each figure's one status row, whatever its
     * period, and nothing for a figure without a target. */
    assert_ptr_equal(kpi_figures_status(f, "disposed"),
                     find_row(f, "disposed", "2026", "total", "status"));
    assert_int_equal(kpi_row_target_status(kpi_figures_status(f, "disposed")),
                     KPI_TARGET_YELLOW);
    assert_ptr_equal(kpi_figures_status(f, "new_placements"),
                     find_row(f, "new_placements", "2026-01..2026-10", "total",
                              "status"));
    assert_int_equal(
        kpi_row_target_status(kpi_figures_status(f, "new_placements")),
        KPI_TARGET_RED);
    assert_null(kpi_figures_status(f, "placed_children"));
    assert_null(kpi_figures_status(f, "no_such_figure"));
    assert_null(kpi_figures_status(NULL, "disposed"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* kpi_figures_insert: rows after the first and after the last row, two
 * after the same row keep their order; a bad position is refused. */
static void test_insert(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    size_t n = kpi_figures_row_count(f);
    assert_true(n >= 2);
    const kpi_row *first = kpi_figures_row(f, 0);
    const char *first_id = first->kpi_id,
               *last_id = kpi_figures_row(f, n - 1)->kpi_id;
    kpi_row rows[3];
    memset(rows, 0, sizeof rows);
    for (int i = 0; i < 3; i++) {
        rows[i].kpi_id = "x";
        rows[i].period = "p";
        rows[i].stat = i == 0 ? "a" : i == 1 ? "b" : "c";
        rows[i].kind = KPI_VALUE_COUNT;
        rows[i].integer = i;
    }
    size_t after[3] = {0, 0, n - 1};
    assert_int_equal(kpi_figures_insert(f, after, rows, 3), KPI_OK);
    assert_int_equal(kpi_figures_row_count(f), n + 3);
    assert_string_equal(kpi_figures_row(f, 0)->kpi_id, first_id);
    assert_string_equal(kpi_figures_row(f, 1)->stat, "a");
    assert_string_equal(kpi_figures_row(f, 2)->stat, "b");
    assert_string_equal(kpi_figures_row(f, n + 1)->kpi_id, last_id);
    assert_string_equal(kpi_figures_row(f, n + 2)->stat, "c");
    size_t bad[2] = {5, 1};
    assert_int_equal(kpi_figures_insert(f, bad, rows, 2), KPI_ERR_ARG);
    size_t past[1] = {n + 3};
    assert_int_equal(kpi_figures_insert(f, past, rows, 1), KPI_ERR_ARG);
    assert_int_equal(kpi_figures_row_count(f), n + 3);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_status_names(void **state)
{
    (void)state;
    static const struct {
        kpi_target_status s;
        const char *code, *name;
    } want[] = {
        {KPI_TARGET_NONE, "", ""},
        {KPI_TARGET_GREEN, "green", "Grøn"},
        {KPI_TARGET_YELLOW, "yellow", "Gul"},
        {KPI_TARGET_RED, "red", "Rød"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_string_equal(kpi_target_status_code(want[i].s), want[i].code);
        assert_string_equal(kpi_target_status_name(want[i].s), want[i].name);
        kpi_row r = {.kpi_id = "spend", .period = "2026", .stat = "status",
                     .kind = KPI_VALUE_TEXT, .text = want[i].code};
        assert_int_equal(kpi_row_target_status(&r), want[i].s);
    }
    /* Only a text row with stat "status" carries a status. */
    kpi_row r = {.kpi_id = "spend", .period = "2026", .stat = "count",
                 .kind = KPI_VALUE_TEXT, .text = "red"};
    assert_int_equal(kpi_row_target_status(&r), KPI_TARGET_NONE);
    r.stat = "status";
    r.kind = KPI_VALUE_COUNT;
    assert_int_equal(kpi_row_target_status(&r), KPI_TARGET_NONE);
    r.kind = KPI_VALUE_TEXT;
    r.text = "purple";
    assert_int_equal(kpi_row_target_status(&r), KPI_TARGET_NONE);
    assert_int_equal(kpi_row_target_status(NULL), KPI_TARGET_NONE);
    assert_string_equal(kpi_target_status_code((kpi_target_status)9), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_reversed),
        cmocka_unit_test(test_money_in_kroner),
        cmocka_unit_test(test_not_available),
        cmocka_unit_test(test_headline_period_and_place),
        cmocka_unit_test(test_insert),
        cmocka_unit_test(test_status_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
