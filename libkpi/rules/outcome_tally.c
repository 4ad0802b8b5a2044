/* outcome_tally.c - the rows and tallies of the outcome figures
 * (outcome_tally.h). */
#include "rules/outcome_tally.h"

#include <stdlib.h>

static void cell_add(kpi_outcome_cell *c, double value, int trend)
{
    c->n++;
    c->sum += value;
    if (trend >= 0)
        c->trend[trend]++;
}

void kpi_outcome_tally_add(kpi_outcome_tally *t, const kpi_child_state *s,
                           kpi_date date, double value, int trend)
{
    cell_add(&t->total, value, trend);
    if (s->status != KPI_CHILD_STATUS_NONE)
        cell_add(&t->status[s->status], value, trend);
    if (s->target >= 0 && s->target < KPI_TARGET_COUNT)
        cell_add(&t->target[s->target], value, trend);
    if (s->birth != KPI_DATE_NONE) {
        int g = kpi_age_group_index(kpi_date_age(s->birth, date));
        if (g >= 0)
            cell_add(&t->age[g], value, trend);
    }
}

/* Writes one cell (outcome_tally.h says what an empty one gets). */
static kpi_status cell_emit(kpi_figures *out, const char *id,
                            const char *period, const char *dim,
                            const char *member, const kpi_outcome_cell *c,
                            kpi_cell_kind kind)
{
    kpi_status st = KPI_OK;
    if (c->n > 0) {
        double n = (double)c->n;
        switch (kind) {
        case KPI_CELL_MEAN:
            st = kpi_figures_add_real(out, id, period, dim, member, "mean",
                                      c->sum / n);
            break;
        case KPI_CELL_SHARE:
            st = kpi_figures_add_real(out, id, period, dim, member, "share",
                                      c->sum / n);
            break;
        case KPI_CELL_TREND: {
            static const char *const stats[3] = {"improved", "maintained",
                                                 "declined"};
            for (int k = 0; st == KPI_OK && k < 3; k++)
                st = kpi_figures_add_real(out, id, period, dim, member,
                                          stats[k], (double)c->trend[k] / n);
            break;
        }
        }
    }
    if (st == KPI_OK)
        st = kpi_figures_add_count(out, id, period, dim, member, "count", c->n);
    return st;
}

kpi_status kpi_outcome_tally_emit(kpi_figures *out, const char *id,
                                  const char *period,
                                  const kpi_outcome_tally *t,
                                  kpi_cell_kind kind, kpi_outcome_dims d,
                                  bool total_only)
{
    kpi_status st = cell_emit(out, id, period, NULL, NULL, &t->total, kind);
    if (total_only)
        return st;
    for (int i = 0; st == KPI_OK && i < KPI_CHILD_STATUS_COUNT; i++)
        if (t->status[i].n)
            st = cell_emit(out, id, period, "status", kpi_child_status_codes[i],
                           &t->status[i], kind);
    if (d == KPI_DIMS_STATUS_TARGET) {
        /* Enum order is bytewise code order: "handicap" < "social". */
        for (int i = 0; st == KPI_OK && i < KPI_TARGET_COUNT; i++)
            if (t->target[i].n)
                st = cell_emit(out, id, period, "target_group",
                               kpi_target_group_code((kpi_target_group)i),
                               &t->target[i], kind);
    } else {
        for (int i = 0; st == KPI_OK && i < KPI_AGE_GROUP_COUNT; i++)
            if (t->age[i].n)
                st = cell_emit(out, id, period, "age_group", kpi_age_groups[i],
                               &t->age[i], kind);
    }
    return st;
}

void kpi_indicator_rows_free(kpi_indicator_rows *r, const kpi_allocator *a)
{
    kpi_xfree(a, r->keys);
    kpi_xfree(a, r->states);
    memset(r, 0, sizeof *r);
}

kpi_status kpi_indicator_rows_build(kpi_indicator_rows *r,
                                    const kpi_dataset *ds,
                                    const kpi_child_index *ix,
                                    kpi_indicator ind, bool by_parameter,
                                    kpi_date until, const kpi_allocator *a)
{
    memset(r, 0, sizeof *r);
    size_t n = 0;
    for (size_t i = 0; i < ds->outcomes.count; i++) {
        const kpi_outcome_row *o = &ds->outcomes.items[i];
        n += o->indicator == ind && o->date <= until;
    }
    r->keys = kpi_xcalloc(a, n ? n : 1, sizeof *r->keys);
    r->states = kpi_xcalloc(a, n ? n : 1, sizeof *r->states);
    if (!r->keys || !r->states) {
        kpi_indicator_rows_free(r, a);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < ds->outcomes.count; i++) {
        const kpi_outcome_row *o = &ds->outcomes.items[i];
        if (o->indicator == ind && o->date <= until)
            r->keys[r->n++] = (kpi_dated_key){
                o->child, by_parameter ? o->parameter : 0, o->date, i};
    }
    qsort(r->keys, r->n, sizeof *r->keys, kpi_dated_key_cmp);
    for (size_t i = 0; i < r->n; i++)
        r->states[i] = kpi_child_on(ds, ix, r->keys[i].group, r->keys[i].date);
    return KPI_OK;
}

double kpi_indicator_value(const kpi_dataset *ds, const kpi_dated_key *k)
{
    return ds->outcomes.items[k->index].value;
}
