/* high_cost_cases.c - high-cost cases (SPEC §5 high_cost_cases): the most
 * expensive share of the children by whole-year disposed cost, and the
 * estimated state reimbursement of BL § 198 as the refusion order reckons
 * it: per household and calendar month, net of the income booked on its
 * children (docs/figures/high_cost_cases.md). */
#include "figures/figure.h"
#include "rules/age_groups.h"
#include "rules/assumed_end.h"
#include "rules/prefetch.h"
#include "rules/select.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KPI_ID "high_cost_cases"

/* 16 bytes: at a million measures half a million children cost
 * something in Y. */
typedef struct child_cost {
    kpi_money cost;
    kpi_sym child;
    uint32_t best; /* the measure with the highest cost in Y */
} child_cost;

static void child_swap(child_cost *a, child_cost *b)
{
    child_cost t = *a;
    *a = *b;
    *b = t;
}

/* A child and its id, to order equal costs by child id so that the cut
 * is stable. */
typedef struct named_cost {
    const char *id;
    child_cost c;
} named_cost;

static int child_id_cmp(const void *pa, const void *pb)
{
    return strcmp(((const named_cost *)pa)->id, ((const named_cost *)pb)->id);
}

/* Sorts c[0..n) by child id. */
static kpi_status sort_by_id(child_cost *c, size_t n, const kpi_dataset *ds,
                             const kpi_allocator *a)
{
    named_cost *named = kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *named);
    if (!named)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        named[i] = (named_cost){kpi_symtab_str(ds->syms, c[i].child), c[i]};
    qsort(named, n, sizeof *named, child_id_cmp);
    for (size_t i = 0; i < n; i++)
        c[i] = named[i].c;
    kpi_xfree(a, named);
    return KPI_OK;
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

/* A child's whole-year cost: the sum over its measures, and its most
 * expensive measure (index + 1; 0 while it has none) with that measure's
 * cost. */
typedef struct child_sum {
    kpi_money cost, best_cost;
    uint32_t best;
} child_sum;

/* Adds measure i, costing cost in Y, to its child's sum s. Equal costs
 * go to the smaller measure id, so the choice does not depend on the
 * order the measures come in. */
static void child_add(child_sum *s, const kpi_dataset *ds, size_t i,
                      kpi_money cost)
{
    s->cost += cost;
    if (s->best == 0) {
        /* the child's first measure */
    } else if (cost < s->best_cost) {
        return;
    } else if (cost == s->best_cost) {
        const char *id = kpi_symtab_str(ds->ids, ds->measures.items[i].id);
        const char *best_id =
            kpi_symtab_str(ds->ids, ds->measures.items[s->best - 1].id);
        if (strcmp(id, best_id) >= 0)
            return;
    }
    s->best = (uint32_t)i + 1;
    s->best_cost = cost;
}

/* The children with a cost in Y, as the households are summed: each
 * child's measures are all in its household's, so a child is complete
 * when its run in the household (sorted by child) ends. Kept only for
 * the children who cost something, not an entry for every symbol of the
 * dataset (27 MB at a million measures). */
typedef struct costly {
    child_cost *items;
    size_t n, cap;
} costly;

/* Adds child `child`, whose measures summed to s, when it cost anything
 * (the only children year_rows reads). */
static kpi_status costly_add(costly *c, const kpi_allocator *a, kpi_sym child,
                             const child_sum *s)
{
    if (s->best == 0 || s->cost <= 0)
        return KPI_OK;
    kpi_status st =
        kpi_grow(a, (void **)&c->items, &c->cap, c->n + 1, sizeof *c->items);
    if (st == KPI_OK)
        c->items[c->n++] = (child_cost){s->cost, child, s->best - 1};
    return st;
}

/* Sorts one household's measures by child, then file order (a key of
 * child << 32 | measure, in scratch), so that each child's measures come
 * together. Households are mostly a child or two: insertion sort below
 * 16 measures, qsort above. */
static int u64_cmp(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a > b) - (a < b);
}

static kpi_status sort_by_child(uint32_t *measures, size_t n,
                                const kpi_dataset *ds, const kpi_allocator *a,
                                uint64_t **scratch, size_t *cap)
{
    if (n < 2)
        return KPI_OK;
    kpi_status st = kpi_grow(a, (void **)scratch, cap, n, sizeof **scratch);
    if (st != KPI_OK)
        return st;
    uint64_t *k = *scratch;
    for (size_t i = 0; i < n; i++)
        k[i] =
            (uint64_t)ds->measures.items[measures[i]].child << 32 | measures[i];
    if (n < 16) {
        for (size_t i = 1; i < n; i++) {
            uint64_t v = k[i];
            size_t j = i;
            for (; j > 0 && k[j - 1] > v; j--)
                k[j] = k[j - 1];
            k[j] = v;
        }
    } else {
        qsort(k, n, sizeof *k, u64_cmp);
    }
    for (size_t i = 0; i < n; i++)
        measures[i] = (uint32_t)k[i];
    return KPI_OK;
}

