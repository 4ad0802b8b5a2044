/* durations.c - how long children stay in care and how long preventive
 * measures last (SPEC §5): placement_duration (spells ended to date and
 * ongoing on D, with median and short placements) and preventive_duration
 * (preventive measures ended in the period). */
#include "figures/figure.h"
#include "rules/orders.h"
#include "rules/spells.h"

#include <stdio.h>
#include <stdlib.h>

/* A placement under half a year is "short" (SPEC §5): the usual line in
 * Danish reports of broken-off or temporary placements. */
#define SHORT_PLACEMENT_DAYS 183

/* ---- shared helpers ------------------------------------------------------ */

/* The flow series of SPEC §5: for each month January..M of Y-1 and Y the
 * number of end dates in that month, periods "YYYY-MM", totals only.
 * counts[0] is Y-1, counts[1] Y. With skip_m the month M of Y is left
 * out, for figures that already wrote it as their month period. */
static kpi_status emit_monthly_series(kpi_figures *out, const char *id,
                                      const kpi_context *ctx,
                                      int64_t counts[2][12], bool skip_m)
{
    kpi_status st = KPI_OK;
    for (int k = 0; k < 2 && st == KPI_OK; k++) {
        int y = ctx->year - 1 + k;
        for (int mo = 1; mo <= ctx->month.month && st == KPI_OK; mo++) {
            if (skip_m && k == 1 && mo == ctx->month.month)
                continue;
            char period[32];
            snprintf(period, sizeof period, "%04d-%02d", y % 10000, mo);
            st = kpi_figures_add_count(out, id, period, NULL, NULL, "count",
                                       counts[k][mo - 1]);
        }
    }
    return st;
}

/* Counts end date e into the series when it falls in January..M of Y-1
 * or Y. */
static void series_add(int64_t counts[2][12], const kpi_context *ctx,
                       kpi_date e)
{
    int y, mo, d;
    kpi_date_to_ymd(e, &y, &mo, &d);
    int k = y - (ctx->year - 1);
    if (k >= 0 && k <= 1 && mo <= ctx->month.month)
        counts[k][mo - 1]++;
}

/* ---- placement_duration -------------------------------------------------- */

typedef struct spell_duration {
    int32_t days;
    uint8_t target_group; /* of the spell's first measure */
} spell_duration;

static int compare_duration(const void *pa, const void *pb)
{
    const spell_duration *a = pa, *b = pb;
    if (a->days != b->days)
        return a->days < b->days ? -1 : 1;
    return (a->target_group > b->target_group) -
           (a->target_group < b->target_group);
}

/* Writes count, mean_days, median_days, min_days, max_days (and with
 * with_short the short_count) of n durations sorted ascending. With no
 * durations only the counts are written: a mean of nothing is not 0. */
static kpi_status emit_duration_stats(kpi_figures *out, const char *id,
                                      const char *period, const char *dim,
                                      const char *member, const int32_t *days,
                                      size_t n, bool with_short)
{
    kpi_status st = kpi_figures_add_count(out, id, period, dim, member, "count",
                                          (int64_t)n);
    int64_t sum = 0, n_short = 0;
    for (size_t i = 0; i < n; i++) {
        sum += days[i];
        n_short += days[i] < SHORT_PLACEMENT_DAYS;
    }
    if (st == KPI_OK && n > 0) {
        /* The median of an even count is the mean of the middle two. */
        double median = n % 2 ? (double)days[n / 2]
                              : ((double)days[n / 2 - 1] + days[n / 2]) / 2.0;
        if ((st = kpi_figures_add_real(out, id, period, dim, member,
                                       "mean_days", (double)sum / (double)n)) !=
                KPI_OK ||
            (st = kpi_figures_add_real(out, id, period, dim, member,
                                       "median_days", median)) != KPI_OK ||
            (st = kpi_figures_add_count(out, id, period, dim, member,
                                        "min_days", days[0])) != KPI_OK ||
            (st = kpi_figures_add_count(out, id, period, dim, member,
                                        "max_days", days[n - 1])) != KPI_OK)
            return st;
    }
    if (st == KPI_OK && with_short)
        st = kpi_figures_add_count(out, id, period, dim, member, "short_count",
                                   n_short);
    return st;
}

