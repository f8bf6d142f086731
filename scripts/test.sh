#!/usr/bin/env bash
# Runs every test of the solution. SQLite needs nothing; PostgreSQL tests get a throwaway server on a
# free loopback port (installed with apt-get if missing), named in COPRODUCE_TEST_POSTGRES. Then the
# TypeScript SDK's tests run with node's own test runner against real gateway processes.
# Extra arguments go to 'dotnet test' and skip the SDK tests, e.g.
#   scripts/test.sh --filter FullyQualifiedName~Storage
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

pg_run_with_server test dotnet test CoProduce.sln -c Release --logger "console;verbosity=normal" "$@"

if (($# == 0)); then
  echo "== TypeScript SDK (clients/typescript)"
  (cd clients/typescript && npm ci --no-audit --no-fund && npm test)
fi
