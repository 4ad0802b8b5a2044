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

bool kpi_text_is_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* Nearly every byte of a CSV export is ASCII: eight at a time
         * while no byte has its high bit set (memcpy: no unaligned read),
         * which made this check a third of the cost of the reader's
         * scanning. */
        while (len - i >= 8) {
            uint64_t eight;
            memcpy(&eight, p + i, 8);
            if (eight & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i == len)
            break;
        unsigned char c = p[i];
        size_t n;
        uint32_t cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        /* Overlong forms, surrogates and values past U+10FFFF. */
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
            (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
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
