/*
 * full_year.h - full-year recipients of groups of measures (SPEC §4),
 * internal. The one implementation of full-year recipients: the public
 * kpi_full_year and kpi_full_year_persons (kpi.h, the extension's
 * KPI_FULLYEAR) and the figures recipients_price and own_vs_purchased all
 * count, per person, the days on which at least one of their ranges is
 * active, so that overlapping ranges of one person count once a day.
 */
#ifndef KPI_FULL_YEAR_H
#define KPI_FULL_YEAR_H

#include "rules/assumed_end.h"

/* The groups a measure belongs to for kpi_full_year_days: writes at
 * most KPI_FULL_YEAR_MAX_GROUPS group numbers (< n_groups) into groups
 * and returns how many. Four, the most a figure needs (own_vs_purchased:
 * the total, the provider kind, purchased, the category): each span of
 * kpi_full_year_days keeps its groups. */
#define KPI_FULL_YEAR_MAX_GROUPS 4
typedef size_t (*kpi_full_year_group_fn)(
    const kpi_measure *m, void *arg, size_t groups[KPI_FULL_YEAR_MAX_GROUPS]);

/* For each of n_groups groups and each of n_to periods from..to[w]: the
 * days on which a child has at least one active measure of the group
 * (assumed ends; cancelled measures left out), summed over the children,
 * into days[w * n_groups + g]. A child with two overlapping measures of
 * one group counts once on those days. The periods share their start (the
 * year and the year to date), so the measures are sorted once.
 * O(n log n) in the measures. KPI_ERR_NOMEM, KPI_ERR_ARG when a to[w] <
 * from. */
kpi_status kpi_full_year_days(const kpi_context *ctx, kpi_date from,
                              const kpi_date *to, size_t n_to, size_t n_groups,
                              kpi_full_year_group_fn fn, void *arg,
                              int64_t *days);

/* Full-year recipients of the groups: kpi_full_year_days divided by the
 * days of from..to, into out[g]. */
kpi_status kpi_full_year_groups(const kpi_context *ctx, kpi_date from,
                                kpi_date to, size_t n_groups,
                                kpi_full_year_group_fn fn, void *arg,
                                double *out);

#endif /* KPI_FULL_YEAR_H */
