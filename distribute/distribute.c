/*
 * distribute.c - the distribution run (kpi/distribute.h: kpi_distribute):
 * one pack and one e-mail per [recipient] section of kpi.ini whose group
 * is due this month, into an outbox for review or over SMTP.
 *
 * Order of work, so that bad input never gets half-way: check kpi.ini's
 * recipients and [smtp] (every problem reported, nothing written or
 * sent); open and lock the send log; render every pack and compose every
 * message in memory; only then write the outbox or start sending. While
 * sending, each message the server accepted gets its log line (fsync'ed)
 * before the next one goes out, so the log is true after any failure and
 * a re-run sends exactly the rest (docs/DISTRIBUTION.md).
 */
#include "message.h"
#include "sendlog.h"
#include "smtp.h"

#include "kpi/atomic.h"

#include <curl/curl.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Submission with STARTTLS (RFC 6409) when kpi.ini gives no port. */
#define DEFAULT_PORT 587

/* Everything one run holds; run_free() lets go of it. */
typedef struct run {
    const kpi_distribute_options *o;
    const kpi_notify *notify;
    kpi_month m;
    char month[16]; /* "2026-10", as the log and the notes write it */
    kpi_smtp_info smtp;
    int port;
    kpi_pack *packs;
    size_t n_packs;
    kpi_map *map;
    char *note; /* bemaerkninger-YYYY-MM.txt, NULL: none */
    kpi_sendlog *log;
    char *log_path;
    message *msgs;
    size_t n_msgs;
    char *stage;
} run;

static void note(const run *r, kpi_severity s, const char *what)
{
    kpi_notify_problem(r->notify, s, "", 0, NULL, "%s", what);
}

static const char *nothing(const run *r)
{
    return r->o->send ? "nothing sent" : "nothing written";
}

/* ------------------------------------------------------------------ */
/* Checking kpi.ini                                                    */

/* What kpi_packs_list does not check: an address to send to. */
static kpi_status check_recipients(const kpi_dataset *ds, const run *r)
{
    kpi_status st = KPI_OK;
    kpi_recipient_info info;
    for (size_t i = 0; kpi_dataset_recipient(ds, i, &info); i++) {
        kpi_status s =
            kpi_recipient_check(ds, &info, NULL, KPI_RECIPIENT_MAIL,
                                kpi_notify_ini_problem, (void *)r->notify);
        if (s != KPI_OK && st != KPI_ERR_NOMEM)
            st = s;
    }
    return st;
}

/* A host name goes into a URL: no blanks, control characters or URL
 * punctuation. */
static bool host_name_ok(const char *host)
{
    for (const unsigned char *p = (const unsigned char *)host; *p; p++)
        if (*p <= ' ' || *p == 127 || strchr("/@?#", *p))
            return false;
    return true;
}

/* [smtp]: a sender always (the messages carry it), the server with
 * send. r->port gets the port to use. */
static bool check_smtp(run *r)
{
    const kpi_smtp_info *s = &r->smtp;
    const kpi_notify *n = r->notify;
    bool send = r->o->send;
    if (!s->present) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", 0, NULL,
                           "no [smtp] section: the messages need a sender "
                           "(from = ...)%s",
                           send ? " and --send a server (host = ..., port = "
                                  "...)"
                                : "");
        return false;
    }
    bool ok = true;
    if (!*s->from) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", s->line, "from",
                           "[smtp] needs the sender's address (from = "
                           "lis@example.dk)");
        ok = false;
    } else if (kpi_email_check(s->from) != KPI_EMAIL_PLAIN) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", s->line, "from",
                           "[smtp]: '%s' is not a plain e-mail address",
                           s->from);
        ok = false;
    }
    if (send && !*s->host) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", s->line, "host",
                           "[smtp] needs the mail server to send through "
                           "(host = smtp.example.dk)");
        ok = false;
    } else if (send && !host_name_ok(s->host)) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", s->line, "host",
                           "[smtp]: '%s' is not a host name", s->host);
        ok = false;
    }
    /* kpi.ini's reader has refused a port outside 1-65535; 0 is none. */
    r->port = s->port > 0 ? s->port : DEFAULT_PORT;
    return ok;
}

