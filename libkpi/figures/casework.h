/*
 * casework.h - what the administration figures of SPEC §5 (third table)
 * share: the months of a report a flow is counted in, and a flow tally
 * that writes the month, to-date and series rows (internal).
 *
 * A report for month M of year Y shows a flow for M, for January..M of Y
 * (to date) and as a series of January..M of Y and of Y-1. Those months
 * are numbered as "slots": 0..11 are January..December of Y-1, 12..23
 * January..December of Y; only slots whose month is at most M are used.
 */
#ifndef KPI_CASEWORK_H
#define KPI_CASEWORK_H

#include "figures/figure.h"
#include "rules/age_groups.h"

#define KPI_SLOT_COUNT 24

/* The slot of the month day d falls in, or -1 when that month is not one
 * of the report's (another year, a month after M, KPI_DATE_NONE). */
int kpi_slot_of(const kpi_context *ctx, kpi_date d);
/* The slot of M itself. */
int kpi_slot_month(const kpi_context *ctx);
/* true for the slots of January..M of Y (the to-date period). */
bool kpi_slot_to_date(const kpi_context *ctx, int slot);
/* true for the slots written as the monthly series: January..M of Y-1 and
 * January..M-1 of Y (M itself is already written as the month period).
 * Looping slot = 0..KPI_SLOT_COUNT-1 gives them in ascending order. */
bool kpi_slot_in_series(const kpi_context *ctx, int slot);
/* "YYYY-MM" of a slot, for a series period. */
void kpi_slot_period(const kpi_context *ctx, int slot, char buf[16]);
/* The last day of a slot's month, for the series of a stock. */
kpi_date kpi_slot_last_day(const kpi_context *ctx, int slot);

/* A flow (events counted in the month they happen), with an optional age
 * breakdown for M and to date. Zero it before use. */
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

#endif /* KPI_CASEWORK_H */
