/* fuzz_config.c - kpi.ini: the input is the whole kpi.ini of a folder whose
 * measures.csv is a small valid file (so a kpi.ini that parses goes on to
 * the column aliases, type catalogue, targets, reimbursement rules and
 * recipients of a real load and the figures that use them). */
#include "fuzz_dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write_measures();
    fuzz_write("kpi.ini", data, size);
    fuzz_load_and_compute();
    fuzz_unlink("kpi.ini");
    return 0;
}
