/*
 * book.h - the workbook engine's internals: the parsed template (template.c)
 * and the helpers the renderer (render.c, table.c) shares.
 */
#ifndef KPI_XLSX_BOOK_H
#define KPI_XLSX_BOOK_H

#include "kpi/xlsx.h"

#include <stddef.h>

/* Number formats a column can use; the format strings are in render.c. */
typedef enum book_format {
    FMT_TEXT = 0,
    FMT_MONEY,    /* whole kroner:   1.234.567 kr. */
    FMT_MONEY2,   /* with øre:       1.234.567,50 kr. */
    FMT_PERCENT,  /* 81,5 % */
    FMT_COUNT,    /* 1.234 */
    FMT_DECIMAL,  /* 1.234,56 */
    FMT_DECIMAL1, /* 1.234,6 */
    FMT_DATE,     /* 31-10-2026 */
    FMT_MONTH,    /* okt 2026 */
    FMT_STATUS,   /* Grøn / Gul / Rød, coloured by conditional formats */
    FMT_DAYS,     /* 12,5 dage: durations, never mistaken for a count */
    FMT_WRAP,     /* text wrapped within the column's width (a record's
                     long description) */
    FMT_COUNT_OF  /* sentinel */
} book_format;

typedef enum book_total {
    TOTAL_AUTO = 0, /* formula columns: the formula; value columns: value */
    TOTAL_SUM,      /* SUBTOTAL(9, members), stored = kpi's total row */
    TOTAL_VALUE,    /* kpi's total row as a plain value */
    TOTAL_NONE,     /* empty */
} book_total;

/* Where a table's rows come from. */
typedef enum book_rows {
    ROWS_BREAKDOWN = 0, /* the members of one dimension, plus the total */
    ROWS_MONTHS,        /* a row per calendar month */
    ROWS_DISPOSITION,   /* one row per measure: kpi_figures_disposition */
    ROWS_ITEMS,         /* declared label | value | format lines */
    ROWS_CASES,         /* one row per open case: kpi_figures_open_case */
    ROWS_DEADLINES,     /* one per due deadline: kpi_figures_due_deadline */
    ROWS_ISSUES,        /* one per data_quality record: kpi_figures_issue */
    /* The Overblik (overblik.c): */
    ROWS_HEADLINES,     /* one row per headline figure of the pack: fields
                           now, last_year, change, target, status */
    ROWS_RED_LIGHTS,    /* the red target statuses, a sentence each */
    ROWS_NOTE,          /* the administration's note (kpi_book_input.note) */
    ROWS_TRAJECTORY,    /* the forecast at each report month of the year
                           (kpi_book_input.trajectory), the whole area and
                           its categories, with its chart (trajectory.c) */
    ROWS_TRAJECTORY_TYPES, /* the same per measure type, months across */
    /* The comparison (kpi_book_input.comparison), record rows: */
    ROWS_SOURCES, /* one row per file read: file, origin, years, date,
                     month */
    ROWS_GAPS,    /* one row per value missing: area, figure, years, why */
} book_rows;

/* Which dispositions a ROWS_DISPOSITION table shows. */
typedef enum book_select {
    SELECT_ALL = 0,
    SELECT_ACTIVE, /* kpi_disposition.active */
    SELECT_ENDED,  /* kpi_disposition.ended */
} book_select;

/* "kpi_id period stat [breakdown]" with placeholders in period. */
typedef struct book_ref {
    char *kpi_id;
    char *period;    /* a pattern: {year}, {to_date}, {row_month}, ... */
    char *stat;
    char *breakdown; /* NULL: the table's row (member or total) */
} book_ref;

typedef struct book_column {
    char *id;
    char *heading;
    book_ref value;   /* kpi_id NULL when none */
    char *formula;    /* "{booked}-{phased}" or NULL */
    char *field;      /* record field (disposition, case, ...), or NULL */
    book_format format;
    book_total total;
    double width;     /* the smallest width; 0 = fit the contents */
    bool optional;    /* drop when no row has the value */
    int line;
} book_column;

typedef struct book_item {
    char *label;
    book_ref value;
    book_format format;
} book_item;

typedef struct book_table {
    char *id;
    char *sheet;      /* the id of its sheet */
    char *title;
    char *note;       /* a line under the table, or NULL */
    char *figure;     /* with drop_empty: left out when the recipient does
                         not get this figure; NULL = no such condition */
    char *label;      /* heading of the first column */
    char *unless_sheet; /* left out when this sheet is in the workbook
                           (its tables say the same); NULL = always */
    unsigned in_months; /* months = 3, 6, 9, 12: bit m (1..12), shown in
                           report month m; 0: every month (as a sheet's) */
    char *within;     /* rows = measure_type, within = provider: a row per
                         pair, each type's own row after its pairs */
    book_rows rows;
    char *dimension;  /* ROWS_BREAKDOWN */
    char *group;      /* "category": subtotals by a measure type's category */
    char *total;      /* the total row's label, NULL = no total row */
    int months_from, months_to; /* ROWS_MONTHS, relative to the report month */
    bool fiscal_year; /* ROWS_MONTHS: January..December of the report year */
    bool to_date;     /* ROWS_MONTHS: January..the report month */
    bool quarter_ends; /* ROWS_TRAJECTORY*: March, June, September,
                          December (and the report month) only */
    bool no_categories; /* ROWS_TRAJECTORY, categories = no: nothing beside
                           the months' table (a narrow block that fits
                           on a sheet of other tables) */
    char **exclude;   /* ROWS_BREAKDOWN: member codes left out */
    size_t n_exclude;
    book_select select; /* ROWS_DISPOSITION: which measures */
    bool filter;      /* autofilter over this table */
    bool optional;    /* left out when kpi gives it no row (drop_empty for
                         this one table) */
    bool page_break;  /* printed from the top of a new page (a manual
                         break above its title); not on a sheet's first */
    char **groups;    /* shown only in the packs of these group codes, as
                         a sheet's groups; NULL: in every workbook */
    size_t n_groups;
    bool all_members; /* members = all: every member the columns' figure
                         has a row of, also one without a value in this
                         table (shown as missing): a compared municipality
                         stays in each table of the comparison */
    char *missing;    /* shown where kpi has no value instead of the
                         workbook's not_available ("mangler"); NULL */
    char *sort;       /* ROWS_BREAKDOWN: "name", or a column id to sort by
                         (largest first); NULL = kpi's export order */
    book_column *cols;
    size_t n_cols, cap_cols;
    book_item *items;
    size_t n_items, cap_items;
    int line;
} book_table;

