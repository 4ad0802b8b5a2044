/* load_table.c - reading one input file into the dataset: the coded
 * values every file shares, the typed-cell helpers of load.h and the glue
 * between csvfile.c's records and a file's reader (load_*.c). */
#include "input/load.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

const kpi_code kpi_codes_target_group[] = {
    {"handicap", KPI_TARGET_HANDICAP},   {"handicappede", KPI_TARGET_HANDICAP},
    {"handicappet", KPI_TARGET_HANDICAP}, {"social", KPI_TARGET_SOCIAL},
    {"socialtudsatte", KPI_TARGET_SOCIAL}, {"udsatte", KPI_TARGET_SOCIAL},
    {"socialt", KPI_TARGET_SOCIAL},
};
const size_t kpi_codes_target_group_n =
    sizeof kpi_codes_target_group / sizeof kpi_codes_target_group[0];

const kpi_code kpi_codes_provider_kind[] = {
    {"own", KPI_PROVIDER_OWN},           {"egen", KPI_PROVIDER_OWN},
    {"egne", KPI_PROVIDER_OWN},          {"eget", KPI_PROVIDER_OWN},
    {"egenkommune", KPI_PROVIDER_OWN},   {"municipal", KPI_PROVIDER_MUNICIPAL},
    {"kommunal", KPI_PROVIDER_MUNICIPAL},
    {"andenkommune", KPI_PROVIDER_MUNICIPAL},
    {"kommune", KPI_PROVIDER_MUNICIPAL}, {"regional", KPI_PROVIDER_REGIONAL},
    {"region", KPI_PROVIDER_REGIONAL},   {"private", KPI_PROVIDER_PRIVATE},
    {"privat", KPI_PROVIDER_PRIVATE},    {"privattilbud", KPI_PROVIDER_PRIVATE},
};
const size_t kpi_codes_provider_kind_n =
    sizeof kpi_codes_provider_kind / sizeof kpi_codes_provider_kind[0];

/* ---- messages ---------------------------------------------------------- */

static const char *column_name(const kpi_table *t, int c)
{
    return c >= 0 && (size_t)c < t->schema->n ? t->schema->cols[c].name
                                              : NULL;
}

void kpi_table_error(kpi_table *t, int c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (kpi_diag_vadd(t->diags, KPI_SEVERITY_ERROR, t->label, t->line,
                      column_name(t, c), fmt, ap) != KPI_OK)
        t->fatal = KPI_ERR_NOMEM;
    va_end(ap);
    t->bad = true;
    t->errors++;
}

void kpi_table_warning(kpi_table *t, int c, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    if (kpi_diag_vadd(t->diags, KPI_SEVERITY_WARNING, t->label, t->line,
                      column_name(t, c), fmt, ap) != KPI_OK ||
        kpi_diag_vadd(t->ds->warnings, KPI_SEVERITY_WARNING, t->label,
                      t->line, column_name(t, c), fmt, again) != KPI_OK)
        t->fatal = KPI_ERR_NOMEM;
    va_end(again);
    va_end(ap);
}

const char *kpi_table_shown(const kpi_csv_field *v)
{
    return kpi_csv_looks_like_cpr(v->s, v->len) ? "<a CPR-shaped value>"
                                                : v->s;
}

const char *kpi_table_quote(const kpi_table *t, int c,
                            char buf[KPI_QUOTE_MAX])
{
    kpi_csv_field v = kpi_table_cell(t, c);
    size_t n = v.len < KPI_QUOTE_MAX - 4 ? v.len : KPI_QUOTE_MAX - 4;
    memcpy(buf, v.s, n);
    buf[n] = '\0';
    kpi_csv_field cut = {buf, n};
    if (kpi_csv_looks_like_cpr(v.s, v.len))
        snprintf(buf, KPI_QUOTE_MAX, "%s", kpi_table_shown(&cut));
    else if (n < v.len)
        memcpy(buf + n, "...", 4);
    return buf;
}

/* ---- cells ------------------------------------------------------------- */

/* Messages quote values with %s, so trailing spaces of a quoted field
 * must go: copy the trimmed cell into a small buffer. */
typedef struct shown {
    char text[80];
} shown;