/* The households of BL § 198 stk. 2 (family_id, else child_id), numbered
 * in the order they first appear, and their measures grouped by household
 * (a counting sort, file order within each). Summing one household's
 * twelve months at a time keeps twelve amounts, not twelve for every
 * household (50 MB at a million measures). Measure indexes fit 32 bits,
 * as the line numbers do. */
typedef struct households {
    uint32_t *of_child; /* child symbol -> its household's index + 1 */
    /* As the counting sort leaves it: household h's measures are
     * order[h ? end[h - 1] : 0] up to order[end[h]]. n + 1 entries. */
    uint32_t *end;
    uint32_t *order; /* the measures not cancelled, by household */
    size_t n;
} households;

static void households_free(const kpi_allocator *a, households *hh)
{
    kpi_xfree(a, hh->of_child);
    kpi_xfree(a, hh->end);
    kpi_xfree(a, hh->order);
}

/* Whether measure m has days in Y: the others cost nothing there, add
 * nothing to a household and are never a child's dearest (a child who
 * costs anything has a measure that costs more than 0). */
static bool in_year(const kpi_measure *m, const kpi_context *ctx,
                    kpi_date year_end)
{
    return !m->cancelled && m->start <= year_end &&
           kpi_measure_assumed_end(m, ctx) >= ctx->year_start;
}

/* Fills hh. A child counts with the household of its first measure in
 * the file, so a child given two family_ids is not pooled twice: the
 * households are numbered over every measure, but only the measures with
 * days in Y are grouped (under half of them at a million). One pass over
 * the measures numbers the households and counts their measures, noting
 * each measure's household (4 MB at a million, for a moment): three
 * passes looking up the child's household each time took a fifth of the
 * figure's time. */
static kpi_status households_build(households *hh, const kpi_context *ctx,
                                   const kpi_allocator *a)
{
    const kpi_dataset *ds = ctx->ds;
    size_t n_syms = kpi_symtab_size(ds->syms), n = ds->measures.count;
    if (n >= UINT32_MAX)
        return KPI_ERR_RANGE;
    kpi_date year_end;
    kpi_date_from_ymd(ctx->year, 12, 31, &year_end);
    kpi_status st = KPI_ERR_NOMEM;
    size_t cap_end = 0;
    uint32_t *of_sym = kpi_xcalloc(a, n_syms, sizeof *of_sym); /* index + 1 */
    /* The household (index + 1) of each measure with days in Y, else 0. */
    uint32_t *of_measure =
        kpi_xreallocarray(a, NULL, n ? n : 1, sizeof *of_measure);
    hh->of_child = kpi_xcalloc(a, n_syms, sizeof *hh->of_child);
    if (!of_sym || !of_measure || !hh->of_child ||
        kpi_grow(a, (void **)&hh->end, &cap_end, 1, sizeof *hh->end) != KPI_OK)
        goto done;
    /* end[h + 1] counts household h's measures; summed, end[h] is where
     * household h begins; placing each measure at end[h]++ leaves end[h]
     * where it ends. */
    hh->end[0] = 0;
    for (size_t i = 0; i < n; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        of_measure[i] = 0;
        if (i + KPI_PREFETCH_AHEAD < n) {
            const kpi_measure *ahead =
                &ds->measures.items[i + KPI_PREFETCH_AHEAD];
            KPI_PREFETCH(&hh->of_child[ahead->child]);
            KPI_PREFETCH(&of_sym[ahead->family != KPI_SYM_NONE ? ahead->family
                                                               : ahead->child]);
        }
        if (m->cancelled)
            continue;
        kpi_sym fam = m->family != KPI_SYM_NONE ? m->family : m->child;
        if (hh->of_child[m->child] == 0) {
            if (of_sym[fam] == 0) {
                if (kpi_grow(a, (void **)&hh->end, &cap_end, hh->n + 2,
                             sizeof *hh->end) != KPI_OK)
                    goto done;
                of_sym[fam] = (uint32_t)++hh->n;
                hh->end[hh->n] = 0;
            }
            hh->of_child[m->child] = of_sym[fam];
        }
        if (in_year(m, ctx, year_end)) {
            of_measure[i] = hh->of_child[m->child];
            hh->end[of_measure[i]]++;
        }
    }
    kpi_xfree(a, of_sym);
    of_sym = NULL;
    for (size_t h = 1; h <= hh->n; h++)
        hh->end[h] += hh->end[h - 1];
    size_t n_order = hh->end[hh->n];
    hh->order =
        kpi_xreallocarray(a, NULL, n_order ? n_order : 1, sizeof *hh->order);
    if (!hh->order)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (of_measure[i])
            hh->order[hh->end[of_measure[i] - 1]++] = (uint32_t)i;
    st = KPI_OK;
done:
    kpi_xfree(a, of_sym);
    kpi_xfree(a, of_measure);
    return st;
}

