# package.cmake - the man pages and the Debian package (issue 16).
#
#   cpack -G DEB            in a build folder (or: bash scripts/deb.sh)
#
# makes kpi_VERSION_ARCH.deb (kpi_0.1.0_amd64.deb) of everything
# `cmake --install` installs (cmake/install.cmake), under /usr: the command
# and kpi-gen, the static libraries with kpi.h, kpi/*.h and kpi.pc, the
# templates, the example municipality (/usr/share/kpi/examples/eksempel,
# which `kpi demo` finds relative to /usr/bin/kpi), kpi.oxt when the
# bridge was built, the man pages kpi.1 and kpi-gen.1, and in
# /usr/share/doc/kpi/ docs/INSTALL.md (as README.Debian) and the
# changelog. docs/INSTALL.md lists it all.

# ---- man pages -----------------------------------------------------------
# kpi.1 is made from docs/man/kpi.1.in and the built kpi's own help
# (cmake/manpage.cmake); kpi-gen.1 is written by hand. Both gzip'ed as
# Debian ships man pages (-n: no name or time in the .gz: the same bytes
# every build).
set(KPI_MAN ${PROJECT_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${KPI_MAN}/kpi.1 ${KPI_MAN}/kpi.1.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KPI_MAN}
  COMMAND ${CMAKE_COMMAND} -DKPI=$<TARGET_FILE:kpi_cli>
          -DIN=${PROJECT_SOURCE_DIR}/docs/man/kpi.1.in -DOUT=${KPI_MAN}/kpi.1
          -DVERSION=${PROJECT_VERSION}
          -P ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
  DEPENDS kpi_cli ${PROJECT_SOURCE_DIR}/docs/man/kpi.1.in
          ${PROJECT_SOURCE_DIR}/cmake/manpage.cmake
  COMMENT "The man page kpi.1 from kpi's help")
add_custom_command(
  OUTPUT ${KPI_MAN}/kpi-gen.1.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KPI_MAN}
  COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/docs/man/kpi-gen.1
          > ${KPI_MAN}/kpi-gen.1.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/man/kpi-gen.1
  COMMENT "The man page kpi-gen.1")
add_custom_target(kpi_man ALL DEPENDS ${KPI_MAN}/kpi.1.gz
                                      ${KPI_MAN}/kpi-gen.1.gz)
install(FILES ${KPI_MAN}/kpi.1.gz ${KPI_MAN}/kpi-gen.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# docs/INSTALL.md is for whoever installs the package: what goes where.
install(FILES ${PROJECT_SOURCE_DIR}/docs/INSTALL.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME README.Debian)
# The package's changelog (Debian's format; a native package's is
# changelog.gz). Its newest entry must be this version.
file(STRINGS ${PROJECT_SOURCE_DIR}/cmake/debian/changelog KPI_CHANGELOG_TOP
     LIMIT_COUNT 1)
if(NOT KPI_CHANGELOG_TOP MATCHES "^kpi \\(${PROJECT_VERSION}\\) ")
  message(FATAL_ERROR "cmake/debian/changelog starts with "
                      "\"${KPI_CHANGELOG_TOP}\": add an entry for "
                      "${PROJECT_VERSION} at its top")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/cmake/debian/changelog)
add_custom_command(
  OUTPUT ${KPI_MAN}/changelog.gz
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KPI_MAN}
  COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/cmake/debian/changelog
          > ${KPI_MAN}/changelog.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/cmake/debian/changelog
  COMMENT "The package's changelog.gz")
add_custom_target(kpi_changelog ALL DEPENDS ${KPI_MAN}/changelog.gz)
install(FILES ${KPI_MAN}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

# ---- the Debian package ----------------------------------------------------
if(KPI_SANITIZE)
  # A sanitized kpi would make a package that depends on libasan.
  message(STATUS "package: no Debian package from a KPI_SANITIZE build")
  return()
endif()
if(NOT TARGET kpi_oxt)
  message(STATUS "package: kpi.oxt is not built (no LibreOffice SDK), so a "
                 "package made here lacks it; scripts/deb.sh refuses")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kpi)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Everything under /usr, whatever CMAKE_INSTALL_PREFIX the build has:
# kpi finds its share/kpi relative to itself, kpi.pc its prefix relative
# to itself, so nothing in the files depends on it.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # kpi_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(KPI_DEB_MAINTAINER
    "kpi maintainers <maintainers@users.noreply.h-seed-63dfb6c4.example>"
    CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${KPI_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "management information for children and young people with special needs")
# The long description, after the summary: CPack indents it as the
# control file wants (no double quotes: CPack's list handling eats them).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"kpi gives Danish municipalities their management information
(ledelsesinformation) for children and young people with special needs.
From the case system's export, the financial system's postings and the
budget it computes the key figures of Socialstyrelsen's table and of
KL's 10 gode råd (disposition accounting, forecasts, full-year recipients,
average prices, high-cost cases) and writes workbooks for politicians,
directors, heads of department, team leaders and caseworkers, and mails
them out.
.
This package holds the kpi command (try: kpi demo -o kpi-demo), the
example municipality, the LibreOffice Calc extension kpi.oxt, and the C
libraries with their headers and pkg-config file (kpi.pc).")
# The programs' run-time libraries, worked out by dpkg-shlibdeps (package
# dpkg-dev) from /usr/bin/kpi and kpi-gen. The static libraries need,
# to build a program with them, what kpi.pc's Requires names; kpi.oxt
# needs LibreOffice Calc, and so does the .xls fallback for a file the
# .xls reader refuses.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "libreoffice-calc-nogui | libreoffice-calc, pkg-config, libcsv-dev, libxlsxwriter-dev, libfreexl-dev, libminizip-dev, libexpat1-dev, libcurl4-openssl-dev")
include(CPack)
