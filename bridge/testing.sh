# bridge/testing.sh - shared set-up of the bridge's end-to-end tests
# (tests/e2e/bridge_*.sh); sourced, not run. It lives here, outside
# tests/e2e, so the e2e glob does not take it for a test.
#
# After `bridge_setup KPI_BIN [OXT]`: $oxt, $expect (kpi_bridge_expect) and
# $work (a fresh folder, removed on exit) are set, or the script has exited
# 77 (skipped) with the reason when LibreOffice or kpi.oxt is missing.
#
# Every LibreOffice call gets the test's own profile and a timeout: with a
# shared profile a second soffice waits for the first, and a hung soffice
# must fail the test, not hang CI.

bridge_setup() {
    local kpi=$1
    oxt=${2:-$(dirname "$kpi")/bridge/kpi.oxt}
    expect=$(dirname "$oxt")/kpi_bridge_expect
    for tool in soffice unopkg; do
        if ! command -v "$tool" >/dev/null 2>&1; then
            echo "SKIP: $tool not found (install libreoffice-calc-nogui)"
            exit 77
        fi
    done
    if [ ! -f "$oxt" ]; then
        echo "SKIP: $oxt not built (no LibreOffice SDK, or a KPI_SANITIZE build: see bridge/CMakeLists.txt)"
        exit 77
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/kpi-bridge.XXXXXX") || exit 3
    trap 'rm -rf "$work"' EXIT
    # LibreOffice's own temporary files go here too, so nothing is left behind.
    export TMPDIR=$work
}

# lo_env PROFILE: the -env arguments that confine LibreOffice to PROFILE.
# As root, unopkg only installs with --shared, which normally writes to the
# installation's shared cache (/var/spool/libreoffice); pointing
# UNO_SHARED_PACKAGES_CACHE into the profile keeps that inside the test too.
lo_env() {
    printf '%s\n' "-env:UserInstallation=file://$1" \
        "-env:UNO_SHARED_PACKAGES_CACHE=file://$1/shared"
}

# lo_install PROFILE: installs $oxt into the fresh profile PROFILE.
lo_install() {
    local profile=$1 shared=()
    mkdir -p "$profile"
    [ "$(id -u)" -eq 0 ] && shared=(--shared)
    local env
    mapfile -t env < <(lo_env "$profile")
    if ! timeout 180 unopkg add "${shared[@]}" "${env[@]}" "$oxt" >"$work/unopkg.log" 2>&1; then
        echo "FAIL: unopkg add $oxt"
        sed 's/^/    unopkg: /' "$work/unopkg.log"
        return 1
    fi
}

# lo_run PROFILE ARGS...: soffice --headless ARGS with PROFILE, under a timeout.
lo_run() {
    local profile=$1 env
    shift
    mapfile -t env < <(lo_env "$profile")
    timeout 180 soffice "${env[@]}" --headless "$@"
}
