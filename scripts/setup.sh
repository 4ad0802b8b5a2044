#!/usr/bin/env bash
# Installs every build and test dependency of kpi on Debian 12.
# Run as root (or through sudo). Safe to run again.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libcsv-dev libcmocka-dev
  libxlsxwriter-dev libfreexl-dev libexpat1-dev libminizip-dev
  libcurl4-openssl-dev
  libsqlite3-dev sqlite3
  clang libclang-rt-14-dev
  time hyperfine
  # workbooks, spreadsheet reading and the LibreOffice extension
  libreoffice-calc-nogui libreoffice-dev
  libreoffice-l10n-da
  unzip zip poppler-utils python3
  # the Debian package (dpkg-shlibdeps) and the check of its man page
  dpkg-dev man-db
  openssl # the test CA of tests/e2e/distribute_tls.sh
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "setup: dependencies installed"
