/*
 * map.c - reads back an edited recipient map (kpi_map_read, kpi/read.h).
 *
 * The person who edits the map is a controller or a finance clerk in
 * Excel or LibreOffice, so every message names the sheet, the row and the
 * column as they see them, quotes what is there and says what would do.
 */
#include "sheet_internal.h"

#include "../mapnames.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct reader {
    const char *label; /* the file's base name */
    char *err;
    size_t err_size;
    kpi_status status;
} reader;

/* "LABEL: sheet 'S': row R: column 'C': message"; sheet, row (0) and
 * column (NULL) may be left out. The first problem wins. */
static void fail(reader *r, const char *sheet, uint32_t row,
                 const char *column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void fail(reader *r, const char *sheet, uint32_t row,
                 const char *column, const char *fmt, ...)
{
    if (r->status != KPI_OK)
        return;
    r->status = KPI_ERR_INPUT;
    if (!r->err || !r->err_size)
        return;
    size_t n = (size_t)snprintf(r->err, r->err_size, "%s: ", r->label);
    if (sheet && n < r->err_size)
        n += (size_t)snprintf(r->err + n, r->err_size - n, "sheet '%s': ",
                              sheet);
    if (row && n < r->err_size)
        n += (size_t)snprintf(r->err + n, r->err_size - n, "row %u: ", row);
    if (column && n < r->err_size)
        n += (size_t)snprintf(r->err + n, r->err_size - n, "column '%s': ",
                              column);
    if (n >= r->err_size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err + n, r->err_size - n, fmt, ap);
    va_end(ap);
}

/* A cell's text cut to size bytes: a long text costs no more than a
 * short one (a crafted file may show 1 MB in thousands of cells). */
static void bounded(char *buf, size_t size, const kpi_cell *c)
{
    size_t n = c->len < size ? c->len : size - 1;
    memcpy(buf, c->text, n);
    buf[n] = '\0';
}

/* A cell's content as text: texts as they are, numbers as %g, booleans
 * as TRUE/FALSE; false for content that is not a value (an error, a
 * formula whose result cannot be read, a date). */
static bool cell_text(const kpi_cell *c, char *buf, size_t size)
{
    buf[0] = '\0';
    if (!c)
        return true;
    switch (c->type) {
    case KPI_CELL_EMPTY:
        return true;
    case KPI_CELL_TEXT:
        bounded(buf, size, c);
        return true;
    case KPI_CELL_NUMBER:
        snprintf(buf, size, "%g", c->number);
        return true;
    case KPI_CELL_BOOL:
        snprintf(buf, size, "%s", c->number != 0 ? "TRUE" : "FALSE");
        return true;
    case KPI_CELL_DATE:
    case KPI_CELL_FORMULA:
    case KPI_CELL_ERROR:
        bounded(buf, size, c);
        return false;
    }
    return false;
}

/* Trims spaces (also no-break spaces, which a copied cell may carry). */
static char *trim(char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s += 2;
        else
            break;
    }
    size_t n = strlen(s);
    for (;;) {
        if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
                  s[n - 1] == '\r'))
            n--;
        else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
                 (unsigned char)s[n - 1] == 0xA0)
            n -= 2;
        else
            break;
    }
    s[n] = '\0';
    return s;
}

static bool same_heading(const char *a, const char *b)
{
    char fa[256], fb[256];
    kpi_text_fold(a, strlen(a), fa, sizeof fa);
    kpi_text_fold(b, strlen(b), fb, sizeof fb);
    return fa[0] && !strcmp(fa, fb);
}

static const kpi_sheet *find_sheet(const kpi_sheets *book, const char *name)
{
    for (size_t i = 0; i < kpi_sheets_count(book); i++) {
        const kpi_sheet *sh = kpi_sheets_get(book, i);
        if (same_heading(sh->name, name))
            return sh;
    }
    return NULL;
}

