# Shared by the distribute_*.sh tests (sourced; not a test itself).
# Needs: KPI (the binary), HERE (tests/e2e), WORK (a temp folder).

EXAMPLE="$HERE/../../examples/eksempel"
SERVER_PID=""

command -v python3 >/dev/null || { echo "skip: python3 missing"; exit 77; }

fail() { echo "FAIL: $*" >&2; exit 1; }

# A copy of the example dataset in $WORK/$1.
make_dataset() {
  rm -rf "$WORK/$1"
  cp -r "$EXAMPLE" "$WORK/$1"
}

# start_server DIR [smtp_server.py options]: sets SERVER_PORT.
start_server() {
  local dir=$1
  shift
  stop_server
  rm -rf "$dir" "$WORK/port"
  mkdir -p "$dir"
  python3 "$HERE/smtp_server.py" --dir "$dir" --port-file "$WORK/port" "$@" \
    2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 100); do
    [ -s "$WORK/port" ] && break
    sleep 0.1
  done
  [ -s "$WORK/port" ] || fail "the test SMTP server did not start: $(cat "$WORK/server.err")"
  SERVER_PORT=$(cat "$WORK/port")
}

stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

# Points dataset $1's [smtp] at the test server.
use_port() {
  sed -i "s/^port = .*/port = $SERVER_PORT/" "$1/kpi.ini"
}

count_eml() { find "$1" -name '*.eml' | wc -l; }

# The log's "sent" records for month $2 in dataset $1 (an older kpi's
# five-field lines are all "sent").
log_lines() {
  awk -F'\t' -v m="$2" 'NR > 1 && $2 == m && (NF == 5 || $6 == "sent")' "$1/sendelog.tsv" | wc -l
}

# How many messages the test server stored for address $2 (folder $1).
copies_for() {
  local n=0 env
  for env in "$1"/*.env; do
    [ -e "$env" ] || continue
    grep -qx "RCPT TO <$2>" "$env" && n=$((n + 1))
  done
  echo $n
}

# Keeps only the [recipient] sections named (by key) in dataset $1's
# kpi.ini, for tests that need a few messages rather than nine.
keep_recipients() {
  local ds=$1
  shift
  awk -v keep=" $* " '
    /^\[recipient / { k = $2; sub(/\]$/, "", k); skip = index(keep, " " k " ") == 0 }
    /^\[/ && !/^\[recipient / { skip = 0 }
    !skip' "$ds/kpi.ini" >"$ds/kpi.ini.new"
  mv "$ds/kpi.ini.new" "$ds/kpi.ini"
}

# run_kpi DATASET [options]: runs kpi distribute --month 2026-10 --send,
# stdout to $WORK/out, stderr to $WORK/err; sets rc.
run_kpi() {
  local ds=$1
  shift
  set +e
  "$KPI" distribute "$ds" --month 2026-10 --send "$@" >"$WORK/out" 2>"$WORK/err"
  rc=$?
  set -e
}

trap 'stop_server; rm -rf "$WORK"' EXIT
