/*
 * render.c - writes a workbook from a template: formats, sheets and
 * charts. The tables themselves are table.c; the print set-up, document
 * properties and styles every workbook shares are look.c, the long-form
 * Data sheet datasheet.c.
 *
 * Determinism: libxlsxwriter stamps every zip entry 1980-01-01, and the
 * only clock it reads is the document's creation time, which is set here
 * to the report month's last day (00:00 UTC). So the same figures and
 * template give the same bytes.
 */
#include "render.h"

#include "datasheet.h"
#include "look.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Number formats. The [$-406] prefix marks them Danish: LibreOffice then
 * shows 1.234.567 kr. and 81,5 % whatever its own locale (checked with
 * LibreOffice 7.4 in an en-US profile); Excel takes the separators from
 * Windows' regional settings either way. */
static const char *const num_formats[FMT_COUNT_OF] = {
    NULL,                          /* text */
    "[$-406]#,##0 \"kr.\"",        /* money */
    "[$-406]#,##0.00 \"kr.\"",     /* money2 */
    "[$-406]0.0%",                 /* percent */
    "[$-406]#,##0",                /* count */
    "[$-406]#,##0.00",             /* decimal */
    "[$-406]#,##0.0",              /* decimal1 */
    "[$-406]dd-mm-yyyy",           /* date */
    "[$-406]mmm yyyy",             /* month */
    NULL,                          /* status */
    "[$-406]#,##0 \"dage\"",        /* days */
    NULL,                          /* wrap */
};

void kpi_xlsx_render_check(render *r, lxw_error err)
{
    kpi_xlsx_look_check(&r->res, err);
}