static shown show(const kpi_csv_field *v)
{
    shown s;
    kpi_csv_field tmp = *v;
    size_t n = v->len < sizeof s.text - 4 ? v->len : sizeof s.text - 4;
    memcpy(s.text, v->s, n);
    s.text[n] = '\0';
    if (n < v->len)
        memcpy(s.text + n, "...", 4);
    tmp.s = s.text;
    tmp.len = n;
    const char *p = kpi_table_shown(&tmp);
    if (p != s.text)
        snprintf(s.text, sizeof s.text, "%s", p);
    return s;
}

static bool missing(kpi_table *t, int c, bool required)
{
    if (required)
        kpi_table_error(t, c, "missing value");
    return !required;
}

bool kpi_table_text(kpi_table *t, int c, bool required, kpi_sym *out)
{
    kpi_csv_field v = kpi_table_cell(t, c);
    *out = KPI_SYM_NONE;
    if (v.len == 0)
        return missing(t, c, required);
    if (t->pipe) {
        /* *out stays KPI_SYM_NONE: the interner sets the record's. */
        if (kpi_pipeline_text(t->pipe, c, v.s, v.len))
            return true;
        t->fatal = KPI_ERR_NOMEM;
        return false;
    }
    if (kpi_symtab_intern(t->ds->syms, v.s, v.len, out, NULL) != KPI_OK) {
        t->fatal = KPI_ERR_NOMEM;
        return false;
    }
    return true;
}

bool kpi_table_key(kpi_table *t, int c, bool required, kpi_sym *out)
{
    kpi_csv_field v = kpi_table_cell(t, c);
    *out = KPI_SYM_NONE;
    if (v.len == 0)
        return missing(t, c, required);
    kpi_status st =
        t->keys_later
            ? kpi_symtab_append(t->ds->ids, v.s, v.len, out)
            : kpi_symtab_intern(t->ds->ids, v.s, v.len, out, NULL);
    if (st != KPI_OK) {
        t->fatal = KPI_ERR_NOMEM;
        return false;
    }
    return true;
}

/* true when a date a/b/c has a middle number above 12: most likely a
 * month-first date (10/31/2026) that day-first reading cannot place. */
static bool month_first(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && isdigit((unsigned char)s[i]))
        i++;
    if (i == 0 || i > 2 || i >= len)
        return false;
    i++;
    int mid = 0;
    size_t k = 0;
    while (i < len && isdigit((unsigned char)s[i]) && k < 3) {
        mid = mid * 10 + (s[i] - '0');
        i++;
        k++;
    }
    return k > 0 && mid > 12;
}

static int two_digits(const char *s)
{
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* kpi_date_parse, with the two shapes of nearly every date of an export
 * read straight: dd-mm-yyyy (or with '.' or '/') and yyyy-mm-dd, which
 * it reads the same way (four dates a row of a million). */
static kpi_status parse_date(const char *s, size_t len, kpi_date *out)
{
    if (len == 10 && s[2] == s[5] &&
        (s[2] == '-' || s[2] == '.' || s[2] == '/') && kpi_text_digits(s, 2) &&
        kpi_text_digits(s + 3, 2) && kpi_text_digits(s + 6, 4))
        return kpi_date_from_ymd(two_digits(s + 6) * 100 + two_digits(s + 8),
                                 two_digits(s + 3), two_digits(s), out);
    if (len == 10 && s[4] == '-' && s[7] == '-' && kpi_text_digits(s, 4) &&
        kpi_text_digits(s + 5, 2) && kpi_text_digits(s + 8, 2))
        return kpi_date_from_ymd(two_digits(s) * 100 + two_digits(s + 2),
                                 two_digits(s + 5), two_digits(s + 8), out);
    return kpi_date_parse(s, len, out);
}

bool kpi_table_date(kpi_table *t, int c, bool required, kpi_date *out)
{
    kpi_csv_field v = kpi_table_cell(t, c);
    *out = KPI_DATE_NONE;
    if (v.len == 0)
        return missing(t, c, required);
    kpi_status st = parse_date(v.s, v.len, out);
    if (st == KPI_OK)
        return true;
    *out = KPI_DATE_NONE;
    if (st == KPI_ERR_RANGE && month_first(v.s, v.len))
        kpi_table_error(t, c,
                        "impossible date '%s' (dates are day first: "
                        "dd-mm-yyyy)",
                        show(&v).text);
    else if (st == KPI_ERR_RANGE)
        kpi_table_error(t, c, "impossible date '%s'", show(&v).text);
    else
        kpi_table_error(t, c,
                        "invalid date '%s' (expected dd-mm-yyyy or "
                        "yyyy-mm-dd)",
                        show(&v).text);
    return false;
}

bool kpi_table_money(kpi_table *t, int c, bool required, kpi_money *out,
                     bool *given)
{
    kpi_csv_field v = kpi_table_cell(t, c);
    if (given)
        *given = false;
    if (v.len == 0)
        return missing(t, c, required);
    kpi_status st = kpi_money_parse(v.s, v.len, out);
    if (st == KPI_ERR_RANGE) {
        kpi_table_error(t, c,
                        "amount '%s' is out of range or has fractions of an "
                        "øre",
                        show(&v).text);
        return false;
    }
    if (st != KPI_OK) {
        kpi_table_error(t, c, "invalid amount '%s'", show(&v).text);
        return false;
    }
    if (given)
        *given = true;
    return true;
}

/* A decimal number with a comma or a point as the decimal mark and no
 * thousands separators: "12,5", "0.5", "-3". No locale is consulted. */
static bool parse_decimal(const char *s, size_t len, double *out)
{
    size_t i = 0;
    bool negative = false;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        negative = s[i++] == '-';
    double v = 0, scale = 1;
    bool digit = false, point = false;
    for (; i < len; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            digit = true;
            if (point) {
                scale /= 10;
                v += (ch - '0') * scale;
            } else {
                v = v * 10 + (ch - '0');
            }
        } else if ((ch == ',' || ch == '.') && !point) {
            point = true;
        } else {
            return false;
        }
    }
    if (!digit)
        return false;
    *out = negative ? -v : v;
    return true;
}

