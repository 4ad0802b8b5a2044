/* look.c - the look kpi's workbooks share (look.h). */
#include "look.h"

#include <stdarg.h>
#include <stdio.h>
#include <math.h>
#include <string.h>

void kpi_xlsx_look_check(look_outcome *o, lxw_error err)
{
    if (err == LXW_NO_ERROR || o->status != KPI_OK)
        return;
    kpi_status st;
    switch (err) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        st = KPI_ERR_NOMEM;
        break;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        st = KPI_ERR_IO;
        break;
    default:
        st = KPI_ERR_RANGE;
        break;
    }
    kpi_xlsx_look_fail(o, st, "%s", lxw_strerror(err));
}

void kpi_xlsx_look_fail(look_outcome *o, kpi_status status, const char *fmt,
                        ...)
{
    if (o->status != KPI_OK)
        return;
    o->status = status;
    size_t len = 0;
    if (o->sheet) {
        int n = snprintf(o->words, sizeof o->words, "sheet '%s': ", o->sheet);
        len = n < 0                         ? 0
              : (size_t)n < sizeof o->words ? (size_t)n
                                            : sizeof o->words - 1;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->words + len, sizeof o->words - len, fmt, ap);
    va_end(ap);
}

kpi_status kpi_xlsx_look_result(const look_outcome *o, char *err,
                                size_t err_size)
{
    if (err && err_size)
        snprintf(err, err_size, "%s",
                 o->status == KPI_OK ? ""
                 : o->words[0]       ? o->words
                                     : kpi_strerror(o->status));
    return o->status;
}

bool kpi_xlsx_look_streamed(const kpi_book_limits *l, size_t rows)
{
    /* PLATFORM.md: 200,000 rows took 245 MB built in memory and 4 MB
     * streamed. Below the threshold the shared strings keep the file
     * small, and its bytes are those of every kpi before streaming. */
    return rows > (l->stream_rows ? l->stream_rows : KPI_BOOK_STREAM_ROWS);
}

bool kpi_xlsx_look_rows_fit(const kpi_book_limits *l, size_t rows,
                            look_outcome *o)
{
    size_t most = l->sheet_rows && l->sheet_rows < KPI_BOOK_SHEET_ROWS
                      ? l->sheet_rows
                      : KPI_BOOK_SHEET_ROWS;
    if (rows <= most)
        return true;
    /* Only a dataset far larger than any municipality's gets here (one
     * row per measure of the year in Dispositioner); a sheet continued on
     * a second one would break its totals and every reader of it
     * (docs/DECISIONS.md). */
    kpi_xlsx_look_fail(o, KPI_ERR_RANGE,
                       "%zu rows do not fit in a sheet (at most %zu): split "
                       "the dataset, e.g. by municipality or administration, "
                       "and report on each part",
                       rows, most);
    return false;
}

lxw_worksheet *kpi_xlsx_look_add_sheet(lxw_workbook *wb, const char *name,
                                       look_outcome *o)
{
    if (o->status != KPI_OK)
        return NULL;
    o->sheet = name;
    /* workbook_add_worksheet only says NULL: the name's fault in
     * libxlsxwriter's words, else a streamed sheet's temporary file or
     * memory. */
    lxw_error err = workbook_validate_sheet_name(wb, name);
    lxw_worksheet *ws = err ? NULL : workbook_add_worksheet(wb, name);
    if (!ws && !err)
        err = wb->options.constant_memory ? LXW_ERROR_CREATING_TMPFILE
                                          : LXW_ERROR_MEMORY_MALLOC_FAILED;
    kpi_xlsx_look_check(o, err);
    return ws;
}

void kpi_xlsx_look_close(lxw_workbook *wb, look_outcome *o)
{
    o->sheet = NULL;
    kpi_xlsx_look_check(o, workbook_close(wb));
}

void kpi_xlsx_look_status_colours(lxw_format *f, look_status s)
{
    static const lxw_color_t fill[LOOK_STATUS_COUNT] = {0xC6EFCE, 0xFFEB9C,
                                                        0xFFC7CE};
    static const lxw_color_t font[LOOK_STATUS_COUNT] = {0x006100, 0x9C5700,
                                                        0x9C0006};
    format_set_bg_color(f, fill[s]);
    format_set_font_color(f, font[s]);
}

void kpi_xlsx_look_status_rules(lxw_worksheet *ws, int first, int last, int col,
                                const char *const words[LOOK_STATUS_COUNT],
                                lxw_format *const fmts[LOOK_STATUS_COUNT],
                                look_outcome *o)
{
    for (int k = LOOK_RED; k >= LOOK_GREEN && last >= first; k--) {
        char value[80];
        snprintf(value, sizeof value, "\"%s\"", words[k]);
        lxw_conditional_format cf = {0};
        cf.type = LXW_CONDITIONAL_TYPE_CELL;
        cf.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
        cf.value_string = value;
        cf.format = fmts[k];
        kpi_xlsx_look_check(o, worksheet_conditional_format_range(
                                   ws, (lxw_row_t)first, (lxw_col_t)col,
                                   (lxw_row_t)last, (lxw_col_t)col, &cf));
    }
}

