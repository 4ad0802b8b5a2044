/* budget.c - the finance staff's budget (SPEC §3.9): libkpi finds the
 * file and keeps the lines, a reader outside libkpi reads the file
 * (kpiread's kpi_budget_read reads .xlsx, .xls and .csv). The reader gives
 * each line with kpi_budget_add; what a line means (its measure type
 * through the catalogue and kpi.ini, twelve months or none, the annual
 * budget, no type twice) is decided here, so every reader follows the
 * same rules and reports them in the same words. */
#include "input/load.h"

#include <stdio.h>

struct kpi_budget {
    kpi_dataset *ds;
    kpi_diagnostics *diags;
    char *path;
    char *header[KPI_BUDGET_COLUMN_COUNT]; /* as the file writes them */
    size_t errors;
    kpi_status fatal;  /* KPI_ERR_NOMEM once an allocation failed */
    uint32_t *seen;    /* by measure type: the row it was first given on */
    size_t seen_cap;
};

/* ---- what the reader asks ----------------------------------------------- */

const char *kpi_budget_column_header(kpi_budget_column column)
{
    static const char *const headers[KPI_BUDGET_COLUMN_COUNT] = {
        [KPI_BUDGET_MEASURE_TYPE] = "Foranstaltningstype",
        [KPI_BUDGET_ANNUAL] = "Korrigeret budget",
        [KPI_BUDGET_RECIPIENTS] = "Helårspersoner",
        [KPI_BUDGET_PRICE] = "Gennemsnitspris",
        [KPI_BUDGET_JAN + 0] = "Jan",
        [KPI_BUDGET_JAN + 1] = "Feb",
        [KPI_BUDGET_JAN + 2] = "Mar",
        [KPI_BUDGET_JAN + 3] = "Apr",
        [KPI_BUDGET_JAN + 4] = "Maj",
        [KPI_BUDGET_JAN + 5] = "Jun",
        [KPI_BUDGET_JAN + 6] = "Jul",
        [KPI_BUDGET_JAN + 7] = "Aug",
        [KPI_BUDGET_JAN + 8] = "Sep",
        [KPI_BUDGET_JAN + 9] = "Okt",
        [KPI_BUDGET_JAN + 10] = "Nov",
        [KPI_BUDGET_JAN + 11] = "Dec",
    };
    return (unsigned)column < KPI_BUDGET_COLUMN_COUNT ? headers[column] : "";
}

const char *kpi_budget_path(const kpi_budget *b)
{
    return b ? b->path : NULL;
}

const kpi_allocator *kpi_budget_allocator(const kpi_budget *b)
{
    return b ? b->ds->alloc : NULL;
}

kpi_diagnostics *kpi_budget_diagnostics(kpi_budget *b)
{
    return b ? b->diags : NULL;
}

const char *kpi_budget_sheet(const kpi_budget *b)
{
    const char *s = b ? b->ds->config->budget.sheet : NULL;
    return s && s[0] ? s : NULL;
}

unsigned long kpi_budget_header_row(const kpi_budget *b)
{
    int row = b ? b->ds->config->budget.header_row : 0;
    return row > 0 ? (unsigned long)row : 0;
}

int kpi_budget_column_find(const kpi_budget *b, const char *header,
                           size_t len)
{
    if (!b || !header)
        return -1;
    return kpi_schema_find(kpi_schema_of(KPI_FILE_BUDGET), b->ds->config,
                           header, len);
}

kpi_status kpi_budget_set_header(kpi_budget *b, kpi_budget_column column,
                                 const char *header)
{
    if (!b || (unsigned)column >= KPI_BUDGET_COLUMN_COUNT)
        return KPI_ERR_ARG;
    char *copy = header ? kpi_xstrdup(b->ds->alloc, header) : NULL;
    if (header && !copy)
        return b->fatal = KPI_ERR_NOMEM;
    kpi_xfree(b->ds->alloc, b->header[column]);
    b->header[column] = copy;
    return KPI_OK;
}

/* ---- messages ----------------------------------------------------------- */

/* "budget.csv:7: COLUMN: MESSAGE" for a text file (line and column as
 * the diagnostic's own fields); "budget.xlsx: sheet 'S': row 7: COLUMN:
 * MESSAGE" for a workbook, whose place is words in the message. */
static kpi_status report(kpi_budget *b, const kpi_budget_place *place,
                         int column, const char *fmt, va_list ap)
    KPI_PRINTF(4, 0);

