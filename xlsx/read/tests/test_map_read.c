/* test_map_read.c - reading back the recipient map (kpi/read.h): kpi's
 * own map comes back as written; hand-made "edited" maps give the marks,
 * cadences and details typed into them; bad maps give the message a clerk
 * can act on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kpi/read.h"
#include "kpi/xlsx.h"
#include "mapnames.h"

#include "cells.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/kpi-mapread.XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

/* Every mark, cadence and detail of a and b agree. */
static void assert_maps_equal(const kpi_map *a, const kpi_map *b)
{
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++)
        for (int g = 0; g < KPI_GROUP_COUNT; g++) {
            const char *id = kpi_catalog_figure(i)->id;
            if (kpi_map_get(a, id, (kpi_group)g) !=
                kpi_map_get(b, id, (kpi_group)g))
                fail_msg("%s / %s differs", id,
                         kpi_group_code((kpi_group)g));
        }
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        assert_int_equal(kpi_map_cadence(a, (kpi_group)g),
                         kpi_map_cadence(b, (kpi_group)g));
        assert_int_equal(kpi_map_detail(a, (kpi_group)g),
                         kpi_map_detail(b, (kpi_group)g));
    }
}

/* kpi's map, read into a map whose every value differs, gives kpi's map:
 * so each value came from the file, not from the starting map. */
static void test_roundtrip(void **state)
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
    kpi_map *written = NULL, *read = NULL;
    assert_int_equal(kpi_map_new(NULL, &written), KPI_OK);
    /* Not the default: a mark off and one on, a cadence and a detail. */
    assert_int_equal(kpi_map_set(written, "placed_children",
                                 KPI_GROUP_FAGUDVALG, false),
                     KPI_OK);
    assert_int_equal(kpi_map_set(written, "data_quality",
                                 KPI_GROUP_DIREKTION, true),
                     KPI_OK);
    kpi_map_set_cadence(written, KPI_GROUP_DIREKTION, KPI_CADENCE_YEARLY);
    assert_int_equal(kpi_map_set_detail(written, KPI_GROUP_FAGCHEF,
                                        KPI_DETAIL_TOTALS),
                     KPI_OK);
    kpi_book_input in = {.dataset = ds, .figures = f, .month = m};
    char path[128];
    path_of(path, sizeof path, KPI_MAP_FILE);
    assert_int_equal(kpi_mapbook_write(written, &in, path, NULL, 0), KPI_OK);

    assert_int_equal(kpi_map_new(NULL, &read), KPI_OK);
    for (size_t i = 0; i < kpi_catalog_figure_count(); i++)
        for (int g = 0; g < KPI_GROUP_COUNT; g++) {
            const char *id = kpi_catalog_figure(i)->id;
            kpi_map_set(read, id, (kpi_group)g,
                        !kpi_map_get(written, id, (kpi_group)g));
        }
    for (int g = 0; g < KPI_GROUP_COUNT; g++) {
        kpi_group grp = (kpi_group)g;
        kpi_map_set_cadence(read, grp,
                            kpi_map_cadence(written, grp) ==
                                    KPI_CADENCE_MONTHLY
                                ? KPI_CADENCE_HALFYEARLY
                                : KPI_CADENCE_MONTHLY);
        kpi_map_set_detail(read, grp,
                           kpi_map_detail(written, grp) == KPI_DETAIL_TOTALS
                               ? KPI_DETAIL_BREAKDOWNS
                               : KPI_DETAIL_TOTALS);
    }
    char err[512];
    assert_int_equal(kpi_map_read(path, read, err, sizeof err), KPI_OK);
    assert_maps_equal(read, written);

    kpi_map_free(written);
    kpi_map_free(read);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(diags);
}

/* A hand-made map as a person might leave it: the header lower down,
 * the groups in another order and by code, marks typed as x, ja, 1, TRUE,
 * nej, a number 0; theme rows without a Kode. */
