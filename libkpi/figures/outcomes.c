/* outcomes.c - the figures on the children's results (SPEC §5, §3.7):
 * school_absence and goal_attainment, both read from outcomes.csv.
 *
 * Both break down by the child's status on the assessment date, which the
 * measures decide: "placed" when the child has an active placement on
 * that day, else "preventive" when it has an active preventive measure,
 * else no status (the child then counts in the total only). The target
 * group and the birth date (for the age group) come from the measures too:
 * outcomes.csv carries neither. */
#include "figures/figure.h"
#include "rules/age_groups.h"

#include <stdio.h>
#include <stdlib.h>

/* Direction of the 0-4 function scale. Danish practice scores functioning
 * as difficulties: 0 = no problems, 4 = complete problems (the ICF
 * qualifiers Socialstyrelsen names for this figure, VUM, Fælles Sprog III),
 * so a LOWER score is better. This is the sign a change of the score has
 * when it is an improvement; make it +1 for a scale where 4 is best. */
#define FUNCTION_IMPROVEMENT_SIGN (-1)

enum { STATUS_PLACED = 0, STATUS_PREVENTIVE = 1, STATUS_COUNT = 2 };
#define STATUS_NONE (-1)
/* Bytewise order of the codes: "placed" < "preventive". */
static const char *const status_codes[STATUS_COUNT] = {"placed", "preventive"};

enum { TREND_IMPROVED = 0, TREND_MAINTAINED = 1, TREND_DECLINED = 2 };

/* ---- the child's situation on a day, from the measures --- */

/* The measures grouped by child: order[first[c] .. first[c + 1]) are the
 * measure indices of child symbol c, by start date, then line order. */
typedef struct child_index {
    size_t *order;
    size_t *first; /* n_syms + 1 entries */
    size_t n_syms;
} child_index;

typedef struct sort_key {
    uint32_t group; /* child symbol, or a group number */
    uint32_t sub;   /* parameter symbol, or 0 */
    kpi_date date;
    size_t index; /* position in the input: the later line sorts last */
} sort_key;

static int cmp_key(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->sub != b->sub)
        return a->sub < b->sub ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void child_index_free(child_index *ix, const kpi_allocator *a)
{
    kpi_xfree(a, ix->order);
    kpi_xfree(a, ix->first);
    memset(ix, 0, sizeof *ix);
}

static kpi_status child_index_build(child_index *ix, const kpi_dataset *ds,
                                    const kpi_allocator *a)
{
    memset(ix, 0, sizeof *ix);
    size_t n = ds->measures.count;
    ix->n_syms = kpi_symtab_size(ds->syms);
    ix->order = kpi_xcalloc(a, n ? n : 1, sizeof *ix->order);
    ix->first = kpi_xcalloc(a, ix->n_syms + 1, sizeof *ix->first);
    sort_key *keys = kpi_xcalloc(a, n ? n : 1, sizeof *keys);
    if (!ix->order || !ix->first || !keys) {
        kpi_xfree(a, keys);
        child_index_free(ix, a);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        keys[i] = (sort_key){m->child, 0, m->start, i};
    }
    qsort(keys, n, sizeof *keys, cmp_key);
    for (size_t i = 0; i < n; i++) {
        ix->order[i] = keys[i].index;
        ix->first[keys[i].group + 1]++;
    }
    for (size_t c = 0; c < ix->n_syms; c++)
        ix->first[c + 1] += ix->first[c];
    kpi_xfree(a, keys);
    return KPI_OK;
}

/* What the measures say about a child on one day. */
typedef struct child_state {
    int status;     /* STATUS_* or STATUS_NONE */
    int target;     /* kpi_target_group, or -1 when the child has no measure */
    kpi_date birth; /* KPI_DATE_NONE when the child has no measure */
} child_state;

static bool active_on(const kpi_measure *m, kpi_date d)
{
    return !m->cancelled && m->start <= d &&
           (m->end == KPI_DATE_NONE || d <= m->end);
}

/* The child's status on d, and the measure that describes it: the active
 * placement, else the active preventive measure, else the latest measure
 * started on or before d (cancelled grants count for nothing). Among
 * several, the latest start wins, ties to the later line. The birth date
 * is that measure's, else the child's first measure's. */
