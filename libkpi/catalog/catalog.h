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

/* kpi_figures_compute, with (last_year) or without the rows for the same
 * day, month and to-date period a year earlier that follow each figure's
 * own (compute.c). Without them only for the figures' unit tests, which
 * pin the rows a figure function writes; test_last_year.c tests them. */
kpi_status kpi_catalog_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               bool last_year, kpi_figures **out);

#endif /* KPI_CATALOG_H */
