/* privacy.c - what one audience may see of computed figures (SPEC §7).
 *
 * Visibility: a row is visible when the map gives its figure to the group
 * and its breakdown dimension is allowed at the audience's detail (the
 * table below; a dimension not in it needs KPI_DETAIL_ALL: default deny).
 *
 * Suppression (groups where kpi_group_suppresses()): a "unit" is every row
 * of one member in one figure, period and dimension (all its stats but
 * new_placements' changes, stat_part(); the total is the unit with no
 * dimension). A unit is masked when one of its count stats (persons,
 * cases or events; not days) is 1-4 (primary: that row is shown "<5"):
 * its means, medians, minima, maxima, days and amounts describe the same
 * 1-4 children. Every other masked row is shown ".." (DST's mark for
 * discretion). Then complementary suppression, over every linear
 * relation between the published counts (docs/PRIVACY.md):
 *   - a total and the members of each of its dimensions (figure, period,
 *     dimension, stat): total = the sum, or for distinct children or
 *     families at most the sum;
 *   - a to-date (or year) count and its months (the monthly series):
 *     to date = the sum for flows, at most the sum for distinct children.
 * In each relation, no masked cell may be alone (one masked member beside
 * a shown total, or a masked total beside shown members), nor may the
 * marks pin the masked members' values (pinned()). Where one is, the
 * smallest shown non-zero member is masked too (in the months, another
 * month before the report month, whose total has breakdowns of its own),
 * and the total only when no member can be. Masking a unit masks all its
 * rows, which can leave another relation with a lone masked cell, so this
 * repeats until nothing changes. The relations form a tree (a total's
 * dimensions share only the total; the months share only to-date), and
 * in a tree of sums a system where every relation has none or at least
 * two unknowns leaves every unknown free.
 * Everything is sorted once; each pass is O(n log n) in the rows. */
#include "base/internal.h"

#include <stdio.h>
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

/* ROW_SMALL: a count of 1-4, shown "<5"; every other masked row is
 * shown ".." (discretion). */
enum { ROW_VISIBLE = 1, ROW_MASKED = 2, ROW_SMALL = 4 };

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

/* Which part of its member's rows a stat belongs to. A new placement's
 * changes of placement (later starts inside a spell) are other events
 * than its count of spell starts and nothing derived from the count: a
 * small number of changes need not hide the count. Every other stat
 * (means, days, amounts, shares, the parts of a count) describes the
 * children its member counts. */
static int stat_part(const kpi_row *r)
{
    return strcmp(r->stat, "changes") == 0;
}

/* The unit a row belongs to: its table, its member(s), the part. */
static int unit_cmp(const kpi_row *a, const kpi_row *b)
{
    int c = table_cmp(a, b);
    if (!c)
        c = member_cmp(a, b);
    return c ? c : stat_part(a) - stat_part(b);
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
    bool *has_count;       /* per unit: it has a count stat */
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

/* The cell with key's table, stat and member(s) among the cells, or
 * NULL. */
static const kpi_row *find_cell(const work *w, const kpi_row *key)
{
    size_t lo = 0, hi = w->n_cells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cell_cmp(w->cells[mid], key);
        if (!c)
            c = member_cmp(w->cells[mid], key);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < w->n_cells && cell_cmp(w->cells[lo], key) == 0 &&
        member_cmp(w->cells[lo], key) == 0)
        return w->cells[lo];
    return NULL;
}

/* The total row of r's figure, period and stat among the cells, or NULL. */
static const kpi_row *find_total(const work *w, const kpi_row *r)
{
    kpi_row key = *r;
    key.dimension = key.member = key.dimension2 = key.member2 = NULL;
    return find_cell(w, &key);
}

/* The unmasked member of m[0..n) with the smallest non-zero value (the
 * first on a tie), other than avoid when there is another; or NULL. */
static const kpi_row *smallest_unmasked(const work *w, const kpi_row *const *m,
                                        size_t n, const kpi_row *avoid)
{
    const kpi_row *next = NULL;
    for (size_t k = 0; k < n; k++) {
        const kpi_row *r = m[k];
        if (r != avoid && !unit_masked(w, r) && r->integer > 0 &&
            (!next || r->integer < next->integer))
            next = r;
    }
    if (!next && avoid && !unit_masked(w, avoid) && avoid->integer > 0)
        next = avoid;
    return next;
}

static bool small_count(const kpi_row *r)
{
    return r->integer >= 1 && r->integer <= 4;
}

