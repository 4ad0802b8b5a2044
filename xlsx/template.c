/*
 * template.c - reads a workbook template (docs/WORKBOOKS.md).
 *
 * The format is INI, read by libkpi's INI reader (kpi_ini_parse, the one
 * kpi.ini is read with) without inline comments: values such as
 * formulas, number formats and print headers contain ';'. A line is
 * "[section]", "key = value", blank, or a comment starting with ';' or
 * '#'. An unknown section or key, a reference to an unknown column, sheet
 * or table, and a bad value are errors that name the line: a typo in a
 * template must not pass silently.
 */
#include "book.h"

#include <xlsxwriter.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Small helpers shared by the engine                                  */

static char *book_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static char *strndup_(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

bool kpi_xlsx_book_grow(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return true;
    size_t n = *cap ? *cap * 2 : 8;
    void *p = realloc(*items, n * size);
    if (!p)
        return false;
    memset((char *)p + *cap * size, 0, (n - *cap) * size);
    *items = p;
    *cap = n;
    return true;
}

const char *kpi_xlsx_book_name_of(const kpi_book_template *t,
                                  const char *dimension, const char *code)
{
    for (size_t i = 0; i < t->n_names; i++)
        if (strcmp(t->names[i].dimension, dimension) == 0 &&
            strcmp(t->names[i].code, code) == 0)
            return t->names[i].name;
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Freeing                                                             */

static void ref_free(book_ref *r)
{
    free(r->kpi_id);
    free(r->period);
    free(r->stat);
    free(r->breakdown);
}

void kpi_book_template_free(kpi_book_template *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n_sheets; i++) {
        free(t->sheets[i].id);
        free(t->sheets[i].name);
        free(t->sheets[i].heading);
        free(t->sheets[i].subheading);
        free(t->sheets[i].figure);
        for (size_t g = 0; g < t->sheets[i].n_groups; g++)
            free(t->sheets[i].groups[g]);
        free(t->sheets[i].groups);
    }
    for (size_t i = 0; i < t->n_tables; i++) {
        book_table *tb = &t->tables[i];
        for (size_t c = 0; c < tb->n_cols; c++) {
            book_column *col = &tb->cols[c];
            free(col->id);
            free(col->heading);
            ref_free(&col->value);
            free(col->formula);
            free(col->field);
        }
        for (size_t c = 0; c < tb->n_items; c++) {
            free(tb->items[c].label);
            ref_free(&tb->items[c].value);
        }
        free(tb->cols);
        free(tb->items);
        free(tb->id);
        free(tb->sheet);
        free(tb->title);
        free(tb->note);
        free(tb->figure);
        free(tb->label);
        free(tb->unless_sheet);
        free(tb->within);
        free(tb->dimension);
        free(tb->group);
        free(tb->total);
        free(tb->sort);
        free(tb->missing);
        for (size_t g = 0; g < tb->n_groups; g++)
            free(tb->groups[g]);
        free(tb->groups);
        for (size_t e = 0; e < tb->n_exclude; e++)
            free(tb->exclude[e]);
        free(tb->exclude);
    }
    for (size_t i = 0; i < t->n_charts; i++) {
        book_chart *ch = &t->charts[i];
        for (size_t s = 0; s < ch->n_series; s++)
            free(ch->series[s]);
        free(ch->series);
        free(ch->id);
        free(ch->sheet);
        free(ch->table);
        free(ch->title);
        free(ch->y_title);
    }
    for (size_t i = 0; i < t->n_names; i++) {
        free(t->names[i].dimension);
        free(t->names[i].code);
        free(t->names[i].name);
    }
    free(t->sheets);
    free(t->tables);
    free(t->charts);
    free(t->names);
    free(t->label);
    free(t->file);
    free(t->title);
    free(t->subject);
    free(t->keywords);
    free(t->data_sheet);
    free(t->not_available);
    for (size_t i = 0; i < t->n_legend; i++) {
        free(t->legend[i].mark);
        free(t->legend[i].text);
    }
    free(t->legend);
    free(t);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

typedef enum sec_kind {
    SEC_NONE = 0,
    SEC_WORKBOOK,
    SEC_NAMES,
    SEC_SHEET,
    SEC_TABLE,
    SEC_COLUMN,
    SEC_CHART,
} sec_kind;

typedef struct parser {
    kpi_book_template *t;
    const char *label;
    char *err;       /* the first problem, for the caller */
    size_t err_size;
    int line;
    int errors;
    bool nomem;
    sec_kind kind;
    size_t index;  /* of the sheet, table, chart the section opened */
    size_t index2; /* of the column */
    char *names_dim;
    const book_chain *chain; /* the templates being read, for includes */
    kpi_book_template **included; /* [workbook] include: their tables */
    size_t n_included;
} parser;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void perr(parser *ps, const char *key, const char *fmt, ...)
{
    /* Only the first problem is kept: templates are part of the program
     * and their tests, so one precise message is enough to fix them. */
    if (ps->errors++ || !ps->err || ps->err_size == 0)
        return;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(ps->err, ps->err_size, "%s:%d: %s%s%s", ps->label, ps->line,
             key ? key : "", key ? ": " : "", msg);
}

static bool oom(parser *ps)
{
    ps->nomem = true;
    return false;
}

/* Replaces *slot with a copy of value. */
static bool set_str(parser *ps, char **slot, const char *value)
{
    char *p = book_strdup(value);
    if (!p)
        return oom(ps);
    free(*slot);
    *slot = p;
    return true;
}

static bool parse_int(const char *v, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < -1000 || n > 100000)
        return false;
    *out = (int)n;
    return true;
}

static bool parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
        *out = true;
    else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
        *out = false;
    else
        return false;
    return true;
}