static void write_book(const char *path, const test_cell *figs, size_t nf,
                       const test_cell *groups, size_t ng)
{
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *a = workbook_add_worksheet(wb, KPI_MAP_SHEET_FIGURES);
    lxw_worksheet *b =
        groups ? workbook_add_worksheet(wb, KPI_MAP_SHEET_GROUPS) : NULL;
    test_cells_write(a, figs, nf);
    if (b)
        test_cells_write(b, groups, ng);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/* Rows and columns 0-based as libxlsxwriter counts; the messages say
 * row + 1. The figure header is on row 2 (row 3 in the messages). */
static const test_cell edited_figs[] = {
    {2, 0, "Nøgletal", 0},      {2, 1, "Kode", 0},
    {2, 2, "Sagsbehandler", 0}, {2, 3, "fagudvalg", 0},
    {2, 4, "Direktion", 0},     {2, 5, "Fagchef", 0},
    {2, 6, "Afdelingsleder", 0},
    {3, 0, "Faglig indsats og resultater", 0},
    /* placed_children: default ✓ for all but sagsbehandler. */
    {4, 1, "placed_children", 0}, {4, 2, "x", 0},   {4, 3, "nej", 0},
    {4, 4, NULL, 0},              {4, 5, "JA", 0},  {4, 6, KPI_MAP_MARK, 0},
    /* data_quality: default fagchef, afdelingsleder, sagsbehandler. */
    {5, 1, " data_quality ", 0}, {5, 3, NULL, 1},  {5, 4, "TRUE", 0},
};

static const test_cell edited_groups[] = {
    {0, 0, "Modtagergrupper", 0},
    {2, 0, "Modtagergruppe", 0},   {2, 1, "Kadence", 0},
    {2, 2, "Detaljeringsgrad", 0},
    {3, 0, "Fagudvalg", 0},        {3, 1, "månedlig", 0},
    {3, 2, "Kun totaler", 0},
    {4, 0, "afdelingsleder", 0},   {4, 1, "quarterly", 0},
    {4, 2, "breakdowns", 0},
};

static void test_edited(void **state)
{
    (void)state;
    char path[128], err[512];
    path_of(path, sizeof path, "edited.xlsx");
    write_book(path, edited_figs, sizeof edited_figs / sizeof *edited_figs,
               edited_groups, sizeof edited_groups / sizeof *edited_groups);
    kpi_map *map = NULL, *def = NULL;
    assert_int_equal(kpi_map_new(NULL, &map), KPI_OK);
    assert_int_equal(kpi_map_new(NULL, &def), KPI_OK);
    assert_int_equal(kpi_map_read(path, map, err, sizeof err), KPI_OK);

    assert_true(kpi_map_get(map, "placed_children", KPI_GROUP_SAGSBEHANDLER));
    assert_false(kpi_map_get(map, "placed_children", KPI_GROUP_FAGUDVALG));
    assert_false(kpi_map_get(map, "placed_children", KPI_GROUP_DIREKTION));
    assert_true(kpi_map_get(map, "placed_children", KPI_GROUP_FAGCHEF));
    assert_true(kpi_map_get(map, "placed_children",
                            KPI_GROUP_AFDELINGSLEDER));
    assert_true(kpi_map_get(map, "data_quality", KPI_GROUP_FAGUDVALG));
    assert_true(kpi_map_get(map, "data_quality", KPI_GROUP_DIREKTION));
    assert_false(kpi_map_get(map, "data_quality", KPI_GROUP_FAGCHEF));
    assert_false(kpi_map_get(map, "data_quality", KPI_GROUP_AFDELINGSLEDER));
    assert_false(kpi_map_get(map, "data_quality", KPI_GROUP_SAGSBEHANDLER));
    /* A figure without a row keeps the default marks. */
    for (int g = 0; g < KPI_GROUP_COUNT; g++)
        assert_int_equal(kpi_map_get(map, "spend", (kpi_group)g),
                         kpi_map_get(def, "spend", (kpi_group)g));
    assert_int_equal(kpi_map_cadence(map, KPI_GROUP_FAGUDVALG),
                     KPI_CADENCE_MONTHLY);
    assert_int_equal(kpi_map_detail(map, KPI_GROUP_FAGUDVALG),
                     KPI_DETAIL_TOTALS);
    assert_int_equal(kpi_map_cadence(map, KPI_GROUP_AFDELINGSLEDER),
                     KPI_CADENCE_QUARTERLY);
    assert_int_equal(kpi_map_detail(map, KPI_GROUP_AFDELINGSLEDER),
                     KPI_DETAIL_BREAKDOWNS);
    /* A group without a row keeps its default. */
    assert_int_equal(kpi_map_cadence(map, KPI_GROUP_DIREKTION),
                     kpi_map_cadence(def, KPI_GROUP_DIREKTION));
    kpi_map_free(map);
    kpi_map_free(def);
}

/* The edited map with one cell (row, col 0-based) replaced, read back:
 * the status and the whole message. */
static void expect_error(const test_cell *extra, const test_cell *gextra,
                         bool drop_group_col, const char *want)
{
    test_cell figs[64], groups[64];
    size_t nf = 0, ng = 0;
    for (size_t i = 0; i < sizeof edited_figs / sizeof *edited_figs; i++) {
        if (drop_group_col && edited_figs[i].col == 2)
            continue;
        if (extra && edited_figs[i].row == extra->row &&
            edited_figs[i].col == extra->col)
            continue;
        figs[nf++] = edited_figs[i];
    }
    if (extra)
        figs[nf++] = *extra;
    for (size_t i = 0; i < sizeof edited_groups / sizeof *edited_groups;
         i++) {
        if (gextra && edited_groups[i].row == gextra->row &&
            edited_groups[i].col == gextra->col)
            continue;
        groups[ng++] = edited_groups[i];
    }
    if (gextra)
        groups[ng++] = *gextra;
    char path[128], err[512];
    path_of(path, sizeof path, KPI_MAP_FILE);
    write_book(path, figs, nf, groups, ng);
    kpi_map *map = NULL;
    assert_int_equal(kpi_map_new(NULL, &map), KPI_OK);
    assert_int_equal(kpi_map_read(path, map, err, sizeof err), KPI_ERR_INPUT);
    assert_string_equal(err, want);
    kpi_map_free(map);
}

static void test_bad_mark(void **state)
{
    (void)state;
    test_cell c = {4, 4, "y", 0};
    expect_error(&c, NULL, false,
                 "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 5: column "
                 "'Direktion': 'y' is not a mark: write ✓ (or x) to give "
                 "placed_children to the group, or leave the cell empty");
    test_cell two = {5, 3, NULL, 2};
    expect_error(&two, NULL, false,
                 "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 6: column "
                 "'Fagudvalg': '2' is not a mark: write ✓ (or x) to give "
                 "data_quality to the group, or leave the cell empty");
}

static void test_unknown_code(void **state)
{
    (void)state;
    test_cell c = {5, 1, "data_qualty", 0};
    expect_error(&c, NULL, false,
                 "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 6: column "
                 "'Kode': 'data_qualty' is not a key figure of kpi: the codes "
                 "are kpi's own (placed_children, spend, ...) and must not be "
                 "changed");
    test_cell dup = {5, 1, "placed_children", 0};
    expect_error(&dup, NULL, false,
                 "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 6: column "
                 "'Kode': 'placed_children' is on row 5 too: give each key "
                 "figure one row");
}

static void test_missing_column(void **state)
{
    (void)state;
    expect_error(NULL, NULL, true,
                 "noegletal-modtagere.xlsx: sheet 'Nøgletal': row 3: column "
                 "'Sagsbehandler': missing: the map needs a column per "
                 "recipient group (Fagudvalg, Direktion, Fagchef, "
                 "Afdelingsleder, Sagsbehandler) in the header row");
}

/* A sheet whose header row has lost its key heading: what it needs. */
static void test_missing_heading(void **state)
{
    (void)state;
    const test_cell code = {2, 1, "Koder", 0};
    expect_error(&code, NULL, false,
                 "noegletal-modtagere.xlsx: sheet 'Nøgletal': no heading "
                 "'Kode': the map needs its header row with the column "
                 "'Kode' (the key figures' codes) and a column per "
                 "recipient group");
    const test_cell group = {2, 0, "Gruppe", 0};
    expect_error(NULL, &group, false,
                 "noegletal-modtagere.xlsx: sheet 'Modtagergrupper': no "
                 "heading 'Modtagergruppe': the sheet needs its header row "
                 "with the columns 'Modtagergruppe', 'Kadence' and "
                 "'Detaljeringsgrad'");
}

static void test_detail_too_fine(void **state)
{
    (void)state;
    test_cell d = {3, 2, "Alle fordelinger (også sagsbehandler, team og tilbud)",
                  0};
    char want[1024];
    snprintf(want, sizeof want,
             "noegletal-modtagere.xlsx: sheet 'Modtagergrupper': row 4: "
             "column 'Detaljeringsgrad': '%s' is more detail than Fagudvalg "
             "may see: Fagudvalg never sees single caseworkers, teams, "
             "providers or provider kinds (SPEC §7); choose '%s' or '%s'",
             d.text, kpi_detail_name(KPI_DETAIL_TOTALS),
             kpi_detail_name(KPI_DETAIL_BREAKDOWNS));
    expect_error(NULL, &d, false, want);
    test_cell c = {4, 1, "ugentlig", 0};
    expect_error(NULL, &c, false,
                 "noegletal-modtagere.xlsx: sheet 'Modtagergrupper': row 5: "
                 "column 'Kadence': 'ugentlig' is not a cadence: choose "
                 "Månedlig, Kvartalsvis, Halvårlig or Årlig");
}

static void test_missing_sheet(void **state)
{
    (void)state;
    char path[128], err[512];
    path_of(path, sizeof path, KPI_MAP_FILE);
    write_book(path, edited_figs, sizeof edited_figs / sizeof *edited_figs,
               NULL, 0);
    kpi_map *map = NULL;
    assert_int_equal(kpi_map_new(NULL, &map), KPI_OK);
    assert_int_equal(kpi_map_read(path, map, err, sizeof err), KPI_ERR_INPUT);
    assert_string_equal(err, "noegletal-modtagere.xlsx: no sheet "
                             "'Modtagergrupper': the map needs its sheets "
                             "'Nøgletal' and 'Modtagergrupper' as kpi wrote "
                             "them");
    kpi_map_free(map);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_edited),
        cmocka_unit_test(test_bad_mark),
        cmocka_unit_test(test_unknown_code),
        cmocka_unit_test(test_missing_column),
        cmocka_unit_test(test_missing_heading),
        cmocka_unit_test(test_detail_too_fine),
        cmocka_unit_test(test_missing_sheet),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
