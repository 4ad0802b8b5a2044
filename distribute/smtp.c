/* smtp.c - one message over SMTP with libcurl (see smtp.h). */
#include "smtp.h"

#include <curl/curl.h>

#include <ctype.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

static bool ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

bool kpi_smtp_host_is_loopback(const char *host)
{
    if (ascii_ieq(host, "localhost") || ascii_ieq(host, "localhost."))
        return true;
    if (strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0)
        return true;
    /* 127.a.b.c, each part 0..255 in decimal digits. */
    const char *p = host;
    for (int part = 0; part < 4; part++) {
        if (!isdigit((unsigned char)*p))
            return false;
        unsigned v = 0;
        int digits = 0;
        while (isdigit((unsigned char)*p)) {
            v = v * 10 + (unsigned)(*p++ - '0');
            if (++digits > 3 || v > 255)
                return false;
        }
        if (part == 0 && v != 127)
            return false;
        if (part < 3 && *p++ != '.')
            return false;
    }
    return *p == '\0';
}

/* Where the dialogue is, from the commands curl sends (seen by the
 * debug callback). */
typedef enum phase {
    PH_CONNECT, /* until the greeting */
    PH_EHLO,
    PH_STARTTLS,
    PH_AUTH,
    PH_MAIL,
    PH_RCPT,
    PH_DATA, /* the DATA command, until its 354 */
    PH_BODY, /* the message going out */
    PH_END,  /* the final "." sent, its reply awaited */
    PH_QUIT,
    PH_OTHER
} phase;

static const char *const phase_names[] = {
    "the greeting",        "EHLO",    "STARTTLS", "the login (AUTH)",
    "MAIL FROM",           "RCPT TO", "DATA",     "the data",
    "the end of the data", "QUIT",    "a command"};

/* One message's dialogue as kpi follows it. */
typedef struct dialogue {
    const kpi_smtp_server *server;
    CURL *h;
    const char *data;
    size_t len, pos;
    phase ph;
    time_t wait_since; /* when the current wait began */
    bool half_told, end_wait_told;
    bool auth_offered, authed;
    bool stop;          /* progress() or a check said stop */
    char stop_why[256]; /* why, when kpi stopped it itself */
    bool timed_out;     /* kpi's own clock ran out */
    phase failed_phase; /* the phase of the 4xx/5xx reply */
    int failed_code;    /* 0: no refusal seen */
    char failed_reply[256];
    bool accepted; /* 2xx to the end of the data */
    char end_reply[256];
} dialogue;

static bool tell(dialogue *d, kpi_smtp_step step)
{
    const kpi_smtp_server *s = d->server;
    if (!d->stop && s->progress && !s->progress(s->ctx, step))
        d->stop = true;
    return !d->stop;
}

static long command_timeout(const kpi_smtp_server *s)
{
    return s->command_timeout > 0 ? s->command_timeout : 300;
}

static long data_done_timeout(const kpi_smtp_server *s)
{
    return s->data_done_timeout > 0 ? s->data_done_timeout : 600;
}

static size_t read_message(char *buf, size_t size, size_t nitems, void *ctx)
{
    dialogue *d = ctx;
    /* Never a byte of the message before RCPT was accepted and
     * progress() agreed (it records the attempt), nor after a stop. */
    if (d->stop)
        return CURL_READFUNC_ABORT;
    d->ph = PH_BODY;
    d->wait_since = time(NULL);
    size_t room = size * nitems;
    size_t n = d->len - d->pos < room ? d->len - d->pos : room;
    memcpy(buf, d->data + d->pos, n);
    d->pos += n;
    if (!d->half_told && d->pos >= d->len / 2) {
        d->half_told = true;
        if (!tell(d, KPI_SMTP_STEP_BODY))
            return CURL_READFUNC_ABORT;
    }
    return n;
}

static phase phase_of_command(const char *data, size_t size)
{
    static const struct {
        const char *verb;
        phase ph;
    } verbs[] = {{"EHLO", PH_EHLO},         {"HELO", PH_EHLO},
                 {"STARTTLS", PH_STARTTLS}, {"AUTH", PH_AUTH},
                 {"MAIL", PH_MAIL},         {"RCPT", PH_RCPT},
                 {"DATA", PH_DATA},         {"QUIT", PH_QUIT}};
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        size_t n = strlen(verbs[i].verb);
        if (size >= n && strncmp(data, verbs[i].verb, n) == 0 &&
            (size == n || data[n] == ' ' || data[n] == '\r'))
            return verbs[i].ph;
    }
    /* A line of a login exchange (credentials): not a command. */
    return PH_OTHER;
}

