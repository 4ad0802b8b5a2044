/* text.c - folding names and codes for case- and space-insensitive
 * matching, and UTF-8 validation. */
#include "base/internal.h"

#include <string.h>

size_t kpi_text_fold(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t')
            continue;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            i++; /* no-break space */
            continue;
        }
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        /* Æ Ø Å (U+00C6 U+00D8 U+00C5) -> æ ø å: 0xC3 0x86/0x98/0x85 ->
         * 0xC3 0xA6/0xB8/0xA5. Other Latin-1 capitals fold the same way. */
        if (c == 0xC3 && i + 1 < len) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d >= 0x80 && d <= 0x9E && d != 0x97)
                d = (unsigned char)(d + 0x20);
            /* æ ø å are written ae oe aa where a system or a keyboard
             * has no Danish letters ("Doegninstitution", "Maalgruppe"):
             * both spellings fold to the same text. */
            const char *two = d == 0xA6   ? "ae"
                              : d == 0xB8 ? "oe"
                              : d == 0xA5 ? "aa"
                                          : NULL;
            if (n + 2 >= cap)
                goto full;
            out[n++] = two ? two[0] : (char)c;
            out[n++] = two ? two[1] : (char)d;
            i++;
            continue;
        }
        if (n + 1 >= cap)
            goto full;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return n;
full:
    /* Stop at the first character that does not fit: skipping it and
     * writing a later, shorter one would fold two different texts alike,
     * and scanning on is wasted on a text that cannot match. */
    out[n] = '\0';
    return cap;
}

/* The length of the UTF-8 character at p[0] (a byte >= 0x80) of the n
 * bytes left, or 0 when it is not a valid one. */
static size_t utf8_long_char(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t k;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
        k = 1;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        k = 2;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        k = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (k >= n)
        return 0;
    for (size_t j = 1; j <= k; j++) {
        if ((p[j] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[j] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF. */
    if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) ||
        (k == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k + 1;
}

/* utf8_long_char, with the two bytes of the Danish letters (U+0080 to
 * U+07FF: a lead byte 0xC2 to 0xDF) read here. */
static inline size_t utf8_char(const unsigned char *p, size_t n)
{
    if (p[0] >= 0xC2 && p[0] <= 0xDF && n >= 2 && (p[1] & 0xC0) == 0x80)
        return 2;
    return utf8_long_char(p, n);
}

#define ONES 0x0101010101010101ull
#define HIGH (ONES * 0x80)

/* The eight bytes at p (memcpy: no unaligned read), or, fewer than
 * eight left (n), those followed by spaces: ASCII, not a control,
 * nothing to find there. The constant size keeps the first a load. */
static inline uint64_t word_at(const unsigned char *p, size_t n)
{
    uint64_t x;
    if (n >= 8) {
        memcpy(&x, p, 8);
        return x;
    }
    x = ONES * ' ';
    memcpy(&x, p, n);
    return x;
}

/* 0x80 in each byte of x below 0x20, exactly (no borrow between bytes:
 * the low seven bits plus 0x60 stay within the byte). */
static uint64_t controls(uint64_t x)
{
    return ~(((x & ~HIGH) + ONES * 0x60) | x) & HIGH;
}

/* The index of the first byte (in memory order) of a word marked with
 * 0x80 (m != 0). */
static size_t first_marked(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    size_t k = 0;
    while (!((m >> (56 - 8 * k)) & 0x80))
        k++;
    return k;
#else
    /* The lowest mark alone, moved to bit 0 of its byte, less one: a one
     * in each byte below it, summed into the top byte. */
    uint64_t below = ((m & (0 - m)) >> 7) - 1;
    return (size_t)(((below & ONES) * ONES) >> 56);
#endif
}

bool kpi_text_is_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* Nearly every byte of a CSV export is ASCII: eight at a time,
         * straight to the first with its high bit set. */
        uint64_t hi = word_at(p + i, len - i) & HIGH;
        if (!hi) {
            i += 8;
            continue;
        }
        i += first_marked(hi);
        size_t n = utf8_char(p + i, len - i);
        if (!n)
            return false;
        i += n;
    }
    return true;
}

size_t kpi_text_check(const char *s, size_t len, bool *utf8)
{
    const unsigned char *p = (const unsigned char *)s;
    bool ok = *utf8;
    size_t i = 0;
    while (i < len) {
        /* Eight bytes at a time, straight to the next control or (while
         * the text is UTF-8) non-ASCII byte: in an export, a newline every
         * 200 bytes and a Danish letter every 50. One pass for both
         * checks: the two passes that were here cost a tenth of loading a
         * million rows. (A branch-free test of the words for the two-byte
         * letters was no faster: it takes more operations a word.) */
        uint64_t x = word_at(p + i, len - i);
        uint64_t m = controls(x) | (ok ? x & HIGH : 0);
        if (!m) {
            i += 8;
            continue;
        }
        i += first_marked(m);
        unsigned char c = p[i];
        if (c < 0x80) {
            if (!kpi_text_control_allowed(c)) {
                *utf8 = ok;
                return i;
            }
            i++;
            continue;
        }
        size_t n = utf8_char(p + i, len - i);
        ok = n != 0;
        i += n ? n : 1;
    }
    *utf8 = ok;
    return (size_t)-1;
}

/* The code points of Windows-1252's 0x80..0x9F; 0 = undefined. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

kpi_status kpi_text_cp1252_to_utf8(const kpi_allocator *a, const char *s,
                                   size_t len, char **out, size_t *out_len,
                                   size_t *bad_offset)
{
    if (len > (SIZE_MAX - 1) / 3)
        return KPI_ERR_RANGE;
    char *buf = kpi_xmalloc(a, len * 3 + 1);
    if (!buf)
        return KPI_ERR_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        if (c >= 0x80 && c <= 0x9F)
            cp = cp1252_high[c - 0x80];
        if (cp == 0) {
            kpi_xfree(a, buf);
            if (bad_offset)
                *bad_offset = i;
            return KPI_ERR_INPUT;
        }
        if (cp < 0x80) {
            buf[n++] = (char)cp;
        } else if (cp < 0x800) {
            buf[n++] = (char)(0xC0 | (cp >> 6));
            buf[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            buf[n++] = (char)(0xE0 | (cp >> 12));
            buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            buf[n++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return KPI_OK;
}
