# shellcheck shell=bash
# A throwaway PostgreSQL server for tests. Source this file, then:
#   pg_ensure_installed     install the server binaries (apt) if none are present
#   pg_start <dir>          create a cluster in <dir>, start it on 127.0.0.1 and a free port, export
#                           COPRODUCE_TEST_POSTGRES (Npgsql connection string), PG_TEST_PORT, PG_TEST_VERSION
#   pg_stop <dir>           stop that server and delete <dir>
#   pg_run_with_server      also starts a second server that fault tests may stop and start (see there)
# PostgreSQL refuses to run as root, so as root the cluster belongs to the 'postgres' user.

# The bin directory of the highest installed version, e.g. /usr/lib/postgresql/16/bin; empty if none.
pg_bin_dir() {
  local initdb found=()
  for initdb in /usr/lib/postgresql/*/bin/initdb; do
    if [[ -x "$initdb" ]]; then
      found+=("${initdb%/initdb}")
    fi
  done
  if ((${#found[@]} > 0)); then
    printf '%s\n' "${found[@]}" | sort -V | tail -n 1
  fi
}

pg_ensure_installed() {
  if [[ -n "$(pg_bin_dir)" ]]; then
    return 0
  fi
  local -a elevate=()
  if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "postgres.sh: PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb), and installing it needs root or sudo; run 'apt-get install postgresql' as root." >&2
      return 1
    fi
    elevate=(sudo)
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "postgres.sh: PostgreSQL is not installed and apt-get is unavailable; install the PostgreSQL server (initdb, pg_ctl) under /usr/lib/postgresql/<version>/bin." >&2
    return 1
  fi
  echo "postgres.sh: installing PostgreSQL with apt-get..." >&2
  "${elevate[@]}" apt-get update
  "${elevate[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  if [[ -z "$(pg_bin_dir)" ]]; then
    echo "postgres.sh: apt-get installed 'postgresql' but no /usr/lib/postgresql/*/bin/initdb appeared." >&2
    return 1
  fi
}

