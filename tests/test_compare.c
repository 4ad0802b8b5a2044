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

#define FIX KPI_FIXTURES "/compare/sammenligning/"

/* Reads the file at path, labelled name, into in, expecting no message. */
static void read_path_ok(kpi_cmp_input *in, const char *path, const char *name)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_status st = kpi_cmp_read_file(in, path, name, d);
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
    assert_int_equal(st, KPI_OK);
    assert_int_equal(kpi_diagnostics_count(d), 0);
    kpi_diagnostics_free(d);
}

static void read_ok(kpi_cmp_input *in, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, FIX "%s", name);
    read_path_ok(in, path, name);
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

/* Writes text to a new folder's file `name`; path gets the file's path
 * (the caller unlinks it and removes dir). */
static void temp_file(char *dir, const char *name, const char *text, char *path,
                      size_t cap)
{
    assert_non_null(mkdtemp(dir));
    snprintf(path, cap, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* Writes text to /tmp/<dir>/name and reads it; returns the status and the
 * diagnostics (the caller frees them). */
static kpi_status read_text(const char *name, const char *text,
                            kpi_diagnostics **d)
{
    char dir[] = "/tmp/kpi-cmp.XXXXXX", path[256];
    temp_file(dir, name, text, path, sizeof path);
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
                 "OMRÅDE;ALDER;TID;INDHOLD\nAarhus;12-5 år;2024;5\n", 2,
                 "ALDER", "'12-5 år' is not an age group");
    /* A run of digits is no age (found by fuzz_compare): no crash, read
     * as 200 and over, outside 0-22. */
    kpi_diagnostics *d;
    assert_int_equal(read_text("FOLK1A.csv",
                               "OMRÅDE;ALDER;TID;INDHOLD\n"
                               "Aarhus;88888888888888888888888 år;2025K1;5\n",
                               &d),
                     KPI_OK);
    kpi_diagnostics_free(d);
    expect_error("ANBAAR7.csv",
                 "OMRÅDE;TID;INDHOLD\nAarhus;2024;5\nAarhus;2024;6\n", 3,
                 "INDHOLD", "given twice");
}

/* Reads text as the file `name` into in, expecting no message. */
static void read_text_ok(kpi_cmp_input *in, const char *name, const char *text)
{
    char dir[] = "/tmp/kpi-cmp.XXXXXX", path[256];
    temp_file(dir, name, text, path, sizeof path);
    read_path_ok(in, path, name);
    unlink(path);
    rmdir(dir);
}

/* The variable ids of DST's current municipal tables (docs/COMPARE.md):
 * ANBAAR9 by ADMKOM and ALERAMS ("I alt", "0-17 år", "18-22 år",
 * "Uoplyst alder"), ISBU02 by KOMMUNEDK and INDSATSER, whose total is a
 * long text ending in "I ALT". Aarhus 2024: 828 placed in all, of them
 * 648 aged 0-17 and 178 aged 18-22; the 2 of no stated age are in the
 * total and in no age group (648 + 178 + 2 = 828), so 0-17 is 648 and
 * the total stays 828, not a second total. */
static void current_table_ids(void **state)
{
    (void)state;
    kpi_cmp_input in = {0};
    read_text_ok(&in, "ANBAAR9.csv",
                 "ADMKOM;ALERAMS;TID;INDHOLD\n"
                 "Hele landet;I alt;2024;12282\n"
                 "Aarhus;I alt;2024;828\n"
                 "Aarhus;0-17 år;2024;648\n"
                 "Aarhus;18-22 år;2024;178\n"
                 "Aarhus;Uoplyst alder;2024;2\n");
    assert_int_equal(value_of(&in, "Aarhus", 2024, KPI_CMP_PLACED), 828);
    assert_int_equal(value_of(&in, "Aarhus", 2024, KPI_CMP_PLACED_0_17), 648);
    assert_int_equal(value_of(&in, NULL, 2024, KPI_CMP_PLACED), 12282);
    assert_string_equal(in.sources[0].origin,
                        "Danmarks Statistik, statistikbanken.dk/ANBAAR9");
    /* Only the total of INDSATSER is read: 2,116, not the 2,116 + 900 of
     * the kind of measure below it. */
    read_text_ok(&in, "ISBU02.csv",
                 "KOMMUNEDK;INDSATSER;TID;INDHOLD\n"
                 "Aarhus;BØRN OG UNGE DER MODTAGER FOREBYGGENDE "
                 "FORANSTALTNINGER OG INDSATSER I ALT;2024;2116\n"
                 "Aarhus;TIDLIGT FOREBYGGENDE INDSATSER;2024;900\n");
    assert_int_equal(value_of(&in, "Aarhus", 2024, KPI_CMP_PREVENTIVE), 2116);
    kpi_cmp_input_free(&in);
    /* A table downloaded in English says so, not only "not a quarter". */
    expect_error("FOLK1A.csv",
                 "OMRÅDE;ALDER;TID;INDHOLD\nAll Denmark;0 years;2025Q1;5\n",
                 2, "TID", "download the table in Danish");
}

/* ---- the comparison: own on DST's definitions, rates per 1,000 ---- */

/* The own municipality "Egen Kommune" (kpi.ini: 2,000 children 0-17,
 * 2,500 aged 0-22), as of 31 December 2024:
 *  A  born 2010-05-01, almen_plejefamilie from 2023-03-01, ongoing:
 *     placed on 31 Dec 2024, aged 14 at the end of the year;
 *  B  born 2006-06-01, almen_plejefamilie 2024-06-01..2024-12-31: placed
 *     on 31 Dec 2024 aged 18 at the end of the year (17 on 1 January: a
 *     young adult in DST's sense, in 0-22, not in 0-17), a new placement
 *     in 2024;
 *  C  born 2012-01-01, opholdssted 2024-02-01..2024-05-31: a new
 *     placement in 2024, not placed on 31 December;
 *  D  born 2013-01-01, kontaktperson 2023-12-01..2024-03-01: preventive
 *     during 2024 (and 2023);
 *  E  born 2011-01-01, almen_plejefamilie 2024-04-01..2024-03-31: a
 *     cancelled grant, counts for nothing.
 * 2024: placed 2 (A, B) -> 2 / 2,500 x 1,000 = 0.8; aged 0-17: 1 (A) ->
 * 1 / 2,000 x 1,000 = 0.5; new placements 2 (B, C) -> 0.8; preventive 1
 * (D) -> 1 / 2,500 x 1,000 = 0.4.
 * 2023 is not in the data: the first placement starts 2023-03-01 and the
 * first preventive measure 2023-12-01, after 1 January 2023: no own rows
 * for 2023 (not 0). */
static kpi_dataset *own_dataset(const char *chosen)
{
    kpi_dataset *ds = support_compare_dataset(chosen);
    support_measure ms[] = {
        {.child = "A",
         .birth = "2010-05-01",
         .type = "almen_plejefamilie",
         .start = "2023-03-01",
         .price = "30.000,00"},
        {.child = "B",
         .birth = "2006-06-01",
         .type = "almen_plejefamilie",
         .start = "2024-06-01",
         .end = "2024-12-31",
         .price = "30.000,00"},
        {.child = "C",
         .birth = "2012-01-01",
         .type = "opholdssted",
         .start = "2024-02-01",
         .end = "2024-05-31",
         .price = "60.000,00"},
        {.child = "D",
         .birth = "2013-01-01",
         .type = "kontaktperson",
         .start = "2023-12-01",
         .end = "2024-03-01",
         .price = "5.000,00"},
        {.child = "E",
         .birth = "2011-01-01",
         .type = "almen_plejefamilie",
         .start = "2024-04-01",
         .end = "2024-03-31",
         .price = "30.000,00"},
    };
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
        kpi_measure *m = support_add_measure(ds, &ms[i]);
        if (ms[i].end && D(ms[i].end) == D(ms[i].start) - 1)
            m->cancelled = 1;
    }
    return ds;
}

