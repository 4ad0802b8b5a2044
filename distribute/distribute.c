/*
 * distribute.c - the distribution run (kpi/distribute.h: kpi_distribute):
 * one pack and one e-mail per [recipient] section of kpi.ini whose group
 * is due this month, into an outbox for review or over SMTP.
 *
 * Order of work, so that bad input never gets half-way: check kpi.ini's
 * recipients and [smtp] (every problem reported, nothing written or
 * sent); open and lock the send log. The outbox renders every pack and
 * composes every message in memory before it writes any. Sending takes
 * the recipients one at a time: build the message, send it, let it go.
 * The attempt is logged (fsync'ed) once the server has accepted the
 * recipient and before DATA, the outcome after the server's reply, so
 * the log is true after any failure or kill: a re-run sends exactly the
 * rest, and reports as uncertain the one message whose acknowledgement
 * it never saw (docs/DISTRIBUTION.md).
 */
#include "message.h"
#include "sendlog.h"
#include "smtp.h"

#include "kpi/atomic.h"

#include <curl/curl.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <strings.h>
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
    kpi_comparison *cmp; /* sammenligning/, NULL: none */
    kpi_sendlog *log;
    char *log_path;
    message *msgs;
    size_t n_msgs;
    char *stage;
    char *ca_file; /* the CA file to trust; NULL: the system's */
    kpi_distribute_result res;
    bool permanent;     /* a failure a later run will not cure */
    char kill_step[16]; /* KPI_DISTRIBUTE_KILL_VAR's step, "" when unset */
    unsigned long kill_at, sending; /* its message number; this one's */
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

/* A host name (labels of letters, digits and hyphens) or an IPv4 or
 * IPv6 address; no port ("127.0.0.1:2525"): that goes in port =. */
static bool host_name_ok(const char *host)
{
    unsigned char buf[16];
    char bare[64];
    size_t n = strlen(host);
    if (n > 2 && n < sizeof bare + 2 && host[0] == '[' && host[n - 1] == ']') {
        snprintf(bare, sizeof bare, "%.*s", (int)(n - 2), host + 1);
        return inet_pton(AF_INET6, bare, buf) == 1;
    }
    if (strchr(host, ':'))
        return inet_pton(AF_INET6, host, buf) == 1;
    if (n == 0 || n > 253 || host[0] == '.' || host[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)host[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '-' ||
                  (c == '.' && host[i + 1] != '.' && host[i + 1] != '-' &&
                   (i == 0 || host[i - 1] != '-'));
        if (!ok)
            return false;
    }
    return true;
}

/* A host with a port after a colon, as "smtp.example.dk:587". */
static bool host_has_port(const char *host)
{
    const char *colon = strrchr(host, ':');
    unsigned char buf[16];
    if (!colon || colon == host || !colon[1] ||
        strspn(colon + 1, "0123456789") != strlen(colon + 1))
        return false;
    return host[0] == '[' ? colon[-1] == ']'
                          : inet_pton(AF_INET6, host, buf) != 1;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 32 || *s == 127)
            return true;
    return false;
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
    } else if (send && host_has_port(s->host)) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", s->line, "host",
                           "[smtp]: '%s' holds a port; write the host alone "
                           "and the port as port = %s",
                           s->host, strrchr(s->host, ':') + 1);
        ok = false;
    } else if (send && !host_name_ok(s->host)) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", s->line, "host",
                           "[smtp]: '%s' is not a host name or an address",
                           s->host);
        ok = false;
    } else if (send && !strcasecmp(s->tls, "none-on-loopback") &&
               !kpi_smtp_host_is_loopback(s->host)) {
        kpi_notify_problem(n, KPI_SEVERITY_ERROR, "kpi.ini", s->line, "tls",
                           "[smtp]: tls = none-on-loopback, but '%s' is not "
                           "loopback (localhost, 127.x.x.x, ::1); the "
                           "password and the packs would cross the network "
                           "unencrypted",
                           s->host);
        ok = false;
    }
    /* kpi.ini's reader has refused a port outside 1-65535; 0 is none. */
    r->port = s->port > 0 ? s->port : DEFAULT_PORT;
    return ok;
}

/* The CA file: kpi.ini's (relative to the dataset folder), else the
 * caller's (SSL_CERT_FILE); it must be readable before anything is
 * sent. */
