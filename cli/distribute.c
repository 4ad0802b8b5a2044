/*
 * distribute.c - `kpi distribute` (SPEC §9): one pack and one e-mail per
 * [recipient] section of kpi.ini, into an outbox for review or over SMTP.
 *
 * Order of work, so that bad input never gets half-way: check kpi.ini's
 * recipients and [smtp] (every problem printed, exit 1, nothing written
 * or sent); open and lock the send log; render every pack and compose
 * every message in memory; only then write the outbox or start sending.
 * While sending, each message the server accepted gets its log line
 * (fsync'ed) before the next one goes out, so the log is true after any
 * failure and a re-run sends exactly the rest (docs/DISTRIBUTION.md).
 */
#include "distribute.h"

#include "danish.h"
#include "kpi/atomic.h"
#include "kpi/report.h"
#include "mail.h"
#include "print.h"
#include "sendlog.h"
#include "smtp.h"

#include <curl/curl.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { RC_OK = 0, RC_INPUT = 1, RC_ENV = 3 };

/* The log's name in the dataset folder: it belongs with the data it
 * records, survives a cleaned outbox, and one file covers every month. */
#define SENDLOG_NAME "sendelog.tsv"
#define PASSWORD_VAR "KPI_SMTP_PASSWORD"
/* Submission with STARTTLS (RFC 6409) when kpi.ini gives no port. */
#define DEFAULT_PORT 587
#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

void kpi_cli_distribute_help(FILE *out)
{
    fputs(
        "usage: kpi distribute DATASET --month YYYY-MM [--outbox DIR | --send]\n"
        "                      [--resend]\n"
        "\n"
        "Builds the pack of every [recipient KEY] section of DATASET/kpi.ini\n"
        "(SPEC §6: name, group, email; team for an afdelingsleder, caseworker\n"
        "for a sagsbehandler) and an e-mail for it: a Danish subject and body\n"
        "with the recipient's headline figures and red lights, the pack\n"
        "attached. A group whose cadence (the recipient map) does not fall in\n"
        "the month is skipped, e.g. a quarterly fagudvalg outside March, June,\n"
        "September and December.\n"
        "\n"
        "Without --send the messages are written for review, one .eml file\n"
        "and its pack per recipient, into DIR (default DATASET/outbox/).\n"
        "\n"
        "With --send they are delivered over SMTP from kpi.ini's [smtp]\n"
        "section (host, port (default 587), from, user); the password is read\n"
        "from the environment variable " PASSWORD_VAR ". TLS (STARTTLS, or\n"
        "implicit TLS on port 465) is required unless the host is loopback.\n"
        "Every accepted message is recorded in DATASET/" SENDLOG_NAME ", and\n"
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
        "  -h, --help          show this help\n"
        "\n"
        "Exit status: 0 success (or nothing left to send), 1 invalid input\n"
        "(kpi.ini's recipients or [smtp]: nothing written or sent), 2 usage\n"
        "error, 3 I/O or environment error: a file cannot be written, "
        PASSWORD_VAR "\n"
        "is missing, or the server did not take some messages (every\n"
        "recipient was still tried; run again to send the rest).\n",
        out);
}

/* ------------------------------------------------------------------ */
/* Checking kpi.ini                                                    */

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || *s == 127)
            return true;
    return false;
}

/* The checks cli_packs_list does not make (it checks group, team and
 * caseworker): an address to send to. Prints each problem. */
static void print_problem(void *ctx, unsigned long line, const char *key,
                          const char *message)
{
    kpi_notify_problem(ctx, KPI_SEVERITY_ERROR, "kpi.ini", line, key, "%s",
                       message);
}

static bool check_recipients(const kpi_dataset *ds)
{
    bool ok = true;
    kpi_recipient_info r;
    kpi_notify notify = cli_notify();
    for (size_t i = 0; kpi_dataset_recipient(ds, i, &r); i++)
        if (kpi_recipient_check(ds, &r, NULL, KPI_RECIPIENT_MAIL,
                                print_problem, &notify) != KPI_OK)
            ok = false;
    return ok;
}

