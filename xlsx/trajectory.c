/*
 * trajectory.c - "Prognosens udvikling" (issue 17): the expected outturn
 * of the year as it stood at each report month, beside the annual budget
 * and last year's forecast at the same months, so a reader sees how early
 * a slide was visible (KL's råd 6 and 9, seeds/003).
 *
 * The report month's values are the workbook's own figures (through the
 * row index, so a pack's privacy holds); the months before come from the
 * history (kpi_book_input.trajectory, read by kpihistory). A month the
 * history has no run for is shown as not available, ".", never as 0 and
 * never filled in from its neighbours; the chart leaves a gap there.
 * Amounts are shown in thousands of kroner (the cells hold the exact
 * kroner) so twelve months fit across one landscape page.
 */
#include "render.h"

#include "kpi/history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The mark of a month without a run (docs/PRIVACY.md: not available). */
#define MISSING "."

typedef struct entry {
    char key[200];     /* "category=placement", "measure_type=X", "total"
                          (as long as plan's breakdown buffer) */
    const char *label; /* Danish */
    bool bold;         /* the total or a category */
} entry;

typedef struct traj {
    render *r;
    const book_table *tb;
    size_t s;
    lxw_worksheet *ws;
    kpi_month m;          /* the report month */
    char year[8];         /* "2026": the forecast's period */
    int months[13];       /* the report months shown, 1..m.month */
    int n_months;
    bool last_year;       /* the history has some month of the year before */
    entry *rows;          /* the breakdowns shown: categories, their types */
    int n_rows;
    size_t cap_rows;
} traj;

static const char *const short_month[13] = {
    "",    "jan", "feb", "mar", "apr", "maj", "jun",
    "jul", "aug", "sep", "okt", "nov", "dec",
};

/* The forecast's stat at breakdown for report month (year, month): the
 * workbook's own row for the report month, else the history's. */
static bool value_at(const traj *t, int year, int month, const char *breakdown,
                     const char *stat, double *kroner)
{
    if (year == t->m.year && month == t->m.month) {
        const kpi_row *kr = kpi_xlsx_rowindex_find(t->r, "forecast", t->year,
                                                   breakdown, stat);
        const kpi_book_input *in = t->r->in;
        if (!kr || kr->kind != KPI_VALUE_MONEY ||
            (in->row_mask && in->row_mask(kr, in->hook_ctx)))
            return false;
        *kroner = (double)kr->integer / 100.0;
        return true;
    }
    const kpi_trajectory *h = t->r->in->trajectory;
    for (size_t i = 0; h && i < h->count; i++) {
        const kpi_trajectory_point *p = &h->points[i];
        if (p->month.year == year && p->month.month == month &&
            !strcmp(p->stat, stat) && !strcmp(p->breakdown, breakdown)) {
            *kroner = (double)p->value / 100.0;
            return true;
        }
    }
    return false;
}

static void make_formats(render *r)
{
    if (r->thousands[0])
        return;
    for (int i = 0; i < 3 && r->res.status == KPI_OK; i++) {
        lxw_format *f = workbook_add_format(r->wb);
        if (!f) {
            r->res.status = KPI_ERR_NOMEM;
            return;
        }
        /* The trailing comma divides by 1,000 for display only. */
        format_set_num_format(f, "[$-406]#,##0,");
        if (i > 0)
            format_set_bold(f);
        if (i == 2)
            format_set_top(f, LXW_BORDER_THIN);
        r->thousands[i] = f;
    }
}

/* Adds the breakdown row key with label to t->rows. */
static void add_entry(traj *t, const char *key, const char *label, bool bold)
{
    if (!kpi_xlsx_book_grow((void **)&t->rows, &t->cap_rows, (size_t)t->n_rows,
                            sizeof *t->rows)) {
        t->r->res.status = KPI_ERR_NOMEM;
        return;
    }
    entry *e = &t->rows[t->n_rows++];
    snprintf(e->key, sizeof e->key, "%s", key);
    e->label = label;
    e->bold = bold;
}

/* The months shown and the breakdowns the workbook's figures have (and
 * the pack may see): each category, then, unless only categories are
 * asked for, its measure types in kpi's order. */
