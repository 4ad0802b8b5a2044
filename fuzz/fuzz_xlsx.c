/* fuzz_xlsx.c - the .xlsx reader (minizip + expat) and the budget search
 * over what it reads. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_book(data, size, KPI_SHEETS_XLSX, "budget.xlsx");
    return 0;
}
