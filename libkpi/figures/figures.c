/* figures.c - the set of computed figures: rows in export order, the
 * disposition table, the compute loop over the catalogue, and the
 * conventions every figure shares (assumed end, age groups). */
#include "figures/figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct kpi_figures {
    kpi_allocator alloc_store;
    const kpi_allocator *alloc;
    kpi_symtab *strings; /* every string a row or disposition points to */
    kpi_row *rows;
    size_t n_rows, cap_rows;
    kpi_disposition *dispositions;
    size_t n_dispositions, cap_dispositions;
    kpi_issue *issues;
    size_t n_issues, cap_issues;
};

const char *const kpi_age_groups[KPI_AGE_GROUP_COUNT] = {
    "0-5", "6-11", "12-14", "15-17", "18-22",
};

int kpi_age_group_index(int age)
{
    if (age < 0 || age > 22)
        return -1;
    if (age <= 5)
        return 0;
    if (age <= 11)
        return 1;
    if (age <= 14)
        return 2;
    if (age <= 17)
        return 3;
    return 4;
}

const char *kpi_age_group(int age)
{
    int i = kpi_age_group_index(age);
    return i < 0 ? NULL : kpi_age_groups[i];
}

kpi_date kpi_measure_assumed_end(const kpi_measure *m, const kpi_context *ctx)
{
    if (m->end != KPI_DATE_NONE)
        return m->end;
    if (m->planned_end != KPI_DATE_NONE && m->planned_end >= ctx->as_of)
        return m->planned_end;
    kpi_date end;
    kpi_date_from_ymd(ctx->year + 1, 12, 31, &end);
    return end;
}

kpi_money kpi_measure_disposed_month(const kpi_measure *m,
                                     const kpi_context *ctx, int year,
                                     int month)
{
    if (m->cancelled)
        return 0;
    return kpi_measure_month_amount(m->price, (kpi_unit)m->unit, m->start,
                                    kpi_measure_assumed_end(m, ctx), year,
                                    month);
}

kpi_money kpi_measure_monthly_price(const kpi_measure *m)
{
    switch ((kpi_unit)m->unit) {
    case KPI_UNIT_MONTH:
        return m->price;
    case KPI_UNIT_DAY:
        return m->price * 30;
    case KPI_UNIT_WEEK:
        return kpi_div_round(m->price * 30, 7);
    case KPI_UNIT_YEAR:
        return kpi_div_round(m->price, 12);
    }
    return m->price;
}

kpi_money kpi_measure_disposed_year(const kpi_measure *m,
                                    const kpi_context *ctx)
{
    if (m->cancelled)
        return 0;
    /* Only the months the measure overlaps are summed: most measures of a
     * large dataset run a few months of Y. */
    int y0, m0, d0, y1, m1, d1;
    kpi_date_to_ymd(m->start, &y0, &m0, &d0);
    kpi_date_to_ymd(kpi_measure_assumed_end(m, ctx), &y1, &m1, &d1);
    if (y0 > ctx->year || y1 < ctx->year)
        return 0;
    int first = y0 < ctx->year ? 1 : m0, last = y1 > ctx->year ? 12 : m1;
    kpi_money cost = 0;
    for (int mo = first; mo <= last; mo++)
        cost += kpi_measure_disposed_month(m, ctx, ctx->year, mo);
    return cost;
}

typedef struct code_index {
    const char *code;
    uint16_t index;
} code_index;

static int code_index_cmp(const void *a, const void *b)
{
    const code_index *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (c)
        return c;
    return (x->index > y->index) - (x->index < y->index);
}

kpi_status kpi_type_order(const kpi_context *ctx, uint16_t **out)
{
    const kpi_config *cfg = ctx->ds->config;
    size_t n = cfg->n_types;
    code_index *tmp = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *tmp);
    uint16_t *order = kpi_xcalloc(ctx->alloc, n ? n : 1, sizeof *order);
    if (!tmp || !order) {
        kpi_xfree(ctx->alloc, tmp);
        kpi_xfree(ctx->alloc, order);
        return KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        tmp[i].code = cfg->types[i].code;
        tmp[i].index = (uint16_t)i;
    }
    qsort(tmp, n, sizeof *tmp, code_index_cmp);
    for (size_t i = 0; i < n; i++)
        order[i] = tmp[i].index;
    kpi_xfree(ctx->alloc, tmp);
    *out = order;
    return KPI_OK;
}

