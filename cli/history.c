/*
 * history.c - `kpi history DATASET [--figure ID]`, and the history of the
 * commands that record a month (report, distribute, export -o): opened
 * before anything is written, recorded once the command's own output is
 * in place (kpi/history.h, docs/HISTORY.md).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

void cli_help_history(FILE *out)
{
    fputs("usage: kpi history DATASET [--figure ID]\n"
          "\n"
          "Lists the months and runs kept in the dataset's history\n"
          "(DATASET/" KPI_HISTORY_NAME ", or kpi.ini's [history] path),\n"
          "which kpi report, kpi distribute and kpi export -o add to: each\n"
          "run's month, time, command, kpi version, input hash and rows,\n"
          "and whether it is the month's current run or superseded.\n"
          "\n"
          "With --figure ID it prints that figure's whole-year rows from\n"
          "every month's current run in long form, with the report month\n"
          "as the period: --figure forecast is the expected outturn as it\n"
          "stood month by month (kpi_id;period;breakdown;stat;value).\n"
          "\n"
          "Options:\n"
          "  --figure ID         print figure ID's path through the months\n"
          "  -h, --help          show this help\n",
          out);
}

int cli_history_open(const cli_args *a, const kpi_dataset *ds, kpi_month m,
                     kpi_history_session *out)
{
    memset(out, 0, sizeof *out);
    if (a->opt[OPT_NO_HISTORY] || getenv("KPI_NO_HISTORY"))
        return CLI_EXIT_OK;
    char err[512];
    kpi_status st = kpi_history_session_open(
        out, a->dataset, kpi_dataset_history_path(ds), m, err, sizeof err);
    if (st == KPI_OK)
        return CLI_EXIT_OK;
    fprintf(stderr,
            "kpi: %s; nothing written (--no-history runs without the "
            "history)\n",
            err);
    return cli_exit_code(st);
}

int cli_history_record(kpi_history_session *ch, const char *command,
                       const char *dataset, kpi_month m,
                       const kpi_figures *figs)
{
    char err[512];
    kpi_status st = kpi_history_session_record(ch, command, dataset, m, figs,
                                               err, sizeof err);
    if (st == KPI_OK)
        return CLI_EXIT_OK;
    fprintf(stderr,
            "kpi: %s; the history is as it was before this run (its other "
            "output is written)\n",
            err);
    return cli_exit_code(st);
}

int cli_run_history(const cli_command *c, const cli_args *a)
{
    /* kpi.ini may move the history ([history] path): the dataset is
     * loaded for it, its warnings left to kpi check. */
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    cli_load how = {"dataset folder", false, true, c->style, false, 1};
    kpi_dataset *ds = NULL;
    char path[4096], err[512] = "";
    int rc = diags ? cli_load_dataset(a->dataset, &how, diags, &ds) : cli_oom();
    kpi_history *h = NULL;
    kpi_status st = KPI_OK;
    if (rc == CLI_EXIT_OK)
        st = kpi_history_path(a->dataset, kpi_dataset_history_path(ds), path,
                              sizeof path);
    if (rc == CLI_EXIT_OK && st == KPI_OK)
        st = kpi_history_open_readonly(path, &h, err, sizeof err);
    if (rc == CLI_EXIT_OK && st == KPI_OK)
        st = a->opt[OPT_FIGURE]
                 ? kpi_history_write_figure(h, a->opt[OPT_FIGURE], stdout, err,
                                            sizeof err)
                 : kpi_history_write_runs(h, stdout, err, sizeof err);
    if (rc == CLI_EXIT_OK && st != KPI_OK) {
        fprintf(stderr, "kpi: %s\n", *err ? err : kpi_strerror(st));
        rc = cli_exit_code(st);
    }
    kpi_history_close(h);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return cli_figures_end(rc, NULL, NULL);
}
