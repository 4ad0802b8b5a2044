/*
 * figtext.h - the texts of the recipient map and overview workbooks
 * (templates/noegletal.cfg, embedded at build time): per key figure its
 * Danish description, questions, data source and frequency; per
 * recipient group its need; Danish names of themes and breakdowns; the
 * guide sheet's paragraphs. (A figure's headline is libkpi's catalogue's;
 * month and status names are libkpi's too: kpi_month_name,
 * kpi_target_status_name.)
 */
#ifndef KPI_XLSX_FIGTEXT_H
#define KPI_XLSX_FIGTEXT_H

#include "kpi.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct figtext_figure {
    char *id;
    char *description;
    char **questions;
    size_t n_questions;
    char *source;
    char *frequency;
    int line;
} figtext_figure;

typedef struct figtext {
    char *theme[4];              /* by kpi_theme */
    char *need[KPI_GROUP_COUNT]; /* by kpi_group */
    char **dim_code, **dim_name;
    size_t n_dims;
    /* The guide sheet: paragraphs, in order; heading[i] true for a
     * heading line. */
    char **guide;
    bool *guide_heading;
    size_t n_guide;
    figtext_figure *figs;
    size_t n_figs;
} figtext;

/* Parses the text of a .cfg file. KPI_ERR_INPUT with
 * "LABEL:LINE: key: message" in err on a problem (an unknown section,
 * key, figure or group), KPI_ERR_NOMEM. */
kpi_status kpi_xlsx_figtext_parse(const char *text, size_t len,
                                  const char *label, figtext **out, char *err,
                                  size_t err_size);
/* The embedded templates/noegletal.cfg. */
kpi_status kpi_xlsx_figtext_builtin(figtext **out, char *err, size_t err_size);
void kpi_xlsx_figtext_free(figtext *ft);

/* NULL when the file has no section for the figure. */
const figtext_figure *kpi_xlsx_figtext_find(const figtext *ft, const char *id);
/* The Danish name of a breakdown dimension; the code when none. */
const char *kpi_xlsx_figtext_dimension(const figtext *ft, const char *code);

#endif
