/* test_history.c - kpihistory (kpi/history.h, docs/HISTORY.md): a month's
 * run recorded and read back, a re-run superseding, the trajectory for the
 * workbooks, and a history of the previous schema read. The kill at every
 * write is tests/e2e/history_kill.sh (it needs a process to kill). */
#include "support.h"

#include "kpi/history.h"
#include "kpi/read.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh folder for one test's history; removed by cleanup(). */
typedef struct tmp {
    char dir[64];
    char path[128];
} tmp;

static void tmp_make(tmp *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/kpi-history-test.XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/%s", t->dir, KPI_HISTORY_NAME);
}

static void tmp_remove(tmp *t)
{
    char p[160];
    snprintf(p, sizeof p, "%s-journal", t->path);
    unlink(p);
    unlink(t->path);
    rmdir(t->dir);
}

static kpi_dataset *load_fixture(void)
{
    kpi_diagnostics *d = kpi_diagnostics_new(NULL);
    kpi_load_options lo = {.budget_reader = kpi_budget_read};
    kpi_dataset *ds = NULL;
    assert_int_equal(kpi_dataset_load(KPI_FIXTURES "/workbook", &lo, &ds, d),
                     KPI_OK);
    kpi_diagnostics_free(d);
    return ds;
}

static kpi_figures *compute(const kpi_dataset *ds, int month)
{
    kpi_figures *f = NULL;
    kpi_month m = {2026, month};
    assert_int_equal(kpi_figures_compute(ds, m, NULL, &f), KPI_OK);
    return f;
}

static void record(kpi_history *h, int month, const kpi_figures *f)
{
    kpi_history_run_info info = {"test", 1767225600 + month, "test",
                                 "0123456789abcdef"};
    char err[256];
    kpi_status st = kpi_history_record(h, (kpi_month){2026, month}, &info, f,
                                       err, sizeof err);
    if (st != KPI_OK)
        fail_msg("record: %s", err);
}

/* The value text of figs' row forecast/2026/breakdown/stat, as the
 * export writes it; "" when there is none. */
static void export_value(const kpi_figures *figs, const char *breakdown,
                         const char *stat, char out[48])
{
    out[0] = '\0';
    size_t n = kpi_figures_row_count(figs);
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = kpi_figures_row(figs, i);
        char b[256];
        kpi_row_format_breakdown(r, b, sizeof b);
        if (!strcmp(r->kpi_id, "forecast") && !strcmp(r->period, "2026") &&
            !strcmp(b, breakdown) && !strcmp(r->stat, stat)) {
            kpi_row_format_value(r, out);
            return;
        }
    }
}

static size_t forecast_rows(const kpi_figures *figs)
{
    size_t n = kpi_figures_row_count(figs), k = 0;
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = kpi_figures_row(figs, i);
        k += !strcmp(r->kpi_id, "forecast") && !strcmp(r->period, "2026");
    }
    return k;
}

/* Every line of `kpi history --figure forecast` for month m equals m's
 * own export, number for number, and there are as many. */
static void check_figure_output(const char *text, int month,
                                const kpi_figures *figs)
{
    char period[16];
    snprintf(period, sizeof period, "2026-%02d", month);
    size_t seen = 0;
    char *copy = strdup(text), *save = NULL;
    for (char *line = strtok_r(copy, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char id[32], per[16], breakdown[256], stat[32], value[48];
        if (sscanf(line, "%31[^;];%15[^;];%255[^;];%31[^;];%47s", id, per,
                   breakdown, stat, value) != 5 ||
            strcmp(per, period) != 0)
            continue;
        assert_string_equal(id, "forecast");
        char want[48];
        export_value(figs, breakdown, stat, want);
        assert_string_not_equal(want, "");
        /* Numbers, not only texts: 359000.00 and 359000 are the same. */
        assert_true(strtod(value, NULL) == strtod(want, NULL));
        assert_string_equal(value, want);
        seen++;
    }
    free(copy);
    assert_int_equal(seen, forecast_rows(figs));
}

static char *figure_text(kpi_history *h)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    char err[256];
    assert_int_equal(kpi_history_write_figure(h, "forecast", f, err, sizeof err),
                     KPI_OK);
    fclose(f);
    return buf;
}

