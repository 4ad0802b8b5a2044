# installed_common.bash - what the tests of an installed kpi share
# (install.sh: cmake --install; deb_package.sh: the Debian package).
# Source it after kpi=$1. Sets src (the source tree), build (kpi's build
# folder) and month (the example's report month).
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "$(dirname "$kpi")" && pwd)
month=2026-10

# installed_setup NAME TOOL...: skips (exit 77) in a sanitizer build or
# without one of the tools; else makes the scratch folder $work (its real
# path; removed on exit) and sets failures=0.
installed_setup() {
    local name=$1 tool
    shift
    if nm "$kpi" 2>/dev/null | grep -q '__asan_init'; then
        echo "skipped: a sanitizer build (the normal build runs this test)"
        exit 77
    fi
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "skipped: no $tool"; exit 77; }
    done
    work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-$name.XXXXXX") || exit 3
    work=$(cd "$work" && pwd -P)
    trap 'rm -rf "$work"' EXIT
    failures=0
}

fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
}

# installed_finish MESSAGE: exit 1 after any failure, else print "ok: MESSAGE".
installed_finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$failures failure(s)"
        exit 1
    fi
    echo "ok: $1"
}
