/*
 * kpi_calc.cxx - the Calc add-in of kpi.oxt: KPI_DISPOSED, KPI_FULLYEAR,
 * KPI_QUANTITY_EFFECT, KPI_PRICE_EFFECT, KPI_REIMBURSEMENT, KPI_AGE.
 *
 * A thin edge (STYLE.md §9): it converts what Calc passes (dates as serial
 * numbers, kroner as doubles, ranges as sequences of rows) into libkpi's
 * types, calls libkpi's public API and converts the answer back. It computes
 * no figure itself, so a sheet and kpi's reports agree to the øre.
 *
 * A bad argument throws IllegalArgumentException, which Calc shows as an
 * error value in the cell. No other C++ exception may leave a UNO call (the
 * bridge would terminate LibreOffice), so every function body catches
 * std::exception and rethrows it as a RuntimeException.
 *
 * Names and descriptions come from functions.hxx, the table CalcAddIns.xcu
 * is generated from: Calc reads the configuration, and the XAddIn methods
 * here answer the same for anyone who asks the component.
 */
#include <cmath>
#include <cstring>
#include <exception>
#include <new>
#include <vector>

#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/implementationentry.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <org/kpi/calc/XKpiFunctions.hpp>
#include <rtl/ustring.hxx>

#include "functions.hxx"
#include "kpi.h"

using namespace com::sun::star;
using kpi_bridge::ArgText;
using kpi_bridge::FUNCTIONS;
using kpi_bridge::FunctionText;
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

const FunctionText *find_function(const OUString &programmatic)
{
    for (const FunctionText &f : FUNCTIONS)
        if (programmatic.equalsAscii(f.programmatic))
            return &f;
    return nullptr;
}

OUString utf8(const char *text)
{
    return OUString(text, std::strlen(text), RTL_TEXTENCODING_UTF8);
}

class KpiFunctions
    : public cppu::WeakImplHelper4<org::kpi::calc::XKpiFunctions, sheet::XAddIn,
                                   lang::XServiceName, lang::XServiceInfo>
{
  public:
    KpiFunctions()
    {
    }

    // XKpiFunctions
    double SAL_CALL kpiDisposed(double startDate, const uno::Any &endDate,
                                double price, const OUString &unit,
                                double year) override;
    double SAL_CALL
    kpiFullYear(const uno::Sequence<uno::Sequence<uno::Any>> &starts,
                const uno::Sequence<uno::Sequence<uno::Any>> &ends,
                double periodFrom, double periodTo,
                const uno::Any &children) override;
    double SAL_CALL kpiQuantityEffect(double recipients,
                                      double budgetRecipients,
                                      double budgetPrice) override;
    double SAL_CALL kpiPriceEffect(double price, double budgetPrice,
                                   double recipients) override;
    double SAL_CALL kpiReimbursement(double cost, double year) override;
    double SAL_CALL kpiAge(double birthDate, double onDate) override;

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

    // XLocalizable (through XAddIn)
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
    bool danish() const
    {
        return m_locale.Language == "da";
    }

    [[noreturn]] void bad(const char *message, sal_Int16 position)
    {
        throw lang::IllegalArgumentException(
            utf8(message), static_cast<cppu::OWeakObject *>(this), position);
    }

    kpi_date toDate(double serial, sal_Int16 position);
    bool anyToDate(const uno::Any &value, kpi_date *out, sal_Int16 position);
    bool anyToId(const uno::Any &value, OString *out, sal_Int16 position);
    kpi_money toOre(double kroner, sal_Int16 position);
    double toRecipients(double n, sal_Int16 position);
    int toYear(double year, sal_Int16 position);

    lang::Locale m_locale;
};