static void plan(traj *t, bool with_types)
{
    const kpi_book_input *in = t->r->in;
    t->m = in->month;
    snprintf(t->year, sizeof t->year, "%04d", t->m.year);
    for (int mo = 1; mo <= t->m.month; mo++)
        if (!t->tb->quarter_ends || mo % 3 == 0 || mo == t->m.month)
            t->months[t->n_months++] = mo;
    const kpi_trajectory *h = in->trajectory;
    for (size_t i = 0; h && i < h->count && !t->last_year; i++)
        t->last_year = h->points[i].month.year == t->m.year - 1;
    /* Without a history the report month alone: the history starts now,
     * and a column of "." for every month before would say nothing. */
    if (!h || h->count == 0) {
        t->months[0] = t->m.month;
        t->n_months = 1;
    }
    /* categories = no: the months' table alone, nothing beside it. */
    size_t n = t->tb->no_categories ? 0 : kpi_figures_row_count(in->figures);
    for (size_t c = 0; c < n; c++) {
        const kpi_row *cat = kpi_figures_row(in->figures, c);
        char b[200];
        if (strcmp(cat->kpi_id, "forecast") != 0 ||
            strcmp(cat->stat, "amount") != 0 || !cat->dimension ||
            strcmp(cat->dimension, "category") != 0 ||
            strcmp(cat->period, t->year) != 0 ||
            kpi_row_format_breakdown(cat, b, sizeof b) != KPI_OK ||
            !kpi_xlsx_rowindex_find(t->r, "forecast", t->year, b, "amount"))
            continue;
        const char *name =
            kpi_xlsx_book_name_of(t->r->t, "category", cat->member);
        add_entry(t, b, name ? name : cat->member, true);
        for (size_t i = 0; with_types && i < n; i++) {
            const kpi_row *kr = kpi_figures_row(in->figures, i);
            const char *category = NULL, *type_name = NULL;
            if (strcmp(kr->kpi_id, "forecast") != 0 ||
                strcmp(kr->stat, "amount") != 0 || !kr->dimension ||
                strcmp(kr->dimension, "measure_type") != 0 ||
                strcmp(kr->period, t->year) != 0 ||
                kpi_row_format_breakdown(kr, b, sizeof b) != KPI_OK ||
                !kpi_xlsx_rowindex_find(t->r, "forecast", t->year, b,
                                        "amount"))
                continue;
            type_name = kpi_dataset_measure_type_name(in->dataset, kr->member,
                                                      &category);
            if (category && !strcmp(category, cat->member))
                add_entry(t, b, type_name, false);
        }
    }
}

bool kpi_xlsx_trajectory_has_rows(render *r, const book_table *tb)
{
    (void)tb;
    char year[8];
    snprintf(year, sizeof year, "%04d", r->in->month.year);
    return kpi_xlsx_rowindex_find(r, "forecast", year, "total", "amount") !=
           NULL;
}

/* ---- cells ------------------------------------------------------------- */

static void put_text(traj *t, int row, int col, const char *text,
                     lxw_format *f)
{
    kpi_xlsx_render_check(t->r, worksheet_write_string(t->ws, (lxw_row_t)row,
                                                       (lxw_col_t)col, text, f));
    kpi_xlsx_render_fit(t->r, t->s, col, kpi_xlsx_text_width(text));
}

/* A month without a value: the not-available mark, right-aligned. */
static void put_missing(traj *t, int row, int col)
{
    put_text(t, row, col, MISSING, t->r->mask_cell);
    kpi_xlsx_render_mark(t->r, t->s, MISSING);
}

static void put_amount(traj *t, int row, int col, double kroner, lxw_format *f)
{
    kpi_xlsx_render_check(t->r, worksheet_write_number(t->ws, (lxw_row_t)row,
                                                       (lxw_col_t)col, kroner,
                                                       f));
    kpi_xlsx_render_fit(t->r, t->s, col,
                        kpi_xlsx_number_width(round(kroner / 1000), FMT_COUNT));
}

