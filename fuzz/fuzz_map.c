/* fuzz_map.c - reading back an edited recipient map
 * (noegletal-modtagere.xlsx): the .xlsx reader, then the search for the
 * map's sheets, headings, Kode rows, marks, cadences and details. */
#include "kpi/read.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets_options o;
    memset(&o, 0, sizeof o);
    o.format = KPI_SHEETS_XLSX;
    o.label = "noegletal-modtagere.xlsx";
    o.soffice = ""; /* never start LibreOffice from a fuzzer */
    kpi_sheets *book = NULL;
    kpi_map *map = NULL;
    if (d && kpi_sheets_open_buffer(data, size, &o, &book, d) == KPI_OK &&
        kpi_map_new(NULL, &map) == KPI_OK) {
        char err[512];
        kpi_map_read_book(book, o.label, map, err, sizeof err);
    }
    kpi_map_free(map);
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
    return 0;
}
