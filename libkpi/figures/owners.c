/* owners.c - spending by who provides and who grants: own vs purchased
 * measures (SPEC §5 own_vs_purchased) and disposed per caseworker
 * (caseworker_spend). */
#include "figures/figure.h"
#include "rules/disposal.h"
#include "rules/full_year.h"
#include "rules/orders.h"

#include <stdlib.h>
#include <string.h>

/* ---- own_vs_purchased --------------------------------------------------
 * Groups: the four provider kinds (kpi_provider_kind), "purchased" (the
 * three that are not own), the two categories and the total. */
enum {
    GROUP_PURCHASED = KPI_PROVIDER_COUNT,
    GROUP_CATEGORY = GROUP_PURCHASED + 1,
    GROUP_TOTAL = GROUP_CATEGORY + KPI_CATEGORY_COUNT,
    GROUP_COUNT
};

typedef struct owner_sums {
    kpi_money amount; /* disposed in the whole of Y */
    kpi_money booked; /* expense booked to date */
    kpi_money income; /* income booked to date */
    double recipients;
} owner_sums;

typedef struct owner_arg {
    const kpi_config *cfg;
} owner_arg;

static size_t owner_groups(const kpi_measure *m, const kpi_config *cfg,
                           size_t groups[KPI_ECONOMY_MAX_GROUPS])
{
    size_t k = 0;
    groups[k++] = GROUP_TOTAL;
    if (m->provider_kind < KPI_PROVIDER_COUNT) {
        groups[k++] = m->provider_kind;
        if (m->provider_kind != KPI_PROVIDER_OWN)
            groups[k++] = GROUP_PURCHASED;
    }
    if (m->type < cfg->n_types)
        groups[k++] =
            GROUP_CATEGORY + cfg->types[m->type].category % KPI_CATEGORY_COUNT;
    return k;
}

static size_t owner_group_fn(const kpi_measure *m, void *arg,
                             size_t groups[KPI_ECONOMY_MAX_GROUPS])
{
    return owner_groups(m, ((const owner_arg *)arg)->cfg, groups);
}

/* A posting's groups: like a measure's, but a posting without a provider
 * kind is in the total and its category only. */
static size_t posting_groups(const kpi_posting *p, const kpi_config *cfg,
                             size_t groups[KPI_ECONOMY_MAX_GROUPS])
{
    kpi_measure m;
    memset(&m, 0, sizeof m);
    m.provider_kind = p->provider_kind;
    m.type = p->type;
    return owner_groups(&m, cfg, groups);
}

static kpi_status owner_emit(kpi_figures *f, const kpi_context *ctx,
                             bool to_date, const char *dim, const char *member,
                             const owner_sums *s)
{
    const char *id = "own_vs_purchased";
    kpi_status st;
    if (to_date) {
        const char *p = ctx->period_to_date;
        if ((st = kpi_figures_add_money(f, id, p, dim, member, "booked",
                                        s->booked)) != KPI_OK)
            return st;
        return kpi_figures_add_money(f, id, p, dim, member, "income",
                                     s->income);
    }
    const char *p = ctx->period_year;
    if ((st = kpi_figures_add_money(f, id, p, dim, member, "amount",
                                    s->amount)) != KPI_OK)
        return st;
    return kpi_figures_add_real(f, id, p, dim, member, "full_year_recipients",
                                s->recipients);
}

kpi_status kpi_fig_own_vs_purchased(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    const kpi_config *cfg = ds->config;
    owner_sums sums[GROUP_COUNT];
    memset(sums, 0, sizeof sums);
    size_t groups[KPI_ECONOMY_MAX_GROUPS];

    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled)
            continue;
        kpi_disposal d;
        kpi_economy_disposal(m, ctx, &d);
        if (!d.active_year)
            continue;
        size_t k = owner_groups(m, cfg, groups);
        for (size_t j = 0; j < k; j++)
            sums[groups[j]].amount += d.year;
    }
    bool postings = ds->present[KPI_FILE_POSTINGS];
    if (postings) {
        for (size_t i = 0; i < ds->postings.count; i++) {
            const kpi_posting *p = &ds->postings.items[i];
            if (p->year != ctx->year || p->month < 1 ||
                p->month > ctx->month.month)
                continue;
            /* Prior-year adjustments are neither this year's purchases nor
             * sales of places, so they are left out here. */
            if (p->kind != KPI_POSTING_EXPENSE && p->kind != KPI_POSTING_INCOME)
                continue;
            size_t k = posting_groups(p, cfg, groups);
            for (size_t j = 0; j < k; j++) {
                if (p->kind == KPI_POSTING_EXPENSE)
                    sums[groups[j]].booked += p->amount;
                else
                    sums[groups[j]].income += p->amount;
            }
        }
    }
    double recipients[GROUP_COUNT];
    kpi_date year_end;
    kpi_date_from_ymd(ctx->year, 12, 31, &year_end);
    owner_arg arg = {cfg};
    kpi_status st =
        kpi_economy_full_year(ctx, ctx->year_start, year_end, GROUP_COUNT,
                              owner_group_fn, &arg, recipients);
    if (st != KPI_OK)
        return st;
    for (size_t g = 0; g < GROUP_COUNT; g++)
        sums[g].recipients = recipients[g];

    /* Members by code, bytewise: municipal, own, private, purchased,
     * regional. */
    static const struct {
        const char *code;
        size_t group;
    } members[] = {
        {"municipal", KPI_PROVIDER_MUNICIPAL}, {"own", KPI_PROVIDER_OWN},
        {"private", KPI_PROVIDER_PRIVATE},     {"purchased", GROUP_PURCHASED},
        {"regional", KPI_PROVIDER_REGIONAL},
    };
    for (int pass = postings ? 0 : 1; pass < 2; pass++) {
        bool to_date = pass == 0;
        if ((st = owner_emit(out, ctx, to_date, NULL, NULL,
                             &sums[GROUP_TOTAL])) != KPI_OK)
            return st;
        for (size_t i = 0; i < sizeof members / sizeof members[0]; i++)
            if ((st = owner_emit(out, ctx, to_date, "provider_kind",
                                 members[i].code, &sums[members[i].group])) !=
                KPI_OK)
                return st;
        for (int c = 0; c < KPI_CATEGORY_COUNT; c++)
            if ((st = owner_emit(out, ctx, to_date, "category",
                                 kpi_category_code((kpi_category)c),
                                 &sums[GROUP_CATEGORY + c])) != KPI_OK)
                return st;
    }
    return KPI_OK;
}