typedef struct book_chart {
    char *id;
    char *sheet;
    char *table;    /* a ROWS_MONTHS table: categories are its months */
    char *title;
    char *y_title;
    char **series;  /* column ids */
    size_t n_series;
    bool by_rows;   /* series = rows: a ROWS_BREAKDOWN table's members are
                       the series, its columns' headings the categories
                       (years across: the comparison) */
    int type;       /* lxw_chart_type */
    int width, height;
    bool below; /* place = below: under its table, in rows kept free
                   for it; else beside it */
    bool right; /* place = right: beside it, and the table keeps the
                   chart's rows free (the next table starts under the
                   chart): tables and their charts in pairs down a page */
    int line;
} book_chart;

typedef struct book_sheet {
    char *id;
    char *name;       /* the tab's name (Danish) */
    char *heading;    /* row 1 */
    char *subheading; /* row 2 */
    bool one_page;    /* printed on one page (fit to 1 x 1), no frozen
                         panes or print titles: the Overblik */
    unsigned months;  /* bit m (1..12): shown in report month m; 0: every
                         month (the quarterly overview: 3, 6, 9, 12) */
    char **groups;    /* shown only in the packs of these group codes
                         (kpi_book_input.group); NULL: in every workbook */
    size_t n_groups;
    char *figure;     /* shown only when kpi has a visible row of this
                         figure (the comparison's sheet); NULL: always */
    int line;
} book_sheet;

/* legend = MARK | TEXT */
typedef struct book_legend {
    char *mark; /* as the cells show it: "<5" */
    char *text; /* "1-4 (diskretion)" */
} book_legend;

/* At most this many manual page breaks on a sheet (page_break). */
#define BOOK_MAX_BREAKS 16

/* At most this many legend lines (a bit each per sheet). */
#define BOOK_MAX_LEGEND 16

typedef struct book_name {
    char *dimension;
    char *code;
    char *name;
} book_name;

struct kpi_book_template {
    char *label;
    char *file;       /* file name pattern */
    char *title;
    char *subject;
    char *keywords;
    char *data_sheet; /* NULL: no Data sheet */
    char *not_available; /* shown for a value kpi could not compute */
    /* A count column's member that kpi lists no row for, while the
     * column's figure has its total for the period, is a 0 (kpi lists
     * only the members that have some); without, not_available. */
    bool zero_counts;
    /* Each sheet's foot explains the marks it shows ("<5", "..", the
     * not_available text): legend[i] is written when mark[i] was. */
    book_legend *legend;
    size_t n_legend, cap_legend;
    /* The packs: a table none of whose rows the recipient may see is left
     * out (not shown empty), and so is a sheet left without tables; an
     * item line is left out when its figure has no visible row. */
    bool drop_empty;

    book_sheet *sheets;
    size_t n_sheets, cap_sheets;
    book_table *tables;
    size_t n_tables, cap_tables;
    book_chart *charts;
    size_t n_charts, cap_charts;
    book_name *names;
    size_t n_names, cap_names;
};

/* The templates being read, the innermost first: an include may not
 * name one of them (that would be a cycle). */
typedef struct book_chain {
    const char *name;
    const struct book_chain *up;
} book_chain;

/* kpi_book_template_parse for a template read inside chain (NULL: text
 * that is not one of the embedded templates). Its includes are resolved
 * among the embedded templates. */
kpi_status kpi_xlsx_book_template_parse(const char *text, size_t len,
                                        const char *label,
                                        const book_chain *chain,
                                        kpi_book_template **out, char *err,
                                        size_t err_size);

/* The text of the embedded template `name` (builtin.c); false when there
 * is none. */
bool kpi_xlsx_book_builtin_text(const char *name, const char **text,
                                size_t *len);

/* The Danish name of a code from the template's [names.DIMENSION], or
 * NULL. */
const char *kpi_xlsx_book_name_of(const kpi_book_template *t,
                                  const char *dimension, const char *code);

/* The rows a workbook shows: the figures', then the comparison's
 * (rowindex.c). */
size_t kpi_xlsx_input_row_count(const kpi_book_input *in);
const kpi_row *kpi_xlsx_input_row(const kpi_book_input *in, size_t i);

/* Grows *items (of *cap elements of size each) to hold one more;
 * false when out of memory. */
bool kpi_xlsx_book_grow(void **items, size_t *cap, size_t count, size_t size);

#endif
