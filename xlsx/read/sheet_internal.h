/*
 * sheet_internal.h - what kpiread's files share: a book under
 * construction and the back ends of the sheet reader. Private to kpiread
 * (its CMake target has xlsx/read as a PRIVATE include directory).
 *
 * kpiread is built on libkpi's public header alone: kpi.h gives it the
 * allocation wrappers, kpi_diagnostics_add, kpi_text_fold, the CSV
 * reader and the budget interface it reads into.
 */
#ifndef KPI_SHEET_INTERNAL_H
#define KPI_SHEET_INTERNAL_H

#include "kpi/read.h"

#include <stdarg.h>
#include <string.h>

/* The one place to switch .xlsx reading to FreeXL >= 2 (freexl_open_xlsx)
 * on a platform that has it: define KPI_HAVE_FREEXL2 (the CMake option
 * KPI_FREEXL2 does) and sheet_xls.c reads .xlsx through freexl too. The
 * minizip + expat reader stays for platforms with FreeXL 1.x (Debian 12). */
/* #define KPI_HAVE_FREEXL2 1 */

/* Limits that keep a damaged or hostile file from taking all memory or
 * time: Excel's own sheet size, and far more cells, text and unpacked
 * bytes than a budget or recipient map has (a budget is a few hundred
 * cells and a few kB of text). Each has its own message naming it
 * (kpi_sheets_limit_report); xlsx/read/README.md lists them. */
#define KPI_SHEETS_MAX_ROW 1048576u
#define KPI_SHEETS_MAX_COL 16384u
#define KPI_SHEETS_MAX_CELLS 4000000u
#define KPI_SHEETS_MAX_SHEETS 1024u
#define KPI_SHEETS_MAX_PART (256u * 1024u * 1024u) /* one unzipped part */
#define KPI_SHEETS_MAX_UNZIPPED (1024u * 1024u * 1024u) /* all parts */
/* One cell's text: Excel itself stops at 32,767 characters (at most
 * 128 kB of UTF-8), so only a crafted file comes near 1 MB. */
#define KPI_SHEETS_MAX_TEXT (1u << 20)
/* All text of a book, each shared string counted once. */
#define KPI_SHEETS_MAX_TEXT_ALL (64u * 1024u * 1024u)

/* Which limit a read ran into (kpi_sheets.limit). */
typedef enum kpi_sheets_limit {
    KPI_LIMIT_NONE = 0,
    KPI_LIMIT_CELLS,     /* KPI_SHEETS_MAX_CELLS */
    KPI_LIMIT_SHEETS,    /* KPI_SHEETS_MAX_SHEETS */
    KPI_LIMIT_TEXT,      /* KPI_SHEETS_MAX_TEXT */
    KPI_LIMIT_TEXT_ALL,  /* KPI_SHEETS_MAX_TEXT_ALL */
    KPI_LIMIT_PART,      /* KPI_SHEETS_MAX_PART */
    KPI_LIMIT_UNZIPPED,  /* KPI_SHEETS_MAX_UNZIPPED */
    KPI_LIMIT_FILE,      /* KPI_SHEETS_MAX_PART for the file itself */
} kpi_sheets_limit;

typedef struct kpi_sheet_build {
    char *name;
    kpi_cell *cells;
    size_t n, cap;
    bool sorted; /* cells were added in row, column order */
} kpi_sheet_build;

struct kpi_sheets {
    const kpi_allocator *alloc;
    kpi_allocator alloc_store;
    kpi_sheet_build *sheets;
    size_t n, cap;
    kpi_sheet *views; /* built once read (sheet_reader.c) */
    size_t total_cells;
    /* Every text a cell points to, owned here and stored once: a shared
     * string used by 7,000 cells is one entry, not 7,000 copies. */
    char **texts;
    size_t n_texts, cap_texts;
    size_t text_bytes;    /* all of texts[] */
    size_t unzipped;      /* bytes unpacked from a zip so far */
    kpi_sheets_limit limit; /* the limit a KPI_ERR_RANGE ran into */
    kpi_sheets_format format;
    bool converted;
};

kpi_sheets *kpi_sheets_new(const kpi_allocator *a);
/* Appends a sheet (name copied); NULL when out of memory. */
kpi_sheet_build *kpi_sheets_add_sheet(kpi_sheets *b, const char *name,
                                      size_t len);
/* Appends a cell; text (may be NULL) is copied into the book's texts.
 * KPI_ERR_RANGE when row or column is out of range or a limit is met
 * (b->limit says which; a cell outside Excel's grid leaves it NONE). */
kpi_status kpi_sheets_add_cell(kpi_sheets *b, kpi_sheet_build *s,
                               const kpi_cell *c, const char *text, size_t len);
/* Appends a cell whose text (len bytes, may be NULL) the book already
 * owns: a pointer kpi_sheets_adopt_text gave, not copied. */
kpi_status kpi_sheets_add_cell_ref(kpi_sheets *b, kpi_sheet_build *s,
                                   const kpi_cell *c, const char *text,
                                   size_t len);
