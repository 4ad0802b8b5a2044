/*
 * packs.h - kpireport's private header: what its files share.
 * The public API is include/kpi/report.h and include/kpi/atomic.h.
 */
#ifndef KPI_REPORT_PACKS_H
#define KPI_REPORT_PACKS_H

#include "kpi/atomic.h"
#include "kpi/report.h"

/* The template every pack is rendered from (templates/pakke.ini). */
#define KPI_PACK_TEMPLATE "pakke"

/* fsync of a file or folder by its path (atomic_file.c): 0, or the errno
 * of the open or the fsync. The atomic writers sync the folder after a
 * rename (best effort: some file systems refuse to) and the report its
 * staged files before they are moved in. */
int kpi_fsync_path(const char *path);

#endif
