/* compute.c - kpi_figures_compute: every figure of the catalogue, in the
 * catalogue's order, each followed by its rows for the same point last
 * year, then the target statuses. */
#include "catalog/catalog.h"
#include "rules/spells.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

/* The periods of the report a year earlier that a figure's last-year rows
 * are kept for: the same day (a stock), the same month and January to the
 * same month (issue 14 item 2: "last year beside today"). Not the year,
 * the rest of the year or the next: the year's forecast and its budget
 * are the current year's alone. */
static bool last_year_period(const kpi_context *ly, const char *period)
{
    return !strcmp(period, ly->period_to_date) ||
           !strcmp(period, ly->period_day) ||
           !strcmp(period, ly->period_month);
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* true when f already holds a row of r's key among rows [from, to): the
 * monthly series hold last year's months and month ends as totals. */
static bool has_row(const kpi_figures *f, size_t from, size_t to,
                    const kpi_row *r)
{
    for (size_t i = from; i < to; i++) {
        const kpi_row *o = kpi_figures_row(f, i);
        if (!strcmp(o->period, r->period) && !strcmp(o->stat, r->stat) &&
            same_text(o->dimension, r->dimension) &&
            same_text(o->member, r->member) &&
            same_text(o->dimension2, r->dimension2) &&
            same_text(o->member2, r->member2))
            return true;
    }
    return false;
}

/* Appends last year's rows of figure `id` (computed into ly_rows by the
 * figure function for month M of Y-1 on the dataset without its budget:
 * the budget is the report year's, SPEC §3.9, and last year's deviation
 * from this year's budget would be meaningless) to out: those of
 * last_year_period that out does not hold yet among the figure's own
 * rows, which start at row `from`. */
static kpi_status add_last_year(kpi_figures *out, size_t from,
                                const kpi_figures *ly_rows,
                                const kpi_context *ly)
{
    kpi_status st = KPI_OK;
    size_t n = kpi_figures_row_count(out);
    for (size_t i = 0; st == KPI_OK && i < kpi_figures_row_count(ly_rows);
         i++) {
        const kpi_row *r = kpi_figures_row(ly_rows, i);
        if (last_year_period(ly, r->period) && !has_row(out, from, n, r))
            st = kpi_figures_add(out, r);
    }
    return st;
}

/* The work of one call: the report's context, last year's and which
 * figures have rows for last year. data_quality has none: it checks the
 * records as they are now, which has no value a year ago. */
typedef struct compute_job {
    const kpi_allocator *alloc; /* the figures' (options->allocator) */
    kpi_context ctx;            /* this year */
    kpi_context ly;             /* month M of Y-1 on no_budget */
    bool with_last_year;
    kpi_spells_once spells; /* both contexts' (rules/spells.h) */
} compute_job;

static bool has_last_year(const compute_job *job, size_t i)
{
    return job->with_last_year && kpi_catalog_figure_fn(i) &&
           strcmp(kpi_catalog_figure(i)->id, "data_quality") != 0;
}

/* Figure i for this year (last_year false) or last year into out. */
static kpi_status run_figure(const compute_job *job, size_t i,
                             bool last_year, kpi_figures *out)
{
    kpi_figure_fn fn = kpi_catalog_figure_fn(i);
    return fn ? fn(out, last_year ? &job->ly : &job->ctx) : KPI_OK;
}

/* Figure i and its last year's rows into f, as kpi_figures_compute
 * always ran them on the calling thread alone: last year's through a set
 * of their own. */
static kpi_status figure_serial(const compute_job *job, size_t i,
                                kpi_figures *f)
{
    size_t from = kpi_figures_row_count(f);
    kpi_status st = run_figure(job, i, false, f);
    if (st != KPI_OK || !has_last_year(job, i))
        return st;
    kpi_figures *tmp = kpi_figures_new(job->alloc);
    if (!tmp)
        return KPI_ERR_NOMEM;
    if ((st = run_figure(job, i, true, tmp)) == KPI_OK)
        st = add_last_year(f, from, tmp, &job->ly);
    kpi_figures_free(tmp);
    return st;
}

/* ---- on several threads (kpi_compute_options.threads > 1) -------------
 * Each figure's this-year and last-year run is a task of its own, computed
 * into a set of figures of its own by whichever thread takes it; the
 * calling thread, one of them, then merges the sets in the catalogue's
 * order as figure_serial adds them, so the result is the same, byte for
 * byte. The figures only read the dataset and the two contexts, and write
 * nothing but their own set (docs/DECISIONS.md, "compute threads") and
 * the placement spells the contexts share, which the first to ask builds
 * under their lock (rules/spells.h). */

/* A figure's run for this year or for last year's rows. */
typedef struct task_name {
    const char *id;
    bool last_year;
} task_name;

/* The calling thread's first task, before it joins the others: the
 * longest (0.23 s of the 1.4 s of figure CPU at a million measures until
 * 2026-12-06, now about 0.09 s of 0.8 s). Until 2026-12 seven figures
 * took 25-45 MB of temporaries each (arrays by symbol, sized by the
 * whole symbol table) and all ran here, one after another, so that two
 * of them never ran together; now none takes over about 22 MB (the
 * spans of rules/full_year.c), and the threads share the long tasks
 * (docs/DECISIONS.md, "figure-temps"). */
static const task_name heavy_tasks[] = {
    {"high_cost_cases", false},
};

/* The other tasks that take longest there, longest first (thread CPU
 * time, measured 2026-12-06 after the "figures" branch): taken first,
 * they leave the short ones to fill the threads at the end instead of a
 * long one running alone. The first placement figure taken also builds
 * the spells the three share (rules/spells.h). The others follow in the
 * catalogue's order. */
static const task_name longest_light[] = {
    {"own_vs_purchased", false},    {"recipients_price", false},
    {"data_quality", false},        {"disposed", false},
    {"preventive_families", false}, {"high_cost_cases", true},
    {"caseworker_spend", true},     {"forecast", false},
    {"caseworker_spend", false},    {"disposed", true},
    {"recipients_price", true},     {"placed_children", false},
    {"placement_duration", false},  {"placement_duration", true},
    {"placed_children", true},      {"preventive_families", true},
    {"new_placements", true},       {"new_placements", false},
    {"preventive_duration", false}, {"preventive_duration", true},
};

/* Task t is figure t / 2, of this year when t is even, else last year's. */
typedef struct task {
    kpi_figures *out; /* NULL: not run (no work, or after a failure) */
    kpi_status st;
    bool listed; /* in heavy or light */
} task;

typedef struct pool {
    const compute_job *job;
    task *tasks;             /* 2 per figure */
    size_t *heavy, *light;   /* the tasks with work, in the order taken */
    size_t n_heavy, n_light;
    size_t next_heavy;       /* the calling thread's alone */
    atomic_size_t next_light;
    atomic_size_t failed;    /* the first task that failed; SIZE_MAX: none */
} pool;

/* Runs task t unless it comes after one that failed: the serial run
 * stops at its first failure and never looks at the tasks after it. */
static void pool_run(pool *p, size_t t)
{
    if (t > atomic_load(&p->failed))
        return;
    task *x = &p->tasks[t];
    x->out = kpi_figures_new(p->job->alloc);
    x->st = x->out ? run_figure(p->job, t / 2, t % 2, x->out) : KPI_ERR_NOMEM;
    size_t seen = atomic_load(&p->failed);
    while (x->st != KPI_OK && t < seen &&
           !atomic_compare_exchange_weak(&p->failed, &seen, t))
        ;
}

/* A started thread: light tasks until none is left. */
static void *pool_light(void *arg)
{
    pool *p = arg;
    for (size_t k; (k = atomic_fetch_add(&p->next_light, 1)) < p->n_light;)
        pool_run(p, p->light[k]);
    return NULL;
}

/* The calling thread: the heavy tasks, then light ones with the others. */
static void pool_caller(pool *p)
{
    while (p->next_heavy < p->n_heavy)
        pool_run(p, p->heavy[p->next_heavy++]);
    pool_light(p);
}

/* Lists task t as heavy or light unless it is listed or has no work. */
static void pool_add(pool *p, size_t t, bool heavy)
{
    size_t i = t / 2;
    if (p->tasks[t].listed || !kpi_catalog_figure_fn(i) ||
        (t % 2 && !has_last_year(p->job, i)))
        return;
    p->tasks[t].listed = true;
    if (heavy)
        p->heavy[p->n_heavy++] = t;
    else
        p->light[p->n_light++] = t;
}

/* The task of name `name` among 2 * n_fig, else SIZE_MAX. */
static size_t task_named(const task_name *name, size_t n_fig)
{
    for (size_t i = 0; i < n_fig; i++)
        if (!strcmp(kpi_catalog_figure(i)->id, name->id))
            return 2 * i + name->last_year;
    return SIZE_MAX;
}

/* Fills p->heavy (in the catalogue's order) and p->light (longest_light,
 * then the others in the catalogue's order). */
static void pool_order(pool *p)
{
    size_t n_fig = kpi_catalog_figure_count();
    for (size_t t = 0; t < 2 * n_fig; t++)
        for (size_t k = 0; k < sizeof heavy_tasks / sizeof *heavy_tasks; k++)
            if (task_named(&heavy_tasks[k], n_fig) == t)
                pool_add(p, t, true);
    for (size_t k = 0; k < sizeof longest_light / sizeof *longest_light; k++) {
        size_t t = task_named(&longest_light[k], n_fig);
        if (t != SIZE_MAX)
            pool_add(p, t, false);
    }
    for (size_t t = 0; t < 2 * n_fig; t++)
        pool_add(p, t, false);
}

/* Appends the tasks' sets to f in the catalogue's order, as figure_serial
 * would have added them, freeing each once merged; the first failure in
 * that order is the status, as it is the serial run's. */
static kpi_status pool_merge(pool *p, kpi_figures *f)
{
    kpi_status st = KPI_OK;
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        task *now = &p->tasks[2 * i], *ly = &p->tasks[2 * i + 1];
        size_t from = kpi_figures_row_count(f);
        if (st == KPI_OK && (st = now->st) == KPI_OK && now->out)
            st = kpi_figures_append(f, now->out);
        if (st == KPI_OK && (st = ly->st) == KPI_OK && ly->out)
            st = add_last_year(f, from, ly->out, &p->job->ly);
        kpi_figures_free(now->out);
        kpi_figures_free(ly->out);
        now->out = ly->out = NULL;
    }
    return st;
}