static const kpi_month DEC24 = {2024, 12};

static kpi_comparison *load_ok(const kpi_dataset *ds, kpi_diagnostics *d)
{
    kpi_comparison *c = NULL;
    kpi_status st = kpi_comparison_load(ds, NULL, KPI_FIXTURES "/compare",
                                        DEC24, NULL, &c, d);
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
    assert_int_equal(st, KPI_OK);
    assert_non_null(c);
    return c;
}

static const kpi_row *row_of(const kpi_comparison *c, const char *period,
                             const char *member, const char *stat)
{
    for (size_t i = 0; i < kpi_comparison_row_count(c); i++) {
        const kpi_row *r = kpi_comparison_row(c, i);
        if (strcmp(r->period, period) == 0 && strcmp(r->member, member) == 0 &&
            strcmp(r->stat, stat) == 0)
            return r;
    }
    return NULL;
}

static double rate(const kpi_comparison *c, const char *period,
                   const char *member, const char *stat)
{
    const kpi_row *r = row_of(c, period, member, stat);
    if (!r)
        fail_msg("no row %s %s %s", period, member, stat);
    assert_int_equal(r->kind, KPI_VALUE_REAL);
    return r->real;
}

static int64_t count(const kpi_comparison *c, const char *period,
                     const char *member, const char *stat)
{
    const kpi_row *r = row_of(c, period, member, stat);
    if (!r)
        fail_msg("no row %s %s %s", period, member, stat);
    assert_int_equal(r->kind, KPI_VALUE_COUNT);
    return r->integer;
}

