#!/bin/bash
# bridge_package.sh - kpi.oxt as a package: what the Extension Manager
# reads, and what keeps it buildable on Windows.
#
# usage: bash bridge_package.sh KPI_BIN KPI_GEN_BIN FIXTURES_DIR [KPI_OXT]
#
# Checked (docs/BRIDGE.md):
#  1. description.xml names a publisher, a licence in English and Danish,
#     LibreOffice 7.4 as the minimum, an icon, and descriptions in both
#     languages; every file it and the manifest name is in the package;
#  2. CalcAddIns.xcu puts the functions under Financial and Date&Time and
#     their reason functions under Information; each function has an
#     English and a Danish method whose display name is the same in both
#     languages; the menu entries are for Calc only (Addons.xcu Context);
#  3. installed into a fresh profile, `unopkg list` shows the identifier,
#     the version and the description, and every part is registered;
#     `unopkg remove` removes it again;
#  4. portability: the add-in's sources use no POSIX-only header or call,
#     and the Basic macros no shell (/bin/sh) and no ":"-only PATH split.
# Exit 77 (skipped) when LibreOffice or kpi.oxt is missing.
set -u

. "$(dirname "$0")/../../bridge/testing.sh"
bridge_setup "$1" "${4:-}"
src=$(cd "$(dirname "$0")/../../bridge" && pwd)

mkdir -p "$work/oxt"
(cd "$work/oxt" && unzip -q "$oxt") || { echo "FAIL: $oxt is not a zip"; exit 1; }

# 1 and 2: the package's own files.
python3 - "$work/oxt" <<'PY' || failures=$((failures + 1))
import os, sys, xml.etree.ElementTree as ET
root = sys.argv[1]
bad = []
D = '{http://openoffice.org/extensions/description/2006}'
L = '{http://libreoffice.org/extensions/description/2011}'
X = '{http://www.w3.org/1999/xlink}href'
d = ET.parse(os.path.join(root, 'description.xml')).getroot()
def need(cond, what):
    if not cond:
        bad.append(what)
pub = d.findall(D + 'publisher/' + D + 'name')
need(pub and all((n.text or '').strip() and n.get(X) for n in pub), 'a publisher with a name and a link')
lic = d.findall(D + 'registration/' + D + 'simple-license/' + D + 'license-text')
need(sorted(l.get('lang') for l in lic) == ['da', 'en'], 'a licence text in English and Danish')
for l in lic:
    need(os.path.getsize(os.path.join(root, l.get(X))) > 200, 'the licence file ' + l.get(X))
minimal = d.find(D + 'dependencies/' + L + 'LibreOffice-minimal-version')
need(minimal is not None and minimal.get("value") == "7.4", 'LibreOffice 7.4 as the minimum version')
icon = d.find(D + 'icon/' + D + 'default')
need(icon is not None and open(os.path.join(root, icon.get(X)), 'rb').read(8) == b'\x89PNG\r\n\x1a\n', 'a PNG icon')
srcs = d.findall(D + 'extension-description/' + D + 'src')
need(sorted(s.get('lang') for s in srcs) == ['da', 'en'], 'descriptions in English and Danish')
for s in srcs:
    text = open(os.path.join(root, s.get(X)), encoding='utf-8').read()
    need('SPEC' not in text and '`' not in text, s.get(X) + ' without SPEC references or Markdown')
M = '{http://openoffice.org/2001/manifest}'
for e in ET.parse(os.path.join(root, 'META-INF/manifest.xml')).getroot():
    need(os.path.exists(os.path.join(root, e.get(M + 'full-path'))), 'the manifest\'s ' + e.get(M + 'full-path'))
O = '{http://openoffice.org/2001/registry}'
calc = ET.parse(os.path.join(root, 'CalcAddIns.xcu')).getroot()
funcs = calc.find('node/node/node')
names = {}
for f in funcs:
    props = {p.get(O + 'name'): p for p in f.findall('prop')}
    shown = [v.text for v in props['DisplayName'].findall('value')]
    need(len(shown) == 2 and shown[0] == shown[1], f.get(O + 'name') + ': one display name in both languages')
    cat = props['Category'].find('value').text
    names[shown[0]] = cat