/* Four months' runs on the workbook fixture: the trajectory printed and
 * the one the workbooks get hold each month's own numbers. */
static void four_months_equal_their_exports(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    kpi_dataset *ds = load_fixture();
    const int months[4] = {1, 4, 7, 10};
    kpi_figures *figs[4];
    kpi_history *h = NULL;
    char err[256];
    assert_int_equal(kpi_history_open(t.path, NULL, &h, err, sizeof err),
                     KPI_OK);
    assert_int_equal(kpi_history_schema(h), 0);
    for (int i = 0; i < 4; i++) {
        figs[i] = compute(ds, months[i]);
        record(h, months[i], figs[i]);
    }
    assert_int_equal(kpi_history_schema(h), KPI_HISTORY_SCHEMA);
    /* The months differ, so a mix-up of months would show. */
    char jan[48], oct[48];
    export_value(figs[0], "total", "amount", jan);
    export_value(figs[3], "total", "amount", oct);
    assert_string_not_equal(jan, oct);

    char *text = figure_text(h);
    for (int i = 0; i < 4; i++)
        check_figure_output(text, months[i], figs[i]);
    free(text);

    /* The trajectory for November: every point is its month's number in
     * øre; the report month itself is never taken from the history. */
    kpi_trajectory *tr = NULL;
    assert_int_equal(kpi_history_trajectory(h, (kpi_month){2026, 11}, &tr, err,
                                            sizeof err),
                     KPI_OK);
    size_t want = 0;
    for (int i = 0; i < 4; i++) {
        size_t n = kpi_figures_row_count(figs[i]);
        for (size_t k = 0; k < n; k++) {
            const kpi_row *r = kpi_figures_row(figs[i], k);
            want += !strcmp(r->kpi_id, "forecast") &&
                    !strcmp(r->period, "2026") &&
                    (!strcmp(r->stat, "amount") || !strcmp(r->stat, "budget"));
        }
    }
    assert_int_equal(tr->count, want);
    for (size_t p = 0; p < tr->count; p++) {
        const kpi_trajectory_point *pt = &tr->points[p];
        int i = pt->month.month == 1 ? 0 : pt->month.month == 4 ? 1
                : pt->month.month == 7 ? 2 : 3;
        assert_int_equal(pt->month.month, months[i]);
        char v[48];
        export_value(figs[i], pt->breakdown, pt->stat, v);
        assert_string_not_equal(v, "");
        /* "359000.00" kr. is 35900000 øre. */
        assert_int_equal(pt->value, (int64_t)llround(strtod(v, NULL) * 100));
    }
    /* The as-of line's date is the newest run's: recorded_at 1767225610
     * is 2026-01-01T00:00:10Z. */
    assert_string_equal(tr->as_of, "01-01-2026");
    kpi_trajectory_free(tr);

    /* For July, the months before July only. */
    assert_int_equal(kpi_history_trajectory(h, (kpi_month){2026, 7}, &tr, err,
                                            sizeof err),
                     KPI_OK);
    for (size_t p = 0; p < tr->count; p++)
        assert_true(tr->points[p].month.month < 7);
    assert_true(tr->count > 0);
    kpi_trajectory_free(tr);

    for (int i = 0; i < 4; i++)
        kpi_figures_free(figs[i]);
    kpi_history_close(h);
    kpi_dataset_free(ds);
    tmp_remove(&t);
}

/* A re-run of a month is its current run; the earlier is kept, marked
 * superseded, and no longer read. */
