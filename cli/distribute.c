/*
 * distribute.c - `kpi distribute` (SPEC §9): the dataset loaded and
 * computed here, the run handed to kpidistribute (kpi/distribute.h) with
 * the password from the environment, and what it reports printed.
 */
#include "cli.h"

#include "kpi/distribute.h"

#include <stdlib.h>

void cli_help_distribute(FILE *out)
{
    fputs(
        "usage: kpi distribute DATASET --month YYYY-MM [--outbox DIR | "
        "--send]\n"
        "                      [--resend]\n"
        "\n"
        "Builds the pack of every [recipient KEY] section of DATASET/kpi.ini\n"
        "(SPEC §6: name, group, email; team for an afdelingsleder, caseworker\n"
        "for a sagsbehandler) and an e-mail for it: a Danish subject and body\n"
        "with the recipient's headline figures and red lights, the pack\n"
        "attached. A group whose cadence (the recipient map) does not fall in\n"
        "the month is skipped, e.g. a quarterly fagudvalg outside March, "
        "June,\n"
        "September and December.\n"
        "\n"
        "Without --send the messages are written for review, one .eml file\n"
        "and its pack per recipient, into DIR (default DATASET/outbox/).\n"
        "\n"
        "With --send they are delivered over SMTP from kpi.ini's [smtp]\n"
        "section (host, port (default 587), from, user); the password is read\n"
        "from the environment variable " KPI_SMTP_PASSWORD_VAR
        ". TLS (STARTTLS, or\n"
        "implicit TLS on port 465) is required unless the host is loopback.\n"
        "Every accepted message is recorded in DATASET/" KPI_SENDLOG_NAME
        ", and\n"
        "a run sends only the recipients not yet recorded for the month, so\n"
        "after a failure running the same command again sends exactly the\n"
        "rest.\n"
        "\n"
        "Options:\n"
        "  --month YYYY-MM     the report month (required)\n"
        "  --outbox DIR        write the messages to DIR instead of\n"
        "                      DATASET/outbox/\n"
        "  --send              deliver over SMTP\n"
        "  --resend            with --send: send to every recipient again,\n"
        "                      even those the log lists for the month\n"
        "  --no-history        do not record the month's figures in the\n"
        "                      dataset's history (see kpi report --help)\n"
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 success (or nothing left to send), 1 invalid input\n"
        "(kpi.ini's recipients or [smtp]: nothing written or sent), 2 usage\n"
        "error, 3 I/O or environment error: a file cannot be "
        "written, " KPI_SMTP_PASSWORD_VAR "\n"
        "is missing, or the server did not take some messages (every\n"
        "recipient was still tried; run again to send the rest).\n",
        out);
}

static void print_sent(void *ctx, const char *key, const char *email)
{
    (void)ctx;
    printf("sent: [recipient %s] <%s>\n", key, email);
}

int cli_run_distribute(const cli_command *c, const cli_args *a)
{
    bool send = a->opt[OPT_SEND], resend = a->opt[OPT_RESEND];
    if (send && a->opt[OPT_OUTBOX])
        return cli_usage(c, "--outbox and --send exclude each other: "
                            "--send delivers instead of writing an outbox");
    if (resend && !send)
        return cli_usage(c, "--resend only goes with --send");
    kpi_month m;
    kpi_dataset *ds;
    kpi_figures *figs;
    int rc = cli_figures(c, a, &m, &ds, &figs);
    cli_history hist = {0};
    if (rc == CLI_EXIT_OK)
        rc = cli_history_open(a, ds, m, &hist);
    if (rc == CLI_EXIT_OK) {
        kpi_distribute_options o = {
            .dataset_dir = a->dataset,
            .outbox = a->opt[OPT_OUTBOX],
            .send = send,
            .resend = resend,
            .password = getenv(KPI_SMTP_PASSWORD_VAR),
            .notify = cli_notify(),
            .sent = print_sent,
            .trajectory = hist.trajectory,
        };
        rc = cli_exit_code(kpi_distribute(ds, figs, m, &o));
    }
    if (rc == CLI_EXIT_OK)
        rc = cli_history_record(&hist, "distribute", a->dataset, m, figs);
    cli_history_close(&hist);
    return cli_figures_end(rc, ds, figs);
}
