/* provider_prices.c - prices per provider within a measure type (SPEC §5
 * provider_prices): the mean monthly price of the measures active on D,
 * per type and per (type, provider), and the spread of the providers'
 * means. */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/monthly_price.h"
#include "rules/orders.h"

#include <stdlib.h>
#include <string.h>

#define KPI_ID "provider_prices"

typedef struct priced {
    uint32_t type_rank;     /* position of the type's code in bytewise order */
    uint32_t provider_rank; /* the same for the provider's name */
    uint16_t type;
    const char *provider;
    kpi_money monthly;
} priced;

/* One stable counting pass: from[0..n) into to, by type rank or by
 * provider rank (below n_keys); count has n_keys + 1 entries. */
static void counting_pass(const priced *from, priced *to, size_t n,
                          bool by_type, size_t *count, size_t n_keys)
{
    memset(count, 0, (n_keys + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[(by_type ? from[i].type_rank : from[i].provider_rank) + 1]++;
    for (size_t k = 1; k <= n_keys; k++)
        count[k] += count[k - 1];
    for (size_t i = 0; i < n; i++)
        to[count[by_type ? from[i].type_rank : from[i].provider_rank]++] =
            from[i];
}

/* Sorts recs[0..n) by type rank, then provider rank: a radix sort of two
 * stable counting passes, the provider first. The ranks are small dense
 * numbers, so this is linear where qsort of every active measure was
 * most of the figure's time; the order within a (type, provider) group
 * does not matter, its sums are exact. */
static kpi_status sort_records(priced *recs, size_t n, size_t n_types,
                               size_t n_providers, const kpi_allocator *a)
{
    size_t n_keys = n_types > n_providers ? n_types : n_providers;
    priced *tmp = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *tmp);
    size_t *count = kpi_xcalloc(a, n_keys + 1, sizeof *count);
    kpi_status st = tmp && count ? KPI_OK : KPI_ERR_NOMEM;
    if (st == KPI_OK) {
        counting_pass(recs, tmp, n, false, count, n_providers);
        counting_pass(tmp, recs, n, true, count, n_types);
    }
    kpi_xfree(a, tmp);
    kpi_xfree(a, count);
    return st;
}

/* *out (n_syms entries, freed by the caller): each provider's position
 * in the bytewise order of the providers' names; *n_out of them. Only
 * the few distinct providers are sorted by name, not every active
 * measure. */
static kpi_status provider_ranks(const kpi_dataset *ds, const kpi_allocator *a,
                                 uint32_t **out, size_t *n_out)
{
    size_t n_syms = kpi_symtab_size(ds->syms), n = 0;
    uint32_t *rank = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *rank);
    if (!rank)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < ds->measures.count; i++) {
        kpi_sym p = ds->measures.items[i].provider;
        if (p != KPI_SYM_NONE && !rank[p]) {
            rank[p] = 1; /* seen */
            n++;
        }
    }
    kpi_named_sym *names = kpi_xcalloc(a, n ? n : 1, sizeof *names);
    if (!names) {
        kpi_xfree(a, rank);
        return KPI_ERR_NOMEM;
    }
    for (size_t s = 1, k = 0; s < n_syms; s++)
        if (rank[s])
            names[k++] = (kpi_named_sym){
                kpi_symtab_str(ds->syms, (kpi_sym)s), (kpi_sym)s};
    kpi_named_sym_sort(names, n);
    for (size_t k = 0; k < n; k++)
        rank[names[k].sym] = (uint32_t)k;
    kpi_xfree(a, names);
    *out = rank;
    *n_out = n;
    return KPI_OK;
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
        for (; j < n && r[j].provider_rank == r[i].provider_rank; j++)
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
        for (; j < n && r[j].provider_rank == r[i].provider_rank; j++)
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
    uint32_t *provider_rank = NULL;
    size_t n_providers = 0;
    priced *recs = kpi_xcalloc(a, ds->measures.count, sizeof *recs);
    if (!rank || !recs || (st = kpi_type_order(ctx, &order)) != KPI_OK ||
        (st = provider_ranks(ds, a, &provider_rank, &n_providers)) != KPI_OK)
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
        recs[n].provider_rank = provider_rank[m->provider];
        recs[n].type = m->type;
        recs[n].provider = kpi_symtab_str(ds->syms, m->provider);
        recs[n].monthly = kpi_measure_monthly_price(m);
        n++;
    }
    if ((st = sort_records(recs, n, n_types, n_providers, a)) != KPI_OK)
        goto done;
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
    kpi_xfree(a, provider_rank);
    kpi_xfree(a, recs);
    return st;
}
