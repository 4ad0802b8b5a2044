/*
 * kpi_options.cxx - org.kpi.calc.OptionsHandler: the extension's options
 * page (oxt/OptionsDialog.xcu, oxt/dialogs/Options.xdl; Tools > Options >
 * kpi, and the Extension Manager's Options button).
 *
 * The page holds one field, the kpi program's path. LibreOffice calls
 * callHandlerMethod with "initialize" when it shows the page, "ok" when
 * the user presses OK and "back" for Reset; the handler moves the path
 * between the field and the extension's configuration
 * (/org.kpi.calc.Settings/Paths/KpiProgram, oxt/Settings.xcs), where the
 * menu command (basic/Main.bas FindKpi) reads it. No check of the path
 * here: the menu command names a path that is no file when it runs.
 */
#include <com/sun/star/awt/XContainerWindowEventHandler.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
#include <cppuhelper/implbase2.hxx>
#include <cppuhelper/supportsservice.hxx>

#include "runner.hxx"

using namespace com::sun::star;
using rtl::OUString;

namespace
{

const char OPTIONS_SERVICE[] = "org.kpi.calc.OptionsHandler";
const char OPTIONS_IMPLEMENTATION[] = "org.kpi.calc.OptionsHandlerImpl";
const char SETTINGS_NODE[] = "/org.kpi.calc.Settings/Paths";
const char KPI_PROGRAM[] = "KpiProgram";
/* The field's name in dialogs/Options.xdl. */
const char FIELD[] = "KpiProgram";

class OptionsHandler
    : public cppu::WeakImplHelper2<awt::XContainerWindowEventHandler,
                                   lang::XServiceInfo>
{
  public:
    explicit OptionsHandler(const uno::Reference<uno::XComponentContext> &c)
        : m_context(c)
    {
    }

    sal_Bool SAL_CALL
    callHandlerMethod(const uno::Reference<awt::XWindow> &window,
                      const uno::Any &event, const OUString &method) override
    {
        if (method != "external_event")
            return false;
        OUString what;
        event >>= what;
        uno::Reference<awt::XControlContainer> box(window, uno::UNO_QUERY);
        if (!box.is())
            return false;
        uno::Reference<awt::XControl> field =
            box->getControl(OUString::createFromAscii(FIELD));
        if (!field.is())
            return false;
        uno::Reference<beans::XPropertySet> model(field->getModel(),
                                                  uno::UNO_QUERY_THROW);
        if (what == "ok") {
            OUString text;
            model->getPropertyValue("Text") >>= text;
            store(text.trim());
            return true;
        }
        if (what == "initialize" || what == "back") {
            model->setPropertyValue("Text", uno::Any(stored()));
            return true;
        }
        return false;
    }

    uno::Sequence<OUString> SAL_CALL getSupportedMethodNames() override
    {
        uno::Sequence<OUString> names(1);
        names[0] = "external_event";
        return names;
    }

    OUString SAL_CALL getImplementationName() override
    {
        return OUString(OPTIONS_IMPLEMENTATION);
    }
    sal_Bool SAL_CALL supportsService(const OUString &name) override
    {
        return cppu::supportsService(this, name);
    }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override
    {
        return kpi_bridge::optionsServiceNames();
    }

  private:
    uno::Reference<uno::XInterface> settings(bool update)
    {
        uno::Reference<lang::XMultiServiceFactory> provider =
            configuration::theDefaultProvider::get(m_context);
        beans::NamedValue path("nodepath", uno::Any(OUString(SETTINGS_NODE)));
        uno::Sequence<uno::Any> args(1);
        args[0] <<= path;
        return provider->createInstanceWithArguments(
            update ? OUString(
                         "com.sun.star.configuration.ConfigurationUpdateAccess")
                   : OUString("com.sun.star.configuration.ConfigurationAccess"),
            args);
    }

    OUString stored()
    {
        uno::Reference<container::XNameAccess> node(settings(false),
                                                    uno::UNO_QUERY_THROW);
        OUString text;
        node->getByName(OUString(KPI_PROGRAM)) >>= text;
        return text;
    }

    void store(const OUString &text)
    {
        uno::Reference<uno::XInterface> node = settings(true);
        uno::Reference<container::XNameReplace>(node, uno::UNO_QUERY_THROW)
            ->replaceByName(OUString(KPI_PROGRAM), uno::Any(text));
        uno::Reference<util::XChangesBatch>(node, uno::UNO_QUERY_THROW)
            ->commitChanges();
    }

    uno::Reference<uno::XComponentContext> m_context;
};

} // namespace

namespace kpi_bridge
{

uno::Reference<uno::XInterface> SAL_CALL
createOptionsHandler(const uno::Reference<uno::XComponentContext> &context)
{
    return static_cast<cppu::OWeakObject *>(new OptionsHandler(context));
}

OUString SAL_CALL optionsImplementationName()
{
    return OUString(OPTIONS_IMPLEMENTATION);
}

uno::Sequence<OUString> SAL_CALL optionsServiceNames()
{
    uno::Sequence<OUString> names(1);
    names[0] = OUString(OPTIONS_SERVICE);
    return names;
}

} // namespace kpi_bridge
