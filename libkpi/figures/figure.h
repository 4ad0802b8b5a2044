/*
 * figure.h - what a key figure is (internal): one function per figure,
 * one file per function, libkpi/figures/<id>.c, listed in the catalogue
 * (catalog/catalog.c).
 *
 * A figure function reads the dataset through the context and appends its
 * rows with kpi_figures_add*() (results/rows.h). It must add rows in a
 * deterministic order: periods as the figure defines them, the total
 * first, then each breakdown dimension in the catalogue's order, members
 * sorted by their code (bytewise, rules/orders.h) except age groups,
 * which come youngest first (rules/age_groups.h). A figure whose input
 * files are missing adds no rows (not available, never zero). What
 * several figures share is a rule in libkpi/rules/.
 */
#ifndef KPI_FIGURE_H
#define KPI_FIGURE_H

#include "results/rows.h"
#include "rules/context.h"

typedef kpi_status (*kpi_figure_fn)(kpi_figures *out, const kpi_context *ctx);

/* The figure functions, one per key figure (catalog.c lists them). */
kpi_status kpi_fig_placed_children(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_new_placements(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_preventive_families(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_spend(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_disposed(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_forecast(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_recipients_price(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_high_cost_cases(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_own_vs_purchased(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_caseworker_spend(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_provider_prices(kpi_figures *out, const kpi_context *ctx);
/* Issue 3: the remaining figures. */
kpi_status kpi_fig_placement_duration(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_waiting_list(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_preventive_duration(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_school_absence(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_goal_attainment(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_new_cases(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_notifications(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_closed_cases(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_deadlines_met(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_cases_per_caseworker(kpi_figures *out,
                                        const kpi_context *ctx);
kpi_status kpi_fig_complaints(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_management_reviews(kpi_figures *out,
                                      const kpi_context *ctx);
kpi_status kpi_fig_inspections(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_data_quality(kpi_figures *out, const kpi_context *ctx);

#endif /* KPI_FIGURE_H */
