/* diag.c - the list of problems found in the input. */
#include "base/internal.h"

#include <stdio.h>
#include <string.h>

struct kpi_diagnostics {
    kpi_allocator alloc_store;
    const kpi_allocator *alloc;
    kpi_diagnostic *items;
    size_t count, cap, errors;
};

kpi_diagnostics *kpi_diagnostics_new(const kpi_allocator *allocator)
{
    kpi_diagnostics *d = kpi_xcalloc(allocator, 1, sizeof *d);
    if (!d)
        return NULL;
    d->alloc = kpi_allocator_keep(&d->alloc_store, allocator);
    return d;
}

void kpi_diagnostics_free(kpi_diagnostics *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        kpi_xfree(d->alloc, (void *)d->items[i].file);
        kpi_xfree(d->alloc, (void *)d->items[i].column);
        kpi_xfree(d->alloc, (void *)d->items[i].message);
    }
    kpi_xfree(d->alloc, d->items);
    kpi_xfree_keeper(d->alloc, d);
}

size_t kpi_diagnostics_count(const kpi_diagnostics *d)
{
    return d ? d->count : 0;
}

size_t kpi_diagnostics_error_count(const kpi_diagnostics *d)
{
    return d ? d->errors : 0;
}

const kpi_diagnostic *kpi_diagnostics_get(const kpi_diagnostics *d, size_t i)
{
    return d && i < d->count ? &d->items[i] : NULL;
}

void kpi_diagnostics_truncate(kpi_diagnostics *d, size_t count)
{
    if (!d)
        return;
    while (d->count > count) {
        kpi_diagnostic *x = &d->items[--d->count];
        if (x->severity == KPI_SEVERITY_ERROR)
            d->errors--;
        kpi_xfree(d->alloc, (void *)x->file);
        kpi_xfree(d->alloc, (void *)x->column);
        kpi_xfree(d->alloc, (void *)x->message);
    }
}

kpi_status kpi_diagnostics_vadd(kpi_diagnostics *d, kpi_severity severity,
                                const char *file, unsigned long line,
                                const char *column, const char *fmt,
                                va_list ap)
{
    if (!d)
        return KPI_OK;
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (kpi_grow(d->alloc, (void **)&d->items, &d->cap, d->count + 1,
                 sizeof *d->items) != KPI_OK)
        return KPI_ERR_NOMEM;
    kpi_diagnostic *x = &d->items[d->count];
    x->severity = severity;
    x->line = line;
    x->file = kpi_xstrdup(d->alloc, file ? file : "");
    x->column = column ? kpi_xstrdup(d->alloc, column) : NULL;
    x->message = kpi_xstrdup(d->alloc, buf);
    if (!x->file || (column && !x->column) || !x->message) {
        kpi_xfree(d->alloc, (void *)x->file);
        kpi_xfree(d->alloc, (void *)x->column);
        kpi_xfree(d->alloc, (void *)x->message);
        return KPI_ERR_NOMEM;
    }
    d->count++;
    if (severity == KPI_SEVERITY_ERROR)
        d->errors++;
    return KPI_OK;
}

kpi_status kpi_diagnostics_add(kpi_diagnostics *d, kpi_severity severity,
                               const char *file, unsigned long line,
                               const char *column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kpi_status st =
        kpi_diagnostics_vadd(d, severity, file, line, column, fmt, ap);
    va_end(ap);
    return st;
}

void kpi_diagnostic_print(const kpi_diagnostic *x, FILE *out)
{
    if (!x)
        return;
    fputs(x->file, out);
    if (x->line)
        fprintf(out, ":%lu", x->line);
    fputs(": ", out);
    if (x->column)
        fprintf(out, "%s: ", x->column);
    if (x->severity == KPI_SEVERITY_WARNING)
        fputs("warning: ", out);
    fputs(x->message, out);
    fputc('\n', out);
}
