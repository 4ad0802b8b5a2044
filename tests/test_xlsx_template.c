/* test_xlsx_template.c - the workbook engine: template parsing, file
 * names, and what a rendered table holds (formulas with kpi's numbers). */
#include "support.h"

#include "book.h"
#include "kpi/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static kpi_status parse(const char *text, char *err, size_t n)
{
    kpi_book_template *t = NULL;
    kpi_status st = kpi_book_template_parse(text, strlen(text), "t.ini", &t,
                                            err, n);
    kpi_book_template_free(t);
    return st;
}

static const char minimal[] = "[workbook]\n"
                              "file = x-{month}.xlsx\n"
                              "[sheet s]\n"
                              "name = Ark\n"
                              "[table t]\n"
                              "sheet = s\n"
                              "rows = measure_type\n"
                              "total = I alt\n"
                              "[column t.a]\n"
                              "value = spend {to_date} amount\n"
                              "format = money\n"
                              "total = sum\n"
                              "[column t.b]\n"
                              "value = spend {to_date} budget\n"
                              "format = money\n"
                              "total = sum\n"
                              "[column t.d]\n"
                              "value = spend {to_date} deviation\n"
                              "formula = {a}-{b}\n"
                              "format = money\n";

static void test_builtin_templates_parse(void **state)
{
    (void)state;
    char err[512];
    size_t n = 0;
    for (const char *name; (name = kpi_book_template_builtin_name(n)); n++) {
        kpi_book_template *t = NULL;
        kpi_status st = kpi_book_template_builtin(name, &t, err, sizeof err);
        if (st != KPI_OK)
            fail_msg("%s: %s", name, err);
        kpi_book_template_free(t);
    }
    assert_true(n >= 1);
    kpi_book_template *t = NULL;
    assert_int_equal(kpi_book_template_builtin("nope", &t, err, sizeof err),
                     KPI_ERR_ARG);
    assert_null(t);
}

static void test_file_name(void **state)
{
    (void)state;
    kpi_book_template *t = NULL;
    assert_int_equal(kpi_book_template_builtin("oekonomi", &t, NULL, 0),
                     KPI_OK);
    char buf[64];
    kpi_month m = {2026, 3};
    assert_int_equal(kpi_book_file_name(t, m, NULL, buf, sizeof buf), KPI_OK);
    assert_string_equal(buf, "oekonomi-2026-03.xlsx");
    /* "oekonomi-2026-03.xlsx" is 21 bytes and a NUL: 21 do not hold it. */
    assert_int_equal(kpi_book_file_name(t, m, NULL, buf, 21), KPI_ERR_RANGE);
    kpi_book_template_free(t);
}

static void test_errors_name_the_line(void **state)
{
    (void)state;
    char err[512];
    assert_int_equal(parse(minimal, err, sizeof err), KPI_OK);

    /* A typo in a key. */
    char *bad = malloc(sizeof minimal + 64);
    strcpy(bad, minimal);
    strcat(bad, "[column t.e]\nvalu = spend 2026 amount\n");
    assert_int_equal(parse(bad, err, sizeof err), KPI_ERR_INPUT);
    if (!strstr(err, "t.ini:22: valu: unknown key"))
        fail_msg("%s", err);

    /* A formula naming a column that does not exist. */
    strcpy(bad, minimal);
    strcat(bad, "[column t.e]\nvalue = spend 2026 share\nformula = {zz}/2\n");
    assert_int_equal(parse(bad, err, sizeof err), KPI_ERR_INPUT);
    assert_non_null(strstr(err, "formula"));

    /* An unknown section. */
    strcpy(bad, minimal);
    strcat(bad, "[tabel x]\n");
    assert_int_equal(parse(bad, err, sizeof err), KPI_ERR_INPUT);
    assert_non_null(strstr(err, "t.ini:21: unknown section '[tabel x]'"));

    /* A table on a sheet that was never declared. */
    assert_int_equal(parse("[workbook]\nfile = x\n[table t]\nsheet = nope\n"
                           "rows = months\n[column t.a]\nvalue = a b c\n",
                           err, sizeof err),
                     KPI_ERR_INPUT);
    assert_non_null(strstr(err, "names no declared sheet"));

    /* A record field of another kind of rows (an open case's count under
     * the measures), and a selection the engine does not know. */
    static const char records[] = "[workbook]\nfile = x\n[sheet s]\nname = A\n"
                                  "[table t]\nsheet = s\nrows = disposition\n"
                                  "%s\n[column t.a]\nfield = %s\n";
    char text[256];
    snprintf(text, sizeof text, records, "select = active", "month_amount");
    if (parse(text, err, sizeof err) != KPI_OK)
        fail_msg("%s", err);
    snprintf(text, sizeof text, records, "select = active", "overdue");
    assert_int_equal(parse(text, err, sizeof err), KPI_ERR_INPUT);
    if (!strstr(err, "'overdue' is not a field of these rows"))
        fail_msg("%s", err);
    snprintf(text, sizeof text, records, "select = soon", "measure_id");
    assert_int_equal(parse(text, err, sizeof err), KPI_ERR_INPUT);
    assert_non_null(strstr(err, "expected all, active or ended"));
    snprintf(text, sizeof text, records, "rows = issues", "message");
    assert_int_equal(parse(text, err, sizeof err), KPI_OK);
    free(bad);
}

