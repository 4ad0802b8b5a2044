/* spend.c - booked spend against the phased budget (SPEC §5 spend): for
 * M and to date, in total, per measure type, per category and per
 * kontoplan function, and the booked and budgeted amount of each month of
 * the series. */
#include "figures/figure.h"
#include "rules/booked.h"
#include "rules/budget.h"
#include "rules/functions.h"
#include "rules/orders.h"

/* The sums of one breakdown member of spend in one period. */
typedef struct spend_sums {
    kpi_money kind[KPI_POSTING_KIND_COUNT];
    kpi_money budget; /* phased budget of the period */
    kpi_money annual; /* annual budget */
} spend_sums;

static void spend_sums_add(spend_sums *to, const spend_sums *from)
{
    for (int k = 0; k < KPI_POSTING_KIND_COUNT; k++)
        to->kind[k] += from->kind[k];
    to->budget += from->budget;
    to->annual += from->annual;
}

typedef struct spend_job {
    kpi_figures *f;
    const kpi_context *ctx;
    const kpi_type_functions *functions;
    const char *period;
    bool has_budget;
    bool with_share;
} spend_job;

static kpi_status spend_emit(const spend_job *j, const char *dim,
                             const char *member, const spend_sums *s)
{
    static const char *const kind_stat[KPI_POSTING_KIND_COUNT] = {
        "expense", "income", "prior_year"};
    kpi_status st;
    kpi_money amount = 0;
    for (int k = 0; k < KPI_POSTING_KIND_COUNT; k++) {
        amount += s->kind[k];
        if ((st = kpi_figures_add_money(j->f, "spend", j->period, dim, member,
                                        kind_stat[k], s->kind[k])) != KPI_OK)
            return st;
    }
    if ((st = kpi_figures_add_money(j->f, "spend", j->period, dim, member,
                                    "amount", amount)) != KPI_OK)
        return st;
    if (!j->has_budget)
        return KPI_OK;
    if ((st = kpi_figures_add_money(j->f, "spend", j->period, dim, member,
                                    "budget", s->budget)) != KPI_OK ||
        (st = kpi_figures_add_money(j->f, "spend", j->period, dim, member,
                                    "deviation", amount - s->budget)) != KPI_OK)
        return st;
    /* The consumption percent is always against the whole year's budget:
     * 80 % used by October is on track, whatever the phasing. */
    if (j->with_share && s->annual != 0)
        return kpi_figures_add_real(j->f, "spend", j->period, dim, member,
                                    "share",
                                    (double)amount / (double)s->annual);
    return KPI_OK;
}

static spend_sums type_sums(const spend_job *j, const kpi_type_booked *b,
                            const kpi_type_budget *bud, bool month_only)
{
    spend_sums s;
    for (int k = 0; k < KPI_POSTING_KIND_COUNT; k++)
        s.kind[k] = month_only ? b->month[k] : b->to_date[k];
    s.budget = month_only ? bud->months[j->ctx->month.month - 1] : bud->to_date;
    s.annual = bud->annual;
    return s;
}

/* Emits one period's function breakdown: each function some relevant type
 * carries, in the chart of accounts' order, the types without one under
 * KPI_FUNCTION_NONE; nothing when no type has a function. */
static kpi_status spend_functions(const spend_job *j, const bool *relevant,
                                  const kpi_type_booked *booked,
                                  const kpi_type_budget *budgets,
                                  bool month_only)
{
    const kpi_type_functions *fns = j->functions;
    if (fns->n == 0)
        return KPI_OK;
    const kpi_allocator *a = j->ctx->alloc;
    spend_sums *sums = kpi_xcalloc(a, fns->n, sizeof *sums);
    bool *used = kpi_xcalloc(a, fns->n, sizeof *used);
    kpi_status st = sums && used ? KPI_OK : KPI_ERR_NOMEM;
    for (size_t t = 0; st == KPI_OK && t < j->ctx->ds->config->n_types; t++) {
        if (!relevant[t])
            continue;
        spend_sums s = type_sums(j, &booked[t], &budgets[t], month_only);
        spend_sums_add(&sums[fns->member_of[t]], &s);
        used[fns->member_of[t]] = true;
    }
    for (size_t m = 0; st == KPI_OK && m < fns->n; m++)
        if (used[m])
            st = spend_emit(j, "function", fns->members[m], &sums[m]);
    kpi_xfree(a, sums);
    kpi_xfree(a, used);
    return st;
}

/* Emits one period: the total, each relevant type by code, each category,
 * each function. */
