/* sheet_reader.c - the book all back ends fill, and choosing the back end
 * from a file's first bytes. */
#include "sheet_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

kpi_sheets *kpi_sheets_new(const kpi_allocator *a)
{
    kpi_sheets *b = kpi_xcalloc(a, 1, sizeof *b);
    if (!b)
        return NULL;
    if (a) {
        b->alloc_store = *a;
        b->alloc = &b->alloc_store;
    }
    return b;
}

void kpi_sheets_clear(kpi_sheets *b)
{
    const kpi_allocator *a = b->alloc;
    for (size_t i = 0; i < b->n; i++) {
        kpi_xfree(a, b->sheets[i].cells);
        kpi_xfree(a, b->sheets[i].name);
    }
    b->n = 0;
    b->total_cells = 0;
    for (size_t i = 0; i < b->n_texts; i++)
        kpi_xfree(a, b->texts[i]);
    b->n_texts = 0;
    b->text_bytes = 0;
}

void kpi_sheets_free(kpi_sheets *b)
{
    if (!b)
        return;
    const kpi_allocator *a = b->alloc;
    kpi_sheets_clear(b);
    kpi_xfree(a, b->texts);
    kpi_xfree(a, b->sheets);
    kpi_xfree(a, b->views);
    kpi_xfree(a, b);
}

kpi_sheet_build *kpi_sheets_add_sheet(kpi_sheets *b, const char *name,
                                      size_t len)
{
    if (b->n >= KPI_SHEETS_MAX_SHEETS) {
        b->limit = KPI_LIMIT_SHEETS;
        return NULL;
    }
    if (kpi_grow(b->alloc, (void **)&b->sheets, &b->cap, b->n + 1,
                 sizeof *b->sheets) != KPI_OK)
        return NULL;
    kpi_sheet_build *s = &b->sheets[b->n];
    memset(s, 0, sizeof *s);
    s->sorted = true;
    s->name = kpi_xstrndup(b->alloc, name ? name : "", name ? len : 0);
    if (!s->name)
        return NULL;
    b->n++;
    return s;
}

kpi_status kpi_sheets_adopt_text(kpi_sheets *b, char *text, size_t len)
{
    kpi_sheets_limit over = KPI_LIMIT_NONE;
    if (len > KPI_SHEETS_MAX_TEXT)
        over = KPI_LIMIT_TEXT;
    else if (b->text_bytes + len > KPI_SHEETS_MAX_TEXT_ALL)
        over = KPI_LIMIT_TEXT_ALL;
    if (over != KPI_LIMIT_NONE) {
        kpi_xfree(b->alloc, text);
        b->limit = over;
        return KPI_ERR_RANGE;
    }
    if (kpi_grow(b->alloc, (void **)&b->texts, &b->cap_texts, b->n_texts + 1,
                 sizeof *b->texts) != KPI_OK) {
        kpi_xfree(b->alloc, text);
        return KPI_ERR_NOMEM;
    }
    b->texts[b->n_texts++] = text;
    b->text_bytes += len;
    return KPI_OK;
}

kpi_status kpi_sheets_add_cell_ref(kpi_sheets *b, kpi_sheet_build *s,
                                   const kpi_cell *c, const char *text,
                                   size_t len)
{
    if (c->row < 1 || c->row > KPI_SHEETS_MAX_ROW || c->col < 1 ||
        c->col > KPI_SHEETS_MAX_COL)
        return KPI_ERR_RANGE;
    if (b->total_cells >= KPI_SHEETS_MAX_CELLS) {
        b->limit = KPI_LIMIT_CELLS;
        return KPI_ERR_RANGE;
    }
    if (kpi_grow(b->alloc, (void **)&s->cells, &s->cap, s->n + 1,
                 sizeof *s->cells) != KPI_OK)
        return KPI_ERR_NOMEM;
    kpi_cell cell = *c;
    cell.text = text && len ? text : "";
    cell.len = text && len ? len : 0;
    if (cell.type != KPI_CELL_DATE)
        cell.date = KPI_DATE_NONE;
    if (s->n) {
        const kpi_cell *last = &s->cells[s->n - 1];
        if (cell.row < last->row ||
            (cell.row == last->row && cell.col <= last->col))
            s->sorted = false;
    }
    s->cells[s->n++] = cell;
    b->total_cells++;
    return KPI_OK;
}

