/* test_date.c - civil dates: leap years, month ends, parsing the formats
 * Danish exports use, ages. */
#include "support.h"

static void leap_years(void **state)
{
    (void)state;
    assert_true(kpi_date_is_leap(2024));
    assert_false(kpi_date_is_leap(2026));
    assert_false(kpi_date_is_leap(1900)); /* divisible by 100 */
    assert_true(kpi_date_is_leap(2000));  /* divisible by 400 */
    assert_int_equal(kpi_date_days_in_month(2024, 2), 29);
    assert_int_equal(kpi_date_days_in_month(2026, 2), 28);
    assert_int_equal(kpi_date_days_in_month(2026, 4), 30);
    assert_int_equal(kpi_date_days_in_month(2026, 13), 0);
    assert_int_equal(kpi_date_days_in_year(2024), 366);
    assert_int_equal(kpi_date_days_in_year(2026), 365);
}

static void day_numbers(void **state)
{
    (void)state;
    kpi_date d;
    /* The epoch is day 0; 2000-03-01 is 11017 days later:
     * 30 years 1970..1999 = 30*365 + 7 leap days (72 76 80 84 88 92 96)
     * = 10957, plus January (31) and February 2000 (29) = 11017. */
    assert_int_equal(kpi_date_from_ymd(1970, 1, 1, &d), KPI_OK);
    assert_int_equal(d, 0);
    assert_int_equal(kpi_date_from_ymd(2000, 3, 1, &d), KPI_OK);
    assert_int_equal(d, 11017);
    /* Round trips over four whole years, leap day included. */
    kpi_date start = D("2023-01-01");
    for (kpi_date x = start; x < start + 4 * 366; x++) {
        int y, m, dd;
        kpi_date back;
        kpi_date_to_ymd(x, &y, &m, &dd);
        assert_int_equal(kpi_date_from_ymd(y, m, dd, &back), KPI_OK);
        assert_int_equal(back, x);
    }
    assert_int_equal(D("2024-03-01") - D("2024-02-28"), 2);
    assert_int_equal(D("2026-03-01") - D("2026-02-28"), 1);
    assert_int_equal(kpi_date_from_ymd(2026, 2, 29, &d), KPI_ERR_RANGE);
    assert_int_equal(kpi_date_from_ymd(2026, 4, 31, &d), KPI_ERR_RANGE);
}

static void parsing(void **state)
{
    (void)state;
    kpi_date want = D("2026-10-31"), d;
    const char *same[] = {"2026-10-31", "31-10-2026", "31.10.2026",
                          "31/10/2026", " 31-10-2026 ", "2026-10-31 00:00:00",
                          "31.10.2026 00:00"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
        assert_int_equal(kpi_date_parse(same[i], (size_t)-1, &d), KPI_OK);
        assert_int_equal(d, want);
    }
    assert_int_equal(kpi_date_parse("1.2.2026", (size_t)-1, &d), KPI_OK);
    assert_int_equal(d, D("2026-02-01")); /* day first: 1 February */
    /* Month first is not a Danish date: the 31st month does not exist. */
    assert_int_equal(kpi_date_parse("10/31/2026", (size_t)-1, &d),
                     KPI_ERR_RANGE);
    assert_int_equal(kpi_date_parse("31-02-2026", (size_t)-1, &d),
                     KPI_ERR_RANGE);
    assert_int_equal(kpi_date_parse("29-02-2024", (size_t)-1, &d), KPI_OK);
    const char *bad[] = {"", "2026", "2026-10", "31-10-26", "31 10 2026",
                         "2026-10-31x", "31-10.2026", "abc",
                         "2026-10-31 12:00:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(kpi_date_parse(bad[i], (size_t)-1, &d),
                         KPI_ERR_INPUT);
    char buf[11];
    kpi_date_format(D("29.02.2024"), buf);
    assert_string_equal(buf, "2024-02-29");
}

static void ages(void **state)
{
    (void)state;
    /* Completed years: the birthday itself completes the year. */
    assert_int_equal(kpi_date_age(D("2011-10-31"), D("2026-10-30")), 14);
    assert_int_equal(kpi_date_age(D("2011-10-31"), D("2026-10-31")), 15);
    assert_int_equal(kpi_date_age(D("2026-10-31"), D("2026-10-31")), 0);
    assert_int_equal(kpi_date_age(D("2026-11-01"), D("2026-10-31")), -1);
    /* Born on a leap day: in 2026 the year completes on 1 March. */
    assert_int_equal(kpi_date_age(D("2008-02-29"), D("2026-02-28")), 17);
    assert_int_equal(kpi_date_age(D("2008-02-29"), D("2026-03-01")), 18);
    assert_int_equal(kpi_date_age(D("2008-02-29"), D("2028-02-29")), 20);
}

static void months(void **state)
{
    (void)state;
    kpi_month m;
    assert_int_equal(kpi_month_parse("2024-02", &m), KPI_OK);
    assert_int_equal(m.year, 2024);
    assert_int_equal(m.month, 2);
    assert_int_equal(kpi_month_last_day(m), D("2024-02-29"));
    assert_int_equal(kpi_month_first_day(m), D("2024-02-01"));
    assert_int_equal(kpi_month_parse("2024-13", &m), KPI_ERR_RANGE);
    assert_int_equal(kpi_month_parse("2024-1", &m), KPI_ERR_INPUT);
    assert_int_equal(kpi_month_parse("10-2024", &m), KPI_ERR_INPUT);
}

static void month_names(void **state)
{
    (void)state;
    assert_string_equal(kpi_month_name(1), "januar");
    assert_string_equal(kpi_month_name(3), "marts");
    assert_string_equal(kpi_month_name(5), "maj");
    assert_string_equal(kpi_month_name(10), "oktober");
    assert_string_equal(kpi_month_name(12), "december");
    assert_string_equal(kpi_month_name(0), "");
    assert_string_equal(kpi_month_name(13), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(leap_years), cmocka_unit_test(day_numbers),
        cmocka_unit_test(parsing),    cmocka_unit_test(ages),
        cmocka_unit_test(months),     cmocka_unit_test(month_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
