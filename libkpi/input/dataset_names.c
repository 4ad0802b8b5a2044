/* dataset_names.c - display names of a dataset's codes for the public
 * API: the workbooks show "Almen plejefamilie", not almen_plejefamilie,
 * and kpi.ini may rename or add types, so the names come from the
 * dataset's configuration, not from a table of the caller's; and the
 * default catalogue as the public API shows it. */
#include "input/dataset.h"

#include <string.h>

const char *kpi_dataset_measure_type_name(const kpi_dataset *ds,
                                          const char *code,
                                          const char **category)
{
    if (!ds || !code)
        return NULL;
    const kpi_config *c = ds->config;
    /* Exact codes only: the rows of the figures carry codes, and an alias
     * lookup here could map a code onto another type's name. */
    for (size_t i = 0; i < c->n_types; i++) {
        if (strcmp(c->types[i].code, code) == 0) {
            if (category)
                *category = kpi_category_code(c->types[i].category);
            return c->types[i].name;
        }
    }
    return NULL;
}

bool kpi_catalog_measure_type(size_t i, kpi_measure_type_info *out)
{
    kpi_category category;
    if (!out || !kpi_default_measure_type(i, &out->code, &out->name,
                                          &category, &out->law))
        return false;
    out->category = kpi_category_code(category);
    return true;
}
