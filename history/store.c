/*
 * store.c - the history file: opening it, its schema (docs/HISTORY.md)
 * and recording a run in one transaction.
 */
#include "history.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Schema 2, as a new history gets it. Schema 1 had no run.command. */
static const char schema_sql[] =
    "CREATE TABLE run ("
    " id INTEGER PRIMARY KEY,"
    " month TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL,"
    " kpi_version TEXT NOT NULL,"
    " input_hash TEXT NOT NULL,"
    " superseded_by INTEGER REFERENCES run(id),"
    " command TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX run_month ON run(month, superseded_by);"
    "CREATE TABLE figure_row ("
    " run INTEGER NOT NULL REFERENCES run(id),"
    " seq INTEGER NOT NULL,"
    " kpi_id TEXT NOT NULL,"
    " period TEXT NOT NULL,"
    " breakdown TEXT NOT NULL,"
    " stat TEXT NOT NULL,"
    " value TEXT NOT NULL,"
    " PRIMARY KEY (run, seq)) WITHOUT ROWID;"
    "CREATE INDEX figure_row_kpi ON figure_row(kpi_id, run);";

/* Rows inserted by one statement: 7 parameters each, under SQLite's
 * oldest limit of 999 parameters, and few statements (and so few kill
 * points for the test) per run. */
#define BATCH 128

kpi_status kpi_history_fail(kpi_history *h, char *err, size_t err_size,
                            const char *fmt, ...)
{
    int code = h && h->db ? sqlite3_errcode(h->db) : SQLITE_ERROR;
    if (err && err_size) {
        int n = snprintf(err, err_size, "%s: ", h ? h->path : "history");
        if (n < 0 || (size_t)n >= err_size)
            n = 0;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, err_size - (size_t)n, fmt, ap);
        va_end(ap);
    }
    if (code == SQLITE_NOMEM)
        return KPI_ERR_NOMEM;
    if (code == SQLITE_NOTADB)
        return KPI_ERR_INPUT;
    return KPI_ERR_IO;
}

const char *kpi_history_errmsg(const kpi_history *h)
{
    return h && h->db ? sqlite3_errmsg(h->db) : "out of memory";
}

/* The schema version of the file, or -1 (and err) when it is not a kpi
 * history. */
