/* test_load_threads.c - kpi_load_options.threads: a load on two threads
 * (measures.csv's texts interned on the second, load_pipeline.c) gives
 * the same dataset as the serial load, symbol for symbol, and the same
 * messages in the same order: on the example, on every broken fixture,
 * and on files written here that fill several batches (4096 rows) with
 * errors and warnings among them. The allocator is malloc (NULL): the
 * counting allocator of test_alloc_failure.c stays serial. */
#include "support.h"

#include "input/load.h"
#include "kpi/read.h"

#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void same_diags(const kpi_diagnostics *a, const kpi_diagnostics *b,
                       const char *what)
{
    size_t n = kpi_diagnostics_count(a);
    if (n != kpi_diagnostics_count(b))
        fail_msg("%s: %zu diagnostics serial, %zu threaded", what, n,
                 kpi_diagnostics_count(b));
    for (size_t i = 0; i < n; i++) {
        const kpi_diagnostic *x = kpi_diagnostics_get(a, i);
        const kpi_diagnostic *y = kpi_diagnostics_get(b, i);
        if (x->severity != y->severity || strcmp(x->file, y->file) != 0 ||
            x->line != y->line || (!x->column) != (!y->column) ||
            (x->column && strcmp(x->column, y->column) != 0) ||
            strcmp(x->message, y->message) != 0)
            fail_msg("%s: diagnostic %zu differs:\n  %lu %s: %s\n  %lu %s: %s",
                     what, i, x->line, x->column ? x->column : "-", x->message,
                     y->line, y->column ? y->column : "-", y->message);
    }
}

static void same_symtab(const kpi_symtab *a, const kpi_symtab *b,
                        const char *what)
{
    size_t n = kpi_symtab_size(a);
    if (n != kpi_symtab_size(b))
        fail_msg("%s: %zu symbols serial, %zu threaded", what, n,
                 kpi_symtab_size(b));
    for (size_t s = 0; s < n; s++)
        if (strcmp(kpi_symtab_str(a, (kpi_sym)s),
                   kpi_symtab_str(b, (kpi_sym)s)) != 0)
            fail_msg("%s: symbol %zu is '%s' serial, '%s' threaded", what, s,
                     kpi_symtab_str(a, (kpi_sym)s),
                     kpi_symtab_str(b, (kpi_sym)s));
}

#define SAME_ARRAY(a, b, arr)                                                  \
    do {                                                                       \
        assert_int_equal((a)->arr.count, (b)->arr.count);                      \
        if ((a)->arr.count)                                                    \
            assert_memory_equal((a)->arr.items, (b)->arr.items,                \
                                (a)->arr.count * sizeof *(a)->arr.items);      \
    } while (0)

static void same_dataset(const kpi_dataset *a, const kpi_dataset *b,
                         const char *what)
{
    same_symtab(a->syms, b->syms, what);
    same_symtab(a->ids, b->ids, what);
    same_diags(a->warnings, b->warnings, what);
    /* kpi_measure has no padding (64 bytes, dataset.h), and the readers
     * zero their records before filling them. */
    SAME_ARRAY(a, b, measures);
    assert_int_equal(a->postings.count, b->postings.count);
    assert_int_equal(a->budget.count, b->budget.count);
    assert_int_equal(a->cases.count, b->cases.count);
    assert_int_equal(a->deadlines.count, b->deadlines.count);
    assert_int_equal(a->outcomes.count, b->outcomes.count);
}

/* Loads dir serially and on `threads` threads: the same status, messages
 * and dataset. */
static void same_load(const char *dir, unsigned threads)
{
    static kpi_budget_options bo = {"", 0};
    kpi_load_options serial = {NULL, kpi_budget_read, &bo, 0};
    kpi_load_options threaded = serial;
    threaded.threads = threads;
    kpi_diagnostics *da = kpi_diagnostics_new(NULL);
    kpi_diagnostics *db = kpi_diagnostics_new(NULL);
    kpi_dataset *a = NULL, *b = NULL;
    kpi_status sa = kpi_dataset_load(dir, &serial, &a, da);
    kpi_status sb = kpi_dataset_load(dir, &threaded, &b, db);
    if (sa != sb)
        fail_msg("%s: %s serial, %s threaded", dir, kpi_strerror(sa),
                 kpi_strerror(sb));
    same_diags(da, db, dir);
    assert_true((a == NULL) == (b == NULL));
    if (a)
        same_dataset(a, b, dir);
    kpi_dataset_free(a);
    kpi_dataset_free(b);
    kpi_diagnostics_free(da);
    kpi_diagnostics_free(db);
}

/* Reads dir/measures.csv alone into an empty dataset, serially and on two
 * threads: the symbols agree even when the file has errors (when
 * kpi_dataset_load gives no dataset to compare). */
static void same_measures(const char *dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/measures.csv", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fclose(f);
    kpi_dataset *a = kpi_dataset_new_empty(NULL);
    kpi_dataset *b = kpi_dataset_new_empty(NULL);
    assert_non_null(a);
    assert_non_null(b);
    kpi_diagnostics *da = kpi_diagnostics_new(NULL);
    kpi_diagnostics *db = kpi_diagnostics_new(NULL);
    kpi_status sa = kpi_table_read(a, &kpi_reader_measures, path, path, 0, da);
    kpi_status sb = kpi_table_read(b, &kpi_reader_measures, path, path, 2, db);
    assert_int_equal(sa, sb);
    same_diags(da, db, path);
    same_dataset(a, b, path);
    kpi_dataset_free(a);
    kpi_dataset_free(b);
    kpi_diagnostics_free(da);
    kpi_diagnostics_free(db);
}

