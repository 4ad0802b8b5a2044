/*
 * own.h - the own municipality's figures on Danmarks Statistik's
 * definitions (issue 18, docs/COMPARE.md), internal.
 */
#ifndef KPI_COMPARE_OWN_H
#define KPI_COMPARE_OWN_H

#include "input/compare_input.h"
#include "input/dataset.h"

/* The figures of year `year` on DST's definitions:
 *  placed        children with an active placement on 31 December (every
 *                age: the young adults at their placement included);
 *  placed_0_17   of those, aged 0-17 on 31 December (age at the end of
 *                the year);
 *  new           placement spells begun in the year (SPEC §4);
 *  preventive    children with a preventive measure active on some day
 *                of the year.
 * available[category] is false when the dataset cannot give the year's
 * figures of that category (kpi_category): the year ends after the as-of
 * date `as_of` (a stock on 31 December not yet reached) or begins before
 * the first start date of the category's measures in measures.csv. */
typedef struct kpi_own_year {
    int64_t placed, placed_0_17, new_placements, preventive;
} kpi_own_year;

kpi_status kpi_own_dst_year(const kpi_dataset *ds, int year, kpi_date as_of,
                            const kpi_allocator *a, kpi_own_year *out,
                            bool available[KPI_CATEGORY_COUNT]);

#endif /* KPI_COMPARE_OWN_H */
