/* data_quality.c - the data-quality figure (SPEC §5 last paragraph,
 * §3.2): every warning the loader gave, and the registration problems a
 * controller must see before trusting the other figures. Each problem is
 * an issue (kpi_issue) with the file and line it comes from; the rows
 * count them on D, in total and per check.
 *
 * Checks (the "check" dimension), in code order:
 * - closed_case_active_measure: a measure active on D whose child has
 *   cases in cases.csv, all closed on or before D (only with cases.csv);
 * - overlapping_placements: two placement measures of one child that share
 *   at least one day (a measure starting the day after the previous ends
 *   is a chain, not an overlap);
 * - price_outlier: a measure active on D whose monthly price is below a
 *   third or above three times the median of its type (types with at
 *   least five priced measures active on D);
 * - warning: the warnings of §3.2 (cancelled grants, costs of 0).
 * "Measures without a caseworker" cannot happen: the loader refuses an
 * empty caseworker as an error (SPEC §3.3 makes the column required). */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/monthly_price.h"
#include "rules/select.h"

#include <stdio.h>
#include <stdlib.h>

enum {
    CHECK_CLOSED_CASE,
    CHECK_OVERLAP,
    CHECK_PRICE,
    CHECK_WARNING,
    CHECK_COUNT
};

/* Bytewise order, the order the rows and issues are written in. */
static const char *const check_names[CHECK_COUNT] = {
    "closed_case_active_measure",
    "overlapping_placements",
    "price_outlier",
    "warning",
};

typedef struct dq {
    kpi_figures *f;
    const kpi_context *ctx;
    const kpi_dataset *ds;
    const char *measures_file;
    int64_t counts[CHECK_COUNT];
} dq;

static kpi_status add_issue(dq *q, int check, const char *file,
                            unsigned long line, const char *message)
{
    kpi_issue issue = {check_names[check], file, line, message};
    q->counts[check]++;
    return kpi_figures_add_issue(q->f, &issue);
}

static const char *measure_id(const dq *q, const kpi_measure *m)
{
    return kpi_symtab_str(q->ds->ids, m->id);
}

/* The k-th measure in file order: order[k]'s, or the k-th of the array
 * when order is NULL (the array is in file order). */
static const kpi_measure *measure_in_order(const dq *q, const uint64_t *order,
                                           size_t k)
{
    return &q->ds->measures.items[order ? (uint32_t)order[k] : k];
}

/* Measures in file order: by line (the array is in that order when the
 * loader built it, but a dataset built in code need not be). */
static int compare_line(const void *pa, const void *pb)
{
    /* The key is packed: the line in the high 32 bits, the index in the
     * low ones, so a plain integer compare orders by line then index. */
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

/* ---- closed_case_active_measure ---------------------------------------- */

static kpi_status check_closed_cases(dq *q, const uint64_t *order)
{
    const kpi_dataset *ds = q->ds;
    const kpi_allocator *a = q->ctx->alloc;
    if (!ds->present[KPI_FILE_CASES])
        return KPI_OK;
    kpi_date d = q->ctx->as_of;
    size_t n_syms = kpi_symtab_size(ds->syms);
    /* Per child: the latest closing date of its cases, KPI_DATE_NONE when
     * it has none, and whether one is open on D. */
    kpi_date *closed =
        kpi_xreallocarray(a, NULL, n_syms ? n_syms : 1, sizeof *closed);
    bool *open = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *open);
    kpi_status st = KPI_OK;
    if (!closed || !open) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < n_syms; i++)
        closed[i] = KPI_DATE_NONE;
    for (size_t i = 0; i < ds->cases.count; i++) {
        const kpi_case *c = &ds->cases.items[i];
        if (c->child >= n_syms)
            continue;
        if (c->closed == KPI_DATE_NONE || c->closed > d)
            open[c->child] = true;
        else if (closed[c->child] == KPI_DATE_NONE ||
                 c->closed > closed[c->child])
            closed[c->child] = c->closed;
    }
    for (size_t k = 0; k < ds->measures.count && st == KPI_OK; k++) {
        const kpi_measure *m = measure_in_order(q, order, k);
        if (!kpi_measure_active_on(m, d) || m->child >= n_syms || open[m->child] ||
            closed[m->child] == KPI_DATE_NONE)
            continue;
        char day[11], last[11], msg[512];
        kpi_date_format(d, day);
        kpi_date_format(closed[m->child], last);
        snprintf(msg, sizeof msg,
                 "measure '%s' is active on %s, but every case of its "
                 "child was closed (the last on %s)",
                 measure_id(q, m), day, last);
        st = add_issue(q, CHECK_CLOSED_CASE, q->measures_file, m->line, msg);
    }