double kpi_xlsx_text_width(const char *s)
{
    double n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* The longest line of a note, subheading or legend line, in
 * characters: about 500 points of 11 pt text (DejaVu Sans, which
 * LibreOffice prints for Calibri where Carlito is not installed, is the
 * widest), within a portrait page.
 * A longer text left in one cell runs over the empty cells to its right,
 * and LibreOffice widens the printed area to hold it: a 250-character
 * note made a page print at 6 pt (issue 14). */
#define LINE_CHARS 80

/* The widest label column, in characters: a longer label wraps (the
 * label formats wrap) in a row as high as its lines, so that a sheet of
 * a label and six value columns prints one page wide at 8 pt or more. */
#define LABEL_CHARS 38

void kpi_xlsx_render_label(render *r, size_t sheet, int row, const char *text,
                           lxw_format *fmt)
{
    lxw_worksheet *ws = r->sheets[sheet].ws;
    double width = kpi_xlsx_text_width(text);
    if (width > LABEL_CHARS) {
        /* Excel does not fit a row's height on load: set it, on the row
         * being written (a streamed sheet allows no other). One line
         * more than the characters need, for the words' breaks. */
        int lines = (int)ceil(width / LABEL_CHARS) + (width > 2 * LABEL_CHARS);
        kpi_xlsx_render_check(
            r, worksheet_set_row(ws, (lxw_row_t)row, 15.0 * lines, NULL));
        r->sheets[sheet].extra_points += 15.0 * (lines - 1);
        width = LABEL_CHARS;
    }
    kpi_xlsx_render_check(
        r, worksheet_write_string(ws, (lxw_row_t)row, 0, text, fmt));
    kpi_xlsx_render_fit(r, sheet, 0, width);
}

int kpi_xlsx_render_lines(render *r, lxw_worksheet *ws, int row,
                          const char *text, lxw_format *f)
{
    size_t len = strlen(text);
    char *line = malloc(len + 1);
    if (!line) {
        r->res.status = KPI_ERR_NOMEM;
        return 0;
    }
    int rows = 0;
    const char *p = text;
    while (*p && r->res.status == KPI_OK) {
        /* Take characters up to LINE_CHARS; break after the last space
         * among them, unless the rest fits or there is none. */
        const char *end = p, *cut = NULL;
        int chars = 0;
        while (*end && chars < LINE_CHARS) {
            if (*end == ' ')
                cut = end;
            end++;
            while (((unsigned char)*end & 0xC0) == 0x80)
                end++;
            chars++;
        }
        if (*end && cut && *end != ' ')
            end = cut;
        memcpy(line, p, (size_t)(end - p));
        line[end - p] = '\0';
        kpi_xlsx_render_check(r, worksheet_write_string(
                                     ws, (lxw_row_t)(row + rows), 0, line, f));
        rows++;
        p = end;
        while (*p == ' ')
            p++;
    }
    free(line);
    return rows;
}

double kpi_xlsx_number_width(double v, book_format f)
{
    double a = fabs(v);
    int digits = a < 1 ? 1 : (int)floor(log10(a)) + 1;
    double w = digits + (digits - 1) / 3 + (v < 0 ? 1 : 0);
    switch (f) {
    case FMT_MONEY:
        return w + 4;
    case FMT_MONEY2:
        return w + 7;
    case FMT_PERCENT:
        return 7;
    case FMT_DECIMAL:
        return w + 3;
    case FMT_DECIMAL1:
        return w + 2;
    case FMT_DAYS:
        return w + 5;
    case FMT_DATE:
        return 10;
    case FMT_MONTH:
        return 9;
    case FMT_TEXT:
    case FMT_WRAP:
    case FMT_STATUS:
    case FMT_COUNT:
    case FMT_COUNT_OF:
        break;
    }
    return w;
}

void kpi_xlsx_render_set_row(render *r, size_t s, int row, double points)
{
    sheet_state *ss = &r->sheets[s];
    kpi_xlsx_render_check(
        r, worksheet_set_row(ss->ws, (lxw_row_t)row, points, NULL));
    if (!kpi_xlsx_book_grow((void **)&ss->heights, &ss->cap_heights,
                            ss->n_heights, sizeof *ss->heights)) {
        r->res.status = KPI_ERR_NOMEM;
        return;
    }
    ss->heights[ss->n_heights++] = (row_height){row, points};
}

void kpi_xlsx_render_fit(render *r, size_t s, int col, double width)
{
    if (col < 0 || col >= BOOK_MAX_COLS)
        return;
    if (width > r->sheets[s].widths[col])
        r->sheets[s].widths[col] = width;
}

void kpi_xlsx_render_mark(render *r, size_t s, const char *text)
{
    for (size_t i = 0; i < r->t->n_legend; i++)
        if (!strcmp(r->t->legend[i].mark, text))
            r->sheets[s].marks |= 1u << i;
}

/* The legend at the sheet's foot: "Tegnforklaring" and a line for each
 * mark the sheet shows, in the template's order (Danmarks Statistik puts
 * it under the table). */
static void write_legend(render *r, size_t s)
{
    sheet_state *ss = &r->sheets[s];
    if (!ss->marks)
        return;
    int row = ss->next_row;
    kpi_xlsx_render_check(r, worksheet_write_string(ss->ws, (lxw_row_t)row++,
                                                    0, "Tegnforklaring",
                                                    r->table_title));
    for (size_t i = 0; i < r->t->n_legend && r->res.status == KPI_OK; i++) {
        if (!(ss->marks & (1u << i)))
            continue;
        const book_legend *l = &r->t->legend[i];
        size_t n = strlen(l->mark) + strlen(l->text) + 3;
        char *line = malloc(n);
        if (!line) {
            r->res.status = KPI_ERR_NOMEM;
            return;
        }
        snprintf(line, n, "%s: %s", l->mark, l->text);
        row += kpi_xlsx_render_lines(r, ss->ws, row, line, r->note);
        free(line);
    }
    ss->next_row = row + 1;
}

/* ------------------------------------------------------------------ */
/* Placeholders                                                        */

/* The render's own placeholders; the period ones ({year}, {as_of}, ...)
 * are libkpi's (kpi_period_expand). ctx is the render. */
static const char *render_lookup(const char *key, size_t len, void *ctx)
{
    const render *r = ctx;
    const struct {
        const char *name, *value;
    } own[] = {
        {"municipality", r->municipality},
        {"recipient", r->in->recipient ? r->in->recipient : ""},
        {"title", r->t->title ? r->t->title : ""},
        {"row_month", r->row_month},
        {"row_month_end", r->row_month_end},
        {"row_month_last_year", r->row_month_ly},
        {"row_month_end_last_year", r->row_month_end_ly},
        {"quarter_name", r->quarter_name},
        {"reimbursement_note", r->reimbursement_note},
        {"compare_note", kpi_dataset_compare_note(r->in->dataset)},
        {"compare_year", r->compare_year[0]},
        {"compare_year_1", r->compare_year[1]},
        {"compare_year_2", r->compare_year[2]},
        {"compare_year_3", r->compare_year[3]},
        {"compare_year_4", r->compare_year[4]},
    };
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++)
        if (strlen(own[i].name) == len && !memcmp(own[i].name, key, len))
            return own[i].value;
    return NULL;
}

