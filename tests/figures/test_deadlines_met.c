/* test_deadlines_met.c - the key figure deadlines_met (SPEC §5) on small
 * hand-made datasets. Report month 2026-10 throughout: D = 2026-10-31, to
 * date = 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const TD = "2026-01..2026-10";

static void add_deadline(kpi_dataset *ds, const char *type, const char *due,
                         const char *done)
{
    kpi_deadline *x = KPI_ARRAY_PUSH(ds->alloc, &ds->deadlines);
    assert_non_null(x);
    ds->present[KPI_FILE_DEADLINES] = true;
    x->case_id = sym(ds, "S1");
    x->type = sym(ds, type);
    x->due = D(due);
    x->done = opt_date(done);
}

/* ---- deadlines_met ------------------------------------------------------
 * type              due         done
 * DL1  notif_24h    2026-10-10  2026-10-10  met (done on its due day)
 * DL2  notif_24h    2026-10-12  2026-10-13  missed (late)
 * DL3  invest_4m    2026-10-20  -           missed, open past due
 * DL4  invest_4m    2026-10-31  -           due on D: still open, count only
 * DL5  followup_3m  2026-10-15  2026-11-05  done after D: on D not done,
 *                                           missed, open past due
 * DL6  followup_3m  2026-10-01  2026-09-20  met (early)
 * DL7  invest_4m    2026-03-05  2026-03-01  met
 * DL8  invest_4m    2026-03-20  2026-04-02  missed
 * DL9  notif_24h    2025-06-01  2025-06-01  met (series 2025-06)
 * DL10 followup_3m  2025-12-01  -           December: no period
 * DL11 followup_3m  2026-04-30  -           missed, open past due
 * DL12 supervision  2026-02-10  2026-02-09  met: to date only, no M rows
 *
 * M (DL1-6): count 6, met 2, missed 3, open_past_due 2, share 2/5 = 0.4.
 *   followup_3m (DL5, DL6): 2, 1, 1, 1, share 1/2.
 *   investigation_4m (DL3, DL4): 2, 0, 1, 1, share 0/1 = 0.
 *   notification_24h (DL1, DL2): 2, 1, 1, 0, share 1/2.
 * To date (+ DL7, DL8, DL11, DL12): count 10, met 4, missed 5,
 *   open_past_due 3, share 4/9.
 *   followup_3m (DL5, DL6, DL11): 3, 1, 2, 2, share 1/3.
 *   investigation_4m (DL3, DL4, DL7, DL8): 4, 1, 2, 1, share 1/3.
 *   supervision_visit (DL12): 1, 1, 0, 0, share 1.
 * Series (share): 2025-06 1, 2026-02 1, 2026-03 1/2, 2026-04 0; others have
 * nothing settled and no row. */
static kpi_dataset *deadlines_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    add_deadline(ds, "notification_24h", "2026-10-10", "2026-10-10");
    add_deadline(ds, "notification_24h", "2026-10-12", "2026-10-13");
    add_deadline(ds, "investigation_4m", "2026-10-20", NULL);
    add_deadline(ds, "investigation_4m", "2026-10-31", NULL);
    add_deadline(ds, "followup_3m", "2026-10-15", "2026-11-05");
    add_deadline(ds, "followup_3m", "2026-10-01", "2026-09-20");
    add_deadline(ds, "investigation_4m", "2026-03-05", "2026-03-01");
    add_deadline(ds, "investigation_4m", "2026-03-20", "2026-04-02");
    add_deadline(ds, "notification_24h", "2025-06-01", "2025-06-01");
    add_deadline(ds, "followup_3m", "2025-12-01", NULL);
    add_deadline(ds, "followup_3m", "2026-04-30", NULL);
    add_deadline(ds, "supervision_visit", "2026-02-10", "2026-02-09");
    return ds;
}

