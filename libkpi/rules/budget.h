/*
 * budget.h - the budget as the economy figures use it (SPEC §3.9, §5
 * spend, forecast), internal: each line phased over the months, and the
 * lines summed per measure type. Arrays are allocated with ctx->alloc and
 * freed by the caller with kpi_xfree(ctx->alloc, p).
 */
#ifndef KPI_BUDGET_H
#define KPI_BUDGET_H

#include "rules/context.h"

/* The phased budget of one line: its twelve monthly amounts when the
 * workbook gives them, else the annual amount spread evenly with
 * cumulative rounding: January..m together get round(annual x m / 12), so
 * every to-date budget is the annual budget x m/12 rounded to whole øre
 * and the twelve months sum exactly to the annual amount. */
void kpi_budget_line_phase(const kpi_budget_line *b, kpi_money months[12]);

/* The budget of one measure type: the sum of all its budget lines (a
 * workbook kept by account may have several lines for one type). */
typedef struct kpi_type_budget {
    bool present; /* at least one budget line names the type */
    kpi_money annual;
    kpi_money months[12]; /* phased */
    kpi_money to_date;    /* months[0..M-1] summed */
} kpi_type_budget;

/* One kpi_type_budget per measure type (ds->config->n_types entries,
 * indexed by type) into *out; all zero when budget.csv is absent.
 * KPI_ERR_NOMEM. */
kpi_status kpi_economy_budgets(const kpi_context *ctx, kpi_type_budget **out);

#endif /* KPI_BUDGET_H */
