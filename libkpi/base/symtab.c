/* symtab.c - interned strings with dense indices.
 *
 * Strings live in large blocks (one allocation per 64 KiB, not per
 * string), each after its length; an open-addressing hash table maps
 * them to their index. The length beside the text, not in an array of
 * its own, spares a lookup one of its cache misses (slot, then the
 * symbol's pointer, then length and text together). */
#include "base/internal.h"

#include <string.h>

#define BLOCK_SIZE 65536
/* A text's length word has this bit when it came from kpi_symtab_append:
 * rehash leaves it out of the slots. */
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
    /* strs[sym]: the text, after its length word (len | flags, four
     * bytes, unaligned); strs[0] = "" has none */
    const char **strs;
    size_t count, cap; /* count includes the empty symbol 0 */
    size_t hashed;     /* symbols in slots (kpi_symtab_append's are not) */
    uint32_t *slots;   /* 0 = empty, else sym */
    size_t nslots;     /* a power of two */
};

static uint64_t load64(const char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

static uint64_t load32(const char *s)
{
    uint32_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

/* Eight bytes a step, then a final mix (splitmix64's): FNV-1a's byte
 * at a time was a chain of multiplications as long as the text, for the
 * nine texts of each of a million rows. The last one to eight bytes are
 * read in one or two loads that may overlap the bytes before (the length
 * is in h): copied byte by byte into a word, then read as one, they
 * stalled on the store forwarding. Only the slots depend on the hash,
 * and nothing reads them in their order, so the symbols do not. */
static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ len;
    const char *end = s + len;
    for (; end - s > 8; s += 8) {
        h = (h ^ load64(s)) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    uint64_t w = 0;
    if (len >= 8)
        w = load64(end - 8);
    else if (len >= 4)
        w = load32(s) | load32(end - 4) << 32;
    else if (len > 0)
        w = (uint64_t)(unsigned char)s[0] |
            (uint64_t)(unsigned char)s[len / 2] << 8 |
            (uint64_t)(unsigned char)end[-1] << 16;
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
    t->nslots = 128;
    t->slots = kpi_xcalloc(t->alloc, t->nslots, sizeof *t->slots);
    if (!t->strs || !t->slots) {
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
    kpi_xfree(a, t->slots);
    kpi_xfree_keeper(a, t);
}

/* The length word of a text in the blocks (sym >= 1). */
static uint32_t word(const char *text)
{
    uint32_t w;
    memcpy(&w, text - sizeof w, sizeof w);
    return w;
}

/* Copies s[0..len) into the blocks after the length word w. */
static char *store(kpi_symtab *t, const char *s, size_t len, uint32_t w)
{
    size_t need = sizeof w + len + 1;
    block *b = t->blocks;
    if (!b || b->size - b->used < need) {
        size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
        b = kpi_xmalloc(t->alloc, sizeof(block) + size);
        if (!b)
            return NULL;
        b->next = t->blocks;
        b->used = 0;
        b->size = size;
        t->blocks = b;
    }
    char *p = b->data + b->used;
    memcpy(p, &w, sizeof w);
    p += sizeof w;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += need;
    return p;
}

/* Puts every hashed symbol into a new table of n slots. */
static kpi_status rehash(kpi_symtab *t, size_t n)
{
    uint32_t *slots = kpi_xcalloc(t->alloc, n, sizeof *slots);
    if (!slots)
        return KPI_ERR_NOMEM;
    for (size_t sym = 1; sym < t->count; sym++) {
        uint32_t w = word(t->strs[sym]);
        if (w & UNHASHED)
            continue;
        size_t i = hash(t->strs[sym], w) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)sym;
    }
    kpi_xfree(t->alloc, t->slots);
    t->slots = slots;
    t->nslots = n;
    return KPI_OK;
}

/* Stores a copy of s[0..len) as the next symbol; flags go into its
 * length word. */
static kpi_status push(kpi_symtab *t, const char *s, size_t len, uint32_t flags,
                       kpi_sym *out)
{
    if (t->count >= UINT32_MAX - 1 || len >= UNHASHED)
        return KPI_ERR_RANGE;
    if (t->count == t->cap) {
        void *strs = t->strs;
        if (kpi_grow(t->alloc, &strs, &t->cap, t->count + 1, sizeof *t->strs) !=
            KPI_OK)
            return KPI_ERR_NOMEM;
        t->strs = strs;
    }
    char *copy = store(t, s, len, (uint32_t)len | flags);
    if (!copy)
        return KPI_ERR_NOMEM;
    kpi_sym sym = (kpi_sym)t->count++;
    t->strs[sym] = copy;
    *out = sym;
    return KPI_OK;
}

/* Interns s[0..len), whose hash is h, into the table's slots. */
static kpi_status intern_hashed(kpi_symtab *t, const char *s, size_t len,
                                uint64_t h, kpi_sym *out, bool *added)
{
    if (added)
        *added = false;
    if (len == 0) {
        *out = KPI_SYM_NONE;
        return KPI_OK;
    }
    size_t i = h & (t->nslots - 1);
    while (t->slots[i]) {
        uint32_t sym = t->slots[i];
        const char *text = t->strs[sym];
        if (word(text) == len && memcmp(text, s, len) == 0) {
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

kpi_status kpi_symtab_intern(kpi_symtab *t, const char *s, size_t len,
                             kpi_sym *out, bool *added)
{
    if (!t->slots && rehash(t, t->nslots) != KPI_OK) /* sealed */
        return KPI_ERR_NOMEM;
    return intern_hashed(t, s, len, hash(s, len), out, added);
}

/* How many texts ahead kpi_symtab_intern_many hashes a text and fetches
 * its first slot; half as far ahead it fetches that slot's symbol's text
 * pointer, a quarter as far the text. A power of two. On the million
 * (six texts a row, two of them ids that miss the cache) 32 took a fifth
 * less CPU than 8 or 16; 64 no less than 32. */
#define AHEAD 32

/* The symbol in text h's first slot (0 if none): only a guess at the one
 * the lookup will compare, for fetching it early. */
static uint32_t first_slot(const kpi_symtab *t, uint64_t h)
{
    return t->slots[h & (t->nslots - 1)];
}

kpi_status kpi_symtab_intern_many(kpi_symtab *t, const kpi_symtab_text *texts,
                                  size_t n, kpi_sym *out)
{
    if (!t->slots && rehash(t, t->nslots) != KPI_OK) /* sealed */
        return KPI_ERR_NOMEM;
    uint64_t h[AHEAD]; /* h[j % AHEAD]: text j's hash */
    for (size_t j = 0; j < n + AHEAD; j++) {
        if (j >= AHEAD) {
            size_t i = j - AHEAD;
            kpi_status st = intern_hashed(t, texts[i].s, texts[i].len,
                                          h[i % AHEAD], &out[i], NULL);
            if (st != KPI_OK)
                return st;
        }
        if (j < n) {
            h[j % AHEAD] = hash(texts[j].s, texts[j].len);
            __builtin_prefetch(&t->slots[h[j % AHEAD] & (t->nslots - 1)]);
        }
        if (j >= AHEAD / 2 && j - AHEAD / 2 < n) {
            uint32_t sym = first_slot(t, h[(j - AHEAD / 2) % AHEAD]);
            if (sym)
                __builtin_prefetch(&t->strs[sym]);
        }
        if (j >= AHEAD * 3 / 4 && j - AHEAD * 3 / 4 < n) {
            uint32_t sym = first_slot(t, h[(j - AHEAD * 3 / 4) % AHEAD]);
            if (sym)
                __builtin_prefetch(t->strs[sym] - sizeof(uint32_t));
        }
    }
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
