/*
 * age_groups.h - the age groups of SPEC §4 (internal): "0-5", "6-11",
 * "12-14", "15-17", "18-22". Rows list them youngest first, not bytewise
 * ("6-11" sorts after "18-22"): a reader expects ages in order.
 */
#ifndef KPI_AGE_GROUPS_H
#define KPI_AGE_GROUPS_H

#define KPI_AGE_GROUP_COUNT 5
extern const char *const kpi_age_groups[KPI_AGE_GROUP_COUNT];

/* The index into kpi_age_groups of an age; -1 outside 0..22. */
int kpi_age_group_index(int age);

#endif /* KPI_AGE_GROUPS_H */
