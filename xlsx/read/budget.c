/* budget.c - the finance staff's budget (SPEC §3.9) from a workbook or a
 * CSV file: find the sheet and the header row by the Danish header names,
 * map the columns, read each row's cells and give libkpi one budget line
 * per row (kpi_budget_add), which resolves the measure type and checks
 * the line. The column names and aliases are libkpi's
 * (kpi_budget_column_find), so every reader knows the same names. */
#include "sheet_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_FORMULA_CELLS_SHOWN 20
#define MAX_HEADER_TEXT 256 /* bytes; no header or type name is longer */

typedef struct budget_run {
    const kpi_sheets *book;
    const kpi_sheet *sheet;
    kpi_budget *budget;
    bool csv;
    uint32_t header_row;
    uint32_t col[KPI_BUDGET_COLUMN_COUNT]; /* 1-based; 0 = absent */
    const char *header[KPI_BUDGET_COLUMN_COUNT]; /* as written */
    size_t errors;
    kpi_status fatal;
    /* formula cells whose stored results could not be read (.xls) */
    char formula_cells[MAX_FORMULA_CELLS_SHOWN][16];
    size_t n_formula_cells;
} budget_run;

/* ---- messages ---------------------------------------------------------- */

/* Where row (0: the whole sheet) is, as libkpi's budget messages name it:
 * a CSV file by its line, a workbook by sheet and row. */
static kpi_budget_place place_of(const budget_run *r, uint32_t row)
{
    kpi_budget_place p = {row, NULL};
    if (!r->csv && r->sheet)
        p.sheet = r->sheet->name;
    return p;
}

/* Adds an error about row (0: the whole sheet) and column k (-1: none):
 * "sheet 'S': row 7: Korrigeret budget: MESSAGE" in a workbook,
 * "LABEL:7: Korrigeret budget: MESSAGE" in a CSV file. */
static void KPI_PRINTF(4, 5)
    fail(budget_run *r, uint32_t row, int k, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kpi_budget_place p = place_of(r, row);
    if (kpi_budget_error(r->budget, &p, k, "%s", msg) != KPI_OK)
        r->fatal = KPI_ERR_NOMEM;
    r->errors++;
}

/* A cell's value as a message may quote it: cut at 60 bytes, and never a
 * CPR-shaped value. */
static const char *quote(const kpi_cell *c, char buf[80])
{
    if (!c) {
        buf[0] = '\0';
        return buf;
    }
    switch (c->type) {
    case KPI_CELL_BOOL:
        snprintf(buf, 80, "%s", c->number != 0 ? "TRUE" : "FALSE");
        return buf;
    case KPI_CELL_DATE:
        kpi_date_format(c->date, buf);
        return buf;
    case KPI_CELL_NUMBER:
        snprintf(buf, 80, "%.15g", c->number);
        return buf;
    default:
        break;
    }
    /* Only the start can show in the quote; 4096 bytes of it hold any
     * CPR number that could (and a long text costs no more). */
    if (kpi_csv_looks_like_cpr(c->text, c->len < 4096 ? c->len : 4096)) {
        snprintf(buf, 80, "<a CPR-shaped value>");
        return buf;
    }
    snprintf(buf, 80, "%.60s%s", c->text, c->len > 60 ? "..." : "");
    return buf;
}

/* ---- the header -------------------------------------------------------- */

/* "Korrigeret budget" is the annual budget of §3.9; a plain "Budget" or
 * "Årsbudget" column next to it is the original budget, not a clash. */
static bool is_corrected(const char *text, size_t len)
{
    char folded[64];
    kpi_text_fold(text, len, folded, sizeof folded);
    return strcmp(folded, "korrigeretbudget") == 0;
}

typedef struct header_match {
    uint32_t col[KPI_BUDGET_COLUMN_COUNT];
    const char *header[KPI_BUDGET_COLUMN_COUNT];
    uint32_t twice[KPI_BUDGET_COLUMN_COUNT]; /* the second column naming k */
    size_t months;
} header_match;

/* Matches the cells of one row (starting at cells[i]) against the budget
 * columns. Returns the index after the row. */
