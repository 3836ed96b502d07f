#!/usr/bin/env bash
# Builds the pinned Fabric and Fabric CA binaries from the Go module proxy into a
# version-keyed cache outside the clone, so every clone on this machine reuses them.
# Prints the bin directory on stdout (last line); progress goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../network/versions.env
source "${ROOT}/network/versions.env"

log() { printf '[install-fabric] %s\n' "$*" >&2; }

CACHE_ROOT="${FABRIC_AGREEMENTS_CACHE:-${XDG_CACHE_HOME:-${HOME}/.cache}/fabric-agreements}"
BIN_DIR="${CACHE_ROOT}/fabric-${FABRIC_VERSION}-ca-${FABRIC_CA_VERSION}/bin"
FABRIC_CMDS=(peer orderer configtxgen configtxlator osnadmin cryptogen discover ledgerutil)
CA_CMDS=(fabric-ca-server fabric-ca-client)

have_all() {
  local dir="$1" c
  for c in "${FABRIC_CMDS[@]}" "${CA_CMDS[@]}"; do [[ -x "${dir}/${c}" ]] || return 1; done
}

# Binaries from fabric-samples' install script, already on PATH, count if they are the pinned version.
path_binaries() {
  local peer_bin ca_bin
  peer_bin="$(command -v peer || true)"
  ca_bin="$(command -v fabric-ca-server || true)"
  [[ -n "${peer_bin}" && -n "${ca_bin}" ]] || return 1
  "${peer_bin}" version 2>/dev/null | grep -q "Version: v\?${FABRIC_VERSION}$" || return 1
  "${ca_bin}" version 2>/dev/null | grep -q "Version: v\?${FABRIC_CA_VERSION}$" || return 1
  have_all "$(dirname "${peer_bin}")" || return 1
  dirname "${peer_bin}"
}

if dir="$(path_binaries)"; then
  log "using Fabric ${FABRIC_VERSION} binaries already on PATH in ${dir}"
  echo "${dir}"
  exit 0
fi

command -v go >/dev/null || { log "Go is required to build Fabric (https://go.dev/dl)"; exit 1; }
mkdir -p "${BIN_DIR}"

build_module() {
  local tools_dir="$1" pkg_prefix="$2" ldflags="$3"; shift 3
  local cmd n=0 total=$#
  for cmd in "$@"; do
    n=$((n + 1))
    if [[ -x "${BIN_DIR}/${cmd}" ]]; then
      : # already built
      continue
    fi
    log "(${n}/${total}) building ${cmd} ..."
    local start=${SECONDS}
    # -mod=readonly + the committed go.sum: every module is verified against the pinned hashes.
    (cd "${tools_dir}" && GOFLAGS=-mod=readonly GONOSUMDB="${GONOSUMDB_PATTERN}" CGO_ENABLED=1 \
      go build -trimpath -ldflags "${ldflags}" -o "${BIN_DIR}/${cmd}.tmp" "${pkg_prefix}/${cmd}")
    mv "${BIN_DIR}/${cmd}.tmp" "${BIN_DIR}/${cmd}"
    log "(${n}/${total}) ${cmd}: built in $((SECONDS - start))s"
  done
}

# Fabric's own release pseudo-version is not in the public checksum database, so its hash is
# pinned by the committed go.sum instead (see network/README.md, "Fabric version").
GONOSUMDB_PATTERN="github.com/hyperledger/fabric"

FABRIC_LDFLAGS="-X github.com/hyperledger/fabric/common/metadata.Version=${FABRIC_VERSION}"
FABRIC_LDFLAGS+=" -X github.com/hyperledger/fabric/common/metadata.CommitSHA=${FABRIC_COMMIT:0:7}"
FABRIC_LDFLAGS+=" -X github.com/hyperledger/fabric/common/metadata.BaseDockerLabel=org.hyperledger.fabric"
FABRIC_LDFLAGS+=" -X github.com/hyperledger/fabric/common/metadata.DockerNamespace=hyperledger"
CA_LDFLAGS="-X github.com/hyperledger/fabric-ca/lib/metadata.Version=${FABRIC_CA_VERSION}"

log "Fabric ${FABRIC_VERSION} (${FABRIC_COMMIT:0:12}) and Fabric CA ${FABRIC_CA_VERSION} -> ${BIN_DIR}"
build_module "${ROOT}/scripts/fabric-tools/fabric" github.com/hyperledger/fabric/cmd "${FABRIC_LDFLAGS}" "${FABRIC_CMDS[@]}"
build_module "${ROOT}/scripts/fabric-tools/fabric-ca" github.com/hyperledger/fabric-ca/cmd "${CA_LDFLAGS}" "${CA_CMDS[@]}"
have_all "${BIN_DIR}"
log "all binaries ready"
echo "${BIN_DIR}"
