/*
 * catalog.h - the key-figure catalogue as the compute loop uses it
 * (internal); the public part is kpi.h's kpi_catalog_figure*().
 */
#ifndef KPI_CATALOG_H
#define KPI_CATALOG_H

#include "figures/figure.h"

/* The catalogue's compute function of the i-th figure; NULL when the
 * figure is not implemented yet. */
kpi_figure_fn kpi_catalog_figure_fn(size_t i);

/* Gives every figure with a [target.<kpi_id>] of kpi.ini its status row
 * (targets.c). Runs once, after every figure has been computed. */
kpi_status kpi_targets_apply(kpi_figures *f, const kpi_context *ctx);

/* Builds the case lists of the caseworker's own overview (caselist.c,
 * kpi.h: kpi_open_case, kpi_due_deadline). Runs once, after the figures. */
kpi_status kpi_case_lists_build(kpi_figures *f, const kpi_context *ctx);

#endif /* KPI_CATALOG_H */
