/* budget_template.c - the budget-template command, and the load options
 * that make every command read the budget through kpiread. */
#include "budget_template.h"
#include "cli.h"

#include "kpi/read.h"

#include <string.h>

void cli_help_budget_template(FILE *out)
{
    fputs("usage: kpi budget-template -o FILE.xlsx\n"
          "\n"
          "Writes an empty budget workbook in the layout kpi reads best: a\n"
          "Budget sheet with one row per measure type of the catalogue,\n"
          "Korrigeret budget, Helårspersoner, Gennemsnitspris and the\n"
          "months Jan..Dec (a twelfth of the annual budget until typed\n"
          "over), and a Danish Vejledning sheet. Save the filled-in\n"
          "workbook as budget.xlsx in the dataset folder.\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE   the workbook to write (required)\n"
          "  -h, --help          show this help\n",
          out);
}

int cli_run_budget_template(const cli_command *c, const cli_args *a)
{
    (void)c;
    const char *output = a->opt[OPT_OUTPUT];
    kpi_status st = kpi_budget_template_write(output);
    if (st != KPI_OK) {
        fprintf(stderr, "kpi: cannot write '%s': %s\n", output,
                kpi_strerror(st));
        return CLI_EXIT_ENV;
    }
    return CLI_EXIT_OK;
}

kpi_load_options kpi_cli_load_options(void)
{
    kpi_load_options o;
    memset(&o, 0, sizeof o);
    o.budget_reader = kpi_budget_read; /* ctx NULL: soffice from PATH */
    return o;
}
