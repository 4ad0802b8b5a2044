/* fuzz_common.h - what the fuzz targets share: read a buffer as a book of
 * the given format and, when that works, as a budget. */
#ifndef KPI_FUZZ_COMMON_H
#define KPI_FUZZ_COMMON_H

#include "budget.h"
#include "input/dataset.h"

static void fuzz_book(const uint8_t *data, size_t size, kpi_sheets_format f)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets_options o;
    memset(&o, 0, sizeof o);
    o.format = f;
    o.label = "budget";
    o.soffice = ""; /* never start LibreOffice from a fuzzer */
    kpi_sheets *book = NULL;
    if (kpi_sheets_open_buffer(data, size, &o, &book, d) == KPI_OK) {
        kpi_dataset *ds = kpi_dataset_new_empty(NULL);
        if (ds)
            kpi_budget_read_book(book, "budget", ds, d);
        kpi_dataset_free(ds);
    }
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
}

#endif
