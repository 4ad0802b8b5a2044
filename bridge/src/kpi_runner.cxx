/*
 * kpi_runner.cxx - org.kpi.calc.Runner: starts one program with its
 * arguments and collects its standard error and exit status, for the menu
 * command (basic/Main.bas, docs/BRIDGE.md).
 *
 * Why a component and not Basic's Shell: Shell cannot redirect standard
 * error or return the exit status, so the macro used to write a /bin/sh
 * script; osl (LibreOffice's own process layer) does both on Windows and
 * Linux alike, and passes each argument unchanged (spaces, quotes, æøå).
 * A thread drains the standard error pipe while the program runs, so a
 * program that writes a lot of it cannot block on a full pipe.
 */
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <cppuhelper/implbase2.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <org/kpi/calc/XKpiRunner.hpp>
#include <osl/file.hxx>
#include <osl/process.h>

#include "runner.hxx"

using namespace com::sun::star;
using rtl::OUString;

namespace
{

const char RUNNER_SERVICE[] = "org.kpi.calc.Runner";
const char RUNNER_IMPLEMENTATION[] = "org.kpi.calc.RunnerImpl";

class Runner : public cppu::WeakImplHelper2<org::kpi::calc::XKpiRunner,
                                            lang::XServiceInfo>
{
  public:
    Runner()
    {
    }
    ~Runner() override
    {
        finish();
        if (m_process)
            osl_freeProcessHandle(m_process);
    }

    void SAL_CALL start(const OUString &program,
                        const uno::Sequence<OUString> &arguments) override
    {
        if (m_process)
            throw lang::IllegalArgumentException("already started", *this, 0);
        OUString url;
        if (osl::FileBase::getFileURLFromSystemPath(program, url) !=
            osl::FileBase::E_None)
            url = program;
        std::vector<rtl_uString *> args;
        for (const OUString &a : arguments)
            args.push_back(a.pData);
        oslFileHandle err = nullptr;
        oslProcessError rc = osl_executeProcess_WithRedirectedIO(
            url.pData, args.empty() ? nullptr : args.data(),
            static_cast<sal_uInt32>(args.size()),
            osl_Process_NORMAL | osl_Process_HIDDEN, nullptr, nullptr, nullptr,
            0, &m_process, nullptr, nullptr, &err);
        if (rc != osl_Process_E_None || !m_process)
            throw lang::IllegalArgumentException("cannot start " + program,
                                                 *this, 0);
        m_reader = std::thread([this, err]() { drain(err); });
    }

    sal_Bool SAL_CALL isRunning() override
    {
        if (!m_process)
            return false;
        TimeValue zero = {0, 0};
        return osl_joinProcessWithTimeout(m_process, &zero) ==
               osl_Process_E_TimedOut;
    }

    sal_Int32 SAL_CALL exitCode() override
    {
        if (!m_process)
            return -1;
        finish();
        return m_code;
    }

    OUString SAL_CALL errorText() override
    {
        finish();
        std::lock_guard<std::mutex> lock(m_mutex);
        return OUString(m_err.data(), static_cast<sal_Int32>(m_err.size()),
                        RTL_TEXTENCODING_UTF8);
    }

    OUString SAL_CALL getImplementationName() override
    {
        return OUString(RUNNER_IMPLEMENTATION);
    }
    sal_Bool SAL_CALL supportsService(const OUString &name) override
    {
        return cppu::supportsService(this, name);
    }
    uno::Sequence<OUString> SAL_CALL getSupportedServiceNames() override
    {
        return kpi_bridge::runnerServiceNames();
    }

  private:
    void drain(oslFileHandle err)
    {
        char buf[4096];
        sal_uInt64 got = 0;
        while (osl_readFile(err, buf, sizeof buf, &got) == osl_File_E_None &&
               got > 0) {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_err.append(buf, static_cast<size_t>(got));
        }
        osl_closeFile(err);
    }

    /* Waits for the program and the reader; keeps the exit status. */
    void finish()
    {
        if (!m_process)
            return;
        if (m_reader.joinable()) {
            osl_joinProcess(m_process);
            m_reader.join();
            oslProcessInfo info;
            info.Size = sizeof info;
            m_code = osl_getProcessInfo(m_process, osl_Process_EXITCODE,
                                        &info) == osl_Process_E_None
                         ? static_cast<sal_Int32>(info.Code)
                         : -1;
        }
    }

    oslProcess m_process = nullptr;
    std::thread m_reader;
    std::mutex m_mutex;
    std::string m_err;
    sal_Int32 m_code = -1;
};

} // namespace

namespace kpi_bridge
{

uno::Reference<uno::XInterface>
    SAL_CALL createRunner(const uno::Reference<uno::XComponentContext> &)
{
    return static_cast<cppu::OWeakObject *>(new Runner());
}

OUString SAL_CALL runnerImplementationName()
{
    return OUString(RUNNER_IMPLEMENTATION);
}

uno::Sequence<OUString> SAL_CALL runnerServiceNames()
{
    uno::Sequence<OUString> names(1);
    names[0] = OUString(RUNNER_SERVICE);
    return names;
}

} // namespace kpi_bridge
