/* sheet_xls.c - reading an .xls (BIFF) workbook as Excel saved it.
 *
 * freexl 1.0.6 reads text, numbers and dates but gives formula cells as
 * empty; biff.c reads each formula's result as Excel stored it, and
 * that is the cell's value: never a recalculation. biff.c also tells a
 * password-protected file (and an encrypted .xlsx, which is a compound
 * file too) from a workbook. Only a file freexl cannot open is converted
 * with LibreOffice headless (soffice.c); its formula cells then still get
 * the stored results, and a formula cell with no stored result kpi can
 * read stays KPI_CELL_FORMULA for the caller to name: never 0.
 *
 * FreeXL 2 reads .xlsx as well (freexl_open_xlsx); with KPI_HAVE_FREEXL2
 * defined (sheet_internal.h) read_with_freexl() serves both formats. */
#include "sheet_internal.h"

#include <errno.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

typedef int (*freexl_open_fn)(const char *path, const void **handle);

#define KPI_XLS_PASSWORD                                                       \
    "the workbook is protected with a password: remove it and save again "   \
    "(in Excel: File, Info, Protect Workbook, Encrypt with Password, clear "  \
    "the password)"

static kpi_status xls_error(kpi_diagnostics *diags, const char *label,
                            const char *what)
{
    return kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL, "%s",
                        what) == KPI_OK
               ? KPI_ERR_INPUT
               : KPI_ERR_NOMEM;
}

/* freexl gives a shared string as a pointer into its own table, the
 * same pointer for every cell showing it: a direct-mapped cache by that
 * pointer stores each once in the book (a collision costs only a second
 * copy), so 60,000 cells showing one long string hold one copy. */
#define SST_CACHE 4096

typedef struct sst_slot {
    const char *key; /* freexl's pointer */
    const char *copy; /* the book's */
    size_t len;
} sst_slot;

static kpi_status add_shared(kpi_sheets *b, kpi_sheet_build *s,
                             const kpi_cell *cell, const char *text,
                             sst_slot *cache)
{
    sst_slot *slot = &cache[((uintptr_t)text >> 4) % SST_CACHE];
    if (slot->key == text)
        return kpi_sheets_add_cell_ref(b, s, cell, slot->copy, slot->len);
    kpi_status st = kpi_sheets_add_cell(b, s, cell, text, strlen(text));
    if (st == KPI_OK) {
        slot->key = text;
        slot->copy = s->cells[s->n - 1].text;
        slot->len = s->cells[s->n - 1].len;
    }
    return st;
}

/* Reads every sheet with freexl. Cells freexl gives as NULL are left out
 * here; the caller decides what they are. */