kpi_status kpi_sheets_add_cell(kpi_sheets *b, kpi_sheet_build *s,
                               const kpi_cell *c, const char *text,
                               size_t len)
{
    if (!text || !len)
        return kpi_sheets_add_cell_ref(b, s, c, NULL, 0);
    /* An embedded NUL ends the text. */
    const char *nul = memchr(text, '\0', len);
    if (nul)
        len = (size_t)(nul - text);
    if (len > KPI_SHEETS_MAX_TEXT) {
        b->limit = KPI_LIMIT_TEXT;
        return KPI_ERR_RANGE;
    }
    if (len == 0)
        return kpi_sheets_add_cell_ref(b, s, c, NULL, 0);
    char *copy = kpi_xstrndup(b->alloc, text, len);
    if (!copy)
        return KPI_ERR_NOMEM;
    kpi_status st = kpi_sheets_adopt_text(b, copy, len);
    if (st != KPI_OK)
        return st;
    return kpi_sheets_add_cell_ref(b, s, c, copy, len);
}

kpi_status kpi_sheets_limit_report(const kpi_sheets *b,
                                   kpi_diagnostics *diags, const char *label)
{
    char what[200];
    switch (b->limit) {
    case KPI_LIMIT_SHEETS:
        snprintf(what, sizeof what, "the workbook has more than %u sheets",
                 KPI_SHEETS_MAX_SHEETS);
        break;
    case KPI_LIMIT_TEXT:
        snprintf(what, sizeof what,
                 "a cell holds more than %u MB of text",
                 KPI_SHEETS_MAX_TEXT >> 20);
        break;
    case KPI_LIMIT_TEXT_ALL:
        snprintf(what, sizeof what,
                 "the workbook holds more than %u MB of text",
                 KPI_SHEETS_MAX_TEXT_ALL >> 20);
        break;
    case KPI_LIMIT_PART:
        snprintf(what, sizeof what,
                 "a part of the workbook unpacks to more than %u MB",
                 KPI_SHEETS_MAX_PART >> 20);
        break;
    case KPI_LIMIT_UNZIPPED:
        snprintf(what, sizeof what,
                 "the workbook unpacks to more than %u MB",
                 KPI_SHEETS_MAX_UNZIPPED >> 20);
        break;
    case KPI_LIMIT_FILE:
        snprintf(what, sizeof what, "the file is larger than %u MB",
                 KPI_SHEETS_MAX_PART >> 20);
        break;
    case KPI_LIMIT_CELLS:
    case KPI_LIMIT_NONE:
    default:
        snprintf(what, sizeof what,
                 "the workbook has more than %u cells with content",
                 KPI_SHEETS_MAX_CELLS);
        break;
    }
    return kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                               "%s, kpi's limit for a workbook it reads (a "
                               "budget is far smaller): this is not a "
                               "budget or recipient map; check that the "
                               "right file was given",
                               what) == KPI_OK
               ? KPI_ERR_INPUT
               : KPI_ERR_NOMEM;
}

static int cell_order(const void *x, const void *y)
{
    const kpi_cell *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

/* Bottom-up merge sort by position. */
static kpi_status stable_sort(const kpi_allocator *a, kpi_cell *cells,
                              size_t n)
{
    kpi_cell *tmp = kpi_xcalloc(a, n ? n : 1, sizeof *tmp);
    if (!tmp)
        return KPI_ERR_NOMEM;
    kpi_cell *src = cells, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = cell_order(&src[j], &src[i]) < 0 ? src[j++]
                                                            : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        kpi_cell *t = src;
        src = dst;
        dst = t;
    }
    if (src != cells)
        memcpy(cells, src, n * sizeof *cells);
    kpi_xfree(a, tmp);
    return KPI_OK;
}

/* Sorts every sheet's cells, drops a cell given twice (the later wins)
 * and builds the views. KPI_ERR_NOMEM. */