/* ---- caseworker_spend ------------------------------------------------- */

typedef struct worker_sums {
    kpi_money to_date, year;
} worker_sums;

typedef struct sym_name {
    const char *name;
    kpi_sym sym;
} sym_name;

static int sym_name_cmp(const void *a, const void *b)
{
    const sym_name *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return (x->sym > y->sym) - (x->sym < y->sym);
}

static kpi_status worker_emit(kpi_figures *f, const char *period, bool to_date,
                              const char *dim, const char *member,
                              const worker_sums *s)
{
    return kpi_figures_add_money(f, "caseworker_spend", period, dim, member,
                                 "amount", to_date ? s->to_date : s->year);
}

kpi_status kpi_fig_caseworker_spend(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    const kpi_allocator *a = ctx->alloc;
    size_t n_types = ds->config->n_types;
    size_t n_syms = kpi_symtab_size(ds->syms);
    uint16_t *order = NULL;
    worker_sums *per_type =
        kpi_xcalloc(a, n_types ? n_types : 1, sizeof *per_type);
    bool *type_seen = kpi_xcalloc(a, n_types ? n_types : 1, sizeof *type_seen);
    worker_sums *per_worker =
        kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *per_worker);
    bool *worker_seen =
        kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *worker_seen);
    sym_name *workers = NULL;
    size_t n_workers = 0;
    kpi_status st = KPI_ERR_NOMEM;
    if (!per_type || !type_seen || !per_worker || !worker_seen)
        goto done;
    if ((st = kpi_type_order(ctx, &order)) != KPI_OK)
        goto done;

    worker_sums total = {0, 0};
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled || m->type >= n_types || m->caseworker >= n_syms)
            continue;
        kpi_disposal d;
        kpi_economy_disposal(m, ctx, &d);
        if (!d.active_year)
            continue;
        total.to_date += d.to_date;
        total.year += d.year;
        per_type[m->type].to_date += d.to_date;
        per_type[m->type].year += d.year;
        type_seen[m->type] = true;
        /* A measure without a caseworker counts in the total and its type
         * only: "caseworker=" would be no one's line. */
        if (m->caseworker == KPI_SYM_NONE)
            continue;
        per_worker[m->caseworker].to_date += d.to_date;
        per_worker[m->caseworker].year += d.year;
        if (!worker_seen[m->caseworker]) {
            worker_seen[m->caseworker] = true;
            n_workers++;
        }
    }
    workers = kpi_xcalloc(a, n_workers ? n_workers : 1, sizeof *workers);
    if (!workers) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    size_t w = 0;
    for (size_t s = 0; s < n_syms; s++)
        if (worker_seen[s]) {
            workers[w].sym = (kpi_sym)s;
            workers[w].name = kpi_symtab_str(ds->syms, (kpi_sym)s);
            w++;
        }
    qsort(workers, n_workers, sizeof *workers, sym_name_cmp);

    for (int pass = 0; pass < 2; pass++) {
        bool to_date = pass == 0;
        const char *p = to_date ? ctx->period_to_date : ctx->period_year;
        if ((st = worker_emit(out, p, to_date, NULL, NULL, &total)) != KPI_OK)
            goto done;
        for (size_t i = 0; i < n_workers; i++)
            if ((st =
                     worker_emit(out, p, to_date, "caseworker", workers[i].name,
                                 &per_worker[workers[i].sym])) != KPI_OK)
                goto done;
        for (size_t k = 0; k < n_types; k++) {
            size_t t = order[k];
            if (type_seen[t] &&
                (st = worker_emit(out, p, to_date, "measure_type",
                                  ds->config->types[t].code, &per_type[t])) !=
                    KPI_OK)
                goto done;
        }
    }
    st = KPI_OK;
done:
    kpi_xfree(a, order);
    kpi_xfree(a, per_type);
    kpi_xfree(a, type_seen);
    kpi_xfree(a, per_worker);
    kpi_xfree(a, worker_seen);
    kpi_xfree(a, workers);
    return st;
}
