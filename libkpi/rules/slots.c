/* slots.c - the months of a report's flows and series (slots.h). */
#include "rules/slots.h"

_Static_assert(sizeof((kpi_context *)0)->slot_start ==
                   (KPI_SLOT_COUNT + 1) * sizeof(kpi_date),
               "kpi_context.slot_start: a first day per slot and one after");

int kpi_slot_of(const kpi_context *ctx, kpi_date d)
{
    const kpi_date *start = ctx->slot_start;
    if (d == KPI_DATE_NONE || d < start[0] || d >= start[KPI_SLOT_COUNT])
        return -1;
    /* No month is longer than 31 days, so this is d's slot or one a
     * little before it. */
    int s = (int)((d - start[0]) / 31);
    while (start[s + 1] <= d)
        s++;
    return s % 12 < ctx->month.month ? s : -1;
}

int kpi_slot_month(const kpi_context *ctx)
{
    return 12 + ctx->month.month - 1;
}

bool kpi_slot_to_date(const kpi_context *ctx, int slot)
{
    return slot >= 12 && slot <= kpi_slot_month(ctx);
}

bool kpi_slot_in_series(const kpi_context *ctx, int slot)
{
    return slot >= 0 && slot < KPI_SLOT_COUNT && slot % 12 < ctx->month.month &&
           slot != kpi_slot_month(ctx);
}

void kpi_slot_period(const kpi_context *ctx, int slot, char buf[16])
{
    kpi_period_format(KPI_PERIOD_MONTH, kpi_slot_calendar_month(ctx, slot),
                      KPI_PERIOD_STYLE_CODE, buf, 16);
}

kpi_month kpi_slot_calendar_month(const kpi_context *ctx, int slot)
{
    kpi_month m = {ctx->year - 1 + slot / 12, slot % 12 + 1};
    return m;
}

kpi_date kpi_slot_last_day(const kpi_context *ctx, int slot)
{
    return kpi_month_last_day(kpi_slot_calendar_month(ctx, slot));
}

kpi_status kpi_slots_emit_series(kpi_figures *out, const char *kpi_id,
                                 const kpi_context *ctx,
                                 const int64_t counts[KPI_SLOT_COUNT],
                                 bool with_m)
{
    kpi_status st = KPI_OK;
    for (int s = 0; st == KPI_OK && s < KPI_SLOT_COUNT; s++) {
        if (!kpi_slot_in_series(ctx, s) &&
            !(with_m && s == kpi_slot_month(ctx)))
            continue;
        char period[16];
        kpi_slot_period(ctx, s, period);
        st = kpi_figures_add_count(out, kpi_id, period, NULL, NULL, "count",
                                   counts[s]);
    }
    return st;
}
