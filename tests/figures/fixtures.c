/* fixtures.c - the datasets and helpers that several figures' tests
 * share (tests/figures/test_<id>.c): the fixtures worked out by hand for
 * the figures computed from the same files. fixtures.h declares them. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- placed_children, new_placements, preventive_families ---- */
#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

/*
 * The fixture, report month 2026-10, D = 2026-10-31. Default birth
 * 2012-06-15 (13 until 2026-06-14, 14 from then), target group social.
 *
 * B1 born 2011-10-31 (turns 15 on D), social:
 *    almen_plejefamilie at P1 2026-01-01..2026-03-31, then
 *    doegninstitution at P2 2026-04-01..open: one spell from 01-01 (the
 *    next starts the day after), a change of placement on 04-01.
 * B2 born 2016-03-01, handicap: opholdssted at P3 from 2026-10-31 (a
 *    start on the 31st, which is D itself).
 * B3 born 2008-02-29, handicap: kostskole at P4 from 2026-02-28. In 2026
 *    (not a leap year) a 29 February child completes a year on 1 March,
 *    so at the start B3 is 17, on D 18.
 * B4: almen_plejefamilie 2026-10-02..2026-10-15: new in October, not
 *    placed on D.
 * B5: netvaerksplejefamilie at P5 2025-05-01..2026-03-31 and from
 *    2026-04-02: a day's gap, so two spells; the second is new in April.
 * B6: opholdssted 2026-10-10..2026-10-09, a cancelled grant: nothing.
 * B7: almen_plejefamilie at P6 from 2025-01-01 and, overlapping,
 *    specialiseret_plejefamilie at P6 from 2026-06-01: one spell from
 *    2025, no change (same provider); on D the later start describes it.
 * B8: forstaerket_plejefamilie (id X1) and eget_vaerelse (id X2), both at
 *    P7 from 2025-06-01: on D the tie on start goes to the larger id, X2.
 * B9: opholdssted at P8 2026-01-01..2026-10-14, sikret_doegninstitution
 *    at P9 from 2026-10-15: one spell, a change in October.
 *
 * Preventive:
 * C1 born 2020-01-01 (6 on D) and C2 born 2010-01-01 (16 on D), both in
 *    family F1: familiebehandling each, C1 also kontaktperson.
 * C3: stoette_i_hjemmet ended 2026-09-30: not active on D.
 * C4: dagtilbud 2026-10-01..2026-09-30, cancelled: nothing.
 * C5 born 2024-05-05 (2 on D), handicap: dagtilbud 2026-01-01..2026-10-31
 *    (ends on D, so active).
 */