void kpi_xlsx_look_header_style(lxw_format *f)
{
    format_set_bold(f);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(f, 0xDDEBF7);
    format_set_bottom(f, LXW_BORDER_THIN);
}

void kpi_xlsx_look_title_style(lxw_format *f)
{
    format_set_bold(f);
    format_set_font_size(f, 14);
}

void kpi_xlsx_look_subtitle_style(lxw_format *f)
{
    format_set_font_color(f, 0x595959);
}

/* Appends text to buf (size bytes with the NUL, truncated): '&' starts a
 * code in a print header, so a literal one is "&&". */
static void append_header_text(char *buf, size_t size, const char *text)
{
    size_t len = strlen(buf);
    for (const char *p = text; *p && len + 2 < size; p++) {
        if (*p == '&')
            buf[len++] = '&';
        buf[len++] = *p;
    }
    buf[len] = '\0';
}

void kpi_xlsx_look_print_setup(lxw_worksheet *ws, const char *municipality,
                               const char *title, const char *month_name,
                               look_outcome *o)
{
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    /* Excel allows 255 characters in a header; the title leaves room for
     * the month. */
    char header[256] = "&L";
    append_header_text(header, sizeof header, municipality);
    strcat(header, "&C");
    append_header_text(header, 230, title);
    strcat(header, "&R");
    append_header_text(header, sizeof header, month_name);
    kpi_xlsx_look_check(o, worksheet_set_header(ws, header));
    kpi_xlsx_look_check(o, worksheet_set_footer(ws, "&CSide &P af &N"));
}

/* The printable width of an A4 page less the margins of
 * kpi_xlsx_look_print_setup (0.5 inch left and right), in points:
 * 210 and 297 mm are 595.3 and 841.9 pt. */
#define PORTRAIT_POINTS (595.3 - 72.0)
#define LANDSCAPE_POINTS (841.9 - 72.0)
/* The smallest scale a sheet is printed at: its 11 pt text then prints
 * at 8.25 pt, above the 8 pt floor of issue 14. Fit to one page wide is
 * a scale LibreOffice and Excel compute from the content's width; a
 * sheet twice as wide as the page would print at 5 pt. */
#define MIN_PRINT_SCALE 0.75

double kpi_xlsx_look_sheet_points(const lxw_worksheet *ws)
{
    /* A column of width w (characters of the default font) is 7w + 5
     * pixels, 0.75 points a pixel, in Excel with Calibri. LibreOffice
     * without Carlito prints Calibri as DejaVu Sans and makes the same
     * column a third wider (measured: 7.0 points a character). The scale
     * is reckoned for the wider, so that it holds in both. col_options holds the
     * widths set with worksheet_set_column, at their first column
     * (public, as data_validations is); other columns have the default
     * 8.43. */
    if (ws->dim_colmin == LXW_COL_MAX)
        return 0; /* no cell written */
    double points = 0;
    for (lxw_col_t c = 0; c <= ws->dim_colmax; c++) {
        double w = LXW_DEF_COL_WIDTH;
        for (lxw_col_t f = 0; f <= c && f < ws->col_options_max; f++) {
            const lxw_col_options *o = ws->col_options[f];
            if (o && o->firstcol <= c && c <= o->lastcol)
                w = o->hidden ? 0 : o->width;
        }
        if (w > 0)
            points += w * 7 + 5;
    }
    return points;
}

void kpi_xlsx_look_print_fit(lxw_worksheet *ws, double points,
                             look_outcome *o)
{
    double sheet = kpi_xlsx_look_sheet_points(ws);
    if (sheet > points)
        points = sheet;
    /* Fit to width only where the content is wider than the page:
     * LibreOffice also enlarges a narrower sheet to the page's width
     * (measured: 110 %), which costs pages; Excel only reduces. */
    if (points <= PORTRAIT_POINTS) {
        worksheet_set_portrait(ws);
        worksheet_set_print_scale(ws, 100);
    } else if (points * MIN_PRINT_SCALE <= PORTRAIT_POINTS) {
        /* Portrait wherever it is legible: at a scale s a page holds
         * 734/s points of rows in portrait against 487/s' in landscape
         * (s' = min(1, 770/width)), so portrait prints fewer pages for
         * every width up to its 75 %. */
        worksheet_set_portrait(ws);
        worksheet_fit_to_pages(ws, 1, 0);
    } else if (points <= LANDSCAPE_POINTS) {
        worksheet_set_landscape(ws);
        worksheet_set_print_scale(ws, 100);
    } else if (points * MIN_PRINT_SCALE <= LANDSCAPE_POINTS) {
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
    } else {
        /* Wider than a landscape page at the smallest legible scale: a
         * second page across rather than a smaller font (the map's
         * matrix, the disposition table, the packs' economy tables;
         * tests/e2e/print_pages.sh checks the size). */
        worksheet_set_landscape(ws);
        worksheet_set_print_scale(ws, (uint16_t)(MIN_PRINT_SCALE * 100));
        /* The pages across follow one another, each with the rows'
         * labels (column A): the right half of a table next to its left
         * half in the pile, readable without the other sheet. */
        worksheet_print_across(ws);
        kpi_xlsx_look_check(o, worksheet_repeat_columns(ws, 0, 0));
    }
}

