/* budget.c - the finance staff's budget (SPEC §3.9) from a workbook or a
 * CSV file: find the sheet and the header row by the Danish header names,
 * map the columns, read one budget line per measure type. The column
 * names and aliases are libkpi's budget schema (schema.c), so budget.csv
 * read by libkpi alone and any budget read here know the same names. */
#include "budget.h"

#include "input/load.h"
#include "sheet_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_FORMULA_CELLS_SHOWN 20

typedef struct budget_run {
    const kpi_sheets *book;
    const kpi_sheet *sheet;
    const char *label;
    kpi_dataset *ds;
    kpi_diagnostics *diags;
    bool csv;
    uint32_t header_row;
    uint32_t col[BC_COUNT];          /* 1-based; 0 = absent */
    const char *header[BC_COUNT];    /* the header text as written */
    size_t errors;
    kpi_status fatal;
    /* formula cells whose results could not be read (.xls, no soffice) */
    char formula_cells[MAX_FORMULA_CELLS_SHOWN][16];
    size_t n_formula_cells;
    uint32_t *seen; /* first row of each measure type */
    size_t seen_cap;
} budget_run;

/* ---- messages ---------------------------------------------------------- */

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
    const char *column = k >= 0 && r->header[k] ? r->header[k] : NULL;
    kpi_status st;
    if (r->csv) {
        st = kpi_diag_add(r->diags, KPI_SEVERITY_ERROR, r->label, row, column,
                          "%s", msg);
    } else {
        char where[400];
        int n = r->sheet ? snprintf(where, sizeof where, "sheet '%.200s': ",
                                    r->sheet->name)
                         : 0;
        if (!r->sheet)
            where[0] = '\0';
        if (row && n >= 0 && (size_t)n < sizeof where)
            n += snprintf(where + n, sizeof where - (size_t)n, "row %lu: ",
                          (unsigned long)row);
        if (column && n >= 0 && (size_t)n < sizeof where)
            snprintf(where + n, sizeof where - (size_t)n, "%.120s: ", column);
        st = kpi_diag_add(r->diags, KPI_SEVERITY_ERROR, r->label, 0, NULL,
                          "%s%s", where, msg);
    }
    if (st != KPI_OK)
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
    if (kpi_csv_looks_like_cpr(c->text, c->len)) {
        snprintf(buf, 80, "<a CPR-shaped value>");
        return buf;
    }
    snprintf(buf, 80, "%.60s%s", c->text, c->len > 60 ? "..." : "");
    return buf;
}

/* ---- the header -------------------------------------------------------- */

/* The budget column a header names, or -1: kpi.ini's [budget] and
 * [columns.budget] aliases first, then the canonical names and the
 * built-in Danish ones ("Korrigeret budget", "januar", "jan."). */
static int header_column(const kpi_config *cfg, const char *text, size_t len)
{
    const kpi_schema *s = kpi_schema_of(KPI_FILE_BUDGET);
    const char *canonical = kpi_config_column_alias(cfg, "budget", text, len);
    if (canonical) {
        for (size_t k = 0; k < s->n; k++)
            if (strcmp(s->cols[k].name, canonical) == 0)
                return (int)k;
    }
    char folded[128], cand[128];
    size_t n = kpi_text_fold(text, len, folded, sizeof folded);
    if (n == 0 || n >= sizeof folded - 1)
        return -1;
    for (size_t k = 0; k < s->n; k++) {
        kpi_text_fold(s->cols[k].name, strlen(s->cols[k].name), cand,
                      sizeof cand);
        if (strcmp(folded, cand) == 0)
            return (int)k;
        const char *p = s->cols[k].aliases;
        while (p && *p) {
            const char *bar = strchr(p, '|');
            size_t l = bar ? (size_t)(bar - p) : strlen(p);
            kpi_text_fold(p, l, cand, sizeof cand);
            if (strcmp(folded, cand) == 0)
                return (int)k;
            p = bar ? bar + 1 : NULL;
        }
    }
    return -1;
}

/* "Korrigeret budget" is the annual budget of §3.9; a plain "Budget" or
 * "Årsbudget" column next to it is the original budget, not a clash. */