/* include = NAME takes an embedded template's names and tables; columns =
 * copies a table's columns (all, or the ones named) from a table above or
 * in an included template, as if declared again. */
static void test_include_and_columns(void **state)
{
    (void)state;
    static const char text[] =
        "[workbook]\n"
        "file = x.xlsx\n"
        "include = oekonomi\n"
        "[names.category]\n"
        "extra = Ekstra\n"
        "[sheet s]\n"
        "name = Ark\n"
        "[table a]\n"
        "sheet = s\n"
        "rows = measure_type\n"
        "columns = typer budget booked consumption\n"
        "[column a.own]\n"
        "value = forecast {year} amount\n"
        "[table b]\n"
        "sheet = s\n"
        "rows = category\n"
        "columns = a\n";
    kpi_book_template *t = NULL;
    char err[512];
    assert_int_equal(kpi_book_template_parse(text, strlen(text), "t.ini", &t,
                                             err, sizeof err),
                     KPI_OK);
    /* oekonomi's names first, in their order, then the template's own. */
    assert_string_equal(kpi_xlsx_book_name_of(t, "category", "placement"),
                        "Anbringelser");
    assert_string_equal(kpi_xlsx_book_name_of(t, "unit", "day"), "døgn");
    assert_string_equal(t->names[t->n_names - 1].code, "extra");
    /* Only this template's sheets and tables are rendered. */
    assert_int_equal(t->n_sheets, 1);
    assert_int_equal(t->n_tables, 2);
    const book_table *a = &t->tables[0], *b = &t->tables[1];
    assert_int_equal(a->n_cols, 4);
    assert_string_equal(a->cols[0].id, "budget");
    assert_string_equal(a->cols[0].heading, "Årsbudget");
    assert_string_equal(a->cols[0].value.stat, "budget");
    assert_string_equal(a->cols[2].id, "consumption");
    assert_string_equal(a->cols[2].formula, "IF({budget}=0,\"\",{booked}/{budget})");
    assert_string_equal(a->cols[3].id, "own");
    assert_int_equal(b->n_cols, 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(b->cols[i].id, a->cols[i].id);
        assert_ptr_not_equal(b->cols[i].id, a->cols[i].id); /* copies */
    }
    kpi_book_template_free(t);

    /* A template that is not there, a table or column that is not there,
     * a column given twice. */
    static const struct {
        const char *text, *error;
    } bad[] = {
        {"[workbook]\nfile = x\ninclude = nope\n",
         "t.ini:3: include: no template 'nope' (the templates are: "
         "oekonomi, pakke)"},
        {"[workbook]\nfile = x\n[table a]\ncolumns = typer\n",
         "t.ini:4: columns: 'typer': expected 'TABLE [COLUMN ...]', a table "
         "declared above or in an included template"},
        {"[workbook]\nfile = x\ninclude = oekonomi\n[table a]\n"
         "columns = typer budget nope\n",
         "t.ini:5: columns: no column 'nope' in table 'typer'"},
        {"[workbook]\nfile = x\ninclude = oekonomi\n[table a]\n"
         "columns = typer budget budget\n",
         "t.ini:5: columns: table 'a' has a column 'budget' already"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i].text, err, sizeof err), KPI_ERR_INPUT);
        assert_string_equal(err, bad[i].error);
    }
}

/* An include that comes back to a template being read is refused (the
 * embedded templates are read inside a chain of the names being read). */
static void test_include_cycle(void **state)
{
    (void)state;
    static const char text[] = "[workbook]\nfile = x\ninclude = pakke\n";
    book_chain chain = {"oekonomi", NULL};
    book_chain inner = {"pakke", &chain};
    kpi_book_template *t = NULL;
    char err[512];
    assert_int_equal(kpi_xlsx_book_template_parse(text, strlen(text), "t.ini",
                                                  &inner, &t, err, sizeof err),
                     KPI_ERR_INPUT);
    assert_null(t);
    assert_string_equal(err, "t.ini:3: include: 'pakke' would include itself "
                             "(directly or through another template)");
    /* The other way round: pakke includes oekonomi, which would come back
     * to pakke. */
    static const char back[] = "[workbook]\nfile = x\ninclude = oekonomi\n";
    assert_int_equal(kpi_xlsx_book_template_parse(back, strlen(back), "t.ini",
                                                  &inner, &t, err, sizeof err),
                     KPI_ERR_INPUT);
    assert_string_equal(err, "t.ini:3: include: 'oekonomi' would include "
                             "itself (directly or through another template)");
}

/* A workbook to write from a template: the dataset (the case's, freed
 * with it), its figures for March 2026, the parsed template and a path in
 * a fresh folder. */
typedef struct book_case {
    kpi_dataset *ds;
    kpi_figures *f;
    kpi_book_template *t;
    char *dir;
    char path[1024];
    kpi_book_input in;
} book_case;

