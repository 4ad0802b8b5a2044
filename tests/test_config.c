/* test_config.c - reading kpi.ini (SPEC §3.10): the SPEC's own example,
 * every kind of error with its line, inline comments, Windows-1252 and
 * BOM/CRLF files, measure-type overrides and aliases, and out of memory
 * at every allocation. Fixtures are in tests/fixtures/config/. */
#include "support.h"

#include <stdlib.h>
#include <string.h>

#define FIXTURE(name) KPI_FIXTURES "/config/" name

/* Reads a fixture into a default configuration; the caller frees both. */
static kpi_config *read_ini(const char *path, kpi_diagnostics **diags,
                            kpi_status *status)
{
    kpi_config *c = kpi_config_new_default(NULL);
    assert_non_null(c);
    *diags = kpi_diagnostics_new(NULL);
    assert_non_null(*diags);
    *status = kpi_config_read(NULL, c, path, "kpi.ini", *diags);
    return c;
}

static int type_index(const kpi_config *c, const char *code)
{
    for (size_t i = 0; i < c->n_types; i++)
        if (strcmp(c->types[i].code, code) == 0)
            return (int)i;
    fail_msg("no measure type %s", code);
    return -1;
}

static void print_diags(const kpi_diagnostics *d)
{
    for (size_t i = 0; i < kpi_diagnostics_count(d); i++)
        kpi_diagnostic_print(kpi_diagnostics_get(d, i), stderr);
}

static void spec_example(void **state)
{
    (void)state;
    kpi_diagnostics *d;
    kpi_status st;
    kpi_config *c = read_ini(FIXTURE("spec_example.ini"), &d, &st);
    print_diags(d);
    assert_int_equal(st, KPI_OK);
    assert_int_equal(kpi_diagnostics_count(d), 0);

    assert_string_equal(c->municipality, "Eksempel Kommune");
    assert_string_equal(c->files[KPI_FILE_BUDGET], "Budget 2026.xlsx");
    for (int f = 0; f < KPI_FILE_COUNT; f++)
        if (f != KPI_FILE_BUDGET)
            assert_null(c->files[f]);

    assert_int_equal(c->n_columns, 1);
    assert_string_equal(c->columns[0].file, "measures");
    assert_int_equal(c->columns[0].count, 1);
    assert_string_equal(c->columns[0].items[0].folded, "startdato");
    assert_string_equal(c->columns[0].items[0].target, "start_date");
    assert_string_equal(
        kpi_config_column_alias(c, "measures", "START DATO", 10), "start_date");

    /* 19 default types plus skibsprojekt, appended last. */
    assert_int_equal(c->n_types, 20);
    const kpi_measure_type *t = &c->types[19];
    assert_string_equal(t->code, "skibsprojekt");
    assert_string_equal(t->name, "Skibsprojekt");
    assert_int_equal(t->category, KPI_CATEGORY_PLACEMENT);
    assert_string_equal(t->function, "5.28.20");
    assert_string_equal(t->law, "");

    /* Folding drops spaces, dots, case: "plejefamilie(sel5237)". */
    assert_int_equal(c->n_type_aliases, 2);
    assert_string_equal(c->type_aliases[0].folded, "plejefamilie(sel5237)");
    assert_string_equal(c->type_aliases[0].target, "almen_plejefamilie");
    assert_string_equal(c->type_aliases[1].folded, "5233");
    assert_string_equal(c->type_aliases[1].target, "familiebehandling");
    assert_int_equal(
        kpi_config_find_type(c, "Plejefamilie (SEL 52.3.7)", (size_t)-1),
        type_index(c, "almen_plejefamilie"));
    assert_int_equal(kpi_config_find_type(c, "52.3.3", (size_t)-1),
                     type_index(c, "familiebehandling"));

    /* 10 / 100 is the double nearest 0.10, as is the literal. */
    assert_true(c->high_cost_share == 0.10);

    /* 860000 kr. = 86 000 000 øre, etc. */
    assert_int_equal(c->n_reimbursement, 1);
    assert_int_equal(c->reimbursement[0].year, 2026);
    assert_int_equal(c->reimbursement[0].rule.thresholds[0], 86000000);
    assert_int_equal(c->reimbursement[0].rule.thresholds[1], 168000000);
    assert_int_equal(c->reimbursement[0].rule.thresholds[2], 212000000);
    assert_true(c->reimbursement[0].rule.rates[0] == 0.25);
    assert_true(c->reimbursement[0].rule.rates[1] == 0.50);
    assert_true(c->reimbursement[0].rule.rates[2] == 0.75);

    assert_int_equal(c->n_targets, 1);
    const kpi_target *tg = kpi_config_target(c, "placed_children");
    assert_non_null(tg);
    assert_string_equal(tg->stat, "count");
    assert_true(tg->yellow == 160.0);
    assert_true(tg->red == 175.0);

    /* "group = fagchef   ; fagudvalg, ..." keeps only "fagchef"; the
     * commented-out team and caseworker lines leave them empty. */
    assert_int_equal(c->n_recipients, 1);
    const kpi_recipient *r = &c->recipients[0];
    assert_string_equal(r->key, "anne");
    assert_string_equal(r->name, "Anne Andersen");
    assert_string_equal(r->group, "fagchef");
    assert_string_equal(r->email, "anne@example.dk");
    assert_string_equal(r->team, "");
    assert_string_equal(r->caseworker, "");

    assert_true(c->smtp.present);
    assert_string_equal(c->smtp.host, "smtp.example.dk");
    assert_int_equal(c->smtp.port, 587);
    assert_string_equal(c->smtp.from, "lis@example.dk");
    assert_string_equal(c->smtp.user, "lis");

    assert_string_equal(c->budget.sheet, "");
    assert_int_equal(c->budget.header_row, 0);

    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);
}