static bool check_ca_file(run *r)
{
    const char *given = *r->smtp.ca_file ? r->smtp.ca_file : r->o->ca_file;
    if (!given || !*given)
        return true;
    r->ca_file = given[0] == '/' || !*r->smtp.ca_file
                     ? strdup(given)
                     : kpi_file_path(r->o->dataset_dir, given);
    if (!r->ca_file)
        return false;
    if (access(r->ca_file, R_OK) == 0)
        return true;
    if (*r->smtp.ca_file)
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "kpi.ini",
                           r->smtp.line, "ca_file",
                           "[smtp]: cannot read the CA file '%s': %s",
                           r->ca_file, strerror(errno));
    else
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "cannot read the CA file '%s' (SSL_CERT_FILE): %s",
                           r->ca_file, strerror(errno));
    return false;
}

/* The municipality's name goes into From:. */
static bool check_municipality(const run *r, const kpi_dataset *ds)
{
    const char *name = kpi_dataset_municipality(ds);
    if (!name || !has_control(name))
        return true;
    kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "kpi.ini", 0, "name",
                       "[municipality]: the name may not hold a line break, "
                       "tab or other control character");
    return false;
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
    if (!check_municipality(r, ds))
        smtp_ok = false;
    if (r->o->send && !r->o->dry_run && !check_ca_file(r))
        smtp_ok = false;
    kpi_status st = kpi_packs_list(ds, r->m, r->notify, &r->packs, &r->n_packs);
    if (st == KPI_OK && mail == KPI_ERR_NOMEM)
        st = KPI_ERR_NOMEM;
    else if (st == KPI_OK && (mail != KPI_OK || !smtp_ok))
        st = KPI_ERR_INPUT;
    if (st != KPI_OK) {
        note(r, KPI_SEVERITY_NOTE, nothing(r));
        return st;
    }
    if (r->o->send && !r->o->dry_run && *r->smtp.user && !r->o->password) {
        kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "kpi.ini:%lu: [smtp] logs in as '%s', but the "
                           "environment variable " KPI_SMTP_PASSWORD_VAR
                           " with the password is not set; nothing sent",
                           r->smtp.line, r->smtp.user);
        return KPI_ERR_INPUT;
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

/* Step 2: the send log, locked for the whole run (read only, unlocked,
 * for --dry-run). */
static kpi_status open_log(run *r)
{
    r->log_path = kpi_file_path(r->o->dataset_dir, KPI_SENDLOG_NAME);
    char err[512];
    int e = r->log_path ? kpi_sendlog_open(r->log_path, r->o->dry_run, &r->log,
                                           err, sizeof err)
                        : ENOMEM;
    if (!e)
        return KPI_OK;
    kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                       "%s; nothing sent", r->log_path ? err : strerror(e));
    /* Another run holds the lock: it is sending, a later run finishes. */
    r->res.temporary = e == EAGAIN || e == EACCES;
    return e == EINVAL   ? KPI_ERR_INPUT
           : e == ENOMEM ? KPI_ERR_NOMEM
                         : KPI_ERR_IO;
}

/* Step 3 of the outbox: the due packs. */
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
    for (size_t i = 0; i < n_due; i++) {
        message *msg = &r->msgs[r->n_msgs++];
        msg->pack = due[i];
        kpi_mail_buf_init(&msg->eml);
        kpi_mail_buf_init(&msg->xlsx);
    }
    free(due);
    if (r->n_msgs == 0)
        kpi_notify_problem(r->notify, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "nothing to write for %s", r->month);
    return KPI_OK;
}

/* A private temporary folder to render the packs in. */
static kpi_status make_stage(run *r)
{
    const char *tmpdir = getenv("TMPDIR");
    r->stage = kpi_file_path(tmpdir && *tmpdir ? tmpdir : "/tmp",
                             "kpi-distribute.XXXXXX");
    if (r->stage && mkdtemp(r->stage))
        return KPI_OK;
    kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                       "cannot create a temporary folder: %s; %s",
                       strerror(errno), nothing(r));
    free(r->stage);
    r->stage = NULL;
    return KPI_ERR_IO;
}

