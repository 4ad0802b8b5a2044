/* test_alloc_failure.c - every allocation libkpi makes can fail, and when
 * one does the operation reports KPI_ERR_NOMEM, frees what it had and
 * leaves nothing behind.
 *
 * A counting allocator (support_failing, without `from`) fails exactly
 * the n-th allocation (malloc or realloc) and lets every other one
 * succeed, so an allocation failure that is ignored cannot hide behind
 * the failures that would follow it. For
 * n = 1, 2, ... the whole chain runs on tests/fixtures/alloc (every input
 * file, a kpi.ini with every section): kpi_diagnostics_new,
 * kpi_dataset_load, kpi_figures_compute, kpi_export_write to a memory
 * stream, then what a pack needs: kpi_map_new, kpi_privacy_new for the
 * fagudvalg (suppression), kpi_dataset_subset for a team and the figures
 * of that subset, and kpi_dataset_subset for a caseworker. Each run either fails at one step with KPI_ERR_NOMEM or completes
 * with the reference export; the loop ends at the first n past the number
 * of allocations a complete run makes. The allocator counts live blocks,
 * so a leak is caught without ASan too (and ASan's leak check sees the
 * same). libcsv's own field buffer does not go through the allocator (its
 * realloc hook has no context pointer) and is not covered here. */
#include "support.h"

#include "kpi/read.h"
#include "kpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE KPI_FIXTURES "/alloc"

/* The steps of one run; the first that fails ends it. */
enum {
    STEP_DIAGS,
    STEP_LOAD,
    STEP_COMPUTE,
    STEP_EXPORT,
    STEP_MAP,
    STEP_PRIVACY,
    STEP_SUBSET_TEAM,
    STEP_SUBSET_COMPUTE,
    STEP_SUBSET_CASEWORKER,
    STEP_DONE
};
static const char *const step_names[] = {
    "kpi_diagnostics_new", "kpi_dataset_load",
    "kpi_figures_compute", "kpi_export_write",
    "kpi_map_new",         "kpi_privacy_new",
    "kpi_dataset_subset (team)", "kpi_figures_compute (team)",
    "kpi_dataset_subset (caseworker)", "done"};



typedef struct run_result {
    int step;          /* the step that failed, or STEP_DONE */
    kpi_status status; /* its status */
    char *export;      /* STEP_DONE: the export (malloc'd by libc) */
    size_t export_len;
} run_result;

