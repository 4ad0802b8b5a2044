/* provider_prices.c - prices per provider within a measure type (SPEC §5
 * provider_prices): the mean monthly price of the measures active on D,
 * per type and per (type, provider), and the spread of the providers'
 * means. */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/dense.h"
#include "rules/monthly_price.h"
#include "rules/orders.h"

#include <stdlib.h>
#include <string.h>

#define KPI_ID "provider_prices"

/* One (type, provider) pair of the measures active on D: the sum of
 * their monthly prices and how many they are. */
typedef struct pair {
    uint32_t type_rank; /* position of the type's code in bytewise order */
    uint16_t type;
    const char *provider;
    kpi_money sum;
    int64_t count;
} pair;

/* By type code, then provider name (bytewise): the rows' order. */
static int pair_cmp(const void *pa, const void *pb)
{
    const pair *a = pa, *b = pb;
    if (a->type_rank != b->type_rank)
        return a->type_rank < b->type_rank ? -1 : 1;
    return strcmp(a->provider, b->provider);
}

static kpi_status add_pair(kpi_figures *out, const kpi_context *ctx,
                           const char *type, const char *provider,
                           const char *stat, kpi_value_kind kind, int64_t value)
{
    kpi_row r = {KPI_ID,         ctx->period_day,
                 "measure_type", type,
                 "provider",     provider,
                 stat,           kind,
                 value,          0,
                 NULL};
    return kpi_figures_add(out, &r);
}

/* The rows of one type: its pairs p[0..n), sorted by provider. */
static kpi_status emit_type(kpi_figures *out, const kpi_context *ctx,
                            const char *code, const pair *p, size_t n)
{
    const char *pd = ctx->period_day;
    kpi_money sum = 0, lo = 0, hi = 0;
    int64_t measures = 0;
    for (size_t i = 0; i < n; i++) {
        kpi_money mean = kpi_div_round(p[i].sum, p[i].count);
        if (i == 0 || mean < lo)
            lo = mean;
        if (i == 0 || mean > hi)
            hi = mean;
        sum += p[i].sum;
        measures += p[i].count;
    }
    kpi_status st;
    if ((st = kpi_figures_add_money(out, KPI_ID, pd, "measure_type", code,
                                    "mean", kpi_div_round(sum, measures))) !=
            KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, pd, "measure_type", code,
                                    "min", lo)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, pd, "measure_type", code,
                                    "max", hi)) != KPI_OK ||
        (st = kpi_figures_add_count(out, KPI_ID, pd, "measure_type", code,
                                    "count", (int64_t)n)) != KPI_OK)
        return st;
    for (size_t i = 0; i < n; i++)
        if ((st = add_pair(out, ctx, code, p[i].provider, "mean",
                           KPI_VALUE_MONEY,
                           kpi_div_round(p[i].sum, p[i].count))) != KPI_OK ||
            (st = add_pair(out, ctx, code, p[i].provider, "count",
                           KPI_VALUE_COUNT, p[i].count)) != KPI_OK)
            return st;
    return KPI_OK;
}

kpi_status kpi_fig_provider_prices(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    size_t n_types = ds->config->n_types;
    kpi_status st = KPI_ERR_NOMEM;
    uint16_t *order = NULL;
    uint32_t *rank = kpi_xcalloc(a, n_types, sizeof *rank);
    /* The pairs by their dense number (rules/dense.h): a few hundred, where
     * a record per active measure, sorted, took 45 MB at a million. The
     * sums are exact, so the order they are added in does not matter. */
    kpi_dense pairs;
    kpi_dense_init(&pairs, a);
    pair *p = NULL;
    size_t cap = 0;
    if (!rank || (st = kpi_type_order(ctx, &order)) != KPI_OK)
        goto done;
    for (size_t t = 0; t < n_types; t++)
        rank[order[t]] = (uint32_t)t;

    kpi_date d = ctx->as_of;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (!kpi_measure_active_on(m, d) || m->provider == KPI_SYM_NONE)
            continue;
        size_t k;
        bool added;
        if ((st = kpi_dense_add(&pairs, (uint64_t)m->type << 32 | m->provider,
                                &k, &added)) != KPI_OK)
            goto done;
        if (added) {
            if ((st = kpi_grow(a, (void **)&p, &cap, k + 1, sizeof *p)) !=
                KPI_OK)
                goto done;
            p[k] = (pair){rank[m->type], m->type,
                          kpi_symtab_str(ds->syms, m->provider), 0, 0};
        }
        p[k].sum += kpi_measure_monthly_price(m);
        p[k].count++;
    }
    size_t n = pairs.n;
    if (n > 1)
        qsort(p, n, sizeof *p, pair_cmp);
    st = KPI_OK;
    for (size_t i = 0; i < n && st == KPI_OK;) {
        size_t j = i;
        while (j < n && p[j].type == p[i].type)
            j++;
        st = emit_type(out, ctx, ds->config->types[p[i].type].code, &p[i],
                       j - i);
        i = j;
    }
done:
    kpi_xfree(a, order);
    kpi_xfree(a, rank);
    kpi_xfree(a, p);
    kpi_dense_free(&pairs);
    return st;
}