kpi_dataset *placements_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.child = "B1", .birth = "2011-10-31", .type = "almen_plejefamilie",
      .provider = "P1", .start = "2026-01-01", .end = "2026-03-31",
      .price = "30.000");
    P(.child = "B1", .birth = "2011-10-31", .type = "doegninstitution",
      .provider = "P2", .start = "2026-04-01", .price = "60.000");
    P(.child = "B2", .birth = "2016-03-01", .target_group = "handicap",
      .type = "opholdssted", .provider = "P3", .start = "2026-10-31",
      .price = "50.000");
    P(.child = "B3", .birth = "2008-02-29", .target_group = "handicap",
      .type = "kostskole", .provider = "P4", .start = "2026-02-28",
      .price = "20.000");
    P(.child = "B4", .type = "almen_plejefamilie", .provider = "P1",
      .start = "2026-10-02", .end = "2026-10-15", .price = "30.000");
    P(.child = "B5", .type = "netvaerksplejefamilie", .provider = "P5",
      .start = "2025-05-01", .end = "2026-03-31", .price = "10.000");
    P(.child = "B5", .type = "netvaerksplejefamilie", .provider = "P5",
      .start = "2026-04-02", .price = "10.000");
    P(.child = "B6", .type = "opholdssted", .provider = "P3",
      .start = "2026-10-10", .end = "2026-10-09", .price = "50.000");
    P(.child = "B7", .type = "almen_plejefamilie", .provider = "P6",
      .start = "2025-01-01", .price = "30.000");
    P(.child = "B7", .type = "specialiseret_plejefamilie", .provider = "P6",
      .start = "2026-06-01", .price = "45.000");
    P(.id = "X2", .child = "B8", .type = "eget_vaerelse", .provider = "P7",
      .start = "2025-06-01", .price = "8.000");
    P(.id = "X1", .child = "B8", .type = "forstaerket_plejefamilie",
      .provider = "P7", .start = "2025-06-01", .price = "40.000");
    P(.child = "B9", .type = "opholdssted", .provider = "P8",
      .start = "2026-01-01", .end = "2026-10-14", .price = "50.000");
    P(.child = "B9", .type = "sikret_doegninstitution", .provider = "P9",
      .start = "2026-10-15", .price = "90.000");

    P(.child = "C1", .family = "F1", .birth = "2020-01-01",
      .type = "familiebehandling", .start = "2026-03-01", .price = "5.000");
    P(.child = "C1", .family = "F1", .birth = "2020-01-01",
      .type = "kontaktperson", .start = "2026-05-01", .price = "3.000");
    P(.child = "C2", .family = "F1", .birth = "2010-01-01",
      .type = "familiebehandling", .start = "2026-03-01", .price = "5.000");
    P(.child = "C3", .type = "stoette_i_hjemmet", .start = "2026-01-01",
      .end = "2026-09-30", .price = "2.000");
    P(.child = "C4", .type = "dagtilbud", .start = "2026-10-01",
      .end = "2026-09-30", .price = "2.000");
    P(.child = "C5", .birth = "2024-05-05", .target_group = "handicap",
      .type = "dagtilbud", .start = "2026-01-01", .end = "2026-10-31",
      .price = "2.000");
    return ds;
}

int64_t count(const kpi_figures *f, const char *id, const char *period,
              const char *breakdown, const char *stat)
{
    return row_count(f, id, period, breakdown, stat);
}

/* A leap year: report month 2024-03, D = 2024-03-31.
 * A from 2024-02-29 open; B 2023-01-01..2024-02-28; C 2024-02-01..02-29;
 * K a preventive measure on the leap day only. */
kpi_dataset *leap_february_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.child = "A", .type = "opholdssted", .start = "2024-02-29", .price = "1");
    P(.child = "B", .type = "opholdssted", .start = "2023-01-01",
      .end = "2024-02-28", .price = "1");
    P(.child = "C", .type = "opholdssted", .start = "2024-02-01",
      .end = "2024-02-29", .price = "1");
    /* A preventive measure on the leap day only. */
    P(.child = "K", .type = "kontaktperson", .start = "2024-02-29",
      .end = "2024-02-29", .price = "1");
    return ds;
}

/* ---- school_absence, goal_attainment ---- */
#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

void add_outcome(kpi_dataset *ds, const char *child, const char *date,
                 kpi_indicator ind, const char *parameter, double value)
{
    kpi_outcome_row *o = KPI_ARRAY_PUSH(ds->alloc, &ds->outcomes);
    assert_non_null(o);
    ds->present[KPI_FILE_OUTCOMES] = true;
    assert_int_equal(
        kpi_symtab_intern(ds->syms, child, strlen(child), &o->child, NULL),
        KPI_OK);
    if (parameter)
        assert_int_equal(kpi_symtab_intern(ds->syms, parameter,
                                           strlen(parameter), &o->parameter,
                                           NULL),
                         KPI_OK);
    o->date = D(date);
    o->indicator = (uint8_t)ind;
    o->value = value;
    o->line = (uint32_t)ds->outcomes.count + 1; /* file order */
}

