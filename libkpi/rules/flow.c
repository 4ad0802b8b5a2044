/* flow.c - the flows of the administration figures (flow.h). */
#include "rules/flow.h"

void kpi_flow_add(kpi_flow *f, const kpi_context *ctx, kpi_date event,
                  kpi_date birth)
{
    int s = kpi_slot_of(ctx, event);
    if (s < 0)
        return;
    f->slots[s]++;
    int g = birth == KPI_DATE_NONE
                ? -1
                : kpi_age_group_index(kpi_date_age(birth, event));
    if (g < 0)
        return;
    if (s == kpi_slot_month(ctx))
        f->age_month[g]++;
    if (kpi_slot_to_date(ctx, s))
        f->age_to_date[g]++;
}

static kpi_status emit_period(kpi_figures *out, const char *kpi_id,
                              const char *period, int64_t total,
                              const int64_t *age)
{
    kpi_status st =
        kpi_figures_add_count(out, kpi_id, period, NULL, NULL, "count", total);
    for (int g = 0; st == KPI_OK && age && g < KPI_AGE_GROUP_COUNT; g++)
        if (age[g])
            st = kpi_figures_add_count(out, kpi_id, period, "age_group",
                                       kpi_age_groups[g], "count", age[g]);
    return st;
}

kpi_status kpi_flow_emit(kpi_figures *out, const char *kpi_id,
                         const kpi_context *ctx, const kpi_flow *f, bool by_age)
{
    int64_t to_date = 0;
    for (int s = 12; s <= kpi_slot_month(ctx); s++)
        to_date += f->slots[s];
    kpi_status st = emit_period(out, kpi_id, ctx->period_month,
                                f->slots[kpi_slot_month(ctx)],
                                by_age ? f->age_month : NULL);
    if (st == KPI_OK)
        st = emit_period(out, kpi_id, ctx->period_to_date, to_date,
                         by_age ? f->age_to_date : NULL);
    if (st == KPI_OK)
        st = kpi_slots_emit_series(out, kpi_id, ctx, f->slots, false);
    return st;
}
