/*
 * report.c - `kpi report DATASET --month YYYY-MM -o OUTDIR`: the dataset
 * loaded and computed here, every workbook of SPEC §8 written by
 * kpireport (kpi/report.h: kpi_report_write), all of them or none, and
 * the paths printed once they are in place.
 */
#include "cli.h"

#include "kpi/report.h"

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
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 success, 1 invalid input (nothing written),\n"
        "2 usage error, 3 I/O or environment error (nothing half-written).\n",
        out);
}

int cli_run_report(const cli_command *c, const cli_args *a)
{
    kpi_month m;
    kpi_dataset *ds;
    kpi_figures *figs;
    int rc = cli_figures(c, a, &m, &ds, &figs);
    if (rc == CLI_EXIT_OK) {
        kpi_report_options o = {.dataset_dir = a->dataset,
                                .outdir = a->opt[OPT_OUTPUT],
                                .notify = cli_notify()};
        rc = cli_exit_code(kpi_report_write(ds, figs, m, &o));
    }
    return cli_figures_end(rc, ds, figs);
}
