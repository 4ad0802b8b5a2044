/* compare_input.c - the list of comparison values (compare_input.h) and
 * the choice between the two kinds of comparison file. */
#include "input/compare_input.h"

#include <stdio.h>
#include <string.h>

const char *kpi_cmp_measure_code(kpi_cmp_measure m)
{
    switch (m) {
    case KPI_CMP_PLACED:
        return "placed";
    case KPI_CMP_PLACED_0_17:
        return "placed_0_17";
    case KPI_CMP_NEW_PLACEMENTS:
        return "new_placements";
    case KPI_CMP_PREVENTIVE:
        return "preventive";
    case KPI_CMP_CHILDREN_0_17:
        return "children_0_17";
    case KPI_CMP_CHILDREN_0_22:
        return "children_0_22";
    case KPI_CMP_SPEND:
        return "spend";
    }
    return "";
}

kpi_status kpi_cmp_add_source(kpi_cmp_input *in, const char *file,
                              const char *origin, size_t *index)
{
    if (kpi_grow(in->a, (void **)&in->sources, &in->cap_sources,
                 in->n_sources + 1, sizeof *in->sources) != KPI_OK)
        return KPI_ERR_NOMEM;
    kpi_cmp_source *s = &in->sources[in->n_sources];
    memset(s, 0, sizeof *s);
    s->file = kpi_xstrdup(in->a, file);
    s->origin = kpi_xstrdup(in->a, origin);
    in->n_sources++;
    if (!s->file || !s->origin)
        return KPI_ERR_NOMEM;
    *index = in->n_sources - 1;
    return KPI_OK;
}

kpi_status kpi_cmp_add_value(kpi_cmp_input *in, const kpi_cmp_value *v)
{
    if (kpi_grow(in->a, (void **)&in->values, &in->cap_values, in->n_values + 1,
                 sizeof *in->values) != KPI_OK)
        return KPI_ERR_NOMEM;
    kpi_cmp_value *d = &in->values[in->n_values];
    *d = *v;
    d->area = kpi_xstrdup(in->a, v->area);
    if (!d->area)
        return KPI_ERR_NOMEM;
    in->n_values++;
    kpi_cmp_source *s = &in->sources[v->source];
    if (!s->first_year || v->year < s->first_year)
        s->first_year = v->year;
    if (v->year > s->last_year)
        s->last_year = v->year;
    return KPI_OK;
}

/* Folds a municipality's name for matching, without a trailing
 * "Kommune": DST's texts say "Aarhus", kpi.ini's name "Aarhus Kommune".
 * False when the name does not fit out (no municipality's name is that
 * long, and two long ones must not match on their beginnings). */
static bool fold_area(const char *s, char *out, size_t cap)
{
    size_t n = kpi_text_fold(s, strlen(s), out, cap);
    if (n >= cap)
        return false;
    if (n > 7 && strcmp(out + n - 7, "kommune") == 0)
        out[n - 7] = '\0';
    return true;
}

static bool same_area(const char *a, const char *b)
{
    char fa[128], fb[128];
    return fold_area(a, fa, sizeof fa) && fold_area(b, fb, sizeof fb) &&
           strcmp(fa, fb) == 0;
}

const kpi_cmp_value *kpi_cmp_find(const kpi_cmp_input *in, const char *area,
                                  int year, kpi_cmp_measure measure)
{
    for (size_t i = 0; i < in->n_values; i++) {
        const kpi_cmp_value *v = &in->values[i];
        if (v->year != year || v->measure != measure)
            continue;
        if (area ? !v->country && same_area(v->area, area) : v->country)
            return v;
    }
    return NULL;
}

void kpi_cmp_input_free(kpi_cmp_input *in)
{
    if (!in)
        return;
    for (size_t i = 0; i < in->n_sources; i++) {
        kpi_xfree(in->a, in->sources[i].file);
        kpi_xfree(in->a, in->sources[i].origin);
    }
    for (size_t i = 0; i < in->n_values; i++)
        kpi_xfree(in->a, in->values[i].area);
    kpi_xfree(in->a, in->sources);
    kpi_xfree(in->a, in->values);
    const kpi_allocator *a = in->a;
    memset(in, 0, sizeof *in);
    in->a = a;
}

void kpi_cmp_problem(kpi_cmp_report *r, unsigned long line, const char *column,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (kpi_diag_vadd(r->diags, KPI_SEVERITY_ERROR, r->label, line, column, fmt,
                      ap) != KPI_OK)
        r->st = KPI_ERR_NOMEM;
    va_end(ap);
    r->errors++;
}

kpi_status kpi_cmp_read_csv(kpi_cmp_input *in, const char *path,
                            kpi_cmp_report *r, kpi_csv_record_fn header,
                            kpi_csv_record_fn row, void *ctx)
{
    kpi_csv_options o = {0};
    o.alloc = in->a;
    o.label = r->label;
    o.diags = r->diags;
    o.header = header;
    o.row = row;
    o.ctx = ctx;
    kpi_status st = kpi_csv_read_file(&o, path);
    if (st == KPI_OK && r->st != KPI_OK)
        st = r->st;
    if (st == KPI_OK && r->errors)
        st = KPI_ERR_INPUT;
    return st;
}
