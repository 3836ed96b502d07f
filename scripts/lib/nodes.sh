# Orderers and peers as native processes.
# shellcheck shell=bash

start_orderers() {
  local node
  for node in $(topo orderers); do
    use_orderer "${node}"
    local dir="${FA_HOME}/nodes/${ORDERER_NAME}"
    topo render-orderer "${node}" "${dir}/orderer.yaml"
    FABRIC_CFG_PATH="${dir}" start_process "${ORDERER_NAME}" "${dir}" orderer
  done
  for node in $(topo orderers); do
    use_orderer "${node}"
    wait_for_url "http://127.0.0.1:${ORDERER_OPS_PORT}/healthz" 60 ||
      fatalln "${ORDERER_NAME} did not become healthy; see ${LOG_DIR}/${ORDERER_NAME}.log"
  done
}

start_peers() {
  local key
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    local dir="${FA_HOME}/nodes/${PEER_NAME}" index
    index="$(topo orgs | tr ' ' '\n' | grep -n "^${key}$" | cut -d: -f1)"
    topo render-core "${key}" "${dir}/core.yaml"
    # The ccaas builder reads where this org's chaincode server listens from this variable.
    FABRIC_CFG_PATH="${dir}" \
      CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG="{\"address\":\"localhost:$((CCAAS_BASE_PORT + index - 1))\",\"root_cert_file\":\"${PEER_TLS_CA}\"}" \
      start_process "${PEER_NAME}" "${dir}" peer node start
  done
  for key in $(topo orgs); do
    eval "$(topo org "${key}")"
    wait_for_url "http://127.0.0.1:${PEER_OPS_PORT}/healthz" 60 ||
      fatalln "${PEER_NAME} did not become healthy; see ${LOG_DIR}/${PEER_NAME}.log"
  done
}
