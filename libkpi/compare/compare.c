/*
 * compare.c - the comparison with other municipalities and the country
 * (issue 18, docs/COMPARE.md): the files of sammenligning/, the own
 * municipality on Danmarks Statistik's definitions beside kpi's monthly
 * ones, and the rates per 1,000 children, as rows of the long export
 * (kpi_id "compare", breakdown municipality=NAME, period the year).
 */
#include "compare/gaps.h"
#include "compare/own.h"
#include "results/rows.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define YEARS 5 /* the last five years the data has (issue 18) */
#define MAX_AREAS 32

struct kpi_comparison {
    kpi_allocator alloc_store;
    const kpi_allocator *alloc;
    kpi_cmp_input in;
    kpi_figures *rows;
    /* The municipalities compared, the own first, the country last; the
     * gaps name them. The own name is kpi.ini's, of any length (a copy
     * cut short would match none of its rows); the chosen are at most 95
     * bytes (chosen_areas). */
    char *own_area;
    char areas[MAX_AREAS + 2][96];
    size_t n_areas;
    kpi_cmp_gap *gaps;
    size_t n_gaps;
};

/* The values of one municipality (or the country) for one year. */
typedef struct area_year {
    bool has[KPI_CMP_MEASURE_COUNT];
    int64_t v[KPI_CMP_MEASURE_COUNT];
} area_year;

static void take(const kpi_cmp_input *in, const char *area, int year,
                 area_year *ay)
{
    for (int m = 0; m < KPI_CMP_MEASURE_COUNT; m++) {
        const kpi_cmp_value *v = kpi_cmp_find(in, area, year, m);
        if (v && v->present) {
            ay->has[m] = true;
            ay->v[m] = v->value;
        }
    }
}

/* A municipality's population where the year has none: the number its
 * kpi.ini (own) or its shared file gives for another year. */
static void population_fallback(const kpi_cmp_input *in, const char *area,
                                area_year *ay)
{
    for (int m = KPI_CMP_CHILDREN_0_17; m <= KPI_CMP_CHILDREN_0_22; m++) {
        for (size_t i = 0; !ay->has[m] && area && i < in->n_values; i++) {
            const kpi_cmp_value *v = &in->values[i];
            /* Only a shared file's (kpi.ini's) number: DST's are of
             * their year. */
            if (v->measure == (kpi_cmp_measure)m && v->present && !v->country &&
                strncmp(in->sources[v->source].origin, "kpi export", 10) == 0 &&
                kpi_cmp_find(in, area, v->year, m) == v) {
                ay->has[m] = true;
                ay->v[m] = v->value;
            }
        }
    }
}

/* Per 1,000: count / population x 1000. */
static double per_1000(int64_t count, int64_t population)
{
    return (double)count * 1000.0 / (double)population;
}

static kpi_status add_rates(kpi_figures *f, const char *period,
                            const char *name, const area_year *ay)
{
    static const struct {
        kpi_cmp_measure count, population;
        const char *stat, *rate;
    } rates[] = {
        {KPI_CMP_PLACED, KPI_CMP_CHILDREN_0_22, "placed", "placed_per_1000"},
        {KPI_CMP_PLACED_0_17, KPI_CMP_CHILDREN_0_17, "placed_0_17",
         "placed_0_17_per_1000"},
        {KPI_CMP_NEW_PLACEMENTS, KPI_CMP_CHILDREN_0_22, "new_placements",
         "new_placements_per_1000"},
        {KPI_CMP_PREVENTIVE, KPI_CMP_CHILDREN_0_22, "preventive",
         "preventive_per_1000"},
    };
    const char *dim = "municipality";
    kpi_status st = KPI_OK;
    for (size_t i = 0; st == KPI_OK && i < sizeof rates / sizeof rates[0];
         i++) {
        if (!ay->has[rates[i].count])
            continue;
        int64_t n = ay->v[rates[i].count];
        st = kpi_figures_add_count(f, "compare", period, dim, name,
                                   rates[i].stat, n);
        int64_t pop = ay->v[rates[i].population];
        if (st == KPI_OK && ay->has[rates[i].population] && pop > 0)
            st = kpi_figures_add_real(f, "compare", period, dim, name,
                                      rates[i].rate, per_1000(n, pop));
    }
    bool counted = false;
    for (int m = 0; m < KPI_CMP_MEASURE_COUNT; m++)
        counted = counted || (ay->has[m] && m != KPI_CMP_CHILDREN_0_17 &&
                              m != KPI_CMP_CHILDREN_0_22);
    for (int m = KPI_CMP_CHILDREN_0_17;
         counted && st == KPI_OK && m <= KPI_CMP_CHILDREN_0_22; m++)
        if (ay->has[m])
            st = kpi_figures_add_count(f, "compare", period, dim, name,
                                       kpi_cmp_measure_code(m), ay->v[m]);
    /* Spend per child: the year's expected outturn per child 0-17,
     * rounded half away from zero to øre (SPEC §4). */
    if (st == KPI_OK && ay->has[KPI_CMP_SPEND] &&
        ay->has[KPI_CMP_CHILDREN_0_17] && ay->v[KPI_CMP_CHILDREN_0_17] > 0)
        st = kpi_figures_add_money(
            f, "compare", period, dim, name, "spend_per_child_0_17",
            kpi_div_round(ay->v[KPI_CMP_SPEND], ay->v[KPI_CMP_CHILDREN_0_17]));
    return st;
}

