/* orders.c - the orders breakdown members are written in (orders.h). */
#include "rules/orders.h"

#include <stdlib.h>

typedef struct code_index {
    const char *code;
    uint16_t index;
} code_index;

static int code_index_cmp(const void *a, const void *b)
{
    const code_index *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

kpi_status kpi_type_order(const kpi_context *ctx, uint16_t **out)
{
    const kpi_config *cfg = ctx->ds->config;
    size_t n = cfg->n_types;
    code_index *tmp = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *tmp);
    uint16_t *order = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *order);
    if (!tmp || !order) {
        kpi_xfree(ctx->alloc, tmp);
        kpi_xfree(ctx->alloc, order);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        tmp[i].code = cfg->types[i].code;
        tmp[i].index = (uint16_t)i;
    }
    qsort(tmp, n, sizeof *tmp, code_index_cmp);
    for (size_t i = 0; i < n; i++)
        order[i] = tmp[i].index;
    kpi_xfree(ctx->alloc, tmp);
    *out = order;
    return KPI_OK;
}

void kpi_target_order(size_t order[KPI_TARGET_COUNT])
{
    for (size_t i = 0; i < KPI_TARGET_COUNT; i++)
        order[i] = i;
    for (size_t i = 1; i < KPI_TARGET_COUNT; i++) {
        size_t v = order[i], j = i;
        while (j > 0 &&
               strcmp(kpi_target_group_code((kpi_target_group)order[j - 1]),
                      kpi_target_group_code((kpi_target_group)v)) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
}

static int named_sym_cmp(const void *a, const void *b)
{
    return strcmp(((const kpi_named_sym *)a)->name,
                  ((const kpi_named_sym *)b)->name);
}

void kpi_named_sym_sort(kpi_named_sym *names, size_t n)
{
    if (n > 1) /* qsort(NULL, 0) is undefined */
        qsort(names, n, sizeof *names, named_sym_cmp);
}