static void case_open(book_case *c, kpi_dataset *ds, const char *template)
{
    c->ds = ds;
    c->f = support_compute(ds, "2026-03");
    c->t = NULL;
    assert_int_equal(kpi_book_template_parse(template, strlen(template),
                                             "t.ini", &c->t, NULL, 0),
                     KPI_OK);
    c->dir = support_tempdir();
    snprintf(c->path, sizeof c->path, "%s/x.xlsx", c->dir);
    c->in = (kpi_book_input){.dataset = ds, .figures = c->f,
                             .month = {2026, 3}};
}

static void case_close(book_case *c)
{
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", c->dir);
    assert_int_equal(system(cmd), 0);
    free(c->dir);
    kpi_book_template_free(c->t);
    kpi_figures_free(c->f);
    kpi_dataset_free(c->ds);
}

/* Postings of almen_plejefamilie (25.000 kr. in February) and, with two,
 * of familiebehandling (20.000 kr. in March), and their budgets. */
static kpi_dataset *booked_types(int two)
{
    kpi_dataset *ds = support_dataset();
    support_add_posting(ds, "2026-02", "almen_plejefamilie", "expense", NULL,
                        "25.000,00", NULL);
    support_add_budget(ds, "almen_plejefamilie", "120.000,00", NULL, NULL,
                       NULL);
    if (two) {
        support_add_posting(ds, "2026-03", "familiebehandling", "expense",
                            NULL, "20.000,00", NULL);
        support_add_budget(ds, "familiebehandling", "60.000,00", NULL, NULL,
                           NULL);
    }
    return ds;
}

/* Two measure types with postings and a budget; the table must carry the
 * deviation as a formula with kpi's number and the total as SUBTOTAL with
 * the exact sum.
 *
 * Budget (annual, spread evenly): almen_plejefamilie 120.000 kr. ->
 * 10.000 a month, to date (Jan-Mar) 30.000; familiebehandling 60.000 ->
 * 5.000 a month, 15.000 to date. Booked: 25.000 and 20.000.
 * Row almen:  a = 25.000, b = 30.000, d = -5.000  (=B?-C?)
 * Row famil.: a = 20.000, b = 15.000, d =  5.000
 * Total:      a = 45.000, b = 45.000, d =  0. */
static void test_render_formulas_carry_kpi_numbers(void **state)
{
    (void)state;
    kpi_dataset *ds = booked_types(1);
    support_add_measure(ds, &(support_measure){.id = "M1", .child = "B1",
                                               .type = "almen_plejefamilie",
                                               .start = "2026-01-01",
                                               .price = "10.000,00"});
    book_case c;
    case_open(&c, ds, minimal);
    assert_int_equal(row_money(c.f, "spend", "2026-01..2026-03", "total",
                               "deviation"),
                     0);
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, NULL, 0), KPI_OK);

    char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
    /* Header in row 1, almen_plejefamilie in row 2, familiebehandling in
     * row 3 (export order), total in row 4. */
    assert_non_null(strstr(xml, "<c r=\"D2\" s=\""));
    assert_non_null(strstr(xml, "<f>B2-C2</f><v>-5000</v>"));
    assert_non_null(strstr(xml, "<f>B3-C3</f><v>5000</v>"));
    assert_non_null(strstr(xml, "<f>SUBTOTAL(9,B2:B3)</f><v>45000</v>"));
    assert_non_null(strstr(xml, "<f>SUBTOTAL(9,C2:C3)</f><v>45000</v>"));
    assert_non_null(strstr(xml, "<f>B4-C4</f><v>0</v>"));
    free(xml);
    case_close(&c);
}

static const char *mask_almen(const kpi_row *row, void *ctx)
{
    (void)ctx;
    return row->member && !strcmp(row->member, "almen_plejefamilie") ? "<5"
                                                                      : NULL;
}

static void test_masked_member_breaks_the_sum(void **state)
{
    (void)state;
    kpi_dataset *ds = booked_types(1);
    support_add_measure(ds, &(support_measure){.id = "M1", .child = "B1",
                                               .type = "almen_plejefamilie",
                                               .start = "2026-01-01",
                                               .price = "10.000,00"});
    book_case c;
    case_open(&c, ds, minimal);
    c.in.row_mask = mask_almen;
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, NULL, 0), KPI_OK);
    char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
    char *strings = support_read_part(c.path, "xl/sharedStrings.xml");
    assert_non_null(strstr(strings, "&lt;5"));
    /* Row 2 is masked: no formula over it, and the total is kpi's value
     * (45.000 kr.), not SUBTOTAL over a row with a hidden cell. */
    assert_null(strstr(xml, "B2-C2"));
    assert_null(strstr(xml, "SUBTOTAL"));
    assert_non_null(strstr(xml, "<v>45000</v>"));
    free(xml);
    free(strings);
    case_close(&c);
}

/* The Overblik's headlines table (issue 14): one row per figure in the
 * pack, the headline now, the same day last year and the change. */
static const char overblik[] = "[workbook]\nfile = x.xlsx\ndrop_empty = yes\n"
                               "[sheet o]\nname = Overblik\none_page = yes\n"
                               "[table h]\nsheet = o\nlabel = Nøgletal\n"
                               "rows = headlines\n"
                               "[column h.now]\nfield = now\n"
                               "[column h.last]\nfield = last_year\n"
                               "[column h.change]\nfield = change\n";

