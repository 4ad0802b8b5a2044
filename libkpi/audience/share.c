/*
 * share.c - `kpi export --level fagudvalg` (issue 18): the long export
 * cut to what one recipient group's pack shows, for municipalities to
 * share with each other and read back as comparison input
 * (input/compare_shared.c).
 *
 * The rows and marks are exactly the pack's: privacy.c decides (SPEC §7,
 * docs/PRIVACY.md); this file only writes. First come the rows of kpi_id
 * "municipality": the level, the name and the number of children from
 * kpi.ini's [municipality], which the rates of the comparison are per
 * 1,000 of.
 */
#include "input/dataset.h"
#include "results/rows.h"

#include <stdio.h>

static void write_municipality(FILE *out, const char *period, const char *stat,
                               const char *value)
{
    kpi_row r = {0};
    r.kpi_id = "municipality";
    r.period = period;
    r.stat = stat;
    r.kind = KPI_VALUE_TEXT;
    r.text = value;
    kpi_export_write_row(&r, NULL, out);
}

kpi_status kpi_export_write_shared(const kpi_figures *figures,
                                   const kpi_dataset *dataset,
                                   const kpi_privacy *privacy, kpi_group group,
                                   kpi_month m, FILE *out)
{
    if (!figures || !dataset || !privacy || !out)
        return KPI_ERR_ARG;
    const char *name = kpi_dataset_municipality(dataset);
    if (!*name)
        return KPI_ERR_INPUT;
    char period[8], n[24];
    snprintf(period, sizeof period, "%04d-%02d", m.year, m.month);
    fputs(KPI_EXPORT_HEADER "\n", out);
    write_municipality(out, period, "level", kpi_group_code(group));
    write_municipality(out, period, "name", name);
    const kpi_config *c = dataset->config;
    if (c->children_0_17) {
        snprintf(n, sizeof n, "%ld", c->children_0_17);
        write_municipality(out, period, "children_0_17", n);
    }
    if (c->children_0_22) {
        snprintf(n, sizeof n, "%ld", c->children_0_22);
        write_municipality(out, period, "children_0_22", n);
    }
    size_t rows = kpi_figures_row_count(figures);
    for (size_t i = 0; i < rows; i++) {
        const kpi_row *r = kpi_figures_row(figures, i);
        if (kpi_privacy_row_visible(privacy, r))
            kpi_export_write_row(r, kpi_privacy_row_mark(privacy, r), out);
    }
    return ferror(out) ? KPI_ERR_IO : KPI_OK;
}
