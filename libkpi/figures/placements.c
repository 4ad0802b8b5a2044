/* placements.c - the figures about children in care and families with
 * preventive support (SPEC §5): placed_children, new_placements and
 * preventive_families. The first two rest on the spells of spells.c. */
#include "figures/figure.h"
#include "rules/age_groups.h"
#include "rules/spells.h"

#include <stdio.h>
#include <stdlib.h>

/* Counts of one period and stat: the total and each breakdown. */
typedef struct tally {
    int64_t total;
    int64_t *types; /* n_types, by type index */
    int64_t target[KPI_TARGET_COUNT];
    int64_t age[KPI_AGE_GROUP_COUNT];
} tally;

/* The orders the rows are written in: members sorted bytewise by code
 * (so age group "6-11" comes after "18-22"). */
typedef struct member_orders {
    size_t *types; /* type indices sorted by code */
    size_t n_types;
    size_t target[KPI_TARGET_COUNT];
    size_t age[KPI_AGE_GROUP_COUNT];
} member_orders;

static void sort_by_code(size_t *idx, size_t n,
                         const char *(*code)(const void *, size_t),
                         const void *ctx)
{
    /* Insertion sort: a few dozen types at most. */
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i];
        size_t j = i;
        while (j > 0 && strcmp(code(ctx, idx[j - 1]), code(ctx, v)) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

static const char *type_code(const void *ctx, size_t i)
{
    return ((const kpi_config *)ctx)->types[i].code;
}

static const char *target_code(const void *ctx, size_t i)
{
    (void)ctx;
    return kpi_target_group_code((kpi_target_group)i);
}

static kpi_status orders_init(member_orders *o, const kpi_dataset *ds,
                              const kpi_allocator *a)
{
    memset(o, 0, sizeof *o);
    o->n_types = ds->config->n_types;
    o->types = kpi_xcalloc(a, o->n_types ? o->n_types : 1, sizeof *o->types);
    if (!o->types)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < o->n_types; i++)
        o->types[i] = i;
    sort_by_code(o->types, o->n_types, type_code, ds->config);
    for (size_t i = 0; i < KPI_TARGET_COUNT; i++)
        o->target[i] = i;
    sort_by_code(o->target, KPI_TARGET_COUNT, target_code, NULL);
    /* Age groups youngest first, not bytewise (figures.h). */
    for (size_t i = 0; i < KPI_AGE_GROUP_COUNT; i++)
        o->age[i] = i;
    return KPI_OK;
}

static void orders_free(member_orders *o, const kpi_allocator *a)
{
    kpi_xfree(a, o->types);
}

static kpi_status tally_init(tally *t, size_t n_types, const kpi_allocator *a)
{
    memset(t, 0, sizeof *t);
    t->types = kpi_xcalloc(a, n_types ? n_types : 1, sizeof *t->types);
    return t->types ? KPI_OK : KPI_ERR_NOMEM;
}

static void tally_clear(tally *t, size_t n_types)
{
    int64_t *types = t->types;
    memset(types, 0, (n_types ? n_types : 1) * sizeof *types);
    memset(t, 0, sizeof *t);
    t->types = types;
}

static void tally_free(tally *t, const kpi_allocator *a)
{
    kpi_xfree(a, t->types);
    t->types = NULL;
}

/* Counts one item of measure m (type and target group) at age `age`. */
static void tally_add(tally *t, const kpi_measure *m, int age)
{
    t->total++;
    t->types[m->type]++;
    if (m->target_group < KPI_TARGET_COUNT)
        t->target[m->target_group]++;
    int g = kpi_age_group_index(age);
    if (g >= 0)
        t->age[g]++;
}

/* Writes the total and the non-zero members of each breakdown, in the
 * catalogue's order measure_type, target_group, age_group. */
