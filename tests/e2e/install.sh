#!/bin/bash
# install.sh - kpi as an installed library and program (issue 12):
# `cmake --install` into an empty prefix; the prefix then moved elsewhere
# (nothing may point back at the build or the source tree); there:
#  - the layout: bin/kpi, the libraries, kpi.pc, the public headers, the
#    templates, the example dataset, kpi.oxt when the bridge was built;
#  - the installed kpi contains no path into the source tree;
#  - the installed `kpi demo` runs from an empty folder and writes the
#    same export as the kpi of the build tree;
#  - examples/api/export.c, built with `pkg-config --cflags --libs kpi`
#    alone, loads the example through the public API and writes the same
#    export as `kpi export`.
#
# usage: bash install.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
# Skipped (77) in a sanitizer build: a program linked against sanitized
# static libraries needs the sanitizer's flags, which kpi.pc does not give.
set -u
kpi=$1
. "$(dirname "$0")/installed_common.bash"
installed_setup install pkg-config cc cmake

if ! cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1; then
    echo "FAIL: cmake --install:"
    tail -n 20 "$work/install.log"
    exit 1
fi
# Moved after installing: the prefix must be relocatable.
mv "$work/prefix" "$work/moved"
p=$work/moved
for f in bin/kpi bin/kpi-gen lib/libkpi.a lib/libkpiread.a lib/libkpixlsx.a \
    lib/libkpireport.a lib/libkpidistribute.a lib/libkpihistory.a \
    lib/pkgconfig/kpi.pc include/kpi/history.h \
    include/kpi.h include/kpi/read.h include/kpi/xlsx.h include/kpi/report.h \
    include/kpi/distribute.h share/kpi/templates/oekonomi.ini \
    share/kpi/templates/pakke.ini share/kpi/examples/eksempel/measures.csv \
    share/kpi/examples/eksempel/kpi.ini share/doc/kpi/examples/export.c; do
    [ -e "$p/$f" ] || fail "not installed: $f"
done
if [ -f "$build/bridge/kpi.oxt" ] && [ ! -f "$p/share/kpi/kpi.oxt" ]; then
    fail "kpi.oxt was built but not installed"
fi
# Only public headers: nothing of libkpi/, xlsx/, report/ or distribute/.
extra=$(cd "$p/include" && find . -name '*.h' | grep -v '^\./kpi\.h$' | grep -v '^\./kpi/')
[ -z "$extra" ] || fail "headers outside kpi.h and kpi/: $extra"

# No path into the source tree (nor the build tree) in the program.
for bin in kpi kpi-gen; do
    if grep -aq -- "$src/" "$p/bin/$bin"; then
        fail "bin/$bin contains a path into the source tree $src:"
        grep -ao -- "$src/[^\"[:space:]]*" "$p/bin/$bin" | sort -u | head -n 5
    fi
    if grep -aq -- "$build/" "$p/bin/$bin"; then
        fail "bin/$bin contains a path into the build tree $build"
    fi
done

# The build tree's own export of the example, to compare with.
"$kpi" export "$src/examples/eksempel" --no-history --month $month -o "$work/want.csv" \
    2>/dev/null || fail "kpi export of the example failed"

# The installed demo, from an empty folder.
mkdir "$work/run"
if (cd "$work/run" && "$p/bin/kpi" demo -o out >"$work/demo.log" 2>&1); then
    cmp -s "$work/run/out/noegletal-$month.csv" "$work/want.csv" ||
        fail "the installed demo's export differs from kpi export"
    [ -f "$work/run/out/oekonomi-$month.xlsx" ] ||
        fail "the installed demo wrote no economy workbook"
    grep -q "Try: kpi export $p/share/kpi/examples/eksempel " "$work/demo.log" ||
        fail "the installed demo does not name its installed example"
else
    fail "the installed kpi demo failed:"
    tail -n 5 "$work/demo.log"
fi

# The example program, outside the source tree, with pkg-config alone.
mkdir "$work/prog"
cp "$p/share/doc/kpi/examples/export.c" "$work/prog/"
export PKG_CONFIG_PATH=$p/lib/pkgconfig
if ! flags=$(pkg-config --cflags --libs kpi); then
    fail "pkg-config kpi failed"
elif ! (cd "$work/prog" && cc -std=c11 -Wall -Wextra -Werror -o export export.c \
    $flags >"$work/cc.log" 2>&1); then
    fail "the example program does not build with pkg-config kpi alone:"
    tail -n 10 "$work/cc.log"
else
    "$work/prog/export" "$p/share/kpi/examples/eksempel" $month \
        >"$work/got.csv" 2>"$work/got.err" ||
        fail "the example program failed: $(head -n 3 "$work/got.err")"
    cmp -s "$work/got.csv" "$work/want.csv" ||
        fail "the example program's export differs from kpi export"
    # Bad usage: exit 2.
    "$work/prog/export" >/dev/null 2>&1
    [ $? -eq 2 ] || fail "the example program's usage error is not exit 2"
fi

installed_finish "installed into a prefix, moved, demo and the pkg-config example agree with kpi export"
