/*
 * overblik.c - the tables of a pack's first page, "Overblik" (issue 14,
 * KL's råd 1, 2 and 9): the recipient's headline figures with the same
 * point last year, the change and the target's light (rows = headlines),
 * the red lights in words (rows = red_lights) and the administration's
 * note (rows = note).
 *
 * Everything shown is a row of kpi's as the pack's privacy lets the
 * recipient see it (the rowindex holds only visible rows, write_value
 * shows the mask). A change is shown only where both its ends are shown
 * as numbers: beside a masked value, "now = last year + change" would give
 * the value away.
 */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter/utility.h>

/* The note wraps at this display width (the page's width at the
 * Overblik's columns) and is cut after this many lines, so that page 1
 * stays one legible page. */
#define NOTE_WIDTH 80
#define NOTE_MAX_LINES 12

static book_format headline_format(kpi_headline_format f)
{
    switch (f) {
    case KPI_HEADLINE_MONEY:
        return FMT_MONEY;
    case KPI_HEADLINE_PERCENT:
        return FMT_PERCENT;
    case KPI_HEADLINE_DECIMAL1:
        return FMT_DECIMAL1;
    case KPI_HEADLINE_DAYS:
        return FMT_DAYS;
    case KPI_HEADLINE_COUNT:
        break;
    }
    return FMT_COUNT;
}

/* The period code of a headline for month m ("2026-10-31"); false when it
 * has none. */
static bool headline_period(const kpi_headline *h, kpi_month m, char *buf,
                            size_t size)
{
    return h->stat && kpi_period_format(h->period, m, KPI_PERIOD_STYLE_CODE,
                                        buf, size) == KPI_OK;
}

/* The visible headline row of figure f for month m, or NULL. */
static const kpi_row *headline_row(const render *r, const kpi_figure_info *f,
                                   kpi_month m)
{
    char period[32], breakdown[128] = "total";
    if (!headline_period(&f->headline, m, period, sizeof period))
        return NULL;
    if (f->headline.dimension)
        snprintf(breakdown, sizeof breakdown, "%s=%s", f->headline.dimension,
                 f->headline.member);
    return kpi_xlsx_rowindex_find(r, f->id, period, breakdown,
                                  f->headline.stat);
}

static const char *mask_of(const render *r, const kpi_row *row)
{
    return row && r->in->row_mask ? r->in->row_mask(row, r->in->hook_ctx)
                                  : NULL;
}

/* The status row of figure id, when the recipient may see it. */
static const kpi_row *status_row(const render *r, const char *id)
{
    const kpi_row *s = kpi_figures_status(r->in->figures, id);
    if (s && r->in->row_visible && !r->in->row_visible(s, r->in->hook_ctx))
        return NULL;
    return s;
}

static double row_number(const kpi_row *row)
{
    switch (row->kind) {
    case KPI_VALUE_MONEY:
        return (double)row->integer / 100.0;
    case KPI_VALUE_COUNT:
        return (double)row->integer;
    case KPI_VALUE_REAL:
        return row->real;
    case KPI_VALUE_TEXT:
        break;
    }
    return 0;
}

/* A number of a headline's format as Danish text: "87,8 %", "175",
 * "1.234.567 kr.", "412 dage". */
static void headline_text(double v, kpi_headline_format f, bool trim, char *buf,
                          size_t size)
{
    char num[64];
    switch (f) {
    case KPI_HEADLINE_PERCENT:
        kpi_xlsx_danish_number(v * 100, 1, trim, num, sizeof num);
        snprintf(buf, size, "%s %%", num);
        return;
    case KPI_HEADLINE_MONEY:
        kpi_xlsx_danish_number(v, 0, trim, num, sizeof num);
        snprintf(buf, size, "%s kr.", num);
        return;
    case KPI_HEADLINE_DAYS:
        kpi_xlsx_danish_number(v, 0, trim, num, sizeof num);
        snprintf(buf, size, "%s dage", num);
        return;
    case KPI_HEADLINE_DECIMAL1:
        kpi_xlsx_danish_number(v, 1, trim, num, sizeof num);
        break;
    case KPI_HEADLINE_COUNT:
        kpi_xlsx_danish_number(v, 0, trim, num, sizeof num);
        break;
    }
    snprintf(buf, size, "%s", num);
}

