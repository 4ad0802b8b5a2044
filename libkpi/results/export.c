/* export.c - the long export (SPEC §8): one line per row. */
#include "results/rows.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void kpi_row_format_value(const kpi_row *row, char buf[48])
{
    switch (row->kind) {
    case KPI_VALUE_COUNT:
        snprintf(buf, 48, "%lld", (long long)row->integer);
        return;
    case KPI_VALUE_MONEY:
        kpi_money_format(row->integer, buf);
        return;
    case KPI_VALUE_REAL: {
        /* Four decimals, trailing zeros dropped: shares and full-year
         * recipients are exact enough, and the text is stable. */
        double v = row->real;
        if (fabs(v) < 0.00005)
            v = 0; /* no "-0" */
        snprintf(buf, 48, "%.4f", v);
        char *dot = strchr(buf, '.');
        if (dot) {
            char *end = buf + strlen(buf) - 1;
            while (end > dot && *end == '0')
                *end-- = '\0';
            if (end == dot)
                *end = '\0';
        }
        return;
    }
    case KPI_VALUE_TEXT:
        snprintf(buf, 48, "%s", row->text ? row->text : "");
        return;
    }
    buf[0] = '\0';
}

/* Writes a field, quoted as CSV when it holds the separator, a quote or
 * a line break (free-text members such as provider names can). */
static void write_field(FILE *out, const char *s)
{
    if (!strpbrk(s, ";\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

kpi_status kpi_row_format_breakdown(const kpi_row *row, char *buf, size_t size)
{
    if (!row || !buf || !size)
        return KPI_ERR_ARG;
    int n;
    if (!row->dimension)
        n = snprintf(buf, size, "total");
    else if (!row->dimension2)
        n = snprintf(buf, size, "%s=%s", row->dimension, row->member);
    else
        n = snprintf(buf, size, "%s=%s,%s=%s", row->dimension, row->member,
                     row->dimension2, row->member2);
    return n >= 0 && (size_t)n < size ? KPI_OK : KPI_ERR_RANGE;
}

kpi_status kpi_export_write_line(FILE *out, const char *kpi_id,
                                 const char *period, const char *breakdown,
                                 const char *stat, const char *value)
{
    if (!out || !kpi_id || !period || !breakdown || !stat || !value)
        return KPI_ERR_ARG;
    fputs(kpi_id, out);
    fputc(';', out);
    fputs(period, out);
    fputc(';', out);
    write_field(out, breakdown);
    fputc(';', out);
    fputs(stat, out);
    fputc(';', out);
    write_field(out, value);
    fputc('\n', out);
    return ferror(out) ? KPI_ERR_IO : KPI_OK;
}

void kpi_export_write_row(const kpi_row *r, const char *shown, FILE *out)
{
    char value[48];
    if (!shown) {
        kpi_row_format_value(r, value);
        shown = value;
    }
    char breakdown[1024];
    kpi_row_format_breakdown(r, breakdown, sizeof breakdown);
    (void)kpi_export_write_line(out, r->kpi_id, r->period, breakdown, r->stat,
                                shown);
}

kpi_status kpi_export_write(const kpi_figures *f, FILE *out)
{
    if (!f || !out)
        return KPI_ERR_ARG;
    fputs(KPI_EXPORT_HEADER "\n", out);
    size_t n = kpi_figures_row_count(f);
    for (size_t i = 0; i < n; i++)
        kpi_export_write_row(kpi_figures_row(f, i), NULL, out);
    return ferror(out) ? KPI_ERR_IO : KPI_OK;
}