bool kpi_table_number(kpi_table *t, int c, bool required, double *out,
                      bool *given)
{
    kpi_csv_field v = kpi_table_cell(t, c);
    if (given)
        *given = false;
    if (v.len == 0)
        return missing(t, c, required);
    if (!parse_decimal(v.s, v.len, out)) {
        kpi_table_error(t, c, "invalid number '%s'", show(&v).text);
        return false;
    }
    if (given)
        *given = true;
    return true;
}

/* One remembered spelling: the text (spellings longer than the room
 * are not remembered) and its value. */
#define MEMO_TEXT 31
#define MEMO_SLOTS 64
typedef struct memo_slot {
    uint8_t len; /* 0: empty (an empty cell never gets here) */
    char text[MEMO_TEXT];
    int value;
} memo_slot;

struct kpi_spelling_memo {
    memo_slot slots[MEMO_SLOTS];
};

/* The slot of a spelling: its length and three of its bytes, enough to
 * tell apart the handful of spellings a column has (the types of a
 * municipality's catalogue differ in length or in letters). */
static memo_slot *memo_slot_of(struct kpi_spelling_memo *m,
                               const kpi_csv_field *v)
{
    const unsigned char *s = (const unsigned char *)v->s;
    size_t h = v->len * 7 + s[0] * 3 + s[v->len / 2] * 5 + s[v->len - 1];
    return &m->slots[h % MEMO_SLOTS];
}

/* kpi_table_spelling by the symbol table (every spelling the column
 * has met). */
static bool spelling_interned(kpi_table *t, int c, const kpi_csv_field *v,
                              kpi_spelling_lookup lookup, const void *arg,
                              int *value)
{
    kpi_sym sym;
    bool added = false;
    if (!t->spellings[c] && !(t->spellings[c] = kpi_symtab_new(t->ds->alloc)))
        return false;
    if (kpi_symtab_intern(t->spellings[c], v->s, v->len, &sym, &added) !=
        KPI_OK)
        return false;
    if (sym >= t->value_cap[c]) {
        size_t cap = t->value_cap[c];
        size_t want = sym + 1 > cap * 2 ? sym + 1 : cap * 2;
        if (kpi_grow(t->ds->alloc, (void **)&t->value_of[c], &t->value_cap[c],
                     want, sizeof *t->value_of[c]) != KPI_OK)
            return false;
    }
    if (added) {
        t->value_of[c][sym] = lookup(t, v, arg);
        t->lookups++;
    }
    *value = t->value_of[c][sym];
    return true;
}

