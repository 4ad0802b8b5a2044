/* init.c - `kpi init`: a proposed kpi.ini for a folder of raw exports
 * (kpi.h: kpi_proposal_make). Every proposal carries its reason in a
 * comment above it; guesses are marked REVIEW and, with what kpi could
 * not decide, listed for the caller to print. The files are read by
 * init_scan.c and their columns matched by init_match.c; the types by
 * kpi_config_find_type_exact and type_guess.c. */
#include "input/init.h"
#include "input/type_guess.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kpi_proposal {
    kpi_allocator alloc_store;
    const kpi_allocator *a;
    char *text;
    size_t len, cap;
    kpi_diagnostics *open; /* what is left to decide: the messages */
    /* q()'s copies: a few at a time can be in one call of add() */
    char shown[4][128];
    unsigned next_shown;
    kpi_status st;
};

static void add(kpi_proposal *p, const char *fmt, ...) KPI_PRINTF(2, 3);
static void add(kpi_proposal *p, const char *fmt, ...)
{
    if (p->st != KPI_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || kpi_grow(p->a, (void **)&p->text, &p->cap,
                          p->len + (size_t)n + 1, 1) != KPI_OK) {
        p->st = KPI_ERR_NOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(p->text + p->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    p->len += (size_t)n;
}

static void todo(kpi_proposal *p, const char *fmt, ...) KPI_PRINTF(2, 3);
static void todo(kpi_proposal *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (kpi_diagnostics_vadd(p->open, KPI_SEVERITY_WARNING, "", 0, NULL, fmt,
                             ap) != KPI_OK)
        p->st = KPI_ERR_NOMEM;
    va_end(ap);
}

/* Can s stand as an INI key or value as it is? Not with '=', '|' (the
 * alias separator), a ';' or '#' that would start a comment, a leading
 * '[', a control character, or blanks at its ends. */
static bool ini_safe(const char *s)
{
    size_t n = strlen(s);
    if (!n || strchr(s, '=') || strchr(s, '|') || s[0] == '[' ||
        s[0] == ';' || s[0] == '#' || s[0] == ' ' || s[n - 1] == ' ')
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F ||
            (i && (s[i] == ';' || s[i] == '#') &&
             (s[i - 1] == ' ' || s[i - 1] == '\t')))
            return false;
    return true;
}

/* Writes "key = value" when kpi.ini can hold it as it is (ini_safe, and
 * not longer than a kpi.ini line may be); false, writing nothing, when
 * not. */
static bool key_line(kpi_proposal *p, const char *key, const char *value)
{
    char folded[8];
    if (!ini_safe(key) || !ini_safe(value) ||
        strlen(key) + 3 + strlen(value) > KPI_CONFIG_LINE_MAX ||
        !kpi_text_fold(key, strlen(key), folded, sizeof folded) ||
        !kpi_text_fold(value, strlen(value), folded, sizeof folded))
        return false; /* "-" folds to nothing: no name at all */
    add(p, "%s = %s\n", key, value);
    return true;
}

/* s as a comment or a message may quote it: control characters (a
 * newline in a quoted header would end the comment) as '?', cut after
 * about 100 bytes at a character's start. Valid until four more calls. */
static const char *q(kpi_proposal *p, const char *s)
{
    char *out = p->shown[p->next_shown++ % 4];
    size_t n = 0, cap = sizeof p->shown[0];
    for (; *s && n + 4 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (n >= 100 && (c & 0xC0) != 0x80) {
            memcpy(out + n, "...", 3);
            n += 3;
            break;
        }
        out[n++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    while (n && ((unsigned char)out[n - 1] & 0xC0) == 0xC0)
        n--; /* a lead byte without its continuation */
    out[n] = '\0';
    return out;
}

/* ---- [columns.STEM] ---------------------------------------------------- */

/* Why init_match.c took a column for canon by its values. */
static const char *why_values(const char *canon)
{
    size_t n = strlen(canon);
    if (n > 3 && !strcmp(canon + n - 3, "_id"))
        return "it has a different value on every row: the id";
    if (n > 5 && !strcmp(canon + n - 5, "_date"))
        return "every value is a date: the first date column kpi still "
               "missed";
    if (!strcmp(canon, "cost_unit"))
        return "every value is a unit";
    if (!strcmp(canon, "target_group") || !strcmp(canon, "provider_kind"))
        return "every value is one of its codes";
    return "every value is an amount";
}

static void propose_columns(kpi_proposal *p, const kpi_init_file *f)
{
    const kpi_schema *s = kpi_schema_of(f->file);
    add(p, "\n[columns.%s]\n", s->stem);
    for (size_t k = 0; k < s->n; k++) {
        const char *canon = s->cols[k].name;
        int i = f->col_of[k];
        if (i < 0)
            continue;
        const kpi_init_column *c = &f->cols[i];
        char a[128], b[128];
        kpi_text_fold(c->header, strlen(c->header), a, sizeof a);
        kpi_text_fold(canon, strlen(canon), b, sizeof b);
        if (!strcmp(a, b))
            continue; /* the canonical name itself */
        switch (c->how) {
        case KPI_INIT_NAME:
            add(p, "; '%s' is a name kpi knows for %s\n", q(p, c->header),
                canon);
            break;
        case KPI_INIT_PART:
            add(p,
                "; REVIEW: '%s' holds a name kpi knows for %s, and its "
                "values fit\n",
                q(p, c->header), canon);
            todo(p, "%s: %s = %s is a guess from part of the name: check it",
                 q(p, f->name), canon, q(p, c->header));
            break;
        case KPI_INIT_VALUES:
            add(p, "; REVIEW: '%s' is no name kpi knows, but %s\n",
                q(p, c->header), why_values(canon));
            todo(p, "%s: %s = %s is a guess from the values: check it",
                 q(p, f->name), canon, q(p, c->header));
            break;
        case KPI_INIT_NONE:
            break;
        }
        if (!key_line(p, canon, c->header)) {
            add(p, "; %s = %s\n", canon, q(p, c->header));
            todo(p,
                 "%s: the header '%s' cannot be written in kpi.ini as it "
                 "is: rename the column in the export",
                 q(p, f->name), q(p, c->header));
        }
    }
    for (size_t k = 0; k < s->n; k++) {
        if (f->col_of[k] >= 0 || !s->cols[k].required)
            continue;
        add(p, "; NOT FOUND (required): %s = <the column's header>\n",
            s->cols[k].name);
        todo(p,
             "%s: no column found for '%s' (required): name it in "
             "[columns.%s]",
             f->name, s->cols[k].name, s->stem);
    }
    bool first = true;
    for (size_t i = 0; i < f->n; i++) {
        if (f->cols[i].canonical >= 0)
            continue;
        add(p, "%s'%s'", first ? "; not read by kpi: " : ", ",
            q(p, f->cols[i].header));
        first = false;
    }
    if (!first)
        add(p, "\n");
}

/* measures.csv has a price: monthly_cost, or cost with a unit. */
static void check_price(kpi_proposal *p, const kpi_init_file *f)
{
    if (f->file != KPI_FILE_MEASURES)
        return;
    if (f->col_of[MC_MONTHLY_COST] < 0 && f->col_of[MC_COST] < 0)
        todo(p,
             "%s: no price column found: name monthly_cost (or cost "
             "and cost_unit) in [columns.measures]",
             f->name);
    int u = f->col_of[MC_COST_UNIT];
    if (u < 0)
        return;
    const kpi_init_column *c = &f->cols[u];
    for (size_t sym = 1; c->values && sym < kpi_symtab_size(c->values); sym++) {
        const char *v = kpi_symtab_str(c->values, (kpi_sym)sym);
        kpi_unit unit;
        if (kpi_unit_parse(v, &unit) != KPI_OK)
            todo(p,
                 "%s: cost_unit '%s' (%zu rows, first on line %lu) is no "
                 "unit kpi knows (dag, døgn, uge, måned, md., år)",
                 f->name, q(p, v), c->rows[sym], c->first[sym]);
    }
}

/* ---- [measure_type_aliases] -------------------------------------------- */

static void propose_type(kpi_proposal *p, const kpi_config *cfg,
                         const kpi_init_file *f, const kpi_init_column *c,
                         size_t sym)
{
    const char *v = kpi_symtab_str(c->values, (kpi_sym)sym);
    size_t rows = c->rows[sym];
    unsigned long line = c->first[sym];
    if (kpi_config_find_type_exact(cfg, v, strlen(v)) >= 0) {
        add(p, "; '%s' is a code or name of the catalogue: nothing to map\n",
            v);
        return;
    }
    kpi_type_guess g;
    kpi_type_guess_of(cfg, v, strlen(v), &g);
    char sv[sizeof p->shown[0]]; /* v as a comment may quote it */
    snprintf(sv, sizeof sv, "%s", q(p, v));
    char where[96];
    snprintf(where, sizeof where, "%zu %s, first on %s line %lu", rows,
             rows == 1 ? "row" : "rows", f->name, line);
    if (g.type >= 0) {
        const char *code = cfg->types[g.type].code;
        if (g.how == KPI_GUESS_LAW)
            add(p, "; %s'%s' (%s): %s%s%s%s\n", g.sure ? "" : "REVIEW: ", sv,
                where, g.law, g.words[0] ? ", and the words '" : "", g.words,
                g.words[0] ? "'" : "");
        else
            add(p, "; %s'%s' (%s): the words of '%s'\n",
                g.sure ? "" : "REVIEW: ", sv, where, g.words);
        if (!g.sure)
            todo(p, "[measure_type_aliases]: '%s' = %s is a guess: check it", sv,
                 code);
        if (key_line(p, v, code))
            return;
        add(p, "; %s = %s\n", sv, code);
    } else if (g.n_candidates) {
        add(p, "; REVIEW: '%s' (%s): %s allows ", sv, where, g.law);
        for (size_t i = 0; i < g.n_candidates; i++)
            add(p, "%s%s", i ? ", " : "", cfg->types[g.candidates[i]].code);
        add(p, ": remove the ';' and keep the right one\n; %s = %s\n", sv,
            cfg->types[g.candidates[0]].code);
        todo(p,
             "[measure_type_aliases]: '%s' (%zu %s) could be several "
             "types (%s): choose one",
             sv, rows, rows == 1 ? "row" : "rows", g.law);
        return;
    } else {
        add(p, "; NOT MATCHED: '%s' (%s): write the catalogue's code\n", sv,
            where);
        add(p, "; %s = \n", sv);
    }
    if (!ini_safe(v) || strlen(v) + 3 + 32 > KPI_CONFIG_LINE_MAX)
        todo(p,
             "[measure_type_aliases]: '%s' cannot be written in kpi.ini as "
             "it is: rename it in the export",
             sv);
    else if (g.type < 0)
        todo(p,
             "[measure_type_aliases]: '%s' (%zu %s) matches no type: "
             "write its code (docs/INIT.md lists them)",
             sv, rows, rows == 1 ? "row" : "rows");
}

static void propose_types(kpi_proposal *p, const kpi_config *cfg,
                          kpi_init_file *files, size_t n)
{
    add(p, "\n[measure_type_aliases]\n"
           "; the case system's type names -> the catalogue's codes (SPEC "
           "3.3)\n");
    /* Each name once, in the order of the files and their rows. */
    kpi_symtab *seen = kpi_symtab_new(p->a);
    if (!seen) {
        p->st = KPI_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const kpi_schema *s = kpi_schema_of(files[i].file);
        for (size_t k = 0; k < s->n; k++) {
            int col = files[i].col_of[k];
            if (col < 0 || strcmp(s->cols[k].name, "measure_type"))
                continue;
            const kpi_init_column *c = &files[i].cols[col];
            for (size_t sym = 1; c->values && sym < kpi_symtab_size(c->values);
                 sym++) {
                const char *v = kpi_symtab_str(c->values, (kpi_sym)sym);
                /* Once per folded spelling: kpi.ini's aliases are folded,
                 * so "Foo" and "FOO" are one key. */
                char folded[256];
                kpi_text_fold(v, strlen(v), folded, sizeof folded);
                bool added = false;
                kpi_sym dummy;
                if (kpi_symtab_intern(seen, folded, strlen(folded), &dummy,
                                      &added) != KPI_OK)
                    p->st = KPI_ERR_NOMEM;
                if (!folded[0])
                    todo(p,
                         "%s: measure_type '%s' is no usable name: fix it "
                         "in the export",
                         files[i].name, q(p, v));
                else if (added)
                    propose_type(p, cfg, &files[i], c, sym);
            }
        }
    }
    kpi_symtab_free(seen);
}

/* ---- the rest ---------------------------------------------------------- */

/* Up to five distinct values of a measures column, ", " between. */
static void some_values(kpi_proposal *p, const kpi_init_file *f, int k,
                        char *out, size_t cap)
{
    out[0] = '\0';
    int i = f ? f->col_of[k] : -1;
    const kpi_init_column *c = i >= 0 ? &f->cols[i] : NULL;
    size_t used = 0;
    for (size_t sym = 1;
         c && c->values && sym < kpi_symtab_size(c->values) && sym <= 5;
         sym++) {
        int n = snprintf(out + used, cap - used, "%s%s", sym > 1 ? ", " : "",
                         q(p, kpi_symtab_str(c->values, (kpi_sym)sym)));
        if (n < 0 || (size_t)n >= cap - used) {
            out[used] = '\0'; /* no half a value */
            break;
        }
        used += (size_t)n;
    }
}

static void propose_rest(kpi_proposal *p, const kpi_init_file *measures)
{
    int year = 0;
    if (measures && measures->col_of[MC_START_DATE] >= 0) {
        kpi_date d = measures->cols[measures->col_of[MC_START_DATE]].newest;
        int m, day;
        if (d != KPI_DATE_NONE)
            kpi_date_to_ymd(d, &year, &m, &day);
    }
    char y[16];
    snprintf(y, sizeof y, year ? "%d" : "YEAR", year);
    add(p,
        "\n; BL § 198: the reimbursement thresholds are regulated every "
        "year. These\n; are the 2022 level kpi uses without them; write "
        "the year's amounts\n; (from the refusion order) and remove the "
        "';'.\n; [reimbursement.%s]\n; thresholds = 860000, 1680000, "
        "2120000\n; rates = 0.25, 0.50, 0.75\n",
        y);
    todo(p, "[reimbursement.%s]: write that year's BL § 198 thresholds", y);
    char teams[256], workers[256];
    some_values(p, measures, MC_TEAM, teams, sizeof teams);
    some_values(p, measures, MC_CASEWORKER, workers, sizeof workers);
    add(p,
        "\n; One section per person who gets a pack by mail (kpi distribute); "
        "without\n; any, kpi report writes one pack per group, team and "
        "caseworker.\n; [recipient fagchef]\n; name = \n; group = fagchef "
        "    ; fagudvalg, direktion, fagchef, afdelingsleder, "
        "sagsbehandler\n; email = \n; team =              ; for "
        "afdelingsleder: %s\n; caseworker =        ; for sagsbehandler: "
        "%s\n",
        teams[0] ? teams : "a team of measures.csv",
        workers[0] ? workers : "a caseworker of measures.csv");
}

/* The budget workbook is read by kpiread, which finds its sheet, header
 * row and columns by their Danish names itself: only a pointer. */
static void propose_budget(kpi_proposal *p, const char *dir)
{
    static const char *const names[] = {"budget.xlsx", "budget.xls",
                                        "budget.csv"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *path = kpi_path_join(p->a, dir, names[i]);
        if (!path) {
            p->st = KPI_ERR_NOMEM;
            return;
        }
        bool there = kpi_path_exists(path);
        kpi_xfree(p->a, path);
        if (there) {
            add(p,
                "\n; %s: kpi finds its sheet and columns by their Danish "
                "names\n; (Foranstaltningstype, Korrigeret budget, ...); "
                "when it cannot, name\n; them in a [budget] section "
                "(SPEC 3.9). The checks below tell.\n",
                names[i]);
            return;
        }
    }
}

/* The CSV files of dir that are no dataset file's own name: read as the
 * kind their header names best, under [files], when that kind is not
 * there by its own name. */
static kpi_status other_files(kpi_proposal *p, const char *dir,
                              char *names[KPI_FILE_COUNT])
{
    DIR *d = opendir(dir);
    if (!d)
        return KPI_ERR_IO;
    /* sorted, so that the same folder gives the same proposal */
    char **found = NULL;
    size_t n = 0, cap = 0;
    kpi_status st = KPI_OK;
    for (struct dirent *e; st == KPI_OK && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv") ||
            e->d_name[0] == '.')
            continue;
        bool own = false;
        for (int f = 0; f < KPI_FILE_COUNT; f++)
            own = own || !strcmp(e->d_name, kpi_schema_of((kpi_file)f)->name);
        if (own)
            continue;
        if (!ini_safe(e->d_name) || len > 100) {
            todo(p, "%s: a file name kpi.ini cannot hold: rename the file",
                 q(p, e->d_name));
            continue;
        }
        char *copy = kpi_xstrdup(p->a, e->d_name);
        if (!copy || kpi_grow(p->a, (void **)&found, &cap, n + 1,
                              sizeof *found) != KPI_OK) {
            kpi_xfree(p->a, copy);
            st = KPI_ERR_NOMEM;
            break;
        }
        found[n++] = copy;
    }
    closedir(d);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(found[j], found[i]) < 0) {
                char *t = found[i];
                found[i] = found[j];
                found[j] = t;
            }
    for (size_t i = 0; i < n; i++) {
        char *path = st == KPI_OK ? kpi_path_join(p->a, dir, found[i]) : NULL;
        int kind = -1;
        if (st == KPI_OK && (!path || kpi_init_guess_kind(p->a, path, &kind)))
            st = KPI_ERR_NOMEM;
        char *own =
            kind >= 0
                ? kpi_path_join(p->a, dir, kpi_schema_of((kpi_file)kind)->name)
                : NULL;
        if (kind >= 0 && !own)
            st = KPI_ERR_NOMEM;
        if (own && kpi_path_exists(own))
            kind = -1; /* the file of its own name is the one read */
        kpi_xfree(p->a, own);
        if (kind >= 0 && !names[kind]) {
            names[kind] = found[i];
            found[i] = NULL;
        } else if (st == KPI_OK) {
            todo(p,
                 "%s: not a file kpi reads (its header names too few "
                 "columns of any)",
                 found[i]);
        }
        kpi_xfree(p->a, path);
        kpi_xfree(p->a, found[i]);
    }
    kpi_xfree(p->a, found);
    return st;
}

static void propose(kpi_proposal *p, const char *dir, kpi_diagnostics *diags)
{
    kpi_config *cfg = kpi_config_new_default(p->a);
    kpi_init_file files[KPI_FILE_COUNT];
    char *names[KPI_FILE_COUNT] = {NULL};
    size_t n = 0;
    if (!cfg) {
        p->st = KPI_ERR_NOMEM;
        return;
    }
    add(p, "; kpi.ini proposed by `kpi init` from the files of this folder.\n"
           "; The line above each proposal says why. REVIEW marks a guess "
           "(from the\n; values or part of a name): check those before you "
           "trust the numbers.\n; A line that starts with ';' is a comment: "
           "remove the ';' to use it.\n; `kpi check` on the folder tells "
           "what is still wrong.\n\n[municipality]\n; the municipality's "
           "name, on every workbook:\n; name = \n");
    todo(p, "[municipality] name: write the municipality's name");
    kpi_status st = other_files(p, dir, names);
    if (st == KPI_ERR_NOMEM)
        p->st = st;
    bool any_files = false;
    for (int f = 0; f < KPI_FILE_COUNT && p->st == KPI_OK; f++) {
        if (!names[f])
            continue;
        if (!any_files)
            add(p, "\n[files]\n");
        any_files = true;
        add(p, "; '%s' has the columns of %s\n%s = %s\n", names[f],
            kpi_schema_of((kpi_file)f)->name, kpi_schema_of((kpi_file)f)->stem,
            names[f]);
    }
    for (int f = 0; f < KPI_FILE_COUNT && p->st == KPI_OK; f++) {
        const kpi_schema *s = kpi_schema_of((kpi_file)f);
        if (f == KPI_FILE_BUDGET)
            continue; /* kpiread finds its sheet and columns itself */
        char *path = kpi_path_join(p->a, dir, names[f] ? names[f] : s->name);
        if (!path) {
            p->st = KPI_ERR_NOMEM;
            break;
        }
        if (kpi_path_exists(path)) {
            kpi_init_file *file = &files[n++];
            if (kpi_init_scan(p->a, (kpi_file)f, path,
                              names[f] ? names[f] : s->name, diags,
                              file) != KPI_OK)
                p->st = KPI_ERR_NOMEM;
            else if (file->header_seen)
                kpi_init_match(file);
        }
        kpi_xfree(p->a, path);
    }
    const kpi_init_file *measures = NULL;
    for (size_t i = 0; i < n && p->st == KPI_OK; i++) {
        if (!files[i].header_seen) {
            todo(p, "%s: cannot be read (see the problems above)",
                 files[i].name);
            continue;
        }
        propose_columns(p, &files[i]);
        check_price(p, &files[i]);
        if (files[i].file == KPI_FILE_MEASURES)
            measures = &files[i];
    }
    if (!measures)
        todo(p, "measures.csv: not found; it is the one file kpi needs");
    propose_budget(p, dir);
    if (p->st == KPI_OK)
        propose_types(p, cfg, files, n);
    if (p->st == KPI_OK)
        propose_rest(p, measures);
    for (size_t i = 0; i < n; i++)
        kpi_init_file_free(&files[i]);
    for (int f = 0; f < KPI_FILE_COUNT; f++)
        kpi_xfree(p->a, names[f]);
    kpi_config_free(p->a, cfg);
}

kpi_status kpi_proposal_make(const char *dir, const kpi_allocator *a,
                             kpi_proposal **out, kpi_diagnostics *diags)
{
    if (!dir || !out)
        return KPI_ERR_ARG;
    *out = NULL;
    kpi_proposal *p = kpi_xcalloc(a, 1, sizeof *p);
    if (!p)
        return KPI_ERR_NOMEM;
    p->a = kpi_allocator_keep(&p->alloc_store, a);
    p->open = kpi_diagnostics_new(a);
    if (!p->open)
        p->st = KPI_ERR_NOMEM;
    else
        propose(p, dir, diags);
    if (p->st == KPI_OK && !p->text)
        p->st = KPI_ERR_NOMEM;
    kpi_status st = p->st;
    if (st != KPI_OK) {
        kpi_proposal_free(p);
        return st;
    }
    *out = p;
    return KPI_OK;
}

const char *kpi_proposal_text(const kpi_proposal *p)
{
    return p && p->text ? p->text : "";
}

size_t kpi_proposal_open_count(const kpi_proposal *p)
{
    return p ? kpi_diagnostics_count(p->open) : 0;
}

const char *kpi_proposal_open(const kpi_proposal *p, size_t i)
{
    const kpi_diagnostic *d = p ? kpi_diagnostics_get(p->open, i) : NULL;
    return d ? d->message : NULL;
}

void kpi_proposal_free(kpi_proposal *p)
{
    if (!p)
        return;
    kpi_diagnostics_free(p->open);
    kpi_xfree(p->a, p->text);
    kpi_xfree_keeper(p->a, p);
}
