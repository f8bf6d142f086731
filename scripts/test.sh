#!/usr/bin/env bash
# Runs every test of the solution: the solution is built once, then the test projects run in two lanes side by
# side (see below). SQLite needs nothing; PostgreSQL tests get a throwaway server on a
# free loopback port (installed with apt-get if missing), named in COPRODUCE_TEST_POSTGRES. Then the
# TypeScript SDK's tests run with node's own test runner against real gateway processes.
# Extra arguments go to 'dotnet test' and skip the SDK tests, e.g.
#   scripts/test.sh --filter FullyQualifiedName~Storage
# The last lines printed name every failed .NET test (from the TRX results under test-results/).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

results=test-results
rm -rf "$results"

# Every process this run starts (gateways and silos of the cluster and kill tests, the SDK tests' gateways)
# inherits this mark. Whatever program of this repository still carries it when the run ends, however it
# ends (failed, cancelled, a test host that died before disposing), is stopped here. Build servers carry the
# mark too but are left alone: other builds on the machine may be using them.
export COPRODUCE_TEST_RUN="run-$$-$RANDOM$RANDOM"
stop_leftovers() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    [[ $pid == "$$" ]] && continue
    if grep -qzx "COPRODUCE_TEST_RUN=$COPRODUCE_TEST_RUN" "$environ" 2>/dev/null &&
      tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'CoProduce\.'; then
      echo "== stopping a leftover process of this run: $pid $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-120)"
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
}
trap stop_leftovers EXIT
trap 'exit 130' INT TERM

# Prints the failed tests of every TRX file under $results, one per line, with the first line of each message.
print_failures() {
  local trx
  for trx in "$results"/*.trx; do
    [[ -e "$trx" ]] || continue
    grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | sed -E 's/.*testName="([^"]*)".*/  FAILED \1/' || true
  done
}

# The solution is built once; then the test projects run in two lanes side by side, each project in a
# 'dotnet test --no-build' of its own: the gateway's tests (the longest) in one, every other project and then
# the TypeScript SDK's tests in the other. A lane's output goes to test-results/<lane>.log and is printed
# when the lane ends, so the two never interleave.
echo "== building the solution (Release)"
dotnet build CoProduce.sln -c Release -nologo -v q -clp:ErrorsOnly

mkdir -p "$results"
# Every test project of the solution (*.Tests.csproj), so a new one is never left out. The gateway's has a lane
# of its own; in the other, the cluster tests go first, since they wait most (processes starting, nodes being
# declared dead) and so share the machine best with the gateway's.
gateway_project=tests/CoProduce.Gateway.Tests/CoProduce.Gateway.Tests.csproj
mapfile -t test_projects < <(dotnet sln CoProduce.sln list | grep -E '\.Tests\.csproj$')
if [[ ! " ${test_projects[*]} " == *" $gateway_project "* ]]; then
  echo "test.sh: $gateway_project is not in CoProduce.sln" >&2
  exit 1
fi
other_projects=()
for project in "${test_projects[@]}"; do
  case $project in
    "$gateway_project") ;;
    */CoProduce.Cluster.Tests.csproj) other_projects=("$project" "${other_projects[@]}") ;;
    *) other_projects+=("$project") ;;
  esac
done

test_project() {
  local project=$1 name
  shift
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build \
    --logger "console;verbosity=normal" --logger "trx;LogFilePrefix=$name" --results-directory "$results" "$@"
}

gateway_lane() {
  test_project "$gateway_project" "$@"
}

other_lane() {
  local status=0 project
  for project in "${other_projects[@]}"; do
    test_project "$project" "$@" || status=1
  done
  if (($# == 0)); then
    echo "== TypeScript SDK (clients/typescript)"
    # The build above made the gateway the SDK's tests start, so npm test need not build it again.
    (cd clients/typescript && npm ci --no-audit --no-fund \
      && COPRODUCE_GATEWAY_DLL="$PWD/../../gateway/CoProduce.Gateway/bin/Release/net10.0/CoProduce.Gateway.dll" npm test) || status=1
  fi
  return "$status"
}

# Both lanes share one throwaway PostgreSQL server (each test class makes its own database on it).
run_lanes() {
  local gateway_status=0 other_status=0 gateway_pid other_pid
  gateway_lane "$@" >"$results/gateway.log" 2>&1 &
  gateway_pid=$!
  other_lane "$@" >"$results/other.log" 2>&1 &
  other_pid=$!
  wait "$other_pid" || other_status=$?
  cat "$results/other.log"
  wait "$gateway_pid" || gateway_status=$?
  cat "$results/gateway.log"
  ((gateway_status == 0 && other_status == 0))
}

status=0
# In a subshell: pg_run_with_server ends its shell with the command's exit status.
(pg_run_with_server test run_lanes "$@") || status=$?

if ((status != 0)); then
  echo "== tests failed (exit $status):"
  print_failures
  exit "$status"
fi
echo "== every test passed"