bool kpi_table_spelling(kpi_table *t, int c, const kpi_csv_field *v,
                        kpi_spelling_lookup lookup, const void *arg,
                        int *value)
{
    memo_slot *slot = NULL;
    if (v->len && v->len <= MEMO_TEXT) {
        if (!t->memo[c] &&
            !(t->memo[c] = kpi_xcalloc(t->ds->alloc, 1, sizeof *t->memo[c])))
            goto nomem;
        slot = memo_slot_of(t->memo[c], v);
        if (slot->len == v->len && memcmp(slot->text, v->s, v->len) == 0) {
            *value = slot->value;
            return true;
        }
    }
    if (!spelling_interned(t, c, v, lookup, arg, value))
        goto nomem;
    if (slot) {
        slot->len = (uint8_t)v->len;
        memcpy(slot->text, v->s, v->len);
        slot->value = *value;
    }
    return true;
nomem:
    t->fatal = KPI_ERR_NOMEM;
    return false;
}

void kpi_table_spellings_free(kpi_table *t)
{
    for (size_t c = 0; c < KPI_MAX_COLUMNS; c++) {
        kpi_symtab_free(t->spellings[c]);
        kpi_xfree(t->ds->alloc, t->value_of[c]);
        kpi_xfree(t->ds->alloc, t->memo[c]);
        t->spellings[c] = NULL;
        t->value_of[c] = NULL;
        t->value_cap[c] = 0;
        t->memo[c] = NULL;
    }
}

typedef struct code_list {
    const kpi_code *codes;
    size_t n;
} code_list;

static int code_of(const kpi_table *t, const kpi_csv_field *v,
                   const void *arg)
{
    (void)t;
    const code_list *l = arg;
    char folded[64];
    kpi_text_fold(v->s, v->len, folded, sizeof folded);
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(folded, l->codes[i].folded) == 0)
            return l->codes[i].value;
    return -1;
}

bool kpi_table_code(kpi_table *t, int c, bool required, const kpi_code *codes,
                    size_t n, const char *what, int *out)
{
    kpi_csv_field v = kpi_table_cell(t, c);
    if (v.len == 0)
        return missing(t, c, required);
    /* A column has one list of codes, so the column names the list. */
    code_list l = {codes, n};
    int value;
    if (!kpi_table_spelling(t, c, &v, code_of, &l, &value))
        return false;
    if (value < 0) {
        kpi_table_error(t, c, "unknown %s '%s'", what, show(&v).text);
        return false;
    }
    *out = value;
    return true;
}

/* kpi_config_find_type folds every catalogue name on each call. */
static int type_of(const kpi_table *t, const kpi_csv_field *v,
                   const void *arg)
{
    (void)arg;
    return kpi_config_find_type(t->ds->config, v->s, v->len);
}

bool kpi_table_type(kpi_table *t, int c, bool required, const char *what,
                    uint16_t *out)
{
    kpi_csv_field v = kpi_table_cell(t, c);
    if (v.len == 0)
        return missing(t, c, required);
    int type;
    if (!kpi_table_spelling(t, c, &v, type_of, NULL, &type))
        return false;
    if (type < 0) {
        kpi_table_error(t, c,
                        "unknown %s '%s': add it to [measure_type_aliases] "
                        "in kpi.ini",
                        what, show(&v).text);
        return false;
    }
    *out = (uint16_t)type;
    return true;
}

bool kpi_table_unique(kpi_table *t, int c, kpi_sym sym)
{
    if (t->keys_later)
        return true;
    size_t key = sym;
    if (key >= t->seen_cap) {
        size_t old = t->seen_cap;
        size_t want = key + 1 > old * 2 ? key + 1 : old * 2;
        if (kpi_grow(t->ds->alloc, (void **)&t->seen, &t->seen_cap, want,
                     sizeof *t->seen) != KPI_OK) {
            t->fatal = KPI_ERR_NOMEM;
            return false;
        }
        memset(t->seen + old, 0, (t->seen_cap - old) * sizeof *t->seen);
    }
    uint32_t earlier = t->seen[key];
    if (!earlier) {
        t->seen[key] = (uint32_t)t->line;
        return true;
    }
    char q[KPI_QUOTE_MAX];
    kpi_table_error(t, c, "duplicate %s '%s' (first on line %lu)",
                    column_name(t, c), kpi_table_quote(t, c, q),
                    (unsigned long)earlier);
    return true;
}

/* ---- one file ---------------------------------------------------------- */

