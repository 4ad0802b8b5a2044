/* test_budget_read.c - the budget of SPEC §3.9 read from .xlsx and .csv:
 * header found under title rows, columns in any order, Danish month
 * names, kpi.ini overrides, and the errors a finance clerk sees. The
 * workbooks are written with libxlsxwriter, an independent writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kpi/read.h"

#include "cells.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>


static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/kpi-budget-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
}

static void remove_dir(void)
{
    const char *names[] = {"budget.xlsx", "budget.csv", "kpi.ini",
                           "measures.csv"};
    char p[128];
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void write_xlsx(const char *sheet, const test_cell *cells, size_t n)
{
    char p[128];
    snprintf(p, sizeof p, "%s/budget.xlsx", dir);
    lxw_workbook *wb = workbook_new(p);
    workbook_add_worksheet(wb, "Forside"); /* the budget is not first */
    test_cells_write(workbook_add_worksheet(wb, sheet), cells, n);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void write_file(const char *name, const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Loads the folder as the kpi command does: a dataset (one measure), its
 * kpi.ini when the test wrote one, and the budget through kpiread. */
static kpi_status load(kpi_dataset **ds, kpi_diagnostics **d)
{
    write_file("measures.csv",
               "measure_id;child_id;birth_date;target_group;measure_type;"
               "provider_kind;caseworker;start_date;monthly_cost\n"
               "M1;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;5\n");
    *d = kpi_diagnostics_new(NULL);
    kpi_budget_options o = {"", 0};
    kpi_load_options lo = {0};
    lo.budget_reader = kpi_budget_read;
    lo.budget_reader_ctx = &o;
    return kpi_dataset_load(dir, &lo, ds, *d);
}

/* The i-th budget line of ds. */
static kpi_budget_info line(const kpi_dataset *ds, size_t i)
{
    kpi_budget_info b;
    assert_true(kpi_dataset_budget(ds, i, &b));
    return b;
}

/* The message of the only error, with the file's folder cut off. */
static const char *only_error(const kpi_diagnostics *d, char *buf, size_t cap)
{
    assert_int_equal(kpi_diagnostics_error_count(d), 1);
    const kpi_diagnostic *x = kpi_diagnostics_get(d, 0);
    const char *file = strrchr(x->file, '/');
    if (x->line)
        snprintf(buf, cap, "%s:%lu: %s: %s", file + 1, x->line,
                 x->column ? x->column : "", x->message);
    else
        snprintf(buf, cap, "%s: %s", file + 1, x->message);
    return buf;
}

/* Two title rows, then (row 4) Konto | januar..december | Budget |
 * Korrigeret budget | Helårspersoner: columns in any order, the corrected
 * budget chosen over the original one, and an "I alt" row skipped. */
static void test_title_rows_and_danish_months(void **state)
{
    (void)state;
    static const char *months[12] = {"januar", "februar", "marts", "april",
                                     "maj",    "juni",    "juli",  "august",
                                     "september", "oktober", "november",
                                     "december"};
    test_cell c[64];
    size_t n = 0;
    c[n++] = (test_cell){0, 0, "Budget 2026", 0};
    c[n++] = (test_cell){1, 0, "Børn og unge", 0};
    c[n++] = (test_cell){3, 0, "Konto", 0};
    for (int m = 0; m < 12; m++)
        c[n++] = (test_cell){3, 1 + m, months[m], 0};
    c[n++] = (test_cell){3, 13, "Budget", 0};
    c[n++] = (test_cell){3, 14, "Korrigeret budget", 0};
    c[n++] = (test_cell){3, 15, "Helårspersoner", 0};
    c[n++] = (test_cell){4, 0, "Almen plejefamilie", 0};
    /* Jan..Nov 10.000,10 kr., Dec 10.000 kr.: sum 110.001,10 + 10.000 =
     * 120.001,10 kr.; the annual cell says 120.000 (it wins). */
    for (int m = 0; m < 12; m++)
        c[n++] = (test_cell){4, 1 + m, NULL, m < 11 ? 10000.10 : 10000};
    c[n++] = (test_cell){4, 13, NULL, 100000};
    c[n++] = (test_cell){4, 14, NULL, 120000};
    c[n++] = (test_cell){4, 15, NULL, 1.5};
    c[n++] = (test_cell){5, 0, "I alt", 0};
    c[n++] = (test_cell){5, 14, NULL, 120000};
    make_dir();
    write_xlsx("Budget 2026", c, n);
    kpi_dataset *ds;
    kpi_diagnostics *d;
    assert_int_equal(load(&ds, &d), KPI_OK);
    assert_int_equal(kpi_dataset_budget_count(ds), 1);
    kpi_budget_info b = line(ds, 0);
    assert_string_equal(b.measure_type, "almen_plejefamilie");
    assert_int_equal(b.annual, 12000000);
    assert_true(b.has_months);
    assert_int_equal(b.months[0], 1000010);
    assert_int_equal(b.months[11], 1000000);
    assert_true(b.has_recipients);
    assert_true(b.recipients == 1.5);
    assert_false(b.has_price);
    assert_int_equal(b.row, 5);
    /* The figures see the budget as present: the forecast has a budget. */
    kpi_figures *f = NULL;
    assert_int_equal(kpi_figures_compute(ds, (kpi_month){2026, 10}, NULL, &f),
                     KPI_OK);
    assert_non_null(
        kpi_figures_find(f, "forecast", "2026", NULL, NULL, "budget"));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    remove_dir();
}

/* Header on row 4, bad value on row 7: the message a clerk can act on. */
static void test_not_a_number(void **state)
{
    (void)state;
    test_cell c[] = {
        {0, 0, "Budget 2026", 0},
        {3, 0, "Foranstaltningstype", 0},
        {3, 1, "Korrigeret budget", 0},
        {4, 0, "Almen plejefamilie", 0},
        {4, 1, NULL, 100},
        {5, 0, "Fast kontaktperson", 0},
        {5, 1, NULL, 200},
        {6, 0, "Netværksplejefamilie", 0},
        {6, 1, "abc", 0},
    };
    make_dir();
    write_xlsx("Budget 2026", c, sizeof c / sizeof c[0]);
    kpi_dataset *ds;
    kpi_diagnostics *d;
    char buf[512];
    assert_int_equal(load(&ds, &d), KPI_ERR_INPUT);
    assert_string_equal(only_error(d, buf, sizeof buf),
                        "budget.xlsx: sheet 'Budget 2026': row 7: Korrigeret "
                        "budget: not a number: 'abc'");
    assert_null(ds); /* all or nothing: no dataset at all */
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    remove_dir();
}

static void test_unknown_type_and_duplicate(void **state)
{
    (void)state;
    test_cell c[] = {
        {0, 0, "Type", 0},         {0, 1, "Årsbudget", 0},
        {1, 0, "Hestepasning", 0}, {1, 1, NULL, 1},
        {2, 0, "Praktiktilbud", 0}, {2, 1, NULL, 1},
        {3, 0, "praktiktilbud", 0}, {3, 1, NULL, 1},
    };
    make_dir();
    write_xlsx("Ark1", c, sizeof c / sizeof c[0]);
    kpi_dataset *ds;
    kpi_diagnostics *d;
    assert_int_equal(load(&ds, &d), KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_error_count(d), 2);
    assert_non_null(strstr(kpi_diagnostics_get(d, 0)->message,
                           "sheet 'Ark1': row 2: Type: unknown measure type "
                           "'Hestepasning'"));
    assert_non_null(strstr(kpi_diagnostics_get(d, 1)->message,
                           "row 4: Type: measure type 'praktiktilbud' appears "
                           "twice (first on row 3)"));
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    remove_dir();
}

static void test_no_header(void **state)
{
    (void)state;
    test_cell c[] = {{0, 0, "Konto", 0}, {0, 1, "Beløb", 0}};
    make_dir();
    write_xlsx("Data", c, 2);
    kpi_dataset *ds;
    kpi_diagnostics *d;
    char buf[1024];
    assert_int_equal(load(&ds, &d), KPI_ERR_INPUT);
    const char *m = only_error(d, buf, sizeof buf);
    assert_non_null(strstr(m, "budget.xlsx: no header row found"));
    assert_non_null(strstr(m, "in the sheets 'Forside', 'Data'"));
    assert_non_null(strstr(m, "kpi.ini [budget]"));
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    remove_dir();
}

/* kpi.ini names the sheet, the header row and a column kpi does not know:
 * row 2 also looks like a header but row 3 is the one named. */
static void test_ini_overrides(void **state)
{
    (void)state;
    test_cell c[] = {
        {1, 0, "Konto", 0},  {1, 1, "Budget", 0},
        {2, 0, "Konto", 0},  {2, 2, "Beløb i alt", 0},
        {3, 0, "Praktiktilbud", 0}, {3, 2, NULL, 2500.5},
    };
    make_dir();
    write_xlsx("Ark2", c, sizeof c / sizeof c[0]);
    write_file("kpi.ini", "[budget]\nsheet = ark2\nheader_row = 3\n"
                          "annual_budget = Beløb i alt\n");
    kpi_dataset *ds;
    kpi_diagnostics *d;
    assert_int_equal(load(&ds, &d), KPI_OK);
    assert_int_equal(kpi_dataset_budget_count(ds), 1);
    assert_int_equal(line(ds, 0).annual, 250050);
    assert_int_equal(line(ds, 0).row, 4);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);

    write_file("kpi.ini", "[budget]\nsheet = Ark 9\n");
    char buf[512];
    assert_int_equal(load(&ds, &d), KPI_ERR_INPUT);
    assert_non_null(strstr(only_error(d, buf, sizeof buf),
                           "names the sheet 'Ark 9', but the workbook has no "
                           "such sheet (it has 'Forside', 'Ark2')"));
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    remove_dir();
}

