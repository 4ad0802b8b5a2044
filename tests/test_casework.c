/* test_casework.c - the administration figures of SPEC §5: new_cases,
 * notifications, closed_cases, deadlines_met, cases_per_caseworker,
 * complaints, management_reviews and inspections, on small hand-made
 * datasets. Report month 2026-10 throughout: D = 2026-10-31, to date =
 * 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

static const char *const M = "2026-10", *const TD = "2026-01..2026-10",
                         *const DAY = "2026-10-31";

static kpi_sym sym(kpi_dataset *ds, const char *s)
{
    kpi_sym out;
    assert_int_equal(kpi_symtab_intern(ds->syms, s, strlen(s), &out, NULL),
                     KPI_OK);
    return out;
}

static kpi_date opt_date(const char *s)
{
    return s ? D(s) : KPI_DATE_NONE;
}

static void add_case(kpi_dataset *ds, const char *id, const char *child,
                     const char *birth, const char *caseworker,
                     const char *opened, const char *closed)
{
    kpi_case *c = KPI_ARRAY_PUSH(ds->alloc, &ds->cases);
    assert_non_null(c);
    ds->present[KPI_FILE_CASES] = true;
    c->id = sym(ds, id);
    c->child = sym(ds, child);
    c->caseworker = sym(ds, caseworker);
    c->birth = D(birth);
    c->opened = D(opened);
    c->closed = opt_date(closed);
    c->target_group = KPI_TARGET_SOCIAL;
    c->line = (uint32_t)ds->cases.count + 1;
}

static void add_notification(kpi_dataset *ds, const char *birth,
                             const char *received)
{
    kpi_notification *n = KPI_ARRAY_PUSH(ds->alloc, &ds->notifications);
    assert_non_null(n);
    ds->present[KPI_FILE_NOTIFICATIONS] = true;
    char id[16];
    snprintf(id, sizeof id, "N%zu", ds->notifications.count);
    n->id = sym(ds, id);
    n->birth = opt_date(birth);
    n->received = D(received);
}

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

static void add_complaint(kpi_dataset *ds, const char *received,
                          const char *decided, kpi_outcome outcome)
{
    kpi_complaint *k = KPI_ARRAY_PUSH(ds->alloc, &ds->complaints);
    assert_non_null(k);
    ds->present[KPI_FILE_COMPLAINTS] = true;
    char id[16];
    snprintf(id, sizeof id, "K%zu", ds->complaints.count);
    k->id = sym(ds, id);
    k->case_id = sym(ds, "S1");
    k->received = D(received);
    k->decided = opt_date(decided);
    k->outcome = (uint8_t)outcome;
}

static void add_review(kpi_dataset *ds, const char *date)
{
    kpi_review *r = KPI_ARRAY_PUSH(ds->alloc, &ds->reviews);
    assert_non_null(r);
    ds->present[KPI_FILE_REVIEWS] = true;
    r->case_id = sym(ds, "S1");
    r->reviewer = sym(ds, "Leder");
    r->date = D(date);
}

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

static int64_t count(const kpi_figures *f, const char *id, const char *period,
                     const char *breakdown, const char *stat)
{
    return row_count(f, id, period, breakdown, stat);
}

/* The rows of one figure in export order as "period|breakdown|stat". */
static size_t rows_of(const kpi_figures *f, const char *id, char out[][128],
                      size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, id) != 0)
            continue;
        assert_true(n < cap);
        char bd[96];
        if (!r->dimension)
            snprintf(bd, sizeof bd, "total");
        else if (r->dimension2)
            snprintf(bd, sizeof bd, "%s=%s,%s=%s", r->dimension, r->member,
                     r->dimension2, r->member2);
        else
            snprintf(bd, sizeof bd, "%s=%s", r->dimension, r->member);
        snprintf(out[n++], 128, "%s|%s|%s", r->period, bd, r->stat);
    }
    return n;
}

static void assert_rows(const kpi_figures *f, const char *id,
                        const char *const *want, size_t n_want)
{
    static char got[256][128];
    size_t n = rows_of(f, id, got, 256);
    for (size_t i = 0; i < n && i < n_want; i++)
        assert_string_equal(got[i], want[i]);
    assert_int_equal(n, n_want);
}