kpi_date KpiFunctions::toDate(double serial, sal_Int16 position)
{
    if (!std::isfinite(serial))
        bad("a date must be a number", position);
    kpi_date first, last;
    (void)kpi_date_from_ymd(1, 1, 1, &first);
    (void)kpi_date_from_ymd(9999, 12, 31, &last);
    /* A date with a time of day is that day. */
    double day = std::floor(serial) - CALC_EPOCH_OFFSET;
    if (day < first || day > last)
        bad("the date is outside the years 1 to 9999", position);
    return static_cast<kpi_date>(day);
}

/* A date from a cell that may be empty: false when it is. Calc passes an
 * empty cell named alone (=F(A1)) as the number 0 and one inside a range as
 * void, so void, 0 and blank text all mean "no date"; day 0 is 1899-12-30,
 * never a real date in kpi's data. A one-cell range is that cell. Text is
 * read the way kpi reads dates in its input files. */
bool KpiFunctions::anyToDate(const uno::Any &value, kpi_date *out,
                             sal_Int16 position)
{
    if (!value.hasValue())
        return false;
    double serial;
    if (value >>= serial) {
        if (serial == 0.0)
            return false;
        *out = toDate(serial, position);
        return true;
    }
    OUString text;
    if (value >>= text) {
        OString bytes =
            rtl::OUStringToOString(text.trim(), RTL_TEXTENCODING_UTF8);
        if (bytes.isEmpty())
            return false;
        if (kpi_date_parse(bytes.getStr(),
                           static_cast<size_t>(bytes.getLength()),
                           out) != KPI_OK)
            bad("the text is not a date", position);
        return true;
    }
    uno::Sequence<uno::Sequence<uno::Any>> range;
    if (value >>= range) {
        if (range.getLength() == 1 && range[0].getLength() == 1)
            return anyToDate(range[0][0], out, position);
        bad("a date must be one cell, not a range", position);
    }
    bad("a date must be a number or a date text", position);
}

kpi_money KpiFunctions::toOre(double kroner, sal_Int16 position)
{
    if (!std::isfinite(kroner) || std::fabs(kroner) > MAX_KRONER)
        bad("an amount must be a number of kroner up to 100 billion", position);
    /* llround rounds half away from zero, as SPEC §4 rounds. */
    return static_cast<kpi_money>(std::llround(kroner * 100.0));
}

double KpiFunctions::toRecipients(double n, sal_Int16 position)
{
    if (!std::isfinite(n) || std::fabs(n) > MAX_RECIPIENTS)
        bad("full-year recipients must be a number up to 100000", position);
    return n;
}

int KpiFunctions::toYear(double year, sal_Int16 position)
{
    kpi_date unused;
    if (!std::isfinite(year) || year != std::floor(year) || year < 1 ||
        year > 9999 ||
        kpi_date_from_ymd(static_cast<int>(year), 1, 1, &unused) != KPI_OK)
        bad("the year must be a whole number from 1 to 9999", position);
    return static_cast<int>(year);
}

double kroner(kpi_money ore)
{
    return static_cast<double>(ore) / 100.0;
}

/* Runs body; turns anything but a UNO exception into a RuntimeException. */
template <typename Body> double guarded(Body body)
{
    try {
        return body();
    } catch (const uno::Exception &) {
        throw;
    } catch (const std::exception &e) {
        throw uno::RuntimeException(utf8(e.what()));
    }
}

double KpiFunctions::kpiDisposed(double startDate, const uno::Any &endDate,
                                 double price, const OUString &unit,
                                 double year)
{
    return guarded([&]() {
        kpi_date start = toDate(startDate, 0);
        kpi_date end = KPI_DATE_NONE;
        if (anyToDate(endDate, &end, 1) && end < start)
            bad("the end date is before the start date", 1);
        kpi_money ore = toOre(price, 2);
        kpi_unit u;
        OString name =
            rtl::OUStringToOString(unit.trim(), RTL_TEXTENCODING_UTF8);
        if (kpi_unit_parse(name.getStr(), &u) != KPI_OK)
            bad("the unit must be month, day, week or year", 3);
        int y = toYear(year, 4);
        return kroner(kpi_measure_year_amount(ore, u, start, end, y));
    });
}