static kpi_status finish_book(kpi_sheets *b)
{
    for (size_t i = 0; i < b->n; i++) {
        kpi_sheet_build *s = &b->sheets[i];
        if (s->sorted)
            continue;
        /* A stable sort, so that of a cell given twice (a damaged file)
         * the later one wins, the same on every platform. */
        kpi_status st = stable_sort(b->alloc, s->cells, s->n);
        if (st != KPI_OK)
            return st;
        size_t w = 0;
        for (size_t k = 0; k < s->n; k++) {
            if (w && cell_order(&s->cells[w - 1], &s->cells[k]) == 0) {
                /* The text stays in the book's texts until it is freed. */
                s->cells[w - 1] = s->cells[k];
                continue;
            }
            s->cells[w++] = s->cells[k];
        }
        s->n = w;
        s->sorted = true;
    }
    /* An EMPTY cell marks a place left empty (an .xls formula whose
     * stored result is empty text, over LibreOffice's value): dropped. */
    for (size_t i = 0; i < b->n; i++) {
        kpi_sheet_build *s = &b->sheets[i];
        size_t w = 0;
        for (size_t k = 0; k < s->n; k++)
            if (s->cells[k].type != KPI_CELL_EMPTY)
                s->cells[w++] = s->cells[k];
        s->n = w;
    }
    kpi_xfree(b->alloc, b->views);
    b->views = kpi_xcalloc(b->alloc, b->n ? b->n : 1, sizeof *b->views);
    if (!b->views)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < b->n; i++) {
        b->views[i].name = b->sheets[i].name;
        b->views[i].cells = b->sheets[i].cells;
        b->views[i].n_cells = b->sheets[i].n;
    }
    return KPI_OK;
}

size_t kpi_sheets_count(const kpi_sheets *b)
{
    return b ? b->n : 0;
}

const kpi_sheet *kpi_sheets_get(const kpi_sheets *b, size_t i)
{
    return b && i < b->n ? &b->views[i] : NULL;
}

kpi_sheets_format kpi_sheets_format_of(const kpi_sheets *b)
{
    return b ? b->format : KPI_SHEETS_AUTO;
}

bool kpi_sheets_converted(const kpi_sheets *b)
{
    return b && b->converted;
}

const kpi_cell *kpi_sheet_find(const kpi_sheet *s, uint32_t row, uint32_t col)
{
    if (!s)
        return NULL;
    size_t lo = 0, hi = s->n_cells;
    kpi_cell key;
    key.row = row;
    key.col = col;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cell_order(&s->cells[mid], &key);
        if (c == 0)
            return &s->cells[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void kpi_cell_name(uint32_t row, uint32_t col, char buf[16])
{
    char letters[8];
    size_t n = 0;
    if (col == 0 || col > KPI_SHEETS_MAX_COL) {
        snprintf(buf, 16, "?%lu", (unsigned long)row);
        return;
    }
    while (col && n < sizeof letters) {
        col--;
        letters[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    size_t k = 0;
    while (n)
        buf[k++] = letters[--n];
    snprintf(buf + k, 16 - k, "%lu", (unsigned long)row);
}

/* ---- opening ----------------------------------------------------------- */

kpi_status kpi_sheets_slurp(const kpi_allocator *a, const char *path,
                            const char *label, unsigned char **data,
                            size_t *len, kpi_diagnostics *diags)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        return kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                            "cannot open: %s", strerror(e)) == KPI_OK
                   ? KPI_ERR_IO
                   : KPI_ERR_NOMEM;
    }
    size_t cap = 0, n = 0;
    unsigned char *buf = NULL;
    kpi_status st = KPI_OK;
    for (;;) {
        if (n == cap) {
            if (cap >= KPI_SHEETS_MAX_PART) {
                kpi_sheets over = {.limit = KPI_LIMIT_FILE};
                st = kpi_sheets_limit_report(&over, diags, label);
                break;
            }
            if (kpi_grow(a, (void **)&buf, &cap, cap ? cap * 2 : 65536, 1) !=
                KPI_OK) {
                st = KPI_ERR_NOMEM;
                break;
            }
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno;
                st = kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                                  "cannot read: %s", strerror(e)) == KPI_OK
                         ? KPI_ERR_IO
                         : KPI_ERR_NOMEM;
            }
            break;
        }
    }
    fclose(f);
    if (st != KPI_OK) {
        kpi_xfree(a, buf);
        return st;
    }
    *data = buf;
    *len = n;
    return KPI_OK;
}

static kpi_sheets_format sniff(const unsigned char *d, size_t n)
{
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                         0xA1, 0xB1, 0x1A, 0xE1};
    /* A zip: a local file header, or the end record of an empty one. */
    if (n >= 4 && d[0] == 'P' && d[1] == 'K' &&
        ((d[2] == 3 && d[3] == 4) || (d[2] == 5 && d[3] == 6)))
        return KPI_SHEETS_XLSX;
    if (n >= 8 && memcmp(d, ole, 8) == 0)
        return KPI_SHEETS_XLS;
    return KPI_SHEETS_CSV;
}

