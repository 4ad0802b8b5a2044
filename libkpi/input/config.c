/*
 * config.c - reads kpi.ini (SPEC §3.10) into a kpi_config.
 *
 * The lines are read by kpi's one INI reader (kpi_ini_parse, base/ini.c:
 * the syntax kpi.ini always had, with line numbers, every section header
 * and every malformed line reported); this file says what the sections
 * and keys mean.
 */
#include "input/config.h"
#include "input/dataset.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum section_kind {
    SEC_MUNICIPALITY,
    SEC_FILES,
    SEC_COLUMNS,
    SEC_TYPE,
    SEC_TYPE_ALIASES,
    SEC_HIGH_COST,
    SEC_REIMBURSEMENT,
    SEC_TARGET,
    SEC_RECIPIENT,
    SEC_SMTP,
    SEC_BUDGET,
    SEC_COMPARE,
    SEC_HISTORY,
};

/* The fixed keys of each section kind, in the order the "valid keys" part
 * of a message lists them. Bit i of section.seen is keys[i]. */
static const char *const municipality_keys[] = {"name", "children_0_17",
                                                "children_0_22", NULL};
static const char *const compare_keys[] = {"municipalities", "note", NULL};
static const char *const type_keys[] = {"name", "category",     "function",
                                        "law",  "reimbursable", NULL};
static const char *const high_cost_keys[] = {"share", NULL};
static const char *const reimbursement_keys[] = {"thresholds", "rates", NULL};
static const char *const target_keys[] = {"yellow", "red", "stat", NULL};
static const char *const recipient_keys[] = {
    "name", "group", "email", "team", "caseworker", "role", NULL};
static const char *const smtp_keys[] = {"host",
                                        "port",
                                        "from",
                                        "user",
                                        "ca_file",
                                        "tls",
                                        "command_timeout",
                                        "data_done_timeout",
                                        NULL};
static const char *const budget_keys[] = {"sheet", "header_row", NULL};
static const char *const history_keys[] = {"path", NULL};

enum { TYPE_NAME, TYPE_CATEGORY, TYPE_FUNCTION, TYPE_LAW, TYPE_REIMBURSABLE };
enum { REIMB_THRESHOLDS, REIMB_RATES };
enum { TARGET_YELLOW, TARGET_RED, TARGET_STAT };
enum {
    RCPT_NAME,
    RCPT_GROUP,
    RCPT_EMAIL,
    RCPT_TEAM,
    RCPT_CASEWORKER,
    RCPT_ROLE
};
enum {
    SMTP_HOST,
    SMTP_PORT,
    SMTP_FROM,
    SMTP_USER,
    SMTP_CA_FILE,
    SMTP_TLS,
    SMTP_COMMAND_TIMEOUT,
    SMTP_DATA_DONE_TIMEOUT
};
enum { BUDGET_SHEET, BUDGET_HEADER_ROW };

#define VALID_SECTIONS                                                         \
    "municipality, files, columns.FILE, measure_type.CODE, "                   \
    "measure_type_aliases, high_cost, reimbursement.YEAR, target.KPI_ID, "     \
    "recipient KEY, smtp, budget, compare, history"
#define VALID_STEMS                                                            \
    "measures, cases, notifications, deadlines, complaints, reviews, "         \
    "inspections, waitlist, outcomes, postings, budget"

/* A section as written; a section given twice is the same section (its
 * keys still may not repeat), except [recipient KEY], which is an error. */
typedef struct section {
    char *name;
    unsigned long line;
    enum section_kind kind;
    size_t index;  /* into types / columns / reimbursement / targets /
                      recipients, by kind */
    unsigned seen; /* bit i: key i of the kind's table was given */
    bool new_type; /* [measure_type.CODE] added a type */
} section;

typedef struct seen_key {
    size_t section;
    char *key;
    unsigned long line;
} seen_key;

#define CUR_NONE ((size_t)-1) /* before the first section header */
#define CUR_SKIP ((size_t)-2) /* inside a section already reported as bad */

/* The longest key line kpi.ini may have: what inih's line buffer held
 * (INI_MAX_LINE in Debian's build), kept so no message changes. */
#define LINE_MAX_CHARS KPI_CONFIG_LINE_MAX

typedef struct parser {
    const kpi_allocator *a;
    kpi_config *c;
    const char *label;
    kpi_diagnostics *diags;
    kpi_status status; /* KPI_ERR_NOMEM once an allocation failed */
    size_t errors;

    unsigned long line; /* of the line being read */

    section *sections;
    size_t n_sections, cap_sections;
    size_t cur;

    seen_key *keys;
    size_t n_keys, cap_keys;

    unsigned long *alias_lines; /* line of each config->type_aliases[i] */
    size_t cap_alias_lines;
} parser;

static void error_at(parser *ps, unsigned long line, const char *key,
                     const char *fmt, ...) KPI_PRINTF(4, 5);

static void error_at(parser *ps, unsigned long line, const char *key,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (kpi_diag_vadd(ps->diags, KPI_SEVERITY_ERROR, ps->label, line, key, fmt,
                      ap) != KPI_OK)
        ps->status = KPI_ERR_NOMEM;
    va_end(ap);
    ps->errors++;
}

static bool is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* ASCII lower case into out (cap bytes): keys and section names are
 * matched case-insensitively without consulting the locale. */
