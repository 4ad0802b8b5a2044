/* danish.c - Danish number and period text for the mails (danish.h); the
 * month and status names are libkpi's (kpi_month_name,
 * kpi_target_status_name). */
#include "danish.h"

#include <math.h>
#include <stdio.h>

/* Digits of |v| with thousands dots, into buf (reversed building). */
static void group_digits(uint64_t v, char *buf, size_t size)
{
    char tmp[32];
    size_t n = 0;
    int digits = 0;
    do {
        if (digits && digits % 3 == 0)
            tmp[n++] = '.';
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
        digits++;
    } while (v);
    size_t i = 0;
    for (; i < n && i + 1 < size; i++)
        buf[i] = tmp[n - 1 - i];
    if (size)
        buf[i] = '\0';
}

void kpi_danish_integer(int64_t v, char *buf, size_t size)
{
    if (!size)
        return;
    /* The magnitude as unsigned, so INT64_MIN does not overflow. */
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char digits[32];
    group_digits(mag, digits, sizeof digits);
    snprintf(buf, size, "%s%s", v < 0 ? "-" : "", digits);
}

/* x with one decimal and a decimal comma: 1234.56 -> "1.234,6". */
static void one_decimal(double x, char *buf, size_t size)
{
    if (!isfinite(x) || fabs(x) > 9e17) {
        snprintf(buf, size, "-");
        return;
    }
    long long tenths = llround(x * 10.0);
    uint64_t mag =
        tenths < 0 ? (uint64_t)0 - (uint64_t)tenths : (uint64_t)tenths;
    char whole[32];
    group_digits(mag / 10, whole, sizeof whole);
    snprintf(buf, size, "%s%s,%u", tenths < 0 ? "-" : "", whole,
             (unsigned)(mag % 10));
}

void kpi_danish_value(const kpi_row *row, kpi_headline_format format, char *buf,
                      size_t size)
{
    if (!size)
        return;
    const char *days = format == KPI_HEADLINE_DAYS ? " dage" : "";
    char num[48];
    switch (row->kind) {
    case KPI_VALUE_MONEY:
        /* An amount is whole kroner whatever the format; half away from
         * zero, as everywhere in kpi. */
        kpi_danish_integer(kpi_div_round(row->integer, 100), num, sizeof num);
        snprintf(buf, size, "%s kr.", num);
        return;
    case KPI_VALUE_COUNT:
        kpi_danish_integer(row->integer, num, sizeof num);
        snprintf(buf, size, "%s%s", num, days);
        return;
    case KPI_VALUE_REAL:
        if (format == KPI_HEADLINE_PERCENT) {
            one_decimal(row->real * 100.0, num, sizeof num);
            snprintf(buf, size, "%s %%", num);
        } else {
            one_decimal(row->real, num, sizeof num);
            snprintf(buf, size, "%s%s", num, days);
        }
        return;
    case KPI_VALUE_TEXT: {
        kpi_target_status st = kpi_row_target_status(row);
        if (st != KPI_TARGET_NONE)
            kpi_danish_status(st, buf, size);
        else
            snprintf(buf, size, "%s", row->text ? row->text : "");
        return;
    }
    }
    snprintf(buf, size, "-");
}

void kpi_danish_status(kpi_target_status s, char *buf, size_t size)
{
    /* libkpi's Danish name in lower case, as running text writes it
     * ("Rød" -> "rød"; every name starts with an ASCII letter). */
    snprintf(buf, size, "%s", kpi_target_status_name(s));
    if (size && *buf >= 'A' && *buf <= 'Z')
        *buf = (char)(*buf - 'A' + 'a');
}
