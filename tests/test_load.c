/* test_load.c - kpi_dataset_load over the fixture folders in
 * tests/fixtures/load/ and over folders written by the tests. The folders
 * are loaded as the kpi command loads them: the budget through kpiread's
 * kpi_budget_read (libkpi reads no budget file itself). */
#include "support.h"

#include "input/load.h"
#include "kpi/read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX KPI_FIXTURES "/load/"

static const char *str(const kpi_dataset *ds, kpi_sym s)
{
    return kpi_symtab_str(ds->syms, s);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Diagnostic i is (severity, file ending in file, line, column, message). */
static void expect(const kpi_diagnostics *d, size_t i, kpi_severity sev,
                   const char *file, unsigned long line, const char *column,
                   const char *message)
{
    const kpi_diagnostic *x = kpi_diagnostics_get(d, i);
    if (!x)
        fail_msg("no diagnostic %zu (want '%s')", i, message);
    if (x->severity != sev || !ends_with(x->file, file) || x->line != line ||
        (column ? !x->column || strcmp(column, x->column) != 0
                : x->column != NULL) ||
        strcmp(x->message, message) != 0)
        fail_msg("diagnostic %zu is\n  %d %s:%lu: %s: %s\nwant\n  %d "
                 "...%s:%lu: %s: %s",
                 i, x->severity, x->file, x->line,
                 x->column ? x->column : "-", x->message, sev, file, line,
                 column ? column : "-", message);
}

static void print_all(const kpi_diagnostics *d)
{
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
}

/* The load options of the kpi command: the budget through kpiread,
 * LibreOffice never started. */
static const kpi_load_options *with_reader(void)
{
    static kpi_budget_options bo = {"", 0};
    static kpi_load_options lo = {NULL, kpi_budget_read, &bo, 0};
    return &lo;
}

static kpi_dataset *load_ok(const char *dir, kpi_diagnostics *d)
{
    kpi_dataset *ds = NULL;
    kpi_status st = kpi_dataset_load(dir, with_reader(), &ds, d);
    if (st != KPI_OK) {
        print_all(d);
        fail_msg("load of %s failed: %s", dir, kpi_strerror(st));
    }
    assert_non_null(ds);
    return ds;
}

/* measures.csv in Windows-1252 with CRLF, Danish headers, decimal commas
 * and day-first dates. */
static void test_cp1252_measures(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = load_ok(FIX "cp1252", d);
    assert_int_equal(ds->measures.count, 3);
    assert_true(ds->present[KPI_FILE_MEASURES]);
    assert_false(ds->present[KPI_FILE_CASES]);

    const kpi_measure *m = &ds->measures.items[0];
    assert_string_equal(kpi_symtab_str(ds->ids, m->id), "M1");
    assert_string_equal(str(ds, m->child), "B1");
    assert_int_equal(m->family, m->child); /* no family_id column */
    assert_int_equal(m->birth, D("2005-06-15"));
    assert_int_equal(m->target_group, KPI_TARGET_SOCIAL); /* Socialt udsatte */
    assert_string_equal(ds->config->types[m->type].code, "almen_plejefamilie");
    assert_string_equal(str(ds, m->provider), "Æblegården");
    assert_int_equal(m->provider_kind, KPI_PROVIDER_PRIVATE);
    assert_string_equal(str(ds, m->caseworker), "SB1");
    assert_string_equal(str(ds, m->team), "Team Øst");
    assert_int_equal(m->start, D("2010-10-01"));
    assert_int_equal(m->end, D("2011-04-30"));
    assert_int_equal(m->planned_end, KPI_DATE_NONE);
    /* "10.250,00 kr." = 10250 kr. = 1 025 000 øre a month. */
    assert_int_equal(m->price, 1025000);
    assert_int_equal(m->unit, KPI_UNIT_MONTH);
    assert_int_equal(m->cancelled, 0);
    assert_int_equal(m->line, 2);

    m = &ds->measures.items[1];
    assert_int_equal(m->birth, D("2015-02-01")); /* 01.02.2015 */
    assert_int_equal(m->target_group, KPI_TARGET_HANDICAP);
    assert_string_equal(ds->config->types[m->type].code, "kontaktperson");
    assert_int_equal(m->provider, KPI_SYM_NONE);
    assert_int_equal(m->provider_kind, KPI_PROVIDER_OWN); /* Egen kommune */
    assert_int_equal(m->team, KPI_SYM_NONE);
    assert_int_equal(m->start, D("2026-03-01"));     /* 1/3/2026 */
    assert_int_equal(m->end, KPI_DATE_NONE);
    assert_int_equal(m->price, 123450);              /* 1234,5 kr. */
    assert_int_equal(m->line, 3);

    /* Line 4 is empty; line 5 is the cancelled grant: 30-04 is the day
     * before 01-05. The quoted provider keeps its ';'. */
    m = &ds->measures.items[2];
    assert_int_equal(m->line, 5);
    assert_int_equal(m->cancelled, 1);
    assert_string_equal(str(ds, m->provider), "Bakkehuset; afd. Å");
    assert_int_equal(m->provider_kind, KPI_PROVIDER_REGIONAL); /* " regional " */
    assert_int_equal(m->price, 4500000);

    /* The warning went to the caller and to the dataset. */
    assert_int_equal(kpi_diagnostics_error_count(d), 0);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    const char *msg = "cancelled grant (end date the day before the start "
                      "date): counts for nothing";
    expect(d, 0, KPI_SEVERITY_WARNING, "cp1252/measures.csv", 5, "end_date",
           msg);
    expect(ds->warnings, 0, KPI_SEVERITY_WARNING, "cp1252/measures.csv", 5,
           "end_date", msg);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
}

/* The measure ids are checked after the file, by sorting (load_table.c,
 * keys_unique); a duplicate in an otherwise clean file makes the loader
 * read the file again row by row, so the message and the warnings are
 * those of one exact pass: line 5 repeats M1 of line 3; the cancelled
 * grants of lines 3 and 5 are warned about once each (the row's checks
 * come before the duplicate's), not twice. */
static void test_duplicate_id_after_sorting(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = (kpi_dataset *)1;
    assert_int_equal(kpi_dataset_load(FIX "dup_ids", with_reader(), &ds, d),
                     KPI_ERR_INPUT);
    assert_null(ds);
    const char *m = "dup_ids/measures.csv";
    const char *msg = "cancelled grant (end date the day before the start "
                      "date): counts for nothing";
    expect(d, 0, KPI_SEVERITY_WARNING, m, 3, "end_date", msg);
    expect(d, 1, KPI_SEVERITY_WARNING, m, 5, "end_date", msg);
    expect(d, 2, KPI_SEVERITY_ERROR, m, 5, "measure_id",
           "duplicate measure_id 'M1' (first on line 3)");
    assert_int_equal(kpi_diagnostics_count(d), 3);
    assert_int_equal(kpi_diagnostics_error_count(d), 1);
    kpi_diagnostics_free(d);
}

/* Whether ids ascend, in byte order or in shortlex order: either proves
 * them distinct (measures_unique then sorts nothing); neither sends the
 * ids to the sort, which finds a duplicate. */
static bool ids_ascend(const char *const *ids, size_t n)
{
    kpi_key_order o;
    kpi_key_order_init(&o);
    bool ascending = true;
    for (size_t i = 0; i < n; i++)
        ascending = kpi_key_order_next(&o, ids[i]);
    return ascending;
}

static void test_key_order(void **state)
{
    (void)state;
    /* numbers by value: strcmp alone calls M10 smaller than M9 */
    assert_true(ids_ascend((const char *[]){"M9", "M10", "M11"}, 3));
    assert_true(ids_ascend((const char *[]){"M999999", "M1000000"}, 2));
    /* sorted as text */
    assert_true(ids_ascend((const char *[]){"1", "10", "2"}, 3));
    assert_true(ids_ascend((const char *[]){"A"}, 1));
    /* a repeat ascends in neither order */
    assert_false(ids_ascend((const char *[]){"M1", "M1"}, 2));
    assert_false(ids_ascend((const char *[]){"9", "10", "10"}, 3));
    assert_false(ids_ascend((const char *[]){"10", "9", "10"}, 3));
    /* distinct, but in neither order: left to the sort */
    assert_false(ids_ascend((const char *[]){"M9", "M10", "M8"}, 3));
    assert_false(ids_ascend((const char *[]){"2", "10", "3"}, 3));
}

/* Distinct ids out of order load as they are, in file order. */
static void test_unsorted_ids(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = load_ok(FIX "unsorted_ids", d);
    assert_int_equal(kpi_diagnostics_count(d), 0);
    assert_int_equal(ds->measures.count, 3);
    assert_string_equal(kpi_symtab_str(ds->ids, ds->measures.items[0].id), "M3");
    assert_string_equal(kpi_symtab_str(ds->ids, ds->measures.items[1].id), "M1");
    assert_string_equal(kpi_symtab_str(ds->ids, ds->measures.items[2].id), "M2");
    /* C1 on lines 2 and 4 is one child */
    assert_int_equal(ds->measures.items[0].child,
                     ds->measures.items[2].child);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
}

/* Every problem of every file, in one run, with its line and column. */
static void test_all_errors_reported(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = (kpi_dataset *)1;
    assert_int_equal(kpi_dataset_load(FIX "errors", with_reader(), &ds, d),
                     KPI_ERR_INPUT);
    assert_null(ds);
    const kpi_severity E = KPI_SEVERITY_ERROR, W = KPI_SEVERITY_WARNING;
    const char *m = "errors/measures.csv";
    size_t i = 0;
    expect(d, i++, E, m, 3, "birth_date",
           "impossible date '10/31/2026' (dates are day first: dd-mm-yyyy)");
    expect(d, i++, E, m, 4, "target_group", "unknown target group 'elefant'");
    expect(d, i++, E, m, 4, "measure_type",
           "unknown measure type 'skibsprojekt': add it to "
           "[measure_type_aliases] in kpi.ini");
    expect(d, i++, E, m, 4, "monthly_cost", "invalid amount 'abc'");
    expect(d, i++, E, m, 5, "measure_id",
           "duplicate measure_id 'M1' (first on line 2)");
    expect(d, i++, E, m, 6, "caseworker", "missing value");
    expect(d, i++, E, m, 6, "end_date",
           "end date 2026-01-01 before start date 2026-03-01");
    expect(d, i++, W, m, 7, "end_date",
           "cancelled grant (end date the day before the start date): "
           "counts for nothing");
    expect(d, i++, W, m, 8, "monthly_cost", "the cost is 0");
    /* The record on lines 9-10 has a newline inside child_id. */
    expect(d, i++, E, m, 9, "monthly_cost",
           "amount '200.000.000.000' is too large (more than "
           "100.000.000.000 kr.)");
    expect(d, i++, E, m, 11, "birth_date",
           "birth date 2020-01-01 is after the start date 2019-12-31");
    expect(d, i++, E, m, 12, NULL, "row has 4 fields, the header has 10");
    expect(d, i++, E, "errors/cases.csv", 1, "opened_date",
           "missing required column 'opened_date'");
    expect(d, i++, E, "errors/postings.csv", 2, "account",
           "unknown account '5.28.99': add it to [measure_type_aliases] in "
           "kpi.ini");
    expect(d, i++, E, "errors/postings.csv", 3, "period",
           "invalid period '13-2026' (expected yyyy-mm)");
    if (kpi_diagnostics_count(d) != i) {
        print_all(d);
        fail_msg("%zu diagnostics, want %zu", kpi_diagnostics_count(d), i);
    }
    kpi_diagnostics_free(d);
}

/* Every optional file, with kpi.ini's column and type aliases. */
static void test_every_file(void **state)
{
    (void)state;
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = load_ok(FIX "full", d);
    assert_int_equal(kpi_diagnostics_count(d), 0);
    for (int f = 0; f < KPI_FILE_COUNT; f++)
        assert_true(ds->present[f]);
    assert_string_equal(kpi_dataset_municipality(ds), "Eksempel Kommune");

    /* measures.csv: ',' separator, BOM, start_date through
     * [columns.measures], type 52.3.3 through [measure_type_aliases],
     * cost 1.500,00 a døgn. */
    assert_int_equal(ds->measures.count, 1);
    const kpi_measure *m = &ds->measures.items[0];
    assert_string_equal(str(ds, m->family), "F1");
    assert_string_equal(ds->config->types[m->type].code, "familiebehandling");
    assert_string_equal(str(ds, m->legal_basis), "BL § 32, stk. 1, nr. 5");
    assert_int_equal(m->provider_kind, KPI_PROVIDER_MUNICIPAL);
    assert_int_equal(m->start, D("2026-02-01"));
    assert_int_equal(m->planned_end, D("2026-12-31"));
    assert_int_equal(m->price, 150000);
    assert_int_equal(m->unit, KPI_UNIT_DAY);

    /* cases.csv: TAB separated. */
    assert_int_equal(ds->cases.count, 2);
    const kpi_case *c = &ds->cases.items[0];
    assert_string_equal(str(ds, c->id), "S1");
    assert_int_equal(c->target_group, KPI_TARGET_HANDICAP);
    assert_string_equal(str(ds, c->team), "Team Vest");
    assert_int_equal(c->opened, D("2025-11-15"));
    assert_int_equal(c->closed, KPI_DATE_NONE);
    assert_int_equal(ds->cases.items[1].closed, D("2025-12-31"));
    assert_int_equal(ds->cases.items[1].team, KPI_SYM_NONE);

    assert_int_equal(ds->notifications.count, 2);
    assert_int_equal(ds->notifications.items[0].child, KPI_SYM_NONE);
    assert_int_equal(ds->notifications.items[0].birth, KPI_DATE_NONE);
    assert_int_equal(ds->notifications.items[1].received, D("2026-01-06"));

    assert_int_equal(ds->deadlines.count, 2);
    assert_string_equal(str(ds, ds->deadlines.items[0].type),
                        "notification_24h"); /* "Notification 24h" */
    assert_int_equal(ds->deadlines.items[0].done, D("2026-01-06"));
    assert_string_equal(str(ds, ds->deadlines.items[1].type),
                        "special_check");
    assert_int_equal(ds->deadlines.items[1].done, KPI_DATE_NONE);

    assert_int_equal(ds->complaints.count, 2);
    assert_int_equal(ds->complaints.items[0].outcome, KPI_OUTCOME_CHANGED);
    assert_int_equal(ds->complaints.items[0].decided, D("2026-03-01"));
    assert_int_equal(ds->complaints.items[1].outcome, KPI_OUTCOME_NONE);
    assert_int_equal(ds->complaints.items[1].decided, KPI_DATE_NONE);

    assert_int_equal(ds->reviews.count, 1);
    assert_string_equal(str(ds, ds->reviews.items[0].reviewer), "Leder A");
    assert_int_equal(ds->reviews.items[0].date, D("2026-02-01"));

    assert_int_equal(ds->inspections.count, 2);
    assert_false(ds->inspections.items[0].approved); /* Ikke godkendt */
    assert_string_equal(str(ds, ds->inspections.items[0].reason), "Mangler");
    assert_true(ds->inspections.items[1].approved);

    assert_int_equal(ds->waitlist.count, 2);
    assert_int_equal(ds->waitlist.items[0].started, KPI_DATE_NONE);
    assert_int_equal(ds->waitlist.items[1].target_group, KPI_TARGET_HANDICAP);
    /* "Fast kontaktperson" is the catalogue name of kontaktperson. */
    assert_string_equal(ds->config->types[ds->waitlist.items[1].type].code,
                        "kontaktperson");

    assert_int_equal(ds->outcomes.count, 3);
    assert_int_equal(ds->outcomes.items[0].indicator,
                     KPI_INDICATOR_SCHOOL_ABSENCE);
    assert_true(ds->outcomes.items[0].value == 12.5); /* "12,5" */
    assert_int_equal(ds->outcomes.items[0].parameter, KPI_SYM_NONE);
    assert_int_equal(ds->outcomes.items[1].indicator, KPI_INDICATOR_GOAL);
    assert_true(ds->outcomes.items[1].value == 0.5);
    assert_int_equal(ds->outcomes.items[2].indicator, KPI_INDICATOR_FUNCTION);
    assert_string_equal(str(ds, ds->outcomes.items[2].parameter), "Sundhed");

    assert_int_equal(ds->postings.count, 3);
    const kpi_posting *p = &ds->postings.items[0];
    assert_int_equal(p->year, 2026);
    assert_int_equal(p->month, 1);
    assert_int_equal(p->kind, KPI_POSTING_EXPENSE); /* empty: the default */
    assert_int_equal(p->provider_kind, KPI_PROVIDER_MUNICIPAL);
    assert_int_equal(p->amount, 4500000);
    assert_string_equal(str(ds, p->child), "K1");
    p = &ds->postings.items[1]; /* 202602, 52.3.3, Indtægt, -1.000,00 */
    assert_int_equal(p->month, 2);
    assert_string_equal(ds->config->types[p->type].code, "familiebehandling");
    assert_int_equal(p->kind, KPI_POSTING_INCOME);
    assert_int_equal(p->provider_kind, KPI_PROVIDER_UNKNOWN);
    assert_int_equal(p->amount, -100000);
    p = &ds->postings.items[2]; /* 02-2026 */
    assert_int_equal(p->year, 2026);
    assert_int_equal(p->month, 2);
    assert_int_equal(p->kind, KPI_POSTING_PRIOR_YEAR);
    assert_int_equal(p->amount, 25000);

    assert_int_equal(ds->budget.count, 2);
    const kpi_budget_line *b = &ds->budget.items[0];
    assert_string_equal(ds->config->types[b->type].code, "familiebehandling");
    assert_int_equal(b->annual, 120000000); /* 1.200.000 kr. */
    assert_true(b->has_recipients);
    assert_true(b->recipients == 2.5);
    assert_true(b->has_price);
    assert_int_equal(b->price, 48000000);
    assert_true(b->has_months);
    assert_int_equal(b->months[0], 10000000);
    assert_int_equal(b->months[11], 10000000);
    b = &ds->budget.items[1];
    assert_false(b->has_recipients);
    assert_false(b->has_price);
    assert_int_equal(b->months[8], 9000000); /* Sep: 90.000 kr. */
    assert_int_equal(b->annual, 60000000);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
}

/* ---- folders written by the tests ------------------------------------- */

static char *write_dir(const char *const *names, const char *const *texts)
{
    char *dir = support_tempdir();
    for (size_t i = 0; names[i]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        support_write_file(path, texts[i], strlen(texts[i]));
    }
    return dir;
}

#define MEASURES_HEADER                                                        \
    "measure_id;child_id;birth_date;target_group;measure_type;"              \
    "provider_kind;caseworker;start_date;monthly_cost\n"
#define MEASURE_ROW "M1;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;5\n"

static kpi_diagnostics *load_fail(const char *const *names,
                                  const char *const *texts)
{
    char *dir = write_dir(names, texts);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    assert_int_equal(kpi_dataset_load(dir, with_reader(), &ds, d),
                     KPI_ERR_INPUT);
    assert_null(ds);
    free(dir);
    return d;
}

static void test_measures_required(void **state)
{
    (void)state;
    const char *names[] = {"cases.csv", NULL};
    const char *texts[] = {"case_id\n", NULL};
    kpi_diagnostics *d = load_fail(names, texts);
    expect(d, 0, KPI_SEVERITY_ERROR, "/measures.csv", 0, NULL,
           "file not found (it is required)");
    /* cases.csv was still read: its missing columns are reported too. */
    assert_true(kpi_diagnostics_count(d) > 1);
    expect(d, 1, KPI_SEVERITY_ERROR, "/cases.csv", 1, "child_id",
           "missing required column 'child_id'");
    kpi_diagnostics_free(d);
}

static void test_cost_columns(void **state)
{
    (void)state;
    const char *names[] = {"measures.csv", NULL};
    const char *none[] = {"measure_id;child_id;birth_date;target_group;"
                          "measure_type;provider_kind;caseworker;start_date\n"
                          "M1;C1;2012-06-15;social;kostskole;own;SB1;"
                          "2026-01-01\n",
                          NULL};
    kpi_diagnostics *d = load_fail(names, none);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    expect(d, 0, KPI_SEVERITY_ERROR, "/measures.csv", 1, "monthly_cost",
           "missing required column 'monthly_cost' (or 'cost' and "
           "'cost_unit')");
    kpi_diagnostics_free(d);

    const char *no_unit[] = {"measure_id;child_id;birth_date;target_group;"
                             "measure_type;provider_kind;caseworker;"
                             "start_date;Takst\n"
                             "M1;C1;2012-06-15;social;kostskole;own;SB1;"
                             "2026-01-01;100\n",
                             NULL};
    d = load_fail(names, no_unit);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    expect(d, 0, KPI_SEVERITY_ERROR, "/measures.csv", 1, "cost_unit",
           "missing required column 'cost_unit' (column 'cost' needs it)");
    kpi_diagnostics_free(d);

    /* Per row: monthly_cost wins; else cost + a unit that must parse. */
    const char *rows[] = {
        "measure_id;child_id;birth_date;target_group;measure_type;"
        "provider_kind;caseworker;start_date;monthly_cost;cost;cost_unit\n"
        "M1;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;;100;uge\n"
        "M2;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;;100;\n"
        "M3;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;;100;time\n"
        "M4;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;;;\n",
        NULL};
    d = load_fail(names, rows);
    assert_int_equal(kpi_diagnostics_count(d), 3);
    expect(d, 0, KPI_SEVERITY_ERROR, "/measures.csv", 3, "cost_unit",
           "missing value (the unit of cost: month, day, week or year)");
    expect(d, 1, KPI_SEVERITY_ERROR, "/measures.csv", 4, "cost_unit",
           "unknown cost unit 'time' (month, day, week or year)");
    expect(d, 2, KPI_SEVERITY_ERROR, "/measures.csv", 5, "monthly_cost",
           "missing value (give monthly_cost, or cost and cost_unit)");
    kpi_diagnostics_free(d);
}

static void test_cpr_in_measures(void **state)
{
    (void)state;
    const char *names[] = {"measures.csv", NULL};
    const char *texts[] = {"measure_id;child_id;birth_date;target_group;"
                           "measure_type;provider_kind;caseworker;"
                           "start_date;monthly_cost\n"
                           "M1;150612-1234;2012-06-15;social;kostskole;own;"
                           "SB1;2026-01-01;5\n",
                           NULL};
    kpi_diagnostics *d = load_fail(names, texts);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    expect(d, 0, KPI_SEVERITY_ERROR, "/measures.csv", 2, "child_id",
           "column 'child_id' looks like CPR numbers (ddmmyy-xxxx); kpi "
           "refuses personal identity numbers: replace them with "
           "pseudonyms");
    kpi_diagnostics_free(d);
}

static void test_budget_csv(void **state)
{
    (void)state;
    /* Without months: has_months false; recipients with a point. */
    const char *names[] = {"measures.csv", "budget.csv", NULL};
    const char *texts[] = {MEASURES_HEADER MEASURE_ROW,
                           "konto;budget;helårspersoner\n"
                           "kostskole;\"1.234,50\";3.25\n",
                           NULL};
    char *dir = write_dir(names, texts);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = load_ok(dir, d);
    free(dir);
    assert_int_equal(ds->budget.count, 1);
    assert_false(ds->budget.items[0].has_months);
    assert_int_equal(ds->budget.items[0].annual, 123450);
    assert_true(ds->budget.items[0].recipients == 3.25);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);

    /* Some months but not all; a duplicate type in a second folder. The
     * messages are kpiread's, as kpi check prints them. */
    const char *partial[] = {MEASURES_HEADER MEASURE_ROW,
                             "type;budget;januar;februar\nkostskole;1;1;1\n",
                             NULL};
    d = load_fail(names, partial);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    expect(d, 0, KPI_SEVERITY_ERROR, "/budget.csv", 1, NULL,
           "the budget has monthly columns, so all twelve are needed; "
           "missing: Mar, Apr, Maj, Jun, Jul, Aug, Sep, Okt, Nov, Dec");
    kpi_diagnostics_free(d);

    const char *dup[] = {MEASURES_HEADER MEASURE_ROW,
                         "measure_type;annual_budget\nkostskole;1\n"
                         "Efterskole, fri fagskole, kostafdeling;2\n",
                         NULL};
    d = load_fail(names, dup);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    expect(d, 0, KPI_SEVERITY_ERROR, "/budget.csv", 3, "measure_type",
           "measure type 'Efterskole, fri fagskole, kostafdeling' appears "
           "twice (first on row 2): give one row per measure type");
    kpi_diagnostics_free(d);
}

