/*
 * history.h - kpihistory's own header: the open history and the helpers
 * its files share (store.c, query.c).
 */
#ifndef KPI_HISTORY_PRIVATE_H
#define KPI_HISTORY_PRIVATE_H

#include "kpi/history.h"

#include <sqlite3.h>
#include <unistd.h>

struct kpi_history {
    sqlite3 *db;
    char *path;  /* for messages */
    int schema;  /* PRAGMA user_version: 0 new, 1 .. KPI_HISTORY_SCHEMA */
    kpi_history_options o;
    unsigned long writes; /* statements that wrote, for the test hook */
};

/* Writes "PATH: " and the formatted message into err and returns the
 * kpi_status of h's last SQLite error. */
kpi_status kpi_history_fail(kpi_history *h, char *err, size_t err_size,
                            const char *fmt, ...)
    KPI_PRINTF(4, 5);
/* SQLite's words for h's last error. */
const char *kpi_history_errmsg(const kpi_history *h);

#endif