static void own_on_dst_definitions(void **state)
{
    (void)state;
    kpi_dataset *ds = own_dataset(NULL);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_comparison *c = load_ok(ds, d);
    const char *own = "Egen Kommune";
    assert_int_equal(count(c, "2024", own, "placed"), 2);
    assert_int_equal(count(c, "2024", own, "placed_0_17"), 1);
    assert_int_equal(count(c, "2024", own, "new_placements"), 2);
    assert_int_equal(count(c, "2024", own, "preventive"), 1);
    assert_float_equal(rate(c, "2024", own, "placed_per_1000"), 0.8, 1e-9);
    assert_float_equal(rate(c, "2024", own, "placed_0_17_per_1000"), 0.5, 1e-9);
    assert_float_equal(rate(c, "2024", own, "new_placements_per_1000"), 0.8,
                       1e-9);
    assert_float_equal(rate(c, "2024", own, "preventive_per_1000"), 0.4, 1e-9);
    /* Not in the data: left out, never 0. */
    assert_null(row_of(c, "2023", own, "placed"));
    assert_null(row_of(c, "2023", own, "preventive"));
    kpi_comparison_free(c);
    kpi_diagnostics_free(d);
    kpi_dataset_free(ds);
}

/* The rates of the fixtures (README.md there): per 1,000 of 0-22
 * (0-17 for placed_0_17):
 *   Aarhus 2024 placed 828 / 92,000 x 1,000 = 9.0; aged 0-17 648 /
 *     72,000 x 1,000 = 9.0; 2023 874 / 92,000 x 1,000 = 9.5;
 *     preventive 2024 2,116 / 92,000 x 1,000 = 23.0;
 *   Odense 2024 placed 437 / 46,000 x 1,000 = 9.5; 2023 held back ('..'):
 *     no row and a warning at ANBAAR7.csv line 11; preventive 2023
 *     1,104 / 46,000 x 1,000 = 24.0;
 *   Hele landet 2024 placed 12,282 / 1,380,000 x 1,000 = 8.9; 2023
 *     preventive 30,360 / 1,380,000 x 1,000 = 22.0. */
static void rates_per_1000(void **state)
{
    (void)state;
    kpi_dataset *ds = own_dataset("Aarhus, Odense");
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_comparison *c = load_ok(ds, d);
    assert_float_equal(rate(c, "2024", "Aarhus", "placed_per_1000"), 9.0, 1e-9);
    assert_float_equal(rate(c, "2024", "Aarhus", "placed_0_17_per_1000"), 9.0,
                       1e-9);
    assert_float_equal(rate(c, "2023", "Aarhus", "placed_per_1000"), 9.5, 1e-9);
    assert_float_equal(rate(c, "2024", "Aarhus", "preventive_per_1000"), 23.0,
                       1e-9);
    assert_float_equal(rate(c, "2024", "Odense", "placed_per_1000"), 9.5, 1e-9);
    assert_float_equal(rate(c, "2023", "Odense", "preventive_per_1000"), 24.0,
                       1e-9);
    assert_float_equal(rate(c, "2024", "Hele landet", "placed_per_1000"), 8.9,
                       1e-9);
    assert_float_equal(rate(c, "2023", "Hele landet", "preventive_per_1000"),
                       22.0, 1e-9);
    assert_int_equal(count(c, "2024", "Hele landet", "children_0_22"), 1380000);
    assert_null(row_of(c, "2023", "Odense", "placed"));
    assert_null(row_of(c, "2023", "Odense", "placed_per_1000"));
    /* The warnings say what is missing, where. */
    assert_int_equal(kpi_diagnostics_error_count(d), 0);
    assert_int_equal(kpi_diagnostics_count(d), 2);
    const kpi_diagnostic *w = kpi_diagnostics_get(d, 0);
    assert_string_equal(w->file, "sammenligning/ANBAAR7.csv");
    assert_int_equal(w->line, 11);
    assert_non_null(strstr(w->message, "placed of 'Odense' in 2023"));
    kpi_comparison_free(c);
    kpi_diagnostics_free(d);
    kpi_dataset_free(ds);
}

