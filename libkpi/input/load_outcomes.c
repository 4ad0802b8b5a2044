/* load_outcomes.c - waitlist.csv (SPEC §3.6) and outcomes.csv (§3.7). */
#include "input/load.h"

#include <string.h>

static void waitlist_row(kpi_table *t)
{
    kpi_wait w;
    memset(&w, 0, sizeof w);
    int target = 0;
    kpi_table_text(t, WC_CHILD_ID, true, &w.child);
    kpi_table_date(t, WC_BIRTH_DATE, true, &w.birth);
    kpi_table_code(t, WC_TARGET_GROUP, true, kpi_codes_target_group,
                   kpi_codes_target_group_n, "target group", &target);
    kpi_table_type(t, WC_MEASURE_TYPE, true, "measure type", &w.type);
    kpi_table_date(t, WC_LISTED_DATE, true, &w.listed);
    kpi_table_date(t, WC_STARTED_DATE, false, &w.started);
    if (w.listed != KPI_DATE_NONE && w.started != KPI_DATE_NONE &&
        w.started < w.listed) {
        char a[11], b[11];
        kpi_date_format(w.started, a);
        kpi_date_format(w.listed, b);
        kpi_table_error(t, WC_STARTED_DATE,
                        "started_date %s is before listed_date %s", a, b);
    }
    w.target_group = (uint8_t)target;
    KPI_TABLE_STORE(t, waitlist, w);
}

const kpi_file_reader kpi_reader_waitlist = {KPI_FILE_WAITLIST, NULL,
                                             waitlist_row, NULL};

static const kpi_code indicators[] = {
    {"schoolabsence", KPI_INDICATOR_SCHOOL_ABSENCE},
    {"skolefravaer", KPI_INDICATOR_SCHOOL_ABSENCE},
    {"fravaer", KPI_INDICATOR_SCHOOL_ABSENCE},
    {"goal", KPI_INDICATOR_GOAL},
    {"maal", KPI_INDICATOR_GOAL},
    {"function", KPI_INDICATOR_FUNCTION},
    {"funktionsniveau", KPI_INDICATOR_FUNCTION},
    {"funktion", KPI_INDICATOR_FUNCTION},
};

/* The values each indicator allows (SPEC §3.7). */
static bool value_ok(int indicator, double v)
{
    switch ((kpi_indicator)indicator) {
    case KPI_INDICATOR_SCHOOL_ABSENCE:
        return v >= 0 && v <= 100;
    case KPI_INDICATOR_GOAL:
        return v == 0 || v == 0.5 || v == 1;
    case KPI_INDICATOR_FUNCTION:
        return v >= 0 && v <= 4;
    }
    return false;
}

static const char *const allowed[] = {
    [KPI_INDICATOR_SCHOOL_ABSENCE] = "a percentage from 0 to 100",
    [KPI_INDICATOR_GOAL] = "1 met, 0.5 partly met or 0 not met",
    [KPI_INDICATOR_FUNCTION] = "a score from 0 to 4",
};

static void outcomes_row(kpi_table *t)
{
    kpi_outcome_row o;
    memset(&o, 0, sizeof o);
    int indicator = -1;
    kpi_table_text(t, OC_CHILD_ID, true, &o.child);
    kpi_table_date(t, OC_ASSESSMENT_DATE, true, &o.date);
    kpi_table_code(t, OC_INDICATOR, true, indicators,
                   sizeof indicators / sizeof indicators[0], "indicator",
                   &indicator);
    kpi_table_text(t, OC_PARAMETER, false, &o.parameter);
    bool given = false;
    if (kpi_table_number(t, OC_VALUE, true, &o.value, &given) && given &&
        indicator >= 0 && !value_ok(indicator, o.value)) {
        char q[KPI_QUOTE_MAX];
        kpi_table_error(t, OC_VALUE, "value '%s' out of range (%s)",
                        kpi_table_quote(t, OC_VALUE, q), allowed[indicator]);
    }
    o.indicator = (uint8_t)(indicator < 0 ? 0 : indicator);
    KPI_TABLE_STORE(t, outcomes, o);
}

const kpi_file_reader kpi_reader_outcomes = {KPI_FILE_OUTCOMES, NULL,
                                             outcomes_row, NULL};
