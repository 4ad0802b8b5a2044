/* test_data_quality.c - the data_quality figure (SPEC §5, §3.2) and its
 * issue list, on a hand-made dataset. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

#define P(...) support_add_measure(ds, &(support_measure){__VA_ARGS__})

static void add_case(kpi_dataset *ds, const char *id, const char *child,
                     const char *opened, const char *closed)
{
    kpi_case *c = KPI_ARRAY_PUSH(ds->alloc, &ds->cases);
    assert_non_null(c);
    ds->present[KPI_FILE_CASES] = true;
    assert_int_equal(kpi_symtab_intern(ds->syms, id, strlen(id), &c->id, NULL),
                     KPI_OK);
    assert_int_equal(
        kpi_symtab_intern(ds->syms, child, strlen(child), &c->child, NULL),
        KPI_OK);
    c->birth = D("2012-06-15");
    c->opened = D(opened);
    c->closed = closed ? D(closed) : KPI_DATE_NONE;
    c->line = (uint32_t)ds->cases.count + 1;
}

/*
 * Report month 2026-10, D = 2026-10-31. support_add_measure numbers the
 * measures from line 2 (line 1 is the header).
 *
 * line  id   child type                 dates                    price
 *  2    A1   B1    opholdssted          2026-01-01..2026-03-31   30.000
 *  3    A2   B1    opholdssted          2026-04-01..             30.000
 *  4    A3   B2    almen_plejefamilie   2026-01-01..2026-06-30   20.000
 *  5    A4   B2    doegninstitution     2026-06-30..             60.000
 *  6    A5   B3    kostskole            2026-05-01..             20.000
 *  7    A6   B3    kostskole            2026-02-01..             20.000
 *  8    A7   B1    opholdssted          2026-05-10..2026-05-09 (cancelled)
 *  9    A8   B4    kontaktperson        2026-01-01..              3.000
 * 10    A9   B4    familiebehandling    2026-01-01..              5.000
 * 11    A10  B5    kontaktperson        2026-01-01..2026-08-31    3.000
 * 12    A11  B5    familiebehandling    2026-02-01..              5.000
 * 13-21 S1..S9 stoetteophold, one child each (see the price test)
 * 22-25 T1..T4 dagtilbud 1.000, 1.000, 1.000, 100.000 a month
 *
 * Overlaps: A1/A2 are chained (A2 starts the day after A1 ends): none.
 * A3/A4 share 2026-06-30: one day, reported on line 5 (the later line).
 * A5/A6 share 2026-05-01 onwards, both ongoing: reported on line 7 (A6 is
 * later in the file although it starts first). A7 is cancelled: nothing.
 * A8/A9 overlap but are preventive: not placements. = 2.
 *
 * Cases: B1 closed 2026-09-30 and 2026-10-31 (on D: closed on or before
 * D) -> A2, active on D, is reported (line 3). B2 one closed, one open ->
 * nothing. B3 closed 2026-11-15, after D, so open on D -> nothing. B4 has
 * no case -> nothing. B5 closed 2026-08-31 -> A11 (line 12) reported; A10
 * ended 08-31, not active on D. = 2.
 *
 * Prices of stoetteophold active on D, per month: S1 3.000, S2 4.000,
 * S3 12.000, S4 400 a day = 12.000, S5 12.000, S6 36.000, S7 480.000 a
 * year = 40.000; S8 costs 0 (a warning already: left out), S9 ended
 * 2026-09-30 (not active). Sorted: 3.000 4.000 12.000 12.000 12.000
 * 36.000 40.000, median 12.000: a third is 4.000, three times 36.000.
 * S1 (3.000 < 4.000) and S7 (40.000 > 36.000) are outliers; S2 and S6 sit
 * exactly on the bounds and are not. dagtilbud has 4 active measures,
 * too few to judge its 100.000. = 2 (lines 13 and 19).
 *
 * Warnings (as the loader would have left them in ds->warnings), added
 * out of order: measures.csv:8 (the cancelled grant), budget.csv:3,
 * measures.csv:20 (S8's cost of 0). = 3, sorted budget.csv:3,
 * measures.csv:8, measures.csv:20.
 *
 * Total 2 + 2 + 2 + 3 = 9.
 */