/* ---- cases ----------------------------------------------------------------
 *
 * case child birth       caseworker opened      closed
 * K1   C1    2020-10-15  SB_A       2026-10-14  -           age 5 at opening
 * K2   C2    2020-10-15  SB_A       2026-10-15  -           6 (birthday)
 * K3   C3    2010-03-01  SB_B       2026-03-10  2026-10-31  16; closed on D
 * K4   C4    2003-01-01  SB_B       2026-10-01  -           23: no age group
 * K5   C5    2015-05-05  SB_A       2025-02-01  2026-02-10
 * K6   C6    2012-01-01  SB_C       2024-06-01  2025-10-31  SB_C's only case
 * K7   C7    2018-07-01  SB_B       2025-11-15  -           Nov: not series
 * K8   C8    2014-02-02  SB_A       2026-11-02  -           after D
 *
 * Measures: C1 almen_plejefamilie from 2026-10-20 (placed on D);
 * C2 almen_plejefamilie ending 2026-10-30 (not on D); C3 opholdssted
 * active on D (but K3 is closed on D); C7 familiebehandling (preventive)
 * and a cancelled opholdssted 2026-10-10..2026-10-09; C4 kostskole
 * ending on D (active on D, the end is inclusive); C9 (no case)
 * kontaktperson with caseworker SB_D, who has no case at all.
 */
static kpi_dataset *cases_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    add_case(ds, "K1", "C1", "2020-10-15", "SB_A", "2026-10-14", NULL);
    add_case(ds, "K2", "C2", "2020-10-15", "SB_A", "2026-10-15", NULL);
    add_case(ds, "K3", "C3", "2010-03-01", "SB_B", "2026-03-10", "2026-10-31");
    add_case(ds, "K4", "C4", "2003-01-01", "SB_B", "2026-10-01", NULL);
    add_case(ds, "K5", "C5", "2015-05-05", "SB_A", "2025-02-01", "2026-02-10");
    add_case(ds, "K6", "C6", "2012-01-01", "SB_C", "2024-06-01", "2025-10-31");
    add_case(ds, "K7", "C7", "2018-07-01", "SB_B", "2025-11-15", NULL);
    add_case(ds, "K8", "C8", "2014-02-02", "SB_A", "2026-11-02", NULL);
    P(.child = "C1", .caseworker = "SB_A", .type = "almen_plejefamilie",
      .start = "2026-10-20", .price = "30.000");
    P(.child = "C2", .caseworker = "SB_A", .type = "almen_plejefamilie",
      .start = "2026-01-01", .end = "2026-10-30", .price = "30.000");
    P(.child = "C3", .caseworker = "SB_B", .type = "opholdssted",
      .start = "2026-01-01", .price = "50.000");
    P(.child = "C7", .caseworker = "SB_B", .type = "familiebehandling",
      .start = "2026-01-01", .price = "5.000");
    P(.child = "C7", .caseworker = "SB_B", .type = "opholdssted",
      .start = "2026-10-10", .end = "2026-10-09", .price = "50.000");
    P(.child = "C4", .caseworker = "SB_B", .type = "kostskole",
      .start = "2026-08-01", .end = "2026-10-31", .price = "20.000");
    P(.child = "C9", .caseworker = "SB_D", .type = "kontaktperson",
      .start = "2026-01-01", .price = "3.000");
    return ds;
}

/* new_cases. M: K1 (0-5), K2 (6-11: opened on the 6th birthday), K4
 * (23 years: total only) = 3. To date: + K3 (opened 03-10 at 16: 15-17)
 * = 4. Series: 2025-02 K5 = 1, 2026-03 K3 = 1, the other 17 months 0; K6
 * (2024), K7 (2025-11, after M's month) and K8 (after D) nowhere. */
