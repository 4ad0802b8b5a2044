#!/bin/bash
# limits.sh - reading takes memory and time in proportion to the file
# (issue 16): a 30 kB .xlsx whose one 1 MB shared string fills 7,400
# cells is read (the string stored once) and its budget checked within a
# memory and a time limit; a cell with 2 MB of text is refused with a
# message naming the limit; a workbook whose parts are not under xl/ is
# found through its relationships; formulas saved without their results
# are named. The files are made by make_xlsx.py.
#
# Memory is the peak resident size from /usr/bin/time -f %M: ulimit -v
# does not suit AddressSanitizer, which reserves terabytes of address
# space up front, while its resident memory is what a copy per cell (7.4
# GB) would blow up. Skips (77) without python3 or /usr/bin/time.
# usage: limits.sh KPI-READ-DUMP FIXTURES KPI
set -u
dump=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null && [ -x /usr/bin/time ] ||
    { echo "python3 or /usr/bin/time missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
max_kb=262144 # 256 MB: the book holds 1 MB of text; a copy per cell, 7.4 GB
max_s=60

# run NAME CMD...: CMD's stdout in $tmp/NAME.out, its peak memory (kB)
# checked against max_kb and its time against max_s.
run() {
    local name=$1
    shift
    /usr/bin/time -o "$tmp/$name.rss" -f %M timeout "$max_s" "$@" \
        >"$tmp/$name.out" 2>"$tmp/$name.err"
    local rc=$?
    [ "$rc" -ne 124 ] || fail "$name: over the ${max_s} s limit"
    local kb
    kb=$(tail -n 1 "$tmp/$name.rss")
    [ "$kb" -le "$max_kb" ] || fail "$name: ${kb} kB, over the ${max_kb} kB limit"
    echo "$name: exit $rc, ${kb} kB"
    return "$rc"
}

# ---- the amplification file ------------------------------------------------
python3 "$here/make_xlsx.py" amplify "$tmp/amp.xlsx" 1000000 7400 || fail make_xlsx
run amp "$dump" stat "$tmp/amp.xlsx" --no-soffice || fail "amp: $(cat "$tmp/amp.err")"
# 7,400 cells show the string and two the header: 7,400,000,036 bytes of
# text shown, held once.
grep -qx $'read\t1 sheets\t7402 cells\t0 unread formulas\t7400000036 bytes of text shown' \
    "$tmp/amp.out" || fail "amp: $(cat "$tmp/amp.out")"

# As the budget: every row's type and amount are that text, refused row by
# row, none of them folded or parsed a megabyte at a time.
mkdir "$tmp/ds"
printf '%s\n' "measure_id;child_id;birth_date;target_group;measure_type;provider_kind;caseworker;start_date;monthly_cost" \
    "M1;C1;2012-06-15;social;kostskole;own;SB1;2026-01-01;5" >"$tmp/ds/measures.csv"
cp "$tmp/amp.xlsx" "$tmp/ds/budget.xlsx"
run budget "$dump" budget "$tmp/ds" --no-soffice && fail "a budget of 1 MB type names was accepted"
grep -q "row 3701: Foranstaltningstype: unknown measure type 'xxxxxxxxxx.*\.\.\.'" "$tmp/budget.err" ||
    fail "budget: $(head -c 600 "$tmp/budget.err")"

# ---- over the text limit ---------------------------------------------------
python3 "$here/make_xlsx.py" amplify "$tmp/big.xlsx" 2000000 10 || fail make_xlsx
run big "$dump" stat "$tmp/big.xlsx" --no-soffice
grep -qx $'refused\ta cell holds more than 1 MB of text, kpi\'s limit for a workbook it reads (a budget is far smaller): this is not a budget or recipient map; check that the right file was given' \
    "$tmp/big.out" || fail "big: $(cat "$tmp/big.out")"

# ---- parts found through the relationships ---------------------------------
python3 "$here/make_xlsx.py" moved "$tmp/moved.xlsx" || fail make_xlsx
"$dump" cells "$tmp/moved.xlsx" --no-soffice >"$tmp/moved.out" 2>&1 ||
    fail "moved: $(cat "$tmp/moved.out")"
[ "$(cat "$tmp/moved.out")" = "Budget!A1 text moved
Budget!B1 number 1234.5" ] || fail "moved: $(cat "$tmp/moved.out")"
# ---- formulas without a stored result ---------------------------------------
# Named, never read as 0 (a .xls cell LibreOffice had to recalculate,
# whose stored result kpi cannot read, comes back the same way).
python3 "$here/make_xlsx.py" unread "$tmp/ds/budget.xlsx" || fail make_xlsx
"$dump" budget "$tmp/ds" --no-soffice >"$tmp/unread.out" 2>&1 && fail "unread formulas accepted"
grep -qxF "$tmp/ds/budget.xlsx: sheet 'Budget': cells B3, B4: formulas whose results kpi cannot read as Excel saved them; open the workbook in Excel, save it as .xlsx and give kpi that file" \
    "$tmp/unread.out" || fail "unread: $(cat "$tmp/unread.out")"
echo ok