static bool is_corrected(const char *text, size_t len)
{
    char folded[64];
    kpi_text_fold(text, len, folded, sizeof folded);
    return strcmp(folded, "korrigeretbudget") == 0;
}

typedef struct header_match {
    uint32_t col[BC_COUNT];
    const char *header[BC_COUNT];
    uint32_t twice[BC_COUNT]; /* the second column naming k, else 0 */
    size_t months;
} header_match;

/* Matches the cells of one row (starting at cells[i]) against the budget
 * columns. Returns the index after the row. */
static size_t match_row(const kpi_config *cfg, const kpi_sheet *s, size_t i,
                        header_match *m)
{
    memset(m, 0, sizeof *m);
    uint32_t row = s->cells[i].row;
    for (; i < s->n_cells && s->cells[i].row == row; i++) {
        const kpi_cell *c = &s->cells[i];
        if (c->type != KPI_CELL_TEXT)
            continue;
        int k = header_column(cfg, c->text, c->len);
        if (k < 0)
            continue;
        if (!m->col[k]) {
            m->col[k] = c->col;
            m->header[k] = c->text;
        } else if (k == BC_ANNUAL_BUDGET && is_corrected(c->text, c->len) &&
                   !is_corrected(m->header[k], strlen(m->header[k]))) {
            m->col[k] = c->col;
            m->header[k] = c->text;
        } else if (!(k == BC_ANNUAL_BUDGET &&
                     is_corrected(m->header[k], strlen(m->header[k])) &&
                     !is_corrected(c->text, c->len))) {
            if (!m->twice[k])
                m->twice[k] = c->col;
        }
    }
    for (int k = 0; k < 12; k++)
        m->months += m->col[BC_JAN + k] != 0;
    return i;
}