/* Every line of errors.ini that is wrong, with why (see the fixture). */
static void errors(void **state)
{
    (void)state;
    static const struct {
        unsigned long line;
        const char *column; /* NULL: none */
        const char *text;   /* part of the message */
    } want[] = {
        {1, "name", "comes before any section header"},
        {2, NULL,
         "unknown section [colums.measures]; valid sections: "
         "municipality, files, columns.FILE"},
        /* line 3 belongs to the unknown section: not reported again */
        {4, "yellow", "[target.placed_children] needs yellow"},
        {5, "yelow",
         "unknown key 'yelow' in [target.placed_children]; "
         "valid keys: yellow, red, stat"},
        {8, "share", "share must be a number above 0 and at most 1, not '1.5'"},
        {10, "port", "port must be a number from 1 to 65535, not '70000'"},
        {11, "password", "environment variable KPI_SMTP_PASSWORD"},
        {12, "from", "'lis.example.dk' is not an e-mail address"},
        {14, "header_row", "header_row must be a row number from 1"},
        {15, "name", "[measure_type.nyt] adds a measure type and needs a name"},
        {15, "category",
         "[measure_type.nyt] adds a measure type and needs a "
         "category"},
        {16, "category", "category must be placement or preventive"},
        {19, "email", "'anne.example.dk' is not an e-mail address"},
        {20, "group",
         "'group' is given twice in [recipient anne] (first on "
         "line 18)"},
        {21, NULL, "[recipient anne] is given twice (first on line 17)"},
        {22, "team", "[recipient bo] is an afdelingsleder and needs a team"},
        {25, "budget",
         "'../budget.xlsx' must be a file name inside the "
         "dataset folder"},
        {26, "budgets",
         "unknown key 'budgets' in [files]; valid keys: "
         "measures, cases"},
        {28, "start_dato", "unknown key 'start_dato' in [columns.measures]"},
        {30, NULL, "alias names 'no_such_type', which is not a measure type"},
        {31, NULL, "'no_such_figure' is not a key figure id"},
        {32, "thresholds", "[reimbursement.2026] needs thresholds"},
        {32, "rates", "[reimbursement.2026] needs rates"},
        {33, "thresholds", "thresholds must ascend"},
        {34, NULL, "the year must have four digits"},
        {35, NULL,
         "expected 'key = value', not 'this line has no equals "
         "sign'"},
        {36, NULL, "unexpected text 'name = X' after the section header"},
        {37, NULL, "unknown section [unknown]"},
        /* line 38 belongs to the unknown section */
        {39, "caseworker",
         "[recipient cw] is a sagsbehandler and needs a "
         "caseworker"},
        {41, "thresholds", "[reimbursement.2027] needs thresholds"},
        {41, "rates", "[reimbursement.2027] needs rates"},
        {42, "rates", "rate '1.5' is not a number between 0 and 1"},
        {44, "reimbursable",
         "reimbursable must be yes or no (ja, nej), not 'maybe'"},
    };
    kpi_diagnostics *d;
    kpi_status st;
    kpi_config *c = read_ini(FIXTURE("errors.ini"), &d, &st);
    assert_int_equal(st, KPI_ERR_INPUT);
    size_t n = sizeof want / sizeof want[0];
    if (kpi_diagnostics_count(d) != n)
        print_diags(d);
    assert_int_equal(kpi_diagnostics_count(d), n);
    assert_int_equal(kpi_diagnostics_error_count(d), n);
    for (size_t i = 0; i < n; i++) {
        bool found = false;
        for (size_t k = 0; k < kpi_diagnostics_count(d) && !found; k++) {
            const kpi_diagnostic *g = kpi_diagnostics_get(d, k);
            found = g->line == want[i].line &&
                    strcmp(g->file, "kpi.ini") == 0 &&
                    (want[i].column
                         ? g->column && strcmp(g->column, want[i].column) == 0
                         : g->column == NULL) &&
                    strstr(g->message, want[i].text) != NULL;
        }
        if (!found)
            fail_msg("no diagnostic at line %lu: %s", want[i].line,
                     want[i].text);
    }
    /* The good values around the bad ones were still taken. */
    assert_true(kpi_config_target(c, "placed_children")->red == 175.0);
    assert_true(c->high_cost_share == 0.10);
    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);
}