static kpi_status read_with_freexl(kpi_sheets *b, const char *path,
                                   freexl_open_fn open_fn, const char *label,
                                   kpi_diagnostics *diags)
{
    const void *h = NULL;
    int rc = open_fn(path, &h);
    /* An .xls with an embedded chart gave FREEXL_OK and no handle
     * (PLATFORM.md): check both. */
    if (rc != FREEXL_OK || !h) {
        if (h)
            freexl_close(h);
        return KPI_ERR_NOT_AVAILABLE; /* the caller says what now */
    }
    kpi_status st = KPI_OK;
    sst_slot *cache = kpi_xcalloc(b->alloc, SST_CACHE, sizeof *cache);
    if (!cache) {
        freexl_close(h);
        return KPI_ERR_NOMEM;
    }
    unsigned int info = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
        info == FREEXL_BIFF_OBFUSCATED) {
        st = xls_error(diags, label, KPI_XLS_PASSWORD);
        goto done;
    }
    unsigned int n_sheets = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n_sheets) != FREEXL_OK) {
        st = xls_error(diags, label, "cannot list the sheets of the workbook");
        goto done;
    }
    for (unsigned int i = 0; i < n_sheets && st == KPI_OK; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, (unsigned short)i, &name) !=
                FREEXL_OK ||
            freexl_select_active_worksheet(h, (unsigned short)i) !=
                FREEXL_OK) {
            st = xls_error(diags, label, "cannot read a sheet's name");
            break;
        }
        kpi_sheet_build *s =
            kpi_sheets_add_sheet(b, name ? name : "", name ? strlen(name) : 0);
        if (!s) {
            st = b->limit == KPI_LIMIT_SHEETS
                     ? kpi_sheets_limit_report(b, diags, label)
                     : KPI_ERR_NOMEM;
            break;
        }
        unsigned int rows = 0;
        unsigned short cols = 0;
        if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
            continue;
        if (rows > KPI_SHEETS_MAX_ROW)
            rows = KPI_SHEETS_MAX_ROW;
        for (unsigned int r = 0; r < rows && st == KPI_OK; r++) {
            for (unsigned int c = 0; c < cols && st == KPI_OK; c++) {
                FreeXL_CellValue v;
                if (freexl_get_cell_value(h, r, (unsigned short)c, &v) !=
                    FREEXL_OK)
                    continue;
                kpi_cell cell;
                memset(&cell, 0, sizeof cell);
                cell.row = r + 1;
                cell.col = c + 1;
                cell.date = KPI_DATE_NONE;
                const char *text = NULL;
                switch (v.type) {
                case FREEXL_CELL_INT:
                    cell.type = KPI_CELL_NUMBER;
                    cell.number = v.value.int_value;
                    break;
                case FREEXL_CELL_DOUBLE:
                    cell.type = KPI_CELL_NUMBER;
                    cell.number = v.value.double_value;
                    break;
                case FREEXL_CELL_TEXT:
                case FREEXL_CELL_SST_TEXT:
                case FREEXL_CELL_TIME:
                    cell.type = KPI_CELL_TEXT;
                    text = v.value.text_value;
                    break;
                case FREEXL_CELL_DATE:
                case FREEXL_CELL_DATETIME:
                    /* "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS" */
                    text = v.value.text_value;
                    if (text && strlen(text) >= 10 &&
                        kpi_date_parse(text, 10, &cell.date) == KPI_OK) {
                        cell.type = KPI_CELL_DATE;
                        text = NULL;
                    } else {
                        cell.type = KPI_CELL_TEXT;
                    }
                    break;
                default:
                    continue; /* NULL: empty, or a formula */
                }
                if (cell.type == KPI_CELL_TEXT && (!text || !*text))
                    continue;
                st = v.type == FREEXL_CELL_SST_TEXT
                         ? add_shared(b, s, &cell, text, cache)
                         : kpi_sheets_add_cell(b, s, &cell, text,
                                               text ? strlen(text) : 0);
                if (st == KPI_ERR_RANGE)
                    st = kpi_sheets_limit_report(b, diags, label);
            }
        }
    }
done:
    freexl_close(h);
    kpi_xfree(b->alloc, cache);
    return st;
}

/* ---- freexl in a child process ------------------------------------------
 * freexl 1.0.6 crashes on some damaged .xls files (a segmentation fault
 * and a stack-buffer underflow in its codepage conversion, found by
 * fuzz/fuzz_xls.c: docs/FUZZING.md). A damaged budget must give an error,
 * not kill kpi, so freexl runs in a forked child that sends the cells
 * back through a pipe; if the child dies, the file is reported as
 * damaged. (fork in a multi-threaded host is safe here only because the
 * child's allocations use the default allocator and it ends with _exit;
 * the kpi command is single-threaded.) */

typedef struct wire {
    unsigned char *d;
    size_t len, pos;
} wire;

static bool put(FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n;
}

static bool put_text(FILE *f, char tag, const char *s, size_t n)
{
    uint32_t len = (uint32_t)n;
    return put(f, &tag, 1) && put(f, &len, 4) && put(f, s, n);
}

/* A text of the child's book and its number on the wire. */
typedef struct text_no {
    const char *p;
    uint32_t no;
} text_no;

static int text_no_order(const void *x, const void *y)
{
    uintptr_t a = (uintptr_t)((const text_no *)x)->p;
    uintptr_t b = (uintptr_t)((const text_no *)y)->p;
    return a < b ? -1 : a > b;
}

/* The wire: 'E' messages; every text of the book once ('X', numbered
 * from 0 in order); per sheet 'S' and its cells ('C' with the number of
 * their text, UINT32_MAX for none); 'R' and the status. A shared string
 * crosses the pipe once, however many cells show it. */