static size_t match_row(const kpi_budget *b, const kpi_sheet *s, size_t i,
                        header_match *m)
{
    memset(m, 0, sizeof *m);
    uint32_t row = s->cells[i].row;
    for (; i < s->n_cells && s->cells[i].row == row; i++) {
        const kpi_cell *c = &s->cells[i];
        /* No header name is long: a long text (a note, or a crafted
         * 1 MB string in every cell) is not folded and compared. */
        if (c->type != KPI_CELL_TEXT || c->len > MAX_HEADER_TEXT)
            continue;
        int k = kpi_budget_column_find(b, c->text, c->len);
        if (k < 0)
            continue;
        if (!m->col[k]) {
            m->col[k] = c->col;
            m->header[k] = c->text;
        } else if (k == KPI_BUDGET_ANNUAL && is_corrected(c->text, c->len) &&
                   !is_corrected(m->header[k], strlen(m->header[k]))) {
            m->col[k] = c->col;
            m->header[k] = c->text;
        } else if (!(k == KPI_BUDGET_ANNUAL &&
                     is_corrected(m->header[k], strlen(m->header[k])) &&
                     !is_corrected(c->text, c->len))) {
            if (!m->twice[k])
                m->twice[k] = c->col;
        }
    }
    for (int k = 0; k < 12; k++)
        m->months += m->col[KPI_BUDGET_JAN + k] != 0;
    return i;
}

static bool is_header(const header_match *m)
{
    return m->col[KPI_BUDGET_MEASURE_TYPE] &&
           (m->col[KPI_BUDGET_ANNUAL] || m->months > 0);
}

static bool same_name(const char *a, const char *b)
{
    if (strcmp(a, b) == 0)
        return true;
    char fa[256], fb[256];
    kpi_text_fold(a, strlen(a), fa, sizeof fa);
    kpi_text_fold(b, strlen(b), fb, sizeof fb);
    return fa[0] && strcmp(fa, fb) == 0;
}

static void list_sheets(const kpi_sheets *book, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < kpi_sheets_count(book) && n < cap; i++) {
        int w = snprintf(buf + n, cap - n, "%s'%.60s'", i ? ", " : "",
                         kpi_sheets_get(book, i)->name);
        if (w < 0)
            break;
        n += (size_t)w;
    }
}

/* Finds the sheet and header row; reports and returns false when there
 * is none. */
static bool find_header(budget_run *r)
{
    const char *want_sheet = kpi_budget_sheet(r->budget);
    unsigned long header_row = kpi_budget_header_row(r->budget);
    uint32_t want_row = header_row <= UINT32_MAX ? (uint32_t)header_row : 0;
    bool sheet_found = false;
    header_match m;
    for (size_t si = 0; si < kpi_sheets_count(r->book); si++) {
        const kpi_sheet *s = kpi_sheets_get(r->book, si);
        if (want_sheet && !r->csv && !same_name(s->name, want_sheet))
            continue;
        sheet_found = true;
        for (size_t i = 0; i < s->n_cells;) {
            uint32_t row = s->cells[i].row;
            size_t next = match_row(r->budget, s, i, &m);
            if ((!want_row || row == want_row) && is_header(&m)) {
                r->sheet = s;
                r->header_row = row;
                memcpy(r->col, m.col, sizeof r->col);
                memcpy(r->header, m.header, sizeof r->header);
                for (int k = 0; k < KPI_BUDGET_COLUMN_COUNT; k++)
                    if (kpi_budget_set_header(r->budget,
                                              (kpi_budget_column)k,
                                              m.header[k]) != KPI_OK)
                        r->fatal = KPI_ERR_NOMEM;
                bool ok = true;
                for (int k = 0; k < KPI_BUDGET_COLUMN_COUNT; k++) {
                    if (!m.twice[k])
                        continue;
                    char a[16], b[16];
                    kpi_cell_name(row, m.col[k], a);
                    kpi_cell_name(row, m.twice[k], b);
                    fail(r, row, k,
                         "two columns (%s and %s) name the same budget "
                         "column; rename or delete one",
                         a, b);
                    ok = false;
                }
                if (m.months > 0 && m.months < 12) {
                    char missing[80] = "";
                    size_t n = 0;
                    for (int k = KPI_BUDGET_JAN; k < KPI_BUDGET_JAN + 12; k++)
                        if (!m.col[k])
                            n += (size_t)snprintf(
                                missing + n, sizeof missing - n, "%s%s",
                                n ? ", " : "",
                                kpi_budget_column_header(
                                    (kpi_budget_column)k));
                    fail(r, row, -1,
                         "the budget has monthly columns, so all twelve are "
                         "needed; missing: %s",
                         missing);
                    ok = false;
                }
                return ok;
            }
            i = next;
            if (want_row && row >= want_row)
                break;
        }
        if (want_sheet)
            break;
    }
    char sheets[400];
    list_sheets(r->book, sheets, sizeof sheets);
    if (want_sheet && !sheet_found)
        fail(r, 0, -1,
             "kpi.ini [budget] names the sheet '%.100s', but the workbook "
             "has no such sheet (it has %s)",
             want_sheet, sheets);
    else if (want_row)
        fail(r, 0, -1,
             "row %lu (kpi.ini [budget] header_row) does not hold the "
             "budget's headers: it needs 'Foranstaltningstype' (or "
             "'Konto') and 'Korrigeret budget' (or the months Jan..Dec)",
             (unsigned long)want_row);
    else
        fail(r, 0, -1,
             "no header row found: kpi looks for a row with "
             "'Foranstaltningstype' (or 'Konto' or 'Type') and "
             "'Korrigeret budget' (or 'Budget' or the months Jan..Dec)%s%s; "
             "rename the headers, or name the sheet and row in kpi.ini "
             "[budget] (sheet = ..., header_row = ...)",
             r->csv ? "" : " in the sheets ", r->csv ? "" : sheets);
    return false;
}