static int read_schema(kpi_history *h, char *err, size_t err_size,
                       kpi_status *st)
{
    sqlite3_stmt *s = NULL;
    int version = -1;
    if (sqlite3_prepare_v2(h->db, "PRAGMA user_version", -1, &s, NULL) ==
            SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    if (version < 0) {
        *st = kpi_history_fail(h, err, err_size, "cannot read it: %s",
                               kpi_history_errmsg(h));
        return -1;
    }
    if (version > KPI_HISTORY_SCHEMA) {
        *st = KPI_ERR_INPUT;
        kpi_history_fail(h, err, err_size,
                         "written by a newer kpi (schema version %d; this "
                         "kpi reads up to %d)",
                         version, KPI_HISTORY_SCHEMA);
        return -1;
    }
    if (version == 0) {
        /* Version 0 is a new, empty file; one with tables is someone
         * else's database, never to be written into. */
        int tables = 1;
        if (sqlite3_prepare_v2(h->db, "SELECT count(*) FROM sqlite_master",
                               -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW)
            tables = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
        if (tables) {
            *st = KPI_ERR_INPUT;
            kpi_history_fail(h, err, err_size,
                             "not a kpi history (a SQLite database without "
                             "kpi's schema version)");
            return -1;
        }
    }
    return version;
}

static kpi_status open_with(const char *path, int flags,
                            const kpi_history_options *o, kpi_history **out,
                            char *err, size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!path || !out)
        return KPI_ERR_ARG;
    *out = NULL;
    kpi_history *h = calloc(1, sizeof *h);
    if (!h || !(h->path = strdup(path))) {
        free(h);
        return KPI_ERR_NOMEM;
    }
    if (o)
        h->o = *o;
    kpi_status st = KPI_OK;
    int rc = sqlite3_open_v2(path, &h->db, flags, NULL);
    if (rc != SQLITE_OK) {
        st = kpi_history_fail(h, err, err_size, "cannot open it: %s",
                              kpi_history_errmsg(h));
        kpi_history_close(h);
        return st;
    }
    /* Another kpi recording at the same moment holds the write lock for
     * a fraction of a second: wait for it rather than fail. */
    sqlite3_busy_timeout(h->db, 10000);
    h->schema = read_schema(h, err, err_size, &st);
    if (h->schema < 0) {
        kpi_history_close(h);
        return st;
    }
    *out = h;
    return KPI_OK;
}

kpi_status kpi_history_open(const char *path, const kpi_history_options *o,
                            kpi_history **out, char *err, size_t err_size)
{
    kpi_status st = open_with(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                              o, out, err, err_size);
    /* SQLite opens a file it may not write for reading without a word;
     * a run that is to be recorded must know before it writes anything
     * else. */
    if (st == KPI_OK && sqlite3_db_readonly((*out)->db, "main") == 1) {
        st = kpi_history_fail(*out, err, err_size,
                              "cannot record runs in it: it is read-only");
        kpi_history_close(*out);
        *out = NULL;
    }
    return st;
}

kpi_status kpi_history_open_readonly(const char *path, kpi_history **out,
                                     char *err, size_t err_size)
{
    if (path && access(path, F_OK) != 0) {
        if (err && err_size)
            snprintf(err, err_size,
                     "%s: no history yet (kpi report, kpi distribute and kpi "
                     "export -o record one)",
                     path);
        return KPI_ERR_IO;
    }
    /* Read-write but never created: a run killed half-way leaves a hot
     * journal, which only a connection that may write can roll back. A
     * file we may not write is then read as it is. */
    kpi_status st = open_with(path, SQLITE_OPEN_READWRITE, NULL, out, err,
                              err_size);
    if (st == KPI_ERR_IO && access(path, W_OK) != 0 && access(path, R_OK) == 0)
        st = open_with(path, SQLITE_OPEN_READONLY, NULL, out, err, err_size);
    return st;
}

kpi_status kpi_history_path(const char *dir, const char *configured,
                            char *buf, size_t size)
{
    if (!dir || !buf || !size)
        return KPI_ERR_ARG;
    const char *name = configured && *configured ? configured
                                                  : KPI_HISTORY_NAME;
    int n = name[0] == '/' ? snprintf(buf, size, "%s", name)
                           : snprintf(buf, size, "%s/%s", dir, name);
    return n >= 0 && (size_t)n < size ? KPI_OK : KPI_ERR_RANGE;
}

void kpi_history_close(kpi_history *h)
{
    if (!h)
        return;
    sqlite3_close(h->db);
    free(h->path);
    free(h);
}

int kpi_history_schema(const kpi_history *h)
{
    return h ? h->schema : -1;
}

/* ---- writing ---------------------------------------------------------- */

/* Every statement that writes goes through these two, so the test hook
 * sees each (kpi/history.h: before_write). */
static int write_exec(kpi_history *h, const char *sql)
{
    if (h->o.before_write)
        h->o.before_write(h->o.ctx, ++h->writes);
    return sqlite3_exec(h->db, sql, NULL, NULL, NULL);
}

static int write_step(kpi_history *h, sqlite3_stmt *s)
{
    if (h->o.before_write)
        h->o.before_write(h->o.ctx, ++h->writes);
    return sqlite3_step(s);
}

/* Brings the schema of the file up to KPI_HISTORY_SCHEMA; inside the
 * recording's transaction, so a kill leaves the old schema whole. */
static int upgrade(kpi_history *h)
{
    int rc = SQLITE_OK;
    if (h->schema == 0)
        rc = write_exec(h, schema_sql);
    if (rc == SQLITE_OK && h->schema == 1)
        rc = write_exec(h, "ALTER TABLE run ADD COLUMN command TEXT NOT "
                           "NULL DEFAULT ''");
    if (rc == SQLITE_OK && h->schema != KPI_HISTORY_SCHEMA) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
                 KPI_HISTORY_SCHEMA);
        rc = write_exec(h, sql);
    }
    return rc;
}

/* "INSERT ... VALUES (?,...),(?,...)" for n rows. */
static sqlite3_stmt *prepare_rows(kpi_history *h, size_t n)
{
    static const char head[] = "INSERT INTO figure_row (run, seq, kpi_id, "
                               "period, breakdown, stat, value) VALUES ";
    static const char one[] = "(?,?,?,?,?,?,?),";
    char *sql = malloc(sizeof head + n * (sizeof one - 1));
    if (!sql)
        return NULL;
    char *p = sql + sizeof head - 1;
    memcpy(sql, head, sizeof head - 1);
    for (size_t i = 0; i < n; i++, p += sizeof one - 1)
        memcpy(p, one, sizeof one - 1);
    p[-1] = '\0'; /* the last comma */
    sqlite3_stmt *s = NULL;
    sqlite3_prepare_v2(h->db, sql, -1, &s, NULL);
    free(sql);
    return s;
}