static void lower_copy(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        char ch = s[i];
        out[n++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    out[n] = '\0';
}

static bool folded_equal(const char *x, const char *y)
{
    char fx[256], fy[256];
    kpi_text_fold(x, strlen(x), fx, sizeof fx);
    kpi_text_fold(y, strlen(y), fy, sizeof fy);
    return strcmp(fx, fy) == 0;
}

static int key_index(const char *const *keys, const char *key)
{
    char low[64];
    lower_copy(key, strlen(key), low, sizeof low);
    for (int i = 0; keys[i]; i++)
        if (strcmp(keys[i], low) == 0)
            return i;
    return -1;
}

/* "name, group, email" for messages. */
static void key_list(const char *const *keys, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; keys[i]; i++) {
        int w = snprintf(out + n, cap - n, "%s%s", i ? ", " : "", keys[i]);
        if (w < 0 || (size_t)w >= cap - n)
            return;
        n += (size_t)w;
    }
}

/* Replaces *field by a copy of value (the old string is freed). */
static bool set_string(parser *ps, char **field, const char *value)
{
    char *s = kpi_xstrdup(ps->a, value);
    if (!s) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    kpi_xfree(ps->a, *field);
    *field = s;
    return true;
}

/* ---- values ---------------------------------------------------------- */

/* A decimal number: optional sign, digits, optionally a decimal point or
 * comma and more digits, optionally "%" (divides by 100). No thousands
 * separators: "1.200" is 1.2. Parsed by hand because strtod depends on
 * the locale. */
static bool parse_number(const char *s, double *out)
{
    bool neg = false;
    uint64_t mant = 0;
    int digits = 0, decimals = 0;
    while (is_blank(*s))
        s++;
    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (!is_digit(*s))
        return false;
    while (is_digit(*s)) {
        mant = mant * 10 + (uint64_t)(*s++ - '0');
        if (++digits > 15)
            return false;
    }
    if (*s == '.' || *s == ',') {
        s++;
        if (!is_digit(*s))
            return false;
        while (is_digit(*s)) {
            mant = mant * 10 + (uint64_t)(*s++ - '0');
            decimals++;
            if (++digits > 15)
                return false;
        }
    }
    while (is_blank(*s))
        s++;
    if (*s == '%') {
        decimals += 2;
        s++;
        while (is_blank(*s))
            s++;
    }
    if (*s)
        return false;
    /* One division of two exact values: "0.10" is the double nearest 0.1. */
    double scale = 1.0;
    for (int i = 0; i < decimals; i++)
        scale *= 10.0;
    *out = (neg ? -(double)mant : (double)mant) / scale;
    return true;
}

static bool parse_int(const char *s, long max, long *out)
{
    long v = 0;
    while (is_blank(*s))
        s++;
    if (!is_digit(*s))
        return false;
    while (is_digit(*s)) {
        v = v * 10 + (*s++ - '0');
        if (v > max)
            return false;
    }
    while (is_blank(*s))
        s++;
    if (*s)
        return false;
    *out = v;
    return true;
}

/* Splits a comma-separated list into at most n trimmed items; returns the
 * number of items (n + 1 when there are more). */
static size_t split_list(const char *s, char items[][64], size_t n)
{
    size_t count = 0;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        const char *b = s, *e = s + len;
        while (b < e && is_blank(*b))
            b++;
        while (e > b && is_blank(e[-1]))
            e--;
        if (count < n) {
            size_t l = (size_t)(e - b) < 63 ? (size_t)(e - b) : 63;
            memcpy(items[count], b, l);
            items[count][l] = '\0';
        }
        count++;
        if (!comma || count > n)
            return count;
        s = comma + 1;
    }
}

/* Sets *field to value when it is an address at all (kpi_email_check:
 * the one e-mail check; the mails ask for more, a plain address, when
 * they are sent); false after an error when it is not. */
static bool set_email(parser *ps, const char *key, char **field,
                      const char *value)
{
    if (kpi_email_check(value) == KPI_EMAIL_INVALID) {
        error_at(ps, ps->line, key, "'%s' is not an e-mail address", value);
        return false;
    }
    set_string(ps, field, value);
    return true;
}

/* ---- sections -------------------------------------------------------- */

static size_t find_column_set(parser *ps, const char *stem)
{
    kpi_config *c = ps->c;
    for (size_t i = 0; i < c->n_columns; i++)
        if (strcmp(c->columns[i].file, stem) == 0)
            return i;
    if (kpi_grow(ps->a, (void **)&c->columns, &c->cap_columns, c->n_columns + 1,
                 sizeof *c->columns) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return CUR_NONE;
    }
    kpi_column_aliases *col = &c->columns[c->n_columns];
    memset(col, 0, sizeof *col);
    c->n_columns++;
    col->file = kpi_xstrdup(ps->a, stem);
    if (!col->file) {
        ps->status = KPI_ERR_NOMEM;
        return CUR_NONE;
    }
    return c->n_columns - 1;
}

/* Measure-type codes become export members (SPEC §8 splits a pair at the
 * first comma), so they keep to letters, digits, '_', '-' and '.'. */
static bool valid_code(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        char ch = *s;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
              is_digit(ch) || ch == '_' || ch == '-' || ch == '.'))
            return false;
    }
    return true;
}