static void test_deadlines_met(void **state)
{
    (void)state;
    kpi_dataset *ds = deadlines_fixture();
    kpi_figures *f = support_compute(ds, M);
    const char *id = "deadlines_met";
    assert_int_equal(count(f, id, M, "total", "count"), 6);
    assert_int_equal(count(f, id, M, "total", "met"), 2);
    assert_int_equal(count(f, id, M, "total", "missed"), 3);
    assert_int_equal(count(f, id, M, "total", "open_past_due"), 2);
    assert_float_equal(row_real(f, id, M, "total", "share"), 0.4, 1e-12);
    const char *fu = "deadline_type=followup_3m",
               *inv = "deadline_type=investigation_4m",
               *nt = "deadline_type=notification_24h";
    assert_int_equal(count(f, id, M, fu, "count"), 2);
    assert_int_equal(count(f, id, M, fu, "met"), 1);
    assert_int_equal(count(f, id, M, fu, "missed"), 1);
    assert_int_equal(count(f, id, M, fu, "open_past_due"), 1);
    assert_float_equal(row_real(f, id, M, fu, "share"), 0.5, 1e-12);
    assert_int_equal(count(f, id, M, inv, "count"), 2);
    assert_int_equal(count(f, id, M, inv, "met"), 0);
    assert_int_equal(count(f, id, M, inv, "missed"), 1);
    assert_int_equal(count(f, id, M, inv, "open_past_due"), 1);
    assert_float_equal(row_real(f, id, M, inv, "share"), 0.0, 1e-12);
    /* DL1, done on its due day, is met. */
    assert_int_equal(count(f, id, M, nt, "count"), 2);
    assert_int_equal(count(f, id, M, nt, "met"), 1);
    assert_int_equal(count(f, id, M, nt, "missed"), 1);
    assert_int_equal(count(f, id, M, nt, "open_past_due"), 0);
    assert_float_equal(row_real(f, id, M, nt, "share"), 0.5, 1e-12);

    assert_int_equal(count(f, id, TD, "total", "count"), 10);
    assert_int_equal(count(f, id, TD, "total", "met"), 4);
    assert_int_equal(count(f, id, TD, "total", "missed"), 5);
    assert_int_equal(count(f, id, TD, "total", "open_past_due"), 3);
    assert_float_equal(row_real(f, id, TD, "total", "share"), 4.0 / 9, 1e-12);
    assert_int_equal(count(f, id, TD, "deadline_type=supervision_visit", "met"),
                     1);
    assert_null(find_row(f, id, M, "deadline_type=supervision_visit", "count"));
    assert_float_equal(row_real(f, id, "2026-02", "total", "share"), 1.0,
                       1e-12);
    assert_int_equal(count(f, id, TD, fu, "count"), 3);
    assert_int_equal(count(f, id, TD, fu, "missed"), 2);
    assert_int_equal(count(f, id, TD, fu, "open_past_due"), 2);
    assert_float_equal(row_real(f, id, TD, fu, "share"), 1.0 / 3, 1e-12);
    assert_int_equal(count(f, id, TD, inv, "count"), 4);
    assert_int_equal(count(f, id, TD, inv, "met"), 1);
    assert_int_equal(count(f, id, TD, inv, "missed"), 2);
    assert_int_equal(count(f, id, TD, inv, "open_past_due"), 1);
    assert_float_equal(row_real(f, id, TD, inv, "share"), 1.0 / 3, 1e-12);

    assert_float_equal(row_real(f, id, "2025-06", "total", "share"), 1.0,
                       1e-12);
    assert_float_equal(row_real(f, id, "2026-03", "total", "share"), 0.5,
                       1e-12);
    assert_float_equal(row_real(f, id, "2026-04", "total", "share"), 0.0,
                       1e-12);
    assert_null(find_row(f, id, "2025-12", "total", "share"));
    assert_null(find_row(f, id, "2026-01", "total", "share"));
    assert_null(find_row(f, id, "2026-03", "total", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_deadlines_met_order(void **state)
{
    (void)state;
    kpi_dataset *ds = deadlines_fixture();
    kpi_figures *f = support_compute(ds, M);
    static const char *const want[] = {
        "2026-10|total|count",
        "2026-10|total|met",
        "2026-10|total|missed",
        "2026-10|total|open_past_due",
        "2026-10|total|share",
        "2026-10|deadline_type=followup_3m|count",
        "2026-10|deadline_type=followup_3m|met",
        "2026-10|deadline_type=followup_3m|missed",
        "2026-10|deadline_type=followup_3m|open_past_due",
        "2026-10|deadline_type=followup_3m|share",
        "2026-10|deadline_type=investigation_4m|count",
        "2026-10|deadline_type=investigation_4m|met",
        "2026-10|deadline_type=investigation_4m|missed",
        "2026-10|deadline_type=investigation_4m|open_past_due",
        "2026-10|deadline_type=investigation_4m|share",
        "2026-10|deadline_type=notification_24h|count",
        "2026-10|deadline_type=notification_24h|met",
        "2026-10|deadline_type=notification_24h|missed",
        "2026-10|deadline_type=notification_24h|open_past_due",
        "2026-10|deadline_type=notification_24h|share",
        "2026-01..2026-10|total|count",
        "2026-01..2026-10|total|met",
        "2026-01..2026-10|total|missed",
        "2026-01..2026-10|total|open_past_due",
        "2026-01..2026-10|total|share",
        "2026-01..2026-10|deadline_type=followup_3m|count",
        "2026-01..2026-10|deadline_type=followup_3m|met",
        "2026-01..2026-10|deadline_type=followup_3m|missed",
        "2026-01..2026-10|deadline_type=followup_3m|open_past_due",
        "2026-01..2026-10|deadline_type=followup_3m|share",
        "2026-01..2026-10|deadline_type=investigation_4m|count",
        "2026-01..2026-10|deadline_type=investigation_4m|met",
        "2026-01..2026-10|deadline_type=investigation_4m|missed",
        "2026-01..2026-10|deadline_type=investigation_4m|open_past_due",
        "2026-01..2026-10|deadline_type=investigation_4m|share",
        "2026-01..2026-10|deadline_type=notification_24h|count",
        "2026-01..2026-10|deadline_type=notification_24h|met",
        "2026-01..2026-10|deadline_type=notification_24h|missed",
        "2026-01..2026-10|deadline_type=notification_24h|open_past_due",
        "2026-01..2026-10|deadline_type=notification_24h|share",
        "2026-01..2026-10|deadline_type=supervision_visit|count",
        "2026-01..2026-10|deadline_type=supervision_visit|met",
        "2026-01..2026-10|deadline_type=supervision_visit|missed",
        "2026-01..2026-10|deadline_type=supervision_visit|open_past_due",
        "2026-01..2026-10|deadline_type=supervision_visit|share",
        "2025-06|total|share",
        "2026-02|total|share",
        "2026-03|total|share",
        "2026-04|total|share",
    };
    assert_rows(f, "deadlines_met", want, sizeof want / sizeof *want);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Only DL4-like deadlines in M (due on D, not done): nothing is settled,
 * so count 1, met / missed / open_past_due 0 and no share (never 0). */
static void test_deadlines_nothing_settled(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_deadline(ds, "investigation_4m", "2026-10-31", NULL);
    kpi_figures *f = support_compute(ds, M);
    const char *id = "deadlines_met";
    assert_int_equal(count(f, id, M, "total", "count"), 1);
    assert_int_equal(count(f, id, M, "total", "missed"), 0);
    assert_int_equal(count(f, id, M, "total", "open_past_due"), 0);
    assert_null(find_row(f, id, M, "total", "share"));
    assert_null(find_row(f, id, M, "deadline_type=investigation_4m", "share"));
    /* The same deadline a month later is open past due and missed. */
    kpi_figures_free(f);
    f = support_compute(ds, "2026-11");
    assert_int_equal(count(f, id, "2026-01..2026-11", "total", "missed"), 1);
    assert_int_equal(count(f, id, "2026-01..2026-11", "total", "open_past_due"),
                     1);
    assert_float_equal(row_real(f, id, "2026-10", "total", "share"), 0.0,
                       1e-12);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Per caseworker, to date: the deadline's case's caseworker (cases.csv).
 * The fixture's twelve deadlines are on case S1 (SB_A): to date as above,
 *   count 10, met 4, missed 5, open past due 3, share 4/9.
 * Case S2 (SB_B): investigation_4m due 2026-05-10 not done (missed, open
 *   past due); notification_24h due 2026-07-01 done that day (met):
 *   count 2, met 1, missed 1, open past due 1, share 1/2.
 * Case S9 is in no case record: its followup_3m due 2026-06-01, done on
 *   time, counts in the total only.
 * Total to date: count 10 + 2 + 1 = 13, met 4 + 1 + 1 = 6, missed 5 + 1
 *   = 6, open past due 3 + 1 = 4. SB_A before SB_B, after the types. */
static void test_deadlines_per_caseworker(void **state)
{
    (void)state;
    kpi_dataset *ds = deadlines_fixture();
    add_case(ds, "S1", "C1", "2015-01-01", "SB_A", "2025-01-01", NULL);
    add_case(ds, "S2", "C2", "2015-01-01", "SB_B", "2025-01-01", NULL);
    const char *const more[][4] = {
        {"S2", "investigation_4m", "2026-05-10", NULL},
        {"S2", "notification_24h", "2026-07-01", "2026-07-01"},
        {"S9", "followup_3m", "2026-06-01", "2026-06-01"},
    };
    for (size_t i = 0; i < 3; i++) {
        add_deadline(ds, more[i][1], more[i][2], more[i][3]);
        ds->deadlines.items[ds->deadlines.count - 1].case_id =
            sym(ds, more[i][0]);
    }
    kpi_figures *f = support_compute(ds, M);
    const char *id = "deadlines_met", *a = "caseworker=SB_A",
               *b = "caseworker=SB_B";
    const struct {
        const char *breakdown;
        int64_t count, met, missed, open;
    } want[] = {
        {a, 10, 4, 5, 3}, {b, 2, 1, 1, 1}, {"total", 13, 6, 6, 4}};
    for (size_t i = 0; i < 3; i++) {
        const char *w = want[i].breakdown;
        assert_int_equal(count(f, id, TD, w, "count"), want[i].count);
        assert_int_equal(count(f, id, TD, w, "met"), want[i].met);
        assert_int_equal(count(f, id, TD, w, "missed"), want[i].missed);
        assert_int_equal(count(f, id, TD, w, "open_past_due"), want[i].open);
    }
    assert_near(row_real(f, id, TD, a, "share"), 4.0 / 9.0, 1e-12);
    assert_near(row_real(f, id, TD, b, "share"), 0.5, 1e-12);
    assert_null(find_row(f, id, M, a, "count")); /* to date only */
    assert_true(row_index(f, id, TD, "deadline_type=supervision_visit",
                          "count") < row_index(f, id, TD, a, "count"));
    assert_true(row_index(f, id, TD, a, "share") <
                row_index(f, id, TD, b, "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_deadlines_met_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("deadlines_met", &ds);
    assert_int_equal(count(f, "deadlines_met", TD, "total", "count"), 0);
    assert_null(find_row(f, "deadlines_met", TD, "total", "share"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deadlines_met),
        cmocka_unit_test(test_deadlines_met_order),
        cmocka_unit_test(test_deadlines_nothing_settled),
        cmocka_unit_test(test_deadlines_met_not_available),
        cmocka_unit_test(test_deadlines_per_caseworker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
