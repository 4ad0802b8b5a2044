/*
 * runner.hxx - the extension's other components, registered by
 * kpi_calc.cxx's component_getFactory beside the add-in:
 * org.kpi.calc.Runner, which the menu command (basic/Main.bas) runs kpi
 * with (kpi_runner.cxx), and org.kpi.calc.OptionsHandler, the options
 * page's handler (kpi_options.cxx).
 */
#ifndef KPI_BRIDGE_RUNNER_HXX
#define KPI_BRIDGE_RUNNER_HXX

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>

namespace kpi_bridge
{

css::uno::Reference<css::uno::XInterface> SAL_CALL
createRunner(const css::uno::Reference<css::uno::XComponentContext> &context);
rtl::OUString SAL_CALL runnerImplementationName();
css::uno::Sequence<rtl::OUString> SAL_CALL runnerServiceNames();

css::uno::Reference<css::uno::XInterface> SAL_CALL createOptionsHandler(
    const css::uno::Reference<css::uno::XComponentContext> &context);
rtl::OUString SAL_CALL optionsImplementationName();
css::uno::Sequence<rtl::OUString> SAL_CALL optionsServiceNames();

} // namespace kpi_bridge

#endif