static bool open_type(parser *ps, section *sec, const char *code,
                      unsigned long line)
{
    kpi_config *c = ps->c;
    if (!valid_code(code)) {
        error_at(ps, line, NULL,
                 "measure type code '%s' in [%s] may only hold letters, "
                 "digits, '_', '-' and '.'",
                 code, sec->name);
        return false;
    }
    for (size_t i = 0; i < c->n_types; i++) {
        if (folded_equal(c->types[i].code, code)) {
            sec->index = i;
            return true;
        }
    }
    if (c->n_types >= UINT16_MAX ||
        kpi_grow(ps->a, (void **)&c->types, &c->cap_types, c->n_types + 1,
                 sizeof *c->types) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    kpi_measure_type *t = &c->types[c->n_types];
    memset(t, 0, sizeof *t);
    c->n_types++;
    t->code = kpi_xstrdup(ps->a, code);
    t->name = kpi_xstrdup(ps->a, "");
    t->law = kpi_xstrdup(ps->a, "");
    t->function = kpi_xstrdup(ps->a, "");
    t->category = KPI_CATEGORY_PLACEMENT;
    if (!t->code || !t->name || !t->law || !t->function) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    sec->index = c->n_types - 1;
    sec->new_type = true;
    return true;
}

static bool open_reimbursement(parser *ps, section *sec, const char *year,
                               unsigned long line)
{
    kpi_config *c = ps->c;
    long y;
    if (strlen(year) != 4 || !parse_int(year, 9999, &y) || y < 1000) {
        error_at(ps, line, NULL,
                 "[%s]: the year must have four digits, as in "
                 "[reimbursement.2026]",
                 sec->name);
        return false;
    }
    for (size_t i = 0; i < c->n_reimbursement; i++) {
        if (c->reimbursement[i].year == (int)y) {
            sec->index = i;
            return true;
        }
    }
    if (kpi_grow(ps->a, (void **)&c->reimbursement, &c->cap_reimbursement,
                 c->n_reimbursement + 1, sizeof *c->reimbursement) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    kpi_reimbursement_year *r = &c->reimbursement[c->n_reimbursement++];
    r->year = (int)y;
    r->rule = kpi_reimbursement_default();
    sec->index = c->n_reimbursement - 1;
    return true;
}

static bool open_target(parser *ps, section *sec, const char *id,
                        unsigned long line)
{
    kpi_config *c = ps->c;
    char low[128];
    lower_copy(id, strlen(id), low, sizeof low);
    if (!kpi_catalog_figure_find(low)) {
        error_at(ps, line, NULL,
                 "[%s]: '%s' is not a key figure id (SPEC §5, e.g. "
                 "placed_children)",
                 sec->name, id);
        return false;
    }
    for (size_t i = 0; i < c->n_targets; i++) {
        if (strcmp(c->targets[i].kpi_id, low) == 0) {
            sec->index = i;
            return true;
        }
    }
    if (kpi_grow(ps->a, (void **)&c->targets, &c->cap_targets, c->n_targets + 1,
                 sizeof *c->targets) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    kpi_target *t = &c->targets[c->n_targets];
    memset(t, 0, sizeof *t);
    c->n_targets++;
    t->kpi_id = kpi_xstrdup(ps->a, low);
    t->stat = kpi_xstrdup(ps->a, "count");
    if (!t->kpi_id || !t->stat) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    sec->index = c->n_targets - 1;
    return true;
}

static bool open_recipient(parser *ps, section *sec, const char *key,
                           unsigned long line)
{
    kpi_config *c = ps->c;
    if (!*key) {
        error_at(ps, line, NULL,
                 "[recipient] needs a key, as in [recipient anne]");
        return false;
    }
    if (kpi_grow(ps->a, (void **)&c->recipients, &c->cap_recipients,
                 c->n_recipients + 1, sizeof *c->recipients) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    kpi_recipient *r = &c->recipients[c->n_recipients];
    memset(r, 0, sizeof *r);
    c->n_recipients++;
    r->line = line;
    r->key = kpi_xstrdup(ps->a, key);
    r->name = kpi_xstrdup(ps->a, "");
    r->group = kpi_xstrdup(ps->a, "");
    r->email = kpi_xstrdup(ps->a, "");
    r->team = kpi_xstrdup(ps->a, "");
    r->caseworker = kpi_xstrdup(ps->a, "");
    r->role = kpi_xstrdup(ps->a, "");
    if (!r->key || !r->name || !r->group || !r->email || !r->team ||
        !r->caseworker || !r->role) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    sec->index = c->n_recipients - 1;
    return true;
}

/* Classifies a new section and creates what it configures. false when the
 * header was reported as wrong (its keys are then skipped). */
static bool open_section(parser *ps, section *sec, unsigned long line)
{
    const char *name = sec->name;
    char low[128];
    lower_copy(name, strlen(name), low, sizeof low);
    static const struct {
        const char *name;
        enum section_kind kind;
    } fixed[] = {
        {"municipality", SEC_MUNICIPALITY},
        {"files", SEC_FILES},
        {"measure_type_aliases", SEC_TYPE_ALIASES},
        {"high_cost", SEC_HIGH_COST},
        {"smtp", SEC_SMTP},
        {"budget", SEC_BUDGET},
        {"compare", SEC_COMPARE},
        {"history", SEC_HISTORY},
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        if (strcmp(low, fixed[i].name) == 0) {
            sec->kind = fixed[i].kind;
            if (sec->kind == SEC_SMTP) {
                ps->c->smtp.present = true;
                ps->c->smtp.line = line;
            }
            if (sec->kind == SEC_BUDGET) {
                sec->index = find_column_set(ps, "budget");
                return sec->index != CUR_NONE;
            }
            return true;
        }
    }
    if (strncmp(low, "columns.", 8) == 0) {
        sec->kind = SEC_COLUMNS;
        if (kpi_file_from_stem(low + 8) < 0) {
            error_at(ps, line, NULL,
                     "[%s]: unknown file '%s'; valid files: " VALID_STEMS, name,
                     name + 8);
            return false;
        }
        sec->index = find_column_set(ps, low + 8);
        return sec->index != CUR_NONE;
    }
    if (strncmp(low, "measure_type.", 13) == 0) {
        sec->kind = SEC_TYPE;
        return open_type(ps, sec, name + 13, line);
    }
    if (strncmp(low, "reimbursement.", 14) == 0) {
        sec->kind = SEC_REIMBURSEMENT;
        return open_reimbursement(ps, sec, name + 14, line);
    }
    if (strncmp(low, "target.", 7) == 0) {
        sec->kind = SEC_TARGET;
        return open_target(ps, sec, name + 7, line);
    }
    if (strncmp(low, "recipient", 9) == 0 &&
        (low[9] == '\0' || is_blank(low[9]))) {
        sec->kind = SEC_RECIPIENT;
        const char *key = name + 9;
        while (is_blank(*key))
            key++;
        return open_recipient(ps, sec, key, line);
    }
    error_at(ps, line, NULL,
             "unknown section [%s]; valid sections: " VALID_SECTIONS, name);
    return false;
}

/* A section header "[name]" (name without the brackets and blanks). */
static void begin_section(parser *ps, const char *name)
{
    ps->cur = CUR_SKIP;
    for (size_t i = 0; i < ps->n_sections; i++) {
        section *old = &ps->sections[i];
        if (strcmp(old->name, name) == 0) {
            if (old->kind == SEC_RECIPIENT) {
                error_at(ps, ps->line, NULL,
                         "[%s] is given twice (first on line %lu)", old->name,
                         old->line);
                return;
            }
            ps->cur = i;
            return;
        }
    }
    if (kpi_grow(ps->a, (void **)&ps->sections, &ps->cap_sections,
                 ps->n_sections + 1, sizeof *ps->sections) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return;
    }
    section *sec = &ps->sections[ps->n_sections];
    memset(sec, 0, sizeof *sec);
    sec->line = ps->line;
    sec->name = kpi_xstrdup(ps->a, name);
    if (!sec->name) {
        ps->status = KPI_ERR_NOMEM;
        return;
    }
    /* Only a valid section is remembered: a wrong one is reported at each
     * header, and its keys are skipped rather than reported one by one. */
    if (open_section(ps, sec, ps->line)) {
        ps->n_sections++;
        ps->cur = ps->n_sections - 1;
    } else {
        kpi_xfree(ps->a, sec->name);
    }
}

/* ---- keys ------------------------------------------------------------ */

/* false (and an error) when key was already given in this section. */
static bool first_time(parser *ps, const char *key)
{
    char low[256];
    lower_copy(key, strlen(key), low, sizeof low);
    for (size_t i = 0; i < ps->n_keys; i++) {
        if (ps->keys[i].section == ps->cur &&
            strcmp(ps->keys[i].key, low) == 0) {
            error_at(ps, ps->line, key,
                     "'%s' is given twice in [%s] (first on line %lu)", key,
                     ps->sections[ps->cur].name, ps->keys[i].line);
            return false;
        }
    }
    if (kpi_grow(ps->a, (void **)&ps->keys, &ps->cap_keys, ps->n_keys + 1,
                 sizeof *ps->keys) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    seen_key *k = &ps->keys[ps->n_keys];
    k->section = ps->cur;
    k->line = ps->line;
    k->key = kpi_xstrdup(ps->a, low);
    if (!k->key) {
        ps->status = KPI_ERR_NOMEM;
        return false;
    }
    ps->n_keys++;
    return true;
}

/* The fixed key of a section, or -1 after reporting it unknown. */
static int fixed_key(parser *ps, const section *sec, const char *const *keys,
                     const char *key)
{
    int k = key_index(keys, key);
    if (k < 0) {
        char list[160];
        key_list(keys, list, sizeof list);
        error_at(ps, ps->line, key, "unknown key '%s' in [%s]; valid keys: %s",
                 key, sec->name, list);
    }
    return k;
}

/* Adds the aliases of value ("Startdato|Start dato") for a canonical
 * column to the alias set of one file. */
static void add_column_aliases(parser *ps, size_t set, const char *canonical,
                               const char *value)
{
    const kpi_allocator *a = ps->a;
    for (const char *s = value;;) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        char folded[256];
        kpi_text_fold(s, len, folded, sizeof folded);
        if (!folded[0]) {
            error_at(ps, ps->line, canonical,
                     "empty alias for column '%s' in [%s]", canonical,
                     ps->sections[ps->cur].name);
        } else {
            kpi_column_aliases *col = &ps->c->columns[set];
            bool dup = false;
            for (size_t i = 0; i < col->count && !dup; i++) {
                if (strcmp(col->items[i].folded, folded) != 0)
                    continue;
                dup = true;
                if (strcmp(col->items[i].target, canonical) != 0)
                    error_at(ps, ps->line, canonical,
                             "alias '%.*s' already names column '%s'", (int)len,
                             s, col->items[i].target);
            }
            if (!dup) {
                if (kpi_grow(a, (void **)&col->items, &col->cap, col->count + 1,
                             sizeof *col->items) != KPI_OK) {
                    ps->status = KPI_ERR_NOMEM;
                    return;
                }
                kpi_alias *al = &col->items[col->count];
                memset(al, 0, sizeof *al);
                col->count++;
                al->folded = kpi_xstrdup(a, folded);
                al->target = kpi_xstrdup(a, canonical);
                if (!al->folded || !al->target) {
                    ps->status = KPI_ERR_NOMEM;
                    return;
                }
            }
        }
        if (!bar)
            return;
        s = bar + 1;
    }
}

/* A column key of [columns.FILE] or [budget]: false when key is not a
 * column of that file. */
static bool column_key(parser *ps, const section *sec, const char *key,
                       const char *value)
{
    char low[128];
    lower_copy(key, strlen(key), low, sizeof low);
    const char *stem = ps->c->columns[sec->index].file;
    int f = kpi_file_from_stem(stem);
    if (f < 0 || !kpi_file_has_column((kpi_file)f, low))
        return false;
    add_column_aliases(ps, sec->index, low, value);
    return true;
}

static void files_key(parser *ps, const char *key, const char *value)
{
    char low[64];
    lower_copy(key, strlen(key), low, sizeof low);
    int f = kpi_file_from_stem(low);
    if (f < 0) {
        error_at(ps, ps->line, key,
                 "unknown key '%s' in [files]; valid keys: " VALID_STEMS, key);
        return;
    }
    /* A plain name inside the dataset folder: kpi.ini must not make kpi
     * read files elsewhere. */
    if (!*value || strchr(value, '/') || strchr(value, '\\') ||
        strstr(value, "..")) {
        error_at(ps, ps->line, key,
                 "'%s' must be a file name inside the dataset folder "
                 "(no '/', '\\' or '..')",
                 value);
        return;
    }
    set_string(ps, &ps->c->files[f], value);
}

static void type_key(parser *ps, const section *sec, const char *key,
                     const char *value)
{
    int k = fixed_key(ps, sec, type_keys, key);
    kpi_measure_type *t = &ps->c->types[sec->index];
    switch (k) {
    case TYPE_NAME:
        if (!*value) {
            error_at(ps, ps->line, key,
                     "the name of a measure type may not "
                     "be empty");
            return;
        }
        set_string(ps, &t->name, value);
        break;
    case TYPE_CATEGORY:
        if (folded_equal(value, "placement") ||
            folded_equal(value, "anbringelse"))
            t->category = KPI_CATEGORY_PLACEMENT;
        else if (folded_equal(value, "preventive") ||
                 folded_equal(value, "forebyggende"))
            t->category = KPI_CATEGORY_PREVENTIVE;
        else {
            error_at(ps, ps->line, key,
                     "category must be placement or preventive (anbringelse, "
                     "forebyggende), not '%s'",
                     value);
            return;
        }
        break;
    case TYPE_FUNCTION: {
        /* A kontoplan function: digits in dot-separated groups, 5.28.20. */
        bool ok = is_digit(value[0]);
        for (const char *s = value; ok && *s; s++)
            ok = is_digit(*s) || (*s == '.' && is_digit(s[1]));
        if (!ok) {
            error_at(ps, ps->line, key,
                     "function must be a kontoplan function like 5.28.20, "
                     "not '%s'",
                     value);
            return;
        }
        set_string(ps, &t->function, value);
        break;
    }
    case TYPE_LAW:
        set_string(ps, &t->law, value);
        break;
    case TYPE_REIMBURSABLE:
        /* reimbursable = no: costs under objective financing, which the
         * refusion order (§ 3, stk. 5) keeps out of BL § 198. */
        if (folded_equal(value, "yes") || folded_equal(value, "ja"))
            t->not_reimbursable = false;
        else if (folded_equal(value, "no") || folded_equal(value, "nej"))
            t->not_reimbursable = true;
        else {
            error_at(ps, ps->line, key,
                     "reimbursable must be yes or no (ja, nej), not '%s'",
                     value);
            return;
        }
        break;
    default:
        return;
    }
    ps->sections[ps->cur].seen |= 1u << k;
}

static void type_alias_key(parser *ps, const char *key, const char *value)
{
    kpi_config *c = ps->c;
    char folded[256];
    kpi_text_fold(key, strlen(key), folded, sizeof folded);
    if (!folded[0]) {
        error_at(ps, ps->line, key, "'%s' is not a usable alias", key);
        return;
    }
    for (size_t i = 0; i < c->n_type_aliases; i++) {
        if (strcmp(c->type_aliases[i].folded, folded) == 0) {
            error_at(ps, ps->line, key,
                     "alias '%s' is already given on line %lu", key,
                     ps->alias_lines[i]);
            return;
        }
    }
    if (!*value) {
        error_at(ps, ps->line, key, "alias '%s' names no measure type", key);
        return;
    }
    if (kpi_grow(ps->a, (void **)&c->type_aliases, &c->cap_type_aliases,
                 c->n_type_aliases + 1, sizeof *c->type_aliases) != KPI_OK ||
        kpi_grow(ps->a, (void **)&ps->alias_lines, &ps->cap_alias_lines,
                 c->n_type_aliases + 1, sizeof *ps->alias_lines) != KPI_OK) {
        ps->status = KPI_ERR_NOMEM;
        return;
    }
    kpi_alias *al = &c->type_aliases[c->n_type_aliases];
    memset(al, 0, sizeof *al);
    ps->alias_lines[c->n_type_aliases] = ps->line;
    c->n_type_aliases++;
    /* target holds the code as written until finish() resolves it: the
     * type may be defined further down the file. */
    al->folded = kpi_xstrdup(ps->a, folded);
    al->target = kpi_xstrdup(ps->a, value);
    if (!al->folded || !al->target)
        ps->status = KPI_ERR_NOMEM;
}

static void reimbursement_key(parser *ps, const section *sec, const char *key,
                              const char *value)
{
    int k = fixed_key(ps, sec, reimbursement_keys, key);
    kpi_reimbursement_rule *rule = &ps->c->reimbursement[sec->index].rule;
    char items[KPI_REIMBURSEMENT_BANDS][64];
    if (k < 0)
        return;
    if (split_list(value, items, KPI_REIMBURSEMENT_BANDS) !=
        KPI_REIMBURSEMENT_BANDS) {
        error_at(ps, ps->line, key,
                 "%s needs %d values separated by commas, not '%s'", key,
                 KPI_REIMBURSEMENT_BANDS, value);
        return;
    }
    if (k == REIMB_THRESHOLDS) {
        kpi_money m[KPI_REIMBURSEMENT_BANDS];
        for (int i = 0; i < KPI_REIMBURSEMENT_BANDS; i++) {
            if (kpi_money_parse(items[i], (size_t)-1, &m[i]) != KPI_OK ||
                m[i] < 0) {
                error_at(ps, ps->line, key, "'%s' is not an amount in kroner",
                         items[i]);
                return;
            }
            if (i > 0 && m[i] <= m[i - 1]) {
                error_at(ps, ps->line, key, "thresholds must ascend: '%s'",
                         value);
                return;
            }
        }
        memcpy(rule->thresholds, m, sizeof m);
    } else {
        double r[KPI_REIMBURSEMENT_BANDS];
        for (int i = 0; i < KPI_REIMBURSEMENT_BANDS; i++) {
            if (!parse_number(items[i], &r[i]) || r[i] < 0 || r[i] > 1) {
                error_at(ps, ps->line, key,
                         "rate '%s' is not a number between 0 and 1", items[i]);
                return;
            }
        }
        memcpy(rule->rates, r, sizeof r);
    }
    ps->sections[ps->cur].seen |= 1u << k;
}

static void target_key(parser *ps, const section *sec, const char *key,
                       const char *value)
{
    int k = fixed_key(ps, sec, target_keys, key);
    kpi_target *t = &ps->c->targets[sec->index];
    double v;
    if (k < 0)
        return;
    if (k == TARGET_STAT) {
        if (!*value) {
            error_at(ps, ps->line, key, "stat may not be empty");
            return;
        }
        if (!set_string(ps, &t->stat, value))
            return;
    } else {
        if (!parse_number(value, &v)) {
            error_at(ps, ps->line, key, "%s must be a number, not '%s'", key,
                     value);
            return;
        }
        if (k == TARGET_YELLOW)
            t->yellow = v;
        else
            t->red = v;
    }
    ps->sections[ps->cur].seen |= 1u << k;
}

static void recipient_key(parser *ps, const section *sec, const char *key,
                          const char *value)
{
    int k = fixed_key(ps, sec, recipient_keys, key);
    kpi_recipient *r = &ps->c->recipients[sec->index];
    switch (k) {
    case RCPT_NAME:
        set_string(ps, &r->name, value);
        break;
    case RCPT_GROUP: {
        /* The group's code, whichever way it was written (libkpi's one
         * table of the groups: groups.c). */
        kpi_group g;
        if (kpi_group_parse(value, &g) != KPI_OK) {
            error_at(ps, ps->line, key,
                     "group must be fagudvalg, direktion, fagchef, "
                     "afdelingsleder or sagsbehandler, not '%s'",
                     value);
            return;
        }
        set_string(ps, &r->group, kpi_group_code(g));
        break;
    }
    case RCPT_EMAIL:
        if (!set_email(ps, key, &r->email, value))
            return;
        break;
    case RCPT_TEAM:
        set_string(ps, &r->team, value);
        break;
    case RCPT_CASEWORKER:
        set_string(ps, &r->caseworker, value);
        break;
    case RCPT_ROLE:
        set_string(ps, &r->role, value);
        break;
    default:
        return;
    }
    ps->sections[ps->cur].seen |= 1u << k;
}

static void smtp_key(parser *ps, const section *sec, const char *key,
                     const char *value)
{
    kpi_smtp *smtp = &ps->c->smtp;
    long port;
    if (key_index((const char *const[]){"password", NULL}, key) == 0) {
        error_at(ps, ps->line, key,
                 "the SMTP password does not belong in kpi.ini; kpi reads it "
                 "from the environment variable " KPI_SMTP_PASSWORD_VAR);
        return;
    }
    int k = fixed_key(ps, sec, smtp_keys, key);
    switch (k) {
    case SMTP_HOST:
        set_string(ps, &smtp->host, value);
        break;
    case SMTP_PORT:
        if (!parse_int(value, 65535, &port) || port < 1) {
            error_at(ps, ps->line, key,
                     "port must be a number from 1 to 65535, not '%s'", value);
            return;
        }
        smtp->port = (int)port;
        break;
    case SMTP_FROM:
        set_email(ps, key, &smtp->from, value);
        break;
    case SMTP_USER:
        set_string(ps, &smtp->user, value);
        break;
    case SMTP_CA_FILE:
        set_string(ps, &smtp->ca_file, value);
        break;
    case SMTP_TLS: {
        static const char *const modes[] = {"starttls", "implicit",
                                            "none-on-loopback", NULL};
        if (key_index(modes, value) >= 0)
            set_string(ps, &smtp->tls, value);
        else
            error_at(ps, ps->line, key,
                     "tls must be starttls, implicit or none-on-loopback, "
                     "not '%s'",
                     value);
        break;
    }
    case SMTP_COMMAND_TIMEOUT:
    case SMTP_DATA_DONE_TIMEOUT:
        /* RFC 5321 §4.5.3.2's minimums are the defaults (300, 600 s). */
        if (!parse_int(value, 86400, &port) || port < 1) {
            error_at(ps, ps->line, key,
                     "%s must be a number of seconds from 1 to 86400, not "
                     "'%s'",
                     key, value);
            return;
        }
        *(k == SMTP_COMMAND_TIMEOUT ? &smtp->command_timeout
                                    : &smtp->data_done_timeout) = (int)port;
        break;
    default:
        break;
    }
}

static void budget_key(parser *ps, const section *sec, const char *key,
                       const char *value)
{
    long row;
    switch (key_index(budget_keys, key)) {
    case BUDGET_SHEET:
        set_string(ps, &ps->c->budget.sheet, value);
        return;
    case BUDGET_HEADER_ROW:
        if (!parse_int(value, 1000000, &row) || row < 1) {
            error_at(ps, ps->line, key,
                     "header_row must be a row number from 1, not '%s'", value);
            return;
        }
        ps->c->budget.header_row = (int)row;
        return;
    default:
        if (!column_key(ps, sec, key, value))
            error_at(ps, ps->line, key,
                     "unknown key '%s' in [budget]; valid keys: sheet, "
                     "header_row, or a column of the budget",
                     key);
    }
}

/* [municipality]: the name, and the number of children (issue 18) that
 * the comparison's rates are per 1,000 of and `kpi export --level
 * fagudvalg` carries into the shared file. */
static void municipality_key(parser *ps, const section *sec, const char *key,
                             const char *value)
{
    int k = fixed_key(ps, sec, municipality_keys, key);
    long n;
    if (k == 0) {
        set_string(ps, &ps->c->municipality, value);
    } else if (k > 0) {
        if (!parse_int(value, 100000000L, &n) || n < 1) {
            error_at(ps, ps->line, key,
                     "%s must be the number of children living in the "
                     "municipality (a whole number from 1), not '%s'",
                     key, value);
            return;
        }
        if (k == 1)
            ps->c->children_0_17 = n;
        else
            ps->c->children_0_22 = n;
    }
}

/* [compare]: the municipalities to compare with and the note that
 * explains registration differences (Socialstyrelsen, seeds/000). */
static void compare_key(parser *ps, const section *sec, const char *key,
                        const char *value)
{
    int k = fixed_key(ps, sec, compare_keys, key);
    if (k == 0) {
        if (!*value)
            error_at(ps, ps->line, key,
                     "municipalities must name at least one municipality "
                     "(as the comparison files name it, code or name, "
                     "comma-separated)");
        else
            set_string(ps, &ps->c->compare_municipalities, value);
        ps->c->compare_line = ps->line;
    } else if (k == 1) {
        set_string(ps, &ps->c->compare_note, value);
    }
}

static void on_key(parser *ps, const char *name, const char *value)
{
    if (ps->cur == CUR_SKIP)
        return;
    if (!*name) {
        error_at(ps, ps->line, NULL, "a key is missing before '='");
        return;
    }
    if (ps->cur == CUR_NONE) {
        error_at(ps, ps->line, name, "key '%s' comes before any section header",
                 name);
        return;
    }
    section *sec = &ps->sections[ps->cur];
    if (!first_time(ps, name))
        return;
    switch (sec->kind) {
    case SEC_MUNICIPALITY:
        municipality_key(ps, sec, name, value);
        break;
    case SEC_COMPARE:
        compare_key(ps, sec, name, value);
        break;
    case SEC_FILES:
        files_key(ps, name, value);
        break;
    case SEC_COLUMNS:
        if (!column_key(ps, sec, name, value))
            error_at(ps, ps->line, name,
                     "unknown key '%s' in [%s]; valid keys: the canonical "
                     "columns of %s (SPEC §3)",
                     name, sec->name,
                     kpi_file_name((kpi_file)kpi_file_from_stem(
                         ps->c->columns[sec->index].file)));
        break;
    case SEC_TYPE:
        type_key(ps, sec, name, value);
        break;
    case SEC_TYPE_ALIASES:
        type_alias_key(ps, name, value);
        break;
    case SEC_HIGH_COST: {
        double share;
        if (fixed_key(ps, sec, high_cost_keys, name) != 0)
            break;
        if (!parse_number(value, &share) || !(share > 0 && share <= 1))
            error_at(ps, ps->line, name,
                     "share must be a number above 0 and at most 1, not "
                     "'%s'",
                     value);
        else
            ps->c->high_cost_share = share;
        break;
    }
    case SEC_REIMBURSEMENT:
        reimbursement_key(ps, sec, name, value);
        break;
    case SEC_TARGET:
        target_key(ps, sec, name, value);
        break;
    case SEC_RECIPIENT:
        recipient_key(ps, sec, name, value);
        break;
    case SEC_SMTP:
        smtp_key(ps, sec, name, value);
        break;
    case SEC_BUDGET:
        budget_key(ps, sec, name, value);
        break;
    case SEC_HISTORY:
        /* Where kpihistory keeps the months' figures (docs/HISTORY.md);
         * a relative path is the dataset folder's. */
        if (fixed_key(ps, sec, history_keys, name) == 0)
            set_string(ps, &ps->c->history_path, value);
        break;
    }
    return;
}

/* ---- the lines ------------------------------------------------------- */

static kpi_status on_item(void *ctx, const kpi_ini_item *it)
{
    parser *ps = ctx;
    ps->line = it->line;
    switch (it->kind) {
    case KPI_INI_ERROR:
        error_at(ps, it->line, NULL, "%s", it->message);
        break;
    case KPI_INI_SECTION:
        if (it->name)
            begin_section(ps, it->name);
        else
            ps->cur = CUR_SKIP; /* a bad header: its keys are skipped */
        break;
    case KPI_INI_KEY:
        on_key(ps, it->name, it->value);
        break;
    }
    return ps->status;
}

/* ---- after the last line --------------------------------------------- */

/* kpi_recipient_check's problems are the parser's errors. */
static void recipient_problem(void *ctx, unsigned long line, const char *key,
                              const char *message)
{
    error_at(ctx, line, key, "%s", message);
}

static void finish(parser *ps)
{
    kpi_config *c = ps->c;
    for (size_t i = 0; i < ps->n_sections && ps->status == KPI_OK; i++) {
        const section *sec = &ps->sections[i];
        unsigned seen = sec->seen;
        switch (sec->kind) {
        case SEC_TYPE:
            if (sec->new_type && !(seen & (1u << TYPE_NAME)))
                error_at(ps, sec->line, "name",
                         "[%s] adds a measure type and needs a name",
                         sec->name);
            if (sec->new_type && !(seen & (1u << TYPE_CATEGORY)))
                error_at(ps, sec->line, "category",
                         "[%s] adds a measure type and needs a category "
                         "(placement or preventive)",
                         sec->name);
            break;
        case SEC_REIMBURSEMENT:
            if (!(seen & (1u << REIMB_THRESHOLDS)))
                error_at(ps, sec->line, "thresholds", "[%s] needs thresholds",
                         sec->name);
            if (!(seen & (1u << REIMB_RATES)))
                error_at(ps, sec->line, "rates", "[%s] needs rates", sec->name);
            break;
        case SEC_TARGET:
            if (!(seen & (1u << TARGET_YELLOW)))
                error_at(ps, sec->line, "yellow", "[%s] needs yellow",
                         sec->name);
            if (!(seen & (1u << TARGET_RED)))
                error_at(ps, sec->line, "red", "[%s] needs red", sec->name);
            break;
        case SEC_RECIPIENT: {
            /* The one recipient validation (audience/recipients.c); a
             * group is set only when its value was valid. */
            const kpi_recipient *r = &c->recipients[sec->index];
            kpi_recipient_info info = {r->key,    r->name, r->group,
                                       r->email,  r->team, r->caseworker,
                                       sec->line, r->role};
            if (kpi_recipient_check(NULL, &info, sec->name,
                                    KPI_RECIPIENT_DECLARED, recipient_problem,
                                    ps) == KPI_ERR_NOMEM)
                ps->status = KPI_ERR_NOMEM;
            break;
        }
        default:
            break;
        }
    }
    /* Aliases name types by code; the type may come after the alias. */
    for (size_t i = 0; i < c->n_type_aliases && ps->status == KPI_OK; i++) {
        kpi_alias *al = &c->type_aliases[i];
        size_t t = 0;
        while (t < c->n_types && !folded_equal(c->types[t].code, al->target))
            t++;
        if (t == c->n_types)
            error_at(ps, ps->alias_lines[i], NULL,
                     "alias names '%s', which is not a measure type code",
                     al->target);
        else if (strcmp(al->target, c->types[t].code) != 0)
            set_string(ps, &al->target, c->types[t].code);
    }
}

/* The whole file; KPI_ERR_IO after reporting why it cannot be read. */
static kpi_status read_all(parser *ps, const char *path, char **out,
                           size_t *out_len)
{
    size_t len = 0, cap = 0;
    char *buf = NULL;
    kpi_status st = KPI_OK;
    FILE *f = fopen(path, "rb");
    if (!f) {
        error_at(ps, 0, NULL, "cannot open: %s", strerror(errno));
        return KPI_ERR_IO;
    }
    for (;;) {
        if (kpi_grow(ps->a, (void **)&buf, &cap, len + 4096, 1) != KPI_OK) {
            st = KPI_ERR_NOMEM;
            break;
        }
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                error_at(ps, 0, NULL, "cannot read: %s", strerror(errno));
                st = KPI_ERR_IO;
            }
            break;
        }
    }
    fclose(f);
    if (st != KPI_OK) {
        kpi_xfree(ps->a, buf);
        return st;
    }
    buf[len] = '\0';
    *out = buf;
    *out_len = len;
    return KPI_OK;
}

static unsigned long line_of(const char *s, size_t offset)
{
    unsigned long line = 1;
    for (size_t i = 0; i < offset; i++)
        line += s[i] == '\n';
    return line;
}

kpi_status kpi_config_read(const kpi_allocator *a, kpi_config *c,
                           const char *path, const char *label,
                           kpi_diagnostics *diags)
{
    if (!c || !path)
        return KPI_ERR_ARG;
    parser ps = {.a = a,
                 .c = c,
                 .label = label ? label : path,
                 .diags = diags,
                 .cur = CUR_NONE};
    char *text = NULL, *utf8 = NULL;
    size_t len = 0, ulen = 0;
    kpi_status st = read_all(&ps, path, &text, &len);
    if (st != KPI_OK)
        goto done;

    const char *nul = memchr(text, '\0', len);
    if (nul) {
        error_at(&ps, line_of(text, (size_t)(nul - text)), NULL,
                 "the file holds a NUL byte; is it really kpi.ini?");
        goto done;
    }
    /* Notepad on Danish Windows saves Windows-1252 unless told otherwise. */
    if (!kpi_text_is_utf8(text, len)) {
        size_t bad = 0;
        st = kpi_text_cp1252_to_utf8(a, text, len, &utf8, &ulen, &bad);
        if (st == KPI_ERR_INPUT) {
            error_at(&ps, line_of(text, bad), NULL,
                     "byte 0x%02X is neither UTF-8 nor Windows-1252",
                     (unsigned)(unsigned char)text[bad]);
            st = KPI_OK;
            goto done;
        }
        if (st != KPI_OK)
            goto done;
    }
    kpi_ini_options io = {a, true, LINE_MAX_CHARS};
    if (kpi_ini_parse(utf8 ? utf8 : text, utf8 ? ulen : len, &io, on_item,
                      &ps) == KPI_ERR_NOMEM)
        ps.status = KPI_ERR_NOMEM;
    if (ps.status == KPI_OK)
        finish(&ps);
    st = ps.status;

done:
    for (size_t i = 0; i < ps.n_sections; i++)
        kpi_xfree(a, ps.sections[i].name);
    kpi_xfree(a, ps.sections);
    for (size_t i = 0; i < ps.n_keys; i++)
        kpi_xfree(a, ps.keys[i].key);
    kpi_xfree(a, ps.keys);
    kpi_xfree(a, ps.alias_lines);
    kpi_xfree(a, utf8);
    kpi_xfree(a, text);
    if (st == KPI_OK && ps.errors)
        st = KPI_ERR_INPUT;
    return st;
}