static void child_run(int fd, const char *path, const char *label)
{
    FILE *f = fdopen(fd, "wb");
    if (!f)
        _exit(2);
    kpi_sheets *b = kpi_sheets_new(NULL);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    if (!b || !d)
        _exit(2);
    int32_t st = (int32_t)read_with_freexl(b, path, freexl_open, label, d);
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++) {
        const char *m = kpi_diagnostics_get(d, i)->message;
        if (!put_text(f, 'E', m, strlen(m)))
            _exit(2);
    }
    text_no *nos = kpi_xcalloc(NULL, b->n_texts ? b->n_texts : 1,
                               sizeof *nos);
    if (!nos)
        _exit(2);
    for (size_t i = 0; st == KPI_OK && i < b->n_texts; i++) {
        nos[i].p = b->texts[i];
        nos[i].no = (uint32_t)i;
        if (!put_text(f, 'X', b->texts[i], strlen(b->texts[i])))
            _exit(2);
    }
    qsort(nos, b->n_texts, sizeof *nos, text_no_order);
    for (size_t i = 0; st == KPI_OK && i < b->n; i++) {
        const kpi_sheet_build *s = &b->sheets[i];
        if (!put_text(f, 'S', s->name, strlen(s->name)))
            _exit(2);
        for (size_t k = 0; k < s->n; k++) {
            const kpi_cell *c = &s->cells[k];
            uint32_t rc[2] = {c->row, c->col};
            unsigned char type = (unsigned char)c->type;
            int32_t date = c->date;
            text_no key = {c->text, 0};
            const text_no *t =
                c->len ? bsearch(&key, nos, b->n_texts, sizeof *nos,
                                 text_no_order)
                       : NULL;
            uint32_t no = t ? t->no : UINT32_MAX;
            if (!put(f, "C", 1) || !put(f, rc, 8) || !put(f, &type, 1) ||
                !put(f, &c->number, sizeof c->number) || !put(f, &date, 4) ||
                !put(f, &no, 4))
                _exit(2);
        }
    }
    if (!put(f, "R", 1) || !put(f, &st, 4) || fclose(f) != 0)
        _exit(2);
    _exit(0);
}

static bool get(wire *w, void *p, size_t n)
{
    if (w->len - w->pos < n)
        return false;
    memcpy(p, w->d + w->pos, n);
    w->pos += n;
    return true;
}

static bool get_text(wire *w, char tag, const char **s, size_t *n)
{
    char t;
    uint32_t len;
    if (!get(w, &t, 1) || t != tag || !get(w, &len, 4) ||
        w->len - w->pos < len)
        return false;
    *s = (const char *)w->d + w->pos;
    *n = len;
    w->pos += len;
    return true;
}