done:
    kpi_xfree(a, closed);
    kpi_xfree(a, open);
    return st;
}

/* ---- overlapping_placements --------------------------------------------- */

typedef struct placement_key {
    kpi_sym child;
    kpi_date start;
    uint32_t line, index;
} placement_key;

static int compare_placement(const void *pa, const void *pb)
{
    const placement_key *a = pa, *b = pb;
    if (a->child != b->child)
        return a->child < b->child ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

/* A pair: the measure later in the file carries the issue. */
typedef struct overlap {
    uint32_t late, early; /* measure indices */
    uint32_t late_line, early_line;
} overlap;

static int compare_overlap(const void *pa, const void *pb)
{
    const overlap *a = pa, *b = pb;
    if (a->late_line != b->late_line)
        return a->late_line < b->late_line ? -1 : 1;
    return (a->early_line > b->early_line) - (a->early_line < b->early_line);
}

static bool is_placement(const kpi_dataset *ds, const kpi_measure *m)
{
    return !m->cancelled &&
           kpi_dataset_type(ds, m->type)->category == KPI_CATEGORY_PLACEMENT;
}

static kpi_status check_overlaps(dq *q)
{
    const kpi_dataset *ds = q->ds;
    const kpi_allocator *a = q->ctx->alloc;
    const kpi_measure *ms = ds->measures.items;
    size_t n = 0, n_pairs = 0, cap_pairs = 0;
    /* Keys for the placements only, counted first. */
    for (size_t i = 0; i < ds->measures.count; i++)
        n += is_placement(ds, &ms[i]);
    placement_key *keys = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *keys);
    overlap *pairs = NULL;
    kpi_status st = KPI_OK;
    if (!keys)
        return KPI_ERR_NOMEM;
    n = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ms[i];
        if (!is_placement(ds, m))
            continue;
        keys[n].child = m->child;
        keys[n].start = m->start;
        keys[n].line = m->line;
        keys[n].index = (uint32_t)i;
        n++;
    }
    qsort(keys, n, sizeof *keys, compare_placement);
    /* Sorted by start, a measure overlaps the later ones of its child that
     * start on or before its end; the first that starts after ends the
     * scan. The work is the number of pairs found, each one reported. */
    for (size_t i = 0; i < n && st == KPI_OK; i++) {
        kpi_date end = ms[keys[i].index].end;
        for (size_t j = i + 1; j < n && keys[j].child == keys[i].child; j++) {
            if (end != KPI_DATE_NONE && keys[j].start > end)
                break;
            if ((st = kpi_grow(a, (void **)&pairs, &cap_pairs, n_pairs + 1,
                               sizeof *pairs)) != KPI_OK)
                break;
            bool j_late =
                keys[j].line > keys[i].line ||
                (keys[j].line == keys[i].line && keys[j].index > keys[i].index);
            const placement_key *late = j_late ? &keys[j] : &keys[i];
            const placement_key *early = j_late ? &keys[i] : &keys[j];
            pairs[n_pairs++] =
                (overlap){late->index, early->index, late->line, early->line};
        }
    }
    if (st == KPI_OK && n_pairs)
        qsort(pairs, n_pairs, sizeof *pairs, compare_overlap);
    for (size_t p = 0; p < n_pairs && st == KPI_OK; p++) {
        const kpi_measure *x = &ms[pairs[p].late], *y = &ms[pairs[p].early];
        kpi_date from = x->start > y->start ? x->start : y->start;
        kpi_date to = x->end == KPI_DATE_NONE   ? y->end
                      : y->end == KPI_DATE_NONE ? x->end
                      : x->end < y->end         ? x->end
                                                : y->end;
        char from_s[11], to_s[11], msg[512];
        kpi_date_format(from, from_s);
        if (to == KPI_DATE_NONE) {
            snprintf(msg, sizeof msg,
                     "placement '%s' overlaps placement '%s' (line %lu) of "
                     "the same child from %s on (both ongoing)",
                     measure_id(q, x), measure_id(q, y), (unsigned long)y->line,
                     from_s);
        } else {
            kpi_date_format(to, to_s);
            snprintf(msg, sizeof msg,
                     "placement '%s' overlaps placement '%s' (line %lu) of "
                     "the same child from %s to %s (%ld day%s)",
                     measure_id(q, x), measure_id(q, y), (unsigned long)y->line,
                     from_s, to_s, (long)(to - from) + 1,
                     to == from ? "" : "s");
        }
        st = add_issue(q, CHECK_OVERLAP, q->measures_file, x->line, msg);
    }
    kpi_xfree(a, keys);
    kpi_xfree(a, pairs);
    return st;
}

