/* assumed_end.c - the assumed end of a measure (assumed_end.h). */
#include "rules/assumed_end.h"

kpi_date kpi_measure_assumed_end(const kpi_measure *m, const kpi_context *ctx)
{
    if (m->end != KPI_DATE_NONE)
        return m->end;
    if (m->planned_end != KPI_DATE_NONE && m->planned_end >= ctx->as_of)
        return m->planned_end;
    /* Once in the context: the figures ask for every measure, often. */
    return ctx->horizon;
}