static kpi_status read_isolated(kpi_sheets *b, const char *path,
                                const char *label, kpi_diagnostics *diags)
{
    int fds[2];
    if (pipe(fds) != 0)
        return KPI_ERR_IO;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return KPI_ERR_IO;
    }
    if (pid == 0) {
        close(fds[0]);
        child_run(fds[1], path, label);
    }
    close(fds[1]);
    wire w = {NULL, 0, 0};
    size_t cap = 0;
    kpi_status st = KPI_OK;
    for (;;) {
        if (cap - w.len < 65536 &&
            kpi_grow(b->alloc, (void **)&w.d, &cap, cap ? cap * 2 : 131072,
                     1) != KPI_OK) {
            st = KPI_ERR_NOMEM;
            break;
        }
        ssize_t got = read(fds[0], w.d + w.len, cap - w.len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        w.len += (size_t)got;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (st == KPI_OK && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
        kpi_xfree(b->alloc, w.d);
        return KPI_ERR_NOT_AVAILABLE; /* damaged: as a file not opened */
    }
    kpi_sheet_build *sheet = NULL;
    int32_t result = -1;
    size_t base = b->n_texts, *lens = NULL, n_lens = 0, cap_lens = 0;
    while (st == KPI_OK && w.pos < w.len) {
        char tag = (char)w.d[w.pos];
        const char *s;
        size_t n;
        if (tag == 'E' && get_text(&w, 'E', &s, &n)) {
            if (kpi_diagnostics_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                             "%.*s", (int)n, s) != KPI_OK)
                st = KPI_ERR_NOMEM;
        } else if (tag == 'S' && get_text(&w, 'S', &s, &n)) {
            sheet = kpi_sheets_add_sheet(b, s, n);
            if (!sheet)
                st = KPI_ERR_NOMEM;
        } else if (tag == 'X' && get_text(&w, 'X', &s, &n)) {
            char *copy = kpi_xstrndup(b->alloc, s, n);
            if (!copy || kpi_grow(b->alloc, (void **)&lens, &cap_lens,
                                  n_lens + 1, sizeof *lens) != KPI_OK) {
                kpi_xfree(b->alloc, copy);
                st = KPI_ERR_NOMEM;
                break;
            }
            lens[n_lens] = strlen(copy);
            st = kpi_sheets_adopt_text(b, copy, lens[n_lens]);
            n_lens++;
        } else if (tag == 'C' && sheet) {
            kpi_cell c;
            memset(&c, 0, sizeof c);
            uint32_t rc[2], no;
            unsigned char type;
            int32_t date;
            w.pos++;
            if (!get(&w, rc, 8) || !get(&w, &type, 1) ||
                !get(&w, &c.number, sizeof c.number) || !get(&w, &date, 4) ||
                !get(&w, &no, 4) || (no != UINT32_MAX && no >= n_lens)) {
                st = KPI_ERR_IO;
                break;
            }
            c.row = rc[0];
            c.col = rc[1];
            c.type = (kpi_cell_type)type;
            c.date = date;
            /* The text the child sent once, now the book's. */
            st = no == UINT32_MAX
                     ? kpi_sheets_add_cell_ref(b, sheet, &c, NULL, 0)
                     : kpi_sheets_add_cell_ref(b, sheet, &c,
                                               b->texts[base + no], lens[no]);
        } else if (tag == 'R') {
            w.pos++;
            if (!get(&w, &result, 4))
                st = KPI_ERR_IO;
            break;
        } else {
            st = KPI_ERR_IO;
        }
    }
    kpi_xfree(b->alloc, w.d);
    kpi_xfree(b->alloc, lens);
    if (st != KPI_OK)
        return st;
    return result < 0 ? KPI_ERR_IO : (kpi_status)result;
}

static kpi_sheet_build *find_sheet(kpi_sheets *b, const char *name)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->sheets[i].name, name) == 0)
            return &b->sheets[i];
    return NULL;
}

/* Every formula cell gets the result Excel stored for it, over what the
 * book had there (nothing from freexl; a recalculated value from
 * LibreOffice): the later cell wins when the book is finished, and an
 * empty text result (an EMPTY cell) leaves the place empty. With
 * constants, the typed booleans and errors too (over LibreOffice's
 * =#N/A formulas). */
static kpi_status put_stored(kpi_sheets *b, const kpi_biff_formulas *f,
                             bool constants)
{
    for (size_t i = 0; i < f->count; i++) {
        const kpi_biff_formula *it = &f->items[i];
        kpi_sheet_build *s = find_sheet(b, it->sheet);
        if (!s || (!it->formula && !constants))
            continue;
        kpi_cell cell = {.row = it->row, .col = it->col, .type = it->type,
                         .formula = it->formula, .number = it->number,
                         .date = it->date};
        kpi_status st = kpi_sheets_add_cell(b, s, &cell, it->text,
                                            it->text ? strlen(it->text) : 0);
        if (st == KPI_ERR_RANGE && b->limit == KPI_LIMIT_NONE)
            st = KPI_OK; /* out of Excel's grid: no budget cell is there */
        if (st != KPI_OK)
            return st;
    }
    return KPI_OK;
}

/* LibreOffice's formula results are its own recalculation: each formula
 * cell is unread until a stored result replaces it (put_stored). */
static void forget_recalculated(kpi_sheets *b)
{
    for (size_t i = 0; i < b->n; i++)
        for (size_t k = 0; k < b->sheets[i].n; k++) {
            kpi_cell *c = &b->sheets[i].cells[k];
            if (!c->formula)
                continue;
            c->type = KPI_CELL_FORMULA;
            c->number = 0;
            c->date = KPI_DATE_NONE;
            c->text = "";
            c->len = 0;
        }
}

/* The file as LibreOffice reads it, with Excel's stored results over its
 * formula cells (f NULL: none could be read; every formula cell is then
 * named as unread). */