/* ---- price_outlier ---------------------------------------------------- */

#define PRICE_MIN_MEASURES 5

/* The measures whose price is judged: active on D, of a known type. A
 * price of 0 is already a warning; it would also drag the median down, so
 * it takes no part here. */
static bool judged(const kpi_measure *m, kpi_date d, size_t n_types)
{
    return kpi_measure_active_on(m, d) && m->price != 0 && m->type < n_types;
}

static kpi_status check_prices(dq *q, const uint64_t *order)
{
    const kpi_dataset *ds = q->ds;
    const kpi_allocator *a = q->ctx->alloc;
    const kpi_measure *ms = ds->measures.items;
    size_t n_types = ds->config->n_types;
    kpi_date d = q->ctx->as_of;
    /* The monthly prices judged, grouped by type by a counting sort
     * (begin[t]: where type t's prices begin), counted first; each
     * type's median is then selected, not sorted for (rules/select.h). */
    size_t n = 0;
    size_t *sizes = kpi_xcalloc(a, n_types ? n_types : 1, sizeof *sizes);
    size_t *begin = kpi_xcalloc(a, n_types + 1, sizeof *begin);
    /* Per type: twice its median (exact in øre), 0 when it has too few
     * measures to judge; and how many it has. */
    kpi_money *median2 = kpi_xcalloc(a, n_types ? n_types : 1, sizeof *median2);
    kpi_money *p = NULL;
    kpi_status st = KPI_OK;
    if (!sizes || !begin || !median2) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < ds->measures.count; i++)
        if (judged(&ms[i], d, n_types)) {
            sizes[ms[i].type]++;
            n++;
        }
    for (size_t t = 0; t < n_types; t++)
        begin[t + 1] = begin[t] + sizes[t];
    if (!(p = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *p))) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < ds->measures.count; i++)
        if (judged(&ms[i], d, n_types))
            p[begin[ms[i].type]++] = kpi_measure_monthly_price(&ms[i]);
    for (size_t t = 0; t < n_types; t++) {
        size_t len = sizes[t];
        if (len < PRICE_MIN_MEASURES)
            continue;
        /* begin[t] is now where type t ends. */
        kpi_money *v = p + begin[t] - len;
        kpi_money upper = kpi_money_select(v, len, len / 2);
        if (len % 2) {
            median2[t] = 2 * upper;
        } else {
            /* v[0..len/2) are the smaller half: the lower middle is
             * their largest. */
            kpi_money lower = v[0];
            for (size_t i = 1; i < len / 2; i++)
                if (v[i] > lower)
                    lower = v[i];
            median2[t] = lower + upper;
        }
    }
    for (size_t k = 0; k < ds->measures.count && st == KPI_OK; k++) {
        const kpi_measure *m = measure_in_order(q, order, k);
        if (!judged(m, d, n_types) || sizes[m->type] < PRICE_MIN_MEASURES)
            continue;
        kpi_money mp = kpi_measure_monthly_price(m), m2 = median2[m->type];
        /* mp < median / 3  <=>  6 mp < 2 median;
         * mp > 3 median    <=>  2 mp > 3 (2 median). */
        bool low = 6 * mp<m2, high = 2 * mp> 3 * m2;
        if (!low && !high)
            continue;
        char price_s[32], median_s[32], msg[512];
        kpi_money_format(mp, price_s);
        kpi_money_format(kpi_div_round(m2, 2), median_s);
        snprintf(msg, sizeof msg,
                 "monthly price %s kr. of measure '%s' is %s the median "
                 "%s kr. of %s (%zu measures active on D)",
                 price_s, measure_id(q, m),
                 low ? "below a third of" : "above three times", median_s,
                 ds->config->types[m->type].code, sizes[m->type]);
        st = add_issue(q, CHECK_PRICE, q->measures_file, m->line, msg);
    }