# Runs a PostgreSQL tool as the cluster owner: 'postgres' when we are root, ourselves otherwise. Runs
# from <dir> so the tools never trip over a current directory the postgres user cannot enter.
_pg_as_owner() {
  local dir=$1
  shift
  if [[ $(id -u) -eq 0 ]]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

# True when something already accepts connections on 127.0.0.1:<port>.
_pg_port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_start() {
  local dir=${1:?usage: pg_start <dir>}
  local bin
  bin=$(pg_bin_dir)
  if [[ -z "$bin" ]]; then
    echo "postgres.sh: no PostgreSQL found under /usr/lib/postgresql/*/bin; call pg_ensure_installed first." >&2
    return 1
  fi

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [[ $(id -u) -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "postgres.sh: running as root needs the 'postgres' user to own the cluster, and it does not exist." >&2
      return 1
    fi
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      echo "postgres.sh: user 'postgres' cannot write to $dir; make its parent directories searchable (chmod 755)." >&2
      return 1
    fi
  fi

  # Tests create and drop databases freely and never need durability: trust auth, no fsync.
  if ! _pg_as_owner "$dir" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync \
      >"$dir/initdb.log" 2>&1; then
    echo "postgres.sh: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    return 1
  fi

  local port attempt started="" options=""
  for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 25001))
    if _pg_port_in_use "$port"; then
      continue
    fi
    # Another process can still take the port between the check and the bind; then start fails and
    # we try another one. Many test classes hold their own connection pools, hence max_connections.
    options="-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500"
    if _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null 2>&1; then
      started=yes
      break
    fi
  done
  if [[ -z "$started" ]]; then
    echo "postgres.sh: could not start PostgreSQL after $attempt attempts; server log:" >&2
    tail -n 30 "$dir/server.log" >&2 2>/dev/null || true
    return 1
  fi

  local waited=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; do
    if ((waited >= 60)); then
      echo "postgres.sh: PostgreSQL on port $port did not become ready within 30 s; server log:" >&2
      tail -n 30 "$dir/server.log" >&2 || true
      return 1
    fi
    sleep 0.5
    waited=$((waited + 1))
  done

  PG_TEST_PORT=$port
  PG_TEST_VERSION=$("$bin/postgres" --version | awk '{print $3}')
  PG_TEST_OPTIONS=$options
  export PG_TEST_PORT PG_TEST_VERSION PG_TEST_OPTIONS
  export COPRODUCE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
}

pg_stop() {
  local dir=${1:?usage: pg_stop <dir>}
  if [[ ! -d "$dir" ]]; then
    return 0
  fi
  dir=$(cd "$dir" && pwd)
  if [[ "$dir" == "/" ]]; then
    echo "postgres.sh: refusing to remove /" >&2
    return 1
  fi
  local bin
  bin=$(pg_bin_dir)
  if [[ -n "$bin" && -f "$dir/data/postmaster.pid" ]]; then
    _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      echo "postgres.sh: warning: pg_ctl stop failed for $dir/data" >&2
  fi
  rm -rf -- "$dir"
}

# Runs "$@" with a throwaway server started for it and always stopped afterwards, even on a signal;
# exits with the command's status. COPRODUCE_TEST_POSTGRES names the server to the command.
pg_run_with_server() {
  local label=$1
  shift
  pg_ensure_installed
  # Under /tmp, which the postgres user can always traverse; the folder itself must be searchable too.
  _pg_run_work=$(mktemp -d "/tmp/coproduce-$label.XXXXXX")
  chmod 755 "$_pg_run_work"
  _pg_run_pid=""
  trap _pg_run_cleanup EXIT
  # Route signals through exit so the EXIT trap always stops the command and the server.
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # The fault server: tests stop and start it (the cluster test restarts PostgreSQL mid-run), which the
  # shared server must never see while other test assemblies run on it. A test restarts it with
  #   [runuser -u postgres --] $COPRODUCE_TEST_PG_BIN/pg_ctl -D $COPRODUCE_TEST_POSTGRES_FAULT_DATA -m immediate -w stop
  #   [runuser -u postgres --] $COPRODUCE_TEST_PG_BIN/pg_ctl -D ... -l <log> -w -o "$COPRODUCE_TEST_POSTGRES_FAULT_OPTIONS" start
  # (as 'postgres' when root, from a folder that user can enter).
  pg_start "$_pg_run_work/pg-fault"
  COPRODUCE_TEST_POSTGRES_FAULT=$COPRODUCE_TEST_POSTGRES
  COPRODUCE_TEST_POSTGRES_FAULT_DATA="$_pg_run_work/pg-fault/data"
  COPRODUCE_TEST_POSTGRES_FAULT_OPTIONS=$PG_TEST_OPTIONS
  COPRODUCE_TEST_PG_BIN=$(pg_bin_dir)
  export COPRODUCE_TEST_POSTGRES_FAULT COPRODUCE_TEST_POSTGRES_FAULT_DATA COPRODUCE_TEST_POSTGRES_FAULT_OPTIONS COPRODUCE_TEST_PG_BIN

  pg_start "$_pg_run_work/pg"
  echo "$label: PostgreSQL $PG_TEST_VERSION on 127.0.0.1:$PG_TEST_PORT (COPRODUCE_TEST_POSTGRES); fault server in COPRODUCE_TEST_POSTGRES_FAULT"

  # In the background plus 'wait' because bash runs a trap only once a foreground command has
  # finished, while 'wait' returns as soon as a signal arrives.
  local status=0
  "$@" &
  _pg_run_pid=$!
  wait "$_pg_run_pid" || status=$?
  _pg_run_pid=""
  exit "$status"
}

# shellcheck disable=SC2317  # invoked by the EXIT trap
_pg_run_cleanup() {
  if [[ -n "${_pg_run_pid:-}" ]]; then
    kill -TERM "$_pg_run_pid" 2>/dev/null || true
    wait "$_pg_run_pid" 2>/dev/null || true
  fi
  pg_stop "$_pg_run_work/pg" || true
  pg_stop "$_pg_run_work/pg-fault" || true
  rm -rf -- "$_pg_run_work"
}