void kpi_xlsx_danish_number(double v, int decimals, bool trim, char *buf,
                            size_t size)
{
    double scale = decimals ? pow(10, decimals) : 1;
    double x = fabs(v) * scale;
    long long n = (long long)floor(x + 0.5);
    long long whole = n / (long long)scale, frac = n % (long long)scale;
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%lld", whole);
    size_t len = strlen(digits), o = 0;
    if (v < 0 && n != 0)
        grouped[o++] = '-';
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[o++] = '.';
        grouped[o++] = digits[i];
    }
    grouped[o] = '\0';
    if (decimals && !(trim && frac == 0))
        snprintf(buf, size, "%s,%0*lld", grouped, decimals, frac);
    else
        snprintf(buf, size, "%s", grouped);
}


/* The note under the reimbursement when the report year has no
 * [reimbursement.YEAR] of its own (kpi_reimbursement_warning in words a
 * committee reads): which amounts were used and that they are regulated
 * every year, so the estimate is read as one. */
static void reimbursement_note(render *r)
{
    kpi_reimbursement_source src;
    kpi_dataset_reimbursement(r->in->dataset, r->in->month.year, &src);
    r->reimbursement_note[0] = '\0';
    if (src.source_year == src.year)
        return;
    char t[KPI_REIMBURSEMENT_BANDS][40], from[64];
    for (int i = 0; i < KPI_REIMBURSEMENT_BANDS; i++)
        /* Kroner as the notes write them: 860.000, 1.234,50. */
        kpi_xlsx_danish_number((double)src.rule.thresholds[i] / 100, 2, true,
                               t[i], sizeof t[i]);
    if (src.source_year)
        snprintf(from, sizeof from, "beløbsgrænserne for %d",
                 src.source_year);
    else
        snprintf(from, sizeof from, "lovens beløbsgrænser i 2022-niveau");
    snprintf(r->reimbursement_note, sizeof r->reimbursement_note,
             "Statsrefusionen for %d er beregnet med %s (%s / %s / %s kr. "
             "om året), fordi kpi.ini ikke har grænserne for %d. Grænserne "
             "reguleres hvert år (barnets lov § 198), så beløbet er et "
             "skøn.",
             src.year, from, t[0], t[1], t[2], src.year);
}

/* The comparison's window: its rows' newest year (period YYYY). */
static void compare_years(render *r)
{
    int newest = 0;
    size_t n = kpi_comparison_row_count(r->in->comparison);
    for (size_t i = 0; i < n; i++) {
        const char *p = kpi_comparison_row(r->in->comparison, i)->period;
        if (strlen(p) == 4 && atoi(p) > newest)
            newest = atoi(p);
    }
    for (int k = 0; newest && k < 5; k++)
        snprintf(r->compare_year[k], sizeof r->compare_year[k], "%d",
                 newest - k);
}

char *kpi_xlsx_render_expand(render *r, const char *pattern)
{
    /* Most texts fit the stack; a longer one is expanded again into a
     * string of its length. */
    char small[256];
    size_t n = 0;
    const char *p = pattern ? pattern : "";
    kpi_status st = kpi_period_expand(p, r->in->month, render_lookup, r, small,
                                      sizeof small, &n);
    char *s = malloc(n + 1);
    if (s && st == KPI_OK)
        memcpy(s, small, n + 1);
    else if (s)
        st = kpi_period_expand(p, r->in->month, render_lookup, r, s, n + 1,
                               NULL);
    if (s && st != KPI_OK) {
        free(s);
        s = NULL;
    }
    if (!s && r->res.status == KPI_OK)
        r->res.status =
            st == KPI_OK || st == KPI_ERR_RANGE ? KPI_ERR_NOMEM : st;
    return s;
}

/* ------------------------------------------------------------------ */
/* Formats                                                             */

static lxw_format *new_format(render *r, book_format f, bool bold, bool top)
{
    lxw_format *fmt = workbook_add_format(r->wb);
    if (!fmt) {
        r->res.status = KPI_ERR_NOMEM;
        return NULL;
    }
    if (num_formats[f])
        format_set_num_format(fmt, num_formats[f]);
    if (f == FMT_STATUS)
        format_set_align(fmt, LXW_ALIGN_CENTER);
    if (f == FMT_TEXT || f == FMT_STATUS || f == FMT_WRAP)
        format_set_align(fmt, LXW_ALIGN_VERTICAL_TOP);
    if (f == FMT_WRAP)
        format_set_text_wrap(fmt);
    if (bold)
        format_set_bold(fmt);
    if (top)
        format_set_top(fmt, LXW_BORDER_THIN);
    return fmt;
}