done:
    kpi_xfree(a, p);
    kpi_xfree(a, median2);
    kpi_xfree(a, sizes);
    kpi_xfree(a, begin);
    return st;
}

/* ---- warning ---------------------------------------------------------- */

static kpi_status check_warnings(dq *q)
{
    const kpi_diagnostics *w = q->ds->warnings;
    size_t n = kpi_diagnostics_count(w);
    if (!n)
        return KPI_OK;
    const kpi_allocator *a = q->ctx->alloc;
    const kpi_diagnostic **items = kpi_xreallocarray(a, NULL, n, sizeof *items);
    if (!items)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        items[i] = kpi_diagnostics_get(w, i);
    /* Insertion sort by file, then line, stable: the list is in the order
     * the loader found the problems, which is file by file and line by
     * line already, so this is linear in practice. */
    for (size_t i = 1; i < n; i++) {
        const kpi_diagnostic *v = items[i];
        size_t j = i;
        while (j > 0) {
            const kpi_diagnostic *u = items[j - 1];
            int c = strcmp(u->file, v->file);
            if (c < 0 || (c == 0 && u->line <= v->line))
                break;
            items[j] = u;
            j--;
        }
        items[j] = v;
    }
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < n && st == KPI_OK; i++) {
        char msg[640];
        if (items[i]->column)
            snprintf(msg, sizeof msg, "%s: %s", items[i]->column,
                     items[i]->message);
        else
            snprintf(msg, sizeof msg, "%s", items[i]->message);
        st = add_issue(q, CHECK_WARNING, items[i]->file, items[i]->line, msg);
    }
    kpi_xfree(a, items);
    return st;
}

/* ---- the figure --------------------------------------------------------- */

kpi_status kpi_fig_data_quality(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "data_quality";
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    const kpi_allocator *a = ctx->alloc;
    dq q = {out,
            ctx,
            ds,
            ds->config->files[KPI_FILE_MEASURES]
                ? ds->config->files[KPI_FILE_MEASURES]
                : kpi_file_name(KPI_FILE_MEASURES),
            {0}};
    /* Measures by line, then index: the order of their issues. A file
     * read from top to bottom is in that order already: then no order
     * array at all (NULL; 8 MB at a million measures), else a sort of
     * every measure. */
    uint64_t *order = NULL;
    bool sorted = true;
    for (size_t i = 1; i < ds->measures.count && sorted; i++)
        sorted = ds->measures.items[i - 1].line <= ds->measures.items[i].line;
    if (!sorted) {
        order = kpi_xreallocarray(a, NULL, ds->measures.count,
                                  sizeof *order);
        if (!order)
            return KPI_ERR_NOMEM;
        for (size_t i = 0; i < ds->measures.count; i++)
            order[i] = (uint64_t)ds->measures.items[i].line << 32 | (uint32_t)i;
        qsort(order, ds->measures.count, sizeof *order, compare_line);
    }

    kpi_status st;
    if ((st = check_closed_cases(&q, order)) != KPI_OK ||
        (st = check_overlaps(&q)) != KPI_OK ||
        (st = check_prices(&q, order)) != KPI_OK ||
        (st = check_warnings(&q)) != KPI_OK)
        goto done;
    int64_t total = 0;
    for (int c = 0; c < CHECK_COUNT; c++)
        total += q.counts[c];
    st = kpi_figures_add_count(out, id, ctx->period_day, NULL, NULL, "count",
                               total);
    for (int c = 0; c < CHECK_COUNT && st == KPI_OK; c++)
        if (q.counts[c])
            st = kpi_figures_add_count(out, id, ctx->period_day, "check",
                                       check_names[c], "count", q.counts[c]);
done:
    kpi_xfree(a, order);
    return st;
}