/* A bare BIFF stream: Excel 2.x-4.0 saved its files as one (BOF records
 * 0x0009, 0x0209, 0x0409, MS-XLS's predecessors); Excel 5 and later put
 * the workbook in a compound file. */
static bool old_excel(const unsigned char *d, size_t n)
{
    if (n < 8 || d[0] != 0x09 ||
        (d[1] != 0x00 && d[1] != 0x02 && d[1] != 0x04 && d[1] != 0x08))
        return false;
    size_t size = (size_t)(d[2] | (d[3] << 8));
    return size >= 4 && size <= 20 && n >= 4 + size;
}

static kpi_status open_common(const char *path, const unsigned char *data,
                              size_t len, const kpi_sheets_options *o,
                              kpi_sheets **out, kpi_diagnostics *diags)
{
    const kpi_allocator *a = o ? o->allocator : NULL;
    const char *label = o && o->label ? o->label : path ? path : "workbook";
    if (len == 0)
        return kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                                   "the file is empty (0 bytes): check that "
                                   "the right file was given, or save it "
                                   "again") == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    kpi_sheets_format fmt = o && o->format ? o->format : sniff(data, len);
    if (fmt == KPI_SHEETS_CSV && !(o && o->format) && old_excel(data, len))
        return kpi_diagnostics_add(
                   diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                   "this is a file from Excel 2.x-4.0 (before 1993), which "
                   "kpi does not read: open it in Excel or LibreOffice and "
                   "save it as .xlsx") == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    kpi_sheets *b = kpi_sheets_new(a);
    if (!b)
        return KPI_ERR_NOMEM;
    b->format = fmt;
    kpi_status st = KPI_OK;
    char tmp[] = "/tmp/kpi-xls-XXXXXX";
    bool made_tmp = false;
    switch (fmt) {
    case KPI_SHEETS_XLSX:
    case KPI_SHEETS_AUTO:
        st = kpi_sheets_read_xlsx(b, data, len, label, diags);
        break;
    case KPI_SHEETS_CSV:
        st = kpi_sheets_read_csv(b, (const char *)data, len, label, diags);
        break;
    case KPI_SHEETS_XLS:
        if (!path) {
            /* freexl reads files only. */
            int fd = mkstemp(tmp);
            if (fd < 0) {
                st = KPI_ERR_IO;
                break;
            }
            made_tmp = true;
            size_t done = 0;
            while (done < len) {
                ssize_t w = write(fd, data + done, len - done);
                if (w <= 0)
                    break;
                done += (size_t)w;
            }
            close(fd);
            if (done < len) {
                st = KPI_ERR_IO;
                break;
            }
            path = tmp;
        }
        st = kpi_sheets_read_xls(b, path, o, label, diags);
        break;
    }
    if (made_tmp)
        unlink(tmp);
    if (st == KPI_ERR_RANGE) /* a limit no back end named */
        st = kpi_sheets_limit_report(b, diags, label);
    if (st == KPI_OK)
        st = finish_book(b);
    if (st != KPI_OK) {
        kpi_sheets_free(b);
        return st;
    }
    *out = b;
    return KPI_OK;
}

kpi_status kpi_sheets_open(const char *path, const kpi_sheets_options *o,
                           kpi_sheets **out, kpi_diagnostics *diags)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (!path)
        return KPI_ERR_ARG;
    const kpi_allocator *a = o ? o->allocator : NULL;
    const char *label = o && o->label ? o->label : path;
    unsigned char *data = NULL;
    size_t len = 0;
    kpi_status st = kpi_sheets_slurp(a, path, label, &data, &len, diags);
    if (st != KPI_OK)
        return st;
    st = open_common(path, data, len, o, out, diags);
    kpi_xfree(a, data);
    return st;
}

kpi_status kpi_sheets_open_buffer(const void *data, size_t len,
                                  const kpi_sheets_options *o,
                                  kpi_sheets **out, kpi_diagnostics *diags)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (!data && len)
        return KPI_ERR_ARG;
    return open_common(NULL, data ? data : "", len, o, out, diags);
}
