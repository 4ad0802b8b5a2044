/* management_reviews.c - management reviews (ledelsestilsyn, SPEC §5
 * Administration): the reviews carried out in M, to date and in each
 * month of the series. */
#include "figures/figure.h"
#include "rules/flow.h"

kpi_status kpi_fig_management_reviews(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_REVIEWS])
        return KPI_OK;
    kpi_flow f;
    memset(&f, 0, sizeof f);
    for (size_t i = 0; i < ds->reviews.count; i++)
        kpi_flow_add(&f, ctx, ds->reviews.items[i].date, KPI_DATE_NONE);
    return kpi_flow_emit(out, "management_reviews", ctx, &f, false);
}
