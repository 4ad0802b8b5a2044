/*
 * functions.h - the kontoplan functions of the measure types (internal):
 * the members of the `function` breakdown of spend, disposed and forecast
 * (SPEC §3.3, §5). The function is set per type in kpi.ini, never assumed
 * by the code.
 */
#ifndef KPI_FUNCTIONS_H
#define KPI_FUNCTIONS_H

#include "rules/context.h"

/* The member of the types kpi.ini gives no function: their money is
 * still in the total, so the members add up to it. */
#define KPI_FUNCTION_NONE "none"

typedef struct kpi_type_functions {
    /* The members: the distinct functions of the catalogue in ascending
     * order (group by group, numerically: 5.28.20 < 5.28.21), then
     * KPI_FUNCTION_NONE when some type has none. Borrowed strings. n is 0
     * when no type has a function: then there is no breakdown. */
    const char **members;
    size_t n;
    uint16_t *member_of; /* by type index: its member's index */
} kpi_type_functions;

/* Fills out; free it with kpi_type_functions_free. KPI_ERR_NOMEM. */
kpi_status kpi_type_functions_build(const kpi_context *ctx,
                                    kpi_type_functions *out);
void kpi_type_functions_free(const kpi_context *ctx, kpi_type_functions *f);

#endif /* KPI_FUNCTIONS_H */
