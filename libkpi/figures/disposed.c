/* disposed.c - the disposition accounting (SPEC §5 disposed): what the
 * granted measures commit the budget to, to date, for the rest of the
 * year, the whole year and the next (in total, per measure type, category
 * and kontoplan function), and KL's table with one row per measure. */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/disposal.h"
#include "rules/functions.h"
#include "rules/monthly_price.h"
#include "rules/orders.h"

#include <stdlib.h>
#include <string.h>

typedef struct disposed_sums {
    kpi_money to_date, year, next_year;
    int64_t count; /* measures active on some day of Y */
} disposed_sums;

static void disposed_add(disposed_sums *to, const disposed_sums *from)
{
    to->to_date += from->to_date;
    to->year += from->year;
    to->next_year += from->next_year;
    to->count += from->count;
}

/* Which number of disposed_sums a period shows. */
typedef enum disposed_part {
    PART_TO_DATE,
    PART_REST,
    PART_YEAR,
    PART_NEXT_YEAR,
} disposed_part;

static kpi_status disposed_emit(kpi_figures *f, const char *period,
                                disposed_part part, const char *dim,
                                const char *member, const disposed_sums *s)
{
    kpi_money v = 0;
    switch (part) {
    case PART_TO_DATE:
        v = s->to_date;
        break;
    case PART_REST:
        v = s->year - s->to_date;
        break;
    case PART_YEAR:
        v = s->year;
        break;
    case PART_NEXT_YEAR:
        v = s->next_year;
        break;
    }
    kpi_status st =
        kpi_figures_add_money(f, "disposed", period, dim, member, "amount", v);
    if (st == KPI_OK && part == PART_YEAR)
        st = kpi_figures_add_count(f, "disposed", period, dim, member, "count",
                                   s->count);
    return st;
}

typedef struct disposition_ref {
    const char *id;
    uint32_t measure;
    kpi_money this_year, next_year, month_amount;
    kpi_date assumed_end;
} disposition_ref;

static int disposition_ref_cmp(const void *a, const void *b)
{
    const disposition_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->measure > y->measure) - (x->measure < y->measure);
}

static kpi_status add_dispositions(kpi_figures *f, const kpi_context *ctx,
                                   disposition_ref *refs, size_t n)
{
    const kpi_dataset *ds = ctx->ds;
    /* Exports sorted by measure id are in order already: one pass instead
     * of a sort's n log n string comparisons. */
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = disposition_ref_cmp(&refs[i - 1], &refs[i]) < 0;
    if (!sorted)
        qsort(refs, n, sizeof *refs, disposition_ref_cmp);
    for (size_t i = 0; i < n; i++) {
        const kpi_measure *m = &ds->measures.items[refs[i].measure];
        kpi_disposition d;
        d.measure_id = refs[i].id;
        d.child_id = kpi_symtab_str(ds->syms, m->child);
        d.measure_type = ds->config->types[m->type].code;
        d.caseworker = kpi_symtab_str(ds->syms, m->caseworker);
        d.team = kpi_symtab_str(ds->syms, m->team);
        d.start = m->start;
        d.end = m->end;
        d.assumed_end = refs[i].assumed_end;
        d.price = m->price;
        d.unit = (kpi_unit)m->unit;
        d.monthly = kpi_measure_monthly_price(m);
        d.this_year = refs[i].this_year;
        d.next_year = refs[i].next_year;
        /* For the caseworker's overview: running now (with what it costs
         * in M), or ended earlier this year. */
        d.month_amount = refs[i].month_amount;
        d.active = kpi_measure_active_on(m, ctx->as_of);
        d.ended = m->end != KPI_DATE_NONE && m->end >= ctx->year_start &&
                  m->end < ctx->as_of;
        kpi_status st = kpi_figures_add_disposition(f, &d);
        if (st != KPI_OK)
            return st;
    }
    return KPI_OK;
}

