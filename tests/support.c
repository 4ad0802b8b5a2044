/* support.c - see support.h. */
#include "support.h"

#include "catalog/catalog.h"
#include "kpi/read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

kpi_date D(const char *text)
{
    kpi_date d;
    if (kpi_date_parse(text, (size_t)-1, &d) != KPI_OK)
        fail_msg("not a date: '%s'", text);
    return d;
}

kpi_money KR(const char *text)
{
    kpi_money m;
    if (kpi_money_parse(text, (size_t)-1, &m) != KPI_OK)
        fail_msg("not an amount: '%s'", text);
    return m;
}

kpi_sym support_sym(kpi_dataset *ds, const char *s)
{
    kpi_sym out;
    assert_int_equal(kpi_symtab_intern(ds->syms, s, strlen(s), &out, NULL),
                     KPI_OK);
    return out;
}

static uint16_t type_index(const kpi_dataset *ds, const char *code)
{
    int t = kpi_config_find_type(ds->config, code, strlen(code));
    if (t < 0)
        fail_msg("unknown measure type '%s'", code);
    return (uint16_t)t;
}

static uint8_t provider_kind(const char *s)
{
    for (int k = 0; k < KPI_PROVIDER_COUNT; k++)
        if (strcmp(s, kpi_provider_kind_code((kpi_provider_kind)k)) == 0)
            return (uint8_t)k;
    fail_msg("unknown provider kind '%s'", s);
    return 0;
}

kpi_dataset *support_dataset(void)
{
    kpi_dataset *ds = kpi_dataset_new_empty(NULL);
    assert_non_null(ds);
    ds->present[KPI_FILE_MEASURES] = true;
    return ds;
}

kpi_measure *support_add_measure(kpi_dataset *ds, const support_measure *s)
{
    assert_non_null(s->type);
    assert_non_null(s->start);
    assert_non_null(s->price);
    kpi_measure *m = KPI_ARRAY_PUSH(ds->alloc, &ds->measures);
    assert_non_null(m);
    char id[32];
    snprintf(id, sizeof id, "M%zu", ds->measures.count);
    const char *child = s->child ? s->child : "B1";
    const char *mid = s->id ? s->id : id;
    assert_int_equal(
        kpi_symtab_intern(ds->ids, mid, strlen(mid), &m->id, NULL), KPI_OK);
    m->child = support_sym(ds, child);
    m->family = support_sym(ds, s->family ? s->family : child);
    m->provider = support_sym(ds, s->provider ? s->provider : "");
    m->caseworker = support_sym(ds, s->caseworker ? s->caseworker : "SB1");
    m->team = support_sym(ds, s->team ? s->team : "");
    m->birth = D(s->birth ? s->birth : "2012-06-15");
    m->start = D(s->start);
    m->end = s->end ? D(s->end) : KPI_DATE_NONE;
    m->planned_end = s->planned_end ? D(s->planned_end) : KPI_DATE_NONE;
    m->price = KR(s->price);
    m->type = type_index(ds, s->type);
    const char *tg = s->target_group ? s->target_group : "social";
    if (strcmp(tg, "social") == 0)
        m->target_group = KPI_TARGET_SOCIAL;
    else if (strcmp(tg, "handicap") == 0)
        m->target_group = KPI_TARGET_HANDICAP;
    else
        fail_msg("unknown target group '%s'", tg);
    m->provider_kind = provider_kind(s->provider_kind ? s->provider_kind
                                                      : "own");
    kpi_unit unit = KPI_UNIT_MONTH;
    if (s->unit && kpi_unit_parse(s->unit, &unit) != KPI_OK)
        fail_msg("unknown unit '%s'", s->unit);
    m->unit = (uint8_t)unit;
    m->cancelled = m->end != KPI_DATE_NONE && m->end == m->start - 1;
    m->line = (uint32_t)ds->measures.count + 1;
    return m;
}

