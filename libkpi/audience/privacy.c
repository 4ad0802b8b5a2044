/* privacy.c - what one audience may see of computed figures (SPEC §7).
 *
 * Visibility: a row is visible when the map gives its figure to the group
 * and its breakdown dimension is allowed at the audience's detail (the
 * table below; a dimension not in it needs KPI_DETAIL_ALL: default deny).
 *
 * Suppression (groups where kpi_group_suppresses()): a "unit" is every row
 * of one member in one figure, period and dimension (all its stats; the
 * total is the unit with no dimension). A unit is masked when one of its
 * count stats (persons, cases or events; not days) is 1-4: its mean, days
 * and amounts would tell the same small number's story. Then, per figure,
 * period, dimension and count stat: when exactly one member is masked and
 * the total of that stat is shown, the total minus the other members
 * would give it away, so the next smallest non-zero member is masked too
 * (or, when there is none, the total). A masked total would come back as
 * the sum of another dimension whose members are all shown, so such a
 * dimension gets its smallest non-zero member masked. Masking a unit can
 * leave another stat with one masked member, so this repeats until
 * nothing changes.
 * Everything is sorted once, O(n log n) in the rows. */
#include "base/internal.h"

#include <stdlib.h>

/* The detail a breakdown dimension needs (SPEC §6: fagudvalg sees
 * category, measure type, target group and age group; direktion also
 * provider kind; the impersonal dimensions name no person). */
static const struct {
    const char *dimension;
    kpi_detail detail;
} dimension_detail[] = {
    {"category", KPI_DETAIL_BREAKDOWNS},
    {"function", KPI_DETAIL_BREAKDOWNS},
    {"measure_type", KPI_DETAIL_BREAKDOWNS},
    {"target_group", KPI_DETAIL_BREAKDOWNS},
    {"age_group", KPI_DETAIL_BREAKDOWNS},
    {"status", KPI_DETAIL_BREAKDOWNS},
    {"deadline_type", KPI_DETAIL_BREAKDOWNS},
    {"outcome", KPI_DETAIL_BREAKDOWNS},
    {"result", KPI_DETAIL_BREAKDOWNS},
    {"check", KPI_DETAIL_BREAKDOWNS},
    {"provider_kind", KPI_DETAIL_PROVIDER_KIND},
    {"caseworker", KPI_DETAIL_ALL},
    {"team", KPI_DETAIL_ALL},
    {"provider", KPI_DETAIL_ALL},
};

/* The stats that count persons, cases or events (docs/figures/ and
 * the export). Days (mean_days, min_days, ...) and the min / max over
 * caseworkers are counts in kind but not of people. */
static const char *const count_stats[] = {
    "count",      "changes",       "short_count",     "met",
    "missed",     "open_past_due", "pending",         "improved",
    "maintained", "declined",      "placement_cases", "other_cases",
};

enum { ROW_VISIBLE = 1, ROW_MASKED = 2 };

struct kpi_privacy {
    kpi_allocator alloc_store;
    const kpi_allocator *alloc;
    kpi_group group;
    const kpi_row *rows; /* the figures' rows; flags[i] is rows[i]'s */
    size_t n_rows;
    uint8_t *flags;
};

static kpi_detail detail_needed(const char *dimension)
{
    for (size_t i = 0; i < sizeof dimension_detail / sizeof *dimension_detail;
         i++)
        if (strcmp(dimension_detail[i].dimension, dimension) == 0)
            return dimension_detail[i].detail;
    return KPI_DETAIL_ALL;
}

static bool is_count_stat(const kpi_row *r)
{
    if (r->kind != KPI_VALUE_COUNT)
        return false;
    for (size_t i = 0; i < sizeof count_stats / sizeof *count_stats; i++)
        if (strcmp(count_stats[i], r->stat) == 0)
            return true;
    return false;
}

/* ---- sorting rows by their keys --------------------------------------- */