/* "over 95 %" / "under 165": where the target's light turns green
 * (kpi.ini [target.ID]: higher is better when yellow > red). Empty when
 * the figure has no target or the target is on another stat than the
 * headline's. */
static void target_text(const render *r, const kpi_figure_info *f, char *buf,
                        size_t size)
{
    const char *stat = NULL;
    double yellow = 0, red = 0;
    buf[0] = '\0';
    if (!kpi_dataset_target(r->in->dataset, f->id, &stat, &yellow, &red) ||
        strcmp(stat, f->headline.stat) != 0)
        return;
    char num[64];
    headline_text(yellow, f->headline.format, true, num, sizeof num);
    snprintf(buf, size, "%s %s", yellow > red ? "over" : "under", num);
}

/* Does the figure belong on the Overblik: it has a headline and is in
 * the pack. */
static bool in_pack(const render *r, const kpi_figure_info *f)
{
    return f->implemented && f->headline.stat &&
           (!r->t->drop_empty || kpi_xlsx_rowindex_has_figure(r, f->id));
}

static void put_text(render *r, size_t s, int row, int col, const char *text,
                     lxw_format *fmt, bool fit)
{
    kpi_xlsx_render_check(r, worksheet_write_string(r->sheets[s].ws,
                                                    (lxw_row_t)row,
                                                    (lxw_col_t)col, text, fmt));
    if (fit)
        kpi_xlsx_render_fit(r, s, col, kpi_xlsx_text_width(text));
}

/* The signed format of a change in format f: "+4", "-1,2%", "+0 kr.". */
static lxw_format *change_format(render *r, book_format f)
{
    static const char *const signed_formats[FMT_COUNT_OF] = {
        [FMT_MONEY] = "[$-406]+#,##0 \"kr.\";-#,##0 \"kr.\";0 \"kr.\"",
        [FMT_PERCENT] = "[$-406]+0.0%;-0.0%;0.0%",
        [FMT_COUNT] = "[$-406]+#,##0;-#,##0;0",
        [FMT_DECIMAL1] = "[$-406]+#,##0.0;-#,##0.0;0.0",
        [FMT_DAYS] = "[$-406]+#,##0 \"dage\";-#,##0 \"dage\";0 \"dage\"",
    };
    if (!signed_formats[f])
        return r->cell[f];
    if (!r->change[f]) {
        r->change[f] = workbook_add_format(r->wb);
        if (!r->change[f]) {
            r->res.status = KPI_ERR_NOMEM;
            return NULL;
        }
        format_set_num_format(r->change[f], signed_formats[f]);
    }
    return r->change[f];
}

/* The change now - last year as a formula over the row's own cells,
 * stored with its result; only where both are numbers shown. */
void kpi_xlsx_overblik_change(render *r, size_t s, int row, int col,
                              int now_col, int last_col, const kpi_row *now,
                              const kpi_row *last, book_format f)
{
    const char *mark = r->t->not_available;
    if (mask_of(r, now) || mask_of(r, last))
        mark = ".."; /* hidden to protect the masked end */
    else if (now && last && now->kind != KPI_VALUE_TEXT &&
             last->kind == now->kind) {
        double v = row_number(now) - row_number(last);
        if (now_col < 0 || last_col < 0) {
            kpi_xlsx_render_check(
                r,
                worksheet_write_number(r->sheets[s].ws, (lxw_row_t)row,
                                       (lxw_col_t)col, v, change_format(r, f)));
        } else {
            char a[16], b[16], formula[40];
            lxw_rowcol_to_cell(a, (lxw_row_t)row, (lxw_col_t)now_col);
            lxw_rowcol_to_cell(b, (lxw_row_t)row, (lxw_col_t)last_col);
            snprintf(formula, sizeof formula, "%s-%s", a, b);
            kpi_xlsx_render_check(
                r, worksheet_write_formula_num(r->sheets[s].ws, (lxw_row_t)row,
                                               (lxw_col_t)col, formula,
                                               change_format(r, f), v));
        }
        kpi_xlsx_render_fit(r, s, col, kpi_xlsx_number_width(v, f) + 1);
        return;
    }
    kpi_xlsx_render_mark(r, s, mark);
    put_text(r, s, row, col, mark, r->mask_cell, true);
}

