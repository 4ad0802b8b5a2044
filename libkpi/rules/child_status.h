/*
 * child_status.h - a child's situation on a day, from the measures
 * (internal). The outcome figures (school_absence, goal_attainment) break
 * down by it: outcomes.csv carries no status, target group or birth date.
 *
 * The status is "placed" when the child has an active placement on that
 * day, else "preventive" when it has an active preventive measure, else
 * none (the child then counts in the total only).
 */
#ifndef KPI_CHILD_STATUS_H
#define KPI_CHILD_STATUS_H

#include "input/dataset.h"

enum {
    KPI_CHILD_PLACED = 0,
    KPI_CHILD_PREVENTIVE = 1,
    KPI_CHILD_STATUS_COUNT = 2
};
#define KPI_CHILD_STATUS_NONE (-1)
/* The export's codes, indexed by status; bytewise order:
 * "placed" < "preventive". */
extern const char *const kpi_child_status_codes[KPI_CHILD_STATUS_COUNT];

/* A sort key of dated rows: by group (a child symbol), sub (a parameter
 * symbol, or 0), date, then position in the input, so the later line of
 * a file sorts last. */
typedef struct kpi_dated_key {
    uint32_t group; /* child symbol, or a group number */
    uint32_t sub;   /* parameter symbol, or 0 */
    kpi_date date;
    size_t index; /* position in the input: the later line sorts last */
} kpi_dated_key;
int kpi_dated_key_cmp(const void *pa, const void *pb); /* for qsort */

/* The measures grouped by child: order[first[c] .. first[c + 1]) are the
 * measure indices of child symbol c, by start date, then line order. */
typedef struct kpi_child_index {
    size_t *order;
    size_t *first; /* n_syms + 1 entries */
    size_t n_syms;
} kpi_child_index;

/* Builds *ix with allocator a; KPI_ERR_NOMEM (then *ix is empty).
 * Freed with kpi_child_index_free(ix, a). */
kpi_status kpi_child_index_build(kpi_child_index *ix, const kpi_dataset *ds,
                                 const kpi_allocator *a);
void kpi_child_index_free(kpi_child_index *ix, const kpi_allocator *a);

/* What the measures say about a child on one day. */
typedef struct kpi_child_state {
    int status;     /* KPI_CHILD_* or KPI_CHILD_STATUS_NONE */
    int target;     /* kpi_target_group, or -1 when the child has no measure */
    kpi_date birth; /* KPI_DATE_NONE when the child has no measure */
} kpi_child_state;

/* The child's status on d, and the measure that describes it: the active
 * placement, else the active preventive measure, else the latest measure
 * started on or before d (cancelled grants count for nothing). Among
 * several, the latest start wins, ties to the later line. The birth date
 * is that measure's, else the child's first measure's. */
kpi_child_state kpi_child_on(const kpi_dataset *ds, const kpi_child_index *ix,
                             kpi_sym child, kpi_date d);

#endif /* KPI_CHILD_STATUS_H */
