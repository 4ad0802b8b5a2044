/* datasheet.c - the long-form Data sheet (datasheet.h). */
#include "datasheet.h"

#include "look.h"
#include "render.h"

#include <math.h>
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

void kpi_xlsx_book_data_sheet_write(lxw_worksheet *ws, const kpi_book_input *in,
                                    lxw_format *header, look_outcome *o)
{
    static const char *const heads[5] = {"kpi_id", "period", "breakdown",
                                         "stat", "value"};
    size_t n = kpi_figures_row_count(in->figures), rows = 1;
    for (size_t i = 0; i < n; i++)
        rows += !in->row_visible ||
                in->row_visible(kpi_figures_row(in->figures, i), in->hook_ctx);
    if (!kpi_xlsx_look_rows_fit(&in->limits, rows, o))
        return;
    double widths[5];
    for (int c = 0; c < 5; c++) {
        kpi_xlsx_look_check(
            o, worksheet_write_string(ws, 0, (lxw_col_t)c, heads[c], header));
        widths[c] = kpi_xlsx_text_width(heads[c]);
    }
    lxw_row_t row = 1;
    char bd[512];
    for (size_t i = 0; i < n && o->status == KPI_OK; i++) {
        const kpi_row *kr = kpi_figures_row(in->figures, i);
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
        row++;
    }
    widths[4] = 14;
    for (int c = 0; c < 5; c++)
        kpi_xlsx_look_check(
            o, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                    fmin(widths[c] + 2, 60), NULL));
    worksheet_freeze_panes(ws, 1, 0);
    kpi_xlsx_look_check(
        o, worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, 4));
    kpi_xlsx_look_check(o, worksheet_repeat_rows(ws, 0, 0));
}
