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

#endif
