/* caselist.c - the case lists of a caseworker's own overview
 * (Socialstyrelsen's example 6: the caseworker's daily overview of own
 * cases; kpi.h: kpi_open_case, kpi_due_deadline).
 *
 * On D (the last day of the report month M):
 * - an open case is a case of cases.csv opened on or before D and not
 *   closed on or before D (cases_per_caseworker's rule: a case closed on D
 *   is closed in M, and the two pages must count the same cases);
 * - a deadline of deadlines.csv is done when its done_date is on or before
 *   D (a later done date is not known on D, as in deadlines_met); a
 *   deadline not done is overdue when due before D (deadlines_met's
 *   open_past_due) and due soon when due from D to D + 30 days;
 * - a case's measures are those of its child active on D (SPEC §4;
 *   measures.csv names the child, not the case), with their amounts in M
 *   (SPEC §4's monthly amount, the disposal's month M).
 * Only what is computed here goes to the workbook; the template only
 * lays it out. */
#include "catalog/catalog.h"
#include "rules/active.h"
#include "rules/disposal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct case_ref {
    const kpi_case *c;
    const char *id;
} case_ref;

static int case_ref_cmp(const void *pa, const void *pb)
{
    const case_ref *a = pa, *b = pb;
    if (a->c->opened != b->c->opened)
        return a->c->opened < b->c->opened ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int due_cmp(const void *pa, const void *pb)
{
    const kpi_due_deadline *a = pa, *b = pb;
    if (a->overdue != b->overdue)
        return a->overdue ? -1 : 1;
    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    int c = strcmp(a->case_id, b->case_id);
    if (c)
        return c;
    return (a->line > b->line) - (a->line < b->line);
}

static bool case_open_on(const kpi_case *c, kpi_date d)
{
    return c->opened != KPI_DATE_NONE && c->opened <= d &&
           (c->closed == KPI_DATE_NONE || c->closed > d);
}

static bool deadline_done(const kpi_deadline *x, kpi_date d)
{
    return x->done != KPI_DATE_NONE && x->done <= d;
}

/* Rows chained by a symbol (a case id, a child): head[sym] is the first
 * row's index + 1, next[i] the following one's (0 ends a chain), so a
 * case finds its deadlines and its child's measures without a scan of
 * every row per case (a municipality has 10^5 cases). */
typedef struct chains {
    uint32_t *head, *next;
} chains;

static kpi_status chains_build(chains *ch, const kpi_allocator *a,
                               size_t n_syms, const void *items, size_t n,
                               size_t size, size_t offset)
{
    ch->head = kpi_xcalloc(a, n_syms ? n_syms : 1, sizeof *ch->head);
    ch->next = kpi_xcalloc(a, n ? n : 1, sizeof *ch->next);
    if (!ch->head || !ch->next)
        return KPI_ERR_NOMEM;
    /* Backwards, so that each chain runs in file order. */
    for (size_t i = n; i-- > 0;) {
        kpi_sym s;
        memcpy(&s, (const char *)items + i * size + offset, sizeof s);
        if (s >= n_syms)
            continue;
        ch->next[i] = ch->head[s];
        ch->head[s] = (uint32_t)(i + 1);
    }
    return KPI_OK;
}

static void chains_free(chains *ch, const kpi_allocator *a)
{
    kpi_xfree(a, ch->head);
    kpi_xfree(a, ch->next);
}

typedef struct lists {
    const kpi_context *ctx;
    size_t n_syms;
    chains deadlines; /* by case id */
    chains measures;  /* by child */
    const char *file; /* deadlines.csv's name */
    kpi_due_deadline *due;
    size_t n_due;
} lists;

/* The child's measures active on D: how many, and their amounts in M. */
static void child_measures(const lists *l, kpi_sym child, int64_t *count,
                           kpi_money *amount)
{
    const kpi_context *ctx = l->ctx;
    *count = 0;
    *amount = 0;
    if (child >= l->n_syms)
        return;
    for (uint32_t k = l->measures.head[child]; k; k = l->measures.next[k - 1]) {
        const kpi_measure *m = &ctx->ds->measures.items[k - 1];
        if (!kpi_measure_active_on(m, ctx->as_of))
            continue;
        kpi_disposal dsp;
        kpi_measure_disposal(m, ctx, &dsp);
        (*count)++;
        *amount += dsp.months[ctx->month.month - 1];
    }
}

static kpi_status add_case(kpi_figures *f, lists *l, const kpi_case *c)
{
    const kpi_dataset *ds = l->ctx->ds;
    kpi_date d = l->ctx->as_of;
    kpi_open_case oc = {0};
    oc.case_id = kpi_symtab_str(ds->syms, c->id);
    oc.child_id = kpi_symtab_str(ds->syms, c->child);
    oc.caseworker = kpi_symtab_str(ds->syms, c->caseworker);
    oc.team = kpi_symtab_str(ds->syms, c->team);
    oc.opened = c->opened;
    oc.next_due = KPI_DATE_NONE;
    oc.next_type = "";
    uint32_t k = c->id < l->n_syms ? l->deadlines.head[c->id] : 0;
    for (; k; k = l->deadlines.next[k - 1]) {
        const kpi_deadline *x = &ds->deadlines.items[k - 1];
        if (deadline_done(x, d) || x->due == KPI_DATE_NONE)
            continue;
        if (oc.next_due == KPI_DATE_NONE || x->due < oc.next_due) {
            oc.next_due = x->due;
            oc.next_type = kpi_symtab_str(ds->syms, x->type);
        }
        bool overdue = x->due < d;
        if (!overdue && x->due > d + KPI_DUE_SOON_DAYS)
            continue;
        if (overdue)
            oc.overdue++;
        else
            oc.due_soon++;
        l->due[l->n_due++] = (kpi_due_deadline){
            oc.case_id, oc.child_id, oc.caseworker,
            kpi_symtab_str(ds->syms, x->type), x->due, (int64_t)(x->due - d),
            overdue, l->file, x->line};
    }
    child_measures(l, c->child, &oc.measures, &oc.month_amount);
    return kpi_figures_add_open_case(f, &oc);
}

kpi_status kpi_case_lists_build(kpi_figures *f, const kpi_context *ctx)
{
    const kpi_dataset *ds = ctx->ds;
    if (!ds->present[KPI_FILE_CASES] || ds->cases.count == 0)
        return KPI_OK;
    const kpi_allocator *a = ctx->alloc;
    size_t n_cases = ds->cases.count;
    size_t n_dl = ds->present[KPI_FILE_DEADLINES] ? ds->deadlines.count : 0;
    size_t n_ms = ds->present[KPI_FILE_MEASURES] ? ds->measures.count : 0;
    lists l = {0};
    l.ctx = ctx;
    l.n_syms = kpi_symtab_size(ds->syms);
    l.file = ds->config->files[KPI_FILE_DEADLINES]
                 ? ds->config->files[KPI_FILE_DEADLINES]
                 : kpi_file_name(KPI_FILE_DEADLINES);
    case_ref *refs = kpi_xcalloc(a, n_cases, sizeof *refs);
    l.due = kpi_xcalloc(a, n_dl ? n_dl : 1, sizeof *l.due);
    kpi_status st = refs && l.due ? KPI_OK : KPI_ERR_NOMEM;
    if (st == KPI_OK)
        st = chains_build(&l.deadlines, a, l.n_syms, ds->deadlines.items, n_dl,
                          sizeof(kpi_deadline), offsetof(kpi_deadline, case_id));
    if (st == KPI_OK)
        st = chains_build(&l.measures, a, l.n_syms, ds->measures.items, n_ms,
                          sizeof(kpi_measure), offsetof(kpi_measure, child));
    size_t n_open = 0;
    for (size_t i = 0; st == KPI_OK && i < n_cases; i++) {
        const kpi_case *c = &ds->cases.items[i];
        if (case_open_on(c, ctx->as_of))
            refs[n_open++] = (case_ref){c, kpi_symtab_str(ds->syms, c->id)};
    }
    if (st == KPI_OK)
        qsort(refs, n_open, sizeof *refs, case_ref_cmp);
    for (size_t i = 0; st == KPI_OK && i < n_open; i++)
        st = add_case(f, &l, refs[i].c);
    if (st == KPI_OK)
        qsort(l.due, l.n_due, sizeof *l.due, due_cmp);
    for (size_t i = 0; st == KPI_OK && i < l.n_due; i++)
        st = kpi_figures_add_due_deadline(f, &l.due[i]);
    chains_free(&l.deadlines, a);
    chains_free(&l.measures, a);
    kpi_xfree(a, refs);
    kpi_xfree(a, l.due);
    return st;
}
