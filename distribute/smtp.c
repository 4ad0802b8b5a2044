/* smtp.c - one message over SMTP with libcurl (see smtp.h). */
#include "smtp.h"

#include <curl/curl.h>

#include <ctype.h>
#include <stdio.h>
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

/* The message as curl reads it. */
typedef struct upload {
    const char *data;
    size_t len, pos;
} upload;

static size_t read_message(char *buf, size_t size, size_t nitems, void *ctx)
{
    upload *u = ctx;
    size_t room = size * nitems;
    size_t n = u->len - u->pos < room ? u->len - u->pos : room;
    memcpy(buf, u->data + u->pos, n);
    u->pos += n;
    return n;
}

/* The server's last reply line, for the error message. curl's own
 * message says which command failed but not the server's words. */
typedef struct replies {
    char last[256];
    bool refused; /* last holds a 4xx or 5xx reply */
} replies;

static int note_reply(CURL *h, curl_infotype type, char *data, size_t size,
                      void *ctx)
{
    (void)h;
    /* Only what the server sends: what we send may hold the password. */
    if (type != CURLINFO_HEADER_IN)
        return 0;
    replies *r = ctx;
    while (size && (data[size - 1] == '\n' || data[size - 1] == '\r'))
        size--;
    /* Keep the refusal (4xx, 5xx) rather than the "221 bye" that
     * follows it when curl says QUIT. */
    bool refusal = size && (data[0] == '4' || data[0] == '5');
    if (r->refused && !refusal)
        return 0;
    r->refused = refusal;
    if (size >= sizeof r->last)
        size = sizeof r->last - 1;
    memcpy(r->last, data, size);
    r->last[size] = '\0';
    return 0;
}

static kpi_smtp_result classify(CURLcode rc)
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
        return KPI_SMTP_NO_SERVER;
    default:
        return KPI_SMTP_REFUSED;
    }
}

kpi_smtp_result kpi_smtp_send(const kpi_smtp_server *server, const char *from,
                              const char *to, const char *msg, size_t len,
                              char *err, size_t err_size)
{
    if (err_size)
        err[0] = '\0';
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(err, err_size, "cannot start libcurl");
        return KPI_SMTP_NO_SERVER;
    }
    bool loopback = kpi_smtp_host_is_loopback(server->host);
    /* Port 465 is SMTP over TLS from the first byte (RFC 8314); other
     * ports start in plain text and must upgrade with STARTTLS. */
    const char *scheme = server->port == 465 ? "smtps" : "smtp";
    bool ipv6 = strchr(server->host, ':') && server->host[0] != '[';
    char url[512];
    snprintf(url, sizeof url, "%s://%s%s%s:%d", scheme, ipv6 ? "[" : "",
             server->host, ipv6 ? "]" : "", server->port);
    char mail_from[320], rcpt_to[320];
    snprintf(mail_from, sizeof mail_from, "<%s>", from);
    snprintf(rcpt_to, sizeof rcpt_to, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_to);
    upload u = {msg, len, 0};
    replies r = {{0}, false};
    char curl_err[CURL_ERROR_SIZE] = "";
    long connect_timeout =
        server->connect_timeout ? server->connect_timeout : 30;
    long stall = server->stall_timeout ? server->stall_timeout : 60;

    /* No overall limit (a large pack on a slow line is fine), but a
     * server that stops answering must not hang the run: under 1 byte/s
     * for `stall` seconds aborts. The debug callback only runs in verbose
     * mode; it prints nothing. */
    const struct {
        CURLoption option;
        long value;
    } numbers[] = {
        {CURLOPT_USE_SSL, (long)(loopback ? CURLUSESSL_TRY : CURLUSESSL_ALL)},
        {CURLOPT_UPLOAD, 1L},
        {CURLOPT_CONNECTTIMEOUT, connect_timeout},
        {CURLOPT_LOW_SPEED_LIMIT, 1L},
        {CURLOPT_LOW_SPEED_TIME, stall},
        {CURLOPT_SERVER_RESPONSE_TIMEOUT, stall},
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
        {CURLOPT_READDATA, &u},
        {CURLOPT_ERRORBUFFER, curl_err},
        {CURLOPT_DEBUGDATA, &r},
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
    /* The options of other types than the tables'. */
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_READFUNCTION, read_message);
    if (rc == CURLE_OK)
        rc = curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, note_reply);
    if (rc == CURLE_OK)
        rc = curl_easy_perform(h);

    kpi_smtp_result result = KPI_SMTP_SENT;
    if (rc != CURLE_OK) {
        result = classify(rc);
        const char *what = curl_err[0] ? curl_err : curl_easy_strerror(rc);
        if (r.refused)
            snprintf(err, err_size, "%s (server said: %s)", what, r.last);
        else if (rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
                 rc == CURLE_GOT_NOTHING)
            snprintf(err, err_size,
                     "the connection broke during the "
                     "message (%s)",
                     what);
        else if (r.last[0])
            snprintf(err, err_size, "%s (server said: %s)", what, r.last);
        else
            snprintf(err, err_size, "%s", what);
    }
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(h);
    return result;
}
