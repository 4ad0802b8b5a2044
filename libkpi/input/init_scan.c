/* init_scan.c - `kpi init` reads a file once: its header matched by the
 * names kpi knows, and per column what its values look like (dates,
 * amounts, units, coded values, distinct or not), so that init_match.c
 * can propose the columns no name matched. */
#include "input/init.h"

#include <ctype.h>
#include <string.h>

/* The columns whose distinct values init needs: the types and units to
 * map, the teams and caseworkers for the [recipient] skeleton, and any
 * column no name matched (is it unique? an id). */
static bool tracked(const kpi_init_file *f, int canonical)
{
    if (canonical < 0)
        return true;
    const char *name = kpi_schema_of(f->file)->cols[canonical].name;
    return !strcmp(name, "measure_type") || !strcmp(name, "cost_unit") ||
           !strcmp(name, "team") || !strcmp(name, "caseworker");
}

static kpi_status on_header(void *ctx, unsigned long line,
                            const kpi_csv_field *fields, size_t n)
{
    (void)line;
    kpi_init_file *f = ctx;
    const kpi_schema *s = kpi_schema_of(f->file);
    f->cols = kpi_xcalloc(f->a, n ? n : 1, sizeof *f->cols);
    if (!f->cols)
        return KPI_ERR_NOMEM;
    f->n = n;
    f->header_seen = true;
    for (size_t i = 0; i < n; i++) {
        kpi_init_column *c = &f->cols[i];
        c->canonical = -1;
        c->unique = true;
        c->newest = KPI_DATE_NONE;
        if (!(c->header = kpi_xstrndup(f->a, fields[i].s, fields[i].len)))
            return KPI_ERR_NOMEM;
        int k = kpi_schema_find(s, NULL, fields[i].s, fields[i].len);
        if (k >= 0 && f->col_of[k] < 0) {
            f->col_of[k] = (int)i;
            c->canonical = k;
            c->how = KPI_INIT_NAME;
        } else if (k >= 0) {
            c->clash = true;
        }
        char a[128], b[128];
        kpi_text_fold(fields[i].s, fields[i].len, a, sizeof a);
        for (size_t j = 0; j < i; j++) {
            kpi_text_fold(f->cols[j].header, strlen(f->cols[j].header), b,
                          sizeof b);
            if (!strcmp(a, b))
                c->clash = f->cols[j].clash = true;
        }
        if (tracked(f, c->canonical) && !(c->values = kpi_symtab_new(f->a)))
            return KPI_ERR_NOMEM;
    }
    return KPI_OK;
}

static bool parses_as(const kpi_code *codes, size_t n, const char *s,
                      size_t len)
{
    char folded[64];
    kpi_text_fold(s, len, folded, sizeof folded);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(folded, codes[i].folded))
            return true;
    return false;
}

/* One value of column c on line: counted, and remembered when tracked. */
static kpi_status count_value(kpi_init_file *f, kpi_init_column *c,
                              unsigned long line, const char *s, size_t len)
{
    c->nonempty++;
    kpi_date d;
    kpi_money m;
    if (kpi_date_parse(s, len, &d) == KPI_OK) {
        c->dates++;
        if (c->newest == KPI_DATE_NONE || d > c->newest)
            c->newest = d;
    }
    if (kpi_money_parse(s, len, &m) == KPI_OK) {
        c->amounts++;
        c->decimals = c->decimals || memchr(s, ',', len) ||
                      (len > 3 && !memcmp(s + len - 3, "kr.", 3));
    }
    char text[32];
    kpi_unit u;
    if (len < sizeof text) {
        memcpy(text, s, len);
        text[len] = '\0';
        c->units += kpi_unit_parse(text, &u) == KPI_OK;
    }
    c->targets +=
        parses_as(kpi_codes_target_group, kpi_codes_target_group_n, s, len);
    c->kinds +=
        parses_as(kpi_codes_provider_kind, kpi_codes_provider_kind_n, s, len);
    if (!c->values)
        return KPI_OK;
    kpi_sym sym;
    bool added = false;
    if (kpi_symtab_intern(c->values, s, len, &sym, &added) != KPI_OK)
        return KPI_ERR_NOMEM;
    if (!added) {
        c->unique = false;
    } else if (sym >= c->cap) {
        size_t old = c->cap;
        if (kpi_grow(f->a, (void **)&c->rows, &c->cap, (size_t)sym + 1,
                     sizeof *c->rows) != KPI_OK)
            return KPI_ERR_NOMEM;
        memset(c->rows + old, 0, (c->cap - old) * sizeof *c->rows);
        unsigned long *first =
            kpi_xreallocarray(f->a, c->first, c->cap, sizeof *first);
        if (!first)
            return KPI_ERR_NOMEM;
        c->first = first;
    }
    if (added)
        c->first[sym] = line;
    c->rows[sym]++;
    return KPI_OK;
}

