#!/usr/bin/env bash
# The benchmarks themselves; scripts/bench.sh runs this with a PostgreSQL server started for it.
set -euo pipefail

quick=""
report=""
while (($# > 0)); do
  case "$1" in
    --quick) quick="--quick" ;;
    --report) report="$2"; shift ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

parts=$(mktemp -d)
trap 'rm -rf -- "$parts"' EXIT
seconds=10
[[ -n "$quick" ]] && seconds=4

dotnet run -c Release --project bench/CoProduce.Benchmarks -- $quick --report "$parts/runtime.md"
dotnet run -c Release --project bench/CoProduce.LoadBench -- --seconds "$seconds" --report "$parts/load.md"
dotnet run -c Release --project bench/CoProduce.PayoutBench -- $quick --report "$parts/payouts.md"

{
  echo "# Performance report"
  echo
  echo "Each figure is measured beside its baseline in the same run on this machine ($(nproc) cores)."
  echo
  cat "$parts/runtime.md"
  tail -n +3 "$parts/load.md"
  tail -n +3 "$parts/payouts.md"
} > "$parts/all.md"
cat "$parts/all.md"
if [[ -n "$report" ]]; then
  cp "$parts/all.md" "$report"
fi
