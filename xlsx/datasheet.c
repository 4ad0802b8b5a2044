/* datasheet.c - the long-form Data sheet (datasheet.h). */
#include "datasheet.h"

#include "look.h"
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A row's value as the Data sheet holds it: kroner for money, the mask
 * text for a masked row. */
static void write_value(lxw_worksheet *ws, lxw_row_t row,
                        const kpi_book_input *in, const kpi_row *kr,
                        look_outcome *o)
{
    const char *mask = in->row_mask ? in->row_mask(kr, in->hook_ctx) : NULL;
    if (mask || kr->kind == KPI_VALUE_TEXT) {
        const char *t = mask ? mask : kr->text ? kr->text : "";
        kpi_xlsx_look_check(o, worksheet_write_string(ws, row, 4, t, NULL));
        return;
    }
    kpi_xlsx_look_check(o, worksheet_write_number(
                               ws, row, 4, kpi_xlsx_look_row_number(kr), NULL));
}

/* The legend lines (book.h) of the marks the visible rows are shown
 * with: bit i for t->legend[i]. */
static unsigned marks_used(const kpi_book_input *in,
                           const kpi_book_template *t)
{
    unsigned used = 0;
    size_t n = kpi_xlsx_input_row_count(in);
    for (size_t i = 0; t && in->row_mask && i < n; i++) {
        const kpi_row *kr = kpi_xlsx_input_row(in, i);
        if (in->row_visible && !in->row_visible(kr, in->hook_ctx))
            continue;
        const char *mask = in->row_mask(kr, in->hook_ctx);
        for (size_t k = 0; mask && k < t->n_legend; k++)
            if (!strcmp(t->legend[k].mark, mask))
                used |= 1u << k;
    }
    return used;
}

/* Column G of the Data sheet's row `row`: "Tegnforklaring" on the
 * heading row, then the used legend lines one a row. */
static void write_legend_cell(lxw_worksheet *ws, lxw_row_t row,
                              const kpi_book_template *t, unsigned used,
                              look_outcome *o)
{
    if (!used)
        return;
    if (row == 0) {
        kpi_xlsx_look_check(
            o, worksheet_write_string(ws, 0, 6, "Tegnforklaring", NULL));
        return;
    }
    for (size_t k = 0, line = 0; k < t->n_legend; k++) {
        if (!(used & (1u << k)) || ++line != row)
            continue;
        char text[256];
        snprintf(text, sizeof text, "%s: %s", t->legend[k].mark,
                 t->legend[k].text);
        kpi_xlsx_look_check(o, worksheet_write_string(ws, row, 6, text,
                                                           NULL));
    }
}

void kpi_xlsx_book_data_sheet_write(lxw_worksheet *ws, const kpi_book_input *in,
                                    const kpi_book_template *t,
                                    lxw_format *header, look_outcome *o)
{
    /* Written row by row (constant_memory): the legend's lines are known
     * before the first. */
    unsigned used = marks_used(in, t);
    size_t legend_rows = 0;
    for (size_t k = 0; t && k < t->n_legend; k++)
        legend_rows += (used >> k) & 1u;
    static const char *const heads[5] = {"kpi_id", "period", "breakdown",
                                         "stat", "value"};
    size_t n = kpi_xlsx_input_row_count(in), rows = 1;
    for (size_t i = 0; i < n; i++)
        rows += !in->row_visible ||
                in->row_visible(kpi_xlsx_input_row(in, i), in->hook_ctx);
    if (rows < legend_rows + 1)
        rows = legend_rows + 1;
    if (!kpi_xlsx_look_rows_fit(&in->limits, rows, o))
        return;
    double widths[5];
    for (int c = 0; c < 5; c++) {
        kpi_xlsx_look_check(
            o, worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], header));
        widths[c] = kpi_xlsx_text_width(heads[c]);
    }
    write_legend_cell(ws, 0, t, used, o);
    lxw_row_t row = 1;
    char bd[512];
    for (size_t i = 0; i < n && o->status == KPI_OK; i++) {
        const kpi_row *kr = kpi_xlsx_input_row(in, i);
        if (in->row_visible && !in->row_visible(kr, in->hook_ctx))
            continue;
        kpi_row_format_breakdown(kr, bd, sizeof bd);
        const char *cells[4] = {kr->kpi_id, kr->period, bd, kr->stat};
        for (int c = 0; c < 4; c++) {
            kpi_xlsx_look_check(o, worksheet_write_string(ws, row, (lxw_col_t)c,
                                                          cells[c], NULL));
            widths[c] = fmax(widths[c], kpi_xlsx_text_width(cells[c]));
        }
        write_value(ws, row, in, kr, o);
        if (row <= legend_rows)
            write_legend_cell(ws, row, t, used, o);
        row++;
    }
    /* Fewer rows than legend lines. */
    for (lxw_row_t extra = row; extra <= legend_rows && o->status == KPI_OK;
         extra++)
        write_legend_cell(ws, extra, t, used, o);
    widths[4] = 14;
    for (int c = 0; c < 5; c++)
        kpi_xlsx_look_check(
            o, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                    fmin(widths[c] + 2, 60), NULL));
    worksheet_freeze_panes(ws, 1, 0);
    kpi_xlsx_look_check(
        o, worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, 4));
    /* For pivot tables and filters, not for paper: 43-64 % of a printed
     * pack was this sheet (issue 14). The empty cell is column A's below
     * the rows and the legend: a cell right of the legend (H1) printed
     * the tail of "Tegnforklaring" running over it, a page of its own. */
    lxw_row_t below = row > legend_rows ? row : (lxw_row_t)legend_rows + 1;
    kpi_xlsx_look_no_print(
        ws, below + 1 < LXW_ROW_MAX ? below + 1 : LXW_ROW_MAX - 1, o);
}
