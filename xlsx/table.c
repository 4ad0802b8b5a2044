/*
 * table.c - writes one table of a template onto its sheet.
 *
 * The rule that makes the workbooks trustworthy in both spreadsheet
 * programs: a formula is written only where its result is known to be
 * kpi's number. A deviation or percentage column is a formula over the
 * row's own cells with kpi's value stored as its result; a total is
 * SUBTOTAL(9, members) stored with kpi's total, and only when the members
 * add up to that total exactly (amounts in øre, counts as integers).
 * Where that does not hold (full-year recipients are not additive, a
 * member is masked or not available) the cell holds kpi's value itself.
 * LibreOffice shows the stored results without recalculating
 * (PLATFORM.md); tests/e2e/workbook_recalc.sh makes it recalculate and
 * checks that nothing changes.
 */
#include "render.h"

#include "look.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What was written in one cell, for the totals and formulas after it. */
typedef struct cellv {
    bool numeric;
    kpi_value_kind kind;
    int64_t integer; /* øre or count */
    double real;
    bool subtotal;   /* a SUBTOTAL formula (left out by an outer SUBTOTAL) */
    bool masked;     /* the privacy's mark ("<5", "..") */
} cellv;

typedef enum row_role { ROLE_MEMBER, ROLE_SUBTOTAL, ROLE_TOTAL } row_role;

typedef struct member {
    const char *code;
    const char *code2;    /* the second member of a pair (within); NULL */
    const char *name;     /* display name */
    const char *category; /* for group = category; NULL otherwise */
    double sort_value;
    size_t rank;          /* its place in the template's [names.DIMENSION]
                             (age groups in age order); SIZE_MAX if none */
    size_t order;         /* first appearance in kpi's export order */
    bool by_name;
} member;

typedef struct table_ctx {
    render *r;
    const book_table *tb;
    size_t sheet;
    lxw_worksheet *ws;
    int ncols;                        /* visible columns */
    const book_column *cols[BOOK_MAX_COLS];
    int header_row; /* -1 for a table without one (items) */
    int first_data_row;
    cellv *cells; /* rows x ncols for the rows written so far */
    size_t n_rows, cap_rows;
} table_ctx;

static double kroner(int64_t ore)
{
    return (double)ore / 100.0;
}

static double cell_number(const cellv *c)
{
    if (c->kind == KPI_VALUE_MONEY)
        return kroner(c->integer);
    if (c->kind == KPI_VALUE_COUNT)
        return (double)c->integer;
    return c->real;
}

static cellv row_cell(const kpi_row *row)
{
    cellv c = {0};
    if (!row || row->kind == KPI_VALUE_TEXT)
        return c;
    c.numeric = true;
    c.kind = row->kind;
    c.integer = row->integer;
    c.real = row->real;
    return c;
}

static lxw_format *fmt_for(const render *r, row_role role, book_format f)
{
    return role == ROLE_TOTAL      ? r->total[f]
           : role == ROLE_SUBTOTAL ? r->subtotal[f]
                                   : r->cell[f];
}

static void write_text(table_ctx *tc, int row, int col, const char *text,
                       lxw_format *fmt)
{
    if (col == 0) {
        kpi_xlsx_render_label(tc->r, tc->sheet, row, text, fmt);
        return;
    }
    kpi_xlsx_render_check(tc->r,
                          worksheet_write_string(tc->ws, (lxw_row_t)row,
                                                 (lxw_col_t)col, text, fmt));
    kpi_xlsx_render_fit(tc->r, tc->sheet, col, kpi_xlsx_text_width(text));
}

static void write_number(table_ctx *tc, int row, int col, double v,
                         book_format f, lxw_format *fmt)
{
    kpi_xlsx_render_check(
        tc->r,
        worksheet_write_number(tc->ws, (lxw_row_t)row, (lxw_col_t)col, v, fmt));
    kpi_xlsx_render_fit(tc->r, tc->sheet, col, kpi_xlsx_number_width(v, f));
}

static void write_formula(table_ctx *tc, int row, int col, const char *formula,
                          double v, book_format f, lxw_format *fmt)
{
    kpi_xlsx_render_check(
        tc->r, worksheet_write_formula_num(tc->ws, (lxw_row_t)row,
                                           (lxw_col_t)col, formula, fmt, v));
    kpi_xlsx_render_fit(tc->r, tc->sheet, col, kpi_xlsx_number_width(v, f));
}

/* The Danish word of a status row ("Grøn"), libkpi's one table of them;
 * any other text as it is. */
static const char *status_text(const kpi_row *kr)
{
    kpi_target_status s = kpi_row_target_status(kr);
    return s != KPI_TARGET_NONE ? kpi_target_status_name(s)
                                : kr->text ? kr->text : "";
}

/* Writes kpi's row as a value: a number, a status word, the mask or the
 * not-available mark. Returns what the cell holds. */
static cellv write_value(table_ctx *tc, int row, int col, const kpi_row *kr,
                         book_format f, lxw_format *fmt, bool blank_missing)
{
    render *r = tc->r;
    cellv none = {0};
    if (!kr) {
        /* A table's own word ("mangler": the comparison says what is
         * missing and why), else the workbook's. */
        const char *na = tc->tb && tc->tb->missing ? tc->tb->missing
                                                   : r->t->not_available;
        if (!blank_missing) {
            write_text(tc, row, col, na,
                       na == r->t->not_available ? fmt : r->mask_cell);
            kpi_xlsx_render_mark(r, tc->sheet, na);
        }
        return none;
    }
    const char *mask =
        r->in->row_mask ? r->in->row_mask(kr, r->in->hook_ctx) : NULL;
    if (mask) {
        kpi_xlsx_render_mark(r, tc->sheet, mask);
        /* "<5" stands where a number would: right-aligned like one. */
        lxw_format *mf = fmt == r->total[f]      ? r->mask_total
                         : fmt == r->subtotal[f] ? r->mask_subtotal
                                                 : r->mask_cell;
        write_text(tc, row, col, mask, mf);
        none.masked = true;
        return none;
    }
    if (kr->kind == KPI_VALUE_TEXT) {
        write_text(tc, row, col, status_text(kr), fmt);
        return none;
    }
    cellv c = row_cell(kr);
    write_number(tc, row, col, cell_number(&c), f, fmt);
    return c;
}

bool kpi_xlsx_table_value(render *r, size_t s, int row, int col,
                          const kpi_row *kr, book_format f)
{
    table_ctx tc = {0};
    tc.r = r;
    tc.sheet = s;
    tc.ws = r->sheets[s].ws;
    return write_value(&tc, row, col, kr, f, r->cell[f], false).numeric;
}

static cellv *cells_row(table_ctx *tc, size_t i)
{
    return &tc->cells[i * (size_t)tc->ncols];
}

static bool add_cells_row(table_ctx *tc)
{
    if (!kpi_xlsx_book_grow((void **)&tc->cells, &tc->cap_rows, tc->n_rows,
                            sizeof(cellv) * (size_t)tc->ncols)) {
        tc->r->res.status = KPI_ERR_NOMEM;
        return false;
    }
    memset(cells_row(tc, tc->n_rows), 0, sizeof(cellv) * (size_t)tc->ncols);
    tc->n_rows++;
    return true;
}

static int col_index(const table_ctx *tc, const char *id, size_t len)
{
    for (int i = 0; i < tc->ncols; i++)
        if (strlen(tc->cols[i]->id) == len &&
            !memcmp(tc->cols[i]->id, id, len))
            return i;
    return -1;
}

