/* load_economy.c - the financial system's postings.csv (SPEC §3.8). The
 * finance staff's budget (SPEC §3.9) is budget.c: a reader outside
 * libkpi reads its file. */
#include "input/load.h"

#include <ctype.h>
#include <string.h>

static const kpi_code posting_kinds[] = {
    {"expense", KPI_POSTING_EXPENSE},
    {"udgift", KPI_POSTING_EXPENSE},
    {"income", KPI_POSTING_INCOME},
    {"indtaegt", KPI_POSTING_INCOME},
    {"prioryear", KPI_POSTING_PRIOR_YEAR},
    {"tidligereaar", KPI_POSTING_PRIOR_YEAR},
    {"vedrtidligereaar", KPI_POSTING_PRIOR_YEAR},
};

/* ---- postings.csv ------------------------------------------------------ */

static size_t digit_run(const char *s, size_t len, size_t i)
{
    size_t k = i;
    while (k < len && isdigit((unsigned char)s[k]))
        k++;
    return k - i;
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool is_sep(char c)
{
    return c == '-' || c == '/' || c == '.';
}

/* A posting period: YYYY-MM, YYYYMM or MM-YYYY ('-', '/' or '.'), or a
 * whole date, whose month is taken. */
static bool parse_period(const char *s, size_t len, int *year, int *month)
{
    size_t a = digit_run(s, len, 0);
    int y = 0, m = 0;
    if (a == 6 && len == 6) {
        y = number(s, 4);
        m = number(s + 4, 2);
    } else if (a == 4 && len > 5 && is_sep(s[4]) &&
               digit_run(s, len, 5) == len - 5 && len - 5 <= 2) {
        y = number(s, 4);
        m = number(s + 5, len - 5);
    } else if ((a == 1 || a == 2) && len == a + 5 && is_sep(s[a]) &&
               digit_run(s, len, a + 1) == 4) {
        m = number(s, a);
        y = number(s + a + 1, 4);
    } else {
        kpi_date d;
        int day;
        if (kpi_date_parse(s, len, &d) != KPI_OK)
            return false;
        kpi_date_to_ymd(d, &y, &m, &day);
    }
    if (y < 1 || m < 1 || m > 12)
        return false;
    *year = y;
    *month = m;
    return true;
}

static bool postings_header(kpi_table *t)
{
    if (!kpi_table_has(t, PC_MEASURE_TYPE) && !kpi_table_has(t, PC_ACCOUNT)) {
        kpi_table_error(t, PC_MEASURE_TYPE,
                        "missing required column 'measure_type' (or "
                        "'account')");
        return false;
    }
    return true;
}

static void postings_row(kpi_table *t)
{
    kpi_posting p;
    memset(&p, 0, sizeof p);
    kpi_csv_field period = kpi_table_cell(t, PC_PERIOD);
    int year = 0, month = 0;
    if (period.len == 0) {
        kpi_table_error(t, PC_PERIOD, "missing value");
    } else if (!parse_period(period.s, period.len, &year, &month)) {
        char q[KPI_QUOTE_MAX];
        kpi_table_error(t, PC_PERIOD, "invalid period '%s' (expected yyyy-mm)",
                        kpi_table_quote(t, PC_PERIOD, q));
    }
    if (kpi_table_cell(t, PC_MEASURE_TYPE).len)
        kpi_table_type(t, PC_MEASURE_TYPE, true, "measure type", &p.type);
    else if (kpi_table_cell(t, PC_ACCOUNT).len)
        kpi_table_type(t, PC_ACCOUNT, true, "account", &p.type);
    else
        kpi_table_error(t,
                        kpi_table_has(t, PC_MEASURE_TYPE) ? PC_MEASURE_TYPE
                                                          : PC_ACCOUNT,
                        "missing value (give measure_type or account)");
    int kind = KPI_PROVIDER_UNKNOWN;
    kpi_table_code(t, PC_PROVIDER_KIND, false, kpi_codes_provider_kind,
                   kpi_codes_provider_kind_n, "provider kind", &kind);
    int posting_kind = KPI_POSTING_EXPENSE;
    kpi_table_code(t, PC_KIND, false, posting_kinds,
                   sizeof posting_kinds / sizeof posting_kinds[0],
                   "posting kind", &posting_kind);
    kpi_table_money(t, PC_AMOUNT, true, &p.amount, NULL);
    kpi_table_text(t, PC_CHILD_ID, false, &p.child);
    if (t->bad || t->fatal)
        return;
    p.year = (int16_t)year;
    p.month = (uint8_t)month;
    p.provider_kind = (uint8_t)kind;
    p.kind = (uint8_t)posting_kind;
    KPI_TABLE_STORE(t, postings, p);
}

const kpi_file_reader kpi_reader_postings = {KPI_FILE_POSTINGS,
                                             postings_header, postings_row, NULL};
