/*
 * render.h - the renderer's state, shared by render.c (workbook, sheets,
 * formats, charts, Data sheet), rowindex.c (finding kpi's rows) and
 * table.c (the tables).
 */
#ifndef KPI_XLSX_RENDER_H
#define KPI_XLSX_RENDER_H

#include "book.h"
#include "look.h"

#include <xlsxwriter.h>

#define BOOK_MAX_COLS 64

/* A row given a height of its own (a table's header). */
typedef struct row_height {
    int row;
    double points;
} row_height;

/* One sheet being written: where the next table goes, the widest
 * content of each column, and what the first table fixed. */
typedef struct sheet_state {
    lxw_worksheet *ws;
    const book_sheet *decl;
    int next_row;
    double extra_points; /* rows made higher than 15 points, the excess */
    double widths[BOOK_MAX_COLS];
    int first_header_row; /* -1 until the first table's header is written */
    bool has_filter;
    int chart_row; /* the first row below the charts placed so far */
    int n_tables;  /* tables written on the sheet */
    double chart_points; /* the right edge of its charts, in points */
    /* The rows that begin a printed page (page_break), ascending, 0 at
     * the end as libxlsxwriter wants them. */
    lxw_row_t breaks[BOOK_MAX_BREAKS + 1];
    int n_breaks;
    /* Rows given a height of their own, so that a chart on a streamed
     * sheet can be placed as on one built in memory. */
    row_height *heights;
    size_t n_heights, cap_heights;
    unsigned marks; /* bit i: the template's legend[i] mark was written */
} sheet_state;

/* Where a months table landed, for its charts. */
typedef struct placed_table {
    const book_table *table;
    size_t sheet;
    int header_row, first_row, last_row; /* data rows, inclusive */
    int below_row; /* the first row kept free under it for its charts
                      (place = below) that are not yet placed */
    int col_of[BOOK_MAX_COLS];           /* the sheet column of each column */
} placed_table;

typedef struct row_key {
    char *key; /* "kpi_id\x1fperiod\x1fbreakdown\x1fstat" */
    const kpi_row *row;
} row_key;

/* The comparison's record being written (rows = sources, gaps; table.c),
 * with the texts its fields make. */
typedef struct cmp_record {
    kpi_comparison_source_info src;
    kpi_comparison_gap_info gap;
    char text[256];
} cmp_record;

typedef struct render {
    const kpi_book_template *t;
    const kpi_book_input *in;
    lxw_workbook *wb;
    look_outcome res; /* the first failure; KPI_OK while all goes well */

    lxw_format *cell[FMT_COUNT_OF];
    lxw_format *subtotal[FMT_COUNT_OF];
    lxw_format *total[FMT_COUNT_OF];
    lxw_format *title, *subheading, *table_title, *header, *header_num, *note;
    lxw_format *label, *label_subtotal, *label_total;
    /* The label of a comparison's gap or file: at the top of a row its wrapped
     * cells make taller, beside their first line (made with the first
     * gaps table: other workbooks keep their styles). */
    lxw_format *label_top;
    lxw_format *status_red, *status_yellow, *status_green;
    lxw_format *mask_cell, *mask_subtotal, *mask_total; /* "<5" */
    /* A change with its sign ("+4", "-1,2%"), made when the Overblik
     * first needs one (overblik.c), so workbooks without leave their
     * styles as they were. */
    lxw_format *change[FMT_COUNT_OF];
    /* Amounts shown in thousands of kroner ("188.207"), made when
     * "Prognosens udvikling" first needs them (trajectory.c): plain,
     * bold (a category) and bold with a rule (the total). */
    lxw_format *thousands[3];

    row_key *index; /* every visible row, sorted by key */
    size_t n_index;

    sheet_state *sheets;
    placed_table *placed;
    size_t n_placed;

    /* The render's own placeholders (render.c); the period ones are
     * kpi_period_expand's. month_name ("oktober 2026") also heads the
     * printed pages. */
    char month_name[64];
    const char *municipality;
    /* {reimbursement_note}: why the BL § 198 estimate uses another year's
     * thresholds, "" when the report year has its own (render.c). */
    char reimbursement_note[512];
    /* The row being written in a months table. */
    char row_month[16], row_month_end[16];
    /* The same month a year earlier ({row_month_last_year},
     * {row_month_end_last_year}): last year beside the month. */
    char row_month_ly[16], row_month_end_ly[16];
    /* {quarter_name}: "3. kvartal 2026", the quarter the report month is
     * in (the quarterly overview). */
    char quarter_name[32];
    cmp_record cmp; /* rows = sources, gaps: the record at hand */
    /* {compare_year}, {compare_year_1} ... {compare_year_4}: the newest
     * year of the comparison's rows and the four before (its window,
     * docs/COMPARE.md); "" without a comparison. */
    char compare_year[5][12];
} render;