/* A chosen municipality no file names is an error at kpi.ini's line. */
static void chosen_missing(void **state)
{
    (void)state;
    kpi_dataset *ds = own_dataset("Aarhus, Odens");
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_comparison *c = (kpi_comparison *)1;
    assert_int_equal(kpi_comparison_load(ds, NULL, KPI_FIXTURES "/compare",
                                         DEC24, NULL, &c, d),
                     KPI_ERR_INPUT);
    assert_null(c);
    assert_int_equal(kpi_diagnostics_error_count(d), 1);
    const kpi_diagnostic *e = kpi_diagnostics_get(d, 0);
    assert_string_equal(e->file, "kpi.ini");
    assert_int_equal(e->line, 7);
    assert_string_equal(e->column, "municipalities");
    assert_non_null(strstr(e->message, "'Odens' is in no file"));
    kpi_diagnostics_free(d);
    kpi_dataset_free(ds);
}

/* No sammenligning/ folder: nothing (the export stays as it was); but
 * [compare] without the folder is an error. */
static void no_folder(void **state)
{
    (void)state;
    kpi_dataset *ds = own_dataset(NULL);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_comparison *c = (kpi_comparison *)1;
    assert_int_equal(kpi_comparison_load(ds, NULL, KPI_FIXTURES "/golden",
                                         DEC24, NULL, &c, d),
                     KPI_OK);
    assert_null(c);
    assert_int_equal(kpi_comparison_row_count(c), 0);
    kpi_dataset_free(ds);
    ds = own_dataset("Aarhus");
    assert_int_equal(kpi_comparison_load(ds, NULL, KPI_FIXTURES "/golden",
                                         DEC24, NULL, &c, d),
                     KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_error_count(d), 1);
    kpi_diagnostics_free(d);
    kpi_dataset_free(ds);
}

/* A shared file: the age groups of the placed add up to 0-17 only when
 * all four are shown (10 + 12 + 8 + 6 = 36); with one "<5" the 0-17 is
 * missing, marked, never the sum of the rest. */
static void shared_file(void **state)
{
    (void)state;
    const char *head = "kpi_id;period;breakdown;stat;value\n"
                       "municipality;2026-12;total;level;fagudvalg\n"
                       "municipality;2026-12;total;name;Nabo Kommune\n"
                       "municipality;2026-12;total;children_0_17;9000\n";
    char text[2048];
    snprintf(text, sizeof text,
             "%splaced_children;2026-12-31;total;count;40\n"
             "placed_children;2026-12-31;age_group=0-5;count;10\n"
             "placed_children;2026-12-31;age_group=6-11;count;12\n"
             "placed_children;2026-12-31;age_group=12-14;count;8\n"
             "placed_children;2026-12-31;age_group=15-17;count;6\n"
             "placed_children;2025-12-31;total;count;..\n"
             "placed_children;2025-12-31;age_group=0-5;count;<5\n"
             "placed_children;2025-12-31;age_group=6-11;count;12\n"
             "placed_children;2025-12-31;age_group=12-14;count;8\n"
             "placed_children;2025-12-31;age_group=15-17;count;6\n"
             "placed_children;2026-10-31;total;count;41\n"
             "new_placements;2026-01..2026-12;total;count;9\n"
             "new_placements;2026-01..2026-11;total;count;8\n"
             "forecast;2026;total;amount;45000000.00\n",
             head);
    char dir[] = "/tmp/kpi-cmp.XXXXXX", path[256];
    temp_file(dir, "nabo.csv", text, path, sizeof path);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_cmp_input in = {0};
    assert_int_equal(kpi_cmp_read_file(&in, path, "nabo.csv", d), KPI_OK);
    assert_int_equal(value_of(&in, "Nabo", 2026, KPI_CMP_PLACED), 40);
    assert_int_equal(value_of(&in, "Nabo", 2026, KPI_CMP_PLACED_0_17), 36);
    assert_int_equal(value_of(&in, "Nabo", 2026, KPI_CMP_NEW_PLACEMENTS), 9);
    assert_int_equal(value_of(&in, "Nabo", 2026, KPI_CMP_SPEND), 4500000000);
    assert_int_equal(value_of(&in, "Nabo", 2026, KPI_CMP_CHILDREN_0_17), 9000);
    const kpi_cmp_value *v =
        kpi_cmp_find(&in, "Nabo", 2025, KPI_CMP_PLACED_0_17);
    assert_non_null(v);
    assert_false(v->present);
    assert_string_equal(v->mark, "<5");
    v = kpi_cmp_find(&in, "Nabo", 2025, KPI_CMP_PLACED);
    assert_false(v->present);
    assert_string_equal(in.sources[0].origin,
                        "kpi export (fagudvalg), Nabo Kommune");
    kpi_cmp_input_free(&in);
    kpi_diagnostics_free(d);
    /* Cut for another group: another definition of what is shown. */
    kpi_diagnostics *d2;
    assert_int_equal(read_text("x.csv",
                               "kpi_id;period;breakdown;stat;value\n"
                               "municipality;2026-12;total;level;direktion\n",
                               &d2),
                     KPI_ERR_INPUT);
    assert_non_null(
        strstr(kpi_diagnostics_get(d2, 0)->message, "cut for 'direktion'"));
    kpi_diagnostics_free(d2);
    unlink(path);
    rmdir(dir);
}


