/*
 * booked.h - what postings.csv books per measure type (SPEC §3.8),
 * internal. The array is allocated with ctx->alloc and freed by the
 * caller with kpi_xfree(ctx->alloc, p).
 */
#ifndef KPI_BOOKED_H
#define KPI_BOOKED_H

#include "rules/context.h"

/* Booked sums of one measure type by posting kind (kpi_posting_kind). */
typedef struct kpi_type_booked {
    bool any;                                  /* a posting of Y up to M */
    kpi_money month[KPI_POSTING_KIND_COUNT];   /* booked in M */
    kpi_money to_date[KPI_POSTING_KIND_COUNT]; /* booked January..M of Y */
} kpi_type_booked;

/* One kpi_type_booked per measure type into *out; all zero when
 * postings.csv is absent. Postings of other years, or of Y after M, are
 * left out. KPI_ERR_NOMEM. */
kpi_status kpi_economy_booked(const kpi_context *ctx, kpi_type_booked **out);

#endif /* KPI_BOOKED_H */