static const char *const format_names[FMT_COUNT_OF] = {
    "text",    "money", "money2", "percent", "count",
    "decimal", "decimal1", "date", "month", "status", "days", "wrap",
};

static bool parse_format(const char *v, book_format *out)
{
    for (int i = 0; i < FMT_COUNT_OF; i++)
        if (!strcmp(v, format_names[i])) {
            *out = (book_format)i;
            return true;
        }
    return false;
}

/* "kpi_id period stat [breakdown]", separated by spaces. */
static bool parse_ref(parser *ps, const char *key, const char *v,
                      book_ref *out)
{
    char *words[4] = {0};
    int n = 0;
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (n == 4) {
            n++;
            break;
        }
        if (!(words[n++] = strndup_(s, (size_t)(p - s)))) {
            for (int i = 0; i < 4; i++)
                free(words[i]);
            return oom(ps);
        }
    }
    if (n < 3 || n > 4) {
        for (int i = 0; i < 4; i++)
            free(words[i]);
        perr(ps, key,
             "'%s': expected 'kpi_id period stat [breakdown]', for example "
             "'forecast {year} budget'",
             v);
        return false;
    }
    ref_free(out);
    out->kpi_id = words[0];
    out->period = words[1];
    out->stat = words[2];
    out->breakdown = words[3];
    return true;
}

/* The fields of each kind of record rows (table.c writes them). */
static const char *const disposition_fields[] = {
    "measure_id", "child_id", "measure_type", "caseworker", "team",
    "start",      "end",      "assumed_end",  "price",      "unit",
    "monthly",    "this_year", "next_year",   "month_amount", NULL,
};
static const char *const case_fields[] = {
    "case_id",  "child_id",  "caseworker", "team",     "opened",
    "overdue",  "due_soon",  "next_due",   "next_type", "measures",
    "month_amount", NULL,
};
static const char *const deadline_fields[] = {
    "case_id", "child_id", "caseworker", "deadline_type", "due",
    "days",    "status",   "file",       "line",          NULL,
};
static const char *const issue_fields[] = {
    "check", "file", "line", "message", NULL,
};
static const char *const source_fields[] = {
    "file", "origin", "years", "date", "month", NULL,
};
static const char *const gap_fields[] = {
    "area", "figure", "years", "why", NULL,
};

/* The fields of a rows = headlines table (overblik.c). */
static const char *const headline_fields[] = {
    "now", "last_year", "change", "target", "status", NULL,
};

/* The fields of a rows = items table's columns (table.c): the item now,
 * at the same point last year, and the change. */
static const char *const item_fields[] = {
    "now", "last_year", "change", NULL,
};

static bool in_list(const char *const *list, const char *v)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcmp(v, list[i]))
            return true;
    return false;
}

static bool is_record_field(const char *v)
{
    return in_list(disposition_fields, v) || in_list(case_fields, v) ||
           in_list(deadline_fields, v) || in_list(issue_fields, v) ||
           in_list(headline_fields, v) || in_list(source_fields, v) ||
           in_list(gap_fields, v);
}

/* Is v a field of the records of rows? */
static bool field_of_rows(book_rows rows, const char *v)
{
    switch (rows) {
    case ROWS_DISPOSITION:
        return in_list(disposition_fields, v);
    case ROWS_CASES:
        return in_list(case_fields, v);
    case ROWS_DEADLINES:
        return in_list(deadline_fields, v);
    case ROWS_ISSUES:
        return in_list(issue_fields, v);
    case ROWS_HEADLINES:
        return in_list(headline_fields, v);
    case ROWS_ITEMS:
        return in_list(item_fields, v);
    case ROWS_SOURCES:
        return in_list(source_fields, v);
    case ROWS_GAPS:
        return in_list(gap_fields, v);
    default:
        return false;
    }
}

static book_table *find_table(const kpi_book_template *t, const char *id)
{
    for (size_t i = 0; i < t->n_tables; i++)
        if (!strcmp(t->tables[i].id, id))
            return &t->tables[i];
    return NULL;
}

static book_sheet *find_sheet(const kpi_book_template *t, const char *id)
{
    for (size_t i = 0; i < t->n_sheets; i++)
        if (!strcmp(t->sheets[i].id, id))
            return &t->sheets[i];
    return NULL;
}

static book_column *find_column(const book_table *tb, const char *id,
                                size_t len)
{
    for (size_t i = 0; i < tb->n_cols; i++)
        if (strlen(tb->cols[i].id) == len && !memcmp(tb->cols[i].id, id, len))
            return &tb->cols[i];
    return NULL;
}

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return false;
    return true;
}

