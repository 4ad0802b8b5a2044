/* money.c - exact amounts in øre and the money conventions of SPEC §4. */
#include "base/internal.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

/* Prices above this (10 billion kr.) are refused by the loader, so that
 * price x 366 days can never overflow. */
#define KPI_MONEY_MAX ((int64_t)1000000000000000) /* 10^15 øre */

int64_t kpi_div_round(int64_t num, int64_t den)
{
    /* Half away from zero: add half the divisor in the direction of the
     * sign before truncating. */
    if (num >= 0)
        return (num + den / 2) / den;
    return -((-num + den / 2) / den);
}

static bool has_suffix_ci(const char *s, size_t len, const char *suffix,
                          size_t *cut)
{
    size_t n = strlen(suffix);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (tolower((unsigned char)s[len - n + i]) != suffix[i])
            return false;
    *cut = len - n;
    return true;
}

static void trim(const char **s, size_t *len)
{
    for (;;) {
        if (*len && isspace((unsigned char)(*s)[0])) {
            (*s)++;
            (*len)--;
        } else if (*len >= 2 && (unsigned char)(*s)[0] == 0xC2 &&
                   (unsigned char)(*s)[1] == 0xA0) { /* no-break space */
            *s += 2;
            *len -= 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (*len && isspace((unsigned char)(*s)[*len - 1])) {
            (*len)--;
        } else if (*len >= 2 && (unsigned char)(*s)[*len - 2] == 0xC2 &&
                   (unsigned char)(*s)[*len - 1] == 0xA0) {
            *len -= 2;
        } else {
            break;
        }
    }
}

/* The shape of nearly every amount of an export, "36.604,00": digits in
 * groups of three after the first (or none) and a comma with two
 * decimals, at most 12 digits before it (so no range check can fail).
 * false for anything else, which the general reading below decides:
 * this gives what it would. A million rows have an amount each. */
static bool plain_amount(const char *s, size_t len, kpi_money *out)
{
    if (len < 4 || s[len - 3] != ',' || !isdigit((unsigned char)s[len - 2]) ||
        !isdigit((unsigned char)s[len - 1]))
        return false;
    int64_t units = 0;
    size_t group = 0, digits = 0;
    bool grouped = false;
    for (size_t i = 0; i < len - 3; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            if (++digits > 12) /* before the sum can overflow */
                return false;
            units = units * 10 + (ch - '0');
            group++;
        } else if (ch == '.' && group && (grouped ? group == 3 : group <= 3)) {
            grouped = true;
            group = 0;
        } else {
            return false;
        }
    }
    if (!group || (grouped && group != 3))
        return false;
    *out = units * 100 + (s[len - 2] - '0') * 10 + (s[len - 1] - '0');
    return true;
}

kpi_status kpi_money_parse(const char *text, size_t len, kpi_money *out)
{
    if (!text || !out)
        return KPI_ERR_ARG;
    if (len == (size_t)-1)
        len = strlen(text);
    if (plain_amount(text, len, out))
        return KPI_OK;
    trim(&text, &len);
    size_t cut;
    if (has_suffix_ci(text, len, "kr.", &cut) ||
        has_suffix_ci(text, len, "kr", &cut) ||
        has_suffix_ci(text, len, "dkk", &cut)) {
        len = cut;
        trim(&text, &len);
    }
    bool negative = false;
    if (len && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text++;
        len--;
    }
    if (len == 0)
        return KPI_ERR_INPUT;

    /* Which character is the decimal mark? A comma always is; a dot is
     * one unless the value has a comma or every dot is followed by exactly
     * three digits (Danish thousands: 10.250). */
    const char *comma = memchr(text, ',', len);
    char decimal = ',';
    char thousands = '.';
    if (!comma) {
        bool all_groups = true;
        size_t dots = 0;
        for (size_t i = 0; i < len; i++) {
            if (text[i] != '.')
                continue;
            dots++;
            size_t j = i + 1;
            while (j < len && isdigit((unsigned char)text[j]))
                j++;
            if (j - i - 1 != 3 || (j < len && text[j] != '.'))
                all_groups = false;
        }
        if (dots == 1 && !all_groups) {
            decimal = '.';
            thousands = '\0';
        }
    }

    int64_t units = 0;
    int64_t cents = 0;
    int decimals = 0;
    bool in_decimals = false, any_digit = false;
    size_t group = 0;       /* digits since the last thousands separator */
    bool grouped = false;   /* a thousands separator has been seen */
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (isdigit((unsigned char)ch)) {
            any_digit = true;
            if (in_decimals) {
                if (decimals < 2)
                    cents = cents * 10 + (ch - '0');
                else if (ch != '0')
                    return KPI_ERR_RANGE; /* a fraction of an øre */
                decimals++;
            } else {
                if (units > (KPI_MONEY_MAX / 100) / 10)
                    return KPI_ERR_RANGE;
                units = units * 10 + (ch - '0');
                group++;
            }
        } else if (ch == decimal && !in_decimals) {
            if (grouped && group != 3)
                return KPI_ERR_INPUT;
            in_decimals = true;
        } else if (thousands && ch == thousands && !in_decimals) {
            if (!any_digit || (grouped && group != 3) ||
                (!grouped && group > 3))
                return KPI_ERR_INPUT;
            grouped = true;
            group = 0;
        } else {
            return KPI_ERR_INPUT;
        }
    }
    if (!any_digit || (grouped && !in_decimals && group != 3))
        return KPI_ERR_INPUT;
    if (in_decimals && decimals == 0)
        return KPI_ERR_INPUT;
    if (decimals == 1)
        cents *= 10;
    int64_t v = units * 100 + cents;
    *out = negative ? -v : v;
    return KPI_OK;
}