static void test_new_cases(void **state)
{
    (void)state;
    kpi_dataset *ds = cases_fixture();
    kpi_figures *f = support_compute(ds, M);
    const char *id = "new_cases";
    assert_int_equal(count(f, id, M, "total", "count"), 3);
    assert_int_equal(count(f, id, M, "age_group=0-5", "count"), 1);
    assert_int_equal(count(f, id, M, "age_group=6-11", "count"), 1);
    assert_null(find_row(f, id, M, "age_group=18-22", "count"));
    assert_int_equal(count(f, id, TD, "total", "count"), 4);
    assert_int_equal(count(f, id, TD, "age_group=15-17", "count"), 1);
    assert_int_equal(count(f, id, "2025-02", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-03", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 0);
    assert_null(find_row(f, id, "2025-11", "total", "count"));
    assert_null(find_row(f, id, "2026-03", "age_group=15-17", "count"));
    static const char *const want[] = {
        "2026-10|total|count",
        "2026-10|age_group=0-5|count",
        "2026-10|age_group=6-11|count",
        "2026-01..2026-10|total|count",
        "2026-01..2026-10|age_group=0-5|count",
        "2026-01..2026-10|age_group=6-11|count",
        "2026-01..2026-10|age_group=15-17|count",
        "2025-01|total|count",
        "2025-02|total|count",
        "2025-03|total|count",
        "2025-04|total|count",
        "2025-05|total|count",
        "2025-06|total|count",
        "2025-07|total|count",
        "2025-08|total|count",
        "2025-09|total|count",
        "2025-10|total|count",
        "2026-01|total|count",
        "2026-02|total|count",
        "2026-03|total|count",
        "2026-04|total|count",
        "2026-05|total|count",
        "2026-06|total|count",
        "2026-07|total|count",
        "2026-08|total|count",
        "2026-09|total|count",
    };
    assert_rows(f, id, want, sizeof want / sizeof *want);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* closed_cases. M: K3, closed on D = 1. To date: K3 + K5 (02-10) = 2.
 * Series: 2025-10 K6 = 1, 2026-02 K5 = 1. No breakdown. */
static void test_closed_cases(void **state)
{
    (void)state;
    kpi_dataset *ds = cases_fixture();
    kpi_figures *f = support_compute(ds, M);
    const char *id = "closed_cases";
    assert_int_equal(count(f, id, M, "total", "count"), 1);
    assert_int_equal(count(f, id, TD, "total", "count"), 2);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-02", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-09", "total", "count"), 0);
    assert_null(find_row(f, id, "2026-10", "age_group=15-17", "count"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

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
    assert_float_equal(row_real(f, id, DAY, "total", "mean"), 4.0 / 3.0,
                       1e-12);
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

/* ---- notifications ------------------------------------------------------
 * N1 born 2016-10-31, received 2026-10-31: 10 that day, 6-11.
 * N2 no birth date, received 2026-10-05: total only.
 * N3 born 2026-12-01 (unborn), received 2026-10-10: total only.
 * N4 born 2010-01-01, received 2026-05-05: 16, 15-17.
 * N5 no birth date, received 2025-10-20: series 2025-10.
 * N6 received 2026-11-01: after D, nowhere.
 * M: 3 (6-11: 1). To date: 4 (6-11: 1, 15-17: 1). */
static void test_notifications(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_notification(ds, "2016-10-31", "2026-10-31");
    add_notification(ds, NULL, "2026-10-05");
    add_notification(ds, "2026-12-01", "2026-10-10");
    add_notification(ds, "2010-01-01", "2026-05-05");
    add_notification(ds, NULL, "2025-10-20");
    add_notification(ds, "2012-01-01", "2026-11-01");
    kpi_figures *f = support_compute(ds, M);
    const char *id = "notifications";
    assert_int_equal(count(f, id, M, "total", "count"), 3);
    assert_int_equal(count(f, id, M, "age_group=6-11", "count"), 1);
    assert_int_equal(count(f, id, TD, "total", "count"), 4);
    assert_int_equal(count(f, id, TD, "age_group=6-11", "count"), 1);
    assert_int_equal(count(f, id, TD, "age_group=15-17", "count"), 1);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-05", "total", "count"), 1);
    assert_int_equal(count(f, id, "2025-01", "total", "count"), 0);
    static char got[64][128];
    /* 2 + 3 rows for M and to date, 19 series months. */
    assert_int_equal(rows_of(f, id, got, 64), 5 + 19);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
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

/* ---- complaints --------------------------------------------------------
 *      received    decided     outcome
 * K1   2026-09-01  2026-10-31  changed    decided ON D: decided, not pending
 * K2   2026-09-15  2026-10-05  remitted
 * K3   2026-08-01  2026-10-20  upheld
 * K4   2026-07-01  2026-10-10  dismissed
 * K5   2026-10-15  -           pending on D
 * K6   2026-06-01  2026-11-03  upheld     decided after D: pending on D
 * K7   2026-11-02  -           received after D: not pending on D
 * K8   2026-01-10  2026-02-20  upheld     to date, series 2026-02
 * K9   2025-03-01  2025-04-15  changed    series 2025-04
 * M: 4 decided: changed 1, dismissed 1, remitted 1, upheld 1;
 *    reversal_rate (1 + 1) / (4 - 1) = 2/3.
 * To date: 5: upheld 2; reversal_rate 2 / (5 - 1) = 0.5.
 * Pending on D: K5, K6 = 2. */
static void test_complaints(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_complaint(ds, "2026-09-01", "2026-10-31", KPI_OUTCOME_CHANGED);
    add_complaint(ds, "2026-09-15", "2026-10-05", KPI_OUTCOME_REMITTED);
    add_complaint(ds, "2026-08-01", "2026-10-20", KPI_OUTCOME_UPHELD);
    add_complaint(ds, "2026-07-01", "2026-10-10", KPI_OUTCOME_DISMISSED);
    add_complaint(ds, "2026-10-15", NULL, KPI_OUTCOME_NONE);
    add_complaint(ds, "2026-06-01", "2026-11-03", KPI_OUTCOME_UPHELD);
    add_complaint(ds, "2026-11-02", NULL, KPI_OUTCOME_NONE);
    add_complaint(ds, "2026-01-10", "2026-02-20", KPI_OUTCOME_UPHELD);
    add_complaint(ds, "2025-03-01", "2025-04-15", KPI_OUTCOME_CHANGED);
    kpi_figures *f = support_compute(ds, M);
    const char *id = "complaints";
    assert_int_equal(count(f, id, M, "total", "count"), 4);
    assert_float_equal(row_real(f, id, M, "total", "reversal_rate"), 2.0 / 3,
                       1e-12);
    assert_int_equal(count(f, id, M, "outcome=changed", "count"), 1);
    assert_int_equal(count(f, id, M, "outcome=dismissed", "count"), 1);
    assert_int_equal(count(f, id, M, "outcome=remitted", "count"), 1);
    assert_int_equal(count(f, id, M, "outcome=upheld", "count"), 1);
    assert_int_equal(count(f, id, TD, "total", "count"), 5);
    assert_int_equal(count(f, id, TD, "outcome=upheld", "count"), 2);
    assert_float_equal(row_real(f, id, TD, "total", "reversal_rate"), 0.5,
                       1e-12);
    assert_int_equal(count(f, id, DAY, "total", "pending"), 2);
    assert_int_equal(count(f, id, "2025-04", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-02", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-09", "total", "count"), 0);
    static const char *const head[] = {
        "2026-10|total|count",
        "2026-10|total|reversal_rate",
        "2026-10|outcome=changed|count",
        "2026-10|outcome=dismissed|count",
        "2026-10|outcome=remitted|count",
        "2026-10|outcome=upheld|count",
        "2026-01..2026-10|total|count",
        "2026-01..2026-10|total|reversal_rate",
        "2026-01..2026-10|outcome=changed|count",
        "2026-01..2026-10|outcome=dismissed|count",
        "2026-01..2026-10|outcome=remitted|count",
        "2026-01..2026-10|outcome=upheld|count",
        "2026-10-31|total|pending",
        "2025-01|total|count",
    };
    static char got[64][128];
    size_t n = rows_of(f, id, got, 64);
    assert_int_equal(n, 13 + 19);
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        assert_string_equal(got[i], head[i]);
    kpi_figures_free(f);
    kpi_dataset_free(ds);

    /* The same complaints reported for September, D = 2026-09-30: K1..K4
     * (decided in October) and K6 are pending = 5; K5 comes later. */
    ds = support_dataset();
    add_complaint(ds, "2026-09-01", "2026-10-31", KPI_OUTCOME_CHANGED);
    add_complaint(ds, "2026-09-15", "2026-10-05", KPI_OUTCOME_REMITTED);
    add_complaint(ds, "2026-08-01", "2026-10-20", KPI_OUTCOME_UPHELD);
    add_complaint(ds, "2026-07-01", "2026-10-10", KPI_OUTCOME_DISMISSED);
    add_complaint(ds, "2026-10-15", NULL, KPI_OUTCOME_NONE);
    add_complaint(ds, "2026-06-01", "2026-11-03", KPI_OUTCOME_UPHELD);
    f = support_compute(ds, "2026-09");
    assert_int_equal(count(f, id, "2026-09-30", "total", "pending"), 5);
    assert_int_equal(count(f, id, "2026-09", "total", "count"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Only a dismissed complaint: decided - dismissed = 0, so no
 * reversal_rate (not 0). */
static void test_complaints_no_reversal_rate(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_complaint(ds, "2026-09-01", "2026-10-02", KPI_OUTCOME_DISMISSED);
    kpi_figures *f = support_compute(ds, M);
    assert_int_equal(count(f, "complaints", M, "total", "count"), 1);
    assert_int_equal(count(f, "complaints", M, "outcome=dismissed", "count"),
                     1);
    assert_null(find_row(f, "complaints", M, "total", "reversal_rate"));
    assert_null(find_row(f, "complaints", TD, "total", "reversal_rate"));
    assert_int_equal(count(f, "complaints", DAY, "total", "pending"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* ---- management_reviews ------------------------------------------------
 * 2026-10-01 and 2026-10-31 (M: 2), 2026-01-15 (to date: 3), 2025-10-31
 * (series 2025-10), 2025-11-01 and 2026-11-01 (no period). */
static void test_management_reviews(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_review(ds, "2026-10-01");
    add_review(ds, "2026-10-31");
    add_review(ds, "2026-01-15");
    add_review(ds, "2025-10-31");
    add_review(ds, "2025-11-01");
    add_review(ds, "2026-11-01");
    kpi_figures *f = support_compute(ds, M);
    const char *id = "management_reviews";
    assert_int_equal(count(f, id, M, "total", "count"), 2);
    assert_int_equal(count(f, id, TD, "total", "count"), 3);
    assert_int_equal(count(f, id, "2025-10", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-01", "total", "count"), 1);
    assert_int_equal(count(f, id, "2026-09", "total", "count"), 0);
    static char got[64][128];
    assert_int_equal(rows_of(f, id, got, 64), 2 + 19);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
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
        "2026-01..2026-10|result=not_approved,reason=Mangler i "
        "medicinhåndtering|count",
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

/* ---- availability -------------------------------------------------------
 * Without their files the figures are not available: no rows at all. A
 * present but empty file gives zero totals (and no mean / share / rate). */
static void test_not_available(void **state)
{
    (void)state;
    static const char *const ids[] = {
        "new_cases",          "notifications",        "closed_cases",
        "deadlines_met",      "cases_per_caseworker", "complaints",
        "management_reviews", "inspections",
    };
    kpi_dataset *ds = support_dataset();
    P(.type = "kontaktperson", .start = "2026-01-01", .price = "3.000");
    kpi_figures *f = support_compute(ds, M);
    static char got[64][128];
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        assert_int_equal(rows_of(f, ids[i], got, 64), 0);
    kpi_figures_free(f);

    for (int file = KPI_FILE_CASES; file <= KPI_FILE_INSPECTIONS; file++)
        ds->present[file] = true;
    f = support_compute(ds, M);
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
        assert_true(rows_of(f, ids[i], got, 64) > 0);
    assert_int_equal(count(f, "new_cases", M, "total", "count"), 0);
    assert_int_equal(count(f, "deadlines_met", TD, "total", "count"), 0);
    assert_null(find_row(f, "deadlines_met", TD, "total", "share"));
    assert_int_equal(count(f, "complaints", DAY, "total", "pending"), 0);
    assert_null(find_row(f, "complaints", M, "total", "reversal_rate"));
    assert_int_equal(count(f, "inspections", "2025", "total", "count"), 0);
    /* The measure's caseworker SB1 counts with 0 open cases. */
    assert_int_equal(count(f, "cases_per_caseworker", DAY, "total", "count"),
                     0);
    assert_int_equal(count(f, "cases_per_caseworker", DAY, "total", "min"), 0);
    assert_true(row_real(f, "cases_per_caseworker", DAY, "total", "mean") ==
                0.0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* January: the series is January of Y-1 only (January of Y is M). */
static void test_january_series(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    add_review(ds, "2025-01-31");
    add_review(ds, "2026-01-01");
    add_review(ds, "2025-02-01");
    kpi_figures *f = support_compute(ds, "2026-01");
    static const char *const want[] = {
        "2026-01|total|count",
        "2026-01..2026-01|total|count",
        "2025-01|total|count",
    };
    assert_rows(f, "management_reviews", want, sizeof want / sizeof *want);
    assert_int_equal(
        count(f, "management_reviews", "2025-01", "total", "count"), 1);
    assert_int_equal(
        count(f, "management_reviews", "2026-01", "total", "count"), 1);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_cases),
        cmocka_unit_test(test_closed_cases),
        cmocka_unit_test(test_cases_per_caseworker),
        cmocka_unit_test(test_cases_per_caseworker_series),
        cmocka_unit_test(test_notifications),
        cmocka_unit_test(test_deadlines_met),
        cmocka_unit_test(test_deadlines_met_order),
        cmocka_unit_test(test_deadlines_nothing_settled),
        cmocka_unit_test(test_complaints),
        cmocka_unit_test(test_complaints_no_reversal_rate),
        cmocka_unit_test(test_management_reviews),
        cmocka_unit_test(test_inspections),
        cmocka_unit_test(test_not_available),
        cmocka_unit_test(test_january_series),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
