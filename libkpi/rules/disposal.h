/*
 * disposal.h - what a measure disposes (SPEC §4, KL's disposition
 * accounting), internal: its amount in each month of the fiscal year Y
 * and of Y+1, counted up to its assumed end (assumed_end.h). disposed,
 * forecast, own_vs_purchased, caseworker_spend and high_cost_cases rest
 * on it.
 */
#ifndef KPI_DISPOSAL_H
#define KPI_DISPOSAL_H

#include "rules/assumed_end.h"

/* What one measure disposes (SPEC §4, with the assumed end of an ongoing
 * measure). A cancelled measure disposes nothing and is active nowhere. */
typedef struct kpi_disposal {
    kpi_money months[24];  /* January..December of Y, then of Y+1 */
    kpi_money to_date;     /* January..M of Y */
    kpi_money year;        /* the whole of Y */
    kpi_money next_year;   /* the whole of Y+1 */
    kpi_date assumed_end;  /* kpi_measure_assumed_end() */
    bool active_year;      /* active on at least one day of Y */
    bool active_next_year; /* active on at least one day of Y+1 */
} kpi_disposal;

/* Fills *out for measure m: the amounts of kpi_month_amounts (the one
 * walk over months of SPEC §4's monthly amount) for the 24 months of Y and
 * Y+1, up to the assumed end, and their sums. A cancelled measure
 * disposes nothing. */
void kpi_measure_disposal(const kpi_measure *m, const kpi_context *ctx,
                          kpi_disposal *out);

/* kpi_measure_disposal for the figures that read only the year Y
 * (forecast, own_vs_purchased, caseworker_spend): next_year is 0 and the
 * months of Y+1 are not written (months[12..23] are left as they were),
 * so the walk over the months is half as long. */
void kpi_measure_disposal_year(const kpi_measure *m, const kpi_context *ctx,
                               kpi_disposal *out);

#endif /* KPI_DISPOSAL_H */
