#!/usr/bin/env bash
# The one command that brings the product up on a fresh machine: Fabric binaries (built once,
# cached), npm dependencies, the network with Fabric CAs, every domain channel, the agreements
# chaincode on each, and the organisations' REST gateways. Safe to run again: a network that exists (stopped or
# running) is started as it was created (`network.sh start`), with its data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "${ROOT}"

for tool in node npm go gcc curl setsid; do
  command -v "${tool}" >/dev/null || fatalln "${tool} is required (see README.md, Prerequisites)"
done

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  infoln "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

start=${SECONDS}
if [[ -f "${FA_HOME}/orderer-count" ]]; then
  # A network exists (stopped, or partly running): bring it back exactly as it was created.
  bash scripts/network.sh start
else
  bash scripts/network.sh up createChannel -ca
  bash scripts/network.sh deployCC -ccl typescript
fi
if [[ -x scripts/gateway.sh && "${START_GATEWAYS:-true}" == "true" ]]; then
  bash scripts/gateway.sh start
fi
successln "ready in $((SECONDS - start))s"
bash scripts/network.sh status
if [[ -x scripts/gateway.sh && "${START_GATEWAYS:-true}" == "true" ]]; then
  bash scripts/gateway.sh status # each organisation's web application and API, and the identity provider
fi