kpi_posting *support_add_posting(kpi_dataset *ds, const char *period,
                                 const char *type, const char *kind,
                                 const char *pk, const char *amount,
                                 const char *child)
{
    kpi_month month;
    assert_int_equal(kpi_month_parse(period, &month), KPI_OK);
    kpi_posting *p = KPI_ARRAY_PUSH(ds->alloc, &ds->postings);
    assert_non_null(p);
    ds->present[KPI_FILE_POSTINGS] = true;
    p->year = (int16_t)month.year;
    p->month = (uint8_t)month.month;
    p->type = type_index(ds, type);
    if (strcmp(kind, "expense") == 0)
        p->kind = KPI_POSTING_EXPENSE;
    else if (strcmp(kind, "income") == 0)
        p->kind = KPI_POSTING_INCOME;
    else if (strcmp(kind, "prior_year") == 0)
        p->kind = KPI_POSTING_PRIOR_YEAR;
    else
        fail_msg("unknown posting kind '%s'", kind);
    p->provider_kind = pk ? provider_kind(pk) : KPI_PROVIDER_UNKNOWN;
    p->child = child ? support_sym(ds, child) : KPI_SYM_NONE;
    p->amount = KR(amount);
    p->line = (uint32_t)ds->postings.count + 1;
    return p;
}

kpi_budget_line *support_add_budget(kpi_dataset *ds, const char *type,
                                    const char *annual,
                                    const char *const *months,
                                    const char *recipients, const char *price)
{
    kpi_budget_line *b = KPI_ARRAY_PUSH(ds->alloc, &ds->budget);
    assert_non_null(b);
    ds->present[KPI_FILE_BUDGET] = true;
    b->type = type_index(ds, type);
    b->annual = KR(annual);
    if (months) {
        b->has_months = true;
        for (int i = 0; i < 12; i++)
            b->months[i] = KR(months[i]);
    }
    if (recipients) {
        b->has_recipients = true;
        b->recipients = strtod(recipients, NULL);
    }
    if (price) {
        b->has_price = true;
        b->price = KR(price);
    }
    b->line = (uint32_t)ds->budget.count + 1;
    return b;
}

kpi_figures *support_compute(const kpi_dataset *ds, const char *month)
{
    kpi_month m;
    assert_int_equal(kpi_month_parse(month, &m), KPI_OK);
    kpi_figures *f = NULL;
    assert_int_equal(kpi_catalog_compute(ds, m, NULL, false, &f), KPI_OK);
    assert_non_null(f);
    return f;
}

kpi_context support_context(const kpi_dataset *ds, const char *month)
{
    kpi_month m;
    assert_int_equal(kpi_month_parse(month, &m), KPI_OK);
    kpi_context ctx;
    kpi_context_init(&ctx, ds, m);
    return ctx;
}

static bool breakdown_matches(const kpi_row *r, const char *breakdown)
{
    char buf[1024];
    if (!r->dimension)
        return strcmp(breakdown, "total") == 0;
    if (r->dimension2)
        snprintf(buf, sizeof buf, "%s=%s,%s=%s", r->dimension, r->member,
                 r->dimension2, r->member2);
    else
        snprintf(buf, sizeof buf, "%s=%s", r->dimension, r->member);
    return strcmp(buf, breakdown) == 0;
}

const kpi_row *find_row(const kpi_figures *f, const char *kpi_id,
                        const char *period, const char *breakdown,
                        const char *stat)
{
    const kpi_row *found = NULL;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, kpi_id) == 0 &&
            strcmp(r->period, period) == 0 && strcmp(r->stat, stat) == 0 &&
            breakdown_matches(r, breakdown)) {
            if (found)
                fail_msg("two rows %s;%s;%s;%s", kpi_id, period, breakdown,
                         stat);
            found = r;
        }
    }
    return found;
}

static const kpi_row *must_find(const kpi_figures *f, const char *kpi_id,
                                const char *period, const char *breakdown,
                                const char *stat, kpi_value_kind kind)
{
    const kpi_row *r = find_row(f, kpi_id, period, breakdown, stat);
    if (!r)
        fail_msg("no row %s;%s;%s;%s", kpi_id, period, breakdown, stat);
    if (r->kind != kind)
        fail_msg("row %s;%s;%s;%s has another kind (%d)", kpi_id, period,
                 breakdown, stat, (int)r->kind);
    return r;
}