static kpi_status report(kpi_budget *b, const kpi_budget_place *place,
                         int column, const char *fmt, va_list ap)
{
    char msg[768];
    vsnprintf(msg, sizeof msg, fmt, ap);
    const char *label = column >= 0 && column < KPI_BUDGET_COLUMN_COUNT
                            ? b->header[column]
                            : NULL;
    unsigned long row = place ? place->row : 0;
    kpi_status st;
    if (!place || !place->sheet) {
        st = kpi_diag_add(b->diags, KPI_SEVERITY_ERROR, b->path, row, label,
                          "%s", msg);
    } else {
        char where[400];
        int n = snprintf(where, sizeof where, "sheet '%.200s': ",
                         place->sheet);
        if (row && n >= 0 && (size_t)n < sizeof where)
            n += snprintf(where + n, sizeof where - (size_t)n, "row %lu: ",
                          row);
        if (label && n >= 0 && (size_t)n < sizeof where)
            snprintf(where + n, sizeof where - (size_t)n, "%.120s: ", label);
        st = kpi_diag_add(b->diags, KPI_SEVERITY_ERROR, b->path, 0, NULL,
                          "%s%s", where, msg);
    }
    b->errors++;
    if (st != KPI_OK)
        b->fatal = KPI_ERR_NOMEM;
    return st;
}

kpi_status kpi_budget_error(kpi_budget *b, const kpi_budget_place *place,
                            int column, const char *fmt, ...)
{
    if (!b || !fmt)
        return KPI_ERR_ARG;
    va_list ap;
    va_start(ap, fmt);
    kpi_status st = report(b, place, column, fmt, ap);
    va_end(ap);
    return st;
}

static void fail(kpi_budget *b, const kpi_budget_place *place, int column,
                 const char *fmt, ...) KPI_PRINTF(4, 5);

static void fail(kpi_budget *b, const kpi_budget_place *place, int column,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(b, place, column, fmt, ap);
    va_end(ap);
}

/* ---- lines -------------------------------------------------------------- */

static const char *shown(const kpi_budget_cell *c)
{
    return c->shown ? c->shown : c->text ? c->text : "";
}

/* The measure type of the line: its index in the catalogue, or -1 after
 * reporting why there is none. */
static int line_type(kpi_budget *b, const kpi_budget_entry *e)
{
    const kpi_budget_cell *c = &e->cells[KPI_BUDGET_MEASURE_TYPE];
    if (c->state == KPI_BUDGET_EMPTY) {
        fail(b, &e->place, KPI_BUDGET_MEASURE_TYPE,
             "missing measure type (the row has budget figures)");
        return -1;
    }
    if (c->state == KPI_BUDGET_BAD) {
        if (c->problem)
            fail(b, &e->place, KPI_BUDGET_MEASURE_TYPE, "%s", c->problem);
        return -1;
    }
    int type = kpi_config_find_type(b->ds->config, c->text ? c->text : "",
                                    c->text ? c->len : 0);
    if (type < 0)
        fail(b, &e->place, KPI_BUDGET_MEASURE_TYPE,
             "unknown measure type '%s': use a name from the catalogue "
             "(kpi budget-template lists them) or add it to "
             "[measure_type_aliases] in kpi.ini",
             shown(c));
    return type;
}

/* The first row type was given on (0: never), and records row. */
static bool seen(kpi_budget *b, size_t type, uint32_t row, uint32_t *first)
{
    if (type >= b->seen_cap) {
        size_t old = b->seen_cap;
        if (kpi_grow(b->ds->alloc, (void **)&b->seen, &b->seen_cap, type + 1,
                     sizeof *b->seen) != KPI_OK) {
            b->fatal = KPI_ERR_NOMEM;
            return false;
        }
        memset(b->seen + old, 0, (b->seen_cap - old) * sizeof *b->seen);
    }
    *first = b->seen[type];
    if (!*first)
        b->seen[type] = row;
    return true;
}