void kpi_money_format(kpi_money amount, char buf[32])
{
    uint64_t mag = amount < 0 ? (uint64_t)0 - (uint64_t)amount
                              : (uint64_t)amount;
    snprintf(buf, 32, "%s%llu.%02llu", amount < 0 ? "-" : "",
             (unsigned long long)(mag / 100), (unsigned long long)(mag % 100));
}

kpi_status kpi_unit_parse(const char *text, kpi_unit *out)
{
    static const struct {
        const char *folded;
        kpi_unit unit;
    } names[] = {
        {"month", KPI_UNIT_MONTH}, {"maaned", KPI_UNIT_MONTH},
        {"md", KPI_UNIT_MONTH},
        {"mdr", KPI_UNIT_MONTH},   {"mnd", KPI_UNIT_MONTH},
        {"day", KPI_UNIT_DAY},     {"dag", KPI_UNIT_DAY},
        {"doegn", KPI_UNIT_DAY},
        {"week", KPI_UNIT_WEEK},   {"uge", KPI_UNIT_WEEK},
        {"year", KPI_UNIT_YEAR},   {"aar", KPI_UNIT_YEAR},
        /* How case systems write a frequency ("Frekvens": "Månedlig",
         * "Pr. døgn", "Ugentligt"); folded, so æ ø å are ae oe aa. */
        {"maanedlig", KPI_UNIT_MONTH}, {"maanedligt", KPI_UNIT_MONTH},
        {"prmaaned", KPI_UNIT_MONTH},  {"prmd", KPI_UNIT_MONTH},
        {"permaaned", KPI_UNIT_MONTH}, {"daglig", KPI_UNIT_DAY},
        {"dagligt", KPI_UNIT_DAY},     {"prdag", KPI_UNIT_DAY},
        {"prdoegn", KPI_UNIT_DAY},     {"perdag", KPI_UNIT_DAY},
        {"perdoegn", KPI_UNIT_DAY},    {"ugentlig", KPI_UNIT_WEEK},
        {"ugentligt", KPI_UNIT_WEEK},  {"pruge", KPI_UNIT_WEEK},
        {"peruge", KPI_UNIT_WEEK},     {"aarlig", KPI_UNIT_YEAR},
        {"aarligt", KPI_UNIT_YEAR},    {"praar", KPI_UNIT_YEAR},
        {"peraar", KPI_UNIT_YEAR},
    };
    if (!text || !out)
        return KPI_ERR_ARG;
    char folded[32];
    kpi_text_fold(text, strlen(text), folded, sizeof folded);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(folded, names[i].folded) == 0) {
            *out = names[i].unit;
            return KPI_OK;
        }
    }
    return KPI_ERR_INPUT;
}

void kpi_month_amounts(kpi_money price, kpi_unit unit, kpi_date start,
                       kpi_date end, kpi_month first, kpi_date first_day,
                       int n, kpi_money *out, int *lo, int *hi)
{
    *lo = *hi = 0;
    kpi_date from = start > first_day ? start : first_day;
    kpi_date to = end == KPI_DATE_NONE ? INT32_MAX : end;
    if (n <= 0 || to < from)
        return;
    /* Walk from the month of `from` by adding each month's length: no
     * calendar conversion per month, and none at all for the many
     * measures that began before `first` (from is then its first day).
     * The lengths come from a table and the year's leap flag rather than
     * a call per month: this walk runs for every measure in several
     * figures, and the calls were a quarter of its time. */
    static const int month_days[12] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
    int y = first.year, mo = first.month, d = 1;
    if (from != first_day)
        kpi_date_to_ymd(from, &y, &mo, &d);
    bool leap = kpi_date_is_leap(y);
    kpi_date month_start = from - (d - 1);
    int k0 = (y - first.year) * 12 + (mo - first.month), k = k0;
    for (; k < n && month_start <= to; k++) {
        int days_in_month = month_days[mo - 1] + (mo == 2 && leap);
        kpi_date month_end = month_start + days_in_month - 1;
        kpi_date a = from > month_start ? from : month_start;
        kpi_date b = to < month_end ? to : month_end;
        out[k] = kpi_amount_of_days(price, unit, (int64_t)(b - a) + 1, y,
                                    days_in_month);
        month_start = month_end + 1;
        if (++mo > 12) {
            mo = 1;
            leap = kpi_date_is_leap(++y);
        }
    }
    /* A measure that starts after the last month (k0 >= n) has none: the
     * range is empty, [n, n), never past the n amounts written. */
    *lo = k0 < n ? k0 : n;
    *hi = k < *lo ? *lo : (k > n ? n : k);
}

