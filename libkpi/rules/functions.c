/* functions.c - the kontoplan functions of the measure types
 * (functions.h). */
#include "rules/functions.h"

#include <stdlib.h>

/* Compares two functions group by group as numbers: "5.28.9" before
 * "5.28.20", as a chart of accounts lists them. kpi.ini accepts only
 * digits in dot-separated groups (config.c). */
static int function_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        char *ea, *eb;
        unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);
        if (x != y)
            return x < y ? -1 : 1;
        a = *ea == '.' ? ea + 1 : ea;
        b = *eb == '.' ? eb + 1 : eb;
    }
    return (*a != '\0') - (*b != '\0');
}

static int member_cmp(const void *pa, const void *pb)
{
    return function_cmp(*(const char *const *)pa, *(const char *const *)pb);
}

kpi_status kpi_type_functions_build(const kpi_context *ctx,
                                    kpi_type_functions *out)
{
    const kpi_config *cfg = ctx->ds->config;
    size_t n = cfg->n_types;
    memset(out, 0, sizeof *out);
    out->members = kpi_xcalloc(ctx->alloc, n + 1, sizeof *out->members);
    out->member_of = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *out->member_of);
    if (!out->members || !out->member_of) {
        kpi_type_functions_free(ctx, out);
        return KPI_ERR_NOMEM;
    }
    bool any_none = false;
    for (size_t t = 0; t < n; t++) {
        const char *fn = cfg->types[t].function;
        if (!fn[0]) {
            any_none = true;
            continue;
        }
        size_t m = 0;
        while (m < out->n && strcmp(out->members[m], fn) != 0)
            m++;
        if (m == out->n)
            out->members[out->n++] = fn;
    }
    if (out->n == 0)
        return KPI_OK; /* no type has a function: no breakdown */
    qsort(out->members, out->n, sizeof *out->members, member_cmp);
    if (any_none)
        out->members[out->n++] = KPI_FUNCTION_NONE;
    for (size_t t = 0; t < n; t++) {
        const char *fn = cfg->types[t].function;
        size_t m = out->n - 1; /* KPI_FUNCTION_NONE, last */
        if (fn[0])
            for (m = 0; strcmp(out->members[m], fn) != 0; m++)
                ;
        out->member_of[t] = (uint16_t)m;
    }
    return KPI_OK;
}

void kpi_type_functions_free(const kpi_context *ctx, kpi_type_functions *f)
{
    kpi_xfree(ctx->alloc, f->members);
    kpi_xfree(ctx->alloc, f->member_of);
    memset(f, 0, sizeof *f);
}
