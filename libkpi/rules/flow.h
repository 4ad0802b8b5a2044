/*
 * flow.h - a flow of the administration figures (SPEC §5, third table),
 * internal: events counted in the month they happen (slots.h), with an
 * optional age breakdown, written as the month, to date and the monthly
 * series. new_cases, notifications, closed_cases and management_reviews
 * are flows.
 */
#ifndef KPI_FLOW_H
#define KPI_FLOW_H

#include "rules/age_groups.h"
#include "rules/slots.h"

/* A flow, with an optional age breakdown for M and to date. Zero it
 * before use. */
typedef struct kpi_flow {
    int64_t slots[KPI_SLOT_COUNT];
    int64_t age_month[KPI_AGE_GROUP_COUNT];
    int64_t age_to_date[KPI_AGE_GROUP_COUNT];
} kpi_flow;

/* Counts one event on day `event`. birth KPI_DATE_NONE (or an age outside
 * the groups) counts in the totals only. */
void kpi_flow_add(kpi_flow *f, const kpi_context *ctx, kpi_date event,
                  kpi_date birth);

/* Writes a flow's rows with stat "count": M (total, then the age groups
 * youngest first when by_age), to date (the same), then the series
 * totals ascending. The totals are written even when 0. */
kpi_status kpi_flow_emit(kpi_figures *out, const char *kpi_id,
                         const kpi_context *ctx, const kpi_flow *f,
                         bool by_age);

#endif /* KPI_FLOW_H */