/* Sorts the n durations and writes the total and each target group's
 * stats; scratch holds n int32. */
static kpi_status emit_duration_set(kpi_figures *out, const char *id,
                                    const char *period, spell_duration *d,
                                    size_t n, int32_t *scratch, bool with_short)
{
    qsort(d, n, sizeof *d, compare_duration);
    for (size_t i = 0; i < n; i++)
        scratch[i] = d[i].days;
    kpi_status st = emit_duration_stats(out, id, period, NULL, NULL, scratch, n,
                                        with_short);
    size_t order[KPI_TARGET_COUNT];
    kpi_target_order(order);
    for (size_t g = 0; g < KPI_TARGET_COUNT && st == KPI_OK; g++) {
        /* Picking one group's durations keeps them sorted. */
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (d[i].target_group == order[g])
                scratch[m++] = d[i].days;
        if (m > 0)
            st = emit_duration_stats(
                out, id, period, "target_group",
                kpi_target_group_code((kpi_target_group)order[g]), scratch, m,
                with_short);
    }
    return st;
}

kpi_status kpi_fig_placement_duration(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "placement_duration";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    kpi_spells sp = {0};
    spell_duration *ended = NULL, *ongoing = NULL;
    int32_t *scratch = NULL;
    int64_t series[2][12] = {{0}};
    kpi_status st = kpi_spells_build(ds, a, &sp);
    if (st != KPI_OK)
        goto cleanup;
    size_t cap = sp.count ? sp.count : 1;
    ended = kpi_xreallocarray(a, NULL, cap, sizeof *ended);
    ongoing = kpi_xreallocarray(a, NULL, cap, sizeof *ongoing);
    scratch = kpi_xreallocarray(a, NULL, cap, sizeof *scratch);
    if (!ended || !ongoing || !scratch) {
        st = KPI_ERR_NOMEM;
        goto cleanup;
    }

    const kpi_measure *ms = ds->measures.items;
    kpi_date d = ctx->as_of;
    size_t n_ended = 0, n_ongoing = 0;
    for (size_t i = 0; i < sp.count; i++) {
        const kpi_spell *s = &sp.items[i];
        uint8_t tg = ms[s->first].target_group;
        if (s->end != KPI_DATE_NONE)
            series_add(series, ctx, s->end);
        /* Ended to date: the end in 1 January Y..D, whenever it began, so
         * a spell from Y-1 counts with its whole length. An end on D is
         * ended, not ongoing: every spell is in one set only. */
        if (s->end != KPI_DATE_NONE && s->end >= ctx->year_start &&
            s->end <= d) {
            ended[n_ended].days = s->end - s->start + 1;
            ended[n_ended].target_group = tg;
            n_ended++;
        } else if (s->start <= d && (s->end == KPI_DATE_NONE || s->end > d)) {
            ongoing[n_ongoing].days = d - s->start + 1;
            ongoing[n_ongoing].target_group = tg;
            n_ongoing++;
        }
    }

    if ((st = emit_duration_set(out, id, ctx->period_to_date, ended, n_ended,
                                scratch, true)) != KPI_OK ||
        (st = emit_duration_set(out, id, ctx->period_day, ongoing, n_ongoing,
                                scratch, false)) != KPI_OK)
        goto cleanup;
    /* No month-period row is written for this figure, so the series keeps
     * M of Y: it is the only row that gives the month's count. */
    st = emit_monthly_series(out, id, ctx, series, false);

cleanup:
    kpi_xfree(a, scratch);
    kpi_xfree(a, ongoing);
    kpi_xfree(a, ended);
    kpi_spells_free(a, &sp);
    return st;
}

/* ---- preventive_duration ------------------------------------------------- */

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

    int64_t series[2][12] = {{0}};
    for (size_t i = 0; i < ds->measures.count; i++)
        if (is_preventive(ds, &ms[i]) && ms[i].end != KPI_DATE_NONE)
            series_add(series, ctx, ms[i].end);
    st = emit_monthly_series(out, id, ctx, series, true);

cleanup:
    kpi_xfree(a, by_type);
    kpi_xfree(a, types);
    return st;
}
