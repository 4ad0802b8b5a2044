/* load_measures.c - measures.csv (SPEC §3.3): one granted measure a row. */
#include "input/load.h"

#include <stdlib.h>
#include <string.h>

/* |price| above 100.000.000.000 kr. is a typo or a unit mix-up, and larger
 * values could overflow sums of a million measures. */
#define MAX_PRICE 10000000000000LL /* øre */

/* The unit a cost column's name gives: case systems name a price by its
 * unit ("Pris pr dag", "Døgntakst") and then have no unit column. Folded
 * names (kpi_text_fold); the names are schema.c's aliases of cost. */
static int unit_in_header(const kpi_csv_field *h)
{
    static const struct {
        const char *folded;
        kpi_unit unit;
    } named[] = {
        {"prisprdag", KPI_UNIT_DAY},   {"prisprdoegn", KPI_UNIT_DAY},
        {"doegntakst", KPI_UNIT_DAY},  {"dagtakst", KPI_UNIT_DAY},
        {"takstprdag", KPI_UNIT_DAY},  {"takstprdoegn", KPI_UNIT_DAY},
        {"prispruge", KPI_UNIT_WEEK},  {"ugetakst", KPI_UNIT_WEEK},
        {"prispraar", KPI_UNIT_YEAR},  {"aarstakst", KPI_UNIT_YEAR},
    };
    char folded[64];
    kpi_text_fold(h->s, h->len, folded, sizeof folded);
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(folded, named[i].folded) == 0)
            return 1 + (int)named[i].unit;
    return 0;
}

static bool measures_header(kpi_table *t)
{
    if (kpi_table_has(t, MC_COST) && !kpi_table_has(t, MC_COST_UNIT))
        t->cost_unit_in_header = unit_in_header(&t->fields[t->col[MC_COST]]);
    if (!kpi_table_has(t, MC_MONTHLY_COST) && !kpi_table_has(t, MC_COST)) {
        kpi_table_error(t, MC_MONTHLY_COST,
                        "missing required column 'monthly_cost' (or 'cost' "
                        "and 'cost_unit')");
        return false;
    }
    if (kpi_table_has(t, MC_COST) && !kpi_table_has(t, MC_COST_UNIT) &&
        !kpi_table_has(t, MC_MONTHLY_COST) && !t->cost_unit_in_header) {
        kpi_table_error(t, MC_COST_UNIT,
                        "missing required column 'cost_unit' (column 'cost' "
                        "needs it)");
        return false;
    }
    return true;
}

/* The cell's text as kpi_unit_parse reads it: its first 63 bytes. */
static size_t unit_text(const kpi_csv_field *u, char text[64])
{
    size_t n = u->len < 63 ? u->len : 63;
    memcpy(text, u->s, n);
    text[n] = '\0';
    return n;
}

/* A cost unit's spelling: its kpi_unit, -1 when unknown. Through
 * kpi_table_spelling, once per spelling: folding the unit of each of a
 * million rows and comparing it with thirty names was some 4 % of the
 * reading thread. */
static int unit_of(const kpi_table *t, const kpi_csv_field *v,
                   const void *arg)
{
    (void)t;
    (void)arg;
    char text[64];
    unit_text(v, text);
    kpi_unit unit;
    return kpi_unit_parse(text, &unit) == KPI_OK ? (int)unit : -1;
}

/* The price and its unit: monthly_cost when the row gives it, else cost
 * and cost_unit. */
static bool read_price(kpi_table *t, kpi_measure *m)
{
    bool given = false;
    kpi_money price = 0;
    if (kpi_table_has(t, MC_MONTHLY_COST)) {
        if (!kpi_table_money(t, MC_MONTHLY_COST, false, &price, &given))
            return false;
        if (given) {
            m->price = price;
            m->unit = KPI_UNIT_MONTH;
            return true;
        }
    }
    if (!kpi_table_has(t, MC_COST) || kpi_table_cell(t, MC_COST).len == 0) {
        kpi_table_error(t, MC_MONTHLY_COST,
                        kpi_table_has(t, MC_COST)
                            ? "missing value (give monthly_cost, or cost "
                              "and cost_unit)"
                            : "missing value");
        return false;
    }
    if (!kpi_table_money(t, MC_COST, true, &price, NULL))
        return false;
    if (t->cost_unit_in_header && !kpi_table_has(t, MC_COST_UNIT)) {
        m->price = price;
        m->unit = (uint8_t)(t->cost_unit_in_header - 1);
        return true;
    }
    kpi_csv_field u = kpi_table_cell(t, MC_COST_UNIT);
    if (u.len == 0) {
        kpi_table_error(t, MC_COST_UNIT,
                        "missing value (the unit of cost: month, day, week "
                        "or year)");
        return false;
    }
    int unit;
    if (!kpi_table_spelling(t, MC_COST_UNIT, &u, unit_of, NULL, &unit))
        return false;
    if (unit < 0) {
        char text[64];
        size_t n = unit_text(&u, text);
        kpi_table_error(t, MC_COST_UNIT,
                        "unknown cost unit '%s' (month, day, week or year)",
                        kpi_table_shown(&(kpi_csv_field){text, n}));
        return false;
    }
    m->price = price;
    m->unit = (uint8_t)unit;
    return true;
}

