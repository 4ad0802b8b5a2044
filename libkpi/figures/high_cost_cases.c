/* high_cost_cases.c - high-cost cases (SPEC §5 high_cost_cases): the most
 * expensive share of the children by whole-year disposed cost, and the
 * estimated state reimbursement of BL § 198 over all families. */
#include "figures/figure.h"
#include "rules/age_groups.h"
#include "rules/assumed_end.h"

#include <math.h>
#include <stdlib.h>

#define KPI_ID "high_cost_cases"

typedef struct child_cost {
    const char *id;
    kpi_money cost;
    size_t best; /* the measure with the highest cost in Y */
} child_cost;

/* Most expensive first; equal costs by child id so the cut is stable. */
static int child_cost_cmp(const void *pa, const void *pb)
{
    const child_cost *a = pa, *b = pb;
    if (a->cost != b->cost)
        return a->cost > b->cost ? -1 : 1;
    return strcmp(a->id, b->id);
}

/* ceil(share × n) without floating-point surprises: 0.10 × 30 must be 3,
 * not 4. The share is taken to millionths, which kpi.ini never exceeds. */
static size_t top_count(double share, size_t n)
{
    if (!(share > 0))
        return 0;
    if (share >= 1)
        return n;
    int64_t micro = (int64_t)llround(share * 1e6);
    return (size_t)(((int64_t)n * micro + 999999) / 1000000);
}

static kpi_status emit_breakdown(kpi_figures *out, const kpi_context *ctx,
                                 const char *dim, const char *member,
                                 int64_t count, kpi_money amount)
{
    kpi_status st = kpi_figures_add_count(out, KPI_ID, ctx->period_year, dim,
                                          member, "count", count);
    if (st == KPI_OK)
        st = kpi_figures_add_money(out, KPI_ID, ctx->period_year, dim, member,
                                   "amount", amount);
    return st;
}

kpi_status kpi_fig_high_cost_cases(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    size_t n_syms = kpi_symtab_size(ds->syms);
    kpi_status st = KPI_ERR_NOMEM;
    kpi_money *measure_cost =
        kpi_xcalloc(a, ds->measures.count, sizeof *measure_cost);
    kpi_money *by_child = kpi_xcalloc(a, n_syms, sizeof *by_child);
    kpi_money *by_family = kpi_xcalloc(a, n_syms, sizeof *by_family);
    size_t *best = kpi_xcalloc(a, n_syms, sizeof *best); /* index + 1 */
    child_cost *children = NULL;
    if (!measure_cost || !by_child || !by_family || !best)
        goto done;

    size_t n_children = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled)
            continue;
        kpi_money cost = kpi_measure_year_amount(
            m->price, (kpi_unit)m->unit, m->start,
            kpi_measure_assumed_end(m, ctx), ctx->year);
        measure_cost[i] = cost;
        by_child[m->child] += cost;
        by_family[m->family != KPI_SYM_NONE ? m->family : m->child] += cost;
        size_t b = best[m->child];
        if (b == 0) {
            n_children++;
            best[m->child] = i + 1;
        } else if (cost > measure_cost[b - 1] ||
                   (cost == measure_cost[b - 1] &&
                    strcmp(kpi_symtab_str(ds->syms, m->id),
                           kpi_symtab_str(ds->syms,
                                          ds->measures.items[b - 1].id)) < 0)) {
            best[m->child] = i + 1;
        }
    }

    children = kpi_xcalloc(a, n_children, sizeof *children);
    if (!children)
        goto done;
    size_t n = 0;
    kpi_money all = 0;
    for (size_t s = 1; s < n_syms; s++) {
        if (best[s] == 0 || by_child[s] <= 0)
            continue;
        children[n].id = kpi_symtab_str(ds->syms, (kpi_sym)s);
        children[n].cost = by_child[s];
        children[n].best = best[s] - 1;
        all += by_child[s];
        n++;
    }
    qsort(children, n, sizeof *children, child_cost_cmp);
    size_t k = top_count(ds->config->high_cost_share, n);

    kpi_money top = 0;
    int64_t tg_count[KPI_TARGET_COUNT] = {0};
    kpi_money tg_amount[KPI_TARGET_COUNT] = {0};
    int64_t age_count[KPI_AGE_GROUP_COUNT] = {0};
    kpi_money age_amount[KPI_AGE_GROUP_COUNT] = {0};
    for (size_t i = 0; i < k; i++) {
        const kpi_measure *m = &ds->measures.items[children[i].best];
        top += children[i].cost;
        if (m->target_group < KPI_TARGET_COUNT) {
            tg_count[m->target_group]++;
            tg_amount[m->target_group] += children[i].cost;
        }
        int ag = kpi_age_group_index(kpi_date_age(m->birth, ctx->as_of));
        if (ag >= 0) {
            age_count[ag]++;
            age_amount[ag] += children[i].cost;
        }
    }

    /* Reimbursement is per family over all its cost, high-cost or not:
     * BL § 198 pools the children of one household. */
    kpi_reimbursement_rule rule =
        kpi_config_reimbursement(ds->config, ctx->year);
    kpi_money reimbursement = 0;
    for (size_t s = 1; s < n_syms; s++)
        if (by_family[s] > 0)
            reimbursement += kpi_reimbursement(by_family[s], &rule);

    const char *py = ctx->period_year;
    if ((st = emit_breakdown(out, ctx, NULL, NULL, (int64_t)k, top)) != KPI_OK)
        goto done;
    if (all > 0 &&
        (st = kpi_figures_add_real(out, KPI_ID, py, NULL, NULL, "share",
                                   (double)top / (double)all)) != KPI_OK)
        goto done;
    if ((st = kpi_figures_add_money(out, KPI_ID, py, NULL, NULL,
                                    "reimbursement", reimbursement)) != KPI_OK)
        goto done;
    /* "handicap" < "social": the enum order is bytewise order. */
    for (int t = 0; t < KPI_TARGET_COUNT; t++)
        if (tg_count[t] > 0 &&
            (st = emit_breakdown(out, ctx, "target_group",
                                 kpi_target_group_code((kpi_target_group)t),
                                 tg_count[t], tg_amount[t])) != KPI_OK)
            goto done;
    /* Age groups youngest first (rules/age_groups.h). */
    for (int g = 0; g < KPI_AGE_GROUP_COUNT; g++) {
        if (age_count[g] > 0 &&
            (st = emit_breakdown(out, ctx, "age_group", kpi_age_groups[g],
                                 age_count[g], age_amount[g])) != KPI_OK)
            goto done;
    }
    st = KPI_OK;
done:
    kpi_xfree(a, measure_cost);
    kpi_xfree(a, by_child);
    kpi_xfree(a, by_family);
    kpi_xfree(a, best);
    kpi_xfree(a, children);
    return st;
}
