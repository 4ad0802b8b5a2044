/*
 * distribute.c - `kpi distribute` (SPEC §9): the dataset loaded and
 * computed here, the run handed to kpidistribute (kpi/distribute.h) with
 * the password and the CA file from the environment, and what it reports
 * printed: one line per recipient and a closing summary, line-buffered
 * so that a log file under cron is complete even after a kill.
 */
#include "cli.h"

#include "kpi/distribute.h"

#include <stdlib.h>

void cli_help_distribute(FILE *out)
{
    fputs(
        "usage: kpi distribute DATASET --month YYYY-MM [--outbox DIR | "
        "--send]\n"
        "                      [--resend | --resend-uncertain] [--dry-run]\n"
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
        "section (docs/DISTRIBUTION.md); the password is read from the\n"
        "environment variable " KPI_SMTP_PASSWORD_VAR
        ", a CA file to trust from\n"
        "SSL_CERT_FILE when [smtp] has no ca_file. TLS is required unless\n"
        "the host is loopback. Each\n"
        "message is recorded in DATASET/" KPI_SENDLOG_NAME
        " as attempted before DATA\n"
        "and as sent after the server's 250, so a re-run sends exactly the\n"
        "rest; a message attempted but never acknowledged is reported as\n"
        "uncertain (check the mail server's log for its Message-ID) and sent\n"
        "again only with --resend-uncertain. One line per recipient (sent,\n"
        "already sent, not due, uncertain, failed) and a summary are printed.\n"
        "\n"
        "Options:\n"
        "  --month YYYY-MM     the report month (required)\n"
        "  --outbox DIR        write the messages to DIR instead of\n"
        "                      DATASET/outbox/\n"
        "  --send              deliver over SMTP\n"
        "  --resend            with --send: send to every recipient again,\n"
        "                      even those the log lists for the month\n"
        CLI_HELP_VERBOSE
        "  --resend-uncertain  with --send: send the uncertain ones again\n"
        "  --dry-run           with --send: show what would be sent to whom;\n"
        "                      nothing is built, connected or logged\n"
        "  --no-history        do not record the month's figures in the\n"
        "                      dataset's history (see kpi report --help)\n"
        "  -h, --help          show this help\n"
        "\n"
        "Exit status (sysexits for the scheduler; docs/DISTRIBUTION.md):\n"
        "0 all done (or nothing left to send); 1 invalid input found before\n"
        "anything was sent (kpi.ini's recipients or "
        "[smtp], " KPI_SMTP_PASSWORD_VAR "\n"
        "missing); 2 usage error; 75 (EX_TEMPFAIL) something failed\n"
        "temporarily (a 4xx reply, no connection, a timeout, another run\n"
        "holding the log): run again later to send the rest; 3 a permanent\n"
        "refusal (5xx), TLS or login failed, an uncertain message, or a file\n"
        "cannot be written: a person must look.\n",
        out);
}

static void print_delivery(void *ctx, const char *key, const char *email,
                           kpi_delivery what, const char *detail)
{
    (void)ctx;
    /* Failures on stderr, the rest on stdout; both line by line, so
     * "2>&1" keeps the order. */
    FILE *out = what == KPI_DELIVERY_FAILED || what == KPI_DELIVERY_UNCERTAIN
                    ? stderr
                    : stdout;
    fprintf(out, "%s: [recipient %s] <%s>: %s\n", kpi_delivery_name(what), key,
            email, detail);
}

/* The closing line: every count, and what to do next. */
static void print_summary(const char *month, const kpi_distribute_result *r,
                          int rc)
{
    FILE *out = rc == CLI_EXIT_OK ? stdout : stderr;
    fprintf(out, "%s%s:", rc == CLI_EXIT_OK ? "" : "kpi: ", month);
    for (int i = 0; i < KPI_DELIVERY_COUNT; i++)
        if (r->count[i] || i <= KPI_DELIVERY_ALREADY_SENT)
            fprintf(out, " %zu %s,", r->count[i],
                    kpi_delivery_name((kpi_delivery)i));
    fprintf(out, " %zu not tried; %s\n", r->untried,
            rc == CLI_EXIT_OK         ? "all done"
            : rc == CLI_EXIT_TEMPFAIL ? "run the same command again later to "
                                        "send the rest"
                                      : "see the lines above");
}

int cli_run_distribute(const cli_command *c, const cli_args *a)
{
    bool send = a->opt[OPT_SEND], resend = a->opt[OPT_RESEND];
    bool uncertain = a->opt[OPT_RESEND_UNCERTAIN], dry = a->opt[OPT_DRY_RUN];
    if (send && a->opt[OPT_OUTBOX])
        return cli_usage(c, "--outbox and --send exclude each other: "
                            "--send delivers instead of writing an outbox");
    if ((resend || uncertain || dry) && !send)
        return cli_usage(c, "%s only goes with --send",
                         resend      ? "--resend"
                         : uncertain ? "--resend-uncertain"
                                     : "--dry-run");
    /* Under cron stdout is a file: each line must be there at once. */
    setvbuf(stdout, NULL, _IOLBF, 0);
    kpi_month m;
    kpi_dataset *ds;
    kpi_figures *figs;
    int rc = cli_figures(c, a, &m, false, &ds, &figs);
    kpi_history_session hist = {0};
    if (rc == CLI_EXIT_OK)
        rc = cli_history_open(a, ds, m, &hist);
    if (rc == CLI_EXIT_OK) {
        kpi_distribute_result res = {0};
        const char *ca = getenv("SSL_CERT_FILE");
        kpi_distribute_options o = {
            .dataset_dir = a->dataset,
            .outbox = a->opt[OPT_OUTBOX],
            .send = send,
            .resend = resend,
            .resend_uncertain = uncertain,
            .dry_run = dry,
            .password = getenv(KPI_SMTP_PASSWORD_VAR),
            .ca_file = ca ? ca : getenv("CURL_CA_BUNDLE"),
            .notify = cli_notify(),
            .delivery = print_delivery,
            .result = &res,
            .trajectory = hist.trajectory,
        };
        kpi_status st = kpi_distribute(ds, figs, m, &o);
        rc = st == KPI_ERR_IO && res.temporary ? CLI_EXIT_TEMPFAIL
                                               : cli_exit_code(st);
        if (send && st != KPI_ERR_INPUT && st != KPI_ERR_ARG)
            print_summary(a->opt[OPT_MONTH], &res, rc);
    }
    if (rc == CLI_EXIT_OK)
        rc = cli_history_record(&hist, "distribute", a->dataset, m, figs);
    kpi_history_session_close(&hist);
    return cli_figures_end(rc, ds, figs);
}
