/* schema.c - the columns of every input file (SPEC §3.3-§3.9) and the
 * mapping of a header line onto them.
 *
 * The built-in aliases are the names Danish case and finance systems put
 * in their exports; kpi.ini's [columns.STEM] adds the rest. Aliases are
 * written as people write them and folded when matched. */
#include "input/load.h"

#include <string.h>

static const kpi_column_def measures_cols[MC_COUNT] = {
    [MC_MEASURE_ID] = {"measure_id", true,
                       "foranstaltnings id|foranstaltningsid|indsats id|"
                       "indsatsid|ydelses id|ydelsesid|bevillings id|"
                       "bevillingsid|ydelse id|ydelse nr|ydelsesnr|"
                       "bevillingsnr|bevilling nr|id nr"},
    [MC_CHILD_ID] = {"child_id", true,
                     "barn id|barnid|barn|barnets id|barn nr|barnnr|"
                     "borger id|person id"},
    [MC_FAMILY_ID] = {"family_id", false, "familie id|familieid|familie"},
    [MC_BIRTH_DATE] = {"birth_date", true,
                       "fødselsdato|foedselsdato|født|birthdate"},
    [MC_TARGET_GROUP] = {"target_group", true, "målgruppe|maalgruppe"},
    [MC_MEASURE_TYPE] = {"measure_type", true,
                         "foranstaltningstype|foranstaltning|indsatstype|"
                         "indsats|ydelsestype|ydelse|anbringelsestype"},
    [MC_LEGAL_BASIS] = {"legal_basis", false,
                        "lovgrundlag|hjemmel|paragraf|lovhjemmel"},
    [MC_PROVIDER] = {"provider", false,
                     "leverandør|leverandoer|tilbud|tilbudsnavn|udfører"},
    [MC_PROVIDER_KIND] = {"provider_kind", true,
                          "leverandørtype|leverandoertype|tilbudstype|"
                          "udførertype|provider type"},
    [MC_CASEWORKER] = {"caseworker", true, "sagsbehandler|rådgiver"},
    [MC_TEAM] = {"team", false, "afdeling|organisatorisk enhed"},
    [MC_START_DATE] = {"start_date", true,
                       "startdato|start|fra dato|fradato|bevilget fra|"
                       "ikrafttræden|ydelse startdato|ydelsesstartdato|"
                       "ydelse start|bevillingsstart|indsats startdato"},
    [MC_END_DATE] = {"end_date", false,
                     "slutdato|slut|til dato|tildato|bevilget til|ophør|"
                     "ophørsdato|ydelse slutdato|ydelsesslutdato|"
                     "ydelse slut|bevillingsslut|indsats slutdato"},
    [MC_PLANNED_END_DATE] = {"planned_end_date", false,
                             "forventet slutdato|planlagt slutdato|"
                             "forventet ophør"},
    [MC_MONTHLY_COST] = {"monthly_cost", false,
                         "månedlig udgift|maanedlig udgift|månedspris|"
                         "pris pr måned|udgift pr måned|månedsudgift|"
                         "pris pr md|månedstakst|takst pr måned|"
                         "månedlige udgifter|månedlige udgifter, kr"},
    /* A price named with its unit ("Pris pr dag") needs no cost_unit:
     * load_measures.c reads the unit from the header. */
    [MC_COST] = {"cost", false,
                 "pris|takst|udgift|ydelsestakst|pris pr dag|pris pr døgn|"
                 "døgntakst|dagtakst|takst pr dag|takst pr døgn|"
                 "pris pr uge|ugetakst|pris pr år|årstakst|price|rate"},
    [MC_COST_UNIT] = {"cost_unit", false,
                      "enhed|prisenhed|takstenhed|takst enhed|frekvens|"
                      "takstfrekvens|prisfrekvens|betalingsfrekvens|unit|"
                      "frequency"},
};