/*
 * Report month 2026-10, D = 2026-10-31, to date 2026-01-01..2026-10-31.
 *
 * The children (measures decide status, target group and birth date):
 * K1 born 2012-06-15 (14 in 2026 from June, 13 before), social:
 *    opholdssted from 2026-01-01: placed all of 2026.
 * K2 born 2016-03-01 (10 in 2026 from March), handicap:
 *    stoette_i_hjemmet from 2025-06-01 (preventive) and
 *    almen_plejefamilie from 2026-10-10: preventive until 10-09,
 *    placed from 10-10 (placement preferred over the preventive measure).
 * K3 born 2009-01-01 (17 in 2026), social: familiebehandling
 *    2026-01-01..2026-09-30: no status in October; target group from the
 *    latest measure started before (social). A cancelled handicap grant
 *    from 2026-10-01 counts for nothing (else K3 would be handicap in
 *    October).
 * K4 has no measure at all: no status, target or age; total only.
 * K5 born 2014-05-05 (12 in 2026 from May), handicap: kontaktperson
 *    2026-10-01..2026-09-30 (cancelled: nothing) and dagtilbud from
 *    2026-02-01 (preventive).
 */
kpi_dataset *outcomes_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.child = "K1", .birth = "2012-06-15", .type = "opholdssted",
      .start = "2026-01-01", .price = "50.000");
    P(.child = "K2", .birth = "2016-03-01", .target_group = "handicap",
      .type = "stoette_i_hjemmet", .start = "2025-06-01", .price = "5.000");
    P(.child = "K2", .birth = "2016-03-01", .target_group = "handicap",
      .type = "almen_plejefamilie", .start = "2026-10-10", .price = "30.000");
    P(.child = "K3", .birth = "2009-01-01", .type = "familiebehandling",
      .start = "2026-01-01", .end = "2026-09-30", .price = "5.000");
    P(.child = "K3", .birth = "2009-01-01", .target_group = "handicap",
      .type = "kontaktperson", .start = "2026-10-01", .end = "2026-09-30",
      .price = "5.000");
    P(.child = "K5", .birth = "2014-05-05", .target_group = "handicap",
      .type = "kontaktperson", .start = "2026-10-01", .end = "2026-09-30",
      .price = "5.000");
    P(.child = "K5", .birth = "2014-05-05", .target_group = "handicap",
      .type = "dagtilbud", .start = "2026-02-01", .price = "3.000");
    return ds;
}

/* ---- the economy figures ---- */

/* The index of a row in export order; fails when missing. */
size_t row_index(const kpi_figures *f, const char *kpi_id, const char *period,
                 const char *breakdown, const char *stat)
{
    const kpi_row *r = find_row(f, kpi_id, period, breakdown, stat);
    if (!r)
        fail_msg("no row %s;%s;%s;%s", kpi_id, period, breakdown, stat);
    for (size_t i = 0; i < kpi_figures_row_count(f); i++)
        if (kpi_figures_row(f, i) == r)
            return i;
    return SIZE_MAX;
}

size_t rows_count_of(const kpi_figures *f, const char *kpi_id)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++)
        n += strcmp(kpi_figures_row(f, i)->kpi_id, kpi_id) == 0;
    return n;
}

/* ---- recipients_price, high_cost_cases, provider_prices ---- */

/* cmocka 1.1.5 has only assert_float_equal, which rounds to float. */
void assert_near(double got, double want, double eps)
{
    if (!(fabs(got - want) <= eps))
        fail_msg("got %.12g, want %.12g", got, want);
}

/* The breakdown of a row as the export writes it. */
void breakdown(const kpi_row *r, char *buf, size_t cap)
{
    if (!r->dimension)
        snprintf(buf, cap, "total");
    else if (r->dimension2)
        snprintf(buf, cap, "%s=%s,%s=%s", r->dimension, r->member,
                 r->dimension2, r->member2);
    else
        snprintf(buf, cap, "%s=%s", r->dimension, r->member);
}

/* Asserts the sequence of "breakdown;stat" of one figure's rows of one
 * period, in export order. */