static kpi_status compute_threaded(const compute_job *job, unsigned threads,
                                   kpi_figures *f)
{
    size_t n_tasks = 2 * kpi_catalog_figure_count();
    pool p = {.job = job};
    atomic_init(&p.next_light, 0);
    atomic_init(&p.failed, SIZE_MAX);
    p.tasks = kpi_xcalloc(job->alloc, n_tasks, sizeof *p.tasks);
    p.heavy = kpi_xcalloc(job->alloc, n_tasks, sizeof *p.heavy);
    p.light = kpi_xcalloc(job->alloc, n_tasks, sizeof *p.light);
    size_t n_threads = 0;
    pthread_t *tid = NULL;
    kpi_status st = KPI_ERR_NOMEM;
    if (!p.tasks || !p.heavy || !p.light)
        goto done;
    pool_order(&p);
    /* The calling thread is one of them; a thread that cannot be started
     * leaves its share to the others. */
    size_t want = threads < p.n_light + 1 ? threads : p.n_light + 1;
    if (want > 1 && !(tid = kpi_xcalloc(job->alloc, want - 1, sizeof *tid)))
        goto done;
    while (n_threads + 1 < want &&
           pthread_create(&tid[n_threads], NULL, pool_light, &p) == 0)
        n_threads++;
    pool_caller(&p);
    for (size_t k = 0; k < n_threads; k++)
        pthread_join(tid[k], NULL);
    st = pool_merge(&p, f);
done:
    kpi_xfree(job->alloc, tid);
    kpi_xfree(job->alloc, p.light);
    kpi_xfree(job->alloc, p.heavy);
    kpi_xfree(job->alloc, p.tasks);
    return st;
}

