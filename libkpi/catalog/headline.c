/* headline.c - a figure's headline (kpi.h): its row in computed figures
 * and its Danish label. The overview workbook and the mails show it. */
#include "catalog/catalog.h"

#include <stdio.h>

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

/* The placeholders of a label and the period each stands for, as the
 * workbooks write it. */
static const struct {
    const char *name;
    kpi_period_kind period;
} placeholders[] = {
    {"as_of", KPI_PERIOD_DAY},
    {"month_name", KPI_PERIOD_MONTH},
    {"to_date_name", KPI_PERIOD_TO_DATE},
    {"year", KPI_PERIOD_YEAR},
};

kpi_status kpi_headline_label(const kpi_headline *headline, kpi_month m,
                              char *buf, size_t size)
{
    if (!buf || !size)
        return KPI_ERR_ARG;
    buf[0] = '\0';
    if (!headline || !headline->label)
        return KPI_ERR_NOT_AVAILABLE;
    char text[64];
    if (kpi_period_format(KPI_PERIOD_MONTH, m, KPI_PERIOD_STYLE_CODE, text,
                          sizeof text) != KPI_OK)
        return KPI_ERR_ARG;
    /* A {name} not listed above stays as it is. */
    size_t len = 0;
    kpi_status st = KPI_OK;
    for (const char *p = headline->label; *p && st == KPI_OK;) {
        const char *piece = p;
        size_t n = 1;
        const char *close = *p == '{' ? strchr(p + 1, '}') : NULL;
        for (size_t i = 0; close && i < sizeof placeholders /
                                             sizeof placeholders[0];
             i++) {
            size_t k = strlen(placeholders[i].name);
            if ((size_t)(close - p - 1) == k &&
                !memcmp(p + 1, placeholders[i].name, k)) {
                kpi_period_format(placeholders[i].period, m,
                                  KPI_PERIOD_STYLE_WORKBOOK, text,
                                  sizeof text);
                piece = text;
                n = strlen(text);
                p = close;
                break;
            }
        }
        p++;
        if (len + n >= size) {
            n = size - 1 - len;
            st = KPI_ERR_RANGE;
        }
        memcpy(buf + len, piece, n);
        len += n;
    }
    buf[len] = '\0';
    return st;
}
