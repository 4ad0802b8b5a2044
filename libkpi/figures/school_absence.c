/* school_absence.c - school absence of the children (SPEC §5
 * school_absence, §3.7): per child the latest assessment of the period,
 * averaged, for M, to date and each month of the series, by the child's
 * status and age group (rules/outcome_tally.h). */
#include "figures/figure.h"
#include "rules/outcome_tally.h"
#include "rules/slots.h"

/* Per child the latest assessment dated in from..to (on a tie of dates
 * the later line of the file), averaged. */
static void absence_tally(kpi_outcome_tally *t, const kpi_dataset *ds,
                          const kpi_indicator_rows *r, kpi_date from,
                          kpi_date to)
{
    memset(t, 0, sizeof *t);
    size_t i = 0;
    while (i < r->n) {
        size_t latest = SIZE_MAX;
        size_t j = i;
        for (; j < r->n && r->keys[j].group == r->keys[i].group; j++)
            if (r->keys[j].date >= from && r->keys[j].date <= to)
                latest = j; /* ascending by date, then line */
        if (latest != SIZE_MAX)
            kpi_outcome_tally_add(t, &r->states[latest], r->keys[latest].date,
                                  kpi_indicator_value(ds, &r->keys[latest]),
                                  -1);
        i = j;
    }
}

kpi_status kpi_fig_school_absence(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "school_absence";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_OUTCOMES])
        return KPI_OK;
    kpi_child_index ix = {0};
    kpi_indicator_rows r = {0};
    kpi_outcome_tally t;
    kpi_status st;
    if ((st = kpi_child_index_build(&ix, ds, a)) != KPI_OK ||
        (st =
             kpi_indicator_rows_build(&r, ds, &ix, KPI_INDICATOR_SCHOOL_ABSENCE,
                                      false, ctx->as_of, a)) != KPI_OK)
        goto cleanup;

    absence_tally(&t, ds, &r, kpi_month_first_day(ctx->month), ctx->as_of);
    if ((st = kpi_outcome_tally_emit(out, id, ctx->period_month, &t,
                                     KPI_CELL_MEAN, KPI_DIMS_STATUS_AGE,
                                     false)) != KPI_OK)
        goto cleanup;
    absence_tally(&t, ds, &r, ctx->year_start, ctx->as_of);
    if ((st = kpi_outcome_tally_emit(out, id, ctx->period_to_date, &t,
                                     KPI_CELL_MEAN, KPI_DIMS_STATUS_AGE,
                                     false)) != KPI_OK)
        goto cleanup;
    for (int slot = 0; slot < KPI_SLOT_COUNT; slot++) {
        if (!kpi_slot_in_series(ctx, slot))
            continue; /* M is written as the month period */
        kpi_month cm = kpi_slot_calendar_month(ctx, slot);
        char period[16];
        kpi_slot_period(ctx, slot, period);
        absence_tally(&t, ds, &r, kpi_month_first_day(cm),
                      kpi_month_last_day(cm));
        if ((st = kpi_outcome_tally_emit(out, id, period, &t, KPI_CELL_MEAN,
                                         KPI_DIMS_STATUS_AGE, true)) != KPI_OK)
            goto cleanup;
    }

cleanup:
    kpi_indicator_rows_free(&r, a);
    kpi_child_index_free(&ix, a);
    return st;
}
