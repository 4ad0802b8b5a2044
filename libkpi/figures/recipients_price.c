/* recipients_price.c - full-year recipients and average prices (SPEC §5
 * recipients_price), with the budget's assumptions and the split of the
 * deviation into a quantity and a price effect.
 *
 * Groups are the total, each measure type and each category. A child's
 * days are counted once per group however many measures of the group
 * overlap (SPEC §4: days with at least one active measure): the full-year
 * recipients of rules/full_year.h.
 *
 * The quantity and price effects of a category and of the total are the
 * sums of their types' effects (SPEC §5), not the formula applied to the
 * group's own N and P: a total's distinct children are on another basis
 * than the budget assumptions summed over types, and even on the summed
 * basis the formula would hide the shift between dear and cheap types.
 * Beside the summed budget assumptions every row also gets the full-year
 * recipients and the average price summed over types (*_summed: a child
 * with two types counts in both; a type's equal its own); the distinct
 * full_year_recipients and average_price stay (docs/figures/
 * recipients_price.md). */
#include "figures/figure.h"
#include "rules/assumed_end.h"
#include "rules/full_year.h"
#include "rules/orders.h"

#include <math.h>
#include <stdlib.h>

#define KPI_ID "recipients_price"

/* Per group: the counts of one period and the year's money. */
typedef struct group {
    int64_t days_year, days_to_date;
    kpi_money cost;   /* whole-year disposed */
    kpi_money booked; /* booked income + prior_year to date */
    kpi_money annual; /* annual budget */
    size_t lines, assumed_lines;
    double nb;     /* Σ budget full-year recipients */
    double nb_pb;  /* Σ Nb × Pb, for the weighted price */
    double pb_sum; /* Σ Pb, for the unweighted fallback */
    int64_t days_summed; /* category and total: Σ of their types' days */
    kpi_money qe, pe;    /* category and total: Σ of their types' effects */
    bool included;
} group;

/* The groups of a measure: its type, then n_types + its category, then
 * n_types + KPI_CATEGORY_COUNT for the total. */
static size_t recipient_groups(const kpi_measure *m, void *arg,
                               size_t groups[KPI_FULL_YEAR_MAX_GROUPS])
{
    const kpi_dataset *ds = arg;
    size_t n_types = ds->config->n_types;
    groups[0] = m->type;
    groups[1] = n_types + kpi_dataset_type(ds, m->type)->category;
    groups[2] = n_types + KPI_CATEGORY_COUNT;
    return 3;
}

/* The budget's assumptions are only comparable when every budget line
 * of the group carries them: otherwise N would count recipients Nb leaves
 * out. */
static bool has_assumptions(const group *g)
{
    return g->lines > 0 && g->assumed_lines == g->lines;
}

/* Pb: the budget's average price, weighted by Nb (unweighted when every
 * Nb is 0). */
static kpi_money budget_price(const group *g)
{
    return g->nb > 0 ? (kpi_money)llround(g->nb_pb / g->nb)
                     : (kpi_money)llround(g->pb_sum /
                                          (double)g->assumed_lines);
}

/* P = C / N = C × days in Y / days: exact in øre before rounding. */
static kpi_money average_price(kpi_money cost, int64_t days,
                               int64_t days_in_year)
{
    return kpi_div_round(cost * days_in_year, days);
}

/* A type's own quantity and price effects (SPEC §5). */
static void type_effects(group *g, int64_t days_in_year)
{
    double n = (double)g->days_year / (double)days_in_year;
    kpi_money p = g->days_year > 0
                      ? average_price(g->cost, g->days_year, days_in_year)
                      : 0;
    kpi_money pb = budget_price(g);
    g->qe = kpi_quantity_effect(n, g->nb, pb);
    g->pe = kpi_price_effect(p, pb, n); /* 0 when N = 0 */
}

/* Full-year recipients N of `days` under n_stat, the group's amount when
 * asked, and the average price cost ÷ N under p_stat. */
