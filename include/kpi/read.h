/*
 * kpi/read.h - kpiread: spreadsheets read back, the public interface.
 *
 * Three parts, over one reader of .xlsx (minizip + expat), .xls (freexl
 * and kpi's own reading of the formula results Excel stored; LibreOffice
 * for a file freexl cannot open) and .csv (libkpi's CSV reader, SPEC
 * §3.1):
 *
 * - the sheet reader: a workbook read whole into memory as sheets of the
 *   cells that hold something (kpi_sheets_open);
 * - the budget of SPEC §3.9: kpi_budget_read, the budget reader a program
 *   gives kpi_dataset_load, and the budget template kpi reads best;
 * - the recipient map a municipality edited (kpi_map_read).
 *
 * Conventions as kpi.h's: kpi_status results, problems in a
 * kpi_diagnostics list, objects freed with their kpi_*_free.
 *
 * Reading a dataset with its budget, as the kpi command does:
 *
 *     kpi_load_options lo = {0};
 *     lo.budget_reader = kpi_budget_read; // ctx NULL: the defaults
 *     kpi_status st = kpi_dataset_load(dir, &lo, &ds, diags);
 *
 * Looking at every cell of a workbook:
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
#ifndef KPI_READ_H
#define KPI_READ_H

#include "kpi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* The sheet reader.                                                   */
/*                                                                     */
/* A workbook is read whole into memory as a list of sheets, each a    */
/* list of the cells that hold something, in row order, then column    */
/* order. The budget and the edited recipient map are small, so this   */
/* is simpler than streaming and lets a caller look at any cell.       */
/*                                                                     */
/* Rows and columns are 1-based, as a person reading the sheet names   */
/* them (row 7, column C = 3). For a CSV file the row is the physical  */
/* line.                                                               */
/*                                                                     */
/* Formulas: a cell gives the result Excel stored for its formula,     */
/* never a recalculation: an .xlsx keeps it next to the formula, an    */
/* .xls in the FORMULA record (and a text result in the STRING record  */
/* after it), which kpi reads itself. Only an .xls freexl cannot open  */
/* is converted with LibreOffice headless (when soffice can be found); */
/* its formula cells still take the stored results, and one whose      */
/* stored result kpi cannot read comes back as KPI_CELL_FORMULA, never */
/* as a number, for the caller to name in its error.                   */
/*                                                                     */
/* Limits (xlsx/read/README.md): 4,000,000 cells, 1 MB of text in a    */
/* cell, 64 MB of text in all (a shared string counted once: cells     */
/* showing the same shared string share its one copy), 256 MB unpacked */
/* per part of an .xlsx and 1 GB in all; each has its own message.     */

