/*
 * query.c - reading the history: the runs, a figure's rows month by
 * month, and the forecast's path for the workbooks.
 */
#include "history.h"

#include <stdlib.h>
#include <string.h>

/* Copies column col of s (text or NULL) into buf. */
static void column_copy(sqlite3_stmt *s, int col, char *buf, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    snprintf(buf, size, "%s", t ? (const char *)t : "");
}

static bool parse_month(const unsigned char *t, kpi_month *m)
{
    return t && kpi_month_parse((const char *)t, m) == KPI_OK;
}

kpi_status kpi_history_runs(kpi_history *h, kpi_history_run **out,
                            size_t *count, char *err, size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!h || !out || !count)
        return KPI_ERR_ARG;
    *out = NULL;
    *count = 0;
    if (h->schema == 0)
        return KPI_OK; /* a new history: no runs yet */
    /* Schema 1 had no command. */
    const char *sql =
        h->schema >= 2
            ? "SELECT id, month, recorded_at, kpi_version, input_hash, "
              "command, IFNULL(superseded_by, 0), (SELECT count(*) FROM "
              "figure_row WHERE run = run.id) FROM run ORDER BY month, id"
            : "SELECT id, month, recorded_at, kpi_version, input_hash, '', "
              "IFNULL(superseded_by, 0), (SELECT count(*) FROM figure_row "
              "WHERE run = run.id) FROM run ORDER BY month, id";
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(h->db, sql, -1, &s, NULL);
    kpi_history_run *runs = NULL;
    size_t n = 0, cap = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            kpi_history_run *more = realloc(runs, cap * sizeof *runs);
            if (!more) {
                sqlite3_finalize(s);
                free(runs);
                return KPI_ERR_NOMEM;
            }
            runs = more;
        }
        kpi_history_run *r = &runs[n];
        memset(r, 0, sizeof *r);
        r->id = sqlite3_column_int64(s, 0);
        if (!parse_month(sqlite3_column_text(s, 1), &r->month))
            continue; /* not a month: not a run kpi wrote */
        column_copy(s, 2, r->recorded_at, sizeof r->recorded_at);
        column_copy(s, 3, r->kpi_version, sizeof r->kpi_version);
        column_copy(s, 4, r->input_hash, sizeof r->input_hash);
        column_copy(s, 5, r->command, sizeof r->command);
        r->superseded_by = sqlite3_column_int64(s, 6);
        r->rows = (size_t)sqlite3_column_int64(s, 7);
        n++;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(runs);
        return kpi_history_fail(h, err, err_size, "cannot read the runs: %s",
                                kpi_history_errmsg(h));
    }
    *out = runs;
    *count = n;
    return KPI_OK;
}

kpi_status kpi_history_write_runs(kpi_history *h, FILE *out, char *err,
                                  size_t err_size)
{
    if (!h || !out)
        return KPI_ERR_ARG;
    kpi_history_run *runs = NULL;
    size_t n = 0;
    kpi_status st = kpi_history_runs(h, &runs, &n, err, err_size);
    if (st != KPI_OK)
        return st;
    fprintf(out, "%s: schema version %d, %zu %s\n", h->path, h->schema, n,
            n == 1 ? "run" : "runs");
    if (n)
        fputs("month;run;recorded_at;command;kpi_version;input_hash;rows;"
              "status\n",
              out);
    for (size_t i = 0; i < n; i++) {
        const kpi_history_run *r = &runs[i];
        char status[48] = "current";
        if (r->superseded_by)
            snprintf(status, sizeof status, "superseded by %lld",
                     (long long)r->superseded_by);
        fprintf(out, "%04d-%02d;%lld;%s;%s;%s;%s;%zu;%s\n", r->month.year,
                r->month.month, (long long)r->id, r->recorded_at, r->command,
                r->kpi_version, r->input_hash, r->rows, status);
    }
    free(runs);
    return ferror(out) ? KPI_ERR_IO : KPI_OK;
}

/* The current runs' rows of figure kpi_id whose period is the run's
 * year, by month and then export order: month, breakdown, stat, value,
 * recorded_at. */
static const char figure_sql[] =
    "SELECT run.month, f.breakdown, f.stat, f.value, run.recorded_at "
    "FROM run JOIN figure_row f ON f.run = run.id "
    "WHERE run.superseded_by IS NULL AND f.kpi_id = ?1 "
    "AND f.period = substr(run.month, 1, 4) "
    "AND run.month >= ?2 AND run.month < ?3 "
    "ORDER BY run.month, f.seq";

