/* subset.c - the part of a dataset one team leader or one caseworker may
 * see (SPEC §6: afdelingsleder, sagsbehandler), as a dataset of its own so
 * kpi_figures_compute computes their pack like any other.
 *
 * Which rows a subset holds: the measures and cases whose team (or
 * caseworker) is the one asked for, exactly as written; every row about
 * a child of those (notifications, waiting list, outcomes, postings with a
 * child_id); every row about one of those cases (deadlines, complaints,
 * reviews); the inspections of the providers those measures use; no
 * budget (a team has none, so budget figures are not available rather
 * than 0). Membership is kept in arrays indexed by symbol, so building a
 * subset is linear in the rows plus the symbols. The lists of teams and
 * caseworkers are people.c. */
#include "input/dataset.h"

#include <stdlib.h>

/* ---- the subset ------------------------------------------------------ */

/* What the subset holds, by symbol of the parent. */
enum { KEEP_CHILD = 1, KEEP_CASE = 2, KEEP_PROVIDER = 4 };

typedef struct filter {
    kpi_sym want; /* the team or caseworker; KPI_SYM_NONE matches none */
    bool by_team;
    uint8_t *mark; /* KEEP_* by symbol; mark[KPI_SYM_NONE] stays 0 */
} filter;

typedef bool (*keep_fn)(const void *row, const filter *f);

static bool keep_measure(const void *row, const filter *f)
{
    const kpi_measure *m = row;
    return f->want != KPI_SYM_NONE &&
           (f->by_team ? m->team : m->caseworker) == f->want;
}

static bool keep_case(const void *row, const filter *f)
{
    const kpi_case *c = row;
    return f->want != KPI_SYM_NONE &&
           (f->by_team ? c->team : c->caseworker) == f->want;
}

static bool keep_notification(const void *row, const filter *f)
{
    return f->mark[((const kpi_notification *)row)->child] & KEEP_CHILD;
}

static bool keep_deadline(const void *row, const filter *f)
{
    return f->mark[((const kpi_deadline *)row)->case_id] & KEEP_CASE;
}

static bool keep_complaint(const void *row, const filter *f)
{
    return f->mark[((const kpi_complaint *)row)->case_id] & KEEP_CASE;
}

static bool keep_review(const void *row, const filter *f)
{
    return f->mark[((const kpi_review *)row)->case_id] & KEEP_CASE;
}

static bool keep_inspection(const void *row, const filter *f)
{
    return f->mark[((const kpi_inspection *)row)->provider] & KEEP_PROVIDER;
}

static bool keep_wait(const void *row, const filter *f)
{
    return f->mark[((const kpi_wait *)row)->child] & KEEP_CHILD;
}

static bool keep_outcome(const void *row, const filter *f)
{
    return f->mark[((const kpi_outcome_row *)row)->child] & KEEP_CHILD;
}

static bool keep_posting(const void *row, const filter *f)
{
    /* A posting without child_id cannot be placed in a team: left out. */
    return f->mark[((const kpi_posting *)row)->child] & KEEP_CHILD;
}

/* The rows of one file as the generic copy sees them. */
typedef struct rows {
    void **items;
    size_t *count, *cap;
} rows;

#define ROWS(arr) ((rows){(void **)&(arr).items, &(arr).count, &(arr).cap})

/* Copies the rows of src that keep() accepts into dst, in their order. */
static kpi_status copy_rows(const kpi_allocator *a, const void *src, size_t n,
                            size_t size, rows dst, keep_fn keep,
                            const filter *f)
{
    const char *p = src;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        kept += keep(p + i * size, f);
    if (kpi_grow(a, dst.items, dst.cap, kept, size) != KPI_OK)
        return KPI_ERR_NOMEM;
    char *q = *dst.items;
    for (size_t i = 0; i < n; i++)
        if (keep(p + i * size, f))
            memcpy(q + (*dst.count)++ * size, p + i * size, size);
    return KPI_OK;
}

#define COPY(file_arr, fn)                                                     \
    copy_rows(sub->alloc, ds->file_arr.items, ds->file_arr.count,              \
              sizeof *ds->file_arr.items, ROWS(sub->file_arr), fn, &f)

