/* test_caselist.c - the case lists of a caseworker's own overview
 * (catalog/caselist.c; kpi.h: kpi_open_case, kpi_due_deadline) and the
 * disposition's active / ended / month_amount, on a hand-made dataset.
 * Report month 2026-10: D = 2026-10-31, D + 30 days = 2026-11-30.
 *
 * Cases (opened, closed):
 *   S1 child C1  2026-01-10  -           open
 *   S2 child C2  2026-10-31  -           open (opened on D)
 *   S3 child C3  2025-05-01  2026-10-31  closed on D: not open
 *                                        (cases_per_caseworker's rule)
 *   S4 child C4  2026-11-05  -           opened after D: not open
 * Deadlines (line, case, type, due, done):
 *   2 S1 followup_3m       2026-10-01  -           overdue, 30 days
 *   3 S1 investigation_4m  2026-10-20  2026-11-02  done after D: not known
 *                                                  on D, overdue, 11 days
 *   4 S1 supervision_visit 2026-10-31  -           due on D: due soon, 0
 *   5 S1 supervision_visit 2026-11-30  -           D + 30: due soon, 30
 *   6 S1 supervision_visit 2026-12-01  -           D + 31: not listed
 *   7 S1 followup_3m       2026-09-01  2026-08-30  done: not listed
 *   8 S3 followup_3m       2026-10-05  -           case not open: not listed
 * S1: overdue 2, due soon 2, next deadline 2026-10-01 followup_3m.
 * Measures of C1 (price, unit, start, end):
 *   M1 10.250,00 month 2026-10-16  -           active; October: 10.250 ×
 *      16/31 = 5.290,3226 -> 5.290,32 kr.
 *   M2    100,00 day   2026-01-01  2026-10-31  active (ends on D); October:
 *      31 × 100 = 3.100,00 kr.
 *   M3  5.000,00 month 2026-01-01  2026-10-30  ended in Y before D; October:
 *      5.000 × 30/31 = 4.838,7097 -> 4.838,71 kr.
 *   M4  2.000,00 month 2025-01-01  2025-12-31  ended last year: no row
 * S1: measures 2, October 5.290,32 + 3.100,00 = 8.390,32 kr.
 * S2: nothing due, no next deadline, no measures, 0 kr.
 * Open cases by opening date: S1, S2. Due deadlines overdue first, then by
 * date: lines 2, 3, 4, 5. */
#include "support.h"

#include <string.h>

static void open_case(kpi_dataset *ds, const char *id, const char *child,
                      const char *opened, const char *closed)
{
    kpi_case *c = KPI_ARRAY_PUSH(ds->alloc, &ds->cases);
    assert_non_null(c);
    ds->present[KPI_FILE_CASES] = true;
    *c = (kpi_case){.id = support_sym(ds, id), .child = support_sym(ds, child),
                    .caseworker = support_sym(ds, "SB1"), .team = support_sym(ds, ""),
                    .birth = D("2012-06-15"), .opened = D(opened),
                    .closed = closed ? D(closed) : KPI_DATE_NONE,
                    .line = (uint32_t)ds->cases.count + 1};
}

static void deadline(kpi_dataset *ds, const char *case_id, const char *type,
                     const char *due, const char *done)
{
    kpi_deadline *x = KPI_ARRAY_PUSH(ds->alloc, &ds->deadlines);
    assert_non_null(x);
    ds->present[KPI_FILE_DEADLINES] = true;
    *x = (kpi_deadline){.case_id = support_sym(ds, case_id),
                        .type = support_sym(ds, type), .due = D(due),
                        .done = done ? D(done) : KPI_DATE_NONE,
                        .line = (uint32_t)ds->deadlines.count + 1};
}

