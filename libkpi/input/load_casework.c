/* load_casework.c - the case-processing files (SPEC §3.4, §3.5): cases,
 * notifications, deadlines, complaints, management reviews and
 * inspections. */
#include "input/load.h"

#include <string.h>

/* An error when a later date comes before an earlier one. */
static void order(kpi_table *t, int earlier_col, kpi_date earlier,
                  int later_col, kpi_date later)
{
    if (earlier == KPI_DATE_NONE || later == KPI_DATE_NONE || later >= earlier)
        return;
    char a[11], b[11];
    kpi_date_format(later, a);
    kpi_date_format(earlier, b);
    kpi_table_error(t, later_col, "%s %s is before %s %s",
                    t->schema->cols[later_col].name, a,
                    t->schema->cols[earlier_col].name, b);
}

/* ---- cases.csv --------------------------------------------------------- */

static void cases_row(kpi_table *t)
{
    kpi_case c;
    memset(&c, 0, sizeof c);
    int target = 0;
    kpi_table_text(t, CC_CASE_ID, true, &c.id);
    kpi_table_text(t, CC_CHILD_ID, true, &c.child);
    kpi_table_date(t, CC_BIRTH_DATE, true, &c.birth);
    kpi_table_code(t, CC_TARGET_GROUP, true, kpi_codes_target_group,
                   kpi_codes_target_group_n, "target group", &target);
    kpi_table_text(t, CC_CASEWORKER, true, &c.caseworker);
    kpi_table_text(t, CC_TEAM, false, &c.team);
    kpi_table_date(t, CC_OPENED_DATE, true, &c.opened);
    kpi_table_date(t, CC_CLOSED_DATE, false, &c.closed);
    order(t, CC_OPENED_DATE, c.opened, CC_CLOSED_DATE, c.closed);
    if (c.id && !kpi_table_unique(t, CC_CASE_ID, c.id))
        return;
    c.target_group = (uint8_t)target;
    KPI_TABLE_STORE(t, cases, c);
}

const kpi_file_reader kpi_reader_cases = {KPI_FILE_CASES, NULL, cases_row, NULL};

/* ---- notifications.csv ------------------------------------------------- */

static void notifications_row(kpi_table *t)
{
    kpi_notification n;
    memset(&n, 0, sizeof n);
    kpi_table_text(t, NC_NOTIFICATION_ID, true, &n.id);
    kpi_table_text(t, NC_CHILD_ID, false, &n.child);
    kpi_table_date(t, NC_BIRTH_DATE, false, &n.birth);
    kpi_table_date(t, NC_RECEIVED_DATE, true, &n.received);
    /* No check against the birth date: a notification may come before
     * the child is born (BL § 133). */
    KPI_TABLE_STORE(t, notifications, n);
}

const kpi_file_reader kpi_reader_notifications = {KPI_FILE_NOTIFICATIONS,
                                                  NULL, notifications_row, NULL};

/* ---- deadlines.csv ----------------------------------------------------- */

/* The default deadline types (SPEC §3.5), folded. Other types are kept as
 * written: kpi.ini may define more. */
static const char *const deadline_types[] = {
    "notification_24h",
    "investigation_4m",
    "followup_3m",
    "supervision_visit",
};

static void deadlines_row(kpi_table *t)
{
    kpi_deadline d;
    memset(&d, 0, sizeof d);
    kpi_table_text(t, DC_CASE_ID, true, &d.case_id);
    kpi_csv_field type = kpi_table_cell(t, DC_DEADLINE_TYPE);
    if (type.len == 0) {
        kpi_table_error(t, DC_DEADLINE_TYPE, "missing value");
    } else {
        /* "Notification 24h" is notification_24h: store the code. */
        char folded[64], code[64];
        kpi_text_fold(type.s, type.len, folded, sizeof folded);
        const char *s = type.s;
        size_t len = type.len;
        for (size_t i = 0; i < sizeof deadline_types / sizeof *deadline_types;
             i++) {
            kpi_text_fold(deadline_types[i], strlen(deadline_types[i]), code,
                          sizeof code);
            if (strcmp(code, folded) == 0) {
                s = deadline_types[i];
                len = strlen(s);
                break;
            }
        }
        if (kpi_symtab_intern(t->ds->syms, s, len, &d.type, NULL) != KPI_OK) {
            t->fatal = KPI_ERR_NOMEM;
            return;
        }
    }
    kpi_table_date(t, DC_DUE_DATE, true, &d.due);
    kpi_table_date(t, DC_DONE_DATE, false, &d.done);
    KPI_TABLE_STORE(t, deadlines, d);
}