/* A child id from a cell: text (trimmed) or a number (an id column of
 * numbers: 7 is "7"); false when the cell is empty. */
bool KpiFunctions::anyToId(const uno::Any &value, OString *out,
                           sal_Int16 position)
{
    if (!value.hasValue())
        return false;
    double number;
    if (value >>= number) {
        if (!std::isfinite(number))
            bad("a child id must be text or a number", position);
        *out = number == std::floor(number) && std::fabs(number) < 1e15
                   ? OString::number(static_cast<sal_Int64>(number))
                   : OString::number(number);
        return true;
    }
    OUString text;
    if (value >>= text) {
        *out = rtl::OUStringToOString(text.trim(), RTL_TEXTENCODING_UTF8);
        return !out->isEmpty();
    }
    bad("a child id must be text or a number", position);
}

/* The cells of a range argument, row by row; a single value (a one-cell
 * reference) is a range of one cell. */
static std::vector<const uno::Any *>
cellsOf(const uno::Any &value, uno::Sequence<uno::Sequence<uno::Any>> &range)
{
    std::vector<const uno::Any *> cells;
    if (value >>= range) {
        for (const uno::Sequence<uno::Any> &row : range)
            for (const uno::Any &cell : row)
                cells.push_back(&cell);
    } else {
        cells.push_back(&value);
    }
    return cells;
}

double
KpiFunctions::kpiFullYear(const uno::Sequence<uno::Sequence<uno::Any>> &starts,
                          const uno::Sequence<uno::Sequence<uno::Any>> &ends,
                          double periodFrom, double periodTo,
                          const uno::Any &children)
{
    return guarded([&]() {
        std::vector<const uno::Any *> s, e, c;
        for (const uno::Sequence<uno::Any> &row : starts)
            for (const uno::Any &cell : row)
                s.push_back(&cell);
        for (const uno::Sequence<uno::Any> &row : ends)
            for (const uno::Any &cell : row)
                e.push_back(&cell);
        if (s.size() != e.size())
            bad("the start and end ranges must have the same size", 1);
        /* Without children (the argument left out) every range is a
         * person of its own, as before the argument existed. */
        uno::Sequence<uno::Sequence<uno::Any>> child_range;
        bool by_child = children.hasValue();
        if (by_child) {
            c = cellsOf(children, child_range);
            if (c.size() != s.size())
                bad("the children range must have the size of the dates", 4);
        }
        std::vector<kpi_date> from_dates, to_dates;
        std::vector<OString> ids;
        for (size_t i = 0; i < s.size(); i++) {
            kpi_date a = KPI_DATE_NONE, b = KPI_DATE_NONE;
            bool has_start = anyToDate(*s[i], &a, 0);
            bool has_end = anyToDate(*e[i], &b, 1);
            /* A range taller than the data leaves blank rows: skip them. */
            if (!has_start && !has_end)
                continue;
            if (!has_start)
                bad("an end date has no start date", 0);
            if (by_child) {
                OString id;
                if (!anyToId(*c[i], &id, 4))
                    bad("a date range has no child", 4);
                ids.push_back(id);
            }
            from_dates.push_back(a);
            to_dates.push_back(b);
        }
        std::vector<const char *> persons;
        for (const OString &id : ids)
            persons.push_back(id.getStr());
        kpi_date from = toDate(periodFrom, 2);
        kpi_date to = toDate(periodTo, 3);
        double out = 0;
        kpi_status st = kpi_full_year_persons(
            from_dates.data(), to_dates.data(),
            by_child ? persons.data() : nullptr, from_dates.size(), from, to,
            &out);
        if (st == KPI_ERR_NOMEM)
            throw std::bad_alloc();
        if (st != KPI_OK)
            bad(to < from ? "the period ends before it starts"
                          : "a date range ends before it starts",
                to < from ? 3 : 1);
        return out;
    });
}