static kpi_status spend_period(const spend_job *j, const uint16_t *order,
                               const bool *relevant,
                               const kpi_type_booked *booked,
                               const kpi_type_budget *budgets, bool month_only)
{
    const kpi_config *cfg = j->ctx->ds->config;
    spend_sums total = {{0}, 0, 0};
    spend_sums cat[KPI_CATEGORY_COUNT] = {{{0}, 0, 0}, {{0}, 0, 0}};
    kpi_status st;
    for (size_t t = 0; t < cfg->n_types; t++) {
        if (!relevant[t])
            continue;
        spend_sums s = type_sums(j, &booked[t], &budgets[t], month_only);
        spend_sums_add(&total, &s);
        spend_sums_add(&cat[cfg->types[t].category % KPI_CATEGORY_COUNT], &s);
    }
    if ((st = spend_emit(j, NULL, NULL, &total)) != KPI_OK)
        return st;
    for (size_t k = 0; k < cfg->n_types; k++) {
        size_t t = order[k];
        if (!relevant[t])
            continue;
        spend_sums s = type_sums(j, &booked[t], &budgets[t], month_only);
        if ((st = spend_emit(j, "measure_type", cfg->types[t].code, &s)) !=
            KPI_OK)
            return st;
    }
    for (int c = 0; c < KPI_CATEGORY_COUNT; c++)
        if ((st = spend_emit(j, "category", kpi_category_code((kpi_category)c),
                             &cat[c])) != KPI_OK)
            return st;
    return spend_functions(j, relevant, booked, budgets, month_only);
}

/* The series: booked (all kinds together, "amount") in each month
 * January..M of Y-1 and Y, and the phased budget of every month of Y (the
 * chart of budget against booked and forecast needs the whole year).
 * Totals only, ascending; M of Y is already written as the month. */
static kpi_status spend_series(kpi_figures *out, const kpi_context *ctx,
                               const kpi_type_budget *budgets)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n = ds->config->n_types;
    kpi_money booked[2][12] = {{0}};
    for (size_t i = 0; i < ds->postings.count; i++) {
        const kpi_posting *p = &ds->postings.items[i];
        if (p->type >= n || p->kind >= KPI_POSTING_KIND_COUNT || p->month < 1 ||
            p->month > ctx->month.month || p->year < ctx->year - 1 ||
            p->year > ctx->year)
            continue;
        booked[p->year - (ctx->year - 1)][p->month - 1] += p->amount;
    }
    kpi_money budget[12] = {0};
    for (size_t t = 0; t < n; t++)
        for (int mo = 0; mo < 12; mo++)
            budget[mo] += budgets[t].months[mo];
    bool has_budget = ds->present[KPI_FILE_BUDGET];
    kpi_status st = KPI_OK;
    for (int k = 0; k < 2 && st == KPI_OK; k++) {
        for (int mo = 1; mo <= 12 && st == KPI_OK; mo++) {
            bool is_y = k == 1;
            bool with_amount = mo <= ctx->month.month;
            bool with_budget = is_y && has_budget;
            if ((is_y && mo == ctx->month.month) ||
                (!with_amount && !with_budget))
                continue;
            char period[16];
            kpi_period_format(KPI_PERIOD_MONTH,
                              (kpi_month){ctx->year - 1 + k, mo},
                              KPI_PERIOD_STYLE_CODE, period, sizeof period);
            if (with_amount)
                st = kpi_figures_add_money(out, "spend", period, NULL, NULL,
                                           "amount", booked[k][mo - 1]);
            if (st == KPI_OK && with_budget)
                st = kpi_figures_add_money(out, "spend", period, NULL, NULL,
                                           "budget", budget[mo - 1]);
        }
    }
    return st;
}

kpi_status kpi_fig_spend(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_POSTINGS])
        return KPI_OK; /* not available: no rows */
    size_t n = ds->config->n_types;
    kpi_type_booked *booked = NULL;
    kpi_type_budget *budgets = NULL;
    uint16_t *order = NULL;
    bool *relevant = NULL;
    kpi_type_functions fns = {0};
    kpi_status st;
    if ((st = kpi_economy_booked(ctx, &booked)) != KPI_OK ||
        (st = kpi_economy_budgets(ctx, &budgets)) != KPI_OK ||
        (st = kpi_type_order(ctx, &order)) != KPI_OK ||
        (st = kpi_type_functions_build(ctx, &fns)) != KPI_OK)
        goto done;
    relevant = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *relevant);
    if (!relevant) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    /* A type belongs in spend when something was booked on it this year
     * or it has a budget; both periods list the same types. */
    for (size_t t = 0; t < n; t++)
        relevant[t] = booked[t].any || budgets[t].present;

    spend_job j = {
        out, ctx, &fns, ctx->period_month, ds->present[KPI_FILE_BUDGET], false};
    if ((st = spend_period(&j, order, relevant, booked, budgets, true)) !=
        KPI_OK)
        goto done;
    j.period = ctx->period_to_date;
    j.with_share = true;
    if ((st = spend_period(&j, order, relevant, booked, budgets, false)) !=
        KPI_OK)
        goto done;
    st = spend_series(out, ctx, budgets);
done:
    kpi_xfree(ctx->alloc, booked);
    kpi_xfree(ctx->alloc, budgets);
    kpi_xfree(ctx->alloc, order);
    kpi_xfree(ctx->alloc, relevant);
    kpi_type_functions_free(ctx, &fns);
    return st;
}