/* The first row with a cell whose text is `heading`; 0 when none. */
static uint32_t find_header_row(const kpi_sheet *sh, const char *heading)
{
    char buf[256];
    for (size_t i = 0; i < sh->n_cells; i++)
        if (sh->cells[i].type == KPI_CELL_TEXT) {
            snprintf(buf, sizeof buf, "%s", sh->cells[i].text);
            if (same_heading(trim(buf), heading))
                return sh->cells[i].row;
        }
    return 0;
}

/* find_header_row, or 0 after failing with "no heading '...': needs"
 * (what the sheet needs, in the clerk's words). */
static uint32_t header_row(reader *r, const kpi_sheet *sh, const char *heading,
                           const char *needs)
{
    uint32_t head = find_header_row(sh, heading);
    if (!head)
        fail(r, sh->name, 0, NULL, "no heading '%s': %s", heading, needs);
    return head;
}

/* The column of header row `row` headed `heading`; 0 when none. */
static uint32_t find_column(const kpi_sheet *sh, uint32_t row,
                            const char *heading)
{
    char buf[256];
    for (size_t i = 0; i < sh->n_cells; i++) {
        const kpi_cell *c = &sh->cells[i];
        if (c->row != row || c->type != KPI_CELL_TEXT)
            continue;
        bounded(buf, sizeof buf, c);
        if (same_heading(trim(buf), heading))
            return c->col;
    }
    return 0;
}

/* 1 on, 0 off, -1 not a mark. */
static int parse_mark(const kpi_cell *c, char *text)
{
    if (c && (c->type == KPI_CELL_BOOL || c->type == KPI_CELL_NUMBER)) {
        if (c->number == 1)
            return 1;
        if (c->number == 0)
            return 0;
        return -1;
    }
    static const char *const on[] = {KPI_MAP_MARK, "\xE2\x9C\x94", "x", "ja",
                                     "1", "true", "sand"};
    static const char *const off[] = {"", "nej", "0", "false", "falsk"};
    char folded[64];
    kpi_text_fold(text, strlen(text), folded, sizeof folded);
    for (size_t i = 0; i < sizeof on / sizeof on[0]; i++)
        if (!strcmp(folded, on[i]))
            return 1;
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++)
        if (!strcmp(folded, off[i]))
            return 0;
    return -1;
}

static void read_figures(reader *r, const kpi_sheet *sh, kpi_map *map)
{
    const char *sn = sh->name;
    uint32_t head = header_row(r, sh, KPI_MAP_HEAD_CODE,
                               "the map needs its header row with the column "
                               "'" KPI_MAP_HEAD_CODE "' (the key figures' "
                               "codes) and a column per recipient group");
    if (!head)
        return;
    uint32_t code_col = find_column(sh, head, KPI_MAP_HEAD_CODE);
    uint32_t gcol[KPI_GROUP_COUNT];
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        gcol[g] = find_column(sh, head, kpi_group_name((kpi_group)g));
        if (!gcol[g])
            gcol[g] = find_column(sh, head, kpi_group_code((kpi_group)g));
        if (!gcol[g]) {
            fail(r, sn, head, kpi_group_name((kpi_group)g),
                 "missing: the map needs a column per recipient group "
                 "(Fagudvalg, Direktion, Fagchef, Afdelingsleder, "
                 "Sagsbehandler) in the header row");
            return;
        }
    }
    /* The row each figure was found on, to catch a figure given twice. */
    size_t nfig = kpi_catalog_figure_count();
    uint32_t seen[128] = {0};
    if (nfig > sizeof seen / sizeof seen[0])
        nfig = sizeof seen / sizeof seen[0];
    char buf[512];
    for (size_t i = 0; i < sh->n_cells && r->status == KPI_OK; i++) {
        const kpi_cell *c = &sh->cells[i];
        if (c->row <= head || c->col != code_col)
            continue;
        if (!cell_text(c, buf, sizeof buf)) {
            fail(r, sn, c->row, KPI_MAP_HEAD_CODE,
                 "'%s' is not a key figure's code", buf);
            return;
        }
        const char *code = trim(buf);
        if (!*code)
            continue; /* a theme heading or a blank row */
        const kpi_figure_info *fi = kpi_catalog_figure_find(code);
        if (!fi) {
            fail(r, sn, c->row, KPI_MAP_HEAD_CODE,
                 "'%s' is not a key figure of kpi: the codes are kpi's own "
                 "(placed_children, spend, ...) and must not be changed",
                 code);
            return;
        }
        size_t fidx = 0;
        while (fidx < nfig && kpi_catalog_figure(fidx) != fi)
            fidx++;
        if (fidx < nfig) {
            if (seen[fidx]) {
                fail(r, sn, c->row, KPI_MAP_HEAD_CODE,
                     "'%s' is on row %u too: give each key figure one row",
                     code, seen[fidx]);
                return;
            }
            seen[fidx] = c->row;
        }
        for (int g = 0; g < KPI_GROUP_COUNT && r->status == KPI_OK; g++) {
            const kpi_cell *mc = kpi_sheet_find(sh, c->row, gcol[g]);
            char mark[128];
            bool ok = cell_text(mc, mark, sizeof mark);
            int on = ok ? parse_mark(mc, trim(mark)) : -1;
            if (on < 0) {
                fail(r, sn, c->row, kpi_group_name((kpi_group)g),
                     "'%s' is not a mark: write %s (or x) to give %s to the "
                     "group, or leave the cell empty",
                     mark, KPI_MAP_MARK, code);
                return;
            }
            kpi_status st = kpi_map_set(map, fi->id, (kpi_group)g, on == 1);
            if (st != KPI_OK)
                r->status = st;
        }
    }
}

