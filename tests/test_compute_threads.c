/* test_compute_threads.c - kpi_compute_options.threads (catalog/compute.c,
 * issue 15 item 2): the figures computed on several threads are the
 * serial run's, every row, disposition, issue and case-list entry in the
 * same order with the same values; a failure on any thread comes back as
 * the status the serial run gives, with nothing leaked. The allocators
 * here are thread-safe (malloc, or a counter kept with atomics), as the
 * header asks of them when threads > 1. */
#include "support.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define EXAMPLE KPI_FIXTURES "/../../examples/eksempel"

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Fails the test unless a and b hold the same rows and tables, in the
 * same order. */
static void assert_same_figures(const kpi_figures *a, const kpi_figures *b)
{
    assert_int_equal(kpi_figures_row_count(a), kpi_figures_row_count(b));
    for (size_t i = 0; i < kpi_figures_row_count(a); i++) {
        const kpi_row *x = kpi_figures_row(a, i), *y = kpi_figures_row(b, i);
        assert_string_equal(x->kpi_id, y->kpi_id);
        assert_string_equal(x->period, y->period);
        assert_string_equal(x->stat, y->stat);
        assert_true(same_text(x->dimension, y->dimension));
        assert_true(same_text(x->member, y->member));
        assert_true(same_text(x->dimension2, y->dimension2));
        assert_true(same_text(x->member2, y->member2));
        assert_true(same_text(x->text, y->text));
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->integer, y->integer);
        assert_memory_equal(&x->real, &y->real, sizeof x->real);
    }
    assert_int_equal(kpi_figures_disposition_count(a),
                     kpi_figures_disposition_count(b));
    for (size_t i = 0; i < kpi_figures_disposition_count(a); i++) {
        const kpi_disposition *x = kpi_figures_disposition(a, i),
                              *y = kpi_figures_disposition(b, i);
        assert_string_equal(x->measure_id, y->measure_id);
        assert_string_equal(x->child_id, y->child_id);
        assert_string_equal(x->measure_type, y->measure_type);
        assert_string_equal(x->caseworker, y->caseworker);
        assert_string_equal(x->team, y->team);
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_int_equal(x->assumed_end, y->assumed_end);
        assert_int_equal(x->price, y->price);
        assert_int_equal(x->unit, y->unit);
        assert_int_equal(x->monthly, y->monthly);
        assert_int_equal(x->this_year, y->this_year);
        assert_int_equal(x->next_year, y->next_year);
        assert_int_equal(x->month_amount, y->month_amount);
        assert_int_equal(x->active, y->active);
        assert_int_equal(x->ended, y->ended);
    }
    assert_int_equal(kpi_figures_issue_count(a), kpi_figures_issue_count(b));
    for (size_t i = 0; i < kpi_figures_issue_count(a); i++) {
        const kpi_issue *x = kpi_figures_issue(a, i),
                        *y = kpi_figures_issue(b, i);
        assert_string_equal(x->check, y->check);
        assert_string_equal(x->file, y->file);
        assert_int_equal(x->line, y->line);
        assert_string_equal(x->message, y->message);
    }
    assert_int_equal(kpi_figures_open_case_count(a),
                     kpi_figures_open_case_count(b));
    for (size_t i = 0; i < kpi_figures_open_case_count(a); i++) {
        const kpi_open_case *x = kpi_figures_open_case(a, i),
                            *y = kpi_figures_open_case(b, i);
        assert_string_equal(x->case_id, y->case_id);
        assert_string_equal(x->child_id, y->child_id);
        assert_string_equal(x->caseworker, y->caseworker);
        assert_string_equal(x->team, y->team);
        assert_string_equal(x->next_type, y->next_type);
        assert_int_equal(x->opened, y->opened);
        assert_int_equal(x->overdue, y->overdue);
        assert_int_equal(x->due_soon, y->due_soon);
        assert_int_equal(x->next_due, y->next_due);
        assert_int_equal(x->measures, y->measures);
        assert_int_equal(x->month_amount, y->month_amount);
    }
    assert_int_equal(kpi_figures_due_deadline_count(a),
                     kpi_figures_due_deadline_count(b));
    for (size_t i = 0; i < kpi_figures_due_deadline_count(a); i++) {
        const kpi_due_deadline *x = kpi_figures_due_deadline(a, i),
                               *y = kpi_figures_due_deadline(b, i);
        assert_string_equal(x->case_id, y->case_id);
        assert_string_equal(x->child_id, y->child_id);
        assert_string_equal(x->caseworker, y->caseworker);
        assert_string_equal(x->deadline_type, y->deadline_type);
        assert_string_equal(x->file, y->file);
        assert_int_equal(x->due, y->due);
        assert_int_equal(x->days, y->days);
        assert_int_equal(x->overdue, y->overdue);
        assert_int_equal(x->line, y->line);
    }
}

