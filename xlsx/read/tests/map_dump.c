/* map_dump.c - the recipient map for the round-trip scripts:
 *   kpi-map-dump write DATASET YYYY-MM MAP.xlsx OVERVIEW.xlsx
 *       writes the default map and the overview of the dataset
 *   kpi-map-dump read FILE
 *       prints what kpi reads from an edited map: "figure group 0|1" per
 *       figure and group, then "group cadence detail" per group; on a
 *       problem the message on stderr and exit 1. */
#include "kpi/read.h"
#include "kpi/xlsx.h"

#include <stdio.h>
#include <string.h>

static int dump(const char *path)
{
    kpi_map *map = NULL;
    if (kpi_map_new(NULL, &map) != KPI_OK)
        return 3;
    char err[1024];
    kpi_status st = kpi_map_read(path, map, err, sizeof err);
    if (st != KPI_OK) {
        fprintf(stderr, "%s\n", err);
        kpi_map_free(map);
        return st == KPI_ERR_NOMEM ? 3 : 1;
    }
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++)
        for (int g = 0; g < KPI_GROUP_COUNT; g++)
            printf("%s %s %d\n", kpi_catalog_figure(i)->id,
                   kpi_group_code((kpi_group)g),
                   kpi_map_get(map, kpi_catalog_figure(i)->id, (kpi_group)g));
    for (int g = 0; g < KPI_GROUP_COUNT; g++)
        printf("%s %s %s\n", kpi_group_code((kpi_group)g),
               kpi_cadence_code(kpi_map_cadence(map, (kpi_group)g)),
               kpi_detail_code(kpi_map_detail(map, (kpi_group)g)));
    kpi_map_free(map);
    return 0;
}

static int write(const char *dir, const char *month, const char *map_path,
                 const char *overview_path)
{
    kpi_month m;
    if (kpi_month_parse(month, &m) != KPI_OK)
        return 2;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    kpi_load_options lo = {0};
    lo.budget_reader = kpi_budget_read;
    kpi_dataset *ds = NULL;
    kpi_figures *f = NULL;
    kpi_map *map = NULL;
    int rc = 1;
    if (kpi_dataset_load(dir, &lo, &ds, diags) == KPI_OK &&
        kpi_figures_compute(ds, m, NULL, &f) == KPI_OK &&
        kpi_map_new(NULL, &map) == KPI_OK) {
        kpi_book_input in = {.dataset = ds, .figures = f, .month = m};
        kpi_status a = kpi_mapbook_write(map, &in, map_path, NULL, 0);
        kpi_status b = kpi_overview_write(map, &in, overview_path, NULL, 0);
        if (a == KPI_OK && b == KPI_OK)
            rc = 0;
        else
            fprintf(stderr, "write: %s / %s\n", kpi_strerror(a),
                    kpi_strerror(b));
    }
    for (size_t i = 0; i < kpi_diagnostics_error_count(diags); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(diags, i), stderr);
    kpi_map_free(map);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "read"))
        return dump(argv[2]);
    if (argc == 6 && !strcmp(argv[1], "write"))
        return write(argv[2], argv[3], argv[4], argv[5]);
    fprintf(stderr, "usage: kpi-map-dump read FILE | write DATASET YYYY-MM "
                    "MAP.xlsx OVERVIEW.xlsx\n");
    return 2;
}