/* NULL (the total) before every string. */
static int nstrcmp(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* The table a row is in: figure, period, dimension(s). */
static int table_cmp(const kpi_row *a, const kpi_row *b)
{
    int c;
    if ((c = strcmp(a->kpi_id, b->kpi_id)) != 0 ||
        (c = strcmp(a->period, b->period)) != 0 ||
        (c = nstrcmp(a->dimension, b->dimension)) != 0)
        return c;
    return nstrcmp(a->dimension2, b->dimension2);
}

static int member_cmp(const kpi_row *a, const kpi_row *b)
{
    int c = nstrcmp(a->member, b->member);
    return c ? c : nstrcmp(a->member2, b->member2);
}

/* The unit a row belongs to: its table, then its member(s). */
static int unit_cmp(const kpi_row *a, const kpi_row *b)
{
    int c = table_cmp(a, b);
    return c ? c : member_cmp(a, b);
}

static int by_unit(const void *pa, const void *pb)
{
    const kpi_row *a = *(const kpi_row *const *)pa;
    const kpi_row *b = *(const kpi_row *const *)pb;
    int c = unit_cmp(a, b);
    return c ? c : (a > b) - (a < b);
}

/* The cells complementary suppression looks at: the table and the stat
 * (then, to sort them, the members). */
static int cell_cmp(const kpi_row *a, const kpi_row *b)
{
    int c = table_cmp(a, b);
    return c ? c : strcmp(a->stat, b->stat);
}

static int by_cell(const void *pa, const void *pb)
{
    const kpi_row *a = *(const kpi_row *const *)pa;
    const kpi_row *b = *(const kpi_row *const *)pb;
    int c = cell_cmp(a, b);
    if (!c)
        c = member_cmp(a, b);
    return c ? c : (a > b) - (a < b);
}

/* ---- suppression ---------------------------------------------------- */

typedef struct work {
    const kpi_privacy *p;
    size_t *unit;          /* per row index: its unit */
    bool *masked;          /* per unit */
    const kpi_row **cells; /* visible count-stat rows, by_cell order */
    size_t n_cells;
} work;

static size_t row_index(const kpi_privacy *p, const kpi_row *r)
{
    return (size_t)(r - p->rows);
}

static bool unit_masked(const work *w, const kpi_row *r)
{
    return w->masked[w->unit[row_index(w->p, r)]];
}

static void mask(work *w, const kpi_row *r)
{
    w->masked[w->unit[row_index(w->p, r)]] = true;
}

/* The total row of r's figure, period and stat among the cells, or NULL:
 * totals sort first within their figure and period. */
static const kpi_row *find_total(const work *w, const kpi_row *r)
{
    kpi_row key = *r;
    key.dimension = key.member = key.dimension2 = key.member2 = NULL;
    size_t lo = 0, hi = w->n_cells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cell_cmp(w->cells[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->n_cells && cell_cmp(w->cells[lo], &key) == 0 ? w->cells[lo]
                                                                : NULL;
}

/* The unmasked member of cells[i..j) with the smallest non-zero value
 * (the first in member order on a tie), or NULL. */
static const kpi_row *smallest_unmasked(const work *w, size_t i, size_t j)
{
    const kpi_row *next = NULL;
    for (size_t k = i; k < j; k++) {
        const kpi_row *r = w->cells[k];
        if (!unit_masked(w, r) && r->integer > 0 &&
            (!next || r->integer < next->integer))
            next = r;
    }
    return next;
}

/* One pass of complementary suppression over every cell group; true when
 * it masked something. */
static bool complement(work *w)
{
    bool changed = false;
    for (size_t i = 0; i < w->n_cells;) {
        size_t j = i + 1;
        while (j < w->n_cells && cell_cmp(w->cells[i], w->cells[j]) == 0)
            j++;
        const kpi_row *first = w->cells[i];
        size_t n_masked = 0;
        for (size_t k = i; k < j; k++)
            n_masked += unit_masked(w, w->cells[k]);
        /* A pair (dimension2) is shown only at KPI_DETAIL_ALL, which no
         * suppressing group gets, so pairs need no complement. */
        const kpi_row *total =
            first->dimension && !first->dimension2 && n_masked == 1
                ? find_total(w, first)
                : NULL;
        if (total && !unit_masked(w, total)) {
            const kpi_row *next = smallest_unmasked(w, i, j);
            mask(w, next ? next : total);
            changed = true;
        } else if (first->dimension && !first->dimension2 && n_masked == 0 &&
                   (total = find_total(w, first)) != NULL &&
                   unit_masked(w, total)) {
            /* A masked total is the sum of any dimension whose members are
             * all shown (they split the same children), which would undo
             * it: hide one member of such a dimension too. */
            const kpi_row *next = smallest_unmasked(w, i, j);
            if (next) {
                mask(w, next);
                changed = true;
            }
        }
        i = j;
    }
    return changed;
}

static kpi_status suppress(kpi_privacy *p)
{
    const kpi_allocator *a = p->alloc;
    size_t n_visible = 0;
    for (size_t i = 0; i < p->n_rows; i++)
        n_visible += (p->flags[i] & ROW_VISIBLE) != 0;
    kpi_status st = KPI_ERR_NOMEM;
    work w = {p, NULL, NULL, NULL, 0};
    const kpi_row **units = kpi_xcalloc(a, n_visible, sizeof *units);
    w.unit = kpi_xcalloc(a, p->n_rows, sizeof *w.unit);
    w.masked = kpi_xcalloc(a, n_visible, sizeof *w.masked);
    w.cells = kpi_xcalloc(a, n_visible, sizeof *w.cells);
    if (!units || !w.unit || !w.masked || !w.cells)
        goto done;

    size_t k = 0;
    for (size_t i = 0; i < p->n_rows; i++)
        if (p->flags[i] & ROW_VISIBLE)
            units[k++] = &p->rows[i];
    qsort(units, n_visible, sizeof *units, by_unit);
    size_t u = 0;
    for (size_t i = 0; i < n_visible; i++) {
        if (i > 0 && unit_cmp(units[i - 1], units[i]) != 0)
            u++;
        w.unit[row_index(p, units[i])] = u;
    }

    /* Primary: a count of 1-4 masks its whole unit. Zero reveals nobody. */
    for (size_t i = 0; i < n_visible; i++) {
        const kpi_row *r = units[i];
        if (is_count_stat(r) && r->integer >= 1 && r->integer <= 4)
            mask(&w, r);
        if (is_count_stat(r))
            w.cells[w.n_cells++] = r;
    }
    qsort(w.cells, w.n_cells, sizeof *w.cells, by_cell);
    while (complement(&w))
        ;
    for (size_t i = 0; i < n_visible; i++)
        if (unit_masked(&w, units[i]))
            p->flags[row_index(p, units[i])] |= ROW_MASKED;
    st = KPI_OK;
done:
    kpi_xfree(a, units);
    kpi_xfree(a, w.unit);
    kpi_xfree(a, w.masked);
    kpi_xfree(a, w.cells);
    return st;
}

/* ---- the object ---------------------------------------------------- */

static bool row_allowed(const kpi_audience *aud, const kpi_row *r,
                        const char **cached_id, bool *cached_on)
{
    /* Rows of one figure are adjacent and share the interned id, so the
     * map is looked up once per figure, not once per row. */
    if (r->kpi_id != *cached_id) {
        *cached_id = r->kpi_id;
        *cached_on = !aud->map || kpi_map_get(aud->map, r->kpi_id, aud->group);
    }
    if (!*cached_on)
        return false;
    if (r->dimension2 && aud->detail < KPI_DETAIL_ALL)
        return false;
    return !r->dimension || aud->detail >= detail_needed(r->dimension);
}

kpi_status kpi_privacy_new(const kpi_figures *figures,
                           const kpi_audience *audience,
                           const kpi_allocator *allocator, kpi_privacy **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (!figures || !audience || (int)audience->group < 0 ||
        (int)audience->group >= KPI_GROUP_COUNT || (int)audience->detail < 0 ||
        (int)audience->detail > (int)kpi_group_max_detail(audience->group))
        return KPI_ERR_ARG;
    kpi_privacy *p = kpi_xcalloc(allocator, 1, sizeof *p);
    if (!p)
        return KPI_ERR_NOMEM;
    p->alloc = kpi_allocator_keep(&p->alloc_store, allocator);
    p->group = audience->group;
    p->n_rows = kpi_figures_row_count(figures);
    p->rows = p->n_rows ? kpi_figures_row(figures, 0) : NULL;
    p->flags = kpi_xcalloc(p->alloc, p->n_rows, 1);
    if (!p->flags) {
        kpi_privacy_free(p);
        return KPI_ERR_NOMEM;
    }
    const char *cached_id = NULL;
    bool cached_on = false;
    for (size_t i = 0; i < p->n_rows; i++)
        if (row_allowed(audience, &p->rows[i], &cached_id, &cached_on))
            p->flags[i] = ROW_VISIBLE;
    if (kpi_group_suppresses(p->group)) {
        kpi_status st = suppress(p);
        if (st != KPI_OK) {
            kpi_privacy_free(p);
            return st;
        }
    }
    *out = p;
    return KPI_OK;
}

void kpi_privacy_free(kpi_privacy *p)
{
    if (!p)
        return;
    kpi_xfree(p->alloc, p->flags);
    kpi_xfree_keeper(p->alloc, p);
}

/* The flags of row, or 0 for a row of other figures (shown to nobody). */
static uint8_t flags_of(const kpi_privacy *p, const kpi_row *row)
{
    if (!p || !row || !p->rows)
        return 0;
    /* Compared as addresses: a row of other figures is another array. */
    uintptr_t at = (uintptr_t)row, base = (uintptr_t)p->rows;
    if (at < base || (at - base) / sizeof *row >= p->n_rows ||
        (at - base) % sizeof *row != 0)
        return 0;
    return p->flags[(at - base) / sizeof *row];
}

bool kpi_privacy_row_visible(const kpi_privacy *p, const kpi_row *row)
{
    return (flags_of(p, row) & ROW_VISIBLE) != 0;
}

bool kpi_privacy_row_masked(const kpi_privacy *p, const kpi_row *row)
{
    return (flags_of(p, row) & ROW_MASKED) != 0;
}

bool kpi_privacy_disposition_visible(const kpi_privacy *p,
                                     const kpi_disposition *disposition)
{
    return p && disposition && p->group == KPI_GROUP_SAGSBEHANDLER;
}
