#!/usr/bin/env bash
# Runs every test of the solution. SQLite needs nothing; PostgreSQL tests get a throwaway server on a
# free loopback port (installed with apt-get if missing), named in COPRODUCE_TEST_POSTGRES.
# Extra arguments go to 'dotnet test', e.g. scripts/test.sh --filter FullyQualifiedName~Storage
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

pg_ensure_installed

# Under /tmp, which the postgres user can always traverse; the folder itself must be searchable too.
work=$(mktemp -d /tmp/coproduce-test.XXXXXX)
chmod 755 "$work"
dotnet_pid=""
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  if [[ -n "$dotnet_pid" ]]; then
    kill -TERM "$dotnet_pid" 2>/dev/null || true
    wait "$dotnet_pid" 2>/dev/null || true
  fi
  pg_stop "$work/pg" || true
  rm -rf -- "$work"
}
trap cleanup EXIT
# Route signals through exit so the EXIT trap always stops the tests and the server.
trap 'exit 130' INT
trap 'exit 143' TERM

pg_start "$work/pg"
echo "test.sh: PostgreSQL $PG_TEST_VERSION on 127.0.0.1:$PG_TEST_PORT (COPRODUCE_TEST_POSTGRES)"

# In the background plus 'wait' because bash runs a trap only once a foreground command has finished,
# while 'wait' returns as soon as a signal arrives.
status=0
dotnet test CoProduce.sln -c Release --logger "console;verbosity=normal" "$@" &
dotnet_pid=$!
wait "$dotnet_pid" || status=$?
dotnet_pid=""
exit "$status"
