/*
 * kpi/atomic.h - all-or-nothing output (kpireport): one file
 * (kpi_atomic_file) or a set of files into a folder (kpi_atomic_dir).
 * `kpi export -o`, `kpi report` and the outbox of `kpi distribute` write
 * through these, so a reader, or a kill at any moment, never finds half a
 * file or half a report (SPEC §8).
 *
 * One file: the data goes to a hidden temporary file in the destination's
 * own folder (".NAME.XXXXXX"), is flushed and fsync'ed, and is then
 * renamed over the destination. rename() within one file system is
 * atomic, so a reader sees the old file or the new one, never half of it;
 * on any failure the temporary file is removed and the destination is
 * left as it was.
 *
 *     kpi_atomic_file f;
 *     if (kpi_atomic_file_open(&f, "out.csv") == KPI_OK) {
 *         fputs("...", f.fp);
 *         kpi_atomic_file_commit(&f);      // or kpi_atomic_file_abort(&f)
 *     }
 *     if (f.error) fprintf(stderr, "out.csv: %s\n", strerror(f.error));
 *
 * A set of files: they are written into a hidden staging folder next to
 * the destination folder, and the commit switches the destination to the
 * staged folder in one step (how, and where it cannot: report/atomic_dir.c
 * and docs/WORKBOOKS.md, "Writing atomically"):
 *
 *     kpi_atomic_dir d;
 *     if (kpi_atomic_dir_open(&d, "out", &notify) == KPI_OK) {
 *         // write d.stage/a.xlsx and d.stage/b.xlsx, fsync each, then
 *         const char *names[] = {"a.xlsx", "b.xlsx"};
 *         kpi_atomic_dir_commit(&d, names, 2, &notify); // or ..._abort(&d)
 *     }
 *
 * Errors: KPI_ERR_NOMEM when memory ran out, KPI_ERR_IO for anything the
 * file system refused, KPI_ERR_ARG for a misuse (commit without open).
 */
#ifndef KPI_ATOMIC_H
#define KPI_ATOMIC_H

#include "kpi.h"
#include "kpi/notify.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kpi_atomic_file {
    FILE *fp;       /* write the contents here */
    int error;      /* after a call that failed: its errno value (ENOENT,
                       ENOSPC, ...) for the message; else 0 */
    char *path;     /* private: the destination (a copy) */
    char *tmp_path; /* private: the temporary file */
} kpi_atomic_file;

/* Creates the temporary file for path. On failure nothing was created and
 * *f needs no abort. */
kpi_status kpi_atomic_file_open(kpi_atomic_file *f, const char *path);

/* Flushes, syncs and renames the temporary file to the destination. On
 * failure the temporary file is gone and the destination untouched.
 * Frees what *f holds either way (f->error stays). */
kpi_status kpi_atomic_file_commit(kpi_atomic_file *f);

/* Removes the temporary file and frees what *f holds. Safe on a zeroed
 * struct and after a failed open. */
void kpi_atomic_file_abort(kpi_atomic_file *f);

typedef struct kpi_atomic_dir {
    char *stage;          /* write the new files here (fresh and empty) */
    char *path;           /* private: the destination folder, resolved */
    char *parent;         /* private: its parent folder, resolved */
    bool existed;         /* private: the destination existed when opened */
    const char *fallback; /* private: why the stage is inside the
                             destination and the commit moves file by
                             file; NULL normally */
} kpi_atomic_dir;

/* Prepares writing into folder dir: creates dir's missing parents and the
 * staging folder, and warns (through n) about staging folders that a
 * killed run left next to it. On failure it says why through n, nothing
 * was created and *d needs no abort. */
kpi_status kpi_atomic_dir_open(kpi_atomic_dir *d, const char *dir,
                               const kpi_notify *n);

/* Makes the count files names[] of d->stage (each written and fsync'ed)
 * the files of those names in the destination, next to the other files
 * it holds: in one atomic step where the file system allows, else one
 * rename per file after a warning through n. On failure it says why
 * through n, and the destination is as it was, except when a rename of
 * the per-file fallback fails half way (n is told how many were
 * replaced). Frees what *d holds either way. */
kpi_status kpi_atomic_dir_commit(kpi_atomic_dir *d, const char *const *names,
                                 size_t count, const kpi_notify *n);

/* Removes the staging folder with what was written into it and frees what
 * *d holds. Safe on a zeroed struct. */
void kpi_atomic_dir_abort(kpi_atomic_dir *d);

/* Creates dir and its missing parents, like mkdir -p. *error (may be
 * NULL) gets the errno value of a failure (ENOTDIR when a component is
 * not a folder). */
kpi_status kpi_folder_make(const char *dir, int *error);

/* Writes text to path, which must not exist yet (O_EXCL: a file made
 * meanwhile is never replaced, kpi init's kpi.ini). Returns 0, EEXIST or
 * another errno value; a failed write leaves no file. */
int kpi_file_create_new(const char *path, const char *text);

/* "dir/name" in a new string. The caller owns it and must free() it (it
 * is malloc'd, not made through a kpi_allocator); NULL when out of
 * memory or for a NULL argument. */
char *kpi_file_path(const char *dir, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* KPI_ATOMIC_H */