/* Inserts rows [from, from + n) of figs with statement s (made for n). */
static int insert_rows(kpi_history *h, sqlite3_stmt *s, int64_t run,
                       const kpi_figures *figs, size_t from, size_t n)
{
    sqlite3_reset(s);
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = kpi_figures_row(figs, from + i);
        char breakdown[1024], value[48];
        kpi_row_format_breakdown(r, breakdown, sizeof breakdown);
        kpi_row_format_value(r, value);
        int p = (int)(i * 7);
        sqlite3_bind_int64(s, p + 1, run);
        sqlite3_bind_int64(s, p + 2, (int64_t)(from + i));
        sqlite3_bind_text(s, p + 3, r->kpi_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, p + 4, r->period, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, p + 5, breakdown, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, p + 6, r->stat, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, p + 7, value, -1, SQLITE_TRANSIENT);
    }
    int rc = write_step(h, s);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int insert_all_rows(kpi_history *h, int64_t run,
                           const kpi_figures *figs)
{
    size_t n = kpi_figures_row_count(figs);
    sqlite3_stmt *batch = n >= BATCH ? prepare_rows(h, BATCH) : NULL;
    int rc = n >= BATCH && !batch ? SQLITE_NOMEM : SQLITE_OK;
    size_t i = 0;
    for (; rc == SQLITE_OK && n - i >= BATCH; i += BATCH)
        rc = insert_rows(h, batch, run, figs, i, BATCH);
    sqlite3_finalize(batch);
    if (rc == SQLITE_OK && i < n) {
        sqlite3_stmt *rest = prepare_rows(h, n - i);
        rc = rest ? insert_rows(h, rest, run, figs, i, n - i) : SQLITE_NOMEM;
        sqlite3_finalize(rest);
    }
    return rc;
}

/* The new run's row and the month's earlier current run superseded. */
static int insert_run(kpi_history *h, const char *month,
                      const kpi_history_run_info *info, int64_t *id)
{
    char when[24];
    struct tm tm;
    time_t t = info->recorded_at;
    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(
        h->db,
        "INSERT INTO run (month, recorded_at, kpi_version, input_hash, "
        "command) VALUES (?, ?, ?, ?, ?)",
        -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, month, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, when, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, info->kpi_version ? info->kpi_version : "",
                          -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 4, info->input_hash ? info->input_hash : "", -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 5, info->command ? info->command : "", -1,
                          SQLITE_TRANSIENT);
        rc = write_step(h, s);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(h->db);
    rc = sqlite3_prepare_v2(h->db,
                            "UPDATE run SET superseded_by = ? WHERE month = "
                            "? AND superseded_by IS NULL AND id <> ?",
                            -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, *id);
        sqlite3_bind_text(s, 2, month, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, 3, *id);
        rc = write_step(h, s);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(s);
    return rc;
}

kpi_status kpi_history_record(kpi_history *h, kpi_month m,
                              const kpi_history_run_info *info,
                              const kpi_figures *figures, char *err,
                              size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!h || !info || !figures || m.month < 1 || m.month > 12)
        return KPI_ERR_ARG;
    if (sqlite3_db_readonly(h->db, "main") == 1)
        return kpi_history_fail(h, err, err_size, "opened for reading only");
    char month[16];
    snprintf(month, sizeof month, "%04d-%02d", m.year, m.month);
    int64_t id = 0;
    /* IMMEDIATE: the write lock from the start, so two runs at once wait
     * for each other instead of one failing half-way. */
    int rc = write_exec(h, "BEGIN IMMEDIATE");
    if (rc == SQLITE_OK)
        rc = upgrade(h);
    if (rc == SQLITE_OK)
        rc = insert_run(h, month, info, &id);
    if (rc == SQLITE_OK)
        rc = insert_all_rows(h, id, figures);
    if (rc == SQLITE_OK)
        rc = write_exec(h, "COMMIT");
    if (rc == SQLITE_OK) {
        h->schema = KPI_HISTORY_SCHEMA;
        /* The test hook once more after COMMIT: a kill here must leave
         * the new run whole. */
        if (h->o.before_write)
            h->o.before_write(h->o.ctx, ++h->writes);
        return KPI_OK;
    }
    kpi_status st = kpi_history_fail(h, err, err_size,
                                     "cannot record the run of %s: %s", month,
                                     kpi_history_errmsg(h));
    if (!sqlite3_get_autocommit(h->db))
        sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}