/* What a pack may show of the comparison (SPEC §7, docs/COMPARE.md):
 * the own municipality of own_dataset has 2 placed on 31 December 2024,
 * 1 of them 0-17, and 2 new placements: counts of 1-4, shown "<5" in the
 * fagudvalg's pack; their rates per 1,000 (2 / 2,500 x 1,000 = 0.8) are
 * "..": 0.8 x 2,500 / 1,000 = 2 would give the count back. Aarhus's 828
 * and its rate 9.0 are shown; the population (2,500) is not a count of
 * children with a measure and is shown. A group that does not suppress
 * (fagchef) sees no mark, but the rows go to the fagudvalg and the
 * direktion only. */
static void pack_marks(void **state)
{
    (void)state;
    kpi_dataset *ds = own_dataset("Aarhus");
    kpi_figures *figs = NULL;
    assert_int_equal(kpi_figures_compute(ds, DEC24, NULL, &figs), KPI_OK);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_comparison *c = NULL;
    assert_int_equal(kpi_comparison_load(ds, figs, KPI_FIXTURES "/compare",
                                         DEC24, NULL, &c, d),
                     KPI_OK);
    kpi_privacy *fu = NULL, *fc = NULL;
    kpi_audience a = {KPI_GROUP_FAGUDVALG,
                      kpi_group_max_detail(KPI_GROUP_FAGUDVALG), NULL};
    assert_int_equal(kpi_privacy_new(figs, &a, NULL, &fu), KPI_OK);
    a.group = KPI_GROUP_FAGCHEF;
    a.detail = kpi_group_max_detail(KPI_GROUP_FAGCHEF);
    assert_int_equal(kpi_privacy_new(figs, &a, NULL, &fc), KPI_OK);
    const char *own = "Egen Kommune";
    static const struct {
        const char *member, *stat, *mark;
    } want[] = {
        {"Egen Kommune", "placed", "<5"},
        {"Egen Kommune", "placed_per_1000", ".."},
        {"Egen Kommune", "placed_0_17", "<5"},
        {"Egen Kommune", "placed_0_17_per_1000", ".."},
        {"Egen Kommune", "new_placements", "<5"},
        {"Egen Kommune", "new_placements_per_1000", ".."},
        {"Egen Kommune", "preventive", "<5"},
        {"Egen Kommune", "preventive_per_1000", ".."},
        {"Egen Kommune", "children_0_22", NULL},
        {"Aarhus", "placed", NULL},
        {"Aarhus", "placed_per_1000", NULL},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const kpi_row *r = row_of(c, "2024", want[i].member, want[i].stat);
        assert_non_null(r);
        /* By the 1-4 rule alone (no figures to mirror), and with them. */
        for (int k = 0; k < 2; k++) {
            const char *m = kpi_comparison_row_mark(c, fu, k ? figs : NULL, r);
            if (want[i].mark)
                assert_string_equal(m, want[i].mark);
            else
                assert_null(m);
        }
        assert_true(kpi_comparison_row_visible(fu, r));
        assert_false(kpi_comparison_row_visible(fc, r));
        assert_null(kpi_comparison_row_mark(c, fc, figs, r));
    }
    /* kpi's own monthly stock on D (2 = placed_children's count) too. */
    const kpi_row *r = row_of(c, "2024-12-31", own, "placed_monthly");
    assert_non_null(r);
    assert_string_equal(kpi_comparison_row_mark(c, fu, figs, r), "<5");
    r = row_of(c, "2024-12-31", own, "placed_monthly_per_1000");
    assert_string_equal(kpi_comparison_row_mark(c, fu, figs, r), "..");
    kpi_privacy_free(fu);
    kpi_privacy_free(fc);
    kpi_comparison_free(c);
    kpi_diagnostics_free(d);
    kpi_figures_free(figs);
    kpi_dataset_free(ds);
}

