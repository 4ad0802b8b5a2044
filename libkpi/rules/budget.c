/* budget.c - phased budgets per measure type (budget.h). */
#include "rules/budget.h"

void kpi_budget_line_phase(const kpi_budget_line *b, kpi_money months[12])
{
    if (b->has_months) {
        memcpy(months, b->months, 12 * sizeof months[0]);
        return;
    }
    /* Cumulative rounding: the to-date budget of month m is always
     * round(annual x m / 12), as a controller works it out by hand. */
    kpi_money before = 0;
    for (int m = 1; m <= 12; m++) {
        kpi_money upto = kpi_div_round(b->annual * m, 12);
        months[m - 1] = upto - before;
        before = upto;
    }
}

kpi_status kpi_economy_budgets(const kpi_context *ctx, kpi_type_budget **out)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n = ds->config->n_types;
    kpi_type_budget *b = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *b);
    if (!b)
        return KPI_ERR_NOMEM;
    if (ds->present[KPI_FILE_BUDGET]) {
        for (size_t i = 0; i < ds->budget.count; i++) {
            const kpi_budget_line *line = &ds->budget.items[i];
            if (line->type >= n)
                continue;
            kpi_type_budget *t = &b[line->type];
            kpi_money months[12];
            kpi_budget_line_phase(line, months);
            t->present = true;
            t->annual += line->annual;
            for (int m = 0; m < 12; m++)
                t->months[m] += months[m];
        }
        for (size_t t = 0; t < n; t++)
            for (int m = 0; m < ctx->month.month; m++)
                b[t].to_date += b[t].months[m];
    }
    *out = b;
    return KPI_OK;
}
