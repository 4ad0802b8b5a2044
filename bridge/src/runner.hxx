/*
 * runner.hxx - org.kpi.calc.Runner, the component the menu command
 * (basic/Main.bas) runs kpi with: kpi_runner.cxx. Registered by
 * kpi_calc.cxx's component_getFactory beside the add-in.
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

} // namespace kpi_bridge

#endif