static bool only_placed(const kpi_row *row, void *ctx)
{
    (void)ctx;
    return !strcmp(row->kpi_id, "placed_children");
}

static const char *mask_now(const kpi_row *row, void *ctx)
{
    (void)ctx;
    return !strcmp(row->period, "2026-03-31") ? "<5" : NULL;
}

/* B1 placed since 2025-01-01, B2 since 2026-01-01 (both ongoing). The
 * headline of placed_children is the count on the report month's last
 * day: 31-03-2026: B1 and B2 = 2; the same day last year, 31-03-2025: B1
 * = 1; the change 2 - 1 = 1, as the formula B2-C2 over the row's cells
 * (row 1 is the header, placed_children the only figure in the pack).
 * With "now" masked the change would give it away (now = 1 + change):
 * it is "..", with no formula. */
static void test_overblik_headlines(void **state)
{
    (void)state;
    for (int masked = 0; masked < 2; masked++) {
        kpi_dataset *ds = support_dataset();
        support_add_measure(ds, &(support_measure){.id = "M1", .child = "B1",
                                                   .type = "almen_plejefamilie",
                                                   .start = "2025-01-01",
                                                   .price = "30.000,00"});
        support_add_measure(ds, &(support_measure){.id = "M2", .child = "B2",
                                                   .type = "almen_plejefamilie",
                                                   .start = "2026-01-01",
                                                   .price = "30.000,00"});
        book_case c;
        case_open(&c, ds, overblik);
        c.in.row_visible = only_placed;
        if (masked)
            c.in.row_mask = mask_now;
        assert_int_equal(kpi_book_write(c.t, &c.in, c.path, NULL, 0), KPI_OK);
        char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
        char *strings = support_read_part(c.path, "xl/sharedStrings.xml");
        assert_non_null(strstr(strings, "Anbragte børn pr. 31-03-2026"));
        assert_null(strstr(xml, "<c r=\"A3\"")); /* one figure, one row */
        assert_non_null(strstr(xml, "<c r=\"C2\" s=\"")); /* last year: 1 */
        assert_non_null(strstr(xml, "<v>1</v>"));
        if (!masked) {
            assert_non_null(strstr(xml, "<f>B2-C2</f><v>1</v>"));
        } else {
            assert_null(strstr(xml, "<f>"));
            assert_non_null(strstr(strings, "<t>..</t>"));
            assert_non_null(strstr(strings, "&lt;5"));
        }
        /* One page (fit to a page, with OOXML's default height of one
         * page: the other sheets say fitToHeight="0"), no frozen header. */
        assert_non_null(strstr(xml, "fitToPage=\"1\""));
        assert_null(strstr(xml, "fitToHeight"));
        assert_null(strstr(xml, "<pane "));
        free(xml);
        free(strings);
        case_close(&c);
    }
}

static const char *mask_february(const kpi_row *row, void *ctx)
{
    (void)ctx;
    return !strcmp(row->period, "2026-02") ? "<5" : NULL;
}

/* A quarter's total (the Kvartalsoversigt): kpi has no quarter row, so
 * the total row sums the months. Spend booked: February 25.000 kr.,
 * March 20.000 kr. (booked_types), January nothing: the quarter is
 * SUBTOTAL(9,B2:B4) = 45.000. With February hidden, the sum of the months
 * shown (20.000) would be wrong and, with the quarter known elsewhere,
 * would give February away: the total is "..". */
static void test_quarter_total_over_a_hidden_month(void **state)
{
    (void)state;
    static const char months[] =
        "[workbook]\nfile = x.xlsx\n[sheet s]\nname = S\n"
        "[table m]\nsheet = s\nlabel = Måned\nrows = months\nfrom = -2\n"
        "to = 0\ntotal = Kvartalet i alt\n[column m.n]\n"
        "value = spend {row_month} amount\nformat = money\ntotal = sum\n";
    for (int masked = 0; masked < 2; masked++) {
        book_case c;
        case_open(&c, booked_types(1), months);
        if (masked)
            c.in.row_mask = mask_february;
        assert_int_equal(kpi_book_write(c.t, &c.in, c.path, NULL, 0), KPI_OK);
        char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
        char *strings = support_read_part(c.path, "xl/sharedStrings.xml");
        if (!masked) {
            assert_non_null(
                strstr(xml, "<f>SUBTOTAL(9,B2:B4)</f><v>45000</v>"));
        } else {
            assert_null(strstr(xml, "SUBTOTAL"));
            assert_null(strstr(xml, "<v>20000</v></c></row><row r=\"6\""));
            assert_non_null(strstr(strings, "<t>..</t>"));
        }
        free(xml);
        free(strings);
        case_close(&c);
    }
}

