# Shared by the tests that read workbooks with LibreOffice (sourced; not a
# test itself): workbook_recalc.sh, report_streamed.sh.
# Needs: soffice (the LibreOffice program, found by the test).

# Sheets separated by ',' (44), text in '"' (34), UTF-8 (76), from line 1,
# default cell formats, language 0, no quoting of all text, detect special
# numbers, raw values (not as shown), no formulas, no trimming, all sheets.
filter='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

make_profile() { # make_profile DIR RECALC(0|1)
    mkdir -p "$1/user"
    if [ "$2" = 1 ]; then
        cat >"$1/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
EOF
    fi
}

to_csv() { # to_csv PROFILE OUTDIR XLSX...
    local profile=$1 outdir=$2
    shift 2
    mkdir -p "$outdir"
    # Each profile is used by one soffice at a time (a shared one hangs
    # the second), with a time limit.
    timeout 600 "$soffice" -env:UserInstallation="file://$profile" --headless \
        --convert-to "$filter" --outdir "$outdir" "$@" >"$outdir.log" 2>&1
}

# compare DIR1 DIR2: the same CSV files holding the same values: texts
# identical, numbers equal up to binary floating-point rounding (1e-6
# absolute plus 1e-12 relative; workbook_recalc.sh says why).
compare() {
    python3 - "$1" "$2" <<'PY'
import csv, os, re, sys
a, b = sys.argv[1], sys.argv[2]
num = re.compile(r'^-?[0-9]+(,[0-9]+)?(E[-+]?[0-9]+)?%?$')
def value(s):
    if num.match(s):
        return float(s.rstrip('%').replace(',', '.'))
    return s
bad = 0
if sorted(os.listdir(a)) != sorted(os.listdir(b)):
    print('different sheets:', sorted(os.listdir(a)), sorted(os.listdir(b)))
    sys.exit(1)
for name in sorted(os.listdir(a)):
    ra = list(csv.reader(open(os.path.join(a, name), encoding='utf-8')))
    rb = list(csv.reader(open(os.path.join(b, name), encoding='utf-8')))
    if len(ra) != len(rb):
        print(f'{name}: {len(ra)} rows stored, {len(rb)} recalculated')
        bad += 1
        continue
    for i, (x, y) in enumerate(zip(ra, rb)):
        for j in range(max(len(x), len(y))):
            u = value(x[j]) if j < len(x) else ''
            v = value(y[j]) if j < len(y) else ''
            same = (abs(u - v) <= 1e-6 + 1e-12 * max(abs(u), abs(v))
                    if isinstance(u, float) and isinstance(v, float)
                    else u == v)
            if not same:
                print(f'{name}:{i + 1}:{j + 1}: stored {x[j]!r}, '
                      f'recalculated {y[j] if j < len(y) else ""!r}')
                bad += 1
sys.exit(1 if bad else 0)
PY
}
