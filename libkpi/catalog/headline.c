/* headline.c - a figure's headline (kpi.h): its row in computed figures
 * and its Danish label. The overview workbook and the mails show it. */
#include "catalog/catalog.h"

const kpi_row *kpi_figures_headline(const kpi_figures *figures,
                                    const char *kpi_id, kpi_month m)
{
    const kpi_figure_info *fi = kpi_catalog_figure_find(kpi_id);
    if (!figures || !fi || !fi->headline.stat)
        return NULL;
    char period[32];
    if (kpi_period_format(fi->headline.period, m, KPI_PERIOD_STYLE_CODE,
                          period, sizeof period) != KPI_OK)
        return NULL;
    return kpi_figures_find(figures, kpi_id, period, fi->headline.dimension,
                            fi->headline.member, fi->headline.stat);
}

kpi_status kpi_headline_label(const kpi_headline *headline, kpi_month m,
                              char *buf, size_t size)
{
    if (!buf || !size)
        return KPI_ERR_ARG;
    buf[0] = '\0';
    if (!headline || !headline->label)
        return KPI_ERR_NOT_AVAILABLE;
    return kpi_period_expand(headline->label, m, NULL, NULL, buf, size, NULL);
}
