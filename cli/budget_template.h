/*
 * budget_template.h - `kpi budget-template -o FILE.xlsx`: writes the empty
 * budget workbook in the layout kpi reads best (SPEC §3.9), and the
 * budget loader hook the commands that load a dataset hand to libkpi.
 */
#ifndef KPI_CLI_BUDGET_TEMPLATE_H
#define KPI_CLI_BUDGET_TEMPLATE_H

#include "kpi.h"

#include <stdio.h>

/* Runs the command; argv[0] is "budget-template". Returns the exit status
 * of SPEC §8: 0 written, 2 usage, 3 cannot write. */
int kpi_cli_budget_template(int argc, char **argv);
void kpi_cli_budget_template_help(FILE *out);

/* Load options that read budget.xlsx / .xls / .csv through kpiread. */
kpi_load_options kpi_cli_load_options(void);

#endif
