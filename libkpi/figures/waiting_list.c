/* waiting_list.c - children on the waiting list (SPEC §5 waiting_list,
 * §3.6): children waiting on D and at each month end of the series, and
 * the mean days they have waited. */
#include "figures/figure.h"
#include "rules/age_groups.h"
#include "rules/orders.h"

#include <stdlib.h>

#define KPI_ID "waiting_list"

/* One waiting-list row, keyed so that a child's rows are together and its
 * earliest listing comes first. */
typedef struct wait_key {
    kpi_sym child;
    kpi_date listed;
    uint32_t index; /* in ds->waitlist: file order breaks ties */
} wait_key;

static int compare_wait(const void *pa, const void *pb)
{
    const wait_key *a = pa, *b = pb;
    if (a->child != b->child)
        return a->child < b->child ? -1 : 1;
    if (a->listed != b->listed)
        return a->listed < b->listed ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Waiting on d: listed on or before d and not started by d (a start on d
 * means the measure has begun: no longer waiting). */
static bool waiting_on(const kpi_wait *w, kpi_date d)
{
    return w->listed <= d && (w->started == KPI_DATE_NONE || w->started > d);
}

/* Children and the days they have waited, for one member. */
typedef struct wait_acc {
    int64_t children;
    int64_t days; /* sum over those children */
    size_t seen;  /* the child group last counted + 1; 0 = none */
} wait_acc;

/* Counts the child of group `group` once in acc, with the days since the
 * listing that first reaches it: the child's earliest still-waiting
 * listing of that member, since a child's rows come by listed date. */
static void acc_add(wait_acc *acc, size_t group, int64_t days)
{
    if (acc->seen == group)
        return;
    acc->seen = group;
    acc->children++;
    acc->days += days;
}

static kpi_status acc_emit(kpi_figures *out, const char *period,
                           const char *dim, const char *member,
                           const wait_acc *acc)
{
    kpi_status st = kpi_figures_add_count(out, KPI_ID, period, dim, member,
                                          "count", acc->children);
    /* A mean of nobody is not 0 days: left out. */
    if (st == KPI_OK && acc->children > 0)
        st = kpi_figures_add_real(out, KPI_ID, period, dim, member, "mean_days",
                                  (double)acc->days / (double)acc->children);
    return st;
}

/* The distinct children waiting on d; keys sorted by child. */
static int64_t children_waiting(const kpi_dataset *ds, const wait_key *keys,
                                size_t n, kpi_date d)
{
    int64_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t h = i;
        bool waiting = false;
        for (; h < n && keys[h].child == keys[i].child; h++)
            waiting =
                waiting || waiting_on(&ds->waitlist.items[keys[h].index], d);
        count += waiting;
        i = h;
    }
    return count;
}

kpi_status kpi_fig_waiting_list(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_WAITLIST])
        return KPI_OK;
    size_t n = ds->waitlist.count;
    size_t n_types = ds->config->n_types;
    kpi_status st = KPI_OK;
    wait_key *keys = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *keys);
    wait_acc *by_type = kpi_xcalloc(a, n_types ? n_types : 1, sizeof *by_type);
    uint16_t *types = NULL;
    st = kpi_type_order(ctx, &types);
    if (st == KPI_OK && (!keys || !by_type))
        st = KPI_ERR_NOMEM;
    if (st != KPI_OK)
        goto cleanup;
    if (n > UINT32_MAX) {
        st = KPI_ERR_RANGE;
        goto cleanup;
    }
    for (size_t i = 0; i < n; i++) {
        keys[i].child = ds->waitlist.items[i].child;
        keys[i].listed = ds->waitlist.items[i].listed;
        keys[i].index = (uint32_t)i;
    }
    qsort(keys, n, sizeof *keys, compare_wait);

    /* On D: each child once in the total and once in each member it has
     * a waiting row of; a member remembers the last child group counted. */
    kpi_date d = ctx->as_of;
    wait_acc total = {0, 0, 0};
    wait_acc by_target[KPI_TARGET_COUNT], by_age[KPI_AGE_GROUP_COUNT];
    memset(by_target, 0, sizeof by_target);
    memset(by_age, 0, sizeof by_age);
    size_t group = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || keys[i].child != keys[i - 1].child)
            group++;
        const kpi_wait *w = &ds->waitlist.items[keys[i].index];
        if (!waiting_on(w, d))
            continue;
        int64_t days = (int64_t)d - w->listed;
        acc_add(&total, group, days);
        acc_add(&by_type[w->type], group, days);
        if (w->target_group < KPI_TARGET_COUNT)
            acc_add(&by_target[w->target_group], group, days);
        int g = w->birth == KPI_DATE_NONE
                    ? -1
                    : kpi_age_group_index(kpi_date_age(w->birth, d));
        if (g >= 0)
            acc_add(&by_age[g], group, days);
    }

    const char *p = ctx->period_day;
    st = acc_emit(out, p, NULL, NULL, &total);
    for (size_t i = 0; i < n_types && st == KPI_OK; i++)
        if (by_type[types[i]].children)
            st = acc_emit(out, p, "measure_type",
                          ds->config->types[types[i]].code, &by_type[types[i]]);
    /* Target groups bytewise by code ("handicap" before "social"). */
    size_t targets[KPI_TARGET_COUNT];
    kpi_target_order(targets);
    for (size_t r = 0; r < KPI_TARGET_COUNT && st == KPI_OK; r++)
        if (by_target[targets[r]].children)
            st = acc_emit(out, p, "target_group",
                          kpi_target_group_code((kpi_target_group)targets[r]),
                          &by_target[targets[r]]);
    for (int g = 0; g < KPI_AGE_GROUP_COUNT && st == KPI_OK; g++)
        if (by_age[g].children)
            st = acc_emit(out, p, "age_group", kpi_age_groups[g], &by_age[g]);

    /* The stock series: distinct children waiting at each month end of
     * January..M in Y-1 and Y, totals only; D is the row above. */
    for (int y = ctx->year - 1; y <= ctx->year && st == KPI_OK; y++) {
        for (int mo = 1; mo <= ctx->month.month && st == KPI_OK; mo++) {
            kpi_month month = {y, mo};
            kpi_date e = kpi_month_last_day(month);
            if (e == d)
                continue;
            char period[11];
            kpi_date_format(e, period);
            st = kpi_figures_add_count(out, KPI_ID, period, NULL, NULL, "count",
                                       children_waiting(ds, keys, n, e));
        }
    }

cleanup:
    kpi_xfree(a, types);
    kpi_xfree(a, by_type);
    kpi_xfree(a, keys);
    return st;
}
