#!/usr/bin/env bash
# Regenerates src/generated/api.ts from a gateway built in Release (run from anywhere after a build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dll="${COPRODUCE_GATEWAY_DLL:-../../gateway/CoProduce.Gateway/bin/Release/net10.0/CoProduce.Gateway.dll}"
folder=$(mktemp -d)
# Three free ports at once (HTTP, and the Orleans silo's two), so this never collides with a gateway already running.
read -r port silo_port client_port < <(python3 -c 'import socket; ss=[socket.socket() for _ in range(3)]; [s.bind(("127.0.0.1",0)) for s in ss]; print(*[s.getsockname()[1] for s in ss])')
ASPNETCORE_URLS="http://127.0.0.1:$port" CoProduce__Invitations__LinkBase="http://127.0.0.1:$port" CoProduce__Storage__Provider=Sqlite CoProduce__Storage__DataDirectory="$folder" CoProduce__Cluster__SiloPort="$silo_port" CoProduce__Cluster__GatewayPort="$client_port" Logging__LogLevel__Default=Warning \
  dotnet "$dll" >"$folder/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf -- "$folder"' EXIT
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 0.2
done
node scripts/generate.mjs "http://127.0.0.1:$port/openapi/v1.json"
