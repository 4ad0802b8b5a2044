/* budget_template.c - the budget-template command, and the load options
 * that make every command read the budget through kpiread. */
#include "budget_template.h"

#include "kpi/read.h"

#include <string.h>

void kpi_cli_budget_template_help(FILE *out)
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

int kpi_cli_budget_template(int argc, char **argv)
{
    const char *output = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            kpi_cli_budget_template_help(stdout);
            return 0;
        }
        const char *value = NULL;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            value = i + 1 < argc ? argv[++i] : "";
        else if (strncmp(a, "--output=", 9) == 0)
            value = a + 9;
        else if (strncmp(a, "-o", 2) == 0 && a[2])
            value = a + 2;
        if (!value) {
            fprintf(stderr, "kpi: unknown argument '%s' for "
                            "'budget-template'\n", a);
            return 2;
        }
        if (output || !*value) {
            fprintf(stderr, "kpi: %s\n",
                    output ? "-o given more than once" : "-o needs a value");
            return 2;
        }
        output = value;
    }
    if (!output) {
        fputs("kpi: 'budget-template' needs -o FILE.xlsx\n", stderr);
        return 2;
    }
    kpi_status st = kpi_budget_template_write(output);
    if (st != KPI_OK) {
        fprintf(stderr, "kpi: cannot write '%s': %s\n", output,
                kpi_strerror(st));
        return 3;
    }
    return 0;
}

kpi_load_options kpi_cli_load_options(void)
{
    kpi_load_options o;
    memset(&o, 0, sizeof o);
    o.budget_reader = kpi_budget_read; /* ctx NULL: soffice from PATH */
    return o;
}
