/*
 * reasons.hxx - why a kpi Calc function refuses its arguments, in English
 * and Danish: the texts KPI_ERROR / KPI_FEJL return and the message of the
 * IllegalArgumentException behind Err:502. docs/BRIDGE.md lists them and
 * tests/e2e/bridge_calc.sh checks them in both interface languages.
 *
 * In a text, {a} is the argument's display name in the language, {r} the
 * row of a range (1 = its first row) and {t} the offending text.
 */
#ifndef KPI_BRIDGE_REASONS_HXX
#define KPI_BRIDGE_REASONS_HXX

namespace kpi_bridge
{

enum class Why {
    Blank,
    BlankOrZero,
    NotDate,
    DateRange,
    NotNumber,
    Amount,
    Recipients,
    Unit,
    Year,
    EndBeforeStart,
    BeforeBirth,
    SizesDiffer,
    ChildrenSize,
    PeriodBackwards,
    RangeBackwards,
    EndWithoutStart,
    NoChild,
    NotCell,
    NotId,
};

struct ReasonText {
    Why why;
    const char *en, *da;
};

const ReasonText REASONS[] = {
    {Why::Blank,
     "{a} is blank: fill it in, or leave the whole row blank for an empty "
     "result",
     "{a} er tom: udfyld den, eller lad hele rækken være tom for et tomt "
     "resultat"},
    {Why::BlankOrZero,
     "{a} is blank or 0 (Calc passes an empty cell as 0): fill it in, or "
     "leave the whole row blank for an empty result",
     "{a} er tom eller 0 (Calc giver en tom celle som 0): udfyld den, eller "
     "lad hele rækken være tom for et tomt resultat"},
    {Why::NotDate,
     "{a} is not a date: \"{t}\" (write 2026-10-31, 31-10-2026 or "
     "31.10.2026, or use DATE)",
     "{a} er ikke en dato: \"{t}\" (skriv 2026-10-31, 31-10-2026 eller "
     "31.10.2026, eller brug DATO)"},
    {Why::DateRange, "{a} is outside the years 1 to 9999",
     "{a} ligger uden for årene 1 til 9999"},
    {Why::NotNumber, "{a} is not a number", "{a} er ikke et tal"},
    {Why::Amount, "{a} is more than 100 billion kroner",
     "{a} er mere end 100 mia. kroner"},
    {Why::Recipients, "{a} is more than 100000 full-year recipients",
     "{a} er mere end 100000 helårspersoner"},
    {Why::Unit,
     "{a} \"{t}\" is not a unit: use month, day, week or year (or måned, "
     "dag, døgn, uge, år)",
     "{a} \"{t}\" er ikke en enhed: brug måned, dag, døgn, uge eller år "
     "(eller month, day, week, year)"},
    {Why::Year, "{a} is not a whole year from 1 to 9999",
     "{a} er ikke et helt år fra 1 til 9999"},
    {Why::EndBeforeStart, "the end date is before the start date",
     "slutdatoen ligger før startdatoen"},
    {Why::BeforeBirth, "the date is before the birth date",
     "datoen ligger før fødselsdatoen"},
    {Why::SizesDiffer, "the start and end ranges differ in size",
     "områderne med start- og slutdatoer har forskellig størrelse"},
    {Why::ChildrenSize, "{a} differs in size from the date ranges",
     "{a} har ikke samme størrelse som datoområderne"},
    {Why::PeriodBackwards, "the period ends before it starts",
     "perioden slutter før den begynder"},
    {Why::RangeBackwards, "row {r} of the ranges ends before it starts",
     "række {r} i områderne slutter før den begynder"},
    {Why::EndWithoutStart, "row {r} has an end date but no start date",
     "række {r} har en slutdato men ingen startdato"},
    {Why::NoChild, "row {r} has dates but no child in {a}",
     "række {r} har datoer men intet barn i {a}"},
    {Why::NotCell, "{a} must be one cell, not a range",
     "{a} skal være én celle, ikke et område"},
    {Why::NotId, "{a}: a child is text or a number",
     "{a}: et barn er en tekst eller et tal"},
};

} // namespace kpi_bridge

#endif