/* [smtp]: a sender always (the messages carry it), the server with
 * --send. *port gets the port to use. */
static bool check_smtp(const kpi_smtp_info *s, bool send, int *port)
{
    if (!s->present) {
        fprintf(stderr,
                "kpi.ini: no [smtp] section: the messages need a sender "
                "(from = ...)%s\n",
                send ? " and --send a server (host = ..., port = ...)" : "");
        return false;
    }
    bool ok = true;
    if (!*s->from) {
        fprintf(stderr,
                "kpi.ini:%lu: from: [smtp] needs the sender's address "
                "(from = lis@example.dk)\n",
                s->line);
        ok = false;
    } else if (kpi_email_check(s->from) != KPI_EMAIL_PLAIN) {
        fprintf(stderr,
                "kpi.ini:%lu: from: [smtp]: '%s' is not a plain e-mail "
                "address\n",
                s->line, s->from);
        ok = false;
    }
    if (send && !*s->host) {
        fprintf(stderr,
                "kpi.ini:%lu: host: [smtp] needs the mail server to send "
                "through (host = smtp.example.dk)\n",
                s->line);
        ok = false;
    } else if (send && (has_control(s->host) || strpbrk(s->host, " /@?#"))) {
        fprintf(stderr, "kpi.ini:%lu: host: [smtp]: '%s' is not a host name\n",
                s->line, s->host);
        ok = false;
    }
    if (s->port < 0 || s->port > 65535) {
        fprintf(stderr, "kpi.ini:%lu: port: [smtp]: %d is not a port "
                        "(1-65535)\n",
                s->line, s->port);
        ok = false;
    }
    *port = s->port > 0 ? s->port : DEFAULT_PORT;
    return ok;
}

/* ------------------------------------------------------------------ */
/* Composing                                                           */

typedef struct message {
    const kpi_pack *pack;
    char *message_id;
    cli_mail_buf eml;
    cli_mail_buf xlsx; /* the pack, for the outbox's copy */
} message;

static const char *domain_of(const char *addr)
{
    const char *at = strchr(addr, '@');
    return at ? at + 1 : addr;
}

/* Days from 1970-01-01 to y-m-1 in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int y, int m)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5; /* day 1 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The outbox's Date: midnight UTC after the report month ends, so the
 * same input gives the same .eml bytes. */
static time_t month_after(kpi_month m)
{
    int y = m.year + (m.month == 12), mo = m.month == 12 ? 1 : m.month + 1;
    return (time_t)(days_from_civil(y, mo) * 86400);
}

/* A Message-ID the same for every run of one month, recipient and
 * address, so a duplicate (the one crash window) is recognisable:
 * "kpi.2026-10.leder_oest.5f0c...@example.dk". The key is kept only in
 * its safe characters; the hash keeps different keys apart. */
static char *make_message_id(const kpi_dataset *ds, kpi_month m,
                             const kpi_pack *p, const char *from)
{
    char month[8];
    snprintf(month, sizeof month, "%04d-%02d", m.year, m.month);
    uint64_t h = CLI_MAIL_HASH_SEED;
    const char *parts[] = {kpi_dataset_municipality(ds), month, p->key,
                           p->email};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        h = cli_mail_hash(parts[i] ? parts[i] : "",
                          strlen(parts[i] ? parts[i] : "") + 1, h);
    char safe[64];
    size_t n = 0;
    for (const char *k = p->key ? p->key : ""; *k && n + 1 < sizeof safe; k++)
        if ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
            (*k >= '0' && *k <= '9') || *k == '-' || *k == '_')
            safe[n++] = *k;
    safe[n] = '\0';
    const char *domain = domain_of(from);
    size_t len = strlen(domain) + n + 64;
    char *id = malloc(len);
    if (id)
        snprintf(id, len, "kpi.%s.%s%s%016" PRIx64 "@%s", month, safe,
                 n ? "." : "", h, domain);
    return id;
}

