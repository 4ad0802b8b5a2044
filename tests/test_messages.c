/* test_messages.c - the problems of a dataset as a person reads them
 * (kpi.h: kpi_diagnostics_print_grouped, issue 16): the same problem on
 * many rows is one line with the count and the first lines, one line per
 * distinct value; a single problem keeps the file:line: column: message
 * form; --verbose (KPI_DIAG_EVERY_LINE) lists every one. */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kpi.h"

/* What kpi_diagnostics_print_grouped writes, as a string (free it). */
static char *printed(const kpi_diagnostics *d, unsigned flags)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(kpi_diagnostics_print_grouped(d, flags, f), KPI_OK);
    long n = ftell(f);
    assert_true(n >= 0);
    char *text = calloc((size_t)n + 1, 1);
    assert_non_null(text);
    rewind(f);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return text;
}

static void unknown_type(kpi_diagnostics *d, unsigned long line,
                         const char *name)
{
    assert_int_equal(kpi_diagnostics_add(d, KPI_SEVERITY_ERROR, "measures.csv",
                                         line, "measure_type",
                                         "unknown measure type '%s': add it to "
                                         "[measure_type_aliases] in kpi.ini",
                                         name),
                     KPI_OK);
}

/* 45 rows of 'Døgninstitution' and 2 of 'Plejefamilie - forstærket',
 * interleaved: two lines, each at its first row, with its count and its
 * first three lines, "…" only when there are more. */
static void test_count_and_first_lines(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    unsigned long line = 534;
    for (int i = 0; i < 45; i++) {
        unknown_type(d, line, "Døgninstitution");
        if (i == 1)
            unknown_type(d, line + 1, "Plejefamilie - forstærket");
        if (i == 30)
            unknown_type(d, line + 2, "Plejefamilie - forstærket");
        line += i == 0 ? 78 : 100; /* 534, 612, 712, ... */
    }
    char *text = printed(d, 0);
    assert_string_equal(
        text,
        "measures.csv: measure_type: unknown measure type 'Døgninstitution' "
        "on 45 rows (lines 534, 612, 712, \xE2\x80\xA6): add it to "
        "[measure_type_aliases] in kpi.ini\n"
        "measures.csv: measure_type: unknown measure type 'Plejefamilie - "
        "forstærket' on 2 rows (lines 613, 3514): add it to "
        "[measure_type_aliases] in kpi.ini\n");
    free(text);
    kpi_diagnostics_free(d);
}

/* One occurrence keeps the old form; so does a problem of the whole file
 * (line 0), however often it comes. */
static void test_single_keeps_its_form(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    unknown_type(d, 3, "rumrejse");
    kpi_diagnostics_add(d, KPI_SEVERITY_ERROR, "budget.xlsx", 0, NULL,
                        "no sheet has a measure type column");
    kpi_diagnostics_add(d, KPI_SEVERITY_ERROR, "budget.xlsx", 0, NULL,
                        "no sheet has a measure type column");
    char *text = printed(d, 0);
    assert_string_equal(text,
                        "measures.csv:3: measure_type: unknown measure type "
                        "'rumrejse': add it to [measure_type_aliases] in "
                        "kpi.ini\n"
                        "budget.xlsx: no sheet has a measure type column\n"
                        "budget.xlsx: no sheet has a measure type column\n");
    free(text);
    kpi_diagnostics_free(d);
}

/* Warnings are summarised by class (the message), marked as warnings;
 * without a "what to do" part the line ends at the lines. The errors-only
 * flag leaves them out; the every-line flag lists each as before. */
static void test_warnings_and_flags(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    static const unsigned long lines[] = {1023, 1028, 1226};
    for (int i = 0; i < 3; i++)
        kpi_diagnostics_add(d, KPI_SEVERITY_WARNING, "measures.csv", lines[i],
                            "end_date",
                            "cancelled grant (end date the day before the "
                            "start date): counts for nothing");
    kpi_diagnostics_add(d, KPI_SEVERITY_WARNING, "measures.csv", 7,
                        "monthly_cost", "the cost is 0");
    kpi_diagnostics_add(d, KPI_SEVERITY_WARNING, "measures.csv", 9,
                        "monthly_cost", "the cost is 0");
    char *text = printed(d, 0);
    assert_string_equal(
        text, "measures.csv: end_date: warning: cancelled grant (end date the "
              "day before the start date) on 3 rows (lines 1023, 1028, "
              "1226): counts for nothing\n"
              "measures.csv: monthly_cost: warning: the cost is 0 on 2 rows "
              "(lines 7, 9)\n");
    free(text);
    text = printed(d, KPI_DIAG_ERRORS_ONLY);
    assert_string_equal(text, "");
    free(text);
    text = printed(d, KPI_DIAG_EVERY_LINE);
    assert_non_null(strstr(text, "measures.csv:1028: end_date: warning: "
                                 "cancelled grant"));
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    assert_int_equal(n, 5);
    free(text);
    kpi_diagnostics_free(d);
}

/* The split is at the first ": " outside a quoted value: a value that
 * holds ": " stays whole, and two columns with the same message are two
 * groups. */
static void test_split_and_columns(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    for (unsigned long l = 2; l < 4; l++) {
        kpi_diagnostics_add(d, KPI_SEVERITY_ERROR, "m.csv", l, "measure_type",
                            "unknown measure type 'Børne- og ungehjem: "
                            "døgn': add it");
        kpi_diagnostics_add(d, KPI_SEVERITY_ERROR, "m.csv", l, "start_date",
                            "missing value");
        kpi_diagnostics_add(d, KPI_SEVERITY_ERROR, "m.csv", l, "end_date",
                            "missing value");
    }
    char *text = printed(d, 0);
    assert_string_equal(text, "m.csv: measure_type: unknown measure type "
                              "'Børne- og ungehjem: døgn' on 2 rows (lines "
                              "2, 3): add it\n"
                              "m.csv: start_date: missing value on 2 rows "
                              "(lines 2, 3)\n"
                              "m.csv: end_date: missing value on 2 rows "
                              "(lines 2, 3)\n");
    free(text);
    kpi_diagnostics_free(d);
}

/* Nothing to print, and an empty list. */
static void test_empty(void **state)
{
    (void)state;
    assert_int_equal(kpi_diagnostics_print_grouped(NULL, 0, stderr), KPI_OK);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    char *text = printed(d, 0);
    assert_string_equal(text, "");
    free(text);
    kpi_diagnostics_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count_and_first_lines),
        cmocka_unit_test(test_single_keeps_its_form),
        cmocka_unit_test(test_warnings_and_flags),
        cmocka_unit_test(test_split_and_columns),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