static void rerun_supersedes(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    kpi_dataset *ds = load_fixture();
    kpi_figures *f4 = compute(ds, 4), *f7 = compute(ds, 7);
    kpi_history *h = NULL;
    char err[256];
    assert_int_equal(kpi_history_open(t.path, NULL, &h, err, sizeof err),
                     KPI_OK);
    /* July first recorded with April's figures (a wrong run), then again
     * with its own. */
    record(h, 7, f4);
    record(h, 7, f7);
    kpi_history_run *runs = NULL;
    size_t n = 0;
    assert_int_equal(kpi_history_runs(h, &runs, &n, err, sizeof err), KPI_OK);
    assert_int_equal(n, 2);
    assert_int_equal(runs[0].month.month, 7);
    assert_int_equal(runs[0].superseded_by, runs[1].id);
    assert_int_equal(runs[1].superseded_by, 0);
    assert_string_equal(runs[1].command, "test");
    assert_int_equal(runs[0].rows, kpi_figures_row_count(f4));
    assert_int_equal(runs[1].rows, kpi_figures_row_count(f7));
    free(runs);
    char *text = figure_text(h);
    check_figure_output(text, 7, f7);
    free(text);
    kpi_trajectory *tr = NULL;
    assert_int_equal(kpi_history_trajectory(h, (kpi_month){2026, 8}, &tr, err,
                                            sizeof err),
                     KPI_OK);
    char v[48];
    export_value(f7, "total", "amount", v);
    bool found = false;
    for (size_t p = 0; p < tr->count; p++)
        if (!strcmp(tr->points[p].breakdown, "total") &&
            !strcmp(tr->points[p].stat, "amount")) {
            assert_false(found); /* one current run: one point */
            found = true;
            assert_int_equal(tr->points[p].value,
                             (int64_t)llround(strtod(v, NULL) * 100));
        }
    assert_true(found);
    kpi_trajectory_free(tr);
    kpi_figures_free(f4);
    kpi_figures_free(f7);
    kpi_history_close(h);
    kpi_dataset_free(ds);
    tmp_remove(&t);
}

static void load_sql(const char *path, const char *sql_file)
{
    FILE *f = fopen(sql_file, "rb");
    assert_non_null(f);
    char *sql = calloc(1, 1 << 16);
    size_t n = fread(sql, 1, (1 << 16) - 1, f);
    fclose(f);
    assert_true(n > 0);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(sql);
}

/* tests/fixtures/history/schema1.sql, the previous schema: read as it
 * is, then brought to the current schema by the next recording, the old
 * runs kept. */
static void reads_schema_1(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    load_sql(t.path, KPI_FIXTURES "/history/schema1.sql");
    kpi_history *h = NULL;
    char err[256];
    assert_int_equal(kpi_history_open_readonly(t.path, &h, err, sizeof err),
                     KPI_OK);
    assert_int_equal(kpi_history_schema(h), 1);
    kpi_history_run *runs = NULL;
    size_t n = 0;
    assert_int_equal(kpi_history_runs(h, &runs, &n, err, sizeof err), KPI_OK);
    assert_int_equal(n, 3);
    assert_int_equal(runs[0].superseded_by, 2);
    assert_string_equal(runs[1].recorded_at, "2026-02-04T09:30:00Z");
    assert_string_equal(runs[1].command, ""); /* schema 1 had none */
    assert_int_equal(runs[2].rows, 3);
    free(runs);
    /* March's trajectory: January's current run (1100.50, not the
     * superseded 1000.00) and February's 1210.25; budgets 2000.00; the
     * category's -5.10; the share and placed_children are not read. */
    kpi_trajectory *tr = NULL;
    assert_int_equal(kpi_history_trajectory(h, (kpi_month){2026, 3}, &tr, err,
                                            sizeof err),
                     KPI_OK);
    assert_int_equal(tr->count, 5);
    assert_int_equal(tr->points[0].month.month, 1);
    assert_string_equal(tr->points[0].stat, "amount");
    assert_int_equal(tr->points[0].value, 110050);
    assert_int_equal(tr->points[1].value, 200000);
    assert_int_equal(tr->points[2].value, 121025);
    assert_string_equal(tr->points[4].breakdown, "category=placement");
    assert_int_equal(tr->points[4].value, -510);
    assert_string_equal(tr->as_of, "02-03-2026");
    kpi_trajectory_free(tr);
    char *text = figure_text(h);
    assert_string_equal(text, "kpi_id;period;breakdown;stat;value\n"
                              "forecast;2026-01;total;amount;1100.50\n"
                              "forecast;2026-01;total;budget;2000.00\n"
                              "forecast;2026-01;total;share;-0.4498\n"
                              "forecast;2026-02;total;amount;1210.25\n"
                              "forecast;2026-02;total;budget;2000.00\n"
                              "forecast;2026-02;category=placement;amount;-5.10\n");
    free(text);
    kpi_history_close(h);

    /* A newer kpi records into it: schema 2, four runs, the old intact. */
    kpi_dataset *ds = load_fixture();
    kpi_figures *f = compute(ds, 2);
    assert_int_equal(kpi_history_open(t.path, NULL, &h, err, sizeof err),
                     KPI_OK);
    record(h, 2, f);
    assert_int_equal(kpi_history_schema(h), 2);
    assert_int_equal(kpi_history_runs(h, &runs, &n, err, sizeof err), KPI_OK);
    assert_int_equal(n, 4);
    assert_int_equal(runs[2].superseded_by, runs[3].id); /* old February */
    assert_string_equal(runs[3].command, "test");
    assert_string_equal(runs[1].command, "");
    free(runs);
    kpi_figures_free(f);
    kpi_dataset_free(ds);
    kpi_history_close(h);
    tmp_remove(&t);
}

