/*
 * distribute.h - `kpi distribute DATASET --month YYYY-MM [--outbox DIR |
 * --send] [--resend]` (SPEC §9): each [recipient] section's pack and an
 * e-mail for it, written as .eml files for review or sent over SMTP with
 * a send log that makes a re-run send exactly what is missing.
 * docs/DISTRIBUTION.md describes the messages, the log and the failures.
 */
#ifndef KPI_CLI_DISTRIBUTE_H
#define KPI_CLI_DISTRIBUTE_H

#include "kpi.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct cli_distribute_options {
    const char *dataset_dir; /* the dataset folder (kpi.ini, the log) */
    const char *outbox;      /* NULL: DATASET/outbox */
    bool send;               /* deliver over SMTP instead of the outbox */
    bool resend;             /* with send: ignore the send log */
} cli_distribute_options;

/* Runs the command on a loaded dataset and its figures for month m.
 * Prints every problem to stderr and returns the exit status of SPEC §8:
 * 0, 1 (kpi.ini's recipients or [smtp] are incomplete: nothing written or
 * sent), 3 (I/O, KPI_SMTP_PASSWORD missing, or a message the server did
 * not take: the others were still tried, the log lists what went out). */
int kpi_cli_distribute(const kpi_dataset *ds, const kpi_figures *figs,
                       kpi_month m, const cli_distribute_options *o);

/* The command's help text. */
void kpi_cli_distribute_help(FILE *out);

#endif
