# A throwaway PostgreSQL for the receiver's tests and benchmark: Debian's `postgresql` (installed
# when missing), a new cluster in a temporary directory, on a free port of 127.0.0.1 only, run by
# an unprivileged user (`postgres` when we are root), with a random password. Only the cluster this
# file created is ever stopped, by its own pg_ctl; a system cluster is never touched.
#
# Sourced:  source scripts/postgres.sh; postgres_start   (exports RECEIVER_TEST_POSTGRES_URL,
#           PG_TEST_DIR, PG_TEST_PORT; stops the cluster on exit, or call postgres_stop)
# Run:      bash scripts/postgres.sh serve          prints url=…, data=…, then `ready`, and keeps the
#                                                   cluster until its standard input closes
#           bash scripts/postgres.sh ctl DATA stop|start   stops or starts such a cluster again
#                                                   (the browser suite's "database stopped mid-run")

if ! declare -F as_root >/dev/null; then
  as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
  }
fi
if ! declare -F say >/dev/null; then
  say() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fi

# The newest installed server's programs (initdb, pg_ctl), or nothing.
postgres_bin_dir() {
  local dirs=(/usr/lib/postgresql/*/bin/initdb)
  [ -x "${dirs[0]}" ] || return 0
  printf '%s\n' "${dirs[@]}" | sort -V | tail -n 1 | xargs dirname
}

# Installs Debian's postgresql when no server is installed.
ensure_postgres() {
  if [ -z "$(postgres_bin_dir)" ]; then
    say "Installing Debian's postgresql (about 1 minute; only the first time)"
    as_root apt-get update
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends postgresql
  fi
  PG_BIN="$(postgres_bin_dir)"
  if [ -z "$PG_BIN" ]; then
    echo "error: no PostgreSQL server programs under /usr/lib/postgresql after installing postgresql" >&2
    return 1
  fi
}

# Runs a command as the cluster's owner: `postgres` when we are root (PostgreSQL refuses root),
# else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port on 127.0.0.1 nothing listens on now (the start below retries if one is taken meanwhile).
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# Creates and starts the cluster; exports its URL. Stops it when the shell exits.
postgres_start() {
  ensure_postgres
  PG_TEST_DIR="$(mktemp -d "${TMPDIR:-/tmp}/receiver-postgres.XXXXXX")"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_TEST_DIR"; fi
  trap postgres_stop EXIT
  trap 'postgres_stop; exit 130' INT TERM
  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" | as_owner tee "$PG_TEST_DIR/password" >/dev/null
  as_owner "$PG_BIN/initdb" --pgdata="$PG_TEST_DIR/data" --username=app --pwfile="$PG_TEST_DIR/password" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$PG_TEST_DIR/initdb.log" 2>&1 ||
    { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  as_owner rm -f "$PG_TEST_DIR/password"
  local attempt
  for attempt in 1 2 3 4 5; do
    PG_TEST_PORT="$(free_port)"
    # In the cluster's own configuration, so `ctl DATA start` needs nothing else.
    as_owner tee -a "$PG_TEST_DIR/data/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $PG_TEST_PORT
unix_socket_directories = '$PG_TEST_DIR'
max_connections = 200
EOF
    if as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_TEST_DIR/data" --log="$PG_TEST_DIR/server.log" --wait start >/dev/null; then
      export PG_TEST_DIR PG_TEST_PORT
      export RECEIVER_TEST_POSTGRES_URL="postgres://app:$password@127.0.0.1:$PG_TEST_PORT/postgres"
      return 0
    fi
    echo "PostgreSQL did not start on port $PG_TEST_PORT (attempt $attempt); trying another" >&2
  done
  cat "$PG_TEST_DIR/server.log" >&2
  return 1
}

# Stops the cluster postgres_start made (by its own pg_ctl) and removes its directory.
postgres_stop() {
  [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR" ] || return 0
  if [ -f "$PG_TEST_DIR/data/postmaster.pid" ]; then
    as_owner "$PG_BIN/pg_ctl" --pgdata="$PG_TEST_DIR/data" --mode=fast --wait stop >/dev/null || true
  fi
  rm -rf "$PG_TEST_DIR"
  unset PG_TEST_DIR RECEIVER_TEST_POSTGRES_URL
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    serve)
      postgres_start
      echo "url=$RECEIVER_TEST_POSTGRES_URL"
      echo "data=$PG_TEST_DIR/data"
      echo "ready"
      # Until whoever started us closes our input (or dies, which closes it too).
      cat >/dev/null || true
      ;;
    ctl)
      data="${2:?usage: postgres.sh ctl DATA stop|start}"
      case "${3:-}" in
        stop | start) ;;
        *) echo "usage: postgres.sh ctl DATA stop|start" >&2; exit 2 ;;
      esac
      # Only a cluster this file made: its data directory sits in a receiver-postgres.* directory.
      case "$(basename "$(dirname "$data")")" in
        receiver-postgres.*) ;;
        *) echo "error: $data is not a cluster scripts/postgres.sh made" >&2; exit 2 ;;
      esac
      ensure_postgres
      if [ "$3" = stop ]; then
        as_owner "$PG_BIN/pg_ctl" --pgdata="$data" --mode=fast --wait stop >/dev/null
      else
        as_owner "$PG_BIN/pg_ctl" --pgdata="$data" --log="$(dirname "$data")/server.log" --wait start >/dev/null
      fi
      ;;
    *)
      echo "usage: bash scripts/postgres.sh serve | ctl DATA stop|start (or source it)" >&2
      exit 2
      ;;
  esac
fi
