#!/usr/bin/env bash
# Runs every test of the solution. SQLite needs nothing; PostgreSQL tests get a throwaway server on a
# free loopback port (installed with apt-get if missing), named in COPRODUCE_TEST_POSTGRES.
# Extra arguments go to 'dotnet test', e.g. scripts/test.sh --filter FullyQualifiedName~Storage
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

pg_run_with_server test dotnet test CoProduce.sln -c Release --logger "console;verbosity=normal" "$@"
