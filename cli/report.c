/*
 * report.c - `kpi report DATASET --month YYYY-MM -o OUTDIR`: the dataset
 * loaded and computed here, every workbook of SPEC §8 written by
 * kpireport (kpi/report.h: kpi_report_write), all of them or none, and
 * the paths printed once they are in place.
 */
#include "cli.h"

#include "kpi/report.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

void cli_help_report(FILE *out)
{
    fputs(
        "usage: kpi report DATASET --month YYYY-MM -o OUTDIR\n"
        "\n"
        "Loads the dataset folder DATASET, computes every key figure for\n"
        "the report month and writes the workbooks into OUTDIR (created\n"
        "when missing):\n"
        "  noegletal-modtagere.xlsx   the key-figure-to-recipient map; an\n"
        "                             edited copy in DATASET is the map used\n"
        "  modtageroverblik.xlsx      the recipient overview\n"
        "  oekonomi-YYYY-MM.xlsx      the monthly economy workbook\n"
        "  lis-GROUP[-NAME]-YYYY-MM.xlsx\n"
        "                             one pack per [recipient] of kpi.ini\n"
        "                             (without any: one per group, team and\n"
        "                             caseworker), holding what the map gives\n"
        "                             the group, counts 1-4 as <5 and cells\n"
        "                             hidden to protect them as .. for\n"
        "                             fagudvalg and direktion\n"
        "\n"
        "All files or none: the workbooks are written to a hidden folder\n"
        "next to OUTDIR, which takes OUTDIR's place in one step when every\n"
        "one of them is complete. Existing files of the same name are\n"
        "replaced; other files in OUTDIR are kept.\n"
        "\n"
        "Options:\n"
        "  --month YYYY-MM     the report month (required)\n"
        "  -o, --output OUTDIR the folder to write to (required)\n"
        "  -j, --jobs N        write N workbooks at once (default: the\n"
        "                      environment's KPI_JOBS, else one per CPU);\n"
        "                      the files are the same whatever N is\n"
        CLI_HELP_VERBOSE
        "  --no-history        do not record the month in the history\n"
        "                      (" KPI_HISTORY_NAME "; kpi history --help)\n"
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 success, 1 invalid input (nothing written),\n"
        "2 usage error, 3 I/O or environment error (nothing half-written).\n",
        out);
}

/* A whole number from 1 to max, the value v of `shown` (an option or an
 * environment variable), into *out. */
static int count_of(const cli_command *c, const char *shown, const char *v,
                    unsigned long long max, const char *what,
                    unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*v < '0' || *v > '9' || *end || errno || n == 0 || n > max)
        return cli_usage(c, "%s: '%s' is not a number of %s", shown, v, what);
    *out = n;
    return CLI_EXIT_OK;
}

/* A row count from the environment variable `name` into *out (left 0,
 * kpi's default, when the variable is not set). Not in the help: the
 * variables are for tests, which reach the streamed path and the sheet's
 * limit on small data with them (docs/WORKBOOKS.md). */
static int env_rows(const cli_command *c, const char *name, size_t *out)
{
    const char *v = getenv(name);
    unsigned long long n = 0;
    int rc = v ? count_of(c, name, v, SIZE_MAX, "rows", &n) : CLI_EXIT_OK;
    if (v && rc == CLI_EXIT_OK)
        *out = (size_t)n;
    return rc;
}

int cli_jobs(const cli_command *c, const cli_args *a, unsigned *out)
{
    const char *v = a->opt[OPT_JOBS];
    const char *shown = v ? "-j" : "KPI_JOBS";
    if (!v)
        v = getenv("KPI_JOBS");
    unsigned long long n = 0;
    int rc = v && *v ? count_of(c, shown, v, 1024, "jobs from 1 to 1024", &n)
                     : CLI_EXIT_OK;
    if (v && *v && rc == CLI_EXIT_OK)
        *out = (unsigned)n;
    return rc;
}

int cli_run_report(const cli_command *c, const cli_args *a)
{
    kpi_report_options o = {.dataset_dir = a->dataset,
                            .outdir = a->opt[OPT_OUTPUT],
                            .notify = cli_notify(),
                            .diags = kpi_diagnostics_new(NULL)};
    int rc = env_rows(c, "KPI_STREAM_ROWS", &o.limits.stream_rows);
    if (rc || (rc = env_rows(c, "KPI_SHEET_ROWS", &o.limits.sheet_rows)) ||
        (rc = cli_jobs(c, a, &o.jobs)))
        return cli_compare_diags(o.diags, a, rc, NULL); /* OK is 0 */
    kpi_month m;
    kpi_dataset *ds;
    kpi_figures *figs; /* set by cli_figures */
    rc = cli_figures(c, a, &m, false, &ds, &figs);
    kpi_history_session hist = {0};
    if (rc == CLI_EXIT_OK && !(rc = cli_history_open(a, ds, m, &hist)))
        o.trajectory = hist.trajectory; /* o.diags NULL: via the notify */
    if (rc == CLI_EXIT_OK)
        rc = cli_exit_code(kpi_report_write(ds, figs, m, &o));
    rc = cli_compare_diags(o.diags, a, rc, "; nothing written");
    if (rc == CLI_EXIT_OK)
        rc = cli_history_record(&hist, "report", a->dataset, m, figs);
    kpi_history_session_close(&hist);
    return cli_figures_end(rc, ds, figs);
}
