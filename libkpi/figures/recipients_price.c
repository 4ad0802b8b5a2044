/* recipients_price.c - full-year recipients and average prices (SPEC §5
 * recipients_price), with the budget's assumptions and the split of the
 * deviation into a quantity and a price effect.
 *
 * Groups are the total, each measure type and each category. A child's
 * days are counted once per group however many measures of the group
 * overlap (SPEC §4: days with at least one active measure), so the
 * measures are sorted by child and start and each group keeps the end of
 * the union it has covered for the current child. */
#include "figures/figure.h"
#include "rules/orders.h"
#include "rules/disposal.h"

#include <math.h>
#include <stdlib.h>

#define KPI_ID "recipients_price"

typedef struct span {
    kpi_sym child;
    uint16_t type;
    kpi_date start, end; /* end: the assumed end (SPEC §4) */
} span;

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
    bool included;
} group;

typedef struct sweep_state {
    kpi_date cover; /* the last day of the group's union for owner */
    size_t owner;   /* run number of the child cover belongs to; 0 none */
} sweep_state;

static int span_cmp(const void *pa, const void *pb)
{
    const span *a = pa, *b = pb;
    if (a->child != b->child)
        return a->child < b->child ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return 0;
}

/* Adds the days of spans (sorted by child, start) inside from..to to each
 * group's counter: the union per child, so overlaps count once. Keys: the
 * types, then n_types + category, then n_types + KPI_CATEGORY_COUNT for
 * the total. which selects days_year (0) or days_to_date (1). */
static void sweep(const kpi_dataset *ds, const span *s, size_t n, kpi_date from,
                  kpi_date to, group *g, sweep_state *st, size_t n_keys,
                  int which)
{
    size_t n_types = ds->config->n_types;
    size_t run = 0;
    for (size_t k = 0; k < n_keys; k++)
        st[k].owner = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || s[i].child != s[i - 1].child)
            run++;
        kpi_date a = s[i].start > from ? s[i].start : from;
        kpi_date b = s[i].end < to ? s[i].end : to;
        if (b < a)
            continue;
        size_t keys[3] = {
            s[i].type,
            n_types + kpi_dataset_type(ds, s[i].type)->category,
            n_types + KPI_CATEGORY_COUNT,
        };
        for (int j = 0; j < 3; j++) {
            sweep_state *x = &st[keys[j]];
            if (x->owner != run) {
                x->owner = run;
                x->cover = a - 1;
            }
            kpi_date lo = a > x->cover ? a : x->cover + 1;
            if (b >= lo) {
                int64_t d = (int64_t)b - lo + 1;
                if (which == 0)
                    g[keys[j]].days_year += d;
                else
                    g[keys[j]].days_to_date += d;
                x->cover = b;
            }
        }
    }
}

static kpi_status emit_group(kpi_figures *out, const kpi_context *ctx,
                             const group *g, const char *dim,
                             const char *member, int64_t days_in_year)
{
    kpi_status st;
    const char *py = ctx->period_year;
    double n = (double)g->days_year / (double)days_in_year;
    if ((st = kpi_figures_add_real(out, KPI_ID, py, dim, member,
                                   "full_year_recipients", n)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member, "amount",
                                    g->cost)) != KPI_OK)
        return st;
    /* P = C / N = C × days in Y / days: exact in øre before rounding. */
    kpi_money p = 0;
    if (g->days_year > 0) {
        p = kpi_div_round(g->cost * days_in_year, g->days_year);
        if ((st = kpi_figures_add_money(out, KPI_ID, py, dim, member,
                                        "average_price", p)) != KPI_OK)
            return st;
    }
    /* The budget's assumptions are only comparable when every budget line
     * of the group carries them: otherwise N would count recipients Nb
     * leaves out. */
    if (g->lines == 0 || g->assumed_lines != g->lines)
        return KPI_OK;
    double nb = g->nb;
    kpi_money pb =
        nb > 0 ? (kpi_money)llround(g->nb_pb / nb)
               : (kpi_money)llround(g->pb_sum / (double)g->assumed_lines);
    kpi_money qe = kpi_quantity_effect(n, nb, pb);
    kpi_money pe = kpi_price_effect(p, pb, n); /* 0 when N = 0 */
    kpi_money dev = g->cost + g->booked - g->annual;
    if ((st = kpi_figures_add_real(out, KPI_ID, py, dim, member,
                                   "budget_full_year_recipients", nb)) !=
            KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member,
                                    "budget_average_price", pb)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member,
                                    "quantity_effect", qe)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member,
                                    "price_effect", pe)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member, "deviation",
                                    dev)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, py, dim, member, "unexplained",
                                    dev - qe - pe)) != KPI_OK)
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
    int64_t days_in_year = kpi_date_days_in_year(ctx->year);
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
            st = emit_group(out, ctx, &g[k], dim, member, days_in_year);
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
    span *spans = kpi_xcalloc(a, ds->measures.count, sizeof *spans);
    group *g = kpi_xcalloc(a, n_keys, sizeof *g);
    sweep_state *ss = kpi_xcalloc(a, n_keys, sizeof *ss);
    uint16_t *order = NULL;
    if (!spans || !g || !ss || (st = kpi_type_order(ctx, &order)) != KPI_OK)
        goto done;

    kpi_date year_end;
    kpi_date_from_ymd(ctx->year, 12, 31, &year_end);
    size_t n = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled)
            continue;
        kpi_money cost = kpi_measure_disposed_year(m, ctx);
        kpi_date end = kpi_measure_assumed_end(m, ctx);
        size_t cat = n_types + kpi_dataset_type(ds, m->type)->category;
        g[m->type].cost += cost;
        g[cat].cost += cost;
        g[total_key].cost += cost;
        if (m->start <= year_end && end >= ctx->year_start) {
            spans[n].child = m->child;
            spans[n].type = m->type;
            spans[n].start = m->start;
            spans[n].end = end;
            n++;
            g[m->type].included = g[cat].included = true;
        }
    }
    qsort(spans, n, sizeof *spans, span_cmp);
    sweep(ds, spans, n, ctx->year_start, year_end, g, ss, n_keys, 0);
    sweep(ds, spans, n, ctx->year_start, ctx->as_of, g, ss, n_keys, 1);

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

    if ((st = emit_period(out, ctx, g, order, 0)) != KPI_OK)
        goto done;
    st = emit_period(out, ctx, g, order, 1);
done:
    kpi_xfree(a, spans);
    kpi_xfree(a, g);
    kpi_xfree(a, ss);
    kpi_xfree(a, order);
    return st;
}
