/* complaints.c - complaints to Ankestyrelsen (SPEC §5 Administration):
 * the complaints decided in M and to date with the reversal rate and the
 * outcomes, the pending on D, and the decided in each month of the
 * series. */
#include "figures/figure.h"
#include "rules/slots.h"

/* The outcome codes of the export, indexed by kpi_outcome. */
static const char *const outcome_codes[] = {
    NULL, "upheld", "changed", "remitted", "dismissed",
};
#define OUTCOME_COUNT 5

/* The outcomes in the export's member order (bytewise by code). */
static const kpi_outcome outcome_order[] = {
    KPI_OUTCOME_CHANGED,
    KPI_OUTCOME_DISMISSED,
    KPI_OUTCOME_REMITTED,
    KPI_OUTCOME_UPHELD,
};

/* A complaint is pending on d when it has been received and is not yet
 * decided: one decided on d itself is decided, not pending. */
static bool pending_on(const kpi_complaint *k, kpi_date d)
{
    return k->received <= d && (k->decided == KPI_DATE_NONE || k->decided > d);
}

/* Writes one period's decided complaints: the total, the omgørelsesprocent
 * and the outcomes. by_outcome[0] is the total. */
static kpi_status emit_decided(kpi_figures *out, const char *period,
                               const int64_t by_outcome[OUTCOME_COUNT])
{
    static const char id[] = "complaints";
    int64_t decided = by_outcome[0];
    kpi_status st =
        kpi_figures_add_count(out, id, period, NULL, NULL, "count", decided);
    /* Ankestyrelsen's omgørelsesprocent: of the complaints decided on their
     * merits (dismissed ones are not), the share changed or remitted. */
    int64_t merits = decided - by_outcome[KPI_OUTCOME_DISMISSED];
    if (st == KPI_OK && merits > 0)
        st = kpi_figures_add_real(out, id, period, NULL, NULL, "reversal_rate",
                                  (double)(by_outcome[KPI_OUTCOME_CHANGED] +
                                           by_outcome[KPI_OUTCOME_REMITTED]) /
                                      (double)merits);
    for (size_t i = 0;
         st == KPI_OK && i < sizeof outcome_order / sizeof *outcome_order;
         i++) {
        kpi_outcome o = outcome_order[i];
        if (by_outcome[o])
            st =
                kpi_figures_add_count(out, id, period, "outcome",
                                      outcome_codes[o], "count", by_outcome[o]);
    }
    return st;
}

kpi_status kpi_fig_complaints(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_COMPLAINTS])
        return KPI_OK;
    int ms = kpi_slot_month(ctx);
    int64_t month[OUTCOME_COUNT] = {0}, to_date[OUTCOME_COUNT] = {0};
    int64_t slots[KPI_SLOT_COUNT] = {0}, pending = 0;
    for (size_t i = 0; i < ds->complaints.count; i++) {
        const kpi_complaint *k = &ds->complaints.items[i];
        pending += pending_on(k, ctx->as_of);
        int s = kpi_slot_of(ctx, k->decided);
        if (s < 0)
            continue;
        slots[s]++;
        /* The loader requires an outcome with a decided date; an unknown
         * one would count in the total only. */
        unsigned o = k->outcome < OUTCOME_COUNT ? k->outcome : 0;
        if (kpi_slot_to_date(ctx, s)) {
            to_date[0]++;
            if (o)
                to_date[o]++;
        }
        if (s == ms) {
            month[0]++;
            if (o)
                month[o]++;
        }
    }
    kpi_status st;
    if ((st = emit_decided(out, ctx->period_month, month)) != KPI_OK ||
        (st = emit_decided(out, ctx->period_to_date, to_date)) != KPI_OK ||
        (st = kpi_figures_add_count(out, "complaints", ctx->period_day, NULL,
                                    NULL, "pending", pending)) != KPI_OK)
        return st;
    return kpi_slots_emit_series(out, "complaints", ctx, slots, false);
}