static void types_and_aliases(void **state)
{
    (void)state;
    kpi_diagnostics *d;
    kpi_status st;
    kpi_config *c = read_ini(FIXTURE("types.ini"), &d, &st);
    print_diags(d);
    assert_int_equal(st, KPI_OK);

    /* One default overridden in place, two appended: 19 + 2. */
    assert_int_equal(c->n_types, 21);
    const kpi_measure_type *t = &c->types[type_index(c, "almen_plejefamilie")];
    assert_string_equal(t->name, "Plejefamilie (almen)");
    assert_string_equal(t->function, "5.28.21");
    assert_int_equal(t->category, KPI_CATEGORY_PLACEMENT);
    assert_string_equal(t->law, "BL § 43, stk. 1, nr. 1");

    t = &c->types[19];
    assert_string_equal(t->code, "skibsprojekt");
    assert_int_equal(t->category, KPI_CATEGORY_PLACEMENT); /* Anbringelse */
    assert_string_equal(t->law, "BL § 43, stk. 1, nr. 6");
    /* reimbursable = Nej: objective financing, outside BL § 198; every
     * other type is inside it unless kpi.ini says otherwise. */
    assert_true(t->not_reimbursable);
    assert_false(c->types[type_index(c, "almen_plejefamilie")].not_reimbursable);
    /* Indented keys are keys, not continuations of the previous value. */
    t = &c->types[20];
    assert_string_equal(t->code, "mentor");
    assert_string_equal(t->name, "Mentorordning");
    assert_int_equal(t->category, KPI_CATEGORY_PREVENTIVE); /* forebyggende */
    assert_string_equal(t->function, "");
    assert_false(t->not_reimbursable); /* reimbursable = yes */

    /* The colon in the alias does not split the key (inih would). */
    assert_int_equal(kpi_config_find_type(
                         c, "Børne- og ungehjem: døgninstitution", (size_t)-1),
                     type_index(c, "doegninstitution"));
    /* Targets written in another case resolve to the type's code, also
     * for a type defined after the alias. */
    assert_int_equal(kpi_config_find_type(c, "skib", (size_t)-1), 19);
    assert_string_equal(c->type_aliases[1].target, "skibsprojekt");
    assert_int_equal(kpi_config_find_type(c, "aflastning § 52", (size_t)-1),
                     type_index(c, "stoetteophold"));
    assert_string_equal(c->type_aliases[2].target, "stoetteophold");
    /* Ungestøtte as a døgnophold is a placement (DST counts it among the
     * placed); eftervaern, contact person and other support, is not. A
     * budget row under eftervaern's former name still finds eftervaern. */
    t = &c->types[type_index(c, "ungestoette_doegnophold")];
    assert_int_equal(t->category, KPI_CATEGORY_PLACEMENT);
    assert_string_equal(t->name,
                        "Ungestøtte: døgnophold på anbringelsesstedet (18–22 år)");
    t = &c->types[type_index(c, "eftervaern")];
    assert_int_equal(t->category, KPI_CATEGORY_PREVENTIVE);
    assert_int_equal(kpi_config_find_type(
                         c, "Efterværn og ungestøtte (18–22 år)", (size_t)-1),
                     type_index(c, "eftervaern"));
    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);
}

