/*
 * main.c - the kpi command: the table of its commands, `kpi help`,
 * `kpi --version`, and the dispatch to the command's parser and run.
 */
#include "cli.h"

#include <string.h>

void cli_help_main(FILE *out)
{
    fputs(
        "usage: kpi COMMAND [OPTIONS]\n"
        "\n"
        "Management information for children and young people with special\n"
        "needs, computed from a dataset folder (measures.csv, kpi.ini, ...).\n"
        "\n"
        "Commands:\n"
        "  export DATASET --month YYYY-MM [--level fagudvalg] [-o FILE]\n"
        "                 compute every key figure for the month and write\n"
        "                 them in long form "
        "(kpi_id;period;breakdown;stat;value)\n"
        "  check DATASET  load the dataset and list every problem found\n"
        "  init DATASET   propose a kpi.ini for a folder of raw exports\n"
        "                 (never over an existing one)\n"
        "  report DATASET --month YYYY-MM -o DIR\n"
        "                 write the workbooks (oekonomi-YYYY-MM.xlsx) into "
        "DIR\n"
        "  distribute DATASET --month YYYY-MM [--outbox DIR | --send] "
        "[--resend]\n"
        "                 build each kpi.ini [recipient]'s pack and e-mail\n"
        "                 and write them as .eml files (default\n"
        "                 DATASET/outbox/) or send them over SMTP\n"
        "  budget-template -o FILE.xlsx\n"
        "                 write an empty budget workbook in the layout kpi\n"
        "                 reads best, for the finance staff to fill in\n"
        "  history DATASET [--figure ID]\n"
        "                 list the months and runs kept in the dataset's\n"
        "                 history (" KPI_HISTORY_NAME "), or print a figure's\n"
        "                 path through the months\n"
        "  demo [-o DIR]  run on the bundled example dataset for " DEMO_MONTH
        "\n"
        "                 and write DIR/noegletal-" DEMO_MONTH ".csv and the\n"
        "                 workbooks (default DIR: ./" DEMO_DIR ")\n"
        "  help [COMMAND] show this help or a command's help\n"
        "\n"
        "Options:\n"
        "  -h, --help     show help (also after a command: kpi export --help)\n"
        "  --version      print the version\n"
        "\n"
        "Exit status:\n"
        "  0  success\n"
        "  1  invalid input: every problem is printed as\n"
        "     file:line: column: message, and nothing is written\n"
        "  2  usage error: unknown command or option, missing or bad argument\n"
        "  3  I/O or environment error: the dataset folder does not exist,\n"
        "     a file cannot be read or written (nothing is half-written)\n"
        "  75 temporary failure (kpi distribute --send: no connection, a 4xx\n"
        "     reply, a timeout): run it again later to send the rest\n",
        out);
}

/* Every command: its options, its words (cli_style), its help and run. */
static const cli_command commands[] = {
    {"export",
     OPT(OPT_MONTH) | OPT(OPT_OUTPUT) | OPT(OPT_VERBOSE) | OPT(OPT_LEVEL) |
         OPT(OPT_NO_HISTORY),
     OPT(OPT_MONTH), 1, NULL, CLI_STYLE_MAIN, cli_help_export,
     cli_run_export},
    {"check", OPT(OPT_MONTH) | OPT(OPT_VERBOSE), 0, 1, NULL, CLI_STYLE_MAIN,
     cli_help_check, cli_run_check},
    {"report",
     OPT(OPT_MONTH) | OPT(OPT_OUTPUT) | OPT(OPT_JOBS) | OPT(OPT_VERBOSE) |
         OPT(OPT_NO_HISTORY),
     OPT(OPT_MONTH) | OPT(OPT_OUTPUT), 1, "OUTDIR", CLI_STYLE_REPORT,
     cli_help_report, cli_run_report},
    {"distribute",
     OPT(OPT_MONTH) | OPT(OPT_OUTBOX) | OPT(OPT_SEND) | OPT(OPT_RESEND) |
         OPT(OPT_VERBOSE) | OPT(OPT_RESEND_UNCERTAIN) | OPT(OPT_DRY_RUN) |
         OPT(OPT_NO_HISTORY),
     OPT(OPT_MONTH), 1, NULL, CLI_STYLE_MAIN, cli_help_distribute,
     cli_run_distribute},
    {"budget-template", OPT(OPT_OUTPUT), OPT(OPT_OUTPUT), 0, "FILE.xlsx",
     CLI_STYLE_BRIEF, cli_help_budget_template, cli_run_budget_template},
    {"demo", OPT(OPT_OUTPUT), 0, 0, NULL, CLI_STYLE_MAIN, cli_help_demo,
     cli_run_demo},
    {"init", OPT(OPT_VERBOSE), 0, 1, NULL, CLI_STYLE_MAIN, cli_help_init,
     cli_run_init},
    {"history", OPT(OPT_FIGURE), 0, 1, NULL, CLI_STYLE_MAIN, cli_help_history,
     cli_run_history},
};

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int cli_command_main(const char *name, int argc, char **argv)
{
    const cli_command *c = find_command(name);
    if (!c)
        return cli_usage(NULL,
                         name[0] == '-' ? "unknown option '%s'"
                                        : "unknown command '%s'",
                         name);
    cli_args a;
    int rc = cli_parse(c, argc, argv, &a);
    if (rc)
        return rc;
    if (a.help) {
        c->help(stdout);
        return CLI_EXIT_OK;
    }
    return c->run(c, &a);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage(NULL, "no command given (export, check, report, "
                               "distribute, history, demo, init, help)");
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
        (strcmp(name, "help") == 0 && argc == 2)) {
        cli_help_main(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0) {
        puts("kpi " KPI_VERSION);
        return CLI_EXIT_OK;
    }
    if (strcmp(name, "help") == 0) {
        const cli_command *c = find_command(argv[2]);
        if (!c || argc > 3)
            return cli_usage(NULL, "no help for '%s'", argv[2]);
        c->help(stdout);
        return CLI_EXIT_OK;
    }
    return cli_command_main(name, argc - 2, argv + 2);
}