static kpi_status on_row(void *ctx, unsigned long line,
                         const kpi_csv_field *fields, size_t n)
{
    kpi_init_file *f = ctx;
    f->rows++;
    for (size_t i = 0; i < n && i < f->n; i++) {
        const char *s = fields[i].s;
        size_t len = fields[i].len;
        while (len && isspace((unsigned char)*s)) {
            s++;
            len--;
        }
        while (len && isspace((unsigned char)s[len - 1]))
            len--;
        if (len && count_value(f, &f->cols[i], line, s, len) != KPI_OK)
            return f->fatal = KPI_ERR_NOMEM;
    }
    return KPI_OK;
}

kpi_status kpi_init_scan(const kpi_allocator *a, kpi_file file,
                         const char *path, const char *name,
                         kpi_diagnostics *diags, kpi_init_file *f)
{
    memset(f, 0, sizeof *f);
    f->a = a;
    f->file = file;
    for (size_t k = 0; k < KPI_MAX_COLUMNS; k++)
        f->col_of[k] = -1;
    if (!(f->name = kpi_xstrdup(a, name)))
        return KPI_ERR_NOMEM;
    kpi_csv_options o = {a, name, diags, on_header, on_row, f, true};
    kpi_status st = kpi_csv_read_file(&o, path);
    if (st == KPI_ERR_NOMEM || f->fatal)
        return KPI_ERR_NOMEM;
    return KPI_OK;
}

void kpi_init_file_free(kpi_init_file *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        kpi_xfree(f->a, f->cols[i].header);
        kpi_symtab_free(f->cols[i].values);
        kpi_xfree(f->a, f->cols[i].rows);
        kpi_xfree(f->a, f->cols[i].first);
    }
    kpi_xfree(f->a, f->cols);
    kpi_xfree(f->a, f->name);
    memset(f, 0, sizeof *f);
}

/* ---- what a file of another name is ------------------------------------ */

typedef struct kind_guess {
    int kind;
} kind_guess;

static kpi_status guess_header(void *ctx, unsigned long line,
                               const kpi_csv_field *fields, size_t n)
{
    (void)line;
    kind_guess *g = ctx;
    size_t best = 0;
    for (int f = 0; f < KPI_FILE_COUNT; f++) {
        if (f == KPI_FILE_BUDGET)
            continue; /* the budget is read by its own reader */
        const kpi_schema *s = kpi_schema_of((kpi_file)f);
        size_t required = 0, named = 0;
        for (size_t k = 0; k < s->n; k++) {
            if (!s->cols[k].required)
                continue;
            required++;
            for (size_t i = 0; i < n; i++)
                if (kpi_schema_find(s, NULL, fields[i].s, fields[i].len) ==
                    (int)k) {
                    named++;
                    break;
                }
        }
        if (named * 2 >= required && named > best) {
            best = named;
            g->kind = f;
        }
    }
    return KPI_ERR_INPUT; /* the header is all it needs */
}

kpi_status kpi_init_guess_kind(const kpi_allocator *a, const char *path,
                               int *kind)
{
    kind_guess g = {-1};
    kpi_csv_options o = {a, path, NULL, guess_header, NULL, &g, false};
    kpi_status st = kpi_csv_read_file(&o, path);
    *kind = g.kind;
    return st == KPI_ERR_NOMEM ? st : KPI_OK;
}
