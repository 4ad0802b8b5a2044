# bridge/testing.sh - shared set-up of the bridge's end-to-end tests
# (tests/e2e/bridge_*.sh); sourced, not run. It lives here, outside
# tests/e2e, so the e2e glob does not take it for a test.
#
# After `bridge_setup KPI_BIN [OXT]`: $kpi (KPI_BIN made absolute), $oxt,
# $expect (kpi_bridge_expect) and $work (a fresh folder, removed on exit)
# are set, with failures=0 and fail MESSAGE (prints it, counts it); or the
# script has exited 77 (skipped) with the reason when LibreOffice or
# kpi.oxt is missing. A relative path is taken from the current folder.
#
# Every LibreOffice call gets the test's own profile and a timeout: with a
# shared profile a second soffice waits for the first, and a hung soffice
# must fail the test, not hang CI.

bridge_setup() {
    kpi=$1
    case $kpi in /*) ;; *) kpi=$PWD/$kpi ;; esac
    oxt=${2:-}
    [ -n "$oxt" ] && case $oxt in /*) ;; *) oxt=$PWD/$oxt ;; esac
    [ -n "$oxt" ] || oxt=$(dirname "$kpi")/bridge/kpi.oxt
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
    trap '[ -n "${KPI_KEEP:-}" ] || rm -rf "$work"' EXIT
    # LibreOffice's own temporary files go here too, so nothing is left behind.
    export TMPDIR=$work
    failures=0
}

fail() {
    echo "FAIL: $1"
    failures=$((failures + 1))
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
    if ! timeout 180 unopkg add --suppress-license "${shared[@]}" "${env[@]}" "$oxt" >"$work/unopkg.log" 2>&1; then
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

# lo_settings PROFILE LANGUAGE [RECALC]: a fresh profile whose interface
# and locale are LANGUAGE (da-DK or en-US), as a Danish or English user's
# LibreOffice; with RECALC "recalc", .xlsx and .ods formulas are
# recalculated on loading (LibreOffice keeps the stored results by
# default, PLATFORM.md). Call before anything else starts soffice on it.
lo_settings() {
    local profile=$1 lang=$2 recalc=${3:-}
    mkdir -p "$profile/user"
    {
        echo '<?xml version="1.0" encoding="UTF-8"?>'
        echo '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        lo_item /org.openoffice.Setup/L10N ooLocale "$lang"
        lo_item /org.openoffice.Setup/L10N ooSetupSystemLocale "$lang"
        lo_item /org.openoffice.Office.Linguistic/General UILocale "$lang"
        lo_item /org.openoffice.Office.Linguistic/General DefaultLocale "$lang"
        if [ "$recalc" = recalc ]; then
            lo_item /org.openoffice.Office.Calc/Formula/Load OOXMLRecalcMode 0
            lo_item /org.openoffice.Office.Calc/Formula/Load ODFRecalcMode 0
        fi
        echo '</oor:items>'
    } >"$profile/user/registrymodifications.xcu"
}

lo_item() {
    printf '<item oor:path="%s"><prop oor:name="%s" oor:op="fuse"><value>%s</value></prop></item>\n' "$1" "$2" "$3"
}

# lo_csv PROFILE FILE OUTDIR [IMPORT_FILTER]: FILE's first sheet as
# tab-separated text in OUTDIR, values as Calc shows them after loading.
lo_csv() {
    local profile=$1 file=$2 out=$3 filter=${4:-}
    local args=()
    [ -n "$filter" ] && args=(--infilter="$filter")
    lo_run "$profile" "${args[@]}" \
        --convert-to 'csv:Text - txt - csv (StarCalc):9,34,76,1,,1033,false,false,false,false,false,1' \
        --outdir "$out" "$file"
}

# lo_set PROFILE NODE PROP VALUE: sets one configuration value in the
# profile (as Tools > Options would), before soffice starts on it.
lo_set() {
    local file=$1/user/registrymodifications.xcu item
    item=$(lo_item "$2" "$3" "$4")
    if [ ! -f "$file" ]; then
        mkdir -p "$1/user"
        printf '%s\n%s\n' '<?xml version="1.0" encoding="UTF-8"?>' \
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' >"$file"
        echo '</oor:items>' >>"$file"
    fi
    ITEM=$item python3 - "$file" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path, encoding='utf-8').read()
text = text.replace('</oor:items>', os.environ['ITEM'] + '\n</oor:items>')
open(path, 'w', encoding='utf-8').write(text)
PY
}
