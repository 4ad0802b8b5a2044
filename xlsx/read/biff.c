/* biff.c - the formula cells of an .xls file and the results Excel
 * stored for them. freexl 1.0.6 gives formula cells as empty, and an
 * empty cell read as 0 would be a wrong budget, so kpi reads the FORMULA
 * records itself: the compound file (MS-CFB) around the Workbook stream,
 * then the BIFF records (MS-XLS 2.4): BOUNDSHEET names each sheet and
 * where its records start; FORMULA gives row, column, format and the
 * cached result (2.5.133 FormulaValue: a double, or a boolean, an error
 * or "text in the STRING record that follows"); STRING holds that text;
 * XF, FORMAT and DATEMODE tell a date from a number; FILEPASS says the
 * rest is encrypted; CODEPAGE (2.4.52) says how BIFF5 writes its 8-bit
 * text (BIFF8's is Unicode). A recalculation (what LibreOffice does when it
 * opens the file) can differ from what Excel saved: TODAY() moves, a
 * function it lacks becomes #NAME?. Written from the published
 * specifications; every offset is checked against the length, since the
 * input may be anything. */
#include "sheet_internal.h"

#include <iconv.h>
#include <math.h>
#include <stdio.h>

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

/* The Workbook (BIFF8) or Book (BIFF5) stream of the compound file.
 * KPI_ERR_NOT_AVAILABLE with *kind set when the file is an encrypted
 * .xlsx (an EncryptedPackage stream, MS-OFFCRYPTO 2.3.4.4) or has no
 * workbook at all. */
static kpi_status workbook_stream(cfb *c, unsigned char **out,
                                  size_t *out_len, kpi_biff_kind *kind)
{
    const unsigned char *h = c->data;
    unsigned char *dir = NULL, *mini = NULL, *minifat_raw = NULL;
    size_t dir_len = 0, mini_len = 0, minifat_len = 0;
    kpi_status st = read_chain(c, c->fat, c->n_fat, NULL, 0, c->ss,
                               u32(h + 0x30), c->len, &dir, &dir_len);
    if (st != KPI_OK)
        return st;
    const unsigned char *root = NULL, *book = NULL;
    bool encrypted = false;
    for (size_t off = 0; off + 128 <= dir_len; off += 128) {
        const unsigned char *e = dir + off;
        if (e[0x42] == 5 && !root)
            root = e;
        else if (e[0x42] == 2 && !book &&
                 (name_is(e, "Workbook") || name_is(e, "Book")))
            book = e;
        else if (e[0x42] == 2 && name_is(e, "EncryptedPackage"))
            encrypted = true;
    }
    if (!book) {
        kpi_xfree(c->a, dir);
        *kind = encrypted ? KPI_BIFF_ENCRYPTED_OOXML : KPI_BIFF_NOT_A_WORKBOOK;
        return root ? KPI_ERR_NOT_AVAILABLE : KPI_ERR_INPUT;
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

/* Appends code point cp as UTF-8 (at most 4 bytes). */
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
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Windows-1252's 0x80-0x9F; the rest of the byte range is Latin-1. A
 * BIFF5 workbook without a CODEPAGE record is read as 1252, the code page
 * of a Danish Windows. */
static unsigned cp1252(unsigned char ch)
{
    static const unsigned short high[32] = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0xFFFD};
    return ch >= 0x80 && ch < 0xA0 ? high[ch - 0x80] : ch;
}

/* A BIFF5 workbook's 8-bit characters: the code point of each byte. */
typedef struct byte_codes {
    unsigned cp[256];
} byte_codes;

static void codes_cp1252(byte_codes *b)
{
    for (unsigned i = 0; i < 256; i++)
        b->cp[i] = cp1252((unsigned char)i);
}

/* The table of a CODEPAGE record's code page (MS-XLS 2.4.52: a Windows
 * code page number; 367 ASCII, 10000 and 32768 the Macintosh's, 32769
 * Windows-1252), converted byte by byte with iconv. A code page iconv
 * does not know leaves 1252; a byte it cannot convert alone (a lead byte
 * of the double-byte Asian code pages) is U+FFFD. */
static void codes_of_codepage(byte_codes *b, unsigned codepage)
{
    char name[16];
    if (codepage == 1252 || codepage == 32769 || codepage == 1200)
        return; /* 1200 (UTF-16) is BIFF8's, whose text is Unicode */
    if (codepage == 367)
        snprintf(name, sizeof name, "ASCII");
    else if (codepage == 10000 || codepage == 32768)
        snprintf(name, sizeof name, "MACINTOSH");
    else
        snprintf(name, sizeof name, "CP%u", codepage);
    iconv_t cd = iconv_open("UTF-32LE", name);
    if (cd == (iconv_t)-1)
        return;
    for (unsigned i = 0; i < 256; i++) {
        char in[1] = {(char)i};
        unsigned char out[4];
        char *ip = in, *op = (char *)out;
        size_t il = 1, ol = sizeof out;
        iconv(cd, NULL, NULL, NULL, NULL); /* the initial state */
        b->cp[i] = iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || ol != 0
                       ? 0xFFFD
                       : (unsigned)out[0] | (unsigned)out[1] << 8 |
                             (unsigned)out[2] << 16 | (unsigned)out[3] << 24;
    }
    iconv_close(cd);
}

/* Text being decoded from BIFF characters into UTF-8. */
typedef struct utf8buf {
    char *s;
    size_t n;
    unsigned hi; /* a UTF-16 high surrogate waiting for its pair */
} utf8buf;

/* Appends count characters at p: UTF-16LE when wide, else 8-bit (the
 * low byte of UTF-16 in BIFF8: codes NULL; the code page in BIFF5). The
 * buffer has room for 4 bytes a character. */
static void put_chars(utf8buf *t, const unsigned char *p, size_t count,
                      bool wide, const byte_codes *codes)
{
    for (size_t i = 0; i < count; i++) {
        unsigned cp = wide ? u16(p + 2 * i) : !codes ? p[i] : codes->cp[p[i]];
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            t->hi = cp;
            continue;
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = t->hi ? 0x10000 + ((t->hi - 0xD800) << 10) + (cp - 0xDC00)
                       : 0xFFFD;
        } else if (t->hi) {
            t->n += put_utf8(t->s + t->n, 0xFFFD);
        }
        t->hi = 0;
        if (cp == 0)
            cp = 0xFFFD;
        t->n += put_utf8(t->s + t->n, cp);
    }
}

