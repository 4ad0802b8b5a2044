/* placement_duration.c - how long children stay in care (SPEC §5
 * placement_duration): the placement spells (rules/spells.h) ended to
 * date and those ongoing on D, with the mean, median, shortest and
 * longest, the short placements, and the spells ended in each month of
 * the series. */
#include "figures/figure.h"
#include "rules/orders.h"
#include "rules/slots.h"
#include "rules/spells.h"

#include <stdlib.h>

/* A placement under half a year is "short" (SPEC §5): the usual line in
 * Danish reports of broken-off or temporary placements. */
#define SHORT_PLACEMENT_DAYS 183

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
    kpi_spells own = {0};
    const kpi_spells *sp = NULL;
    spell_duration *ended = NULL, *ongoing = NULL;
    int32_t *scratch = NULL;
    int64_t series[KPI_SLOT_COUNT] = {0};
    kpi_status st = kpi_spells_of(ctx, &own, &sp);
    if (st != KPI_OK)
        goto cleanup;
    size_t cap = sp->count ? sp->count : 1;
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
    for (size_t i = 0; i < sp->count; i++) {
        const kpi_spell *s = &sp->items[i];
        uint8_t tg = ms[s->first].target_group;
        int slot = kpi_slot_of(ctx, s->end);
        if (slot >= 0)
            series[slot]++;
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
    st = kpi_slots_emit_series(out, id, ctx, series, true);

cleanup:
    kpi_xfree(a, scratch);
    kpi_xfree(a, ongoing);
    kpi_xfree(a, ended);
    kpi_spells_free(a, &own);
    return st;
}