/* "- label: value", the value as the pack shows it ("<5" when masked). */
static void figure_line(cli_mail_buf *b, const kpi_pack_view *v,
                        const kpi_row *row, const char *label,
                        const char *suffix)
{
    char value[64];
    if (kpi_privacy_row_masked(v->privacy, row))
        snprintf(value, sizeof value, "<5");
    else
        cli_danish_value(row, value, sizeof value);
    cli_mail_buf_puts(b, "- ");
    cli_mail_buf_puts(b, label);
    cli_mail_buf_puts(b, ": ");
    cli_mail_buf_puts(b, value);
    cli_mail_buf_puts(b, suffix);
    cli_mail_buf_puts(b, "\n");
}

/* The Danish text: greeting, what is attached, the headline figures the
 * map gives the group, the red lights among them, and a signature. */
static void compose_body(cli_mail_buf *b, const kpi_dataset *ds,
                         const kpi_map *map, const kpi_pack *p,
                         const kpi_pack_view *v, kpi_month m)
{
    const char *muni = kpi_dataset_municipality(ds);
    char period[64];
    snprintf(period, sizeof period, "%s %d", cli_danish_month(m.month),
             m.year);
    cli_mail_buf_puts(b, "Kære ");
    cli_mail_buf_puts(b, p->name ? p->name : kpi_group_name(p->group));
    cli_mail_buf_puts(b, "\n\nHer er ledelsesinformationen for ");
    cli_mail_buf_puts(b, period);
    if (p->team) {
        cli_mail_buf_puts(b, " for ");
        cli_mail_buf_puts(b, p->team);
    } else if (p->caseworker) {
        cli_mail_buf_puts(b, " for dine egne sager");
    }
    cli_mail_buf_puts(b, ". Projektmappen ");
    cli_mail_buf_puts(b, p->file_name);
    cli_mail_buf_puts(b, " er vedhæftet med alle dine nøgletal og deres "
                         "opdelinger.\n\nHovedtal\n");

    kpi_book_input in;
    kpi_pack_view_input(v, ds, m, &in);
    size_t shown = 0;
    char label[256];
    for (size_t i = 0; kpi_catalog_figure(i); i++) {
        const kpi_figure_info *f = kpi_catalog_figure(i);
        if (!kpi_map_get(map, f->id, p->group))
            continue;
        const kpi_row *row = kpi_book_headline(&in, f->id, label, sizeof label);
        if (!row || !kpi_privacy_row_visible(v->privacy, row))
            continue;
        figure_line(b, v, row, label, "");
        shown++;
    }
    if (!shown)
        cli_mail_buf_puts(b, "- Der er ingen hovedtal at vise for "
                             "måneden.\n");

    /* The red lights: the target statuses (kpi.ini [target.*]) that are
     * red, for the figures of the recipient's pack. */
    cli_mail_buf_puts(b, "\nRøde lamper\n");
    size_t red = 0;
    size_t n = kpi_figures_row_count(v->used);
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = kpi_figures_row(v->used, i);
        if (strcmp(r->stat, "status") != 0 || r->kind != KPI_VALUE_TEXT ||
            !r->text || strcmp(r->text, "red") != 0 ||
            !kpi_map_get(map, r->kpi_id, p->group) ||
            !kpi_privacy_row_visible(v->privacy, r) ||
            kpi_privacy_row_masked(v->privacy, r))
            continue;
        const kpi_row *head =
            kpi_book_headline(&in, r->kpi_id, label, sizeof label);
        if (head && kpi_privacy_row_visible(v->privacy, head)) {
            figure_line(b, v, head, label, " (rød)");
        } else {
            const kpi_figure_info *f = kpi_catalog_figure_find(r->kpi_id);
            char when[64];
            cli_danish_period(r->period, when, sizeof when);
            snprintf(label, sizeof label, "%s, %s",
                     f ? f->name : r->kpi_id, when);
            cli_mail_buf_puts(b, "- ");
            cli_mail_buf_puts(b, label);
            cli_mail_buf_puts(b, ": rød\n");
        }
        red++;
    }
    if (!red)
        cli_mail_buf_puts(b, "- Ingen af dine nøgletal er røde.\n");

    if (kpi_group_suppresses(p->group))
        cli_mail_buf_puts(b, "\nAntal fra 1 til 4 vises som \"<5\", så "
                             "ingen enkelte børn kan genkendes.\n");
    cli_mail_buf_puts(b, "\nMed venlig hilsen\n");
    cli_mail_buf_puts(b, *muni ? muni : "Ledelsesinformation");
    cli_mail_buf_puts(b, "\n\n-- \nDenne mail er dannet automatisk af kpi. "
                         "Spørgsmål til tallene rettes til\n"
                         "økonomi- eller fagafdelingen.\n");
}

