/*
 * atomic.h - write a file so that it either appears whole or not at all.
 *
 * The data goes to a hidden temporary file in the destination's own folder
 * (".NAME.XXXXXX"), is flushed and fsync'ed, and is then renamed over the
 * destination. rename() within one file system is atomic, so a reader sees
 * the old file or the new one, never half of it; on any failure the
 * temporary file is removed and the destination is left as it was.
 *
 *     cli_atomic f;
 *     int err = cli_atomic_open(&f, "out.csv");
 *     if (err == 0) {
 *         fputs("...", f.fp);
 *         err = cli_atomic_commit(&f);   // or cli_atomic_abort(&f)
 *     }
 *     if (err) fprintf(stderr, "out.csv: %s\n", strerror(err));
 */
#ifndef KPI_CLI_ATOMIC_H
#define KPI_CLI_ATOMIC_H

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

#endif
