/* fuzz_xls.c - the .xls reader: the compound-file and BIFF scan for
 * formula cells (biff.c) on every input, and freexl plus the budget
 * search through a temporary file (freexl reads paths only). */
#include "fuzz_common.h"
#include "sheet_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kpi_biff_formulas f;
    if (kpi_biff_find_formulas(NULL, data, size, &f) == KPI_OK)
        kpi_biff_formulas_free(NULL, &f);
    fuzz_book(data, size, KPI_SHEETS_XLS, "budget.xls");
    return 0;
}
