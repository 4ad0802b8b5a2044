/* catalog.c - the key-figure catalogue (SPEC §5): one row per figure.
 *
 * A row is everything that defines a figure but its computation and its
 * workbook texts: the id, the Danish name, the theme, the breakdowns, the
 * recipient groups of SPEC §6's default map, the headline the overview
 * and the mails show, and the function that computes it (one file per
 * figure, libkpi/figures/<id>.c; docs/CONTRIBUTING.md). In this version
 * every row is a FIG: every figure of the spec is computed. TODO() stays
 * for a figure added to the spec before its computation: such a row is
 * listed (kpi_figure_info.implemented = false, public API) so that
 * callers can say so, has no rows in the export, and is read by
 * tests/e2e/house.sh like any other row. */
#include "catalog/catalog.h"

#include <string.h>

typedef struct figure_entry {
    kpi_figure_info info;
    kpi_figure_fn fn;
} figure_entry;

/* The recipient groups, for the default map. */
#define FU (1u << KPI_GROUP_FAGUDVALG)
#define DI (1u << KPI_GROUP_DIREKTION)
#define FC (1u << KPI_GROUP_FAGCHEF)
#define AL (1u << KPI_GROUP_AFDELINGSLEDER)
#define SB (1u << KPI_GROUP_SAGSBEHANDLER)

#define HEADLINE(period, stat, dimension, member, format, label)               \
    {period, stat, dimension, member, format, label}
#define NO_HEADLINE                                                            \
    {KPI_PERIOD_NONE, NULL, NULL, NULL, KPI_HEADLINE_COUNT, NULL}

#define FIG(id, name, theme, breakdowns, groups, headline, fn)                 \
    {{id, name, theme, breakdowns, true, groups, headline}, fn}
/* A figure of the spec that this version does not compute yet. */
#define TODO(id, name, theme, breakdowns, groups, headline)                    \
    {{id, name, theme, breakdowns, false, groups, headline}, NULL}

