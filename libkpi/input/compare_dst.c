/*
 * compare_dst.c - a Statistikbank table in the API's BULK/CSV format
 * (docs/COMPARE.md has the format, its documentation and what kpi could
 * not verify).
 *
 * A file holds one table; its name says which (the API's rows do not):
 * the name up to the first '.', '-', '_' or space is the table id. kpi
 * knows these, each with the definition it stands for:
 *   ANBAAR9 - children and young people placed on 31 December (0-22), by
 *             administrationskommune (ANBAAR7, the id of DST's older
 *             table of the same count, is read alike);
 *   ISBU02  - children and young people with a preventive measure during
 *             the year (0-22);
 *   FOLK1A  - the population on the first day of a quarter, by age; the
 *             1st quarter of year Y+1 is the population at the end of Y.
 * Columns: the area (OMRÅDE; ADMKOM in ANBAAR9, KOMMUNEDK in ISBU02: the
 * municipality, by code or name; 000 or "Hele landet" is the whole
 * country), TID (the year, or YYYYK1 for FOLK1A), INDHOLD (the value),
 * the age (optional; ALDER, ALERAMS in ANBAAR9: an age, an age group
 * "0-17 år", a total, or "Uoplyst alder", which is skipped: the total
 * holds it). Any other column (KØN, INDSATSER, ...) must have a total
 * ("I alt", "TOT", "IALT", or a text ending in "i alt") in the file; kpi
 * reads the total's rows.
 */
#include "input/compare_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum table_kind { TABLE_PLACED, TABLE_PREVENTIVE, TABLE_POPULATION };

static const struct {
    const char *id;
    enum table_kind kind;
} tables[] = {
    {"ANBAAR9", TABLE_PLACED},
    {"ANBAAR7", TABLE_PLACED},
    {"ISBU02", TABLE_PREVENTIVE},
    {"FOLK1A", TABLE_POPULATION},
};

#define MAX_EXTRA 8
#define AGES 23 /* 0-22: the ages DST's figures of children cover */

/* One municipality and year of the file: its total and the ages 0-22 its
 * rows cover (bit a: age a is in a row with a value; missing: in a row
 * the file marks). */
typedef struct cell {
    char *area;
    int year;
    unsigned long line;
    bool has_total, total_missing;
    char total_mark[4];
    int64_t total;
    uint32_t covered, missing;
    char mark[4];
    int64_t sum17, sum22;
} cell;

typedef struct reader {
    kpi_cmp_input *in;
    kpi_cmp_report rep;
    enum table_kind kind;
    size_t source;
    int c_area, c_time, c_value, c_age;
    int extra[MAX_EXTRA];
    char extra_name[MAX_EXTRA][32];
    bool extra_total[MAX_EXTRA];
    size_t n_extra;
    cell *cells;
    size_t n_cells, cap_cells;
} reader;

/* A total of a variable: "I alt", "Alder i alt", "Køn i alt", "TOT",
 * "IALT", "Total" (folded: no spaces, lower case). ISBU02's total of
 * INDSATSER is 71 letters long ("BØRN OG UNGE DER MODTAGER FOREBYGGENDE
 * FORANSTALTNINGER OG INDSATSER I ALT"), hence the room. */
static bool is_total(const char *s, size_t len)
{
    char f[160];
    size_t n = kpi_text_fold(s, len, f, sizeof f);
    if (n >= sizeof f)
        return false; /* longer than any total's text */
    return (n >= 4 && strcmp(f + n - 4, "ialt") == 0) ||
           strcmp(f, "tot") == 0 || strcmp(f, "total") == 0;
}