/* The Overblik's keys are checked like every other. */
static void test_overblik_keys(void **state)
{
    (void)state;
    char err[512];
    assert_int_equal(parse(overblik, err, sizeof err), KPI_OK);
    static const struct {
        const char *add, *says;
    } bad[] = {
        {"[column h.x]\nfield = measure_id\n", "is not a field of these rows"},
        {"[column h.x]\nfield = tomorrow\n", "unknown field 'tomorrow'"},
        {"[sheet q]\nname = Q\nmonths = 3, 13\n", "expected month numbers"},
        {"[sheet q]\nname = Q\ngroups = udvalg\n",
         "'udvalg' is not a recipient group's code"},
        {"[table n]\nsheet = o\nrows = headlines\n", "has no columns"},
        /* packs-pages: an items table's columns are fields now,
         * last_year, change; unless_sheet names a sheet; within pairs
         * measure types only; the role oekonomichef is a groups entry. */
        {"[table i]\nsheet = o\nrows = items\nitem = A | spend {to_date} "
         "amount | money\n[column i.x]\nfield = target\n",
         "is not a field of these rows"},
        {"[table i]\nsheet = o\nrows = items\nitem = A | spend {to_date} "
         "amount | money\n[column i.x]\nvalue = spend 2026 amount\n",
         "the columns of rows = items are fields"},
        {"[table u]\nsheet = o\nrows = measure_type\nunless_sheet = nope\n"
         "[column u.x]\nvalue = spend 2026 amount\n",
         "'nope' is no declared sheet"},
        {"[table w]\nsheet = o\nrows = category\nwithin = provider\n"
         "[column w.x]\nvalue = spend 2026 amount\n",
         "only measure_type rows"},
        {"[sheet q]\nname = Q\ngroups = direktion, oekonomichefen\n",
         "(nor the role oekonomichef)"},
        /* polish: a table's months condition, as a sheet's. */
        {"[table m]\nsheet = o\nrows = headlines\nmonths = 0, 3\n"
         "[column m.x]\nfield = now\n",
         "expected month numbers"},
        {"[table m]\nsheet = o\nrows = headlines\nmonths = quarters\n"
         "[column m.x]\nfield = now\n",
         "or the report months the table is shown in"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char text[1024];
        snprintf(text, sizeof text, "%s%s", overblik, bad[i].add);
        assert_int_equal(parse(text, err, sizeof err), KPI_ERR_INPUT);
        if (!strstr(err, bad[i].says))
            fail_msg("%s: %s", bad[i].add, err);
    }
    char text[1024];
    snprintf(text, sizeof text,
             "%s[sheet q]\nname = Q\ngroups = direktion, oekonomichef\n"
             "[table i]\nsheet = q\nrows = items\nitem = A | spend "
             "{to_date} amount | money\n[column i.a]\nfield = now\n"
             "[column i.b]\nfield = last_year\n[column i.c]\nfield = "
             "change\n",
             overblik);
    if (parse(text, err, sizeof err) != KPI_OK)
        fail_msg("%s", err);
}

/* A value libxlsxwriter refuses reaches the caller in libxlsxwriter's
 * own words (lxw_strerror), after the sheet's name: here a heading longer
 * than a cell may hold. */
static void test_lxw_error_in_its_own_words(void **state)
{
    (void)state;
    /* minimal with a heading of 33,000 characters on its sheet. */
    const char *at = strstr(minimal, "name = Ark\n") + strlen("name = Ark\n");
    size_t head = (size_t)(at - minimal), n = 33000;
    char *text = malloc(sizeof minimal + n + 16);
    assert_non_null(text);
    memcpy(text, minimal, head);
    char *p = text + head;
    p += sprintf(p, "heading = ");
    memset(p, 'x', n);
    p += n;
    sprintf(p, "\n%s", at);
    book_case c;
    case_open(&c, support_dataset(), text);
    free(text);
    char err[512] = "unchanged";
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, err, sizeof err),
                     KPI_ERR_RANGE);
    assert_string_equal(
        err, "sheet 'Ark': String exceeds Excel's limit of 32,767 characters.");
    /* Success leaves err empty. */
    kpi_book_template_free(c.t);
    assert_int_equal(kpi_book_template_parse(minimal, strlen(minimal), "t.ini",
                                             &c.t, NULL, 0),
                     KPI_OK);
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, err, sizeof err),
                     KPI_OK);
    assert_string_equal(err, "");
    case_close(&c);
}

/* kpi_book_limits: above stream_rows the workbook is streamed (texts
 * inline, no shared strings) with the same cells; a sheet that would
 * need more than sheet_rows rows is not written, in words that name it. */
static void test_limits_stream_and_refuse(void **state)
{
    (void)state;
    book_case c;
    case_open(&c, booked_types(0), minimal);
    c.in.limits.stream_rows = 1;
    char err[512];
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, err, sizeof err),
                     KPI_OK);
    char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
    /* Header, almen_plejefamilie, total: the cells of the tests above,
     * the texts inline. */
    assert_non_null(strstr(xml, "t=\"inlineStr\"><is><t>I alt</t></is>"));
    assert_non_null(strstr(xml, "<f>B2-C2</f><v>-5000</v>"));
    assert_non_null(strstr(xml, "<f>SUBTOTAL(9,B2:B2)</f><v>25000</v>"));
    free(xml);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "unzip -l '%s' | grep -q sharedStrings", c.path);
    assert_int_not_equal(system(cmd), 0);

    /* Header, one member and the total are 3 rows. */
    c.in.limits = (kpi_book_limits){.sheet_rows = 3};
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, err, sizeof err),
                     KPI_OK);
    c.in.limits.sheet_rows = 2;
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, err, sizeof err),
                     KPI_ERR_RANGE);
    assert_string_equal(err, "sheet 'Ark': 3 rows do not fit in a sheet (at "
                             "most 2): split the dataset, e.g. by "
                             "municipality or administration, and report on "
                             "each part");
    case_close(&c);
}

