/* symtab.c - interned strings with dense indices.
 *
 * Strings live in large blocks (one allocation per 64 KiB, not per
 * string); an open-addressing hash table maps them to their index. */
#include "base/internal.h"

#include <string.h>

#define BLOCK_SIZE 65536
/* lens[sym] has this bit when sym came from kpi_symtab_append: rehash
 * leaves it out of the slots. */
#define UNHASHED 0x80000000u

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

struct kpi_symtab {
    const kpi_allocator *alloc;
    kpi_allocator alloc_store;
    block *blocks;
    const char **strs; /* strs[sym]; strs[0] = "" */
    uint32_t *lens;
    size_t count, cap; /* count includes the empty symbol 0 */
    size_t hashed;     /* symbols in slots (kpi_symtab_append's are not) */
    uint32_t *slots;   /* 0 = empty, else sym */
    size_t nslots;     /* a power of two */
};

/* Eight bytes a step, then a final mix (splitmix64's): FNV-1a's byte
 * at a time was a chain of multiplications as long as the text, for the
 * nine texts of each of a million rows. Only the slots depend on it, and
 * nothing reads them in their order, so the symbols do not. */
static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    for (; len >= 8; s += 8, len -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    uint64_t w = 0;
    memcpy(&w, s, len);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 29;
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 32);
}

kpi_symtab *kpi_symtab_new(const kpi_allocator *a)
{
    kpi_symtab *t = kpi_xcalloc(a, 1, sizeof *t);
    if (!t)
        return NULL;
    t->alloc = kpi_allocator_keep(&t->alloc_store, a);
    t->cap = 64;
    t->strs = kpi_xcalloc(t->alloc, t->cap, sizeof *t->strs);
    t->lens = kpi_xcalloc(t->alloc, t->cap, sizeof *t->lens);
    t->nslots = 128;
    t->slots = kpi_xcalloc(t->alloc, t->nslots, sizeof *t->slots);
    if (!t->strs || !t->lens || !t->slots) {
        kpi_symtab_free(t);
        return NULL;
    }
    t->strs[0] = "";
    t->count = 1;
    return t;
}

void kpi_symtab_free(kpi_symtab *t)
{
    if (!t)
        return;
    const kpi_allocator *a = t->alloc;
    for (block *b = t->blocks; b;) {
        block *next = b->next;
        kpi_xfree(a, b);
        b = next;
    }
    kpi_xfree(a, t->strs);
    kpi_xfree(a, t->lens);
    kpi_xfree(a, t->slots);
    kpi_xfree_keeper(a, t);
}

static char *store(kpi_symtab *t, const char *s, size_t len)
{
    block *b = t->blocks;
    if (!b || b->size - b->used < len + 1) {
        size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;
        b = kpi_xmalloc(t->alloc, sizeof(block) + size);
        if (!b)
            return NULL;
        b->next = t->blocks;
        b->used = 0;
        b->size = size;
        t->blocks = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

/* Puts every hashed symbol into a new table of n slots. */
static kpi_status rehash(kpi_symtab *t, size_t n)
{
    uint32_t *slots = kpi_xcalloc(t->alloc, n, sizeof *slots);
    if (!slots)
        return KPI_ERR_NOMEM;
    for (size_t sym = 1; sym < t->count; sym++) {
        if (t->lens[sym] & UNHASHED)
            continue;
        size_t i = hash(t->strs[sym], t->lens[sym]) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)sym;
    }
    kpi_xfree(t->alloc, t->slots);
    t->slots = slots;
    t->nslots = n;
    return KPI_OK;
}

/* Stores a copy of s[0..len) as the next symbol; flags go into lens. */
static kpi_status push(kpi_symtab *t, const char *s, size_t len,
                       uint32_t flags, kpi_sym *out)
{
    if (t->count >= UINT32_MAX - 1 || len >= UNHASHED)
        return KPI_ERR_RANGE;
    if (t->count == t->cap) {
        size_t cap = t->cap;
        void *strs = t->strs;
        if (kpi_grow(t->alloc, &strs, &cap, t->count + 1,
                     sizeof *t->strs) != KPI_OK)
            return KPI_ERR_NOMEM;
        t->strs = strs;
        void *lens = t->lens;
        size_t lcap = t->cap;
        if (kpi_grow(t->alloc, &lens, &lcap, t->count + 1,
                     sizeof *t->lens) != KPI_OK)
            return KPI_ERR_NOMEM;
        t->lens = lens;
        t->cap = cap < lcap ? cap : lcap;
    }
    char *copy = store(t, s, len);
    if (!copy)
        return KPI_ERR_NOMEM;
    kpi_sym sym = (kpi_sym)t->count++;
    t->strs[sym] = copy;
    t->lens[sym] = (uint32_t)len | flags;
    *out = sym;
    return KPI_OK;
}

kpi_status kpi_symtab_intern(kpi_symtab *t, const char *s, size_t len,
                             kpi_sym *out, bool *added)
{
    if (added)
        *added = false;
    if (len == 0) {
        *out = KPI_SYM_NONE;
        return KPI_OK;
    }
    if (!t->slots && rehash(t, t->nslots) != KPI_OK) /* sealed */
        return KPI_ERR_NOMEM;
    size_t i = hash(s, len) & (t->nslots - 1);
    while (t->slots[i]) {
        uint32_t sym = t->slots[i];
        if (t->lens[sym] == len && memcmp(t->strs[sym], s, len) == 0) {
            *out = sym;
            return KPI_OK;
        }
        i = (i + 1) & (t->nslots - 1);
    }
    kpi_status st = push(t, s, len, 0, out);
    if (st != KPI_OK)
        return st;
    t->slots[i] = *out;
    t->hashed++;
    if (t->hashed * 2 > t->nslots && rehash(t, t->nslots * 2) != KPI_OK) {
        /* The table still holds the new symbol; only growing failed. */
        return KPI_ERR_NOMEM;
    }
    if (added)
        *added = true;
    return KPI_OK;
}

kpi_status kpi_symtab_append(kpi_symtab *t, const char *s, size_t len,
                             kpi_sym *out)
{
    if (len == 0) {
        *out = KPI_SYM_NONE;
        return KPI_OK;
    }
    return push(t, s, len, UNHASHED, out);
}

kpi_status kpi_symtab_reserve(kpi_symtab *t, size_t n)
{
    size_t want = t->nslots;
    while (want / 2 < n && want <= SIZE_MAX / 4)
        want *= 2;
    if (want == t->nslots || !t->slots)
        return KPI_OK;
    return rehash(t, want);
}

void kpi_symtab_seal(kpi_symtab *t)
{
    kpi_xfree(t->alloc, t->slots);
    t->slots = NULL;
}

const char *kpi_symtab_str(const kpi_symtab *t, kpi_sym sym)
{
    return sym < t->count ? t->strs[sym] : "";
}

size_t kpi_symtab_size(const kpi_symtab *t)
{
    return t->count;
}
