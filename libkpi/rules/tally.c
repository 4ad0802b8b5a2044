/* tally.c - children counted by the placement figures' breakdowns
 * (tally.h). */
#include "rules/tally.h"
#include "rules/orders.h"

kpi_status kpi_tally_init(kpi_tally *t, const kpi_context *ctx)
{
    memset(t, 0, sizeof *t);
    t->ctx = ctx;
    size_t n = ctx->ds->config->n_types;
    t->types = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *t->types);
    if (!t->types)
        return KPI_ERR_NOMEM;
    kpi_target_order(t->target_order);
    return kpi_type_order(ctx, &t->type_order);
}

void kpi_tally_clear(kpi_tally *t)
{
    size_t n = t->ctx->ds->config->n_types;
    memset(t->types, 0, (n ? n : 1) * sizeof *t->types);
    t->total = 0;
    memset(t->target, 0, sizeof t->target);
    memset(t->age, 0, sizeof t->age);
}

void kpi_tally_free(kpi_tally *t)
{
    if (!t->ctx)
        return;
    kpi_xfree(t->ctx->alloc, t->types);
    kpi_xfree(t->ctx->alloc, t->type_order);
    t->types = NULL;
    t->type_order = NULL;
}

void kpi_tally_add(kpi_tally *t, const kpi_measure *m, int age)
{
    t->total++;
    t->types[m->type]++;
    if (m->target_group < KPI_TARGET_COUNT)
        t->target[m->target_group]++;
    int g = kpi_age_group_index(age);
    if (g >= 0)
        t->age[g]++;
}

kpi_status kpi_tally_emit(const kpi_tally *t, kpi_figures *out,
                          const char *kpi_id, const char *period,
                          const char *stat)
{
    const kpi_config *cfg = t->ctx->ds->config;
    kpi_status st =
        kpi_figures_add_count(out, kpi_id, period, NULL, NULL, stat, t->total);
    for (size_t i = 0; st == KPI_OK && i < cfg->n_types; i++) {
        size_t ty = t->type_order[i];
        if (t->types[ty])
            st = kpi_figures_add_count(out, kpi_id, period, "measure_type",
                                       cfg->types[ty].code, stat, t->types[ty]);
    }
    for (size_t i = 0; st == KPI_OK && i < KPI_TARGET_COUNT; i++) {
        size_t g = t->target_order[i];
        if (t->target[g])
            st = kpi_figures_add_count(
                out, kpi_id, period, "target_group",
                kpi_target_group_code((kpi_target_group)g), stat, t->target[g]);
    }
    /* Age groups youngest first (age_groups.h). */
    for (size_t g = 0; st == KPI_OK && g < KPI_AGE_GROUP_COUNT; g++)
        if (t->age[g])
            st = kpi_figures_add_count(out, kpi_id, period, "age_group",
                                       kpi_age_groups[g], stat, t->age[g]);
    return st;
}