static kpi_status tally_emit(kpi_figures *out, const char *kpi_id,
                             const char *period, const char *stat,
                             const tally *t, const member_orders *o,
                             const kpi_config *cfg)
{
    kpi_status st =
        kpi_figures_add_count(out, kpi_id, period, NULL, NULL, stat, t->total);
    for (size_t i = 0; st == KPI_OK && i < o->n_types; i++) {
        size_t ty = o->types[i];
        if (t->types[ty])
            st = kpi_figures_add_count(out, kpi_id, period, "measure_type",
                                       cfg->types[ty].code, stat, t->types[ty]);
    }
    for (size_t i = 0; st == KPI_OK && i < KPI_TARGET_COUNT; i++) {
        size_t g = o->target[i];
        if (t->target[g])
            st = kpi_figures_add_count(
                out, kpi_id, period, "target_group",
                kpi_target_group_code((kpi_target_group)g), stat, t->target[g]);
    }
    for (size_t i = 0; st == KPI_OK && i < KPI_AGE_GROUP_COUNT; i++) {
        size_t g = o->age[i];
        if (t->age[g])
            st = kpi_figures_add_count(out, kpi_id, period, "age_group",
                                       kpi_age_groups[g], stat, t->age[g]);
    }
    return st;
}

static bool active_on(const kpi_measure *m, kpi_date d)
{
    return !m->cancelled && m->start <= d &&
           (m->end == KPI_DATE_NONE || d <= m->end);
}

static bool spell_covers(const kpi_spell *s, kpi_date d)
{
    return s->start <= d && (s->end == KPI_DATE_NONE || d <= s->end);
}

/* ---- placed_children --------------------------------------------------- */

/* The measure that describes a child placed on d: of the spell's measures
 * active on d, the one that started latest, ties to the larger measure id.
 * NULL when none is active (never for a spell that covers d, since a
 * spell's measures leave no gap). */
static const kpi_measure *placement_on(const kpi_dataset *ds,
                                       const kpi_spells *sp, const kpi_spell *s,
                                       kpi_date d)
{
    const kpi_measure *best = NULL;
    for (size_t j = 0; j < s->n_measures; j++) {
        const kpi_measure *m = &ds->measures.items[sp->order[s->begin + j]];
        if (!active_on(m, d))
            continue;
        if (!best || m->start > best->start ||
            (m->start == best->start &&
             strcmp(kpi_symtab_str(ds->syms, m->id),
                    kpi_symtab_str(ds->syms, best->id)) > 0))
            best = m;
    }
    return best;
}

kpi_status kpi_fig_placed_children(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "placed_children";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    kpi_spells sp = {0};
    member_orders o = {0};
    tally t = {0};
    kpi_status st;
    if ((st = kpi_spells_build(ds, a, &sp)) != KPI_OK ||
        (st = orders_init(&o, ds, a)) != KPI_OK ||
        (st = tally_init(&t, o.n_types, a)) != KPI_OK)
        goto cleanup;

    /* A child's spells never overlap, so the spells covering a day are
     * the children placed on it. */
    kpi_date d = ctx->as_of;
    for (size_t i = 0; i < sp.count; i++) {
        const kpi_spell *s = &sp.items[i];
        if (!spell_covers(s, d))
            continue;
        const kpi_measure *m = placement_on(ds, &sp, s, d);
        if (m)
            tally_add(&t, m, kpi_date_age(m->birth, d));
    }
    if ((st = tally_emit(out, id, ctx->period_day, "count", &t, &o,
                         ds->config)) != KPI_OK)
        goto cleanup;

    /* The series: the 23 month ends before D, ascending, total only (D
     * itself is already written). Twenty-four months hold January..M of Y
     * and of Y-1 and give the workbook's 24-month chart no gaps. */
    for (int back = 23; back >= 1; back--) {
        int index = ctx->year * 12 + (ctx->month.month - 1) - back;
        kpi_month month = {index / 12, index % 12 + 1};
        kpi_date e = kpi_month_last_day(month);
        int64_t n = 0;
        for (size_t i = 0; i < sp.count; i++)
            n += spell_covers(&sp.items[i], e);
        char period[11];
        kpi_date_format(e, period);
        if ((st = kpi_figures_add_count(out, id, period, NULL, NULL, "count",
                                        n)) != KPI_OK)
            goto cleanup;
    }

cleanup:
    tally_free(&t, a);
    orders_free(&o, a);
    kpi_spells_free(a, &sp);
    return st;
}

