/*
 * mapbook.c - the key-figure-to-recipient map noegletal-modtagere.xlsx and
 * the recipient overview modtageroverblik.xlsx (SPEC §8), and the headline
 * of a figure (kpi_book_headline) that the overview and the mails show.
 *
 * Neither workbook is a template of the engine: the map has a row per
 * catalogue figure and a column per recipient group, both from libkpi,
 * and must be read back (read/map.c), so its layout is fixed here and its
 * texts come from templates/noegletal.cfg (figtext.c). The look is the
 * engine's (look.c, datasheet.c): heading rows, frozen panes, autofilter,
 * print set-up, document properties, the long-form Data sheet, and the
 * same determinism (creation time = the report month's last day).
 */
#include "book.h"
#include "datasheet.h"
#include "figtext.h"
#include "look.h"
#include "mapnames.h"
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Points per line of 11 pt text: the row heights Excel uses. */
#define LINE_HEIGHT 15.0

typedef struct mb {
    const kpi_book_input *in;
    const kpi_map *map;
    figtext *ft;
    lxw_workbook *wb;
    look_outcome res;
    const char *title;
    const char *municipality;
    char month_name[64]; /* "oktober 2026" */

    lxw_format *f_title, *f_sub, *f_header, *f_header_c, *f_header_r,
        *f_theme, *f_wrap, *f_text, *f_mark, *f_na, *f_guide_head;
    lxw_format *f_num[5]; /* by kpi_headline_format */
    lxw_format *f_red, *f_yellow, *f_green;
} mb;

static void mb_check(mb *m, lxw_error err)
{
    kpi_xlsx_look_check(&m->res, err);
}

/* ------------------------------------------------------------------ */
/* Headlines                                                           */

/* The headline is libkpi's (the figure's row of the catalogue); the
 * workbook adds the recipient's privacy (in's row_visible hook). */
const kpi_row *kpi_book_headline(const kpi_book_input *in,
                                 const char *figure_id, char *label,
                                 size_t label_size)
{
    if (label && label_size)
        label[0] = '\0';
    if (!in || !in->figures || !figure_id || in->month.month < 1 ||
        in->month.month > 12)
        return NULL;
    const kpi_figure_info *fi = kpi_catalog_figure_find(figure_id);
    if (!fi)
        return NULL;
    if (label && label_size)
        kpi_headline_label(&fi->headline, in->month, label, label_size);
    const kpi_row *r = kpi_figures_headline(in->figures, figure_id, in->month);
    if (r && in->row_visible && !in->row_visible(r, in->hook_ctx))
        return NULL;
    return r;
}

/* The figure's status row (green/yellow/red, when kpi.ini sets a target),
 * when the recipient may see it. */
static const kpi_row *status_row(const kpi_book_input *in, const char *id)
{
    const kpi_row *r = kpi_figures_status(in->figures, id);
    if (r && in->row_visible && !in->row_visible(r, in->hook_ctx))
        return NULL;
    return r;
}

/* The status of a status row, 0 green, 1 yellow, 2 red, or -1: the order
 * of look.h's status rules. */
static int status_index(const kpi_row *r)
{
    kpi_target_status s = kpi_row_target_status(r);
    return s == KPI_TARGET_NONE ? -1 : (int)s - KPI_TARGET_GREEN;
}

/* The Danish status words in status_index order (libkpi's names). */
static void status_words(const char *words[LOOK_STATUS_COUNT])
{
    for (int i = 0; i < LOOK_STATUS_COUNT; i++)
        words[i] = kpi_target_status_name(
            (kpi_target_status)(KPI_TARGET_GREEN + i));
}

/* ------------------------------------------------------------------ */
/* Layout helpers                                                      */

/* Lines a text needs in a column of `width` characters when wrapped at
 * spaces. A column width counts the digit '0'; the average letter of
 * Danish text is narrower (about 1.15 letters a digit in Calibri and in
 * LibreOffice's Carlito, looked at in the PDFs), less a character of
 * margin. */
static int text_lines(const char *s, double width)
{
    int lines = 1;
    double cap = width > 3 ? width * 1.15 - 1 : 2, used = 0;
    while (*s) {
        if (*s == '\n') {
            lines++;
            used = 0;
            s++;
            continue;
        }
        const char *w = s;
        double len = 0;
        while (*w && *w != ' ' && *w != '\n') {
            if (((unsigned char)*w & 0xC0) != 0x80)
                len++;
            w++;
        }
        if (used > 0 && used + 1 + len > cap) {
            lines++;
            used = 0;
        }
        used += (used > 0 ? 1 : 0) + len;
        while (used > cap) { /* a word longer than the column */
            lines++;
            used -= cap;
        }
        s = w;
        while (*s == ' ')
            s++;
    }
    return lines;
}