kpi_money kpi_measure_month_amount(kpi_money price, kpi_unit unit,
                                   kpi_date start, kpi_date end, int year,
                                   int month)
{
    kpi_month m = {year, month};
    kpi_date first;
    if (kpi_date_from_ymd(year, month, 1, &first) != KPI_OK)
        return 0;
    kpi_money amount = 0;
    int lo, hi;
    kpi_month_amounts(price, unit, start, end, m, first, 1, &amount, &lo, &hi);
    return amount;
}

kpi_money kpi_measure_year_amount(kpi_money price, kpi_unit unit,
                                  kpi_date start, kpi_date end, int year)
{
    kpi_month january = {year, 1};
    kpi_date first;
    if (kpi_date_from_ymd(year, 1, 1, &first) != KPI_OK)
        return 0;
    kpi_money months[12], sum = 0;
    int lo, hi;
    kpi_month_amounts(price, unit, start, end, january, first, 12, months, &lo,
                      &hi);
    for (int m = lo; m < hi; m++)
        sum += months[m];
    return sum;
}

kpi_money kpi_quantity_effect(double n, double nb, kpi_money pb)
{
    return (kpi_money)llround((n - nb) * (double)pb);
}

kpi_money kpi_price_effect(kpi_money p, kpi_money pb, double n)
{
    return (kpi_money)llround((double)(p - pb) * n);
}

kpi_reimbursement_rule kpi_reimbursement_default(void)
{
    kpi_reimbursement_rule r = {
        {86000000, 168000000, 212000000},
        {0.25, 0.50, 0.75},
    };
    return r;
}

/* A rate as whole millionths: kpi.ini gives rates to at most six
 * decimals (0.25, 0.5, 0.75 in the law), so this is exact for them. */
static int64_t rate_ppm(double rate)
{
    if (!(rate > 0))
        return 0;
    if (rate >= 1)
        return 1000000;
    return (int64_t)llround(rate * 1e6);
}

kpi_money kpi_reimbursement_month(kpi_money cost,
                                  const kpi_reimbursement_rule *rule)
{
    /* First the common case of a household-month under every threshold
     * (high_cost_cases asks for every household's twelve months). */
    if (cost <= 0)
        return 0;
    kpi_reimbursement_rule def;
    if (!rule) {
        def = kpi_reimbursement_default();
        rule = &def;
    }
    /* The month's thresholds are 1/12 of the yearly ones (refusion order
     * § 3, stk. 1). 860.000 kr. / 12 is no whole number of øre, so the
     * reckoning is in twelfths of an øre: cost x 12 against the yearly
     * thresholds, never a rounded twelfth. A band's refund is then
     * part12 x ppm / (12 x 10^6) øre; part12 is split into whole units of
     * that denominator and a rest so no product can overflow, and the sum
     * is rounded once, half away from zero (it is never negative). */
    const int64_t den = 12 * (int64_t)1000000;
    int64_t c12 = cost > INT64_MAX / 12 ? INT64_MAX : cost * 12;
    if (c12 <= rule->thresholds[0])
        return 0;
    int64_t whole = 0, rest = 0;
    for (int i = 0; i < KPI_REIMBURSEMENT_BANDS; i++) {
        kpi_money lo = rule->thresholds[i];
        if (c12 <= lo)
            break;
        int64_t hi = c12;
        if (i + 1 < KPI_REIMBURSEMENT_BANDS && rule->thresholds[i + 1] < hi)
            hi = rule->thresholds[i + 1];
        int64_t part12 = hi - lo, ppm = rate_ppm(rule->rates[i]);
        whole += (part12 / den) * ppm;
        rest += (part12 % den) * ppm;
    }
    return whole + kpi_div_round(rest, den);
}

size_t kpi_reimbursement_warning(const kpi_reimbursement_source *s, char *buf,
                                 size_t size)
{
    if (buf && size)
        buf[0] = '\0';
    if (!s || s->source_year == s->year)
        return 0;
    char t[KPI_REIMBURSEMENT_BANDS][32], from[64];
    for (int i = 0; i < KPI_REIMBURSEMENT_BANDS; i++)
        kpi_money_format(s->rule.thresholds[i], t[i]);
    if (s->source_year)
        snprintf(from, sizeof from, "those of [reimbursement.%d]",
                 s->source_year);
    else
        snprintf(from, sizeof from, "the law's 2022 level");
    int n = snprintf(
        buf, size,
        "kpi.ini has no [reimbursement.%d]: the BL § 198 reimbursement for "
        "%d uses %s, thresholds %s, %s, %s kr. at %g/%g/%g %%; the "
        "thresholds are regulated every year (BL § 198 stk. 1, 2022 level), "
        "so add [reimbursement.%d] with that year's amounts",
        s->year, s->year, from, t[0], t[1], t[2], s->rule.rates[0] * 100,
        s->rule.rates[1] * 100, s->rule.rates[2] * 100, s->year);
    return n < 0 ? 0 : (size_t)n;
}
