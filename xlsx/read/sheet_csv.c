/* sheet_csv.c - a CSV file as a book of one sheet, read by libkpi's own
 * CSV reader (SPEC §3.1: separators, encodings, quoting, CPR check), so
 * budget.csv obeys the same rules as every other input file. Every field
 * is text; the caller parses numbers as the CSV rules say (decimal comma,
 * thousands dots). */
#include "sheet_internal.h"


typedef struct csv_ctx {
    kpi_sheets *book;
    kpi_sheet_build *sheet;
} csv_ctx;

static kpi_status on_record(void *ctx, unsigned long line,
                            const kpi_csv_field *fields, size_t n)
{
    csv_ctx *c = ctx;
    if (line > KPI_SHEETS_MAX_ROW)
        return KPI_ERR_INPUT;
    for (size_t i = 0; i < n && i < KPI_SHEETS_MAX_COL; i++) {
        if (fields[i].len == 0)
            continue;
        kpi_cell cell;
        memset(&cell, 0, sizeof cell);
        cell.row = (uint32_t)line;
        cell.col = (uint32_t)i + 1;
        cell.type = KPI_CELL_TEXT;
        kpi_status st = kpi_sheets_add_cell(c->book, c->sheet, &cell,
                                            fields[i].s, fields[i].len);
        if (st != KPI_OK)
            return st == KPI_ERR_NOMEM ? st : KPI_ERR_INPUT;
    }
    return KPI_OK;
}

kpi_status kpi_sheets_read_csv(kpi_sheets *b, const char *data, size_t len,
                               const char *label, kpi_diagnostics *diags)
{
    csv_ctx c = {b, kpi_sheets_add_sheet(b, "", 0)};
    if (!c.sheet)
        return KPI_ERR_NOMEM;
    kpi_csv_options o;
    memset(&o, 0, sizeof o);
    o.alloc = b->alloc;
    o.label = label;
    o.diags = diags;
    o.header = on_record;
    o.row = on_record;
    o.ctx = &c;
    return kpi_csv_read_buffer(&o, data, len);
}
