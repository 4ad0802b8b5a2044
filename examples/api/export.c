/*
 * export.c - a small program over the installed kpi libraries: loads a
 * dataset folder (with its budget, whatever the finance staff saved it
 * as) and writes every key figure in long form, as `kpi export` does.
 *
 * It uses only the public headers and builds with pkg-config alone:
 *
 *     cc -o kpi-export-example export.c $(pkg-config --cflags --libs kpi)
 *     ./kpi-export-example DATASET 2026-10 > figures.csv
 *
 * (with the kpi libraries installed by `cmake --install build --prefix P`,
 * set PKG_CONFIG_PATH=P/lib/pkgconfig). Exit status as kpi's: 0 success,
 * 1 invalid input, 2 usage, 3 I/O.
 */
#include <kpi.h>
#include <kpi/read.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    kpi_month month;
    if (argc != 3 || kpi_month_parse(argv[2], &month) != KPI_OK) {
        fprintf(stderr, "usage: %s DATASET YYYY-MM\n", argv[0]);
        return 2;
    }
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    if (!diags)
        return 3;
    /* The budget reader of kpi/read.h reads budget.xlsx, budget.xls and
     * budget.csv; without it, libkpi refuses a dataset with a budget. */
    kpi_load_options options = {0};
    options.budget_reader = kpi_budget_read;
    kpi_dataset *ds = NULL;
    kpi_figures *figures = NULL;
    kpi_status st = kpi_dataset_load(argv[1], &options, &ds, diags);
    for (size_t i = 0; i < kpi_diagnostics_count(diags); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(diags, i), stderr);
    if (st == KPI_OK)
        st = kpi_figures_compute(ds, month, NULL, &figures);
    if (st == KPI_OK)
        st = kpi_export_write(figures, stdout);
    if (st != KPI_OK)
        fprintf(stderr, "%s: %s\n", argv[0], kpi_strerror(st));
    kpi_figures_free(figures);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return st == KPI_OK ? 0 : st == KPI_ERR_INPUT ? 1 : 3;
}