static const kpi_column_def cases_cols[CC_COUNT] = {
    [CC_CASE_ID] = {"case_id", true, "sags id|sagsid|sagsnummer|sagsnr"},
    [CC_CHILD_ID] = {"child_id", true, "barn id|barnid|barn|barnets id"},
    [CC_BIRTH_DATE] = {"birth_date", true,
                       "fødselsdato|foedselsdato|født|birthdate"},
    [CC_TARGET_GROUP] = {"target_group", true, "målgruppe|maalgruppe"},
    [CC_CASEWORKER] = {"caseworker", true, "sagsbehandler|rådgiver"},
    [CC_TEAM] = {"team", false, "afdeling|enhed"},
    [CC_OPENED_DATE] = {"opened_date", true,
                        "oprettet|oprettelsesdato|åbnet|åbningsdato|opened"},
    [CC_CLOSED_DATE] = {"closed_date", true,
                        "lukket|lukkedato|afsluttet|afslutningsdato|closed"},
};

static const kpi_column_def notifications_cols[NC_COUNT] = {
    [NC_NOTIFICATION_ID] = {"notification_id", true,
                            "underretnings id|underretningsid|underretning"},
    [NC_CHILD_ID] = {"child_id", false, "barn id|barnid|barn|barnets id"},
    [NC_BIRTH_DATE] = {"birth_date", false,
                       "fødselsdato|foedselsdato|født|birthdate"},
    [NC_RECEIVED_DATE] = {"received_date", true,
                          "modtaget|modtagelsesdato|modtaget dato"},
};

static const kpi_column_def deadlines_cols[DC_COUNT] = {
    [DC_CASE_ID] = {"case_id", true, "sags id|sagsid|sagsnummer|sagsnr"},
    [DC_DEADLINE_TYPE] = {"deadline_type", true, "fristtype|frist|type"},
    [DC_DUE_DATE] = {"due_date", true, "fristdato|frist dato|forfald"},
    [DC_DONE_DATE] = {"done_date", true,
                      "udført|udført dato|overholdt dato|afsluttet"},
};

static const kpi_column_def complaints_cols[KC_COUNT] = {
    [KC_COMPLAINT_ID] = {"complaint_id", true, "klage id|klageid|klage"},
    [KC_CASE_ID] = {"case_id", true, "sags id|sagsid|sagsnummer|sagsnr"},
    [KC_RECEIVED_DATE] = {"received_date", true,
                          "modtaget|modtagelsesdato|modtaget dato"},
    [KC_DECIDED_DATE] = {"decided_date", true,
                         "afgjort|afgørelsesdato|afgjort dato"},
    [KC_OUTCOME] = {"outcome", true, "udfald|resultat|afgørelse"},
};

static const kpi_column_def reviews_cols[RC_COUNT] = {
    [RC_REVIEW_ID] = {"review_id", true,
                      "tilsyns id|tilsynsid|ledelsestilsyn id"},
    [RC_CASE_ID] = {"case_id", true, "sags id|sagsid|sagsnummer|sagsnr"},
    [RC_REVIEW_DATE] = {"review_date", true, "tilsynsdato|dato"},
    [RC_REVIEWER] = {"reviewer", true, "leder|tilsynsførende|udført af"},
};

static const kpi_column_def inspections_cols[IC_COUNT] = {
    [IC_INSPECTION_ID] = {"inspection_id", true, "tilsyns id|tilsynsid"},
    [IC_PROVIDER] = {"provider", true,
                     "leverandør|leverandoer|tilbud|tilbudsnavn"},
    [IC_INSPECTION_DATE] = {"inspection_date", true, "tilsynsdato|dato"},
    [IC_RESULT] = {"result", true, "resultat|vurdering"},
    [IC_REASON] = {"reason", false, "begrundelse|årsag"},
};

static const kpi_column_def waitlist_cols[WC_COUNT] = {
    [WC_CHILD_ID] = {"child_id", true, "barn id|barnid|barn|barnets id"},
    [WC_BIRTH_DATE] = {"birth_date", true,
                       "fødselsdato|foedselsdato|født|birthdate"},
    [WC_TARGET_GROUP] = {"target_group", true, "målgruppe|maalgruppe"},
    [WC_MEASURE_TYPE] = {"measure_type", true,
                         "foranstaltningstype|foranstaltning|indsatstype|"
                         "indsats|ydelsestype|ydelse"},
    [WC_LISTED_DATE] = {"listed_date", true,
                        "opskrevet|opskrivningsdato|skrevet op|visiteret"},
    [WC_STARTED_DATE] = {"started_date", true,
                         "startdato|påbegyndt|startet|start"},
};

