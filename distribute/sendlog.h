/*
 * sendlog.h - the send log of `kpi distribute --send` (SPEC §9).
 *
 * A tab-separated UTF-8 text file, one line per message an SMTP server
 * accepted, after a header line:
 *
 *     sent_at<TAB>month<TAB>recipient<TAB>email<TAB>message_id
 *     2026-11-02T08:15:03Z<TAB>2026-10<TAB>leder_oest<TAB>aase@...<TAB><...>
 *
 * Each line is appended with a single write() and fsync'ed before the
 * next message goes out, so after a crash or a failure the log lists
 * exactly the messages that were accepted (but for the one window: the
 * server accepted, the process died before the line was written). The
 * file is locked (fcntl) while a run has it open, so two runs cannot
 * send the same messages at once.
 */
#ifndef KPI_DISTRIBUTE_SENDLOG_H
#define KPI_DISTRIBUTE_SENDLOG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct kpi_sendlog kpi_sendlog;

/* Opens (creating it with its header when missing) and locks the log at
 * path and reads its lines. A last line that does not end in a newline
 * (a write cut short by a crash) is not a record and is cut off. Returns 0, or
 * an errno value with a message in err (EAGAIN/EACCES when another run holds
 * the lock; EINVAL for a line with fewer than five fields, err naming the
 * line). */
int kpi_sendlog_open(const char *path, kpi_sendlog **out, char *err,
                     size_t err_size);

/* true when the log has a line for month ("2026-10"), recipient key and
 * email. */
bool kpi_sendlog_has(const kpi_sendlog *log, const char *month, const char *key,
                     const char *email);

/* Appends a line and fsyncs the file. No field may hold a tab, CR or LF
 * (EINVAL). Returns 0 or an errno value. */
int kpi_sendlog_append(kpi_sendlog *log, const char *sent_at, const char *month,
                       const char *key, const char *email,
                       const char *message_id);

/* Unlocks and closes; NULL does nothing. */
void kpi_sendlog_close(kpi_sendlog *log);

#endif