void assert_order(const kpi_figures *f, const char *kpi_id, const char *period,
                  const char *const *expected, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, kpi_id) != 0 || strcmp(r->period, period) != 0)
            continue;
        char b[256], line[300];
        breakdown(r, b, sizeof b);
        snprintf(line, sizeof line, "%s;%s", b, r->stat);
        if (k >= n)
            fail_msg("unexpected row %s", line);
        assert_string_equal(line, expected[k]);
        k++;
    }
    assert_int_equal(k, n);
}

/* ---- the administration figures ---- */
#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})
static const char *const M = "2026-10";

kpi_sym sym(kpi_dataset *ds, const char *s)
{
    kpi_sym out;
    assert_int_equal(kpi_symtab_intern(ds->syms, s, strlen(s), &out, NULL),
                     KPI_OK);
    return out;
}

kpi_date opt_date(const char *s)
{
    return s ? D(s) : KPI_DATE_NONE;
}

void add_case(kpi_dataset *ds, const char *id, const char *child,
              const char *birth, const char *caseworker, const char *opened,
              const char *closed)
{
    kpi_case *c = KPI_ARRAY_PUSH(ds->alloc, &ds->cases);
    assert_non_null(c);
    ds->present[KPI_FILE_CASES] = true;
    c->id = sym(ds, id);
    c->child = sym(ds, child);
    c->caseworker = sym(ds, caseworker);
    c->birth = D(birth);
    c->opened = D(opened);
    c->closed = opt_date(closed);
    c->target_group = KPI_TARGET_SOCIAL;
    c->line = (uint32_t)ds->cases.count + 1;
}

/* The rows of one figure in export order as "period|breakdown|stat". */
size_t rows_of(const kpi_figures *f, const char *id, char out[][128],
               size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, id) != 0)
            continue;
        assert_true(n < cap);
        char bd[96];
        if (!r->dimension)
            snprintf(bd, sizeof bd, "total");
        else if (r->dimension2)
            snprintf(bd, sizeof bd, "%s=%s,%s=%s", r->dimension, r->member,
                     r->dimension2, r->member2);
        else
            snprintf(bd, sizeof bd, "%s=%s", r->dimension, r->member);
        snprintf(out[n++], 128, "%s|%s|%s", r->period, bd, r->stat);
    }
    return n;
}

void assert_rows(const kpi_figures *f, const char *id, const char *const *want,
                 size_t n_want)
{
    static char got[256][128];
    size_t n = rows_of(f, id, got, 256);
    for (size_t i = 0; i < n && i < n_want; i++)
        assert_string_equal(got[i], want[i]);
    assert_int_equal(n, n_want);
}

/* ---- cases ----------------------------------------------------------------
 *
 * case child birth       caseworker opened      closed
 * K1   C1    2020-10-15  SB_A       2026-10-14  -           age 5 at opening
 * K2   C2    2020-10-15  SB_A       2026-10-15  -           6 (birthday)
 * K3   C3    2010-03-01  SB_B       2026-03-10  2026-10-31  16; closed on D
 * K4   C4    2003-01-01  SB_B       2026-10-01  -           23: no age group
 * K5   C5    2015-05-05  SB_A       2025-02-01  2026-02-10
 * K6   C6    2012-01-01  SB_C       2024-06-01  2025-10-31  SB_C's only case
 * K7   C7    2018-07-01  SB_B       2025-11-15  -           Nov: not series
 * K8   C8    2014-02-02  SB_A       2026-11-02  -           after D
 *
 * Measures: C1 almen_plejefamilie from 2026-10-20 (placed on D);
 * C2 almen_plejefamilie ending 2026-10-30 (not on D); C3 opholdssted
 * active on D (but K3 is closed on D); C7 familiebehandling (preventive)
 * and a cancelled opholdssted 2026-10-10..2026-10-09; C4 kostskole
 * ending on D (active on D, the end is inclusive); C9 (no case)
 * kontaktperson with caseworker SB_D, who has no case at all.
 */
