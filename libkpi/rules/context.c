/* context.c - the report a figure is computed for (context.h). */
#include "rules/context.h"

void kpi_context_init(kpi_context *ctx, const kpi_dataset *ds, kpi_month m)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->ds = ds;
    ctx->alloc = ds->alloc;
    ctx->month = m;
    ctx->year = m.year;
    ctx->as_of = kpi_month_last_day(m);
    kpi_date_from_ymd(m.year, 1, 1, &ctx->year_start);
    kpi_date_from_ymd(m.year + 1, 12, 31, &ctx->horizon);
    for (int k = 0; k < 25; k++)
        kpi_date_from_ymd(m.year - 1 + k / 12, k % 12 + 1, 1,
                          &ctx->slot_start[k]);
    /* The export's period codes (SPEC §8); there is no rest of the year
     * in December (""). */
    kpi_period_style code = KPI_PERIOD_STYLE_CODE;
    kpi_period_format(KPI_PERIOD_DAY, m, code, ctx->period_day,
                      sizeof ctx->period_day);
    kpi_period_format(KPI_PERIOD_MONTH, m, code, ctx->period_month,
                      sizeof ctx->period_month);
    kpi_period_format(KPI_PERIOD_TO_DATE, m, code, ctx->period_to_date,
                      sizeof ctx->period_to_date);
    kpi_period_format(KPI_PERIOD_YEAR, m, code, ctx->period_year,
                      sizeof ctx->period_year);
    kpi_period_format(KPI_PERIOD_REST, m, code, ctx->period_rest,
                      sizeof ctx->period_rest);
    kpi_period_format(KPI_PERIOD_NEXT_YEAR, m, code, ctx->period_next_year,
                      sizeof ctx->period_next_year);
}
