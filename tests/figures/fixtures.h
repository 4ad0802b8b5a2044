/* fixtures.h - the datasets and helpers that several figures' tests
 * share (fixtures.c). Each fixture's comment in fixtures.c works out
 * its numbers by hand. */
#ifndef KPI_TEST_FIXTURES_H
#define KPI_TEST_FIXTURES_H

#include "support.h"

kpi_dataset *placements_fixture(void);
int64_t count(const kpi_figures *f, const char *id, const char *period,
              const char *breakdown, const char *stat);
kpi_dataset *leap_february_fixture(void);
void add_outcome(kpi_dataset *ds, const char *child, const char *date,
                 kpi_indicator ind, const char *parameter, double value);
kpi_dataset *outcomes_fixture(void);
size_t row_index(const kpi_figures *f, const char *kpi_id, const char *period,
                 const char *breakdown, const char *stat);
size_t rows_count_of(const kpi_figures *f, const char *kpi_id);
void assert_near(double got, double want, double eps);
void breakdown(const kpi_row *r, char *buf, size_t cap);
void assert_order(const kpi_figures *f, const char *kpi_id, const char *period,
                  const char *const *expected, size_t n);
kpi_sym sym(kpi_dataset *ds, const char *s);
kpi_date opt_date(const char *s);
void add_case(kpi_dataset *ds, const char *id, const char *child,
              const char *birth, const char *caseworker, const char *opened,
              const char *closed);
size_t rows_of(const kpi_figures *f, const char *id, char out[][128],
               size_t cap);
void assert_rows(const kpi_figures *f, const char *id, const char *const *want,
                 size_t n_want);
kpi_dataset *cases_fixture(void);
kpi_figures *admin_availability(const char *id, kpi_dataset **out);
/* A young adult who stays on at the placement after 18 (SPEC §3.3): an
 * almen_plejefamilie placed_from..placed_to, then ungestoette_doegnophold
 * stay_from..stay_to (NULL = open), both at provider P1, 30.000 kr. a
 * month. */
/* Sets the kontoplan function of a measure type, as kpi.ini's
 * [measure_type.CODE] function = ... does. */
void set_function(kpi_dataset *ds, const char *type, const char *function);
void add_young_adult_stay(kpi_dataset *ds, const char *child,
                          const char *birth, const char *placed_from,
                          const char *placed_to, const char *stay_from,
                          const char *stay_to);

#endif
