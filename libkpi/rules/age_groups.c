/* age_groups.c - the age groups of SPEC §4 (age_groups.h). */
#include "rules/age_groups.h"

const char *const kpi_age_groups[KPI_AGE_GROUP_COUNT] = {
    "0-5", "6-11", "12-14", "15-17", "18-22",
};

int kpi_age_group_index(int age)
{
    if (age < 0 || age > 22)
        return -1;
    if (age <= 5)
        return 0;
    if (age <= 11)
        return 1;
    if (age <= 14)
        return 2;
    if (age <= 17)
        return 3;
    return 4;
}