/* The value of stat at key for report month (year, mo), or the mark. */
static bool put_value(traj *t, int row, int col, int year, int mo,
                      const char *key, const char *stat, lxw_format *f,
                      double *v)
{
    if (value_at(t, year, mo, key, stat, v)) {
        put_amount(t, row, col, *v, f);
        return true;
    }
    put_missing(t, row, col);
    return false;
}

/* A live difference of two cells of the sheet, stored with its result;
 * the mark when either is missing. */
static void put_difference(traj *t, int row, int col, int row_a, int col_a,
                           int row_b, int col_b, bool abs_b, double v,
                           bool both, lxw_format *f)
{
    if (!both) {
        put_missing(t, row, col);
        return;
    }
    char formula[64];
    snprintf(formula, sizeof formula, "=%c%d-%c%s%d", 'A' + col_a, row_a + 1,
             'A' + col_b, abs_b ? "$" : "", row_b + 1);
    kpi_xlsx_render_check(t->r, worksheet_write_formula_num(
                                    t->ws, (lxw_row_t)row, (lxw_col_t)col,
                                    formula, f, v));
    kpi_xlsx_render_fit(t->r, t->s, col,
                        kpi_xlsx_number_width(round(v / 1000), FMT_COUNT));
}

/* A header from column col on: the first heading left, the others
 * right-aligned over their numbers, each column as wide as its longest
 * word. Returns the lines the longest heading needs (at most 3). */
static int put_header(traj *t, int row, int col, const char *const *heads,
                      int n)
{
    int lines = 1;
    for (int c = 0; c < n; c++) {
        double word = 0, cur = 0;
        for (const char *p = heads[c];; p++) {
            bool end = *p == ' ' || !*p;
            if (!end && ((unsigned char)*p & 0xC0) != 0x80)
                cur++;
            if (end) {
                word = fmax(word, cur);
                cur = 0;
            }
            if (!*p)
                break;
        }
        double width = c ? fmax(word, 8.0) : word + 1;
        int need = (int)ceil(kpi_xlsx_text_width(heads[c]) / width);
        lines = need > lines ? need : lines;
        kpi_xlsx_render_check(
            t->r, worksheet_write_string(t->ws, (lxw_row_t)row,
                                         (lxw_col_t)(col + c), heads[c],
                                         c ? t->r->header_num : t->r->header));
        kpi_xlsx_render_fit(t->r, t->s, col + c, width);
    }
    return lines > 3 ? 3 : lines;
}

/* ---- the whole area, month by month, with the breakdowns beside ------- */

/* Column of the breakdowns' labels beside the months' table: at most this
 * wide, a longer name wraps (the page is landscape and one). */
#define SIDE_LABEL_CHARS 40.0

typedef struct layout {
    int top;       /* the header row of both tables */
    int n1;        /* the months table's columns */
    int col_ly;    /* its column of last year's months, or -1 */
    int side;      /* the first column of the breakdowns' table */
    int current;   /* the row of the report month in the months table */
} layout;

/* Row i (0: the header) of the months table. */
static void total_row(traj *t, const layout *l, int i)
{
    render *r = t->r;
    int row = l->top + i;
    if (i == 0) {
        char ly[32];
        snprintf(ly, sizeof ly, "Samme måned %d", t->m.year - 1);
        const char *heads[] = {t->tb->label ? t->tb->label : "Rapportmåned",
                               "Forventet regnskab", "Korrigeret budget",
                               "Afvigelse fra nuværende prognose", ly};
        put_header(t, row, 0, heads, l->n1);
        return;
    }
    if (i > t->n_months) {
        /* Last year's final figure: its December forecast. */
        char label[40];
        double v;
        snprintf(label, sizeof label, "Endelig %d", t->m.year - 1);
        put_text(t, row, 0, label, r->label);
        put_value(t, row, l->col_ly, t->m.year - 1, 12, "total", "amount",
                  r->thousands[0], &v);
        return;
    }
    int mo = t->months[i - 1];
    bool now = i == t->n_months;
    lxw_format *nf = r->thousands[now ? 1 : 0];
    char label[32];
    snprintf(label, sizeof label, "%s %d", kpi_month_name(mo), t->m.year);
    put_text(t, row, 0, label, now ? r->label_subtotal : r->label);
    double amount = 0, current = 0, v;
    bool a = put_value(t, row, 1, t->m.year, mo, "total", "amount", nf,
                       &amount);
    put_value(t, row, 2, t->m.year, mo, "total", "budget", nf, &v);
    value_at(t, t->m.year, t->m.month, "total", "amount", &current);
    put_difference(t, row, 3, row, 1, l->current, 1, true, amount - current,
                   a, nf);
    if (l->col_ly >= 0)
        put_value(t, row, l->col_ly, t->m.year - 1, mo, "total", "amount", nf,
                  &v);
}

