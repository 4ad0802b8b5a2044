/*
 * smtp.h - delivers one composed message over SMTP with libcurl.
 *
 * TLS is required (STARTTLS on a submission port, implicit TLS on port
 * 465) unless the host is loopback, where a local relay or a test server
 * listens without it (SPEC §9). One connection per message: a failure
 * of one message cannot leave the next in a half-finished SMTP dialogue.
 *
 *     kpi_smtp_server s = {.host = "smtp.example.dk", .port = 587,
 *                          .user = "lis", .password = pw};
 *     char err[512];
 *     kpi_smtp_result r = kpi_smtp_send(&s, "lis@example.dk",
 *                                       "anne@example.dk", msg, len,
 *                                       err, sizeof err);
 *
 * The caller runs curl_global_init() once before and
 * curl_global_cleanup() after.
 */
#ifndef KPI_KPI_SMTP_H
#define KPI_KPI_SMTP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct kpi_smtp_server {
    const char *host;
    int port;             /* 1..65535 */
    const char *user;     /* NULL or "": no login */
    const char *password; /* with user */
    long connect_timeout; /* seconds; 0: 30 */
    long stall_timeout;   /* seconds without progress; 0: 60 */
} kpi_smtp_server;

typedef enum kpi_smtp_result {
    KPI_SMTP_SENT = 0,     /* the server accepted the message (250 after
                              the end of DATA) */
    KPI_SMTP_REFUSED = 1,  /* this message failed (the server refused the
                              sender, the recipient or the data, or the
                              connection broke during it): others may
                              still go through */
    KPI_SMTP_NO_SERVER = 2 /* the server cannot be used at all (cannot
                              resolve or connect, TLS or login failed):
                              every further message would fail the same
                              way */
} kpi_smtp_result;

/* Sends msg (len bytes, CRLF line ends, a complete RFC 5322 message) from
 * `from` to `to` (plain addresses). On failure err (err_size bytes) says
 * what went wrong and what the server answered last, e.g. "RCPT failed:
 * 550 (server said: 550 5.1.1 no such mailbox)". */
kpi_smtp_result kpi_smtp_send(const kpi_smtp_server *server, const char *from,
                              const char *to, const char *msg, size_t len,
                              char *err, size_t err_size);

/* true for "localhost" (any case, with or without a final dot),
 * 127.0.0.0/8 in dotted-quad form and "::1" (also "[::1]"). Names are not
 * resolved: a name that happens to resolve to 127.0.0.1 still needs TLS. */
bool kpi_smtp_host_is_loopback(const char *host);

#endif
