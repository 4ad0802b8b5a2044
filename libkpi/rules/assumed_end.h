/*
 * assumed_end.h - the end an ongoing measure is assumed to run to
 * (SPEC §4), internal. The disposal, the forecast and full-year
 * recipients all count an ongoing measure up to it.
 */
#ifndef KPI_ASSUMED_END_H
#define KPI_ASSUMED_END_H

#include "rules/context.h"

/* A finished measure's end is its end_date. An ongoing one runs to its
 * planned_end_date when that is on or after D, else to 31 December of
 * Y+1: the disposition looks one year ahead. */
kpi_date kpi_measure_assumed_end(const kpi_measure *m, const kpi_context *ctx);

#endif /* KPI_ASSUMED_END_H */
