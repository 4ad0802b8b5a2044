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
 * happen (kpi/notify.h). The library reads the clock only to date a
 * message it sends (an outbox message is dated the day after the month,
 * so the same input gives the same bytes). Of the environment it reads
 * only TMPDIR (else /tmp), where it renders the packs before it
 * attaches them; the caller passes the SMTP password.
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

typedef struct kpi_distribute_options {
    const char *dataset_dir; /* the dataset folder: the edited map, the
                                send log, the default outbox */
    const char *outbox;      /* NULL: DATASET/outbox */
    bool send;               /* deliver over SMTP instead of the outbox */
    bool resend;             /* with send: ignore the send log */
    const char *password;    /* [smtp] user's password; NULL: not given */
    /* Problems and notes; wrote() gets each file of the outbox as it is
     * in place ("DATASET/outbox/lis-fagchef-fagchef-2026-10.eml"). */
    kpi_notify notify;
    /* Each message the server accepted and the log recorded; called with
     * notify.ctx. May be NULL. */
    void (*sent)(void *ctx, const char *key, const char *email);
    /* The history's forecasts for the packs' "Prognosens udvikling"
     * (kpi/history.h); NULL: no history. Borrowed. */
    const struct kpi_trajectory *trajectory;
} kpi_distribute_options;

/* Runs the distribution for a loaded dataset and its figures for month
 * m. In this order, so that bad input never gets half-way: kpi.ini's
 * recipients (kpi_recipient_check's MAIL and PACK steps) and [smtp] are
 * checked, every problem reported, and nothing written or sent when there
 * is one (KPI_ERR_INPUT); the send log is opened and locked (with send);
 * every due pack is rendered and its message composed in memory; only
 * then is the outbox written or are the messages sent, each accepted one
 * logged (fsync'ed) before the next goes out. Returns KPI_OK (also when
 * nothing was due or left to send), KPI_ERR_INPUT (kpi.ini, the map or the
 * log is wrong: nothing written or sent), KPI_ERR_NOT_AVAILABLE ([smtp]
 * has a user but no password was given: nothing sent), KPI_ERR_IO (a file
 * cannot be written, or the server did not take some messages: the others
 * were still tried and the log lists what went out), KPI_ERR_NOMEM,
 * KPI_ERR_ARG for NULL arguments. */
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