/* "'Kun totaler' or 'Totaler og fordelinger (...)'": the details group g
 * may have, for a message. */
static void allowed_details(kpi_group g, char *buf, size_t size)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int d = 0; d <= (int)kpi_group_max_detail(g) && n < size; d++)
        n += (size_t)snprintf(buf + n, size - n, "%s'%s'",
                              d == 0                                  ? ""
                              : d == (int)kpi_group_max_detail(g) ? " or "
                                                                      : ", ",
                              kpi_detail_name((kpi_detail)d));
}

static void read_groups(reader *r, const kpi_sheet *sh, kpi_map *map)
{
    const char *sn = sh->name;
    uint32_t head = header_row(r, sh, KPI_MAP_HEAD_GROUP,
                               "the sheet needs its header row with the "
                               "columns '" KPI_MAP_HEAD_GROUP "', '"
                               KPI_MAP_HEAD_CADENCE "' and '"
                               KPI_MAP_HEAD_DETAIL "'");
    if (!head)
        return;
    uint32_t gcol = find_column(sh, head, KPI_MAP_HEAD_GROUP);
    uint32_t ccol = find_column(sh, head, KPI_MAP_HEAD_CADENCE);
    uint32_t dcol = find_column(sh, head, KPI_MAP_HEAD_DETAIL);
    if (!ccol || !dcol) {
        fail(r, sn, head, ccol ? KPI_MAP_HEAD_DETAIL : KPI_MAP_HEAD_CADENCE,
             "missing: the header row needs the columns '%s', '%s' and '%s'",
             KPI_MAP_HEAD_GROUP, KPI_MAP_HEAD_CADENCE, KPI_MAP_HEAD_DETAIL);
        return;
    }
    uint32_t seen[KPI_GROUP_COUNT] = {0};
    char buf[256], cad[256], det[256];
    for (size_t i = 0; i < sh->n_cells && r->status == KPI_OK; i++) {
        const kpi_cell *c = &sh->cells[i];
        if (c->row <= head || c->col != gcol)
            continue;
        cell_text(c, buf, sizeof buf);
        const char *name = trim(buf);
        if (!*name)
            continue;
        kpi_group g;
        if (kpi_group_parse(name, &g) != KPI_OK) {
            fail(r, sn, c->row, KPI_MAP_HEAD_GROUP,
                 "'%s' is not a recipient group (Fagudvalg, Direktion, "
                 "Fagchef, Afdelingsleder, Sagsbehandler)",
                 name);
            return;
        }
        if (seen[g]) {
            fail(r, sn, c->row, KPI_MAP_HEAD_GROUP,
                 "'%s' is on row %u too: give each group one row", name,
                 seen[g]);
            return;
        }
        seen[g] = c->row;
        cell_text(kpi_sheet_find(sh, c->row, ccol), cad, sizeof cad);
        const char *ct = trim(cad);
        kpi_cadence cv;
        if (kpi_cadence_parse(ct, &cv) != KPI_OK) {
            fail(r, sn, c->row, KPI_MAP_HEAD_CADENCE,
                 "'%s' is not a cadence: choose Månedlig, Kvartalsvis, "
                 "Halvårlig or Årlig",
                 ct);
            return;
        }
        cell_text(kpi_sheet_find(sh, c->row, dcol), det, sizeof det);
        const char *dt = trim(det);
        kpi_detail dv;
        char allowed[512];
        allowed_details(g, allowed, sizeof allowed);
        if (kpi_detail_parse(dt, &dv) != KPI_OK) {
            fail(r, sn, c->row, KPI_MAP_HEAD_DETAIL,
                 "'%s' is not a detail: choose %s", dt, allowed);
            return;
        }
        kpi_map_set_cadence(map, g, cv);
        if (kpi_map_set_detail(map, g, dv) == KPI_ERR_RANGE) {
            fail(r, sn, c->row, KPI_MAP_HEAD_DETAIL,
                 "'%s' is more detail than %s may see: %s never sees "
                 "single %s (SPEC §7); choose %s",
                 dt, kpi_group_name(g), kpi_group_name(g),
                 kpi_group_max_detail(g) < KPI_DETAIL_PROVIDER_KIND
                     ? "caseworkers, teams, providers or provider kinds"
                     : "caseworkers, teams or providers",
                 allowed);
            return;
        }
    }
}

