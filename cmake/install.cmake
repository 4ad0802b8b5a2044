# install.cmake - what `cmake --install` puts under the prefix:
#   bin/kpi, bin/kpi-gen
#   lib/libkpi*.a and lib/pkgconfig/kpi.pc
#   include/kpi.h, include/kpi/*.h
#   share/kpi/templates/, share/kpi/examples/eksempel/, share/kpi/kpi.oxt
#   share/doc/kpi/examples/ (the example program over the libraries)
# and cmake/package.cmake adds the man pages (share/man/man1/kpi.1.gz,
# kpi-gen.1.gz), share/doc/kpi/README.Debian and changelog.gz.
# The kpi command finds share/kpi relative to itself (../share/kpi), so
# the prefix can be chosen at install time and moved afterwards; in the
# build tree it finds build/share/kpi beside build/kpi.
include(GNUInstallDirs)

set(KPI_LIBRARIES kpihistory kpidistribute kpireport kpixlsx kpiread kpi)
install(TARGETS ${KPI_LIBRARIES} ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS kpi_cli kpi-gen RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The programs' debug information names the source files by their paths
# in the source tree; an installed kpi carries no such path. The symbol
# table goes too (--strip-unneeded), as Debian wants of an installed
# program (lintian: unstripped-binary-or-object).
foreach(program kpi kpi-gen)
  install(CODE "execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-unneeded
    \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/${program}\"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR \"cannot strip the debug information of ${program}\")
  endif()")
endforeach()
install(FILES ${PROJECT_SOURCE_DIR}/include/kpi.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/kpi
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# kpi.pc: the libraries are static, so --libs also names what they use.
set(KPI_PC_REQUIRES "libcurl xlsxwriter freexl minizip expat sqlite3")
set(KPI_PC_LIBS "")
foreach(lib ${KPI_LIBRARIES})
  string(APPEND KPI_PC_LIBS " -l${lib}")
endforeach()
string(APPEND KPI_PC_LIBS " -lcsv -lm -pthread")
# From LIBDIR/pkgconfig up to the prefix ("../.." for lib/pkgconfig).
file(RELATIVE_PATH KPI_PC_UP ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" KPI_PC_UP "${KPI_PC_UP}")
configure_file(${PROJECT_SOURCE_DIR}/kpi.pc.in ${PROJECT_BINARY_DIR}/kpi.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/kpi.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/kpi/templates)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/eksempel
        DESTINATION ${CMAKE_INSTALL_DATADIR}/kpi/examples)
install(FILES ${PROJECT_SOURCE_DIR}/examples/api/export.c
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
if(TARGET kpi_oxt)
  install(FILES ${PROJECT_BINARY_DIR}/bridge/kpi.oxt
          DESTINATION ${CMAKE_INSTALL_DATADIR}/kpi)
endif()
