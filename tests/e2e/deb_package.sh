#!/bin/bash
# deb_package.sh - the Debian package (issue 16): `cpack -G DEB` of this
# build, into a scratch folder (the build tree is not written to), then:
#  - the file is kpi_VERSION_ARCH.deb, its control fields are set and its
#    Depends were computed (dpkg-shlibdeps: libxlsxwriter, freexl, ...);
#  - it holds the command, kpi-gen, the libraries, the public headers,
#    kpi.pc, the templates, every file of the example, the man pages,
#    README.Debian (docs/INSTALL.md), the changelog, and kpi.oxt when the
#    bridge was built;
#  - unpacked with dpkg-deb -x into an empty root, its usr/bin/kpi runs
#    `kpi demo` from an empty folder: it finds the example it came with
#    (ROOT/usr/share/kpi/examples/eksempel, not the build tree's), writes
#    the same export as this build's `kpi export` and the workbooks; with
#    that example removed it stops with exit 3 and names where it looked;
#  - the man page kpi.1 has a section for every command of `kpi --help`
#    and man reads it without a warning.
# lintian, when installed, is run and its findings shown (not judged:
# see docs/INSTALL.md). scripts/deb.sh --install-check (CI, as root) also
# installs the package with apt and runs /usr/bin/kpi demo.
#
# usage: bash deb_package.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR
# Skipped (77) in a sanitizer build (it makes no package: a sanitized kpi
# would depend on libasan) and without cpack or dpkg-dev.
set -u
kpi=$1
. "$(dirname "$0")/installed_common.bash"
installed_setup deb cpack dpkg-deb dpkg-shlibdeps dpkg

version=$("$kpi" --version | sed 's/^kpi //')
deb=$work/pkg/kpi_${version}_$(dpkg --print-architecture).deb
if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/pkg" \
    >"$work/cpack.log" 2>&1; then
    echo "FAIL: cpack -G DEB:"
    tail -n 20 "$work/cpack.log"
    exit 1
fi
if [ ! -f "$deb" ]; then
    echo "FAIL: cpack made no $(basename "$deb"); it made:"
    ls "$work/pkg"
    exit 1
fi

# ---- control fields ----
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = kpi ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)'"
for f in Section Maintainer Description; do
    [ -n "$(field $f)" ] || fail "no $f field"
done
depends=$(field Depends)
for lib in libc6 libxlsxwriter libfreexl libcurl libexpat1 libminizip libcsv; do
    case " $depends" in
    *" $lib"*) ;;
    *) fail "Depends lacks $lib (dpkg-shlibdeps should find it): $depends" ;;
    esac
done

# ---- contents ----
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./||' >"$work/list"
need=(usr/bin/kpi usr/bin/kpi-gen usr/lib/pkgconfig/kpi.pc usr/include/kpi.h
    usr/share/kpi/templates/oekonomi.ini usr/share/kpi/templates/pakke.ini
    usr/share/man/man1/kpi.1.gz usr/share/man/man1/kpi-gen.1.gz
    usr/share/doc/kpi/README.Debian usr/share/doc/kpi/changelog.gz
    usr/share/doc/kpi/examples/export.c)
for lib in kpi kpiread kpixlsx kpireport kpidistribute; do
    need+=("usr/lib/lib$lib.a")
done
for h in "$src"/include/kpi/*.h; do
    need+=("usr/include/kpi/$(basename "$h")")
done
for f in "$src"/examples/eksempel/*; do
    need+=("usr/share/kpi/examples/eksempel/$(basename "$f")")
done
[ -f "$build/bridge/kpi.oxt" ] && need+=(usr/share/kpi/kpi.oxt)
for f in "${need[@]}"; do
    grep -qx -- "$f" "$work/list" || fail "not in the package: /$f"
done

# ---- unpacked: the demo runs from there ----
root=$work/root
dpkg-deb -x "$deb" "$root" || { echo "FAIL: dpkg-deb -x"; exit 1; }
"$kpi" export "$src/examples/eksempel" --no-history --month $month -o "$work/want.csv" \
    2>/dev/null || fail "kpi export of the example failed"
mkdir "$work/run"
if (cd "$work/run" && env -u KPI_EXAMPLE_DIR "$root/usr/bin/kpi" demo -o out \
    >"$work/demo.log" 2>&1); then
    cmp -s "$work/run/out/noegletal-$month.csv" "$work/want.csv" ||
        fail "the packaged demo's export differs from kpi export"
    for book in oekonomi-$month.xlsx noegletal-modtagere.xlsx \
        modtageroverblik.xlsx lis-fagudvalg-udvalg-$month.xlsx; do
        [ "$(head -c 2 "$work/run/out/$book" 2>/dev/null)" = PK ] ||
            fail "the packaged demo wrote no workbook $book"
    done
    grep -q "^Try: kpi export $root/usr/share/kpi/examples/eksempel " \
        "$work/demo.log" ||
        fail "the packaged demo did not use the example it came with:
$(tail -n 2 "$work/demo.log")"
else
    fail "the packaged kpi demo failed:
$(tail -n 5 "$work/demo.log")"
fi
# Without its example: exit 3, naming where it looked.
mv "$root/usr/share/kpi/examples" "$root/usr/share/kpi/moved"
(cd "$work/run" && env -u KPI_EXAMPLE_DIR "$root/usr/bin/kpi" demo -o gone \
    >/dev/null 2>"$work/gone.err")
rc=$?
[ $rc -eq 3 ] || fail "kpi demo without its example: exit $rc, not 3"
grep -qx "  $root/usr/share/kpi/examples/eksempel" "$work/gone.err" ||
    fail "kpi demo without its example does not name where it looked:
$(cat "$work/gone.err")"
[ ! -e "$work/run/gone" ] || fail "kpi demo without its example wrote files"
mv "$root/usr/share/kpi/moved" "$root/usr/share/kpi/examples"

# ---- the man page: every command of kpi --help ----
zcat "$root/usr/share/man/man1/kpi.1.gz" >"$work/kpi.1" ||
    fail "kpi.1.gz is not gzip"
grep -q '^\.TH KPI 1 "" "kpi '"$version"'"' "$work/kpi.1" ||
    fail "kpi.1 has no .TH line with the version"
commands=$("$kpi" --help | sed -n '/^Commands:/,/^$/p' |
    sed -n 's/^  \([a-z][a-z0-9-]*\).*/\1/p' | grep -vx help)
[ -n "$commands" ] || fail "no commands in kpi --help"
for c in $commands; do
    grep -qx ".SS kpi ${c//-/\\\\-}" "$work/kpi.1" ||
        fail "kpi.1 has no section for kpi $c"
done
if command -v man >/dev/null && command -v groff >/dev/null; then
    for page in kpi kpi-gen; do
        warn=$(MANWIDTH=80 man --warnings -l \
            "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null)
        [ -z "$warn" ] || fail "man warns about $page.1: $warn"
    done
fi

if command -v lintian >/dev/null; then
    echo "lintian (shown, not judged):"
    lintian --no-tag-display-limit "$deb" 2>&1 | sed 's/^/  /'
fi

installed_finish "$(basename "$deb") built, unpacked, and its kpi demo ran from $root/usr/bin"
