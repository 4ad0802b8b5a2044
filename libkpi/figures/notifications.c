/* notifications.c - notifications received (underretninger, SPEC §5
 * Administration). */
#include "figures/figure.h"
#include "rules/flow.h"

kpi_status kpi_fig_notifications(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_NOTIFICATIONS])
        return KPI_OK;
    kpi_flow f;
    memset(&f, 0, sizeof f);
    /* birth_date is optional (an anonymous notification, or one about an
     * unborn child): such a notification counts in the total only, and so
     * does one received before the birth date (age below 0). */
    for (size_t i = 0; i < ds->notifications.count; i++)
        kpi_flow_add(&f, ctx, ds->notifications.items[i].received,
                     ds->notifications.items[i].birth);
    return kpi_flow_emit(out, "notifications", ctx, &f, true);
}
