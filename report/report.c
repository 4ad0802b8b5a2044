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
} report_ctx;

/* Renders workbook number i (book_kind, or a pack past BOOK_PACK) to
 * f->tmp in the staging folder; the file name goes to f->name. */
static kpi_status write_book(const report_ctx *c, size_t i, const char *stage,
                             staged *f, char *msg, size_t msg_size)
{
    const kpi_pack_source *src = &c->src;
    kpi_book_input in = {.dataset = src->dataset,
                         .figures = src->figures,
                         .month = src->month,
                         .limits = src->limits};
    kpi_status s = KPI_OK;
    const kpi_pack *p = i >= BOOK_PACK ? &c->packs[i - BOOK_PACK] : NULL;
    kpi_book_template *t = NULL;
    if (p)
        snprintf(f->name, sizeof f->name, "%s", p->file_name);
    else if (i == BOOK_MAP)
        snprintf(f->name, sizeof f->name, KPI_MAP_FILE);
    else if (i == BOOK_OVERVIEW)
        snprintf(f->name, sizeof f->name, KPI_OVERVIEW_FILE);
    else {
        s = kpi_book_template_builtin("oekonomi", &t, msg, msg_size);
        if (s == KPI_OK)
            s = kpi_book_file_name(t, src->month, NULL, f->name,
                                   sizeof f->name);
    }
    if (s == KPI_OK && !(f->tmp = kpi_file_path(stage, f->name)))
        s = KPI_ERR_NOMEM;
    if (s == KPI_OK) {
        if (p) {
            kpi_pack_view v;
            s = kpi_pack_view_open(src, p, &v);
            if (s == KPI_OK)
                s = kpi_pack_write(&v, f->tmp, msg, msg_size);
            kpi_pack_view_close(&v);
        } else if (i == BOOK_MAP) {
            s = kpi_mapbook_write(src->map, &in, f->tmp, msg, msg_size);
        } else if (i == BOOK_OVERVIEW) {
            s = kpi_overview_write(src->map, &in, f->tmp, msg, msg_size);
        } else {
            s = kpi_book_write(t, &in, f->tmp, msg, msg_size);
        }
    }
    kpi_book_template_free(t);
    return s;
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

static kpi_status write_all(const report_ctx *c)
{
    const kpi_notify *nt = &c->o->notify;
    kpi_atomic_dir out;
    kpi_status st = kpi_atomic_dir_open(&out, c->o->outdir, nt);
    if (st != KPI_OK)
        return st;
    size_t n_books = BOOK_PACK + c->n_packs;
    staged *files = calloc(n_books, sizeof *files);
    const char **names = calloc(n_books, sizeof *names);
    size_t n_files = 0;
    if (!files || !names) {
        kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                           "out of memory");
        st = KPI_ERR_NOMEM;
    }
    for (size_t i = 0; i < n_books && st == KPI_OK; i++) {
        staged *f = &files[n_files++];
        char msg[512] = "";
        int err = 0;
        kpi_status s = write_book(c, i, out.stage, f, msg, sizeof msg);
        if (s == KPI_OK && (err = kpi_fsync_path(f->tmp)) != 0)
            s = KPI_ERR_IO;
        if (s != KPI_OK) {
            kpi_notify_problem(nt, KPI_SEVERITY_ERROR, "", 0, NULL,
                               "cannot write '%s': %s",
                               f->name[0] ? f->name : "a workbook",
                               s == KPI_ERR_IO && err ? strerror(err)
                               : msg[0]               ? msg
                                                      : kpi_strerror(s));
            /* Whatever stopped it, the workbook could not be written. */
            st = s == KPI_ERR_NOMEM ? s : KPI_ERR_IO;
        }
        names[i] = f->name;
    }
    if (st == KPI_OK) {
        st = kpi_atomic_dir_commit(&out, names, n_files, nt);
    } else {
        kpi_atomic_dir_abort(&out);
        kpi_notify_problem(nt, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "nothing written");
    }
    if (st == KPI_OK)
        st = report_written(c->o, files, n_files);
    for (size_t i = 0; files && i < n_files; i++)
        free(files[i].tmp);
    free(names);
    free(files);
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
    if (st == KPI_OK)
        st = kpi_packs_list(ds, m, &o->notify, &packs, &n_packs);
    if (st == KPI_OK) {
        report_ctx c = {{ds, figs, map, m, o->limits}, packs, n_packs, o};
        st = write_all(&c);
    } else {
        kpi_notify_problem(&o->notify, KPI_SEVERITY_NOTE, "", 0, NULL,
                           "nothing written");
    }
    kpi_packs_free(packs, n_packs);
    kpi_map_free(map);
    return st;
}
