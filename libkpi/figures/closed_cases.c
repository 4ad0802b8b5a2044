/* closed_cases.c - closed cases (SPEC §5 Administration): the cases
 * closed in M, to date and in each month of the series. */
#include "figures/figure.h"
#include "rules/flow.h"

kpi_status kpi_fig_closed_cases(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_CASES])
        return KPI_OK;
    kpi_flow f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; i < ds->cases.count; i++)
        kpi_flow_add(&f, ctx, ds->cases.items[i].closed, KPI_DATE_NONE);
    return kpi_flow_emit(out, "closed_cases", ctx, &f, false);
}
