/* caseworker_spend.c - disposed per caseworker (SPEC §5
 * caseworker_spend): what each caseworker's measures dispose to date and
 * in the whole of Y, the same per team (the measure's team) and per
 * measure type. */
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

/* The sums of one dimension kept by symbol (the caseworker, the team). */
typedef struct by_sym {
    worker_sums *sums;
    bool *seen;
    sym_name *names; /* the members, sorted by name */
    size_t n;
} by_sym;

static bool by_sym_init(by_sym *b, const kpi_allocator *a, size_t n_syms)
{
    b->sums = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *b->sums);
    b->seen = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *b->seen);
    return b->sums && b->seen;
}

/* A measure without the person counts in the total and its type only:
 * "caseworker=" would be no one's line. */
static void by_sym_add(by_sym *b, kpi_sym who, const kpi_disposal *d)
{
    if (who == KPI_SYM_NONE)
        return;
    b->sums[who].to_date += d->to_date;
    b->sums[who].year += d->year;
    if (!b->seen[who]) {
        b->seen[who] = true;
        b->n++;
    }
}

static bool by_sym_sort(by_sym *b, const kpi_allocator *a,
                        const kpi_dataset *ds, size_t n_syms)
{
    b->names = kpi_xcalloc(a, b->n ? b->n : 1, sizeof *b->names);
    if (!b->names)
        return false;
    size_t w = 0;
    for (size_t s = 0; s < n_syms; s++)
        if (b->seen[s]) {
            b->names[w].sym = (kpi_sym)s;
            b->names[w].name = kpi_symtab_str(ds->syms, (kpi_sym)s);
            w++;
        }
    qsort(b->names, b->n, sizeof *b->names, sym_name_cmp);
    return true;
}

static kpi_status by_sym_emit(kpi_figures *out, const char *period,
                              bool to_date, const char *dim, const by_sym *b)
{
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < b->n && st == KPI_OK; i++)
        st = worker_emit(out, period, to_date, dim, b->names[i].name,
                         &b->sums[b->names[i].sym]);
    return st;
}

static void by_sym_free(by_sym *b, const kpi_allocator *a)
{
    kpi_xfree(a, b->sums);
    kpi_xfree(a, b->seen);
    kpi_xfree(a, b->names);
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
    /* Per caseworker and per team (issue 14 item 5: the fagchef's and the
     * team leader's team level), in the catalogue's order. */
    by_sym workers = {0}, teams = {0};
    kpi_status st = KPI_ERR_NOMEM;
    if (!per_type || !type_seen || !by_sym_init(&workers, a, n_syms) ||
        !by_sym_init(&teams, a, n_syms))
        goto done;
    if ((st = kpi_type_order(ctx, &order)) != KPI_OK)
        goto done;

    worker_sums total = {0, 0};
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled || m->type >= n_types || m->caseworker >= n_syms ||
            m->team >= n_syms)
            continue;
        kpi_disposal d;
        kpi_measure_disposal_year(m, ctx, &d);
        if (!d.active_year)
            continue;
        total.to_date += d.to_date;
        total.year += d.year;
        per_type[m->type].to_date += d.to_date;
        per_type[m->type].year += d.year;
        type_seen[m->type] = true;
        by_sym_add(&workers, m->caseworker, &d);
        by_sym_add(&teams, m->team, &d);
    }
    st = KPI_ERR_NOMEM;
    if (!by_sym_sort(&workers, a, ds, n_syms) ||
        !by_sym_sort(&teams, a, ds, n_syms))
        goto done;

    for (int pass = 0; pass < 2; pass++) {
        bool to_date = pass == 0;
        const char *p = to_date ? ctx->period_to_date : ctx->period_year;
        if ((st = worker_emit(out, p, to_date, NULL, NULL, &total)) != KPI_OK ||
            (st = by_sym_emit(out, p, to_date, "caseworker", &workers)) !=
                KPI_OK ||
            (st = by_sym_emit(out, p, to_date, "team", &teams)) != KPI_OK)
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
    by_sym_free(&workers, a);
    by_sym_free(&teams, a);
    return st;
}