/* Row i (0: the header) of the breakdowns beside: the report month and
 * the change since the first month shown (the width of one landscape
 * page allows no more; every month of each is on "Prognose pr. type" of
 * the economy workbook and in `kpi history --figure forecast`). */
static void side_row(traj *t, const layout *l, int i)
{
    render *r = t->r;
    int row = l->top + i, first = t->months[0];
    if (i == 0) {
        char change[40];
        snprintf(change, sizeof change, "Ændring siden %s",
                 kpi_month_name(first));
        const char *heads[] = {"Forventet regnskab", t->r->month_name,
                               change};
        put_header(t, row, l->side, heads, t->n_months > 1 ? 3 : 2);
        return;
    }
    const entry *e = &t->rows[i - 1];
    lxw_format *nf = r->thousands[e->bold ? 1 : 0];
    kpi_xlsx_render_check(r, worksheet_write_string(
                                 t->ws, (lxw_row_t)row, (lxw_col_t)l->side,
                                 e->label,
                                 e->bold ? r->label_subtotal : r->label));
    kpi_xlsx_render_fit(r, t->s, l->side,
                        fmin(kpi_xlsx_text_width(e->label), SIDE_LABEL_CHARS));
    double v0 = 0, v1 = 0;
    bool b = put_value(t, row, l->side + 1, t->m.year, t->m.month, e->key,
                       "amount", nf, &v1);
    if (t->n_months == 1)
        return;
    /* The first month's value is not shown: the change is written over
     * it as a number, current minus first. */
    bool a = value_at(t, t->m.year, first, e->key, "amount", &v0);
    if (a && b)
        put_amount(t, row, l->side + 2, v1 - v0, nf);
    else
        put_missing(t, row, l->side + 2);
}

/* The lines the breakdowns' row i needs for its label. */
static int side_lines(const traj *t, int i)
{
    if (i < 1 || i > t->n_rows)
        return 1;
    return (int)ceil(kpi_xlsx_text_width(t->rows[i - 1].label) /
                     SIDE_LABEL_CHARS);
}

/* The spreadsheet's serial number of the first day of a month (days
 * since 30-12-1899): the chart's categories are dates, numbers either way
 * a workbook is written (a streamed sheet's texts are inline, and a chart
 * over them would name its categories differently). */
static double month_serial(int year, int month)
{
    /* Days from 1 March of year 0, the civil calendar (Hinnant). */
    int y = year - (month <= 2);
    int era = y / 400, yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = (long)era * 146097 + doe - 719468; /* since 1970-01-01 */
    return (double)(days + 25569);
}

/* Hidden rows hold the chart's data, a row per month under a row of the
 * series' names (columns 1..series, inside the sheet's printed width),
 * with a blank where a month has no run: a chart draws a "." as 0 in
 * Excel, a blank as a gap. */
static void chart_rows(traj *t, int row, int series, const char *const *names,
                       const char *const *stats, const int *years)
{
    lxw_row_col_options hidden = {.hidden = LXW_TRUE};
    for (int i = -1; i < t->n_months; i++, row++) {
        kpi_xlsx_render_check(t->r, worksheet_set_row_opt(
                                        t->ws, (lxw_row_t)row,
                                        LXW_DEF_ROW_HEIGHT, NULL, &hidden));
        /* A hidden row takes no height on paper. */
        t->r->sheets[t->s].extra_points -= 15.0;
        kpi_xlsx_render_check(
            t->r, i < 0 ? worksheet_write_string(t->ws, (lxw_row_t)row, 0, "",
                                                 NULL)
                        : worksheet_write_number(
                              t->ws, (lxw_row_t)row, 0,
                              month_serial(t->m.year, t->months[i]), NULL));
        for (int k = 0; k < series; k++) {
            double v;
            lxw_error e = LXW_NO_ERROR;
            if (i < 0)
                e = worksheet_write_string(t->ws, (lxw_row_t)row,
                                           (lxw_col_t)(k + 1), names[k], NULL);
            else if (value_at(t, years[k], t->months[i], "total", stats[k],
                              &v))
                e = worksheet_write_number(t->ws, (lxw_row_t)row,
                                           (lxw_col_t)(k + 1), v, NULL);
            kpi_xlsx_render_check(t->r, e);
        }
    }
}

