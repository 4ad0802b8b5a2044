/*
 * budget_template.h - the budget loader hook the commands that load a
 * dataset hand to libkpi (the budget-template command itself is in
 * cli.h).
 */
#ifndef KPI_CLI_BUDGET_TEMPLATE_H
#define KPI_CLI_BUDGET_TEMPLATE_H

#include "kpi.h"

/* Load options that read budget.xlsx / .xls / .csv through kpiread. */
kpi_load_options kpi_cli_load_options(void);

#endif