static void columns_and_values(void **state)
{
    (void)state;
    kpi_diagnostics *d;
    kpi_status st;
    kpi_config *c = read_ini(FIXTURE("columns.ini"), &d, &st);
    print_diags(d);
    assert_int_equal(st, KPI_OK);

    /* "Startdato | Begyndt": two aliases of one column. */
    assert_string_equal(kpi_config_column_alias(c, "measures", "Begyndt", 7),
                        "start_date");
    assert_string_equal(kpi_config_column_alias(c, "measures", "startdato", 9),
                        "start_date");
    assert_string_equal(kpi_config_column_alias(c, "measures", "Slutdato", 8),
                        "end_date");
    assert_null(kpi_config_column_alias(c, "postings", "Slutdato", 8));
    assert_string_equal(
        kpi_config_column_alias(c, "postings", "BELØB", strlen("BELØB")),
        "amount");
    /* [budget] column keys and [columns.budget] share one set. */
    assert_string_equal(c->budget.sheet, "Budget 2026");
    assert_int_equal(c->budget.header_row, 3);
    assert_string_equal(
        kpi_config_column_alias(c, "budget", "Korrigeret budget", 17),
        "annual_budget");
    assert_string_equal(kpi_config_column_alias(c, "budget", "Helårspersoner",
                                                strlen("Helårspersoner")),
                        "full_year_recipients");
    assert_int_equal(c->n_columns, 3);

    assert_string_equal(c->files[KPI_FILE_POSTINGS], "Bogføring 2026.csv");
    assert_string_equal(c->files[KPI_FILE_MEASURES], "Foranstaltninger.csv");

    /* "12,5 %" = 125 / 1000. */
    assert_true(c->high_cost_share == 0.125);
    /* "860.000 kr." with a thousands dot = 860000 kr.; "75 %" = 0.75. */
    kpi_reimbursement_source src;
    kpi_config_reimbursement(c, 2025, &src);
    kpi_reimbursement_rule rule = src.rule;
    assert_int_equal(rule.thresholds[0], 86000000);
    assert_int_equal(rule.thresholds[1], 168000000);
    assert_int_equal(rule.thresholds[2], 212000000);
    assert_true(rule.rates[1] == 0.5);
    assert_true(rule.rates[2] == 0.75);
    /* The year's own section: no warning. */
    assert_int_equal(src.year, 2025);
    assert_int_equal(src.source_year, 2025);
    char w[512];
    assert_int_equal(kpi_reimbursement_warning(&src, w, sizeof w), 0);
    assert_string_equal(w, "");
    /* 2026 has none: the latest earlier year's amounts, and a warning
     * that names the year, the amounts used and where they come from. */
    kpi_config_reimbursement(c, 2026, &src);
    assert_int_equal(src.year, 2026);
    assert_int_equal(src.source_year, 2025);
    assert_int_equal(src.rule.thresholds[0], 86000000);
    /* (The whole text: test_high_cost_cases.c.) */
    assert_true(kpi_reimbursement_warning(&src, w, sizeof w) > 0);
    assert_non_null(strstr(w, "[reimbursement.2026]: the BL § 198 "
                              "reimbursement for 2026 uses those of "
                              "[reimbursement.2025], thresholds 860000.00"));
    assert_non_null(strstr(w, "regulated every year"));
    /* 2024 is before every section: the law's 2022 level. */
    kpi_config_reimbursement(c, 2024, &src);
    assert_int_equal(src.source_year, 0);
    assert_true(kpi_reimbursement_warning(&src, NULL, 0) > 0);
    kpi_reimbursement_warning(&src, w, sizeof w);
    assert_non_null(strstr(w, "[reimbursement.2024]: the BL § 198 "
                              "reimbursement for 2024 uses the law's 2022 "
                              "level, thresholds 860000.00"));

    /* Higher is better here: yellow above red. */
    const kpi_target *tg = kpi_config_target(c, "deadlines_met");
    assert_non_null(tg);
    assert_true(tg->yellow == 0.9);
    assert_true(tg->red == 0.8);
    assert_string_equal(tg->stat, "share");

    assert_int_equal(c->n_recipients, 2);
    assert_string_equal(c->recipients[0].group, "afdelingsleder");
    assert_string_equal(c->recipients[0].team, "Team Syd");
    assert_string_equal(c->recipients[1].group, "sagsbehandler");
    assert_string_equal(c->recipients[1].caseworker, "SB007");
    assert_string_equal(c->recipients[1].name, "");
    assert_false(c->smtp.present);
    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);
}

