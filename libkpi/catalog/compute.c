/* compute.c - kpi_figures_compute: every figure of the catalogue, in the
 * catalogue's order, each followed by its rows for the same point last
 * year, then the target statuses. */
#include "catalog/catalog.h"

#include <string.h>

/* The periods of the report a year earlier that a figure's last-year rows
 * are kept for: the same day (a stock), the same month and January to the
 * same month (issue 14 item 2: "last year beside today"). Not the year,
 * the rest of the year or the next: the year's forecast and its budget
 * are the current year's alone. */
static bool last_year_period(const kpi_context *ly, const char *period)
{
    return !strcmp(period, ly->period_to_date) ||
           !strcmp(period, ly->period_day) ||
           !strcmp(period, ly->period_month);
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* true when f already holds a row of r's key among rows [from, to): the
 * monthly series hold last year's months and month ends as totals. */
static bool has_row(const kpi_figures *f, size_t from, size_t to,
                    const kpi_row *r)
{
    for (size_t i = from; i < to; i++) {
        const kpi_row *o = kpi_figures_row(f, i);
        if (!strcmp(o->period, r->period) && !strcmp(o->stat, r->stat) &&
            same_text(o->dimension, r->dimension) &&
            same_text(o->member, r->member) &&
            same_text(o->dimension2, r->dimension2) &&
            same_text(o->member2, r->member2))
            return true;
    }
    return false;
}

/* Figure fn for month M of Y-1 on the dataset without its budget (the
 * budget is the report year's, SPEC §3.9: last year's deviation from this
 * year's budget would be meaningless); its rows of last_year_period that
 * out does not hold yet are appended to out after the figure's own rows
 * (which start at row `from`). data_quality is left out: it checks the
 * records as they are now, which has no value a year ago. */
static kpi_status add_last_year(kpi_figures *out, size_t from,
                                const kpi_dataset *no_budget,
                                kpi_month m, const kpi_allocator *a,
                                const char *id, kpi_figure_fn fn)
{
    if (!strcmp(id, "data_quality"))
        return KPI_OK;
    kpi_context ly;
    kpi_context_init(&ly, no_budget, (kpi_month){m.year - 1, m.month});
    ly.last_year = true;
    ly.rows_only = true;
    kpi_figures *tmp = kpi_figures_new(a);
    if (!tmp)
        return KPI_ERR_NOMEM;
    kpi_status st = fn(tmp, &ly);
    size_t n = kpi_figures_row_count(out);
    for (size_t i = 0; st == KPI_OK && i < kpi_figures_row_count(tmp); i++) {
        const kpi_row *r = kpi_figures_row(tmp, i);
        if (last_year_period(&ly, r->period) && !has_row(out, from, n, r))
            st = kpi_figures_add(out, r);
    }
    kpi_figures_free(tmp);
    return st;
}

kpi_status kpi_figures_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               kpi_figures **out)
{
    return kpi_catalog_compute(dataset, m, options, true, out);
}

kpi_status kpi_catalog_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               bool last_year, kpi_figures **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    /* Y+1 must be a valid year too: the disposition runs into it. */
    if (!dataset || m.year < 2 || m.year > 9998 || m.month < 1 ||
        m.month > 12)
        return KPI_ERR_ARG;
    const kpi_allocator *a = options ? options->allocator : NULL;
    kpi_figures *f = kpi_figures_new(a);
    if (!f)
        return KPI_ERR_NOMEM;
    kpi_context ctx;
    kpi_context_init(&ctx, dataset, m);
    ctx.rows_only = options && options->rows_only;
    /* The dataset as last year's rows see it: the same records, no budget.
     * A shallow copy, read only; its arrays stay the dataset's. Year 1 has
     * no year before it (kpi_figures_compute's own lower bound is 2). */
    kpi_dataset no_budget = *dataset;
    no_budget.present[KPI_FILE_BUDGET] = false;
    no_budget.budget.count = 0;
    bool with_last_year = last_year && m.year >= 3;
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        kpi_figure_fn fn = kpi_catalog_figure_fn(i);
        size_t from = kpi_figures_row_count(f);
        if (fn && (st = fn(f, &ctx)) != KPI_OK)
            break;
        if (fn && with_last_year &&
            (st = add_last_year(f, from, &no_budget, m, a,
                                kpi_catalog_figure(i)->id, fn)) != KPI_OK)
            break;
    }
    /* The people index is built on first use: one the copy built is its
     * own (no figure asks for it today; this keeps it so). */
    if (no_budget.people != dataset->people)
        kpi_people_free(dataset->alloc, no_budget.people);
    if (st == KPI_OK)
        st = kpi_targets_apply(f, &ctx);
    if (st == KPI_OK && !ctx.rows_only)
        st = kpi_case_lists_build(f, &ctx);
    if (st != KPI_OK) {
        kpi_figures_free(f);
        return st;
    }
    *out = f;
    return KPI_OK;
}
