/* cells.h - the cells of a test sheet, written with libxlsxwriter (an
 * independent writer) by the reader tests that build their workbooks
 * cell by cell (test_budget_read, test_map_read). */
#ifndef KPI_TEST_CELLS_H
#define KPI_TEST_CELLS_H

#include <stddef.h>
#include <xlsxwriter.h>

/* A cell: text, or a number when text is NULL. */
typedef struct test_cell {
    int row, col; /* 0-based, as libxlsxwriter counts */
    const char *text;
    double number;
} test_cell;

/* Writes the n cells into ws. */
void test_cells_write(lxw_worksheet *ws, const test_cell *cells, size_t n);

#endif