static lxw_format *add_format(mb *m)
{
    lxw_format *f = workbook_add_format(m->wb);
    if (!f)
        m->res.status = KPI_ERR_NOMEM;
    return f;
}

static void make_formats(mb *m)
{
    static const char *const nums[5] = {
        "[$-406]#,##0", "[$-406]#,##0 \"kr.\"", "[$-406]0.0%",
        "[$-406]#,##0.0", "[$-406]#,##0 \"dage\""};
    lxw_format **all[] = {&m->f_title, &m->f_sub, &m->f_header,
                          &m->f_header_c, &m->f_header_r, &m->f_theme,
                          &m->f_wrap, &m->f_text, &m->f_mark, &m->f_na,
                          &m->f_guide_head, &m->f_red, &m->f_yellow,
                          &m->f_green};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (!(*all[i] = add_format(m)))
            return;
    for (int i = 0; i < 5; i++) {
        if (!(m->f_num[i] = add_format(m)))
            return;
        format_set_num_format(m->f_num[i], nums[i]);
        format_set_align(m->f_num[i], LXW_ALIGN_VERTICAL_TOP);
    }
    kpi_xlsx_look_title_style(m->f_title);
    kpi_xlsx_look_subtitle_style(m->f_sub);
    kpi_xlsx_look_header_style(m->f_header);
    kpi_xlsx_look_header_style(m->f_header_c);
    kpi_xlsx_look_header_style(m->f_header_r);
    format_set_align(m->f_header_c, LXW_ALIGN_CENTER);
    format_set_align(m->f_header_r, LXW_ALIGN_RIGHT);
    format_set_bold(m->f_theme);
    format_set_bg_color(m->f_theme, 0xF2F2F2);
    format_set_text_wrap(m->f_wrap);
    format_set_align(m->f_wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(m->f_text, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(m->f_mark, LXW_ALIGN_CENTER);
    format_set_align(m->f_mark, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(m->f_na, LXW_ALIGN_RIGHT);
    format_set_align(m->f_na, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(m->f_guide_head);
    format_set_font_size(m->f_guide_head, 12);
    kpi_xlsx_look_status_colours(m->f_red, LOOK_RED);
    kpi_xlsx_look_status_colours(m->f_yellow, LOOK_YELLOW);
    kpi_xlsx_look_status_colours(m->f_green, LOOK_GREEN);
}

static lxw_worksheet *add_sheet(mb *m, const char *name)
{
    lxw_worksheet *ws = kpi_xlsx_look_add_sheet(m->wb, name, &m->res);
    if (!ws)
        return NULL;
    kpi_xlsx_look_print_setup(ws, m->municipality, m->title, m->month_name,
                              &m->res);
    return ws;
}

static void write_str(mb *m, lxw_worksheet *ws, int row, int col,
                      const char *s, lxw_format *f)
{
    if (s && *s)
        mb_check(m, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col,
                                           s, f));
    else if (f)
        mb_check(m, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col,
                                          f));
}

/* Title (row 0) and a line under it (row 1); the table starts at row 3. */
static void write_heading(mb *m, lxw_worksheet *ws, const char *title,
                          const char *sub)
{
    write_str(m, ws, 0, 0, title, m->f_title);
    write_str(m, ws, 1, 0, sub, m->f_sub);
}

typedef struct column {
    const char *heading;
    double width;
    lxw_format **head; /* the heading's format */
} column;

/* The heading row of a table; its height fits the wrapped headings. */
static void write_header(mb *m, lxw_worksheet *ws, int row,
                         const column *cols, int n)
{
    int lines = 1;
    for (int c = 0; c < n; c++) {
        int l = text_lines(cols[c].heading, cols[c].width);
        if (l > lines)
            lines = l;
        mb_check(m, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                         cols[c].width, NULL));
    }
    mb_check(m, worksheet_set_row(ws, (lxw_row_t)row, LINE_HEIGHT * lines,
                                  NULL));
    for (int c = 0; c < n; c++)
        write_str(m, ws, row, c, cols[c].heading, *cols[c].head);
    mb_check(m, worksheet_repeat_rows(ws, (lxw_row_t)row, (lxw_row_t)row));
}

/* A row whose wrapped texts (texts[c] in column c, NULL for none) need
 * more than one line gets their height; call before writing the row. */
static void fit_row(mb *m, lxw_worksheet *ws, int row, const column *cols,
                    const char *const *texts, int n)
{
    int lines = 1;
    for (int c = 0; c < n; c++) {
        if (!texts[c])
            continue;
        int l = text_lines(texts[c], cols[c].width);
        if (l > lines)
            lines = l;
    }
    if (lines > 1)
        mb_check(m, worksheet_set_row(ws, (lxw_row_t)row, LINE_HEIGHT * lines,
                                      NULL));
}

/* "Foranstaltningstype, målgruppe (…), aldersgruppe" from the catalogue's
 * "measure_type,target_group,age_group". */
static void breakdown_names(const figtext *ft, const char *codes, char *buf,
                            size_t size)
{
    buf[0] = '\0';
    size_t len = 0;
    const char *s = codes;
    while (*s && len + 1 < size) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char code[64];
        snprintf(code, sizeof code, "%.*s", (int)n, s);
        int w = snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                         kpi_xlsx_figtext_dimension(ft, code));
        if (w < 0 || (size_t)w >= size - len)
            break;
        len += (size_t)w;
        s = e ? e + 1 : s + n;
    }
    /* Capitalised, as a cell starts (the names are ASCII-initial). */
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

