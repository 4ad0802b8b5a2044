/* sheet_xlsx.c - reading an .xlsx (Office Open XML) workbook with minizip
 * and expat: the sheet list of xl/workbook.xml and its relationships,
 * the shared strings, the number formats of xl/styles.xml (to tell dates
 * from numbers) and every worksheet's cells, with the stored result of
 * each formula. Written from ECMA-376 Part 1 (SpreadsheetML). */
#include "sheet_internal.h"

#include <expat.h>
#include <math.h>
#include <stdlib.h>
#include <unzip.h>

/* ---- a zip archive in memory ------------------------------------------ */

typedef struct memzip {
    const unsigned char *data;
    size_t len, pos;
} memzip;

static voidpf ZCALLBACK mz_open(voidpf opaque, const void *name, int mode)
{
    (void)name;
    if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ)
        return NULL;
    memzip *m = opaque;
    m->pos = 0;
    return m;
}

static uLong ZCALLBACK mz_read(voidpf opaque, voidpf stream, void *buf,
                               uLong size)
{
    (void)opaque;
    memzip *m = stream;
    size_t left = m->len - m->pos;
    size_t n = size < left ? size : left;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (uLong)n;
}

static uLong ZCALLBACK mz_write(voidpf opaque, voidpf stream, const void *buf,
                                uLong size)
{
    (void)opaque;
    (void)stream;
    (void)buf;
    (void)size;
    return 0;
}

static ZPOS64_T ZCALLBACK mz_tell(voidpf opaque, voidpf stream)
{
    (void)opaque;
    return ((memzip *)stream)->pos;
}

static long ZCALLBACK mz_seek(voidpf opaque, voidpf stream, ZPOS64_T offset,
                              int origin)
{
    (void)opaque;
    memzip *m = stream;
    ZPOS64_T base;
    switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
        base = 0;
        break;
    case ZLIB_FILEFUNC_SEEK_CUR:
        base = m->pos;
        break;
    case ZLIB_FILEFUNC_SEEK_END:
        base = m->len;
        break;
    default:
        return -1;
    }
    if (offset > m->len || base > m->len - offset)
        return -1;
    m->pos = (size_t)(base + offset);
    return 0;
}

static int ZCALLBACK mz_close(voidpf opaque, voidpf stream)
{
    (void)opaque;
    (void)stream;
    return 0;
}

static int ZCALLBACK mz_error(voidpf opaque, voidpf stream)
{
    (void)opaque;
    (void)stream;
    return 0;
}

/* Unzips one part. KPI_ERR_NOT_AVAILABLE when the archive has no such
 * part, KPI_ERR_INPUT when it cannot be inflated, KPI_ERR_RANGE (b->limit)
 * when it or all parts together unpack to more than kpi reads. */