static int field_col(const book_column *const *cols, int ncols,
                     const char *field)
{
    for (int ci = 0; ci < ncols; ci++)
        if (!strcmp(cols[ci]->field, field))
            return ci + 1;
    return -1;
}

static void write_headlines(render *r, size_t s, const book_column *const *cols,
                            int ncols, int *row)
{
    kpi_month m = r->in->month;
    kpi_month ly = {m.year - 1, m.month};
    int now_col = field_col(cols, ncols, "now");
    int last_col = field_col(cols, ncols, "last_year");
    for (size_t i = 0; kpi_catalog_figure(i) && r->res.status == KPI_OK; i++) {
        const kpi_figure_info *f = kpi_catalog_figure(i);
        if (!in_pack(r, f))
            continue;
        char label[256];
        kpi_headline_label(&f->headline, m, label, sizeof label);
        /* The label format wraps, and column A is at most 60 characters
         * wide (render.c): a longer label gets a row of two lines, or
         * its second line would print over the next row's label. A
         * character of a label is narrower than the digit a column's
         * width counts: LibreOffice printed the 63 characters of
         * "Bogført, brutto (udgifter), egne og købte januar–september
         * 2026" in 84 % of the column (DejaVu Sans, the widest of the
         * fonts it prints Calibri with), so up to 66 stay on one line
         * with room to spare; a second line at 59 cost page 1 of the
         * fagudvalg's pack two lines and its legend (session 7). */
        if (kpi_xlsx_text_width(label) > 66)
            kpi_xlsx_render_check(
                r, worksheet_set_row(r->sheets[s].ws, (lxw_row_t)*row, 30.0,
                                     NULL));
        put_text(r, s, *row, 0, label, r->label, true);
        const kpi_row *now = headline_row(r, f, m);
        const kpi_row *last = headline_row(r, f, ly);
        book_format bf = headline_format(f->headline.format);
        for (int ci = 0; ci < ncols; ci++) {
            const char *field = cols[ci]->field;
            int col = ci + 1;
            if (!strcmp(field, "now") || !strcmp(field, "last_year")) {
                const kpi_row *kr = field[0] == 'n' ? now : last;
                if (kr) {
                    kpi_xlsx_table_value(r, s, *row, col, kr, bf);
                } else { /* "." where a number would be: right-aligned */
                    kpi_xlsx_render_mark(r, s, r->t->not_available);
                    put_text(r, s, *row, col, r->t->not_available, r->mask_cell,
                             true);
                }
            } else if (!strcmp(field, "change")) {
                kpi_xlsx_overblik_change(r, s, *row, col, now_col, last_col, now,
                                         last, bf);
            } else if (!strcmp(field, "target")) {
                /* kpi.ini's targets are the municipality's: beside a
                 * team's or caseworker's own value (no status) they
                 * would mislead. */
                char target[96] = "";
                if (status_row(r, f->id))
                    target_text(r, f, target, sizeof target);
                put_text(r, s, *row, col, target, r->mask_cell, true);
            } else { /* status */
                const kpi_row *st = status_row(r, f->id);
                if (st)
                    kpi_xlsx_table_value(r, s, *row, col, st, FMT_STATUS);
            }
        }
        (*row)++;
    }
}

/* The figures of the pack whose light is red and shown. */
static bool red_light(const render *r, const kpi_figure_info *f)
{
    const kpi_row *st = in_pack(r, f) ? status_row(r, f->id) : NULL;
    return st && !mask_of(r, st) && kpi_row_target_status(st) == KPI_TARGET_RED;
}

/* "Rød: Andel sager hvor frister overholdes januar–oktober 2026: 87,8 %
 * (mål over 95 %)": the value as the pack shows it. */
