/* export.c - `kpi export` and `kpi check`. */
#include "cli.h"

#include "kpi/report.h"

#include <errno.h>
#include <string.h>

void cli_help_export(FILE *out)
{
    fputs("usage: kpi export DATASET --month YYYY-MM [--level fagudvalg]\n"
          "                  [-o FILE]\n"
          "\n"
          "Loads the dataset folder DATASET, computes every key figure for\n"
          "the report month and writes them in long form: ';'-separated\n"
          "UTF-8 with the header kpi_id;period;breakdown;stat;value.\n"
          "Warnings go to stderr; any error stops the run before anything\n"
          "is written.\n"
          "\n"
          "Options:\n"
          "  --month YYYY-MM     the report month (required);\n"
          "                      also --month=YYYY-MM\n"
          "  --level fagudvalg   only what the fagudvalg pack shows, as\n"
          "                      suppressed there: the file municipalities\n"
          "                      share and read back from sammenligning/\n"
          "                      (docs/COMPARE.md)\n"
          "  -o, --output FILE   write to FILE instead of standard output.\n"
          "                      FILE appears whole or not at all: it is\n"
          "                      written to a temporary file in the same\n"
          "                      folder and renamed when complete; the\n"
          "                      month's figures are then also recorded\n"
          "                      in the dataset's history (kpi history)\n"
          "  --no-history        with -o: do not record them\n" CLI_HELP_VERBOSE
          "  -h, --help          show this help\n",
          out);
}

void cli_help_check(FILE *out)
{
    fputs("usage: kpi check DATASET [--month YYYY-MM]\n"
          "\n"
          "Loads the dataset folder DATASET and prints every error and\n"
          "warning as file:line: column: message; the same problem on\n"
          "many rows is one line with the count and the first lines\n"
          "(--verbose lists every row). Exits with 1 when there\n"
          "is at least one error, else prints a one-line summary and exits\n"
          "with 0. Writes no files.\n"
          "\n"
          "It also warns when kpi.ini has no [reimbursement.YEAR] for the\n"
          "year of --month, or without it the year of the newest period in\n"
          "postings.csv: the BL § 198 thresholds are regulated every year.\n"
          "With --month it also reads the comparison files of\n"
          "sammenligning/ (docs/COMPARE.md) and reports their problems.\n"
          "\n"
          "Options:\n"
          "  --month YYYY-MM     the report month whose year is checked;\n"
          "                      also --month=YYYY-MM\n" CLI_HELP_VERBOSE
          "  -h, --help          show this help\n",
          out);
}

static int write_file(const kpi_export_job *j, const char *path)
{
    int err;
    kpi_status st = kpi_export_job_write_file(j, path, &err);
    if (st == KPI_OK)
        return CLI_EXIT_OK;
    fprintf(stderr, "kpi: cannot write '%s': %s\n", path,
            err ? strerror(err) : kpi_strerror(st));
    return CLI_EXIT_ENV;
}

int cli_write_export(const kpi_figures *figs, const char *path)
{
    kpi_export_job *j = NULL;
    kpi_status st = kpi_export_job_new(NULL, NULL, figs, (kpi_month){0, 0},
                                       false, NULL, NULL, &j);
    int rc = st == KPI_OK ? write_file(j, path) : cli_exit_code(st);
    kpi_export_job_free(j);
    return rc;
}

static int write_stdout(const kpi_export_job *j)
{
    errno = 0;
    kpi_status st = kpi_export_job_write(j, stdout);
    if (st == KPI_OK && (fflush(stdout) != 0 || ferror(stdout)))
        st = KPI_ERR_IO;
    if (st == KPI_OK)
        return CLI_EXIT_OK;
    fprintf(stderr, "kpi: cannot write to standard output: %s\n",
            errno ? strerror(errno) : kpi_strerror(st));
    return CLI_EXIT_ENV;
}

int cli_run_export(const cli_command *c, const cli_args *a)
{
    kpi_month m;
    kpi_dataset *ds;
    kpi_figures *figs;
    const char *level = a->opt[OPT_LEVEL];
    if (level && strcmp(level, "fagudvalg") != 0)
        return cli_usage(c,
                         "--level must be fagudvalg (the pack "
                         "municipalities share), not '%s'",
                         level);
    int rc = cli_figures(c, a, &m, true, &ds, &figs);
    kpi_export_job *j = NULL;
    if (rc == CLI_EXIT_OK) {
        kpi_notify n = cli_notify();
        kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
        kpi_status st = diags ? kpi_export_job_new(a->dataset, ds, figs, m,
                                                   level != NULL, &n, diags, &j)
                              : KPI_ERR_NOMEM;
        rc = cli_compare_diags(diags, a, cli_exit_code(st), NULL);
    }
    /* Only an export of the month's figures to a file is a run worth
     * keeping; one to standard output is a look, and the shared
     * fagudvalg file (--level) is not the month's figures. */
    kpi_history_session hist = {0};
    if (rc == CLI_EXIT_OK && a->opt[OPT_OUTPUT] && !level)
        rc = cli_history_open(a, ds, m, &hist);
    if (rc == CLI_EXIT_OK)
        rc = a->opt[OPT_OUTPUT] ? write_file(j, a->opt[OPT_OUTPUT])
                                : write_stdout(j);
    if (rc == CLI_EXIT_OK)
        rc = cli_history_record(&hist, "export", a->dataset, m, figs);
    kpi_history_session_close(&hist);
    kpi_export_job_free(j);
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
    return rc;
}

int cli_run_check(const cli_command *c, const cli_args *a)
{
    kpi_month m = {0, 0};
    int rc = a->opt[OPT_MONTH] ? cli_month(c, a->opt[OPT_MONTH], &m) : 0;
    if (rc)
        return rc;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    if (!diags)
        return cli_oom();
    cli_load how = {"dataset folder", true, true, c->style,
                    a->opt[OPT_VERBOSE] != NULL, kpi_cpus_available()};
    kpi_dataset *ds = NULL;
    rc = cli_load_dataset(a->dataset, &how, diags, &ds);
    size_t errors = kpi_diagnostics_error_count(diags);
    size_t warnings = kpi_diagnostics_count(diags) - errors;
    if (rc == CLI_EXIT_OK) {
        int year = m.year ? m.year : kpi_dataset_books_year(ds);
        if (year && cli_warn_reimbursement(ds, year))
            warnings++;
        kpi_diagnostics *cd = m.year ? kpi_diagnostics_new(NULL) : NULL;
        if (m.year)
            rc = cli_exit_code(
                cd ? kpi_comparison_check(ds, a->dataset, m, cd) : KPI_ERR_NOMEM);
        rc = cli_compare_diags(cd, a, rc, "");
        size_t n = kpi_dataset_measure_count(ds);
        if (rc == CLI_EXIT_OK)
            fprintf(stderr, "measures.csv: %zu %s; 0 errors, %zu %s\n", n,
                    cli_plural(n, "measure", "measures"), warnings,
                    cli_plural(warnings, "warning", "warnings"));
    } else if (rc == CLI_EXIT_INPUT) {
        fprintf(stderr, "kpi: %zu %s, %zu %s\n", errors,
                cli_plural(errors, "error", "errors"), warnings,
                cli_plural(warnings, "warning", "warnings"));
    }
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return rc;
}
