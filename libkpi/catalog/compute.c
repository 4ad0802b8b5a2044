/* compute.c - kpi_figures_compute: every figure of the catalogue, in the
 * catalogue's order, then the target statuses. */
#include "catalog/catalog.h"

kpi_status kpi_figures_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               kpi_figures **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    /* Y+1 must be a valid year too: the disposition runs into it. */
    if (!dataset || m.year < 2 || m.year > 9998 || m.month < 1 ||
        m.month > 12)
        return KPI_ERR_ARG;
    const kpi_allocator *a = options ? options->allocator : NULL;
    kpi_figures *f = kpi_figures_new(a);
    if (!f)
        return KPI_ERR_NOMEM;
    kpi_context ctx;
    kpi_context_init(&ctx, dataset, m);
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        kpi_figure_fn fn = kpi_catalog_figure_fn(i);
        if (fn && (st = fn(f, &ctx)) != KPI_OK)
            break;
    }
    if (st == KPI_OK)
        st = kpi_targets_apply(f, &ctx);
    if (st == KPI_OK)
        st = kpi_case_lists_build(f, &ctx);
    if (st != KPI_OK) {
        kpi_figures_free(f);
        return st;
    }
    *out = f;
    return KPI_OK;
}
