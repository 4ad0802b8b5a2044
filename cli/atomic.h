/*
 * atomic.h - all-or-nothing writing for the kpi command: one file
 * (cli_atomic) or a set of files into a folder (cli_atomic_dir).
 *
 * One file: the data goes to a hidden temporary file in the destination's
 * own folder (".NAME.XXXXXX"), is flushed and fsync'ed, and is then renamed
 * over the destination. rename() within one file system is atomic, so a
 * reader sees the old file or the new one, never half of it; on any failure
 * the temporary file is removed and the destination is left as it was.
 *
 *     cli_atomic f;
 *     int err = cli_atomic_open(&f, "out.csv");
 *     if (err == 0) {
 *         fputs("...", f.fp);
 *         err = cli_atomic_commit(&f);   // or cli_atomic_abort(&f)
 *     }
 *     if (err) fprintf(stderr, "out.csv: %s\n", strerror(err));
 *
 * A set of files: they are written into a hidden staging folder next to
 * the destination folder, and the commit switches the destination to the
 * staged folder in one step (how, and where it cannot: atomic.c and
 * docs/WORKBOOKS.md, "Writing atomically"):
 *
 *     cli_atomic_dir d;
 *     if (cli_atomic_dir_open(&d, "out") == 0) {
 *         // write d.stage/a.xlsx and d.stage/b.xlsx, fsync each, then
 *         const char *names[] = {"a.xlsx", "b.xlsx"};
 *         err = cli_atomic_dir_commit(&d, names, 2); // or ..._dir_abort(&d)
 *     }
 */
#ifndef KPI_CLI_ATOMIC_H
#define KPI_CLI_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct cli_atomic {
    char *path;     /* the destination (a copy) */
    char *tmp_path; /* the temporary file */
    FILE *fp;       /* write the contents here */
} cli_atomic;

/* Creates the temporary file for path. Returns 0, or an errno value (then
 * nothing was created and *f needs no abort). */
int cli_atomic_open(cli_atomic *f, const char *path);

/* Flushes, syncs and renames the temporary file to the destination.
 * Returns 0, or an errno value (then the temporary file is gone and the
 * destination untouched). Frees *f either way. */
int cli_atomic_commit(cli_atomic *f);

/* Removes the temporary file and frees *f. Safe on a zeroed struct. */
void cli_atomic_abort(cli_atomic *f);

typedef struct cli_atomic_dir {
    char *stage;          /* write the new files here (fresh and empty) */
    char *path;           /* the destination folder, resolved */
    char *parent;         /* its parent folder, resolved */
    bool existed;         /* the destination existed when opened */
    const char *fallback; /* why the stage is inside the destination and
                             the commit moves file by file; NULL normally */
} cli_atomic_dir;

/* Prepares writing into folder dir: creates dir's missing parents and the
 * staging folder. Returns 0, or an errno value after saying why on stderr
 * (then nothing was created and *d needs no abort). */
int cli_atomic_dir_open(cli_atomic_dir *d, const char *dir);

/* Makes the n files names[] of d->stage (each written and fsync'ed) the
 * files of those names in the destination, next to the other files it
 * holds: in one atomic step where the file system allows, else one rename
 * per file after a warning on stderr. Returns 0, or an errno value after
 * saying why on stderr; then the destination is as it was, except when a
 * rename of the per-file fallback fails half way (stderr says so). Frees
 * *d either way. */
int cli_atomic_dir_commit(cli_atomic_dir *d, const char *const *names,
                          size_t n);

/* Removes the staging folder with what was written into it and frees *d.
 * Safe on a zeroed struct. */
void cli_atomic_dir_abort(cli_atomic_dir *d);

/* Creates dir and its missing parents, like mkdir -p. Returns 0 or an
 * errno value (ENOTDIR when a component is not a folder). */
int cli_make_dirs(const char *dir);

/* "dir/name" in a new string the caller frees; NULL when out of memory. */
char *cli_path_join(const char *dir, const char *name);

#endif