static kpi_status read_converted(kpi_sheets *b, const char *path,
                                 const kpi_sheets_options *o,
                                 const kpi_biff_formulas *f,
                                 const char *label, kpi_diagnostics *diags)
{
    kpi_sheets_clear(b);
    kpi_status st = kpi_soffice_convert_read(b, path, o, label, diags);
    if (st != KPI_OK)
        return st;
    b->format = KPI_SHEETS_XLSX;
    b->converted = true;
    forget_recalculated(b);
    return f ? put_stored(b, f, true) : KPI_OK;
}

kpi_status kpi_sheets_read_xls(kpi_sheets *b, const char *path,
                               const kpi_sheets_options *o, const char *label,
                               kpi_diagnostics *diags)
{
    /* What the file is and the stored formula results, from the file's
     * own records; read before freexl runs, so the scan (kpi's code, in
     * this process) sees every file, also one freexl then refuses. */
    unsigned char *data = NULL;
    size_t len = 0;
    kpi_status st = kpi_sheets_slurp(b->alloc, path, label, &data, &len,
                                     diags);
    if (st != KPI_OK)
        return st;
    kpi_biff_formulas f;
    kpi_status scan = kpi_biff_find_formulas(b->alloc, data, len, &f);
    kpi_xfree(b->alloc, data);
    if (scan == KPI_ERR_NOMEM)
        return scan;
    const char *refuse = NULL;
    if (scan == KPI_OK && f.kind == KPI_BIFF_PASSWORD)
        refuse = KPI_XLS_PASSWORD;
    else if (scan == KPI_OK && f.kind == KPI_BIFF_ENCRYPTED_OOXML)
        refuse = "the workbook is protected with a password (an encrypted "
                 ".xlsx): remove it and save again (in Excel: File, Info, "
                 "Protect Workbook, Encrypt with Password, clear the "
                 "password)";
    else if (scan == KPI_OK && f.kind == KPI_BIFF_NOT_A_WORKBOOK)
        refuse = "this is not an Excel workbook but another Office file "
                 "(such as a Word document): give kpi the workbook, saved "
                 "as .xlsx";
    if (refuse) {
        kpi_biff_formulas_free(b->alloc, &f);
        return xls_error(diags, label, refuse);
    }
    char buf[4096];
    bool soffice = kpi_soffice_find(o, buf, sizeof buf) != NULL;
    st = read_isolated(b, path, label, diags);
    if (st == KPI_OK && scan == KPI_OK) {
        st = put_stored(b, &f, false);
    } else if (st == KPI_OK) {
        /* kpi cannot follow the file's records, so any empty cell might
         * be a formula: LibreOffice finds them, and names them unread. */
        st = soffice ? read_converted(b, path, o, NULL, label, diags)
                     : xls_error(diags, label,
                                 "kpi cannot tell which cells of this .xls "
                                 "hold formulas; open it in Excel or "
                                 "LibreOffice and save it as .xlsx");
    } else if (st == KPI_ERR_NOT_AVAILABLE) {
        /* Damaged, or a kind of .xls the cell reader does not know. */
        st = soffice ? read_converted(b, path, o, scan == KPI_OK ? &f : NULL,
                                      label, diags)
                     : xls_error(diags, label,
                                 "kpi cannot read this .xls file (it may "
                                 "be damaged, or written by a program "
                                 "other than Excel); open it in Excel or "
                                 "LibreOffice and save it as .xlsx");
    }
    if (scan == KPI_OK)
        kpi_biff_formulas_free(b->alloc, &f);
    return st;
}

#ifdef KPI_HAVE_FREEXL2
/* FreeXL 2: .xlsx through freexl_open_xlsx. Call this from
 * sheet_reader.c's open_common() for KPI_SHEETS_XLSX instead of
 * kpi_sheets_read_xlsx() (path is then required: write a buffer to a
 * temporary file as the .xls case does). */
kpi_status kpi_sheets_read_xlsx_freexl(kpi_sheets *b, const char *path,
                                       const char *label,
                                       kpi_diagnostics *diags);
kpi_status kpi_sheets_read_xlsx_freexl(kpi_sheets *b, const char *path,
                                       const char *label,
                                       kpi_diagnostics *diags)
{
    kpi_status st = read_with_freexl(b, path, freexl_open_xlsx, label, diags);
    return st == KPI_ERR_NOT_AVAILABLE
               ? xls_error(diags, label, "not a readable .xlsx workbook; "
                                         "open it in Excel or LibreOffice "
                                         "and save it again as .xlsx")
               : st;
}
#endif
