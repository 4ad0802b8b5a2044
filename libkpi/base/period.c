/* period.c - the periods of a report month and the one formatter of
 * periods (kpi.h): the export's codes, the mails' and the workbooks'
 * Danish text; and the period placeholders ({year}, {as_of}, ...) with
 * the one expander of placeholders in labels, workbook texts and file
 * names. */
#include "base/internal.h"

#include <stdio.h>

/* A period as a span: one day, one month, the months first..last (a
 * range, even of one month: "2026-01..2026-01" is January to date), or a
 * whole year ("2026", not "2026-01..2026-12"). */
typedef enum span_unit { SPAN_DAY, SPAN_MONTH, SPAN_MONTHS, SPAN_YEAR } span_unit;

typedef struct span {
    span_unit unit;
    int year, month, day;      /* the day, month or year; SPAN_MONTHS: first */
    int last_year, last_month; /* SPAN_MONTHS: the last month */
} span;

static bool month_ok(kpi_month m)
{
    return m.year >= 1 && m.year <= 9999 && m.month >= 1 && m.month <= 12;
}

static span months(int y0, int m0, int y1, int m1)
{
    span s = {SPAN_MONTHS, y0, m0, 1, y1, m1};
    return s;
}

static span one_month(int y, int m)
{
    span s = {SPAN_MONTH, y, m, 1, y, m};
    return s;
}

/* The span of `kind` of report month m; false when there is none. */
static bool span_of(kpi_period_kind kind, kpi_month m, span *out)
{
    switch (kind) {
    case KPI_PERIOD_DAY:
        *out = (span){SPAN_DAY, m.year, m.month,
                      kpi_date_days_in_month(m.year, m.month), 0, 0};
        return true;
    case KPI_PERIOD_MONTH:
        *out = one_month(m.year, m.month);
        return true;
    case KPI_PERIOD_TO_DATE:
        *out = months(m.year, 1, m.year, m.month);
        return true;
    case KPI_PERIOD_REST:
        if (m.month >= 12)
            return false;
        *out = months(m.year, m.month + 1, m.year, 12);
        return true;
    case KPI_PERIOD_YEAR:
    case KPI_PERIOD_NEXT_YEAR:
        *out = (span){SPAN_YEAR, m.year + (kind == KPI_PERIOD_NEXT_YEAR), 1,
                      1, 0, 0};
        return out->year <= 9999;
    case KPI_PERIOD_NONE:
        break;
    }
    return false;
}

/* Digits at s[0..n), all of them; the number in *out. */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* "YYYY-MM" at s. */
static bool parse_month(const char *s, int *y, int *m)
{
    return digits(s, 4, y) && s[4] == '-' && digits(s + 5, 2, m) && *y >= 1 &&
           *m >= 1 && *m <= 12;
}

/* The span of an export code: "2026-10-31", "2026-10",
 * "2026-01..2026-10", "2026". */
static bool span_parse(const char *code, span *out)
{
    size_t len = strlen(code);
    span s = {SPAN_YEAR, 0, 1, 1, 0, 0};
    if (len == 4 && digits(code, 4, &s.year) && s.year >= 1) {
        *out = s;
        return true;
    }
    if (len == 7 && parse_month(code, &s.year, &s.month)) {
        *out = one_month(s.year, s.month);
        return true;
    }
    if (len == 10 && parse_month(code, &s.year, &s.month) && code[7] == '-' &&
        digits(code + 8, 2, &s.day)) {
        kpi_date d;
        if (kpi_date_from_ymd(s.year, s.month, s.day, &d) != KPI_OK)
            return false;
        s.unit = SPAN_DAY;
        *out = s;
        return true;
    }
    if (len == 16 && parse_month(code, &s.year, &s.month) &&
        code[7] == '.' && code[8] == '.' &&
        parse_month(code + 9, &s.last_year, &s.last_month)) {
        *out = months(s.year, s.month, s.last_year, s.last_month);
        return true;
    }
    return false;
}

/* The Danish text of a span: "31.10.2026" (TEXT) or "31-10-2026"
 * (WORKBOOK), "oktober 2026", "januar-oktober 2026" (TEXT) or
 * "januar–oktober 2026" (WORKBOOK, which writes a range of one month as
 * that month), "2026". The mails have always written the year without
 * leading zeros, the workbooks with four digits. */
