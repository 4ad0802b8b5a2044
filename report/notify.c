/* notify.c - reporting through a kpi_notify (kpi/notify.h). */
#include "kpi/notify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void kpi_notify_problem(const kpi_notify *n, kpi_severity severity,
                        const char *file, unsigned long line, const char *key,
                        const char *fmt, ...)
{
    if (!n || !n->problem)
        return;
    /* Most messages fit the stack buffer; the longer ones (a value of
     * any length quoted from kpi.ini, a log line to add by hand) are
     * formatted again into one of their size. */
    char small[1024];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    char *msg = small;
    if (len >= (int)sizeof small && (msg = malloc((size_t)len + 1)) != NULL) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)len + 1, fmt, ap);
        va_end(ap);
    } else if (!msg) {
        msg = small; /* out of memory: the message cut short */
    }
    kpi_diagnostic d = {severity, file ? file : "", line, key,
                        len < 0 ? "" : msg};
    n->problem(n->ctx, &d);
    if (msg != small)
        free(msg);
}

void kpi_notify_wrote(const kpi_notify *n, const char *path)
{
    if (n && n->wrote)
        n->wrote(n->ctx, path);
}

void kpi_notify_ini_problem(void *ctx, unsigned long line, const char *key,
                            const char *message)
{
    kpi_notify_problem(ctx, KPI_SEVERITY_ERROR, "kpi.ini", line, key, "%s",
                       message);
}