/* A BOUNDSHEET record's sheet name as UTF-8 (BIFF8: 8-bit or UTF-16LE;
 * BIFF5: 8-bit in the code page, codes). */
static char *sheet_name(const kpi_allocator *a, const unsigned char *p,
                        size_t n, const byte_codes *codes)
{
    bool biff8 = !codes;
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
    utf8buf t = {kpi_xmalloc(a, cch * 4 + 4), 0, 0};
    if (!t.s)
        return NULL;
    put_chars(&t, p + off, cch, wide, codes);
    t.s[t.n] = '\0';
    return t.s;
}

/* The records of the Workbook stream, one at a time. */
typedef struct records {
    const unsigned char *s;
    size_t len, pos;
} records;

/* The record at r->pos: false at the end or a truncated record. */
static bool record_at(const records *r, size_t pos, uint16_t *id,
                      const unsigned char **d, size_t *size)
{
    if (pos + 4 > r->len)
        return false;
    *id = u16(r->s + pos);
    *size = u16(r->s + pos + 2);
    *d = r->s + pos + 4;
    return r->len - pos - 4 >= *size;
}

/* A STRING record's text (MS-XLS 2.4.268): BIFF8 an XLUnicodeString whose
 * characters may go on in CONTINUE records, each starting with its own
 * flags byte; BIFF5 a 16-bit count and 8-bit characters in the code page
 * (codes; NULL for BIFF8). NULL when it is malformed or out of memory
 * (*nomem says which). */
static char *string_record(const kpi_allocator *a, const records *r,
                           const unsigned char *d, size_t size,
                           const byte_codes *codes, bool *nomem)
{
    bool biff8 = !codes;
    *nomem = false;
    if (size < (biff8 ? 3u : 2u))
        return NULL;
    size_t cch = u16(d);
    utf8buf t = {kpi_xmalloc(a, cch * 4 + 1), 0, 0};
    if (!t.s) {
        *nomem = true;
        return NULL;
    }
    size_t off = biff8 ? 3 : 2, left = cch;
    bool wide = biff8 && (d[2] & 1);
    const unsigned char *end = d + size;
    size_t next = (size_t)(end - r->s); /* the record after this one */
    for (;;) {
        size_t have = (size_t)(end - (d + off)) / (wide ? 2 : 1);
        size_t take = have < left ? have : left;
        put_chars(&t, d + off, take, wide, codes);
        left -= take;
        uint16_t id;
        if (!left || !biff8 || !record_at(r, next, &id, &d, &size) ||
            id != 0x003C || size < 1)
            break;
        wide = d[0] & 1; /* each CONTINUE says again */
        off = 1;
        end = d + size;
        next += 4 + size;
    }
    if (left) {
        kpi_xfree(a, t.s);
        return NULL;
    }
    t.s[t.n] = '\0';
    return t.s;
}