static kpi_status read_part(kpi_sheets *b, unzFile uf, const char *name,
                            char **out, size_t *out_len)
{
    const kpi_allocator *a = b->alloc;
    *out = NULL;
    *out_len = 0;
    /* 2: case-insensitive, as Excel treats part names. */
    if (unzLocateFile(uf, name, 2) != UNZ_OK)
        return KPI_ERR_NOT_AVAILABLE;
    if (unzOpenCurrentFile(uf) != UNZ_OK)
        return KPI_ERR_INPUT;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    kpi_status st = KPI_OK;
    for (;;) {
        if (cap - n < 65536) {
            if (cap >= KPI_SHEETS_MAX_PART) {
                b->limit = KPI_LIMIT_PART;
                st = KPI_ERR_RANGE;
                break;
            }
            if (kpi_grow(a, (void **)&buf, &cap, cap ? cap * 2 : 131072, 1) !=
                KPI_OK) {
                st = KPI_ERR_NOMEM;
                break;
            }
        }
        int got = unzReadCurrentFile(uf, buf + n, (unsigned)(cap - n - 1));
        if (got < 0) {
            st = KPI_ERR_INPUT;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        b->unzipped += (size_t)got;
        if (b->unzipped > KPI_SHEETS_MAX_UNZIPPED) {
            b->limit = KPI_LIMIT_UNZIPPED;
            st = KPI_ERR_RANGE;
            break;
        }
    }
    /* A CRC mismatch shows only here. */
    if (unzCloseCurrentFile(uf) != UNZ_OK && st == KPI_OK)
        st = KPI_ERR_INPUT;
    if (st != KPI_OK) {
        kpi_xfree(a, buf);
        return st;
    }
    if (!buf) {
        buf = kpi_xmalloc(a, 1);
        if (!buf)
            return KPI_ERR_NOMEM;
    }
    buf[n] = '\0';
    *out = buf;
    *out_len = n;
    return KPI_OK;
}

/* ---- XML helpers ------------------------------------------------------- */

/* The local part of a qualified name: "x:c" -> "c". */
static const char *local(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* A growable text buffer for character data. */
typedef struct textbuf {
    char *s;
    size_t len, cap;
    bool over; /* ran into KPI_SHEETS_MAX_TEXT */
} textbuf;

static kpi_status text_add(const kpi_allocator *a, textbuf *t, const char *s,
                           int len)
{
    if (len <= 0)
        return KPI_OK;
    if (t->len + (size_t)len > KPI_SHEETS_MAX_TEXT) {
        t->over = true;
        return KPI_ERR_RANGE;
    }
    if (kpi_grow(a, (void **)&t->s, &t->cap, t->len + (size_t)len + 1, 1) !=
        KPI_OK)
        return KPI_ERR_NOMEM;
    memcpy(t->s + t->len, s, (size_t)len);
    t->len += (size_t)len;
    t->s[t->len] = '\0';
    return KPI_OK;
}

static void text_clear(textbuf *t)
{
    t->len = 0;
    if (t->s)
        t->s[0] = '\0';
}

/* Parses xml with the handlers; KPI_ERR_INPUT when it is not well-formed,
 * or st (set by a handler through *st) when that is worse. */
static kpi_status parse_xml(const char *xml, size_t len, void *ud,
                            XML_StartElementHandler start,
                            XML_EndElementHandler end,
                            XML_CharacterDataHandler chars, kpi_status *st)
{
    XML_Parser p = XML_ParserCreate(NULL);
    if (!p)
        return KPI_ERR_NOMEM;
    XML_SetUserData(p, ud);
    XML_SetElementHandler(p, start, end);
    if (chars)
        XML_SetCharacterDataHandler(p, chars);
    kpi_status result = KPI_OK;
    /* XML_Parse takes an int length; the last call says it is the end
     * (an empty part included: that is not well-formed). */
    do {
        size_t chunk = len > (1u << 30) ? (1u << 30) : len;
        len -= chunk;
        if (XML_Parse(p, xml, (int)chunk, len == 0) != XML_STATUS_OK) {
            result = KPI_ERR_INPUT;
            break;
        }
        xml += chunk;
    } while (len > 0 && *st == KPI_OK);
    XML_ParserFree(p);
    if (*st != KPI_OK)
        return *st;
    return result;
}

/* read_part, then parse_xml: the part `name` parsed with the handlers.
 * KPI_ERR_NOT_AVAILABLE when the archive has no such part. */
static kpi_status parse_part(kpi_sheets *b, unzFile uf, const char *name,
                             void *ud, XML_StartElementHandler start,
                             XML_EndElementHandler end,
                             XML_CharacterDataHandler chars, kpi_status *st)
{
    char *xml;
    size_t len;
    kpi_status result = read_part(b, uf, name, &xml, &len);
    if (result == KPI_OK) {
        result = parse_xml(xml, len, ud, start, end, chars, st);
        kpi_xfree(b->alloc, xml);
    }
    return result;
}

/* Stops expat from inside a handler. */
#define FAIL(ctx, code)                                                        \
    do {                                                                       \
        if ((ctx)->st == KPI_OK)                                               \
            (ctx)->st = (code);                                                \
    } while (0)

/* Room in a handler's list for item n (kpi_grow on *items and *cap),
 * which holds at most max items however large the part: false after
 * failing *st (as FAIL does) with KPI_ERR_RANGE or KPI_ERR_NOMEM. */
static bool room_for(const kpi_allocator *a, kpi_status *st, void **items,
                     size_t *cap, size_t n, size_t size, size_t max)
{
    kpi_status why = KPI_ERR_RANGE;
    if (n < max) {
        if (kpi_grow(a, items, cap, n + 1, size) == KPI_OK)
            return true;
        why = KPI_ERR_NOMEM;
    }
    if (*st == KPI_OK)
        *st = why;
    return false;
}

/* ---- workbook.xml and its relationships ------------------------------- */

typedef struct sheet_ref {
    char *name;
    char *rid;
} sheet_ref;

typedef struct wb_ctx {
    const kpi_allocator *a;
    kpi_status st;
    sheet_ref *sheets;
    size_t n, cap;
    bool date1904;
} wb_ctx;

static void XMLCALL wb_start(void *ud, const char *el, const char **atts)
{
    wb_ctx *c = ud;
    if (c->st != KPI_OK)
        return;
    const char *l = local(el);
    if (strcmp(l, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        c->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(l, "sheet") == 0) {
        if (!room_for(c->a, &c->st, (void **)&c->sheets, &c->cap, c->n,
                      sizeof *c->sheets, KPI_SHEETS_MAX_SHEETS))
            return;
        const char *name = attr(atts, "name");
        const char *rid = attr(atts, "id");
        sheet_ref *r = &c->sheets[c->n++];
        r->name = kpi_xstrdup(c->a, name ? name : "");
        r->rid = kpi_xstrdup(c->a, rid ? rid : "");
        if (!r->name || !r->rid)
            FAIL(c, KPI_ERR_NOMEM);
    }
}

static void XMLCALL no_end(void *ud, const char *el)
{
    (void)ud;
    (void)el;
}

typedef struct rel {
    char *id;
    char *target;
    char *type;
} rel;

typedef struct rels_ctx {
    const kpi_allocator *a;
    kpi_status st;
    rel *items;
    size_t n, cap;
} rels_ctx;

static void XMLCALL rels_start(void *ud, const char *el, const char **atts)
{
    rels_ctx *c = ud;
    if (c->st != KPI_OK || strcmp(local(el), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id");
    const char *target = attr(atts, "Target");
    const char *type = attr(atts, "Type");
    if (!id || !target)
        return;
    if (!room_for(c->a, &c->st, (void **)&c->items, &c->cap, c->n,
                  sizeof *c->items, 65536))
        return;
    rel *r = &c->items[c->n++];
    r->id = kpi_xstrdup(c->a, id);
    r->target = kpi_xstrdup(c->a, target);
    r->type = kpi_xstrdup(c->a, type ? type : "");
    if (!r->id || !r->target || !r->type)
        FAIL(c, KPI_ERR_NOMEM);
}

/* ---- sharedStrings.xml ------------------------------------------------- */

typedef struct sst_ctx {
    const kpi_allocator *a;
    kpi_sheets *book; /* owns the strings (kpi_sheets_adopt_text) */
    kpi_status st;
    char **items;
    size_t *lens;
    size_t n, cap, cap_lens;
    textbuf text;
    int in_si, in_t, in_rph;
} sst_ctx;

static void XMLCALL sst_start(void *ud, const char *el, const char **atts)
{
    sst_ctx *c = ud;
    (void)atts;
    if (c->st != KPI_OK)
        return;
    const char *l = local(el);
    if (strcmp(l, "si") == 0) {
        c->in_si = 1;
        text_clear(&c->text);
    } else if (strcmp(l, "rPh") == 0) {
        c->in_rph++; /* phonetic hints: not part of the text */
    } else if (strcmp(l, "t") == 0 && c->in_si) {
        c->in_t = 1;
    }
}

static void XMLCALL sst_end(void *ud, const char *el)
{
    sst_ctx *c = ud;
    if (c->st != KPI_OK)
        return;
    const char *l = local(el);
    if (strcmp(l, "t") == 0) {
        c->in_t = 0;
    } else if (strcmp(l, "rPh") == 0) {
        if (c->in_rph)
            c->in_rph--;
    } else if (strcmp(l, "si") == 0 && c->in_si) {
        c->in_si = 0;
        if (!room_for(c->a, &c->st, (void **)&c->items, &c->cap, c->n,
                      sizeof *c->items, KPI_SHEETS_MAX_CELLS) ||
            !room_for(c->a, &c->st, (void **)&c->lens, &c->cap_lens, c->n,
                      sizeof *c->lens, KPI_SHEETS_MAX_CELLS))
            return;
        /* An embedded NUL ends the text, as for every cell. */
        size_t len = c->text.s ? strlen(c->text.s) : 0;
        char *s = kpi_xstrndup(c->a, c->text.s ? c->text.s : "", len);
        if (!s) {
            FAIL(c, KPI_ERR_NOMEM);
            return;
        }
        /* Stored once, in the book: every cell showing it points here. */
        kpi_status st = kpi_sheets_adopt_text(c->book, s, len);
        if (st != KPI_OK) {
            FAIL(c, st);
            return;
        }
        c->lens[c->n] = len;
        c->items[c->n++] = s;
    }
}

static void XMLCALL sst_chars(void *ud, const char *s, int len)
{
    sst_ctx *c = ud;
    if (c->st == KPI_OK && c->in_si && c->in_t && !c->in_rph) {
        kpi_status st = text_add(c->a, &c->text, s, len);
        if (st != KPI_OK)
            FAIL(c, st);
    }
}

/* ---- styles.xml: which styles show dates ------------------------------ */

typedef struct fmt {
    unsigned id;
    bool date;
} fmt;

typedef struct styles_ctx {
    const kpi_allocator *a;
    kpi_status st;
    fmt *fmts;
    size_t n_fmts, cap_fmts;
    bool *xf_date; /* by cellXfs index */
    size_t n_xf, cap_xf;
    int in_cellxfs;
} styles_ctx;

/* true when an Excel format code shows a date: it has a day, month or
 * year token outside quoted text, [brackets] and escaped characters, and
 * an 'm' counts only when no hour or second says it means minutes. */
bool kpi_sheets_format_is_date(const char *code)
{
    bool d = false, m = false, y = false, hs = false;
    for (const char *p = code; *p; p++) {
        char ch = *p;
        if (ch == '"') {
            p++;
            while (*p && *p != '"')
                p++;
            if (!*p)
                break;
        } else if (ch == '[') {
            while (*p && *p != ']')
                p++;
            if (!*p)
                break;
        } else if (ch == '\\' || ch == '_' || ch == '*') {
            if (!p[1])
                break;
            p++;
        } else {
            switch (ch) {
            case 'd': case 'D': d = true; break;
            case 'm': case 'M': m = true; break;
            case 'y': case 'Y': y = true; break;
            case 'h': case 'H': case 's': case 'S': hs = true; break;
            default: break;
            }
        }
    }
    return d || y || (m && !hs);
}

/* The built-in formats that show dates (ECMA-376 18.8.30): 14-22. */
static bool builtin_is_date(unsigned id)
{
    return id >= 14 && id <= 22;
}

static void XMLCALL styles_start(void *ud, const char *el, const char **atts)
{
    styles_ctx *c = ud;
    if (c->st != KPI_OK)
        return;
    const char *l = local(el);
    if (strcmp(l, "numFmt") == 0) {
        const char *id = attr(atts, "numFmtId");
        const char *code = attr(atts, "formatCode");
        if (!id || !code)
            return;
        if (!room_for(c->a, &c->st, (void **)&c->fmts, &c->cap_fmts,
                      c->n_fmts, sizeof *c->fmts, 65536))
            return;
        c->fmts[c->n_fmts].id = (unsigned)strtoul(id, NULL, 10);
        c->fmts[c->n_fmts].date = kpi_sheets_format_is_date(code);
        c->n_fmts++;
    } else if (strcmp(l, "cellXfs") == 0) {
        c->in_cellxfs = 1;
    } else if (strcmp(l, "xf") == 0 && c->in_cellxfs) {
        if (!room_for(c->a, &c->st, (void **)&c->xf_date, &c->cap_xf,
                      c->n_xf, sizeof *c->xf_date, 65536))
            return;
        const char *id = attr(atts, "numFmtId");
        unsigned n = id ? (unsigned)strtoul(id, NULL, 10) : 0;
        bool date = builtin_is_date(n);
        /* A custom format (164 and up, but any id may be redefined)
         * decides by its code. */
        for (size_t i = 0; i < c->n_fmts; i++)
            if (c->fmts[i].id == n)
                date = c->fmts[i].date;
        c->xf_date[c->n_xf++] = date;
    }
}

static void XMLCALL styles_end(void *ud, const char *el)
{
    styles_ctx *c = ud;
    if (strcmp(local(el), "cellXfs") == 0)
        c->in_cellxfs = 0;
}

/* ---- a worksheet ------------------------------------------------------- */

typedef struct ws_ctx {
    const kpi_allocator *a;
    kpi_status st;
    kpi_sheets *book;
    kpi_sheet_build *sheet;
    const sst_ctx *sst;
    const styles_ctx *styles;
    bool date1904;
    uint32_t row, col; /* the current row; the last column seen */
    /* the current cell */
    int in_c, in_v, in_is_t, in_is, in_f, in_rph;
    bool has_f;
    char type[16];
    unsigned style;
    textbuf v, is;
    bool bad_index; /* a shared-string index out of range */
} ws_ctx;

/* "AB12" -> column 28, row 12. false when it is not a cell reference. */
static bool parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, r = 0;
    size_t i = 0;
    while (s[i] >= 'A' && s[i] <= 'Z') {
        c = c * 26 + (uint32_t)(s[i] - 'A' + 1);
        if (c > KPI_SHEETS_MAX_COL)
            return false;
        i++;
    }
    if (i == 0)
        return false;
    size_t digits = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        r = r * 10 + (uint32_t)(s[i] - '0');
        if (r > KPI_SHEETS_MAX_ROW)
            return false;
        i++;
        digits++;
    }
    if (!digits || s[i] || r == 0)
        return false;
    *row = r;
    *col = c;
    return true;
}

static bool parse_uint(const char *s, uint32_t max, uint32_t *out)
{
    uint32_t v = 0;
    if (!*s)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (uint32_t)(*s - '0');
        if (v > max)
            return false;
    }
    *out = v;
    return true;
}

/* A serial day number of the workbook's date system as a kpi_date. */
bool kpi_sheets_serial_to_date(double serial, bool date1904, kpi_date *out)
{
    if (!(serial >= 0 && serial < 2958466.0))
        return false;
    long days = (long)floor(serial);
    if (date1904) {
        days += 1462; /* 1904-01-01 is serial 0 there, 1462 here */
    } else if (days < 61) {
        /* Excel counts a 29 February 1900 that never was (serial 60);
         * before it the serials are one day ahead of the calendar. */
        if (days == 60 || days == 0)
            return false;
        days += 1;
    }
    /* 25569 is 1970-01-01 in the 1900 system. */
    *out = (kpi_date)(days - 25569);
    return true;
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    while (*s == ' ')
        s++;
    if (!*s)
        return false;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (*end || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static void ws_cell_done(ws_ctx *c)
{
    kpi_cell cell;
    memset(&cell, 0, sizeof cell);
    cell.row = c->row;
    cell.col = c->col;
    cell.formula = c->has_f;
    cell.date = KPI_DATE_NONE;
    const char *text = NULL;
    size_t len = 0;
    const char *v = c->v.s ? c->v.s : "";
    const char *t = c->type;
    if (strcmp(t, "inlineStr") == 0) {
        cell.type = KPI_CELL_TEXT;
        text = c->is.s;
        len = c->is.len;
        if (!len)
            return;
    } else if (c->v.len == 0) {
        if (!c->has_f)
            return; /* a styled empty cell */
        if (strcmp(t, "str") == 0)
            return; /* a formula giving "" */
        cell.type = KPI_CELL_FORMULA; /* saved without its result */
    } else if (strcmp(t, "s") == 0) {
        uint32_t idx;
        if (!parse_uint(v, UINT32_MAX / 2, &idx) || !c->sst ||
            idx >= c->sst->n) {
            c->bad_index = true;
            return;
        }
        cell.type = KPI_CELL_TEXT;
        if (!c->sst->lens[idx])
            return;
        /* The book owns the shared string: the cell points to it. */
        kpi_status st = kpi_sheets_add_cell_ref(c->book, c->sheet, &cell,
                                                c->sst->items[idx],
                                                c->sst->lens[idx]);
        if (st != KPI_OK)
            FAIL(c, st);
        return;
    } else if (strcmp(t, "str") == 0) {
        cell.type = KPI_CELL_TEXT;
        text = v;
        len = c->v.len;
    } else if (strcmp(t, "b") == 0) {
        cell.type = KPI_CELL_BOOL;
        cell.number = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
    } else if (strcmp(t, "e") == 0) {
        cell.type = KPI_CELL_ERROR;
        text = v;
        len = c->v.len;
    } else if (strcmp(t, "d") == 0) {
        /* ISO 8601: the date part decides. */
        if (c->v.len >= 10 &&
            kpi_date_parse(v, 10, &cell.date) == KPI_OK) {
            cell.type = KPI_CELL_DATE;
        } else {
            cell.type = KPI_CELL_TEXT;
            text = v;
            len = c->v.len;
        }
    } else {
        double num;
        if (!parse_double(v, &num)) {
            /* Not a number where one belongs: keep what it says, so a
             * message can quote it. */
            cell.type = KPI_CELL_TEXT;
            text = v;
            len = c->v.len;
        } else {
            cell.type = KPI_CELL_NUMBER;
            cell.number = num;
            if (c->styles && c->style < c->styles->n_xf &&
                c->styles->xf_date[c->style] &&
                kpi_sheets_serial_to_date(num, c->date1904, &cell.date))
                cell.type = KPI_CELL_DATE;
        }
    }
    kpi_status st = kpi_sheets_add_cell(c->book, c->sheet, &cell, text, len);
    if (st != KPI_OK)
        FAIL(c, st);
}

static void XMLCALL ws_start(void *ud, const char *el, const char **atts)
{
    ws_ctx *c = ud;
    if (c->st != KPI_OK)
        return;
    const char *l = local(el);
    if (strcmp(l, "row") == 0) {
        const char *r = attr(atts, "r");
        uint32_t n;
        if (r && parse_uint(r, KPI_SHEETS_MAX_ROW, &n) && n > 0)
            c->row = n;
        else
            c->row++;
        c->col = 0;
    } else if (strcmp(l, "c") == 0) {
        const char *r = attr(atts, "r");
        uint32_t row, col;
        if (r && parse_ref(r, &row, &col)) {
            c->row = row ? row : c->row;
            c->col = col;
        } else {
            c->col++;
        }
        if (c->row == 0)
            c->row = 1;
        const char *t = attr(atts, "t");
        snprintf(c->type, sizeof c->type, "%s", t ? t : "n");
        const char *s = attr(atts, "s");
        uint32_t style = 0;
        if (!s || !parse_uint(s, 1u << 20, &style))
            style = 0;
        c->style = style;
        c->in_c = 1;
        c->has_f = false;
        text_clear(&c->v);
        text_clear(&c->is);
    } else if (c->in_c) {
        if (strcmp(l, "v") == 0)
            c->in_v = 1;
        else if (strcmp(l, "f") == 0)
            c->has_f = true;
        else if (strcmp(l, "is") == 0)
            c->in_is = 1;
        else if (strcmp(l, "rPh") == 0)
            c->in_rph++;
        else if (strcmp(l, "t") == 0 && c->in_is)
            c->in_is_t = 1;
    }
}

static void XMLCALL ws_end(void *ud, const char *el)
{
    ws_ctx *c = ud;
    if (c->st != KPI_OK)
        return;
    const char *l = local(el);
    if (strcmp(l, "c") == 0 && c->in_c) {
        c->in_c = c->in_v = c->in_is = c->in_is_t = c->in_rph = 0;
        ws_cell_done(c);
    } else if (strcmp(l, "v") == 0) {
        c->in_v = 0;
    } else if (strcmp(l, "is") == 0) {
        c->in_is = 0;
    } else if (strcmp(l, "t") == 0) {
        c->in_is_t = 0;
    } else if (strcmp(l, "rPh") == 0 && c->in_rph) {
        c->in_rph--;
    }
}

static void XMLCALL ws_chars(void *ud, const char *s, int len)
{
    ws_ctx *c = ud;
    if (c->st != KPI_OK || !c->in_c)
        return;
    kpi_status st = KPI_OK;
    if (c->in_v)
        st = text_add(c->a, &c->v, s, len);
    else if (c->in_is && c->in_is_t && !c->in_rph)
        st = text_add(c->a, &c->is, s, len);
    if (st != KPI_OK)
        FAIL(c, st);
}

/* ---- finding the parts through the relationships ----------------------- */

/* The part a relationship's target names: relative to dir (the folder of
 * the part the relationships belong to, "" or ending in '/'), or from the
 * package root when it starts with '/'; "." and ".." resolved (".." above
 * the root stays at the root). NULL when out of memory. */
static char *resolve(const kpi_allocator *a, const char *dir,
                     const char *target)
{
    size_t n = strlen(dir) + strlen(target) + 1;
    char *p = kpi_xmalloc(a, n);
    if (!p)
        return NULL;
    if (target[0] == '/')
        snprintf(p, n, "%s", target + 1);
    else
        snprintf(p, n, "%s%s", dir, target);
    /* In place: what is written never overtakes what is read. */
    size_t r = 0, w = 0;
    while (p[r]) {
        size_t e = r;
        while (p[e] && p[e] != '/')
            e++;
        size_t seg = e - r;
        if (seg == 2 && p[r] == '.' && p[r + 1] == '.') {
            while (w > 0 && p[w - 1] != '/')
                w--;
            if (w > 0)
                w--;
        } else if (seg > 0 && !(seg == 1 && p[r] == '.')) {
            if (w)
                p[w++] = '/';
            memmove(p + w, p + r, seg);
            w += seg;
        }
        r = p[e] ? e + 1 : e;
    }
    p[w] = '\0';
    return p;
}

/* The folder of a part, with its '/': "xl/workbook.xml" -> "xl/". */
static char *dir_of(const kpi_allocator *a, const char *part)
{
    const char *slash = strrchr(part, '/');
    return kpi_xstrndup(a, part, slash ? (size_t)(slash - part) + 1 : 0);
}

/* The relationships part of a part: "xl/_rels/workbook.xml.rels". */
static char *rels_of(const kpi_allocator *a, const char *part)
{
    const char *slash = strrchr(part, '/');
    size_t d = slash ? (size_t)(slash - part) + 1 : 0;
    size_t n = strlen(part) + 12;
    char *p = kpi_xmalloc(a, n);
    if (p)
        snprintf(p, n, "%.*s_rels/%s.rels", (int)d, part, part + d);
    return p;
}

/* The target of the first relationship whose type ends in "/kind" (the
 * transitional and the strict namespaces differ before it). */
static const char *rel_target(const rels_ctx *r, const char *kind)
{
    size_t k = strlen(kind);
    for (size_t i = 0; i < r->n; i++) {
        size_t n = strlen(r->items[i].type);
        if (n > k && r->items[i].type[n - k - 1] == '/' &&
            strcmp(r->items[i].type + n - k, kind) == 0)
            return r->items[i].target;
    }
    return NULL;
}

static void rels_free(rels_ctx *r)
{
    for (size_t i = 0; i < r->n; i++) {
        kpi_xfree(r->a, r->items[i].id);
        kpi_xfree(r->a, r->items[i].target);
        kpi_xfree(r->a, r->items[i].type);
    }
    kpi_xfree(r->a, r->items);
    r->items = NULL;
    r->n = r->cap = 0;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

/* ---- the workbook ------------------------------------------------------ */

static kpi_status report(kpi_diagnostics *diags, const char *label,
                         kpi_status st, const char *what)
{
    if (st == KPI_ERR_NOMEM)
        return st;
    if (kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                     "%s; open it in Excel or LibreOffice and save it again "
                     "as .xlsx",
                     what) != KPI_OK)
        return KPI_ERR_NOMEM;
    return KPI_ERR_INPUT;
}

/* A part that could not be read: a limit it ran into by name, else what
 * (the part is damaged). */
static kpi_status part_failed(kpi_sheets *b, kpi_diagnostics *diags,
                              const char *label, kpi_status st,
                              bool text_over, const char *what)
{
    if (text_over && b->limit == KPI_LIMIT_NONE)
        b->limit = KPI_LIMIT_TEXT;
    if (st == KPI_ERR_RANGE && b->limit != KPI_LIMIT_NONE)
        return kpi_sheets_limit_report(b, diags, label);
    return report(diags, label, st, what);
}

/* A zip without a workbook part: say what it is when it is a spreadsheet
 * of another kind. */
static kpi_status not_a_workbook(kpi_sheets *b, unzFile uf,
                                 const char *wb_part, const char *label,
                                 kpi_diagnostics *diags)
{
    char *mime = NULL;
    size_t len = 0;
    bool ods = false;
    if (read_part(b, uf, "mimetype", &mime, &len) == KPI_OK)
        ods = strstr(mime, "opendocument.spreadsheet") != NULL;
    kpi_xfree(b->alloc, mime);
    if (ods)
        return kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                                   "this is an OpenDocument spreadsheet "
                                   "(.ods), which kpi does not read: open "
                                   "it in LibreOffice or Excel and save it "
                                   "as .xlsx") == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    if (ends_with(wb_part, ".bin") ||
        unzLocateFile(uf, "xl/workbook.bin", 2) == UNZ_OK)
        return kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                                   "this is an Excel binary workbook "
                                   "(.xlsb), which kpi does not read: open "
                                   "it in Excel and save it as .xlsx (Excel "
                                   "Workbook)") == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    return report(diags, label, KPI_ERR_INPUT,
                  "not an .xlsx workbook (the zip archive holds no "
                  "workbook: is it a Word document or another kind of "
                  "file?)");
}

/* The handlers of one part's parse. */
typedef struct xml_handlers {
    void *ud;
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    XML_CharacterDataHandler chars;
    kpi_status *st;
} xml_handlers;

/* Parses the workbook's part that relationship kind names ("styles":
 * kind.xml in the workbook's folder when no relationship does); *present
 * says whether it is there, which it need not be. text_over (may be NULL)
 * is the parse's text buffer flag. KPI_OK, or the failure reported. */
static kpi_status optional_part(kpi_sheets *b, unzFile uf,
                                const rels_ctx *rels, const char *wb_dir,
                                const char *kind, const xml_handlers *h,
                                const bool *text_over, const char *what,
                                const char *label, kpi_diagnostics *diags,
                                bool *present)
{
    char fallback[32];
    snprintf(fallback, sizeof fallback, "%s.xml", kind);
    const char *target = rel_target(rels, kind);
    char *part = resolve(b->alloc, wb_dir, target ? target : fallback);
    if (!part)
        return KPI_ERR_NOMEM;
    kpi_status st = parse_part(b, uf, part, h->ud, h->start, h->end,
                               h->chars, h->st);
    *present = st == KPI_OK;
    if (st != KPI_OK && st != KPI_ERR_NOT_AVAILABLE) {
        char msg[700];
        snprintf(msg, sizeof msg, "%s (%.500s) are damaged", what, part);
        st = part_failed(b, diags, label, st, text_over && *text_over, msg);
    } else {
        st = KPI_OK;
    }
    kpi_xfree(b->alloc, part);
    return st;
}

kpi_status kpi_sheets_read_xlsx(kpi_sheets *b, const unsigned char *data,
                                size_t len, const char *label,
                                kpi_diagnostics *diags)
{
    const kpi_allocator *a = b->alloc;
    memzip mz = {data, len, 0};
    zlib_filefunc64_def io = {mz_open, mz_read,  mz_write, mz_tell,
                              mz_seek, mz_close, mz_error, &mz};
    unzFile uf = unzOpen2_64("memory", &io);
    if (!uf)
        return report(diags, label, KPI_ERR_INPUT,
                      "not a readable .xlsx workbook (it is not a zip "
                      "archive, or the archive is damaged)");

    kpi_status st = KPI_OK;
    char *xml = NULL, *wb_part = NULL, *wb_dir = NULL, *part = NULL;
    size_t xml_len = 0;
    char what[700];
    wb_ctx wb = {a, KPI_OK, NULL, 0, 0, false};
    rels_ctx rels = {a, KPI_OK, NULL, 0, 0};
    sst_ctx sst;
    memset(&sst, 0, sizeof sst);
    sst.a = a;
    sst.book = b;
    styles_ctx styles;
    memset(&styles, 0, sizeof styles);
    styles.a = a;
    ws_ctx ws;
    memset(&ws, 0, sizeof ws);
    bool have_styles = false, have_sst = false;

    /* The workbook part is the package's officeDocument relationship
     * (ECMA-376 Part 2, 9.3): most writers put it at xl/workbook.xml,
     * not all. A package without _rels/.rels gets the usual place. */
    st = parse_part(b, uf, "_rels/.rels", &rels, rels_start, no_end, NULL,
                    &rels.st);
    if (st == KPI_ERR_NOMEM)
        goto done;
    const char *office = st == KPI_OK ? rel_target(&rels, "officeDocument")
                                      : NULL;
    wb_part = resolve(a, "", office ? office : "xl/workbook.xml");
    rels_free(&rels);
    rels.st = KPI_OK;
    if (!wb_part) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    wb_dir = dir_of(a, wb_part);
    if (!wb_dir) {
        st = KPI_ERR_NOMEM;
        goto done;
    }

    st = ends_with(wb_part, ".bin") ? KPI_ERR_NOT_AVAILABLE
                                    : read_part(b, uf, wb_part, &xml,
                                                &xml_len);
    if (st == KPI_ERR_NOT_AVAILABLE) {
        st = not_a_workbook(b, uf, wb_part, label, diags);
        goto done;
    }
    snprintf(what, sizeof what, "the workbook part %.500s is damaged",
             wb_part);
    if (st != KPI_OK) {
        st = part_failed(b, diags, label, st, false, what);
        goto done;
    }
    st = parse_xml(xml, xml_len, &wb, wb_start, no_end, NULL, &wb.st);
    kpi_xfree(a, xml);
    xml = NULL;
    if (st != KPI_OK) {
        st = part_failed(b, diags, label, st, false, what);
        goto done;
    }

    /* The relationships, shared strings and styles are optional. */
    part = rels_of(a, wb_part);
    if (!part) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    st = parse_part(b, uf, part, &rels, rels_start, no_end, NULL, &rels.st);
    snprintf(what, sizeof what, "the part %.500s is damaged", part);
    kpi_xfree(a, part);
    part = NULL;
    if (st != KPI_OK && st != KPI_ERR_NOT_AVAILABLE) {
        st = part_failed(b, diags, label, st, false, what);
        goto done;
    }

    xml_handlers h_sst = {&sst, sst_start, sst_end, sst_chars, &sst.st};
    st = optional_part(b, uf, &rels, wb_dir, "sharedStrings", &h_sst,
                       &sst.text.over, "the shared strings", label, diags,
                       &have_sst);
    if (st != KPI_OK)
        goto done;
    xml_handlers h_styles = {&styles, styles_start, styles_end, NULL,
                             &styles.st};
    st = optional_part(b, uf, &rels, wb_dir, "styles", &h_styles, NULL,
                       "the styles", label, diags, &have_styles);
    if (st != KPI_OK)
        goto done;
    st = KPI_OK;

    ws.a = a;
    ws.book = b;
    ws.sst = have_sst ? &sst : NULL;
    ws.styles = have_styles ? &styles : NULL;
    ws.date1904 = wb.date1904;
    for (size_t i = 0; i < wb.n; i++) {
        const char *target = NULL;
        for (size_t k = 0; k < rels.n; k++)
            if (strcmp(rels.items[k].id, wb.sheets[i].rid) == 0)
                target = rels.items[k].target;
        char fallback[48];
        if (!target) {
            snprintf(fallback, sizeof fallback, "worksheets/sheet%zu.xml",
                     i + 1);
            target = fallback;
        }
        part = resolve(a, wb_dir, target);
        if (!part) {
            st = KPI_ERR_NOMEM;
            goto done;
        }
        ws.sheet = kpi_sheets_add_sheet(b, wb.sheets[i].name,
                                        strlen(wb.sheets[i].name));
        if (!ws.sheet) {
            st = b->limit == KPI_LIMIT_SHEETS
                     ? kpi_sheets_limit_report(b, diags, label)
                     : KPI_ERR_NOMEM;
            goto done;
        }
        ws.row = 0;
        ws.col = 0;
        ws.st = KPI_OK;
        ws.in_c = ws.in_v = ws.in_is = ws.in_is_t = ws.in_rph = 0;
        st = parse_part(b, uf, part, &ws, ws_start, ws_end, ws_chars, &ws.st);
        kpi_xfree(a, part);
        part = NULL;
        if (st == KPI_ERR_NOT_AVAILABLE) {
            st = KPI_OK; /* a sheet without a part has no cells */
            continue;
        }
        if (st != KPI_OK) {
            snprintf(what, sizeof what, "sheet '%.500s' is damaged",
                     wb.sheets[i].name);
            st = part_failed(b, diags, label, st, ws.v.over || ws.is.over,
                             what);
            goto done;
        }
        if (ws.bad_index) {
            snprintf(what, sizeof what,
                     "sheet '%.500s' refers to text the workbook does not "
                     "hold (a damaged shared-string table)",
                     wb.sheets[i].name);
            st = report(diags, label, KPI_ERR_INPUT, what);
            goto done;
        }
    }
    if (wb.n == 0)
        st = report(diags, label, KPI_ERR_INPUT,
                    "the workbook has no sheets");

done:
    unzClose(uf);
    kpi_xfree(a, xml);
    kpi_xfree(a, part);
    kpi_xfree(a, wb_part);
    kpi_xfree(a, wb_dir);
    for (size_t i = 0; i < wb.n; i++) {
        kpi_xfree(a, wb.sheets[i].name);
        kpi_xfree(a, wb.sheets[i].rid);
    }
    kpi_xfree(a, wb.sheets);
    rels_free(&rels);
    /* The strings themselves are the book's. */
    kpi_xfree(a, sst.items);
    kpi_xfree(a, sst.lens);
    kpi_xfree(a, sst.text.s);
    kpi_xfree(a, styles.fmts);
    kpi_xfree(a, styles.xf_date);
    kpi_xfree(a, ws.v.s);
    kpi_xfree(a, ws.is.s);
    return st;
}