/* The income of Y booked on a child (postings.csv kind income, negative)
 * reduces its household's cost in the posting's month (refusion order
 * § 3, stk. 3), unless it is booked on a type outside the scheme: each
 * such posting's household, month and amount, sorted by household. */
typedef struct income {
    uint32_t household; /* index */
    int month;          /* 0..11 */
    kpi_money amount;
} income;

static int income_cmp(const void *pa, const void *pb)
{
    const income *a = pa, *b = pb;
    return (a->household > b->household) - (a->household < b->household);
}

/* *out (freed by the caller) and *n: the incomes of the households of hh
 * in year Y, sorted by household. */
static kpi_status incomes_build(const households *hh, const kpi_context *ctx,
                                income **out, size_t *n)
{
    const kpi_dataset *ds = ctx->ds;
    *n = 0;
    *out = kpi_xcalloc(ctx->alloc, ds->postings.count ? ds->postings.count : 1,
                       sizeof **out);
    if (!*out)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < ds->postings.count; i++) {
        const kpi_posting *p = &ds->postings.items[i];
        if (p->kind != KPI_POSTING_INCOME || p->year != ctx->year ||
            p->child == KPI_SYM_NONE || p->month < 1 || p->month > 12 ||
            hh->of_child[p->child] == 0 ||
            kpi_dataset_type(ds, p->type)->not_reimbursable)
            continue;
        (*out)[(*n)++] =
            (income){hh->of_child[p->child] - 1, p->month - 1, p->amount};
    }
    /* Sums are exact, so the order within a household does not matter. */
    qsort(*out, *n, sizeof **out, income_cmp);
    return KPI_OK;
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

/* The year's rows: the most expensive of the children who cost anything
 * (c, in any order) in total, by target group and by age group, their
 * share, and the year's reimbursement. */
static kpi_status year_rows(kpi_figures *out, const kpi_context *ctx, costly *c,
                            kpi_money reimbursement)
{
    const kpi_dataset *ds = ctx->ds;
    kpi_status st;
    child_cost *children = c->items;
    size_t n = c->n;
    kpi_money all = 0;
    for (size_t i = 0; i < n; i++)
        all += children[i].cost;
    /* Which children are the k dearest decides every row, their order
     * none: so no sort at all, only the k-th dearest cost found, the
     * children who cost more put first, and only those sharing the k-th
     * cost, who decide the cut, ordered by id behind them. */
    size_t k = top_count(ds->config->high_cost_share, n);
    if (k > 0 && k < n) {
        kpi_money *costs =
            kpi_xreallocarray(ctx->alloc, NULL, n, sizeof *costs);
        if (!costs) {
            st = KPI_ERR_NOMEM;
            goto done;
        }
        for (size_t i = 0; i < n; i++)
            costs[i] = children[i].cost;
        kpi_money kth = kpi_money_select(costs, n, n - k);
        kpi_xfree(ctx->alloc, costs);
        size_t more = 0, same;
        for (size_t i = 0; i < n; i++)
            if (children[i].cost > kth)
                child_swap(&children[more++], &children[i]);
        same = more;
        for (size_t i = more; i < n; i++)
            if (children[i].cost == kth)
                child_swap(&children[same++], &children[i]);
        if ((st = sort_by_id(children + more, same - more, ds, ctx->alloc)) !=
            KPI_OK)
            goto done;
    }

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
    return st;
}