/* Å is 0xC5 and Ø 0xD8 in Windows-1252; UTF-8 0xC3 0x85 and 0xC3 0x98. */
static void windows_1252(void **state)
{
    (void)state;
    kpi_diagnostics *d;
    kpi_status st;
    kpi_config *c = read_ini(FIXTURE("cp1252.ini"), &d, &st);
    print_diags(d);
    assert_int_equal(st, KPI_OK);
    assert_string_equal(c->municipality, "\xc3\x85rhus Kommune");
    assert_int_equal(c->n_recipients, 1);
    assert_string_equal(c->recipients[0].team, "Team \xc3\x98st");
    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);

    c = read_ini(FIXTURE("bom_crlf.ini"), &d, &st);
    assert_int_equal(st, KPI_OK);
    assert_string_equal(c->municipality, "Ærø Kommune");
    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);
}

static void missing_file(void **state)
{
    (void)state;
    kpi_diagnostics *d;
    kpi_status st;
    kpi_config *c = read_ini(FIXTURE("no_such_file.ini"), &d, &st);
    assert_int_equal(st, KPI_ERR_IO);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 0);
    assert_string_equal(c->municipality, "");
    kpi_config_free(NULL, c);
    kpi_diagnostics_free(d);
}

/* Reads text written to a temporary kpi.ini; returns the status and the
 * diagnostics (caller frees). */
static kpi_status read_text(const char *text, size_t len,
                            kpi_diagnostics **diags)
{
    char *dir = support_tempdir();
    char path[600];
    snprintf(path, sizeof path, "%s/kpi.ini", dir);
    support_write_file(path, text, len);
    kpi_config *c = kpi_config_new_default(NULL);
    *diags = kpi_diagnostics_new(NULL);
    kpi_status st = kpi_config_read(NULL, c, path, "kpi.ini", *diags);
    kpi_config_free(NULL, c);
    remove(path);
    remove(dir);
    free(dir);
    return st;
}

/* Lines inih would mishandle are reported by the reader with their line. */
static void awkward_lines(void **state)
{
    (void)state;
    kpi_diagnostics *d;
    /* Line 3: 10 + 200 characters, more than inih's 200-byte buffer
     * holds; line 4: the '=' is inside the inline comment. */
    char text[512];
    char longname[201];
    memset(longname, 'x', 200);
    longname[200] = '\0';
    snprintf(text, sizeof text,
             "[municipality]\n; a comment\nname = %s\nname ; = x\n", longname);
    assert_int_equal(read_text(text, strlen(text), &d), KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 2);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 3);
    assert_non_null(strstr(kpi_diagnostics_get(d, 0)->message, "longer"));
    assert_int_equal(kpi_diagnostics_get(d, 1)->line, 4);
    assert_non_null(
        strstr(kpi_diagnostics_get(d, 1)->message, "expected 'key = value'"));
    kpi_diagnostics_free(d);

    /* 0x81 is undefined in Windows-1252 (and not UTF-8): line 2. */
    static const char bad[] = "[municipality]\nname = \x81rhus\n";
    assert_int_equal(read_text(bad, sizeof bad - 1, &d), KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 1);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 2);
    assert_non_null(strstr(kpi_diagnostics_get(d, 0)->message, "0x81"));
    kpi_diagnostics_free(d);
}