static lxw_format *status_format(render *r, look_status s)
{
    lxw_format *fmt = workbook_add_format(r->wb);
    if (!fmt) {
        r->res.status = KPI_ERR_NOMEM;
        return NULL;
    }
    kpi_xlsx_look_status_colours(fmt, s);
    return fmt;
}

static void make_formats(render *r)
{
    for (int f = 0; f < FMT_COUNT_OF; f++) {
        r->cell[f] = new_format(r, (book_format)f, false, false);
        r->subtotal[f] = new_format(r, (book_format)f, true, false);
        r->total[f] = new_format(r, (book_format)f, true, true);
    }
    if (r->res.status != KPI_OK)
        return;
    r->title = workbook_add_format(r->wb);
    r->subheading = workbook_add_format(r->wb);
    r->table_title = workbook_add_format(r->wb);
    r->header = workbook_add_format(r->wb);
    r->header_num = workbook_add_format(r->wb);
    r->note = workbook_add_format(r->wb);
    r->label = workbook_add_format(r->wb);
    r->label_subtotal = workbook_add_format(r->wb);
    r->label_total = workbook_add_format(r->wb);
    if (!r->title || !r->subheading || !r->table_title || !r->header ||
        !r->header_num || !r->note || !r->label || !r->label_subtotal || !r->label_total) {
        r->res.status = KPI_ERR_NOMEM;
        return;
    }
    kpi_xlsx_look_title_style(r->title);
    kpi_xlsx_look_subtitle_style(r->subheading);
    format_set_bold(r->table_title);
    format_set_font_size(r->table_title, 12);
    kpi_xlsx_look_header_style(r->header);
    /* Numbers are right-aligned; so are their headings. */
    kpi_xlsx_look_header_style(r->header_num);
    format_set_align(r->header_num, LXW_ALIGN_RIGHT);
    format_set_italic(r->note);
    format_set_font_color(r->note, 0x595959);
    /* A long label wraps in its column (table.c, write_text). */
    format_set_text_wrap(r->label);
    format_set_text_wrap(r->label_subtotal);
    format_set_text_wrap(r->label_total);
    format_set_bold(r->label_subtotal);
    format_set_bold(r->label_total);
    format_set_top(r->label_total, LXW_BORDER_THIN);
    r->status_red = status_format(r, LOOK_RED);
    r->status_yellow = status_format(r, LOOK_YELLOW);
    r->status_green = status_format(r, LOOK_GREEN);
    r->mask_cell = new_format(r, FMT_TEXT, false, false);
    r->mask_subtotal = new_format(r, FMT_TEXT, true, false);
    r->mask_total = new_format(r, FMT_TEXT, true, true);
    if (r->res.status != KPI_OK)
        return;
    format_set_align(r->mask_cell, LXW_ALIGN_RIGHT);
    format_set_align(r->mask_subtotal, LXW_ALIGN_RIGHT);
    format_set_align(r->mask_total, LXW_ALIGN_RIGHT);
}

/* ------------------------------------------------------------------ */
/* Sheets                                                              */

static void setup_print(render *r, lxw_worksheet *ws)
{
    kpi_xlsx_look_print_setup(ws, r->municipality,
                              r->t->title ? r->t->title : "", r->month_name,
                              &r->res);
}

/* Is the pack's group one of groups (NULL: any workbook)? */
static bool for_group(char *const *groups, size_t n,
                      const kpi_book_input *in)
{
    if (!groups)
        return true;
    for (size_t i = 0; in->group && i < n; i++)
        if (!strcmp(groups[i], in->group))
            return true;
    return false;
}

/* Is the report month one of `months` (bits 1..12; 0: every month)? */
static bool for_month(unsigned months, const kpi_book_input *in)
{
    return !months || (months & (1u << in->month.month));
}

/* Is the sheet for this month and this recipient (`months`, `groups`)? */
static bool sheet_applies(const book_sheet *d, const kpi_book_input *in)
{
    return for_month(d->months, in) && for_group(d->groups, d->n_groups, in);
}

static size_t sheet_index(const kpi_book_template *t, const char *id)
{
    size_t s = 0;
    while (s < t->n_sheets && strcmp(t->sheets[s].id, id) != 0)
        s++;
    return s;
}

/* Leaves out the tables whose `unless_sheet` is in the workbook (the
 * quarterly overview says what they say), then the sheets that leaves
 * without a table. */
