/*
 * report.c - the report run (kpi/report.h: kpi_report_write): every
 * workbook of SPEC §8 for one month, written with kpixlsx, into a folder
 * all or none.
 *
 * All or nothing (kpi_atomic_dir, atomic_dir.c): every workbook is first
 * written and synced into a fresh hidden folder next to OUTDIR (in
 * OUTDIR's parent, so on the same file system). Only when all of them were
 * written does that folder, completed with hard links to OUTDIR's other
 * files, take OUTDIR's place in one step (renameat2 RENAME_EXCHANGE; a new
 * OUTDIR: a plain rename). A reader of OUTDIR, or a kill at any moment,
 * finds OUTDIR either as it was or with every new workbook in it; when a
 * workbook fails, OUTDIR is not touched. Where that one step is impossible
 * (a mount point, a parent that is not writable, a file system without
 * RENAME_EXCHANGE, ...) the run warns and renames the workbooks in one by
 * one, each still whole; should one of those renames fail, it says how
 * many were replaced.
 */
#include "jobs.h"
#include "packs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The workbooks a report holds (SPEC §8), in the order they are written:
 * the recipient map, the recipient overview, the economy workbook, then
 * one pack per recipient (packs.c). */
typedef enum book_kind {
    BOOK_MAP,      /* noegletal-modtagere.xlsx */
    BOOK_OVERVIEW, /* modtageroverblik.xlsx */
    BOOK_ECONOMY,  /* the built-in template "oekonomi" */
    BOOK_PACK,     /* packs[i] */
} book_kind;

typedef struct staged {
    char name[256];
    char *tmp;
} staged;

typedef struct report_ctx {
    kpi_pack_source src;
    const kpi_pack *packs;
    size_t n_packs;
    const kpi_report_options *o;
    staged *files; /* one per workbook, named before any is written */
} report_ctx;

/* Names workbook number i (book_kind, or a pack past BOOK_PACK) in
 * f->name and gives it its path f->tmp in the staging folder. */
static kpi_status name_book(const report_ctx *c, size_t i, const char *stage,
                            staged *f, char *msg, size_t msg_size)
{
    kpi_status s = KPI_OK;
    if (i >= BOOK_PACK) {
        snprintf(f->name, sizeof f->name, "%s",
                 c->packs[i - BOOK_PACK].file_name);
    } else if (i == BOOK_MAP) {
        snprintf(f->name, sizeof f->name, KPI_MAP_FILE);
    } else if (i == BOOK_OVERVIEW) {
        snprintf(f->name, sizeof f->name, KPI_OVERVIEW_FILE);
    } else {
        kpi_book_template *t = NULL;
        s = kpi_book_template_builtin("oekonomi", &t, msg, msg_size);
        if (s == KPI_OK)
            s = kpi_book_file_name(t, c->src.month, NULL, f->name,
                                   sizeof f->name);
        kpi_book_template_free(t);
    }
    if (s == KPI_OK && !(f->tmp = kpi_file_path(stage, f->name)))
        s = KPI_ERR_NOMEM;
    return s;
}

/* Renders workbook number i to its staged path and syncs it: a job of
 * kpi_jobs_run (jobs.h), so it may run in a worker process of its own. */
static void write_book(void *ctx, size_t i, kpi_job_result *r)
{
    const report_ctx *c = ctx;
    const kpi_pack_source *src = &c->src;
    const char *path = c->files[i].tmp;
    kpi_book_input in = {.dataset = src->dataset,
                         .figures = src->figures,
                         .month = src->month,
                         .limits = src->limits,
                         .trajectory = src->trajectory,
                         .comparison = src->comparison};
    kpi_status s;
    if (i >= BOOK_PACK) {
        kpi_pack_view v;
        s = kpi_pack_view_open(src, &c->packs[i - BOOK_PACK], &v);
        if (s == KPI_OK)
            s = kpi_pack_write(&v, path, r->msg, sizeof r->msg);
        kpi_pack_view_close(&v);
    } else if (i == BOOK_MAP) {
        s = kpi_mapbook_write(src->map, &in, path, r->msg, sizeof r->msg);
    } else if (i == BOOK_OVERVIEW) {
        s = kpi_overview_write(src->map, &in, path, r->msg, sizeof r->msg);
    } else {
        kpi_book_template *t = NULL;
        s = kpi_book_template_builtin("oekonomi", &t, r->msg, sizeof r->msg);
        if (s == KPI_OK)
            s = kpi_book_write(t, &in, path, r->msg, sizeof r->msg);
        kpi_book_template_free(t);
    }
    if (s == KPI_OK && (r->err = kpi_fsync_path(path)) != 0)
        s = KPI_ERR_IO;
    r->status = s;
}

/* Tells the caller where each workbook is, now that all are in place. */
static kpi_status report_written(const kpi_report_options *o,
                                 const staged *files, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *path = kpi_file_path(o->outdir, files[i].name);
        if (!path)
            return KPI_ERR_NOMEM;
        kpi_notify_wrote(&o->notify, path);
        free(path);
    }
    return KPI_OK;
}