kpi_status kpi_map_read_book(const kpi_sheets *book, const char *label,
                             kpi_map *map, char *err, size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!book || !label || !map)
        return KPI_ERR_ARG;
    reader r = {label, err, err_size, KPI_OK};
    const kpi_sheet *figs = find_sheet(book, KPI_MAP_SHEET_FIGURES);
    const kpi_sheet *groups = find_sheet(book, KPI_MAP_SHEET_GROUPS);
    if (!figs || !groups)
        fail(&r, NULL, 0, NULL,
             "no sheet '%s': the map needs its sheets '%s' and '%s' as kpi "
             "wrote them",
             figs ? KPI_MAP_SHEET_GROUPS : KPI_MAP_SHEET_FIGURES,
             KPI_MAP_SHEET_FIGURES, KPI_MAP_SHEET_GROUPS);
    else {
        read_figures(&r, figs, map);
        if (r.status == KPI_OK)
            read_groups(&r, groups, map);
    }
    return r.status;
}

kpi_status kpi_map_read(const char *path, kpi_map *map, char *err,
                        size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!path || !map)
        return KPI_ERR_ARG;
    const char *base = strrchr(path, '/');
    const char *label = base ? base + 1 : path;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    if (!diags)
        return KPI_ERR_NOMEM;
    kpi_sheets_options o = {0};
    o.label = label;
    kpi_sheets *book = NULL;
    kpi_status st = kpi_sheets_open(path, &o, &book, diags);
    if (st != KPI_OK) {
        const kpi_diagnostic *d = kpi_diagnostics_get(diags, 0);
        if (err && err_size)
            snprintf(err, err_size, "%s: %s", label,
                     d ? d->message : kpi_strerror(st));
        kpi_diagnostics_free(diags);
        return st;
    }
    kpi_diagnostics_free(diags);
    st = kpi_map_read_book(book, label, map, err, err_size);
    kpi_sheets_free(book);
    return st;
}