static child_state child_on(const kpi_dataset *ds, const child_index *ix,
                            kpi_sym child, kpi_date d)
{
    child_state s = {STATUS_NONE, -1, KPI_DATE_NONE};
    if (child >= ix->n_syms)
        return s;
    const kpi_measure *placement = NULL, *preventive = NULL, *started = NULL;
    for (size_t j = ix->first[child]; j < ix->first[child + 1]; j++) {
        const kpi_measure *m = &ds->measures.items[ix->order[j]];
        if (s.birth == KPI_DATE_NONE)
            s.birth = m->birth;
        if (m->cancelled || m->start > d)
            continue;
        started = m;
        if (!active_on(m, d))
            continue;
        if (kpi_dataset_type(ds, m->type)->category == KPI_CATEGORY_PLACEMENT)
            placement = m;
        else
            preventive = m;
    }
    const kpi_measure *describe = placement    ? placement
                                  : preventive ? preventive
                                               : started;
    s.status = placement    ? STATUS_PLACED
               : preventive ? STATUS_PREVENTIVE
                            : STATUS_NONE;
    if (describe) {
        s.target = describe->target_group;
        s.birth = describe->birth;
    }
    return s;
}

/* ---- tallies and rows --- */

/* One group of a period: n items, the sum of their values, and for
 * function scores the pairs per trend. */
typedef struct cell {
    int64_t n;
    double sum;
    int64_t trend[3];
} cell;

typedef struct tally {
    cell total;
    cell status[STATUS_COUNT];
    cell target[KPI_TARGET_COUNT];
    cell age[KPI_AGE_GROUP_COUNT];
} tally;

/* Which stats a cell is written with. */
typedef enum cell_kind {
    CELL_MEAN,  /* mean, count: school absence */
    CELL_SHARE, /* share, count: goals */
    CELL_TREND, /* improved, maintained, declined, count: function scores */
} cell_kind;

/* The breakdowns of a figure, in the catalogue's order. */
typedef enum dims {
    DIMS_STATUS_AGE,    /* school_absence: status, age_group */
    DIMS_STATUS_TARGET, /* goal_attainment: status, target_group */
} dims;

static void cell_add(cell *c, double value, int trend)
{
    c->n++;
    c->sum += value;
    if (trend >= 0)
        c->trend[trend]++;
}

/* Counts one item of a child in state s (age on the item's date). */
static void tally_add(tally *t, const child_state *s, kpi_date date,
                      double value, int trend)
{
    cell_add(&t->total, value, trend);
    if (s->status != STATUS_NONE)
        cell_add(&t->status[s->status], value, trend);
    if (s->target >= 0 && s->target < KPI_TARGET_COUNT)
        cell_add(&t->target[s->target], value, trend);
    if (s->birth != KPI_DATE_NONE) {
        int g = kpi_age_group_index(kpi_date_age(s->birth, date));
        if (g >= 0)
            cell_add(&t->age[g], value, trend);
    }
}

/* Writes one cell. An empty cell has only its count (0): a mean or share
 * of nothing is not a number, and a missing value is "not available". */
static kpi_status cell_emit(kpi_figures *out, const char *id,
                            const char *period, const char *dim,
                            const char *member, const cell *c, cell_kind kind)
{
    kpi_status st = KPI_OK;
    if (c->n > 0) {
        double n = (double)c->n;
        switch (kind) {
        case CELL_MEAN:
            st = kpi_figures_add_real(out, id, period, dim, member, "mean",
                                      c->sum / n);
            break;
        case CELL_SHARE:
            st = kpi_figures_add_real(out, id, period, dim, member, "share",
                                      c->sum / n);
            break;
        case CELL_TREND: {
            static const char *const stats[3] = {"improved", "maintained",
                                                 "declined"};
            for (int k = 0; st == KPI_OK && k < 3; k++)
                st = kpi_figures_add_real(out, id, period, dim, member,
                                          stats[k], (double)c->trend[k] / n);
            break;
        }
        }
    }
    if (st == KPI_OK)
        st = kpi_figures_add_count(out, id, period, dim, member, "count", c->n);
    return st;
}

/* The total (always) and, unless total_only, the non-empty members of
 * each breakdown. */
static kpi_status tally_emit(kpi_figures *out, const char *id,
                             const char *period, const tally *t, cell_kind kind,
                             dims d, bool total_only)
{
    kpi_status st = cell_emit(out, id, period, NULL, NULL, &t->total, kind);
    if (total_only)
        return st;
    for (int i = 0; st == KPI_OK && i < STATUS_COUNT; i++)
        if (t->status[i].n)
            st = cell_emit(out, id, period, "status", status_codes[i],
                           &t->status[i], kind);
    if (d == DIMS_STATUS_TARGET) {
        /* Enum order is bytewise code order: "handicap" < "social". */
        for (int i = 0; st == KPI_OK && i < KPI_TARGET_COUNT; i++)
            if (t->target[i].n)
                st = cell_emit(out, id, period, "target_group",
                               kpi_target_group_code((kpi_target_group)i),
                               &t->target[i], kind);
    } else {
        for (int i = 0; st == KPI_OK && i < KPI_AGE_GROUP_COUNT; i++)
            if (t->age[i].n)
                st = cell_emit(out, id, period, "age_group", kpi_age_groups[i],
                               &t->age[i], kind);
    }
    return st;
}