static bool is_header(const header_match *m)
{
    return m->col[BC_MEASURE_TYPE] &&
           (m->col[BC_ANNUAL_BUDGET] || m->months > 0);
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
    const kpi_config *cfg = r->ds->config;
    const char *want_sheet = cfg->budget.sheet && cfg->budget.sheet[0]
                                 ? cfg->budget.sheet
                                 : NULL;
    uint32_t want_row = cfg->budget.header_row > 0
                            ? (uint32_t)cfg->budget.header_row
                            : 0;
    bool sheet_found = false;
    header_match m;
    for (size_t si = 0; si < kpi_sheets_count(r->book); si++) {
        const kpi_sheet *s = kpi_sheets_get(r->book, si);
        if (want_sheet && !r->csv && !same_name(s->name, want_sheet))
            continue;
        sheet_found = true;
        for (size_t i = 0; i < s->n_cells;) {
            uint32_t row = s->cells[i].row;
            size_t next = match_row(cfg, s, i, &m);
            if ((!want_row || row == want_row) && is_header(&m)) {
                r->sheet = s;
                r->header_row = row;
                memcpy(r->col, m.col, sizeof r->col);
                memcpy(r->header, m.header, sizeof r->header);
                bool ok = true;
                for (int k = 0; k < BC_COUNT; k++) {
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
                    static const char *const names[12] = {
                        "Jan", "Feb", "Mar", "Apr", "Maj", "Jun",
                        "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"};
                    char missing[80] = "";
                    size_t n = 0;
                    for (int k = 0; k < 12; k++)
                        if (!m.col[BC_JAN + k])
                            n += (size_t)snprintf(missing + n,
                                                  sizeof missing - n, "%s%s",
                                                  n ? ", " : "", names[k]);
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

/* A formula whose result cannot be read: remembered for one message. */
static void formula_cell(budget_run *r, const kpi_cell *c)
{
    if (r->n_formula_cells < MAX_FORMULA_CELLS_SHOWN)
        kpi_cell_name(c->row, c->col, r->formula_cells[r->n_formula_cells]);
    r->n_formula_cells++;
}

typedef enum got { GOT_NONE, GOT_VALUE, GOT_BAD } got;

/* An amount in kroner as øre. A typed number or a formula's result is
 * rounded half away from zero to whole øre (an unrounded =B5/12 gives
 * 83333.3333...); text follows the CSV rules (1.234,50). */
static got money(budget_run *r, uint32_t row, int k, kpi_money *out)
{
    const kpi_cell *c = cell(r, row, k);
    char q[80];
    if (!c)
        return GOT_NONE;
    switch (c->type) {
    case KPI_CELL_NUMBER: {
        double v = c->number * 100.0;
        if (!(fabs(v) < 9.0e17)) {
            fail(r, row, k, "amount out of range: '%s'", quote(c, q));
            return GOT_BAD;
        }
        *out = (kpi_money)(v < 0 ? -floor(-v + 0.5) : floor(v + 0.5));
        return GOT_VALUE;
    }
    case KPI_CELL_TEXT: {
        kpi_status st = kpi_money_parse(c->text, c->len, out);
        if (st == KPI_OK)
            return GOT_VALUE;
        if (st == KPI_ERR_RANGE)
            fail(r, row, k,
                 "amount out of range or with fractions of an øre: '%s'",
                 quote(c, q));
        else
            fail(r, row, k, "not a number: '%s'", quote(c, q));
        return GOT_BAD;
    }
    case KPI_CELL_FORMULA:
        formula_cell(r, c);
        return GOT_BAD;
    case KPI_CELL_ERROR:
        fail(r, row, k, "the cell shows an error ('%s'), not a number",
             quote(c, q));
        return GOT_BAD;
    default:
        fail(r, row, k, "not a number: '%s'", quote(c, q));
        return GOT_BAD;
    }
}

/* A decimal number: full-year recipients. Text may use a decimal comma. */
static got number(budget_run *r, uint32_t row, int k, double *out)
{
    const kpi_cell *c = cell(r, row, k);
    char q[80];
    if (!c)
        return GOT_NONE;
    if (c->type == KPI_CELL_NUMBER) {
        *out = c->number;
        return GOT_VALUE;
    }
    if (c->type == KPI_CELL_FORMULA) {
        formula_cell(r, c);
        return GOT_BAD;
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
                *out = v;
                return GOT_VALUE;
            }
        }
    }
    fail(r, row, k, "not a number: '%s'", quote(c, q));
    return GOT_BAD;
}

/* The measure type a cell names: text through the catalogue and kpi.ini's
 * aliases; an account number typed as a number through its digits. */
static bool type_of(budget_run *r, const kpi_cell *c, int *type,
                    char text[80])
{
    if (c->type == KPI_CELL_NUMBER && c->number == floor(c->number) &&
        fabs(c->number) < 1e15)
        snprintf(text, 80, "%.0f", c->number);
    else
        quote(c, text);
    if (c->type == KPI_CELL_TEXT)
        *type = kpi_config_find_type(r->ds->config, c->text, c->len);
    else
        *type = kpi_config_find_type(r->ds->config, text, strlen(text));
    return *type >= 0;
}

/* Total rows under the budget ("I alt") are no measure type. */
static bool is_total(const kpi_cell *c)
{
    static const char *const totals[] = {"ialt", "total", "totalt", "sum",
                                         "samlet", "summa"};
    if (c->type != KPI_CELL_TEXT)
        return false;
    char folded[32];
    kpi_text_fold(c->text, c->len, folded, sizeof folded);
    for (size_t i = 0; i < sizeof totals / sizeof totals[0]; i++)
        if (strcmp(folded, totals[i]) == 0)
            return true;
    return false;
}

static bool seen(budget_run *r, size_t type, uint32_t row, uint32_t *first)
{
    if (type >= r->seen_cap) {
        size_t old = r->seen_cap;
        if (kpi_grow(r->ds->alloc, (void **)&r->seen, &r->seen_cap, type + 1,
                     sizeof *r->seen) != KPI_OK) {
            r->fatal = KPI_ERR_NOMEM;
            return false;
        }
        memset(r->seen + old, 0, (r->seen_cap - old) * sizeof *r->seen);
    }
    *first = r->seen[type];
    if (!*first)
        r->seen[type] = row;
    return true;
}

static void read_row(budget_run *r, uint32_t row)
{
    bool any = false;
    for (int k = 0; k < BC_COUNT; k++)
        if (cell(r, row, k))
            any = true;
    if (!any)
        return;
    const kpi_cell *tc = cell(r, row, BC_MEASURE_TYPE);
    if (tc && is_total(tc))
        return;
    size_t errors_before = r->errors, formulas_before = r->n_formula_cells;
    kpi_budget_line b;
    memset(&b, 0, sizeof b);
    int type = -1;
    char text[80];
    if (!tc)
        fail(r, row, BC_MEASURE_TYPE,
             "missing measure type (the row has budget figures)");
    else if (tc->type == KPI_CELL_FORMULA)
        formula_cell(r, tc);
    else if (!type_of(r, tc, &type, text))
        fail(r, row, BC_MEASURE_TYPE,
             "unknown measure type '%s': use a name from the catalogue "
             "(kpi budget-template lists them) or add it to "
             "[measure_type_aliases] in kpi.ini",
             text);

    kpi_money sum = 0;
    size_t months_given = 0, months_nonzero = 0;
    bool month_given[12] = {false};
    if (r->col[BC_JAN]) {
        for (int k = 0; k < 12; k++) {
            got g = money(r, row, BC_JAN + k, &b.months[k]);
            if (g == GOT_VALUE) {
                month_given[k] = true;
                months_given++;
                months_nonzero += b.months[k] != 0;
                sum += b.months[k];
            } else if (g == GOT_BAD) {
                month_given[k] = true; /* reported already */
                months_given++;
                months_nonzero++;
            }
        }
    }
    got annual = money(r, row, BC_ANNUAL_BUDGET, &b.annual);
    got recipients = number(r, row, BC_RECIPIENTS, &b.recipients);
    got price = money(r, row, BC_AVERAGE_PRICE, &b.price);

    /* A template row nobody filled in: a type, no annual budget, no
     * assumptions, the months' formulas giving 0. Not a budget of 0. */
    if (annual == GOT_NONE && recipients == GOT_NONE && price == GOT_NONE &&
        months_nonzero == 0)
        return;

    if (months_given > 0 && months_given < 12) {
        static const char *const names[12] = {"Jan", "Feb", "Mar", "Apr",
                                              "Maj", "Jun", "Jul", "Aug",
                                              "Sep", "Okt", "Nov", "Dec"};
        char missing[80] = "";
        size_t n = 0;
        for (int k = 0; k < 12; k++)
            if (!month_given[k])
                n += (size_t)snprintf(missing + n, sizeof missing - n, "%s%s",
                                      n ? ", " : "", names[k]);
        fail(r, row, -1,
             "some months are empty (%s): fill in all twelve, or leave all "
             "of them empty to spread the annual budget evenly",
             missing);
    }
    b.has_months = months_given == 12;
    if (b.has_months && months_nonzero == 0 && annual == GOT_VALUE &&
        b.annual != 0) {
        /* Twelve formulas giving 0 beside an annual budget: results saved
         * by a program that did not recalculate (the template's
         * =ROUND(B/12,2) as written, then only B filled in by a script).
         * Typed zeros are kept; stale formulas mean "spread evenly". */
        bool all_formulas = true;
        for (int k = 0; k < 12; k++) {
            const kpi_cell *mc = cell(r, row, BC_JAN + k);
            all_formulas = all_formulas && mc && mc->formula;
        }
        if (all_formulas)
            b.has_months = false;
    }
    if (annual == GOT_NONE) {
        if (b.has_months)
            b.annual = sum; /* twelve months: the annual budget is their sum */
        else
            fail(r, row, BC_ANNUAL_BUDGET,
                 "missing annual budget (Korrigeret budget)");
    }
    b.has_recipients = recipients == GOT_VALUE;
    if (b.has_recipients && b.recipients < 0) {
        char q[80];
        fail(r, row, BC_RECIPIENTS,
             "negative number of full-year recipients: '%s'",
             quote(cell(r, row, BC_RECIPIENTS), q));
    }
    b.has_price = price == GOT_VALUE;

    if (type >= 0) {
        uint32_t first;
        if (!seen(r, (size_t)type, row, &first))
            return;
        if (first)
            fail(r, row, BC_MEASURE_TYPE,
                 "measure type '%s' appears twice (first on row %lu): give "
                 "one row per measure type",
                 text, (unsigned long)first);
    }
    if (r->errors != errors_before || r->n_formula_cells != formulas_before ||
        type < 0 || r->fatal)
        return;
    b.type = (uint16_t)type;
    b.line = row;
    kpi_budget_line *slot = KPI_ARRAY_PUSH(r->ds->alloc, &r->ds->budget);
    if (!slot) {
        r->fatal = KPI_ERR_NOMEM;
        return;
    }
    *slot = b;
}

kpi_status kpi_budget_read_book(const kpi_sheets *book, const char *label,
                                kpi_dataset *ds, kpi_diagnostics *diags)
{
    if (!book || !ds)
        return KPI_ERR_ARG;
    budget_run r;
    memset(&r, 0, sizeof r);
    r.book = book;
    r.label = label ? label : "budget";
    r.ds = ds;
    r.diags = diags;
    r.csv = kpi_sheets_format_of(book) == KPI_SHEETS_CSV;
    size_t lines_before = ds->budget.count;
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
             "%s %s: formulas whose results freexl cannot read; save the "
             "workbook as .xlsx or install LibreOffice",
             r.n_formula_cells == 1 ? "cell" : "cells", list);
    }
    kpi_xfree(ds->alloc, r.seen);
    if (r.fatal)
        return r.fatal;
    if (r.errors) {
        ds->budget.count = lines_before; /* all or nothing */
        return KPI_ERR_INPUT;
    }
    return KPI_OK;
}

/* ---- the file ---------------------------------------------------------- */

kpi_status kpi_budget_load(void *ctx, const char *dir, kpi_dataset *ds,
                           kpi_diagnostics *diags)
{
    if (!dir || !ds)
        return KPI_ERR_ARG;
    const kpi_budget_options *bo = ctx;
    const kpi_allocator *a = ds->alloc;
    const char *named = ds->config->files[KPI_FILE_BUDGET];
    char *path = NULL;
    if (named) {
        path = kpi_path_join(a, dir, named);
        if (!path)
            return KPI_ERR_NOMEM;
        if (!kpi_path_exists(path)) {
            /* A file kpi.ini names must be there: a typo must not make
             * the budget figures silently unavailable. */
            kpi_status st = kpi_diag_add(diags, KPI_SEVERITY_ERROR, path, 0,
                                         NULL,
                                         "file not found (kpi.ini [files] "
                                         "names it)") == KPI_OK
                                ? KPI_ERR_INPUT
                                : KPI_ERR_NOMEM;
            kpi_xfree(a, path);
            return st;
        }
    } else {
        static const char *const names[] = {"budget.xlsx", "budget.xls",
                                            "budget.csv"};
        for (size_t i = 0; i < 3 && !path; i++) {
            char *p = kpi_path_join(a, dir, names[i]);
            if (!p)
                return KPI_ERR_NOMEM;
            if (kpi_path_exists(p))
                path = p;
            else
                kpi_xfree(a, p);
        }
        if (!path)
            return KPI_OK; /* no budget: its figures are not available */
    }
    ds->present[KPI_FILE_BUDGET] = true;

    kpi_sheets_options o;
    memset(&o, 0, sizeof o);
    o.allocator = a;
    o.label = path;
    o.soffice = bo ? bo->soffice : NULL;
    o.soffice_timeout = bo ? bo->soffice_timeout : 0;
    bool csv_name = kpi_path_has_suffix(path, ".csv");
    if (csv_name)
        o.format = KPI_SHEETS_CSV;
    kpi_sheets *book = NULL;
    kpi_status st = kpi_sheets_open(path, &o, &book, diags);
    if (st == KPI_OK && !csv_name &&
        kpi_sheets_format_of(book) == KPI_SHEETS_CSV &&
        (kpi_path_has_suffix(path, ".xls") ||
         kpi_path_has_suffix(path, ".xlsx"))) {
        /* Some systems export HTML or text under an .xls name. */
        st = kpi_diag_add(diags, KPI_SEVERITY_ERROR, path, 0, NULL,
                          "this is not an Excel workbook (it is text, "
                          "perhaps HTML, saved under an Excel name): open "
                          "it in Excel or LibreOffice and save it as .xlsx") ==
                     KPI_OK
                 ? KPI_ERR_INPUT
                 : KPI_ERR_NOMEM;
    } else if (st == KPI_OK) {
        st = kpi_budget_read_book(book, path, ds, diags);
    }
    kpi_sheets_free(book);
    kpi_xfree(a, path);
    return st;
}
