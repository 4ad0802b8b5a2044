/* booked.c - booked sums per measure type (booked.h). */
#include "rules/booked.h"

kpi_status kpi_economy_booked(const kpi_context *ctx, kpi_type_booked **out)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n = ds->config->n_types;
    kpi_type_booked *b = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *b);
    if (!b)
        return KPI_ERR_NOMEM;
    if (ds->present[KPI_FILE_POSTINGS]) {
        for (size_t i = 0; i < ds->postings.count; i++) {
            const kpi_posting *p = &ds->postings.items[i];
            if (p->year != ctx->year || p->month < 1 ||
                p->month > ctx->month.month || p->type >= n ||
                p->kind >= KPI_POSTING_KIND_COUNT)
                continue;
            kpi_type_booked *t = &b[p->type];
            t->any = true;
            t->to_date[p->kind] += p->amount;
            if (p->month == ctx->month.month)
                t->month[p->kind] += p->amount;
        }
    }
    *out = b;
    return KPI_OK;
}