/* Reads a whole file. */
static int read_file(const char *path, cli_mail_buf *out)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return errno;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        cli_mail_buf_add(out, chunk, n);
    int err = ferror(fp) ? EIO : out->failed ? ENOMEM : 0;
    fclose(fp);
    return err;
}

/* Renders pack p into stage/FILE and composes its message. */
static int build_message(const kpi_dataset *ds, const kpi_figures *figs,
                         const kpi_map *map, kpi_month m, const kpi_pack *p,
                         const kpi_smtp_info *smtp, time_t date,
                         const char *stage, message *msg)
{
    kpi_pack_view v;
    char err[512] = "";
    int rc = RC_OK;
    char *path = kpi_file_path(stage, p->file_name);
    cli_mail_buf *xlsx = &msg->xlsx, body;
    cli_mail_buf_init(&body);
    kpi_status s = kpi_pack_view_open(ds, figs, map, p, m, &v);
    if (s == KPI_OK)
        s = path ? kpi_pack_write(ds, p, &v, m, path, err, sizeof err)
                 : KPI_ERR_NOMEM;
    if (s != KPI_OK) {
        fprintf(stderr, "kpi: [recipient %s]: cannot build the pack '%s': "
                        "%s\n",
                p->key, p->file_name, *err ? err : kpi_strerror(s));
        rc = s == KPI_ERR_INPUT ? RC_INPUT : RC_ENV;
        goto done;
    }
    int e = read_file(path, xlsx);
    if (e) {
        fprintf(stderr, "kpi: cannot read back '%s': %s\n", path, strerror(e));
        rc = RC_ENV;
        goto done;
    }
    compose_body(&body, ds, map, p, &v, m);

    char subject[512];
    const char *who = p->team          ? p->team
                      : p->caseworker ? p->caseworker
                                      : kpi_group_name(p->group);
    snprintf(subject, sizeof subject,
             "Ledelsesinformation %s %d \xE2\x80\x93 %s",
             cli_danish_month(m.month), m.year, who);
    char date_text[32];
    cli_mail_date(date, date_text);
    msg->message_id = make_message_id(ds, m, p, smtp->from);
    char boundary[48];
    snprintf(boundary, sizeof boundary, "=_kpi_%016" PRIx64,
             cli_mail_hash(msg->message_id ? msg->message_id : "",
                           msg->message_id ? strlen(msg->message_id) : 0,
                           CLI_MAIL_HASH_SEED));
    cli_mail_message mm = {
        .from = smtp->from,
        .from_name = kpi_dataset_municipality(ds),
        .to = p->email,
        .to_name = p->name,
        .subject = subject,
        .date = date_text,
        .message_id = msg->message_id ? msg->message_id : "",
        .boundary = boundary,
        .body = body.data ? body.data : "",
        .attachment_name = p->file_name,
        .attachment_type = XLSX_TYPE,
        .attachment = xlsx->data,
        .attachment_len = xlsx->len,
    };
    if (!body.failed && msg->message_id)
        cli_mail_compose(&msg->eml, &mm);
    if (body.failed || !msg->message_id || msg->eml.failed) {
        fputs("kpi: out of memory\n", stderr);
        rc = RC_ENV;
    }
done:
    kpi_pack_view_close(&v);
    if (path)
        unlink(path); /* the outbox writes its own copy */
    free(path);
    cli_mail_buf_free(&body);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Writing and sending                                                 */

static int write_atomic(const char *dir, const char *name, const void *data,
                        size_t len)
{
    char *path = kpi_file_path(dir, name);
    if (!path)
        return ENOMEM;
    kpi_atomic_file f;
    int err = 0;
    if (kpi_atomic_file_open(&f, path) != KPI_OK) {
        err = f.error;
    } else if (len && fwrite(data, 1, len, f.fp) != len) {
        err = errno ? errno : EIO;
        kpi_atomic_file_abort(&f);
    } else if (kpi_atomic_file_commit(&f) != KPI_OK) {
        err = f.error;
    }
    if (err)
        fprintf(stderr, "kpi: cannot write '%s': %s\n", path, strerror(err));
    else
        printf("%s\n", path);
    free(path);
    return err;
}

/* The .eml next to its pack: "lis-fagchef-fagchef-2026-10.eml". */
static char *eml_name(const char *file_name)
{
    size_t n = strlen(file_name);
    const char *dot = strrchr(file_name, '.');
    size_t stem = dot ? (size_t)(dot - file_name) : n;
    char *s = malloc(stem + 5);
    if (s) {
        memcpy(s, file_name, stem);
        memcpy(s + stem, ".eml", 5);
    }
    return s;
}

static int write_outbox(const char *outbox, message *msgs, size_t n)
{
    int err;
    if (kpi_folder_make(outbox, &err) != KPI_OK) {
        fprintf(stderr, "kpi: cannot create folder '%s': %s\n", outbox,
                strerror(err));
        return RC_ENV;
    }
    for (size_t i = 0; i < n; i++) {
        char *name = eml_name(msgs[i].pack->file_name);
        err = name ? write_atomic(outbox, name, msgs[i].eml.data,
                                  msgs[i].eml.len)
                   : ENOMEM;
        free(name);
        /* The pack beside its message, to open without a mail program. */
        if (!err)
            err = write_atomic(outbox, msgs[i].pack->file_name,
                               msgs[i].xlsx.data, msgs[i].xlsx.len);
        if (err)
            return RC_ENV;
    }
    return RC_OK;
}

static void utc_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    if (t == (time_t)-1 || !gmtime_r(&t, &tm)) {
        snprintf(buf, 32, "unknown");
        return;
    }
    char wide[96];
    snprintf(wide, sizeof wide, "%04d-%02d-%02dT%02d:%02d:%02dZ",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, tm.tm_sec);
    snprintf(buf, 32, "%.31s", wide);
}