/* The own municipality's values: kpi.ini's children, the own figures on
 * DST's definitions, the forecast of the report year. */
static kpi_status own_values(const kpi_dataset *ds, const kpi_figures *figs,
                             const kpi_cmp_input *in, const char *name,
                             int year, kpi_date as_of, const kpi_allocator *a,
                             area_year *ay)
{
    memset(ay, 0, sizeof *ay);
    take(in, name, year, ay); /* a DST file may hold the own municipality */
    const kpi_config *c = ds->config;
    if (!ay->has[KPI_CMP_CHILDREN_0_17] && c->children_0_17) {
        ay->has[KPI_CMP_CHILDREN_0_17] = true;
        ay->v[KPI_CMP_CHILDREN_0_17] = c->children_0_17;
    }
    if (!ay->has[KPI_CMP_CHILDREN_0_22] && c->children_0_22) {
        ay->has[KPI_CMP_CHILDREN_0_22] = true;
        ay->v[KPI_CMP_CHILDREN_0_22] = c->children_0_22;
    }
    kpi_own_year o;
    bool ok[KPI_CATEGORY_COUNT];
    kpi_status st = kpi_own_dst_year(ds, year, as_of, a, &o, ok);
    if (st != KPI_OK)
        return st;
    const kpi_cmp_measure ms[] = {KPI_CMP_PLACED, KPI_CMP_PLACED_0_17,
                                  KPI_CMP_NEW_PLACEMENTS, KPI_CMP_PREVENTIVE};
    const int64_t vs[] = {o.placed, o.placed_0_17, o.new_placements,
                          o.preventive};
    for (size_t i = 0; i < 4; i++) {
        if (!ok[i < 3 ? KPI_CATEGORY_PLACEMENT : KPI_CATEGORY_PREVENTIVE])
            continue;
        ay->has[ms[i]] = true;
        ay->v[ms[i]] = vs[i];
    }
    char period[12]; /* any int's digits: no truncation */
    snprintf(period, sizeof period, "%04d", year);
    const kpi_row *r =
        figs ? kpi_figures_find(figs, "forecast", period, NULL, NULL, "amount")
             : NULL;
    if (r) {
        ay->has[KPI_CMP_SPEND] = true;
        ay->v[KPI_CMP_SPEND] = r->integer;
    }
    return KPI_OK;
}

/* kpi's own monthly definition beside DST's (docs/COMPARE.md): the
 * placed children on the as-of date, every age, per 1,000 children 0-22
 * of kpi.ini. Period D says it is the stock of that day. */
