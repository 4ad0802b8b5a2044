/*
 * kpi_calc.cxx - the Calc add-in of kpi.oxt: KPI_DISPOSED, KPI_FULLYEAR,
 * KPI_QUANTITY_EFFECT, KPI_PRICE_EFFECT, KPI_REIMBURSEMENT, KPI_AGE, each
 * also under its Danish name and each with a reason function
 * (KPI_DISPOSED_ERROR / KPI_DISPONERET_FEJL ...); and the component
 * factory of the whole library (the runner and the options handler too).
 *
 * A thin edge (STYLE.md §9): it converts what Calc passes (dates as serial
 * numbers or text, kroner as doubles, ranges as sequences of rows) into
 * libkpi's types, calls libkpi's public API and converts the answer back.
 * It computes no figure itself, so a sheet and kpi's reports agree to the
 * øre.
 *
 * One Impl per function checks its arguments in order and throws a Refusal
 * (a reason from reasons.hxx) for the first bad one; an entirely blank row
 * returns an empty text. The function methods turn a Refusal into
 * IllegalArgumentException, which Calc shows as Err:502; the reason
 * methods return its text in the interface language. No other C++
 * exception may leave a UNO call (the bridge would terminate LibreOffice),
 * so the rest becomes a RuntimeException.
 *
 * Names and descriptions come from functions.hxx, the table CalcAddIns.xcu
 * is generated from: Calc reads the configuration, and the XAddIn methods
 * here answer the same for anyone who asks the component.
 */
#include <cmath>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <new>
#include <vector>

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/sheet/XCompatibilityNames.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <cppuhelper/implbase5.hxx>
#include <cppuhelper/implementationentry.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <org/kpi/calc/XKpiFunctions.hpp>
#include <osl/process.h>
#include <rtl/ustring.hxx>

#include "functions.hxx"
#include "reasons.hxx"
#include "runner.hxx"
#include "kpi.h"

using namespace com::sun::star;
using kpi_bridge::ArgText;
using kpi_bridge::FUNCTIONS;
using kpi_bridge::FunctionText;
using kpi_bridge::Method;
using kpi_bridge::REASONS;
using kpi_bridge::ReasonText;
using kpi_bridge::Why;
using rtl::OString;
using rtl::OUString;