kpi_status kpi_fig_disposed(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    size_t n_types = ds->config->n_types;
    size_t n = ds->measures.count;
    uint16_t *order = NULL;
    disposed_sums *per_type = NULL;
    bool *relevant = NULL;
    disposition_ref *refs = NULL;
    size_t n_refs = 0;
    kpi_type_functions fns = {0};
    disposed_sums *fn_sums = NULL; /* by function member */
    bool *fn_used = NULL;
    kpi_money months[12] = {0}; /* the total disposed in each month of Y */
    kpi_status st = kpi_type_order(ctx, &order);
    if (st != KPI_OK || (st = kpi_type_functions_build(ctx, &fns)) != KPI_OK)
        goto done;
    per_type = kpi_xcalloc(ctx->alloc, n_types ? n_types : 1, sizeof *per_type);
    relevant = kpi_xcalloc(ctx->alloc, n_types ? n_types : 1, sizeof *relevant);
    /* No disposition table when only the rows are kept (rules/context.h). */
    if (!ctx->rows_only)
        refs = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *refs);
    fn_sums = kpi_xcalloc(ctx->alloc, fns.n + 1, sizeof *fn_sums);
    fn_used = kpi_xcalloc(ctx->alloc, fns.n + 1, sizeof *fn_used);
    if (!per_type || !relevant || (!refs && !ctx->rows_only) || !fn_sums ||
        !fn_used) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled || m->type >= n_types)
            continue;
        kpi_disposal d;
        /* Last year's rows keep none of Y+1 (rules/context.h): its
         * months are not walked. */
        if (ctx->last_year)
            kpi_measure_disposal_year(m, ctx, &d);
        else
            kpi_measure_disposal(m, ctx, &d);
        if (!d.active_year && !d.active_next_year)
            continue;
        for (int mo = 0; mo < 12; mo++)
            months[mo] += d.months[mo];
        disposed_sums *s = &per_type[m->type];
        s->to_date += d.to_date;
        s->year += d.year;
        s->next_year += d.next_year;
        s->count += d.active_year;
        relevant[m->type] = true;
        if (!refs)
            continue;
        disposition_ref *r = &refs[n_refs++];
        r->id = kpi_symtab_str(ds->ids, m->id);
        r->measure = (uint32_t)i;
        r->this_year = d.year;
        r->next_year = d.next_year;
        r->assumed_end = d.assumed_end;
        r->month_amount = d.months[ctx->month.month - 1];
    }

    disposed_sums total = {0, 0, 0, 0};
    disposed_sums cat[KPI_CATEGORY_COUNT] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    for (size_t t = 0; t < n_types; t++) {
        disposed_add(&total, &per_type[t]);
        disposed_add(&cat[ds->config->types[t].category % KPI_CATEGORY_COUNT],
                     &per_type[t]);
        /* The function breakdown has the members of the types written. */
        if (fns.n && relevant[t]) {
            disposed_add(&fn_sums[fns.member_of[t]], &per_type[t]);
            fn_used[fns.member_of[t]] = true;
        }
    }

    bool has_rest = ctx->period_rest[0] != '\0';
    struct {
        const char *period;
        disposed_part part;
    } periods[] = {
        {ctx->period_to_date, PART_TO_DATE},
        {ctx->period_rest, PART_REST},
        {ctx->period_year, PART_YEAR},
        {ctx->period_next_year, PART_NEXT_YEAR},
    };
    for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++) {
        if (periods[p].part == PART_REST && !has_rest)
            continue; /* December: no rest of the year */
        const char *period = periods[p].period;
        disposed_part part = periods[p].part;
        if ((st = disposed_emit(out, period, part, NULL, NULL, &total)) !=
            KPI_OK)
            goto done;
        for (size_t k = 0; k < n_types; k++) {
            size_t t = order[k];
            if (relevant[t] &&
                (st = disposed_emit(out, period, part, "measure_type",
                                    ds->config->types[t].code, &per_type[t])) !=
                    KPI_OK)
                goto done;
        }
        for (int c = 0; c < KPI_CATEGORY_COUNT; c++)
            if ((st = disposed_emit(out, period, part, "category",
                                    kpi_category_code((kpi_category)c),
                                    &cat[c])) != KPI_OK)
                goto done;
        for (size_t m = 0; m < fns.n; m++)
            if (fn_used[m] &&
                (st = disposed_emit(out, period, part, "function",
                                    fns.members[m], &fn_sums[m])) != KPI_OK)
                goto done;
    }
    /* The series: the total disposed in each month of Y, all twelve (with
     * the booked months of spend it draws the forecast chart), ascending,
     * after the periods above. */
    for (int mo = 1; mo <= 12; mo++) {
        char period[16];
        kpi_period_format(KPI_PERIOD_MONTH, (kpi_month){ctx->year, mo},
                          KPI_PERIOD_STYLE_CODE, period, sizeof period);
        if ((st = kpi_figures_add_money(out, "disposed", period, NULL, NULL,
                                        "amount", months[mo - 1])) != KPI_OK)
            goto done;
    }
    if (refs)
        st = add_dispositions(out, ctx, refs, n_refs);
done:
    kpi_xfree(ctx->alloc, order);
    kpi_xfree(ctx->alloc, per_type);
    kpi_xfree(ctx->alloc, relevant);
    kpi_xfree(ctx->alloc, refs);
    kpi_xfree(ctx->alloc, fn_sums);
    kpi_xfree(ctx->alloc, fn_used);
    kpi_type_functions_free(ctx, &fns);
    return st;
}
