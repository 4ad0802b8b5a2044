/* load.c - loading a dataset folder: kpi.ini, then every input file of
 * SPEC §3, each through its reader (load_*.c) and the typed-cell helpers
 * of load_table.c. All problems of all files are collected before giving
 * up. */
#include "input/load.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the folder -------------------------------------------------------- */

static const kpi_file_reader *const readers[KPI_FILE_COUNT] = {
    [KPI_FILE_MEASURES] = &kpi_reader_measures,
    [KPI_FILE_CASES] = &kpi_reader_cases,
    [KPI_FILE_NOTIFICATIONS] = &kpi_reader_notifications,
    [KPI_FILE_DEADLINES] = &kpi_reader_deadlines,
    [KPI_FILE_COMPLAINTS] = &kpi_reader_complaints,
    [KPI_FILE_REVIEWS] = &kpi_reader_reviews,
    [KPI_FILE_INSPECTIONS] = &kpi_reader_inspections,
    [KPI_FILE_WAITLIST] = &kpi_reader_waitlist,
    [KPI_FILE_OUTCOMES] = &kpi_reader_outcomes,
    [KPI_FILE_POSTINGS] = &kpi_reader_postings,
    /* KPI_FILE_BUDGET: budget.c, through the caller's budget reader. */
};

/* Records the worst status: NOMEM over IO over INPUT. */
static void worst(kpi_status *acc, kpi_status st)
{
    static const int rank[] = {
        [KPI_OK] = 0,        [KPI_ERR_INPUT] = 1, [KPI_ERR_RANGE] = 1,
        [KPI_ERR_ARG] = 1,   [KPI_ERR_NOT_AVAILABLE] = 1,
        [KPI_ERR_IO] = 2,    [KPI_ERR_NOMEM] = 3,
    };
    size_t n = sizeof rank / sizeof rank[0];
    int r = (size_t)st < n ? rank[st] : 1;
    if (r > rank[*acc])
        *acc = st;
}

/* ds->syms' hash table sized once for measures.csv at path: about two
 * new texts (child, family) a row of some 180 bytes, at most 8 million.
 * Grown step by step it rehashed every symbol about twice, a tenth of
 * interning the million. Only a guess: a failure is no error. */
static void reserve_symbols(kpi_dataset *ds, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || sb.st_size <= 0)
        return;
    uintmax_t n = (uintmax_t)sb.st_size / 90;
    (void)kpi_symtab_reserve(ds->syms, n < (1u << 23) ? (size_t)n : 1u << 23);
}

static kpi_status load_file(kpi_dataset *ds, const char *dir, kpi_file f,
                            const kpi_load_options *options,
                            kpi_diagnostics *diags)
{
    const kpi_allocator *a = ds->alloc;
    if (f == KPI_FILE_BUDGET)
        return kpi_budget_load_file(ds, dir, options, diags);
    const char *name = ds->config->files[f] ? ds->config->files[f]
                                             : kpi_file_name(f);
    char *path = kpi_path_join(a, dir, name);
    if (!path)
        return KPI_ERR_NOMEM;
    kpi_status st = KPI_OK;
    if (!kpi_path_exists(path)) {
        if (f == KPI_FILE_MEASURES || ds->config->files[f])
            st = kpi_file_not_found(path, f == KPI_FILE_MEASURES, diags);
        kpi_xfree(a, path);
        return st;
    }
    ds->present[f] = true;
    if (f == KPI_FILE_MEASURES)
        reserve_symbols(ds, path);
    unsigned threads = options ? options->threads : 0;
    st = kpi_table_read(ds, readers[f], path, path,
                        f == KPI_FILE_MEASURES ? threads : 0, diags);
    kpi_xfree(a, path);
    return st;
}

kpi_status kpi_dataset_load(const char *dir, const kpi_load_options *options,
                            kpi_dataset **out, kpi_diagnostics *diags)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (!dir)
        return KPI_ERR_ARG;
    const kpi_allocator *a = options ? options->allocator : NULL;
    kpi_dataset *ds = kpi_dataset_new_empty(a);
    if (!ds)
        return KPI_ERR_NOMEM;
    kpi_status result = KPI_OK;
    size_t errors_before = kpi_diagnostics_error_count(diags);

    char *ini = kpi_path_join(ds->alloc, dir, "kpi.ini");
    if (!ini) {
        kpi_dataset_free(ds);
        return KPI_ERR_NOMEM;
    }
    if (kpi_path_exists(ini))
        worst(&result,
              kpi_config_read(ds->alloc, ds->config, ini, ini, diags));
    kpi_xfree(ds->alloc, ini);

    for (int f = 0; f < KPI_FILE_COUNT && result != KPI_ERR_NOMEM; f++)
        worst(&result, load_file(ds, dir, (kpi_file)f, options, diags));
    if (result == KPI_OK && kpi_diagnostics_error_count(diags) > errors_before)
        result = KPI_ERR_INPUT;

    if (result != KPI_OK) {
        kpi_dataset_free(ds);
        return result;
    }
    /* Nothing interns into a loaded dataset: give its hash tables back. */
    kpi_symtab_seal(ds->syms);
    kpi_symtab_seal(ds->ids);
    *out = ds;
    return KPI_OK;
}
