/* provider_prices.c - prices per provider within a measure type (SPEC §5
 * provider_prices): the mean monthly price of the measures active on D,
 * per type and per (type, provider), and the spread of the providers'
 * means. */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/monthly_price.h"
#include "rules/orders.h"

#include <stdlib.h>

#define KPI_ID "provider_prices"

typedef struct priced {
    uint32_t type_rank; /* position of the type's code in bytewise order */
    uint16_t type;
    const char *provider;
    kpi_money monthly;
} priced;

static int priced_cmp(const void *pa, const void *pb)
{
    const priced *a = pa, *b = pb;
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

/* The rows of one type: records r[0..n) all of that type, sorted by
 * provider. */
static kpi_status emit_type(kpi_figures *out, const kpi_context *ctx,
                            const char *code, const priced *r, size_t n)
{
    const char *pd = ctx->period_day;
    kpi_money sum = 0, lo = 0, hi = 0;
    int64_t providers = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        kpi_money psum = 0;
        for (; j < n && strcmp(r[j].provider, r[i].provider) == 0; j++)
            psum += r[j].monthly;
        kpi_money mean = kpi_div_round(psum, (int64_t)(j - i));
        if (providers == 0 || mean < lo)
            lo = mean;
        if (providers == 0 || mean > hi)
            hi = mean;
        providers++;
        sum += psum;
        i = j;
    }
    kpi_status st;
    if ((st = kpi_figures_add_money(out, KPI_ID, pd, "measure_type", code,
                                    "mean", kpi_div_round(sum, (int64_t)n))) !=
            KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, pd, "measure_type", code,
                                    "min", lo)) != KPI_OK ||
        (st = kpi_figures_add_money(out, KPI_ID, pd, "measure_type", code,
                                    "max", hi)) != KPI_OK ||
        (st = kpi_figures_add_count(out, KPI_ID, pd, "measure_type", code,
                                    "count", providers)) != KPI_OK)
        return st;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        kpi_money psum = 0;
        for (; j < n && strcmp(r[j].provider, r[i].provider) == 0; j++)
            psum += r[j].monthly;
        int64_t cnt = (int64_t)(j - i);
        if ((st = add_pair(out, ctx, code, r[i].provider, "mean",
                           KPI_VALUE_MONEY, kpi_div_round(psum, cnt))) !=
                KPI_OK ||
            (st = add_pair(out, ctx, code, r[i].provider, "count",
                           KPI_VALUE_COUNT, cnt)) != KPI_OK)
            return st;
        i = j;
    }
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
    priced *recs = kpi_xcalloc(a, ds->measures.count, sizeof *recs);
    if (!rank || !recs || (st = kpi_type_order(ctx, &order)) != KPI_OK)
        goto done;
    for (size_t t = 0; t < n_types; t++)
        rank[order[t]] = (uint32_t)t;

    size_t n = 0;
    kpi_date d = ctx->as_of;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (!kpi_measure_active_on(m, d) || m->provider == KPI_SYM_NONE)
            continue;
        recs[n].type_rank = rank[m->type];
        recs[n].type = m->type;
        recs[n].provider = kpi_symtab_str(ds->syms, m->provider);
        recs[n].monthly = kpi_measure_monthly_price(m);
        n++;
    }
    qsort(recs, n, sizeof *recs, priced_cmp);
    st = KPI_OK;
    for (size_t i = 0; i < n && st == KPI_OK;) {
        size_t j = i;
        while (j < n && recs[j].type == recs[i].type)
            j++;
        st = emit_type(out, ctx, ds->config->types[recs[i].type].code, &recs[i],
                       j - i);
        i = j;
    }
done:
    kpi_xfree(a, order);
    kpi_xfree(a, rank);
    kpi_xfree(a, recs);
    return st;
}