/* The text Excel shows for an error code (MS-XLS 2.5.97 BErr). */
static const char *error_text(unsigned code)
{
    switch (code) {
    case 0x00: return "#NULL!";
    case 0x07: return "#DIV/0!";
    case 0x0F: return "#VALUE!";
    case 0x17: return "#REF!";
    case 0x1D: return "#NAME?";
    case 0x24: return "#NUM!";
    case 0x2A: return "#N/A";
    case 0x2B: return "#GETTING_DATA";
    default: return NULL;
    }
}

typedef struct number_format {
    uint16_t id;
    bool date;
} number_format;

/* What the scan keeps while it walks the records. */
typedef struct scan_state {
    const kpi_allocator *a;
    bool biff8, date1904;
    byte_codes codes; /* BIFF5's 8-bit text: the CODEPAGE record's */
    uint16_t *xf_fmt; /* by XF index: the number format */
    size_t n_xf, cap_xf;
    number_format *fmts;
    size_t n_fmts, cap_fmts;
} scan_state;

/* A FORMAT record (MS-XLS 2.4.126): whether its code shows a date. */
static kpi_status add_format(scan_state *st, const unsigned char *d,
                             size_t size)
{
    if (size < 3 || st->n_fmts >= 65536)
        return KPI_OK;
    size_t cch, off;
    bool wide = false;
    if (st->biff8) {
        if (size < 5)
            return KPI_OK;
        cch = u16(d + 2);
        wide = d[4] & 1;
        off = 5;
    } else {
        cch = d[2];
        off = 3;
    }
    char code[256];
    size_t n = 0;
    for (size_t i = 0; i < cch && n + 1 < sizeof code; i++) {
        size_t at = off + i * (wide ? 2 : 1);
        if (at + (wide ? 2 : 1) > size)
            break;
        unsigned cp = wide ? u16(d + at) : d[at];
        code[n++] = cp < 0x80 && cp ? (char)cp : '?';
    }
    code[n] = '\0';
    if (kpi_grow(st->a, (void **)&st->fmts, &st->cap_fmts, st->n_fmts + 1,
                 sizeof *st->fmts) != KPI_OK)
        return KPI_ERR_NOMEM;
    st->fmts[st->n_fmts].id = u16(d);
    st->fmts[st->n_fmts].date = kpi_sheets_format_is_date(code);
    st->n_fmts++;
    return KPI_OK;
}

/* Whether cells of XF index xf show dates: the built-in date formats
 * 14-22 (MS-XLS 2.5.165), or a FORMAT whose code has a date in it. */
static bool xf_is_date(const scan_state *st, size_t xf)
{
    if (xf >= st->n_xf)
        return false;
    uint16_t id = st->xf_fmt[xf];
    bool date = id >= 14 && id <= 22;
    for (size_t i = 0; i < st->n_fmts; i++)
        if (st->fmts[i].id == id)
            date = st->fmts[i].date;
    return date;
}

/* The cached result of a FORMULA record (MS-XLS 2.4.127, 2.5.133) into
 * f. A text result is left FORMULA (unread) until its STRING record. */
static void formula_value(const scan_state *st, const unsigned char *d,
                          kpi_biff_formula *f)
{
    const unsigned char *v = d + 6;
    f->type = KPI_CELL_FORMULA;
    f->date = KPI_DATE_NONE;
    if (u16(v + 6) == 0xFFFF) {
        switch (v[0]) {
        case 1:
            f->type = KPI_CELL_BOOL;
            f->number = v[2] != 0;
            break;
        case 2:
            if (error_text(v[2]))
                f->type = KPI_CELL_ERROR;
            break;
        case 3:
            f->type = KPI_CELL_EMPTY;
            break;
        default:
            break; /* 0: text, in the STRING record that follows */
        }
        return;
    }
    double num;
    uint64_t bits = (uint64_t)u32(v) | ((uint64_t)u32(v + 4) << 32);
    memcpy(&num, &bits, sizeof num);
    if (!isfinite(num))
        return;
    f->type = KPI_CELL_NUMBER;
    f->number = num;
    if (xf_is_date(st, u16(d + 4)) &&
        kpi_sheets_serial_to_date(num, st->date1904, &f->date))
        f->type = KPI_CELL_DATE;
}

