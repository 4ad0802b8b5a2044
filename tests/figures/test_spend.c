/* test_spend.c - the key figure spend (SPEC §5) on small datasets; every
 * number is worked out by hand in the comment above its assertion. */
#include "support.h"
#include "fixtures.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- spend ---------------------------------------------------------------
 * Report month 2026-10.
 * opholdssted: budget 100.000,00 without months: cumulative rounding of
 *   10.000.000 øre: to date Oct = round(10.000.000 x 10/12) = 8.333.333;
 *   October = 8.333.333 - round(10.000.000 x 9/12) = 8.333.333 - 7.500.000
 *   = 833.333.
 *   Postings: expense Mar 70.000, expense Oct 10.000, income Oct -1.000,
 *   prior_year Jan 500; left out: expense Nov (after M), expense 2025-10.
 *   October: expense 10.000, income -1.000, prior 0, amount 9.000,
 *     deviation 900.000 - 833.333 = 66.667 øre (overspend: positive).
 *   To date: expense 80.000, income -1.000, prior 500, amount 79.500,
 *     deviation 7.950.000 - 8.333.333 = -383.333 øre (underspend),
 *     share 79.500 / 100.000 = 0.795.
 * familiebehandling: budget with months 1.000, 2.000, ..., 12.000 (annual
 *   78.000): October 10.000; to date 1+..+10 = 55.000. No postings:
 *   amount 0, deviation -55.000, share 0.
 * kontaktperson: expense Oct 5.000, no budget line: budget 0, deviation
 *   5.000, no share (no annual budget to divide by).
 * Total to date: amount 79.500 + 5.000 = 84.500; budget 83.333,33 + 55.000
 *   = 138.333,33; deviation 8.450.000 - 13.833.333 = -5.383.333 øre;
 *   share 8.450.000 / (10.000.000 + 7.800.000) = 0.4747191...
 * Category preventive (familiebehandling, kontaktperson) to date: amount
 *   5.000, budget 55.000, deviation -50.000. */
