/*
 * functions.hxx - names and descriptions of the Calc functions of kpi.oxt,
 * in English and Danish.
 *
 * One table serves two readers: the add-in's XAddIn methods (kpi_calc.cxx)
 * and the build step that writes CalcAddIns.xcu (gen_calcaddins.cxx), so the
 * two can never disagree. Argument `internal` names must equal the parameter
 * names in idl/XKpiFunctions.idl: Calc matches the configuration to the
 * interface by them.
 */
#ifndef KPI_BRIDGE_FUNCTIONS_HXX
#define KPI_BRIDGE_FUNCTIONS_HXX

namespace kpi_bridge
{

struct ArgText {
    const char *internal;
    const char *name_en, *name_da;
    const char *desc_en, *desc_da;
};

struct FunctionText {
    const char *programmatic;
    const char *name_en, *name_da;
    const char *desc_en, *desc_da;
    int n_args;
    ArgText args[5];
};

/* Calc's category for every function: they sit together under Add-In. */
const char CATEGORY[] = "Add-In";

const FunctionText FUNCTIONS[] = {
    {"kpiDisposed",
     "KPI_DISPOSED",
     "KPI_DISPONERET",
     "Kroner a measure disposes in a calendar year (KL's disposition "
     "accounting, "
     "SPEC §4): the price for each month's active days, rounded to whole øre",
     "Kroner en foranstaltning disponerer i et kalenderår (KL's "
     "dispositionsregnskab): "
     "prisen for hver måneds aktive dage, afrundet til hele øre",
     5,
     {{"startDate", "start", "start", "The measure's start date",
       "Foranstaltningens startdato"},
      {"endDate", "end", "slut",
       "The end date; empty when the measure is ongoing",
       "Slutdatoen; tom når foranstaltningen er igangværende"},
      {"price", "price", "pris", "The price in kroner per unit",
       "Prisen i kroner pr. enhed"},
      {"unit", "unit", "enhed",
       "\"month\", \"day\", \"week\" or \"year\" (also måned, døgn, uge, år)",
       "\"måned\", \"døgn\", \"uge\" eller \"år\" (også month, day, week, "
       "year)"},
      {"year", "year", "år", "The calendar year", "Kalenderåret"}}},
    {"kpiFullYear",
     "KPI_FULLYEAR",
     "KPI_HELÅRSPERSONER",
     "Full-year recipients of the date ranges over a period: the days inside "
     "the "
     "period, summed, divided by the days of the period; with children, a "
     "child counts once a day however many of its ranges cover it",
     "Helårspersoner for datointervallerne i en periode: dagene inden for "
     "perioden, "
     "lagt sammen, divideret med periodens dage; med børn tæller et barn én "
     "gang pr. dag, uanset hvor mange af dets intervaller der dækker dagen",
     5,
     {{"starts", "starts", "starter", "The range of start dates",
       "Området med startdatoer"},
      {"ends", "ends", "slutter",
       "The range of end dates (empty = ongoing), the same size",
       "Området med slutdatoer (tom = igangværende), samme størrelse"},
      {"periodFrom", "from", "fra", "The first day of the period",
       "Periodens første dag"},
      {"periodTo", "to", "til", "The last day of the period",
       "Periodens sidste dag"},
      {"children", "children", "børn",
       "Optional: the child of each range (a range of ids, the same size); "
       "the ranges of one child are merged",
       "Valgfri: barnet for hvert interval (et område med id'er, samme "
       "størrelse); et barns intervaller lægges sammen"}}},
    {"kpiQuantityEffect",
     "KPI_QUANTITY_EFFECT",
     "KPI_MÆNGDEEFFEKT",
     "Quantity effect in kroner: (n - nb) x pb, rounded to whole øre",
     "Mængdeeffekt i kroner: (n - nb) x pb, afrundet til hele øre",
     3,
     {{"recipients", "n", "n", "Full-year recipients", "Helårspersoner"},
      {"budgetRecipients", "nb", "nb",
       "Full-year recipients the budget assumes",
       "Budgetterede helårspersoner"},
      {"budgetPrice", "pb", "pb",
       "The average price the budget assumes, in kroner",
       "Budgetteret gennemsnitspris i kroner"}}},
    {"kpiPriceEffect",
     "KPI_PRICE_EFFECT",
     "KPI_PRISEFFEKT",
     "Price effect in kroner: (p - pb) x n, rounded to whole øre",
     "Priseffekt i kroner: (p - pb) x n, afrundet til hele øre",
     3,
     {{"price", "p", "p", "The average price in kroner",
       "Gennemsnitsprisen i kroner"},
      {"budgetPrice", "pb", "pb",
       "The average price the budget assumes, in kroner",
       "Budgetteret gennemsnitspris i kroner"},
      {"recipients", "n", "n", "Full-year recipients", "Helårspersoner"}}},
    {"kpiReimbursement",
     "KPI_REIMBURSEMENT",
     "KPI_REFUSION",
     "State reimbursement (BL § 198) of one household's net cost in one "
     "calendar month, in kroner: the refusion order's monthly reckoning "
     "against 1/12 of the law's 2022 thresholds (860.000 / 1.680.000 / "
     "2.120.000 kr. a year at 25 / 50 / 75 %)",
     "Statsrefusion (BL § 198) af én husstands nettoudgift i én "
     "kalendermåned i kroner: refusionsbekendtgørelsens månedsopgørelse "
     "mod 1/12 af lovens beløbsgrænser i 2022-niveau (860.000 / 1.680.000 / "
     "2.120.000 kr. årligt med 25 / 50 / 75 %)",
     2,
     {{"cost", "cost", "udgift",
       "The household's cost in the month less its income, in kroner",
       "Husstandens udgift i måneden minus indtægter, i kroner"},
      {"year", "year", "år",
       "The calendar year of the month (checked; the amounts are the law's "
       "2022 level, the add-in reads no kpi.ini)",
       "Månedens kalenderår (kontrolleres; beløbene er lovens 2022-niveau, "
       "tilføjelsen læser ingen kpi.ini)"}}},
    {"kpiAge",
     "KPI_AGE",
     "KPI_ALDER",
     "Completed years on a date",
     "Fyldte år på en dato",
     2,
     {{"birthDate", "birth", "født", "The date of birth", "Fødselsdatoen"},
      {"onDate", "date", "dato", "The date the age is wanted on",
       "Datoen alderen ønskes på"}}},
};

} // namespace kpi_bridge

#endif