/* Gives f its text (owned from now on), unless the formulas' texts
 * would pass KPI_SHEETS_MAX_TEXT_ALL: then f is left unread. */
static kpi_status set_text(const kpi_allocator *a, kpi_biff_formulas *out,
                           kpi_biff_formula *f, char *text)
{
    size_t n = strlen(text);
    if (out->text_bytes + n > KPI_SHEETS_MAX_TEXT_ALL) {
        kpi_xfree(a, text);
        f->type = KPI_CELL_FORMULA; /* too much text: named as unread */
        return KPI_OK;
    }
    out->text_bytes += n;
    f->text = text;
    return KPI_OK;
}

/* A new item for the cell record d (row, column first) on sheet; NULL
 * at KPI_SHEETS_MAX_CELLS items (the rest is not read) or out of memory
 * (*st). */
static kpi_biff_formula *new_item(const kpi_allocator *a,
                                  kpi_biff_formulas *out, const char *sheet,
                                  const unsigned char *d, kpi_status *st)
{
    if (out->count >= KPI_SHEETS_MAX_CELLS)
        return NULL;
    if (kpi_grow(a, (void **)&out->items, &out->cap, out->count + 1,
                 sizeof *out->items) != KPI_OK) {
        *st = KPI_ERR_NOMEM;
        return NULL;
    }
    kpi_biff_formula *f = &out->items[out->count++];
    memset(f, 0, sizeof *f);
    f->sheet = sheet;
    f->row = (uint32_t)u16(d) + 1;
    f->col = (uint32_t)u16(d + 2) + 1;
    f->date = KPI_DATE_NONE;
    return f;
}

