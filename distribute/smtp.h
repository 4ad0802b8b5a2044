/*
 * smtp.h - delivers one composed message over SMTP with libcurl.
 *
 * TLS is required (STARTTLS on a submission port, implicit TLS on port
 * 465, or as [smtp] tls says) unless the host is loopback, where a local
 * relay or a test server listens without it (SPEC §9). One connection
 * per message: a failure of one message cannot leave the next in a
 * half-finished SMTP dialogue.
 *
 * The waits are RFC 5321 §4.5.3.2's: command_timeout (at least 5
 * minutes) for connecting, the greeting and the reply to each command,
 * and for each block of the data to go out; data_done_timeout (at least
 * 10 minutes) for the reply to the end of the data, which a server may
 * only give once it has stored the message.
 *
 *     kpi_smtp_server s = {.host = "smtp.example.dk", .port = 587,
 *                          .user = "lis", .password = pw};
 *     kpi_smtp_outcome out;
 *     kpi_smtp_send(&s, "lis@example.dk", "anne@example.dk", msg, len,
 *                   &out);
 *
 * The caller runs curl_global_init() once before and
 * curl_global_cleanup() after.
 */
#ifndef KPI_KPI_SMTP_H
#define KPI_KPI_SMTP_H

#include <stdbool.h>
#include <stddef.h>

/* How the connection is protected ([smtp] tls). */
typedef enum kpi_smtp_tls {
    KPI_SMTP_TLS_DEFAULT = 0, /* implicit on port 465, else STARTTLS;
                                 on loopback STARTTLS when offered */
    KPI_SMTP_TLS_STARTTLS,    /* STARTTLS required, loopback too */
    KPI_SMTP_TLS_IMPLICIT,    /* TLS from the first byte, any port */
    KPI_SMTP_TLS_NONE         /* plain text (the caller allows it only on
                                 loopback) */
} kpi_smtp_tls;

/* The steps of one message that progress() hears of, in order. */
typedef enum kpi_smtp_step {
    KPI_SMTP_STEP_GREETING, /* the server's 220 arrived */
    KPI_SMTP_STEP_MAIL,     /* the server accepted MAIL FROM */
    KPI_SMTP_STEP_RCPT,     /* the server accepted RCPT TO; DATA is not
                               sent before progress() returns, and not
                               at all when it returns false */
    KPI_SMTP_STEP_DATA,     /* the server answered DATA with 354 */
    KPI_SMTP_STEP_BODY,     /* half the message has gone out */
    KPI_SMTP_STEP_END,      /* all of it has; the final "." follows */
    KPI_SMTP_STEP_END_WAIT  /* a second into the wait for the reply to
                               the final "." */
} kpi_smtp_step;

typedef struct kpi_smtp_server {
    const char *host;
    int port;             /* 1..65535 */
    const char *user;     /* NULL or "": no login */
    const char *password; /* with user */
    kpi_smtp_tls tls;
    const char *ca_file;    /* the CAs to trust; NULL or "": the system's */
    long command_timeout;   /* seconds; 0: 300 (RFC 5321 §4.5.3.2) */
    long data_done_timeout; /* seconds; 0: 600 (§4.5.3.2.6) */
    /* Hears of each step of a message; returning false stops the message
     * there (with KPI_SMTP_STEP_RCPT: before DATA, so nothing is
     * delivered). May be NULL. */
    bool (*progress)(void *ctx, kpi_smtp_step step);
    void *ctx;
} kpi_smtp_server;

typedef enum kpi_smtp_result {
    KPI_SMTP_SENT = 0,  /* the server accepted the message (250 after the
                           end of the data) */
    KPI_SMTP_TEMPORARY, /* not delivered, and a later try may succeed: a
                           4xx reply, no connection, a connection broken
                           or a timeout before the end of the data */
    KPI_SMTP_PERMANENT, /* not delivered, and trying again will not
                           help: a 5xx reply, TLS or login failed, a
                           login configured that the server does not
                           offer, progress() said stop */
    KPI_SMTP_UNCERTAIN  /* the whole message and its final "." went out
                           but no reply came (timeout, connection broken):
                           the server may have it */
} kpi_smtp_result;

typedef struct kpi_smtp_outcome {
    kpi_smtp_result result;
    /* The server cannot be used at all (no connection, TLS, the login):
     * every further message would fail the same way. */
    bool server_unusable;
    /* SENT: the server's reply to the end of the data ("250 2.0.0 Ok:
     * queued as 4F3A21C0D9"); otherwise what went wrong, quoting the
     * server's reply to the command that failed when there was one
     * ("RCPT TO refused: 550 5.1.1 no such mailbox"). */
    char reply[512];
    /* SENT: the server's queue id when its reply names one ("queued as
     * X", "id=X"), else "". */
    char queue_id[64];
} kpi_smtp_outcome;

/* Sends msg (len bytes, CRLF line ends, a complete RFC 5322 message) from
 * `from` to `to` (plain addresses) and fills *out. */
void kpi_smtp_send(const kpi_smtp_server *server, const char *from,
                   const char *to, const char *msg, size_t len,
                   kpi_smtp_outcome *out);

/* The queue id in a reply to the end of the data: the word after
 * "queued as " (Postfix, and many others) or after "id=" (Exim), into
 * buf; "" when there is none. */
void kpi_smtp_queue_id(const char *reply, char *buf, size_t size);

/* true for "localhost" (any case, with or without a final dot),
 * 127.0.0.0/8 in dotted-quad form and "::1" (also "[::1]"). Names are not
 * resolved: a name that happens to resolve to 127.0.0.1 still needs TLS. */
bool kpi_smtp_host_is_loopback(const char *host);

#endif
