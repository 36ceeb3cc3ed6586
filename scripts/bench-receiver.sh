#!/usr/bin/env bash
# The receiver's load benchmark (issue 26): builds the receiver and its load generator optimised,
# then, against an SQLite file and against a throwaway PostgreSQL (scripts/postgres.sh), starts the
# receiver on 127.0.0.1 and sends it answers from many concurrent clients, a tenth of them repeating
# an id already sent. Prints throughput, p50/p99 latency and rows stored against unique ids sent,
# and appends one line per database to bench/receiver-history.tsv (commit it with the change it
# measures). Not part of the test command: its figures depend on the machine; it fails only when
# rows stored differ from the unique ids sent or a request failed.
#
# Options: REQUESTS (default 100000), CONCURRENCY (default 100), DATABASES ("sqlite postgres"),
# NO_HISTORY=1 to append nothing.
#
# Its own file rather than bench/history.tsv: that file's columns are the widget's browser
# measurements (scripts/bench.mjs writes them by its header); these are a server's.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$ROOT/scripts/postgres.sh"

REQUESTS="${REQUESTS:-100000}"
CONCURRENCY="${CONCURRENCY:-100}"
DATABASES="${DATABASES:-sqlite postgres}"
HISTORY="bench/receiver-history.tsv"
HEADER="date	commit	database	requests	concurrency	unique_ids	repeats_sent	answers_per_s	p50_ms	p99_ms	status_201	status_200	failed	rows_stored	rows_equal_unique	seconds	cpus	load_1m_before"

# The workspace's release profile is tuned for the wasm's size (opt-level z, fat LTO, abort); a
# server is measured as it would be built for speed, in a profile of its own (target/<host>/receiver-bench).
PROFILE=(--profile receiver-bench
  --config 'profile.receiver-bench.inherits="release"' --config 'profile.receiver-bench.opt-level=3'
  --config 'profile.receiver-bench.lto=false' --config 'profile.receiver-bench.codegen-units=16'
  --config 'profile.receiver-bench.panic="unwind"')
# Native builds name the host's target (.cargo/config.toml), so their artifacts are under it.
HOST="$(rustc -vV | sed -n 's/^host: //p')"
BIN="target/$HOST/receiver-bench/nhs-login-help-receiver"
LOAD="target/$HOST/receiver-bench/nhs-login-help-receiver-load"

ensure_rust
say "Building the receiver and the load generator (optimised; about 10 minutes the first time)"
cargo build --locked -p nhs-login-help-receiver --bins "${PROFILE[@]}"

if [ ! -f "$HISTORY" ]; then printf '%s\n' "$HEADER" >"$HISTORY"; fi
if [ "$(head -n 1 "$HISTORY")" != "$HEADER" ]; then
  echo "error: $HISTORY has other columns than this script writes; move it aside" >&2
  exit 1
fi
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo +dirty)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/receiver-bench.XXXXXX")"
RECEIVER_PID=""
stop_receiver() {
  if [ -n "$RECEIVER_PID" ]; then
    kill -TERM "$RECEIVER_PID" 2>/dev/null || true
    wait "$RECEIVER_PID" 2>/dev/null || true
    RECEIVER_PID=""
  fi
}
cleanup() {
  stop_receiver
  postgres_stop
  rm -rf "$WORK"
}
trap cleanup EXIT

# Runs the load against a receiver on `url`'s database; appends its line to the history.
bench() {
  local database="$1" url="$2" port
  port="$(free_port)"
  # The machine is shared: what else ran shows in the load average, recorded beside the figures.
  local load
  load="$(cut -d' ' -f1 /proc/loadavg)"
  LISTEN="127.0.0.1:$port" DATABASE_URL="$url" ALLOWED_ORIGINS="https://partner.example" \
    RATE_LIMIT_PER_MINUTE=0 DATABASE_MAX_CONNECTIONS=16 RUST_LOG=warn \
    "$BIN" >"$WORK/receiver-$database.log" 2>&1 &
  RECEIVER_PID=$!
  for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  say "$database: $REQUESTS answers from $CONCURRENCY clients, a tenth of them repeats"
  local line
  line="$("$LOAD" --url "http://127.0.0.1:$port/feedback" --requests "$REQUESTS" --concurrency "$CONCURRENCY" \
    --duplicates 0.1 --database-url "$url" --tsv)" || { echo "error: the $database run failed: $line" >&2; stop_receiver; exit 1; }
  stop_receiver
  local row
  row="$(date -u +%Y-%m-%dT%H:%M:%SZ)	$COMMIT	$database	$line	$(nproc)	$load"
  paste <(tr '\t' '\n' <<<"$HEADER") <(tr '\t' '\n' <<<"$row") | sed 's/^/  /'
  if [ -z "${NO_HISTORY:-}" ]; then printf '%s\n' "$row" >>"$HISTORY"; fi
}

for database in $DATABASES; do
  case "$database" in
    sqlite) bench sqlite "sqlite:$WORK/feedback.sqlite3" ;;
    postgres)
      postgres_start
      trap cleanup EXIT
      bench postgres "$RECEIVER_TEST_POSTGRES_URL"
      postgres_stop
      ;;
    *) echo "error: DATABASES may name sqlite and postgres, not $database" >&2; exit 2 ;;
  esac
done
