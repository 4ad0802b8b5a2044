/*
 * message.h - kpidistribute's private header: one pack's message, built
 * in memory before anything is written or sent (message.c), and what the
 * run (distribute.c) does with it.
 */
#ifndef KPI_DISTRIBUTE_MESSAGE_H
#define KPI_DISTRIBUTE_MESSAGE_H

#include "mail.h"

#include "kpi/distribute.h"

#include <time.h>

typedef struct message {
    const kpi_pack *pack;
    char *message_id;  /* without the angle brackets */
    kpi_mail_buf eml;  /* the whole message, CRLF line ends */
    kpi_mail_buf xlsx; /* the pack, for the outbox's copy */
} message;

/* What every message of one run shares. */
typedef struct message_run {
    kpi_pack_source src;
    const char *from;  /* [smtp] from */
    time_t date;       /* the Date header */
    const char *stage; /* a private folder to render the packs in */
    const kpi_notify *notify;
} message_run;

/* Renders pack msg->pack into r->stage (the file is removed again), reads
 * it back and composes its message into msg. A problem is reported through
 * r->notify: KPI_ERR_INPUT when the pack's input is wrong, KPI_ERR_IO,
 * KPI_ERR_NOMEM. msg's buffers are freed by kpi_message_free either way. */
kpi_status kpi_message_build(const message_run *r, message *msg);
void kpi_message_free(message *msg);

/* The Date of an outbox message: midnight UTC after report month m ends,
 * so the same input gives the same .eml bytes. */
time_t kpi_message_outbox_date(kpi_month m);

#endif
