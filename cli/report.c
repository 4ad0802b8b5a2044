/*
 * report.c - the report command: loads a dataset, computes the figures
 * for a month and renders every workbook of SPEC §8 with kpixlsx.
 *
 * All or nothing (cli/atomic.c, cli_atomic_dir): every workbook is
 * first written and synced into a fresh hidden folder next to OUTDIR (in
 * OUTDIR's parent, so on the same file system). Only when all of them were
 * written does that folder, completed with hard links to OUTDIR's other
 * files, take OUTDIR's place in one step (renameat2 RENAME_EXCHANGE; a new
 * OUTDIR: a plain rename). A reader of OUTDIR, or a kill at any moment,
 * finds OUTDIR either as it was or with every new workbook in it; when a
 * workbook fails, OUTDIR is not touched. Where that one step is impossible
 * (a mount point, a parent that is not writable, a file system without
 * RENAME_EXCHANGE, ...) kpi warns and renames the workbooks in one by one,
 * each still whole; should one of those renames fail, kpi says how many
 * were replaced and exits with 3.
 */
#include "report.h"
#include "budget_template.h"
#include "print.h"

#include "kpi.h"
#include "kpi/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { RC_OK = 0, RC_INPUT = 1, RC_USAGE = 2, RC_ENV = 3 };

void kpi_cli_report_help(FILE *out)
{
    fputs("usage: kpi report DATASET --month YYYY-MM -o OUTDIR\n"
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
          "                             the group, counts 1-4 as <5 for\n"
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
          "  -h, --help          show this help\n"
          "\n"
          "Exit status: 0 success, 1 invalid input (nothing written),\n"
          "2 usage error, 3 I/O or environment error (nothing half-written).\n",
          out);
}

static int usage(const char *msg, const char *arg)
{
    fprintf(stderr, "kpi report: %s%s%s%s\ntry 'kpi report --help'\n", msg,
            arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
    return RC_USAGE;
}

typedef struct report_args {
    const char *dataset, *month, *outdir;
    bool help;
} report_args;

static int take_value(int argc, char **argv, int *i, const char *arg,
                      size_t name_len, const char **slot, const char *name)
{
    const char *v = NULL;
    if (arg[name_len] == '=')
        v = arg + name_len + 1;
    else if (arg[name_len] == '\0' && *i + 1 < argc)
        v = argv[++*i];
    else if (arg[name_len] == '\0')
        return usage("this option needs a value:", name);
    else if (name_len == 2) /* -oDIR */
        v = arg + 2;
    else
        return usage("unknown option", arg);
    if (*slot)
        return usage("option given more than once:", name);
    if (!*v)
        return usage("empty value for", name);
    *slot = v;
    return RC_OK;
}

static int parse(int argc, char **argv, report_args *a)
{
    memset(a, 0, sizeof *a);
    bool no_more_options = false;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        int rc = RC_OK;
        if (!no_more_options && !strcmp(s, "--")) {
            no_more_options = true;
        } else if (!no_more_options && (!strcmp(s, "-h") ||
                                        !strcmp(s, "--help"))) {
            a->help = true;
            return RC_OK;
        } else if (!no_more_options && !strncmp(s, "--month", 7)) {
            rc = take_value(argc, argv, &i, s, 7, &a->month, "--month");
        } else if (!no_more_options && !strncmp(s, "--output", 8)) {
            rc = take_value(argc, argv, &i, s, 8, &a->outdir, "-o");
        } else if (!no_more_options && !strncmp(s, "-o", 2)) {
            rc = take_value(argc, argv, &i, s, 2, &a->outdir, "-o");
        } else if (!no_more_options && s[0] == '-' && s[1]) {
            rc = usage("unknown option", s);
        } else if (a->dataset) {
            rc = usage("unexpected argument", s);
        } else {
            a->dataset = s;
        }
        if (rc)
            return rc;
    }
    if (!a->dataset)
        return usage("needs a DATASET folder", NULL);
    if (!a->month)
        return usage("needs --month YYYY-MM", NULL);
    if (!a->outdir)
        return usage("needs -o OUTDIR", NULL);
    return RC_OK;
}

static int load(const char *dir, kpi_month m, kpi_diagnostics *diags,
                kpi_dataset **ds, kpi_figures **figs)
{
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "kpi: cannot open dataset folder '%s': %s\n", dir,
                errno ? strerror(errno) : "not a folder");
        return RC_ENV;
    }
    /* The same loader as export and check: budget.xlsx / .xls too. */
    kpi_load_options lo = kpi_cli_load_options();
    kpi_status s = kpi_dataset_load(dir, &lo, ds, diags);
    size_t n = kpi_diagnostics_count(diags);
    for (size_t i = 0; i < n; i++)
        kpi_diagnostic_print(kpi_diagnostics_get(diags, i), stderr);
    size_t errors = kpi_diagnostics_error_count(diags);
    if (s == KPI_ERR_INPUT || (s == KPI_OK && errors)) {
        fprintf(stderr, "kpi: %zu error%s; nothing written\n", errors,
                errors == 1 ? "" : "s");
        return RC_INPUT;
    }
    if (s != KPI_OK) {
        fprintf(stderr, "kpi: cannot load '%s': %s; nothing written\n", dir,
                kpi_strerror(s));
        return s == KPI_ERR_NOMEM || s == KPI_ERR_IO ? RC_ENV : RC_INPUT;
    }
    s = kpi_figures_compute(*ds, m, NULL, figs);
    if (s != KPI_OK) {
        fprintf(stderr, "kpi: cannot compute the key figures: %s; "
                        "nothing written\n",
                kpi_strerror(s));
        return s == KPI_ERR_INPUT || s == KPI_ERR_RANGE ? RC_INPUT : RC_ENV;
    }
    return RC_OK;
}

int kpi_cli_report(int argc, char **argv)
{
    report_args a;
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    if (a.help) {
        kpi_cli_report_help(stdout);
        return RC_OK;
    }
    kpi_month m;
    if (kpi_month_parse(a.month, &m) != KPI_OK)
        return usage("bad month (expected YYYY-MM, for example 2026-10):",
                     a.month);
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    if (!diags) {
        fputs("kpi: out of memory\n", stderr);
        return RC_ENV;
    }
    kpi_dataset *ds = NULL;
    kpi_figures *figs = NULL;
    errno = 0;
    rc = load(a.dataset, m, diags, &ds, &figs);
    if (rc == RC_OK) {
        kpi_report_options o = {.dataset_dir = a.dataset,
                                .outdir = a.outdir,
                                .notify = cli_notify()};
        kpi_status st = kpi_report_write(ds, figs, m, &o);
        rc = st == KPI_OK ? RC_OK : st == KPI_ERR_INPUT ? RC_INPUT : RC_ENV;
    }
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    if (rc == RC_OK && fflush(stdout) != 0)
        rc = RC_ENV;
    return rc;
}