/* What is not a kpi history is refused, never written into. */
static void refuses_others(void **state)
{
    (void)state;
    tmp t;
    tmp_make(&t);
    kpi_history *h = NULL;
    char err[256];
    /* A newer schema. */
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(t.path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(kpi_history_open(t.path, NULL, &h, err, sizeof err),
                     KPI_ERR_INPUT);
    assert_non_null(strstr(err, "newer kpi"));
    assert_null(h);
    unlink(t.path);
    /* Someone else's database. */
    assert_int_equal(sqlite3_open(t.path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE x (a)", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(kpi_history_open(t.path, NULL, &h, err, sizeof err),
                     KPI_ERR_INPUT);
    assert_non_null(strstr(err, "not a kpi history"));
    unlink(t.path);
    /* Not SQLite at all. */
    FILE *f = fopen(t.path, "wb");
    fputs("month;amount\n2026-01;12\n this is a CSV file, not a database", f);
    fclose(f);
    assert_int_equal(kpi_history_open(t.path, NULL, &h, err, sizeof err),
                     KPI_ERR_INPUT);
    unlink(t.path);
    /* None yet, read only. */
    assert_int_equal(kpi_history_open_readonly(t.path, &h, err, sizeof err),
                     KPI_ERR_IO);
    assert_non_null(strstr(err, "no history yet"));
    tmp_remove(&t);
}

static void paths_and_hash(void **state)
{
    (void)state;
    char buf[64];
    assert_int_equal(kpi_history_path("data", NULL, buf, sizeof buf), KPI_OK);
    assert_string_equal(buf, "data/kpi-historik.sqlite");
    assert_int_equal(kpi_history_path("data", "arkiv/h.sqlite", buf, sizeof buf),
                     KPI_OK);
    assert_string_equal(buf, "data/arkiv/h.sqlite");
    assert_int_equal(kpi_history_path("data", "/srv/h.sqlite", buf, sizeof buf),
                     KPI_OK);
    assert_string_equal(buf, "/srv/h.sqlite");
    assert_int_equal(kpi_history_path("data", NULL, buf, 8), KPI_ERR_RANGE);

    /* The hash follows the input files' bytes and nothing else. */
    tmp t;
    tmp_make(&t);
    char file[160], a[17], b[17], c[17];
    snprintf(file, sizeof file, "%s/measures.csv", t.dir);
    FILE *f = fopen(file, "wb");
    fputs("measure_id\n1\n", f);
    fclose(f);
    assert_int_equal(kpi_history_input_hash(t.dir, a), KPI_OK);
    /* The history itself is not an input. */
    f = fopen(t.path, "wb");
    fputs("x", f);
    fclose(f);
    assert_int_equal(kpi_history_input_hash(t.dir, b), KPI_OK);
    assert_string_equal(a, b);
    f = fopen(file, "wb");
    fputs("measure_id\n2\n", f);
    fclose(f);
    assert_int_equal(kpi_history_input_hash(t.dir, c), KPI_OK);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(c), 16);
    unlink(file);
    tmp_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(four_months_equal_their_exports),
        cmocka_unit_test(rerun_supersedes),
        cmocka_unit_test(reads_schema_1),
        cmocka_unit_test(refuses_others),
        cmocka_unit_test(paths_and_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
