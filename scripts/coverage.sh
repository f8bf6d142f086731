#!/usr/bin/env bash
# Runs the .NET tests as scripts/test.sh does, with coverlet collecting line coverage, then merges every test
# project's report into one and prints the product's line coverage (test code and test helpers left out).
#   scripts/coverage.sh                              every .NET test
#   scripts/coverage.sh --filter FullyQualifiedName~Payments   some of them
# The merged report is in test-results/coverage/ (Summary.txt, and Cobertura.xml for tools).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

status=0
bash scripts/test.sh --collect "XPlat Code Coverage" "$@" || status=$?

dotnet tool restore >/dev/null
reports=$(find test-results -name 'coverage.cobertura.xml' | paste -sd ';' -)
if [[ -z "$reports" ]]; then
  echo "== coverage: no report was written" >&2
  exit $((status == 0 ? 1 : status))
fi

# The product's own code only: each test project also instruments the test helpers it references, and
# source generators (Orleans' serializers, logging, endpoints) write code under obj/ that nobody reads.
dotnet reportgenerator "-reports:$reports" -targetdir:test-results/coverage \
  "-reporttypes:TextSummary;Cobertura" \
  "-assemblyfilters:+CoProduce.*;-*.Tests;-CoProduce.Testing;-CoProduce.Clustering.TestHost" \
  "-filefilters:-*/obj/*" >/dev/null
echo "== coverage (test-results/coverage/Summary.txt):"
sed -n '/^Summary/,/^$/p' test-results/coverage/Summary.txt
exit "$status"