static kpi_status add_monthly(kpi_figures *f, const kpi_dataset *ds,
                              const kpi_figures *figs, const char *name)
{
    if (!figs)
        return KPI_OK;
    size_t n = kpi_figures_row_count(figs);
    for (size_t i = 0; i < n; i++) {
        const kpi_row *r = kpi_figures_row(figs, i);
        if (strcmp(r->kpi_id, "placed_children") != 0 || r->dimension ||
            strcmp(r->stat, "count") != 0)
            continue;
        kpi_status st =
            kpi_figures_add_count(f, "compare", r->period, "municipality", name,
                                  "placed_monthly", r->integer);
        if (st == KPI_OK && ds->config->children_0_22)
            st = kpi_figures_add_real(
                f, "compare", r->period, "municipality", name,
                "placed_monthly_per_1000",
                per_1000(r->integer, ds->config->children_0_22));
        return st; /* the first such row is the stock on D */
    }
    return KPI_OK;
}

/* Splits kpi.ini's [compare] municipalities at commas, trimmed. */
static size_t chosen_areas(const char *list, char out[][96], size_t cap)
{
    size_t n = 0;
    for (const char *s = list; s && *s && n < cap;) {
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strcspn(s, ",");
        size_t l = len;
        while (l && (s[l - 1] == ' ' || s[l - 1] == '\t'))
            l--;
        if (l) {
            snprintf(out[n], sizeof out[0], "%.*s", (int)l, s);
            n++;
        }
        s += len;
        if (*s == ',')
            s++;
    }
    return n;
}

static int name_order(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .csv files of dir, sorted by name (the same input gives the same
 * rows). *names is freed by the caller (each, then the array). */
static kpi_status list_files(const kpi_allocator *a, const char *dir,
                             char ***names, size_t *n, kpi_diagnostics *diags,
                             const char *label)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return kpi_diag_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                            "cannot be read") == KPI_OK
                   ? KPI_ERR_IO
                   : KPI_ERR_NOMEM;
    size_t cap = 0;
    kpi_status st = KPI_OK;
    struct dirent *e;
    while (st == KPI_OK && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv") != 0) {
            st = kpi_diag_add(diags, KPI_SEVERITY_WARNING, label, 0, NULL,
                              "'%s' is not read: kpi compares .csv files "
                              "(Statistikbank tables, kpi exports)",
                              e->d_name) == KPI_OK
                     ? KPI_OK
                     : KPI_ERR_NOMEM;
            continue;
        }
        if (kpi_grow(a, (void **)names, &cap, *n + 1, sizeof **names) !=
                KPI_OK ||
            !((*names)[*n] = kpi_xstrdup(a, e->d_name)))
            st = KPI_ERR_NOMEM;
        else
            (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(*names, *n, sizeof **names, name_order);
    return st;
}

static kpi_status read_folder(kpi_comparison *c, const char *dir,
                              kpi_diagnostics *diags)
{
    char **names;
    size_t n;
    kpi_status st =
        list_files(c->alloc, dir, &names, &n, diags, "sammenligning/");
    kpi_status worst = st;
    for (size_t i = 0; st != KPI_ERR_NOMEM && i < n; i++) {
        char label[512], path[4096];
        int nl = snprintf(label, sizeof label, "sammenligning/%s", names[i]);
        int np = snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (nl < 0 || (size_t)nl >= sizeof label || np < 0 ||
            (size_t)np >= sizeof path)
            st = kpi_diag_add(diags, KPI_SEVERITY_ERROR, "sammenligning/", 0,
                              NULL,
                              "a file name in the folder is too long "
                              "for kpi: shorten it") == KPI_OK
                     ? KPI_ERR_INPUT
                     : KPI_ERR_NOMEM;
        else
            st = kpi_cmp_read_file(&c->in, path, label, diags);
        if (st != KPI_OK && worst != KPI_ERR_NOMEM)
            worst = st;
    }
    for (size_t i = 0; i < n; i++)
        kpi_xfree(c->alloc, names[i]);
    kpi_xfree(c->alloc, names);
    return worst;
}

/* The years to compare: the last five up to the report year that any
 * comparison file has. */
static int first_year(const kpi_cmp_input *in, int report_year)
{
    int newest = 0;
    for (size_t i = 0; i < in->n_values; i++)
        if (in->values[i].year <= report_year && in->values[i].year > newest)
            newest = in->values[i].year;
    return newest ? newest - (YEARS - 1) : 0;
}

