/*
 * gaps.h - what the comparison lacks, internal (issue 18 item 5,
 * docs/COMPARE.md): a value the sheet shows as "mangler" says why.
 */
#ifndef KPI_COMPARE_GAPS_H
#define KPI_COMPARE_GAPS_H

#include "input/compare_input.h"

/* One municipality's (or the country's) figure missing in some years for
 * one reason. */
typedef struct kpi_cmp_gap {
    const char *area;        /* borrowed from the caller's areas */
    kpi_cmp_measure measure; /* placed ... preventive */
    kpi_comparison_gap_reason reason;
    char years[64];          /* "2021" or "2021–2023" (a run) */
    int first_year;          /* of the run */
    char mark[4];            /* KPI_COMPARISON_HELD_BACK: the file's mark */
    const char *file;        /* HELD_BACK: the file (borrowed from in) */
} kpi_cmp_gap;

/* The gaps of rows (the comparison's, kpi_id "compare") for areas[0..n)
 * (own: the own municipality, whose counts kpi computes; the last area
 * the country, looked up in `in` as NULL) over the years from..to. A
 * value is a gap when the row is missing while another area has it that
 * year (that figure and year are compared). *out is allocated with a;
 * the caller frees it with kpi_xfree. */
kpi_status kpi_cmp_gaps_build(const kpi_figures *rows, const kpi_cmp_input *in,
                              const char *const *areas, size_t n_areas,
                              size_t own, int from, int to,
                              const kpi_allocator *a, kpi_cmp_gap **out,
                              size_t *n_out);

#endif /* KPI_COMPARE_GAPS_H */
