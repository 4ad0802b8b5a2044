/*
 * select.h - the k-th smallest of a set of amounts (internal), without
 * sorting them: a median (data_quality's price outliers) or a cut (the
 * k dearest children of high_cost_cases) needs one value, not an order.
 */
#ifndef KPI_SELECT_H
#define KPI_SELECT_H

#include "base/internal.h"

/* The k-th smallest (0-based, k < n) of v[0..n), reordering v so that
 * v[0..k) <= v[k] <= v[k+1..n). A quickselect with the median of three
 * as pivot and equal values kept together: O(n) on the data the figures
 * see, where a sort is O(n log n). */
kpi_money kpi_money_select(kpi_money *v, size_t n, size_t k);

#endif /* KPI_SELECT_H */