/* An optional table is left out when kpi gives it no row: the table by
 * kontoplan function of a municipality whose kpi.ini names no function
 * (then spend has no function rows), and shown once a type has one. */
static void test_optional_table(void **state)
{
    (void)state;
    static const char text[] = "[workbook]\n"
                               "file = x.xlsx\n"
                               "[sheet s]\n"
                               "name = Ark\n"
                               "[table f]\n"
                               "sheet = s\n"
                               "title = Efter funktion\n"
                               "rows = function\n"
                               "optional = yes\n"
                               "[column f.a]\n"
                               "value = spend {to_date} amount\n"
                               "format = money\n";
    kpi_dataset *ds = support_dataset();
    support_add_posting(ds, "2026-02", "opholdssted", "expense", NULL,
                        "25.000,00", NULL);
    kpi_book_template *t = NULL;
    char err[512], path[1024];
    assert_int_equal(kpi_book_template_parse(text, strlen(text), "t.ini", &t,
                                             err, sizeof err),
                     KPI_OK);
    char *dir = support_tempdir();
    snprintf(path, sizeof path, "%s/x.xlsx", dir);
    for (int with_function = 0; with_function < 2; with_function++) {
        if (with_function) {
            kpi_measure_type *mt = &ds->config->types[kpi_config_find_type(
                ds->config, "opholdssted", (size_t)-1)];
            kpi_xfree(ds->alloc, mt->function);
            mt->function = kpi_xstrdup(ds->alloc, "5.28.20");
        }
        kpi_figures *f = support_compute(ds, "2026-03");
        kpi_book_input in = {.dataset = ds, .figures = f, .month = {2026, 3}};
        assert_int_equal(kpi_book_write(t, &in, path, err, sizeof err), KPI_OK);
        char *ss = support_read_part(path, "xl/sharedStrings.xml");
        assert_int_equal(strstr(ss, "Efter funktion") != NULL, with_function);
        free(ss);
        kpi_figures_free(f);
    }
    kpi_book_template_free(t);
    kpi_dataset_free(ds);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    assert_int_equal(system(path), 0);
    free(dir);
}

/* The packs' marks (SPEC §7): a count a figure lists no row for, beside
 * its total, is 0; a value kpi cannot compute is "."; a column or table
 * of a figure the recipient does not get is left out; the sheet's foot
 * explains the marks it shows, and only those. */
static const char marks_template[] =
    "[workbook]\n"
    "file = x.xlsx\n"
    "not_available = .\n"
    "zero_counts = yes\n"
    "drop_empty = yes\n"
    "legend = <5 | 1–4 (diskretion)\n"
    "legend = .. | skjult af diskretionshensyn\n"
    "legend = . | ikke tilgængelig\n"
    "[sheet s]\n"
    "name = Ark\n"
    "[table t]\n"
    "rows = measure_type\n"
    "sheet = s\n"
    "[column t.placed]\n"
    "heading = Anbragte\n"
    "value = placed_children {as_of_iso} count\n"
    "format = count\n"
    "[column t.ongoing]\n"
    "heading = Varighed\n"
    "value = placement_duration {as_of_iso} mean_days\n"
    "format = days\n"
    "[column t.spend]\n"
    "heading = Bogført\n"
    "value = spend {to_date} amount\n"
    "format = money\n"
    "[column t.disposed]\n"
    "heading = Disponeret\n"
    "value = disposed {to_date} amount\n"
    "format = money\n"
    "[table d]\n"
    "sheet = s\n"
    "title = Dispositioner\n"
    "figure = disposed\n"
    "rows = measure_type\n"
    "columns = t placed\n";

/* Every row but the disposed figure's. */
static bool hide_disposed(const kpi_row *row, void *ctx)
{
    (void)ctx;
    return strcmp(row->kpi_id, "disposed") != 0;
}

