/* init.h - `kpi init`'s reading of a dataset folder (internal): what each
 * column of each file holds (init_scan.c), which canonical column it most
 * likely is and why (init_match.c), and the proposed kpi.ini
 * (init.c). */
#ifndef KPI_INPUT_INIT_H
#define KPI_INPUT_INIT_H

#include "input/load.h"

/* How a column was matched. */
typedef enum kpi_init_how {
    KPI_INIT_NONE = 0,
    KPI_INIT_NAME,   /* its header is a name kpi knows (sure) */
    KPI_INIT_PART,   /* its header holds such a name (review) */
    KPI_INIT_VALUES, /* its values fit, and no header did (review) */
} kpi_init_how;

typedef struct kpi_init_column {
    char *header; /* as the file writes it */
    size_t nonempty, dates, amounts, units, targets, kinds;
    bool decimals;   /* an amount with a decimal comma or "kr." */
    kpi_date newest; /* the newest date in it, or KPI_DATE_NONE */
    /* distinct values, when tracked (values != NULL): rows and first
     * line per symbol */
    kpi_symtab *values;
    size_t *rows;
    unsigned long *first;
    size_t cap;
    bool unique;   /* every value distinct so far (tracked columns) */
    int canonical; /* the schema column it is, or -1 */
    /* its header also names a column another header names, or is
     * another column's header: kpi cannot tell them apart, so it is
     * never proposed (the checks name the clash) */
    bool clash;
    kpi_init_how how;
} kpi_init_column;

typedef struct kpi_init_file {
    kpi_file file;
    char *name;    /* the file's name in the folder */
    bool in_files; /* not STEM.csv: proposed under [files] */
    kpi_init_column *cols;
    size_t n, rows;
    bool header_seen;
    int col_of[KPI_MAX_COLUMNS]; /* schema column -> file column, -1 */
    const kpi_allocator *a;
    kpi_status fatal;
} kpi_init_file;

/* Reads path as a file of kind f into *out (its header matched by name,
 * its columns counted). Problems of the file go to diags. KPI_OK or
 * KPI_ERR_NOMEM; a file that cannot be read leaves header_seen false. */
kpi_status kpi_init_scan(const kpi_allocator *a, kpi_file f, const char *path,
                         const char *name, kpi_diagnostics *diags,
                         kpi_init_file *out);
void kpi_init_file_free(kpi_init_file *f);

/* Matches the columns no header name matched: by part of their header,
 * then by their values (init_match.c). */
void kpi_init_match(kpi_init_file *f);

/* The kind of file whose required columns the header of path names
 * best, by name (at least half of them), or -1: what a file of another
 * name ("DUBU udtræk.csv") is. KPI_ERR_NOMEM only. */
kpi_status kpi_init_guess_kind(const kpi_allocator *a, const char *path,
                               int *kind);

#endif
