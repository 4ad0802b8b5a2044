/* child_status.c - a child's situation on a day (child_status.h). */
#include "rules/child_status.h"
#include "rules/active.h"

#include <stdlib.h>

const char *const kpi_child_status_codes[KPI_CHILD_STATUS_COUNT] = {
    "placed", "preventive"};

int kpi_dated_key_cmp(const void *pa, const void *pb)
{
    const kpi_dated_key *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->sub != b->sub)
        return a->sub < b->sub ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void kpi_child_index_free(kpi_child_index *ix, const kpi_allocator *a)
{
    kpi_xfree(a, ix->order);
    kpi_xfree(a, ix->first);
    memset(ix, 0, sizeof *ix);
}

kpi_status kpi_child_index_build(kpi_child_index *ix, const kpi_dataset *ds,
                                 const kpi_allocator *a)
{
    memset(ix, 0, sizeof *ix);
    size_t n = ds->measures.count;
    ix->n_syms = kpi_symtab_size(ds->syms);
    ix->order = kpi_xcalloc(a, n ? n : 1, sizeof *ix->order);
    ix->first = kpi_xcalloc(a, ix->n_syms + 1, sizeof *ix->first);
    kpi_dated_key *keys = kpi_xcalloc(a, n ? n : 1, sizeof *keys);
    if (!ix->order || !ix->first || !keys) {
        kpi_xfree(a, keys);
        kpi_child_index_free(ix, a);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        keys[i] = (kpi_dated_key){m->child, 0, m->start, i};
    }
    qsort(keys, n, sizeof *keys, kpi_dated_key_cmp);
    for (size_t i = 0; i < n; i++) {
        ix->order[i] = keys[i].index;
        ix->first[keys[i].group + 1]++;
    }
    for (size_t c = 0; c < ix->n_syms; c++)
        ix->first[c + 1] += ix->first[c];
    kpi_xfree(a, keys);
    return KPI_OK;
}

kpi_child_state kpi_child_on(const kpi_dataset *ds, const kpi_child_index *ix,
                             kpi_sym child, kpi_date d)
{
    kpi_child_state s = {KPI_CHILD_STATUS_NONE, -1, KPI_DATE_NONE};
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
        if (!kpi_measure_active_on(m, d))
            continue;
        if (kpi_dataset_type(ds, m->type)->category == KPI_CATEGORY_PLACEMENT)
            placement = m;
        else
            preventive = m;
    }
    const kpi_measure *describe = placement    ? placement
                                  : preventive ? preventive
                                               : started;
    s.status = placement    ? KPI_CHILD_PLACED
               : preventive ? KPI_CHILD_PREVENTIVE
                            : KPI_CHILD_STATUS_NONE;
    if (describe) {
        s.target = describe->target_group;
        s.birth = describe->birth;
    }
    return s;
}