static void span_danish(const span *s, bool book, char *buf, size_t size)
{
    const char *sep = book ? "\xE2\x80\x93" : "-"; /* en dash */
    const char *a = kpi_month_name(s->month);
    const char *b = kpi_month_name(s->last_month);
    char y0[8], y1[8];
    snprintf(y0, sizeof y0, book ? "%04d" : "%d", s->year % 10000);
    snprintf(y1, sizeof y1, book ? "%04d" : "%d", s->last_year % 10000);
    switch (s->unit) {
    case SPAN_DAY:
        snprintf(buf, size, "%02d%s%02d%s%04d", s->day, book ? "-" : ".",
                 s->month, book ? "-" : ".", s->year);
        return;
    case SPAN_MONTH:
        snprintf(buf, size, "%s %s", a, y0);
        return;
    case SPAN_MONTHS:
        if (book && s->year == s->last_year && s->month == s->last_month)
            snprintf(buf, size, "%s %s", a, y0); /* as the month */
        else if (s->year == s->last_year)
            snprintf(buf, size, "%s%s%s %s", a, sep, b, y0);
        else
            snprintf(buf, size, "%s %s%s%s %s", a, y0, sep, b, y1);
        return;
    case SPAN_YEAR:
        snprintf(buf, size, "%04d", s->year);
        return;
    }
}

static void span_code(const span *s, char *buf, size_t size)
{
    switch (s->unit) {
    case SPAN_DAY:
        snprintf(buf, size, "%04d-%02d-%02d", s->year, s->month, s->day);
        return;
    case SPAN_MONTH:
        snprintf(buf, size, "%04d-%02d", s->year, s->month);
        return;
    case SPAN_MONTHS:
        snprintf(buf, size, "%04d-%02d..%04d-%02d", s->year, s->month,
                 s->last_year, s->last_month);
        return;
    case SPAN_YEAR:
        snprintf(buf, size, "%04d", s->year);
        return;
    }
}

static kpi_status span_format(const span *s, kpi_period_style style,
                              char *buf, size_t size)
{
    /* Through a roomy buffer, so that a short one is reported as
     * truncated. */
    char tmp[96];
    if (style == KPI_PERIOD_STYLE_CODE)
        span_code(s, tmp, sizeof tmp);
    else
        span_danish(s, style == KPI_PERIOD_STYLE_WORKBOOK, tmp, sizeof tmp);
    size_t n = strlen(tmp);
    if (n < size) {
        memcpy(buf, tmp, n + 1);
        return KPI_OK;
    }
    memcpy(buf, tmp, size - 1);
    buf[size - 1] = '\0';
    return KPI_ERR_RANGE;
}

static bool style_ok(kpi_period_style style)
{
    return (int)style >= KPI_PERIOD_STYLE_CODE &&
           (int)style <= KPI_PERIOD_STYLE_WORKBOOK;
}

kpi_status kpi_period_format(kpi_period_kind kind, kpi_month m,
                             kpi_period_style style, char *buf, size_t size)
{
    if (!buf || !size || !style_ok(style) || !month_ok(m) ||
        (int)kind < KPI_PERIOD_NONE || (int)kind > KPI_PERIOD_NEXT_YEAR)
        return KPI_ERR_ARG;
    buf[0] = '\0';
    span s;
    if (!span_of(kind, m, &s))
        return KPI_ERR_NOT_AVAILABLE;
    return span_format(&s, style, buf, size);
}

kpi_status kpi_period_text(const char *code, kpi_period_style style,
                           char *buf, size_t size)
{
    if (!code || !buf || !size || !style_ok(style))
        return KPI_ERR_ARG;
    span s;
    if (span_parse(code, &s))
        return span_format(&s, style, buf, size);
    snprintf(buf, size, "%s", code);
    return strlen(code) < size ? KPI_ERR_INPUT : KPI_ERR_RANGE;
}

/* What each period placeholder stands for (kpi_period_expand): a period
 * of the report month, moved by whole years for {prev_year}, in a style. */