/* libkpi reads no budget file itself: without a budget reader a folder
 * with a budget does not load, and the error says what to pass. Without
 * a budget file the reader is not needed. */
static void test_budget_needs_a_reader(void **state)
{
    (void)state;
    const char *names[] = {"measures.csv", "budget.csv", NULL};
    const char *texts[] = {MEASURES_HEADER MEASURE_ROW,
                           "konto;budget\nkostskole;1\n", NULL};
    char *dir = write_dir(names, texts);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = NULL;
    assert_int_equal(kpi_dataset_load(dir, NULL, &ds, d), KPI_ERR_INPUT);
    assert_null(ds);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    expect(d, 0, KPI_SEVERITY_ERROR, "/budget.csv", 0, NULL,
           "the budget is not read: the program that loads the dataset "
           "must pass a budget reader to kpi_dataset_load "
           "(kpi_load_options.budget_reader = kpi_budget_read, of kpiread: "
           "kpi/read.h)");
    kpi_diagnostics_free(d);
    free(dir);

    const char *only[] = {"measures.csv", NULL};
    dir = write_dir(only, texts);
    d = kpi_diagnostics_new(NULL);
    assert_int_equal(kpi_dataset_load(dir, NULL, &ds, d), KPI_OK);
    assert_int_equal(kpi_dataset_budget_count(ds), 0);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
    free(dir);
}

