/* high_cost_cases.c - high-cost cases (SPEC §5 high_cost_cases): the most
 * expensive share of the children by whole-year disposed cost, and the
 * estimated state reimbursement of BL § 198 as the refusion order reckons
 * it: per household and calendar month, net of the income booked on its
 * children (docs/figures/high_cost_cases.md). */
#include "figures/figure.h"
#include "rules/age_groups.h"
#include "rules/assumed_end.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* The households of BL § 198 stk. 2 (family_id, else child_id) and
 * their costs in each month of Y: months[h * 12 + k] is household h's
 * reimbursable amount in month k + 1, less the income booked on its
 * children then. */
typedef struct households {
    const kpi_allocator *a;
    uint32_t *of_sym;   /* household symbol -> index + 1 */
    uint32_t *of_child; /* child symbol -> its household's index + 1 */
    kpi_money *months;
    size_t n, cap;
} households;

/* Adds measure m's months to its household, unless its type is outside
 * the scheme (reimbursable = no: objective financing). A child counts with
 * the household of its first measure in the file, so a child given two
 * family_ids is not pooled twice. */
static kpi_status household_add(households *hh, const kpi_dataset *ds,
                                const kpi_measure *m, const kpi_money *months)
{
    kpi_sym fam = m->family != KPI_SYM_NONE ? m->family : m->child;
    if (hh->of_child[m->child] == 0 && hh->of_sym[fam] == 0) {
        if (kpi_grow(hh->a, (void **)&hh->months, &hh->cap, (hh->n + 1) * 12,
                     sizeof *hh->months) != KPI_OK)
            return KPI_ERR_NOMEM;
        memset(&hh->months[hh->n * 12], 0, 12 * sizeof *hh->months);
        hh->of_sym[fam] = (uint32_t)++hh->n;
    }
    if (hh->of_child[m->child] == 0)
        hh->of_child[m->child] = hh->of_sym[fam];
    if (kpi_dataset_type(ds, m->type)->not_reimbursable)
        return KPI_OK;
    kpi_money *row = &hh->months[(size_t)(hh->of_child[m->child] - 1) * 12];
    for (int k = 0; k < 12; k++)
        row[k] += months[k];
    return KPI_OK;
}

/* The income of Y booked on a child (postings.csv kind income, negative)
 * reduces its household's cost in the posting's month (refusion order
 * § 3, stk. 3), unless it is booked on a type outside the scheme. */
static void household_income(households *hh, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    for (size_t i = 0; i < ds->postings.count; i++) {
        const kpi_posting *p = &ds->postings.items[i];
        if (p->kind != KPI_POSTING_INCOME || p->year != ctx->year ||
            p->child == KPI_SYM_NONE || p->month < 1 || p->month > 12 ||
            hh->of_child[p->child] == 0 ||
            kpi_dataset_type(ds, p->type)->not_reimbursable)
            continue;
        hh->months[(size_t)(hh->of_child[p->child] - 1) * 12 + p->month - 1] +=
            p->amount;
    }
}

/* Each household-month's refund (net cost floored at 0, against 1/12 of
 * the year's thresholds, rounded to øre), summed per month into by_month. */
static void household_refunds(const households *hh, const kpi_context *ctx,
                              kpi_money by_month[12])
{
    kpi_reimbursement_source src;
    kpi_dataset_reimbursement(ctx->ds, ctx->year, &src);
    for (size_t h = 0; h < hh->n; h++)
        for (int k = 0; k < 12; k++)
            by_month[k] +=
                kpi_reimbursement_month(hh->months[h * 12 + k], &src.rule);
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

/* The year's rows: the most expensive children (by_child, best: by child
 * symbol, best index + 1; n_children of them) in total, by target group
 * and by age group, their share, and the year's reimbursement. */
static kpi_status year_rows(kpi_figures *out, const kpi_context *ctx,
                            const kpi_money *by_child, const size_t *best,
                            size_t n_children, kpi_money reimbursement)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n_syms = kpi_symtab_size(ds->syms);
    kpi_status st = KPI_ERR_NOMEM;
    child_cost *children = kpi_xcalloc(ctx->alloc, n_children, sizeof *children);
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
    kpi_xfree(ctx->alloc, children);
    return st;
}