/* Opens "[kind rest]" or "[names.DIM]". */
static void open_section(parser *ps, const char *name)
{
    kpi_book_template *t = ps->t;
    ps->kind = SEC_NONE;
    if (!strcmp(name, "workbook")) {
        ps->kind = SEC_WORKBOOK;
        return;
    }
    if (!strncmp(name, "names.", 6) && valid_id(name + 6)) {
        ps->kind = SEC_NAMES;
        if (!set_str(ps, &ps->names_dim, name + 6))
            return;
        return;
    }
    const char *sp = strchr(name, ' ');
    const char *id = sp ? sp + 1 : "";
    size_t kl = sp ? (size_t)(sp - name) : strlen(name);
    if (kl == 5 && !memcmp(name, "sheet", 5) && valid_id(id)) {
        if (find_sheet(t, id)) {
            perr(ps, NULL, "sheet '%s' declared twice", id);
            return;
        }
        if (!kpi_xlsx_book_grow((void **)&t->sheets, &t->cap_sheets,
                                t->n_sheets, sizeof *t->sheets) ||
            !(t->sheets[t->n_sheets].id = book_strdup(id))) {
            oom(ps);
            return;
        }
        t->sheets[t->n_sheets].line = ps->line;
        ps->index = t->n_sheets++;
        ps->kind = SEC_SHEET;
        return;
    }
    if (kl == 5 && !memcmp(name, "table", 5) && valid_id(id)) {
        if (find_table(t, id)) {
            perr(ps, NULL, "table '%s' declared twice", id);
            return;
        }
        if (!kpi_xlsx_book_grow((void **)&t->tables, &t->cap_tables,
                                t->n_tables, sizeof *t->tables) ||
            !(t->tables[t->n_tables].id = book_strdup(id))) {
            oom(ps);
            return;
        }
        t->tables[t->n_tables].line = ps->line;
        ps->index = t->n_tables++;
        ps->kind = SEC_TABLE;
        return;
    }
    if (kl == 6 && !memcmp(name, "column", 6)) {
        const char *dot = strchr(id, '.');
        char *tid = dot ? strndup_(id, (size_t)(dot - id)) : NULL;
        if (dot && !tid) {
            oom(ps);
            return;
        }
        book_table *tb = tid ? find_table(t, tid) : NULL;
        free(tid);
        if (!tb) {
            perr(ps, NULL,
                 "'[%s]': expected [column TABLE.ID] after its [table TABLE]",
                 name);
            return;
        }
        if (!valid_id(dot + 1) || find_column(tb, dot + 1, strlen(dot + 1))) {
            perr(ps, NULL, "'[%s]': bad or repeated column id", name);
            return;
        }
        if (!kpi_xlsx_book_grow((void **)&tb->cols, &tb->cap_cols, tb->n_cols,
                                sizeof *tb->cols) ||
            !(tb->cols[tb->n_cols].id = book_strdup(dot + 1))) {
            oom(ps);
            return;
        }
        tb->cols[tb->n_cols].line = ps->line;
        ps->index = (size_t)(tb - t->tables);
        ps->index2 = tb->n_cols++;
        ps->kind = SEC_COLUMN;
        return;
    }
    if (kl == 5 && !memcmp(name, "chart", 5) && valid_id(id)) {
        if (!kpi_xlsx_book_grow((void **)&t->charts, &t->cap_charts,
                                t->n_charts, sizeof *t->charts) ||
            !(t->charts[t->n_charts].id = book_strdup(id))) {
            oom(ps);
            return;
        }
        book_chart *ch = &t->charts[t->n_charts];
        ch->line = ps->line;
        ch->type = LXW_CHART_LINE;
        ch->width = 720;
        ch->height = 360;
        ps->index = t->n_charts++;
        ps->kind = SEC_CHART;
        return;
    }
    perr(ps, NULL,
         "unknown section '[%s]' (workbook, names.DIMENSION, sheet ID, "
         "table ID, column TABLE.ID, chart ID)",
         name);
}

static void unknown_key(parser *ps, const char *key, const char *valid)
{
    perr(ps, key, "unknown key (valid here: %s)", valid);
}

static void add_name(parser *ps, const char *dimension, const char *code,
                     const char *name)
{
    kpi_book_template *t = ps->t;
    if (!kpi_xlsx_book_grow((void **)&t->names, &t->cap_names, t->n_names,
                            sizeof *t->names)) {
        oom(ps);
        return;
    }
    book_name *n = &t->names[t->n_names];
    n->dimension = book_strdup(dimension);
    n->code = book_strdup(code);
    n->name = book_strdup(name);
    t->n_names++;
    if (!n->dimension || !n->code || !n->name)
        oom(ps);
}

static void on_names(parser *ps, const char *k, const char *v)
{
    add_name(ps, ps->names_dim, k, v);
}

/* [workbook] include = NAME: the names of the embedded template NAME
 * (appended here, so a dimension keeps their order) and its tables, for
 * `columns =` to take columns from. Its sheets and charts are not this
 * template's. */
static void include_template(parser *ps, const char *name)
{
    /* A cycle names a template being read: with finitely many embedded
     * templates, every chain that goes on repeats one. */
    for (const book_chain *c = ps->chain; c; c = c->up)
        if (!strcmp(c->name, name)) {
            perr(ps, "include",
                 "'%s' would include itself (directly or through another "
                 "template)",
                 name);
            return;
        }
    const char *text;
    size_t len;
    if (!kpi_xlsx_book_builtin_text(name, &text, &len)) {
        char names[256] = "";
        size_t n = 0;
        const char *b;
        for (size_t i = 0; (b = kpi_book_template_builtin_name(i)) &&
                           n < sizeof names;
             i++)
            n += (size_t)snprintf(names + n, sizeof names - n, "%s%s",
                                  i ? ", " : "", b);
        perr(ps, "include", "no template '%s' (the templates are: %s)", name,
             names);
        return;
    }
    kpi_book_template **grown =
        realloc(ps->included, (ps->n_included + 1) * sizeof *grown);
    if (!grown) {
        oom(ps);
        return;
    }
    ps->included = grown;
    char label[128], err[400];
    snprintf(label, sizeof label, "templates/%s.ini", name);
    book_chain chain = {name, ps->chain};
    kpi_book_template *inc = NULL;
    kpi_status st = kpi_xlsx_book_template_parse(text, len, label, &chain, &inc,
                                                 err, sizeof err);
    if (st == KPI_ERR_NOMEM) {
        oom(ps);
        return;
    }
    if (st != KPI_OK) {
        perr(ps, "include", "%s", err);
        return;
    }
    ps->included[ps->n_included++] = inc;
    for (size_t i = 0; i < inc->n_names && !ps->nomem; i++)
        add_name(ps, inc->names[i].dimension, inc->names[i].code,
                 inc->names[i].name);
}

