/* test_period.c - the one formatter of periods (kpi_period_format,
 * kpi_period_text): the export's codes, the mails' and the workbooks'
 * Danish text, worked out by hand for October, January and December. */
#include "support.h"

static const char *fmt(kpi_period_kind kind, int year, int month,
                       kpi_period_style style)
{
    static char buf[64];
    kpi_month m = {year, month};
    kpi_status st = kpi_period_format(kind, m, style, buf, sizeof buf);
    assert_true(st == KPI_OK || st == KPI_ERR_NOT_AVAILABLE);
    return buf;
}

static void test_codes(void **state)
{
    (void)state;
    kpi_period_style c = KPI_PERIOD_STYLE_CODE;
    assert_string_equal(fmt(KPI_PERIOD_DAY, 2026, 10, c), "2026-10-31");
    assert_string_equal(fmt(KPI_PERIOD_DAY, 2024, 2, c), "2024-02-29");
    assert_string_equal(fmt(KPI_PERIOD_MONTH, 2026, 10, c), "2026-10");
    assert_string_equal(fmt(KPI_PERIOD_TO_DATE, 2026, 10, c),
                        "2026-01..2026-10");
    /* January to date is a range of one month, not the month. */
    assert_string_equal(fmt(KPI_PERIOD_TO_DATE, 2026, 1, c),
                        "2026-01..2026-01");
    assert_string_equal(fmt(KPI_PERIOD_YEAR, 2026, 10, c), "2026");
    assert_string_equal(fmt(KPI_PERIOD_REST, 2026, 10, c),
                        "2026-11..2026-12");
    assert_string_equal(fmt(KPI_PERIOD_NEXT_YEAR, 2026, 10, c), "2027");
    /* December has no rest of the year. */
    char buf[32] = "x";
    assert_int_equal(kpi_period_format(KPI_PERIOD_REST, (kpi_month){2026, 12},
                                       c, buf, sizeof buf),
                     KPI_ERR_NOT_AVAILABLE);
    assert_string_equal(buf, "");
    assert_int_equal(kpi_period_format(KPI_PERIOD_NONE, (kpi_month){2026, 12},
                                       c, buf, sizeof buf),
                     KPI_ERR_NOT_AVAILABLE);
}

static void test_danish(void **state)
{
    (void)state;
    kpi_period_style t = KPI_PERIOD_STYLE_TEXT, w = KPI_PERIOD_STYLE_WORKBOOK;
    assert_string_equal(fmt(KPI_PERIOD_DAY, 2026, 10, t), "31.10.2026");
    assert_string_equal(fmt(KPI_PERIOD_DAY, 2026, 10, w), "31-10-2026");
    assert_string_equal(fmt(KPI_PERIOD_MONTH, 2026, 10, t), "oktober 2026");
    assert_string_equal(fmt(KPI_PERIOD_MONTH, 2026, 10, w), "oktober 2026");
    assert_string_equal(fmt(KPI_PERIOD_TO_DATE, 2026, 10, t),
                        "januar-oktober 2026");
    /* An en dash (U+2013, E2 80 93) in the workbooks. */
    assert_string_equal(fmt(KPI_PERIOD_TO_DATE, 2026, 10, w),
                        "januar\xE2\x80\x93oktober 2026");
    /* January to date: the workbooks write the month, the mails the
     * range as it is. */
    assert_string_equal(fmt(KPI_PERIOD_TO_DATE, 2026, 1, w), "januar 2026");
    assert_string_equal(fmt(KPI_PERIOD_TO_DATE, 2026, 1, t),
                        "januar-januar 2026");
    assert_string_equal(fmt(KPI_PERIOD_YEAR, 2026, 10, t), "2026");
    assert_string_equal(fmt(KPI_PERIOD_REST, 2026, 10, w),
                        "november\xE2\x80\x93"
                        "december 2026");
}

static void test_text_of_codes(void **state)
{
    (void)state;
    char buf[64];
    kpi_period_style t = KPI_PERIOD_STYLE_TEXT;
    assert_int_equal(kpi_period_text("2026-10-31", t, buf, sizeof buf),
                     KPI_OK);
    assert_string_equal(buf, "31.10.2026");
    assert_int_equal(kpi_period_text("2025-03", t, buf, sizeof buf), KPI_OK);
    assert_string_equal(buf, "marts 2025");
    /* A range over the turn of a year names both years. */
    assert_int_equal(kpi_period_text("2025-11..2026-01", t, buf, sizeof buf),
                     KPI_OK);
    assert_string_equal(buf, "november 2025-januar 2026");
    assert_int_equal(kpi_period_text("2025-11..2026-01",
                                     KPI_PERIOD_STYLE_WORKBOOK, buf,
                                     sizeof buf),
                     KPI_OK);
    assert_string_equal(buf, "november 2025\xE2\x80\x93januar 2026");
    assert_int_equal(kpi_period_text("2026", t, buf, sizeof buf), KPI_OK);
    assert_string_equal(buf, "2026");
    /* Codes round-trip. */
    const char *codes[] = {"2026-10-31", "2026-10", "2026-01..2026-01",
                           "2026"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        assert_int_equal(kpi_period_text(codes[i], KPI_PERIOD_STYLE_CODE, buf,
                                         sizeof buf),
                         KPI_OK);
        assert_string_equal(buf, codes[i]);
    }
    /* Not a period: as it is. */
    assert_int_equal(kpi_period_text("total", t, buf, sizeof buf),
                     KPI_ERR_INPUT);
    assert_string_equal(buf, "total");
    assert_int_equal(kpi_period_text("2026-02-30", t, buf, sizeof buf),
                     KPI_ERR_INPUT);
    assert_string_equal(buf, "2026-02-30");
}

static void test_errors_and_truncation(void **state)
{
    (void)state;
    char buf[8];
    kpi_month m = {2026, 10};
    assert_int_equal(kpi_period_format(KPI_PERIOD_TO_DATE, m,
                                       KPI_PERIOD_STYLE_CODE, buf, sizeof buf),
                     KPI_ERR_RANGE);
    assert_string_equal(buf, "2026-01");
    assert_int_equal(kpi_period_format(KPI_PERIOD_DAY, (kpi_month){2026, 13},
                                       KPI_PERIOD_STYLE_CODE, buf, sizeof buf),
                     KPI_ERR_ARG);
    assert_int_equal(kpi_period_format(KPI_PERIOD_DAY, m,
                                       KPI_PERIOD_STYLE_CODE, NULL, 8),
                     KPI_ERR_ARG);
    assert_int_equal(kpi_period_text(NULL, KPI_PERIOD_STYLE_CODE, buf,
                                     sizeof buf),
                     KPI_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_danish),
        cmocka_unit_test(test_text_of_codes),
        cmocka_unit_test(test_errors_and_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