static message_run message_run_of(const run *r, const kpi_dataset *ds,
                                  const kpi_figures *figs)
{
    /* The packs by mail are written to kpi's own limits. */
    message_run mr = {{ds, figs, r->map, r->m, {0, 0}, r->note,
                       r->o->trajectory, r->cmp},
                      r->smtp.from,
                      r->o->send ? time(NULL) : kpi_message_outbox_date(r->m),
                      r->stage,
                      r->notify};
    return mr;
}

/* Step 4 of the outbox: every pack and message, before any is written.
 * The packs are rendered in a private temporary folder and read back. */
static kpi_status build_messages(run *r, const kpi_dataset *ds,
                                 const kpi_figures *figs)
{
    kpi_status st = make_stage(r);
    message_run mr = message_run_of(r, ds, figs);
    for (size_t i = 0; i < r->n_msgs && st == KPI_OK; i++)
        st = kpi_message_build(&mr, &r->msgs[i]);
    if (st != KPI_OK && r->stage)
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

const char *kpi_delivery_name(kpi_delivery what)
{
    static const char *const names[KPI_DELIVERY_COUNT] = {
        "sent", "already sent", "not due", "uncertain", "failed", "would send"};
    return what < KPI_DELIVERY_COUNT ? names[what] : "?";
}

/* One recipient decided: counted and told. */
static void deliver(run *r, const kpi_pack *p, kpi_delivery what,
                    const char *fmt, ...) KPI_PRINTF(4, 5);
static void deliver(run *r, const kpi_pack *p, kpi_delivery what,
                    const char *fmt, ...)
{
    r->res.count[what]++;
    if (!r->o->delivery)
        return;
    char detail[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    r->o->delivery(r->notify->ctx, p->key, p->email, what, detail);
}

/* The test-only fault hook: dies at the named step of the chosen
 * message, as a power cut or kill -9 would. */
static void maybe_die(const run *r, const char *step)
{
    if (r->kill_step[0] && r->sending == r->kill_at &&
        !strcmp(r->kill_step, step))
        raise(SIGKILL);
}

static void read_kill_hook(run *r)
{
    const char *v = getenv(KPI_DISTRIBUTE_KILL_VAR);
    const char *colon = v ? strchr(v, ':') : NULL;
    if (!colon || (size_t)(colon - v) >= sizeof r->kill_step)
        return;
    snprintf(r->kill_step, sizeof r->kill_step, "%.*s", (int)(colon - v), v);
    r->kill_at = strtoul(colon + 1, NULL, 10);
}

/* One message on its way: what the SMTP steps need to log it. */
typedef struct sending {
    run *r;
    const message *msg;
    char id[512]; /* "<...>" */
    bool attempt_logged;
    int log_error; /* errno of a record that could not be written */
} sending;

static bool record(sending *s, const char *status, const char *queue_id,
                   const char *reply)
{
    const kpi_pack *p = s->msg->pack;
    char now[32];
    utc_now(now);
    s->log_error =
        kpi_sendlog_append(s->r->log, now, s->r->month, p->key, p->email,
                           s->id, status, queue_id, reply);
    return s->log_error == 0;
}

static bool on_step(void *ctx, kpi_smtp_step step)
{
    static const char *const names[] = {"greeting", "mail", "rcpt",    "data",
                                        "body",     "end",  "end-wait"};
    sending *s = ctx;
    maybe_die(s->r, names[step]);
    if (step != KPI_SMTP_STEP_RCPT)
        return true;
    /* From DATA on the server may end up with the message: the attempt
     * is on disk before DATA goes out, or DATA does not go out. */
    if (!record(s, "attempt", NULL, NULL))
        return false;
    s->attempt_logged = true;
    maybe_die(s->r, "attempt");
    return true;
}

/* What the log could not take: the one case where it is not true. */
static void log_failure(const sending *s, const char *what)
{
    const run *r = s->r;
    const kpi_pack *p = s->msg->pack;
    kpi_notify_problem(r->notify, KPI_SEVERITY_ERROR, "", 0, NULL,
                       "[recipient %s] <%s>: %s, but it could not be "
                       "recorded in '%s': %s; kpi stops here. Add a line "
                       "to the log by hand before running again (see "
                       "docs/DISTRIBUTION.md), or the recipient gets it "
                       "twice",
                       p->key, p->email, what, r->log_path,
                       strerror(s->log_error));
}

/* Sends one built message and logs its outcome. false: stop the run. */
static bool send_one(run *r, const kpi_smtp_server *base, const message *msg)
{
    const kpi_pack *p = msg->pack;
    sending s = {.r = r, .msg = msg};
    snprintf(s.id, sizeof s.id, "<%s>", msg->message_id);
    kpi_smtp_server server = *base;
    server.progress = on_step;
    server.ctx = &s;
    kpi_smtp_outcome out;
    kpi_smtp_send(&server, r->smtp.from, p->email, msg->eml.data, msg->eml.len,
                  &out);
    if (!s.attempt_logged && s.log_error) {
        log_failure(&s, "the attempt was stopped before DATA (nothing sent)");
        deliver(r, p, KPI_DELIVERY_FAILED,
                "not sent: the send log cannot "
                "be written");
        return false;
    }
    switch (out.result) {
    case KPI_SMTP_SENT:
        maybe_die(r, "accepted");
        if (!record(&s, "sent", out.queue_id, out.reply)) {
            log_failure(&s, "SENT (the server's reply: see above)");
            deliver(r, p, KPI_DELIVERY_SENT, "%s; NOT LOGGED", out.reply);
            return false;
        }
        maybe_die(r, "logged");
        if (out.queue_id[0])
            deliver(r, p, KPI_DELIVERY_SENT, "queue id %s (%s)", out.queue_id,
                    out.reply);
        else
            deliver(r, p, KPI_DELIVERY_SENT, "server said: %s", out.reply);
        return true;
    case KPI_SMTP_UNCERTAIN:
        /* The attempt stays without an outcome: the next run reports it. */
        deliver(r, p, KPI_DELIVERY_UNCERTAIN,
                "%s; the server may have it: check the mail server's log "
                "for %s before --resend-uncertain sends it again",
                out.reply, s.id);
        return !out.server_unusable;
    case KPI_SMTP_TEMPORARY:
    case KPI_SMTP_PERMANENT:
        /* The server refused or never got the end of the data: it does
         * not have the message, and the log says so. */
        if (out.result == KPI_SMTP_PERMANENT)
            r->permanent = true;
        deliver(r, p, KPI_DELIVERY_FAILED, "%s", out.reply);
        if (s.attempt_logged && !record(&s, "failed", NULL, out.reply)) {
            log_failure(&s, "not sent");
            return false;
        }
        return !out.server_unusable;
    }
    return true;
}
/* The month after m in which cadence c is due, for the note on a
 * recipient left out ("next 2026-12"). */
static kpi_month next_due(kpi_cadence c, kpi_month m)
{
    for (int i = 0; i < 24; i++) {
        m.month++;
        if (m.month > 12) {
            m.month = 1;
            m.year++;
        }
        if (kpi_cadence_due(c, m))
            return m;
    }
    return (kpi_month){0, 0};
}

/* Whether pack p goes out in this run; reports those that do not. */
static bool to_send(run *r, const kpi_pack *p)
{
    kpi_cadence c = kpi_map_cadence(r->map, p->group);
    if (!kpi_cadence_due(c, r->m)) {
        kpi_month next = next_due(c, r->m);
        if (next.year)
            deliver(r, p, KPI_DELIVERY_NOT_DUE,
                    "%s gets its pack %s; next %04d-%02d",
                    kpi_group_code(p->group), kpi_cadence_code(c), next.year,
                    next.month);
        else
            deliver(r, p, KPI_DELIVERY_NOT_DUE, "%s gets its pack %s",
                    kpi_group_code(p->group), kpi_cadence_code(c));
        return false;
    }
    if (r->o->resend)
        return true;
    const char *when = "", *id = "";
    switch (
        kpi_sendlog_state_of(r->log, r->month, p->key, p->email, &when, &id)) {
    case KPI_SENDLOG_SENT:
        deliver(r, p, KPI_DELIVERY_ALREADY_SENT,
                "on %s (%s); --resend sends "
                "it again",
                when, KPI_SENDLOG_NAME);
        return false;
    case KPI_SENDLOG_UNCERTAIN:
        if (r->o->resend_uncertain)
            return true;
        deliver(r, p, KPI_DELIVERY_UNCERTAIN,
                "attempted on %s, but no acknowledgement was recorded: check "
                "the mail server's log for %s; if it is not there, "
                "--resend-uncertain sends it again",
                when, id);
        return false;
    case KPI_SENDLOG_NONE:
        break;
    }
    return true;
}

/* Step 3 with send: each recipient in kpi.ini's order, one message
 * built, sent and let go at a time. */
static kpi_status send_all(run *r, const kpi_dataset *ds,
                           const kpi_figures *figs)
{
    bool dry = r->o->dry_run;
    if (!dry && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        note(r, KPI_SEVERITY_ERROR, "cannot start libcurl; nothing sent");
        return KPI_ERR_IO;
    }
    kpi_smtp_tls tls =
        !strcasecmp(r->smtp.tls, "starttls")           ? KPI_SMTP_TLS_STARTTLS
        : !strcasecmp(r->smtp.tls, "implicit")         ? KPI_SMTP_TLS_IMPLICIT
        : !strcasecmp(r->smtp.tls, "none-on-loopback") ? KPI_SMTP_TLS_NONE
                                                       : KPI_SMTP_TLS_DEFAULT;
    kpi_smtp_server server = {.host = r->smtp.host,
                              .port = r->port,
                              .user = r->smtp.user,
                              .password = r->o->password,
                              .tls = tls,
                              .ca_file = r->ca_file,
                              .command_timeout = r->smtp.command_timeout,
                              .data_done_timeout = r->smtp.data_done_timeout};
    kpi_status st = dry ? KPI_OK : make_stage(r);
    message_run mr = message_run_of(r, ds, figs);
    bool go_on = st == KPI_OK;
    for (size_t i = 0; i < r->n_packs; i++) {
        const kpi_pack *p = &r->packs[i];
        if (!to_send(r, p))
            continue;
        if (!go_on) {
            r->res.untried++;
            continue;
        }
        if (dry) {
            deliver(r, p, KPI_DELIVERY_WOULD_SEND, "%s", p->file_name);
            continue;
        }
        message msg = {.pack = p};
        kpi_mail_buf_init(&msg.eml);
        kpi_mail_buf_init(&msg.xlsx);
        r->sending++;
        kpi_status b = kpi_message_build(&mr, &msg);
        if (b != KPI_OK) {
            r->permanent = true;
            deliver(r, p, KPI_DELIVERY_FAILED,
                    "not sent: its pack or message could not be built "
                    "(above)");
            go_on = b != KPI_ERR_NOMEM;
        } else {
            go_on = send_one(r, &server, &msg);
        }
        kpi_message_free(&msg);
    }
    if (!dry)
        curl_global_cleanup();
    const size_t *c = r->res.count;
    bool done = c[KPI_DELIVERY_FAILED] == 0 && c[KPI_DELIVERY_UNCERTAIN] == 0 &&
                r->res.untried == 0;
    r->res.temporary = !done && !r->permanent && c[KPI_DELIVERY_UNCERTAIN] == 0;
    if (st == KPI_OK && !done)
        st = KPI_ERR_IO;
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
    free(r->ca_file);
    kpi_sendlog_close(r->log);
    free(r->log_path);
    kpi_map_free(r->map);
    free(r->note);
    kpi_comparison_free(r->cmp);
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
    read_kill_hook(&r);
    kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_CODE, r.month,
                      sizeof r.month);
    kpi_status st = check_input(&r, ds);
    if (st == KPI_OK)
        st = kpi_map_load(o->dataset_dir, r.notify, &r.map);
    if (st == KPI_OK)
        st = kpi_note_load(o->dataset_dir, m, r.notify, &r.note);
    /* The packs mailed are those kpi report writes: with the comparison
     * when the folder has one. */
    if (st == KPI_OK)
        st = kpi_report_comparison_load(ds, figs, o->dataset_dir, m,
                                        r.notify, NULL, &r.cmp);
    if (st == KPI_OK && o->send) {
        st = open_log(&r);
        if (st == KPI_OK)
            st = send_all(&r, ds, figs);
    } else if (st == KPI_OK) {
        st = select_messages(&r);
        if (st == KPI_OK && r.n_msgs > 0) {
            st = build_messages(&r, ds, figs);
            if (st == KPI_OK)
                st = write_outbox(&r);
        }
    }
    if (o->result)
        *o->result = r.res;
    run_free(&r);
    return st;
}
