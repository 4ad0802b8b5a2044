/* own.c - the own municipality on Danmarks Statistik's definitions
 * (own.h): the stock on 31 December with the age at the end of the year,
 * 0-22 with the young adults, and the flows of the whole year. */
#include "compare/own.h"
#include "rules/active.h"
#include "rules/spells.h"

#include <string.h>

/* The distinct children of the measures of one category that pass
 * `keep`; sym-indexed marks so a child counts once. */
typedef bool (*keep_fn)(const kpi_measure *m, kpi_date from, kpi_date to);

static bool active_on_last(const kpi_measure *m, kpi_date from, kpi_date to)
{
    (void)from;
    return kpi_measure_active_on(m, to);
}

static bool active_during(const kpi_measure *m, kpi_date from, kpi_date to)
{
    return !m->cancelled && m->start <= to &&
           (m->end == KPI_DATE_NONE || m->end >= from);
}

static kpi_status count_children(const kpi_dataset *ds, kpi_category cat,
                                 keep_fn keep, kpi_date from, kpi_date to,
                                 const kpi_allocator *a, int64_t *all,
                                 int64_t *young)
{
    size_t n = kpi_symtab_size(ds->syms);
    uint8_t *seen = kpi_xcalloc(a, n ? n : 1, 1);
    if (!seen)
        return KPI_ERR_NOMEM;
    *all = *young = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (kpi_dataset_type(ds, m->type)->category != cat ||
            !keep(m, from, to) || seen[m->child])
            continue;
        seen[m->child] = 1;
        (*all)++;
        if (kpi_date_age(m->birth, to) <= 17)
            (*young)++;
    }
    kpi_xfree(a, seen);
    return KPI_OK;
}

kpi_status kpi_own_dst_year(const kpi_dataset *ds, int year, kpi_date as_of,
                            const kpi_allocator *a, kpi_own_year *out,
                            bool available[KPI_CATEGORY_COUNT])
{
    memset(out, 0, sizeof *out);
    kpi_date from, to;
    if (kpi_date_from_ymd(year, 1, 1, &from) != KPI_OK ||
        kpi_date_from_ymd(year, 12, 31, &to) != KPI_OK)
        return KPI_ERR_ARG;
    /* The first start of each category: a year before it is not in the
     * data (an export may begin later than the municipality's cases). */
    kpi_date first[KPI_CATEGORY_COUNT] = {KPI_DATE_NONE, KPI_DATE_NONE};
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        kpi_date *f = &first[kpi_dataset_type(ds, m->type)->category];
        if (*f == KPI_DATE_NONE || m->start < *f)
            *f = m->start;
    }
    for (int c = 0; c < KPI_CATEGORY_COUNT; c++)
        available[c] =
            first[c] != KPI_DATE_NONE && to <= as_of && first[c] <= from;
    int64_t unused;
    kpi_status st = KPI_OK;
    if (available[KPI_CATEGORY_PLACEMENT])
        st = count_children(ds, KPI_CATEGORY_PLACEMENT, active_on_last, from,
                            to, a, &out->placed, &out->placed_0_17);
    if (st == KPI_OK && available[KPI_CATEGORY_PREVENTIVE])
        st = count_children(ds, KPI_CATEGORY_PREVENTIVE, active_during, from,
                            to, a, &out->preventive, &unused);
    if (st != KPI_OK || !available[KPI_CATEGORY_PLACEMENT])
        return st;
    kpi_spells sp = {0};
    st = kpi_spells_build(ds, a, &sp);
    for (size_t i = 0; st == KPI_OK && i < sp.count; i++)
        if (sp.items[i].start >= from && sp.items[i].start <= to)
            out->new_placements++;
    kpi_spells_free(a, &sp);
    return st;
}
