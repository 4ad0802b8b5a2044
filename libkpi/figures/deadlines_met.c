/* deadlines_met.c - deadlines_met (SPEC §5 Administration): the statutory
 * deadlines due in the period and whether they were kept.
 *
 * Every deadline due in the period is judged as it stands on D:
 * - met: done on or before its due date (done ON the due day is met);
 * - missed: its due date has passed without it being met: done after the
 *   due date, or not done by D although due before D;
 * - open_past_due: the part of missed that is still not done on D;
 * - a deadline due on D itself and not done is still open (the day is not
 *   over): it counts in `count` only.
 * A done date after D is not known on D: the deadline counts as not done.
 * share = met / (met + missed): of the deadlines whose outcome is settled,
 * the share kept. Leaving a deadline undone must not look better than
 * doing it late, so the open ones past due are in the divisor.
 * To date also per caseworker, the case's (cases.csv): the team leader's
 * overdue deadlines per caseworker (issue 14 item 5); a deadline whose
 * case is unknown or has no caseworker counts in the total only. */
#include "figures/figure.h"
#include "rules/slots.h"

#include <stdlib.h>

typedef struct dl_tally {
    int64_t count, met, missed, open_past_due;
} dl_tally;

static void tally_add(dl_tally *t, const kpi_deadline *x, kpi_date d)
{
    t->count++;
    bool done = x->done != KPI_DATE_NONE && x->done <= d;
    if (done && x->done <= x->due)
        t->met++;
    else if (done)
        t->missed++;
    else if (x->due < d) {
        t->missed++;
        t->open_past_due++;
    }
}

static kpi_status emit(kpi_figures *out, const char *period,
                       const char *dimension, const char *member,
                       const dl_tally *t)
{
    static const char id[] = "deadlines_met";
    kpi_status st;
    if ((st = kpi_figures_add_count(out, id, period, dimension, member, "count",
                                    t->count)) != KPI_OK ||
        (st = kpi_figures_add_count(out, id, period, dimension, member, "met",
                                    t->met)) != KPI_OK ||
        (st = kpi_figures_add_count(out, id, period, dimension, member,
                                    "missed", t->missed)) != KPI_OK ||
        (st = kpi_figures_add_count(out, id, period, dimension, member,
                                    "open_past_due", t->open_past_due)) !=
            KPI_OK)
        return st;
    if (t->met + t->missed == 0)
        return KPI_OK; /* nothing settled: no share, never 0 */
    return kpi_figures_add_real(out, id, period, dimension, member, "share",
                                (double)t->met / (double)(t->met + t->missed));
}

typedef struct dl_type {
    const char *code;
    dl_tally month, to_date;
} dl_type;

typedef struct dl_worker {
    const char *name;
    dl_tally to_date;
} dl_worker;

static int cmp_worker(const void *a, const void *b)
{
    return strcmp(((const dl_worker *)a)->name, ((const dl_worker *)b)->name);
}

/* The caseworker of each case, by the case id's symbol (KPI_SYM_NONE:
 * none); NULL when out of memory. */
static kpi_sym *case_workers(const kpi_dataset *ds, const kpi_allocator *a,
                             size_t n_syms)
{
    kpi_sym *of = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *of);
    for (size_t i = 0; of && i < ds->cases.count; i++) {
        const kpi_case *c = &ds->cases.items[i];
        if (c->id < n_syms)
            of[c->id] = c->caseworker;
    }
    return of;
}

static int cmp_type(const void *a, const void *b)
{
    return strcmp(((const dl_type *)a)->code, ((const dl_type *)b)->code);
}