static void measures_row(kpi_table *t)
{
    kpi_measure m;
    memset(&m, 0, sizeof m);
    int target = 0, kind = 0;
    /* Read every cell even after an error so one pass reports them all. */
    kpi_table_key(t, MC_MEASURE_ID, true, &m.id);
    kpi_table_text(t, MC_CHILD_ID, true, &m.child);
    /* Most exports repeat the child as the family: skip the lookup. */
    kpi_csv_field child = kpi_table_cell(t, MC_CHILD_ID);
    kpi_csv_field family = kpi_table_cell(t, MC_FAMILY_ID);
    if (family.len == child.len && memcmp(family.s, child.s, child.len) == 0)
        m.family = m.child;
    else
        kpi_table_text(t, MC_FAMILY_ID, false, &m.family);
    kpi_table_date(t, MC_BIRTH_DATE, true, &m.birth);
    kpi_table_code(t, MC_TARGET_GROUP, true, kpi_codes_target_group,
                   kpi_codes_target_group_n, "target group", &target);
    kpi_table_type(t, MC_MEASURE_TYPE, true, "measure type", &m.type);
    kpi_table_text(t, MC_LEGAL_BASIS, false, &m.legal_basis);
    kpi_table_text(t, MC_PROVIDER, false, &m.provider);
    kpi_table_code(t, MC_PROVIDER_KIND, true, kpi_codes_provider_kind,
                   kpi_codes_provider_kind_n, "provider kind", &kind);
    kpi_table_text(t, MC_CASEWORKER, true, &m.caseworker);
    kpi_table_text(t, MC_TEAM, false, &m.team);
    bool start_ok = kpi_table_date(t, MC_START_DATE, true, &m.start);
    bool end_ok = kpi_table_date(t, MC_END_DATE, false, &m.end);
    bool planned_ok =
        kpi_table_date(t, MC_PLANNED_END_DATE, false, &m.planned_end);
    bool price_ok = read_price(t, &m);
    if (t->fatal)
        return;
    m.target_group = (uint8_t)target;
    m.provider_kind = (uint8_t)kind;
    if (!m.family)
        m.family = m.child;

    if (price_ok && (m.price > MAX_PRICE || m.price < -MAX_PRICE)) {
        int c = kpi_table_has(t, MC_MONTHLY_COST) &&
                        kpi_table_cell(t, MC_MONTHLY_COST).len
                    ? MC_MONTHLY_COST
                    : MC_COST;
        char q[KPI_QUOTE_MAX];
        kpi_table_error(t, c,
                        "amount '%s' is too large (more than "
                        "100.000.000.000 kr.)",
                        kpi_table_quote(t, c, q));
        price_ok = false;
    }
    if (start_ok && m.start != KPI_DATE_NONE && m.birth != KPI_DATE_NONE &&
        m.birth > m.start) {
        char b[11], s[11];
        kpi_date_format(m.birth, b);
        kpi_date_format(m.start, s);
        kpi_table_error(t, MC_BIRTH_DATE,
                        "birth date %s is after the start date %s", b, s);
    }
    if (start_ok && end_ok && m.start != KPI_DATE_NONE &&
        m.end != KPI_DATE_NONE && m.end < m.start) {
        char e[11], s[11];
        kpi_date_format(m.end, e);
        kpi_date_format(m.start, s);
        if (m.end == m.start - 1) {
            m.cancelled = 1;
            kpi_table_warning(t, MC_END_DATE,
                              "cancelled grant (end date the day before the "
                              "start date): counts for nothing");
        } else {
            kpi_table_error(t, MC_END_DATE,
                            "end date %s before start date %s", e, s);
        }
    }
    if (start_ok && planned_ok && !m.cancelled &&
        m.start != KPI_DATE_NONE && m.planned_end != KPI_DATE_NONE &&
        m.planned_end < m.start) {
        char e[11], s[11];
        kpi_date_format(m.planned_end, e);
        kpi_date_format(m.start, s);
        kpi_table_error(t, MC_PLANNED_END_DATE,
                        "planned end date %s before start date %s", e, s);
    }
    if (m.id && !kpi_table_unique(t, MC_MEASURE_ID, m.id))
        return;
    if (t->bad)
        return;
    if (price_ok && m.price == 0 && !m.cancelled)
        kpi_table_warning(t,
                          kpi_table_has(t, MC_MONTHLY_COST) &&
                                  kpi_table_cell(t, MC_MONTHLY_COST).len
                              ? MC_MONTHLY_COST
                              : MC_COST,
                          "the cost is 0");
    if (t->pipe && !t->fatal) {
        m.line = (uint32_t)t->line;
        kpi_pipeline_keep(t->pipe, &m);
        return;
    }
    KPI_TABLE_STORE(t, measures, m);
}

static int compare_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The measure ids from record first on are distinct: at once when they
 * ascend in the file (kpi_key_order: as exports sorted by id do), else
 * by sorting a copy of them. An id is never empty here (the column is
 * required). Out of memory says "not known to be distinct": the exact
 * pass decides. */
static bool measures_unique(const kpi_dataset *ds, size_t first)
{
    const kpi_measure *m = ds->measures.items;
    size_t n = ds->measures.count - first;
    kpi_key_order order;
    kpi_key_order_init(&order);
    bool ascending = true;
    for (size_t i = first; i < ds->measures.count && ascending; i++)
        ascending = kpi_key_order_next(&order, kpi_symtab_str(ds->ids, m[i].id));
    if (ascending)
        return true;
    const char **ids = kpi_xreallocarray(ds->alloc, NULL, n, sizeof *ids);
    if (!ids)
        return false;
    for (size_t i = 0; i < n; i++)
        ids[i] = kpi_symtab_str(ds->ids, m[first + i].id);
    qsort(ids, n, sizeof *ids, compare_text);
    bool distinct = true;
    for (size_t i = 1; i < n && distinct; i++)
        distinct = strcmp(ids[i - 1], ids[i]) != 0;
    kpi_xfree(ds->alloc, ids);
    return distinct;
}

const kpi_file_reader kpi_reader_measures = {
    KPI_FILE_MEASURES, measures_header, measures_row, measures_unique};