static void test_marks_zero_and_legend(void **state)
{
    (void)state;
    /* One child placed in almen_plejefamilie (placed 1, "<5" by the
     * hook); familiebehandling has spend but nobody placed: its placed
     * count is 0 (placed_children has its total) and its mean duration
     * not available. */
    kpi_dataset *ds = booked_types(1);
    support_add_measure(ds, &(support_measure){.id = "M1", .child = "B1",
                                               .type = "almen_plejefamilie",
                                               .start = "2026-01-01",
                                               .price = "10.000,00"});
    book_case c;
    case_open(&c, ds, marks_template);
    c.in.row_visible = hide_disposed;
    c.in.row_mask = mask_almen;
    assert_int_equal(kpi_book_write(c.t, &c.in, c.path, NULL, 0), KPI_OK);
    char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
    char *strings = support_read_part(c.path, "xl/sharedStrings.xml");
    /* Row 3 is familiebehandling (by kpi's order): B3 a number 0, C3 ".". */
    const char *b3 = strstr(xml, "<c r=\"B3\"");
    assert_non_null(b3);
    const char *zero = strstr(b3, "<v>0</v>"), *end = strstr(b3, "</c>");
    assert_true(zero && end && zero < end);
    /* The texts of the sheet, and the ones it must not hold: the left-out
     * column and table, the legend line of a mark it does not show. */
    static const struct {
        const char *text;
        bool shown;
    } texts[] = {
        {"<t>.</t>", true},
        {"Tegnforklaring", true},
        {"&lt;5: 1–4 (diskretion)", true},
        {".: ikke tilgængelig", true},
        {"Disponeret", false},
        {"Dispositioner", false},
        {"..: skjult", false},
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        if ((strstr(strings, texts[i].text) != NULL) != texts[i].shown)
            fail_msg("'%s' %s", texts[i].text,
                     texts[i].shown ? "missing" : "shown");
    free(xml);
    free(strings);
    case_close(&c);
}

/* The tests of the sheet's layout: a workbook of month tables of booked
 * spend (booked_types(0): 25.000 kr. in February) on sheet s. */
#define MONTH_BOOK                                                             \
    "[workbook]\nfile = x.xlsx\ndrop_empty = yes\n[sheet s]\nname = Ark\n"
#define MONTH_TABLE(id, title, more)                                           \
    "[table " id "]\nsheet = s\ntitle = " title                                \
    "\nrows = months\nmonths = year\n" more
#define MONTH_COLUMN(table)                                                    \
    "[column " table ".v]\nheading = Bogført\n"                               \
    "value = spend {row_month} amount\nformat = money\n"

/* Tables a and b of the same month column; b takes MORE keys. */
#define TWO_MONTH_TABLES(more)                                                 \
    MONTH_BOOK MONTH_TABLE("a", "A", "") MONTH_COLUMN("a")                     \
        MONTH_TABLE("b", "B", more "columns = a\n")

static void case_written(book_case *c, const char *text)
{
    case_open(c, booked_types(0), text);
    assert_int_equal(kpi_book_write(c->t, &c->in, c->path, NULL, 0), KPI_OK);
}

/* The anchors of a sheet's two charts: from (col, row) to (col, row) of
 * each, in order. */
static void chart_anchors(const char *drawing, int cols[4], int rows[4])
{
    int n = 0;
    for (const char *p = drawing; n < 4 && (p = strstr(p, "<xdr:col>")); p++) {
        cols[n] = atoi(p + strlen("<xdr:col>"));
        p = strstr(p, "<xdr:row>");
        assert_non_null(p);
        rows[n++] = atoi(p + strlen("<xdr:row>"));
    }
    assert_int_equal(n, 4);
}

/* Writes text (a sheet of two tables with a chart each) and checks the
 * charts' anchors: rows from, to of each; the column of each; that rows
 * free_from..next-1 (1-based) are empty and row next is not; and that
 * the sheet holds in_xml (unless NULL). */
static void check_charts(const char *text, const int rows_want[4],
                         int col_a, int col_b, int free_from, int next,
                         const char *in_xml)
{
    book_case c;
    case_written(&c, text);
    char *drawing = support_read_part(c.path, "xl/drawings/drawing1.xml");
    char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
    int cols[4], rows[4];
    chart_anchors(drawing, cols, rows);
    for (int i = 0; i < 4; i++)
        assert_int_equal(rows[i], rows_want[i]);
    assert_int_equal(cols[0], col_a);
    assert_int_equal(cols[2], col_b);
    if (in_xml)
        assert_non_null(strstr(xml, in_xml));
    char tag[32];
    snprintf(tag, sizeof tag, "<row r=\"%d\"", next);
    assert_non_null(strstr(xml, tag));
    for (int r1 = free_from; r1 < next; r1++) {
        snprintf(tag, sizeof tag, "<row r=\"%d\"", r1);
        assert_null(strstr(xml, tag));
    }
    free(drawing);
    free(xml);
    case_close(&c);
}

/* page_break and place = below (the economy workbook's Måneder: two pages,
 * each a table with its chart under it): the second table begins a
 * printed page; a chart beside the first, taller than its table, stops
 * above the break instead of printing cut across the two pages; a chart
 * placed below its table stands in rows the table kept free.
 * Rows (0-based, no heading): a's title 0, header 1, January-December
 * 2-13, a blank 14; b's title 15 (the break: <brk id="15">), header 16,
 * months 17-28; then a blank row 29 and cb's 100 pixels = 5 rows, 30-34.
 * Chart ca beside a from its header (row 1), 400 pixels = 20 rows, would
 * end in row 21: it stops a row above the break, (15 - 1 - 1) x 20 = 260
 * pixels, and ends in row 1 + 13 = 14. Chart cb in column A, row 30;
 * table c's title after a blank row, 36. */
static void test_page_break_and_charts(void **state)
{
    (void)state;
    /* clang-format off */
    static const char text[] =
        TWO_MONTH_TABLES("page_break = yes\n")
        MONTH_TABLE("c", "C", "columns = a\n")
        "[chart ca]\nsheet = s\ntable = a\ntype = line\n"
        "series = v\nheight = 400\n"
        "[chart cb]\nsheet = s\ntable = b\ntype = line\n"
        "series = v\nheight = 100\nplace = below\n";
    /* clang-format on */
    /* The break, the anchors (ca beside a's two columns, one of air; cb
     * under b in column A, 5 rows of 20 pixels), and the next table
     * under the rows kept for cb: c's title in row 36 (1-based 37),
     * nothing in rows 29-35. */
    static const int rows[4] = {1, 14, 30, 35};
    check_charts(text, rows, 3, 0, 30, 37,
                 "<rowBreaks count=\"1\" manualBreakCount=\"1\">"
                 "<brk id=\"15\" ");
}

/* place = right (the packs' Sammenligning: each table with its chart
 * beside it, in pairs down the page): the chart stands beside its table
 * from the header down, and the table keeps the chart's rows free, so
 * the next table starts under the chart, not beside it.
 * Rows (0-based): a's title 0, header 1, January-December 2-13. Chart
 * ca from a's header, 400 pixels = 20 rows: rows 1-21; a keeps rows up
 * to 1 + 20 + 1 = 22, the blank row 22; b's title 23, header 24, and
 * its chart cb from b's header, row 24. With the default (beside), b's
 * title would be in row 15, beside ca. */
static void test_chart_right_keeps_its_rows(void **state)
{
    (void)state;
    /* clang-format off */
    static const char text[] =
        TWO_MONTH_TABLES("")
        "[chart ca]\nsheet = s\ntable = a\ntype = column\n"
        "series = v\nheight = 400\nplace = right\n"
        "[chart cb]\nsheet = s\ntable = b\ntype = column\n"
        "series = v\nheight = 100\nplace = right\n";
    /* clang-format on */
    /* ca from a's header to 20 rows below, beside a's two columns; cb
     * from b's header, 5 rows, in the same column; b's title in row 23
     * (1-based 24), nothing in rows 14-22. */
    static const int rows[4] = {1, 21, 24, 29};
    check_charts(text, rows, 3, 3, 15, 24, NULL);
}

/* A table's `months` condition (as a sheet's): in March 2026 the table
 * for quarter months (3, 6, 9, 12) is shown and the one for the other
 * months is not; a month table takes both its rows (`months = year`) and
 * the condition. A sheet left without a table is left out (drop_empty),
 * as the politicians' Prognosens udvikling in quarter months. */
static void test_table_months_condition(void **state)
{
    (void)state;
    /* clang-format off */
    static const char text[] =
        MONTH_BOOK
        "[sheet e]\nname = Tomt\n"
        MONTH_TABLE("q", "Kvartal", "months = 3, 6, 9, 12\n")
        MONTH_COLUMN("q")
        MONTH_TABLE("o", "Andre", "months = 1, 2, 4, 5\ncolumns = q\n")
        "[table e]\nsheet = e\ntitle = Ikke nu\nrows = months\n"
        "months = year\nmonths = 12\ncolumns = q\n";
    /* clang-format on */
    book_case c;
    case_written(&c, text);
    char *book = support_read_part(c.path, "xl/workbook.xml");
    assert_null(strstr(book, "name=\"Tomt\""));
    assert_non_null(strstr(book, "name=\"Ark\""));
    char *strings = support_read_part(c.path, "xl/sharedStrings.xml");
    assert_non_null(strstr(strings, "<t>Kvartal</t>"));
    assert_null(strstr(strings, "<t>Andre</t>"));
    assert_null(strstr(strings, "<t>Ikke nu</t>"));
    /* January to December under Kvartal: the rows of months = year. */
    char *xml = support_read_part(c.path, "xl/worksheets/sheet1.xml");
    assert_non_null(strstr(xml, "<row r=\"14\""));
    free(xml);
    free(book);
    free(strings);
    case_close(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_templates_parse),
        cmocka_unit_test(test_file_name),
        cmocka_unit_test(test_errors_name_the_line),
        cmocka_unit_test(test_include_and_columns),
        cmocka_unit_test(test_include_cycle),
        cmocka_unit_test(test_render_formulas_carry_kpi_numbers),
        cmocka_unit_test(test_masked_member_breaks_the_sum),
        cmocka_unit_test(test_marks_zero_and_legend),
        cmocka_unit_test(test_lxw_error_in_its_own_words),
        cmocka_unit_test(test_limits_stream_and_refuse),
        cmocka_unit_test(test_optional_table),
        cmocka_unit_test(test_overblik_headlines),
        cmocka_unit_test(test_overblik_keys),
        cmocka_unit_test(test_quarter_total_over_a_hidden_month),
        cmocka_unit_test(test_page_break_and_charts),
        cmocka_unit_test(test_chart_right_keeps_its_rows),
        cmocka_unit_test(test_table_months_condition),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
