/*
 * figtext.h - the texts of the recipient map and overview workbooks
 * (templates/noegletal.cfg, embedded at build time): per key figure its
 * Danish description, questions, data source, frequency and headline; per
 * recipient group its need; Danish names of themes and breakdowns. (Month
 * and status names are libkpi's: kpi_month_name, kpi_target_status_name.)
 */
#ifndef KPI_XLSX_FIGTEXT_H
#define KPI_XLSX_FIGTEXT_H

#include "kpi.h"

#include <stdbool.h>
#include <stddef.h>

/* Which period a headline is taken from (relative to the report month). */
typedef enum figtext_period {
    FT_PERIOD_NONE = 0, /* the figure has no headline */
    FT_PERIOD_DAY,      /* the month's last day: "2026-10-31" */
    FT_PERIOD_MONTH,    /* "2026-10" */
    FT_PERIOD_TO_DATE,  /* "2026-01..2026-10" */
    FT_PERIOD_YEAR,     /* "2026" */
} figtext_period;

typedef enum figtext_format {
    FT_FORMAT_COUNT = 0,
    FT_FORMAT_MONEY,    /* whole kroner */
    FT_FORMAT_PERCENT,  /* a share 0-1 */
    FT_FORMAT_DECIMAL1,
    FT_FORMAT_DAYS,
} figtext_format;

typedef struct figtext_figure {
    char *id;
    char *description;
    char **questions;
    size_t n_questions;
    char *source;
    char *frequency;
    figtext_period period;
    char *stat;      /* headline stat; NULL without a headline */
    char *breakdown; /* "total" unless given */
    figtext_format format;
    char *label;     /* with {as_of} {month_name} {to_date_name} {year} */
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
 * key, figure or group, a bad headline), KPI_ERR_NOMEM. */
kpi_status figtext_parse(const char *text, size_t len, const char *label,
                         figtext **out, char *err, size_t err_size);
/* The embedded templates/noegletal.cfg. */
kpi_status figtext_builtin(figtext **out, char *err, size_t err_size);
void figtext_free(figtext *ft);

/* NULL when the file has no section for the figure. */
const figtext_figure *figtext_find(const figtext *ft, const char *id);
/* The Danish name of a breakdown dimension; the code when none. */
const char *figtext_dimension(const figtext *ft, const char *code);

#endif