/* The values a reader allows a masked count: "<5" is 1-4, and ".." 0 or
 * at least 5 (every count of 1-4 is "<5"). */
static bool mark_allows(const kpi_row *r, int64_t v)
{
    return small_count(r) ? v >= 1 && v <= 4 : v == 0 || v >= 5;
}

/* Whether a reader can tell one of the masked members of total = m[0] +
 * ... + m[n-1] (total shown, at least two members masked) from the marks
 * and the shown cells: each "<5" is 1-4 and each ".." count 0 or at least
 * 5 (every count of 1-4 is "<5"). The masked members add up to s = total
 * - the shown members; the "<5"s (np of them) add up to some x in
 * [np, 4 np] and the ".."s (nd) to s - x, which is 0 or (when nd > 0) at
 * least 5. When only one x is possible, the "<5"s are known when there is
 * one of them or all are 1 or all are 4, and the ".."s when there is one
 * of them or they are all 0. Two or more possible x leave every masked
 * member at least two values. */
static bool pinned(const work *w, const kpi_row *total,
                   const kpi_row *const *m, size_t n)
{
    int64_t s = total->integer, np = 0, nd = 0;
    for (size_t k = 0; k < n; k++) {
        if (!unit_masked(w, m[k]))
            s -= m[k]->integer;
        else if (small_count(m[k]))
            np++;
        else
            nd++;
    }
    int64_t n_x = 0, x = 0;
    for (int64_t t = np; t <= 4 * np && n_x < 2; t++)
        if (t == s || (nd > 0 && t <= s - 5)) {
            n_x++;
            x = t;
        }
    if (n_x != 1)
        return false;
    return (np > 0 && (np == 1 || x == np || x == 4 * np)) || nd == 1 ||
           (nd > 1 && x == s);
}

/* One equation total = m[0] + ... + m[n-1] (or, for counts of distinct
 * children or families, total <= the sum: the difference still bounds a
 * lone masked member, so it is protected alike). Masks one more cell
 * when a masked cell could be worked out: one masked member beside a
 * shown total (or marks that pin the masked members, pinned()) masks the
 * smallest shown non-zero member, preferring one other than avoid, or
 * else the total; a masked total with every member shown masks the
 * smallest non-zero member. true when it masked something. */
static bool settle(work *w, const kpi_row *total, const kpi_row *const *m,
                   size_t n, const kpi_row *avoid)
{
    if (!total || n == 0)
        return false;
    size_t n_masked = 0;
    for (size_t k = 0; k < n; k++)
        n_masked += unit_masked(w, m[k]);
    const kpi_row *next = smallest_unmasked(w, m, n, avoid);
    if (!unit_masked(w, total)) {
        if (n_masked == 1 || (n_masked >= 2 && pinned(w, total, m, n))) {
            mask(w, next ? next : total);
            return true;
        }
    } else if (n_masked == 0 && next) {
        mask(w, next);
        return true;
    }
    return false;
}

/* The months of a period that adds up over months: "2026-01..2026-10"
 * (to date) or "2026" (a year); false for a day or one month. */
static bool period_months(const char *period, int *year, int *from, int *to)
{
    int y2 = 0;
    if (strlen(period) == 16 &&
        sscanf(period, "%4d-%2d..%4d-%2d", year, from, &y2, to) == 4)
        return y2 == *year && *from >= 1 && *from <= *to && *to <= 12;
    if (strlen(period) == 4 && sscanf(period, "%4d", year) == 1) {
        *from = 1;
        *to = 12;
        return true;
    }
    return false;
}

/* Every pack publishes the totals' monthly series and the to-date
 * count, and last month's pack published last month's to date, so a
 * reader who keeps the packs knows to date at every month's end: to
 * date now minus the months after X is to date at X, and minus to date
 * before X (last packs') is X. A masked month X is safe in every later
 * pack only when a month after it is masked too, for good: X is paired
 * with the next non-zero month, and the pair's sum is all a reader
 * learns. The months are walked from January, so a month's partner is
 * the same in every pack that shows both (the values of past months do
 * not change); the last masked month, whose partner has not come yet,
 * masks to date (a masked month with only zeros after it gives the
 * same). c is a total's to-date (or year) cell, months[0..n) its
 * months. */
