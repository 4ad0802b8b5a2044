/* new_placements.c - new placements and changes of placement (SPEC §5
 * new_placements): spells (rules/spells.h) starting in M and to date,
 * the changes of placement inside spells, and the new placements of each
 * month of the series. */
#include "figures/figure.h"
#include "rules/slots.h"
#include "rules/spells.h"
#include "rules/tally.h"

kpi_status kpi_fig_new_placements(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "new_placements";
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

    const kpi_measure *ms = ds->measures.items;
    const char *periods[2] = {ctx->period_month, ctx->period_to_date};
    kpi_date from[2] = {kpi_month_first_day(ctx->month), ctx->year_start};
    kpi_date to = ctx->as_of;

    /* New placements: spells starting in the period, described by their
     * first measure, age at the spell's start. */
    for (int p = 0; p < 2; p++) {
        kpi_tally_clear(&t);
        for (size_t i = 0; i < sp->count; i++) {
            const kpi_spell *s = &sp->items[i];
            if (s->start < from[p] || s->start > to)
                continue;
            const kpi_measure *m = &ms[s->first];
            kpi_tally_add(&t, m, kpi_date_age(m->birth, s->start));
        }
        if ((st = kpi_tally_emit(&t, out, id, periods[p], "count")) != KPI_OK)
            goto cleanup;
    }
    /* Changes of placement: described by the measure moved to. */
    for (int p = 0; p < 2; p++) {
        kpi_tally_clear(&t);
        for (size_t i = 0; i < sp->n_changes; i++) {
            const kpi_measure *m = &ms[sp->changes[i]];
            if (m->start < from[p] || m->start > to)
                continue;
            kpi_tally_add(&t, m, kpi_date_age(m->birth, m->start));
        }
        if ((st = kpi_tally_emit(&t, out, id, periods[p], "changes")) != KPI_OK)
            goto cleanup;
    }

    /* The series: new placements in each month January..M of Y-1 and Y,
     * total only, ascending; M of Y is already written. One pass buckets
     * the spell starts by month. */
    int64_t starts[KPI_SLOT_COUNT] = {0};
    for (size_t i = 0; i < sp->count; i++) {
        int slot = kpi_slot_of(ctx, sp->items[i].start);
        if (slot >= 0)
            starts[slot]++;
    }
    st = kpi_slots_emit_series(out, id, ctx, starts, false);

cleanup:
    kpi_tally_free(&t);
    kpi_spells_free(a, &own);
    return st;
}
