/*
 * rows.h - the computed figures as the figure functions build them
 * (internal): rows in export order, the disposition table and the issues
 * of data_quality. Reading them is the public API (kpi.h:
 * kpi_figures_row, kpi_figures_find, ...).
 */
#ifndef KPI_ROWS_H
#define KPI_ROWS_H

#include "base/internal.h"

#include <stdio.h>

/* A new, empty set of figures using allocator a (may be NULL: malloc);
 * NULL when out of memory. Freed with kpi_figures_free(). */
kpi_figures *kpi_figures_new(const kpi_allocator *a);

/* Appends a copy of row (every string copied; row->kind decides which of
 * integer / real is used). */
kpi_status kpi_figures_add(kpi_figures *f, const kpi_row *row);

/* Appends one row. Every string is copied into the figures' own storage.
 * dimension and member are both NULL for the total. */
kpi_status kpi_figures_add_count(kpi_figures *f, const char *kpi_id,
                                 const char *period, const char *dimension,
                                 const char *member, const char *stat,
                                 int64_t count);
kpi_status kpi_figures_add_money(kpi_figures *f, const char *kpi_id,
                                 const char *period, const char *dimension,
                                 const char *member, const char *stat,
                                 kpi_money amount);
kpi_status kpi_figures_add_real(kpi_figures *f, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat,
                                double value);

/* The long export's header line (SPEC §8), without the newline. */
#define KPI_EXPORT_HEADER "kpi_id;period;breakdown;stat;value"

/* Writes one line of the long export: the row's value, or `shown` in its
 * place when not NULL (a privacy mark "<5", ".."). */
void kpi_export_write_row(const kpi_row *row, const char *shown, FILE *out);

/* Appends one row of the disposition table; strings are copied. */
kpi_status kpi_figures_add_disposition(kpi_figures *f,
                                       const kpi_disposition *row);

/* Appends one open case / one due deadline of the case lists; strings are
 * copied. The caller adds them in their final order. */
kpi_status kpi_figures_add_open_case(kpi_figures *f, const kpi_open_case *c);
kpi_status kpi_figures_add_due_deadline(kpi_figures *f,
                                        const kpi_due_deadline *d);

/* Appends one issue of data_quality; strings are copied. The caller adds
 * them in their final order (check, file, line). */
kpi_status kpi_figures_add_issue(kpi_figures *f, const kpi_issue *issue);

/* Appends everything src holds to f, in src's order: its rows,
 * dispositions, issues, open cases and due deadlines, each string copied
 * into f's own storage as the add functions above copy it (the
 * disposition ids kept without a look-up, as kpi_figures_add_disposition
 * keeps them), so src may be freed afterwards. f then holds what it
 * would hold had src's adds been made on f itself (catalog/compute.c
 * merges each thread's figures so). On failure f may hold part of src;
 * the caller frees it. */
kpi_status kpi_figures_append(kpi_figures *f, const kpi_figures *src);

/* Inserts n rows (strings copied as kpi_figures_add does): rows[i] goes
 * right after the existing row after[i]. after must ascend and name
 * existing rows; rows with the same after keep their order. O(rows). */
kpi_status kpi_figures_insert(kpi_figures *f, const size_t *after,
                              const kpi_row *rows, size_t n);

#endif /* KPI_ROWS_H */