static const struct placeholder {
    const char *name;
    kpi_period_kind kind;
    kpi_period_style style;
    int years; /* added to the report month's year */
} placeholders[] = {
    {"year", KPI_PERIOD_YEAR, KPI_PERIOD_STYLE_CODE, 0},
    {"prev_year", KPI_PERIOD_YEAR, KPI_PERIOD_STYLE_CODE, -1},
    {"prev2_year", KPI_PERIOD_YEAR, KPI_PERIOD_STYLE_CODE, -2},
    {"next_year", KPI_PERIOD_NEXT_YEAR, KPI_PERIOD_STYLE_CODE, 0},
    {"month", KPI_PERIOD_MONTH, KPI_PERIOD_STYLE_CODE, 0},
    {"to_date", KPI_PERIOD_TO_DATE, KPI_PERIOD_STYLE_CODE, 0},
    {"rest", KPI_PERIOD_REST, KPI_PERIOD_STYLE_CODE, 0},
    {"as_of_iso", KPI_PERIOD_DAY, KPI_PERIOD_STYLE_CODE, 0},
    {"as_of", KPI_PERIOD_DAY, KPI_PERIOD_STYLE_WORKBOOK, 0},
    {"month_name", KPI_PERIOD_MONTH, KPI_PERIOD_STYLE_WORKBOOK, 0},
    {"to_date_name", KPI_PERIOD_TO_DATE, KPI_PERIOD_STYLE_WORKBOOK, 0},
    /* The same point a year earlier (issue 14: last year beside today). */
    {"month_last_year", KPI_PERIOD_MONTH, KPI_PERIOD_STYLE_CODE, -1},
    {"to_date_last_year", KPI_PERIOD_TO_DATE, KPI_PERIOD_STYLE_CODE, -1},
    {"as_of_iso_last_year", KPI_PERIOD_DAY, KPI_PERIOD_STYLE_CODE, -1},
    {"as_of_last_year", KPI_PERIOD_DAY, KPI_PERIOD_STYLE_WORKBOOK, -1},
    {"month_name_last_year", KPI_PERIOD_MONTH, KPI_PERIOD_STYLE_WORKBOOK, -1},
    {"to_date_name_last_year", KPI_PERIOD_TO_DATE, KPI_PERIOD_STYLE_WORKBOOK,
     -1},
};

/* The text of period placeholder key (len bytes) in text, or NULL when
 * key is none of them. A period that does not exist ({rest} in December,
 * a year out of range) is "". */
static const char *placeholder_text(const char *key, size_t len, kpi_month m,
                                    char *text, size_t size)
{
    for (size_t i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++) {
        const struct placeholder *ph = &placeholders[i];
        if (strlen(ph->name) != len || memcmp(ph->name, key, len) != 0)
            continue;
        kpi_month at = {m.year + ph->years, m.month};
        text[0] = '\0';
        kpi_period_format(ph->kind, at, ph->style, text, size);
        return text;
    }
    return NULL;
}

kpi_status kpi_period_expand(const char *pattern, kpi_month m,
                             kpi_placeholder_fn lookup, void *ctx, char *buf,
                             size_t size, size_t *needed)
{
    if (needed)
        *needed = 0;
    if (buf && size)
        buf[0] = '\0';
    if (!pattern || !month_ok(m) || (!buf && size))
        return KPI_ERR_ARG;
    size_t len = 0;
    for (const char *p = pattern; *p;) {
        const char *piece = p;
        size_t n = 1;
        char text[96];
        const char *close = *p == '{' ? strchr(p + 1, '}') : NULL;
        if (close) {
            size_t k = (size_t)(close - p - 1);
            const char *v = placeholder_text(p + 1, k, m, text, sizeof text);
            if (!v && lookup)
                v = lookup(p + 1, k, ctx);
            if (v) {
                piece = v;
                n = strlen(v);
                p = close;
            }
        }
        p++;
        if (len + 1 < size) {
            size_t room = size - 1 - len;
            memcpy(buf + len, piece, n < room ? n : room);
        }
        len += n;
    }
    if (size)
        buf[len < size ? len : size - 1] = '\0';
    if (needed)
        *needed = len;
    return len < size ? KPI_OK : KPI_ERR_RANGE;
}