static void drop_superseded(const kpi_book_template *t, bool *shown,
                            bool *sheet_shown)
{
    for (size_t i = 0; i < t->n_tables; i++) {
        const char *u = t->tables[i].unless_sheet;
        size_t s = u ? sheet_index(t, u) : t->n_sheets;
        if (shown[i] && s < t->n_sheets && sheet_shown[s])
            shown[i] = false;
    }
    for (size_t s = 0; t->drop_empty && s < t->n_sheets; s++) {
        bool any = false;
        for (size_t i = 0; i < t->n_tables && !any; i++)
            any = shown[i] && !strcmp(t->tables[i].sheet, t->sheets[s].id);
        sheet_shown[s] = sheet_shown[s] && any;
    }
}

static void write_heading(render *r, size_t s)
{
    sheet_state *ss = &r->sheets[s];
    const book_sheet *d = ss->decl;
    if (d->heading) {
        char *h = kpi_xlsx_render_expand(r, d->heading);
        if (!h)
            return;
        kpi_xlsx_render_check(
            r, worksheet_write_string(ss->ws, 0, 0, h, r->title));
        free(h);
        ss->next_row = 1;
    }
    if (d->subheading) {
        char *h = kpi_xlsx_render_expand(r, d->subheading);
        if (!h)
            return;
        ss->next_row +=
            kpi_xlsx_render_lines(r, ss->ws, ss->next_row, h, r->subheading);
        free(h);
    }
    if (ss->next_row)
        ss->next_row++; /* a blank row under the heading */
}

/* The width of column c as finish_sheet sets it: two characters of air;
 * very long texts wrap instead of making a column wider than a
 * landscape page. Else libxlsxwriter's default. */
static double column_width(const sheet_state *ss, int c)
{
    return ss->widths[c] > 0 ? fmin(ss->widths[c] + 2, 60) : LXW_DEF_COL_WIDTH;
}

static void finish_sheet(render *r, size_t s)
{
    sheet_state *ss = &r->sheets[s];
    if (!ss->ws)
        return; /* a sheet left out (drop_empty) */
    r->res.sheet = ss->decl->name;
    for (int c = 0; c < BOOK_MAX_COLS; c++) {
        if (ss->widths[c] <= 0)
            continue;
        double w = column_width(ss, c);
        kpi_xlsx_render_check(r, worksheet_set_column(ss->ws, (lxw_col_t)c,
                                                      (lxw_col_t)c, w, NULL));
    }
    /* A header repeated on every printed page belongs to the one table
     * of the sheet: with more tables it would stand above the others'
     * rows (caseworkers under "Aldersgruppe", issue 14). A sheet of
     * several tables repeats none; each table has its header above it. */
    if (ss->n_tables == 1 && ss->first_header_row >= 0)
        kpi_xlsx_render_check(
            r, worksheet_repeat_rows(ss->ws, (lxw_row_t)ss->first_header_row,
                                     (lxw_row_t)ss->first_header_row));
    kpi_xlsx_look_print_fit(ss->ws, ss->chart_points, &r->res);
    if (ss->n_breaks) /* breaks[n_breaks] is the 0 that ends the list */
        kpi_xlsx_render_check(r,
                              worksheet_set_h_pagebreaks(ss->ws, ss->breaks));
    /* The Overblik prints on one page, whole, where that is legible (8 pt
     * or more). A longer one (the direktion's two dozen headlines and a
     * note) runs on to a second page rather than print smaller; fewer
     * headlines in the map keep it on one. */
    if (ss->decl->one_page)
        kpi_xlsx_look_print_one_page(ss->ws,
                                     15.0 * ss->next_row + ss->extra_points);
}

/* ------------------------------------------------------------------ */
/* Charts                                                              */

/* The height in pixels to give a chart of `pixels` from `row` down on a
 * streamed sheet, so that it ends where it would on a sheet built in
 * memory. libxlsxwriter places charts when it closes the workbook, from
 * the heights of the rows it holds; a streamed sheet's rows are on disk
 * by then, so every row counts as 15 points (20 pixels), and a chart
 * over a table's taller header row would come out taller. */
double kpi_xlsx_render_streamed_pixels(const sheet_state *ss, int row,
                                       double pixels)
{
    int end = row;
    for (;;) {
        double px = 20; /* libxlsxwriter's default row, in whole pixels */
        for (size_t i = 0; i < ss->n_heights; i++)
            if (ss->heights[i].row == end)
                px = (double)(uint32_t)(ss->heights[i].points / 0.75);
        if (pixels < px)
            break;
        pixels -= px;
        end++;
    }
    /* An end low in a taller row is as low as a 20-pixel row allows: a
     * hundredth of a pixel above its bottom. */
    return (end - row) * 20.0 + fmin(pixels, 19.99);
}