typedef struct table_run {
    kpi_table t;
    const kpi_file_reader *reader;
} table_run;

static kpi_status on_header(void *ctx, unsigned long line,
                            const kpi_csv_field *fields, size_t n)
{
    table_run *run = ctx;
    kpi_table *t = &run->t;
    t->line = line;
    kpi_status st = kpi_schema_map(t->schema, t->ds->config, fields, n,
                                   t->col, t->label, line, t->diags);
    if (st != KPI_OK)
        return st;
    t->fields = fields;
    if (run->reader->header && !run->reader->header(t))
        return t->fatal ? t->fatal : KPI_ERR_INPUT;
    return t->fatal;
}

static kpi_status on_row(void *ctx, unsigned long line,
                         const kpi_csv_field *fields, size_t n)
{
    table_run *run = ctx;
    kpi_table *t = &run->t;
    (void)n;
    t->line = line;
    t->fields = fields;
    t->bad = false;
    run->reader->row(t);
    if (t->pipe && !t->fatal)
        t->fatal = kpi_pipeline_row_end(t->pipe);
    return t->fatal;
}

/* One pass over the file; keys_later as kpi_table.keys_later. */
static kpi_status read_once(kpi_dataset *ds, const kpi_file_reader *r,
                            const char *path, const char *label,
                            kpi_diagnostics *diags, bool keys_later,
                            unsigned threads, size_t *errors,
                            bool *ascending)
{
    table_run run;
    memset(&run, 0, sizeof run);
    run.reader = r;
    run.t.ds = ds;
    run.t.diags = diags;
    run.t.schema = kpi_schema_of(r->file);
    run.t.label = label;
    run.t.keys_later = keys_later;
    for (size_t k = 0; k < KPI_MAX_COLUMNS; k++)
        run.t.col[k] = -1;

    kpi_csv_options o;
    memset(&o, 0, sizeof o);
    o.alloc = ds->alloc;
    o.label = label;
    o.diags = diags;
    o.header = on_header;
    o.row = on_row;
    o.ctx = &run;
    o.warn_empty_rows = true;
    kpi_status st = KPI_OK;
    if (threads > 1)
        st = kpi_pipeline_start(ds, &run.t.pipe);
    if (st == KPI_OK)
        st = kpi_csv_read_file(&o, path);
    /* The interner's out of memory stopped the reader (NOMEM) or came
     * after it had finished. */
    kpi_status piped = kpi_pipeline_finish(run.t.pipe, ascending);
    if (piped != KPI_OK)
        st = piped;
    kpi_xfree(ds->alloc, run.t.seen);
    kpi_table_spellings_free(&run.t);
    *errors = run.t.errors;
    return st;
}

/* The records a reader stores, by file (only keyed readers need it). */
static size_t *stored_count(kpi_dataset *ds, kpi_file f)
{
    return f == KPI_FILE_MEASURES ? &ds->measures.count : NULL;
}

kpi_status kpi_table_read(kpi_dataset *ds, const kpi_file_reader *r,
                          const char *path, const char *label,
                          unsigned threads, kpi_diagnostics *diags)
{
    size_t errors = 0;
    bool ascending;
    size_t *count = r->keys_unique ? stored_count(ds, r->file) : NULL;
    if (count) {
        /* The fast pass; it stands when nothing was wrong. Otherwise
         * forget it (its records, messages and warnings) and read the
         * file again the exact way, so the messages are the same. */
        size_t first = *count;
        size_t n_diags = kpi_diagnostics_count(diags);
        size_t n_warnings = kpi_diagnostics_count(ds->warnings);
        kpi_status st = read_once(ds, r, path, label, diags, true, threads,
                                  &errors, &ascending);
        /* ascending: the pipeline found the ids in order, the first
         * and usual way keys_unique finds them distinct. */
        if (st == KPI_OK && !errors &&
            (ascending || r->keys_unique(ds, first)))
            return KPI_OK;
        if (st != KPI_OK && st != KPI_ERR_INPUT)
            return st;
        *count = first;
        kpi_diagnostics_truncate(diags, n_diags);
        kpi_diagnostics_truncate(ds->warnings, n_warnings);
    }
    kpi_status st = read_once(ds, r, path, label, diags, false, threads,
                              &errors, &ascending);
    if (st == KPI_OK && errors)
        st = KPI_ERR_INPUT;
    return st;
}
