/* people.c - the sorted lists of a dataset's teams and caseworkers (the
 * packs are made for them), built on first use and kept in the dataset,
 * which frees them (dataset_core.c). A file of its own so that the
 * dataset's life cycle does not depend on the subsets (subset.c) that use
 * it. */
#include "input/dataset.h"

#include <stdlib.h>

struct kpi_people {
    const char **teams; /* strings of the parent's symbol table */
    size_t n_teams;
    const char **caseworkers;
    size_t n_caseworkers;
};

/* ---- teams and caseworkers ------------------------------------------- */

enum { PERSON_TEAM = 1, PERSON_CASEWORKER = 2 };

static int str_cmp(const void *pa, const void *pb)
{
    /* strcmp compares as unsigned char: bytewise, so UTF-8 sorts by code
     * point. */
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

void kpi_people_free(const kpi_allocator *a, struct kpi_people *p)
{
    if (!p)
        return;
    kpi_xfree(a, p->teams);
    kpi_xfree(a, p->caseworkers);
    kpi_xfree(a, p);
}

/* The symbols marked with bit, as their strings, sorted. */
static kpi_status collect(const kpi_dataset *ds, const uint8_t *mark,
                          size_t n_syms, uint8_t bit, const char ***out,
                          size_t *count)
{
    size_t n = 0;
    for (size_t s = 1; s < n_syms; s++)
        n += (mark[s] & bit) != 0;
    const char **list = kpi_xcalloc(ds->alloc, n, sizeof *list);
    if (!list)
        return KPI_ERR_NOMEM;
    size_t k = 0;
    for (size_t s = 1; s < n_syms; s++)
        if (mark[s] & bit)
            list[k++] = kpi_symtab_str(ds->syms, (kpi_sym)s);
    qsort(list, n, sizeof *list, str_cmp);
    *out = list;
    *count = n;
    return KPI_OK;
}

kpi_status kpi_dataset_index_people(kpi_dataset *ds)
{
    if (!ds)
        return KPI_ERR_ARG;
    if (ds->people)
        return KPI_OK;
    const kpi_allocator *a = ds->alloc;
    size_t n_syms = kpi_symtab_size(ds->syms);
    kpi_status st = KPI_ERR_NOMEM;
    struct kpi_people *p = kpi_xcalloc(a, 1, sizeof *p);
    uint8_t *mark = kpi_xcalloc(a, n_syms, 1);
    if (!p || !mark)
        goto done;
    /* KPI_SYM_NONE (an empty field) is marked too but never collected. */
    for (size_t i = 0; i < ds->measures.count; i++) {
        mark[ds->measures.items[i].team] |= PERSON_TEAM;
        mark[ds->measures.items[i].caseworker] |= PERSON_CASEWORKER;
    }
    for (size_t i = 0; i < ds->cases.count; i++) {
        mark[ds->cases.items[i].team] |= PERSON_TEAM;
        mark[ds->cases.items[i].caseworker] |= PERSON_CASEWORKER;
    }
    st = collect(ds, mark, n_syms, PERSON_TEAM, &p->teams, &p->n_teams);
    if (st == KPI_OK)
        st = collect(ds, mark, n_syms, PERSON_CASEWORKER, &p->caseworkers,
                     &p->n_caseworkers);
    if (st == KPI_OK) {
        ds->people = p;
        p = NULL;
    }
done:
    kpi_xfree(a, mark);
    kpi_people_free(a, p);
    return st;
}

/* The index, built on first use. The accessors are const for their
 * callers; the cache is invisible to them, and a dataset is used by one
 * thread at a time (kpi.h). */
static const struct kpi_people *people(const kpi_dataset *ds)
{
    if (!ds)
        return NULL;
    if (!ds->people && kpi_dataset_index_people((kpi_dataset *)ds) != KPI_OK)
        return NULL;
    return ds->people;
}

size_t kpi_dataset_team_count(const kpi_dataset *ds)
{
    const struct kpi_people *p = people(ds);
    return p ? p->n_teams : 0;
}

const char *kpi_dataset_team(const kpi_dataset *ds, size_t i)
{
    const struct kpi_people *p = people(ds);
    return p && i < p->n_teams ? p->teams[i] : NULL;
}

size_t kpi_dataset_caseworker_count(const kpi_dataset *ds)
{
    const struct kpi_people *p = people(ds);
    return p ? p->n_caseworkers : 0;
}

const char *kpi_dataset_caseworker(const kpi_dataset *ds, size_t i)
{
    const struct kpi_people *p = people(ds);
    return p && i < p->n_caseworkers ? p->caseworkers[i] : NULL;
}