void kpi_xlsx_render_chart_fonts(lxw_chart *chart)
{
    /* 11 pt, as the cells: at the smallest print scale (75 %, look.c) a
     * chart's default 10 pt printed at 7.5 pt. */
    lxw_chart_font text = {.size = 11};
    chart_axis_set_num_font(chart->x_axis, &text);
    chart_axis_set_num_font(chart->y_axis, &text);
    chart_axis_set_name_font(chart->y_axis, &text);
    chart_legend_set_font(chart, &text);
}

/* series = rows: each member row of a breakdown table is a series over
 * the table's columns, whose headings (the years of the comparison) are
 * the categories. A cell with a mark or "mangler" is text: no point (a
 * column chart shows no bar), never a 0 the table does not say. */
static bool rows_series(render *r, lxw_chart *chart, const placed_table *pt,
                        const char *data_sheet)
{
    int first = -1, last = -1;
    for (size_t i = 0; i < pt->table->n_cols && i < BOOK_MAX_COLS; i++) {
        if (pt->col_of[i] < 0)
            continue;
        if (first < 0 || pt->col_of[i] < first)
            first = pt->col_of[i];
        if (pt->col_of[i] > last)
            last = pt->col_of[i];
    }
    if (first < 0)
        return false;
    for (int row = pt->first_row; row <= pt->last_row; row++) {
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        if (!ser) {
            r->res.status = KPI_ERR_NOMEM;
            return false;
        }
        chart_series_set_categories(ser, data_sheet, (lxw_row_t)pt->header_row,
                                    (lxw_col_t)first,
                                    (lxw_row_t)pt->header_row, (lxw_col_t)last);
        chart_series_set_values(ser, data_sheet, (lxw_row_t)row,
                                (lxw_col_t)first, (lxw_row_t)row,
                                (lxw_col_t)last);
        chart_series_set_name_range(ser, data_sheet, (lxw_row_t)row, 0);
    }
    return true;
}