/* Gives the book text (allocated with b's allocator, len bytes plus a
 * NUL): from now on the book frees it, also on failure. KPI_ERR_RANGE
 * (b->limit) when it is too long or the book would hold too much text,
 * KPI_ERR_NOMEM. */
kpi_status kpi_sheets_adopt_text(kpi_sheets *b, char *text, size_t len);
/* Reports the limit b->limit names as "LABEL: the workbook has more than
 * N cells (kpi reads at most N: ...)" and returns KPI_ERR_INPUT
 * (KPI_ERR_NOMEM when the report fails). */
kpi_status kpi_sheets_limit_report(const kpi_sheets *b,
                                   kpi_diagnostics *diags, const char *label);
/* Frees every sheet, cell and text: an empty book again. */
void kpi_sheets_clear(kpi_sheets *b);

/* The back ends. Each fills a new book; problems go to diags under label. */
kpi_status kpi_sheets_read_xlsx(kpi_sheets *b, const unsigned char *data,
                                size_t len, const char *label,
                                kpi_diagnostics *diags);
kpi_status kpi_sheets_read_xls(kpi_sheets *b, const char *path,
                               const kpi_sheets_options *o, const char *label,
                               kpi_diagnostics *diags);
kpi_status kpi_sheets_read_csv(kpi_sheets *b, const char *data, size_t len,
                               const char *label, kpi_diagnostics *diags);

/* Reads a whole file into memory (kpi_xfree it). KPI_ERR_IO (reported). */
kpi_status kpi_sheets_slurp(const kpi_allocator *a, const char *path,
                            const char *label, unsigned char **data,
                            size_t *len, kpi_diagnostics *diags);

/* The formula cells of an .xls (BIFF5/8) file with the results Excel
 * stored for them, read from the compound file's Workbook stream
 * (biff.c): sheet names and positions from BOUNDSHEET and FORMULA
 * records, the result from the FORMULA record itself (a number, a
 * boolean, an error) or the STRING record after it (text), shown as a
 * date when its cell's format is one. freexl 1.0.6 gives formula cells
 * as empty; this is how kpi reads what Excel saved, never a
 * recalculation. */
typedef struct kpi_biff_formula {
    const char *sheet; /* UTF-8; one of kpi_biff_formulas.sheets */
    uint32_t row, col; /* 1-based */
    /* false: a typed boolean or error (BOOLERR), kept because LibreOffice
     * converts one to a formula (=#N/A) */
    bool formula;
    /* NUMBER, TEXT, BOOL, ERROR, DATE; EMPTY for an empty text result;
     * FORMULA when the stored result could not be read. */
    kpi_cell_type type;
    double number;
    kpi_date date;
    char *text; /* TEXT, ERROR: UTF-8; NULL otherwise */
} kpi_biff_formula;

/* What the compound file is. */
typedef enum kpi_biff_kind {
    KPI_BIFF_WORKBOOK = 0,   /* an Excel 5-2003 workbook */
    KPI_BIFF_PASSWORD,       /* a workbook with a FILEPASS record */
    KPI_BIFF_ENCRYPTED_OOXML, /* an .xlsx encrypted with a password */
    KPI_BIFF_NOT_A_WORKBOOK, /* a compound file without a workbook */
} kpi_biff_kind;

typedef struct kpi_biff_formulas {
    kpi_biff_formula *items;
    size_t count, cap;
    char **sheets; /* the BOUNDSHEET names, each once */
    size_t n_sheets, cap_sheets;
    size_t text_bytes; /* of the items' texts */
    kpi_biff_kind kind;
} kpi_biff_formulas;

/* KPI_OK with out->kind saying what the file is (formulas only for a
 * WORKBOOK); KPI_ERR_INPUT when the file is not an OLE2 compound file or
 * kpi cannot follow it (nothing reported: the caller decides). */
kpi_status kpi_biff_find_formulas(const kpi_allocator *a,
                                  const unsigned char *data, size_t len,
                                  kpi_biff_formulas *out);
void kpi_biff_formulas_free(const kpi_allocator *a, kpi_biff_formulas *f);

/* Shared by the .xlsx and .xls readers (sheet_xlsx.c). */
/* true when an Excel number format code shows a date. */
bool kpi_sheets_format_is_date(const char *code);
/* A serial day number of the workbook's date system as a kpi_date. */
bool kpi_sheets_serial_to_date(double serial, bool date1904, kpi_date *out);

/* Converts path (an .xls) to an .xlsx with LibreOffice headless in a
 * temporary folder of its own (its own profile, a time limit) and reads
 * the result into b. KPI_ERR_NOT_AVAILABLE when soffice cannot be found;
 * KPI_ERR_IO when the conversion fails (reported). */
kpi_status kpi_soffice_convert_read(kpi_sheets *b, const char *path,
                                    const kpi_sheets_options *o,
                                    const char *label,
                                    kpi_diagnostics *diags);
/* The soffice program to use: o->soffice, or "soffice" found on PATH
 * (written into buf); NULL when there is none. */
const char *kpi_soffice_find(const kpi_sheets_options *o, char *buf,
                             size_t cap);

#endif /* KPI_SHEET_INTERNAL_H */