/* ---- cells ------------------------------------------------------------- */

static const kpi_cell *cell(const budget_run *r, uint32_t row, int k)
{
    return r->col[k] ? kpi_sheet_find(r->sheet, row, r->col[k]) : NULL;
}

/* The cell of column k on row, marking out as given; NULL (out stays
 * empty) when there is no such cell. */
static const kpi_cell *given(const budget_run *r, uint32_t row, int k,
                             kpi_budget_cell *out)
{
    const kpi_cell *c = cell(r, row, k);
    if (c)
        out->state = KPI_BUDGET_GIVEN;
    return c;
}

/* A formula whose result cannot be read: remembered for one message at
 * the end; the cell is unreadable (its line is not kept). */
static void formula_cell(budget_run *r, const kpi_cell *c, kpi_budget_cell *out)
{
    if (r->n_formula_cells < MAX_FORMULA_CELLS_SHOWN)
        kpi_cell_name(c->row, c->col, r->formula_cells[r->n_formula_cells]);
    r->n_formula_cells++;
    out->state = KPI_BUDGET_BAD;
    out->problem = NULL;
}

/* The messages of one line's cells: kpi_budget_cell.problem points here. */
typedef struct line_text {
    char problem[KPI_BUDGET_COLUMN_COUNT][160];
    char shown[KPI_BUDGET_COLUMN_COUNT][80];
} line_text;

static void KPI_PRINTF(3, 4)
    bad(kpi_budget_cell *out, char problem[160], const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(problem, 160, fmt, ap);
    va_end(ap);
    out->state = KPI_BUDGET_BAD;
    out->problem = problem;
}

/* An amount in kroner as øre. A typed number or a formula's result is
 * rounded half away from zero to whole øre (an unrounded =B5/12 gives
 * 83333.3333...); text follows the CSV rules (1.234,50). */
static void money(budget_run *r, uint32_t row, int k, kpi_budget_cell *out,
                  line_text *lt)
{
    const kpi_cell *c = given(r, row, k, out);
    if (!c)
        return;
    char q[80];
    switch (c->type) {
    case KPI_CELL_NUMBER: {
        double v = c->number * 100.0;
        if (!(fabs(v) < 9.0e17)) {
            bad(out, lt->problem[k], "amount out of range: '%s'",
                quote(c, q));
            return;
        }
        out->amount = (kpi_money)(v < 0 ? -floor(-v + 0.5) : floor(v + 0.5));
        return;
    }
    case KPI_CELL_TEXT: {
        /* No amount is that long: not parsed, so not scanned. */
        kpi_status st = c->len > MAX_HEADER_TEXT
                            ? KPI_ERR_INPUT
                            : kpi_money_parse(c->text, c->len, &out->amount);
        if (st == KPI_ERR_RANGE)
            bad(out, lt->problem[k],
                "amount out of range or with fractions of an øre: '%s'",
                quote(c, q));
        else if (st != KPI_OK)
            bad(out, lt->problem[k], "not a number: '%s'", quote(c, q));
        return;
    }
    case KPI_CELL_FORMULA:
        formula_cell(r, c, out);
        return;
    case KPI_CELL_ERROR:
        bad(out, lt->problem[k],
            "the cell shows an error ('%s'), not a number", quote(c, q));
        return;
    default:
        bad(out, lt->problem[k], "not a number: '%s'", quote(c, q));
        return;
    }
}