kpi_status kpi_budget_add(kpi_budget *b, const kpi_budget_entry *e)
{
    if (!b || !e)
        return KPI_ERR_ARG;
    if (b->fatal)
        return b->fatal;
    const kpi_budget_cell *cell = e->cells;
    size_t errors_before = b->errors;
    bool bad = false;
    int type = line_type(b, e);

    /* The cells' own problems, in the order of the columns a budget
     * sheet usually has them: the months, then the rest. */
    static const int order[KPI_BUDGET_COLUMN_COUNT - 1] = {
        KPI_BUDGET_JAN,      KPI_BUDGET_JAN + 1,  KPI_BUDGET_JAN + 2,
        KPI_BUDGET_JAN + 3,  KPI_BUDGET_JAN + 4,  KPI_BUDGET_JAN + 5,
        KPI_BUDGET_JAN + 6,  KPI_BUDGET_JAN + 7,  KPI_BUDGET_JAN + 8,
        KPI_BUDGET_JAN + 9,  KPI_BUDGET_JAN + 10, KPI_BUDGET_JAN + 11,
        KPI_BUDGET_ANNUAL,   KPI_BUDGET_RECIPIENTS, KPI_BUDGET_PRICE};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const kpi_budget_cell *c = &cell[order[i]];
        if (c->state != KPI_BUDGET_BAD)
            continue;
        bad = true;
        if (c->problem)
            fail(b, &e->place, order[i], "%s", c->problem);
    }
    bad = bad || cell[KPI_BUDGET_MEASURE_TYPE].state == KPI_BUDGET_BAD;

    kpi_budget_line line;
    memset(&line, 0, sizeof line);
    size_t months_given = 0, months_nonzero = 0;
    kpi_money sum = 0;
    for (int k = 0; k < 12; k++) {
        const kpi_budget_cell *c = &cell[KPI_BUDGET_JAN + k];
        if (c->state == KPI_BUDGET_EMPTY)
            continue;
        months_given++;
        if (c->state == KPI_BUDGET_BAD || c->amount != 0)
            months_nonzero++;
        if (c->state == KPI_BUDGET_GIVEN) {
            line.months[k] = c->amount;
            sum += c->amount;
        }
    }
    const kpi_budget_cell *annual = &cell[KPI_BUDGET_ANNUAL];
    const kpi_budget_cell *recipients = &cell[KPI_BUDGET_RECIPIENTS];
    const kpi_budget_cell *price = &cell[KPI_BUDGET_PRICE];

    /* A template row nobody filled in: a type, no annual budget, no
     * assumptions, months of 0. Not a budget of 0. */
    if (annual->state == KPI_BUDGET_EMPTY &&
        recipients->state == KPI_BUDGET_EMPTY &&
        price->state == KPI_BUDGET_EMPTY && months_nonzero == 0)
        return b->fatal ? b->fatal
                        : b->errors != errors_before ? KPI_ERR_INPUT : KPI_OK;

    if (months_given > 0 && months_given < 12) {
        char missing[80] = "";
        size_t n = 0;
        for (int k = 0; k < 12; k++) {
            if (cell[KPI_BUDGET_JAN + k].state != KPI_BUDGET_EMPTY)
                continue;
            n += (size_t)snprintf(
                missing + n, sizeof missing - n, "%s%s", n ? ", " : "",
                kpi_budget_column_header((kpi_budget_column)(KPI_BUDGET_JAN +
                                                             k)));
        }
        fail(b, &e->place, -1,
             "some months are empty (%s): fill in all twelve, or leave all "
             "of them empty to spread the annual budget evenly",
             missing);
    }
    line.has_months = months_given == 12;
    if (annual->state == KPI_BUDGET_GIVEN)
        line.annual = annual->amount;
    else if (annual->state == KPI_BUDGET_EMPTY) {
        if (line.has_months)
            line.annual = sum; /* twelve months: the annual budget is their
                                  sum */
        else
            fail(b, &e->place, KPI_BUDGET_ANNUAL,
                 "missing annual budget (Korrigeret budget)");
    }
    line.has_recipients = recipients->state == KPI_BUDGET_GIVEN;
    line.recipients = recipients->number;
    if (line.has_recipients && line.recipients < 0)
        fail(b, &e->place, KPI_BUDGET_RECIPIENTS,
             "negative number of full-year recipients: '%s'",
             shown(recipients));
    line.has_price = price->state == KPI_BUDGET_GIVEN;
    line.price = price->amount;

    if (type >= 0) {
        uint32_t first;
        if (!seen(b, (size_t)type, (uint32_t)e->place.row, &first))
            return b->fatal;
        if (first)
            fail(b, &e->place, KPI_BUDGET_MEASURE_TYPE,
                 "measure type '%s' appears twice (first on row %lu): give "
                 "one row per measure type",
                 shown(&cell[KPI_BUDGET_MEASURE_TYPE]), (unsigned long)first);
    }
    if (b->fatal)
        return b->fatal;
    if (b->errors != errors_before || bad || type < 0)
        return KPI_ERR_INPUT;
    line.type = (uint16_t)type;
    line.line = (uint32_t)e->place.row;
    kpi_budget_line *slot = KPI_ARRAY_PUSH(b->ds->alloc, &b->ds->budget);
    if (!slot)
        return b->fatal = KPI_ERR_NOMEM;
    *slot = line;
    return KPI_OK;
}

