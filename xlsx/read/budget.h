/*
 * budget.h - the budget workbook of SPEC §3.9 read into a dataset, and the
 * template kpi reads best.
 *
 * The budget may be .xlsx, .xls or .csv; all three go through the same
 * search for the header row (Danish header names anywhere in the sheet,
 * title rows above, columns in any order) and the same checks, so a
 * budget reads the same whatever program saved it.
 *
 * libkpi knows nothing of spreadsheets: a program hands kpi_budget_read
 * to kpi_dataset_load as the budget reader of kpi_load_options:
 *
 *     kpi_load_options lo = {0};
 *     lo.budget_reader = kpi_budget_read; // ctx NULL: the defaults
 *     st = kpi_dataset_load(dir, &lo, &ds, diags);
 */
#ifndef KPI_BUDGET_H
#define KPI_BUDGET_H

#include "kpi.h"
#include "sheet_reader.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_budget_options {
    /* As kpi_sheets_options: NULL = soffice on PATH, "" = never. */
    const char *soffice;
    int soffice_timeout; /* seconds; 0: 120 */
} kpi_budget_options;

/* The budget reader (a kpi_budget_reader of kpi_load_options): reads the
 * file kpi_budget_path(budget) names (.xlsx, .xls or .csv; a .csv name
 * is always read as CSV) and gives libkpi its lines. ctx is a
 * kpi_budget_options or NULL. Problems are reported as
 * "budget.xlsx: sheet 'Budget 2026': row 7: Korrigeret budget: not a
 * number: 'abc'" (for a CSV file "budget.csv:7: Korrigeret budget: ...").
 * Returns KPI_OK, KPI_ERR_INPUT (reported), KPI_ERR_IO, KPI_ERR_NOMEM. */
kpi_status kpi_budget_read(void *ctx, kpi_budget *budget);

/* Reads the budget from an open book: what kpi_budget_read does after
 * opening the file. */
kpi_status kpi_budget_read_book(const kpi_sheets *book, kpi_budget *budget);

/* Writes the budget template (`kpi budget-template`) to path: a "Budget"
 * sheet with one row per measure type of the catalogue (a list to choose
 * from), Korrigeret budget, Helårspersoner, Gennemsnitspris and Jan..Dec
 * defaulting to =ROUND(annual/12,2), and a Danish "Vejledning" sheet. The
 * bytes are the same on every run. KPI_ERR_IO when it cannot be written. */
kpi_status kpi_budget_template_write(const char *path);

#ifdef __cplusplus
}
#endif

#endif /* KPI_BUDGET_H */