static char *questions_text(const figtext_figure *f)
{
    size_t n = 1;
    for (size_t i = 0; i < f->n_questions; i++)
        n += strlen(f->questions[i]) + 6;
    char *s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < f->n_questions; i++) {
        if (i)
            strcat(s, "\n");
        strcat(s, "\xE2\x80\xA2 "); /* "• " */
        strcat(s, f->questions[i]);
    }
    return s;
}

static void set_properties(mb *m, const char *subject, const char *keywords)
{
    kpi_xlsx_look_properties(m->wb, m->title, subject, m->municipality,
                             keywords, m->in->month, &m->res);
}

/* Opens the workbook; a failure is recorded in m->res and returned, and
 * mb_close frees what was made. */
static kpi_status mb_open(mb *m, const kpi_map *map, const kpi_book_input *in,
                          const char *path, const char *title)
{
    memset(m, 0, sizeof *m);
    if (!map || !in || !in->figures || !in->dataset || !path ||
        in->month.month < 1 || in->month.month > 12 || in->month.year < 1 ||
        in->month.year > 9999)
        return m->res.status = KPI_ERR_ARG;
    m->in = in;
    m->map = map;
    m->title = title;
    m->municipality = kpi_dataset_municipality(in->dataset);
    kpi_status st = kpi_xlsx_figtext_builtin(&m->ft, NULL, 0);
    if (st != KPI_OK)
        return m->res.status = st == KPI_ERR_NOMEM ? st : KPI_ERR_IO;
    kpi_period_format(KPI_PERIOD_MONTH, in->month, KPI_PERIOD_STYLE_WORKBOOK,
                      m->month_name, sizeof m->month_name);
    lxw_workbook_options opt = {0};
    opt.constant_memory =
        kpi_xlsx_look_streamed(&in->limits, kpi_figures_row_count(in->figures))
            ? LXW_TRUE
            : LXW_FALSE;
    m->wb = workbook_new_opt(path, &opt);
    if (!m->wb)
        return m->res.status = KPI_ERR_IO;
    make_formats(m);
    return m->res.status;
}

/* Adds the Data sheet and closes the workbook (when it was opened); the
 * outcome in words goes to err (err_size bytes; may be NULL/0). */
static kpi_status mb_close(mb *m, char *err, size_t err_size)
{
    if (m->wb) {
        lxw_worksheet *ws;
        /* Each sheet's orientation and scale from its columns, now that
         * they are set (the Data sheet prints nothing). */
        LXW_FOREACH_WORKSHEET(ws, m->wb)
            kpi_xlsx_look_print_fit(ws, 0, &m->res);
        if (m->res.status == KPI_OK) {
            ws = add_sheet(m, "Data");
            if (ws)
                kpi_xlsx_book_data_sheet_write(ws, m->in, NULL,
                                               m->f_header, &m->res);
        }
        kpi_xlsx_look_close(m->wb, &m->res); /* frees it, also on failure */
    }
    kpi_xlsx_figtext_free(m->ft);
    return kpi_xlsx_look_result(&m->res, err, err_size);
}

/* ------------------------------------------------------------------ */
/* noegletal-modtagere.xlsx                                            */

enum { FC_NAME, FC_CODE, FC_DESC, FC_GROUP0,
       FC_BREAKDOWNS = FC_GROUP0 + KPI_GROUP_COUNT, FC_QUESTIONS, FC_SOURCE,
       FC_FREQUENCY, FC_COUNT };

/* The first row of the figure table (0-based; row 5 as a person reads
 * it), below the heading row 3. */
