/* dense.c - dense numbers for the members a figure meets (dense.h). */
#include "rules/dense.h"

#include <string.h>

void kpi_dense_init(kpi_dense *d, const kpi_allocator *a)
{
    memset(d, 0, sizeof *d);
    d->alloc = a;
}

/* Fibonacci hashing: symbols are consecutive numbers, and the high bits
 * of the product spread them over the slots. */
static size_t slot_of(uint64_t key, size_t cap)
{
    return (size_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (cap - 1);
}

static kpi_dense_slot *find(kpi_dense_slot *slots, size_t cap, uint64_t key)
{
    size_t s = slot_of(key, cap);
    while (slots[s].key1 && slots[s].key1 != key + 1)
        s = (s + 1) & (cap - 1);
    return &slots[s];
}

/* Twice the slots, every key placed again. */
static kpi_status rehash(kpi_dense *d)
{
    size_t cap = d->cap ? 2 * d->cap : 64;
    kpi_dense_slot *slots = kpi_xcalloc(d->alloc, cap, sizeof *slots);
    if (!slots)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < d->n; i++)
        *find(slots, cap, d->keys[i]) = (kpi_dense_slot){d->keys[i] + 1, i};
    kpi_xfree(d->alloc, d->slots);
    d->slots = slots;
    d->cap = cap;
    return KPI_OK;
}

kpi_status kpi_dense_add(kpi_dense *d, uint64_t key, size_t *index,
                         bool *added)
{
    *added = false;
    if (d->cap) {
        kpi_dense_slot *s = find(d->slots, d->cap, key);
        if (s->key1) {
            *index = s->index;
            return KPI_OK;
        }
    }
    kpi_status st;
    if (d->n + 1 > d->cap / 2 && (st = rehash(d)) != KPI_OK)
        return st;
    if ((st = kpi_grow(d->alloc, (void **)&d->keys, &d->keys_cap, d->n + 1,
                       sizeof *d->keys)) != KPI_OK)
        return st;
    *find(d->slots, d->cap, key) = (kpi_dense_slot){key + 1, d->n};
    d->keys[d->n] = key;
    *index = d->n++;
    *added = true;
    return KPI_OK;
}

void kpi_dense_free(kpi_dense *d)
{
    kpi_xfree(d->alloc, d->slots);
    kpi_xfree(d->alloc, d->keys);
    kpi_dense_init(d, d->alloc);
}