static void on_legend(parser *ps, const char *v);

static void on_workbook(parser *ps, const char *k, const char *v)
{
    kpi_book_template *t = ps->t;
    if (!strcmp(k, "file"))
        set_str(ps, &t->file, v);
    else if (!strcmp(k, "title"))
        set_str(ps, &t->title, v);
    else if (!strcmp(k, "subject"))
        set_str(ps, &t->subject, v);
    else if (!strcmp(k, "keywords"))
        set_str(ps, &t->keywords, v);
    else if (!strcmp(k, "data_sheet"))
        set_str(ps, &t->data_sheet, v);
    else if (!strcmp(k, "not_available"))
        set_str(ps, &t->not_available, v);
    else if (!strcmp(k, "drop_empty")) {
        if (!parse_bool(v, &t->drop_empty))
            perr(ps, k, "'%s': expected yes or no", v);
    } else if (!strcmp(k, "zero_counts")) {
        if (!parse_bool(v, &t->zero_counts))
            perr(ps, k, "'%s': expected yes or no", v);
    } else if (!strcmp(k, "legend"))
        on_legend(ps, v);
    else if (!strcmp(k, "include"))
        include_template(ps, v);
    else
        unknown_key(ps, k,
                    "file, title, subject, keywords, data_sheet, "
                    "not_available, zero_counts, legend, drop_empty, "
                    "include");
}

static void parse_list(parser *ps, const char *v, char ***list, size_t *n);

/* groups = fagudvalg, direktion: recipient groups' codes. */
static void parse_groups(parser *ps, const char *v, char ***list, size_t *n)
{
    parse_list(ps, v, list, n);
    for (size_t i = 0; i < *n; i++) {
        kpi_group g;
        if (strcmp((*list)[i], KPI_ROLE_OEKONOMICHEF) != 0 &&
            (kpi_group_parse((*list)[i], &g) != KPI_OK ||
             strcmp(kpi_group_code(g), (*list)[i]) != 0))
            perr(ps, "groups",
                 "'%s' is not a recipient group's code (nor the role "
                 "oekonomichef)",
                 (*list)[i]);
    }
}

/* months = 3, 6, 9, 12: the report months a sheet or table is shown in,
 * as bits 1..12 of *months. */
static void on_months(parser *ps, unsigned *months, const char *v)
{
    char **list = NULL;
    size_t n = 0;
    parse_list(ps, v, &list, &n);
    for (size_t i = 0; i < n; i++) {
        int m;
        if (!parse_int(list[i], &m) || m < 1 || m > 12)
            perr(ps, "months", "'%s': expected month numbers 1 to 12",
                 list[i]);
        else
            *months |= 1u << m;
        free(list[i]);
    }
    free(list);
}

static void on_sheet(parser *ps, const char *k, const char *v)
{
    book_sheet *s = &ps->t->sheets[ps->index];
    if (!strcmp(k, "name")) {
        /* Excel's limits on a tab name. */
        if (strpbrk(v, "[]:*?/\\") || !*v) {
            perr(ps, k, "'%s' is not a valid sheet name", v);
            return;
        }
        set_str(ps, &s->name, v);
    } else if (!strcmp(k, "heading"))
        set_str(ps, &s->heading, v);
    else if (!strcmp(k, "subheading"))
        set_str(ps, &s->subheading, v);
    else if (!strcmp(k, "one_page")) {
        if (!parse_bool(v, &s->one_page))
            perr(ps, k, "'%s': expected yes or no", v);
    } else if (!strcmp(k, "months")) {
        on_months(ps, &s->months, v);
    } else if (!strcmp(k, "groups")) {
        parse_groups(ps, v, &s->groups, &s->n_groups);
    } else if (!strcmp(k, "figure")) {
        set_str(ps, &s->figure, v);
    } else
        unknown_key(ps, k,
                    "name, heading, subheading, one_page, months, groups, "
                    "figure");
}

/* legend = MARK | TEXT */
static void on_legend(parser *ps, const char *v)
{
    kpi_book_template *t = ps->t;
    const char *bar = strchr(v, '|');
    if (!bar || bar == v || !bar[1]) {
        perr(ps, "legend", "'%s': expected 'MARK | TEXT'", v);
        return;
    }
    if (t->n_legend == BOOK_MAX_LEGEND) {
        perr(ps, "legend", "more than %d legend lines", BOOK_MAX_LEGEND);
        return;
    }
    if (!kpi_xlsx_book_grow((void **)&t->legend, &t->cap_legend, t->n_legend,
                            sizeof *t->legend)) {
        oom(ps);
        return;
    }
    const char *e = bar, *text = bar + 1;
    while (e > v && e[-1] == ' ')
        e--;
    while (*text == ' ')
        text++;
    book_legend *l = &t->legend[t->n_legend];
    l->mark = strndup_(v, (size_t)(e - v));
    l->text = strndup_(text, strlen(text));
    if (!l->mark || !l->text) {
        free(l->mark);
        free(l->text);
        oom(ps);
        return;
    }
    t->n_legend++;
}