static bool pair_months(work *w, const kpi_row *c, const kpi_row *const *months,
                        size_t n)
{
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        if (!unit_masked(w, months[i]))
            continue;
        size_t j = i + 1;
        while (j < n && months[j]->integer <= 0)
            j++;
        if (j == n) {
            if (!unit_masked(w, c) && c->integer > 0) {
                mask(w, c);
                changed = true;
            }
            break;
        }
        if (!unit_masked(w, months[j])) {
            mask(w, months[j]);
            changed = true;
        }
        i = j;
    }
    return changed;
}

/* The period equation of cell c: a to-date (or year) count is the sum of
 * its months' counts when every month of it is shown with the same
 * breakdown (the monthly series of the totals; a member only in January,
 * when to date is the month). For flows (new placements, notifications,
 * ...) that is exact; for distinct children (school_absence) to date is at
 * most the sum, a bound protected alike. Stocks have no to-date row. */
static bool settle_months(work *w, const kpi_row *c)
{
    int year, from, to;
    if (c->dimension2 || !period_months(c->period, &year, &from, &to))
        return false;
    char names[12][16];
    const kpi_row *months[12];
    size_t n = 0;
    for (int mo = from; mo <= to; mo++, n++) {
        /* (The moduli tell the compiler what period_months ensures.) */
        snprintf(names[n], sizeof names[n], "%04d-%02d", year % 10000,
                 mo % 100);
        kpi_row key = *c;
        key.period = names[n];
        if ((months[n] = find_cell(w, &key)) == NULL)
            return false;
    }
    /* The pairs first: they are the same in every pack, and often leave
     * nothing more to do. The report month's total is itself the total
     * of that month's breakdowns: hiding it would cost a member in each
     * of them. */
    bool paired = !c->dimension && pair_months(w, c, months, n);
    return settle(w, c, months, n, c->dimension ? NULL : months[n - 1]) ||
           paired;
}

/* The previous month's to-date count, published in last month's pack:
 * "2026-01..2026-10" = "2026-01..2026-09" + "2026-10" (and so for last
 * year's to date). This month's pack cannot hide last month's to date,
 * so a masked report month with a shown to date (or the reverse) gives
 * the masked one away: the other is masked too (a zero month is not: a
 * ".." of 0 says no more than the 0). Danmarks Statistik keeps a hidden
 * cell hidden in every release for the same reason. This is for the
 * members, whose months are published only as the report month; the
 * totals' monthly series is protected by pair_months(). */
static bool settle_previous(work *w, const kpi_row *c)
{
    int year, from, to;
    if (!c->dimension || c->dimension2 || strlen(c->period) != 16 ||
        !period_months(c->period, &year, &from, &to) || from != 1 || to < 2)
        return false;
    char name[16];
    snprintf(name, sizeof name, "%04d-%02d", year % 10000, to % 100);
    kpi_row key = *c;
    key.period = name;
    const kpi_row *month = find_cell(w, &key);
    if (!month || unit_masked(w, c) == unit_masked(w, month))
        return false;
    const kpi_row *other = unit_masked(w, c) ? month : c;
    if (other->integer <= 0)
        return false;
    mask(w, other);
    return true;
}

/* Stocks and the flows that move them, published side by side for the
 * totals of each month: placed children at a month's end = at the
 * previous month's end + the month's new placements - the placements
 * that ended in it (SPEC §5; it holds in most months, and a reader does
 * not need it exactly), and open cases likewise by new and closed cases.
 * The stock's figure, its inflow's, its outflow's. */
static const char *const stock_flows[][3] = {
    {"placed_children", "new_placements", "placement_duration"},
    {"cases_per_caseworker", "new_cases", "closed_cases"},
};

/* Whether the marks and the shown cells pin the two masked cells of
 * sign[0] v[0] + ... + sign[3] v[3] = 0 (in - out = stock - previous). */
static bool pinned_pair(const work *w, const kpi_row *const v[4],
                        const int sign[4])
{
    int64_t k = 0; /* sa a + sb b = k */
    int ia = -1, ib = -1;
    for (int i = 0; i < 4; i++) {
        if (!unit_masked(w, v[i]))
            k -= sign[i] * v[i]->integer;
        else if (ia < 0)
            ia = i;
        else
            ib = i;
    }
    if (ia < 0 || ib < 0)
        return false;
    if (!small_count(v[ia]) && small_count(v[ib])) {
        int t = ia;
        ia = ib;
        ib = t;
    }
    int64_t lo = 1, hi = 4; /* the values of a to try */
    if (!small_count(v[ia])) {
        if (sign[ia] != sign[ib])
            return false; /* two ".." apart by a fixed difference */
        lo = 0;
        hi = k * sign[ia];
    }
    int n = 0;
    for (int64_t a = lo; a <= hi && n < 2; a++) {
        int64_t b = (k - sign[ia] * a) * sign[ib];
        n += mark_allows(v[ia], a) && mark_allows(v[ib], b);
    }
    return n == 1;
}

