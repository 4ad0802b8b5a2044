/*
 * figtext.c - reads templates/noegletal.cfg (figtext.h): INI lines
 * "[section]", "key = value", blank lines and whole-line comments (';'
 * or '#'), read by libkpi's INI reader as the workbook templates are. A
 * typo must not pass silently, so an unknown section, key, figure or
 * group is an error with its line.
 */
#include "figtext.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kpi_book_builtin {
    const char *name;
    const char *text;
    size_t len;
};
/* Defined in the generated texts_data.c (embed.cmake). */
extern const struct kpi_book_builtin kpi_text_builtins[];

static const char *const theme_codes[4] = {"outcomes", "economy",
                                           "administration", "quality"};

typedef struct parser {
    figtext *ft;
    const char *label;
    int line;
    char *err;
    size_t err_size;
    kpi_status status;
    enum { SEC_NONE, SEC_THEME, SEC_DIMENSION, SEC_GROUP, SEC_FIGURE,
           SEC_GUIDE } sec;
    kpi_group group;
    figtext_figure *fig;
} parser;

static void fail(parser *p, const char *key, const char *fmt, ...)
    KPI_PRINTF(3, 4);
static void fail(parser *p, const char *key, const char *fmt, ...)
{
    if (p->status != KPI_OK)
        return;
    p->status = KPI_ERR_INPUT;
    if (!p->err || !p->err_size)
        return;
    int n = snprintf(p->err, p->err_size, "%s:%d: %s%s", p->label, p->line,
                     key ? key : "", key ? ": " : "");
    if (n < 0 || (size_t)n >= p->err_size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->err_size - (size_t)n, fmt, ap);
    va_end(ap);
}

