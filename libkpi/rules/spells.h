/*
 * spells.h - placement spells (SPEC §4), internal.
 *
 * A spell is one child's uninterrupted time in care: the child's
 * placement measures (cancelled grants left out) sorted by start and
 * chained while the next starts at most one day after the latest end so
 * far, so overlapping and back-to-back placements make one spell. The
 * start of a spell is a new placement; a later start inside it at another
 * provider is a change of placement. placed_children, new_placements and
 * placement_duration all rest on these.
 *
 * Example:
 *
 *     kpi_spells sp;
 *     if (kpi_spells_build(ds, ds->alloc, &sp) == KPI_OK) {
 *         for (size_t i = 0; i < sp.count; i++)
 *             use(&sp.items[i]);
 *         kpi_spells_free(ds->alloc, &sp);
 *     }
 */
#ifndef KPI_SPELLS_H
#define KPI_SPELLS_H

#include "rules/context.h"

#include <pthread.h>

/* Indices are 32-bit (kpi_spells_build refuses more measures) so that a
 * million spells stay small. */
typedef struct kpi_spell {
    kpi_sym child;
    uint32_t first; /* index in ds->measures of the spell's first measure */
    kpi_date start; /* the first measure's start */
    kpi_date end;   /* the latest end of its measures; KPI_DATE_NONE = open */
    /* Its measures are order[begin .. begin + n_measures) of kpi_spells,
     * sorted by start; its changes are changes[change_begin ..
     * change_begin + n_changes). */
    uint32_t begin, n_measures;
    uint32_t change_begin, n_changes;
} kpi_spell;

typedef struct kpi_spells {
    kpi_spell *items; /* sorted by child symbol, then start */
    size_t count;
    /* Indices into ds->measures of every placement measure that is not
     * cancelled, sorted by (child, start, end with open last, file order). */
    uint32_t *order;
    size_t n_order;
    /* Indices into ds->measures of the measures that begin a change of
     * placement, in spell order then start order. */
    uint32_t *changes;
    size_t n_changes;
} kpi_spells;

/* Builds the spells of ds into *out (which it overwrites). The arrays are
 * allocated with a (may be NULL: malloc) and freed by kpi_spells_free()
 * with the same allocator. O(n log n) in the number of measures.
 * KPI_ERR_ARG for NULL arguments, KPI_ERR_RANGE for more than UINT32_MAX
 * measures, KPI_ERR_NOMEM (then *out is empty). */
kpi_status kpi_spells_build(const kpi_dataset *ds, const kpi_allocator *a,
                            kpi_spells *out);

/* Frees what kpi_spells_build() allocated and empties s; s may be NULL or
 * already empty. */
void kpi_spells_free(const kpi_allocator *a, kpi_spells *s);

/* The spells of one dataset, built once for the figures of one
 * kpi_catalog_compute call (catalog/compute.c), by whichever figure asks
 * first, on whichever thread: placed_children, new_placements and
 * placement_duration, this year and last, read the same spells (they
 * depend on the measures alone), where each built its own, six times. */
typedef struct kpi_spells_once {
    pthread_mutex_t lock;
    bool built;
    kpi_status st; /* kpi_spells_build's, once built */
    kpi_spells spells;
} kpi_spells_once;

/* Readies o, empty; false when the lock cannot be made (then the figures
 * build their own spells: leave the contexts' spells NULL). */
bool kpi_spells_once_init(kpi_spells_once *o);
/* Frees o's spells (built with allocator a, the dataset's) and its lock. */
void kpi_spells_once_free(kpi_spells_once *o, const kpi_allocator *a);

/* The spells of ctx's dataset into *out: ctx->spells' (built with
 * ctx->alloc the first time any thread asks), else built into *own, which
 * the caller frees with kpi_spells_free(ctx->alloc, own) either way (it
 * stays empty when the spells are shared). *out is read only. Errors as
 * kpi_spells_build's. */
kpi_status kpi_spells_of(const kpi_context *ctx, kpi_spells *own,
                         const kpi_spells **out);

#endif /* KPI_SPELLS_H */