static run_result run_chain(support_failing *c)
{
    kpi_allocator a = support_failing_allocator(c);
    run_result r = {STEP_DIAGS, KPI_ERR_NOMEM, NULL, 0};
    kpi_dataset *ds = NULL;
    kpi_figures *f = NULL;
    kpi_diagnostics *d = kpi_diagnostics_new(&a);
    if (!d)
        return r;
    r.step = STEP_LOAD;
    /* The budget through kpiread, as the kpi command reads it: its
     * allocations go through the same allocator. */
    kpi_budget_options bo = {"", 0};
    kpi_load_options lo = {.allocator = &a,
                           .budget_reader = kpi_budget_read,
                           .budget_reader_ctx = &bo};
    r.status = kpi_dataset_load(FIXTURE, &lo, &ds, d);
    if (r.status == KPI_ERR_INPUT)
        for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
            kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
    if (r.status == KPI_OK) {
        r.step = STEP_COMPUTE;
        kpi_compute_options co = {.allocator = &a};
        r.status = kpi_figures_compute(ds, (kpi_month){2026, 10}, &co, &f);
    }
    if (r.status == KPI_OK) {
        r.step = STEP_EXPORT;
        FILE *mem = open_memstream(&r.export, &r.export_len);
        assert_non_null(mem);
        r.status = kpi_export_write(f, mem);
        assert_int_equal(fclose(mem), 0);
        if (r.status != KPI_OK) {
            free(r.export);
            r.export = NULL;
        }
    }
    kpi_map *map = NULL;
    kpi_privacy *priv = NULL;
    kpi_dataset *team = NULL, *own = NULL;
    kpi_figures *team_f = NULL;
    if (r.status == KPI_OK) {
        r.step = STEP_MAP;
        r.status = kpi_map_new(&a, &map);
    }
    if (r.status == KPI_OK) {
        r.step = STEP_PRIVACY;
        kpi_audience au = {KPI_GROUP_FAGUDVALG, KPI_DETAIL_BREAKDOWNS, map};
        r.status = kpi_privacy_new(f, &au, &a, &priv);
    }
    if (r.status == KPI_OK) {
        r.step = STEP_SUBSET_TEAM;
        r.status = kpi_dataset_subset(ds, "Team Vest", NULL, &team);
    }
    if (r.status == KPI_OK) {
        r.step = STEP_SUBSET_COMPUTE;
        kpi_compute_options co = {.allocator = &a};
        r.status = kpi_figures_compute(team, (kpi_month){2026, 10}, &co,
                                       &team_f);
    }
    if (r.status == KPI_OK) {
        r.step = STEP_SUBSET_CASEWORKER;
        r.status = kpi_dataset_subset(ds, NULL, "SB3", &own);
    }
    if (r.status == KPI_OK) {
        r.step = STEP_DONE;
        /* The subsets are not empty: the fixture has both. */
        assert_true(kpi_dataset_measure_count(team) > 0);
        assert_true(kpi_dataset_measure_count(own) > 0);
    } else if (r.export) {
        free(r.export);
        r.export = NULL;
    }
    kpi_dataset_free(own);
    kpi_figures_free(team_f);
    kpi_dataset_free(team);
    kpi_privacy_free(priv);
    kpi_map_free(map);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    return r;
}

static void test_every_allocation_can_fail(void **state)
{
    (void)state;
    /* The reference: nothing fails. */
    support_failing ref = {0};
    run_result want = run_chain(&ref);
    assert_int_equal(want.step, STEP_DONE);
    assert_int_equal(atomic_load(&ref.live), 0);
    /* A test that cannot fail is worthless: the fixture must make the
     * chain allocate a lot and export real rows. */
    long ref_calls = atomic_load(&ref.calls);
    assert_true(ref_calls > 100);
    assert_non_null(strstr(want.export, "\nplaced_children;"));

    unsigned long n_failed[STEP_DONE] = {0};
    for (long n = 1;; n++) {
        support_failing c = {.fail = n};
        run_result got = run_chain(&c);
        if (atomic_load(&c.live) != 0)
            fail_msg("allocation %ld failed in %s: %ld block(s) leaked", n,
                     step_names[got.step], atomic_load(&c.live));
        if (atomic_load(&c.calls) < n) {
            /* Past the last allocation: the run completed. */
            assert_int_equal(got.step, STEP_DONE);
            assert_int_equal(n, ref_calls + 1);
            assert_int_equal(got.export_len, want.export_len);
            assert_memory_equal(got.export, want.export, want.export_len);
            free(got.export);
            break;
        }
        if (got.step == STEP_DONE) {
            /* An allocation failed and nobody noticed. */
            free(got.export);
            fail_msg("allocation %ld failed but the run succeeded", n);
        }
        if (got.status != KPI_ERR_NOMEM)
            fail_msg("allocation %ld failed in %s: status %d (%s), "
                     "expected KPI_ERR_NOMEM",
                     n, step_names[got.step], (int)got.status,
                     kpi_strerror(got.status));
        n_failed[got.step]++;
    }
    /* Every step was reached by some failure. */
    for (int s = 0; s < STEP_DONE; s++)
        if (n_failed[s] == 0 && s != STEP_EXPORT)
            fail_msg("no allocation failed in %s", step_names[s]);
    print_message("%ld allocations, each failed once:", ref_calls);
    for (int s = 0; s < STEP_DONE; s++)
        print_message(" %lu in %s%s", n_failed[s], step_names[s],
                      s + 1 < STEP_DONE ? "," : "\n");
    free(want.export);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_can_fail),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
