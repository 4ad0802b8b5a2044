/* test_catalog.c - the catalogue's rows (SPEC §5): one row per figure,
 * each headline complete, its label filled in as the workbooks and mails
 * show it, and kpi_figures_headline finding the same row as a scan of the
 * export. */
#include "support.h"

#include <string.h>

static void test_rows(void **state)
{
    (void)state;
    size_t n = kpi_catalog_figure_count();
    assert_int_equal(n, 25);
    for (size_t i = 0; i < n; i++) {
        const kpi_figure_info *f = kpi_catalog_figure(i);
        assert_non_null(f);
        assert_true(f->implemented);
        assert_ptr_equal(kpi_catalog_figure_find(f->id), f);
        /* Every figure goes to someone in the default map. */
        assert_true(f->default_groups != 0);
        assert_true(f->default_groups < (1u << KPI_GROUP_COUNT));
        /* A headline is whole or absent. */
        const kpi_headline *h = &f->headline;
        bool has = h->period != KPI_PERIOD_NONE;
        assert_int_equal(has, h->stat != NULL);
        assert_int_equal(has, h->label != NULL);
        assert_int_equal(h->dimension != NULL, h->member != NULL);
        if (!has)
            continue;
        /* Every placeholder of the label is known: none is left. */
        char label[256];
        assert_int_equal(kpi_headline_label(h, (kpi_month){2026, 10}, label,
                                            sizeof label),
                         KPI_OK);
        if (strchr(label, '{'))
            fail_msg("%s: label '%s' has an unknown placeholder", f->id,
                     label);
    }
    assert_null(kpi_catalog_figure(n));
    assert_null(kpi_catalog_figure_find("no_such"));
}

static void test_labels(void **state)
{
    (void)state;
    char label[128];
    kpi_month oct = {2026, 10}, jan = {2026, 1};
    const kpi_figure_info *f = kpi_catalog_figure_find("placed_children");
    assert_int_equal(kpi_headline_label(&f->headline, oct, label,
                                        sizeof label),
                     KPI_OK);
    assert_string_equal(label, "Anbragte børn pr. 31-10-2026");
    f = kpi_catalog_figure_find("new_placements");
    kpi_headline_label(&f->headline, oct, label, sizeof label);
    assert_string_equal(label, "Nyanbringelser januar\xE2\x80\x93oktober 2026");
    /* January to date is the month. */
    kpi_headline_label(&f->headline, jan, label, sizeof label);
    assert_string_equal(label, "Nyanbringelser januar 2026");
    f = kpi_catalog_figure_find("new_cases");
    kpi_headline_label(&f->headline, oct, label, sizeof label);
    assert_string_equal(label, "Nye sager i oktober 2026");
    f = kpi_catalog_figure_find("forecast");
    kpi_headline_label(&f->headline, oct, label, sizeof label);
    assert_string_equal(label,
                        "Forventet afvigelse mod budget 2026 (+ = merforbrug)");
    /* Truncated to the buffer; no headline gives "". */
    char small[8];
    f = kpi_catalog_figure_find("placed_children");
    assert_int_equal(kpi_headline_label(&f->headline, oct, small,
                                        sizeof small),
                     KPI_ERR_RANGE);
    assert_string_equal(small, "Anbragt");
    f = kpi_catalog_figure_find("provider_prices");
    assert_int_equal(kpi_headline_label(&f->headline, oct, label,
                                        sizeof label),
                     KPI_ERR_NOT_AVAILABLE);
    assert_string_equal(label, "");
    assert_int_equal(kpi_headline_label(NULL, oct, label, sizeof label),
                     KPI_ERR_NOT_AVAILABLE);
}

/* The row a scan of the export finds for a headline. */
static const kpi_row *scan(const kpi_figures *f, const kpi_figure_info *fi,
                           const char *period)
{
    for (size_t i = 0; i < kpi_figures_row_count(f); i++) {
        const kpi_row *r = kpi_figures_row(f, i);
        if (!strcmp(r->kpi_id, fi->id) && !strcmp(r->period, period) &&
            !strcmp(r->stat, fi->headline.stat) && !r->dimension2 &&
            (fi->headline.dimension
                 ? r->dimension && !strcmp(r->dimension,
                                           fi->headline.dimension) &&
                       !strcmp(r->member, fi->headline.member)
                 : !r->dimension))
            return r;
    }
    return NULL;
}

static void test_headline_rows(void **state)
{
    (void)state;
    /* The full fixture has a budget.csv: load it as the command does. */
    kpi_dataset *ds = support_load(KPI_FIXTURES "/load/full");
    kpi_month m = {2026, 10};
    kpi_figures *f = support_compute(ds, "2026-10");
    size_t found = 0;
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++) {
        const kpi_figure_info *fi = kpi_catalog_figure(i);
        const kpi_row *r = kpi_figures_headline(f, fi->id, m);
        if (!fi->headline.stat) {
            assert_null(r);
            continue;
        }
        char period[32];
        assert_int_equal(kpi_period_format(fi->headline.period, m,
                                           KPI_PERIOD_STYLE_CODE, period,
                                           sizeof period),
                         KPI_OK);
        assert_ptr_equal(r, scan(f, fi, period));
        found += r != NULL;
    }
    /* The full fixture has every input file: most headlines exist. */
    assert_true(found >= 20);
    /* placed_children on 2026-10-31, the total count. */
    const kpi_row *r = kpi_figures_headline(f, "placed_children", m);
    assert_non_null(r);
    assert_string_equal(r->period, "2026-10-31");
    assert_null(r->dimension);
    assert_string_equal(r->stat, "count");
    assert_null(kpi_figures_headline(f, "no_such", m));
    assert_null(kpi_figures_headline(NULL, "placed_children", m));
    kpi_figures_free(f);
    kpi_dataset_free(ds);
}

/* The long export of f, read back into buf (NUL-terminated). */
static size_t export_text(const kpi_figures *f, char *buf, size_t cap)
{
    FILE *tmp = tmpfile();
    assert_non_null(tmp);
    assert_int_equal(kpi_export_write(f, tmp), KPI_OK);
    rewind(tmp);
    size_t n = fread(buf, 1, cap - 1, tmp);
    assert_true(n < cap - 1); /* all of it */
    buf[n] = '\0';
    fclose(tmp);
    return n;
}

/* rows_only (issue 15, for the long export) leaves out the disposition
 * table and the case lists, nothing else: the same export, byte for
 * byte, on the example, which has both. */
static void test_rows_only(void **state)
{
    (void)state;
    static char full[1 << 20], rows[1 << 20];
    kpi_dataset *ds = support_load(KPI_FIXTURES "/../../examples/eksempel");
    kpi_figures *a = NULL, *b = NULL;
    kpi_compute_options only = {.rows_only = true};
    assert_int_equal(kpi_figures_compute(ds, (kpi_month){2026, 10}, NULL, &a),
                     KPI_OK);
    assert_int_equal(kpi_figures_compute(ds, (kpi_month){2026, 10}, &only, &b),
                     KPI_OK);
    assert_true(kpi_figures_disposition_count(a) > 0);
    assert_true(kpi_figures_open_case_count(a) > 0);
    assert_int_equal(kpi_figures_disposition_count(b), 0);
    assert_int_equal(kpi_figures_open_case_count(b), 0);
    size_t n = export_text(a, full, sizeof full);
    assert_true(n > 0);
    assert_int_equal(export_text(b, rows, sizeof rows), n);
    assert_memory_equal(full, rows, n);
    kpi_figures_free(a);
    kpi_figures_free(b);
    kpi_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_headline_rows),
        cmocka_unit_test(test_rows_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