/* pattern (NULL: "") with its placeholders filled in (kpi_period_expand
 * and the render's own), in a new string the caller frees; NULL (and
 * r->status set) when out of memory. */
char *kpi_xlsx_render_expand(render *r, const char *pattern);

/* rowindex.c */
kpi_status kpi_xlsx_rowindex_build(render *r);
void kpi_xlsx_rowindex_free(render *r);
/* The visible row kpi_id/period/breakdown/stat, or NULL. */
const kpi_row *kpi_xlsx_rowindex_find(const render *r, const char *kpi_id,
                                      const char *period, const char *breakdown,
                                      const char *stat);

/* true when some row kpi_id is visible (the figure is in the pack). */
bool kpi_xlsx_rowindex_has_figure(const render *r, const char *kpi_id);

/* table.c */
void kpi_xlsx_table_write(render *r, const book_table *tb, size_t sheet);
/* Would the table show any visible row of kpi's (a breakdown member, an
 * item of a visible figure, a month with a value, a disposition)? The
 * packs (drop_empty) leave it out when not. */
bool kpi_xlsx_table_has_rows(render *r, const book_table *tb);

/* Writes kpi's row kr (NULL: not available) at row, col of sheet s as a
 * table's cell: a number in format f, a status word, the mask or the
 * not-available mark. true when a number was written. */
bool kpi_xlsx_table_value(render *r, size_t s, int row, int col,
                          const kpi_row *kr, book_format f);

/* overblik.c: the tables of rows = headlines, red_lights and note. */
/* The change now - last year in (row, col) of sheet s: a formula over
 * the cells (row, now_col) - (row, last_col) with kpi's difference stored
 * (a number without formula when a column is -1); `..` beside a masked
 * end (value = last year + change would give it away), else `.` where
 * either end is not a number. Also the items tables' change (table.c). */
void kpi_xlsx_overblik_change(render *r, size_t s, int row, int col,
                              int now_col, int last_col, const kpi_row *now,
                              const kpi_row *last, book_format f);
bool kpi_xlsx_overblik_has_rows(const render *r, const book_table *tb);
/* Writes the rows of such a table from *row on (advanced past them),
 * under the header of cols (ncols visible columns). */
void kpi_xlsx_overblik_write(render *r, const book_table *tb, size_t s,
                             const book_column *const *cols, int ncols,
                             int *row);

/* trajectory.c: the tables of rows = trajectory and trajectory_types,
 * "Prognosens udvikling". */
bool kpi_xlsx_trajectory_has_rows(render *r, const book_table *tb);
/* Writes the table's header and rows from *row on (advanced past them),
 * and, for rows = trajectory, its chart beside it. */
void kpi_xlsx_trajectory_write(render *r, const book_table *tb, size_t s,
                               int *row);

/* The height in pixels to give a chart of `pixels` from `row` down on a
 * streamed sheet, so that it ends where it would in memory (render.c). */
double kpi_xlsx_render_streamed_pixels(const sheet_state *ss, int row,
                                       double pixels);
/* A chart's axis numbers, axis name and legend at the cells' 11 pt. */
void kpi_xlsx_render_chart_fonts(lxw_chart *chart);

/* Records an lxw_error as the render's outcome (the first one wins). */
void kpi_xlsx_render_check(render *r, lxw_error err);
/* Writes a row label into column A of sheet `sheet` at row: a label of
 * more than 38 characters wraps (the label formats wrap) in a row made
 * as high as its lines, and the column is fitted to at most 38. */
void kpi_xlsx_render_label(render *r, size_t sheet, int row, const char *text,
                           lxw_format *fmt);

/* v as Danish text ("1.234,5"), rounded half away from zero to `decimals`
 * places; trim drops a decimal part of zeros ("860.000", not
 * "860.000,00"). The notes' and the Overblik's numbers. */
void kpi_xlsx_danish_number(double v, int decimals, bool trim, char *buf,
                            size_t size);

/* Writes text in column A from sheet row `row` on, broken at spaces into
 * lines of at most 80 characters, a row each; returns the rows used. */
int kpi_xlsx_render_lines(render *r, lxw_worksheet *ws, int row,
                          const char *text, lxw_format *f);
/* Gives row `row` of sheet s a height of `points`. */
void kpi_xlsx_render_set_row(render *r, size_t s, int row, double points);
/* Widens column col of sheet s to hold text of this display width. */
void kpi_xlsx_render_fit(render *r, size_t s, int col, double width);
/* Sheet s shows text in place of a value: remember it for the legend. */
void kpi_xlsx_render_mark(render *r, size_t s, const char *text);
/* The display width of UTF-8 text (code points). */
double kpi_xlsx_text_width(const char *s);
/* The display width of a number in a format. */
double kpi_xlsx_number_width(double v, book_format f);

#endif