static const kpi_column_def outcomes_cols[OC_COUNT] = {
    [OC_CHILD_ID] = {"child_id", true, "barn id|barnid|barn|barnets id"},
    [OC_ASSESSMENT_DATE] = {"assessment_date", true,
                            "vurderingsdato|opfølgningsdato|dato"},
    [OC_INDICATOR] = {"indicator", true, "indikator|mål type"},
    [OC_PARAMETER] = {"parameter", false, "område"},
    [OC_VALUE] = {"value", true, "værdi|vaerdi|score"},
};

static const kpi_column_def postings_cols[PC_COUNT] = {
    [PC_PERIOD] = {"period", true,
                   "periode|bogføringsperiode|måned|posting period"},
    [PC_MEASURE_TYPE] = {"measure_type", false,
                         "foranstaltningstype|foranstaltning|indsatstype|"
                         "ydelsestype"},
    [PC_ACCOUNT] = {"account", false, "konto|kontonummer|art|artskonto"},
    [PC_PROVIDER_KIND] = {"provider_kind", false,
                          "leverandørtype|leverandoertype|tilbudstype"},
    [PC_KIND] = {"kind", false, "posteringstype|bilagstype"},
    [PC_AMOUNT] = {"amount", true,
                   "beløb|beloeb|bogført beløb|beløb i kr|beløb dkk"},
    [PC_CHILD_ID] = {"child_id", false, "barn id|barnid|barn|barnets id"},
};

static const kpi_column_def budget_cols[KPI_BUDGET_COLUMN_COUNT] = {
    [KPI_BUDGET_MEASURE_TYPE] = {"measure_type", true,
                         "foranstaltningstype|konto|type|foranstaltning"},
    [KPI_BUDGET_ANNUAL] = {"annual_budget", false,
                          "budget|korrigeret budget|årsbudget|aarsbudget"},
    [KPI_BUDGET_RECIPIENTS] = {"full_year_recipients", false,
                       "helårspersoner|helaarspersoner|antal helårspersoner"},
    [KPI_BUDGET_PRICE] = {"average_price", false,
                          "gennemsnitspris|gns pris|gennemsnitlig pris"},
    [KPI_BUDGET_JAN + 0] = {"jan", false, "januar|january"},
    [KPI_BUDGET_JAN + 1] = {"feb", false, "februar|february"},
    [KPI_BUDGET_JAN + 2] = {"mar", false, "marts|march"},
    [KPI_BUDGET_JAN + 3] = {"apr", false, "april"},
    [KPI_BUDGET_JAN + 4] = {"maj", false, "may"},
    [KPI_BUDGET_JAN + 5] = {"jun", false, "juni|june"},
    [KPI_BUDGET_JAN + 6] = {"jul", false, "juli|july"},
    [KPI_BUDGET_JAN + 7] = {"aug", false, "august"},
    [KPI_BUDGET_JAN + 8] = {"sep", false, "sept|september"},
    [KPI_BUDGET_JAN + 9] = {"okt", false, "oct|oktober|october"},
    [KPI_BUDGET_JAN + 10] = {"nov", false, "november"},
    [KPI_BUDGET_JAN + 11] = {"dec", false, "december"},
};

#define SCHEMA(f, stem, cols)                                                  \
    {f, stem, stem ".csv", cols, sizeof cols / sizeof cols[0]}

