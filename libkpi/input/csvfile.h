/*
 * csvfile.h - reading one CSV file the way Danish exports write them
 * (SPEC §3.1), internal.
 *
 * The reader takes the whole file into memory, works out its encoding
 * (UTF-8 with or without BOM, else Windows-1252) and its separator (';',
 * ',' or TAB, from the header line), and streams the records to callbacks
 * one at a time: a million-row file never has all its cells in memory.
 * Problems with the file itself (encoding, quoting, field counts, CPR
 * numbers) are added to the diagnostics as "LABEL:LINE: message"; the
 * callbacks add their own.
 *
 * Example:
 *
 *     kpi_csv_options o = {0};
 *     o.label = "data/measures.csv";
 *     o.diags = diags;
 *     o.header = on_header;  // maps the columns
 *     o.row = on_row;        // one call per data record
 *     o.ctx = &my_state;
 *     kpi_status st = kpi_csv_read_file(&o, "data/measures.csv");
 */
#ifndef KPI_CSVFILE_H
#define KPI_CSVFILE_H

#include "base/internal.h"

/* Fields longer than this are refused: no column of SPEC §3 needs more,
 * and a runaway field means the file is not what it claims to be. */
#define KPI_CSV_MAX_FIELD 65536

/* One field of a record: a NUL-terminated copy (s[len] == '\0') that
 * lives until the callback returns. Unquoted fields have their
 * surrounding spaces removed. */
typedef struct kpi_csv_field {
    const char *s;
    size_t len;
} kpi_csv_field;

/* Called with the header record and with each data record. line is the
 * physical line the record starts on (1-based; embedded newlines in
 * quoted fields and skipped empty lines are counted). Return KPI_OK to go
 * on, KPI_ERR_INPUT to stop reading this file (the header callback does so
 * when a required column is missing), KPI_ERR_NOMEM to abort. */
typedef kpi_status (*kpi_csv_record_fn)(void *ctx, unsigned long line,
                                        const kpi_csv_field *fields,
                                        size_t n);

typedef struct kpi_csv_options {
    const kpi_allocator *alloc; /* NULL: malloc */
    const char *label;          /* the file name used in messages */
    kpi_diagnostics *diags;     /* where problems go; may be NULL */
    kpi_csv_record_fn header;   /* the first non-empty record; may be NULL */
    kpi_csv_record_fn row;      /* every later record; may be NULL */
    void *ctx;
    /* true for the dataset's files: a record of empty fields after the
     * header is an input row, so it gets a warning (SPEC §3.2). false
     * for a sheet (the budget), where empty rows are layout. */
    bool warn_empty_rows;
} kpi_csv_options;

/* Reads path and streams its records. Records whose fields are all empty
 * are skipped (spreadsheets export them as ";;;;"; with a warning when
 * warn_empty_rows is set); records with another
 * number of fields than the header are reported and not passed on; so is
 * a record holding a value shaped like a CPR number.
 * Returns KPI_OK, KPI_ERR_INPUT when any error was added to diags (by the
 * reader or a callback) or a callback stopped the file, KPI_ERR_IO when the
 * file cannot be read (also reported), KPI_ERR_NOMEM. */
kpi_status kpi_csv_read_file(const kpi_csv_options *o, const char *path);

/* The same over bytes in memory (the file's raw content). */
kpi_status kpi_csv_read_buffer(const kpi_csv_options *o, const char *data,
                               size_t len);

/* true when s[0..len) holds a CPR number: ddmmyy-xxxx anywhere in it
 * (not inside a longer run of digits), or exactly ten digits, in both cases
 * with a day and month that exist. Messages must never echo such a value. */
bool kpi_csv_looks_like_cpr(const char *s, size_t len);

#endif /* KPI_CSVFILE_H */
