/* dataset_core.c - the dataset object's life cycle and the codes of its
 * enumerations. Loading the files is load*.c. */
#include "input/dataset.h"

#include <string.h>

kpi_dataset *kpi_dataset_new_empty(const kpi_allocator *a)
{
    kpi_dataset *ds = kpi_xcalloc(a, 1, sizeof *ds);
    if (!ds)
        return NULL;
    if (a) {
        ds->alloc_store = *a;
        ds->alloc = &ds->alloc_store;
    }
    ds->syms = kpi_symtab_new(ds->alloc);
    ds->config = kpi_config_new_default(ds->alloc);
    ds->warnings = kpi_diagnostics_new(ds->alloc);
    if (!ds->syms || !ds->config || !ds->warnings) {
        kpi_dataset_free(ds);
        return NULL;
    }
    return ds;
}

void kpi_dataset_free(kpi_dataset *ds)
{
    if (!ds)
        return;
    const kpi_allocator *a = ds->alloc;
    if (!ds->borrowed) {
        kpi_symtab_free(ds->syms);
        kpi_config_free(a, ds->config);
    }
    kpi_people_free(a, ds->people);
    kpi_diagnostics_free(ds->warnings);
    kpi_xfree(a, ds->measures.items);
    kpi_xfree(a, ds->postings.items);
    kpi_xfree(a, ds->budget.items);
    kpi_xfree(a, ds->cases.items);
    kpi_xfree(a, ds->notifications.items);
    kpi_xfree(a, ds->deadlines.items);
    kpi_xfree(a, ds->complaints.items);
    kpi_xfree(a, ds->reviews.items);
    kpi_xfree(a, ds->inspections.items);
    kpi_xfree(a, ds->waitlist.items);
    kpi_xfree(a, ds->outcomes.items);
    kpi_allocator copy = ds->alloc_store;
    kpi_xfree(a ? &copy : NULL, ds);
}

const char *kpi_dataset_municipality(const kpi_dataset *ds)
{
    return ds && ds->config->municipality ? ds->config->municipality : "";
}

size_t kpi_dataset_measure_count(const kpi_dataset *ds)
{
    return ds ? ds->measures.count : 0;
}

const char *kpi_target_group_code(kpi_target_group g)
{
    switch (g) {
    case KPI_TARGET_HANDICAP:
        return "handicap";
    case KPI_TARGET_SOCIAL:
        return "social";
    }
    return "";
}

const char *kpi_provider_kind_code(kpi_provider_kind k)
{
    switch (k) {
    case KPI_PROVIDER_OWN:
        return "own";
    case KPI_PROVIDER_MUNICIPAL:
        return "municipal";
    case KPI_PROVIDER_REGIONAL:
        return "regional";
    case KPI_PROVIDER_PRIVATE:
        return "private";
    }
    return "";
}

const char *kpi_category_code(kpi_category c)
{
    switch (c) {
    case KPI_CATEGORY_PLACEMENT:
        return "placement";
    case KPI_CATEGORY_PREVENTIVE:
        return "preventive";
    }
    return "";
}

const char *kpi_unit_code(kpi_unit u)
{
    switch (u) {
    case KPI_UNIT_MONTH:
        return "month";
    case KPI_UNIT_DAY:
        return "day";
    case KPI_UNIT_WEEK:
        return "week";
    case KPI_UNIT_YEAR:
        return "year";
    }
    return "";
}
