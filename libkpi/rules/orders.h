/*
 * orders.h - the orders breakdown members are written in (internal):
 * members sorted bytewise by their code, the rule of figure.h. The age
 * groups are the exception (age_groups.h).
 */
#ifndef KPI_ORDERS_H
#define KPI_ORDERS_H

#include "rules/context.h"

/* The measure types sorted by code (bytewise; equal codes by index):
 * (*out)[k] is the index of the k-th type, ds->config->n_types entries,
 * freed by the caller with kpi_xfree(ctx->alloc, ...). KPI_ERR_NOMEM. */
kpi_status kpi_type_order(const kpi_context *ctx, uint16_t **out);

/* The target groups in bytewise order of their codes: order[k] is the
 * kpi_target_group of the k-th. */
void kpi_target_order(size_t order[KPI_TARGET_COUNT]);

/* A symbol and its text, to put symbols (caseworkers, providers) in
 * the bytewise order of their text. */
typedef struct kpi_named_sym {
    const char *name;
    kpi_sym sym;
} kpi_named_sym;

/* Sorts names[0..n) bytewise by name. */
void kpi_named_sym_sort(kpi_named_sym *names, size_t n);

#endif /* KPI_ORDERS_H */
