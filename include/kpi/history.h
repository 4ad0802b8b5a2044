/*
 * kpi/history.h - the history (kpihistory): every month's figures kept in
 * a SQLite database, and the forecast's path through the year read back
 * from it (docs/HISTORY.md).
 *
 * A run is one month's long export (the rows of kpi_figures_row, as
 * `kpi export` writes them) with the time of the run, kpi's version, a
 * hash of the input files and the command that made it. Runs are keyed
 * by report month: recording a month again makes the new run the month's
 * current one and marks the earlier as superseded (kept, not deleted).
 * Each recording is one transaction: a process killed at any moment
 * leaves the history as it was or with the whole new run.
 *
 *     kpi_history *h;
 *     char err[256];
 *     if (kpi_history_open("data/kpi-historik.sqlite", NULL, &h, err,
 *                          sizeof err) == KPI_OK) {
 *         kpi_history_run_info info = {.command = "report",
 *                                      .recorded_at = time(NULL),
 *                                      .kpi_version = KPI_VERSION};
 *         kpi_history_record(h, month, &info, figures, err, sizeof err);
 *     }
 *     kpi_history_close(h);
 *
 * The history holds the long export's rows and nothing else: aggregated
 * figures, never a child's, family's or measure's id (docs/PRIVACY.md).
 * libkpi knows nothing of it; this library takes the rows from libkpi's
 * results API (kpi.h). Errors: KPI_ERR_ARG for NULL arguments,
 * KPI_ERR_NOMEM, KPI_ERR_IO when SQLite cannot open, read or write the
 * file, KPI_ERR_INPUT when the file is not a kpi history or one written by
 * a newer kpi; the words go to err (err_size bytes with the NUL; may be
 * NULL/0). Ownership: what an out parameter returns is the caller's, freed
 * by the function named with it.
 */
#ifndef KPI_HISTORY_H
#define KPI_HISTORY_H

#include "kpi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The default file name, in the dataset folder. */
#define KPI_HISTORY_NAME "kpi-historik.sqlite"
/* The schema version this kpi writes (PRAGMA user_version). It reads
 * every version from 1 up to this one; docs/HISTORY.md has each. */
#define KPI_HISTORY_SCHEMA 2

typedef struct kpi_history kpi_history;

typedef struct kpi_history_options {
    /* TEST ONLY (docs/HISTORY.md): called with 1, 2, 3, ... before each
     * statement that writes to the file (BEGIN and COMMIT included) and
     * once after COMMIT, so a test can kill the process at every write and
     * check that the history still opens with the old or the new run.
     * NULL in normal use. */
    void (*before_write)(void *ctx, unsigned long n);
    void *ctx;
} kpi_history_options;

/* Opens the history at path, creating an empty one when there is no
 * file (the schema is created by the first kpi_history_record). o may be
 * NULL. A file of an older schema is read as it is and brought up to
 * KPI_HISTORY_SCHEMA inside the first recording's transaction. On
 * success *out is the caller's: kpi_history_close(). */
kpi_status kpi_history_open(const char *path, const kpi_history_options *o,
                            kpi_history **out, char *err, size_t err_size);
/* Opens an existing history for reading only; a missing file is
 * KPI_ERR_IO. */
kpi_status kpi_history_open_readonly(const char *path, kpi_history **out,
                                     char *err, size_t err_size);
/* Closes h; NULL does nothing. */
void kpi_history_close(kpi_history *h);
/* The schema version of the open file: 0 for a new, empty history. */
int kpi_history_schema(const kpi_history *h);

/* What a run records besides its rows. The strings are copied. */
typedef struct kpi_history_run_info {
    const char *command;     /* "report", "distribute", "export" */
    time_t recorded_at;      /* when the run was made (the caller's clock) */
    const char *kpi_version; /* KPI_VERSION */
    const char *input_hash;  /* kpi_history_input_hash(); NULL: "" */
} kpi_history_run_info;

/* Records figures as the run of report month m, in one transaction:
 * the new run, its rows (every row of figures, in export order, with the
 * export's breakdown and value text) and the earlier current run of m
 * marked as superseded by it. */
kpi_status kpi_history_record(kpi_history *h, kpi_month m,
                              const kpi_history_run_info *info,
                              const kpi_figures *figures, char *err,
                              size_t err_size);

/* One stored run. */
typedef struct kpi_history_run {
    int64_t id;
    kpi_month month;
    char recorded_at[24]; /* "2026-11-03T08:15:02Z" (UTC) */
    char kpi_version[24];
    char input_hash[24];
    char command[16];     /* "" in a schema 1 history */
    int64_t superseded_by; /* 0: the month's current run */
    size_t rows;
} kpi_history_run;

/* Every run, by month, then by id (the order they were recorded). On
 * success *out (count runs; NULL when none) is the caller's: free(). */
kpi_status kpi_history_runs(kpi_history *h, kpi_history_run **out,
                            size_t *count, char *err, size_t err_size);