/* The stock-flow equation of the month ending on stock cell c, when all
 * four of its totals are published: a lone masked cell, or two pinned by
 * their marks, masks one more of the month's flows: the outflow (no
 * breakdowns by month), else the inflow. Never a stock: the previous
 * month's was its pack's report day, and the report day's is the pack's
 * headline, heads its breakdowns and is published again as another
 * figure's count (placement_duration's ongoing placements). A past
 * month's equation has the same cells and values in every later pack, so
 * the same choice is made there. Two masked flows the marks pin with
 * nothing left to mask, or three or more masked cells, are left as they
 * are (docs/PRIVACY.md, limits). */
static bool settle_stock(work *w, const kpi_row *c)
{
    int y, mo, d;
    if (c->dimension || strcmp(c->stat, "count") != 0 ||
        strlen(c->period) != 10 ||
        sscanf(c->period, "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12)
        return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d != days[mo - 1] + (mo == 2 && leap))
        return false;
    for (size_t f = 0; f < sizeof stock_flows / sizeof *stock_flows; f++) {
        if (strcmp(c->kpi_id, stock_flows[f][0]) != 0)
            continue;
        int py = mo == 1 ? y - 1 : y, pm = mo == 1 ? 12 : mo - 1;
        bool pleap = (py % 4 == 0 && py % 100 != 0) || py % 400 == 0;
        char prev_day[16], month[16];
        snprintf(prev_day, sizeof prev_day, "%04d-%02d-%02d", py % 10000,
                 pm % 100, (days[pm - 1] + (pm == 2 && pleap)) % 100);
        snprintf(month, sizeof month, "%04d-%02d", y % 10000, mo % 100);
        kpi_row key = *c;
        key.period = prev_day;
        const kpi_row *v[4] = {c, find_cell(w, &key), NULL, NULL};
        key.period = month;
        key.kpi_id = stock_flows[f][1];
        v[2] = find_cell(w, &key);
        key.kpi_id = stock_flows[f][2];
        v[3] = find_cell(w, &key);
        if (!v[1] || !v[2] || !v[3])
            return false;
        static const int sign[4] = {1, -1, -1, 1};
        int n_masked = 0;
        for (int i = 0; i < 4; i++)
            n_masked += unit_masked(w, v[i]);
        if (n_masked != 1 && !(n_masked == 2 && pinned_pair(w, v, sign)))
            return false;
        for (int i = 3; i >= 2; i--) {
            const kpi_row *r = v[i];
            if (!unit_masked(w, r) && r->integer > 0) {
                mask(w, r);
                return true;
            }
        }
        return false;
    }
    return false;
}

/* One pass of complementary suppression over every equation; true when
 * it masked something. */
static bool complement(work *w)
{
    bool changed = false;
    for (size_t i = 0; i < w->n_cells;) {
        size_t j = i + 1;
        while (j < w->n_cells && cell_cmp(w->cells[i], w->cells[j]) == 0)
            j++;
        const kpi_row *first = w->cells[i];
        /* A pair (dimension2) is shown only at KPI_DETAIL_ALL, which no
         * suppressing group gets, so pairs need no complement. A total
         * is the sum of each of its dimensions (they split the same
         * children). */
        if (first->dimension && !first->dimension2)
            changed |= settle(w, find_total(w, first), &w->cells[i], j - i,
                              NULL);
        i = j;
    }
    for (size_t i = 0; i < w->n_cells; i++) {
        changed |= settle_months(w, w->cells[i]);
        changed |= settle_previous(w, w->cells[i]);
        changed |= settle_stock(w, w->cells[i]);
    }
    return changed;
}

/* A month's rows of a unit that counts nobody itself (high_cost_cases'
 * reimbursement by month) describe the year's children, whose count is
 * the year's unit; the months add up to the year, so a masked year with
 * shown months gives itself away (the months' sum) and the amounts of
 * 1-4 children with it. Such a month is masked with its year. A month
 * with counts of its own is settled by its own cells (pair_months).
 * units[0..n) are in by_unit order. */
static void mask_months_of_years(work *w, const kpi_row *const *units,
                                 size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = units[i];
        int year, month;
        char ystr[8];
        if (w->has_count[w->unit[row_index(w->p, r)]] || unit_masked(w, r) ||
            strlen(r->period) != 7 ||
            sscanf(r->period, "%4d-%2d", &year, &month) != 2)
            continue;
        snprintf(ystr, sizeof ystr, "%04d", year % 10000);
        kpi_row key = *r;
        key.period = ystr;
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (unit_cmp(units[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && unit_cmp(units[lo], &key) == 0 &&
            unit_masked(w, units[lo]))
            mask(w, r);
    }
}

static kpi_status suppress(kpi_privacy *p)
{
    const kpi_allocator *a = p->alloc;
    size_t n_visible = 0;
    for (size_t i = 0; i < p->n_rows; i++)
        n_visible += (p->flags[i] & ROW_VISIBLE) != 0;
    kpi_status st = KPI_ERR_NOMEM;
    work w = {p, NULL, NULL, NULL, NULL, 0};
    const kpi_row **units = kpi_xcalloc(a, n_visible, sizeof *units);
    w.unit = kpi_xcalloc(a, p->n_rows, sizeof *w.unit);
    w.masked = kpi_xcalloc(a, n_visible, sizeof *w.masked);
    w.has_count = kpi_xcalloc(a, n_visible, sizeof *w.has_count);
    w.cells = kpi_xcalloc(a, n_visible, sizeof *w.cells);
    if (!units || !w.unit || !w.masked || !w.has_count || !w.cells)
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

    /* Primary: a count of 1-4 masks its whole unit and is shown "<5".
     * Zero reveals nobody. */
    for (size_t i = 0; i < n_visible; i++) {
        const kpi_row *r = units[i];
        if (!is_count_stat(r))
            continue;
        w.has_count[w.unit[row_index(p, r)]] = true;
        if (small_count(r)) {
            mask(&w, r);
            p->flags[row_index(p, r)] |= ROW_SMALL;
        }
        w.cells[w.n_cells++] = r;
    }
    qsort(w.cells, w.n_cells, sizeof *w.cells, by_cell);
    while (complement(&w))
        ;
    mask_months_of_years(&w, units, n_visible);
    for (size_t i = 0; i < n_visible; i++)
        if (unit_masked(&w, units[i]))
            p->flags[row_index(p, units[i])] |= ROW_MASKED;
    st = KPI_OK;
done:
    kpi_xfree(a, units);
    kpi_xfree(a, w.unit);
    kpi_xfree(a, w.masked);
    kpi_xfree(a, w.has_count);
    kpi_xfree(a, w.cells);
    return st;
}

/* ---- the object ---------------------------------------------------- */

/* A statistic across caseworkers (the mean, fewest and most open cases per
 * caseworker) says nothing in one caseworker's pack, where it is their own
 * count three times (issue 14: "Gennemsnit 26 / Færrest 26 / Flest 26"). */
static bool across_caseworkers(const kpi_row *r)
{
    return !strcmp(r->kpi_id, "cases_per_caseworker") && !r->dimension &&
           (!strcmp(r->stat, "mean") || !strcmp(r->stat, "min") ||
            !strcmp(r->stat, "max"));
}

static bool row_allowed(const kpi_audience *aud, const kpi_row *r,
                        const char **cached_id, bool *cached_on)
{
    if (aud->group == KPI_GROUP_SAGSBEHANDLER && across_caseworkers(r))
        return false;
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

const char *kpi_privacy_row_mark(const kpi_privacy *p, const kpi_row *row)
{
    uint8_t f = flags_of(p, row);
    if (!(f & ROW_MASKED))
        return NULL;
    return f & ROW_SMALL ? "<5" : "..";
}

kpi_group kpi_privacy_group(const kpi_privacy *p)
{
    return p ? p->group : KPI_GROUP_FAGUDVALG;
}

bool kpi_privacy_disposition_visible(const kpi_privacy *p,
                                     const kpi_disposition *disposition)
{
    return p && disposition && p->group == KPI_GROUP_SAGSBEHANDLER;
}

bool kpi_privacy_case_lists_visible(const kpi_privacy *p)
{
    return p && p->group == KPI_GROUP_SAGSBEHANDLER;
}

bool kpi_privacy_issue_visible(const kpi_privacy *p, const kpi_issue *issue)
{
    return p && issue &&
           (p->group == KPI_GROUP_FAGCHEF ||
            p->group == KPI_GROUP_AFDELINGSLEDER ||
            p->group == KPI_GROUP_SAGSBEHANDLER);
}
