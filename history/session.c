/* session.c - a command's history session (kpi/history.h): the glue of
 * kpi report, distribute and export -o around the history, kept out of
 * the command (cli/ only parses, prints and calls). */
#include "kpi/history.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* TEST ONLY: the process ends at the Nth write (KPI_HISTORY_KILL_AT). */
static void kill_at(void *ctx, unsigned long n)
{
    if (n == *(const unsigned long *)ctx)
        raise(SIGKILL);
}

kpi_status kpi_history_session_open(kpi_history_session *s,
                                    const char *dataset_dir,
                                    const char *configured, kpi_month m,
                                    char *err, size_t err_size)
{
    memset(s, 0, sizeof *s);
    if (kpi_history_path(dataset_dir, configured, s->path, sizeof s->path) !=
        KPI_OK) {
        snprintf(err, err_size, "the history's path is too long");
        return KPI_ERR_RANGE;
    }
    kpi_history_options o = {NULL, NULL};
    const char *kill = getenv("KPI_HISTORY_KILL_AT");
    if (kill && (s->kill_at = strtoul(kill, NULL, 10)) > 0)
        o = (kpi_history_options){kill_at, &s->kill_at};
    kpi_status st = kpi_history_open(s->path, &o, &s->h, err, err_size);
    if (st == KPI_OK)
        st = kpi_history_trajectory(s->h, m, &s->trajectory, err, err_size);
    if (st != KPI_OK)
        kpi_history_session_close(s);
    return st;
}

kpi_status kpi_history_session_record(kpi_history_session *s,
                                      const char *command,
                                      const char *dataset_dir, kpi_month m,
                                      const kpi_figures *figs, char *err,
                                      size_t err_size)
{
    if (!s->h)
        return KPI_OK;
    char hash[17] = "";
    (void)kpi_history_input_hash(dataset_dir, hash); /* "" when unreadable */
    kpi_history_run_info info = {command, time(NULL), KPI_VERSION, hash};
    return kpi_history_record(s->h, m, &info, figs, err, err_size);
}

void kpi_history_session_close(kpi_history_session *s)
{
    kpi_trajectory_free(s->trajectory);
    kpi_history_close(s->h);
    s->trajectory = NULL;
    s->h = NULL;
}