static void write_chart(render *r, const book_chart *ch)
{
    placed_table *pt = NULL;
    for (size_t i = 0; i < r->n_placed; i++)
        if (!strcmp(r->placed[i].table->id, ch->table))
            pt = &r->placed[i];
    size_t target = 0;
    for (size_t i = 0; i < r->t->n_sheets; i++)
        if (!strcmp(r->t->sheets[i].id, ch->sheet))
            target = i;
    if (!pt || pt->last_row < pt->first_row || !r->sheets[target].ws)
        return;
    const char *data_sheet = r->sheets[pt->sheet].decl->name;
    lxw_chart *chart = workbook_add_chart(r->wb, (uint8_t)ch->type);
    if (!chart) {
        r->res.status = KPI_ERR_NOMEM;
        return;
    }
    const book_table *tb = pt->table;
    if (ch->by_rows && !rows_series(r, chart, pt, data_sheet))
        return;
    for (size_t s = 0; s < ch->n_series; s++) {
        int col = -1;
        for (size_t i = 0; i < tb->n_cols && i < BOOK_MAX_COLS; i++)
            if (!strcmp(tb->cols[i].id, ch->series[s]))
                col = pt->col_of[i];
        if (col < 0)
            continue;
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        if (!ser) {
            r->res.status = KPI_ERR_NOMEM;
            return;
        }
        chart_series_set_categories(ser, data_sheet, (lxw_row_t)pt->first_row,
                                    0, (lxw_row_t)pt->last_row, 0);
        chart_series_set_values(ser, data_sheet, (lxw_row_t)pt->first_row,
                                (lxw_col_t)col, (lxw_row_t)pt->last_row,
                                (lxw_col_t)col);
        chart_series_set_name_range(ser, data_sheet, (lxw_row_t)pt->header_row,
                                    (lxw_col_t)col);
        if (ch->type == LXW_CHART_LINE) {
            lxw_chart_marker marker = {.type = LXW_CHART_MARKER_CIRCLE,
                                       .size = 5};
            chart_series_set_marker_type(ser, marker.type);
            chart_series_set_marker_size(ser, marker.size);
        }
    }
    if (ch->title) {
        char *t = kpi_xlsx_render_expand(r, ch->title);
        if (t) {
            chart_title_set_name(chart, t);
            free(t);
        }
        lxw_chart_font font = {.size = 12, .bold = LXW_TRUE};
        chart_title_set_name_font(chart, &font);
    }
    if (ch->y_title)
        chart_axis_set_name(chart->y_axis, ch->y_title);
    kpi_xlsx_render_chart_fonts(chart);
    chart_axis_set_num_format(chart->y_axis, "[$-406]#,##0");
    /* Every chart of kpi's is of counts or amounts: from 0, or a move of
     * 2 % fills the chart (issue 14: the axes started at 13.5 mio. kr.
     * and at 145 children). */
    chart_axis_set_min(chart->y_axis, 0);
    if (!ch->by_rows) /* months; else the headings' own text */
        chart_axis_set_num_format(chart->x_axis, "[$-406]mmm yy");
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    sheet_state *ss = &r->sheets[target];
    r->res.sheet = ss->decl->name;
    lxw_chart_options opt = {0};
    double height = ch->height;
    int row, col;
    if (target == pt->sheet && ch->below) {
        /* Under its table, in the rows it kept free (table.c). */
        row = pt->below_row + 1;
        col = 0;
        pt->below_row = row + (ch->height + 19) / 20;
    } else if (target == pt->sheet) {
        /* Beside its table from its header down, one column of air to
         * the right, below any chart placed there before. Not from the
         * title row: a title wider than its table ran under the chart,
         * and a chart at a page break drew its top edge on the page
         * before. */
        row = pt->header_row > 0 ? pt->header_row : 0;
        if (row < ss->chart_row)
            row = ss->chart_row;
        ss->chart_row = row + ch->height / 20 + 2;
        /* A page break below it (page_break) ends it: the chart stops a
         * row above the break rather than print cut across two pages,
         * and the next one begins at the break at the earliest. Rows are
         * 20 pixels or more, so the height in rows is an upper bound. */
        for (int b = 0; b < ss->n_breaks; b++) {
            int brk = (int)ss->breaks[b];
            if (brk <= row)
                continue;
            if (row + ceil(height / 20) >= brk)
                height = fmax(1, brk - row - 1) * 20;
            if (ss->chart_row > brk)
                ss->chart_row = brk;
            break;
        }
        int last = 0;
        for (size_t i = 0; i < tb->n_cols && i < BOOK_MAX_COLS; i++)
            if (pt->col_of[i] > last)
                last = pt->col_of[i];
        col = last + 2;
    } else {
        row = ss->next_row;
        col = 0;
        ss->next_row += ch->height / 20 + 2;
    }
    opt.x_scale = ch->width / 480.0;
    opt.y_scale = height / 288.0;
    if (r->wb->options.constant_memory)
        opt.y_scale = kpi_xlsx_render_streamed_pixels(ss, row, height) / 288.0;
    /* Its right edge for the print scale: the columns before it as
     * finish_sheet will set them, then its own width. The file anchors a
     * chart to the cells it covers in Excel (default columns of 64
     * pixels); LibreOffice without Carlito makes those columns 64 points
     * wide (look.c), so the chart prints a point a pixel, not 0.75
     * (measured: a 480-pixel chart printed the Måneder at 70 %). */
    double left = 0;
    for (int c = 0; c < col && c < BOOK_MAX_COLS; c++)
        left += column_width(ss, c) * 7 + 5;
    ss->chart_points = fmax(ss->chart_points, left + ch->width);
    kpi_xlsx_render_check(r, worksheet_insert_chart_opt(ss->ws, (lxw_row_t)row,
                                                        (lxw_col_t)col, chart,
                                                        &opt));
}

/* ------------------------------------------------------------------ */

static void set_properties(render *r)
{
    char *title = kpi_xlsx_render_expand(r, r->t->title);
    char *subject = kpi_xlsx_render_expand(r, r->t->subject);
    if (!title || !subject) {
        free(title);
        free(subject);
        return;
    }
    kpi_xlsx_look_properties(r->wb, title, subject, r->municipality,
                             r->t->keywords, r->in->month, &r->res);
    free(title);
    free(subject);
}