/* Step 1: kpi.ini, every problem, before anything is written. */
static kpi_status check_input(run *r, const kpi_dataset *ds)
{
    if (kpi_dataset_recipient_count(ds) == 0) {
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "kpi.ini", 0, NULL,
                           "no [recipient KEY] sections: kpi distribute "
                           "sends to the recipients kpi.ini names; add one "
                           "section per recipient with name, group and "
                           "email (team for an afdelingsleder, caseworker "
                           "for a sagsbehandler); nothing written");
        return KPI_ERR_INPUT;
    }
    kpi_dataset_smtp(ds, &r->smtp);
    kpi_status mail = check_recipients(ds, r);
    bool smtp_ok = check_smtp(r);
    kpi_status st = kpi_packs_list(ds, r->m, r->notify, &r->packs, &r->n_packs);
    if (st == KPI_OK && mail == KPI_ERR_NOMEM)
        st = KPI_ERR_NOMEM;
    else if (st == KPI_OK && (mail != KPI_OK || !smtp_ok))
        st = KPI_ERR_INPUT;
    if (st != KPI_OK) {
        note(r, KPI_SEVERITY_NOTE, nothing(r));
        return st;
    }
    if (r->o->send && *r->smtp.user && !r->o->password) {
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "kpi.ini:%lu: [smtp] logs in as '%s', but the "
                           "environment variable " KPI_SMTP_PASSWORD_VAR
                           " with the password is not set; nothing sent",
                           r->smtp.line, r->smtp.user);
        return KPI_ERR_NOT_AVAILABLE;
    }
    return KPI_OK;
}

/* ------------------------------------------------------------------ */
/* What goes out                                                       */

size_t kpi_packs_due(const kpi_map *map, const kpi_pack *packs, size_t count,
                     kpi_month m, const kpi_notify *n, const kpi_pack **due)
{
    size_t k = 0;
    for (size_t i = 0; i < count; i++) {
        const kpi_pack *p = &packs[i];
        kpi_cadence c = kpi_map_cadence(map, p->group);
        if (kpi_cadence_due(c, m)) {
            due[k++] = p;
            continue;
        }
        char month[8];
        kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_CODE, month,
                          sizeof month);
        kpi_notify_problem(n, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "[recipient %s]: %s gets its pack %s; none for %s",
                           p->key, kpi_group_code(p->group),
                           kpi_cadence_code(c), month);
    }
    return k;
}

/* Step 2: the send log, locked for the whole run. */
static kpi_status open_log(run *r)
{
    r->log_path = kpi_file_path(r->o->dataset_dir, KPI_SENDLOG_NAME);
    char err[512];
    int e = r->log_path
                ? kpi_sendlog_open(r->log_path, &r->log, err, sizeof err)
                : ENOMEM;
    if (!e)
        return KPI_OK;
    kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                       "%s; nothing sent", r->log_path ? err : strerror(e));
    return e == EINVAL   ? KPI_ERR_INPUT
           : e == ENOMEM ? KPI_ERR_NOMEM
                         : KPI_ERR_IO;
}

