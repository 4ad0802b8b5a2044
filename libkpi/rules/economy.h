/*
 * economy.h - sums the economy figures share (internal): what a measure
 * disposes in the fiscal year and the next, the phased budget per measure
 * type, booked sums per measure type, full-year recipients of groups of
 * measures, and the measure types in export order.
 *
 * Every array these functions return is allocated with ctx->alloc and is
 * freed by the caller with kpi_xfree(ctx->alloc, p).
 */
#ifndef KPI_ECONOMY_H
#define KPI_ECONOMY_H

#include "figures/figures.h"

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

/* Fills *out for measure m. Only the months the measure overlaps are
 * computed, so this is cheap for short measures. */
void kpi_economy_disposal(const kpi_measure *m, const kpi_context *ctx,
                          kpi_disposal *out);

/* The phased budget of one line: its twelve monthly amounts when the
 * workbook gives them, else the annual amount spread evenly with
 * cumulative rounding: January..m together get round(annual x m / 12), so
 * every to-date budget is the annual budget x m/12 rounded to whole øre
 * and the twelve months sum exactly to the annual amount. */
void kpi_budget_line_phase(const kpi_budget_line *b, kpi_money months[12]);

/* The budget of one measure type: the sum of all its budget lines (a
 * workbook kept by account may have several lines for one type). */
typedef struct kpi_type_budget {
    bool present; /* at least one budget line names the type */
    kpi_money annual;
    kpi_money months[12]; /* phased */
    kpi_money to_date;    /* months[0..M-1] summed */
} kpi_type_budget;

/* One kpi_type_budget per measure type (ds->config->n_types entries,
 * indexed by type) into *out; all zero when budget.csv is absent.
 * KPI_ERR_NOMEM. */
kpi_status kpi_economy_budgets(const kpi_context *ctx, kpi_type_budget **out);

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

/* The export period of the rest of the year, "2026-11..2026-12", into
 * buf; false (and buf "") when M is December and there is no rest. */
bool kpi_economy_rest_period(const kpi_context *ctx, char buf[17]);

#endif /* KPI_ECONOMY_H */