void kpi_target_order(size_t order[KPI_TARGET_COUNT])
{
    for (size_t i = 0; i < KPI_TARGET_COUNT; i++)
        order[i] = i;
    for (size_t i = 1; i < KPI_TARGET_COUNT; i++) {
        size_t v = order[i], j = i;
        while (j > 0 &&
               strcmp(kpi_target_group_code((kpi_target_group)order[j - 1]),
                      kpi_target_group_code((kpi_target_group)v)) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
}

/* ---- building the rows ------------------------------------------------ */

static kpi_status intern(kpi_figures *f, const char *s, const char **out)
{
    if (!s) {
        *out = NULL;
        return KPI_OK;
    }
    kpi_sym sym;
    kpi_status st = kpi_symtab_intern(f->strings, s, strlen(s), &sym, NULL);
    if (st != KPI_OK)
        return st;
    *out = kpi_symtab_str(f->strings, sym);
    return KPI_OK;
}

kpi_status kpi_figures_add(kpi_figures *f, const kpi_row *row)
{
    if (!f || !row || !row->kpi_id || !row->period || !row->stat ||
        (!row->dimension) != (!row->member) ||
        (!row->dimension2) != (!row->member2))
        return KPI_ERR_ARG;
    kpi_status st = kpi_grow(f->alloc, (void **)&f->rows, &f->cap_rows,
                             f->n_rows + 1, sizeof *f->rows);
    if (st != KPI_OK)
        return st;
    kpi_row r = *row;
    if ((st = intern(f, row->kpi_id, &r.kpi_id)) != KPI_OK ||
        (st = intern(f, row->period, &r.period)) != KPI_OK ||
        (st = intern(f, row->dimension, &r.dimension)) != KPI_OK ||
        (st = intern(f, row->member, &r.member)) != KPI_OK ||
        (st = intern(f, row->dimension2, &r.dimension2)) != KPI_OK ||
        (st = intern(f, row->member2, &r.member2)) != KPI_OK ||
        (st = intern(f, row->stat, &r.stat)) != KPI_OK ||
        (st = intern(f, row->kind == KPI_VALUE_TEXT ? row->text : NULL,
                     &r.text)) != KPI_OK)
        return st;
    if (r.kind == KPI_VALUE_TEXT && !r.text)
        return KPI_ERR_ARG;
    /* An empty member ("" caseworker) would export as "caseworker=";
     * the empty string interns to "" which is kept as is. */
    f->rows[f->n_rows++] = r;
    return KPI_OK;
}

static kpi_status add_simple(kpi_figures *f, const char *kpi_id,
                             const char *period, const char *dimension,
                             const char *member, const char *stat,
                             kpi_value_kind kind, int64_t integer, double real)
{
    kpi_row r = {kpi_id, period, dimension, member, NULL,
                 NULL,   stat,   kind,      integer, real,
                 NULL};
    return kpi_figures_add(f, &r);
}

kpi_status kpi_figures_add_count(kpi_figures *f, const char *kpi_id,
                                 const char *period, const char *dimension,
                                 const char *member, const char *stat,
                                 int64_t count)
{
    return add_simple(f, kpi_id, period, dimension, member, stat,
                      KPI_VALUE_COUNT, count, 0);
}

kpi_status kpi_figures_add_money(kpi_figures *f, const char *kpi_id,
                                 const char *period, const char *dimension,
                                 const char *member, const char *stat,
                                 kpi_money amount)
{
    return add_simple(f, kpi_id, period, dimension, member, stat,
                      KPI_VALUE_MONEY, amount, 0);
}

kpi_status kpi_figures_add_real(kpi_figures *f, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat,
                                double value)
{
    if (!isfinite(value))
        return KPI_ERR_RANGE;
    return add_simple(f, kpi_id, period, dimension, member, stat,
                      KPI_VALUE_REAL, 0, value);
}

kpi_status kpi_figures_add_text(kpi_figures *f, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat,
                                const char *text)
{
    kpi_row r = {kpi_id, period, dimension, member, NULL,
                 NULL,   stat,   KPI_VALUE_TEXT, 0, 0,
                 text};
    return kpi_figures_add(f, &r);
}

kpi_status kpi_figures_add_disposition(kpi_figures *f,
                                       const kpi_disposition *row)
{
    if (!f || !row)
        return KPI_ERR_ARG;
    kpi_status st = kpi_grow(f->alloc, (void **)&f->dispositions,
                             &f->cap_dispositions, f->n_dispositions + 1,
                             sizeof *f->dispositions);
    if (st != KPI_OK)
        return st;
    kpi_disposition d = *row;
    if ((st = intern(f, row->measure_id ? row->measure_id : "",
                     &d.measure_id)) != KPI_OK ||
        (st = intern(f, row->child_id ? row->child_id : "", &d.child_id)) !=
            KPI_OK ||
        (st = intern(f, row->measure_type ? row->measure_type : "",
                     &d.measure_type)) != KPI_OK ||
        (st = intern(f, row->caseworker ? row->caseworker : "",
                     &d.caseworker)) != KPI_OK ||
        (st = intern(f, row->team ? row->team : "", &d.team)) != KPI_OK)
        return st;
    f->dispositions[f->n_dispositions++] = d;
    return KPI_OK;
}

kpi_status kpi_figures_add_issue(kpi_figures *f, const kpi_issue *issue)
{
    if (!f || !issue)
        return KPI_ERR_ARG;
    kpi_status st = kpi_grow(f->alloc, (void **)&f->issues, &f->cap_issues,
                             f->n_issues + 1, sizeof *f->issues);
    if (st != KPI_OK)
        return st;
    kpi_issue x = *issue;
    if ((st = intern(f, issue->check ? issue->check : "", &x.check)) !=
            KPI_OK ||
        (st = intern(f, issue->file ? issue->file : "", &x.file)) != KPI_OK ||
        (st = intern(f, issue->message ? issue->message : "", &x.message)) !=
            KPI_OK)
        return st;
    f->issues[f->n_issues++] = x;
    return KPI_OK;
}

kpi_status kpi_figures_insert(kpi_figures *f, const size_t *after,
                              const kpi_row *rows, size_t n)
{
    if (!f || (n && (!after || !rows)))
        return KPI_ERR_ARG;
    size_t old = f->n_rows;
    for (size_t i = 0; i < n; i++)
        if (after[i] >= old || (i && after[i] < after[i - 1]))
            return KPI_ERR_ARG;
    /* Append them (copying their strings), then move every row to its
     * place in one backward pass. */
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < n && st == KPI_OK; i++)
        st = kpi_figures_add(f, &rows[i]);
    kpi_row *added = NULL;
    if (st == KPI_OK && n) {
        added = kpi_xreallocarray(f->alloc, NULL, n, sizeof *added);
        if (!added)
            st = KPI_ERR_NOMEM;
    }
    if (st != KPI_OK) {
        f->n_rows = old; /* as if nothing happened */
        return st;
    }
    if (n)
        memcpy(added, f->rows + old, n * sizeof *added);
    size_t w = old + n, r = old;
    for (size_t i = n; i-- > 0;) {
        while (r > after[i] + 1)
            f->rows[--w] = f->rows[--r];
        f->rows[--w] = added[i];
    }
    kpi_xfree(f->alloc, added);
    return KPI_OK;
}

/* ---- the result object ------------------------------------------------ */

static kpi_figures *figures_new(const kpi_allocator *a)
{
    kpi_figures *f = kpi_xcalloc(a, 1, sizeof *f);
    if (!f)
        return NULL;
    if (a) {
        f->alloc_store = *a;
        f->alloc = &f->alloc_store;
    }
    f->strings = kpi_symtab_new(f->alloc);
    if (!f->strings) {
        kpi_figures_free(f);
        return NULL;
    }
    return f;
}

void kpi_figures_free(kpi_figures *f)
{
    if (!f)
        return;
    kpi_symtab_free(f->strings);
    kpi_xfree(f->alloc, f->rows);
    kpi_xfree(f->alloc, f->dispositions);
    kpi_xfree(f->alloc, f->issues);
    kpi_allocator copy = f->alloc_store;
    kpi_xfree(f->alloc ? &copy : NULL, f);
}

size_t kpi_figures_row_count(const kpi_figures *f)
{
    return f ? f->n_rows : 0;
}

const kpi_row *kpi_figures_row(const kpi_figures *f, size_t i)
{
    return f && i < f->n_rows ? &f->rows[i] : NULL;
}

static bool same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

const kpi_row *kpi_figures_find(const kpi_figures *f, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat)
{
    if (!f || !kpi_id || !period || !stat || (dimension && !member))
        return NULL;
    /* A figure's rows are contiguous (the compute loop adds one figure at
     * a time): skip to its first row, then stop after its last. */
    size_t i = 0;
    while (i < f->n_rows && strcmp(f->rows[i].kpi_id, kpi_id) != 0)
        i++;
    for (; i < f->n_rows && strcmp(f->rows[i].kpi_id, kpi_id) == 0; i++) {
        const kpi_row *r = &f->rows[i];
        if (!r->dimension2 && same(r->dimension, dimension) &&
            same(r->member, dimension ? member : NULL) &&
            strcmp(r->period, period) == 0 && strcmp(r->stat, stat) == 0)
            return r;
    }
    return NULL;
}

size_t kpi_figures_disposition_count(const kpi_figures *f)
{
    return f ? f->n_dispositions : 0;
}

const kpi_disposition *kpi_figures_disposition(const kpi_figures *f, size_t i)
{
    return f && i < f->n_dispositions ? &f->dispositions[i] : NULL;
}

size_t kpi_figures_issue_count(const kpi_figures *f)
{
    return f ? f->n_issues : 0;
}

const kpi_issue *kpi_figures_issue(const kpi_figures *f, size_t i)
{
    return f && i < f->n_issues ? &f->issues[i] : NULL;
}

static void context_init(kpi_context *ctx, const kpi_dataset *ds, kpi_month m)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->ds = ds;
    ctx->alloc = ds->alloc;
    ctx->month = m;
    ctx->year = m.year;
    ctx->as_of = kpi_month_last_day(m);
    kpi_date_from_ymd(m.year, 1, 1, &ctx->year_start);
    kpi_date_format(ctx->as_of, ctx->period_day);
    snprintf(ctx->period_month, sizeof ctx->period_month, "%04d-%02d",
             m.year % 10000, m.month % 100);
    snprintf(ctx->period_to_date, sizeof ctx->period_to_date,
             "%04d-01..%04d-%02d", m.year % 10000, m.year % 10000,
             m.month % 100);
    snprintf(ctx->period_year, sizeof ctx->period_year, "%04d",
             m.year % 10000);
    snprintf(ctx->period_next_year, sizeof ctx->period_next_year, "%04d",
             (m.year + 1) % 10000);
}