static kpi_status add_recipients(kpi_figures *out, const kpi_context *ctx,
                                 const char *dim, const char *member,
                                 const char *n_stat, const char *p_stat,
                                 int64_t days, const group *g, bool amount)
{
    int64_t days_in_year = kpi_date_days_in_year(ctx->year);
    const char *py = ctx->period_year;
    kpi_status st = kpi_figures_add_real(out, KPI_ID, py, dim, member, n_stat,
                                         (double)days / (double)days_in_year);
    if (st == KPI_OK && amount)
        st = kpi_figures_add_money(out, KPI_ID, py, dim, member, "amount",
                                   g->cost);
    if (st == KPI_OK && days > 0)
        st = kpi_figures_add_money(out, KPI_ID, py, dim, member, p_stat,
                                   average_price(g->cost, days, days_in_year));
    return st;
}

static kpi_status emit_group(kpi_figures *out, const kpi_context *ctx,
                             const group *g, const char *dim,
                             const char *member)
{
    kpi_status st;
    const char *py = ctx->period_year;
    /* A type is its own sum (days_summed = its days): every row has the
     * summed stats, so a table's types, categories and total read one. */
    if ((st = add_recipients(out, ctx, dim, member, "full_year_recipients",
                             "average_price", g->days_year, g, true)) !=
            KPI_OK ||
        (st = add_recipients(out, ctx, dim, member,
                             "full_year_recipients_summed",
                             "average_price_summed", g->days_summed, g,
                             false)) != KPI_OK)
        return st;
    if (!has_assumptions(g))
        return KPI_OK;
    kpi_money dev = g->cost + g->booked - g->annual;
    if ((st = kpi_figures_add_real(out, KPI_ID, py, dim, member,
                                   "budget_full_year_recipients", g->nb)) !=
            KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member,
                                    "budget_average_price",
                                    budget_price(g))) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member,
                                    "quantity_effect", g->qe)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member,
                                    "price_effect", g->pe)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member, "deviation",
                                    dev)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member, "unexplained",
                                    dev - g->qe - g->pe)) != KPI_OK)
        return st;
    return KPI_OK;
}

/* Emits one period's rows for the total, the types in code order and the
 * categories: year (which 0) or to date (which 1). */
static kpi_status emit_period(kpi_figures *out, const kpi_context *ctx,
                              const group *g, const uint16_t *order,
                              int which)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n_types = ds->config->n_types;
    int64_t days_to_date = (int64_t)ctx->as_of - ctx->year_start + 1;
    kpi_status st;
    for (size_t i = 0; i < 1 + n_types + KPI_CATEGORY_COUNT; i++) {
        size_t k;
        const char *dim, *member;
        if (i == 0) {
            k = n_types + KPI_CATEGORY_COUNT;
            dim = member = NULL;
        } else if (i <= n_types) {
            k = order[i - 1];
            dim = "measure_type";
            member = ds->config->types[k].code;
        } else {
            /* Category codes "placement" < "preventive": enum order is
             * bytewise order. */
            size_t c = i - 1 - n_types;
            k = n_types + c;
            dim = "category";
            member = kpi_category_code((kpi_category)c);
        }
        if (i > 0 && !g[k].included)
            continue;
        if (which == 0)
            st = emit_group(out, ctx, &g[k], dim, member);
        else
            st = kpi_figures_add_real(out, KPI_ID, ctx->period_to_date, dim,
                                      member, "full_year_recipients",
                                      (double)g[k].days_to_date /
                                          (double)days_to_date);
        if (st != KPI_OK)
            return st;
    }
    return KPI_OK;
}

