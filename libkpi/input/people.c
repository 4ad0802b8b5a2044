/* people.c - the sorted lists of a dataset's teams and caseworkers (the
 * packs are made for them), built on first use and kept in the dataset,
 * which frees them (dataset_core.c). A file of its own so that the
 * dataset's life cycle does not depend on the subsets (subset.c) that use
 * it. */
#include "input/dataset.h"

#include <stdlib.h>

/* A sorted list of names: strings of the dataset's symbol table. */
typedef struct name_list {
    const char **names;
    size_t count;
} name_list;

struct kpi_people {
    name_list teams, caseworkers;
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
    kpi_xfree(a, p->teams.names);
    kpi_xfree(a, p->caseworkers.names);
    kpi_xfree(a, p);
}

/* The symbols marked with bit, as their strings, sorted. */
static kpi_status collect(const kpi_dataset *ds, const uint8_t *mark,
                          size_t n_syms, uint8_t bit, name_list *out)
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
    out->names = list;
    out->count = n;
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
    st = collect(ds, mark, n_syms, PERSON_TEAM, &p->teams);
    if (st == KPI_OK)
        st = collect(ds, mark, n_syms, PERSON_CASEWORKER, &p->caseworkers);
    if (st == KPI_OK) {
        ds->people = p;
        p = NULL;
    }
done:
    kpi_xfree(a, mark);
    kpi_people_free(a, p);
    return st;
}

/* The list of teams or caseworkers (PERSON_TEAM, PERSON_CASEWORKER),
 * the index built on first use; an empty list when it cannot be built.
 * The accessors are const for their callers; the cache is invisible to
 * them, and a dataset is used by one thread at a time (kpi.h). */
static name_list people(const kpi_dataset *ds, int kind)
{
    name_list none = {NULL, 0};
    if (!ds ||
        (!ds->people && kpi_dataset_index_people((kpi_dataset *)ds) != KPI_OK))
        return none;
    return kind == PERSON_TEAM ? ds->people->teams : ds->people->caseworkers;
}

static const char *name_at(name_list list, size_t i)
{
    return i < list.count ? list.names[i] : NULL;
}

size_t kpi_dataset_team_count(const kpi_dataset *ds)
{
    return people(ds, PERSON_TEAM).count;
}

const char *kpi_dataset_team(const kpi_dataset *ds, size_t i)
{
    return name_at(people(ds, PERSON_TEAM), i);
}

size_t kpi_dataset_caseworker_count(const kpi_dataset *ds)
{
    return people(ds, PERSON_CASEWORKER).count;
}

const char *kpi_dataset_caseworker(const kpi_dataset *ds, size_t i)
{
    return name_at(people(ds, PERSON_CASEWORKER), i);
}
