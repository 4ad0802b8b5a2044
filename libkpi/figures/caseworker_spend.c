/* caseworker_spend.c - disposed per caseworker (SPEC §5
 * caseworker_spend): what each caseworker's measures dispose to date and
 * in the whole of Y, and the same per measure type. */
#include "figures/figure.h"
#include "rules/disposal.h"
#include "rules/orders.h"

#include <stdlib.h>

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
        kpi_measure_disposal(m, ctx, &d);
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
