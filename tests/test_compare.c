/* test_compare.c - the comparison input of issue 18 (docs/COMPARE.md):
 * Statistikbank tables in the API's BULK format and other municipalities'
 * `kpi export --level fagudvalg` files. The fixtures are in
 * tests/fixtures/compare/ (README.md there has their numbers). */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "input/compare_input.h"
#include "kpi.h"

#define FIX KPI_FIXTURES "/compare/"

static void read_ok(kpi_cmp_input *in, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, FIX "%s", name);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_status st = kpi_cmp_read_file(in, path, name, d);
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
    assert_int_equal(st, KPI_OK);
    assert_int_equal(kpi_diagnostics_count(d), 0);
    kpi_diagnostics_free(d);
}

static int64_t value_of(const kpi_cmp_input *in, const char *area, int year,
                        kpi_cmp_measure m)
{
    const kpi_cmp_value *v = kpi_cmp_find(in, area, year, m);
    assert_non_null(v);
    assert_true(v->present);
    return v->value;
}

/* ANBAAR7.csv: Aarhus 2024 total 828 (the KØN=Drenge row, 450, is not
 * read: kpi compares the totals); ages 0-5 + 6-11 + 12-17 = 90 + 180 +
 * 378 = 648 aged 0-17 at the end of the year. */
static void placed_table(void **state)
{
    (void)state;
    kpi_cmp_input in = {0};
    read_ok(&in, "ANBAAR7.csv");
    assert_int_equal(value_of(&in, "Aarhus", 2024, KPI_CMP_PLACED), 828);
    assert_int_equal(value_of(&in, "Aarhus Kommune", 2023, KPI_CMP_PLACED),
                     874);
    assert_int_equal(value_of(&in, "Aarhus", 2024, KPI_CMP_PLACED_0_17), 648);
    assert_int_equal(value_of(&in, NULL, 2024, KPI_CMP_PLACED), 12282);
    /* Aarhus 2023 has no age groups: its 0-17 is not given, not 0. */
    assert_null(kpi_cmp_find(&in, "Aarhus", 2023, KPI_CMP_PLACED_0_17));
    assert_string_equal(in.sources[0].origin,
                        "Danmarks Statistik, statistikbanken.dk/ANBAAR7");
    assert_int_equal(in.sources[0].first_year, 2023);
    assert_int_equal(in.sources[0].last_year, 2024);
    kpi_cmp_input_free(&in);
}

/* ".." (DST's discretion) stays missing with its mark: never 0. */
static void held_back_is_missing(void **state)
{
    (void)state;
    kpi_cmp_input in = {0};
    read_ok(&in, "ANBAAR7.csv");
    read_ok(&in, "ISBU02.csv");
    const kpi_cmp_value *v = kpi_cmp_find(&in, "Odense", 2023, KPI_CMP_PLACED);
    assert_non_null(v);
    assert_false(v->present);
    assert_string_equal(v->mark, "..");
    assert_int_equal(v->line, 11);
    v = kpi_cmp_find(&in, "Odense", 2024, KPI_CMP_PREVENTIVE);
    assert_non_null(v);
    assert_false(v->present);
    assert_int_equal(value_of(&in, "Odense", 2023, KPI_CMP_PREVENTIVE), 1104);
    kpi_cmp_input_free(&in);
}

/* FOLK1A.csv: 2025K1 (1 January 2025) is the end of 2024. Aarhus has
 * 4,000 a year of age: 0-17 = 18 x 4,000 = 72,000; 0-22 = 23 x 4,000 =
 * 92,000 (the 23-year-olds and the "Alder i alt" row are not added; the
 * 2nd quarter's 4,007 five-year-olds are not read). */
static void population_table(void **state)
{
    (void)state;
    kpi_cmp_input in = {0};
    read_ok(&in, "FOLK1A.csv");
    assert_int_equal(value_of(&in, "Aarhus", 2024, KPI_CMP_CHILDREN_0_17),
                     72000);
    assert_int_equal(value_of(&in, "Aarhus", 2024, KPI_CMP_CHILDREN_0_22),
                     92000);
    assert_int_equal(value_of(&in, "Aarhus", 2023, KPI_CMP_CHILDREN_0_22),
                     92000);
    assert_int_equal(value_of(&in, NULL, 2023, KPI_CMP_CHILDREN_0_17), 1080000);
    assert_null(kpi_cmp_find(&in, "Aarhus", 2025, KPI_CMP_CHILDREN_0_17));
    kpi_cmp_input_free(&in);
}

/* Writes text to /tmp/<dir>/name and reads it; returns the status and the
 * diagnostics (the caller frees them). */
static kpi_status read_text(const char *name, const char *text,
                            kpi_diagnostics **d)
{
    char dir[] = "/tmp/kpi-cmp.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    *d = kpi_diagnostics_new(NULL);
    kpi_cmp_input in = {0};
    kpi_status st = kpi_cmp_read_file(&in, path, name, *d);
    kpi_cmp_input_free(&in);
    unlink(path);
    rmdir(dir);
    return st;
}

/* The one error a bad file gives, as file:line: column: message. */
static void expect_error(const char *name, const char *text, unsigned long line,
                         const char *column, const char *words)
{
    kpi_diagnostics *d;
    assert_int_equal(read_text(name, text, &d), KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_error_count(d), 1);
    const kpi_diagnostic *e = kpi_diagnostics_get(d, 0);
    assert_string_equal(e->file, name);
    assert_int_equal(e->line, line);
    if (column)
        assert_string_equal(e->column, column);
    else
        assert_null(e->column);
    if (!strstr(e->message, words))
        fail_msg("'%s' does not say '%s'", e->message, words);
    kpi_diagnostics_free(d);
}

static void bad_files(void **state)
{
    (void)state;
    expect_error("ANBAAR7.csv", "OMRÅDE;TID\nAarhus;2024\n", 1, "INDHOLD",
                 "missing column INDHOLD");
    expect_error("ANBAAR7.csv", "OMRÅDE;TID;INDHOLD\nAarhus;2024K1;5\n", 2,
                 "TID", "'2024K1' is not a year");
    expect_error("FOLK1A.csv", "OMRÅDE;ALDER;TID;INDHOLD\nAarhus;3;2024;5\n", 2,
                 "TID", "not a quarter");
    expect_error("ISBU02.csv", "OMRÅDE;TID;INDHOLD\nAarhus;2024;12,5\n", 2,
                 "INDHOLD", "'12,5' is not a count");
    expect_error("BEF5.csv", "OMRÅDE;TID;INDHOLD\n", 0, NULL,
                 "not a table kpi compares");
    /* Another definition: a breakdown without its total. */
    expect_error("ANBAAR7.csv",
                 "OMRÅDE;KØN;TID;INDHOLD\nAarhus;Drenge;2024;5\n", 0, "KØN",
                 "no row has the total of KØN");
    expect_error("ANBAAR7.csv",
                 "OMRÅDE;ALDER;TID;INDHOLD\nAarhus;0-5 år;2024;5\n"
                 "Aarhus;3-8 år;2024;5\n",
                 3, "ALDER", "overlap");
    expect_error("ANBAAR7.csv",
                 "OMRÅDE;TID;INDHOLD\nAarhus;2024;5\nAarhus;2024;6\n", 3,
                 "INDHOLD", "given twice");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(placed_table),
        cmocka_unit_test(held_back_is_missing),
        cmocka_unit_test(population_table),
        cmocka_unit_test(bad_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
