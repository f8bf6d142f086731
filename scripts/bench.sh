#!/usr/bin/env bash
# Runs every benchmark (BenchmarkDotNet, in-process) against a throwaway PostgreSQL server and prints
# a table of figure, candidate, baseline, ratio, target and whether it was met.
#   scripts/bench.sh                       full runs
#   scripts/bench.sh --quick               short runs, for a first look
#   scripts/bench.sh --report perf.md      also write the table to perf.md
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

pg_run_with_server bench dotnet run -c Release --project bench/CoProduce.Benchmarks -- "$@"