static int send_all(const cli_smtp_server *server, const char *from,
                    kpi_month m, cli_sendlog *log, const char *log_path,
                    message *msgs, size_t n)
{
    char month[8];
    snprintf(month, sizeof month, "%04d-%02d", m.year, m.month);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fputs("kpi: cannot start libcurl; nothing sent\n", stderr);
        return RC_ENV;
    }
    size_t sent = 0, failed = 0, untried = 0;
    int rc = RC_OK;
    for (size_t i = 0; i < n; i++) {
        const kpi_pack *p = msgs[i].pack;
        char err[768];
        cli_smtp_result r = cli_smtp_send(server, from, p->email,
                                          msgs[i].eml.data, msgs[i].eml.len,
                                          err, sizeof err);
        if (r != CLI_SMTP_SENT) {
            fprintf(stderr, "kpi: [recipient %s] <%s>: not sent: %s\n", p->key,
                    p->email, err);
            failed++;
            rc = RC_ENV;
            if (r == CLI_SMTP_NO_SERVER) {
                /* Every further message would fail the same way. */
                untried = n - i - 1;
                break;
            }
            continue;
        }
        char now[32];
        utc_now(now);
        char id[512];
        snprintf(id, sizeof id, "<%s>", msgs[i].message_id);
        int e = cli_sendlog_append(log, now, month, p->key, p->email, id);
        if (e) {
            /* The one case where the log is not true: stop at once. */
            fprintf(stderr,
                    "kpi: [recipient %s] <%s>: SENT, but it could not be "
                    "recorded in '%s': %s; add this line by hand before "
                    "running again, or the recipient gets it twice:\n"
                    "%s\t%s\t%s\t%s\t%s\n",
                    p->key, p->email, log_path, strerror(e), now, month,
                    p->key, p->email, id);
            sent++;
            rc = RC_ENV;
            untried = n - i - 1;
            break;
        }
        printf("sent: [recipient %s] <%s>\n", p->key, p->email);
        sent++;
    }
    curl_global_cleanup();
    if (rc != RC_OK)
        fprintf(stderr,
                "kpi: %zu of %zu messages sent, %zu failed, %zu not tried; "
                "'%s' lists what was sent: run the command again to send the "
                "rest\n",
                sent, n, failed, untried, log_path);
    return rc;
}

