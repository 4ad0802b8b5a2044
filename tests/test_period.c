/* test_period.c - the one formatter of periods (kpi_period_format,
 * kpi_period_text): the export's codes, the mails' and the workbooks'
 * Danish text, worked out by hand for October, January and December;
 * and the one expander of placeholders (kpi_period_expand). */
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

/* A caller's own placeholder for the expander tests: {who}. */
static const char *who(const char *key, size_t len, void *ctx)
{
    return len == 3 && !memcmp(key, "who", 3) ? (const char *)ctx : NULL;
}

/* Every period placeholder, worked out by hand for October 2026 (and
 * December, which has no rest of the year); the caller's own after them;
 * unknown ones and a lone '{' as written. */
static void test_expand(void **state)
{
    (void)state;
    char buf[512];
    size_t n = 0;
    kpi_month oct = {2026, 10};
    assert_int_equal(
        kpi_period_expand("{year} {prev_year} {prev2_year} {next_year} "
                          "{month} {to_date} {rest} {as_of_iso}",
                          oct, NULL, NULL, buf, sizeof buf, &n),
        KPI_OK);
    assert_string_equal(buf, "2026 2025 2024 2027 2026-10 2026-01..2026-10 "
                             "2026-11..2026-12 2026-10-31");
    assert_int_equal(n, strlen(buf));
    assert_int_equal(kpi_period_expand("{as_of}|{month_name}|{to_date_name}",
                                       oct, NULL, NULL, buf, sizeof buf, NULL),
                     KPI_OK);
    assert_string_equal(
        buf, "31-10-2026|oktober 2026|januar\xE2\x80\x93oktober 2026");
    /* A year earlier: October 2025; its to date January..October 2025;
     * the last day of February 2024 (a leap year) a year before
     * February 2025's is the 29th. */
    assert_int_equal(
        kpi_period_expand("{month_last_year} {to_date_last_year} "
                          "{as_of_iso_last_year} {as_of_last_year}|"
                          "{month_name_last_year}|{to_date_name_last_year}",
                          oct, NULL, NULL, buf, sizeof buf, NULL),
        KPI_OK);
    assert_string_equal(buf, "2025-10 2025-01..2025-10 2025-10-31 31-10-2025|"
                             "oktober 2025|januar\xE2\x80\x93oktober 2025");
    assert_int_equal(kpi_period_expand("{as_of_iso_last_year}",
                                       (kpi_month){2025, 2}, NULL, NULL, buf,
                                       sizeof buf, NULL),
                     KPI_OK);
    assert_string_equal(buf, "2024-02-29");
    assert_int_equal(kpi_period_expand("[{rest}]", (kpi_month){2026, 12}, NULL,
                                       NULL, buf, sizeof buf, NULL),
                     KPI_OK);
    assert_string_equal(buf, "[]");
    char anne[] = "Anne";
    assert_int_equal(kpi_period_expand("{who}, {year}: {nope} {{year}} {x", oct,
                                       who, anne, buf, sizeof buf, NULL),
                     KPI_OK);
    assert_string_equal(buf, "Anne, 2026: {nope} {2026} {x");
}

/* Cut short like snprintf, and measured with no buffer. */
static void test_expand_truncation(void **state)
{
    (void)state;
    char buf[8];
    size_t n = 0;
    kpi_month oct = {2026, 10};
    assert_int_equal(
        kpi_period_expand("pr. {as_of}", oct, NULL, NULL, buf, sizeof buf, &n),
        KPI_ERR_RANGE);
    assert_string_equal(buf, "pr. 31-");
    assert_int_equal(n, 14); /* "pr. " and "31-10-2026" */
    n = 0;
    assert_int_equal(
        kpi_period_expand("pr. {as_of}", oct, NULL, NULL, NULL, 0, &n),
        KPI_ERR_RANGE);
    assert_int_equal(n, 14);
    assert_int_equal(kpi_period_expand("pr. {as_of}", (kpi_month){2026, 13},
                                       NULL, NULL, buf, sizeof buf, &n),
                     KPI_ERR_ARG);
    assert_string_equal(buf, "");
    assert_int_equal(n, 0);
    assert_int_equal(
        kpi_period_expand(NULL, oct, NULL, NULL, buf, sizeof buf, NULL),
        KPI_ERR_ARG);
    assert_int_equal(kpi_period_expand("x", oct, NULL, NULL, NULL, 8, NULL),
                     KPI_ERR_ARG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_danish),
        cmocka_unit_test(test_text_of_codes),
        cmocka_unit_test(test_errors_and_truncation),
        cmocka_unit_test(test_expand),
        cmocka_unit_test(test_expand_truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
