/* caseworker_spend.c - disposed per caseworker (SPEC §5
 * caseworker_spend): what each caseworker's measures dispose to date and
 * in the whole of Y, the same per team (the measure's team) and per
 * measure type. */
#include "figures/figure.h"
#include "rules/dense.h"
#include "rules/disposal.h"
#include "rules/orders.h"

#include <stdlib.h>

typedef struct worker_sums {
    kpi_money to_date, year;
} worker_sums;

typedef struct sym_name {
    const char *name;
    kpi_sym sym;
    size_t index; /* its dense number */
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

/* The sums of one dimension (the caseworker, the team) by the member's
 * dense number (rules/dense.h): a few hundred, where arrays by symbol
 * took 38 MB at a million measures. */
typedef struct by_member {
    kpi_dense members; /* symbol -> index into sums */
    worker_sums *sums;
    size_t cap;
    sym_name *names; /* the members, sorted by name */
} by_member;

/* A measure without the person counts in the total and its type only:
 * "caseworker=" would be no one's line. */
static kpi_status by_member_add(by_member *b, kpi_sym who,
                                const kpi_disposal *d)
{
    if (who == KPI_SYM_NONE)
        return KPI_OK;
    size_t k;
    bool added;
    kpi_status st = kpi_dense_add(&b->members, who, &k, &added);
    if (st == KPI_OK && added &&
        (st = kpi_grow(b->members.alloc, (void **)&b->sums, &b->cap, k + 1,
                       sizeof *b->sums)) == KPI_OK)
        b->sums[k] = (worker_sums){0, 0};
    if (st == KPI_OK) {
        b->sums[k].to_date += d->to_date;
        b->sums[k].year += d->year;
    }
    return st;
}

static bool by_member_sort(by_member *b, const kpi_dataset *ds)
{
    size_t n = b->members.n;
    b->names = kpi_xcalloc(b->members.alloc, n ? n : 1, sizeof *b->names);
    if (!b->names)
        return false;
    for (size_t k = 0; k < n; k++) {
        b->names[k].sym = (kpi_sym)b->members.keys[k];
        b->names[k].name = kpi_symtab_str(ds->syms, b->names[k].sym);
        b->names[k].index = k;
    }
    qsort(b->names, n, sizeof *b->names, sym_name_cmp);
    return true;
}

static kpi_status by_member_emit(kpi_figures *out, const char *period,
                                 bool to_date, const char *dim,
                                 const by_member *b)
{
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < b->members.n && st == KPI_OK; i++)
        st = worker_emit(out, period, to_date, dim, b->names[i].name,
                         &b->sums[b->names[i].index]);
    return st;
}

static void by_member_free(by_member *b)
{
    const kpi_allocator *a = b->members.alloc;
    kpi_xfree(a, b->sums);
    kpi_xfree(a, b->names);
    kpi_dense_free(&b->members);
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
    by_member workers = {0}, teams = {0};
    kpi_dense_init(&workers.members, a);
    kpi_dense_init(&teams.members, a);
    kpi_status st = KPI_ERR_NOMEM;
    if (!per_type || !type_seen)
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
        if ((st = by_member_add(&workers, m->caseworker, &d)) != KPI_OK ||
            (st = by_member_add(&teams, m->team, &d)) != KPI_OK)
            goto done;
    }
    st = KPI_ERR_NOMEM;
    if (!by_member_sort(&workers, ds) || !by_member_sort(&teams, ds))
        goto done;

    for (int pass = 0; pass < 2; pass++) {
        bool to_date = pass == 0;
        const char *p = to_date ? ctx->period_to_date : ctx->period_year;
        if ((st = worker_emit(out, p, to_date, NULL, NULL, &total)) != KPI_OK ||
            (st = by_member_emit(out, p, to_date, "caseworker", &workers)) !=
                KPI_OK ||
            (st = by_member_emit(out, p, to_date, "team", &teams)) != KPI_OK)
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
    by_member_free(&workers);
    by_member_free(&teams);
    return st;
}
