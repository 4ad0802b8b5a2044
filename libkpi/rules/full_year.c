/* full_year.c - full-year recipients (SPEC §4; full_year.h, kpi.h): the
 * days on which a person has at least one active range, summed over the
 * persons, divided by the days of the period. One core (union_days) for
 * the figures' groups of measures and for the public functions. */
#include "rules/full_year.h"
#include "rules/prefetch.h"

#include <stdlib.h>

/* One range clipped to the period: of a person (a dense number), from the
 * item it came from (a measure, or the caller's i-th range), with the
 * groups it counts in (NO_GROUP in the slots it leaves unused). The groups
 * are asked for once, as the measures are read in file order: asked for
 * as the spans were counted, in the children's order, each was a cache
 * miss on its measure, and the call for every period of recipients_price
 * took a third of the figure's time at a million measures. 32 bytes. */
#define NO_GROUP UINT32_MAX
typedef struct span {
    kpi_date from, to;
    uint32_t person, item;
    uint32_t groups[KPI_FULL_YEAR_MAX_GROUPS];
} span;

/* Within one person: by start, then by item (a stable order). */
static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->from != y->from)
        return (x->from > y->from) - (x->from < y->from);
    return (x->item > y->item) - (x->item < y->item);
}

/* Sorts one person's spans by span_cmp: insertion sort for the few a
 * child usually has, qsort for a long history. */
static void spans_sort(span *s, size_t n)
{
    if (n >= 16) {
        qsort(s, n, sizeof *s, span_cmp);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        span v = s[i];
        size_t j = i;
        for (; j > 0 && span_cmp(&s[j - 1], &v) > 0; j--)
            s[j] = s[j - 1];
        s[j] = v;
    }
}

/* The union of one person's spans in one group, as far as it is known:
 * the run from..to, of person `person` (SIZE_MAX: none yet). */
typedef struct group_run {
    size_t person;
    kpi_date from, to;
} group_run;

/* Sets days[w * n_groups + g], for every period w (its last day upto[w])
 * and group g, to the days of the union of each person's spans of that
 * group up to upto[w]. spans are sorted by person and, within a person,
 * by start; runs has n_to * n_groups entries of scratch. The periods are
 * independent: walking the spans once for all of them gives each the
 * same runs, in the same order, as a walk of its own. */
static void union_days(const span *spans, size_t n, const kpi_date *upto,
                       size_t n_to, size_t n_groups, group_run *runs,
                       int64_t *days)
{
    for (size_t g = 0; g < n_to * n_groups; g++) {
        runs[g].person = SIZE_MAX;
        days[g] = 0;
    }
    for (size_t i = 0; i < n; i++) {
        const span *s = &spans[i];
        for (size_t w = 0; w < n_to; w++) {
            if (s->from > upto[w])
                continue;
            kpi_date to = s->to < upto[w] ? s->to : upto[w];
            for (size_t j = 0; j < KPI_FULL_YEAR_MAX_GROUPS; j++) {
                size_t g = s->groups[j];
                if (g >= n_groups)
                    continue;
                group_run *r = &runs[w * n_groups + g];
                if (r->person == s->person && s->from <= r->to) {
                    /* Overlaps the run: a person counts once per day. */
                    if (to > r->to)
                        r->to = to;
                    continue;
                }
                if (r->person != SIZE_MAX)
                    days[w * n_groups + g] += (int64_t)(r->to - r->from) + 1;
                r->person = s->person;
                r->from = s->from;
                r->to = to;
            }
        }
    }
    for (size_t g = 0; g < n_to * n_groups; g++)
        if (runs[g].person != SIZE_MAX)
            days[g] += (int64_t)(runs[g].to - runs[g].from) + 1;
}

/* ---- groups of measures (the figures) ---------------------------------- */

kpi_status kpi_full_year_days(const kpi_context *ctx, kpi_date from,
                              const kpi_date *to, size_t n_to, size_t n_groups,
                              kpi_full_year_group_fn fn, void *arg,
                              int64_t *days)
{
    if (!to || !n_to || !fn || (n_groups && !days))
        return KPI_ERR_ARG;
    kpi_date last = to[0];
    for (size_t w = 0; w < n_to; w++) {
        if (to[w] < from)
            return KPI_ERR_ARG;
        if (to[w] > last)
            last = to[w];
    }
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    size_t n = ds->measures.count;
    size_t n_children = kpi_symtab_size(ds->syms);
    if (n >= UINT32_MAX || n_groups >= NO_GROUP)
        return KPI_ERR_RANGE;
    kpi_status st = KPI_ERR_NOMEM;
    span *sorted = NULL;
    /* 32 bits, as the measure indexes: by child symbol, the whole symbol
     * table, so half of size_t's 9 MB at a million measures. */
    uint32_t *bucket = kpi_xcalloc(a, n_children + 1, sizeof *bucket);
    size_t n_runs = n_to * n_groups;
    group_run *runs = kpi_xcalloc(a, n_runs ? n_runs : 1, sizeof *runs);
    if (!bucket || !runs)
        goto done;

    /* Each measure clipped to the period, put in place by a counting sort
     * by child (the children are dense symbols) in two passes over the
     * measures, the first counting: so only the measures in the period
     * take a span (at a million measures 456,000 of them, 15 MB, where a
     * span for every measure and a second array to sort into took 32 MB).
     * Then a sort by start within each child. */
    size_t m_count = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            const kpi_measure *m = &ds->measures.items[i];
            if (i + KPI_PREFETCH_AHEAD < n)
                KPI_PREFETCH(
                    &bucket[ds->measures.items[i + KPI_PREFETCH_AHEAD].child]);
            if (m->cancelled)
                continue;
            kpi_date end = kpi_measure_assumed_end(m, ctx);
            kpi_date lo = m->start > from ? m->start : from;
            kpi_date hi = end < last ? end : last;
            if (hi < lo || m->child >= n_children)
                continue;
            if (pass == 0) {
                bucket[m->child + 1]++;
                m_count++;
                continue;
            }
            span *s = &sorted[bucket[m->child]++];
            *s = (span){lo, hi, m->child, (uint32_t)i, {0}};
            size_t groups[KPI_FULL_YEAR_MAX_GROUPS];
            size_t k = fn(m, arg, groups);
            for (size_t j = 0; j < KPI_FULL_YEAR_MAX_GROUPS; j++)
                s->groups[j] = j < k && groups[j] < n_groups
                                   ? (uint32_t)groups[j]
                                   : NO_GROUP;
        }
        if (pass == 0) {
            for (size_t c = 0; c < n_children; c++)
                bucket[c + 1] += bucket[c];
            if (!(sorted = kpi_xreallocarray(a, NULL, m_count ? m_count : 1,
                                             sizeof *sorted)))
                goto done;
        }
    }
    /* bucket[c] is now the end of child c's run, i.e. the start of c+1's. */
    size_t begin = 0;
    for (size_t c = 0; c < n_children; c++) {
        size_t end = bucket[c];
        if (end - begin > 1)
            spans_sort(sorted + begin, end - begin);
        begin = end;
    }
    /* The periods share their start, so the spans sorted for the longest
     * serve them all, clipped to each end as they are counted. */
    union_days(sorted, m_count, to, n_to, n_groups, runs, days);
    st = KPI_OK;
