/* budget_template.c - the budget-template command. */
#include "cli.h"

#include "kpi/read.h"

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