kpi_status kpi_history_write_figure(kpi_history *h, const char *kpi_id,
                                    FILE *out, char *err, size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!h || !kpi_id || !out)
        return KPI_ERR_ARG;
    fputs("kpi_id;period;breakdown;stat;value\n", out);
    if (h->schema == 0)
        return ferror(out) ? KPI_ERR_IO : KPI_OK;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(h->db, figure_sql, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, kpi_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 2, "0000", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, "9999-99", -1, SQLITE_STATIC);
    }
    kpi_status st = KPI_OK;
    while (st == KPI_OK && rc == SQLITE_OK &&
           (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        st = kpi_export_write_line(
            out, kpi_id, (const char *)sqlite3_column_text(s, 0),
            (const char *)sqlite3_column_text(s, 1),
            (const char *)sqlite3_column_text(s, 2),
            (const char *)sqlite3_column_text(s, 3));
    }
    sqlite3_finalize(s);
    if (st != KPI_OK)
        return st;
    if (rc != SQLITE_DONE)
        return kpi_history_fail(h, err, err_size, "cannot read %s: %s",
                                kpi_id, kpi_history_errmsg(h));
    return KPI_OK;
}

/* An amount as the export writes it ("-1234.56", kroner with two
 * decimals) in øre; false when the text is not one. */
static bool parse_ore(const char *t, int64_t *out)
{
    bool minus = *t == '-';
    t += minus;
    int64_t v = 0;
    int digits = 0, decimals = -1;
    for (; *t; t++) {
        if (*t == '.' && decimals < 0) {
            decimals = 0;
            continue;
        }
        if (*t < '0' || *t > '9' || v > INT64_MAX / 10 - 9)
            return false;
        v = v * 10 + (*t - '0');
        digits++;
        if (decimals >= 0)
            decimals++;
    }
    if (!digits || decimals > 2)
        return false;
    for (int d = decimals < 0 ? 0 : decimals; d < 2; d++)
        v *= 10;
    *out = minus ? -v : v;
    return true;
}

void kpi_trajectory_free(kpi_trajectory *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        free((char *)t->points[i].breakdown);
    free(t->points);
    free(t);
}

/* Adds the point of the current row of s (figure_sql's columns). */
static kpi_status add_point(kpi_trajectory *t, size_t *cap, sqlite3_stmt *s,
                            char newest[24])
{
    const char *stat = (const char *)sqlite3_column_text(s, 2);
    const char *value = (const char *)sqlite3_column_text(s, 3);
    kpi_trajectory_point p = {.stat = NULL};
    if (!stat || !value || !parse_month(sqlite3_column_text(s, 0), &p.month))
        return KPI_OK;
    if (strcmp(stat, "amount") == 0)
        p.stat = "amount";
    else if (strcmp(stat, "budget") == 0)
        p.stat = "budget";
    if (!p.stat || !parse_ore(value, &p.value))
        return KPI_OK; /* deviation and share follow from these two */
    if (t->count == *cap) {
        size_t more = *cap ? 2 * *cap : 64;
        kpi_trajectory_point *np = realloc(t->points, more * sizeof *np);
        if (!np)
            return KPI_ERR_NOMEM;
        t->points = np;
        *cap = more;
    }
    const char *b = (const char *)sqlite3_column_text(s, 1);
    if (!(p.breakdown = strdup(b ? b : "")))
        return KPI_ERR_NOMEM;
    t->points[t->count++] = p;
    char when[24];
    column_copy(s, 4, when, sizeof when);
    if (strcmp(when, newest) > 0)
        memcpy(newest, when, sizeof when);
    return KPI_OK;
}

kpi_status kpi_history_trajectory(kpi_history *h, kpi_month m,
                                  kpi_trajectory **out, char *err,
                                  size_t err_size)
{
    if (err && err_size)
        err[0] = '\0';
    if (!h || !out || m.month < 1 || m.month > 12 || m.year < 2)
        return KPI_ERR_ARG;
    *out = NULL;
    kpi_trajectory *t = calloc(1, sizeof *t);
    if (!t)
        return KPI_ERR_NOMEM;
    t->month = m;
    if (h->schema == 0) {
        *out = t;
        return KPI_OK;
    }
    /* January of last year up to, not including, the report month. */
    char from[16], to[16];
    snprintf(from, sizeof from, "%04d-01", m.year - 1);
    snprintf(to, sizeof to, "%04d-%02d", m.year, m.month);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(h->db, figure_sql, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(s, 1, "forecast", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, from, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(s, 3, to, -1, SQLITE_TRANSIENT);
    }
    char newest[24] = "";
    size_t cap = 0;
    kpi_status st = KPI_OK;
    while (st == KPI_OK && rc == SQLITE_OK &&
           (rc = sqlite3_step(s)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        st = add_point(t, &cap, s, newest);
    }
    sqlite3_finalize(s);
    if (st == KPI_OK && rc != SQLITE_DONE)
        st = kpi_history_fail(h, err, err_size,
                              "cannot read the forecasts: %s",
                              kpi_history_errmsg(h));
    if (st != KPI_OK) {
        kpi_trajectory_free(t);
        return st;
    }
    /* "2026-09-30T..." as the workbooks write a date: "30-09-2026". */
    if (strlen(newest) >= 10)
        snprintf(t->as_of, sizeof t->as_of, "%.2s-%.2s-%.4s", newest + 8,
                 newest + 5, newest);
    *out = t;
    return KPI_OK;
}