done:
    kpi_xfree(a, sorted);
    kpi_xfree(a, bucket);
    kpi_xfree(a, runs);
    return st;
}

kpi_status kpi_full_year_groups(const kpi_context *ctx, kpi_date from,
                                kpi_date to, size_t n_groups,
                                kpi_full_year_group_fn fn, void *arg,
                                double *out)
{
    if (n_groups && !out)
        return KPI_ERR_ARG;
    int64_t *days =
        kpi_xcalloc(ctx->alloc, n_groups ? n_groups : 1, sizeof *days);
    if (!days)
        return KPI_ERR_NOMEM;
    kpi_status st =
        kpi_full_year_days(ctx, from, &to, 1, n_groups, fn, arg, days);
    if (st == KPI_OK) {
        double period_days = (double)(to - from) + 1.0;
        for (size_t g = 0; g < n_groups; g++)
            out[g] = (double)days[g] / period_days;
    }
    kpi_xfree(ctx->alloc, days);
    return st;
}

/* ---- the public functions (kpi.h) --------------------------------------- */

/* Orders the caller's ranges by person key (bytewise), start, position. */
typedef struct keyed {
    const char *person;
    span s;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->person, y->person);
    return c ? c : span_cmp(&x->s, &y->s);
}

kpi_status kpi_full_year_persons(const kpi_date *starts, const kpi_date *ends,
                                 const char *const *persons, size_t n,
                                 kpi_date from, kpi_date to, double *out)
{
    if (!out || (n && (!starts || !ends)) || to < from || n > UINT32_MAX)
        return KPI_ERR_ARG;
    for (size_t i = 0; i < n; i++)
        if (starts[i] == KPI_DATE_NONE ||
            (ends[i] != KPI_DATE_NONE && ends[i] < starts[i]) ||
            (persons && !persons[i]))
            return KPI_ERR_ARG;
    span *spans = kpi_xcalloc(NULL, n ? n : 1, sizeof *spans);
    keyed *keys = persons ? kpi_xcalloc(NULL, n ? n : 1, sizeof *keys) : NULL;
    if (!spans || (persons && !keys)) {
        kpi_xfree(NULL, spans);
        kpi_xfree(NULL, keys);
        return KPI_ERR_NOMEM;
    }
    /* Without persons each range is a person of its own; with them the
     * ranges of one person are brought together and numbered. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        kpi_date a = starts[i] > from ? starts[i] : from;
        kpi_date b = (ends[i] != KPI_DATE_NONE && ends[i] < to) ? ends[i] : to;
        if (b < a)
            continue;
        span s = {a, b, (uint32_t)i, (uint32_t)i, {0}};
        for (size_t j = 1; j < KPI_FULL_YEAR_MAX_GROUPS; j++)
            s.groups[j] = NO_GROUP; /* one group: everyone */
        if (persons)
            keys[k] = (keyed){persons[i], s};
        else
            spans[k] = s;
        k++;
    }
    if (persons) {
        qsort(keys, k, sizeof *keys, keyed_cmp);
        uint32_t person = 0;
        for (size_t i = 0; i < k; i++) {
            if (i && strcmp(keys[i].person, keys[i - 1].person) != 0)
                person++;
            spans[i] = keys[i].s;
            spans[i].person = person;
        }
    }
    group_run run = {SIZE_MAX, 0, 0};
    int64_t days = 0;
    union_days(spans, k, &to, 1, 1, &run, &days);
    kpi_xfree(NULL, spans);
    kpi_xfree(NULL, keys);
    *out = (double)days / (double)(to - from + 1);
    return KPI_OK;
}

kpi_status kpi_full_year(const kpi_date *starts, const kpi_date *ends, size_t n,
                         kpi_date from, kpi_date to, double *out)
{
    return kpi_full_year_persons(starts, ends, NULL, n, from, to, out);
}
