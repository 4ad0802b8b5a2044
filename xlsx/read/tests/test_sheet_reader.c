/* test_sheet_reader.c - the .xlsx and .csv back ends of kpi/read.h on
 * workbooks written by libxlsxwriter (an independent writer), and damaged
 * input. The .xls back end is exercised by roundtrip.sh (LibreOffice
 * writes the .xls files) and by its fuzz target. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sheet_internal.h"

#include <stdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void test_xlsx_cell_types(void **state)
{
    (void)state;
    char path[] = "/tmp/kpi-sheet-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    workbook_add_worksheet(wb, "Forside");
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Økonomi 2026");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd-mm-yyyy");
    lxw_format *builtin = workbook_add_format(wb);
    format_set_num_format_index(builtin, 14);
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00\\ \"kr.\"");
    worksheet_write_string(ws, 0, 0, "Helårspersoner", NULL);
    worksheet_write_number(ws, 1, 2, 1234.5, money);
    worksheet_write_boolean(ws, 2, 0, 1, NULL);
    /* 46022 is 2025-12-31 in the 1900 system (25569 = 1970-01-01, and
     * 2025-12-31 is day 20453 after it). */
    worksheet_write_number(ws, 3, 0, 46022, date);
    worksheet_write_number(ws, 3, 1, 46022, builtin);
    worksheet_write_formula_num(ws, 4, 0, "=C2/12", NULL, 102.875);
    worksheet_write_formula_str(ws, 4, 1, "=A1", NULL, "Helårspersoner");
    worksheet_write_string(ws, 27, 27, "AB28", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets *book = NULL;
    assert_int_equal(kpi_sheets_open(path, NULL, &book, d), KPI_OK);
    unlink(path);
    assert_int_equal(kpi_sheets_count(book), 2);
    const kpi_sheet *s = kpi_sheets_get(book, 1);
    assert_string_equal(s->name, "Økonomi 2026");
    assert_int_equal(s->n_cells, 8);
    const kpi_cell *c = kpi_sheet_find(s, 1, 1);
    assert_int_equal(c->type, KPI_CELL_TEXT);
    assert_string_equal(c->text, "Helårspersoner");
    c = kpi_sheet_find(s, 2, 3);
    assert_int_equal(c->type, KPI_CELL_NUMBER); /* "kr." is quoted text */
    assert_true(c->number == 1234.5);
    c = kpi_sheet_find(s, 3, 1);
    assert_int_equal(c->type, KPI_CELL_BOOL);
    assert_true(c->number == 1);
    kpi_date want;
    assert_int_equal(kpi_date_from_ymd(2025, 12, 31, &want), KPI_OK);
    for (uint32_t col = 1; col <= 2; col++) {
        c = kpi_sheet_find(s, 4, col);
        assert_int_equal(c->type, KPI_CELL_DATE);
        assert_int_equal(c->date, want);
    }
    c = kpi_sheet_find(s, 5, 1);
    assert_int_equal(c->type, KPI_CELL_NUMBER);
    assert_true(c->formula);
    assert_true(c->number == 102.875);
    c = kpi_sheet_find(s, 5, 2);
    assert_int_equal(c->type, KPI_CELL_TEXT);
    assert_string_equal(c->text, "Helårspersoner");
    c = kpi_sheet_find(s, 28, 28);
    assert_non_null(c);
    char name[16];
    kpi_cell_name(c->row, c->col, name);
    assert_string_equal(name, "AB28");
    assert_null(kpi_sheet_find(s, 2, 1));
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
}

static void test_damaged_zip(void **state)
{
    (void)state;
    static const char junk[] = "PK\x03\x04 this is not a zip archive";
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets *book = NULL;
    kpi_sheets_options o = {0};
    o.label = "budget.xlsx";
    assert_int_equal(kpi_sheets_open_buffer(junk, sizeof junk - 1, &o, &book,
                                            d),
                     KPI_ERR_INPUT);
    assert_null(book);
    assert_int_equal(kpi_diagnostics_error_count(d), 1);
    const kpi_diagnostic *x = kpi_diagnostics_get(d, 0);
    assert_string_equal(x->file, "budget.xlsx");
    assert_non_null(strstr(x->message, "save it again as .xlsx"));
    kpi_diagnostics_free(d);
}

static void test_csv_as_sheet(void **state)
{
    (void)state;
    static const char csv[] = "Konto;Budget\n;\nPraktiktilbud;\"1.000,50\"\n";
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_sheets *book = NULL;
    assert_int_equal(kpi_sheets_open_buffer(csv, sizeof csv - 1, NULL, &book,
                                            d),
                     KPI_OK);
    assert_int_equal(kpi_sheets_format_of(book), KPI_SHEETS_CSV);
    const kpi_sheet *s = kpi_sheets_get(book, 0);
    /* Row = physical line: the empty record on line 2 is skipped. */
    const kpi_cell *c = kpi_sheet_find(s, 3, 2);
    assert_non_null(c);
    assert_int_equal(c->type, KPI_CELL_TEXT);
    assert_string_equal(c->text, "1.000,50");
    assert_int_equal(s->n_cells, 4);
    kpi_sheets_free(book);
    kpi_diagnostics_free(d);
}

static void test_biff_scan_rejects_garbage(void **state)
{
    (void)state;
    unsigned char buf[1024];
    memset(buf, 0, sizeof buf);
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0,
                                         0xA1, 0xB1, 0x1A, 0xE1};
    memcpy(buf, sig, 8);
    kpi_biff_formulas f;
    /* Sector shift 0 is not 9 or 12. */
    assert_int_equal(kpi_biff_find_formulas(NULL, buf, sizeof buf, &f),
                     KPI_ERR_INPUT);
    buf[0x1E] = 9;
    buf[0x30] = 0xFE; /* directory at ENDOFCHAIN: no Workbook stream */
    buf[0x31] = 0xFF;
    buf[0x32] = 0xFF;
    buf[0x33] = 0xFF;
    assert_int_equal(kpi_biff_find_formulas(NULL, buf, sizeof buf, &f),
                     KPI_ERR_INPUT);
    assert_int_equal(f.count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xlsx_cell_types),
        cmocka_unit_test(test_damaged_zip),
        cmocka_unit_test(test_csv_as_sheet),
        cmocka_unit_test(test_biff_scan_rejects_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