static const figure_entry catalog[] = {
    FIG("placed_children",
        "Antal anbragte børn per anbringelsestype",
        KPI_THEME_OUTCOMES, "measure_type,target_group,age_group",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_DAY, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Anbragte børn pr. {as_of}"),
        kpi_fig_placed_children),
    FIG("new_placements",
        "Antal nyanbringelser per foranstaltningstype",
        KPI_THEME_OUTCOMES, "measure_type,target_group,age_group",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Nyanbringelser {to_date_name}"),
        kpi_fig_new_placements),
    FIG("placement_duration",
        "Anbringelsesvarighed",
        KPI_THEME_OUTCOMES, "target_group",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "mean_days", NULL, NULL,
                 KPI_HEADLINE_DAYS,
                 "Gns. varighed af ophørte anbringelser {to_date_name}"),
        kpi_fig_placement_duration),
    FIG("waiting_list",
        "Antal børn og unge på venteliste",
        KPI_THEME_OUTCOMES, "measure_type,target_group,age_group",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_DAY, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Børn og unge på venteliste pr. {as_of}"),
        kpi_fig_waiting_list),
    FIG("preventive_families",
        "Antal familier der modtager forebyggende foranstaltninger",
        KPI_THEME_OUTCOMES, "measure_type,target_group,age_group",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_DAY, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT,
                 "Familier med forebyggende foranstaltninger pr. {as_of}"),
        kpi_fig_preventive_families),
    FIG("preventive_duration",
        "Varighed af forebyggende foranstaltninger",
        KPI_THEME_OUTCOMES, "measure_type,target_group",
        DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "mean_days", NULL, NULL,
                 KPI_HEADLINE_DAYS,
                 "Gns. varighed af ophørte forebyggende foranstaltninger {to_date_name}"),
        kpi_fig_preventive_duration),
    FIG("school_absence",
        "Skolefravær for udsatte børn og unge",
        KPI_THEME_OUTCOMES, "status,age_group",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "mean", NULL, NULL,
                 KPI_HEADLINE_DECIMAL1,
                 "Gns. skolefravær i procent {to_date_name}"),
        kpi_fig_school_absence),
    FIG("goal_attainment",
        "Målopfyldelse, udvikling/fastholdelse af funktionsniveau",
        KPI_THEME_OUTCOMES, "status,target_group",
        FU | DI | FC | AL | SB,
        HEADLINE(KPI_PERIOD_TO_DATE, "share", NULL, NULL,
                 KPI_HEADLINE_PERCENT, "Andel opfyldte mål {to_date_name}"),
        kpi_fig_goal_attainment),
    FIG("spend",
        "Ressourceforbrug per foranstaltningstype",
        KPI_THEME_ECONOMY, "measure_type,category,function",
        DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "amount", NULL, NULL,
                 KPI_HEADLINE_MONEY, "Bogført forbrug, netto {to_date_name}"),
        kpi_fig_spend),
    FIG("disposed",
        "Dispositionsregnskab",
        KPI_THEME_ECONOMY, "measure_type,category,function",
        FC | AL | SB,
        HEADLINE(KPI_PERIOD_YEAR, "amount", NULL, NULL,
                 KPI_HEADLINE_MONEY, "Disponeret for hele {year}"),
        kpi_fig_disposed),
    FIG("forecast",
        "Prognose for ressourceforbrug",
        KPI_THEME_ECONOMY, "measure_type,category,function",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_YEAR, "deviation", NULL, NULL,
                 KPI_HEADLINE_MONEY,
                 "Forventet afvigelse mod budget {year} (+ = merforbrug)"),
        kpi_fig_forecast),
    FIG("recipients_price",
        "Antal modtagere og gennemsnitspriser",
        KPI_THEME_ECONOMY, "measure_type,category",
        FU | DI | FC | AL, /* FU: issue 14 item 1, not SPEC §6's map */
        HEADLINE(KPI_PERIOD_YEAR, "full_year_recipients", NULL, NULL,
                 KPI_HEADLINE_DECIMAL1,
                 "Helårspersoner {year} (prognose, forskellige børn)"),
        kpi_fig_recipients_price),
    FIG("high_cost_cases",
        "Ressourceforbrug og prognose for særligt dyre enkeltsager",
        KPI_THEME_ECONOMY, "target_group,age_group",
        DI | FC | AL,
        HEADLINE(KPI_PERIOD_YEAR, "amount", NULL, NULL,
                 KPI_HEADLINE_MONEY,
                 "Udgift til særligt dyre enkeltsager {year}"),
        kpi_fig_high_cost_cases),
    FIG("own_vs_purchased",
        "Egne foranstaltninger og køb hos andre",
        KPI_THEME_ECONOMY, "provider_kind,category",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "booked", NULL, NULL,
                 KPI_HEADLINE_MONEY,
                 "Bogført, brutto (udgifter), egne og købte {to_date_name}"),
        kpi_fig_own_vs_purchased),
    FIG("caseworker_spend",
        "Ressourceforbrug per sagsbehandler",
        KPI_THEME_ECONOMY, "caseworker,team,measure_type",
        FC | AL | SB,
        HEADLINE(KPI_PERIOD_TO_DATE, "amount", NULL, NULL,
                 KPI_HEADLINE_MONEY, "Disponeret {to_date_name}"),
        kpi_fig_caseworker_spend),
    FIG("provider_prices",
        "Priser per tilbud",
        KPI_THEME_ECONOMY, "measure_type,provider",
        FC | AL,
        NO_HEADLINE,
        kpi_fig_provider_prices),
    FIG("new_cases",
        "Antal nye sager",
        KPI_THEME_ADMINISTRATION, "age_group",
        DI | FC | AL,
        HEADLINE(KPI_PERIOD_MONTH, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Nye sager i {month_name}"),
        kpi_fig_new_cases),
    FIG("notifications",
        "Antal underretninger",
        KPI_THEME_ADMINISTRATION, "age_group",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_MONTH, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Underretninger i {month_name}"),
        kpi_fig_notifications),
    FIG("closed_cases",
        "Antal lukkede sager",
        KPI_THEME_ADMINISTRATION, "",
        DI | FC | AL,
        HEADLINE(KPI_PERIOD_MONTH, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Lukkede sager i {month_name}"),
        kpi_fig_closed_cases),
    FIG("deadlines_met",
        "Andel sager hvor frister overholdes",
        KPI_THEME_ADMINISTRATION, "deadline_type,caseworker",
        DI | FC | AL | SB,
        HEADLINE(KPI_PERIOD_TO_DATE, "share", NULL, NULL,
                 KPI_HEADLINE_PERCENT,
                 "Andel overholdte frister {to_date_name}"),
        kpi_fig_deadlines_met),
    FIG("cases_per_caseworker",
        "Antal sager per sagsbehandler",
        KPI_THEME_ADMINISTRATION, "caseworker",
        DI | FC | AL | SB,
        HEADLINE(KPI_PERIOD_DAY, "mean", NULL, NULL,
                 KPI_HEADLINE_DECIMAL1,
                 "Gns. sager pr. sagsbehandler pr. {as_of}"),
        kpi_fig_cases_per_caseworker),
    FIG("complaints",
        "Antal klager",
        KPI_THEME_ADMINISTRATION, "outcome",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Afgjorte klager {to_date_name}"),
        kpi_fig_complaints),
    FIG("management_reviews",
        "Antal gennemførte ledelsestilsyn",
        KPI_THEME_ADMINISTRATION, "",
        DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Ledelsestilsyn {to_date_name}"),
        kpi_fig_management_reviews),
    FIG("inspections",
        "Antal godkendte tilsyn",
        KPI_THEME_ADMINISTRATION, "result",
        FU | DI | FC | AL,
        HEADLINE(KPI_PERIOD_TO_DATE, "count", "result", "approved",
                 KPI_HEADLINE_COUNT, "Godkendte tilsyn {to_date_name}"),
        kpi_fig_inspections),
    FIG("data_quality",
        "Datakvalitet",
        KPI_THEME_QUALITY, "check",
        FC | AL | SB,
        HEADLINE(KPI_PERIOD_DAY, "count", NULL, NULL,
                 KPI_HEADLINE_COUNT, "Registreringsproblemer pr. {as_of}"),
        kpi_fig_data_quality),
};

#define CATALOG_SIZE (sizeof catalog / sizeof catalog[0])

size_t kpi_catalog_figure_count(void)
{
    return CATALOG_SIZE;
}

const kpi_figure_info *kpi_catalog_figure(size_t i)
{
    return i < CATALOG_SIZE ? &catalog[i].info : NULL;
}

const kpi_figure_info *kpi_catalog_figure_find(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < CATALOG_SIZE; i++)
        if (strcmp(catalog[i].info.id, id) == 0)
            return &catalog[i].info;
    return NULL;
}

kpi_figure_fn kpi_catalog_figure_fn(size_t i)
{
    return i < CATALOG_SIZE ? catalog[i].fn : NULL;
}