/* Writes the runs for a reader: "PATH: schema version 2, 5 runs", then,
 * when there are runs, the header
 * "month;run;recorded_at;command;kpi_version;input_hash;rows;status" and a
 * line per run (kpi_history_runs' order), status "current" or
 * "superseded by ID". KPI_ERR_IO on a write error. */
kpi_status kpi_history_write_runs(kpi_history *h, FILE *out, char *err,
                                  size_t err_size);

/* Writes, in the long export's format (header
 * "kpi_id;period;breakdown;stat;value"), the rows of figure kpi_id
 * whose period is the run's fiscal year ("2026": forecast's), from every
 * month's current run, by month, each with period = the report month
 * ("2026-03"), the rows of a month in export order. */
kpi_status kpi_history_write_figure(kpi_history *h, const char *kpi_id,
                                    FILE *out, char *err, size_t err_size);

/* ------------------------------------------------------------------ */
/* The forecast's path for the workbooks                               */

/* One stored value of figure forecast: its stat at a breakdown as the
 * current run of one report month had it. */
typedef struct kpi_trajectory_point {
    kpi_month month;       /* the run's report month */
    const char *breakdown; /* "total", "category=placement", ... */
    const char *stat;      /* "amount" (expected outturn) or "budget" */
    int64_t value;         /* øre */
} kpi_trajectory_point;

/* The forecast as the history has it for report months before m in m's
 * year and for every month of the year before: what "Prognosens
 * udvikling" shows beside the report month's own figures. The report
 * month itself is never taken from the history (the workbook shows the
 * figures it was computed with), so re-running a month leaves it as it
 * was. */
typedef struct kpi_trajectory {
    kpi_month month;              /* the report month */
    kpi_trajectory_point *points; /* by month, then as stored */
    size_t count;
    /* The date ("31-10-2026") of the newest of the runs the points come
     * from: the sheet's "as of" line. "" when there are no points. */
    char as_of[16];
} kpi_trajectory;

/* The trajectory for report month m from h. On success *out is the
 * caller's: kpi_trajectory_free(). */
kpi_status kpi_history_trajectory(kpi_history *h, kpi_month m,
                                  kpi_trajectory **out, char *err,
                                  size_t err_size);
void kpi_trajectory_free(kpi_trajectory *t);

/* Where a dataset's history is: configured (kpi.ini's [history] path,
 * kpi_dataset_history_path; NULL or "": KPI_HISTORY_NAME) in dataset_dir
 * unless it is absolute. Into buf (size bytes with the NUL);
 * KPI_ERR_RANGE when it does not fit, KPI_ERR_ARG for NULL dir or buf. */
kpi_status kpi_history_path(const char *dataset_dir, const char *configured,
                            char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* The input hash                                                      */

/* A hash of the dataset folder's input files (every regular file named
 * *.csv, *.ini, *.txt, *.xlsx or *.xls directly in dir, by name, with its
 * name and bytes): 16 hexadecimal digits (FNV-1a, 64 bits) into out. It
 * tells two runs on different inputs apart; it is not a security
 * measure. KPI_ERR_IO when the folder or a file cannot be read. */
kpi_status kpi_history_input_hash(const char *dir, char out[17]);

/* ------------------------------------------------------------------ */
/* A command's session                                                 */

/* What a command that records a month (kpi report, distribute, export
 * -o) holds of the history: opened, and the months before read, before
 * the command writes anything; recorded once its own output is in place.
 * Zero-initialise; kpi_history_session_close() always. */
typedef struct kpi_history_session {
    kpi_history *h;             /* NULL: no history (closed or skipped) */
    kpi_trajectory *trajectory; /* the months before, for the workbooks */
    unsigned long kill_at;      /* KPI_HISTORY_KILL_AT (tests only) */
    char path[4096];
} kpi_history_session;

/* Opens the history of dataset_dir (configured as kpi_history_path
 * takes it) and reads the trajectory for report month m into s. TEST
 * ONLY (docs/HISTORY.md): the environment variable KPI_HISTORY_KILL_AT=N
 * kills the process with SIGKILL just before the history's Nth write. On
 * failure a message in err and s holds nothing. */
kpi_status kpi_history_session_open(kpi_history_session *s,
                                    const char *dataset_dir,
                                    const char *configured, kpi_month m,
                                    char *err, size_t err_size);

/* Records figs as month m's run of command (with the time, KPI_VERSION
 * and the hash of dataset_dir's input files); nothing when s holds no
 * history. On failure a message in err, and the history as before. */
kpi_status kpi_history_session_record(kpi_history_session *s,
                                      const char *command,
                                      const char *dataset_dir, kpi_month m,
                                      const kpi_figures *figs, char *err,
                                      size_t err_size);

void kpi_history_session_close(kpi_history_session *s);

#ifdef __cplusplus
}
#endif

#endif /* KPI_HISTORY_H */
