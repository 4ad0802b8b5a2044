/* fuzz_compare.c - the comparison input of issue 18: the input is one file
 * of sammenligning/ (its first byte picks the name: a Statistikbank table
 * or a shared kpi export) beside a small valid measures.csv; the
 * comparison is loaded as `kpi export` loads it. Contract checked: an
 * input error comes with an error diagnostic, success with none. */
#include "fuzz_dataset.h"

#include <sys/stat.h>

static char sub[96];

static void remove_sub(void)
{
    rmdir(sub);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {
        "sammenligning/ANBAAR7.csv", "sammenligning/ISBU02.csv",
        "sammenligning/FOLK1A.csv", "sammenligning/nabo.csv"};
    /* The dataset is loaded below, with the comparison, not by the
     * shared loader (which computes every figure for each input). */
    (void)fuzz_load_and_compute;
    fuzz_write_measures();
    if (!sub[0]) {
        fuzz_path(sub, sizeof sub, "sammenligning");
        if (mkdir(sub, 0700) != 0)
            abort();
        atexit(remove_sub);
    }
    const char *name = names[size ? data[0] % 4 : 0];
    fuzz_write(name, size ? data + 1 : data, size ? size - 1 : 0);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    kpi_load_options lo = {0};
    if (!d || kpi_dataset_load(fuzz_dir_get(), &lo, &ds, d) != KPI_OK)
        abort();
    kpi_month m = {2026, 12};
    kpi_comparison *c = NULL;
    size_t before = kpi_diagnostics_error_count(d);
    kpi_status st = kpi_comparison_load(ds, NULL, fuzz_dir_get(), m, NULL, &c, d);
    if (st == KPI_OK && (!c || kpi_diagnostics_error_count(d) != before))
        abort();
    if (st == KPI_ERR_INPUT && (c || kpi_diagnostics_error_count(d) == before))
        abort();
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w")))
        abort();
    kpi_comparison_export_write(c, null);
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), null);
    kpi_comparison_free(c);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    fuzz_unlink(name);
    return 0;
}
