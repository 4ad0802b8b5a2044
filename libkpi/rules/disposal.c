/* disposal.c - what a measure disposes (disposal.h). */
#include "rules/disposal.h"

kpi_money kpi_measure_disposed_month(const kpi_measure *m,
                                     const kpi_context *ctx, int year,
                                     int month)
{
    if (m->cancelled)
        return 0;
    return kpi_measure_month_amount(m->price, (kpi_unit)m->unit, m->start,
                                    kpi_measure_assumed_end(m, ctx), year,
                                    month);
}

kpi_money kpi_measure_disposed_year(const kpi_measure *m,
                                    const kpi_context *ctx)
{
    if (m->cancelled)
        return 0;
    /* Only the months the measure overlaps are summed: most measures of a
     * large dataset run a few months of Y. */
    int y0, m0, d0, y1, m1, d1;
    kpi_date_to_ymd(m->start, &y0, &m0, &d0);
    kpi_date_to_ymd(kpi_measure_assumed_end(m, ctx), &y1, &m1, &d1);
    if (y0 > ctx->year || y1 < ctx->year)
        return 0;
    int first = y0 < ctx->year ? 1 : m0, last = y1 > ctx->year ? 12 : m1;
    kpi_money cost = 0;
    for (int mo = first; mo <= last; mo++)
        cost += kpi_measure_disposed_month(m, ctx, ctx->year, mo);
    return cost;
}

void kpi_economy_disposal(const kpi_measure *m, const kpi_context *ctx,
                          kpi_disposal *out)
{
    memset(out, 0, sizeof *out);
    out->assumed_end = kpi_measure_assumed_end(m, ctx);
    if (m->cancelled || out->assumed_end < m->start)
        return;
    kpi_date next_start = ctx->year_start + kpi_date_days_in_year(ctx->year);
    kpi_date next_end = next_start + kpi_date_days_in_year(ctx->year + 1) - 1;
    kpi_date from = m->start > ctx->year_start ? m->start : ctx->year_start;
    kpi_date to = out->assumed_end < next_end ? out->assumed_end : next_end;
    if (to < from)
        return;
    out->active_year = from < next_start;
    out->active_next_year = to >= next_start;

    /* Only the months the measure overlaps, walking from month to month
     * by adding its length: every economy figure runs this for every
     * measure, so it must not cost a calendar conversion per month. The
     * amount is kpi_measure_disposed_month()'s (SPEC §4: price x active
     * days / days of the unit, rounded half away from zero); a test holds
     * the two equal month by month. */
    int y, mo, d;
    kpi_date_to_ymd(from, &y, &mo, &d);
    kpi_date month_start = from - (d - 1);
    int first = (y - ctx->year) * 12 + mo - 1;
    for (int i = first; i < 24 && month_start <= to; i++) {
        int days_in_month = kpi_date_days_in_month(y, mo);
        kpi_date month_end = month_start + days_in_month - 1;
        kpi_date lo = from > month_start ? from : month_start;
        kpi_date hi = to < month_end ? to : month_end;
        int64_t days = (int64_t)(hi - lo) + 1;
        kpi_money a;
        switch ((kpi_unit)m->unit) {
        case KPI_UNIT_DAY:
            a = m->price * days;
            break;
        case KPI_UNIT_WEEK:
            a = kpi_div_round(m->price * days, 7);
            break;
        case KPI_UNIT_YEAR:
            a = kpi_div_round(m->price * days, kpi_date_days_in_year(y));
            break;
        case KPI_UNIT_MONTH:
            a = days == days_in_month
                    ? m->price
                    : kpi_div_round(m->price * days, days_in_month);
            break;
        default:
            a = 0; /* as kpi_measure_month_amount: no such unit */
            break;
        }
        out->months[i] = a;
        if (i < 12) {
            out->year += a;
            if (i < ctx->month.month)
                out->to_date += a;
        } else {
            out->next_year += a;
        }
        month_start = month_end + 1;
        if (++mo > 12) {
            mo = 1;
            y++;
        }
    }
}