/* The symbol of s in the parent's table, or KPI_SYM_NONE. The table has
 * no look-up without interning, and the parent is const. */
static kpi_sym find_sym(const kpi_symtab *t, const char *s)
{
    if (!*s)
        return KPI_SYM_NONE;
    size_t n = kpi_symtab_size(t);
    for (size_t i = 1; i < n; i++)
        if (strcmp(kpi_symtab_str(t, (kpi_sym)i), s) == 0)
            return (kpi_sym)i;
    return KPI_SYM_NONE;
}

static int line_cmp(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

/* The lines of the subset's rows of file, sorted: which warnings stay. */
static kpi_status kept_lines(const kpi_dataset *sub, kpi_file file,
                             uint32_t **out, size_t *n)
{
    const void *items;
    size_t count, size, off;
#define LINES_OF(arr, T)                                                       \
    (items = sub->arr.items, count = sub->arr.count, size = sizeof(T),         \
     off = offsetof(T, line))
    switch (file) {
    case KPI_FILE_MEASURES:
        LINES_OF(measures, kpi_measure);
        break;
    case KPI_FILE_CASES:
        LINES_OF(cases, kpi_case);
        break;
    case KPI_FILE_NOTIFICATIONS:
        LINES_OF(notifications, kpi_notification);
        break;
    case KPI_FILE_DEADLINES:
        LINES_OF(deadlines, kpi_deadline);
        break;
    case KPI_FILE_COMPLAINTS:
        LINES_OF(complaints, kpi_complaint);
        break;
    case KPI_FILE_REVIEWS:
        LINES_OF(reviews, kpi_review);
        break;
    case KPI_FILE_INSPECTIONS:
        LINES_OF(inspections, kpi_inspection);
        break;
    case KPI_FILE_WAITLIST:
        LINES_OF(waitlist, kpi_wait);
        break;
    case KPI_FILE_OUTCOMES:
        LINES_OF(outcomes, kpi_outcome_row);
        break;
    case KPI_FILE_POSTINGS:
        LINES_OF(postings, kpi_posting);
        break;
    case KPI_FILE_BUDGET:
    case KPI_FILE_COUNT:
    default:
        *out = NULL;
        *n = 0;
        return KPI_OK;
    }
#undef LINES_OF
    uint32_t *lines = kpi_xcalloc(sub->alloc, count, sizeof *lines);
    if (!lines)
        return KPI_ERR_NOMEM;
    for (size_t i = 0; i < count; i++)
        memcpy(&lines[i], (const char *)items + i * size + off,
               sizeof lines[i]);
    qsort(lines, count, sizeof *lines, line_cmp);
    *out = lines;
    *n = count;
    return KPI_OK;
}

/* Is path the input file `label` (its name in the dataset folder, or
 * kpi.ini's [files] name)? The loader names a warning's file by the path
 * it was given ("/data/2026-10/measures.csv"), so the path may have
 * folders before the label. */
static bool file_is(const char *path, const char *label)
{
    size_t n = strlen(path), m = strlen(label);
    if (n < m || strcmp(path + n - m, label) != 0)
        return false;
    return n == m || path[n - m - 1] == '/' || path[n - m - 1] == '\\';
}

/* The parent's warnings about rows the subset holds: the data_quality of
 * a team lists its own problems, not the whole municipality's. A warning
 * about a whole file (line 0) stays when the file is present. */
static kpi_status copy_warnings(const kpi_dataset *ds, kpi_dataset *sub)
{
    uint32_t *lines[KPI_FILE_COUNT] = {0};
    size_t n_lines[KPI_FILE_COUNT] = {0};
    kpi_status st = KPI_OK;
    for (int f = 0; f < KPI_FILE_COUNT && st == KPI_OK; f++)
        st = kept_lines(sub, (kpi_file)f, &lines[f], &n_lines[f]);
    size_t n = kpi_diagnostics_count(ds->warnings);
    for (size_t i = 0; i < n && st == KPI_OK; i++) {
        const kpi_diagnostic *w = kpi_diagnostics_get(ds->warnings, i);
        for (int f = 0; f < KPI_FILE_COUNT; f++) {
            if (f == KPI_FILE_BUDGET)
                continue;
            const char *label =
                ds->config->files[f] ? ds->config->files[f] : kpi_file_name(f);
            if (!file_is(w->file, label))
                continue;
            uint32_t line = (uint32_t)w->line;
            bool keep = w->line == 0
                            ? sub->present[f]
                            : w->line <= UINT32_MAX &&
                                  bsearch(&line, lines[f], n_lines[f],
                                          sizeof line, line_cmp) != NULL;
            if (keep)
                st = kpi_diag_add(sub->warnings, w->severity, w->file, w->line,
                                  w->column, "%s", w->message);
            break;
        }
    }
    for (int f = 0; f < KPI_FILE_COUNT; f++)
        kpi_xfree(sub->alloc, lines[f]);
    return st;
}

static kpi_status fill(const kpi_dataset *ds, kpi_dataset *sub, filter f)
{
    kpi_status st;
    if ((st = COPY(measures, keep_measure)) != KPI_OK ||
        (st = COPY(cases, keep_case)) != KPI_OK)
        return st;
    for (size_t i = 0; i < sub->measures.count; i++) {
        const kpi_measure *m = &sub->measures.items[i];
        f.mark[m->child] |= KEEP_CHILD;
        f.mark[m->provider] |= KEEP_PROVIDER;
    }
    for (size_t i = 0; i < sub->cases.count; i++) {
        f.mark[sub->cases.items[i].child] |= KEEP_CHILD;
        f.mark[sub->cases.items[i].id] |= KEEP_CASE;
    }
    f.mark[KPI_SYM_NONE] = 0; /* an empty child, case or provider: nobody */
    if ((st = COPY(notifications, keep_notification)) != KPI_OK ||
        (st = COPY(deadlines, keep_deadline)) != KPI_OK ||
        (st = COPY(complaints, keep_complaint)) != KPI_OK ||
        (st = COPY(reviews, keep_review)) != KPI_OK ||
        (st = COPY(inspections, keep_inspection)) != KPI_OK ||
        (st = COPY(waitlist, keep_wait)) != KPI_OK ||
        (st = COPY(outcomes, keep_outcome)) != KPI_OK ||
        (st = COPY(postings, keep_posting)) != KPI_OK)
        return st;
    memcpy(sub->present, ds->present, sizeof sub->present);
    sub->present[KPI_FILE_BUDGET] = false;
    /* Postings that carry no child at all cannot be split by team: the
     * team's booked spend is then not available, never 0 kr. */
    bool any_child = false;
    for (size_t i = 0; i < ds->postings.count && !any_child; i++)
        any_child = ds->postings.items[i].child != KPI_SYM_NONE;
    if (!any_child)
        sub->present[KPI_FILE_POSTINGS] = false;
    if ((st = copy_warnings(ds, sub)) != KPI_OK)
        return st;
    return kpi_dataset_index_people(sub);
}

kpi_status kpi_dataset_subset(const kpi_dataset *ds, const char *team,
                              const char *caseworker, kpi_dataset **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (!ds || (team == NULL) == (caseworker == NULL))
        return KPI_ERR_ARG;
    const kpi_allocator *a = ds->alloc;
    kpi_dataset *sub = kpi_xcalloc(a, 1, sizeof *sub);
    if (!sub)
        return KPI_ERR_NOMEM;
    sub->alloc = kpi_allocator_keep(&sub->alloc_store, a);
    sub->borrowed = true;
    sub->syms = ds->syms;
    sub->ids = ds->ids;
    sub->config = ds->config;
    kpi_status st = KPI_ERR_NOMEM;
    filter f = {find_sym(ds->syms, team ? team : caseworker), team != NULL,
                NULL};
    sub->warnings = kpi_diagnostics_new(sub->alloc);
    f.mark = kpi_xcalloc(a, kpi_symtab_size(ds->syms), 1);
    if (sub->warnings && f.mark)
        st = fill(ds, sub, f);
    kpi_xfree(a, f.mark);
    if (st != KPI_OK) {
        kpi_dataset_free(sub);
        return st;
    }
    *out = sub;
    return KPI_OK;
}
