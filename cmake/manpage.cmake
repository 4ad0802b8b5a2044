# manpage.cmake - makes the man page kpi.1 (and kpi.1.gz, as Debian ships
# man pages) from docs/man/kpi.1.in and the help of the built kpi:
# `kpi --help` under DESCRIPTION's end and one subsection per command of
# its "Commands:" list with `kpi COMMAND --help`, so the page says what
# the program says. Deterministic: no date (the .TH date is left empty),
# gzip -n (no name or time stamp in the .gz).
#
# cmake -DKPI=build/kpi -DIN=docs/man/kpi.1.in -DOUT=build/kpi.1
#       -DVERSION=0.1.0 -P manpage.cmake
cmake_minimum_required(VERSION 3.18) # @NAME@ is text, not a variable
function(kpi_help out_var)
  execute_process(COMMAND ${KPI} ${ARGN} OUTPUT_VARIABLE text
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "manpage: '${KPI} ${ARGN}' failed (${rc})")
  endif()
  set(${out_var} "${text}" PARENT_SCOPE)
endfunction()

# Help text as roff lines to show as they are: backslashes and minus
# signs escaped, a line starting with . or ' kept from being a request.
function(kpi_roff_literal out_var text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} ".nf\n${text}.fi\n" PARENT_SCOPE)
endfunction()

kpi_help(main --help)
# The commands: the two-space-indented names under "Commands:" up to the
# next blank line; `help` only shows this help again.
string(REGEX MATCH "\nCommands:\n(.*)" rest "${main}")
string(REGEX REPLACE "\n\n.*" "\n" rest "${rest}")
string(REGEX MATCHALL "\n  [a-z][a-z0-9-]*" names "${rest}")
set(commands "")
foreach(n ${names})
  string(STRIP "${n}" n)
  if(NOT n STREQUAL "help")
    list(APPEND commands ${n})
  endif()
endforeach()
if(NOT commands)
  message(FATAL_ERROR "manpage: no commands found in 'kpi --help'")
endif()

kpi_roff_literal(body "${main}")
set(help ".SS kpi \\-\\-help\n${body}.SH COMMANDS\n")
foreach(c ${commands})
  kpi_help(text ${c} --help)
  kpi_roff_literal(body "${text}")
  string(REPLACE "-" "\\-" title "${c}")
  string(APPEND help ".SS kpi ${title}\n${body}")
endforeach()
string(REGEX REPLACE "\n$" "" help "${help}")

file(READ ${IN} page)
string(REPLACE "@VERSION@" "${VERSION}" page "${page}")
string(REPLACE "@HELP@" "${help}" page "${page}")
# Written every time (the build reruns this only when kpi or the .in
# changed): an unchanged, older kpi.1 would make every build run it.
file(WRITE ${OUT} "${page}")
execute_process(COMMAND gzip -9nc ${OUT} OUTPUT_FILE ${OUT}.gz
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "manpage: gzip failed")
endif()
