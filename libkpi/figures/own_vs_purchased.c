/* own_vs_purchased.c - own measures against those bought from others
 * (SPEC §5 own_vs_purchased): disposed in the whole of Y and full-year
 * recipients per provider kind and category, and expense and income
 * booked to date.
 *
 * Groups: the four provider kinds (kpi_provider_kind), "purchased" (the
 * three that are not own), the two categories and the total. */
#include "figures/figure.h"
#include "rules/disposal.h"
#include "rules/full_year.h"

#include <string.h>

enum {
    GROUP_PURCHASED = KPI_PROVIDER_COUNT,
    GROUP_CATEGORY = GROUP_PURCHASED + 1,
    GROUP_TOTAL = GROUP_CATEGORY + KPI_CATEGORY_COUNT,
    GROUP_COUNT
};

typedef struct owner_sums {
    kpi_money amount; /* disposed in the whole of Y */
    kpi_money booked; /* expense booked to date */
    kpi_money income; /* income booked to date */
    double recipients;
} owner_sums;

typedef struct owner_arg {
    const kpi_config *cfg;
} owner_arg;

static size_t owner_groups(const kpi_measure *m, const kpi_config *cfg,
                           size_t groups[KPI_FULL_YEAR_MAX_GROUPS])
{
    size_t k = 0;
    groups[k++] = GROUP_TOTAL;
    if (m->provider_kind < KPI_PROVIDER_COUNT) {
        groups[k++] = m->provider_kind;
        if (m->provider_kind != KPI_PROVIDER_OWN)
            groups[k++] = GROUP_PURCHASED;
    }
    if (m->type < cfg->n_types)
        groups[k++] =
            GROUP_CATEGORY + cfg->types[m->type].category % KPI_CATEGORY_COUNT;
    return k;
}

static size_t owner_group_fn(const kpi_measure *m, void *arg,
                             size_t groups[KPI_FULL_YEAR_MAX_GROUPS])
{
    return owner_groups(m, ((const owner_arg *)arg)->cfg, groups);
}

/* A posting's groups: like a measure's, but a posting without a provider
 * kind is in the total and its category only. */
static size_t posting_groups(const kpi_posting *p, const kpi_config *cfg,
                             size_t groups[KPI_FULL_YEAR_MAX_GROUPS])
{
    kpi_measure m;
    memset(&m, 0, sizeof m);
    m.provider_kind = p->provider_kind;
    m.type = p->type;
    return owner_groups(&m, cfg, groups);
}

static kpi_status owner_emit(kpi_figures *f, const kpi_context *ctx,
                             bool to_date, const char *dim, const char *member,
                             const owner_sums *s)
{
    const char *id = "own_vs_purchased";
    kpi_status st;
    if (to_date) {
        const char *p = ctx->period_to_date;
        if ((st = kpi_figures_add_money(f, id, p, dim, member, "booked",
                                        s->booked)) != KPI_OK)
            return st;
        return kpi_figures_add_money(f, id, p, dim, member, "income",
                                     s->income);
    }
    const char *p = ctx->period_year;
    if ((st = kpi_figures_add_money(f, id, p, dim, member, "amount",
                                    s->amount)) != KPI_OK)
        return st;
    return kpi_figures_add_real(f, id, p, dim, member, "full_year_recipients",
                                s->recipients);
}

kpi_status kpi_fig_own_vs_purchased(kpi_figures *out, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_MEASURES])
        return KPI_OK;
    const kpi_config *cfg = ds->config;
    owner_sums sums[GROUP_COUNT];
    memset(sums, 0, sizeof sums);
    size_t groups[KPI_FULL_YEAR_MAX_GROUPS];
    /* Last year's rows keep only the booked ones to date (rules/context.h):
     * the year's disposed amounts and recipients are this year's alone. */
    bool year = !ctx->last_year;

    for (size_t i = 0; year && i < ds->measures.count; i++) {
        const kpi_measure *m = &ds->measures.items[i];
        if (m->cancelled)
            continue;
        kpi_disposal d;
        kpi_measure_disposal_year(m, ctx, &d);
        if (!d.active_year)
            continue;
        size_t k = owner_groups(m, cfg, groups);
        for (size_t j = 0; j < k; j++)
            sums[groups[j]].amount += d.year;
    }
    bool postings = ds->present[KPI_FILE_POSTINGS];
    if (postings) {
        for (size_t i = 0; i < ds->postings.count; i++) {
            const kpi_posting *p = &ds->postings.items[i];
            if (p->year != ctx->year || p->month < 1 ||
                p->month > ctx->month.month)
                continue;
            /* Prior-year adjustments are neither this year's purchases nor
             * sales of places, so they are left out here. */
            if (p->kind != KPI_POSTING_EXPENSE && p->kind != KPI_POSTING_INCOME)
                continue;
            size_t k = posting_groups(p, cfg, groups);
            for (size_t j = 0; j < k; j++) {
                if (p->kind == KPI_POSTING_EXPENSE)
                    sums[groups[j]].booked += p->amount;
                else
                    sums[groups[j]].income += p->amount;
            }
        }
    }
    double recipients[GROUP_COUNT] = {0};
    kpi_date year_end;
    kpi_date_from_ymd(ctx->year, 12, 31, &year_end);
    owner_arg arg = {cfg};
    kpi_status st =
        year ? kpi_full_year_groups(ctx, ctx->year_start, year_end, GROUP_COUNT,
                                    owner_group_fn, &arg, recipients)
             : KPI_OK;
    if (st != KPI_OK)
        return st;
    for (size_t g = 0; g < GROUP_COUNT; g++)
        sums[g].recipients = recipients[g];

    /* Members by code, bytewise: municipal, own, private, purchased,
     * regional. */
    static const struct {
        const char *code;
        size_t group;
    } members[] = {
        {"municipal", KPI_PROVIDER_MUNICIPAL}, {"own", KPI_PROVIDER_OWN},
        {"private", KPI_PROVIDER_PRIVATE},     {"purchased", GROUP_PURCHASED},
        {"regional", KPI_PROVIDER_REGIONAL},
    };
    for (int pass = postings ? 0 : 1; pass < (year ? 2 : 1); pass++) {
        bool to_date = pass == 0;
        if ((st = owner_emit(out, ctx, to_date, NULL, NULL,
                             &sums[GROUP_TOTAL])) != KPI_OK)
            return st;
        for (size_t i = 0; i < sizeof members / sizeof members[0]; i++)
            if ((st = owner_emit(out, ctx, to_date, "provider_kind",
                                 members[i].code, &sums[members[i].group])) !=
                KPI_OK)
                return st;
        for (int c = 0; c < KPI_CATEGORY_COUNT; c++)
            if ((st = owner_emit(out, ctx, to_date, "category",
                                 kpi_category_code((kpi_category)c),
                                 &sums[GROUP_CATEGORY + c])) != KPI_OK)
                return st;
    }
    return KPI_OK;
}
