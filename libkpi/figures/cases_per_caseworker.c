/* cases_per_caseworker.c - the caseload (SPEC §5 Administration): the
 * cases open on D per caseworker, placement cases apart, with the mean,
 * minimum and maximum over the current caseworkers, and the open cases at
 * each month end of the series. */
#include "figures/figure.h"
#include "rules/active.h"
#include "rules/orders.h"
#include "rules/slots.h"

#include <stdlib.h>

/* A case is open on d from its opened date through the day before it is
 * closed: a case closed on d is no longer open on d (it is closed in M). */
static bool case_open_on(const kpi_case *c, kpi_date d)
{
    return c->opened <= d && (c->closed == KPI_DATE_NONE || c->closed > d);
}

typedef struct caseload {
    int64_t open, placement;
    bool known;
} caseload;


kpi_status kpi_fig_cases_per_caseworker(kpi_figures *out,
                                        const kpi_context *ctx)
{
    static const char id[] = "cases_per_caseworker";
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_CASES])
        return KPI_OK;
    const char *p = ctx->period_day;
    kpi_date d = ctx->as_of;
    size_t n_syms = kpi_symtab_size(ds->syms);
    bool *placed = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *placed);
    caseload *load = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *load);
    kpi_named_sym *rows = NULL;
    kpi_status st = KPI_ERR_NOMEM;
    if (!placed || !load)
        goto cleanup;

    /* The children with an active placement measure on D. */
    if (ds->present[KPI_FILE_MEASURES]) {
        for (size_t i = 0; i < ds->measures.count; i++) {
            const kpi_measure *m = &ds->measures.items[i];
            if (!kpi_measure_active_on(m, d))
                continue;
            /* A caseworker with a measure running on D is one of the
             * current caseworkers the mean and minimum run over, with or
             * without an open case. Staff who only appear on old, closed
             * cases and ended measures have left and are not counted. */
            if (m->caseworker != KPI_SYM_NONE)
                load[m->caseworker].known = true;
            if (kpi_dataset_type(ds, m->type)->category ==
                KPI_CATEGORY_PLACEMENT)
                placed[m->child] = true;
        }
    }
    int64_t total = 0, total_placement = 0;
    for (size_t i = 0; i < ds->cases.count; i++) {
        const kpi_case *c = &ds->cases.items[i];
        if (!case_open_on(c, d))
            continue;
        if (c->caseworker != KPI_SYM_NONE)
            load[c->caseworker].known = true;
        total++;
        load[c->caseworker].open++;
        if (placed[c->child]) {
            total_placement++;
            load[c->caseworker].placement++;
        }
    }

    size_t n_known = 0, n_rows = 0;
    int64_t min = 0, max = 0;
    for (size_t s = 1; s < n_syms; s++) {
        if (!load[s].known)
            continue;
        int64_t n = load[s].open;
        if (n_known == 0 || n < min)
            min = n;
        if (n_known == 0 || n > max)
            max = n;
        n_known++;
        n_rows += n > 0;
    }
    rows = kpi_xcalloc(a, n_rows ? n_rows : 1, sizeof *rows);
    if (!rows)
        goto cleanup;
    n_rows = 0;
    for (size_t s = 1; s < n_syms; s++)
        if (load[s].known && load[s].open > 0)
            rows[n_rows++] =
                (kpi_named_sym){kpi_symtab_str(ds->syms, (kpi_sym)s),
                                (kpi_sym)s};
    kpi_named_sym_sort(rows, n_rows);

    if ((st = kpi_figures_add_count(out, id, p, NULL, NULL, "count", total)) !=
            KPI_OK ||
        (st = kpi_figures_add_count(out, id, p, NULL, NULL, "placement_cases",
                                    total_placement)) != KPI_OK ||
        (st = kpi_figures_add_count(out, id, p, NULL, NULL, "other_cases",
                                    total - total_placement)) != KPI_OK)
        goto cleanup;
    /* No caseworker at all (an empty cases.csv): no mean, min or max. */
    if (n_known > 0 &&
        ((st = kpi_figures_add_real(out, id, p, NULL, NULL, "mean",
                                    (double)total / (double)n_known)) !=
             KPI_OK ||
         (st = kpi_figures_add_count(out, id, p, NULL, NULL, "min", min)) !=
             KPI_OK ||
         (st = kpi_figures_add_count(out, id, p, NULL, NULL, "max", max)) !=
             KPI_OK))
        goto cleanup;
    for (size_t i = 0; i < n_rows; i++) {
        const caseload *l = &load[rows[i].sym];
        const char *cw = rows[i].name;
        if ((st = kpi_figures_add_count(out, id, p, "caseworker", cw, "count",
                                        l->open)) != KPI_OK ||
            (st = kpi_figures_add_count(out, id, p, "caseworker", cw,
                                        "placement_cases", l->placement)) !=
                KPI_OK ||
            (st = kpi_figures_add_count(out, id, p, "caseworker", cw,
                                        "other_cases",
                                        l->open - l->placement)) != KPI_OK)
            goto cleanup;
    }

    /* The series: open cases at each month end, total only. */
    for (int s = 0; s < KPI_SLOT_COUNT; s++) {
        if (!kpi_slot_in_series(ctx, s))
            continue;
        kpi_date e = kpi_slot_last_day(ctx, s);
        int64_t n = 0;
        for (size_t i = 0; i < ds->cases.count; i++)
            n += case_open_on(&ds->cases.items[i], e);
        char period[11];
        kpi_date_format(e, period);
        if ((st = kpi_figures_add_count(out, id, period, NULL, NULL, "count",
                                        n)) != KPI_OK)
            goto cleanup;
    }
    st = KPI_OK;

cleanup:
    kpi_xfree(a, rows);
    kpi_xfree(a, load);
    kpi_xfree(a, placed);
    return st;
}
