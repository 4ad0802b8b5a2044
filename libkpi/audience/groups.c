/* groups.c - the recipient groups, cadences and detail levels of SPEC §6
 * and §7: their codes (kpi.ini, the map workbook), Danish names (what the
 * workbooks show) and the rules tied to a group. The words are tables so
 * a code and its name cannot drift apart. */
#include "base/internal.h"

/* A code and its Danish display name; parse accepts either. */
typedef struct word {
    const char *code;
    const char *name;
} word;

static const word groups[KPI_GROUP_COUNT] = {
    [KPI_GROUP_FAGUDVALG] = {"fagudvalg", "Fagudvalg"},
    [KPI_GROUP_DIREKTION] = {"direktion", "Direktion"},
    [KPI_GROUP_FAGCHEF] = {"fagchef", "Fagchef"},
    [KPI_GROUP_AFDELINGSLEDER] = {"afdelingsleder", "Afdelingsleder"},
    [KPI_GROUP_SAGSBEHANDLER] = {"sagsbehandler", "Sagsbehandler"},
};

#define CADENCE_COUNT 4
static const word cadences[CADENCE_COUNT] = {
    [KPI_CADENCE_MONTHLY] = {"monthly", "Månedlig"},
    [KPI_CADENCE_QUARTERLY] = {"quarterly", "Kvartalsvis"},
    [KPI_CADENCE_HALFYEARLY] = {"halfyearly", "Halvårlig"},
    [KPI_CADENCE_YEARLY] = {"yearly", "Årlig"},
};

/* The names say which breakdowns each level adds, in the words a
 * controller uses, so the map workbook needs no legend. */
#define DETAIL_COUNT 4
static const word details[DETAIL_COUNT] = {
    [KPI_DETAIL_TOTALS] = {"totals", "Kun totaler"},
    [KPI_DETAIL_BREAKDOWNS] =
        {"breakdowns",
         "Totaler og fordelinger (kategori, type, målgruppe, alder)"},
    [KPI_DETAIL_PROVIDER_KIND] = {"provider_kind",
                                  "Totaler og fordelinger (kategori, type, "
                                  "målgruppe, alder, leverandørtype)"},
    [KPI_DETAIL_ALL] =
        {"all", "Alle fordelinger (også sagsbehandler, team og tilbud)"},
};

/* The most detail each group may see (SPEC §6's table, §7). */
static const kpi_detail max_detail[KPI_GROUP_COUNT] = {
    [KPI_GROUP_FAGUDVALG] = KPI_DETAIL_BREAKDOWNS,
    [KPI_GROUP_DIREKTION] = KPI_DETAIL_PROVIDER_KIND,
    [KPI_GROUP_FAGCHEF] = KPI_DETAIL_ALL,
    [KPI_GROUP_AFDELINGSLEDER] = KPI_DETAIL_ALL,
    [KPI_GROUP_SAGSBEHANDLER] = KPI_DETAIL_ALL,
};

/* Longer text than any name cannot match; refusing it keeps the folded
 * buffer from truncating a long input into a false match. */
#define FOLD_MAX 256

static const char *word_code(const word *w, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? w[i].code : "";
}

static const char *word_name(const word *w, size_t n, int i)
{
    return i >= 0 && (size_t)i < n ? w[i].name : "";
}

/* The index of the word whose code or name folds like text, or -1. */
static int word_parse(const word *w, size_t n, const char *text)
{
    if (!text)
        return -1;
    size_t len = strlen(text);
    if (len >= FOLD_MAX / 2)
        return -1;
    char in[FOLD_MAX], cand[FOLD_MAX];
    size_t in_len = kpi_text_fold(text, len, in, sizeof in);
    if (in_len == 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *forms[2] = {w[i].code, w[i].name};
        for (size_t k = 0; k < 2; k++) {
            kpi_text_fold(forms[k], strlen(forms[k]), cand, sizeof cand);
            if (strcmp(in, cand) == 0)
                return (int)i;
        }
    }
    return -1;
}

bool kpi_cadence_due(kpi_cadence c, kpi_month m)
{
    if (m.month < 1 || m.month > 12)
        return false;
    /* A pack covers the period that ends with its month: quarters end in
     * March, June, September and December, half years in June and
     * December, the year in December. */
    switch (c) {
    case KPI_CADENCE_MONTHLY:
        return true;
    case KPI_CADENCE_QUARTERLY:
        return m.month % 3 == 0;
    case KPI_CADENCE_HALFYEARLY:
        return m.month % 6 == 0;
    case KPI_CADENCE_YEARLY:
        return m.month == 12;
    }
    return false;
}

/* The code, name and parse functions of one word table, kpi.h's
 * kpi_group_code / _name / _parse and the same for cadence and detail. */
#define WORD_API(prefix, type, table, count)                                   \
    const char *kpi_##prefix##_code(type v)                                    \
    {                                                                          \
        return word_code(table, count, (int)v);                                \
    }                                                                          \
    const char *kpi_##prefix##_name(type v)                                    \
    {                                                                          \
        return word_name(table, count, (int)v);                                \
    }                                                                          \
    kpi_status kpi_##prefix##_parse(const char *text, type *out)               \
    {                                                                          \
        int i = word_parse(table, count, text);                                \
        if (i >= 0 && out)                                                     \
            *out = (type)i;                                                    \
        return i >= 0 ? KPI_OK : KPI_ERR_INPUT;                                \
    }

WORD_API(group, kpi_group, groups, KPI_GROUP_COUNT)
WORD_API(cadence, kpi_cadence, cadences, CADENCE_COUNT)
WORD_API(detail, kpi_detail, details, DETAIL_COUNT)

kpi_detail kpi_group_max_detail(kpi_group g)
{
    /* An unknown group gets the least: default deny. */
    if ((int)g < 0 || (int)g >= KPI_GROUP_COUNT)
        return KPI_DETAIL_TOTALS;
    return max_detail[g];
}

bool kpi_group_suppresses(kpi_group g)
{
    /* SPEC §7 names fagudvalg and direktion; an unknown group suppresses
     * too, so a mistake errs towards hiding. */
    return !((int)g >= KPI_GROUP_FAGCHEF && (int)g < KPI_GROUP_COUNT);
}