kpi_status kpi_book_write(const kpi_book_template *t, const kpi_book_input *in,
                          const char *path, char *err, size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!t || !in || !in->figures || !in->dataset || !path)
        return KPI_ERR_ARG;
    if (in->month.month < 1 || in->month.month > 12 || in->month.year < 1 ||
        in->month.year > 9999)
        return KPI_ERR_ARG;
    render r = {0};
    r.t = t;
    r.in = in;
    kpi_period_format(KPI_PERIOD_MONTH, in->month, KPI_PERIOD_STYLE_WORKBOOK,
                      r.month_name, sizeof r.month_name);
    r.municipality = kpi_dataset_municipality(in->dataset);
    reimbursement_note(&r);
    compare_years(&r);
    snprintf(r.quarter_name, sizeof r.quarter_name, "%d. kvartal %d",
             (in->month.month - 1) / 3 + 1, in->month.year);
    r.res.status = kpi_xlsx_rowindex_build(&r);
    r.sheets = calloc(t->n_sheets + 1, sizeof *r.sheets);
    r.placed = calloc(t->n_tables + 1, sizeof *r.placed);
    bool *shown = calloc(t->n_tables + 1, sizeof *shown);
    bool *sheet_shown = calloc(t->n_sheets + 1, sizeof *sheet_shown);
    if (!r.sheets || !r.placed || !shown || !sheet_shown)
        r.res.status = KPI_ERR_NOMEM;
    if (r.res.status != KPI_OK)
        goto done;
    /* Decided before anything is written: a pack leaves out the tables
     * its recipient sees no row of, and the sheets they leave empty. */
    for (size_t s = 0; s < t->n_sheets; s++)
        sheet_shown[s] = !t->drop_empty;
    for (size_t i = 0; i < t->n_tables && r.res.status == KPI_OK; i++) {
        shown[i] = for_group(t->tables[i].groups, t->tables[i].n_groups, in) &&
                   for_month(t->tables[i].in_months, in) &&
                   (!(t->drop_empty || t->tables[i].optional) ||
                    kpi_xlsx_table_has_rows(&r, &t->tables[i]));
        for (size_t s = 0; s < t->n_sheets && shown[i]; s++)
            if (!strcmp(t->tables[i].sheet, t->sheets[s].id))
                sheet_shown[s] = true;
    }
    for (size_t s = 0; s < t->n_sheets; s++)
        if (!sheet_applies(&t->sheets[s], in) ||
            (t->sheets[s].figure &&
             !kpi_xlsx_rowindex_has_figure(&r, t->sheets[s].figure)))
            sheet_shown[s] = false;
    drop_superseded(t, shown, sheet_shown);
    if (r.res.status != KPI_OK)
        goto done;

    size_t big = kpi_figures_row_count(in->figures) +
                 kpi_figures_disposition_count(in->figures);
    lxw_workbook_options opt = {0};
    opt.constant_memory =
        kpi_xlsx_look_streamed(&in->limits, big) ? LXW_TRUE : LXW_FALSE;
    r.wb = workbook_new_opt(path, &opt);
    if (!r.wb) {
        r.res.status = KPI_ERR_IO;
        goto done;
    }
    make_formats(&r);
    set_properties(&r);
    for (size_t s = 0; s < t->n_sheets && r.res.status == KPI_OK; s++) {
        r.sheets[s].decl = &t->sheets[s];
        r.sheets[s].first_header_row = -1;
        if (!sheet_shown[s])
            continue;
        r.sheets[s].ws =
            kpi_xlsx_look_add_sheet(r.wb, t->sheets[s].name, &r.res);
        if (!r.sheets[s].ws)
            break;
        setup_print(&r, r.sheets[s].ws);
        write_heading(&r, s);
        /* Sheet by sheet, table by table, top to bottom: the order
         * constant_memory needs. */
        for (size_t i = 0; i < t->n_tables && r.res.status == KPI_OK; i++)
            if (shown[i] && !strcmp(t->tables[i].sheet, t->sheets[s].id))
                kpi_xlsx_table_write(&r, &t->tables[i], s);
        write_legend(&r, s);
    }
    for (size_t i = 0; i < t->n_charts && r.res.status == KPI_OK; i++)
        write_chart(&r, &t->charts[i]);
    for (size_t s = 0; s < t->n_sheets && r.res.status == KPI_OK; s++)
        finish_sheet(&r, s);
    if (r.res.status == KPI_OK && t->data_sheet) {
        lxw_worksheet *ws =
            kpi_xlsx_look_add_sheet(r.wb, t->data_sheet, &r.res);
        if (ws) {
            setup_print(&r, ws);
            kpi_xlsx_book_data_sheet_write(ws, in, t, r.header, &r.res);
        }
    }
    /* Close even after a failure: it frees the workbook. */
    kpi_xlsx_look_close(r.wb, &r.res);
done:
    kpi_xlsx_rowindex_free(&r);
    for (size_t s = 0; r.sheets && s < t->n_sheets; s++)
        free(r.sheets[s].heights);
    free(r.sheets);
    free(r.placed);
    free(shown);
    free(sheet_shown);
    return kpi_xlsx_look_result(&r.res, err, err_size);
}