/* ---- new_placements ------------------------------------------------------ */

kpi_status kpi_fig_new_placements(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "new_placements";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    kpi_spells sp = {0};
    member_orders o = {0};
    tally t = {0};
    kpi_status st;
    if ((st = kpi_spells_build(ds, a, &sp)) != KPI_OK ||
        (st = orders_init(&o, ds, a)) != KPI_OK ||
        (st = tally_init(&t, o.n_types, a)) != KPI_OK)
        goto cleanup;

    const kpi_measure *ms = ds->measures.items;
    const char *periods[2] = {ctx->period_month, ctx->period_to_date};
    kpi_date from[2] = {kpi_month_first_day(ctx->month), ctx->year_start};
    kpi_date to = ctx->as_of;

    /* New placements: spells starting in the period, described by their
     * first measure, age at the spell's start. */
    for (int p = 0; p < 2; p++) {
        tally_clear(&t, o.n_types);
        for (size_t i = 0; i < sp.count; i++) {
            const kpi_spell *s = &sp.items[i];
            if (s->start < from[p] || s->start > to)
                continue;
            const kpi_measure *m = &ms[s->first];
            tally_add(&t, m, kpi_date_age(m->birth, s->start));
        }
        if ((st = tally_emit(out, id, periods[p], "count", &t, &o,
                             ds->config)) != KPI_OK)
            goto cleanup;
    }
    /* Changes of placement: described by the measure moved to. */
    for (int p = 0; p < 2; p++) {
        tally_clear(&t, o.n_types);
        for (size_t i = 0; i < sp.n_changes; i++) {
            const kpi_measure *m = &ms[sp.changes[i]];
            if (m->start < from[p] || m->start > to)
                continue;
            tally_add(&t, m, kpi_date_age(m->birth, m->start));
        }
        if ((st = tally_emit(out, id, periods[p], "changes", &t, &o,
                             ds->config)) != KPI_OK)
            goto cleanup;
    }

    /* The series: new placements in each month January..M of Y-1 and Y,
     * total only, ascending; M of Y is already written. One pass buckets
     * the spell starts by month. */
    int64_t starts[2][12] = {{0}};
    for (size_t i = 0; i < sp.count; i++) {
        int y, mo, day;
        kpi_date_to_ymd(sp.items[i].start, &y, &mo, &day);
        if (y >= ctx->year - 1 && y <= ctx->year && mo <= ctx->month.month)
            starts[y - (ctx->year - 1)][mo - 1]++;
    }
    for (int k = 0; k < 2; k++) {
        for (int mo = 1; mo <= ctx->month.month; mo++) {
            if (k == 1 && mo == ctx->month.month)
                continue;
            char period[32];
            snprintf(period, sizeof period, "%04d-%02d",
                     (ctx->year - 1 + k) % 10000, mo);
            if ((st = kpi_figures_add_count(out, id, period, NULL, NULL,
                                            "count", starts[k][mo - 1])) !=
                KPI_OK)
                goto cleanup;
        }
    }

cleanup:
    tally_free(&t, a);
    orders_free(&o, a);
    kpi_spells_free(a, &sp);
    return st;
}

/* ---- preventive_families ---------------------------------------------------
 */

typedef struct family_key {
    kpi_sym family;
    size_t index;
} family_key;