static char *dup_n(parser *p, const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) {
        p->status = KPI_ERR_NOMEM;
        return NULL;
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *dup(parser *p, const char *s)
{
    return dup_n(p, s, strlen(s));
}

/* Sets *slot to a copy of value; a key given twice is an error. */
static void set_once(parser *p, char **slot, const char *key,
                     const char *value)
{
    if (*slot) {
        fail(p, key, "given twice in this section");
        return;
    }
    *slot = dup(p, value);
}

static void *grow(parser *p, void *items, size_t count, size_t size)
{
    void *n = realloc(items, (count + 1) * size);
    if (!n)
        p->status = KPI_ERR_NOMEM;
    return n;
}

static void start_section(parser *p, const char *name)
{
    p->fig = NULL;
    if (!strcmp(name, "theme"))
        p->sec = SEC_THEME;
    else if (!strcmp(name, "dimension"))
        p->sec = SEC_DIMENSION;
    else if (!strcmp(name, "guide"))
        p->sec = SEC_GUIDE;
    else if (!strncmp(name, "group.", 6)) {
        p->sec = SEC_GROUP;
        if (kpi_group_parse(name + 6, &p->group) != KPI_OK)
            fail(p, NULL, "[%s]: no recipient group '%s'", name, name + 6);
    } else if (!strncmp(name, "figure.", 7)) {
        p->sec = SEC_FIGURE;
        const char *id = name + 7;
        if (!kpi_catalog_figure_find(id)) {
            fail(p, NULL, "[%s]: no key figure '%s' in the catalogue", name,
                 id);
            return;
        }
        if (kpi_xlsx_figtext_find(p->ft, id)) {
            fail(p, NULL, "[%s]: given twice", name);
            return;
        }
        figtext *ft = p->ft;
        figtext_figure *figs = grow(p, ft->figs, ft->n_figs, sizeof *figs);
        if (!figs)
            return;
        ft->figs = figs;
        p->fig = &figs[ft->n_figs++];
        memset(p->fig, 0, sizeof *p->fig);
        p->fig->line = p->line;
        p->fig->id = dup(p, id);
    } else
        fail(p, NULL, "unknown section [%s]", name);
}

static void figure_key(parser *p, const char *key, const char *value)
{
    figtext_figure *f = p->fig;
    if (!f)
        return; /* the section header failed */
    if (!strcmp(key, "description"))
        set_once(p, &f->description, key, value);
    else if (!strcmp(key, "question")) {
        char **q = grow(p, f->questions, f->n_questions, sizeof *q);
        if (!q)
            return;
        f->questions = q;
        q[f->n_questions] = dup(p, value);
        if (q[f->n_questions])
            f->n_questions++;
    } else if (!strcmp(key, "source"))
        set_once(p, &f->source, key, value);
    else if (!strcmp(key, "frequency"))
        set_once(p, &f->frequency, key, value);
    else
        fail(p, key, "unknown key in a [figure.ID] section");
}

static void key_value(parser *p, const char *key, const char *value)
{
    figtext *ft = p->ft;
    switch (p->sec) {
    case SEC_NONE:
        fail(p, key, "a key before the first [section]");
        return;
    case SEC_THEME:
        for (int i = 0; i < 4; i++)
            if (!strcmp(key, theme_codes[i])) {
                set_once(p, &ft->theme[i], key, value);
                return;
            }
        fail(p, key, "not a theme (outcomes, economy, administration, "
                     "quality)");
        return;
    case SEC_DIMENSION: {
        char **c = grow(p, ft->dim_code, ft->n_dims, sizeof *c);
        if (!c)
            return;
        ft->dim_code = c;
        char **nm = grow(p, ft->dim_name, ft->n_dims, sizeof *nm);
        if (!nm)
            return;
        ft->dim_name = nm;
        c[ft->n_dims] = dup(p, key);
        nm[ft->n_dims] = dup(p, value);
        ft->n_dims++;
        return;
    }
    case SEC_GUIDE: {
        bool heading = !strcmp(key, "heading");
        if (!heading && strcmp(key, "text")) {
            fail(p, key, "want heading or text");
            return;
        }
        char **g = grow(p, ft->guide, ft->n_guide, sizeof *g);
        if (!g)
            return;
        ft->guide = g;
        bool *h = grow(p, ft->guide_heading, ft->n_guide, sizeof *h);
        if (!h)
            return;
        ft->guide_heading = h;
        g[ft->n_guide] = dup(p, value);
        h[ft->n_guide] = heading;
        if (g[ft->n_guide])
            ft->n_guide++;
        return;
    }
    case SEC_GROUP:
        if (!strcmp(key, "need"))
            set_once(p, &ft->need[p->group], key, value);
        else
            fail(p, key, "unknown key in a [group.CODE] section");
        return;
    case SEC_FIGURE:
        figure_key(p, key, value);
        return;
    }
}

static kpi_status on_line(void *ctx, const kpi_ini_item *it)
{
    parser *p = ctx;
    p->line = (int)it->line;
    if (it->kind == KPI_INI_ERROR)
        fail(p, NULL, "%s", it->message);
    else if (it->kind == KPI_INI_SECTION && it->name)
        start_section(p, it->name);
    else if (it->kind == KPI_INI_KEY && (!*it->name || !*it->value))
        fail(p, *it->name ? it->name : NULL, "want key = value");
    else if (it->kind == KPI_INI_KEY)
        key_value(p, it->name, it->value);
    return p->status;
}

/* What the workbooks need of every section given. */
static void check_complete(parser *p)
{
    const figtext *ft = p->ft;
    bool whole = true;
    for (int i = 0; i < 4; i++)
        whole = whole && ft->theme[i];
    for (int i = 0; i < KPI_GROUP_COUNT; i++)
        whole = whole && ft->need[i];
    if (!whole) {
        fail(p, NULL, "every theme and [group.CODE] need must be given");
        return;
    }
    for (size_t i = 0; i < ft->n_figs && p->status == KPI_OK; i++) {
        const figtext_figure *f = &ft->figs[i];
        p->line = f->line;
        if (!f->description || !f->source || !f->frequency ||
            !f->n_questions)
            fail(p, NULL,
                 "[figure.%s]: description, question, source and frequency "
                 "are required",
                 f->id);
    }
}

kpi_status kpi_xlsx_figtext_parse(const char *text, size_t len,
                                  const char *label, figtext **out, char *err,
                                  size_t err_size)
{
    if (!text || !out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (err && err_size)
        err[0] = '\0';
    parser p = {0};
    p.label = label ? label : "texts";
    p.err = err;
    p.err_size = err_size;
    p.ft = calloc(1, sizeof *p.ft);
    if (!p.ft)
        return KPI_ERR_NOMEM;
    kpi_ini_options io = {NULL, false, 0};
    kpi_status st = kpi_ini_parse(text, len, &io, on_line, &p);
    if (st == KPI_ERR_NOMEM)
        p.status = st;
    if (p.status == KPI_OK)
        check_complete(&p);
    if (p.status != KPI_OK) {
        kpi_xlsx_figtext_free(p.ft);
        return p.status;
    }
    *out = p.ft;
    return KPI_OK;
}

kpi_status kpi_xlsx_figtext_builtin(figtext **out, char *err, size_t err_size)
{
    for (size_t k = 0; kpi_text_builtins[k].name; k++)
        if (!strcmp(kpi_text_builtins[k].name, "noegletal"))
            return kpi_xlsx_figtext_parse(
                kpi_text_builtins[k].text, kpi_text_builtins[k].len,
                "templates/noegletal.cfg", out, err, err_size);
    if (err && err_size)
        snprintf(err, err_size, "templates/noegletal.cfg is not built in");
    return KPI_ERR_ARG;
}

void kpi_xlsx_figtext_free(figtext *ft)
{
    if (!ft)
        return;
    for (int i = 0; i < 4; i++)
        free(ft->theme[i]);
    for (int i = 0; i < KPI_GROUP_COUNT; i++)
        free(ft->need[i]);
    for (size_t i = 0; i < ft->n_guide; i++)
        free(ft->guide[i]);
    free(ft->guide);
    free(ft->guide_heading);
    for (size_t i = 0; i < ft->n_dims; i++) {
        free(ft->dim_code[i]);
        free(ft->dim_name[i]);
    }
    free(ft->dim_code);
    free(ft->dim_name);
    for (size_t i = 0; i < ft->n_figs; i++) {
        figtext_figure *f = &ft->figs[i];
        free(f->id);
        free(f->description);
        for (size_t q = 0; q < f->n_questions; q++)
            free(f->questions[q]);
        free(f->questions);
        free(f->source);
        free(f->frequency);
    }
    free(ft->figs);
    free(ft);
}

const figtext_figure *kpi_xlsx_figtext_find(const figtext *ft, const char *id)
{
    for (size_t i = 0; ft && i < ft->n_figs; i++)
        if (ft->figs[i].id && !strcmp(ft->figs[i].id, id))
            return &ft->figs[i];
    return NULL;
}

const char *kpi_xlsx_figtext_dimension(const figtext *ft, const char *code)
{
    for (size_t i = 0; ft && i < ft->n_dims; i++)
        if (!strcmp(ft->dim_code[i], code))
            return ft->dim_name[i];
    return code;
}