static kpi_status on_header(void *ctx, unsigned long line,
                            const kpi_csv_field *h, size_t n)
{
    reader *r = ctx;
    r->c_area = r->c_time = r->c_value = r->c_age = -1;
    for (size_t i = 0; i < n; i++) {
        char f[64];
        kpi_text_fold(h[i].s, h[i].len, f, sizeof f);
        if (strcmp(f, "område") == 0 || strcmp(f, "omrade") == 0 ||
            strcmp(f, "omraade") == 0 || strcmp(f, "komk") == 0 ||
            strcmp(f, "admkom") == 0 || strcmp(f, "kommunedk") == 0)
            r->c_area = (int)i;
        else if (strcmp(f, "tid") == 0)
            r->c_time = (int)i;
        else if (strcmp(f, "indhold") == 0)
            r->c_value = (int)i;
        else if (strcmp(f, "alder") == 0 || strcmp(f, "alerams") == 0 ||
                 strcmp(f, "alder1") == 0)
            r->c_age = (int)i;
        else if (r->n_extra < MAX_EXTRA) {
            r->extra[r->n_extra] = (int)i;
            snprintf(r->extra_name[r->n_extra], sizeof r->extra_name[0], "%s",
                     h[i].s);
            r->n_extra++;
        } else {
            kpi_cmp_problem(&r->rep, line, h[i].s,
                            "more than %d variables besides "
                            "OMRÅDE, ALDER, TID and INDHOLD",
                            MAX_EXTRA);
        }
    }
    static const char *const names[] = {"OMRÅDE", "TID", "INDHOLD"};
    int cols[] = {r->c_area, r->c_time, r->c_value};
    for (size_t i = 0; i < 3; i++)
        if (cols[i] < 0)
            kpi_cmp_problem(
                &r->rep, line, names[i],
                "missing column %s: a Statistikbank table in the API's "
                "BULK format has a header of variable ids such as "
                "OMRÅDE;ALDER;TID;INDHOLD or ADMKOM;ALERAMS;TID;INDHOLD "
                "(docs/COMPARE.md)",
                names[i]);
    return r->rep.errors ? KPI_ERR_INPUT : r->rep.st;
}

