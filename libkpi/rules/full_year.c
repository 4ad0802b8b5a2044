/* full_year.c - full-year recipients of groups of measures (full_year.h). */
#include "rules/full_year.h"

#include <stdlib.h>

/* One measure's active days inside the period, clipped. */
typedef struct span {
    kpi_date from, to;
    uint32_t measure;
} span;

static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->from != y->from)
        return (x->from > y->from) - (x->from < y->from);
    return (x->measure > y->measure) - (x->measure < y->measure);
}

typedef struct group_run {
    size_t child; /* SIZE_MAX: no run yet */
    kpi_date from, to;
    int64_t days;
} group_run;

kpi_status kpi_economy_full_year(const kpi_context *ctx, kpi_date from,
                                 kpi_date to, size_t n_groups,
                                 kpi_economy_group_fn fn, void *arg,
                                 double *out)
{
    if (to < from || !fn || (n_groups && !out))
        return KPI_ERR_ARG;
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    size_t n = ds->measures.count;
    size_t n_children = kpi_symtab_size(ds->syms);
    kpi_status st = KPI_ERR_NOMEM;
    span *spans = kpi_xcalloc(a, n ? n : 1, sizeof *spans);
    span *sorted = kpi_xcalloc(a, n ? n : 1, sizeof *sorted);
    size_t *bucket = kpi_xcalloc(a, n_children + 1, sizeof *bucket);
    uint32_t *child_of = kpi_xcalloc(a, n ? n : 1, sizeof *child_of);
    group_run *runs = kpi_xcalloc(a, n_groups ? n_groups : 1, sizeof *runs);
    if (!spans || !sorted || !bucket || !child_of || !runs)
        goto done;

    /* Clip each measure to the period; then a counting sort by child (the
     * children are dense symbols) and a sort by start within each child,
     * which is O(n log k) for k measures per child. */
    size_t m_count = 0;
    for (size_t i = 0; i < n; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled)
            continue;
        kpi_date end = kpi_measure_assumed_end(m, ctx);
        kpi_date lo = m->start > from ? m->start : from;
        kpi_date hi = end < to ? end : to;
        if (hi < lo || m->child >= n_children)
            continue;
        spans[m_count].from = lo;
        spans[m_count].to = hi;
        spans[m_count].measure = (uint32_t)i;
        child_of[m_count] = m->child;
        bucket[m->child + 1]++;
        m_count++;
    }
    for (size_t c = 0; c < n_children; c++)
        bucket[c + 1] += bucket[c];
    for (size_t i = 0; i < m_count; i++)
        sorted[bucket[child_of[i]]++] = spans[i];
    /* bucket[c] is now the end of child c's run, i.e. the start of c+1's. */
    size_t begin = 0;
    for (size_t c = 0; c < n_children; c++) {
        size_t end = bucket[c];
        if (end - begin > 1)
            qsort(sorted + begin, end - begin, sizeof *sorted, span_cmp);
        begin = end;
    }

    for (size_t g = 0; g < n_groups; g++) {
        runs[g].child = SIZE_MAX;
        runs[g].days = 0;
    }
    size_t child = 0;
    for (size_t i = 0; i < m_count; i++) {
        while (bucket[child] <= i)
            child++;
        const span *s = &sorted[i];
        size_t groups[KPI_ECONOMY_MAX_GROUPS];
        size_t k = fn(&ds->measures.items[s->measure], arg, groups);
        for (size_t j = 0; j < k && j < KPI_ECONOMY_MAX_GROUPS; j++) {
            if (groups[j] >= n_groups)
                continue;
            group_run *r = &runs[groups[j]];
            if (r->child == child && s->from <= r->to) {
                /* Overlaps the run: a child counts once per day. */
                if (s->to > r->to)
                    r->to = s->to;
                continue;
            }
            if (r->child != SIZE_MAX)
                r->days += (int64_t)(r->to - r->from) + 1;
            r->child = child;
            r->from = s->from;
            r->to = s->to;
        }
    }
    double period_days = (double)(to - from) + 1.0;
    for (size_t g = 0; g < n_groups; g++) {
        if (runs[g].child != SIZE_MAX)
            runs[g].days += (int64_t)(runs[g].to - runs[g].from) + 1;
        out[g] = (double)runs[g].days / period_days;
    }
    st = KPI_OK;
done:
    kpi_xfree(a, spans);
    kpi_xfree(a, sorted);
    kpi_xfree(a, bucket);
    kpi_xfree(a, child_of);
    kpi_xfree(a, runs);
    return st;
}
