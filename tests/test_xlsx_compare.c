/* test_xlsx_compare.c - the sheet "Sammenligning" of the economy workbook
 * (templates/oekonomi.ini, issue 18, docs/COMPARE.md): it holds the rates
 * worked by hand below, says "mangler" where a value is missing and why,
 * and is not there without a comparison. */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kpi/xlsx.h"

/* The own municipality: 2,000 children 0-17 and 2,500 0-22 (kpi.ini).
 *  A, B, C born 2010, placed from 2023-01-01, ongoing: placed on 31
 *    December 2023 and 2024, aged 13-14 (0-17); new placements in 2023;
 *  D born 2005, placed 2024-02-01..2024-06-30: a new placement in 2024,
 *    not placed on 31 December.
 * 2024: placed 3 -> 3 / 2,500 x 1,000 = 1.2; new placements 1 -> 1 /
 * 2,500 x 1,000 = 0.4. 2023: placed 3 -> 1.2.
 * The fixtures (tests/fixtures/compare/README.md), per 1,000 0-22:
 *  Aarhus 2024 828 / 92,000 x 1,000 = 9.0, 2023 874 / 92,000 x 1,000 =
 *  9.5; Odense 2024 437 / 46,000 x 1,000 = 9.5, 2023 held back ('..');
 *  Hele landet 2024 12,282 / 1,380,000 x 1,000 = 8.9, 2023 12,420 /
 *  1,380,000 x 1,000 = 9.0. The window: 2020-2024 (the files' newest
 *  year 2024), columns B..F. */
static kpi_dataset *own(void)
{
    kpi_dataset *ds = support_compare_dataset("Aarhus, Odense");
    const char *kids[] = {"A", "B", "C"};
    for (size_t i = 0; i < 3; i++)
        support_add_measure(ds, &(support_measure){.child = kids[i],
                                                   .birth = "2010-05-01",
                                                   .type = "almen_plejefamilie",
                                                   .start = "2023-01-01",
                                                   .price = "30.000,00"});
    support_add_measure(ds, &(support_measure){.child = "D",
                                               .birth = "2005-03-01",
                                               .type = "opholdssted",
                                               .start = "2024-02-01",
                                               .end = "2024-06-30",
                                               .price = "60.000,00"});
    return ds;
}

/* Does the tag from s to its '>' hold needle? */
static bool tag_has(const char *s, const char *needle)
{
    char *tag = strndup(s, (size_t)(strchr(s, '>') - s));
    bool has = strstr(tag, needle) != NULL;
    free(tag);
    return has;
}

/* The text of shared string i (plain <t>, as libxlsxwriter writes). */
static char *shared(const char *sst, int i)
{
    const char *s = sst;
    for (int k = 0; k <= i; k++) {
        s = strstr(s, "<si>");
        assert_non_null(s);
        s += 4;
    }
    s = strchr(strstr(s, "<t"), '>') + 1;
    return strndup(s, (size_t)(strstr(s, "</t>") - s));
}

/* The cell ref's value as text (a shared string's text, or the number as
 * written), NULL when the cell is not there. The caller frees it. */
static char *cell(const char *sheet, const char *sst, const char *ref)
{
    char key[32];
    snprintf(key, sizeof key, "<c r=\"%s\"", ref);
    const char *c = strstr(sheet, key);
    if (!c)
        return NULL;
    const char *end = strstr(c, "</c>"), *v = strstr(c, "<v>");
    if (!v || (end && v > end))
        return NULL;
    v += 3;
    char *text = strndup(v, (size_t)(strstr(v, "</v>") - v));
    if (tag_has(c, "t=\"s\"")) {
        char *s = shared(sst, atoi(text));
        free(text);
        return s;
    }
    return text;
}

/* The row number of the cell in column A whose text is `text`, or 0. */
static int row_of(const char *sheet, const char *sst, const char *text)
{
    for (int row = 1; row < 400; row++) {
        char ref[16];
        snprintf(ref, sizeof ref, "A%d", row);
        char *t = cell(sheet, sst, ref);
        bool hit = t && !strcmp(t, text);
        free(t);
        if (hit)
            return row;
    }
    return 0;
}

static void expect_number(const char *sheet, const char *sst, char col,
                          int row, double want)
{
    char ref[16];
    snprintf(ref, sizeof ref, "%c%d", col, row);
    char *t = cell(sheet, sst, ref);
    if (!t)
        fail_msg("no cell %s", ref);
    assert_float_equal(strtod(t, NULL), want, 1e-9);
    free(t);
}

static void expect_text(const char *sheet, const char *sst, char col, int row,
                        const char *want)
{
    char ref[16];
    snprintf(ref, sizeof ref, "%c%d", col, row);
    char *t = cell(sheet, sst, ref);
    if (!t)
        fail_msg("no cell %s", ref);
    assert_string_equal(t, want);
    free(t);
}

/* The economy workbook of December 2024 with (or without) the
 * comparison, into path. */
