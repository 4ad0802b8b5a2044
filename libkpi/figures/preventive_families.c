/* preventive_families.c - families with preventive measures (SPEC §5
 * preventive_families): the families with a preventive measure active on
 * D, each counted once in the total and in each member it has, and the
 * families at each month end of the series. */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/prefetch.h"
#include "rules/tally.h"

#include <string.h>

/* A measure counted on D, with what the tally reads of it. 8 bytes:
 * read from the measure in file order as the key is made, not looked up
 * in the family's order (a cache miss a measure, a third of the
 * figure's time at a million measures). */
typedef struct family_key {
    kpi_sym family;
    uint16_t type;
    uint8_t target_group;
    int8_t age_group; /* kpi_age_group_index on D; -1: none */
} family_key;

/* Whether measure m is counted `on` an active day (or at all, not
 * cancelled, when on is KPI_DATE_NONE: the series): a preventive one; *family is its
 * family. The loader defaults family_id to child_id; a dataset built by
 * hand may leave it empty, which means the same. */
static bool counted(const kpi_dataset *ds, const kpi_measure *m, kpi_date on,
                    kpi_sym *family)
{
    *family = m->family != KPI_SYM_NONE ? m->family : m->child;
    return !(on == KPI_DATE_NONE ? m->cancelled
                                 : !kpi_measure_active_on(m, on)) &&
           kpi_dataset_type(ds, m->type)->category == KPI_CATEGORY_PREVENTIVE;
}

/* Asks the cache for by_family[family] of the measure some iterations
 * after i (rules/prefetch.h): the array by symbol is read in the
 * families' order, a miss each time at a million measures. */
static void prefetch_family(const kpi_dataset *ds, size_t i,
                            const uint32_t *by_family)
{
    if (i + KPI_PREFETCH_AHEAD >= ds->measures.count)
        return;
    const kpi_measure *m = &ds->measures.items[i + KPI_PREFETCH_AHEAD];
    KPI_PREFETCH(&by_family[m->family != KPI_SYM_NONE ? m->family : m->child]);
}

/* Fills *keys (allocated here, freed by the caller) with the measures
 * counted on `on`, sorted by family symbol, then file order; *n: how
 * many. A counting sort over the symbols (first[] holds n_syms + 1
 * entries): linear where qsort's comparisons took most of the figure's
 * time at a million measures, and the same order, since it is stable.
 * The keys are allocated once counted: the measures active on D, not
 * every measure. */
static kpi_status by_family(const kpi_dataset *ds, kpi_date on,
                            const kpi_allocator *a, family_key **keys,
                            size_t *n, uint32_t *first)
{
    size_t n_syms = kpi_symtab_size(ds->syms);
    memset(first, 0, (n_syms + 1) * sizeof *first);
    kpi_sym f;
    for (size_t i = 0; i < ds->measures.count; i++) {
        prefetch_family(ds, i, first);
        if (counted(ds, &ds->measures.items[i], on, &f))
            first[f + 1]++;
    }
    /* first[f]: where family f's measures begin. */
    for (size_t s = 1; s <= n_syms; s++)
        first[s] += first[s - 1];
    *n = first[n_syms];
    if (!(*keys = kpi_xreallocarray(a, NULL, *n ? *n : 1, sizeof **keys)))
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < ds->measures.count; i++) {
        prefetch_family(ds, i, first);
        if (!counted(ds, &ds->measures.items[i], on, &f))
            continue;
        const kpi_measure *m = &ds->measures.items[i];
        (*keys)[first[f]++] = (family_key){
            f, m->type, m->target_group,
            (int8_t)kpi_age_group_index(kpi_date_age(m->birth, on))};
    }
    return KPI_OK;
}

