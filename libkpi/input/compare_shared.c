/*
 * compare_shared.c - another municipality's `kpi export --level
 * fagudvalg` file read as comparison input (issue 18).
 *
 * The file is kpi's long export (SPEC §8) with only the rows a fagudvalg
 * pack shows, marks ("<5", "..") in place of what it hides, and first
 * the rows of kpi_id "municipality": the level it was cut for, the name,
 * and the children_0_17 / children_0_22 of that municipality's kpi.ini.
 * kpi reads these figures from it, on the definitions DST uses too:
 *   placed_children on YYYY-12-31 (total: 0-22; age groups 0-5, 6-11,
 *     12-14, 15-17 add up to 0-17, age at the end of the year);
 *   new_placements over YYYY-01..YYYY-12 (placements begun in the year);
 *   forecast of YYYY, amount (the expected outturn: spend).
 * A December export gives these for its year and (the series) the year
 * before; other months' stocks are not DST's and are not read.
 */
#include "input/compare_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct shared {
    kpi_cmp_input *in;
    kpi_cmp_report rep;
    size_t source;
    char name[128];
    bool level_seen;
    int year; /* of the export's month */
    /* placed 0-17 by year (offset from `year`: 0 and -1): the four age
     * groups' counts, and whether each was shown */
    int64_t sum17[2];
    unsigned groups[2], masked[2];
    char mark[2][4];
} shared;

static kpi_status add(shared *s, unsigned long line, int year,
                      kpi_cmp_measure m, const char *value, bool money)
{
    kpi_cmp_value v = {0};
    v.area = s->name;
    v.year = year;
    v.measure = m;
    v.source = s->source;
    v.line = line;
    if (strcmp(value, "<5") == 0 || strcmp(value, "..") == 0) {
        snprintf(v.mark, sizeof v.mark, "%s", value);
    } else if (money) {
        v.present = kpi_money_parse(value, strlen(value), &v.value) == KPI_OK;
    } else {
        char *end;
        long long n = strtoll(value, &end, 10);
        v.present = *value && !*end && n >= 0;
        v.value = n;
    }
    if (!v.present && !v.mark[0]) {
        kpi_cmp_problem(&s->rep, line, "value", "'%s' is not a %s", value,
                        money ? "sum of kroner" : "count");
        return s->rep.st;
    }
    return kpi_cmp_add_value(s->in, &v);
}

static kpi_status on_municipality(shared *s, unsigned long line,
                                  const char *stat, const char *value)
{
    if (strcmp(stat, "level") == 0) {
        if (strcmp(value, "fagudvalg") != 0)
            kpi_cmp_problem(
                &s->rep, line, "value",
                "the file was cut for '%s'; kpi compares only files of "
                "`kpi export --level fagudvalg`",
                value);
        s->level_seen = true;
    } else if (strcmp(stat, "name") == 0) {
        snprintf(s->name, sizeof s->name, "%s", value);
    } else if (!s->name[0]) {
        kpi_cmp_problem(&s->rep, line, "stat",
                        "the municipality's name must come first");
    } else if (strcmp(stat, "children_0_17") == 0) {
        return add(s, line, s->year, KPI_CMP_CHILDREN_0_17, value, false);
    } else if (strcmp(stat, "children_0_22") == 0) {
        return add(s, line, s->year, KPI_CMP_CHILDREN_0_22, value, false);
    }
    return s->rep.st;
}

/* "2026-12-31" -> 2026, else 0. */
static int year_end(const char *period)
{
    size_t n = strlen(period);
    return n == 10 && strcmp(period + 4, "-12-31") == 0 ? atoi(period) : 0;
}

static void placed_group(shared *s, int year, const char *member,
                         const char *value)
{
    static const char *const groups[] = {"0-5", "6-11", "12-14", "15-17"};
    int k = s->year - year;
    if (k < 0 || k > 1)
        return;
    for (unsigned g = 0; g < 4; g++) {
        if (strcmp(member, groups[g]) != 0)
            continue;
        s->groups[k] |= 1u << g;
        char *end;
        long long n = strtoll(value, &end, 10);
        if (*value && !*end)
            s->sum17[k] += n;
        else {
            s->masked[k] |= 1u << g;
            snprintf(s->mark[k], sizeof s->mark[k], "%s", value);
        }
    }
}

