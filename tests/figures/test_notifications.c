/* test_notifications.c - the key figure notifications (SPEC §5) on small
 * hand-made datasets. Report month 2026-10 throughout: D = 2026-10-31, to
 * date = 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const TD = "2026-01..2026-10";

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

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_notifications_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("notifications", &ds);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notifications),
        cmocka_unit_test(test_notifications_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