kpi_status kpi_figures_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               kpi_figures **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    /* Y+1 must be a valid year too: the disposition runs into it. */
    if (!dataset || m.year < 2 || m.year > 9998 || m.month < 1 ||
        m.month > 12)
        return KPI_ERR_ARG;
    const kpi_allocator *a = options ? options->allocator : NULL;
    kpi_figures *f = figures_new(a);
    if (!f)
        return KPI_ERR_NOMEM;
    kpi_context ctx;
    context_init(&ctx, dataset, m);
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        kpi_figure_fn fn = kpi_catalog_figure_fn(i);
        if (fn && (st = fn(f, &ctx)) != KPI_OK)
            break;
    }
    if (st == KPI_OK)
        st = kpi_targets_apply(f, &ctx);
    if (st != KPI_OK) {
        kpi_figures_free(f);
        return st;
    }
    *out = f;
    return KPI_OK;
}

/* ---- the long export (SPEC §8) ----------------------------------------- */

void kpi_row_format_value(const kpi_row *row, char buf[48])
{
    switch (row->kind) {
    case KPI_VALUE_COUNT:
        snprintf(buf, 48, "%lld", (long long)row->integer);
        return;
    case KPI_VALUE_MONEY:
        kpi_money_format(row->integer, buf);
        return;
    case KPI_VALUE_REAL: {
        /* Four decimals, trailing zeros dropped: shares and full-year
         * recipients are exact enough, and the text is stable. */
        double v = row->real;
        if (fabs(v) < 0.00005)
            v = 0; /* no "-0" */
        snprintf(buf, 48, "%.4f", v);
        char *dot = strchr(buf, '.');
        if (dot) {
            char *end = buf + strlen(buf) - 1;
            while (end > dot && *end == '0')
                *end-- = '\0';
            if (end == dot)
                *end = '\0';
        }
        return;
    }
    case KPI_VALUE_TEXT:
        snprintf(buf, 48, "%s", row->text ? row->text : "");
        return;
    }
    buf[0] = '\0';
}

