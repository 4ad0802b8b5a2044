/* placed_children.c - children in care on D (SPEC §5 placed_children):
 * the children whose placement spell (rules/spells.h) covers D, described
 * by the placement they are in on D, and the children in care at each of
 * the 23 month ends before D. */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/spells.h"
#include "rules/tally.h"

static bool spell_covers(const kpi_spell *s, kpi_date d)
{
    return s->start <= d && (s->end == KPI_DATE_NONE || d <= s->end);
}

/* The measure that describes a child placed on d: of the spell's measures
 * active on d, the one that started latest, ties to the larger measure id.
 * NULL when none is active (never for a spell that covers d, since a
 * spell's measures leave no gap). */
static const kpi_measure *placement_on(const kpi_dataset *ds,
                                       const kpi_spells *sp, const kpi_spell *s,
                                       kpi_date d)
{
    const kpi_measure *best = NULL;
    for (size_t j = 0; j < s->n_measures; j++) {
        const kpi_measure *m = &ds->measures.items[sp->order[s->begin + j]];
        if (!kpi_measure_active_on(m, d))
            continue;
        if (!best || m->start > best->start ||
            (m->start == best->start &&
             strcmp(kpi_symtab_str(ds->ids, m->id),
                    kpi_symtab_str(ds->ids, best->id)) > 0))
            best = m;
    }
    return best;
}

kpi_status kpi_fig_placed_children(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "placed_children";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    kpi_spells own = {0};
    const kpi_spells *sp = NULL;
    kpi_tally t = {0};
    kpi_status st;
    if ((st = kpi_spells_of(ctx, &own, &sp)) != KPI_OK ||
        (st = kpi_tally_init(&t, ctx)) != KPI_OK)
        goto cleanup;

    /* A child's spells never overlap, so the spells covering a day are
     * the children placed on it. */
    kpi_date d = ctx->as_of;
    for (size_t i = 0; i < sp->count; i++) {
        const kpi_spell *s = &sp->items[i];
        if (!spell_covers(s, d))
            continue;
        const kpi_measure *m = placement_on(ds, sp, s, d);
        if (m)
            kpi_tally_add(&t, m, kpi_date_age(m->birth, d));
    }
    if ((st = kpi_tally_emit(&t, out, id, ctx->period_day, "count")) != KPI_OK)
        goto cleanup;

    /* The series: the 23 month ends before D, ascending, total only (D
     * itself is already written). Twenty-four months hold January..M of Y
     * and of Y-1 and give the workbook's 24-month chart no gaps. */
    for (int back = 23; back >= 1; back--) {
        int index = ctx->year * 12 + (ctx->month.month - 1) - back;
        kpi_month month = {index / 12, index % 12 + 1};
        kpi_date e = kpi_month_last_day(month);
        int64_t n = 0;
        for (size_t i = 0; i < sp->count; i++)
            n += spell_covers(&sp->items[i], e);
        char period[11];
        kpi_date_format(e, period);
        if ((st = kpi_figures_add_count(out, id, period, NULL, NULL, "count",
                                        n)) != KPI_OK)
            goto cleanup;
    }

cleanup:
    kpi_tally_free(&t);
    kpi_spells_free(a, &own);
    return st;
}