#define MAP_HEADER_ROW 3

static void write_figures_sheet(mb *m, lxw_worksheet *ws, int *last_row)
{
    column cols[FC_COUNT] = {
        /* Narrow enough for two landscape pages across at 75 %, with
         * the figure's name on each (look.c); the long texts wrap. */
        [FC_NAME] = {KPI_MAP_HEAD_NAME, 26, &m->f_header},
        [FC_CODE] = {KPI_MAP_HEAD_CODE, 22, &m->f_header},
        [FC_DESC] = {"Beskrivelse", 36, &m->f_header},
        [FC_BREAKDOWNS] = {"Fordelinger", 22, &m->f_header},
        [FC_QUESTIONS] = {"Spørgsmål nøgletallet besvarer", 44, &m->f_header},
        [FC_SOURCE] = {"Datakilde", 18, &m->f_header},
        /* How often kpi computes the figure (noegletal.cfg); how often a
         * group receives it is the group's cadence, above its column. */
        [FC_FREQUENCY] = {"Opgøres", 16, &m->f_header},
    };
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        const char *name = kpi_group_name((kpi_group)g);
        cols[FC_GROUP0 + g] =
            (column){name, kpi_xlsx_text_width(name) + 3, &m->f_header_c};
    }
    char sub[256];
    snprintf(sub, sizeof sub,
             "%s, %s. ✓ = nøgletallet indgår i gruppens ledelsesinformation. "
             "Se arket Vejledning om at rette kortet.",
             *m->municipality ? m->municipality : "Kommunen", m->month_name);
    write_heading(m, ws, "Nøgletal og modtagere", sub);
    /* Each group's own cadence above its column (SPEC §6; KL råd 9: the
     * politicians' quarterly overview): the map's, as the sheet
     * Modtagergrupper sets it. The reader finds the header row by its
     * headings and reads no row above it. */
    write_str(m, ws, MAP_HEADER_ROW - 1, FC_GROUP0 - 1,
              "Gruppen får sin pakke:", m->f_guide_head);
    for (int g = 0; g < KPI_GROUP_COUNT; g++)
        write_str(m, ws, MAP_HEADER_ROW - 1, FC_GROUP0 + g,
                  kpi_cadence_name(kpi_map_cadence(m->map, (kpi_group)g)),
                  m->f_header_c);
    write_header(m, ws, MAP_HEADER_ROW, cols, FC_COUNT);
    int row = MAP_HEADER_ROW + 1;
    for (int theme = 0; theme < 4 && m->res.status == KPI_OK; theme++) {
        bool any = false;
        for (size_t i = 0; i < kpi_catalog_figure_count(); i++)
            any = any || kpi_catalog_figure(i)->theme == (kpi_theme)theme;
        if (!any)
            continue;
        for (int c = 0; c < FC_COUNT; c++)
            write_str(m, ws, row, c, c ? NULL : m->ft->theme[theme],
                      m->f_theme);
        row++;
        for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
            const kpi_figure_info *fi = kpi_catalog_figure(i);
            if (fi->theme != (kpi_theme)theme)
                continue;
            const figtext_figure *f = kpi_xlsx_figtext_find(m->ft, fi->id);
            char bd[512];
            breakdown_names(m->ft, fi->breakdowns, bd, sizeof bd);
            if (!bd[0])
                snprintf(bd, sizeof bd, "Kun total");
            char *q = f ? questions_text(f) : NULL;
            if (f && !q) {
                m->res.status = KPI_ERR_NOMEM;
                return;
            }
            const char *texts[FC_COUNT] = {
                [FC_NAME] = fi->name,
                [FC_CODE] = fi->id,
                [FC_DESC] = f ? f->description : NULL,
                [FC_BREAKDOWNS] = bd,
                [FC_QUESTIONS] = q,
                [FC_SOURCE] = f ? f->source : NULL,
                [FC_FREQUENCY] = f ? f->frequency : NULL,
            };
            fit_row(m, ws, row, cols, texts, FC_COUNT);
            for (int c = 0; c < FC_COUNT; c++) {
                if (c >= FC_GROUP0 && c < FC_GROUP0 + KPI_GROUP_COUNT) {
                    bool on = kpi_map_get(m->map, fi->id,
                                          (kpi_group)(c - FC_GROUP0));
                    write_str(m, ws, row, c, on ? KPI_MAP_MARK : NULL,
                              m->f_mark);
                } else
                    write_str(m, ws, row, c, texts[c],
                              c == FC_CODE ? m->f_text : m->f_wrap);
            }
            free(q);
            row++;
        }
    }
    int last = row - 1;
    *last_row = last;
    worksheet_freeze_panes(ws, MAP_HEADER_ROW + 1, FC_CODE + 1);
    mb_check(m, worksheet_autofilter(ws, MAP_HEADER_ROW, 0, (lxw_row_t)last,
                                     FC_COUNT - 1));
    /* A person editing picks ✓ from a list; the reader accepts x and ja
     * too, so a typed mark is only a warning. */
    const char *marks[] = {KPI_MAP_MARK, NULL};
    lxw_data_validation dv = {0};
    dv.validate = LXW_VALIDATION_TYPE_LIST;
    dv.value_list = (char **)marks;
    dv.ignore_blank = LXW_VALIDATION_ON;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    dv.error_title = "Markering";
    dv.error_message = "Skriv ✓ for at give nøgletallet til gruppen, eller "
                       "lad cellen være tom.";
    mb_check(m, worksheet_data_validation_range(
                    ws, MAP_HEADER_ROW + 1, FC_GROUP0, (lxw_row_t)last,
                    FC_GROUP0 + KPI_GROUP_COUNT - 1, &dv));
}