/* The words of a workbook that could not be written, as kpi says them. */
static kpi_status book_failed(const kpi_notify *nt, const char *name,
                              const kpi_job_result *r)
{
    kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                       "cannot write '%s': %s", name[0] ? name : "a workbook",
                       r->status == KPI_ERR_IO && r->err ? strerror(r->err)
                       : r->msg[0]                       ? r->msg
                                   : kpi_strerror(r->status));
    /* Whatever stopped it, the workbook could not be written. */
    return r->status == KPI_ERR_NOMEM ? KPI_ERR_NOMEM : KPI_ERR_IO;
}

/* Names every workbook, writes them into the staging folder (o->jobs at a
 * time, jobs.h) and, when all were written, moves them into OUTDIR. The
 * first workbook in the order above that fails is the one reported,
 * however many are written at once, so the words are those of a serial
 * run. */
static kpi_status write_all(report_ctx *c)
{
    const kpi_notify *nt = &c->o->notify;
    kpi_atomic_dir out;
    kpi_status st = kpi_atomic_dir_open(&out, c->o->outdir, nt);
    if (st != KPI_OK)
        return st;
    size_t n_books = BOOK_PACK + c->n_packs;
    c->files = calloc(n_books, sizeof *c->files);
    const char **names = calloc(n_books, sizeof *names);
    kpi_job_result *results = calloc(n_books, sizeof *results);
    if (!c->files || !names || !results) {
        kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "out of memory");
        st = KPI_ERR_NOMEM;
    }
    size_t n_named = 0;
    for (; st == KPI_OK && n_named < n_books; n_named++) {
        staged *f = &c->files[n_named];
        kpi_job_result *r = &results[n_named];
        r->status = name_book(c, n_named, out.stage, f, r->msg, sizeof r->msg);
        if (r->status != KPI_OK)
            st = book_failed(nt, f->name, r);
        names[n_named] = f->name;
    }
    size_t started = 0;
    if (st == KPI_OK)
        kpi_jobs_run(n_books, c->o->jobs, write_book, c, results, &started);
    for (size_t i = 0; st == KPI_OK && i < started; i++)
        if (results[i].status != KPI_OK)
            st = book_failed(nt, c->files[i].name, &results[i]);
    if (st == KPI_OK) {
        st = kpi_atomic_dir_commit(&out, names, n_books, nt);
    } else {
        kpi_atomic_dir_abort(&out);
        kpi_notify_problem(nt, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "nothing written");
    }
    if (st == KPI_OK)
        st = report_written(c->o, c->files, n_books);
    for (size_t i = 0; c->files && i < n_named; i++)
        free(c->files[i].tmp);
    free(results);
    free(names);
    free(c->files);
    c->files = NULL;
    return st;
}

kpi_status kpi_report_comparison_load(const kpi_dataset *ds,
                                      const kpi_figures *figs,
                                      const char *dir, kpi_month m,
                                      const kpi_notify *n,
                                      kpi_diagnostics *diags,
                                      kpi_comparison **out)
{
    kpi_diagnostics *own = diags ? NULL : kpi_diagnostics_new(NULL);
    kpi_diagnostics *d = diags ? diags : own;
    kpi_status st = d ? kpi_comparison_load(ds, figs, dir, m, NULL, out, d)
                      : KPI_ERR_NOMEM;
    for (size_t i = 0; own && i < kpi_diagnostics_count(own); i++) {
        const kpi_diagnostic *x = kpi_diagnostics_get(own, i);
        kpi_notify_problem(n, x->severity, x->file, x->line, x->column, "%s",
                           x->message);
    }
    kpi_diagnostics_free(own);
    return st;
}

kpi_status kpi_report_write(const kpi_dataset *ds, const kpi_figures *figs,
                            kpi_month m, const kpi_report_options *o)
{
    if (!ds || !figs || !o || !o->outdir)
        return KPI_ERR_ARG;
    /* Everything that can be refused before a byte is written: the map
     * and the recipients. */
    kpi_map *map = NULL;
    kpi_pack *packs = NULL;
    size_t n_packs = 0;
    kpi_status st = kpi_map_load(o->dataset_dir, &o->notify, &map);
    char *note = NULL;
    if (st == KPI_OK)
        st = kpi_note_load(o->dataset_dir, m, &o->notify, &note);
    if (st == KPI_OK)
        st = kpi_packs_list(ds, m, &o->notify, &packs, &n_packs);
    kpi_comparison *cmp = NULL;
    bool cmp_failed = false;
    if (st == KPI_OK && o->dataset_dir) {
        st = kpi_report_comparison_load(ds, figs, o->dataset_dir, m,
                                        &o->notify, o->diags, &cmp);
        cmp_failed = st != KPI_OK && o->diags;
    }
    if (st == KPI_OK) {
        report_ctx c = {
            {ds, figs, map, m, o->limits, note, o->trajectory, cmp},
            packs,
            n_packs,
            o,
            NULL};
        st = write_all(&c);
    } else if (!cmp_failed) { /* else the caller says it, after o->diags */
        kpi_notify_problem(&o->notify, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "nothing written");
    }
    kpi_comparison_free(cmp);
    kpi_packs_free(packs, n_packs);
    kpi_map_free(map);
    free(note);
    return st;
}
