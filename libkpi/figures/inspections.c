/* inspections.c - operational inspections of providers (driftsorienterede
 * tilsyn), SPEC §5 Administration: approved and not approved with the
 * reasons, for M, to date, the whole years Y-2 and Y-1 (SPEC: "the same
 * for Y-1 and Y-2"), and the monthly series. */
#include "figures/figure.h"
#include "rules/slots.h"

#include <stdlib.h>

/* The periods with a result breakdown, in the order they are written:
 * M, to date, then the years ascending (as the series, bytewise:
 * "2024" < "2025" < "2025-01"). */
enum { P_MONTH, P_TO_DATE, P_YEAR2, P_YEAR1, P_COUNT };

typedef struct result_tally {
    int64_t count, approved, not_approved;
} result_tally;

typedef struct reason {
    const char *text;
    int64_t n[P_COUNT];
} reason;

static int cmp_reason(const void *a, const void *b)
{
    return strcmp(((const reason *)a)->text, ((const reason *)b)->text);
}

static kpi_status emit_period(kpi_figures *out, const char *period,
                              const result_tally *t, const reason *reasons,
                              size_t n_reasons, int p)
{
    static const char id[] = "inspections";
    kpi_status st =
        kpi_figures_add_count(out, id, period, NULL, NULL, "count", t->count);
    if (st == KPI_OK && t->approved)
        st = kpi_figures_add_count(out, id, period, "result", "approved",
                                   "count", t->approved);
    if (st == KPI_OK && t->not_approved)
        st = kpi_figures_add_count(out, id, period, "result", "not_approved",
                                   "count", t->not_approved);
    /* The reasons of the not approved, as a second dimension under
     * result=not_approved: "result=not_approved,reason=...". */
    for (size_t i = 0; st == KPI_OK && i < n_reasons; i++) {
        if (!reasons[i].n[p])
            continue;
        kpi_row r = {.kpi_id = id,
                     .period = period,
                     .dimension = "result",
                     .member = "not_approved",
                     .dimension2 = "reason",
                     .member2 = reasons[i].text,
                     .stat = "count",
                     .kind = KPI_VALUE_COUNT,
                     .integer = reasons[i].n[p]};
        st = kpi_figures_add(out, &r);
    }
    return st;
}

kpi_status kpi_fig_inspections(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    if (!ds->present[KPI_FILE_INSPECTIONS])
        return KPI_OK;
    int ms = kpi_slot_month(ctx);
    size_t n_syms = kpi_symtab_size(ds->syms);
    /* reason symbol -> 1 + its index in reasons (0: not seen yet). */
    uint32_t *index = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *index);
    reason *reasons = NULL;
    size_t n_reasons = 0, cap_reasons = 0;
    result_tally t[P_COUNT];
    int64_t slots[KPI_SLOT_COUNT] = {0};
    memset(t, 0, sizeof t);
    kpi_status st = index ? KPI_OK : KPI_ERR_NOMEM;

    for (size_t i = 0; st == KPI_OK && i < ds->inspections.count; i++) {
        const kpi_inspection *x = &ds->inspections.items[i];
        int s = kpi_slot_of(ctx, x->date);
        if (s >= 0)
            slots[s]++;
        int y, mo, day;
        kpi_date_to_ymd(x->date, &y, &mo, &day);
        bool in[P_COUNT] = {s == ms, kpi_slot_to_date(ctx, s),
                            y == ctx->year - 2, y == ctx->year - 1};
        reason *r = NULL;
        /* A not approved inspection without a reason counts under
         * not_approved only: an empty reason is not a reason. */
        if (!x->approved && x->reason != KPI_SYM_NONE &&
            (in[0] || in[1] || in[2] || in[3])) {
            if (index[x->reason] == 0) {
                st = kpi_grow(a, (void **)&reasons, &cap_reasons, n_reasons + 1,
                              sizeof *reasons);
                if (st != KPI_OK)
                    break;
                memset(&reasons[n_reasons], 0, sizeof *reasons);
                reasons[n_reasons].text = kpi_symtab_str(ds->syms, x->reason);
                index[x->reason] = (uint32_t)++n_reasons;
            }
            r = &reasons[index[x->reason] - 1];
        }
        for (int p = 0; p < P_COUNT; p++) {
            if (!in[p])
                continue;
            t[p].count++;
            if (x->approved)
                t[p].approved++;
            else
                t[p].not_approved++;
            if (r)
                r->n[p]++;
        }
    }
    if (st != KPI_OK)
        goto cleanup;
    if (n_reasons > 1) /* qsort(NULL, 0) is undefined */
        qsort(reasons, n_reasons, sizeof *reasons, cmp_reason);

    /* Report year 2 (kpi_figures_compute's first) has no year 0: the
     * format leaves the buffer as it was, so it starts empty and the
     * period is left out rather than written from whatever was there. */
    char year2[16] = "", year1[16] = "";
    kpi_period_format(KPI_PERIOD_YEAR, (kpi_month){ctx->year - 2, 1},
                      KPI_PERIOD_STYLE_CODE, year2, sizeof year2);
    kpi_period_format(KPI_PERIOD_YEAR, (kpi_month){ctx->year - 1, 1},
                      KPI_PERIOD_STYLE_CODE, year1, sizeof year1);
    const char *periods[P_COUNT] = {ctx->period_month, ctx->period_to_date,
                                    year2, year1};
    for (int p = 0; p < P_COUNT; p++)
        if (*periods[p] &&
            (st = emit_period(out, periods[p], &t[p], reasons, n_reasons,
                              p)) != KPI_OK)
            goto cleanup;
    st = kpi_slots_emit_series(out, "inspections", ctx, slots, false);

cleanup:
    kpi_xfree(a, reasons);
    kpi_xfree(a, index);
    return st;
}