enum { GC_GROUP, GC_CODE, GC_NEED, GC_CADENCE, GC_DETAIL, GC_SUPPRESS,
       GC_FIGURES, GC_COUNT };

static void write_groups_sheet(mb *m, lxw_worksheet *ws, int fig_last_row)
{
    column cols[GC_COUNT] = {
        [GC_GROUP] = {KPI_MAP_HEAD_GROUP, 17, &m->f_header},
        [GC_CODE] = {"Kode", 16, &m->f_header},
        [GC_NEED] = {"Behov", 38, &m->f_header}, /* one landscape page */
        [GC_CADENCE] = {KPI_MAP_HEAD_CADENCE, 13, &m->f_header},
        [GC_DETAIL] = {KPI_MAP_HEAD_DETAIL, 28, &m->f_header},
        [GC_SUPPRESS] = {"Små tal (1–4) vises som <5", 14, &m->f_header},
        [GC_FIGURES] = {"Antal nøgletal", 10, &m->f_header_r},
    };
    write_heading(m, ws, "Modtagergrupper",
                  "Behov, kadence og detaljeringsgrad pr. modtagergruppe. "
                  "Kadence og detaljeringsgrad vælges på listen i cellen.");
    write_header(m, ws, MAP_HEADER_ROW, cols, GC_COUNT);
    for (int g = 0; g < KPI_GROUP_COUNT && m->res.status == KPI_OK; g++) {
        int row = MAP_HEADER_ROW + 1 + g;
        kpi_group grp = (kpi_group)g;
        const char *texts[GC_COUNT] = {
            [GC_NEED] = m->ft->need[g],
            [GC_DETAIL] = kpi_detail_name(kpi_map_detail(m->map, grp)),
        };
        fit_row(m, ws, row, cols, texts, GC_COUNT);
        write_str(m, ws, row, GC_GROUP, kpi_group_name(grp), m->f_text);
        write_str(m, ws, row, GC_CODE, kpi_group_code(grp), m->f_text);
        write_str(m, ws, row, GC_NEED, texts[GC_NEED], m->f_wrap);
        write_str(m, ws, row, GC_CADENCE,
                  kpi_cadence_name(kpi_map_cadence(m->map, grp)), m->f_text);
        write_str(m, ws, row, GC_DETAIL, texts[GC_DETAIL], m->f_wrap);
        write_str(m, ws, row, GC_SUPPRESS,
                  kpi_group_suppresses(grp) ? "Ja" : "Nej", m->f_text);
        /* The number of ✓ in the group's column: a live count that
         * follows the edits, stored with the map's own count. */
        size_t count = 0;
        for (size_t i = 0; i < kpi_catalog_figure_count(); i++)
            count += kpi_map_get(m->map, kpi_catalog_figure(i)->id, grp);
        char formula[160];
        snprintf(formula, sizeof formula,
                 "=COUNTIF('%s'!$%c$%d:$%c$%d,\"%s\")", KPI_MAP_SHEET_FIGURES,
                 'A' + FC_GROUP0 + g, MAP_HEADER_ROW + 2, 'A' + FC_GROUP0 + g,
                 fig_last_row + 1, KPI_MAP_MARK);
        mb_check(m, worksheet_write_formula_num(ws, (lxw_row_t)row,
                                                GC_FIGURES, formula,
                                                m->f_num[KPI_HEADLINE_COUNT],
                                                (double)count));
    }
    int last = MAP_HEADER_ROW + KPI_GROUP_COUNT;
    worksheet_freeze_panes(ws, MAP_HEADER_ROW + 1, 1);
    mb_check(m, worksheet_autofilter(ws, MAP_HEADER_ROW, 0, (lxw_row_t)last,
                                     GC_COUNT - 1));
    /* Valid values from the hidden Lister sheet: the cadences, and per
     * group the details SPEC §7 allows it (they are listed from the
     * least detail up, so each group's list is a prefix). */
    lxw_data_validation dv = {0};
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    dv.error_title = "Kadence";
    dv.error_message = "Vælg en kadence på listen: Månedlig, Kvartalsvis, "
                       "Halvårlig eller Årlig.";
    dv.value_formula = "=Lister!$A$2:$A$5";
    mb_check(m,
             kpi_xlsx_look_list_validation(ws, MAP_HEADER_ROW + 1, GC_CADENCE,
                                           (lxw_row_t)last, GC_CADENCE, &dv));
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        char f[64];
        snprintf(f, sizeof f, "=Lister!$B$2:$B$%d",
                 2 + (int)kpi_group_max_detail((kpi_group)g));
        lxw_data_validation d = {0};
        d.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
        d.error_title = "Detaljeringsgrad";
        d.error_message = "Vælg en detaljeringsgrad på listen. Listen viser "
                          "kun dem, gruppen må få (fagudvalg og direktion "
                          "ser aldrig enkelte sagsbehandlere, teams eller "
                          "tilbud).";
        d.value_formula = f;
        lxw_row_t r = (lxw_row_t)(MAP_HEADER_ROW + 1 + g);
        mb_check(m, kpi_xlsx_look_list_validation(ws, r, GC_DETAIL, r,
                                                  GC_DETAIL, &d));
    }
}