/* item = LABEL | kpi_id period stat [breakdown] | format */
static void on_item(parser *ps, book_table *tb, const char *v)
{
    const char *b1 = strchr(v, '|');
    const char *b2 = b1 ? strchr(b1 + 1, '|') : NULL;
    if (!b2) {
        perr(ps, "item", "'%s': expected 'LABEL | kpi_id period stat | FORMAT'",
             v);
        return;
    }
    if (!kpi_xlsx_book_grow((void **)&tb->items, &tb->cap_items, tb->n_items,
                            sizeof *tb->items)) {
        oom(ps);
        return;
    }
    book_item *it = &tb->items[tb->n_items];
    const char *e = b1;
    while (e > v && e[-1] == ' ')
        e--;
    char *ref = strndup_(b1 + 1, (size_t)(b2 - b1 - 1));
    const char *f = b2 + 1;
    while (*f == ' ')
        f++;
    it->label = strndup_(v, (size_t)(e - v));
    if (!it->label || !ref) {
        free(ref);
        free(it->label);
        it->label = NULL;
        oom(ps);
        return;
    }
    tb->n_items++;
    bool ok = parse_ref(ps, "item", ref, &it->value);
    free(ref);
    if (ok && !parse_format(f, &it->format))
        perr(ps, "item", "unknown format '%s'", f);
}

/* Appends the comma- or space-separated words of v to *list. */
static void parse_list(parser *ps, const char *v, char ***list, size_t *n)
{
    const char *p = v;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *s = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        if (p == s)
            break;
        char **grown = realloc(*list, (*n + 1) * sizeof **list);
        if (!grown) {
            oom(ps);
            return;
        }
        *list = grown;
        if (!((*list)[*n] = strndup_(s, (size_t)(p - s)))) {
            oom(ps);
            return;
        }
        (*n)++;
    }
}

/* A copy of column c, appended to tb; false when out of memory. */
static bool copy_column(parser *ps, book_table *tb, const book_column *c)
{
    if (!kpi_xlsx_book_grow((void **)&tb->cols, &tb->cap_cols, tb->n_cols,
                            sizeof *tb->cols))
        return oom(ps);
    book_column *d = &tb->cols[tb->n_cols++];
    *d = *c;
    d->id = book_strdup(c->id);
    d->heading = book_strdup(c->heading);
    d->value.kpi_id = book_strdup(c->value.kpi_id);
    d->value.period = book_strdup(c->value.period);
    d->value.stat = book_strdup(c->value.stat);
    d->value.breakdown = book_strdup(c->value.breakdown);
    d->formula = book_strdup(c->formula);
    d->field = book_strdup(c->field);
    if (!d->id || (c->heading && !d->heading) ||
        (c->value.kpi_id && !d->value.kpi_id) ||
        (c->value.period && !d->value.period) ||
        (c->value.stat && !d->value.stat) ||
        (c->value.breakdown && !d->value.breakdown) ||
        (c->formula && !d->formula) || (c->field && !d->field))
        return oom(ps);
    return true;
}

/* The table `id` that `columns =` names: one declared above in this
 * template, else one of an included template. */
static const book_table *columns_source(const parser *ps, const char *id)
{
    const book_table *tb = find_table(ps->t, id);
    for (size_t i = 0; !tb && i < ps->n_included; i++)
        tb = find_table(ps->included[i], id);
    return tb;
}

/* columns = TABLE [ID ...]: the columns of TABLE (all, or the ones named,
 * in that order) become the next columns of tb, as if declared here. */