static void test_casework_errors(void **state)
{
    (void)state;
    const char *names[] = {"measures.csv", "complaints.csv", "outcomes.csv",
                           "inspections.csv", NULL};
    const char *texts[] = {
        MEASURES_HEADER MEASURE_ROW,
        "complaint_id;case_id;received_date;decided_date;outcome\n"
        "K1;S1;2026-02-01;2026-01-01;upheld\n"
        "K2;S1;2026-02-01;2026-03-01;\n"
        "K3;S1;2026-02-01;;hjemvist\n"
        "K4;S1;2026-02-01;2026-03-01;vundet\n",
        "child_id;assessment_date;indicator;value\n"
        "C1;2026-01-31;goal;0,7\n"
        "C1;2026-01-31;function;5\n"
        "C1;2026-01-31;school_absence;101\n"
        "C1;2026-01-31;trivsel;1\n",
        "inspection_id;provider;inspection_date;result\n"
        "T1;P;2026-01-01;måske\n",
        NULL};
    kpi_diagnostics *d = load_fail(names, texts);
    const kpi_severity E = KPI_SEVERITY_ERROR;
    size_t i = 0;
    expect(d, i++, E, "/complaints.csv", 2, "decided_date",
           "decided_date 2026-01-01 is before received_date 2026-02-01");
    expect(d, i++, E, "/complaints.csv", 3, "outcome",
           "missing value (the complaint has a decided_date)");
    expect(d, i++, E, "/complaints.csv", 4, "decided_date",
           "missing value (the complaint has an outcome)");
    expect(d, i++, E, "/complaints.csv", 5, "outcome",
           "unknown outcome 'vundet'");
    expect(d, i++, E, "/inspections.csv", 2, "result",
           "unknown result 'måske'");
    expect(d, i++, E, "/outcomes.csv", 2, "value",
           "value '0,7' out of range (1 met, 0.5 partly met or 0 not met)");
    expect(d, i++, E, "/outcomes.csv", 3, "value",
           "value '5' out of range (a score from 0 to 4)");
    expect(d, i++, E, "/outcomes.csv", 4, "value",
           "value '101' out of range (a percentage from 0 to 100)");
    expect(d, i++, E, "/outcomes.csv", 5, "indicator",
           "unknown indicator 'trivsel'");
    assert_int_equal(kpi_diagnostics_count(d), i);
    kpi_diagnostics_free(d);
}