static void write_lists_sheet(mb *m, lxw_worksheet *ws)
{
    write_str(m, ws, 0, 0, KPI_MAP_HEAD_CADENCE, m->f_header);
    write_str(m, ws, 0, 1, KPI_MAP_HEAD_DETAIL, m->f_header);
    for (int i = 0; i < 4; i++) {
        write_str(m, ws, 1 + i, 0, kpi_cadence_name((kpi_cadence)i), NULL);
        write_str(m, ws, 1 + i, 1, kpi_detail_name((kpi_detail)i), NULL);
    }
    mb_check(m, worksheet_set_column(ws, 0, 0, 14, NULL));
    mb_check(m, worksheet_set_column(ws, 1, 1, 70, NULL));
    worksheet_hide(ws);
}

static void write_guide_sheet(mb *m, lxw_worksheet *ws)
{
    const double width = 110;
    mb_check(m, worksheet_set_column(ws, 0, 0, width, NULL));
    write_heading(m, ws, "Vejledning", m->municipality);
    int row = 3;
    for (size_t i = 0; i < m->ft->n_guide; i++) {
        bool head = m->ft->guide_heading[i];
        if (head && i > 0)
            row++; /* air above a heading */
        if (!head) {
            int lines = text_lines(m->ft->guide[i], width);
            mb_check(m, worksheet_set_row(ws, (lxw_row_t)row,
                                          LINE_HEIGHT * lines + 3, NULL));
        }
        write_str(m, ws, row, 0, m->ft->guide[i],
                  head ? m->f_guide_head : m->f_wrap);
        row++;
    }
}

kpi_status kpi_mapbook_write(const kpi_map *map, const kpi_book_input *in,
                             const char *path, char *err, size_t err_size)
{
    mb m;
    if (mb_open(&m, map, in, path, "Nøgletal og modtagere") != KPI_OK)
        return mb_close(&m, err, err_size);
    set_properties(&m, "Hvilke nøgletal hver modtagergruppe får",
                   "nøgletal, modtagere, ledelsesinformation");
    int last = 0;
    lxw_worksheet *ws = add_sheet(&m, KPI_MAP_SHEET_FIGURES);
    if (ws)
        write_figures_sheet(&m, ws, &last);
    ws = add_sheet(&m, KPI_MAP_SHEET_GROUPS);
    if (ws)
        write_groups_sheet(&m, ws, last);
    ws = add_sheet(&m, "Vejledning");
    if (ws)
        write_guide_sheet(&m, ws);
    /* Before Data: a hidden last sheet keeps the visible ones in order;
     * Data is added by mb_close. */
    ws = add_sheet(&m, "Lister");
    if (ws)
        write_lists_sheet(&m, ws);
    return mb_close(&m, err, err_size);
}

/* ------------------------------------------------------------------ */
/* modtageroverblik.xlsx                                               */

enum { OC_THEME, OC_NAME, OC_LABEL, OC_VALUE, OC_STATUS, OC_CODE, OC_COUNT };

