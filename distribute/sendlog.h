/*
 * sendlog.h - the send log of `kpi distribute --send` (SPEC §9).
 *
 * A tab-separated UTF-8 text file of records after a header line (here
 * with the tabs as "|"):
 *
 *   time|month|recipient|email|message_id|status|queue_id|server_reply
 *   2026-11-02T08:15:03Z|2026-10|leder_oest|aase@...|<...>|attempt||
 *   2026-11-02T08:15:04Z|2026-10|leder_oest|aase@...|<...>|sent|4F3A2|250 ...
 *
 * status is "attempt" (written after the server accepted the recipient,
 * before DATA: from here on the server may get the message), "sent" (the
 * server answered 250 to the end of the data; server_reply is that
 * reply, queue_id the server's queue id in it) or "failed" (the server
 * refused the message after its attempt was written, so it surely does
 * not have it). A line of kpi before these records (five fields, header
 * "sent_at ...") is a "sent" record.
 *
 * Each line is appended with a single write() and fsync'ed before the
 * dialogue goes on, so after a crash or a failure the log tells which
 * messages were accepted, and which may have been (an attempt without its
 * sent or failed line: "uncertain"). The file is locked (fcntl) while a
 * run has it open, so two runs cannot send the same messages at once.
 */
#ifndef KPI_DISTRIBUTE_SENDLOG_H
#define KPI_DISTRIBUTE_SENDLOG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct kpi_sendlog kpi_sendlog;

/* Opens (creating it with its header when missing) and locks the log at
 * path and reads its lines. A last line that does not end in a newline
 * (a write cut short by a crash) is not a record and is cut off. With
 * read_only (--dry-run) a missing log is an empty one and the file is
 * neither created, locked nor changed. Returns 0, or an errno value with
 * a message in err (EAGAIN/EACCES when another run holds the lock; EINVAL
 * for a line with fewer than five fields or an unknown status, err naming
 * the line). */
int kpi_sendlog_open(const char *path, bool read_only, kpi_sendlog **out,
                     char *err, size_t err_size);

/* What the log says of month ("2026-10"), recipient key and email: its
 * last record decides. */
typedef enum kpi_sendlog_state {
    KPI_SENDLOG_NONE = 0, /* no record, or the last one is "failed" */
    KPI_SENDLOG_SENT,     /* sent: *when is the time of the 250 */
    KPI_SENDLOG_UNCERTAIN /* an attempt without its outcome: *when is the
                             attempt's time */
} kpi_sendlog_state;

/* when and message_id may be NULL; they get the record's time and
 * Message-ID ("<...>"), pointing into the log (valid until it closes). */
kpi_sendlog_state kpi_sendlog_state_of(const kpi_sendlog *log,
                                       const char *month, const char *key,
                                       const char *email, const char **when,
                                       const char **message_id);

/* Appends a record and fsyncs the file. status is "attempt", "sent" or
 * "failed"; queue_id and reply may be NULL or "". Tabs, CRs and LFs in
 * the reply become spaces; in any other field they are refused (EINVAL).
 * Returns 0 or an errno value. */
int kpi_sendlog_append(kpi_sendlog *log, const char *time, const char *month,
                       const char *key, const char *email,
                       const char *message_id, const char *status,
                       const char *queue_id, const char *reply);

/* Unlocks and closes; NULL does nothing. */
void kpi_sendlog_close(kpi_sendlog *log);

#endif
