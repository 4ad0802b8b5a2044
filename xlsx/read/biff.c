/* biff.c - finding the formula cells of an .xls file. freexl 1.0.6 gives
 * formula cells as empty, and an empty cell read as 0 would be a wrong
 * budget, so kpi reads the positions of the FORMULA records itself: the
 * compound file (MS-CFB) around the Workbook stream, then the BIFF
 * records (MS-XLS): BOUNDSHEET names each sheet and where its records
 * start, FORMULA gives row and column. Nothing else is interpreted.
 * Written from the published specifications; every offset is checked
 * against the length, since the input may be anything. */
#include "sheet_internal.h"

#define ENDOFCHAIN 0xFFFFFFFEu
#define FREESECT 0xFFFFFFFFu

static uint16_t u16(const unsigned char *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t u32(const unsigned char *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

typedef struct cfb {
    const kpi_allocator *a;
    const unsigned char *data;
    size_t len;
    size_t ss;        /* sector size */
    size_t n_sectors; /* sectors present in the file */
    uint32_t *fat;
    size_t n_fat;
} cfb;

static const unsigned char *sector(const cfb *c, uint32_t s)
{
    if (s >= c->n_sectors)
        return NULL;
    return c->data + ((size_t)s + 1) * c->ss;
}

/* Reads the chain starting at first into a new buffer of at most max
 * bytes. fat/n_fat and the unit (sector bytes) and base (where unit 0
 * starts) describe the chain: the FAT over the file, or the mini FAT
 * over the mini stream. */
static kpi_status read_chain(const cfb *c, const uint32_t *fat, size_t n_fat,
                             const unsigned char *base, size_t base_len,
                             size_t unit, uint32_t first, size_t max,
                             unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    size_t cap = 0, n = 0;
    unsigned char *buf = NULL;
    uint32_t s = first;
    size_t steps = 0;
    /* A chain visits each unit once at most: more steps is a loop. */
    size_t limit = base ? base_len / unit : c->n_sectors;
    while (s != ENDOFCHAIN && n < max) {
        if (s >= n_fat || ++steps > limit) {
            kpi_xfree(c->a, buf);
            return KPI_ERR_INPUT; /* out of range, or a loop */
        }
        size_t off = (size_t)s * unit;
        const unsigned char *p = NULL;
        if (base) {
            if (off > base_len || base_len - off < unit) {
                kpi_xfree(c->a, buf);
                return KPI_ERR_INPUT;
            }
            p = base + off;
        } else {
            p = sector(c, s);
            if (!p) {
                kpi_xfree(c->a, buf);
                return KPI_ERR_INPUT;
            }
        }
        if (kpi_grow(c->a, (void **)&buf, &cap, n + unit, 1) != KPI_OK) {
            kpi_xfree(c->a, buf);
            return KPI_ERR_NOMEM;
        }
        memcpy(buf + n, p, unit);
        n += unit;
        s = fat[s];
    }
    *out = buf;
    *out_len = n < max ? n : max;
    return KPI_OK;
}

static kpi_status load_fat(cfb *c)
{
    const unsigned char *h = c->data;
    size_t per = c->ss / 4;
    uint32_t n_fat_sectors = u32(h + 0x2C);
    if (n_fat_sectors > c->n_sectors + 1)
        return KPI_ERR_INPUT;
    /* The FAT's own sectors: 109 in the header, then the DIFAT chain. */
    uint32_t *list = kpi_xcalloc(c->a, n_fat_sectors ? n_fat_sectors : 1,
                                 sizeof *list);
    if (!list)
        return KPI_ERR_NOMEM;
    size_t got = 0;
    for (size_t i = 0; i < 109 && got < n_fat_sectors; i++)
        list[got++] = u32(h + 0x4C + 4 * i);
    uint32_t dif = u32(h + 0x44);
    size_t guard = 0;
    while (got < n_fat_sectors && dif != ENDOFCHAIN && dif != FREESECT) {
        const unsigned char *p = sector(c, dif);
        if (!p || ++guard > c->n_sectors) {
            kpi_xfree(c->a, list);
            return KPI_ERR_INPUT;
        }
        for (size_t i = 0; i + 1 < per && got < n_fat_sectors; i++)
            list[got++] = u32(p + 4 * i);
        dif = u32(p + 4 * (per - 1));
    }
    c->n_fat = (size_t)got * per;
    c->fat = kpi_xcalloc(c->a, c->n_fat ? c->n_fat : 1, sizeof *c->fat);
    if (!c->fat) {
        kpi_xfree(c->a, list);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < got; i++) {
        const unsigned char *p = sector(c, list[i]);
        for (size_t k = 0; k < per; k++)
            c->fat[i * per + k] = p ? u32(p + 4 * k) : FREESECT;
    }
    kpi_xfree(c->a, list);
    return KPI_OK;
}

static bool name_is(const unsigned char *e, const char *want)
{
    size_t nbytes = u16(e + 0x40);
    size_t n = strlen(want);
    if (nbytes != (n + 1) * 2)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned ch = u16(e + 2 * i);
        if (ch >= 'a' && ch <= 'z')
            ch -= 'a' - 'A';
        unsigned w = (unsigned char)want[i];
        if (w >= 'a' && w <= 'z')
            w -= 'a' - 'A';
        if (ch != w)
            return false;
    }
    return true;
}

/* The Workbook (BIFF8) or Book (BIFF5) stream of the compound file. */
static kpi_status workbook_stream(cfb *c, unsigned char **out,
                                  size_t *out_len)
{
    const unsigned char *h = c->data;
    unsigned char *dir = NULL, *mini = NULL, *minifat_raw = NULL;
    size_t dir_len = 0, mini_len = 0, minifat_len = 0;
    kpi_status st = read_chain(c, c->fat, c->n_fat, NULL, 0, c->ss,
                               u32(h + 0x30), c->len, &dir, &dir_len);
    if (st != KPI_OK)
        return st;
    const unsigned char *root = NULL, *book = NULL;
    for (size_t off = 0; off + 128 <= dir_len; off += 128) {
        const unsigned char *e = dir + off;
        if (e[0x42] == 5 && !root)
            root = e;
        else if (e[0x42] == 2 && !book &&
                 (name_is(e, "Workbook") || name_is(e, "Book")))
            book = e;
    }
    if (!book) {
        kpi_xfree(c->a, dir);
        return KPI_ERR_INPUT;
    }
    uint32_t start = u32(book + 0x74);
    size_t size = u32(book + 0x78);
    if (size > c->len) {
        kpi_xfree(c->a, dir);
        return KPI_ERR_INPUT;
    }
    if (size >= u32(h + 0x38)) {
        st = read_chain(c, c->fat, c->n_fat, NULL, 0, c->ss, start, size,
                        out, out_len);
    } else if (!root) {
        st = KPI_ERR_INPUT;
    } else {
        /* Small streams live in the mini stream, in 64-byte sectors
         * chained by the mini FAT. */
        size_t msize = (size_t)1 << (u16(h + 0x20) & 15);
        st = read_chain(c, c->fat, c->n_fat, NULL, 0, c->ss,
                        u32(root + 0x74), c->len, &mini, &mini_len);
        if (st == KPI_OK)
            st = read_chain(c, c->fat, c->n_fat, NULL, 0, c->ss,
                            u32(h + 0x3C), c->len, &minifat_raw,
                            &minifat_len);
        if (st == KPI_OK) {
            size_t n = minifat_len / 4;
            uint32_t *mf = kpi_xcalloc(c->a, n ? n : 1, sizeof *mf);
            if (!mf) {
                st = KPI_ERR_NOMEM;
            } else {
                for (size_t i = 0; i < n; i++)
                    mf[i] = u32(minifat_raw + 4 * i);
                st = read_chain(c, mf, n, mini, mini_len, msize, start, size,
                                out, out_len);
                kpi_xfree(c->a, mf);
            }
        }
    }
    kpi_xfree(c->a, dir);
    kpi_xfree(c->a, mini);
    kpi_xfree(c->a, minifat_raw);
    return st;
}

/* Appends code point cp as UTF-8. */
static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* A BOUNDSHEET record's sheet name as UTF-8 (BIFF8: 8-bit or UTF-16LE;
 * BIFF5: 8-bit, read as Windows-1252's Latin-1 part). */
static char *sheet_name(const kpi_allocator *a, const unsigned char *p,
                        size_t n, bool biff8)
{
    if (n < 1)
        return NULL;
    size_t cch = p[0];
    bool wide = false;
    size_t off = 1;
    if (biff8) {
        if (n < 2)
            return NULL;
        wide = p[1] & 1;
        off = 2;
    }
    size_t need = cch * (wide ? 2 : 1);
    if (n - off < need)
        return NULL;
    char *out = kpi_xmalloc(a, cch * 3 + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < cch; i++) {
        unsigned cp = wide ? u16(p + off + 2 * i) : p[off + i];
        if (cp >= 0xD800 && cp <= 0xDFFF)
            cp = 0xFFFD; /* sheet names in the BMP are all Danish needs */
        if (cp == 0)
            cp = 0xFFFD;
        k += put_utf8(out + k, cp);
    }
    out[k] = '\0';
    return out;
}

typedef struct boundsheet {
    uint32_t pos;
    char *name;
} boundsheet;

static kpi_status scan_biff(const kpi_allocator *a, const unsigned char *s,
                            size_t len, kpi_biff_formulas *out)
{
    boundsheet *sheets = NULL;
    size_t n_sheets = 0, cap_sheets = 0;
    const char *current = NULL;
    bool biff8 = true, first = true;
    kpi_status st = KPI_OK;
    size_t pos = 0;
    while (pos + 4 <= len) {
        uint16_t id = u16(s + pos);
        size_t size = u16(s + pos + 2);
        const unsigned char *d = s + pos + 4;
        if (len - pos - 4 < size)
            break; /* a truncated last record */
        if (id == 0x0809 || id == 0x0409 || id == 0x0209 || id == 0x0009) {
            if (first && size >= 2)
                biff8 = u16(d) == 0x0600;
            first = false;
            current = NULL;
            for (size_t i = 0; i < n_sheets; i++)
                if (sheets[i].pos == pos)
                    current = sheets[i].name;
        } else if (id == 0x0085 && size >= 6) {
            if (kpi_grow(a, (void **)&sheets, &cap_sheets, n_sheets + 1,
                         sizeof *sheets) != KPI_OK) {
                st = KPI_ERR_NOMEM;
                break;
            }
            char *name = sheet_name(a, d + 6, size - 6, biff8);
            if (name) {
                sheets[n_sheets].pos = u32(d);
                sheets[n_sheets].name = name;
                n_sheets++;
            }
        } else if ((id == 0x0006 || id == 0x0206 || id == 0x0406) &&
                   size >= 4 && current) {
            if (out->count >= KPI_SHEETS_MAX_CELLS)
                break;
            if (kpi_grow(a, (void **)&out->items, &out->cap, out->count + 1,
                         sizeof *out->items) != KPI_OK) {
                st = KPI_ERR_NOMEM;
                break;
            }
            kpi_biff_formula *f = &out->items[out->count];
            f->sheet = kpi_xstrdup(a, current);
            if (!f->sheet) {
                st = KPI_ERR_NOMEM;
                break;
            }
            f->row = (uint32_t)u16(d) + 1;
            f->col = (uint32_t)u16(d + 2) + 1;
            out->count++;
        }
        pos += 4 + size;
    }
    for (size_t i = 0; i < n_sheets; i++)
        kpi_xfree(a, sheets[i].name);
    kpi_xfree(a, sheets);
    return st;
}

kpi_status kpi_biff_find_formulas(const kpi_allocator *a,
                                  const unsigned char *data, size_t len,
                                  kpi_biff_formulas *out)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                         0xA1, 0xB1, 0x1A, 0xE1};
    memset(out, 0, sizeof *out);
    if (len < 512 || memcmp(data, sig, 8) != 0)
        return KPI_ERR_INPUT;
    cfb c;
    memset(&c, 0, sizeof c);
    c.a = a;
    c.data = data;
    c.len = len;
    unsigned shift = u16(data + 0x1E);
    if (shift != 9 && shift != 12)
        return KPI_ERR_INPUT;
    c.ss = (size_t)1 << shift;
    if (len < c.ss)
        return KPI_ERR_INPUT;
    c.n_sectors = (len - c.ss) / c.ss;
    kpi_status st = load_fat(&c);
    unsigned char *stream = NULL;
    size_t stream_len = 0;
    if (st == KPI_OK)
        st = workbook_stream(&c, &stream, &stream_len);
    if (st == KPI_OK)
        st = scan_biff(a, stream, stream_len, out);
    kpi_xfree(a, stream);
    kpi_xfree(a, c.fat);
    if (st != KPI_OK)
        kpi_biff_formulas_free(a, out);
    return st;
}

void kpi_biff_formulas_free(const kpi_allocator *a, kpi_biff_formulas *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->count; i++)
        kpi_xfree(a, f->items[i].sheet);
    kpi_xfree(a, f->items);
    memset(f, 0, sizeof *f);
}
