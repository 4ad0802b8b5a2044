/*
 * figures.h - how a key figure is computed (internal).
 *
 * Each figure is one row of the catalogue (catalog.c) and one function
 * with the signature kpi_figure_fn. The function reads the dataset through
 * the context and appends rows with kpi_figures_add*(). It must add rows in
 * a deterministic order: periods as the figure defines them, the total
 * first, then each breakdown dimension in the catalogue's order, members
 * sorted by their code (bytewise) except age groups, which come youngest
 * first ("0-5", "6-11", "12-14", ...): a reader expects ages in order. A figure whose input files are missing
 * adds no rows (not available, never zero).
 */
#ifndef KPI_FIGURES_H
#define KPI_FIGURES_H

#include "input/dataset.h"

/* Everything a figure needs to know about the report it is part of. */
typedef struct kpi_context {
    const kpi_dataset *ds;
    const kpi_allocator *alloc;
    kpi_month month; /* M */
    int year;        /* Y, the fiscal year */
    kpi_date as_of;  /* D, the last day of M */
    kpi_date year_start; /* 1 January Y */
    char period_day[11];      /* "2026-10-31": a stock on D */
    char period_month[16];    /* "2026-10": the month M */
    char period_to_date[32];  /* "2026-01..2026-10" */
    char period_year[16];     /* "2026": the whole year, forecast included */
    char period_next_year[16]; /* "2027" */
} kpi_context;

typedef kpi_status (*kpi_figure_fn)(kpi_figures *out, const kpi_context *ctx);

/* Appends a copy of row (every string copied; row->kind decides which of
 * integer / real is used). */
kpi_status kpi_figures_add(kpi_figures *f, const kpi_row *row);

/* Appends one row. Every string is copied into the figures' own storage.
 * dimension and member are both NULL for the total. */
kpi_status kpi_figures_add_count(kpi_figures *f, const char *kpi_id,
                                 const char *period, const char *dimension,
                                 const char *member, const char *stat,
                                 int64_t count);
kpi_status kpi_figures_add_money(kpi_figures *f, const char *kpi_id,
                                 const char *period, const char *dimension,
                                 const char *member, const char *stat,
                                 kpi_money amount);
kpi_status kpi_figures_add_real(kpi_figures *f, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat,
                                double value);

kpi_status kpi_figures_add_text(kpi_figures *f, const char *kpi_id,
                                const char *period, const char *dimension,
                                const char *member, const char *stat,
                                const char *text);

/* Appends one row of the disposition table; strings are copied. */
kpi_status kpi_figures_add_disposition(kpi_figures *f,
                                       const kpi_disposition *row);

/* Appends one issue of data_quality; strings are copied. The caller adds
 * them in their final order (check, file, line). */
kpi_status kpi_figures_add_issue(kpi_figures *f, const kpi_issue *issue);

/* Inserts n rows (strings copied as kpi_figures_add does): rows[i] goes
 * right after the existing row after[i]. after must ascend and name
 * existing rows; rows with the same after keep their order. O(rows). */
kpi_status kpi_figures_insert(kpi_figures *f, const size_t *after,
                              const kpi_row *rows, size_t n);

/* Gives every figure with a [target.<kpi_id>] of kpi.ini its status row
 * (targets.c). Runs once, after every figure has been computed. */
kpi_status kpi_targets_apply(kpi_figures *f, const kpi_context *ctx);

/* The end an ongoing measure is assumed to run to (SPEC §4): its
 * planned_end_date when that is on or after D, else 31 December of Y+1.
 * A finished measure's end is its end_date. */
kpi_date kpi_measure_assumed_end(const kpi_measure *m, const kpi_context *ctx);

/* What measure m disposes in month (year, month) with the assumed end. */
kpi_money kpi_measure_disposed_month(const kpi_measure *m,
                                     const kpi_context *ctx, int year,
                                     int month);

/* What measure m disposes in the whole fiscal year Y with the assumed end:
 * the sum of kpi_measure_disposed_month over the months it overlaps. */
kpi_money kpi_measure_disposed_year(const kpi_measure *m,
                                    const kpi_context *ctx);

/* The price of measure m per whole month, as KL's disposition table shows
 * it: a month price as it is, a day price for a 30-day month, a week price
 * for 30/7 weeks, a twelfth of a year price (rounded half away from zero).
 * It makes prices of different units comparable (provider prices, price
 * outliers) and is a display value only: no sum is built from it, and a
 * calendar month would make one contract look dearer in October than in
 * November. */
kpi_money kpi_measure_monthly_price(const kpi_measure *m);

/* The measure types sorted by code (bytewise; equal codes by index):
 * (*out)[k] is the index of the k-th type, ds->config->n_types entries,
 * freed by the caller with kpi_xfree(ctx->alloc, ...). KPI_ERR_NOMEM. */
kpi_status kpi_type_order(const kpi_context *ctx, uint16_t **out);

/* The target groups in bytewise order of their codes: order[k] is the
 * kpi_target_group of the k-th. */
void kpi_target_order(size_t order[KPI_TARGET_COUNT]);

/* The age group of an age (SPEC §4): "0-5", "6-11", "12-14", "15-17",
 * "18-22"; NULL outside 0..22. */
const char *kpi_age_group(int age);
#define KPI_AGE_GROUP_COUNT 5
extern const char *const kpi_age_groups[KPI_AGE_GROUP_COUNT];
int kpi_age_group_index(int age); /* -1 outside 0..22 */

/* The figure functions, one per key figure (catalog.c lists them). */
kpi_status kpi_fig_placed_children(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_new_placements(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_preventive_families(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_spend(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_disposed(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_forecast(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_recipients_price(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_high_cost_cases(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_own_vs_purchased(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_caseworker_spend(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_provider_prices(kpi_figures *out, const kpi_context *ctx);
/* Issue 3: the remaining figures. */
kpi_status kpi_fig_placement_duration(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_waiting_list(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_preventive_duration(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_school_absence(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_goal_attainment(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_new_cases(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_notifications(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_closed_cases(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_deadlines_met(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_cases_per_caseworker(kpi_figures *out,
                                        const kpi_context *ctx);
kpi_status kpi_fig_complaints(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_management_reviews(kpi_figures *out,
                                      const kpi_context *ctx);
kpi_status kpi_fig_inspections(kpi_figures *out, const kpi_context *ctx);
kpi_status kpi_fig_data_quality(kpi_figures *out, const kpi_context *ctx);

/* The catalogue's compute function of the i-th figure; NULL when the
 * figure is not implemented yet. */
kpi_figure_fn kpi_catalog_figure_fn(size_t i);

#endif /* KPI_FIGURES_H */
