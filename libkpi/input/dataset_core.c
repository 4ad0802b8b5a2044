/* dataset_core.c - the dataset object's life cycle. Loading the files is
 * load*.c; the codes of its enumerations are codes.c. */
#include "input/dataset.h"

#include <string.h>

kpi_dataset *kpi_dataset_new_empty(const kpi_allocator *a)
{
    kpi_dataset *ds = kpi_xcalloc(a, 1, sizeof *ds);
    if (!ds)
        return NULL;
    ds->alloc = kpi_allocator_keep(&ds->alloc_store, a);
    ds->syms = kpi_symtab_new(ds->alloc);
    ds->ids = kpi_symtab_new(ds->alloc);
    ds->config = kpi_config_new_default(ds->alloc);
    ds->warnings = kpi_diagnostics_new(ds->alloc);
    if (!ds->syms || !ds->ids || !ds->config || !ds->warnings) {
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
        kpi_symtab_free(ds->ids);
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
    kpi_xfree_keeper(a, ds);
}

void kpi_dataset_reimbursement(const kpi_dataset *ds, int year,
                               kpi_reimbursement_source *out)
{
    kpi_config_reimbursement(ds->config, year, out);
}

int kpi_dataset_books_year(const kpi_dataset *ds)
{
    int year = 0;
    for (size_t i = 0; i < ds->postings.count; i++)
        if (ds->postings.items[i].year > year)
            year = ds->postings.items[i].year;
    return year;
}

const char *kpi_dataset_history_path(const kpi_dataset *ds)
{
    return ds ? ds->config->history_path : NULL;
}

const char *kpi_dataset_municipality(const kpi_dataset *ds)
{
    return ds && ds->config->municipality ? ds->config->municipality : "";
}

const char *kpi_dataset_compare_note(const kpi_dataset *ds)
{
    return ds && ds->config->compare_note ? ds->config->compare_note : "";
}

size_t kpi_dataset_measure_count(const kpi_dataset *ds)
{
    return ds ? ds->measures.count : 0;
}