static const kpi_schema schemas[KPI_FILE_COUNT] = {
    SCHEMA(KPI_FILE_MEASURES, "measures", measures_cols),
    SCHEMA(KPI_FILE_CASES, "cases", cases_cols),
    SCHEMA(KPI_FILE_NOTIFICATIONS, "notifications", notifications_cols),
    SCHEMA(KPI_FILE_DEADLINES, "deadlines", deadlines_cols),
    SCHEMA(KPI_FILE_COMPLAINTS, "complaints", complaints_cols),
    SCHEMA(KPI_FILE_REVIEWS, "reviews", reviews_cols),
    SCHEMA(KPI_FILE_INSPECTIONS, "inspections", inspections_cols),
    SCHEMA(KPI_FILE_WAITLIST, "waitlist", waitlist_cols),
    SCHEMA(KPI_FILE_OUTCOMES, "outcomes", outcomes_cols),
    SCHEMA(KPI_FILE_POSTINGS, "postings", postings_cols),
    SCHEMA(KPI_FILE_BUDGET, "budget", budget_cols),
};

const kpi_schema *kpi_schema_of(kpi_file f)
{
    return (unsigned)f < KPI_FILE_COUNT ? &schemas[f] : NULL;
}

const char *kpi_file_name(kpi_file f)
{
    const kpi_schema *s = kpi_schema_of(f);
    return s ? s->name : "";
}

int kpi_file_from_stem(const char *stem)
{
    if (!stem)
        return -1;
    for (int f = 0; f < KPI_FILE_COUNT; f++)
        if (strcmp(stem, schemas[f].stem) == 0)
            return f;
    return -1;
}

bool kpi_file_has_column(kpi_file f, const char *canonical)
{
    const kpi_schema *s = kpi_schema_of(f);
    if (!s || !canonical)
        return false;
    for (size_t k = 0; k < s->n; k++)
        if (strcmp(s->cols[k].name, canonical) == 0)
            return true;
    return false;
}

/* true when folded equals one of the '|'-separated aliases, folded. */
static bool alias_match(const char *aliases, const char *folded)
{
    char buf[128];
    const char *p = aliases;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        kpi_text_fold(p, n, buf, sizeof buf);
        if (strcmp(buf, folded) == 0)
            return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

int kpi_schema_find(const kpi_schema *s, const kpi_config *c,
                    const char *text, size_t len)
{
    char folded[128], canon[128];
    const char *target =
        c ? kpi_config_column_alias(c, s->stem, text, len) : NULL;
    if (target) {
        for (size_t k = 0; k < s->n; k++)
            if (strcmp(s->cols[k].name, target) == 0)
                return (int)k;
    }
    kpi_text_fold(text, len, folded, sizeof folded);
    if (!folded[0])
        return -1;
    for (size_t k = 0; k < s->n; k++) {
        kpi_text_fold(s->cols[k].name, strlen(s->cols[k].name), canon,
                      sizeof canon);
        if (strcmp(canon, folded) == 0)
            return (int)k;
    }
    for (size_t k = 0; k < s->n; k++)
        if (alias_match(s->cols[k].aliases, folded))
            return (int)k;
    return -1;
}

kpi_status kpi_schema_map(const kpi_schema *s, const kpi_config *c,
                          const kpi_csv_field *header, size_t n, int *col,
                          const char *label, unsigned long line,
                          kpi_diagnostics *diags)
{
    kpi_status st = KPI_OK;
    for (size_t k = 0; k < s->n; k++)
        col[k] = -1;
    for (size_t i = 0; i < n; i++) {
        int k = kpi_schema_find(s, c, header[i].s, header[i].len);
        if (k < 0)
            continue; /* extra columns are allowed */
        if (col[k] >= 0) {
            if (kpi_diag_add(diags, KPI_SEVERITY_ERROR, label, line,
                             s->cols[k].name,
                             "columns '%s' and '%s' both name column '%s'",
                             header[col[k]].s, header[i].s,
                             s->cols[k].name) != KPI_OK)
                return KPI_ERR_NOMEM;
            st = KPI_ERR_INPUT;
            continue;
        }
        col[k] = (int)i;
    }
    for (size_t k = 0; k < s->n; k++) {
        if (col[k] >= 0 || !s->cols[k].required)
            continue;
        if (kpi_diag_add(diags, KPI_SEVERITY_ERROR, label, line,
                         s->cols[k].name, "missing required column '%s'",
                         s->cols[k].name) != KPI_OK)
            return KPI_ERR_NOMEM;
        st = KPI_ERR_INPUT;
    }
    return st;
}
