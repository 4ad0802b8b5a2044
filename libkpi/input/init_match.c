/* init_match.c - the columns of a file no header name matched: by a name
 * kpi knows inside the header ("Bevillingens startdato"), then by the
 * values alone (a column unique on every row is the measure id, dates
 * for the date columns still missing, amounts for the price). Either way
 * only when the values fit the column, and always marked for review. */
#include "input/init.h"

#include <string.h>

typedef enum value_kind {
    VK_TEXT, /* anything: only a header can say */
    VK_KEY,  /* unique on every row */
    VK_DATE,
    VK_MONEY,
    VK_UNIT,
    VK_TARGET,
    VK_PROVIDER_KIND,
} value_kind;

static value_kind kind_of(const char *name)
{
    static const char *const keys[] = {"measure_id",      "case_id",
                                       "notification_id", "complaint_id",
                                       "review_id",       "inspection_id"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(name, keys[i]))
            return VK_KEY;
    size_t n = strlen(name);
    if (n > 5 && !strcmp(name + n - 5, "_date"))
        return VK_DATE;
    if (!strcmp(name, "monthly_cost") || !strcmp(name, "cost") ||
        !strcmp(name, "amount"))
        return VK_MONEY;
    if (!strcmp(name, "cost_unit"))
        return VK_UNIT;
    if (!strcmp(name, "target_group"))
        return VK_TARGET;
    if (!strcmp(name, "provider_kind"))
        return VK_PROVIDER_KIND;
    return VK_TEXT;
}

/* Do c's values fit a column of kind k? An empty column fits nothing. */
static bool values_fit(const kpi_init_file *f, const kpi_init_column *c,
                       value_kind k)
{
    if (!c->nonempty)
        return false;
    switch (k) {
    case VK_TEXT:
        return true;
    case VK_KEY:
        return c->values && c->unique && c->nonempty == f->rows &&
               c->dates < c->nonempty;
    case VK_DATE:
        return c->dates == c->nonempty;
    case VK_MONEY:
        return c->amounts == c->nonempty && c->dates < c->nonempty;
    case VK_UNIT:
        return c->units == c->nonempty;
    case VK_TARGET:
        return c->targets == c->nonempty;
    case VK_PROVIDER_KIND:
        return c->kinds == c->nonempty;
    }
    return false;
}

static void assign(kpi_init_file *f, size_t i, int k, kpi_init_how how)
{
    f->cols[i].canonical = k;
    f->cols[i].how = how;
    f->col_of[k] = (int)i;
}

/* The longest name of column k (canonical or built-in, folded, at least
 * five letters) that the folded header holds; 0 when none. */
static size_t part_score(const kpi_column_def *def, const char *header)
{
    size_t best = 0;
    char name[128];
    const char *p = def->aliases;
    kpi_text_fold(def->name, strlen(def->name), name, sizeof name);
    for (;;) {
        size_t n = strlen(name);
        if (n >= 5 && n > best && strstr(header, name))
            best = n;
        if (!p || !*p)
            break;
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        kpi_text_fold(p, len, name, sizeof name);
        p = bar ? bar + 1 : NULL;
    }
    return best;
}

static void match_parts(kpi_init_file *f)
{
    const kpi_schema *s = kpi_schema_of(f->file);
    for (size_t i = 0; i < f->n; i++) {
        if (f->cols[i].canonical >= 0 || f->cols[i].clash)
            continue;
        char header[128];
        kpi_text_fold(f->cols[i].header, strlen(f->cols[i].header), header,
                      sizeof header);
        size_t best = 0;
        int k_best = -1;
        bool tie = false;
        for (size_t k = 0; k < s->n; k++) {
            if (f->col_of[k] >= 0 ||
                !values_fit(f, &f->cols[i], kind_of(s->cols[k].name)))
                continue;
            size_t score = part_score(&s->cols[k], header);
            if (score && score == best)
                tie = true;
            if (score > best) {
                best = score;
                k_best = (int)k;
                tie = false;
            }
        }
        if (k_best >= 0 && !tie)
            assign(f, i, k_best, KPI_INIT_PART);
    }
}

/* The first free column whose values fit kind k, one that reads as its
 * kind best first: a price has decimals ("1.234,50 kr."), an id has
 * none. */
static int free_column(const kpi_init_file *f, value_kind k)
{
    int found = -1;
    for (size_t i = 0; i < f->n; i++) {
        const kpi_init_column *c = &f->cols[i];
        if (c->canonical >= 0 || c->clash || !values_fit(f, c, k))
            continue;
        bool best = k == VK_MONEY ? c->decimals
                    : k == VK_KEY ? !c->decimals
                                  : true;
        if (best)
            return (int)i;
        if (found < 0)
            found = (int)i;
    }
    return found;
}

void kpi_init_match(kpi_init_file *f)
{
    const kpi_schema *s = kpi_schema_of(f->file);
    match_parts(f);
    for (size_t k = 0; k < s->n; k++) {
        const kpi_column_def *def = &s->cols[k];
        bool price = f->file == KPI_FILE_MEASURES &&
                     !strcmp(def->name, "monthly_cost") &&
                     f->col_of[MC_COST] < 0;
        if (f->col_of[k] >= 0 || (!def->required && !price))
            continue;
        value_kind vk = kind_of(def->name);
        if (vk == VK_TEXT)
            continue; /* a name, a team: only a header can say */
        int i = free_column(f, vk);
        if (i >= 0)
            assign(f, (size_t)i, (int)k, KPI_INIT_VALUES);
    }
}
