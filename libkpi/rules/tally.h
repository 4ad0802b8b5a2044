/*
 * tally.h - children counted by the breakdowns of the placement figures
 * (placed_children, new_placements, preventive_families), internal: the
 * total, each measure type, each target group and each age group, and
 * the rows they are written as.
 *
 *     kpi_tally t;
 *     if (kpi_tally_init(&t, ctx) == KPI_OK) {
 *         kpi_tally_add(&t, m, age);
 *         st = kpi_tally_emit(&t, out, "placed_children", ctx->period_day,
 *                             "count");
 *     }
 *     kpi_tally_free(&t);
 */
#ifndef KPI_TALLY_H
#define KPI_TALLY_H

#include "results/rows.h"
#include "rules/age_groups.h"
#include "rules/context.h"

typedef struct kpi_tally {
    int64_t total;
    int64_t *types; /* n_types, by type index */
    int64_t target[KPI_TARGET_COUNT];
    int64_t age[KPI_AGE_GROUP_COUNT];
    /* The order the members are written in (rules/orders.h). */
    const kpi_context *ctx;
    uint16_t *type_order;
    size_t target_order[KPI_TARGET_COUNT];
} kpi_tally;

/* An empty tally for ctx's dataset. KPI_ERR_NOMEM (then *t is freeable). */
kpi_status kpi_tally_init(kpi_tally *t, const kpi_context *ctx);
/* Sets every count back to 0. */
void kpi_tally_clear(kpi_tally *t);
void kpi_tally_free(kpi_tally *t);

/* Counts one child described by measure m (its type and target group)
 * at age `age` (outside the age groups: in the other breakdowns only). */
void kpi_tally_add(kpi_tally *t, const kpi_measure *m, int age);

/* Writes the total (always) and the non-zero members of each breakdown,
 * in the catalogue's order measure_type, target_group, age_group. */
kpi_status kpi_tally_emit(const kpi_tally *t, kpi_figures *out,
                          const char *kpi_id, const char *period,
                          const char *stat);

#endif /* KPI_TALLY_H */