/* A final reply line ("250 ok", not "250-..."), in the phase it answers. */
static void on_reply(dialogue *d, const char *line, size_t n)
{
    if (n < 3 || !isdigit((unsigned char)line[0]))
        return;
    if (d->ph == PH_EHLO && n > 8 &&
        (strncmp(line + 4, "AUTH ", 5) == 0 ||
         strncmp(line + 4, "AUTH=", 5) == 0))
        d->auth_offered = true;
    if (n > 3 && line[3] == '-')
        return; /* more lines follow */
    int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    /* A server says nothing during the data: a reply then answers its
     * end (or refuses the rest, which comes to the same). */
    if (d->ph == PH_BODY)
        d->ph = PH_END;
    phase ph = d->ph;
    d->wait_since = time(NULL);
    if (code >= 400) {
        /* The first refusal is the one that counts, not the "221 bye"
         * or a 5xx to the QUIT curl says after it. */
        if (!d->failed_code) {
            d->failed_code = code;
            d->failed_phase = ph;
            snprintf(d->failed_reply, sizeof d->failed_reply, "%.*s",
                     (int)(n < 255 ? n : 255), line);
        }
        return;
    }
    switch (ph) {
    case PH_CONNECT:
        d->ph = PH_OTHER;
        tell(d, KPI_SMTP_STEP_GREETING);
        break;
    case PH_AUTH:
        if (code == 235)
            d->authed = true;
        break;
    case PH_MAIL:
        tell(d, KPI_SMTP_STEP_MAIL);
        break;
    case PH_RCPT:
        /* The attempt is recorded here, before curl sends DATA. */
        if (d->stop)
            break;
        tell(d, KPI_SMTP_STEP_RCPT);
        break;
    case PH_DATA:
        if (code == 354)
            tell(d, KPI_SMTP_STEP_DATA);
        break;
    case PH_END:
        d->accepted = code / 100 == 2;
        snprintf(d->end_reply, sizeof d->end_reply, "%.*s",
                 (int)(n < 255 ? n : 255), line);
        d->ph = PH_OTHER;
        break;
    default:
        break;
    }
}

static int on_debug(CURL *h, curl_infotype type, char *data, size_t size,
                    void *ctx)
{
    (void)h;
    dialogue *d = ctx;
    while (size && (data[size - 1] == '\n' || data[size - 1] == '\r'))
        size--;
    if (type == CURLINFO_HEADER_OUT) {
        /* Only the verb is kept: a login line holds the password. */
        phase ph = phase_of_command(data, size);
        if (ph == PH_OTHER)
            return 0;
        d->ph = ph;
        d->wait_since = time(NULL);
        /* A configured login that did not happen: curl goes on without
         * one when the server offers no AUTH. Stop before any data. */
        if (ph == PH_MAIL && d->server->user && *d->server->user &&
            !d->authed && !d->stop) {
            d->stop = true;
            snprintf(d->stop_why, sizeof d->stop_why,
                     "[smtp] user is '%s', but the server %s; nothing sent",
                     d->server->user,
                     d->auth_offered ? "did not log us in"
                                     : "offers no login (no AUTH in its "
                                       "EHLO reply)");
        }
    } else if (type == CURLINFO_HEADER_IN) {
        on_reply(d, data, size);
    }
    return 0;
}

/* RFC 5321 §4.5.3.2's timeouts, each for its own wait: curl has one for
 * all, so kpi keeps the clock here (called about once a second). */
static int on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow,
                       curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    dialogue *d = ctx;
    if (d->stop)
        return 1;
    if (d->ph == PH_CONNECT || !d->wait_since)
        return 0; /* CURLOPT_CONNECTTIMEOUT covers it */
    time_t now = time(NULL);
    if (d->ph == PH_BODY && ultotal > 0 && ulnow >= ultotal) {
        /* All of the message is out; the final "." goes with it. */
        d->ph = PH_END;
        d->wait_since = now;
        if (!tell(d, KPI_SMTP_STEP_END))
            return 1;
    }
    long limit = d->ph == PH_END ? data_done_timeout(d->server)
                                 : command_timeout(d->server);
    if (d->ph == PH_END && !d->end_wait_told && now - d->wait_since >= 1) {
        d->end_wait_told = true;
        if (!tell(d, KPI_SMTP_STEP_END_WAIT))
            return 1;
    }
    if (now - d->wait_since > limit) {
        d->timed_out = true;
        return 1;
    }
    return 0;
}

