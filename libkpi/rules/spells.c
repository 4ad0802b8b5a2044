/* spells.c - chaining one child's placement measures into spells
 * (SPEC §4): the basis of new placements, changes of placement, placed
 * children and placement duration. */
#include "rules/spells.h"
#include "rules/prefetch.h"

#include <stdlib.h>

/* What the sort needs, copied out of the measures so that qsort (which
 * has no context argument in C11) can compare without the dataset. */
typedef struct sort_key {
    kpi_sym child;
    kpi_date start;
    kpi_date end;   /* INT32_MAX for an open end: it sorts last */
    uint32_t index; /* 16 bytes a key: the sort moves less */
} sort_key;

static int compare_keys(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;
    if (a->child != b->child)
        return a->child < b->child ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    /* File order breaks the last tie, so the result never depends on
     * how qsort orders equal elements. */
    return (a->index > b->index) - (a->index < b->index);
}

void kpi_spells_free(const kpi_allocator *a, kpi_spells *s)
{
    if (!s)
        return;
    kpi_xfree(a, s->items);
    kpi_xfree(a, s->order);
    kpi_xfree(a, s->changes);
    memset(s, 0, sizeof *s);
}

/* A change of placement: a measure that starts after the spell began, at
 * a provider other than the one of the measure before it. When either
 * provider is not given we cannot tell, so it is no change. */
static bool is_change(const kpi_measure *prev, const kpi_measure *cur,
                      kpi_date spell_start)
{
    return cur->start > spell_start && prev->provider != KPI_SYM_NONE &&
           cur->provider != KPI_SYM_NONE && prev->provider != cur->provider;
}

/* Sorts one child's keys by (start, end, file order): insertion sort for
 * the few measures a child usually has, qsort for the rare long history. */
static void sort_group(sort_key *k, size_t n)
{
    if (n > 32) {
        qsort(k, n, sizeof *k, compare_keys);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        sort_key v = k[i];
        size_t j = i;
        while (j > 0 && compare_keys(&k[j - 1], &v) > 0) {
            k[j] = k[j - 1];
            j--;
        }
        k[j] = v;
    }
}

kpi_status kpi_spells_build(const kpi_dataset *ds, const kpi_allocator *a,
                            kpi_spells *out)
{
    if (!ds || !out)
        return KPI_ERR_ARG;
    memset(out, 0, sizeof *out);
    if (ds->measures.count > UINT32_MAX)
        return KPI_ERR_RANGE;
    kpi_status st = KPI_OK;
    sort_key *keys = NULL;
    uint32_t *next = NULL;  /* by child symbol: where its next key goes */
    bool *placement = NULL; /* by type index */
    const kpi_measure *ms = ds->measures.items;
    size_t n_syms = kpi_symtab_size(ds->syms);
    size_t n_types = ds->config->n_types;

    next = kpi_xcalloc(a, n_syms + 1, sizeof *next);
    placement = kpi_xcalloc(a, n_types ? n_types : 1, sizeof *placement);
    if (!next || !placement) {
        st = KPI_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t t = 0; t < n_types; t++)
        placement[t] = ds->config->types[t].category == KPI_CATEGORY_PLACEMENT;

    /* A counting sort by child (symbols are dense): O(n + symbols), and
     * stable, so each child's keys arrive in file order. */
    size_t n = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        if (i + KPI_PREFETCH_AHEAD < ds->measures.count)
            KPI_PREFETCH(&next[ms[i + KPI_PREFETCH_AHEAD].child]);
        if (placement[ms[i].type] && !ms[i].cancelled) {
            next[ms[i].child + 1]++;
            n++;
        }
    }
    for (size_t c = 1; c <= n_syms; c++)
        next[c] += next[c - 1];
    /* One spell and at most one change per measure: sized once, no growth.
     * Not zeroed: every element used is written, and the pages never
     * touched cost nothing (zeroing a million entries costs page faults). */
    keys = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *keys);
    out->order = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *out->order);
    out->items = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *out->items);
    out->changes = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *out->changes);
    if (!keys || !out->order || !out->items || !out->changes) {
        st = KPI_ERR_NOMEM;
        goto cleanup;
    }
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ms[i];
        if (i + KPI_PREFETCH_AHEAD < ds->measures.count)
            KPI_PREFETCH(&next[ms[i + KPI_PREFETCH_AHEAD].child]);
        if (!placement[m->type] || m->cancelled)
            continue;
        sort_key *k = &keys[next[m->child]++];
        k->child = m->child;
        k->start = m->start;
        k->end = m->end == KPI_DATE_NONE ? INT32_MAX : m->end;
        k->index = (uint32_t)i;
    }
    for (size_t g = 0; g < n;) {
        size_t h = g + 1;
        while (h < n && keys[h].child == keys[g].child)
            h++;
        sort_group(&keys[g], h - g);
        g = h;
    }
    for (size_t i = 0; i < n; i++)
        out->order[i] = keys[i].index;
    out->n_order = n;

    kpi_spell *cur = NULL;
    kpi_date latest = 0; /* latest end so far of cur; INT32_MAX = open */
    for (size_t i = 0; i < n; i++) {
        const sort_key *key = &keys[i];
        /* latest + 1 cannot overflow: an open end is tested first. */
        bool chains = cur && cur->child == key->child &&
                      (latest == INT32_MAX || key->start <= latest + 1);
        if (!chains) {
            cur = &out->items[out->count++];
            memset(cur, 0, sizeof *cur);
            cur->child = key->child;
            cur->first = key->index;
            cur->start = key->start;
            cur->begin = (uint32_t)i;
            cur->change_begin = (uint32_t)out->n_changes;
            latest = key->end;
        } else {
            if (is_change(&ms[keys[i - 1].index], &ms[key->index],
                          cur->start)) {
                out->changes[out->n_changes++] = key->index;
                cur->n_changes++;
            }
            if (key->end > latest)
                latest = key->end;
        }
        cur->n_measures++;
        cur->end = latest == INT32_MAX ? KPI_DATE_NONE : latest;
    }

cleanup:
    kpi_xfree(a, placement);
    kpi_xfree(a, next);
    kpi_xfree(a, keys);
    if (st != KPI_OK)
        kpi_spells_free(a, out);
    return st;
}

bool kpi_spells_once_init(kpi_spells_once *o)
{
    memset(o, 0, sizeof *o);
    return pthread_mutex_init(&o->lock, NULL) == 0;
}

void kpi_spells_once_free(kpi_spells_once *o, const kpi_allocator *a)
{
    kpi_spells_free(a, &o->spells);
    pthread_mutex_destroy(&o->lock);
}

kpi_status kpi_spells_of(const kpi_context *ctx, kpi_spells *own,
                         const kpi_spells **out)
{
    memset(own, 0, sizeof *own);
    kpi_spells_once *o = ctx->spells;
    if (!o) {
        *out = own;
        return kpi_spells_build(ctx->ds, ctx->alloc, own);
    }
    /* The others asking meanwhile wait for the one building. */
    pthread_mutex_lock(&o->lock);
    if (!o->built) {
        o->st = kpi_spells_build(ctx->ds, ctx->alloc, &o->spells);
        o->built = true;
    }
    kpi_status st = o->st;
    pthread_mutex_unlock(&o->lock);
    *out = &o->spells;
    return st;
}
