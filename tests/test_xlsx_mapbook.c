/* test_xlsx_mapbook.c - the map texts (templates/noegletal.cfg) cover the
 * catalogue, and kpi_book_headline finds the row and label worked out by
 * hand for the workbook fixture. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kpi/read.h"
#include "figtext.h"
#include "kpi/xlsx.h"

#include <string.h>

/* Adding a figure to the catalogue needs its texts; a section for a
 * figure kpi does not know is refused by the parser. */
static void test_texts_cover_catalogue(void **state)
{
    (void)state;
    figtext *ft = NULL;
    char err[256];
    assert_int_equal(kpi_xlsx_figtext_builtin(&ft, err, sizeof err), KPI_OK);
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        const char *id = kpi_catalog_figure(i)->id;
        if (!kpi_xlsx_figtext_find(ft, id))
            fail_msg("templates/noegletal.cfg has no [figure.%s]", id);
    }
    assert_int_equal(ft->n_figs, kpi_catalog_figure_count());
    kpi_xlsx_figtext_free(ft);
}

static void test_texts_errors(void **state)
{
    (void)state;
    figtext *ft = NULL;
    char err[256];
    const char *bad = "[figure.no_such]\ndescription = x\n";
    assert_int_equal(
        kpi_xlsx_figtext_parse(bad, strlen(bad), "t.cfg", &ft, err, sizeof err),
        KPI_ERR_INPUT);
    assert_string_equal(err, "t.cfg:1: [figure.no_such]: no key figure "
                             "'no_such' in the catalogue");
    /* The headline is the catalogue's now (kpi_figure_info.headline): a
     * headline here would be silently ignored, so it is refused. */
    const char *hl = "[figure.spend]\nheadline = week amount\n";
    assert_int_equal(
        kpi_xlsx_figtext_parse(hl, strlen(hl), "t.cfg", &ft, err, sizeof err),
        KPI_ERR_INPUT);
    assert_string_equal(err, "t.cfg:2: headline: unknown key in a "
                             "[figure.ID] section");
}

/* The workbook fixture, month 2026-10: placed_children's headline is its
 * total count on 2026-10-31, as kpi export gives it. */
static void test_headline(void **state)
{
    (void)state;
    kpi_diagnostics *diags = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    kpi_load_options lo = {0};
    lo.budget_reader = kpi_budget_read; /* the fixture has a budget.csv */
    assert_int_equal(kpi_dataset_load(KPI_FIXTURES "/workbook", &lo, &ds,
                                      diags),
                     KPI_OK);
    kpi_month m = {2026, 10};
    kpi_figures *f = NULL;
    assert_int_equal(kpi_figures_compute(ds, m, NULL, &f), KPI_OK);
    kpi_book_input in = {.dataset = ds, .figures = f, .month = m};
    char label[128];
    const kpi_row *r = kpi_book_headline(&in, "placed_children", label,
                                         sizeof label);
    assert_non_null(r);
    assert_string_equal(label, "Anbragte børn pr. 31-10-2026");
    assert_string_equal(r->period, "2026-10-31");
    assert_null(r->dimension);
    assert_string_equal(r->stat, "count");
    /* The same row as a scan of the export finds. */
    const kpi_row *want = NULL;
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *x = kpi_figures_row(f, i);
        if (!strcmp(x->kpi_id, "placed_children") &&
            !strcmp(x->period, "2026-10-31") && !x->dimension &&
            !strcmp(x->stat, "count"))
            want = x;
    }
    assert_ptr_equal(r, want);
    r = kpi_book_headline(&in, "new_cases", label, sizeof label);
    assert_string_equal(label, "Nye sager i oktober 2026");
    assert_null(r); /* the fixture has no cases.csv: not available */
    assert_null(kpi_book_headline(&in, "provider_prices", label,
                                  sizeof label));
    assert_string_equal(label, "");
    kpi_figures_free(f);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_texts_cover_catalogue),
        cmocka_unit_test(test_texts_errors),
        cmocka_unit_test(test_headline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