static bool all_digits(const char *s, size_t len)
{
    if (!len)
        return false;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* A number of years from s, at most 200 (an age; a longer run of digits
 * is no age and is read as "200 and over"). */
static int years_at(const char *s, char **end)
{
    long v = strtol(s, end, 10);
    return v < 0 || v > 200 ? 200 : (int)v;
}

/* The age range of an ALDER value: "7", "7 år", "0-5 år", "18-22 år",
 * "85 år og derover"; false for a total (no digit). */
static bool age_range(const char *s, int *lo, int *hi)
{
    while (*s && (*s < '0' || *s > '9'))
        s++;
    if (!*s)
        return false;
    char *end;
    *lo = years_at(s, &end);
    *hi = *lo;
    while (*end == ' ')
        end++;
    if (*end == '-' && end[1] >= '0' && end[1] <= '9')
        *hi = years_at(end + 1, &end);
    else if (strstr(end, "over") || strstr(end, "+"))
        *hi = 200;
    return true;
}

/* The year a TID value stands for: "2024" for the yearly tables; for
 * FOLK1A "2025K1", the population on 1 January 2025, stands for the end
 * of 2024 (DST's placements are counted on 31 December). 0 for another
 * quarter (not read), -1 for a value that is no period. */
static int year_of(const reader *r, const char *s, size_t len)
{
    if (len == 4 && all_digits(s, 4))
        return r->kind == TABLE_POPULATION ? -1 : atoi(s);
    if (r->kind == TABLE_POPULATION && len == 6 && all_digits(s, 4) &&
        s[4] == 'K' && s[5] >= '1' && s[5] <= '4')
        return s[5] == '1' ? atoi(s) - 1 : 0;
    return -1;
}

static cell *cell_of(reader *r, const char *area, int year, unsigned long line)
{
    for (size_t i = 0; i < r->n_cells; i++)
        if (r->cells[i].year == year && strcmp(r->cells[i].area, area) == 0)
            return &r->cells[i];
    if (kpi_grow(r->in->a, (void **)&r->cells, &r->cap_cells, r->n_cells + 1,
                 sizeof *r->cells) != KPI_OK)
        return NULL;
    cell *c = &r->cells[r->n_cells];
    memset(c, 0, sizeof *c);
    c->area = kpi_xstrdup(r->in->a, area);
    if (!c->area)
        return NULL;
    c->year = year;
    c->line = line;
    r->n_cells++;
    return c;
}

/* "Uoplyst alder" (age not stated): ANBAAR9's ALERAMS has it beside
 * "I alt", "0-17 år" and "18-22 år". */
static bool age_unknown(const kpi_csv_field *age)
{
    char f[32];
    size_t n = kpi_text_fold(age->s, age->len, f, sizeof f);
    return n >= 7 && strncmp(f, "uoplyst", 7) == 0;
}

/* Puts a row's value into its cell: the total, or the ages it covers. A
 * row of children whose age is not stated is in the total and in no age
 * group: it is skipped (taking it for a total would make two). */
static void add_to_cell(reader *r, cell *c, unsigned long line,
                        const kpi_csv_field *age, bool present,
                        const char *mark, int64_t v)
{
    int lo, hi;
    if (age && age_unknown(age))
        return;
    if (!age || !age_range(age->s, &lo, &hi)) {
        if (c->has_total) {
            kpi_cmp_problem(
                &r->rep, line, "INDHOLD",
                "the total of '%s' %d is given twice (also line %lu)", c->area,
                c->year, c->line);
            return;
        }
        c->has_total = true;
        c->total_missing = !present;
        snprintf(c->total_mark, sizeof c->total_mark, "%s", mark);
        c->total = v;
        return;
    }
    if (lo > hi) {
        kpi_cmp_problem(&r->rep, line, "ALDER", "'%s' is not an age group",
                        age->s);
        return;
    }
    if (lo >= AGES)
        return; /* ages above 22 are not children in DST's sense */
    if (hi >= AGES) {
        if (r->kind == TABLE_POPULATION)
            return;
        hi = AGES - 1; /* "18 år og derover" in a table of 0-22-year-olds */
    }
    uint32_t bits = (uint32_t)((1ull << (hi + 1)) - (1ull << lo));
    if ((c->covered | c->missing) & bits) {
        kpi_cmp_problem(&r->rep, line, "ALDER",
                        "the ages of '%s' overlap another row of '%s' %d: kpi "
                        "reads single ages or age groups that do not overlap",
                        age->s, c->area, c->year);
        return;
    }
    if (!present) {
        c->missing |= bits;
        snprintf(c->mark, sizeof c->mark, "%s", mark);
        return;
    }
    c->covered |= bits;
    if (hi <= 17)
        c->sum17 += v;
    c->sum22 += v;
}

static kpi_status on_row(void *ctx, unsigned long line, const kpi_csv_field *f,
                         size_t n)
{
    reader *r = ctx;
    (void)n;
    for (size_t i = 0; i < r->n_extra; i++) {
        const kpi_csv_field *x = &f[r->extra[i]];
        if (!is_total(x->s, x->len))
            return r->rep.st; /* a breakdown kpi does not compare (KØN=1) */
        r->extra_total[i] = true;
    }
    const kpi_csv_field *area = &f[r->c_area], *time = &f[r->c_time];
    const kpi_csv_field *val = &f[r->c_value];
    int year = year_of(r, time->s, time->len);
    if (year == 0)
        return r->rep.st;
    if (year < 0 && time->len == 6 && all_digits(time->s, 4) &&
        time->s[4] == 'Q') {
        kpi_cmp_problem(&r->rep, line, "TID",
                        "'%s' is a quarter in English: download the table in "
                        "Danish (the API's lang=da, the default), where the "
                        "quarters are YYYYK1..K4 and the country 'Hele "
                        "landet'",
                        time->s);
        return r->rep.st;
    }
    if (year < 0) {
        kpi_cmp_problem(
            &r->rep, line, "TID",
            r->kind == TABLE_POPULATION
                ? "'%s' is not a quarter YYYYK1..K4 (FOLK1A gives the "
                  "population by quarter)"
                : "'%s' is not a year (this table is yearly)",
            time->s);
        return r->rep.st;
    }
    bool present = true;
    int64_t v = 0;
    const char *mark = "";
    if (strcmp(val->s, "..") == 0 || strcmp(val->s, ".") == 0 ||
        strcmp(val->s, "-") == 0 || val->len == 0) {
        /* Danmarks Statistik marks a value it may not or cannot give; it
         * stays missing, never 0. */
        present = false;
        mark = val->len ? val->s : ".";
    } else if (all_digits(val->s, val->len) && val->len <= 12) {
        v = strtoll(val->s, NULL, 10);
    } else {
        kpi_cmp_problem(&r->rep, line, "INDHOLD",
                        "'%s' is not a count (a whole number, or '..' where "
                        "Danmarks Statistik holds the value back)",
                        val->s);
        return r->rep.st;
    }
    cell *c = cell_of(r, area->s, year, line);
    if (!c)
        return r->rep.st = KPI_ERR_NOMEM;
    add_to_cell(r, c, line, r->c_age >= 0 ? &f[r->c_age] : NULL, present, mark,
                v);
    return r->rep.st;
}

static bool is_country(const char *area)
{
    char f[64];
    kpi_text_fold(area, strlen(area), f, sizeof f);
    return strcmp(f, "000") == 0 || strcmp(f, "helelandet") == 0 ||
           strcmp(f, "00") == 0 || strcmp(f, "0") == 0;
}

/* Adds a value of a cell: present when all of `need` ages (or the total)
 * have values; else missing with the file's mark. */
static kpi_status emit(reader *r, const cell *c, kpi_cmp_measure m,
                       bool present, int64_t v, const char *mark)
{
    kpi_cmp_value out = {0};
    out.area = c->area;
    out.country = is_country(c->area);
    out.year = c->year;
    out.measure = m;
    out.present = present;
    out.value = present ? v : 0;
    if (!present)
        snprintf(out.mark, sizeof out.mark, "%s", mark && *mark ? mark : ".");
    out.source = r->source;
    out.line = c->line;
    return kpi_cmp_add_value(r->in, &out);
}

static kpi_status emit_cell(reader *r, const cell *c)
{
    const uint32_t all17 = (1u << 18) - 1, all22 = (1u << AGES) - 1;
    bool has17 = (c->covered & all17) == all17;
    bool has22 = (c->covered & all22) == all22;
    kpi_status st = KPI_OK;
    if (r->kind == TABLE_POPULATION) {
        st = emit(r, c, KPI_CMP_CHILDREN_0_17, has17, c->sum17, c->mark);
        if (st == KPI_OK)
            st = emit(r, c, KPI_CMP_CHILDREN_0_22, has22, c->sum22, c->mark);
        return st;
    }
    kpi_cmp_measure m =
        r->kind == TABLE_PLACED ? KPI_CMP_PLACED : KPI_CMP_PREVENTIVE;
    if (c->has_total)
        st = emit(r, c, m, !c->total_missing, c->total, c->total_mark);
    else if (c->covered || c->missing)
        st = emit(r, c, m, has22, c->sum22, c->mark);
    if (st == KPI_OK && r->kind == TABLE_PLACED && (c->covered || c->missing))
        st = emit(r, c, KPI_CMP_PLACED_0_17, has17, c->sum17, c->mark);
    return st;
}

/* The table id a file name begins with, or -1. */
static int table_of(const char *label, char *id, size_t cap)
{
    const char *base = strrchr(label, '/');
    base = base ? base + 1 : label;
    size_t n = strcspn(base, ".-_ ");
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++)
        id[i] =
            (char)(base[i] >= 'a' && base[i] <= 'z' ? base[i] - 32 : base[i]);
    id[n] = '\0';
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(id, tables[i].id) == 0)
            return (int)i;
    return -1;
}

