/* goal_attainment.c - goals met and the development of the children's
 * functioning (SPEC §5 goal_attainment, §3.7): the share of goals met in
 * M and to date, the trend of the function scores on D, and both for each
 * month of the series, by the child's status and target group
 * (rules/outcome_tally.h). */
#include "figures/figure.h"
#include "rules/outcome_tally.h"
#include "rules/slots.h"

/* Direction of the 0-4 function scale. Danish practice scores functioning
 * as difficulties: 0 = no problems, 4 = complete problems (the ICF
 * qualifiers Socialstyrelsen names for this figure, VUM, Fælles Sprog III),
 * so a LOWER score is better. This is the sign a change of the score has
 * when it is an improvement; make it +1 for a scale where 4 is best. */
#define FUNCTION_IMPROVEMENT_SIGN (-1)

/* Every goal followed up in from..to, by the child's status and target
 * group on the follow-up's date. */
static void goal_tally(kpi_outcome_tally *t, const kpi_dataset *ds,
                       const kpi_indicator_rows *r, kpi_date from, kpi_date to)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < r->n; i++)
        if (r->keys[i].date >= from && r->keys[i].date <= to)
            kpi_outcome_tally_add(t, &r->states[i], r->keys[i].date,
                                  kpi_indicator_value(ds, &r->keys[i]), -1);
}

/* Every child and parameter with scores on at least two days on or
 * before `on`: the latest against the first. Two scores of one parameter
 * on the same day are one assessment, the later line of the file winning
 * (a correction), so the first score is the last line of the earliest day
 * and the latest the last line of the latest day. Counted by the child's
 * status and target group on the latest score's date. */
static void function_tally(kpi_outcome_tally *t, const kpi_dataset *ds,
                           const kpi_indicator_rows *r, kpi_date on)
{
    memset(t, 0, sizeof *t);
    size_t i = 0;
    while (i < r->n) {
        size_t j = i, first = SIZE_MAX, latest = SIZE_MAX;
        for (; j < r->n && r->keys[j].group == r->keys[i].group &&
               r->keys[j].sub == r->keys[i].sub;
             j++) {
            if (r->keys[j].date > on)
                continue;
            if (r->keys[j].date == r->keys[i].date)
                first = j; /* keys[i] is on the group's earliest day */
            latest = j;
        }
        if (latest != SIZE_MAX && r->keys[latest].date > r->keys[first].date) {
            double change = (kpi_indicator_value(ds, &r->keys[latest]) -
                             kpi_indicator_value(ds, &r->keys[first])) *
                            FUNCTION_IMPROVEMENT_SIGN;
            int trend = change > 0   ? KPI_TREND_IMPROVED
                        : change < 0 ? KPI_TREND_DECLINED
                                     : KPI_TREND_MAINTAINED;
            kpi_outcome_tally_add(t, &r->states[latest], r->keys[latest].date,
                                  0, trend);
        }
        i = j;
    }
}

kpi_status kpi_fig_goal_attainment(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "goal_attainment";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_OUTCOMES])
        return KPI_OK;
    kpi_child_index ix = {0};
    kpi_indicator_rows goals = {0}, scores = {0};
    kpi_outcome_tally t;
    kpi_status st;
    if ((st = kpi_child_index_build(&ix, ds, a)) != KPI_OK ||
        (st = kpi_indicator_rows_build(&goals, ds, &ix, KPI_INDICATOR_GOAL,
                                       false, ctx->as_of, a)) != KPI_OK ||
        (st = kpi_indicator_rows_build(&scores, ds, &ix, KPI_INDICATOR_FUNCTION,
                                       true, ctx->as_of, a)) != KPI_OK)
        goto cleanup;

    goal_tally(&t, ds, &goals, kpi_month_first_day(ctx->month), ctx->as_of);
    if ((st = kpi_outcome_tally_emit(out, id, ctx->period_month, &t,
                                     KPI_CELL_SHARE, KPI_DIMS_STATUS_TARGET,
                                     false)) != KPI_OK)
        goto cleanup;
    goal_tally(&t, ds, &goals, ctx->year_start, ctx->as_of);
    if ((st = kpi_outcome_tally_emit(out, id, ctx->period_to_date, &t,
                                     KPI_CELL_SHARE, KPI_DIMS_STATUS_TARGET,
                                     false)) != KPI_OK)
        goto cleanup;
    function_tally(&t, ds, &scores, ctx->as_of);
    if ((st = kpi_outcome_tally_emit(out, id, ctx->period_day, &t,
                                     KPI_CELL_TREND, KPI_DIMS_STATUS_TARGET,
                                     false)) != KPI_OK)
        goto cleanup;

    /* The series, ascending: each month's goals ("2026-03") and the
     * function scores at its end ("2026-03-31"), totals only; M and D
     * are already written. */
    for (int slot = 0; slot < KPI_SLOT_COUNT; slot++) {
        if (!kpi_slot_in_series(ctx, slot))
            continue;
        kpi_month cm = kpi_slot_calendar_month(ctx, slot);
        char period[16], day[11];
        kpi_slot_period(ctx, slot, period);
        kpi_date last = kpi_month_last_day(cm);
        goal_tally(&t, ds, &goals, kpi_month_first_day(cm), last);
        if ((st = kpi_outcome_tally_emit(out, id, period, &t, KPI_CELL_SHARE,
                                         KPI_DIMS_STATUS_TARGET, true)) !=
            KPI_OK)
            goto cleanup;
        kpi_date_format(last, day);
        function_tally(&t, ds, &scores, last);
        if ((st = kpi_outcome_tally_emit(out, id, day, &t, KPI_CELL_TREND,
                                         KPI_DIMS_STATUS_TARGET, true)) !=
            KPI_OK)
            goto cleanup;
    }

cleanup:
    kpi_indicator_rows_free(&scores, a);
    kpi_indicator_rows_free(&goals, a);
    kpi_child_index_free(&ix, a);
    return st;
}