kpi_status kpi_fig_high_cost_cases(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    const kpi_allocator *a = ctx->alloc;
    households hh = {0};
    income *incomes = NULL;
    size_t n_incomes = 0, next_income = 0;
    /* Last year's rows keep only the month's refund (rules/context.h), so
     * the children's costs and their order are this year's work alone. */
    bool by_child = !ctx->last_year;
    costly kids = {0};
    uint64_t *scratch = NULL;
    size_t scratch_cap = 0;
    kpi_status st = households_build(&hh, ctx, a);
    if (st == KPI_OK)
        st = incomes_build(&hh, ctx, &incomes, &n_incomes);
    if (st != KPI_OK)
        goto done;

    /* Reimbursement is per household over all its cost, high-cost or
     * not: BL § 198 stk. 2 pools the children of one household. Each
     * household-month's refund (net cost floored at 0, against 1/12 of
     * the year's thresholds, rounded to øre) is summed per month. */
    kpi_reimbursement_source src;
    kpi_dataset_reimbursement(ds, ctx->year, &src);
    kpi_money by_month[12] = {0}, reimbursement = 0;
    /* Last year's pass keeps only the month M's refund: only M is
     * walked and reckoned (months [m0, m0 + nm) of the year). */
    int m0 = by_child ? 0 : ctx->month.month - 1, nm = by_child ? 12 : 1;
    kpi_date m0_day = ctx->year_start;
    if (!by_child &&
        kpi_date_from_ymd(ctx->year, m0 + 1, 1, &m0_day) != KPI_OK) {
        st = KPI_ERR_ARG;
        goto done;
    }
    size_t n_order = hh.n ? hh.end[hh.n - 1] : 0;
    for (size_t h = 0; h < hh.n; h++) {
        /* All twelve zeroed: the incomes below may fall in any month. */
        kpi_money household[12] = {0};
        size_t begin = h ? hh.end[h - 1] : 0;
        for (size_t j = begin + KPI_PREFETCH_AHEAD;
             j < hh.end[h] + KPI_PREFETCH_AHEAD && j < n_order; j++)
            KPI_PREFETCH(&ds->measures.items[hh.order[j]]);
        if (by_child &&
            (st = sort_by_child(hh.order + begin, hh.end[h] - begin, ds, a,
                                &scratch, &scratch_cap)) != KPI_OK)
            goto done;
        child_sum child = {0, 0, 0};
        for (size_t j = begin; j < hh.end[h]; j++) {
            const kpi_measure *m = &ds->measures.items[hh.order[j]];
            /* The year's cost is the sum of its months (SPEC §4), the
             * same months the reimbursement reckons with. */
            /* Only months [lo, hi) are written, and read. */
            kpi_money months[12], cost = 0;
            int lo, hi;
            kpi_month_amounts(m->price, (kpi_unit)m->unit, m->start,
                              kpi_measure_assumed_end(m, ctx),
                              (kpi_month){ctx->year, m0 + 1}, m0_day, nm,
                              months, &lo, &hi);
            /* Types outside the scheme (reimbursable = no: objective
             * financing) add nothing to the household. */
            bool reimbursable =
                !kpi_dataset_type(ds, m->type)->not_reimbursable;
            for (int k = lo; k < hi; k++) {
                cost += months[k];
                if (reimbursable)
                    household[m0 + k] += months[k];
            }
            if (!by_child)
                continue;
            child_add(&child, ds, hh.order[j], cost);
            /* The child's last measure: its sum is complete. */
            if ((j + 1 == hh.end[h] ||
                 ds->measures.items[hh.order[j + 1]].child != m->child)) {
                if ((st = costly_add(&kids, a, m->child, &child)) != KPI_OK)
                    goto done;
                child = (child_sum){0, 0, 0};
            }
        }
        for (; next_income < n_incomes && incomes[next_income].household == h;
             next_income++)
            household[incomes[next_income].month] +=
                incomes[next_income].amount;
        for (int k = m0; k < m0 + nm; k++)
            by_month[k] += kpi_reimbursement_month(household[k], &src.rule);
    }
    for (int mo = 0; mo < 12; mo++)
        reimbursement += by_month[mo];
    households_free(a, &hh);
    hh = (households){0};
    kpi_xfree(a, scratch);
    scratch = NULL;

    if (by_child && (st = year_rows(out, ctx, &kids, reimbursement)) != KPI_OK)
        goto done;
    /* The refund of each month of the year so far, after the year's rows
     * (the estimate above includes the months still to come). */
    for (int mo = m0 + 1; mo <= ctx->month.month; mo++) {
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
    households_free(a, &hh);
    kpi_xfree(a, incomes);
    kpi_xfree(a, kids.items);
    kpi_xfree(a, scratch);
    return st;
}