kpi_dataset *cases_fixture(void)
{
    kpi_dataset *ds = support_dataset();
    add_case(ds, "K1", "C1", "2020-10-15", "SB_A", "2026-10-14", NULL);
    add_case(ds, "K2", "C2", "2020-10-15", "SB_A", "2026-10-15", NULL);
    add_case(ds, "K3", "C3", "2010-03-01", "SB_B", "2026-03-10", "2026-10-31");
    add_case(ds, "K4", "C4", "2003-01-01", "SB_B", "2026-10-01", NULL);
    add_case(ds, "K5", "C5", "2015-05-05", "SB_A", "2025-02-01", "2026-02-10");
    add_case(ds, "K6", "C6", "2012-01-01", "SB_C", "2024-06-01", "2025-10-31");
    add_case(ds, "K7", "C7", "2018-07-01", "SB_B", "2025-11-15", NULL);
    add_case(ds, "K8", "C8", "2014-02-02", "SB_A", "2026-11-02", NULL);
    P(.child = "C1", .caseworker = "SB_A", .type = "almen_plejefamilie",
      .start = "2026-10-20", .price = "30.000");
    P(.child = "C2", .caseworker = "SB_A", .type = "almen_plejefamilie",
      .start = "2026-01-01", .end = "2026-10-30", .price = "30.000");
    P(.child = "C3", .caseworker = "SB_B", .type = "opholdssted",
      .start = "2026-01-01", .price = "50.000");
    P(.child = "C7", .caseworker = "SB_B", .type = "familiebehandling",
      .start = "2026-01-01", .price = "5.000");
    P(.child = "C7", .caseworker = "SB_B", .type = "opholdssted",
      .start = "2026-10-10", .end = "2026-10-09", .price = "50.000");
    P(.child = "C4", .caseworker = "SB_B", .type = "kostskole",
      .start = "2026-08-01", .end = "2026-10-31", .price = "20.000");
    P(.child = "C9", .caseworker = "SB_D", .type = "kontaktperson",
      .start = "2026-01-01", .price = "3.000");
    return ds;
}

/* ---- availability -------------------------------------------------------
 * Without their files the administration figures are not available: no
 * rows at all. A present but empty file gives zero totals (and no mean /
 * share / rate). The dataset has one measure and, the second time, every
 * administration file present and empty; the figures computed then are
 * returned (the caller frees them and *ds). */
kpi_figures *admin_availability(const char *id, kpi_dataset **out)
{
    kpi_dataset *ds = support_dataset();
    P(.type = "kontaktperson", .start = "2026-01-01", .price = "3.000");
    kpi_figures *f = support_compute(ds, M);
    static char got[64][128];
    assert_int_equal(rows_of(f, id, got, 64), 0);
    kpi_figures_free(f);

    for (int file = KPI_FILE_CASES; file <= KPI_FILE_INSPECTIONS; file++)
        ds->present[file] = true;
    f = support_compute(ds, M);
    assert_true(rows_of(f, id, got, 64) > 0);
    *out = ds;
    return f;
}

void add_young_adult_stay(kpi_dataset *ds, const char *child,
                          const char *birth, const char *placed_from,
                          const char *placed_to, const char *stay_from,
                          const char *stay_to)
{
    static const char *const types[2] = {"almen_plejefamilie",
                                         "ungestoette_doegnophold"};
    const char *from[2] = {placed_from, stay_from}, *to[2] = {placed_to,
                                                             stay_to};
    for (int i = 0; i < 2; i++)
        support_add_measure(ds, &(support_measure){
                                    .child = child, .birth = birth,
                                    .type = types[i], .provider = "P1",
                                    .start = from[i], .end = to[i],
                                    .price = "30.000,00"});
}

void set_function(kpi_dataset *ds, const char *type, const char *function)
{
    int t = kpi_config_find_type(ds->config, type, (size_t)-1);
    assert_true(t >= 0);
    char *copy = kpi_xstrdup(ds->alloc, function);
    assert_non_null(copy);
    kpi_xfree(ds->alloc, ds->config->types[t].function);
    ds->config->types[t].function = copy;
}