/* Many rows: every one stored, in order, with its line. Speed is measured
 * by bench/, not here; this checks the buffers are reused correctly. */
static void test_many_rows(void **state)
{
    (void)state;
    size_t rows = 50000;
    size_t cap = rows * 80 + 200;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, cap, "%s", MEASURES_HEADER);
    for (size_t i = 0; i < rows; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "M%zu;C%zu;2012-06-15;social;kostskole;own;"
                              "SB%zu;2026-01-01;%zu,50\n",
                              i, i % 997, i % 13, i);
    char *dir = support_tempdir();
    char path[1024];
    snprintf(path, sizeof path, "%s/measures.csv", dir);
    support_write_file(path, text, n);
    free(text);
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_dataset *ds = load_ok(dir, d);
    free(dir);
    assert_int_equal(ds->measures.count, rows);
    const kpi_measure *m = &ds->measures.items[rows - 1];
    assert_string_equal(kpi_symtab_str(ds->ids, m->id), "M49999");
    assert_string_equal(str(ds, m->child), "C149"); /* 49999 % 997 = 149 */
    assert_int_equal(m->price, 4999950);            /* 49999,50 kr. */
    assert_int_equal(m->line, rows + 1);
    kpi_dataset_free(ds);
    kpi_diagnostics_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cp1252_measures),
        cmocka_unit_test(test_all_errors_reported),
        cmocka_unit_test(test_duplicate_id_after_sorting),
        cmocka_unit_test(test_unsorted_ids),
        cmocka_unit_test(test_key_order),
        cmocka_unit_test(test_every_file),
        cmocka_unit_test(test_measures_required),
        cmocka_unit_test(test_cost_columns),
        cmocka_unit_test(test_cpr_in_measures),
        cmocka_unit_test(test_budget_csv),
        cmocka_unit_test(test_budget_needs_a_reader),
        cmocka_unit_test(test_casework_errors),
        cmocka_unit_test(test_many_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