/* ------------------------------------------------------------------ */

int kpi_cli_distribute(const kpi_dataset *ds, const kpi_figures *figs,
                       kpi_month m, const cli_distribute_options *o)
{
    /* 1. kpi.ini: every problem, then stop before anything is written. */
    if (kpi_dataset_recipient_count(ds) == 0) {
        fputs("kpi.ini: no [recipient KEY] sections: kpi distribute sends "
              "to the recipients kpi.ini names; add one section per "
              "recipient with name, group and email (team for an "
              "afdelingsleder, caseworker for a sagsbehandler); nothing "
              "written\n",
              stderr);
        return RC_INPUT;
    }
    kpi_smtp_info smtp;
    kpi_dataset_smtp(ds, &smtp);
    int port = DEFAULT_PORT;
    bool ok = check_recipients(ds);
    if (!check_smtp(&smtp, o->send, &port))
        ok = false;
    kpi_pack *packs = NULL;
    size_t n_packs = 0;
    kpi_notify notify = cli_notify();
    kpi_status st = kpi_packs_list(ds, m, &notify, &packs, &n_packs);
    int rc = st == KPI_OK ? RC_OK : st == KPI_ERR_INPUT ? RC_INPUT : RC_ENV;
    if (rc == RC_OK && !ok)
        rc = RC_INPUT;
    if (rc != RC_OK) {
        fprintf(stderr, "kpi: nothing %s\n", o->send ? "sent" : "written");
        kpi_packs_free(packs, n_packs);
        return rc;
    }
    const char *password = NULL;
    if (o->send && *smtp.user) {
        password = getenv(PASSWORD_VAR);
        if (!password) {
            fprintf(stderr,
                    "kpi: kpi.ini:%lu: [smtp] logs in as '%s', but the "
                    "environment variable " PASSWORD_VAR " with the "
                    "password is not set; nothing sent\n",
                    smtp.line, smtp.user);
            kpi_packs_free(packs, n_packs);
            return RC_ENV;
        }
    }

    kpi_map *map = NULL;
    message *msgs = NULL;
    cli_sendlog *log = NULL;
    char *log_path = NULL, *outbox = NULL, *stage = NULL;
    size_t n_msgs = 0;
    st = kpi_map_load(o->dataset_dir, &notify, &map);
    rc = st == KPI_OK ? RC_OK : st == KPI_ERR_INPUT ? RC_INPUT : RC_ENV;
    if (rc != RC_OK)
        goto done;

    /* 2. The send log, locked for the whole run. */
    if (o->send) {
        log_path = kpi_file_path(o->dataset_dir, SENDLOG_NAME);
        char err[512];
        int e = log_path ? cli_sendlog_open(log_path, &log, err, sizeof err)
                         : ENOMEM;
        if (e) {
            fprintf(stderr, "kpi: %s; nothing sent\n",
                    log_path ? err : strerror(e));
            rc = e == EINVAL ? RC_INPUT : RC_ENV;
            goto done;
        }
    }

    /* 3. Which packs go out this month. */
    msgs = calloc(n_packs ? n_packs : 1, sizeof *msgs);
    if (!msgs) {
        fputs("kpi: out of memory\n", stderr);
        rc = RC_ENV;
        goto done;
    }
    char month[8];
    snprintf(month, sizeof month, "%04d-%02d", m.year, m.month);
    size_t logged = 0;
    for (size_t i = 0; i < n_packs; i++) {
        const kpi_pack *p = &packs[i];
        kpi_cadence c = kpi_map_cadence(map, p->group);
        if (!kpi_cadence_due(c, m)) {
            fprintf(stderr,
                    "kpi: [recipient %s]: %s gets its pack %s; none for %s\n",
                    p->key, kpi_group_code(p->group), kpi_cadence_code(c),
                    month);
            continue;
        }
        if (log && !o->resend && cli_sendlog_has(log, month, p->key, p->email)) {
            logged++;
            continue;
        }
        msgs[n_msgs].pack = p;
        cli_mail_buf_init(&msgs[n_msgs].eml);
        cli_mail_buf_init(&msgs[n_msgs].xlsx);
        n_msgs++;
    }
    if (logged)
        fprintf(stderr,
                "kpi: %zu %s for %s already sent (%s); --resend sends "
                "them again\n",
                logged, logged == 1 ? "message" : "messages", month,
                SENDLOG_NAME);
    if (n_msgs == 0) {
        fprintf(stderr, "kpi: nothing to %s for %s\n",
                o->send ? "send" : "write", month);
        goto done;
    }

    /* 4. Every pack and message, before any is written or sent. The
     * packs are rendered in a private temporary folder and read back. */
    const char *tmpdir = getenv("TMPDIR");
    stage = kpi_file_path(tmpdir && *tmpdir ? tmpdir : "/tmp",
                          "kpi-distribute.XXXXXX");
    if (!stage || !mkdtemp(stage)) {
        fprintf(stderr, "kpi: cannot create a temporary folder: %s; "
                        "nothing %s\n",
                strerror(errno), o->send ? "sent" : "written");
        free(stage);
        stage = NULL;
        rc = RC_ENV;
        goto done;
    }
    time_t date = o->send ? time(NULL) : month_after(m);
    for (size_t i = 0; i < n_msgs && rc == RC_OK; i++)
        rc = build_message(ds, figs, map, m, msgs[i].pack, &smtp, date, stage,
                           &msgs[i]);
    if (rc != RC_OK) {
        fprintf(stderr, "kpi: nothing %s\n", o->send ? "sent" : "written");
        goto done;
    }

    /* 5. Out they go. */
    if (o->send) {
        cli_smtp_server server = {
            .host = smtp.host,
            .port = port,
            .user = smtp.user,
            .password = password,
        };
        rc = send_all(&server, smtp.from, m, log, log_path, msgs, n_msgs);
    } else {
        outbox = o->outbox ? strdup(o->outbox)
                           : kpi_file_path(o->dataset_dir, "outbox");
        rc = outbox ? write_outbox(outbox, msgs, n_msgs) : RC_ENV;
    }

done:
    for (size_t i = 0; i < n_msgs; i++) {
        free(msgs[i].message_id);
        cli_mail_buf_free(&msgs[i].eml);
        cli_mail_buf_free(&msgs[i].xlsx);
    }
    free(msgs);
    if (stage)
        rmdir(stage);
    free(stage);
    free(outbox);
    cli_sendlog_close(log);
    free(log_path);
    kpi_map_free(map);
    kpi_packs_free(packs, n_packs);
    if (rc == RC_OK && fflush(stdout) != 0)
        rc = RC_ENV;
    return rc;
}