/* A chosen municipality no file names: an error at its kpi.ini line. A
 * year of the window it lacks: a warning (the sheet and export leave it
 * out, never 0). */
static kpi_status check_chosen(const kpi_cmp_input *in, const kpi_config *cfg,
                               const char *area, int from, int to,
                               kpi_diagnostics *diags, bool *bad)
{
    bool any = false;
    for (int y = from; y <= to; y++)
        for (int m = 0; m < KPI_CMP_MEASURE_COUNT; m++)
            any = any || kpi_cmp_find(in, area, y, m);
    if (!any) {
        *bad = true;
        return kpi_diag_add(diags, KPI_SEVERITY_ERROR, "kpi.ini",
                            cfg->compare_line, "municipalities",
                            "'%s' is in no file of sammenligning/ for "
                            "%d-%d (a file names a municipality by DST's "
                            "code or text, or a kpi export by its kpi.ini "
                            "name)",
                            area, from, to) == KPI_OK
                   ? KPI_OK
                   : KPI_ERR_NOMEM;
    }
    for (int y = from; y <= to; y++) {
        for (int m = 0; m < KPI_CMP_MEASURE_COUNT; m++) {
            if (!kpi_cmp_find(in, NULL, y, m))
                continue; /* the country has none either: not compared */
            const kpi_cmp_value *v = kpi_cmp_find(in, area, y, m);
            kpi_status st = KPI_OK;
            if (!v)
                st = kpi_diag_add(diags, KPI_SEVERITY_WARNING, "sammenligning/",
                                  0, NULL,
                                  "no file gives %s of '%s' in %d (the "
                                  "country's is given): left out, not 0",
                                  kpi_cmp_measure_code(m), area, y);
            char file[300];
            snprintf(file, sizeof file, "sammenligning/%s",
                     v ? in->sources[v->source].file : "");
            if (v && !v->present)
                st = kpi_diag_add(diags, KPI_SEVERITY_WARNING, file, v->line,
                                  NULL,
                                  "%s of '%s' in %d is held back ('%s'): "
                                  "left out, not 0",
                                  kpi_cmp_measure_code(m), area, y, v->mark);
            if (st != KPI_OK)
                return st;
        }
    }
    return KPI_OK;
}

static kpi_status build_rows(kpi_comparison *c, const kpi_dataset *ds,
                             const kpi_figures *figs, kpi_month m,
                             kpi_diagnostics *diags)
{
    const kpi_config *cfg = ds->config;
    char chosen[MAX_AREAS][96];
    size_t n_chosen =
        chosen_areas(cfg->compare_municipalities, chosen, MAX_AREAS);
    int from = first_year(&c->in, m.year);
    if (!from) {
        return kpi_diag_add(diags, KPI_SEVERITY_ERROR, "sammenligning/", 0,
                            NULL, "no file gives a year up to %d",
                            m.year) == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    }
    int to = from + YEARS - 1;
    bool bad = false;
    kpi_status st = KPI_OK;
    for (size_t i = 0; st == KPI_OK && i < n_chosen; i++)
        st = check_chosen(&c->in, cfg, chosen[i], from, to, diags, &bad);
    if (st != KPI_OK || bad)
        return st != KPI_OK ? st : KPI_ERR_INPUT;
    const char *own = *cfg->municipality ? cfg->municipality : "egen kommune";
    kpi_date as_of;
    if (kpi_date_from_ymd(m.year, m.month,
                          kpi_date_days_in_month(m.year, m.month),
                          &as_of) != KPI_OK)
        return KPI_ERR_ARG;
    /* Municipality by municipality (the own, the chosen in kpi.ini's
     * order, the country), year by year: the order a sheet's rows take. */
    for (size_t a = 0; st == KPI_OK && a < n_chosen + 2; a++) {
        for (int y = from; st == KPI_OK && y <= to; y++) {
            char period[12];
            snprintf(period, sizeof period, "%04d", y);
            area_year ay;
            memset(&ay, 0, sizeof ay);
            const char *name = a == 0              ? own
                               : a == n_chosen + 1 ? "Hele landet"
                                                   : chosen[a - 1];
            if (a == 0)
                st = own_values(ds, figs, &c->in, own, y, as_of, c->alloc,
                                &ay);
            else if (a == n_chosen + 1)
                take(&c->in, NULL, y, &ay);
            else {
                take(&c->in, name, y, &ay);
                population_fallback(&c->in, name, &ay);
            }
            if (st == KPI_OK)
                st = add_rates(c->rows, period, name, &ay);
        }
    }
    if (st == KPI_OK)
        st = add_monthly(c->rows, ds, figs, own);
    /* What is missing and why, for the sheet (issue 18 item 5). */
    if (st == KPI_OK && !(c->own_area = kpi_xstrdup(c->alloc, own)))
        st = KPI_ERR_NOMEM;
    c->n_areas++; /* areas[0]: own_area */
    for (size_t i = 0; i < n_chosen; i++)
        memcpy(c->areas[c->n_areas++], chosen[i], sizeof chosen[i]);
    snprintf(c->areas[c->n_areas++], sizeof c->areas[0], "Hele landet");
    const char *names[MAX_AREAS + 2];
    for (size_t i = 0; i < c->n_areas; i++)
        names[i] = i ? c->areas[i] : c->own_area;
    if (st == KPI_OK)
        st = kpi_cmp_gaps_build(c->rows, &c->in, names, c->n_areas, 0, from,
                                to, c->alloc, &c->gaps, &c->n_gaps);
    return st;
}