namespace
{

const char SERVICE_NAME[] = "org.kpi.calc.KpiFunctions";
const char IMPLEMENTATION_NAME[] = "org.kpi.calc.KpiFunctionsImpl";
const char ADDIN_SERVICE[] = "com.sun.star.sheet.AddIn";

/* Calc's day 0 is 1899-12-30; kpi's is 1970-01-01, 25569 days later. */
const double CALC_EPOCH_OFFSET = 25569.0;

/* Limits that keep every product libkpi forms inside int64 øre:
 * 1e11 kr. = 1e13 øre, times at most 1e5 recipients or 366 days. */
const double MAX_KRONER = 1e11;
const double MAX_RECIPIENTS = 1e5;

using Argv = std::vector<uno::Any>;
using Range = uno::Sequence<uno::Sequence<uno::Any>>;

/* Why an argument set is refused: thrown inside, turned into an
 * IllegalArgumentException (a kpi function) or a text (KPI_ERROR). arg is
 * the 0-based argument, row the 1-based row of a range argument. */
struct Refusal {
    Why why;
    int arg;
    long row;
    OUString text;
};

[[noreturn]] void refuse(Why why, int arg, long row = 0,
                         const OUString &text = OUString())
{
    throw Refusal{why, arg, row, text};
}

OUString utf8(const char *text)
{
    return OUString(text, std::strlen(text), RTL_TEXTENCODING_UTF8);
}

/* A one-cell range is that cell; a range of several cells where one value
 * is wanted is refused. */
uno::Any cellOf(const uno::Any &value, int arg)
{
    Range range;
    if (value >>= range) {
        if (range.getLength() == 1 && range[0].getLength() == 1)
            return cellOf(range[0][0], arg);
        refuse(Why::NotCell, arg);
    }
    return value;
}

/* Blank: Calc passes an empty cell as void (or, named alone, as void or
 * an empty text); a text of spaces is blank too. */
bool blank(const uno::Any &value)
{
    if (!value.hasValue())
        return true;
    OUString text;
    if (value >>= text)
        return text.trim().isEmpty();
    Range range;
    if (value >>= range)
        return range.getLength() == 1 && range[0].getLength() == 1 &&
               blank(range[0][0]);
    return false;
}

/* Blank, or the number 0: Calc passes an empty cell named alone as 0
 * whatever the argument's type (measured: idl/XKpiFunctions.idl), so a
 * price, unit or year of 0 cannot be told from a blank cell and counts as
 * blank (never a silent price of 0: docs/DECISIONS.md, bridge-da). For a
 * date 0 is day 0, 1899-12-30, never a date in kpi's data. */
bool blankValue(const uno::Any &value)
{
    if (blank(value))
        return true;
    Range range;
    uno::Any cell = value;
    if ((value >>= range) && range.getLength() == 1 &&
        range[0].getLength() == 1)
        cell = range[0][0];
    double number;
    return (cell >>= number) && number == 0.0;
}

kpi_date serialToDate(double serial, int arg)
{
    if (!std::isfinite(serial))
        refuse(Why::NotDate, arg);
    kpi_date first, last;
    (void)kpi_date_from_ymd(1, 1, 1, &first);
    (void)kpi_date_from_ymd(9999, 12, 31, &last);
    /* A date with a time of day is that day. */
    double day = std::floor(serial) - CALC_EPOCH_OFFSET;
    if (day < first || day > last)
        refuse(Why::DateRange, arg);
    return static_cast<kpi_date>(day);
}

/* A date from a number (Calc's serial) or a text in any form kpi reads
 * in its input files; false when blank. Every date argument of every
 * function goes through here, so text dates work everywhere. */
bool dateOf(const uno::Any &value, int arg, kpi_date *out)
{
    if (blankValue(value))
        return false;
    uno::Any cell = cellOf(value, arg);
    double serial;
    if (cell >>= serial) {
        *out = serialToDate(serial, arg);
        return true;
    }
    OUString text;
    if (cell >>= text) {
        OString bytes =
            rtl::OUStringToOString(text.trim(), RTL_TEXTENCODING_UTF8);
        if (kpi_date_parse(bytes.getStr(),
                           static_cast<size_t>(bytes.getLength()),
                           out) != KPI_OK)
            refuse(Why::NotDate, arg, 0, text.trim());
        return true;
    }
    refuse(Why::NotDate, arg);
}

kpi_date requiredDate(const uno::Any &value, int arg)
{
    kpi_date date;
    if (!dateOf(value, arg, &date))
        refuse(Why::Blank, arg);
    return date;
}

double requiredNumber(const uno::Any &value, int arg)
{
    if (blank(value))
        refuse(Why::Blank, arg);
    double number;
    if (!(cellOf(value, arg) >>= number) || !std::isfinite(number))
        refuse(Why::NotNumber, arg);
    return number;
}

kpi_money requiredOre(const uno::Any &value, int arg)
{
    double kroner = requiredNumber(value, arg);
    if (std::fabs(kroner) > MAX_KRONER)
        refuse(Why::Amount, arg);
    /* llround rounds half away from zero, as SPEC §4 rounds. */
    return static_cast<kpi_money>(std::llround(kroner * 100.0));
}

double requiredRecipients(const uno::Any &value, int arg)
{
    double n = requiredNumber(value, arg);
    if (std::fabs(n) > MAX_RECIPIENTS)
        refuse(Why::Recipients, arg);
    return n;
}

int requiredYear(const uno::Any &value, int arg)
{
    if (blankValue(value))
        refuse(Why::BlankOrZero, arg);
    double year = requiredNumber(value, arg);
    kpi_date unused;
    if (year != std::floor(year) || year < 1 || year > 9999 ||
        kpi_date_from_ymd(static_cast<int>(year), 1, 1, &unused) != KPI_OK)
        refuse(Why::Year, arg);
    return static_cast<int>(year);
}

kpi_unit requiredUnit(const uno::Any &value, int arg)
{
    if (blankValue(value))
        refuse(Why::Blank, arg);
    uno::Any cell = cellOf(value, arg);
    OUString text;
    double number;
    if (!(cell >>= text) && (cell >>= number))
        text = OUString::number(number);
    OString name = rtl::OUStringToOString(text.trim(), RTL_TEXTENCODING_UTF8);
    kpi_unit unit;
    if (kpi_unit_parse(name.getStr(), &unit) != KPI_OK)
        refuse(Why::Unit, arg, 0, text.trim());
    return unit;
}

double kroner(kpi_money ore)
{
    return static_cast<double>(ore) / 100.0;
}

/* What an entirely blank call returns: an empty text, which SUM and the
 * other aggregates skip, so a formula filled down past the data is
 * harmless. */
uno::Any empty()
{
    return uno::Any(OUString());
}

uno::Any disposed(const Argv &a)
{
    /* The row's own arguments; the year is usually one fixed cell for the
     * whole column, so a blank row with a year is still a blank row. */
    if (blankValue(a[0]) && blankValue(a[1]) && blankValue(a[2]) &&
        blankValue(a[3]))
        return empty();
    kpi_date start = requiredDate(a[0], 0);
    kpi_date end = KPI_DATE_NONE;
    if (dateOf(a[1], 1, &end) && end < start)
        refuse(Why::EndBeforeStart, 1);
    if (blankValue(a[2]))
        refuse(Why::BlankOrZero, 2);
    kpi_money price = requiredOre(a[2], 2);
    kpi_unit unit = requiredUnit(a[3], 3);
    int year = requiredYear(a[4], 4);
    return uno::Any(
        kroner(kpi_measure_year_amount(price, unit, start, end, year)));
}

/* The cells of a range argument, row by row; a single value (a one-cell
 * reference) is a range of one cell. */
std::vector<uno::Any> cellsOf(const uno::Any &value)
{
    std::vector<uno::Any> cells;
    Range range;
    if (value >>= range) {
        for (const uno::Sequence<uno::Any> &row : range)
            for (const uno::Any &cell : row)
                cells.push_back(cell);
    } else {
        cells.push_back(value);
    }
    return cells;
}

/* A child id from a cell: text (trimmed) or a number (an id column of
 * numbers: 7 is "7"); false when the cell is blank. */
bool idOf(const uno::Any &value, int arg, OString *out)
{
    if (blank(value))
        return false;
    double number;
    if (value >>= number) {
        if (!std::isfinite(number))
            refuse(Why::NotId, arg);
        *out = number == std::floor(number) && std::fabs(number) < 1e15
                   ? OString::number(static_cast<sal_Int64>(number))
                   : OString::number(number);
        return true;
    }
    OUString text;
    if (value >>= text) {
        *out = rtl::OUStringToOString(text.trim(), RTL_TEXTENCODING_UTF8);
        return true;
    }
    refuse(Why::NotId, arg);
}

uno::Any fullYear(const Argv &a)
{
    std::vector<uno::Any> s = cellsOf(a[0]), e = cellsOf(a[1]), c;
    if (s.size() != e.size())
        refuse(Why::SizesDiffer, 1);
    /* Without children (the argument left out) every range is a person of
     * its own, as before the argument existed. */
    bool by_child = a[4].hasValue();
    if (by_child) {
        c = cellsOf(a[4]);
        if (c.size() != s.size())
            refuse(Why::ChildrenSize, 4);
    }
    std::vector<kpi_date> from_dates, to_dates;
    std::vector<OString> ids;
    for (size_t i = 0; i < s.size(); i++) {
        long row = static_cast<long>(i) + 1;
        kpi_date start = KPI_DATE_NONE, end = KPI_DATE_NONE;
        bool has_start = dateOf(s[i], 0, &start);
        bool has_end = dateOf(e[i], 1, &end);
        /* A range taller than the data leaves blank rows: skip them. */
        if (!has_start && !has_end)
            continue;
        if (!has_start)
            refuse(Why::EndWithoutStart, 0, row);
        if (has_end && end < start)
            refuse(Why::RangeBackwards, 1, row);
        if (by_child) {
            OString id;
            if (!idOf(c[i], 4, &id))
                refuse(Why::NoChild, 4, row);
            ids.push_back(id);
        }
        from_dates.push_back(start);
        to_dates.push_back(end);
    }
    kpi_date from = requiredDate(a[2], 2);
    kpi_date to = requiredDate(a[3], 3);
    if (to < from)
        refuse(Why::PeriodBackwards, 3);
    std::vector<const char *> persons;
    for (const OString &id : ids)
        persons.push_back(id.getStr());
    double out = 0;
    kpi_status st = kpi_full_year_persons(from_dates.data(), to_dates.data(),
                                          by_child ? persons.data() : nullptr,
                                          from_dates.size(), from, to, &out);
    if (st == KPI_ERR_NOMEM)
        throw std::bad_alloc();
    if (st != KPI_OK)
        throw std::runtime_error("kpi_full_year_persons refused checked dates");
    return uno::Any(out);
}

/* Every argument blank (or 0, which Calc makes of a blank cell): the
 * effects of a blank row are empty, not 0. */
bool allBlank(const Argv &a)
{
    for (const uno::Any &value : a)
        if (!blankValue(value))
            return false;
    return true;
}

uno::Any quantityEffect(const Argv &a)
{
    if (allBlank(a))
        return empty();
    double n = requiredRecipients(a[0], 0);
    double nb = requiredRecipients(a[1], 1);
    /* A budget price of 0 is a blank cell (or no budget): never a silent
     * effect of 0. n, nb and p may be 0 (no recipients, no price). */
    if (blankValue(a[2]))
        refuse(Why::BlankOrZero, 2);
    kpi_money pb = requiredOre(a[2], 2);
    return uno::Any(kroner(kpi_quantity_effect(n, nb, pb)));
}

uno::Any priceEffect(const Argv &a)
{
    if (allBlank(a))
        return empty();
    kpi_money p = requiredOre(a[0], 0);
    if (blankValue(a[1]))
        refuse(Why::BlankOrZero, 1);
    kpi_money pb = requiredOre(a[1], 1);
    double n = requiredRecipients(a[2], 2);
    return uno::Any(kroner(kpi_price_effect(p, pb, n)));
}

uno::Any reimbursement(const Argv &a)
{
    /* The cost is the row's; the year is usually a fixed cell. A cost of 0
     * (or a blank one, which Calc passes as 0) is refunded nothing: empty. */
    if (blankValue(a[0]))
        return empty();
    /* The refusion order reckons month by month, so this is the monthly
     * form: one household's net cost in one calendar month against 1/12
     * of the thresholds (docs/BRIDGE.md). The add-in has no kpi.ini, so
     * the amounts are the law's 2022 level, which libkpi holds; the year
     * is checked so a sheet cannot pass nonsense that a later version with
     * yearly amounts would reject. */
    kpi_money cost = requiredOre(a[0], 0);
    (void)requiredYear(a[1], 1);
    kpi_reimbursement_rule rule = kpi_reimbursement_default();
    return uno::Any(kroner(kpi_reimbursement_month(cost, &rule)));
}

uno::Any age(const Argv &a)
{
    if (blankValue(a[0]) && blankValue(a[1]))
        return empty();
    kpi_date birth = requiredDate(a[0], 0);
    kpi_date on = requiredDate(a[1], 1);
    int years = kpi_date_age(birth, on);
    if (years < 0)
        refuse(Why::BeforeBirth, 1);
    return uno::Any(static_cast<double>(years));
}

using Impl = uno::Any (*)(const Argv &);

/* In the order of FUNCTIONS (functions.hxx). */
const Impl IMPLS[] = {disposed,    fullYear,      quantityEffect,
                      priceEffect, reimbursement, age};

/* The reason in the language (da or not), with its placeholders filled. */
OUString reasonText(const Refusal &r, const FunctionText &f, bool da)
{
    const char *pattern = "?";
    for (const ReasonText &t : REASONS)
        if (t.why == r.why)
            pattern = da ? t.da : t.en;
    OUString out = utf8(pattern);
    OUString arg;
    if (r.arg >= 0 && r.arg < f.n_args)
        arg = utf8(da ? f.args[r.arg].name_da : f.args[r.arg].name_en);
    out = out.replaceAll("{a}", arg);
    out = out.replaceAll("{r}", OUString::number(r.row));
    out = out.replaceAll("{t}", r.text);
    return out;
}

/* Runs one function; turns a refusal into IllegalArgumentException (Calc's
 * Err:502) and anything else but a UNO exception into a RuntimeException:
 * no C++ exception may leave a UNO call. */
uno::Any run(size_t index, Argv a, bool da, cppu::OWeakObject *self)
{
    const FunctionText &f = FUNCTIONS[index];
    a.resize(static_cast<size_t>(f.n_args));
    try {
        return IMPLS[index](a);
    } catch (const Refusal &r) {
        throw lang::IllegalArgumentException(reasonText(r, f, da), self,
                                             static_cast<sal_Int16>(r.arg));
    } catch (const uno::Exception &) {
        throw;
    } catch (const std::exception &e) {
        throw uno::RuntimeException(utf8(e.what()));
    }
}

/* A reason function (KPI_DISPOSED_ERROR, KPI_DISPONERET_FEJL, ...): why
 * the function refuses the arguments, in the language; "" when it accepts
 * them (an entirely blank call included). */
OUString whyNot(size_t index, Argv a, bool da)
{
    const FunctionText &f = FUNCTIONS[index];
    a.resize(static_cast<size_t>(f.n_args));
    try {
        (void)IMPLS[index](a);
        return OUString();
    } catch (const Refusal &r) {
        return reasonText(r, f, da);
    } catch (const uno::Exception &) {
        throw;
    } catch (const std::exception &e) {
        throw uno::RuntimeException(utf8(e.what()));
    }
}

/* The function and method a programmatic name (kpiDisposed,
 * kpiDisponeretFejl, ...) stands for; nullptr when none. */
const FunctionText *find_function(const OUString &programmatic, Method *method)
{
    for (const FunctionText &f : FUNCTIONS)
        for (Method m : kpi_bridge::METHODS)
            if (programmatic.equalsAscii(
                    kpi_bridge::programmaticName(f, m).c_str())) {
                *method = m;
                return &f;
            }
    return nullptr;
}

OUString utf8(const std::string &text)
{
    return utf8(text.c_str());
}

/* Whether LibreOffice's interface is Danish: the interface language set in
 * Tools > Options > Language Settings (/org.openoffice.Setup/L10N/ooLocale),
 * or when that is the default, the system's (osl's process locale, from
 * LANG on Linux and the user's language on Windows). Calc's setLocale
 * gives the add-in the default language of documents instead, which is
 * not what the reasons should follow. */
bool interfaceIsDanish(const uno::Reference<uno::XComponentContext> &context)
{
    try {
        uno::Reference<lang::XMultiServiceFactory> provider =
            configuration::theDefaultProvider::get(context);
        beans::NamedValue path(
            "nodepath", uno::Any(OUString("/org.openoffice.Setup/L10N")));
        uno::Sequence<uno::Any> args(1);
        args[0] <<= path;
        uno::Reference<container::XNameAccess> node(
            provider->createInstanceWithArguments(
                "com.sun.star.configuration.ConfigurationAccess", args),
            uno::UNO_QUERY_THROW);
        OUString locale;
        node->getByName("ooLocale") >>= locale;
        if (!locale.isEmpty())
            return locale.startsWith("da");
    } catch (const uno::Exception &) {
        /* No configuration (a bare UNO process): the system decides. */
    }
    rtl_Locale *process = nullptr;
    if (osl_getProcessLocale(&process) != osl_Process_E_None || !process)
        return false;
    return OUString(process->Language) == "da";
}

class KpiFunctions
    : public cppu::WeakImplHelper5<org::kpi::calc::XKpiFunctions, sheet::XAddIn,
                                   sheet::XCompatibilityNames,
                                   lang::XServiceName, lang::XServiceInfo>
{
  public:
    explicit KpiFunctions(bool da) : m_danish(da)
    {
    }

    // XKpiFunctions: the four methods of a function (English and Danish
    // name, and their reason functions) run the same Impl.
    uno::Any SAL_CALL kpiDisposed(const uno::Any &s, const uno::Any &e,
                                  const uno::Any &p, const uno::Any &u,
                                  const uno::Any &y) override
    {
        return run(0, {s, e, p, u, y}, danish(), this);
    }
    uno::Any SAL_CALL kpiDisponeret(const uno::Any &s, const uno::Any &e,
                                    const uno::Any &p, const uno::Any &u,
                                    const uno::Any &y) override
    {
        return run(0, {s, e, p, u, y}, danish(), this);
    }
    OUString SAL_CALL kpiDisposedError(const uno::Any &s, const uno::Any &e,
                                       const uno::Any &p, const uno::Any &u,
                                       const uno::Any &y) override
    {
        return whyNot(0, {s, e, p, u, y}, danish());
    }
    OUString SAL_CALL kpiDisponeretFejl(const uno::Any &s, const uno::Any &e,
                                        const uno::Any &p, const uno::Any &u,
                                        const uno::Any &y) override
    {
        return whyNot(0, {s, e, p, u, y}, danish());
    }
    uno::Any SAL_CALL kpiFullYear(const Range &starts, const Range &ends,
                                  const uno::Any &from, const uno::Any &to,
                                  const uno::Any &children) override
    {
        return run(1, {uno::Any(starts), uno::Any(ends), from, to, children},
                   danish(), this);
    }
    uno::Any SAL_CALL kpiHelaarspersoner(const Range &starts, const Range &ends,
                                         const uno::Any &from,
                                         const uno::Any &to,
                                         const uno::Any &children) override
    {
        return run(1, {uno::Any(starts), uno::Any(ends), from, to, children},
                   danish(), this);
    }
    OUString SAL_CALL kpiFullYearError(const Range &starts, const Range &ends,
                                       const uno::Any &from, const uno::Any &to,
                                       const uno::Any &children) override
    {
        return whyNot(1, {uno::Any(starts), uno::Any(ends), from, to, children},
                      danish());
    }
    OUString SAL_CALL kpiHelaarspersonerFejl(const Range &starts,
                                             const Range &ends,
                                             const uno::Any &from,
                                             const uno::Any &to,
                                             const uno::Any &children) override
    {
        return whyNot(1, {uno::Any(starts), uno::Any(ends), from, to, children},
                      danish());
    }
    uno::Any SAL_CALL kpiQuantityEffect(const uno::Any &n, const uno::Any &nb,
                                        const uno::Any &pb) override
    {
        return run(2, {n, nb, pb}, danish(), this);
    }
    uno::Any SAL_CALL kpiMaengdeeffekt(const uno::Any &n, const uno::Any &nb,
                                       const uno::Any &pb) override
    {
        return run(2, {n, nb, pb}, danish(), this);
    }
    OUString SAL_CALL kpiQuantityEffectError(const uno::Any &n,
                                             const uno::Any &nb,
                                             const uno::Any &pb) override
    {
        return whyNot(2, {n, nb, pb}, danish());
    }
    OUString SAL_CALL kpiMaengdeeffektFejl(const uno::Any &n,
                                           const uno::Any &nb,
                                           const uno::Any &pb) override
    {
        return whyNot(2, {n, nb, pb}, danish());
    }
    uno::Any SAL_CALL kpiPriceEffect(const uno::Any &p, const uno::Any &pb,
                                     const uno::Any &n) override
    {
        return run(3, {p, pb, n}, danish(), this);
    }
    uno::Any SAL_CALL kpiPriseffekt(const uno::Any &p, const uno::Any &pb,
                                    const uno::Any &n) override
    {
        return run(3, {p, pb, n}, danish(), this);
    }
    OUString SAL_CALL kpiPriceEffectError(const uno::Any &p, const uno::Any &pb,
                                          const uno::Any &n) override
    {
        return whyNot(3, {p, pb, n}, danish());
    }
    OUString SAL_CALL kpiPriseffektFejl(const uno::Any &p, const uno::Any &pb,
                                        const uno::Any &n) override
    {
        return whyNot(3, {p, pb, n}, danish());
    }
    uno::Any SAL_CALL kpiReimbursement(const uno::Any &cost,
                                       const uno::Any &year) override
    {
        return run(4, {cost, year}, danish(), this);
    }
    uno::Any SAL_CALL kpiRefusion(const uno::Any &cost,
                                  const uno::Any &year) override
    {
        return run(4, {cost, year}, danish(), this);
    }
    OUString SAL_CALL kpiReimbursementError(const uno::Any &cost,
                                            const uno::Any &year) override
    {
        return whyNot(4, {cost, year}, danish());
    }
    OUString SAL_CALL kpiRefusionFejl(const uno::Any &cost,
                                      const uno::Any &year) override
    {
        return whyNot(4, {cost, year}, danish());
    }
    uno::Any SAL_CALL kpiAge(const uno::Any &birth, const uno::Any &on) override
    {
        return run(5, {birth, on}, danish(), this);
    }
    uno::Any SAL_CALL kpiAlder(const uno::Any &birth,
                               const uno::Any &on) override
    {
        return run(5, {birth, on}, danish(), this);
    }
    OUString SAL_CALL kpiAgeError(const uno::Any &birth,
                                  const uno::Any &on) override
    {
        return whyNot(5, {birth, on}, danish());
    }
    OUString SAL_CALL kpiAlderFejl(const uno::Any &birth,
                                   const uno::Any &on) override
    {
        return whyNot(5, {birth, on}, danish());
    }

    // XAddIn
    OUString SAL_CALL
    getProgrammaticFuntionName(const OUString &displayName) override;
    OUString SAL_CALL
    getDisplayFunctionName(const OUString &programmatic) override;
    OUString SAL_CALL
    getFunctionDescription(const OUString &programmatic) override;
    OUString SAL_CALL getDisplayArgumentName(const OUString &programmatic,
                                             sal_Int32 argument) override;
    OUString SAL_CALL getArgumentDescription(const OUString &programmatic,
                                             sal_Int32 argument) override;
    OUString SAL_CALL
    getProgrammaticCategoryName(const OUString &programmatic) override;
    OUString SAL_CALL
    getDisplayCategoryName(const OUString &programmatic) override;

    // XCompatibilityNames: the name an Excel file (.xls) stores the call
    // under and maps back to this function on opening; the display name,
    // which is the same in every language.
    uno::Sequence<sheet::LocalizedName>
        SAL_CALL getCompatibilityNames(const OUString &programmatic) override
    {
        Method m;
        const FunctionText *f = find_function(programmatic, &m);
        if (!f)
            return uno::Sequence<sheet::LocalizedName>();
        uno::Sequence<sheet::LocalizedName> names(1);
        names[0].Locale = lang::Locale("en", "US", "");
        names[0].Name = utf8(kpi_bridge::displayName(*f, m));
        return names;
    }

    // XLocalizable (through XAddIn): Calc sets the interface language.
    void SAL_CALL setLocale(const lang::Locale &locale) override
    {
        m_locale = locale;
    }
    lang::Locale SAL_CALL getLocale() override
    {
        return m_locale;
    }

    // XServiceName
    OUString SAL_CALL getServiceName() override
    {
        return OUString(SERVICE_NAME);
    }

    // XServiceInfo
    OUString SAL_CALL getImplementationName() override
    {
        return OUString(IMPLEMENTATION_NAME);
    }
    sal_Bool SAL_CALL supportsService(const OUString &name) override
    {
        return cppu::supportsService(this, name);
    }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override
    {
        return serviceNames();
    }

    static uno::Sequence<OUString> serviceNames()
    {
        uno::Sequence<OUString> names(2);
        names[0] = OUString(SERVICE_NAME);
        names[1] = OUString(ADDIN_SERVICE);
        return names;
    }

  private:
    /* The interface language, which the reasons and the XAddIn texts
     * follow (Calc itself reads the texts from CalcAddIns.xcu). */
    bool danish() const
    {
        return m_danish;
    }

    bool m_danish;
    lang::Locale m_locale;
};

OUString KpiFunctions::getProgrammaticFuntionName(const OUString &displayName)
{
    for (const FunctionText &f : FUNCTIONS)
        for (Method m : kpi_bridge::METHODS)
            if (displayName == utf8(kpi_bridge::displayName(f, m)))
                return utf8(kpi_bridge::programmaticName(f, m));
    return OUString();
}

/* One display name per method in every language (gen_calcaddins.cxx). */
OUString KpiFunctions::getDisplayFunctionName(const OUString &programmatic)
{
    Method m;
    const FunctionText *f = find_function(programmatic, &m);
    return f ? utf8(kpi_bridge::displayName(*f, m)) : OUString();
}

OUString KpiFunctions::getFunctionDescription(const OUString &programmatic)
{
    Method m;
    const FunctionText *f = find_function(programmatic, &m);
    return f ? utf8(kpi_bridge::description(*f, m, danish())) : OUString();
}

OUString KpiFunctions::getDisplayArgumentName(const OUString &programmatic,
                                              sal_Int32 argument)
{
    Method m;
    const FunctionText *f = find_function(programmatic, &m);
    if (!f || argument < 0 || argument >= f->n_args)
        return OUString();
    const ArgText &a = f->args[argument];
    return utf8(danish() ? a.name_da : a.name_en);
}

OUString KpiFunctions::getArgumentDescription(const OUString &programmatic,
                                              sal_Int32 argument)
{
    Method m;
    const FunctionText *f = find_function(programmatic, &m);
    if (!f || argument < 0 || argument >= f->n_args)
        return OUString();
    const ArgText &a = f->args[argument];
    return utf8(danish() ? a.desc_da : a.desc_en);
}

OUString KpiFunctions::getProgrammaticCategoryName(const OUString &programmatic)
{
    Method m;
    const FunctionText *f = find_function(programmatic, &m);
    return OUString::createFromAscii(f ? kpi_bridge::category(*f, m)
                                       : "Add-In");
}

OUString KpiFunctions::getDisplayCategoryName(const OUString &programmatic)
{
    return getProgrammaticCategoryName(programmatic);
}

uno::Reference<uno::XInterface>
    SAL_CALL create(const uno::Reference<uno::XComponentContext> &context)
{
    return static_cast<cppu::OWeakObject *>(
        new KpiFunctions(interfaceIsDanish(context)));
}

OUString SAL_CALL implementationName()
{
    return OUString(IMPLEMENTATION_NAME);
}

uno::Sequence<OUString> SAL_CALL supportedServiceNames()
{
    return KpiFunctions::serviceNames();
}

const cppu::ImplementationEntry ENTRIES[] = {
    {create, implementationName, supportedServiceNames,
     cppu::createSingleComponentFactory, nullptr, 0},
    {kpi_bridge::createRunner, kpi_bridge::runnerImplementationName,
     kpi_bridge::runnerServiceNames, cppu::createSingleComponentFactory,
     nullptr, 0},
    {kpi_bridge::createOptionsHandler, kpi_bridge::optionsImplementationName,
     kpi_bridge::optionsServiceNames, cppu::createSingleComponentFactory,
     nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

} // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void *SAL_CALL component_getFactory(
    const char *implName, void *serviceManager, void *registryKey)
{
    return cppu::component_getFactoryHelper(implName, serviceManager,
                                            registryKey, ENTRIES);
}