int64_t row_money(const kpi_figures *f, const char *kpi_id,
                  const char *period, const char *breakdown, const char *stat)
{
    return must_find(f, kpi_id, period, breakdown, stat, KPI_VALUE_MONEY)
        ->integer;
}

int64_t row_count(const kpi_figures *f, const char *kpi_id,
                  const char *period, const char *breakdown, const char *stat)
{
    return must_find(f, kpi_id, period, breakdown, stat, KPI_VALUE_COUNT)
        ->integer;
}

double row_real(const kpi_figures *f, const char *kpi_id, const char *period,
                const char *breakdown, const char *stat)
{
    return must_find(f, kpi_id, period, breakdown, stat, KPI_VALUE_REAL)
        ->real;
}

void support_write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        fail_msg("cannot write %s", path);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

char *support_tempdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/kpi-test-XXXXXX", base ? base : "/tmp");
    char *dir = mkdtemp(tmpl);
    if (!dir)
        fail_msg("mkdtemp failed");
    return strdup(dir);
}

void support_rmdir(char *dir)
{
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fail_msg("cannot remove %s", dir);
    free(dir);
}

char *support_read_part(const char *book, const char *part)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", book, part);
    FILE *p = popen(cmd, "r");
    if (!p)
        fail_msg("cannot run unzip");
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0)
        if ((len += n) + 1 == cap)
            buf = realloc(buf, cap *= 2);
    buf[len] = '\0';
    pclose(p);
    return buf;
}

kpi_dataset *support_compare_dataset(const char *chosen)
{
    kpi_dataset *ds = support_dataset();
    kpi_config *c = ds->config;
    kpi_xfree(NULL, c->municipality);
    c->municipality = kpi_xstrdup(NULL, "Egen Kommune");
    c->children_0_17 = 2000;
    c->children_0_22 = 2500;
    if (chosen)
        c->compare_municipalities = kpi_xstrdup(NULL, chosen);
    c->compare_line = 7;
    return ds;
}

void support_hear(void *ctx, const kpi_diagnostic *d)
{
    support_heard *h = ctx;
    size_t n = strlen(h->text);
    char line[32] = "", key[256] = "";
    if (d->line)
        snprintf(line, sizeof line, ":%lu", d->line);
    if (d->column)
        snprintf(key, sizeof key, "%s: ", d->column);
    snprintf(h->text + n, sizeof h->text - n, "%s%s: %s%s%s\n", d->file, line,
             key, d->severity == KPI_SEVERITY_WARNING ? "warning: " : "",
             d->message);
}

kpi_dataset *support_load(const char *dir)
{
    kpi_load_options lo = {0};
    lo.budget_reader = kpi_budget_read;
    kpi_dataset *ds = NULL;
    kpi_status st = kpi_dataset_load(dir, &lo, &ds, NULL);
    if (st != KPI_OK)
        fail_msg("cannot load %s: %s", dir, kpi_strerror(st));
    return ds;
}

static bool failing_now(support_failing *f)
{
    long n = atomic_fetch_add(&f->calls, 1) + 1;
    return f->fail && (n == f->fail || (f->from && n > f->fail));
}

static void *failing_malloc(size_t size, void *ctx)
{
    support_failing *f = ctx;
    if (failing_now(f))
        return NULL;
    void *p = malloc(size);
    if (p)
        atomic_fetch_add(&f->live, 1);
    return p;
}

static void *failing_realloc(void *ptr, size_t size, void *ctx)
{
    if (!ptr)
        return failing_malloc(size, ctx);
    return failing_now(ctx) ? NULL : realloc(ptr, size);
}

static void failing_free(void *ptr, void *ctx)
{
    support_failing *f = ctx;
    if (ptr)
        atomic_fetch_sub(&f->live, 1);
    free(ptr);
}

kpi_allocator support_failing_allocator(support_failing *f)
{
    return (kpi_allocator){failing_malloc, failing_realloc, failing_free, f};
}
