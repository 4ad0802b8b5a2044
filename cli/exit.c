/*
 * exit.c - the one table from a library's kpi_status to the exit status
 * of SPEC §8. The libraries choose the status by what went wrong (the
 * input, or the machine); the command only looks it up here.
 */
#include "cli.h"

int cli_exit_code(kpi_status st)
{
    /* No default: the compiler names a status added to kpi.h and not
     * placed here. */
    switch (st) {
    case KPI_OK:
        return CLI_EXIT_OK;
    case KPI_ERR_INPUT:
    case KPI_ERR_RANGE:
        return CLI_EXIT_INPUT;
    case KPI_ERR_NOMEM:
    case KPI_ERR_IO:
    case KPI_ERR_ARG:
    case KPI_ERR_NOT_AVAILABLE:
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_ENV;
}

int cli_oom(void)
{
    fputs("kpi: out of memory\n", stderr);
    return CLI_EXIT_ENV;
}