kpi_status kpi_comparison_load(const kpi_dataset *dataset,
                               const kpi_figures *figures, const char *dir,
                               kpi_month m, const kpi_allocator *allocator,
                               kpi_comparison **out, kpi_diagnostics *diags)
{
    if (!out)
        return KPI_ERR_ARG;
    *out = NULL;
    if (!dataset || !dir)
        return KPI_ERR_ARG;
    char path[4096];
    snprintf(path, sizeof path, "%s/sammenligning", dir);
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        if (!dataset->config->compare_municipalities)
            return KPI_OK; /* no comparison: nothing changes */
        return kpi_diag_add(diags, KPI_SEVERITY_ERROR, "kpi.ini",
                            dataset->config->compare_line, "municipalities",
                            "[compare] names municipalities, but the "
                            "dataset folder has no sammenligning/ folder "
                            "with their files (docs/COMPARE.md)") == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    }
    kpi_comparison *c = kpi_xcalloc(allocator, 1, sizeof *c);
    if (!c)
        return KPI_ERR_NOMEM;
    c->alloc = kpi_allocator_keep(&c->alloc_store, allocator);
    c->in.a = c->alloc;
    c->rows = kpi_figures_new(c->alloc);
    kpi_status st = c->rows ? read_folder(c, path, diags) : KPI_ERR_NOMEM;
    if (st == KPI_OK)
        st = build_rows(c, dataset, figures, m, diags);
    if (st != KPI_OK) {
        kpi_comparison_free(c);
        return st;
    }
    *out = c;
    return KPI_OK;
}

kpi_status kpi_comparison_check(const kpi_dataset *dataset, const char *dir,
                                kpi_month m, kpi_diagnostics *diags)
{
    kpi_comparison *c = NULL;
    kpi_status st = kpi_comparison_load(dataset, NULL, dir, m, NULL, &c, diags);
    kpi_comparison_free(c);
    return st;
}

void kpi_comparison_free(kpi_comparison *c)
{
    if (!c)
        return;
    kpi_cmp_input_free(&c->in);
    kpi_figures_free(c->rows);
    kpi_xfree(c->alloc, c->gaps);
    kpi_xfree(c->alloc, c->own_area);
    kpi_xfree_keeper(c->alloc, c);
}

size_t kpi_comparison_row_count(const kpi_comparison *c)
{
    return c ? kpi_figures_row_count(c->rows) : 0;
}

const kpi_row *kpi_comparison_row(const kpi_comparison *c, size_t i)
{
    return c ? kpi_figures_row(c->rows, i) : NULL;
}

size_t kpi_comparison_source_count(const kpi_comparison *c)
{
    return c ? c->in.n_sources : 0;
}