kpi_status kpi_fig_deadlines_met(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_DEADLINES])
        return KPI_OK;
    kpi_date d = ctx->as_of;
    int ms = kpi_slot_month(ctx);
    size_t n_syms = kpi_symtab_size(ds->syms);
    /* type symbol -> 1 + its index in types (0: not seen yet). */
    uint32_t *index = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *index);
    dl_type *types = NULL;
    size_t n_types = 0, cap_types = 0;
    /* caseworker symbol -> 1 + its index in workers. */
    uint32_t *windex = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *windex);
    kpi_sym *worker_of = case_workers(ds, a, n_syms);
    dl_worker *workers = NULL;
    size_t n_workers = 0, cap_workers = 0;
    dl_tally month = {0}, to_date = {0}, slots[KPI_SLOT_COUNT];
    memset(slots, 0, sizeof slots);
    kpi_status st = index && windex && worker_of ? KPI_OK : KPI_ERR_NOMEM;

    for (size_t i = 0; st == KPI_OK && i < ds->deadlines.count; i++) {
        const kpi_deadline *x = &ds->deadlines.items[i];
        int s = kpi_slot_of(ctx, x->due);
        if (s < 0)
            continue;
        tally_add(&slots[s], x, d);
        if (!kpi_slot_to_date(ctx, s))
            continue;
        if (index[x->type] == 0) {
            st = kpi_grow(a, (void **)&types, &cap_types, n_types + 1,
                          sizeof *types);
            if (st != KPI_OK)
                break;
            memset(&types[n_types], 0, sizeof *types);
            types[n_types].code = kpi_symtab_str(ds->syms, x->type);
            index[x->type] = (uint32_t)++n_types;
        }
        dl_type *t = &types[index[x->type] - 1];
        tally_add(&to_date, x, d);
        tally_add(&t->to_date, x, d);
        kpi_sym w = x->case_id < n_syms ? worker_of[x->case_id] : KPI_SYM_NONE;
        if (w != KPI_SYM_NONE && windex[w] == 0) {
            st = kpi_grow(a, (void **)&workers, &cap_workers, n_workers + 1,
                          sizeof *workers);
            if (st != KPI_OK)
                break;
            memset(&workers[n_workers], 0, sizeof *workers);
            workers[n_workers].name = kpi_symtab_str(ds->syms, w);
            windex[w] = (uint32_t)++n_workers;
        }
        if (w != KPI_SYM_NONE)
            tally_add(&workers[windex[w] - 1].to_date, x, d);
        if (s == ms) {
            tally_add(&month, x, d);
            tally_add(&t->month, x, d);
        }
    }
    if (st != KPI_OK)
        goto cleanup;
    /* The index points into types; it is not used after the sort. */
    if (n_types > 1) /* qsort(NULL, 0) is undefined */
        qsort(types, n_types, sizeof *types, cmp_type);
    if (n_workers > 1)
        qsort(workers, n_workers, sizeof *workers, cmp_worker);

    if ((st = emit(out, ctx->period_month, NULL, NULL, &month)) != KPI_OK)
        goto cleanup;
    for (size_t i = 0; i < n_types; i++)
        if (types[i].month.count &&
            (st = emit(out, ctx->period_month, "deadline_type", types[i].code,
                       &types[i].month)) != KPI_OK)
            goto cleanup;
    if ((st = emit(out, ctx->period_to_date, NULL, NULL, &to_date)) != KPI_OK)
        goto cleanup;
    for (size_t i = 0; i < n_types; i++)
        if ((st = emit(out, ctx->period_to_date, "deadline_type", types[i].code,
                       &types[i].to_date)) != KPI_OK)
            goto cleanup;
    for (size_t i = 0; i < n_workers; i++)
        if ((st = emit(out, ctx->period_to_date, "caseworker", workers[i].name,
                       &workers[i].to_date)) != KPI_OK)
            goto cleanup;
    /* The series is the share met of each month, when one is settled. */
    for (int s = 0; s < KPI_SLOT_COUNT; s++) {
        const dl_tally *t = &slots[s];
        if (!kpi_slot_in_series(ctx, s) || t->met + t->missed == 0)
            continue;
        char period[16];
        kpi_slot_period(ctx, s, period);
        if ((st = kpi_figures_add_real(
                 out, "deadlines_met", period, NULL, NULL, "share",
                 (double)t->met / (double)(t->met + t->missed))) != KPI_OK)
            goto cleanup;
    }

cleanup:
    kpi_xfree(a, types);
    kpi_xfree(a, index);
    kpi_xfree(a, workers);
    kpi_xfree(a, windex);
    kpi_xfree(a, worker_of);
    return st;
}