static void write_red_lights(render *r, size_t s, int *row)
{
    kpi_month m = r->in->month;
    size_t red = 0;
    for (size_t i = 0; kpi_catalog_figure(i) && r->res.status == KPI_OK; i++) {
        const kpi_figure_info *f = kpi_catalog_figure(i);
        if (!red_light(r, f))
            continue;
        char label[256], value[96], target[96], line[640];
        kpi_headline_label(&f->headline, m, label, sizeof label);
        const kpi_row *now = headline_row(r, f, m);
        const char *mask = mask_of(r, now);
        if (mask)
            snprintf(value, sizeof value, "%s", mask);
        else if (now && now->kind != KPI_VALUE_TEXT)
            headline_text(row_number(now), f->headline.format, false, value,
                          sizeof value);
        else
            snprintf(value, sizeof value, "%s", r->t->not_available);
        target_text(r, f, target, sizeof target);
        snprintf(line, sizeof line, "%s: %s: %s%s%s%s",
                 kpi_target_status_name(KPI_TARGET_RED), label, value,
                 target[0] ? " (mål " : "", target, target[0] ? ")" : "");
        put_text(r, s, (*row)++, 0, line, r->label, false);
        red++;
    }
    if (!red)
        put_text(r, s, (*row)++, 0,
                 "Ingen røde lamper: alle nøgletal med et mål er grønne "
                 "eller gule.",
                 r->label, false);
}

/* The length in bytes of the longest start of s[0..len) that is at most
 * width wide, broken after a space when there is one. */
static size_t wrap_at(const char *s, size_t len, size_t width)
{
    size_t chars = 0, i = 0, space = 0;
    while (i < len) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (chars == width)
                return space ? space : i;
            chars++;
        }
        if (s[i] == ' ')
            space = i + 1;
        i++;
    }
    return len;
}

static void write_note(render *r, size_t s, int *row)
{
    const char *p = r->in->note;
    int lines = 0;
    size_t left = 0;
    while (*p && r->res.status == KPI_OK) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        do {
            size_t take = wrap_at(p, len, NOTE_WIDTH);
            if (lines < NOTE_MAX_LINES) {
                char *line = malloc(take + 1);
                if (!line) {
                    r->res.status = KPI_ERR_NOMEM;
                    return;
                }
                memcpy(line, p, take);
                line[take] = '\0';
                /* An empty line is a paragraph's end: a blank row. */
                /* Unwrapped: the label format wraps in column A's width
                 * (table.c), which would break the lines cut here. */
                if (take)
                    put_text(r, s, *row, 0, line, NULL, false);
                free(line);
                (*row)++;
            } else {
                left++;
            }
            lines++;
            p += take;
            len -= take;
        } while (len > 0);
        p += nl ? 1 : 0;
    }
    if (left) {
        char cut[200];
        snprintf(cut, sizeof cut,
                 "[Forkortet, så overblikket kan stå på én side: "
                 "%zu linjer mere står i administrationens fulde tekst.]",
                 left);
        put_text(r, s, (*row)++, 0, cut, r->note, false);
    }
}

bool kpi_xlsx_overblik_has_rows(const render *r, const book_table *tb)
{
    if (tb->rows == ROWS_NOTE)
        return r->in->note && *r->in->note;
    for (size_t i = 0; kpi_catalog_figure(i); i++) {
        const kpi_figure_info *f = kpi_catalog_figure(i);
        /* Red lights: any figure of the pack with a light at all. */
        if (tb->rows == ROWS_RED_LIGHTS ? in_pack(r, f) && status_row(r, f->id)
                                        : in_pack(r, f))
            return true;
    }
    return false;
}

void kpi_xlsx_overblik_write(render *r, const book_table *tb, size_t s,
                             const book_column *const *cols, int ncols,
                             int *row)
{
    switch (tb->rows) {
    case ROWS_HEADLINES:
        write_headlines(r, s, cols, ncols, row);
        break;
    case ROWS_RED_LIGHTS:
        write_red_lights(r, s, row);
        break;
    case ROWS_NOTE:
        if (r->in->note)
            write_note(r, s, row);
        break;
    default:
        break;
    }
}