bool kpi_comparison_source(const kpi_comparison *c, size_t i,
                           kpi_comparison_source_info *out)
{
    if (!c || i >= c->in.n_sources || !out)
        return false;
    out->file = c->in.sources[i].file;
    out->origin = c->in.sources[i].origin;
    out->first_year = c->in.sources[i].first_year;
    out->last_year = c->in.sources[i].last_year;
    out->date = c->in.sources[i].date;
    out->month = c->in.sources[i].month;
    return true;
}

size_t kpi_comparison_gap_count(const kpi_comparison *c)
{
    return c ? c->n_gaps : 0;
}

bool kpi_comparison_gap(const kpi_comparison *c, size_t i,
                        kpi_comparison_gap_info *out)
{
    if (!c || i >= c->n_gaps || !out)
        return false;
    const kpi_cmp_gap *g = &c->gaps[i];
    out->area = g->area;
    out->stat = kpi_cmp_measure_code(g->measure);
    out->years = g->years;
    out->mark = g->mark;
    out->file = g->file ? g->file : "";
    out->reason = g->reason;
    return true;
}

bool kpi_comparison_row_visible(const kpi_privacy *p, const kpi_row *row)
{
    kpi_group g = kpi_privacy_group(p);
    return row && !strcmp(row->kpi_id, "compare") &&
           (g == KPI_GROUP_FAGUDVALG || g == KPI_GROUP_DIREKTION);
}

/* The figure row that publishes the same count as a comparison row, in
 * figures: the stock on the as-of date (placed_monthly) is
 * placed_children's total; in a December report the year's placed on 31
 * December and its new placements are the month's stock and the year's
 * to-date count. A mark there must be the mark here too, or the sheet
 * would show what the pack hides. */
static const kpi_row *same_count(const kpi_figures *figures, const kpi_row *r)
{
    char period[32];
    if (!strcmp(r->stat, "placed_monthly"))
        return kpi_figures_find(figures, "placed_children", r->period, NULL,
                                NULL, "count");
    if (!strcmp(r->stat, "placed")) {
        snprintf(period, sizeof period, "%.4s-12-31", r->period);
        return kpi_figures_find(figures, "placed_children", period, NULL, NULL,
                                "count");
    }
    if (!strcmp(r->stat, "new_placements")) {
        snprintf(period, sizeof period, "%.4s-01..%.4s-12", r->period,
                 r->period);
        return kpi_figures_find(figures, "new_placements", period, NULL, NULL,
                                "count");
    }
    return NULL;
}

const char *kpi_comparison_row_mark(const kpi_comparison *c,
                                    const kpi_privacy *p,
                                    const kpi_figures *figures,
                                    const kpi_row *row)
{
    static const char *const counts[] = {"placed", "placed_0_17",
                                         "new_placements", "preventive",
                                         "placed_monthly"};
    if (!c || !p || !row || strcmp(row->kpi_id, "compare") != 0 ||
        !kpi_group_suppresses(kpi_privacy_group(p)))
        return NULL;
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        size_t len = strlen(counts[i]);
        if (!strncmp(row->stat, counts[i], len) &&
            !strcmp(row->stat + len, "_per_1000")) {
            /* A rate of a masked count: rate x population is the count. */
            const kpi_row *n =
                kpi_figures_find(c->rows, "compare", row->period,
                                 "municipality", row->member, counts[i]);
            return n && kpi_comparison_row_mark(c, p, figures, n) ? ".."
                                                                  : NULL;
        }
        if (strcmp(row->stat, counts[i]) != 0)
            continue;
        if (row->integer >= 1 && row->integer <= 4)
            return "<5";
        const kpi_row *same = figures ? same_count(figures, row) : NULL;
        return same && same->integer == row->integer
                   ? kpi_privacy_row_mark(p, same)
                   : NULL;
    }
    return NULL;
}

kpi_status kpi_comparison_export_write(const kpi_comparison *c, FILE *out)
{
    if (!out)
        return KPI_ERR_ARG;
    size_t n = kpi_comparison_row_count(c);
    for (size_t i = 0; i < n; i++)
        kpi_export_write_row(kpi_comparison_row(c, i), NULL, out);
    return ferror(out) ? KPI_ERR_IO : KPI_OK;
}
