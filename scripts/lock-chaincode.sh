#!/usr/bin/env bash
# Regenerates chaincode/package-lock.json: the chaincode's own, standalone lockfile that the peers' node builder
# installs from with `npm ci`, so every peer runs byte-identical dependencies. The chaincode is also a workspace of
# the root package (for development), whose lockfile npm uses there; this one is what ships in the package, and is
# written from the same staged manifests that ship (scripts/lib/stage-chaincode.mjs: the shared package vendored as
# a `file:` dependency). Run it after changing chaincode/package.json or the dependencies of a package it vendors.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "${tmp}"' EXIT
node "${ROOT}/scripts/lib/stage-chaincode.mjs" "${tmp}" --manifest
(cd "${tmp}" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error)
cp "${tmp}/package-lock.json" "${ROOT}/chaincode/package-lock.json"
successln "wrote chaincode/package-lock.json"