const kpi_file_reader kpi_reader_deadlines = {KPI_FILE_DEADLINES, NULL,
                                              deadlines_row, NULL};

/* ---- complaints.csv ---------------------------------------------------- */

static const kpi_code outcomes[] = {
    {"upheld", KPI_OUTCOME_UPHELD},
    {"stadfaestet", KPI_OUTCOME_UPHELD},
    {"changed", KPI_OUTCOME_CHANGED},
    {"aendret", KPI_OUTCOME_CHANGED},
    {"ophaevet", KPI_OUTCOME_CHANGED},
    {"aendret/ophaevet", KPI_OUTCOME_CHANGED},
    {"remitted", KPI_OUTCOME_REMITTED},
    {"hjemvist", KPI_OUTCOME_REMITTED},
    {"dismissed", KPI_OUTCOME_DISMISSED},
    {"afvist", KPI_OUTCOME_DISMISSED},
    {"henvist", KPI_OUTCOME_DISMISSED},
    {"afvist/henvist", KPI_OUTCOME_DISMISSED},
};

static void complaints_row(kpi_table *t)
{
    kpi_complaint k;
    memset(&k, 0, sizeof k);
    kpi_table_text(t, KC_COMPLAINT_ID, true, &k.id);
    kpi_table_text(t, KC_CASE_ID, true, &k.case_id);
    kpi_table_date(t, KC_RECEIVED_DATE, true, &k.received);
    bool decided_ok = kpi_table_date(t, KC_DECIDED_DATE, false, &k.decided);
    int outcome = KPI_OUTCOME_NONE;
    bool outcome_ok =
        kpi_table_code(t, KC_OUTCOME, false, outcomes,
                       sizeof outcomes / sizeof outcomes[0], "outcome",
                       &outcome);
    order(t, KC_RECEIVED_DATE, k.received, KC_DECIDED_DATE, k.decided);
    /* A decision has an outcome and an outcome has a decision date:
     * otherwise the complaint would be counted as pending or decided
     * without the figures being able to say which. */
    if (decided_ok && outcome_ok) {
        if (k.decided != KPI_DATE_NONE && outcome == KPI_OUTCOME_NONE)
            kpi_table_error(t, KC_OUTCOME,
                            "missing value (the complaint has a "
                            "decided_date)");
        else if (k.decided == KPI_DATE_NONE && outcome != KPI_OUTCOME_NONE)
            kpi_table_error(t, KC_DECIDED_DATE,
                            "missing value (the complaint has an outcome)");
    }
    k.outcome = (uint8_t)outcome;
    KPI_TABLE_STORE(t, complaints, k);
}

const kpi_file_reader kpi_reader_complaints = {KPI_FILE_COMPLAINTS, NULL,
                                               complaints_row, NULL};

/* ---- reviews.csv ------------------------------------------------------- */

static void reviews_row(kpi_table *t)
{
    kpi_review r;
    memset(&r, 0, sizeof r);
    kpi_table_text(t, RC_REVIEW_ID, true, &r.id);
    kpi_table_text(t, RC_CASE_ID, true, &r.case_id);
    kpi_table_date(t, RC_REVIEW_DATE, true, &r.date);
    kpi_table_text(t, RC_REVIEWER, true, &r.reviewer);
    KPI_TABLE_STORE(t, reviews, r);
}

const kpi_file_reader kpi_reader_reviews = {KPI_FILE_REVIEWS, NULL,
                                            reviews_row, NULL};

/* ---- inspections.csv --------------------------------------------------- */

static const kpi_code results[] = {
    {"approved", 1},     {"godkendt", 1}, {"notapproved", 0},
    {"ikkegodkendt", 0},
};

static void inspections_row(kpi_table *t)
{
    kpi_inspection i;
    memset(&i, 0, sizeof i);
    int approved = 0;
    kpi_table_text(t, IC_INSPECTION_ID, true, &i.id);
    kpi_table_text(t, IC_PROVIDER, true, &i.provider);
    kpi_table_date(t, IC_INSPECTION_DATE, true, &i.date);
    kpi_table_code(t, IC_RESULT, true, results,
                   sizeof results / sizeof results[0], "result", &approved);
    kpi_table_text(t, IC_REASON, false, &i.reason);
    i.approved = approved != 0;
    KPI_TABLE_STORE(t, inspections, i);
}

const kpi_file_reader kpi_reader_inspections = {KPI_FILE_INSPECTIONS, NULL,
                                                inspections_row, NULL};
