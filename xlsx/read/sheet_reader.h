/*
 * sheet_reader.h - reading spreadsheets back: one interface over .xlsx
 * (minizip + expat), .xls (freexl) and .csv (libkpi's CSV reader).
 *
 * A workbook is read whole into memory as a list of sheets, each a list
 * of the cells that hold something, in row order, then column order. The
 * budget (SPEC §3.9) and the edited recipient map are small, so this is
 * simpler than streaming and lets a caller look at any cell.
 *
 * Rows and columns are 1-based, as a person reading the sheet names them
 * (row 7, column C = 3). For a CSV file the row is the physical line.
 *
 * Formulas: an .xlsx keeps the result of each formula next to it and that
 * result is what a cell gives. freexl 1.0.6 cannot read the results kept
 * in an .xls: when a book holds formula cells, the .xls is converted to
 * .xlsx with LibreOffice headless (when soffice can be found) and that is
 * read instead; otherwise such cells come back as KPI_CELL_FORMULA, never
 * as a number, and the caller names them in its error.
 *
 * Example:
 *
 *     kpi_sheets *book = NULL;
 *     if (kpi_sheets_open("budget.xlsx", NULL, &book, diags) == KPI_OK) {
 *         for (size_t s = 0; s < kpi_sheets_count(book); s++) {
 *             const kpi_sheet *sh = kpi_sheets_get(book, s);
 *             for (size_t i = 0; i < sh->n_cells; i++)
 *                 use(sh->name, &sh->cells[i]);
 *         }
 *     }
 *     kpi_sheets_free(book);
 */
#ifndef KPI_SHEET_READER_H
#define KPI_SHEET_READER_H

#include "kpi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The one place to switch .xlsx reading to FreeXL >= 2 (freexl_open_xlsx)
 * on a platform that has it: define KPI_HAVE_FREEXL2 (the CMake option
 * KPI_FREEXL2 does) and sheet_xls.c reads .xlsx through freexl too. The
 * minizip + expat reader stays for platforms with FreeXL 1.x (Debian 12). */
/* #define KPI_HAVE_FREEXL2 1 */

typedef enum kpi_cell_type {
    KPI_CELL_EMPTY = 0,   /* never stored; what kpi_sheet_find gives for none */
    KPI_CELL_NUMBER = 1,  /* number */
    KPI_CELL_TEXT = 2,    /* text (UTF-8) */
    KPI_CELL_BOOL = 3,    /* number is 0 or 1 */
    KPI_CELL_DATE = 4,    /* date in `date`; number holds the serial when known */
    KPI_CELL_FORMULA = 5, /* a formula whose result cannot be read */
    KPI_CELL_ERROR = 6,   /* an error value such as #DIV/0! in text */
} kpi_cell_type;

typedef struct kpi_cell {
    uint32_t row; /* 1-based */
    uint32_t col; /* 1-based: A = 1 */
    kpi_cell_type type;
    bool formula;     /* the cell holds a formula (its result is the value) */
    double number;    /* NUMBER, BOOL, DATE (serial) */
    kpi_date date;    /* DATE; KPI_DATE_NONE otherwise */
    const char *text; /* TEXT, ERROR; "" otherwise; never NULL */
    size_t len;       /* strlen(text) */
} kpi_cell;

typedef struct kpi_sheet {
    const char *name; /* UTF-8, as the workbook spells it */
    const kpi_cell *cells;
    size_t n_cells;
} kpi_sheet;

typedef enum kpi_sheets_format {
    KPI_SHEETS_AUTO = 0, /* from the first bytes: zip, OLE2, else CSV */
    KPI_SHEETS_XLSX = 1,
    KPI_SHEETS_XLS = 2,
    KPI_SHEETS_CSV = 3,
} kpi_sheets_format;

typedef struct kpi_sheets_options {
    const kpi_allocator *allocator; /* NULL: malloc */
    const char *label;   /* the file name in messages; NULL: the path */
    kpi_sheets_format format;
    /* The LibreOffice program used to convert an .xls holding formulas.
     * NULL: look for "soffice" on PATH; "": never convert. */
    const char *soffice;
    int soffice_timeout; /* seconds; 0: 120 */
} kpi_sheets_options;

typedef struct kpi_sheets kpi_sheets;

/* Reads the workbook at path. Problems (not a workbook, a damaged file, a
 * password) go to diags as "LABEL: message" with a hint for the person who
 * saved the file. Returns KPI_OK, KPI_ERR_INPUT (reported), KPI_ERR_IO
 * (cannot read: reported), KPI_ERR_NOMEM. On success *out owns the book:
 * kpi_sheets_free(). */
kpi_status kpi_sheets_open(const char *path, const kpi_sheets_options *o,
                           kpi_sheets **out, kpi_diagnostics *diags);

/* The same over bytes in memory (the fuzz targets use it). An .xls is
 * written to a temporary file first, since freexl reads paths only. */
kpi_status kpi_sheets_open_buffer(const void *data, size_t len,
                                  const kpi_sheets_options *o,
                                  kpi_sheets **out, kpi_diagnostics *diags);

void kpi_sheets_free(kpi_sheets *book);

size_t kpi_sheets_count(const kpi_sheets *book);
/* The i-th sheet in workbook order; owned by book. NULL past the end. */
const kpi_sheet *kpi_sheets_get(const kpi_sheets *book, size_t i);
/* The format actually read (an .xls converted by LibreOffice says XLSX). */
kpi_sheets_format kpi_sheets_format_of(const kpi_sheets *book);
/* true when an .xls was converted with LibreOffice to read its formulas. */
bool kpi_sheets_converted(const kpi_sheets *book);

/* The cell at row, col, or NULL when it is empty. */
const kpi_cell *kpi_sheet_find(const kpi_sheet *sheet, uint32_t row,
                               uint32_t col);

/* Writes a cell's name ("C4", "AA10") into buf (16 bytes). */
void kpi_cell_name(uint32_t row, uint32_t col, char buf[16]);

#ifdef __cplusplus
}
#endif

#endif /* KPI_SHEET_READER_H */