/* Writes a field, quoted as CSV when it holds the separator, a quote or
 * a line break (free-text members such as provider names can). */
static void write_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ";\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void write_breakdown(FILE *out, const kpi_row *r)
{
    char buf[1024];
    if (!r->dimension) {
        fputs("total", out);
        return;
    }
    if (r->dimension2)
        snprintf(buf, sizeof buf, "%s=%s,%s=%s", r->dimension, r->member,
                 r->dimension2, r->member2);
    else
        snprintf(buf, sizeof buf, "%s=%s", r->dimension, r->member);
    write_field(out, buf);
}

kpi_status kpi_export_write(const kpi_figures *f, FILE *out)
{
    if (!f || !out)
        return KPI_ERR_ARG;
    fputs("kpi_id;period;breakdown;stat;value\n", out);
    for (size_t i = 0; i < f->n_rows; i++) {
        const kpi_row *r = &f->rows[i];
        char value[48];
        kpi_row_format_value(r, value);
        fputs(r->kpi_id, out);
        fputc(';', out);
        fputs(r->period, out);
        fputc(';', out);
        write_breakdown(out, r);
        fputc(';', out);
        fputs(r->stat, out);
        fputc(';', out);
        write_field(out, value);
        fputc('\n', out);
    }
    return ferror(out) ? KPI_ERR_IO : KPI_OK;
}
