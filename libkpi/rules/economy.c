/* economy.c - the sums the economy figures share: disposals of measures,
 * phased budgets, booked sums and full-year recipients (economy.h). */
#include "rules/economy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kpi_economy_disposal(const kpi_measure *m, const kpi_context *ctx,
                          kpi_disposal *out)
{
    memset(out, 0, sizeof *out);
    out->assumed_end = kpi_measure_assumed_end(m, ctx);
    if (m->cancelled || out->assumed_end < m->start)
        return;
    kpi_date next_start = ctx->year_start + kpi_date_days_in_year(ctx->year);
    kpi_date next_end = next_start + kpi_date_days_in_year(ctx->year + 1) - 1;
    kpi_date from = m->start > ctx->year_start ? m->start : ctx->year_start;
    kpi_date to = out->assumed_end < next_end ? out->assumed_end : next_end;
    if (to < from)
        return;
    out->active_year = from < next_start;
    out->active_next_year = to >= next_start;

    /* Only the months the measure overlaps, walking from month to month
     * by adding its length: every economy figure runs this for every
     * measure, so it must not cost a calendar conversion per month. The
     * amount is kpi_measure_disposed_month()'s (SPEC §4: price x active
     * days / days of the unit, rounded half away from zero); a test holds
     * the two equal month by month. */
    int y, mo, d;
    kpi_date_to_ymd(from, &y, &mo, &d);
    kpi_date month_start = from - (d - 1);
    int first = (y - ctx->year) * 12 + mo - 1;
    for (int i = first; i < 24 && month_start <= to; i++) {
        int days_in_month = kpi_date_days_in_month(y, mo);
        kpi_date month_end = month_start + days_in_month - 1;
        kpi_date lo = from > month_start ? from : month_start;
        kpi_date hi = to < month_end ? to : month_end;
        int64_t days = (int64_t)(hi - lo) + 1;
        kpi_money a;
        switch ((kpi_unit)m->unit) {
        case KPI_UNIT_DAY:
            a = m->price * days;
            break;
        case KPI_UNIT_WEEK:
            a = kpi_div_round(m->price * days, 7);
            break;
        case KPI_UNIT_YEAR:
            a = kpi_div_round(m->price * days, kpi_date_days_in_year(y));
            break;
        case KPI_UNIT_MONTH:
            a = days == days_in_month
                    ? m->price
                    : kpi_div_round(m->price * days, days_in_month);
            break;
        default:
            a = 0; /* as kpi_measure_month_amount: no such unit */
            break;
        }
        out->months[i] = a;
        if (i < 12) {
            out->year += a;
            if (i < ctx->month.month)
                out->to_date += a;
        } else {
            out->next_year += a;
        }
        month_start = month_end + 1;
        if (++mo > 12) {
            mo = 1;
            y++;
        }
    }
}

void kpi_budget_line_phase(const kpi_budget_line *b, kpi_money months[12])
{
    if (b->has_months) {
        memcpy(months, b->months, 12 * sizeof months[0]);
        return;
    }
    /* Cumulative rounding: the to-date budget of month m is always
     * round(annual x m / 12), as a controller works it out by hand. */
    kpi_money before = 0;
    for (int m = 1; m <= 12; m++) {
        kpi_money upto = kpi_div_round(b->annual * m, 12);
        months[m - 1] = upto - before;
        before = upto;
    }
}

kpi_status kpi_economy_budgets(const kpi_context *ctx, kpi_type_budget **out)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n = ds->config->n_types;
    kpi_type_budget *b = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *b);
    if (!b)
        return KPI_ERR_NOMEM;
    if (ds->present[KPI_FILE_BUDGET]) {
        for (size_t i = 0; i < ds->budget.count; i++) {
            const kpi_budget_line *line = &ds->budget.items[i];
            if (line->type >= n)
                continue;
            kpi_type_budget *t = &b[line->type];
            kpi_money months[12];
            kpi_budget_line_phase(line, months);
            t->present = true;
            t->annual += line->annual;
            for (int m = 0; m < 12; m++)
                t->months[m] += months[m];
        }
        for (size_t t = 0; t < n; t++)
            for (int m = 0; m < ctx->month.month; m++)
                b[t].to_date += b[t].months[m];
    }
    *out = b;
    return KPI_OK;
}

kpi_status kpi_economy_booked(const kpi_context *ctx, kpi_type_booked **out)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n = ds->config->n_types;
    kpi_type_booked *b = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *b);
    if (!b)
        return KPI_ERR_NOMEM;
    if (ds->present[KPI_FILE_POSTINGS]) {
        for (size_t i = 0; i < ds->postings.count; i++) {
            const kpi_posting *p = &ds->postings.items[i];
            if (p->year != ctx->year || p->month < 1 ||
                p->month > ctx->month.month || p->type >= n ||
                p->kind >= KPI_POSTING_KIND_COUNT)
                continue;
            kpi_type_booked *t = &b[p->type];
            t->any = true;
            t->to_date[p->kind] += p->amount;
            if (p->month == ctx->month.month)
                t->month[p->kind] += p->amount;
        }
    }
    *out = b;
    return KPI_OK;
}

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

bool kpi_economy_rest_period(const kpi_context *ctx, char buf[17])
{
    buf[0] = '\0';
    if (ctx->month.month >= 12)
        return false;
    /* Through a roomy buffer: the compiler cannot see that the year has
     * four digits (kpi_figures_compute checks it). */
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d..%04d-12", ctx->year,
             ctx->month.month + 1, ctx->year);
    memcpy(buf, tmp, 16);
    buf[16] = '\0';
    return true;
}