kpi_status kpi_figures_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               kpi_figures **out)
{
    return kpi_catalog_compute(dataset, m, options, true, out);
}

kpi_status kpi_catalog_compute(const kpi_dataset *dataset, kpi_month m,
                               const kpi_compute_options *options,
                               bool last_year, kpi_figures **out)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    /* Y+1 must be a valid year too: the disposition runs into it. */
    if (!dataset || m.year < 2 || m.year > 9998 || m.month < 1 ||
        m.month > 12)
        return KPI_ERR_ARG;
    compute_job job = {.alloc = options ? options->allocator : NULL};
    kpi_figures *f = kpi_figures_new(job.alloc);
    if (!f)
        return KPI_ERR_NOMEM;
    kpi_context_init(&job.ctx, dataset, m);
    job.ctx.rows_only = options && options->rows_only;
    /* The dataset as last year's rows see it: the same records, no budget.
     * A shallow copy, read only; its arrays stay the dataset's. Year 1 has
     * no year before it (kpi_figures_compute's own lower bound is 2). The
     * copy shares the people index too: no figure builds it (only
     * audience/subset.c does, on a dataset of its own), so the threads
     * find the dataset as it was when the call began. */
    kpi_dataset no_budget = *dataset;
    no_budget.present[KPI_FILE_BUDGET] = false;
    no_budget.budget.count = 0;
    kpi_context_init(&job.ly, &no_budget, (kpi_month){m.year - 1, m.month});
    job.ly.last_year = true;
    job.ly.rows_only = true;
    job.with_last_year = last_year && m.year >= 3;
    /* The placement spells, built once for both years by the first
     * figure that asks (they depend on the measures alone); without the
     * lock each figure builds its own. */
    bool shared = kpi_spells_once_init(&job.spells);
    job.ctx.spells = job.ly.spells = shared ? &job.spells : NULL;
    unsigned threads = options ? options->threads : 0;
    kpi_status st = KPI_OK;
    if (threads > 1)
        st = compute_threaded(&job, threads, f);
    else
        for (size_t i = 0; st == KPI_OK && i < kpi_catalog_figure_count();
             i++)
            st = figure_serial(&job, i, f);
    if (shared)
        kpi_spells_once_free(&job.spells, job.ctx.alloc);
    job.ctx.spells = job.ly.spells = NULL;
    if (st == KPI_OK)
        st = kpi_targets_apply(f, &job.ctx);
    if (st == KPI_OK && !job.ctx.rows_only)
        st = kpi_case_lists_build(f, &job.ctx);
    if (st != KPI_OK) {
        kpi_figures_free(f);
        return st;
    }
    *out = f;
    return KPI_OK;
}
