/* dataset.c - loading a dataset and computing its figures for the
 * commands, with every diagnostic printed and the outcome as an exit
 * status. */
#include "cli.h"

#include "kpi/read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A missing folder is not a data problem but one of the environment (a
 * wrong path, an unmounted share): exit status 3 with a plain message. */
int cli_check_folder(const char *dir, const cli_load *how)
{
    struct stat st;
    int found = stat(dir, &st) == 0;
    if (found && S_ISDIR(st.st_mode))
        return CLI_EXIT_OK;
    if (how->style == CLI_STYLE_REPORT || !found)
        fprintf(stderr, "kpi: cannot open %s '%s': %s\n", how->what, dir,
                found ? "not a folder" : strerror(errno));
    else
        fprintf(stderr, "kpi: %s '%s' is not a folder\n", how->what, dir);
    return CLI_EXIT_ENV;
}

static void print_diags(const kpi_diagnostics *diags, unsigned flags)
{
    if (diags && kpi_diagnostics_print_grouped(diags, flags, stderr) != KPI_OK)
        /* no memory to group them: list them */
        (void)kpi_diagnostics_print_grouped(
            diags, flags | KPI_DIAG_EVERY_LINE, stderr);
}

int cli_compare_diags(kpi_diagnostics *d, const cli_args *a, int rc,
                      const char *tail)
{
    print_diags(d, a->opt[OPT_VERBOSE] ? KPI_DIAG_EVERY_LINE : 0u);
    if (tail && d && kpi_diagnostics_error_count(d))
        fprintf(stderr, "kpi: sammenligning/ or kpi.ini's [compare] has "
                        "errors (above)%s\n", tail);
    kpi_diagnostics_free(d);
    return rc;
}

int cli_load_dataset(const char *dir, const cli_load *how,
                     kpi_diagnostics *diags, kpi_dataset **out)
{
    *out = NULL;
    int rc = cli_check_folder(dir, how);
    if (rc)
        return rc;
    /* budget.xlsx / .xls / .csv through kpiread; ctx NULL: soffice from
     * PATH for an .xls with formulas. */
    kpi_load_options lo = {.budget_reader = kpi_budget_read,
                           .threads = how->jobs};
    kpi_status st = kpi_dataset_load(dir, &lo, out, diags);
    print_diags(diags, (how->list_warnings ? 0u : KPI_DIAG_ERRORS_ONLY) |
                               (how->verbose ? KPI_DIAG_EVERY_LINE : 0u));
    size_t errors = kpi_diagnostics_error_count(diags);
    if (st == KPI_OK && errors == 0)
        return CLI_EXIT_OK;
    kpi_dataset_free(*out);
    *out = NULL;
    /* The commands that write end a failure with "nothing written"; check
     * prints its own summary. */
    if (st == KPI_OK || st == KPI_ERR_INPUT) {
        if (how->check)
            ;
        else if (errors || how->style == CLI_STYLE_REPORT)
            fprintf(stderr, "kpi: %zu %s; nothing written\n", errors,
                    cli_plural(errors, "error", "errors"));
        else
            fputs("kpi: invalid input; nothing written\n", stderr);
        return CLI_EXIT_INPUT;
    }
    fprintf(stderr, "kpi: cannot load '%s': %s%s\n", dir, kpi_strerror(st),
            how->check ? "" : "; nothing written");
    return cli_exit_code(st);
}

bool cli_warn_reimbursement(const kpi_dataset *ds, int year)
{
    kpi_reimbursement_source src;
    kpi_dataset_reimbursement(ds, year, &src);
    char text[2048]; /* the warning is some 400 bytes */
    if (kpi_reimbursement_warning(&src, text, sizeof text) == 0)
        return false;
    fprintf(stderr, "kpi: warning: %s\n", text);
    return true;
}

int cli_compute(const kpi_dataset *ds, kpi_month m, bool rows_only,
                unsigned jobs, kpi_figures **out)
{
    kpi_compute_options o = {.rows_only = rows_only, .threads = jobs};
    kpi_status st = kpi_figures_compute(ds, m, &o, out);
    if (st == KPI_OK)
        return CLI_EXIT_OK;
    fprintf(stderr,
            "kpi: cannot compute the key figures: %s; nothing written\n",
            kpi_strerror(st));
    return cli_exit_code(st);
}

int cli_figures(const cli_command *c, const cli_args *a, kpi_month *m,
                bool rows_only, kpi_dataset **ds, kpi_figures **figs)
{
    *ds = NULL;
    *figs = NULL;
    unsigned jobs = kpi_cpus_available();
    int rc = cli_month(c, a->opt[OPT_MONTH], m);
    if (rc || (rc = cli_jobs(c, a, &jobs)))
        return rc;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    if (!diags)
        return cli_oom();
    cli_load how = {"dataset folder", true, false, c->style,
                    a->opt[OPT_VERBOSE] != NULL, jobs};
    rc = cli_load_dataset(a->dataset, &how, diags, ds);
    if (rc == CLI_EXIT_OK) {
        (void)cli_warn_reimbursement(*ds, m->year);
        rc = cli_compute(*ds, *m, rows_only, jobs, figs);
    }
    if (rc != CLI_EXIT_OK) {
        kpi_dataset_free(*ds);
        *ds = NULL;
    }
    kpi_diagnostics_free(diags);
    return rc;
}

int cli_figures_end(int rc, kpi_dataset *ds, kpi_figures *figs)
{
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
    if (rc == CLI_EXIT_OK && fflush(stdout) != 0)
        rc = CLI_EXIT_ENV;
    return rc;
}
