/* targets.c - service-level targets (SPEC §5 last paragraph, §3.10
 * [target.<kpi_id>]): each figure with a target gets a status row,
 * green / yellow / red, computed from its headline value.
 *
 * The headline value is the figure's total row with the target's stat in
 * the figure's headline period: the first of D (a stock), the year (the
 * economy figures that look at the whole year), to date, and the month M
 * that the figure has a row for. Money is compared in kroner, because
 * kpi.ini's thresholds are written in kroner like every amount a user
 * types; the rows hold øre. */
#include "catalog/catalog.h"

#include <stdlib.h>
#include <string.h>

/* Headline periods in order of preference. */
enum { PREF_DAY, PREF_YEAR, PREF_TO_DATE, PREF_MONTH, PREF_NONE };

static int period_preference(const char *period, const kpi_context *ctx)
{
    if (strcmp(period, ctx->period_day) == 0)
        return PREF_DAY;
    if (strcmp(period, ctx->period_year) == 0)
        return PREF_YEAR;
    if (strcmp(period, ctx->period_to_date) == 0)
        return PREF_TO_DATE;
    if (strcmp(period, ctx->period_month) == 0)
        return PREF_MONTH;
    return PREF_NONE;
}

/* The status of value against a target. Lower is better when
 * yellow <= red: green below yellow, yellow from yellow, red from red.
 * Higher is better when yellow > red: red at or below red, yellow at or
 * below yellow, green above. */
static kpi_target_status status_of(double value, const kpi_target *t)
{
    if (t->yellow <= t->red) {
        if (value >= t->red)
            return KPI_TARGET_RED;
        if (value >= t->yellow)
            return KPI_TARGET_YELLOW;
        return KPI_TARGET_GREEN;
    }
    if (value <= t->red)
        return KPI_TARGET_RED;
    if (value <= t->yellow)
        return KPI_TARGET_YELLOW;
    return KPI_TARGET_GREEN;
}

static bool row_value(const kpi_row *r, double *out)
{
    switch (r->kind) {
    case KPI_VALUE_COUNT:
        *out = (double)r->integer;
        return true;
    case KPI_VALUE_MONEY:
        /* Division is correctly rounded, so 123456 øre gives the same
         * double as the text "1234.56" in kpi.ini: equal compares equal. */
        *out = (double)r->integer / 100.0;
        return true;
    case KPI_VALUE_REAL:
        *out = r->real;
        return true;
    case KPI_VALUE_TEXT:
        return false;
    }
    return false;
}

/* Looks at the rows first..last of one figure (they are contiguous: the
 * compute loop runs one figure at a time) and, when the figure has a
 * target and a headline row, fills *status. */
static bool figure_status(const kpi_figures *f, size_t first, size_t last,
                          const kpi_context *ctx, kpi_row *status)
{
    const kpi_row *r0 = kpi_figures_row(f, first);
    const kpi_target *t = kpi_config_target(ctx->ds->config, r0->kpi_id);
    if (!t)
        return false;
    const kpi_row *best = NULL;
    int best_pref = PREF_NONE;
    for (size_t i = first; i <= last; i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (r->dimension || strcmp(r->stat, t->stat) != 0)
            continue;
        int pref = period_preference(r->period, ctx);
        if (pref < best_pref) {
            best = r;
            best_pref = pref;
        }
    }
    double value;
    if (!best || !row_value(best, &value))
        return false;
    memset(status, 0, sizeof *status);
    status->kpi_id = r0->kpi_id;
    status->period = best->period;
    status->stat = "status";
    status->kind = KPI_VALUE_TEXT;
    status->text = kpi_target_status_code(status_of(value, t));
    return true;
}

kpi_status kpi_targets_apply(kpi_figures *f, const kpi_context *ctx)
{
    const kpi_config *cfg = ctx->ds->config;
    size_t n = kpi_figures_row_count(f);
    /* kpi.ini's targets are the municipality's service levels: a team's
     * or a caseworker's part (a subset) would be judged red against a
     * whole-municipality number it can never reach, so it gets none. */
    if (!cfg->n_targets || !n || ctx->ds->borrowed)
        return KPI_OK;
    /* At most one status per target. */
    size_t *after = kpi_xcalloc(ctx->alloc, cfg->n_targets, sizeof *after);
    kpi_row *rows = kpi_xcalloc(ctx->alloc, cfg->n_targets, sizeof *rows);
    kpi_status st = KPI_OK;
    if (!after || !rows) {
        st = KPI_ERR_NOMEM;
        goto done;
    }
    size_t k = 0, first = 0;
    for (size_t i = 0; i < n && k < cfg->n_targets; i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        const kpi_row *next = i + 1 < n ? kpi_figures_row(f, i + 1) : NULL;
        /* Row strings are interned, but compare the text to be safe. */
        if (next && strcmp(next->kpi_id, r->kpi_id) == 0)
            continue;
        if (figure_status(f, first, i, ctx, &rows[k]))
            after[k++] = i;
        first = i + 1;
    }
    st = kpi_figures_insert(f, after, rows, k);
done:
    kpi_xfree(ctx->alloc, after);
    kpi_xfree(ctx->alloc, rows);
    return st;
}
