/*
 * kpi/distribute.h - the distribution of the packs by e-mail
 * (kpidistribute; SPEC §9): for each [recipient] section of kpi.ini whose
 * group's cadence falls in the month, its pack (kpi/report.h) and a Danish
 * mail with the recipient's headline figures and red lights, written as
 * .eml files into an outbox for review or sent over SMTP with a send log
 * that makes a re-run send exactly what is missing. docs/DISTRIBUTION.md
 * describes the messages, the log and the failures.
 *
 *     kpi_distribute_options o = {.dataset_dir = "data",
 *                                 .notify = {.problem = print}};
 *     kpi_status st = kpi_distribute(ds, figs, month, &o); // data/outbox/
 *
 * Nothing is printed: problems, warnings and notes go to o.notify as they
 * happen (kpi/notify.h), each recipient's fate to o.delivery. The library
 * reads the clock only to date a message it sends and its log records (an
 * outbox message is dated the day after the month, so the same input
 * gives the same bytes). Of the environment it reads only TMPDIR (else
 * /tmp), where it renders the packs before it attaches them, and the
 * test-only KPI_DISTRIBUTE_KILL_VAR; the caller passes the SMTP password
 * and the CA file.
 */
#ifndef KPI_DISTRIBUTE_H
#define KPI_DISTRIBUTE_H

#include "kpi.h"
#include "kpi/notify.h"
#include "kpi/report.h"

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The send log's name in the dataset folder: it belongs with the data it
 * records, survives a cleaned outbox, and one file covers every month. */
#define KPI_SENDLOG_NAME "sendelog.tsv"
/* KPI_SMTP_PASSWORD_VAR, where the kpi command reads [smtp] user's
 * password from, is kpi.h's: kpi.ini's reader names it too. */

/* What became of one recipient in a run, as an operator reads it. */
typedef enum kpi_delivery {
    KPI_DELIVERY_SENT,         /* the server accepted it now; detail: its
                                  queue id and reply */
    KPI_DELIVERY_ALREADY_SENT, /* the log has it as sent; detail: when */
    KPI_DELIVERY_NOT_DUE,      /* its group's cadence skips the month;
                                  detail: the next month it is due */
    KPI_DELIVERY_UNCERTAIN,    /* an attempt without the server's
                                  acknowledgement: it may have arrived;
                                  detail: the Message-ID to look for */
    KPI_DELIVERY_FAILED,       /* not sent; detail: the server's words */
    KPI_DELIVERY_WOULD_SEND,   /* --dry-run: would be sent */
    KPI_DELIVERY_COUNT
} kpi_delivery;

/* A run's counts by kpi_delivery, and whether its failures are all of a
 * kind a later run can finish (4xx replies, no connection, a connection
 * broken or a timeout before the end of the data, the log locked by
 * another run): the kpi command exits 75 (EX_TEMPFAIL) then. */
typedef struct kpi_distribute_result {
    size_t count[KPI_DELIVERY_COUNT];
    size_t untried; /* due, but not tried: the run stopped first */
    bool temporary; /* every failure is temporary (and there was one) */
} kpi_distribute_result;

typedef struct kpi_distribute_options {
    const char *dataset_dir; /* the dataset folder: the edited map, the
                                send log, the default outbox */
    const char *outbox;      /* NULL: DATASET/outbox */
    bool send;               /* deliver over SMTP instead of the outbox */
    bool resend;             /* with send: ignore the send log */
    bool resend_uncertain;   /* with send: send the uncertain ones again */
    bool dry_run;            /* with send: say what would be sent to whom;
                                nothing built, connected or logged */
    const char *password;    /* [smtp] user's password; NULL: not given */
    /* The CA file to trust when kpi.ini's [smtp] ca_file gives none (the
     * kpi command passes SSL_CERT_FILE); NULL: the system's store. */
    const char *ca_file;
    /* Problems and notes; wrote() gets each file of the outbox as it is
     * in place ("DATASET/outbox/lis-fagchef-fagchef-2026-10.eml"). */
    kpi_notify notify;
    /* With send: each recipient as it is decided, called with notify.ctx
     * (key, address, what, detail in English). May be NULL. */
    void (*delivery)(void *ctx, const char *key, const char *email,
                     kpi_delivery what, const char *detail);
    /* With send: the counts of the run. May be NULL. */
    kpi_distribute_result *result;
    /* The history's forecasts for the packs' "Prognosens udvikling"
     * (kpi/history.h); NULL: no history. Borrowed. */
    const struct kpi_trajectory *trajectory;
} kpi_distribute_options;