/* ---- the file ----------------------------------------------------------- */

/* The budget file of the folder: kpi.ini's [files] budget (which must
 * exist), else the first of the three names that does. *path NULL: none. */
static kpi_status find_file(kpi_dataset *ds, const char *dir, char **path,
                            kpi_diagnostics *diags)
{
    const kpi_allocator *a = ds->alloc;
    const char *named = ds->config->files[KPI_FILE_BUDGET];
    *path = NULL;
    if (named) {
        char *p = kpi_path_join(a, dir, named);
        if (!p)
            return KPI_ERR_NOMEM;
        if (kpi_path_exists(p)) {
            *path = p;
            return KPI_OK;
        }
        kpi_status st = kpi_file_not_found(p, false, diags);
        kpi_xfree(a, p);
        return st;
    }
    static const char *const names[] = {"budget.xlsx", "budget.xls",
                                        "budget.csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *p = kpi_path_join(a, dir, names[i]);
        if (!p)
            return KPI_ERR_NOMEM;
        if (kpi_path_exists(p)) {
            *path = p;
            return KPI_OK;
        }
        kpi_xfree(a, p);
    }
    return KPI_OK;
}

kpi_status kpi_budget_load_file(kpi_dataset *ds, const char *dir,
                                const kpi_load_options *o,
                                kpi_diagnostics *diags)
{
    kpi_budget b;
    memset(&b, 0, sizeof b);
    b.ds = ds;
    b.diags = diags;
    kpi_status st = find_file(ds, dir, &b.path, diags);
    if (st != KPI_OK || !b.path)
        return st; /* no budget: its figures are not available */
    ds->present[KPI_FILE_BUDGET] = true;
    if (!o || !o->budget_reader) {
        /* Never a silent skip: the budget figures would be missing. */
        st = kpi_diag_add(diags, KPI_SEVERITY_ERROR, b.path, 0, NULL,
                          "the budget is not read: the program that loads "
                          "the dataset must pass a budget reader to "
                          "kpi_dataset_load (kpi_load_options.budget_reader "
                          "= kpi_budget_read, of kpiread: kpi/read.h)") ==
                     KPI_OK
                 ? KPI_ERR_INPUT
                 : KPI_ERR_NOMEM;
    } else {
        size_t lines_before = ds->budget.count;
        st = o->budget_reader(o->budget_reader_ctx, &b);
        if (b.fatal)
            st = b.fatal;
        else if (st == KPI_OK && b.errors)
            st = KPI_ERR_INPUT;
        if (st != KPI_OK)
            ds->budget.count = lines_before; /* all or nothing */
    }
    for (int k = 0; k < KPI_BUDGET_COLUMN_COUNT; k++)
        kpi_xfree(ds->alloc, b.header[k]);
    kpi_xfree(ds->alloc, b.seen);
    kpi_xfree(ds->alloc, b.path);
    return st;
}

/* ---- the lines of a loaded dataset -------------------------------------- */

size_t kpi_dataset_budget_count(const kpi_dataset *ds)
{
    return ds ? ds->budget.count : 0;
}

bool kpi_dataset_budget(const kpi_dataset *ds, size_t i, kpi_budget_info *out)
{
    if (!ds || !out || i >= ds->budget.count)
        return false;
    const kpi_budget_line *l = &ds->budget.items[i];
    out->measure_type = kpi_dataset_type(ds, l->type)->code;
    out->annual = l->annual;
    out->has_months = l->has_months;
    memcpy(out->months, l->months, sizeof out->months);
    out->has_recipients = l->has_recipients;
    out->recipients = l->recipients;
    out->has_price = l->has_price;
    out->price = l->price;
    out->row = l->line;
    return true;
}