static kpi_status scan_biff(const kpi_allocator *a, const unsigned char *s,
                            size_t len, kpi_biff_formulas *out)
{
    typedef struct boundsheet {
        uint32_t pos;
        const char *name;
    } boundsheet;
    boundsheet *sheets = NULL;
    size_t n_sheets = 0, cap_sheets = 0;
    const char *current = NULL;
    bool first = true;
    /* Substreams (BOF..EOF) at the top level: 1 is the globals, 2 the
     * first sheet's; an embedded chart's BOF..EOF is nested in a sheet. */
    size_t substream = 0, depth = 0;
    scan_state ss;
    memset(&ss, 0, sizeof ss);
    ss.a = a;
    ss.biff8 = true;
    codes_cp1252(&ss.codes);
    kpi_status st = KPI_OK;
    records r = {s, len, 0};
    size_t pending = SIZE_MAX; /* the formula whose STRING comes next */
    uint16_t id;
    const unsigned char *d;
    size_t size;
    for (; st == KPI_OK && record_at(&r, r.pos, &id, &d, &size);
         r.pos += 4 + size) {
        if (id == 0x0809 || id == 0x0409 || id == 0x0209 || id == 0x0009) {
            if (first && size >= 2)
                ss.biff8 = u16(d) == 0x0600;
            first = false;
            pending = SIZE_MAX;
            if (depth++ > 0)
                continue; /* an embedded chart: no cells */
            substream++;
            current = NULL;
            for (size_t i = 0; i < n_sheets; i++)
                if (sheets[i].pos == r.pos)
                    current = sheets[i].name;
            /* A writer other than Excel may get BOUNDSHEET's position
             * wrong; the sheets come in BOUNDSHEET order all the same. */
            if (!current && substream >= 2 && substream - 2 < n_sheets)
                current = sheets[substream - 2].name;
        } else if (id == 0x000A) {
            if (depth > 0 && --depth == 0)
                current = NULL; /* EOF of a substream */
        } else if (id == 0x002F && !current) {
            /* FILEPASS: what follows is encrypted. */
            out->kind = KPI_BIFF_PASSWORD;
            break;
        } else if (id == 0x0022 && size >= 2 && !current) {
            ss.date1904 = u16(d) == 1;
        } else if (id == 0x0042 && size >= 2 && !current && !ss.biff8) {
            codes_of_codepage(&ss.codes, u16(d));
        } else if (id == 0x041E && !current) {
            st = add_format(&ss, d, size);
        } else if (id == 0x00E0 && size >= 4 && !current && ss.n_xf < 65536) {
            if (kpi_grow(a, (void **)&ss.xf_fmt, &ss.cap_xf, ss.n_xf + 1,
                         sizeof *ss.xf_fmt) != KPI_OK)
                st = KPI_ERR_NOMEM;
            else
                ss.xf_fmt[ss.n_xf++] = u16(d + 2);
        } else if (id == 0x0085 && size >= 6) {
            char *name =
                sheet_name(a, d + 6, size - 6, ss.biff8 ? NULL : &ss.codes);
            if (!name)
                continue;
            if (kpi_grow(a, (void **)&sheets, &cap_sheets, n_sheets + 1,
                         sizeof *sheets) != KPI_OK ||
                kpi_grow(a, (void **)&out->sheets, &out->cap_sheets,
                         out->n_sheets + 1, sizeof *out->sheets) != KPI_OK) {
                kpi_xfree(a, name);
                st = KPI_ERR_NOMEM;
                break;
            }
            out->sheets[out->n_sheets++] = name;
            sheets[n_sheets].pos = u32(d);
            sheets[n_sheets].name = name;
            n_sheets++;
        } else if ((id == 0x0006 || id == 0x0206 || id == 0x0406) &&
                   size >= 20 && current) {
            kpi_biff_formula *f = new_item(a, out, current, d, &st);
            if (!f)
                break;
            formula_value(&ss, d, f);
            if (f->type == KPI_CELL_ERROR) {
                char *text = kpi_xstrdup(a, error_text(d[8]));
                st = text ? set_text(a, out, f, text) : KPI_ERR_NOMEM;
            }
            f->formula = true;
            pending = u16(d + 12) == 0xFFFF && d[6] == 0 ? out->count - 1
                                                           : SIZE_MAX;
        } else if (id == 0x0205 && size >= 8 && current &&
                   (d[7] == 0 || error_text(d[6]))) {
            /* BOOLERR: a typed TRUE or #N/A, which LibreOffice gives as a
             * formula (=#N/A) when it converts the file. */
            kpi_biff_formula *f = new_item(a, out, current, d, &st);
            if (!f)
                break;
            f->type = d[7] ? KPI_CELL_ERROR : KPI_CELL_BOOL;
            f->number = d[7] ? 0 : d[6] != 0;
            if (d[7]) {
                char *text = kpi_xstrdup(a, error_text(d[6]));
                st = text ? set_text(a, out, f, text) : KPI_ERR_NOMEM;
            }
        } else if (id == 0x0207 && pending != SIZE_MAX) {
            bool nomem;
            char *text = string_record(a, &r, d, size,
                                       ss.biff8 ? NULL : &ss.codes, &nomem);
            if (nomem) {
                st = KPI_ERR_NOMEM;
                break;
            }
            if (text) {
                kpi_biff_formula *f = &out->items[pending];
                f->type = KPI_CELL_TEXT;
                st = set_text(a, out, f, text);
            }
            pending = SIZE_MAX;
        }
    }
    kpi_xfree(a, sheets);
    kpi_xfree(a, ss.xf_fmt);
    kpi_xfree(a, ss.fmts);
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
    kpi_biff_kind kind = KPI_BIFF_WORKBOOK;
    if (st == KPI_OK)
        st = workbook_stream(&c, &stream, &stream_len, &kind);
    if (st == KPI_OK)
        st = scan_biff(a, stream, stream_len, out);
    kpi_xfree(a, stream);
    kpi_xfree(a, c.fat);
    if (st == KPI_ERR_NOT_AVAILABLE) {
        out->kind = kind; /* a compound file, but no workbook in it */
        return KPI_OK;
    }
    if (st != KPI_OK)
        kpi_biff_formulas_free(a, out);
    return st;
}

void kpi_biff_formulas_free(const kpi_allocator *a, kpi_biff_formulas *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->count; i++)
        kpi_xfree(a, f->items[i].text);
    kpi_xfree(a, f->items);
    for (size_t i = 0; i < f->n_sheets; i++)
        kpi_xfree(a, f->sheets[i]);
    kpi_xfree(a, f->sheets);
    memset(f, 0, sizeof *f);
}
