# Orderers and peers as native processes.
# shellcheck shell=bash

start_orderers() {
  local node
  for node in $(topo orderers); do
    use_orderer "${node}"
    local dir="${FA_HOME}/nodes/${ORDERER_NAME}"
    topo render-orderer "${node}" "${dir}/orderer.yaml"
    start_process "${ORDERER_NAME}" "${dir}" env FABRIC_CFG_PATH="${dir}" orderer
  done
  for node in $(topo orderers); do
    use_orderer "${node}"
    wait_for_url "http://${ORDERER_HOST}:${ORDERER_OPS_PORT}/healthz" 60 ||
      fatalln "${ORDERER_NAME} did not become healthy; see ${LOG_DIR}/${ORDERER_NAME}.log"
  done
}

start_peers() {
  local key
  for key in $(topo orgs); do
    start_peer "${key}"
  done
  for key in $(topo orgs); do
    wait_for_peer "${key}"
  done
}

# start_peer ORG — renders the org's core.yaml and starts its peer (chaincode it launches joins its process group).
start_peer() {
  local key="$1"
  eval "$(topo org "${key}")"
  local dir="${FA_HOME}/nodes/${PEER_NAME}"
  topo render-core "${key}" "${dir}/core.yaml"
  # The ccaas builder reads where this org's chaincode server listens from this variable.
  start_process "${PEER_NAME}" "${dir}" env FABRIC_CFG_PATH="${dir}" \
    CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="$(topo ccaas-builder-config "${key}")" peer node start
}

wait_for_peer() {
  eval "$(topo org "$1")"
  wait_for_url "http://${ORG_HOST}:${PEER_OPS_PORT}/healthz" 60 ||
    fatalln "${PEER_NAME} did not become healthy; see ${LOG_DIR}/${PEER_NAME}.log"
}

# compact_peer ORG — stops the org's peer, compacts every LevelDB database of its ledger (so that purged private
# data leaves the files, not only the index), and starts it again. One peer at a time keeps the others serving.
compact_peer() {
  local key="$1" compactor
  compactor="$(ensure_compactor)"
  eval "$(topo org "${key}")"
  local data="${FA_HOME}/nodes/${PEER_NAME}/data" dbs=()
  [[ -d "${data}" ]] || fatalln "no ledger for ${PEER_NAME} at ${data}"
  mapfile -t dbs < <(find "${data}" -name CURRENT -type f -printf '%h\n' | sort)
  stop_process "${PEER_NAME}"
  "${compactor}" "${dbs[@]}" || fatalln "compacting ${PEER_NAME}'s databases failed"
  infoln "${PEER_NAME}: compacted ${#dbs[@]} LevelDB databases"
  start_peer "${key}"
  wait_for_peer "${key}"
  wait_for_rejoin "${key}"
}

# ensure_compactor — builds scripts/fabric-tools/fabric/cmd/leveldb-compact once (next to the Fabric binaries,
# from the same pinned module set) and prints its path.
ensure_compactor() {
  local bin_dir out
  bin_dir="$(dirname "$(command -v peer)")"
  out="${bin_dir}/leveldb-compact"
  if [[ ! -x "${out}" ]]; then
    (cd "${ROOT}/scripts/fabric-tools/fabric" && GOFLAGS=-mod=readonly GONOSUMDB=github.com/hyperledger/fabric \
      go build -trimpath -o "${out}" ./cmd/leveldb-compact) >&2 || fatalln "building leveldb-compact failed"
  fi
  echo "${out}"
}
