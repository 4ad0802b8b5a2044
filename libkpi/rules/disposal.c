/* disposal.c - what a measure disposes (disposal.h). */
#include "rules/disposal.h"

/* The disposal of the first n_months (12 or 24) months from January Y. */
static void disposal(const kpi_measure *m, const kpi_context *ctx,
                     int n_months, kpi_disposal *out)
{
    memset(out, 0, sizeof *out);
    out->assumed_end = kpi_measure_assumed_end(m, ctx);
    if (m->cancelled || out->assumed_end < m->start)
        return;
    kpi_date next_start = ctx->year_start + kpi_date_days_in_year(ctx->year);
    kpi_date next_end = ctx->horizon; /* 31 December Y+1 */
    kpi_date from = m->start > ctx->year_start ? m->start : ctx->year_start;
    kpi_date to = out->assumed_end < next_end ? out->assumed_end : next_end;
    if (to < from)
        return;
    out->active_year = from < next_start;
    out->active_next_year = to >= next_start;
    /* SPEC §4's amount of each month of Y and Y+1 (base/money.c); the
     * months outside the measure stay 0 from the memset above. */
    kpi_month january = {ctx->year, 1};
    int lo, hi;
    kpi_month_amounts(m->price, (kpi_unit)m->unit, m->start, out->assumed_end,
                      january, ctx->year_start, n_months, out->months, &lo,
                      &hi);
    int mid = hi < 12 ? hi : 12,
        m_end = hi < ctx->month.month ? hi : ctx->month.month;
    for (int k = lo; k < mid; k++)
        out->year += out->months[k];
    for (int k = lo; k < m_end; k++)
        out->to_date += out->months[k];
    for (int k = lo > 12 ? lo : 12; k < hi; k++)
        out->next_year += out->months[k];
}

void kpi_measure_disposal(const kpi_measure *m, const kpi_context *ctx,
                          kpi_disposal *out)
{
    disposal(m, ctx, 24, out);
}

void kpi_measure_disposal_year(const kpi_measure *m, const kpi_context *ctx,
                               kpi_disposal *out)
{
    disposal(m, ctx, 12, out);
}
