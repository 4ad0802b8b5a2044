/*
 * full_year.h - full-year recipients of groups of measures (SPEC §4),
 * internal.
 */
#ifndef KPI_FULL_YEAR_H
#define KPI_FULL_YEAR_H

#include "rules/assumed_end.h"

/* The groups a measure belongs to for kpi_economy_full_year: writes at
 * most KPI_ECONOMY_MAX_GROUPS group numbers (< n_groups) into groups and
 * returns how many. */
#define KPI_ECONOMY_MAX_GROUPS 8
typedef size_t (*kpi_economy_group_fn)(const kpi_measure *m, void *arg,
                                       size_t groups[KPI_ECONOMY_MAX_GROUPS]);

/* Full-year recipients (SPEC §4) of n_groups groups over from..to: for
 * each group, the days on which a child has at least one active measure of
 * the group (assumed ends; cancelled measures left out), summed over the
 * children, divided by the days of from..to. A child with two overlapping
 * measures of one group counts once on those days. out has n_groups
 * entries. O(n log n) in the measures. KPI_ERR_NOMEM, KPI_ERR_ARG when
 * to < from. */
kpi_status kpi_economy_full_year(const kpi_context *ctx, kpi_date from,
                                 kpi_date to, size_t n_groups,
                                 kpi_economy_group_fn fn, void *arg,
                                 double *out);

#endif /* KPI_FULL_YEAR_H */