/* A test-only fault hook (docs/DISTRIBUTION.md, "Tests"): the one
 * environment variable kpi_distribute reads besides TMPDIR. When set to
 * "STEP:N" the process kills itself (SIGKILL) at STEP of the N-th message
 * it sends in the run, STEP one of greeting, mail, rcpt, attempt, data,
 * body, end, end-wait, accepted, logged. Never set it in production. */
#define KPI_DISTRIBUTE_KILL_VAR "KPI_TEST_KILL_AT"

/* The English word for a delivery ("sent", "already sent", "not due",
 * "uncertain", "failed", "would send"). */
const char *kpi_delivery_name(kpi_delivery what);

/* Runs the distribution for a loaded dataset and its figures for month
 * m. In this order, so that bad input never gets half-way: kpi.ini's
 * recipients (kpi_recipient_check's MAIL and PACK steps: RFC 5322
 * addresses with domains of labels, names without control characters),
 * the municipality's name and [smtp] (a host without a port, tls, the CA
 * file, the password for user) are checked, every problem reported, and
 * nothing written or sent when there is one (KPI_ERR_INPUT); the send log
 * is opened and locked (with send). Then in the outbox every due pack is
 * rendered and its message composed in memory before any is written;
 * with send each message is built, sent and let go before the next: its
 * attempt logged (fsync'ed) when the server accepted the recipient,
 * before DATA, and its "sent" with the server's reply after the 250.
 * A recipient whose attempt has no outcome in the log is reported
 * uncertain and sent again only with resend_uncertain (or resend).
 * Returns KPI_OK (everything due is sent, or was; also when nothing was
 * due), KPI_ERR_INPUT (kpi.ini, the map or the log is wrong: nothing
 * written or sent), KPI_ERR_IO (a file cannot be written, the log is
 * locked, or some recipient failed or is uncertain: the others were still
 * tried where the server allowed it; o->result says which, and whether a
 * later run can finish), KPI_ERR_NOMEM, KPI_ERR_ARG for NULL arguments. */
kpi_status kpi_distribute(const kpi_dataset *dataset,
                          const kpi_figures *figures, kpi_month m,
                          const kpi_distribute_options *o);

/* Which of the count packs are due in report month m: those whose group's
 * cadence in map (kpi_map_cadence, kpi_cadence_due) falls in the month.
 * Their pointers go to due[] (count slots) in the packs' order; each pack
 * left out gets a note through n ("[recipient udvalg]: fagudvalg gets its
 * pack quarterly; none for 2026-10"). Returns how many are due. */
size_t kpi_packs_due(const kpi_map *map, const kpi_pack *packs, size_t count,
                     kpi_month m, const kpi_notify *n, const kpi_pack **due);

/* The Danish subject and body (plain text, LF line ends) of the mail for
 * v's pack and month: the greeting, what is attached, the headline
 * figures the map gives the pack's group as the pack shows them
 * (kpi_book_headline, "<5" where masked), the red lights among the pack's
 * figures (target statuses, kpi_row_target_status) and a signature. v is
 * an open view (kpi_pack_view_open) whose source has a map. On KPI_OK
 * *subject and *body are new strings the caller owns and must free()
 * (they are malloc'd). On failure both (when given) are NULL, nothing to
 * free: KPI_ERR_NOMEM, or KPI_ERR_ARG for a NULL argument or a view
 * that is not open or has no map. */
kpi_status kpi_mail_text(const kpi_pack_view *v, char **subject, char **body);

#ifdef __cplusplus
}
#endif

#endif /* KPI_DISTRIBUTE_H */