typedef struct group_tally {
    int figures, status[3];
} group_tally;

static void write_value(mb *m, lxw_worksheet *ws, int row,
                        const kpi_headline *h, const kpi_row *r)
{
    const char *mask =
        r && m->in->row_mask ? m->in->row_mask(r, m->in->hook_ctx) : NULL;
    if (!r || mask || r->kind == KPI_VALUE_TEXT) {
        /* Not available is shown as such, never as 0 (SPEC §4). */
        write_str(m, ws, row, OC_VALUE,
                  mask ? mask : r && r->text ? r->text : "\xE2\x80\x93",
                  m->f_na);
        return;
    }
    mb_check(m, worksheet_write_number(ws, (lxw_row_t)row, OC_VALUE,
                                       kpi_xlsx_look_row_number(r),
                                       m->f_num[h->format]));
}

static void write_group_sheet(mb *m, lxw_worksheet *ws, kpi_group g,
                              group_tally *tally)
{
    m->res.sheet = ws->name; /* added before the others were written */
    const char *words[LOOK_STATUS_COUNT];
    status_words(words);
    column cols[OC_COUNT] = {
        /* One landscape page wide at 75 % or more; the texts wrap. */
        [OC_THEME] = {"Tema", 20, &m->f_header},
        [OC_NAME] = {"Nøgletal", 30, &m->f_header},
        [OC_LABEL] = {"Opgørelse", 40, &m->f_header},
        [OC_VALUE] = {"Værdi", 16, &m->f_header_r},
        [OC_STATUS] = {"Status mod mål", 10, &m->f_header_c},
        [OC_CODE] = {"Kode", 22, &m->f_header},
    };
    char sub[512];
    snprintf(sub, sizeof sub, "%s \xC2\xB7 %s \xC2\xB7 %s",
             kpi_cadence_name(kpi_map_cadence(m->map, g)),
             kpi_detail_name(kpi_map_detail(m->map, g)), m->month_name);
    write_heading(m, ws, kpi_group_name(g), sub);
    /* The need, wrapped over the table's width, under the heading. */
    double table_width = 0;
    for (int c = 0; c < OC_COUNT; c++)
        table_width += cols[c].width;
    mb_check(m, worksheet_set_row(
                    ws, 2,
                    LINE_HEIGHT * text_lines(m->ft->need[g], table_width) + 3,
                    NULL));
    mb_check(m, worksheet_merge_range(ws, 2, 0, 2, OC_COUNT - 1,
                                      m->ft->need[g], m->f_wrap));
    const int header = 4;
    write_header(m, ws, header, cols, OC_COUNT);
    int row = header + 1;
    for (size_t i = 0; i < kpi_catalog_figure_count() && m->res.status == KPI_OK;
         i++) {
        const kpi_figure_info *fi = kpi_catalog_figure(i);
        if (!kpi_map_get(m->map, fi->id, g))
            continue;
        char label[256];
        const kpi_row *r = kpi_book_headline(m->in, fi->id, label, sizeof label);
        if (!fi->headline.stat)
            snprintf(label, sizeof label,
                     "Intet samlet tal: se fordelingerne i pakken");
        const kpi_row *st = status_row(m->in, fi->id);
        int si = status_index(st);
        const char *texts[OC_COUNT] = {[OC_NAME] = fi->name,
                                       [OC_LABEL] = label};
        fit_row(m, ws, row, cols, texts, OC_COUNT);
        write_str(m, ws, row, OC_THEME, m->ft->theme[fi->theme], m->f_text);
        write_str(m, ws, row, OC_NAME, fi->name, m->f_wrap);
        write_str(m, ws, row, OC_LABEL, label, m->f_wrap);
        write_value(m, ws, row, &fi->headline, r);
        /* Every figure says where it stands: its status against the
         * kpi.ini target, or that it has none (issue 14: a status
         * for 3 of 25 figures left the rest unexplained). */
        write_str(m, ws, row, OC_STATUS, si >= 0 ? words[si] : "ingen mål",
                  m->f_mark);
        write_str(m, ws, row, OC_CODE, fi->id, m->f_text);
        tally->figures++;
        if (si >= 0)
            tally->status[si]++;
        row++;
    }
    int last = row > header + 1 ? row - 1 : header + 1;
    worksheet_freeze_panes(ws, header + 1, 0);
    mb_check(m, worksheet_autofilter(ws, header, 0, (lxw_row_t)last,
                                     OC_COUNT - 1));
    lxw_format *const fmts[LOOK_STATUS_COUNT] = {m->f_green, m->f_yellow,
                                                 m->f_red};
    kpi_xlsx_look_status_rules(ws, header + 1, row - 1, OC_STATUS, words, fmts,
                               &m->res);
}