kpi_status kpi_fig_high_cost_cases(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    size_t n_syms = kpi_symtab_size(ds->syms);
    kpi_status st = KPI_ERR_NOMEM;
    /* Last year's rows keep only the month's refund (rules/context.h), so
     * the children's costs and their order are this year's work alone. */
    bool top_share = !ctx->last_year;
    kpi_money *measure_cost = NULL, *by_child = NULL;
    size_t *best = NULL; /* index + 1 */
    if (top_share) {
        measure_cost = kpi_xcalloc(a, ds->measures.count, sizeof *measure_cost);
        by_child = kpi_xcalloc(a, n_syms, sizeof *by_child);
        best = kpi_xcalloc(a, n_syms, sizeof *best);
    }
    households hh = {a, kpi_xcalloc(a, n_syms, sizeof *hh.of_sym),
                     kpi_xcalloc(a, n_syms, sizeof *hh.of_child), NULL, 0, 0};
    if ((top_share && (!measure_cost || !by_child || !best)) || !hh.of_sym ||
        !hh.of_child)
        goto done;

    size_t n_children = 0;
    for (size_t i = 0; i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled)
            continue;
        /* The year's cost is the sum of its months (SPEC §4), the same
         * months the reimbursement reckons with. */
        kpi_money months[12] = {0}, cost = 0;
        int lo, hi;
        kpi_month_amounts(m->price, (kpi_unit)m->unit, m->start,
                          kpi_measure_assumed_end(m, ctx),
                          (kpi_month){ctx->year, 1}, ctx->year_start, 12,
                          months, &lo, &hi);
        if ((st = household_add(&hh, ds, m, months)) != KPI_OK)
            goto done;
        st = KPI_ERR_NOMEM;
        if (!top_share)
            continue;
        for (int k = lo; k < hi; k++)
            cost += months[k];
        measure_cost[i] = cost;
        by_child[m->child] += cost;
        size_t b = best[m->child];
        if (b == 0) {
            n_children++;
            best[m->child] = i + 1;
        } else if (cost > measure_cost[b - 1] ||
                   (cost == measure_cost[b - 1] &&
                    strcmp(kpi_symtab_str(ds->ids, m->id),
                           kpi_symtab_str(ds->ids,
                                          ds->measures.items[b - 1].id)) < 0)) {
            best[m->child] = i + 1;
        }
    }

    /* Reimbursement is per household over all its cost, high-cost or
     * not: BL § 198 stk. 2 pools the children of one household. */
    kpi_money by_month[12] = {0}, reimbursement = 0;
    household_income(&hh, ctx);
    household_refunds(&hh, ctx, by_month);
    for (int mo = 0; mo < 12; mo++)
        reimbursement += by_month[mo];

    if (top_share && (st = year_rows(out, ctx, by_child, best, n_children,
                                     reimbursement)) != KPI_OK)
        goto done;
    /* The refund of each month of the year so far, after the year's rows
     * (the estimate above includes the months still to come). */
    for (int mo = 1; mo <= ctx->month.month; mo++) {
        char period[16];
        kpi_period_format(KPI_PERIOD_MONTH, (kpi_month){ctx->year, mo},
                          KPI_PERIOD_STYLE_CODE, period, sizeof period);
        if ((st = kpi_figures_add_money(out, KPI_ID, period, NULL, NULL,
                                        "reimbursement", by_month[mo - 1])) !=
            KPI_OK)
            goto done;
    }
    st = KPI_OK;
done:
    kpi_xfree(a, measure_cost);
    kpi_xfree(a, by_child);
    kpi_xfree(a, best);
    kpi_xfree(a, hh.of_sym);
    kpi_xfree(a, hh.of_child);
    kpi_xfree(a, hh.months);
    return st;
}
