/* date.c - civil dates as day numbers (days since 1970-01-01).
 *
 * The conversion between year/month/day and a day number uses the
 * era-based arithmetic of the proleptic Gregorian calendar: a 400-year era
 * has exactly 146097 days, and counting years from 1 March puts the leap
 * day at the end of the counted year, which keeps the month arithmetic
 * linear. */
#include "base/internal.h"

#include <ctype.h>
#include <string.h>

bool kpi_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* The days of each month in a common year. */
static const int month_days[12] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};

int kpi_date_days_in_month(int year, int month)
{
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && kpi_date_is_leap(year))
        return 29;
    return month_days[month - 1];
}

int kpi_date_days_in_year(int year)
{
    return kpi_date_is_leap(year) ? 366 : 365;
}

static kpi_date days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;                                  /* [0, 399] */
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

kpi_status kpi_date_from_ymd(int year, int month, int day, kpi_date *out)
{
    /* kpi_date_days_in_month without its calls: the leap year is asked
     * only for 29 February (four dates a row of a million) */
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        (day > month_days[month - 1] &&
         !(month == 2 && day == 29 && kpi_date_is_leap(year))))
        return KPI_ERR_RANGE;
    *out = days_from_civil(year, month, day);
    return KPI_OK;
}

void kpi_date_to_ymd(kpi_date date, int *year, int *month, int *day)
{
    int z = date + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;                                   /* [0, 146096] */
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            /* [0, 365] */
    int mp = (5 * doy + 2) / 153;                                 /* [0, 11] */
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (m <= 2);
    *month = m;
    *day = d;
}

void kpi_date_format(kpi_date date, char buf[11])
{
    int y, m, d;
    kpi_date_to_ymd(date, &y, &m, &d);
    buf[0] = (char)('0' + y / 1000 % 10);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

int kpi_date_age(kpi_date birth, kpi_date on)
{
    if (on < birth)
        return -1;
    int by, bm, bd, oy, om, od;
    kpi_date_to_ymd(birth, &by, &bm, &bd);
    kpi_date_to_ymd(on, &oy, &om, &od);
    int age = oy - by;
    /* Comparing (month, day) pairs makes a 29 February birthday fall on
     * 1 March in other years: (2, 28) is still before (2, 29). */
    if (om < bm || (om == bm && od < bd))
        age--;
    return age;
}

/* Reads 1..maxdigits digits; returns how many were read (0 = none). */
static size_t read_number(const char *s, size_t len, size_t maxdigits,
                          int *out)
{
    size_t i = 0;
    int v = 0;
    while (i < len && i < maxdigits && isdigit((unsigned char)s[i])) {
        v = v * 10 + (s[i] - '0');
        i++;
    }
    if (i < len && i == maxdigits && isdigit((unsigned char)s[i]))
        return 0; /* too many digits */
    *out = v;
    return i;
}

static bool is_midnight_suffix(const char *s, size_t len)
{
    /* " 00:00:00", "T00:00:00", " 00:00", " 00.00.00" */
    if (len == 0)
        return true;
    if (s[0] != ' ' && s[0] != 'T')
        return false;
    s++;
    len--;
    for (size_t i = 0; i < len; i++)
        if (s[i] != '0' && s[i] != ':' && s[i] != '.')
            return false;
    return len == 5 || len == 8 || len == 12; /* 00:00, 00:00:00, .000 */
}

kpi_status kpi_date_parse(const char *text, size_t len, kpi_date *out)
{
    if (!text || !out)
        return KPI_ERR_ARG;
    if (len == (size_t)-1)
        len = strlen(text);
    while (len && isspace((unsigned char)text[0])) {
        text++;
        len--;
    }
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    int a, b, c;
    size_t na = read_number(text, len, 4, &a);
    if (na == 0 || na >= len)
        return KPI_ERR_INPUT;
    char sep = text[na];
    if (sep != '-' && sep != '.' && sep != '/')
        return KPI_ERR_INPUT;
    size_t pos = na + 1;
    size_t nb = read_number(text + pos, len - pos, 2, &b);
    if (nb == 0 || pos + nb >= len || text[pos + nb] != sep)
        return KPI_ERR_INPUT;
    pos += nb + 1;
    size_t nc = read_number(text + pos, len - pos, 4, &c);
    if (nc == 0)
        return KPI_ERR_INPUT;
    pos += nc;
    if (!is_midnight_suffix(text + pos, len - pos))
        return KPI_ERR_INPUT;
    int y, m, d;
    if (na == 4 && sep == '-' && nc <= 2) { /* 2026-10-31 */
        y = a;
        m = b;
        d = c;
    } else if (na <= 2 && nc == 4) { /* 31-10-2026, day first */
        d = a;
        m = b;
        y = c;
    } else {
        return KPI_ERR_INPUT;
    }
    return kpi_date_from_ymd(y, m, d, out);
}

kpi_status kpi_month_parse(const char *text, kpi_month *out)
{
    if (!text || !out)
        return KPI_ERR_ARG;
    if (strlen(text) != 7 || text[4] != '-')
        return KPI_ERR_INPUT;
    for (int i = 0; i < 7; i++)
        if (i != 4 && !isdigit((unsigned char)text[i]))
            return KPI_ERR_INPUT;
    int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 +
            (text[2] - '0') * 10 + (text[3] - '0');
    int m = (text[5] - '0') * 10 + (text[6] - '0');
    if (y < 1 || m < 1 || m > 12)
        return KPI_ERR_RANGE;
    out->year = y;
    out->month = m;
    return KPI_OK;
}

kpi_date kpi_month_first_day(kpi_month m)
{
    return days_from_civil(m.year, m.month, 1);
}

kpi_date kpi_month_last_day(kpi_month m)
{
    return days_from_civil(m.year, m.month,
                           kpi_date_days_in_month(m.year, m.month));
}

const char *kpi_month_name(int month)
{
    static const char *const names[12] = {
        "januar", "februar", "marts",     "april",   "maj",      "juni",
        "juli",   "august",  "september", "oktober", "november", "december"};
    return month >= 1 && month <= 12 ? names[month - 1] : "";
}