double KpiFunctions::kpiQuantityEffect(double recipients,
                                       double budgetRecipients,
                                       double budgetPrice)
{
    return guarded([&]() {
        double n = toRecipients(recipients, 0);
        double nb = toRecipients(budgetRecipients, 1);
        return kroner(kpi_quantity_effect(n, nb, toOre(budgetPrice, 2)));
    });
}

double KpiFunctions::kpiPriceEffect(double price, double budgetPrice,
                                    double recipients)
{
    return guarded([&]() {
        kpi_money p = toOre(price, 0);
        kpi_money pb = toOre(budgetPrice, 1);
        return kroner(kpi_price_effect(p, pb, toRecipients(recipients, 2)));
    });
}

double KpiFunctions::kpiReimbursement(double cost, double year)
{
    return guarded([&]() {
        /* The refusion order reckons month by month, so this is the
         * monthly form: one household's net cost in one calendar month
         * against 1/12 of the thresholds (docs/BRIDGE.md). The add-in has
         * no kpi.ini, so the amounts are the law's 2022 level, which
         * libkpi holds; the year is checked so a sheet cannot pass
         * nonsense that a later version with yearly amounts would
         * reject. */
        kpi_money c = toOre(cost, 0);
        (void)toYear(year, 1);
        kpi_reimbursement_rule rule = kpi_reimbursement_default();
        return kroner(kpi_reimbursement_month(c, &rule));
    });
}

double KpiFunctions::kpiAge(double birthDate, double onDate)
{
    return guarded([&]() {
        kpi_date birth = toDate(birthDate, 0);
        kpi_date on = toDate(onDate, 1);
        int age = kpi_date_age(birth, on);
        if (age < 0)
            bad("the date is before the birth date", 1);
        return static_cast<double>(age);
    });
}

OUString KpiFunctions::getProgrammaticFuntionName(const OUString &displayName)
{
    for (const FunctionText &f : FUNCTIONS)
        if (displayName == utf8(f.name_en) || displayName == utf8(f.name_da))
            return OUString::createFromAscii(f.programmatic);
    return OUString();
}

OUString KpiFunctions::getDisplayFunctionName(const OUString &programmatic)
{
    const FunctionText *f = find_function(programmatic);
    return f ? utf8(danish() ? f->name_da : f->name_en) : OUString();
}

OUString KpiFunctions::getFunctionDescription(const OUString &programmatic)
{
    const FunctionText *f = find_function(programmatic);
    return f ? utf8(danish() ? f->desc_da : f->desc_en) : OUString();
}

OUString KpiFunctions::getDisplayArgumentName(const OUString &programmatic,
                                              sal_Int32 argument)
{
    const FunctionText *f = find_function(programmatic);
    if (!f || argument < 0 || argument >= f->n_args)
        return OUString();
    const ArgText &a = f->args[argument];
    return utf8(danish() ? a.name_da : a.name_en);
}

OUString KpiFunctions::getArgumentDescription(const OUString &programmatic,
                                              sal_Int32 argument)
{
    const FunctionText *f = find_function(programmatic);
    if (!f || argument < 0 || argument >= f->n_args)
        return OUString();
    const ArgText &a = f->args[argument];
    return utf8(danish() ? a.desc_da : a.desc_en);
}

OUString KpiFunctions::getProgrammaticCategoryName(const OUString &)
{
    return OUString::createFromAscii(kpi_bridge::CATEGORY);
}

OUString KpiFunctions::getDisplayCategoryName(const OUString &)
{
    return OUString::createFromAscii(kpi_bridge::CATEGORY);
}

uno::Reference<uno::XInterface>
    SAL_CALL create(const uno::Reference<uno::XComponentContext> &)
{
    return static_cast<cppu::OWeakObject *>(new KpiFunctions());
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
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0},
};

} // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void *SAL_CALL component_getFactory(
    const char *implName, void *serviceManager, void *registryKey)
{
    return cppu::component_getFactoryHelper(implName, serviceManager,
                                            registryKey, ENTRIES);
}