/* Step 3: the due packs that the log does not list yet. */
static kpi_status select_messages(run *r)
{
    const kpi_pack **due = calloc(r->n_packs ? r->n_packs : 1, sizeof *due);
    r->msgs = calloc(r->n_packs ? r->n_packs : 1, sizeof *r->msgs);
    if (!due || !r->msgs) {
        free(due);
        note(r, KPI_SEVERITY_ERROR, "out of memory");
        return KPI_ERR_NOMEM;
    }
    size_t n_due =
        kpi_packs_due(r->map, r->packs, r->n_packs, r->m, r->notify, due);
    size_t logged = 0;
    for (size_t i = 0; i < n_due; i++) {
        const kpi_pack *p = due[i];
        if (r->log && !r->o->resend &&
            kpi_sendlog_has(r->log, r->month, p->key, p->email)) {
            logged++;
            continue;
        }
        message *msg = &r->msgs[r->n_msgs++];
        msg->pack = p;
        kpi_mail_buf_init(&msg->eml);
        kpi_mail_buf_init(&msg->xlsx);
    }
    free(due);
    if (logged)
        kpi_notify_problem(r->notify, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "%zu %s for %s already sent (%s); --resend sends "
                           "them again",
                           logged, logged == 1 ? "message" : "messages",
                           r->month, KPI_SENDLOG_NAME);
    if (r->n_msgs == 0)
        kpi_notify_problem(r->notify, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "nothing to %s for %s",
                           r->o->send ? "send" : "write", r->month);
    return KPI_OK;
}

/* Step 4: every pack and message, before any is written or sent. The
 * packs are rendered in a private temporary folder and read back. */
static kpi_status build_messages(run *r, const kpi_dataset *ds,
                                 const kpi_figures *figs)
{
    const char *tmpdir = getenv("TMPDIR");
    r->stage = kpi_file_path(tmpdir && *tmpdir ? tmpdir : "/tmp",
                             "kpi-distribute.XXXXXX");
    if (!r->stage || !mkdtemp(r->stage)) {
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "cannot create a temporary folder: %s; %s",
                           strerror(errno), nothing(r));
        free(r->stage);
        r->stage = NULL;
        return KPI_ERR_IO;
    }
    /* The packs by mail are written to kpi's own limits. */
    message_run mr = {{ds, figs, r->map, r->m, {0, 0}, r->note,
                       r->o->trajectory},
                      r->smtp.from,
                      r->o->send ? time(NULL) : kpi_message_outbox_date(r->m),
                      r->stage,
                      r->notify};
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < r->n_msgs && st == KPI_OK; i++)
        st = kpi_message_build(&mr, &r->msgs[i]);
    if (st != KPI_OK)
        note(r, KPI_SEVERITY_NOTE, nothing(r));
    return st;
}

/* ------------------------------------------------------------------ */
/* Writing and sending                                                 */

/* One file of the outbox, whole or not at all. */
static int write_file(const run *r, const char *dir, const char *name,
                      const void *data, size_t len)
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
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "cannot write '%s': %s", path, strerror(err));
    else
        kpi_notify_wrote(r->notify, path);
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

/* Step 5 without send: each message and its pack into the outbox. */
static kpi_status write_outbox(const run *r)
{
    const kpi_distribute_options *o = r->o;
    char *outbox =
        o->outbox ? strdup(o->outbox) : kpi_file_path(o->dataset_dir, "outbox");
    int err = ENOMEM;
    if (outbox && kpi_folder_make(outbox, &err) != KPI_OK)
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "cannot create folder '%s': %s", outbox,
                           strerror(err));
    for (size_t i = 0; outbox && !err && i < r->n_msgs; i++) {
        const message *msg = &r->msgs[i];
        char *name = eml_name(msg->pack->file_name);
        err = name ? write_file(r, outbox, name, msg->eml.data, msg->eml.len)
                   : ENOMEM;
        free(name);
        /* The pack beside its message, to open without a mail program. */
        if (!err)
            err = write_file(r, outbox, msg->pack->file_name, msg->xlsx.data,
                             msg->xlsx.len);
    }
    free(outbox);
    return !err ? KPI_OK : err == ENOMEM ? KPI_ERR_NOMEM : KPI_ERR_IO;
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

/* Logs message i as sent; false (after saying what to do) when the log
 * cannot take it: the one case where the log is not true. */
