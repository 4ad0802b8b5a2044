/*
 * report.h - `kpi report DATASET --month YYYY-MM -o OUTDIR`: writes the
 * workbooks of SPEC §8 into OUTDIR, all of them or none.
 */
#ifndef KPI_CLI_REPORT_H
#define KPI_CLI_REPORT_H

#include <stdio.h>

/* Runs the report command. argv[0] is the command's name ("report") and
 * argv[1..argc-1] its arguments, so main dispatches with
 * `return kpi_cli_report(argc - 1, argv + 1);`. Returns the exit status
 * of SPEC §8: 0 success, 1 invalid input, 2 usage, 3 I/O. */
int kpi_cli_report(int argc, char **argv);

/* The command's help text. */
void kpi_cli_report_help(FILE *out);

#endif
