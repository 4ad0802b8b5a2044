/* rows.c - the set of computed figures (rows.h): the rows in export
 * order, the disposition table and the issues, every string interned in
 * the set's own symbol table. */
#include "results/rows.h"

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
    kpi_open_case *open_cases;
    size_t n_open_cases, cap_open_cases;
    kpi_due_deadline *due;
    size_t n_due, cap_due;
};

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

/* A copy of s that is not looked up: for the ids of the disposition rows
 * (one or two rows a measure or child), which interning would only make
 * a million cache misses. */
static kpi_status keep(kpi_figures *f, const char *s, const char **out)
{
    kpi_sym sym;
    kpi_status st = kpi_symtab_append(f->strings, s, strlen(s), &sym);
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
    if ((st = keep(f, row->measure_id ? row->measure_id : "",
                   &d.measure_id)) != KPI_OK ||
        (st = keep(f, row->child_id ? row->child_id : "", &d.child_id)) !=
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

kpi_status kpi_figures_add_open_case(kpi_figures *f, const kpi_open_case *c)
{
    if (!f || !c)
        return KPI_ERR_ARG;
    kpi_status st = kpi_grow(f->alloc, (void **)&f->open_cases,
                             &f->cap_open_cases, f->n_open_cases + 1,
                             sizeof *f->open_cases);
    if (st != KPI_OK)
        return st;
    kpi_open_case x = *c;
    if ((st = intern(f, c->case_id ? c->case_id : "", &x.case_id)) !=
            KPI_OK ||
        (st = intern(f, c->child_id ? c->child_id : "", &x.child_id)) !=
            KPI_OK ||
        (st = intern(f, c->caseworker ? c->caseworker : "", &x.caseworker)) !=
            KPI_OK ||
        (st = intern(f, c->team ? c->team : "", &x.team)) != KPI_OK ||
        (st = intern(f, c->next_type ? c->next_type : "", &x.next_type)) !=
            KPI_OK)
        return st;
    f->open_cases[f->n_open_cases++] = x;
    return KPI_OK;
}

kpi_status kpi_figures_add_due_deadline(kpi_figures *f,
                                        const kpi_due_deadline *d)
{
    if (!f || !d)
        return KPI_ERR_ARG;
    kpi_status st = kpi_grow(f->alloc, (void **)&f->due, &f->cap_due,
                             f->n_due + 1, sizeof *f->due);
    if (st != KPI_OK)
        return st;
    kpi_due_deadline x = *d;
    if ((st = intern(f, d->case_id ? d->case_id : "", &x.case_id)) !=
            KPI_OK ||
        (st = intern(f, d->child_id ? d->child_id : "", &x.child_id)) !=
            KPI_OK ||
        (st = intern(f, d->caseworker ? d->caseworker : "", &x.caseworker)) !=
            KPI_OK ||
        (st = intern(f, d->deadline_type ? d->deadline_type : "",
                     &x.deadline_type)) != KPI_OK ||
        (st = intern(f, d->file ? d->file : "", &x.file)) != KPI_OK)
        return st;
    f->due[f->n_due++] = x;
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

/* Makes room for n more elements of an array up front, so that a long
 * table is grown once, not doubled a dozen times while appended to. */
static kpi_status reserve(const kpi_allocator *a, void **array, size_t *cap,
                          size_t count, size_t n, size_t size)
{
    return n ? kpi_grow(a, array, cap, count + n, size) : KPI_OK;
}

kpi_status kpi_figures_append(kpi_figures *f, const kpi_figures *src)
{
    if (!f || !src || f == src)
        return KPI_ERR_ARG;
    kpi_status st = KPI_OK;
    if ((st = reserve(f->alloc, (void **)&f->rows, &f->cap_rows, f->n_rows,
                      src->n_rows, sizeof *f->rows)) != KPI_OK ||
        (st = reserve(f->alloc, (void **)&f->dispositions,
                      &f->cap_dispositions, f->n_dispositions,
                      src->n_dispositions, sizeof *f->dispositions)) !=
            KPI_OK)
        return st;
    for (size_t i = 0; i < src->n_rows && st == KPI_OK; i++)
        st = kpi_figures_add(f, &src->rows[i]);
    for (size_t i = 0; i < src->n_dispositions && st == KPI_OK; i++)
        st = kpi_figures_add_disposition(f, &src->dispositions[i]);
    for (size_t i = 0; i < src->n_issues && st == KPI_OK; i++)
        st = kpi_figures_add_issue(f, &src->issues[i]);
    for (size_t i = 0; i < src->n_open_cases && st == KPI_OK; i++)
        st = kpi_figures_add_open_case(f, &src->open_cases[i]);
    for (size_t i = 0; i < src->n_due && st == KPI_OK; i++)
        st = kpi_figures_add_due_deadline(f, &src->due[i]);
    return st;
}

/* ---- the result object ------------------------------------------------ */

kpi_figures *kpi_figures_new(const kpi_allocator *a)
{
    kpi_figures *f = kpi_xcalloc(a, 1, sizeof *f);
    if (!f)
        return NULL;
    f->alloc = kpi_allocator_keep(&f->alloc_store, a);
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
    kpi_xfree(f->alloc, f->open_cases);
    kpi_xfree(f->alloc, f->due);
    kpi_xfree_keeper(f->alloc, f);
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

/* The index of the first row of figure kpi_id, or n_rows. A figure's
 * rows are contiguous (the compute loop adds one figure at a time), so
 * its rows run from there while the id stays the same. */
static size_t first_row_of(const kpi_figures *f, const char *kpi_id)
{
    size_t i = 0;
    while (i < f->n_rows && strcmp(f->rows[i].kpi_id, kpi_id) != 0)
        i++;
    return i;
}

const kpi_row *kpi_figures_find(const kpi_figures *f, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat)
{
    if (!f || !kpi_id || !period || !stat || (dimension && !member))
        return NULL;
    for (size_t i = first_row_of(f, kpi_id);
         i < f->n_rows && strcmp(f->rows[i].kpi_id, kpi_id) == 0; i++) {
        const kpi_row *r = &f->rows[i];
        if (!r->dimension2 && same(r->dimension, dimension) &&
            same(r->member, dimension ? member : NULL) &&
            strcmp(r->period, period) == 0 && strcmp(r->stat, stat) == 0)
            return r;
    }
    return NULL;
}

const kpi_row *kpi_figures_status(const kpi_figures *f, const char *kpi_id)
{
    if (!f || !kpi_id)
        return NULL;
    for (size_t i = first_row_of(f, kpi_id);
         i < f->n_rows && strcmp(f->rows[i].kpi_id, kpi_id) == 0; i++)
        if (!f->rows[i].dimension &&
            kpi_row_target_status(&f->rows[i]) != KPI_TARGET_NONE)
            return &f->rows[i];
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

size_t kpi_figures_open_case_count(const kpi_figures *f)
{
    return f ? f->n_open_cases : 0;
}

const kpi_open_case *kpi_figures_open_case(const kpi_figures *f, size_t i)
{
    return f && i < f->n_open_cases ? &f->open_cases[i] : NULL;
}

size_t kpi_figures_due_deadline_count(const kpi_figures *f)
{
    return f ? f->n_due : 0;
}

const kpi_due_deadline *kpi_figures_due_deadline(const kpi_figures *f,
                                                 size_t i)
{
    return f && i < f->n_due ? &f->due[i] : NULL;
}