/* ---- the rows of one indicator, sorted, with the child's state --- */

typedef struct indicator_rows {
    sort_key *keys;      /* by child (and parameter), date, line */
    child_state *states; /* states[i]: the child on keys[i].date */
    size_t n;
} indicator_rows;

static void indicator_rows_free(indicator_rows *r, const kpi_allocator *a)
{
    kpi_xfree(a, r->keys);
    kpi_xfree(a, r->states);
    memset(r, 0, sizeof *r);
}

/* The rows of one indicator dated on or before `until`, sorted; with
 * by_parameter the parameter is part of the group (function scores). A
 * row without a parameter forms its own group ("no parameter"). */
static kpi_status indicator_rows_build(indicator_rows *r, const kpi_dataset *ds,
                                       const child_index *ix, kpi_indicator ind,
                                       bool by_parameter, kpi_date until,
                                       const kpi_allocator *a)
{
    memset(r, 0, sizeof *r);
    size_t n = 0;
    for (size_t i = 0; i < ds->outcomes.count; i++) {
        const kpi_outcome_row *o = &ds->outcomes.items[i];
        n += o->indicator == ind && o->date <= until;
    }
    r->keys = kpi_xcalloc(a, n ? n : 1, sizeof *r->keys);
    r->states = kpi_xcalloc(a, n ? n : 1, sizeof *r->states);
    if (!r->keys || !r->states) {
        indicator_rows_free(r, a);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < ds->outcomes.count; i++) {
        const kpi_outcome_row *o = &ds->outcomes.items[i];
        if (o->indicator == ind && o->date <= until)
            r->keys[r->n++] = (sort_key){
                o->child, by_parameter ? o->parameter : 0, o->date, i};
    }
    qsort(r->keys, r->n, sizeof *r->keys, cmp_key);
    for (size_t i = 0; i < r->n; i++)
        r->states[i] = child_on(ds, ix, r->keys[i].group, r->keys[i].date);
    return KPI_OK;
}

static double row_value(const kpi_dataset *ds, const sort_key *k)
{
    return ds->outcomes.items[k->index].value;
}

/* A month as a period, "2026-03", and its first and last day. */
typedef struct span {
    char period[16];
    kpi_date from, to;
} span;

static span month_span(int year, int month)
{
    span s;
    kpi_month m = {year, month};
    snprintf(s.period, sizeof s.period, "%04d-%02d", year, month);
    s.from = kpi_month_first_day(m);
    s.to = kpi_month_last_day(m);
    return s;
}

/* ---- school_absence --- */

/* Per child the latest assessment dated in from..to (on a tie of dates
 * the later line of the file), averaged. */
static void absence_tally(tally *t, const kpi_dataset *ds,
                          const indicator_rows *r, kpi_date from, kpi_date to)
{
    memset(t, 0, sizeof *t);
    size_t i = 0;
    while (i < r->n) {
        size_t latest = SIZE_MAX;
        size_t j = i;
        for (; j < r->n && r->keys[j].group == r->keys[i].group; j++)
            if (r->keys[j].date >= from && r->keys[j].date <= to)
                latest = j; /* ascending by date, then line */
        if (latest != SIZE_MAX)
            tally_add(t, &r->states[latest], r->keys[latest].date,
                      row_value(ds, &r->keys[latest]), -1);
        i = j;
    }
}

kpi_status kpi_fig_school_absence(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "school_absence";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_OUTCOMES])
        return KPI_OK;
    child_index ix = {0};
    indicator_rows r = {0};
    tally t;
    kpi_status st;
    if ((st = child_index_build(&ix, ds, a)) != KPI_OK ||
        (st = indicator_rows_build(&r, ds, &ix, KPI_INDICATOR_SCHOOL_ABSENCE,
                                   false, ctx->as_of, a)) != KPI_OK)
        goto cleanup;

    absence_tally(&t, ds, &r, kpi_month_first_day(ctx->month), ctx->as_of);
    if ((st = tally_emit(out, id, ctx->period_month, &t, CELL_MEAN,
                         DIMS_STATUS_AGE, false)) != KPI_OK)
        goto cleanup;
    absence_tally(&t, ds, &r, ctx->year_start, ctx->as_of);
    if ((st = tally_emit(out, id, ctx->period_to_date, &t, CELL_MEAN,
                         DIMS_STATUS_AGE, false)) != KPI_OK)
        goto cleanup;
    for (int y = ctx->year - 1; y <= ctx->year; y++) {
        for (int mo = 1; mo <= ctx->month.month; mo++) {
            if (y == ctx->year && mo == ctx->month.month)
                continue; /* written as the month period */
            span s = month_span(y, mo);
            absence_tally(&t, ds, &r, s.from, s.to);
            if ((st = tally_emit(out, id, s.period, &t, CELL_MEAN,
                                 DIMS_STATUS_AGE, true)) != KPI_OK)
                goto cleanup;
        }
    }