static kpi_dataset *fixture(void)
{
    kpi_dataset *ds = support_dataset();
    open_case(ds, "S1", "C1", "2026-01-10", NULL);
    open_case(ds, "S2", "C2", "2026-10-31", NULL);
    open_case(ds, "S3", "C3", "2025-05-01", "2026-10-31");
    open_case(ds, "S4", "C4", "2026-11-05", NULL);
    deadline(ds, "S1", "followup_3m", "2026-10-01", NULL);
    deadline(ds, "S1", "investigation_4m", "2026-10-20", "2026-11-02");
    deadline(ds, "S1", "supervision_visit", "2026-10-31", NULL);
    deadline(ds, "S1", "supervision_visit", "2026-11-30", NULL);
    deadline(ds, "S1", "supervision_visit", "2026-12-01", NULL);
    deadline(ds, "S1", "followup_3m", "2026-09-01", "2026-08-30");
    deadline(ds, "S3", "followup_3m", "2026-10-05", NULL);
    support_add_measure(ds, &(support_measure){.id = "M1", .child = "C1",
                                               .type = "kontaktperson",
                                               .start = "2026-10-16",
                                               .price = "10.250,00"});
    support_add_measure(ds, &(support_measure){.id = "M2", .child = "C1",
                                               .type = "kontaktperson",
                                               .start = "2026-01-01",
                                               .end = "2026-10-31",
                                               .price = "100,00",
                                               .unit = "day"});
    support_add_measure(ds, &(support_measure){.id = "M3", .child = "C1",
                                               .type = "kontaktperson",
                                               .start = "2026-01-01",
                                               .end = "2026-10-30",
                                               .price = "5.000,00"});
    support_add_measure(ds, &(support_measure){.id = "M4", .child = "C1",
                                               .type = "kontaktperson",
                                               .start = "2025-01-01",
                                               .end = "2025-12-31",
                                               .price = "2.000,00"});
    return ds;
}

static void test_open_cases(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(kpi_figures_open_case_count(f), 2);
    const kpi_open_case *c = kpi_figures_open_case(f, 0);
    assert_string_equal(c->case_id, "S1");
    assert_string_equal(c->child_id, "C1");
    assert_string_equal(c->caseworker, "SB1");
    assert_int_equal(c->opened, D("2026-01-10"));
    assert_int_equal(c->overdue, 2);
    assert_int_equal(c->due_soon, 2);
    assert_int_equal(c->next_due, D("2026-10-01"));
    assert_string_equal(c->next_type, "followup_3m");
    assert_int_equal(c->measures, 2);
    assert_int_equal(c->month_amount, KR("8.390,32"));
    c = kpi_figures_open_case(f, 1);
    assert_string_equal(c->case_id, "S2");
    assert_int_equal(c->overdue, 0);
    assert_int_equal(c->due_soon, 0);
    assert_int_equal(c->next_due, KPI_DATE_NONE);
    assert_string_equal(c->next_type, "");
    assert_int_equal(c->measures, 0);
    assert_int_equal(c->month_amount, 0);
    assert_null(kpi_figures_open_case(f, 2));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static void test_due_deadlines(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    static const struct {
        unsigned long line;
        const char *type, *due;
        int64_t days;
        bool overdue;
    } want[] = {
        {2, "followup_3m", "2026-10-01", -30, true},
        {3, "investigation_4m", "2026-10-20", -11, true},
        {4, "supervision_visit", "2026-10-31", 0, false},
        {5, "supervision_visit", "2026-11-30", 30, false},
    };
    assert_int_equal(kpi_figures_due_deadline_count(f), 4);
    for (size_t i = 0; i < 4; i++) {
        const kpi_due_deadline *x = kpi_figures_due_deadline(f, i);
        assert_string_equal(x->case_id, "S1");
        assert_string_equal(x->child_id, "C1");
        assert_string_equal(x->deadline_type, want[i].type);
        assert_int_equal(x->due, D(want[i].due));
        assert_int_equal(x->days, want[i].days);
        assert_int_equal(x->overdue, want[i].overdue);
        assert_int_equal(x->line, want[i].line);
        assert_string_equal(x->file, "deadlines.csv");
    }
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

static const kpi_disposition *disposition_of(const kpi_figures *f,
                                             const char *id)
{
    for (size_t i = 0; i < kpi_figures_disposition_count(f); i++)
        if (!strcmp(kpi_figures_disposition(f, i)->measure_id, id))
            return kpi_figures_disposition(f, i);
    return NULL;
}

static void test_disposition_state(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const kpi_disposition *d = disposition_of(f, "M1");
    assert_true(d->active);
    assert_false(d->ended);
    assert_int_equal(d->month_amount, KR("5.290,32"));
    d = disposition_of(f, "M2");
    assert_true(d->active);
    assert_false(d->ended);
    assert_int_equal(d->month_amount, KR("3.100,00"));
    d = disposition_of(f, "M3");
    assert_false(d->active);
    assert_true(d->ended);
    assert_int_equal(d->month_amount, KR("4.838,71"));
    assert_null(disposition_of(f, "M4"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without cases.csv there are no lists (not empty cases). */
static void test_no_cases_file(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(kpi_figures_open_case_count(f), 0);
    assert_int_equal(kpi_figures_due_deadline_count(f), 0);
    assert_null(kpi_figures_open_case(f, 0));
    assert_null(kpi_figures_due_deadline(NULL, 0));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_cases),
        cmocka_unit_test(test_due_deadlines),
        cmocka_unit_test(test_disposition_state),
        cmocka_unit_test(test_no_cases_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
