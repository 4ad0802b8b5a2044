/* test_complaints.c - the key figure complaints (SPEC §5) on small hand-made
 * datasets. Report month 2026-10 throughout: D = 2026-10-31, to date =
 * 2026-01..2026-10, series 2025-01..2025-10 and 2026-01..2026-09. */
#include "support.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>

static const char *const M = "2026-10";
static const char *const TD = "2026-01..2026-10";
static const char *const DAY = "2026-10-31";

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

/* Not available without its file; with it present but empty, rows (zero
 * totals). */
static void test_complaints_not_available(void **state)
{
    (void)state;
    kpi_dataset *ds = NULL;
    kpi_figures *f = admin_availability("complaints", &ds);
    assert_int_equal(count(f, "complaints", DAY, "total", "pending"), 0);
    assert_null(find_row(f, "complaints", M, "total", "reversal_rate"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_complaints),
        cmocka_unit_test(test_complaints_no_reversal_rate),
        cmocka_unit_test(test_complaints_not_available),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
