/* new_cases.c - new cases (SPEC §5 Administration): the cases opened in
 * M, to date and in each month of the series, by the child's age on the
 * day the case was opened. */
#include "figures/figure.h"
#include "rules/flow.h"

kpi_status kpi_fig_new_cases(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_CASES])
        return KPI_OK;
    kpi_flow f;
    memset(&f, 0, sizeof f);
    /* A flow: the age on the day the case was opened (SPEC §4). */
    for (size_t i = 0; i < ds->cases.count; i++)
        kpi_flow_add(&f, ctx, ds->cases.items[i].opened,
                     ds->cases.items[i].birth);
    return kpi_flow_emit(out, "new_cases", ctx, &f, true);
}