/* [smtp]'s keys of issue 20: tls one of three words, the timeouts 1 to
 * 86400 seconds; each wrong one named with its line. */
static void smtp_transport_keys(void **state)
{
    (void)state;
    kpi_diagnostics *d;
    static const char good[] =
        "[smtp]\nhost = smtp.example.dk\nfrom = lis@example.dk\n"
        "tls = implicit\nca_file = kommune-ca.pem\ncommand_timeout = 300\n"
        "data_done_timeout = 86400\n";
    assert_int_equal(read_text(good, sizeof good - 1, &d), KPI_OK);
    kpi_diagnostics_free(d);
    static const char bad[] = "[smtp]\ntls = yes\ncommand_timeout = 0\n"
                              "data_done_timeout = 86401\n";
    assert_int_equal(read_text(bad, sizeof bad - 1, &d), KPI_ERR_INPUT);
    assert_int_equal(kpi_diagnostics_count(d), 3);
    assert_int_equal(kpi_diagnostics_get(d, 0)->line, 2);
    assert_non_null(strstr(kpi_diagnostics_get(d, 0)->message,
                           "tls must be starttls, implicit or "
                           "none-on-loopback, not 'yes'"));
    assert_int_equal(kpi_diagnostics_get(d, 1)->line, 3);
    assert_non_null(strstr(kpi_diagnostics_get(d, 1)->message,
                           "command_timeout must be a number of seconds "
                           "from 1 to 86400, not '0'"));
    assert_int_equal(kpi_diagnostics_get(d, 2)->line, 4);
    assert_non_null(strstr(kpi_diagnostics_get(d, 2)->message,
                           "data_done_timeout must be a number of seconds "
                           "from 1 to 86400, not '86401'"));
    kpi_diagnostics_free(d);
}

/* Fails each allocation of kpi_config_read in turn: every run returns
 * NOMEM (or, once enough succeed, the normal status) and frees all. */
static void out_of_memory(void **state)
{
    (void)state;
    static const struct {
        const char *path;
        kpi_status normal;
    } files[] = {
        {FIXTURE("spec_example.ini"), KPI_OK},
        {FIXTURE("errors.ini"), KPI_ERR_INPUT},
        {FIXTURE("cp1252.ini"), KPI_OK},
        {FIXTURE("types.ini"), KPI_OK},
    };
    for (size_t fi = 0; fi < sizeof files / sizeof files[0]; fi++) {
        bool done = false;
        for (size_t n = 0; !done; n++) {
            support_failing f = {0};
            kpi_allocator a = support_failing_allocator(&f);
            kpi_config *c = kpi_config_new_default(&a);
            assert_non_null(c);
            /* n more allocations succeed, then every one fails */
            f.fail = atomic_load(&f.calls) + (long)n + 1;
            f.from = true;
            kpi_diagnostics *d = kpi_diagnostics_new(NULL);
            kpi_status st =
                kpi_config_read(&a, c, files[fi].path, "kpi.ini", d);
            if (st == files[fi].normal)
                done = true;
            else
                assert_int_equal(st, KPI_ERR_NOMEM);
            kpi_config_free(&a, c);
            kpi_diagnostics_free(d);
            assert_int_equal(atomic_load(&f.live), 0);
            assert_true(n < 10000);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spec_example),
        cmocka_unit_test(errors),
        cmocka_unit_test(types_and_aliases),
        cmocka_unit_test(columns_and_values),
        cmocka_unit_test(windows_1252),
        cmocka_unit_test(missing_file),
        cmocka_unit_test(awkward_lines),
        cmocka_unit_test(smtp_transport_keys),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