static void copy_columns(parser *ps, book_table *tb, const char *v)
{
    char **words = NULL;
    size_t n = 0;
    parse_list(ps, v, &words, &n);
    const book_table *from = n ? columns_source(ps, words[0]) : NULL;
    if (ps->nomem) {
    } else if (!from || from == tb) {
        perr(ps, "columns",
             "'%s': expected 'TABLE [COLUMN ...]', a table declared above "
             "or in an included template",
             v);
    } else {
        size_t count = n > 1 ? n - 1 : from->n_cols;
        for (size_t i = 0; i < count && !ps->nomem; i++) {
            const char *id = n > 1 ? words[i + 1] : from->cols[i].id;
            const book_column *c = find_column(from, id, strlen(id));
            if (!c) {
                perr(ps, "columns", "no column '%s' in table '%s'", id,
                     from->id);
                break;
            }
            if (find_column(tb, id, strlen(id))) {
                perr(ps, "columns", "table '%s' has a column '%s' already",
                     tb->id, id);
                break;
            }
            copy_column(ps, tb, c);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(words[i]);
    free(words);
}

static void on_table(parser *ps, const char *k, const char *v)
{
    book_table *tb = &ps->t->tables[ps->index];
    int n;
    if (!strcmp(k, "sheet"))
        set_str(ps, &tb->sheet, v);
    else if (!strcmp(k, "title"))
        set_str(ps, &tb->title, v);
    else if (!strcmp(k, "note"))
        set_str(ps, &tb->note, v);
    else if (!strcmp(k, "figure"))
        set_str(ps, &tb->figure, v);
    else if (!strcmp(k, "label"))
        set_str(ps, &tb->label, v);
    else if (!strcmp(k, "unless_sheet"))
        set_str(ps, &tb->unless_sheet, v);
    else if (!strcmp(k, "within"))
        set_str(ps, &tb->within, v);
    else if (!strcmp(k, "total"))
        set_str(ps, &tb->total, v);
    else if (!strcmp(k, "sort"))
        set_str(ps, &tb->sort, v);
    else if (!strcmp(k, "missing"))
        set_str(ps, &tb->missing, v);
    else if (!strcmp(k, "members")) {
        if (strcmp(v, "all") != 0)
            perr(ps, k, "'%s': expected all", v);
        tb->all_members = true;
    }
    else if (!strcmp(k, "group")) {
        if (strcmp(v, "category") != 0)
            perr(ps, k, "'%s': only 'category' can group rows", v);
        else
            set_str(ps, &tb->group, v);
    } else if (!strcmp(k, "rows")) {
        static const struct {
            const char *name;
            book_rows rows;
        } kinds[] = {
            {"months", ROWS_MONTHS},         {"disposition", ROWS_DISPOSITION},
            {"cases", ROWS_CASES},           {"deadlines", ROWS_DEADLINES},
            {"issues", ROWS_ISSUES},         {"items", ROWS_ITEMS},
            {"headlines", ROWS_HEADLINES},   {"red_lights", ROWS_RED_LIGHTS},
            {"note", ROWS_NOTE},
            {"trajectory", ROWS_TRAJECTORY},
            {"trajectory_types", ROWS_TRAJECTORY_TYPES},
            {"sources", ROWS_SOURCES},       {"gaps", ROWS_GAPS},
        };
        size_t kind = 0, n_kinds = sizeof kinds / sizeof kinds[0];
        while (kind < n_kinds && strcmp(v, kinds[kind].name) != 0)
            kind++;
        if (kind < n_kinds)
            tb->rows = kinds[kind].rows;
        else if (valid_id(v)) {
            tb->rows = ROWS_BREAKDOWN;
            set_str(ps, &tb->dimension, v);
        } else
            perr(ps, k, "'%s': expected a dimension, months, disposition, "
                        "cases, deadlines, issues, items, headlines, red_lights, "
                        "note, trajectory, trajectory_types, sources or gaps",
                 v);
    } else if (!strcmp(k, "select")) {
        if (!strcmp(v, "active"))
            tb->select = SELECT_ACTIVE;
        else if (!strcmp(v, "ended"))
            tb->select = SELECT_ENDED;
        else if (!strcmp(v, "all"))
            tb->select = SELECT_ALL;
        else
            perr(ps, k, "'%s': expected all, active or ended", v);
    } else if (!strcmp(k, "from") || !strcmp(k, "to")) {
        if (!parse_int(v, &n) || n > 0 || n < -120)
            perr(ps, k, "'%s': expected months relative to the report month "
                        "(-23 .. 0)", v);
        else if (k[0] == 'f')
            tb->months_from = n;
        else
            tb->months_to = n;
    } else if (!strcmp(k, "months") && isdigit((unsigned char)v[0])) {
        on_months(ps, &tb->in_months, v); /* a condition, as a sheet's */
    } else if (!strcmp(k, "months")) {
        if (!strcmp(v, "to_date"))
            tb->to_date = true;
        else if (!strcmp(v, "quarter_ends"))
            tb->quarter_ends = true;
        else if (strcmp(v, "year") != 0)
            perr(ps, k,
                 "'%s': expected 'year' (January to December), 'to_date' "
                 "(January to the report month), 'quarter_ends' or the "
                 "report months the table is shown in (3, 6, 9, 12)",
                 v);
        else
            tb->fiscal_year = true;
    } else if (!strcmp(k, "categories")) {
        bool beside;
        if (!parse_bool(v, &beside))
            perr(ps, k, "'%s': expected yes or no", v);
        else
            tb->no_categories = !beside;
    } else if (!strcmp(k, "exclude")) {
        parse_list(ps, v, &tb->exclude, &tb->n_exclude);
    } else if (!strcmp(k, "filter")) {
        if (!parse_bool(v, &tb->filter))
            perr(ps, k, "'%s': expected yes or no", v);
    } else if (!strcmp(k, "optional")) {
        if (!parse_bool(v, &tb->optional))
            perr(ps, k, "'%s': expected yes or no", v);
    } else if (!strcmp(k, "page_break")) {
        if (!parse_bool(v, &tb->page_break))
            perr(ps, k, "'%s': expected yes or no", v);
    } else if (!strcmp(k, "groups")) {
        parse_groups(ps, v, &tb->groups, &tb->n_groups);
    } else if (!strcmp(k, "item"))
        on_item(ps, tb, v);
    else if (!strcmp(k, "columns"))
        copy_columns(ps, tb, v);
    else
        unknown_key(
            ps, k,
            "sheet, title, note, figure, label, rows, group, total, "
            "from, to, months, exclude, select, filter, optional, sort, "
            "item, columns, groups, unless_sheet, within, categories, "
            "page_break, missing, members");
}

static void on_column(parser *ps, const char *k, const char *v)
{
    book_column *c = &ps->t->tables[ps->index].cols[ps->index2];
    int n;
    if (!strcmp(k, "heading"))
        set_str(ps, &c->heading, v);
    else if (!strcmp(k, "value"))
        parse_ref(ps, k, v, &c->value);
    else if (!strcmp(k, "formula")) {
        if (v[0] == '=')
            v++;
        set_str(ps, &c->formula, v);
    } else if (!strcmp(k, "field")) {
        if (!is_record_field(v))
            perr(ps, k, "unknown field '%s'", v);
        else
            set_str(ps, &c->field, v);
    } else if (!strcmp(k, "format")) {
        if (!parse_format(v, &c->format))
            perr(ps, k, "unknown format '%s'", v);
    } else if (!strcmp(k, "total")) {
        if (!strcmp(v, "sum"))
            c->total = TOTAL_SUM;
        else if (!strcmp(v, "value"))
            c->total = TOTAL_VALUE;
        else if (!strcmp(v, "none"))
            c->total = TOTAL_NONE;
        else if (!strcmp(v, "auto"))
            c->total = TOTAL_AUTO;
        else
            perr(ps, k, "'%s': expected sum, value, none or auto", v);
    } else if (!strcmp(k, "width")) {
        if (!parse_int(v, &n) || n < 1 || n > 120)
            perr(ps, k, "'%s': expected a width of 1 to 120", v);
        else
            c->width = n;
    } else if (!strcmp(k, "optional")) {
        if (!parse_bool(v, &c->optional))
            perr(ps, k, "'%s': expected yes or no", v);
    } else
        unknown_key(ps, k,
                    "heading, value, formula, field, format, total, width, "
                    "optional");
}

static void on_chart(parser *ps, const char *k, const char *v)
{
    book_chart *ch = &ps->t->charts[ps->index];
    int n;
    if (!strcmp(k, "sheet"))
        set_str(ps, &ch->sheet, v);
    else if (!strcmp(k, "table"))
        set_str(ps, &ch->table, v);
    else if (!strcmp(k, "title"))
        set_str(ps, &ch->title, v);
    else if (!strcmp(k, "y_title"))
        set_str(ps, &ch->y_title, v);
    else if (!strcmp(k, "type")) {
        if (!strcmp(v, "line"))
            ch->type = LXW_CHART_LINE;
        else if (!strcmp(v, "column"))
            ch->type = LXW_CHART_COLUMN;
        else
            perr(ps, k, "'%s': expected line or column", v);
    } else if (!strcmp(k, "width") || !strcmp(k, "height")) {
        if (!parse_int(v, &n) || n < 100 || n > 4000)
            perr(ps, k, "'%s': expected pixels, 100 to 4000", v);
        else if (k[0] == 'w')
            ch->width = n;
        else
            ch->height = n;
    } else if (!strcmp(k, "series") && !strcmp(v, "rows")) {
        ch->by_rows = true;
    } else if (!strcmp(k, "series")) {
        parse_list(ps, v, &ch->series, &ch->n_series);
    } else if (!strcmp(k, "place")) {
        if (strcmp(v, "below") != 0 && strcmp(v, "beside") != 0 &&
            strcmp(v, "right") != 0)
            perr(ps, k, "'%s': expected below, beside or right", v);
        ch->below = !strcmp(v, "below");
        ch->right = !strcmp(v, "right");
    } else
        unknown_key(ps, k,
                    "sheet, table, title, y_title, type, width, "
                    "height, series, place");
}

static kpi_status on_line(void *ctx, const kpi_ini_item *it)
{
    parser *ps = ctx;
    ps->line = (int)it->line;
    if (it->kind == KPI_INI_ERROR) {
        perr(ps, NULL, "%s", it->message);
    } else if (it->kind == KPI_INI_SECTION) {
        if (it->name)
            open_section(ps, it->name);
        else
            ps->kind = SEC_NONE; /* a bad header, reported */
    } else {
        const char *k = it->name, *v = it->value;
        switch (ps->kind) {
        case SEC_NONE:
            /* The section itself was reported; don't repeat for its
             * keys. */
            if (ps->errors == 0)
                perr(ps, k, "key outside a section");
            break;
        case SEC_WORKBOOK:
            on_workbook(ps, k, v);
            break;
        case SEC_NAMES:
            on_names(ps, k, v);
            break;
        case SEC_SHEET:
            on_sheet(ps, k, v);
            break;
        case SEC_TABLE:
            on_table(ps, k, v);
            break;
        case SEC_COLUMN:
            on_column(ps, k, v);
            break;
        case SEC_CHART:
            on_chart(ps, k, v);
            break;
        }
    }
    return ps->nomem ? KPI_ERR_NOMEM : KPI_OK;
}

/* Checks what only the whole template can tell: references between
 * sections, and that each column says where its value comes from. */
static void check_template(parser *ps)
{
    kpi_book_template *t = ps->t;
    if (!t->file) {
        ps->line = 1;
        perr(ps, "file", "[workbook] needs a file name pattern");
    }
    for (size_t i = 0; i < t->n_sheets; i++)
        if (!t->sheets[i].name) {
            ps->line = t->sheets[i].line;
            perr(ps, "name", "sheet '%s' has no name", t->sheets[i].id);
        }
    for (size_t i = 0; i < t->n_tables; i++) {
        book_table *tb = &t->tables[i];
        ps->line = tb->line;
        if (!tb->sheet || !find_sheet(t, tb->sheet))
            perr(ps, "sheet", "table '%s' names no declared sheet", tb->id);
        if (tb->unless_sheet && !find_sheet(t, tb->unless_sheet))
            perr(ps, "unless_sheet", "'%s' is no declared sheet",
                 tb->unless_sheet);
        size_t breaks = 0;
        for (size_t j = 0; tb->page_break && tb->sheet && j <= i; j++)
            breaks += t->tables[j].page_break && t->tables[j].sheet &&
                      !strcmp(t->tables[j].sheet, tb->sheet);
        if (breaks > BOOK_MAX_BREAKS)
            perr(ps, "page_break", "more than %d page breaks on sheet '%s'",
                 BOOK_MAX_BREAKS, tb->sheet);
        if (tb->rows == ROWS_BREAKDOWN && !tb->dimension)
            perr(ps, "rows", "table '%s' says nothing about its rows", tb->id);
        if (tb->rows == ROWS_ITEMS && tb->n_items == 0)
            perr(ps, "item", "table '%s' has no items", tb->id);
        if (tb->rows == ROWS_MONTHS && tb->months_from > tb->months_to)
            perr(ps, "from", "table '%s' runs backwards", tb->id);
        if (tb->group && (tb->rows != ROWS_BREAKDOWN ||
                          strcmp(tb->dimension, "measure_type") != 0))
            perr(ps, "group", "only measure_type rows group by category");
        if (tb->within && (tb->group || tb->rows != ROWS_BREAKDOWN ||
                           strcmp(tb->dimension, "measure_type") != 0))
            perr(ps, "within", "only measure_type rows without a group "
                               "have rows within their types");
        if (tb->sort && strcmp(tb->sort, "name") != 0 &&
            !find_column(tb, tb->sort, strlen(tb->sort)))
            perr(ps, "sort", "no column '%s' in table '%s'", tb->sort, tb->id);
        bool own_columns = tb->rows == ROWS_ITEMS ||
                           tb->rows == ROWS_RED_LIGHTS ||
                           tb->rows == ROWS_NOTE ||
                           tb->rows == ROWS_TRAJECTORY ||
                           tb->rows == ROWS_TRAJECTORY_TYPES;
        if (!own_columns && tb->n_cols == 0)
            perr(ps, NULL, "table '%s' has no columns", tb->id);
        for (size_t c = 0; c < tb->n_cols; c++) {
            book_column *col = &tb->cols[c];
            ps->line = col->line;
            bool has_source = col->value.kpi_id || col->field;
            if (!has_source) {
                perr(ps, "value", "column '%s' needs a value or a field",
                     col->id);
                continue;
            }
            if (col->field && !field_of_rows(tb->rows, col->field))
                perr(ps, "field", "'%s' is not a field of these rows",
                     col->field);
            if (tb->rows == ROWS_HEADLINES && !col->field)
                perr(ps, "field", "the columns of rows = headlines are "
                                  "fields (now, last_year, change, target, "
                                  "status)");
            if (tb->rows == ROWS_ITEMS && !col->field)
                perr(ps, "field", "the columns of rows = items are fields "
                                  "(now, last_year, change)");
            if (col->formula) {
                /* Every {ref} must name a numeric column of the table. */
                for (const char *p = strchr(col->formula, '{'); p;
                     p = strchr(p + 1, '{')) {
                    const char *close = strchr(p, '}');
                    book_column *ref =
                        close ? find_column(tb, p + 1, (size_t)(close - p - 1))
                              : NULL;
                    if (!ref || ref == col || ref->format == FMT_TEXT ||
                        ref->format == FMT_STATUS || ref->formula) {
                        perr(ps, "formula",
                             "'%s': {...} must name another numeric column "
                             "without a formula of table '%s'",
                             col->formula, tb->id);
                        break;
                    }
                }
            }
        }
    }
    for (size_t i = 0; i < t->n_charts; i++) {
        book_chart *ch = &t->charts[i];
        ps->line = ch->line;
        book_table *tb = ch->table ? find_table(t, ch->table) : NULL;
        if (tb && ch->by_rows && tb->rows != ROWS_BREAKDOWN) {
            perr(ps, "series", "chart '%s': series = rows needs a table "
                 "with rows = a dimension", ch->id);
            continue;
        }
        if (!tb || (tb->rows != ROWS_MONTHS && !ch->by_rows)) {
            perr(ps, "table", "chart '%s' needs a table with rows = months",
                 ch->id);
            continue;
        }
        if (!ch->sheet || !find_sheet(t, ch->sheet))
            perr(ps, "sheet", "chart '%s' names no declared sheet", ch->id);
        if (ch->n_series == 0 && !ch->by_rows)
            perr(ps, "series", "chart '%s' has no series", ch->id);
        for (size_t s = 0; s < ch->n_series; s++)
            if (!find_column(tb, ch->series[s], strlen(ch->series[s])))
                perr(ps, "series", "no column '%s' in table '%s'",
                     ch->series[s], tb->id);
    }
}

kpi_status kpi_book_template_parse(const char *text, size_t len,
                                   const char *label, kpi_book_template **out,
                                   char *err, size_t err_size)
{
    return kpi_xlsx_book_template_parse(text, len, label, NULL, out, err,
                                        err_size);
}

kpi_status kpi_xlsx_book_template_parse(const char *text, size_t len,
                                        const char *label,
                                        const book_chain *chain,
                                        kpi_book_template **out, char *err,
                                        size_t err_size)
{
    if (!out || (!text && len))
        return KPI_ERR_ARG;
    *out = NULL;
    if (err && err_size)
        err[0] = '\0';
    parser ps = {0};
    ps.label = label ? label : "template";
    ps.err = err;
    ps.err_size = err_size;
    ps.chain = chain;
    ps.t = calloc(1, sizeof *ps.t);
    if (!ps.t || !(ps.t->label = book_strdup(ps.label))) {
        kpi_book_template_free(ps.t);
        return KPI_ERR_NOMEM;
    }
    kpi_ini_options io = {NULL, false, 0};
    if (kpi_ini_parse(text, len, &io, on_line, &ps) == KPI_ERR_NOMEM)
        ps.nomem = true;
    if (!ps.nomem && ps.errors == 0)
        check_template(&ps);
    if (!ps.nomem && !ps.t->not_available && !set_str(&ps, &ps.t->not_available, "–"))
        ps.nomem = true;
    free(ps.names_dim);
    for (size_t i = 0; i < ps.n_included; i++)
        kpi_book_template_free(ps.included[i]);
    free(ps.included);
    if (ps.nomem || ps.errors) {
        kpi_book_template_free(ps.t);
        return ps.nomem ? KPI_ERR_NOMEM : KPI_ERR_INPUT;
    }
    *out = ps.t;
    return KPI_OK;
}

/* {name} of a file name; ctx points at the name. */
static const char *file_name_lookup(const char *key, size_t len, void *ctx)
{
    return len == 4 && !memcmp(key, "name", 4) ? *(const char **)ctx : NULL;
}

kpi_status kpi_book_file_name(const kpi_book_template *t, kpi_month m,
                              const char *name, char *buf, size_t size)
{
    if (!t || !buf || size == 0)
        return KPI_ERR_ARG;
    const char *n = name ? name : "";
    return kpi_period_expand(t->file, m, file_name_lookup, &n, buf, size, NULL);
}
