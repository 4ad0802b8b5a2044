/* preventive_duration.c - how long preventive measures last (SPEC §5
 * preventive_duration): the preventive measures ended in M and to date,
 * each on its own, and those ended in each month of the series. */
#include "figures/figure.h"
#include "rules/orders.h"
#include "rules/slots.h"

/* Count, sum, min and max of durations, for one member. */
typedef struct duration_acc {
    int64_t count, sum;
    int32_t min, max;
} duration_acc;

static void acc_add(duration_acc *acc, int32_t days)
{
    if (acc->count == 0 || days < acc->min)
        acc->min = days;
    if (acc->count == 0 || days > acc->max)
        acc->max = days;
    acc->count++;
    acc->sum += days;
}

/* Writes count, and when there is something to average, mean_days,
 * min_days and max_days. */
static kpi_status acc_emit(kpi_figures *out, const char *id, const char *period,
                           const char *dim, const char *member,
                           const duration_acc *acc)
{
    kpi_status st = kpi_figures_add_count(out, id, period, dim, member, "count",
                                          acc->count);
    if (st != KPI_OK || acc->count == 0)
        return st;
    if ((st = kpi_figures_add_real(out, id, period, dim, member, "mean_days",
                                   (double)acc->sum / (double)acc->count)) !=
            KPI_OK ||
        (st = kpi_figures_add_count(out, id, period, dim, member, "min_days",
                                    acc->min)) != KPI_OK)
        return st;
    return kpi_figures_add_count(out, id, period, dim, member, "max_days",
                                 acc->max);
}

static bool is_preventive(const kpi_dataset *ds, const kpi_measure *m)
{
    return !m->cancelled &&
           kpi_dataset_type(ds, m->type)->category == KPI_CATEGORY_PREVENTIVE;
}

kpi_status kpi_fig_preventive_duration(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "preventive_duration";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    size_t n_types = ds->config->n_types;
    uint16_t *types = NULL;
    duration_acc *by_type =
        kpi_xcalloc(a, n_types ? n_types : 1, sizeof *by_type);
    kpi_status st = kpi_type_order(ctx, &types);
    if (st == KPI_OK && !by_type)
        st = KPI_ERR_NOMEM;
    if (st != KPI_OK)
        goto cleanup;
    size_t targets[KPI_TARGET_COUNT];
    kpi_target_order(targets);

    const kpi_measure *ms = ds->measures.items;
    const char *periods[2] = {ctx->period_month, ctx->period_to_date};
    kpi_date from[2] = {kpi_month_first_day(ctx->month), ctx->year_start};
    kpi_date to = ctx->as_of;
    for (int p = 0; p < 2 && st == KPI_OK; p++) {
        duration_acc total = {0}, by_target[KPI_TARGET_COUNT];
        memset(by_target, 0, sizeof by_target);
        memset(by_type, 0, (n_types ? n_types : 1) * sizeof *by_type);
        /* Each measure on its own: a preventive measure is a grant with
         * its own length, not chained like placements. */
        for (size_t i = 0; i < ds->measures.count; i++) {
            const kpi_measure *m = &ms[i];
            if (!is_preventive(ds, m) || m->end == KPI_DATE_NONE ||
                m->end < from[p] || m->end > to)
                continue;
            int32_t days = m->end - m->start + 1;
            acc_add(&total, days);
            acc_add(&by_type[m->type], days);
            if (m->target_group < KPI_TARGET_COUNT)
                acc_add(&by_target[m->target_group], days);
        }
        st = acc_emit(out, id, periods[p], NULL, NULL, &total);
        for (size_t i = 0; i < n_types && st == KPI_OK; i++)
            if (by_type[types[i]].count)
                st = acc_emit(out, id, periods[p], "measure_type",
                              ds->config->types[types[i]].code,
                              &by_type[types[i]]);
        for (size_t g = 0; g < KPI_TARGET_COUNT && st == KPI_OK; g++)
            if (by_target[targets[g]].count)
                st = acc_emit(
                    out, id, periods[p], "target_group",
                    kpi_target_group_code((kpi_target_group)targets[g]),
                    &by_target[targets[g]]);
    }
    if (st != KPI_OK)
        goto cleanup;

    int64_t series[KPI_SLOT_COUNT] = {0};
    for (size_t i = 0; i < ds->measures.count; i++) {
        int slot = kpi_slot_of(ctx, ms[i].end);
        if (slot >= 0 && is_preventive(ds, &ms[i]))
            series[slot]++;
    }
    st = kpi_slots_emit_series(out, id, ctx, series, false);

cleanup:
    kpi_xfree(a, by_type);
    kpi_xfree(a, types);
    return st;
}