static void test_spend(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    static const char *const months[12] = {
        "1.000", "2.000", "3.000", "4.000",  "5.000",  "6.000",
        "7.000", "8.000", "9.000", "10.000", "11.000", "12.000"};
    support_add_budget(ds, "opholdssted", "100.000,00", NULL, NULL, NULL);
    support_add_budget(ds, "familiebehandling", "78.000", months, NULL, NULL);
    support_add_posting(ds, "2026-03", "opholdssted", "expense", NULL, "70.000",
                        NULL);
    support_add_posting(ds, "2026-10", "opholdssted", "expense", NULL, "10.000",
                        NULL);
    support_add_posting(ds, "2026-10", "opholdssted", "income", NULL, "-1.000",
                        NULL);
    support_add_posting(ds, "2026-01", "opholdssted", "prior_year", NULL, "500",
                        NULL);
    support_add_posting(ds, "2026-11", "opholdssted", "expense", NULL, "999",
                        NULL);
    support_add_posting(ds, "2025-10", "opholdssted", "expense", NULL, "888",
                        NULL);
    support_add_posting(ds, "2026-10", "kontaktperson", "expense", NULL,
                        "5.000", NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    const char *m = "2026-10", *td = "2026-01..2026-10";
    const char *oph = "measure_type=opholdssted";

    assert_int_equal(row_money(f, "spend", m, oph, "expense"), KR("10.000"));
    assert_int_equal(row_money(f, "spend", m, oph, "income"), KR("-1.000"));
    assert_int_equal(row_money(f, "spend", m, oph, "prior_year"), 0);
    assert_int_equal(row_money(f, "spend", m, oph, "amount"), KR("9.000"));
    assert_int_equal(row_money(f, "spend", m, oph, "budget"), 833333);
    assert_int_equal(row_money(f, "spend", m, oph, "deviation"), 66667);
    assert_null(find_row(f, "spend", m, oph, "share"));

    assert_int_equal(row_money(f, "spend", td, oph, "expense"), KR("80.000"));
    assert_int_equal(row_money(f, "spend", td, oph, "prior_year"), KR("500"));
    assert_int_equal(row_money(f, "spend", td, oph, "amount"), KR("79.500"));
    assert_int_equal(row_money(f, "spend", td, oph, "budget"), 8333333);
    assert_int_equal(row_money(f, "spend", td, oph, "deviation"), -383333);
    assert_true(fabs(row_real(f, "spend", td, oph, "share") - 0.795) < 1e-12);

    const char *fb = "measure_type=familiebehandling";
    assert_int_equal(row_money(f, "spend", m, fb, "budget"), KR("10.000"));
    assert_int_equal(row_money(f, "spend", td, fb, "budget"), KR("55.000"));
    assert_int_equal(row_money(f, "spend", td, fb, "deviation"), KR("-55.000"));
    assert_true(fabs(row_real(f, "spend", td, fb, "share")) < 1e-12);

    const char *kp = "measure_type=kontaktperson";
    assert_int_equal(row_money(f, "spend", td, kp, "budget"), 0);
    assert_int_equal(row_money(f, "spend", td, kp, "deviation"), KR("5.000"));
    assert_null(find_row(f, "spend", td, kp, "share"));
    assert_null(
        find_row(f, "spend", td, "measure_type=doegninstitution", "amount"));

    assert_int_equal(row_money(f, "spend", td, "total", "amount"),
                     KR("84.500"));
    assert_int_equal(row_money(f, "spend", td, "total", "budget"), 13833333);
    assert_int_equal(row_money(f, "spend", td, "total", "deviation"), -5383333);
    assert_true(fabs(row_real(f, "spend", td, "total", "share") -
                     8450000.0 / 17800000.0) < 1e-12);
    assert_int_equal(
        row_money(f, "spend", td, "category=preventive", "deviation"),
        KR("-50.000"));

    /* The series. Booked, all kinds together, January..October of 2025
     * and 2026 except 2026-10 (the month row): 2025-10 888 (the posting
     * of Y-1 left out of to date), the other 2025 months 0; 2026-01 500
     * (prior_year), 2026-03 70.000, the other months 0. November 2026
     * (after M) has no booked row, nor any 2025 month after October. */
    assert_int_equal(row_money(f, "spend", "2025-10", "total", "amount"),
                     KR("888"));
    assert_int_equal(row_money(f, "spend", "2025-01", "total", "amount"), 0);
    assert_int_equal(row_money(f, "spend", "2026-01", "total", "amount"),
                     KR("500"));
    assert_int_equal(row_money(f, "spend", "2026-02", "total", "amount"), 0);
    assert_int_equal(row_money(f, "spend", "2026-03", "total", "amount"),
                     KR("70.000"));
    assert_null(find_row(f, "spend", "2026-11", "total", "amount"));
    assert_null(find_row(f, "spend", "2025-11", "total", "amount"));
    assert_null(find_row(f, "spend", "2026-03", oph, "amount"));
    /* The phased budget of every month of 2026 but October: opholdssted's
     * even spread month m = round(10.000.000 m / 12) - round(10.000.000
     * (m-1) / 12) øre (833.333, 833.334, 833.333, ..., November 9.166.667
     * - 8.333.333 = 833.334, December 833.333) plus familiebehandling's
     * m x 1.000 kr.:
     *   2026-01 833.333 + 100.000 = 933.333 øre
     *   2026-02 833.334 + 200.000 = 1.033.334
     *   2026-11 833.334 + 1.100.000 = 1.933.334
     *   2026-12 833.333 + 1.200.000 = 2.033.333
     * No budget for 2025 (the workbook is Y's). */
    assert_int_equal(row_money(f, "spend", "2026-01", "total", "budget"),
                     933333);
    assert_int_equal(row_money(f, "spend", "2026-02", "total", "budget"),
                     1033334);
    assert_int_equal(row_money(f, "spend", "2026-11", "total", "budget"),
                     1933334);
    assert_int_equal(row_money(f, "spend", "2026-12", "total", "budget"),
                     2033333);
    assert_null(find_row(f, "spend", "2025-10", "total", "budget"));
    /* Series after to date, ascending; amount before budget in a month. */
    assert_true(row_index(f, "spend", td, "category=preventive", "deviation") <
                row_index(f, "spend", "2025-01", "total", "amount"));
    assert_true(row_index(f, "spend", "2025-10", "total", "amount") <
                row_index(f, "spend", "2026-01", "total", "amount"));
    assert_true(row_index(f, "spend", "2026-01", "total", "amount") <
                row_index(f, "spend", "2026-01", "total", "budget"));
    assert_true(row_index(f, "spend", "2026-09", "total", "budget") <
                row_index(f, "spend", "2026-11", "total", "budget"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* Without postings.csv spend is not available: no rows at all, even with
 * a budget. Without budget.csv there are no budget rows. */
static void test_spend_needs_postings(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    support_add_budget(ds, "opholdssted", "100.000", NULL, NULL, NULL);
    kpi_figures *f = support_compute(ds, "2026-10");
    assert_int_equal(rows_count_of(f, "spend"), 0);
    kpi_figures_free(f);
    kpi_dataset_free(ds);

    ds = support_dataset();
    support_add_posting(ds, "2026-10", "opholdssted", "expense", NULL, "10",
                        NULL);
    f = support_compute(ds, "2026-10");
    assert_int_equal(row_money(f, "spend", "2026-10", "total", "amount"),
                     KR("10"));
    assert_null(find_row(f, "spend", "2026-10", "total", "budget"));
    assert_null(find_row(f, "spend", "2026-01..2026-10", "total", "share"));
    /* Without a budget the series is booked months only. */
    assert_int_equal(row_money(f, "spend", "2026-01", "total", "amount"), 0);
    assert_null(find_row(f, "spend", "2026-01", "total", "budget"));
    assert_null(find_row(f, "spend", "2026-12", "total", "budget"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* ---- spend by kontoplan function (SPEC §3.3) --------------------------------
 * Report month 2026-10. Functions: opholdssted and eget_vaerelse 5.28.20,
 * almen_plejefamilie 5.28.22, doegninstitution 5.28.23 (nothing booked, no
 * budget: no row), kontaktperson none (the member "none").
 * Budgets, spread evenly: opholdssted 120.000 (1.000.000 øre a month:
 *   October 10.000, to date 100.000); almen_plejefamilie 60.000 (October
 *   5.000, to date 50.000).
 * Postings: opholdssted expense Mar 40.000, Oct 10.000; eget_vaerelse
 *   expense Oct 5.000, income Oct -1.000; almen_plejefamilie expense Feb
 *   30.000; kontaktperson expense Oct 2.000.
 * To date: 5.28.20 expense 55.000, income -1.000, amount 54.000, budget
 *   100.000, deviation -46.000, share 54.000 / 120.000 = 0.45; 5.28.22
 *   amount 30.000, budget 50.000, deviation -20.000, share 0.5; none
 *   amount 2.000, budget 0, deviation 2.000, no share. 54.000 + 30.000 +
 *   2.000 = 86.000 = the total.
 * October: 5.28.20 amount 14.000, budget 10.000, deviation 4.000; 5.28.22
 *   amount 0, budget 5.000, deviation -5.000; none 2.000.
 * Without any function in kpi.ini there is no function breakdown. */
static void test_spend_by_function(void **state)
{
    (void)state;
    kpi_dataset *ds = support_dataset();
    support_add_budget(ds, "opholdssted", "120.000", NULL, NULL, NULL);
    support_add_budget(ds, "almen_plejefamilie", "60.000", NULL, NULL, NULL);
    support_add_posting(ds, "2026-03", "opholdssted", "expense", NULL, "40.000",
                        NULL);
    support_add_posting(ds, "2026-10", "opholdssted", "expense", NULL, "10.000",
                        NULL);
    support_add_posting(ds, "2026-10", "eget_vaerelse", "expense", NULL,
                        "5.000", NULL);
    support_add_posting(ds, "2026-10", "eget_vaerelse", "income", NULL,
                        "-1.000", NULL);
    support_add_posting(ds, "2026-02", "almen_plejefamilie", "expense", NULL,
                        "30.000", NULL);
    support_add_posting(ds, "2026-10", "kontaktperson", "expense", NULL,
                        "2.000", NULL);
    const char *m = "2026-10", *td = "2026-01..2026-10";
    kpi_figures *f = support_compute(ds, m);
    assert_null(find_row(f, "spend", td, "function=none", "amount"));
    kpi_figures_free(f);

    set_function(ds, "opholdssted", "5.28.20");
    set_function(ds, "eget_vaerelse", "5.28.20");
    set_function(ds, "almen_plejefamilie", "5.28.22");
    set_function(ds, "doegninstitution", "5.28.23");
    f = support_compute(ds, m);
    const char *f20 = "function=5.28.20", *f22 = "function=5.28.22";
    assert_int_equal(row_money(f, "spend", td, f20, "expense"), KR("55.000"));
    assert_int_equal(row_money(f, "spend", td, f20, "income"), KR("-1.000"));
    assert_int_equal(row_money(f, "spend", td, f20, "amount"), KR("54.000"));
    assert_int_equal(row_money(f, "spend", td, f20, "budget"), KR("100.000"));
    assert_int_equal(row_money(f, "spend", td, f20, "deviation"),
                     KR("-46.000"));
    assert_true(fabs(row_real(f, "spend", td, f20, "share") - 0.45) < 1e-12);
    assert_int_equal(row_money(f, "spend", td, f22, "amount"), KR("30.000"));
    assert_int_equal(row_money(f, "spend", td, f22, "deviation"),
                     KR("-20.000"));
    assert_true(fabs(row_real(f, "spend", td, f22, "share") - 0.5) < 1e-12);
    assert_int_equal(row_money(f, "spend", td, "function=none", "amount"),
                     KR("2.000"));
    assert_int_equal(row_money(f, "spend", td, "function=none", "budget"), 0);
    assert_null(find_row(f, "spend", td, "function=none", "share"));
    assert_null(find_row(f, "spend", td, "function=5.28.23", "amount"));
    assert_int_equal(row_money(f, "spend", td, "total", "amount"),
                     KR("86.000"));
    assert_int_equal(row_money(f, "spend", m, f20, "amount"), KR("14.000"));
    assert_int_equal(row_money(f, "spend", m, f20, "deviation"), KR("4.000"));
    assert_int_equal(row_money(f, "spend", m, f22, "deviation"),
                     KR("-5.000"));
    assert_int_equal(row_money(f, "spend", m, "function=none", "amount"),
                     KR("2.000"));
    /* The chart of accounts' order, the types without a function last. */
    assert_true(row_index(f, "spend", td, f20, "amount") <
                row_index(f, "spend", td, f22, "amount"));
    assert_true(row_index(f, "spend", td, f22, "amount") <
                row_index(f, "spend", td, "function=none", "amount"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spend),
        cmocka_unit_test(test_spend_needs_postings),
            cmocka_unit_test(test_spend_by_function),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
