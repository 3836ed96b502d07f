#!/usr/bin/env bash
# Regenerates chaincode/package-lock.json: the chaincode's own, standalone lockfile that the peers' node builder
# installs from with `npm ci`, so every peer runs byte-identical dependencies. The chaincode is also a workspace of
# the root package (for development), whose lockfile npm uses there; this one is what ships in the package.
# Run it after changing chaincode/package.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "${tmp}"' EXIT
cp "${ROOT}/chaincode/package.json" "${tmp}/"
(cd "${tmp}" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error)
cp "${tmp}/package-lock.json" "${ROOT}/chaincode/package-lock.json"
successln "wrote chaincode/package-lock.json"