/* A decimal number: full-year recipients. Text may use a decimal comma. */
static void number(budget_run *r, uint32_t row, int k, kpi_budget_cell *out,
                   line_text *lt)
{
    const kpi_cell *c = given(r, row, k, out);
    if (!c)
        return;
    out->shown = quote(c, lt->shown[k]);
    if (c->type == KPI_CELL_NUMBER) {
        out->number = c->number;
        return;
    }
    if (c->type == KPI_CELL_FORMULA) {
        formula_cell(r, c, out);
        return;
    }
    if (c->type == KPI_CELL_TEXT) {
        /* "12,5" or "12.5": no thousands separators in a head count. */
        char buf[64];
        if (c->len < sizeof buf) {
            memcpy(buf, c->text, c->len + 1);
            for (char *p = buf; *p; p++)
                if (*p == ',')
                    *p = '.';
            char *end;
            double v = strtod(buf, &end);
            while (*end == ' ')
                end++;
            if (end != buf && !*end && isfinite(v)) {
                out->number = v;
                return;
            }
        }
    }
    char q[80];
    bad(out, lt->problem[k], "not a number: '%s'", quote(c, q));
}

/* The measure type a cell names, for libkpi to look up: text as written;
 * an account number typed as a number through its digits. */
static void type_of(budget_run *r, const kpi_cell *c, kpi_budget_cell *out,
                    line_text *lt)
{
    char *shown = lt->shown[KPI_BUDGET_MEASURE_TYPE];
    if (!c)
        return; /* libkpi reports the missing type */
    if (c->type == KPI_CELL_FORMULA) {
        formula_cell(r, c, out);
        return;
    }
    if (c->type == KPI_CELL_NUMBER && c->number == floor(c->number) &&
        fabs(c->number) < 1e15)
        snprintf(shown, 80, "%.0f", c->number);
    else
        quote(c, shown);
    out->state = KPI_BUDGET_GIVEN;
    out->shown = shown;
    /* A text longer than any type name is looked up as shown (cut at 60
     * bytes): it is unknown either way, and a crafted 1 MB name in every
     * row is not folded row after row. */
    bool as_written = c->type == KPI_CELL_TEXT && c->len <= MAX_HEADER_TEXT;
    out->text = as_written ? c->text : shown;
    out->len = as_written ? c->len : strlen(shown);
}

/* Total rows under the budget ("I alt") are no measure type. */
static bool is_total(const kpi_cell *c)
{
    static const char *const totals[] = {"ialt", "total", "totalt", "sum",
                                         "samlet", "summa"};
    if (c->type != KPI_CELL_TEXT || c->len > MAX_HEADER_TEXT)
        return false;
    char folded[32];
    kpi_text_fold(c->text, c->len, folded, sizeof folded);
    for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++)
        if (strcmp(folded, totals[i]) == 0)
            return true;
    return false;
}

/* Twelve formulas giving 0 beside an annual budget: results saved by a
 * program that did not recalculate (the template's =ROUND(B/12,2) as
 * written, then only B filled in by a script). Typed zeros are kept;
 * stale formulas mean "spread evenly", as if the months were empty. */
static bool stale_months(const budget_run *r, uint32_t row,
                         const kpi_budget_entry *e)
{
    const kpi_budget_cell *annual = &e->cells[KPI_BUDGET_ANNUAL];
    if (annual->state != KPI_BUDGET_GIVEN || annual->amount == 0)
        return false;
    for (int k = KPI_BUDGET_JAN; k < KPI_BUDGET_JAN + 12; k++) {
        const kpi_cell *mc = cell(r, row, k);
        if (e->cells[k].state != KPI_BUDGET_GIVEN || e->cells[k].amount != 0 ||
            !mc || !mc->formula)
            return false;
    }
    return true;
}

