/* diag.c - the list of problems found in the input. */
#include "base/internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- grouped ------------------------------------------------------------
 * A case system repeats one bad value on hundreds of rows; a person needs
 * the value once, how often, and where to look first (issue 16). */

static int compare_problem(const void *a, const void *b)
{
    const kpi_diagnostic *x = *(const kpi_diagnostic *const *)a;
    const kpi_diagnostic *y = *(const kpi_diagnostic *const *)b;
    if (x->severity != y->severity)
        return x->severity < y->severity ? -1 : 1;
    int c = strcmp(x->file, y->file);
    if (!c)
        c = strcmp(x->column ? x->column : "", y->column ? y->column : "");
    if (!c)
        c = strcmp(x->message, y->message);
    if (c)
        return c;
    return x < y ? -1 : x > y; /* the file's order within a group */
}

static bool same_problem(const kpi_diagnostic *x, const kpi_diagnostic *y)
{
    return x->line && y->line && x->severity == y->severity &&
           !strcmp(x->file, y->file) &&
           !strcmp(x->column ? x->column : "", y->column ? y->column : "") &&
           !strcmp(x->message, y->message);
}

/* Where "what is wrong: what to do" splits: the first ": " outside a
 * quoted value, or the end. */
static size_t message_split(const char *m)
{
    bool quoted = false;
    size_t i = 0;
    for (; m[i]; i++) {
        if (m[i] == '\'')
            quoted = !quoted;
        else if (!quoted && m[i] == ':' && m[i + 1] == ' ')
            return i;
    }
    return i;
}

static void print_group(const kpi_diagnostic *const *run, size_t n, FILE *out)
{
    const kpi_diagnostic *x = run[0];
    size_t head = message_split(x->message);
    fprintf(out, "%s: ", x->file);
    if (x->column)
        fprintf(out, "%s: ", x->column);
    if (x->severity == KPI_SEVERITY_WARNING)
        fputs("warning: ", out);
    fprintf(out, "%.*s on %zu rows (lines ", (int)head, x->message, n);
    for (size_t i = 0; i < n && i < KPI_DIAG_GROUP_LINES; i++)
        fprintf(out, "%s%lu", i ? ", " : "", run[i]->line);
    fputs(n > KPI_DIAG_GROUP_LINES ? ", \xE2\x80\xA6)" : ")", out);
    fputs(x->message + head, out);
    fputc('\n', out);
}

kpi_status kpi_diagnostics_print_grouped(const kpi_diagnostics *d,
                                         unsigned flags, FILE *out)
{
    size_t n = 0;
    for (size_t i = 0; d && i < d->count; i++)
        n += !(flags & KPI_DIAG_ERRORS_ONLY) ||
             d->items[i].severity == KPI_SEVERITY_ERROR;
    if (!n || !out)
        return KPI_OK;
    if (flags & KPI_DIAG_EVERY_LINE) {
        for (size_t i = 0; i < d->count; i++)
            if (!(flags & KPI_DIAG_ERRORS_ONLY) ||
                d->items[i].severity == KPI_SEVERITY_ERROR)
                kpi_diagnostic_print(&d->items[i], out);
        return KPI_OK;
    }
    const kpi_diagnostic **sorted =
        kpi_xreallocarray(d->alloc, NULL, n, sizeof *sorted);
    /* run[i]: where item i's group starts in sorted when item i is the
     * group's first, else SIZE_MAX */
    size_t *run = kpi_xreallocarray(d->alloc, NULL, d->count, sizeof *run);
    if (!sorted || !run) {
        kpi_xfree(d->alloc, sorted);
        kpi_xfree(d->alloc, run);
        return KPI_ERR_NOMEM;
    }
    n = 0;
    for (size_t i = 0; i < d->count; i++) {
        run[i] = SIZE_MAX;
        if (!(flags & KPI_DIAG_ERRORS_ONLY) ||
            d->items[i].severity == KPI_SEVERITY_ERROR)
            sorted[n++] = &d->items[i];
    }
    qsort(sorted, n, sizeof *sorted, compare_problem);
    for (size_t s = 0; s < n; s++)
        if (s == 0 || !same_problem(sorted[s - 1], sorted[s]))
            run[sorted[s] - d->items] = s;
    for (size_t i = 0; i < d->count; i++) {
        if (run[i] == SIZE_MAX)
            continue;
        size_t s = run[i], e = s + 1;
        while (e < n && same_problem(sorted[s], sorted[e]))
            e++;
        if (e - s == 1)
            kpi_diagnostic_print(sorted[s], out);
        else
            print_group(sorted + s, e - s, out);
    }
    kpi_xfree(d->alloc, sorted);
    kpi_xfree(d->alloc, run);
    return KPI_OK;
}
