#!/usr/bin/env bash
# The benchmarks themselves; scripts/bench.sh runs this with a PostgreSQL server started for it.
set -euo pipefail

quick=""
report=""
load_only=""
scenario="all"
while (($# > 0)); do
  case "$1" in
    --quick) quick="--quick" ;;
    --report) report="$2"; shift ;;
    --load-only) load_only="yes" ;;
    --scenario) scenario="$2"; shift ;;
    *) echo "bench: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

parts=$(mktemp -d)
trap 'rm -rf -- "$parts"' EXIT
seconds=10
[[ -n "$quick" ]] && seconds=4

if [[ -z "$load_only" ]]; then
  dotnet run -c Release --project bench/CoProduce.Benchmarks -- $quick --report "$parts/runtime.md"
else
  printf '| figure | candidate | baseline | ratio | target | met |\n|---|---|---|---|---|---|\n' > "$parts/runtime.md"
fi
dotnet run -c Release --project bench/CoProduce.LoadBench -- --seconds "$seconds" --scenario "$scenario" --report "$parts/load.md"

{
  echo "# Performance report"
  echo
  echo "Each figure is measured beside its baseline in the same run on this machine ($(nproc) cores)."
  echo
  cat "$parts/runtime.md"
  tail -n +3 "$parts/load.md"
} > "$parts/all.md"
cat "$parts/all.md"
if [[ -n "$report" ]]; then
  cp "$parts/all.md" "$report"
fi