kpi_status kpi_cmp_read_dst(kpi_cmp_input *in, const char *path,
                            const char *label, kpi_diagnostics *diags)
{
    char id[32];
    int t = table_of(label, id, sizeof id);
    if (t < 0)
        return kpi_diag_add(diags, KPI_SEVERITY_ERROR, label, 0, NULL,
                            "not a table kpi compares: the file name must "
                            "begin with the Statistikbank table's id "
                            "(ANBAAR9, ISBU02 or FOLK1A), or the file must "
                            "be a `kpi export --level fagudvalg` file "
                            "(docs/COMPARE.md)") == KPI_OK
                   ? KPI_ERR_INPUT
                   : KPI_ERR_NOMEM;
    reader r = {0};
    r.in = in;
    r.rep.label = label;
    r.rep.diags = diags;
    r.kind = tables[t].kind;
    char origin[96];
    snprintf(origin, sizeof origin, "Danmarks Statistik, statistikbanken.dk/%s",
             tables[t].id);
    const char *base = strrchr(label, '/');
    kpi_status st =
        kpi_cmp_add_source(in, base ? base + 1 : label, origin, &r.source);
    if (st != KPI_OK)
        return st;
    st = kpi_cmp_read_csv(in, path, &r.rep, on_header, on_row, &r);
    for (size_t i = 0; st == KPI_OK && i < r.n_extra; i++)
        if (!r.extra_total[i])
            kpi_cmp_problem(
                &r.rep, 0, r.extra_name[i],
                "no row has the total of %s ('I alt'): kpi compares "
                "totals; download the table with %s = I alt",
                r.extra_name[i], r.extra_name[i]);
    if (st == KPI_OK && r.rep.errors)
        st = KPI_ERR_INPUT;
    if (st == KPI_OK && r.rep.st != KPI_OK)
        st = r.rep.st;
    for (size_t i = 0; st == KPI_OK && i < r.n_cells; i++)
        st = emit_cell(&r, &r.cells[i]);
    for (size_t i = 0; i < r.n_cells; i++)
        kpi_xfree(in->a, r.cells[i].area);
    kpi_xfree(in->a, r.cells);
    return st;
}
