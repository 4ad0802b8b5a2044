#!/usr/bin/env bash
# deb.sh - builds the Debian package kpi_VERSION_ARCH.deb (docs/INSTALL.md)
# from the README's Release build (build-release/), with `cpack -G DEB`.
# Needs what scripts/setup.sh installs: dpkg-shlibdeps (dpkg-dev, part of
# build-essential) for the Depends, libreoffice-dev for kpi.oxt; refuses
# to make a package without kpi.oxt.
#
#   bash scripts/deb.sh                  # -> build-release/kpi_0.1.0_amd64.deb
#   bash scripts/deb.sh --install-check  # CI only, as root: also installs it
#       with apt, runs /usr/bin/kpi demo from an empty folder, checks the
#       workbooks, and removes the package again. It installs into /usr:
#       not for a developer's machine (tests/e2e/deb_package.sh checks the
#       unpacked package without installing it).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
check=false
case "${1:-}" in
"") ;;
--install-check) check=true ;;
*)
  echo "usage: bash scripts/deb.sh [--install-check]" >&2
  exit 2
  ;;
esac
if $check && [ "$(id -u)" -ne 0 ]; then
  echo "deb.sh: --install-check installs into /usr; run it as root, on a" \
    "machine meant for it (CI)" >&2
  exit 2
fi

cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release -j"$jobs" >/dev/null
if [ ! -f build-release/bridge/kpi.oxt ]; then
  echo "deb.sh: kpi.oxt was not built (the LibreOffice SDK is missing:" \
    "bash scripts/setup.sh installs it); the package must hold it" >&2
  exit 1
fi
rm -f build-release/kpi_*.deb
(cd build-release && cpack -G DEB >cpack.log 2>&1) || {
  tail -n 20 build-release/cpack.log >&2
  exit 1
}
deb=$(ls build-release/kpi_*.deb)
echo "deb.sh: $deb"
$check || exit 0

# ---- CI: installed with apt on this (fresh) machine ----
if dpkg -s kpi >/dev/null 2>&1; then
  echo "deb.sh: a kpi package is already installed; not touching it" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "./$deb" >/dev/null
run=$(mktemp -d "${TMPDIR:-/tmp}/kpi-deb-check.XXXXXX")
status=0
(cd "$run" && env -u KPI_EXAMPLE_DIR kpi demo -o out >demo.log 2>&1) || {
  echo "deb.sh: the installed kpi demo failed:" >&2
  tail -n 5 "$run/demo.log" >&2
  status=1
}
if [ "$status" -eq 0 ]; then
  [ "$(command -v kpi)" = /usr/bin/kpi ] || {
    echo "deb.sh: kpi is $(command -v kpi), not /usr/bin/kpi" >&2
    status=1
  }
  grep -q "^Try: kpi export /usr/share/kpi/examples/eksempel " \
    "$run/demo.log" || {
    echo "deb.sh: the installed demo did not use" \
      "/usr/share/kpi/examples/eksempel" >&2
    status=1
  }
  for f in noegletal-2026-10.csv oekonomi-2026-10.xlsx \
    noegletal-modtagere.xlsx modtageroverblik.xlsx; do
    [ -s "$run/out/$f" ] || {
      echo "deb.sh: the installed demo wrote no $f" >&2
      status=1
    }
  done
fi
apt-get purge -y -qq kpi >/dev/null
rm -rf "$run"
[ "$status" -eq 0 ] && echo "deb.sh: installed with apt, /usr/bin/kpi demo" \
  "ran and wrote the workbooks, removed again"
exit "$status"