static bool log_sent(const run *r, const message *msg)
{
    const kpi_pack *p = msg->pack;
    char now[32];
    utc_now(now);
    char id[512];
    snprintf(id, sizeof id, "<%s>", msg->message_id);
    int e = kpi_sendlog_append(r->log, now, r->month, p->key, p->email, id);
    if (!e)
        return true;
    kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                       "[recipient %s] <%s>: SENT, but it could not be "
                       "recorded in '%s': %s; add this line by hand before "
                       "running again, or the recipient gets it twice:\n"
                       "%s\t%s\t%s\t%s\t%s",
                       p->key, p->email, r->log_path, strerror(e), now,
                       r->month, p->key, p->email, id);
    return false;
}

/* Step 5 with send: each message over SMTP, logged as it is accepted. */
static kpi_status send_all(const run *r)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        note(r, KPI_SEVERITY_ERROR, "cannot start libcurl; nothing sent");
        return KPI_ERR_IO;
    }
    kpi_smtp_server server = {.host = r->smtp.host,
                              .port = r->port,
                              .user = r->smtp.user,
                              .password = r->o->password};
    size_t n = r->n_msgs, sent = 0, failed = 0, untried = 0;
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < n; i++) {
        const kpi_pack *p = r->msgs[i].pack;
        char err[768];
        kpi_smtp_result res =
            kpi_smtp_send(&server, r->smtp.from, p->email, r->msgs[i].eml.data,
                          r->msgs[i].eml.len, err, sizeof err);
        if (res != KPI_SMTP_SENT) {
            kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                               "[recipient %s] <%s>: not sent: %s", p->key,
                               p->email, err);
            failed++;
            st = KPI_ERR_IO;
            if (res == KPI_SMTP_NO_SERVER) {
                /* Every further message would fail the same way. */
                untried = n - i - 1;
                break;
            }
            continue;
        }
        sent++;
        if (!log_sent(r, &r->msgs[i])) {
            st = KPI_ERR_IO;
            untried = n - i - 1;
            break;
        }
        if (r->o->sent)
            r->o->sent(r->notify->ctx, p->key, p->email);
    }
    curl_global_cleanup();
    if (st != KPI_OK)
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "%zu of %zu messages sent, %zu failed, %zu not "
                           "tried; '%s' lists what was sent: run the command "
                           "again to send the rest",
                           sent, n, failed, untried, r->log_path);
    return st;
}

/* ------------------------------------------------------------------ */

static void run_free(run *r)
{
    for (size_t i = 0; i < r->n_msgs; i++)
        kpi_message_free(&r->msgs[i]);
    free(r->msgs);
    if (r->stage)
        rmdir(r->stage);
    free(r->stage);
    kpi_sendlog_close(r->log);
    free(r->log_path);
    kpi_map_free(r->map);
    free(r->note);
    kpi_packs_free(r->packs, r->n_packs);
}

kpi_status kpi_distribute(const kpi_dataset *ds, const kpi_figures *figs,
                          kpi_month m, const kpi_distribute_options *o)
{
    if (!ds || !figs || !o || !o->dataset_dir)
        return KPI_ERR_ARG;
    run r;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.notify = &o->notify;
    r.m = m;
    r.port = DEFAULT_PORT;
    kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_CODE, r.month,
                      sizeof r.month);
    kpi_status st = check_input(&r, ds);
    if (st == KPI_OK)
        st = kpi_map_load(o->dataset_dir, r.notify, &r.map);
    if (st == KPI_OK)
        st = kpi_note_load(o->dataset_dir, m, r.notify, &r.note);
    if (st == KPI_OK && o->send)
        st = open_log(&r);
    if (st == KPI_OK)
        st = select_messages(&r);
    if (st == KPI_OK && r.n_msgs > 0) {
        st = build_messages(&r, ds, figs);
        if (st == KPI_OK)
            st = o->send ? send_all(&r) : write_outbox(&r);
    }
    run_free(&r);
    return st;
}