void kpi_smtp_queue_id(const char *reply, char *buf, size_t size)
{
    static const char *const marks[] = {"queued as ", "id="};
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        const char *p = strstr(reply, marks[i]);
        if (!p)
            continue;
        p += strlen(marks[i]);
        size_t n = 0;
        while (p[n] && (isalnum((unsigned char)p[n]) || strchr("-._", p[n])))
            n++;
        while (n && strchr("-._", p[n - 1]))
            n--;
        if (n) {
            snprintf(buf, size, "%.*s", (int)n, p);
            return;
        }
    }
}

/* The failures that would meet every further message too. */
static bool unusable(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_AUTH_ERROR:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_OUT_OF_MEMORY:
        return true;
    default:
        return false;
    }
}

/* No connection at all, or no answer in time before the data ended:
 * nothing delivered, a later run may do better. */
static bool temporary(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_WEIRD_SERVER_REPLY:
        return true;
    default:
        return false;
    }
}

/* What became of the message, from what curl says and what kpi saw. */
static void judge(const dialogue *d, CURLcode rc, const char *curl_err,
                  kpi_smtp_outcome *out)
{
    /* Every byte of the message written to the connection: the final "."
     * may have followed, and the server may have the message. */
    curl_off_t up = 0;
    bool all_out =
        curl_easy_getinfo(d->h, CURLINFO_SIZE_UPLOAD_T, &up) == CURLE_OK &&
        d->len > 0 && (size_t)up >= d->len;
    const char *what = curl_err[0] ? curl_err : curl_easy_strerror(rc);
    if (d->accepted) {
        /* A failing QUIT after the 250 changes nothing. */
        out->result = KPI_SMTP_SENT;
        snprintf(out->reply, sizeof out->reply, "%s", d->end_reply);
        kpi_smtp_queue_id(d->end_reply, out->queue_id, sizeof out->queue_id);
        return;
    }
    out->server_unusable = unusable(rc);
    if (d->failed_code) {
        /* The server's own words to the command that failed. */
        out->result =
            d->failed_code < 500 ? KPI_SMTP_TEMPORARY : KPI_SMTP_PERMANENT;
        /* 421: the server is closing; so it will for the next one. */
        if (d->failed_code == 421 || d->failed_phase <= PH_AUTH)
            out->server_unusable = true;
        snprintf(out->reply, sizeof out->reply, "%s refused: %s",
                 phase_names[d->failed_phase], d->failed_reply);
        return;
    }
    if (d->stop_why[0]) {
        out->result = KPI_SMTP_PERMANENT;
        out->server_unusable = true;
        snprintf(out->reply, sizeof out->reply, "%s", d->stop_why);
        return;
    }
    if (d->ph == PH_END || (d->ph == PH_BODY && all_out)) {
        /* The final "." went out (or may have): the server may have the
         * message. Only its log can say. */
        out->result = KPI_SMTP_UNCERTAIN;
        if (d->timed_out)
            snprintf(out->reply, sizeof out->reply,
                     "no reply to the end of the data within %ld s "
                     "([smtp] data_done_timeout)",
                     data_done_timeout(d->server));
        else
            snprintf(out->reply, sizeof out->reply,
                     "no reply to the end of the data: %s", what);
        return;
    }
    if (d->stop) {
        /* progress() said stop (the attempt could not be recorded). */
        out->result = KPI_SMTP_PERMANENT;
        out->server_unusable = true;
        snprintf(out->reply, sizeof out->reply, "stopped before the data");
        return;
    }
    if (d->timed_out) {
        out->result = KPI_SMTP_TEMPORARY;
        snprintf(out->reply, sizeof out->reply,
                 "no reply to %s within %ld s ([smtp] command_timeout)",
                 phase_names[d->ph], command_timeout(d->server));
        return;
    }
    out->result = temporary(rc) ? KPI_SMTP_TEMPORARY : KPI_SMTP_PERMANENT;
    if (rc == CURLE_USE_SSL_FAILED)
        snprintf(out->reply, sizeof out->reply,
                 "the server offers no STARTTLS, and kpi sends only over TLS "
                 "(%s)",
                 what);
    else if (rc == CURLE_OPERATION_TIMEDOUT && d->ph == PH_CONNECT)
        snprintf(out->reply, sizeof out->reply,
                 "%s (connecting and the greeting: [smtp] command_timeout)",
                 what);
    else if (d->ph == PH_BODY || d->ph == PH_DATA)
        snprintf(out->reply, sizeof out->reply,
                 "the connection broke during %s (%s)", phase_names[d->ph],
                 what);
    else
        snprintf(out->reply, sizeof out->reply, "%s", what);
}

