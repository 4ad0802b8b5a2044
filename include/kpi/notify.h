/*
 * kpi/notify.h - how the libraries above libkpi (kpireport: the report,
 * the packs, the atomic output; kpidistribute: the mails) tell their
 * caller what they do and what went wrong, while they do it. They never
 * print: the caller decides where the words go (STYLE.md: "logging goes
 * through a callback in the options").
 *
 * A problem is a kpi_diagnostic: a file, line and key when it is about an
 * input ("kpi.ini", line 91, "email"), file "" when it is about none
 * ("cannot write 'out/a.xlsx': No space left on device"). The kpi command
 * prints each with kpi_diagnostic_print, "kpi" standing in for an empty
 * file, so the library's words are the command's:
 *
 *     static void print_problem(void *ctx, const kpi_diagnostic *d)
 *     {
 *         kpi_diagnostic x = *d;
 *         if (!*x.file)
 *             x.file = "kpi";
 *         kpi_diagnostic_print(&x, stderr);
 *     }
 *     kpi_notify n = {.problem = print_problem};
 *
 * A zeroed kpi_notify, or a NULL pointer to one, reports nothing.
 */
#ifndef KPI_NOTIFY_H
#define KPI_NOTIFY_H

#include "kpi.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_notify {
    /* An error (the run fails), a warning (it goes on) or a note (what it
     * did or left out). d and its strings live only during the call. */
    void (*problem)(void *ctx, const kpi_diagnostic *d);
    /* A file is in place, whole: its path as the caller named the folder
     * ("out/oekonomi-2026-10.xlsx"). The string lives during the call. */
    void (*wrote)(void *ctx, const char *path);
    void *ctx; /* passed to every callback, also those of the options
                  that embed a kpi_notify */
} kpi_notify;

/* Reports a problem through n: message from fmt (printf), file NULL is
 * "", line 0 none, key NULL none. Does nothing when n or n->problem is
 * NULL. For the libraries built on kpi_notify and for their callers. */
void kpi_notify_problem(const kpi_notify *n, kpi_severity severity,
                        const char *file, unsigned long line, const char *key,
                        const char *fmt, ...) KPI_PRINTF(6, 7);

/* Reports a file written whole through n (NULL: nothing). */
void kpi_notify_wrote(const kpi_notify *n, const char *path);

/* A kpi_recipient_problem_fn (kpi.h) for kpi_recipient_check: reports
 * each problem as an error of kpi.ini at its line and key through the
 * kpi_notify that ctx points to (NULL: nothing). */
void kpi_notify_ini_problem(void *ctx, unsigned long line, const char *key,
                            const char *message);

#ifdef __cplusplus
}
#endif

#endif /* KPI_NOTIFY_H */