static void test_example(void **state)
{
    (void)state;
    const char *dir = KPI_FIXTURES "/../../examples/eksempel";
    same_load(dir, 2);
    same_load(dir, 8);
    same_measures(dir);
}

/* Every folder of tests/fixtures/broken and tests/fixtures/load. */
static void test_fixtures(void **state)
{
    (void)state;
    const char *parents[] = {KPI_FIXTURES "/broken", KPI_FIXTURES "/load"};
    size_t seen = 0;
    for (size_t p = 0; p < 2; p++) {
        DIR *d = opendir(parents[p]);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (e->d_name[0] == '.')
                continue;
            char dir[1024];
            snprintf(dir, sizeof dir, "%s/%s", parents[p], e->d_name);
            same_load(dir, 2);
            same_measures(dir);
            seen++;
        }
        closedir(d);
    }
    assert_true(seen > 20);
}

#define HEADER                                                                 \
    "measure_id;child_id;family_id;birth_date;target_group;measure_type;"      \
    "legal_basis;provider;provider_kind;caseworker;team;start_date;"           \
    "end_date;monthly_cost\n"

/* rows measures over many batches; every `bad` rows one with an error
 * (0: none), and some warnings (cancelled grants, zero costs). ids
 * ascend unless `shuffled` (2: every 1000th repeats an earlier one). */
static char *write_measures(size_t rows, size_t bad, int shuffled)
{
    size_t cap = rows * 160 + 256;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "%s", HEADER);
    for (size_t i = 0; i < rows; i++) {
        size_t id = shuffled ? (i * 7919) % rows : i;
        if (shuffled > 1 && i % 1000 == 999)
            id = (i - 500) * 7919 % rows;
        bool error = bad && i % bad == bad - 1;
        const char *end = i % 97 == 5 ? "31-12-2025" : "";
        n += (size_t)snprintf(
            text + n, cap - n,
            "M%07zu;B%zu;%s%zu;2012-06-15;social;kostskole;SEL %zu;"
            "Tilbud %zu;own;SB%zu;%s;%s;%s;%s\n",
            id, (i * 31) % (rows / 2 + 1), i % 3 ? "F" : "B",
            i % 3 ? i % 5000 : (i * 31) % (rows / 2 + 1), i % 7, i % 41, i % 13,
            i % 4 ? "Team Øst" : "", error ? "2026-13-01" : "01-01-2026", end,
            i % 89 == 3 ? "0" : "1.234,50");
    }
    char *dir = support_tempdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/measures.csv", dir);
    support_write_file(path, text, n);
    free(text);
    return dir;
}

/* A file of write_measures loaded both ways, and measures.csv alone. */
static void same_written(size_t rows, size_t bad, int shuffled)
{
    char *dir = write_measures(rows, bad, shuffled);
    same_load(dir, 2);
    same_measures(dir);
    support_rmdir(dir);
}

static void test_many_batches(void **state)
{
    (void)state;
    same_written(30000, 0, 0);
    same_written(30000, 4000, 0); /* errors: no dataset, messages */
}

/* Unsorted ids, distinct and not: with duplicates the fast pass is thrown away
 * and the file read again the exact way, on two threads both times. */
static void test_reread(void **state)
{
    (void)state;
    same_written(20000, 0, 1); /* distinct: the sort says so */
    same_written(20000, 0, 2); /* duplicates: read again */
}

/* An allocation failing on either thread: the load gives KPI_ERR_NOMEM,
 * as the serial load does, and frees everything. Which allocation is the
 * n-th depends on the threads' timing, so each n is one sample. */
static void test_out_of_memory(void **state)
{
    (void)state;
    char *dir = write_measures(20000, 0, 0);
    support_failing c = {0};
    kpi_allocator a = support_failing_allocator(&c);
    kpi_load_options lo = {.allocator = &a, .threads = 2};
    kpi_dataset *ds = NULL;
    assert_int_equal(kpi_dataset_load(dir, &lo, &ds, NULL), KPI_OK);
    kpi_dataset_free(ds);
    assert_int_equal(atomic_load(&c.live), 0);
    long total = atomic_load(&c.calls);
    long step = total / 200 + 1;
    for (long n = 1; n <= total; n += step) {
        support_failing f = {.fail = n};
        kpi_allocator fa = support_failing_allocator(&f);
        lo.allocator = &fa;
        ds = NULL;
        kpi_status st = kpi_dataset_load(dir, &lo, &ds, NULL);
        if (st != KPI_ERR_NOMEM)
            fail_msg("allocation %ld of %ld failed: %s", n, total,
                     kpi_strerror(st));
        assert_null(ds);
        assert_int_equal(atomic_load(&f.live), 0);
    }
    support_rmdir(dir);
}

/* A loaded dataset's hash tables are freed (kpi_symtab_seal); interning
 * into it again finds the old symbols and adds new ones after them. */
static void test_sealed(void **state)
{
    (void)state;
    kpi_dataset *ds = support_load(KPI_FIXTURES "/../../examples/eksempel");
    size_t n = kpi_symtab_size(ds->syms);
    assert_true(n > 2);
    const char *old = kpi_symtab_str(ds->syms, (kpi_sym)(n - 1));
    kpi_sym s;
    assert_int_equal(kpi_symtab_intern(ds->syms, old, strlen(old), &s, NULL),
                     KPI_OK);
    assert_int_equal(s, n - 1);
    assert_int_equal(kpi_symtab_intern(ds->syms, "ny tekst", 8, &s, NULL),
                     KPI_OK);
    assert_int_equal(s, n);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example),       cmocka_unit_test(test_fixtures),
        cmocka_unit_test(test_many_batches),  cmocka_unit_test(test_reread),
        cmocka_unit_test(test_out_of_memory), cmocka_unit_test(test_sealed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
