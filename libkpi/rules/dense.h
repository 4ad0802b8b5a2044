/*
 * dense.h - dense numbers for the members a figure meets (internal): a
 * caseworker, team or provider symbol, or a (type, provider) pair packed
 * into 64 bits, gets 0, 1, 2, ... in the order it is first met. A
 * figure's sums are then arrays of the members it has, hundreds, not
 * arrays by symbol: those are sized by the dataset's whole symbol table,
 * 1.1 million entries at a million measures, almost all of them children
 * and families (docs/DECISIONS.md, "figure-temps").
 *
 *     kpi_dense d;
 *     kpi_dense_init(&d, ctx->alloc);
 *     size_t k;
 *     bool added;
 *     if ((st = kpi_dense_add(&d, m->caseworker, &k, &added)) == KPI_OK) ...
 *     kpi_dense_free(&d);
 *
 * Built by one figure for itself, so nothing is shared between threads.
 */
#ifndef KPI_DENSE_H
#define KPI_DENSE_H

#include "base/internal.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct kpi_dense_slot {
    uint64_t key1; /* the key + 1; 0: the slot is empty */
    size_t index;
} kpi_dense_slot;

typedef struct kpi_dense {
    const kpi_allocator *alloc;
    kpi_dense_slot *slots; /* open addressing, cap a power of two */
    size_t cap;            /* at least twice n, or 0 */
    uint64_t *keys;        /* keys[i]: the key numbered i */
    size_t n, keys_cap;
} kpi_dense;

/* An empty map whose memory comes from a (NULL: malloc). */
void kpi_dense_init(kpi_dense *d, const kpi_allocator *a);

/* *index: the number of key (below UINT64_MAX), a new one, d->n - 1,
 * with *added true when it was not met before. KPI_ERR_NOMEM leaves d as
 * it was. */
kpi_status kpi_dense_add(kpi_dense *d, uint64_t key, size_t *index,
                         bool *added);

/* Frees what d holds; d is then empty and may be used again. */
void kpi_dense_free(kpi_dense *d);

#endif /* KPI_DENSE_H */
