/*
 * gaps.c - what the comparison lacks and why (compare/gaps.h): the sheet
 * shows a missing value as "mangler", never as a blank or 0 that reads
 * as none, and lists here which municipality, figure and years lack it.
 */
#include "compare/gaps.h"

#include <stdio.h>
#include <string.h>

static const kpi_cmp_measure counted[] = {
    KPI_CMP_PLACED, KPI_CMP_PLACED_0_17, KPI_CMP_NEW_PLACEMENTS,
    KPI_CMP_PREVENTIVE};

static bool has_row(const kpi_figures *rows, const char *area,
                    const char *period, kpi_cmp_measure m)
{
    return kpi_figures_find(rows, "compare", period, "municipality", area,
                            kpi_cmp_measure_code(m)) != NULL;
}

/* The reason area lacks measure m in year y, with the file's mark. */
static kpi_comparison_gap_reason why(const kpi_cmp_input *in, const char *area,
                                     bool own, bool country, int y,
                                     kpi_cmp_measure m, kpi_cmp_gap *g)
{
    g->mark[0] = '\0';
    g->file = NULL;
    if (own) /* kpi's own count: the year not ended, or before the data */
        return KPI_COMPARISON_NOT_COUNTED;
    const kpi_cmp_value *v = kpi_cmp_find(in, country ? NULL : area, y, m);
    if (!v)
        return KPI_COMPARISON_NOT_IN_FILES;
    snprintf(g->mark, sizeof g->mark, "%s", v->mark);
    g->file = in->sources[v->source].file;
    return KPI_COMPARISON_HELD_BACK;
}

kpi_status kpi_cmp_gaps_build(const kpi_figures *rows, const kpi_cmp_input *in,
                              const char *const *areas, size_t n_areas,
                              size_t own, int from, int to,
                              const kpi_allocator *a, kpi_cmp_gap **out,
                              size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    size_t cap = 0;
    for (size_t ai = 0; ai < n_areas; ai++) {
        for (size_t mi = 0; mi < sizeof counted / sizeof *counted; mi++) {
            kpi_cmp_gap *open = NULL; /* the gap the next year may extend */
            for (int y = from; y <= to; y++) {
                char period[12];
                snprintf(period, sizeof period, "%04d", y);
                kpi_cmp_measure m = counted[mi];
                bool compared = false;
                for (size_t o = 0; o < n_areas && !compared; o++)
                    compared = o != ai && has_row(rows, areas[o], period, m);
                if (!compared || has_row(rows, areas[ai], period, m)) {
                    open = NULL;
                    continue;
                }
                kpi_cmp_gap g = {.area = areas[ai], .measure = m};
                g.reason = why(in, areas[ai], ai == own, ai + 1 == n_areas, y,
                               m, &g);
                if (open && open->reason == g.reason &&
                    !strcmp(open->mark, g.mark) && open->file == g.file) {
                    /* The years of a gap run on: "2022–2024" is as
                     * exact as "2022, 2023, 2024" and stays on one line
                     * of the politicians' short list (compare-compact). */
                    snprintf(open->years, sizeof open->years, "%d–%d",
                             open->first_year, y);
                    continue;
                }
                if (kpi_grow(a, (void **)out, &cap, *n_out + 1,
                             sizeof **out) != KPI_OK)
                    return KPI_ERR_NOMEM;
                snprintf(g.years, sizeof g.years, "%d", y);
                g.first_year = y;
                (*out)[*n_out] = g;
                open = &(*out)[(*n_out)++];
            }
        }
    }
    return KPI_OK;
}
