/* fuzz_common.h - what the spreadsheet fuzz targets share: read a buffer
 * as a book of the given format and, when that works, as the budget of a
 * dataset folder (the file `name` beside a small measures.csv), loaded as
 * the kpi command loads it: kpi_dataset_load with kpiread's
 * kpi_budget_read, then the figures of 2026-10. */
#ifndef KPI_FUZZ_COMMON_H
#define KPI_FUZZ_COMMON_H

#include "fuzz_dataset.h"

static void fuzz_book(const uint8_t *data, size_t size, kpi_sheets_format f,
                      const char *name)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets_options o;
    memset(&o, 0, sizeof o);
    o.format = f;
    o.label = "budget";
    o.soffice = ""; /* never start LibreOffice from a fuzzer */
    kpi_sheets *book = NULL;
    if (kpi_sheets_open_buffer(data, size, &o, &book, d) == KPI_OK) {
        fuzz_write_measures();
        fuzz_write(name, data, size);
        fuzz_load_and_compute();
        fuzz_unlink(name);
    }
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
}

#endif