static int compare_family(const void *pa, const void *pb)
{
    const family_key *a = pa, *b = pb;
    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

kpi_status kpi_fig_preventive_families(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "preventive_families";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    member_orders o = {0};
    tally t = {0};
    family_key *keys = NULL;
    size_t *type_seen = NULL; /* by type: the family group last counted + 1 */
    kpi_status st;
    if ((st = orders_init(&o, ds, a)) != KPI_OK ||
        (st = tally_init(&t, o.n_types, a)) != KPI_OK)
        goto cleanup;
    const kpi_measure *ms = ds->measures.items;
    kpi_date d = ctx->as_of;
    /* Not zeroed: only the entries written are read. */
    keys = kpi_xreallocarray(
        a, NULL, ds->measures.count ? ds->measures.count : 1, sizeof *keys);
    type_seen = kpi_xcalloc(a, o.n_types ? o.n_types : 1, sizeof *type_seen);
    if (!keys || !type_seen) {
        st = KPI_ERR_NOMEM;
        goto cleanup;
    }
    size_t n = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ms[i];
        if (!active_on(m, d) ||
            kpi_dataset_type(ds, m->type)->category != KPI_CATEGORY_PREVENTIVE)
            continue;
        /* The loader defaults family_id to child_id; a dataset built by
         * hand may leave it empty, which means the same. */
        keys[n].family = m->family != KPI_SYM_NONE ? m->family : m->child;
        keys[n].index = i;
        n++;
    }
    qsort(keys, n, sizeof *keys, compare_family);

    /* Each family counts once per total and once per member it has, so
     * a member remembers the last family group it counted. */
    size_t group = 0;
    size_t target_seen[KPI_TARGET_COUNT] = {0};
    size_t age_seen[KPI_AGE_GROUP_COUNT] = {0};
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || keys[i].family != keys[i - 1].family) {
            group++;
            t.total++;
        }
        const kpi_measure *m = &ms[keys[i].index];
        if (type_seen[m->type] != group) {
            type_seen[m->type] = group;
            t.types[m->type]++;
        }
        if (m->target_group < KPI_TARGET_COUNT &&
            target_seen[m->target_group] != group) {
            target_seen[m->target_group] = group;
            t.target[m->target_group]++;
        }
        int g = kpi_age_group_index(kpi_date_age(m->birth, d));
        if (g >= 0 && age_seen[g] != group) {
            age_seen[g] = group;
            t.age[g]++;
        }
    }
    if ((st = tally_emit(out, id, ctx->period_day, "count", &t, &o,
                         ds->config)) != KPI_OK)
        goto cleanup;

    /* The series: families at each month end of January..M of Y-1 and Y
     * (D itself is written above), total only, ascending. The measures
     * active on D are not enough here, so the preventive measures active
     * on any of those days are grouped by family once, and each family
     * marks the month ends on which one of its measures is active. */
    kpi_date ends[24];
    size_t n_ends = 0;
    for (int y = ctx->year - 1; y <= ctx->year; y++)
        for (int mo = 1; mo <= ctx->month.month; mo++) {
            kpi_date e = kpi_month_last_day((kpi_month){y, mo});
            if (e != d)
                ends[n_ends++] = e;
        }
    int64_t families[24] = {0};
    n = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ms[i];
        if (m->cancelled ||
            kpi_dataset_type(ds, m->type)->category != KPI_CATEGORY_PREVENTIVE)
            continue;
        keys[n].family = m->family != KPI_SYM_NONE ? m->family : m->child;
        keys[n].index = i;
        n++;
    }
    qsort(keys, n, sizeof *keys, compare_family);
    uint32_t seen = 0; /* bit e: the family has a measure active on ends[e] */
    for (size_t i = 0; i < n; i++) {
        const kpi_measure *m = &ms[keys[i].index];
        for (size_t e = 0; e < n_ends; e++)
            if (active_on(m, ends[e]))
                seen |= 1u << e;
        if (i + 1 == n || keys[i + 1].family != keys[i].family) {
            for (size_t e = 0; e < n_ends; e++)
                families[e] += (seen >> e) & 1u;
            seen = 0;
        }
    }
    for (size_t e = 0; e < n_ends && st == KPI_OK; e++) {
        char period[11];
        kpi_date_format(ends[e], period);
        st = kpi_figures_add_count(out, id, period, NULL, NULL, "count",
                                   families[e]);
    }

cleanup:
    kpi_xfree(a, type_seen);
    kpi_xfree(a, keys);
    tally_free(&t, a);
    orders_free(&o, a);
    return st;
}
