/* alloc.c - every allocation of libkpi, through the caller's allocator. */
#include "base/internal.h"

#include <stdlib.h>
#include <string.h>

void *kpi_xmalloc(const kpi_allocator *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (a && a->malloc)
        return a->malloc(size, a->ctx);
    return malloc(size);
}

void *kpi_xcalloc(const kpi_allocator *a, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    /* malloc's own calloc: a large block comes zeroed from the kernel,
     * its pages touched only where written (the by-symbol arrays of the
     * figures at a million measures), not all by a memset. */
    if (!a || !a->malloc)
        return calloc(n && size ? n : 1, n && size ? size : 1);
    void *p = kpi_xmalloc(a, n * size);
    if (p)
        memset(p, 0, (n * size) != 0 ? n * size : 1);
    return p;
}

void *kpi_xreallocarray(const kpi_allocator *a, void *ptr, size_t n,
                        size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = (n * size) != 0 ? n * size : 1;
    if (a && a->realloc)
        return a->realloc(ptr, bytes, a->ctx);
    return realloc(ptr, bytes);
}

void kpi_xfree(const kpi_allocator *a, void *ptr)
{
    if (!ptr)
        return;
    if (a && a->free)
        a->free(ptr, a->ctx);
    else
        free(ptr);
}

char *kpi_xstrndup(const kpi_allocator *a, const char *s, size_t n)
{
    char *p = kpi_xmalloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *kpi_xstrdup(const kpi_allocator *a, const char *s)
{
    return kpi_xstrndup(a, s, strlen(s));
}

kpi_status kpi_grow(const kpi_allocator *a, void **array, size_t *cap,
                    size_t need, size_t size)
{
    if (need <= *cap)
        return KPI_OK;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return KPI_ERR_NOMEM;
        ncap *= 2;
    }
    void *p = kpi_xreallocarray(a, *array, ncap, size);
    if (!p)
        return KPI_ERR_NOMEM;
    *array = p;
    *cap = ncap;
    return KPI_OK;
}

const kpi_allocator *kpi_allocator_keep(kpi_allocator *store,
                                        const kpi_allocator *a)
{
    if (!a)
        return NULL;
    *store = *a;
    return store;
}

void kpi_xfree_keeper(const kpi_allocator *kept, void *obj)
{
    kpi_allocator copy;
    if (kept)
        copy = *kept;
    kpi_xfree(kept ? &copy : NULL, obj);
}