cleanup:
    indicator_rows_free(&r, a);
    child_index_free(&ix, a);
    return st;
}

/* ---- goal_attainment --- */

/* Every goal followed up in from..to, by the child's status and target
 * group on the follow-up's date. */
static void goal_tally(tally *t, const kpi_dataset *ds, const indicator_rows *r,
                       kpi_date from, kpi_date to)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < r->n; i++)
        if (r->keys[i].date >= from && r->keys[i].date <= to)
            tally_add(t, &r->states[i], r->keys[i].date,
                      row_value(ds, &r->keys[i]), -1);
}

/* Every child and parameter with scores on at least two days on or
 * before `on`: the latest against the first. Two scores of one parameter
 * on the same day are one assessment, the later line of the file winning
 * (a correction), so the first score is the last line of the earliest day
 * and the latest the last line of the latest day. Counted by the child's
 * status and target group on the latest score's date. */
static void function_tally(tally *t, const kpi_dataset *ds,
                           const indicator_rows *r, kpi_date on)
{
    memset(t, 0, sizeof *t);
    size_t i = 0;
    while (i < r->n) {
        size_t j = i, first = SIZE_MAX, latest = SIZE_MAX;
        for (; j < r->n && r->keys[j].group == r->keys[i].group &&
               r->keys[j].sub == r->keys[i].sub;
             j++) {
            if (r->keys[j].date > on)
                continue;
            if (r->keys[j].date == r->keys[i].date)
                first = j; /* keys[i] is on the group's earliest day */
            latest = j;
        }
        if (latest != SIZE_MAX && r->keys[latest].date > r->keys[first].date) {
            double change = (row_value(ds, &r->keys[latest]) -
                             row_value(ds, &r->keys[first])) *
                            FUNCTION_IMPROVEMENT_SIGN;
            int trend = change > 0   ? TREND_IMPROVED
                        : change < 0 ? TREND_DECLINED
                                     : TREND_MAINTAINED;
            tally_add(t, &r->states[latest], r->keys[latest].date, 0, trend);
        }
        i = j;
    }
}

kpi_status kpi_fig_goal_attainment(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "goal_attainment";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_OUTCOMES])
        return KPI_OK;
    child_index ix = {0};
    indicator_rows goals = {0}, scores = {0};
    tally t;
    kpi_status st;
    if ((st = child_index_build(&ix, ds, a)) != KPI_OK ||
        (st = indicator_rows_build(&goals, ds, &ix, KPI_INDICATOR_GOAL, false,
                                   ctx->as_of, a)) != KPI_OK ||
        (st = indicator_rows_build(&scores, ds, &ix, KPI_INDICATOR_FUNCTION,
                                   true, ctx->as_of, a)) != KPI_OK)
        goto cleanup;

    goal_tally(&t, ds, &goals, kpi_month_first_day(ctx->month), ctx->as_of);
    if ((st = tally_emit(out, id, ctx->period_month, &t, CELL_SHARE,
                         DIMS_STATUS_TARGET, false)) != KPI_OK)
        goto cleanup;
    goal_tally(&t, ds, &goals, ctx->year_start, ctx->as_of);
    if ((st = tally_emit(out, id, ctx->period_to_date, &t, CELL_SHARE,
                         DIMS_STATUS_TARGET, false)) != KPI_OK)
        goto cleanup;
    function_tally(&t, ds, &scores, ctx->as_of);
    if ((st = tally_emit(out, id, ctx->period_day, &t, CELL_TREND,
                         DIMS_STATUS_TARGET, false)) != KPI_OK)
        goto cleanup;

    /* The series, ascending: each month's goals ("2026-03") and the
     * function scores at its end ("2026-03-31"), totals only; M and D
     * are already written. */
    for (int y = ctx->year - 1; y <= ctx->year; y++) {
        for (int mo = 1; mo <= ctx->month.month; mo++) {
            if (y == ctx->year && mo == ctx->month.month)
                continue;
            span s = month_span(y, mo);
            goal_tally(&t, ds, &goals, s.from, s.to);
            if ((st = tally_emit(out, id, s.period, &t, CELL_SHARE,
                                 DIMS_STATUS_TARGET, true)) != KPI_OK)
                goto cleanup;
            char day[11];
            kpi_date_format(s.to, day);
            function_tally(&t, ds, &scores, s.to);
            if ((st = tally_emit(out, id, day, &t, CELL_TREND,
                                 DIMS_STATUS_TARGET, true)) != KPI_OK)
                goto cleanup;
        }
    }

cleanup:
    indicator_rows_free(&scores, a);
    indicator_rows_free(&goals, a);
    child_index_free(&ix, a);
    return st;
}