static kpi_dataset *fixture(void)
{
    kpi_dataset *ds = support_dataset();
    P(.id = "A1", .child = "B1", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-03-31", .price = "30.000");
    P(.id = "A2", .child = "B1", .type = "opholdssted", .start = "2026-04-01",
      .price = "30.000");
    P(.id = "A3", .child = "B2", .type = "almen_plejefamilie",
      .start = "2026-01-01", .end = "2026-06-30", .price = "20.000");
    P(.id = "A4", .child = "B2", .type = "doegninstitution",
      .start = "2026-06-30", .price = "60.000");
    P(.id = "A5", .child = "B3", .type = "kostskole", .start = "2026-05-01",
      .price = "20.000");
    P(.id = "A6", .child = "B3", .type = "kostskole", .start = "2026-02-01",
      .price = "20.000");
    P(.id = "A7", .child = "B1", .type = "opholdssted", .start = "2026-05-10",
      .end = "2026-05-09", .price = "30.000");
    P(.id = "A8", .child = "B4", .type = "kontaktperson", .start = "2026-01-01",
      .price = "3.000");
    P(.id = "A9", .child = "B4", .type = "familiebehandling",
      .start = "2026-01-01", .price = "5.000");
    P(.id = "A10", .child = "B5", .type = "kontaktperson",
      .start = "2026-01-01", .end = "2026-08-31", .price = "3.000");
    P(.id = "A11", .child = "B5", .type = "familiebehandling",
      .start = "2026-02-01", .price = "5.000");

    P(.id = "S1", .child = "S1", .type = "stoetteophold", .start = "2026-01-01",
      .price = "3.000");
    P(.id = "S2", .child = "S2", .type = "stoetteophold", .start = "2026-01-01",
      .price = "4.000");
    P(.id = "S3", .child = "S3", .type = "stoetteophold", .start = "2026-01-01",
      .price = "12.000");
    P(.id = "S4", .child = "S4", .type = "stoetteophold", .start = "2026-01-01",
      .price = "400", .unit = "day");
    P(.id = "S5", .child = "S5", .type = "stoetteophold", .start = "2026-01-01",
      .price = "12.000");
    P(.id = "S6", .child = "S6", .type = "stoetteophold", .start = "2026-01-01",
      .price = "36.000");
    P(.id = "S7", .child = "S7", .type = "stoetteophold", .start = "2026-01-01",
      .price = "480.000", .unit = "year");
    P(.id = "S8", .child = "S8", .type = "stoetteophold", .start = "2026-01-01",
      .price = "0");
    P(.id = "S9", .child = "S9", .type = "stoetteophold", .start = "2026-01-01",
      .end = "2026-09-30", .price = "1");

    P(.id = "T1", .child = "T1", .type = "dagtilbud", .start = "2026-01-01",
      .price = "1.000");
    P(.id = "T2", .child = "T2", .type = "dagtilbud", .start = "2026-01-01",
      .price = "1.000");
    P(.id = "T3", .child = "T3", .type = "dagtilbud", .start = "2026-01-01",
      .price = "1.000");
    P(.id = "T4", .child = "T4", .type = "dagtilbud", .start = "2026-01-01",
      .price = "100.000");

    add_case(ds, "K1", "B1", "2025-01-01", "2026-09-30");
    add_case(ds, "K2", "B1", "2026-01-01", "2026-10-31");
    add_case(ds, "K3", "B2", "2025-01-01", "2026-05-01");
    add_case(ds, "K4", "B2", "2026-05-02", NULL);
    add_case(ds, "K5", "B3", "2025-01-01", "2026-11-15");
    add_case(ds, "K6", "B5", "2025-01-01", "2026-08-31");

    assert_int_equal(kpi_diag_add(ds->warnings, KPI_SEVERITY_WARNING,
                                  "measures.csv", 8, "end_date",
                                  "cancelled grant"),
                     KPI_OK);
    assert_int_equal(kpi_diag_add(ds->warnings, KPI_SEVERITY_WARNING,
                                  "budget.csv", 3, NULL, "a budget warning"),
                     KPI_OK);
    assert_int_equal(kpi_diag_add(ds->warnings, KPI_SEVERITY_WARNING,
                                  "measures.csv", 20, "monthly_cost",
                                  "the cost is 0"),
                     KPI_OK);
    return ds;
}

static const kpi_issue *issue(const kpi_figures *f, size_t i)
{
    const kpi_issue *x = kpi_figures_issue(f, i);
    assert_non_null(x);
    return x;
}

static void test_counts(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "data_quality", *p = "2026-10-31";
    assert_int_equal(row_count(f, id, p, "total", "count"), 9);
    assert_int_equal(
        row_count(f, id, p, "check=closed_case_active_measure", "count"), 2);
    assert_int_equal(
        row_count(f, id, p, "check=overlapping_placements", "count"), 2);
    assert_int_equal(row_count(f, id, p, "check=price_outlier", "count"), 2);
    assert_int_equal(row_count(f, id, p, "check=warning", "count"), 3);
    assert_null(
        find_row(f, id, p, "check=measure_without_caseworker", "count"));
    assert_null(find_row(f, id, "2026-10", "total", "count"));
    /* Rows: total, then the checks bytewise. */
    static const char *const want[] = {NULL, "closed_case_active_measure",
                                       "overlapping_placements",
                                       "price_outlier", "warning"};
    size_t k = 0;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (strcmp(r->kpi_id, id) != 0)
            continue;
        assert_true(k < 5);
        if (want[k]) {
            assert_string_equal(r->dimension, "check");
            assert_string_equal(r->member, want[k]);
        } else {
            assert_null(r->dimension);
        }
        k++;
    }
    assert_int_equal(k, 5);
    assert_int_equal(kpi_figures_issue_count(f), 9);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The issues sorted by check, file, line, with the lines of the fixture. */
static void test_issues(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *f = support_compute(ds, "2026-10");
    static const struct {
        const char *check, *file;
        unsigned long line;
    } want[] = {
        {"closed_case_active_measure", "measures.csv", 3},
        {"closed_case_active_measure", "measures.csv", 12},
        {"overlapping_placements", "measures.csv", 5},
        {"overlapping_placements", "measures.csv", 7},
        {"price_outlier", "measures.csv", 13},
        {"price_outlier", "measures.csv", 19},
        {"warning", "budget.csv", 3},
        {"warning", "measures.csv", 8},
        {"warning", "measures.csv", 20},
    };
    assert_int_equal(kpi_figures_issue_count(f), 9);
    for (size_t i = 0; i < 9; i++) {
        const kpi_issue *x = issue(f, i);
        assert_string_equal(x->check, want[i].check);
        assert_string_equal(x->file, want[i].file);
        assert_int_equal(x->line, want[i].line);
    }
    assert_null(kpi_figures_issue(f, 9));
    /* The messages name the measures, the other line and the numbers. */
    assert_string_equal(issue(f, 0)->message,
                        "measure 'A2' is active on 2026-10-31, but every "
                        "case of its child was closed (the last on "
                        "2026-10-31)");
    assert_string_equal(issue(f, 2)->message,
                        "placement 'A4' overlaps placement 'A3' (line 4) of "
                        "the same child from 2026-06-30 to 2026-06-30 (1 "
                        "day)");
    assert_string_equal(issue(f, 3)->message,
                        "placement 'A6' overlaps placement 'A5' (line 6) of "
                        "the same child from 2026-05-01 on (both ongoing)");
    assert_string_equal(issue(f, 4)->message,
                        "monthly price 3000.00 kr. of measure 'S1' is below "
                        "a third of the median 12000.00 kr. of "
                        "stoetteophold (7 measures active on D)");
    assert_string_equal(issue(f, 5)->message,
                        "monthly price 40000.00 kr. of measure 'S7' is above "
                        "three times the median 12000.00 kr. of "
                        "stoetteophold (7 measures active on D)");
    assert_string_equal(issue(f, 7)->message, "end_date: cancelled grant");
    assert_string_equal(issue(f, 6)->message, "a budget warning");
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A dataset built in code need not hold its measures in file order: the
 * fixture's measures reversed in the array (their lines kept) give the
 * same issues in the same order, by line. */
static void test_issues_array_out_of_file_order(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    kpi_figures *want = support_compute(ds, "2026-10");
    kpi_measure *m = ds->measures.items;
    for (size_t i = 0, j = ds->measures.count - 1; i < j; i++, j--) {
        kpi_measure t = m[i];
        m[i] = m[j];
        m[j] = t;
    }
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(kpi_figures_issue_count(f), 9);
    assert_int_equal(kpi_figures_issue_count(f),
                     kpi_figures_issue_count(want));
    for (size_t i = 0; i < kpi_figures_issue_count(f); i++) {
        const kpi_issue *x = issue(f, i), *y = issue(want, i);
        assert_string_equal(x->check, y->check);
        assert_string_equal(x->file, y->file);
        assert_int_equal(x->line, y->line);
        assert_string_equal(x->message, y->message);
    }
    kpi_figures_free(f);
    kpi_figures_free(want);
    kpi_dataset_free(ds);
}

/* Without cases.csv the closed-case check cannot run: no such issues and
 * no row (not 0). kpi.ini's [files] name is the file of measure issues. */
static void test_without_cases_and_renamed_file(void **state)
{
    (void)state;
    kpi_dataset *ds = fixture();
    ds->present[KPI_FILE_CASES] = false;
    ds->config->files[KPI_FILE_MEASURES] =
        kpi_xstrdup(ds->alloc, "Foranstaltninger.csv");
    assert_non_null(ds->config->files[KPI_FILE_MEASURES]);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *id = "data_quality", *p = "2026-10-31";
    assert_int_equal(row_count(f, id, p, "total", "count"), 7);
    assert_null(
        find_row(f, id, p, "check=closed_case_active_measure", "count"));
    assert_int_equal(kpi_figures_issue_count(f), 7);
    assert_string_equal(issue(f, 0)->check, "overlapping_placements");
    assert_string_equal(issue(f, 0)->file, "Foranstaltninger.csv");
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* A median of an even number of prices is the mean of the middle two:
 * five prices... plus one: 1.000 6.000 6.000 8.000 8.000 30.001 ->
 * median (6.000 + 8.000) / 2 = 7.000; three times 21.000: 30.001 is
 * above. A third is 2.333,33: 1.000 is below. Exactly five measures are
 * enough: the same without the 30.001 has median 6.000, a third 2.000,
 * and 1.000 is still below. Four measures are not judged. */
static void test_price_median(void **state)
{
    (void)state;
    static const char *const prices[] = {"1.000", "6.000", "6.000",
                                         "8.000", "8.000", "30.001"};
    for (size_t n = 4; n <= 6; n++) {
        kpi_dataset *ds = support_dataset();
        for (size_t i = 0; i < n; i++) {
            char child[16];
            snprintf(child, sizeof child, "K%zu", i);
            P(.child = child, .type = "praktik", .start = "2026-01-01",
              .price = prices[i]);
        }
        kpi_figures *f = support_compute(ds, "2026-10");
        int64_t want = n == 4 ? 0 : n == 5 ? 1 : 2;
        assert_int_equal(kpi_figures_issue_count(f), (size_t)want);
        if (want)
            assert_int_equal(row_count(f, "data_quality", "2026-10-31",
                                       "check=price_outlier", "count"),
                             want);
        if (n == 6)
            assert_int_equal(issue(f, 1)->line, 7); /* the 6th measure */
        kpi_figures_free(f);
        kpi_dataset_free(ds);
    }
}

/* No problem at all: the total 0 is written, no check row, no issue. */
static void test_clean(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    P(.child = "B1", .type = "opholdssted", .start = "2026-01-01",
      .end = "2026-03-31", .price = "30.000");
    P(.child = "B1", .type = "opholdssted", .start = "2026-04-01",
      .price = "30.000");
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(
        row_count(f, "data_quality", "2026-10-31", "total", "count"), 0);
    assert_null(find_row(f, "data_quality", "2026-10-31",
                         "check=overlapping_placements", "count"));
    assert_int_equal(kpi_figures_issue_count(f), 0);
    assert_null(kpi_figures_issue(f, 0));
    assert_int_equal(kpi_figures_issue_count(NULL), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_issues),
        cmocka_unit_test(test_issues_array_out_of_file_order),
        cmocka_unit_test(test_without_cases_and_renamed_file),
        cmocka_unit_test(test_price_median),
        cmocka_unit_test(test_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