static kpi_status on_row(void *ctx, unsigned long line, const kpi_csv_field *f,
                         size_t n)
{
    shared *s = ctx;
    (void)n;
    const char *id = f[0].s, *period = f[1].s, *breakdown = f[2].s;
    const char *stat = f[3].s, *value = f[4].s;
    if (strcmp(id, "municipality") == 0) {
        if (!s->year) {
            s->year = atoi(period);
            snprintf(s->in->sources[s->source].month,
                     sizeof s->in->sources[s->source].month, "%.7s", period);
        }
        return on_municipality(s, line, stat, value);
    }
    if (!s->name[0] || !s->level_seen) {
        kpi_cmp_problem(
            &s->rep, line, NULL,
            "not a `kpi export --level fagudvalg` file: its first rows "
            "must give the municipality's level and name");
        return KPI_ERR_INPUT;
    }
    bool total = strcmp(breakdown, "total") == 0;
    int y = year_end(period);
    if (strcmp(id, "placed_children") == 0 && strcmp(stat, "count") == 0 && y) {
        if (total)
            return add(s, line, y, KPI_CMP_PLACED, value, false);
        if (strncmp(breakdown, "age_group=", 10) == 0)
            placed_group(s, y, breakdown + 10, value);
        return s->rep.st;
    }
    if (strcmp(id, "new_placements") == 0 && total &&
        strcmp(stat, "count") == 0 && strlen(period) == 16 &&
        strncmp(period + 4, "-01..", 5) == 0 &&
        strcmp(period + 13, "-12") == 0 && strncmp(period, period + 9, 4) == 0)
        return add(s, line, atoi(period), KPI_CMP_NEW_PLACEMENTS, value, false);
    if (strcmp(id, "forecast") == 0 && total && strcmp(stat, "amount") == 0 &&
        strlen(period) == 4)
        return add(s, line, atoi(period), KPI_CMP_SPEND, value, true);
    return s->rep.st;
}

static kpi_status on_header(void *ctx, unsigned long line,
                            const kpi_csv_field *h, size_t n)
{
    (void)h;
    shared *s = ctx;
    if (n != 5)
        kpi_cmp_problem(&s->rep, line, NULL,
                        "the header must be "
                        "kpi_id;period;breakdown;stat;value");
    return s->rep.errors ? KPI_ERR_INPUT : KPI_OK;
}

kpi_status kpi_cmp_read_shared(kpi_cmp_input *in, const char *path,
                               const char *label, kpi_diagnostics *diags)
{
    shared s = {0};
    s.in = in;
    s.rep.label = label;
    s.rep.diags = diags;
    const char *base = strrchr(label, '/');
    kpi_status st = kpi_cmp_add_source(in, base ? base + 1 : label,
                                       "kpi export (fagudvalg)", &s.source);
    if (st != KPI_OK)
        return st;
    st = kpi_cmp_read_csv(in, path, &s.rep, on_header, on_row, &s);
    if (st == KPI_OK && !s.name[0])
        kpi_cmp_problem(&s.rep, 0, NULL,
                        "no municipality name: not a `kpi export "
                        "--level fagudvalg` file");
    /* The age groups 0-17 of the placed: present when all four are
     * shown, else missing with the mark of a hidden one. */
    for (int k = 0; st == KPI_OK && !s.rep.errors && k < 2; k++) {
        if (s.groups[k] != 0xF)
            continue;
        kpi_cmp_value v = {0};
        v.area = s.name;
        v.year = s.year - k;
        v.measure = KPI_CMP_PLACED_0_17;
        v.present = !s.masked[k];
        v.value = v.present ? s.sum17[k] : 0;
        if (!v.present)
            snprintf(v.mark, sizeof v.mark, "%s", s.mark[k]);
        v.source = s.source;
        st = kpi_cmp_add_value(in, &v);
    }
    if (st == KPI_OK && s.rep.st != KPI_OK)
        st = s.rep.st;
    if (st == KPI_OK && s.rep.errors)
        st = KPI_ERR_INPUT;
    if (st == KPI_OK) {
        /* The source names the municipality the file is from. */
        char origin[192];
        snprintf(origin, sizeof origin, "kpi export (fagudvalg), %s", s.name);
        char *o2 = kpi_xstrdup(in->a, origin);
        if (!o2)
            return KPI_ERR_NOMEM;
        kpi_xfree(in->a, in->sources[s.source].origin);
        in->sources[s.source].origin = o2;
    }
    return st;
}
