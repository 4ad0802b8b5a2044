/* demo.c - `kpi demo`: the bundled example, its export and workbooks. */
#include "cli.h"

#include "kpi/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void cli_help_demo(FILE *out)
{
    fputs("usage: kpi demo [-o DIR]\n"
          "\n"
          "Runs kpi on the example dataset that comes with it\n"
          "(" KPI_EXAMPLE_SUBDIR " of the prefix kpi is installed in)\n"
          "for its report month " DEMO_MONTH ", writes the key figures to\n"
          "DIR/noegletal-" DEMO_MONTH ".csv (DIR is created when needed;\n"
          "default ./" DEMO_DIR ") and prints a few headline figures.\n"
          "\n"
          "Options:\n"
          "  -o, --output DIR    the folder to write to\n"
          "  -h, --help          show this help\n"
          "\n"
          "Environment:\n"
          "  KPI_EXAMPLE_DIR     the example's folder, when it is not where\n"
          "                      kpi is installed\n",
          out);
}

static void print_headline(const kpi_figures *figs, const char *label,
                           const char *kpi_id, const char *period,
                           const char *stat, const char *unit)
{
    const kpi_row *r = kpi_figures_find(figs, kpi_id, period, NULL, NULL, stat);
    if (!r) {
        printf("  %-40s not available\n", label);
        return;
    }
    char buf[48];
    kpi_row_format_value(r, buf);
    printf("  %-40s %14s%s\n", label, buf, unit);
}

static void print_summary(const kpi_dataset *ds, const kpi_figures *figs,
                          const char *path, const char *example)
{
    const char *muni = kpi_dataset_municipality(ds);
    size_t measures = kpi_dataset_measure_count(ds);
    size_t rows = kpi_figures_row_count(figs);
    printf("kpi demo: the example dataset (%s%s%zu %s), " DEMO_MONTH_NAME ".\n",
           muni, *muni ? ", " : "", measures,
           cli_plural(measures, "measure", "measures"));
    printf("Wrote %s: %zu %s of key figures in long form.\n\n", path, rows,
           cli_plural(rows, "row", "rows"));
    printf("Headlines for %s:\n", DEMO_MONTH);
    print_headline(figs, "Placed children on " DEMO_LAST_DAY ":",
                   "placed_children", DEMO_LAST_DAY, "count", "");
    print_headline(figs, "Expected outturn (forecast) " DEMO_YEAR ":",
                   "forecast", DEMO_YEAR, "amount", " kr.");
    print_headline(figs, "Annual budget " DEMO_YEAR ":", "forecast", DEMO_YEAR,
                   "budget", " kr.");
    print_headline(figs, "Deviation (+ overspend, - underspend):", "forecast",
                   DEMO_YEAR, "deviation", " kr.");
    const kpi_row *share =
        kpi_figures_find(figs, "forecast", DEMO_YEAR, NULL, NULL, "share");
    if (share && share->kind == KPI_VALUE_REAL)
        printf("  %-40s %+13.1f %%\n",
               "Deviation in percent of the budget:", share->real * 100.0);
    printf("\nTry: kpi export %s --month %s\n", example, DEMO_MONTH);
}

/* DIR/noegletal-MONTH.csv, DIR made first. */
static int write_demo_export(const kpi_figures *figs, const char *dir,
                             char **path)
{
    int err;
    if (kpi_folder_make(dir, &err) != KPI_OK) {
        fprintf(stderr, "kpi: cannot create folder '%s': %s\n", dir,
                strerror(err));
        return CLI_EXIT_ENV;
    }
    if (!(*path = kpi_file_path(dir, "noegletal-" DEMO_MONTH ".csv")))
        return cli_oom();
    return cli_write_export(figs, *path);
}

int cli_run_demo(const cli_command *c, const cli_args *a)
{
    const char *dir = a->opt[OPT_OUTPUT] ? a->opt[OPT_OUTPUT] : DEMO_DIR;
    kpi_month m;
    if (kpi_month_parse(DEMO_MONTH, &m) != KPI_OK)
        return CLI_EXIT_ENV; /* cannot happen: the constant is valid */
    char *example = NULL, *looked = NULL;
    kpi_status st = kpi_example_find(NULL, &example, &looked);
    bool absent = st == KPI_ERR_NOT_AVAILABLE;
    if (st != KPI_OK)
        fprintf(stderr, "kpi: cannot find the example dataset%s%s\n",
                absent
                    ? " (it is installed with kpi as PREFIX/" KPI_EXAMPLE_SUBDIR
                      "); looked in:"
                    : ": ",
                absent ? "" : kpi_strerror(st));
    for (const char *l = looked; absent && *l; l = strchr(l, '\n') + 1)
        fprintf(stderr, "  %.*s\n", (int)strcspn(l, "\n"), l);
    if (absent)
        fputs("Set KPI_EXAMPLE_DIR to its folder if it is elsewhere.\n",
              stderr);
    kpi_xfree(NULL, looked);
    if (st != KPI_OK)
        return CLI_EXIT_ENV;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    kpi_figures *figs = NULL;
    char *path = NULL;
    if (!diags) {
        kpi_xfree(NULL, example);
        return cli_oom();
    }
    /* The example carries deliberate registration slips to show the
     * data-quality checks; a count is enough here (the report below
     * prints them grouped, one line a kind), `kpi check --verbose` lists
     * every one. */
    cli_load how = {"the example dataset", false, false, c->style, false, 1};
    int rc = cli_load_dataset(example, &how, diags, &ds);
    size_t warnings = kpi_diagnostics_count(diags);
    if (rc == CLI_EXIT_OK && warnings)
        fprintf(stderr,
                "kpi: the example has %zu %s; 'kpi check --verbose %s' "
                "lists every one\n",
                warnings, cli_plural(warnings, "warning", "warnings"), example);
    if (rc == CLI_EXIT_OK)
        rc = cli_compute(ds, m, false, 1, &figs);
    if (rc == CLI_EXIT_OK)
        rc = write_demo_export(figs, dir, &path);
    /* The workbooks too, through the same command a controller runs;
     * without the history: the example is installed read-only, and a
     * demo is no month's run (docs/HISTORY.md). */
    char *report_argv[] = {example, "--month",   (char *)DEMO_MONTH,
                           "-o",    (char *)dir, "--no-history",
                           NULL};
    if (rc == CLI_EXIT_OK)
        rc = cli_command_main("report", 6, report_argv);
    if (rc == CLI_EXIT_OK) {
        printf("Wrote the workbooks of 'kpi report' to %s/.\n", dir);
        print_summary(ds, figs, path, example);
        if (fflush(stdout) != 0) {
            fprintf(stderr, "kpi: cannot write to standard output: %s\n",
                    strerror(errno));
            rc = CLI_EXIT_ENV;
        }
    }
    free(path);
    kpi_xfree(NULL, example);
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return rc;
}