kpi_status kpi_fig_recipients_price(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    size_t n_types = ds->config->n_types;
    size_t n_keys = n_types + KPI_CATEGORY_COUNT + 1;
    size_t total_key = n_types + KPI_CATEGORY_COUNT;
    kpi_status st = KPI_ERR_NOMEM;
    group *g = kpi_xcalloc(a, n_keys, sizeof *g);
    int64_t *days = kpi_xcalloc(a, 2 * n_keys, sizeof *days);
    uint16_t *order = NULL;
    if (!g || !days || (st = kpi_type_order(ctx, &order)) != KPI_OK)
        goto done;

    /* Last year's rows keep only the recipients to date (rules/context.h):
     * the year's cost, days and effects are this year's work alone. */
    bool year = !ctx->last_year;
    kpi_date year_end;
    kpi_date_from_ymd(ctx->year, 12, 31, &year_end);
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled)
            continue;
        kpi_date end = kpi_measure_assumed_end(m, ctx);
        kpi_money cost =
            year ? kpi_measure_year_amount(m->price, (kpi_unit)m->unit,
                                           m->start, end, ctx->year)
                 : 0;
        size_t cat = n_types + kpi_dataset_type(ds, m->type)->category;
        g[m->type].cost += cost;
        g[cat].cost += cost;
        g[total_key].cost += cost;
        if (m->start <= year_end && end >= ctx->year_start)
            g[m->type].included = g[cat].included = true;
    }
    /* Full-year recipients (rules/full_year.h) of the year and of the
     * year to date: a child's days are counted once per group however
     * many of its measures of the group overlap. */
    kpi_date ends[2] = {ctx->as_of, year_end};
    if ((st = kpi_full_year_days(ctx, ctx->year_start, ends, year ? 2 : 1,
                                 n_keys, recipient_groups, (void *)ds, days)) !=
        KPI_OK)
        goto done;
    for (size_t k = 0; k < n_keys; k++) {
        g[k].days_to_date = days[k];
        g[k].days_year = year ? days[n_keys + k] : 0;
    }

    /* Forecast = whole-year disposed + booked income and prior_year to
     * date (SPEC §5 forecast); the deviation is against it. */
    for (size_t i = 0; i < ds->postings.count; i++) {
        const kpi_posting *p = &ds->postings.items[i];
        if (p->year != ctx->year || p->month > ctx->month.month ||
            p->kind == KPI_POSTING_EXPENSE)
            continue;
        size_t cat = n_types + kpi_dataset_type(ds, p->type)->category;
        g[p->type].booked += p->amount;
        g[cat].booked += p->amount;
        g[total_key].booked += p->amount;
    }
    for (size_t i = 0; i < ds->budget.count; i++) {
        const kpi_budget_line *b = &ds->budget.items[i];
        size_t keys[3] = {b->type,
                          n_types + kpi_dataset_type(ds, b->type)->category,
                          total_key};
        bool assumed = b->has_recipients && b->has_price;
        for (int j = 0; j < 3; j++) {
            group *x = &g[keys[j]];
            x->annual += b->annual;
            x->lines++;
            if (assumed) {
                x->assumed_lines++;
                x->nb += b->recipients;
                x->nb_pb += b->recipients * (double)b->price;
                x->pb_sum += (double)b->price;
                x->included = true;
            }
        }
    }

    /* A type's effects are its own; a category's and the total's are the
     * sums of their types' (SPEC §5), and so are their summed days. A type
     * without budget lines has no effects: its whole deviation is left in
     * its category's and the total's unexplained. */
    int64_t days_in_year = kpi_date_days_in_year(ctx->year);
    for (size_t t = 0; t < n_types; t++) {
        size_t cat = n_types + kpi_dataset_type(ds, (uint16_t)t)->category;
        if (has_assumptions(&g[t]))
            type_effects(&g[t], days_in_year);
        g[t].days_summed = g[t].days_year;
        g[cat].days_summed += g[t].days_year;
        g[total_key].days_summed += g[t].days_year;
        g[cat].qe += g[t].qe;
        g[cat].pe += g[t].pe;
        g[total_key].qe += g[t].qe;
        g[total_key].pe += g[t].pe;
    }

    if (year && (st = emit_period(out, ctx, g, order, 0)) != KPI_OK)
        goto done;
    st = emit_period(out, ctx, g, order, 1);
done:
    kpi_xfree(a, g);
    kpi_xfree(a, days);
    kpi_xfree(a, order);
    return st;
}
