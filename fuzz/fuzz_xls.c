/* fuzz_xls.c - the .xls reader: kpi_sheets_open_buffer with the .xls
 * format runs the compound-file and BIFF scan for formula cells (biff.c)
 * on every input, in this process, then freexl in its child process; when
 * that gives a book, the budget search over it (fuzz_common.h). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_book(data, size, KPI_SHEETS_XLS, "budget.xls");
    return 0;
}