/* Column letters: 0 -> "A", 26 -> "AA". buf holds 8 bytes. */
static void book_col_name(int col, char buf[8])
{
    char tmp[8];
    int n = 0;
    col++;
    while (col > 0 && n < 7) {
        int r = (col - 1) % 26;
        tmp[n++] = (char)('A' + r);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

/* A string being built, NUL-terminated once book_text_init succeeded;
 * the caller frees s. */
typedef struct book_text {
    char *s;
    size_t len, cap;
} book_text;

/* An empty text with room for cap bytes; false when out of memory. */
static bool book_text_init(book_text *t, size_t cap)
{
    t->len = 0;
    t->cap = cap ? cap : 1;
    t->s = malloc(t->cap);
    if (t->s)
        t->s[0] = '\0';
    return t->s != NULL;
}

/* Appends n bytes of src; false when out of memory, and then t->s has
 * been freed (NULL). */
static bool book_text_add(book_text *t, const char *src, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *q = realloc(t->s, cap);
        if (!q) {
            free(t->s);
            t->s = NULL;
            return false;
        }
        t->s = q;
        t->cap = cap;
    }
    memcpy(t->s + t->len, src, n);
    t->len += n;
    t->s[t->len] = '\0';
    return true;
}

/* Expands "{booked}-{phased}" for sheet row `row`: "=E7-D7". NULL when a
 * referenced cell of the row is not a number (or out of memory). */
static char *expand_formula(table_ctx *tc, const char *formula, int row,
                            const cellv *rowcells)
{
    book_text out;
    if (!book_text_init(&out, strlen(formula) * 2 + 32) ||
        !book_text_add(&out, "=", 1)) {
        tc->r->res.status = KPI_ERR_NOMEM;
        return NULL;
    }
    for (const char *p = formula; *p;) {
        char piece[32];
        const char *src = p;
        size_t n = 1;
        if (*p == '{') {
            const char *close = strchr(p, '}');
            int ci = close ? col_index(tc, p + 1, (size_t)(close - p - 1)) : -1;
            if (ci < 0 || !rowcells[ci].numeric) {
                free(out.s);
                return NULL;
            }
            char letters[8];
            book_col_name(ci + 1, letters);
            snprintf(piece, sizeof piece, "%s%d", letters, row + 1);
            src = piece;
            n = strlen(piece);
            p = close + 1;
        } else {
            p++;
        }
        if (!book_text_add(&out, src, n)) {
            tc->r->res.status = KPI_ERR_NOMEM;
            return NULL;
        }
    }
    return out.s;
}

/* The kpi row of column c for a table row with this breakdown. */
static const kpi_row *lookup(table_ctx *tc, const book_column *c,
                             const char *breakdown)
{
    if (!c->value.kpi_id)
        return NULL;
    char *period = kpi_xlsx_render_expand(tc->r, c->value.period);
    if (!period)
        return NULL;
    const kpi_row *kr = kpi_xlsx_rowindex_find(
        tc->r, c->value.kpi_id, period,
        c->value.breakdown ? c->value.breakdown : breakdown, c->value.stat);
    free(period);
    return kr;
}

/* Do the numeric cells of the rows [from, to) in column ci add up exactly
 * to kr (or, without kr, to anything at all)? *sum_out gets their sum. */
static bool sums_to(table_ctx *tc, int ci, size_t from, size_t to,
                    const kpi_row *kr, const bool *skip, cellv *sum_out)
{
    int64_t isum = 0;
    double rsum = 0;
    bool have_kind = kr != NULL;
    kpi_value_kind kind = kr ? kr->kind : KPI_VALUE_MONEY;
    bool any = false;
    for (size_t i = from; i < to; i++) {
        const cellv *c = &cells_row(tc, i)[ci];
        if (skip && skip[i]) {
            /* An outer SUBTOTAL skips inner SUBTOTALs but would count a
             * subtotal that had to be written as a plain value. */
            if (c->numeric && !c->subtotal)
                return false;
            continue;
        }
        /* A sum over a hidden member is no sum to show (and, beside the
         * members shown, would give the hidden one away). */
        if (c->masked)
            return false;
        if (!c->numeric)
            continue;
        if (!have_kind) {
            kind = c->kind;
            have_kind = true;
        }
        any = true;
        if (c->kind != kind)
            return false;
        isum += c->integer;
        rsum += c->real;
    }
    *sum_out = (cellv){true, kind, isum, rsum, true, false};
    if (!kr)
        return any;
    if (kind == KPI_VALUE_REAL)
        return fabs(rsum - kr->real) <= 1e-9 * fmax(1.0, fabs(kr->real));
    return isum == kr->integer;
}

static bool any_masked(table_ctx *tc, int ci, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (cells_row(tc, i)[ci].masked)
            return true;
    return false;
}

/* Writes column ci of a total or subtotal row at sheet row `row`. The
 * members are the table rows [from, to) (skip marks subtotal rows inside
 * the range, which SUBTOTAL leaves out by itself). */
static void write_total_cell(table_ctx *tc, int row, int ci, size_t from,
                             size_t to, const bool *skip, row_role role,
                             const char *breakdown, cellv *rowcells)
{
    const book_column *c = tc->cols[ci];
    render *r = tc->r;
    const kpi_row *kr = lookup(tc, c, breakdown);
    lxw_format *fmt = fmt_for(r, role, c->format);
    book_total mode = c->total;
    if (mode == TOTAL_AUTO)
        mode = c->formula ? TOTAL_AUTO : TOTAL_VALUE;
    if (c->field && mode == TOTAL_VALUE)
        mode = TOTAL_NONE; /* disposition fields have no kpi total row */
    const char *mask = kr && r->in->row_mask
                           ? r->in->row_mask(kr, r->in->hook_ctx)
                           : NULL;
    if (mode == TOTAL_NONE) {
        kpi_xlsx_render_check(r,
                              worksheet_write_blank(tc->ws, (lxw_row_t)row,
                                                    (lxw_col_t)(ci + 1), fmt));
        return;
    }
    if (mode == TOTAL_SUM && !mask) {
        cellv sum;
        if (to > from && sums_to(tc, ci, from, to, kr, skip, &sum)) {
            char a[8], f[96];
            book_col_name(ci + 1, a);
            snprintf(f, sizeof f, "=SUBTOTAL(9,%s%d:%s%d)", a,
                     tc->first_data_row + (int)from + 1, a,
                     tc->first_data_row + (int)to);
            cellv v = kr ? row_cell(kr) : sum;
            v.subtotal = true;
            write_formula(tc, row, ci + 1, f, cell_number(&v), c->format, fmt);
            rowcells[ci] = v;
            return;
        }
    }
    if (mode == TOTAL_AUTO && c->formula) {
        rowcells[ci] = (cellv){0};
        return; /* written with the row's formulas, after the values */
    }
    if (mode == TOTAL_SUM && !kr && any_masked(tc, ci, from, to)) {
        /* A total kpi has no row for (a quarter's months) over a hidden
         * month: hidden too. */
        kpi_xlsx_render_mark(r, tc->sheet, "..");
        write_text(tc, row, ci + 1, "..",
                   role == ROLE_TOTAL ? r->mask_total : r->mask_subtotal);
        rowcells[ci] = (cellv){.masked = true};
        return;
    }
    rowcells[ci] = write_value(tc, row, ci + 1, kr, c->format, fmt, false);
}

/* Writes the formula columns of a row once its value cells are known. */
static void write_formulas(table_ctx *tc, int row, row_role role,
                           const char *breakdown, cellv *rowcells)
{
    for (int ci = 0; ci < tc->ncols; ci++) {
        const book_column *c = tc->cols[ci];
        if (!c->formula)
            continue;
        if (role != ROLE_MEMBER && c->total != TOTAL_AUTO)
            continue;
        const kpi_row *kr = lookup(tc, c, breakdown);
        lxw_format *fmt = fmt_for(tc->r, role, c->format);
        const char *mask = kr && tc->r->in->row_mask
                               ? tc->r->in->row_mask(kr, tc->r->in->hook_ctx)
                               : NULL;
        char *f = kr && !mask && kr->kind != KPI_VALUE_TEXT
                      ? expand_formula(tc, c->formula, row, rowcells)
                      : NULL;
        if (f) {
            cellv v = row_cell(kr);
            write_formula(tc, row, ci + 1, f, cell_number(&v), c->format,
                          fmt);
            rowcells[ci] = v;
            free(f);
        } else {
            rowcells[ci] =
                write_value(tc, row, ci + 1, kr, c->format, fmt, false);
        }
    }
}

static void write_member_row(table_ctx *tc, int row, const char *label,
                             const char *breakdown, bool blank_missing)
{
    if (!add_cells_row(tc))
        return;
    cellv *rc = cells_row(tc, tc->n_rows - 1);
    write_text(tc, row, 0, label, tc->r->label);
    for (int ci = 0; ci < tc->ncols; ci++) {
        const book_column *c = tc->cols[ci];
        if (c->formula)
            continue;
        const kpi_row *kr = lookup(tc, c, breakdown);
        if (!kr && tc->r->t->zero_counts && c->format == FMT_COUNT &&
            lookup(tc, c, "total")) {
            /* kpi lists only the members that have some: none is 0. */
            write_number(tc, row, ci + 1, 0, c->format,
                         tc->r->cell[c->format]);
            rc[ci] = (cellv){.numeric = true, .kind = KPI_VALUE_COUNT};
            continue;
        }
        rc[ci] = write_value(tc, row, ci + 1, kr, c->format,
                             tc->r->cell[c->format], blank_missing);
    }
    write_formulas(tc, row, ROLE_MEMBER, breakdown, rc);
}

/* The table's autofilter (filter = yes; the first such table of the
 * sheet) over its header and rows down to `last`. It is set while `last`
 * is the row being written: a streamed sheet (constant_memory) refuses a
 * filter that ends above that row, and the total row under the members
 * is left out, or a sort would move it in among them. */
static void add_filter(table_ctx *tc, int last)
{
    sheet_state *ss = &tc->r->sheets[tc->sheet];
    if (!tc->tb->filter || ss->has_filter || tc->header_row < 0 ||
        last <= tc->header_row)
        return;
    kpi_xlsx_render_check(
        tc->r, worksheet_autofilter(tc->ws, (lxw_row_t)tc->header_row, 0,
                                    (lxw_row_t)last, (lxw_col_t)tc->ncols));
    ss->has_filter = true;
}

/* Can the table have `rows` rows from sheet row `first` on, and its note
 * under them? Asked before the rows of a breakdown or disposition table
 * (one per member or measure, so without bound) are written: a sheet
 * too long for the format fails in words saying so, not half-way in
 * libxlsxwriter's. */
static bool table_fits(table_ctx *tc, int first, size_t rows)
{
    size_t need = (size_t)first + rows + (tc->tb->note ? 1 : 0);
    return kpi_xlsx_look_rows_fit(&tc->r->in->limits, need, &tc->r->res);
}

static void write_total_row(table_ctx *tc, int row, const char *label,
                            size_t from, size_t to, const bool *skip,
                            row_role role, const char *breakdown)
{
    if (role == ROLE_TOTAL)
        add_filter(tc, row - 1);
    if (!add_cells_row(tc))
        return;
    cellv *rc = cells_row(tc, tc->n_rows - 1);
    write_text(tc, row, 0, label,
               role == ROLE_TOTAL ? tc->r->label_total
                                  : tc->r->label_subtotal);
    for (int ci = 0; ci < tc->ncols; ci++)
        write_total_cell(tc, row, ci, from, to, skip, role, breakdown, rc);
    write_formulas(tc, row, role, breakdown, rc);
}

/* ------------------------------------------------------------------ */
/* Rows of a breakdown: the members kpi computed, in a stable order.   */

/* Groups in code order (placement before preventive); within them by
 * the sort column (largest first), by name, or in kpi's export order
 * (which keeps age groups and the catalogue in their natural order). */
static int cmp_member(const void *a, const void *b)
{
    const member *x = a, *y = b;
    if (x->category && y->category) {
        int c = strcmp(x->category, y->category);
        if (c)
            return c;
    }
    if (x->sort_value != y->sort_value)
        return x->sort_value > y->sort_value ? -1 : 1;
    if (x->by_name) {
        int c = strcmp(x->name, y->name);
        if (c)
            return c;
    }
    /* A member first seen in a later column (the month has fewer than
     * the year to date) must not end up after the others. */
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static size_t name_rank(const kpi_book_template *t, const char *dimension,
                        const char *code)
{
    size_t rank = 0;
    for (size_t i = 0; i < t->n_names; i++) {
        if (strcmp(t->names[i].dimension, dimension) != 0)
            continue;
        if (!strcmp(t->names[i].code, code))
            return rank;
        rank++;
    }
    return SIZE_MAX;
}

/* "measure_type=X", or for a pair "measure_type=X,provider=Y". */
static void member_breakdown(const book_table *tb, const member *m, char *bd,
                             size_t size)
{
    if (m->code2)
        snprintf(bd, size, "%s=%s,%s=%s", tb->dimension, m->code, tb->within,
                 m->code2);
    else
        snprintf(bd, size, "%s=%s", tb->dimension, m->code);
}

static member *collect_members(table_ctx *tc, size_t *count)
{
    render *r = tc->r;
    const book_table *tb = tc->tb;
    size_t n = kpi_xlsx_input_row_count(r->in), cap = 0, len = 0;
    member *ms = NULL;
    char **periods = calloc((size_t)tc->ncols + 1, sizeof *periods);
    if (!periods) {
        r->res.status = KPI_ERR_NOMEM;
        return NULL;
    }
    for (int ci = 0; ci < tc->ncols; ci++)
        if (tc->cols[ci]->value.kpi_id &&
            !(periods[ci] =
                  kpi_xlsx_render_expand(r, tc->cols[ci]->value.period)))
            goto fail;
    for (size_t i = 0; i < n; i++) {
        const kpi_row *row = kpi_xlsx_input_row(r->in, i);
        /* A pair table's rows are the pairs; any other's the members. */
        if (!row->dimension || strcmp(row->dimension, tb->dimension) != 0 ||
            !row->dimension2 != !tb->within ||
            (tb->within && strcmp(row->dimension2, tb->within) != 0))
            continue;
        if (r->in->row_visible && !r->in->row_visible(row, r->in->hook_ctx))
            continue;
        bool used = false;
        for (int ci = 0; ci < tc->ncols && !used; ci++) {
            const book_column *c = tc->cols[ci];
            used = c->value.kpi_id && !c->value.breakdown &&
                   !strcmp(c->value.kpi_id, row->kpi_id) &&
                   (tb->all_members || (!strcmp(c->value.stat, row->stat) &&
                                        !strcmp(periods[ci], row->period)));
        }
        if (!used)
            continue;
        bool seen = false;
        for (size_t m = 0; m < len && !seen; m++)
            seen = !strcmp(ms[m].code, row->member) &&
                   (!tb->within || !strcmp(ms[m].code2, row->member2));
        for (size_t e = 0; e < tb->n_exclude && !seen; e++)
            seen = !strcmp(tb->exclude[e], row->member);
        if (seen)
            continue;
        if (!kpi_xlsx_book_grow((void **)&ms, &cap, len, sizeof *ms))
            goto fail;
        member *m = &ms[len];
        m->order = len++;
        m->code = row->member;
        m->code2 = tb->within ? row->member2 : NULL;
        m->rank = name_rank(r->t, tb->dimension, row->member);
        m->name = NULL;
        if (tb->within) { /* the provider, under its type (the group) */
            m->name = m->code2;
            m->category = m->code;
            continue;
        }
        if (!strcmp(tb->dimension, "measure_type"))
            m->name = kpi_dataset_measure_type_name(r->in->dataset, m->code,
                                                    &m->category);
        if (!m->name)
            m->name = kpi_xlsx_book_name_of(r->t, tb->dimension, m->code);
        if (!m->name)
            m->name = m->code;
        if (!tb->group)
            m->category = NULL;
        else if (!m->category)
            m->category = "~"; /* unknown types sort last */
    }
    if (tb->sort && strcmp(tb->sort, "name") != 0) {
        int si = col_index(tc, tb->sort, strlen(tb->sort));
        char bd[512];
        for (size_t m = 0; si >= 0 && m < len; m++) {
            member_breakdown(tb, &ms[m], bd, sizeof bd);
            cellv v = row_cell(lookup(tc, tc->cols[si], bd));
            ms[m].sort_value = v.numeric ? cell_number(&v) : -INFINITY;
        }
    }
    for (size_t m = 0; m < len; m++)
        ms[m].by_name = tb->sort && !strcmp(tb->sort, "name");
    if (len) /* qsort(NULL, 0, ...) is undefined */
        qsort(ms, len, sizeof *ms, cmp_member);
    for (int ci = 0; ci < tc->ncols; ci++)
        free(periods[ci]);
    free(periods);
    *count = len;
    return ms;
fail:
    for (int ci = 0; ci < tc->ncols; ci++)
        free(periods[ci]);
    free(periods);
    free(ms);
    r->res.status = KPI_ERR_NOMEM;
    return NULL;
}

static void write_breakdown(table_ctx *tc, int *row)
{
    render *r = tc->r;
    const book_table *tb = tc->tb;
    size_t n = 0;
    member *ms = collect_members(tc, &n);
    if (r->res.status != KPI_OK)
        return;
    bool grouped = tb->group || tb->within;
    size_t subtotals = 0;
    for (size_t m = 0; grouped && m < n; m++)
        subtotals += (m == 0 || strcmp(ms[m].category, ms[m - 1].category)) &&
                     strcmp(ms[m].category, "~") != 0;
    if (!table_fits(tc, *row, n + subtotals + (tb->total ? 1 : 0))) {
        free(ms);
        return;
    }
    /* Rows written: members plus one subtotal per group. */
    bool *skip = calloc(n * 2 + 2, sizeof *skip);
    if (!skip) {
        free(ms);
        r->res.status = KPI_ERR_NOMEM;
        return;
    }
    char bd[512];
    size_t i = 0;
    while (i < n) {
        size_t group_start = tc->n_rows;
        size_t j = i;
        while (j < n && (!grouped || !strcmp(ms[j].category, ms[i].category)))
            j++;
        /* A pair has no spread of its own: an empty cell, not a '.'. */
        for (size_t m = i; m < j; m++) {
            member_breakdown(tb, &ms[m], bd, sizeof bd);
            write_member_row(tc, (*row)++, ms[m].name, bd, tb->within != NULL);
        }
        if (tb->within) {
            /* The type's own row (its price spread) after its pairs. */
            const char *tname =
                kpi_dataset_measure_type_name(r->in->dataset, ms[i].code, NULL);
            snprintf(bd, sizeof bd, "%s=%s", tb->dimension, ms[i].code);
            skip[tc->n_rows] = true;
            write_total_row(tc, (*row)++, tname ? tname : ms[i].code,
                            tc->n_rows, tc->n_rows, NULL, ROLE_SUBTOTAL, bd);
        } else if (tb->group && strcmp(ms[i].category, "~") != 0) {
            const char *cname =
                kpi_xlsx_book_name_of(r->t, "category", ms[i].category);
            char label[256];
            snprintf(label, sizeof label, "I alt %s",
                     cname ? cname : ms[i].category);
            snprintf(bd, sizeof bd, "category=%s", ms[i].category);
            size_t group_end = tc->n_rows;
            skip[tc->n_rows] = true;
            write_total_row(tc, (*row)++, label, group_start, group_end, NULL,
                            ROLE_SUBTOTAL, bd);
        }
        i = j;
    }
    size_t members_end = tc->n_rows;
    if (tb->total)
        write_total_row(tc, (*row)++, tb->total, 0, members_end, skip,
                        ROLE_TOTAL, "total");
    free(skip);
    free(ms);
}

/* The {row_month} and {row_month_end} of a months table's row: the
 * month's period code and its last day's. */
static void set_row_month(render *r, kpi_month rm)
{
    kpi_period_format(KPI_PERIOD_MONTH, rm, KPI_PERIOD_STYLE_CODE,
                      r->row_month, sizeof r->row_month);
    kpi_period_format(KPI_PERIOD_DAY, rm, KPI_PERIOD_STYLE_CODE,
                      r->row_month_end, sizeof r->row_month_end);
    kpi_month ly = {rm.year - 1, rm.month};
    kpi_period_format(KPI_PERIOD_MONTH, ly, KPI_PERIOD_STYLE_CODE,
                      r->row_month_ly, sizeof r->row_month_ly);
    kpi_period_format(KPI_PERIOD_DAY, ly, KPI_PERIOD_STYLE_CODE,
                      r->row_month_end_ly, sizeof r->row_month_end_ly);
}

/* The months of a months table, relative to the report month m. */
static void months_range(const book_table *tb, kpi_month m, int *from,
                         int *to)
{
    *from = tb->fiscal_year || tb->to_date ? 1 - m.month : tb->months_from;
    *to = tb->fiscal_year ? 12 - m.month : tb->to_date ? 0 : tb->months_to;
}

static void write_months(table_ctx *tc, int *row)
{
    render *r = tc->r;
    const book_table *tb = tc->tb;
    kpi_month m = r->in->month;
    int from, to;
    months_range(tb, m, &from, &to);
    for (int k = from; k <= to; k++) {
        int idx = m.year * 12 + (m.month - 1) + k;
        kpi_month rm = {idx / 12, idx % 12 + 1};
        set_row_month(r, rm);
        if (!add_cells_row(tc))
            return;
        cellv *rc = cells_row(tc, tc->n_rows - 1);
        /* The label is the month's first day as a date, so that a chart
         * and a filter treat it as time. Excel's serial day 25569 is
         * 1970-01-01. */
        double serial = (double)kpi_month_first_day(rm) + 25569.0;
        write_number(tc, *row, 0, serial, FMT_MONTH, r->cell[FMT_MONTH]);
        for (int ci = 0; ci < tc->ncols; ci++) {
            const book_column *c = tc->cols[ci];
            if (c->formula)
                continue;
            /* An empty cell, not a dash: a chart leaves a gap there. */
            rc[ci] = write_value(tc, *row, ci + 1, lookup(tc, c, "total"),
                                 c->format, r->cell[c->format], true);
        }
        write_formulas(tc, *row, ROLE_MEMBER, "total", rc);
        (*row)++;
    }
    r->row_month[0] = r->row_month_end[0] = '\0';
    r->row_month_ly[0] = r->row_month_end_ly[0] = '\0';
    if (tb->total)
        write_total_row(tc, (*row)++, tb->total, 0, tc->n_rows, NULL,
                        ROLE_TOTAL, "total");
}

static const char *unit_name(const render *r, kpi_unit u)
{
    static const char *const codes[] = {"month", "day", "week", "year"};
    const char *code = (unsigned)u < 4 ? codes[u] : "month";
    const char *n = kpi_xlsx_book_name_of(r->t, "unit", code);
    return n ? n : code;
}

/* One field of a record row, as the template asks for it by name. */
typedef enum field_kind { FIELD_TEXT, FIELD_DATE, FIELD_MONEY, FIELD_COUNT } field_kind;

typedef struct fieldv {
    field_kind kind;
    const char *text; /* FIELD_TEXT */
    kpi_date date;    /* FIELD_DATE; KPI_DATE_NONE: an empty cell */
    int64_t n;        /* FIELD_MONEY (øre), FIELD_COUNT */
} fieldv;

static fieldv ftext(const char *t)
{
    return (fieldv){FIELD_TEXT, t ? t : "", KPI_DATE_NONE, 0};
}
static fieldv fdate(kpi_date d)
{
    return (fieldv){FIELD_DATE, NULL, d, 0};
}
static fieldv fnum(field_kind k, int64_t n)
{
    return (fieldv){k, NULL, KPI_DATE_NONE, n};
}

static const char *name_or_code(const render *r, const char *dimension,
                                const char *code)
{
    const char *n = kpi_xlsx_book_name_of(r->t, dimension, code);
    return n ? n : code;
}

static fieldv disposition_field(const render *r, const kpi_disposition *d,
                                const char *f)
{
    if (!strcmp(f, "measure_id"))
        return ftext(d->measure_id);
    if (!strcmp(f, "child_id"))
        return ftext(d->child_id);
    if (!strcmp(f, "measure_type")) {
        const char *text = kpi_dataset_measure_type_name(
            r->in->dataset, d->measure_type, NULL);
        return ftext(text ? text : d->measure_type);
    }
    if (!strcmp(f, "caseworker"))
        return ftext(d->caseworker);
    if (!strcmp(f, "team"))
        return ftext(d->team);
    if (!strcmp(f, "unit"))
        return ftext(unit_name(r, d->unit));
    if (!strcmp(f, "start"))
        return fdate(d->start);
    if (!strcmp(f, "end"))
        return fdate(d->end);
    if (!strcmp(f, "assumed_end"))
        return fdate(d->assumed_end);
    kpi_money v = !strcmp(f, "price")          ? d->price
                  : !strcmp(f, "monthly")      ? d->monthly
                  : !strcmp(f, "month_amount") ? d->month_amount
                  : !strcmp(f, "this_year")    ? d->this_year
                                               : d->next_year;
    return fnum(FIELD_MONEY, v);
}

static fieldv case_field(const render *r, const kpi_open_case *c,
                         const char *f)
{
    if (!strcmp(f, "case_id"))
        return ftext(c->case_id);
    if (!strcmp(f, "child_id"))
        return ftext(c->child_id);
    if (!strcmp(f, "caseworker"))
        return ftext(c->caseworker);
    if (!strcmp(f, "team"))
        return ftext(c->team);
    if (!strcmp(f, "opened"))
        return fdate(c->opened);
    if (!strcmp(f, "next_due"))
        return fdate(c->next_due);
    if (!strcmp(f, "next_type"))
        return ftext(c->next_type[0]
                         ? name_or_code(r, "deadline_type", c->next_type)
                         : "");
    if (!strcmp(f, "month_amount"))
        return fnum(FIELD_MONEY, c->month_amount);
    return fnum(FIELD_COUNT, !strcmp(f, "overdue")    ? c->overdue
                             : !strcmp(f, "due_soon") ? c->due_soon
                                                      : c->measures);
}

/* A file as the reader finds it in the dataset folder: its name, without
 * the folder the loader was given (which may be any path on the machine
 * kpi ran on). */
static const char *file_name(const char *path)
{
    const char *name = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            name = p + 1;
    return name;
}

static fieldv deadline_field(const render *r, const kpi_due_deadline *d,
                             const char *f)
{
    if (!strcmp(f, "case_id"))
        return ftext(d->case_id);
    if (!strcmp(f, "child_id"))
        return ftext(d->child_id);
    if (!strcmp(f, "caseworker"))
        return ftext(d->caseworker);
    if (!strcmp(f, "deadline_type"))
        return ftext(name_or_code(r, "deadline_type", d->deadline_type));
    if (!strcmp(f, "status"))
        return ftext(name_or_code(r, "deadline_status",
                                  d->overdue ? "overdue" : "due_soon"));
    if (!strcmp(f, "file"))
        return ftext(file_name(d->file));
    if (!strcmp(f, "due"))
        return fdate(d->due);
    return fnum(FIELD_COUNT,
                !strcmp(f, "line") ? (int64_t)d->line : d->days);
}

static fieldv issue_field(const render *r, const kpi_issue *x, const char *f)
{
    if (!strcmp(f, "check"))
        return ftext(name_or_code(r, "check", x->check));
    if (!strcmp(f, "file"))
        return ftext(file_name(x->file));
    if (!strcmp(f, "message"))
        return ftext(x->message);
    return fnum(FIELD_COUNT, (int64_t)x->line);
}

/* The comparison's files (rows = sources): the file, its source (DST's
 * table or the municipality of a kpi export), the years it gave, its
 * date, a kpi export's report month. */
static fieldv source_field(render *r, const char *f)
{
    const kpi_comparison_source_info *s = &r->cmp.src;
    kpi_date d = KPI_DATE_NONE;
    if (!strcmp(f, "file"))
        return ftext(s->file);
    if (!strcmp(f, "origin"))
        return ftext(s->origin);
    if (!strcmp(f, "date"))
        return kpi_date_parse(s->date, strlen(s->date), &d) == KPI_OK
                   ? fdate(d)
                   : fdate(KPI_DATE_NONE);
    if (!strcmp(f, "month")) {
        kpi_month m = {0, 0};
        r->cmp.text[0] = '\0';
        if (sscanf(s->month, "%4d-%2d", &m.year, &m.month) == 2)
            kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_WORKBOOK,
                              r->cmp.text, sizeof r->cmp.text);
        return ftext(r->cmp.text);
    }
    if (s->first_year && s->first_year != s->last_year)
        snprintf(r->cmp.text, sizeof r->cmp.text, "%d–%d", s->first_year,
                 s->last_year);
    else if (s->first_year)
        snprintf(r->cmp.text, sizeof r->cmp.text, "%d", s->first_year);
    else
        r->cmp.text[0] = '\0';
    return ftext(r->cmp.text); /* years */
}

/* What the comparison lacks (rows = gaps): the municipality, the figure
 * ([names.compare_stat]), the years and why ([names.gap], with the
 * file's mark and name where a file holds the value back). */
static fieldv gap_field(render *r, const char *f)
{
    static const char *const why[] = {"not_in_files", "held_back",
                                      "not_counted"};
    const kpi_comparison_gap_info *g = &r->cmp.gap;
    if (!strcmp(f, "area"))
        return ftext(g->area);
    if (!strcmp(f, "figure"))
        return ftext(name_or_code(r, "compare_stat", g->stat));
    if (!strcmp(f, "years"))
        return ftext(g->years);
    const char *w = name_or_code(r, "gap", why[(unsigned)g->reason % 3]);
    if (g->reason == KPI_COMPARISON_HELD_BACK)
        snprintf(r->cmp.text, sizeof r->cmp.text, "%s ('%s' i %s)", w, g->mark,
                 g->file);
    else
        snprintf(r->cmp.text, sizeof r->cmp.text, "%s", w);
    return ftext(r->cmp.text);
}

/* The i-th record of the table's kind, or NULL past the end; *shown is
 * false for one the recipient may not see or the table does not select. */
static const void *record_at(render *r, const book_table *tb, size_t i,
                             bool *shown)
{
    const kpi_figures *f = r->in->figures;
    const kpi_book_input *in = r->in;
    *shown = true;
    switch (tb->rows) {
    case ROWS_DISPOSITION: {
        const kpi_disposition *d = kpi_figures_disposition(f, i);
        if (d && in->disposition_visible &&
            !in->disposition_visible(d, in->hook_ctx))
            *shown = false;
        if (d && ((tb->select == SELECT_ACTIVE && !d->active) ||
                  (tb->select == SELECT_ENDED && !d->ended)))
            *shown = false;
        return d;
    }
    case ROWS_CASES:
    case ROWS_DEADLINES: {
        const void *x = tb->rows == ROWS_CASES
                            ? (const void *)kpi_figures_open_case(f, i)
                            : (const void *)kpi_figures_due_deadline(f, i);
        if (x && in->case_lists_visible &&
            !in->case_lists_visible(in->hook_ctx))
            *shown = false;
        return x;
    }
    case ROWS_ISSUES: {
        const kpi_issue *x = kpi_figures_issue(f, i);
        if (x && in->issue_visible && !in->issue_visible(x, in->hook_ctx))
            *shown = false;
        return x;
    }
    case ROWS_SOURCES:
        return kpi_comparison_source(in->comparison, i, &r->cmp.src) ? &r->cmp
                                                                     : NULL;
    case ROWS_GAPS:
        if (!kpi_comparison_gap(in->comparison, i, &r->cmp.gap))
            return NULL;
        /* exclude: figures (compare stats) the table leaves out, as a
         * pack leaves out their table (the politicians' placed_0_17). */
        for (size_t e = 0; e < tb->n_exclude; e++)
            if (!strcmp(tb->exclude[e], r->cmp.gap.stat))
                *shown = false;
        return &r->cmp;
    default:
        return NULL;
    }
}

static fieldv record_field(render *r, const book_table *tb, const void *rec,
                           const char *f)
{
    switch (tb->rows) {
    case ROWS_SOURCES:
        return source_field(r, f);
    case ROWS_GAPS:
        return gap_field(r, f);
    case ROWS_DISPOSITION:
        return disposition_field(r, rec, f);
    case ROWS_CASES:
        return case_field(r, rec, f);
    case ROWS_DEADLINES:
        return deadline_field(r, rec, f);
    default:
        return issue_field(r, rec, f);
    }
}

/* Writes one field; returns the lines its text takes (1 unless wrapped). */
static int write_record_field(table_ctx *tc, int row, int ci, const void *rec,
                              cellv *rc)
{
    render *r = tc->r;
    const book_column *c = tc->cols[ci];
    lxw_format *fmt = r->cell[c->format];
    fieldv v = record_field(r, tc->tb, rec, c->field);
    switch (v.kind) {
    case FIELD_TEXT:
        if (c->format == FMT_WRAP && c->width > 0) {
            /* Wrapped in the column's declared width: the column is not
             * widened, the row is made as tall as the lines need. */
            kpi_xlsx_render_check(
                r, worksheet_write_string(tc->ws, (lxw_row_t)row,
                                          (lxw_col_t)(ci + 1), v.text, fmt));
            kpi_xlsx_render_fit(r, tc->sheet, ci + 1, c->width);
            return (int)ceil(kpi_xlsx_text_width(v.text) / c->width);
        }
        write_text(tc, row, ci + 1, v.text, fmt);
        return 1;
    case FIELD_DATE:
        if (v.date == KPI_DATE_NONE)
            kpi_xlsx_render_check(
                r, worksheet_write_blank(tc->ws, (lxw_row_t)row,
                                         (lxw_col_t)(ci + 1), fmt));
        else
            write_number(tc, row, ci + 1, (double)v.date + 25569.0, c->format,
                         fmt);
        return 1;
    case FIELD_MONEY:
        rc[ci] = (cellv){true, KPI_VALUE_MONEY, v.n, 0, false, false};
        write_number(tc, row, ci + 1, kroner(v.n), c->format, fmt);
        return 1;
    case FIELD_COUNT:
        rc[ci] = (cellv){true, KPI_VALUE_COUNT, v.n, 0, false, false};
        write_number(tc, row, ci + 1, (double)v.n, c->format, fmt);
        return 1;
    }
    return 1;
}

/* How many records the table shows, counting to `most`. */
static size_t records_shown(render *r, const book_table *tb,
                            size_t most)
{
    size_t shown = 0;
    bool ok;
    for (size_t i = 0; shown < most && record_at(r, tb, i, &ok); i++)
        shown += ok;
    return shown;
}

/* A row per record (a measure, an open case, a deadline, an issue),
 * numbered in the first column. */
/* r->label at the top of its cell: a gap's municipality beside the first
 * line of its wrapped reason, a file beside the first line of its wrapped
 * source (those cells are wrapped text, at the top), not under the last,
 * where it read as the next row's. */
static bool label_top_make(render *r)
{
    r->label_top = workbook_add_format(r->wb);
    if (!r->label_top) {
        r->res.status = KPI_ERR_NOMEM;
        return false;
    }
    format_set_text_wrap(r->label_top);
    format_set_align(r->label_top, LXW_ALIGN_VERTICAL_TOP);
    return true;
}

static void write_records(table_ctx *tc, int *row)
{
    render *r = tc->r;
    if (!table_fits(tc, *row,
                    records_shown(r, tc->tb, SIZE_MAX) +
                        (tc->tb->total ? 1 : 0)))
        return;
    bool ok;
    const void *rec;
    for (size_t i = 0; r->res.status == KPI_OK &&
                       (rec = record_at(r, tc->tb, i, &ok)) != NULL;
         i++) {
        if (!ok)
            continue;
        if (!add_cells_row(tc))
            return;
        cellv *rc = cells_row(tc, tc->n_rows - 1);
        /* The comparison's files and gaps are labelled with the file
         * and the municipality, not numbered: a row number beside a
         * pack's hidden counts would read as one of them. */
        bool labelled =
            tc->tb->rows == ROWS_SOURCES || tc->tb->rows == ROWS_GAPS;
        if (labelled && !r->label_top && !label_top_make(r))
            return;
        if (labelled)
            kpi_xlsx_render_label(
                r, tc->sheet, *row,
                record_field(r, tc->tb, rec,
                             tc->tb->rows == ROWS_GAPS ? "area" : "file")
                    .text,
                r->label_top);
        else
            write_number(tc, *row, 0, (double)tc->n_rows, FMT_COUNT,
                         r->cell[FMT_COUNT]);
        int lines = 1;
        for (int ci = 0; ci < tc->ncols; ci++)
            if (tc->cols[ci]->field) {
                int n = write_record_field(tc, *row, ci, rec, rc);
                if (n > lines)
                    lines = n;
            }
        if (lines > 1)
            kpi_xlsx_render_set_row(r, tc->sheet, *row, 15.0 * lines);
        (*row)++;
    }
    if (tc->tb->total)
        write_total_row(tc, (*row)++, tc->tb->total, 0, tc->n_rows, NULL,
                        ROLE_TOTAL, "total");
}

/* Is there any row of this figure's stat at all, in any period? */
static bool stat_has_rows(const render *r, const char *kpi_id,
                          const char *stat)
{
    for (size_t i = 0; i < r->n_index; i++) {
        const kpi_row *row = r->index[i].row;
        if (!strcmp(row->kpi_id, kpi_id) && !strcmp(row->stat, stat))
            return true;
    }
    return false;
}

/* Is there any row for this column at all? (optional columns) */
static bool column_has_rows(const render *r, const book_column *c)
{
    return !c->value.kpi_id ||
           stat_has_rows(r, c->value.kpi_id, c->value.stat);
}

/* Item it's row for month m: its period pattern holds period
 * placeholders only ({to_date}, {as_of_iso}, ...), so expanding it for
 * the same month a year earlier gives last year's period. */
static const kpi_row *item_row(render *r, const book_item *it, kpi_month m)
{
    char period[64];
    if (kpi_period_expand(it->value.period, m, NULL, NULL, period,
                          sizeof period, NULL) != KPI_OK)
        return NULL;
    return kpi_xlsx_rowindex_find(
        r, it->value.kpi_id, period,
        it->value.breakdown ? it->value.breakdown : "total", it->value.stat);
}

static int item_field_col(const table_ctx *tc, const char *field)
{
    for (int ci = 0; ci < tc->ncols; ci++)
        if (!strcmp(tc->cols[ci]->field, field))
            return ci + 1;
    return -1;
}

/* An items table: a label and kpi's value per item; with columns, the
 * value now, at the same point last year and the change (issue 14 item
 * 2), each where the table declares it. */
static void write_items(table_ctx *tc, int *row)
{
    render *r = tc->r;
    kpi_month m = r->in->month, ly = {m.year - 1, m.month};
    int now_col = item_field_col(tc, "now");
    int last_col = item_field_col(tc, "last_year");
    for (size_t i = 0; i < tc->tb->n_items; i++) {
        const book_item *it = &tc->tb->items[i];
        /* A figure the recipient does not get, or a stat kpi has no row
         * of (a team's budget): no line of dots. */
        if (r->t->drop_empty &&
            !stat_has_rows(r, it->value.kpi_id, it->value.stat))
            continue;
        char *label = kpi_xlsx_render_expand(r, it->label);
        if (!label)
            return;
        write_text(tc, *row, 0, label, r->label);
        free(label);
        const kpi_row *now = item_row(r, it, m);
        if (tc->ncols == 0)
            write_value(tc, *row, 1, now, it->format, r->cell[it->format],
                        false);
        const kpi_row *last = tc->ncols ? item_row(r, it, ly) : NULL;
        for (int ci = 0; ci < tc->ncols; ci++) {
            const char *field = tc->cols[ci]->field;
            if (!strcmp(field, "change"))
                kpi_xlsx_overblik_change(r, tc->sheet, *row, ci + 1, now_col,
                                         last_col, now, last, it->format);
            else
                write_value(tc, *row, ci + 1, field[0] == 'n' ? now : last,
                            it->format, r->cell[it->format], false);
        }
        (*row)++;
    }
}


/* Header cells wrap; the row is as high as the longest heading needs in
 * the narrowest width its column can get, so Excel (which does not fit
 * row heights on load) shows every word. */
static void write_header(table_ctx *tc, int row)
{
    render *r = tc->r;
    const book_table *tb = tc->tb;
    int lines = 1;
    for (int ci = -1; ci < tc->ncols; ci++) {
        char *h = kpi_xlsx_render_expand(
            r, ci < 0 ? (tb->label ? tb->label : "")
                      : (tc->cols[ci]->heading ? tc->cols[ci]->heading
                                               : tc->cols[ci]->id));
        if (!h)
            return;
        double longest = 0, cur = 0;
        for (const char *p = h;; p++) {
            if (*p == ' ' || !*p) {
                if (cur > longest)
                    longest = cur;
                cur = 0;
                if (!*p)
                    break;
            } else if (((unsigned char)*p & 0xC0) != 0x80) {
                cur++;
            }
        }
        double min_width = ci < 0 ? 0 : tc->cols[ci]->width;
        double w = fmax(fmax(longest, min_width), 11.0);
        int need = (int)ceil(kpi_xlsx_text_width(h) / w);
        if (need > lines)
            lines = need;
        bool numeric = ci >= 0 && tc->cols[ci]->format != FMT_TEXT &&
                       tc->cols[ci]->format != FMT_WRAP &&
                       tc->cols[ci]->format != FMT_STATUS &&
                       tc->cols[ci]->format != FMT_DATE;
        kpi_xlsx_render_check(
            r,
            worksheet_write_string(tc->ws, (lxw_row_t)row, (lxw_col_t)(ci + 1),
                                   h, numeric ? r->header_num : r->header));
        kpi_xlsx_render_fit(r, tc->sheet, ci + 1, longest + 1);
        if (ci >= 0 && tc->cols[ci]->width > 0)
            kpi_xlsx_render_fit(r, tc->sheet, ci + 1, tc->cols[ci]->width);
        free(h);
    }
    if (lines > 4)
        lines = 4;
    kpi_xlsx_render_set_row(r, tc->sheet, row, 15.0 * lines);
}

static void add_status_formats(table_ctx *tc, int first, int last)
{
    render *r = tc->r;
    const char *const words[LOOK_STATUS_COUNT] = {
        kpi_target_status_name(KPI_TARGET_GREEN),
        kpi_target_status_name(KPI_TARGET_YELLOW),
        kpi_target_status_name(KPI_TARGET_RED)};
    lxw_format *const fmts[LOOK_STATUS_COUNT] = {
        r->status_green, r->status_yellow, r->status_red};
    for (int ci = 0; ci < tc->ncols; ci++)
        if (tc->cols[ci]->format == FMT_STATUS)
            kpi_xlsx_look_status_rules(tc->ws, first, last, ci + 1, words, fmts,
                                       &r->res);
}

static void select_cols(table_ctx *tc)
{
    const book_table *tb = tc->tb;
    for (size_t i = 0; i < tb->n_cols && tc->ncols < BOOK_MAX_COLS - 1; i++) {
        const book_column *c = &tb->cols[i];
        /* A pack leaves out a column of a figure its recipient does not
         * get, rather than show a column of not-available marks. */
        if (tc->r->t->drop_empty && c->value.kpi_id &&
            !column_has_rows(tc->r, c))
            continue; /* nor a column of a stat kpi has no row of */
        if (!c->optional || column_has_rows(tc->r, c))
            tc->cols[tc->ncols++] = c;
    }
}

static bool months_have_rows(table_ctx *tc)
{
    render *r = tc->r;
    const book_table *tb = tc->tb;
    kpi_month m = r->in->month;
    int from, to;
    months_range(tb, m, &from, &to);
    bool any = false;
    for (int k = from; k <= to && !any && r->res.status == KPI_OK; k++) {
        int idx = m.year * 12 + (m.month - 1) + k;
        kpi_month rm = {idx / 12, idx % 12 + 1};
        set_row_month(r, rm);
        for (int ci = 0; ci < tc->ncols && !any; ci++)
            any = lookup(tc, tc->cols[ci], "total") != NULL;
    }
    r->row_month[0] = r->row_month_end[0] = '\0';
    r->row_month_ly[0] = r->row_month_end_ly[0] = '\0';
    return any;
}

bool kpi_xlsx_table_has_rows(render *r, const book_table *tb)
{
    table_ctx tc = {0};
    tc.r = r;
    tc.tb = tb;
    if (r->t->drop_empty && tb->figure &&
        !kpi_xlsx_rowindex_has_figure(r, tb->figure))
        return false; /* the table of a figure the recipient does not get */
    select_cols(&tc);
    switch (tb->rows) {
    case ROWS_BREAKDOWN: {
        size_t n = 0;
        member *ms = collect_members(&tc, &n);
        free(ms);
        return n > 0;
    }
    case ROWS_MONTHS:
        return months_have_rows(&tc);
    case ROWS_DISPOSITION:
    case ROWS_CASES:
    case ROWS_DEADLINES:
    case ROWS_ISSUES:
    case ROWS_SOURCES:
    case ROWS_GAPS:
        return records_shown(r, tb, 1) > 0;
    case ROWS_ITEMS:
        for (size_t i = 0; i < tb->n_items; i++)
            if (stat_has_rows(r, tb->items[i].value.kpi_id,
                              tb->items[i].value.stat))
                return true;
        return false;
    case ROWS_HEADLINES:
    case ROWS_RED_LIGHTS:
    case ROWS_NOTE:
        return kpi_xlsx_overblik_has_rows(r, tb);
    case ROWS_TRAJECTORY:
    case ROWS_TRAJECTORY_TYPES:
        return kpi_xlsx_trajectory_has_rows(r, tb);
    }
    return true;
}

void kpi_xlsx_table_write(render *r, const book_table *tb, size_t sheet)
{
    sheet_state *ss = &r->sheets[sheet];
    table_ctx tc = {0};
    tc.r = r;
    tc.tb = tb;
    tc.sheet = sheet;
    tc.ws = ss->ws;
    select_cols(&tc);

    int row = ss->next_row;
    /* A new printed page from its title on; the first table of a sheet
     * is at the top of one already. check_template keeps the count
     * within the array. */
    if (tb->page_break && ss->n_tables > 0 && ss->n_breaks < BOOK_MAX_BREAKS)
        ss->breaks[ss->n_breaks++] = (lxw_row_t)row;
    if (tb->title) {
        char *title = kpi_xlsx_render_expand(r, tb->title);
        if (!title)
            return;
        kpi_xlsx_render_check(r,
                              worksheet_write_string(tc.ws, (lxw_row_t)row, 0,
                                                     title, r->table_title));
        free(title);
        row++;
    }
    int header_row = -1;
    if (tb->rows == ROWS_BREAKDOWN || tb->rows == ROWS_MONTHS ||
        tb->rows == ROWS_DISPOSITION || tb->rows == ROWS_HEADLINES ||
        tb->rows == ROWS_SOURCES || tb->rows == ROWS_GAPS ||
        (tb->rows == ROWS_ITEMS && tc.ncols > 0)) {
        header_row = row;
        write_header(&tc, row++);
    }
    tc.header_row = header_row;
    tc.first_data_row = row;
    switch (tb->rows) {
    case ROWS_BREAKDOWN:
        write_breakdown(&tc, &row);
        break;
    case ROWS_MONTHS:
        write_months(&tc, &row);
        break;
    case ROWS_DISPOSITION:
    case ROWS_CASES:
    case ROWS_DEADLINES:
    case ROWS_ISSUES:
    case ROWS_SOURCES:
    case ROWS_GAPS:
        write_records(&tc, &row);
        break;
    case ROWS_ITEMS:
        write_items(&tc, &row);
        break;
    case ROWS_HEADLINES:
    case ROWS_RED_LIGHTS:
    case ROWS_NOTE:
        kpi_xlsx_overblik_write(r, tb, sheet, tc.cols, tc.ncols, &row);
        break;
    case ROWS_TRAJECTORY:
    case ROWS_TRAJECTORY_TYPES:
        kpi_xlsx_trajectory_write(r, tb, sheet, &row);
        break;
    }
    int last_data = row - 1;
    add_status_formats(&tc, tc.first_data_row, last_data);

    /* A one-page sheet needs no frozen header nor print titles. */
    if (header_row >= 0 && ss->first_header_row < 0 && !ss->decl->one_page) {
        ss->first_header_row = header_row;
        worksheet_freeze_panes(tc.ws, (lxw_row_t)(header_row + 1), 1);
    }
    ss->n_tables++; /* its print titles: finish_sheet */
    if (!tb->total)
        add_filter(&tc, last_data); /* else set before the total row */
    if ((tb->rows == ROWS_MONTHS || tb->rows == ROWS_BREAKDOWN) &&
        r->placed) {
        placed_table *pt = &r->placed[r->n_placed++];
        pt->table = tb;
        pt->sheet = sheet;
        pt->header_row = header_row;
        pt->first_row = tc.first_data_row;
        int from, to;
        months_range(tb, r->in->month, &from, &to);
        /* A breakdown's members, without its total row: the rows of a
         * `series = rows` chart. */
        pt->last_row = tb->rows == ROWS_MONTHS
                           ? tc.first_data_row + (to - from)
                           : last_data - (tb->total ? 1 : 0);
        for (size_t i = 0; i < tb->n_cols && i < BOOK_MAX_COLS; i++) {
            pt->col_of[i] = -1;
            for (int ci = 0; ci < tc.ncols; ci++)
                if (tc.cols[ci] == &tb->cols[i])
                    pt->col_of[i] = ci + 1;
        }
    }
    if (tb->note) {
        /* A note whose placeholders come out empty ({reimbursement_note}
         * of a year with its own amounts) takes no row. */
        char *note = kpi_xlsx_render_expand(r, tb->note);
        if (note && *note)
            row += kpi_xlsx_render_lines(r, tc.ws, row, note, r->note);
        free(note);
    }
    /* Rows under the table for its charts placed below it (written
     * with the charts, after every table: the rows must be free). */
    if (r->n_placed && r->placed[r->n_placed - 1].table == tb) {
        r->placed[r->n_placed - 1].below_row = row;
        for (size_t i = 0; i < r->t->n_charts; i++) {
            const book_chart *ch = &r->t->charts[i];
            if (ch->below && !strcmp(ch->table, tb->id) &&
                !strcmp(ch->sheet, tb->sheet))
                row += 1 + (ch->height + 19) / 20;
        }
        /* place = right: the chart stands beside from the header row
         * down (render.c); the next table starts under it. */
        int beside_end = header_row;
        for (size_t i = 0; i < r->t->n_charts; i++) {
            const book_chart *ch = &r->t->charts[i];
            if (ch->right && !strcmp(ch->table, tb->id) &&
                !strcmp(ch->sheet, tb->sheet))
                beside_end += (ch->height + 19) / 20 + 1;
        }
        if (row < beside_end)
            row = beside_end;
    }
    /* Months and items tables have a fixed number of rows; this catches
     * them past a lowered sheet_rows. */
    kpi_xlsx_look_rows_fit(&r->in->limits, (size_t)row, &r->res);
    ss->next_row = row + 1; /* a blank row between tables */
    free(tc.cells);
}