enum { SC_GROUP, SC_NEED, SC_CADENCE, SC_DETAIL, SC_FIGURES, SC_RED,
       SC_YELLOW, SC_GREEN, SC_COUNT };

static void write_summary_sheet(mb *m, lxw_worksheet *ws,
                                const group_tally *tally)
{
    m->res.sheet = ws->name; /* added first, written last */
    column cols[SC_COUNT] = {
        [SC_GROUP] = {KPI_MAP_HEAD_GROUP, 17, &m->f_header},
        [SC_NEED] = {"Behov", 44, &m->f_header}, /* one landscape page */
        [SC_CADENCE] = {"Kadence", 13, &m->f_header},
        [SC_DETAIL] = {"Detaljeringsgrad", 30, &m->f_header},
        [SC_FIGURES] = {"Antal nøgletal", 10, &m->f_header_r},
        [SC_RED] = {"Heraf røde", 8, &m->f_header_r},
        [SC_YELLOW] = {"Heraf gule", 8, &m->f_header_r},
        [SC_GREEN] = {"Heraf grønne", 8, &m->f_header_r},
    };
    char sub[256];
    snprintf(sub, sizeof sub,
             "%s, %s. Værdierne er hele kommunens; status mod målet "
             "når kpi.ini sætter et, ellers \"ingen mål\". Ét ark pr. "
             "modtagergruppe.",
             *m->municipality ? m->municipality : "Kommunen", m->month_name);
    write_heading(m, ws, "Modtageroverblik", sub);
    write_header(m, ws, MAP_HEADER_ROW, cols, SC_COUNT);
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        int row = MAP_HEADER_ROW + 1 + g;
        kpi_group grp = (kpi_group)g;
        const char *texts[SC_COUNT] = {
            [SC_NEED] = m->ft->need[g],
            [SC_DETAIL] = kpi_detail_name(kpi_map_detail(m->map, grp))};
        fit_row(m, ws, row, cols, texts, SC_COUNT);
        write_str(m, ws, row, SC_GROUP, kpi_group_name(grp), m->f_text);
        write_str(m, ws, row, SC_NEED, texts[SC_NEED], m->f_wrap);
        write_str(m, ws, row, SC_CADENCE,
                  kpi_cadence_name(kpi_map_cadence(m->map, grp)), m->f_text);
        write_str(m, ws, row, SC_DETAIL, texts[SC_DETAIL], m->f_wrap);
        double nums[4] = {tally[g].figures, tally[g].status[2],
                          tally[g].status[1], tally[g].status[0]};
        for (int k = 0; k < 4; k++)
            mb_check(m, worksheet_write_number(ws, (lxw_row_t)row,
                                               (lxw_col_t)(SC_FIGURES + k),
                                               nums[k],
                                               m->f_num[KPI_HEADLINE_COUNT]));
    }
    worksheet_freeze_panes(ws, MAP_HEADER_ROW + 1, 1);
    mb_check(m, worksheet_autofilter(ws, MAP_HEADER_ROW, 0,
                                     MAP_HEADER_ROW + KPI_GROUP_COUNT,
                                     SC_COUNT - 1));
}

kpi_status kpi_overview_write(const kpi_map *map, const kpi_book_input *in,
                              const char *path, char *err, size_t err_size)
{
    mb m;
    if (mb_open(&m, map, in, path, "Modtageroverblik") != KPI_OK)
        return mb_close(&m, err, err_size);
    set_properties(&m, "Modtagergrupper og deres nøgletal",
                   "modtagere, nøgletal, ledelsesinformation");
    /* The summary comes first but needs the groups' tallies: count them
     * by writing the group sheets after it, into worksheets added in
     * order (libxlsxwriter writes sheets in the order added). */
    group_tally tally[KPI_GROUP_COUNT] = {0};
    lxw_worksheet *summary = add_sheet(&m, "Overblik");
    lxw_worksheet *sheets[KPI_GROUP_COUNT] = {0};
    for (int g = 0; g < KPI_GROUP_COUNT; g++)
        sheets[g] = add_sheet(&m, kpi_group_name((kpi_group)g));
    for (int g = 0; g < KPI_GROUP_COUNT && m.res.status == KPI_OK; g++)
        write_group_sheet(&m, sheets[g], (kpi_group)g, &tally[g]);
    if (summary && m.res.status == KPI_OK)
        write_summary_sheet(&m, summary, tally);
    return mb_close(&m, err, err_size);
}
