/*
 * slots.h - the months of a report a flow or a monthly series is counted
 * in (internal).
 *
 * A report for month M of year Y shows a flow for M, for January..M of Y
 * (to date) and as a series of January..M of Y and of Y-1. Those months
 * are numbered as "slots": 0..11 are January..December of Y-1, 12..23
 * January..December of Y; only slots whose month is at most M are used.
 */
#ifndef KPI_SLOTS_H
#define KPI_SLOTS_H

#include "results/rows.h"
#include "rules/context.h"

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
/* The calendar month of a slot. */
kpi_month kpi_slot_calendar_month(const kpi_context *ctx, int slot);
/* The last day of a slot's month, for the series of a stock. */
kpi_date kpi_slot_last_day(const kpi_context *ctx, int slot);

/* Writes the monthly series of counts[slot] as total rows with stat
 * "count", ascending: the slots of kpi_slot_in_series, and M itself too
 * when with_m (for a figure that writes no month period of its own). */
kpi_status kpi_slots_emit_series(kpi_figures *out, const char *kpi_id,
                                 const kpi_context *ctx,
                                 const int64_t counts[KPI_SLOT_COUNT],
                                 bool with_m);

#endif /* KPI_SLOTS_H */
