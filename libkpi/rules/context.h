/*
 * context.h - the report a rule or a figure is computed for (internal):
 * the dataset, the report month M, its year Y, the last day D, and the
 * export's period codes of the month (SPEC §8).
 */
#ifndef KPI_CONTEXT_H
#define KPI_CONTEXT_H

#include "input/dataset.h"

struct kpi_spells_once; /* rules/spells.h */

/* Everything a figure needs to know about the report it is part of. */
typedef struct kpi_context {
    const kpi_dataset *ds;
    const kpi_allocator *alloc;
    kpi_month month; /* M */
    int year;        /* Y, the fiscal year */
    kpi_date as_of;  /* D, the last day of M */
    kpi_date year_start; /* 1 January Y */
    kpi_date horizon;    /* 31 December Y+1, where the disposition ends */
    /* The first day of each month of Y-1 and Y, then 1 January Y+1: the
     * months of rules/slots.h (KPI_SLOT_COUNT + 1), so that finding a
     * date's month is a lookup, not a calendar conversion per date. */
    kpi_date slot_start[25];
    char period_day[11];      /* "2026-10-31": a stock on D */
    char period_month[16];    /* "2026-10": the month M */
    char period_to_date[32];  /* "2026-01..2026-10" */
    char period_year[16];     /* "2026": the whole year, forecast included */
    char period_rest[17];     /* "2026-11..2026-12"; "" when M is December */
    char period_next_year[16]; /* "2027" */
    /* true when the figure runs for the rows of the same point last year
     * (catalog/compute.c): of its rows only those of period_day,
     * period_month and period_to_date are kept, so a figure may skip the
     * work whose rows would be thrown away. The rows it does write must
     * be the same either way. */
    bool last_year;
    /* true when only the rows are kept, not the disposition table
     * (kpi_compute_options.rows_only, and last year's rows). */
    bool rows_only;
    /* The placement spells shared by the figures of one compute call
     * (rules/spells.h kpi_spells_of); NULL: each figure builds its own. */
    struct kpi_spells_once *spells;
} kpi_context;

/* Fills *ctx for dataset ds and report month m (a valid month whose year
 * and the next are 1..9999: kpi_figures_compute checks that). */
void kpi_context_init(kpi_context *ctx, const kpi_dataset *ds, kpi_month m);

#endif /* KPI_CONTEXT_H */
