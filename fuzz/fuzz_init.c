/* fuzz_init.c - `kpi init`: the input is measures.csv of an otherwise
 * empty folder; kpi_proposal_make reads it (headers, values, type names)
 * and its proposal, written as kpi.ini, must parse: the folder is then
 * loaded and computed as the kpi command would after `kpi init`. */
#include "fuzz_dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("measures.csv", data, size);
    kpi_proposal *p = NULL;
    kpi_status st = kpi_proposal_make(fuzz_dir_get(), NULL, &p, NULL);
    if (st != KPI_OK && st != KPI_ERR_NOMEM)
        abort(); /* a folder that exists is always read */
    if (p) {
        const char *text = kpi_proposal_text(p);
        if (!*text)
            abort();
        for (size_t i = 0; i < kpi_proposal_open_count(p); i++)
            if (!kpi_proposal_open(p, i))
                abort();
        fuzz_write("kpi.ini", (const uint8_t *)text, strlen(text));
        kpi_proposal_free(p);
        /* What init writes is valid kpi.ini, whatever the export holds:
         * no problem may name kpi.ini. */
        kpi_diagnostics *d = kpi_diagnostics_new(NULL);
        kpi_dataset *ds = NULL;
        kpi_load_options lo = {0};
        if (!d)
            abort();
        (void)kpi_dataset_load(fuzz_dir_get(), &lo, &ds, d);
        for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
            if (strstr(kpi_diagnostics_get(d, i)->file, "kpi.ini")) {
                kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
                abort();
            }
        kpi_dataset_free(ds);
        kpi_diagnostics_free(d);
        fuzz_load_and_compute();
        fuzz_unlink("kpi.ini");
    }
    fuzz_unlink("measures.csv");
    return 0;
}
