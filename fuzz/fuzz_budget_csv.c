/* fuzz_budget_csv.c - budget.csv: libkpi's CSV reader as a sheet, then
 * the header search and the budget lines. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_book(data, size, KPI_SHEETS_CSV, "budget.csv");
    return 0;
}