static kpi_figures *compute(const kpi_dataset *ds, kpi_month m,
                            bool rows_only, unsigned threads)
{
    kpi_compute_options o = {.rows_only = rows_only, .threads = threads};
    kpi_figures *f = NULL;
    assert_int_equal(kpi_figures_compute(ds, m, &o, &f), KPI_OK);
    assert_non_null(f);
    return f;
}

/* The example (examples/eksempel: every input file, budget, deadlines,
 * data_quality's issues) for 2026-10, with every table and rows only, and
 * for a month without a year before it (no last-year tasks): 0 (serial),
 * 2, 4 and 64 threads (more than there are tasks) give the same. */
static void test_example_serial_equals_threaded(void **state)
{
    (void)state;
    kpi_dataset *ds = support_load(EXAMPLE);
    const kpi_month months[] = {{2026, 10}, {2026, 1}, {2, 12}};
    const unsigned threads[] = {2, 4, 64};
    for (size_t k = 0; k < sizeof months / sizeof *months; k++)
        for (int rows_only = 0; rows_only < 2; rows_only++) {
            kpi_figures *serial = compute(ds, months[k], rows_only, 0);
            kpi_figures *one = compute(ds, months[k], rows_only, 1);
            assert_same_figures(serial, one);
            kpi_figures_free(one);
            for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
                kpi_figures *f =
                    compute(ds, months[k], rows_only, threads[t]);
                assert_same_figures(serial, f);
                kpi_figures_free(f);
            }
            /* The example is no empty test: it has every table. */
            if (k == 0 && !rows_only) {
                assert_true(kpi_figures_row_count(serial) > 1000);
                assert_true(kpi_figures_disposition_count(serial) > 100);
                assert_true(kpi_figures_issue_count(serial) > 0);
                assert_true(kpi_figures_open_case_count(serial) > 0);
                assert_true(kpi_figures_due_deadline_count(serial) > 0);
            }
            kpi_figures_free(serial);
        }
    kpi_dataset_free(ds);
}

/* Every allocation of the figures' allocator may fail on whichever
 * thread makes it: the call returns KPI_ERR_NOMEM as the serial run does
 * (no task's later status wins over it), *out is NULL and every block is
 * freed. Which call fails first differs from run to run with threads, so
 * the count steps over the calls of a whole serial run (the threaded run
 * makes all of those and more: its tasks' sets and their merge), failing
 * from there on; the serial run is the reference at each step. */
static void test_failure_on_any_thread(void **state)
{
    (void)state;
    kpi_dataset *ds = support_load(EXAMPLE);
    support_failing ref = {0};
    kpi_allocator a = support_failing_allocator(&ref);
    kpi_compute_options o = {.allocator = &a};
    kpi_figures *f = NULL;
    assert_int_equal(kpi_figures_compute(ds, (kpi_month){2026, 10}, &o, &f),
                     KPI_OK);
    kpi_figures_free(f);
    long total = atomic_load(&ref.calls);
    assert_true(total > 100);
    assert_int_equal(atomic_load(&ref.live), 0);
    long step = total / 97 ? total / 97 : 1;
    for (long n = 1; n <= total; n += step)
        for (unsigned threads = 0; threads <= 3; threads += 3) {
            support_failing c = {.fail = n, .from = true};
            a.ctx = &c;
            o.threads = threads;
            f = (kpi_figures *)&c; /* must be reset to NULL */
            assert_int_equal(
                kpi_figures_compute(ds, (kpi_month){2026, 10}, &o, &f),
                KPI_ERR_NOMEM);
            assert_null(f);
            assert_int_equal(atomic_load(&c.live), 0);
        }
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_serial_equals_threaded),
        cmocka_unit_test(test_failure_on_any_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
