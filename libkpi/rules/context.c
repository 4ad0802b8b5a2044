/* context.c - the report a figure is computed for (context.h). */
#include "rules/context.h"

#include <stdio.h>

void kpi_context_init(kpi_context *ctx, const kpi_dataset *ds, kpi_month m)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->ds = ds;
    ctx->alloc = ds->alloc;
    ctx->month = m;
    ctx->year = m.year;
    ctx->as_of = kpi_month_last_day(m);
    kpi_date_from_ymd(m.year, 1, 1, &ctx->year_start);
    kpi_date_format(ctx->as_of, ctx->period_day);
    snprintf(ctx->period_month, sizeof ctx->period_month, "%04d-%02d",
             m.year % 10000, m.month % 100);
    snprintf(ctx->period_to_date, sizeof ctx->period_to_date,
             "%04d-01..%04d-%02d", m.year % 10000, m.year % 10000,
             m.month % 100);
    snprintf(ctx->period_year, sizeof ctx->period_year, "%04d",
             m.year % 10000);
    /* The rest of the year, through a roomy buffer: the compiler cannot
     * see that the year has four digits. December has no rest. */
    if (m.month < 12) {
        char tmp[48];
        snprintf(tmp, sizeof tmp, "%04d-%02d..%04d-12", m.year, m.month + 1,
                 m.year);
        memcpy(ctx->period_rest, tmp, 16);
        ctx->period_rest[16] = '\0';
    }
    snprintf(ctx->period_next_year, sizeof ctx->period_next_year, "%04d",
             (m.year + 1) % 10000);
}
