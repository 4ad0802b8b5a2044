/*
 * kpi/xlsx.h - the workbook engine (kpixlsx): renders computed key figures into
 * .xlsx workbooks declared by templates (templates/NAME.ini, docs/WORKBOOKS.md).
 *
 * A template is data: its sheets, the tables on them, which figure, period
 * and statistic goes in which column, Danish headings, number formats,
 * totals and charts. The engine reads only libkpi's public API (kpi.h) and
 * writes with libxlsxwriter. Every total, deviation and percentage it
 * writes is a live formula whose stored result is kpi's own number, so the
 * workbook shows the right value in LibreOffice (which does not
 * recalculate on load) and in Excel (which does).
 *
 * Conventions are those of kpi.h: statuses, caller-owned objects freed by
 * the matching _free, no printing, no global state.
 *
 *     kpi_book_template *t = NULL;
 *     kpi_status st = kpi_book_template_builtin("oekonomi", &t, NULL, 0);
 *     kpi_book_input in = {.dataset = ds, .figures = figs, .month = m};
 *     char name[128], err[512];
 *     kpi_book_file_name(t, m, NULL, name, sizeof name);  // oekonomi-2026-10.xlsx
 *     if (st == KPI_OK)
 *         st = kpi_book_write(t, &in, "out/oekonomi-2026-10.xlsx", err,
 *                             sizeof err);  // err: what went wrong, if
 *                                           // anything
 *     kpi_book_template_free(t);
 */
#ifndef KPI_XLSX_H
#define KPI_XLSX_H

#include "kpi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file names of the recipient map and the recipient overview: kpi
 * writes them (kpi_mapbook_write, kpi_overview_write) and reads an edited
 * map back from the dataset folder under the first. */
#define KPI_MAP_FILE "noegletal-modtagere.xlsx"
#define KPI_OVERVIEW_FILE "modtageroverblik.xlsx"

typedef struct kpi_book_template kpi_book_template;

/* Parses a template from text (the contents of an INI file). On a
 * problem the status is KPI_ERR_INPUT and the first problem is written to
 * err (err_size bytes, may be NULL/0) as "LABEL:LINE: key: message"; on
 * success *out owns the template: kpi_book_template_free(). */
kpi_status kpi_book_template_parse(const char *text, size_t len,
                                   const char *label, kpi_book_template **out,
                                   char *err, size_t err_size);

/* One of the templates embedded in the library at build time, by name
 * (the file name in templates/ without ".ini": "oekonomi").
 * KPI_ERR_ARG when there is no such template. */
kpi_status kpi_book_template_builtin(const char *name, kpi_book_template **out,
                                     char *err, size_t err_size);

/* The names of the embedded templates, NULL past the end. Static storage. */
const char *kpi_book_template_builtin_name(size_t i);

void kpi_book_template_free(kpi_book_template *t);

/* Up to this many rows of figures and dispositions a workbook is built in
 * memory; above it, it is streamed (kpi_book_limits). */
#define KPI_BOOK_STREAM_ROWS 50000
/* The most rows a sheet of an .xlsx file can have (the format's limit). */
#define KPI_BOOK_SHEET_ROWS 1048576

/* The sizes a workbook is written to. Zero means the default in every
 * field, so an input that does not name its limits gets kpi's own. */
typedef struct kpi_book_limits {
    /* More rows of figures and dispositions than this, and the workbook
     * is streamed: each row goes to a temporary file as it is written
     * (libxlsxwriter's constant_memory; texts inline instead of shared,
     * so the file is a little larger), which keeps the memory small at
     * any size. 0: KPI_BOOK_STREAM_ROWS. */
    size_t stream_rows;
    /* The most rows one sheet may have. A workbook with a sheet that would
     * need more is not written: KPI_ERR_RANGE, and the error text names
     * the sheet and the rows it needs. 0, or more than the format allows:
     * KPI_BOOK_SHEET_ROWS. Tests lower it to reach the limit cheaply. */
    size_t sheet_rows;
} kpi_book_limits;

