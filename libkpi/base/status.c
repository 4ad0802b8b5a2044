/* status.c - words for the status codes. */
#include "kpi.h"

const char *kpi_strerror(kpi_status status)
{
    /* No default: the compiler flags a status without a message. */
    switch (status) {
    case KPI_OK:
        return "success";
    case KPI_ERR_NOMEM:
        return "out of memory";
    case KPI_ERR_INPUT:
        return "invalid input data";
    case KPI_ERR_IO:
        return "input/output error";
    case KPI_ERR_ARG:
        return "invalid argument";
    case KPI_ERR_RANGE:
        return "value out of range";
    case KPI_ERR_NOT_AVAILABLE:
        return "not available from the inputs present";
    }
    return "unknown status";
}