kpi_status kpi_fig_preventive_families(kpi_figures *out, const kpi_context *ctx)
{
    static const char id[] = "preventive_families";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    kpi_tally t = {0};
    family_key *keys = NULL;
    size_t *type_seen = NULL; /* by type: the family group last counted + 1 */
    /* By family symbol, 32 bits as the measure indexes: by_family's
     * counts, then the series' month ends (the one array by symbol). */
    uint32_t *first = NULL;
    size_t n_syms = kpi_symtab_size(ds->syms), n = 0;
    kpi_status st;
    if (ds->measures.count >= UINT32_MAX)
        return KPI_ERR_RANGE;
    if ((st = kpi_tally_init(&t, ctx)) != KPI_OK)
        goto cleanup;
    const kpi_measure *ms = ds->measures.items;
    kpi_date d = ctx->as_of;
    type_seen = kpi_xcalloc(a, ds->config->n_types ? ds->config->n_types : 1,
                            sizeof *type_seen);
    /* Not zeroed: by_family and the series clear it. */
    first = kpi_xreallocarray(a, NULL, n_syms + 1, sizeof *first);
    if (!type_seen || !first) {
        st = KPI_ERR_NOMEM;
        goto cleanup;
    }
    if ((st = by_family(ds, d, a, &keys, &n, first)) != KPI_OK)
        goto cleanup;

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
        const family_key *k = &keys[i];
        if (type_seen[k->type] != group) {
            type_seen[k->type] = group;
            t.types[k->type]++;
        }
        if (k->target_group < KPI_TARGET_COUNT &&
            target_seen[k->target_group] != group) {
            target_seen[k->target_group] = group;
            t.target[k->target_group]++;
        }
        int g = k->age_group;
        if (g >= 0 && age_seen[g] != group) {
            age_seen[g] = group;
            t.age[g]++;
        }
    }
    if ((st = kpi_tally_emit(&t, out, id, ctx->period_day, "count")) != KPI_OK)
        goto cleanup;
    /* Last year's rows keep none of the series' month ends: each is before
     * D (rules/context.h). */
    if (ctx->last_year)
        goto cleanup;

    /* The series: families at each month end of January..M of Y-1 and Y
     * (D itself is written above), total only, ascending. The measures
     * active on D are not enough here, so each family marks, in one pass
     * over the preventive measures in file order, the month ends on which
     * one of its measures is active (bit e of marks[family]: ends[e]).
     * The ends ascend, so a measure is active on a run of them: from the
     * first on or after its start to the last on or before its end. */
    kpi_date ends[24];
    size_t n_ends = 0;
    for (int y = ctx->year - 1; y <= ctx->year; y++)
        for (int mo = 1; mo <= ctx->month.month; mo++) {
            kpi_date e = kpi_month_last_day((kpi_month){y, mo});
            if (e != d)
                ends[n_ends++] = e;
        }
    uint32_t *marks = first;
    memset(marks, 0, n_syms * sizeof *marks);
    for (size_t i = 0; i < ds->measures.count; i++) {
        kpi_sym f;
        prefetch_family(ds, i, marks);
        if (!counted(ds, &ms[i], KPI_DATE_NONE, &f))
            continue;
        /* the run: skip the ends before the start, then take those the
         * measure is active on (rules/active.h) */
        size_t lo = 0, hi;
        while (lo < n_ends && ends[lo] < ms[i].start)
            lo++;
        for (hi = lo; hi < n_ends && kpi_measure_active_on(&ms[i], ends[hi]);)
            hi++;
        /* bits lo..hi-1; n_ends < 32 */
        if (lo < hi)
            marks[f] |= ((1u << hi) - 1) & ~((1u << lo) - 1);
    }
    int64_t families[24] = {0};
    for (size_t f = 0; f < n_syms; f++)
        for (uint32_t b = marks[f], e = 0; b; b >>= 1, e++)
            families[e] += b & 1u;
    for (size_t e = 0; e < n_ends && st == KPI_OK; e++) {
        char period[11];
        kpi_date_format(ends[e], period);
        st = kpi_figures_add_count(out, id, period, NULL, NULL, "count",
                                   families[e]);
    }

cleanup:
    kpi_xfree(a, type_seen);
    kpi_xfree(a, first);
    kpi_xfree(a, keys);
    kpi_tally_free(&t);
    return st;
}