for en, da in [('KPI_DISPOSED', 'KPI_DISPONERET'), ('KPI_FULLYEAR', 'KPI_HELÅRSPERSONER'),
               ('KPI_QUANTITY_EFFECT', 'KPI_MÆNGDEEFFEKT'), ('KPI_PRICE_EFFECT', 'KPI_PRISEFFEKT'),
               ('KPI_REIMBURSEMENT', 'KPI_REFUSION'), ('KPI_AGE', 'KPI_ALDER')]:
    want = 'Date&Time' if en in ('KPI_FULLYEAR', 'KPI_AGE') else 'Financial'
    need(names.get(en) == want and names.get(da) == want, en + '/' + da + ' under ' + want)
    need(names.get(en + '_ERROR') == 'Information' and names.get(da + '_FEJL') == 'Information',
         en + '_ERROR/' + da + '_FEJL under Information')
addons = ET.parse(os.path.join(root, 'Addons.xcu')).getroot()
for entry in addons.find('node/node'):
    ctx = [p for p in entry.findall('prop') if p.get(O + 'name') == 'Context'][0].find('value').text
    need(ctx == 'com.sun.star.sheet.SpreadsheetDocument', entry.get(O + 'name') + ' only in Calc')
for b in bad:
    print('FAIL: package: ' + b)
sys.exit(1 if bad else 0)
PY

# 3. What the Extension Manager's data says, installed and removed.
profile=$work/profile
lo_install "$profile" || exit 1
mapfile -t env < <(lo_env "$profile")
scope=()
[ "$(id -u)" -eq 0 ] && scope=(--shared)
# (Without LibreOffice's local help installed, unopkg's help indexer
# prints xslt errors on standard error; the help part is still registered.)
timeout 120 unopkg list "${scope[@]}" "${env[@]}" >"$work/list" 2>"$work/list.err" || fail "unopkg list failed: $(cat "$work/list.err")"
grep -q '^Identifier: org.kpi.calc$' "$work/list" || fail "unopkg list: no org.kpi.calc"
grep -q '^  Version: [0-9]' "$work/list" || fail "unopkg list: no version"
grep -q "^  Description: kpi's rules in your own sheets" "$work/list" || fail "unopkg list: no description"
if grep -q 'is registered: no' "$work/list"; then
    fail "unopkg list: a part is not registered"
fi
echo "unopkg list (what the Extension Manager knows):"
sed -n '1,8p' "$work/list" | sed 's/^/    /'
timeout 120 unopkg remove "${scope[@]}" "${env[@]}" org.kpi.calc >"$work/remove" 2>&1 || fail "unopkg remove failed: $(cat "$work/remove")"
timeout 120 unopkg list "${scope[@]}" "${env[@]}" >"$work/list2" 2>&1
grep -q 'org.kpi.calc' "$work/list2" && fail "unopkg remove left org.kpi.calc installed"

# 4. Portability of the sources.
if grep -nE '#include <(unistd|dlfcn|pthread|sys/[a-z_]+)\.h>|\b(fork|popen|waitpid|execv[pe]?)\(' \
    "$src"/src/*.cxx "$src"/src/*.hxx; then
    fail "the add-in uses a POSIX-only header or call (above); use osl/rtl or the C++ library"
fi
if grep -nE '/bin/sh|Shell\(' "$src/basic/Main.bas"; then
    fail "the Basic macros use a shell (above)"
fi
grep -q 'GetGUIType() = 1, ";", ":"' "$src/basic/Main.bas" ||
    fail "the Basic macros split PATH without Windows' separator"
# The Windows build compiles only the libkpi sources in core-sources.txt
# (bridge/CMakeLists.txt): they must be all the Linux link pulls in, and
# include nothing but the C standard library and libkpi's own headers.
core=$(dirname "$oxt")/core-sources.txt
map=$(dirname "$oxt")/kpicalc.map
libkpi=$src/../libkpi
if [ ! -s "$core" ] || [ ! -s "$map" ]; then
    fail "no core-sources.txt or kpicalc.map next to $oxt"
else
    for member in $(grep -oE 'libkpi\.a\([a-z_0-9]+\.c\.o\)' "$map" | sort -u | sed 's/.*(\(.*\)\.o)/\1/'); do
        grep -q "/$member\$" "$core" ||
            fail "the add-in links libkpi's $member, which the Windows build does not compile (KPI_BRIDGE_CORE)"
    done
    std='assert|ctype|errno|float|inttypes|limits|locale|math|stdarg|stdbool|stddef|stdint|stdio|stdlib|string|time'
    for f in $(cat "$core"); do
        grep -hE '^#include <' "$libkpi/$f" | grep -vE "^#include <($std)\.h>" |
            sed "s|^|    $f: |" | grep . && fail "$f includes more than the C standard library"
    done
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "bridge_package: description, licence, icon, categories, Calc-only menu, unopkg list/remove and portable sources hold"
