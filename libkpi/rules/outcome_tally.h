/*
 * outcome_tally.h - what the outcome figures (SPEC §5, §3.7:
 * school_absence, goal_attainment) share, internal: the rows of one
 * indicator of outcomes.csv, sorted, with the child's state on each row's
 * date (child_status.h), and tallies of them by status, target group and
 * age group, written as rows.
 */
#ifndef KPI_OUTCOME_TALLY_H
#define KPI_OUTCOME_TALLY_H

#include "results/rows.h"
#include "rules/age_groups.h"
#include "rules/child_status.h"

/* The trend of a function score, as cells count it. */
enum {
    KPI_TREND_IMPROVED = 0,
    KPI_TREND_MAINTAINED = 1,
    KPI_TREND_DECLINED = 2
};

/* One group of a period: n items, the sum of their values, and for
 * function scores the pairs per trend. */
typedef struct kpi_outcome_cell {
    int64_t n;
    double sum;
    int64_t trend[3];
} kpi_outcome_cell;

typedef struct kpi_outcome_tally {
    kpi_outcome_cell total;
    kpi_outcome_cell status[KPI_CHILD_STATUS_COUNT];
    kpi_outcome_cell target[KPI_TARGET_COUNT];
    kpi_outcome_cell age[KPI_AGE_GROUP_COUNT];
} kpi_outcome_tally;

/* Which stats a cell is written with. */
typedef enum kpi_cell_kind {
    KPI_CELL_MEAN,  /* mean, count: school absence */
    KPI_CELL_SHARE, /* share, count: goals */
    KPI_CELL_TREND, /* improved, maintained, declined, count: function scores */
} kpi_cell_kind;

/* The breakdowns of a figure, in the catalogue's order. */
typedef enum kpi_outcome_dims {
    KPI_DIMS_STATUS_AGE,    /* school_absence: status, age_group */
    KPI_DIMS_STATUS_TARGET, /* goal_attainment: status, target_group */
} kpi_outcome_dims;

/* Counts one item (value; trend KPI_TREND_* or -1) of a child in state s,
 * with the age on the item's date. */
void kpi_outcome_tally_add(kpi_outcome_tally *t, const kpi_child_state *s,
                           kpi_date date, double value, int trend);

/* Writes the total (always) and, unless total_only, the non-empty members
 * of each breakdown. An empty cell has only its count (0): a mean or
 * share of nothing is not a number, and a missing value is "not
 * available". */
kpi_status kpi_outcome_tally_emit(kpi_figures *out, const char *id,
                                  const char *period,
                                  const kpi_outcome_tally *t,
                                  kpi_cell_kind kind, kpi_outcome_dims d,
                                  bool total_only);

/* The rows of one indicator, sorted, with the child's state. */
typedef struct kpi_indicator_rows {
    kpi_dated_key *keys;     /* by child (and parameter), date, line */
    kpi_child_state *states; /* states[i]: the child on keys[i].date */
    size_t n;
} kpi_indicator_rows;

/* The rows of indicator ind dated on or before `until`, sorted; with
 * by_parameter the parameter is part of the group (function scores). A
 * row without a parameter forms its own group ("no parameter").
 * KPI_ERR_NOMEM. Freed with kpi_indicator_rows_free(r, a). */
kpi_status kpi_indicator_rows_build(kpi_indicator_rows *r,
                                    const kpi_dataset *ds,
                                    const kpi_child_index *ix,
                                    kpi_indicator ind, bool by_parameter,
                                    kpi_date until, const kpi_allocator *a);
void kpi_indicator_rows_free(kpi_indicator_rows *r, const kpi_allocator *a);

/* The value of the outcomes.csv row a key points at. */
double kpi_indicator_value(const kpi_dataset *ds, const kpi_dated_key *k);

#endif /* KPI_OUTCOME_TALLY_H */
