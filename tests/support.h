/* support.h - helpers for the unit tests: build datasets record by
 * record with readable strings, compute figures, and find export rows. */
#ifndef KPI_TEST_SUPPORT_H
#define KPI_TEST_SUPPORT_H

/* cmocka needs these before its own header. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdatomic.h>
#include <stdbool.h>

#include "input/dataset.h"
#include "results/rows.h"
#include "rules/context.h"

/* A date or an amount from text; fails the test when it does not parse. */
kpi_date D(const char *text);
kpi_money KR(const char *text); /* "10.250,00" -> 1025000 øre */

/* A measure as text. NULL fields take these defaults: family = child,
 * birth "2012-06-15", target_group "social", provider "", provider_kind
 * "own", caseworker "SB1", team "", end / planned_end none, unit "month".
 * type and start and price are required. */
typedef struct support_measure {
    const char *id, *child, *family, *birth, *target_group, *type;
    const char *provider, *provider_kind, *caseworker, *team;
    const char *start, *end, *planned_end;
    const char *price, *unit;
} support_measure;

/* The dataset's symbol of s (interned); fails the test on error. */
kpi_sym support_sym(kpi_dataset *ds, const char *s);

/* An empty dataset with the default configuration; measures.csv counts as
 * present, the other files as absent until something is added to them. */
kpi_dataset *support_dataset(void);
kpi_measure *support_add_measure(kpi_dataset *ds, const support_measure *m);
/* period "2026-03"; kind "expense" / "income" / "prior_year";
 * provider_kind and child may be NULL. Marks postings.csv present. */
kpi_posting *support_add_posting(kpi_dataset *ds, const char *period,
                                 const char *type, const char *kind,
                                 const char *provider_kind,
                                 const char *amount, const char *child);
/* months: NULL, or twelve amounts; recipients / price may be NULL.
 * Marks budget.csv present. */
kpi_budget_line *support_add_budget(kpi_dataset *ds, const char *type,
                                    const char *annual,
                                    const char *const *months,
                                    const char *recipients,
                                    const char *price);

/* Computes every figure for month "YYYY-MM" without the rows for the
 * same point last year that kpi_figures_compute adds (test_last_year.c
 * tests those): each figure's own rows; fails the test on error. */
kpi_figures *support_compute(const kpi_dataset *ds, const char *month);
/* The context a figure function sees for month "YYYY-MM". */
kpi_context support_context(const kpi_dataset *ds, const char *month);

/* The row with these keys, or NULL. breakdown is "total", "dim=member" or
 * "dim=member,dim2=member2". */
const kpi_row *find_row(const kpi_figures *f, const char *kpi_id,
                        const char *period, const char *breakdown,
                        const char *stat);
/* The row's value as øre / count / real; fails the test when the row is
 * missing or of another kind. */
int64_t row_money(const kpi_figures *f, const char *kpi_id,
                  const char *period, const char *breakdown,
                  const char *stat);
int64_t row_count(const kpi_figures *f, const char *kpi_id,
                  const char *period, const char *breakdown,
                  const char *stat);
double row_real(const kpi_figures *f, const char *kpi_id, const char *period,
                const char *breakdown, const char *stat);

/* Loads the dataset folder dir as the kpi command does (the budget read
 * by kpiread's kpi_budget_read); fails the test on any error. */
kpi_dataset *support_load(const char *dir);

/* Writes data to a new file path (creating it); fails the test on error. */
void support_write_file(const char *path, const char *data, size_t len);
/* A new empty temporary directory; caller frees the string. */
char *support_tempdir(void);
/* Removes dir and all in it (rm -rf) and frees the string. */
void support_rmdir(char *dir);
/* One part of an .xlsx as text, read with unzip; the caller frees it. */
char *support_read_part(const char *book, const char *part);
/* A new empty dataset of "Egen Kommune" with 2,000 children 0-17 and
 * 2,500 0-22 and, unless NULL, [compare] municipalities = chosen at
 * kpi.ini line 7: the comparison's tests (issue 18). */
kpi_dataset *support_compare_dataset(const char *chosen);

/* What a library reported through a kpi_notify (kpi/notify.h): each
 * problem a line as kpi_diagnostic_print writes it. Pass support_hear as
 * the problem callback and a support_heard as its ctx. */
typedef struct support_heard {
    char text[4096];
} support_heard;
void support_hear(void *ctx, const kpi_diagnostic *d);

/* The allocation-failure tests' allocator, thread-safe for those that
 * give libkpi threads: it counts its calls and the live blocks, and
 * fails call number `fail` (1-based; 0: none) and, with `from`, every
 * call after it too. support_failing_allocator
 * gives the kpi_allocator over f. */
typedef struct support_failing {
    atomic_long calls;
    atomic_long live;
    long fail;
    bool from;
} support_failing;
kpi_allocator support_failing_allocator(support_failing *f);

#endif