static void read_row(budget_run *r, uint32_t row)
{
    bool any = false;
    for (int k = 0; k < KPI_BUDGET_COLUMN_COUNT; k++)
        if (cell(r, row, k))
            any = true;
    if (!any)
        return;
    const kpi_cell *tc = cell(r, row, KPI_BUDGET_MEASURE_TYPE);
    if (tc && is_total(tc))
        return;
    kpi_budget_entry e;
    line_text lt;
    memset(&e, 0, sizeof e);
    e.place = place_of(r, row);
    type_of(r, tc, &e.cells[KPI_BUDGET_MEASURE_TYPE], &lt);
    if (r->col[KPI_BUDGET_JAN])
        for (int k = KPI_BUDGET_JAN; k < KPI_BUDGET_JAN + 12; k++)
            money(r, row, k, &e.cells[k], &lt);
    money(r, row, KPI_BUDGET_ANNUAL, &e.cells[KPI_BUDGET_ANNUAL], &lt);
    number(r, row, KPI_BUDGET_RECIPIENTS, &e.cells[KPI_BUDGET_RECIPIENTS],
           &lt);
    money(r, row, KPI_BUDGET_PRICE, &e.cells[KPI_BUDGET_PRICE], &lt);
    if (stale_months(r, row, &e))
        for (int k = KPI_BUDGET_JAN; k < KPI_BUDGET_JAN + 12; k++)
            e.cells[k].state = KPI_BUDGET_EMPTY;
    kpi_status st = kpi_budget_add(r->budget, &e);
    if (st == KPI_ERR_NOMEM)
        r->fatal = st;
    else if (st != KPI_OK)
        r->errors++;
}

kpi_status kpi_budget_read_book(const kpi_sheets *book, kpi_budget *budget)
{
    if (!book || !budget)
        return KPI_ERR_ARG;
    budget_run r;
    memset(&r, 0, sizeof r);
    r.book = book;
    r.budget = budget;
    r.csv = kpi_sheets_format_of(book) == KPI_SHEETS_CSV;
    if (find_header(&r) && !r.fatal) {
        const kpi_sheet *s = r.sheet;
        for (size_t i = 0; i < s->n_cells && !r.fatal; i++) {
            uint32_t row = s->cells[i].row;
            if (row <= r.header_row)
                continue;
            read_row(&r, row);
            while (i + 1 < s->n_cells && s->cells[i + 1].row == row)
                i++;
        }
    }
    if (r.n_formula_cells) {
        char list[MAX_FORMULA_CELLS_SHOWN * 18 + 40];
        size_t n = 0;
        for (size_t i = 0;
             i < r.n_formula_cells && i < MAX_FORMULA_CELLS_SHOWN; i++)
            n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
                                  i ? ", " : "", r.formula_cells[i]);
        if (r.n_formula_cells > MAX_FORMULA_CELLS_SHOWN)
            snprintf(list + n, sizeof list - n, " and %zu more",
                     r.n_formula_cells - MAX_FORMULA_CELLS_SHOWN);
        fail(&r, 0, -1,
             "%s %s: formulas whose results kpi cannot read as Excel "
             "saved them; open the workbook in Excel, save it as .xlsx "
             "and give kpi that file",
             r.n_formula_cells == 1 ? "cell" : "cells", list);
    }
    if (r.fatal)
        return r.fatal;
    return r.errors ? KPI_ERR_INPUT : KPI_OK;
}

/* ---- the file ---------------------------------------------------------- */

/* true when path ends with suffix (lower case), ignoring ASCII case. */
static bool has_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)path[n - k + i]) != suffix[i])
            return false;
    return true;
}

kpi_status kpi_budget_read(void *ctx, kpi_budget *budget)
{
    if (!budget)
        return KPI_ERR_ARG;
    const kpi_budget_options *bo = ctx;
    const char *path = kpi_budget_path(budget);
    kpi_diagnostics *diags = kpi_budget_diagnostics(budget);
    kpi_sheets_options o;
    memset(&o, 0, sizeof o);
    o.allocator = kpi_budget_allocator(budget);
    o.label = path;
    o.soffice = bo ? bo->soffice : NULL;
    o.soffice_timeout = bo ? bo->soffice_timeout : 0;
    bool csv_name = has_suffix(path, ".csv");
    if (csv_name)
        o.format = KPI_SHEETS_CSV;
    kpi_sheets *book = NULL;
    kpi_status st = kpi_sheets_open(path, &o, &book, diags);
    if (st == KPI_OK && !csv_name &&
        kpi_sheets_format_of(book) == KPI_SHEETS_CSV &&
        (has_suffix(path, ".xls") || has_suffix(path, ".xlsx"))) {
        /* Some systems export HTML or text under an .xls name. */
        st = kpi_budget_error(budget, NULL, -1,
                              "this is not an Excel workbook (it is text, "
                              "perhaps HTML, saved under an Excel name): "
                              "open it in Excel or LibreOffice and save it "
                              "as .xlsx") == KPI_OK
                 ? KPI_ERR_INPUT
                 : KPI_ERR_NOMEM;
    } else if (st == KPI_OK) {
        st = kpi_budget_read_book(book, budget);
    }
    kpi_sheets_free(book);
    return st;
}
