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

#include <string>

namespace kpi_bridge
{

struct ArgText {
    const char *internal;
    const char *name_en, *name_da;
    const char *desc_en, *desc_da;
};

struct FunctionText {
    /* The method of each name (idl/XKpiFunctions.idl): the English one is
     * KPI_<name_en> in every interface language, the Danish one
     * KPI_<name_da>, so both names work in every Calc. */
    const char *programmatic_en, *programmatic_da;
    const char *name_en, *name_da;
    /* Calc's programmatic category: Financial, Date&Time, Information. */
    const char *category;
    const char *desc_en, *desc_da;
    int n_args;
    ArgText args[5];
};

const FunctionText FUNCTIONS[] = {
    {"kpiDisposed",
     "kpiDisponeret",
     "KPI_DISPOSED",
     "KPI_DISPONERET",
     "Financial",
     "Kroner a measure disposes in a calendar year (KL's disposition "
     "accounting): the price for each month's active days, rounded to whole "
     "øre. Empty when start, end, price and unit are all blank",
     "Kroner en foranstaltning disponerer i et kalenderår (KL's "
     "dispositionsregnskab): "
     "prisen for hver måneds aktive dage, afrundet til hele øre. Tom når "
     "start, slut, pris og enhed alle er tomme",
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
     "kpiHelaarspersoner",
     "KPI_FULLYEAR",
     "KPI_HELÅRSPERSONER",
     "Date&Time",
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
     "kpiMaengdeeffekt",
     "KPI_QUANTITY_EFFECT",
     "KPI_MÆNGDEEFFEKT",
     "Financial",
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
     "kpiPriseffekt",
     "KPI_PRICE_EFFECT",
     "KPI_PRISEFFEKT",
     "Financial",
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
     "kpiRefusion",
     "KPI_REIMBURSEMENT",
     "KPI_REFUSION",
     "Financial",
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
     "kpiAlder",
     "KPI_AGE",
     "KPI_ALDER",
     "Date&Time",
     "Completed years on a date",
     "Fyldte år på en dato",
     2,
     {{"birthDate", "birth", "født", "The date of birth", "Fødselsdatoen"},
      {"onDate", "date", "dato", "The date the age is wanted on",
       "Datoen alderen ønskes på"}}},
};

/* The four methods of a function: its English and Danish names, and the
 * reason function of each (same arguments, returns why they are refused).
 * The reason methods are named by appending "Error" / "Fejl" to the
 * programmatic name and "_ERROR" / "_FEJL" to the display name. */
enum class Method { En, Da, ErrorEn, FejlDa };
const Method METHODS[] = {Method::En, Method::Da, Method::ErrorEn,
                          Method::FejlDa};

inline bool isReason(Method m)
{
    return m == Method::ErrorEn || m == Method::FejlDa;
}

inline std::string programmaticName(const FunctionText &f, Method m)
{
    switch (m) {
    case Method::En:
        return f.programmatic_en;
    case Method::Da:
        return f.programmatic_da;
    case Method::ErrorEn:
        return std::string(f.programmatic_en) + "Error";
    case Method::FejlDa:
        return std::string(f.programmatic_da) + "Fejl";
    }
    return std::string();
}

/* The name the method has in every interface language. */
inline std::string displayName(const FunctionText &f, Method m)
{
    switch (m) {
    case Method::En:
        return f.name_en;
    case Method::Da:
        return f.name_da;
    case Method::ErrorEn:
        return std::string(f.name_en) + "_ERROR";
    case Method::FejlDa:
        return std::string(f.name_da) + "_FEJL";
    }
    return std::string();
}

inline std::string description(const FunctionText &f, Method m, bool da)
{
    if (!isReason(m))
        return da ? f.desc_da : f.desc_en;
    const char *name = m == Method::ErrorEn ? f.name_en : f.name_da;
    return da ? std::string("Hvorfor ") + name +
                    " afviser disse argumenter (de samme som i kaldet), på "
                    "brugerfladens sprog; tom når den godtager dem"
              : std::string("Why ") + name +
                    " refuses these arguments (the same as in its call), in "
                    "the interface language; empty when it accepts them";
}

/* Financial or Date&Time for the functions; the reason functions sit
 * with Calc's other information functions (ISERROR, ...). */
inline const char *category(const FunctionText &f, Method m)
{
    return isReason(m) ? "Information" : f.category;
}

} // namespace kpi_bridge

#endif