typedef enum kpi_cell_type {
    KPI_CELL_EMPTY = 0,   /* never stored; kpi_sheet_find gives NULL */
    KPI_CELL_NUMBER = 1,  /* number */
    KPI_CELL_TEXT = 2,    /* text (UTF-8) */
    KPI_CELL_BOOL = 3,    /* number is 0 or 1 */
    KPI_CELL_DATE = 4,    /* date in `date`; number: the serial, if known */
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
    /* The LibreOffice program used to convert an .xls freexl cannot
     * open. NULL: look for "soffice" on PATH; "": never convert. */
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
/* true when an .xls was converted with LibreOffice (freexl could not
 * open it). */
bool kpi_sheets_converted(const kpi_sheets *book);

/* The cell at row, col, or NULL when it is empty. */
const kpi_cell *kpi_sheet_find(const kpi_sheet *sheet, uint32_t row,
                               uint32_t col);

/* Writes a cell's name ("C4", "AA10") into buf (16 bytes). */
void kpi_cell_name(uint32_t row, uint32_t col, char buf[16]);

/* ------------------------------------------------------------------ */
/* The budget (SPEC §3.9).                                             */
/*                                                                     */
/* The budget may be .xlsx, .xls or .csv; all three go through the     */
/* same search for the header row (Danish header names anywhere in the */
/* sheet, title rows above, columns in any order) and the same checks, */
/* so a budget reads the same whatever program saved it. What a line   */
/* means is libkpi's (kpi_budget_add in kpi.h).                        */

typedef struct kpi_budget_options {
    /* As kpi_sheets_options: NULL = soffice on PATH, "" = never. */
    const char *soffice;
    int soffice_timeout; /* seconds; 0: 120 */
} kpi_budget_options;

/* The budget reader (a kpi_budget_reader of kpi_load_options): reads the
 * file kpi_budget_path(budget) names (.xlsx, .xls or .csv; a .csv name
 * is always read as CSV) and gives libkpi its lines. ctx is a
 * kpi_budget_options or NULL. Problems are reported as
 * "budget.xlsx: sheet 'Budget 2026': row 7: Korrigeret budget: not a
 * number: 'abc'" (for a CSV file "budget.csv:7: Korrigeret budget: ...").
 * Returns KPI_OK, KPI_ERR_INPUT (reported), KPI_ERR_IO, KPI_ERR_NOMEM. */
kpi_status kpi_budget_read(void *ctx, kpi_budget *budget);

/* Reads the budget from an open book: what kpi_budget_read does after
 * opening the file. */
kpi_status kpi_budget_read_book(const kpi_sheets *book, kpi_budget *budget);

/* Writes the budget template (`kpi budget-template`) to path: a "Budget"
 * sheet with one row per measure type of the catalogue (a list to choose
 * from), Korrigeret budget, Helårspersoner, Gennemsnitspris and Jan..Dec
 * defaulting to =ROUND(annual/12,2), and a Danish "Vejledning" sheet. The
 * bytes are the same on every run. KPI_ERR_IO when it cannot be written. */
kpi_status kpi_budget_template_write(const char *path);

/* ------------------------------------------------------------------ */
/* The recipient map read back (noegletal-modtagere.xlsx, written by   */
/* kpi_mapbook_write; SPEC §6, §8).                                    */

/* Sheet 'Nøgletal': the header row is the first row with a cell "Kode";
 * every recipient group must have its column there (headed by its Danish
 * name or its code). Each row with a Kode is a key figure of the
 * catalogue; its cells in the group columns are marks: ✓ ✔ x ja 1 TRUE
 * SAND (or a TRUE cell, the number 1) give the figure to the group; an
 * empty cell, nej, 0, FALSE, FALSK take it away; anything else is an
 * error. Rows without a Kode (the theme headings) are skipped.
 * Sheet 'Modtagergrupper': the header row is the first with a cell
 * "Modtagergruppe", and it must have "Kadence" and "Detaljeringsgrad";
 * each row names a group (name or code) with its cadence and detail (the
 * Danish names of kpi_cadence_name / kpi_detail_name, or the codes).
 *
 * What is not in the file keeps the value `map` had when called (SPEC
 * §6's default when it came from kpi_map_new): a deleted figure row keeps
 * its default marks, so a figure added by a newer kpi shows up in an old
 * map; a deleted group row keeps its cadence and detail. To take a figure
 * from every group, clear its marks.
 *
 * Reads the workbook at path (.xlsx or .xls; a .csv has one sheet and is
 * refused, since both sheets are required) into map. On a
 * problem the first one is written to err as
 * "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 7: column 'Fagudvalg':
 * 'y' is not a mark: ..." (the file's base name) and map is left partly
 * changed: discard it. Returns KPI_OK, KPI_ERR_INPUT (the content),
 * KPI_ERR_IO (cannot be read), KPI_ERR_NOMEM, KPI_ERR_ARG. */
kpi_status kpi_map_read(const char *path, kpi_map *map, char *err,
                        size_t err_size);

/* The same for a book already open (kpi_sheets_open or _open_buffer);
 * label names it in the messages ("noegletal-modtagere.xlsx"). The fuzz
 * target reads maps from memory through this. */
kpi_status kpi_map_read_book(const kpi_sheets *book, const char *label,
                             kpi_map *map, char *err, size_t err_size);

#ifdef __cplusplus
}
#endif

#endif /* KPI_READ_H */
