/* forecast.c - the forecast of the year's outturn against the annual
 * budget (SPEC §5 forecast): what the measures dispose in the whole of Y
 * (rules/disposal.h) plus the income and prior-year adjustments booked
 * to date, in total, per measure type, per category and per kontoplan
 * function. */
#include "figures/figure.h"
#include "rules/booked.h"
#include "rules/budget.h"
#include "rules/disposal.h"
#include "rules/functions.h"
#include "rules/orders.h"

typedef struct forecast_sums {
    kpi_money amount; /* expected outturn */
    kpi_money budget; /* annual budget */
} forecast_sums;

static kpi_status forecast_emit(kpi_figures *f, const kpi_context *ctx,
                                bool has_budget, const char *dim,
                                const char *member, const forecast_sums *s)
{
    const char *p = ctx->period_year;
    kpi_status st = kpi_figures_add_money(f, "forecast", p, dim, member,
                                          "amount", s->amount);
    if (st != KPI_OK || !has_budget)
        return st;
    kpi_money deviation = s->amount - s->budget;
    if ((st = kpi_figures_add_money(f, "forecast", p, dim, member, "budget",
                                    s->budget)) != KPI_OK ||
        (st = kpi_figures_add_money(f, "forecast", p, dim, member, "deviation",
                                    deviation)) != KPI_OK)
        return st;
    if (s->budget != 0)
        return kpi_figures_add_real(f, "forecast", p, dim, member, "share",
                                    (double)deviation / (double)s->budget);
    return KPI_OK;
}

kpi_status kpi_fig_forecast(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    /* Every row is the year's, and last year's rows keep none of those
     * (rules/context.h): there is no forecast of a year gone by. */
    if (!ds->present[KPI_FILE_MEASURES] || ctx->last_year)
        return KPI_OK;
    size_t n = ds->config->n_types;
    bool has_budget = ds->present[KPI_FILE_BUDGET];
    kpi_type_booked *booked = NULL;
    kpi_type_budget *budgets = NULL;
    uint16_t *order = NULL;
    forecast_sums *per_type = NULL;
    bool *relevant = NULL;
    kpi_type_functions fns = {0};
    forecast_sums *fn_sums = NULL; /* by function member */
    bool *fn_used = NULL;
    kpi_status st;
    if ((st = kpi_economy_booked(ctx, &booked)) != KPI_OK ||
        (st = kpi_economy_budgets(ctx, &budgets)) != KPI_OK ||
        (st = kpi_type_order(ctx, &order)) != KPI_OK ||
        (st = kpi_type_functions_build(ctx, &fns)) != KPI_OK)
        goto done;
    per_type = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *per_type);
    relevant = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *relevant);
    fn_sums = kpi_xcalloc(ctx->alloc, fns.n + 1, sizeof *fn_sums);
    fn_used = kpi_xcalloc(ctx->alloc, fns.n + 1, sizeof *fn_used);
    if (!per_type || !relevant || !fn_sums || !fn_used) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled || m->type >= n)
            continue;
        kpi_disposal d;
        kpi_measure_disposal_year(m, ctx, &d);
        if (!d.active_year)
            continue;
        per_type[m->type].amount += d.year;
        relevant[m->type] = true;
    }
    /* Income (sold places, reimbursements) and prior-year adjustments are
     * not in the disposition, so the booked ones to date are added. Without
     * postings.csv they are 0 and the forecast is the disposition alone. */
    for (size_t t = 0; t < n; t++) {
        kpi_money extra = booked[t].to_date[KPI_POSTING_INCOME] +
                          booked[t].to_date[KPI_POSTING_PRIOR_YEAR];
        per_type[t].amount += extra;
        per_type[t].budget = budgets[t].annual;
        if (extra != 0 || budgets[t].present)
            relevant[t] = true;
    }
    forecast_sums total = {0, 0};
    forecast_sums cat[KPI_CATEGORY_COUNT] = {{0, 0}, {0, 0}};
    for (size_t t = 0; t < n; t++) {
        if (!relevant[t])
            continue;
        forecast_sums *c =
            &cat[ds->config->types[t].category % KPI_CATEGORY_COUNT];
        total.amount += per_type[t].amount;
        total.budget += per_type[t].budget;
        c->amount += per_type[t].amount;
        c->budget += per_type[t].budget;
        if (fns.n) {
            forecast_sums *fs = &fn_sums[fns.member_of[t]];
            fs->amount += per_type[t].amount;
            fs->budget += per_type[t].budget;
            fn_used[fns.member_of[t]] = true;
        }
    }
    if ((st = forecast_emit(out, ctx, has_budget, NULL, NULL, &total)) !=
        KPI_OK)
        goto done;
    for (size_t k = 0; k < n; k++) {
        size_t t = order[k];
        if (relevant[t] &&
            (st = forecast_emit(out, ctx, has_budget, "measure_type",
                                ds->config->types[t].code, &per_type[t])) !=
                KPI_OK)
            goto done;
    }
    for (int c = 0; c < KPI_CATEGORY_COUNT; c++)
        if ((st = forecast_emit(out, ctx, has_budget, "category",
                                kpi_category_code((kpi_category)c), &cat[c])) !=
            KPI_OK)
            goto done;
    for (size_t m = 0; m < fns.n; m++)
        if (fn_used[m] &&
            (st = forecast_emit(out, ctx, has_budget, "function",
                                fns.members[m], &fn_sums[m])) != KPI_OK)
            goto done;
done:
    kpi_xfree(ctx->alloc, booked);
    kpi_xfree(ctx->alloc, budgets);
    kpi_xfree(ctx->alloc, order);
    kpi_xfree(ctx->alloc, per_type);
    kpi_xfree(ctx->alloc, relevant);
    kpi_xfree(ctx->alloc, fn_sums);
    kpi_xfree(ctx->alloc, fn_used);
    kpi_type_functions_free(ctx, &fns);
    return st;
}