/* The printable height of an A4 page within kpi_xlsx_look_print_setup's
 * margins, header and footer (about an inch each way), in points. */
#define PORTRAIT_HEIGHT (841.9 - 144.0)
#define LANDSCAPE_HEIGHT (595.3 - 144.0)

bool kpi_xlsx_look_print_one_page(lxw_worksheet *ws, double height)
{
    double width = kpi_xlsx_look_sheet_points(ws);
    if (width <= 0 || height <= 0)
        return false;
    double portrait = fmin(1, fmin(PORTRAIT_POINTS / width,
                                   PORTRAIT_HEIGHT / height));
    double landscape = fmin(1, fmin(LANDSCAPE_POINTS / width,
                                    LANDSCAPE_HEIGHT / height));
    if (fmax(portrait, landscape) < MIN_PRINT_SCALE)
        return false;
    if (portrait >= landscape)
        worksheet_set_portrait(ws);
    else
        worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 1);
    return true;
}

void kpi_xlsx_look_no_print(lxw_worksheet *ws, lxw_row_t empty_row,
                            look_outcome *o)
{
    /* An .xlsx sheet has no "do not print" flag. A hidden sheet prints
     * nowhere but is out of sight; a print area of one empty cell keeps
     * the sheet in view and usable (pivot tables, filters) while
     * LibreOffice's print and PDF export leave it out as an empty page
     * (tested; docs/DECISIONS.md, packs-print). */
    worksheet_set_portrait(ws);
    kpi_xlsx_look_check(
        o, worksheet_print_area(ws, empty_row, 0, empty_row, 0));
}

void kpi_xlsx_look_properties(lxw_workbook *wb, const char *title,
                              const char *subject, const char *company,
                              const char *keywords, kpi_month month,
                              look_outcome *o)
{
    /* libxlsxwriter's fields are not const; it only reads them. */
    lxw_doc_properties p = {0};
    p.title = (char *)title;
    p.subject = (char *)subject;
    p.author = "kpi";
    p.company = (char *)company;
    p.category = "Ledelsesinformation";
    p.keywords = (char *)keywords;
    p.comments = "Dannet af kpi " KPI_VERSION;
    /* The report month's last day, 00:00 UTC: a day number times the
     * seconds of a day, with no clock and no time zone read. */
    p.created = (time_t)kpi_month_last_day(month) * 86400;
    kpi_xlsx_look_check(o, workbook_set_properties(wb, &p));
}

double kpi_xlsx_look_row_number(const kpi_row *r)
{
    return r->kind == KPI_VALUE_MONEY   ? (double)r->integer / 100.0
           : r->kind == KPI_VALUE_COUNT ? (double)r->integer
                                        : r->real;
}

lxw_error kpi_xlsx_look_list_validation(lxw_worksheet *ws, lxw_row_t first_row,
                                        lxw_col_t first_col, lxw_row_t last_row,
                                        lxw_col_t last_col,
                                        const lxw_data_validation *dv)
{
    /* libxlsxwriter 1.1.4 copies the formula of every formula type, then
     * that of a LIST_FORMULA once more over the first copy, which is
     * lost. A CUSTOM_FORMULA validation is copied as a LIST_FORMULA one
     * is (a formula, no criteria), but once (checked in 1.1.4's code and
     * in the current one); its stored copy retyped to LIST_FORMULA is
     * written as type="list" with the range, the bytes a LIST_FORMULA
     * gives, and freed with the worksheet. The stored copies are the
     * worksheet's public data_validations list. */
    lxw_data_validation v = *dv;
    v.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    lxw_error err = worksheet_data_validation_range(ws, first_row, first_col,
                                                    last_row, last_col, &v);
    if (err != LXW_NO_ERROR)
        return err;
    lxw_data_val_obj *last = NULL, *it;
    STAILQ_FOREACH(it, ws->data_validations, list_pointers)
        last = it;
    if (!last || last->validate != LXW_VALIDATION_TYPE_CUSTOM_FORMULA)
        return LXW_ERROR_PARAMETER_VALIDATION;
    last->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    return LXW_NO_ERROR;
}
