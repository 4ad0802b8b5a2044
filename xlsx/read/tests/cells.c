/* cells.c - see cells.h. */
#include "cells.h"

void test_cells_write(lxw_worksheet *ws, const test_cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cells[i].text)
            worksheet_write_string(ws, (lxw_row_t)cells[i].row,
                                   (lxw_col_t)cells[i].col, cells[i].text,
                                   NULL);
        else
            worksheet_write_number(ws, (lxw_row_t)cells[i].row,
                                   (lxw_col_t)cells[i].col, cells[i].number,
                                   NULL);
    }
}