/* The URL and curl's TLS mode for the server and [smtp] tls. */
static long tls_mode(const kpi_smtp_server *s, char *url, size_t size)
{
    bool loopback = kpi_smtp_host_is_loopback(s->host);
    /* Port 465 is SMTP over TLS from the first byte (RFC 8314); other
     * ports start in plain text and must upgrade with STARTTLS. */
    bool implicit = s->tls == KPI_SMTP_TLS_IMPLICIT ||
                    (s->tls == KPI_SMTP_TLS_DEFAULT && s->port == 465);
    bool ipv6 = strchr(s->host, ':') && s->host[0] != '[';
    snprintf(url, size, "%s://%s%s%s:%d", implicit ? "smtps" : "smtp",
             ipv6 ? "[" : "", s->host, ipv6 ? "]" : "", s->port);
    if (s->tls == KPI_SMTP_TLS_NONE)
        return (long)CURLUSESSL_NONE;
    if (s->tls == KPI_SMTP_TLS_DEFAULT && loopback)
        return (long)CURLUSESSL_TRY;
    return (long)CURLUSESSL_ALL;
}

void kpi_smtp_send(const kpi_smtp_server *server, const char *from,
                   const char *to, const char *msg, size_t len,
                   kpi_smtp_outcome *out)
{
    memset(out, 0, sizeof *out);
    CURL *h = curl_easy_init();
    if (!h) {
        out->result = KPI_SMTP_PERMANENT;
        out->server_unusable = true;
        snprintf(out->reply, sizeof out->reply, "cannot start libcurl");
        return;
    }
    char url[512];
    long use_ssl = tls_mode(server, url, sizeof url);
    char mail_from[320], rcpt_to[320];
    snprintf(mail_from, sizeof mail_from, "<%s>", from);
    snprintf(rcpt_to, sizeof rcpt_to, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_to);
    dialogue d;
    memset(&d, 0, sizeof d);
    d.server = server;
    d.h = h;
    d.data = msg;
    d.len = len;
    d.ph = PH_CONNECT;
    char curl_err[CURL_ERROR_SIZE] = "";
    long cmd = command_timeout(server), done = data_done_timeout(server);

    /* No overall limit (a large pack on a slow line is fine). Connecting,
     * the greeting, EHLO, STARTTLS and the login are curl's connect phase;
     * every later wait is timed by on_progress, with curl's own response
     * timeout behind it. The debug callback only runs in verbose mode; it
     * prints nothing. */
    const struct {
        CURLoption option;
        long value;
    } numbers[] = {
        {CURLOPT_USE_SSL, use_ssl},
        {CURLOPT_UPLOAD, 1L},
        {CURLOPT_CONNECTTIMEOUT, cmd},
        {CURLOPT_SERVER_RESPONSE_TIMEOUT, (cmd > done ? cmd : done) + 5},
        {CURLOPT_NOPROGRESS, 0L},
        {CURLOPT_NOSIGNAL, 1L},
        {CURLOPT_VERBOSE, 1L},
    };
    const struct {
        CURLoption option;
        const void *value;
    } pointers[] = {
        {CURLOPT_URL, url},
        {CURLOPT_MAIL_FROM, mail_from},
        {CURLOPT_MAIL_RCPT, rcpt},
        {CURLOPT_READDATA, &d},
        {CURLOPT_ERRORBUFFER, curl_err},
        {CURLOPT_DEBUGDATA, &d},
        {CURLOPT_XFERINFODATA, &d},
    };
    CURLcode rc = rcpt ? CURLE_OK : CURLE_OUT_OF_MEMORY;
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0] && !rc; i++)
        rc = curl_easy_setopt(h, numbers[i].option, numbers[i].value);
    for (size_t i = 0; i < sizeof pointers / sizeof pointers[0] && !rc; i++)
        rc = curl_easy_setopt(h, pointers[i].option, pointers[i].value);
    if (rc == CURLE_OK && server->user && *server->user) {
        rc = curl_easy_setopt(h, CURLOPT_USERNAME, server->user);
        if (rc == CURLE_OK)
            rc = curl_easy_setopt(h, CURLOPT_PASSWORD,
                                  server->password ? server->password : "");
    }
    if (rc == CURLE_OK && server->ca_file && *server->ca_file)
        rc = curl_easy_setopt(h, CURLOPT_CAINFO, server->ca_file);
    /* The options of other types than the tables'. */
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_READFUNCTION, read_message);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    if (rc == CURLE_OK)
        rc = curl_easy_perform(h);
    if (rc == CURLE_OK && !d.accepted) {
        /* curl saw a 2xx where kpi did not: trust curl's verdict. */
        d.accepted = true;
        snprintf(d.end_reply, sizeof d.end_reply, "250");
    }
    judge(&d, rc, curl_err, out);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
}