/* What a workbook is rendered from. The engine only reads it. */
typedef struct kpi_book_input {
    const kpi_dataset *dataset; /* municipality, measure-type names */
    const kpi_figures *figures; /* the rows and the disposition table */
    kpi_month month;            /* the report month */
    const char *recipient;      /* {recipient} in texts; NULL = "" */

    /* Hooks for the recipient packs (privacy, SPEC §7). All may be NULL.
     * row_visible: false hides a figure row (as if not computed).
     * row_mask: a text to show instead of the row's value ("<5"), or NULL
     *   to show the value; a masked cell is text, so formulas over it are
     *   replaced by their own (possibly masked) rows' values.
     * disposition_visible: false leaves a measure out of the disposition
     *   table.
     * case_lists_visible: false leaves out the tables of open cases and
     *   due deadlines (child ids).
     * issue_visible: false leaves a data_quality record out of its
     *   table. */
    bool (*row_visible)(const kpi_row *row, void *ctx);
    const char *(*row_mask)(const kpi_row *row, void *ctx);
    bool (*disposition_visible)(const kpi_disposition *d, void *ctx);
    bool (*case_lists_visible)(void *ctx);
    bool (*issue_visible)(const kpi_issue *issue, void *ctx);
    void *hook_ctx;

    /* The administration's note for the month (kpi_note_read), shown by
     * a table with rows = note; NULL: none, and no such table. */
    const char *note;
    /* The pack's recipient group (kpi_group_code); a sheet with `groups`
     * is shown only to those. NULL: not a pack, and no such sheet. */
    const char *group;

    kpi_book_limits limits; /* zeroed: kpi's defaults */

    /* The forecast as the history has it for the months before the
     * report month (kpi/history.h; kpihistory reads it, the engine only
     * reads the struct): a `rows = trajectory` table shows it beside the
     * report month's own figures. NULL: no history, and the table shows
     * the report month only. */
    const struct kpi_trajectory *trajectory;

    /* The comparison with other municipalities and the country
     * (kpi_comparison_load, docs/COMPARE.md): its rows (kpi_id "compare")
     * are found by the tables beside the figures' and written to the Data
     * sheet after them, through the same hooks; `rows = sources` and
     * `rows = gaps` list its files and what it lacks. NULL: none, and a
     * sheet with `figure = compare` is left out. */
    const kpi_comparison *comparison;
} kpi_book_input;

/* The workbook's file name from the template's `file` pattern with the
 * period placeholders of kpi_period_expand ({year}, {month} "2026-10",
 * ...) and {name} (name may be NULL: "") filled in. Writes at most size
 * bytes with the NUL; KPI_ERR_RANGE when it does not fit (buf then holds
 * what fitted), KPI_ERR_ARG for a NULL t or buf, a size of 0 or a bad
 * month. */
kpi_status kpi_book_file_name(const kpi_book_template *t, kpi_month m,
                              const char *name, char *buf, size_t size);

/* Renders the workbook to path (which is created or replaced; not
 * atomically - the caller writes to a temporary path and renames).
 * Same input, same bytes. Errors: KPI_ERR_IO when the file (or a
 * temporary file) cannot be written, KPI_ERR_RANGE when libxlsxwriter
 * refuses a value or a place (a text over 32,767 characters, a bad sheet
 * name), KPI_ERR_NOMEM, KPI_ERR_ARG for NULL arguments. What went wrong
 * goes to err (err_size bytes with the NUL, truncated; may be NULL/0) in
 * words naming the sheet, libxlsxwriter's own (lxw_strerror) when it
 * refused: "sheet 'Data': Worksheet row or column index out of range.";
 * "" on success. */
kpi_status kpi_book_write(const kpi_book_template *t, const kpi_book_input *in,
                          const char *path, char *err, size_t err_size);

/* The recipient map workbook noegletal-modtagere.xlsx (SPEC §8): the
 * catalogue's key figures by theme with a column per recipient group, the
 * groups' needs, cadences and details, and a guide; kpi reads an edited
 * copy back (kpi_map_read, kpi/read.h). Same input, same bytes. Errors
 * and err as kpi_book_write. */
kpi_status kpi_mapbook_write(const kpi_map *map, const kpi_book_input *in,
                             const char *path, char *err, size_t err_size);

/* The recipient overview modtageroverblik.xlsx: per recipient group its
 * need, cadence, detail and the key figures the map gives it with their
 * headline value and status. Errors and err as kpi_book_write. */
kpi_status kpi_overview_write(const kpi_map *map, const kpi_book_input *in,
                              const char *path, char *err, size_t err_size);

/* The headline of figure_id for the report month: the row of in->figures
 * the overview and the mails show for it, and its Danish label
 * ("Anbragte børn pr. 31-10-2026") into label (label_size bytes with the
 * NUL, truncated; may be NULL/0). NULL when kpi has no such row (or the
 * row is hidden by in's row_visible hook). The headline itself is
 * libkpi's: kpi_figures_headline() and kpi_headline_label() (kpi.h) with
 * in->month; this adds the row_visible hook. */
const kpi_row *kpi_book_headline(const kpi_book_input *in,
                                 const char *figure_id, char *label,
                                 size_t label_size);

#ifdef __cplusplus
}
#endif

#endif /* KPI_XLSX_H */