static void write_book(const kpi_dataset *ds, const kpi_figures *f,
                       const kpi_comparison *c, const char *path)
{
    kpi_book_template *t = NULL;
    assert_int_equal(kpi_book_template_builtin("oekonomi", &t, NULL, 0),
                     KPI_OK);
    kpi_book_input in = {.dataset = ds,
                         .figures = f,
                         .month = {2024, 12},
                         .comparison = c};
    char err[512];
    assert_int_equal(kpi_book_write(t, &in, path, err, sizeof err), KPI_OK);
    kpi_book_template_free(t);
}

/* The sheet's number in the workbook (sheetN.xml), 0 when it is not
 * there. */
static int sheet_number(const char *book, const char *name)
{
    char *wb = support_read_part(book, "xl/workbook.xml");
    int n = 0, k = 0;
    char key[128];
    snprintf(key, sizeof key, "name=\"%s\"", name);
    for (const char *s = wb; (s = strstr(s, "<sheet ")) != NULL; s++) {
        k++;
        if (tag_has(s, key))
            n = k;
    }
    free(wb);
    return n;
}

static void sheet_holds_the_rates(void **state)
{
    (void)state;
    kpi_dataset *ds = own();
    kpi_figures *f = support_compute(ds, "2024-12");
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_comparison *c = NULL;
    assert_int_equal(kpi_comparison_load(ds, f, KPI_FIXTURES "/compare",
                                         (kpi_month){2024, 12}, NULL, &c, d),
                     KPI_OK);
    char *dir = support_tempdir(), path[1024];
    snprintf(path, sizeof path, "%s/oekonomi.xlsx", dir);

    /* Without a comparison: no sheet. */
    write_book(ds, f, NULL, path);
    assert_int_equal(sheet_number(path, "Sammenligning"), 0);

    write_book(ds, f, c, path);
    int n = sheet_number(path, "Sammenligning");
    assert_true(n > 0);
    char part[64];
    snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", n);
    char *sheet = support_read_part(path, part);
    char *sst = support_read_part(path, "xl/sharedStrings.xml");

    int t = row_of(sheet, sst,
                   "Anbragte 0–22 år pr. 31. december, pr. 1.000 0–22-årige");
    assert_true(t > 0);
    /* The header: the five years. */
    expect_text(sheet, sst, 'B', t + 1, "2020");
    expect_text(sheet, sst, 'F', t + 1, "2024");
    /* The own municipality, the chosen ones, the country. */
    expect_text(sheet, sst, 'A', t + 2, "Egen Kommune");
    expect_number(sheet, sst, 'E', t + 2, 1.2);
    expect_number(sheet, sst, 'F', t + 2, 1.2);
    expect_text(sheet, sst, 'A', t + 3, "Aarhus");
    expect_number(sheet, sst, 'E', t + 3, 9.5);
    expect_number(sheet, sst, 'F', t + 3, 9.0);
    expect_text(sheet, sst, 'A', t + 4, "Odense");
    expect_number(sheet, sst, 'F', t + 4, 9.5);
    expect_text(sheet, sst, 'A', t + 5, "Hele landet");
    expect_number(sheet, sst, 'E', t + 5, 9.0);
    expect_number(sheet, sst, 'F', t + 5, 8.9);
    /* Missing is said, never a blank or 0: Odense's 2023 is held back,
     * nobody has 2020. */
    expect_text(sheet, sst, 'E', t + 4, "mangler");
    expect_text(sheet, sst, 'B', t + 2, "mangler");
    /* The counts beside the rates: 3 placed in 2024. */
    int tn = row_of(sheet, sst, "Anbragte 0–22 år pr. 31. december, antal");
    expect_number(sheet, sst, 'F', tn + 2, 3);
    expect_number(sheet, sst, 'F', tn + 3, 828);
    /* New placements: 1 / 2,500 x 1,000 = 0.4 (no DST table: the others
     * are "mangler"). */
    int tp = row_of(sheet, sst, "Nye anbringelser i året, pr. 1.000 0–22-årige");
    expect_number(sheet, sst, 'F', tp + 2, 0.4);
    expect_text(sheet, sst, 'F', tp + 3, "mangler");
    /* Why: "Hvad mangler" names Odense's 2023 and the file. */
    assert_non_null(strstr(sst, "holdt tilbage ('..' i ANBAAR7.csv)"));
    assert_true(row_of(sheet, sst, "Hvad mangler") > 0);
    /* The sources with DST's citation. */
    assert_non_null(strstr(sst, "Danmarks Statistik, statistikbanken.dk/ANBAAR7"));
    /* A chart with the years on its axis: its categories are the header. */
    char want[64];
    snprintf(want, sizeof want, "Sammenligning!$B$%d:$F$%d", t + 1, t + 1);
    bool found = false;
    for (int k = 1; k < 10 && !found; k++) {
        snprintf(part, sizeof part, "xl/charts/chart%d.xml", k);
        char *chart = support_read_part(path, part);
        found = strstr(chart, want) != NULL;
        free(chart);
    }
    assert_true(found);

    free(sheet);
    free(sst);
    support_rmdir(dir);
    kpi_comparison_free(c);
    kpi_diagnostics_free(d);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sheet_holds_the_rates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
