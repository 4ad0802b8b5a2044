/*
 * print.h - how the kpi command prints what its libraries report
 * (kpi/notify.h): problems on stderr as "file:line: key: message", "kpi"
 * standing in for an empty file, and the files written on stdout.
 */
#ifndef KPI_CLI_PRINT_H
#define KPI_CLI_PRINT_H

#include "kpi/notify.h"

/* A kpi_notify that prints: problem() to stderr, wrote() to stdout. */
kpi_notify cli_notify(void);

#endif