/* What the comparison lacks, for the sheet's "Hvad mangler" (issue 18
 * item 5), with the fixtures (README.md there) and own_dataset over the
 * window 2020-2024 (the files' newest year 2024). A gap is a value that
 * another municipality has that year, in the order municipality, figure:
 *  - Egen Kommune placed and preventive 2023: Aarhus has them; own's 2023
 *    begins before kpi's data (first placement 2023-03-01, first
 *    preventive measure 2023-12-01): not counted;
 *  - Aarhus new placements 2024: own has them, no DST table does;
 *  - Odense placed 2023: ANBAAR7.csv holds it back ('..'); placed 0-17
 *    2024 (Aarhus has age groups, Odense not) and new placements 2024:
 *    not in the files; preventive 2024: ISBU02.csv holds it back;
 *  - Hele landet placed 0-17 and new placements 2024: not in the files.
 * Nobody has 2020-2022 or placed 0-17 in 2023: not compared, no gap. */
static void gaps(void **state)
{
    (void)state;
    kpi_dataset *ds = own_dataset("Aarhus, Odense");
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_comparison *c = load_ok(ds, d);
    static const struct {
        const char *area, *stat, *years;
        kpi_comparison_gap_reason reason;
        const char *mark, *file;
    } want[] = {
        {"Egen Kommune", "placed", "2023", KPI_COMPARISON_NOT_COUNTED, "", ""},
        {"Egen Kommune", "preventive", "2023", KPI_COMPARISON_NOT_COUNTED, "",
         ""},
        {"Aarhus", "new_placements", "2024", KPI_COMPARISON_NOT_IN_FILES, "",
         ""},
        {"Odense", "placed", "2023", KPI_COMPARISON_HELD_BACK, "..",
         "ANBAAR7.csv"},
        {"Odense", "placed_0_17", "2024", KPI_COMPARISON_NOT_IN_FILES, "", ""},
        {"Odense", "new_placements", "2024", KPI_COMPARISON_NOT_IN_FILES, "",
         ""},
        {"Odense", "preventive", "2024", KPI_COMPARISON_HELD_BACK, "..",
         "ISBU02.csv"},
        {"Hele landet", "placed_0_17", "2024", KPI_COMPARISON_NOT_IN_FILES, "",
         ""},
        {"Hele landet", "new_placements", "2024", KPI_COMPARISON_NOT_IN_FILES,
         "", ""},
    };
    size_t n = sizeof want / sizeof want[0];
    assert_int_equal(kpi_comparison_gap_count(c), n);
    kpi_comparison_gap_info g;
    for (size_t i = 0; i < n; i++) {
        assert_true(kpi_comparison_gap(c, i, &g));
        assert_string_equal(g.area, want[i].area);
        assert_string_equal(g.stat, want[i].stat);
        assert_string_equal(g.years, want[i].years);
        assert_int_equal(g.reason, want[i].reason);
        assert_string_equal(g.mark, want[i].mark);
        assert_string_equal(g.file, want[i].file);
    }
    assert_false(kpi_comparison_gap(c, n, &g));
    /* The sources: DST's tables with the file's date. */
    kpi_comparison_source_info s;
    assert_true(kpi_comparison_source(c, 0, &s));
    assert_string_equal(s.origin,
                        "Danmarks Statistik, statistikbanken.dk/ANBAAR7");
    assert_int_equal(strlen(s.date), 10);
    assert_string_equal(s.month, "");
    kpi_comparison_free(c);
    kpi_diagnostics_free(d);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(placed_table),
        cmocka_unit_test(held_back_is_missing),
        cmocka_unit_test(population_table),
        cmocka_unit_test(bad_files),
        cmocka_unit_test(current_table_ids),
        cmocka_unit_test(own_on_dst_definitions),
        cmocka_unit_test(rates_per_1000),
        cmocka_unit_test(chosen_missing),
        cmocka_unit_test(no_folder),
        cmocka_unit_test(shared_file),
        cmocka_unit_test(pack_marks),
        cmocka_unit_test(gaps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
