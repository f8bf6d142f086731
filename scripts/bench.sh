#!/usr/bin/env bash
# Runs every benchmark against a throwaway PostgreSQL server and prints a table of figure, candidate,
# baseline, ratio, target and whether it was met; each figure is measured beside its baseline in the
# same run.
#   scripts/bench.sh                       full runs
#   scripts/bench.sh --quick               short runs, for a first look
#   scripts/bench.sh --report perf.md      also write the tables to perf.md
#   scripts/bench.sh --load-only           only the HTTP load figures (no BenchmarkDotNet, no live hub)
#   scripts/bench.sh --live-only           only the live hub figures (bench/CoProduce.LiveBench)
#   scripts/bench.sh --scenario ranked     one load scenario: agenda (dots), ranked (ranked-choice votes) or all
#   scripts/bench.sh --filter Orleans      only the BenchmarkDotNet classes whose name contains the text
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh

pg_run_with_server bench bash scripts/bench-all.sh "$@"
