/* disposal.c - what a measure disposes (disposal.h). */
#include "rules/disposal.h"

/* The disposal of the first n_months (12 or 24) months from January Y.
 * Only the months outside the measure's are zeroed, not the whole
 * record: clearing its 232 bytes for every measure was half the time of
 * this function in the figures that call it for every measure. */
static void disposal(const kpi_measure *m, const kpi_context *ctx,
                     int n_months, kpi_disposal *out)
{
    out->to_date = out->year = out->next_year = 0;
    out->active_year = out->active_next_year = false;
    out->assumed_end = kpi_measure_assumed_end(m, ctx);
    int lo = 0, hi = 0; /* the months written: [lo, hi) */
    kpi_date next_start = ctx->year_start + kpi_date_days_in_year(ctx->year);
    kpi_date next_end = ctx->horizon; /* 31 December Y+1 */
    kpi_date from = m->start > ctx->year_start ? m->start : ctx->year_start;
    kpi_date to = out->assumed_end < next_end ? out->assumed_end : next_end;
    if (!m->cancelled && out->assumed_end >= m->start && to >= from) {
        out->active_year = from < next_start;
        out->active_next_year = to >= next_start;
        /* SPEC §4's amount of each month of Y and Y+1 (base/money.c). */
        kpi_month january = {ctx->year, 1};
        kpi_month_amounts(m->price, (kpi_unit)m->unit, m->start,
                          out->assumed_end, january, ctx->year_start, n_months,
                          out->months, &lo, &hi);
        int mid = hi < 12 ? hi : 12,
            m_end = hi < ctx->month.month ? hi : ctx->month.month;
        for (int k = lo; k < mid; k++)
            out->year += out->months[k];
        for (int k = lo; k < m_end; k++)
            out->to_date += out->months[k];
        for (int k = lo > 12 ? lo : 12; k < hi; k++)
            out->next_year += out->months[k];
    }
    for (int k = 0; k < lo; k++)
        out->months[k] = 0;
    for (int k = hi; k < n_months; k++)
        out->months[k] = 0;
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
