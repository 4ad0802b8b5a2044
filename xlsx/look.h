/*
 * look.h - what every workbook kpi writes shares, whether rendered from a
 * template (render.c, table.c) or laid out in code (mapbook.c,
 * datasheet.c): the styles of headings and statuses, the print set-up,
 * the document properties, the status colouring, and the error mapping.
 * One place, so the workbooks keep looking alike.
 */
#ifndef KPI_XLSX_LOOK_H
#define KPI_XLSX_LOOK_H

#include "kpi.h"
#include "kpi/xlsx.h"

#include <stddef.h>
#include <xlsxwriter.h>

/* Is a workbook with `rows` rows of figures and dispositions streamed
 * (libxlsxwriter's constant_memory) under limits l? */
bool kpi_xlsx_look_streamed(const kpi_book_limits *l, size_t rows);

/* How writing a workbook goes; each writer (render.c with table.c,
 * mapbook.c) keeps one, and the functions here record into it. The first
 * failure wins: nothing changes once status is not KPI_OK. Its words name
 * the sheet, so that the report can say which one libxlsxwriter refused
 * ("sheet 'Data': Worksheet row or column index out of range."). */
typedef struct look_outcome {
    kpi_status status; /* KPI_OK while all goes well */
    const char *sheet; /* the sheet being written; NULL for the workbook */
    char words[320];   /* the failure in words; "" when kpi_strerror's */
} look_outcome;

/* Records libxlsxwriter's err (nothing for LXW_NO_ERROR) in its own words
 * (lxw_strerror) after the sheet's name: KPI_ERR_NOMEM for a failed
 * allocation, KPI_ERR_IO for the file, its temporary files and the zip,
 * KPI_ERR_RANGE for anything else (a value or place the format does not
 * take). */
void kpi_xlsx_look_check(look_outcome *o, lxw_error err);

/* Records a failure of kpi's own with words from fmt (printf), after the
 * sheet's name. */
void kpi_xlsx_look_fail(look_outcome *o, kpi_status status, const char *fmt,
                        ...) KPI_PRINTF(3, 4);

/* o's failure in words into err (err_size bytes with the NUL, truncated;
 * nothing when err is NULL or err_size 0): the words recorded, else
 * kpi_strerror(o->status); "" on success. Returns o->status. */
kpi_status kpi_xlsx_look_result(const look_outcome *o, char *err,
                                size_t err_size);

/* Can o's sheet have `rows` rows under limits l? When not, the failure
 * (KPI_ERR_RANGE) is recorded in o in words that say how many rows the
 * sheet needs, how many it may have and what to do; false. */
bool kpi_xlsx_look_rows_fit(const kpi_book_limits *l, size_t rows,
                            look_outcome *o);

/* Adds the sheet `name` to wb and makes it o's sheet being written. NULL
 * (and the failure in o) when libxlsxwriter refuses the name or cannot
 * make the sheet, or when o has failed before. */
lxw_worksheet *kpi_xlsx_look_add_sheet(lxw_workbook *wb, const char *name,
                                       look_outcome *o);

/* Closes wb, which frees it also after a failure; a failure to write the
 * file is recorded in o (for the workbook, not a sheet). */
void kpi_xlsx_look_close(lxw_workbook *wb, look_outcome *o);

/* The traffic lights, in the order of kpi's status codes. */
typedef enum look_status {
    LOOK_GREEN = 0,
    LOOK_YELLOW,
    LOOK_RED,
    LOOK_STATUS_COUNT
} look_status;

/* Fill and font colour of a status cell: the ones Excel and LibreOffice
 * use for their own "light red fill with dark red text" styles. */
void kpi_xlsx_look_status_colours(lxw_format *f, look_status s);

/* Conditional formats colouring column col, rows first..last (nothing
 * when last < first), by the status word in the cell: words[s] gets
 * fmts[s]. Added red first, then yellow, then green. */
void kpi_xlsx_look_status_rules(lxw_worksheet *ws, int first, int last, int col,
                                const char *const words[LOOK_STATUS_COUNT],
                                lxw_format *const fmts[LOOK_STATUS_COUNT],
                                look_outcome *o);

/* A table's heading cell: bold, wrapped, top-aligned on a light blue
 * fill with a line under it. */
void kpi_xlsx_look_header_style(lxw_format *f);
/* A sheet's title (bold, 14 pt) and the grey line under it. */
void kpi_xlsx_look_title_style(lxw_format *f);
void kpi_xlsx_look_subtitle_style(lxw_format *f);

/* A4, the municipality, title and month in the page header ('&'
 * escaped) and "Side N af M" in the footer. The orientation and scale
 * are kpi_xlsx_look_print_fit's, once the sheet is written. */
void kpi_xlsx_look_print_setup(lxw_worksheet *ws, const char *municipality,
                               const char *title, const char *month_name,
                               look_outcome *o);
/* The width in points of the sheet's columns up to the last one with a
 * cell, as set so far. */
double kpi_xlsx_look_sheet_points(const lxw_worksheet *ws);

/* Sets ws to print on one page, in the orientation that prints it larger,
 * when that is at MIN_PRINT_SCALE (8 pt) or more for a sheet `height`
 * points high; true when it did. Call after kpi_xlsx_look_print_fit. */
bool kpi_xlsx_look_print_one_page(lxw_worksheet *ws, double height);
/* Orientation and scale for a sheet whose content (its columns, or
 * `points` if wider: a chart) is that wide: portrait fitted to one page
 * wide when that keeps 11 pt text at 8.25 pt or more (the fewest
 * pages), else landscape fitted likewise, else landscape at 75 % over
 * more pages across, printed across first with column A on each. Call
 * after the columns are set. */
void kpi_xlsx_look_print_fit(lxw_worksheet *ws, double points,
                             look_outcome *o);
/* The sheet prints nothing: its print area is the one empty cell of
 * column A in row empty_row (0-based), below everything written, so that
 * no text runs over it. */
void kpi_xlsx_look_no_print(lxw_worksheet *ws, lxw_row_t empty_row,
                            look_outcome *o);

/* The document properties; the creation time is the report month's last
 * day, 00:00 UTC, so the same input gives the same bytes. */
void kpi_xlsx_look_properties(lxw_workbook *wb, const char *title,
                              const char *subject, const char *company,
                              const char *keywords, kpi_month month,
                              look_outcome *o);

/* A row's value as a number: kroner for money. */
double kpi_xlsx_look_row_number(const kpi_row *r);

/* A list validation whose values are a range (dv->value_formula, e.g.
 * "=Lister!$A$2:$A$5"; dv->validate is ignored) on rows first_row..
 * last_row of columns first_col..last_col. libxlsxwriter 1.1.4 copies
 * the formula of a LIST_FORMULA validation twice and frees one copy
 * (a leak per call); this adds it without the leak. */
lxw_error kpi_xlsx_look_list_validation(lxw_worksheet *ws, lxw_row_t first_row,
                                        lxw_col_t first_col, lxw_row_t last_row,
                                        lxw_col_t last_col,
                                        const lxw_data_validation *dv);

#endif
