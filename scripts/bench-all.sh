#!/usr/bin/env bash
# The benchmarks themselves; scripts/bench.sh runs this with a PostgreSQL server started for it.
set -euo pipefail

quick=""
report=""
load_only=""
live_only=""
scenario="all"
filter=""
while (($# > 0)); do
  case "$1" in
    --quick) quick="--quick" ;;
    --report) report="$2"; shift ;;
    --load-only) load_only="yes" ;;
    --live-only) live_only="yes" ;;
    --scenario) scenario="$2"; shift ;;
    --filter) filter="$2"; shift ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

parts=$(mktemp -d)
trap 'rm -rf -- "$parts"' EXIT
seconds=10
[[ -n "$quick" ]] && seconds=4

if [[ -n "$filter" ]]; then
  # Only the BenchmarkDotNet classes whose name contains the text (e.g. Orleans); no load, live or payout runs.
  dotnet run -c Release --project bench/CoProduce.Benchmarks -- $quick --filter "$filter" --report "$parts/runtime.md"
  : > "$parts/load.md"
elif [[ -n "$live_only" ]]; then
  printf '| figure | candidate | baseline | ratio | target | met |\n|---|---|---|---|---|---|\n' > "$parts/runtime.md"
  : > "$parts/load.md"
elif [[ -z "$load_only" ]]; then
  dotnet run -c Release --project bench/CoProduce.Benchmarks -- $quick --report "$parts/runtime.md"
else
  printf '| figure | candidate | baseline | ratio | target | met |\n|---|---|---|---|---|---|\n' > "$parts/runtime.md"
fi
if [[ -z "$live_only" && -z "$filter" ]]; then
  dotnet run -c Release --project bench/CoProduce.LoadBench -- --seconds "$seconds" --scenario "$scenario" --report "$parts/load.md"
fi
# The live hub (issue 5): a vote's tally to 100, 1,000 and 2,000 clients, and memory per idle connection.
if [[ -z "$load_only" && -z "$filter" ]]; then
  dotnet run -c Release --project bench/CoProduce.LiveBench -- $quick --report "$parts/live.md"
else
  : > "$parts/live.md"
fi
# Payouts (issue 6): a batch of 10,000 approved claims against one INSERT ... SELECT of the same ledger rows.
if [[ -z "$load_only" && -z "$live_only" && -z "$filter" ]]; then
  dotnet run -c Release --project bench/CoProduce.PayoutBench -- $quick --report "$parts/payouts.md"
else
  : > "$parts/payouts.md"
fi

{
  echo "# Performance report"
  echo
  echo "Each figure is measured beside its baseline in the same run on this machine ($(nproc) cores)."
  echo
  cat "$parts/runtime.md"
  tail -n +3 "$parts/load.md"
  tail -n +3 "$parts/live.md"
  tail -n +3 "$parts/payouts.md"
} > "$parts/all.md"
cat "$parts/all.md"
if [[ -n "$report" ]]; then
  cp "$parts/all.md" "$report"
fi
