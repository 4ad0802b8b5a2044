#!/bin/bash
# house.sh - the layout rules of issue 12, checked on the tree and the
# build (docs/ARCHITECTURE.md):
#  - no circle between libkpi's files (scripts/filegraph.py on the objects);
#  - every catalogue figure's computation is libkpi/figures/<id>.c, and its
#    tests tests/figures/test_<id>.c; nothing else in libkpi/figures/;
#  - cli/ holds at most 1,500 non-blank lines of C;
#  - cli/, bridge/, fuzz/ and examples/ include only public headers
#    (include/kpi.h, include/kpi/*.h) or their own folder's;
#  - the installed libraries define no global symbol without the kpi_
#    prefix (a program linking them must not meet our table_write).
#
# usage: bash house.sh KPI_BIN [KPI_GEN_BIN FIXTURES_DIR] (the other two
# arguments, which every e2e test gets, are not used)
set -u
kpi=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$(dirname "$kpi")" && pwd)
failures=0
fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

# 1. No circles between files.
objects=$build/CMakeFiles/kpi.dir/libkpi
if [ ! -d "$objects" ]; then
    echo "skipped: no object files of libkpi under $objects"
    exit 77
fi
command -v nm >/dev/null && command -v python3 >/dev/null ||
    { echo "skipped: nm or python3 missing"; exit 77; }
python3 "$src/scripts/filegraph.py" --src "$src/libkpi" "$objects" ||
    fail "libkpi's files call each other in a circle (above)"

# 2. One file per figure, named after its id, and its tests by its id.
ids=$(grep -oE '^ *(FIG|TODO)\("[a-z_]+"' "$src/libkpi/catalog/catalog.c" |
    sed -E 's/.*"([a-z_]+)"/\1/')
[ "$(echo "$ids" | wc -w)" -ge 25 ] || fail "fewer than 25 catalogue rows read"
for id in $ids; do
    f=$src/libkpi/figures/$id.c
    grep -qE "^kpi_status kpi_fig_$id\(" "$f" 2>/dev/null ||
        fail "$id: its computation kpi_fig_$id is not in libkpi/figures/$id.c"
    [ -f "$src/tests/figures/test_$id.c" ] ||
        fail "$id: no tests/figures/test_$id.c"
    # Defined nowhere else.
    others=$(grep -rlE --include="*.c" "^kpi_status kpi_fig_$id\(" "$src/libkpi" | grep -v "/figures/$id.c$")
    [ -z "$others" ] || fail "$id: kpi_fig_$id also defined in $others"
done
for f in "$src"/libkpi/figures/*.c; do
    id=$(basename "$f" .c)
    echo "$ids" | grep -qx "$id" || fail "libkpi/figures/$id.c is not a catalogue figure"
done

# 3. The command is an edge.
lines=$(cat "$src"/cli/*.c "$src"/cli/*.h | grep -cv '^\s*$')
echo "cli/: $lines non-blank lines of C"
[ "$lines" -le 1500 ] || fail "cli/ has $lines non-blank lines of C (at most 1500)"

# 4. Only public headers at the edges.
for dir in cli bridge bridge/src fuzz examples/api examples/gen; do
    for f in "$src/$dir"/*.c "$src/$dir"/*.h "$src/$dir"/*.cxx "$src/$dir"/*.hxx; do
        [ -f "$f" ] || continue
        grep -oE '^#include "[^"]+"' "$f" | sed -E 's/#include "(.*)"/\1/' |
            while read -r h; do
                case $h in
                kpi.h | kpi/*.h) ;;
                */* | ..*) echo "FAIL: ${f#$src/} includes \"$h\"" ;;
                *) [ -f "$(dirname "$f")/$h" ] ||
                    echo "FAIL: ${f#$src/} includes \"$h\", not public nor its folder's" ;;
                esac
            done
    done
done >"$build/house-includes.log"
if [ -s "$build/house-includes.log" ]; then
    cat "$build/house-includes.log"
    fail "private headers included at the edges"
fi
rm -f "$build/house-includes.log"

# 5. Only kpi_ symbols in the installed archives (cmake/install.cmake),
# which CMake puts in the build folder of their CMakeLists.txt. A
# sanitizer build adds an ODR indicator per global variable
# (__odr_asan.kpi_age_groups with gcc, __odr_asan_gen_... with clang):
# judged by the name it stands for.
for lib in libkpi.a xlsx/libkpixlsx.a xlsx/read/libkpiread.a \
    report/libkpireport.a distribute/libkpidistribute.a \
    history/libkpihistory.a; do
    if [ ! -f "$build/$lib" ]; then
        fail "no $lib in $build"
        continue
    fi
    bad=$(nm -g --defined-only "$build/$lib" |
        awk 'NF == 3 { n = $3; sub(/^__odr_asan(_gen_|\.)/, "", n) }
             NF == 3 && n !~ /^kpi_/ { print $3 }' | sort -u)
    [ -z "$bad" ] ||
        fail "$lib defines global symbols without the kpi_ prefix: $(echo $bad)"
done

if [ "$failures" -gt 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: no circles, one file per figure, a thin command, public headers at the edges,"
echo "    only kpi_ symbols in the libraries"