/* budget.csv goes through the same header search: a title row (padded
 * with separators, as spreadsheets export it), decimal commas. */
static void test_csv(void **state)
{
    (void)state;
    make_dir();
    write_file("budget.csv",
               "Budget 2026;;\n"
               ";;\n"
               "Foranstaltningstype;Korrigeret budget;Gennemsnitspris\n"
               "Almen plejefamilie;1.200.000,50;400.000\n"
               "Praktiktilbud;x;\n");
    kpi_dataset *ds;
    kpi_diagnostics *d;
    char buf[512];
    assert_int_equal(load(&ds, &d), KPI_ERR_INPUT);
    assert_string_equal(only_error(d, buf, sizeof buf),
                        "budget.csv:5: Korrigeret budget: not a number: 'x'");
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);

    write_file("budget.csv",
               "Budget 2026;;\n"
               ";;\n"
               "Foranstaltningstype;Korrigeret budget;Gennemsnitspris\n"
               "Almen plejefamilie;1.200.000,50;400.000\n");
    assert_int_equal(load(&ds, &d), KPI_OK);
    assert_int_equal(kpi_dataset_budget_count(ds), 1);
    assert_int_equal(line(ds, 0).annual, 120000050);
    assert_false(line(ds, 0).has_months);
    assert_true(line(ds, 0).has_price);
    assert_int_equal(line(ds, 0).price, 40000000);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    remove_dir();
}

/* Eleven months: an error naming the missing one. */
static void test_partial_months(void **state)
{
    (void)state;
    static const char *m[11] = {"Jan", "Feb", "Mar", "Apr", "Maj", "Jun",
                                "Jul", "Aug", "Sep", "Okt", "Nov"};
    test_cell c[16];
    size_t n = 0;
    c[n++] = (test_cell){0, 0, "Konto", 0};
    for (int k = 0; k < 11; k++)
        c[n++] = (test_cell){0, 1 + k, m[k], 0};
    make_dir();
    write_xlsx("B", c, n);
    kpi_dataset *ds;
    kpi_diagnostics *d;
    char buf[512];
    assert_int_equal(load(&ds, &d), KPI_ERR_INPUT);
    assert_string_equal(only_error(d, buf, sizeof buf),
                        "budget.xlsx: sheet 'B': row 1: the budget has "
                        "monthly columns, so all twelve are needed; missing: "
                        "Dec");
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    remove_dir();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_title_rows_and_danish_months),
        cmocka_unit_test(test_not_a_number),
        cmocka_unit_test(test_unknown_type_and_duplicate),
        cmocka_unit_test(test_no_header),
        cmocka_unit_test(test_ini_overrides),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_partial_months),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