static void add_chart(traj *t, int data_row, int series, int at_row,
                      double width_px, int height_rows)
{
    render *r = t->r;
    lxw_chart *chart = workbook_add_chart(r->wb, LXW_CHART_LINE);
    if (!chart) {
        r->res.status = KPI_ERR_NOMEM;
        return;
    }
    const char *name = r->sheets[t->s].decl->name;
    for (int k = 0; k < series; k++) {
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        if (!ser) {
            r->res.status = KPI_ERR_NOMEM;
            return;
        }
        lxw_row_t first = (lxw_row_t)(data_row + 1);
        lxw_row_t last = (lxw_row_t)(data_row + t->n_months);
        chart_series_set_categories(ser, name, first, 0, last, 0);
        chart_series_set_values(ser, name, first, (lxw_col_t)(k + 1), last,
                                (lxw_col_t)(k + 1));
        chart_series_set_name_range(ser, name, (lxw_row_t)data_row,
                                    (lxw_col_t)(k + 1));
        chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_size(ser, 5);
    }
    chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
    chart_show_hidden_data(chart);
    chart_title_off(chart);
    kpi_xlsx_render_chart_fonts(chart);
    chart_axis_set_name(chart->y_axis, "1.000 kr.");
    chart_axis_set_num_format(chart->y_axis, "[$-406]#,##0,");
    chart_axis_set_num_format(chart->x_axis, "[$-406]mmm");
    /* From 0: a forecast that moves by 3 % must not look like a crash. */
    chart_axis_set_min(chart->y_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {0};
    opt.x_scale = width_px / 480.0;
    opt.y_scale = height_rows * 20.0 / 288.0;
    if (r->wb->options.constant_memory)
        opt.y_scale = kpi_xlsx_render_streamed_pixels(&r->sheets[t->s], at_row,
                                                      height_rows * 20.0) /
                      288.0;
    kpi_xlsx_render_check(r, worksheet_insert_chart_opt(
                                 t->ws, (lxw_row_t)at_row, 0, chart, &opt));
}

/* The months' table and the breakdowns beside it, written row by row (a
 * streamed sheet takes its rows in order), the chart under the months. */
static void write_total(traj *t, int *row)
{
    layout l = {.top = *row, .n1 = 4, .col_ly = -1};
    if (t->last_year)
        l.col_ly = l.n1++;
    l.side = l.n1 + 1;
    l.current = l.top + t->n_months;
    int rows1 = 1 + t->n_months + (t->last_year ? 1 : 0);
    int rows2 = t->n_rows ? 1 + t->n_rows : 0;
    int chart_at = l.top + rows1, chart_rows_n = 10;
    int end = chart_at + chart_rows_n;
    if (l.top + rows2 > end)
        end = l.top + rows2;
    for (int i = 0; i < rows1 || i < rows2; i++) {
        int lines = i == 0 ? 3 : side_lines(t, i);
        if (lines > 1)
            kpi_xlsx_render_set_row(t->r, t->s, l.top + i, 15.0 * lines);
        if (i < rows1)
            total_row(t, &l, i);
        if (i < rows2)
            side_row(t, &l, i);
    }
    /* The gap between the tables: narrow. */
    kpi_xlsx_render_check(t->r, worksheet_set_column(t->ws, (lxw_col_t)(l.side - 1),
                                                     (lxw_col_t)(l.side - 1),
                                                     2, NULL));
    char ly[32];
    snprintf(ly, sizeof ly, "Forventet regnskab %d", t->m.year - 1);
    const char *names[3] = {"Forventet regnskab", "Korrigeret budget", ly};
    const char *stats[3] = {"amount", "budget", "amount"};
    const int years[3] = {t->m.year, t->m.year, t->m.year - 1};
    int series = t->last_year ? 3 : 2;
    /* One visible row between: a chart ending on a hidden row would
     * stretch over it in memory but not when streamed. */
    chart_rows(t, end + 1, series, names, stats, years);
    double width = 0;
    for (int c = 0; c < l.n1; c++)
        width += fmax(t->r->sheets[t->s].widths[c], 8.43) * 7 + 5;
    add_chart(t, end + 1, series, chart_at, width, chart_rows_n);
    *row = end + 2 + t->n_months;
}

/* ---- per breakdown, months across -------------------------------------- */

static void write_types(traj *t, int *row)
{
    render *r = t->r;
    const char *heads[15];
    int n = 0;
    heads[n++] = t->tb->label ? t->tb->label : "Foranstaltningstype";
    for (int i = 0; i < t->n_months; i++)
        heads[n++] = short_month[t->months[i]];
    heads[n++] = "Korrigeret budget";
    int lines = put_header(t, *row, 0, heads, n);
    kpi_xlsx_render_set_row(r, t->s, *row, 15.0 * lines);
    /* Its header stays in view and on every printed page, as a
     * breakdown table's does (table.c). */
    sheet_state *ss = &r->sheets[t->s];
    if (ss->first_header_row < 0 && !ss->decl->one_page) {
        ss->first_header_row = *row;
        worksheet_freeze_panes(t->ws, (lxw_row_t)(*row + 1), 1);
    }
    (*row)++;
    for (int k = -1; k < t->n_rows; k++, (*row)++) {
        const entry *e = k >= 0 ? &t->rows[k] : NULL;
        const char *key = e ? e->key : "total";
        lxw_format *nf = r->thousands[!e ? 2 : e->bold ? 1 : 0];
        kpi_xlsx_render_label(r, t->s, *row, e ? e->label : "I alt",
                              !e       ? r->label_total
                              : e->bold ? r->label_subtotal
                                        : r->label);
        double v;
        for (int i = 0; i < t->n_months; i++)
            put_value(t, *row, i + 1, t->m.year, t->months[i], key, "amount",
                      nf, &v);
        put_value(t, *row, t->n_months + 1, t->m.year, t->m.month, key,
                  "budget", nf, &v);
    }
}

/* The "as of" line: from the history, never the clock, so the same
 * history gives the same workbook. */
static void write_as_of(traj *t, int *row)
{
    const kpi_trajectory *h = t->r->in->trajectory;
    char line[400];
    if (h && h->count && h->as_of[0])
        snprintf(line, sizeof line,
                 "Tidligere måneder fra historikken (" KPI_HISTORY_NAME
                 ") pr. %s, hver måned som dens seneste kørsel. 1.000 kr.; "
                 "\".\" = ingen kørsel gemt for måneden.",
                 h->as_of);
    else
        snprintf(line, sizeof line,
                 "Historikken begynder med denne måned: kpi gemmer fra nu hver "
                 "måneds tal (" KPI_HISTORY_NAME "). 1.000 kr.");
    *row += kpi_xlsx_render_lines(t->r, t->ws, *row, line, t->r->note);
}

void kpi_xlsx_trajectory_write(render *r, const book_table *tb, size_t s,
                               int *row)
{
    traj t = {.r = r, .tb = tb, .s = s, .ws = r->sheets[s].ws};
    make_formats(r);
    if (r->res.status != KPI_OK)
        return;
    /* The fagudvalg's quarter ends show the categories only: a small page
     * (issue 17); the other tables each measure type under its category. */
    plan(&t, !tb->quarter_ends);
    if (r->res.status == KPI_OK && tb->rows == ROWS_TRAJECTORY) {
        write_as_of(&t, row);
        write_total(&t, row);
    } else if (r->res.status == KPI_OK) {
        write_types(&t, row);
    }
    free(t.rows);
}
